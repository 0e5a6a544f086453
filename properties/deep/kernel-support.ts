/**
 * Shared helpers of the population-side deep claims (deep-kernels): activations by name, seeded inputs,
 * entrywise comparisons, the Bonferroni z-band of the Monte-Carlo claims, λ(·) of Lemma 3.25.
 */
import * as A from '../../src/core/activations.ts';
import { lambdaMin } from '../../src/core/linalg.ts';
import { type Matrix, fromRows, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { bisect, normalCdf } from '../../src/core/special.ts';
import { sphereInputs } from '../../src/data/sphere.ts';

export type ActName = 'relu' | 'erf' | 'erf+0.5' | 'softplus' | 'tanh' | 'sigmoid' | 'linear' | 'square';

export function activation(name: ActName): A.Activation {
  return name === 'erf+0.5' ? A.shiftedErf(0.5) : A.activationByName(name);
}

/** n seeded unit inputs in R^d, pairwise line angle ≥ acos(0.95) (catalog §3.45 pitfall); optionally rescaled rows s_i ∈ [0.6, 1.4]. */
export function inputs(seed: number, n: number, d: number, scaled = false): Matrix {
  const r = rng(seed);
  const X = sphereInputs(r.stream('data'), n, d, Math.acos(0.95));
  if (scaled) {
    const g = r.stream('norms');
    for (let i = 0; i < n; i++) {
      const s = g.uniformIn(0.6, 1.4);
      for (let k = 0; k < d; k++) X.data[i * d + k] *= s;
    }
  }
  return X;
}

export const matrixOf = (rows: number[][]): Matrix => fromRows(rows);

export function maxAbsDiff(a: Matrix, b: Matrix): number {
  let e = 0;
  for (let k = 0; k < a.data.length; k++) e = Math.max(e, Math.abs(a.data[k] - b.data[k]));
  return e;
}

export function maxAbs(a: Matrix): number {
  let e = 0;
  for (let k = 0; k < a.data.length; k++) e = Math.max(e, Math.abs(a.data[k]));
  return e;
}

export function upperTriangle(K: Matrix): number[] {
  const out: number[] = [];
  for (let i = 0; i < K.rows; i++) for (let j = i; j < K.rows; j++) out.push(K.data[i * K.rows + j]);
  return out;
}

/**
 * Two-sided normal quantile z with P(|N(0,1)| > z) = falseAlarm/tests: the Bonferroni band that keeps the
 * family-wise false alarm of `tests` z-tests at falseAlarm (≈ 5.3 for 1e-6 over one test, 6.4 over 1000).
 */
export function bonferroniZ(tests: number, falseAlarm = 1e-6): number {
  return bisect(normalCdf, 1 - falseAlarm / (2 * tests), 0, 40);
}

/**
 * λ(K) of Proposition 3.2 / Lemma 3.25: the smallest λmin of the 2×2 blocks [[K_ii, K_ij], [K_ji, K_jj]] over i ≠ j;
 * with `means`, of the centered blocks A − b bᵀ (b = (b_i, b_j)).
 */
export function pairLambda(K: Matrix, means?: Float64Array): number {
  const n = K.rows;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const bi = means ? means[i] : 0, bj = means ? means[j] : 0;
      const a = K.data[i * n + i] - bi * bi, b = K.data[j * n + j] - bj * bj, c = K.data[i * n + j] - bi * bj;
      const lam = 0.5 * (a + b) - Math.sqrt(0.25 * (a - b) * (a - b) + c * c);
      best = Math.min(best, lam);
    }
  }
  return best;
}

/** λmin(K) relative to ‖K‖ (max |entry| bounds the scale for the small matrices here). */
export function relativeLambdaMin(K: Matrix): number {
  return lambdaMin(K) / maxAbs(K);
}

/** The Hadamard power (V Vᵀ)^{∘k} of the rows of V (Gram of the tensor powers v_i^{⊗k} of thesis Lemma 3.31; catalog 002b §3.45). */
export function hadamardPowerGram(V: Matrix, k: number): Matrix {
  const n = V.rows, d = V.cols, G = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += V.data[i * d + t] * V.data[j * d + t];
      G.data[i * n + j] = s ** k;
    }
  }
  return G;
}
