/**
 * The deterministic perturbation lemmas of thesis chapter 3 with their explicit constants, evaluated
 * at the realized initialization (thesis Lemmas 3.3–3.5, 3.8, 3.10–3.12, 3.26: catalog 002b §3.12–§3.14, §3.17, §3.19–§3.21, §3.40; §6 rows 12,
 * 13, 14, 16, 17, 22, 23):
 *  - Lemma 3.26: ‖ΠA_i − ΠB_i‖_F ≤ (Σα_i)ΠM_i.
 *  - Lemma 3.3 (FC) and 3.10 (ResNet): ‖x^(h)(k) − x^(h)(0)‖ for any ‖ΔW^(h)‖_F ≤ √m R.
 *  - Lemma 3.4 (FC) and 3.11 (ResNet): the proofs' explicit Frobenius bounds on ‖ΔG^(H)‖_F.
 *  - Lemma 3.5/3.12 [derived]: the per-point gradient bound, and the summation step along GD.
 *  - Lemma 3.8: the corrected deterministic step (σ(0) ≠ 0), and the printed one as falsified (E17).
 * The constants c_{w,0}, c_{x,0}, a_{2,0}, a_{4,0} are measured on the realized init with exact
 * operator norms (SVD) rather than plugged-in values (thesis Lemma 3.4's hypotheses; catalog 002b §1); R is the perturbation radius.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { spectralNorm } from '../../src/core/linalg.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import {
  ACT, type ActName, type Arch, type Ch3Sizes, ch3Gd, ch3Instance, frobDiff, frobenius, geometric, gradientBound, label, lambdaMinMax, minus, norm,
  perturb, realized,
} from './ch3-support.ts';

// ---------------------------------------------------------------------------------------------
// Lemma 3.26 (perturbation of matrix products).

interface ProductCase { k: number; sizes: number[]; logEps: number; seed: number }
interface ProductBudget { runs: number; controlRuns: number }

function productCheck(c: ProductCase, opHypothesis: boolean) {
  const r = rng(c.seed), eps = 10 ** c.logEps;
  const A: Matrix[] = [], B: Matrix[] = [];
  for (let i = 0; i < c.k; i++) {
    const rows = c.sizes[i], cols = c.sizes[i + 1];
    const a = zeros(rows, cols), b = zeros(rows, cols);
    r.stream(`A${i}`).fillNormal(a.data);
    const e = r.stream(`E${i}`).fillNormal(new Float64Array(rows * cols));
    for (let q = 0; q < a.data.length; q++) b.data[q] = a.data[q] + eps * e[q];
    A.push(a); B.push(b);
  }
  const prod = (Ms: Matrix[]) => Ms.reduce((P, M) => {
    const C = zeros(P.rows, M.cols);
    for (let i = 0; i < P.rows; i++) for (let t = 0; t < P.cols; t++) for (let j = 0; j < M.cols; j++) C.data[i * M.cols + j] += P.data[i * P.cols + t] * M.data[t * M.cols + j];
    return C;
  });
  const lhs = frobenius(minus(prod(A), prod(B)));
  let sumAlpha = 0, prodM = 1;
  for (let i = 0; i < c.k; i++) {
    const M = Math.max(spectralNorm(A[i]), spectralNorm(B[i])), D = minus(A[i], B[i]);
    // The control reads the hypothesis in the operator norm (‖A_i − B_i‖₂ ≤ α_i M_i) while concluding in Frobenius.
    sumAlpha += (opHypothesis ? spectralNorm(D) : frobenius(D)) / M;
    prodM *= M;
  }
  return verdict.atMost(lhs, sumAlpha * prodM * (1 + 1e-12), `${c.k} factors ${c.sizes.slice(0, c.k + 1).join('×')}, ε = ${fmt(eps)}: ‖ΠA − ΠB‖_F ${fmt(lhs)} vs (Σα)ΠM ${fmt(sumAlpha * prodM)}`);
}

const productArb = (minK: number) => fc.record({
  k: fc.integer({ min: minK, max: 6 }), sizes: fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 7, maxLength: 7 }),
  logEps: fc.double({ min: -4, max: 0, noNaN: true }), seed: seedArb,
});

export const lemma326 = claim({
  id: 'thesis.ch3.lemma3.26.product-perturbation',
  source: '002 thesis, Lemma 3.26 (catalog 002b §3.40, §6 row 12)',
  statement: '‖A_i‖₂, ‖B_i‖₂ ≤ M_i and ‖A_i − B_i‖_F ≤ α_i M_i ⇒ ‖Π_{i=1}^k A_i − Π B_i‖_F ≤ (Σ_i α_i) Π_i M_i, for random factors of sizes 2..6, k ≤ 6',
  kind: 'bound',
  rationale: 'exact telescoping with ‖XYZ‖_F ≤ ‖X‖₂‖Y‖_F‖Z‖₂; equality at k = 1, so the comparison carries a relative 1e-12 for round-off (catalog: max ratio 1 + 2e-16). M_i = max(‖A_i‖₂, ‖B_i‖₂) by SVD.',
  budget: { quick: { runs: 60, controlRuns: 20 }, default: { runs: 300, controlRuns: 40 }, deep: { runs: 1500, controlRuns: 80 } },
  arbitrary: () => productArb(1),
  check: (c: ProductCase, _b: ProductBudget) => productCheck(c, false),
  negativeControl: {
    describe: 'the hypothesis read in the operator norm, ‖A_i − B_i‖₂ ≤ α_i M_i, with the Frobenius conclusion (fails already at k = 1 for a rank > 1 perturbation)',
    arbitrary: () => productArb(1).map((c) => ({ ...c, k: 1 })),
    check: (c: ProductCase) => productCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemmas 3.3 / 3.10 (layer outputs) and 3.4 / 3.11 (the last-layer Gram), at the realized constants.

interface PertBudget { runs: number; controlRuns: number; m: number; maxH: number }
interface PertCase { sizes: Ch3Sizes; rKind: number; logR: number; seed: number }

const pertArb = (arch: Arch, b: PertBudget, acts: ActName[], logR: { min: number; max: number }) => fc.record({
  sizes: fc.record({
    arch: fc.constant(arch), act: fc.constantFrom(...acts), n: fc.integer({ min: 2, max: 5 }), d: fc.integer({ min: 2, max: 5 }),
    m: fc.integer({ min: Math.min(16, b.m), max: b.m }), H: fc.integer({ min: 2, max: b.maxH }), cRes: fc.double({ min: 0.3, max: 0.9, noNaN: true }),
  }),
  rKind: fc.integer({ min: 0, max: 2 }), logR: fc.double({ ...logR, noNaN: true }), seed: seedArb,
});

/** R: 10^logR, or a radius tied to the lemma's own validity range (e.g. Lemma 3.3's; the catalog's radii). */
function radius(c: PertCase, cap: number): number {
  return c.rKind === 0 ? Math.min(10 ** c.logR, cap) : c.rKind === 1 ? cap / 2 : Math.min(1e-3, cap);
}

