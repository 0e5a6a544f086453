/**
 * The corrected recursions (thesis Definitions 3.1, 3.2) are the m → ∞ limits of the networks at initialization (catalog 002b §2.4.1–§2.4.2
 * "Evidence", §3.3, §3.5, §3.34; ranking rows 3, 4, 29; errata E2, E3), and the review's first-layer
 * unbiasedness (001-003-004 §2.8, row 14). Networks are drawn exactly in distribution (src/kernels/deep-sampler.ts,
 * §2.5), so wide widths are cheap. Every comparison is an entrywise mean over S independent draws against the
 * population value, with the band k·se where k is the Student-t quantile at 1e-6/(2·tests) with S − 1 degrees of
 * freedom (Bonferroni over every entry of every case of the run): family-wise false alarm ≤ 1e-6 per run for
 * normal draws (the means of S ≥ 100 draws of bounded-moment entries are close to it).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { studentTQuantile } from '../../src/stats/slope.ts';
import { cSigma } from '../../src/kernels/gaussian.ts';
import { type ResnetOptions, fcKernel, lastLayerKernel, resnetKernel } from '../../src/kernels/deep-recursions.ts';
import { sampleFcInit, sampleLastLayerGram, sampleResnetInit } from '../../src/kernels/deep-sampler.ts';
import { type ActName, activation, inputs } from './kernel-support.ts';

interface McBudget { runs: number; controlRuns?: number; m: number; samples: number; depths?: number[] }

/** The controls and falsified prints run at this size, where the printed Definitions 3.1/3.2 are off by ≥ 4 bands (catalog 002b §2.4.1: 0.024 vs 0.001). */
const WIDE: McBudget = { runs: 1, m: 2048, samples: 100 };

/** Entries compared per case (upper triangles of up to 3 matrices of n ≤ 4, plus n means): the Bonferroni count. */
const TESTS_PER_CASE = 3 * 10 + 4;

function band(b: McBudget): number {
  return studentTQuantile(1 - 1e-6 / (2 * b.runs * TESTS_PER_CASE), b.samples - 1);
}

/** Per-entry sample mean and standard error of S matrices (or vectors as 1×n). */
function meanSe(draws: Float64Array[]): { mean: Float64Array; se: Float64Array } {
  const S = draws.length, len = draws[0].length;
  const mean = new Float64Array(len), se = new Float64Array(len);
  for (const d of draws) for (let k = 0; k < len; k++) mean[k] += d[k] / S;
  for (const d of draws) for (let k = 0; k < len; k++) se[k] += (d[k] - mean[k]) ** 2;
  for (let k = 0; k < len; k++) se[k] = Math.sqrt(se[k] / (S - 1) / S);
  return { mean, se };
}

/** The worst entry (upper triangle for an n×n, all for a vector) of mean ± k·se against `target`. */
function worstEntry(draws: Float64Array[], target: Float64Array, n: number | null, k: number, label: string): Verdict {
  const { mean, se } = meanSe(draws);
  let worst: Verdict | null = null, maxErr = 0;
  for (let e = 0; e < target.length; e++) {
    if (n !== null && Math.floor(e / n) > e % n) continue;
    maxErr = Math.max(maxErr, Math.abs(mean[e] - target[e]));
    const v = verdict.meanWithin({ mean: mean[e], se: se[e], claimed: target[e], k }, `${label}[${n === null ? e : `${Math.floor(e / n)},${e % n}`}]`);
    if (worst === null || v.slack > worst.slack) worst = v;
  }
  const w = worst as Verdict;
  return { ...w, detail: `${label}: max |mean − population| ${maxErr.toExponential(2)}; worst ${w.detail}` };
}

interface FcCase { act: ActName; H: number; n: number; d: number; seed: number }

function fcMonteCarlo(c: FcCase, b: McBudget, printed: boolean): Verdict {
  const act = activation(c.act), X = inputs(c.seed, c.n, c.d);
  const pop = fcKernel(X, act, c.H, undefined, { printedLastCovariance: printed });
  const cs = cSigma(act), g = rng(c.seed).stream('mc');
  const lastG: Float64Array[] = [], hidden: Float64Array[] = [];
  for (let s = 0; s < b.samples; s++) {
    const d = sampleFcInit(g, X, act, c.H, b.m, cs);
    lastG.push(d.lastGram.data);
    hidden.push(d.grams[c.H - 1].data);
  }
  const k = band(b);
  return verdict.allOf([
    worstEntry(lastG, pop.K.data, c.n, k, `${c.act} H=${c.H} n=${c.n} m=${b.m} S=${b.samples}: G^(H)(0) vs K^(H)${printed ? ' (printed A^(H−1))' : ''}`),
    worstEntry(hidden, pop.layers[c.H - 1].data, c.n, k, 'K̂^(H−1) vs K^(H−1)'),
  ]);
}

