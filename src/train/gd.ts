/**
 * Full-batch gradient descent (2.2) on the two-layer net, W(k+1) = W(k) − η ∂L/∂W(k), with
 * trajectory recorders: ‖y − u(k)‖², max_r ‖w_r(k) − w_r(0)‖, the §2.4 pattern-flip fraction, the
 * per-unit path length η Σ_k ‖g_r(k)‖, and (optionally, it costs an eigen-solve) λmin(H(k)).
 * The step itself allocates nothing: one workspace is made before the loop.
 */
import { DomainError, NonFiniteError, requireFiniteNumber, requirePositive } from '../core/errors.ts';
import { symmetricEigenvalues } from '../core/linalg.ts';
import type { Matrix } from '../core/matrix.ts';
import {
  type TwoLayerParams, type TwoLayerWorkspace, backwardInto, cloneParams, empiricalGram, forwardInto,
  requireTwoLayerInputs, twoLayerWorkspace,
} from '../models/two-layer.ts';

export interface GdOptions {
  /** Step size η > 0. */
  eta: number;
  /** Number of GD steps K ≥ 0. */
  steps: number;
  /** Record λmin(H(k)) every this many steps (0 = never; it costs an n×n eigen-solve). */
  lambdaMinEvery?: number;
  /** Stop early once ‖y − u‖² falls below this (the float floor); default 0 = never. */
  stopBelow?: number;
  /** Stop early (and flag divergence) once ‖y − u‖² exceeds this; default 1e100. */
  divergeAbove?: number;
  /** Record, per step, how many (i, r) changed pattern from k − 1 to k (costs m·n compares a step). */
  stepFlips?: boolean;
}

export interface GdTrajectory {
  /** ‖y − u(k)‖² for k = 0..K (length K+1, or shorter on an early stop). */
  readonly sqLoss: Float64Array;
  /** max_r ‖w_r(k) − w_r(0)‖ for k = 0..K. */
  readonly maxDrift: Float64Array;
  /** Fraction of (i, r) with I{w_r(k)ᵀx_i ≥ 0} ≠ I{w_r(0)ᵀx_i ≥ 0} (§2.4, corrected sum E11). */
  readonly flipFraction: Float64Array;
  /** max_r η Σ_{k'<k} ‖g_r(k')‖, the path-length bound on the drift (Corollary 2.1's proof). */
  readonly maxPathLength: Float64Array;
  /** max over steps of max_r ‖g_r(k)‖ / (√(n/m) ‖u(k) − y‖) — ≤ 1 for unit data and a_r = ±1 (§2.1). */
  readonly worstGradRatio: number;
  /** (k, λmin(H(k))) samples, when lambdaMinEvery > 0. */
  readonly lambdaMinH: { k: number[]; value: number[] };
  /** λmax(H(k)) at the same samples (same eigen-solve; for the sharp Euler form of Lemma 2.3). */
  readonly lambdaMaxH: number[];
  /** With opts.stepFlips: [k] = #(i, r) whose pattern differs between W(k − 1) and W(k) ([0] = 0); else empty. */
  readonly stepFlips: Int32Array;
  /** Steps actually taken. */
  readonly steps: number;
  readonly diverged: boolean;
  /** Final parameters (a copy; the input is not modified). */
  readonly final: TwoLayerParams;
}

