/**
 * The GD step of the two-layer net on every kernel backend (src/core/backend.ts), and an external
 * peer, timed interleaved in the same run on the same data:
 *   js-ref   the reference kernels (plain loops) through forwardInto/backwardInto;
 *   js       tuned JavaScript (4-row register blocking);
 *   wasm     WebAssembly SIMD f64x2 (src/core/wasm/gemm.wat);
 *   tfjs     @tensorflow/tfjs-core + @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD, 1 thread), float32,
 *            in its fastest form (Xᵀ precomputed so both products are plain A·B; eager ops).
 * One step = forward, backward, W −= ηG; 4·n·m·d flops. Each row also gives max|ΔG| against js-ref
 * at the same W (0 means bit-identical; tfjs differs by float32 rounding).
 * The last column is the speed 3× tfjs would take. Read it against the arithmetic peak of f64x2
 * without fused multiply-add (which the kernels avoid, to stay bit-equal to js-ref): on Zen 4, two
 * 128-bit multiplies and two adds per cycle = 8 flops/cycle, 20.8 GF/s at the 2.6 GHz nominal clock
 * and 29.6 GF/s at a 3.7 GHz boost.
 *
 * Run: npm run bench:kernels   Options: --reps N (default 5)  --quick  --no-tfjs
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type KernelBackend, jsBackend, jsRefBackend, wasmBackend } from '../src/core/backend.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { type TwoLayerParams, backwardInto, cloneParams, forwardInto, initTwoLayer, twoLayerWorkspace } from '../src/models/two-layer.ts';
import type { Matrix } from '../src/core/matrix.ts';
import { machineLine, pairedRatio, positiveIntArg, printTable, timeInterleaved } from './common.ts';

type Tf = typeof import('@tensorflow/tfjs-core');

async function loadTfjs(): Promise<{ tf: Tf; note: string } | { tf: null; note: string }> {
  try {
    const tf = await import('@tensorflow/tfjs-core');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
    wasm.setThreadsCount(1);
    if (!(await tf.setBackend('wasm'))) return { tf: null, note: 'tfjs wasm backend did not initialize' };
    const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    return { tf, note: `tfjs-core ${tf.version_core}, backend ${tf.getBackend()}, SIMD ${simd}, 1 thread, float32` };
  } catch (e) {
    return { tf: null, note: `tfjs not available: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A GD step on one of our backends: returns the step function and a gradient probe. */
function ourStep(be: KernelBackend, p: TwoLayerParams, X: Matrix, y: Float64Array, eta: number) {
  const { rows: n } = X, m = p.W.rows, d = p.W.cols;
  const ws = twoLayerWorkspace(n, m, d, be);
  const W = p.W.data, G = ws.G.data;
  return {
    step: () => {
      forwardInto(p, X, ws);
      backwardInto(p, X, y, ws);
      for (let t = 0; t < W.length; t++) W[t] -= eta * G[t];
    },
    gradient: (at: TwoLayerParams) => {
      forwardInto(at, X, ws);
      backwardInto(at, X, y, ws);
      return Float64Array.from(G);
    },
  };
}

