/** Angles between vectors, computed stably. */
import { DomainError } from './errors.ts';
import type { Matrix } from './matrix.ts';

/**
 * Angle between rows i and j of X in [0, π], as 2·atan2(‖x̂_i − x̂_j‖, ‖x̂_i + x̂_j‖) on the
 * normalized rows. acos of the cosine loses ~1e-9 near ±1 (thesis §2.2 float trap); this does not.
 */
export function rowAngle(x: Matrix, i: number, j: number): number {
  const d = x.cols, X = x.data;
  const oi = i * d, oj = j * d;
  let ni = 0, nj = 0;
  for (let k = 0; k < d; k++) { ni += X[oi + k] * X[oi + k]; nj += X[oj + k] * X[oj + k]; }
  if (ni === 0 || nj === 0) throw new DomainError(`row ${ni === 0 ? i : j} of X is zero; its angle is undefined`, 'X');
  ni = 1 / Math.sqrt(ni); nj = 1 / Math.sqrt(nj);
  let dm = 0, dp = 0;
  for (let k = 0; k < d; k++) {
    const a = X[oi + k] * ni, b = X[oj + k] * nj;
    dm += (a - b) * (a - b);
    dp += (a + b) * (a + b);
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/** Smallest angle between the lines through any two rows: min over i<j of min(θ_ij, π − θ_ij). */
export function minLineAngle(x: Matrix): number {
  let best = Math.PI / 2;
  for (let i = 0; i < x.rows; i++) {
    for (let j = i + 1; j < x.rows; j++) {
      const t = rowAngle(x, i, j);
      best = Math.min(best, t, Math.PI - t);
    }
  }
  return best;
}

/**
 * Theorem 2.1's hypothesis, read as the proof needs it (catalog E15): no two inputs on a common
 * line, parallel or antipodal. Throws a DomainError naming the pair.
 */
export function requireNonParallel(x: Matrix, minAngle = 1e-6, argument = 'X'): void {
  for (let i = 0; i < x.rows; i++) {
    for (let j = i + 1; j < x.rows; j++) {
      const t = rowAngle(x, i, j);
      if (t < minAngle || Math.PI - t < minAngle) {
        throw new DomainError(
          `${argument} rows ${i} and ${j} are ${t < minAngle ? 'parallel' : 'antipodal'} (angle ${t.toExponential(3)} rad); the claim needs non-parallel inputs`,
          argument,
        );
      }
    }
  }
}
