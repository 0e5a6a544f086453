/**
 * Population Gram recursions of the deep networks at initialization (thesis ch. 3), as the catalog
 * corrects them (002b §2.4): K^(h)_ij = lim_{m→∞} ⟨x_i^(h)(0), x_j^(h)(0)⟩ and K^(H) = lim G^(H)(0).
 *   fcKernel          Definition 3.1 / (3.7), last covariance A^(H) (the print has A^(H−1), erratum 002b.E2);
 *   resnetKernel      Definition 3.2 / (3.8), cross term the SUM (c_res/H)(b_i μ_j + b_j μ_i) (the print has a
 *                     product with b_i paired to σ(u), erratum 002b.E3);
 *   convResnetKernel  Definition 3.3 / (3.9) as reconstructed in §2.4.3 (the print is garbled, 002b.E5);
 *   frameworkKernel   Definition 3.4 / (3.15)–(3.16): the general (ρ^(h), D^(h), W^(h)) routine of §3.12, an
 *                     independent implementation the specialised ones are checked against.
 * The printed variants are options, for the falsified claims of the errata ledger.
 */
import type { Activation } from '../core/activations.ts';
import { DomainError, ShapeError, describeValue, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { lambdaMin } from '../core/linalg.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';
import { type GaussianMoments, cSigma as cSigmaOf, gaussianMoments } from './gaussian.ts';

/** The result every recursion returns (deep-common.md interface). */
export interface DeepKernel {
  /** K^(H): the population Gram of the last hidden layer's weights, n×n. */
  readonly K: Matrix;
  /** K^(0), …, K^(H−1) as thesis (3.7) indexes them, corrected in catalog 002b §2.4.1 (n×n; np×np pixel Grams P^(h) for the conv ResNet). */
  readonly layers: Matrix[];
  /** λmin(K^(H)). */
  readonly lambda0: number;
}

/** ResNet and conv ResNet also carry the population means b^(0..H−1) (b_i = lim m^{−1/2} Σ_r x_{i,r}). */
export interface ResidualKernel extends DeepKernel {
  /** b^(h): length n (ResNet) or np (conv ResNet, index i·p + l). */
  readonly means: Float64Array[];
}

export interface RecursionOptions {
  /** GH order for smooth activations (default per activation, gaussian.ts defaultOrder). */
  order?: number;
  /** Use the printed last-layer covariance A^(H−1) (from K^(H−2)) instead of A^(H): erratum 002b.E2. */
  printedLastCovariance?: boolean;
}

export interface ResnetOptions extends RecursionOptions {
  /**
   * The residual cross term: 'sum' (corrected, (c_res/H)(b_i μ_j + b_j μ_i)); 'product' (as printed in (3.8):
   * E[(c_res b_i σ(u)/H)(c_res b_j σ(v)/H)]); 'same-sample' (the sum with the printed pairing b_i μ_i + b_j μ_j).
   */
  crossTerm?: 'sum' | 'product' | 'same-sample';
}

function requireActivation(act: Activation): void {
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError(`act must be an Activation, got ${describeValue(act)}`, 'act');
  }
}

function requireOptions(o: unknown): void {
  if (o !== undefined && o !== null && typeof o !== 'object') throw new DomainError(`options must be an object, got ${describeValue(o)}`, 'options');
}

function resolveCSigma(act: Activation, c: number | undefined, order: number | undefined): number {
  if (c === undefined || c === null) return cSigmaOf(act, order);
  requireFiniteNumber(c, 'cSigma');
  if (!(c > 0)) throw new DomainError(`cSigma must be > 0, got ${c}`, 'cSigma');
  return c;
}

/** Depths beyond this are refused (the recursions are O(H n² N²); a huge H is a mistake, not a request). */
export const MAX_DEPTH = 10000;

function requireDepth(H: number): void {
  requirePositiveInt(H, 'H');
  if (H > MAX_DEPTH) throw new DomainError(`H must be ≤ ${MAX_DEPTH}, got ${H}`, 'H');
}

