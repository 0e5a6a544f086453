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
import { type DeepKernel, fcKernel, resnetKernel } from '../../src/kernels/deep-recursions.ts';

export type ActName = 'tanh' | 'softplus' | 'erf' | 'relu' | 'sigmoid';
export type Arch = 'fc' | 'resnet';

/** c_σ = 1/E σ(z)² (thesis (3.2); Gauss–Hermite, 200 nodes; erf and ReLU closed form, catalog 002b §2.3), L = sup|σ'|, β = Lip(σ') (thesis Condition 3.1). */
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

/** The realized constants of the thesis lemmas' hypotheses at θ (e.g. Lemma 3.4; catalog 002b §1: measure them, do not plug in universal values). */
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

/** g_α(h) = Σ_{i<h} α^i (thesis, the opening of the chapter-3 appendix before §3.8; catalog 002b §1). */
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

/** The population Gram of the instance's architecture (deep-kernels' corrected Definitions 3.1/3.2), same c_σ as the model. */
export function population(s: Ch3Sizes, X: Matrix): DeepKernel {
  const a = ACT[s.act];
  return s.arch === 'fc' ? fcKernel(X, a.make(), s.H, a.cSigma) : resnetKernel(X, a.make(), s.H, s.cRes ?? 0.5, a.cSigma);
}

/** Lower Cholesky factor of a PSD n×n matrix (pivots below 1e-14·trace/n clamped to 0: the eigen square root's role for singular Grams). */
function cholesky(K: Matrix): Float64Array {
  const n = K.rows, L = new Float64Array(n * n);
  let tr = 0;
  for (let i = 0; i < n; i++) tr += K.data[i * n + i];
  const floor = 1e-14 * tr / n;
  for (let j = 0; j < n; j++) {
    let d = K.data[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] ** 2;
    const piv = d > floor ? Math.sqrt(d) : 0;
    L[j * n + j] = piv;
    for (let i = j + 1; i < n; i++) {
      let v = K.data[i * n + j];
      for (let k = 0; k < j; k++) v -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = piv > 0 ? v / piv : 0;
    }
  }
  return L;
}

/**
 * n·m standard normals for the sampler, fast: xoshiro128** seeded by four 31-bit draws of r (so
 * every value still flows from the run's seed through src/core/rng.ts), Box–Muller in pairs. The
 * library's Rng costs ≈ 0.6 µs per normal; the sampler needs millions per claim.
 */
export function fastNormals(r: Rng, out: Float64Array): Float64Array {
  let a = r.int(0x7fffffff) | 1, b = r.int(0x7fffffff), c = r.int(0x7fffffff), d = r.int(0x7fffffff);
  for (let k = 0; k < out.length; k += 2) {
    // Two xoshiro128** outputs, inlined (a closure over the state runs ≈ 30× slower in V8).
    let r1 = Math.imul(b, 5);
    r1 = Math.imul((r1 << 7) | (r1 >>> 25), 9) >>> 0;
    let t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
    let r2 = Math.imul(b, 5);
    r2 = Math.imul((r2 << 7) | (r2 >>> 25), 9) >>> 0;
    t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = (d << 11) | (d >>> 21);
    const rad = Math.sqrt(-2 * Math.log((r1 + 0.5) / 4294967296)), th = (2 * Math.PI * (r2 + 0.5)) / 4294967296;
    out[k] = rad * Math.cos(th);
    if (k + 1 < out.length) out[k + 1] = rad * Math.sin(th);
  }
  return out;
}

export interface SampledInit {
  /** ‖x_i^(h)(0)‖ for h = 1..H (index h − 1), i = 0..n−1. */
  norms: Float64Array[];
  /** Empirical Grams ⟨x_i^(h), x_j^(h)⟩, h = 0..H. */
  grams: Matrix[];
  /** G^(H)(0) by the closed form (3.12)/(3.13) with sampled a ~ N(0, I). */
  GH: Matrix;
}

/**
 * Exact-in-distribution sampling of a network at initialization (derived, not in the thesis; catalog 002b §2.5): given
 * x^(h−1), the pre-activations z_r = X^(h−1) w_r are i.i.d. N(0, K̂^(h−1)) over r and independent
 * of the coordinates of x^(h−1), so Z = E Cᵀ (C the Cholesky factor of K̂^(h−1)) replaces W^(h):
 * O(mn²) per layer instead of O(m²n). Valid at θ(0) only (not after a step, not for perturbations).
 * `scales` / `skips` give the layers (FC: √(c_σ/m), no skips; ResNet: layer 1 plain, then c_res/(H√m) with skips).
 */
