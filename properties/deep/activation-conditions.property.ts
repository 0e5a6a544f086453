/**
 * The activation hypotheses of chapter 3 and the review (catalog 002b §3.1, §3.10 ingredient (ii); 001-003-004 §2.3;
 * ranking rows 24, 25 and 003 row 27): Condition 3.1 / assumption (7) — |σ(0)| ≤ c, σ and σ' Lipschitz — with the sharp
 * constants stored on the activations (L = sup|σ'|, β = sup|σ''|, γ = sup|σ'''|), held on sampled pairs and attained on a
 * grid; and Lemma 3.1's ingredient |E σ(αX)² − E σ(X)²| ≤ (C/c_σ)|α − 1| on α ∈ [½, 2].
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import type { Activation } from '../../src/core/activations.ts';
import { cSigma, expect1d } from '../../src/kernels/gaussian.ts';
import { type ActName, activation } from './kernel-support.ts';

const SMOOTH: ActName[] = ['softplus', 'tanh', 'erf', 'sigmoid'];

/**
 * sup over a fine grid of [−12, 12] (step 1e-4) and ±40 of |f|: the suprema of σ', σ'', σ''' sit in [−1, 1] for these
 * activations, except softplus' L = sup σ' = 1, approached as z → ∞ (σ'(40) = 1 − 4e-18).
 */
function gridSup(f: (x: number) => number): number {
  let s = Math.max(Math.abs(f(40)), Math.abs(f(-40)));
  for (let x = -12; x <= 12; x += 1e-4) s = Math.max(s, Math.abs(f(x)));
  return s;
}

const SUPS = new Map<string, [number, number, number]>();
function sups(act: Activation): [number, number, number] {
  let v = SUPS.get(act.name);
  if (!v) {
    v = [gridSup(act.derivative), gridSup(act.secondDerivative as (x: number) => number), gridSup(act.thirdDerivative as (x: number) => number)];
    SUPS.set(act.name, v);
  }
  return v;
}

interface PairCase { act: ActName; z: number; gap: number }

/**
 * Condition 3.1 on one pair (z, z' = z + gap): |σ(z) − σ(z')| ≤ L|z − z'|, |σ'(z) − σ'(z')| ≤ β|z − z'|, |σ''(z) − σ''(z')| ≤ γ|z − z'|
 * (relative slack 1e-12), and the constants are attained: sup of |σ'|, |σ''|, |σ'''| on a grid within 1e-6 of L, β, γ.
 */
function condition31(c: PairCase, shrink: number): Verdict {
  const act = activation(c.act);
  const L = (act.lipschitz as number) * shrink, beta = (act.smoothness as number) * shrink, gamma = (act.thirdBound as number) * shrink;
  const z2 = c.z + c.gap, dz = Math.abs(c.gap);
  const sd = act.secondDerivative as (x: number) => number;
  const [supL, supB, supG] = sups(act);
  // Relative slack 1e-12 plus the round-off of the two evaluations being subtracted: 4 ulp of their size or of 1 (the
  // intermediate terms, e.g. 1 − 2s in σ'' of the logistic, are O(1) even where the value is 0).
  const tol = (x: number, a: number, b: number) => x * (1 + 1e-12) + 4 * 2 ** -52 * (Math.abs(a) + Math.abs(b) + 1);
  const v1 = act.value(c.z), v2 = act.value(z2), d1 = act.derivative(c.z), d2 = act.derivative(z2), s1 = sd(c.z), s2 = sd(z2);
  return verdict.allOf([
    verdict.atMost(Math.abs(v1 - v2), tol(L * dz, v1, v2), `${c.act} z=${c.z.toPrecision(4)} z'−z=${c.gap.toExponential(2)}: |Δσ| vs L|Δz| (L = ${L.toPrecision(5)})`),
    verdict.atMost(Math.abs(d1 - d2), tol(beta * dz, d1, d2), `|Δσ'| vs β|Δz| (β = ${beta.toPrecision(5)})`),
    verdict.atMost(Math.abs(s1 - s2), tol(gamma * dz, s1, s2), `|Δσ''| vs γ|Δz| (γ = ${gamma.toPrecision(5)})`),
    verdict.within(Math.abs(supL - L) + Math.abs(supB - beta) + Math.abs(supG - gamma), 1e-6, `grid suprema ${supL.toPrecision(7)}, ${supB.toPrecision(7)}, ${supG.toPrecision(7)} attain L, β, γ`),
  ]);
}

