/**
 * Rank-one matrix factorization setup of thesis Theorem 4.5 (catalog 002c §3.15, §3.25–§3.27):
 * M* = σ₁u*v*ᵀ (unit u*, v*), u₀, v₀ ~ N(0, δ²I) with δ = c_init√(σ₁/d), d = max(d1, d2) — δ read
 * as a standard deviation (E9) — and the constant step η = c_step/σ₁. The proof's initial
 * conditions are α₀β₀ > 0 (after flipping u*, v* when both are negative, footnote 7),
 * |α₀|, |β₀| ∈ [0.1δ, 10δ] and α₀⊥, β₀⊥ ≤ 10c_init√σ₁.
 */
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { normalCdf } from '../../src/core/special.ts';
import { rng } from '../../src/core/rng.ts';
import {
  type Rank1Scalars, mfObjective, rank1Error, rank1Objective, rank1Scalars,
} from '../../src/models/matrix-factorization.ts';
import { type Recorder, gd } from '../../src/train/gd.ts';

export const C_INIT = [0.01, 0.05, 0.1] as const; // Lemma 4.5 checks (catalog 002c §3.26)
export const C_STEP = [0.01, 0.1, 0.3] as const;
export const SIGMA1 = [1, 2] as const;

export interface Rank1Setup {
  /** The seed of this draw (rank1Setup(seed, …) reproduces it at any σ₁). */
  seed: number;
  d1: number;
  d2: number;
  sigma1: number;
  cInit: number;
  delta: number;
  uStar: Float64Array;
  vStar: Float64Array;
  /** M* = σ₁u*v*ᵀ (d1 × d2). */
  M: Matrix;
  u0: Float64Array;
  v0: Float64Array;
  /** The proof's initial conditions hold (after the footnote-7 flip). */
  valid: boolean;
  s0: Rank1Scalars;
}

/** δ as the standard deviation (E9); `variance: true` reads the printed N(0, δI) literally (δ as a variance). */
export function rank1Setup(seed: number, d1: number, d2: number, sigma1: number, cInit: number, variance = false): Rank1Setup {
  const r = rng(seed);
  const uStar = r.stream('ustar').sphere(d1), vStar = r.stream('vstar').sphere(d2);
  const d = Math.max(d1, d2), delta = cInit * Math.sqrt(sigma1 / d);
  const std = variance ? Math.sqrt(delta) : delta;
  const u0 = r.stream('u0').fillNormal(new Float64Array(d1), std), v0 = r.stream('v0').fillNormal(new Float64Array(d2), std);
  let s0 = rank1Scalars(u0, v0, uStar, vStar, sigma1);
  if (s0.alpha < 0 && s0.beta < 0) {
    // Footnote 7: flip u* and v* (M* is unchanged).
    for (let i = 0; i < d1; i++) uStar[i] = -uStar[i];
    for (let j = 0; j < d2; j++) vStar[j] = -vStar[j];
    s0 = rank1Scalars(u0, v0, uStar, vStar, sigma1);
  }
  const M = zeros(d1, d2);
  for (let i = 0; i < d1; i++) for (let j = 0; j < d2; j++) M.data[i * d2 + j] = sigma1 * uStar[i] * vStar[j];
  const inBand = (x: number): boolean => Math.abs(x) >= 0.1 * delta && Math.abs(x) <= 10 * delta;
  const perp = 10 * cInit * Math.sqrt(sigma1);
  const valid = s0.alpha > 0 && s0.beta > 0 && inBand(s0.alpha) && inBand(s0.beta) && s0.alphaPerp <= perp && s0.betaPerp <= perp;
  return { seed, d1, d2, sigma1, cInit, delta, uStar, vStar, M, u0, v0, valid, s0 };
}

/** The first sub-seed (seed/k, k = 0, 1, …) whose draw meets the initial conditions (≈ 42% do). */
export function validRank1Setup(seed: number, d1: number, d2: number, sigma1: number, cInit: number): Rank1Setup {
  for (let k = 0; k < 200; k++) {
    const s = rank1Setup(rng(seed).stream(`valid-${k}`).int(0x7fffffff), d1, d2, sigma1, cInit);
    if (s.valid) return s;
  }
  throw new Error('no valid rank-1 draw in 200 tries (rate ≈ 0.42)');
}

export interface Rank1Run {
  /** Scalars at t = 0..steps computed from the GD vectors. */
  S: Rank1Scalars[];
  /** ‖u_tv_tᵀ − M*‖_F at each recorded t. */
  err: number[];
  /** T₁ = min{t : α_t² + β_t² ≥ σ₁/2} (−1 if not reached). */
  T1: number;
  steps: number;
}

/**
 * GD (4.9) with r = 1 and η = c_step/σ₁ through the generic matrix code (so the recursions are
 * checked against (4.9) itself), recording the scalars at every t; stops after `steps` or when
 * `stop(t, scalars, err)` returns true, or when the iterates blow up (|h| > 1e100).
 */
export function runRank1(s: Rank1Setup, cStep: number, steps: number, stop?: (t: number, x: Rank1Scalars, err: number) => boolean): Rank1Run {
  const obj = mfObjective(s.M, 1), x0 = new Float64Array(obj.dim);
  x0.set(s.u0);
  x0.set(s.v0, s.d1);
  const u = x0.subarray(0, s.d1), v = x0.subarray(s.d1), eta = cStep / s.sigma1;
  const S: Rank1Scalars[] = [], err: number[] = [];
  let T1 = -1;
  const recorder: Recorder = {
    record(t) {
      const x = rank1Scalars(u, v, s.uStar, s.vStar, s.sigma1);
      const e = rank1Error(u, v, s.uStar, s.vStar, s.sigma1);
      S.push(x);
      err.push(e);
      if (T1 < 0 && x.alpha ** 2 + x.beta ** 2 >= s.sigma1 / 2) T1 = t;
      return !(Math.abs(x.h) < 1e100) || (stop !== undefined && stop(t, x, e));
    },
  };
  const run = gd(obj, x0, { eta, steps, recorders: [recorder], inPlace: true, onNonFinite: 'stop' });
  return { S, err, T1, steps: run.steps };
}

/** Steps until ‖u_tv_tᵀ − M*‖ ≤ ε·σ₁, GD on the O(d) rank-1 objective (−1 if not within maxSteps). */
export function convergenceTime(s: Rank1Setup, cStep: number, eps: number, maxSteps: number): number {
  const x0 = new Float64Array(s.d1 + s.d2);
  x0.set(s.u0);
  x0.set(s.v0, s.d1);
  const obj = rank1Objective(s.uStar, s.vStar, s.sigma1);
  let hit = -1;
  const recorder: Recorder = {
    record(t) {
      // ‖u_tv_tᵀ − M*‖ as the objective just computed it for f_t (rank1Error, no second pass).
      if (obj.lastError() > eps * s.sigma1) return false;
      hit = t;
      return true;
    },
  };
  gd(obj, x0, { eta: cStep / s.sigma1, steps: maxSteps, recorders: [recorder], inPlace: true });
  return hit;
}

/** P(initial conditions) = ½·P(0.1 ≤ |Z| ≤ 10)² ≈ 0.4235 (the ⊥ conditions hold w.p. ≈ 1 at d1 = 16). */
export const INIT_RATE = 0.5 * (2 * (normalCdf(10) - normalCdf(0.1))) ** 2;