function requireCRes(cRes: number): void {
  requireFiniteNumber(cRes, 'cRes');
  if (!(cRes > 0)) throw new DomainError(`cRes must be > 0, got ${cRes}`, 'cRes');
}

/** K^(0) = X Xᵀ for the rows of X. */
export function inputGram(X: Matrix): Matrix {
  requireMatrix(X, 'X');
  const n = X.rows, d = X.cols, D = X.data;
  const K = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += D[i * d + k] * D[j * d + k];
      K.data[i * n + j] = s; K.data[j * n + i] = s;
    }
  }
  return K;
}

/** The 2×2 covariance A_ij of a Gram K (entries ii, ij, jj). */
function block(K: Matrix, i: number, j: number): { a: number; c: number; b: number } {
  const n = K.cols;
  return { a: K.data[i * n + i], c: K.data[i * n + j], b: K.data[j * n + j] };
}

/** K'_ij = scale · E_{A_ij}[σσ] for all i ≤ j (the FC hidden-layer map). */
function dualMap(K: Matrix, mom: GaussianMoments, scale: number): Matrix {
  const n = K.rows, out = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = scale * mom.dual(block(K, i, j));
      out.data[i * n + j] = v; out.data[j * n + i] = v;
    }
  }
  return out;
}

/**
 * The last layer: K^(H)_ij = scale · Kprev_ij · E_{(u,v)~N(0, A_ij)}[σ'(u)σ'(v)], with A_ij from `Kcov` (A^(H),
 * built from K^(H−1) = Kprev, in the corrected recursions). scale = c_σ (FC, thesis (3.12)) or c_res²/H²
 * (ResNet, (3.13)). Also Lemma 3.22's K̂^(H) when Kprev is the empirical K̂^(H−1).
 */
export function lastLayerKernel(Kprev: Matrix, act: Activation, scale: number, order?: number, Kcov: Matrix = Kprev): Matrix {
  requireSquareGram(Kprev, 'Kprev');
  requireActivation(act);
  requireFiniteNumber(scale, 'scale');
  requireSquareGram(Kcov, 'Kcov');
  if (Kcov.rows !== Kprev.rows) throw new ShapeError(`Kcov is ${Kcov.rows}×${Kcov.cols}, Kprev ${Kprev.rows}×${Kprev.cols}`, 'Kcov');
  const mom = gaussianMoments(act, order);
  const n = Kprev.rows, K = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = scale * Kprev.data[i * n + j] * mom.derivativeDual(block(Kcov, i, j));
      K.data[i * n + j] = v; K.data[j * n + i] = v;
    }
  }
  return K;
}

function requireSquareGram(K: Matrix, argument: string): void {
  requireMatrix(K, argument);
  if (K.rows !== K.cols) throw new ShapeError(`${argument} must be square, got ${K.rows}×${K.cols}`, argument);
}

/**
 * Fully-connected population Gram (Definition 3.1 corrected, catalog 002b §2.4.1):
 *   K^(0) = XXᵀ;  K^(h)_ij = c_σ E_{A^(h)_ij}[σ(u)σ(v)] (1 ≤ h ≤ H−1);  K^(H)_ij = c_σ K^(H−1)_ij E_{A^(H)_ij}[σ'σ'],
 * A^(h)_ij the 2×2 block of K^(h−1). cSigma defaults to 1/E σ(z)² by the same quadrature.
 */
export function fcKernel(X: Matrix, act: Activation, H: number, cSigma?: number, options: RecursionOptions = {}): DeepKernel {
  requireMatrix(X, 'X');
  requireActivation(act);
  requireDepth(H);
  requireOptions(options);
  const opts = options ?? {};
  const c = resolveCSigma(act, cSigma, opts.order);
  const mom = gaussianMoments(act, opts.order);
  const layers: Matrix[] = [inputGram(X)];
  for (let h = 1; h < H; h++) layers.push(dualMap(layers[h - 1], mom, c));
  const Kcov = printedCovariance(layers, opts.printedLastCovariance === true);
  const K = lastLayerKernel(layers[H - 1], act, c, opts.order, Kcov);
  return { K, layers, lambda0: lambdaMin(K) };
}

