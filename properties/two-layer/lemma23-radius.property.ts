/**
 * Thesis Lemma 2.3, drift half, and erratum E5 (catalog 002a §3.16, §5 E5).
 *
 * Printed: if λmin(H(s)) ≥ λ0/2 on [0, t], then ‖w_r(t) − w_r(0)‖ ≤ R' = √n‖y − u(0)‖/(√m λ0).
 * The proof bounds ‖dw_r/ds‖ by √(n/m) e^{−λ0 s}‖y − u(0)‖, but the rate half only gives
 * ‖y − u(s)‖ ≤ e^{−λ0 s/2}‖y − u(0)‖, so the integral is twice as large: R'_c = 2√n‖y − u(0)‖/(√m λ0)
 * (the ICLR version's constant). The printed statement is false; the counterexample of §3.16:
 *   n = 1, d = 2, x = e1, y = 1, m = 4, a = (1,1,1,1), w1(0) = e1, w2,3,4(0) = −e1.
 * Unit 1 stays active and 2–4 inactive, so H(s) ≡ 1/4 = λ0/2 (hypothesis holds with equality),
 * u(0) = 1/2 and the drift of w1 tends to ∫ ½·½e^{−s/4} ds = 1 = R'_c, twice the printed R' = 1/2.
 *
 * The family below generalizes it while keeping the hypothesis: n = 1, x a random unit vector in R^d,
 * m ≤ 4 units of which k ≥ 1 start active with a_r = +1 (so H = k/m ≥ 1/4 = λ0/2), random activation
 * sizes and components orthogonal to x, label y = u(0) + gap > u(0) (active units then move away from
 * their kink and never flip), and a flow horizon t. Closed form: drift(t) = (√m/k)(y − u(0))(1 − e^{−kt/m}),
 * so the printed R' fails iff m > 2k and t is large enough; R'_c holds always (equality as t → ∞ at m = 4k).
 */
import fc from 'fast-check';
import { rng } from '../../src/core/rng.ts';
import { zeros } from '../../src/core/matrix.ts';
import { type IntRange, type WideWidths, intIn, seedArb, widthArb } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import { claim, verdict } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { lambdaMin } from '../../src/core/linalg.ts';
import { type TwoLayerParams, empiricalGram, initTwoLayer, predict } from '../../src/models/two-layer.ts';
import { gramInfinity } from '../../src/kernels/arccos.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';
import { gramSpectrum, lemma23RadiusCorrected, lemma23RadiusPrinted } from '../../src/train/regime.ts';

// Flow emulation for thesis Lemma 2.3: GD with η = 1e-3 (the run of catalog 002a §3.16 reached drift 0.99995 at t = 40).
// On this family Euler's drift η Σ (1 − ηk/m)^j (…) stays below the flow's, so R'_c is never
// exceeded by discretization; 1e-6 is the tolerance on R'_c (not in the thesis; catalog 002a §3.16).
const ETA_FAMILY = 1e-3;
const TOL_C = 1e-6;

interface FamilyCase { m: number; active: number; d: number; gap: number; time: number; seed: number }

interface FamilyRun { drift: number; residual0: number; lambda0: number; hMin: number; flips: number; n: number; m: number; detail: string }

/** Build one family instance and run the flow emulation to `time`. */
function familyRun({ m, active, d, gap, time, seed }: FamilyCase): FamilyRun {
  const r = rng(seed);
  const x = r.stream('data').sphere(d);
  const X = { rows: 1, cols: d, data: Float64Array.from(x) };
  const W = zeros(m, d);
  const init = r.stream('init');
  const a = new Float64Array(m);
  for (let u = 0; u < m; u++) {
    // w_u(0) = ±s·x + (a component orthogonal to x): active units at +s with a = +1, the rest at −s.
    const s = init.uniformIn(0.5, 1.5);
    const g = init.sphere(d);
    let gx = 0;
    for (let c = 0; c < d; c++) gx += g[c] * x[c];
    const sign = u < active ? 1 : -1;
    for (let c = 0; c < d; c++) W.data[u * d + c] = sign * s * x[c] + 0.5 * (g[c] - gx * x[c]);
    a[u] = u < active ? 1 : init.rademacher();
  }
  const p: TwoLayerParams = { W, a };
  const u0 = predict(p, X)[0];
  const y = Float64Array.of(u0 + gap / 10);
  const lambda0 = gramInfinity(X).data[0]; // = ‖x‖²/2 = 1/2
  const hMin = lambdaMin(empiricalGram(p, X));
  const tr = twoLayerGd(p, X, y, { eta: ETA_FAMILY, steps: Math.round(time / ETA_FAMILY), flips: true });
  let drift = 0, flips = 0;
  for (let k = 0; k < tr.maxDrift.length; k++) { drift = Math.max(drift, tr.maxDrift[k]); flips = Math.max(flips, tr.flipFraction[k]); }
  return {
    drift, residual0: Math.sqrt(tr.sqLoss[0]), lambda0, hMin, flips, n: 1, m,
    detail: `m=${m}, ${active} active, d=${d}, y−u(0)=${fmt(gap / 10)}, t=${time}: λmin(H)=${fmt(hMin)} (λ0/2=${fmt(lambda0 / 2)}), `
      + `${flips === 0 ? 'no pattern change' : 'PATTERN CHANGED'}, drift ${fmt(drift)}`,
  };
}

