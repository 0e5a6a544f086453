/**
 * The model interface (DESIGN.md "The model interface"). Every network of the sources is one file
 * that builds a `Model` for given sizes; every data-free objective (the octopus, matrix
 * factorization's f(U, V), the classical test functions) is an `Objective`. Training
 * (src/train/gd.ts, pgd.ts, flow.ts) takes an Objective; `bindData` turns a model plus a dataset
 * into one, so a family adds a model file and its theorems, not a training loop.
 *
 * Parameters are ONE Float64Array θ; `blocks` name the views on it (W, a, layers, U, V, ...). A
 * block marked `trained: false` (the fixed output weights a_r of thesis §2.1) is part of θ so that
 * a model's state is one vector, but its gradient entries are always written as 0, so GD leaves it
 * bit-for-bit unchanged and the finite-difference claim perturbs only the trained entries.
 */
import { DomainError, ShapeError, describeValue, requireFiniteArray, requireFloat64Array, requireLength, requirePositiveInt } from '../core/errors.ts';
import { type Matrix, requireMatrix } from '../core/matrix.ts';
import type { Rng } from '../core/rng.ts';

/** A named view on θ: entries [offset, offset + rows·cols), row-major rows × cols. */
export interface Block {
  readonly name: string;
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
  readonly trained: boolean;
}

/** A data-free objective f: R^dim → R (value and exact gradient; Hessian forms where defined). */
export interface Objective {
  readonly id: string;
  readonly dim: number;
  /** Named views on x, when x is made of blocks (U, V, ...). */
  readonly blocks?: readonly Block[];
  /** f(x), with ∇f(x) written into grad (length dim). Must not allocate: it runs every step. */
  valueGrad(x: Float64Array, grad: Float64Array): number;
  /** ∇²f(x) into out (dim × dim), where the objective defines it. */
  hessian?(x: Float64Array, out: Matrix): void;
  /** ∇²f(x)·v into out, where the objective defines it. */
  hessianVector?(x: Float64Array, v: Float64Array, out: Float64Array): void;
  /**
   * Points where ∇f is not differentiable (ReLU kinks, piece boundaries) are skipped by the
   * finite-difference claim: this returns the distance of x from the nearest one (Infinity when f
   * is smooth), so the claim can keep its step h below it.
   */
  kinkDistance?(x: Float64Array): number;
}

/** A dataset: n inputs as rows of X (n × inputDim) and targets y (n × outputDim, row-major). */
export interface Data {
  readonly X: Matrix;
  readonly y: Float64Array;
}

/**
 * A network with fixed sizes. `WS` is its preallocated workspace for a given number of samples;
 * `lossAndGradient` and `predict` write into it and allocate nothing.
 */
export interface Model<WS = unknown> {
  /** 'two-layer', 'deep-fc', 'conv1d', ... */
  readonly id: string;
  /** Length of θ. */
  readonly dim: number;
  readonly blocks: readonly Block[];
  readonly inputDim: number;
  readonly outputDim: number;
  /** The source's initialization of θ (every stream drawn from rng). */
  init(rng: Rng): Float64Array;
  /** Buffers for n samples. */
  workspace(n: number): WS;
  /** u(θ, X) into out (n × outputDim). */
  predict(theta: Float64Array, X: Matrix, out: Float64Array, ws: WS): void;
  /** The training loss at θ, with its exact gradient written into grad (0 on fixed blocks). */
  lossAndGradient(theta: Float64Array, X: Matrix, y: Float64Array, grad: Float64Array, ws: WS): number;
  /** Rows ∂u_i/∂θ (n·outputDim × dim), where the model defines them. */
  jacobian?(theta: Float64Array, X: Matrix): Matrix;
  /** The Gram matrix J Jᵀ in the model's own closed form (thesis (2.5) for the two-layer net). */
  gram?(theta: Float64Array, X: Matrix): Matrix;
  /** The closed-form population kernel at X (H∞ of thesis Assumption 2.1), where the source gives one. */
  populationKernel?(X: Matrix): Matrix;
  /** Distance of θ from the nearest kink of the loss at X (Infinity for smooth activations). */
  kinkDistance?(theta: Float64Array, X: Matrix): number;
  /** The pre-activations of the last evaluation in ws (live; their signs are the activation pattern). */
  preActivations?(ws: WS): Float64Array;
}

/** An array argument (a list of blocks or block specs). */
function requireList(list: readonly unknown[], argument: string): void {
  if (!Array.isArray(list)) throw new DomainError(`${argument} must be an array, got ${describeValue(list)}`, argument);
}