const fcBudget = (runs: number, m: number, samples: number, depths = [2, 3]): McBudget => ({ runs, controlRuns: 1, m, samples, depths });

export const fcMonteCarloClaim = claim({
  id: 'thesis.ch3.def3.1.fc-monte-carlo',
  source: '002 thesis ch. 3, Definition 3.1 / (3.7) and (3.12), corrected (catalog 002b §2.4.1 evidence, §3.3 check (c), §2.5)',
  statement: 'for the FC net at initialization, the mean over draws of G^(H)(0) (closed form (3.12)) equals the corrected K^(H) and the mean of '
    + '⟨x_i^(H−1), x_j^(H−1)⟩ equals K^(H−1), entrywise within the Bonferroni band (softplus, tanh, ReLU; H ∈ {2, 3})',
  kind: 'statistical',
  rationale: 'S draws of the exact-in-distribution sampler at width m (not in the thesis; catalog 002b §2.5); band = Student-t quantile at 1e-6/(2·runs·34) '
    + 'with S−1 dof (≈ 6 se): family-wise false alarm ≤ 1e-6. The O(1/m) bias of K̂ (≈ 2e-4 at m = 4096) is below 0.2 se',
  budget: { quick: fcBudget(2, 2048, 60), default: fcBudget(6, 4096, 200), deep: fcBudget(20, 8192, 400) },
  arbitrary: (b) => fc.record({ act: fc.constantFrom<ActName>('softplus', 'tanh', 'relu'), H: fc.constantFrom(...(b.depths ?? [2])), n: fc.constant(4), d: fc.integer({ min: 3, max: 6 }), seed: seedArb }),
  check: (c, b) => fcMonteCarlo(c, b, false),
  negativeControl: {
    describe: 'the printed last covariance A^(H−1) of Definition 3.1 (erratum E2), softplus H = 2 at m = 2048, S = 100 (off by ≈ 0.025, catalog 002b §2.4.1)',
    arbitrary: () => fc.record({ act: fc.constant<ActName>('softplus'), H: fc.constant(2), n: fc.constant(4), d: fc.integer({ min: 3, max: 6 }), seed: seedArb }),
    check: (c) => fcMonteCarlo(c, WIDE, true),
  },
});

export const fcPrintedLastCovariance = claim({
  id: 'thesis.ch3.E2.def3.1-last-covariance',
  source: '002 thesis ch. 3, Definitions 3.1–3.3 (M^(H) over N(0, A^(H−1))), erratum E2 (catalog 002b §5, §2.4.1)',
  statement: 'printed: K^(H)_ij = c_σ K^(H−1)_ij E_{N(0, A^(H−1)_ij)}[σ\'(u)σ\'(v)] is the limit of G^(H)(0); corrected: the covariance is A^(H) (built from K^(H−1))',
  kind: 'falsified',
  rationale: 'the same Monte-Carlo band as thesis.ch3.def3.1.fc-monte-carlo (false alarm ≤ 1e-6 for the corrected statement); softplus H = 2, '
    + 'where the two covariances differ most (catalog: 0.024 against a Monte-Carlo error of 0.001)',
  budget: { quick: { ...WIDE }, default: fcBudget(3, 4096, 200), deep: fcBudget(10, 8192, 400) },
  // No shrinking: every case is a counterexample of the same size (one evaluation costs ~1 s).
  arbitrary: () => fc.noShrink(fc.record({ act: fc.constant<ActName>('softplus'), H: fc.constant(2), n: fc.constant(4), d: fc.constant(3), seed: seedArb })),
  check: (c, b) => fcMonteCarlo(c, b, true),
  corrected: (c, b) => fcMonteCarlo(c, b, false),
});

// ---------------------------------------------------------------------------------------------
// ResNet, non-unit norms (the b-pairing is invisible with equal norms).

interface ResCase { act: ActName; H: number; cRes: number; seed: number }

function resnetMonteCarlo(c: ResCase, b: McBudget, options: ResnetOptions): Verdict {
  const act = activation(c.act), X = inputs(c.seed, 4, 3, true);
  const pop = resnetKernel(X, act, c.H, c.cRes, undefined, options);
  const cs = cSigma(act), g = rng(c.seed).stream('mc');
  const lastG: Float64Array[] = [], hidden: Float64Array[] = [], means: Float64Array[] = [];
  for (let s = 0; s < b.samples; s++) {
    const d = sampleResnetInit(g, X, act, c.H, b.m, c.cRes, cs);
    lastG.push(d.lastGram.data);
    hidden.push(d.grams[c.H - 1].data);
    means.push(d.means[c.H - 1]);
  }
  const k = band(b);
  const tag = options.crossTerm && options.crossTerm !== 'sum' ? ` (cross term: ${options.crossTerm})` : '';
  return verdict.allOf([
    worstEntry(hidden, pop.layers[c.H - 1].data, 4, k, `${c.act} H=${c.H} c_res=${c.cRes} norms∈[0.6,1.4] m=${b.m} S=${b.samples}: K̂^(H−1) vs K^(H−1)${tag}`),
    worstEntry(means, pop.means[c.H - 1], null, k, 'b̂^(H−1) vs b^(H−1)'),
    worstEntry(lastG, pop.K.data, 4, k, 'G^(H)(0) vs K^(H)'),
  ]);
}

