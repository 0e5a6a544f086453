/**
 * src/models/matrix-factorization.ts: the matrix-factorization and rank-1 models of the
 * auto-balancing chapter. Bad input is rejected with typed errors (class and the argument named);
 * values are checked against
 * independent brute-force loops written here (f, ∇f and the balanced term of (4.3), the GD and
 * alternating steps, Gram–Schmidt, the constructed stationary points, the rank-1 scalars), the
 * exact rank-1 recursion (4.23)–(4.24) against the scalars of the vector step, and boundary
 * values where `<` vs `<=` matters (steps = 0, n = 1e-8 exactly, d1 = 1 and d1 = rows − 1).
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { type Rng, rng } from '../src/core/rng.ts';
import {
  type MfObjective, type MfWorkspace, asVector, assembleHessian, balance, balanceInto, constructedStationaryPoint,
  frobenius, frobeniusSq, hessianBilinear, hessianQuadForm, inner, lowRankTarget, matmulABt,
  mfLoss, mfLossGrad, mfLossGradInto, mfLossGradReference, mfObjective, mfWorkspace, minus, procrustes,
  randomLowRankTarget, randomOrthonormal, rank1Error, rank1Recursion, rank1Objective, rank1Scalars, stack,
  unstack,
} from '../src/models/matrix-factorization.ts';
import { gd } from '../src/train/gd.ts';
import { expectTyped, mat, maxDiff } from './helpers.ts';

const asAny = <T>(v: unknown): T => v as T;

function gaussian(seed: number, rows: number, cols: number, scale = 1): Matrix {
  const m = zeros(rows, cols);
  rng(seed).fillNormal(m.data, scale);
  return m;
}
const copy = (a: Matrix): Matrix => ({ rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) });

/** Brute force: Σ_k a_ik b_jk etc. with explicit index loops. */
function bfABt(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.rows, b.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.rows; j++) {
    let s = 0;
    for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[j * b.cols + k];
    c.data[i * b.rows + j] = s;
  }
  return c;
}
function bfAtB(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.cols, b.cols);
  for (let i = 0; i < a.cols; i++) for (let j = 0; j < b.cols; j++) {
    let s = 0;
    for (let k = 0; k < a.rows; k++) s += a.data[k * a.cols + i] * b.data[k * b.cols + j];
    c.data[i * b.cols + j] = s;
  }
  return c;
}
function bfAB(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < b.cols; j++) {
    let s = 0;
    for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
    c.data[i * b.cols + j] = s;
  }
  return c;
}

