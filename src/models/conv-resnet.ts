/**
 * The convolutional ResNet of thesis §3.2 (catalog 002b §2.1–§2.2), on the model interface.
 *
 * An input is an image x ∈ R^{d0×p} (d0 channels, p pixels), a row of X flattened channel-major
 * (x[c·p + l]); hidden layers are x^(h) ∈ R^{m×p}. With φ_h the patch operator (stride 1, zero
 * padding, q odd: column l of φ(x) stacks the pixel columns l − (q−1)/2 … l + (q−1)/2, out-of-range
 * pixels 0), s_σ = √(c_σ/m) and t = c_res/(H√m):
 *   x^(1) = s_σ σ(W^(1) φ_1(x)),   x^(h) = x^(h−1) + t σ(W^(h) φ_h(x^(h−1))) (2 ≤ h ≤ H),
 *   u = f_cnn(x) = ⟨a, x^(H)⟩_F,   L(θ) = ½ Σ_i (u_i − y_i)²   (no 1/n, thesis (3.1)),
 * with W^(1) ∈ R^{m×q·d0}, W^(h) ∈ R^{m×q·m}, a ∈ R^{m×p}, all N(0, 1) and all trained.
 *
 * Layout of the passes: every layer's activations of all n samples are one (n·p) × d_h matrix whose
 * row i·p + l is pixel l of sample i (its d_h channels contiguous). The patch operator is then a
 * gather into the preallocated (n·p) × q·d_h matrix Φ (row i·p + l = φ(x_i)_{:,l}, stacked in the
 * order of the offsets), and every layer product is one GEMM of src/core/blas.ts:
 *   Z = Φ·Wᵀ (pre-activations), ∂L/∂W = Dᵀ·Φ, ∂L/∂Φ = D·W, then φ* (col2im: scatter-add each patch
 * row back onto its pixels) gives ∂L/∂x^(h−1) (derived, not in the thesis; catalog 002b §2.2, "CNN backprop").
 */
import type { Activation } from '../core/activations.ts';
import { gemm, gemmABt, gemmAtB } from '../core/blas.ts';
import { DomainError, ShapeError, describeValue, requireAllocatable, requireFiniteNumber, requirePositive, requirePositiveInt } from '../core/errors.ts';
import { psdCholesky } from '../core/linalg.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { type Block, type Model, blockView, layoutBlocks, requireTheta } from './model.ts';

/** Sizes, activation and constants of one convolutional ResNet. */
export interface ConvResnetArch {
  /** Input channels d0. */
  readonly d0: number;
  /** Pixels p (= number of patches). */
  readonly p: number;
  /** Patch size q (odd; 3 in the thesis's 1-D example). */
  readonly q: number;
  /** Width (channels) m of every hidden layer. */
  readonly m: number;
  /** Number of weight layers H (the output a is extra). */
  readonly H: number;
  readonly act: Activation;
  /** c_σ = 1/E_{z~N(0,1)} σ(z)² (thesis (3.2); catalog 002b §1): a parameter, computed by the caller. */
  readonly cSigma: number;
  /** c_res: the residual branch is scaled by c_res/(H√m). */
  readonly cRes: number;
}

export interface ConvResnetSpec {
  d0: number; p: number; m: number; H: number; act: Activation; cSigma: number; cRes: number;
  /** Patch size, odd; default 3. */
  q?: number;
}

