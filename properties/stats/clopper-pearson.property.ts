/**
 * The Clopper–Pearson bounds every `failureRate` verdict rests on (src/stats/clopper-pearson.ts,
 * src/claims/verdict.ts): their coverage and their level, computed exactly from the binomial law
 * (binomial.ts sums the pmf term by term) at the levels the claims use, α from 0.05 down to 5e-9.
 *
 * Coverage is tightest just past a jump: for p slightly above the upper bound u(k) the outcomes
 * 0..k all miss, so P_p[p > u(X)] = P_p[X ≤ k] → α as p ↓ u(k). The cases aim there (p = u(k)·(1 + 1e-6),
 * and the mirror image for the lower bound), which is where a wrong Beta parameter shows.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { clopperPearsonLower, clopperPearsonUpper } from '../../src/stats/clopper-pearson.ts';
import { intIn, oneOfValues } from '../../src/data/arbitraries.ts';
import { CLAIM_LEVELS, binomialMass } from './binomial.ts';

type Side = 'upper' | 'lower';
/** A one-sided bound as a function of (k events, n trials, level α). */
type Bound = (k: number, n: number, alpha: number) => number;
/** kq/1000 places the aimed count k in 0..n (an integer: fast-check's doubles crowd at 0, where k = 0 takes the closed form). */
interface CpCase { n: number; kq: number; alpha: number; side: Side }
interface CpBudget { runs: number; n: { min: number; max: number } }

const BOUNDS: Record<Side, Bound> = { upper: clopperPearsonUpper, lower: clopperPearsonLower };

/** Relative step past the bound: far above the bisection's and the pmf sum's rounding (≤ 1e-12). */
const PAST = 1e-6;

const cpBudget = (runs: number, nMax: number): CpBudget => ({ runs, n: { min: 1, max: nMax } });
const cpArb = (b: CpBudget) => fc.record({
  n: intIn(b.n), kq: intIn({ min: 0, max: 1000 }), alpha: oneOfValues(CLAIM_LEVELS), side: oneOfValues<Side>(['upper', 'lower']),
});

/** The aimed-at count: k < n for an upper bound (u(n) = 1), k ≥ 1 for a lower one (l(0) = 0). */
function aimedCount({ n, kq, side }: CpCase): number {
  const k = Math.min(n - 1, Math.floor((kq / 1001) * n));
  return side === 'upper' ? k : k + 1;
}

/**
 * P_p[the bound misses p] summed over the binomial law, at p just past the bound of the aimed count:
 * upper: p = u(k)(1 + PAST), misses are the j with u(j) < p (j ≤ k, and further j while u(j) < p);
 * lower: p = l(k)(1 − PAST), misses are the j with l(j) > p.
 */
function coverageMiss(c: CpCase, bound: Bound): { p: number; miss: number; detail: string } {
  const { n, alpha, side } = c, k = aimedCount(c), b = bound(k, n, alpha);
  if (side === 'upper') {
    const p = Math.min(b * (1 + PAST), (b + 1) / 2);
    let last = k;
    while (last < n && bound(last + 1, n, alpha) < p) last++;
    return { p, miss: binomialMass(0, last, n, p), detail: `n=${n} α=${alpha} upper: u(${k}) = ${b.toPrecision(8)}, p = u(1 + ${PAST}); misses j ≤ ${last}` };
  }
  const p = b * (1 - PAST);
  let first = k;
  while (first > 0 && bound(first - 1, n, alpha) > p) first--;
  return { p, miss: binomialMass(first, n, n, p), detail: `n=${n} α=${alpha} lower: l(${k}) = ${b.toPrecision(8)}, p = l(1 − ${PAST}); misses j ≥ ${first}` };
}

function coverageCheck(c: CpCase, bound: Bound) {
  const { miss, detail } = coverageMiss(c, bound);
  return verdict.atMost(miss, c.alpha, `${detail}: P[miss] ${miss.toPrecision(8)} vs α`);
}

/**
 * A mis-specified bound with one trial off in its Beta parameters: the upper bound solving
 * I_u(k + 1, n + 1 − k) = 1 − α (as if n + 1 trials), the lower bound I_l(k, n − k) = α (as if n − 1):
 * both too tight, so they miss p more often than α.
 */
const OFF_BY_ONE: Record<Side, Bound> = {
  upper: (k, n, a) => clopperPearsonUpper(k, n + 1, a),
  lower: (k, n, a) => (k >= n ? Math.pow(a, 1 / (n - 1)) : clopperPearsonLower(k, n - 1, a)),
};

