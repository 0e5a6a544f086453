/**
 * Errata of thesis chapter 2 that had no claim yet (catalog 002a §5; issue 13, the errata ledger).
 * Each is a `falsified` claim: `check` is the printed statement, `corrected` what holds instead, and
 * the case families are built so that the printed statement fails on a large share of the cases (so
 * any seed finds a counterexample in the quick run).
 *  - E4 (Lemma 2.2 proof): Markov's inequality printed as P[Z > 4n²R/√(2πδ)] ≤ δ; it gives 4n²R/(√(2π)δ).
 *  - E8 (Corollary 2.1 proof): the third line of the chain has (1 − ηλ/2)^{k'/2}‖y − u(k')‖; it must be ‖y − u(0)‖.
 *  - E9 (§2.3.1): R = cλ0/n² (no δ) does not make the induction's last inequality hold; R = cδλ0/n² does.
 *  - E13 (Theorem 2.3 and its proof): four events each failing w.p. ≤ δ hold together w.p. ≥ 1 − 4δ, not 1 − δ.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { rng } from '../../src/core/rng.ts';
import { erf, logGamma } from '../../src/core/special.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { sphereInputs } from '../../src/data/sphere.ts';
import { chapter2Instance } from '../../src/train/instance.ts';
import { cond21LogFactor, gramSpectrum, scanRate } from '../../src/train/regime.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
/** The largest c for which Lemma 2.2's last step closes: 4n²R/(√(2π)δ) ≤ λ0/4 at R = cδλ0/n² (catalog E4). */
const C_LEMMA22 = SQRT_2PI / 16;
/** Lemma 2.5's constant from its proof (E Σ|S_i^⊥| ≤ 2mnR/√(2π), then Markov): C = 2/√(2π) (catalog §5, (2.11)–(2.12)). */
const C_LEMMA25 = 2 / SQRT_2PI;

// ---------------------------------------------------------------------------------------------
// E4: the Markov step of Lemma 2.2.
//
// One unit input x (n = 1, so λ0 = H∞ = 1/2 and R = cδλ0/n² = cδ/2) and m units w_r(0) ~ N(0, I).
// Z = sup over the ball ‖w_r − w_r(0)‖ ≤ R of |H(W) − H(0)| is exact: unit r can change its pattern
// iff |w_r(0)ᵀx| < R (event A_r), an active one (w_r(0)ᵀx ∈ [0, R)) can only switch off and an
// inactive one only on, so Z = max(N₊, N₋)/m with (N₊, N₋) multinomial(m; q, q), q = erf(R/√2)/2.
// P[Z > b] is computed exactly (no sampling). EZ ≤ 2q ≤ 2R/√(2π) ≤ 4n²R/√(2π), so Markov gives
// P[Z > 4n²R/(√(2π)δ)] ≤ δ (corrected); the printed √(2πδ) divides the mean by √δ only, and fails as
// soon as a single pattern change exceeds the printed bound (m√δ·c/√(2π)·2 < 1) while P[some A_r] > δ.

interface E4Case { mult: number; delta: number; cFrac: number }

/** m = mult·⌈√(2π)/c⌉: P[some A_r] ≈ m·cδ/√(2π) ≥ mult·δ, and one change exceeds the printed bound (2cm√δ/√(2π) < 1) for δ ≤ 1e-2, mult ≤ 4. */
const e4Width = (c: number, mult: number) => mult * Math.ceil(SQRT_2PI / c);

/** log of m!/(a! b! (m−a−b)!) q^a q^b (1−2q)^(m−a−b). */
function logTrinomial(m: number, a: number, b: number, q: number): number {
  const rest = m - a - b;
  return logGamma(m + 1) - logGamma(a + 1) - logGamma(b + 1) - logGamma(rest + 1)
    + (a + b) * Math.log(q) + (rest === 0 ? 0 : rest * Math.log1p(-2 * q));
}

