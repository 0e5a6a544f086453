/**
 * Thesis Theorem 2.3 / Condition 2.1 (catalog 002a §3.19–§3.20, §2.4–§2.5): GD on the two-layer net
 * contracts the squared residual at the linear rate ‖y − u(k)‖² ≤ (1 − ηλ0/2)^k ‖y − u(0)‖².
 *
 * The theorem needs m = Ω(n⁶/(λ0⁴δ³)) (≈ 1e15 at these sizes, §2.5) and η = O(λ0/n²); every claim
 * here runs far below that width: BEYOND HYPOTHESIS on m. Two regimes:
 *  - practical, η = 1/λmax(H∞) (beyond hypothesis on η too): the bound at every step k ≤ K, framed as
 *    the theorem frames it, "with probability ≥ 1 − δ": over N seeds the failure frequency is
 *    certified < δ = 0.1 by a one-sided 95% Clopper–Pearson bound (§3.12, §3.19 recipe 1).
 *  - theorem, η = λ0/(2n²) (in hypothesis on η): the induction step of Condition 2.1,
 *    ‖y − u(k+1)‖² ≤ (1 − ηλ0/2)‖y − u(k)‖², at every step of a short horizon (§3.19 recipe 2).
 */
import fc from 'fast-check';
import { rng } from '../../src/core/rng.ts';
import { type IntRange, type WideWidths, intIn, seedArb, widthArb } from '../../src/data/arbitraries.ts';
import { claim, verdict, worstWith } from '../../src/claims/claim.ts';
import { runSeedFor } from '../../src/claims/seed.ts';
import { fmt } from '../../src/claims/runner.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';
import { chapter2Instance } from '../../src/train/instance.ts';
import { cond21LogFactor, minStepDecrease, scanRate, stepsAboveFloor, theoremEta } from '../../src/train/regime.ts';

// ---------------------------------------------------------------------------------------------
// Practical regime, statistical framing.

/**
 * Top widths of the `deep` budget (issue: widths-dependent claims reach m ≥ 10⁵): each is certified once
 * per run, over `seeds` seeds of one case seed derived from the run's (runSeedFor: it varies with --seed,
 * and a replay, which reuses the claim seed, recomputes the same certificates), and every case's verdict
 * is the worse of its own and these. With 6 deep cases, drawing top widths as cases would leave some runs without one.
 */
interface TopWidths { widths: number[]; seeds: number }

interface RateBudget { runs: number; controlRuns: number; seeds: number; m: IntRange; top?: TopWidths }

// δ = 0.1 (thesis Theorem 2.3) and the one-sided 95% level are the catalog's framing (002a §3.12: "0 failures in 40 seeds
// certifies p_fail < 0.1 at 95%"). n = 10, d = 5, K = 300 is the faster variant for thesis Figure 2.1 (catalog 002a §4.1).
const N_DATA = 10, D_DATA = 5, K_RATE = 300, DELTA = 0.1, ALPHA = 0.05;
const TOL = 1e-9; // §3.19: tolerance factor 1 + 1e-9 on the squared residual.

interface RateCase { m: number; seed: number }

/** One seed of the practical regime: did the bound hold at every asserted step, and with what κ? */
function practicalRun(seed: number, run: number, m: number) {
  const inst = chapter2Instance(rng(seed).stream(`run${run}`), N_DATA, D_DATA, m);
  const eta = 1 / inst.lambdaMax;
  const logq = cond21LogFactor(eta, inst.lambda0);
  // Keep (1 − ηλ0/2)^K ≥ 1e-12 so the bound stays far above the float floor (§2.5).
  const steps = Math.min(K_RATE, stepsAboveFloor(logq));
  const tr = twoLayerGd(inst.p, inst.X, inst.y, { eta, steps });
  return scanRate(tr.sqLoss, logq, { tol: TOL });
}

function rateCertificate({ m, seed }: RateCase, N: number): Verdict {
  let failures = 0, kappa = Infinity;
  for (let i = 0; i < N; i++) {
    const s = practicalRun(seed, i, m);
    if (s.firstViolation >= 0) failures++;
    kappa = Math.min(kappa, s.kappa);
  }
  return verdict.failureRate({ failures, trials: N, delta: DELTA, alpha: ALPHA }, `m=${m}: seeds violating; min κ ${fmt(kappa)}`);
}

