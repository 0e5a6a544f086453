/**
 * Positive definiteness of the population Grams (thesis Propositions 3.1, Lemmas 3.23, 3.24, 3.31, Condition 3.2;
 * review 003 §2.2, §2.5, Lemma 3; catalog 002b §3.2, §3.35–§3.37, §3.45 and 001-003-004 §2.2, §2.5, §2.6; ranking rows
 * 8, 11, 34 and 003 rows 25, 26, 28). Relative thresholds throughout (catalog pitfall: positive eigenvalues can be tiny).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { lambdaExtremes } from '../../src/core/linalg.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { gaussianMoments } from '../../src/kernels/gaussian.ts';
import { fcKernel } from '../../src/kernels/deep-recursions.ts';
import { type ActName, activation, hadamardPowerGram, inputs } from './kernel-support.ts';

/** λmin/λmax of a symmetric PSD-candidate matrix. */
function relMin(K: Matrix): { rel: number; min: number; max: number } {
  const { min, max } = lambdaExtremes(K);
  return { rel: min / max, min, max };
}

// ---------------------------------------------------------------------------------------------
// Lemma 3.31 / 003 §2.2: (V Vᵀ)^{∘k} ≻ 0 iff k ≥ n − 1 (in d = 2), singular for antipodal pairs.

interface TensorCase { n: number; seed: number; antipodal: boolean }

function tensorCheck(c: TensorCase, kOffset: number): Verdict {
  const V = inputs(c.seed, c.n, 2);
  if (c.antipodal) { V.data[2] = -V.data[0]; V.data[3] = -V.data[1]; }
  const vs: Verdict[] = [];
  for (let k = 1; k <= c.n; k++) {
    const r = relMin(hadamardPowerGram(V, k));
    const claimedPd = !c.antipodal && k >= c.n - 1 + kOffset;
    vs.push(claimedPd
      ? verdict.atMost(1e-10, r.rel, `n=${c.n}, d=2, k=${k}: λmin/λmax = ${r.rel.toExponential(2)} > 1e-10 (rank n)`)
      : verdict.within(Math.abs(r.rel), 1e-12, `n=${c.n}, d=2, k=${k}${c.antipodal ? ', v_2 = −v_1' : ''}: |λmin|/λmax = ${Math.abs(r.rel).toExponential(1)} (singular: dim Sym^k(R²) = k + 1)`));
  }
  return verdict.allOf(vs);
}

export const lemma331 = claim({
  id: 'thesis.ch3.lemma3.31.hadamard-powers',
  source: '002 thesis ch. 3, Lemma 3.31 (used with the power n − 1, erratum E38) and 003 review §2.2 (catalog 002b §3.45, 001-003-004 §2.2; rows 8 and 25)',
  statement: 'for n pairwise non-parallel unit v_i ∈ R², the Gram (V Vᵀ)^{∘k} of the tensor powers v_i^{⊗k} is positive definite for k ≥ n − 1 and singular for k < n − 1; '
    + 'an antipodal pair v_2 = −v_1 makes it singular for every k',
  kind: 'exact',
  rationale: '⟨v_i^{⊗k}, v_j^{⊗k}⟩ = (v_iᵀv_j)^k; the powers live in Sym^k(R²) of dimension k + 1, so rank ≤ k + 1; lines ≥ acos 0.95 apart keep λmin/λmax ≥ 1e-6 '
    + 'at n ≤ 5 (catalog: 3.5e-5 … 0.22); singular means |λmin|/λmax ≤ 1e-12 (round-off of a 5×5 eigen-solve)',
  budget: { quick: { runs: 20 }, default: { runs: 60 }, deep: { runs: 300 } },
  arbitrary: () => fc.record({ n: fc.integer({ min: 3, max: 5 }), seed: seedArb, antipodal: fc.boolean() }),
  check: (c) => tensorCheck(c, 0),
  negativeControl: {
    describe: 'positive definite already at k = n − 2 (the print\'s n-th power read as enough at n − 2)',
    arbitrary: () => fc.record({ n: fc.integer({ min: 3, max: 5 }), seed: seedArb, antipodal: fc.constant(false) }),
    check: (c) => tensorCheck(c, -1),
  },
});