/** A^(H) comes from K^(H−1); the printed A^(H−1) from K^(H−2), undefined for H = 1 (erratum 002b.E2). */
function printedCovariance(layers: Matrix[], printed: boolean): Matrix {
  const H = layers.length;
  if (!printed) return layers[H - 1];
  if (H < 2) throw new DomainError('the printed last covariance A^(H−1) is undefined for H = 1 (A^(0) does not exist)', 'H');
  return layers[H - 2];
}

/**
 * ResNet population Gram (Definition 3.2 corrected, catalog 002b §2.4.2), residual scale c_res/H (total depth H):
 *   K^(1) = c_σ E σσ, b^(1)_i = √c_σ μ(K^(0)_ii);  for 2 ≤ h ≤ H−1, μ_i = E_{N(0, K^(h−1)_ii)} σ:
 *   K^(h)_ij = K^(h−1)_ij + (c_res/H)(b_i μ_j + b_j μ_i) + (c_res/H)² E_{A^(h)_ij} σσ,  b^(h)_i = b^(h−1)_i + (c_res/H) μ_i;
 *   K^(H)_ij = (c_res/H)² K^(H−1)_ij E_{A^(H)_ij}[σ'σ'].
 * H = 1 has no residual layer: K^(1) is the FC one (scale c_σ).
 */
export function resnetKernel(X: Matrix, act: Activation, H: number, cRes: number, cSigma?: number, options: ResnetOptions = {}): ResidualKernel {
  requireMatrix(X, 'X');
  requireActivation(act);
  requireDepth(H);
  requireCRes(cRes);
  requireOptions(options);
  const opts = options ?? {};
  const cross = opts.crossTerm ?? 'sum';
  if (cross !== 'sum' && cross !== 'product' && cross !== 'same-sample') throw new DomainError(`unknown crossTerm '${String(cross)}'`, 'crossTerm');
  const c = resolveCSigma(act, cSigma, opts.order);
  const mom = gaussianMoments(act, opts.order);
  const n = X.rows, t = cRes / H;
  const layers: Matrix[] = [inputGram(X)];
  const means: Float64Array[] = [new Float64Array(n)];
  if (H >= 2) {
    layers.push(dualMap(layers[0], mom, c));
    means.push(Float64Array.from({ length: n }, (_, i) => Math.sqrt(c) * mom.mean(layers[0].data[i * n + i])));
  }
  for (let h = 2; h < H; h++) {
    const Kp = layers[h - 1], bp = means[h - 1];
    const mu = Float64Array.from({ length: n }, (_, i) => mom.mean(Kp.data[i * n + i]));
    const K = zeros(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const e = mom.dual(block(Kp, i, j));
        let v: number;
        if (cross === 'product') v = Kp.data[i * n + j] + t * t * (bp[i] * bp[j] + 1) * e;
        else if (cross === 'same-sample') v = Kp.data[i * n + j] + t * (bp[i] * mu[i] + bp[j] * mu[j]) + t * t * e;
        else v = Kp.data[i * n + j] + t * (bp[i] * mu[j] + bp[j] * mu[i]) + t * t * e;
        K.data[i * n + j] = v; K.data[j * n + i] = v;
      }
    }
    layers.push(K);
    means.push(Float64Array.from(bp, (b, i) => b + t * mu[i]));
  }
  const Kcov = printedCovariance(layers, opts.printedLastCovariance === true);
  const K = lastLayerKernel(layers[H - 1], act, H >= 2 ? t * t : c, opts.order, Kcov);
  return { K, layers, means, lambda0: lambdaMin(K) };
}

/**
 * The patch operator on pixel Grams (thesis Definition 3.3 as reconstructed in catalog 002b §2.4.3): P(B)_lr = Σ_{|τ| ≤ (q−1)/2} B_{l+τ, r+τ}, terms with an
 * index outside [0, p) dropped (zero padding, stride 1). This is E[W B Wᵀ] for a banded Toeplitz filter W with
 * q i.i.d. N(0, 1) taps (Remark 3.2, §3.31), and φ(x_i)ᵀφ(x_j) = P(x_iᵀx_j).
 */