export const condition31Claim = claim({
  id: 'thesis.ch3.condition3.1.constants',
  source: '002 thesis ch. 3, Condition 3.1 (catalog 002b §3.1, ranking row 25; erratum E1) and 003 review assumption (7) (001-003-004 §2.3, row 27)',
  statement: 'softplus, tanh, erf and sigmoid satisfy Condition 3.1 with the sharp constants L = sup|σ\'| (1, 1, 2/√π, ¼), β = sup|σ\'\'| (¼, 4/(3√3), 2√2/√(πe), 1/(6√3)) '
    + 'and γ = sup|σ\'\'\'| (1/(6√3), 2, 4/√π, ⅛), each attained; ReLU has no β (σ\' jumps)',
  kind: 'bound',
  rationale: 'mean-value theorem on sampled pairs in [−50, 50] (near-equal pairs included), relative slack 1e-12 plus 4 ulp of the two values subtracted (and of 1); attainment on a 1e-4 grid of [−12, 12] '
    + '(the suprema are at 0 or ±0.66, ±0.71, where the grid error is O(1e-8·curvature)) within 1e-6',
  budget: { quick: { runs: 60 }, default: { runs: 300 }, deep: { runs: 2000 } },
  arbitrary: () => fc.record({
    act: fc.constantFrom(...SMOOTH), z: fc.double({ min: -50, max: 50, noNaN: true }),
    gap: fc.oneof(fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
  }),
  check: (c) => {
    const v = condition31(c, 1);
    const relu = activation('relu');
    return relu.smoothness === null && relu.lipschitz === 1 ? v : verdict.allOf([v, verdict.unmet('ReLU must have L = 1 and no β')]);
  },
  negativeControl: {
    describe: 'constants shrunk by 1% (then they are not attained, and pairs near the maximizers break them)',
    check: (c) => condition31(c, 0.99),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.1 ingredient (ii): |E σ(αX)² − E σ(X)²| ≤ (C/c_σ)|α − 1|, α ∈ [½, 2], C = c_σ L (2|σ(0)|√(2/π) + 2L).

function ingredient(c: { act: ActName; alpha: number }, factor: number): Verdict {
  const act = activation(c.act), cs = cSigma(act), L = act.lipschitz as number, s0 = Math.abs(act.value(0));
  const C = cs * L * (2 * s0 * Math.sqrt(2 / Math.PI) + 2 * L) * factor;
  const sq = (x: number) => act.value(x) ** 2;
  const lhs = Math.abs(expect1d(sq, c.alpha * c.alpha, 200) - expect1d(sq, 1, 200));
  return verdict.atMost(lhs, (C / cs) * Math.abs(c.alpha - 1) + 1e-14, `${c.act} α=${c.alpha.toFixed(4)}: |ΔE σ²| = ${lhs.toExponential(3)} vs (C/c_σ)|α−1| with C = ${C.toFixed(4)}`);
}

export const lemma31Ingredient = claim({
  id: 'thesis.ch3.lemma3.1.ingredient-ii',
  source: '002 thesis ch. 3, proof of Lemma 3.1, ingredient (ii) (catalog 002b §3.10 check (b), ranking row 24)',
  statement: '|E σ(αX)² − E σ(X)²| ≤ (C/c_σ)|α − 1| for α ∈ [½, 2], X ~ N(0, 1), C = c_σ L(2|σ(0)|√(2/π) + 2L)',
  kind: 'bound',
  rationale: 'd/dα E σ(αX)² = 2E[σ(αX)σ\'(αX)X] ≤ 2L E[(|σ(0)| + Lα|X|)|X|]; 200-node GH (catalog: worst ratios 0.45 softplus, 0.22 tanh, 0.19 sigmoid)',
  budget: { quick: { runs: 30 }, default: { runs: 100 }, deep: { runs: 400 } },
  arbitrary: () => fc.record({ act: fc.constantFrom(...SMOOTH), alpha: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
  check: (c) => ingredient(c, 1),
  negativeControl: {
    describe: 'C/3 (softplus at α ∈ [1.5, 2], where the ratio to C is ≈ 0.45)',
    arbitrary: () => fc.record({ act: fc.constant<ActName>('softplus'), alpha: fc.double({ min: 1.5, max: 2, noNaN: true }) }),
    check: (c) => ingredient(c, 1 / 3),
  },
});
