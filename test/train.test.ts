/**
 * src/train (gd.ts, pgd.ts, flow.ts, recorders.ts, trajectory.ts): the one training path. Bad input
 * is rejected with typed errors before any step; a step is x − η∇f; recorders see every state;
 * the flow's error control converges; the two-layer trajectory equals repeated single steps.
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { type Objective, bindData } from '../src/models/model.ts';
import { initTwoLayer, twoLayerGradient, twoLayerLoss, twoLayerModel, twoLayerTheta } from '../src/models/two-layer.ts';
import { gd, gdStep } from '../src/train/gd.ts';
import { gradientFlow, integrateFlow } from '../src/train/flow.ts';
import {
  blockDriftRecorder, invariantRecorder, lossRecorder, observe, patternFlipRecorder, rowDriftRecorder, rowGradientRecorder, trajectoryRecorder,
} from '../src/train/recorders.ts';
import { powerSchedule } from '../src/train/schedules.ts';
import { twoLayerGd } from '../src/train/trajectory.ts';
import { expectTyped, maxDiff } from './helpers.ts';

function setup(n = 5, m = 50, d = 3, seed = 1) {
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const p = initTwoLayer(r.stream('init'), m, d);
  return { X, y, p };
}

/** f(x) = ½ Σ_j c_j x_j²: GD multiplies x_j by (1 − ηc_j) each step, the flow by e^{−c_j t}. */
function quadratic(c: number[]): Objective {
  return {
    id: 'quadratic', dim: c.length,
    valueGrad(x, g) {
      let f = 0;
      for (let j = 0; j < c.length; j++) { g[j] = c[j] * x[j]; f += 0.5 * c[j] * x[j] * x[j]; }
      return f;
    },
  };
}

