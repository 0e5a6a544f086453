/** src/train/gd.ts, pgd.ts on the octopus and src/train/escape.ts: GD/PGD semantics (catalog 002e C-06), the recorder and the exact simulator. */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { rng } from '../src/core/rng.ts';
import type { Objective } from '../src/models/model.ts';
import { octopus, octopusGradient, octopusObjective } from '../src/models/octopus.ts';
import { gd as runGd } from '../src/train/gd.ts';
import { pgd as runPgd } from '../src/train/pgd.ts';
import { observe } from '../src/train/recorders.ts';
import {
  EscapeRecorder, escapeRatio, exactGdEscape, float64Faithful, lemma72LowerBound, pgdEscape, stepwiseGdEscape,
  uniformCubeInit,
} from '../src/train/escape.ts';
import { expectTyped } from './helpers.ts';

const E = Math.E;

describe('GD and PGD (Eq. 7.1, Algorithm 2)', () => {
  it('a GD step is x − η∇f(x), bitwise (C-06 test 1)', () => {
    const o = octopus(3, E, 1, E), A = [0.3, -0.2, 0.1];
    const g = octopusGradient(o, A);
    const run = runGd(octopusObjective(o), Float64Array.from(A), { eta: 0.1, steps: 1 });
    for (let j = 0; j < 3; j++) expect(Object.is(run.x[j], A[j] - 0.1 * g[j])).toBe(true);
  });

  it('PGD with g_thres = 0 never perturbs and equals GD bitwise (C-06 test 2)', () => {
    const o = octopus(4, 1.5, 1, E), x0 = uniformCubeInit(4, 7);
    const gdRun = runGd(octopusObjective(o), x0, { eta: 1 / 6, steps: 300 });
    const pgd = runPgd(octopusObjective(o), x0, { eta: 1 / 6, steps: 300, r: 0.1, tThres: 1, gThres: 0, noise: rng(1) });
    expect(pgd.noiseTimes).toEqual([]);
    expect(Array.from(pgd.x)).toEqual(Array.from(gdRun.x));
  });

  it('with t_thres = 1 perturbations are ≥ 2 iterations apart and inside the r-ball (C-06 tests 3–4)', () => {
    const o = octopus(5, 1, 1, E), norms: number[] = [];
    const run = runPgd(octopusObjective(o), uniformCubeInit(5, 3), {
      eta: 0.25, steps: 600, r: E / 100, tThres: 1, gThres: E / 100, noise: rng(5),
      onNoise: (_t, xi) => { norms.push(Math.hypot(...xi)); },
    });
    expect(run.noiseTimes.length).toBeGreaterThan(10);
    for (let q = 1; q < run.noiseTimes.length; q++) expect(run.noiseTimes[q] - run.noiseTimes[q - 1]).toBeGreaterThanOrEqual(2);
    expect(Math.max(...norms)).toBeLessThanOrEqual(E / 100);
  });

  it('recorders stop runs; bad options are rejected with typed errors', () => {
    const o = octopus(2, 1, 1, E), obj = octopusObjective(o);
    expect(runGd(obj, Float64Array.from([0.5, 0.5]), { eta: 0.25, steps: 100, recorders: [observe((t) => t === 3)] }).steps).toBe(3);
    expectTyped(() => runGd(obj, Float64Array.from([0.5]), { eta: 0.25, steps: 1 }), ShapeError, 'x0');
    expectTyped(() => runGd(obj, Float64Array.from([0.5, NaN]), { eta: 0.25, steps: 1 }), NonFiniteError, 'x0');
    expectTyped(() => runGd(obj, Float64Array.from([0.5, 0.5]), { eta: 0, steps: 1 }), DomainError, 'eta');
    expectTyped(() => runGd(obj, Float64Array.from([0.5, 0.5]), { eta: 0.25, steps: 1.5 }), DomainError, 'steps');
    const pgd = { eta: 0.25, steps: 1, r: 0.1, tThres: 1, gThres: 0.1, noise: rng(1) };
    expectTyped(() => runPgd(obj, Float64Array.from([0.5, 0.5]), { ...pgd, r: -1 }), DomainError, 'r');
    expectTyped(() => runPgd(obj, Float64Array.from([0.5, 0.5]), { ...pgd, tThres: 0.5 }), DomainError, 'tThres');
    expectTyped(() => runPgd(obj, Float64Array.from([0.5, 0.5]), { ...pgd, gThres: NaN }), NonFiniteError, 'gThres');
    const diverging: Objective = { id: 'diverging', dim: 1, valueGrad: (x, g) => { g[0] = -2 * x[0]; return -x[0] * x[0] * 1e300; } };
    expectTyped(() => runGd(diverging, Float64Array.from([1e10]), { eta: 1, steps: 10 }), NonFiniteError, 'x');
  });
});

