/**
 * Thesis §2.4, Figure 2.1 "Results on synthetic data" (catalog 002a §4.1): as the width m grows,
 *  (a) the training loss after a fixed number of steps is lower ("better convergence rate"),
 *  (b) fewer activation patterns change, fraction Σ_i Σ_r I{pattern of (i, r) changed}/(mn) (E11),
 *  (c) max_r ‖w_r(k) − w_r(0)‖ is smaller;
 * and §4.1's quantitative form of (b): the flip fraction scales as m^(−1/2).
 *
 * The source's setting (n = d = 1000, 100 steps, widths lost with the figure) is too big for CI; this is
 * the CI-size recipe for thesis Figure 2.1 of catalog 002a §4.1, faster variant: n = 10, d = 5, η = 1/λmax(H∞), K = 150, widths
 * 25..800 (1.5 decades), medians over seeds. Widths are far below the theorems' m (beyond hypothesis);
 * the figure itself is an experiment, not a theorem.
 */
import fc from 'fast-check';
import { seedArb } from '../../src/data/arbitraries.ts';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import { logLogSlope } from '../../src/stats/slope.ts';
import { median } from '../../src/stats/summary.ts';
import { type Parameterization, type WidthRow, widthSweep } from '../../src/train/sweep.ts';
import { rng } from '../../src/core/rng.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';
import { chapter2Instance } from '../../src/train/instance.ts';
import type { Figure } from '../../src/claims/types.ts';

interface WidthBudget { runs: number; controlRuns: number; seeds: number; widths: number[]; steps: number }
interface WidthCase { seed: number }

const N_DATA = 10, D_DATA = 5;

const sweep = ({ seed }: WidthCase, b: WidthBudget, par: Parameterization = 'ntk'): WidthRow[] =>
  widthSweep({ n: N_DATA, d: D_DATA, widths: b.widths, seed, runs: b.seeds, steps: b.steps, parameterization: par });

/**
 * Monotone decrease in m (thesis Figure 2.1), in the catalog's form (002a §4.1): for every pair of widths at least `ratio` apart,
 * value(larger m)/value(smaller m) < 1; with `adjacent`, also among adjacent pairs less than 2.5× apart
 * one inversion is allowed, i.e. the second-worst adjacent ratio must be < 1. Returns the worst of those ratios.
 */
function monotoneWorst(widths: readonly number[], pairRatio: (i: number, j: number) => number, ratio: number, adjacentRule = true): { worst: number; at: string } {
  let worst = -Infinity, at = '';
  const take = (v: number, label: string) => { if (!(v <= worst)) { worst = v; at = label; } };
  for (let i = 0; i < widths.length; i++) {
    for (let j = i + 1; j < widths.length; j++) {
      if (widths[j] >= ratio * widths[i]) take(pairRatio(i, j), `${widths[i]}→${widths[j]}`);
    }
  }
  const adjacent: { v: number; label: string }[] = [];
  for (let i = 0; adjacentRule && i + 1 < widths.length; i++) {
    if (widths[i + 1] < 2.5 * widths[i]) adjacent.push({ v: pairRatio(i, i + 1), label: `${widths[i]}→${widths[i + 1]} (2nd adjacent)` });
  }
  adjacent.sort((p, q) => q.v - p.v);
  if (adjacent.length > 1) take(adjacent[1].v, adjacent[1].label);
  return { worst, at };
}

// Loss compares 8× apart, drift and flips 4× apart (see rationale).
const LOSS_RATIO = 8, PATTERN_RATIO = 4;

function widthCheck(c: WidthCase, b: WidthBudget, reversed: boolean) {
  const rows = sweep(c, b);
  const w = b.widths;
  // Reversing the claim = claiming the values grow with m: compare the inverse ratios.
  const orient = (x: number) => (reversed ? 1 / x : x);
  // (a) loss: paired over runs (run i of every width shares its dataset), median of the loss ratio quotient.
  // The loss on 8× pairs only, as the statement says: adjacent pairs at m ≥ 200 compare noise (flat κ),
  // and two adjacent inversions there failed seed 1082558458 (200→400→800, quotients 1.33 and 1.2).
  const loss = monotoneWorst(w, (i, j) => orient(Math.exp(median(rows[j].runs.map((r, s) => Math.log(r.lossRatio) - Math.log(rows[i].runs[s].lossRatio))))), LOSS_RATIO, false);
  const flip = monotoneWorst(w, (i, j) => orient(rows[j].medianFlip / rows[i].medianFlip), PATTERN_RATIO);
  const drift = monotoneWorst(w, (i, j) => orient(rows[j].medianDrift / rows[i].medianDrift), PATTERN_RATIO);
  const worst = Math.max(loss.worst, flip.worst, drift.worst);
  const v = verdict.atMost(worst, 1,
    `${reversed ? 'REVERSED claim; ' : ''}m = ${w.join(', ')}: median loss ratio ${rows.map((r) => fmt(r.medianLossRatio)).join(', ')}; `
    + `flips ${rows.map((r) => fmt(r.medianFlip)).join(', ')}; drift ${rows.map((r) => fmt(r.medianDrift)).join(', ')}; `
    + `worst ratios: loss ${fmt(loss.worst)} (${loss.at}), flips ${fmt(flip.worst)} (${flip.at}), drift ${fmt(drift.worst)} (${drift.at})`);
  // For the report only (the check judges the ratios above): the median drift against m on log-log
  // axes with its fitted slope, drawn beside Lemma 2.3's m^(−1/2).
  const med = rows.map((r) => r.medianDrift);
  return med.every((x) => x > 0 && Number.isFinite(x))
    ? withFit(v, logLogSlope(w, med), w, med, { log: true, claimed: -0.5, xLabel: 'width m', yLabel: 'median max_r ‖w_r(k) − w_r(0)‖' })
    : v;
}