describe('gd: one loop for every objective', () => {
  const q = quadratic([1, 4]);

  it('a step is x − η∇f(x), bitwise, and x0 is not modified unless inPlace', () => {
    const x0 = Float64Array.from([0.7, -0.3]);
    const run = gd(q, x0, { eta: 0.1, steps: 1 });
    expect(Array.from(run.x)).toEqual([0.7 - 0.1 * 0.7, -0.3 - 0.1 * (4 * -0.3)]);
    expect(Array.from(x0)).toEqual([0.7, -0.3]);
    gd(q, x0, { eta: 0.1, steps: 1, inPlace: true });
    expect(Array.from(x0)).toEqual(Array.from(run.x));
  });

  it('gdStep is one step of gd, evaluating f once; it rejects a bad η and a non-finite f', () => {
    const x0 = Float64Array.from([0.7, -0.3]);
    let calls = 0;
    const counted: Objective = { ...q, valueGrad: (x, g) => { calls++; return q.valueGrad(x, g); } };
    expect(Array.from(gdStep(counted, x0, 0.1))).toEqual(Array.from(gd(q, x0, { eta: 0.1, steps: 1 }).x));
    expect(calls).toBe(1);
    expectTyped(() => gdStep(q, x0, 0), DomainError, 'eta');
    expectTyped(() => gdStep(quadratic([Infinity]), Float64Array.from([1]), 0.1), NonFiniteError, 'x');
  });

  it('a schedule gives η_t per step; recorders see states 0..K and can stop the run', () => {
    const seen: number[] = [];
    const run = gd(q, Float64Array.from([1, 1]), { eta: powerSchedule(0.1, 1), steps: 3, recorders: [{ record: (t) => { seen.push(t); } }] });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(run.x[0]).toBeCloseTo((1 - 0.1) * (1 - 0.05) * (1 - 0.1 / 3), 15);
    expect(gd(q, Float64Array.from([1, 1]), { eta: 0.1, steps: 100, recorders: [observe((t) => t === 3)] }).steps).toBe(3);
  });

  it('block drift and invariant recorders: GD on ½(ab − 1)² from a = b keeps a − b = 0 (the balance invariant)', () => {
    const blocks = [{ name: 'a', offset: 0, rows: 1, cols: 1, trained: true }, { name: 'b', offset: 1, rows: 1, cols: 1, trained: true }];
    const f: Objective = { id: 'ab', dim: 2, blocks, valueGrad(x, g) { const r = x[0] * x[1] - 1; g[0] = r * x[1]; g[1] = r * x[0]; return 0.5 * r * r; } };
    const x0 = Float64Array.from([0.5, 0.5]);
    const drift = blockDriftRecorder(blocks, x0, 20), balance = invariantRecorder((x) => x[0] - x[1], 20);
    gd(f, x0, { eta: 0.1, steps: 20, recorders: [drift, balance] });
    expect(balance.maxDeviation()).toBe(0);
    const [da, db] = drift.values();
    expect(da.length).toBe(21);
    expect(da[0]).toBe(0);
    expect(Array.from(da)).toEqual(Array.from(db));
    expect(da[20]).toBeGreaterThan(0.4); // a = b → 1
  });

  it('divergence: a non-finite f throws by default, or ends the run flagged; divergeAbove flags too', () => {
    const big = quadratic([1e300]);
    expectTyped(() => gd(big, Float64Array.from([1e10]), { eta: 1, steps: 10 }), NonFiniteError, 'x');
    expect(gd(big, Float64Array.from([1e10]), { eta: 1, steps: 10, onNonFinite: 'stop' }).diverged).toBe(true);
    const run = gd(q, Float64Array.from([1, 1]), { eta: 1, steps: 100, divergeAbove: 1e6 });
    expect(run.diverged).toBe(true);
    expect(run.steps).toBeLessThan(100);
  });

  it('the alternating update steps block 2 from the gradient at the updated block 1', () => {
    const blocks = [{ name: 'a', offset: 0, rows: 1, cols: 1, trained: true }, { name: 'b', offset: 1, rows: 1, cols: 1, trained: true }];
    // f(a, b) = ½(ab − 1)²: ∂_a = (ab − 1)b, ∂_b = (ab − 1)a
    const f: Objective = { id: 'ab', dim: 2, blocks, valueGrad(x, g) { const r = x[0] * x[1] - 1; g[0] = r * x[1]; g[1] = r * x[0]; return 0.5 * r * r; } };
    const eta = 0.1, a = 2, b = 0.25;
    const a1 = a - eta * (a * b - 1) * b, b1 = b - eta * (a1 * b - 1) * a1;
    expect(Array.from(gd(f, Float64Array.from([a, b]), { eta, steps: 1, update: 'alternating' }).x)).toEqual([a1, b1]);
    expectTyped(() => gd(q, Float64Array.from([1, 1]), { eta, steps: 1, update: 'alternating' }), DomainError, 'update');
  });

  it('rejects bad objectives, starts and options with typed errors naming them', () => {
    const x = Float64Array.from([1, 1]);
    expectTyped(() => gd(null as unknown as Objective, x, { eta: 0.1, steps: 1 }), DomainError, 'objective');
    expectTyped(() => gd(q, Float64Array.from([1]), { eta: 0.1, steps: 1 }), ShapeError, 'x0');
    expectTyped(() => gd(q, Float64Array.from([1, NaN]), { eta: 0.1, steps: 1 }), NonFiniteError, 'x0');
    expectTyped(() => gd(q, [1, 1] as unknown as Float64Array, { eta: 0.1, steps: 1 }), ShapeError, 'x0');
    expectTyped(() => gd(q, x, undefined as never), DomainError, 'opts');
    expectTyped(() => gd(q, x, { eta: 0, steps: 1 }), DomainError, 'eta');
    expectTyped(() => gd(q, x, { eta: NaN, steps: 1 }), NonFiniteError, 'eta');
    expectTyped(() => gd(q, x, { eta: '0.1' as unknown as number, steps: 1 }), DomainError, 'eta');
    expectTyped(() => gd(q, x, { eta: 0.1, steps: -1 }), DomainError, 'steps');
    expectTyped(() => gd(q, x, { eta: 0.1, steps: 1.5 }), DomainError, 'steps');
    expectTyped(() => gd(q, x, { eta: 0.1, steps: NaN }), NonFiniteError, 'steps');
    expectTyped(() => gd(q, x, { eta: 0.1, steps: 1, divergeAbove: NaN }), NonFiniteError, 'divergeAbove');
    expectTyped(() => gd(q, x, { eta: 0.1, steps: 1, onNonFinite: 'ignore' as never }), DomainError, 'onNonFinite');
  });
});

