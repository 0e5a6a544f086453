/**
 * Thesis (2.3) and footnote 1: the gradient of L(W) = Σ_i ½(u_i − y_i)² is
 *   ∂L/∂w_r = (1/√m) Σ_i (u_i − y_i) a_r x_i I{w_rᵀx_i ≥ 0}
 * (catalog 002a §2.1, §3.8; ranking rank 2): central finite differences away from kinks, and the
 * ≥ convention (σ'(0) = 1) at a constructed kink w_rᵀx_i = 0.
 */
import fc from 'fast-check';
import { gemmABt } from '../../src/core/blas.ts';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { type Rng, rng } from '../../src/core/rng.ts';
import { intIn, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import {
  type TwoLayerParams, activationPattern, initTwoLayer, predict, twoLayerGradient, twoLayerLoss,
} from '../../src/models/two-layer.ts';

interface Sizes { runs: number; controlRuns?: number; n: IntRange; d: IntRange; m: IntRange; coords: number }
interface Case { n: number; d: number; m: number; seed: number }

const sizes = (runs: number, nMax: number, dMax: number, mMax: number, coords: number): Sizes => ({
  runs, coords, n: { min: 1, max: nMax }, d: { min: 2, max: dMax }, m: { min: 1, max: mMax },
});
const caseArb = (b: Sizes) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: intIn(b.m), seed: seedArb });

/** Pre-activations w_rᵀx_i (m×n), computed here, independently of the model's forward pass. (core gemmABt, not the model's backend) */
function preActivations(W: Matrix, X: Matrix): Float64Array {
  const Z = zeros(W.rows, X.rows);
  gemmABt(W, X, Z);
  return Z.data;
}

// ---------------------------------------------------------------------------------------------
// (a) Gradient (2.3) = central finite differences, away from kinks (catalog §3.8 check 1, §2.6).

const H_STEP = 1e-6;
// Within an activation cell L is a quadratic in each coordinate, so the central difference has no
// truncation error; its round-off is ≈ ε·L/h ≈ 2e-10·L. Relative tolerance 1e-6 of max_k |g_k|
// (catalog: 1e-7 absolute, measured 5.1e-10 at n=20, d=10, m=200).
const REL_TOL = 1e-6;

/**
 * The case's network, re-drawn (deterministically, from further named streams) until no
 * pre-activation is within 10h of a kink, so every ±h move stays in one activation cell.
 */
