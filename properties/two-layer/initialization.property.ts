/**
 * The network at initialization (thesis §2.2.1 and §2.1; catalog 002a §2.1 "exact facts at
 * initialization", §3.18, Errata E7): E u_i(0) = 0 and E u_i(0)² = E σ(z)² = ½ for every m ≥ 1, so
 * E‖y − u(0)‖² = ‖y‖² + n/2. The thesis prints Σ_i (y_i² + 1) = ‖y‖² + n (E7): refuted here.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { rng } from '../../src/core/rng.ts';
import { bisect, normalCdf } from '../../src/core/special.ts';
import { intIn, oneOfValues, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import { initTwoLayer, predict } from '../../src/models/two-layer.ts';
import { mean, standardError } from '../../src/stats/summary.ts';

interface MCBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; widths: number[]; draws: number }
interface Case { n: number; d: number; m: number; seed: number }

const mc = (runs: number, draws: number, nMax: number): MCBudget => ({
  runs, draws, n: { min: 2, max: nMax }, d: { min: 2, max: 10 }, widths: [1, 2, 3, 10, 30, 100],
});
const caseArb = (b: MCBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: oneOfValues(b.widths), seed: seedArb });

/**
 * Band half-width in standard errors: two-sided normal quantile at α/(2·tests) with α = 1e-7 —
 * i.e. family-wise false alarm 1e-7 over the budget's cases under the CLT, with a 10× allowance
 * for the skewness of the χ²-like ‖u(0)‖² (one-term Edgeworth factor ≤ 3 at N ≥ 2000 draws), so
 * the real false-alarm rate stays ≤ 1e-6. About 5.6–5.7 se at the quick budget (6–10 cases).
 */
function bandSe(tests: number): number {
  const tail = 1e-7 / (2 * tests);
  return bisect(normalCdf, 1 - tail, 0, 40);
}

/**
 * N independent initializations (w_r ~ N(0, I), a_r = ±1) of one fixed dataset (unit x_i,
 * y_i ~ unif[−1, 1]): the samples ‖u(0)‖² and ‖y − u(0)‖² − ‖y‖².
 */
function initSamples({ n, d, m, seed }: Case, N: number) {
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const init = r.stream('init');
  const U = new Float64Array(N), D = new Float64Array(N);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  for (let s = 0; s < N; s++) {
    const u = predict(initTwoLayer(init.stream(String(s)), m, d), X);
    let uu = 0, rr = 0;
    for (let i = 0; i < n; i++) { uu += u[i] * u[i]; rr += (y[i] - u[i]) ** 2; }
    U[s] = uu;
    D[s] = rr - yy;
  }
  return { U, D, yy };
}

/** |mean − target| ≤ k·se; slack = |mean − target| / (k·se) (verdict.meanWithin). */
function meanNear(xs: Float64Array, target: number, k: number, detail: string): Verdict {
  return verdict.meanWithin({ mean: mean(xs), se: standardError(xs), claimed: target, k }, detail);
}

// ---------------------------------------------------------------------------------------------
// (i) Errata E7: the printed E‖y − u(0)‖² = ‖y‖² + n, refuted; corrected ‖y‖² + n/2.

const lossDetail = (c: Case, yy: number, D: Float64Array) =>
  `n=${c.n} d=${c.d} m=${c.m}, ${D.length} inits: mean ‖y−u(0)‖² ${(yy + mean(D)).toFixed(3)}, printed ‖y‖²+n = ${(yy + c.n).toFixed(3)}, corrected ‖y‖²+n/2 = ${(yy + c.n / 2).toFixed(3)}`;

export const initialLoss = claim({
  id: 'thesis.ch2.E7.initial-loss',
  source: '002 thesis, §2.2.1 (E‖y − u(0)‖²), catalog 002a §3.18 / Errata E7',
  statement: 'printed: E‖y − u(0)‖² = Σ_i (y_i² + 1) = ‖y‖² + n (expectation over w_r ~ N(0, I), a_r = ±1, fixed unit data)',
  kind: 'falsified',
  rationale: 'E u_i = 0 and E u_i² = E σ(z)² = ½ for every m (independent zero-mean a_r kill the cross terms), so the mean is ‖y‖² + n/2; '
    + 'the printed n is rejected by ≳ 20 se at N = 2000 inits (catalog: > 90 se at 4000 seeds). Band: mean within k·se, k ≈ 5.6 (α = 1e-7 Bonferroni, see bandSe)',
  budget: { quick: mc(6, 2000, 20), default: mc(20, 4000, 20), deep: mc(60, 20000, 30) },
  arbitrary: caseArb,
  check: (c, b) => {
    const { D, yy } = initSamples(c, b.draws);
    return meanNear(D, c.n, bandSe(b.runs), `printed +n; ${lossDetail(c, yy, D)}`);
  },
  corrected: (c, b) => {
    const { D, yy } = initSamples(c, b.draws);
    return meanNear(D, c.n / 2, bandSe(b.runs), `corrected +n/2; ${lossDetail(c, yy, D)}`);
  },
});

// ---------------------------------------------------------------------------------------------
// (ii) E‖u(0)‖² = n/2 for every width, m = 1 included (corrects the E‖y − u(0)‖² in the thesis's proof of Theorem 2.2; catalog 002a §2.1, §3.18 recipe 1).

export const secondMoment = claim({
  id: 'thesis.ch2.init.output-second-moment',
  source: '002 thesis, §2.1 initialization and §2.2.1 (catalog 002a §2.1 exact facts at initialization, §3.18 recipe 1)',
  statement: 'E‖u(0)‖² = n/2 for unit inputs and every width m ≥ 1 (m ∈ {1, 2, 3, 10, 30, 100})',
  kind: 'statistical',
  rationale: 'E u_i(0)² = (1/m) Σ_r E σ(w_rᵀx_i)² = E σ(z)² = ½ exactly for any m. Mean of N inits within k·se, k ≈ 5.7 (quick), 5.9 (default): '
    + 'Bonferroni over the cases at α = 1e-7 with a 10× skewness allowance, so the family-wise false alarm is ≤ 1e-6 '
    + '(for the thesis\'s E‖y − u(0)‖²; catalog 002a §3.18 used a 4-se band on one instance)',
  budget: { quick: mc(10, 2000, 20), default: mc(30, 4000, 20), deep: mc(100, 20000, 40) },
  arbitrary: caseArb,
  check: (c, b) => {
    const { U } = initSamples(c, b.draws);
    return meanNear(U, c.n / 2, bandSe(b.runs), `n=${c.n} d=${c.d} m=${c.m}, ${b.draws} inits, E‖u(0)‖²`);
  },
  negativeControl: {
    describe: 'the printed value E‖u(0)‖² = n (E f² = 1 in the E7 expansion)',
    check: (c, b) => {
      const { U } = initSamples(c, b.draws);
      return meanNear(U, c.n, bandSe(b.runs), `n=${c.n} d=${c.d} m=${c.m}, ${b.draws} inits, vs printed n`);
    },
  },
});