const resArb = (b: McBudget) => fc.record({ act: fc.constantFrom<ActName>('softplus', 'relu', 'erf+0.5'), H: fc.constantFrom(...(b.depths ?? [3])), cRes: fc.constantFrom(0.5, 0.9), seed: seedArb });

export const resnetMonteCarloClaim = claim({
  id: 'thesis.ch3.def3.2.resnet-monte-carlo',
  source: '002 thesis ch. 3, Definition 3.2 / (3.8) and (3.13), corrected (catalog 002b §2.4.2 evidence, §3.5 check (c), §2.5)',
  statement: 'for the ResNet at initialization with non-unit input norms, the means over draws of ⟨x_i^(H−1), x_j^(H−1)⟩, of m^{−1/2} Σ_r x^(H−1)_{i,r} '
    + 'and of G^(H)(0) equal the corrected K^(H−1), b^(H−1) and K^(H) entrywise within the Bonferroni band',
  kind: 'statistical',
  rationale: 'exact-in-distribution draws (§2.5), Student-t band at 1e-6/(2·runs·34) with S−1 dof: family-wise false alarm ≤ 1e-6; '
    + 'activations with E σ ≠ 0 (softplus, ReLU, erf+½) so that the cross terms matter',
  budget: { quick: fcBudget(2, 2048, 60, [3]), default: fcBudget(6, 4096, 200, [3, 5]), deep: fcBudget(20, 8192, 400, [3, 5]) },
  arbitrary: resArb,
  check: (c, b) => resnetMonteCarlo(c, b, {}),
  negativeControl: {
    describe: 'the printed product cross term of Definition 3.2 (erratum E3; off by 0.37–0.98, catalog 002b §2.4.2)',
    check: (c, b) => resnetMonteCarlo(c, b, { crossTerm: 'product' }),
  },
});

