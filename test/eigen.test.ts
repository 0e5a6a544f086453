/**
 * src/core/eigen.ts (Householder tridiagonalization + Sturm bisection) against ml-matrix's
 * EigenvalueDecomposition as the oracle, on random, structured and graded symmetric matrices; the
 * linalg.ts entry points that now use it; and the Cholesky certificate around λmin. Then the
 * details against exact oracles (diagonal or block-diagonal T, 2×2 closed forms, Weyl's bound for a
 * nearly decoupled T): the Householder sign, Sturm counts with the pivmin guard, the bisection
 * bracket and floor, QL's shift and deflation, and typed errors (class and the argument named).
 * (docs/mutation-eigen-activations.md: the mutants these tests kill.)
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  eigenExtremes, sturmCount, symmetricEigenvalueAt, symmetricEigenvaluesFast, tridiagonalEigenvalue,
  tridiagonalEigenvalues, tridiagonalEigenvaluesQL, tridiagonalize, type Tridiagonal,
} from '../src/core/eigen.ts';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { isPositiveDefiniteShifted, lambdaExtremes, lambdaMax, lambdaMin, spectralNorm, symmetricEigenvalues } from '../src/core/linalg.ts';
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { expectTyped, mat } from './helpers.ts';

const EPS = 2 ** -52;
const SAFMIN = 2 ** -1022;
const F = (...v: number[]) => Float64Array.from(v);
const tri = (d: number[], e: number[]): Tridiagonal => ({ d: F(...d), e: F(...e) });

function oracle(a: Matrix): Float64Array {
  const n = a.rows;
  const ml = new MlMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ml.set(i, j, 0.5 * (a.data[i * n + j] + a.data[j * n + i]));
  return Float64Array.from(new EigenvalueDecomposition(ml, { assumeSymmetric: true }).realEigenvalues).sort();
}

function randomSymmetric(seed: number, n: number, scale = 1): Matrix {
  const r = rng(`eigen/${seed}`);
  const A = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = r.normal() * scale;
      A.data[i * n + j] = v;
      A.data[j * n + i] = v;
    }
  }
  return A;
}

function frobenius(a: Matrix): number {
  let s = 0;
  for (const x of a.data) s += x * x;
  return Math.sqrt(s);
}

/** max_k |got_k − want_k| / (n·ε·‖A‖_F): backward-stable solvers both land within a few units. */
function scaledError(got: Float64Array, want: Float64Array, a: Matrix): number {
  let m = 0;
  for (let k = 0; k < want.length; k++) m = Math.max(m, Math.abs(got[k] - want[k]));
  return m / (a.rows * EPS * Math.max(frobenius(a), Number.MIN_VALUE));
}