export function sampleInit(X: Matrix, act: Activation, m: number, scales: readonly number[], skips: readonly boolean[], r: Rng): SampledInit {
  const n = X.rows, H = scales.length;
  let x: Float64Array | null = null; // n × m (rows samples)
  const gramOf = (v: Float64Array, k: number): Matrix => {
    const G = zeros(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += v[i * k + q] * v[j * k + q];
      G.data[i * n + j] = s; G.data[j * n + i] = s;
    }
    return G;
  };
  const grams: Matrix[] = [gramOf(X.data, X.cols)];
  const norms: Float64Array[] = [];
  const e = new Float64Array(n * m), z = new Float64Array(n * m);
  let GH = zeros(n, n);
  for (let h = 0; h < H; h++) {
    const C = cholesky(grams[h]);
    fastNormals(r.stream(`layer${h + 1}`), e);
    for (let q = 0; q < m; q++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k <= i; k++) s += C[i * n + k] * e[q * n + k];
        z[i * m + q] = s;
      }
    }
    if (h === H - 1) {
      const a = fastNormals(r.stream('a'), new Float64Array(m));
      GH = zeros(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        let t = 0;
        for (let q = 0; q < m; q++) t += a[q] * a[q] * act.derivative(z[i * m + q]) * act.derivative(z[j * m + q]);
        const v = scales[h] * scales[h] * grams[h].data[i * n + j] * t;
        GH.data[i * n + j] = v; GH.data[j * n + i] = v;
      }
    }
    const next = new Float64Array(n * m);
    for (let q = 0; q < n * m; q++) next[q] = (skips[h] && x ? x[q] : 0) + scales[h] * act.value(z[q]);
    x = next;
    grams.push(gramOf(x, m));
    norms.push(Float64Array.from({ length: n }, (_, i) => Math.sqrt(grams[h + 1].data[i * n + i])));
  }
  return { norms, grams, GH };
}

/** The layer scales and skips of an architecture at width m (thesis (3.2), (3.3)). */
export function chainLayers(s: Ch3Sizes, m = s.m): { scales: number[]; skips: boolean[] } {
  const cs = ACT[s.act].cSigma, t = (s.cRes ?? 0.5) / (s.H * Math.sqrt(m));
  const scales = Array.from({ length: s.H }, (_, h) => (s.arch === 'fc' || h === 0 ? Math.sqrt(cs / m) : t));
  return { scales, skips: scales.map((_, h) => s.arch === 'resnet' && h > 0) };
}

/**
 * The per-point bound on ‖∂L/∂W^(h)‖_F (from the proofs of thesis Lemmas 3.5 FC and 3.12 ResNet; catalog 002b §3.14 (b), §3.21 (b)) at θ:
 *   FC      (c_σ/m)^{(H−h+1)/2} ‖a‖ L^{H−h+1} Π_{l>h}‖W^(l)‖₂ Σ_i |u_i − y_i| ‖x_i^(h−1)‖
 *   ResNet  s_h L ‖a‖ Σ_i |u_i − y_i| ‖x_i^(h−1)‖ Π_{l>h, l≥2}(1 + c_res L ‖W^(l)‖₂/(H√m)),  s_1 = √(c_σ/m), s_h = c_res/(H√m).
 * 'printed' applies the residual prefactor c_res/(H√m) at every layer, h = 1 included (Lemma 3.12's uniform Q', E23);
 * 'extra-factor' (a control) takes one factor √(c_σ/m) too many in the FC bound, (c_σ/m)^{(H−h+2)/2}, and the printed prefactor in the ResNet's.
 */
export function gradientBound(model: DeepChainModel, theta: Float64Array, X: Matrix, y: Float64Array, act: ActName, arch: Arch, cRes: number, h: number,
  variant: 'exact' | 'printed' | 'extra-factor'): number {
  const a = ACT[act], m = model.m, H = model.H, st = model.state(theta, X), ops = weights(model, theta).map((W) => spectralNorm(W));
  const aNorm = norm(outputWeights(model, theta));
  let sum = 0;
  for (let i = 0; i < X.rows; i++) sum += Math.abs(st.u[i] - y[i]) * rowNorm(st.hidden[h - 1], i);
  if (arch === 'fc') {
    let prod = 1;
    for (let l = h + 1; l <= H; l++) prod *= ops[l - 1];
    const pow = variant === 'extra-factor' ? H - h + 2 : H - h + 1;
    return (a.cSigma / m) ** (pow / 2) * aNorm * a.L ** (H - h + 1) * prod * sum;
  }
  const t = cRes / (H * Math.sqrt(m));
  let prod = 1;
  for (let l = Math.max(h + 1, 2); l <= H; l++) prod *= 1 + t * a.L * ops[l - 1];
  const pre = h === 1 && variant !== 'printed' && variant !== 'extra-factor' ? Math.sqrt(a.cSigma / m) : t;
  return pre * a.L * aNorm * sum * prod;
}
