/**
 * Shared pieces of the nf-resnet family (source 004, catalog 001-003-004 §3): the activation
 * constants of ReLU and erf in closed forms not printed in 004 (catalog CF-1/CF-2), the data of a case, the model at a case, GD through
 * src/train/gd.ts with a per-state callback, and the population λ0 of CF-8(ii). Not a property file.
 */
import { type Activation, erfActivation, relu, softplus } from '../../src/core/activations.ts';
import { lambdaExtremes } from '../../src/core/linalg.ts';
import { DomainError } from '../../src/core/errors.ts';
import { type Matrix, symmetrize } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { sphereInputs } from '../../src/data/sphere.ts';
import { nfResnetKernel } from '../../src/kernels/nf-resnet-kernel.ts';
import { bindData } from '../../src/models/model.ts';
import { type NfBranch, type NfResnetModel, nfResnetModel } from '../../src/models/nf-resnet.ts';
import { gd } from '../../src/train/gd.ts';
import { observe } from '../../src/train/recorders.ts';

export type ActName = 'relu' | 'erf' | 'softplus';

/**
 * c_σ = 1/E[σ(g)²] (CF-1: ReLU 2; CF-2: erf π/(2 arcsin ⅔) = 2.1525789; CF-3: softplus 1.0854865),
 * L = sup|σ'| and β = sup|σ''| (CF-2: 2/√π and (4/√π)(2e)^{−1/2}; ReLU has no β, softplus ¼), and
 * varSq = Var[σ(g)²] (CF-1: 5/4; CF-2: 0.1208216; CF-3: E σ⁴ − (E σ²)²).
 * Hard-coded here until deep-kernels' cSigma(act) lands (deep-common.md).
 */
export const ACT_CONSTANTS: Record<ActName, { cSigma: number; L: number; beta: number; varSq: number }> = {
  relu: { cSigma: 2, L: 1, beta: Infinity, varSq: 5 / 4 },
  erf: { cSigma: Math.PI / (2 * Math.asin(2 / 3)), L: 2 / Math.sqrt(Math.PI), beta: (4 / Math.sqrt(Math.PI)) / Math.sqrt(2 * Math.E), varSq: 0.1208216 },
  softplus: { cSigma: 1.0854865, L: 1, beta: 0.25, varSq: 2.3377522 - 0.9212459 ** 2 },
};

export function activation(name: ActName): Activation {
  return name === 'relu' ? relu() : name === 'erf' ? erfActivation() : softplus();
}

/** Sizes and activation of one NF-ResNet instance. */
export interface NfSizes { n: number; d: number; m: number; H: number; act: ActName }

export function makeModel(s: NfSizes, opts: { branch?: NfBranch; frozen?: readonly string[] } = {}): NfResnetModel {
  return nfResnetModel({ d: s.d, m: s.m, H: s.H, act: activation(s.act), cSigma: ACT_CONSTANTS[s.act].cSigma, ...opts });
}

/** Unit inputs, no two within 2.6° of (anti-)parallel (Assumption 1 as catalog §3.0 reads it), labels ±1. */
export function makeData(seed: number, n: number, d: number): { X: Matrix; y: Float64Array } {
  const r = rng(seed);
  const X = sphereInputs(r.stream('inputs'), n, d);
  const y = new Float64Array(n);
  const lr = r.stream('labels');
  for (let i = 0; i < n; i++) y[i] = lr.rademacher();
  return { X, y };
}

/**
 * X with x_1 turned to angle `deg` from x_0 inside their common plane (in place; unit rows stay unit): a dataset
 * whose own conditioning is poor but which still meets Assumption 1 (no two parallel) for deg > 0.
 */
export function withClosePair(X: Matrix, deg: number): Matrix {
  if (!(deg > 0 && deg < 90)) throw new DomainError(`deg must be in (0, 90), got ${deg}`, 'deg');
  if (X.rows < 2) throw new DomainError(`X needs at least 2 rows, got ${X.rows}`, 'X');
  const d = X.cols, x0 = X.data.subarray(0, d), x1 = X.data.subarray(d, 2 * d);
  let dot = 0;
  for (let k = 0; k < d; k++) dot += x0[k] * x1[k];
  const u = new Float64Array(d);
  let norm = 0;
  for (let k = 0; k < d; k++) { u[k] = x1[k] - dot * x0[k]; norm += u[k] * u[k]; }
  norm = Math.sqrt(norm);
  if (!(norm > 0)) throw new DomainError('x_1 is parallel to x_0', 'X');
  const t = (deg * Math.PI) / 180;
  for (let k = 0; k < d; k++) x1[k] = Math.cos(t) * x0[k] + (Math.sin(t) * u[k]) / norm;
  return X;
}

/** λmin and λmax of a (symmetrized) Gram. */
export function spectrum(G: Matrix): { min: number; max: number } {
  return lambdaExtremes(symmetrize(G));
}

/** λ0 = λmin(K^(H)) of CF-8(ii) (ReLU and erf closed forms). */
export function populationLambda0(X: Matrix, act: ActName, H: number): number {
  return nfResnetKernel(X, activation(act), H, ACT_CONSTANTS[act].cSigma).lambda0;
}

/** ½‖y − u‖² (the loss of source 004). */
export function halfSq(y: Float64Array, u: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - u[i]) ** 2;
  return s / 2;
}

/**
 * GD on ½‖y − u‖² with step eta through src/train/gd.ts; `onState(t, θ, loss)` sees every state
 * t = 0..steps (θ live: copy to keep) and may return true to stop.
 */
export function train(model: NfResnetModel, X: Matrix, y: Float64Array, theta0: Float64Array, eta: number, steps: number,
  onState: (t: number, theta: Float64Array, loss: number) => boolean | void): { diverged: boolean; steps: number } {
  const run = gd(bindData(model, X, y), theta0, { eta, steps, recorders: [observe((t, x, f) => onState(t, x, f))], onNonFinite: 'stop', divergeAbove: 1e12 });
  return { diverged: run.diverged, steps: run.steps };
}

/** η = 1/λmax(J(0)J(0)ᵀ), scaled by `factor`: the fast checks' step, not Theorem 1's (catalog 001-003-004 §3.4). */
export function stepFromGram(model: NfResnetModel, theta: Float64Array, X: Matrix, factor = 1): number {
  if (!model.gram) throw new Error('model has no gram');
  return factor / spectrum(model.gram(theta, X)).max;
}

/** u(θ) at X (a copy). */
export function outputs(model: NfResnetModel, theta: Float64Array, X: Matrix): Float64Array {
  const ws = model.workspace(X.rows), out = new Float64Array(X.rows);
  model.predict(theta, X, out, ws);
  return out;
}

export function fmt3(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : String(x);
}