export const resnetPrintedCrossTerm = claim({
  id: 'thesis.ch3.E3.def3.2-cross-term',
  source: '002 thesis ch. 3, Definition 3.2 / (3.8) as printed, erratum E3 (catalog 002b §5, §2.4.2, §3.5)',
  statement: 'printed: K^(h)_ij = K^(h−1)_ij + E[(c_res b_i σ(u)/H)(c_res b_j σ(v)/H) + c_res² σ(u)σ(v)/H²] is the limit of ⟨x_i^(h), x_j^(h)⟩; '
    + 'corrected: the cross term is the sum (c_res/H)(b_i E σ(v) + b_j E σ(u))',
  kind: 'falsified',
  rationale: 'the Monte-Carlo band of thesis.ch3.def3.2.resnet-monte-carlo (false alarm ≤ 1e-6 for the corrected statement)',
  budget: { quick: fcBudget(1, 2048, 60, [3]), default: fcBudget(3, 4096, 200, [3, 5]), deep: fcBudget(10, 8192, 400, [3, 5]) },
  arbitrary: (b) => fc.noShrink(resArb(b)),
  check: (c, b) => resnetMonteCarlo(c, b, { crossTerm: 'product' }),
  corrected: (c, b) => resnetMonteCarlo(c, b, {}),
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.22: E_{W^(H), a}[G^(H)(0) | lower layers] = K̂^(H) = c_σ K̂^(H−1) ⊙ E_{Â}[σ'σ'] exactly.

interface CondCase { act: ActName; H: number; mLow: number; seed: number }
interface CondBudget extends McBudget { mLow: number[] }

function conditionalCheck(c: CondCase, b: McBudget, unconditional: boolean): Verdict {
  const act = activation(c.act), X = inputs(c.seed, 4, 5), cs = cSigma(act);
  const g = rng(c.seed).stream('lower');
  const lower = sampleFcInit(g, X, act, c.H, c.mLow, cs).grams[c.H - 1];
  const target = unconditional ? fcKernel(X, act, c.H).K : lastLayerKernel(lower, act, cs);
  const draws: Float64Array[] = [];
  const top = rng(c.seed).stream('top');
  for (let s = 0; s < b.samples; s++) draws.push(sampleLastLayerGram(top, lower, act, b.m, cs).data);
  return worstEntry(draws, target.data, 4, band(b),
    `${c.act} H=${c.H}, lower layers at m=${c.mLow} (fixed), ${b.samples} draws of (W^(H), a) at m=${b.m}: G^(H)(0) vs ${unconditional ? 'population K^(H)' : 'K̂^(H)'}`);
}

export const lemma322Unbiased = claim({
  id: 'thesis.ch3.lemma3.22.conditional-unbiased',
  source: '002 thesis ch. 3, Lemma 3.22 (corrected K̂^(H) with c_σ, erratum E36; catalog 002b §3.34 check (a)/(c))',
  statement: 'conditionally on the first H−1 layers, E_{W^(H), a}[G^(H)(0)] = K̂^(H) with K̂^(H)_ij = c_σ K̂^(H−1)_ij E_{(u,v)~N(0, Â_ij)}[σ\'(u)σ\'(v)], '
    + 'Â_ij the 2×2 block of the realized K̂^(H−1)',
  kind: 'statistical',
  rationale: 'lower layers drawn once at a small width (so K̂^(H−1) is far from K^(H−1)), then S draws of the last layer and a (§2.5); '
    + 'Student-t band at 1e-6/(2·runs·34): family-wise false alarm ≤ 1e-6',
  budget: {
    quick: { runs: 2, controlRuns: 1, m: 4096, samples: 100, mLow: [16, 32] },
    default: { runs: 6, m: 4096, samples: 200, mLow: [16, 32, 64] },
    deep: { runs: 20, m: 8192, samples: 400, mLow: [16, 32, 64] },
  } as Record<'quick' | 'default' | 'deep', CondBudget>,
  arbitrary: (b: CondBudget) => fc.record({ act: fc.constantFrom<ActName>('softplus', 'tanh', 'erf'), H: fc.constantFrom(2, 3), mLow: fc.constantFrom(...b.mLow), seed: seedArb }),
  check: (c, b) => conditionalCheck(c, b, false),
  negativeControl: {
    describe: 'the unconditional population K^(H) in place of K̂^(H) (the lower layers at m ≤ 32 are far from their limit)',
    check: (c, b) => conditionalCheck(c, b, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Review 003 §2.8: E_W[K̂^(1)] = K^(1) exactly (first layer only).

function firstLayer(c: { act: ActName; n: number; seed: number }, b: McBudget, cSigmaFactor: number): Verdict {
  const act = activation(c.act), X = inputs(c.seed, c.n, 4), cs = cSigma(act);
  const target = fcKernel(X, act, 2).layers[1];
  const scaled = zeros(c.n, c.n);
  for (let k = 0; k < c.n * c.n; k++) scaled.data[k] = target.data[k] * cSigmaFactor;
  const g = rng(c.seed).stream('mc');
  const draws: Float64Array[] = [];
  for (let s = 0; s < b.samples; s++) draws.push(sampleFcInit(g, X, act, 2, b.m, cs).grams[1].data);
  return worstEntry(draws, (scaled as Matrix).data, c.n, band(b), `${c.act} n=${c.n} m=${b.m} S=${b.samples}: K̂^(1) vs ${cSigmaFactor === 1 ? 'K^(1)' : 'K^(1)/c_σ'}`);
}

export const reviewFirstLayer = claim({
  id: 'review003.sec2.8.first-layer-unbiased',
  source: '003 review, §2.8 (K̂^(1) ≈ K^(1)), catalog 001-003-004 §2.8 check (c/d) and §2.9 pitfall',
  statement: 'E_W[K̂^(1)] = K^(1) = c_σ E_{N(0, XXᵀ)}[σσᵀ] exactly (first layer), for ReLU and erf',
  kind: 'statistical',
  rationale: 'at width m each entry of K̂^(1) is a mean of m i.i.d. products, unbiased; S draws, Student-t band at 1e-6/(2·runs·34): family-wise '
    + 'false alarm ≤ 1e-6. Only the first layer is asserted (deeper layers carry an O(1/m) bias, a pitfall at review 003 Theorem 4: catalog 001-003-004 §2.9)',
  budget: { quick: fcBudget(3, 256, 100), default: fcBudget(6, 512, 400), deep: fcBudget(20, 1024, 1000) },
  arbitrary: () => fc.record({ act: fc.constantFrom<ActName>('relu', 'erf'), n: fc.integer({ min: 2, max: 4 }), seed: seedArb }),
  check: (c, b) => firstLayer(c, b, 1),
  negativeControl: {
    describe: 'the review\'s §2.2 without c_σ: K^(1) = G(X) (the diagonal becomes 1/c_σ)',
    check: (c, b) => firstLayer(c, b, 1 / cSigma(activation(c.act))),
  },
});
