/** The bad-input harness: argument kinds, the standard bad values, the row type and shared valid values (see ../bad-input.test.ts). */
import * as activations from '../../src/core/activations.ts';
import * as backendWasm from '../../src/core/backend-wasm.ts';
import * as backend from '../../src/core/backend.ts';
import * as blas from '../../src/core/blas.ts';
import * as eigen from '../../src/core/eigen.ts';
import * as errors from '../../src/core/errors.ts';
import * as geometry from '../../src/core/geometry.ts';
import * as linalg from '../../src/core/linalg.ts';
import * as matrix from '../../src/core/matrix.ts';
import * as rngMod from '../../src/core/rng.ts';
import * as special from '../../src/core/special.ts';
import * as arbitraries from '../../src/data/arbitraries.ts';
import * as sphere from '../../src/data/sphere.ts';
import * as arccos from '../../src/kernels/arccos.ts';
import * as monteCarlo from '../../src/kernels/monte-carlo.ts';
import * as conv1d from '../../src/models/conv1d.ts';
import * as deepFc from '../../src/models/deep-fc.ts';
import * as linear from '../../src/models/linear.ts';
import * as mf from '../../src/models/matrix-factorization.ts';
import * as model from '../../src/models/model.ts';
import * as octopus from '../../src/models/octopus.ts';
import * as stationary from '../../src/models/stationary.ts';
import * as twoLayer from '../../src/models/two-layer.ts';
import * as clopperPearson from '../../src/stats/clopper-pearson.ts';
import * as slope from '../../src/stats/slope.ts';
import * as summary from '../../src/stats/summary.ts';
import * as escape from '../../src/train/escape.ts';
import * as flow from '../../src/train/flow.ts';
import * as gdMod from '../../src/train/gd.ts';
import * as instance from '../../src/train/instance.ts';
import * as pgdMod from '../../src/train/pgd.ts';
import * as recorders from '../../src/train/recorders.ts';
import * as regime from '../../src/train/regime.ts';
import * as schedules from '../../src/train/schedules.ts';
import * as sweep from '../../src/train/sweep.ts';
import * as trajectory from '../../src/train/trajectory.ts';
import { GdTheoryError, NonFiniteError } from '../../src/core/errors.ts';
import type { Matrix } from '../../src/core/matrix.ts';

// ---------------------------------------------------------------------------------------------
// Bad values

export type Bad = 'NaN' | '+Infinity' | '-Infinity' | 'shape' | 'empty' | 'null' | 'undefined' | 'Float32Array' | 'number[]'
  | 'string' | 'negative' | 'zero' | 'non-integer' | 'huge';

/**
 * What an argument is:
 *   real      any finite number                (negative, non-integer, huge accepted by default)
 *   positive  a finite number > 0              (non-integer, huge accepted by default)
 *   nonneg    a finite number ≥ 0
 *   prob      a number in [0, 1]
 *   size      a positive integer that sizes an allocation (huge rejected)
 *   count     an integer ≥ 0 (zero accepted)
 *   f64       a Float64Array of finite entries of a fixed length
 *   vec       an array-like of finite numbers (number[] and Float32Array accepted)
 *   matrix    a Matrix of finite entries of a fixed shape
 *   rng       an Rng
 *   object    an object (objective, params, options, model, ...): null/undefined/string rejected
 *   fn        a function
 *   name      a string naming one of a few choices
 */
export type Kind = 'real' | 'positive' | 'nonneg' | 'prob' | 'size' | 'count' | 'f64' | 'vec' | 'matrix' | 'rng' | 'object' | 'fn' | 'name';

export const BADS: Record<Kind, Bad[]> = {
  real: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'non-integer', 'huge'],
  positive: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'zero', 'non-integer', 'huge'],
  nonneg: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'non-integer', 'huge'],
  prob: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'huge'],
  size: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'zero', 'non-integer', 'huge'],
  count: ['NaN', '+Infinity', '-Infinity', 'null', 'undefined', 'string', 'negative', 'non-integer'],
  f64: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty', 'null', 'undefined', 'Float32Array', 'number[]', 'string'],
  vec: ['NaN', '+Infinity', '-Infinity', 'empty', 'null', 'undefined', 'string', 'Float32Array', 'number[]'],
  matrix: ['NaN', '+Infinity', '-Infinity', 'shape', 'empty', 'null', 'undefined', 'Float32Array', 'number[]', 'string'],
  rng: ['null', 'undefined', 'string'],
  object: ['null', 'undefined', 'string'],
  fn: ['null', 'undefined', 'string'],
  name: ['null', 'undefined', 'string'],
};

/** Bad values a kind accepts unless the row says otherwise. */
export const ACCEPTED_BY_DEFAULT: Partial<Record<Kind, Bad[]>> = {
  real: ['negative', 'non-integer', 'huge'],
  positive: ['non-integer', 'huge'],
  nonneg: ['non-integer', 'huge'],
  vec: ['Float32Array', 'number[]'],
};

