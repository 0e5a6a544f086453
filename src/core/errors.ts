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

/** A short description of a rejected value for a message: its kind and, for numbers and strings, its value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `a number[] of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/** A value that must be a number (of any finiteness): anything else is a DomainError naming the argument. */
export function requireNumber(value: number, argument: string): number {
  if (typeof value !== 'number') throw new DomainError(`${argument} must be a number, got ${describeValue(value)}`, argument);
  return value;
}

/**
 * The largest number of float64 entries one array may have (2^28 entries = 2 GiB): a size above it is
 * rejected with a DomainError before anything is allocated, instead of an untyped RangeError (or an
 * out-of-memory abort) from the typed-array constructor.
 */
export const MAX_ARRAY_ENTRIES = 2 ** 28;

/** `count` entries can be allocated (count is the product of the sizes named by argument). */
export function requireAllocatable(count: number, argument: string, what = `${count} entries`): number {
  requireFiniteNumber(count, argument);
  if (!(count <= MAX_ARRAY_ENTRIES)) {
    throw new DomainError(`${argument} is too large: ${what} cannot be allocated (at most ${MAX_ARRAY_ENTRIES} entries per array)`, argument);
  }
  return count;
}

/** A Float64Array argument (not a Float32Array, not a number[]), optionally of a given length, every entry finite. */
export function requireFloat64Array(value: Float64Array, argument: string, length: number | null = null, finite = true): Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new ShapeError(`${argument} must be a Float64Array (float64 values), got ${describeValue(value)}`, argument);
  }
  if (length !== null) requireLength(value, length, argument);
  if (finite) requireFiniteArray(value, argument);
  return value;
}

/** An array-like of numbers (a typed array or a number[]); anything else is a ShapeError. */
function requireArrayLike(values: ArrayLike<number>, argument: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new ShapeError(`${argument} must be an array of numbers, got ${describeValue(values)}`, argument);
  }
}

/** A finite number: NaN, ±Infinity and every non-number (undefined, null, a string, ...) are a NonFiniteError. */
export function requireFiniteNumber(value: number, argument: string): number {
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${argument} must be a finite number, got ${typeof value === 'number' ? value : describeValue(value)}`, argument);
  }
  return value;
}

export function requirePositive(value: number, argument: string): number {
  requireFiniteNumber(value, argument);
  if (value <= 0) throw new DomainError(`${argument} must be > 0, got ${value}`, argument);
  return value;
}

export function requireFiniteArray(values: ArrayLike<number>, argument: string): void {
  requireArrayLike(values, argument);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new NonFiniteError(`${argument}[${i}] is ${values[i]}; every entry must be finite`, argument);
    }
  }
}

export function requireLength(values: ArrayLike<number>, length: number, argument: string): void {
  requireArrayLike(values, argument);
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

/** An object argument (a report, a claim, options, a verdict, ...): null, an array and every primitive are a DomainError. */
export function requireObject<T>(value: T, argument: string, what = 'an object'): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DomainError(`${argument} must be ${what}, got ${describeValue(value)}`, argument);
  }
  return value;
}

/** A string argument (an id, a path, a detail line): anything else is a DomainError. */
export function requireString(value: string, argument: string): string {
  if (typeof value !== 'string') throw new DomainError(`${argument} must be a string, got ${describeValue(value)}`, argument);
  return value;
}

/** An array argument (of claims, results, verdicts, argv words, ...): anything else is a ShapeError. */
export function requireArray<T>(value: readonly T[], argument: string, what = 'an array'): readonly T[] {
  if (!Array.isArray(value)) throw new ShapeError(`${argument} must be ${what}, got ${describeValue(value)}`, argument);
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

/**
 * The objects one builder made (octopus(), lemma74Glue(), deepFcArch(), sharingMap(), ...): the
 * builder checks its inputs once and marks its result; every function that takes such an object
 * checks membership in O(1), so a hot function can trust it (null, a string, a hand-made or
 * spread copy are a DomainError naming the argument) without re-validating it per call.
 */
export class Provenance<T extends object> {
  private readonly made = new WeakSet<object>();
  constructor(
    /** What the object must be, for the message ("an Octopus from octopus()"). */
    readonly what: string,
  ) {}

  mark<U extends T>(value: U): U {
    this.made.add(value);
    return value;
  }

  require<U extends T>(value: U, argument: string): U {
    if (value === null || typeof value !== 'object' || !this.made.has(value)) {
      throw new DomainError(`${argument} must be ${this.what}, got ${describeValue(value)}`, argument);
    }
    return value;
  }
}
