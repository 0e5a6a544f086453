/**
 * Asymmetric matrix factorization (thesis §4.1, §4.3; catalog 002c §3.1–§3.2, §3.11–§3.25):
 *   (4.1)/(4.8)  f(U, V) = ½‖UVᵀ − M*‖_F²,          ∇_U = RV, ∇_V = RᵀU, R = UVᵀ − M*  (4.2)
 *   (4.3)        f(U, V) + ⅛‖UᵀU − VᵀV‖_F²,         ∇_U = RV + ½UA, ∇_V = RᵀU − ½VA, A = UᵀU − VᵀV
 * the objective GD (4.9) runs on (src/train/gd.ts; the alternating update is its control),
 * the Hessian quadratic form (4.12) and its assembled matrix, the Procrustes rotation of Lemma 4.2,
 * constructed stationary points (catalog §3.14), and the exact rank-1 recursions (4.23)–(4.24).
 * No 1/m factor here.
 *
 * Bad input: every exported function checks its matrices (shape and finite entries), sizes (before
 * allocating) and names with a typed error naming the argument, except the hot kernels
 * mfLossGradInto and balanceInto, which make O(1) shape checks only: values unchecked by design
 * (mfObjective validates M* once where the objective is built and GD validates its iterate).
 */
import { gemm, gemmABt, gemmAtB } from '../core/blas.ts';
import {
  DomainError, Provenance, ShapeError, describeValue, requireAllocatable, requireFiniteArray, requireFiniteNumber, requireFloat64Array, requireLength,
  requirePositive, requirePositiveInt,
} from '../core/errors.ts';
import { svd } from '../core/linalg.ts';
import { type Matrix, requireMatrix, requireMatrixShape, zeros } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { type Block, type Objective, layoutBlocks } from './model.ts';

export type MfObjective = 'plain' | 'balanced';

export interface MfWorkspace {
  readonly d1: number;
  readonly d2: number;
  readonly r: number;
  /** R = UVᵀ − M* (d1 × d2). */
  readonly R: Matrix;
  /** ∇_U (d1 × r) and ∇_V (d2 × r). */
  readonly GU: Matrix;
  readonly GV: Matrix;
  /** A = UᵀU − VᵀV (r × r), filled by the balanced objective and by balanceInto. */
  readonly A: Matrix;
  /** Scratch (r × r, d1 × r, d2 × r). */
  readonly T: Matrix;
  readonly SU: Matrix;
  readonly SV: Matrix;
}

export function mfWorkspace(d1: number, d2: number, r: number): MfWorkspace {
  requirePositiveInt(d1, 'd1');
  requirePositiveInt(d2, 'd2');
  requirePositiveInt(r, 'r');
  requireAllocatable(d1 * d2, d1 >= d2 ? 'd1' : 'd2', `a ${d1}×${d2} residual`);
  requireAllocatable(Math.max(d1, d2, r) * r, 'r', `a ${Math.max(d1, d2, r)}×${r} factor`);
  return {
    d1, d2, r, R: zeros(d1, d2), GU: zeros(d1, r), GV: zeros(d2, r), A: zeros(r, r), T: zeros(r, r),
    SU: zeros(d1, r), SV: zeros(d2, r),
  };
}

/** Validate (U, V, M*) once at the public boundary. */
export function requireMfInputs(U: Matrix, V: Matrix, M: Matrix): void {
  requireMatrix(U, 'U');
  requireMatrix(V, 'V', null, U.cols);
  requireMatrix(M, 'M', U.rows, V.rows);
}

function requireWs(ws: MfWorkspace, U: Matrix, V: Matrix): void {
  if (ws === null || typeof ws !== 'object' || !ws.R || !ws.GU || !ws.GV) throw new ShapeError(`ws must be an MfWorkspace (mfWorkspace), got ${describeValue(ws)}`, 'ws');
  if (ws.d1 !== U.rows || ws.d2 !== V.rows || ws.r !== U.cols) {
    throw new ShapeError(`workspace is for (d1, d2, r) = (${ws.d1}, ${ws.d2}, ${ws.r}), got (${U.rows}, ${V.rows}, ${U.cols})`, 'ws');
  }
}

/** A = UᵀU − VᵀV into `out` (r × r), using `tmp` (r × r). Allocation-free; O(1) shape checks, values unchecked (hot path). */
export function balanceInto(U: Matrix, V: Matrix, out: Matrix, tmp: Matrix): void {
  requireMatrixShape(U, 'U');
  requireMatrixShape(V, 'V', null, U.cols);
  requireMatrixShape(out, 'out', U.cols, U.cols);
  requireMatrixShape(tmp, 'tmp', U.cols, U.cols);
  balanceUnchecked(U, V, out, tmp);
}

