/**
 * Case builders shared by the convolutional-ResNet claims (thesis ch. 3 §3.2, Lemmas 3.15–3.21,
 * Theorem 3.3; catalog 002b). A case is plain JSON (sizes, an activation name, an integer seed);
 * every array is generated here from rng(seed) with named streams, so a case replays exactly.
 * Not a property file.
 */
import { type Activation, erfActivation, relu, sigmoid, softplus, tanh } from '../../src/core/activations.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { lambdaMax, lambdaMin, spectralNorm } from '../../src/core/linalg.ts';
import { type Rng, rng } from '../../src/core/rng.ts';
import { uniformLabels } from '../../src/data/sphere.ts';
import { bindData } from '../../src/models/model.ts';
import { gd } from '../../src/train/gd.ts';
import { observe } from '../../src/train/recorders.ts';
import { convResnetKernel } from '../../src/kernels/deep-recursions.ts';
import {
  type ConvResnetArch, convResnetArch, convResnetLayerOutputs, convResnetModel, convResnetWeights,
} from '../../src/models/conv-resnet.ts';

export type ActName = 'softplus' | 'tanh' | 'sigmoid' | 'relu' | 'erf';

/**
 * The activation constants (thesis (3.2), Condition 3.1; values of catalog 002b §2.3, adaptive quadrature, 15 digits): c_σ = 1/Eσ(z)²,
 * the Lipschitz constant L of σ, the smoothness β (Lipschitz constant of σ'; ReLU has none) and σ(0).
 * Hard-coded here (not in src/) until deep-kernels' cSigma(act) is merged (deep-common.md).
 */
export const ACTS: Record<ActName, { make: () => Activation; cSigma: number; L: number; beta: number; sigma0: number }> = {
  softplus: { make: softplus, cSigma: 1.085486502988343, L: 1, beta: 0.25, sigma0: Math.LN2 },
  tanh: { make: tanh, cSigma: 2.536175433217453, L: 1, beta: 4 / (3 * Math.sqrt(3)), sigma0: 0 },
  sigmoid: { make: sigmoid, cSigma: 3.408559841623103, L: 0.25, beta: 1 / (6 * Math.sqrt(3)), sigma0: 0.5 },
  relu: { make: relu, cSigma: 2, L: 1, beta: NaN, sigma0: 0 },
  erf: { make: erfActivation, cSigma: 2.152578860607599, L: 2 / Math.sqrt(Math.PI), beta: (2 * Math.SQRT2) / Math.sqrt(Math.PI * Math.E), sigma0: 0 },
};
export const SMOOTH_ACTS: readonly ActName[] = ['softplus', 'tanh', 'sigmoid', 'erf'];

/** One conv-ResNet instance: sizes, activation, c_res and the seed of its data and weights. */
export interface ConvResnetCase {
  n: number; d0: number; p: number; m: number; H: number; act: ActName; cRes: number; seed: number;
}

export function archOf(c: ConvResnetCase): ConvResnetArch {
  return convResnetArch({ d0: c.d0, p: c.p, m: c.m, H: c.H, act: ACTS[c.act].make(), cSigma: ACTS[c.act].cSigma, cRes: c.cRes });
}

/** n Gaussian images d0 × p scaled to ‖x_i‖_F = 1 (thesis §3.2's normalization), rows of X. */
export function unitImages(r: Rng, n: number, d0: number, p: number): Matrix {
  const len = d0 * p, X = zeros(n, len);
  r.fillNormal(X.data);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < len; k++) s += X.data[i * len + k] ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < len; k++) X.data[i * len + k] *= inv;
  }
  return X;
}

/** The case's data (images, labels uniform on [−1, 1]) and θ(0) ~ N(0, 1). */
export function instance(c: ConvResnetCase): { arch: ConvResnetArch; X: Matrix; y: Float64Array; theta: Float64Array } {
  const r = rng(c.seed), arch = archOf(c);
  const X = unitImages(r.stream('images'), c.n, c.d0, c.p), y = uniformLabels(r.stream('labels'), c.n);
  return { arch, X, y, theta: convResnetModel(arch).init(r.stream('theta')) };
}

/**
 * The realized constants of the thesis lemmas' hypotheses (Lemmas 3.15–3.21) at θ(0), measured (catalog 002b §1: "tests should
 * measure these"): c_{w,0} = max_h ‖W^(h)(0)‖_op/√m, c_{x,0} = max(1, max_{h,i} ‖x_i^(h)(0)‖_F,
 * 1/min_{h,i} ‖x_i^(h)(0)‖_F) (both sides of Lemma 3.15), a_{2,0} = max_l ‖a_{:,l}‖_2/√m,
 * a_{4,0} = max_l ‖a_{:,l}‖_4/m^{1/4} (Lemma 3.18's per-pixel hypotheses).
 */
export interface InitConstants { cw0: number; cx0: number; a20: number; a40: number }

