/**
 * Thesis Lemma 2.2 (stability of H in a ball around W(0)) and Lemma 2.5 / (2.11) (catalog 002a
 * §3.15, §3.22, §3.23): (i) the event A_ir ⇔ |w_r(0)ᵀx_i| < R for unit x_i; (ii) anti-concentration
 * erf(R/√2) ≤ 2R/√(2π); (iii) E[fraction of (i, r) in A_ir] ≤ 2R/√(2π), and = erf(R/√2) exactly;
 * (iv) the deterministic uniform bound Σ_ij |H_ij − H_ij(0)| ≤ Z(R) over the whole R-ball,
 * including the adversarial perturbation of recipe 3.
 */
import fc from 'fast-check';
import { gemmABt } from '../../src/core/blas.ts';
import { claim, verdict } from '../../src/claims/claim.ts';
import { spectralNorm } from '../../src/core/linalg.ts';
import { type Matrix, subtract, zeros } from '../../src/core/matrix.ts';
import { type Rng, rng } from '../../src/core/rng.ts';
import { bisect, erf, normalCdf } from '../../src/core/special.ts';
import { intIn, oneOfValues, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereInputs } from '../../src/data/sphere.ts';
import { type TwoLayerParams, cloneParams, empiricalGram, initTwoLayer } from '../../src/models/two-layer.ts';
import { mean, standardError } from '../../src/stats/summary.ts';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Pre-activations Z[r·n + i] = w_rᵀx_i, computed directly (m×n). (core gemmABt, not the model's backend) */
function preActivations(W: Matrix, X: Matrix): Float64Array {
  const Z = zeros(W.rows, X.rows);
  gemmABt(W, X, Z);
  return Z.data;
}

const dot = (a: Float64Array, b: Float64Array) => { let s = 0; for (let k = 0; k < a.length; k++) s += a[k] * b[k]; return s; };

// ---------------------------------------------------------------------------------------------
// (i) Event characterization, thesis Lemma 2.2 proof / §2.3.1 definition of A_ir (catalog §3.15
// recipe 1, §3.22): A_ir = {∃ w, ‖w − w_r(0)‖ ≤ R, I{x_iᵀw ≥ 0} ≠ I{x_iᵀw_r(0) ≥ 0}} ⇔ |w_r(0)ᵀx_i| < R.

interface EventBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; m: IntRange; logR: { min: number; max: number }; ballPoints: number }
interface EventCase { n: number; d: number; m: number; logR: number; seed: number }

const eventArb = (b: EventBudget) => fc.record({
  n: intIn(b.n), d: intIn(b.d), m: intIn(b.m),
  logR: fc.double({ min: b.logR.min, max: b.logR.max, noNaN: true, noDefaultInfinity: true }), seed: seedArb,
});

/**
 * Count the (i, r) where the unit-norm formula "A_ir ⇔ |w_r(0)ᵀx_i| < R" disagrees with the ball:
 * when it predicts A_ir, the explicit witness w = w0 − (z + ε·sgn z)·x_i must lie in the ball and
 * flip the pattern; when it does not, neither the ball's extreme point w0 − R·sgn(z)·x_i/‖x_i‖ (the
 * minimizer of sgn(z)·x_iᵀw over the ball, so the exact test) nor random ball points may flip it.
 */
