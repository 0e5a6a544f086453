/**
 * Deep fully-connected networks of thesis §4.2.1 (catalog 002c §3.4–§3.5):
 *   x^(1) = W^(1) x,   x^(h) = W^(h) σ_{h−1}(x^(h−1)) (h = 2..H),   f(x) = x^(H),
 * no biases, one activation per hidden layer, loss (4.4) L = (1/m) Σ_k ℓ(f(x_k), y_k) with the
 * square loss ½‖ŷ − y‖² or the logistic loss Σ_j log(1 + exp(−y_j ŷ_j)), and exact backprop.
 * Every layer is trained with one step size (as in the GD (4.4) of thesis §4.2: per-layer step sizes change the invariant).
 *
 * Layout: samples are rows. Z[h−1] (m×n_h) holds the pre-activations x^(h) of all samples,
 * S[h−1] = σ(Z[h−1]), D[h−1] = ∂L/∂x^(h). The weights of all layers live in one flat Float64Array
 * (W^(1) first, each row-major) with Matrix views on it, so GD and the flow integrators of
 * src/train/rk4.ts work on one vector. A GD step allocates nothing: one workspace per (arch, m).
 *
 * Indexing: code arrays are 0-based, W[h − 1] = W^(h) of the thesis; acts[h − 1] = σ applied to
 * x^(h), h = 1..H−1.
 *
 * Bad input: an arch is checked once by deepFcArch and carries that provenance (an O(1) check in
 * every function taking one). The hot kernels forwardInto and lossGradInto make O(1) checks only
 * (arch, kinds and shapes of params, X, Y and the workspace): values unchecked by design — validate
 * them once with requireDeepFcInputs before a loop. Every other function checks its values too.
 */
