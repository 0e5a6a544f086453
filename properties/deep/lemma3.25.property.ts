/**
 * Lemma 3.25 (the 2×2 blocks of the ResNet K^(h) do not degenerate with depth), catalog 002b §3.39, erratum E40,
 * ranking row 9. Printed: λ(K^(h)) ≥ λ(K^(0)), λ(K) = min_{i≠j} λmin([[K_ii, K_ij], [K_ji, K_jj]]). The telescoping
 * treats layer 1 as residual, but D^(1) = 0: false when μ = E σ(z) ≠ 0 (softplus, ReLU, sigmoid); an orthogonal unit
 * pair gives λ(K^(1)) = 1 − c_σμ² < 1 = λ(K^(0)). Corrected: λ(K^(h)) ≥ (1 − c_σμ²) λ(K^(0)) for 1 ≤ h ≤ H−1 (unit inputs).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { zeros } from '../../src/core/matrix.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { cSigma, gaussianMoments } from '../../src/kernels/gaussian.ts';
import { resnetKernel } from '../../src/kernels/deep-recursions.ts';
import { type ActName, activation, inputs, pairLambda } from './kernel-support.ts';

interface Case { act: ActName; n: number; d: number; H: number; cRes: number; orthogonalPair: boolean; seed: number }

/** 1 − c_σ μ², the depth-independent floor of the corrected lemma (0.2947 softplus, 0.6817 ReLU, 0.1479 sigmoid, 1 odd σ). */
function floorFactor(name: ActName): number {
  const act = activation(name), mu = gaussianMoments(act).mean(1);
  return 1 - cSigma(act) * mu * mu;
}

/** Unit data: random (lines ≥ acos 0.95 apart), or the orthogonal pair e_1, e_2 of the counterexample to Lemma 3.25 (erratum E40; catalog 002b §3.39). */
function data(c: Case) {
  if (!c.orthogonalPair) return inputs(c.seed, c.n, c.d);
  const X = zeros(2, c.d);
  X.data[0] = 1; X.data[c.d + 1] = 1;
  return X;
}

/** min over 1 ≤ h ≤ H−1 of λ(K^(h)) / λ(K^(0)), and the layer where it is attained. */
function worstRatio(c: Case): { ratio: number; h: number; lambda0: number } {
  const X = data(c);
  const r = resnetKernel(X, activation(c.act), c.H, c.cRes);
  const lambda0 = pairLambda(r.layers[0]);
  let ratio = Infinity, at = 1;
  for (let h = 1; h < c.H; h++) {
    const q = pairLambda(r.layers[h]) / lambda0;
    if (q < ratio) { ratio = q; at = h; }
  }
  return { ratio, h: at, lambda0 };
}

const label = (c: Case) => `${c.act} ${c.orthogonalPair ? 'orthogonal pair' : `n=${c.n} d=${c.d}`} H=${c.H} c_res=${c.cRes}`;

const caseArb = (acts: ActName[]) => fc.record({
  act: fc.constantFrom(...acts), n: fc.integer({ min: 2, max: 6 }), d: fc.integer({ min: 3, max: 6 }), H: fc.integer({ min: 2, max: 6 }),
  cRes: fc.constantFrom(0.25, 0.5, 0.9), orthogonalPair: fc.boolean(), seed: seedArb,
});

export const lemma325Printed = claim({
  id: 'thesis.ch3.E40.lemma3.25-printed',
  source: '002 thesis ch. 3, Lemma 3.25 and its use in Proposition 3.2, erratum E40 (catalog 002b §3.39, §5)',
  statement: 'printed Lemma 3.25: for the ResNet (D^(h) = I), λ(K^(h)) ≥ λ(K^(0)) = min_{i≠j} λmin of the input 2×2 blocks; corrected: ≥ (1 − c_σμ²) λ(K^(0)), μ = E σ(z)',
  kind: 'falsified',
  rationale: 'deterministic recursion; the counterexample to Lemma 3.25 (catalog 002b §3.39) is an orthogonal unit pair with softplus: λ(K^(1)) = 0.2947 < 1. Corrected bound by the Hermite '
    + 'expansion of c_σ Cov(σ(u), σ(v)) (derived, not in the thesis; catalog 002b §3.39), checked at every hidden layer with 1e-12 round-off',
  budget: { quick: { runs: 10 }, default: { runs: 40 }, deep: { runs: 200 } },
  arbitrary: () => caseArb(['softplus', 'relu', 'sigmoid']),
  check: (c) => {
    const w = worstRatio(c);
    return verdict.atLeast(w.ratio, 1, `${label(c)}: min_h λ(K^(h))/λ(K^(0)) = ${w.ratio.toFixed(6)} at h=${w.h}`);
  },
  corrected: (c) => {
    const w = worstRatio(c), f = floorFactor(c.act);
    return verdict.atLeast(w.ratio * (1 + 1e-12), f, `${label(c)}: min_h λ(K^(h))/λ(K^(0)) = ${w.ratio.toFixed(6)} ≥ 1 − c_σμ² = ${f.toFixed(6)}`);
  },
});

export const lemma325Corrected = claim({
  id: 'thesis.ch3.lemma3.25.corrected-floor',
  source: '002 thesis ch. 3, Lemma 3.25 corrected and Proposition 3.2 (catalog 002b §3.39 checks (a)/(b))',
  statement: 'for the ResNet with unit inputs, λ(K^(h)) ≥ (1 − c_σμ²) λ(K^(0)) for every 1 ≤ h ≤ H−1 (μ = E σ(z)); for an orthogonal unit pair, '
    + 'λ(K^(1)) = 1 − c_σμ² exactly (0.294725327 for softplus)',
  kind: 'bound',
  rationale: 'deterministic recursion (GH N = 100/200 or closed forms); the equality for the orthogonal pair holds to the quadrature\'s round-off (1e-12): '
    + 'K^(1) = [[1, c_σμ²], [c_σμ², 1]] so λ = 1 − c_σμ²',
  budget: { quick: { runs: 10 }, default: { runs: 40 }, deep: { runs: 200 } },
  arbitrary: () => caseArb(['softplus', 'relu', 'sigmoid', 'tanh', 'erf+0.5']),
  check: (c) => correctedCheck(c, false),
  negativeControl: {
    describe: 'the printed floor λ(K^(0)) (no factor 1 − c_σμ²), on orthogonal pairs with E σ ≠ 0',
    arbitrary: () => caseArb(['softplus', 'relu', 'sigmoid']).map((c) => ({ ...c, orthogonalPair: true })),
    check: (c) => correctedCheck(c, true),
  },
});

function correctedCheck(c: Case, printed: boolean): Verdict {
  const w = worstRatio(c), f = printed ? 1 : floorFactor(c.act);
  const vs: Verdict[] = [verdict.atLeast(w.ratio * (1 + 1e-12), f, `${label(c)}: min_h λ(K^(h))/λ(K^(0)) = ${w.ratio.toFixed(6)} vs floor ${f.toFixed(6)}`)];
  if (c.orthogonalPair && !printed) {
    const r = resnetKernel(data(c), activation(c.act), c.H, c.cRes);
    vs.push(verdict.within(Math.abs(pairLambda(r.layers[1]) - floorFactor(c.act)), 1e-12, `λ(K^(1)) = ${pairLambda(r.layers[1]).toFixed(12)} = 1 − c_σμ²`));
  }
  return verdict.allOf(vs);
}
