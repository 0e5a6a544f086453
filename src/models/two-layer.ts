/**
 * The over-parameterized two-layer ReLU network of thesis chapter 2:
 *   f(W, a, x) = (1/√m) Σ_r a_r σ(w_rᵀx),  σ = ReLU,  a fixed, W trained (§2.1),
 * its loss (2.1), exact gradient (2.3) with the I{wᵀx ≥ 0} convention (footnote 1), the empirical
 * Gram matrix H(W) (2.5) and the Jacobian J with J Jᵀ = H when a_r = ±1 (catalog §2.3).
 *
 * Layout: W is m×d row-major (row r = w_r); pre-activations are stored m×n (Z[r·n + i] = w_rᵀx_i)
 * so both the forward dot products and the backward axpys run over contiguous rows.
 */
import { DomainError, ShapeError, describeValue, requireAllocatable, requireFiniteArray, requireFiniteNumber, requireFloat64Array, requireLength, requirePositiveInt } from '../core/errors.ts';
import { type Matrix, requireMatrix, requireMatrixShape, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { type KernelArena, type KernelBackend, selectBackend, workLength } from '../core/backend.ts';
import { gramInfinity } from '../kernels/arccos.ts';
import { type Model, layoutBlocks, requireTheta } from './model.ts';

export interface TwoLayerParams {
  /** m×d first-layer weights (trained). */
  readonly W: Matrix;
  /** m output weights (fixed; Rademacher in the thesis). */
  readonly a: Float64Array;
}

/**
 * Preallocated buffers for one (n, m, d); a GD step allocates nothing beyond these. The arrays live
 * in the workspace's kernel arena (src/core/backend.ts): for the wasm backend they are views on
 * its own fixed-size WebAssembly memory, for the JS backends plain Float64Arrays.
 */
export interface TwoLayerWorkspace {
  readonly n: number;
  readonly m: number;
  readonly d: number;
  /** m×n pre-activations w_rᵀx_i. */
  readonly Z: Float64Array;
  /** n predictions u_i. */
  readonly u: Float64Array;
  /** n residuals u_i − y_i. */
  readonly r: Float64Array;
  /** m×d gradient ∂L/∂W. */
  readonly G: Matrix;
  /** The step kernels and their memory. */
  readonly kernels: KernelArena;
  /** m coefficients a_r/√m. */
  readonly coef: Float64Array;
  /**
   * Scratch for the masked coefficients C_ri = I{w_rᵀx_i ≥ 0}·a_r(u_i − y_i)/√m of the backward pass:
   * all m×n of them on the JS backends, one block of ≤ 4 rows on wasm (which never stores C whole).
   */
  readonly C: Float64Array;
  /** Arena slots W and X are copied into when the backend cannot read them in place (else empty). */
  readonly Wslot: Float64Array;
  readonly Xslot: Float64Array;
}

/**
 * Workspace for (n, m, d). The backend is GD_BACKEND's, or chosen by size (src/core/backend.ts
 * selectBackend); pass one to force it (every backend gives bit-identical steps on finite input).
 */
export function twoLayerWorkspace(n: number, m: number, d: number, backend?: KernelBackend): TwoLayerWorkspace {
  requirePositiveInt(n, 'n');
  requirePositiveInt(m, 'm');
  requirePositiveInt(d, 'd');
  requireAllocatable(n * m, n >= m ? 'n' : 'm', `an ${n}×${m} pre-activation buffer`);
  requireAllocatable(m * d, m >= d ? 'm' : 'd', `an ${m}×${d} weight buffer`);
  requireAllocatable(n * d, n >= d ? 'n' : 'd', `an ${n}×${d} input buffer`);
  const be = backend ?? selectBackend(n * m * d);
  const slots = be.copiesInputs ? [m * d, n * d] : [0, 0];
  const cLen = be.maskScratchRows(m) * n;
  const kernels = be.arena([m * n, n, n, m * d, m, cLen, ...slots], Math.max(workLength(n, d), workLength(d, n)));
  const [Z, u, r, G, coef, C, Wslot, Xslot] = kernels.arrays;
  return { n, m, d, Z, u, r, G: { rows: m, cols: d, data: G }, kernels, coef, C, Wslot, Xslot };
}

/** w_r ~ N(0, I_d), a_r ~ unif{±1}, i.i.d. (thesis §2.1). */
export function initTwoLayer(rng: Rng, m: number, d: number): TwoLayerParams {
  requireRng(rng, 'rng');
  requirePositiveInt(m, 'm');
  requirePositiveInt(d, 'd');
  requireAllocatable(m * d, m >= d ? 'm' : 'd', `an ${m}×${d} weight matrix`);
  const W = zeros(m, d);
  rng.stream('W').fillNormal(W.data);
  const a = rng.stream('a').fillRademacher(new Float64Array(m));
  return { W, a };
}

/** Validate a (params, X[, y]) triple once at the public boundary. */
export function requireTwoLayerInputs(p: TwoLayerParams, X: Matrix, y?: Float64Array): void {
  requireParams(p);
  requireMatrix(X, 'X');
  if (X.cols !== p.W.cols) throw new ShapeError(`X has ${X.cols} columns, W has ${p.W.cols}: input dimensions differ`, 'X');
  if (y !== undefined) requireFloat64Array(y, 'y', X.rows);
}

/** y where it is not optional: undefined is a ShapeError naming y (requireTwoLayerInputs then checks it). */
function requiredY(y: Float64Array): Float64Array {
  if (y === undefined) throw new ShapeError('y must be a Float64Array of targets, got undefined', 'y');
  return y;
}

/** Validate (W, a): W is m×d with m ≥ 1 (zero width is a DomainError), a has m finite entries. */
function requireParams(p: TwoLayerParams): void {
  if (p === null || typeof p !== 'object') throw new ShapeError('params must be { W, a }', 'p');
  const W = p.W as Matrix | undefined;
  if (W && typeof W === 'object' && (W.rows === 0 || W.cols === 0)) {
    throw new DomainError(`W is ${W.rows}×${W.cols}: the network needs width m ≥ 1 and input dimension d ≥ 1`, 'W');
  }
  requireMatrix(p.W, 'W');
  if (!(p.a instanceof Float64Array)) throw new ShapeError('a must be a Float64Array', 'a');
  requireLength(p.a, p.W.rows, 'a');
  requireFiniteArray(p.a, 'a');
}

/**
 * The O(1) facts of a step (hot path, values unchecked by design): ws is a workspace, W is its m×d,
 * a has m entries, X is its n×d (and y, when given, has n entries), all float64.
 */
function requireStepShapes(p: TwoLayerParams, X: Matrix, ws: TwoLayerWorkspace, y?: Float64Array): void {
  if (ws === null || typeof ws !== 'object' || typeof ws.kernels !== 'object' || ws.kernels === null) {
    throw new ShapeError(`ws must be a TwoLayerWorkspace (twoLayerWorkspace), got ${describeValue(ws)}`, 'ws');
  }
  if (p === null || typeof p !== 'object') throw new ShapeError(`p must be params { W, a }, got ${describeValue(p)}`, 'p');
  requireMatrixShape(p.W, 'W', ws.m, ws.d);
  requireFloat64Array(p.a, 'a', ws.m, false);
  requireMatrixShape(X, 'X', ws.n, ws.d);
  if (y !== undefined) requireFloat64Array(y, 'y', ws.n, false);
}

/**
 * Fill ws.Z (Z = W·Xᵀ) and ws.u = f(W, a, x_i) = Σ_r (a_r/√m) σ(w_rᵀx_i), σ(z) = max(z, 0).
 * Hot path: O(1) checks of kinds and shapes, values unchecked (call requireTwoLayerInputs first).
 */
export function forwardInto(p: TwoLayerParams, X: Matrix, ws: TwoLayerWorkspace): void {
  requireStepShapes(p, X, ws);
  const { n, m, d, Z, u, coef, kernels: k } = ws;
  const a = p.a;
  const scale = 1 / Math.sqrt(m);
  for (let r = 0; r < m; r++) coef[r] = a[r] * scale;
  const W = k.input(p.W.data, ws.Wslot), Xd = k.input(X.data, ws.Xslot);
  k.gemmABtRelu(W, Xd, Z, coef, u, m, n, d); // Z = W·Xᵀ, u = Σ_r coef_r·relu(Z_r·)
}

/**
 * Gradient (2.3): g_r = (a_r/√m) Σ_i (u_i − y_i) I{w_rᵀx_i ≥ 0} x_i, into ws.G, from the Z and u of
 * the last forwardInto. Returns L = ½‖u − y‖² (2.1). Hot path: O(1) checks, values unchecked.
 */
export function backwardInto(p: TwoLayerParams, X: Matrix, y: Float64Array, ws: TwoLayerWorkspace): number {
  requireStepShapes(p, X, ws, requiredY(y));
  const { n, m, d, Z, u, r: res, coef, C, kernels: k } = ws;
  const a = p.a;
  const scale = 1 / Math.sqrt(m);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const e = u[i] - y[i];
    res[i] = e;
    loss += e * e;
  }
  for (let r = 0; r < m; r++) coef[r] = a[r] * scale;
  const Xd = k.input(X.data, ws.Xslot);
  k.maskedGemmAB(Z, coef, res, Xd, ws.G.data, C, m, d, n); // G = (I{Z ≥ 0} ⊙ coef resᵀ)·X
  return 0.5 * loss;
}