function eventMismatches(c: EventCase, b: EventBudget, inputNorm: number) {
  const r = rng(c.seed);
  const X = sphereInputs(r.stream('data'), c.n, c.d);
  for (let k = 0; k < X.data.length; k++) X.data[k] *= inputNorm;
  const p = initTwoLayer(r.stream('init'), c.m, c.d);
  const ball = r.stream('ball');
  const R = 10 ** c.logR, d = c.d, n = c.n;
  const Z = preActivations(p.W, X);
  const w = new Float64Array(d), x = new Float64Array(d), v = new Float64Array(d);
  let mismatches = 0, inEvent = 0, first = '';
  for (let rr = 0; rr < c.m; rr++) {
    for (let i = 0; i < n; i++) {
      w.set(p.W.data.subarray(rr * d, rr * d + d));
      x.set(X.data.subarray(i * d, i * d + d));
      const z = Z[rr * n + i], on = z >= 0, sg = on ? 1 : -1;
      const xn = Math.sqrt(dot(x, x));
      let ok: boolean;
      if (Math.abs(z) < R) {
        inEvent++;
        const eps = (R - Math.abs(z)) / 2;
        for (let k = 0; k < d; k++) v[k] = w[k] - (z + eps * sg) * x[k];
        let dist = 0;
        for (let k = 0; k < d; k++) dist += (v[k] - w[k]) ** 2;
        ok = Math.sqrt(dist) <= R && (dot(v, x) >= 0) !== on;
      } else {
        for (let k = 0; k < d; k++) v[k] = w[k] - (R * sg * x[k]) / xn;
        ok = (dot(v, x) >= 0) === on;
        for (let t = 0; t < b.ballPoints && ok; t++) {
          ball.ball(d, R, v);
          for (let k = 0; k < d; k++) v[k] += w[k];
          ok = (dot(v, x) >= 0) === on;
        }
      }
      if (!ok) {
        mismatches++;
        if (!first) first = `; first at (i=${i}, r=${rr}): w_r(0)ᵀx_i = ${z.toExponential(3)}, R = ${R.toExponential(3)}, ‖x_i‖ = ${xn.toFixed(3)}`;
      }
    }
  }
  return verdict.atMost(mismatches, 0, `n=${n} d=${d} m=${c.m} R=${R.toExponential(2)} ‖x‖=${inputNorm}: ${inEvent} of ${n * c.m} pairs in A_ir, ${mismatches} mismatches${first}`);
}

const eventBudget = (runs: number, mMax: number, ballPoints: number): EventBudget => ({
  runs, n: { min: 1, max: 20 }, d: { min: 2, max: 10 }, m: { min: 1, max: mMax }, logR: { min: -3, max: Math.log10(0.5) }, ballPoints,
});

export const eventCharacterization = claim({
  id: 'thesis.ch2.lemma2.2.event',
  source: '002 thesis, Lemma 2.2 proof and §2.3.1 (A_ir, S_i⊥) (catalog 002a §3.15 recipe 1, §3.22)',
  statement: 'for unit x_i: some w with ‖w − w_r(0)‖ ≤ R flips I{x_iᵀw ≥ 0} iff |w_r(0)ᵀx_i| < R (R ∈ [1e-3, 0.5])',
  kind: 'exact',
  rationale: 'the distance from w_r(0) to the hyperplane x_iᵀw = 0 is |w_r(0)ᵀx_i|/‖x_i‖; the extreme point w0 − R·sgn(z)x̂_i decides the ball exactly (Cauchy–Schwarz), '
    + 'random ball points are a second witness; no tolerance (indicators only; ties have probability 0)',
  budget: { quick: eventBudget(30, 100, 5), default: eventBudget(100, 300, 10), deep: eventBudget(400, 1000, 20) },
  arbitrary: eventArb,
  check: (c, b) => eventMismatches(c, b, 1),
  negativeControl: {
    describe: 'the unit-norm formula |w_r(0)ᵀx_i| < R applied to inputs of norm 3 (the true condition is |w_r(0)ᵀx_i| < 3R)',
    arbitrary: (b) => eventArb({ ...b, n: { min: 5, max: b.n.max }, m: { min: 20, max: b.m.max }, logR: { min: -1.3, max: b.logR.max } }),
    check: (c, b) => eventMismatches(c, b, 3),
  },
});

// ---------------------------------------------------------------------------------------------
// (ii) Anti-concentration, thesis Lemma 2.2 proof / (2.11): Pr_{z~N(0,1)}(|z| < R) = erf(R/√2) ≤ 2R/√(2π).

interface BoundBudget { runs: number; controlRuns?: number; logR: { min: number; max: number } }

const logRArb = (r: { min: number; max: number }) => fc.record({ logR: fc.double({ min: r.min, max: r.max, noNaN: true, noDefaultInfinity: true }) });

function antiConcentration(logR: number, constant: number) {
  const R = 10 ** logR;
  const p = erf(R / Math.SQRT2), bound = (constant * R) / SQRT_2PI;
  return verdict.atMost(p, bound, `R=${R.toExponential(3)}: erf(R/√2) = ${p.toExponential(6)}, ${constant}R/√(2π) = ${bound.toExponential(6)}`);
}

