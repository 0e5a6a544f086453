/**
 * Case builders shared by the auto-balancing claims (thesis chapter 4, catalog 002c). A case is
 * plain JSON (sizes, names, an integer seed); every array is generated here from rng(seed) with
 * named streams, so a case replays exactly.
 */
import fc from 'fast-check';
import { type Activation, leakyRelu, linear, piecewiseLinear, relu, softplus, tanh } from '../../src/core/activations.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import {
  type DeepFcArch, type DeepFcModelWorkspace, type DeepFcParams, type DeepFcWorkspace, type LossName, deepFcArch, deepFcModel,
  deepFcParams, initDeepFc, requireDeepFcInputs,
} from '../../src/models/deep-fc.ts';
import { type BoundObjective, bindData } from '../../src/models/model.ts';
import { gd } from '../../src/train/gd.ts';
import type { Schedule } from '../../src/train/schedules.ts';

/** The homogeneous activations of Theorem 4.1 (catalog §3.6 check 1) and the non-homogeneous controls. */
export type HomName = 'relu' | 'leaky' | 'linear' | 'piecewise';
export type NonHomName = 'tanh' | 'softplus';
export const HOMOGENEOUS: readonly HomName[] = ['relu', 'leaky', 'linear', 'piecewise'];
export const NON_HOMOGENEOUS: readonly NonHomName[] = ['tanh', 'softplus'];

/** Slopes are drawn from the case seed: leaky a ∈ (0.05, 0.95), piecewise a± ∈ [−2, 2]. */
export function makeActivation(name: HomName | NonHomName, seed: number, salt: string): Activation {
  const r = rng(seed).stream(`act-${salt}`);
  switch (name) {
    case 'relu': return relu();
    case 'leaky': return leakyRelu(r.uniformIn(0.05, 0.95));
    case 'linear': return linear();
    case 'piecewise': return piecewiseLinear(r.uniformIn(-2, 2), r.uniformIn(-2, 2));
    case 'tanh': return tanh();
    case 'softplus': return softplus();
  }
}

/** A deep-net case: H layers, input d, output p, m samples, hidden widths in [2, width]. */
export interface NetCase {
  H: number;
  d: number;
  p: number;
  m: number;
  width: number;
  loss: LossName;
  seed: number;
}

export interface NetSizes { H: { min: number; max: number }; d: number; p: number; m: number; width: number }

export function netCaseArb(s: NetSizes, losses: readonly LossName[] = ['square', 'logistic']): fc.Arbitrary<NetCase> {
  return fc.record({
    H: fc.integer(s.H),
    d: fc.integer({ min: 1, max: s.d }),
    p: fc.integer({ min: 1, max: s.p }),
    m: fc.integer({ min: 1, max: s.m }),
    width: fc.integer({ min: 2, max: s.width }),
    loss: fc.constantFrom(...losses),
    seed: seedArb,
  });
}

export function hiddenWidths(c: NetCase): number[] {
  const r = rng(c.seed).stream('widths');
  const w = [c.d];
  for (let h = 1; h < c.H; h++) w.push(2 + r.int(c.width - 1));
  w.push(c.p);
  return w;
}

/** x ~ N(0, I_d), y ~ N(0, I_p) (square) or y = sign of a Gaussian (logistic): the Theorem 4.1 check data of catalog 002c §3.6. */
export function netData(seed: number, m: number, d: number, p: number, loss: LossName): { X: Matrix; Y: Matrix } {
  const r = rng(seed).stream('data');
  const X = zeros(m, d), Y = zeros(m, p);
  r.stream('X').fillNormal(X.data);
  r.stream('Y').fillNormal(Y.data);
  if (loss === 'logistic') for (let k = 0; k < Y.data.length; k++) Y.data[k] = Y.data[k] >= 0 ? 1 : -1;
  return { X, Y };
}

export interface Net {
  arch: DeepFcArch;
  /** The current θ (runGd steps it in place). */
  params: DeepFcParams;
  X: Matrix;
  Y: Matrix;
  /** The loss on (X, Y) as an objective of θ. */
  objective: BoundObjective<DeepFcModelWorkspace>;
  /** The objective's pass buffers: after an evaluation, Z, S, D and grad of that θ. */
  ws: DeepFcWorkspace;
}

