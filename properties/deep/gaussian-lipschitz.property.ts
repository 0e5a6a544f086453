/**
 * Lipschitz dependence of the Gaussian moment maps on the covariance (thesis Lemmas 3.22, 3.28–3.30; review 003 Lemma 2;
 * catalog 002b §2.6, §3.34, §3.42–§3.44, 001-003-004 §2.4; ranking rows 10, 19, 20, 21 and 003 row 37), with the explicit
 * constants derived (not in the thesis or 003) from Price's theorem: ∂F/∂c = E σ'σ', ∂F/∂a = ½ E σ''σ. The review's universal constant
 * (no diagonal bound) is falsified on A = diag(ε, T) (erratum 001-003-004.E25).
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import type { Activation } from '../../src/core/activations.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { DomainError } from '../../src/core/errors.ts';
import { isPositiveDefiniteShifted } from '../../src/core/linalg.ts';
import { fromRows } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { type Covariance2, expect1d, expectProduct, gaussHermite, gaussianMoments } from '../../src/kernels/gaussian.ts';
import { type ActName, activation } from './kernel-support.ts';

const SMOOTH: ActName[] = ['softplus', 'tanh', 'erf', 'sigmoid'];
const N = 200;

/** Condition 3.1's constants of the activation (activations.ts). */
function constants(act: Activation): { L: number; beta: number; gamma: number; s0: number } {
  return { L: act.lipschitz as number, beta: act.smoothness as number, gamma: act.thirdBound as number, s0: Math.abs(act.value(0)) };
}

/** A random PSD covariance with diagonals in [lo, hi] and correlation in [−0.95, 0.95]. */
function randomCov(seed: number, stream: string, lo = 0.25, hi = 4): Covariance2 {
  const g = rng(seed).stream(stream);
  const a = g.uniformIn(lo, hi), b = g.uniformIn(lo, hi), rho = g.uniformIn(-0.95, 0.95);
  return { a, c: rho * Math.sqrt(a * b), b };
}

// ---------------------------------------------------------------------------------------------
// Price identities by central finite differences.

interface PriceCase { act: ActName; seed: number }

function priceCheck(c: PriceCase, halfFactor: number): Verdict {
  const act = activation(c.act), cov = randomCov(c.seed, 'price', 0.3, 2);
  const F = (x: Covariance2) => expectProduct(act.value, act.value, x, N);
  const h = 1e-5;
  const dc = (F({ ...cov, c: cov.c + h }) - F({ ...cov, c: cov.c - h })) / (2 * h);
  const da = (F({ ...cov, a: cov.a + h }) - F({ ...cov, a: cov.a - h })) / (2 * h);
  const pc = expectProduct(act.derivative, act.derivative, cov, N);
  const sd = act.secondDerivative as (x: number) => number;
  const pa = halfFactor * expectProduct(sd, act.value, cov, N);
  // FD error h²/6·|F'''| ≲ 1e-10 plus round-off ε|F|/h ≲ 1e-10; GH error at N = 200 ≲ 1e-9 for tanh (a numerical fact, not in the thesis; catalog 002b §2.3).
  return verdict.allOf([
    verdict.within(Math.abs(dc - pc), 1e-7, `${c.act} (a, c, b) = (${cov.a.toFixed(3)}, ${cov.c.toFixed(3)}, ${cov.b.toFixed(3)}): |∂F/∂c − E σ'σ'| = ${Math.abs(dc - pc).toExponential(1)}`),
    verdict.within(Math.abs(da - pa), 1e-7, `|∂F/∂a − ${halfFactor === 0.5 ? '½' : halfFactor} E σ''σ| = ${Math.abs(da - pa).toExponential(1)}`),
  ]);
}