export function gradientDescent(p0: TwoLayerParams, X: Matrix, y: Float64Array, opts: GdOptions): GdTrajectory {
  requireTwoLayerInputs(p0, X, y);
  requirePositive(opts.eta, 'eta');
  requireFiniteNumber(opts.steps, 'steps');
  if (!Number.isInteger(opts.steps) || opts.steps < 0) throw new DomainError(`steps must be an integer ≥ 0, got ${opts.steps}`, 'steps');
  const every = requireFiniteNumber(opts.lambdaMinEvery ?? 0, 'lambdaMinEvery');
  if (!Number.isInteger(every) || every < 0) throw new DomainError(`lambdaMinEvery must be an integer ≥ 0 (0 = never), got ${every}`, 'lambdaMinEvery');
  const stopBelow = requireFiniteNumber(opts.stopBelow ?? 0, 'stopBelow');
  const divergeAbove = opts.divergeAbove ?? 1e100;
  // +∞ is allowed (stop only on a non-finite loss); NaN would never compare true, ≤ 0 would stop at once.
  if (Number.isNaN(divergeAbove)) throw new NonFiniteError('divergeAbove is NaN', 'divergeAbove');
  if (!(divergeAbove > 0)) throw new DomainError(`divergeAbove must be > 0, got ${divergeAbove}`, 'divergeAbove');

  const p = cloneParams(p0);
  const n = X.rows, m = p.W.rows, d = p.W.cols, K = opts.steps;
  const ws: TwoLayerWorkspace = twoLayerWorkspace(n, m, d);
  const W = p.W.data, W0 = Float64Array.from(W), G = ws.G.data;
  const sqLoss = new Float64Array(K + 1), maxDrift = new Float64Array(K + 1);
  const flipFraction = new Float64Array(K + 1), maxPathLength = new Float64Array(K + 1);
  const path = new Float64Array(m);
  const pattern0 = new Uint8Array(m * n);
  const withStepFlips = opts.stepFlips === true;
  const patternPrev = new Uint8Array(withStepFlips ? m * n : 0);
  const stepFlips = new Int32Array(withStepFlips ? K + 1 : 0);
  const lam = { k: [] as number[], value: [] as number[] };
  const lamMax: number[] = [];
  const eta = opts.eta, gradScale = Math.sqrt(n / m);
  let worstGradRatio = 0, taken = 0, diverged = false;

  forwardInto(p, X, ws);
  for (let t = 0; t < m * n; t++) pattern0[t] = ws.Z[t] >= 0 ? 1 : 0;
  if (withStepFlips) patternPrev.set(pattern0);

  for (let k = 0; ; k++) {
    // State k: ws.Z, ws.u are current. Record, then (if k < K) step.
    const half = backwardInto(p, X, y, ws);
    const sq = 2 * half;
    sqLoss[k] = sq;
    let drift = 0, pathMax = 0, flips = 0, gMax = 0;
    for (let r = 0; r < m; r++) {
      let s = 0;
      const o = r * d;
      for (let c = 0; c < d; c++) { const t = W[o + c] - W0[o + c]; s += t * t; }
      if (s > drift) drift = s;
      if (path[r] > pathMax) pathMax = path[r];
    }
    for (let t = 0; t < m * n; t++) if ((ws.Z[t] >= 0 ? 1 : 0) !== pattern0[t]) flips++;
    if (withStepFlips) {
      let changed = 0;
      for (let t = 0; t < m * n; t++) {
        const a = ws.Z[t] >= 0 ? 1 : 0;
        if (a !== patternPrev[t]) { changed++; patternPrev[t] = a; }
      }
      stepFlips[k] = changed;
    }
    maxDrift[k] = Math.sqrt(drift);
    maxPathLength[k] = pathMax;
    flipFraction[k] = flips / (m * n);
    if (every > 0 && k % every === 0) {
      const ev = symmetricEigenvalues(empiricalGram(p, X));
      lam.k.push(k);
      lam.value.push(ev[0]);
      lamMax.push(ev[ev.length - 1]);
    }
    if (!Number.isFinite(sq) || sq > divergeAbove) { diverged = true; break; }
    if (k === K || sq < stopBelow) break;
    // Step: W ← W − η G, accumulating per-unit path length.
    for (let r = 0; r < m; r++) {
      const o = r * d;
      let g2 = 0;
      for (let c = 0; c < d; c++) { const g = G[o + c]; g2 += g * g; W[o + c] -= eta * g; }
      const gn = Math.sqrt(g2);
      path[r] += eta * gn;
      if (gn > gMax) gMax = gn;
    }
    if (sq > 0) worstGradRatio = Math.max(worstGradRatio, gMax / (gradScale * Math.sqrt(sq)));
    forwardInto(p, X, ws);
    taken = k + 1;
  }
  const len = taken + 1;
  return {
    sqLoss: sqLoss.slice(0, len), maxDrift: maxDrift.slice(0, len), flipFraction: flipFraction.slice(0, len),
    maxPathLength: maxPathLength.slice(0, len), worstGradRatio, lambdaMinH: lam, lambdaMaxH: lamMax,
    stepFlips: withStepFlips ? stepFlips.slice(0, len) : stepFlips, steps: taken, diverged, final: p,
  };
}

/** One GD step from p (a copy is returned), for the exact one-step identities of §2.3. */
export function gdStep(p: TwoLayerParams, X: Matrix, y: Float64Array, eta: number): TwoLayerParams {
  requireTwoLayerInputs(p, X, y);
  requirePositive(eta, 'eta');
  const q = cloneParams(p);
  const ws = twoLayerWorkspace(X.rows, p.W.rows, p.W.cols);
  forwardInto(q, X, ws);
  backwardInto(q, X, y, ws);
  const W = q.W.data, G = ws.G.data;
  for (let t = 0; t < W.length; t++) W[t] -= eta * G[t];
  return q;
}
