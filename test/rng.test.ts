/** src/core/rng.ts: determinism, named streams, distributions, and typed rejection of bad input. */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { Rng, rng } from '../src/core/rng.ts';
import { expectTyped } from './helpers.ts';

const draw = (r: Rng, k: number, f: (r: Rng) => number): number[] => Array.from({ length: k }, () => f(r));

/** Pearson correlation of two equal-length samples. */
function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n, mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}

describe('Rng determinism and streams', () => {
  it('the same seed gives the same sequence, for every sampler', () => {
    const f = (r: Rng) => [
      ...draw(r, 5, (s) => s.uniform()), ...draw(r, 5, (s) => s.normal()), ...draw(r, 5, (s) => s.int(1000)),
      ...draw(r, 5, (s) => s.rademacher()), ...r.sphere(4), ...r.ball(3, 2), r.uniformIn(-3, 5),
    ];
    expect(f(rng(12345))).toEqual(f(rng(12345)));
    expect(f(rng('12345'))).toEqual(f(rng(12345))); // the key is the string form
    expect(f(rng(12346))).not.toEqual(f(rng(12345)));
  });

  it('the values of a seed are fixed, and so is how many draws each call consumes', () => {
    const r = new Rng(7), a = new Float64Array(3);
    r.fillNormal(a);
    expect([...a, r.normal()]).toEqual([-0.4930925528111938, -1.1375670756258478, -0.928704758895168, -0.49559231537784043]);
    const q = new Rng(7), b = new Float64Array(5);
    q.fillRademacher(b);
    expect([...b, q.uniform()]).toEqual([-1, -1, -1, -1, 1, 0.6959035162828141]);
  });

  it('named streams are reproducible and depend only on the parent key, not on its consumption', () => {
    const a1 = draw(rng(7).stream('data'), 20, (r) => r.normal());
    const parent = rng(7);
    draw(parent, 1000, (r) => r.normal()); // consuming the parent does not move its streams
    const a2 = draw(parent.stream('data'), 20, (r) => r.normal());
    expect(a2).toEqual(a1);
    // Nested streams compose by name.
    expect(draw(rng(7).stream('a').stream('b'), 5, (r) => r.uniform())).toEqual(draw(rng('7/a/b'), 5, (r) => r.uniform()));
  });

  it('different stream names (and different seeds) give uncorrelated sequences', () => {
    const N = 20_000;
    const bound = 4 / Math.sqrt(N); // |corr| of independent samples is ~N(0, 1/N)
    const x = draw(rng(3).stream('W'), N, (r) => r.normal());
    const y = draw(rng(3).stream('a'), N, (r) => r.normal());
    const z = draw(rng(4).stream('W'), N, (r) => r.normal());
    const p = draw(rng(3), N, (r) => r.normal());
    expect(Math.abs(corr(x, y))).toBeLessThan(bound);
    expect(Math.abs(corr(x, z))).toBeLessThan(bound);
    expect(Math.abs(corr(x, p))).toBeLessThan(bound);
    // Lag-1 autocorrelation within a stream.
    expect(Math.abs(corr(x.slice(1), x.slice(0, -1)))).toBeLessThan(bound);
  });
});