/** The lemma's hypothesis on the family: H(s) is fixed by the pattern, so it holds iff H(0) ≥ λ0/2 and nothing flips. */
const familyHypothesis = (f: FamilyRun) => f.flips === 0 && f.hMin >= f.lambda0 / 2 - 1e-15;

/**
 * Family instances; `aimAtOne` weights one active unit 3 : 1 (with m ∈ {3, 4} that is m > 2k, where the
 * printed radius fails: unweighted, one case in eight found it and 40 cases missed on ~0.6% of seeds).
 */
const familyArb = (ms: readonly number[], aimAtOne = false) => fc.constantFrom(...ms).chain((m) => fc.record({
  m: fc.constant(m),
  active: aimAtOne
    ? fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: Math.min(m, 4) }), weight: 1 })
    : fc.integer({ min: 1, max: Math.min(m, 4) }),
  d: fc.integer({ min: 2, max: 4 }),
  gap: fc.integer({ min: 1, max: 20 }),
  time: fc.integer({ min: 1, max: 60 }),
  seed: seedArb,
}));

interface FamilyBudget { runs: number }

export const e5Radius = claim({
  id: 'thesis.ch2.E5.lemma2.3-radius',
  source: '002 thesis, Lemma 2.3 (drift bound), erratum E5 (catalog 002a §3.16, §5)',
  statement: 'printed Lemma 2.3: λmin(H(s)) ≥ λ0/2 on [0,t] ⇒ max_r ‖w_r(t)−w_r(0)‖ ≤ √n‖y−u(0)‖/(√m λ0); '
    + 'corrected (E5): ≤ 2√n‖y−u(0)‖/(√m λ0)',
  kind: 'falsified',
  rationale: 'family of exact instances of the hypothesis (n = 1, H ≡ k/m ≥ λ0/2, no flips) with the closed form '
    + 'drift = (√m/k)(y−u(0))(1−e^{−kt/m}); the printed radius fails once m > 2k and t ≳ 3, the corrected one is '
    + 'attained as t → ∞ at m = 4k. Flow emulated by GD, η = 1e-3 (§3.16); corrected asserted at 1 + 1e-6.',
  budget: { quick: { runs: 40 }, default: { runs: 100 }, deep: { runs: 400 } },
  arbitrary: () => familyArb([4, 3, 4, 3, 2, 1], true),
  check: (c) => {
    const f = familyRun(c);
    if (!familyHypothesis(f)) return verdict.atMost(0, 1, `vacuous, hypothesis fails: ${f.detail}`);
    return verdict.atMost(f.drift, lemma23RadiusPrinted(f.n, f.m, f.residual0, f.lambda0), `${f.detail} vs printed R'`);
  },
  corrected: (c) => {
    const f = familyRun(c);
    return verdict.atMost(f.drift, lemma23RadiusCorrected(f.n, f.m, f.residual0, f.lambda0) * (1 + TOL_C), `${f.detail} vs corrected R'_c`);
  },
});

// ---------------------------------------------------------------------------------------------
// The corrected radius as a bound: random instances under the hypothesis, plus the tight family.

interface RandomBudget { runs: number; controlRuns: number; n: IntRange; d: IntRange; m: IntRange; time: number; wide?: WideWidths }
type RandomCase = { kind: 'random'; n: number; d: number; m: number; seed: number } | ({ kind: 'family' } & FamilyCase);

const ETA_FLOW = 0.02; // §2.4 flow emulation for the random instances.

