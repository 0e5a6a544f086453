/** Exact binomial (Clopper–Pearson) confidence bounds, for `statistical` claims. */
import { DomainError, requireFiniteNumber, requirePositiveInt, requireProbability } from '../core/errors.ts';
import { bisect, logGamma, regularizedBeta } from '../core/special.ts';

function requireCounts(k: number, n: number): void {
  requirePositiveInt(n, 'n');
  requireFiniteNumber(k, 'k');
  if (!Number.isInteger(k) || k < 0 || k > n) throw new DomainError(`k must be an integer in [0, n], got ${k}`, 'k');
}

function requireAlpha(alpha: number): void {
  requireFiniteNumber(alpha, 'alpha');
  if (!(alpha > 0 && alpha < 1)) throw new DomainError(`alpha must be in (0, 1), got ${alpha}`, 'alpha');
}

/** P[Bin(n, p) ≤ k]. */
export function binomialCdf(k: number, n: number, p: number): number {
  requireCounts(k, n);
  requireProbability(p, 'p');
  if (k === n) return 1;
  return 1 - regularizedBeta(p, k + 1, n - k);
}

/** P[Bin(n, p) ≥ k]: the p-value of observing k or more events when the rate is p. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  requireCounts(k, n);
  requireProbability(p, 'p');
  if (k === 0) return 1;
  return regularizedBeta(p, k, n - k + 1);
}

/** One-sided upper bound u with P[rate ≤ u] ≥ 1 − alpha after k events in n trials. */
export function clopperPearsonUpper(k: number, n: number, alpha: number): number {
  requireCounts(k, n);
  requireAlpha(alpha);
  if (k === n) return 1;
  if (k === 0) return 1 - Math.pow(alpha, 1 / n);
  // u solves P[Bin(n, u) ≤ k] = alpha, i.e. I_u(k+1, n−k) = 1 − alpha.
  return bisect((p) => regularizedBeta(p, k + 1, n - k), 1 - alpha, 0, 1);
}

/** One-sided lower bound l with P[rate ≥ l] ≥ 1 − alpha after k events in n trials. */
export function clopperPearsonLower(k: number, n: number, alpha: number): number {
  requireCounts(k, n);
  requireAlpha(alpha);
  if (k === 0) return 0;
  if (k === n) return Math.pow(alpha, 1 / n);
  // l solves P[Bin(n, l) ≥ k] = alpha, i.e. I_l(k, n−k+1) = alpha.
  return bisect((p) => regularizedBeta(p, k, n - k + 1), alpha, 0, 1);
}

/** ln C(n, k), exposed for tests of the tails. */
export function logBinomial(n: number, k: number): number {
  requireFiniteNumber(n, 'n');
  if (!Number.isInteger(n) || n < 0) throw new DomainError(`n must be an integer ≥ 0, got ${n}`, 'n');
  if (n > 0) requireCounts(k, n);
  else if (k !== 0) throw new DomainError(`k must be 0 when n = 0, got ${k}`, 'k');
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}