/** P[max(N₊, N₋)/m > bound] for (N₊, N₋) ~ multinomial(m; q, q): 1 − P[N₊ ≤ k, N₋ ≤ k], k = ⌊bound·m⌋. */
function pExceed(m: number, q: number, bound: number): number {
  const k = Math.min(m, Math.floor(bound * m));
  if (k >= m) return 0;
  let inside = 0;
  for (let a = 0; a <= k; a++) for (let b = 0; b <= k && a + b <= m; b++) inside += Math.exp(logTrinomial(m, a, b, q));
  return Math.max(0, 1 - inside);
}

function e4Step(c: E4Case, printed: boolean) {
  const n = 1, lambda0 = 0.5;
  const cc = c.cFrac * C_LEMMA22;
  const m = e4Width(cc, c.mult);
  const R = (cc * c.delta * lambda0) / (n * n);
  const q = erf(R / Math.SQRT2) / 2;
  const bound = printed ? (4 * n * n * R) / Math.sqrt(2 * Math.PI * c.delta) : (4 * n * n * R) / (SQRT_2PI * c.delta);
  const p = pExceed(m, q, bound);
  return verdict.atMost(p, c.delta,
    `n=1 (λ0=1/2) m=${m} δ=${fmt(c.delta)} c=${fmt(cc)} R=cδλ0/n²=${fmt(R)}: P[A_r]=${fmt(2 * q)} ≥ EZ, `
    + `bound ${printed ? '4n²R/√(2πδ)' : '4n²R/(√(2π)δ)'} = ${fmt(bound)} (= ${fmt(bound * m)} pattern changes), exact P[Z > bound] = ${fmt(p)}`);
}

export const e4Markov = claim({
  id: 'thesis.ch2.E4.lemma2.2-markov',
  source: '002 thesis, Lemma 2.2 proof (Markov step), erratum E4 (catalog 002a §5)',
  statement: 'printed: with probability ≥ 1 − δ, Σ_ij |H_ij − H_ij(0)| ≤ 4n²R/√(2πδ) for every W with ‖w_r − w_r(0)‖ ≤ R = cδλ0/n² '
    + '(from E Σ_ij |H_ij − H_ij(0)| ≤ 4n²R/√(2π) by Markov); corrected (E4): ≤ 4n²R/(√(2π)δ)',
  kind: 'falsified',
  rationale: 'n = 1 makes the supremum over the ball exact: Z = max(N₊, N₋)/m with (N₊, N₋) multinomial(m; q, q), q = erf(R/√2)/2, '
    + 'and P[Z > bound] is summed exactly. R = cδλ0/n² with c ∈ [0.5, 1]·√(2π)/16 (the largest c the lemma\'s last step allows). '
    + 'Markov divides the mean by δ; the printed √δ makes one pattern change exceed the bound whenever 2cm√δ/√(2π) < 1, while '
    + 'P[some change] ≈ mcδ/√(2π) > δ once m > √(2π)/c ∈ [16, 32]. The cases sit in that window by construction: '
    + 'm = mult·⌈√(2π)/c⌉ with mult ∈ {2, 3, 4} (P[some change] ≈ mult·δ) and δ ∈ {1e-2, 1e-3, 1e-4} (one change is then ≥ 1.25× the '
    + 'printed bound), so every case refutes the printed bound by a factor ≈ mult and the shrunk one is not a boundary case.',
  budget: { quick: { runs: 60 }, default: { runs: 200 }, deep: { runs: 1000 } },
  arbitrary: () => fc.record({
    mult: fc.integer({ min: 2, max: 4 }),
    delta: fc.constantFrom(1e-2, 1e-3, 1e-4),
    cFrac: fc.constantFrom(0.5, 0.75, 1),
  }),
  check: (c) => e4Step(c, true),
  corrected: (c) => e4Step(c, false),
});

