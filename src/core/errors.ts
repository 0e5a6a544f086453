/** Typed errors: every public function of src/ rejects bad input with one of these, naming the argument. */
export class GdTheoryError extends Error {
  constructor(
    message: string,
    /** The argument (or field) that was rejected. */
    readonly argument: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An array or matrix has the wrong length, rows or columns. */
export class ShapeError extends GdTheoryError {}

/** A value that must be finite is NaN or ±Infinity. */
export class NonFiniteError extends GdTheoryError {}

/** A value is finite and well-shaped but outside the domain a function or claim needs
 *  (zero width, non-positive step, parallel inputs, non-unit data, ...). */
export class DomainError extends GdTheoryError {}

export function requirePositiveInt(value: number, argument: string): number {
  requireFiniteNumber(value, argument);
  if (!Number.isInteger(value) || value <= 0) {
    throw new DomainError(`${argument} must be a positive integer, got ${value}`, argument);
  }
  return value;
}

export function requireFiniteNumber(value: number, argument: string): number {
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${argument} must be finite, got ${value}`, argument);
  }
  return value;
}

export function requirePositive(value: number, argument: string): number {
  requireFiniteNumber(value, argument);
  if (value <= 0) throw new DomainError(`${argument} must be > 0, got ${value}`, argument);
  return value;
}

export function requireFiniteArray(values: ArrayLike<number>, argument: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new NonFiniteError(`${argument}[${i}] is ${values[i]}; every entry must be finite`, argument);
    }
  }
}

export function requireLength(values: ArrayLike<number>, length: number, argument: string): void {
  if (values.length !== length) {
    throw new ShapeError(`${argument} has length ${values.length}, expected ${length}`, argument);
  }
}

/** An integer index in [0, length). */
export function requireIndex(value: number, length: number, argument: string): number {
  requireFiniteNumber(value, argument);
  if (!Number.isInteger(value) || value < 0 || value >= length) {
    throw new ShapeError(`${argument} = ${value} is not an index in [0, ${length})`, argument);
  }
  return value;
}

/** A probability in [0, 1]. */
export function requireProbability(value: number, argument: string): number {
  requireFiniteNumber(value, argument);
  if (value < 0 || value > 1) throw new DomainError(`${argument} must be in [0, 1], got ${value}`, argument);
  return value;
}

/** An environment variable or the process context is not what a command needs (GD_BUDGET, GD_SEED,
 *  a worker entry run outside a worker thread, ...); the argument is the variable's name. */
export class EnvironmentError extends GdTheoryError {}

/** A claim's check returned a verdict its kind does not allow (DESIGN.md, one slack definition per kind). */
export class VerdictKindError extends GdTheoryError {}

/** The errata ledger (src/errata/) breaks one of its rules: the argument is the offending entry field
 *  ('id', 'claim', 'why', ...), so a test can tell which rule fired without reading the message. */
export class LedgerError extends GdTheoryError {}
