/**
 * The layer chain shared by the deep networks of thesis chapter 3 (catalog 002b §2.1–§2.2): the
 * fully-connected net (3.2) and the ResNet (3.3) are both
 *   x^(0) = x,   x^(h) = [skip_h ? x^(h−1) : 0] + s_h σ(W^(h) x^(h−1))  (h = 1..H),   u = aᵀx^(H),
 * with s_h = √(c_σ/m) for the plain layers and c_res/(H√m) for the residual ones, all weights
 * N(0, 1), loss L = ½ Σ_i (u_i − y_i)² (a sum, no 1/n; thesis (3.1)). src/models/fc-deep.ts and
 * src/models/resnet.ts choose (s_h, skip_h); this file is their one forward/backward pass.
 *
 * Exact backprop (thesis §3.9's gradient, shapes and order fixed; catalog 002b §2.2): δ^(H) = a, g^(h) = s_h J^(h) δ^(h), ∂u/∂W^(h) = g^(h) x^(h−1)ᵀ,
 * δ^(h−1) = [skip_h ? δ^(h) : 0] + W^(h)ᵀ g^(h). The per-layer Gram of the Jacobian is then
 * G^(h)_ij = ⟨g_i^(h), g_j^(h)⟩·⟨x_i^(h−1), x_j^(h−1)⟩ (a rank-one outer product per sample), and
 * G^(H+1)_ij = ⟨x_i^(H), x_j^(H)⟩ for a.
 *
 * Layout (samples are rows): hidden states x^(h) are n×m, pre-activations are stored transposed
 * (m×n) so that every product is one kernel of src/core/backend.ts (WebAssembly GEMM where it wins):
 *   forward   Zᵀ = W^(h)·X^(h−1)ᵀ            gemmABt (m×k)·(n×k)ᵀ
 *   backward  ∂L/∂W^(h) = Gᵀ·X^(h−1)          gemmAB  (m×n)·(n×k)
 *             Δ^(h−1) = G·W^(h) (+ Δ^(h))     gemmAB  (n×m)·(m×k)
 * with G_ir = (u_i − y_i)·g_i^(h)_r. A step allocates nothing: W is copied into the workspace's
 * arena (wasm) or read in place (JS), and the views on θ are made once per θ buffer.
 */