export function badValue(kind: Kind, bad: Bad, valid: unknown): unknown {
  switch (bad) {
    case 'null': return null;
    case 'undefined': return undefined;
    case 'string': return kind === 'name' ? 'bogus-name' : '0.1';
    case 'negative': return -Math.abs(typeof valid === 'number' ? valid : 1) - 1;
    case 'zero': return 0;
    case 'non-integer': return (typeof valid === 'number' ? valid : 1) + 0.5;
    case 'huge': return 1e12;
    default: break;
  }
  const entry = bad === 'NaN' ? NaN : bad === '+Infinity' ? Infinity : -Infinity;
  if (kind === 'f64' || kind === 'vec') {
    const v = valid as ArrayLike<number>;
    switch (bad) {
      case 'NaN': case '+Infinity': case '-Infinity': { const c = Float64Array.from(v); c[c.length - 1] = entry; return c; }
      case 'shape': { const c = new Float64Array(v.length + 1); c.set(v); c[v.length] = 0.25; return c; }
      case 'empty': return new Float64Array(0);
      case 'Float32Array': return Float32Array.from(v);
      case 'number[]': return Array.from(v);
      default: break;
    }
  }
  if (kind === 'matrix') {
    const m = valid as Matrix;
    switch (bad) {
      case 'NaN': case '+Infinity': case '-Infinity': { const c = Float64Array.from(m.data); c[c.length - 1] = entry; return { rows: m.rows, cols: m.cols, data: c }; }
      case 'shape': { const data = new Float64Array(m.rows * (m.cols + 1)).fill(0.25); return { rows: m.rows, cols: m.cols + 1, data }; }
      case 'empty': return { rows: 0, cols: m.cols, data: new Float64Array(0) };
      case 'Float32Array': return { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
      case 'number[]': return matrix.toRows(m);
      default: break;
    }
  }
  return entry; // a number argument fed NaN/±Infinity
}

// ---------------------------------------------------------------------------------------------
// The table

export interface Arg {
  /** The argument the typed error must name (for an options field: the field's name). */
  name: string;
  kind: Kind;
  /** Position in the call, or [position, field] for a field of an options object. */
  at: number | [number, string];
  /** Bad values legitimately accepted here (the call must then return or throw a typed error). */
  accepts?: readonly Bad[];
  /** NaN/±Infinity here are reported with another typed error (an index that is not one: ShapeError; the
   *  eigen module's DomainError, which its own tests pin), not a NonFiniteError. */
  nonFiniteIsShape?: boolean;
  /** An optional argument (or field): null and undefined select its default. */
  optional?: boolean;
  /** Accepted, but not called here: the call would run that long (e.g. 1e12 flow steps allocate nothing and are legitimate),
   *  or it would write where a test must not (a path argument fed a plain string is a relative path in the repository). */
  tooLong?: readonly Bad[];
  /** Bad values that, for this argument, are reported under another argument's name. */
  names?: Partial<Record<Bad, string>>;
}

export type Row =
  | { args: () => unknown[]; check: Arg[] }
  | { exempt: string }
  | { pending: string };

export const a = (name: string, kind: Kind, at: number | [number, string], more: Partial<Arg> = {}): Arg => ({ name, kind, at, ...more });

// Shared valid values, built fresh per call so a function that writes into an argument cannot leak.
export const R = (): rngMod.Rng => rngMod.rng(7);
export const M23 = (): Matrix => matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
export const SPD = (): Matrix => matrix.fromRows([[2, 1], [1, 3]]);
export const V3 = (): Float64Array => Float64Array.from([1, 2, 3]);
export const X2 = (): Matrix => matrix.fromRows([[1, 0], [0.6, 0.8], [0, 1]]);
export const Y3 = (): Float64Array => Float64Array.from([0.5, -0.25, 0.75]);
export const QUAD = (): model.Objective => ({
  id: 'bad-input-quad', dim: 2,
  valueGrad: (x, g) => { g[0] = x[0]; g[1] = 2 * x[1]; return 0.5 * x[0] * x[0] + x[1] * x[1]; },
});
export const X0 = (): Float64Array => Float64Array.from([0.5, -0.5]);
/** Stops any run at t = 20, so an accepted huge step count ends. */
export const STOP_AT_20: gdMod.Recorder = { record: (t) => t >= 20 };
export const P = (): twoLayer.TwoLayerParams => twoLayer.initTwoLayer(rngMod.rng(3), 4, 2);
export const BLOCKS = (): model.Block[] => model.layoutBlocks([{ name: 'W', rows: 2, cols: 1 }]);

export const pendingModule = (reason: string) => ({ pending: reason });