describe('gradient flow', () => {
  const q = quadratic([1, 4]);

  it('integrateFlow: RK4 and the midpoint rule follow e^{−ct}; Euler is first order', () => {
    const x0 = Float64Array.from([1, 1]);
    for (const method of ['rk4', 'midpoint'] as const) {
      const { theta } = integrateFlow(q, x0, { method, time: 1, steps: 200 });
      expect(Math.abs(theta[1] - Math.exp(-4))).toBeLessThan(method === 'rk4' ? 1e-9 : 1e-5);
    }
    const e1 = Math.abs(integrateFlow(q, x0, { method: 'euler', time: 1, steps: 100 }).theta[1] - Math.exp(-4));
    const e2 = Math.abs(integrateFlow(q, x0, { method: 'euler', time: 1, steps: 200 }).theta[1] - Math.exp(-4));
    expect(e1 / e2).toBeGreaterThan(1.8);
    expect(e1 / e2).toBeLessThan(2.2);
  });

  it('gradientFlow halves the step until the checkpoints agree to relTol', () => {
    const fl = gradientFlow(q, Float64Array.from([1, 1]), { time: 2, method: 'euler', relTol: 1e-4 });
    expect(fl.converged).toBe(true);
    expect(fl.change).toBeLessThan(1e-4);
    const exact = 0.5 * Math.exp(-2 * 2) + 2 * Math.exp(-8 * 2);
    expect(Math.abs(fl.values[fl.values.length - 1] - exact) / exact).toBeLessThan(1e-3);
    expect(fl.times[fl.times.length - 1]).toBe(2);
  });

  it('rejects bad input with typed errors (a NaN start is never integrated to a NaN θ)', () => {
    const x = Float64Array.from([1, 1]);
    expectTyped(() => integrateFlow(q, Float64Array.from([NaN, 1]), { method: 'rk4', time: 1, steps: 2 }), NonFiniteError, 'theta0');
    expectTyped(() => integrateFlow(q, undefined as never, { method: 'rk4', time: 1, steps: 2 }), ShapeError, 'theta0');
    expectTyped(() => integrateFlow(q, x, { method: 'leapfrog' as never, time: 1, steps: 2 }), DomainError, 'method');
    expectTyped(() => integrateFlow(q, x, { method: 'rk4', time: 0, steps: 2 }), DomainError, 'time');
    expectTyped(() => integrateFlow(quadratic([1e300]), Float64Array.from([1e10]), { method: 'euler', time: 1, steps: 2 }), NonFiniteError, 'x');
    expectTyped(() => gradientFlow(q, x, { time: NaN }), NonFiniteError, 'time');
    expectTyped(() => gradientFlow(q, x, { time: 1, checkpoints: 0 }), DomainError, 'checkpoints');
    expectTyped(() => gradientFlow(q, x, { time: 1, relTol: 0 }), DomainError, 'relTol');
    expectTyped(() => gradientFlow(q, x, { time: 1, maxHalvings: -1 }), DomainError, 'maxHalvings');
  });
});