export function patchGram(B: Matrix, q: number): Matrix {
  requireSquareGram(B, 'B');
  requireOddQ(q);
  const p = B.rows, half = (q - 1) >> 1, out = zeros(p, p);
  for (let l = 0; l < p; l++) {
    for (let r = 0; r < p; r++) {
      let s = 0;
      for (let tau = -half; tau <= half; tau++) {
        const a = l + tau, b = r + tau;
        if (a >= 0 && a < p && b >= 0 && b < p) s += B.data[a * p + b];
      }
      out.data[l * p + r] = s;
    }
  }
  return out;
}

function requireOddQ(q: number): void {
  requirePositiveInt(q, 'q');
  if (q % 2 !== 1) throw new DomainError(`the patch size q must be odd, got ${q}`, 'q');
}

function requireImages(images: readonly Matrix[]): { n: number; d0: number; p: number } {
  if (!Array.isArray(images) || images.length === 0) throw new ShapeError(`images must be a non-empty array of d0×p matrices, got ${describeValue(images)}`, 'images');
  images.forEach((x) => requireMatrix(x, 'images'));
  const { rows: d0, cols: p } = images[0];
  images.forEach((x, i) => {
    if (x.rows !== d0 || x.cols !== p) throw new ShapeError(`images[${i}] is ${x.rows}×${x.cols}, images[0] ${d0}×${p}`, 'images');
  });
  return { n: images.length, d0, p };
}

/** P^(0): the np×np pixel Gram, entry (i·p + l, j·p + r) = Σ_c x_i[c, l] x_j[c, r]. */
function pixelGram(images: readonly Matrix[], d0: number, p: number): Matrix {
  const n = images.length, N = n * p, P = zeros(N, N);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const xi = images[i].data, xj = images[j].data;
      for (let l = 0; l < p; l++) {
        for (let r = 0; r < p; r++) {
          let s = 0;
          for (let c = 0; c < d0; c++) s += xi[c * p + l] * xj[c * p + r];
          P.data[(i * p + l) * N + j * p + r] = s;
        }
      }
    }
  }
  return P;
}

/** Q = P applied to every p×p block (i, j) of an np×np pixel Gram. */
function patchBlocks(P: Matrix, n: number, p: number, q: number): Matrix {
  const N = n * p, Q = zeros(N, N), half = (q - 1) >> 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let l = 0; l < p; l++) {
        for (let r = 0; r < p; r++) {
          let s = 0;
          for (let tau = -half; tau <= half; tau++) {
            const a = l + tau, b = r + tau;
            if (a >= 0 && a < p && b >= 0 && b < p) s += P.data[(i * p + a) * N + j * p + b];
          }
          Q.data[(i * p + l) * N + j * p + r] = s;
        }
      }
    }
  }
  return Q;
}

/**
 * Convolutional ResNet population Gram (Definition 3.3 as reconstructed in catalog 002b §2.4.3), images x_i ∈ R^{d0×p}
 * (channels × pixels, ‖x_i‖_F = 1 in the thesis), odd patch size q, zero padding, stride 1. layers[h] is the np×np
 * pixel Gram P^(h), means[h] the np pixel means b^(h); K^(H)_ij = (c_res/H)² Σ_l Q^(H)_{ij,ll} E[σ'(U)σ'(V)] with
 * Q^(H) = P(P^(H−1)) and the 2×2 covariance of Q^(H) at (ii,ll), (ij,ll), (jj,ll). H = 1: scale c_σ.
 */