export function initConstants(arch: ConvResnetArch, theta: Float64Array, X: Matrix): InitConstants {
  const { W, a } = convResnetWeights(arch, theta), m = arch.m, p = arch.p;
  let cw0 = 0;
  for (const w of W) cw0 = Math.max(cw0, spectralNorm(w) / Math.sqrt(m));
  let cx0 = 1;
  for (const x of convResnetLayerOutputs(arch, theta, X).slice(1)) {
    for (const nrm of rowNorms(x)) cx0 = Math.max(cx0, nrm, 1 / nrm);
  }
  let a20 = 0, a40 = 0;
  for (let l = 0; l < p; l++) {
    let s2 = 0, s4 = 0;
    for (let r = 0; r < m; r++) { const v = a.data[r * p + l] ** 2; s2 += v; s4 += v * v; }
    a20 = Math.max(a20, Math.sqrt(s2 / m));
    a40 = Math.max(a40, (s4 / m) ** 0.25);
  }
  return { cw0, cx0, a20, a40 };
}

/** ‖row i‖₂ of a matrix, for every i (= ‖x_i^(h)‖_F for convResnetLayerOutputs' rows). */
export function rowNorms(x: Matrix): number[] {
  return Array.from({ length: x.rows }, (_, i) => {
    let s = 0;
    for (let k = 0; k < x.cols; k++) s += x.data[i * x.cols + k] ** 2;
    return Math.sqrt(s);
  });
}

/** c_x of Lemma 3.17: (√c_σ L √q + c_{x,0}/c_{w,0}) e^{2 c_{w,0} L √q c_res}. */
export function lemma317Constant(arch: ConvResnetArch, L: number, k: InitConstants): number {
  const sq = Math.sqrt(arch.q);
  return (Math.sqrt(arch.cSigma) * L * sq + k.cx0 / k.cw0) * Math.exp(2 * k.cw0 * L * sq * arch.cRes);
}

/** Numbers in case details. */
export function fmtE(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toExponential(digits) : String(x);
}

/**
 * K^(H) of the case's images by deep-kernels' convResnetKernel (the corrected Definition 3.3 of
 * catalog 002b §2.4.3; thesis eq. (3.9)), with the activation constant c_σ above; Gauss–Hermite order 40 for softplus
 * (a numerical fact, not in the thesis: error ≤ 1e-13 at N = 40, catalog 002b §2.3), the activation's default otherwise.
 */
export function populationKernel(c: ConvResnetCase, X: Matrix): Matrix {
  const imgs = Array.from({ length: c.n }, (_, i) => ({ rows: c.d0, cols: c.p, data: X.data.slice(i * c.d0 * c.p, (i + 1) * c.d0 * c.p) }));
  const order = c.act === 'softplus' ? 40 : undefined;
  return convResnetKernel(imgs, ACTS[c.act].make(), c.H, c.cRes, 3, ACTS[c.act].cSigma, order ? { order } : {}).K;
}

/** λ0 = λmin(K^(H)) (populationKernel). */
export function populationLambda0(c: ConvResnetCase, X: Matrix): number {
  return lambdaMin(populationKernel(c, X));
}

/** One GD run of the conv ResNet (thesis §3.2's full-batch GD on every layer, one step size). */
export interface ConvGdRun {
  readonly m: number;
  readonly eta: number;
  readonly lambda0: number;
  /** λmax(G(0)), G = Σ_h G^(h) (the step size is etaFactor/λmax(G(0))). */
  readonly lmaxG0: number;
  /** L(k) = ½‖y − u(k)‖², k = 0..steps (shorter if the run diverged). */
  readonly loss: number[];
  /** ‖θ_B(s) − θ_B(s−1)‖_F per block B (W^(1..H), a), s = 1..steps. */
  readonly stepMoves: number[][];
  /** max_s ‖θ_B(s) − θ_B(0)‖_F per block. */
  readonly maxMoves: number[];
  readonly diverged: boolean;
  readonly k0: InitConstants;
  readonly theta0: Float64Array;
  readonly thetaT: Float64Array;
}

/** GD from θ(0) with η = etaFactor/λmax(G(0)) through src/train/gd.ts (bindData), recording loss and per-block moves. */
export function convGdRun(c: ConvResnetCase, steps: number, etaFactor = 1, lambda0?: number): ConvGdRun {
  const { arch, X, y, theta } = instance(c), model = convResnetModel(arch);
  const lmaxG0 = lambdaMax(model.gram!(theta, X)), eta = etaFactor / lmaxG0;
  const blocks = model.blocks, prev = Float64Array.from(theta);
  const loss: number[] = [], stepMoves: number[][] = blocks.map(() => []), maxMoves = blocks.map(() => 0);
  const rec = observe((t, x, f) => {
    loss.push(f);
    if (t === 0) return;
    blocks.forEach((b, q) => {
      let s = 0, d = 0;
      for (let k = b.offset; k < b.offset + b.rows * b.cols; k++) { s += (x[k] - prev[k]) ** 2; d += (x[k] - theta[k]) ** 2; }
      stepMoves[q].push(Math.sqrt(s));
      maxMoves[q] = Math.max(maxMoves[q], Math.sqrt(d));
    });
    prev.set(x);
  });
  const run = gd(bindData(model, X, y), theta, { eta, steps, recorders: [rec], onNonFinite: 'stop', divergeAbove: 1e6 * (loss[0] ?? 1) + 1e6 });
  return {
    m: c.m, eta, lmaxG0, loss, stepMoves, maxMoves, diverged: run.diverged, theta0: theta, thetaT: run.x,
    lambda0: lambda0 ?? populationLambda0(c, X), k0: initConstants(arch, theta, X),
  };
}
