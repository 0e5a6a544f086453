/**
 * Gradient descent (thesis Eq. 7.1) and perturbed gradient descent (thesis Algorithm 2, Jin et al.
 * 2017) on any smooth objective given as value-and-gradient. Both loops allocate nothing per step:
 * the gradient and noise buffers are made once. (src/train/gd.ts is the two-layer-network GD; this
 * file is the generic one the strict-saddle family needs.)
 *
 * PGD semantics (catalog 002e §2.4, re-indexed from t = 0, erratum E14):
 *   t_noise = −t_thres − 1
 *   for t = 0, 1, …:
 *     if ‖∇f(x_t)‖ ≤ g_thres and t − t_noise > t_thres:  x_t ← x_t + ξ_t, ξ_t ~ Unif(B_0(r)); t_noise ← t
 *     x_{t+1} = x_t − η∇f(x_t)          (the gradient at the perturbed point)
 * There is no f_thres stopping rule in the thesis' Algorithm 2: runs stop at `steps` or when an
 * observer asks to.
 */
import { DomainError, NonFiniteError, ShapeError, requireFiniteArray, requireFiniteNumber, requirePositive } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';

/** A smooth objective: f(x), with ∇f(x) written into grad. Must not allocate (it runs every step). */
export interface Objective {
  readonly dim: number;
  valueGrad(x: Float64Array, grad: Float64Array): number;
}

/**
 * Called with the iterate x^(t) (for PGD: before any perturbation at t), its value and gradient norm.
 * x and grad are live buffers: copy them to keep them. Return true to stop before the step at t.
 */
export type StepObserver = (t: number, x: Float64Array, f: number, gradNorm: number, grad: Float64Array) => boolean | void;

export interface GdRunOptions {
  /** Step size η > 0. */
  eta: number;
  /** Maximum number of steps (an integer ≥ 0). */
  steps: number;
  observe?: StepObserver;
}

export interface GdRun {
  /** The last iterate observed (a copy). */
  readonly x: Float64Array;
  /** Number of gradient steps taken. */
  readonly steps: number;
  /** True when an observer (or onNoise) stopped the run. */
  readonly stopped: boolean;
}

export interface PgdRunOptions extends GdRunOptions {
  /** Perturbation radius r ≥ 0: ξ is uniform in the ℓ2 ball of radius r (not Gaussian, not a cube). */
  r: number;
  /** t_thres ≥ 0: at least t_thres + 1 iterations between perturbations. */
  tThres: number;
  /** g_thres ≥ 0: perturb only when ‖∇f(x_t)‖ ≤ g_thres. */
  gThres: number;
  /** The noise stream (e.g. rng(seed).stream('noise')). */
  noise: Rng;
  /** Called after each perturbation with ξ and the perturbed point; return true to stop before the step. */
  onNoise?: (t: number, xi: Float64Array, xPerturbed: Float64Array) => boolean | void;
}

export interface PgdRun extends GdRun {
  /** Iterations at which noise was added. */
  readonly noiseTimes: number[];
}

function requireStart(obj: Objective, x0: ArrayLike<number>): Float64Array {
  if (!obj || typeof obj.valueGrad !== 'function') throw new DomainError('objective must have valueGrad(x, grad)', 'objective');
  if (!Number.isInteger(obj.dim) || obj.dim < 1) throw new DomainError(`objective.dim must be a positive integer, got ${obj.dim}`, 'objective');
  if (x0.length !== obj.dim) throw new ShapeError(`x0 has length ${x0.length}, expected ${obj.dim}`, 'x0');
  requireFiniteArray(x0, 'x0');
  return Float64Array.from(x0);
}

function requireSteps(steps: number): void {
  requireFiniteNumber(steps, 'steps');
  if (!Number.isInteger(steps) || steps < 0) throw new DomainError(`steps must be an integer ≥ 0, got ${steps}`, 'steps');
}

function norm(g: Float64Array): number {
  let s = 0;
  for (let j = 0; j < g.length; j++) s += g[j] * g[j];
  return Math.sqrt(s);
}

function checkFinite(f: number, t: number): void {
  if (!Number.isFinite(f)) throw new NonFiniteError(`f(x^(${t})) is ${f}: the run diverged`, 'x');
}

/** GD (7.1): x^(t+1) = x^(t) − η∇f(x^(t)), computed as x_j − η·g_j in float64. */
export function runGd(obj: Objective, x0: ArrayLike<number>, opts: GdRunOptions): GdRun {
  const x = requireStart(obj, x0);
  const eta = requirePositive(opts.eta, 'eta');
  requireSteps(opts.steps);
  const g = new Float64Array(obj.dim), d = obj.dim, obs = opts.observe;
  let t = 0, stopped = false;
  for (; ; t++) {
    const f = obj.valueGrad(x, g);
    checkFinite(f, t);
    if (obs && obs(t, x, f, norm(g), g) === true) { stopped = true; break; }
    if (t === opts.steps) break;
    for (let j = 0; j < d; j++) x[j] -= eta * g[j];
  }
  return { x: Float64Array.from(x), steps: t, stopped };
}

/** PGD (Algorithm 2). */
export function runPgd(obj: Objective, x0: ArrayLike<number>, opts: PgdRunOptions): PgdRun {
  const x = requireStart(obj, x0);
  const eta = requirePositive(opts.eta, 'eta');
  requireSteps(opts.steps);
  const r = requireFiniteNumber(opts.r, 'r');
  const gThres = requireFiniteNumber(opts.gThres, 'gThres');
  const tThres = requireFiniteNumber(opts.tThres, 'tThres');
  if (r < 0) throw new DomainError(`r must be ≥ 0, got ${r}`, 'r');
  if (gThres < 0) throw new DomainError(`gThres must be ≥ 0, got ${gThres}`, 'gThres');
  if (!Number.isInteger(tThres) || tThres < 0) throw new DomainError(`tThres must be an integer ≥ 0, got ${tThres}`, 'tThres');
  if (!opts.noise || typeof opts.noise.ball !== 'function') throw new DomainError('noise must be an Rng', 'noise');
  const d = obj.dim, g = new Float64Array(d), xi = new Float64Array(d), obs = opts.observe;
  const noiseTimes: number[] = [];
  let tNoise = -tThres - 1, t = 0, stopped = false;
  for (; ; t++) {
    let f = obj.valueGrad(x, g);
    checkFinite(f, t);
    const gn = norm(g);
    if (obs && obs(t, x, f, gn, g) === true) { stopped = true; break; }
    if (t === opts.steps) break;
    if (gn <= gThres && t - tNoise > tThres) {
      opts.noise.ball(d, r, xi);
      for (let j = 0; j < d; j++) x[j] += xi[j];
      tNoise = t;
      noiseTimes.push(t);
      if (opts.onNoise && opts.onNoise(t, xi, x) === true) { stopped = true; break; }
      f = obj.valueGrad(x, g); // the step uses the gradient at the perturbed point
      checkFinite(f, t);
    }
    for (let j = 0; j < d; j++) x[j] -= eta * g[j];
  }
  return { x: Float64Array.from(x), steps: t, stopped, noiseTimes };
}