export const antiConcentrationClaim = claim({
  id: 'thesis.ch2.lemma2.2.anticoncentration',
  source: '002 thesis, Lemma 2.2 proof and (2.11) (catalog 002a §3.15 ingredient (ii) and recipe 2)',
  statement: 'Pr_{z~N(0,1)}(|z| < R) = erf(R/√2) ≤ 2R/√(2π) for all R ≥ 0 (checked on R ∈ [1e-4, 10])',
  kind: 'bound',
  rationale: 'the N(0,1) density is ≤ 1/√(2π); no tolerance: the margin is ≥ R²/6 relative (1.7e-9 at R = 1e-4), 7 orders above erf\'s 1.2e-16 error. '
    + 'Thesis Lemma 2.2; catalog 002a §3.15 ratios 1.000000, 0.999983, 0.998336 at R = 1e-3, 1e-2, 0.1',
  budget: { quick: { runs: 300, logR: { min: -4, max: 1 } }, default: { runs: 2000, logR: { min: -4, max: 1 } }, deep: { runs: 20000, logR: { min: -4, max: 1 } } },
  arbitrary: (b: BoundBudget) => logRArb(b.logR),
  check: ({ logR }) => antiConcentration(logR, 2),
  negativeControl: {
    describe: 'a tightened constant 1.9R/√(2π) (fails for R ≲ 0.55, where erf(R/√2) ≥ 0.95·2R/√(2π))',
    // Drawn where it fails, R ∈ [1e-4, 0.5]: fast-check's doubles are uniform over float bit patterns, so
    // on logR ∈ [−4, 1] they pile up near logR = 0 (R ≈ 1, where 1.9 still holds) and caught 4.7 % of
    // cases (P(a run of 300 with none) ≈ 5e-7, two full soaks).
    arbitrary: () => logRArb({ min: -4, max: Math.log10(0.5) }),
    check: ({ logR }) => antiConcentration(logR, 1.9),
  },
});

// ---------------------------------------------------------------------------------------------
// (iii) Lemma 2.5 / (2.11): E|S_i⊥| = Σ_r Pr(A_ir) = m·erf(R/√2) ≤ 2mR/√(2π), over random W(0).
//
// Samples: the units r of independent inits are i.i.d., so each unit's fraction c_r/n, with
// c_r = #{i : |w_r(0)ᵀx_i| < R}, is one independent sample (the i's of one unit are correlated through
// w_r; the se accounts for it). Inits are added until ≥ `minEvents` events are expected, so the
// Poisson-like total is close to normal (skewness ≤ 1/√2000 ≈ 0.02) and there are ≥ 1000 samples
// (t ≈ normal). Bands use the normal quantile at a nominal 1e-7 (Bonferroni over the cases), leaving a
// 10× allowance for the remaining skewness / t corrections (one-term Edgeworth factor ≲ 2 at 5.5 se):
// false alarm ≤ 1e-6.

interface MeanBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; m: IntRange; logR: { min: number; max: number }; minEvents: number }
interface MeanCase { n: number; d: number; m: number; logR: number; seed: number }

const meanArb = (b: MeanBudget) => fc.record({
  n: intIn(b.n), d: intIn(b.d), m: intIn(b.m),
  logR: fc.double({ min: b.logR.min, max: b.logR.max, noNaN: true, noDefaultInfinity: true }), seed: seedArb,
});

/** Normal quantile z with Φ(z) = 1 − tail (bisection; tails down to ~1e-15). */
const upperQuantile = (tail: number) => bisect(normalCdf, 1 - tail, 0, 40);

/** Per-unit fractions c_r/n over enough independent inits of one dataset (see above). */
function unitFractions(c: MeanCase, minEvents: number) {
  const r = rng(c.seed);
  const X = sphereInputs(r.stream('data'), c.n, c.d);
  const R = 10 ** c.logR;
  const inits = Math.max(10, Math.ceil(minEvents / (c.m * c.n * erf(R / Math.SQRT2))));
  const f = new Float64Array(inits * c.m);
  for (let s = 0; s < inits; s++) {
    const p = initTwoLayer(r.stream('init').stream(String(s)), c.m, c.d);
    const Z = preActivations(p.W, X);
    for (let u = 0; u < c.m; u++) {
      let k = 0;
      for (let i = 0; i < c.n; i++) if (Math.abs(Z[u * c.n + i]) < R) k++;
      f[s * c.m + u] = k / c.n;
    }
  }
  return { f, inits, R };
}

const meanBudget = (runs: number, minEvents: number, mMax: number): MeanBudget => ({
  runs, minEvents, n: { min: 5, max: 20 }, d: { min: 2, max: 10 }, m: { min: 100, max: mMax }, logR: { min: -2, max: Math.log10(0.5) },
});