export const cpCoverage = claim({
  id: 'core.stats.cp.coverage',
  source: 'issue 14, src/stats/clopper-pearson.ts (Clopper & Pearson 1934), the bound behind every failureRate verdict',
  statement: 'the one-sided Clopper–Pearson bounds cover: P_p[p > u(X)] ≤ α and P_p[p < l(X)] ≤ α for X ~ Bin(n, p), at the claims\' levels α ∈ {0.05, 1e-3, 1e-6, 1e-7, 5e-9}, n ≤ 400, computed exactly by summing the binomial pmf at p just past a bound (where coverage is tightest)',
  kind: 'bound',
  rationale: 'exact, no sampling: the miss probability is a finite sum of pmf terms (binomial.ts, no regularized Beta). Just past a jump it equals α(1 − O(1e-6)), so slack ≈ 1 − 1e-6 is the truth, not a loose check: a bound tighter by one trial\'s worth already fails',
  budget: { quick: { runs: 40, n: { min: 1, max: 400 } }, default: cpBudget(150, 400), deep: cpBudget(600, 1000) },
  arbitrary: cpArb,
  check: (c) => coverageCheck(c, BOUNDS[c.side]),
  negativeControl: {
    describe: 'wrong Beta parameters: one trial off (upper I_u(k+1, n+1−k), lower I_l(k, n−k)), too tight by one trial',
    arbitrary: (b) => cpArb(b).filter((c) => c.side === 'upper' || c.n >= 2),
    check: (c) => coverageCheck(c, OFF_BY_ONE[c.side]),
  },
});

/**
 * The level is exact: the bound solves its defining equation P_u[X ≤ k] = α (upper) or
 * P_l[X ≥ k] = α (lower), checked by the pmf sum to a relative 1e-9. Coverage alone would pass a
 * bound that is too loose; this catches that direction.
 */
function levelCheck(c: CpCase, bound: Bound) {
  const { n, alpha, side } = c, k = aimedCount(c), b = bound(k, n, alpha);
  const tail = (p: number): number => (side === 'upper' ? binomialMass(0, k, n, p) : binomialMass(k, n, n, p));
  const mass = tail(b), rel = Math.abs(mass - alpha) / alpha;
  // A double carries the bound only to its ulp: near u = 1 (k = n − 2, α = 5e-9: 1 − u ≈ 1e-7) one
  // ulp of u moves the tail mass by ~1e-9 relative. The tolerance adds what ±4 ulp of u can move it.
  const ulp = 4 * Number.EPSILON * b, conditioning = Math.abs(tail(Math.min(b + ulp, 1)) - tail(Math.max(b - ulp, 0))) / alpha;
  return verdict.within(rel, 1e-9 + conditioning, `n=${n} k=${k} α=${alpha} ${side}: bound ${b.toPrecision(10)}, tail mass at the bound ${mass.toPrecision(10)} (±4 ulp of the bound: ${conditioning.toPrecision(2)} relative)`);
}

/** Too loose by one trial: upper as if n − 1 trials, lower as if n + 1. */
const LOOSE_BY_ONE: Record<Side, Bound> = {
  upper: (k, n, a) => clopperPearsonUpper(k, n - 1, a),
  lower: (k, n, a) => clopperPearsonLower(k, n + 1, a),
};

export const cpLevel = claim({
  id: 'core.stats.cp.level',
  source: 'issue 14, src/stats/clopper-pearson.ts (Clopper & Pearson 1934): the bound\'s defining equation',
  statement: 'the Clopper–Pearson upper bound u solves P_u[Bin(n, u) ≤ k] = α and the lower bound l solves P_l[Bin(n, l) ≥ k] = α (relative error ≤ 1e-9, plus what ±4 ulp of the bound move the tail, against the pmf summed term by term), at the claims\' levels, n ≤ 400',
  kind: 'exact',
  rationale: 'the bisection solves the equation to machine precision and the pmf sum has relative rounding ~1e-14·n; 1e-9 leaves three orders of margin (plus the mass ±4 ulp of the bound can move: a double cannot place u closer near u = 1) while a bound one trial off moves the tail mass by a relative p·P[X = k]/P[X ≤ k] ≫ 1e-9',
  budget: { quick: { runs: 40, n: { min: 2, max: 400 } }, default: { runs: 150, n: { min: 2, max: 400 } }, deep: { runs: 600, n: { min: 2, max: 1000 } } },
  arbitrary: (b) => cpArb(b).filter((c) => !(c.side === 'upper' && aimedCount(c) === c.n - 1)),
  check: (c) => levelCheck(c, BOUNDS[c.side]),
  negativeControl: {
    describe: 'wrong Beta parameters, too loose by one trial (upper as if n − 1 trials, lower as if n + 1)',
    check: (c) => levelCheck(c, LOOSE_BY_ONE[c.side]),
  },
});
