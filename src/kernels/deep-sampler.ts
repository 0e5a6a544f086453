/**
 * Exact-in-distribution sampling of the deep FC net and ResNet at initialization (derived, not in the thesis; catalog 002b §2.5).
 * Conditionally on the layer-(h−1) outputs x_1..x_n, the pre-activations Z = W^(h)[x_1 … x_n] ∈ R^{m×n} have i.i.d.
 * rows N(0, K̂^(h−1)) (K̂ the n×n Gram of the x's; W^(h) has i.i.d. N(0, 1) entries independent of them). So a
 * layer is drawn as Z = C·E (C a Cholesky factor of K̂^(h−1), E n×m i.i.d. normals): O(mn²) per layer instead of
 * O(m²n), O(mn) memory. The law of every hidden Gram K̂^(h), mean b̂^(h) and of G^(H)(0) is exactly that of the
 * real network at initialization; it is NOT valid after a GD step or for anything that needs W itself.
 */
import type { Activation } from '../core/activations.ts';
import { gemm, gemmABt } from '../core/blas.ts';
import { DomainError, describeValue, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { psdCholesky } from '../core/linalg.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { cSigma as cSigmaOf } from './gaussian.ts';
import { MAX_DEPTH } from './deep-recursions.ts';

export interface SampledInit {
  /** K̂^(0), …, K̂^(H−1): the n×n Grams ⟨x_i^(h)(0), x_j^(h)(0)⟩ (K̂^(0) = XXᵀ). */
  readonly grams: Matrix[];
  /** b̂^(h)_i = m^{−1/2} Σ_r x^(h)_{i,r} (zero at h = 0). */
  readonly means: Float64Array[];
  /** G^(H)(0) by the closed form (3.12) (FC) or (3.13) (ResNet), with the sampled last layer and output weights a. */
  readonly lastGram: Matrix;
}

function requireActivation(act: Activation): void {
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError(`act must be an Activation, got ${describeValue(act)}`, 'act');
  }
}

/** Z (n×m, row i = the m pre-activations of sample i) with i.i.d. columns N(0, K). */
function drawPreactivations(rng: Rng, K: Matrix, m: number, E: Matrix, Z: Matrix): void {
  rng.fillNormal(E.data);
  gemm(psdCholesky(K), E, Z);
}

function gram(x: Matrix, out: Matrix): Matrix {
  gemmABt(x, x, out);
  // gemmABt computes each (i, j) independently; make the result exactly symmetric.
  const n = out.rows;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.data[j * n + i] = out.data[i * n + j];
  return out;
}

function rowSums(x: Matrix, m: number): Float64Array {
  const out = new Float64Array(x.rows), s = 1 / Math.sqrt(m);
  for (let i = 0; i < x.rows; i++) {
    let acc = 0;
    for (let r = 0; r < m; r++) acc += x.data[i * m + r];
    out[i] = s * acc;
  }
  return out;
}

/**
 * G^(H)(0)_ij = scale · Kprev_ij · (1/m) Σ_r a_r² σ'(z_ir) σ'(z_jr), z_{·r} ~ N(0, Kprev) i.i.d., a_r ~ N(0, 1):
 * (3.12) with scale = c_σ (FC) and (3.13) with scale = c_res²/H² (ResNet), given the layer-(H−1) Gram Kprev.
 * Its expectation over (W^(H), a) is Lemma 3.22's K̂^(H) = scale·Kprev ⊙ E_{Â}[σ'σ'] (lastLayerKernel(Kprev, …)).
 */
export function sampleLastLayerGram(rng: Rng, Kprev: Matrix, act: Activation, m: number, scale: number): Matrix {
  requireRng(rng, 'rng', ['fillNormal']);
  requireMatrix(Kprev, 'Kprev');
  if (Kprev.rows !== Kprev.cols) throw new DomainError(`Kprev must be square, got ${Kprev.rows}×${Kprev.cols}`, 'Kprev');
  requireActivation(act);
  requirePositiveInt(m, 'm');
  requireAllocatable(m * Kprev.rows, 'm', `${m}×${Kprev.rows} pre-activations`);
  requireFiniteNumber(scale, 'scale');
  const n = Kprev.rows;
  const E = zeros(n, m), Z = zeros(n, m);
  drawPreactivations(rng, Kprev, m, E, Z);
  const a = new Float64Array(m);
  rng.fillNormal(a);
  const D = zeros(n, m);
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) D.data[i * m + r] = Math.abs(a[r]) * act.derivative(Z.data[i * m + r]);
  const G = gram(D, zeros(n, n));
  for (let i = 0; i < n * n; i++) G.data[i] *= (scale / m) * Kprev.data[i];
  return G;
}

