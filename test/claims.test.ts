/**
 * The claims runner on toy claims whose truth is known: verdicts, negative controls, falsified claims
 * with shrunk counterexamples, seed:path replay, determinism; plus claim(), verdict, claimSeed and
 * parseReplay. The toy claims are run with runClaim directly (they are not exported from a property file).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/core/errors.ts';
import { claim, verdict } from '../src/claims/claim.ts';
import { runClaim } from '../src/claims/runner.ts';
import { claimSeed, parseReplay } from '../src/claims/seed.ts';
import type { Budget, ClaimResult } from '../src/claims/types.ts';
import { UsageError } from '../src/claims/usage.ts';
import { expectTyped } from './helpers.ts';

interface ToyBudget extends Budget { max: number }
const budget = (runs: number, max = 100) => ({ quick: { runs, max }, default: { runs, max }, deep: { runs, max } });

/** "x ≤ max for x ∈ [0, max]" (true), with a control "x ≤ max/2" (false on half the cases). */
const bounded = (controlLimit: (b: ToyBudget) => number) => claim({
  id: 'toy.bounded',
  source: 'unit test',
  statement: 'x ≤ max for x in [0, max]',
  kind: 'bound',
  budget: budget(50),
  arbitrary: (b: ToyBudget) => fc.integer({ min: 0, max: b.max }),
  check: (x: number, b: ToyBudget) => verdict.atMost(x, b.max, `x=${x}`),
  negativeControl: {
    describe: 'a smaller bound',
    arbitrary: (b: ToyBudget) => fc.integer({ min: 0, max: b.max }),
    check: (x: number, b: ToyBudget) => verdict.atMost(x, controlLimit(b), `x=${x}`),
  },
});

/** The printed statement "x² ≤ 50" is false (first at x = 8); the corrected "x² ≤ max²" holds. */
const falsified = (corrected: (x: number, b: ToyBudget) => ReturnType<typeof verdict.atMost>) => claim({
  id: 'toy.square',
  source: 'unit test',
  statement: 'x² ≤ 50 for x in [0, max]',
  kind: 'falsified',
  budget: budget(100),
  arbitrary: (b: ToyBudget) => fc.record({ x: fc.integer({ min: 0, max: b.max }), pad: fc.nat(1000) }),
  check: ({ x }: { x: number; pad: number }) => verdict.atMost(x * x, 50, `x=${x}`),
  corrected: ({ x }: { x: number; pad: number }, b: ToyBudget) => corrected(x, b),
});

/** Everything but the wall-clock time. */
const strip = (r: ClaimResult) => ({ ...r, ms: 0 });

describe('runClaim verdicts', () => {
  it('a true claim with a false control: holds, control caught', () => {
    const r = runClaim(bounded((b) => b.max / 2), { budget: 'quick', seed: 1 });
    expect(r.verdict).toBe('holds');
    expect(r.control).toBe('caught');
    expect(r.runs).toBe(50);
    expect(r.worstSlack).not.toBeNull();
    expect(r.worstSlack!).toBeLessThanOrEqual(1);
    expect(r.medianSlack!).toBeLessThanOrEqual(r.worstSlack!);
    expect(r.replay).toBe(String(claimSeed(1, 'toy.bounded')));
    expect(r.controlDetail).toMatch(/^caught: /);
  });

  it('a control that never fails: control missed, and the claim fails', () => {
    const r = runClaim(bounded((b) => 10 * b.max), { budget: 'quick', seed: 1 });
    expect(r.control).toBe('missed');
    expect(r.verdict).toBe('fails');
    expect(r.controlDetail).toMatch(/held on all 50 cases/);
  });

  it('a control that throws instead of failing is missed', () => {
    const c = claim({
      ...bounded(() => 0).spec,
      negativeControl: { describe: 'throws', arbitrary: () => fc.constant(1), check: () => { throw new Error('boom'); } },
    } as Parameters<typeof claim>[0]);
    const r = runClaim(c, { budget: 'quick', seed: 1 });
    expect(r.control).toBe('missed');
    expect(r.verdict).toBe('fails');
    expect(r.controlDetail).toMatch(/threw.*boom/);
  });

  it('a false bound fails with a shrunk counterexample and a seed:path replay', () => {
    const c = claim({
      ...bounded((b) => b.max / 2).spec,
      id: 'toy.false-bound',
      check: (x: number) => verdict.atMost(x, 30, `x=${x}`),
    } as Parameters<typeof claim>[0]);
    const r = runClaim(c, { budget: 'quick', seed: 3 });
    expect(r.verdict).toBe('fails');
    expect(r.counterexample?.case).toBe(31); // shrunk to the smallest failing x
    expect(r.counterexample?.verdict.holds).toBe(false);
    expect(r.replay).toMatch(/^\d+:[\d:]+$/);
    expect(r.worstSlack!).toBeGreaterThan(1);
  });

  it('a check that throws: verdict error with the message', () => {
    const c = claim({
      ...bounded((b) => b.max / 2).spec,
      id: 'toy.throws',
      check: (x: number) => { if (x > 10) throw new DomainError('x too large', 'x'); return verdict.atMost(x, 100); },
    } as Parameters<typeof claim>[0]);
    const r = runClaim(c, { budget: 'quick', seed: 1 });
    expect(r.verdict).toBe('error');
    expect(r.message).toMatch(/DomainError: x too large/);
  });
});

