/** The worst-case search (gd-theory check --target): tape generation, mutation, hill-climbing, fixtures. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, verdict } from '../src/claims/claim.ts';
import { runClaim } from '../src/claims/runner.ts';
import { SearchRandom, TargetError, fromTape, mutate, sampleWorst, targetClaim } from '../src/claims/target.ts';
import { loadAllWorst, loadWorst, saveWorst, toFixture } from '../src/claims/worst.ts';

const sizes = { runs: 30 };
const budget = { quick: sizes, default: sizes, deep: sizes };
const control = { describe: 'always false', arbitrary: () => fc.constant(0), check: () => verdict.atMost(2, 1) };

/**
 * slack = 1 − |n − 637|/1000 − 0.001·frac(seed·φ): a peak inside the range (fast-check's bias
 * toward the ends of a range does not find it; 30 samples land ~16 away), plus seed noise.
 */
const needle = claim({
  id: 'test.target.needle', source: 'test', statement: 'a peak at n = 637', kind: 'bound', budget,
  arbitrary: () => fc.record({ n: fc.integer({ min: 1, max: 1000 }), seed: fc.integer({ min: 0, max: 0x7fffffff }) }),
  check: ({ n, seed }) => verdict.atMost(1 - Math.abs(n - 637) / 1000 - 0.001 * ((seed * 0.618034) % 1), 1),
  negativeControl: control,
});

describe('tape generation', () => {
  const arb = fc.record({
    n: fc.integer({ min: 3, max: 17 }),
    even: fc.integer({ min: 0, max: 50 }).map((x) => 2 * x),
    odd: fc.integer({ min: 0, max: 99 }).filter((x) => x % 2 === 1),
    pick: fc.constantFrom('a', 'b', 'c'),
  });
  it('every tape, mutated or not, generates a case the arbitrary can produce', () => {
    const r = new SearchRandom(7);
    for (let k = 0; k < 200; k++) {
      let tape: Int32Array = new Int32Array(16);
      for (let i = 0; i < tape.length; i++) tape[i] = r.int32();
      for (let m = 0; m < 5; m++) {
        const { value, used } = fromTape(arb, tape, 1, k % 3 === 0 ? undefined : 2 + (k % 3));
        expect(value.n).toBeGreaterThanOrEqual(3);
        expect(value.n).toBeLessThanOrEqual(17);
        expect(value.even % 2).toBe(0);
        expect(value.odd % 2).toBe(1);
        expect(['a', 'b', 'c']).toContain(value.pick);
        expect(used).toBeGreaterThan(0);
        tape = mutate(tape, used, r);
      }
    }
  });
  it('is deterministic: the same tape gives the same case', () => {
    const tape = Int32Array.from({ length: 8 }, (_v, i) => i * 1_000_003);
    expect(fromTape(arb, tape, 3, undefined).value).toEqual(fromTape(arb, tape, 3, undefined).value);
  });
  it('a ±1 edit of a draw moves an integer by ±1 (mod its range)', () => {
    const ints = fc.integer({ min: 0, max: 99 });
    const tape = new Int32Array([1234]);
    const a = fromTape(ints, tape, 0, undefined).value;
    const b = fromTape(ints, new Int32Array([1235]), 0, undefined).value;
    expect((b - a + 100) % 100).toBe(1);
  });
});

describe('targetClaim', () => {
  it('finds a larger slack than plain sampling with the same number of checks', () => {
    const r = targetClaim(needle, { budget: 'quick', seed: 42 });
    expect(r.evals).toBe(30);
    expect(r.traceTargeted).toHaveLength(30);
    expect(r.traceRandom).toHaveLength(30);
    expect(r.targeted.slack).toBeGreaterThan(r.random.slack);
    expect(r.targeted.slack).toBeGreaterThan(0.995);
    expect(r.targeted.verdict.holds).toBe(true);
    // best-so-far traces never decrease
    for (const t of [r.traceTargeted, r.traceRandom]) for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
  });
  it('is deterministic for a fixed seed', () => {
    const a = targetClaim(needle, { budget: 'quick', seed: 5, evals: 20 });
    const b = targetClaim(needle, { budget: 'quick', seed: 5, evals: 20 });
    expect(a.targeted).toEqual(b.targeted);
    expect(a.traceTargeted).toEqual(b.traceTargeted);
  });
  it('plain sampling is the claim runner\'s own fast-check run', () => {
    const s = sampleWorst(needle, 'quick', 42, 30);
    const r = runClaim(needle, { budget: 'quick', seed: 42, skipControl: true });
    expect(s.trace).toHaveLength(30);
    expect(s.best?.slack).toBe(r.worstSlack);
    expect(s.best?.slack).toBe(s.trace[29]);
  });
  it('records checks that throw as findings, and breaks a false bound', () => {
    const brittle = claim({
      id: 'test.target.brittle', source: 'test', statement: 'n ≤ 90', kind: 'bound', budget,
      arbitrary: () => fc.integer({ min: 1, max: 100 }),
      check: (n) => {
        if (n === 1) throw new RangeError('n = 1');
        return verdict.atMost(n, 90);
      },
      negativeControl: control,
    });
    const r = targetClaim(brittle, { budget: 'quick', seed: 1, evals: 60 });
    expect(r.targeted.verdict.holds).toBe(false);
    expect(r.targeted.slack).toBeGreaterThan(1);
    expect(r.errors.every((e) => e.message.startsWith('RangeError'))).toBe(true);
  });
  it('refuses claims that are not bound or exact', () => {
    const stat = claim({ ...needle.spec, id: 'test.target.stat', kind: 'statistical' } as Parameters<typeof claim>[0]);
    expect(() => targetClaim(stat, { budget: 'quick', seed: 1 })).toThrow(TargetError);
    expect(() => targetClaim(needle, { budget: 'quick', seed: 1, evals: 0 })).toThrow(TargetError);
  });
});

describe('fixtures/worst', () => {
  it('round-trips a search, including -Infinity slacks of cases that threw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-worst-'));
    const r = targetClaim(needle, { budget: 'quick', seed: 3, evals: 12 });
    r.traceRandom[0] = -Infinity;
    saveWorst(toFixture(r, { source: 's', statement: 'st' }), dir);
    const back = loadWorst(needle.id, dir);
    expect(back?.case).toEqual(r.targeted.case);
    expect(back?.traceRandom[0]).toBe(-Infinity);
    expect(back?.traceTargeted).toEqual(r.traceTargeted);
    expect(loadAllWorst(dir).map((w) => w.id)).toEqual([needle.id]);
    expect(loadWorst('nope', dir)).toBeNull();
  });
});
