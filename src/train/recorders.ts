/**
 * Recorders: what a claim measures along a GD, PGD or flow run, as plug-ins of the one training
 * loop (src/train/gd.ts). Each preallocates its buffers for `steps` states; `record` and
 * `beforeStep` allocate nothing (the λ recorder excepted: it solves an eigenproblem when asked).
 * The measurements are plain functions below, shared by the single recorders and by the fused
 * `trajectoryRecorder` of the chapter-2 claims (one plug-in call per step instead of four: at
 * n = 1, m = 8 a whole step costs ~1.7 µs, and each extra plug-in call ~0.1–0.2 µs).
 */
import { symmetricEigenvalues } from '../core/linalg.ts';
import type { Matrix } from '../core/matrix.ts';
import type { Block } from '../models/model.ts';
import { type Recorder, requireSteps } from './gd.ts';
import { DomainError, describeValue, requireAllocatable, requireFiniteNumber, requireFloat64Array, requirePositiveInt } from '../core/errors.ts';

/** max over rows r of a block of ‖θ_r − θ_r(0)‖² (start holds the block's rows at t = 0). */
function maxRowDriftSq(x: Float64Array, start: Float64Array, b: Block): number {
  // Sizes as locals: the loops must not reload them from the block on every iteration.
  const rows = b.rows, cols = b.cols, off = b.offset;
  let drift = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const o = r * cols, xo = off + o;
    for (let c = 0; c < cols; c++) { const e = x[xo + c] - start[o + c]; s += e * e; }
    if (s > drift) drift = s;
  }
  return drift;
}

/** path[r] += η‖g_r‖ for every row of a block; returns max_r ‖g_r‖. */
function accumulateRowPaths(g: Float64Array, b: Block, eta: number, path: Float64Array): number {
  const rows = b.rows, cols = b.cols, off = b.offset;
  let gMax = 0;
  for (let r = 0; r < rows; r++) {
    const o = off + r * cols;
    let g2 = 0;
    for (let c = 0; c < cols; c++) { const v = g[o + c]; g2 += v * v; }
    const gn = Math.sqrt(g2);
    path[r] += eta * gn;
    if (gn > gMax) gMax = gn;
  }
  return gMax;
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) if (a[k] > m) m = a[k];
  return m;
}

// The sign I{z ≥ 0} is taken as +(z ≥ 0), not (z ≥ 0 ? 1 : 0): the ternary compiles to a branch
// that random signs mispredict half the time (7.3 ms against 1.8 ms per 10⁶ pre-activations here).

/** How many signs I{z ≥ 0} of the pre-activations differ from pattern0 (a branch-free count: XOR of 0/1). */
function countFlips(Z: Float64Array, pattern0: Uint8Array): number {
  let flips = 0;
  for (let k = 0; k < pattern0.length; k++) flips += +(Z[k] >= 0) ^ pattern0[k];
  return flips;
}

/** How many signs changed since prev; prev is updated to the current signs. */
function countChanges(Z: Float64Array, prev: Uint8Array): number {
  let changed = 0;
  for (let k = 0; k < prev.length; k++) {
    const a = +(Z[k] >= 0);
    changed += a ^ prev[k];
    prev[k] = a;
  }
  return changed;
}

function setPattern(Z: Float64Array, pattern: Uint8Array): void {
  for (let k = 0; k < pattern.length; k++) pattern[k] = +(Z[k] >= 0);
}

/** The number of steps a recorder keeps one entry per state for: an integer ≥ 0 whose K + 1 entries can be allocated. */
function recordedSteps(steps: number): number {
  requireSteps(steps);
  requireAllocatable(steps + 1, 'steps', `one entry per state for ${steps} steps`);
  return steps;
}

/** f at every state t = 0..steps (trimmed to the states seen by `values()`). */
/** A Block of x0 (a named view [offset, offset + rows·cols)) that fits in it. */
function requireBlock(b: Block, argument = 'b'): void {
  if (b === null || typeof b !== 'object' || !Number.isInteger(b.offset) || !Number.isInteger(b.rows) || !Number.isInteger(b.cols)
    || b.offset < 0 || b.rows < 1 || b.cols < 1) {
    throw new DomainError(`${argument} must be a Block { name, offset, rows, cols }, got ${describeValue(b)}`, argument);
  }
}

function requireBlockIn(b: Block, x0: Float64Array, argument = 'b'): void {
  requireBlock(b, argument);
  requireFloat64Array(x0, 'x0');
  if (b.offset + b.rows * b.cols > x0.length) {
    throw new DomainError(`${argument} '${b.name}' ends at ${b.offset + b.rows * b.cols}, past x0's length ${x0.length}`, argument);
  }
}

function requireFunction(fn: unknown, argument: string, what: string): void {
  if (typeof fn !== 'function') throw new DomainError(`${argument} must be a function ${what}, got ${describeValue(fn)}`, argument);
}

export function lossRecorder(steps: number): Recorder & { values(): Float64Array } {
  recordedSteps(steps);
  const buf = new Float64Array(steps + 1);
  let len = 0;
  return {
    record(t, _x, f) { buf[t] = f; len = t + 1; },
    values: () => buf.slice(0, len),
  };
}