function balanceUnchecked(U: Matrix, V: Matrix, out: Matrix, tmp: Matrix): void {
  gemmAtB(U, U, out);
  gemmAtB(V, V, tmp);
  const a = out.data, t = tmp.data;
  for (let k = 0; k < a.length; k++) a[k] -= t[k];
}

/** UᵀU − VᵀV (checked, allocates). */
export function balance(U: Matrix, V: Matrix): Matrix {
  requireMatrix(U, 'U');
  requireMatrix(V, 'V', null, U.cols);
  const out = zeros(U.cols, U.cols);
  balanceUnchecked(U, V, out, zeros(U.cols, U.cols));
  return out;
}

export function frobeniusSq(a: Matrix): number {
  requireMatrix(a, 'a');
  return sumSquares(a);
}

function sumSquares(a: Matrix): number {
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k] * a.data[k];
  return s;
}

export function frobenius(a: Matrix): number {
  return Math.sqrt(frobeniusSq(a));
}

/** O(1) shapes of (U, V, M*) for the hot kernel (values are requireMfInputs' job). */
function requireMfShapes(U: Matrix, V: Matrix, M: Matrix): void {
  requireMatrixShape(U, 'U');
  requireMatrixShape(V, 'V', null, U.cols);
  requireMatrixShape(M, 'M', U.rows, V.rows);
}

/**
 * f(U, V) of (4.1)/(4.3) and its gradient (4.2) into ws.GU, ws.GV (ws.R holds the residual;
 * ws.A holds UᵀU − VᵀV for the balanced objective). Hot path, allocation-free: O(1) checks of the
 * shapes, the workspace and the objective's name; values unchecked (validate with requireMfInputs).
 */
export function mfLossGradInto(U: Matrix, V: Matrix, M: Matrix, ws: MfWorkspace, objective: MfObjective = 'plain'): number {
  requireMfShapes(U, V, M);
  requireWs(ws, U, V);
  requireObjective(objective);
  return lossGradUnchecked(U, V, M, ws, objective);
}

function lossGradUnchecked(U: Matrix, V: Matrix, M: Matrix, ws: MfWorkspace, objective: MfObjective): number {
  if (objective === 'plain') return plainLossGradFused(U.data, V.data, M.data, ws.R.data, ws.GU.data, ws.GV.data, ws.d1, ws.d2, ws.r);
  gemmABt(U, V, ws.R);
  const R = ws.R.data, Md = M.data;
  let s = 0;
  for (let k = 0; k < R.length; k++) {
    const e = R[k] - Md[k];
    R[k] = e;
    s += e * e;
  }
  gemm(ws.R, V, ws.GU); // ∇_U = (UVᵀ − M*)V
  gemmAtB(ws.R, U, ws.GV); // ∇_V = (UVᵀ − M*)ᵀU
  let f = 0.5 * s;
  if (objective === 'balanced') {
    // (4.3): + ⅛‖A‖², whose gradient is ½UA (for U) and −½VA (for V), A symmetric.
    balanceUnchecked(U, V, ws.A, ws.T);
    f += 0.125 * sumSquares(ws.A);
    gemm(U, ws.A, ws.SU);
    gemm(V, ws.A, ws.SV);
    const gu = ws.GU.data, gv = ws.GV.data, su = ws.SU.data, sv = ws.SV.data;
    for (let k = 0; k < gu.length; k++) gu[k] += 0.5 * su[k];
    for (let k = 0; k < gv.length; k++) gv[k] -= 0.5 * sv[k];
  }
  return f;
}

/**
 * The plain objective (4.1) in one pass over (i, j): R_ij = ⟨U_i, V_j⟩ − M*_ij, ∇_U[i] += R_ij V_j,
 * ∇_V[j] += R_ij U_i. The trajectories of Theorems 4.4–4.5 take 1e5+ steps at d ≤ 16, r ≤ 3, where
 * the per-call checks of the three BLAS calls cost more than the ~3·d1·d2·r flops; this fused loop
 * is the same arithmetic without them (the unit tests compare it with the gemm form).
 */