/** Validate a spec and freeze it as an architecture. */
export function convResnetArch(spec: ConvResnetSpec): ConvResnetArch {
  if (spec === null || typeof spec !== 'object') throw new DomainError(`spec must be { d0, p, m, H, act, cSigma, cRes }, got ${describeValue(spec)}`, 'spec');
  const d0 = requirePositiveInt(spec.d0, 'd0'), p = requirePositiveInt(spec.p, 'p'), m = requirePositiveInt(spec.m, 'm');
  const H = requirePositiveInt(spec.H, 'H');
  const q = spec.q === undefined || spec.q === null ? 3 : requirePositiveInt(spec.q, 'q');
  if (q % 2 !== 1) throw new DomainError(`patch size q must be odd (centred patches, thesis §3.2), got ${q}`, 'q');
  const act = spec.act;
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError(`act must be an Activation, got ${describeValue(act)}`, 'act');
  }
  requireFiniteNumber(spec.cSigma, 'cSigma');
  requirePositive(spec.cSigma, 'cSigma');
  requireFiniteNumber(spec.cRes, 'cRes');
  requirePositive(spec.cRes, 'cRes');
  requireAllocatable(m * q * Math.max(m, d0) * H + m * p, 'm', 'the parameters');
  return Object.freeze({ d0, p, q, m, H, act, cSigma: spec.cSigma, cRes: spec.cRes });
}

/** Channels entering layer h (1-based): d0 for h = 1, m after. */
function inChannels(arch: ConvResnetArch, h: number): number {
  return h === 1 ? arch.d0 : arch.m;
}

/** The factor in front of σ at layer h: √(c_σ/m) for h = 1, c_res/(H√m) for the residual layers. */
function layerScale(arch: ConvResnetArch, h: number): number {
  return h === 1 ? Math.sqrt(arch.cSigma / arch.m) : arch.cRes / (arch.H * Math.sqrt(arch.m));
}

function blocksOf(arch: ConvResnetArch): Block[] {
  const specs = [];
  for (let h = 1; h <= arch.H; h++) specs.push({ name: `W${h}`, rows: arch.m, cols: arch.q * inChannels(arch, h) });
  specs.push({ name: 'a', rows: arch.m, cols: arch.p });
  return layoutBlocks(specs);
}

/** W^(1..H) and a as matrix views on θ. */
interface Views { readonly W: readonly Matrix[]; readonly a: Matrix }

function viewsOf(blocks: readonly Block[], theta: Float64Array): Views {
  const W = blocks.slice(0, -1).map((b) => blockView(theta, b));
  return { W, a: blockView(theta, blocks[blocks.length - 1]) };
}

/** W^(h) (h = 1..H, m × q·d_{h−1}) and a (m × p) as views on θ, validated. */
export function convResnetWeights(arch: ConvResnetArch, theta: Float64Array): Views {
  requireArch(arch);
  const blocks = blocksOf(arch);
  requireTheta(theta, blocks[blocks.length - 1].offset + arch.m * arch.p);
  return viewsOf(blocks, theta);
}

function requireArch(arch: ConvResnetArch): void {
  if (arch === null || typeof arch !== 'object' || !Number.isInteger(arch.q) || !Number.isInteger(arch.H) || arch.act === undefined) {
    throw new ShapeError('arch must come from convResnetArch', 'arch');
  }
}

// ---------------------------------------------------------------------------------------------
// The patch operator φ and its adjoint φ* on the pixel-major layout
// ---------------------------------------------------------------------------------------------

/**
 * φ on n images at once: src is (n·p) × d (row i·p + l = pixel l of image i), dst is (n·p) × q·d
 * with dst[i·p + l, t·d + c] = src[i·p + l + t − (q−1)/2, c], 0 when that pixel is outside [0, p).
 * Unchecked hot path.
 */
function gatherPatches(src: Float64Array, dst: Float64Array, n: number, p: number, d: number, q: number): void {
  const half = (q - 1) / 2, qd = q * d;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < p; l++) {
      const row = (i * p + l) * qd;
      for (let t = 0; t < q; t++) {
        const s = l + t - half, o = row + t * d;
        if (s < 0 || s >= p) { dst.fill(0, o, o + d); continue; }
        const so = (i * p + s) * d;
        for (let c = 0; c < d; c++) dst[o + c] = src[so + c];
      }
    }
  }
}

