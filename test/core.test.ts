/** src/core: errors, matrix, blas, geometry — typed rejection of bad input and exact results. */
import { describe, expect, it } from 'vitest';
import {
  DomainError, GdTheoryError, NonFiniteError, ShapeError, requireFiniteArray, requireFiniteNumber, requireIndex,
  requireLength, requirePositive, requirePositiveInt, requireProbability,
} from '../src/core/errors.ts';
import {
  type Matrix, clone, fromRows, get, identity, matVec, maxAbs, requireMatrix, requireMatrixShape, requireSquare, row,
  subtract, symmetrize, toRows, zeros,
} from '../src/core/matrix.ts';
import { axpy, dot, gemm, gemmABt, gemmAtB, maxAbsSpan, norm2, sqDist } from '../src/core/blas.ts';
import { minLineAngle, requireNonParallel, rowAngle } from '../src/core/geometry.ts';
import { rng } from '../src/core/rng.ts';
import { badMatrices, expectTyped, mat, maxDiff } from './helpers.ts';

const A23 = () => mat(2, 3, [1, 2, 3, 4, 5, 6]);

describe('errors: the validators', () => {
  it('classes carry their name and argument', () => {
    const e = new ShapeError('bad', 'X');
    expect(e).toBeInstanceOf(GdTheoryError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ShapeError');
    expect(e.argument).toBe('X');
    expect(new NonFiniteError('m', 'y').name).toBe('NonFiniteError');
    expect(new DomainError('m', 'm').name).toBe('DomainError');
  });

  it('requirePositiveInt', () => {
    expect(requirePositiveInt(3, 'm')).toBe(3);
    expectTyped(() => requirePositiveInt(0, 'm'), DomainError, 'm');
    expectTyped(() => requirePositiveInt(-2, 'm'), DomainError, 'm');
    expectTyped(() => requirePositiveInt(1.5, 'm'), DomainError, 'm');
    expectTyped(() => requirePositiveInt(NaN, 'm'), NonFiniteError, 'm');
    expectTyped(() => requirePositiveInt(Infinity, 'm'), NonFiniteError, 'm');
  });

  it('requireFiniteNumber / requirePositive / requireProbability', () => {
    expect(requireFiniteNumber(-1, 'x')).toBe(-1);
    expectTyped(() => requireFiniteNumber(NaN, 'x'), NonFiniteError, 'x');
    expectTyped(() => requireFiniteNumber(-Infinity, 'x'), NonFiniteError, 'x');
    expect(requirePositive(1e-300, 'eta')).toBe(1e-300);
    expectTyped(() => requirePositive(0, 'eta'), DomainError, 'eta');
    expectTyped(() => requirePositive(-1, 'eta'), DomainError, 'eta');
    expectTyped(() => requirePositive(NaN, 'eta'), NonFiniteError, 'eta');
    expect(requireProbability(0, 'p')).toBe(0);
    expect(requireProbability(1, 'p')).toBe(1);
    expectTyped(() => requireProbability(1.01, 'p'), DomainError, 'p');
    expectTyped(() => requireProbability(NaN, 'p'), NonFiniteError, 'p');
  });

  it('requireFiniteArray / requireLength / requireIndex', () => {
    requireFiniteArray([1, 2], 'y');
    expectTyped(() => requireFiniteArray([1, NaN], 'y'), NonFiniteError, 'y');
    expectTyped(() => requireFiniteArray(Float64Array.of(Infinity), 'y'), NonFiniteError, 'y');
    requireLength([1, 2], 2, 'y');
    expectTyped(() => requireLength([1, 2], 3, 'y'), ShapeError, 'y');
    expect(requireIndex(2, 3, 'i')).toBe(2);
    expectTyped(() => requireIndex(3, 3, 'i'), ShapeError, 'i');
    expectTyped(() => requireIndex(-1, 3, 'i'), ShapeError, 'i');
    expectTyped(() => requireIndex(0.5, 3, 'i'), ShapeError, 'i');
    expectTyped(() => requireIndex(NaN, 3, 'i'), NonFiniteError, 'i');
  });
});

describe('matrix: construction and validation', () => {
  it('zeros / identity / fromRows / toRows round-trip', () => {
    const z = zeros(2, 3);
    expect(z.data.length).toBe(6);
    expect(Array.from(identity(2).data)).toEqual([1, 0, 0, 1]);
    const a = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(a.rows).toBe(2);
    expect(toRows(a)).toEqual([[1, 2, 3], [4, 5, 6]]);
    const b = clone(a);
    b.data[0] = 9;
    expect(a.data[0]).toBe(1);
    expect(get(a, 1, 2)).toBe(6);
    expect(Array.from(row(a, 1))).toEqual([4, 5, 6]);
  });

  it('zeros / identity reject zero, fractional and non-finite sizes', () => {
    expectTyped(() => zeros(0, 3), DomainError, 'rows');
    expectTyped(() => zeros(2, 0), DomainError, 'cols');
    expectTyped(() => zeros(2.5, 3), DomainError, 'rows');
    expectTyped(() => zeros(NaN, 3), NonFiniteError, 'rows');
    expectTyped(() => zeros(2, Infinity), NonFiniteError, 'cols');
    expectTyped(() => identity(0), DomainError, 'n');
    expectTyped(() => identity(NaN), NonFiniteError, 'n');
  });

  it('fromRows rejects empty, ragged and non-finite rows', () => {
    expectTyped(() => fromRows([]), ShapeError, 'rows');
    expectTyped(() => fromRows([[]]), ShapeError, 'rows');
    expectTyped(() => fromRows([[1, 2], [3]], 'X'), ShapeError, 'X');
    expectTyped(() => fromRows([[1, 2], [3, NaN]], 'X'), NonFiniteError, 'X');
    expectTyped(() => fromRows([[Infinity]], 'X'), NonFiniteError, 'X');
  });

  const matrixFns: Array<[string, (a: Matrix) => unknown]> = [
    ['requireMatrix', (a) => requireMatrix(a, 'a')],
    ['toRows', toRows],
    ['clone', clone],
    ['maxAbs', maxAbs],
    ['subtract(a, ·)', (a) => subtract(a, { rows: a.rows, cols: a.cols, data: new Float64Array(Math.max(a.data.length, 1)) })],
    ['matVec', (a) => matVec(a, new Float64Array(Math.max(a.cols, 1)))],
  ];
  for (const [fname, fn] of matrixFns) {
    for (const [label, bad, cls] of badMatrices(2, 2)) {
      it(`${fname} rejects a matrix with ${label}`, () => expectTyped(() => fn(bad), cls, 'a'));
    }
  }

  it('requireMatrix checks expected rows and columns', () => {
    expectTyped(() => requireMatrix(A23(), 'X', 3, null), ShapeError, 'X');
    expectTyped(() => requireMatrix(A23(), 'X', null, 2), ShapeError, 'X');
    expectTyped(() => requireMatrix(null as unknown as Matrix, 'X'), ShapeError, 'X');
    requireMatrix(A23(), 'X', 2, 3);
    // The O(1) variant does not scan for finiteness.
    requireMatrixShape(mat(1, 1, [NaN]), 'X');
  });

  it('requireMatrix rejects a fractional shape and a data length ≠ rows×cols, naming the argument', () => {
    expectTyped(() => requireMatrix({ rows: 1.5, cols: 2, data: new Float64Array(3) }, 'M'), ShapeError, 'M');
    expectTyped(() => requireMatrix({ rows: 2, cols: 1.5, data: new Float64Array(3) }, 'M'), ShapeError, 'M');
    expectTyped(() => requireMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }, 'M'), ShapeError, 'M');
    expectTyped(() => requireSquare(zeros(2, 3), 'M'), ShapeError, 'M');
  });

  it('fromRows names the argument it was given for an empty, an empty-row and a ragged input', () => {
    expectTyped(() => fromRows([], 'R'), ShapeError, 'R');
    expectTyped(() => fromRows([[]], 'R'), ShapeError, 'R');
    expectTyped(() => fromRows([[1, 2], [3]], 'R'), ShapeError, 'R');
  });

  it('requireSquare / symmetrize reject non-square and non-finite', () => {
    expectTyped(() => requireSquare(A23(), 'H'), ShapeError, 'H');
    expectTyped(() => symmetrize(A23()), ShapeError, 'a');
    expectTyped(() => symmetrize(mat(2, 2, [1, NaN, 0, 1])), NonFiniteError, 'a');
    expect(Array.from(symmetrize(mat(2, 2, [1, 2, 0, 1])).data)).toEqual([1, 1, 1, 1]);
  });

  it('subtract checks the second argument against the first', () => {
    expectTyped(() => subtract(A23(), mat(3, 2, [1, 2, 3, 4, 5, 6])), ShapeError, 'b');
    expectTyped(() => subtract(A23(), mat(2, 3, [1, 2, 3, 4, 5, NaN])), NonFiniteError, 'b');
    expect(Array.from(subtract(A23(), A23()).data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('matVec checks x and out, and computes A x', () => {
    expectTyped(() => matVec(A23(), [1, 2]), ShapeError, 'x');
    expectTyped(() => matVec(A23(), [1, NaN, 2]), NonFiniteError, 'x');
    expectTyped(() => matVec(A23(), [1, 1, 1], new Float64Array(3)), ShapeError, 'out');
    expect(Array.from(matVec(A23(), [1, 0, -1]))).toEqual([-2, -2]);
  });

  it('matVec writes into a Float64Array out and returns it; a plain-array out is rejected, naming out', () => {
    const out = new Float64Array(2);
    expect(matVec(identity(2), [3, 4], out)).toBe(out);
    expect(Array.from(out)).toEqual([3, 4]);
    expectTyped(() => matVec(identity(2), [3, 4], [0, 0] as unknown as Float64Array), ShapeError, 'out');
  });

  it('row / get reject bad indices and non-finite entries', () => {
    const a = A23();
    expectTyped(() => row(a, 2), ShapeError, 'i');
    expectTyped(() => row(a, -1), ShapeError, 'i');
    expectTyped(() => row(a, 0.5), ShapeError, 'i');
    expectTyped(() => row(a, NaN), NonFiniteError, 'i');
    expectTyped(() => get(a, 0, 3), ShapeError, 'j');
    expectTyped(() => get(a, 5, 0), ShapeError, 'i');
    expectTyped(() => row(mat(2, 1, [1, NaN]), 1), NonFiniteError, 'a');
    expectTyped(() => get(mat(1, 1, [Infinity]), 0, 0), NonFiniteError, 'a');
    expectTyped(() => row({ rows: 2, cols: 2, data: new Float64Array(3) }, 0), ShapeError, 'a');
    expectTyped(() => get({ rows: 1, cols: 1 } as unknown as Matrix, 0, 0), ShapeError, 'a'); // no data: not a TypeError
  });

  it('maxAbs', () => expect(maxAbs(mat(1, 3, [1, -7, 3]))).toBe(7));
});

describe('blas: shapes, offsets, aliasing (values are unchecked by design)', () => {
  const x = Float64Array.of(1, 2, 3, 4);
  const y = Float64Array.of(4, 3, 2, 1);

  it('dot / norm2 / sqDist / maxAbsSpan values, with spans', () => {
    expect(dot(x, y)).toBe(20);
    expect(dot(x, y, 2, 1, 2)).toBe(2 * 2 + 3 * 1);
    expect(norm2(Float64Array.of(3, 4))).toBe(5);
    expect(sqDist(x, y)).toBe(9 + 1 + 1 + 9);
    expect(maxAbsSpan(Float64Array.of(1, -5, 2))).toBe(5);
    expect(maxAbsSpan(Float64Array.of(1, -5, 2), 1, 2)).toBe(2);
    const z = Float64Array.from(y);
    axpy(2, x, z);
    expect(Array.from(z)).toEqual([6, 7, 8, 9]);
  });

  it('spans must fit, with non-negative integer offsets and lengths', () => {
    expectTyped(() => dot(x, y, 5), ShapeError, 'a');
    expectTyped(() => dot(x, Float64Array.of(1, 2)), ShapeError, 'b');
    expectTyped(() => dot(x, y, 2, 3), ShapeError, 'a');
    expectTyped(() => dot(x, y, 2, 0, -1), ShapeError, 'b');
    expectTyped(() => dot(x, y, 1.5), ShapeError, 'a');
    expectTyped(() => dot(x, y, -1), ShapeError, 'a');
    expectTyped(() => dot(x, y, 2, 0.5), ShapeError, 'a');
    expectTyped(() => dot([1, 2] as unknown as Float64Array, y, 2), ShapeError, 'a');
    expectTyped(() => axpy(1, x, new Float64Array(3)), ShapeError, 'y');
    expectTyped(() => axpy(1, x, y, 2, 3), ShapeError, 'x');
    expectTyped(() => norm2(x, 5), ShapeError, 'x');
    expectTyped(() => norm2(x, 2, NaN), ShapeError, 'x');
    expectTyped(() => sqDist(x, new Float64Array(2)), ShapeError, 'y');
    expectTyped(() => maxAbsSpan(x, 3, 2), ShapeError, 'x');
  });

  it('an empty span is fine; axpy and maxAbsSpan read and write only their span', () => {
    const x = new Float64Array([1, 2, 3]);
    expect(dot(x, x, 0)).toBe(0);
    expectTyped(() => sqDist(x, x, 4), ShapeError, 'x');
    const y = new Float64Array([10, 20, 30]);
    axpy(2, x, y, 2); // only y[0..2)
    expect(Array.from(y)).toEqual([12, 24, 30]);
    expect(maxAbsSpan(new Float64Array([1, -2, 50]), 2)).toBe(2);
    expect(maxAbsSpan(new Float64Array([1, -2, NaN]), 2)).toBe(2);
    expect(maxAbsSpan(new Float64Array([1, NaN, 3]))).toBeNaN();
    expect(maxAbsSpan(new Float64Array([Infinity, 1, NaN]), 2)).toBe(Infinity); // the NaN check stays in the span too
  });

  it('non-finite values propagate (unchecked hot path: a diverging run must see its Infinity/NaN)', () => {
    const bad = Float64Array.of(1, NaN, 3, 4);
    const inf = Float64Array.of(1, 2, Infinity, 4);
    expect(dot(bad, y)).toBeNaN();
    expect(dot(y, inf)).toBe(Infinity);
    expect(norm2(inf)).toBe(Infinity);
    expect(sqDist(x, bad)).toBeNaN();
    // maxAbsSpan does not skip a NaN (Math.max semantics), and sees ±Infinity.
    expect(maxAbsSpan(bad)).toBeNaN();
    expect(maxAbsSpan(Float64Array.of(NaN, 1))).toBeNaN();
    expect(maxAbsSpan(Float64Array.of(1, -Infinity))).toBe(Infinity);
    expect(maxAbsSpan(Float64Array.of(Infinity, NaN))).toBeNaN();
    const z = Float64Array.from(y);
    axpy(1, bad, z);
    expect(z[1]).toBeNaN();
    const c = zeros(2, 2);
    gemm(mat(2, 2, [1, NaN, 0, 1]), mat(2, 2, [1, 0, 0, 1]), c);
    expect(c.data[1]).toBeNaN();
    // A span that skips the bad entry is unaffected; overflow of finite inputs is a result.
    expect(dot(bad, y, 1, 2, 0)).toBe(12);
    expect(norm2(Float64Array.of(1e200, 1e200))).toBe(Infinity);
  });

  it('gemm variants agree with a naive product', () => {
    const r = rng(7);
    const a = zeros(3, 4), b = zeros(5, 4), bt = zeros(4, 5);
    r.fillNormal(a.data); r.fillNormal(b.data);
    for (let i = 0; i < 5; i++) for (let k = 0; k < 4; k++) bt.data[k * 5 + i] = b.data[i * 4 + k];
    const want = zeros(3, 5);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a.data[i * 4 + k] * b.data[j * 4 + k];
      want.data[i * 5 + j] = s;
    }
    const c1 = zeros(3, 5), c2 = zeros(3, 5), c3 = zeros(3, 5);
    gemmABt(a, b, c1);
    gemm(a, bt, c2);
    const at = zeros(4, 3);
    for (let i = 0; i < 3; i++) for (let k = 0; k < 4; k++) at.data[k * 3 + i] = a.data[i * 4 + k];
    gemmAtB(at, bt, c3);
    expect(maxDiff(c1.data, want.data)).toBeLessThan(1e-14);
    expect(maxDiff(c2.data, want.data)).toBeLessThan(1e-14);
    expect(maxDiff(c3.data, want.data)).toBeLessThan(1e-14);
  });

  it('gemm variants: c must have the product\'s shape, b must fit a, and c may sit next to a or b but not overlap them', () => {
    const buf = new Float64Array(8);
    const a = { rows: 2, cols: 2, data: buf.subarray(0, 4) }, c = { rows: 2, cols: 2, data: buf.subarray(4, 8) };
    a.data.set([1, 2, 3, 4]);
    gemm(a, identity(2), c); // adjacent, not overlapping
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4]);
    gemm({ rows: 2, cols: 2, data: buf.subarray(4, 8) }, identity(2), { rows: 2, cols: 2, data: buf.subarray(0, 4) }); // c just before a
    expectTyped(() => gemm(a, identity(2), { rows: 2, cols: 2, data: buf.subarray(2, 6) }), DomainError, 'c');
    for (const f of [gemm, gemmABt, gemmAtB]) {
      expectTyped(() => f(a, identity(2), zeros(2, 3)), ShapeError, 'c');
      expectTyped(() => f(a, identity(2), zeros(3, 2)), ShapeError, 'c');
      expectTyped(() => f(a, zeros(3, 3), zeros(2, 2)), ShapeError, 'b');
      expectTyped(() => f(a, identity(2), { rows: 2, cols: 2 } as unknown as Matrix), ShapeError, 'c');
    }
  });

  it('gemm variants reject mismatched shapes, broken matrices and aliasing', () => {
    const a = A23(), c = zeros(2, 2);
    expectTyped(() => gemmABt(a, mat(2, 2, [1, 2, 3, 4]), c), ShapeError, 'b');
    expectTyped(() => gemmABt(a, a, zeros(2, 3)), ShapeError, 'c');
    expectTyped(() => gemm(a, a, c), ShapeError, 'b');
    expectTyped(() => gemm(a, zeros(3, 2), zeros(3, 3)), ShapeError, 'c');
    expectTyped(() => gemmAtB(a, zeros(3, 2), c), ShapeError, 'b');
    expectTyped(() => gemmAtB(a, zeros(2, 2), zeros(2, 2)), ShapeError, 'c');
    expectTyped(() => gemm({ rows: 2, cols: 3, data: new Float64Array(5) }, zeros(3, 2), c), ShapeError, 'a');
    expectTyped(() => gemm(zeros(2, 2), { rows: 0, cols: 2, data: new Float64Array(0) }, c), ShapeError, 'b');
    const sq = mat(2, 2, [1, 2, 3, 4]);
    expectTyped(() => gemm(sq, mat(2, 2, [1, 0, 0, 1]), sq), DomainError, 'c');
    expectTyped(() => gemmABt(sq, sq, sq), DomainError, 'c');
    expectTyped(() => gemmAtB(mat(2, 2, [1, 0, 0, 1]), sq, { rows: 2, cols: 2, data: sq.data.subarray(0, 4) }), DomainError, 'c');
  });
});