/** Predictions u = (f(W, a, x_i))_i (allocating; for checks, not for loops). */
export function predict(p: TwoLayerParams, X: Matrix): Float64Array {
  requireTwoLayerInputs(p, X);
  const ws = twoLayerWorkspace(X.rows, p.W.rows, p.W.cols);
  forwardInto(p, X, ws);
  return Float64Array.from(ws.u);
}

/** Loss (2.1): L(W) = Σ_i ½ (f(W, a, x_i) − y_i)², a sum, not a mean. */
export function twoLayerLoss(p: TwoLayerParams, X: Matrix, y: Float64Array): number {
  requireTwoLayerInputs(p, X, requiredY(y));
  const u = predict(p, X);
  let s = 0;
  for (let i = 0; i < u.length; i++) s += 0.5 * (u[i] - y[i]) ** 2;
  return s;
}

/** Exact gradient (2.3) as a fresh m×d matrix. */
export function twoLayerGradient(p: TwoLayerParams, X: Matrix, y: Float64Array): Matrix {
  requireTwoLayerInputs(p, X, requiredY(y));
  const ws = twoLayerWorkspace(X.rows, p.W.rows, p.W.cols);
  forwardInto(p, X, ws);
  backwardInto(p, X, y, ws);
  return { rows: ws.G.rows, cols: ws.G.cols, data: Float64Array.from(ws.G.data) };
}