function requireWidthDepth(m: number, H: number, n: number): void {
  requirePositiveInt(H, 'H');
  if (H > MAX_DEPTH) throw new DomainError(`H must be ≤ ${MAX_DEPTH}, got ${H}`, 'H');
  requirePositiveInt(m, 'm');
  requireAllocatable(m * n, 'm', `${n}×${m} hidden outputs`);
}

function resolveCSigma(act: Activation, c: number | undefined): number {
  if (c === undefined || c === null) return cSigmaOf(act);
  requireFiniteNumber(c, 'cSigma');
  if (!(c > 0)) throw new DomainError(`cSigma must be > 0, got ${c}`, 'cSigma');
  return c;
}

/**
 * One draw of the FC net (thesis (3.2)) at initialization, width m, depth H, by §2.5:
 * x^(h) = √(c_σ/m) σ(Z^(h)), Z^(h) ~ rows N(0, K̂^(h−1)).
 */
export function sampleFcInit(rng: Rng, X: Matrix, act: Activation, H: number, m: number, cSigma?: number): SampledInit {
  requireRng(rng, 'rng', ['fillNormal']);
  requireMatrix(X, 'X');
  requireActivation(act);
  requireWidthDepth(m, H, X.rows);
  const c = resolveCSigma(act, cSigma);
  const n = X.rows;
  const grams: Matrix[] = [gram(X, zeros(n, n))];
  const means: Float64Array[] = [new Float64Array(n)];
  const E = zeros(n, m), Z = zeros(n, m);
  const s = Math.sqrt(c / m);
  for (let h = 1; h < H; h++) {
    drawPreactivations(rng, grams[h - 1], m, E, Z);
    for (let k = 0; k < n * m; k++) Z.data[k] = s * act.value(Z.data[k]);
    grams.push(gram(Z, zeros(n, n)));
    means.push(rowSums(Z, m));
  }
  return { grams, means, lastGram: sampleLastLayerGram(rng, grams[H - 1], act, m, c) };
}

/**
 * One draw of the ResNet (thesis (3.3)) at initialization by §2.5: x^(1) = √(c_σ/m) σ(Z^(1)),
 * x^(h) = x^(h−1) + (c_res/(H√m)) σ(Z^(h)) for 2 ≤ h ≤ H−1, Z^(h) ~ rows N(0, K̂^(h−1)) independent of x^(h−1).
 */
export function sampleResnetInit(rng: Rng, X: Matrix, act: Activation, H: number, m: number, cRes: number, cSigma?: number): SampledInit {
  requireRng(rng, 'rng', ['fillNormal']);
  requireMatrix(X, 'X');
  requireActivation(act);
  requireWidthDepth(m, H, X.rows);
  requireFiniteNumber(cRes, 'cRes');
  if (!(cRes > 0)) throw new DomainError(`cRes must be > 0, got ${cRes}`, 'cRes');
  const c = resolveCSigma(act, cSigma);
  const n = X.rows;
  const grams: Matrix[] = [gram(X, zeros(n, n))];
  const means: Float64Array[] = [new Float64Array(n)];
  const E = zeros(n, m), Z = zeros(n, m), x = zeros(n, m);
  const t = cRes / (H * Math.sqrt(m)), s = Math.sqrt(c / m);
  for (let h = 1; h < H; h++) {
    drawPreactivations(rng, grams[h - 1], m, E, Z);
    if (h === 1) for (let k = 0; k < n * m; k++) x.data[k] = s * act.value(Z.data[k]);
    else for (let k = 0; k < n * m; k++) x.data[k] += t * act.value(Z.data[k]);
    grams.push(gram(x, zeros(n, n)));
    means.push(rowSums(x, m));
  }
  const scale = H >= 2 ? (cRes / H) ** 2 : c;
  return { grams, means, lastGram: sampleLastLayerGram(rng, grams[H - 1], act, m, scale) };
}
