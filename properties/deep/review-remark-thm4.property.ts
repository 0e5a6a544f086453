/**
 * The remark after the review's Theorem 4 (003; catalog 001-003-004 §2.9, §5.2 item 9 = erratum 001-003-004.E31): it
 * concludes ‖G^(H)(0) − K^(H)‖_op ≤ ¼, but the argument (λmin(G^(H)(0)) ≥ ¾λ0 by Weyl) needs ≤ λ0/4. Whenever λ0 < 1
 * the printed ¼ is too weak: realized initializations of a deep softplus net (λ0 ≈ 1e-2) have ‖G − K‖_op ≤ ¼ and
 * still λmin(G^(H)(0)) < ¾λ0. Drawn exactly in distribution (src/kernels/deep-sampler.ts).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { lambdaMin, spectralNorm } from '../../src/core/linalg.ts';
import { subtract } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { cSigma } from '../../src/kernels/gaussian.ts';
import { fcKernel } from '../../src/kernels/deep-recursions.ts';
import { sampleFcInit } from '../../src/kernels/deep-sampler.ts';
import { activation, inputs } from './kernel-support.ts';

interface Case { m: number; H: number; seed: number }

function draw(c: Case) {
  const act = activation('softplus'), X = inputs(c.seed, 6, 5);
  const pop = fcKernel(X, act, c.H);
  const G = sampleFcInit(rng(c.seed).stream('init'), X, act, c.H, c.m, cSigma(act)).lastGram;
  return { err: spectralNorm(subtract(G, pop.K)), lam: lambdaMin(G), lambda0: pop.lambda0 };
}

/** "‖G − K‖_op ≤ threshold ⇒ λmin(G) ≥ ¾λ0" on one realized initialization (vacuous when the premise fails). */
function implication(c: Case, printed: boolean): Verdict {
  const d = draw(c), threshold = printed ? 0.25 : d.lambda0 / 4;
  const detail = `softplus FC H=${c.H}, n=6, m=${c.m}: ‖G^(H)(0) − K^(H)‖_op = ${d.err.toExponential(2)} (premise ≤ ${printed ? '¼' : 'λ0/4'} = ${threshold.toExponential(2)}), `
    + `λmin(G^(H)(0)) = ${d.lam.toExponential(2)}, ¾λ0 = ${(0.75 * d.lambda0).toExponential(2)}`;
  if (!(d.err <= threshold)) return verdict.vacuous(`${detail}: premise fails`);
  return verdict.atLeast(d.lam, 0.75 * d.lambda0, detail);
}

export const review003RemarkThm4 = claim({
  id: 'review003.E31.remark-thm4-quarter',
  source: '003 review, remark after Theorem 4 (catalog 001-003-004 §2.9, §5.2 item 9)',
  statement: 'printed: ‖G^(H)(0) − K^(H)‖_op ≤ ¼ (what the remark concludes) gives λmin(G^(H)(0)) ≥ ¾λ0; corrected: the remark must conclude ≤ λ0/4, '
    + 'and then λmin(G^(H)(0)) ≥ ¾λ0 by Weyl',
  kind: 'falsified',
  rationale: 'deep softplus nets have λ0 ≈ 1e-2 ≪ 1 (λ0 ∝ χ^H, χ = 0.318), so an error of size ≤ ¼ is far larger than λ0 and can push λmin(G) below ¾λ0; '
    + 'the corrected implication is Weyl\'s inequality (exact on every draw). About 1 draw in 5 at m ∈ {64, 128}, H ∈ {3, 4} is a counterexample, '
    + 'so 60 draws miss with probability ≈ 0.8^60 ≈ 2e-6',
  budget: { quick: { runs: 60 }, default: { runs: 100 }, deep: { runs: 300 } },
  arbitrary: () => fc.noShrink(fc.record({ m: fc.constantFrom(64, 128), H: fc.constantFrom(3, 4), seed: seedArb })),
  check: (c) => implication(c, true),
  corrected: (c) => implication(c, false),
});
