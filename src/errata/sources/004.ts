/**
 * Errata ledger of source 004, the supplement of "Gradient Descent Optimizes Normalization-Free
 * ResNets" (catalog 001-003-004 §5.3, items 1–11). The catalog numbers its errata in one list across
 * §5.1 (001: items 1–22), §5.2 (003: 11 items) and §5.3 (004: 11 items), so §5.3 item k is E(33 + k):
 * E34–E44 (ids must be unique across the catalog's three sources); E45 on is found by the suite, beyond the catalog's list. Claim ids are those of
 * properties/nf-resnet/ and the NF-ResNet entry of properties/gradients/registry.ts.
 */
import type { Erratum } from '../types.ts';

const catalog = '001-003-004';
const source = '004 NF-ResNet supplement';

export const errata004: readonly Erratum[] = [
  {
    id: '001-003-004.E34', catalog, source,
    location: 'throughout (network (1), Assumptions 1 and 2, Section IV)',
    printed: 'the network equation "(1)", Assumptions 1 and 2 and "Section IV" are referenced but not in the supplement',
    corrected: 'catalog §3.0 reconstructs them: x^(1) = √(c_σ/m)σ(W^(1)x), x^(h) = x^(h−1) + α_h/(H√m)σ(W^(h)x^(h−1)), u = aᵀx^(H); σ L-Lipschitz with β-Lipschitz σ\'; unit inputs, no two parallel',
    status: 'notation',
    why: 'missing main-text references, not a wrong statement; src/models/nf-resnet.ts implements the reconstruction, and its gradient claim checks it against the supplement\'s own formulas',
  },
  {
    id: '001-003-004.E35', catalog, source,
    location: 'gradient formula in the proof of Theorem 1',
    printed: '∂L/∂W^(h) with the factor (y_i − u_i), the outer product x^(h−1)·[row] (transposed), an unordered ∏_{l=h+1}^H, and a garbled ∂L/∂α_h ("a_i", 1/(H√m) inside the product, no σ(W^(h)x^(h−1)))',
    corrected: 'for L = ½‖y − u‖²: Σ_i (u_i − y_i)∂u_i/∂θ with ∂u/∂W^(h) = α_h/(H√m)(D^(h)v^(h))x^(h−1)ᵀ, v^(h)ᵀ = aᵀM_H M_{H−1}⋯M_{h+1}, '
      + '∂u/∂α_h = v^(h)ᵀσ(z^(h))/(H√m)',
    status: 'refuted-by-control',
    claim: 'nfresnet004.gradient',
    alsoClaims: ['nfresnet004.jacobian.backprop-order'],
  },
  {
    id: '001-003-004.E36', catalog, source,
    location: 'Lemma 2 proof',
    printed: 'hypothesis ‖W^(h)(k) − W^(h)(0)‖_F ≤ mR; α_h/α_H confused; x_i for x_j in I_1^{i,j}; "K^(H)(0)"; the I_1, I_2, I_3 split without the change of α_H; Hoffman–Wielandt cited',
    corrected: '≤ √mR (as in Lemma 4); x_j in I_1^{i,j}; K^(H); a term |α_H(k)² − α_H(0)²|·|G-factor| added; Weyl\'s inequality suffices',
    status: 'corrected-in',
    claim: 'nfresnet004.lemma2.gram-along-training',
    why: 'slips inside the proof with no printed number of their own (the explicit bracket is ≈ 10²–10⁴ times loose); the lemma\'s conclusion λmin(G^(H)(k)) ≥ λ0/4 along training is asserted by the claim',
  },
  {
    id: '001-003-004.E37', catalog, source,
    location: 'Lemma 3 proof (per-step bound, the geometric sum)',
    printed: '‖W(s+1) − W(s)‖_F ≤ 2ηαc_{x,0}La_{2,0}e^{2c_{w,0}}(n/(H√m))‖y − u‖, so the movement is ≤ R\'√n ∝ 1/√m; a doubled η in the sum; "‖a(s) − a(0)‖" for α; step η ≤ cH²/m',
    corrected: '‖a‖₂ ≤ a_{2,0}√m cancels the 1/√m: the movement is O(n/(λ0H)), independent of m; one η; α; the step condition conflicts with Theorem 1\'s η = O(λ0H²/n²)',
    status: 'falsified',
    claim: 'nfresnet004.E37.lemma3-movement-sqrt-m',
  },
  {
    id: '001-003-004.E38', catalog, source,
    location: 'Lemma 4 statement and proof',
    printed: 'g(h) = g(h−1)(1 + 2α_hc_{w,0}L) + α_h(k)Rc_{x,0} (no 1/H, no L), g(1) without L, no term for α_h(k) ≠ α_h(0); "O(e^{1/H})"; "with probability 1 − δ"; unused ‖a_h(0)‖ ≤ c_{a,0}',
    corrected: 'Δ_h ≤ [1 + |α_h(k)|L(s_h + E_h)/(H√m)]Δ_{h−1} + |α_h(k)|LE_h‖x^(h−1)(0)‖/(H√m) + |α_h(k) − α_h(0)|‖σ(W^(h)(0)x^(h−1)(0))‖/(H√m): deterministic, O(R) plus the α term',
    status: 'falsified',
    claim: 'nfresnet004.E38.lemma4-no-alpha-term',
  },
  {
    id: '001-003-004.E39', catalog, source,
    location: 'Lemma 5 proof and eq. (4)',
    printed: 'C_2 = σ(0)⁴ + … + 32L⁴ (no c_σ²); "λmax(W)"; ‖σ(Wx)‖ ≤ L‖W‖₂‖x‖ for any σ; lower bound ½e^{−c_{w,0}L}',
    corrected: 'C_2 = c_σ²(… + 3L⁴) (32L⁴ is valid but loose); the largest singular value; the per-layer step needs σ(0) = 0; the lower bound is ½(1 − c_{w,0}L/H)^{H−1}',
    status: 'refuted-by-control',
    claim: 'nfresnet004.lemma5.layer-sandwich',
    alsoClaims: ['nfresnet004.lemma5.first-layer-unbiased', 'nfresnet004.eq4.spectral-norm-tail'],
  },
  {
    id: '001-003-004.E40', catalog, source,
    location: 'Lemma 6 statement and proof',
    printed: '‖I_2(k)‖ = O(η²‖y − u(k)‖); "‖L\'^(h)‖_F ≤ λ0Q\'(k)"; c_x defined as e^{2αc_{w,0}L} and as e^{3c_{w,0}L}',
    corrected: 'the proof gives O(η²‖y − u(k)‖²), reduced with ‖y − u(0)‖ = O(√n); no λ0 in that bound; one c_x',
    status: 'corrected-in',
    claim: 'nfresnet004.lemma6.second-order-remainder',
    why: 'the constants are proof-internal and the power of ‖y − u‖ is reduced by the proof\'s own O(√n) bound; the claim asserts what the lemma is used for, ‖I_2‖ ∝ η²',
  },
  {
    id: '001-003-004.E41', catalog, source,
    location: 'Lemma 7',
    printed: '(y − u(k))ᵀI_1(k) ≥ λmin(G^(H)(k))‖y − u(k)‖² (and Σ_{h=1}^{H+1}G^(h) without the α blocks)',
    corrected: '(y − u(k))ᵀI_1(k) ≥ ηλmin(G^(H)(k))‖y − u(k)‖² (I_1 = −ηJJᵀ(u − y)); the α blocks are PSD and harmless',
    status: 'falsified',
    claim: 'nfresnet004.E41.lemma7-without-eta',
  },
  {
    id: '001-003-004.E42', catalog, source,
    location: 'Theorem 2',
    printed: 'm_1 ≤ ‖∂u_i/∂ξ‖₂ ≤ M = O(√n) for every block ξ, uniformly',
    corrected: 'hidden-block gradients are Θ(1/H): a depth-uniform m_1 > 0 exists only for H‖∂u_i/∂W^(h)‖; M = O(√n) is not explained',
    status: 'refuted-by-control',
    claim: 'nfresnet004.thm2.no-vanishing-gradient',
  },
  {
    id: '001-003-004.E43', catalog, source,
    location: 'Theorem 3',
    printed: 'with standard initialization λmax(JJᵀ) = Ω(H) and λmin(JJᵀ) = O(1) ("standard initialization" undefined)',
    corrected: 'under the catalog\'s instantiation (He-scaled branch, no 1/H or α) the condition number grows with depth, but λmin(JJᵀ) grows exponentially, not O(1)',
    status: 'corrected-in',
    claim: 'nfresnet004.thm3.standard-init-condition-grows',
    why: 'the printed λmin = O(1) refers to an initialization the supplement does not define, so it cannot be refuted; the claim asserts the reproducible part (condition number grows, λmax/H non-decreasing) and prints λmin per depth',
  },
  {
    id: '001-003-004.E44', catalog, source,
    location: 'Lemma 1 / Lemma 2 proof step (i)',
    printed: '‖G^(H)(0) − K^(H)‖ ≤ λ0/4 (from Du et al., Sec. E)',
    corrected: 'true only at the lemma\'s width (m ≳ 2.3e6 with constant 1 at n = 8); at feasible widths ‖G^(H)(0) − K^(H)‖ ≈ 0.4–2.1λ0 while λmin(G^(H)(0)) ≥ ¾λ0 still holds',
    status: 'corrected-in',
    claim: 'nfresnet004.lemma1.gram-at-init',
    why: 'the intermediate holds under the lemma\'s (infeasible) width; the claim asserts the conclusion at feasible widths and not the intermediate',
  },
  {
    id: '001-003-004.E45', catalog, source,
    location: 'Theorem 2, hidden blocks along training (not in catalog §5.3: found by the suite)',
    printed: 'm_1 ≤ ‖∂u_i/∂W^(h)(k)‖₂ for all i and every k ∈ ℕ, with m_1 > 0 fixed',
    corrected: '∂u_i/∂W^(h) = α_h/(H√m)(D_i^(h)v_i^(h))x_i^(h−1)ᵀ ∝ α_h(k), and α_h moves by O(1) at every width and can cross 0: only H‖∂u_i/∂W^(h)(k)‖/|α_h(k)| has a fixed lower bound. '
      + 'Measured (m = 64, H = 2, η = 1/λmax, 40 steps, labels −sign(∂u_i/∂α_2(0))): min_k H‖∂u_i/∂W^(2)(k)‖ < ¼ of its init value on 49/120 seeds (down to 1e-3 where α_2 crosses 0); '
      + 'saved case (ReLU): 0.0375 vs ¼·0.501 at k = 40 with α_2 = 0.094, per unit |α_2| 0.350; at m = 192 with η = 1/λmax α_2 reaches −0.03 in 40 steps, at Lemma 3\'s η = H²/(4m) 0.17 in 800 steps',
    status: 'falsified',
    claim: 'nfresnet004.E45.thm2-raw-vanishing',
  },
  {
    id: '001-003-004.E46', catalog, source,
    location: 'Theorem 3 as catalog §3.12 checks it (rank 54; not in catalog §5.3: found by the suite)',
    printed: 'the condition number of JJᵀ grows at least linearly with depth (for every dataset of Assumption 1), checked as: log-log slope of the mean cond(JJᵀ) over H ∈ {2, 4, 8, 16} ≥ 1',
    corrected: 'the theorem\'s argument (λmax = Ω(H), λmin = O(1)) gives only λmax(JJᵀ) = Ω(H) here, since λmin grows exponentially (E43); cond growth holds for random data '
      + 'but not for a dataset with two inputs 2.6°–4° apart, whose own conditioning dominates cond(JJᵀ) up to H = 16. Measured (m = 48, 48 inits): slope from H = 2 '
      + 'below 1 on 7/12 datasets at 2.6° (lowest 0.71) and 1/12 at 4°; at 2.6° cond 1720, 3550, 6080, 7150 at H = 2…16 (slope 0.69, 0.51 from H = 4), while λmax/H rises by a factor ≥ 5 per depth step',
    status: 'falsified',
    claim: 'nfresnet004.E46.thm3-slope-from-h2',
  },
];
