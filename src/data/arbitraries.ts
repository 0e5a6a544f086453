/**
 * fast-check arbitraries for claim cases. A case is plain data (sizes and an integer seed); all
 * arrays are generated from the seed inside the check, so fast-check's (seed, path) replays a case
 * exactly and shrinking moves toward smaller sizes and seed 0.
 */
import fc from 'fast-check';
import { DomainError, requireFiniteNumber } from '../core/errors.ts';

export interface IntRange { min: number; max: number }

export function intIn(range: IntRange): fc.Arbitrary<number> {
  if (range === null || typeof range !== 'object') throw new DomainError('range must be { min, max }', 'range');
  requireFiniteNumber(range.min, 'range');
  requireFiniteNumber(range.max, 'range');
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min > range.max) {
    throw new DomainError(`bad integer range [${range.min}, ${range.max}]`, 'range');
  }
  return fc.integer({ min: range.min, max: range.max });
}

/** A seed for the case's Rng: 31-bit non-negative so that it prints and replays cleanly. */
export const seedArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0x7fffffff });

/** One of the listed values (shrinks toward the first). */
export function oneOfValues<T>(values: readonly T[]): fc.Arbitrary<T> {
  if (values.length === 0) throw new DomainError('oneOfValues needs at least one value', 'values');
  return fc.constantFrom(...values);
}

/**
 * Wide widths for a `deep` budget (widths-dependent claims reach m ≥ 10⁵): a case takes one of
 * `widths` with weight 1 against `baseWeight` for the budget's random range.
 */
export interface WideWidths { widths: number[]; baseWeight: number }

/** A width from the range `m`, or, when `wide` is given, sometimes one of its wide widths. Without it
 * the arbitrary is the range alone, so budgets without `wide` generate the same cases as before. */
export function widthArb(m: IntRange, wide?: WideWidths): fc.Arbitrary<number> {
  return wide ? fc.oneof({ arbitrary: intIn(m), weight: wide.baseWeight }, { arbitrary: oneOfValues(wide.widths), weight: 1 }) : intIn(m);
}

export interface SizeRanges { n: IntRange; d: IntRange; m?: IntRange }

export interface SizedCase { n: number; d: number; m: number; seed: number }

/** (n, d, m, seed) with each size in its range; m defaults to 1 when no range is given. */
export function sizedCase(r: SizeRanges): fc.Arbitrary<SizedCase> {
  return fc.record({
    n: intIn(r.n),
    d: intIn(r.d),
    m: r.m ? intIn(r.m) : fc.constant(1),
    seed: seedArb,
  });
}
