/**
 * Eigenvalues of a symmetric matrix without a full decomposition (values only, no vectors):
 *   1. Householder tridiagonalization A = Q T Qᵀ (backward stable, 4n³/3 flops, lower triangle only);
 *   2. bisection on T with Sturm counts (LAPACK dlaebz's negcount with the pivmin guard), to full
 *      precision: each eigenvalue costs ≤ ~60 counts of n steps; for the whole spectrum the implicit
 *      QL iteration (tql1, O(n²) in all) replaces n bisections.
 * λmin and λmax alone need the reduction and two bisections, all n values the reduction and QL; both are
 * far cheaper than a QR/QL eigen-decomposition with vectors (ml-matrix's, kept as the test oracle in
 * test/eigen.test.ts). Accuracy: |λ̂ − λ| ≲ c·n·ε·‖A‖ (the reduction's backward error), the same
 * order as any backward-stable solver, plus an absolute error below the pivmin guard 2⁻¹⁰²² (a
 * diagonal matrix's eigenvalues are not always returned exactly: diag(−2, 0) gives λ₁ ≈ 4e-19).
 * Range: the matrix-level functions (symmetricEigenvaluesFast, eigenExtremes, symmetricEigenvalueAt)
 * first scale A by a power of two (exact) when its largest entry is outside [2⁻⁵⁰⁰, 2⁵⁰⁰], so every
 * finite A works; the tridiagonal-level functions take T as given and need |e| ≲ 1e154 (beyond that
 * e² overflows in the Sturm counts; docs/mutation-eigen-activations.md, "Bugs found").
 *
 * For "λmin(A) > t" as a yes/no certificate, src/core/linalg.ts isPositiveDefiniteShifted (a
 * Cholesky attempt of A − tI, n³/3 flops) is cheaper still.
 */
import { DomainError, ShapeError } from './errors.ts';
import { type Matrix, requireSquare } from './matrix.ts';

/** The symmetric tridiagonal T: diagonal d (n), off-diagonal e (n − 1). */
export interface Tridiagonal {
  readonly d: Float64Array;
  readonly e: Float64Array;
}

const EPS = 2 ** -52;
const SAFMIN = 2 ** -1022;

/**
 * Householder reduction of the symmetric part (A + Aᵀ)/2 of a square matrix to tridiagonal form.
 * Works on a copy of the lower triangle; A is not modified.
 */
export function tridiagonalize(a: Matrix): Tridiagonal {
  requireSquare(a, 'a');
  const n = a.rows, src = a.data;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) A[i * n + j] = 0.5 * (src[i * n + j] + src[j * n + i]);
  }
  const d = new Float64Array(n), e = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(n), p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const k1 = k + 1;
    // x = A[k+1.., k], scaled by its largest entry to keep Σx² from overflowing.
    let scale = 0;
    for (let i = k1; i < n; i++) { const t = Math.abs(A[i * n + k]); if (t > scale) scale = t; }
    d[k] = A[k * n + k];
    if (scale === 0) { e[k] = 0; continue; }
    let sigma = 0;
    for (let i = k1; i < n; i++) { const t = A[i * n + k] / scale; v[i] = t; sigma += t * t; }
    const x0 = v[k1];
    const alpha = x0 >= 0 ? -Math.sqrt(sigma) : Math.sqrt(sigma);
    e[k] = alpha * scale;
    v[k1] = x0 - alpha;
    const vtv = sigma - 2 * alpha * x0 + alpha * alpha; // = ‖x − αe₁‖² = 2(σ − α·x₀)
    if (!(vtv > 0)) continue; // x already a multiple of e₁ (no reflection needed)
    const beta = 2 / vtv;
    // p = β·A22·v from the lower triangle: row i contributes A_ij v_j to p_i and A_ij v_i to p_j.
    p.fill(0, k1, n);
    for (let i = k1; i < n; i++) {
      const io = i * n, vi = v[i];
      let s = 0;
      for (let j = k1; j < i; j++) {
        const aij = A[io + j];
        s += aij * v[j];
        p[j] += aij * vi;
      }
      p[i] += s + A[io + i] * vi;
    }
    let ptv = 0;
    for (let i = k1; i < n; i++) { p[i] *= beta; ptv += p[i] * v[i]; }
    const K = 0.5 * beta * ptv;
    for (let i = k1; i < n; i++) p[i] -= K * v[i]; // p is now w = p − K v
    // A22 ← A22 − v wᵀ − w vᵀ (lower triangle).
    for (let i = k1; i < n; i++) {
      const io = i * n, vi = v[i], wi = p[i];
      for (let j = k1; j <= i; j++) A[io + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = A[(n - 2) * n + n - 2];
    e[n - 2] = A[(n - 1) * n + n - 2];
  }
  d[n - 1] = A[(n - 1) * n + n - 1];
  return { d, e };
}

