/** Angles between vectors, computed stably. */
import { DomainError, NonFiniteError, requireFiniteNumber, requireIndex } from './errors.ts';
import { type Matrix, requireMatrix, requireMatrixShape } from './matrix.ts';

/** Largest |entry| of the row at offset o, throwing if an entry is NaN/±Infinity. */
function rowScale(X: Float64Array, o: number, d: number, i: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    const v = X[o + k];
    if (!Number.isFinite(v)) throw new NonFiniteError(`X[${i}, ${k}] is ${v}; every entry must be finite`, 'X');
    const a = Math.abs(v);
    if (a > s) s = a;
  }
  return s;
}

/**
 * Angle between rows i and j of X in [0, π], as 2·atan2(‖x̂_i − x̂_j‖, ‖x̂_i + x̂_j‖) on the
 * normalized rows. acos of the cosine loses ~1e-9 near ±1 (thesis §2.2 float trap); this does not.
 * Checks X's shape in O(1) and only rows i and j for finiteness (it is called O(n²) times);
 * rows are pre-scaled by their largest entry so that huge or tiny finite rows neither overflow nor
 * underflow.
 */
export function rowAngle(x: Matrix, i: number, j: number): number {
  requireMatrixShape(x, 'X');
  requireIndex(i, x.rows, 'i');
  requireIndex(j, x.rows, 'j');
  const d = x.cols, X = x.data;
  const oi = i * d, oj = j * d;
  const si = rowScale(X, oi, d, i), sj = rowScale(X, oj, d, j);
  if (si === 0 || sj === 0) throw new DomainError(`row ${si === 0 ? i : j} of X is zero; its angle is undefined`, 'X');
  let ni = 0, nj = 0;
  for (let k = 0; k < d; k++) {
    const a = X[oi + k] / si, b = X[oj + k] / sj;
    ni += a * a;
    nj += b * b;
  }
  ni = 1 / Math.sqrt(ni); nj = 1 / Math.sqrt(nj);
  let dm = 0, dp = 0;
  for (let k = 0; k < d; k++) {
    const a = (X[oi + k] / si) * ni, b = (X[oj + k] / sj) * nj;
    dm += (a - b) * (a - b);
    dp += (a + b) * (a + b);
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/** Smallest angle between the lines through any two rows: min over i<j of min(θ_ij, π − θ_ij). */
export function minLineAngle(x: Matrix): number {
  requireMatrix(x, 'X');
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
  requireMatrix(x, argument);
  requireFiniteNumber(minAngle, 'minAngle');
  if (minAngle < 0 || minAngle > Math.PI / 2) throw new DomainError(`minAngle must be in [0, π/2], got ${minAngle}`, 'minAngle');
  for (let i = 0; i < x.rows; i++) {
    for (let j = i + 1; j < x.rows; j++) {
      let t: number;
      try {
        t = rowAngle(x, i, j);
      } catch (e) {
        if (e instanceof DomainError) throw new DomainError(e.message, argument);
        throw e;
      }
      if (t < minAngle || Math.PI - t < minAngle) {
        throw new DomainError(
          `${argument} rows ${i} and ${j} are ${t < minAngle ? 'parallel' : 'antipodal'} (angle ${t.toExponential(3)} rad); the claim needs non-parallel inputs`,
          argument,
        );
      }
    }
  }
}