describe('eigen.ts agrees with the ml-matrix oracle', () => {
  it('all eigenvalues of random symmetric matrices, n = 1 … 150', () => {
    for (const [seed, n] of [[1, 1], [2, 2], [3, 3], [4, 5], [5, 17], [6, 64], [7, 150]]) {
      const A = randomSymmetric(seed, n);
      const want = oracle(A);
      expect(scaledError(symmetricEigenvaluesFast(A), want, A), `n=${n}`).toBeLessThan(4);
      expect(scaledError(symmetricEigenvalues(A), want, A), `n=${n}`).toBeLessThan(4);
      const { min, max } = eigenExtremes(A);
      expect(scaledError(Float64Array.of(min, max), Float64Array.of(want[0], want[n - 1]), A)).toBeLessThan(4);
      expect(lambdaMin(A)).toBeCloseTo(want[0], 10);
      expect(lambdaMax(A)).toBeCloseTo(want[n - 1], 10);
      const ex = lambdaExtremes(A);
      expect([ex.min, ex.max]).toEqual([min, max]);
      if (n > 2) expect(symmetricEigenvalueAt(A, 1)).toBeCloseTo(want[1], 10);
    }
  });

  it('graded and tiny/huge scales (relative to ‖A‖)', () => {
    for (const scale of [1e-150, 1e-8, 1e8, 1e150]) {
      const A = randomSymmetric(11, 20, scale);
      expect(scaledError(symmetricEigenvaluesFast(A), oracle(A), A), `scale ${scale}`).toBeLessThan(4);
    }
    // graded: A_ij = g_ij · 10^(−(i+j)/2)
    const n = 12, A = randomSymmetric(12, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.data[i * n + j] *= 10 ** (-(i + j) / 2);
    expect(scaledError(symmetricEigenvaluesFast(A), oracle(A), A)).toBeLessThan(4);
  });

  it('repeated and clustered eigenvalues: identity, rank one, a Gram matrix of rank 3', () => {
    const I = zeros(7, 7);
    for (let i = 0; i < 7; i++) I.data[i * 7 + i] = 1;
    expect(Array.from(symmetricEigenvaluesFast(I))).toEqual(new Array(7).fill(1));
    const v = [1, -2, 3, 0.5, 4];
    const R = mat(5, 5, v.flatMap((a) => v.map((b) => a * b)));
    const ev = symmetricEigenvaluesFast(R);
    expect(scaledError(ev, oracle(R), R)).toBeLessThan(4);
    expect(ev[4]).toBeCloseTo(v.reduce((s, x) => s + x * x, 0), 12);
    const r = rng('eigen/gram');
    const B = new Float64Array(30 * 3);
    r.fillNormal(B);
    const G = zeros(30, 30);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) for (let t = 0; t < 3; t++) G.data[i * 30 + j] += B[i * 3 + t] * B[j * 3 + t];
    const g = symmetricEigenvaluesFast(G);
    expect(scaledError(g, oracle(G), G)).toBeLessThan(4);
    for (let k = 0; k < 27; k++) expect(Math.abs(g[k])).toBeLessThan(30 * EPS * frobenius(G) * 4);
  });

  it('exact on diagonal matrices and the (−1, 2, −1) matrix to 1e-14', () => {
    expect(Array.from(symmetricEigenvaluesFast(mat(3, 3, [3, 0, 0, 0, -1, 0, 0, 0, 2])))).toEqual([-1, 2, 3]);
    const n = 40, T = zeros(n, n);
    for (let i = 0; i < n; i++) {
      T.data[i * n + i] = 2;
      if (i > 0) { T.data[i * n + i - 1] = -1; T.data[(i - 1) * n + i] = -1; }
    }
    const got = symmetricEigenvaluesFast(T);
    for (let k = 0; k < n; k++) expect(got[k]).toBeCloseTo(2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)), 14);
  });
});