// ---------------------------------------------------------------------------------------------
// E9: the radius R of §2.3.1 and the induction's last inequality.
//
// The induction step bounds ‖y − u(k+1)‖² ≤ (1 − ηλ0 + 2Cηn²R/δ + 2Cηn^{3/2}R/δ + η²n²)‖y − u(k)‖² and
// then uses "the bound of the step size and the bound of R" to reach (1 − ηλ0/2). With §2.3.1's
// R = cλ0/n² the R-terms are 2Ccηλ0(1 + n^{−1/2})/δ, which exceed ηλ0/2 once δ < 4Cc(1 + n^{−1/2}):
// no constant c makes it hold for every δ. With Lemma 2.2's R = cδλ0/n², c ≤ 1/(16C) and
// η = κλ0/n², κ ≤ 1/4, the extra terms total ≤ ηλ0(4Cc + κ) ≤ ηλ0/2 for every δ.
// λ0 comes from a real instance (n unit inputs in R^d).

interface E9Case { n: number; d: number; seed: number; delta: number; cFrac: number; kappa: number }
const C_E9 = 1 / (16 * C_LEMMA25);

function e9Step(c: E9Case, printed: boolean) {
  const X = sphereInputs(rng(c.seed).stream('data'), c.n, c.d);
  const { lambda0 } = gramSpectrum(X);
  const cc = c.cFrac * C_E9;
  const eta = (c.kappa * lambda0) / (c.n * c.n);
  const R = printed ? (cc * lambda0) / (c.n * c.n) : (cc * c.delta * lambda0) / (c.n * c.n);
  // 1 − ηλ0 + extra ≤ 1 − ηλ0/2 ⇔ extra ≤ ηλ0/2: compared in that form, so the slack reads as the ratio of the perturbation terms to ηλ0/2.
  const extra = (2 * C_LEMMA25 * eta * c.n * c.n * R) / c.delta + (2 * C_LEMMA25 * eta * c.n ** 1.5 * R) / c.delta + eta * eta * c.n * c.n;
  return verdict.atMost(extra, (eta * lambda0) / 2,
    `n=${c.n} d=${c.d} λ0=${fmt(lambda0)} δ=${fmt(c.delta)} c=${fmt(cc)} η=${fmt(c.kappa)}λ0/n²=${fmt(eta)}, `
    + `R=${printed ? 'cλ0/n²' : 'cδλ0/n²'}=${fmt(R)}: 2Cηn²R/δ + 2Cηn^{3/2}R/δ + η²n² = ${fmt(extra)} vs ηλ0/2 = ${fmt((eta * lambda0) / 2)} `
    + `(the factor ${fmt(1 - eta * lambda0 + extra)} vs 1 − ηλ0/2)`);
}

export const e9Radius = claim({
  id: 'thesis.ch2.E9.sec2.3.1-radius',
  source: '002 thesis, §2.3.1 (proof of Theorem 2.3: the radius R and the last inequality), erratum E9 (catalog 002a §5)',
  statement: 'printed: with R = cλ0/n² (c a small constant) and η = O(λ0/n²), 1 − ηλ0 + 2Cηn²R/δ + 2Cηn^{3/2}R/δ + η²n² ≤ 1 − ηλ0/2; '
    + 'corrected (E9): with R = cδλ0/n² as in Lemma 2.2',
  kind: 'falsified',
  rationale: 'C = 2/√(2π) (Lemma 2.5\'s proof), c ∈ {1, 1/2, 1/4}/(16C), η = κλ0/n² with κ ∈ {1/4, 1/8, 1/16}, λ0 of a random instance. '
    + 'The inequality is compared as its perturbation terms against ηλ0/2. Without δ the R-terms are 2Ccηλ0(1 + n^{−1/2})/δ = '
    + '(c·16C/8)(1 + n^{−1/2})ηλ0/δ, over ηλ0/2 for every grid case with δ ≤ 0.1 (δ ∈ {0.5, 0.1, 1e-2, 1e-3, 1e-4}, so 4 of 5 cases fail). '
    + 'With δ in R the terms are ≤ ηλ0(4Cc + κ) ≤ ηλ0/2 for every δ.',
  budget: { quick: { runs: 60 }, default: { runs: 200 }, deep: { runs: 1000 } },
  arbitrary: () => fc.record({
    n: fc.integer({ min: 2, max: 10 }),
    d: fc.integer({ min: 2, max: 8 }),
    seed: seedArb,
    delta: fc.constantFrom(0.1, 0.01, 1e-3, 1e-4, 0.5),
    cFrac: fc.constantFrom(1, 0.5, 0.25),
    kappa: fc.constantFrom(0.25, 0.125, 0.0625),
  }),
  check: (c) => e9Step(c, true),
  corrected: (c) => e9Step(c, false),
});