const topMemo = new Map<string, Verdict[]>();

/** The case's certificate, and with `b.top` the worse of it and the (memoized) top-width certificates. */
function withTopWidths(c: RateCase, b: RateBudget): Verdict {
  const own = rateCertificate(c, b.seeds);
  const top = b.top;
  if (!top) return own;
  const topSeed = runSeedFor(b, 'top-widths');
  const key = JSON.stringify([top, topSeed]);
  let tops = topMemo.get(key);
  if (!tops) {
    tops = top.widths.map((m) => rateCertificate({ m, seed: topSeed }, top.seeds));
    topMemo.set(key, tops);
  }
  return worstWith(own, tops, `top widths (seed ${topSeed})`);
}

export const thm23Rate = claim({
  id: 'thesis.ch2.thm2.3.rate',
  source: '002 thesis, Theorem 2.3 / Condition 2.1 (catalog 002a §3.19 recipe 1, §3.20)',
  statement: 'practical regime η = 1/λmax(H∞), n=10, d=5, K ≤ 300: ‖y−u(k)‖² ≤ (1−ηλ0/2)^k‖y−u(0)‖²(1+1e-9) at every k, '
    + 'failing on < δ = 10% of seeds (one-sided 95% Clopper–Pearson) — beyond hypothesis: m ≪ n⁶/λ0⁴ and η ≫ λ0/n²',
  kind: 'statistical',
  rationale: 'a bound per seed is not what the theorem says ("with probability ≥ 1−δ"): at n=10, d=5 the rate fails on '
    + '2.9% of seeds at m=30, 0.4% at m=100 and still 0.15% at m=400 (our runs, 1000–2000 seeds; failures have small λ0), '
    + 'so each case certifies p_fail < δ=0.1 over N seeds. N and the width range are paired so the expected failure count '
    + 'sits far below the allowed one, so that a run\'s false alarm is ≤ 1e-6 (binomial tail, computed): quick N = 200 allows 12 '
    + '(P[more] = 1.6e-7 even at p = 1%, 3e-12 at the observed 0.4%), default N = 300 allows 21 (1.7e-9 at p = 1.5%), deep N = 600 '
    + 'allows 47 (5.4e-10 at p = 2.9%, the rate at m = 30). K is capped so (1−ηλ0/2)^K ≥ 1e-12 (§2.5 float floor). '
    + 'slack = upper bound / δ.',
  budget: {
    quick: { runs: 1, controlRuns: 1, seeds: 200, m: { min: 100, max: 150 } },
    default: { runs: 2, controlRuns: 1, seeds: 300, m: { min: 50, max: 200 } },
    // deep: 6 cases in m ∈ [30, 400] as before, and m = 10³, 10⁴, 3.2·10⁴, 10⁵ certified once over 100 seeds (up to
    // 4 failures pass). Cost with 2 cores shared: ≤ 300 steps × (2 + 5 + 16 ms) × 100 seeds ≈ 12 min; the deep run
    // took 11.5 min, max RSS 205 MB (--seed 42: 0/100 at every top width, min κ 1.41 at 10³, 2.49–2.58 above).
    deep: { runs: 6, controlRuns: 2, seeds: 600, m: { min: 30, max: 400 }, top: { widths: [1_000, 10_000, 32_000, 100_000], seeds: 100 } },
  },
  arbitrary: (b: RateBudget) => fc.record({ m: intIn(b.m), seed: seedArb }),
  check: (c, b) => withTopWidths(c, b),
  negativeControl: {
    describe: 'tiny width m = 5 (thesis Theorem 2.3; catalog 002a §3.19: the rate fails on 85% of seeds)',
    arbitrary: () => fc.record({ m: fc.constant(5), seed: seedArb }),
    check: (c, b) => rateCertificate(c, b.seeds),
  },
});

// ---------------------------------------------------------------------------------------------
// Theorem regime: the induction step of Condition 2.1 at every step.

interface StepBudget { runs: number; controlRuns: number; n: IntRange; d: IntRange; m: IntRange; steps: number; wide?: WideWidths }

