/**
 * The canonical workload: one full-batch GD step of the two-layer ReLU net (thesis §2.1),
 *   forward u = (1/√m) Σ_r a_r σ(Wx), backward G = ∂L/∂W (2.3), update W ← W − ηG,
 * at (n, d, m) = (100, 10, 10⁴) and (256, 64, 4096).
 *
 * Two implementations are timed in the same run, on the same data and initial weights:
 *   core       src/models/two-layer.ts forwardInto + backwardInto on a preallocated workspace,
 *              then W −= ηG in place, exactly as the step of src/train/gd.ts;
 *   reference  the textbook form written here: nested loops over number[][] arrays, allocating
 *              Z, u, the residual and G on every step.
 * Both are warmed up, then timed in interleaved repetitions (a batch of core steps, then a batch
 * of reference steps); the medians are reported as steps/s and GFLOP/s (4·n·m·d flops per step:
 * 2nmd forward, ≤ 2nmd backward), with the median of the paired ratios reference time / core time. Before timing, the two gradients at the same W are compared
 * (max |ΔG|). Speed is printed, never asserted.
 *
 * Run: npm run bench   (= tsx bench/gd-step.bench.ts)   Options: --reps N  --quick
 */
import { cpus } from 'node:os';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import {
  type TwoLayerParams, type TwoLayerWorkspace, backwardInto, cloneParams, forwardInto, initTwoLayer,
  requireTwoLayerInputs, twoLayerWorkspace,
} from '../src/models/two-layer.ts';
import type { Matrix } from '../src/core/matrix.ts';

// ---------------------------------------------------------------------------------------------
// Reference implementation: plain arrays, allocation per step, no workspace.
// ---------------------------------------------------------------------------------------------

interface RefModel { W: number[][]; a: number[] }

/** One GD step; returns the gradient it applied (freshly allocated) and the loss before the step. */
function referenceStep(model: RefModel, X: number[][], y: number[], eta: number): { G: number[][]; loss: number } {
  const m = model.W.length, n = X.length, d = X[0].length;
  const scale = 1 / Math.sqrt(m);
  // Forward: Z[r][i] = w_rᵀx_i, u_i = (1/√m) Σ_r a_r relu(Z[r][i]).
  const Z: number[][] = [];
  const u: number[] = new Array(n).fill(0);
  for (let r = 0; r < m; r++) {
    const zr: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += model.W[r][k] * X[i][k];
      zr[i] = s;
      if (s > 0) u[i] += model.a[r] * scale * s;
    }
    Z.push(zr);
  }
  // Backward: g_r = (a_r/√m) Σ_i (u_i − y_i) I{w_rᵀx_i ≥ 0} x_i.
  const res: number[] = u.map((ui, i) => ui - y[i]);
  const loss = 0.5 * res.reduce((s, e) => s + e * e, 0);
  const G: number[][] = [];
  for (let r = 0; r < m; r++) {
    const g: number[] = new Array(d).fill(0);
    for (let i = 0; i < n; i++) {
      if (Z[r][i] >= 0) {
        const c = model.a[r] * scale * res[i];
        for (let k = 0; k < d; k++) g[k] += c * X[i][k];
      }
    }
    G.push(g);
  }
  // Update.
  for (let r = 0; r < m; r++) for (let k = 0; k < d; k++) model.W[r][k] -= eta * G[r][k];
  return { G, loss };
}

// ---------------------------------------------------------------------------------------------
// Core step: exactly the per-step work of src/train/gd.ts (forward, backward, in-place update).
// ---------------------------------------------------------------------------------------------

function coreStep(p: TwoLayerParams, X: Matrix, y: Float64Array, ws: TwoLayerWorkspace, eta: number): number {
  forwardInto(p, X, ws);
  const loss = backwardInto(p, X, y, ws);
  const W = p.W.data, G = ws.G.data;
  for (let t = 0; t < W.length; t++) W[t] -= eta * G[t];
  return loss;
}

// ---------------------------------------------------------------------------------------------
// Timing.
// ---------------------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/** Warm a step function for ≥ warmSec (and ≥ 3 steps); returns its estimated seconds per step. */
function warmUp(step: () => void, warmSec: number): number {
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < warmSec * 1000 || k < 3) { step(); k++; }
  return (performance.now() - t0) / 1000 / k;
}

function timeBatch(step: () => void, batch: number): number {
  const s = performance.now();
  for (let k = 0; k < batch; k++) step();
  return (performance.now() - s) / 1000 / batch;
}