describe('falsified claims', () => {
  it('refuted as expected, with the minimal counterexample, and the corrected statement caught', () => {
    const r = runClaim(falsified((x, b) => verdict.atMost(x * x, b.max * b.max)), { budget: 'quick', seed: 42 });
    expect(r.verdict).toBe('falsified-as-expected');
    expect(r.control).toBe('caught');
    expect(r.counterexample?.case).toEqual({ x: 8, pad: 0 });
    expect(r.counterexample?.verdict.holds).toBe(false);
    expect(r.counterexample?.verdict.lhs).toBe(64);
    expect(r.controlDetail).toMatch(/^corrected: /);
  });

  it('replaying seed:path reproduces the same counterexample', () => {
    const c = falsified((x, b) => verdict.atMost(x * x, b.max * b.max));
    const first = runClaim(c, { budget: 'quick', seed: 7 });
    expect(first.verdict).toBe('falsified-as-expected');
    const replay = parseReplay(first.replay);
    expect(replay.path).toBeDefined();
    const again = runClaim(c, { budget: 'quick', seed: 7, replay, skipControl: true });
    expect(again.verdict).toBe('falsified-as-expected');
    expect(again.counterexample?.case).toEqual(first.counterexample?.case);
    expect(again.counterexample?.verdict).toEqual(first.counterexample?.verdict);
    expect(again.runs).toBe(1);
  });

  it('a corrected statement that also fails on the counterexample: fails, control missed', () => {
    const r = runClaim(falsified((x) => verdict.atMost(x * x, 60)), { budget: 'quick', seed: 42 });
    expect(r.verdict).toBe('fails');
    expect(r.control).toBe('missed');
  });

  it('a "falsified" statement that is never refuted fails', () => {
    const c = claim({
      ...falsified((x, b) => verdict.atMost(x, b.max)).spec,
      id: 'toy.not-false',
      check: ({ x }: { x: number }) => verdict.atMost(x, 1000),
    } as Parameters<typeof claim>[0]);
    const r = runClaim(c, { budget: 'quick', seed: 1 });
    expect(r.verdict).toBe('fails');
    expect(r.message).toMatch(/no counterexample/);
  });
});

describe('determinism', () => {
  it('the same run seed gives the same cases, slacks and replay; another seed gives other cases', () => {
    const c = claim({
      id: 'toy.real-valued',
      source: 'unit test',
      statement: '|sin t| ≤ 1',
      kind: 'bound',
      budget: budget(60),
      arbitrary: () => fc.double({ min: -100, max: 100, noNaN: true }),
      check: (t: number) => verdict.atMost(Math.abs(Math.sin(t)), 1),
      negativeControl: { describe: '|sin t| ≤ ½', arbitrary: () => fc.double({ min: -100, max: 100, noNaN: true }), check: (t: number) => verdict.atMost(Math.abs(Math.sin(t)), 0.5) },
    });
    const a = runClaim(c, { budget: 'quick', seed: 5 });
    const b = runClaim(c, { budget: 'quick', seed: 5 });
    const other = runClaim(c, { budget: 'quick', seed: 6 });
    expect(a.verdict).toBe('holds');
    expect(strip(a)).toEqual(strip(b));
    expect(other.medianSlack).not.toBe(a.medianSlack);
    const f = falsified((x, bb) => verdict.atMost(x * x, bb.max * bb.max));
    expect(strip(runClaim(f, { budget: 'quick', seed: 9 }))).toEqual(strip(runClaim(f, { budget: 'quick', seed: 9 })));
  });
});