function correctedOnRandom(c: { n: number; d: number; m: number; seed: number }, time: number) {
  const { n, d, m, seed } = c;
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const { lambda0 } = gramSpectrum(X);
  const p = initTwoLayer(r.stream('init'), m, d);
  const steps = Math.ceil(time / ETA_FLOW);
  const tr = twoLayerGd(p, X, y, { eta: ETA_FLOW, steps, lambdaMinEvery: 1 });
  // The hypothesis on [0, t] at the Euler samples: w(k) uses H(0..k−1), so with the first sample
  // below λ0/2 at v, the lemma covers the drift up to k = v.
  let v = tr.lambdaMinH.value.findIndex((mu) => mu < lambda0 / 2);
  const last = v < 0 ? tr.maxDrift.length - 1 : v;
  let drift = 0;
  for (let k = 0; k <= last; k++) drift = Math.max(drift, tr.maxDrift[k]);
  const R = lemma23RadiusCorrected(n, m, Math.sqrt(tr.sqLoss[0]), lambda0);
  if (v < 0) v = tr.steps;
  return verdict.atMost(drift, R * (1 + TOL_C),
    `random n=${n} d=${d} m=${m}: hypothesis held to k=${v} of ${tr.steps} (t=${fmt(v * ETA_FLOW)}); drift ${fmt(drift)} vs R'_c ${fmt(R)}`);
}

function correctedOnFamily(c: FamilyCase, requireHypothesis: boolean) {
  const f = familyRun(c);
  if (requireHypothesis && !familyHypothesis(f)) return verdict.atMost(0, 1, `vacuous, hypothesis fails: ${f.detail}`);
  return verdict.atMost(f.drift, lemma23RadiusCorrected(f.n, f.m, f.residual0, f.lambda0) * (1 + TOL_C), `family: ${f.detail} vs R'_c`);
}

export const lemma23Corrected = claim({
  id: 'thesis.ch2.lemma2.3.drift-corrected',
  source: '002 thesis, Lemma 2.3 with the E5 correction (catalog 002a §3.16 recipe 4)',
  statement: 'while λmin(H(s)) ≥ λ0/2 on [0,t]: max_r ‖w_r(t)−w_r(0)‖ ≤ 2√n‖y−u(0)‖/(√m λ0) (1+1e-6), on random instances '
    + '(flow emulation η = 0.02) and on the tight n = 1 family',
  kind: 'bound',
  rationale: 'deterministic given the hypothesis. Random instances sit far inside (catalog §3.16: drift/R\'_c ≤ 0.031), '
    + 'so half of the cases are the §3.16 family, where R\'_c is attained as t → ∞ (slack → 1). Euler samples of the '
    + 'hypothesis (λmin(H(k)) every step) stand in for the continuum; 1e-6 is the catalog\'s tolerance.',
  budget: {
    quick: { runs: 10, controlRuns: 4, n: { min: 3, max: 10 }, d: { min: 2, max: 6 }, m: { min: 20, max: 200 }, time: 15 },
    default: { runs: 40, controlRuns: 8, n: { min: 2, max: 12 }, d: { min: 2, max: 8 }, m: { min: 10, max: 300 }, time: 20 },
    // deep: 180 cases, half random: ≈ 75 with m ∈ [5, 500] as before + ≈ 15 at m ∈ {10⁴, 3.2·10⁴, 10⁵} (≈ 5 at 10⁵, so
    // a run without one has probability ≈ 0.7%): R'_c ∝ m^(−1/2), in the regime where the hypothesis holds on all of
    // [0, 30]. --seed 42 drew 5/4/6 there: the hypothesis held to t = 30 in all 15, drift/R'_c ≤ 0.34 (n = 2).
    // 1500 steps with λmin(H(k)) every step: 47–136 s a case at m = 10⁵ (2 cores shared); the deep run took
    // 12.5 min, max RSS 360 MB. The control is the n = 1 family, unchanged.
    deep: {
      runs: 180, controlRuns: 12, n: { min: 2, max: 16 }, d: { min: 2, max: 10 }, m: { min: 5, max: 500 }, time: 30,
      wide: { widths: [10_000, 32_000, 100_000], baseWeight: 5 },
    },
  },
  arbitrary: (b: RandomBudget): fc.Arbitrary<RandomCase> => fc.oneof(
    fc.record({ kind: fc.constant('random' as const), n: intIn(b.n), d: intIn(b.d), m: widthArb(b.m, b.wide), seed: seedArb }),
    familyArb([4, 3, 2, 1]).map((f) => ({ kind: 'family' as const, ...f })),
  ),
  check: (c, b) => (c.kind === 'random' ? correctedOnRandom(c, b.time) : correctedOnFamily(c, true)),
  negativeControl: {
    describe: 'hypothesis dropped: the n = 1 family with one active unit among m ∈ [5, 8] (λmin(H) = 1/m < λ0/2), t = 60',
    arbitrary: () => fc.record({
      m: fc.integer({ min: 5, max: 8 }), active: fc.constant(1), d: fc.integer({ min: 2, max: 4 }),
      gap: fc.integer({ min: 1, max: 20 }), time: fc.constant(60), seed: seedArb,
    }),
    check: (c: FamilyCase) => correctedOnFamily(c, false),
  },
});