/** φ*: dst[i·p + s, c] += Σ_{l, t: l + t − (q−1)/2 = s} src[i·p + l, t·d + c] (col2im, accumulating). */
function scatterPatches(src: Float64Array, dst: Float64Array, n: number, p: number, d: number, q: number): void {
  const half = (q - 1) / 2, qd = q * d;
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < p; l++) {
      const row = (i * p + l) * qd;
      for (let t = 0; t < q; t++) {
        const s = l + t - half;
        if (s < 0 || s >= p) continue;
        const o = row + t * d, so = (i * p + s) * d;
        for (let c = 0; c < d; c++) dst[so + c] += src[o + c];
      }
    }
  }
}

/**
 * The patch operator of thesis §3.2 on one image x ∈ R^{d×p} (a d × p Matrix): φ(x) ∈ R^{q·d×p},
 * column l = (x_{:,l−(q−1)/2}; …; x_{:,l+(q−1)/2}), out-of-range pixels 0 (for q = 3:
 * (x_{:,l−1}; x_{:,l}; x_{:,l+1}) with x_{:,0} = x_{:,p+1} = 0).
 */
export function patchOperator(x: Matrix, q = 3): Matrix {
  requireMatrix(x, 'x');
  requirePositiveInt(q, 'q');
  if (q % 2 !== 1) throw new DomainError(`patch size q must be odd, got ${q}`, 'q');
  const d = x.rows, p = x.cols, pix = new Float64Array(p * d), patches = new Float64Array(p * q * d);
  for (let c = 0; c < d; c++) for (let l = 0; l < p; l++) pix[l * d + c] = x.data[c * p + l];
  gatherPatches(pix, patches, 1, p, d, q);
  const out = zeros(q * d, p);
  for (let l = 0; l < p; l++) for (let k = 0; k < q * d; k++) out.data[k * p + l] = patches[l * q * d + k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workspace and passes
// ---------------------------------------------------------------------------------------------

/** Preallocated buffers for n samples. */
export interface ConvResnetWorkspace {
  readonly n: number;
  /** A[h] = x^(h) of every sample, (n·p) × d_h pixel-major, h = 0..H. */
  readonly A: readonly Matrix[];
  /** Phi[h − 1] = φ_h(x^(h−1)), (n·p) × q·d_{h−1}, h = 1..H. */
  readonly Phi: readonly Matrix[];
  /** Z[h − 1] = W^(h) φ_h(x^(h−1)), (n·p) × m, pre-activations, h = 1..H. */
  readonly Z: readonly Matrix[];
  /** ∂(Σ_i e_i u_i)/∂x^(h) of the current layer, and the coefficient D = scale·Δ ⊙ σ'(Z). */
  readonly delta: Matrix;
  readonly coef: Matrix;
  /** dPhi[h − 1] = ∂/∂Φ of layer h, (n·p) × q·d_{h−1}: views on one buffer. */
  readonly dPhi: readonly Matrix[];
  /** Predictions u and residual coefficients e. */
  readonly u: Float64Array;
  readonly e: Float64Array;
  /** Views of θ for the last θ passed (re-made when θ is another array). */
  theta: Float64Array | null;
  views: Views | null;
  /** Views of the gradient blocks W^(h) for the last gradient buffer passed. */
  grad: Float64Array | null;
  gradViews: readonly Matrix[] | null;
}

function workspaceFor(arch: ConvResnetArch, n: number): ConvResnetWorkspace {
  const { p, q, m, H, d0 } = arch, np = n * p;
  requireAllocatable(np * q * Math.max(m, d0) * (H + 1), 'n', 'the workspace');
  const A = [zeros(np, d0)], Phi: Matrix[] = [], Z: Matrix[] = [];
  for (let h = 1; h <= H; h++) {
    A.push(zeros(np, m));
    Phi.push(zeros(np, q * inChannels(arch, h)));
    Z.push(zeros(np, m));
  }
  const dPhiBuf = new Float64Array(np * q * Math.max(m, d0));
  const dPhi = Phi.map((P) => ({ rows: np, cols: P.cols, data: dPhiBuf.subarray(0, np * P.cols) }));
  return {
    n, A, Phi, Z, delta: zeros(np, m), coef: zeros(np, m), dPhi,
    u: new Float64Array(n), e: new Float64Array(n), theta: null, views: null, grad: null, gradViews: null,
  };
}

function viewsFor(blocks: readonly Block[], ws: ConvResnetWorkspace, theta: Float64Array): Views {
  if (ws.theta !== theta || ws.views === null) { ws.views = viewsOf(blocks, theta); ws.theta = theta; }
  return ws.views;
}

/** Forward pass of n = ws.n images (rows of X) into ws; predictions into ws.u. Unchecked. */
function forward(arch: ConvResnetArch, v: Views, X: Matrix, ws: ConvResnetWorkspace): void {
  const { p, q, m, H, d0, act } = arch, n = ws.n;
  const a0 = ws.A[0].data, x = X.data;
  for (let i = 0; i < n; i++) for (let c = 0; c < d0; c++) for (let l = 0; l < p; l++) a0[(i * p + l) * d0 + c] = x[i * d0 * p + c * p + l];
  for (let h = 1; h <= H; h++) {
    const dIn = inChannels(arch, h), Phi = ws.Phi[h - 1], Z = ws.Z[h - 1];
    gatherPatches(ws.A[h - 1].data, Phi.data, n, p, dIn, q);
    gemmABt(Phi, v.W[h - 1], Z); // Z = Φ Wᵀ: row (i, l) holds w_r·φ_{i,l} for every r
    const s = layerScale(arch, h), z = Z.data, out = ws.A[h].data;
    if (h === 1) for (let k = 0; k < z.length; k++) out[k] = s * act.value(z[k]);
    else {
      const prev = ws.A[h - 1].data;
      for (let k = 0; k < z.length; k++) out[k] = prev[k] + s * act.value(z[k]);
    }
  }
  const xH = ws.A[H].data, a = v.a.data;
  for (let i = 0; i < n; i++) {
    let u = 0;
    for (let l = 0; l < p; l++) {
      const o = (i * p + l) * m;
      for (let r = 0; r < m; r++) u += a[r * p + l] * xH[o + r];
    }
    ws.u[i] = u;
  }
}

/**
 * Backward pass of Σ_i e_i u_i (e = ws.e) after `forward`: its gradient in θ into grad (laid out as
 * θ). With e = u − y it is ∇L; with e = the i-th unit vector it is the Jacobian row ∂u_i/∂θ. Unchecked.
 */
function backward(arch: ConvResnetArch, blocks: readonly Block[], v: Views, ws: ConvResnetWorkspace, grad: Float64Array): void {
  const { p, q, m, H, act } = arch, n = ws.n, e = ws.e;
  const delta = ws.delta.data, a = v.a.data, xH = ws.A[H].data;
  const ga = blocks[H].offset;
  for (let k = 0; k < m * p; k++) grad[ga + k] = 0;
  for (let i = 0; i < n; i++) {
    const ei = e[i];
    for (let l = 0; l < p; l++) {
      const o = (i * p + l) * m;
      for (let r = 0; r < m; r++) {
        delta[o + r] = ei * a[r * p + l]; // Δ^(H) = ∂/∂x^(H) = e_i a
        grad[ga + r * p + l] += ei * xH[o + r]; // ∂/∂a = Σ_i e_i x_i^(H)
      }
    }
  }
  const coef = ws.coef.data;
  if (ws.grad !== grad || ws.gradViews === null) { ws.gradViews = blocks.slice(0, H).map((b) => blockView(grad, b)); ws.grad = grad; }
  for (let h = H; h >= 1; h--) {
    const z = ws.Z[h - 1].data, s = layerScale(arch, h), dIn = inChannels(arch, h);
    for (let k = 0; k < coef.length; k++) coef[k] = s * delta[k] * act.derivative(z[k]);
    gemmAtB(ws.coef, ws.Phi[h - 1], ws.gradViews[h - 1]); // ∂/∂W^(h) = Dᵀ Φ
    if (h === 1) break;
    const dPhi = ws.dPhi[h - 1];
    gemm(ws.coef, v.W[h - 1], dPhi); // ∂/∂Φ = D W
    scatterPatches(dPhi.data, delta, n, p, dIn, q); // Δ^(h−1) = Δ^(h) + φ*(D W) (the skip keeps Δ^(h))
  }
}

function requireInputs(arch: ConvResnetArch, X: Matrix): void {
  requireMatrix(X, 'X', null, arch.d0 * arch.p);
}

/** The public evaluations' boundary: (arch, θ, X) checked once; the blocks of θ. */
function validated(arch: ConvResnetArch, theta: Float64Array, X: Matrix): Block[] {
  requireArch(arch);
  const blocks = blocksOf(arch);
  requireTheta(theta, blocks[blocks.length - 1].offset + arch.m * arch.p);
  requireInputs(arch, X);
  return blocks;
}

/** The convolutional ResNet of thesis §3.2 as a Model (θ = [W^(1) | … | W^(H) | a], all N(0, 1)). */
export function convResnetModel(arch: ConvResnetArch): Model<ConvResnetWorkspace> {
  requireArch(arch);
  const blocks = blocksOf(arch), dim = blocks[blocks.length - 1].offset + arch.m * arch.p, H = arch.H;
  const kinked = arch.act.homogeneous && !arch.act.linear;
  return {
    id: 'conv-resnet',
    dim,
    blocks,
    inputDim: arch.d0 * arch.p,
    outputDim: 1,
    init(r) {
      requireRng(r, 'rng');
      const theta = new Float64Array(dim), s = r.stream('init');
      for (const b of blocks) s.stream(b.name).fillNormal(theta.subarray(b.offset, b.offset + b.rows * b.cols));
      return theta;
    },
    workspace: (n) => workspaceFor(arch, requirePositiveInt(n, 'n')),
    predict(theta, X, out, ws) {
      forward(arch, viewsFor(blocks, ws, theta), X, ws);
      out.set(ws.u);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      const v = viewsFor(blocks, ws, theta);
      forward(arch, v, X, ws);
      let loss = 0;
      for (let i = 0; i < ws.n; i++) { const r = ws.u[i] - y[i]; ws.e[i] = r; loss += 0.5 * r * r; }
      backward(arch, blocks, v, ws, grad);
      return loss;
    },
    jacobian(theta, X) {
      requireTheta(theta, dim);
      requireInputs(arch, X);
      return jacobianOf(arch, blocks, theta, X);
    },
    gram(theta, X) {
      // G = Σ_h G^(h) (thesis §3.3), each G^(h) from the layer's Jacobian block.
      const Gs = convResnetLayerGrams(arch, theta, X), G = zeros(X.rows, X.rows);
      for (const g of Gs) for (let k = 0; k < G.data.length; k++) G.data[k] += g.data[k];
      return G;
    },
    kinkDistance(theta, X) {
      if (!kinked) return Infinity;
      const ws = workspaceFor(arch, X.rows);
      forward(arch, viewsOf(blocks, theta), X, ws);
      let dist = Infinity;
      for (let h = 0; h < H; h++) {
        const z = ws.Z[h].data;
        for (let k = 0; k < z.length; k++) if (z[k] !== 0) dist = Math.min(dist, Math.abs(z[k]));
      }
      return dist;
    },
  };
}

/** Rows ∂u_i/∂θ, one single-sample backward pass each (row i depends on x_i only). */
function jacobianOf(arch: ConvResnetArch, blocks: readonly Block[], theta: Float64Array, X: Matrix): Matrix {
  const dim = blocks[blocks.length - 1].offset + arch.m * arch.p, n = X.rows, len = X.cols;
  const J = zeros(n, dim), ws = workspaceFor(arch, 1), v = viewsOf(blocks, theta);
  ws.e[0] = 1;
  for (let i = 0; i < n; i++) {
    const xi: Matrix = { rows: 1, cols: len, data: X.data.subarray(i * len, (i + 1) * len) };
    forward(arch, v, xi, ws);
    backward(arch, blocks, v, ws, J.data.subarray(i * dim, (i + 1) * dim));
  }
  return J;
}

/**
 * The per-layer Grams G^(h)_ij = ⟨∂u_i/∂W^(h), ∂u_j/∂W^(h)⟩_F for h = 1..H, then G^(H+1)_ij =
 * ⟨x_i^(H), x_j^(H)⟩_F (the block a), from the Jacobian (thesis §3.3); G = Σ_h G^(h).
 */
export function convResnetLayerGrams(arch: ConvResnetArch, theta: Float64Array, X: Matrix): Matrix[] {
  const blocks = validated(arch, theta, X);
  const J = jacobianOf(arch, blocks, theta, X), n = X.rows;
  return blocks.map((b) => {
    const len = b.rows * b.cols, Jb = zeros(n, len), G = zeros(n, n);
    for (let i = 0; i < n; i++) Jb.data.set(J.data.subarray(i * J.cols + b.offset, i * J.cols + b.offset + len), i * len);
    gemmABt(Jb, Jb, G);
    return G;
  });
}

/**
 * (3.14) from the last layer's patches and pre-activations, in the form
 *   G^(H)_ij = s² Σ_{l,k} ⟨φ_{i,l}, φ_{j,k}⟩ · Σ_r c_{r,il} c_{r,jk},   c_{r,il} = a_{r,l} σ'(w_rᵀφ_{i,l}),
 * i.e. s²·Σ over each p × p block of (ΦΦᵀ) ⊙ (CᵀC) — two GEMMs of (n·p)² entries. Phi is (n·p) × q·d
 * (row i·p + l = φ_{i,l}), Z the (n·p) × m pre-activations, a the m × p output weights.
 */
function gramHFrom(arch: ConvResnetArch, Phi: Matrix, Z: Matrix, a: Float64Array, n: number): Matrix {
  const { p, m, act } = arch, np = n * p, s = layerScale(arch, arch.H);
  const C = zeros(m, np), PP = zeros(np, np), CC = zeros(np, np), G = zeros(n, n);
  for (let u = 0; u < np; u++) {
    const l = u % p;
    for (let r = 0; r < m; r++) C.data[r * np + u] = a[r * p + l] * act.derivative(Z.data[u * m + r]);
  }
  gemmABt(Phi, Phi, PP);
  gemmAtB(C, C, CC);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let l = 0; l < p; l++) {
        const o = (i * p + l) * np + j * p;
        for (let k = 0; k < p; k++) acc += PP.data[o + k] * CC.data[o + k];
      }
      G.data[i * n + j] = s * s * acc;
    }
  }
  return G;
}

