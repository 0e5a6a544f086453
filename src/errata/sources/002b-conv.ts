/**
 * Errata ledger of catalog 002b, the part about the convolutional ResNet: thesis chapter 3, §3.2's
 * patch operator, Lemmas 3.15–3.21 and Theorem 3.3, numeric errata only (catalog §5). The typo and
 * notation entries in these items (E7, E24, E26–E30) live in 002b.ts; E22 and E23, which Lemmas
 * 3.18 and 3.19 share with Lemmas 3.11 and 3.12, in 002b-fc-resnet.ts. Claim ids are those of
 * properties/deep/conv-*.property.ts.
 */
import type { Erratum } from '../types.ts';

const catalog = '002b';
const source = '002 thesis ch. 3';

export const errata002bConv: readonly Erratum[] = [
  {
    id: '002b.E25', catalog, source,
    location: 'Lemma 3.15 proof (initialization norms, convolutional ResNet): the upper bound on ‖x^(1)‖_F and the constant c_{x,0}',
    printed: '‖x^(1)‖²_F ≤ qL²c_σc_{w,0}², hence ‖x_i^(h)(0)‖_F ≤ c_{x,0} = max{√(qL²c_σc_{w,0}²), √(2c_{σ,1/√p}/c_σ)}e^{√q c_res c_{w,0}L}; "p_1" in the variance step',
    corrected: 'σ(0) ≠ 0 adds a √p term: ‖x^(1)‖_F ≤ √c_σ(|σ(0)|√p + Lc_{w,0}√q) and ‖x^(h)‖_F ≤ e^{√q c_res c_{w,0}L}(√c_σ(|σ(0)|√p + Lc_{w,0}√q) + c_res|σ(0)|√p) '
      + '(sigmoid at p ≥ 24 exceeds the printed constant on every draw; the lemma\'s conclusion with this constant: thesis.ch3.lemma3.15.conv-init-norms); "p_1" means p',
    status: 'falsified', claim: 'thesis.ch3.E25.lemma3.15-upper-sigma0',
  },
];