/** f, ∇_U, ∇_V of (4.1) / (4.3) by brute force: R = UVᵀ − M, ∇_U = RV (+ ½UA), ∇_V = RᵀU (− ½VA). */
function bruteLossGrad(U: Matrix, V: Matrix, M: Matrix, objective: MfObjective): { f: number; GU: Matrix; GV: Matrix; R: Matrix; A: Matrix } {
  const R = bfABt(U, V);
  for (let k = 0; k < R.data.length; k++) R.data[k] -= M.data[k];
  let f = 0;
  for (const x of R.data) f += 0.5 * x * x;
  const GU = bfAB(R, V), GV = bfAtB(R, U);
  const UtU = bfAtB(U, U), VtV = bfAtB(V, V), A = zeros(U.cols, U.cols);
  for (let k = 0; k < A.data.length; k++) A.data[k] = UtU.data[k] - VtV.data[k];
  if (objective === 'balanced') {
    for (const x of A.data) f += 0.125 * x * x;
    const UA = bfAB(U, A), VA = bfAB(V, A);
    for (let k = 0; k < GU.data.length; k++) GU.data[k] += 0.5 * UA.data[k];
    for (let k = 0; k < GV.data.length; k++) GV.data[k] -= 0.5 * VA.data[k];
  }
  return { f, GU, GV, R, A };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('the workspace and its shape check', () => {
  it('mfWorkspace names d1, d2 and r', () => {
    expectTyped(() => mfWorkspace(0, 2, 1), DomainError, 'd1');
    expectTyped(() => mfWorkspace(2, 0, 1), DomainError, 'd2');
    expectTyped(() => mfWorkspace(2, 2, 0), DomainError, 'r');
    expectTyped(() => mfWorkspace(2, 1.5, 1), DomainError, 'd2');
  });
  it('a workspace whose d1 alone, d2 alone or r alone differs is rejected, naming ws', () => {
    const U = gaussian(1, 3, 2), V = gaussian(2, 4, 2), M = gaussian(3, 3, 4);
    for (const ws of [mfWorkspace(2, 4, 2), mfWorkspace(3, 5, 2), mfWorkspace(3, 4, 1)]) {
      expectTyped(() => mfLossGradReference(U, V, M, ws), ShapeError, 'ws');
    }
    // the matching workspace is accepted
    expect(mfLossGradReference(U, V, M, mfWorkspace(3, 4, 2))).toBeCloseTo(bruteLossGrad(U, V, M, 'plain').f, 12);
  });
});

describe('matrix helpers: balance, frobenius, inner, minus, matmulABt', () => {
  const U = gaussian(4, 4, 3), V = gaussian(5, 6, 3);
  it('balance(U, V) = UᵀU − VᵀV entry by entry; balanceInto writes out', () => {
    const ref = bruteLossGrad(U, V, zeros(4, 6), 'plain').A;
    expect(maxDiff(balance(U, V).data, ref.data)).toBeLessThan(1e-13);
    const out = zeros(3, 3), tmp = zeros(3, 3);
    balanceInto(U, V, out, tmp);
    expect(maxDiff(out.data, ref.data)).toBeLessThan(1e-13);
    expect(maxDiff(balance(U, U).data, new Float64Array(9))).toBe(0);
  });
  it('balance names U and V', () => {
    for (const [label, bad, cls] of [['NaN', mat(2, 2, [1, 2, 3, NaN]), NonFiniteError], ['shape', mat(2, 3, [1, 2, 3, 4, 5, 6]), ShapeError]] as const) {
      void label;
      expectTyped(() => balance(mat(2, 2, [1, 2, 3, 4]), bad), cls, 'V');
      if (bad.cols === 2) expectTyped(() => balance(bad, mat(2, 2, [1, 2, 3, 4])), cls, 'U');
    }
  });
  it('frobeniusSq and frobenius', () => {
    const a = mat(2, 2, [1, -2, 3, 4]);
    expect(frobeniusSq(a)).toBe(30);
    expect(frobenius(mat(1, 2, [3, -4]))).toBe(5);
  });
  it('inner is Σ a_k b_k and rejects different sizes, naming b', () => {
    expect(inner(mat(2, 2, [1, 2, 3, 4]), mat(2, 2, [5, -6, 7, 8]))).toBe(5 - 12 + 21 + 32);
    expectTyped(() => inner(mat(2, 2, [1, 2, 3, 4]), mat(1, 3, [1, 2, 3])), ShapeError, 'b');
    expectTyped(() => inner(asAny<Matrix>(null), mat(1, 1, [1])), ShapeError, 'a');
    expectTyped(() => inner(mat(1, 1, [NaN]), mat(1, 1, [1])), NonFiniteError, 'a');
    expectTyped(() => inner(mat(1, 1, [1]), mat(1, 1, [Infinity])), NonFiniteError, 'b');
  });
  it('minus is entrywise a − b and rejects a row or a column mismatch, naming b', () => {
    const c = minus(mat(2, 2, [1, 2, 3, 4]), mat(2, 2, [0.5, -1, 7, 4]));
    expect(Array.from(c.data)).toEqual([0.5, 3, -4, 0]);
    expect([c.rows, c.cols]).toEqual([2, 2]);
    expectTyped(() => minus(mat(2, 2, [1, 2, 3, 4]), mat(1, 2, [1, 2])), ShapeError, 'b');
    expectTyped(() => minus(mat(2, 2, [1, 2, 3, 4]), mat(2, 1, [1, 2])), ShapeError, 'b');
    expectTyped(() => minus(asAny<Matrix>(undefined), mat(1, 1, [1])), ShapeError, 'a');
    expectTyped(() => minus(mat(1, 1, [1]), mat(1, 1, [NaN])), NonFiniteError, 'b');
  });
  it('matmulABt is A·Bᵀ', () => {
    const c = matmulABt(U, V);
    expect([c.rows, c.cols]).toEqual([4, 6]);
    expect(maxDiff(c.data, bfABt(U, V).data)).toBeLessThan(1e-13);
  });
});

describe('loss and gradient (4.1)–(4.3)', () => {
  const t = randomLowRankTarget(rng(31), 5, 4, [1.5, 0.7]);
  const U = gaussian(32, 5, 2, 0.6), V = gaussian(33, 4, 2, 0.6);
  it('the balanced objective: f = ½‖R‖² + ⅛‖A‖², ∇_U = RV + ½UA, ∇_V = RᵀU − ½VA, A in ws.A', () => {
    const ref = bruteLossGrad(U, V, t.M, 'balanced'), plain = bruteLossGrad(U, V, t.M, 'plain');
    expect(ref.f - plain.f).toBeGreaterThan(1e-2); // the balance term is not negligible here
    const g = mfLossGrad(U, V, t.M, 'balanced');
    expect(rel(g.f, ref.f)).toBeLessThan(1e-13);
    expect(maxDiff(g.GU.data, ref.GU.data)).toBeLessThan(1e-13);
    expect(maxDiff(g.GV.data, ref.GV.data)).toBeLessThan(1e-13);
    expect(maxDiff(g.R.data, ref.R.data)).toBeLessThan(1e-13);
    expect(rel(mfLoss(U, V, t.M, 'balanced'), ref.f)).toBeLessThan(1e-13);
    const ws = mfWorkspace(5, 4, 2);
    expect(rel(mfLossGradInto(U, V, t.M, ws, 'balanced'), ref.f)).toBeLessThan(1e-13);
    expect(maxDiff(ws.A.data, ref.A.data)).toBeLessThan(1e-13);
    expect(maxDiff(ws.GV.data, ref.GV.data)).toBeLessThan(1e-13);
  });
  it('the balanced gradient matches central differences of the balanced loss', () => {
    const g = mfLossGrad(U, V, t.M, 'balanced');
    for (const [X, G] of [[U, g.GU], [V, g.GV]] as const) {
      for (let k = 0; k < X.data.length; k++) {
        const x0 = X.data[k], h = 1e-6;
        const Xp = copy(X), Xm = copy(X);
        Xp.data[k] = x0 + h; Xm.data[k] = x0 - h;
        const fp = X === U ? mfLoss(Xp, V, t.M, 'balanced') : mfLoss(U, Xp, t.M, 'balanced');
        const fm = X === U ? mfLoss(Xm, V, t.M, 'balanced') : mfLoss(U, Xm, t.M, 'balanced');
        expect(Math.abs((fp - fm) / (2 * h) - G.data[k])).toBeLessThan(1e-7);
      }
    }
  });
  it('the plain objective (default) equals the brute force and differs from the balanced one', () => {
    const ref = bruteLossGrad(U, V, t.M, 'plain');
    const g = mfLossGrad(U, V, t.M);
    expect(rel(g.f, ref.f)).toBeLessThan(1e-13);
    expect(maxDiff(g.GU.data, ref.GU.data)).toBeLessThan(1e-13);
    expect(maxDiff(g.GV.data, ref.GV.data)).toBeLessThan(1e-13);
    expect(rel(mfLossGrad(U, V, t.M, 'plain').f, ref.f)).toBeLessThan(1e-13);
  });
  it('the default objective is the fused plain loop: exact where the gemm form cancels', () => {
    // R = −1e16 + 1e16·1 + 1·1 = 1 exactly in the fused order; the gemm form rounds 1e16 + 1 first.
    const U1 = mat(1, 2, [1, 1]), V1 = mat(1, 2, [1e16, 1]), M1 = mat(1, 1, [1e16]);
    expect(mfLoss(U1, V1, M1)).toBe(0.5);
    expect(mfLoss(U1, V1, M1, 'plain')).toBe(0.5);
    expect(mfLossGrad(U1, V1, M1).R.data[0]).toBe(1);
    const ws = mfWorkspace(1, 1, 2);
    expect(mfLossGradInto(U1, V1, M1, ws)).toBe(0.5);
    expect(mfLossGradInto(U1, V1, M1, ws, 'plain')).toBe(0.5);
    // the objective's default too
    expect(mfObjective(M1, 2).valueGrad(Float64Array.from([...U1.data, ...V1.data]), new Float64Array(U1.data.length + V1.data.length))).toBe(0.5);
  });
  it('an unknown objective is rejected by the checked entry points', () => {
    const bad = asAny<MfObjective>('balance');
    expectTyped(() => mfLossGrad(U, V, t.M, bad), DomainError, 'objective');
    expectTyped(() => mfLoss(U, V, t.M, bad), DomainError, 'objective');
  });
});

describe('GD (4.9) on the factorization objective, through the one training loop', () => {
  const t = randomLowRankTarget(rng(41), 4, 3, [1.2, 0.5]);
  const U0 = gaussian(42, 4, 2, 0.5), V0 = gaussian(43, 3, 2, 0.5);
  const start = (): Float64Array => { const x = new Float64Array(14); x.set(U0.data); x.set(V0.data, 8); return x; };
  it('x = [vec U | vec V]: the objective\'s value and gradient are (4.1) and (4.2), blocks U then V', () => {
    const obj = mfObjective(t.M, 2), g = new Float64Array(14);
    const f = obj.valueGrad(start(), g);
    const b = bruteLossGrad(U0, V0, t.M, 'plain');
    expect(rel(f, b.f)).toBeLessThan(1e-13);
    expect(maxDiff(g.subarray(0, 8), b.GU.data)).toBeLessThan(1e-13);
    expect(maxDiff(g.subarray(8), b.GV.data)).toBeLessThan(1e-13);
    expect(obj.blocks.map((k) => [k.name, k.offset, k.rows, k.cols])).toEqual([['U', 0, 4, 2], ['V', 8, 3, 2]]);
    const bal = mfObjective(t.M, 2, 'balanced');
    expect(rel(bal.valueGrad(start(), g), bruteLossGrad(U0, V0, t.M, 'balanced').f)).toBeLessThan(1e-13);
  });
  it('the simultaneous step with η_t matches a brute-force trajectory, state by state', () => {
    const steps = 4, etas = [0.1, 0.25, 0.05, 0.3], seen: Array<[number, number]> = [];
    const run = gd(mfObjective(t.M, 2), start(), { eta: { name: 'etas', at: (k) => etas[k] }, steps, recorders: [{ record: (k, _x, f) => { seen.push([k, f]); } }] });
    expect(run.steps).toBe(steps);
    const Ur = copy(U0), Vr = copy(V0);
    for (let k = 0; k <= steps; k++) {
      const g = bruteLossGrad(Ur, Vr, t.M, 'plain');
      expect(seen[k][0]).toBe(k);
      expect(rel(seen[k][1], g.f)).toBeLessThan(1e-12);
      if (k === steps) break;
      for (let q = 0; q < Ur.data.length; q++) Ur.data[q] -= etas[k] * g.GU.data[q];
      for (let q = 0; q < Vr.data.length; q++) Vr.data[q] -= etas[k] * g.GV.data[q];
    }
    expect(maxDiff(run.x.subarray(0, 8), Ur.data)).toBeLessThan(1e-12);
    expect(maxDiff(run.x.subarray(8), Vr.data)).toBeLessThan(1e-12);
  });
  it('the alternating control: U ← U − η∇_U(U, V), then V ← V − η∇_V(U_new, V), which is not (4.9)', () => {
    const eta = 0.3;
    const g0 = bruteLossGrad(U0, V0, t.M, 'plain');
    const U1 = copy(U0);
    for (let k = 0; k < U1.data.length; k++) U1.data[k] -= eta * g0.GU.data[k];
    const g1 = bruteLossGrad(U1, V0, t.M, 'plain');
    const V1 = copy(V0);
    for (let k = 0; k < V1.data.length; k++) V1.data[k] -= eta * g1.GV.data[k];
    const alt = gd(mfObjective(t.M, 2), start(), { eta, steps: 1, update: 'alternating' }).x;
    expect(maxDiff(alt.subarray(0, 8), U1.data)).toBeLessThan(1e-14);
    expect(maxDiff(alt.subarray(8), V1.data)).toBeLessThan(1e-14);
    const sim = gd(mfObjective(t.M, 2), start(), { eta, steps: 1 }).x;
    expect(maxDiff(sim.subarray(8), V1.data)).toBeGreaterThan(1e-4);
  });
  it('views share memory with x; rejects an unknown objective and a bad rank, naming them', () => {
    const obj = mfObjective(t.M, 2), x = start();
    const { U, V } = obj.views(x);
    x[0] = 7; x[8] = 9;
    expect([U.data[0], V.data[0]]).toEqual([7, 9]);
    expectTyped(() => mfObjective(t.M, 2, asAny<MfObjective>('balance')), DomainError, 'objective');
    expectTyped(() => mfObjective(t.M, 0), DomainError, 'r');
  });
});

describe('second order (4.12)', () => {
  const t = randomLowRankTarget(rng(51), 3, 2, [1.1, 0.4]);
  const U = gaussian(52, 3, 2, 0.7), V = gaussian(53, 2, 2, 0.7);
  it('hessianBilinear equals XᵀHY for the finite-difference Hessian of the gradient', () => {
    const N = (3 + 2) * 2, h = 1e-6;
    const grad = (w: Float64Array): Float64Array => {
      const g = mfLossGrad(mat(3, 2, Array.from(w.subarray(0, 6))), mat(2, 2, Array.from(w.subarray(6))), t.M);
      return Float64Array.from([...g.GU.data, ...g.GV.data]);
    };
    const w0 = Float64Array.from([...U.data, ...V.data]);
    const H: number[][] = [];
    for (let i = 0; i < N; i++) {
      const wp = Float64Array.from(w0), wm = Float64Array.from(w0);
      wp[i] += h; wm[i] -= h;
      const gp = grad(wp), gm = grad(wm);
      H.push(Array.from({ length: N }, (_, j) => (gp[j] - gm[j]) / (2 * h)));
    }
    const A = assembleHessian(U, V, t.M);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(Math.abs(A.data[i * N + j] - H[i][j])).toBeLessThan(1e-7);
    const XU = gaussian(54, 3, 2), XV = gaussian(55, 2, 2), YU = gaussian(56, 3, 2), YV = gaussian(57, 2, 2);
    const x = [...XU.data, ...XV.data], y = [...YU.data, ...YV.data];
    let q = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) q += x[i] * H[i][j] * y[j];
    expect(Math.abs(hessianBilinear(U, V, t.M, XU, XV, YU, YV) - q)).toBeLessThan(1e-6);
    let qq = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) qq += x[i] * H[i][j] * x[j];
    expect(Math.abs(hessianQuadForm(U, V, t.M, XU, XV) - qq)).toBeLessThan(1e-6);
  });
  it('hessianBilinear names each direction XU, YU, XV, YV', () => {
    const good = { XU: zeros(3, 2), XV: zeros(2, 2), YU: zeros(3, 2), YV: zeros(2, 2) };
    const wrongU = zeros(2, 2), wrongV = zeros(3, 2);
    expectTyped(() => hessianBilinear(U, V, t.M, wrongU, good.XV, good.YU, good.YV), ShapeError, 'XU');
    expectTyped(() => hessianBilinear(U, V, t.M, good.XU, wrongV, good.YU, good.YV), ShapeError, 'XV');
    expectTyped(() => hessianBilinear(U, V, t.M, good.XU, good.XV, wrongU, good.YV), ShapeError, 'YU');
    expectTyped(() => hessianBilinear(U, V, t.M, good.XU, good.XV, good.YU, wrongV), ShapeError, 'YV');
    expectTyped(() => hessianBilinear(U, V, t.M, good.XU, good.XV, good.YU, zeros(2, 1)), ShapeError, 'YV');
    expectTyped(() => hessianBilinear(U, V, t.M, mat(3, 2, [0, 0, 0, 0, 0, NaN]), good.XV, good.YU, good.YV), NonFiniteError, 'XU');
  });
});

