/**
 * Gradient descent on the convolutional ResNet (thesis ch. 3 Theorem 3.3, Condition 3.3 and the §3.8
 * sketch, Lemmas 3.19–3.21; catalog 002b §3.8–§3.9, §3.28–§3.30, §4 R14, §6 rows 32, 33, 35, 36).
 * The theorem's width and step-size conditions hide constants (they need m ~ 10⁸ and more), so the
 * claims assert its conclusions at practical widths along real runs (src/train/gd.ts via bindData),
 * with the population λ0 of the corrected Definition 3.3 (deep-kernels' convResnetKernel) and the
 * recipe of a run not in the thesis (catalog 002b §4 R14): softplus, n = 4, d0 = 2, p = 6, q = 3, H = 3, c_res = 0.5, η = 1/λmax(G(0)).
 */
import fc from 'fast-check';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import type { Figure, Verdict } from '../../src/claims/types.ts';
import { type Matrix, matVec } from '../../src/core/matrix.ts';
import { lambdaMax } from '../../src/core/linalg.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { convResnetModel } from '../../src/models/conv-resnet.ts';
import { bindData } from '../../src/models/model.ts';
import { gd, gdStep } from '../../src/train/gd.ts';
import { logLogSlope } from '../../src/stats/slope.ts';
import { observe } from '../../src/train/recorders.ts';
import { ACTS, type ActName, type ConvGdRun, type ConvResnetCase, convGdRun, fmtE, instance, populationLambda0 } from './conv-common.ts';

interface GdBudget { runs: number; controlRuns?: number; widths: number[]; steps: number }
interface GdCase { act: ActName; cRes: number; seed: number }

const GD_BUDGET: Record<'quick' | 'default' | 'deep', GdBudget> = {
  quick: { runs: 1, widths: [16, 32], steps: 60 },
  default: { runs: 3, widths: [16, 32, 64], steps: 100 },
  deep: { runs: 8, widths: [16, 32, 64, 128], steps: 150 },
};
/** Sizes of the Theorem 3.3 runs, not in the thesis (catalog 002b §3.8, §4 R14). */
const SIZES = { n: 4, d0: 2, p: 6, H: 3 };

const gdCase = (): fc.Arbitrary<GdCase> => fc.record({
  act: fc.constantFrom<ActName>('softplus', 'erf'), cRes: fc.double({ min: 0.3, max: 0.7, noNaN: true }), seed: seedArb,
});

const caseAt = (c: GdCase, m: number): ConvResnetCase => ({ ...SIZES, m, act: c.act, cRes: c.cRes, seed: c.seed });

/** The runs of one case, one per width, sharing the dataset (and so λ0). */
function runsOf(c: GdCase, b: GdBudget, etaFactor = 1): ConvGdRun[] {
  const first = caseAt(c, b.widths[0]), lambda0 = populationLambda0(first, instance(first).X);
  return b.widths.map((m) => convGdRun(caseAt(c, m), b.steps, etaFactor, lambda0));
}

const tag = (c: GdCase): string => `${c.act} n=4 d0=2 p=6 H=3 c_res=${c.cRes.toFixed(2)}`;

// ---------------------------------------------------------------------------------------------
// Theorem 3.3: L(θ(k)) ≤ (1 − ηλ0/2)^k L(θ(0)) for every k.
// ---------------------------------------------------------------------------------------------

function theorem33(c: GdCase, b: GdBudget, etaFactor: number): Verdict {
  let worst = 0, at = '';
  for (const r of runsOf(c, b, etaFactor)) {
    for (let k = 1; k < r.loss.length; k++) {
      const ratio = r.loss[k] / ((1 - (r.eta * r.lambda0) / 2) ** k * r.loss[0]);
      if (!(ratio <= worst)) { worst = ratio; at = `k=${k}, η=${fmtE(r.eta)}, λ0=${fmtE(r.lambda0)}, L(k)/L(0)=${fmtE(r.loss[k] / r.loss[0])} (m=${r.m})`; }
    }
    if (r.diverged) { worst = Infinity; at = 'diverged'; }
  }
  return verdict.atMost(worst, 1, `${tag(c)} widths ${b.widths.join(',')}, η = ${etaFactor}/λmax(G(0)): worst L(k)/((1 − ηλ0/2)^k L(0)) at ${at}`);
}

