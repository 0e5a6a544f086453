/**
 * Thesis Assumption 2.1: the population Gram matrix H∞_ij = E_w[x_iᵀx_j I{wᵀx_i ≥ 0, wᵀx_j ≥ 0}]
 * and its closed form x_iᵀx_j (π − θ_ij)/(2π) (derived, not in the thesis; catalog 002a §2.2, §3.10, §3.27 check 1; ranking
 * rank 3): Monte-Carlo agreement (also for non-unit norms), the exact diagonal ½‖x_i‖², the arcsine
 * form of κ, and positive semi-definiteness with λ0 ≤ mean diagonal.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { rowAngle } from '../../src/core/geometry.ts';
import { symmetricEigenvalues } from '../../src/core/linalg.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { bisect, normalCdf } from '../../src/core/special.ts';
import { intIn, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereInputs } from '../../src/data/sphere.ts';
import { arccosKernel0, gramInfinity } from '../../src/kernels/arccos.ts';
import { gramMonteCarlo } from '../../src/kernels/monte-carlo.ts';

interface DataCase { n: number; d: number; scaled: boolean; seed: number }

/** Unit inputs (no two within acos(0.999) of a common line), or the same rows rescaled by s_i ∈ [0.5, 2]. */
function inputs({ n, d, scaled, seed }: DataCase, minAngle = Math.acos(0.999)): Matrix {
  const r = rng(seed);
  const X = sphereInputs(r.stream('data'), n, d, minAngle);
  if (scaled) {
    const g = r.stream('norms');
    for (let i = 0; i < n; i++) {
      const s = g.uniformIn(0.5, 2);
      for (let k = 0; k < d; k++) X.data[i * d + k] *= s;
    }
  }
  return X;
}

const sqNorm = (X: Matrix, i: number) => { let s = 0; for (let k = 0; k < X.cols; k++) s += X.data[i * X.cols + k] ** 2; return s; };
const rowDot = (X: Matrix, i: number, j: number) => { let s = 0; for (let k = 0; k < X.cols; k++) s += X.data[i * X.cols + k] * X.data[j * X.cols + k]; return s; };

/** The worse (larger slack) of several verdicts; holds only if all hold (verdict.allOf). */
function worst(...vs: Verdict[]): Verdict {
  return verdict.allOf(vs);
}

// ---------------------------------------------------------------------------------------------
// (1) Closed form = Monte-Carlo mean (thesis Assumption 2.1, proof of Theorem 2.1; catalog 002a §3.10 check 1, §2.2 table row 1, §3.27 check 1).

interface MCBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; samples: number }

/**
 * Band half-width in per-entry standard errors: the two-sided normal quantile at
 * 1e-6 / (runs · n(n+1)/2) for the budget's largest n (Bonferroni over every distinct entry of
 * every case), so the family-wise false alarm of the whole claim is ≤ 1e-6. ≈ 6.0 at the quick
 * budget (6 cases, n ≤ 12), ≈ 6.2 at default (10 cases, n ≤ 16).
 */
function bandSe(b: MCBudget): number {
  const tests = b.runs * (b.n.max * (b.n.max + 1)) / 2;
  return bisect(normalCdf, 1 - 1e-6 / (2 * tests), 0, 40);
}

/** max_{i≤j} |Ĥ_ij − K_ij| / se_ij against the band, for a candidate closed form K. */
function monteCarloCheck(c: DataCase, b: MCBudget, K: Matrix, label: string): Verdict {
  const X = inputs(c);
  const mc = gramMonteCarlo(rng(c.seed).stream('mc'), X, b.samples);
  const n = c.n, k = bandSe(b);
  // Every entry is a mean within k se of its closed form; the case's verdict is its worst entry's.
  let worst: Verdict | null = null, worstAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const mean = mc.mean.data[i * n + j], claimed = K.data[i * n + j];
      worstAbs = Math.max(worstAbs, Math.abs(mean - claimed));
      const v = verdict.meanWithin({ mean, se: mc.se.data[i * n + j], claimed, k }, `entry (${i},${j})`);
      if (worst === null || v.slack > worst.slack) worst = v;
    }
  }
  const w = worst as Verdict;
  return { ...w, detail: `n=${n} d=${c.d}${c.scaled ? ' norms∈[0.5,2]' : ' unit'}, M=${b.samples}: ${label}, max |Ĥ−K| ${worstAbs.toExponential(2)}, worst ${w.detail}` };
}

/** The common slip (π − θ)/π in place of (π − θ)/(2π) (thesis Assumption 2.1; catalog 002a §3.10 negative control). */
function wrongKernel(X: Matrix): Matrix {
  const n = X.rows, K = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const theta = i === j ? 0 : rowAngle(X, i, j);
      K.data[i * n + j] = (rowDot(X, i, j) * (Math.PI - theta)) / Math.PI;
    }
  }
  return K;
}