import type { Activation } from '../core/activations.ts';
import { axpy, gemm, gemmABt, gemmAtB } from '../core/blas.ts';
import {
  DomainError, Provenance, ShapeError, describeValue, requireAllocatable, requireFiniteArray, requireFiniteNumber, requireFloat64Array, requirePositiveInt,
} from '../core/errors.ts';
import { type Matrix, requireMatrix, requireMatrixShape, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { type Model, layoutBlocks } from './model.ts';

export type LossName = 'square' | 'logistic';

export interface DeepFcArch {
  /** n_0 = d, n_1, …, n_H = p (H = widths.length − 1 layers). */
  readonly widths: readonly number[];
  /** σ for hidden layers h = 1..H−1 (length H − 1). */
  readonly acts: readonly Activation[];
  readonly loss: LossName;
}

export function deepFcArch(widths: readonly number[], acts: readonly Activation[], loss: LossName = 'square'): DeepFcArch {
  if (!Array.isArray(widths) || widths.length < 2) throw new ShapeError('widths needs n_0 = d and at least one layer', 'widths');
  widths.forEach((w, k) => requirePositiveInt(w, `widths[${k}]`));
  if (!Array.isArray(acts) || acts.length !== widths.length - 2) {
    throw new ShapeError(`acts has ${Array.isArray(acts) ? acts.length : 'no'} entries, expected H − 1 = ${widths.length - 2}`, 'acts');
  }
  acts.forEach((a, k) => {
    if (a === null || typeof a !== 'object' || typeof a.value !== 'function' || typeof a.derivative !== 'function') {
      throw new DomainError(`acts[${k}] is not an Activation`, 'acts');
    }
  });
  if (loss !== 'square' && loss !== 'logistic') throw new DomainError(`loss must be 'square' or 'logistic', got ${String(loss)}`, 'loss');
  return ARCHS.mark(Object.freeze({ widths: Object.freeze([...widths]), acts: Object.freeze([...acts]), loss }));
}

const ARCHS = new Provenance<DeepFcArch>('a DeepFcArch from deepFcArch()');

export function layers(arch: DeepFcArch): number {
  ARCHS.require(arch, 'arch');
  return arch.widths.length - 1;
}

/** Number of weights Σ_h n_h n_{h−1}. */
export function paramCount(arch: DeepFcArch): number {
  ARCHS.require(arch, 'arch');
  let s = 0;
  for (let h = 1; h < arch.widths.length; h++) s += arch.widths[h] * arch.widths[h - 1];
  return s;
}

export interface DeepFcParams {
  /** All weights, W^(1) first, each row-major: the state vector of GD and of the flow. */
  readonly flat: Float64Array;
  /** W[h − 1] = W^(h) ∈ R^{n_h × n_{h−1}}, views on flat. */
  readonly W: readonly Matrix[];
}

/** Views of the layers on a flat vector (allocated when not given). */
export function deepFcParams(arch: DeepFcArch, flat?: Float64Array): DeepFcParams {
  const n = paramCount(arch);
  const buf = flat ?? new Float64Array(requireAllocatable(n, 'arch', `${n} weights`));
  requireFloat64Array(buf, 'flat', n, false); // a view: its values are whatever the caller's state holds
  const W: Matrix[] = [];
  let o = 0;
  for (let h = 1; h < arch.widths.length; h++) {
    const rows = arch.widths[h], cols = arch.widths[h - 1];
    W.push({ rows, cols, data: buf.subarray(o, o + rows * cols) });
    o += rows * cols;
  }
  return { flat: buf, W };
}

export function cloneParams(arch: DeepFcArch, p: DeepFcParams): DeepFcParams {
  requireParams(arch, p, 'p');
  return deepFcParams(arch, Float64Array.from(p.flat));
}

/** Fan-in variances s_h = 1/n_{h−1} (W ~ N(0, 1/n_{h−1})). */
export function fanInVariances(arch: DeepFcArch): number[] {
  ARCHS.require(arch, 'arch');
  return arch.widths.slice(0, -1).map((n) => 1 / n);
}

/** W^(h)_{ij} ~ N(0, s_h) i.i.d., s_h a VARIANCE (N(0, s) has variance s). */
export function initDeepFc(rng: Rng, arch: DeepFcArch, variances?: readonly number[] | null): DeepFcParams {
  requireRng(rng, 'rng');
  const s = requireVariances(arch, variances);
  const p = deepFcParams(arch);
  const r = rng.stream('init');
  p.W.forEach((w, k) => r.stream(`W${k + 1}`).fillNormal(w.data, Math.sqrt(s[k])));
  return p;
}

/** The initialization variances s_h (fan-in when null/undefined): one finite s_h ≥ 0 per layer. */
function requireVariances(arch: DeepFcArch, variances: readonly number[] | null | undefined): readonly number[] {
  const H = layers(arch);
  if (variances === null || variances === undefined) return fanInVariances(arch);
  if (!Array.isArray(variances)) throw new ShapeError(`variances must be a number[] of ${H} entries, got ${describeValue(variances)}`, 'variances');
  if (variances.length !== H) throw new ShapeError(`variances has ${variances.length} entries, expected ${H}`, 'variances');
  variances.forEach((s: number, k) => {
    requireFiniteNumber(s, `variances[${k}]`);
    if (s < 0) throw new DomainError(`variances[${k}] must be ≥ 0, got ${s}`, 'variances');
  });
  return variances;
}

/** O(1) shape facts of params for arch: an object whose flat is a Float64Array of paramCount(arch) weights, H layer views. */
function requireParamsShape(arch: DeepFcArch, p: DeepFcParams, argument: string): void {
  if (p === null || typeof p !== 'object' || !(p.flat instanceof Float64Array) || !Array.isArray(p.W)) {
    throw new ShapeError(`${argument} must be DeepFcParams { flat, W } (deepFcParams), got ${describeValue(p)}`, argument);
  }
  if (p.flat.length !== paramCount(arch) || p.W.length !== arch.widths.length - 1) {
    throw new ShapeError(`${argument} has ${p.flat.length} weights in ${p.W.length} layers, expected ${paramCount(arch)} in ${arch.widths.length - 1}`, argument);
  }
}

/** Params for arch with finite weights. */
function requireParams(arch: DeepFcArch, p: DeepFcParams, argument: string): void {
  requireParamsShape(arch, p, argument);
  requireFiniteArray(p.flat, argument);
}

/** Params of some arch (the balance quantities take no arch): O(H) structure, finite weights. */
function requireLayers(p: DeepFcParams, argument: string): void {
  if (p === null || typeof p !== 'object' || !(p.flat instanceof Float64Array) || !Array.isArray(p.W) || p.W.length === 0) {
    throw new ShapeError(`${argument} must be DeepFcParams { flat, W } (deepFcParams), got ${describeValue(p)}`, argument);
  }
  for (let h = 0; h < p.W.length; h++) requireMatrixShape(p.W[h], argument, null, h > 0 ? p.W[h - 1].rows : null);
  requireFiniteArray(p.flat, argument);
}

/** Preallocated buffers for one (arch, m). */
export interface DeepFcWorkspace {
  readonly m: number;
  /** Z[h−1] = x^(h) of every sample (m × n_h), h = 1..H; Z[H−1] is the output. */
  readonly Z: readonly Matrix[];
  /** S[h−1] = σ_h(Z[h−1]) (m × n_h), h = 1..H−1. */
  readonly S: readonly Matrix[];
  /** D[h−1] = ∂L/∂x^(h) (m × n_h), h = 1..H. */
  readonly D: readonly Matrix[];
  /** G^(h) = ∂L/∂W^(h), views on grad.flat. */
  readonly grad: DeepFcParams;
}

export function deepFcWorkspace(arch: DeepFcArch, m: number): DeepFcWorkspace {
  const H = layers(arch);
  requirePositiveInt(m, 'm');
  for (let h = 1; h <= H; h++) requireAllocatable(m * arch.widths[h], 'm', `${m}×${arch.widths[h]} activations`);
  const Z: Matrix[] = [], S: Matrix[] = [], D: Matrix[] = [];
  for (let h = 1; h <= H; h++) {
    Z.push(zeros(m, arch.widths[h]));
    D.push(zeros(m, arch.widths[h]));
    if (h < H) S.push(zeros(m, arch.widths[h]));
  }
  return { m, Z, S, D, grad: deepFcParams(arch) };
}

/** Validate (params, X, Y) once at the public boundary. X is m × d, Y is m × p. */
export function requireDeepFcInputs(arch: DeepFcArch, p: DeepFcParams, X: Matrix, Y: Matrix): void {
  requireParamsAndInputs(arch, p, X);
  requireMatrix(Y, 'Y', X.rows, arch.widths[arch.widths.length - 1]);
  if (arch.loss === 'logistic') {
    for (let k = 0; k < Y.data.length; k++) {
      if (Y.data[k] !== 1 && Y.data[k] !== -1) throw new DomainError(`logistic labels must be ±1, Y[${k}] = ${Y.data[k]}`, 'Y');
    }
  }
}

/** (arch, params, X) of requireDeepFcInputs, without targets (deepFcForward). */
function requireParamsAndInputs(arch: DeepFcArch, p: DeepFcParams, X: Matrix): void {
  requireParams(arch, p, 'params');
  requireMatrix(X, 'X', null, arch.widths[0]);
}

/** O(1): ws is a DeepFcWorkspace object (its fit to an arch is requireDeepFcWorkspace's job). */
function requireWorkspaceObject(ws: DeepFcWorkspace): void {
  if (ws === null || typeof ws !== 'object' || !Array.isArray(ws.Z) || !Array.isArray(ws.D) || ws.Z.length === 0 || typeof ws.grad !== 'object') {
    throw new ShapeError(`ws must be a DeepFcWorkspace (deepFcWorkspace), got ${describeValue(ws)}`, 'ws');
  }
}

/** Validate a workspace against (arch, X) once, before a hot loop of lossGradInto calls. */
export function requireDeepFcWorkspace(arch: DeepFcArch, ws: DeepFcWorkspace, X: Matrix): void {
  ARCHS.require(arch, 'arch');
  requireWorkspaceObject(ws);
  requireMatrixShape(X, 'X', null, arch.widths[0]);
  if (ws.m !== X.rows || ws.Z.length !== layers(arch) || ws.grad.flat.length !== paramCount(arch)) {
    throw new ShapeError(`workspace is for m = ${ws.m} and ${ws.Z.length} layers, got m = ${X.rows} and ${layers(arch)}`, 'ws');
  }
  for (let h = 0; h < ws.Z.length; h++) {
    if (ws.Z[h].cols !== arch.widths[h + 1]) throw new ShapeError(`workspace layer ${h + 1} has width ${ws.Z[h].cols}, expected ${arch.widths[h + 1]}`, 'ws');
  }
}

/** Forward pass into ws.Z / ws.S. Hot path, O(1) checks (values unchecked): validate with requireDeepFcInputs first. */
export function forwardInto(arch: DeepFcArch, p: DeepFcParams, X: Matrix, ws: DeepFcWorkspace): void {
  requireParamsShape(arch, p, 'p');
  requireDeepFcWorkspace(arch, ws, X);
  forwardUnchecked(arch, p, X, ws);
}

function forwardUnchecked(arch: DeepFcArch, p: DeepFcParams, X: Matrix, ws: DeepFcWorkspace): void {
  const H = p.W.length;
  gemmABt(X, p.W[0], ws.Z[0]); // x^(1) = W^(1) x: the input is NOT passed through σ (erratum E2: the thesis's proof of Theorem 4.1)
  for (let h = 1; h < H; h++) {
    const act = arch.acts[h - 1], z = ws.Z[h - 1].data, s = ws.S[h - 1].data;
    for (let k = 0; k < z.length; k++) s[k] = act.value(z[k]);
    gemmABt(ws.S[h - 1], p.W[h], ws.Z[h]);
  }
}

/** log(1 + e^{t}) without overflow. */
function log1pExp(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/**
 * Forward and backward pass: fills ws.grad with ∂L/∂W^(h) and ws.D with ∂L/∂x^(h); returns L.
 * Hot path (allocation-free), O(1) checks of kinds and shapes, values unchecked: validate them with
 * requireDeepFcInputs once before a loop.
 */
export function lossGradInto(arch: DeepFcArch, p: DeepFcParams, X: Matrix, Y: Matrix, ws: DeepFcWorkspace): number {
  requireParamsShape(arch, p, 'p');
  requireDeepFcWorkspace(arch, ws, X);
  requireMatrixShape(Y, 'Y', X.rows, arch.widths[arch.widths.length - 1]);
  return lossGradUnchecked(arch, p, X, Y, ws);
}

function lossGradUnchecked(arch: DeepFcArch, p: DeepFcParams, X: Matrix, Y: Matrix, ws: DeepFcWorkspace): number {
  forwardUnchecked(arch, p, X, ws);
  const H = p.W.length, m = ws.m;
  const out = ws.Z[H - 1].data, dOut = ws.D[H - 1].data, y = Y.data;
  let loss = 0;
  const inv = 1 / m;
  if (arch.loss === 'square') {
    for (let k = 0; k < out.length; k++) {
      const e = out[k] - y[k];
      loss += 0.5 * e * e;
      dOut[k] = e * inv;
    }
  } else {
    for (let k = 0; k < out.length; k++) {
      const t = -y[k] * out[k];
      loss += log1pExp(t);
      // d/dŷ log(1 + e^{−yŷ}) = −y·sigmoid(−yŷ)
      const sg = t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
      dOut[k] = -y[k] * sg * inv;
    }
  }
  for (let h = H - 1; h >= 0; h--) {
    const input = h === 0 ? X : ws.S[h - 1];
    gemmAtB(ws.D[h], input, ws.grad.W[h]); // G^(h+1) = Σ_k δ_k^(h+1) σ(x_k^(h))ᵀ
    if (h > 0) {
      gemm(ws.D[h], p.W[h], ws.D[h - 1]); // ∂L/∂σ(x^(h)) = W^(h+1)ᵀ δ^(h+1), per sample row
      const act = arch.acts[h - 1], z = ws.Z[h - 1].data, d = ws.D[h - 1].data;
      for (let k = 0; k < d.length; k++) d[k] *= act.derivative(z[k]);
    }
  }
  return loss * inv;
}

/** Checked loss and gradient (copies): for tests and one-off evaluations. */
export function deepFcLossGrad(arch: DeepFcArch, p: DeepFcParams, X: Matrix, Y: Matrix): { loss: number; grad: DeepFcParams } {
  requireDeepFcInputs(arch, p, X, Y);
  const ws = deepFcWorkspace(arch, X.rows);
  const loss = lossGradUnchecked(arch, p, X, Y, ws);
  return { loss, grad: cloneParams(arch, ws.grad) };
}

/** Checked loss only. */
export function deepFcLoss(arch: DeepFcArch, p: DeepFcParams, X: Matrix, Y: Matrix): number {
  return deepFcLossGrad(arch, p, X, Y).loss;
}

/** Network outputs f(x_k) (m × p, a copy). */
export function deepFcForward(arch: DeepFcArch, p: DeepFcParams, X: Matrix): Matrix {
  requireParamsAndInputs(arch, p, X);
  const ws = deepFcWorkspace(arch, X.rows);
  forwardUnchecked(arch, p, X, ws);
  const out = ws.Z[ws.Z.length - 1];
  return { rows: out.rows, cols: out.cols, data: Float64Array.from(out.data) };
}

/**
 * (1/m) Σ_k ⟨∇_ŷ ℓ(f(x_k), y_k), f(x_k)⟩ after lossGradInto: the common value of ⟨W^(h), G^(h)⟩
 * over layers (thesis Corollary 4.1 / Theorem 4.3 proofs; catalog 002c §2.1 "Euler identity").
 */
export function eulerValue(ws: DeepFcWorkspace): number {
  requireWorkspaceObject(ws);
  const H = ws.Z.length;
  const z = ws.Z[H - 1].data, d = ws.D[H - 1].data;
  let s = 0;
  for (let k = 0; k < z.length; k++) s += d[k] * z[k];
  return s;
}


// ---------------------------------------------------------------------------------------------
// Balance quantities (thesis Theorem 4.1, Corollary 4.1, Theorem 4.2; catalog §2.1–§2.2).
// h is the thesis index of a hidden layer, 1 ≤ h ≤ H − 1: neuron i of layer h has incoming
// weights W^(h)[i, :] (row i) and outgoing weights W^(h+1)[:, i] (column i).
// ---------------------------------------------------------------------------------------------

function requireHidden(p: DeepFcParams, h: number, argument = 'p'): void {
  requireLayers(p, argument);
  requireFiniteNumber(h, 'h');
  if (!Number.isInteger(h) || h < 1 || h > p.W.length - 1) throw new DomainError(`hidden layer h must be in [1, ${p.W.length - 1}], got ${h}`, 'h');
}

/** An output buffer of at least n entries (the first n are written). */
function requireOutLength(out: Float64Array, n: number): void {
  requireFloat64Array(out, 'out', null, false);
  if (out.length < n) throw new ShapeError(`out has length ${out.length}, needs ≥ ${n}`, 'out');
}

/** ⟨A[i, :], B[i, :]⟩ and Σ_j |A_ij B_ij|. */
function rowDots(A: Matrix, B: Matrix, i: number): [number, number] {
  const c = A.cols, o = i * c, a = A.data, b = B.data;
  let s = 0, abs = 0;
  for (let j = 0; j < c; j++) { const t = a[o + j] * b[o + j]; s += t; abs += Math.abs(t); }
  return [s, abs];
}

/** ⟨A[:, i], B[:, i]⟩ and Σ_k |A_ki B_ki|. */
function colDots(A: Matrix, B: Matrix, i: number): [number, number] {
  const c = A.cols, a = A.data, b = B.data;
  let s = 0, abs = 0;
  for (let k = 0; k < A.rows; k++) { const t = a[k * c + i] * b[k * c + i]; s += t; abs += Math.abs(t); }
  return [s, abs];
}

/** D_i^(h) = ‖W^(h)[i, :]‖² − ‖W^(h+1)[:, i]‖² for every neuron i of hidden layer h (thesis (4.6)). */
export function neuronDifferences(p: DeepFcParams, h: number, out?: Float64Array): Float64Array {
  requireHidden(p, h); // before the default out, which reads p.W[h − 1]: a bad h is a DomainError, not a TypeError
  const Win = p.W[h - 1], Wout = p.W[h];
  out ??= new Float64Array(Win.rows);
  requireOutLength(out, Win.rows);
  for (let i = 0; i < Win.rows; i++) out[i] = rowDots(Win, Win, i)[0] - colDots(Wout, Wout, i)[0];
  return out;
}

/**
 * First-order defects c_i^(h) = ⟨W^(h)[i,:], G^(h)[i,:]⟩ − ⟨W^(h+1)[:,i], G^(h+1)[:,i]⟩ and their
 * scales 1 + Σ_j |W G| + Σ_k |W' G'| (the entrywise scale of the terms). Under the flow
 * dD_i/dt = −2c_i; Theorem 4.1 is exactly c_i ≡ 0.
 */
export function neuronDefects(p: DeepFcParams, g: DeepFcParams, h: number): { c: Float64Array; scale: Float64Array } {
  requireHidden(p, h);
  requireSameLayout(p, g);
  const n = p.W[h - 1].rows, c = new Float64Array(n), scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [a, aa] = rowDots(p.W[h - 1], g.W[h - 1], i);
    const [b, bb] = colDots(p.W[h], g.W[h], i);
    c[i] = a - b;
    scale[i] = 1 + aa + bb;
  }
  return { c, scale };
}

/**
 * Predicted exact one-step GD drift of D_i^(h): η²(‖G^(h)[i,:]‖² − ‖G^(h+1)[:,i]‖²) (derived,
 * not in the thesis: the first-order terms are −2ηc_i = 0 and the squares have no higher terms).
 */
export function neuronDriftCoefficients(g: DeepFcParams, h: number, out?: Float64Array): Float64Array {
  requireHidden(g, h, 'g'); // before the default out, as in neuronDifferences
  out ??= new Float64Array(g.W[h - 1].rows);
  requireOutLength(out, g.W[h - 1].rows);
  for (let i = 0; i < g.W[h - 1].rows; i++) out[i] = rowDots(g.W[h - 1], g.W[h - 1], i)[0] - colDots(g.W[h], g.W[h], i)[0];
  return out;
}

/** ‖W^(h)‖_F² for h = 1..H. */
export function layerSqNorms(p: DeepFcParams): number[] {
  requireLayers(p, 'p');
  return p.W.map((w) => {
    let s = 0;
    for (let k = 0; k < w.data.length; k++) s += w.data[k] * w.data[k];
    return s;
  });
}

/** ⟨W^(h), G^(h)⟩ for h = 1..H and Σ|W G| per layer (Corollary 4.1's Euler identity). */
export function layerInner(p: DeepFcParams, g: DeepFcParams): { inner: number[]; abs: number[] } {
  requireLayers(p, 'p');
  requireSameLayout(p, g);
  const inner: number[] = [], abs: number[] = [];
  p.W.forEach((w, h) => {
    const G = g.W[h].data;
    let s = 0, a = 0;
    for (let k = 0; k < w.data.length; k++) { const t = w.data[k] * G[k]; s += t; a += Math.abs(t); }
    inner.push(s);
    abs.push(a);
  });
  return { inner, abs };
}

/** A^(h) = W^(h)W^(h)ᵀ − W^(h+1)ᵀW^(h+1) (n_h × n_h), the matrix invariant of Theorem 4.2. */
export function matrixInvariant(p: DeepFcParams, h: number): Matrix {
  return invariantOf(p, h, 'p');
}

function invariantOf(p: DeepFcParams, h: number, argument: string): Matrix {
  requireHidden(p, h, argument);
  const Win = p.W[h - 1], Wout = p.W[h], n = Win.rows;
  const a = zeros(n, n), b = zeros(n, n);
  gemmABt(Win, Win, a);
  gemmAtB(Wout, Wout, b);
  for (let k = 0; k < a.data.length; k++) a.data[k] -= b.data[k];
  return a;
}

/**
 * The matrix first-order defect W^(h)G^(h)ᵀ + G^(h)W^(h)ᵀ − W^(h+1)ᵀG^(h+1) − G^(h+1)ᵀW^(h+1)
 * (= −dA^(h)/dt under the flow) and its entrywise scale 1 + Σ|terms| (derived, not in the thesis).
 * Zero iff σ is linear at layer h (Theorem 4.2); its diagonal is 2c_i (Theorem 4.1).
 */
export function matrixDefect(p: DeepFcParams, g: DeepFcParams, h: number): { defect: Matrix; scale: Matrix } {
  requireHidden(p, h);
  requireSameLayout(p, g);
  const Win = p.W[h - 1], Gin = g.W[h - 1], Wout = p.W[h], Gout = g.W[h], n = Win.rows;
  const defect = zeros(n, n), scale = zeros(n, n);
  const din = Win.cols, nout = Wout.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0, abs = 0;
      for (let k = 0; k < din; k++) {
        const t1 = Win.data[i * din + k] * Gin.data[j * din + k], t2 = Gin.data[i * din + k] * Win.data[j * din + k];
        s += t1 + t2; abs += Math.abs(t1) + Math.abs(t2);
      }
      for (let k = 0; k < nout; k++) {
        const t1 = Wout.data[k * n + i] * Gout.data[k * n + j], t2 = Gout.data[k * n + i] * Wout.data[k * n + j];
        s -= t1 + t2; abs += Math.abs(t1) + Math.abs(t2);
      }
      defect.data[i * n + j] = s;
      scale.data[i * n + j] = 1 + abs;
    }
  }
  return { defect, scale };
}

