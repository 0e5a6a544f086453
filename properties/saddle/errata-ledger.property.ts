/**
 * Thesis Chapter 7, the numeric errata of catalog 002e that had no claim (issue 13, the errata
 * ledger; src/errata/sources/002e.ts): E5 (the escaped-coordinate update), E6 (the union (7.12) runs
 * to d), E12 (the experiments' η = 1/(4L) against Theorem 7.3's η ≤ 1/ℓ), E16 (g of total degree
 * ≤ 5) and E21 (the transition step bounded above by x_j + 2ηγτ). Each is `falsified`: `check` is
 * the printed statement, `corrected` what holds instead, evaluated on the shrunk counterexample.
 *
 * Cases are small integers, and every case of every claim refutes the print (the printed statement
 * is wrong on the whole case space), so the counterexample is found under any seed and shrinks to
 * the smallest grid point.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import {
  g1, g2, lemma74Glue, minimumPoint, octopus, octopusObjective, octopusValueGrad, pieceOf, transitionGridSup, transitionHessianNorm,
} from '../../src/models/octopus.ts';
import { gdStep } from '../../src/train/gd.ts';
import { boundsVerdict } from './support.ts';

const TAU = Math.E;
const BUDGET = { quick: { runs: 60 }, default: { runs: 300 }, deep: { runs: 1500 } };

/** L = Lq/4 ∈ [1, 5] and γ = L·ratioQ/100 ∈ [0.05L, L] (the source assumes L ≥ γ; the octopus needs 2L > γ). */
interface Consts { Lq: number; ratioQ: number }
const constsArb = { Lq: fc.integer({ min: 4, max: 20 }), ratioQ: fc.integer({ min: 5, max: 100 }) };
function consts(c: Consts): { L: number; gamma: number } {
  const L = c.Lq / 4;
  return { L, gamma: (L * c.ratioQ) / 100 };
}

// ---------------------------------------------------------------------------------------------
// E5: Lemma 7.2 proof and §7.7.2, "x_j^(t+1) = (1 − ηL)x_j^(t) − 4ηLτ for 1 ≤ j ≤ k".

interface EscapedCase extends Consts { cq: number; k: number; xq: number; aq: number }

/** One GD step from a saddle-piece point: k escaped coordinates x_j = τ(2 + 4xq/100) ∈ [2τ, 6τ], current x_k = τ·aq/100, one trailing τ/2; η = cq/(100L) < 1/(2L). */
function escapedStep(c: EscapedCase) {
  const { L, gamma } = consts(c);
  const d = c.k + 2, o = octopus(d, L, gamma, TAU), eta = c.cq / (100 * L);
  const x = new Float64Array(d);
  for (let j = 0; j < c.k; j++) x[j] = TAU * (2 + (4 * c.xq) / 100);
  x[c.k] = (TAU * c.aq) / 100;
  x[c.k + 1] = TAU / 2;
  const piece = pieceOf(o, x);
  if (piece.kind !== 'saddle' || piece.k !== c.k) throw new Error(`E5 case construction: expected saddle piece ${c.k}, got ${piece.kind}@${piece.k}`);
  return { L, gamma, eta, x, x1: gdStep(octopusObjective(o), x, eta) };
}

function updateVerdict(c: EscapedCase, form: (x: number, eta: number, L: number) => number, label: string): Verdict {
  const { L, gamma, eta, x, x1 } = escapedStep(c);
  const vs: Verdict[] = [];
  for (let j = 0; j < c.k; j++) {
    const want = form(x[j], eta, L);
    // 1e-12 relative: one float64 GD step on a quadratic piece rounds at ~1e-16 relative.
    vs.push(verdict.near(x1[j], want, 1e-12 * Math.max(1, Math.abs(want)), `j=${j}: x_j ${x[j].toPrecision(8)} → ${x1[j].toPrecision(12)} vs ${label} ${want.toPrecision(12)}`));
  }
  return verdict.allOf(vs, `L=${L} γ=${gamma} η=${eta.toPrecision(4)} (ηL=${(eta * L).toFixed(2)}) k=${c.k}`);
}

