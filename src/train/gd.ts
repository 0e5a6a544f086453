/**
 * Gradient descent x^(t+1) = x^(t) − η_t ∇f(x^(t)) on any objective: thesis (2.2) for the two-layer
 * net, (4.9) for matrix factorization, (4.4)'s GD for deep nets, (7.1) for the octopus. A model on
 * data enters through `bindData` (src/models/model.ts). What a claim measures along the way is a
 * recorder (src/train/recorders.ts), not a new loop.
 *
 * The loop allocates nothing per step: the gradient buffer is made once, the update is
 * x_j − η·g_j in float64 (bit-identical to the per-model loops it replaced).
 */
import { DomainError, NonFiniteError, ShapeError, describeValue, requireFiniteArray, requireFiniteNumber } from '../core/errors.ts';
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
  if (eta === null || typeof eta !== 'object' || typeof eta.at !== 'function') {
    throw new DomainError(`eta must be a number > 0 or a Schedule { at(t) }, got ${describeValue(eta)}`, 'eta');
  }
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
/** What the step loop needs, resolved and validated by `gd` before it starts. */
interface LoopState {
  readonly obj: Objective;
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly steps: number;
  readonly recorders: readonly Recorder[];
  /** The recorders with a beforeStep hook (only they are called before a step). */
  readonly stepHooks: readonly Recorder[];
  /** η for a fixed step (read from a local, not a closure); NaN for a schedule. */
  readonly fixedEta: number;
  readonly etaAt: (t: number) => number;
  readonly divergeAbove: number;
  readonly stopBelow: number;
  readonly throwOnNonFinite: boolean;
  /** Block ends for the alternating update, or null for the simultaneous one. */
  readonly blockRanges: readonly number[] | null;
}

type StepLoop = (s: LoopState) => { t: number; f: number; stopped: boolean; diverged: boolean; nonFiniteAt: number };

/**
 * The loop itself. It is self-contained (no free variables) so that `loopFor` can give every kind of
 * objective its own copy: V8 keeps type feedback per function, and one shared loop that sees every
 * model's valueGrad and every recorder turns those call sites megamorphic — measured 7% on the
 * matrix-factorization claims (1.33 → 1.43 s for thesis.ch4.thm4.4 once other claims ran first).
 */
function stepLoop(s: LoopState): { t: number; f: number; stopped: boolean; diverged: boolean; nonFiniteAt: number } {
  const obj = s.obj, x = s.x, g = s.g, K = s.steps, recorders = s.recorders, hooks = s.stepHooks;
  const nRec = recorders.length, nHooks = hooks.length, d = x.length, fixedEta = s.fixedEta, ranges = s.blockRanges;
  let t = 0, f = NaN, stopped = false, diverged = false;
  for (; ; t++) {
    f = obj.valueGrad(x, g);
    if (!(f - f === 0)) { // not finite
      // A non-finite state is never shown to the recorders: their figures stay finite.
      if (s.throwOnNonFinite) return { t, f, stopped, diverged: true, nonFiniteAt: t };
      diverged = true;
      break;
    }
    let stop = false;
    for (let k = 0; k < nRec; k++) if (recorders[k].record(t, x, f, g) === true) stop = true;
    if (f > s.divergeAbove) { diverged = true; break; }
    if (stop) { stopped = true; break; }
    if (t === K || f < s.stopBelow) break;
    const eta = fixedEta === fixedEta ? fixedEta : s.etaAt(t); // fixedEta is NaN for a schedule
    for (let k = 0; k < nHooks; k++) hooks[k].beforeStep?.(t, x, g, eta);
    if (ranges === null) {
      for (let j = 0; j < d; j++) x[j] -= eta * g[j];
    } else {
      for (let b = 0; b < ranges.length; b += 2) {
        if (b > 0) obj.valueGrad(x, g); // the next block steps from the gradient at the updated earlier ones
        for (let j = ranges[b]; j < ranges[b + 1]; j++) x[j] -= eta * g[j];
      }
    }
  }
  return { t, f, stopped, diverged, nonFiniteAt: -1 };
}