function plainLossGradFused(u: Float64Array, v: Float64Array, m: Float64Array, R: Float64Array, gu: Float64Array, gv: Float64Array, d1: number, d2: number, r: number): number {
  gv.fill(0);
  let f = 0;
  for (let i = 0; i < d1; i++) {
    const uo = i * r;
    for (let a = 0; a < r; a++) gu[uo + a] = 0;
    for (let j = 0; j < d2; j++) {
      const vo = j * r;
      let s = -m[i * d2 + j];
      for (let a = 0; a < r; a++) s += u[uo + a] * v[vo + a];
      R[i * d2 + j] = s;
      f += s * s;
      for (let a = 0; a < r; a++) {
        gu[uo + a] += s * v[vo + a];
        gv[vo + a] += s * u[uo + a];
      }
    }
  }
  return 0.5 * f;
}

/** The gemm form of (4.2), kept as the reference for the fused loop (unit tests). */
export function mfLossGradReference(U: Matrix, V: Matrix, M: Matrix, ws: MfWorkspace): number {
  requireMfInputs(U, V, M);
  requireWs(ws, U, V);
  gemmABt(U, V, ws.R);
  let s = 0;
  for (let k = 0; k < ws.R.data.length; k++) { ws.R.data[k] -= M.data[k]; s += ws.R.data[k] ** 2; }
  gemm(ws.R, V, ws.GU);
  gemmAtB(ws.R, U, ws.GV);
  return 0.5 * s;
}

function requireObjective(objective: MfObjective): void {
  if (objective !== 'plain' && objective !== 'balanced') throw new DomainError(`objective must be 'plain' or 'balanced', got ${objective}`, 'objective');
}

/** Checked loss and gradient (copies). */
export function mfLossGrad(U: Matrix, V: Matrix, M: Matrix, objective: MfObjective = 'plain'): { f: number; GU: Matrix; GV: Matrix; R: Matrix } {
  requireMfInputs(U, V, M);
  requireObjective(objective);
  const ws = mfWorkspace(U.rows, V.rows, U.cols);
  const f = lossGradUnchecked(U, V, M, ws, objective);
  const copy = (a: Matrix): Matrix => ({ rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) });
  return { f, GU: copy(ws.GU), GV: copy(ws.GV), R: copy(ws.R) };
}

export function mfLoss(U: Matrix, V: Matrix, M: Matrix, objective: MfObjective = 'plain'): number {
  return mfLossGrad(U, V, M, objective).f;
}

// ---------------------------------------------------------------------------------------------
// Second order: (4.12) and the assembled Hessian.
// ---------------------------------------------------------------------------------------------

/**
 * [∇²f(U,V)](X, Y) for the plain objective (4.1): the bilinear form of catalog §3.17,
 * ⟨R, X_U Y_Vᵀ + Y_U X_Vᵀ⟩ + ⟨U X_Vᵀ + X_U Vᵀ, U Y_Vᵀ + Y_U Vᵀ⟩. B(Δ, Δ) is (4.12).
 */
export function hessianBilinear(U: Matrix, V: Matrix, M: Matrix, XU: Matrix, XV: Matrix, YU: Matrix, YV: Matrix): number {
  requireMfInputs(U, V, M);
  for (const [a, name, rows] of [[XU, 'XU', U.rows], [YU, 'YU', U.rows], [XV, 'XV', V.rows], [YV, 'YV', V.rows]] as const) {
    requireMatrix(a, name, rows, U.cols);
  }
  const d1 = U.rows, d2 = V.rows;
  const R = zeros(d1, d2), t1 = zeros(d1, d2), t2 = zeros(d1, d2), s1 = zeros(d1, d2), s2 = zeros(d1, d2);
  gemmABt(U, V, R);
  for (let k = 0; k < R.data.length; k++) R.data[k] -= M.data[k];
  gemmABt(XU, YV, t1);
  gemmABt(YU, XV, t2);
  let first = 0;
  for (let k = 0; k < R.data.length; k++) first += R.data[k] * (t1.data[k] + t2.data[k]);
  gemmABt(U, XV, t1);
  gemmABt(XU, V, t2);
  gemmABt(U, YV, s1);
  gemmABt(YU, V, s2);
  let second = 0;
  for (let k = 0; k < R.data.length; k++) second += (t1.data[k] + t2.data[k]) * (s1.data[k] + s2.data[k]);
  return first + second;
}

/** (4.12): [∇²f](Δ, Δ) = 2⟨UVᵀ − M*, Δ_U Δ_Vᵀ⟩ + ‖UΔ_Vᵀ + Δ_U Vᵀ‖_F². */
export function hessianQuadForm(U: Matrix, V: Matrix, M: Matrix, DU: Matrix, DV: Matrix): number {
  requireMfInputs(U, V, M);
  requireMatrix(DU, 'DU', U.rows, U.cols);
  requireMatrix(DV, 'DV', V.rows, U.cols);
  return hessianBilinear(U, V, M, DU, DV, DU, DV);
}