/** An Rng stand-in whose fillNormal returns the given fills in turn (then Gaussian ones). */
function scriptedRng(fills: number[][]): { rng: Rng; calls: () => number } {
  let calls = 0;
  const fallback = rng(99);
  const fake = {
    fillNormal(out: Float64Array): Float64Array {
      const f = fills[calls++];
      if (f) out.set(f); else fallback.fillNormal(out);
      return out;
    },
  };
  return { rng: asAny<Rng>(fake), calls: () => calls };
}

/** Reference: the documented algorithm (Gaussian fill, modified Gram–Schmidt twice, normalise). */
function referenceOrthonormal(fill: Float64Array, d: number, r: number): Float64Array | null {
  const q = Float64Array.from(fill);
  for (let c = 0; c < r; c++) {
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
    if (!(n > 1e-8)) return null;
    for (let i = 0; i < d; i++) q[i * r + c] /= n;
  }
  return q;
}

describe('randomOrthonormal', () => {
  it('has orthonormal columns (QᵀQ = I) and follows MGS-twice on the Gaussian fill', () => {
    for (const [d, r, seed] of [[5, 3, 1], [4, 4, 2], [7, 2, 3], [3, 1, 4]] as const) {
      const Q = randomOrthonormal(rng(seed), d, r);
      expect([Q.rows, Q.cols]).toEqual([d, r]);
      const QtQ = bfAtB(Q, Q);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(Math.abs(QtQ.data[i * r + j] - (i === j ? 1 : 0))).toBeLessThan(1e-14);
      const fill = rng(seed).fillNormal(new Float64Array(d * r));
      const ref = referenceOrthonormal(fill, d, r);
      expect(ref).not.toBeNull();
      expect(maxDiff(Q.data, ref as Float64Array)).toBeLessThan(1e-14);
      expect(Array.from(Q.data)).toEqual(Array.from(ref as Float64Array)); // the same operations, so the same bits
    }
  });
  it('columns of norm > 1 keep their direction (sign) through the projections', () => {
    const { rng: fake } = scriptedRng([[3, 1, 1, 2, 0, 4]]); // d = 3, r = 2: columns (3, 1, 0) and (1, 2, 4)
    const Q = randomOrthonormal(fake, 3, 2);
    const ref = referenceOrthonormal(Float64Array.from([3, 1, 1, 2, 0, 4]), 3, 2) as Float64Array;
    expect(maxDiff(Q.data, ref)).toBeLessThan(1e-15);
    // (1, 2, 4) − ½(3, 1, 0) = (−0.5, 1.5, 4), normalised; the first column is (3, 1, 0)/√10
    const n1 = Math.sqrt(18.5), n0 = Math.sqrt(10);
    expect(maxDiff(Q.data, [3 / n0, -0.5 / n1, 1 / n0, 1.5 / n1, 0, 4 / n1])).toBeLessThan(1e-15);
  });
  it('redraws when a column is (numerically) dependent, including at n = 1e-8 exactly', () => {
    // dependent columns: the second equals the first
    const dep = scriptedRng([[1, 1, 2, 2, 3, 3]]);
    const Q = randomOrthonormal(dep.rng, 3, 2);
    expect(dep.calls()).toBe(2);
    const QtQ = bfAtB(Q, Q);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(Math.abs(QtQ.data[i * 2 + j] - (i === j ? 1 : 0))).toBeLessThan(1e-14);
    expect(Q.data.every(Number.isFinite)).toBe(true);
    // a first column of norm exactly 1e-8 is rejected (n > 1e-8 is required)
    const edge = scriptedRng([[1e-8, 0, 0], [0, 3, 4]]);
    const Q1 = randomOrthonormal(edge.rng, 3, 1);
    expect(edge.calls()).toBe(2);
    expect(Array.from(Q1.data)).toEqual([0, 0.6, 0.8]);
    // a zero column is rejected too
    const zero = scriptedRng([[0, 0, 0], [2, 0, 0]]);
    expect(Array.from(randomOrthonormal(zero.rng, 3, 1).data)).toEqual([1, 0, 0]);
    expect(zero.calls()).toBe(2);
  });
  it('rejects d < 1 and r ∉ [1, d], naming d or r', () => {
    expectTyped(() => randomOrthonormal(rng(1), 0, 1), DomainError, 'd');
    expectTyped(() => randomOrthonormal(rng(1), 2, 0), DomainError, 'r');
    expectTyped(() => randomOrthonormal(rng(1), 2, 3), DomainError, 'r');
    expect(randomOrthonormal(rng(1), 3, 3).cols).toBe(3);
  });
});

