/**
 * Errata ledger of catalog 002b, the part about the finite FC net and ResNet: thesis chapter 3,
 * Lemmas 3.1–3.14, Theorems 3.1–3.2 and the §3.8 sketch, numeric errata only (catalog §5). The
 * notation and typo entries of 002b (and Definitions 3.1–3.4, Lemmas 3.22–3.31) live in 002b.ts,
 * the convolutional ResNet's in 002b-conv.ts. Claim ids are those of properties/deep/ and
 * properties/gradients/.
 */
import type { Erratum } from '../types.ts';

const catalog = '002b';
const source = '002 thesis ch. 3';

export const errata002bFcResnet: readonly Erratum[] = [
  {
    id: '002b.E11', catalog, source,
    location: '§3.10 (proof of Theorem 3.2), ResNet gradient',
    printed: '∂L/∂W^(h) = (c_res/(H√m)) Σ_i (y_i − u_i) x_i^(h−1) [aᵀ Π_{l=h+1}^H (I + (c_res/(H√m)) J^(l)W^(l)) J^(h)] for every h',
    corrected: 'the sign is that of the gradient (u_i − y_i), the expression is the transpose, and it holds for h ≥ 2 only: layer 1 has no skip and prefactor √(c_σ/m) (catalog 002b §2.2)',
    status: 'refuted-by-control', claim: 'thesis.ch3.eq3.3.resnet-backprop',
  },
  {
    id: '002b.E17', catalog, source,
    location: 'Lemma 3.8 proof (initialization norms, ResNet)',
    printed: '‖(c_res/(H√m))σ(W x)‖ ≤ (c_res c_{w,0} L/H)‖x‖, hence ‖x^(h)‖ ∈ ‖x^(h−1)‖(1 ∓ κ/H) and (1 − κ/H)^{H−1} ≥ e^{−κ}, κ = c_res c_{w,0} L; Var ≤ C_2/m',
    corrected: '‖σ(Wx)‖/√m ≤ |σ(0)| + (‖W‖₂/√m)L‖x‖ (false without |σ(0)| for softplus: the lower norm bound is then unproven); (1 − κ/H)^{H−1} ≥ e^{−κ} only for κ ≲ 1.59 '
      + '(in general ≥ exp(−(H−1)κ/(H−κ))); the variance carries c_σ²',
    status: 'falsified', claim: 'thesis.ch3.E17.lemma3.8-norm-step', alsoClaims: ['thesis.ch3.E17.lemma3.8-decay-factor'],
  },
  {
    id: '002b.E22', catalog, source,
    location: 'Lemma 3.11 conclusion (and Lemma 3.18\'s), used in the §3.8 sketch step 4',
    printed: '‖G^(H)(k) − G^(H)(0)‖₂ ≤ λ0/2, with λmin(G^(H)(0)) ≥ ¾λ0, gives λmin(G^(H)(k)) ≥ λ0/2',
    corrected: 'λ0/2 leaves only λ0/4 (Weyl, attained at ΔG = −(λ0/2)I); the lemma must conclude ≤ λ0/4, as Lemma 3.4 does for the FC net',
    status: 'falsified', claim: 'thesis.ch3.E22.lemma3.11-conclusion',
  },
  {
    id: '002b.E23', catalog, source,
    location: 'Lemma 3.12 (and Lemma 3.19): the uniform per-step bound ‖W^(h)(s) − W^(h)(s−1)‖_F ≤ ηQ\'(s−1)',
    printed: 'Q\'(s) = 4c_res c_{x,0}a_{2,0}L e^{2c_res c_{w,0}L}√n‖y − u(s)‖/H for every layer h, including h = 1',
    corrected: 'layer 1 has prefactor √(c_σ/m), not c_res/(H√m): its gradient is larger by ≈ H√c_σ/c_res (12.87 observed vs 12.74, tanh, H = 4); the polynomial-width conclusion survives with modified constants (thesis.ch3.lemma3.12.layer1-gradient-ratio measures the ratio)',
    status: 'falsified', claim: 'thesis.ch3.E23.lemma3.12-layer1',
  },
];