function kinkFreeInstance(c: Case) {
  const r = rng(c.seed);
  const { X, y } = sphereDataset(r.stream('data'), c.n, c.d);
  for (let attempt = 0; attempt < 100; attempt++) {
    const p = initTwoLayer(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`), c.m, c.d);
    const Z = preActivations(p.W, X);
    let near = false;
    for (let t = 0; t < Z.length && !near; t++) if (Math.abs(Z[t]) < 10 * H_STEP) near = true;
    if (!near) return { X, y, p, r, attempt };
  }
  throw new Error('100 initializations all had a pre-activation within 10h of a kink');
}

/** Coordinates to probe: all m·d when there are at most `coords`, else `coords` drawn at random. */
function probeCoordinates(total: number, coords: number, g: Rng): number[] {
  if (total <= coords) return Array.from({ length: total }, (_, k) => k);
  return Array.from({ length: coords }, () => g.int(total));
}

function finiteDifferenceCheck(c: Case, b: Sizes, gradScale: (m: number) => number, label: string): Verdict {
  const { X, y, p, r, attempt } = kinkFreeInstance(c);
  const G = twoLayerGradient(p, X, y);
  // gradScale rescales the implemented gradient (1 for the claim; the control's 1/m-for-1/√m slip).
  const s = gradScale(c.m);
  let gMax = 0;
  for (let k = 0; k < G.data.length; k++) gMax = Math.max(gMax, Math.abs(s * G.data[k]));
  let err = 0, at = -1;
  const q: TwoLayerParams = { W: { rows: p.W.rows, cols: p.W.cols, data: Float64Array.from(p.W.data) }, a: p.a };
  for (const k of probeCoordinates(G.data.length, b.coords, r.stream('coords'))) {
    const w = q.W.data[k];
    q.W.data[k] = w + H_STEP;
    const lp = twoLayerLoss(q, X, y);
    q.W.data[k] = w - H_STEP;
    const lm = twoLayerLoss(q, X, y);
    q.W.data[k] = w;
    const fd = (lp - lm) / (2 * H_STEP);
    const e = Math.abs(fd - s * G.data[k]);
    if (e > err) { err = e; at = k; }
  }
  const rel = gMax > 0 ? err / gMax : err === 0 ? 0 : Infinity;
  const d = c.d;
  return verdict.atMost(rel, REL_TOL,
    `n=${c.n} d=${d} m=${c.m}${attempt ? ` (re-drawn ${attempt}×)` : ''}, ${label}: max |FD − g| / max|g| = ${rel.toExponential(2)}${at >= 0 ? ` at w_${Math.floor(at / d)}[${at % d}]` : ''}, max|g| ${gMax.toExponential(2)}`);
}

export const gradientFd = claim({
  id: 'thesis.ch2.eq2.3.gradient',
  source: '002 thesis, (2.3) and footnote 1 (catalog 002a §2.1, §3.8 check 1)',
  statement: '∂L/∂w_r = (a_r/√m) Σ_i (u_i − y_i) I{w_rᵀx_i ≥ 0} x_i matches central differences (h = 1e-6) away from kinks',
  kind: 'exact',
  rationale: 'no truncation error inside an activation cell (L is piecewise quadratic); round-off ε·L/h ≈ 2e-10·L. Tolerance 1e-6 relative to max|g| '
    + '(catalog: 1e-7 absolute, measured 5.1e-10). Cases with any |w_rᵀx_i| < 10h are re-drawn (catalog §2.6)',
  budget: { quick: sizes(30, 20, 10, 200, 24), default: sizes(100, 20, 10, 500, 48), deep: sizes(400, 40, 20, 2000, 96) },
  arbitrary: caseArb,
  check: (c, b) => finiteDifferenceCheck(c, b, () => 1, '(2.3)'),
  negativeControl: {
    describe: 'the gradient with 1/m in place of 1/√m (the mean-field scaling slip)',
    arbitrary: (b) => caseArb({ ...b, m: { min: 4, max: b.m.max } }),
    check: (c, b) => finiteDifferenceCheck(c, b, (m) => 1 / Math.sqrt(m), '(2.3) with 1/m'),
  },
});

// ---------------------------------------------------------------------------------------------
// (b) Footnote 1 / (2.3)'s I{· ≥ 0}: at a kink w_rᵀx_i = 0 exactly, sample i contributes to g_r
// (catalog §3.8 check 2, §2.6 "ties"). The kink is exact by construction: x_{i*} is supported on the
// first ⌈d/2⌉ coordinates and w_{r*} on the others, so every product in w_{r*}ᵀx_{i*} is ±0
// whatever the summation order.

function kinkInstance(c: Case) {
  const r = rng(c.seed);
  const { X, y } = sphereDataset(r.stream('data'), c.n, c.d);
  const p = initTwoLayer(r.stream('init'), c.m, c.d);
  const d = c.d, half = Math.ceil(d / 2);
  const iStar = 0, rStar = 0;
  let s = 0;
  for (let k = half; k < d; k++) X.data[iStar * d + k] = 0;
  for (let k = 0; k < half; k++) s += X.data[iStar * d + k] ** 2;
  for (let k = 0; k < half; k++) X.data[iStar * d + k] /= Math.sqrt(s);
  for (let k = 0; k < half; k++) p.W.data[rStar * d + k] = 0;
  return { X, y, p, iStar, rStar };
}

/** g_{r*} from the formula, with the ≥ (claim) or > (intro, E16) indicator. */
function formulaGradientRow(p: TwoLayerParams, X: Matrix, y: Float64Array, rStar: number, strict: boolean): Float64Array {
  const n = X.rows, d = X.cols, m = p.W.rows;
  const u = predict(p, X);
  const Z = preActivations(p.W, X);
  const g = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const z = Z[rStar * n + i];
    if (strict ? z > 0 : z >= 0) {
      const c = (p.a[rStar] / Math.sqrt(m)) * (u[i] - y[i]);
      for (let k = 0; k < d; k++) g[k] += c * X.data[i * d + k];
    }
  }
  return g;
}

function kinkCheck(c: Case, strict: boolean): Verdict {
  const { X, y, p, iStar, rStar } = kinkInstance(c);
  const n = c.n, d = c.d, m = c.m;
  const z = preActivations(p.W, X)[rStar * n + iStar];
  const active = activationPattern(p, X)[rStar * n + iStar];
  const G = twoLayerGradient(p, X, y);
  const expected = formulaGradientRow(p, X, y, rStar, strict);
  const u = predict(p, X);
  let err = 0, l1 = 0, contrib = 0;
  for (let k = 0; k < d; k++) err = Math.max(err, Math.abs(G.data[rStar * d + k] - expected[k]));
  for (let i = 0; i < n; i++) l1 += Math.abs(u[i] - y[i]);
  // Sample i*'s own term in g_{r*}: (a_r/√m)(u_{i*} − y_{i*}) x_{i*}; the check must be able to see it.
  for (let k = 0; k < d; k++) contrib = Math.max(contrib, Math.abs((p.a[rStar] / Math.sqrt(m)) * (u[iStar] - y[iStar]) * X.data[iStar * d + k]));
  // Same terms, possibly summed in another order: ≤ a few ulps of (1/√m) Σ|u_i − y_i|.
  const tol = (1e-12 * (1 + l1)) / Math.sqrt(m);
  const detail = `n=${n} d=${d} m=${m}: w_${rStar}ᵀx_${iStar} = ${z}, implemented pattern ${active}, max|g_impl − g_(${strict ? '>' : '≥'})| ${err.toExponential(2)}, sample ${iStar}'s term ${contrib.toExponential(2)}`;
  if (z !== 0 || contrib <= 1e3 * tol) return verdict.unmet(`${detail} (kink not exact or term invisible)`, err, tol);
  return verdict.atMost(err, tol, detail);
}

export const kinkConvention = claim({
  id: 'thesis.ch2.eq2.3.kink-convention',
  source: '002 thesis, (2.3) footnote 1 and (2.5) (catalog 002a §1 σ\'(0) = 1 convention, §3.8 check 2, Errata E16)',
  statement: 'at an exact kink w_rᵀx_i = 0 the implemented gradient uses I{w_rᵀx_i ≥ 0} = 1: sample i contributes (a_r/√m)(u_i − y_i)x_i to g_r',
  kind: 'exact',
  rationale: 'tolerance 1e-12(1 + ‖u − y‖₁)/√m (summation order only); the kink is exact by disjoint supports, and sample i\'s term must exceed the tolerance 1000× for the check to discriminate',
  budget: { quick: sizes(30, 20, 10, 200, 0), default: sizes(100, 20, 10, 500, 0), deep: sizes(400, 40, 20, 2000, 0) },
  arbitrary: caseArb,
  check: (c) => kinkCheck(c, false),
  negativeControl: {
    describe: 'the strict convention I{w_rᵀx_i > 0} of the chapter introduction (E16)',
    arbitrary: caseArb,
    check: (c) => kinkCheck(c, true),
  },
});