describe('Rng distributions (fixed seeds; bounds at ≥ 4 standard errors)', () => {
  const N = 100_000;

  it('uniform is in [0, 1) with mean ½ and variance 1/12; int is in range and balanced', () => {
    const u = draw(rng(1), N, (r) => r.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const m = u.reduce((s, v) => s + v, 0) / N;
    const v = u.reduce((s, x) => s + (x - m) ** 2, 0) / (N - 1);
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / N));
    const counts = new Array(7).fill(0);
    for (const k of draw(rng(2), 70_000, (r) => r.int(7))) counts[k]++;
    // χ² with 6 dof: P[χ² > 27] < 2e-4.
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27);
    const lohi = draw(rng(3), 1000, (r) => r.uniformIn(-2, 3));
    expect(Math.min(...lohi)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...lohi)).toBeLessThan(3);
    expect(rng(3).uniformIn(4, 4)).toBe(4);
  });

  it('normal has mean 0, variance 1, no skew and kurtosis 3', () => {
    const g = draw(rng(11), N, (r) => r.normal());
    const m = g.reduce((s, v) => s + v, 0) / N;
    const m2 = g.reduce((s, v) => s + v * v, 0) / N;
    const m3 = g.reduce((s, v) => s + v ** 3, 0) / N;
    const m4 = g.reduce((s, v) => s + v ** 4, 0) / N;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m3)).toBeLessThan(5 * Math.sqrt(15 / N));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / N));
    const f = rng(11).fillNormal(new Float64Array(5), 3);
    expect(Array.from(f)).toEqual(draw(rng(11), 5, (r) => 3 * r.normal()));
  });

  it('sphere points have unit norm, zero mean and isotropic coordinates', () => {
    const d = 5, K = 20_000, r = rng(21);
    const sum = new Float64Array(d), sq = new Float64Array(d);
    let worstNorm = 0;
    for (let t = 0; t < K; t++) {
      const x = r.sphere(d);
      let n2 = 0;
      for (let k = 0; k < d; k++) { n2 += x[k] * x[k]; sum[k] += x[k]; sq[k] += x[k] * x[k]; }
      worstNorm = Math.max(worstNorm, Math.abs(Math.sqrt(n2) - 1));
    }
    expect(worstNorm).toBeLessThan(4e-16);
    for (let k = 0; k < d; k++) {
      expect(Math.abs(sum[k] / K)).toBeLessThan(5 * Math.sqrt(1 / d / K));
      // E[x_k²] = 1/d; Var[x_k²] = 2(d−1)/(d²(d+2)).
      expect(Math.abs(sq[k] / K - 1 / d)).toBeLessThan(5 * Math.sqrt((2 * (d - 1)) / (d * d * (d + 2)) / K));
    }
    // In place at an offset, leaving the rest untouched.
    const out = new Float64Array(7).fill(9);
    rng(1).sphere(3, out, 2);
    expect([out[0], out[1], out[5], out[6]]).toEqual([9, 9, 9, 9]);
    expect(Math.hypot(out[2], out[3], out[4])).toBeCloseTo(1, 15);
    expect(Array.from(out.subarray(2, 5))).toEqual(Array.from(rng(1).sphere(3)));
  });

  it('ball radii follow P[‖x‖ ≤ s·r] = s^d (Kolmogorov–Smirnov)', () => {
    for (const [d, radius] of [[1, 1], [3, 2], [10, 0.5]] as const) {
      const K = 20_000, r = rng(31 + d);
      const t = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        const x = r.ball(d, radius);
        let n2 = 0;
        for (let c = 0; c < d; c++) n2 += x[c] * x[c];
        t[k] = Math.sqrt(n2) / radius;
      }
      t.sort();
      let D = 0;
      for (let k = 0; k < K; k++) {
        const F = t[k] ** d;
        D = Math.max(D, Math.abs(F - k / K), Math.abs(F - (k + 1) / K));
      }
      expect(t[K - 1]).toBeLessThanOrEqual(1);
      expect(D, `d=${d}`).toBeLessThan(1.95 / Math.sqrt(K)); // KS critical value at α = 0.001
    }
    expect(Array.from(rng(1).ball(3, 0)).map(Math.abs)).toEqual([0, 0, 0]);
    // In place at an offset, leaving the rest untouched.
    const out = new Float64Array([0, 0, 0, 42]);
    rng(1).ball(3, 2, out, 0);
    expect(out[3]).toBe(42);
    expect(Math.hypot(out[0], out[1], out[2])).toBeLessThanOrEqual(2);
  });

  it('Rademacher is ±1 and balanced', () => {
    const v = rng(41).fillRademacher(new Float64Array(N));
    let plus = 0, other = 0;
    for (const x of v) { if (x === 1) plus++; else if (x !== -1) other++; }
    expect(other).toBe(0);
    expect(Math.abs(plus - N / 2)).toBeLessThan(4 * Math.sqrt(N) / 2);
    // Runs: consecutive equal signs about half the time.
    let same = 0;
    for (let k = 1; k < N; k++) if (v[k] === v[k - 1]) same++;
    expect(Math.abs(same - (N - 1) / 2)).toBeLessThan(4 * Math.sqrt(N) / 2);
  });
});

describe('Rng rejects bad input with typed errors', () => {
  it('seeds and stream names', () => {
    expectTyped(() => rng(NaN), NonFiniteError, 'seed');
    expectTyped(() => new Rng(Infinity), NonFiniteError, 'seed');
    expectTyped(() => rng(null as unknown as number), DomainError, 'seed');
    expectTyped(() => rng(1).stream(''), DomainError, 'name');
    expectTyped(() => rng(1).stream(5 as unknown as string), DomainError, 'name');
    expectTyped(() => new Rng({} as unknown as number), DomainError, 'seed');
  });

  it('uniformIn / int', () => {
    const r = rng(1);
    expectTyped(() => r.uniformIn(NaN, 1), NonFiniteError, 'lo');
    expectTyped(() => r.uniformIn(0, Infinity), NonFiniteError, 'hi');
    expectTyped(() => r.uniformIn(-Infinity, Infinity), NonFiniteError, 'lo');
    expectTyped(() => r.uniformIn(2, 1), DomainError, 'hi');
    expectTyped(() => r.int(0), DomainError, 'n');
    expectTyped(() => r.int(2.5), DomainError, 'n');
    expectTyped(() => r.int(NaN), NonFiniteError, 'n');
  });

  it('fillNormal / fillRademacher', () => {
    const r = rng(1);
    expectTyped(() => r.fillNormal(new Float64Array(3), NaN), NonFiniteError, 'scale');
    expectTyped(() => r.fillNormal(new Float64Array(3), Infinity), NonFiniteError, 'scale');
    expectTyped(() => r.fillNormal([0, 0] as unknown as Float64Array), ShapeError, 'out');
    expectTyped(() => r.fillRademacher(new Float32Array(2) as unknown as Float64Array), ShapeError, 'out');
  });

  it('sphere / ball: dimension, radius, output span', () => {
    const r = rng(1);
    expectTyped(() => r.sphere(0), DomainError, 'd');
    expectTyped(() => r.sphere(-1), DomainError, 'd');
    expectTyped(() => r.sphere(NaN), NonFiniteError, 'd');
    expectTyped(() => r.sphere(3, new Float64Array(2)), ShapeError, 'out');
    expectTyped(() => r.sphere(3, new Float64Array(5), 3), ShapeError, 'out');
    expectTyped(() => r.sphere(3, new Float64Array(5), -1), ShapeError, 'out');
    expectTyped(() => r.sphere(3, new Float64Array(5), 0.5), ShapeError, 'out');
    expectTyped(() => r.sphere(3, new Float64Array(5), NaN), NonFiniteError, 'offset');
    expectTyped(() => r.ball(0), DomainError, 'd');
    expectTyped(() => r.ball(3, -1), DomainError, 'r');
    expectTyped(() => r.ball(3, NaN), NonFiniteError, 'r');
    expectTyped(() => r.ball(3, Infinity), NonFiniteError, 'r');
    expectTyped(() => r.ball(3, 1, new Float64Array(2)), ShapeError, 'out');
    expectTyped(() => r.ball(3, 1, [0, 0, 0] as unknown as Float64Array), ShapeError, 'out');
  });
});