/**
 * The Hessian of (4.1) as an N × N matrix, N = (d1 + d2)r, coordinates U (row-major) then V
 * (row-major). Closed form (derived from (4.12)): ∂²f/∂U_ia∂U_i'a' = δ_ii'(VᵀV)_aa',
 * ∂²f/∂V_jb∂V_j'b' = δ_jj'(UᵀU)_bb', ∂²f/∂U_ia∂V_jb = R_ij δ_ab + U_ib V_ja.
 */
export function assembleHessian(U: Matrix, V: Matrix, M: Matrix): Matrix {
  requireMfInputs(U, V, M);
  const d1 = U.rows, d2 = V.rows, r = U.cols, N = (d1 + d2) * r;
  requireAllocatable(N * N, 'U', `the ${N}×${N} Hessian`);
  const H = zeros(N, N), Hd = H.data;
  const VtV = zeros(r, r), UtU = zeros(r, r), R = zeros(d1, d2);
  gemmAtB(V, V, VtV);
  gemmAtB(U, U, UtU);
  gemmABt(U, V, R);
  for (let k = 0; k < R.data.length; k++) R.data[k] -= M.data[k];
  const ui = (i: number, a: number): number => i * r + a;
  const vi = (j: number, b: number): number => d1 * r + j * r + b;
  for (let i = 0; i < d1; i++) for (let a = 0; a < r; a++) for (let a2 = 0; a2 < r; a2++) Hd[ui(i, a) * N + ui(i, a2)] = VtV.data[a * r + a2];
  for (let j = 0; j < d2; j++) for (let b = 0; b < r; b++) for (let b2 = 0; b2 < r; b2++) Hd[vi(j, b) * N + vi(j, b2)] = UtU.data[b * r + b2];
  for (let i = 0; i < d1; i++) {
    for (let a = 0; a < r; a++) {
      for (let j = 0; j < d2; j++) {
        for (let b = 0; b < r; b++) {
          const v = (a === b ? R.data[i * d2 + j] : 0) + U.data[i * r + b] * V.data[j * r + a];
          Hd[ui(i, a) * N + vi(j, b)] = v;
          Hd[vi(j, b) * N + ui(i, a)] = v;
        }
      }
    }
  }
  return H;
}

// ---------------------------------------------------------------------------------------------
// Targets, factors, rotations and constructed stationary points.
// ---------------------------------------------------------------------------------------------

/** d × r with orthonormal columns: Gaussian columns, modified Gram–Schmidt applied twice. */
export function randomOrthonormal(rng: Rng, d: number, r: number): Matrix {
  requireRng(rng, 'rng', ['fillNormal']);
  requirePositiveInt(d, 'd');
  requirePositiveInt(r, 'r');
  if (r > d) throw new DomainError(`cannot place ${r} orthonormal columns in R^${d}`, 'r');
  requireAllocatable(d * r, 'd', `a ${d}×${r} matrix`);
  const Q = zeros(d, r), q = Q.data;
  for (;;) {
    rng.fillNormal(q);
    let ok = true;
    for (let c = 0; c < r && ok; c++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let c2 = 0; c2 < c; c2++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += q[i * r + c] * q[i * r + c2];
          for (let i = 0; i < d; i++) q[i * r + c] -= s * q[i * r + c2];
        }
      }
      let n = 0;
      for (let i = 0; i < d; i++) n += q[i * r + c] * q[i * r + c];
      n = Math.sqrt(n);
      if (!(n > 1e-8)) { ok = false; break; }
      for (let i = 0; i < d; i++) q[i * r + c] /= n;
    }
    if (ok) return Q;
  }
}

/** A rank-r target M* = Φ diag(σ) Ψᵀ with its balanced factors U* = ΦΣ^{1/2}, V* = ΨΣ^{1/2} (Lemma 4.2's notation). */
export interface LowRankTarget {
  readonly M: Matrix;
  readonly Phi: Matrix;
  readonly Psi: Matrix;
  readonly sigma: Float64Array;
  readonly Ustar: Matrix;
  readonly Vstar: Matrix;
}

