/**
 * Lemma 3.16 (least eigenvalue at initialization, convolutional ResNet; catalog 002b §3.25, §6 row
 * 28): λmin(G^(H)(0)) ≥ ¾λ0 with probability ≥ 1 − δ once m is large, λ0 = λmin(K^(H)) the
 * population Gram of the corrected Definition 3.3 (deep-kernels' convResnetKernel). The width
 * condition hides its constants, so the claim is the conclusion at a stated practical width, with
 * the initialization drawn exactly in distribution over the n·p patch columns (sampleConvResnetInit).
 */
import fc from 'fast-check';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { lambdaMin, spectralNorm } from '../../src/core/linalg.ts';
import { logLogSlope } from '../../src/stats/slope.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { sampleConvResnetInit } from '../../src/models/conv-resnet.ts';
import { type ActName, type ConvResnetCase, archOf, fmtE, instance, populationKernel, populationLambda0 } from './conv-common.ts';

interface Lambda0Budget { runs: number; controlRuns?: number; m: number; trials: number }
const DELTA = 0.2;
const ALPHA = 1e-6;

const lambda0Case = (): fc.Arbitrary<ConvResnetCase> => fc.record({
  n: fc.constant(3), d0: fc.integer({ min: 1, max: 2 }), p: fc.integer({ min: 3, max: 4 }), m: fc.constant(1),
  H: fc.integer({ min: 2, max: 3 }), act: fc.constantFrom<ActName>('softplus', 'erf'), cRes: fc.double({ min: 0.3, max: 0.9, noNaN: true }), seed: seedArb,
});

function lambda0Check(c: ConvResnetCase, b: Lambda0Budget, factor: number): Verdict {
  const base = { ...c, m: b.m }, { arch, X } = instance(base), lambda0 = populationLambda0(base, X);
  const r = rng(c.seed).stream('inits');
  let failures = 0, lo = Infinity, hi = 0;
  for (let t = 0; t < b.trials; t++) {
    const ratio = lambdaMin(sampleConvResnetInit(arch, X, r.stream(`trial-${t}`)).gramH) / lambda0;
    lo = Math.min(lo, ratio); hi = Math.max(hi, ratio);
    if (ratio < factor) failures++;
  }
  return verdict.failureRate({ failures, trials: b.trials, delta: DELTA, alpha: ALPHA },
    `${c.act} n=${c.n} d0=${c.d0} p=${c.p} H=${c.H} c_res=${c.cRes.toFixed(2)} m=${b.m}: λ0 = ${fmtE(lambda0, 3)}, λmin(G^(H)(0))/λ0 in [${lo.toFixed(3)}, ${hi.toFixed(3)}], threshold ${factor}`);
}

export const lemma316LeastEigenvalue = claim<Lambda0Budget, ConvResnetCase>({
  id: 'thesis.ch3.lemma3.16.conv-least-eigenvalue',
  source: '002 thesis ch. 3 Lemma 3.16 and Definition 3.3 (corrected, catalog 002b §2.4.3, §3.25, §6 row 28)',
  statement: `conv-ResNet at N(0, 1) initialization, m = 256 (quick) / 512 (default) / 1024 (deep), n = 3, p ≤ 4: λmin(G^(H)(0)) ≥ ¾λ0 with probability ≥ 1 − δ, δ = ${DELTA}`,
  kind: 'statistical',
  rationale: 'the lemma\'s m = Ω(n²p²log(Hn/δ)/λ0²) hides its constant, so the conclusion is asserted at a stated width (catalog: frequency ≥ 0.95 at practical m; '
    + `measured ≤ 2/200 below ¾λ0 at m = 256 and 0/1200 at m = 512 for these sizes). Each case draws 200–1000 initializations exactly in distribution; a trial fails if `
    + `λmin(G^(H)(0)) < ¾λ0. One-sided Clopper–Pearson at α = ${ALPHA}: a true claim is reported failing with probability ≤ ${ALPHA} per case`,
  budget: { quick: { runs: 1, m: 256, trials: 200 }, default: { runs: 3, m: 512, trials: 500 }, deep: { runs: 10, m: 1024, trials: 1000 } },
  arbitrary: lambda0Case,
  check: (c, b) => lambda0Check(c, b, 0.75),
  negativeControl: {
    describe: 'λmin(G^(H)(0)) ≥ (5/4)λ0 (the finite-width Gram above its population eigenvalue)',
    check: (c, b) => lambda0Check(c, b, 1.25),
  },
});

