/**
 * BLAS-like kernels on row-major Float64Array: the loops a training step runs. They allocate
 * nothing and check only O(1) facts (Float64Array arguments, integer spans that fit, matrix
 * shapes, output not aliasing an input). Values — array entries and the scalar alpha — are NOT
 * checked for finiteness, by design: this is a documented unchecked hot path like forwardInto/backwardInto —
 * finiteness of user input is checked once at the public boundary, and a diverging trajectory
 * legitimately produces ±Infinity/NaN here, which must propagate (never be skipped or thrown) so
 * that the caller's divergence test sees it. Loops are plain and contiguous in the inner index, with
 * no manual unrolling or remainder tails (V8 optimizes the plain form best).
 */
import { DomainError, ShapeError, describeValue } from './errors.ts';
import { type Matrix, requireMatrixShape } from './matrix.ts';

function requireSpan(arr: ArrayLike<number>, offset: number, len: number, argument: string): void {
  if (!(arr instanceof Float64Array)) throw new ShapeError(`${argument} must be a Float64Array, got ${describeValue(arr)}`, argument);
  if (!Number.isInteger(offset) || !Number.isInteger(len) || len < 0 || offset < 0 || offset + len > arr.length) {
    throw new ShapeError(`${argument}: span [${offset}, ${offset + len}) does not fit in length ${arr.length}`, argument);
  }
}

/** True when two typed arrays share memory. */
function overlaps(x: Float64Array, y: Float64Array): boolean {
  if (x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** Σ_k a[ao+k]·b[bo+k] for k < len. */
export function dot(a: Float64Array, b: Float64Array, len = a?.length ?? 0, ao = 0, bo = 0): number {
  requireSpan(a, ao, len, 'a');
  requireSpan(b, bo, len, 'b');
  let s = 0;
  for (let k = 0; k < len; k++) s += a[ao + k] * b[bo + k];
  return s;
}

/** y[yo+k] += alpha·x[xo+k] for k < len. */
export function axpy(alpha: number, x: Float64Array, y: Float64Array, len = x?.length ?? 0, xo = 0, yo = 0): void {
  requireSpan(x, xo, len, 'x');
  requireSpan(y, yo, len, 'y');
  for (let k = 0; k < len; k++) y[yo + k] += alpha * x[xo + k];
}

/** Euclidean norm of a span. */
export function norm2(x: Float64Array, len = x?.length ?? 0, xo = 0): number {
  requireSpan(x, xo, len, 'x');
  let s = 0;
  for (let k = 0; k < len; k++) s += x[xo + k] * x[xo + k];
  return Math.sqrt(s);
}

/** ‖x − y‖² over a span. */
export function sqDist(x: Float64Array, y: Float64Array, len = x?.length ?? 0, xo = 0, yo = 0): number {
  requireSpan(x, xo, len, 'x');
  requireSpan(y, yo, len, 'y');
  let s = 0;
  for (let k = 0; k < len; k++) {
    const t = x[xo + k] - y[yo + k];
    s += t * t;
  }
  return s;
}

function requireGemmArgs(a: Matrix, b: Matrix, c: Matrix): void {
  requireMatrixShape(a, 'a');
  requireMatrixShape(b, 'b');
  requireMatrixShape(c, 'c');
  if (overlaps(c.data, a.data) || overlaps(c.data, b.data)) {
    throw new DomainError('c shares memory with a or b; the product would overwrite its own input', 'c');
  }
}

/** C = A·Bᵀ with A (p×k), B (q×k), C (p×q): every entry is a contiguous dot of two rows. */
export function gemmABt(a: Matrix, b: Matrix, c: Matrix): void {
  requireGemmArgs(a, b, c);
  const p = a.rows, q = b.rows, k = a.cols;
  if (b.cols !== k) throw new ShapeError(`b has ${b.cols} columns, expected ${k}`, 'b');
  if (c.rows !== p || c.cols !== q) throw new ShapeError(`c is ${c.rows}×${c.cols}, expected ${p}×${q}`, 'c');
  const A = a.data, B = b.data, C = c.data;
  for (let i = 0; i < p; i++) {
    const ao = i * k, co = i * q;
    for (let j = 0; j < q; j++) {
      const bo = j * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += A[ao + t] * B[bo + t];
      C[co + j] = s;
    }
  }
}

/** C = Aᵀ·B with A (k×p), B (k×q), C (p×q), accumulated row by row (contiguous axpys). */
export function gemmAtB(a: Matrix, b: Matrix, c: Matrix): void {
  requireGemmArgs(a, b, c);
  const k = a.rows, p = a.cols, q = b.cols;
  if (b.rows !== k) throw new ShapeError(`b has ${b.rows} rows, expected ${k}`, 'b');
  if (c.rows !== p || c.cols !== q) throw new ShapeError(`c is ${c.rows}×${c.cols}, expected ${p}×${q}`, 'c');
  const A = a.data, B = b.data, C = c.data;
  C.fill(0);
  for (let t = 0; t < k; t++) {
    const bo = t * q;
    for (let i = 0; i < p; i++) {
      const alpha = A[t * p + i];
      if (alpha === 0) continue;
      const co = i * q;
      for (let j = 0; j < q; j++) C[co + j] += alpha * B[bo + j];
    }
  }
}

/** C = A·B with A (p×k), B (k×q). Not for hot loops; used for small dense algebra. */
export function gemm(a: Matrix, b: Matrix, c: Matrix): void {
  requireGemmArgs(a, b, c);
  const p = a.rows, k = a.cols, q = b.cols;
  if (b.rows !== k) throw new ShapeError(`b has ${b.rows} rows, expected ${k}`, 'b');
  if (c.rows !== p || c.cols !== q) throw new ShapeError(`c is ${c.rows}×${c.cols}, expected ${p}×${q}`, 'c');
  const A = a.data, B = b.data, C = c.data;
  C.fill(0);
  for (let i = 0; i < p; i++) {
    const co = i * q;
    for (let t = 0; t < k; t++) {
      const alpha = A[i * k + t];
      const bo = t * q;
      for (let j = 0; j < q; j++) C[co + j] += alpha * B[bo + j];
    }
  }
}

/** Largest |x_k| of a span. A NaN entry is not skipped: it makes the result NaN (like the sums). */
export function maxAbsSpan(x: Float64Array, len = x?.length ?? 0, xo = 0): number {
  requireSpan(x, xo, len, 'x');
  let m = 0, nan = 0;
  for (let k = 0; k < len; k++) {
    const v = Math.abs(x[xo + k]);
    nan += v - v; // 0 for finite v, NaN for NaN or ±Infinity
    if (v > m) m = v;
  }
  if (nan === 0) return m; // every entry finite
  return hasNaN(x, len, xo) ? NaN : m; // NaN wins, as in Math.max; otherwise m = Infinity
}

function hasNaN(x: Float64Array, len: number, xo: number): boolean {
  for (let k = 0; k < len; k++) if (Number.isNaN(x[xo + k])) return true;
  return false;
}