/** The same step in tfjs (float32): Z = W·Xᵀ, u = relu(Z)ᵀc, C = I{Z ≥ 0}⊙(c eᵀ), G = C·X, W −= ηG. */
function tfjsStep(tf: Tf, p: TwoLayerParams, X: Matrix, y: Float64Array, eta: number) {
  const n = X.rows, m = p.W.rows, d = p.W.cols;
  const f32 = (x: Float64Array) => Float32Array.from(x);
  const Xf = tf.tensor2d(f32(X.data), [n, d]);
  const Xt = tf.transpose(Xf);
  const yf = tf.tensor2d(f32(y), [1, n]);
  const coef = tf.tensor2d(f32(p.a.map((ar) => ar / Math.sqrt(m))), [m, 1]);
  const coefRow = tf.reshape(coef, [1, m]);
  const etaT = tf.scalar(eta);
  let W = tf.variable(tf.tensor2d(f32(p.W.data), [m, d]));
  const grad = (): import('@tensorflow/tfjs-core').Tensor2D => tf.tidy(() => {
    const Z = tf.matMul(W, Xt); // m×n
    const u = tf.matMul(coefRow, tf.relu(Z)); // 1×n
    const e = tf.sub(u, yf);
    const C = tf.mul(tf.cast(tf.greaterEqual(Z, 0), 'float32'), tf.matMul(coef, e)); // m×n
    return tf.matMul(C, Xf); // m×d
  });
  return {
    step: () => {
      const G = grad();
      W.assign(tf.tidy(() => tf.sub(W, tf.mul(etaT, G))));
      G.dispose();
      W.dataSync(); // wait for the step (the wasm backend is synchronous; this keeps it honest)
    },
    gradient: (at: TwoLayerParams) => {
      const saved = W;
      W = tf.variable(tf.tensor2d(f32(at.W.data), [m, d]));
      const G = grad();
      const out = Float64Array.from(G.dataSync());
      G.dispose(); W.dispose();
      W = saved;
      return out;
    },
  };
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const x of a) m = Math.max(m, Math.abs(x));
  return m;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const reps = positiveIntArg(argv, '--reps', quick ? 3 : 5);
  const tfjs = argv.includes('--no-tfjs') ? { tf: null, note: 'tfjs skipped (--no-tfjs)' } : await loadTfjs();
  console.log(`kernels bench — ${machineLine()}; median of ${reps} interleaved repetitions`);
  console.log(`wasm: ${wasmBackend ? 'available' : 'UNAVAILABLE'}; ${tfjs.note}`);
  console.log('one GD step = forward + backward + W −= ηG; 4·n·m·d flops; GF/s = GFLOP/s on one core\n');
  const sizes: [number, number, number][] = [[32, 16, 1024], [100, 10, 10_000], [256, 64, 4096], [1000, 100, 1000]];
  const head = ['n', 'd', 'm', 'js-ref GF/s', 'js GF/s', 'wasm GF/s', 'tfjs GF/s', 'js/ref', 'wasm/js', 'wasm/tfjs', 'max|ΔG| js,wasm', 'tfjs rel ΔG', '3×tfjs GF/s'];
  const rows: string[][] = [];
  for (const [n, d, m] of sizes) {
    const r = rng(`bench/kernels/${n}/${d}/${m}`);
    const { X, y } = sphereDataset(r.stream('data'), n, d);
    const p0 = initTwoLayer(r.stream('init'), m, d);
    const eta = 1e-3;
    const impls: { name: string; step: () => void; gradient: (at: TwoLayerParams) => Float64Array }[] = [
      { name: 'js-ref', ...ourStep(jsRefBackend, cloneParams(p0), X, y, eta) },
      { name: 'js', ...ourStep(jsBackend, cloneParams(p0), X, y, eta) },
    ];
    if (wasmBackend) impls.push({ name: 'wasm', ...ourStep(wasmBackend, cloneParams(p0), X, y, eta) });
    if (tfjs.tf) impls.push({ name: 'tfjs', ...tfjsStep(tfjs.tf, cloneParams(p0), X, y, eta) });
    const gRef = impls[0].gradient(p0);
    const diffs = impls.map((im) => maxDiff(im.gradient(p0), gRef));
    const flops = 4 * n * m * d;
    const warm = quick ? 0.2 : 0.6, batch = quick ? 0.15 : 0.4;
    const t = timeInterleaved(impls.map((im) => im.step), reps, warm, batch);
    const idx = (name: string) => impls.findIndex((im) => im.name === name);
    const gf = (name: string) => (idx(name) >= 0 ? (flops / t.med[idx(name)] / 1e9).toFixed(2) : '—');
    const ratio = (a: string, b: string) => (idx(a) >= 0 && idx(b) >= 0 ? `${pairedRatio(t.per[idx(b)], t.per[idx(a)]).toFixed(2)}×` : '—');
    rows.push([
      String(n), String(d), String(m), gf('js-ref'), gf('js'), gf('wasm'), gf('tfjs'),
      ratio('js', 'js-ref'), ratio('wasm', 'js'), ratio('wasm', 'tfjs'),
      `${diffs[idx('js')].toExponential(1)}, ${idx('wasm') >= 0 ? diffs[idx('wasm')].toExponential(1) : '—'}`,
      idx('tfjs') >= 0 ? (diffs[idx('tfjs')] / maxAbs(gRef)).toExponential(1) : '—',
      idx('tfjs') >= 0 ? (3 * flops / t.med[idx('tfjs')] / 1e9).toFixed(2) : '—',
    ]);
  }
  printTable(head, rows);
  console.log('\n3×tfjs GF/s: the speed a step must reach to be 3× tfjs (float32). The f64x2 peak without FMA is 8 flops/cycle');
  console.log('(2 multiplies + 2 adds of 2 lanes): 20.8 GF/s at 2.6 GHz, 29.6 GF/s at 3.7 GHz.');
  console.log('\nratios a/b = median over repetitions of (time of b)/(time of a) in the same repetition: > 1 means a is faster.');
}

await main();