const mcBudget = (runs: number, nMax: number, dMax: number, samples: number): MCBudget => ({ runs, samples, n: { min: 2, max: nMax }, d: { min: 2, max: dMax } });
const dataArb = (b: { n: IntRange; d: IntRange }) => fc.record({ n: intIn(b.n), d: intIn(b.d), scaled: fc.boolean(), seed: seedArb });

export const hInfMonteCarlo = claim({
  id: 'thesis.ch2.assumption2.1.monte-carlo',
  source: '002 thesis, Assumption 2.1 (H∞ definition) and §2.6 feature map (catalog 002a §2.2, §3.10 check 1, §3.27 check 1)',
  statement: 'H∞_ij = x_iᵀx_j (π − θ_ij)/(2π) equals the Monte-Carlo mean (1/M) Σ_s x_iᵀx_j I{w_sᵀx_i ≥ 0, w_sᵀx_j ≥ 0} = H(0) at width M, entrywise, for unit and non-unit inputs',
  kind: 'statistical',
  rationale: 'per entry the samples are x_iᵀx_j·Bernoulli(p_ij), p_ij ≥ 0.007 (line angles ≥ acos 0.999), so np ≥ 700 and the mean is close to normal; '
    + 'band = per-entry sample se × the Bonferroni two-sided normal quantile at 1e-6/(runs·n(n+1)/2) (≈ 6.0 quick, 6.2 default), family-wise false alarm ≤ 1e-6. '
    + 'Not in the thesis; catalog 002a §2.2: M = 4e5 gave max error 1.16e-3 (1.5 sd) on 400 entries',
  budget: { quick: mcBudget(6, 12, 8, 100_000), default: mcBudget(10, 16, 10, 200_000), deep: { ...mcBudget(40, 30, 20, 2_000_000), d: { min: 3, max: 20 } } },
  arbitrary: dataArb,
  check: (c, b) => monteCarloCheck(c, b, gramInfinity(inputs(c)), 'K = closed form'),
  negativeControl: {
    describe: 'the slip (π − θ)/π for (π − θ)/(2π) (twice H∞)',
    check: (c, b) => monteCarloCheck(c, b, wrongKernel(inputs(c)), 'K = x_iᵀx_j(π − θ)/π'),
  },
});

// ---------------------------------------------------------------------------------------------
// (2) Exact diagonal: H∞_ii = ½‖x_i‖² (θ_ii = 0), symmetric (thesis Assumption 2.1; catalog 002a §2.2 table, §3.10 check 2).

interface ExactBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange }

// (‖x‖²·π)/(2π) is two correctly rounded operations away from ½‖x‖²: ≤ 2 ulp, i.e. 2⁻⁵²·‖x‖².
const DIAG_REL = 2 ** -52;

function diagonalCheck(X: Matrix, H: Matrix, label: string): Verdict {
  const n = X.rows;
  let err = 0, asym = 0;
  for (let i = 0; i < n; i++) {
    err = Math.max(err, Math.abs(H.data[i * n + i] - 0.5 * sqNorm(X, i)) / sqNorm(X, i));
    for (let j = 0; j < i; j++) asym = Math.max(asym, Math.abs(H.data[i * n + j] - H.data[j * n + i]));
  }
  return verdict.atMost(Math.max(err, asym), DIAG_REL, `n=${n} d=${X.cols}, ${label}: max |H_ii − ½‖x_i‖²|/‖x_i‖² ${err.toExponential(2)}, max asymmetry ${asym.toExponential(2)}`);
}

/** H∞ with θ from acos of the cosine, on the diagonal too (the §2.2 float trap). */
function acosGram(X: Matrix): Matrix {
  const n = X.rows, H = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const g = rowDot(X, i, j);
      const cos = Math.min(1, Math.max(-1, g / (Math.sqrt(sqNorm(X, i)) * Math.sqrt(sqNorm(X, j)))));
      H.data[i * n + j] = (g * (Math.PI - Math.acos(cos))) / (2 * Math.PI);
    }
  }
  return H;
}

const exactBudget = (runs: number, nMax: number, dMax: number): ExactBudget => ({ runs, n: { min: 1, max: nMax }, d: { min: 2, max: dMax } });