/** Lay out named blocks back to back: [{name, rows, cols, trained}] → Blocks with offsets. */
export function layoutBlocks(specs: readonly { name: string; rows: number; cols: number; trained?: boolean }[]): Block[] {
  requireList(specs, 'specs');
  specs.forEach((s, i) => {
    if (s === null || typeof s !== 'object') throw new DomainError(`specs[${i}] must be { name, rows, cols }, got ${describeValue(s)}`, 'specs');
    requirePositiveInt(s.rows, 'rows');
    requirePositiveInt(s.cols, 'cols');
  });
  let offset = 0;
  return specs.map((s) => {
    const b = { name: s.name, offset, rows: s.rows, cols: s.cols, trained: s.trained ?? true };
    offset += s.rows * s.cols;
    return b;
  });
}

/** Total length of a block layout. */
export function blocksLength(blocks: readonly Block[]): number {
  requireList(blocks, 'blocks');
  const last = blocks[blocks.length - 1];
  return last ? last.offset + last.rows * last.cols : 0;
}

/** The block called name. */
export function block(blocks: readonly Block[], name: string): Block {
  requireList(blocks, 'blocks');
  const b = blocks.find((x) => x.name === name);
  if (!b) throw new DomainError(`no block '${name}' (blocks: ${blocks.map((x) => x.name).join(', ')})`, 'name');
  return b;
}

/** A Matrix view of one block of θ (shares memory with theta). */
export function blockView(theta: Float64Array, b: Block): Matrix {
  requireFloat64Array(theta, 'theta', null, false);
  if (b === null || typeof b !== 'object' || !Number.isInteger(b.offset) || !Number.isInteger(b.rows) || !Number.isInteger(b.cols)) {
    throw new DomainError(`b must be a Block { name, offset, rows, cols }, got ${describeValue(b)}`, 'b');
  }
  if (b.offset < 0 || b.offset + b.rows * b.cols > theta.length) {
    throw new ShapeError(`block '${b.name}' [${b.offset}, ${b.offset + b.rows * b.cols}) does not fit in theta of length ${theta.length}`, 'theta');
  }
  return { rows: b.rows, cols: b.cols, data: theta.subarray(b.offset, b.offset + b.rows * b.cols) };
}

/** Validate θ for a model or objective at a public boundary. */
export function requireTheta(theta: Float64Array, dim: number, argument = 'theta'): void {
  requireFloat64Array(theta, argument, dim);
}

/** Validate a dataset for a model at a public boundary. */
export function requireData<WS>(model: Model<WS>, X: Matrix, y?: Float64Array): void {
  requireMatrix(X, 'X');
  if (X.cols !== model.inputDim) throw new ShapeError(`X has ${X.cols} columns, the ${model.id} model takes inputs of dimension ${model.inputDim}`, 'X');
  if (y !== undefined) {
    if (!(y instanceof Float64Array)) throw new ShapeError('y must be a Float64Array (float64 targets)', 'y');
    requireLength(y, X.rows * model.outputDim, 'y');
    requireFiniteArray(y, 'y');
  }
}

/** A model's loss on fixed data, as an Objective, with the workspace it evaluates in. */
export interface BoundObjective<WS> extends Objective {
  readonly model: Model<WS>;
  readonly X: Matrix;
  readonly y: Float64Array;
  /** The workspace of the last evaluation (predictions, pre-activations, ...), for recorders. */
  readonly ws: WS;
}

/** θ ↦ loss(θ; X, y) for a model and a dataset (validated once, here). */
export function bindData<WS>(model: Model<WS>, X: Matrix, y: Float64Array): BoundObjective<WS> {
  if (y === undefined) throw new ShapeError('y must be a Float64Array of targets, got undefined', 'y');
  requireData(model, X, y);
  const ws = model.workspace(X.rows);
  const obj: BoundObjective<WS> = {
    id: model.id,
    dim: model.dim,
    blocks: model.blocks,
    model, X, y, ws,
    valueGrad: (theta, grad) => model.lossAndGradient(theta, X, y, grad, ws),
  };
  if (model.kinkDistance) {
    const kd = model.kinkDistance.bind(model);
    return { ...obj, kinkDistance: (theta) => kd(theta, X) };
  }
  return obj;
}

/** Validate an objective handed to a public function. */
export function requireObjective(obj: Objective, argument = 'objective'): void {
  if (obj === null || typeof obj !== 'object' || typeof obj.valueGrad !== 'function') {
    throw new DomainError(`${argument} must have valueGrad(x, grad)`, argument);
  }
  if (!Number.isInteger(obj.dim) || obj.dim < 1) throw new DomainError(`${argument}.dim must be a positive integer, got ${obj.dim}`, argument);
}