/** max over rows r of a block of ‖θ_r(t) − θ_r(0)‖ (the per-neuron weight drift of thesis Cor. 2.1). */
export function rowDriftRecorder(b: Block, x0: Float64Array, steps: number): Recorder & { values(): Float64Array } {
  recordedSteps(steps);
  requireBlockIn(b, x0);
  const buf = new Float64Array(steps + 1), start = x0.slice(b.offset, b.offset + b.rows * b.cols);
  let len = 0;
  return {
    record(t, x) { buf[t] = Math.sqrt(maxRowDriftSq(x, start, b)); len = t + 1; },
    values: () => buf.slice(0, len),
  };
}

/**
 * The per-row gradient norms ‖g_r(t)‖ of a block, computed once per step and shared by two figures:
 *   path length  max_r η Σ_{t'<t} ‖g_r(t')‖, the bound on the drift (Corollary 2.1's proof), per state;
 *   grad ratio   max over steps of max_r ‖g_r(t)‖ / (√(n/m)·√(2f(t))): for the square loss
 *                f = ½‖u − y‖² with unit data and a_r = ±1 this is ≤ 1 (thesis §2.1's gradient bound).
 * Only steps actually taken count.
 */
export function rowGradientRecorder(b: Block, n: number, steps: number): Recorder & { pathLengths(): Float64Array; gradRatio(): number } {
  recordedSteps(steps);
  requireBlock(b);
  requirePositiveInt(n, 'n');
  const buf = new Float64Array(steps + 1), path = new Float64Array(b.rows), scale = Math.sqrt(n / b.rows);
  let len = 0, sq = 0, worst = 0;
  return {
    record(t, _x, f) { buf[t] = maxOf(path); len = t + 1; sq = 2 * f; },
    beforeStep(_t, _x, g, eta) {
      const gMax = accumulateRowPaths(g, b, eta, path);
      if (sq > 0) worst = Math.max(worst, gMax / (scale * Math.sqrt(sq)));
    },
    pathLengths: () => buf.slice(0, len),
    gradRatio: () => worst,
  };
}

/**
 * Activation-pattern flips (thesis §2.4, the corrected sum E11): the fraction of pre-activations
 * whose sign I{z ≥ 0} differs from state 0, and optionally how many changed since the previous state.
 * `preActivations` returns the live pre-activations of the state being recorded.
 */
export function patternFlipRecorder(preActivations: () => Float64Array, size: number, steps: number, perStep: boolean):
  Recorder & { fractions(): Float64Array; stepFlips(): Int32Array } {
  recordedSteps(steps);
  requireFunction(preActivations, 'preActivations', '() => Float64Array');
  requirePositiveInt(size, 'size');
  requireAllocatable(size, 'size');
  const frac = new Float64Array(steps + 1), pattern0 = new Uint8Array(size);
  const prev = perStep ? new Uint8Array(size) : null, changed = new Int32Array(perStep ? steps + 1 : 0);
  let len = 0;
  return {
    record(t) {
      const Z = preActivations();
      if (t === 0) { setPattern(Z, pattern0); prev?.set(pattern0); }
      frac[t] = countFlips(Z, pattern0) / size;
      if (prev) changed[t] = countChanges(Z, prev);
      len = t + 1;
    },
    fractions: () => frac.slice(0, len),
    stepFlips: () => (perStep ? changed.slice(0, len) : changed),
  };
}

/** The figures of trajectoryRecorder, trimmed to the states seen. */
export interface TrajectoryFigures {
  readonly loss: Float64Array;
  readonly maxDrift: Float64Array;
  readonly maxPathLength: Float64Array;
  readonly worstGradRatio: number;
  readonly flipFraction: Float64Array;
  readonly stepFlips: Int32Array;
}

/**
 * The four chapter-2 figures — loss, per-row drift, path length and gradient ratio, pattern flips —
 * as ONE plug-in: the same measurements as lossRecorder, rowDriftRecorder, rowGradientRecorder and
 * patternFlipRecorder, at one call per hook.
 */
