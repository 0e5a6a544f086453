/**
 * One GD step of the chapter-3 deep nets (src/models/fc-deep.ts, resnet.ts on deep-chain.ts)
 * against a plain reference implementation in the same run. Two implementations, same data and
 * weights, at (n, d, m, H) = (8, 8, 1024, 4) and (32, 16, 512, 8):
 *   core    gd(bindData(model, X, y), θ0, …) — the one training path, its products on the backend
 *           GEMM kernels (WebAssembly SIMD where available, src/core/backend.ts);
 *   plain   the textbook per-sample loops (forward x^(h), backprop δ^(h), outer products), θ −= ηg.
 * K steps per call (8 and 4; 4 and 2 with --quick: a gd() call copies and scans θ, 2–3·10⁶ doubles
 * here, so fewer steps per call would time that instead of the step); interleaved repetitions;
 * medians as steps/s and GFLOP/s (2·3·n·m·Σ_h k_h flops per step: the forward product and the two
 * backward ones, n·m·k_h multiply-adds each, k_h the fan-in), the paired ratio plain/core, and
 * max |θ_core − θ_plain| after K steps (rounding only). Speed is printed, never asserted.
 *
 * Run: npm run bench:deep   Options: --reps N  --quick
 */
import { tanh } from '../src/core/activations.ts';
import { rng } from '../src/core/rng.ts';
import type { Matrix } from '../src/core/matrix.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import type { DeepChainModel } from '../src/models/deep-chain.ts';
import { fcDeepModel } from '../src/models/fc-deep.ts';
import { bindData } from '../src/models/model.ts';
import { resnetModel } from '../src/models/resnet.ts';
import { gd } from '../src/train/gd.ts';
import { backendInfo, selectBackend } from '../src/core/backend.ts';
import { machineLine, pairedRatio, positiveIntArg, printTable, timeInterleaved } from './common.ts';

/** The plain reference: per-sample forward and backward with explicit loops, K GD steps from θ0. */
function plainSteps(model: DeepChainModel, theta0: Float64Array, X: Matrix, y: Float64Array, eta: number, K: number): Float64Array {
  const theta = Float64Array.from(theta0), grad = new Float64Array(theta.length);
  const { H, m, act, layers, blocks } = model, n = X.rows, d = X.cols;
  const width = (h: number) => (h === 0 ? d : m);
  const xs = Array.from({ length: H + 1 }, (_, h) => new Float64Array(width(h)));
  const zs = Array.from({ length: H }, () => new Float64Array(m));
  const delta = new Float64Array(m), below = new Float64Array(m), g = new Float64Array(m);
  for (let step = 0; step < K; step++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < d; c++) xs[0][c] = X.data[i * d + c];
      for (let h = 0; h < H; h++) {
        const W = blocks[h].offset, k = width(h);
        for (let r = 0; r < m; r++) {
          let s = 0;
          for (let c = 0; c < k; c++) s += theta[W + r * k + c] * xs[h][c];
          zs[h][r] = s;
          xs[h + 1][r] = (layers[h].skip ? xs[h][r] : 0) + layers[h].scale * act.value(s);
        }
      }
      const a = blocks[H].offset;
      let u = 0;
      for (let r = 0; r < m; r++) u += theta[a + r] * xs[H][r];
      const e = u - y[i];
      for (let r = 0; r < m; r++) { grad[a + r] += e * xs[H][r]; delta[r] = e * theta[a + r]; }
      for (let h = H - 1; h >= 0; h--) {
        const W = blocks[h].offset, k = width(h);
        for (let r = 0; r < m; r++) g[r] = layers[h].scale * act.derivative(zs[h][r]) * delta[r];
        for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) grad[W + r * k + c] += g[r] * xs[h][c];
        if (h > 0) {
          for (let c = 0; c < k; c++) below[c] = layers[h].skip ? delta[c] : 0;
          for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) below[c] += theta[W + r * k + c] * g[r];
          delta.set(below);
        }
      }
    }
    for (let j = 0; j < theta.length; j++) theta[j] -= eta * grad[j];
  }
  return theta;
}

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const reps = positiveIntArg(argv, '--reps', 3);
console.log(`deep-step bench — ${machineLine()}, median of ${reps} interleaved repetitions; wasm ${backendInfo().wasm}`);
const rows: string[][] = [];
for (const [n, d, m, H, K] of [[8, 8, 1024, 4, quick ? 4 : 8], [32, 16, 512, 8, quick ? 2 : 4]] as const) {
  for (const arch of ['fc', 'resnet'] as const) {
    const r = rng(2026);
    const { X, y } = sphereDataset(r.stream('data'), n, d);
    const model = arch === 'fc'
      ? fcDeepModel({ d, m, H, act: tanh(), cSigma: 2.5361754332174558 })
      : resnetModel({ d, m, H, act: tanh(), cSigma: 2.5361754332174558, cRes: 0.5 });
    const theta0 = model.init(r.stream('init')), obj = bindData(model, X, y), eta = 1e-3;
    const core = gd(obj, theta0, { eta, steps: K }).x, plain = plainSteps(model, theta0, X, y, eta, K);
    let diff = 0;
    for (let k = 0; k < core.length; k++) diff = Math.max(diff, Math.abs(core[k] - plain[k]));
    const { med, per } = timeInterleaved([
      () => { gd(obj, theta0, { eta, steps: K }); },
      () => { plainSteps(model, theta0, X, y, eta, K); },
    ], reps, quick ? 0.2 : 0.5, quick ? 0.5 : 1.5);
    const flops = 2 * 3 * n * m * (d + (H - 1) * m) * K; // 2 flops per multiply-add, three products per layer
    const gf = (t: number): string => (flops / t / 1e9).toFixed(2);
    rows.push([arch, String(n), String(d), String(m), String(H), selectBackend(n * m * m).name, (K / med[0]).toFixed(2), (K / med[1]).toFixed(2),
      gf(med[0]), gf(med[1]), `${pairedRatio(per[1], per[0]).toFixed(2)}×`, diff.toExponential(1)]);
  }
}
printTable(['arch', 'n', 'd', 'm', 'H', 'backend', 'core steps/s', 'plain steps/s', 'core GFLOP/s', 'plain GFLOP/s', 'plain/core time', 'max|Δθ|'], rows);
console.log('\nplain/core = median over repetitions of (time of plain)/(time of core) in the same repetition: > 1 means the core is faster.');