function requireTridiagonal(t: Tridiagonal): number {
  if (t === null || typeof t !== 'object' || !(t.d instanceof Float64Array) || !(t.e instanceof Float64Array)) {
    throw new ShapeError('t must be { d: Float64Array, e: Float64Array }', 't');
  }
  const n = t.d.length;
  if (n === 0) throw new ShapeError('t.d is empty', 't');
  if (t.e.length !== n - 1) throw new ShapeError(`t.e has length ${t.e.length}, expected ${n - 1}`, 't');
  for (let i = 0; i < n; i++) if (!Number.isFinite(t.d[i])) throw new DomainError(`t.d[${i}] is ${t.d[i]}`, 't');
  for (let i = 0; i < n - 1; i++) if (!Number.isFinite(t.e[i])) throw new DomainError(`t.e[${i}] is ${t.e[i]}`, 't');
  return n;
}

/** Precomputed data for Sturm counts on T. */
interface Sturm { n: number; d: Float64Array; e2: Float64Array; pivmin: number; lo: number; hi: number; floor: number }

function sturm(t: Tridiagonal): Sturm {
  const n = requireTridiagonal(t);
  const { d, e } = t;
  const e2 = new Float64Array(Math.max(0, n - 1));
  let maxE2 = 0, lo = Infinity, hi = -Infinity, tnorm = 0;
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? Math.abs(e[i - 1]) : 0, right = i < n - 1 ? Math.abs(e[i]) : 0;
    lo = Math.min(lo, d[i] - left - right);
    hi = Math.max(hi, d[i] + left + right);
    tnorm = Math.max(tnorm, Math.abs(d[i]) + left + right);
    if (i < n - 1) { e2[i] = e[i] * e[i]; if (e2[i] > maxE2) maxE2 = e2[i]; }
  }
  const pivmin = SAFMIN * Math.max(1, maxE2);
  const pad = 2 * EPS * tnorm * n + 2 * pivmin; // Gershgorin bounds are exact; pad against their rounding
  return { n, d, e2, pivmin, lo: lo - pad, hi: hi + pad, floor: 1e-3 * EPS * tnorm };
}

/** #{eigenvalues of T ≤ x} (to rounding), LAPACK's negcount with the pivmin guard. */
function count(s: Sturm, x: number): number {
  const { n, d, e2, pivmin } = s;
  let c = 0;
  let q = d[0] - x;
  if (Math.abs(q) < pivmin) q = -pivmin;
  if (q <= 0) c++;
  for (let i = 1; i < n; i++) {
    q = d[i] - x - e2[i - 1] / q;
    if (Math.abs(q) < pivmin) q = -pivmin;
    if (q <= 0) c++;
  }
  return c;
}

/** Number of eigenvalues of T that are ≤ x. */
export function sturmCount(t: Tridiagonal, x: number): number {
  if (!Number.isFinite(x)) throw new DomainError(`x must be finite, got ${x}`, 'x');
  return count(sturm(t), x);
}

/** The k-th smallest eigenvalue (k = 0 … n−1) by bisection in [lo, hi], lo below it and hi at or above. */
function bisect(s: Sturm, k: number, lo: number, hi: number): { value: number; lo: number } {
  // Invariant: count(lo) ≤ k < count(hi). Stop at adjacent floats, or below the absolute floor
  // (1e-3·ε·‖T‖, far under the reduction's error), so at most ~62 iterations.
  for (let it = 0; it < 2100; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi || hi - lo <= s.floor) break;
    if (count(s, mid) > k) hi = mid;
    else lo = mid;
  }
  return { value: hi, lo };
}