export function trajectoryRecorder(b: Block, x0: Float64Array, n: number, steps: number,
  flipsOf: { preActivations: () => Float64Array; size: number; perStep: boolean } | null): Recorder & { figures(): TrajectoryFigures } {
  recordedSteps(steps);
  requireBlockIn(b, x0);
  requirePositiveInt(n, 'n');
  if (flipsOf !== null && (typeof flipsOf !== 'object' || typeof flipsOf.preActivations !== 'function')) {
    throw new DomainError(`flipsOf must be null or { preActivations, size, perStep }, got ${describeValue(flipsOf)}`, 'flipsOf');
  }
  if (flipsOf) { requirePositiveInt(flipsOf.size, 'size'); requireAllocatable(flipsOf.size, 'size'); }
  const loss = new Float64Array(steps + 1), drift = new Float64Array(steps + 1), pathLen = new Float64Array(steps + 1);
  const start = x0.slice(b.offset, b.offset + b.rows * b.cols), path = new Float64Array(b.rows), scale = Math.sqrt(n / b.rows);
  const size = flipsOf?.size ?? 0, perStep = flipsOf?.perStep === true;
  const frac = new Float64Array(flipsOf ? steps + 1 : 0), pattern0 = new Uint8Array(size);
  const prev = perStep ? new Uint8Array(size) : null, changed = new Int32Array(perStep ? steps + 1 : 0);
  let len = 0, sq = 0, worst = 0;
  return {
    record(t, x, f) {
      loss[t] = f;
      drift[t] = Math.sqrt(maxRowDriftSq(x, start, b));
      pathLen[t] = maxOf(path);
      sq = 2 * f;
      if (flipsOf) {
        const Z = flipsOf.preActivations();
        if (t === 0) { setPattern(Z, pattern0); prev?.set(pattern0); }
        frac[t] = countFlips(Z, pattern0) / size;
        if (prev) changed[t] = countChanges(Z, prev);
      }
      len = t + 1;
    },
    beforeStep(_t, _x, g, eta) {
      const gMax = accumulateRowPaths(g, b, eta, path);
      if (sq > 0) worst = Math.max(worst, gMax / (scale * Math.sqrt(sq)));
    },
    figures: () => ({
      loss: loss.slice(0, len), maxDrift: drift.slice(0, len), maxPathLength: pathLen.slice(0, len), worstGradRatio: worst,
      flipFraction: frac.slice(0, flipsOf ? len : 0), stepFlips: perStep ? changed.slice(0, len) : changed,
    }),
  };
}

/** (t, λmin, λmax) of a Gram matrix every `every` states (an eigen-solve each: not per step). */
export function gramSpectrumRecorder(every: number, gramAt: (x: Float64Array) => Matrix):
  Recorder & { samples(): { k: number[]; min: number[]; max: number[] } } {
  requireFiniteNumber(every, 'every');
  if (!Number.isInteger(every) || every < 0) throw new DomainError(`every must be an integer ≥ 0 (0 = never), got ${every}`, 'every');
  requireFunction(gramAt, 'gramAt', '(x) => Matrix');
  const k: number[] = [], min: number[] = [], max: number[] = [];
  return {
    record(t, x) {
      if (every <= 0 || t % every !== 0) return;
      const ev = symmetricEigenvalues(gramAt(x));
      k.push(t);
      min.push(ev[0]);
      max.push(ev[ev.length - 1]);
    },
    samples: () => ({ k, min, max }),
  };
}

/**
 * A callback as a recorder: fn(t, x, f, ‖∇f‖, ∇f) at every state; true stops the run. The gradient
 * norm costs one pass over ∇f per state.
 */
export function observe(fn: (t: number, x: Float64Array, f: number, gradNorm: number, grad: Float64Array) => boolean | void): Recorder {
  requireFunction(fn, 'fn', '(t, x, f, gradNorm, grad)');
  return {
    record(t, x, f, g) {
      let s = 0;
      for (let j = 0; j < g.length; j++) s += g[j] * g[j];
      return fn(t, x, f, Math.sqrt(s), g);
    },
  };
}

/** ‖θ_b(t) − θ_b(0)‖ for every block b, at every state: the drift of each layer (or of U and V). */
export function blockDriftRecorder(blocks: readonly Block[], x0: Float64Array, steps: number): Recorder & { values(): Float64Array[] } {
  recordedSteps(steps);
  requireFloat64Array(x0, 'x0');
  if (!Array.isArray(blocks) || blocks.length === 0) throw new DomainError(`blocks must be a non-empty Block[], got ${describeValue(blocks)}`, 'blocks');
  for (const b of blocks) requireBlockIn(b, x0, 'blocks');
  const bufs = blocks.map(() => new Float64Array(steps + 1));
  let len = 0;
  return {
    record(t, x) {
      for (let b = 0; b < blocks.length; b++) {
        const blk = blocks[b], end = blk.offset + blk.rows * blk.cols;
        let s = 0;
        for (let j = blk.offset; j < end; j++) { const e = x[j] - x0[j]; s += e * e; }
        bufs[b][t] = Math.sqrt(s);
      }
      len = t + 1;
    },
    values: () => bufs.map((b) => b.slice(0, len)),
  };
}

/**
 * A quantity of the state — an invariant of the flow (thesis Theorem 4.1's ‖W^(h)‖² − ‖W^(h+1)‖²,
 * matrix factorization's UᵀU − VᵀV entries) or anything a claim watches — at every state.
 * `quantity` must not allocate if the run is long.
 */
export function invariantRecorder(quantity: (x: Float64Array) => number, steps: number): Recorder & { values(): Float64Array; maxDeviation(): number } {
  recordedSteps(steps);
  requireFunction(quantity, 'quantity', '(x) => number');
  const buf = new Float64Array(steps + 1);
  let len = 0;
  return {
    record(t, x) { buf[t] = quantity(x); len = t + 1; },
    values: () => buf.slice(0, len),
    maxDeviation() {
      let m = 0;
      for (let t = 1; t < len; t++) m = Math.max(m, Math.abs(buf[t] - buf[0]));
      return m;
    },
  };
}
