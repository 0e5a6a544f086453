/**
 * Shared helpers of the chapter-3 finite-network claims (FC net (3.2), ResNet (3.3); catalog 002b
 * §2.1–§2.2, §3.10–§3.23): activation constants, instances on random unit-norm data, exact
 * operator norms, the realized constants c_{w,0}, c_{x,0}, a_{2,0}, a_{4,0} the lemmas are stated
 * in, and GD through the one training path. Not a property file.
 */
import { type Activation, erfActivation, relu, sigmoid, softplus, tanh } from '../../src/core/activations.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { lambdaExtremes, spectralNorm } from '../../src/core/linalg.ts';
import { type Rng, rng } from '../../src/core/rng.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import type { DeepChainModel } from '../../src/models/deep-chain.ts';
import { fcDeepModel } from '../../src/models/fc-deep.ts';
import { bindData, blockView } from '../../src/models/model.ts';
import { resnetModel } from '../../src/models/resnet.ts';
import { gd } from '../../src/train/gd.ts';
import { observe } from '../../src/train/recorders.ts';

export type ActName = 'tanh' | 'softplus' | 'erf' | 'relu' | 'sigmoid';
export type Arch = 'fc' | 'resnet';

/** c_σ = 1/E σ(z)² (Gauss–Hermite, 200 nodes; erf and ReLU closed form, catalog §2.3), L = sup|σ'|, β = Lip(σ') (catalog §3.1). */
export const ACT: Record<ActName, { make: () => Activation; cSigma: number; L: number; beta: number; sigma0: number }> = {
  tanh: { make: tanh, cSigma: 2.5361754332174558, L: 1, beta: 4 / (3 * Math.sqrt(3)), sigma0: 0 },
  softplus: { make: softplus, cSigma: 1.085486502988344, L: 1, beta: 0.25, sigma0: Math.LN2 },
  erf: { make: erfActivation, cSigma: Math.PI / (2 * Math.asin(2 / 3)), L: 2 / Math.sqrt(Math.PI), beta: 2 * Math.sqrt(2 / (Math.PI * Math.E)), sigma0: 0 },
  relu: { make: relu, cSigma: 2, L: 1, beta: Infinity, sigma0: 0 },
  sigmoid: { make: sigmoid, cSigma: 3.408559841623104, L: 0.25, beta: 1 / (6 * Math.sqrt(3)), sigma0: 0.5 },
};

export interface Ch3Sizes { arch: Arch; act: ActName; n: number; d: number; m: number; H: number; cRes?: number; trainOutput?: boolean }

export interface Ch3Instance {
  readonly model: DeepChainModel;
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly theta: Float64Array;
  readonly sizes: Ch3Sizes;
}

export function ch3Model(s: Ch3Sizes): DeepChainModel {
  const a = ACT[s.act];
  return s.arch === 'fc'
    ? fcDeepModel({ d: s.d, m: s.m, H: s.H, act: a.make(), cSigma: a.cSigma, trainOutput: s.trainOutput })
    : resnetModel({ d: s.d, m: s.m, H: s.H, act: a.make(), cSigma: a.cSigma, cRes: s.cRes ?? 0.5, trainOutput: s.trainOutput });
}

/** Unit-norm inputs (pairwise separated), ±1-scale labels, N(0, 1) weights: every stream from the seed. */
export function ch3Instance(s: Ch3Sizes, seed: number): Ch3Instance {
  const r = rng(seed), model = ch3Model(s);
  const { X, y } = sphereDataset(r.stream('data'), s.n, s.d);
  return { model, X, y, theta: model.init(r.stream('init')), sizes: s };
}

export function label(s: Ch3Sizes): string {
  return `${s.arch} ${s.act} n=${s.n} d=${s.d} m=${s.m} H=${s.H}${s.arch === 'resnet' ? ` c_res=${(s.cRes ?? 0.5).toFixed(2)}` : ''}`;
}

/** W^(h) (h = 1..H) of θ as matrices (views). */
export function weights(model: DeepChainModel, theta: Float64Array): Matrix[] {
  return model.blocks.slice(0, model.H).map((b) => blockView(theta, b));
}

export function outputWeights(model: DeepChainModel, theta: Float64Array): Float64Array {
  const b = model.blocks[model.H];
  return theta.subarray(b.offset, b.offset + b.rows * b.cols);
}

export function norm(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let k = from; k < to; k++) s += x[k] * x[k];
  return Math.sqrt(s);
}

/** ‖row i‖ of a row-major matrix. */
export function rowNorm(A: Matrix, i: number): number {
  return norm(A.data, i * A.cols, (i + 1) * A.cols);
}