describe('lowRankTarget', () => {
  const Phi = randomOrthonormal(rng(61), 4, 2), Psi = randomOrthonormal(rng(62), 3, 2);
  it('M = Φ diag(σ) Ψᵀ, U* = ΦΣ^{1/2}, V* = ΨΣ^{1/2}', () => {
    const t = lowRankTarget(Phi, Psi, [2.25, 0.49]);
    expect(Array.from(t.sigma)).toEqual([2.25, 0.49]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) {
      const ref = 2.25 * Phi.data[i * 2] * Psi.data[j * 2] + 0.49 * Phi.data[i * 2 + 1] * Psi.data[j * 2 + 1];
      expect(Math.abs(t.M.data[i * 3 + j] - ref)).toBeLessThan(1e-14);
    }
    for (let i = 0; i < 4; i++) {
      expect(t.Ustar.data[i * 2]).toBeCloseTo(1.5 * Phi.data[i * 2], 14);
      expect(t.Ustar.data[i * 2 + 1]).toBeCloseTo(0.7 * Phi.data[i * 2 + 1], 14);
    }
    for (let j = 0; j < 3; j++) expect(t.Vstar.data[j * 2 + 1]).toBeCloseTo(0.7 * Psi.data[j * 2 + 1], 14);
  });
  it('validates Phi, Psi and sigma (length, finiteness, every entry > 0), naming each', () => {
    expectTyped(() => lowRankTarget(mat(2, 2, [1, 0, 0, NaN]), Psi, [1, 1]), NonFiniteError, 'Phi');
    expectTyped(() => lowRankTarget(Phi, zeros(3, 1), [1, 1]), ShapeError, 'Psi');
    expectTyped(() => lowRankTarget(Phi, Psi, [1]), ShapeError, 'sigma');
    expectTyped(() => lowRankTarget(Phi, Psi, [1, NaN]), NonFiniteError, 'sigma');
    for (const sigma of [[1, 0], [-2, 1], [1, -1e-300]]) {
      expectTyped(() => lowRankTarget(Phi, Psi, sigma), DomainError, 'sigma');
    }
    expect(lowRankTarget(Phi, Psi, [1e-300, 5e-324]).sigma[1]).toBe(5e-324);
    expect(randomLowRankTarget(rng(3), 4, 3, [2, 1]).M.rows).toBe(4);
  });
});

