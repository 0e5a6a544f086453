/**
 * Lemma 3.15 (initialization norms of the convolutional ResNet; catalog 002b §3.24, §6 row 27) and
 * its erratum E25: the proof's upper bound ‖x^(1)‖²_F ≤ qL²c_σc_{w,0}² ignores σ(0), so the printed
 * c_{x,0} = max{√(qL²c_σc_{w,0}²), √(2c_{σ,1/√p}/c_σ)}·e^{√q c_res c_{w,0} L} is not an upper bound
 * when σ(0) ≠ 0 and p is moderately large. Derived correction (deterministic given ‖W^(h)‖_op ≤ c_{w,0}√m):
 *   ‖x^(1)‖_F ≤ √c_σ(|σ(0)|√p + L c_{w,0}√q)   (‖σ(v)‖ ≤ |σ(0)|√(mp) + L‖v‖, ‖φ(x)‖_F ≤ √q),
 *   ‖x^(h)‖_F ≤ (1 + κ/H)‖x^(h−1)‖_F + c_res|σ(0)|√p/H,  κ = √q c_res c_{w,0} L,
 * hence ‖x^(h)‖_F ≤ e^κ(√c_σ(|σ(0)|√p + Lc_{w,0}√q) + c_res|σ(0)|√p) =: the corrected upper constant.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { type ConvResnetArch, convResnetLayerOutputs, convResnetModel } from '../../src/models/conv-resnet.ts';
import { ACTS, type ActName, type ConvResnetCase, initConstants, instance, rowNorms } from './conv-common.ts';

/** E_{X~N(0,1)} f(X) by composite Simpson on [−12, 12] (4000 panels): error ≪ 1e-12 for the smooth, polynomially bounded f used here. */
function gaussianMean(f: (x: number) => number): number {
  const N = 4000, a = -12, h = 24 / N, c = 1 / Math.sqrt(2 * Math.PI);
  let s = 0;
  for (let k = 0; k <= N; k++) {
    const x = a + k * h, w = k === 0 || k === N ? 1 : k % 2 === 1 ? 4 : 2;
    s += w * f(x) * Math.exp(-0.5 * x * x);
  }
  return (s * h * c) / 3;
}

/** c_{σ,c0} = (min_{c0 ≤ α ≤ 1} Eσ(αX)²)⁻¹ (Lemma 3.15), the minimum over a 201-point grid. */
function cSigmaC0(act: ActName, c0: number): number {
  const sigma = ACTS[act].make();
  let min = Infinity;
  for (let k = 0; k <= 200; k++) {
    const alpha = c0 + ((1 - c0) * k) / 200;
    min = Math.min(min, gaussianMean((x) => sigma.value(alpha * x) ** 2));
  }
  return 1 / min;
}

/** The printed c_{x,0} of Lemma 3.15 and the corrected upper constant (module comment), at c_{w,0}. */
function norms315(arch: ConvResnetArch, act: ActName, cw0: number): { printed: number; upper: number; lowerTerm: number } {
  const { L, sigma0 } = ACTS[act], { q, p, cSigma, cRes } = arch;
  const kappa = Math.sqrt(q) * cRes * cw0 * L, e = Math.exp(kappa);
  const lowerTerm = Math.sqrt((2 * cSigmaC0(act, 1 / Math.sqrt(p))) / cSigma) * e;
  const printed = Math.max(Math.sqrt(q * L * L * cSigma * cw0 * cw0) * e, lowerTerm);
  const upper = e * (Math.sqrt(cSigma) * (Math.abs(sigma0) * Math.sqrt(p) + L * cw0 * Math.sqrt(q)) + cRes * Math.abs(sigma0) * Math.sqrt(p));
  return { printed, upper, lowerTerm };
}

// ---------------------------------------------------------------------------------------------
// E25 (falsified): the printed c_{x,0} as an upper bound on ‖x_i^(h)(0)‖_F.
// ---------------------------------------------------------------------------------------------

interface E25Budget { runs: number; controlRuns?: number }