/** One-sided: mean ≤ bound + k·se with k the one-sided normal quantile at 1e-7/runs. */
function fractionAtMost(c: MeanCase, b: MeanBudget, constant: number) {
  const { f, inits, R } = unitFractions(c, b.minEvents);
  const mu = mean(f), se = standardError(f), k = upperQuantile(1e-7 / b.runs);
  const bound = (constant * R) / SQRT_2PI;
  return verdict.meanWithin({ mean: mu, se, claimed: bound, k, side: 'atMost' },
    `n=${c.n} d=${c.d} m=${c.m} R=${R.toExponential(3)}, ${inits} inits: mean fraction ${mu.toExponential(4)} ± ${se.toExponential(2)} (se), ${constant}R/√(2π) = ${bound.toExponential(4)}, exact erf(R/√2) = ${erf(R / Math.SQRT2).toExponential(4)}, k = ${k.toFixed(2)}`);
}

export const fractionBound = claim({
  id: 'thesis.ch2.lemma2.5.mean-bound',
  source: '002 thesis, Lemma 2.5 / (2.11) and Lemma 2.2 proof (catalog 002a §3.15 (ii)–(iii), §3.23)',
  statement: 'E[(1/mn) Σ_i |S_i⊥|] = E[fraction of (i, r) with |w_r(0)ᵀx_i| < R] ≤ 2R/√(2π) (R ∈ [0.01, 0.5])',
  kind: 'statistical',
  rationale: 'one-sided test: mean over ≥ 1000 i.i.d. units ≤ 2R/√(2π) + k·se, k = one-sided normal quantile at 1e-7/runs (≈ 5.6 at 10 cases), '
    + 'with ≥ 2000 expected events per case; the true mean erf(R/√2) is below the bound, so the false alarm is ≤ 1e-6 after a 10× allowance for skewness',
  budget: { quick: meanBudget(10, 2000, 500), default: meanBudget(30, 4000, 1000), deep: meanBudget(100, 10000, 2000) },
  arbitrary: meanArb,
  check: (c, b) => fractionAtMost(c, b, 2),
  negativeControl: {
    describe: 'the bound with half the constant, R/√(2π) (the one-sided |z| < R density slip)',
    check: (c, b) => fractionAtMost(c, b, 1),
  },
});

function fractionNear(c: MeanCase, b: MeanBudget, target: (R: number) => number, label: string) {
  const { f, inits, R } = unitFractions(c, b.minEvents);
  const k = upperQuantile(1e-7 / (2 * b.runs));
  const mu = mean(f), se = standardError(f), t = target(R);
  return verdict.meanWithin({ mean: mu, se, claimed: t, k },
    `n=${c.n} d=${c.d} m=${c.m} R=${R.toExponential(3)}, ${inits} inits: mean fraction ${mu.toExponential(4)} ± ${se.toExponential(2)} (se) vs ${label} ${t.toExponential(4)}, band ${k.toFixed(2)} se`);
}

export const fractionExact = claim({
  id: 'thesis.ch2.lemma2.5.exact-mean',
  source: '002 thesis, (2.11) (catalog 002a §3.23 recipe 1)',
  statement: 'E Σ_i |S_i⊥| = mn·erf(R/√2) exactly: the mean fraction of (i, r) with |w_r(0)ᵀx_i| < R equals erf(R/√2) (R ∈ [0.01, 1.5])',
  kind: 'statistical',
  rationale: 'w_r(0)ᵀx_i ~ N(0, 1) for unit x_i. Two-sided band k·se, k = normal quantile at 1e-7/(2·runs) (≈ 5.7 at 10 cases), ≥ 1000 i.i.d. units and ≥ 2000 expected events: '
    + 'family-wise false alarm ≤ 1e-6 with a 10× skewness allowance. Thesis (2.11); catalog 002a §3.23: 159.10 vs exact 159.57 (4-se band)',
  budget: {
    quick: { ...meanBudget(10, 2000, 500), logR: { min: -2, max: Math.log10(1.5) } },
    default: { ...meanBudget(30, 4000, 1000), logR: { min: -2, max: Math.log10(1.5) } },
    deep: { ...meanBudget(100, 10000, 2000), logR: { min: -2, max: Math.log10(1.5) } },
  },
  arbitrary: meanArb,
  check: (c, b) => fractionNear(c, b, (R) => erf(R / Math.SQRT2), 'erf(R/√2)'),
  negativeControl: {
    describe: 'the bound taken as the value, mean = 2R/√(2π), at R ∈ [0.8, 1.5]',
    arbitrary: (b) => meanArb({ ...b, logR: { min: Math.log10(0.8), max: Math.log10(1.5) } }),
    check: (c, b) => fractionNear(c, b, (R) => (2 * R) / SQRT_2PI, '2R/√(2π)'),
  },
});