// ---------------------------------------------------------------------------------------------
// E13: the probability of Theorem 2.3 (and 2.2).
//
// The proof needs four events at once: Lemma 2.1's (‖H(0) − H∞‖ ≤ λ0/4), Lemma 2.2's, Lemma 2.5's
// and Markov's for ‖y − u(0)‖² = O(n/δ), each guaranteed to fail with probability ≤ δ. The union
// bound gives "all four hold" with probability ≥ 1 − 4δ; the theorem states 1 − δ. The case is a
// joint law the four guarantees allow: U uniform on [0, 1), event k fails on [o_k δ, (o_k + 1)δ)
// (offsets o_k ∈ {0, 1, 2, 3}, δ ≤ 1/4), so each fails with probability exactly δ and P[all hold]
// = 1 − |∪ failure intervals| exactly. Any two distinct offsets break the printed 1 − δ.

interface E13Case { delta: number; offsets: number[] }
const E13_EVENTS = ['Lemma 2.1', 'Lemma 2.2', 'Lemma 2.5', 'Markov on ‖y − u(0)‖²'];

function e13Step(c: E13Case, printed: boolean) {
  const distinct = new Set(c.offsets).size; // unit-δ intervals at integer offsets: the union has measure distinct·δ
  const pFail = distinct * c.delta;
  const target = printed ? c.delta : 4 * c.delta;
  // "all hold with probability ≥ 1 − t" ⇔ P[some fails] ≤ t: compared in that form (slack = ratio of failure probabilities).
  return verdict.atMost(pFail, target,
    `δ=${fmt(c.delta)}, failure sets ${c.offsets.map((o, k) => `${E13_EVENTS[k]} [${o}δ, ${o + 1}δ)`).join(', ')} (each P = δ): `
    + `P[some fails] = ${distinct}δ = ${fmt(pFail)} (all hold w.p. ${fmt(1 - pFail)}) vs ${printed ? 'δ' : '4δ'} = ${fmt(target)}`);
}

export const e13Union = claim({
  id: 'thesis.ch2.E13.thm2.3-probability',
  source: '002 thesis, Theorems 2.2 and 2.3 ("with probability at least 1 − δ") and the §2.3.1 proof, erratum E13 (catalog 002a §5)',
  statement: 'printed: Lemmas 2.1, 2.2, 2.5 and the Markov bound on ‖y − u(0)‖², each holding with probability ≥ 1 − δ, '
    + 'hold together with probability ≥ 1 − δ; corrected (E13): ≥ 1 − 4δ (union bound; rescale δ to δ/4 for the stated 1 − δ)',
  kind: 'falsified',
  rationale: 'a joint law consistent with the four guarantees (each failure probability exactly δ, failure sets unit-δ intervals '
    + 'at offsets o_k ∈ {0..3}), P[all hold] = 1 − (number of distinct offsets)·δ exactly; the printed 1 − δ fails unless all four '
    + 'offsets coincide (probability 1/64 per case), the union bound 1 − 4δ always holds.',
  budget: { quick: { runs: 40 }, default: { runs: 100 }, deep: { runs: 500 } },
  arbitrary: () => fc.record({
    delta: fc.double({ min: 1e-4, max: 0.25, noNaN: true }),
    offsets: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  }),
  check: (c) => e13Step(c, true),
  corrected: (c) => e13Step(c, false),
});

