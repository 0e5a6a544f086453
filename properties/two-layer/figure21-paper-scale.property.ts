/**
 * Thesis §2.4, Figure 2.1 at the paper's size (issue 7): n = 1000 unit inputs in d = 1000, 100 GD
 * epochs (full-batch steps) at η = 1/λmax(H∞), widths m = 100 … 10⁴ (the source's own widths were
 * lost with the figure; this grid is half-decades up to 10⁴). The `deep` budget runs that size
 * (a step at m = 10⁴ is 4·10¹⁰ flops, ~3 s on the wasm backend); `quick` and `default` run the same
 * recipe on n = d = 50 and 100.
 *
 * Claim (the figure's trends (b), (c) at that size): along the width grid (steps ≥ 3×), the max drift
 * max_{k,r} ‖w_r(k) − w_r(0)‖ and the max pattern-flip fraction, each averaged over a few
 * initializations per width, fall by a factor ≤ 0.85 at every step (the NTK laws predict m^(−1/2),
 * i.e. 0.56 per half-decade), and every width trains to
 * ‖y − u(K)‖²/‖y − u(0)‖² ≤ 1e-6. Panel (a), the loss curves, converge to the float floor within
 * the 100 epochs at every width, so their order in m is not asserted (it is written to the report).
 * Control: the mean-field parameterization f = (1/m)Σ a_r σ(w_rᵀx) at its matching step η = m/λmax,
 * whose weights move O(1) whatever m (measured ratios 0.84–1.1), run at n = d = 50 / 100 / 200.
 *
 * Figures (written to report/claims.json by `gd-theory check`): 2.1(a) loss ratio vs epoch per m,
 * (b) max flip fraction vs m, (c) max drift vs m, each with the m^(−1/2) line through the smallest m.
 */
import fc from 'fast-check';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import { fmt } from '../../src/claims/runner.ts';
import type { Figure } from '../../src/claims/types.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import { initTwoLayer } from '../../src/models/two-layer.ts';
import { twoLayerGd } from '../../src/train/trajectory.ts';
import { logLogSlope } from '../../src/stats/slope.ts';
import { gramSpectrum } from '../../src/train/regime.ts';

interface PaperBudget {
  runs: number; controlRuns: number;
  n: number; d: number; steps: number; widths: number[];
  /** Initializations per width: the figure's drift and flip values are their means (see the rationale). */
  inits: number;
  /** The control's (smaller) size: its weights move O(1) at any size. */
  control: { n: number; d: number; widths: number[] };
}
interface PaperCase { seed: number }
type Par = 'ntk' | 'mean-field';

/** Per width: maxDrift and maxFlip are means over the initializations; lossRatio is the worst one; lossCurve is the first's. */
interface WidthRun { m: number; lossCurve: Float64Array; maxDrift: number; maxFlip: number; lossRatio: number }
interface Sweep { rows: WidthRun[]; lambdaMax: number }

// The figure hook and the check may ask for the same sweep: keep the last one.
let memo: { key: string; sweep: Sweep } | null = null;

/**
 * One dataset (unit inputs, labels unif[−1, 1]) and, per width, `inits` draws of W(0) ~ N(0, I), a ~ ±1;
 * GD for `steps` from each.
 */
function sweep(seed: number, n: number, d: number, widths: readonly number[], steps: number, inits: number, par: Par): Sweep {
  const key = `${seed}/${n}/${d}/${widths.join(',')}/${steps}/${inits}/${par}`;
  if (memo?.key === key) return memo.sweep;
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const { lambdaMax } = gramSpectrum(X);
  const rows = widths.map((m): WidthRun => {
    let driftSum = 0, flipSum = 0, lossRatio = 0, lossCurve = new Float64Array(0);
    for (let t = 0; t < inits; t++) {
      const p = initTwoLayer(r.stream(`init/${m}/${t}`), m, d);
      let eta = 1 / lambdaMax;
      if (par === 'mean-field') {
        const s = 1 / Math.sqrt(m);
        for (let i = 0; i < m; i++) p.a[i] *= s;
        eta *= m;
      }
      const tr = twoLayerGd(p, X, y, { eta, steps, flips: true });
      const K = tr.sqLoss.length - 1;
      let maxDrift = 0, maxFlip = 0;
      for (let k = 0; k <= K; k++) {
        maxDrift = Math.max(maxDrift, tr.maxDrift[k]);
        maxFlip = Math.max(maxFlip, tr.flipFraction[k]);
      }
      driftSum += maxDrift;
      flipSum += maxFlip;
      const curve = tr.sqLoss.map((e) => e / tr.sqLoss[0]);
      if (t === 0) lossCurve = curve;
      lossRatio = Math.max(lossRatio, tr.diverged ? Infinity : curve[K]);
    }
    return { m, lossCurve, maxDrift: driftSum / inits, maxFlip: flipSum / inits, lossRatio };
  });
  const out = { rows, lambdaMax };
  memo = { key, sweep: out };
  return out;
}