import type { Activation } from '../core/activations.ts';
import { type KernelArena, type KernelBackend, selectBackend, workLength } from '../core/backend.ts';
import { DomainError, ShapeError, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';
import { requireRng } from '../core/rng.ts';
import { type Block, type Model, layoutBlocks, requireTheta } from './model.ts';

/** One layer of the chain: its branch scale s_h and whether x^(h−1) is added back (a skip). */
export interface ChainLayer {
  readonly scale: number;
  readonly skip: boolean;
}

export interface DeepChainSpec {
  readonly id: string;
  readonly d: number;
  readonly m: number;
  readonly act: Activation;
  readonly layers: readonly ChainLayer[];
  /** Whether a is trained (thesis: all layers; review 003 also freezes a). */
  readonly trainOutput: boolean;
  /** Force a kernel backend (default: by size, src/core/backend.ts). */
  readonly backend?: KernelBackend;
}

/** The per-sample quantities of one evaluation (copies), for Grams, norms and the lemmas. */
export interface ChainState {
  /** x^(0..H): n × d, then n × m each. */
  readonly hidden: Matrix[];
  /** Pre-activations z^(h) = W^(h) x^(h−1), h = 1..H, n × m each. */
  readonly pre: Matrix[];
  /** Per-sample backprop vectors g^(h)_i = s_h J^(h) δ_i^(h), h = 1..H, n × m each (∂u_i/∂W^(h) = g_i x_iᵀ). */
  readonly g: Matrix[];
  /** Predictions u_i. */
  readonly u: Float64Array;
}

/** The chain network as a Model, with the per-layer quantities the chapter's lemmas are about. */
export interface DeepChainModel extends Model<ChainWorkspace> {
  readonly H: number;
  readonly m: number;
  readonly act: Activation;
  readonly layers: readonly ChainLayer[];
  readonly trainOutput: boolean;
  /** Forward and per-sample backward at θ (allocating; for checks). */
  state(theta: Float64Array, X: Matrix): ChainState;
  /** G^(1..H) from the Jacobian, then G^(H+1) (the a block) as the last entry. */
  layerGrams(theta: Float64Array, X: Matrix): Matrix[];
}

export interface ChainWorkspace {
  readonly n: number;
  readonly kernels: KernelArena;
  readonly xIn: Float64Array;
  /** Per layer h = 1..H (index h − 1). */
  readonly wSlot: Float64Array[];
  readonly zt: Float64Array[];
  readonly xs: Float64Array[];
  readonly delta: Float64Array[];
  readonly gradW: Float64Array[];
  readonly gt: Float64Array;
  readonly gRows: Float64Array;
  readonly u: Float64Array;
  readonly res: Float64Array;
  theta: Float64Array | null;
  wViews: Float64Array[];
  aView: Float64Array | null;
  /** The W^(h) and X operands the kernels read in the last forward pass (the arena copies on wasm), reused by the backward pass. */
  readonly wOps: Float64Array[];
  xOp: Float64Array;
}

function requireSpec(spec: DeepChainSpec): void {
  if (spec === null || typeof spec !== 'object') throw new DomainError('spec must be a DeepChainSpec', 'spec');
  requirePositiveInt(spec.d, 'd');
  requirePositiveInt(spec.m, 'm');
  const act = spec.act as Activation | null;
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError('act must be an Activation', 'act');
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new ShapeError('layers needs H ≥ 1 layers', 'layers');
  spec.layers.forEach((l, h) => {
    requireFiniteNumber(l.scale, `layers[${h}].scale`);
    if (l.skip && h === 0 && spec.d !== spec.m) throw new ShapeError('a skip at layer 1 needs d = m', 'layers');
  });
  requireAllocatable(spec.m * spec.d, spec.d >= spec.m ? 'd' : 'm', `a ${spec.m}×${spec.d} first layer`);
  requireAllocatable(spec.m * spec.m * spec.layers.length, 'm', `${spec.layers.length} weight matrices of ${spec.m}×${spec.m}`);
}

/** Build the chain network on the model interface. */
export function deepChainModel(spec: DeepChainSpec): DeepChainModel {
  requireSpec(spec);
  const { d, m, act, trainOutput } = spec;
  const layers = spec.layers.map((l) => ({ scale: l.scale, skip: l.skip }));
  const H = layers.length;
  const fanIn = (h: number): number => (h === 0 ? d : m); // columns of W^(h+1)
  const blocks: Block[] = layoutBlocks([
    ...layers.map((_, h) => ({ name: `W${h + 1}`, rows: m, cols: fanIn(h) })),
    { name: 'a', rows: 1, cols: m, trained: trainOutput },
  ]);
  const aBlock = blocks[H];
  const dim = aBlock.offset + m;

  const workspace = (n: number): ChainWorkspace => {
    requirePositiveInt(n, 'n');
    requireAllocatable(n * m * H, 'n', `${H} hidden layers of ${n}×${m}`);
    const be = spec.backend ?? selectBackend(n * m * m);
    const copies = be.copiesInputs;
    let pack = 0;
    for (let h = 0; h < H; h++) pack = Math.max(pack, workLength(n, fanIn(h)), workLength(fanIn(h), n), workLength(fanIn(h), m));
    const lengths: number[] = [copies ? n * d : 0, n * m, n * m, n, n];
    for (let h = 0; h < H; h++) lengths.push(copies ? m * fanIn(h) : 0, m * n, n * m, n * m, m * fanIn(h));
    const kernels = be.arena(lengths, pack);
    const arr = kernels.arrays;
    const per = (k: number): Float64Array[] => layers.map((_, h) => arr[5 + 5 * h + k]);
    return {
      n, kernels, xIn: arr[0], gt: arr[1], gRows: arr[2], u: arr[3], res: arr[4],
      wSlot: per(0), zt: per(1), xs: per(2), delta: per(3), gradW: per(4),
      theta: null, wViews: [], aView: null, wOps: layers.map(() => arr[0]), xOp: arr[0],
    };
  };

  const views = (ws: ChainWorkspace, theta: Float64Array): void => {
    if (ws.theta === theta) return;
    ws.wViews = layers.map((_, h) => theta.subarray(blocks[h].offset, blocks[h].offset + m * fanIn(h)));
    ws.aView = theta.subarray(aBlock.offset, aBlock.offset + m);
    ws.theta = theta;
  };

  /** Forward pass into ws (hot path: unchecked). */
  const forward = (theta: Float64Array, X: Matrix, ws: ChainWorkspace): void => {
    views(ws, theta);
    const n = ws.n, k = ws.kernels;
    let prev = k.input(X.data, ws.xIn);
    ws.xOp = prev;
    for (let h = 0; h < H; h++) {
      const kh = fanIn(h), W = k.input(ws.wViews[h], ws.wSlot[h]), zt = ws.zt[h], xs = ws.xs[h];
      ws.wOps[h] = W;
      k.gemmABt(W, prev, zt, m, n, kh); // z_ir = w_rᵀ x_i^(h−1), stored m×n
      const s = layers[h].scale, skip = layers[h].skip;
      for (let i = 0; i < n; i++) {
        const o = i * m;
        for (let r = 0; r < m; r++) xs[o + r] = (skip ? prev[o + r] : 0) + s * act.value(zt[r * n + i]);
      }
      prev = xs;
    }
    const a = ws.aView as Float64Array, xH = ws.xs[H - 1];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += a[r] * xH[i * m + r];
      ws.u[i] = s;
    }
  };

  /** Backward pass with per-sample weights ws.res (the residuals; all 1 gives the per-sample vectors). */
  const backward = (ws: ChainWorkspace, keepG: Float64Array[] | null): void => {
    const n = ws.n, k = ws.kernels, a = ws.aView as Float64Array;
    const dH = ws.delta[H - 1];
    for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) dH[i * m + r] = ws.res[i] * a[r];
    for (let h = H - 1; h >= 0; h--) {
      const kh = fanIn(h), zt = ws.zt[h], dl = ws.delta[h], gt = ws.gt, g = ws.gRows, s = layers[h].scale;
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < n; i++) {
          const v = s * act.derivative(zt[r * n + i]) * dl[i * m + r];
          gt[r * n + i] = v;
          g[i * m + r] = v;
        }
      }
      if (keepG) keepG[h].set(g);
      const prev = h === 0 ? ws.xOp : ws.xs[h - 1];
      k.gemmAB(gt, prev, ws.gradW[h], m, kh, n); // ∂L/∂W^(h) = Σ_i res_i g_i x_iᵀ
      if (h > 0) {
        const W = ws.wOps[h], below = ws.delta[h - 1]; // the operand the forward pass read (no second copy)
        k.gemmAB(g, W, below, n, kh, m); // W^(h)ᵀ g_i, per sample row
        if (layers[h].skip) for (let q = 0; q < n * m; q++) below[q] += dl[q];
      }
    }
  };

  const lossAndGradient = (theta: Float64Array, X: Matrix, y: Float64Array, grad: Float64Array, ws: ChainWorkspace): number => {
    forward(theta, X, ws);
    const n = ws.n;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const e = ws.u[i] - y[i];
      ws.res[i] = e;
      loss += e * e;
    }
    backward(ws, null);
    for (let h = 0; h < H; h++) grad.set(ws.gradW[h], blocks[h].offset);
    const xH = ws.xs[H - 1], ao = aBlock.offset;
    for (let r = 0; r < m; r++) {
      let s = 0;
      if (trainOutput) for (let i = 0; i < n; i++) s += ws.res[i] * xH[i * m + r];
      grad[ao + r] = s; // a fixed: its gradient entries are 0 by definition of the objective
    }
    return 0.5 * loss;
  };

  const checkInputs = (theta: Float64Array, X: Matrix): void => {
    requireTheta(theta, dim);
    requireMatrix(X, 'X', null, d);
  };

  const state = (theta: Float64Array, X: Matrix): ChainState => {
    checkInputs(theta, X);
    const n = X.rows, ws = workspace(n);
    forward(theta, X, ws);
    ws.res.fill(1);
    const g = layers.map(() => zeros(n, m));
    backward(ws, g.map((x) => x.data));
    const pre = ws.zt.map((zt) => {
      const z = zeros(n, m);
      for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) z.data[i * m + r] = zt[r * n + i];
      return z;
    });
    const hidden = [{ rows: n, cols: d, data: Float64Array.from(X.data) }, ...ws.xs.map((x) => ({ rows: n, cols: m, data: Float64Array.from(x) }))];
    return { hidden, pre, g, u: Float64Array.from(ws.u) };
  };

  const layerGrams = (theta: Float64Array, X: Matrix): Matrix[] => {
    const st = state(theta, X), n = X.rows;
    const grams = layers.map((_, h) => {
      const G = zeros(n, n), g = st.g[h], x = st.hidden[h];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = rowDot(g, i, j) * rowDot(x, i, j);
          G.data[i * n + j] = v;
          G.data[j * n + i] = v;
        }
      }
      return G;
    });
    const top = zeros(n, n), xH = st.hidden[H];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) top.data[i * n + j] = rowDot(xH, i, j);
    return [...grams, top];
  };

  return {
    id: spec.id, dim, blocks, inputDim: d, outputDim: 1, H, m, act, layers, trainOutput,
    init(r) {
      requireRng(r, 'rng');
      const theta = new Float64Array(dim);
      for (const b of blocks) r.stream(b.name).fillNormal(theta.subarray(b.offset, b.offset + b.rows * b.cols));
      return theta;
    },
    workspace,
    predict(theta, X, out, ws) {
      forward(theta, X, ws);
      out.set(ws.u);
    },
    lossAndGradient,
    state,
    layerGrams,
    jacobian(theta, X) {
      const st = state(theta, X), n = X.rows, J = zeros(n, dim);
      for (let i = 0; i < n; i++) {
        const row = i * dim;
        for (let h = 0; h < H; h++) {
          const kh = fanIn(h), o = row + blocks[h].offset, g = st.g[h].data, x = st.hidden[h].data;
          for (let r = 0; r < m; r++) {
            const gr = g[i * m + r];
            for (let c = 0; c < kh; c++) J.data[o + r * kh + c] = gr * x[i * kh + c];
          }
        }
        if (trainOutput) J.data.set(st.hidden[H].data.subarray(i * m, (i + 1) * m), row + aBlock.offset);
      }
      return J;
    },
    gram(theta, X) {
      const Gs = layerGrams(theta, X), n = X.rows, G = zeros(n, n);
      Gs.forEach((Gh, h) => {
        if (h === H && !trainOutput) return;
        for (let q = 0; q < n * n; q++) G.data[q] += Gh.data[q];
      });
      return G;
    },
  };
}