const e25Case = (): fc.Arbitrary<ConvResnetCase> => fc.record({
  n: fc.integer({ min: 1, max: 3 }), d0: fc.integer({ min: 1, max: 2 }), p: fc.integer({ min: 24, max: 48 }), m: fc.integer({ min: 16, max: 24 }),
  H: fc.integer({ min: 2, max: 3 }), act: fc.constant<ActName>('sigmoid'), cRes: fc.double({ min: 0.2, max: 0.9, noNaN: true }), seed: seedArb,
});

function e25Check(c: ConvResnetCase, printed: boolean): Verdict {
  const { arch, X, theta } = instance(c), k = initConstants(arch, theta, X); // c_{w,0} measured (exact SVD)
  let worst = 0;
  for (const x of convResnetLayerOutputs(arch, theta, X).slice(1)) for (const v of rowNorms(x)) worst = Math.max(worst, v);
  const b = norms315(arch, c.act, k.cw0), bound = printed ? b.printed : Math.max(b.upper, b.lowerTerm);
  return verdict.atMost(worst, bound,
    `${c.act} (σ(0) = ${ACTS[c.act].sigma0}) n=${c.n} d0=${c.d0} p=${c.p} m=${c.m} H=${c.H} c_res=${c.cRes.toFixed(2)} c_w0=${k.cw0.toFixed(3)}: `
    + `max ‖x_i^(h)(0)‖_F ${worst.toFixed(3)} vs ${printed ? 'printed c_{x,0}' : 'corrected constant'} ${bound.toFixed(3)}`);
}

export const e25InitNormUpper = claim<E25Budget, ConvResnetCase>({
  id: 'thesis.ch3.E25.lemma3.15-upper-sigma0',
  source: '002 thesis ch. 3 Lemma 3.15 and its proof (the bound ‖x^(1)‖²_F ≤ qL²c_σc_{w,0}²), erratum E25 (catalog 002b §3.24, §5)',
  statement: 'printed: with ‖W^(h)(0)‖_op ≤ c_{w,0}√m, ‖x_i^(h)(0)‖_F ≤ c_{x,0} = max{√(qL²c_σc_{w,0}²), √(2c_{σ,1/√p}/c_σ)}e^{√q c_res c_{w,0}L}; '
    + 'corrected (E25, σ(0) kept): ‖x_i^(h)(0)‖_F ≤ e^{√q c_res c_{w,0}L}(√c_σ(|σ(0)|√p + Lc_{w,0}√q) + c_res|σ(0)|√p)',
  kind: 'falsified',
  rationale: 'deterministic given the measured c_{w,0} = max_h ‖W^(h)(0)‖_op/√m: sigmoid (σ(0) = 1/2, L = 1/4) at p ∈ [24, 48] has '
    + '‖x^(1)‖²_F ≈ c_σ·p·Eσ² ≈ 0.85p, above the printed constant ≈ 4 on every case; c_{σ,1/√p} by Simpson quadrature on a 201-point α grid',
  budget: { quick: { runs: 3 }, default: { runs: 10 }, deep: { runs: 40 } },
  arbitrary: e25Case,
  check: (c) => e25Check(c, true),
  corrected: (c) => e25Check(c, false),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.15's conclusion, statistically: P[some ‖x_i^(h)(0)‖_F ∉ [1/c_{x,0}, c_{x,0}]] ≤ δ.
// ---------------------------------------------------------------------------------------------

interface InitBudget { runs: number; controlRuns?: number; trials: number; m: number }
interface InitCase { d0: number; p: number; H: number; act: ActName; cRes: number; seed: number }

const DELTA = 0.1;
const ALPHA = 1e-6;
/** ‖W‖_op ≤ √m + √k + t for an m × k N(0,1) matrix except w.p. e^{−t²/2} (Gordon; thesis Lemma 3.27): t = 4 gives 3.4e-4. */
const T_OP = 4;

function initTrials(c: InitCase, b: InitBudget, fixedTwo: boolean): Verdict {
  const n = 4, m = b.m, base: ConvResnetCase = { n, d0: c.d0, p: c.p, m, H: c.H, act: c.act, cRes: c.cRes, seed: c.seed };
  const { arch, X } = instance(base), model = convResnetModel(arch), r = rng(c.seed).stream('inits');
  // The lemma's hypothesis as an a-priori constant: every W^(h) is m × k with k ≤ qm.
  const cw0 = 1 + Math.sqrt(arch.q) + T_OP / Math.sqrt(m);
  const b315 = norms315(arch, c.act, cw0), cx0 = fixedTwo ? 2 : Math.max(b315.upper, b315.lowerTerm);
  let failures = 0, lo = Infinity, hi = 0;
  for (let t = 0; t < b.trials; t++) {
    const theta = model.init(r.stream(`trial-${t}`));
    let bad = false;
    for (const x of convResnetLayerOutputs(arch, theta, X).slice(1)) {
      for (const v of rowNorms(x)) { lo = Math.min(lo, v); hi = Math.max(hi, v); if (v > cx0 || v < 1 / cx0) bad = true; }
    }
    if (bad) failures++;
  }
  return verdict.failureRate({ failures, trials: b.trials, delta: DELTA, alpha: ALPHA },
    `${c.act} n=${n} d0=${c.d0} p=${c.p} m=${m} H=${c.H} c_res=${c.cRes.toFixed(2)}: norms in [${lo.toFixed(3)}, ${hi.toFixed(3)}] vs `
    + `[1/c_x0, c_x0] with c_x0 = ${fixedTwo ? '2 (Lemma 3.1\'s FC constant)' : `${cx0.toFixed(2)} (c_w0 = ${cw0.toFixed(3)})`}`);
}

const initCase = (acts: readonly ActName[], pMin: number) => (): fc.Arbitrary<InitCase> => fc.record({
  d0: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: pMin, max: 16 }), H: fc.integer({ min: 2, max: 4 }),
  act: fc.constantFrom(...acts), cRes: fc.double({ min: 0.2, max: 0.9, noNaN: true }), seed: seedArb,
});

