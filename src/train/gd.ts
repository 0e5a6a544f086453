/**
 * Gradient descent x^(t+1) = x^(t) − η_t ∇f(x^(t)) on any objective: thesis (2.2) for the two-layer
 * net, (4.9) for matrix factorization, (4.4)'s GD for deep nets, (7.1) for the octopus. A model on
 * data enters through `bindData` (src/models/model.ts). What a claim measures along the way is a
 * recorder (src/train/recorders.ts), not a new loop.
 *
 * The loop allocates nothing per step: the gradient buffer is made once, the update is
 * x_j − η·g_j in float64 (bit-identical to the per-model loops it replaced).
 */
import { DomainError, NonFiniteError, requireFiniteNumber } from '../core/errors.ts';
import { type Objective, requireObjective, requireTheta } from '../models/model.ts';
import type { Schedule } from './schedules.ts';

/**
 * A plug-in of the training loop. `record` sees every state t = 0, 1, … (x and grad are live
 * buffers: copy to keep); returning true stops the run before the step from t. `beforeStep` is
 * called only when a step from t follows, with the step size it will use.
 */
export interface Recorder {
  record(t: number, x: Float64Array, f: number, grad: Float64Array): boolean | void;
  beforeStep?(t: number, x: Float64Array, grad: Float64Array, eta: number): void;
}

export interface GdOptions {
  /** Step size η > 0, or a schedule η_t. */
  eta: number | Schedule;
  /** Maximum number of steps (an integer ≥ 0). */
  steps: number;
  recorders?: readonly Recorder[];
  /** Stop (and flag divergence) once f exceeds this; default +∞. */
  divergeAbove?: number;
  /** Stop once f falls below this (the float floor of a converged run); default −∞ (never). */
  stopBelow?: number;
  /** A non-finite f either throws NonFiniteError (default) or ends the run flagged as diverged. */
  onNonFinite?: 'throw' | 'stop';
  /**
   * 'simultaneous' (default): every block steps from the same gradient. 'alternating': the blocks
   * step one after another, each from the gradient at the already-updated earlier blocks (the
   * alternating update of thesis §4.3, used as a control).
   */
  update?: 'simultaneous' | 'alternating';
  /** Step x0 itself (callers whose views share its memory see every state); default false: x0 is copied. */
  inPlace?: boolean;
}

export interface GdRun {
  /** The last iterate (a copy). */
  readonly x: Float64Array;
  /** Number of steps taken. */
  readonly steps: number;
  /** f at the last iterate. */
  readonly f: number;
  /** A recorder stopped the run. */
  readonly stopped: boolean;
  /** f became non-finite or exceeded divergeAbove. */
  readonly diverged: boolean;
}

export function requireSteps(steps: number, argument = 'steps'): number {
  requireFiniteNumber(steps, argument);
  if (!Number.isInteger(steps) || steps < 0) throw new DomainError(`${argument} must be an integer ≥ 0, got ${steps}`, argument);
  return steps;
}

/** η as a function of t, validated once. */
export function stepSizes(eta: number | Schedule): (t: number) => number {
  if (typeof eta === 'number') {
    requireFiniteNumber(eta, 'eta');
    if (!(eta > 0)) throw new DomainError(`eta must be > 0, got ${eta}`, 'eta');
    return () => eta;
  }
  if (eta === null || typeof eta !== 'object' || typeof eta.at !== 'function') throw new DomainError('eta must be a number or a Schedule', 'eta');
  return (t) => eta.at(t);
}

export function requireStart(obj: Objective, x0: Float64Array, argument = 'x0'): Float64Array {
  requireObjective(obj);
  requireTheta(x0, obj.dim, argument);
  return Float64Array.from(x0);
}