export function frobDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return Math.sqrt(s);
}

/** The realized constants of the lemmas at θ (catalog §1: measure them, do not plug in universal values). */
export interface Realized { cw0: number; cx0: number; a20: number; a40: number; opNorms: number[]; maxNorm: number; minNorm: number }

export function realized(model: DeepChainModel, theta: Float64Array, X: Matrix): Realized {
  const m = model.m, st = model.state(theta, X);
  const opNorms = weights(model, theta).map((W) => spectralNorm(W));
  let maxNorm = 0, minNorm = Infinity;
  for (let h = 1; h <= model.H; h++) {
    for (let i = 0; i < X.rows; i++) {
      const v = rowNorm(st.hidden[h], i);
      maxNorm = Math.max(maxNorm, v);
      minNorm = Math.min(minNorm, v);
    }
  }
  const a = outputWeights(model, theta);
  let a4 = 0;
  for (let r = 0; r < m; r++) a4 += a[r] ** 4;
  return {
    cw0: Math.max(...opNorms) / Math.sqrt(m), cx0: Math.max(1, maxNorm, 1 / minNorm), a20: norm(a) / Math.sqrt(m), a40: a4 ** 0.25 / m ** 0.25,
    opNorms, maxNorm, minNorm,
  };
}

/** g_α(h) = Σ_{i<h} α^i (catalog §1). */
export function geometric(alpha: number, h: number): number {
  let s = 0, p = 1;
  for (let i = 0; i < h; i++) { s += p; p *= alpha; }
  return s;
}

/** θ + a perturbation with ‖ΔW^(h)‖_F = √m·R for every h and ‖Δa‖ = √m·Ra (random Gaussian directions). */
export function perturb(model: DeepChainModel, theta: Float64Array, R: number, Ra: number, r: Rng): Float64Array {
  const out = Float64Array.from(theta), sm = Math.sqrt(model.m);
  model.blocks.forEach((b, k) => {
    const size = k < model.H ? R : Ra;
    if (size === 0) return;
    const dir = r.stream(b.name).fillNormal(new Float64Array(b.rows * b.cols)), s = (sm * size) / norm(dir);
    for (let q = 0; q < dir.length; q++) out[b.offset + q] += s * dir[q];
  });
  return out;
}

export function lambdaMinMax(G: Matrix): { min: number; max: number } {
  return lambdaExtremes(G);
}

/** A − B. */
export function minus(A: Matrix, B: Matrix): Matrix {
  const C = zeros(A.rows, A.cols);
  for (let q = 0; q < C.data.length; q++) C.data[q] = A.data[q] - B.data[q];
  return C;
}

export function frobenius(A: Matrix): number {
  return norm(A.data);
}

/** The residual vector u − y at θ. */
export function residual(inst: Ch3Instance, theta: Float64Array): Float64Array {
  const st = inst.model.state(theta, inst.X);
  return st.u.map((u, i) => u - inst.y[i]);
}

export interface Ch3Run {
  /** ‖y − u(k)‖² for k = 0..steps. */
  sqLoss: Float64Array;
  /** θ(k) at the steps asked for in `keep`. */
  kept: Map<number, Float64Array>;
  /** Per-step ‖∇_{W^(h)}L(k)‖_F (h = 1..H) and ‖∇_a L(k)‖. */
  gradNorms: Float64Array[];
  final: Float64Array;
  diverged: boolean;
}

/** GD on the one training path, recording ‖y − u(k)‖² = 2L(k), the per-block gradient norms and chosen iterates. */
export function ch3Gd(inst: Ch3Instance, eta: number, steps: number, keep: readonly number[] = []): Ch3Run {
  const sqLoss = new Float64Array(steps + 1), kept = new Map<number, Float64Array>(), gradNorms: Float64Array[] = [];
  const blocks = inst.model.blocks;
  const rec = observe((t, x, f, _gn, g) => {
    sqLoss[t] = 2 * f;
    gradNorms.push(Float64Array.from(blocks, (b) => norm(g, b.offset, b.offset + b.rows * b.cols)));
    if (keep.includes(t)) kept.set(t, Float64Array.from(x));
  });
  const run = gd(bindData(inst.model, inst.X, inst.y), inst.theta, { eta, steps, recorders: [rec], onNonFinite: 'stop', divergeAbove: 1e12 });
  return { sqLoss: sqLoss.subarray(0, run.steps + 1), kept, gradNorms, final: run.x, diverged: run.diverged };
}