export function convResnetKernel(images: readonly Matrix[], act: Activation, H: number, cRes: number, q: number, cSigma?: number, options: RecursionOptions = {}): ResidualKernel {
  const { n, d0, p } = requireImages(images);
  requireActivation(act);
  requireDepth(H);
  requireCRes(cRes);
  requireOddQ(q);
  requireOptions(options);
  const opts = options ?? {};
  const c = resolveCSigma(act, cSigma, opts.order);
  const mom = gaussianMoments(act, opts.order);
  const N = n * p, t = cRes / H;
  const layers: Matrix[] = [pixelGram(images, d0, p)];
  const means: Float64Array[] = [new Float64Array(N)];
  const cov = (Q: Matrix, u: number, v: number) => ({ a: Q.data[u * N + u], c: Q.data[u * N + v], b: Q.data[v * N + v] });
  for (let h = 1; h < H; h++) {
    const Pp = layers[h - 1], bp = means[h - 1];
    const Q = patchBlocks(Pp, n, p, q);
    const mu = Float64Array.from({ length: N }, (_, u) => mom.mean(Q.data[u * N + u]));
    const P = zeros(N, N);
    for (let u = 0; u < N; u++) {
      for (let v = u; v < N; v++) {
        const e = mom.dual(cov(Q, u, v));
        const val = h === 1 ? c * e : Pp.data[u * N + v] + t * (bp[u] * mu[v] + mu[u] * bp[v]) + t * t * e;
        P.data[u * N + v] = val; P.data[v * N + u] = val;
      }
    }
    layers.push(P);
    means.push(h === 1 ? mu.map((m) => Math.sqrt(c) * m) : Float64Array.from(bp, (b, u) => b + t * mu[u]));
  }
  if (opts.printedLastCovariance === true) throw new DomainError('the printed (3.9) last layer is garbled; only the reconstruction is implemented', 'printedLastCovariance');
  const QH = patchBlocks(layers[H - 1], n, p, q);
  const scale = H >= 2 ? t * t : c;
  const K = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let l = 0; l < p; l++) {
        const u = i * p + l, v = j * p + l;
        const qij = QH.data[u * N + v];
        if (qij !== 0) s += qij * mom.derivativeDual(cov(QH, u, v));
      }
      K.data[i * n + j] = scale * s; K.data[j * n + i] = scale * s;
    }
  }
  return { K, layers, means, lambda0: lambdaMin(K) };
}

/** One layer of the general framework (thesis §3.12, Definition 3.4): ρ^(h) = scale·σ, D^(h) ∈ {0, I}, W^(h) ∈ {identity, conv(q)}. */
export interface FrameworkLayer {
  /** ρ^(h) = scale · σ: √c_σ for FC layers and every first layer (erratum 002b.E31), c_res/H for residual layers. */
  readonly scale: number;
  /** D^(h): 'zero' (FC, and every first layer) or 'identity' (residual layers). */
  readonly skip: 'zero' | 'identity';
  /** W^(h): patch size q of the convolution (E[W K Wᵀ] = P_q(K)); 1 means the identity (FC/ResNet, p = 1). */
  readonly q: number;
}

/**
 * The general population recursion (3.15)–(3.16) on p×p blocks, in the scaling X = √m x (Remark 3.6):
 *   K^(h)_ij = D K^(h−1)_ij Dᵀ + E[ρ(U) D(b_j)ᵀ + D(b_i) ρ(V)ᵀ + ρ(U) ρ(V)ᵀ],  b^(h)_i = D(b^(h−1)_i) + E ρ(U),
 *   (U, V) ~ N(0, [[W(K_ii), W(K_ij)], [W(K_ji), W(K_jj)]]),  K^(0)_ij = x_iᵀ x_j (p×p),  b^(0) = 0,
 * for the hidden layers 1..H−1 (layers.length = H − 1), then the last-layer Gram
 *   K^(H)_ij = lastScale² Σ_l W^(H)(K^(H−1)_ij)_ll E[σ'(U_l)σ'(V_l)]
 * (the output weights are i.i.d. per pixel, so only l = r survives). Inputs are d0×p images (p = 1: column vectors
 * as d×1 matrices). Returns the np×np Grams like convResnetKernel.
 */
