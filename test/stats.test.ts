/**
 * src/stats against reference values (scipy 1.17: scipy.stats.beta.ppf for Clopper–Pearson,
 * binom.cdf / binom.sf, t.ppf / t.cdf, linregress; computed once by hand, not a dependency).
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { rng } from '../src/core/rng.ts';
import { binomialCdf, binomialUpperTail, clopperPearsonLower, clopperPearsonUpper, logBinomial } from '../src/stats/clopper-pearson.ts';
import { linearFit, logLogSlope, studentTCdf, studentTQuantile } from '../src/stats/slope.ts';
import { mean, median, quantile, standardError, stdev } from '../src/stats/summary.ts';
import { expectTyped } from './helpers.ts';

describe('Clopper–Pearson bounds', () => {
  it('k = 0: the upper bound is 1 − α^{1/n} (0.0722 for n = 40, α = 0.05)', () => {
    expect(clopperPearsonUpper(0, 40, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 40), 15);
    expect(clopperPearsonUpper(0, 40, 0.05)).toBeCloseTo(0.0722, 4);
    expect(clopperPearsonLower(0, 40, 0.05)).toBe(0);
    expect(clopperPearsonUpper(7, 7, 0.1)).toBe(1);
    expect(clopperPearsonLower(7, 7, 0.1)).toBeCloseTo(0.1 ** (1 / 7), 15);
  });

  it('matches scipy beta.ppf', () => {
    const ref: Array<[number, number, number, number, number]> = [
      // k, n, alpha, upper = beta.ppf(1−α, k+1, n−k), lower = beta.ppf(α, k, n−k+1)
      [3, 40, 0.05, 0.18258685001590122, 0.020753601475701208],
      [10, 100, 0.01, 0.191330285386031, 0.04235209236396384],
      [1, 20, 0.05, 0.2161061642068473, 0.0025613787765302806],
      [50, 100, 0.05, 0.5863782853690882, 0.41362171463091174],
      [99, 100, 0.05, 0.9994871985837377, 0.9534401885464611],
    ];
    for (const [k, n, a, up, lo] of ref) {
      expect(Math.abs(clopperPearsonUpper(k, n, a) - up), `upper ${k}/${n}`).toBeLessThan(1e-12);
      expect(Math.abs(clopperPearsonLower(k, n, a) - lo), `lower ${k}/${n}`).toBeLessThan(1e-12);
    }
  });

  it('has exact coverage ≥ 1 − α for every true rate (n = 30, α = 0.05)', () => {
    const n = 30, alpha = 0.05;
    const up = Array.from({ length: n + 1 }, (_, k) => clopperPearsonUpper(k, n, alpha));
    const lo = Array.from({ length: n + 1 }, (_, k) => clopperPearsonLower(k, n, alpha));
    for (let p = 0.005; p < 1; p += 0.01) {
      let covU = 0, covL = 0;
      for (let k = 0; k <= n; k++) {
        const pmf = Math.exp(logBinomial(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
        if (up[k] >= p) covU += pmf;
        if (lo[k] <= p) covL += pmf;
      }
      expect(covU, `p=${p}`).toBeGreaterThanOrEqual(1 - alpha - 1e-12);
      expect(covL, `p=${p}`).toBeGreaterThanOrEqual(1 - alpha - 1e-12);
    }
  });

  it('rejects bad counts and levels with the right class and argument', () => {
    for (const f of [clopperPearsonUpper, clopperPearsonLower]) {
      expectTyped(() => f(5, 4, 0.05), DomainError, 'k');
      expectTyped(() => f(-1, 4, 0.05), DomainError, 'k');
      expectTyped(() => f(1.5, 4, 0.05), DomainError, 'k');
      expectTyped(() => f(NaN, 4, 0.05), NonFiniteError, 'k');
      expectTyped(() => f(0, 0, 0.05), DomainError, 'n');
      expectTyped(() => f(0, Infinity, 0.05), NonFiniteError, 'n');
      expectTyped(() => f(1, 4, 0), DomainError, 'alpha');
      expectTyped(() => f(1, 4, 1), DomainError, 'alpha');
      expectTyped(() => f(1, 4, NaN), NonFiniteError, 'alpha');
    }
  });
});

describe('binomial tails', () => {
  it('match scipy binom.cdf / binom.sf', () => {
    const ref: Array<[number, number, number, number, number]> = [
      // k, n, p, P[X ≤ k], P[X ≥ k]
      [3, 10, 0.2, 0.8791261183999999, 0.32220047360000015],
      [0, 10, 0.3, 0.028247524900000005, 1],
      [10, 10, 0.5, 1, 0.0009765625],
      [17, 50, 0.25, 0.9448766396662941, 0.09830732478526512],
      [5, 40, 0.05, 0.9861230507866964, 0.0480282602542153],
    ];
    for (const [k, n, p, cdf, sf] of ref) {
      expect(Math.abs(binomialCdf(k, n, p) - cdf)).toBeLessThan(1e-13);
      expect(Math.abs(binomialUpperTail(k, n, p) - sf)).toBeLessThan(1e-13);
    }
  });

  it('P[X ≤ k] + P[X ≥ k+1] = 1, endpoints p ∈ {0, 1}', () => {
    for (let k = 0; k < 12; k++) expect(binomialCdf(k, 12, 0.37) + binomialUpperTail(k + 1, 12, 0.37)).toBeCloseTo(1, 14);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialUpperTail(1, 5, 0)).toBe(0);
    expect(binomialCdf(4, 5, 1)).toBe(0);
  });

  it('logBinomial', () => {
    expect(logBinomial(10, 3)).toBeCloseTo(Math.log(120), 13);
    expect(logBinomial(0, 0)).toBe(0);
    expectTyped(() => logBinomial(5, 6), DomainError, 'k');
    expectTyped(() => logBinomial(-1, 0), DomainError, 'n');
    expectTyped(() => logBinomial(NaN, 0), NonFiniteError, 'n');
    expectTyped(() => logBinomial(0, 1), DomainError, 'k');
  });

  it('reject p outside [0, 1] and bad counts', () => {
    for (const f of [binomialCdf, binomialUpperTail]) {
      expectTyped(() => f(1, 4, 1.2), DomainError, 'p');
      expectTyped(() => f(1, 4, -0.1), DomainError, 'p');
      expectTyped(() => f(1, 4, NaN), NonFiniteError, 'p');
      expectTyped(() => f(5, 4, 0.5), DomainError, 'k');
      expectTyped(() => f(1, 0, 0.5), DomainError, 'n');
    }
  });
});

describe('Student t', () => {
  it('quantiles match scipy t.ppf (t_{0.975,10} = 2.228)', () => {
    const ref: Array<[number, number, number]> = [
      [0.975, 10, 2.228138851986274], [0.95, 1, 6.313751514675037], [0.995, 3, 5.840909309733355],
      [0.9, 30, 1.3104150253913955], [0.6, 2.5, 0.2814595127485477], [0.025, 10, -2.2281388519862753],
      [1e-20, 1, -3.183098861837907e19], [1 - 1e-12, 3, 10331.184426046091],
    ];
    for (const [p, nu, want] of ref) expect(Math.abs(studentTQuantile(p, nu) - want) / Math.abs(want), `t_{${p},${nu}}`).toBeLessThan(1e-12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.5, 4)).toBe(0);
  });

  it('cdf matches scipy t.cdf and inverts the quantile', () => {
    expect(studentTCdf(1.5, 4)).toBeCloseTo(0.896, 14);
    expect(studentTCdf(-0.3, 7)).toBeCloseTo(0.3864450252010671, 14);
    expect(studentTCdf(2, 1)).toBeCloseTo(0.8524163823495667, 14); // Cauchy: ½ + atan(2)/π
    for (const p of [0.01, 0.3, 0.77, 0.999]) expect(studentTCdf(studentTQuantile(p, 6), 6)).toBeCloseTo(p, 13);
  });

  it('rejects bad p, t and degrees of freedom', () => {
    expectTyped(() => studentTQuantile(0, 3), DomainError, 'p');
    expectTyped(() => studentTQuantile(1, 3), DomainError, 'p');
    expectTyped(() => studentTQuantile(NaN, 3), NonFiniteError, 'p');
    expectTyped(() => studentTQuantile(0.9, 0), DomainError, 'nu');
    expectTyped(() => studentTQuantile(0.9, NaN), NonFiniteError, 'nu');
    expectTyped(() => studentTCdf(NaN, 3), NonFiniteError, 't');
    expectTyped(() => studentTCdf(1, -2), DomainError, 'nu');
    expectTyped(() => studentTCdf(1, Infinity), NonFiniteError, 'nu');
  });
});

describe('log-log slope', () => {
  it('is exact on exact power laws, with a zero-width interval', () => {
    const xs = [1, 2, 4, 8, 16, 32, 64];
    for (const k of [-0.5, 1, 2.5]) {
      const fit = logLogSlope(xs, xs.map((x) => 3 * x ** k));
      expect(fit.slope).toBeCloseTo(k, 13);
      expect(fit.intercept).toBeCloseTo(Math.log(3), 12);
      expect(fit.stderr).toBeLessThan(1e-13);
      expect(fit.hi - fit.lo).toBeLessThan(1e-12);
      expect(fit.points).toBe(7);
    }
    // Two points: exact slope, no residual degrees of freedom.
    const two = logLogSlope([10, 1000], [1, 100]);
    expect(two.slope).toBeCloseTo(1, 14);
    expect(two.stderr).toBe(0);
  });

  it('matches scipy linregress and t.ppf on noisy data', () => {
    const xs = [1, 2, 4, 8, 16, 32], ys = [3.1, 2.2, 1.45, 1.1, 0.74, 0.56];
    const fit = logLogSlope(xs, ys);
    expect(fit.slope).toBeCloseTo(-0.49880330960744496, 13);
    expect(fit.intercept).toBeCloseTo(1.115328539280144, 13);
    expect(fit.stderr).toBeCloseTo(0.013234086035311348, 13);
    expect(fit.lo).toBeCloseTo(-0.5355470230019517, 12);
    expect(fit.hi).toBeCloseTo(-0.4620595962129383, 12);
    expect(logLogSlope(xs, ys, 0.9).lo).toBeCloseTo(-0.5270163533917939, 12);
  });

  it('its 95% interval covers the true exponent about 95% of the time', () => {
    const r = rng(2024);
    const xs = [1, 2, 4, 8, 16, 32, 64, 128];
    const trials = 400;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const ys = xs.map((x) => 2 * x ** -1.5 * Math.exp(0.2 * r.normal()));
      const fit = logLogSlope(xs, ys);
      if (fit.lo <= -1.5 && -1.5 <= fit.hi) covered++;
    }
    // Binomial(400, 0.95): sd ≈ 4.4 cases; allow ±4 sd.
    expect(covered).toBeGreaterThan(380 - 18);
    expect(covered).toBeLessThan(380 + 18);
  });

  it('rejects mismatched, too short, degenerate, non-positive and non-finite data', () => {
    expectTyped(() => logLogSlope([1, 2, 3], [1, 2]), ShapeError, 'ys');
    expectTyped(() => logLogSlope([1], [1]), ShapeError, 'xs');
    expectTyped(() => logLogSlope([2, 2, 2], [1, 2, 3]), DomainError, 'xs');
    expectTyped(() => logLogSlope([1, 0, 3], [1, 2, 3]), DomainError, 'xs');
    expectTyped(() => logLogSlope([1, 2, 3], [1, -2, 3]), DomainError, 'ys');
    expectTyped(() => logLogSlope([1, NaN, 3], [1, 2, 3]), NonFiniteError, 'xs');
    expectTyped(() => logLogSlope([1, 2, 3], [1, 2, Infinity]), NonFiniteError, 'ys');
    expectTyped(() => logLogSlope([1, 2, 3], [1, 2, 3], 1), DomainError, 'level');
    expectTyped(() => logLogSlope([1, 2, 3], [1, 2, 3], NaN), NonFiniteError, 'level');
    expectTyped(() => linearFit([1, 2, 3], [1, 2]), ShapeError, 'ys');
    expectTyped(() => linearFit([0, 1], [NaN, 1]), NonFiniteError, 'ys');
    expectTyped(() => linearFit([0, 1, 2], [0, 1, 2], 0), DomainError, 'level');
  });
});

describe('summaries', () => {
  it('mean, stdev, standard error, quantiles', () => {
    const xs = [4, 1, 3, 2];
    expect(mean(xs)).toBe(2.5);
    expect(stdev(xs)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(standardError(xs)).toBeCloseTo(Math.sqrt(5 / 3) / 2, 15);
    expect(stdev([7])).toBe(0);
    expect(median(xs)).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(4);
    expect(quantile(xs, 0.25)).toBe(1.75);
  });

  it('reject empty and non-finite samples and q outside [0, 1]', () => {
    for (const f of [mean, stdev, standardError, median]) {
      expectTyped(() => f([]), ShapeError, 'xs');
      expectTyped(() => f([1, NaN]), NonFiniteError, 'xs');
      expectTyped(() => f(Float64Array.of(-Infinity)), NonFiniteError, 'xs');
    }
    expectTyped(() => quantile([], 0.5), ShapeError, 'xs');
    expectTyped(() => quantile([1, 2], 1.5), DomainError, 'q');
    expectTyped(() => quantile([1, 2], -0.1), DomainError, 'q');
    expectTyped(() => quantile([1, 2], NaN), NonFiniteError, 'q');
  });
});
