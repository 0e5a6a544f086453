/**
 * Thesis (2.3) footnote 1: the ≥ convention (σ'(0) = 1) at a constructed kink w_rᵀx_i = 0 (catalog
 * 002a §3.8 check 2). The gradient away from kinks is the registry's claim (models.property.ts).
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
// Footnote 1 / (2.3)'s I{· ≥ 0}: at a kink w_rᵀx_i = 0 exactly, sample i contributes to g_r
// (thesis footnote 1; catalog 002a §3.8 check 2, §2.6 "ties"). The kink is exact by construction: x_{i*} is supported on the
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