export const lemma72EscapedUpdate = claim({
  id: 'thesis.ch7.lemma7.2.escaped-update-as-printed',
  source: '002 thesis, Lemma 7.2 proof and §7.7.2 (catalog C-21, erratum E5)',
  statement: 'as printed: while GD escapes saddle k, each escaped coordinate (|x_j| ≥ 2τ, j before the current one) updates as x_j^(t+1) = (1 − ηL)x_j^(t) − 4ηLτ',
  kind: 'falsified',
  rationale: 'on an escaped coordinate f = L(x_j − 4τ)² + …, so the step is x_j − 2ηL(x_j − 4τ) = (1 − 2ηL)x_j + 8ηLτ; the printed form is off by ηL(12τ − x_j) ≥ 6ηLτ on [2τ, 6τ]',
  budget: BUDGET,
  arbitrary: () => fc.record({
    ...constsArb, cq: fc.integer({ min: 1, max: 49 }), k: fc.integer({ min: 1, max: 3 }), xq: fc.integer({ min: 0, max: 100 }), aq: fc.integer({ min: 0, max: 100 }),
  }),
  check: (c) => updateVerdict(c, (x, eta, L) => (1 - eta * L) * x - 4 * eta * L * TAU, 'printed (1 − ηL)x − 4ηLτ'),
  // Corrected (proof of Lemma 7.2 and §7.7.2; catalog 002e E5): x_j − 4τ contracts by (1 − 2ηL), for the escaped coordinates j ≤ k − 1 (1-based).
  corrected: (c) => updateVerdict(c, (x, eta, L) => (1 - 2 * eta * L) * x + 8 * eta * L * TAU, '(1 − 2ηL)x + 8ηLτ'),
});

// ---------------------------------------------------------------------------------------------
// E6: (7.12), D = ∪_{i=1}^{d} D_i (the final basin i = d + 1 of (7.5) omitted).

interface MinCase extends Consts { d: number; mask: number }

/**
 * Exact Euclidean distance from x to the mirrored piece D_i (1-based i ≤ d: |x_j| ∈ [2τ, 6τ] for
 * j < i, |x_i| ≤ 2τ, |x_j| ≤ τ for j > i; i = d + 1: |x_j| ∈ [2τ, 6τ] for all j). Each piece is a
 * product of coordinate sets {|x_j| ∈ [lo, hi]}, so the distance separates by coordinate.
 */
function distToPiece(x: Float64Array, i: number): number {
  const d = x.length;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const a = Math.abs(x[j]);
    const [lo, hi] = j < i - 1 ? [2 * TAU, 6 * TAU] : j === i - 1 ? [0, 2 * TAU] : [0, TAU];
    s += Math.max(0, lo - a, a - hi) ** 2;
  }
  return Math.sqrt(s);
}

function distToUnion(x: Float64Array, upTo: number): number {
  let m = Infinity;
  for (let i = 1; i <= upTo; i++) m = Math.min(m, distToPiece(x, i));
  return m;
}

function minimumOf(c: MinCase) {
  const { L, gamma } = consts(c);
  const o = octopus(c.d, L, gamma, TAU);
  const signs = Array.from({ length: c.d }, (_, j) => ((c.mask >> j) & 1 ? -1 : 1));
  return { o, L, gamma, signs, x: minimumPoint(o, signs) };
}