/**
 * The closed form (3.14) of the last hidden layer's Gram:
 *   G^(H)_ij = (c_res²/(H²m)) Σ_r [Σ_l a_{r,l} σ'(w_rᵀφ_{i,l}) φ_{i,l}]ᵀ [Σ_k a_{r,k} σ'(w_rᵀφ_{j,k}) φ_{j,k}],
 * φ_{i,l} = φ_H(x_i^(H−1))_{:,l}, w_r row r of W^(H) (for H = 1 the prefactor is c_σ/m).
 */
export function convResnetGramH(arch: ConvResnetArch, theta: Float64Array, X: Matrix): Matrix {
  const blocks = validated(arch, theta, X);
  const n = X.rows, ws = workspaceFor(arch, n), v = viewsOf(blocks, theta);
  forward(arch, v, X, ws);
  return gramHFrom(arch, ws.Phi[arch.H - 1], ws.Z[arch.H - 1], v.a.data, n);
}

/** What an initialization of the conv ResNet gives, sampled: hidden norms and G^(H)(0). */
export interface ConvResnetInitSample {
  /** ‖x_i^(h)(0)‖_F for h = 1..H (entry h − 1), i = 1..n. */
  readonly norms: Float64Array[];
  /** G^(H)(0) by (3.14). */
  readonly gramH: Matrix;
}