export function lowRankTarget(Phi: Matrix, Psi: Matrix, sigma: ArrayLike<number>): LowRankTarget {
  requireMatrix(Phi, 'Phi');
  requireMatrix(Psi, 'Psi', null, Phi.cols);
  const r = Phi.cols;
  requireLength(sigma, r, 'sigma');
  requireFiniteArray(sigma, 'sigma');
  const s = Float64Array.from(sigma);
  for (let k = 0; k < r; k++) if (!(s[k] > 0)) throw new DomainError(`sigma[${k}] must be > 0, got ${s[k]}`, 'sigma');
  const Ustar = zeros(Phi.rows, r), Vstar = zeros(Psi.rows, r);
  for (let i = 0; i < Phi.rows; i++) for (let a = 0; a < r; a++) Ustar.data[i * r + a] = Phi.data[i * r + a] * Math.sqrt(s[a]);
  for (let j = 0; j < Psi.rows; j++) for (let a = 0; a < r; a++) Vstar.data[j * r + a] = Psi.data[j * r + a] * Math.sqrt(s[a]);
  const M = zeros(Phi.rows, Psi.rows);
  gemmABt(Ustar, Vstar, M);
  return TARGETS.mark(Object.freeze({ M, Phi, Psi, sigma: s, Ustar, Vstar }));
}

const TARGETS = new Provenance<LowRankTarget>('a LowRankTarget from lowRankTarget() or randomLowRankTarget()');

/** A random rank-r target with the given singular values (random singular vectors). */
export function randomLowRankTarget(rng: Rng, d1: number, d2: number, sigma: ArrayLike<number>): LowRankTarget {
  requireRng(rng, 'rng');
  requireFiniteArray(sigma, 'sigma');
  if (sigma.length === 0) throw new ShapeError('sigma is empty: a target needs rank ≥ 1', 'sigma');
  for (const [d, name] of [[d1, 'd1'], [d2, 'd2']] as const) {
    requirePositiveInt(d, name);
    if (d < sigma.length) throw new DomainError(`${name} = ${d} is below the rank ${sigma.length}`, name);
    requireAllocatable(d * sigma.length, name, `a ${d}×${sigma.length} factor`);
  }
  return lowRankTarget(randomOrthonormal(rng.stream('Phi'), d1, sigma.length), randomOrthonormal(rng.stream('Psi'), d2, sigma.length), sigma);
}

/**
 * Orthogonal Procrustes (the R of thesis Claim 4.4; catalog 002c §3.23): argmin over orthogonal R of ‖W − W*R‖_F is PQᵀ with
 * W*ᵀW = PSQᵀ. W and W* are (d1 + d2) × r.
 */
export function procrustes(W: Matrix, Wstar: Matrix): Matrix {
  requireMatrix(W, 'W');
  requireMatrix(Wstar, 'Wstar', W.rows, W.cols);
  const r = W.cols, C = zeros(r, r);
  gemmAtB(Wstar, W, C);
  const { U: P, V: Q } = svd(C);
  const R = zeros(r, r);
  gemmABt(P, Q, R); // same summation order as ml-matrix's P.mmul(Qᵀ): bitwise the former result
  return R;
}

/** Stack [U; V] into a (d1 + d2) × r matrix W. */
export function stack(U: Matrix, V: Matrix): Matrix {
  requireMatrix(U, 'U');
  requireMatrix(V, 'V', null, U.cols);
  const W = zeros(U.rows + V.rows, U.cols);
  W.data.set(U.data, 0);
  W.data.set(V.data, U.data.length);
  return W;
}

/** Split W = [U; V] (copies). */
export function unstack(W: Matrix, d1: number): { U: Matrix; V: Matrix } {
  requireMatrix(W, 'W');
  requireFiniteNumber(d1, 'd1');
  if (!Number.isInteger(d1) || d1 < 1 || d1 >= W.rows) throw new DomainError(`d1 must be in [1, ${W.rows - 1}], got ${d1}`, 'd1');
  const r = W.cols;
  const U = zeros(d1, r), V = zeros(W.rows - d1, r);
  U.data.set(W.data.subarray(0, d1 * r));
  V.data.set(W.data.subarray(d1 * r));
  return { U, V };
}

/** C = A·B (allocating convenience for small dense algebra). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b', a.cols);
  const c = zeros(a.rows, b.cols);
  gemm(a, b, c);
  return c;
}

/** C = A·Bᵀ (allocating). */
export function matmulABt(a: Matrix, b: Matrix): Matrix {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b', null, a.cols);
  const c = zeros(a.rows, b.rows);
  gemmABt(a, b, c);
  return c;
}

/** C = Aᵀ·B (allocating). */
export function matmulAtB(a: Matrix, b: Matrix): Matrix {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b', a.rows);
  const c = zeros(a.cols, b.cols);
  gemmAtB(a, b, c);
  return c;
}

/** ⟨A, B⟩ = tr(AᵀB). */
export function inner(a: Matrix, b: Matrix): number {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b');
  if (a.data.length !== b.data.length) throw new ShapeError(`inner product of ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`, 'b');
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k] * b.data[k];
  return s;
}

