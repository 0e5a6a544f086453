/**
 * Exact identities of the convolutional ResNet (thesis ch. 3 §3.2–§3.3; catalog 002b §2.1–§2.2,
 * §6 ranking rows 1, 2 and 7):
 *  - the closed form (3.14) of G^(H), computed here independently from φ (patchOperator) and the
 *    weights, equals the Gram of the backprop Jacobian's W^(H) block and the model's own (3.14);
 *  - every per-layer Gram G^(h) (h = 1..H+1) is PSD and G = Σ_h G^(h) ⪰ G^(H) (footnote 4);
 *  - the patch operator's norm: ‖φ(x)‖²_F = Σ_s c_s‖x_{:,s}‖² with c_s = #{l : |l − s| ≤ (q−1)/2},
 *    i.e. 3‖x‖²_F − ‖x_{:,1}‖² − ‖x_{:,p}‖² for q = 3, hence ‖x‖_F ≤ ‖φ(x)‖_F ≤ √q‖x‖_F.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { lambdaMin } from '../../src/core/linalg.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import {
  type ConvResnetArch, convResnetGramH, convResnetLayerGrams, convResnetLayerOutputs, convResnetWeights, patchOperator,
} from '../../src/models/conv-resnet.ts';
import { type ActName, type ConvResnetCase, fmtE, instance } from './conv-common.ts';

interface GramBudget { runs: number; controlRuns?: number; mMax: number }
const GRAM_BUDGET = { quick: { runs: 12, mMax: 8 }, default: { runs: 40, mMax: 16 }, deep: { runs: 150, mMax: 32 } };

const ALL_ACTS: readonly ActName[] = ['softplus', 'tanh', 'sigmoid', 'erf', 'relu'];
const gramCase = (b: GramBudget): fc.Arbitrary<ConvResnetCase> => fc.record({
  n: fc.integer({ min: 2, max: 5 }), d0: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 2, max: 6 }), m: fc.integer({ min: 2, max: b.mMax }),
  H: fc.integer({ min: 2, max: 4 }), act: fc.constantFrom(...ALL_ACTS), cRes: fc.double({ min: 0.1, max: 0.9, noNaN: true }), seed: seedArb,
});

/** x_i^(h) as a d × p image (row i of convResnetLayerOutputs' entry h). */
function image(x: Matrix, i: number, p: number): Matrix {
  return { rows: x.cols / p, cols: p, data: x.data.subarray(i * x.cols, (i + 1) * x.cols) };
}

/**
 * (3.14) term by term: G^(H)_ij = (c_res²/(H²m)) Σ_r v_{i,r}ᵀ v_{j,r}, v_{i,r} = Σ_l a_{r,l} σ'(w_rᵀφ_{i,l}) φ_{i,l}.
 * `diagonalOnly` keeps only the l = k pixel pairs: the population's E[a_{r,l}a_{r,k}] = δ_lk applied
 * at finite width (the control).
 */
function gramH314(arch: ConvResnetArch, theta: Float64Array, X: Matrix, diagonalOnly: boolean): Matrix {
  const { p, m, H, act } = arch, n = X.rows, { W, a } = convResnetWeights(arch, theta);
  const prev = convResnetLayerOutputs(arch, theta, X)[H - 1], w = W[H - 1], qd = w.cols;
  const s2 = H === 1 ? arch.cSigma / m : (arch.cRes / H) ** 2 / m;
  const Phis = Array.from({ length: n }, (_, i) => patchOperator(image(prev, i, p), arch.q)); // qd × p each
  // coef[i][r·p + l] = a_{r,l} σ'(w_rᵀφ_{i,l})
  const coef = Phis.map((P) => {
    const c = new Float64Array(m * p);
    for (let r = 0; r < m; r++) {
      for (let l = 0; l < p; l++) {
        let z = 0;
        for (let k = 0; k < qd; k++) z += w.data[r * qd + k] * P.data[k * p + l];
        c[r * p + l] = a.data[r * p + l] * act.derivative(z);
      }
    }
    return c;
  });
  const G = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) {
        for (let l = 0; l < p; l++) {
          for (let k = 0; k < p; k++) {
            if (diagonalOnly && k !== l) continue;
            let dot = 0;
            for (let t = 0; t < qd; t++) dot += Phis[i].data[t * p + l] * Phis[j].data[t * p + k];
            s += coef[i][r * p + l] * coef[j][r * p + k] * dot;
          }
        }
      }
      G.data[i * n + j] = s2 * s;
    }
  }
  return G;
}

function maxAbsOf(x: Float64Array): number {
  let s = 0;
  for (const v of x) s = Math.max(s, Math.abs(v));
  return s;
}