const loops = new Map<string, StepLoop>();

/** The step loop for objectives with this id: one copy per id, compiled once (see stepLoop). */
function loopFor(id: string): StepLoop {
  let loop = loops.get(id);
  if (loop === undefined) {
    // A fresh function object from the same source: same code, its own type feedback.
    loop = loops.size < 64 ? (new Function(`return (${stepLoop.toString()})`)() as StepLoop) : stepLoop;
    loops.set(id, loop);
  }
  return loop;
}

/** The final state of a run is finite (O(d), once per run: the loop itself only watches f). */
export function requireFiniteState(x: Float64Array, t: number, argument = 'x'): void {
  if (!(x instanceof Float64Array)) throw new ShapeError(`${argument} must be a Float64Array, got ${describeValue(x)}`, argument);
  for (let j = 0; j < x.length; j++) {
    if (!(x[j] - x[j] === 0)) {
      throw new NonFiniteError(`${argument}^(${t})[${j}] is ${x[j]}: the state became non-finite (a non-finite gradient or step size)`, argument);
    }
  }
}

/** GD from x0 (not modified unless opts.inPlace). */
export function gd(obj: Objective, x0: Float64Array, opts: GdOptions): GdRun {
  const copy = requireStart(obj, x0);
  const x = opts?.inPlace === true ? x0 : copy;
  const { divergeAbove, stopBelow, nonFinite, alternating } = requireGdOptions(opts);
  const etaAt = stepSizes(opts.eta);
  if (alternating && !obj.blocks) throw new DomainError('the alternating update needs an objective with blocks', 'update');
  const recorders = opts.recorders ?? [];
  const blockRanges = alternating && obj.blocks ? obj.blocks.flatMap((b) => [b.offset, b.offset + b.rows * b.cols]) : null;
  const r = loopFor(typeof obj.id === 'string' ? obj.id : '')({
    obj, x, g: new Float64Array(obj.dim), steps: opts.steps, recorders,
    stepHooks: recorders.filter((rec) => typeof rec.beforeStep === 'function'),
    fixedEta: typeof opts.eta === 'number' ? opts.eta : NaN, etaAt, divergeAbove, stopBelow,
    throwOnNonFinite: nonFinite === 'throw', blockRanges,
  });
  if (r.nonFiniteAt >= 0) throw new NonFiniteError(`f(x^(${r.nonFiniteAt})) is ${r.f}: the run diverged`, 'x');
  // A non-finite gradient with a finite f (or a NaN schedule value) leaves x non-finite: checked once, after the loop.
  if (!r.diverged) requireFiniteState(x, r.t);
  return { x: Float64Array.from(x), steps: r.t, f: r.f, stopped: r.stopped, diverged: r.diverged };
}

/**
 * One step x − η∇f(x) from x (not modified), evaluating f once: the single-step identities
 * (thesis §2.3's I1 + I2, (4.13), Claim 4.1's drift) compare the state before and after one step.
 * The same update, in the same float64 order, as a step of `gd`.
 */
export function gdStep(obj: Objective, x: Float64Array, eta: number): Float64Array {
  const x1 = requireStart(obj, x, 'x');
  if (typeof eta !== 'number') throw new DomainError(`eta must be a number > 0, got ${describeValue(eta)}`, 'eta');
  const at = stepSizes(eta);
  const g = new Float64Array(obj.dim);
  const f = obj.valueGrad(x1, g);
  if (!Number.isFinite(f)) throw new NonFiniteError(`f(x) is ${f}: no step from a non-finite value`, 'x');
  const e = at(0);
  for (let j = 0; j < x1.length; j++) x1[j] -= e * g[j];
  requireFiniteState(x1, 1);
  return x1;
}