/** A − B (allocating). */
export function minus(a: Matrix, b: Matrix): Matrix {
  requireMatrix(a, 'a');
  requireMatrix(b, 'b');
  if (a.rows !== b.rows || a.cols !== b.cols) throw new ShapeError(`${a.rows}×${a.cols} minus ${b.rows}×${b.cols}`, 'b');
  const c = zeros(a.rows, a.cols);
  for (let k = 0; k < c.data.length; k++) c.data[k] = a.data[k] - b.data[k];
  return c;
}

/**
 * A stationary point of (4.1) constructed as in catalog §3.14:
 * U = (ΦΣ^{1/2} D 1_S)Q, V = (ΨΣ^{1/2} D⁻¹ 1_S)Q with S ⊆ [r] a mask of kept directions, D a
 * positive diagonal and Q orthogonal. Then RV = 0 and RᵀU = 0 exactly; it is a global minimum iff
 * S = [r], and balanced (UᵀU = VᵀV) iff D = I.
 */
export function constructedStationaryPoint(t: LowRankTarget, mask: readonly boolean[], diag: ArrayLike<number>, Q: Matrix): { U: Matrix; V: Matrix } {
  TARGETS.require(t, 't');
  const r = t.sigma.length;
  if (!Array.isArray(mask) || mask.length !== r || mask.some((k) => typeof k !== 'boolean')) {
    throw new ShapeError(`mask must be a boolean[] of ${r} entries, got ${describeValue(mask)}`, 'mask');
  }
  requireLength(diag, r, 'diag');
  requireFiniteArray(diag, 'diag');
  for (let a = 0; a < r; a++) if (!(diag[a] > 0)) throw new DomainError(`diag[${a}] must be > 0, got ${diag[a]}`, 'diag');
  requireMatrix(Q, 'Q', r, r);
  const U = zeros(t.Phi.rows, r), V = zeros(t.Psi.rows, r);
  stationaryFactors(t, mask, diag, U, V);
  return { U: matmul(U, Q), V: matmul(V, Q) };
}

function stationaryFactors(t: LowRankTarget, mask: readonly boolean[], diag: ArrayLike<number>, U0: Matrix, V0: Matrix): void {
  const r = t.sigma.length;
  const d1 = t.Phi.rows, d2 = t.Psi.rows;
  for (let a = 0; a < r; a++) {
    if (!mask[a]) continue;
    const su = Math.sqrt(t.sigma[a]) * diag[a], sv = Math.sqrt(t.sigma[a]) / diag[a];
    for (let i = 0; i < d1; i++) U0.data[i * r + a] = t.Phi.data[i * r + a] * su;
    for (let j = 0; j < d2; j++) V0.data[j * r + a] = t.Psi.data[j * r + a] * sv;
  }
}

// ---------------------------------------------------------------------------------------------
// Rank one (thesis §4.3.2, proof of Theorem 4.5).
// ---------------------------------------------------------------------------------------------

/** Target directions u*, v*: non-empty Float64Arrays of finite entries. */
function requireDirections(uStar: Float64Array, vStar: Float64Array): void {
  requireFloat64Array(uStar, 'uStar');
  if (uStar.length === 0) throw new ShapeError('uStar is empty', 'uStar');
  requireFloat64Array(vStar, 'vStar');
  if (vStar.length === 0) throw new ShapeError('vStar is empty', 'vStar');
}

/** A rank-1 state (u, v) against directions (u*, v*) and σ₁ ≥ 0: lengths, finiteness. */
function requireRank1(u: Float64Array, v: Float64Array, uStar: Float64Array, vStar: Float64Array, sigma1: number): void {
  requireDirections(uStar, vStar);
  requireFloat64Array(u, 'u', uStar.length);
  requireFloat64Array(v, 'v', vStar.length);
  if (requireFiniteNumber(sigma1, 'sigma1') < 0) throw new DomainError(`sigma1 must be ≥ 0, got ${sigma1}`, 'sigma1');
}

/** α = uᵀu*, α⊥ = ‖(I − u*u*ᵀ)u‖, β = vᵀv*, β⊥ = ‖(I − v*v*ᵀ)v‖, h = αβ − σ₁, ξ = α⊥² + β⊥². */
export interface Rank1Scalars {
  alpha: number;
  alphaPerp: number;
  beta: number;
  betaPerp: number;
  h: number;
  xi: number;
}

