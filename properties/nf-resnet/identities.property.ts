/**
 * Source 004's deterministic identities and inequalities (catalog 001-003-004 §3.0, §3.9, §3.13–§3.15):
 * the exact Jacobian in the backprop order aᵀM_H⋯M_{h+1} (rank 19), G^(H)'s closed form (2) (rank 16),
 * the corrected Lemma 7 (rank 23), the matrix-product perturbation inequality (rank 35) and the
 * geometric-sum step of Lemma 3 (rank 36).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { gemm, gemmABt } from '../../src/core/blas.ts';
import { spectralNorm } from '../../src/core/linalg.ts';
import { type Matrix, identity, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { nfResnetForward, nfResnetGramH, nfResnetLayerGrams } from '../../src/models/nf-resnet.ts';
import { type ActName, type NfSizes, activation, fmt3, makeData, makeModel, outputs, spectrum } from './support.ts';

interface NetCase { n: number; d: number; m: number; H: number; act: ActName; seed: number }
const netArb = (H: { min: number; max: number }, acts: ActName[] = ['relu', 'erf']) => fc.record({
  n: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 2, max: 6 }), m: fc.integer({ min: 4, max: 16 }),
  H: fc.integer(H), act: fc.constantFrom(...acts), seed: seedArb,
});

/** A case's instance at a moved point: θ(0) with α_h ∈ [0.5, 1.5] and W, a perturbed (so nothing relies on α = 1). */
function movedInstance(c: NetCase) {
  const s: NfSizes = { n: c.n, d: c.d, m: c.m, H: c.H, act: c.act };
  const model = makeModel(s);
  const { X, y } = makeData(c.seed, c.n, c.d);
  const r = rng(c.seed).stream('point');
  const theta = model.init(r.stream('init'));
  const al = model.blocks[c.H];
  for (let k = 0; k < al.cols; k++) theta[al.offset + k] = r.uniformIn(0.5, 1.5);
  return { model, X, y, theta };
}

// ---------------------------------------------------------------------------------------------
// Rank 19: the exact Jacobian, against central differences of u_i, block by block.

/**
 * Jacobian rows of the W^(h) blocks and α_h from backprop vectors computed with explicit matrices M_l:
 * v^(h)ᵀ = aᵀM_H⋯M_{h+1} (order 'source') or aᵀM_{h+1}⋯M_H (the reversed product, the control).
 */
function explicitJacobianRow(c: NetCase, i: number, order: 'source' | 'reversed'): Float64Array {
  const { model, X, theta } = movedInstance(c);
  const { m, H, d } = { m: c.m, H: c.H, d: c.d };
  const act = activation(c.act), f = nfResnetForward(model, theta, X);
  const coefOf = (h: number) => (h === 1 ? Math.sqrt(model.options.cSigma / m) : model.branchCoefficient(theta, h));
  const M: Matrix[] = [];
  for (let l = 2; l <= H; l++) {
    const b = model.blocks[l - 1], Ml = identity(m), c2 = coefOf(l);
    for (let r = 0; r < m; r++) {
      const dr = act.derivative(f.z[l - 1].data[i * m + r]);
      for (let q = 0; q < m; q++) Ml.data[r * m + q] += c2 * dr * theta[b.offset + r * m + q];
    }
    M[l] = Ml;
  }
  const a = theta.subarray(model.blocks[H + 1].offset, model.blocks[H + 1].offset + m);
  const row = new Float64Array(model.dim);
  for (let h = 1; h <= H; h++) {
    // vᵀ = aᵀ P with P the product of M_{h+1..H} in the chosen order.
    let v = Float64Array.from(a);
    const ls = Array.from({ length: H - h }, (_, k) => h + 1 + k); // h+1, …, H
    const seq = order === 'source' ? ls.reverse() : ls; // aᵀM_H first for the source order
    for (const l of seq) {
      const nv = new Float64Array(m);
      for (let q = 0; q < m; q++) { let t = 0; for (let r = 0; r < m; r++) t += v[r] * M[l].data[r * m + q]; nv[q] = t; }
      v = nv;
    }
    const b = model.blocks[h - 1], cols = h === 1 ? d : m, input = f.xs[h - 1].data, ch = coefOf(h);
    for (let r = 0; r < m; r++) {
      const del = act.derivative(f.z[h - 1].data[i * m + r]) * v[r];
      for (let q = 0; q < cols; q++) row[b.offset + r * cols + q] = ch * del * input[i * cols + q];
    }
    if (h >= 2) {
      let t = 0;
      for (let r = 0; r < m; r++) t += v[r] * f.sigma[h - 1].data[i * m + r];
      row[model.blocks[H].offset + h - 2] = t / (H * Math.sqrt(m));
    }
  }
  row.set(f.xs[H].data.subarray(i * m, (i + 1) * m), model.blocks[H + 1].offset);
  return row;
}