interface StepCase { n: number; d: number; m: number; seed: number }

function inductionStep({ n, d, m, seed }: StepCase, steps: number, etaRule: 'theorem' | 'too-large') {
  const inst = chapter2Instance(rng(seed), n, d, m);
  const eta = etaRule === 'theorem' ? theoremEta(inst.lambda0, n) : 2.2 / inst.lambdaMax;
  const x = (eta * inst.lambda0) / 2;
  const tr = twoLayerGd(inst.p, inst.X, inst.y, { eta, steps });
  const dec = minStepDecrease(tr.sqLoss);
  // ‖r(k+1)‖² ≤ (1 − x)‖r(k)‖²(1 + 1e-9) ⇔ 1 − ‖r(k+1)‖²/‖r(k)‖² ≥ x − 1e-9(1 − x).
  const need = x - TOL * (1 - x);
  return verdict.atLeast(dec.value, need,
    `n=${n} d=${d} m=${m} η=${fmt(eta)}: min per-step decrease ${fmt(dec.value)} at k=${dec.k} vs ηλ0/2 = ${fmt(x)}`);
}

export const thm23Step = claim({
  id: 'thesis.ch2.thm2.3.induction-step',
  source: '002 thesis, Theorem 2.3 proof / Condition 2.1 induction (catalog 002a §3.19 recipe 2, §2.4)',
  statement: 'theorem regime η = λ0/(2n²): ‖y−u(k+1)‖² ≤ (1−ηλ0/2)‖y−u(k)‖²(1+1e-9) at every step of a short horizon '
    + '(hence Condition 2.1 up to K) — η in hypothesis, width m ≤ 150 (deep: also 10³ … 10⁵) beyond hypothesis',
  kind: 'bound',
  rationale: 'the per-step form is the induction step of §2.3.1; in the theorem regime one step changes ‖r‖² by ~1e-4 '
    + 'relative, far above float round-off, so the 1e-9 relative tolerance of §3.19 carries over. Our runs (n=10, d=5, '
    + 'K=2000): 0 violations in 40 seeds at every m ≥ 3; m ≥ 20 is asserted. slack = ηλ0/2 / (min per-step decrease).',
  budget: {
    quick: { runs: 8, controlRuns: 10, n: { min: 5, max: 12 }, d: { min: 3, max: 8 }, m: { min: 20, max: 100 }, steps: 1000 },
    default: { runs: 30, controlRuns: 12, n: { min: 5, max: 16 }, d: { min: 3, max: 10 }, m: { min: 20, max: 150 }, steps: 2000 },
    // deep: 170 cases ≈ 151 with m ∈ [20, 150] as before + ≈ 19 at m ∈ {10³, 10⁴, 3.2·10⁴, 10⁵} (≈ 4.7 at 10⁵, so a
    // run without one has probability ≈ 1%). --seed 42 drew 5/4/2/1 there, worst slack 0.27; 4000 steps at m = 10⁵
    // (n = 10, d = 7) took 73 s (2 cores shared), the deep run 2.6 min, max RSS 145 MB. The control keeps m ≤ 150.
    deep: {
      runs: 170, controlRuns: 16, n: { min: 4, max: 20 }, d: { min: 2, max: 10 }, m: { min: 20, max: 150 }, steps: 4000,
      wide: { widths: [1_000, 10_000, 32_000, 100_000], baseWeight: 8 },
    },
  },
  arbitrary: (b: StepBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: widthArb(b.m, b.wide), seed: seedArb }),
  check: (c, b) => inductionStep(c, b.steps, 'theorem'),
  negativeControl: {
    describe: 'step η = 2.2/λmax(H∞), past the stability limit 2/λmax: the loss spikes (thesis Theorem 2.3; catalog 002a §3.19 says diverges; here it catapults)',
    // Caught on 85% of cases (at finite m, λmax(H(k)) can sit below λmax(H∞) and the step stays stable):
    // 10 control cases at quick (it was 2: missed on ~2% of seeds), 0.15¹⁰ ≈ 6e-9.
    arbitrary: (b: StepBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: intIn(b.m), seed: seedArb }),
    check: (c) => inductionStep(c, 100, 'too-large'),
  },
});

