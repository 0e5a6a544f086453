/** Shared helpers for the unit tests (not itself a test file). */
import { expect } from 'vitest';
import { GdTheoryError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import type { Matrix } from '../src/core/matrix.ts';

export type ErrorClass = typeof ShapeError | typeof NonFiniteError | typeof GdTheoryError;

/** fn throws exactly `cls` (not a sibling or parent class) and names `argument`. */
export function expectTyped(fn: () => unknown, cls: ErrorClass, argument: string): void {
  let caught: unknown = undefined;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    caught = e;
  }
  expect(threw, `expected ${cls.name}(${argument}), nothing was thrown`).toBe(true);
  expect(caught, `expected ${cls.name}, got ${String(caught)}`).toBeInstanceOf(GdTheoryError);
  expect((caught as Error).constructor, String(caught)).toBe(cls);
  expect((caught as GdTheoryError).argument, String(caught)).toBe(argument);
}

/** The GdTheoryError fn throws (anything else is rethrown; no throw fails the test). */
export function caught(fn: () => unknown): GdTheoryError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GdTheoryError) return e;
    throw e;
  }
  throw new Error('expected a GdTheoryError');
}

/** A row-major matrix from a flat list. */
export function mat(rows: number, cols: number, values: number[]): Matrix {
  return { rows, cols, data: Float64Array.from(values) };
}

/** Matrices that every matrix argument must reject: [label, matrix, expected class name]. */
export function badMatrices(rows = 2, cols = 2): Array<[string, Matrix, ErrorClass]> {
  const nan = new Float64Array(rows * cols).fill(0.5); nan[rows * cols - 1] = NaN;
  const inf = new Float64Array(rows * cols).fill(0.5); inf[0] = Infinity;
  const ninf = new Float64Array(rows * cols).fill(0.5); ninf[0] = -Infinity;
  return [
    ['NaN entry', { rows, cols, data: nan }, NonFiniteError],
    ['+Infinity entry', { rows, cols, data: inf }, NonFiniteError],
    ['-Infinity entry', { rows, cols, data: ninf }, NonFiniteError],
    ['data shorter than rows×cols', { rows, cols, data: new Float64Array(rows * cols - 1) }, ShapeError],
    ['zero rows', { rows: 0, cols, data: new Float64Array(0) }, ShapeError],
    ['zero columns', { rows, cols: 0, data: new Float64Array(0) }, ShapeError],
    ['plain array data', { rows, cols, data: new Array(rows * cols).fill(0) as unknown as Float64Array }, ShapeError],
  ];
}

/** Max |a_k − b_k|. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}
