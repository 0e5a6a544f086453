/**
 * Unit tests for the chapter-4 models and training utilities: exact gradients against central
 * differences (catalog 002c §3.5: relative error ≤ 1e-6 away from kinks), the fused/vector fast
 * paths against their references, the integrators' orders, the schedule constants, and the typed
 * errors every public function raises on bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  type Activation, activationByName, gelu, leakyRelu, linear, piecewiseLinear, relu, reluPower, sigmoid, softplus, tanh,
} from '../src/core/activations.ts';
import { DomainError, type GdTheoryError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { conv1dMap, layerParams, randomSharingMap, sharedLossGradInto, sharedNet, sharedParamCount, sharedWorkspace, sharingMap } from '../src/models/conv1d.ts';
import {
  type LossName, deepFcArch, deepFcLoss, deepFcLossGrad, deepFcParams, deepFcWorkspace, forwardInto, initDeepFc,
  requireDeepFcInputs, requireDeepFcWorkspace,
} from '../src/models/deep-fc.ts';
import {
  assembleHessian, constructedStationaryPoint, frobenius, hessianQuadForm, matmul, matmulAtB, mfLoss, mfLossGrad,
  mfLossGradInto, mfLossGradReference, mfObjective, mfWorkspace, procrustes, randomLowRankTarget, randomOrthonormal,
  rank1Objective, rank1Scalars, stack,
} from '../src/models/matrix-factorization.ts';
import type { Objective } from '../src/models/model.ts';
import { flowStepper, integrateFlow } from '../src/train/flow.ts';
import { gd } from '../src/train/gd.ts';
import {
  constantSchedule, footnote6Eta0, footnote6Schedule, powerSchedule, riemannZeta, sumSquares, thesisTheorem44Schedule,
} from '../src/train/schedules.ts';

type ErrorCtor = new (message: string, argument: string) => GdTheoryError;

function expectThrows(fn: () => unknown, cls: ErrorCtor, argument: string): void {
  let caught: unknown = null;
  try { fn(); } catch (e) { caught = e; }
  expect(caught, `expected ${cls.name}(${argument})`).toBeInstanceOf(cls);
  expect((caught as GdTheoryError).constructor).toBe(cls);
  expect((caught as GdTheoryError).argument).toBe(argument);
}

function gaussian(seed: number, rows: number, cols: number, scale = 1): Matrix {
  const m = zeros(rows, cols);
  rng(seed).fillNormal(m.data, scale);
  return m;
}

describe('activations (thesis §4.2.1, catalog §3.4)', () => {
  const xs = [-3.7, -1, -1e-3, 0, 2e-3, 0.5, 4.2];
  it('the piecewise-linear family satisfies σ(x) = σ\'(x)x; the controls do not', () => {
    for (const a of [relu(), leakyRelu(0.3), linear(), piecewiseLinear(1.7, -0.4)]) {
      expect(a.homogeneous).toBe(true);
      for (const x of xs) expect(Math.abs(a.value(x) - a.derivative(x) * x)).toBeLessThanOrEqual(1e-15 * Math.abs(x));
    }
    for (const a of [tanh(), softplus(), sigmoid(), gelu(), reluPower(2)]) {
      expect(a.homogeneous).toBe(false);
      expect(Math.max(...xs.map((x) => Math.abs(a.value(x) - a.derivative(x) * x)))).toBeGreaterThan(1e-3);
    }
  });
  it('derivatives match central differences away from kinks', () => {
    for (const a of [tanh(), softplus(), sigmoid(), gelu(), reluPower(3), leakyRelu(0.2)]) {
      for (const x of [-2.3, -0.4, 0.7, 1.9]) {
        const fd = (a.value(x + 1e-6) - a.value(x - 1e-6)) / 2e-6;
        expect(Math.abs(fd - a.derivative(x))).toBeLessThan(1e-7);
      }
    }
  });
  it('max(0,x)^k has σ\'(x)x = kσ(x)', () => {
    const a = reluPower(3);
    for (const x of xs) expect(a.derivative(x) * x).toBeCloseTo(3 * a.value(x), 12);
  });
  it('rejects bad parameters with typed errors', () => {
    expectThrows(() => leakyRelu(1.5), DomainError, 'a');
    expectThrows(() => leakyRelu(NaN), NonFiniteError, 'a');
    expectThrows(() => piecewiseLinear(Infinity, 1), NonFiniteError, 'aPlus');
    expectThrows(() => reluPower(1), DomainError, 'k');
    expectThrows(() => activationByName('swish' as never), DomainError, 'name');
  });
});

describe('deep fully-connected network (thesis §4.2.1, (4.4))', () => {
  // Backprop against central differences is the gradients registry's claim thesis.ch4.eq4.4.backprop.
  it('rejects bad architectures and inputs with typed errors', () => {
    expectThrows(() => deepFcArch([3], [], 'square'), ShapeError, 'widths');
    expectThrows(() => deepFcArch([3, 0, 2], [relu()], 'square'), DomainError, 'widths[1]');
    expectThrows(() => deepFcArch([3, 4, 2], [], 'square'), ShapeError, 'acts');
    expectThrows(() => deepFcArch([3, 4, 2], [relu()], 'hinge' as never), DomainError, 'loss');
    const arch = deepFcArch([3, 4, 2], [relu()], 'logistic');
    expectThrows(() => deepFcParams(arch, new Float64Array(5)), ShapeError, 'flat');
    expectThrows(() => initDeepFc(rng(1), arch, [1, -1]), DomainError, 'variances');
    expectThrows(() => deepFcWorkspace(arch, 0), DomainError, 'm');
    const p = initDeepFc(rng(1), arch);
    const X = gaussian(2, 5, 3), Y: Matrix = { rows: 5, cols: 2, data: new Float64Array(10).fill(1) };
    expect(() => requireDeepFcInputs(arch, p, X, Y)).not.toThrow();
    const Xnan = gaussian(2, 5, 3); Xnan.data[4] = NaN;
    expectThrows(() => requireDeepFcInputs(arch, p, Xnan, Y), NonFiniteError, 'X');
    expectThrows(() => requireDeepFcInputs(arch, p, gaussian(2, 5, 4), Y), ShapeError, 'X');
    expectThrows(() => requireDeepFcInputs(arch, p, X, { rows: 5, cols: 2, data: new Float64Array(10).fill(0.5) }), DomainError, 'Y');
    expectThrows(() => requireDeepFcWorkspace(arch, deepFcWorkspace(arch, 4), X), ShapeError, 'ws');
  });
});

describe('shared weights and 1-D convolution (thesis §4.2.2)', () => {
  it('conv1dMap has filters × (n − q + 1) rows, q taps per row, f·q parameters', () => {
    const g = conv1dMap(8, 2, 3);
    expect([g.rows, g.cols, g.dim]).toEqual([12, 8, 6]);
    for (let i = 0; i < g.rows; i++) {
      const row = Array.from(g.index.subarray(i * 8, i * 8 + 8)).filter((k) => k > 0);
      const f = Math.floor(i / 6);
      expect(row).toEqual([f * 3 + 1, f * 3 + 2, f * 3 + 3]);
    }
  });
  // ∂L/∂v against central differences is the gradients registry's claim thesis.ch4.sec4.2.2.shared-gradient.
  it('layerParams views v^(h) on the flat parameters', () => {
    const arch = deepFcArch([8, 12, 5, 2], [leakyRelu(0.2), leakyRelu(0.3)], 'square');
    const net = sharedNet(arch, [conv1dMap(8, 2, 3), randomSharingMap(rng(3), 5, 12, 4), randomSharingMap(rng(4), 2, 5, 3)]);
    const v = rng(5).fillNormal(new Float64Array(sharedParamCount(net)));
    expect(layerParams(net, v, 2).length).toBe(4);
    expect(layerParams(net, v, 2).buffer).toBe(v.buffer);
  });
  it('rejects bad maps with typed errors', () => {
    expectThrows(() => sharingMap(2, 2, 3, new Int32Array([0, 1, 4, 2])), DomainError, 'index');
    expectThrows(() => sharingMap(2, 2, 3, new Int32Array(3)), ShapeError, 'index');
    expectThrows(() => conv1dMap(3, 1, 4), DomainError, 'q');
    const arch = deepFcArch([8, 12, 2], [relu()], 'square');
    expectThrows(() => sharedNet(arch, [conv1dMap(8, 2, 3)]), ShapeError, 'maps');
    expectThrows(() => sharedNet(arch, [conv1dMap(8, 2, 3), randomSharingMap(rng(1), 2, 11, 2)]), ShapeError, 'maps');
  });
});

describe('matrix factorization (thesis (4.1)–(4.3), (4.9), (4.12))', () => {
  const t = randomLowRankTarget(rng(11), 7, 5, [1.3, 0.6]);
  const U = gaussian(12, 7, 3, 0.5), V = gaussian(13, 5, 3, 0.5);
  it('the fused plain gradient equals the gemm reference', () => {
    const a = mfWorkspace(7, 5, 3), b = mfWorkspace(7, 5, 3);
    const fa = mfLossGradInto(U, V, t.M, a), fb = mfLossGradReference(U, V, t.M, b);
    expect(Math.abs(fa - fb)).toBeLessThan(1e-13 * (1 + fb));
    for (const [x, y] of [[a.GU, b.GU], [a.GV, b.GV], [a.R, b.R]] as const) {
      for (let k = 0; k < x.data.length; k++) expect(Math.abs(x.data[k] - y.data[k])).toBeLessThan(1e-13);
    }
  });
  it('the assembled Hessian is symmetric and gives (4.12) as ΔᵀHΔ', () => {
    const H = assembleHessian(U, V, t.M), N = H.rows;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(H.data[i * N + j]).toBe(H.data[j * N + i]);
    const DU = gaussian(14, 7, 3), DV = gaussian(15, 5, 3);
    const x = Float64Array.from([...DU.data, ...DV.data]);
    let q = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) q += x[i] * H.data[i * N + j] * x[j];
    const ref = hessianQuadForm(U, V, t.M, DU, DV);
    expect(Math.abs(q - ref)).toBeLessThan(1e-11 * (1 + Math.abs(ref)));
    // and the quartic along Δ: f'' by a 5-point stencil
    const f = (s: number): number => mfLoss({ ...U, data: U.data.map((u, k) => u + s * DU.data[k]) }, { ...V, data: V.data.map((v, k) => v + s * DV.data[k]) }, t.M);
    const h = 1e-2, fd = (-f(2 * h) + 16 * f(h) - 30 * f(0) + 16 * f(-h) - f(-2 * h)) / (12 * h * h);
    expect(Math.abs(fd - ref)).toBeLessThan(1e-7 * (1 + Math.abs(ref)));
  });
  it('the Procrustes rotation is orthogonal and beats random rotations', () => {
    const W = gaussian(16, 9, 3), Ws = gaussian(17, 9, 3);
    const R = procrustes(W, Ws), RtR = matmulAtB(R, R);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(RtR.data[i * 3 + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    const dist = (Q: Matrix): number => { const P = matmul(Ws, Q); let s = 0; for (let k = 0; k < P.data.length; k++) s += (W.data[k] - P.data[k]) ** 2; return s; };
    for (let s = 0; s < 20; s++) expect(dist(R)).toBeLessThanOrEqual(dist(randomOrthonormal(rng(100 + s), 3, 3)) + 1e-12);
  });
  it('constructed points are stationary: RV = 0 and RᵀU = 0', () => {
    const { U: Us, V: Vs } = constructedStationaryPoint(t, [true, false], [1.4, 0.8], randomOrthonormal(rng(18), 2, 2));
    const g = mfLossGrad(Us, Vs, t.M);
    expect(frobenius(g.GU) + frobenius(g.GV)).toBeLessThan(1e-12);
    expect(stack(Us, Vs).rows).toBe(12);
  });
  it('GD on the O(d) rank-1 objective equals GD (4.9) on mfObjective with r = 1 for 60 steps', () => {
    const uStar = rng(19).sphere(6), vStar = rng(20).sphere(4), sigma1 = 1.7, eta = 0.1 / sigma1;
    const M = zeros(6, 4);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 4; j++) M.data[i * 4 + j] = sigma1 * uStar[i] * vStar[j];
    const u = rng(21).fillNormal(new Float64Array(6), 0.05), v = rng(22).fillNormal(new Float64Array(4), 0.05);
    const x0 = Float64Array.from([...u, ...v]);
    const full = gd(mfObjective(M, 1), x0, { eta, steps: 60 }), fast = gd(rank1Objective(uStar, vStar, sigma1), x0, { eta, steps: 60 });
    for (let k = 0; k < 10; k++) expect(Math.abs(fast.x[k] - full.x[k])).toBeLessThan(1e-12);
    expect(Math.abs(fast.f - full.f)).toBeLessThan(1e-12 * (1 + full.f));
    expectThrows(() => rank1Objective(uStar, vStar, 0), DomainError, 'sigma1');
  });
  it('rejects bad inputs with typed errors', () => {
    expectThrows(() => mfLossGrad(U, gaussian(1, 5, 2), t.M), ShapeError, 'V');
    expectThrows(() => mfLossGrad(U, V, zeros(5, 7)), ShapeError, 'M');
    const Un = gaussian(1, 7, 3); Un.data[0] = NaN;
    expectThrows(() => mfLossGrad(Un, V, t.M), NonFiniteError, 'U');
    expectThrows(() => mfWorkspace(0, 2, 1), DomainError, 'd1');
    expectThrows(() => randomOrthonormal(rng(1), 2, 3), DomainError, 'r');
    expectThrows(() => rank1Scalars(new Float64Array(3), new Float64Array(2), new Float64Array(4), new Float64Array(2), 1), ShapeError, 'u');
    expectThrows(() => randomLowRankTarget(rng(1), 3, 3, [1, -1]), DomainError, 'sigma');
  });
});

describe('schedules (Theorem 4.4, footnote 6, catalog §3.12)', () => {
  it('ζ matches the catalog values', () => {
    expect(riemannZeta(1.1)).toBeCloseTo(10.58444846, 7);
    expect(riemannZeta(1.2)).toBeCloseTo(5.59158244, 7);
    expect(riemannZeta(1.5)).toBeCloseTo(2.61237535, 7);
    expect(riemannZeta(2)).toBeCloseTo(Math.PI ** 2 / 6, 12);
    expectThrows(() => riemannZeta(1), DomainError, 's');
  });
  it('the footnote-6 η₀ satisfies (S1) and (S2)', () => {
    for (const [eps, r, p] of [[0.5, 2, 0.55], [0.9, 1, 0.6], [0.1, 3, 1]] as const) {
      const eta0 = footnote6Eta0(eps, r, 1, p);
      expect(eta0).toBeLessThanOrEqual(1 / (66 * Math.sqrt(r) + 2));
      expect(40 * Math.sqrt(r) * eta0 * eta0 * riemannZeta(2 * p)).toBeLessThanOrEqual(eps / 2 * (1 + 1e-12));
      const s = footnote6Schedule(eps, r, 1, p);
      expect(40 * Math.sqrt(r) * sumSquares(s, 100_000)).toBeLessThanOrEqual(eps / 2);
    }
    expectThrows(() => footnote6Eta0(0.5, 1, 1, 0.5), DomainError, 'p');
  });
  it('the thesis schedule satisfies (S2) with the catalog\'s factor-76 margin', () => {
    const eps = 0.5, r = 2;
    const s = thesisTheorem44Schedule(eps, r, 1);
    const lhs = 40 * Math.sqrt(r) * (s.at(0) ** 2) * (Math.PI ** 2 / 6);
    expect(lhs / (eps / Math.sqrt(r))).toBeCloseTo(0.0065797, 6);
    expect(eps / 2 / lhs).toBeGreaterThan(75);
  });
  it('rejects bad parameters', () => {
    expectThrows(() => constantSchedule(0), DomainError, 'eta');
    expectThrows(() => powerSchedule(0.1, -1), DomainError, 'p');
    expectThrows(() => sumSquares(constantSchedule(1), -1), DomainError, 'T');
  });
});

describe('flow integrators (catalog §2.3)', () => {
  // L(θ) = ½Σ a_k θ_k²: the flow is θ_k(t) = θ_k(0) e^{−a_k t}.
  const a = [0.5, 1, 2];
  const grad: Objective = {
    id: 'quadratic', dim: 3,
    valueGrad(th, g) { let f = 0; for (let k = 0; k < 3; k++) { g[k] = a[k] * th[k]; f += 0.5 * a[k] * th[k] * th[k]; } return f; },
  };
  const theta0 = Float64Array.from([1, -0.5, 0.3]);
  const err = (method: 'euler' | 'rk4' | 'midpoint', steps: number): number => {
    const { theta } = integrateFlow(grad, theta0, { method, time: 1, steps });
    return Math.max(...theta.map((x, k) => Math.abs(x - theta0[k] * Math.exp(-a[k]))));
  };
  it('Euler is order 1, implicit midpoint order 2, RK4 order 4', () => {
    // observed orders from h = 1/20 to 1/40 (pre-asymptotic terms move them by a few percent)
    const order = (m: 'euler' | 'rk4' | 'midpoint'): number => Math.log2(err(m, 20) / err(m, 40));
    expect(order('euler')).toBeGreaterThan(0.9); expect(order('euler')).toBeLessThan(1.1);
    expect(order('midpoint')).toBeGreaterThan(1.9); expect(order('midpoint')).toBeLessThan(2.1);
    expect(order('rk4')).toBeGreaterThan(3.8); expect(order('rk4')).toBeLessThan(4.3);
  });
  it('implicit midpoint is the Cayley map on a quadratic loss', () => {
    const s = flowStepper('midpoint', grad);
    const th = Float64Array.from(theta0), h = 0.1;
    s.step(th, h);
    for (let k = 0; k < 3; k++) expect(th[k]).toBeCloseTo(theta0[k] * (1 - h * a[k] / 2) / (1 + h * a[k] / 2), 14);
    expect(s.unconverged).toBe(0);
  });
  it('rejects bad options', () => {
    expectThrows(() => integrateFlow(grad, theta0, { method: 'rk4', time: 1, steps: 0 }), DomainError, 'steps');
    expectThrows(() => integrateFlow(grad, theta0, { method: 'rk4', time: -1, steps: 3 }), DomainError, 'time');
    expectThrows(() => flowStepper('leapfrog' as never, grad), DomainError, 'method');
  });
});