// ---------------------------------------------------------------------------------------------
// The concentration behind Lemma 3.16: ‖G^(H)(0) − K^(H)‖_op = Θ(m^{−1/2}).
// ---------------------------------------------------------------------------------------------

interface ConcBudget { runs: number; controlRuns?: number; widths: number[]; draws: number }
const CONC_TOL = 0.2;

function concentration(c: ConvResnetCase, b: ConcBudget, claimed: number): Verdict {
  const base = { ...c, m: b.widths[0] }, { X } = instance(base), K = populationKernel(base, X), r = rng(c.seed).stream('concentration');
  const errs = b.widths.map((m) => {
    const arch = archOf({ ...c, m }); // not instance(): no θ(0) of width m is drawn
    let s = 0;
    for (let t = 0; t < b.draws; t++) {
      const G = sampleConvResnetInit(arch, X, r.stream(`m${m}-${t}`)).gramH;
      s += spectralNorm({ rows: G.rows, cols: G.cols, data: G.data.map((v, k) => v - K.data[k]) });
    }
    return s / b.draws;
  });
  const fit = logLogSlope(b.widths, errs);
  const v = verdict.slopeWithin(fit.slope, claimed, CONC_TOL,
    `${c.act} n=${c.n} d0=${c.d0} p=${c.p} H=${c.H} c_res=${c.cRes.toFixed(2)}: mean ‖G^(H)(0) − K^(H)‖_op ${errs.map((e) => fmtE(e)).join(', ')} at m = ${b.widths.join(', ')}; slope ${fit.slope.toFixed(3)}`);
  return withFit(v, fit, b.widths, errs, { log: true, claimed, xLabel: 'width m', yLabel: 'mean ‖G^(H)(0) − K^(H)‖_op' });
}

export const lemma316Concentration = claim<ConcBudget, ConvResnetCase>({
  id: 'thesis.ch3.lemma3.16.conv-gram-concentration',
  source: '002 thesis ch. 3 Lemma 3.16 via Theorem 3.4 / Remark 3.8 (catalog 002b §3.25 check (d), §3.11)',
  statement: 'conv-ResNet at initialization: the mean of ‖G^(H)(0) − K^(H)‖_op over draws falls like m^{−1/2} (log-log slope −½ ± 0.2 over four widths spanning 64×, from m = 32 (quick) or 64)',
  kind: 'scaling',
  rationale: 'the m^{−1/2} rate is what makes λmin(G^(H)(0)) ≥ ¾λ0 at m = Ω(n²p²log(Hn/δ)/λ0²); 24–64 exact-in-distribution draws per width, '
    + `four widths spanning 64×; tolerance ${CONC_TOL} (measured slopes −0.44 … −0.53 over six datasets; Theorem 3.4's FC slope −0.51 in catalog 002b §3.33)`,
  budget: { quick: { runs: 1, widths: [32, 128, 512, 2048], draws: 24 }, default: { runs: 3, widths: [64, 256, 1024, 4096], draws: 48 }, deep: { runs: 8, widths: [64, 256, 1024, 4096, 16384], draws: 64 } },
  arbitrary: () => fc.record({
    n: fc.constant(3), d0: fc.constant(1), p: fc.integer({ min: 3, max: 4 }), m: fc.constant(1), H: fc.constant(3),
    act: fc.constant<ActName>('softplus'), cRes: fc.double({ min: 0.3, max: 0.7, noNaN: true }), seed: seedArb,
  }),
  check: (c, b) => concentration(c, b, -0.5),
  negativeControl: {
    describe: 'no concentration: the error flat in m (slope 0)',
    check: (c, b) => concentration(c, b, 0),
  },
});
