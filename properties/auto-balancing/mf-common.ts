/**
 * Matrix-factorization case builders shared by the auto-balancing claims (thesis §4.3; catalog 002c §3.12–§3.14,
 * §3.19): unit-norm targets, Theorem 4.4's E₀ initialization, the Claim 4.1 drift residual and the
 * constructed stationary points of Lemma 4.2. Not a property file: importing it registers nothing.
 */
import fc from 'fast-check';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import {
  type LowRankTarget, type MfObjective, type MfWorkspace, balanceInto, constructedStationaryPoint, frobenius, frobeniusSq, matmul,
  matmulABt, matmulAtB, mfObjective, minus, procrustes,
  randomLowRankTarget, randomOrthonormal, requireMfInputs, stack,
} from '../../src/models/matrix-factorization.ts';
import { type Recorder, gd } from '../../src/train/gd.ts';

export interface MfCase { d1: number; d2: number; r: number; seed: number }
export interface MfSizes { runs: number; dMax: number; rMax: number }
export const mfArb = (s: MfSizes): fc.Arbitrary<MfCase> =>
  fc.record({ d1: fc.integer({ min: 1, max: s.dMax }), d2: fc.integer({ min: 1, max: s.dMax }), r: fc.integer({ min: 1, max: s.rMax }), seed: seedArb });

/** A target with ‖M*‖_F = 1 (as in the Lemma 4.1 checks; catalog 002c §3.13) and singular values log-uniform in [e⁻¹, e] before normalization (or all equal). */
export function unitTarget(seed: number, d1: number, d2: number, r: number, equal = false): LowRankTarget {
  const rr = rng(seed).stream('target');
  const raw = Array.from({ length: r }, () => (equal ? 1 : Math.exp(rr.uniformIn(-1, 1))));
  const n = Math.hypot(...raw);
  return randomLowRankTarget(rr, d1, d2, raw.map((x) => x / n));
}

/**
 * Theorem 4.4's initialization made explicit (catalog §3.12): entries N(0, s) with s = ε/(10dr)
 * (a variance), rejection-sampled until the initial event E₀ of Lemma 4.1 holds:
 * ‖U₀‖² ≤ ε, ‖V₀‖² ≤ ε, ‖U₀ᵀU₀ − V₀ᵀV₀‖ ≤ ε/2.
 */
export function initE0(seed: number, d1: number, d2: number, r: number, eps: number): { U: Matrix; V: Matrix; tries: number } {
  const s = eps / (10 * Math.max(d1, d2) * r);
  const A = zeros(r, r), T = zeros(r, r);
  for (let k = 0; k < 1000; k++) {
    const rr = rng(seed).stream(`init-${k}`);
    const U = zeros(d1, r), V = zeros(d2, r);
    rr.stream('U').fillNormal(U.data, Math.sqrt(s));
    rr.stream('V').fillNormal(V.data, Math.sqrt(s));
    balanceInto(U, V, A, T);
    if (frobeniusSq(U) <= eps && frobeniusSq(V) <= eps && frobenius(A) <= eps / 2) return { U, V, tries: k + 1 };
  }
  throw new Error('E0 was not met in 1000 draws'); // P(E0) ≈ 1 at this variance
}

// ---------------------------------------------------------------------------------------------
// Claim 4.1 (corrected, E6): the exact one-step drift of A = UᵀU − VᵀV.
// ---------------------------------------------------------------------------------------------

export interface DriftCase { d1: number; d2: number; r: number; eta: number; seed: number }
export const driftArb = (dMax: number, rMax: number): fc.Arbitrary<DriftCase> => fc.record({
  d1: fc.integer({ min: 1, max: dMax }), d2: fc.integer({ min: 1, max: dMax }), r: fc.integer({ min: 1, max: rMax }),
  eta: fc.double({ min: 0.005, max: 0.05, noNaN: true }), seed: seedArb,
});

/**
 * T steps of (4.9) from a random O(1) start; at each step the residual of
 * A_{t+1} − A_t = η²(V_tᵀR_tᵀR_tV_t − U_tᵀR_tR_tᵀU_t) (or of the printed form / the alternating update).
 */