describe('Procrustes, stack, unstack', () => {
  it('procrustes(W, W*) = PQᵀ for W*ᵀW = PSQᵀ; exact for a rotated copy; names W and Wstar', () => {
    const Ws = gaussian(71, 6, 3), R0 = randomOrthonormal(rng(72), 3, 3);
    const W = bfAB(Ws, R0);
    const R = procrustes(W, Ws);
    expect(maxDiff(R.data, R0.data)).toBeLessThan(1e-12);
    // non-square r: 1 column (sign), 2 columns
    expect(Array.from(procrustes(mat(3, 1, [1, 2, 3]), mat(3, 1, [-1, -2, -2])).data)).toEqual([-1]);
    const W2 = gaussian(73, 5, 2), R2 = randomOrthonormal(rng(74), 2, 2);
    expect(maxDiff(procrustes(bfAB(W2, R2), W2).data, R2.data)).toBeLessThan(1e-12);
    expectTyped(() => procrustes(mat(2, 1, [1, NaN]), mat(2, 1, [1, 1])), NonFiniteError, 'W');
    expectTyped(() => procrustes(mat(2, 1, [1, 1]), mat(3, 1, [1, 1, 1])), ShapeError, 'Wstar');
  });
  it('stack / unstack round trip, with d1 = 1 and d1 = rows − 1 at the ends', () => {
    const U = gaussian(75, 3, 2), V = gaussian(76, 2, 2);
    const W = stack(U, V);
    expect([W.rows, W.cols]).toEqual([5, 2]);
    expect(Array.from(W.data)).toEqual([...U.data, ...V.data]);
    const back = unstack(W, 3);
    expect(Array.from(back.U.data)).toEqual(Array.from(U.data));
    expect(Array.from(back.V.data)).toEqual(Array.from(V.data));
    expect([back.U.rows, back.U.cols, back.V.rows, back.V.cols]).toEqual([3, 2, 2, 2]);
    const one = unstack(W, 1);
    expect([one.U.rows, one.V.rows]).toEqual([1, 4]);
    expect(Array.from(one.V.data)).toEqual(Array.from(W.data.subarray(2)));
    const last = unstack(W, 4);
    expect([last.U.rows, last.V.rows]).toEqual([4, 1]);
    expect(Array.from(last.V.data)).toEqual(Array.from(V.data.subarray(2)));
    back.U.data[0] = 1e9;
    expect(W.data[0]).not.toBe(1e9); // copies
  });
  it('unstack validates d1 (0, rows, fractional) and W; stack names U and V', () => {
    const W = zeros(5, 2);
    for (const d1 of [0, 5, 6, 2.5, -1]) expectTyped(() => unstack(W, d1), DomainError, 'd1');
    expectTyped(() => unstack(W, NaN), NonFiniteError, 'd1');
    expectTyped(() => unstack(mat(2, 1, [1, NaN]), 1), NonFiniteError, 'W');
    expectTyped(() => stack(mat(1, 1, [NaN]), mat(1, 1, [1])), NonFiniteError, 'U');
    expectTyped(() => stack(mat(1, 1, [1]), mat(1, 2, [1, 2])), ShapeError, 'V');
  });
});