// ---------------------------------------------------------------------------------------------
// E8: the chain in the proof of Corollary 2.1.
//
// Printed: η Σ_{k'≤k} √n‖y − u(k')‖/√m ≤ η Σ_{k'≤k} √n(1 − ηλ/2)^{k'/2}‖y − u(k')‖/√m (λ for λ0 and
// u(k') for u(0)). Every factor (1 − ηλ0/2)^{k'/2} < 1 for k' ≥ 1, so the printed right side is smaller
// than the left whenever the loss is not already 0: the step is false on every GD run with k ≥ 1.
// Corrected: ≤ η Σ √n(1 − ηλ0/2)^{k'/2}‖y − u(0)‖/√m, which is Condition 2.1 for k' = 0..k, term by term.
// The runs are the chapter-2 instance at η = 1/λmax(H∞) and m ≥ 50, where Condition 2.1 holds
// (thesis Theorem 2.3–Corollary 2.1; catalog 002a §3.19–3.21: rate margin κ ≥ 3); the corrected check reports `unmet` if it ever did not.

interface E8Case { n: number; d: number; m: number; k: number; seed: number }

function e8Step(c: E8Case, printed: boolean) {
  const inst = chapter2Instance(rng(c.seed), c.n, c.d, c.m);
  const eta = 1 / inst.lambdaMax;
  const tr = twoLayerGd(inst.p, inst.X, inst.y, { eta, steps: c.k });
  const logq = cond21LogFactor(eta, inst.lambda0);
  const res = (j: number) => Math.sqrt(tr.sqLoss[j]);
  const scale = eta * Math.sqrt(c.n / c.m);
  let lhs = 0, rhs = 0;
  for (let j = 0; j <= c.k; j++) {
    lhs += scale * res(j);
    rhs += scale * Math.exp((j * logq) / 2) * (printed ? res(j) : res(0));
  }
  const detail = `n=${c.n} d=${c.d} m=${c.m} η=1/λmax=${fmt(eta)} λ0=${fmt(inst.lambda0)}, k=${c.k}: `
    + `η√(n/m) Σ‖y−u(k')‖ = ${fmt(lhs)} vs η√(n/m) Σ(1−ηλ0/2)^{k'/2}‖y−u(${printed ? "k'" : '0'})‖ = ${fmt(rhs)}`;
  if (!printed) {
    const scan = scanRate(tr.sqLoss, logq, { tol: 1e-9 });
    if (scan.firstViolation >= 0 && scan.firstViolation <= c.k) return verdict.unmet(`Condition 2.1 failed at k'=${scan.firstViolation}; ${detail}`);
  }
  return verdict.atMost(lhs, rhs * (1 + 1e-12), detail);
}

export const e8Chain = claim({
  id: 'thesis.ch2.E8.cor2.1-chain',
  source: '002 thesis, Corollary 2.1 appendix proof (third line of the chain), erratum E8 (catalog 002a §5)',
  statement: 'printed: η Σ_{k\'=0}^{k} √n‖y − u(k\')‖/√m ≤ η Σ_{k\'=0}^{k} √n(1 − ηλ/2)^{k\'/2}‖y − u(k\')‖/√m (λ = λ0); '
    + 'corrected (E8): the right side has ‖y − u(0)‖, and holds under Condition 2.1 for k\' = 0..k',
  kind: 'falsified',
  rationale: 'every discount factor (1 − ηλ0/2)^{k\'/2} is < 1 from k\' = 1 on, so the printed line is below the previous one on any '
    + 'run that has not reached zero loss; the corrected line is Condition 2.1 summed term by term (tolerance 1e-12 relative). '
    + 'Chapter-2 instances (n ∈ [3, 8], d ∈ [2, 6], m ∈ [50, 200], k ∈ [5, 30] so the discount is visible) at η = 1/λmax(H∞), where Condition 2.1 holds with margin.',
  budget: { quick: { runs: 10 }, default: { runs: 30 }, deep: { runs: 100 } },
  arbitrary: () => fc.record({
    n: fc.integer({ min: 3, max: 8 }),
    d: fc.integer({ min: 2, max: 6 }),
    m: fc.integer({ min: 50, max: 200 }),
    k: fc.integer({ min: 5, max: 30 }),
    seed: seedArb,
  }),
  check: (c) => e8Step(c, true),
  corrected: (c) => e8Step(c, false),
});