export const hInfDiagonal = claim({
  id: 'thesis.ch2.assumption2.1.diagonal',
  source: '002 thesis, Assumption 2.1 (catalog 002a §2.2 properties table, §3.10 check 2, §2.6 float trap)',
  statement: 'H∞_ii = ½‖x_i‖² (θ_ii = 0; ½ and tr H∞ = n/2 for unit data) and H∞ is exactly symmetric',
  kind: 'exact',
  rationale: 'tolerance 2⁻⁵² relative (two correctly rounded operations); the stable atan2 angle and θ_ii = 0 make it exact',
  budget: { quick: exactBudget(100, 30, 20), default: exactBudget(400, 60, 30), deep: exactBudget(2000, 100, 50) },
  arbitrary: dataArb,
  check: (c) => { const X = inputs(c, 0); return diagonalCheck(X, gramInfinity(X), c.scaled ? 'norms∈[0.5,2]' : 'unit'); },
  negativeControl: {
    describe: 'θ_ii from acos(x_iᵀx_i/‖x_i‖²): a cosine that rounds to 1 − 2⁻⁵³ gives θ ≈ 1.5e-8 and H_ii ≈ ½ − 2.4e-9',
    arbitrary: (b) => dataArb({ ...b, n: { min: 5, max: b.n.max } }),
    check: (c) => { const X = inputs(c, 0); return diagonalCheck(X, acosGram(X), 'acos angle'); },
  },
});

// ---------------------------------------------------------------------------------------------
// (3) κ(ρ) = ρ(π − arccos ρ)/(2π) = ρ/4 + ρ·arcsin(ρ)/(2π) (derived, not in the thesis; catalog 002a §2.2 table: measured 1.1e-16).

interface KappaBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange }
interface KappaCase { rho: number; n: number; d: number; seed: number }

// Scalar identity: both sides are ≤ ½ and built from a handful of correctly rounded operations plus
// acos/asin (≤ 1 ulp of π/2): error ≤ ~5e-16, tolerance 1e-15. Matrix: H∞ uses the atan2 angle of the
// normalized rows, the arcsine form the computed cosine; for |ρ| ≤ 0.999 (the data's line-angle
// floor) asin' ≤ 22.4, so ~1e-15 disagreement at most; tolerance 1e-14.
const KAPPA_TOL = 1e-15;
const KAPPA_MATRIX_TOL = 1e-14;

const kappaArcsin = (rho: number, sign: 1 | -1) => rho / 4 + (sign * rho * Math.asin(rho)) / (2 * Math.PI);

function kappaCheck(c: KappaCase, sign: 1 | -1): Verdict {
  const eScalar = Math.abs(kappaArcsin(c.rho, sign) - arccosKernel0(c.rho));
  const X = inputs({ n: c.n, d: c.d, scaled: false, seed: c.seed });
  const H = gramInfinity(X);
  let eMatrix = 0;
  for (let i = 0; i < c.n; i++) {
    for (let j = 0; j < c.n; j++) {
      const rho = Math.min(1, Math.max(-1, rowDot(X, i, j)));
      eMatrix = Math.max(eMatrix, Math.abs(H.data[i * c.n + j] - kappaArcsin(i === j ? 1 : rho, sign)));
    }
  }
  const form = sign === 1 ? 'ρ/4 + ρ·asin ρ/(2π)' : 'ρ/4 − ρ·asin ρ/(2π)';
  return worst(
    verdict.atMost(eScalar, KAPPA_TOL, `ρ=${c.rho}: |${form} − κ(ρ)| = ${eScalar.toExponential(2)}`),
    verdict.atMost(eMatrix, KAPPA_MATRIX_TOL, `n=${c.n} d=${c.d} unit data: max |H∞_ij − (${form})(x_iᵀx_j)| = ${eMatrix.toExponential(2)}`),
  );
}

const kappaArb = (b: KappaBudget) => fc.record({
  rho: fc.double({ min: -1, max: 1, noNaN: true }), n: intIn(b.n), d: intIn(b.d), seed: seedArb,
});

export const hInfArcsin = claim({
  id: 'thesis.ch2.assumption2.1.kappa-arcsin',
  source: '002 thesis, Assumption 2.1 (catalog 002a §2.2 properties table, derived)',
  statement: 'κ(ρ) = ρ(π − arccos ρ)/(2π) = ρ/4 + ρ·arcsin(ρ)/(2π) on [−1, 1] (π − arccos ρ = π/2 + arcsin ρ), and H∞_ij = κ(x_iᵀx_j) for unit data',
  kind: 'exact',
  rationale: 'scalar tolerance 1e-15 (few ulps of ½; not in the thesis: catalog 002a §2.2 measured 1.1e-16); matrix tolerance 1e-14 (asin\' ≤ 22.4 at |ρ| ≤ 0.999)',
  budget: { quick: { runs: 200, n: { min: 1, max: 20 }, d: { min: 3, max: 10 } }, default: { runs: 1000, n: { min: 1, max: 30 }, d: { min: 3, max: 10 } }, deep: { runs: 5000, n: { min: 1, max: 60 }, d: { min: 3, max: 30 } } },
  arbitrary: kappaArb,
  check: (c) => kappaCheck(c, 1),
  negativeControl: {
    describe: 'the sign slip π − arccos ρ = π/2 − arcsin ρ',
    check: (c) => kappaCheck(c, -1),
  },
});