function lossFigure(b: GdBudget, seed: number): Figure[] {
  const c: GdCase = { act: 'softplus', cRes: 0.5, seed };
  const widths = [b.widths[0], b.widths[b.widths.length - 1]];
  const runs = runsOf(c, { ...b, widths });
  const series = runs.flatMap((r, q) => [{
    name: `m = ${widths[q]}: L(k)/L(0)`, x: r.loss.map((_, k) => k), y: r.loss.map((l) => l / r.loss[0]),
  }]);
  const r0 = runs[0];
  series.push({ name: '(1 − ηλ0/2)^k (Theorem 3.3, m = ' + widths[0] + ')', x: r0.loss.map((_, k) => k), y: r0.loss.map((_, k) => (1 - (r0.eta * r0.lambda0) / 2) ** k) });
  return [{
    id: 'thesis.ch3.thm3.3.conv-loss-curves',
    source: '002 thesis ch. 3 Theorem 3.3 (no figure in the source; catalog 002b §4 R14)',
    caption: `GD on the conv ResNet (softplus, n = 4, d0 = 2, p = 6, q = 3, H = 3, c_res = 0.5, η = 1/λmax(G(0))) at two widths, with the theorem's rate at λ0 = ${fmtE(r0.lambda0)}`,
    xLabel: 'iteration k', yLabel: 'L(θ(k))/L(θ(0))', yLog: true, series,
  }];
}

export const theorem33Rate = claim<GdBudget, GdCase>({
  id: 'thesis.ch3.thm3.3.conv-gd-rate',
  source: '002 thesis ch. 3 Theorem 3.3 (catalog 002b §3.8, §4 R14, §6 row 32)',
  statement: 'conv-ResNet GD on all layers, η = 1/λmax(G(0)), widths m ≥ 16: L(θ(k)) ≤ (1 − ηλ0/2)^k L(θ(0)) at every step k, λ0 = λmin(K^(H)) of the corrected Definition 3.3',
  kind: 'bound',
  rationale: 'the width (3.10) and step-size conditions hide constants and poly(p); the conclusion is asserted at practical widths on every step of every run '
    + '(runs not in the thesis; catalog 002b R14: 0/12 violations at m ∈ {16, 32, 64}); slack = worst L(k)/((1 − ηλ0/2)^k L(0)) over k ≥ 1, no slack added (the rate with the tiny population λ0 is loose)',
  budget: GD_BUDGET,
  arbitrary: gdCase,
  check: (c, b) => theorem33(c, b, 1),
  negativeControl: {
    describe: 'the same conclusion at η = 3/λmax(G(0)), beyond the theorem\'s step-size condition',
    check: (c, b) => theorem33(c, b, 3),
  },
  figures: lossFigure,
});

// ---------------------------------------------------------------------------------------------
// Condition 3.3 and the induction step of the §3.8 sketch, at every step.
// ---------------------------------------------------------------------------------------------

/**
 * The round-off allowance of one measured residual: GD stores θ(k+1) = fl(θ(k) − η∇L), an entrywise relative error ≤ u = 2^−53,
 * so ‖δθ‖₂ ≤ u‖θ(k+1)‖₂ ≤ u(‖θ(0)‖₂ + Σ_B max_s ‖θ_B(s) − θ_B(0)‖_F), and it moves u(θ) by ≤ ‖J‖_op‖δθ‖₂ with ‖J‖_op² = λmax(G(k)) ≤ 2λmax(G(0))
 * (η = 1/λmax(G(0)) converges only while ηλmax(G(k)) < 2). The forward pass's own rounding of u is below this (the runs' loss floors read
 * ‖y − u‖ ≤ 1.5e-15 against δ ≈ 5e-14), so it is counted once more: δ = 2u√(2λmax(G(0)))‖θ‖₂ bounds both, and a measured step obeys ‖r(k)‖ ≤ √ρ(‖r(k−1)‖ + δ) + δ when the
 * exact-arithmetic step from the stored θ(k−1) contracts by ρ; chained, ‖r(k)‖ ≤ ρ^{k/2}‖r(0)‖ + δ(1 + ρ^{1/2} + … + ρ^{k/2}).
 */