/** Max over h, i of ‖x_i^(h)(θ') − x_i^(h)(θ)‖ / bound(h), with ‖ΔW^(h)‖_F = √m R. `order` 2 is the control (bound × R/c_{w,0}). */
function layerOutputCheck(c: PertCase, order: 1 | 2) {
  const inst = ch3Instance(c.sizes, c.seed), { model, X, theta } = inst, a = ACT[c.sizes.act];
  const k = realized(model, theta, X);
  const fcArch = c.sizes.arch === 'fc', cx = 2 * Math.sqrt(a.cSigma) * a.L * k.cw0, cRes = c.sizes.cRes ?? 0.5;
  const R = radius(c, fcArch ? Math.min(k.cw0, 1 / (Math.sqrt(a.cSigma) * a.L * geometric(cx, model.H))) : k.cw0);
  const moved = perturb(model, theta, R, 0, rng(c.seed).stream('direction'));
  const h0 = model.state(theta, X).hidden, h1 = model.state(moved, X).hidden;
  let worst = 0, at = '';
  for (let h = 1; h <= model.H; h++) {
    // Lemma 3.3: √c_σ L c_{x,0} g_{c_x}(h) R; Lemma 3.10: (√c_σ L + c_{x,0}/c_{w,0}) e^{2 c_res c_{w,0} L} R (independent of h and H).
    let bound = fcArch ? Math.sqrt(a.cSigma) * a.L * k.cx0 * geometric(cx, h) * R
      : (Math.sqrt(a.cSigma) * a.L + k.cx0 / k.cw0) * Math.exp(2 * cRes * k.cw0 * a.L) * R;
    if (order === 2) bound *= R / k.cw0;
    for (let i = 0; i < X.rows; i++) {
      const d = frobDiff(h0[h].data.subarray(i * model.m, (i + 1) * model.m), h1[h].data.subarray(i * model.m, (i + 1) * model.m));
      if (d / bound > worst) { worst = d / bound; at = `h=${h} i=${i}: ${fmt(d)} vs ${fmt(bound)}`; }
    }
  }
  return verdict.atMost(worst, 1, `${label(c.sizes)} R=${fmt(R)} c_w0=${fmt(k.cw0)} c_x0=${fmt(k.cx0)}: worst ratio at ${at}`);
}

