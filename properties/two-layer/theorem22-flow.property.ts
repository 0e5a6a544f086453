/**
 * Thesis Theorem 2.2 and Lemma 2.3 (rate half) for gradient flow (catalog 002a §3.12, §3.16, §2.4).
 * The flow dẇ_r = −∂L/∂w_r of thesis §2.2 is emulated by GD with η = 0.02 at flow time t = kη (catalog 002a §2.4:
 * η = 0.02 and 0.01 agree to 3 digits; §3.12 recipe).
 *
 *  - Theorem 2.2: ‖y − u(t)‖² ≤ e^{−λ0 t}‖y − u(0)‖² for all t, with probability ≥ 1 − δ over the
 *    initialization, at m = Ω(n⁶/(λ0⁴δ³)). Run far below that width (BEYOND HYPOTHESIS), framed
 *    statistically like the theorem: the failure frequency over N seeds is certified < δ = 0.1.
 *  - Lemma 2.3, rate half: the inequality its proof uses, d/dt‖y − u‖² = −2rᵀH r ≤ −2λmin(H)‖y − u‖²
 *    (§3.16 recipe 2), in its exact Euler form on every step without a pattern change (below), and the
 *    printed form e^{−λ0 t} whenever the hypothesis λmin(H(s)) ≥ λ0/2 held on [0, t].
 */
import fc from 'fast-check';
import { rng } from '../../src/core/rng.ts';
import { type IntRange, intIn, seedArb } from '../../src/data/arbitraries.ts';
import { claim, verdict, worstWith } from '../../src/claims/claim.ts';
import { runSeedFor } from '../../src/claims/seed.ts';
import { fmt } from '../../src/claims/runner.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';
import { chapter2Instance } from '../../src/train/instance.ts';
import { scanRate } from '../../src/train/regime.ts';

const ETA_FLOW = 0.02; // flow emulation (derived, not in the thesis; catalog 002a §2.4).
const TOL = 1e-9; // thesis Theorem 2.2; catalog 002a §3.12: factor 1 + 1e-9 at every step.
const N_DATA = 10, D_DATA = 5; // thesis Theorem 2.2, the faster variant of catalog 002a §3.12 ("or n = 10, d = 5 for speed").
const DELTA = 0.1, ALPHA = 0.05;

// ---------------------------------------------------------------------------------------------
// Theorem 2.2, statistical framing.

/**
 * Top widths of the `deep` budget (issue: widths-dependent claims reach m ≥ 10⁵): each is certified once
 * per run, over `seeds` seeds of one case seed derived from the run's (runSeedFor: it varies with --seed,
 * and a replay, which reuses the claim seed, recomputes the same certificates), and every case's verdict
 * is the worse of its own and these. A seed at m = 10⁵ is 2000 GD steps (~33 s with 2 cores shared), so one certificate per
 * run is what the time allows; drawing top widths as cases instead left 0 of 8 deep cases there at
 * --seed 42.
 */
interface TopWidths { widths: number[]; seeds: number }

interface FlowBudget { runs: number; controlRuns: number; seeds: number; m: IntRange; time: number; top?: TopWidths }
interface FlowCase { m: number; seed: number }

function flowCertificate({ m, seed }: FlowCase, b: FlowBudget, N = b.seeds): Verdict {
  let failures = 0, kappa = Infinity;
  const steps = Math.ceil(b.time / ETA_FLOW);
  for (let i = 0; i < N; i++) {
    const inst = chapter2Instance(rng(seed).stream(`run${i}`), N_DATA, D_DATA, m);
    const tr = twoLayerGd(inst.p, inst.X, inst.y, { eta: ETA_FLOW, steps });
    // Per-step factor e^{−λ0 η}: the flow bound at t = kη, asserted at every step.
    const s = scanRate(tr.sqLoss, -inst.lambda0 * ETA_FLOW, { tol: TOL });
    if (s.firstViolation >= 0) failures++;
    kappa = Math.min(kappa, s.kappa);
  }
  return verdict.failureRate({ failures, trials: N, delta: DELTA, alpha: ALPHA },
    `m=${m}, t ≤ ${b.time}: seeds violating; min exponent margin κ ${fmt(kappa)}`);
}