describe('geometry: stable angles and the non-parallel hypothesis', () => {
  it('rowAngle: exact on known pairs, scale invariant, accurate near 0 and π', () => {
    const X = mat(4, 2, [1, 0, 0, 3, -2, 0, 1, 1]);
    expect(rowAngle(X, 0, 1)).toBeCloseTo(Math.PI / 2, 15);
    expect(rowAngle(X, 0, 2)).toBeCloseTo(Math.PI, 15);
    expect(rowAngle(X, 0, 3)).toBeCloseTo(Math.PI / 4, 15);
    expect(rowAngle(X, 1, 1)).toBe(0);
    const eps = 1e-9; // acos(cos ε) would lose this entirely
    const Y = mat(2, 2, [1, 0, Math.cos(eps), Math.sin(eps)]);
    expect(Math.abs(rowAngle(Y, 0, 1) - eps) / eps).toBeLessThan(1e-6);
    const huge = mat(2, 2, [1e300, 0, 1e300, 1e300]);
    expect(rowAngle(huge, 0, 1)).toBeCloseTo(Math.PI / 4, 14);
    const tiny = mat(2, 2, [1e-300, 0, 0, 1e-310]);
    expect(rowAngle(tiny, 0, 1)).toBeCloseTo(Math.PI / 2, 14);
  });

  it('rowAngle rejects bad indices, zero rows and non-finite rows', () => {
    const X = mat(2, 2, [1, 0, 0, 1]);
    expectTyped(() => rowAngle(X, 0, 2), ShapeError, 'j');
    expectTyped(() => rowAngle(X, -1, 0), ShapeError, 'i');
    expectTyped(() => rowAngle(mat(2, 2, [1, 0, 0, 0]), 0, 1), DomainError, 'X');
    expectTyped(() => rowAngle(mat(2, 2, [0, 0, 1, 2]), 0, 1), DomainError, 'X');
    expectTyped(() => rowAngle(mat(2, 2, [1, NaN, 0, 1]), 0, 1), NonFiniteError, 'X');
    expectTyped(() => rowAngle(mat(2, 2, [1, 0, Infinity, 1]), 0, 1), NonFiniteError, 'X');
    expectTyped(() => rowAngle({ rows: 2, cols: 2, data: new Float64Array(3) }, 0, 1), ShapeError, 'X');
  });

  it('minLineAngle folds antipodal pairs and rejects bad matrices', () => {
    expect(minLineAngle(mat(2, 2, [1, 0, -1, 1e-3]))).toBeCloseTo(1e-3, 9);
    expect(minLineAngle(mat(1, 2, [1, 0]))).toBe(Math.PI / 2);
    for (const [, bad, cls] of badMatrices()) expectTyped(() => minLineAngle(bad), cls, 'X');
  });

  it('requireNonParallel: minAngle in [0, π/2] with both ends allowed; a pair fails only when strictly closer than minAngle', () => {
    const parallel = mat(2, 2, [1, 2, 2, 4]), antipodal = mat(2, 2, [1, 2, -1, -2]), fine = mat(2, 2, [1, 0, 0, 1]);
    expectTyped(() => requireNonParallel(fine, -0.1), DomainError, 'minAngle');
    expectTyped(() => requireNonParallel(fine, 2), DomainError, 'minAngle');
    requireNonParallel(fine, Math.PI / 2);
    requireNonParallel(parallel, 0); // angle 0 is not < 0
    requireNonParallel(antipodal, 0); // π − π is not < 0
    expectTyped(() => requireNonParallel(parallel, 1e-6, 'Y'), DomainError, 'Y');
    expectTyped(() => requireNonParallel(antipodal, 1e-6, 'Y'), DomainError, 'Y');
  });

  it('requireNonParallel catches parallel and antipodal pairs, naming the argument', () => {
    requireNonParallel(mat(3, 2, [1, 0, 0, 1, 1, 1]));
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 1, 2, 2])), DomainError, 'X');
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 1, -3, -3]), 1e-6, 'inputs'), DomainError, 'inputs');
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 0, 1, 1e-8])), DomainError, 'X');
    requireNonParallel(mat(2, 2, [1, 0, 1, 1e-8]), 1e-9);
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 0, 0, 0]), 1e-6, 'Xs'), DomainError, 'Xs');
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 0, 0, NaN])), NonFiniteError, 'X');
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 0, 0, 1]), NaN), NonFiniteError, 'minAngle');
    expectTyped(() => requireNonParallel(mat(2, 2, [1, 0, 0, 1]), -1), DomainError, 'minAngle');
    for (const [, bad, cls] of badMatrices()) expectTyped(() => requireNonParallel(bad), cls, 'X');
  });
});