const PERT_BUDGET: Record<'quick' | 'default' | 'deep', PertBudget> = {
  quick: { runs: 10, controlRuns: 4, m: 48, maxH: 4 }, default: { runs: 30, controlRuns: 8, m: 128, maxH: 5 }, deep: { runs: 120, controlRuns: 16, m: 128, maxH: 10 },
};
const QUADRATIC_CONTROL = 'a second-order reading: the bound multiplied by R/c_{w,0} (as if the change were quadratic in the weight movement), at R ∈ [1e-6, 1e-4]';

export const lemma33 = claim({
  id: 'thesis.ch3.lemma3.3.fc-perturbation',
  source: '002 thesis, Lemma 3.3 (catalog 002b §3.12, §6 row 13)',
  statement: 'FC, any W with ‖W^(h) − W^(h)(0)‖_F ≤ √m R (R ≤ c_{w,0}): ‖x_i^(h) − x_i^(h)(0)‖ ≤ √c_σ L c_{x,0} g_{c_x}(h) R, c_x = 2√c_σ L c_{w,0}, at the realized c_{w,0} = max_h‖W^(h)(0)‖₂/√m, c_{x,0} = max(1, max‖x^(h)(0)‖)',
  kind: 'bound',
  rationale: 'deterministic (catalog: holds for any weights, per input). R drawn log-uniform in [1e-4, 1], at 1/(√c_σ L g_{c_x}(H)) / 2, or 1e-3, capped by the lemma\'s range; random Gaussian directions scaled to ‖ΔW^(h)‖_F = √m R exactly. Catalog: max ratio 0.67–0.80, tight at h = 1: a good bug detector.',
  budget: PERT_BUDGET,
  arbitrary: (b: PertBudget) => pertArb('fc', b, ['tanh', 'softplus', 'erf'], { min: -4, max: 0 }),
  check: (c) => layerOutputCheck(c, 1),
  negativeControl: {
    describe: QUADRATIC_CONTROL,
    arbitrary: (b: PertBudget) => pertArb('fc', b, ['tanh', 'softplus', 'erf'], { min: -6, max: -4 }).map((c) => ({ ...c, rKind: 0 })),
    check: (c) => layerOutputCheck(c, 2),
  },
});

export const lemma310 = claim({
  id: 'thesis.ch3.lemma3.10.resnet-perturbation',
  source: '002 thesis, Lemma 3.10 (catalog 002b §3.19, §6 row 14)',
  statement: 'ResNet, any W with ‖W^(h) − W^(h)(0)‖_F ≤ √m R (R ≤ c_{w,0}): ‖x_i^(h) − x_i^(h)(0)‖ ≤ (√c_σ L + c_{x,0}/c_{w,0}) e^{2c_res c_{w,0} L} R for every h (no dependence on h or H)',
  kind: 'bound',
  rationale: 'deterministic; the depth-free constant is the ResNet advantage (its proof recursion even leaves a spare factor 2 on the second term, E18). Lemma 3.10 in the catalog\'s runs: max ratio 0.025–0.104.',
  budget: PERT_BUDGET,
  arbitrary: (b: PertBudget) => pertArb('resnet', b, ['tanh', 'softplus', 'erf'], { min: -4, max: 0 }),
  check: (c) => layerOutputCheck(c, 1),
  negativeControl: {
    describe: QUADRATIC_CONTROL,
    arbitrary: (b: PertBudget) => pertArb('resnet', b, ['tanh', 'softplus', 'erf'], { min: -6, max: -5 }).map((c) => ({ ...c, rKind: 0 })),
    check: (c) => layerOutputCheck(c, 2),
  },
});

/** ‖G^(H)(θ') − G^(H)(θ)‖_F against the proofs' explicit brackets (Lemma 3.4 FC, 3.11 ResNet), W and a moved by √m R. */
function gramStabilityCheck(c: PertCase, order: 1 | 2) {
  const inst = ch3Instance(c.sizes, c.seed), { model, X, theta } = inst, a = ACT[c.sizes.act];
  const k = realized(model, theta, X), n = X.rows, cs = a.cSigma, L = a.L, beta = a.beta;
  const fcArch = c.sizes.arch === 'fc', cRes = c.sizes.cRes ?? 0.5, H = model.H;
  let bracket: number, cap: number;
  if (fcArch) {
    const cx = 2 * Math.sqrt(cs) * L * k.cw0, g = geometric(cx, H);
    cap = Math.min(k.cw0, k.a20, 1 / (Math.sqrt(cs) * L * g));
    bracket = ((2 * beta * k.cx0 * k.a40 ** 2 + 3 * Math.sqrt(cs) * L * L) * L * cs * k.cx0 ** 2 * k.a20 ** 2 * g + 12 * L * L * k.cx0 ** 2 * cs * k.a20) * n;
  } else {
    const cx = (Math.sqrt(cs) * L + k.cx0 / k.cw0) * Math.exp(2 * cRes * k.cw0 * L);
    cap = Math.min(k.cw0, k.a20, k.cx0 / cx);
    bracket = ((cRes * cRes * L * L * n) / (H * H))
      * (3 * k.cx0 * cx * k.a20 ** 2 + 2 * beta * k.cx0 ** 2 * (2 * cx * k.cw0 + k.cx0) * k.a40 ** 2 + 12 * k.cx0 ** 2 * k.a20);
  }
  const R = radius(c, cap);
  const moved = perturb(model, theta, R, R, rng(c.seed).stream('direction'));
  const G0 = model.layerGrams(theta, X)[H - 1], G1 = model.layerGrams(moved, X)[H - 1];
  const lhs = frobenius(minus(G1, G0));
  const bound = bracket * R * (order === 2 ? R / k.cw0 : 1);
  return verdict.atMost(lhs, bound, `${label(c.sizes)} R=${fmt(R)} (c_w0 ${fmt(k.cw0)}, c_x0 ${fmt(k.cx0)}, a_20 ${fmt(k.a20)}, a_40 ${fmt(k.a40)}): ‖ΔG^(H)‖_F ${fmt(lhs)} vs ${fmt(bound)}`);
}