/** ⟨row i, row j⟩ of a row-major matrix. */
function rowDot(A: Matrix, i: number, j: number): number {
  const c = A.cols, a = A.data;
  let s = 0;
  for (let k = 0; k < c; k++) s += a[i * c + k] * a[j * c + k];
  return s;
}

/**
 * The closed form of the last hidden layer's Gram (thesis (3.12) FC, (3.13) ResNet):
 *   G^(H)_ij = s_H² ⟨x_i^(H−1), x_j^(H−1)⟩ Σ_r a_r² σ'(z_ir) σ'(z_jr),   z_ir = w_r^(H)ᵀ x_i^(H−1),
 * evaluated from the hidden states and pre-activations of a ChainState (no backprop involved).
 */
export function lastLayerGramClosedForm(model: DeepChainModel, theta: Float64Array, X: Matrix): Matrix {
  if (model === null || typeof model !== 'object' || typeof model.state !== 'function') throw new DomainError('model must be a deep chain model', 'model');
  const st = model.state(theta, X), H = model.H, m = model.m, n = X.rows;
  const aB = model.blocks[H], a = theta.subarray(aB.offset, aB.offset + m);
  const s = model.layers[H - 1].scale, x = st.hidden[H - 1], z = st.pre[H - 1];
  const G = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let r = 0; r < m; r++) t += a[r] * a[r] * model.act.derivative(z.data[i * m + r]) * model.act.derivative(z.data[j * m + r]);
      const v = s * s * rowDot(x, i, j) * t;
      G.data[i * n + j] = v;
      G.data[j * n + i] = v;
    }
  }
  return G;
}