/** Build the net of a case with activations acts[h−1] per hidden layer; weights N(0, scale²/n_{h−1}). */
export function buildNet(c: NetCase, acts: readonly Activation[], scale = 1): Net {
  const widths = hiddenWidths(c);
  const arch = deepFcArch(widths, acts, c.loss);
  const params = initDeepFc(rng(c.seed), arch, widths.slice(0, -1).map((n) => (scale * scale) / n));
  const { X, Y } = netData(c.seed, c.m, c.d, c.p, c.loss);
  requireDeepFcInputs(arch, params, X, Y);
  const objective = bindData(deepFcModel(arch), X, Y.data);
  return { arch, params, X, Y, objective, ws: objective.ws.pass };
}

export function describeNet(net: Net): string {
  return `widths ${net.arch.widths.join('-')} acts ${net.arch.acts.map((a) => a.name).join(',') || '—'} ${net.arch.loss} m=${net.ws.m}`;
}

/**
 * Full-batch GD on all layers, in place on net.params: before step t the workspace holds ∇L(θ_t);
 * onState(t, L_t, η_t) is called for t = 0..T (return true to stop). Returns the steps taken (fewer
 * than T on a stop or a non-finite loss).
 */
export function runGd(net: Net, T: number, schedule: Schedule, onState?: (t: number, loss: number, eta: number) => boolean | void): number {
  const recorders = onState ? [{ record: (t: number, _x: Float64Array, f: number) => onState(t, f, schedule.at(t)) }] : [];
  return gd(net.objective, net.params.flat, { eta: schedule, steps: T, recorders, onNonFinite: 'stop', inPlace: true }).steps;
}

/** Largest entry of an array (−∞ for empty). */
export function maxOf(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let k = 0; k < xs.length; k++) if (xs[k] > m) m = xs[k];
  return m;
}

/** Combine several verdict ratios (lhs/rhs) into the worst one, for slack reporting. */
export function worstRatio(pairs: ReadonlyArray<readonly [number, number]>): { lhs: number; rhs: number } {
  let best = { lhs: 0, rhs: 1 }, worst = -Infinity;
  for (const [l, r] of pairs) {
    const s = r > 0 ? l / r : l <= 0 ? 0 : Infinity;
    if (s > worst) { worst = s; best = { lhs: l, rhs: r }; }
  }
  return best;
}

export function fmtE(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toExponential(digits) : String(x);
}

/** Matrix views of the layers of `net` on another flat vector θ (same layout as net.params.flat). */
export function viewParams(net: Net, theta: Float64Array): DeepFcParams {
  return deepFcParams(net.arch, theta);
}

/** The gradient map θ ↦ ∇L(θ) of a net (through its objective; allocation-free). */
export function gradFn(net: Net): (theta: Float64Array, g: Float64Array) => void {
  return (theta, g) => { net.objective.valueGrad(theta, g); };
}

/**
 * |λ|max of ∇²L at θ (default: the net's θ) by power iteration on central-difference Hessian-vector
 * products (30 iterations, ε = 1e-5): the stiffness that limits explicit step sizes. 0 when ∇L ≡ 0 nearby.
 */
export function curvatureEstimate(net: Net, theta: Float64Array = net.params.flat): number {
  const n = theta.length, g = gradFn(net);
  let v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = Math.sin(k + 1);
  const gp = new Float64Array(n), gm = new Float64Array(n), t = new Float64Array(n);
  let lam = 0;
  for (let it = 0; it < 30; it++) {
    let nv = 0;
    for (let k = 0; k < n; k++) nv += v[k] * v[k];
    nv = Math.sqrt(nv);
    if (!(nv > 0)) return 0;
    const eps = 1e-5;
    for (let k = 0; k < n; k++) t[k] = theta[k] + (eps * v[k]) / nv;
    g(t, gp);
    for (let k = 0; k < n; k++) t[k] = theta[k] - (eps * v[k]) / nv;
    g(t, gm);
    const hv = new Float64Array(n);
    let s = 0;
    for (let k = 0; k < n; k++) { hv[k] = (gp[k] - gm[k]) / (2 * eps); s += hv[k] * hv[k]; }
    lam = Math.sqrt(s);
    v = hv;
  }
  return lam;
}
