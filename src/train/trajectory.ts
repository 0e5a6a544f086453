/**
 * GD with the standard recorders of the over-parameterization claims (thesis ch. 2): the loss, the
 * per-neuron drift and path length of the first trained block, activation-pattern flips, the
 * §2.1 gradient ratio and λmin/λmax of the model's Gram. It is `gd` plus recorders, for any model.
 */
import { DomainError, requireFiniteNumber } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { type BoundObjective, bindData, requireObjective } from '../models/model.ts';
import { type TwoLayerParams, twoLayerModel, twoLayerParamsOf, twoLayerTheta } from '../models/two-layer.ts';
import { type Recorder, gd, requireStart, requireSteps } from './gd.ts';
import { gramSpectrumRecorder, trajectoryRecorder } from './recorders.ts';

export interface TrajectoryOptions {
  /** Step size η > 0. */
  eta: number;
  /** Number of GD steps K ≥ 0. */
  steps: number;
  /** Record λmin/λmax of the model's Gram every this many steps (0 = never; an n×n eigen-solve each). */
  lambdaMinEvery?: number;
  /** Stop early once 2f falls below this (the float floor); default 0 = never. */
  stopBelow?: number;
  /** Stop early (and flag divergence) once 2f exceeds this; default 1e100. */
  divergeAbove?: number;
  /**
   * Record the activation-pattern flips (flipFraction). Off by default: the count reads every
   * pre-activation each step (m·n of them, as much memory traffic as the forward pass itself), and
   * most claims do not look at it. Reading flipFraction of a run that did not record it throws.
   */
  flips?: boolean;
  /** Record, per step, how many pre-activations changed sign from k − 1 to k (implies flips). */
  stepFlips?: boolean;
  /** Further recorders. */
  recorders?: readonly Recorder[];
}

export interface GdTrajectory {
  /** 2f(θ_k) for k = 0..K: ‖y − u(k)‖² for the square loss ½‖y − u‖² (length K+1, or shorter on a stop). */
  readonly sqLoss: Float64Array;
  /** max_r ‖w_r(k) − w_r(0)‖ over the rows of the first trained block. */
  readonly maxDrift: Float64Array;
  /** Fraction of pre-activations whose sign differs from k = 0 (§2.4, corrected sum E11); with opts.flips. */
  readonly flipFraction: Float64Array;
  /** max_r η Σ_{k'<k} ‖g_r(k')‖, the path-length bound on the drift. */
  readonly maxPathLength: Float64Array;
  /** max over steps of max_r ‖g_r(k)‖ / (√(n/m) ‖u(k) − y‖) — ≤ 1 for unit data and a_r = ±1 (§2.1). */
  readonly worstGradRatio: number;
  /** (k, λmin(H(k))) samples, when lambdaMinEvery > 0. */
  readonly lambdaMinH: { k: number[]; value: number[] };
  /** λmax(H(k)) at the same samples. */
  readonly lambdaMaxH: number[];
  /** With opts.stepFlips: [k] = number of sign changes between k − 1 and k ([0] = 0). */
  readonly stepFlips: Int32Array;
  readonly steps: number;
  readonly diverged: boolean;
  /** The final θ (a copy). */
  readonly final: Float64Array;
}

export function gdTrajectory<WS>(obj: BoundObjective<WS>, theta0: Float64Array, opts: TrajectoryOptions): GdTrajectory {
  requireObjective(obj, 'obj');
  if (obj.model === null || typeof obj.model !== 'object' || !obj.X) throw new DomainError('obj must be a model bound to data (bindData(model, X, y))', 'obj');
  requireStart(obj, theta0, 'theta0');
  if (opts === null || typeof opts !== 'object') throw new DomainError('options { eta, steps } are required', 'opts');
  const K = requireSteps(opts.steps);
  const every = requireFiniteNumber(opts.lambdaMinEvery ?? 0, 'lambdaMinEvery');
  if (!Number.isInteger(every) || every < 0) throw new DomainError(`lambdaMinEvery must be an integer ≥ 0 (0 = never), got ${every}`, 'lambdaMinEvery');
  const stopBelow = requireFiniteNumber(opts.stopBelow ?? 0, 'stopBelow');
  const divergeAbove = opts.divergeAbove ?? 1e100;
  if (!(divergeAbove > 0)) throw new DomainError(`divergeAbove must be > 0, got ${divergeAbove}`, 'divergeAbove');
  const { model, X, ws } = obj;
  const trained = model.blocks.find((b) => b.trained);
  if (!trained) throw new DomainError(`the ${model.id} model has no trained block`, 'obj');
  const pre = model.preActivations, withFlips = opts.flips === true || opts.stepFlips === true;
  if (withFlips && !pre) throw new DomainError(`the ${model.id} model exposes no pre-activations to count flips of`, 'flips');
  const figures = trajectoryRecorder(trained, theta0, X.rows, K,
    withFlips && pre ? { preActivations: () => pre(ws), size: pre(ws).length, perStep: opts.stepFlips === true } : null);
  const gram = model.gram;
  const spectrum = every > 0 && gram ? gramSpectrumRecorder(every, (x) => gram(x, X)) : null;
  if (every > 0 && !gram) throw new DomainError(`the ${model.id} model defines no Gram matrix`, 'lambdaMinEvery');
  const recorders: Recorder[] = [figures];
  if (spectrum) recorders.push(spectrum);
  if (opts.recorders) recorders.push(...opts.recorders);
  const run = gd(obj, theta0, {
    eta: opts.eta, steps: K, recorders, divergeAbove: divergeAbove / 2, stopBelow: stopBelow / 2, onNonFinite: 'stop',
  });
  const s = spectrum?.samples() ?? { k: [], min: [], max: [] };
  const fig = figures.figures();
  const sq = fig.loss;
  for (let k = 0; k < sq.length; k++) sq[k] *= 2;
  const tr = {
    sqLoss: sq, maxDrift: fig.maxDrift, maxPathLength: fig.maxPathLength, worstGradRatio: fig.worstGradRatio,
    lambdaMinH: { k: s.k, value: s.min }, lambdaMaxH: s.max, steps: run.steps, diverged: run.diverged, final: run.x,
  };
  // Figures a run did not record must not read as "no flips": asking for them throws.
  const notRecorded = (name: string, option: string) => (): never => {
    throw new DomainError(`${name} was not recorded: pass { ${option}: true }`, option);
  };
  Object.defineProperty(tr, 'flipFraction', withFlips ? { value: fig.flipFraction, enumerable: true } : { get: notRecorded('flipFraction', 'flips'), enumerable: false });
  Object.defineProperty(tr, 'stepFlips', opts.stepFlips === true ? { value: fig.stepFlips, enumerable: true } : { get: notRecorded('stepFlips', 'stepFlips'), enumerable: false });
  return tr as GdTrajectory;
}

/** GD (2.2) on the two-layer net from p0 (a fixed, W trained), with the chapter-2 recorders. */
export function twoLayerGd(p0: TwoLayerParams, X: Matrix, y: Float64Array, opts: TrajectoryOptions): GdTrajectory & { finalParams: TwoLayerParams } {
  const theta0 = twoLayerTheta(p0);
  const m = p0.W.rows, d = p0.W.cols;
  const tr = gdTrajectory(bindData(twoLayerModel(m, d), X, y), theta0, opts);
  // Not a spread: that would drop the throwing getters of the figures the run did not record.
  return Object.assign(tr, { finalParams: twoLayerParamsOf(tr.final, m, d) });
}