/** The four key quantities of Theorem 4.5's proof plus h_t and ξ_t, from the vectors. */
export function rank1Scalars(u: Float64Array, v: Float64Array, uStar: Float64Array, vStar: Float64Array, sigma1: number): Rank1Scalars {
  requireRank1(u, v, uStar, vStar, sigma1);
  return scalarsOf(u, v, uStar, vStar, sigma1);
}

function scalarsOf(u: Float64Array, v: Float64Array, uStar: Float64Array, vStar: Float64Array, sigma1: number): Rank1Scalars {
  let alpha = 0, beta = 0;
  for (let i = 0; i < u.length; i++) alpha += u[i] * uStar[i];
  for (let j = 0; j < v.length; j++) beta += v[j] * vStar[j];
  // Projected norms computed directly (not as √(‖u‖² − α²), which cancels).
  let ap = 0, bp = 0;
  for (let i = 0; i < u.length; i++) { const t = u[i] - alpha * uStar[i]; ap += t * t; }
  for (let j = 0; j < v.length; j++) { const t = v[j] - beta * vStar[j]; bp += t * t; }
  return { alpha, alphaPerp: Math.sqrt(ap), beta, betaPerp: Math.sqrt(bp), h: alpha * beta - sigma1, xi: ap + bp };
}

/**
 * One step of the exact recursions (4.23)–(4.24) (with the E10 fix η₁ → η and the E17 absolute
 * values on the perpendicular norms): the scalars at t + 1 predicted from those at t.
 */
export function rank1Recursion(s: Rank1Scalars, eta: number, sigma1: number): Rank1Scalars {
  if (s === null || typeof s !== 'object') throw new DomainError(`s must be Rank1Scalars (rank1Scalars), got ${describeValue(s)}`, 's');
  for (const k of ['alpha', 'alphaPerp', 'beta', 'betaPerp', 'h', 'xi'] as const) requireFiniteNumber(s[k], 's');
  requirePositive(eta, 'eta');
  requirePositive(sigma1, 'sigma1');
  const { alpha: a, alphaPerp: ap, beta: b, betaPerp: bp, h, xi } = s;
  const A = a * a + ap * ap, B = b * b + bp * bp;
  const alpha = (1 - eta * B) * a + eta * sigma1 * b;
  const beta = (1 - eta * A) * b + eta * sigma1 * a;
  const alphaPerp = Math.abs(1 - eta * B) * ap;
  const betaPerp = Math.abs(1 - eta * A) * bp;
  const hNext = (1 - eta * (a * a + b * b) + eta * eta * (a * b * h + a * a * bp * bp + b * b * ap * ap + ap * ap * bp * bp)) * h
    - eta * a * b * xi + eta * eta * sigma1 * ap * ap * bp * bp;
  const xiNext = (1 - eta * B) ** 2 * ap * ap + (1 - eta * A) ** 2 * bp * bp;
  return { alpha, alphaPerp, beta, betaPerp, h: hNext, xi: xiNext };
}

/**
 * f(u, v) = ½‖uvᵀ − σ₁u*v*ᵀ‖²_F (thesis §4.3.2, M* = σ₁u*v*ᵀ with unit u*, v*) as an Objective on
 * x = [u | v] in O(d1 + d2): ∇_u = ‖v‖²u − σ₁(v*ᵀv)u*, ∇_v = ‖u‖²v − σ₁(u*ᵀu)v* (the rank-1 case of thesis Theorem 4.5; catalog 002c §3.16), and
 * f from the projected scalars (rank1Error: no cancellation near the optimum). GD on it is (4.9)
 * with r = 1 — the fast path of mfObjective(σ₁u*v*ᵀ, 1) where d reaches 256.
 */
export function rank1Objective(uStar: Float64Array, vStar: Float64Array, sigma1: number): Objective & { readonly blocks: readonly Block[]; lastError(): number } {
  requireDirections(uStar, vStar);
  requirePositive(sigma1, 'sigma1');
  const d1 = uStar.length, d2 = vStar.length;
  let last: Float64Array | null = null, u = uStar, v = vStar, e = NaN;
  return {
    id: 'matrix-factorization-rank1',
    /** ‖uvᵀ − M*‖_F at the last evaluated point (f = ½·this²), for stopping rules that need the error itself. */
    lastError: () => e,
    dim: d1 + d2,
    blocks: layoutBlocks([{ name: 'u', rows: d1, cols: 1 }, { name: 'v', rows: d2, cols: 1 }]),
    valueGrad(x, g) {
      if (x !== last) { u = x.subarray(0, d1); v = x.subarray(d1); last = x; }
      let nu = 0, nv = 0, a = 0, b = 0;
      for (let i = 0; i < d1; i++) { nu += u[i] * u[i]; a += uStar[i] * u[i]; }
      for (let j = 0; j < d2; j++) { nv += v[j] * v[j]; b += vStar[j] * v[j]; }
      const sb = sigma1 * b, sa = sigma1 * a;
      for (let i = 0; i < d1; i++) g[i] = nv * u[i] - sb * uStar[i];
      for (let j = 0; j < d2; j++) g[d1 + j] = nu * v[j] - sa * vStar[j];
      e = errorOf(u, v, uStar, vStar, sigma1);
      return 0.5 * e * e;
    },
  };
}

