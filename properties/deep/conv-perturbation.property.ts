/**
 * The perturbation lemmas of the convolutional ResNet, as explicit-constant bounds at any weights
 * near θ(0) (thesis ch. 3 Lemmas 3.17 and 3.18; catalog 002b §3.26–§3.27, §6 rows 15 and 18). The
 * hypotheses' constants are measured on the realized initialization (conv-common.ts initConstants):
 * the lemmas are deterministic given them, so every case must hold. Perturbations ΔW^(h) (and Δa for
 * Lemma 3.18) have Frobenius norm exactly √m·R, in a random Gaussian direction or along the loss
 * gradient (the direction GD moves).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { type ConvResnetArch, convResnetGramH, convResnetLayerOutputs, convResnetModel } from '../../src/models/conv-resnet.ts';
import { bindData } from '../../src/models/model.ts';
import {
  ACTS, type ActName, type ConvResnetCase, type InitConstants, SMOOTH_ACTS, fmtE, initConstants, instance, lemma317Constant,
} from './conv-common.ts';

type Direction = 'random' | 'gradient';
interface PerturbCase extends ConvResnetCase { direction: Direction; logR: number }
interface PerturbBudget { runs: number; controlRuns?: number; mMin: number; mMax: number; hMax: number }

const BUDGET = {
  quick: { runs: 10, mMin: 16, mMax: 40, hMax: 4 },
  default: { runs: 30, mMin: 16, mMax: 64, hMax: 6 },
  deep: { runs: 100, mMin: 32, mMax: 128, hMax: 8 },
};

function perturbCase(b: PerturbBudget, acts: readonly ActName[], logR: fc.Arbitrary<number>): fc.Arbitrary<PerturbCase> {
  return fc.record({
    n: fc.integer({ min: 2, max: 4 }), d0: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 3, max: 6 }), m: fc.integer({ min: b.mMin, max: b.mMax }),
    H: fc.integer({ min: 2, max: b.hMax }), act: fc.constantFrom(...acts), cRes: fc.double({ min: 0.2, max: 0.9, noNaN: true }), seed: seedArb,
    direction: fc.constantFrom<Direction>('random', 'gradient'), logR,
  });
}

/**
 * θ + Δ with ‖Δ_B‖_F = √m·R on every block B in `blocks` (W^(h), and a when asked): a Gaussian
 * direction, or the block of ∇L(θ) (re-drawn Gaussian where that block's gradient is 0).
 */
function perturbed(c: PerturbCase, arch: ConvResnetArch, X: Matrix, y: Float64Array, theta: Float64Array, R: number, withA: boolean): Float64Array {
  const model = convResnetModel(arch), dir = new Float64Array(model.dim);
  if (c.direction === 'gradient') bindData(model, X, y).valueGrad(theta, dir);
  const r = rng(c.seed).stream('perturbation'), out = Float64Array.from(theta);
  for (const b of model.blocks) {
    if (b.name === 'a' && !withA) continue;
    const span = dir.subarray(b.offset, b.offset + b.rows * b.cols);
    let s = 0;
    for (const v of span) s += v * v;
    if (!(s > 0)) { r.stream(b.name).fillNormal(span); s = 0; for (const v of span) s += v * v; }
    const scale = (Math.sqrt(arch.m) * R) / Math.sqrt(s);
    for (let k = 0; k < span.length; k++) out[b.offset + k] += scale * span[k];
  }
  return out;
}

const label = (c: PerturbCase, k: InitConstants, R: number): string =>
  `n=${c.n} d0=${c.d0} p=${c.p} m=${c.m} H=${c.H} ${c.act} c_res=${c.cRes.toFixed(2)} ${c.direction} R=${fmtE(R)}; `
  + `c_w0=${k.cw0.toFixed(3)} c_x0=${k.cx0.toFixed(3)}`;

// ---------------------------------------------------------------------------------------------
// Lemma 3.17: ‖x^(h)(k) − x^(h)(0)‖_F ≤ (√c_σ L √q + c_{x,0}/c_{w,0}) e^{2c_{w,0}L√q c_res} R.
// ---------------------------------------------------------------------------------------------

function lemma317(c: PerturbCase, order: 1 | 2): Verdict {
  const { arch, X, y, theta } = instance(c), k = initConstants(arch, theta, X), L = ACTS[c.act].L;
  const R = k.cw0 * 10 ** c.logR; // the hypothesis R ≤ c_{w,0}
  const before = convResnetLayerOutputs(arch, theta, X), after = convResnetLayerOutputs(arch, perturbed(c, arch, X, y, theta, R, false), X);
  let worst = 0, at = '';
  for (let h = 1; h <= c.H; h++) {
    const A = before[h], B = after[h];
    for (let i = 0; i < c.n; i++) {
      let s = 0;
      for (let t = 0; t < A.cols; t++) s += (A.data[i * A.cols + t] - B.data[i * A.cols + t]) ** 2;
      if (Math.sqrt(s) > worst) { worst = Math.sqrt(s); at = `h=${h} i=${i + 1}`; }
    }
  }
  const cx = lemma317Constant(arch, L, k), bound = cx * R ** order;
  return verdict.atMost(worst, bound, `${label(c, k, R)}: max ‖Δx_i^(h)‖_F ${fmtE(worst)} (${at}) vs c_x·R${order === 2 ? '²' : ''} = ${fmtE(bound)} (c_x = ${fmtE(cx)})`);
}

