/** src/core/linalg.ts: eigenvalues on known matrices, the Cholesky certificate, spectral norms, the thin SVD. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import {
  isPositiveDefiniteShifted, lambdaExtremes, lambdaMax, lambdaMin, leastSquares, spectralNorm, svd, symmetricEigenvalues,
} from '../src/core/linalg.ts';
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { badMatrices, expectTyped, mat, maxDiff } from './helpers.ts';

/** B Bᵀ + shift·I for a random n×k B: symmetric PSD, positive definite when shift > 0 or k ≥ n. */
function randomSpd(seed: number, n: number, k: number, shift: number): Matrix {
  const r = rng(seed);
  const B = new Float64Array(n * k);
  r.fillNormal(B);
  const A = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += B[i * k + t] * B[j * k + t];
      A.data[i * n + j] = s + (i === j ? shift : 0);
      A.data[j * n + i] = A.data[i * n + j];
    }
  }
  return A;
}

/** Largest singular value by power iteration on AᵀA (an independent reference). */
function powerNorm(a: Matrix, iters = 2000): number {
  const { rows: p, cols: q, data } = a;
  let v = new Float64Array(q).fill(1);
  let sigma = 0;
  for (let it = 0; it < iters; it++) {
    const u = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) u[i] += data[i * q + j] * v[j];
    const w = new Float64Array(q);
    for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) w[j] += data[i * q + j] * u[i];
    const nw = Math.hypot(...w);
    sigma = Math.sqrt(nw / Math.hypot(...v));
    v = w.map((x) => x / nw);
  }
  return sigma;
}

afterEach(() => vi.restoreAllMocks());

describe('symmetricEigenvalues on matrices with known spectra', () => {
  it('diagonal, 2×2 and rank-one', () => {
    expect(Array.from(symmetricEigenvalues(mat(3, 3, [3, 0, 0, 0, -1, 0, 0, 0, 2])))).toEqual([-1, 2, 3]);
    expect(maxDiff(symmetricEigenvalues(mat(2, 2, [2, 1, 1, 2])), [1, 3])).toBeLessThan(1e-15);
    const v = [1, 2, 3, 4];
    const R = mat(4, 4, v.flatMap((a) => v.map((b) => a * b)));
    expect(maxDiff(symmetricEigenvalues(R), [0, 0, 0, 30])).toBeLessThan(1e-13);
    expect(lambdaMin(mat(1, 1, [-7]))).toBe(-7);
  });

  it('the (−1, 2, −1) tridiagonal matrix: λ_k = 2 − 2cos(kπ/(n+1))', () => {
    const n = 12;
    const T = zeros(n, n);
    for (let i = 0; i < n; i++) {
      T.data[i * n + i] = 2;
      if (i > 0) { T.data[i * n + i - 1] = -1; T.data[(i - 1) * n + i] = -1; }
    }
    const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expect(maxDiff(symmetricEigenvalues(T), want)).toBeLessThan(1e-14);
    expect(lambdaMin(T)).toBeCloseTo(want[0], 14);
    expect(lambdaMax(T)).toBeCloseTo(want[n - 1], 14);
  });

  it('trace and sum of squares are preserved on random symmetric matrices', () => {
    for (let seed = 0; seed < 10; seed++) {
      const n = 2 + seed;
      const A = randomSpd(seed, n, 3, -1); // indefinite in general
      const ev = symmetricEigenvalues(A);
      let tr = 0, fro = 0;
      for (let i = 0; i < n; i++) tr += A.data[i * n + i];
      for (const x of A.data) fro += x * x;
      expect(ev.reduce((s, x) => s + x, 0)).toBeCloseTo(tr, 10);
      expect(ev.reduce((s, x) => s + x * x, 0)).toBeCloseTo(fro, 8);
      for (let k = 1; k < n; k++) expect(ev[k]).toBeGreaterThanOrEqual(ev[k - 1]);
    }
  });

  it('rejects bad, non-square and non-symmetric matrices', () => {
    for (const f of [symmetricEigenvalues, lambdaMin, lambdaMax]) {
      for (const [, bad, cls] of badMatrices()) expectTyped(() => f(bad), cls, 'a');
      expectTyped(() => f(mat(2, 3, [1, 2, 3, 4, 5, 6])), ShapeError, 'a');
      expectTyped(() => f(mat(2, 2, [1, 2, 0, 1])), DomainError, 'a');
    }
    // Round-off asymmetry (relative 1e-14) is tolerated and averaged away.
    expect(lambdaMax(mat(2, 2, [1, 1, 1 + 1e-14, 1]))).toBeCloseTo(2, 13);
  });

  it('symmetry is checked relative to the scale; an asymmetry anywhere is a DomainError naming a', () => {
    const big = mat(2, 2, [1e6, 5, 5 + 1e-5, 1e6]);
    expect(lambdaMin(big)).toBeCloseTo(1e6 - 5, 3); // 1e-5 ≤ 1e-10 · 1e6: symmetric to within round-off
    expectTyped(() => lambdaMin(mat(3, 3, [1, 0, 0, 0, 1, 2, 0, 0, 1])), DomainError, 'a');
    expectTyped(() => lambdaExtremes(mat(2, 2, [1, 1, 0, 1])), DomainError, 'a');
  });
});

