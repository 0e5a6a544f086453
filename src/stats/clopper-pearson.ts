/** Exact binomial (Clopper–Pearson) confidence bounds, for `statistical` claims. */
import { DomainError, describeValue, requireAllocatable, requireFiniteNumber, requirePositiveInt, requireProbability } from '../core/errors.ts';
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
  // P[X ≤ k] = I_{1−p}(n − k, k + 1), not 1 − I_p(k + 1, n − k): a small lower tail is not lost to
  // cancellation against 1 (core.stats.cp.level found the bound's level off by 5e-9 relative at α = 5e-9).
  return regularizedBeta(1 - p, n - k, k + 1);
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
  // u solves P[Bin(n, u) ≤ k] = alpha, i.e. I_{1−u}(n−k, k+1) = alpha — solved on that side, not as
  // I_u(k+1, n−k) = 1 − alpha, whose target 1 − alpha carries a relative error ε/alpha (2e-8 at 5e-9).
  return bisect((p) => -regularizedBeta(1 - p, n - k, k + 1), -alpha, 0, 1);
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

/**
 * The exact binomial band in standard-error units, for rate claims judged as "mean within k se"
 * (src/claims/verdict.ts meanWithin): the smallest k such that, under Bin(n, p), the observed rate
 * X/n lands more than k·se from p — se = √(p(1 − p)/n), the claimed rate's standard error — with
 * probability ≤ alpha. `side`: 'both' counts both tails, 'atLeast' only X/n < p − k·se (a claimed
 * lower bound on a success rate), 'atMost' only X/n > p + k·se. So a claim judged with this k has a
 * false-alarm probability ≤ alpha per case whatever n is (no normal approximation).
 */
export function binomialBandK(n: number, p: number, alpha: number, side: 'both' | 'atLeast' | 'atMost' = 'both'): number {
  requirePositiveInt(n, 'n');
  requireAllocatable(n + 1, 'n', `one outcome per count 0..${n}`);
  requireProbability(p, 'p');
  requireAlpha(alpha);
  if (side !== 'both' && side !== 'atLeast' && side !== 'atMost') {
    throw new DomainError(`side must be 'both', 'atLeast' or 'atMost', got ${describeValue(side)}`, 'side');
  }
  if (p === 0 || p === 1) throw new DomainError(`p must be in (0, 1) for a band in standard errors, got ${p}`, 'p');
  const se = Math.sqrt((p * (1 - p)) / n);
  // Outcomes in the tails the side counts, farthest from np first; reject them while their total
  // probability stays ≤ alpha. The band edge is the distance of the first outcome that must be kept.
  const outcomes: { dev: number; pmf: number }[] = [];
  for (let j = 0; j <= n; j++) {
    const dev = j / n - p;
    if (side === 'atLeast' && dev >= 0) continue;
    if (side === 'atMost' && dev <= 0) continue;
    const logPmf = logBinomial(n, j) + (j > 0 ? j * Math.log(p) : 0) + (j < n ? (n - j) * Math.log1p(-p) : 0);
    outcomes.push({ dev: Math.abs(dev), pmf: Math.exp(logPmf) });
  }
  outcomes.sort((a, b) => b.dev - a.dev);
  let rejected = 0, i = 0;
  while (i < outcomes.length) {
    // Outcomes at the same distance are rejected together or kept together.
    let j = i, mass = 0;
    while (j < outcomes.length && outcomes[j].dev === outcomes[i].dev) mass += outcomes[j++].pmf;
    // (1 + 1e-12): k·se must not round below the kept outcome's own distance.
    if (rejected + mass > alpha) return (outcomes[i].dev / se) * (1 + 1e-12);
    rejected += mass;
    i = j;
  }
  // Every outcome on the counted side may be rejected (its whole tail has mass ≤ alpha): any band
  // narrower than the nearest outcome's distance does that; half of it, so that k stays > 0 as
  // meanWithin requires (k = 0 made rateWithin throw; core.stats.band.false-alarm found it).
  return outcomes.length > 0 ? outcomes[outcomes.length - 1].dev / se / 2 : 1;
}