export const eq712Union = claim({
  id: 'thesis.ch7.eq7.12.union-as-printed',
  source: '002 thesis, Eq. (7.12) (catalog C-22, erratum E6)',
  statement: 'as printed: the octopus domain D = ∪_{i=1}^{d} D_i (mirrored) contains the minimizers 4τσ of f',
  kind: 'falsified',
  rationale: 'the minimizers have every |x_j| = 4τ > 2τ, which only the final basin D_{d+1} of (7.5) allows: their distance to ∪_{i≤d} D_i is |x_d| − 2τ = 2τ',
  budget: BUDGET,
  arbitrary: () => fc.record({ ...constsArb, d: fc.integer({ min: 2, max: 5 }), mask: fc.integer({ min: 0, max: 31 }) }),
  check: (c) => {
    const { x, signs } = minimumOf(c);
    const dist = distToUnion(x, c.d);
    return verdict.atMost(dist, 1e-12 * TAU, `d=${c.d} signs ${signs.join(',')}: dist(4τσ, ∪_{i=1}^{d} D_i) = ${dist.toPrecision(8)} (2τ = ${(2 * TAU).toPrecision(8)})`);
  },
  // Corrected: with i = 1..d+1 the minimizer is in D (distance 0, and the evaluator's piece is the
  // basin), where ∇f = 0 and f = −dν (Lemma 7.1 mirrored).
  corrected: (c) => {
    const { o, x, signs } = minimumOf(c);
    const dist = distToUnion(x, c.d + 1);
    const g = new Float64Array(c.d);
    const f = octopusValueGrad(o, x, g);
    let gn = 0;
    for (let j = 0; j < c.d; j++) gn = Math.max(gn, Math.abs(g[j]));
    const piece = pieceOf(o, x);
    const scale = c.d * o.nu;
    return verdict.allOf([
      verdict.atMost(dist, 1e-12 * TAU, `dist(4τσ, ∪_{i=1}^{d+1} D_i) = ${dist} (piece ${piece.kind}@${piece.k})`),
      verdict.within(gn, 1e-12 * scale, `max |∂f| = ${gn}`),
      verdict.near(f, -c.d * o.nu, 1e-12 * scale, `f = ${f.toPrecision(12)} vs −dν = ${(-c.d * o.nu).toPrecision(12)}`),
    ], `d=${c.d} signs ${signs.join(',')}`);
  },
});

// ---------------------------------------------------------------------------------------------
// E12: §7.5 runs η = 1/(4L); Theorem 7.3 requires η ≤ 1/ℓ, ℓ the gradient-Lipschitz constant.

interface EtaCase { Lq: number }

const ellCache = new Map<number, number>();

/** A lower bound on ℓ_D (γ = 1, τ = e): the max of ‖∇²f‖ over a 101×51 grid of the transition region (a grid sup never exceeds the sup). */
function ellGrid(L: number): number {
  let v = ellCache.get(L);
  if (v === undefined) {
    v = transitionGridSup(lemma74Glue(L, 1, TAU), transitionHessianNorm, 100, 50).value;
    ellCache.set(L, v);
  }
  return v;
}

export const sec75StepSize = claim({
  id: 'thesis.ch7.sec7.5.step-size-as-printed',
  source: '002 thesis, §7.5 experiments vs Theorem 7.3 (catalog C-11, §4.1, erratum E12)',
  statement: 'as printed: the experiments\' step η = 1/(4L) (γ = 1, τ = e) is within Theorem 7.3\'s hypothesis η ≤ 1/ℓ, ℓ the gradient-Lipschitz constant of f on D',
  kind: 'falsified',
  rationale: 'ℓ ≥ ℓ_D ≈ 11.2L + 4 (derived, not in the thesis; catalog 002e §2.6: 15.54 at L = 1, 34.66 at L = e) > 4L, so 1/(4L) > 1/ℓ; the grid sup used is a lower bound on ℓ_D, so the refutation is rigorous',
  budget: BUDGET,
  arbitrary: () => fc.record({ Lq: fc.integer({ min: 4, max: 20 }) }),
  check: (c) => {
    const L = c.Lq / 4, eta = 1 / (4 * L), ell = ellGrid(L);
    return verdict.atMost(eta, 1 / ell, `L=${L} γ=1 τ=e: η = 1/(4L) = ${eta.toPrecision(6)} vs 1/ℓ ≤ 1/ℓ_grid = ${(1 / ell).toPrecision(6)} (ℓ_grid = ${ell.toPrecision(6)} vs 4L = ${4 * L})`);
  },
  // Corrected (catalog E12): the exponential-time argument (Lemmas 7.2–7.3) needs only η < 1/(2L), which 1/(4L) meets.
  corrected: (c) => {
    const L = c.Lq / 4, eta = 1 / (4 * L);
    return verdict.atMost(eta, 1 / (2 * L), `L=${L}: η = 1/(4L) = ${eta.toPrecision(6)} < 1/(2L) = ${(1 / (2 * L)).toPrecision(6)}`);
  },
});