/**
 * ‖uvᵀ − σ₁u*v*ᵀ‖_F for unit u*, v* in O(d), from the projected scalars (no cancellation near the
 * optimum): ‖·‖² = h² + α²β⊥² + β²α⊥² + α⊥²β⊥² with h = αβ − σ₁.
 */
export function rank1Error(u: Float64Array, v: Float64Array, uStar: Float64Array, vStar: Float64Array, sigma1: number): number {
  requireRank1(u, v, uStar, vStar, sigma1);
  return errorOf(u, v, uStar, vStar, sigma1);
}

function errorOf(u: Float64Array, v: Float64Array, uStar: Float64Array, vStar: Float64Array, sigma1: number): number {
  const s = scalarsOf(u, v, uStar, vStar, sigma1);
  const ap2 = s.alphaPerp ** 2, bp2 = s.betaPerp ** 2;
  return Math.sqrt(s.h * s.h + s.alpha * s.alpha * bp2 + s.beta * s.beta * ap2 + ap2 * bp2);
}

/** Column 0 of an n × 1 (or row-major n × r) matrix as a vector view when r = 1. */
export function asVector(a: Matrix): Float64Array {
  requireMatrixShape(a, 'a');
  if (a.cols !== 1) throw new ShapeError(`expected a column vector, got ${a.rows}×${a.cols}`, 'a');
  return a.data;
}

// ---------------------------------------------------------------------------------------------
// The objective interface (src/models/model.ts): x = [vec(U) | vec(V)], both row-major.
// ---------------------------------------------------------------------------------------------

/** f(U, V) of (4.1) or (4.3) as an Objective, with its workspace (R, ∇_U, ∇_V of the last call; ∇ views on its gradient buffer). */
export interface MfObjectiveFn extends Objective {
  readonly blocks: readonly Block[];
  readonly ws: MfWorkspace;
  /** U and V as views on x (no copy). */
  views(x: Float64Array): { U: Matrix; V: Matrix };
}

/** The factorization objective for target M* (d1 × d2) at rank r; GD on it is (4.9). */
export function mfObjective(M: Matrix, r: number, objective: MfObjective = 'plain'): MfObjectiveFn {
  requireMatrix(M, 'M');
  requirePositiveInt(r, 'r');
  requireObjective(objective);
  const d1 = M.rows, d2 = M.cols, nu = d1 * r;
  const base = mfWorkspace(d1, d2, r);
  const blocks = layoutBlocks([{ name: 'U', rows: d1, cols: r }, { name: 'V', rows: d2, cols: r }]);
  let last: Float64Array | null = null, U: Matrix = base.SU, V: Matrix = base.SV;
  // ∇_U, ∇_V are written straight into the caller's gradient buffer: the workspace's GU and GV are
  // views on it (made once per buffer), so a GD step copies nothing.
  let lastGrad: Float64Array | null = null, current: MfWorkspace = base;
  const views = (x: Float64Array): { U: Matrix; V: Matrix } => ({
    U: { rows: d1, cols: r, data: x.subarray(0, nu) }, V: { rows: d2, cols: r, data: x.subarray(nu) },
  });
  return {
    id: objective === 'plain' ? 'matrix-factorization' : 'matrix-factorization-balanced',
    dim: (d1 + d2) * r,
    blocks,
    get ws() { return current; },
    views,
    valueGrad(x, grad) {
      // GD evaluates one x buffer every step: the views are made once per buffer.
      if (x !== last) { ({ U, V } = views(x)); last = x; }
      if (grad !== lastGrad) {
        const g = views(grad);
        current = { ...base, GU: g.U, GV: g.V };
        lastGrad = grad;
      }
      return lossGradUnchecked(U, V, M, current, objective);
    },
    ...(objective === 'plain' ? {
      hessian(x: Float64Array, out: Matrix) {
        const h = assembleHessian(views(x).U, views(x).V, M);
        out.data.set(h.data);
      },
    } : {}),
  };
}