function jacobianCheck(c: NetCase, order: 'source' | 'reversed'): Verdict {
  const { model, X, theta } = movedInstance(c);
  const kd = model.kinkDistance!(theta, X);
  if (!(kd > 1e-3)) return verdict.vacuous(`within ${fmt3(kd)} of a ReLU kink: differences undefined`);
  const J = model.jacobian!(theta, X), h = 1e-6;
  let worst = 0, scale = 0, what = '';
  const probe = rng(c.seed).stream('probe');
  for (let i = 0; i < c.n; i++) {
    const row = explicitJacobianRow(c, i, order);
    for (const b of model.blocks) {
      // the model's row must equal the explicit-matrix row (source order) …
      for (let t = 0; t < 6; t++) {
        const k = b.offset + probe.int(b.rows * b.cols);
        const tp = Float64Array.from(theta); tp[k] += h;
        const tm = Float64Array.from(theta); tm[k] -= h;
        const fd = (outputs(model, tp, X)[i] - outputs(model, tm, X)[i]) / (2 * h);
        const err = Math.max(Math.abs(fd - row[k]), order === 'source' ? Math.abs(fd - J.data[i * model.dim + k]) : 0);
        scale = Math.max(scale, Math.abs(fd));
        if (err > worst) { worst = err; what = `u_${i}/∂${b.name}[${k - b.offset}]`; }
      }
    }
  }
  const tol = 1e-7 * (1 + scale);
  return verdict.within(worst, tol, `n=${c.n} d=${c.d} m=${c.m} H=${c.H} ${c.act}, ${order} order: worst |FD − Jacobian| ${fmt3(worst)} at ∂${what} (tol ${fmt3(tol)})`);
}

