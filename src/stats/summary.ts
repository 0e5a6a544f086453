/** Small descriptive statistics used by claims and the report. */
import { ShapeError, requireFiniteArray, requireLength, requireProbability } from '../core/errors.ts';

function requireNonEmpty(xs: ArrayLike<number>, argument: string): void {
  requireLength(xs, xs?.length, argument); // an array of numbers (null, undefined, a string: a ShapeError)
  if (xs.length === 0) throw new ShapeError(`${argument} is empty`, argument);
  requireFiniteArray(xs, argument);
}

export function mean(xs: ArrayLike<number>): number {
  requireNonEmpty(xs, 'xs');
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample standard deviation (n − 1 denominator); 0 for one point. */
export function stdev(xs: ArrayLike<number>): number {
  const m = mean(xs);
  if (xs.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

export function standardError(xs: ArrayLike<number>): number {
  return stdev(xs) / Math.sqrt(xs.length);
}

export function quantile(xs: ArrayLike<number>, q: number): number {
  requireNonEmpty(xs, 'xs');
  requireProbability(q, 'q');
  const s = Array.from(xs).sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}
