/**
 * The population Gram recursion of the NF-ResNet (not printed in source 004; derived in catalog
 * 001-003-004 CF-8(ii)): with A^(h)_ij the 2×2 block of K^(h) on {i, j} and
 * μ(s) = E[σ(√s g)],
 *   K^(0) = X Xᵀ,
 *   K^(1)_ij = c_σ E_{A^(0)}[σ(u)σ(v)],                       β^(1)_i = √c_σ μ(K^(0)_ii),
 *   K^(h)_ij = K^(h−1)_ij + (β_i^(h−1) μ_j + β_j^(h−1) μ_i)/H + E_{A^(h−1)}[σ(u)σ(v)]/H²,
 *                                                              β^(h)_i = β^(h−1)_i + μ_i/H   (2 ≤ h ≤ H−1),
 *   K^(H)_ij = K^(H−1)_ij E_{A^(H−1)}[σ'(u)σ'(v)] / H²,         λ0 = λmin(K^(H)),
 * with μ_i = μ(K^(h−1)_ii); β_i is the limit of m^{−1/2} Σ_r x^(h)_{i,r} (the cross term
 * ⟨x_i, σ(W x_j)⟩/(H√m) → β_i μ_j/H). G^(H)(0) of src/models/nf-resnet.ts tends to K^(H) as m → ∞.
 *
 * Gaussian expectations in closed form: ReLU by the arc-cosine kernels (not in 004; catalog CF-1: degree 1 and
 * 0), erf by CF-2. Other activations need the generic Gauss–Hermite route (src/kernels/gaussian.ts
 * of the deep-kernels work) and are refused here.
 */
import type { Activation } from '../core/activations.ts';
import { DomainError, describeValue, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { symmetricEigenvalueAt } from '../core/eigen.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';

/** The 2-D Gaussian moments a recursion step needs, for (u, v) ~ N(0, [[s11, s12], [s12, s22]]). */
interface GaussianMoments {
  /** E[σ(u)σ(v)]. */
  pair(s11: number, s12: number, s22: number): number;
  /** E[σ'(u)σ'(v)]. */
  derivPair(s11: number, s12: number, s22: number): number;
  /** E[σ(u)] for u ~ N(0, s). */
  mean(s: number): number;
}

/** cos θ = s12/√(s11 s22), clipped to [−1, 1] (CF notation). */
function angle(s11: number, s12: number, s22: number): number {
  const q = Math.sqrt(s11 * s22);
  if (q === 0) return Math.PI / 2;
  return Math.acos(Math.max(-1, Math.min(1, s12 / q)));
}

/** CF-1: the degree-1 and degree-0 arc-cosine kernels and E[σ(u)] = √(s/(2π)). */
const reluMoments: GaussianMoments = {
  pair: (s11, s12, s22) => {
    const t = angle(s11, s12, s22);
    return (Math.sqrt(s11 * s22) / (2 * Math.PI)) * (Math.sin(t) + (Math.PI - t) * Math.cos(t));
  },
  derivPair: (s11, s12, s22) => (Math.PI - angle(s11, s12, s22)) / (2 * Math.PI),
  mean: (s) => Math.sqrt(s / (2 * Math.PI)),
};

/** CF-2: E[erf(u)erf(v)] = (2/π) arcsin(2s12/√((1+2s11)(1+2s22))), E[σ'σ'] = (4/π) det(I + 2Σ)^{−1/2}, odd ⇒ mean 0. */
const erfMoments: GaussianMoments = {
  pair: (s11, s12, s22) => (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, (2 * s12) / Math.sqrt((1 + 2 * s11) * (1 + 2 * s22))))),
  derivPair: (s11, s12, s22) => (4 / Math.PI) / Math.sqrt((1 + 2 * s11) * (1 + 2 * s22) - 4 * s12 * s12),
  mean: () => 0,
};

function momentsOf(act: Activation): GaussianMoments {
  if (act === null || typeof act !== 'object' || typeof act.name !== 'string') throw new DomainError(`act must be an Activation, got ${describeValue(act)}`, 'act');
  if (act.name === 'relu') return reluMoments;
  if (act.name === 'erf') return erfMoments;
  throw new DomainError(`no closed-form Gaussian moments for '${act.name}' (relu and erf only)`, 'act');
}

/** The recursion's result, in the shape of the deep-network family's fcKernel. */
export interface NfResnetKernel {
  /** K^(H), the population Gram of the W^(H) block. */
  readonly K: Matrix;
  /** K^(0..H−1) (layers[0] = X Xᵀ), indexed as in the recursion above (not printed in 004; catalog CF-8(ii)). */
  readonly layers: readonly Matrix[];
  /** λmin(K^(H)). */
  readonly lambda0: number;
  /** β^(h)_i (h = 1..H−1, index h − 1): the limit of m^{−1/2} Σ_r x_{i,r}^(h). */
  readonly beta: readonly Float64Array[];
}

/**
 * CF-8(ii) for inputs X (rows), activation relu or erf, depth H ≥ 2; cSigma defaults to
 * 1/E[σ(g)²] from the same closed form (2 for ReLU, π/(2 arcsin ⅔) for erf).
 */
export function nfResnetKernel(X: Matrix, act: Activation, H: number, cSigma?: number): NfResnetKernel {
  requireMatrix(X, 'X');
  const mo = momentsOf(act);
  requirePositiveInt(H, 'H');
  if (H < 2) throw new DomainError(`H must be ≥ 2, got ${H}`, 'H');
  const c = cSigma ?? 1 / mo.pair(1, 1, 1);
  requireFiniteNumber(c, 'cSigma');
  if (!(c > 0)) throw new DomainError(`cSigma must be > 0, got ${c}`, 'cSigma');
  const n = X.rows, d = X.cols;
  const K0 = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let t = 0;
    for (let k = 0; k < d; k++) t += X.data[i * d + k] * X.data[j * d + k];
    K0.data[i * n + j] = t;
  }
  const layers: Matrix[] = [K0];
  const entry = (K: Matrix, i: number, j: number) => K.data[i * n + j];
  const K1 = zeros(n, n), beta1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    beta1[i] = Math.sqrt(c) * mo.mean(entry(K0, i, i));
    for (let j = 0; j < n; j++) K1.data[i * n + j] = c * mo.pair(entry(K0, i, i), entry(K0, i, j), entry(K0, j, j));
  }
  layers.push(K1);
  const beta: Float64Array[] = [beta1];
  for (let h = 2; h <= H - 1; h++) {
    const P = layers[h - 1], b = beta[h - 2], K = zeros(n, n), mu = new Float64Array(n), nb = new Float64Array(n);
    for (let i = 0; i < n; i++) mu[i] = mo.mean(entry(P, i, i));
    for (let i = 0; i < n; i++) {
      nb[i] = b[i] + mu[i] / H;
      for (let j = 0; j < n; j++) {
        K.data[i * n + j] = entry(P, i, j) + (b[i] * mu[j] + b[j] * mu[i]) / H + mo.pair(entry(P, i, i), entry(P, i, j), entry(P, j, j)) / (H * H);
      }
    }
    layers.push(K);
    beta.push(nb);
  }
  const P = layers[H - 1], K = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    K.data[i * n + j] = (entry(P, i, j) * mo.derivPair(entry(P, i, i), entry(P, i, j), entry(P, j, j))) / (H * H);
  }
  return { K, layers, lambda0: symmetricEigenvalueAt(K, 0), beta };
}