// ---------------------------------------------------------------------------------------------
// E16: Remark 7.1, "g and g1 are polynomials with degrees bounded by five".

interface DegreeCase extends Consts { m: number }

/** g(a, y) = g1(a) + g2(a)y² on the line a = τ(1 + t), y = τ·(m/10)·t, t ∈ [0, 1] (inside the transition region). */
function gOnLine(c: DegreeCase) {
  const { L, gamma } = consts(c);
  const gl = lemma74Glue(L, gamma, TAU);
  const G = (t: number) => {
    const a = TAU * (1 + t), y = (TAU * c.m * t) / 10;
    return g1(gl, a) + g2(gl, a) * y * y;
  };
  return { L, gamma, K: L + gamma, G };
}

/** The n-th forward difference of G at 0 with step 1/n (so the points span t ∈ [0, 1]), and max |G| there. */
function forwardDiff(G: (t: number) => number, n: number): { diff: number; scale: number; h: number } {
  const h = 1 / n;
  let diff = 0, scale = 1, binom = 1;
  for (let i = 0; i <= n; i++) {
    const v = G(i * h);
    scale = Math.max(scale, Math.abs(v));
    diff += ((n - i) % 2 === 0 ? 1 : -1) * binom * v;
    binom = (binom * (n - i)) / (i + 1);
  }
  return { diff, scale, h };
}

/** Rounding allowance of an n-th difference: 2^n values of size ≤ scale, each with ~1e-14 relative error (generous). */
const diffTol = (n: number, scale: number) => 2 ** n * 1e-13 * scale;

export const rem71Degree = claim({
  id: 'thesis.ch7.rem7.1.glue-degree-as-printed',
  source: '002 thesis, Remark 7.1 (catalog C-18, erratum E16)',
  statement: 'as printed: g(x_i, x_{i+1}) = g1(x_i) + g2(x_i)x_{i+1}² is a polynomial of degree at most five (so its 6th difference along any line vanishes)',
  kind: 'falsified',
  rationale: 'g2 is a quintic in x_i (leading coefficient −6K/τ⁵), so g2(x_i)x_{i+1}² has total degree 7: on the line a = τ(1 + t), y = τmt/10 the t⁷ coefficient is −6Kτ²m²/100 ≠ 0',
  budget: BUDGET,
  arbitrary: () => fc.record({ ...constsArb, m: fc.integer({ min: 1, max: 10 }) }),
  check: (c) => {
    const { L, gamma, G } = gOnLine(c);
    const { diff, scale } = forwardDiff(G, 6);
    return verdict.within(Math.abs(diff), diffTol(6, scale), `L=${L} γ=${gamma} line y = ${c.m / 10}(a − τ): Δ⁶_{1/6} g = ${diff.toPrecision(8)} (a degree-≤5 polynomial gives 0)`);
  },
  // Corrected (Remark 7.1; catalog 002e E16): total degree exactly 7 (degree ≤ 5 in x_i alone): Δ⁷/(h⁷·7!) is the t⁷
  // coefficient −6Kτ²m²/100, and the 8th difference vanishes.
  corrected: (c) => {
    const { K, G } = gOnLine(c);
    const d7 = forwardDiff(G, 7), d8 = forwardDiff(G, 8);
    const c7 = (-6 * K * TAU * TAU * c.m * c.m) / 100;
    const lead = d7.diff / (d7.h ** 7 * 5040);
    return verdict.allOf([
      verdict.near(lead, c7, 1e-6 * Math.abs(c7), `t⁷ coefficient Δ⁷/(h⁷7!) = ${lead.toPrecision(10)} vs −6Kτ²m²/100 = ${c7.toPrecision(10)}`),
      verdict.within(Math.abs(d8.diff), diffTol(8, d8.scale), `Δ⁸_{1/8} g = ${d8.diff.toPrecision(4)}`),
    ], 'total degree 7');
  },
});