function roundOffAllowance(r: ConvGdRun): number {
  const thetaNorm = Math.sqrt(r.theta0.reduce((s, v) => s + v * v, 0)) + r.maxMoves.reduce((s, v) => s + v, 0);
  return 2 * 2 ** -53 * Math.sqrt(2 * r.lmaxG0) * thetaNorm;
}

function condition33(c: GdCase, b: GdBudget, topRate: boolean): Verdict {
  let worst = 0, at = '';
  for (const r of runsOf(c, b)) {
    const rate = topRate ? 0.5 : 1 - (r.eta * r.lambda0) / 2; // topRate: 1 − ηλmax(G(0))/2 = 1/2
    const res = r.loss.map((l) => Math.sqrt(2 * l)), delta = roundOffAllowance(r); // ‖y − u‖ = √(2L)
    for (let k = 1; k < res.length; k++) {
      // Condition 3.3 (cumulative) and the sketch's induction step (one step) with the round-off of roundOffAllowance, as ratios squared.
      const rho = 1 - (r.eta * r.lambda0) / 2, drift = (delta * (1 - Math.sqrt(rho) ** (k + 1))) / (1 - Math.sqrt(rho));
      const cum = (res[k] / (Math.sqrt(rho ** k) * res[0] + drift)) ** 2;
      const step = (res[k] / (Math.sqrt(rate) * (res[k - 1] + delta) + delta)) ** 2;
      const w = topRate ? step : Math.max(cum, step);
      if (!(w <= worst)) { worst = w; at = `k=${k}: ‖r(k)‖²/‖r(k−1)‖² = ${(r.loss[k] / r.loss[k - 1]).toFixed(5)} vs ${rate.toFixed(5)} (‖r(k)‖ = ${fmtE(res[k])}, round-off δ = ${fmtE(delta)})`; }
    }
  }
  return verdict.atMost(worst, 1, `${tag(c)} widths ${b.widths.join(',')}: worst ${at}`);
}