const FALL = 0.85, LOSS_MAX = 1e-6;

function trendCheck({ seed }: PaperCase, b: PaperBudget, par: Par) {
  const size = par === 'ntk' ? b : b.control;
  const s = sweep(seed, size.n, size.d, size.widths, b.steps, b.inits, par);
  let worst = -Infinity, at = '';
  const take = (v: number, label: string) => { if (!(v <= worst)) { worst = v; at = label; } };
  for (let j = 0; j + 1 < s.rows.length; j++) {
    const lo = s.rows[j], hi = s.rows[j + 1];
    take(hi.maxDrift / lo.maxDrift / FALL, `drift ${lo.m}→${hi.m}`);
    take(hi.maxFlip / lo.maxFlip / FALL, `flips ${lo.m}→${hi.m}`);
  }
  for (const row of s.rows) take(row.lossRatio / LOSS_MAX, `loss at m=${row.m}`);
  const v = verdict.atMost(worst, 1,
    `${par}, n=${size.n} d=${size.d} K=${b.steps}, ${b.inits} init(s) per width, η = ${par === 'ntk' ? '1' : 'm'}/λmax(H∞) (λmax ${fmt(s.lambdaMax)}); m = ${size.widths.join(', ')}: `
    + `drift ${s.rows.map((r) => fmt(r.maxDrift)).join(', ')}; flips ${s.rows.map((r) => fmt(r.maxFlip)).join(', ')}; `
    + `loss ratio ${s.rows.map((r) => fmt(r.lossRatio)).join(', ')}; worst ${at} (${fmt(worst)} of allowed)`);
  // For the report only (the check judges the half-decade ratios above): max drift against m on
  // log-log axes with its fitted slope, beside the m^(−1/2) of Lemma 2.3.
  const ms = s.rows.map((r) => r.m), drift = s.rows.map((r) => r.maxDrift);
  return drift.every((x) => x > 0 && Number.isFinite(x))
    ? withFit(v, logLogSlope(ms, drift), ms, drift, { log: true, claimed: -0.5, xLabel: 'width m', yLabel: 'max_r ‖w_r(k) − w_r(0)‖' })
    : v;
}

function figures(b: PaperBudget, seed: number): Figure[] {
  const s = sweep(seed, b.n, b.d, b.widths, b.steps, b.inits, 'ntk');
  const ms = s.rows.map((r) => r.m);
  const sqrtLine = (v0: number) => ms.map((m) => v0 * Math.sqrt(ms[0] / m));
  const size = `n = ${b.n}, d = ${b.d}, ${b.steps} GD epochs at η = 1/λmax(H∞)`;
  return [
    {
      id: 'thesis.fig2.1a.paper-scale', source: '002 thesis, Figure 2.1(a)',
      caption: `Training loss ‖y − u(k)‖²/‖y − u(0)‖² per epoch for each width, first initialization (${size}).`,
      xLabel: 'epoch k', yLabel: 'relative training loss', yLog: true,
      series: s.rows.map((r) => ({
        name: `m = ${r.m}`,
        x: Array.from(r.lossCurve, (_, k) => k),
        y: Array.from(r.lossCurve, (v) => Math.max(v, 1e-300)),
      })),
    },
    {
      id: 'thesis.fig2.1b.paper-scale', source: '002 thesis, Figure 2.1(b)',
      caption: `Largest fraction of (i, r) whose activation pattern changed since initialization, vs width; mean over ${b.inits} initialization(s) (${size}).`,
      xLabel: 'width m', yLabel: 'max flip fraction', xLog: true, yLog: true,
      series: [{ name: 'measured', x: ms, y: s.rows.map((r) => r.maxFlip) }, { name: 'm^(−1/2)', x: ms, y: sqrtLine(s.rows[0].maxFlip) }],
    },
    {
      id: 'thesis.fig2.1c.paper-scale', source: '002 thesis, Figure 2.1(c)',
      caption: `Largest distance from initialization max_{k,r} ‖w_r(k) − w_r(0)‖, vs width; mean over ${b.inits} initialization(s) (${size}).`,
      xLabel: 'width m', yLabel: 'max drift', xLog: true, yLog: true,
      series: [{ name: 'measured', x: ms, y: s.rows.map((r) => r.maxDrift) }, { name: 'm^(−1/2)', x: ms, y: sqrtLine(s.rows[0].maxDrift) }],
    },
  ];
}

const HALF_DECADES = [100, 316, 1000, 3162, 10_000];