function maxDiff(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let k = 0; k < A.data.length; k++) s = Math.max(s, Math.abs(A.data[k] - B.data[k]));
  return s;
}

const label = (c: ConvResnetCase): string => `n=${c.n} d0=${c.d0} p=${c.p} m=${c.m} H=${c.H} ${c.act} c_res=${c.cRes.toFixed(2)}`;

/** Entries are sums of ≲ (p² + q·m)·m products: rounding ≲ 1e-13 of the largest entry at these sizes. */
const GRAM_REL_TOL = 1e-12;

function closedFormCheck(c: ConvResnetCase, diagonalOnly: boolean): Verdict {
  const { arch, X, theta } = instance(c);
  const jac = convResnetLayerGrams(arch, theta, X)[c.H - 1], model = convResnetGramH(arch, theta, X);
  const ours = gramH314(arch, theta, X, diagonalOnly);
  const scale = maxAbsOf(jac.data), err = Math.max(maxDiff(ours, jac), maxDiff(model, jac));
  return verdict.within(err, GRAM_REL_TOL * scale,
    `${label(c)}: max|G^(H)| ${fmtE(scale)}, max|(3.14)${diagonalOnly ? ' (l = k only)' : ''} − Jacobian Gram| ${fmtE(maxDiff(ours, jac))}, model's (3.14) ${fmtE(maxDiff(model, jac))}`);
}

export const convGramClosedForm = claim({
  id: 'thesis.ch3.eq3.14.conv-gram-closed-form',
  source: '002 thesis ch. 3 §3.3, (3.14) (catalog 002b §2.2, §6 row 1)',
  statement: 'conv-ResNet: the closed form (3.14) G^(H)_ij = (c_res²/(H²m)) Σ_r [Σ_l a_{r,l}σ\'(w_rᵀφ_{i,l})φ_{i,l}]ᵀ[Σ_k a_{r,k}σ\'(w_rᵀφ_{j,k})φ_{j,k}] '
    + '(computed from φ and the weights) equals ⟨∂u_i/∂W^(H), ∂u_j/∂W^(H)⟩ of the backprop Jacobian, and so does the model\'s convResnetGramH',
  kind: 'exact',
  rationale: `relative tolerance ${GRAM_REL_TOL} of max|G^(H)|: every entry is a sum of at most (p² + qm)·m products of O(1) numbers `
    + '(rounding ≲ 1e-13 relative at these sizes; not in the thesis: the catalog measured 3e-15 absolute)',
  budget: GRAM_BUDGET,
  arbitrary: gramCase,
  check: (c) => closedFormCheck(c, false),
  negativeControl: {
    describe: '(3.14) with only the l = k pixel pairs (the population\'s E a_{r,l}a_{r,k} = δ_lk applied at finite width)',
    check: (c) => closedFormCheck(c, true),
  },
});

/** λmin(A − B) ≥ −ε‖A‖ as an exact check: the negative part of the spectrum relative to the scale. */
function loewner(A: Matrix, B: Matrix | null): { neg: number; scale: number } {
  const D = zeros(A.rows, A.cols);
  for (let k = 0; k < D.data.length; k++) D.data[k] = A.data[k] - (B ? B.data[k] : 0);
  const scale = Math.max(maxAbsOf(A.data), B ? maxAbsOf(B.data) : 0) * A.rows;
  return { neg: Math.max(0, -lambdaMin(D)), scale };
}

/** Symmetric eigenvalues of n × n Grams of O(1) entries: round-off ≲ 1e-14 of n·max|G|. */
const PSD_TOL = 1e-12;

function psdCheck(c: ConvResnetCase, reversed: boolean): Verdict {
  const { arch, X, theta } = instance(c);
  const Gs = convResnetLayerGrams(arch, theta, X), G = zeros(c.n, c.n);
  for (const g of Gs) for (let k = 0; k < G.data.length; k++) G.data[k] += g.data[k];
  const GH = Gs[c.H - 1];
  const parts = reversed ? [loewner(GH, G)] : [...Gs.map((g) => loewner(g, null)), loewner(G, GH)];
  let worst = 0;
  // scale 0 means A and B are both exactly zero (ReLU with every unit dead), so A − B ≡ 0 and its spectrum is {0};
  // the solver's underflow guard (λ ≈ −2.2e-308) over 0 read −∞ at seed 952647335.
  for (const q of parts) worst = Math.max(worst, q.scale > 0 ? q.neg / q.scale : 0);
  return verdict.within(worst, PSD_TOL,
    `${label(c)}: ${reversed ? 'λmin(G^(H) − G)' : 'worst λmin over G^(1..H+1) and G − G^(H)'}, relative to n·max|G|: ${fmtE(-worst)}`);
}