export const lemma34 = claim({
  id: 'thesis.ch3.lemma3.4.fc-gram-stability',
  source: '002 thesis, Lemma 3.4 and its proof (catalog 002b §3.13, §6 row 16)',
  statement: 'FC: W^(h) and a moved by ‖·‖ ≤ √m R (R ≤ c_{w,0}, a_{2,0}, 1/(√c_σ L g_{c_x}(H))): ‖G^(H) − G^(H)(0)‖_F ≤ [(2βc_{x,0}a_{4,0}² + 3√c_σL²)Lc_σc_{x,0}²a_{2,0}²g_{c_x}(H) + 12L²c_{x,0}²c_σa_{2,0}] n R',
  kind: 'bound',
  rationale: 'the explicit Frobenius bound of Lemma 3.4\'s proof, deterministic given the realized constants; smooth σ only (β finite). The bound is very loose (catalog ratio ≤ 8e-3), so the control changes its order in R rather than a constant.',
  budget: PERT_BUDGET,
  arbitrary: (b: PertBudget) => pertArb('fc', b, ['tanh', 'softplus', 'erf'], { min: -4, max: 0 }),
  check: (c) => gramStabilityCheck(c, 1),
  negativeControl: {
    describe: QUADRATIC_CONTROL,
    arbitrary: (b: PertBudget) => pertArb('fc', b, ['tanh', 'softplus', 'erf'], { min: -6, max: -5 }).map((c) => ({ ...c, rKind: 0 })),
    check: (c) => gramStabilityCheck(c, 2),
  },
});