describe('constructedStationaryPoint (catalog §3.14)', () => {
  const t = randomLowRankTarget(rng(81), 4, 3, [1.7, 0.9, 0.4]);
  it('U = (ΦΣ^{1/2}D1_S)Q, V = (ΨΣ^{1/2}D⁻¹1_S)Q entry by entry, and stationary', () => {
    const Q = randomOrthonormal(rng(82), 3, 3);
    for (const mask of [[true, true, true], [false, true, false], [true, false, true], [false, false, true]]) {
      const diag = [1.3, 0.6, 2.1];
      const { U, V } = constructedStationaryPoint(t, mask, diag, Q);
      const U0 = zeros(4, 3), V0 = zeros(3, 3);
      for (let a = 0; a < 3; a++) {
        if (!mask[a]) continue;
        for (let i = 0; i < 4; i++) U0.data[i * 3 + a] = t.Phi.data[i * 3 + a] * Math.sqrt(t.sigma[a]) * diag[a];
        for (let j = 0; j < 3; j++) V0.data[j * 3 + a] = t.Psi.data[j * 3 + a] * Math.sqrt(t.sigma[a]) / diag[a];
      }
      expect(maxDiff(U.data, bfAB(U0, Q).data)).toBeLessThan(1e-14);
      expect(maxDiff(V.data, bfAB(V0, Q).data)).toBeLessThan(1e-14);
      const g = mfLossGrad(U, V, t.M);
      expect(frobenius(g.GU) + frobenius(g.GV)).toBeLessThan(1e-12);
    }
  });
  it('validates mask and diag lengths separately, and Q', () => {
    const Q = randomOrthonormal(rng(82), 3, 3);
    expectTyped(() => constructedStationaryPoint(t, [true, true], [1, 1, 1], Q), ShapeError, 'mask');
    expectTyped(() => constructedStationaryPoint(t, [true, true, true], [1, 1], Q), ShapeError, 'diag');
    expectTyped(() => constructedStationaryPoint(t, [true, true, true], [1, 1, 1], zeros(2, 2)), ShapeError, 'Q');
  });
});

