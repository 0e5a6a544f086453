/**
 * The k-standard-error band of `rateWithin` (src/claims/verdict.ts with k from
 * src/stats/clopper-pearson.ts binomialBandK): a true claimed rate p fails the verdict with
 * probability ≤ α whatever n is. Computed exactly: the verdict is evaluated at every outcome
 * X = 0..n and the binomial pmf of the failing outcomes is summed (binomial.ts, term by term).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { bisect, normalCdf } from '../../src/core/special.ts';
import { intIn, oneOfValues } from '../../src/data/arbitraries.ts';
import { binomialBandK } from '../../src/stats/clopper-pearson.ts';
import { CLAIM_LEVELS, binomialPmf } from './binomial.ts';

type Side = 'both' | 'atLeast' | 'atMost';
interface BandCase { n: number; p: number; alpha: number; side: Side }
interface BandBudget { runs: number; controlRuns: number; n: { min: number; max: number } }
/** The band's width in standard errors for (n, p, α, side). */
type BandK = (n: number, p: number, alpha: number, side: Side) => number;

const bandArb = (b: BandBudget) => fc.record({
  n: intIn(b.n), p: fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }), alpha: oneOfValues(CLAIM_LEVELS), side: oneOfValues<Side>(['both', 'atLeast', 'atMost']),
});

/** P[the verdict fails] under Bin(n, p): meanWithin at every outcome, weighted by its pmf. */
function falseAlarm({ n, p, alpha, side }: BandCase, kOf: BandK): { fa: number; k: number; rejected: number } {
  const k = kOf(n, p, alpha, side), se = Math.sqrt((p * (1 - p)) / n);
  let fa = 0, rejected = 0;
  for (let j = 0; j <= n; j++) {
    if (!verdict.meanWithin({ mean: j / n, se, claimed: p, k, side }).holds) { fa += binomialPmf(j, n, p); rejected++; }
  }
  return { fa, k, rejected };
}

function falseAlarmCheck(c: BandCase, kOf: BandK) {
  const { fa, k, rejected } = falseAlarm(c, kOf);
  return verdict.atMost(fa, c.alpha, `n=${c.n} p=${c.p.toPrecision(4)} α=${c.alpha} ${c.side}: k = ${k.toPrecision(5)} se rejects ${rejected} outcomes, P[false alarm] ${fa.toPrecision(5)}`);
}

/** The mis-specified band: the normal quantile z_{1−α/2} (z_{1−α} one-sided) in place of the exact binomial k. */
const normalK: BandK = (_n, _p, alpha, side) => bisect(normalCdf, 1 - (side === 'both' ? alpha / 2 : alpha), 0, 40);

export const bandFalseAlarm = claim({
  id: 'core.stats.band.false-alarm',
  source: 'issue 14, src/stats/clopper-pearson.ts binomialBandK and src/claims/verdict.ts rateWithin / meanWithin: the band of every rate claim',
  statement: 'a rate verdict (mean within k se of the claimed p, k = binomialBandK(n, p, α, side)) fails a true claim with probability ≤ α, for n ≤ 300, p ∈ [0.001, 0.999], both sides and each one-sided band, at the claims\' levels α ∈ {0.05, 1e-3, 1e-6, 1e-7, 5e-9} — computed exactly over all n + 1 outcomes',
  kind: 'bound',
  rationale: 'exact, no sampling: the false-alarm probability is the pmf mass of the outcomes the verdict rejects. The control — the normal quantile for k, the approximation the exact band replaces — is anticonservative in the long tail of a skewed binomial (p ≤ 0.05, n ≤ 200, α ≤ 1e-6: the Poisson-like right tail is far heavier than the normal one), which is where its cases are',
  budget: {
    quick: { runs: 40, controlRuns: 10, n: { min: 1, max: 300 } },
    default: { runs: 150, controlRuns: 20, n: { min: 1, max: 300 } },
    deep: { runs: 600, controlRuns: 50, n: { min: 1, max: 1000 } },
  },
  arbitrary: bandArb,
  check: (c) => falseAlarmCheck(c, binomialBandK),
  negativeControl: {
    describe: 'a wrong band: the normal quantile z for k (its tails, not the binomial\'s), on skewed rates p ≤ 0.05',
    arbitrary: () => fc.record({
      n: intIn({ min: 20, max: 200 }), p: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
      alpha: oneOfValues([1e-6, 1e-7, 5e-9]), side: oneOfValues<Side>(['both', 'atMost']),
    }),
    check: (c) => falseAlarmCheck(c, normalK),
  },
});
