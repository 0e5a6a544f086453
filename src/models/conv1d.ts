/**
 * Networks with sparse connections and shared weights (thesis §4.2.2, catalog 002c §3.9):
 *   W^(h)[i, j] = 0 if g_h(i, j) = 0,   W^(h)[i, j] = v^(h)[k] if g_h(i, j) = k > 0,
 * with free parameters v^(h) ∈ R^{d_h}, trained by GD/flow on v. The gradient is the scatter-sum
 * ∂L/∂v^(h)[l] = Σ_{g_h(i,j) = l} G^(h)[i, j]. A 1-D convolution (k filters of length q, stride 1,
 * no padding) is the map g_h((f, o), j) = f·q + (j − o) + 1 for 0 ≤ j − o < q.
 *
 * The network itself is the deep-fc model run on the materialized W (exact backprop there), so
 * the only new code is the map, the materialization and the scatter.
 *
 * Bad input: a SharingMap and a SharedNet are checked once by their builders (sharingMap, sharedNet)
 * and carry that provenance (an O(1) check wherever one is taken). The hot kernels materializeInto,
 * scatterGradInto and sharedLossGradInto make O(1) checks of kinds, offsets and shapes only: values
 * unchecked by design (validate v once with requireSharedParams).
 */
import {
  DomainError, Provenance, ShapeError, describeValue, requireAllocatable, requireFiniteNumber, requireFloat64Array, requirePositiveInt,
} from '../core/errors.ts';
import { type Matrix, requireMatrixShape } from '../core/matrix.ts';
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

const MAPS = new Provenance<SharingMap>('a SharingMap from sharingMap(), randomSharingMap(), denseMap() or conv1dMap()');
const NETS = new Provenance<SharedNet>('a SharedNet from sharedNet()');

/** rows × cols positive sizes whose index array can be allocated. */
function requireMapSize(rows: number, cols: number): void {
  requirePositiveInt(rows, 'rows');
  requirePositiveInt(cols, 'cols');
  requireAllocatable(rows * cols, rows >= cols ? 'rows' : 'cols', `a ${rows}×${cols} sharing map`);
}

export function sharingMap(rows: number, cols: number, dim: number, index: Int32Array): SharingMap {
  requireMapSize(rows, cols);
  requirePositiveInt(dim, 'dim');
  requireAllocatable(dim, 'dim', `${dim} shared parameters`);
  if (!(index instanceof Int32Array) || index.length !== rows * cols) throw new ShapeError(`index must be an Int32Array of length ${rows * cols}`, 'index');
  for (let k = 0; k < index.length; k++) {
    if (index[k] < 0 || index[k] > dim) throw new DomainError(`index[${k}] = ${index[k]} is outside [0, ${dim}]`, 'index');
  }
  return MAPS.mark(Object.freeze({ rows, cols, dim, index: Int32Array.from(index) }));
}

/** g_h uniform on {0, …, d_h} entrywise (random sharing maps for the shared-weight case of thesis §4.2.2). */
export function randomSharingMap(rng: Rng, rows: number, cols: number, dim: number): SharingMap {
  requireRng(rng, 'rng', ['int']);
  requireMapSize(rows, cols);
  requirePositiveInt(dim, 'dim');
  const index = new Int32Array(rows * cols);
  for (let k = 0; k < index.length; k++) index[k] = rng.int(dim + 1);
  return sharingMap(rows, cols, dim, index);
}

/** The dense layer as a sharing map (g(i, j) = i·cols + j + 1): Theorem 4.3 reduces to Cor. 4.1. */
export function denseMap(rows: number, cols: number): SharingMap {
  requireMapSize(rows, cols);
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
  requireAllocatable(rows * inLen, filters > inLen ? 'filters' : 'inLen', `a ${rows}×${inLen} sharing map`);
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
  const H = layers(arch);
  if (!Array.isArray(maps)) throw new ShapeError(`maps must be an array of ${H} SharingMaps, got ${describeValue(maps)}`, 'maps');
  maps.forEach((g) => MAPS.require(g, 'maps'));
  if (maps.length !== H) throw new ShapeError(`maps has ${maps.length} entries, expected ${layers(arch)}`, 'maps');
  const offsets = [0];
  maps.forEach((g, k) => {
    if (g.rows !== arch.widths[k + 1] || g.cols !== arch.widths[k]) {
      throw new ShapeError(`maps[${k}] is ${g.rows}×${g.cols}, expected ${arch.widths[k + 1]}×${arch.widths[k]}`, 'maps');
    }
    offsets.push(offsets[k] + g.dim);
  });
  return NETS.mark(Object.freeze({ arch, maps: Object.freeze([...maps]), offsets: Object.freeze(offsets) }));
}

export function sharedParamCount(net: SharedNet): number {
  NETS.require(net, 'net');
  return net.offsets[net.offsets.length - 1];
}