/**
 * Interleaved timing: after warming both, each repetition times one batch of core steps and then
 * one batch of reference steps (each batch sized to ~batchSec), so a change in machine load hits
 * both alike. Reports the median seconds per step of each and the median of the paired ratios.
 */
function timePair(core: () => void, ref: () => void, reps: number, warmSec: number, batchSec: number) {
  const estC = warmUp(core, warmSec), estR = warmUp(ref, warmSec);
  const bc = Math.max(1, Math.round(batchSec / estC)), br = Math.max(1, Math.round(batchSec / estR));
  const tc: number[] = [], tr: number[] = [], ratio: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c = timeBatch(core, bc), f = timeBatch(ref, br);
    tc.push(c); tr.push(f); ratio.push(f / c);
  }
  return { core: median(tc), ref: median(tr), ratio: median(ratio) };
}

interface Row { n: number; d: number; m: number; coreSps: number; refSps: number; coreGflops: number; refGflops: number; ratio: number; gradDiff: number; gradScale: number }

function benchSize(n: number, d: number, m: number, reps: number, quick: boolean): Row {
  const r = rng(`bench/${n}/${d}/${m}`);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const p0 = initTwoLayer(r.stream('init'), m, d);
  requireTwoLayerInputs(p0, X, y); // the public-boundary check, once, as gradientDescent does
  const eta = 1e-3;

  // Reference copies of the same data and weights.
  const Xr: number[][] = Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
  const yr: number[] = Array.from(y);
  const refModel: RefModel = { W: Array.from({ length: m }, (_, k) => Array.from(p0.W.data.subarray(k * d, (k + 1) * d))), a: Array.from(p0.a) };

  // Correctness: the two gradients at the same W(0).
  const pc = cloneParams(p0);
  const ws = twoLayerWorkspace(n, m, d);
  forwardInto(pc, X, ws);
  const lossCore = backwardInto(pc, X, y, ws);
  const { G: Gref, loss: lossRef } = referenceStep({ W: refModel.W.map((w) => [...w]), a: refModel.a }, Xr, yr, eta);
  let gradDiff = 0, gradScale = 0;
  for (let k = 0; k < m; k++) {
    for (let c = 0; c < d; c++) {
      gradDiff = Math.max(gradDiff, Math.abs(ws.G.data[k * d + c] - Gref[k][c]));
      gradScale = Math.max(gradScale, Math.abs(Gref[k][c]));
    }
  }
  if (Math.abs(lossCore - lossRef) > 1e-12 * Math.max(1, lossRef)) {
    throw new Error(`loss differs: core ${lossCore} vs reference ${lossRef}`);
  }

  const warm = quick ? 0.2 : 1.0, batch = quick ? 0.1 : 0.4;
  const t = timePair(() => coreStep(pc, X, y, ws, eta), () => referenceStep(refModel, Xr, yr, eta), reps, warm, batch);
  const flops = 4 * n * m * d;
  return {
    n, d, m, gradDiff, gradScale,
    coreSps: 1 / t.core, refSps: 1 / t.ref,
    coreGflops: flops / t.core / 1e9, refGflops: flops / t.ref / 1e9,
    ratio: t.ratio,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const ri = argv.indexOf('--reps');
  const reps = ri >= 0 ? Number(argv[ri + 1]) : quick ? 3 : 7;
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be a positive integer, got ${argv[ri + 1]}`);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`gd-step bench — node ${process.version}, ${cpu} (${cpus().length} logical cores), median of ${reps} interleaved repetitions`);
  console.log('one full-batch GD step = forward + backward + W −= ηG; flops counted as 4·n·m·d per step\n');
  const head = ['n', 'd', 'm', 'core steps/s', 'core GFLOP/s', 'ref steps/s', 'ref GFLOP/s', 'core/ref speed', 'max|ΔG|', 'max|G|'];
  const rows: string[][] = [];
  for (const [n, d, m] of [[100, 10, 10_000], [256, 64, 4096]] as const) {
    const r = benchSize(n, d, m, reps, quick);
    rows.push([
      String(n), String(d), String(m), r.coreSps.toFixed(1), r.coreGflops.toFixed(3), r.refSps.toFixed(2), r.refGflops.toFixed(3),
      `${r.ratio.toFixed(2)}×`, r.gradDiff.toExponential(2), r.gradScale.toExponential(2),
    ]);
  }
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(w[j])).join('  ');
  console.log(line(head));
  console.log(line(w.map((x) => '-'.repeat(x))));
  for (const row of rows) console.log(line(row));
}

main();
