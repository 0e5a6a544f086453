/**
 * Dense linear algebra behind one interface. Symmetric eigenvalues come from src/core/eigen.ts
 * (Householder tridiagonalization + Sturm bisection, values only); ml-matrix remains the SVD (svd,
 * leastSquares and the spectral norm of a non-symmetric matrix) and the eigen oracle of test/eigen.test.ts. This is
 * the only module of src/ that imports ml-matrix. The Cholesky certificate is ours (it is cheap: n³/3
 * flops and no iteration).
 */
import { Matrix as MlMatrix, SingularValueDecomposition, solve as mlSolve } from 'ml-matrix';
import { eigenExtremes, symmetricEigenvalueAt, symmetricEigenvaluesFast } from './eigen.ts';
import { DomainError, requireFiniteArray, requireFiniteNumber, requireFloat64Array, requireLength } from './errors.ts';
import { type Matrix, requireMatrix, requireSquare, zeros } from './matrix.ts';

function toMl(a: Matrix): MlMatrix {
  const out = new MlMatrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.set(i, j, a.data[i * a.cols + j]);
  }
  return out;
}

function fromMl(a: MlMatrix): Matrix {
  const out = zeros(a.rows, a.columns);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) out.data[i * a.columns + j] = a.get(i, j);
  return out;
}

/** A thin singular value decomposition a = U·diag(s)·Vᵀ, s descending, k = min(rows, cols). */
export interface Svd {
  /** rows × k, orthonormal columns. */
  readonly U: Matrix;
  /** k singular values, descending, ≥ 0. */
  readonly s: Float64Array;
  /** cols × k, orthonormal columns. */
  readonly V: Matrix;
}

/** Thin SVD of a finite matrix (ml-matrix's JAMA SVD, auto-transposed when rows < cols). */
export function svd(a: Matrix): Svd {
  requireMatrix(a, 'a');
  const d = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
  return { U: fromMl(d.leftSingularVectors), s: Float64Array.from(d.diagonal), V: fromMl(d.rightSingularVectors) };
}

function requireSymmetric(a: Matrix, argument: string): void {
  requireSquare(a, argument);
  const n = a.rows;
  let scale = 0;
  for (let k = 0; k < a.data.length; k++) scale = Math.max(scale, Math.abs(a.data[k]));
  const tol = 1e-10 * Math.max(scale, 1e-300);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a.data[i * n + j] - a.data[j * n + i]) > tol) {
        throw new DomainError(`${argument} is not symmetric at (${i}, ${j}); symmetrize first`, argument);
      }
    }
  }
}

/** Eigenvalues of a symmetric matrix, ascending. Uses (A + Aᵀ)/2 to remove round-off asymmetry. */
export function symmetricEigenvalues(a: Matrix): Float64Array {
  requireSymmetric(a, 'a');
  return symmetricEigenvaluesFast(a);
}

/** λmin of a symmetric matrix (one reduction and one bisection, no full spectrum). */
export function lambdaMin(a: Matrix): number {
  requireSymmetric(a, 'a');
  return symmetricEigenvalueAt(a, 0);
}

/** λmax of a symmetric matrix. */
export function lambdaMax(a: Matrix): number {
  requireSymmetric(a, 'a');
  return symmetricEigenvalueAt(a, a.rows - 1);
}

/** λmin and λmax of a symmetric matrix from one reduction. */
export function lambdaExtremes(a: Matrix): { min: number; max: number } {
  requireSymmetric(a, 'a');
  return eigenExtremes(a);
}

/** Operator 2-norm: max |λ| for symmetric input, the largest singular value otherwise. */
export function spectralNorm(a: Matrix): number {
  requireMatrix(a, 'a');
  if (a.rows === a.cols) {
    let symmetric = true;
    const n = a.rows;
    for (let i = 0; i < n && symmetric; i++) {
      for (let j = i + 1; j < n; j++) {
        if (a.data[i * n + j] !== a.data[j * n + i]) { symmetric = false; break; }
      }
    }
    if (symmetric) {
      const ev = eigenExtremes(a);
      return Math.max(Math.abs(ev.min), Math.abs(ev.max));
    }
  }
  // autoTranspose: the one-sided (JAMA) SVD assumes rows ≥ cols; ‖A‖₂ = ‖Aᵀ‖₂.
  const svd = new SingularValueDecomposition(toMl(a), {
    computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true,
  });
  return svd.norm2;
}

/**
 * Certificate "A − tI is positive definite", i.e. λmin(A) > t, by an in-place Cholesky attempt.
 * Returns true only if every pivot is strictly positive. Cheaper than an eigen-solve and exact in
 * the sense that a false answer means some pivot was ≤ 0 in floating point.
 */
export function isPositiveDefiniteShifted(a: Matrix, t = 0): boolean {
  requireSymmetric(a, 'a');
  requireFiniteNumber(t, 't');
  const n = a.rows;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0.5 * (a.data[i * n + j] + a.data[j * n + i]) - (i === j ? t : 0);
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return true;
}

/**
 * The least-squares solution θ* = argmin ‖Xθ − y‖ (ml-matrix's SVD solve: the minimum-norm
 * solution when X is rank-deficient).
 */
export function leastSquares(X: Matrix, y: Float64Array): Float64Array {
  requireMatrix(X, 'X');
  requireFloat64Array(y, 'y', X.rows);
  const sol = mlSolve(toMl(X), MlMatrix.columnVector(Array.from(y)), true);
  return Float64Array.from(sol.getColumn(0));
}

/**
 * A lower-triangular C with C Cᵀ = K for a PSD K (row-major n×n): Cholesky that drops a pivot below
 * 1e-13·max diag (a singular K̂, e.g. duplicated inputs, then still gets an exact factor up to round-off).
 * The factor the exact-in-distribution samplers of thesis ch. 3 draw N(0, K) columns with (deep-sampler, conv-resnet).
 */
export function psdCholesky(K: Matrix): Matrix {
  requireSquare(K, 'K');
  const n = K.rows, C = zeros(n, n), L = C.data, A = K.data;
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, A[i * n + i]);
  const floor = 1e-13 * maxDiag;
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > floor)) continue; // column j is (numerically) in the span of the previous ones
    const piv = Math.sqrt(d);
    L[j * n + j] = piv;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / piv;
    }
  }
  return C;
}