/** Activation pattern A[r·n + i] = I{w_rᵀx_i ≥ 0} (1 or 0). */
export function activationPattern(p: TwoLayerParams, X: Matrix): Uint8Array {
  requireTwoLayerInputs(p, X);
  const ws = twoLayerWorkspace(X.rows, p.W.rows, p.W.cols);
  forwardInto(p, X, ws);
  const A = new Uint8Array(ws.Z.length);
  for (let k = 0; k < A.length; k++) A[k] = ws.Z[k] >= 0 ? 1 : 0;
  return A;
}

/**
 * Empirical Gram matrix (2.5): H_ij = (1/m) x_iᵀx_j Σ_r I{w_rᵀx_i ≥ 0, w_rᵀx_j ≥ 0}.
 * With weights = 'a2' the sum is weighted by a_r², the matrix J Jᵀ equals for general a.
 */
export function empiricalGram(p: TwoLayerParams, X: Matrix, weights: 'unit' | 'a2' = 'unit'): Matrix {
  requireTwoLayerInputs(p, X);
  if (weights !== 'unit' && weights !== 'a2') throw new DomainError(`weights must be 'unit' or 'a2', got ${String(weights)}`, 'weights');
  const n = X.rows, m = p.W.rows, d = X.cols;
  const A = activationPattern(p, X);
  const counts = new Float64Array(n * n);
  const act = new Int32Array(n);
  for (let r = 0; r < m; r++) {
    const wr = weights === 'a2' ? p.a[r] * p.a[r] : 1;
    let c = 0;
    for (let i = 0; i < n; i++) if (A[r * n + i]) act[c++] = i;
    for (let s = 0; s < c; s++) {
      const io = act[s] * n;
      for (let t = 0; t < c; t++) counts[io + act[t]] += wr;
    }
  }
  const H = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let g = 0;
      for (let k = 0; k < d; k++) g += X.data[i * d + k] * X.data[j * d + k];
      H.data[i * n + j] = (g * counts[i * n + j]) / m;
    }
  }
  return H;
}

/** Jacobian J (n × m·d): row i is ∂u_i/∂vec(W) = (a_r/√m) I{w_rᵀx_i ≥ 0} x_iᵀ in block r. */
export function twoLayerJacobian(p: TwoLayerParams, X: Matrix): Matrix {
  requireTwoLayerInputs(p, X);
  const n = X.rows, m = p.W.rows, d = X.cols;
  const A = activationPattern(p, X);
  const J = zeros(n, m * d);
  const scale = 1 / Math.sqrt(m);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      if (!A[r * n + i]) continue;
      const c = p.a[r] * scale;
      for (let k = 0; k < d; k++) J.data[i * m * d + r * d + k] = c * X.data[i * d + k];
    }
  }
  return J;
}

/** A copy of the parameters (W deep-copied, a shared: it is never trained). */
export function cloneParams(p: TwoLayerParams): TwoLayerParams {
  requireParams(p);
  return { W: { rows: p.W.rows, cols: p.W.cols, data: Float64Array.from(p.W.data) }, a: p.a };
}

/** Reject widths and shapes the chapter-2 claims cannot use. */
export function requireWidth(m: number): void {
  requireFiniteNumber(m, 'm');
  if (!Number.isInteger(m) || m <= 0) throw new DomainError(`width m must be a positive integer, got ${m}`, 'm');
}

// ---------------------------------------------------------------------------------------------
// The model interface (src/models/model.ts): θ = [vec(W) | a], W trained, a fixed (thesis §2.1).
// ---------------------------------------------------------------------------------------------