export const lemma317Perturbation = claim({
  id: 'thesis.ch3.lemma3.17.conv-perturbation',
  source: '002 thesis ch. 3 Lemma 3.17 (catalog 002b §3.26, §6 row 15)',
  statement: 'conv-ResNet, σ L-Lipschitz: if ‖W^(h)(0)‖_op ≤ c_{w,0}√m, ‖x^(h)(0)‖_F ≤ c_{x,0} and ‖W^(h) − W^(h)(0)‖_F ≤ √m R with R ≤ c_{w,0}, '
    + 'then ‖x^(h) − x^(h)(0)‖_F ≤ (√c_σ L √q + c_{x,0}/c_{w,0}) e^{2c_{w,0}L√q c_res} R for every h and input (deterministic)',
  kind: 'bound',
  rationale: 'the lemma is deterministic given its hypotheses; c_{w,0} = max_h ‖W^(h)(0)‖_op/√m (exact SVD) and c_{x,0} = max(1, max ‖x_i^(h)(0)‖_F) '
    + 'are measured, R = c_{w,0}·10^u, u ∈ [−4, 0]; no slack is added (Lemma 3.17\'s bound is loose: catalog ratio ≤ 3e-3)',
  budget: BUDGET,
  arbitrary: (b) => perturbCase(b, [...SMOOTH_ACTS, 'relu'], fc.double({ min: -4, max: 0, noNaN: true })),
  check: (c) => lemma317(c, 1),
  negativeControl: {
    describe: 'the bound with R² in place of R (Δx second order in ΔW), at R ≤ 1e-6·c_{w,0}',
    arbitrary: (b) => perturbCase(b, [...SMOOTH_ACTS, 'relu'], fc.double({ min: -7, max: -6, noNaN: true })),
    check: (c) => lemma317(c, 2),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.18: the proof's explicit bound on ‖G^(H)(k) − G^(H)(0)‖_F.
// ---------------------------------------------------------------------------------------------

/** The bracket of Lemma 3.18's proof (as printed, E27's extra L kept), times L n R. */
function lemma318Bound(arch: ConvResnetArch, act: ActName, k: InitConstants, n: number, R: number): { bound: number; cx: number } {
  const { L, beta } = ACTS[act], { p, q, cRes, H } = arch, cx = lemma317Constant(arch, L, k);
  const bracket = 3 * k.cx0 * cx * L * k.a20 ** 2 * p
    + 2 * beta * k.cx0 ** 2 * k.a40 ** 2 * Math.sqrt(p) * (2 * cx * k.cw0 * Math.sqrt(q) + k.cx0)
    + 12 * k.cx0 ** 2 * L * k.a20 * Math.sqrt(p);
  return { bound: ((cRes * cRes) / (H * H)) * bracket * L * n * R, cx };
}

function lemma318(c: PerturbCase, order: 1 | 2): Verdict {
  const { arch, X, y, theta } = instance(c), k = initConstants(arch, theta, X);
  const cx = lemma317Constant(arch, ACTS[c.act].L, k);
  // The proof's validity range: c_x R ≤ c_{x,0} (so ‖x(k)‖ ≤ 2c_{x,0}), R ≤ a_{2,0}, R ≤ c_{w,0}.
  const R = Math.min(k.cx0 / cx, k.a20, k.cw0) * 10 ** c.logR;
  const G0 = convResnetGramH(arch, theta, X), G1 = convResnetGramH(arch, perturbed(c, arch, X, y, theta, R, true), X);
  let d2 = 0;
  for (let t = 0; t < G0.data.length; t++) d2 += (G1.data[t] - G0.data[t]) ** 2;
  const { bound } = lemma318Bound(arch, c.act, k, c.n, order === 1 ? R : R * R);
  return verdict.atMost(Math.sqrt(d2), bound,
    `${label(c, k, R)} a_20=${k.a20.toFixed(3)} a_40=${k.a40.toFixed(3)}: ‖ΔG^(H)‖_F ${fmtE(Math.sqrt(d2))} vs bound${order === 2 ? ' (R²)' : ''} ${fmtE(bound)}`);
}

export const lemma318Stability = claim({
  id: 'thesis.ch3.lemma3.18.conv-gram-stability',
  source: '002 thesis ch. 3 Lemma 3.18 and its proof (catalog 002b §3.27, §6 row 18)',
  statement: 'conv-ResNet, σ L-Lipschitz and β-smooth: under Lemma 3.17\'s hypotheses, per-pixel ‖a_{:,l}(0)‖_2 ≤ a_{2,0}√m, ‖a_{:,l}(0)‖_4 ≤ a_{4,0}m^{1/4}, '
    + 'and ‖ΔW^(h)‖_F, ‖Δa‖_F ≤ √m R: ‖G^(H) − G^(H)(0)‖_F ≤ (c_res²/H²)[3c_{x,0}c_xLa_{2,0}²p + 2βc_{x,0}²a_{4,0}²√p(2c_xc_{w,0}√q + c_{x,0}) '
    + '+ 12c_{x,0}²La_{2,0}√p]·L·n·R (c_x of Lemma 3.17)',
  kind: 'bound',
  rationale: 'deterministic given the measured constants (c_{w,0}, c_{x,0} from both sides of Lemma 3.15, a_{2,0}, a_{4,0} per pixel); '
    + 'R = min(c_{x,0}/c_x, a_{2,0}, c_{w,0})·10^u, u ∈ [−4, 0], the proof\'s validity range; smooth activations only (β); no slack added',
  budget: BUDGET,
  arbitrary: (b) => perturbCase(b, SMOOTH_ACTS, fc.double({ min: -4, max: 0, noNaN: true })),
  check: (c) => lemma318(c, 1),
  negativeControl: {
    describe: 'the bound with R² in place of R (ΔG^(H) second order in the perturbation), at R ≤ 1e-6 of the admissible radius',
    arbitrary: (b) => perturbCase(b, SMOOTH_ACTS, fc.double({ min: -8, max: -6, noNaN: true })),
    check: (c) => lemma318(c, 2),
  },
});