export const lemma315InitNorms = claim<InitBudget, InitCase>({
  id: 'thesis.ch3.lemma3.15.conv-init-norms',
  source: '002 thesis ch. 3 Lemma 3.15 (catalog 002b §3.24, §6 row 27), upper constant corrected per E25',
  statement: `conv-ResNet at N(0, 1) initialization, ‖x_i‖_F = 1: with probability ≥ 1 − δ (δ = ${DELTA}), 1/c_{x,0} ≤ ‖x_i^(h)(0)‖_F ≤ c_{x,0} for every h and i, `
    + 'c_{x,0} = max{e^κ(√c_σ(|σ(0)|√p + Lc_{w,0}√q) + c_res|σ(0)|√p), √(2c_{σ,1/√p}/c_σ)e^κ}, κ = √q c_res c_{w,0}L, c_{w,0} = 1 + √q + 4/√m',
  kind: 'statistical',
  rationale: `each case: 300 (quick) to 3000 (deep) independent initializations on one dataset (n = 4); a trial fails if any norm leaves [1/c_{x,0}, c_{x,0}] `
    + `(this includes the hypothesis ‖W^(h)‖_op ≤ c_{w,0}√m failing, probability ≤ H·3.4e-4). Certified by the one-sided Clopper–Pearson bound at α = ${ALPHA}: `
    + `a true claim (failure probability ≤ δ) is reported failing with probability ≤ ${ALPHA} per case`,
  budget: { quick: { runs: 1, trials: 300, m: 16 }, default: { runs: 3, trials: 1000, m: 32 }, deep: { runs: 10, trials: 3000, m: 64 } },
  arbitrary: initCase(['softplus', 'tanh', 'sigmoid', 'erf'], 4),
  check: (c, b) => initTrials(c, b, false),
  negativeControl: {
    describe: 'Lemma 3.1\'s fully-connected constant c_{x,0} = 2 (norms in [1/2, 2]) carried to the CNN (softplus, sigmoid; p ≥ 8)',
    arbitrary: initCase(['softplus', 'sigmoid'], 8),
    check: (c, b) => initTrials(c, b, true),
  },
});