describe('escape times (catalog §2.5, §2.7)', () => {
  it('golden trajectories: event simulator = step-by-step GD = catalog', () => {
    const o = octopus(5, 1, 1, E);
    for (const [x0, S, T] of [
      [[0.5, 0.5, 0.5, 0.5, 0.5], [5, 20, 61, 171, 471], [6, 21, 62, 173, 472]],
      [[0.1, -0.2, 0.3, -0.4, 0.5], [9, 33, 97, 271, 740], [10, 34, 99, 272, 742]],
    ]) {
      const ex = exactGdEscape(o, x0, 0.25), st = stepwiseGdEscape(o, x0, 0.25, 2000);
      expect(Array.from(ex.S)).toEqual(S);
      expect(Array.from(ex.T)).toEqual(T);
      expect(Array.from(st.S)).toEqual(S);
      expect(Array.from(st.T)).toEqual(T);
    }
    const o10 = octopus(10, E, 1, E);
    expect(Array.from(exactGdEscape(o10, new Array(10).fill(0.5), 1 / (4 * E)).T))
      .toEqual([13, 77, 399, 2047, 10460, 53408, 272665, 1392006, 7106428, 36279489]);
  });

  it('naive float64 GD freezes at the smallest subnormal where the simulator escapes (§2.8 trap 1)', () => {
    const o = octopus(10, 1, 1, E), x0 = uniformCubeInit(10, 3);
    const ex = exactGdEscape(o, x0, 0.25);
    expect(float64Faithful(o, x0, 0.25, ex.S)).toBe(false);
    const st = stepwiseGdEscape(o, x0, 0.25, ex.T[9] + 100);
    expect(st.T[9]).toBe(Infinity);
    expect(Math.min(...Array.from(st.x, Math.abs))).toBe(5e-324);
    expect(ex.T[9]).toBe(69502);
  });

  it('sampled objective values equal step-by-step f (the figure data)', () => {
    const o = octopus(5, 1.5, 1, E), eta = 1 / 6, x0 = uniformCubeInit(5, 3);
    const T = exactGdEscape(o, x0, eta).T[4];
    const times = Array.from({ length: T + 20 }, (_, t) => t);
    const f = exactGdEscape(o, x0, eta, times).f;
    runGd(octopusObjective(o), x0, {
      eta, steps: T + 19,
      recorders: [observe((t, _x, ft) => { expect(Math.abs(ft - f[t]) / Math.max(1, Math.abs(ft))).toBeLessThan(1e-12); })],
    });
  });

  it('zero coordinates never escape; constants; rejection of bad input', () => {
    const o = octopus(3, 1, 1, E);
    const ex = exactGdEscape(o, [0.5, 0, 0.5], 0.25);
    expect(ex.T[0]).toBe(6);
    expect(ex.T[1]).toBe(Infinity);
    expect(escapeRatio(o, 0.25)).toBeCloseTo(1 + Math.LN2 / Math.log(1.5), 12);
    expect(lemma72LowerBound(o, 0.25)).toBe(2 * 2 ** 2);
    expectTyped(() => exactGdEscape(o, [0.5, 0.5, 0.5], 0.5), DomainError, 'eta'); // η = 1/(2L): erratum E13
    expectTyped(() => exactGdEscape(o, [0.5, 2 * E, 0.5], 0.25), DomainError, 'x0');
    expectTyped(() => exactGdEscape(o, [0.5, 0.5], 0.25), ShapeError, 'x0');
    expectTyped(() => exactGdEscape(octopus(3, 1, 1.5, E), [0.5, 0.5, 0.5], 0.25), DomainError, 'gamma');
    expectTyped(() => exactGdEscape(o, [0.5, 0.5, 0.5], 0.25, [3, 1]), DomainError, 'sampleTimes');
    expectTyped(() => new EscapeRecorder(0, E), DomainError, 'd');
    expectTyped(() => new EscapeRecorder(2, E).observe(0, [1]), ShapeError, 'x');
  });

  it('the recorder: S_k, T_k and transition counts; PGD escapes', () => {
    const rec = new EscapeRecorder(2, 1);
    rec.observe(0, [0.5, 0.1]);
    rec.observe(1, [1.5, 0.1]);
    expect(rec.observe(2, [2.5, 0.1])).toBe(false);
    expect(rec.observe(3, [3, 2])).toBe(true);
    expect(Array.from(rec.S)).toEqual([1, 3]);
    expect(Array.from(rec.T)).toEqual([2, 3]);
    expect(Array.from(rec.transitions)).toEqual([1, 0]);
    const o = octopus(6, 1, 1, E), p = pgdEscape(o, uniformCubeInit(6, 1), 1, 5000);
    expect(p.T[5]).toBeLessThan(30 * 2 * 6);
    expect(p.noiseTimes.length).toBeGreaterThan(0);
  });
});