// One grid for every budget: the loss comparison is only meaningful before the float floor (K = 150
// stays above it at n = 10, d = 5) and below saturation; deeper budgets add seeds and case seeds.
// Not extended to m ≥ 10⁵ in deep: the loss ratio is flat for m ≥ 200 (not in the thesis; catalog 002a §2.5), so an 8× pair at
// 10⁴ → 10⁵ would compare noise and fail about half the time by construction; the m^(−1/2) laws of flips
// and drift are taken to 10⁵ by thesis.ch2.fig2.1.flip-slope and thesis.ch2.cor2.1.drift-scaling.
const WIDTHS = [25, 50, 100, 200, 400, 800];
const widthBudget = {
  quick: { runs: 1, controlRuns: 1, seeds: 8, widths: WIDTHS, steps: 150 },
  default: { runs: 3, controlRuns: 1, seeds: 12, widths: WIDTHS, steps: 150 },
  deep: { runs: 10, controlRuns: 2, seeds: 16, widths: WIDTHS, steps: 150 },
};

/**
 * Figure 2.1 (a)–(c) as data series at the CI size: per width, the median over runs of the training
 * loss ‖y − u(k)‖², the pattern-change fraction since k = 0 (E11's corrected sum over i ≤ n) and
 * max_r ‖w_r(k) − w_r(0)‖, against the iteration k. Run i of every width shares its dataset.
 */
function figure21Series(b: WidthBudget, seed: number): Figure[] {
  const ks = Array.from({ length: b.steps + 1 }, (_, k) => k);
  const panels = { loss: [] as { name: string; x: number[]; y: number[] }[], flips: [] as { name: string; x: number[]; y: number[] }[], drift: [] as { name: string; x: number[]; y: number[] }[] };
  for (const m of b.widths) {
    const traj = Array.from({ length: b.seeds }, (_, i) => {
      const inst = chapter2Instance(rng(seed).stream(`run${i}`), N_DATA, D_DATA, m);
      return twoLayerGd(inst.p, inst.X, inst.y, { eta: 1 / inst.lambdaMax, steps: b.steps, flips: true });
    });
    const med = (pick: (t: (typeof traj)[number]) => Float64Array) =>
      ks.map((k) => median(traj.map((t) => { const a = pick(t); return a[Math.min(k, a.length - 1)]; })));
    panels.loss.push({ name: `m = ${m}`, x: ks, y: med((t) => t.sqLoss) });
    panels.flips.push({ name: `m = ${m}`, x: ks, y: med((t) => t.flipFraction) });
    panels.drift.push({ name: `m = ${m}`, x: ks, y: med((t) => t.maxDrift) });
  }
  const common = `n = ${N_DATA}, d = ${D_DATA}, η = 1/λmax(H∞), medians over ${b.seeds} seeds (the paper: n = d = 1000, 100 steps)`;
  return [
    { id: 'thesis.fig2.1a', source: '002 thesis, Figure 2.1(a)', caption: `Training loss ‖y − u(k)‖² vs iteration; larger m converges faster. ${common}`, xLabel: 'iteration k', yLabel: '‖y − u(k)‖²', yLog: true, series: panels.loss },
    { id: 'thesis.fig2.1b', source: '002 thesis, Figure 2.1(b)', caption: `Fraction of (i, r) whose activation pattern changed since k = 0; fewer for larger m (Lemma 2.2). ${common}`, xLabel: 'iteration k', yLabel: 'pattern-change fraction', series: panels.flips },
    { id: 'thesis.fig2.1c', source: '002 thesis, Figure 2.1(c)', caption: `max_r ‖w_r(k) − w_r(0)‖; smaller for larger m (Lemma 2.3, Corollary 2.1). ${common}`, xLabel: 'iteration k', yLabel: 'max drift', series: panels.drift },
  ];
}