export const jacobian = claim({
  id: 'nfresnet004.jacobian.backprop-order',
  source: '004 supplement, the gradient formula of Theorem 1\'s proof as corrected (catalog 001-003-004 §3.0, rank 19; erratum §5.3.2)',
  statement: 'NF-ResNet Jacobian rows: ∂u/∂W^(h) = c_h(D^(h)v^(h))x^(h−1)ᵀ, ∂u/∂W^(1) = √(c_σ/m)(D^(1)v^(1))xᵀ, ∂u/∂α_h = v^(h)ᵀσ(z^(h))/(H√m), ∂u/∂a = x^(H) '
    + 'with v^(h)ᵀ = aᵀM_H M_{H−1}⋯M_{h+1} (M_l = I + c_l D^(l)W^(l)) match central differences of u_i (h = 1e-6) on every block type, as does the model\'s jacobian()',
  kind: 'exact',
  rationale: 'central differences at h = 1e-6 have truncation O(h²·u\'\'\') and rounding ≈ 1e-10·|u|: tolerance 1e-7(1 + max|∂u|) (catalog: ≈ 7 digits agree); '
    + 'ReLU points within 1e-3 of a kink are vacuous; α_h drawn in [0.5, 1.5] so α enters every block',
  budget: { quick: { runs: 12 }, default: { runs: 40 }, deep: { runs: 150 } },
  arbitrary: () => netArb({ min: 2, max: 5 }),
  check: (c) => jacobianCheck(c, 'source'),
  negativeControl: {
    describe: 'the product in the reversed order aᵀM_{h+1}⋯M_H (H ≥ 3, erf: the printed ∏_{l=h+1}^H without its order)',
    arbitrary: () => netArb({ min: 3, max: 5 }, ['erf']),
    check: (c) => jacobianCheck(c, 'reversed'),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 16: the closed form (2) of G^(H) against J_H J_Hᵀ from backprop.

function gramHCheck(c: NetCase, dropA: boolean): Verdict {
  const { model, X, theta } = movedInstance(c);
  const m = c.m, H = c.H, n = c.n;
  // J_H J_Hᵀ: the W^(H) block's Gram from backprop (the δ form) ...
  const GH = nfResnetLayerGrams(model, theta, X).W[H - 1];
  // ... against (2): α_H²/(H²m)(x_i^(H−1)·x_j^(H−1)) Σ_r a_r² σ'(w_r·x_i)σ'(w_r·x_j), from the closed-form helper,
  // or with a_r² dropped (the control).
  let G2: Matrix = nfResnetGramH(model, theta, X);
  if (dropA) {
    const f = nfResnetForward(model, theta, X), act = activation(c.act), D = zeros(n, m), P = zeros(n, n), Q = zeros(n, n);
    for (let k = 0; k < D.data.length; k++) D.data[k] = act.derivative(f.z[H - 1].data[k]);
    gemmABt(D, D, P);
    gemmABt(f.xs[H - 1], f.xs[H - 1], Q);
    const cH = model.branchCoefficient(theta, H) ** 2;
    G2 = zeros(n, n);
    for (let k = 0; k < P.data.length; k++) G2.data[k] = cH * P.data[k] * Q.data[k];
  }
  let err = 0, scale = 0;
  for (let k = 0; k < GH.data.length; k++) { err = Math.max(err, Math.abs(GH.data[k] - G2.data[k])); scale = Math.max(scale, Math.abs(GH.data[k])); }
  const tol = 1e-12 * (1 + scale);
  return verdict.within(err, tol, `n=${n} m=${m} H=${H} ${c.act}: max|J_HJ_Hᵀ − (2)${dropA ? ' without a_r²' : ''}| ${fmt3(err)} vs tol ${fmt3(tol)}`);
}

export const gramH = claim({
  id: 'nfresnet004.eq2.gram-closed-form',
  source: '004 supplement, eq. (2) for G^(H) (catalog 001-003-004 §3.13, rank 16)',
  statement: 'G^(H)_ij = α_H²/(H²m) (x_i^(H−1))ᵀx_j^(H−1) Σ_r a_r² σ\'(w_r^(H)ᵀx_i^(H−1)) σ\'(w_r^(H)ᵀx_j^(H−1)) equals J_H J_Hᵀ, the W^(H)-block Gram of the backprop Jacobian',
  kind: 'exact',
  rationale: 'the same products summed in another order: tolerance 1e-12(1 + max|G|)',
  budget: { quick: { runs: 20 }, default: { runs: 80 }, deep: { runs: 300 } },
  arbitrary: () => netArb({ min: 2, max: 5 }),
  check: (c) => gramHCheck(c, false),
  negativeControl: { describe: '(2) with Σ_r σ\'σ\' (a_r² dropped, as if every a_r² = E a_r² = 1)', check: (c) => gramHCheck(c, true) },
});

// ---------------------------------------------------------------------------------------------
// Rank 23: Lemma 7 with its factor η restored.

interface L7Case extends NetCase { logEta: number }
const l7EtaArb = (min: number, max: number) => netArb({ min: 2, max: 5 }).chain((c) => fc.double({ min, max, noNaN: true }).map((logEta) => ({ ...c, logEta })));
const l7Arb = () => l7EtaArb(-4, 0);
/** Steps far below t = λmin(G^(H))‖y−u‖²/((y−u)ᵀJJᵀ(y−u)), where Lemma 7 as printed (no η) fails for every non-singular G^(H). */
const l7TinyStepArb = () => l7EtaArb(-14, -10);

/** (y − u)ᵀI_1 and the pieces of Lemma 7 at a random θ: I_1 = −ηJ Jᵀ(u − y), G^(H) = J_H J_Hᵀ. */
export function lemma7Parts(c: L7Case) {
  const { model, X, y, theta } = movedInstance(c);
  const eta = 10 ** c.logEta, u = outputs(model, theta, X), n = c.n;
  const J = model.jacobian!(theta, X), G = zeros(n, n);
  gemmABt(J, J, G);
  // I_1 = −η⟨L'(θ), u_i'(θ)⟩ with L' = Jᵀ(u − y): computed from the loss gradient itself.
  const grad = new Float64Array(model.dim), ws = model.workspace(n);
  model.lossAndGradient(theta, X, y, grad, ws);
  const I1 = new Float64Array(n);
  for (let i = 0; i < n; i++) { let t = 0; for (let k = 0; k < model.dim; k++) t += J.data[i * model.dim + k] * grad[k]; I1[i] = -eta * t; }
  let lhs = 0, r2 = 0, idErr = 0, scale = 0;
  for (let i = 0; i < n; i++) {
    let Gr = 0;
    for (let j = 0; j < n; j++) Gr += G.data[i * n + j] * (u[j] - y[j]);
    idErr = Math.max(idErr, Math.abs(I1[i] + eta * Gr));
    scale = Math.max(scale, Math.abs(eta * Gr));
    lhs += (y[i] - u[i]) * I1[i];
    r2 += (y[i] - u[i]) ** 2;
  }
  const lamH = spectrum(nfResnetGramH(model, theta, X)).min, lamFull = spectrum(G);
  return { eta, lhs, r2, lamH, lamFull, idErr, scale, label: `n=${n} m=${c.m} H=${c.H} ${c.act} η=${fmt3(eta)}` };
}

function lemma7Check(c: L7Case, useMax: boolean): Verdict {
  const p = lemma7Parts(c);
  const lam = useMax ? p.lamFull.max : p.lamH;
  return verdict.allOf([
    verdict.within(p.idErr, 1e-11 * (1 + p.scale), `I_1 = −ηJJᵀ(u − y): max error ${fmt3(p.idErr)}`),
    verdict.atLeast(p.lhs, p.eta * lam * p.r2 * (1 - 1e-12), `(y−u)ᵀI_1 = ${fmt3(p.lhs)} ≥ ηλ${useMax ? 'max(JJᵀ)' : 'min(G^(H))'}‖y−u‖² = ${fmt3(p.eta * lam * p.r2)}`),
  ], p.label);
}

export const lemma7 = claim({
  id: 'nfresnet004.lemma7.corrected',
  source: '004 supplement, Lemma 7 with the factor η restored (catalog 001-003-004 §3.9, rank 23; erratum §5.3.8)',
  statement: 'I_1 = −ηJJᵀ(u − y) and (y − u)ᵀI_1 ≥ η λmin(G^(H)) ‖y − u‖² at random θ (all blocks trained, α_h moved, η ∈ [1e-4, 1])',
  kind: 'bound',
  rationale: 'exact: (y−u)ᵀI_1 = η(y−u)ᵀJJᵀ(y−u) and JJᵀ = Σ of PSD block Grams ⪰ G^(H); 1e-12 relative slack for rounding',
  budget: { quick: { runs: 20 }, default: { runs: 80 }, deep: { runs: 300 } },
  arbitrary: l7Arb,
  check: (c) => lemma7Check(c, false),
  negativeControl: { describe: 'λmax(JJᵀ) in place of λmin(G^(H))', check: (c) => lemma7Check(c, true) },
});

// ---------------------------------------------------------------------------------------------
// Rank 35: ‖∏A_i − ∏B_i‖_F ≤ (Σα_i)∏M_i.

interface ProdCase { k: number; size: number; aligned: boolean; seed: number }
const prodArb = (aligned: fc.Arbitrary<boolean>) => fc.record({ k: fc.integer({ min: 2, max: 6 }), size: fc.integer({ min: 4, max: 16 }), aligned, seed: seedArb });

function frob(a: Matrix): number { let s = 0; for (const v of a.data) s += v * v; return Math.sqrt(s); }

function productCheck(c: ProdCase, useMax: boolean): Verdict {
  const r = rng(c.seed), s = c.size;
  const A: Matrix[] = [], B: Matrix[] = [];
  for (let i = 0; i < c.k; i++) {
    const a = zeros(s, s), e = zeros(s, s);
    if (c.aligned) {
      // A_i = c_i·(signed permutation): ‖A_i‖_F = √s‖A_i‖₂ and ‖∏A‖_F = ∏‖A_i‖₂·√s, where the bound is tight to first order.
      const ri = r.stream(`Q${i}`), perm = Array.from({ length: s }, (_, q) => q), ci = ri.uniformIn(0.5, 2);
      for (let q = s - 1; q > 0; q--) { const j = ri.int(q + 1); [perm[q], perm[j]] = [perm[j], perm[q]]; }
      for (let q = 0; q < s; q++) a.data[q * s + perm[q]] = ci * ri.rademacher();
    } else r.stream(`A${i}`).fillNormal(a.data, 1 / Math.sqrt(s));
    const eps = 10 ** r.stream(`eps${i}`).uniformIn(-3, 0);
    if (c.aligned) for (let q = 0; q < e.data.length; q++) e.data[q] = eps * a.data[q]; // B_i = (1 + ε_i)A_i: the first-order-tight family
    else { r.stream(`E${i}`).fillNormal(e.data); const f = frob(e); for (let q = 0; q < e.data.length; q++) e.data[q] *= eps / f; }
    const b = zeros(s, s);
    for (let q = 0; q < b.data.length; q++) b.data[q] = a.data[q] + e.data[q];
    A.push(a); B.push(b);
  }
  const prod = (Ms: Matrix[]) => Ms.slice(1).reduce((P, Mi) => { const out = zeros(s, s); gemm(P, Mi, out); return out; }, Ms[0]);
  const PA = prod(A), PB = prod(B);
  let diff = 0;
  for (let q = 0; q < PA.data.length; q++) diff += (PA.data[q] - PB.data[q]) ** 2;
  diff = Math.sqrt(diff);
  let sumAlpha = 0, maxAlpha = 0, prodM = 1;
  for (let i = 0; i < c.k; i++) {
    const Mi = Math.max(spectralNorm(A[i]), spectralNorm(B[i]));
    let e = 0; for (let q = 0; q < A[i].data.length; q++) e += (A[i].data[q] - B[i].data[q]) ** 2;
    const al = Math.sqrt(e) / Mi;
    sumAlpha += al; maxAlpha = Math.max(maxAlpha, al); prodM *= Mi;
  }
  const rhs = (useMax ? maxAlpha : sumAlpha) * prodM;
  return verdict.atMost(diff, rhs * (1 + 1e-12), `k=${c.k} ${s}×${s}${c.aligned ? ' aligned' : ''}: ‖∏A − ∏B‖_F ${fmt3(diff)} vs (${useMax ? 'max' : 'Σ'}α_i)∏M_i ${fmt3(rhs)}`);
}

export const matrixProduct = claim({
  id: 'nfresnet004.lemma6.product-perturbation',
  source: '004 supplement, proof of Lemma 6: the matrix-product perturbation inequality (catalog 001-003-004 §3.14, rank 35)',
  statement: '‖A_i‖₂, ‖B_i‖₂ ≤ M_i and ‖A_i − B_i‖_F ≤ α_iM_i ⇒ ‖∏A_i − ∏B_i‖_F ≤ (Σ_i α_i)∏M_i (k ∈ [2, 6] factors, random and aligned perturbations)',
  kind: 'bound',
  rationale: 'telescoping with ‖XY‖_F ≤ ‖X‖₂‖Y‖_F: deterministic; M_i = max(‖A_i‖₂, ‖B_i‖₂), α_i = ‖A_i − B_i‖_F/M_i; relative tolerance 1e-12. '
    + 'Half the cases are A_i = c_i·(signed permutation), B_i = (1 + ε_i)A_i, where the bound is tight to first order',
  budget: { quick: { runs: 40 }, default: { runs: 200 }, deep: { runs: 1000 } },
  arbitrary: () => prodArb(fc.boolean()),
  check: (c) => productCheck(c, false),
  negativeControl: {
    describe: 'max_i α_i in place of Σ_i α_i (aligned perturbations add up: ∏(1+ε) − 1 > max_i ε_i∏_{j≠i}(1+ε_j))',
    arbitrary: () => prodArb(fc.constant(true)),
    check: (c) => productCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 36: the geometric-sum step of Lemma 3.

function geometricCheck(x: number, half: boolean): Verdict {
  // Σ_{s≥0} (1 − x)^{s/2}·(x/2) = (x/2)/(1 − √(1 − x)) ≤ 1 because 1 − √(1 − x) ≥ x/2, with x = ηλ0/2 ∈ (0, 1]; partial sums too.
  const bound = half ? 0.5 : 1;
  const q = Math.sqrt(1 - x);
  let partial = 0, worst = 0, term = x / 2;
  for (let s = 0; s < 2000 && term > 1e-18; s++) { partial += term; worst = Math.max(worst, partial); term *= q; }
  const closed = (x / 2) / (x / (1 + q)); // 1 − √(1 − x) = x/(1 + √(1 − x)), without cancellation
  const lhs = Math.max(worst, closed);
  return verdict.atMost(lhs, bound * (1 + 1e-12), `x = ηλ0/2 = ${fmt3(x)}: Σ(1−x)^{s/2}x/2 = ${fmt3(closed)} (max partial ${fmt3(worst)}) ≤ ${bound}`);
}

export const geometricSum = claim({
  id: 'nfresnet004.lemma3.geometric-sum',
  source: '004 supplement, proof of Lemma 3: the geometric-sum step (catalog 001-003-004 §3.15, rank 36)',
  statement: 'Σ_{s≥0} (1 − ηλ0/2)^{s/2} · ¼ηλ0 ≤ 1 for every ηλ0/2 ∈ (0, 1], and so is every partial sum (1 − √(1 − x) ≥ x/2)',
  kind: 'bound',
  rationale: 'elementary; attained as x → 0 (the closed form tends to 1 from below), so the grid reaches x = 1e-8; 1e-12 relative for rounding. '
    + 'The control (bound ½: the sum is (1 + √(1 − x))/2) is false for every x < 1 but true at x = 1, where fast-check\'s doubles '
    + 'pile up (exponents at or within 1e-16 of 0 all give x = 1 in floating point: 85 % of cases, so it caught 15 % and a run with none '
    + 'had probability ≈ 5e-5); the control draws x ∈ [1e-8, 10^−0.3], where every case catches it',
  budget: { quick: { runs: 60 }, default: { runs: 200 }, deep: { runs: 1000 } },
  arbitrary: () => fc.double({ min: -8, max: 0, noNaN: true }).map((e) => 10 ** e),
  check: (x) => geometricCheck(x, false),
  negativeControl: {
    describe: 'the bound ½ (1 − √(1 − x) ≥ x, the ½ of the step dropped)',
    arbitrary: () => fc.double({ min: -8, max: -0.3, noNaN: true }).map((e) => 10 ** e),
    check: (x) => geometricCheck(x, true),
  },
});

export const lemma7Printed = claim({
  id: 'nfresnet004.E41.lemma7-without-eta',
  source: '004 supplement, Lemma 7 as printed (catalog 001-003-004 §3.9, erratum §5.3.8)',
  statement: 'printed: (y − u(k))ᵀI_1(k) ≥ λmin(G^(H)(k))‖y − u(k)‖²; corrected: ≥ η λmin(G^(H)(k))‖y − u(k)‖² (I_1 = −ηJJᵀ(u − y) carries the step)',
  kind: 'falsified',
  rationale: 'I_1 is linear in η, so Lemma 7\'s printed bound fails exactly when η < t = λmin(G^(H))‖y−u‖²/((y−u)ᵀJJᵀ(y−u)) (t ≤ 1; not in supplement 004). '
    + 'Over η ∈ [1e-4, 1] (fast-check\'s doubles) only 6% of cases are counterexamples (t has median 9e-4 and 10% below 3e-6), so 20 runs found none on 5 of 50 soak seeds. '
    + 'The printed lemma carries no η, so every step is in its scope: half the cases draw log10 η ∈ [−14, −10], below t for every erf case (529/529 counterexamples in a 2000-case sample) '
    + 'and for ReLU unless G^(H) is singular to rounding (416/467: then the printed bound holds trivially); per case ≈ 0.5 is a counterexample, so 30 runs miss with probability ≈ 0.5^30 ≈ 1e-9',
  budget: { quick: { runs: 30 }, default: { runs: 60 }, deep: { runs: 200 } },
  arbitrary: () => fc.oneof(l7Arb(), l7TinyStepArb()),
  check: (c) => {
    const p = lemma7Parts(c);
    // The same 1e-12 relative rounding allowance as the corrected check: a counterexample must fail by more than rounding (shrinking drives η to the boundary η = t).
    return verdict.atLeast(p.lhs, p.lamH * p.r2 * (1 - 1e-12), `${p.label}: (y−u)ᵀI_1 = ${fmt3(p.lhs)} vs λmin(G^(H))‖y−u‖² = ${fmt3(p.lamH * p.r2)}`);
  },
  corrected: (c) => lemma7Check(c, false),
});
