/**
 * Theorem 2.1's quantitative side (catalog 002a §3.11, negative control 2): replacing x_n by the
 * normalized x_1 + ε x_2 makes λ0 = λmin(H∞) vanish like Θ(ε), not Θ(ε²). The reason is the
 * infinite slope of κ(ρ) at ρ = 1 (½ − κ(1 − δ) ≈ √(2δ)/(2π)): the ReLU feature map is
 * discontinuous, so H∞ is not a smooth kernel. Thesis Theorem 2.1; catalog 002a §3.11 measured slope 1.01 at n = 6, d = 4.
 */
import fc from 'fast-check';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { lambdaMin } from '../../src/core/linalg.ts';
import { rng } from '../../src/core/rng.ts';
import { intIn, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereInputs } from '../../src/data/sphere.ts';
import { gramInfinity } from '../../src/kernels/arccos.ts';
import { type SlopeFit, logLogSlope } from '../../src/stats/slope.ts';

interface NdBudget { runs: number; n: IntRange; d: IntRange }
interface NdCase { n: number; d: number; seed: number }

const EPS = [1e-1, 1e-2, 1e-3, 1e-4];

/** Log-log slope of λ0 against ε when x_n = (x_1 + ε x_2)/‖·‖. */
function nearDuplicateSlope(c: NdCase): { slope: number; fit: SlopeFit; lambdas: number[] } {
  const X = sphereInputs(rng(c.seed), c.n, c.d);
  const d = c.d, o = (c.n - 1) * d;
  const lambdas = EPS.map((eps) => {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = X.data[k] + eps * X.data[d + k];
      X.data[o + k] = v;
      s += v * v;
    }
    for (let k = 0; k < d; k++) X.data[o + k] /= Math.sqrt(s);
    return lambdaMin(gramInfinity(X));
  });
  const fit = logLogSlope(EPS, lambdas);
  return { slope: fit.slope, fit, lambdas };
}

const ndArb = (b: NdBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), seed: seedArb });

// Band [0.8, 1.2] for thesis Theorem 2.1 from catalog 002a §3.11 (measured 1.01).
const TOL = 0.2;

export const nearDuplicate = claim({
  id: 'thesis.ch2.thm2.1.near-duplicate',
  source: '002 thesis, Theorem 2.1 (catalog 002a §3.11, control 2)',
  statement: 'with x_n = (x_1 + εx_2)/‖x_1 + εx_2‖, λmin(H∞) = Θ(ε): log-log slope over ε = 1e-1..1e-4 within 1 ± 0.2',
  kind: 'scaling',
  rationale: 'thesis Theorem 2.1, catalog 002a §3.11: λ0 = 1.41e-2, 1.28e-3, 1.27e-4, 1.27e-5 at n = 6, d = 4 (slope 1.01); the band [0.8, 1.2] is the catalog\'s. '
    + 'The smallest λ0 (~1e-6) is 10 orders above the atan2 round-off floor. slack = |slope − 1|/0.2.',
  budget: {
    quick: { runs: 15, n: { min: 3, max: 8 }, d: { min: 3, max: 6 } },
    default: { runs: 60, n: { min: 3, max: 15 }, d: { min: 3, max: 10 } },
    deep: { runs: 300, n: { min: 3, max: 40 }, d: { min: 3, max: 20 } },
  },
  arbitrary: ndArb,
  check: (c) => {
    const { slope, fit, lambdas } = nearDuplicateSlope(c);
    return withFit(verdict.slopeWithin(slope, 1, TOL, `n=${c.n} d=${c.d}: λ0 = ${lambdas.map(fmt).join(', ')}; slope ${fmt(slope)}`),
      fit, EPS, lambdas, { log: true, claimed: 1, xLabel: 'ε', yLabel: 'λ0 = λmin(H∞)' });
  },
  negativeControl: {
    describe: 'the smooth-kernel expectation λ0 = Θ(ε²) (slope 2 ± 0.2)',
    check: (c) => {
      const { slope, fit, lambdas } = nearDuplicateSlope(c);
      return withFit(verdict.slopeWithin(slope, 2, TOL, `n=${c.n} d=${c.d}: λ0 = ${lambdas.map(fmt).join(', ')}; slope ${fmt(slope)} vs claimed 2`),
        fit, EPS, lambdas, { log: true, claimed: 2, xLabel: 'ε', yLabel: 'λ0 = λmin(H∞)' });
    },
  },
});