describe('rank one (thesis §4.3.2)', () => {
  const d1 = 5, d2 = 4, sigma1 = 1.6;
  const uStar = rng(91).sphere(d1), vStar = rng(92).sphere(d2);
  const u0 = rng(93).fillNormal(new Float64Array(d1), 0.8), v0 = rng(94).fillNormal(new Float64Array(d2), 0.8);
  const dot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
  it('rank1Scalars: α = uᵀu*, α⊥ = ‖u − αu*‖, β, β⊥, h = αβ − σ₁, ξ = α⊥² + β⊥²', () => {
    const s = rank1Scalars(u0, v0, uStar, vStar, sigma1);
    const a = dot(u0, uStar), b = dot(v0, vStar);
    const ap = Math.sqrt(dot(u0, u0) - a * a), bp = Math.sqrt(dot(v0, v0) - b * b);
    expect(rel(s.alpha, a)).toBeLessThan(1e-14);
    expect(rel(s.beta, b)).toBeLessThan(1e-14);
    expect(rel(s.alphaPerp, ap)).toBeLessThan(1e-12);
    expect(rel(s.betaPerp, bp)).toBeLessThan(1e-12);
    expect(rel(s.h, a * b - sigma1)).toBeLessThan(1e-14);
    expect(rel(s.xi, ap * ap + bp * bp)).toBeLessThan(1e-12);
    expect(Math.abs(s.alpha)).toBeGreaterThan(0.1);
    expect(Math.abs(s.beta)).toBeGreaterThan(0.1);
  });
  it('rank1Error = ‖uvᵀ − σ₁u*v*ᵀ‖_F', () => {
    let e = 0;
    for (let i = 0; i < d1; i++) for (let j = 0; j < d2; j++) e += (u0[i] * v0[j] - sigma1 * uStar[i] * vStar[j]) ** 2;
    expect(rel(rank1Error(u0, v0, uStar, vStar, sigma1), Math.sqrt(e))).toBeLessThan(1e-13);
    // the α⊥²β⊥² term alone: u ⟂ u*, v ⟂ v*
    const up = Float64Array.from(u0), vp = Float64Array.from(v0);
    const a = dot(up, uStar), b = dot(vp, vStar);
    for (let i = 0; i < d1; i++) up[i] -= a * uStar[i];
    for (let j = 0; j < d2; j++) vp[j] -= b * vStar[j];
    let e2 = 0;
    for (let i = 0; i < d1; i++) for (let j = 0; j < d2; j++) e2 += (up[i] * vp[j] - sigma1 * uStar[i] * vStar[j]) ** 2;
    expect(rel(rank1Error(up, vp, uStar, vStar, sigma1), Math.sqrt(e2))).toBeLessThan(1e-13);
  });
  it('rank1Recursion reproduces the scalars of one GD step on the rank-1 objective (4.23)–(4.24), also when 1 − ηB < 0', () => {
    for (const eta of [0.1, 0.3, 0.9]) {
      const s0 = rank1Scalars(u0, v0, uStar, vStar, sigma1);
      const x = gd(rank1Objective(uStar, vStar, sigma1), Float64Array.from([...u0, ...v0]), { eta, steps: 1 }).x;
      const u = x.subarray(0, u0.length), v = x.subarray(u0.length);
      const s1 = rank1Scalars(u, v, uStar, vStar, sigma1), p = rank1Recursion(s0, eta, sigma1);
      for (const k of ['alpha', 'alphaPerp', 'beta', 'betaPerp', 'h', 'xi'] as const) {
        expect(Math.abs(p[k] - s1[k]), `${k} at η = ${eta}`).toBeLessThan(1e-12 * (1 + Math.abs(s1[k])));
      }
      expect(Object.keys(p).sort()).toEqual(['alpha', 'alphaPerp', 'beta', 'betaPerp', 'h', 'xi']);
    }
    const s0 = rank1Scalars(u0, v0, uStar, vStar, sigma1);
    expect(1 - 0.9 * (s0.beta ** 2 + s0.betaPerp ** 2)).toBeLessThan(0); // the |·| of E17 matters at η = 0.9
  });
  it('rank1Recursion at hand-picked scalars (every term of h_{t+1} nonzero)', () => {
    const s = { alpha: 0.7, alphaPerp: 0.4, beta: -1.3, betaPerp: 0.9, h: 0.7 * -1.3 - 2, xi: 0.16 + 0.81 };
    const eta = 0.35, sig = 2;
    const A = 0.49 + 0.16, B = 1.69 + 0.81;
    const alpha = (1 - eta * B) * 0.7 + eta * sig * -1.3, beta = (1 - eta * A) * -1.3 + eta * sig * 0.7;
    const ap = Math.abs(1 - eta * B) * 0.4, bp = Math.abs(1 - eta * A) * 0.9;
    const p = rank1Recursion(s, eta, sig);
    expect(p.alpha).toBeCloseTo(alpha, 14);
    expect(p.beta).toBeCloseTo(beta, 14);
    expect(p.alphaPerp).toBeCloseTo(ap, 14);
    expect(p.betaPerp).toBeCloseTo(bp, 14);
    expect(p.h).toBeCloseTo(alpha * beta - sig, 13);
    expect(p.xi).toBeCloseTo(ap * ap + bp * bp, 13);
  });
  it('the shape checks name the failing argument: u, v, uStar or vStar', () => {
    const f = (n: number): Float64Array => new Float64Array(n).fill(0.5);
    const cases: Array<[() => unknown, string]> = [
      [() => rank1Scalars(asAny([0.5, 0.5, 0.5]), f(2), f(3), f(2), 1), 'u'],
      [() => rank1Scalars(f(3), f(2), asAny([0.5, 0.5, 0.5]), f(2), 1), 'uStar'],
      [() => rank1Scalars(f(3), f(2), f(4), f(2), 1), 'u'],
      [() => rank1Scalars(f(0), f(2), f(0), f(2), 1), 'uStar'],
      [() => rank1Scalars(asAny(null), f(2), f(3), f(2), 1), 'u'],
      [() => rank1Scalars(f(3), f(2), asAny(undefined), f(2), 1), 'uStar'],
      [() => rank1Scalars(f(3), asAny([0.5, 0.5]), f(3), f(2), 1), 'v'],
      [() => rank1Scalars(f(3), f(2), f(3), asAny([0.5, 0.5]), 1), 'vStar'],
      [() => rank1Scalars(f(3), f(2), f(3), f(1), 1), 'v'],
      [() => rank1Scalars(f(3), f(0), f(3), f(0), 1), 'vStar'],
      [() => rank1Objective(f(3), asAny(null), 1), 'vStar'],
      [() => rank1Error(f(3), f(2), f(3), asAny(null), 1), 'vStar'],
    ];
    for (const [fn, arg] of cases) expectTyped(fn, ShapeError, arg);
    expect(rank1Scalars(f(1), f(1), f(1), f(1), 0).h).toBe(0.0625);
  });
});

describe('asVector', () => {
  it('returns the data of an n × 1 matrix and rejects other shapes, naming a', () => {
    const a = mat(3, 1, [1, 2, 3]);
    expect(asVector(a)).toBe(a.data);
    expectTyped(() => asVector(mat(2, 2, [1, 2, 3, 4])), ShapeError, 'a');
    expectTyped(() => asVector(mat(1, 2, [1, 2])), ShapeError, 'a');
  });
});

describe('workspace layout', () => {
  it('MfWorkspace fields have the documented shapes', () => {
    const ws: MfWorkspace = mfWorkspace(3, 2, 2);
    expect([ws.R.rows, ws.R.cols, ws.GU.rows, ws.GV.rows, ws.A.rows, ws.T.cols, ws.SU.rows, ws.SV.rows]).toEqual([3, 2, 3, 2, 2, 2, 3, 2]);
  });
});