// ---------------------------------------------------------------------------------------------
// (iv) Deterministic uniform bound over the R-ball (thesis Lemma 2.2; catalog 002a §3.15 recipe 3, derived form of the
// Lemma 2.2 proof's step (iii)): for every W with ‖w_r − w_r(0)‖ ≤ R for all r,
//   Σ_ij |H_ij(W) − H_ij(0)| ≤ Z(R) = (1/m) Σ_ij |x_iᵀx_j| Σ_r I{|w_r(0)ᵀx_i| ≤ R ∨ |w_r(0)ᵀx_j| ≤ R},
// and hence ‖H(W) − H(0)‖₂ ≤ Z(R) (‖·‖₂ ≤ ‖·‖_F ≤ Σ|·|).

/** Z(R) (mode 'or', the bound) or the false variant with both patterns required to change ('and'). */
function zOfR(p: TwoLayerParams, X: Matrix, R: number, mode: 'or' | 'and'): number {
  const m = p.W.rows, n = X.rows, d = X.cols;
  const Z = preActivations(p.W, X);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let cnt = 0;
      for (let r = 0; r < m; r++) {
        const ai = Math.abs(Z[r * n + i]) <= R, aj = Math.abs(Z[r * n + j]) <= R;
        if (mode === 'or' ? ai || aj : ai && aj) cnt++;
      }
      if (cnt === 0) continue;
      let g = 0;
      for (let k = 0; k < d; k++) g += X.data[i * d + k] * X.data[j * d + k];
      total += (Math.abs(g) * cnt) / m;
    }
  }
  return total;
}

/** The random perturbations of recipe 3 (directions uniform, radii uniform in [0, R]). */
function randomPerturbation(p: TwoLayerParams, R: number, g: Rng): TwoLayerParams {
  const q = cloneParams(p);
  const m = p.W.rows, d = p.W.cols;
  const v = new Float64Array(d);
  for (let r = 0; r < m; r++) {
    g.sphere(d, v);
    const rad = R * g.uniform();
    for (let k = 0; k < d; k++) q.W.data[r * d + k] += rad * v[k];
  }
  return q;
}

/** Recipe 3's adversarial move: every w_r by exactly R along −sgn(w_r(0)ᵀx_{i*}) x_{i*}. */
function adversarialPerturbation(p: TwoLayerParams, X: Matrix, R: number, iStar: number): TwoLayerParams {
  const q = cloneParams(p);
  const m = p.W.rows, d = p.W.cols;
  const x = X.data.subarray(iStar * d, iStar * d + d);
  for (let r = 0; r < m; r++) {
    let z = 0;
    for (let k = 0; k < d; k++) z += p.W.data[r * d + k] * x[k];
    const s = z >= 0 ? 1 : -1;
    for (let k = 0; k < d; k++) q.W.data[r * d + k] -= R * s * x[k];
  }
  return q;
}

/**
 * A per-unit adversarial move: each unit whose pattern at its own nearest input i (smallest
 * |w_r(0)ᵀx_i|) is `on` (z ≥ 0) or `off` moves by exactly R along −sgn(w_r(0)ᵀx_i) x_i, so it flips
 * there, all in one direction (the others stay). A unit near one input only then changes H_ij for
 * every j where it is active, with one sign for all units (no cancellation in Σ_r): the pairs Z(R)
 * counts through the ∨ and Z∧(R) does not — what makes the ∧-count fail on nearly every case.
 */
function nearestFlipPerturbation(p: TwoLayerParams, X: Matrix, R: number, flip: 'on' | 'off'): TwoLayerParams {
  const q = cloneParams(p);
  const m = p.W.rows, d = p.W.cols, n = X.rows;
  for (let r = 0; r < m; r++) {
    let best = Infinity, iBest = 0, zBest = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let k = 0; k < d; k++) z += p.W.data[r * d + k] * X.data[i * d + k];
      if (Math.abs(z) < best) { best = Math.abs(z); iBest = i; zBest = z; }
    }
    const s = zBest >= 0 ? 1 : -1;
    if ((s > 0) !== (flip === 'on')) continue;
    for (let k = 0; k < d; k++) q.W.data[r * d + k] -= R * s * X.data[iBest * d + k];
  }
  return q;
}