/** The two-layer model's workspace: the step buffers plus W, a views on the θ last evaluated. */
export interface TwoLayerModelWorkspace {
  readonly step: TwoLayerWorkspace;
  theta: Float64Array | null;
  params: TwoLayerParams | null;
}

/** W, a as views on θ = [vec(W) | a] (no copy). */
export function twoLayerParamsOf(theta: Float64Array, m: number, d: number): TwoLayerParams {
  // Kind and length only: the views of a diverged run's final θ are legitimate (non-finite) params.
  requireFloat64Array(theta, 'theta', m * d + m, false);
  return { W: { rows: m, cols: d, data: theta.subarray(0, m * d) }, a: theta.subarray(m * d) };
}

/** θ = [vec(W) | a], a fresh vector. */
export function twoLayerTheta(p: TwoLayerParams): Float64Array {
  requireParams(p);
  const m = p.W.rows, d = p.W.cols, theta = new Float64Array(m * d + m);
  theta.set(p.W.data);
  theta.set(p.a, m * d);
  return theta;
}

function viewsFor(ws: TwoLayerModelWorkspace, theta: Float64Array): TwoLayerParams {
  // GD evaluates one θ buffer every step: the views are made once per buffer, not per call.
  if (ws.theta !== theta || ws.params === null) {
    ws.params = twoLayerParamsOf(theta, ws.step.m, ws.step.d);
    ws.theta = theta;
  }
  return ws.params;
}

/**
 * The two-layer net f(W, a, x) = (1/√m) Σ_r a_r σ(w_rᵀx) with loss (2.1) as a Model. Its loss and
 * gradient are the fused kernel step of src/core/backend.ts (WebAssembly where it wins), so the
 * generic training path runs the same arithmetic as a hand-written loop.
 */
export function twoLayerModel(m: number, d: number, backend?: KernelBackend): Model<TwoLayerModelWorkspace> {
  requireWidth(m);
  requirePositiveInt(d, 'd');
  requireAllocatable(m * d + m, m >= d ? 'm' : 'd', `θ of length ${m}·${d} + ${m}`);
  const blocks = layoutBlocks([{ name: 'W', rows: m, cols: d }, { name: 'a', rows: 1, cols: m, trained: false }]);
  const md = m * d;
  const modelX = (X: Matrix): void => {
    if (X.cols !== d) throw new ShapeError(`X has ${X.cols} columns, W has ${d}: input dimensions differ`, 'X');
  };
  return {
    id: 'two-layer',
    dim: md + m,
    blocks,
    inputDim: d,
    outputDim: 1,
    init: (r) => twoLayerTheta(initTwoLayer(r, m, d)),
    workspace: (n) => ({ step: twoLayerWorkspace(n, m, d, backend), theta: null, params: null }),
    predict(theta, X, out, ws) {
      forwardInto(viewsFor(ws, theta), X, ws.step);
      out.set(ws.step.u);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      const p = viewsFor(ws, theta);
      forwardInto(p, X, ws.step);
      const loss = backwardInto(p, X, y, ws.step);
      grad.set(ws.step.G.data);
      grad.fill(0, md); // a is fixed (§2.1): its entries of ∇ are 0 by definition of the training objective
      return loss;
    },
    jacobian(theta, X) {
      requireTheta(theta, md + m);
      modelX(X);
      const Jw = twoLayerJacobian(twoLayerParamsOf(theta, m, d), X);
      const J = zeros(X.rows, md + m); // the fixed block's columns stay 0: J Jᵀ is the Gram of the trained W
      for (let i = 0; i < X.rows; i++) J.data.set(Jw.data.subarray(i * md, (i + 1) * md), i * (md + m));
      return J;
    },
    gram(theta, X) {
      requireTheta(theta, md + m);
      modelX(X);
      return empiricalGram(twoLayerParamsOf(theta, m, d), X, 'a2');
    },
    populationKernel: (X) => gramInfinity(X),
    preActivations: (ws) => ws.step.Z,
    kinkDistance(theta, X) {
      // A ±h move of θ along a unit vector changes w_rᵀx_i by at most h‖x_i‖: the cell is left only
      // once h exceeds min |w_rᵀx_i| / ‖x_i‖.
      const p = twoLayerParamsOf(theta, m, d), n = X.rows;
      let dist = Infinity;
      for (let i = 0; i < n; i++) {
        let nx = 0;
        for (let k = 0; k < d; k++) nx += X.data[i * d + k] ** 2;
        nx = Math.sqrt(nx);
        if (nx === 0) continue;
        for (let r = 0; r < m; r++) {
          let z = 0;
          for (let k = 0; k < d; k++) z += p.W.data[r * d + k] * X.data[i * d + k];
          dist = Math.min(dist, Math.abs(z) / nx);
        }
      }
      return dist;
    },
  };
}
