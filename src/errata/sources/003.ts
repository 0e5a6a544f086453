/**
 * Errata ledger of catalog 001-003-004, the entries about source 003 (Lin & Wang's review of Du et al. 2019a; catalog
 * §5.2). The catalog numbers §5.1–§5.3 as one list: §5.1 (source 001) is E1–E22, §5.2 item k is E(22 + k), §5.3
 * (source 004, in 004.ts) E34–E44. Claim ids are those of properties/deep/.
 */
import type { Erratum } from '../types.ts';

const catalog = '001-003-004';
const source = '003 review of Du et al. 2019a';

export const errata003: readonly Erratum[] = [
  {
    id: '001-003-004.E23', catalog, source, location: 'eq. (4), training set-up',
    printed: '"freezing the final layer", while θ(k) = {W^(h)(k), a(k)} contains a(k)',
    corrected: 'either variant: training a adds a PSD Gram term, so the bounds hold for both', status: 'notation',
    why: 'an inconsistent description of the set-up; both readings satisfy the stated bounds (extra layers only add PSD terms)',
  },
  {
    id: '001-003-004.E24', catalog, source, location: '§2.0, initialization',
    printed: '"a and the columns of W^(h) are drawn i.i.d. from N(0, I)"', corrected: 'all entries i.i.d. N(0, 1)', status: 'notation',
    why: 'a wording of the same distribution (columns i.i.d. N(0, I) is all entries i.i.d. N(0, 1)); no number changes',
  },
  {
    id: '001-003-004.E25', catalog, source, location: 'Lemma 2 (Lipschitzness of F)',
    printed: 'a universal constant (no diagonal bound): ‖F(A1) − F(A2)‖_max ≤ c_σ‖A1 − A2‖_max for all PD A1, A2 ("A1, A2 ∈ R^m"; c_σ reused for a Lipschitz constant)',
    corrected: 'with diagonals ≤ C: ‖F(A1) − F(A2)‖_max ≤ (c² + c|σ(0)| + c²√(2C/π))‖A1 − A2‖_max; n×n PSD matrices; a symbol other than c_σ',
    status: 'falsified', claim: 'review003.E25.lemma2-universal',
  },
  {
    id: '001-003-004.E26', catalog, source, location: 'proof of Lemma 3', printed: 'w ∈ R^n', corrected: 'w ∈ R^d', status: 'notation',
    why: 'a dimension slip in the proof; review003 Lemma 3 is checked by thesis.ch3.prop3.1.full-rank',
  },
  {
    id: '001-003-004.E27', catalog, source, location: 'eqs. (15)–(17)', printed: 'X^(h+1) = √(c_σ/m) σ(U^(h))', corrected: 'σ(U^(h+1))', status: 'notation',
    why: 'an index slip in the forward pass; the recursion the text derives from it is the correct one',
  },
  {
    id: '001-003-004.E28', catalog, source, location: 'eq. (12)',
    printed: 'G^(h) = (c_σ/m) Σ_r (∂u/∂W_r^(h))(∂u/∂W_r^(h))ᵀ',
    corrected: 'G^(h)_ij = ⟨∂u_i/∂W^(h), ∂u_j/∂W^(h)⟩ without c_σ/m when ∂u/∂W_r is the true Jacobian', status: 'notation',
    why: 'the factor is right when ∂u/∂W_r denotes the derivative with the forward pass\'s √(c_σ/m) stripped, as the text\'s explicit last-layer formula does; an ambiguity of notation',
  },
  {
    id: '001-003-004.E29', catalog, source, location: '§2, proof strategy', printed: 'λmin(G^(H)(0)) ≥ λ0/2 along training', corrected: 'λmin(G^(H)(k)) ≥ λ0/2', status: 'notation',
    why: 'a time index slip ((0) for (k)) in a sentence; the thesis\'s GD claims assert the corrected statement',
  },
  {
    id: '001-003-004.E30', catalog, source, location: '§2.2 (positive definiteness of the population Grams)',
    printed: 'K^(1) = G(X^(0)), K^(h) = G((K^(h−1))^{1/2}), K^(H) = H((K^(H−1))^{1/2})',
    corrected: 'each with the factor c_σ: K^(1) = c_σ G(X), …', status: 'refuted-by-control', claim: 'review003.sec2.8.population-recursion',
  },
  {
    id: '001-003-004.E31', catalog, source, location: 'remark after Theorem 4',
    printed: 'if ‖K^(H−1) − E^(H−1)K̂^(H−1)‖_max ≤ Cλ0/n and m = Ω(n² log(n/δ)/λ0²), then ‖G^(H)(0) − K^(H)‖_op ≤ ¼',
    corrected: '≤ λ0/4 (what λmin(G^(H)(0)) ≥ ¾λ0 needs), which requires m = Ω(2^{O(H)} n² log(Hn/δ)/λ0²)',
    status: 'falsified', claim: 'review003.E31.remark-thm4-quarter',
  },
  {
    id: '001-003-004.E32', catalog, source, location: '§3.1, ResNet variant',
    printed: 'x^(h) = x^(h−1) + (c_res/(H√m)) σ(W^(h)x^(h−1)) for 1 ≤ h ≤ H', corrected: 'a plain first layer x^(1) = √(c_σ/m) σ(W^(1)x) (x ∈ R^d, x^(1) ∈ R^m)',
    status: 'notation', why: 'as printed the first layer adds vectors of dimensions d and m, which cannot be evaluated; the ResNet claims use the plain first layer',
  },
  {
    id: '001-003-004.E33', catalog, source, location: '§4, limitation 1', printed: 'm = O((c_H/H)^H)', corrected: '(undefined notation)', status: 'notation',
    why: 'an undefined symbol in a discussion paragraph; its testable content (a 1/H-scaled FC output vanishes) has no printed constant',
  },
];
