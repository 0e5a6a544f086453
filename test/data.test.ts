/** src/data: dataset generators and case arbitraries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError } from '../src/core/errors.ts';
import { minLineAngle } from '../src/core/geometry.ts';
import { rng } from '../src/core/rng.ts';
import { intIn, oneOfValues, seedArb, sizedCase } from '../src/data/arbitraries.ts';
import { sphereDataset, sphereInputs, uniformLabels } from '../src/data/sphere.ts';
import { expectTyped } from './helpers.ts';

describe('sphereInputs', () => {
  it('rows are unit vectors at pairwise line angle ≥ minAngle, reproducibly', () => {
    for (const [n, d, minAngle] of [[20, 3, Math.acos(0.999)], [30, 5, 0.3], [1, 1, 0.1], [5, 2, 0.2]] as const) {
      const X = sphereInputs(rng(n * 100 + d), n, d, minAngle);
      expect([X.rows, X.cols]).toEqual([n, d]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += X.data[i * d + k] ** 2;
        expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-15);
      }
      if (n > 1) expect(minLineAngle(X)).toBeGreaterThanOrEqual(minAngle);
      expect(Array.from(sphereInputs(rng(n * 100 + d), n, d, minAngle).data)).toEqual(Array.from(X.data));
    }
    // minAngle = 0 allows d = 1 (all points ±1).
    const X1 = sphereInputs(rng(1), 4, 1, 0);
    for (const v of X1.data) expect(Math.abs(v)).toBeCloseTo(1, 15);
  });

  it('rejects zero or non-finite sizes, bad angles and impossible packings', () => {
    const r = rng(1);
    expectTyped(() => sphereInputs(r, 0, 3), DomainError, 'n');
    expectTyped(() => sphereInputs(r, NaN, 3), NonFiniteError, 'n');
    expectTyped(() => sphereInputs(r, 3, 0), DomainError, 'd');
    expectTyped(() => sphereInputs(r, 3, 2.5), DomainError, 'd');
    expectTyped(() => sphereInputs(r, 3, Infinity), NonFiniteError, 'd');
    expectTyped(() => sphereInputs(r, 3, 2, NaN), NonFiniteError, 'minAngle');
    expectTyped(() => sphereInputs(r, 3, 2, -0.1), DomainError, 'minAngle');
    expectTyped(() => sphereInputs(r, 3, 2, 2), DomainError, 'minAngle');
    expectTyped(() => sphereInputs(r, 3, 2, 0.1, 0), DomainError, 'maxAttempts');
    expectTyped(() => sphereInputs(r, 3, 2, 0.1, NaN), NonFiniteError, 'maxAttempts');
    // Every two of n > 1 points in d = 1 are parallel.
    expectTyped(() => sphereInputs(r, 2, 1), DomainError, 'd');
    // At most 3 lines in the plane are pairwise ≥ 60° apart; 4 cannot be placed.
    expectTyped(() => sphereInputs(r, 4, 2, Math.PI / 3 + 0.01, 200), DomainError, 'n');
  });
});

describe('uniformLabels and sphereDataset', () => {
  it('labels lie in [−C, C] with mean ≈ 0', () => {
    const y = uniformLabels(rng(3), 5000, 2);
    expect(Math.max(...y)).toBeLessThanOrEqual(2);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(-2);
    expect(Math.abs(y.reduce((s, v) => s + v, 0) / 5000)).toBeLessThan(5 * Math.sqrt(4 / 3 / 5000));
    expect(Array.from(uniformLabels(rng(3), 3, 0)).map(Math.abs)).toEqual([0, 0, 0]); // C = 0: all zero
  });

  it('sphereDataset draws inputs and labels from separate named streams', () => {
    const ds = sphereDataset(rng(9), 10, 4, { labelBound: 0.5 });
    expect(Array.from(ds.X.data)).toEqual(Array.from(sphereInputs(rng(9).stream('inputs'), 10, 4).data));
    expect(Array.from(ds.y)).toEqual(Array.from(uniformLabels(rng(9).stream('labels'), 10, 0.5)));
    // Changing the label bound does not move the inputs.
    expect(Array.from(sphereDataset(rng(9), 10, 4, { labelBound: 3 }).X.data)).toEqual(Array.from(ds.X.data));
  });

  it('rejects bad sizes, bounds and options', () => {
    const r = rng(1);
    expectTyped(() => uniformLabels(r, 0), DomainError, 'n');
    expectTyped(() => uniformLabels(r, 3, -1), DomainError, 'labelBound');
    expectTyped(() => uniformLabels(r, 3, NaN), NonFiniteError, 'labelBound');
    expectTyped(() => uniformLabels(r, 3, Infinity), NonFiniteError, 'labelBound');
    expectTyped(() => sphereDataset(r, 0, 3), DomainError, 'n');
    expectTyped(() => sphereDataset(r, 3, 3, { labelBound: NaN }), NonFiniteError, 'labelBound');
    expectTyped(() => sphereDataset(r, 3, 3, { minAngle: 3 }), DomainError, 'minAngle');
    expectTyped(() => sphereDataset(r, 3, 3, { maxAttempts: -5 }), DomainError, 'maxAttempts');
  });
});

describe('arbitraries', () => {
  it('intIn / sizedCase / seedArb stay in range', () => {
    for (const v of fc.sample(intIn({ min: 3, max: 7 }), { numRuns: 200, seed: 1 })) {
      expect(Number.isInteger(v) && v >= 3 && v <= 7).toBe(true);
    }
    for (const c of fc.sample(sizedCase({ n: { min: 2, max: 5 }, d: { min: 1, max: 3 }, m: { min: 10, max: 20 } }), { numRuns: 100, seed: 2 })) {
      expect(c.n >= 2 && c.n <= 5 && c.d >= 1 && c.d <= 3 && c.m >= 10 && c.m <= 20).toBe(true);
      expect(Number.isInteger(c.seed) && c.seed >= 0 && c.seed <= 0x7fffffff).toBe(true);
    }
    for (const c of fc.sample(sizedCase({ n: { min: 2, max: 5 }, d: { min: 1, max: 3 } }), { numRuns: 20, seed: 3 })) expect(c.m).toBe(1);
    for (const s of fc.sample(seedArb, { numRuns: 100, seed: 4 })) expect(s >= 0 && s <= 0x7fffffff).toBe(true);
    expect(new Set(fc.sample(oneOfValues(['a', 'b']), { numRuns: 50, seed: 5 }))).toEqual(new Set(['a', 'b']));
  });

  it('are reproducible from the fast-check seed', () => {
    const arb = sizedCase({ n: { min: 2, max: 50 }, d: { min: 1, max: 9 } });
    expect(fc.sample(arb, { numRuns: 10, seed: 77 })).toEqual(fc.sample(arb, { numRuns: 10, seed: 77 }));
  });

  it('reject bad ranges and empty value lists', () => {
    expectTyped(() => intIn({ min: 5, max: 4 }), DomainError, 'range');
    expectTyped(() => intIn({ min: 0.5, max: 4 }), DomainError, 'range');
    expectTyped(() => intIn({ min: NaN, max: 4 }), NonFiniteError, 'range');
    expectTyped(() => intIn({ min: 0, max: Infinity }), NonFiniteError, 'range');
    expectTyped(() => sizedCase({ n: { min: 2, max: 1 }, d: { min: 1, max: 2 } }), DomainError, 'range');
    expectTyped(() => oneOfValues([]), DomainError, 'values');
  });
});