describe('claim() validation and verdict helpers', () => {
  const base = bounded((b) => b.max / 2).spec as Parameters<typeof claim>[0];

  it('rejects malformed specs with a DomainError naming the field', () => {
    expectTyped(() => claim({ ...base, id: 'has space' }), DomainError, 'id');
    expectTyped(() => claim({ ...base, id: '' }), DomainError, 'id');
    // A missing control is a type error (the spec is a union); the runtime check is for JS callers.
    // @ts-expect-error a checked claim without its negative control does not type-check
    expectTyped(() => claim({ ...base, negativeControl: undefined }), DomainError, 'negativeControl');
    expectTyped(() => claim({ ...base, budget: { ...base.budget, deep: { runs: 0 } } }), DomainError, 'budget');
    expectTyped(() => claim({ ...base, budget: { ...base.budget, quick: { runs: 2.5 } } }), DomainError, 'budget');
    // @ts-expect-error a falsified claim without its corrected statement does not type-check
    expectTyped(() => claim({ ...base, kind: 'falsified', negativeControl: undefined }), DomainError, 'corrected');
    const c = claim(base);
    expect(c.controlDescription).toBe('a smaller bound');
    expect(c.family).toBeUndefined(); // the family is the folder, set when a property file is loaded
  });

  it('verdict.atMost / atLeast / near compute holds and slack', () => {
    expect(verdict.atMost(1, 4)).toMatchObject({ holds: true, slack: 0.25 });
    expect(verdict.atMost(5, 4)).toMatchObject({ holds: false, slack: 1.25 });
    expect(verdict.atMost(0, 0)).toMatchObject({ holds: true, slack: 0 });
    expect(verdict.atMost(1, 0)).toMatchObject({ holds: false, slack: Infinity });
    expect(verdict.atLeast(4, 1)).toMatchObject({ holds: true, slack: 0.25 });
    expect(verdict.atLeast(0, 1e-10)).toMatchObject({ holds: false, slack: Infinity });
    expect(verdict.near(1.1, 1, 0.2)).toMatchObject({ holds: true });
    expect(verdict.near(1.1, 1, 0.2).slack).toBeCloseTo(0.5, 12);
    expect(verdict.near(2, 1, 0.5)).toMatchObject({ holds: false, lhs: 1, rhs: 0.5, slack: 2 });
  });
});

describe('claimSeed and parseReplay', () => {
  it('claimSeed is a deterministic non-negative 31-bit hash of (run seed, id)', () => {
    expect(claimSeed(42, 'a.b')).toBe(claimSeed(42, 'a.b'));
    expect(claimSeed(42, 'a.b')).not.toBe(claimSeed(43, 'a.b'));
    expect(claimSeed(42, 'a.b')).not.toBe(claimSeed(42, 'a.c'));
    const seen = new Set<number>();
    for (let s = 0; s < 200; s++) {
      const h = claimSeed(s, 'thesis.ch2.thm2.1');
      expect(Number.isInteger(h) && h >= 0 && h <= 0x7fffffff).toBe(true);
      seen.add(h);
    }
    expect(seen.size).toBe(200);
  });

  it('parseReplay reads seed and seed:path', () => {
    expect(parseReplay('1234')).toEqual({ seed: 1234, path: undefined });
    expect(parseReplay(' 1234:0:1:0 ')).toEqual({ seed: 1234, path: '0:1:0' });
    expect(parseReplay('-5:3')).toEqual({ seed: -5, path: '3' });
    expect(parseReplay('77:')).toEqual({ seed: 77, path: undefined });
    for (const bad of ['', 'abc', '12:a', '1.5', '12 34']) expectTyped(() => parseReplay(bad), UsageError, '--replay');
  });
});
