/**
 * Thesis (1.2) (catalog 002a §3.2): GD on the linear-regression loss L(θ) = (1/2n) Σ (x_iᵀθ − y_i)²
 * finds an ε-suboptimal point in O(1/ε) iterations. The source gives no constant; the checked form
 * is the textbook bound for β-smooth convex f with η = 1/β:
 *   L(θ_k) − L* ≤ β ‖θ_0 − θ*‖² / (2k),  β = λmax(XᵀX)/n,
 * with θ* from a direct least-squares solve. Half the cases are ill-conditioned (column scales
 * spread over 3 decades), where the O(1/k) phase is visible before the linear phase.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { lambdaMax, leastSquares } from '../../src/core/linalg.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { gemmAtB } from '../../src/core/blas.ts';
import { rng } from '../../src/core/rng.ts';
import { linearModel } from '../../src/models/linear.ts';
import { bindData } from '../../src/models/model.ts';
import { type Recorder, gd } from '../../src/train/gd.ts';
import { intIn, seedArb, type IntRange } from '../../src/data/arbitraries.ts';

interface LrBudget { runs: number; n: IntRange; d: IntRange; steps: number }
interface LrCase { n: number; d: number; illConditioned: boolean; seed: number }

interface Problem { X: Matrix; y: Float64Array; beta: number; thetaStar: Float64Array; lStar: number }

function lrLoss(X: Matrix, y: Float64Array, theta: Float64Array): number {
  const { rows: n, cols: d, data } = X;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = -y[i];
    for (let k = 0; k < d; k++) r += data[i * d + k] * theta[k];
    s += r * r;
  }
  return s / (2 * n);
}

function problem(c: LrCase): Problem {
  const r = rng(c.seed);
  const X = zeros(c.n, c.d);
  r.stream('X').fillNormal(X.data);
  if (c.illConditioned) {
    // Column k scaled by 10^(−3k/(d−1)): condition number of XᵀX ~ 1e6.
    for (let k = 0; k < c.d; k++) {
      const s = Math.pow(10, (-3 * k) / Math.max(1, c.d - 1));
      for (let i = 0; i < c.n; i++) X.data[i * c.d + k] *= s;
    }
  }
  const y = r.stream('y').fillNormal(new Float64Array(c.n));
  const XtX = zeros(c.d, c.d);
  gemmAtB(X, X, XtX);
  const beta = lambdaMax(XtX) / c.n;
  const thetaStar = leastSquares(X, y);
  return { X, y, beta, thetaStar, lStar: lrLoss(X, y, thetaStar) };
}

/** Worst ratio (L(θ_k) − L*) / (β‖θ_0 − θ*‖²/(2k)) over k = 1..K, GD from θ_0 = 0 at step η. */
function worstRatio(c: LrCase, b: LrBudget, etaTimesBeta: number) {
  const p = problem(c);
  const d = c.d, eta = etaTimesBeta / p.beta;
  let dist2 = 0;
  for (let k = 0; k < d; k++) dist2 += p.thetaStar[k] ** 2;
  let worst = 0, at = 0;
  const model = linearModel(d);
  const gap: Recorder = {
    record(k, _theta, loss) {
      if (k === 0) return;
      const bound = (p.beta * dist2) / (2 * k);
      // The gap is a difference of two O(L*) numbers: round-off ~1e-15·L* is not a violation.
      const ratio = (loss - p.lStar - 1e-12 * Math.max(p.lStar, 1e-300)) / bound;
      if (!(ratio <= worst)) { worst = ratio; at = k; }
    },
  };
  const run = gd(bindData(model, p.X, p.y), model.init(rng(c.seed)) /* θ⁰ = 0: the linear model's init draws nothing */, { eta, steps: b.steps, recorders: [gap], onNonFinite: 'stop' });
  if (run.diverged) { worst = Infinity; at = run.steps; } // a step past 2/β blows the loss up to ∞
  return verdict.atMost(worst, 1, `n=${c.n} d=${d}${c.illConditioned ? ' ill-conditioned' : ''} ηβ=${etaTimesBeta}: worst ratio ${fmt(worst)} at k=${at}`);
}

// n ≥ d: an overdetermined least-squares problem, so θ* is unique and the direct solve is well posed.
const lrArb = (b: LrBudget) => intIn(b.d).chain((d) => fc.record({
  n: intIn({ min: Math.max(b.n.min, d), max: Math.max(b.n.max, d) }), d: fc.constant(d), illConditioned: fc.boolean(), seed: seedArb,
}));

export const linearRegressionRate = claim({
  id: 'thesis.ch1.eq1.2.gd-rate',
  source: '002 thesis, Chapter 1 eq. (1.2) (catalog 002a §3.2)',
  statement: 'GD with η = 1/β on (1/2n)‖Xθ − y‖² (β = λmax(XᵀX)/n): L(θ_k) − L* ≤ β‖θ_0 − θ*‖²/(2k) for every k ≤ K',
  kind: 'bound',
  rationale: 'the standard smooth-convex constant (the source says only O(1/ε)); sizes n = 30, d = 5 of the recipe, k ≤ 200; '
    + 'L* from a direct least-squares solve; a 1e-12·L* round-off allowance on the gap. slack = worst ratio over k.',
  budget: {
    quick: { runs: 20, n: { min: 10, max: 30 }, d: { min: 2, max: 5 }, steps: 200 },
    default: { runs: 80, n: { min: 10, max: 60 }, d: { min: 2, max: 10 }, steps: 400 },
    deep: { runs: 400, n: { min: 10, max: 200 }, d: { min: 2, max: 30 }, steps: 1000 },
  },
  arbitrary: lrArb,
  check: (c, b) => worstRatio(c, b, 1),
  negativeControl: {
    describe: 'η = 2.1/β (beyond the stability limit 2/β): GD diverges and the bound fails',
    check: (c, b) => worstRatio(c, b, 2.1),
  },
});

