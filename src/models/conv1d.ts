/**
 * Networks with sparse connections and shared weights (thesis §4.2.2, catalog 002c §3.9):
 *   W^(h)[i, j] = 0 if g_h(i, j) = 0,   W^(h)[i, j] = v^(h)[k] if g_h(i, j) = k > 0,
 * with free parameters v^(h) ∈ R^{d_h}, trained by GD/flow on v. The gradient is the scatter-sum
 * ∂L/∂v^(h)[l] = Σ_{g_h(i,j) = l} G^(h)[i, j]. A 1-D convolution (k filters of length q, stride 1,
 * no padding) is the map g_h((f, o), j) = f·q + (j − o) + 1 for 0 ≤ j − o < q.
 *
 * The network itself is the deep-fc model run on the materialized W (exact backprop there), so
 * the only new code is the map, the materialization and the scatter.
 */
import { DomainError, ShapeError, requireFiniteArray, requirePositiveInt } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import {
  type DeepFcArch, type DeepFcParams, type DeepFcWorkspace, deepFcModel, deepFcParams, deepFcWorkspace, forwardInto, layers, lossGradInto,
} from './deep-fc.ts';
import { type Model, layoutBlocks } from './model.ts';

export interface SharingMap {
  readonly rows: number;
  readonly cols: number;
  /** d_h, the number of free parameters. */
  readonly dim: number;
  /** g_h(i, j) at i·cols + j: 0 = structural zero, k ≥ 1 = v[k − 1]. */
  readonly index: Int32Array;
}

export function sharingMap(rows: number, cols: number, dim: number, index: Int32Array): SharingMap {
  requirePositiveInt(rows, 'rows');
  requirePositiveInt(cols, 'cols');
  requirePositiveInt(dim, 'dim');
  if (!(index instanceof Int32Array) || index.length !== rows * cols) throw new ShapeError(`index must be an Int32Array of length ${rows * cols}`, 'index');
  for (let k = 0; k < index.length; k++) {
    if (index[k] < 0 || index[k] > dim) throw new DomainError(`index[${k}] = ${index[k]} is outside [0, ${dim}]`, 'index');
  }
  return { rows, cols, dim, index };
}

/** g_h uniform on {0, …, d_h} entrywise (random sharing maps for the shared-weight case of thesis §4.2.2). */
export function randomSharingMap(rng: Rng, rows: number, cols: number, dim: number): SharingMap {
  requireRng(rng, 'rng', ['int']);
  requirePositiveInt(rows, 'rows');
  requirePositiveInt(cols, 'cols');
  requirePositiveInt(dim, 'dim');
  const index = new Int32Array(rows * cols);
  for (let k = 0; k < index.length; k++) index[k] = rng.int(dim + 1);
  return sharingMap(rows, cols, dim, index);
}

/** The dense layer as a sharing map (g(i, j) = i·cols + j + 1): Theorem 4.3 reduces to Cor. 4.1. */
export function denseMap(rows: number, cols: number): SharingMap {
  const index = new Int32Array(rows * cols);
  for (let k = 0; k < index.length; k++) index[k] = k + 1;
  return sharingMap(rows, cols, rows * cols, index);
}

/**
 * 1-D convolution, one input channel, `filters` filters of length q, stride 1, no padding:
 * output (f, o) = f·(inLen − q + 1) + o reads inputs o..o+q−1 with v[f·q + (j − o)] (thesis §4.2.2; catalog 002c §3.9).
 */
export function conv1dMap(inLen: number, filters: number, q: number): SharingMap {
  requirePositiveInt(inLen, 'inLen');
  requirePositiveInt(filters, 'filters');
  requirePositiveInt(q, 'q');
  if (q > inLen) throw new DomainError(`filter length ${q} exceeds input length ${inLen}`, 'q');
  const outLen = inLen - q + 1, rows = filters * outLen;
  const index = new Int32Array(rows * inLen);
  for (let f = 0; f < filters; f++) {
    for (let o = 0; o < outLen; o++) {
      for (let j = o; j < o + q; j++) index[(f * outLen + o) * inLen + j] = f * q + (j - o) + 1;
    }
  }
  return sharingMap(rows, inLen, filters * q, index);
}

/** A network whose layer h is W^(h) = g_h(v^(h)). */
export interface SharedNet {
  readonly arch: DeepFcArch;
  readonly maps: readonly SharingMap[];
  /** Offsets of v^(h) in the flat parameter vector (length H + 1). */
  readonly offsets: readonly number[];
}

export function sharedNet(arch: DeepFcArch, maps: readonly SharingMap[]): SharedNet {
  if (maps.length !== layers(arch)) throw new ShapeError(`maps has ${maps.length} entries, expected ${layers(arch)}`, 'maps');
  const offsets = [0];
  maps.forEach((g, k) => {
    if (g.rows !== arch.widths[k + 1] || g.cols !== arch.widths[k]) {
      throw new ShapeError(`maps[${k}] is ${g.rows}×${g.cols}, expected ${arch.widths[k + 1]}×${arch.widths[k]}`, 'maps');
    }
    offsets.push(offsets[k] + g.dim);
  });
  return { arch, maps, offsets };
}

export function sharedParamCount(net: SharedNet): number {
  return net.offsets[net.offsets.length - 1];
}