export const lemma311 = claim({
  id: 'thesis.ch3.lemma3.11.resnet-gram-stability',
  source: '002 thesis, Lemma 3.11 and its proof (catalog 002b §3.20, §6 row 17)',
  statement: 'ResNet: W^(h), a moved by ≤ √m R (R ≤ c_{w,0}, a_{2,0}, c_{x,0}/c_x): ‖ΔG^(H)‖_F ≤ (c_res²L²nR/H²)[3c_{x,0}c_xa_{2,0}² + 2βc_{x,0}²(2c_xc_{w,0} + c_{x,0})a_{4,0}² + 12c_{x,0}²a_{2,0}], c_x = (√c_σL + c_{x,0}/c_{w,0})e^{2c_res c_{w,0}L}',
  kind: 'bound',
  rationale: 'the explicit bound of Lemma 3.11\'s proof at the realized constants, deterministic; catalog ratio ≤ 3e-3, so the control changes the order in R.',
  budget: PERT_BUDGET,
  arbitrary: (b: PertBudget) => pertArb('resnet', b, ['tanh', 'softplus', 'erf'], { min: -4, max: 0 }),
  check: (c) => gramStabilityCheck(c, 1),
  negativeControl: {
    describe: QUADRATIC_CONTROL,
    arbitrary: (b: PertBudget) => pertArb('resnet', b, ['tanh', 'softplus', 'erf'], { min: -6, max: -5 }).map((c) => ({ ...c, rKind: 0 })),
    check: (c) => gramStabilityCheck(c, 2),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemmas 3.5 / 3.12: the per-point gradient bound [derived] and the summation step along GD.

interface GradBudget { runs: number; controlRuns: number; m: number; steps: number }
interface GradCase { sizes: Ch3Sizes; seed: number }

function gradientPointCheck(c: GradCase, steps: number, variant: 'exact' | 'extra-factor') {
  const inst = ch3Instance(c.sizes, c.seed), { model, X, y } = inst, cRes = c.sizes.cRes ?? 0.5;
  const eta = 0.5 / lambdaMinMax(model.gram!(inst.theta, X)).max;
  const run = ch3Gd(inst, eta, steps, [0, steps]);
  const points = [...run.kept.entries()];
  const vs = points.flatMap(([k, theta]) => {
    const g = new Float64Array(model.dim);
    const obj = { th: theta };
    model.lossAndGradient(obj.th, X, y, g, model.workspace(X.rows));
    return model.blocks.slice(0, model.H).map((b, hIdx) => {
      const lhs = norm(g, b.offset, b.offset + b.rows * b.cols);
      const rhs = gradientBound(model, theta, X, y, c.sizes.act, c.sizes.arch, cRes, hIdx + 1, variant);
      return verdict.atMost(lhs, rhs * (1 + 1e-12), `k=${k} h=${hIdx + 1}: ‖∇‖_F ${fmt(lhs)} vs ${fmt(rhs)}`);
    });
  });
  // The summation step of Lemma 3.5: ‖W^(h)(K) − W^(h)(0)‖_F ≤ 4B̂‖y − u(0)‖/λ̂ with the measured B̂ and rate λ̂.
  const K = run.sqLoss.length - 1, r0 = run.sqLoss[0];
  let lamHat = Infinity;
  for (let s = 1; s <= K; s++) lamHat = Math.min(lamHat, (2 / eta) * (1 - (run.sqLoss[s] / r0) ** (1 / s)));
  const sums = model.blocks.slice(0, model.H).map((b, hIdx) => {
    let bHat = 0;
    // A step at zero loss (reachable with n = 1) has zero gradient: ‖∇(s)‖ ≤ B̂‖r(s)‖ holds there for any B̂.
    for (let s = 0; s <= K; s++) if (run.sqLoss[s] > 0) bHat = Math.max(bHat, run.gradNorms[s][hIdx] / Math.sqrt(run.sqLoss[s]));
    const moved = frobDiff(run.final.subarray(b.offset, b.offset + b.rows * b.cols), inst.theta.subarray(b.offset, b.offset + b.rows * b.cols));
    const rhs = lamHat > 0 ? (4 * bHat * Math.sqrt(r0)) / lamHat : Infinity;
    return verdict.atMost(moved, rhs * (1 + 1e-12), `summation h=${hIdx + 1}: ‖ΔW‖_F ${fmt(moved)} vs 4B̂‖r(0)‖/λ̂ ${fmt(rhs)} (λ̂ ${fmt(lamHat)})`);
  });
  return verdict.allOf([...vs, ...sums], `${label(c.sizes)} η = 0.5/λmax(G(0)), ${K} steps`);
}

const gradArb = (b: GradBudget, acts: ActName[]) => fc.record({
  sizes: fc.record({
    arch: fc.constantFrom<Arch>('fc', 'resnet'), act: fc.constantFrom(...acts), n: fc.integer({ min: 2, max: 5 }), d: fc.integer({ min: 2, max: 5 }),
    m: fc.integer({ min: 8, max: b.m }), H: fc.integer({ min: 2, max: 4 }), cRes: fc.double({ min: 0.3, max: 0.9, noNaN: true }),
  }),
  seed: seedArb,
});

export const gradientPointBound = claim({
  id: 'thesis.ch3.lemma3.5.gradient-bound',
  source: '002 thesis, Lemmas 3.5 and 3.12 and their proofs (catalog 002b §3.14 (b), §3.21 (b) [derived], §6 row 22)',
  statement: 'at init and after GD: ‖∂L/∂W^(h)‖_F ≤ (c_σ/m)^{(H−h+1)/2}‖a‖L^{H−h+1}Π_{l>h}‖W^(l)‖₂ Σ_i|u_i − y_i|‖x_i^(h−1)‖ (FC), ≤ s_h L‖a‖Σ_i|u_i − y_i|‖x_i^(h−1)‖Π_{l>h,l≥2}(1 + c_res L‖W^(l)‖₂/(H√m)) (ResNet, s_1 = √(c_σ/m), s_h = c_res/(H√m)); and the summation step ‖W^(h)(K) − W^(h)(0)‖_F ≤ 4B̂‖y − u(0)‖/λ̂',
  kind: 'bound',
  rationale: 'both are exact given the measured quantities: the first is the backprop chain with ‖J‖ ≤ L and ‖W‖₂ (SVD); the second is η Σ_s ‖∇(s)‖ ≤ ηB̂ Σ_s ‖r(s)‖ with ‖r(s)‖ ≤ (1 − ηλ̂/2)^{s/2}‖r(0)‖ and Σ_s(1 − x)^{s/2} ≤ 4/(2x) (derived from the proof of Lemma 3.5; catalog 002b §3.14). Relative 1e-12 for round-off.',
  budget: { quick: { runs: 6, controlRuns: 4, m: 32, steps: 30 }, default: { runs: 20, controlRuns: 8, m: 64, steps: 60 }, deep: { runs: 80, controlRuns: 16, m: 128, steps: 150 } },
  arbitrary: (b: GradBudget) => gradArb(b, ['tanh', 'softplus', 'erf']),
  check: (c, b) => gradientPointCheck(c, b.steps, 'exact'),
  negativeControl: {
    describe: 'the FC bound with one factor √(c_σ/m) too many ((c_σ/m)^{(H−h+2)/2}) and the ResNet bound with the residual prefactor at layer 1 (E23); the summation step unchanged. Aimed cases: one data point (n = 1, so the sum over i is no slack: at h = H the only slack left is ‖diag(σ\'(z))a‖ ≤ L‖a‖) at the budget\'s widest m (extra factor ≤ 0.28 at m = 32), c_res = 0.3',
    arbitrary: (b: GradBudget) => gradArb(b, ['tanh', 'erf']).map((c) => ({ ...c, sizes: { ...c.sizes, n: 1, m: b.m, cRes: 0.3 } })),
    check: (c, b) => gradientPointCheck(c, b.steps, 'extra-factor'),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.8's deterministic step (erratum E17).

interface StepCase { act: 'softplus' | 'sigmoid' | 'tanh'; m: number; logX: number; seed: number }

function normStep(c: StepCase, printed: boolean) {
  const r = rng(c.seed), a = ACT[c.act], act = a.make(), m = c.m;
  const W = zeros(m, m);
  r.stream('W').fillNormal(W.data);
  const x = r.stream('x').sphere(m).map((v) => v * 10 ** c.logX);
  let s = 0;
  for (let i = 0; i < m; i++) {
    let z = 0;
    for (let j = 0; j < m; j++) z += W.data[i * m + j] * x[j];
    s += act.value(z) ** 2;
  }
  const lhs = Math.sqrt(s / m), op = spectralNorm(W) / Math.sqrt(m), xn = norm(x);
  const rhs = (printed ? 0 : Math.abs(a.sigma0)) + op * a.L * xn;
  return verdict.atMost(lhs, rhs * (1 + 1e-12), `${c.act} m=${m} ‖x‖=${fmt(xn)}: ‖σ(Wx)‖/√m ${fmt(lhs)} vs ${printed ? '' : '|σ(0)| + '}‖W‖₂/√m·L‖x‖ = ${fmt(rhs)}`);
}

const stepArb = (acts: StepCase['act'][]) => fc.record({
  act: fc.constantFrom(...acts), m: fc.integer({ min: 16, max: 64 }), logX: fc.double({ min: -3, max: 0.5, noNaN: true }), seed: seedArb,
});

export const lemma38Corrected = claim({
  id: 'thesis.ch3.lemma3.8.norm-step-corrected',
  source: '002 thesis, Lemma 3.8 proof, corrected (catalog 002b §3.17 (b), §6 row 23; erratum E17)',
  statement: '‖σ(Wx)‖₂/√m ≤ |σ(0)| + (‖W‖₂/√m) L ‖x‖₂ for every W ∈ R^{m×m}, x (softplus, sigmoid, tanh)',
  kind: 'bound',
  rationale: 'triangle inequality (Lemma 3.8) with |σ(z)| ≤ |σ(0)| + L|z|; exact op norms (SVD); relative 1e-12. Catalog: never violated in 200 cases.',
  budget: { quick: { runs: 30, controlRuns: 20 }, default: { runs: 100, controlRuns: 40 }, deep: { runs: 400, controlRuns: 80 } },
  arbitrary: () => stepArb(['softplus', 'sigmoid', 'tanh']),
  check: (c) => normStep(c, false),
  negativeControl: {
    describe: 'the bound without |σ(0)| for σ(0) ≠ 0 (the printed step, E17)',
    arbitrary: () => stepArb(['softplus', 'sigmoid']).map((c) => ({ ...c, logX: Math.min(c.logX, -1.5) })),
    check: (c) => normStep(c, true),
  },
});

export const e17NormStep = claim({
  id: 'thesis.ch3.E17.lemma3.8-norm-step',
  source: '002 thesis, Lemma 3.8 proof (deterministic step), erratum E17 (catalog 002b §3.17, §5)',
  statement: 'printed: ‖(c_res/(H√m))σ(Wx)‖ ≤ (c_res c_{w,0} L/H)‖x‖, i.e. ‖σ(Wx)‖/√m ≤ (‖W‖₂/√m) L ‖x‖; corrected: + |σ(0)|',
  kind: 'falsified',
  rationale: 'the printed step needs σ(0) = 0; for softplus (σ(0) = ln 2) it fails once ‖x‖ is small (catalog: 155/200 random cases with ‖x‖ ∈ [1e-3, 3]). The family draws ‖x‖ ∈ [1e-3, 1e-1.5] so every case is a counterexample; the corrected step holds on it.',
  budget: { quick: { runs: 10 }, default: { runs: 40 }, deep: { runs: 100 } },
  arbitrary: () => stepArb(['softplus']).map((c) => ({ ...c, logX: Math.min(c.logX, -1.5) })),
  check: (c) => normStep(c, true),
  corrected: (c) => normStep(c, false),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.8's growth factor (erratum E17, second item).

interface KappaCase { kappa: number; H: number }

export const e17GrowthFactor = claim({
  id: 'thesis.ch3.E17.lemma3.8-decay-factor',
  source: '002 thesis, Lemma 3.8 proof (lower norm bound via (1 − κ/H)^{H−1} ≥ e^{−κ}, κ = c_res c_{w,0} L), erratum E17 (catalog 002b §3.17 (b), §5)',
  statement: 'printed: (1 − κ/H)^{H−1} ≥ e^{−κ} for every H ≥ 2 (κ = c_res c_{w,0} L, e.g. 0.9·2.01·1 = 1.81); corrected: (1 − κ/H)^{H−1} ≥ exp(−(H − 1)κ/(H − κ)) for κ < H (log(1 − x) ≥ −x/(1 − x)), which is ≥ e^{−κ} only for κ ≲ 1.59 at H = 2',
  kind: 'falsified',
  rationale: 'the printed step fails at H = 2 once κ ≥ 1.6 (catalog: (1 − κ/2) < e^{−κ}), which c_res close to 1 with c_{w,0} ≈ 2 reaches; the family draws κ ∈ [1.6, 1.99] at H = 2, all counterexamples. The corrected bound is exact calculus, checked with relative 1e-12.',
  budget: { quick: { runs: 10 }, default: { runs: 40 }, deep: { runs: 100 } },
  arbitrary: () => fc.record({ kappa: fc.double({ min: 1.6, max: 1.99, noNaN: true }), H: fc.constant(2) }),
  check: (c: KappaCase) => verdict.atLeast((1 - c.kappa / c.H) ** (c.H - 1), Math.exp(-c.kappa), `κ = ${fmt(c.kappa)}, H = ${c.H}: (1 − κ/H)^{H−1} vs e^{−κ}`),
  corrected: (c: KappaCase) => verdict.atLeast((1 - c.kappa / c.H) ** (c.H - 1), Math.exp((-(c.H - 1) * c.kappa) / (c.H - c.kappa)) * (1 - 1e-12), `κ = ${fmt(c.kappa)}, H = ${c.H}: (1 − κ/H)^{H−1} vs exp(−(H−1)κ/(H−κ))`),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.11's conclusion vs the §3.8 sketch (erratum E22).

interface E22Case { sizes: Ch3Sizes; seed: number }

/** λmin(G^(H)(0) + Δ) for the worst Δ = −s·I of the ball ‖Δ‖₂ ≤ s, with λ0 := (4/3)λmin(G^(H)(0)) (Lemma 3.9's ¾λ0 met with equality). */
function e22Check(c: E22Case, s: number) {
  const { model, X, theta } = ch3Instance(c.sizes, c.seed);
  const lm = lambdaMinMax(model.layerGrams(theta, X)[model.H - 1]).min, lambda0 = (4 / 3) * lm;
  const after = lm - s * lambda0;
  return verdict.atLeast(after, (lambda0 / 2) * (1 - 1e-12),
    `${label(c.sizes)}: λmin(G^(H)(0)) = ${fmt(lm)} = ¾λ0, ‖ΔG^(H)‖₂ = ${s === 0.5 ? 'λ0/2 (printed Lemma 3.11)' : 'λ0/4 (Lemma 3.4\'s form)'} ⇒ λmin(G^(H)(k)) = ${fmt(after)} vs the sketch's λ0/2 = ${fmt(lambda0 / 2)}`);
}

export const e22Stability = claim({
  id: 'thesis.ch3.E22.lemma3.11-conclusion',
  source: '002 thesis, Lemma 3.11 conclusion and the §3.8 sketch (step 4), erratum E22 (catalog 002b §3.20, §3.9, §5)',
  statement: 'printed: λmin(G^(H)(0)) ≥ ¾λ0 (Lemma 3.9) and ‖G^(H)(k) − G^(H)(0)‖₂ ≤ λ0/2 (Lemma 3.11) give λmin(G^(H)(k)) ≥ λ0/2 (what the sketch uses); corrected: it needs ‖G^(H)(k) − G^(H)(0)‖₂ ≤ λ0/4, as Lemma 3.4 concludes for the FC net',
  kind: 'falsified',
  rationale: 'Weyl: λmin(G + Δ) ≥ λmin(G) − ‖Δ‖₂, with equality at Δ = −‖Δ‖I, a perturbation the lemma\'s ball allows. At a real ResNet\'s G^(H)(0) with λ0 set so that Lemma 3.9 holds with equality, λ0/2 leaves only λ0/4 (every case a counterexample); λ0/4 leaves exactly λ0/2 (relative 1e-12).',
  budget: { quick: { runs: 4 }, default: { runs: 10 }, deep: { runs: 30 } },
  arbitrary: () => fc.record({
    sizes: fc.record({ arch: fc.constant<Arch>('resnet'), act: fc.constantFrom<ActName>('tanh', 'softplus', 'erf'), n: fc.integer({ min: 2, max: 5 }), d: fc.integer({ min: 3, max: 6 }), m: fc.integer({ min: 8, max: 32 }), H: fc.integer({ min: 2, max: 4 }), cRes: fc.constant(0.5) }),
    seed: seedArb,
  }),
  check: (c) => e22Check(c, 0.5),
  corrected: (c) => e22Check(c, 0.25),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.10's depth independence, measured: the same R at H = 3 and H = 10.

interface DepthPertBudget { runs: number; controlRuns: number; m: number }
interface DepthPertCase { arch: Arch; act: ActName; logR: number; seed: number }

/** max_{h,i} ‖x_i^(h)(θ') − x_i^(h)(θ)‖ at depth H, same data and R (‖ΔW^(h)‖_F = √m R). */
function maxDeviation(c: DepthPertCase, H: number, m: number): number {
  const sizes: Ch3Sizes = { arch: c.arch, act: c.act, n: 4, d: 4, m, H, cRes: 0.5 };
  const { model, X, theta } = ch3Instance(sizes, c.seed);
  const moved = perturb(model, theta, 10 ** c.logR, 0, rng(c.seed).stream(`direction-${H}`));
  const h0 = model.state(theta, X).hidden, h1 = model.state(moved, X).hidden;
  let worst = 0;
  for (let h = 1; h <= H; h++) worst = Math.max(worst, frobDiff(h0[h].data, h1[h].data));
  return worst;
}

function depthFlatCheck(c: DepthPertCase, b: DepthPertBudget) {
  const shallow = maxDeviation(c, 3, b.m), deep = maxDeviation(c, 10, b.m);
  return verdict.atMost(deep / shallow, 1.5, `${c.arch} ${c.act} m=${b.m} R=${fmt(10 ** c.logR)}: max_h‖Δx^(h)‖ at H = 10 ${fmt(deep)} vs H = 3 ${fmt(shallow)}`);
}

export const lemma310Depth = claim({
  id: 'thesis.ch3.lemma3.10.depth-flat-perturbation',
  source: '002 thesis, Lemma 3.10 (depth-free bound; catalog 002b §3.19 check (d), §6 row 14)',
  statement: 'ResNet (c_res = ½), same inputs and the same radius R (‖ΔW^(h)‖_F = √m R in random directions): the largest layer-output change max_{h,i}‖x_i^(h) − x_i^(h)(0)‖ at H = 10 is at most 1.5× that at H = 3',
  kind: 'bound',
  rationale: 'each residual layer adds O(c_res R/H), so the change is depth-free (catalog: 0.091 vs 0.090 softplus, 0.104 vs 0.103 tanh, as ratios to the bound); layer 1 (plain) dominates at both depths. Real weights at m = 64. The FC control exceeds 1.5 on 92 % of its cases (tanh 134/150, erf 141/150 at m = 64; ratios ≈ 1.7–1.8), so it runs 8 cases at quick: P(all 8 miss) ≤ 0.11⁸ ≈ 2e-8 per run (2 cases missed on 2 of 50 soak seeds of master 20261207).',
  budget: { quick: { runs: 4, controlRuns: 8, m: 64 }, default: { runs: 12, controlRuns: 10, m: 128 }, deep: { runs: 40, controlRuns: 12, m: 128 } },
  arbitrary: () => fc.record({ arch: fc.constant<Arch>('resnet'), act: fc.constantFrom<ActName>('tanh', 'softplus', 'erf'), logR: fc.double({ min: -3, max: -1, noNaN: true }), seed: seedArb }),
  check: (c, b: DepthPertBudget) => depthFlatCheck(c, b),
  negativeControl: {
    describe: 'the FC net under the same perturbation: the change compounds by ≈ c_x per layer (Lemma 3.3\'s g_{c_x}(h))',
    arbitrary: () => fc.record({ arch: fc.constant<Arch>('fc'), act: fc.constantFrom<ActName>('tanh', 'erf'), logR: fc.double({ min: -3, max: -1, noNaN: true }), seed: seedArb }),
    check: (c, b: DepthPertBudget) => depthFlatCheck(c, b),
  },
});