describe('tridiagonalization and Sturm counts', () => {
  it('preserves the trace and the Frobenius norm; T has the same spectrum', () => {
    const A = randomSymmetric(21, 30);
    const { d, e } = tridiagonalize(A);
    let trA = 0, trT = 0, fT = 0;
    for (let i = 0; i < 30; i++) { trA += A.data[i * 30 + i]; trT += d[i]; fT += d[i] * d[i]; }
    for (const x of e) fT += 2 * x * x;
    expect(trT).toBeCloseTo(trA, 11);
    expect(Math.sqrt(fT)).toBeCloseTo(frobenius(A), 11);
    expect(scaledError(tridiagonalEigenvalues({ d, e }), oracle(A), A)).toBeLessThan(4); // bisection
    expect(scaledError(tridiagonalEigenvaluesQL({ d, e }), oracle(A), A)).toBeLessThan(4); // QL
  });

  it('counts eigenvalues ≤ x', () => {
    const t = { d: Float64Array.of(1, 2, 3), e: Float64Array.of(0, 0) };
    expect([0.5, 1, 1.5, 2.5, 3, 9].map((x) => sturmCount(t, x))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(tridiagonalEigenvalue(t, 1)).toBe(2);
  });

  it('the Cholesky certificate brackets λmin', () => {
    for (const seed of [31, 32, 33]) {
      const A = randomSymmetric(seed, 25);
      const lmin = lambdaMin(A), tol = 1e-9 * frobenius(A);
      expect(isPositiveDefiniteShifted(A, lmin - tol)).toBe(true);
      expect(isPositiveDefiniteShifted(A, lmin + tol)).toBe(false);
      expect(spectralNorm(A)).toBeCloseTo(Math.max(Math.abs(lmin), Math.abs(lambdaMax(A))), 12);
    }
  });
});

describe('typed errors', () => {
  it('rejects non-square, non-finite and out-of-range input', () => {
    expectTyped(() => tridiagonalize(zeros(2, 3)), ShapeError, 'a');
    expectTyped(() => symmetricEigenvaluesFast(mat(2, 2, [1, NaN, NaN, 1])), NonFiniteError, 'a');
    expectTyped(() => symmetricEigenvalueAt(mat(2, 2, [1, 0, 0, 1]), 2), ShapeError, 'k');
    expectTyped(() => tridiagonalEigenvalue({ d: Float64Array.of(1, 2), e: Float64Array.of() }, 0), ShapeError, 't');
    expectTyped(() => tridiagonalEigenvalue({ d: Float64Array.of(1, 2), e: Float64Array.of(Infinity) }, 0), DomainError, 't');
    expectTyped(() => sturmCount({ d: Float64Array.of(1), e: Float64Array.of() }, NaN), DomainError, 'x');
    expectTyped(() => lambdaMin(mat(2, 2, [1, 2, 3, 1])), DomainError, 'a');
  });
});

describe('range: matrices far from 1 are scaled by a power of two first', () => {
  /** A random symmetric matrix whose largest entry is in [1, 2), so that a·2^p is scaled back to a exactly. */
  function unitMax(seed: number, n: number): Matrix {
    const a = randomSymmetric(seed, n);
    let big = 0;
    for (const v of a.data) big = Math.max(big, Math.abs(v));
    const s = 2 ** Math.floor(Math.log2(big));
    return { rows: n, cols: n, data: a.data.map((v) => v / s) };
  }
  const times = (a: Matrix, f: number): Matrix => ({ rows: a.rows, cols: a.cols, data: a.data.map((v) => v * f) });

  it('eigenvalues of a·2^p are 2^p times those of a, bit for bit, for p = ±600 and ±1000', () => {
    for (const n of [2, 5, 12]) {
      const a = unitMax(n, n);
      const base = symmetricEigenvaluesFast(a), ext = eigenExtremes(a), k = symmetricEigenvalueAt(a, 1);
      for (const p of [600, -600, 1000, -1000]) {
        const f = 2 ** p, b = times(a, f);
        expect(Array.from(symmetricEigenvaluesFast(b)), `n=${n} p=${p}`).toEqual(Array.from(base, (v) => v * f));
        expect(eigenExtremes(b)).toEqual({ min: ext.min * f, max: ext.max * f });
        expect(symmetricEigenvalueAt(b, 1)).toBe(k * f);
      }
    }
  });

  it('[[0, 1e160], [1e160, 0]] has eigenvalues ±1e160 (e² overflowed before the scaling: ±∞)', () => {
    const a = mat(2, 2, [0, 1e160, 1e160, 0]);
    const { min, max } = eigenExtremes(a);
    expect(Math.abs(max / 1e160 - 1)).toBeLessThan(4 * EPS);
    expect(Math.abs(min / -1e160 - 1)).toBeLessThan(4 * EPS);
    const all = symmetricEigenvaluesFast(a);
    expect(Math.abs(all[0] / -1e160 - 1)).toBeLessThan(4 * EPS);
    expect(Math.abs(all[1] / 1e160 - 1)).toBeLessThan(4 * EPS);
  });

  it('entries near the overflow limit: [[0, 1], [1, 1e308]] and diag(1e308, −1e308)', () => {
    const a = mat(2, 2, [0, 1, 1, 1e308]);
    expect(eigenExtremes(a).max).toBe(1e308);
    expect(symmetricEigenvaluesFast(a)[1]).toBe(1e308);
    const b = mat(2, 2, [1e308, 0, 0, -1e308]);
    expect(eigenExtremes(b)).toEqual({ min: -1e308, max: 1e308 });
    expect(Array.from(symmetricEigenvaluesFast(b))).toEqual([-1e308, 1e308]);
  });

  it('a subnormal matrix keeps its relative accuracy (the 2⁻¹⁰²² pivot guard is far above it)', () => {
    const x = 3 * 2 ** -1060, y = 2 ** -1060; // subnormals, exact in binary
    const a = mat(2, 2, [x, y, y, x]);
    expect(eigenExtremes(a)).toEqual({ min: x - y, max: x + y });
    expect(Array.from(symmetricEigenvaluesFast(a))).toEqual([x - y, x + y]);
    expect(symmetricEigenvalueAt(a, 0)).toBe(x - y);
  });

  it('each matrix-level function checks squareness before reading the entries for the scale', () => {
    const rect = zeros(2, 3);
    expectTyped(() => eigenExtremes(rect), ShapeError, 'a');
    expectTyped(() => symmetricEigenvaluesFast(rect), ShapeError, 'a');
    expectTyped(() => symmetricEigenvalueAt(rect, 0), ShapeError, 'a');
  });

  it('the zero matrix is left unscaled (no 0/0), and the window edge 2⁵⁰⁰ is exact either way', () => {
    expect(Array.from(symmetricEigenvaluesFast(zeros(3, 3)))).toEqual([0, 0, 0]);
    const z = eigenExtremes(zeros(2, 2)); // within the 2⁻¹⁰²² pivot guard of 0, not NaN
    expect(Math.abs(z.min)).toBeLessThanOrEqual(2 ** -1022);
    expect(Math.abs(z.max)).toBeLessThanOrEqual(2 ** -1022);
    const a = mat(2, 2, [2 ** 500, 0, 0, -(2 ** 500)]);
    expect(eigenExtremes(a)).toEqual({ min: -(2 ** 500), max: 2 ** 500 });
  });
});

describe('tridiagonalize: the Householder sign and already-tridiagonal input', () => {
  it('the Householder sign: e₀ = −sign(x₀)·‖x‖ with sign(0) = +, exactly (x = A[1.., 0])', () => {
    // x = (3, 4): α = −5; x = (−3, 4): α = +5; x = (0, 4): x₀ ≥ 0, so α = −4.
    const cases: Array<[number, number, number]> = [[3, 4, -5], [-3, 4, 5], [0, 4, -4]];
    for (const [x0, x1, e0] of cases) {
      const A = mat(3, 3, [1, x0, x1, x0, 2, 0, x1, 0, 5]);
      const { d, e } = tridiagonalize(A);
      expect(e[0], `x = (${x0}, ${x1})`).toBe(e0);
      expect(d[0]).toBe(1);
      // The rest of T: trace and Frobenius norm are preserved (T = QᵀAQ).
      expect(d[0] + d[1] + d[2]).toBeCloseTo(8, 13);
      expect(d[1] * d[1] + d[2] * d[2] + 2 * e[1] * e[1]).toBeCloseTo(29, 12); // ‖A[1.., 1..]‖²_F
    }
    // (3, 4) → e = (−5, −1.44), d = (1, 3.92, 3.08); (−3, 4) → the mirror image, e = (5, 1.44).
    const a = tridiagonalize(mat(3, 3, [1, 3, 4, 3, 2, 0, 4, 0, 5]));
    const b = tridiagonalize(mat(3, 3, [1, -3, 4, -3, 2, 0, 4, 0, 5]));
    expect(a.d[1]).toBeCloseTo(3.92, 14);
    expect(a.d[2]).toBeCloseTo(3.08, 14);
    expect(a.e[1]).toBeCloseTo(-1.44, 14);
    expect(b.e[1]).toBeCloseTo(1.44, 14);
  });

  it('a 1×1 or 2×2 matrix is already tridiagonal: returned bit for bit (no reflection, even with a subnormal corner)', () => {
    // A reflection of the last 1-vector is the identity in exact arithmetic, but not in subnormal
    // arithmetic: K = ¼·ptv rounds 0.5 ulp to 0, and A[n−1][n−1] = 5e-324 would become −1.5e-323.
    for (const corner of [5e-324, 1.5e-323, -5e-324, 2, 0]) {
      const t = tridiagonalize(mat(2, 2, [0, 1, 1, corner]));
      expect(Array.from(t.d)).toEqual([0, corner]);
      expect(Array.from(t.e)).toEqual([1]);
    }
    const one = tridiagonalize(mat(1, 1, [5e-324]));
    expect(Array.from(one.d)).toEqual([5e-324]);
    expect(one.e.length).toBe(0);
  });
});

describe('T, k and x are validated with typed errors', () => {
  const entries: Array<[string, (t: Tridiagonal) => unknown]> = [
    ['tridiagonalEigenvalue', (t) => tridiagonalEigenvalue(t, 0)],
    ['tridiagonalEigenvalues', (t) => tridiagonalEigenvalues(t)],
    ['tridiagonalEigenvaluesQL', (t) => tridiagonalEigenvaluesQL(t)],
    ['sturmCount', (t) => sturmCount(t, 0)],
  ];

  it('rejects a T that is null, a non-object, or has d or e that are not Float64Arrays, naming t', () => {
    const fn = Object.assign(() => 0, { d: F(1, 2), e: F(1) }); // a function is not a T, even with d and e
    const bad: unknown[] = [null, 5, fn, { d: F(1, 2), e: [1] }, { d: [1, 2], e: F(1) }, { d: F(1, 2) }, { e: F(1) }];
    for (const [, f] of entries) for (const t of bad) expectTyped(() => f(t as Tridiagonal), ShapeError, 't');
  });

  it('rejects empty d, a wrong length of e and non-finite entries, naming t', () => {
    for (const [, f] of entries) {
      expectTyped(() => f(tri([], [])), ShapeError, 't');
      expectTyped(() => f(tri([1, 2], [])), ShapeError, 't');
      expectTyped(() => f(tri([1, 2], [1, 1])), ShapeError, 't');
      expectTyped(() => f(tri([1, NaN, 3], [0, 0])), DomainError, 't');
      expectTyped(() => f(tri([Infinity], [])), DomainError, 't');
      expectTyped(() => f(tri([1, 2, 3], [0, -Infinity])), DomainError, 't');
    }
  });

  it('sturmCount rejects a non-finite x, naming x', () => {
    expectTyped(() => sturmCount(tri([1], []), NaN), DomainError, 'x');
    expectTyped(() => sturmCount(tri([1], []), -Infinity), DomainError, 'x');
  });

  it('k must be an integer in [0, n), naming k', () => {
    const t = tri([1, 2], [0]);
    for (const k of [-1, 0.5, 2, NaN]) {
      expectTyped(() => tridiagonalEigenvalue(t, k), ShapeError, 'k');
      expectTyped(() => symmetricEigenvalueAt(mat(2, 2, [1, 0, 0, 2]), k), ShapeError, 'k');
    }
    expect(tridiagonalEigenvalue(t, 1)).toBe(2);
  });

  it('symmetricEigenvalueAt names a non-square a', () => {
    expectTyped(() => symmetricEigenvalueAt(zeros(2, 3), 0), ShapeError, 'a');
  });
});

describe('Sturm counts (LAPACK negcount with the pivmin guard)', () => {
  it('a pivot equal to pivmin is kept (|q| < pivmin, not ≤): the eigenvalue 2⁻¹⁰²² > 0 is not counted at 0', () => {
    expect(sturmCount(tri([SAFMIN], []), 0)).toBe(0); // first pivot
    expect(sturmCount(tri([1, SAFMIN], [0]), 0)).toBe(0); // a later pivot
    expect(sturmCount(tri([1, SAFMIN], [0]), SAFMIN)).toBe(1);
  });

  it('a zero pivot becomes −pivmin at every step, so repeated eigenvalues at x are all counted', () => {
    expect(sturmCount(tri([1, 1], [0]), 1)).toBe(2);
    expect(sturmCount(tri([1, 1, 1], [0, 0]), 1)).toBe(3);
    expect(sturmCount(tri([0, 0], [0]), 0)).toBe(2);
    expect(sturmCount(tri([1, 1, 1], [0, 0]), 1 - 1e-15)).toBe(0);
  });

  it('pivmin = 2⁻¹⁰²²·max(1, max e²) never underflows to 0: T = [[0, 1e10], [1e10, 0]] has one eigenvalue ≤ 0', () => {
    expect(sturmCount(tri([0, 0], [1e10]), 0)).toBe(1);
    expect(sturmCount(tri([0, 0], [1e-10]), 0)).toBe(1);
    expect(tridiagonalEigenvalues(tri([0, 0], [1e10]))).toEqual(F(-1e10, 1e10));
  });
});

describe('bisection: brackets, floors and the iteration cap', () => {
  it('the floor is relative to ‖T‖ (1e-3·ε·‖T‖): tiny diagonal eigenvalues come back exactly', () => {
    expect(tridiagonalEigenvalues(tri([1e-10, 2e-10], [0]))).toEqual(F(1e-10, 2e-10));
    expect(tridiagonalEigenvalues(tri([-3e-20, 5e-20, 1e-20], [0, 0]))).toEqual(F(-3e-20, 1e-20, 5e-20));
    const { min, max } = eigenExtremes(mat(2, 2, [2e-12, 0, 0, -1e-12]));
    expect([min, max]).toEqual([-1e-12, 2e-12]);
  });

  it('the start bracket is padded by 2ε‖T‖n (not by 2‖T‖n/ε, which overflows at ‖T‖ = 1e300)', () => {
    expect(tridiagonalEigenvalue(tri([1e300], []), 0)).toBe(1e300);
    expect(tridiagonalEigenvalues(tri([1e300, -1e300], [0]))).toEqual(F(-1e300, 1e300));
    expect(eigenExtremes(mat(1, 1, [-2e300]))).toEqual({ min: -2e300, max: -2e300 });
  });

  it('the pad grows with n (2ε‖T‖n): diag(−4, 1, 2, 3, 4) comes back exactly, the Gershgorin end −4 stays outside the bracket', () => {
    // With a pad of 2ε‖T‖/n (< half an ulp of 4 for n = 5) lo rounds to −4 itself, count(lo) = 1 > 0
    // breaks the invariant and bisection returns the next float above −4.
    expect(tridiagonalEigenvalues(tri([-4, 1, 2, 3, 4], [0, 0, 0, 0]))).toEqual(F(-4, 1, 2, 3, 4));
    expect(tridiagonalEigenvalues(tri([4, 3, 2, 1, -4, 0.5, 0.25], [0, 0, 0, 0, 0, 0]))).toEqual(F(-4, 0.25, 0.5, 1, 2, 3, 4));
  });

  it('tiny norms: the error is below the pivmin guard 2⁻¹⁰²² (the bracket pad includes +2·pivmin)', () => {
    for (const a of [0, 1e-300, -1e-300, 1e-307]) {
      const v = tridiagonalEigenvalue(tri([a], []), 0);
      expect(Math.abs(v - a), `λ = ${a}`).toBeLessThan(SAFMIN);
    }
    const z = eigenExtremes(zeros(3, 3));
    expect(Math.abs(z.min)).toBeLessThan(SAFMIN);
    expect(Math.abs(z.max)).toBeLessThan(SAFMIN);
  });

  it('bisection stops at its iteration cap when the Gershgorin bracket is not finite (e² overflows; value not asserted)', () => {
    // |e| = 1e160: e² = ∞, the bracket is (−∞, ∞) and every midpoint is NaN; only the cap of 2100
    // iterations ends the loop. (The value is wrong — see docs/mutation-eigen-activations.md.)
    const v = tridiagonalEigenvalue(tri([0, 0], [1e160]), 0);
    expect(typeof v).toBe('number');
  });
});

describe('QL (tql1): shift, deflation and non-convergence', () => {
  it('the Wilkinson shift g = (d₁ − d₀)/(2e₀): an off-diagonal 1e50× the diagonal converges to ±√(e² + …)', () => {
    // Eigenvalues of [[1, e], [e, −1/2]]: 1/4 ± √(9/16 + e²) = ±1e50 to 1 ulp.
    for (const e of [1e50, 1e100, -1e30]) {
      const got = tridiagonalEigenvaluesQL(tri([1, -0.5], [e]));
      const want = Math.hypot(e, 0.75);
      expect(Math.abs(got[0] + want) / want).toBeLessThan(4 * EPS);
      expect(Math.abs(got[1] - want) / want).toBeLessThan(4 * EPS);
    }
  });

  it('deflation on underflow (r = 0): a block coupled by 1e-170 keeps its eigenvalues ±1', () => {
    // T = [[0,1],[1,0]] ⊕ [[0,a],[a,0]] coupled by c = 1e-170 (a = 1e170). By Weyl the eigenvalues
    // are ±1 and ±a to within |c|; the rotation in QL underflows (s·e = 0, g = 0) and the r = 0 branch
    // deflates. Without it the sweep divides 0/0 (no convergence) or loses the ±1.
    for (const [c, a] of [[1e-170, 1e170], [1e-188, 1e288], [1e-200, 1e200]]) {
      const got = tridiagonalEigenvaluesQL(tri([0, 0, 0, 0], [1, -c, a]));
      expect(Math.abs(got[0] + a) / a).toBeLessThan(4 * EPS);
      expect(Math.abs(got[1] + 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(got[2] - 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(got[3] - a) / a).toBeLessThan(4 * EPS);
    }
  });

  it('non-convergence is a DomainError naming t, not an endless loop (|d₀ − d₂| overflows)', () => {
    expectTyped(
      () => tridiagonalEigenvaluesQL(tri([1.5e308, 0, -1.5e308], [1e300, 1e300])),
      DomainError, 't');
    expect(() => symmetricEigenvaluesFast(mat(2, 2, [1, 0, 0, 2]))).not.toThrow();
  });
});