// ---------------------------------------------------------------------------------------------
// E21: Lemma 7.2 proof, transition step (j = k): "x_j^(t+1) ≤ x_j^(t) + 2ηγτ ≤ 6τ".

interface TransitionCase extends Consts { cq: number; k: number; sq: number; yq: number }

/** One GD step from a transition point: k escaped coordinates at 4τ, current x_k = τ(1 + sq/1000) ∈ (τ, 2τ), next x_{k+1} = τ·yq/100; η = cq/(100L). */
function transitionStep(c: TransitionCase) {
  const { L, gamma } = consts(c);
  const d = c.k + 2, o = octopus(d, L, gamma, TAU), eta = c.cq / (100 * L);
  const x = new Float64Array(d);
  for (let j = 0; j < c.k; j++) x[j] = 4 * TAU;
  x[c.k] = TAU * (1 + c.sq / 1000);
  x[c.k + 1] = (TAU * c.yq) / 100;
  const piece = pieceOf(o, x);
  if (piece.kind !== 'transition' || piece.k !== c.k) throw new Error(`E21 case construction: expected transition piece ${c.k}, got ${piece.kind}@${piece.k}`);
  const x1 = gdStep(octopusObjective(o), x, eta);
  return { L, gamma, eta, a: x[c.k], a1: x1[c.k], head: `L=${L} γ=${gamma} η=${eta.toPrecision(4)} k=${c.k} x_k=${(1 + c.sq / 1000).toFixed(3)}τ x_{k+1}=${(c.yq / 100).toFixed(2)}τ` };
}

export const lemma72TransitionStep = claim({
  id: 'thesis.ch7.lemma7.2.transition-step-as-printed',
  source: '002 thesis, Lemma 7.2 proof, transition step j = k (catalog C-21, erratum E21)',
  statement: 'as printed: on the transition piece (τ < x_k < 2τ) one GD step satisfies x_k^(t+1) ≤ x_k^(t) + 2ηγτ',
  kind: 'falsified',
  rationale: '∂g/∂x_k ≤ −2γτ (Lemma 7.4, true), strictly inside (τ, 2τ): the step increases x_k by at least 2ηγτ, so the printed upper bound fails on every transition point',
  budget: BUDGET,
  arbitrary: () => fc.record({
    ...constsArb, cq: fc.integer({ min: 1, max: 49 }), k: fc.integer({ min: 0, max: 2 }), sq: fc.integer({ min: 1, max: 999 }), yq: fc.integer({ min: 0, max: 100 }),
  }),
  check: (c) => {
    const s = transitionStep(c), bound = s.a + 2 * s.eta * s.gamma * TAU;
    return verdict.atMost(s.a1, bound, `${s.head}: x_k^(t+1) = ${s.a1.toPrecision(12)} vs x_k + 2ηγτ = ${bound.toPrecision(12)}`);
  },
  // Corrected (proof of Lemma 7.2, Lemma 7.4; catalog 002e E21, E2): x_k + 2ηγτ ≤ x_k^(t+1) ≤ x_k + η(5.95L + 3.99γ)τ.
  corrected: (c) => {
    const s = transitionStep(c);
    return boundsVerdict([
      { name: 'x_k^(t+1) ≥ x_k + 2ηγτ', value: s.a1, bound: s.a + 2 * s.eta * s.gamma * TAU, dir: 'ge', scale: 2 * TAU, tol: 1e-13 },
      { name: 'x_k^(t+1) ≤ x_k + η(5.95L + 3.99γ)τ', value: s.a1, bound: s.a + s.eta * (5.95 * s.L + 3.99 * s.gamma) * TAU, dir: 'le', scale: 2 * TAU, tol: 1e-13 },
    ], s.head);
  },
});