export const fig21PaperScale = claim({
  id: 'thesis.ch2.fig2.1.paper-scale',
  source: '002 thesis, §2.4 Figure 2.1 (b), (c) at n = d = 1000, 100 epochs (deep budget)',
  statement: `along widths ≥ 3× apart, max drift and max pattern-flip fraction (each a mean over initializations) fall by a factor ≤ ${FALL} per step and every `
    + `width reaches loss ratio ≤ ${LOSS_MAX} in 100 GD epochs at η = 1/λmax(H∞) (deep: n = d = 1000, m = 100 … 10⁴)`,
  // The check bounds ratios between widths (each ≤ its allowed factor), not a fitted slope: a bound,
  // with the bound's slack (worst ratio / allowed); the fitted slope is drawn for the report only.
  kind: 'bound',
  rationale: 'the NTK laws give m^(−1/2): 0.56 per half-decade. Why a mean over initializations: the max over m units and '
    + 'all steps is a heavy-tailed statistic of W(0). Measured at quick size (n = d = 50, m = 100, 316, 1000; 300 datasets × 8 '
    + 'initializations): one initialization\'s log max drift has sd 0.12–0.13 (flips 0.12–0.15), so the half-decade ratio of '
    + 'single initializations has log sd 0.17–0.20 and reached 1.14 (the soak miss, seed 633578384: 0.91 > 0.85); its mean is '
    + 'ln 0.567 for drift and ln 0.55 for flips, i.e. m^(−1/2). The ratio of means over R initializations has log sd ≈ √2·0.13/√R '
    + '(measured 0.064–0.077 at R = 8, largest of 600 ratios 0.70, a Gaussian-like 3.0 sd); at n = d = 200 (20 datasets) the '
    + 'per-initialization sd is 0.085–0.12. With R = 12 at quick the allowed ln 0.85 sits ≈ 7 sd above the mean log ratio '
    + '(log sd ≈ 0.055), and R = 8 at default (n = d = 100) ≈ 6 sd, for each of the 4 (quick) or 6 (default) ratios. At n = d = 1000 (3 datasets × 4 initializations, m ≤ 1000) the '
    + 'per-initialization sd is 0.06–0.11 with one draw 58% above its siblings, so deep takes R = 3 (log ratio sd ≈ 0.07, ≈ 5.5 sd; '
    + 'an initialization sweep at deep is ≈ 5.5 min, run for the check and again for the figures). '
    + 'The mean-field control (R initializations as well) moves its weights O(1): ratios of means 0.87–1.07 for drift and '
    + '0.94–1.02 for flips over 150 datasets at R = 8, so its flip ratio exceeds 0.85 by ≥ 10 sd. The loss reaches the float '
    + `floor (~1e-20) by epoch 100 at every width and initialization, so only ≤ ${LOSS_MAX} is asserted (the worst initialization). `
    + `slack = worst (ratio / ${FALL}, loss ratio / ${LOSS_MAX}).`,
  budget: {
    quick: { runs: 1, controlRuns: 1, n: 50, d: 50, steps: 100, inits: 12, widths: [100, 316, 1000], control: { n: 50, d: 50, widths: [100, 316, 1000] } },
    default: { runs: 1, controlRuns: 1, n: 100, d: 100, steps: 100, inits: 8, widths: HALF_DECADES.slice(0, 4), control: { n: 100, d: 100, widths: [100, 316, 1000] } },
    // deep stops at m = 10⁴ (issue: widths-dependent claims reach m ≥ 10⁵ where memory allows; here it does not).
    // At n = d = 1000 the step's arena holds Z (m×n), G and the W copy (m×d): 2.4 GB at m = 10⁵, past the wasm
    // backend's 2³¹-byte arena limit, ~4.7 GB with W, W(0) and the GD clone. m = 3.16·10⁴ fits (max RSS 1.86 GB
    // measured, near the 2 GiB per-claim cap) but a step is ~7 s (2 cores shared; 2.2 s at 10⁴), so its 100 epochs,
    // run twice (check and figures hook draw different seeds) for each of the 3 initializations, would add over an hour (estimated from the step times).
    deep: { runs: 1, controlRuns: 1, n: 1000, d: 1000, steps: 100, inits: 3, widths: HALF_DECADES, control: { n: 200, d: 200, widths: HALF_DECADES.slice(0, 4) } },
  },
  arbitrary: () => fc.record({ seed: seedArb }),
  check: (c, b: PaperBudget) => trendCheck(c, b, 'ntk'),
  negativeControl: {
    describe: 'mean-field parameterization f = (1/m)Σ a_r σ(w_rᵀx) with η = m/λmax(H∞): weights move O(1) at every width',
    check: (c, b: PaperBudget) => trendCheck(c, b, 'mean-field'),
  },
  figures,
});