export function frameworkKernel(images: readonly Matrix[], act: Activation, layers: readonly FrameworkLayer[], last: FrameworkLayer, order?: number): ResidualKernel {
  const { n, d0, p } = requireImages(images);
  requireActivation(act);
  if (!Array.isArray(layers)) throw new DomainError(`layers must be an array of FrameworkLayer, got ${describeValue(layers)}`, 'layers');
  if (layers.length + 1 > MAX_DEPTH) throw new DomainError(`at most ${MAX_DEPTH - 1} hidden layers, got ${layers.length}`, 'layers');
  [...layers, last].forEach((L, k) => {
    const name = k === layers.length ? 'last' : 'layers';
    if (L === null || typeof L !== 'object') throw new DomainError(`a framework layer must be an object, got ${describeValue(L)}`, name);
    requireFiniteNumber(L.scale, 'scale');
    requireOddQ(L.q);
    if (L.skip !== 'zero' && L.skip !== 'identity') throw new DomainError(`skip must be 'zero' or 'identity', got ${describeValue(L.skip)}`, 'skip');
  });
  const mom = gaussianMoments(act, order);
  const N = n * p;
  let K = pixelGram(images, d0, p);
  let b = new Float64Array(N);
  const grams: Matrix[] = [K], means: Float64Array[] = [b];
  for (const L of layers) {
    const W = L.q === 1 ? K : patchBlocks(K, n, p, L.q);
    const keep = L.skip === 'identity' ? 1 : 0;
    const Erho = Float64Array.from({ length: N }, (_, u) => L.scale * mom.mean(W.data[u * N + u]));
    const next = zeros(N, N);
    for (let u = 0; u < N; u++) {
      for (let v = u; v < N; v++) {
        const e = L.scale * L.scale * mom.dual({ a: W.data[u * N + u], c: W.data[u * N + v], b: W.data[v * N + v] });
        const val = keep * K.data[u * N + v] + Erho[u] * keep * b[v] + keep * b[u] * Erho[v] + e;
        next.data[u * N + v] = val; next.data[v * N + u] = val;
      }
    }
    b = Float64Array.from(b, (x, u) => keep * x + Erho[u]);
    K = next;
    grams.push(K); means.push(b);
  }
  const W = last.q === 1 ? K : patchBlocks(K, n, p, last.q);
  const out = zeros(n, n);
  // The pair (i, j) is evaluated once with i ≤ j (GH is not exactly symmetric under swapping the variances).
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let l = 0; l < p; l++) {
        const u = i * p + l, v = j * p + l, w = W.data[u * N + v];
        if (w !== 0) s += w * mom.derivativeDual({ a: W.data[u * N + u], c: w, b: W.data[v * N + v] });
      }
      out.data[i * n + j] = last.scale * last.scale * s;
      out.data[j * n + i] = out.data[i * n + j];
    }
  }
  return { K: out, layers: grams, means, lambda0: lambdaMin(out) };
}

/** The framework layers of the FC net (all ρ = √c_σ σ, D = 0) and of the ResNet (first layer FC, then ρ = (c_res/H)σ, D = I). */
export function frameworkLayers(architecture: 'fc' | 'resnet' | 'conv-resnet', H: number, cSigma: number, cRes = 1, q = 1): { layers: FrameworkLayer[]; last: FrameworkLayer } {
  if (architecture !== 'fc' && architecture !== 'resnet' && architecture !== 'conv-resnet') throw new DomainError(`unknown architecture '${String(architecture)}'`, 'architecture');
  requireDepth(H);
  requireFiniteNumber(cSigma, 'cSigma');
  requireFiniteNumber(cRes, 'cRes');
  requireOddQ(q);
  const first: FrameworkLayer = { scale: Math.sqrt(cSigma), skip: 'zero', q: architecture === 'conv-resnet' ? q : 1 };
  const hidden: FrameworkLayer = architecture === 'fc' ? { ...first } : { scale: cRes / H, skip: 'identity', q: first.q };
  const layers = H >= 2 ? [first, ...Array.from({ length: H - 2 }, () => ({ ...hidden }))] : [];
  return { layers, last: H >= 2 ? { ...hidden } : { ...first } };
}