// ---------------------------------------------------------------------------------------------
// Condition 3.2's negative control: polynomial σ ⇒ rank-deficient Gram once n exceeds the feature dimension.

interface PolyCase { d: number; extra: number; seed: number }

function polynomialCheck(c: PolyCase, claimPdFor: ActName | null): Verdict {
  const vs: Verdict[] = [];
  for (const name of ['linear', 'square', 'softplus'] as ActName[]) {
    const feat = name === 'linear' ? c.d : 1 + (c.d * (c.d + 1)) / 2;
    const n = (name === 'softplus' ? 1 + (c.d * (c.d + 1)) / 2 : feat) + c.extra;
    const K1 = fcKernel(inputs(c.seed, n, c.d), activation(name), 2).layers[1];
    const r = relMin(K1);
    const pd = name === 'softplus' || name === claimPdFor;
    vs.push(pd
      ? verdict.atMost(1e-9, r.rel, `${name} d=${c.d} n=${n}: λmin(K^(1))/λmax = ${r.rel.toExponential(2)} > 1e-9`)
      : verdict.within(Math.abs(r.rel), 1e-12, `${name} d=${c.d} n=${n} > ${feat} features: |λmin(K^(1))|/λmax = ${Math.abs(r.rel).toExponential(1)}`));
  }
  return verdict.allOf(vs);
}

export const condition32 = claim({
  id: 'thesis.ch3.condition3.2.polynomial-control',
  source: '002 thesis ch. 3, Condition 3.2 (catalog 002b §3.2, row 11) and 003 review activation assumption 2 (001-003-004 §2.5, row 26)',
  statement: 'for σ(z) = z the Gram K^(1) has rank ≤ d and for σ(z) = z² rank ≤ 1 + d(d+1)/2 (E u²v² = ab + 2c²), so both are singular once n exceeds that; '
    + 'softplus (analytic, not a polynomial) gives K^(1) ≻ 0 on the same kind of data',
  kind: 'exact',
  rationale: 'closed forms for z and z² (exact feature maps), GH for softplus; singular means |λmin|/λmax ≤ 1e-12, positive means λmin/λmax > 1e-9 '
    + '(catalog: softplus 1.6e-5 at d = 2, n = 6; lines ≥ acos 0.95 apart)',
  budget: { quick: { runs: 8 }, default: { runs: 30 }, deep: { runs: 120 } },
  arbitrary: () => fc.record({ d: fc.constantFrom(2, 3), extra: fc.integer({ min: 1, max: 2 }), seed: seedArb }),
  check: (c) => polynomialCheck(c, null),
  negativeControl: {
    describe: 'the polynomial z² claimed positive definite as well (Condition 3.2 dropped)',
    check: (c) => polynomialCheck(c, 'square'),
  },
});

// ---------------------------------------------------------------------------------------------
// Proposition 3.1, Lemmas 3.23 / 3.24 and the review's Lemma 3: PD for non-parallel data, singular controls.

interface PdCase { act: ActName; H: number; n: number; seed: number; duplicate: boolean }

/** G(Z) = E σ(Zw)σ(Zw)ᵀ and H(Z) = E σ'(Zw)σ'(Zw)ᵀ ⊙ ZZᵀ for rows z_i with norms in [0.5, 2] (Lemmas 3.23, 3.24; review Lemma 3). */
function lemma323Grams(act: ActName, Z: Matrix): [Matrix, Matrix] {
  const mom = gaussianMoments(activation(act));
  const n = Z.rows, d = Z.cols, G = zeros(n, n), Hm = zeros(n, n);
  const dot = (i: number, j: number) => { let s = 0; for (let k = 0; k < d; k++) s += Z.data[i * d + k] * Z.data[j * d + k]; return s; };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const cov = { a: dot(i, i), c: dot(i, j), b: dot(j, j) };
      G.data[i * n + j] = G.data[j * n + i] = mom.dual(cov);
      Hm.data[i * n + j] = Hm.data[j * n + i] = mom.derivativeDual(cov) * cov.c;
    }
  }
  return [G, Hm];
}