describe('isPositiveDefiniteShifted(A, t) ⇔ λmin(A) > t', () => {
  it('agrees with the eigen-solve on random SPD matrices away from a tiny margin', () => {
    const r = rng(99);
    let checked = 0, trueCount = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + r.int(12);
      const A = randomSpd(1000 + trial, n, 1 + r.int(n + 2), r.uniform() < 0.5 ? 0 : 1e-3);
      const lmin = lambdaMin(A), lmax = lambdaMax(A);
      const t = lmin + (r.uniform() - 0.5) * Math.max(Math.abs(lmin), 1e-6) * (r.uniform() < 0.5 ? 1e-3 : 1);
      // Within ~100 ulps of the spectrum's scale, both answers are round-off.
      if (Math.abs(t - lmin) < 1e-13 * Math.max(lmax, 1)) continue;
      checked++;
      const cert = isPositiveDefiniteShifted(A, t);
      if (cert) trueCount++;
      expect(cert, `n=${n} λmin=${lmin} t=${t}`).toBe(lmin > t);
    }
    expect(checked).toBeGreaterThan(250);
    expect(trueCount).toBeGreaterThan(50);
    expect(checked - trueCount).toBeGreaterThan(50);
  });

  it('default shift 0, singular and indefinite matrices', () => {
    expect(isPositiveDefiniteShifted(mat(2, 2, [2, 1, 1, 2]))).toBe(true);
    expect(isPositiveDefiniteShifted(mat(2, 2, [2, 1, 1, 2]), 0.999)).toBe(true);
    expect(isPositiveDefiniteShifted(mat(2, 2, [2, 1, 1, 2]), 1.001)).toBe(false);
    expect(isPositiveDefiniteShifted(mat(2, 2, [1, 1, 1, 1]))).toBe(false);
    expect(isPositiveDefiniteShifted(mat(2, 2, [1, 0, 0, -1]), -2)).toBe(true);
  });

  it('rejects bad matrices, asymmetric input and non-finite shifts', () => {
    for (const [, bad, cls] of badMatrices()) expectTyped(() => isPositiveDefiniteShifted(bad), cls, 'a');
    expectTyped(() => isPositiveDefiniteShifted(mat(1, 2, [1, 2])), ShapeError, 'a');
    expectTyped(() => isPositiveDefiniteShifted(mat(2, 2, [1, 0.5, 0, 1])), DomainError, 'a');
    expectTyped(() => isPositiveDefiniteShifted(mat(2, 2, [1, 0, 0, 1]), NaN), NonFiniteError, 't');
    expectTyped(() => isPositiveDefiniteShifted(mat(2, 2, [1, 0, 0, 1]), -Infinity), NonFiniteError, 't');
  });
});