/** v^(h) as a view on the flat v. */
export function layerParams(net: SharedNet, v: Float64Array, h: number): Float64Array {
  requireFloat64Array(v, 'v', sharedParamCount(net), false); // a view on v: its values are the caller's
  requireFiniteNumber(h, 'h');
  if (!Number.isInteger(h) || h < 1 || h > net.maps.length) throw new DomainError(`layer h must be in [1, ${net.maps.length}], got ${h}`, 'h');
  return v.subarray(net.offsets[h - 1], net.offsets[h]);
}

/** v[offset, offset + g.dim) is a span of the Float64Array v (O(1)). */
function requireSpan(g: SharingMap, v: Float64Array, offset: number, argument: string, offsetName: string): void {
  requireFloat64Array(v, argument, null, false);
  requireFiniteNumber(offset, offsetName);
  if (!Number.isInteger(offset) || offset < 0) throw new DomainError(`${offsetName} must be an integer ≥ 0, got ${offset}`, offsetName);
  if (offset + g.dim > v.length) throw new ShapeError(`${argument}[${offset}, ${offset + g.dim}) is not inside ${argument} of length ${v.length}`, argument);
}

/** W = g(v): fill a dense matrix from the free parameters. Allocation-free; O(1) checks, values unchecked (hot path). */
export function materializeInto(g: SharingMap, v: Float64Array, vo: number, W: Matrix): void {
  MAPS.require(g, 'g');
  requireSpan(g, v, vo, 'v', 'vo');
  requireMatrixShape(W, 'W', g.rows, g.cols);
  materialize(g, v, vo, W);
}

function materialize(g: SharingMap, v: Float64Array, vo: number, W: Matrix): void {
  const idx = g.index, out = W.data;
  for (let k = 0; k < idx.length; k++) out[k] = idx[k] === 0 ? 0 : v[vo + idx[k] - 1];
}

/** gv[l] = Σ_{g(i,j) = l+1} G[i, j] (thesis §4.2.2 chain rule). Allocation-free; O(1) checks, values unchecked (hot path). */
export function scatterGradInto(g: SharingMap, G: Matrix, gv: Float64Array, go: number): void {
  MAPS.require(g, 'g');
  requireMatrixShape(G, 'G', g.rows, g.cols);
  requireSpan(g, gv, go, 'gv', 'go');
  scatter(g, G, gv, go);
}

function scatter(g: SharingMap, G: Matrix, gv: Float64Array, go: number): void {
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
  NETS.require(net, 'net');
  requireFcWorkspace(net, fc);
  return { dense: deepFcParams(net.arch), fc, gv: new Float64Array(sharedParamCount(net)) };
}

export function requireSharedParams(net: SharedNet, v: Float64Array): void {
  requireFloat64Array(v, 'v', sharedParamCount(net));
}

/** fc is a deep-fc workspace of net's dense layers (O(H)). */
function requireFcWorkspace(net: SharedNet, fc: DeepFcWorkspace): void {
  if (fc === null || typeof fc !== 'object' || !Array.isArray(fc.Z)) throw new ShapeError(`fc must be a DeepFcWorkspace (deepFcWorkspace), got ${describeValue(fc)}`, 'fc');
  if (fc.Z.length !== net.maps.length || fc.Z.some((z, h) => z.cols !== net.maps[h].rows)) {
    throw new ShapeError('fc is not a workspace of this net\'s layers', 'fc');
  }
}

/**
 * L(v) and ∇_v L into ws.gv (dense G^(h) stay in ws.fc.grad). Hot path: O(1) checks of net, of v's
 * kind and length and of ws (X and Y: lossGradInto's), values unchecked (validate v with requireSharedParams).
 */
export function sharedLossGradInto(net: SharedNet, v: Float64Array, X: Matrix, Y: Matrix, ws: SharedWorkspace): number {
  requireFloat64Array(v, 'v', sharedParamCount(net), false);
  if (ws === null || typeof ws !== 'object' || !(ws.gv instanceof Float64Array) || ws.gv.length !== v.length) {
    throw new ShapeError(`ws must be a SharedWorkspace of this net (sharedWorkspace), got ${describeValue(ws)}`, 'ws');
  }
  requireFcWorkspace(net, ws.fc);
  net.maps.forEach((g, k) => materialize(g, v, net.offsets[k], ws.dense.W[k]));
  const loss = lossGradInto(net.arch, ws.dense, X, Y, ws.fc);
  net.maps.forEach((g, k) => scatter(g, ws.fc.grad.W[k], ws.gv, net.offsets[k]));
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
  NETS.require(net, 'net');
  const { arch } = net, H = layers(arch), p = arch.widths[H];
  const blocks = layoutBlocks(net.maps.map((g, h) => ({ name: `v${h + 1}`, rows: 1, cols: g.dim })));
  const dense = deepFcModel(arch);
  const densify = (theta: Float64Array): DeepFcParams => {
    const W = deepFcParams(arch);
    net.maps.forEach((g, k) => materialize(g, theta, net.offsets[k], W.W[k]));
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
      net.maps.forEach((g, k) => materialize(g, theta, net.offsets[k], ws.shared.dense.W[k]));
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
