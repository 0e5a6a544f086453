/**
 * Perturbed gradient descent (thesis Algorithm 2, Jin et al. 2017) on any objective.
 *
 * Semantics (thesis Algorithm 2, re-indexed from t = 0, erratum E14; catalog 002e §2.4):
 *   t_noise = −t_thres − 1
 *   for t = 0, 1, …:
 *     if ‖∇f(x_t)‖ ≤ g_thres and t − t_noise > t_thres:  x_t ← x_t + ξ_t, ξ_t ~ Unif(B_0(r)); t_noise ← t
 *     x_{t+1} = x_t − η∇f(x_t)          (the gradient at the perturbed point)
 * There is no f_thres stopping rule in the thesis' Algorithm 2: runs stop at `steps` or when a
 * recorder asks to. Recorders see x_t before any perturbation at t. Allocation-free per step.
 */
import { DomainError, NonFiniteError, requireFiniteNumber } from '../core/errors.ts';
import type { Objective } from '../models/model.ts';
import type { Rng } from '../core/rng.ts';
import { type GdRun, type Recorder, requireFiniteState, requireStart, requireSteps, stepSizes } from './gd.ts';
import type { Schedule } from './schedules.ts';

export interface PgdOptions {
  eta: number | Schedule;
  steps: number;
  recorders?: readonly Recorder[];
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

function norm(g: Float64Array): number {
  let s = 0;
  for (let j = 0; j < g.length; j++) s += g[j] * g[j];
  return Math.sqrt(s);
}

export function pgd(obj: Objective, x0: Float64Array, opts: PgdOptions): PgdRun {
  const x = requireStart(obj, x0);
  if (opts === null || typeof opts !== 'object') throw new DomainError('options are required', 'opts');
  const etaAt = stepSizes(opts.eta);
  requireSteps(opts.steps);
  const r = requireFiniteNumber(opts.r, 'r');
  const gThres = requireFiniteNumber(opts.gThres, 'gThres');
  const tThres = requireFiniteNumber(opts.tThres, 'tThres');
  if (r < 0) throw new DomainError(`r must be ≥ 0, got ${r}`, 'r');
  if (gThres < 0) throw new DomainError(`gThres must be ≥ 0, got ${gThres}`, 'gThres');
  if (!Number.isInteger(tThres) || tThres < 0) throw new DomainError(`tThres must be an integer ≥ 0, got ${tThres}`, 'tThres');
  if (!opts.noise || typeof opts.noise.ball !== 'function') throw new DomainError('noise must be an Rng', 'noise');
  const recorders = opts.recorders ?? [];
  const d = obj.dim, g = new Float64Array(d), xi = new Float64Array(d);
  const noiseTimes: number[] = [];
  let tNoise = -tThres - 1, t = 0, f = NaN, stopped = false;
  const checkFinite = (): void => {
    if (!Number.isFinite(f)) throw new NonFiniteError(`f(x^(${t})) is ${f}: the run diverged`, 'x');
  };
  for (; ; t++) {
    f = obj.valueGrad(x, g);
    checkFinite();
    let stop = false;
    for (let k = 0; k < recorders.length; k++) if (recorders[k].record(t, x, f, g) === true) stop = true;
    if (stop) { stopped = true; break; }
    if (t === opts.steps) break;
    if (norm(g) <= gThres && t - tNoise > tThres) {
      opts.noise.ball(d, r, xi);
      for (let j = 0; j < d; j++) x[j] += xi[j];
      tNoise = t;
      noiseTimes.push(t);
      if (opts.onNoise && opts.onNoise(t, xi, x) === true) { stopped = true; break; }
      f = obj.valueGrad(x, g); // the step uses the gradient at the perturbed point
      checkFinite();
    }
    const eta = etaAt(t);
    for (let k = 0; k < recorders.length; k++) recorders[k].beforeStep?.(t, x, g, eta);
    for (let j = 0; j < d; j++) x[j] -= eta * g[j];
  }
  requireFiniteState(x, t);
  return { x: Float64Array.from(x), steps: t, f, stopped, diverged: false, noiseTimes };
}
