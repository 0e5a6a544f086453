/**
 * Errata ledger of catalog 002a: thesis chapter 2, "Gradient Descent Provably Optimizes
 * Over-parameterized Two-layer ReLU Neural Networks" (catalog §5, E1–E16). Statuses follow
 * src/errata/types.ts; claim ids are those of properties/two-layer/.
 */
import type { Erratum } from '../types.ts';

const catalog = '002a';
const source = '002 thesis ch. 2';

export const errata002a: readonly Erratum[] = [
  {
    id: '002a.E1', catalog, source,
    location: 'Chapter 2 title (and table of contents)',
    printed: '"Over-paramterized"',
    corrected: '"Over-parameterized"',
    status: 'notation',
    why: 'a spelling slip in the title; no mathematical content',
  },
  {
    id: '002a.E2', catalog, source,
    location: 'Theorem 2.1 proof (§2.6), eq. (2.9), Lemma 2.6',
    printed: 'α_1φ(x_i) + ⋯ + α_nφ(x_n) = 0; in (2.9) the integrand written φ(x_j) but evaluated at x_i; φ defined with ≥ and later with >; '
      + 'ℋ called "integrable" with E|f(w)|² < ∞; Lemma 2.6 says "i ∈ [m]"',
    corrected: 'α_1φ(x_1); φ(x_i) in (2.9); the ≥/> difference is on a null set and harmless; "square-integrable" with E‖f(w)‖₂² < ∞; i ∈ [n]',
    status: 'notation',
    why: 'index and wording slips in the proof of Theorem 2.1; the ≥/> change is on a measure-zero set, so no number changes',
  },
  {
    id: '002a.E3', catalog, source,
    location: 'Theorems 2.2 and 2.3 (width requirement); text after Theorem 2.2',
    printed: 'm = Ω(n⁶/(λ0⁶δ³)) in both theorems, while the text after Theorem 2.2 says Ω(n⁶/(λ0⁴δ³))',
    corrected: 'the proof (R\' < R with ‖y − u(0)‖² = O(n/δ)) gives m = Ω(n⁶/(λ0⁴δ³)), as the ICLR version states',
    status: 'not-an-error',
    why: 'since λ0 ≤ 1/2, the printed λ0⁶ asks for a larger width than the proof needs: a stronger, still sufficient hypothesis, so both statements are true '
      + '(and either width is ≳ 1e15 at n = 20, beyond what the suite can run: catalog rank 19)',
  },
  {
    id: '002a.E4', catalog, source,
    location: 'Lemma 2.2 proof (Markov step)',
    printed: 'with probability 1 − δ, Σ_ij |H_ij − H_ij(0)| ≤ 4n²R/√(2πδ) (from E Σ_ij |H_ij − H_ij(0)| ≤ 4n²R/√(2π))',
    corrected: 'Markov gives ≤ 4n²R/(√(2π)δ); only then does R = cδλ0/n² cancel δ. The last step also needs λmin(H(0)) ≥ ¾λ0 (Lemma 2.1\'s event, '
      + 'not among Lemma 2.2\'s hypotheses) and c ≤ √(2π)/16',
    status: 'falsified',
    claim: 'thesis.ch2.E4.lemma2.2-markov',
  },
  {
    id: '002a.E5', catalog, source,
    location: 'Lemma 2.3 statement and proof',
    printed: '‖dw_r/ds‖ ≤ √(n/m) e^{−λ0 s}‖y − u(0)‖ and R\' = √n‖y − u(0)‖/(√m λ0); the integral line prints √(mλ0) for √m λ0',
    corrected: 'the rate half gives ‖y − u(s)‖ ≤ e^{−λ0 s/2}‖y − u(0)‖, so R\' = 2√n‖y − u(0)‖₂/(√m λ0) (the ICLR version\'s constant)',
    status: 'falsified',
    claim: 'thesis.ch2.E5.lemma2.3-radius',
  },
  {
    id: '002a.E6', catalog, source,
    location: 'Lemma 2.4 proof (appendix)',
    printed: 't0 = inf{t > 0 : max_r ‖w_r(t) − w_r(0)‖₂² ≥ R} (squared, twice); "H(t0) ≥ ½λ0 for t\' ≤ t0"; "‖w_r(t) − w_r(0)‖ ≥ R\'" as the negation of "≤ R\'"',
    corrected: 't0 = inf{t > 0 : max_r ‖w_r(t) − w_r(0)‖₂ ≥ R} (unsquared, so that Lemma 2.2\'s ball applies before t0); λmin(H(t\')) ≥ ½λ0 for t\' ≤ t0; '
      + 'the negation is "> R\'"',
    status: 'corrected-in',
    claim: 'thesis.ch2.lemma2.2.uniform-bound',
    why: 'with the squared t0 the weights before t0 are only known to lie within √R > R, so "by Lemma 2.2" (an R-ball statement) does not apply; '
      + 'the contradiction at t0 itself still holds (√R > R > R\'). No number shows it: Lemma 2.4 needs R\' < R, i.e. m ≳ 1e15 (catalog rank 19), '
      + 'and at runnable sizes λmin(H) ≥ λ0/2 survives even the √R-ball (n = 1: it takes radius ≈ 0.6 to switch off a quarter of the units, '
      + 'while √R ≤ 0.28√δ). The claim asserts the R-ball step the corrected proof uses: Σ_ij |H_ij(W) − H_ij(0)| ≤ Z(R) for every W with '
      + 'max_r ‖w_r − w_r(0)‖ ≤ R',
  },
  {
    id: '002a.E7', catalog, source,
    location: '§2.2 (after Lemma 2.4), E‖y − u(0)‖²',
    printed: 'Σ_i (y_i² + y_i E f + E f²) = Σ_i (y_i² + 1)',
    corrected: 'Σ_i (y_i² − 2y_i E f + E f²) = ‖y‖² + n/2, since E f = 0 and E f² = E σ(z)² = ½ (the O(n) conclusion is unaffected)',
    status: 'falsified',
    claim: 'thesis.ch2.E7.initial-loss',
  },
  {
    id: '002a.E8', catalog, source,
    location: 'Corollary 2.1 proof (appendix), third and fourth lines of the chain',
    printed: 'η Σ_{k\'=0}^{k} √n‖y − u(k\')‖/√m ≤ η Σ_{k\'=0}^{k} √n(1 − ηλ/2)^{k\'/2}‖y − u(k\')‖/√m, then the sum to ∞ "=" 4√n‖y − u(0)‖/(√m λ0)',
    corrected: '≤ η Σ_{k\'} √n(1 − ηλ0/2)^{k\'/2}‖y − u(0)‖/√m (Condition 2.1), and Σ_{k\'≥0} (1 − x)^{k\'/2} = 1/(1 − √(1 − x)) ≤ 2/x with x = ηλ0/2, '
      + 'which gives the 4',
    status: 'falsified',
    claim: 'thesis.ch2.E8.cor2.1-chain',
  },
  {
    id: '002a.E9', catalog, source,
    location: '§2.3.1 (definition of A_ir: R = cλ0/n²) and the last inequality of the induction',
    printed: 'R = cλ0/n² (no δ), with the last inequality 1 − ηλ0 + 2Cηn²R/δ + 2Cηn^{3/2}R/δ + η²n² ≤ 1 − ηλ0/2 "by the bound of R"',
    corrected: 'R = cδλ0/n², as in Lemma 2.2: the R-terms are then 2Ccηλ0(1 + n^{−1/2}) ≤ ηλ0/4 for c ≤ 1/(16C), whatever δ',
    status: 'falsified',
    claim: 'thesis.ch2.E9.sec2.3.1-radius',
  },
  {
    id: '002a.E10', catalog, source,
    location: 'Lemma 2.1 proof (appendix), union bound',
    printed: '"Setting δ\' = n²δ" and applying the union bound over the (i, j) pairs',
    corrected: 'δ\' = δ/n²; the stated 4√(log(n/δ)/m) then follows since 2√(log(n²/δ)) ≤ 4√(log(n/δ))',
    status: 'falsified',
    claim: 'thesis.ch2.E10.union-delta',
  },
  {
    id: '002a.E11', catalog, source,
    location: '§2.4, pattern-change metric',
    printed: 'Σ_{i=1}^{m} Σ_{r=1}^{m} I{sign(w_r(0)ᵀx_i) ≠ sign(w_r(k)ᵀx_i)} / (mn)',
    corrected: 'Σ_{i=1}^{n} Σ_{r=1}^{m} … / (mn) (there are mn patterns, as the text says)',
    status: 'notation',
    why: 'an index-range typo in the definition of a plotted metric (the text\'s "mn patterns" fixes it); it asserts nothing numeric',
  },
  {
    id: '002a.E12', catalog, source,
    location: '§2.3.1, analysis of I_1^i and I_2^i and the induction display',
    printed: '"‖w_r(k) − w_r(0)‖ ≤ R\' and ‖w_r(k) − w_r(0)‖ ≤ R\'" (duplicate); "|S_i|^⊥" in the I_2 bound; "I_2" and "H(k)^⊥"',
    corrected: 'the second is ‖w_r(k+1) − w_r(0)‖ ≤ R\' (Corollary 2.1); |S_i^⊥|; I_2 = (I_2^i)_i and H^⊥(k)',
    status: 'notation',
    why: 'a repeated (true) inequality where k + 1 was meant, and symbol slips; no printed number is wrong (the k + 1 bound is (2.7), asserted by thesis.ch2.cor2.1.drift)',
  },
  {
    id: '002a.E13', catalog, source,
    location: 'Theorems 2.2 and 2.3 ("with probability at least 1 − δ"); §2.3.1 proof',
    printed: 'with probability at least 1 − δ over the initialization, from Lemmas 2.1, 2.2, 2.5 and the Markov bound ‖y − u(0)‖² = O(n/δ), '
      + 'each holding with probability ≥ 1 − δ (the proof also cites "Lemma 2.2" where it needs ‖w_r(k) − w_r(0)‖ ≤ R from Corollary 2.1 with R\' < R)',
    corrected: 'the union bound gives probability ≥ 1 − 4δ (rescale δ to δ/4 for the stated 1 − δ); the Lemma 2.2 step is fine once m is large enough for R\' < R',
    status: 'falsified',
    claim: 'thesis.ch2.E13.thm2.3-probability',
  },
  {
    id: '002a.E14', catalog, source,
    location: 'Lemma 2.1 proof (appendix), Hoeffding step',
    printed: 'with probability 1 − δ\', |H_ij(0) − H∞_ij| ≤ 2√(log(1/δ\')/m)',
    corrected: 'valid; range width ≤ 1 gives the tighter √(log(2/δ\')/(2m))',
    status: 'not-an-error',
    why: 'the printed Hoeffding radius is valid but loose (observed slack 4–6×, catalog §3.28); thesis.ch2.lemma2.1.entrywise-union asserts the resulting bound',
  },
  {
    id: '002a.E15', catalog, source,
    location: 'Theorem 2.1',
    printed: 'if for any i ≠ j, x_i ∦ x_j, then λ0 > 0',
    corrected: '"∦" must exclude anti-parallel pairs too (the proof\'s Lemma 2.6 needs D_i ≠ D_j); anti-parallel pairs do not by themselves force λ0 = 0: '
      + 'with p generic antipodal pairs in R^d, λ0 = 0 iff p > d',
    status: 'not-an-error',
    why: 'true with "parallel" in its usual sense (x_i a nonzero multiple of x_j, negative multiples included); the catalog records it as a '
      + 'clarification. thesis.ch2.thm2.1.antipodal checks p ≤ d antipodal pairs give λ0 > 0, and its control that p > d give λ0 = 0',
  },
  {
    id: '002a.E16', catalog, source,
    location: 'chapter introduction (Analysis Technique Overview)',
    printed: 'activation patterns I{w_rᵀx_i > 0}',
    corrected: 'I{w_rᵀx_i ≥ 0}, as in (2.3) and (2.5)',
    status: 'notation',
    why: 'the strict and non-strict patterns differ only on the null set w_rᵀx_i = 0; no number changes',
  },
];