/**
 * An exact-in-distribution sample of the initialization (derived, not in the thesis; catalog 002b §2.5, "for CNNs, sample over
 * the np patch columns"): given x^(h−1), the pre-activations Z = Φ W^(h)ᵀ have i.i.d. columns
 * N(0, ΦΦᵀ) (the rows of W^(h) are independent N(0, I)), so a layer is Z = L·E with LLᵀ = ΦΦᵀ and
 * E (n·p) × m standard normal: O(m(np)²) instead of O(m²q·np) per layer. Where q·d_{h−1} < n·p
 * (ΦΦᵀ singular, the first layer) Z = ΦWᵀ is drawn directly. Valid at initialization only.
 */
export function sampleConvResnetInit(arch: ConvResnetArch, X: Matrix, r: Rng): ConvResnetInitSample {
  requireArch(arch);
  requireInputs(arch, X);
  requireRng(r, 'rng', ['fillNormal']);
  const { p, q, m, H, d0, act } = arch, n = X.rows, np = n * p, ws = workspaceFor(arch, n);
  const a0 = ws.A[0].data, x = X.data;
  for (let i = 0; i < n; i++) for (let c = 0; c < d0; c++) for (let l = 0; l < p; l++) a0[(i * p + l) * d0 + c] = x[i * d0 * p + c * p + l];
  const norms: Float64Array[] = [];
  for (let h = 1; h <= H; h++) {
    const dIn = inChannels(arch, h), Phi = ws.Phi[h - 1], Z = ws.Z[h - 1];
    gatherPatches(ws.A[h - 1].data, Phi.data, n, p, dIn, q);
    const layer = r.stream(`layer${h}`);
    if (q * dIn <= np) {
      const W = zeros(m, q * dIn);
      layer.fillNormal(W.data);
      gemmABt(Phi, W, Z);
    } else {
      const K = zeros(np, np), E = zeros(np, m);
      gemmABt(Phi, Phi, K);
      layer.fillNormal(E.data);
      gemm(psdCholesky(K), E, Z);
    }
    const s = layerScale(arch, h), z = Z.data, out = ws.A[h].data, prev = ws.A[h - 1].data;
    for (let k = 0; k < z.length; k++) out[k] = (h === 1 ? 0 : prev[k]) + s * act.value(z[k]);
    const nrm = new Float64Array(n);
    for (let k = 0; k < out.length; k++) nrm[Math.floor(k / (p * m))] += out[k] * out[k];
    norms.push(nrm.map(Math.sqrt));
  }
  const a = new Float64Array(m * p);
  r.stream('a').fillNormal(a);
  return { norms, gramH: gramHFrom(arch, ws.Phi[H - 1], ws.Z[H - 1], a, n) };
}

/**
 * The hidden outputs x^(h), h = 0..H, of every sample: entry h is n × d_h·p, row i = x_i^(h)
 * flattened channel-major like the input (so ‖row i‖ = ‖x_i^(h)‖_F).
 */
export function convResnetLayerOutputs(arch: ConvResnetArch, theta: Float64Array, X: Matrix): Matrix[] {
  const blocks = validated(arch, theta, X);
  const { p } = arch, n = X.rows, ws = workspaceFor(arch, n);
  forward(arch, viewsOf(blocks, theta), X, ws);
  return ws.A.map((A) => {
    const d = A.cols, out = zeros(n, d * p);
    for (let i = 0; i < n; i++) for (let l = 0; l < p; l++) for (let c = 0; c < d; c++) out.data[i * d * p + c * p + l] = A.data[(i * p + l) * d + c];
    return out;
  });
}
