/**
 * The slope fit behind every `scaling` claim (src/stats/slope.ts linearFit / logLogSlope): its
 * level-0.95 Student-t interval [lo, hi] covers the true slope with probability 0.95 under the
 * model it assumes — y_i = c + b·x_i + σε_i, ε_i iid N(0, 1) — on the designs the scaling claims
 * fit: 3 to 10 points at log-spaced widths (x_i = ln m_i, m_i geometric). Coverage of the t interval
 * is exact for that model (a pivot: it does not depend on c, b, σ), so the observed coverage rate of
 * N simulated fits is Bin(N, 0.95)/N and is judged by the exact binomial band (rateWithin).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { type Rng, rng } from '../../src/core/rng.ts';
import { intIn, seedArb } from '../../src/data/arbitraries.ts';
import { linearFit } from '../../src/stats/slope.ts';

/** The interval level every scaling claim uses (logLogSlope's default). */
const LEVEL = 0.95;
/** False alarm per run ≤ 1e-6: per case 1e-6 over the deep budget's case count. */
const RUNS_MAX = 40;
const ALPHA_CASE = 1e-6 / RUNS_MAX;

interface SlopeCase { points: number; ratio: number; slope: number; sigma: number; seed: number }
interface SlopeBudget { runs: number; fits: number }

const slopeArb = () => fc.record({
  points: intIn({ min: 3, max: 10 }),
  ratio: fc.double({ min: 1.5, max: 10, noNaN: true }),
  slope: fc.double({ min: -2, max: 2, noNaN: true }),
  sigma: fc.double({ min: 0.01, max: 1, noNaN: true }),
  seed: seedArb,
});

/** An interval (lo, hi) from the fit of one simulated design. */
type Interval = (xs: Float64Array, ys: Float64Array) => { lo: number; hi: number };

const fitted: Interval = (xs, ys) => linearFit(xs, ys, LEVEL);

/**
 * The control's mis-specified interval: the standard error with the maximum-likelihood variance
 * RSS/n in place of RSS/(n − 2) (the residual degrees of freedom forgotten), t quantile unchanged.
 */
const mlVariance: Interval = (xs, ys) => {
  const f = linearFit(xs, ys, LEVEL), n = xs.length, shrink = Math.sqrt((n - 2) / n);
  return { lo: f.slope - (f.slope - f.lo) * shrink, hi: f.slope + (f.hi - f.slope) * shrink };
};

function simulateCoverage(c: SlopeCase, fits: number, interval: Interval, noise: Rng): number {
  const xs = new Float64Array(c.points), ys = new Float64Array(c.points);
  const m0 = 10 + 90 * noise.uniform(), intercept = noise.uniformIn(-3, 3);
  for (let i = 0; i < c.points; i++) xs[i] = Math.log(m0 * Math.pow(c.ratio, i));
  let covered = 0;
  for (let s = 0; s < fits; s++) {
    for (let i = 0; i < c.points; i++) ys[i] = intercept + c.slope * xs[i] + c.sigma * noise.normal();
    const { lo, hi } = interval(xs, ys);
    if (lo <= c.slope && c.slope <= hi) covered++;
  }
  return covered;
}

function coverageCheck(c: SlopeCase, b: SlopeBudget, interval: Interval) {
  const covered = simulateCoverage(c, b.fits, interval, rng(c.seed).stream('noise'));
  return verdict.rateWithin({ successes: covered, trials: b.fits, claimed: LEVEL, alpha: ALPHA_CASE },
    `${c.points} points, width ratio ${c.ratio.toFixed(2)}, slope ${c.slope.toFixed(3)}, σ ${c.sigma.toFixed(3)}: ${LEVEL} interval covered the slope in`);
}

export const slopeCoverage = claim({
  id: 'core.stats.slope.ci-coverage',
  source: 'issue 14, src/stats/slope.ts (least squares, Student-t interval), the fit behind every scaling claim',
  statement: 'the level-0.95 slope interval [lo, hi] of linearFit covers the true slope at rate 0.95 under y = c + b·x + σε, ε ~ N(0, 1), on 3–10 log-spaced widths (10⁴ simulated fits per case, coverage within the exact binomial band)',
  kind: 'statistical',
  rationale: 'coverage of the t interval is exactly 0.95 in this model, so the count of covering fits is Bin(10⁴, 0.95); the two-sided exact binomial band at α = 1e-6/40 per case (k ≈ 5.7 se ≈ 0.012) makes the false alarm ≤ 1e-6 per run at every budget (≤ 40 cases). The control (RSS/n for RSS/(n − 2)) covers ≤ 0.93 at 10 points and 0.71 at 3: ≥ 10 se outside',
  budget: { quick: { runs: 3, fits: 10_000 }, default: { runs: 10, fits: 10_000 }, deep: { runs: RUNS_MAX, fits: 10_000 } },
  arbitrary: slopeArb,
  check: (c, b) => coverageCheck(c, b, fitted),
  negativeControl: {
    describe: 'a wrong standard error: the residual variance RSS/n in place of RSS/(n − 2)',
    check: (c, b) => coverageCheck(c, b, mlVariance),
  },
});