/** v^(h) as a view on the flat v. */
export function layerParams(net: SharedNet, v: Float64Array, h: number): Float64Array {
  if (!Number.isInteger(h) || h < 1 || h > net.maps.length) throw new DomainError(`layer h must be in [1, ${net.maps.length}], got ${h}`, 'h');
  return v.subarray(net.offsets[h - 1], net.offsets[h]);
}

/** W = g(v): fill a dense matrix from the free parameters. Allocation-free. */
export function materializeInto(g: SharingMap, v: Float64Array, vo: number, W: Matrix): void {
  const idx = g.index, out = W.data;
  for (let k = 0; k < idx.length; k++) out[k] = idx[k] === 0 ? 0 : v[vo + idx[k] - 1];
}

/** gv[l] = Σ_{g(i,j) = l+1} G[i, j] (thesis §4.2.2 chain rule). Allocation-free. */
export function scatterGradInto(g: SharingMap, G: Matrix, gv: Float64Array, go: number): void {
  for (let l = 0; l < g.dim; l++) gv[go + l] = 0;
  const idx = g.index, src = G.data;
  for (let k = 0; k < idx.length; k++) if (idx[k] !== 0) gv[go + idx[k] - 1] += src[k];
}

export interface SharedWorkspace {
  readonly dense: DeepFcParams;
  readonly fc: DeepFcWorkspace;
  /** ∇_v L, flat like v. */
  readonly gv: Float64Array;
}

export function sharedWorkspace(net: SharedNet, fc: DeepFcWorkspace): SharedWorkspace {
  return { dense: deepFcParams(net.arch), fc, gv: new Float64Array(sharedParamCount(net)) };
}

export function requireSharedParams(net: SharedNet, v: Float64Array): void {
  if (!(v instanceof Float64Array) || v.length !== sharedParamCount(net)) {
    throw new ShapeError(`v must be a Float64Array of length ${sharedParamCount(net)}`, 'v');
  }
  requireFiniteArray(v, 'v');
}

/** L(v) and ∇_v L into ws.gv (dense G^(h) stay in ws.fc.grad). Unchecked hot path. */
export function sharedLossGradInto(net: SharedNet, v: Float64Array, X: Matrix, Y: Matrix, ws: SharedWorkspace): number {
  net.maps.forEach((g, k) => materializeInto(g, v, net.offsets[k], ws.dense.W[k]));
  const loss = lossGradInto(net.arch, ws.dense, X, Y, ws.fc);
  net.maps.forEach((g, k) => scatterGradInto(g, ws.fc.grad.W[k], ws.gv, net.offsets[k]));
  return loss;
}

// ---------------------------------------------------------------------------------------------
// The model interface (src/models/model.ts): θ = v = [v^(1) | … | v^(H)], all trained.
// ---------------------------------------------------------------------------------------------

/** The shared-weight model's workspace: dense pass buffers and the targets' matrix view. */
export interface SharedModelWorkspace {
  readonly shared: SharedWorkspace;
  y: Float64Array | null;
  Y: Matrix | null;
}

/**
 * A shared-weight network (thesis §4.2.2) as a Model. init draws v^(h) ~ N(0, 1/n_{h−1}) i.i.d.,
 * the fan-in scale of the dense net.
 */
export function sharedModel(net: SharedNet): Model<SharedModelWorkspace> {
  if (net === null || typeof net !== 'object' || !Array.isArray(net.maps)) throw new ShapeError('net must come from sharedNet', 'net');
  const { arch } = net, H = layers(arch), p = arch.widths[H];
  const blocks = layoutBlocks(net.maps.map((g, h) => ({ name: `v${h + 1}`, rows: 1, cols: g.dim })));
  const dense = deepFcModel(arch);
  const densify = (theta: Float64Array): DeepFcParams => {
    const W = deepFcParams(arch);
    net.maps.forEach((g, k) => materializeInto(g, theta, net.offsets[k], W.W[k]));
    return W;
  };
  return {
    id: 'conv1d',
    dim: sharedParamCount(net),
    blocks,
    inputDim: arch.widths[0],
    outputDim: p,
    init(r) {
      const v = new Float64Array(sharedParamCount(net)), s = r.stream('init');
      net.maps.forEach((g, k) => s.stream(`v${k + 1}`).fillNormal(v.subarray(net.offsets[k], net.offsets[k + 1]), Math.sqrt(1 / g.cols)));
      return v;
    },
    workspace: (n) => {
      const fc = deepFcWorkspace(arch, n);
      return { shared: sharedWorkspace(net, fc), y: null, Y: null };
    },
    predict(theta, X, out, ws) {
      net.maps.forEach((g, k) => materializeInto(g, theta, net.offsets[k], ws.shared.dense.W[k]));
      forwardInto(arch, ws.shared.dense, X, ws.shared.fc);
      out.set(ws.shared.fc.Z[H - 1].data);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      if (ws.y !== y || ws.Y === null) { ws.Y = { rows: X.rows, cols: p, data: y }; ws.y = y; }
      const loss = sharedLossGradInto(net, theta, X, ws.Y, ws.shared);
      grad.set(ws.shared.gv);
      return loss;
    },
    kinkDistance: (theta, X) => (dense.kinkDistance ? dense.kinkDistance(densify(theta).flat, X) : Infinity),
  };
}
