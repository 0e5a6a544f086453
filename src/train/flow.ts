/**
 * Gradient flow (§2.2, footnote 2) emulated by GD with step halving: run to flow time T with
 * step h, then h/2, ... until the recorded squared loss at the checkpoints moves by less than
 * `relTol` (relative) between successive halvings. Returns the finest trajectory sampled at the
 * checkpoint times, with the step that achieved it.
 */
import { DomainError, requireFiniteNumber, requirePositive } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import type { TwoLayerParams } from '../models/two-layer.ts';
import { type GdTrajectory, gradientDescent } from './gd.ts';

export interface FlowOptions {
  /** Final flow time T. */
  time: number;
  /** Initial step; halved until converged. Default 0.02 (catalog §2.4: 0.02 and 0.01 agree to 3 digits). */
  step?: number;
  /** Number of checkpoints in (0, T]. Default 20. */
  checkpoints?: number;
  /** Relative change of every checkpoint loss below which the trajectory counts as converged. */
  relTol?: number;
  /** At most this many halvings. */
  maxHalvings?: number;
}

export interface FlowTrajectory {
  /** Flow times t_j (checkpoints) and the squared loss, max drift there. */
  readonly times: Float64Array;
  readonly sqLoss: Float64Array;
  readonly maxDrift: Float64Array;
  readonly step: number;
  readonly halvings: number;
  /** Largest relative checkpoint change at the last halving. */
  readonly change: number;
  /** The finest GD trajectory (every step), for per-step assertions. */
  readonly fine: GdTrajectory;
}

export function gradientFlow(p0: TwoLayerParams, X: Matrix, y: Float64Array, opts: FlowOptions): FlowTrajectory {
  const T = requirePositive(opts.time, 'time');
  let h = requirePositive(opts.step ?? 0.02, 'step');
  const J = requireFiniteNumber(opts.checkpoints ?? 20, 'checkpoints');
  if (!Number.isInteger(J) || J < 1) throw new DomainError(`checkpoints must be a positive integer, got ${J}`, 'checkpoints');
  const relTol = requirePositive(opts.relTol ?? 1e-3, 'relTol');
  const maxHalvings = requireFiniteNumber(opts.maxHalvings ?? 6, 'maxHalvings');
  if (!Number.isInteger(maxHalvings) || maxHalvings < 0) throw new DomainError(`maxHalvings must be an integer ≥ 0, got ${maxHalvings}`, 'maxHalvings');
  const times = new Float64Array(J);
  for (let j = 0; j < J; j++) times[j] = (T * (j + 1)) / J;

  const sample = (tr: GdTrajectory, step: number): { loss: Float64Array; drift: Float64Array } => {
    const loss = new Float64Array(J), drift = new Float64Array(J);
    for (let j = 0; j < J; j++) {
      const k = Math.min(Math.round(times[j] / step), tr.sqLoss.length - 1);
      loss[j] = tr.sqLoss[k];
      drift[j] = tr.maxDrift[k];
    }
    return { loss, drift };
  };

  let prev = gradientDescent(p0, X, y, { eta: h, steps: Math.ceil(T / h) });
  let prevS = sample(prev, h);
  let change = Infinity, halvings = 0;
  while (halvings < maxHalvings) {
    const h2 = h / 2;
    const next = gradientDescent(p0, X, y, { eta: h2, steps: Math.ceil(T / h2) });
    const s = sample(next, h2);
    change = 0;
    for (let j = 0; j < J; j++) {
      // Relative to the loss, floored at 1e-12 of the initial loss so the float floor does not count as change.
      const denom = Math.max(Math.abs(prevS.loss[j]), 1e-12 * prev.sqLoss[0], 1e-300);
      change = Math.max(change, Math.abs(s.loss[j] - prevS.loss[j]) / denom);
    }
    prev = next; prevS = s; h = h2; halvings++;
    if (change < relTol) break;
  }
  return { times, sqLoss: prevS.loss, maxDrift: prevS.drift, step: h, halvings, change, fine: prev };
}
