/**
 * The one training path against a hand-written two-layer loop, in the same run. Issue 12 asks that
 * routing the two-layer net through the generic `gd` (src/train/gd.ts) with plug-in recorders keep
 * the step as fast as the per-model loop it replaced. Three implementations, same data and weights:
 *   hand      the per-model loop of src/train/gd.ts at 080f442, copied here as the reference:
 *             forwardInto + backwardInto, then drift, pattern flips, W −= ηG and path lengths in
 *             one pass over W;
 *   path      twoLayerGd: gd on the bound two-layer Model with the chapter-2 recorders (loss,
 *             drift, path length, gradient ratio, flips) — what the claims run;
 *   bare      gd on the bound Model with no recorder (the loop's own overhead).
 * K steps per call (20 at the large sizes, 200 at the small one, where a call's set-up — workspace,
 * validation, copies, ≈ 0.1 ms — would otherwise dominate); interleaved repetitions; medians as
 * steps/s and paired ratios vs hand. The final W of hand and path are compared (they must be
 * bit-identical). Speed is printed, never asserted.
 *
 * Run: npm run bench:train   Options: --reps N  --quick
 */
import { rng } from '../src/core/rng.ts';
import type { Matrix } from '../src/core/matrix.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { bindData } from '../src/models/model.ts';
import {
  type TwoLayerParams, backwardInto, cloneParams, forwardInto, initTwoLayer, twoLayerModel, twoLayerTheta, twoLayerWorkspace,
} from '../src/models/two-layer.ts';
import { gd } from '../src/train/gd.ts';
import { twoLayerGd } from '../src/train/trajectory.ts';
import { machineLine, pairedRatio, positiveIntArg, printTable, timeInterleaved } from './common.ts';

/** The hand-written loop of 080f442 (recording drift, flips and path length like the claims do). */
function handLoop(p0: TwoLayerParams, X: Matrix, y: Float64Array, eta: number, K: number): Float64Array {
  const p = cloneParams(p0);
  const n = X.rows, m = p.W.rows, d = p.W.cols;
  const ws = twoLayerWorkspace(n, m, d);
  const W = p.W.data, W0 = Float64Array.from(W), G = ws.G.data;
  const sqLoss = new Float64Array(K + 1), maxDrift = new Float64Array(K + 1), flipFraction = new Float64Array(K + 1), maxPath = new Float64Array(K + 1);
  const path = new Float64Array(m), pattern0 = new Uint8Array(m * n);
  forwardInto(p, X, ws);
  for (let t = 0; t < m * n; t++) pattern0[t] = ws.Z[t] >= 0 ? 1 : 0;
  for (let k = 0; ; k++) {
    sqLoss[k] = 2 * backwardInto(p, X, y, ws);
    let drift = 0, pathMax = 0, flips = 0;
    for (let r = 0; r < m; r++) {
      let s = 0;
      const o = r * d;
      for (let c = 0; c < d; c++) { const t = W[o + c] - W0[o + c]; s += t * t; }
      if (s > drift) drift = s;
      if (path[r] > pathMax) pathMax = path[r];
    }
    for (let t = 0; t < m * n; t++) if ((ws.Z[t] >= 0 ? 1 : 0) !== pattern0[t]) flips++;
    maxDrift[k] = Math.sqrt(drift);
    maxPath[k] = pathMax;
    flipFraction[k] = flips / (m * n);
    if (k === K) break;
    for (let r = 0; r < m; r++) {
      const o = r * d;
      let g2 = 0;
      for (let c = 0; c < d; c++) { const g = G[o + c]; g2 += g * g; W[o + c] -= eta * g; }
      path[r] += eta * Math.sqrt(g2);
    }
    forwardInto(p, X, ws);
  }
  return W;
}

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const reps = positiveIntArg(argv, '--reps', quick ? 3 : 7);
console.log(`train-path bench — ${machineLine()}, median of ${reps} interleaved repetitions`);
const rows: string[][] = [];
for (const [n, d, m, K] of [[100, 10, 10_000, 20], [256, 64, 4096, 20], [20, 5, 200, 200]] as const) {
  const r = rng(2026);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const p = initTwoLayer(r.stream('init'), m, d);
  const eta = 0.1;
  const model = twoLayerModel(m, d), obj = bindData(model, X, y), theta0 = twoLayerTheta(p);
  const wHand = handLoop(p, X, y, eta, K), wPath = twoLayerGd(p, X, y, { eta, steps: K, flips: true }).finalParams.W.data;
  let diff = 0;
  for (let k = 0; k < wHand.length; k++) diff = Math.max(diff, Math.abs(wHand[k] - wPath[k]));
  const { med, per } = timeInterleaved([
    () => { handLoop(p, X, y, eta, K); },
    () => { twoLayerGd(p, X, y, { eta, steps: K, flips: true }); }, // the same figures as hand records
    () => { gd(obj, theta0, { eta, steps: K }); },
  ], reps, quick ? 0.2 : 0.5, quick ? 0.3 : 1);
  const sps = (t: number): string => (K / t).toFixed(1);
  rows.push([String(n), String(d), String(m), String(K), sps(med[0]), sps(med[1]), sps(med[2]),
    `${pairedRatio(per[0], per[1]).toFixed(3)}×`, `${pairedRatio(per[0], per[2]).toFixed(3)}×`, diff.toExponential(1)]);
}
printTable(['n', 'd', 'm', 'K', 'hand steps/s', 'path steps/s', 'bare steps/s', 'path/hand', 'bare/hand', 'max|ΔW|'], rows);
console.log('\nratios x/hand = median over repetitions of (time of hand)/(time of x) in the same repetition: ≥ 1 means x is as fast or faster.');