function pdCheck(c: PdCase): Verdict {
  const d = Math.max(3, Math.ceil(c.n / 2) + 1);
  const X = inputs(c.seed, c.n, d);
  if (c.duplicate) X.data.copyWithin(d, 0, d); // x_2 = x_1: the hypothesis fails, every Gram is singular
  const Z = inputs(c.seed, c.n, d, true);
  if (c.duplicate) Z.data.copyWithin(d, 0, d);
  const r = relMin(fcKernel(X, activation(c.act), c.H).K);
  const [G, Hm] = lemma323Grams(c.act, Z).map(relMin);
  const tag = `${c.act} n=${c.n} d=${d}${c.duplicate ? ' (x_2 = x_1)' : ''}`;
  return verdict.allOf([
    verdict.atMost(1e-10, r.rel, `${tag} H=${c.H}: λmin(K^(H))/λmax = ${r.rel.toExponential(2)} (Prop 3.1)`),
    verdict.atMost(1e-10, G.rel, `norms ∈ [0.6, 1.4]: λmin(G(Z))/λmax = ${G.rel.toExponential(2)} (Lemma 3.23)`),
    verdict.atMost(1e-10, Hm.rel, `λmin(H(Z))/λmax = ${Hm.rel.toExponential(2)} (Lemma 3.24)`),
  ]);
}

export const proposition31 = claim({
  id: 'thesis.ch3.prop3.1.full-rank',
  source: '002 thesis ch. 3, Proposition 3.1, Lemmas 3.23 and 3.24 (catalog 002b §3.35–§3.37, row 34) and 003 review Lemma 3 (001-003-004 §2.6, row 28)',
  statement: 'for pairwise non-parallel inputs and σ analytic and not a polynomial (softplus, tanh, erf): λmin(K^(H)) > 0 (H ≤ 4), and G(Z) = E_w σ(Zw)σ(Zw)ᵀ, '
    + 'H(Z) = E_w σ\'(Zw)σ\'(Zw)ᵀ ⊙ ZZᵀ are positive definite, for rows z_i of any norms',
  kind: 'bound',
  rationale: 'λmin > 1e-10·λmax (relative; Proposition 3.1 does not quantify λmin, catalog 002b §3.35: deeper softplus gets numerically singular, 3.7e-6 at H = 10); n ≤ 8 with d ≥ n/2 + 1 and lines ≥ acos 0.95 apart '
    + '(CF pitfall: low d makes analytic kernels numerically singular); the erf sizes of the review (n up to 32) are in the default budget',
  budget: {
    quick: { runs: 8, n: [4, 8] }, default: { runs: 30, n: [4, 8, 16] }, deep: { runs: 100, n: [4, 8, 16, 32] },
  } as Record<'quick' | 'default' | 'deep', { runs: number; n: number[] }>,
  arbitrary: (b: { n: number[] }) => fc.record({
    act: fc.constantFrom<ActName>('softplus', 'tanh', 'erf'), H: fc.integer({ min: 1, max: 4 }), n: fc.constantFrom(...b.n), seed: seedArb, duplicate: fc.constant(false),
  }),
  check: (c) => pdCheck(c),
  negativeControl: {
    describe: 'a duplicated input x_2 = x_1 (parallel points: the hypothesis fails and all three Grams are singular)',
    arbitrary: (b: { n: number[] }) => fc.record({
      act: fc.constantFrom<ActName>('softplus', 'tanh', 'erf'), H: fc.integer({ min: 1, max: 4 }), n: fc.constantFrom(...b.n), seed: seedArb, duplicate: fc.constant(true),
    }),
    check: (c) => pdCheck(c),
  },
});