export const convGramPsd = claim({
  id: 'thesis.ch3.sec3.3.conv-layer-grams-psd',
  source: '002 thesis ch. 3 §3.3 and §3.8 footnote 4 (catalog 002b §2.2 check 4, §3.9, §6 rows 1–2)',
  statement: 'conv-ResNet: every per-layer Gram G^(h) (h = 1..H, and G^(H+1) of a) is PSD, and G = Σ_h G^(h) ⪰ G^(H) in the Loewner order',
  kind: 'exact',
  rationale: `λmin ≥ −${PSD_TOL}·n·max|G|: a Gram of Jacobian blocks is PSD exactly; the symmetric eigensolver's round-off is ≲ 1e-14 of that scale`,
  budget: GRAM_BUDGET,
  arbitrary: gramCase,
  check: (c) => psdCheck(c, false),
  negativeControl: {
    describe: 'the order reversed: G^(H) ⪰ G (the other layers\' Grams would add nothing)',
    check: (c) => psdCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// The patch operator's norm (§3.2).
// ---------------------------------------------------------------------------------------------

interface PatchCase { d: number; p: number; q: number; seed: number }
interface PatchBudget { runs: number; controlRuns?: number }

function patchCheck(c: PatchCase, periodic: boolean): Verdict {
  const x = zeros(c.d, c.p);
  rng(c.seed).stream('image').fillNormal(x.data);
  const P = patchOperator(x, c.q), half = (c.q - 1) / 2;
  let phi2 = 0, x2 = 0, weighted = 0, edges = 0;
  for (const v of P.data) phi2 += v * v;
  for (let s = 0; s < c.p; s++) {
    let col = 0;
    for (let ch = 0; ch < c.d; ch++) col += x.data[ch * c.p + s] ** 2;
    x2 += col;
    const cs = Math.min(c.p - 1, s + half) - Math.max(0, s - half) + 1; // #{l : |l − s| ≤ (q−1)/2}
    weighted += (periodic ? c.q : cs) * col;
    if (s === 0) edges += col;
    if (s === c.p - 1) edges += col;
  }
  const tol = 1e-12 * c.q * x2;
  const parts = [verdict.within(Math.abs(phi2 - weighted), tol, `‖φ(x)‖² − Σ c_s‖x_s‖²${periodic ? ' (c_s = q)' : ''}`)];
  if (c.q === 3 && !periodic) parts.push(verdict.within(Math.abs(phi2 - (3 * x2 - edges)), tol, '‖φ(x)‖² − (3‖x‖² − ‖x_1‖² − ‖x_p‖²)'));
  // The two-sided bound as an exact check: its violation (0 when it holds) against the same tolerance.
  parts.push(verdict.within(Math.max(0, x2 - phi2) + Math.max(0, phi2 - c.q * x2), tol, 'violation of ‖x‖² ≤ ‖φ(x)‖² ≤ q‖x‖²'));
  return verdict.allOf(parts, `d=${c.d} p=${c.p} q=${c.q}: ‖x‖² ${fmtE(x2, 4)}, ‖φ(x)‖² ${fmtE(phi2, 4)}`);
}

const patchArb = (qs: number[], pMin: number) => (): fc.Arbitrary<PatchCase> => fc.record({
  d: fc.integer({ min: 1, max: 6 }), p: fc.integer({ min: pMin, max: 16 }), q: fc.constantFrom(...qs), seed: seedArb,
});

export const patchNorm = claim<PatchBudget, PatchCase>({
  id: 'thesis.ch3.sec3.2.conv-patch-norm',
  source: '002 thesis ch. 3 §3.2, the patch-norm property (catalog 002b §2.1 [derived] exact form, §6 row 7)',
  statement: 'stride 1, zero padding, odd q: ‖φ(x)‖²_F = Σ_s c_s‖x_{:,s}‖² with c_s = #{l : |l − s| ≤ (q−1)/2}; for q = 3, '
    + '‖φ(x)‖²_F = 3‖x‖²_F − ‖x_{:,1}‖² − ‖x_{:,p}‖²; and ‖x‖_F ≤ ‖φ(x)‖_F ≤ √q‖x‖_F',
  kind: 'exact',
  rationale: 'a sum of p·q·d squares against the same squares regrouped: relative tolerance 1e-12 of q‖x‖² (rounding ≲ 1e-15 per term)',
  budget: { quick: { runs: 60 }, default: { runs: 300 }, deep: { runs: 2000 } },
  arbitrary: patchArb([1, 3, 5, 7], 1),
  check: (c) => patchCheck(c, false),
  negativeControl: {
    describe: 'periodic (circular) padding\'s ‖φ(x)‖² = q‖x‖² (edge columns counted q times), q ≥ 3',
    arbitrary: patchArb([3, 5], 2),
    check: (c) => patchCheck(c, true),
  },
});
