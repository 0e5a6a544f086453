/**
 * Width sweeps for the §2.4 / Figure 2.1 and Corollary 2.1 scaling claims (catalog 002a §4.1): for
 * each width m and each seed, train the chapter-2 net with GD at the practical step η = 1/λmax(H∞)
 * for K steps and summarize the run (loss ratio, max drift, max flip fraction, rate margin κ).
 *
 * Two parameterizations:
 *  - 'ntk': the thesis model f = (1/√m) Σ a_r σ(w_rᵀx), a_r = ±1, η = 1/λmax(H∞);
 *  - 'mean-field': f = (1/m) Σ a_r σ(w_rᵀx), obtained by rescaling a_r to ±1/√m, trained with the
 *    mean-field step η_mf = m/λmax(H∞) (the step that gives the same initial prediction-space
 *    dynamics, since H_mf = H/m). Its weights move O(1) whatever m, so the m^(−1/2) laws of drift and
 *    flips break: the negative control of the scaling claims.
 *
 * Seeds: run i of a case uses rng(seed).stream(`run${i}`): its 'data' stream gives the dataset and its
 * 'init' stream the weights, so every width sees the same data in run i.
 */
import { DomainError, describeValue, requirePositiveInt } from '../core/errors.ts';
import { rng } from '../core/rng.ts';
import { twoLayerGd } from './trajectory.ts';
import { chapter2Instance, toMeanField } from './instance.ts';
import { cond21LogFactor, scanRate } from './regime.ts';

export type Parameterization = 'ntk' | 'mean-field';

export interface SweepOptions {
  n: number;
  d: number;
  widths: readonly number[];
  /** The case seed: run i uses rng(seed).stream(`run${i}`) (its 'data' and 'init' streams). */
  seed: number;
  /** Runs (seeds) per width. */
  runs: number;
  steps: number;
  parameterization?: Parameterization;
}

export interface RunSummary {
  /** ‖y − u(K)‖² / ‖y − u(0)‖². */
  readonly lossRatio: number;
  /** max_{k ≤ K, r} ‖w_r(k) − w_r(0)‖. */
  readonly maxDrift: number;
  /** max_{k ≤ K} fraction of (i, r) whose pattern differs from k = 0. */
  readonly maxFlip: number;
  /** Theorem 2.3 rate margin κ (catalog §2.5; NTK step). */
  readonly kappa: number;
  readonly diverged: boolean;
}

export interface WidthRow {
  readonly m: number;
  /** One summary per run; run i of every width shares its dataset. */
  readonly runs: readonly RunSummary[];
  readonly medianLossRatio: number;
  readonly medianDrift: number;
  readonly medianFlip: number;
}

/** Median that tolerates diverged runs: NaN and ±∞ count as +∞ (a diverged run has unbounded drift). */
function robustMedian(xs: readonly number[]): number {
  const s = xs.map((x) => (Number.isFinite(x) ? x : Infinity)).sort((a, b) => a - b);
  const h = (s.length - 1) / 2, lo = s[Math.floor(h)], hi = s[Math.ceil(h)];
  return lo === hi ? lo : lo + (hi - lo) / 2;
}

function maxOf(xs: ArrayLike<number>): number {
  let s = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > s) s = xs[i];
  return s;
}

/** One (seed, run, m) cell: GD at η = 1/λmax(H∞) (× m for mean-field) for `steps` steps. */
function requireParameterization(p: Parameterization): void {
  if (p !== 'ntk' && p !== 'mean-field') throw new DomainError(`parameterization must be 'ntk' or 'mean-field', got ${describeValue(p)}`, 'parameterization');
}

export function sweepRun(n: number, d: number, m: number, seed: number, run: number, steps: number, parameterization: Parameterization = 'ntk'): RunSummary {
  requireParameterization(parameterization);
  const inst = chapter2Instance(rng(seed).stream(`run${run}`), n, d, m);
  let eta = 1 / inst.lambdaMax;
  if (parameterization === 'mean-field') {
    toMeanField(inst.p);
    eta *= m;
  }
  const tr = twoLayerGd(inst.p, inst.X, inst.y, { eta, steps, flips: true });
  const K = tr.sqLoss.length - 1;
  return {
    lossRatio: tr.sqLoss[K] / tr.sqLoss[0],
    maxDrift: maxOf(tr.maxDrift),
    maxFlip: maxOf(tr.flipFraction),
    kappa: scanRate(tr.sqLoss, cond21LogFactor(1 / inst.lambdaMax, inst.lambda0)).kappa,
    diverged: tr.diverged,
  };
}

/** Every (width, run) cell of a sweep, summarized per width by medians over the runs. */
export function widthSweep(opts: SweepOptions): WidthRow[] {
  if (opts === null || typeof opts !== 'object') throw new DomainError(`opts must be { n, d, widths, seed, runs, steps }, got ${describeValue(opts)}`, 'opts');
  requireParameterization(opts.parameterization ?? 'ntk');
  requirePositiveInt(opts.n, 'n');
  requirePositiveInt(opts.d, 'd');
  requirePositiveInt(opts.runs, 'runs');
  if (opts.widths.length === 0) throw new DomainError('a sweep needs widths', 'widths');
  const par = opts.parameterization ?? 'ntk';
  return opts.widths.map((m) => {
    requirePositiveInt(m, 'm');
    const runs = Array.from({ length: opts.runs }, (_, i) => sweepRun(opts.n, opts.d, m, opts.seed, i, opts.steps, par));
    return {
      m, runs,
      medianLossRatio: robustMedian(runs.map((s) => s.lossRatio)),
      medianDrift: robustMedian(runs.map((s) => s.maxDrift)),
      medianFlip: robustMedian(runs.map((s) => s.maxFlip)),
    };
  });
}