describe('spectralNorm', () => {
  it('symmetric: max |λ|, also for indefinite matrices', () => {
    expect(spectralNorm(mat(2, 2, [1, 0, 0, -3]))).toBeCloseTo(3, 15);
    expect(spectralNorm(mat(2, 2, [0, 2, 2, 0]))).toBeCloseTo(2, 15);
    const A = randomSpd(5, 6, 6, -4);
    const ev = symmetricEigenvalues(A);
    expect(spectralNorm(A)).toBeCloseTo(Math.max(-ev[0], ev[5]), 12);
  });

  it('non-symmetric and rectangular (wide and tall) agree with power iteration, silently', () => {
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    // numpy.linalg.norm([[1,2,3],[4,5,6]], 2) = 9.508032000695724
    expect(spectralNorm(mat(2, 3, [1, 2, 3, 4, 5, 6]))).toBeCloseTo(9.508032000695724, 13);
    expect(spectralNorm(mat(3, 2, [1, 4, 2, 5, 3, 6]))).toBeCloseTo(9.508032000695724, 13);
    // A nilpotent Jordan block: all eigenvalues 0, norm 1.
    expect(spectralNorm(mat(2, 2, [0, 1, 0, 0]))).toBeCloseTo(1, 15);
    const r = rng(8);
    for (const [p, q] of [[3, 7], [7, 3], [5, 5], [1, 6]]) {
      const A = zeros(p, q);
      r.fillNormal(A.data);
      expect(spectralNorm(A)).toBeCloseTo(powerNorm(A), 9);
    }
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('rejects bad matrices', () => {
    for (const [, bad, cls] of badMatrices(2, 3)) expectTyped(() => spectralNorm(bad), cls, 'a');
  });
});

describe('svd: thin a = U·diag(s)·Vᵀ', () => {
  it('reconstructs tall, wide and square matrices with orthonormal U, V and descending s ≥ 0', () => {
    for (const [rows, cols, seed] of [[5, 3, 1], [3, 5, 2], [4, 4, 3], [1, 3, 4]]) {
      const a = zeros(rows, cols);
      rng(seed).fillNormal(a.data);
      const { U, s, V } = svd(a), k = Math.min(rows, cols);
      expect([U.rows, U.cols, s.length, V.rows, V.cols]).toEqual([rows, k, k, cols, k]);
      for (let t = 0; t < k; t++) {
        expect(s[t]).toBeGreaterThanOrEqual(0);
        if (t > 0) expect(s[t]).toBeLessThanOrEqual(s[t - 1]);
      }
      const back = zeros(rows, cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
        let v = 0;
        for (let t = 0; t < k; t++) v += U.data[i * k + t] * s[t] * V.data[j * k + t];
        back.data[i * cols + j] = v;
      }
      expect(maxDiff(back.data, a.data)).toBeLessThan(1e-12);
      for (const [Q, n] of [[U, rows], [V, cols]] as const) {
        for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) {
          let g = 0;
          for (let i = 0; i < n; i++) g += Q.data[i * k + p] * Q.data[i * k + q];
          expect(Math.abs(g - (p === q ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
      expect(Math.abs(s[0] - spectralNorm(a))).toBeLessThan(1e-12 * s[0]);
    }
  });

  it('rejects a bad matrix, naming a', () => {
    for (const [, m, cls] of badMatrices()) expectTyped(() => svd(m), cls, 'a');
  });
});

describe('leastSquares: θ* = argmin ‖Xθ − y‖', () => {
  it('solves an overdetermined system: the residual is orthogonal to the columns of X', () => {
    const X = zeros(7, 3), y = new Float64Array(7);
    rng(31).fillNormal(X.data);
    rng(32).fillNormal(y);
    const theta = leastSquares(X, y);
    for (let k = 0; k < 3; k++) {
      let s = 0;
      for (let i = 0; i < 7; i++) {
        let r = -y[i];
        for (let j = 0; j < 3; j++) r += X.data[i * 3 + j] * theta[j];
        s += X.data[i * 3 + k] * r;
      }
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
  });
  it('rejects a bad X or y, naming it', () => {
    for (const [, m, cls] of badMatrices()) expectTyped(() => leastSquares(m, new Float64Array(m.rows > 0 ? m.rows : 0)), cls, 'X');
    expectTyped(() => leastSquares(zeros(3, 2), new Float64Array(2)), ShapeError, 'y');
    expectTyped(() => leastSquares(zeros(2, 2), Float64Array.from([1, NaN])), NonFiniteError, 'y');
  });
});

describe('psdCholesky (the N(0, K) factor of the chapter-3 samplers)', () => {
  it('gives C Cᵀ = K for a positive definite K and for a singular K (a duplicated sample), C lower-triangular', async () => {
    const { psdCholesky } = await import('../src/core/linalg.ts');
    const { fromRows } = await import('../src/core/matrix.ts');
    for (const rows of [[[4, 2, 0], [2, 3, 1], [0, 1, 2]], [[1, 0.5, 1], [0.5, 1, 0.5], [1, 0.5, 1]]]) {
      const K = fromRows(rows), C = psdCholesky(K), n = 3;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += C.data[i * n + k] * C.data[j * n + k];
        expect(Math.abs(s - rows[i][j])).toBeLessThan(1e-12);
        if (j > i) expect(C.data[i * n + j]).toBe(0);
      }
    }
  });
});