export const priceIdentities = claim({
  id: 'thesis.ch3.lemma3.29.price-identities',
  source: '002 thesis ch. 3, Lemma 3.29 proof (catalog 002b §2.6, §3.43 check (a), ranking row 10)',
  statement: 'for F(a, c, b) = E σ(u)σ(v), (u, v) ~ N(0, [[a, c], [c, b]]): ∂F/∂c = E σ\'(u)σ\'(v) and ∂F/∂a = ½ E σ\'\'(u)σ(v) (Price / heat equation)',
  kind: 'exact',
  rationale: 'central differences with h = 1e-5 of the 200-node GH F (catalog: 1e-11 softplus, 9e-9 tanh at N = 120); tolerance 1e-7 covers FD truncation, round-off and GH error',
  budget: { quick: { runs: 6 }, default: { runs: 20 }, deep: { runs: 100 } },
  arbitrary: () => fc.record({ act: fc.constantFrom(...SMOOTH), seed: seedArb }),
  check: (c) => priceCheck(c, 0.5),
  negativeControl: { describe: '∂F/∂a = E σ\'\'σ (the ½ dropped)', check: (c) => priceCheck(c, 1) },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.28: |E_{N(0,a)} σ − E_{N(0,b)} σ| ≤ (β/2)|a − b| (variances).

interface VarCase { act: ActName; a: number; b: number }

function lemma328(c: VarCase, constant: number): Verdict {
  const act = activation(c.act), { beta } = constants(act);
  const lhs = Math.abs(expect1d(act.value, c.a, N) - expect1d(act.value, c.b, N));
  return verdict.atMost(lhs, constant * beta * Math.abs(c.a - c.b) * (1 + 1e-9) + 1e-15,
    `${c.act} a=${c.a.toFixed(3)} b=${c.b.toFixed(3)}: |ΔE σ| = ${lhs.toExponential(3)} vs ${constant === 0.5 ? 'β/2' : `${constant}β`}·|a−b|`);
}

export const lemma328Claim = claim({
  id: 'thesis.ch3.lemma3.28.variance-lipschitz',
  source: '002 thesis ch. 3, Lemma 3.28 with the explicit constant C = β/2 (catalog 002b §2.6, §3.42, ranking row 19; erratum E42)',
  statement: '|E_{z~N(0,a)} σ(z) − E_{z~N(0,b)} σ(z)| ≤ (β/2)|a − b| for all variances a, b (β = sup|σ\'\'|), no dependence on the variance range',
  kind: 'bound',
  rationale: 'd/da E σ(√a z) = ½ E σ\'\'(√a z) (heat equation), |σ\'\'| ≤ β; 200-node GH, relative slack 1e-9 (catalog: worst ratio 0.918 for softplus, 0 for odd σ)',
  budget: { quick: { runs: 30 }, default: { runs: 100 }, deep: { runs: 400 } },
  arbitrary: () => fc.record({ act: fc.constantFrom<ActName>('softplus', 'sigmoid', 'erf+0.5'), a: fc.double({ min: 0.2, max: 3, noNaN: true }), b: fc.double({ min: 0.2, max: 3, noNaN: true }) }),
  check: (c) => lemma328(c, 0.5),
  negativeControl: {
    describe: 'the constant β/4 (softplus, small variances: the ratio to β/2 is ≈ 0.9 there)',
    arbitrary: () => fc.record({ act: fc.constant<ActName>('softplus'), a: fc.double({ min: 0.05, max: 0.3, noNaN: true }), b: fc.double({ min: 0.05, max: 0.3, noNaN: true }) })
      .filter((c) => Math.abs(c.a - c.b) > 1e-3),
    check: (c) => lemma328(c, 0.25),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.29 (explicit) and Lemma 3.22's σ' part: the mean-value bound along the PSD segment B → A.

interface PairCase { act: ActName; seed: number; scale: number; offDiagonalOnly: boolean; diagonalOnly: boolean }

function perturbed(c: PairCase): [Covariance2, Covariance2] {
  const A = randomCov(c.seed, 'A');
  const g = rng(c.seed).stream('perturbation');
  // B = A + a small symmetric perturbation kept PSD (shrink until it is); the diagonals stay in [0.2, 4.5].
  for (let t = c.scale; ; t /= 2) {
    const da = c.offDiagonalOnly ? 0 : t * g.uniformIn(-1, 1), db = c.offDiagonalOnly ? 0 : t * g.uniformIn(-1, 1), dc = c.diagonalOnly ? 0 : t * g.uniformIn(-1, 1);
    const B = { a: A.a + da, c: A.c + dc, b: A.b + db };
    if (B.a > 0.2 && B.b > 0.2 && B.c * B.c < B.a * B.b * 0.999) return [A, B];
  }
}

function explicitBound(c: PairCase, derivativeKernel: boolean, dropDiagonal: boolean): Verdict {
  const act = activation(c.act), { L, beta, gamma, s0 } = constants(act);
  const [A, B] = perturbed(c);
  const f = derivativeKernel ? act.derivative : act.value;
  const lhs = Math.abs(expectProduct(f, f, A, N) - expectProduct(f, f, B, N));
  const cbar = Math.max(A.a, A.b, B.a, B.b);
  const dOff = Math.abs(A.c - B.c), dDiag = Math.abs(A.a - B.a) + Math.abs(A.b - B.b);
  // Lemma 3.29: L²|ΔA12| + (β/2)(|σ(0)| + L√(2c̄/π))(|ΔA11| + |ΔA22|);  Lemma 3.22 (σ'): β²|ΔA12| + (γ/2)L(|ΔA11| + |ΔA22|).
  const diagTerm = derivativeKernel ? (gamma / 2) * L * dDiag : (beta / 2) * (s0 + L * Math.sqrt((2 * cbar) / Math.PI)) * dDiag;
  const rhs = (derivativeKernel ? beta * beta : L * L) * dOff + (dropDiagonal ? 0 : diagTerm);
  return verdict.atMost(lhs, rhs * (1 + 1e-9) + 1e-14,
    `${c.act} ${derivativeKernel ? 'E σ\'σ\'' : 'E σσ'}: |ΔF| = ${lhs.toExponential(3)}, |ΔA12| = ${dOff.toExponential(2)}, |ΔA11|+|ΔA22| = ${dDiag.toExponential(2)}${dropDiagonal ? ' (diagonal term dropped)' : ''}`);
}

const pairArb = (acts: ActName[], diagonalOnly = false) => fc.record({
  act: fc.constantFrom(...acts), seed: seedArb, scale: fc.constantFrom(1e-3, 1e-2, 0.1, 0.5), offDiagonalOnly: fc.constant(false), diagonalOnly: fc.constant(diagonalOnly),
});

export const lemma329Explicit = claim({
  id: 'thesis.ch3.lemma3.29.explicit-constant',
  source: '002 thesis ch. 3, Lemmas 3.29/3.30 with the explicit constant of catalog 002b §2.6 (§3.43 check (b), §3.44, ranking row 20)',
  statement: '|F(A) − F(B)| ≤ L²|A12 − B12| + (β/2)(|σ(0)| + L√(2c̄/π))(|A11 − B11| + |A22 − B22|), c̄ = max diagonal, for PSD 2×2 A, B (entrywise, so also '
    + 'the 2p×2p matrix version of Lemma 3.30)',
  kind: 'bound',
  rationale: 'mean-value theorem along the PSD segment with the Price derivatives, |σ\'| ≤ L, |σ\'\'| ≤ β and E|σ(v)| ≤ |σ(0)| + L√(2c̄/π); 200-node GH, relative slack 1e-9',
  budget: { quick: { runs: 25 }, default: { runs: 100 }, deep: { runs: 500 } },
  arbitrary: () => pairArb(SMOOTH),
  check: (c) => explicitBound(c, false, false),
  negativeControl: {
    describe: 'the bound without its diagonal term (perturbations of the variances only, softplus and sigmoid: E σ ≠ 0)',
    arbitrary: () => pairArb(['softplus', 'sigmoid'], true),
    check: (c) => explicitBound(c, false, true),
  },
});

export const lemma322SigmaPrime = claim({
  id: 'thesis.ch3.lemma3.22.sigma-prime-lipschitz',
  source: '002 thesis ch. 3, Lemma 3.22 (Lemma 3.29 applied to σ\'), explicit constant of catalog 002b §3.34 (ranking row 21)',
  statement: '|E_A σ\'σ\' − E_B σ\'σ\'| ≤ β²|A12 − B12| + (γ/2)L(|A11 − B11| + |A22 − B22|), γ = sup|σ\'\'\'| (softplus 1/(6√3), tanh 2, erf 4/√π)',
  kind: 'bound',
  rationale: 'Lemma 3.29\'s argument with f = g = σ\': Lipschitz constant β, smoothness γ, and |σ\'| ≤ L in place of E|σ(v)|; 200-node GH, relative slack 1e-9',
  budget: { quick: { runs: 25 }, default: { runs: 100 }, deep: { runs: 500 } },
  arbitrary: () => pairArb(SMOOTH),
  check: (c) => explicitBound(c, true, false),
  negativeControl: {
    describe: 'the bound without its diagonal term (perturbations of the variances only)',
    arbitrary: () => pairArb(['softplus', 'tanh', 'erf'], true),
    check: (c) => explicitBound(c, true, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Review 003 Lemma 2: the explicit constant (diagonals ≤ C) and the universal claim falsified.

interface Lemma2Case { act: 'softplus' | 'erf'; C: number; seed: number }

/** c of the review's assumption 1 (one constant for |σ(0)|, Lipschitz σ and σ'): softplus 1, erf 2/√π. */
const reviewC = (act: Activation) => Math.max(act.lipschitz as number, act.smoothness as number, Math.abs(act.value(0)));

/** max over the entries of F(A) = E σ(U)σ(U)ᵀ (n×n) of |F(A1) − F(A2)| / max|A1 − A2| for random PD A1, A2 = A1 + E (n = 4). */
function lemma2Ratio(c: Lemma2Case): number {
  const act = activation(c.act), mom = gaussianMoments(act, 60), g = rng(c.seed).stream('lemma2');
  const n = 4;
  // A1 = D^{1/2} R D^{1/2}, R a random correlation matrix (normalized Gram of Gaussian vectors), diagonals in [0.5, C − 0.01]
  // (so that A2's, moved by at most 0.01, stay ≤ C as the statement requires).
  const V = Array.from({ length: n }, () => Array.from({ length: n }, () => g.normal()));
  const dots = (i: number, j: number) => V[i].reduce((s, v, k) => s + v * V[j][k], 0);
  const diag = Array.from({ length: n }, () => g.uniformIn(0.5, c.C - 0.01));
  const A1 = (i: number, j: number) => (dots(i, j) / Math.sqrt(dots(i, i) * dots(j, j))) * Math.sqrt(diag[i] * diag[j]);
  const E = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { E[i][j] = 0.01 * g.uniformIn(-1, 1); E[j][i] = E[i][j]; }
  // The statement is about PD A1 and A2: when A1 is nearly singular, A1 + E can leave the cone, so E is halved until A2 is PD
  // (the ratio is scale-free in E to first order; a PD A1 has such a t > 0).
  const pd = (t: number) => isPositiveDefiniteShifted(fromRows(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => A1(i, j) + t * E[i][j]))));
  let t = 1;
  for (let halvings = 0; !pd(t); halvings++) {
    if (halvings > 60) throw new DomainError(`A1 of seed ${c.seed} is numerically singular`, 'seed');
    t /= 2;
  }
  const A2 = (i: number, j: number) => A1(i, j) + t * E[i][j];
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      den = Math.max(den, t * Math.abs(E[i][j]));
      const f = (A: (i: number, j: number) => number) => mom.dual({ a: A(i, i), c: A(i, j), b: A(j, j) });
      num = Math.max(num, Math.abs(f(A1) - f(A2)));
    }
  }
  return num / den;
}

/** The corrected constant c² + c|σ(0)| + c²√(2C/π) (of review 003 Lemma 2, corrected; catalog 001-003-004 §2.4). */
function lemma2Constant(act: Activation, C: number): number {
  const c = reviewC(act);
  return c * c + c * Math.abs(act.value(0)) + c * c * Math.sqrt((2 * C) / Math.PI);
}

export const review003Lemma2 = claim({
  id: 'review003.lemma2.explicit-constant',
  source: '003 review, Lemma 2 with the corrected explicit constant (catalog 001-003-004 §2.4 check (b), ranking row 37)',
  statement: 'for PD A1, A2 with every diagonal entry ≤ C: ‖F(A1) − F(A2)‖_max ≤ (c² + c|σ(0)| + c²√(2C/π))‖A1 − A2‖_max, F(A) = E_{U~N(0,A)} σ(U)σ(U)ᵀ, '
    + 'c the single constant of the review\'s assumption 1 (softplus 1, erf 2/√π)',
  kind: 'bound',
  rationale: 'Price derivatives bounded entrywise as in Lemma 3.29 (catalog: worst ratios 0.47–0.63 of the bound); n = 4, perturbations of size 0.01, GH 60 nodes',
  budget: { quick: { runs: 20 }, default: { runs: 100 }, deep: { runs: 300 } },
  arbitrary: () => fc.record({ act: fc.constantFrom<'softplus' | 'erf'>('softplus', 'erf'), C: fc.constantFrom(2, 10), seed: seedArb }),
  check: (c) => {
    const act = activation(c.act), r = lemma2Ratio(c), K = lemma2Constant(act, c.C);
    return verdict.atMost(r, K, `${c.act} C=${c.C}: max|ΔF|/max|ΔA| = ${r.toFixed(4)} vs ${K.toFixed(4)}`);
  },
  negativeControl: {
    describe: 'the constant c² (the Lipschitz part alone, no diagonal growth term)',
    arbitrary: () => fc.record({ act: fc.constant<'softplus' | 'erf'>('softplus'), C: fc.constant(10), seed: seedArb }),
    check: (c) => {
      const r = universalRatio(1e4);
      return verdict.atMost(r, reviewC(activation(c.act)) ** 2, `softplus diag(0.01, 1e4): ratio ${r.toFixed(3)} vs c² = 1`);
    },
  },
});

/** Softplus on A1 = diag(ε, T), A2 = diag(ε + Δ, T) (ε = 0.01, Δ = 1e-4): ‖ΔF‖_max/‖ΔA‖_max ≈ √(T/2π)/8. */
function universalRatio(T: number): number {
  const mom = gaussianMoments(activation('softplus'));
  const eps = 0.01, delta = 1e-4;
  const f = (a: number) => mom.dual({ a, c: 0, b: T });
  return Math.abs(f(eps + delta) - f(eps)) / delta;
}

export const review003Lemma2Universal = claim({
  id: 'review003.E25.lemma2-universal',
  source: '003 review, Lemma 2 as printed (a universal constant, no diagonal bound), erratum item 3 of catalog 001-003-004 §5.2',
  statement: 'printed: there is a constant K (depending on σ only) with ‖F(A1) − F(A2)‖_max ≤ K‖A1 − A2‖_max for all PD A1, A2; instantiated with '
    + 'K = 10·(c² + c|σ(0)| + c²√(2·2/π)) ≈ 28 for softplus (ten times the bounded-diagonal constant at C = 2); corrected: the constant grows like √C',
  kind: 'falsified',
  rationale: 'on A = diag(ε, T) the ratio is ½E σ\'\'(u₁)·E σ(u₂)/… ≈ √(T/2π)/8 (catalog: 0.10, 0.51, 4.98, 49.8 at T = 1, 1e2, 1e4, 1e6), unbounded in T, '
    + 'so every candidate K fails; the corrected constant with C = T holds there',
  budget: { quick: { runs: 5 }, default: { runs: 10 }, deep: { runs: 40 } },
  arbitrary: () => fc.double({ min: 6, max: 9, noNaN: true }).map((e) => ({ T: 10 ** e })),
  check: (c) => {
    const K = 10 * lemma2Constant(activation('softplus'), 2), r = universalRatio(c.T);
    return verdict.atMost(r, K, `softplus A = diag(0.01, ${c.T.toExponential(2)}): ratio ${r.toFixed(2)} vs K = ${K.toFixed(2)}`);
  },
  corrected: (c) => {
    const K = lemma2Constant(activation('softplus'), c.T), r = universalRatio(c.T);
    return verdict.atMost(r, K, `corrected constant with C = T: ratio ${r.toFixed(2)} vs ${K.toFixed(2)}`);
  },
});

// ---------------------------------------------------------------------------------------------
// The Hermite expansion behind Lemmas 3.25 and 3.29: F(1, ρ, 1) = Σ_k α_k² ρ^k, α_k = E[σ(z) He_k(z)]/√(k!).

/** α_0..α_K by the 200-node GH rule with the orthonormal recurrence p_{k+1} = (z p_k − √k p_{k−1})/√(k+1). */
function hermiteCoefficients(act: Activation, K: number): Float64Array {
  const { nodes, weights } = gaussHermite(200);
  const alpha = new Float64Array(K + 1);
  for (let t = 0; t < nodes.length; t++) {
    const z = nodes[t], w = weights[t] * act.value(z);
    let prev = 0, p = 1;
    for (let k = 0; k <= K; k++) {
      alpha[k] += w * p;
      const next = (z * p - Math.sqrt(k) * prev) / Math.sqrt(k + 1);
      prev = p; p = next;
    }
  }
  return alpha;
}

function hermiteCheck(c: { act: ActName; rho: number }, from: number): Verdict {
  const act = activation(c.act), alpha = hermiteCoefficients(act, 60);
  let series = 0;
  for (let k = from; k <= 60; k++) series += alpha[k] * alpha[k] * c.rho ** k;
  const F = expectProduct(act.value, act.value, { a: 1, c: c.rho, b: 1 }, N);
  const cs = 1 / expectProduct(act.value, act.value, { a: 1, c: 1, b: 1 }, N);
  let tail = 0;
  for (let k = 1; k <= 60; k++) tail += alpha[k] * alpha[k];
  return verdict.allOf([
    verdict.within(Math.abs(series - F), 1e-9, `${c.act} ρ=${c.rho.toFixed(3)}: |Σ_{k≥${from}} α_k²ρ^k − F(1, ρ, 1)| = ${Math.abs(series - F).toExponential(1)}`),
    verdict.within(Math.abs(cs * tail - (1 - cs * alpha[0] * alpha[0])), 1e-9, `c_σ Σ_{k≥1} α_k² = 1 − c_σμ² to ${Math.abs(cs * tail - (1 - cs * alpha[0] * alpha[0])).toExponential(1)}`),
  ]);
}

export const hermiteSeries = claim({
  id: 'thesis.ch3.lemma3.29.hermite-series',
  source: '002 thesis ch. 3, proofs of Lemmas 3.29 and 3.25 (catalog 002b §3.39 check (a), §3.43, ranking rows 9–10)',
  statement: 'F(1, ρ, 1) = E σ(u)σ(v) at correlation ρ equals Σ_k α_k² ρ^k with α_k = E[σ(z)He_k(z)]/√(k!), and c_σ Σ_{k≥1} α_k² = 1 − c_σμ² (μ = α_0 = E σ(z))',
  kind: 'exact',
  rationale: '60 terms with 200-node GH coefficients (catalog: 2e-16 softplus, 7e-11 tanh); |ρ| ≤ 0.95 keeps the truncated tail ≤ 0.95^61·Σα_k² ≲ 1e-10; tolerance 1e-9',
  budget: { quick: { runs: 8 }, default: { runs: 30 }, deep: { runs: 100 } },
  arbitrary: () => fc.record({ act: fc.constantFrom(...SMOOTH), rho: fc.double({ min: -0.95, max: 0.95, noNaN: true }) }),
  check: (c) => hermiteCheck(c, 0),
  negativeControl: {
    describe: 'the series without its k = 0 term μ² (softplus and sigmoid, where μ ≠ 0)',
    arbitrary: () => fc.record({ act: fc.constantFrom<ActName>('softplus', 'sigmoid'), rho: fc.double({ min: -0.95, max: 0.95, noNaN: true }) }),
    check: (c) => hermiteCheck(c, 1),
  },
});