const topMemo = new Map<string, Verdict[]>();

/** The case's certificate, and with `b.top` the worse of it and the (memoized) top-width certificates. */
function withTopWidths(c: FlowCase, b: FlowBudget): Verdict {
  const own = flowCertificate(c, b);
  const top = b.top;
  if (!top) return own;
  const topSeed = runSeedFor(b, 'top-widths');
  const key = JSON.stringify([top, b.time, topSeed]);
  let tops = topMemo.get(key);
  if (!tops) {
    tops = top.widths.map((m) => flowCertificate({ m, seed: topSeed }, b, top.seeds));
    topMemo.set(key, tops);
  }
  return worstWith(own, tops, `top widths (seed ${topSeed})`);
}

export const thm22Flow = claim({
  id: 'thesis.ch2.thm2.2.flow',
  source: '002 thesis, Theorem 2.2 (catalog 002a §3.12)',
  statement: 'gradient flow (GD η=0.02), n=10, d=5: ‖y−u(t)‖² ≤ e^{−λ0 t}‖y−u(0)‖²(1+1e-9) at every step t ≤ T, '
    + 'failing on < δ = 10% of seeds (one-sided 95% Clopper–Pearson) — beyond hypothesis: m ≤ 200 (deep: also 10⁴, 10⁵) ≪ n⁶/λ0⁴',
  kind: 'statistical',
  rationale: 'the theorem holds "with probability ≥ 1−δ"; our runs (T=30, 400 seeds): 1 failure at m=30, 1 at m=50, '
    + '0 at m=100 and 200, and the exponent margin κ = min_t ln(e(t)/e(0))/(−λ0 t) is only ≈ 1.0–1.5 at n=10, d=5 '
    + '(for thesis Theorem 2.2, the 2.19 at m=100 of catalog 002a §3.12 is for n=20, d=10), so a per-seed bound would be flaky. The certificate tolerates '
    + '21 failures in N = 300 and 29 in 400: with the observed p_fail ≈ 0.5% (and even at 2%), P[more] ≤ 2.6e-7 per case, so the '
    + 'false alarm of a run (1–6 cases) is ≤ 1e-6 (binomial tail, computed); 0 in the deep top widths\' 30 (κ = 2.22 '
    + 'at m = 10⁴ and 10⁵, the kernel regime\'s e^{−2λ0 t}; a 0/30 certificate has slack 0.95 by construction). Steps where e^{−λ0 t} < 1e-12 are not asserted (§2.5 float floor; with λ0 ≤ 1/2 that is never '
    + 'before t = 55). slack = upper bound / δ.',
  budget: {
    quick: { runs: 1, controlRuns: 1, seeds: 300, m: { min: 40, max: 60 }, time: 20 },
    default: { runs: 2, controlRuns: 1, seeds: 300, m: { min: 40, max: 120 }, time: 30 },
    // deep: 6 cases in m ∈ [30, 200] as before, and m = 10⁴, 10⁵ certified once (Theorem 2.2's large-m regime, still
    // ≪ n⁶/λ0⁴) over 30 seeds, the fewest for which 0 failures certify p_fail < δ (CP upper 0.095; 1 failure fails).
    // Cost with 2 cores shared: 30 seeds × 2000 steps × 16 ms ≈ 16 min at 10⁵, 2 min at 10⁴; the deep run took
    // 17.5 min, max RSS 170 MB (--seed 42: 0/30 at both, κ ≥ 2.22). 3.2·10⁴ (≈ 5 min more) is left out for time.
    deep: { runs: 6, controlRuns: 2, seeds: 400, m: { min: 30, max: 200 }, time: 40, top: { widths: [10_000, 100_000], seeds: 30 } },
  },
  arbitrary: (b: FlowBudget) => fc.record({ m: intIn(b.m), seed: seedArb }),
  check: (c, b) => withTopWidths(c, b),
  negativeControl: {
    describe: 'tiny width m = 5 (thesis Theorem 2.2; catalog 002a §3.12: the rate bound fails on most seeds)',
    arbitrary: () => fc.record({ m: fc.constant(5), seed: seedArb }),
    check: (c, b) => flowCertificate(c, b),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 2.3, rate half: the sharp conditional form.

interface SharpBudget { runs: number; controlRuns: number; n: IntRange; d: IntRange; m: IntRange; time: number }
interface SharpCase { n: number; d: number; m: number; seed: number }

/**
 * The sharp rate in exact Euler form [derived]: on a step whose endpoints have the same activation
 * pattern (then, z being linear along the step, no pattern changes inside it), u moves exactly by
 * −ηH(k)(u − y) (discrete form of thesis (2.6); catalog 002a §2.3 identity 3), so with r = y − u(k), μ_k = λmin(H(k)), Λ_k = λmax(H(k)):
 *   ‖r(k+1)‖² = rᵀ(I − ηH)²r ≤ ‖r‖² − η(2 − ηΛ_k) rᵀHr ≤ (1 − η(2 − ηΛ_k)μ_k)‖r(k)‖²,
 * the Euler step of d/dt‖r‖² = −2rᵀHr ≤ −2μ‖r‖² (Lemma 2.3's proof). Steps that cross a kink are not
 * governed by H(k) (footnote 2: the flow is a differential inclusion there) and are skipped; the
 * cumulative form exp(−2∫μ) is reported but not asserted (see rationale).
 */
function sharpRate({ n, d, m, seed }: SharpCase, time: number, unconditionalWeak: boolean) {
  const inst = chapter2Instance(rng(seed), n, d, m);
  const steps = Math.ceil(time / ETA_FLOW);
  const tr = twoLayerGd(inst.p, inst.X, inst.y, {
    eta: ETA_FLOW, steps, lambdaMinEvery: unconditionalWeak ? 0 : 1, stepFlips: !unconditionalWeak,
  });
  const e = tr.sqLoss, e0 = e[0], logTol = Math.log1p(TOL);
  const weak = scanRate(e, -inst.lambda0 * ETA_FLOW, { tol: TOL });
  if (unconditionalWeak) {
    // The control: Lemma 2.3's printed rate asserted without its hypothesis.
    return verdict.atLeast(weak.kappa, 1, `n=${n} d=${d} m=${m}: e^{−λ0 t} asserted without λmin(H) ≥ λ0/2; κ ${fmt(weak.kappa)}`);
  }
  // Per flip-free step: margin (1 − e_{k+1}/e_k + tol(1 − b))/b ≥ 1 with b = η(2 − ηΛ)μ, i.e.
  // e_{k+1} ≤ (1 − b)(1 + tol)e_k. Steps where e_k is below 1e-20 e_0 (float floor) are not asserted.
  let stepMargin = Infinity, flipSteps = 0, S = 0, cumulative = Infinity, minMu = Infinity;
  for (let k = 0; k + 1 < e.length; k++) {
    const mu = tr.lambdaMinH.value[k], lmax = tr.lambdaMaxH[k];
    minMu = Math.min(minMu, mu);
    const b = ETA_FLOW * (2 - ETA_FLOW * lmax) * Math.max(mu, 0);
    S -= b;
    if (S < 0) cumulative = Math.min(cumulative, (Math.log(e[k + 1] / e0) - logTol) / S);
    if (tr.stepFlips[k + 1] > 0) { flipSteps++; continue; }
    if (b > 0 && e[k] > 1e-20 * e0) stepMargin = Math.min(stepMargin, (1 - e[k + 1] / e[k] + STEP_TOL * (1 - b)) / b);
    else if (e[k + 1] > e[k] * (1 + STEP_TOL)) stepMargin = -Infinity; // b = 0: the loss must not grow
  }
  const hyp = minMu >= inst.lambda0 / 2;
  // The printed form, asserted only under the lemma's hypothesis.
  const margin = Math.min(stepMargin, hyp ? weak.kappa : Infinity);
  return verdict.atLeast(margin, 1,
    `n=${n} d=${d} m=${m} t=${time}: flip-free-step margin ${fmt(stepMargin)} (${flipSteps}/${e.length - 1} steps cross a kink); `
    + `cumulative exp(−Σb) margin ${fmt(cumulative)} (not asserted); min λmin(H)/λ0 ${fmt(minMu / inst.lambda0)} `
    + (hyp ? `(hypothesis holds; e^{−λ0 t} κ ${fmt(weak.kappa)})` : '(hypothesis fails; printed form not asserted)'));
}

// The per-step identity is exact up to round-off in ‖r‖² and in the eigenvalues (|δμ| ≲ 1e-14‖H‖; not in the thesis: catalog 002a §2.6).
const STEP_TOL = 1e-12;

export const lemma23Sharp = claim({
  id: 'thesis.ch2.lemma2.3.sharp-rate',
  source: '002 thesis, Lemma 2.3 (rate) and its proof (catalog 002a §3.16 recipe 2, §2.3 identity 3)',
  statement: 'along the flow emulation (GD η = 0.02): every step without a pattern change has ‖y−u(k+1)‖² ≤ '
    + '(1 − η(2−ηλmax(H_k))λmin(H_k))‖y−u(k)‖²(1+1e-12) (the Euler form of d/dt‖y−u‖² ≤ −2λmin(H)‖y−u‖²), and '
    + '‖y−u(t)‖² ≤ e^{−λ0 t}‖y−u(0)‖²(1+1e-9) whenever λmin(H(s)) ≥ λ0/2 on [0, t]',
  kind: 'bound',
  rationale: 'deterministic: the per-step form is exact on flip-free steps [derived, rᵀH²r ≤ λmax rᵀHr], tolerance '
    + '1e-12 (round-off); the printed form of Theorem 2.2 uses 1e-9 (catalog 002a §3.12). The cumulative sharp form exp(−2∫λmin(H)) '
    + 'of §3.16 recipe 2 is NOT asserted: it failed at the deep budget (n=3, d=8, m=32: margin 0.976; n=3, d=2, m=2: '
    + '0.16) where units zigzag across a kink (1400 of 1500 steps flip a pattern and the loss rises on some) — the '
    + 'differential-inclusion caveat of footnote 2, where H(t) does not govern the motion. slack = 1/margin.',
  budget: {
    quick: { runs: 5, controlRuns: 10, n: { min: 4, max: 10 }, d: { min: 3, max: 6 }, m: { min: 10, max: 100 }, time: 15 },
    default: { runs: 20, controlRuns: 12, n: { min: 3, max: 12 }, d: { min: 2, max: 8 }, m: { min: 2, max: 200 }, time: 20 },
    deep: { runs: 80, controlRuns: 16, n: { min: 3, max: 16 }, d: { min: 2, max: 10 }, m: { min: 1, max: 300 }, time: 30 },
  },
  arbitrary: (b: SharpBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: intIn(b.m), seed: seedArb }),
  check: (c, b) => sharpRate(c, b.time, false),
  negativeControl: {
    describe: 'the printed rate e^{−λ0 t} asserted without its hypothesis, at tiny width m ∈ [1, 3] (catalog §3.16)',
    // Caught on ~83% of cases (25/30 sampled): 10 cases at quick (3 missed on ~5e-3 of seeds), 0.17¹⁰ ≈ 2e-8.
    arbitrary: () => fc.record({ n: fc.constant(10), d: fc.constant(5), m: fc.integer({ min: 1, max: 3 }), seed: seedArb }),
    check: (c, b) => sharpRate(c, 2 * b.time, true),
  },
});

