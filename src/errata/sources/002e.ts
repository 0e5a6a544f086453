/**
 * The errata ledger of catalog 002e, thesis Chapter 7 (strict saddles, the octopus counter-example):
 * one entry per erratum E1–E21 of the catalog's §5 table (issue 13). The claims named here are in
 * properties/saddle/ (the falsified ones in errata.property.ts and errata-ledger.property.ts).
 */
import type { Erratum } from '../types.ts';

const base = { catalog: '002e', source: '002 thesis ch. 7' } as const;

export const errata002e: readonly Erratum[] = [
  {
    ...base, id: '002e.E1', location: 'Theorem 7.4 (bound claim)',
    printed: 'if f(y1) < f(y0) < 0 and f′(y1) ≥ 3(f(y1) − f(y0))/(y1 − y0), then f(y1) ≤ p ≤ f(y0) on [y0, y1]',
    corrected: 'sufficient: f′(y0), f′(y1) ∈ [3S, 0] with S = (f(y1) − f(y0))/(y1 − y0) (the printed hypothesis does not force f′(y1) ≤ 0; in Lemma 7.4 p′(2τ) = 2L > 0)',
    status: 'falsified', claim: 'thesis.ch7.thm7.4.bound-as-printed',
  },
  {
    ...base, id: '002e.E2', location: 'Lemma 7.4 (lower bounds)',
    printed: '−4Lτ ≤ ∂g(x_i, x_{i+1})/∂x_i and −4Lτ ≤ g1′(x_i) for τ ≤ x_i ≤ 2τ, 0 ≤ x_{i+1} ≤ τ',
    corrected: '∂g/∂x_i ≥ −(5.95L + 3.99γ)τ and g1′ ≥ −(4.066L + 2.107γ)τ (min g1′ is 2–3.4% below −4Lτ; ∂g/∂x_i up to ≈1.9× lower at x_{i+1} = τ); the upper bounds ≤ −2γτ are true',
    status: 'falsified', claim: 'thesis.ch7.lemma7.4.dg-lower-as-printed', alsoClaims: ['thesis.ch7.lemma7.4.g1p-lower-as-printed'],
  },
  {
    ...base, id: '002e.E3', location: '§7.4.1 (proof sketch)',
    printed: 't_d ≥ ((L + γ)/γ)^d',
    corrected: 'exponent d − 1 with the factor 1/(2ηγ): T_d ≥ (1/(2ηγ))((L + γ)/γ)^{d−1} (Lemma 7.2); the key-observation claim\'s control is the print at d = 2 (t2 ≥ ((L+γ)/γ)²), and thesis.ch7.thm7.3.part1-lower-bound\'s control the exponent d on the octopus',
    status: 'refuted-by-control', claim: 'thesis.ch7.eq7.3.key-observation',
  },
  {
    ...base, id: '002e.E4', location: 'Lemma 7.2 proof',
    printed: 'T_1 − T_1^τ ≥ 1/(ηγ) ≥ T_1^τ',
    corrected: 'T_1 − T_1^τ ≥ 1/(2ηγ) (as the proof later uses); ≥ T_1^τ still holds since T_1^τ ≤ 1/(2ηγ)',
    status: 'refuted-by-control', claim: 'thesis.ch7.lemma7.2.sub-claims',
  },
  {
    ...base, id: '002e.E5', location: 'Lemma 7.2 proof and §7.7.2 (GD stays in D_0)',
    printed: 'x_j^(t+1) = (1 − ηL)x_j^(t) − 4ηLτ ∈ [2τ, 6τ] for 1 ≤ j ≤ k',
    corrected: 'x_j^(t+1) = (1 − 2ηL)x_j^(t) + 8ηLτ, i.e. x_j − 4τ contracts by (1 − 2ηL), for 1 ≤ j ≤ k − 1',
    status: 'falsified', claim: 'thesis.ch7.lemma7.2.escaped-update-as-printed',
  },
  {
    ...base, id: '002e.E6', location: 'eq. (7.12)',
    printed: 'D = ∪_{i=1}^{d} {…, 6τ ≥ |x_1|, …, |x_{i−1}| ≥ 2τ, |x_i| ≤ 2τ, |x_{i+1}|, …, |x_d| ≤ τ}',
    corrected: 'the union runs to i = d + 1 (as (7.5) does): the final basin, which holds the minima 4τσ, is part of D',
    status: 'falsified', claim: 'thesis.ch7.eq7.12.union-as-printed',
  },
  {
    ...base, id: '002e.E7', location: 'eq. (7.18)',
    printed: 'in the final basin f = Σ_{j ≤ i−1} L(|x_j| − 4τ)² − dν, with i undefined there',
    corrected: 'f = Σ_{j ≤ d} L(|x_j| − 4τ)² − dν (the reading i = d + 1)',
    status: 'corrected-in', claim: 'thesis.ch7.golden-values',
    why: 'the printed sum has an undefined index in the final basin, so it gives no number to test; the corrected sum is what golden-values checks at the basin point E (and lemma7.1.stationary-points at the minima)',
  },
  {
    ...base, id: '002e.E8', location: 'Remark 7.2',
    printed: 'if x ∈ D_0 and x_d ≤ 2τ, then x cannot be an ε-second-order stationary point for ε ≤ 4γ²/ρ',
    corrected: 'ε < 4γ²/ρ: at ε = 4γ²/ρ, λmin = −2γ = −√(ρε) meets the SOSP condition (the gradient bound ≥ γτ also sharpens to ≥ 2γτ)',
    status: 'refuted-by-control', claim: 'thesis.ch7.rem7.2.no-sosp-in-D',
  },
  {
    ...base, id: '002e.E9', location: 'Lemmas 7.2 and 7.3 (conclusion)',
    printed: 'x_d^(T) ≤ 2τ (on the mirrored domain of Lemma 7.3)',
    corrected: '|x_d^(T)| ≤ 2τ',
    status: 'not-an-error',
    why: 'true as printed (implied by |x_d^(T)| ≤ 2τ) but too weak on the mirrored domain, where the proof needs the absolute value; thesis.ch7.thm7.3.part1-lower-bound checks the absolute form (distance ≥ 2τ from every minimum)',
  },
  {
    ...base, id: '002e.E10', location: 'Lemma 7.2 proof',
    printed: 'region 0 ≤ x_{k+ℓ}, …, x_d ≤ τ; "Since x_0^1 ≤ 1"',
    corrected: 'x_{k+1} and x_1^(0)',
    status: 'notation', why: 'index typos (x_{k+ℓ} for x_{k+1}, x_0^1 for x_1^(0)) with no numeric content',
  },
  {
    ...base, id: '002e.E11', location: '§7.5',
    printed: '"(∼ 1/(nγ))"; the objective is "defined in (7.14) and (7.15)"',
    corrected: '"n" is presumably η; the objective needs (7.14)–(7.18)',
    status: 'notation', why: 'a garbled symbol and an incomplete equation range in the prose; the text states no checkable number',
  },
  {
    ...base, id: '002e.E12', location: '§7.5 (experiments) vs Theorem 7.3',
    printed: 'the experiments run η = 1/(4L), presented as verifying Theorem 7.3, which requires η ≤ 1/ℓ',
    corrected: 'ℓ ≥ ℓ_D ≈ 11.2L + 4 > 4L, so 1/(4L) violates η ≤ 1/ℓ; the exponential-time argument (Lemmas 7.2–7.3) needs only η < 1/(2L), which 1/(4L) meets',
    status: 'falsified', claim: 'thesis.ch7.sec7.5.step-size-as-printed',
  },
  {
    ...base, id: '002e.E13', location: 'Lemmas 7.2 and 7.3',
    printed: 'η ≤ 1/(2L)',
    corrected: 'η < 1/(2L): at η = 1/(2L), 1 − 2ηL = 0 and GD converges to a saddle from every initialization',
    status: 'refuted-by-control', claim: 'thesis.ch7.lemma7.2.eta-strict',
  },
  {
    ...base, id: '002e.E14', location: 'Algorithm 2',
    printed: 'input x^(0); the loop runs for t = 1, 2, … and uses x^(t)',
    corrected: 'the loop starts at t = 0 (src/train/pgd.ts)',
    status: 'corrected-in', claim: 'thesis.ch7.thm7.3.pgd-stays-in-D',
    why: 'as printed the loop reads x^(1) before defining it, so Algorithm 2 cannot be run as written; the PGD claims run the t = 0 reading',
  },
  {
    ...base, id: '002e.E15', location: '§7.3, footnote 2',
    printed: '"We can construct such a function [h] using splines. See Appendix 7.7."',
    corrected: 'the appendix never constructs h; a concrete C² connector h on [−2, −1] is built in properties/saddle/warmups.property.ts (catalog C-10)',
    status: 'corrected-in', claim: 'thesis.ch7.warmup2.far-away',
    why: 'the print promises a construction that does not exist: there is no printed function to evaluate',
  },
  {
    ...base, id: '002e.E16', location: 'Remark 7.1',
    printed: 'g and g1 are polynomials with degrees bounded by five',
    corrected: 'g1 has degree 4 and g2 degree 5, but g = g1(x_i) + g2(x_i)x_{i+1}² has total degree 7 (degree ≤ 5 in each variable separately)',
    status: 'falsified', claim: 'thesis.ch7.rem7.1.glue-degree-as-printed',
  },
  {
    ...base, id: '002e.E17', location: 'Theorem 7.5',
    printed: 'the C^m(E) norm of F is sup{|∂^α| : x ∈ E, |α| ≤ m}',
    corrected: 'sup{|∂^α F(x)| : …}',
    status: 'notation', why: 'the function F(x) is missing from the derivative; no numeric content',
  },
  {
    ...base, id: '002e.E18', location: 'Corollary 7.2',
    printed: 'ν(B_∞(z, R)) ≥ 1 − δ "for any δ > 0"; ν reused for the initialization distribution',
    corrected: 'for some z, R and a given δ ∈ (0, 1); the required step size is η ≤ R²/ℓ_f',
    status: 'not-an-error',
    why: 'a loose quantifier and a reused symbol: read with δ given, the corollary is true (the conjugacy it rests on is checked by thesis.ch7.cor7.2.conjugacy)',
  },
  {
    ...base, id: '002e.E19', location: '§7.4.1',
    printed: 'initialization (x^(0), y^(0))',
    corrected: '(x_1^(0), x_2^(0))',
    status: 'notation', why: 'variable names from an earlier draft; no numeric content',
  },
  {
    ...base, id: '002e.E20', location: 'Theorem 7.3',
    printed: '"with probability 1 e^{−d}", "‖x x*‖_2 ≤ ε"',
    corrected: '1 − e^{−d} and ‖x − x*‖_2',
    status: 'notation', why: 'minus signs lost in extraction; no numeric content beyond the restored signs',
  },
  {
    ...base, id: '002e.E21', location: 'Lemma 7.2 proof (transition step, j = k)',
    printed: 'x_j^(t+1) = x_j^(t) − η∂g(x_j, x_{j+1})/∂x_j ≤ x_j^(t) + 2ηγτ ≤ 6τ',
    corrected: 'x_j^(t+1) ≥ x_j^(t) + 2ηγτ (the step increases x_j by at least 2ηγτ, since ∂g/∂x_j ≤ −2γτ); the upper bound is x_j + η·max|∂g/∂x_j| ≤ x_j + η(5.95L + 3.99γ)τ (see E2)',
    status: 'falsified', claim: 'thesis.ch7.lemma7.2.transition-step-as-printed',
  },
];
