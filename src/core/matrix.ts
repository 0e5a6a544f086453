import { NonFiniteError, ShapeError, describeValue, requireAllocatable, requireFiniteArray, requireIndex, requireLength, requirePositiveInt } from './errors.ts';

/** A dense row-major float64 matrix: entry (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  requirePositiveInt(rows, 'rows');
  requirePositiveInt(cols, 'cols');
  requireAllocatable(rows * cols, rows >= cols ? 'rows' : 'cols', `a ${rows}×${cols} matrix (${rows * cols} entries)`);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rowsIn: readonly (readonly number[])[], argument = 'rows'): Matrix {
  if (!Array.isArray(rowsIn)) throw new ShapeError(`${argument} must be an array of rows (number[][]), got ${describeValue(rowsIn)}`, argument);
  if (rowsIn.length === 0) throw new ShapeError(`${argument} is empty`, argument);
  rowsIn.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new ShapeError(`${argument}[${i}] must be an array of numbers, got ${describeValue(row)}`, argument);
    }
  });
  const cols = rowsIn[0].length;
  if (cols === 0) throw new ShapeError(`${argument}[0] is empty`, argument);
  const m = zeros(rowsIn.length, cols);
  rowsIn.forEach((row, i) => {
    if (row.length !== cols) {
      throw new ShapeError(`${argument}[${i}] has ${row.length} entries, expected ${cols}`, argument);
    }
    m.data.set(row, i * cols);
  });
  requireFiniteArray(m.data, argument);
  return m;
}

export function toRows(a: Matrix): number[][] {
  requireMatrix(a, 'a');
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

export function clone(a: Matrix): Matrix {
  requireMatrix(a, 'a');
  return { rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) };
}

/** Row i as a view (no copy). Checks the shape in O(1) and the finiteness of that row only. */
export function row(a: Matrix, i: number): Float64Array {
  requireMatrixShape(a, 'a');
  requireIndex(i, a.rows, 'i');
  const out = a.data.subarray(i * a.cols, (i + 1) * a.cols);
  requireFiniteArray(out, 'a');
  return out;
}

/** Entry (i, j). Checks the shape and indices in O(1) and that the entry is finite. */
export function get(a: Matrix, i: number, j: number): number {
  requireMatrixShape(a, 'a');
  requireIndex(i, a.rows, 'i');
  requireIndex(j, a.cols, 'j');
  const v = a.data[i * a.cols + j];
  if (!Number.isFinite(v)) throw new NonFiniteError(`a(${i}, ${j}) is ${v}`, 'a');
  return v;
}

/** Validate only the shape facts of a matrix argument, in O(1) (no finiteness scan). */
export function requireMatrixShape(a: Matrix, argument: string, rows: number | null = null, cols: number | null = null): void {
  if (a === null || typeof a !== 'object' || !(a.data instanceof Float64Array)) {
    throw new ShapeError(`${argument} must be a Matrix { rows, cols, data: Float64Array }, got ${describeValue(a)}${a !== null && typeof a === 'object' && 'data' in a ? ` with data ${describeValue((a as { data: unknown }).data)}` : ''}`, argument);
  }
  if (!Number.isInteger(a.rows) || !Number.isInteger(a.cols) || a.rows <= 0 || a.cols <= 0) {
    throw new ShapeError(`${argument} has shape ${a.rows}×${a.cols}; both must be positive`, argument);
  }
  if (a.data.length !== a.rows * a.cols) {
    throw new ShapeError(`${argument}.data has length ${a.data.length}, expected ${a.rows}×${a.cols}`, argument);
  }
  if (rows !== null && a.rows !== rows) throw new ShapeError(`${argument} has ${a.rows} rows, expected ${rows}`, argument);
  if (cols !== null && a.cols !== cols) throw new ShapeError(`${argument} has ${a.cols} columns, expected ${cols}`, argument);
}

/** Validate shape (null = any) and finiteness of a matrix argument. */
export function requireMatrix(a: Matrix, argument: string, rows: number | null = null, cols: number | null = null): void {
  requireMatrixShape(a, argument, rows, cols);
  requireFiniteArray(a.data, argument);
}

export function requireSquare(a: Matrix, argument: string): void {
  requireMatrix(a, argument);
  if (a.rows !== a.cols) throw new ShapeError(`${argument} is ${a.rows}×${a.cols}, expected square`, argument);
}

export function identity(n: number): Matrix {
  requirePositiveInt(n, 'n');
  requireAllocatable(n * n, 'n', `a ${n}×${n} matrix`);
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** (A + Aᵀ)/2, to remove round-off asymmetry before a symmetric eigen-solve. */
export function symmetrize(a: Matrix): Matrix {
  requireSquare(a, 'a');
  const n = a.rows;
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out.data[i * n + j] = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
  }
  return out;
}

export function subtract(a: Matrix, b: Matrix): Matrix {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b', a.rows, a.cols);
  const out = zeros(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = a.data[k] - b.data[k];
  return out;
}

export function maxAbs(a: Matrix): number {
  requireMatrix(a, 'a');
  let m = 0;
  for (let k = 0; k < a.data.length; k++) m = Math.max(m, Math.abs(a.data[k]));
  return m;
}

export function matVec(a: Matrix, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  requireMatrix(a, 'a');
  requireLength(x, a.cols, 'x');
  requireFiniteArray(x, 'x');
  if (out === undefined) out = new Float64Array(a.rows);
  else if (!(out instanceof Float64Array)) throw new ShapeError('out must be a Float64Array', 'out');
  else requireLength(out, a.rows, 'out');
  const { rows, cols, data } = a;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) s += data[o + j] * x[j];
    out[i] = s;
  }
  return out;
}