export const condition33Induction = claim<GdBudget, GdCase>({
  id: 'thesis.ch3.cond3.3.conv-induction',
  source: '002 thesis ch. 3 Condition 3.3 and §3.8 (catalog 002b §3.9, §6 row 33)',
  statement: 'along conv-ResNet GD (η = 1/λmax(G(0)), m ≥ 16), at every step k: Condition 3.3 ‖y − u(k)‖² ≤ (1 − ηλ0/2)^k‖y − u(0)‖², '
    + 'and the induction step of §3.8 ‖y − u(k+1)‖² ≤ (1 − ηλ0/2)‖y − u(k)‖²',
  kind: 'bound',
  rationale: 'the sketch derives the one-step contraction from λmin(G^(H)(k)) ≥ λ0/2 and the I_2 / quadratic-term bounds; '
    + 'at practical widths the conclusion is asserted step by step (catalog: all runs monotone); no slack added. The erf runs reach the double-precision '
    + 'floor (L ≈ 1e-31) within 60 steps, where the measured ratio is round-off (it read 9.0 and 1.36 on 2 of 100 soak seeds): each measured ‖y − u‖ is '
    + 'compared with the derived round-off allowance δ = u·√(2λmax(G(0)))·‖θ‖₂ of one stored GD iterate (u = 2^−53, doubled for the forward pass; roundOffAllowance), ≈ 5e-14–1e-13, '
    + 'accumulated along the run as δΣ_j ρ^{j/2} in Condition 3.3 (≤ 1e-11): it moves the bounds by < 1 % while ‖y − u‖ ≥ 1e-9',
  budget: GD_BUDGET,
  arbitrary: gdCase,
  check: (c, b) => condition33(c, b, false),
  negativeControl: {
    describe: 'the induction step at the top eigendirection\'s rate: ‖y − u(k+1)‖² ≤ (1 − ηλmax(G(0))/2)‖y − u(k)‖² = ½‖y − u(k)‖² (softplus: '
      + 'its mean σ(0) ≠ 0 gives G a large top eigenvalue and a slow direction, so the late steps contract by ≈ 1 − ηλmin(G) ≫ ½; erf\'s well-conditioned G '
      + 'can contract every one of the 60 steps by more than ½ and miss it)',
    arbitrary: () => gdCase().map((c) => ({ ...c, act: 'softplus' as const })),
    check: (c, b) => condition33(c, b, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.19: the weights stay close to initialization.
// ---------------------------------------------------------------------------------------------

/**
 * Printed R′, Q′ (h ≥ 2 and a; layer 1 excluded per E23) with the measured constants, and the
 * proof's summation step with the run's own quantities for every block:
 *   ‖θ_B(k) − θ_B(0)‖ ≤ Σ_s η‖∇_B L(s)‖ ≤ ηB̂ Σ_s ‖r(s)‖ ≤ 4B̂‖r(0)‖/λ̂,
 * B̂ = max_s ‖∇_B L(s)‖/‖r(s)‖ and λ̂ = min_s (2/η)(1 − (‖r(s)‖²/‖r(0)‖²)^{1/s}) (Condition 3.3 holds with λ̂).
 */
function lemma319(c: GdCase, b: GdBudget, etaFactor: number): Verdict {
  const parts: Verdict[] = [];
  for (const r of runsOf(c, b, etaFactor)) {
    const { m, k0 } = r, L = ACTS[c.act].L, { n, p, H } = SIZES, q = 3;
    const res = r.loss.map((l) => Math.sqrt(2 * l)), T = res.length - 1;
    let lamHat = Infinity;
    for (let s = 1; s <= T; s++) lamHat = Math.min(lamHat, (2 / r.eta) * (1 - (res[s] ** 2 / res[0] ** 2) ** (1 / s)));
    const sq = Math.sqrt(p * q), e2 = Math.exp(2 * c.cRes * k0.cw0 * L * Math.sqrt(q));
    const Rp = (16 * c.cRes * k0.cx0 * L * sq * Math.exp(2 * c.cRes * k0.cw0 * L * k0.a20 * Math.sqrt(q)) * Math.sqrt(n) * res[0]) / (H * r.lambda0 * Math.sqrt(m));
    const Qp = (s: number) => (4 * c.cRes * k0.cx0 * L * k0.a20 * sq * e2 * Math.sqrt(n) * res[s]) / H;
    r.stepMoves.forEach((mv, blockIdx) => {
      let B = 0, perStep = 0;
      mv.forEach((v, s) => { B = Math.max(B, v / r.eta / res[s]); if (blockIdx > 0) perStep = Math.max(perStep, v / (r.eta * Qp(s))); });
      const name = blockIdx === H ? 'a' : `W${blockIdx + 1}`, move = r.maxMoves[blockIdx];
      const summation = lamHat > 0 ? (4 * B * res[0]) / lamHat : -Infinity;
      parts.push(verdict.atMost(move, summation, `m=${m} ${name}: max_s ‖Δ‖_F ${move.toFixed(3)} vs 4B̂‖r(0)‖/λ̂ = ${fmtE(summation)} (λ̂ = ${fmtE(lamHat)})`));
      if (blockIdx > 0) {
        parts.push(verdict.atMost(move, Rp * Math.sqrt(m), `m=${m} ${name}: vs printed R′√m = ${fmtE(Rp * Math.sqrt(m))}`));
        parts.push(verdict.atMost(perStep, 1, `m=${m} ${name}: max_s ‖θ(s) − θ(s−1)‖/(ηQ′(s−1)) = ${fmtE(perStep)}`));
      }
    });
  }
  // The worst sub-bound decides; its line alone is kept (every block at every width is checked).
  const all = verdict.allOf(parts);
  const worst = parts.find((v) => v.holds === all.holds && v.slack === all.slack) ?? parts[0];
  return { ...all, detail: `${tag(c)} η = ${etaFactor}/λmax(G(0)), ${parts.length} bounds; worst: ${worst.detail}` };
}

export const lemma319WeightsClose = claim<GdBudget, GdCase>({
  id: 'thesis.ch3.lemma3.19.conv-weights-close',
  source: '002 thesis ch. 3 Lemma 3.19 and its proof (catalog 002b §3.28, §6 row 35; E23, E28)',
  statement: 'along conv-ResNet GD (η = 1/λmax(G(0))): for h ≥ 2 and a, ‖θ_B(s) − θ_B(0)‖_F ≤ R′√m and ‖θ_B(s) − θ_B(s−1)‖_F ≤ ηQ′(s−1) with the printed '
    + 'R′ = 16c_res c_{x,0}L√(pq)e^{2c_res c_{w,0}La_{2,0}√q}√n‖y − u(0)‖/(Hλ0√m), Q′(s) = 4c_res c_{x,0}La_{2,0}√(pq)e^{2c_res c_{w,0}L√q}√n‖y − u(s)‖/H; '
    + 'and for every block the proof\'s summation step ‖θ_B(s) − θ_B(0)‖_F ≤ 4B̂‖y − u(0)‖/λ̂ with the run\'s B̂, λ̂',
  kind: 'bound',
  rationale: 'constants measured at θ(0) (exact SVD for c_{w,0}); layer 1 is excluded from R′/Q′ (E23: its prefactor is √(c_σ/m), not c_res/(H√m)); '
    + 'E28\'s two placements of a_{2,0} are kept as printed. The printed bounds are loose by 10³–10⁵; the summation step with measured B̂, λ̂ is the tight part '
    + '(ratio up to ≈ 0.75). No slack added',
  budget: GD_BUDGET,
  arbitrary: gdCase,
  check: (c, b) => lemma319(c, b, 1),
  negativeControl: {
    describe: 'the same bounds along runs at η = 3/λmax(G(0)) (Condition 3.3 does not hold: λ̂ < 0 once the loss rises)',
    check: (c, b) => lemma319(c, b, 3),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemmas 3.20 and 3.21: the second-order term I_2 and the quadratic term at a small step.
// ---------------------------------------------------------------------------------------------

interface StepBudget { runs: number; controlRuns?: number; m: number; steps: number }
const STEP_BUDGET: Record<'quick' | 'default' | 'deep', StepBudget> = {
  quick: { runs: 2, m: 16, steps: 5 },
  default: { runs: 4, m: 32, steps: 10 },
  deep: { runs: 10, m: 64, steps: 20 },
};

/**
 * GD steps at η = etaOf(λ0, λmax(G(0))) through gd.ts, recording u(k) and G(k)(u(k) − y) at every
 * state; then I_1(k) = −ηG(k)(u(k) − y), I_2(k) = u(k+1) − u(k) − I_1(k).
 */
function smallSteps(c: GdCase, b: StepBudget, practical: boolean): { eta: number; lambda0: number; u: Float64Array[]; Gr: Float64Array[]; r: Float64Array[] } {
  const cc = caseAt(c, b.m), { arch, X, y, theta } = instance(cc), model = convResnetModel(arch), lambda0 = populationLambda0(cc, X);
  const lmax = lambdaMax(model.gram!(theta, X));
  // Lemma 3.21's quadratic-term inequality needs η ≲ λ0/(8λmax(G)²) (derived, not in the thesis; catalog 002b §3.16); the claim uses half of that.
  const eta = practical ? 1 / lmax : lambda0 / (16 * lmax * lmax);
  const u: Float64Array[] = [], Gr: Float64Array[] = [], rs: Float64Array[] = [], ws = model.workspace(X.rows);
  const rec = observe((_t, x) => {
    const ut = new Float64Array(X.rows);
    model.predict(x, X, ut, ws);
    const r = ut.map((v, i) => v - y[i]);
    const G: Matrix = model.gram!(x, X);
    u.push(ut); rs.push(r); Gr.push(matVec(G, r));
  });
  gd(bindData(model, X, y), theta, { eta, steps: b.steps, recorders: [rec] });
  return { eta, lambda0, u, Gr, r: rs };
}

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

function lemma320(c: GdCase, b: StepBudget, practical: boolean): Verdict {
  const { eta, lambda0, u, Gr, r } = smallSteps(c, b, practical);
  let worst = 0, at = '';
  for (let k = 0; k + 1 < u.length; k++) {
    const I2 = u[k + 1].map((v, i) => v - u[k][i] + eta * Gr[k][i]);
    const ratio = norm(I2) / ((eta * lambda0 * norm(r[k])) / 8);
    if (!(ratio <= worst)) { worst = ratio; at = `k=${k}: ‖I_2‖ ${fmtE(norm(I2))} vs ⅛ηλ0‖y − u‖ ${fmtE((eta * lambda0 * norm(r[k])) / 8)}`; }
  }
  return verdict.atMost(worst, 1, `${tag(c)} m=${b.m} η=${fmtE(eta)} λ0=${fmtE(lambda0)}: worst ${at}`);
}

function lemma321(c: GdCase, b: StepBudget, practical: boolean): Verdict {
  const { eta, lambda0, u, r } = smallSteps(c, b, practical);
  let worst = 0, at = '';
  for (let k = 0; k + 1 < u.length; k++) {
    const du2 = norm(u[k + 1].map((v, i) => v - u[k][i])) ** 2, rhs = (eta * lambda0 * norm(r[k]) ** 2) / 8;
    if (!(du2 / rhs <= worst)) { worst = du2 / rhs; at = `k=${k}: ‖u(k+1) − u(k)‖² ${fmtE(du2)} vs ⅛ηλ0‖y − u(k)‖² ${fmtE(rhs)}`; }
  }
  return verdict.atMost(worst, 1, `${tag(c)} m=${b.m} η=${fmtE(eta)} λ0=${fmtE(lambda0)}: worst ${at}`);
}

export const lemma320SecondOrder = claim<StepBudget, GdCase>({
  id: 'thesis.ch3.lemma3.20.conv-i2-bound',
  source: '002 thesis ch. 3 Lemma 3.20 and §3.8 (catalog 002b §3.29, §3.15, §6 row 35)',
  statement: 'conv-ResNet GD at a small step η = λ0/(16λmax(G(0))²): the second-order part I_2(k) = u(k+1) − u(k) + ηG(k)(u(k) − y) satisfies ‖I_2(k)‖ ≤ ⅛ηλ0‖y − u(k)‖ at every step',
  kind: 'bound',
  rationale: 'Lemma 3.20\'s η ≤ cλ0H²n^{−2}poly(1/p) hides c; the catalog\'s practical choice η ∝ λ0/λmax(G)² is used with the population λ0; '
    + 'G(k) is the full Jacobian Gram at each state; no slack added. Control: at η = 1/λmax(G(0)) the bound fails on ≈ 97 % '
    + 'of cases (116 of 120 sampled; the rest read 0.14–0.69 of it), so it runs 12 cases at quick (P(none catches) ≈ 1e-17; '
    + 'with 2 it was missed in one case of 2 on two of 50 soak runs)',
  budget: {
    quick: { ...STEP_BUDGET.quick, controlRuns: 12 },
    default: { ...STEP_BUDGET.default, controlRuns: 16 },
    deep: { ...STEP_BUDGET.deep, controlRuns: 40 },
  },
  arbitrary: gdCase,
  check: (c, b) => lemma320(c, b, false),
  negativeControl: {
    describe: 'the same bound at the theorem\'s practical step η = 1/λmax(G(0)) (outside the lemma\'s step-size condition)',
    check: (c, b) => lemma320(c, b, true),
  },
});

export const lemma321Quadratic = claim<StepBudget, GdCase>({
  id: 'thesis.ch3.lemma3.21.conv-quadratic-term',
  source: '002 thesis ch. 3 Lemma 3.21 and §3.8 (catalog 002b §3.30, §3.16, §6 row 36)',
  statement: 'conv-ResNet GD at η = λ0/(16λmax(G(0))²): ‖u(k+1) − u(k)‖² ≤ ⅛ηλ0‖y − u(k)‖² at every step',
  kind: 'bound',
  rationale: 'derived, not in the thesis (catalog 002b §3.16): ‖Δu‖ ≈ η‖G(y − u)‖ ≤ ηλmax(G)‖y − u‖, so the inequality needs η ≲ λ0/(8λmax(G)²); the claim uses half of that; no slack added',
  budget: STEP_BUDGET,
  arbitrary: gdCase,
  check: (c, b) => lemma321(c, b, false),
  negativeControl: {
    describe: 'the same inequality at the theorem\'s practical step η = 1/λmax(G(0))',
    check: (c, b) => lemma321(c, b, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Lemma 3.20's order: I_2 is the Taylor remainder of one GD step, ‖I_2(η)‖ = Θ(η²).
// ---------------------------------------------------------------------------------------------

interface OrderBudget { runs: number; controlRuns?: number; m: number }
/** Step sizes η_j = 2^{−j}·0.05/λmax(G(0)), j = 0..5: the halving ratio tends to 4 (I_2 of thesis §3.8 is O(η²); catalog 002b §2.2, §4 R12). */
const HALVINGS = 6;
const ORDER_TOL = 0.1;

function i2Order(c: GdCase, b: OrderBudget, claimed: number): Verdict {
  const cc = caseAt(c, b.m), { arch, X, y, theta } = instance(cc), model = convResnetModel(arch), obj = bindData(model, X, y);
  const lmax = lambdaMax(model.gram!(theta, X)), ws = model.workspace(X.rows);
  const u0 = new Float64Array(X.rows), u1 = new Float64Array(X.rows);
  model.predict(theta, X, u0, ws);
  const Gr = matVec(model.gram!(theta, X), u0.map((v, i) => v - y[i]));
  const etas: number[] = [], i2: number[] = [];
  for (let j = 0; j < HALVINGS; j++) {
    const eta = (0.05 / lmax) * 2 ** -j;
    model.predict(gdStep(obj, theta, eta), X, u1, ws);
    etas.push(eta);
    i2.push(norm(u1.map((v, i) => v - u0[i] + eta * Gr[i])));
  }
  // The three smallest steps: there the η³ term is below 1/8 of the η² one (catalog: ratios 4.21–4.04 at the smallest η).
  const xs = etas.slice(-3), ys = i2.slice(-3), fit = logLogSlope(xs, ys);
  const v = verdict.slopeWithin(fit.slope, claimed, ORDER_TOL,
    `${tag(c)} m=${b.m}: halving ratios ${i2.slice(1).map((v2, j) => (i2[j] / v2).toFixed(2)).join(', ')}; slope of ln‖I_2‖ on ln η ${fit.slope.toFixed(3)} (smallest three η)`);
  return withFit(v, fit, xs, ys, { log: true, claimed, xLabel: 'step size η', yLabel: '‖I_2(η)‖' });
}

export const lemma320Order = claim<OrderBudget, GdCase>({
  id: 'thesis.ch3.lemma3.20.conv-i2-order',
  source: '002 thesis ch. 3 Lemma 3.20 and the §3.8 decomposition u(k+1) − u(k) = I_1 + I_2 (catalog 002b §2.2, §3.29 check (d), §4 R12)',
  statement: 'conv-ResNet, one GD step from θ(0): I_2(η) = u(θ − η∇L) − u(θ) + ηG(u − y) is second order, ‖I_2(η)‖ ∝ η² (log-log slope 2 ± 0.1 over the three smallest of η = 2^{−j}·0.05/λmax(G(0)))',
  kind: 'scaling',
  rationale: `the halving ratio tends to 4 (not in the thesis; catalog 002b R12: 4.21–4.04 at the smallest η, FC/ResNet); tolerance ${ORDER_TOL} on the slope `
    + 'covers the η³ correction at these steps; smooth activations only (I_2 is a Taylor remainder)',
  budget: { quick: { runs: 2, m: 16 }, default: { runs: 5, m: 32 }, deep: { runs: 20, m: 64 } },
  arbitrary: gdCase,
  check: (c, b) => i2Order(c, b, 2),
  negativeControl: {
    describe: 'I_2 first order in η (slope 1: the step\'s change of u not captured by ηG(u − y) at first order)',
    check: (c, b) => i2Order(c, b, 1),
  },
});