export const fig21Width = claim({
  id: 'thesis.ch2.fig2.1.width',
  source: '002 thesis, §2.4 Figure 2.1 (a)–(c) (catalog 002a §4.1, E11)',
  statement: 'n=10, d=5, η = 1/λmax(H∞), fixed K: larger m gives a lower loss (paired medians, widths ≥ 8× apart), fewer '
    + 'pattern flips and a smaller max drift (medians, widths ≥ 4× apart; one inversion allowed among adjacent pairs < 2.5× apart)',
  // The check bounds ratios between widths (each ≤ its allowed factor), not a fitted slope: a bound,
  // with the bound's slack (worst ratio / allowed); the fitted slope is drawn for the report only.
  kind: 'bound',
  rationale: 'for thesis Figure 2.1 the 4× / one-inversion rule is the catalog\'s (002a §4.1) for flips and drift; our runs (60 case seeds × 8 runs) '
    + 'never broke it. The loss saturates as m → ∞ (not in the thesis; catalog 002a §2.5: κ flat for m ≥ 200), so 4× pairs at large m compare '
    + 'noise: unpaired medians failed a 4× pair in 1/12 case seeds and paired ones in 1/60 (100→400, quotient e^0.12); '
    + 'with 8× pairs, 0/60 and the worst paired quotient e^−0.81. The one-inversion rule on adjacent pairs is not '
    + 'applied to the loss (the statement does not assert it): at m ≥ 200 adjacent loss pairs are noise, and two '
    + 'inversions there failed one run seed in 30 (1082558458). slack = worst required ratio (< 1 holds).',
  budget: widthBudget,
  arbitrary: () => fc.record({ seed: seedArb }),
  check: (c, b: WidthBudget) => widthCheck(c, b, false),
  figures: (b: WidthBudget, seed: number) => figure21Series(b, seed),
  negativeControl: {
    describe: 'the reversed claim (larger m gives a higher loss, more flips, more drift)',
    check: (c, b: WidthBudget) => widthCheck(c, b, true),
  },
});

// thesis Figure 2.1 (catalog 002a §4.1): slope of the flip fraction in [−0.65, −0.35] (measured −0.51 at n=20, d=10).
const SLOPE = -0.5, SLOPE_TOL = 0.15;

function flipSlope(c: WidthCase, b: WidthBudget, par: Parameterization) {
  const rows = sweep(c, b, par);
  const med = rows.map((r) => r.medianFlip);
  const fit = med.every((v) => v > 0 && Number.isFinite(v)) ? logLogSlope(b.widths, med) : { slope: NaN, lo: NaN, hi: NaN };
  const v = verdict.slopeWithin(fit.slope, SLOPE, SLOPE_TOL,
    `${par}: median max flip fraction ${med.map(fmt).join(', ')} at m = ${b.widths.join(', ')}; slope ${fmt(fit.slope)} (95% CI ${fmt(fit.lo)}, ${fmt(fit.hi)})`);
  return 'intercept' in fit
    ? withFit(v, fit, b.widths, med, { log: true, claimed: SLOPE, xLabel: 'width m', yLabel: 'median max fraction of flipped patterns' })
    : v;
}

export const fig21FlipSlope = claim({
  id: 'thesis.ch2.fig2.1.flip-slope',
  source: '002 thesis, §2.4 Figure 2.1 (b), Lemma 2.2 (catalog 002a §4.1 (b))',
  statement: 'the median over seeds of max_k (fraction of (i, r) whose pattern changed since k = 0) scales as m^(−1/2): '
    + 'log-log slope within −0.5 ± 0.15 over widths 25..800, deep 25..10⁵ (n=10, d=5, η = 1/λmax(H∞), K = 150)',
  kind: 'scaling',
  rationale: 'band [−0.65, −0.35] for thesis Figure 2.1 from catalog 002a §4.1. Our runs at n=10, d=5: −0.53, −0.45, −0.51 (three case seeds, 8 runs each); '
    + 'deep, m = 25..10⁵: worst of 8 case seeds −0.529 (--seed 42). The mean-field control gives ≈ −0.02..−0.04 '
    + '(−0.005 over 25..10⁵; its weights move O(1)). slack = |slope + 0.5|/0.15.',
  budget: {
    quick: { runs: 1, controlRuns: 1, seeds: 8, widths: WIDTHS, steps: 150 },
    default: { runs: 3, controlRuns: 1, seeds: 12, widths: WIDTHS, steps: 150 },
    // deep: the grid continued to 10⁵ (3.6 decades; issue: widths-dependent claims reach m ≥ 10⁵). K = 150 steps at
    // n = 10, d = 5 is ~16 ms a step at m = 10⁵ (2 cores shared): the deep run took 8.3 min, max RSS 230 MB.
    deep: { runs: 8, controlRuns: 2, seeds: 16, widths: [...WIDTHS, 1600, 3200, 10_000, 32_000, 100_000], steps: 150 },
  },
  arbitrary: () => fc.record({ seed: seedArb }),
  check: (c, b: WidthBudget) => flipSlope(c, b, 'ntk'),
  negativeControl: {
    describe: 'mean-field parameterization f = (1/m)Σ a_r σ(w_rᵀx) with its step η = m/λmax(H∞)',
    check: (c, b: WidthBudget) => flipSlope(c, b, 'mean-field'),
  },
});