describe('the two-layer trajectory (thesis (2.2) with the chapter-2 recorders)', () => {
  it('rejects bad model inputs at the boundary where the data is bound', () => {
    const { X, y, p } = setup();
    const zeroWidth = { W: { rows: 0, cols: 3, data: new Float64Array(0) }, a: new Float64Array(0) };
    const nanX = zeros(5, 3); nanX.data[4] = NaN;
    const badY = Float64Array.from(y); badY[2] = Infinity;
    const run = (q = p, XX = X, yy = y) => twoLayerGd(q, XX, yy, { eta: 0.1, steps: 2 });
    expectTyped(() => run(zeroWidth), DomainError, 'W');
    expectTyped(() => run(p, nanX), NonFiniteError, 'X');
    expectTyped(() => run(p, zeros(5, 4)), ShapeError, 'X');
    expectTyped(() => run(p, X, y.subarray(0, 3)), ShapeError, 'y');
    expectTyped(() => run(p, X, badY), NonFiniteError, 'y');
    expectTyped(() => run(p, X, new Float32Array(5) as unknown as Float64Array), ShapeError, 'y');
    expectTyped(() => run({ W: p.W, a: p.a.subarray(1) }), ShapeError, 'a');
    expectTyped(() => twoLayerGd(p, X, y, { eta: 0.1, steps: 2, lambdaMinEvery: 1.5 }), DomainError, 'lambdaMinEvery');
    expectTyped(() => twoLayerGd(p, X, y, { eta: 0.1, steps: 2, divergeAbove: 0 }), DomainError, 'divergeAbove');
  });

  it('one step is W − η∇L with a unchanged; K steps equal K single steps; the records are consistent', () => {
    const { X, y, p } = setup(4, 20, 3, 3);
    const W0 = Float64Array.from(p.W.data);
    const one = twoLayerGd(p, X, y, { eta: 0.3, steps: 1 }).finalParams;
    const G = twoLayerGradient(p, X, y);
    expect(maxDiff(one.W.data, W0.map((w, t) => w - 0.3 * G.data[t]))).toBe(0);
    expect(Array.from(one.a)).toEqual(Array.from(p.a));
    expect(Array.from(p.W.data)).toEqual(Array.from(W0));
    const K = 5, eta = 0.2;
    const tr = twoLayerGd(p, X, y, { eta, steps: K, lambdaMinEvery: 2 });
    let q = p;
    for (let k = 0; k <= K; k++) {
      expect(tr.sqLoss[k]).toBeCloseTo(2 * twoLayerLoss(q, X, y), 13);
      if (k < K) q = twoLayerGd(q, X, y, { eta, steps: 1 }).finalParams;
    }
    expect(maxDiff(tr.finalParams.W.data, q.W.data)).toBe(0);
    expect(tr.steps).toBe(K);
    expect(tr.maxDrift[0]).toBe(0);
    for (let k = 0; k <= K; k++) expect(tr.maxDrift[k]).toBeLessThanOrEqual(tr.maxPathLength[k] + 1e-15);
    expect(tr.lambdaMinH.k).toEqual([0, 2, 4]);
    expect(tr.worstGradRatio).toBeLessThanOrEqual(1 + 1e-12); // §2.1: ‖g_r‖ ≤ √(n/m)‖u − y‖
  });

  it('the fused trajectory recorder equals the four single recorders it stands for', () => {
    const { X, y, p } = setup(6, 30, 3, 6);
    const model = twoLayerModel(30, 3), obj = bindData(model, X, y), x0 = twoLayerTheta(p), W = model.blocks[0], K = 12;
    const flipsOf = { preActivations: () => obj.ws.step.Z, size: 30 * 6, perStep: true };
    const fused = trajectoryRecorder(W, x0, 6, K, flipsOf);
    const loss = lossRecorder(K), drift = rowDriftRecorder(W, x0, K), rows = rowGradientRecorder(W, 6, K);
    const flips = patternFlipRecorder(flipsOf.preActivations, flipsOf.size, K, true);
    gd(obj, x0, { eta: 0.8, steps: K, recorders: [fused, loss, drift, rows, flips] });
    const f = fused.figures();
    expect(Array.from(f.loss)).toEqual(Array.from(loss.values()));
    expect(Array.from(f.maxDrift)).toEqual(Array.from(drift.values()));
    expect(Array.from(f.maxPathLength)).toEqual(Array.from(rows.pathLengths()));
    expect(f.worstGradRatio).toBe(rows.gradRatio());
    expect(Array.from(f.flipFraction)).toEqual(Array.from(flips.fractions()));
    expect(Array.from(f.stepFlips)).toEqual(Array.from(flips.stepFlips()));
    expect(f.flipFraction.some((v) => v > 0)).toBe(true); // η = 0.8 moves some patterns: the counts are exercised
  });

  it('flips are recorded on request; reading unrecorded flips throws instead of reading as none', () => {
    const { X, y, p } = setup(5, 40, 3, 7);
    const plain = twoLayerGd(p, X, y, { eta: 0.5, steps: 5 });
    expectTyped(() => plain.flipFraction, DomainError, 'flips');
    expectTyped(() => plain.stepFlips, DomainError, 'stepFlips');
    const withFlips = twoLayerGd(p, X, y, { eta: 0.5, steps: 5, flips: true });
    expect(withFlips.flipFraction.length).toBe(6);
    expect(withFlips.flipFraction[0]).toBe(0);
    const perStep = twoLayerGd(p, X, y, { eta: 0.5, steps: 5, stepFlips: true });
    expect(perStep.stepFlips.length).toBe(6);
    expect(Array.from(perStep.flipFraction)).toEqual(Array.from(withFlips.flipFraction));
    expect(Array.from(plain.sqLoss)).toEqual(Array.from(withFlips.sqLoss));
  });

  it('is deterministic and stops early below the float floor', () => {
    const { X, y, p } = setup(3, 400, 4, 4);
    const a = twoLayerGd(p, X, y, { eta: 0.5, steps: 3000, stopBelow: 1e-20 });
    const b = twoLayerGd(p, X, y, { eta: 0.5, steps: 3000, stopBelow: 1e-20 });
    expect(Array.from(a.sqLoss)).toEqual(Array.from(b.sqLoss));
    expect(a.steps).toBeLessThan(3000);
    expect(a.sqLoss[a.steps]).toBeLessThan(1e-20);
  });

  it('the bound model is an Objective: gd on it is the trajectory\'s final θ', () => {
    const { X, y, p } = setup(4, 20, 3, 5);
    const model = twoLayerModel(20, 3);
    const run = gd(bindData(model, X, y), twoLayerTheta(p), { eta: 0.2, steps: 7 });
    expect(Array.from(run.x)).toEqual(Array.from(twoLayerGd(p, X, y, { eta: 0.2, steps: 7 }).final));
  });
});