/** η²-coefficient of the exact GD drift of A^(h): G^(h)G^(h)ᵀ − G^(h+1)ᵀG^(h+1) (derived, not in the thesis). */
export function matrixDriftCoefficient(g: DeepFcParams, h: number): Matrix {
  return invariantOf(g, h, 'g');
}

/** g (a gradient) has p's layer shapes and finite entries. */
function requireSameLayout(p: DeepFcParams, g: DeepFcParams): void {
  requireLayers(g, 'g');
  if (g.W.length !== p.W.length || g.W.some((w, h) => w.rows !== p.W[h].rows || w.cols !== p.W[h].cols)) {
    throw new ShapeError(`g's layers do not match p's (${p.W.map((w) => `${w.rows}×${w.cols}`).join(', ')})`, 'g');
  }
}

// ---------------------------------------------------------------------------------------------
// The model interface (src/models/model.ts): θ = [vec(W^(1)) | … | vec(W^(H))], all trained.
// ---------------------------------------------------------------------------------------------

/** The deep FC model's workspace: the pass buffers plus views of θ and y made once per buffer. */
export interface DeepFcModelWorkspace {
  readonly pass: DeepFcWorkspace;
  theta: Float64Array | null;
  params: DeepFcParams | null;
  y: Float64Array | null;
  Y: Matrix | null;
}