export function claim41Residual(c: DriftCase, mode: 'corrected' | 'printed' | 'alternating', T = 40): { worst: number; maxRes: number; maxDrift: number } {
  const t = unitTarget(c.seed, c.d1, c.d2, Math.min(c.r, c.d1, c.d2));
  const rr = rng(c.seed).stream('start');
  const U = zeros(c.d1, c.r), V = zeros(c.d2, c.r);
  rr.fillNormal(U.data, 0.5);
  rr.fillNormal(V.data, 0.5);
  const obj = mfObjective(t.M, c.r), x0 = new Float64Array(obj.dim);
  x0.set(U.data);
  x0.set(V.data, U.data.length);
  const { U: Ut, V: Vt } = obj.views(x0), ws = obj.ws;
  const A0 = zeros(c.r, c.r), A1 = zeros(c.r, c.r), tmp = zeros(c.r, c.r);
  let worst = 0, maxRes = 0, maxDrift = 0, first = A0, second = A0, scale = 0;
  const recorder: Recorder = {
    record(k) {
      // State k: finish the step from k − 1, then take the terms of the step from k.
      if (k > 0) {
        balanceInto(Ut, Vt, A1, tmp);
        const scale1 = scale + frobeniusSq(Ut) + frobeniusSq(Vt);
        for (let q = 0; q < A0.data.length; q++) {
          const drift = A1.data[q] - A0.data[q];
          const res = Math.abs(drift - c.eta * c.eta * (first.data[q] - second.data[q]));
          worst = Math.max(worst, res / (1e-12 * scale1));
          maxRes = Math.max(maxRes, res);
          maxDrift = Math.max(maxDrift, Math.abs(drift));
        }
      }
      balanceInto(Ut, Vt, A0, tmp);
      const R = ws.R, RV = matmul(R, Vt), RtU = matmulAtB(R, Ut);
      // VᵀRᵀRV = (RV)ᵀ(RV); UᵀRRᵀU = (RᵀU)ᵀ(RᵀU); printed UᵀRᵀRU needs d1 = d2.
      first = matmulAtB(RV, RV);
      second = mode === 'printed' ? printedSecond(R, Ut) : matmulAtB(RtU, RtU);
      scale = 1 + frobeniusSq(Ut) + frobeniusSq(Vt);
    },
  };
  gd(obj, x0, { eta: c.eta, steps: T, recorders: [recorder], inPlace: true, update: mode === 'alternating' ? 'alternating' : 'simultaneous' });
  return { worst, maxRes, maxDrift };
}

/** The printed second-order term U_tᵀR_tᵀR_tU_t (defined only when d1 = d2). */
export function printedSecond(R: Matrix, U: Matrix): Matrix {
  const RU = matmul(R, U); // R (d1×d2) · U (d1×r): needs d2 = d1
  return matmulAtB(RU, RU); // (RU)ᵀ(RU) = UᵀRᵀRU
}


// ---------------------------------------------------------------------------------------------
// Constructed stationary points (catalog §3.14) and the proof of Lemma 4.2.
// ---------------------------------------------------------------------------------------------

export interface StatCase extends MfCase { mask: number; balanced: boolean }
export const statArb = (s: MfSizes): fc.Arbitrary<StatCase> =>
  fc.tuple(mfArb(s), fc.nat(), fc.boolean()).map(([m, mask, balanced]) => ({ ...m, d1: Math.max(m.d1, m.r), d2: Math.max(m.d2, m.r), mask, balanced }));

/**
 * U = (ΦΣ^{1/2}D1_S)Q, V = (ΨΣ^{1/2}D⁻¹1_S)Q with rank M* = r, S from the mask bits (S = [r] is a
 * global minimum), D log-normal with scale 0.3 (or I when balanced), Q random orthogonal.
 */
export function stationary(c: StatCase) {
  const r0 = rng(c.seed);
  // one stream per quantity, drawn from repeatedly (a fresh stream per entry would repeat its first draw)
  const rs = r0.stream('sigma'), rd = r0.stream('D');
  const sig = Array.from({ length: c.r }, () => Math.exp(rs.uniformIn(-1, 1)));
  const t = randomLowRankTarget(r0.stream('target'), c.d1, c.d2, sig);
  const mask = Array.from({ length: c.r }, (_, k) => ((c.mask >> k) & 1) === 0);
  const diag = Array.from({ length: c.r }, () => (c.balanced ? 1 : Math.exp(0.3 * rd.normal())));
  const Q = randomOrthonormal(r0.stream('Q'), c.r, c.r);
  const { U, V } = constructedStationaryPoint(t, mask, diag, Q);
  const W = stack(U, V), Ws = stack(t.Ustar, t.Vstar);
  const R = procrustes(W, Ws);
  const DU = minus(U, matmul(t.Ustar, R)), DV = minus(V, matmul(t.Vstar, R));
  const M = matmulABt(U, V), E = minus(M, t.M);
  return { t, U, V, R, DU, DV, M, E, kept: mask.filter(Boolean).length, label: `d1=${c.d1} d2=${c.d2} r=${c.r} |S|=${mask.filter(Boolean).length} ${c.balanced ? 'D=I' : 'D≠I'}` };
}


/**
 * GD (4.9) on (U, V) through the one training loop (src/train/gd.ts): onState(t, f_t, ws, U_t, V_t)
 * sees every state t = 0..steps — U_t, V_t are live views on the loop's state (the caller's U, V
 * are updated once, at the end) and ws holds R and ∇ of that state; true stops the run.
 * Returns the steps taken (fewer than `steps` on a stop or a non-finite f).
 */
export function runMfGd(U: Matrix, V: Matrix, M: Matrix, opts: {
  steps: number; eta: (t: number) => number; objective?: MfObjective;
  onState?: (t: number, f: number, ws: MfWorkspace, U: Matrix, V: Matrix) => boolean | void;
}): number {
  requireMfInputs(U, V, M);
  const obj = mfObjective(M, U.cols, opts.objective ?? 'plain');
  const nu = U.data.length, x = new Float64Array(obj.dim);
  x.set(U.data);
  x.set(V.data, nu);
  const live = obj.views(x), onState = opts.onState;
  const recorders = onState ? [{ record: (t: number, _s: Float64Array, f: number) => onState(t, f, obj.ws, live.U, live.V) }] : [];
  const run = gd(obj, x, { eta: { name: 'mf', at: opts.eta }, steps: opts.steps, recorders, onNonFinite: 'stop', inPlace: true });
  U.data.set(live.U.data);
  V.data.set(live.V.data);
  return run.steps;
}
