/** Dataset generators: unit-sphere inputs with a guaranteed minimum angle, bounded labels. */
import { DomainError, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { type Matrix, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';

export interface Dataset {
  /** n×d inputs, one per row. */
  readonly X: Matrix;
  /** n labels. */
  readonly y: Float64Array;
}

export interface SphereOptions {
  /** Minimum angle (radians) between the lines through any two inputs; default acos(0.999) ≈ 0.0447,
   *  the rejection threshold |x_iᵀx_j| ≤ 0.999 (no two inputs parallel: thesis Theorem 2.1). */
  minAngle?: number;
  /** Labels are uniform on [−labelBound, labelBound] (thesis: |y_i| ≤ C). Default 1. */
  labelBound?: number;
  /** Attempts per point before giving up. */
  maxAttempts?: number;
}

/** n points uniform on S^{d−1}, rejecting any point within minAngle of the line of an earlier one. */
export function sphereInputs(rng: Rng, n: number, d: number, minAngle = Math.acos(0.999), maxAttempts = 10_000): Matrix {
  requireRng(rng, 'rng', ['sphere']);
  requirePositiveInt(n, 'n');
  requirePositiveInt(d, 'd');
  requireAllocatable(n * d, n >= d ? 'n' : 'd', `${n} inputs of dimension ${d}`);
  requireFiniteNumber(minAngle, 'minAngle');
  requirePositiveInt(maxAttempts, 'maxAttempts');
  if (minAngle < 0 || minAngle > Math.PI / 2) throw new DomainError(`minAngle must be in [0, π/2], got ${minAngle}`, 'minAngle');
  if (d === 1 && n > 1 && minAngle > 0) {
    throw new DomainError('in d = 1 every two inputs are parallel; use d ≥ 2 or n = 1', 'd');
  }
  const X = zeros(n, d);
  const cosMax = Math.cos(minAngle);
  for (let i = 0; i < n; i++) {
    let ok = false;
    for (let attempt = 0; attempt < maxAttempts && !ok; attempt++) {
      rng.sphere(d, X.data, i * d);
      ok = true;
      for (let j = 0; j < i && ok; j++) {
        let c = 0;
        for (let k = 0; k < d; k++) c += X.data[i * d + k] * X.data[j * d + k];
        if (Math.abs(c) > cosMax) ok = false;
      }
    }
    if (!ok) {
      throw new DomainError(`could not place ${n} points on S^${d - 1} with pairwise line angle ≥ ${minAngle}`, 'n');
    }
  }
  return X;
}

export function uniformLabels(rng: Rng, n: number, labelBound = 1): Float64Array {
  requireRng(rng, 'rng', ['uniformIn']);
  requirePositiveInt(n, 'n');
  requireAllocatable(n, 'n', `${n} labels`);
  requireFiniteNumber(labelBound, 'labelBound');
  if (labelBound < 0) throw new DomainError(`labelBound must be ≥ 0, got ${labelBound}`, 'labelBound');
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.uniformIn(-labelBound, labelBound);
  return y;
}

/** The chapter-2 dataset: unit inputs, no two (anti-)parallel, labels |y| ≤ C. */
export function sphereDataset(rng: Rng, n: number, d: number, opts: SphereOptions = {}): Dataset {
  requireRng(rng, 'rng');
  const X = sphereInputs(rng.stream('inputs'), n, d, opts.minAngle ?? Math.acos(0.999), opts.maxAttempts ?? 10_000);
  const y = uniformLabels(rng.stream('labels'), n, opts.labelBound ?? 1);
  return { X, y };
}