function paramsFor(arch: DeepFcArch, ws: DeepFcModelWorkspace, theta: Float64Array): DeepFcParams {
  if (ws.theta !== theta || ws.params === null) { ws.params = deepFcParams(arch, theta); ws.theta = theta; }
  return ws.params;
}

function targetsFor(ws: DeepFcModelWorkspace, y: Float64Array, rows: number, cols: number): Matrix {
  if (ws.y !== y || ws.Y === null) { ws.Y = { rows, cols, data: y }; ws.y = y; }
  return ws.Y;
}

/** A kinked activation: piecewise linear with a corner at 0 (ReLU, leaky, piecewise), not the identity. */
function kinked(a: Activation): boolean {
  return a.homogeneous && !a.linear;
}

/**
 * The deep fully-connected net of thesis §4.2.1 with loss (4.4) as a Model; `variances` are the
 * N(0, s_h) initialization variances (fan-in by default).
 */
export function deepFcModel(arch: DeepFcArch, variances?: readonly number[]): Model<DeepFcModelWorkspace> {
  ARCHS.require(arch, 'arch');
  if (variances !== undefined) requireVariances(arch, variances); // checked when the model is built, not at its first init
  const H = layers(arch), p = arch.widths[H];
  const blocks = layoutBlocks(arch.widths.slice(1).map((rows, h) => ({ name: `W${h + 1}`, rows, cols: arch.widths[h] })));
  const dim = paramCount(arch);
  return {
    id: 'deep-fc',
    dim,
    blocks,
    inputDim: arch.widths[0],
    outputDim: p,
    init: (r) => initDeepFc(r, arch, variances).flat,
    workspace: (n) => ({ pass: deepFcWorkspace(arch, n), theta: null, params: null, y: null, Y: null }),
    predict(theta, X, out, ws) {
      forwardUnchecked(arch, paramsFor(arch, ws, theta), X, ws.pass);
      out.set(ws.pass.Z[H - 1].data);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      const loss = lossGradUnchecked(arch, paramsFor(arch, ws, theta), X, targetsFor(ws, y, X.rows, p), ws.pass);
      grad.set(ws.pass.grad.flat);
      return loss;
    },
    kinkDistance(theta, X) {
      // The smallest |pre-activation| at a unit with a corner: the FD claim keeps its ±h moves far
      // below it (draws within 1e-4 of a kink are re-drawn).
      if (!arch.acts.some(kinked)) return Infinity;
      const ws = deepFcWorkspace(arch, X.rows);
      forwardUnchecked(arch, deepFcParams(arch, theta), X, ws);
      let dist = Infinity;
      for (let h = 0; h < H - 1; h++) {
        if (!kinked(arch.acts[h])) continue;
        // An exact 0 is structural (every input of the unit is a dead ReLU, so no small move of θ
        // changes it): it is never crossed, and only nonzero pre-activations count.
        const z = ws.Z[h].data;
        for (let k = 0; k < z.length; k++) if (z[k] !== 0) dist = Math.min(dist, Math.abs(z[k]));
      }
      return dist;
    },
  };
}
