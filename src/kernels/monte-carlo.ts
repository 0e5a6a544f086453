/**
 * Monte-Carlo estimate of the population Gram matrix of thesis Assumption 2.1,
 *   Ĥ_ij = (1/M) Σ_s x_iᵀx_j I{w_sᵀx_i ≥ 0, w_sᵀx_j ≥ 0},  w_s ~ N(0, I_d) i.i.d.,
 * (which is H(0) at width m = M) together with the per-entry sample standard error, for the
 * statistical check "closed form = Monte-Carlo mean" (thesis Assumption 2.1's H∞ as an expectation; catalog 002a §2.2, §3.10 check 1).
 * The weights are drawn one at a time, so memory stays O(n² + d) whatever M is.
 */
import { requirePositiveInt } from '../core/errors.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';

export interface GramMonteCarlo {
  /** n×n sample mean Ĥ. */
  readonly mean: Matrix;
  /** n×n per-entry standard error: sample sd (M − 1 denominator) / √M. */
  readonly se: Matrix;
  /** Number of weight samples M. */
  readonly samples: number;
}

/**
 * Ĥ and its per-entry standard error from M Gaussian weights drawn from `rng` (one normal stream,
 * w_s filled coordinate by coordinate). The indicator uses the ≥ convention of (2.5).
 */
export function gramMonteCarlo(rng: Rng, X: Matrix, M: number): GramMonteCarlo {
  requireRng(rng, 'rng', ['fillNormal']);
  requireMatrix(X, 'X');
  requirePositiveInt(M, 'M');
  const n = X.rows, d = X.cols, Xd = X.data;
  const counts = new Float64Array(n * n);
  const w = new Float64Array(d);
  const act = new Int32Array(n);
  for (let s = 0; s < M; s++) {
    rng.fillNormal(w);
    let c = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      const o = i * d;
      for (let k = 0; k < d; k++) z += w[k] * Xd[o + k];
      if (z >= 0) act[c++] = i;
    }
    for (let a = 0; a < c; a++) {
      const io = act[a] * n;
      for (let b = 0; b < c; b++) counts[io + act[b]] += 1;
    }
  }
  const mean = zeros(n, n), se = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let g = 0;
      for (let k = 0; k < d; k++) g += Xd[i * d + k] * Xd[j * d + k];
      const p = counts[i * n + j] / M;
      mean.data[i * n + j] = g * p;
      // Samples are g·Bernoulli(p): sample variance g²·p(1−p)·M/(M−1).
      const v = M > 1 ? (g * g * p * (1 - p) * M) / (M - 1) : 0;
      se.data[i * n + j] = Math.sqrt(v / M);
    }
  }
  return { mean, se, samples: M };
}