function requireGdOptions(opts: GdOptions): { divergeAbove: number; stopBelow: number; nonFinite: 'throw' | 'stop'; alternating: boolean } {
  if (opts === null || typeof opts !== 'object') throw new DomainError('options { eta, steps } are required', 'opts');
  requireSteps(opts.steps);
  const divergeAbove = opts.divergeAbove ?? Infinity;
  // +∞ is allowed (stop only on a non-finite f); NaN would never compare true.
  if (Number.isNaN(divergeAbove)) throw new NonFiniteError('divergeAbove is NaN', 'divergeAbove');
  const stopBelow = opts.stopBelow ?? -Infinity;
  if (Number.isNaN(stopBelow)) throw new NonFiniteError('stopBelow is NaN', 'stopBelow');
  const nonFinite = opts.onNonFinite ?? 'throw';
  if (nonFinite !== 'throw' && nonFinite !== 'stop') throw new DomainError(`onNonFinite must be 'throw' or 'stop', got ${String(nonFinite)}`, 'onNonFinite');
  const update = opts.update ?? 'simultaneous';
  if (update !== 'simultaneous' && update !== 'alternating') throw new DomainError(`update must be 'simultaneous' or 'alternating', got ${String(update)}`, 'update');
  return { divergeAbove, stopBelow, nonFinite, alternating: update === 'alternating' };
}

/** GD from x0 (not modified). */
export function gd(obj: Objective, x0: Float64Array, opts: GdOptions): GdRun {
  const copy = requireStart(obj, x0);
  const x = opts?.inPlace === true ? x0 : copy;
  const { divergeAbove, stopBelow, nonFinite, alternating } = requireGdOptions(opts);
  const etaAt = stepSizes(opts.eta);
  const recorders = opts.recorders ?? [];
  const blocks = obj.blocks ?? [{ name: 'x', offset: 0, rows: 1, cols: obj.dim, trained: true }];
  if (alternating && !obj.blocks) throw new DomainError('the alternating update needs an objective with blocks', 'update');
  const d = obj.dim, g = new Float64Array(d), K = opts.steps;
  let t = 0, f = NaN, stopped = false, diverged = false;
  for (; ; t++) {
    f = obj.valueGrad(x, g);
    if (!Number.isFinite(f)) {
      // A non-finite state is never shown to the recorders: their figures stay finite.
      if (nonFinite === 'throw') throw new NonFiniteError(`f(x^(${t})) is ${f}: the run diverged`, 'x');
      diverged = true;
      break;
    }
    let stop = false;
    for (let k = 0; k < recorders.length; k++) if (recorders[k].record(t, x, f, g) === true) stop = true;
    if (f > divergeAbove) { diverged = true; break; }
    if (stop) { stopped = true; break; }
    if (t === K || f < stopBelow) break;
    const eta = etaAt(t);
    for (let k = 0; k < recorders.length; k++) recorders[k].beforeStep?.(t, x, g, eta);
    if (!alternating) {
      for (let j = 0; j < d; j++) x[j] -= eta * g[j];
    } else {
      for (let b = 0; b < blocks.length; b++) {
        const blk = blocks[b], end = blk.offset + blk.rows * blk.cols;
        if (b > 0) obj.valueGrad(x, g); // the next block steps from the gradient at the updated earlier ones
        for (let j = blk.offset; j < end; j++) x[j] -= eta * g[j];
      }
    }
  }
  return { x: Float64Array.from(x), steps: t, f, stopped, diverged };
}

/**
 * One step x − η∇f(x) from x (not modified), evaluating f once: the single-step identities
 * (thesis §2.3's I1 + I2, (4.13), Claim 4.1's drift) compare the state before and after one step.
 * The same update, in the same float64 order, as a step of `gd`.
 */
export function gdStep(obj: Objective, x: Float64Array, eta: number): Float64Array {
  const x1 = requireStart(obj, x, 'x');
  const at = stepSizes(eta);
  const g = new Float64Array(obj.dim);
  const f = obj.valueGrad(x1, g);
  if (!Number.isFinite(f)) throw new NonFiniteError(`f(x) is ${f}: no step from a non-finite value`, 'x');
  const e = at(0);
  for (let j = 0; j < x1.length; j++) x1[j] -= e * g[j];
  return x1;
}