function requireK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 0 || k >= n) throw new ShapeError(`k = ${k} is not an index in [0, ${n})`, 'k');
}

/** The k-th smallest eigenvalue of T (k = 0 is λmin). */
export function tridiagonalEigenvalue(t: Tridiagonal, k: number): number {
  const s = sturm(t);
  requireK(k, s.n);
  return bisect(s, k, s.lo, s.hi).value;
}

/** All eigenvalues of T, ascending. */
export function tridiagonalEigenvalues(t: Tridiagonal): Float64Array {
  const s = sturm(t);
  const out = new Float64Array(s.n);
  let lo = s.lo;
  for (let k = 0; k < s.n; k++) {
    // λ_k ≥ λ_{k−1}: the previous lower end still has count ≤ k−1 ≤ k, so it is a valid start.
    const r = bisect(s, k, lo, s.hi);
    out[k] = r.value;
    lo = r.lo;
  }
  return out;
}

/**
 * All eigenvalues of T, ascending, by the implicit QL iteration with Wilkinson shifts (EISPACK
 * tql1, values only): O(n²) in all, against bisection's ~60 Sturm counts of O(n) per eigenvalue.
 * Backward stable like bisection; used for the whole spectrum, bisection for single eigenvalues.
 */
export function tridiagonalEigenvaluesQL(t: Tridiagonal): Float64Array {
  const n = requireTridiagonal(t);
  const d = Float64Array.from(t.d);
  const e = new Float64Array(n); // e[i] couples i and i + 1; e[n − 1] = 0
  e.set(t.e);
  for (let l = 0; l < n; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= EPS * dd) break;
      }
      if (m === l) break;
      if (iter === 100) throw new DomainError(`QL iteration did not converge for eigenvalue ${l}`, 't');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0, i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i], b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) { d[i + 1] -= p; e[m] = 0; deflated = true; break; }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

const SCALE_HI = 2 ** 500;
const SCALE_LO = 2 ** -500;

/**
 * A power of two s with max|a_ij|/s in [1, 2) when max|a_ij| is outside [2⁻⁵⁰⁰, 2⁵⁰⁰], else 1.
 * Dividing by s is exact (bar entries that underflow, which are below ε·‖A‖ anyway) and keeps e²,
 * the bisection midpoints and QL's differences far from overflow and underflow; eigenvalues scale by s.
 */
function eigenScale(a: Matrix): number {
  let big = 0;
  for (const v of a.data) { const t = Math.abs(v); if (t > big) big = t; }
  if (!(big > SCALE_HI || (big > 0 && big < SCALE_LO))) return 1;
  return 2 ** Math.floor(Math.log2(big));
}

/** tridiagonalize(a / s), without forming a / s when s = 1. */
function tridiagonalizeScaled(a: Matrix, s: number): Tridiagonal {
  if (s === 1) return tridiagonalize(a);
  const data = new Float64Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i] / s;
  return tridiagonalize({ rows: a.rows, cols: a.cols, data });
}

/** All eigenvalues of the symmetric part of a, ascending (values only). */
export function symmetricEigenvaluesFast(a: Matrix): Float64Array {
  requireSquare(a, 'a');
  const s = eigenScale(a);
  const values = tridiagonalEigenvaluesQL(tridiagonalizeScaled(a, s));
  if (s !== 1) for (let i = 0; i < values.length; i++) values[i] *= s;
  return values;
}

/** λmin and λmax of the symmetric part of a, from one reduction. */
export function eigenExtremes(a: Matrix): { min: number; max: number } {
  requireSquare(a, 'a');
  const scale = eigenScale(a);
  const s = sturm(tridiagonalizeScaled(a, scale));
  return { min: bisect(s, 0, s.lo, s.hi).value * scale, max: bisect(s, s.n - 1, s.lo, s.hi).value * scale };
}

/** The k-th smallest eigenvalue of the symmetric part of a (k = 0 is λmin). */
export function symmetricEigenvalueAt(a: Matrix, k: number): number {
  requireSquare(a, 'a');
  requireK(k, a.rows);
  const s = eigenScale(a);
  return tridiagonalEigenvalue(tridiagonalizeScaled(a, s), k) * s;
}