// ---------------------------------------------------------------------------------------------
// (4) H∞ ⪰ 0 and λ0 ≤ tr H∞/n (= ½ for unit data) (thesis Assumption 2.1; catalog 002a §2.2 table, §3.10 check 2).

interface PsdBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange }
interface PsdCase extends DataCase { duplicates: number; antipodes: number }

// The symmetric eigen-solver is accurate to ~1e-14‖H‖ absolute; singular H∞ (duplicated or > d
// antipodal rows, thesis Theorem 2.1) gives |λmin| ≤ 3e-16 with the atan2 angle (catalog 002a §2.6, §2.2).
const PSD_TOL = 1e-14;

/** Inputs with no angle floor, some rows duplicated and some negated: PSD must survive all of it. */
function hardInputs(c: PsdCase): Matrix {
  const X = inputs(c, 0);
  const d = c.d;
  for (let t = 0; t < c.duplicates && 2 * t + 1 < c.n; t++) X.data.copyWithin((2 * t + 1) * d, 2 * t * d, 2 * t * d + d);
  for (let t = 0; t < c.antipodes && t < c.n - 1; t++) {
    const dst = (c.n - 1 - t) * d, src = t * d;
    for (let k = 0; k < d; k++) X.data[dst + k] = -X.data[src + k];
  }
  return X;
}

function psdCheck(X: Matrix, H: Matrix, label: string): Verdict {
  const ev = symmetricEigenvalues(H);
  const lmin = ev[0], lmax = ev[ev.length - 1];
  let tr = 0;
  for (let i = 0; i < X.rows; i++) tr += H.data[i * X.rows + i];
  const detail = `n=${X.rows} d=${X.cols}, ${label}: λmin ${lmin.toExponential(3)}, λmax ${lmax.toFixed(4)}, tr/n ${(tr / X.rows).toFixed(4)}`;
  return worst(
    verdict.atMost(-lmin, PSD_TOL * Math.max(1, lmax), detail),
    // Equality holds when H∞ = cI (e.g. one antipodal pair): allow the solver's error there too.
    verdict.atMost(lmin, tr / X.rows + PSD_TOL * Math.max(1, lmax), detail),
  );
}

/** The slip θ/(2π) — the probability that the two patterns disagree — in place of (π − θ)/(2π). */
function disagreementGram(X: Matrix): Matrix {
  const n = X.rows, K = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) K.data[i * n + j] = i === j ? 0 : (rowDot(X, i, j) * rowAngle(X, i, j)) / (2 * Math.PI);
  }
  return K;
}

const psdArb = (b: PsdBudget) => fc.record({
  n: intIn(b.n), d: intIn(b.d), scaled: fc.boolean(), seed: seedArb,
  duplicates: fc.integer({ min: 0, max: 2 }), antipodes: fc.integer({ min: 0, max: 4 }),
});

export const hInfPsd = claim({
  id: 'thesis.ch2.assumption2.1.psd',
  source: '002 thesis, Assumption 2.1 / §2.6 (H∞ is a Gram matrix of φ(x_i) in L²) (catalog 002a §2.2 properties table, §3.10 check 2)',
  statement: 'H∞ ⪰ 0 for any nonzero inputs (duplicates and antipodal rows included), and λ0 ≤ tr H∞/n (= ½ for unit data)',
  kind: 'bound',
  rationale: 'λmin ≥ −1e-14·max(1, λmax): the eigen-solver\'s absolute accuracy (singular cases measure ≤ 3e-16). λmin ≤ mean eigenvalue = tr/n (same tolerance; equality for H∞ = cI, e.g. one antipodal pair)',
  budget: { quick: { runs: 100, n: { min: 2, max: 30 }, d: { min: 2, max: 10 } }, default: { runs: 400, n: { min: 2, max: 50 }, d: { min: 2, max: 20 } }, deep: { runs: 2000, n: { min: 2, max: 100 }, d: { min: 2, max: 50 } } },
  arbitrary: psdArb,
  check: (c) => { const X = hardInputs(c); return psdCheck(X, gramInfinity(X), `${c.duplicates} dup, ${c.antipodes} antipodal`); },
  negativeControl: {
    describe: 'the disagreement kernel x_iᵀx_j·θ_ij/(2π) in place of x_iᵀx_j(π − θ_ij)/(2π) (zero diagonal: indefinite)',
    check: (c) => { const X = hardInputs(c); return psdCheck(X, disagreementGram(X), 'θ/(2π) kernel'); },
  },
});