interface BallBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; m: IntRange; radii: number[]; randomPerturbations: number }
interface BallCase { n: number; d: number; m: number; R: number; seed: number }

const ballArb = (b: BallBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: intIn(b.m), R: oneOfValues(b.radii), seed: seedArb });

function uniformBound(c: BallCase, b: BallBudget, mode: 'or' | 'and') {
  const r = rng(c.seed);
  const X = sphereInputs(r.stream('data'), c.n, c.d);
  const p = initTwoLayer(r.stream('init'), c.m, c.d);
  const H0 = empiricalGram(p, X);
  const bound = zOfR(p, X, c.R, mode);
  const pert = r.stream('perturb');
  let worstSum = 0, worstNorm = 0, worstWhich = '';
  const consider = (q: TwoLayerParams, which: string) => {
    const D = subtract(empiricalGram(q, X), H0);
    let s = 0;
    for (let k = 0; k < D.data.length; k++) s += Math.abs(D.data[k]);
    const nrm = spectralNorm(D);
    if (s > worstSum) { worstSum = s; worstWhich = which; }
    worstNorm = Math.max(worstNorm, nrm);
  };
  for (let t = 0; t < b.randomPerturbations; t++) consider(randomPerturbation(p, c.R, pert), 'random');
  for (let i = 0; i < c.n; i++) consider(adversarialPerturbation(p, X, c.R, i), `adversarial i*=${i}`);
  for (const flip of ['on', 'off'] as const) consider(nearestFlipPerturbation(p, X, c.R, flip), `per-unit flip of the ${flip} units`);
  // Entries are (x_iᵀx_j·count)/m in both H's, so Σ|ΔH| and Z agree to a few ulps per entry.
  const tol = 1e-12 * (1 + bound);
  return verdict.atMost(Math.max(worstSum, worstNorm), bound + tol,
    `n=${c.n} d=${c.d} m=${c.m} R=${c.R}: max Σ|ΔH| ${worstSum.toFixed(4)} (${worstWhich}), max ‖ΔH‖₂ ${worstNorm.toFixed(4)}, ${mode === 'or' ? 'Z(R)' : 'Z∧(R)'} ${bound.toFixed(4)}`);
}

const ballBudget = (runs: number, mMax: number, k: number): BallBudget => ({
  runs, n: { min: 2, max: 20 }, d: { min: 2, max: 10 }, m: { min: 10, max: mMax }, radii: [0.01, 0.05, 0.2], randomPerturbations: k,
});

export const ballBound = claim({
  id: 'thesis.ch2.lemma2.2.uniform-bound',
  source: '002 thesis, Lemma 2.2 proof, step (iii) in deterministic form (catalog 002a §3.15 recipe 3)',
  statement: 'for every W with max_r ‖w_r − w_r(0)‖ ≤ R: Σ_ij |H_ij(W) − H_ij(0)| ≤ Z(R) and ‖H(W) − H(0)‖₂ ≤ Z(R) (random and adversarial W: all units toward one input, or each unit across its nearest input)',
  kind: 'bound',
  rationale: 'H_ij changes only through units whose pattern at i or j can change, i.e. |w_r(0)ᵀx_i| ≤ R or |w_r(0)ᵀx_j| ≤ R, each by ≤ |x_iᵀx_j|/m. '
    + 'Tolerance 1e-12(1 + Z) covers entry round-off. Reference run (n=20, m=500): max Σ|ΔH| 0.082/0.240/0.515 vs Z 1.76/7.64/29.4 for random moves',
  budget: { quick: ballBudget(20, 500, 10), default: ballBudget(60, 1000, 30), deep: ballBudget(200, 2000, 50) },
  arbitrary: ballArb,
  check: (c, b) => uniformBound(c, b, 'or'),
  negativeControl: {
    describe: 'Z∧(R): counting a unit only when both patterns i and j can change (∧ for ∨)',
    arbitrary: (b) => ballArb({ ...b, n: { min: 5, max: b.n.max }, m: { min: 50, max: b.m.max }, radii: [0.02, 0.05] }),
    check: (c, b) => uniformBound(c, b, 'and'),
  },
});

