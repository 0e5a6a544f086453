/**
 * Kinds own their slack (issue 12 item 4): the verdict builders of src/claims/verdict.ts, one slack
 * definition each with ≤ 1 ⇔ holds; the runner holding each kind to its builders; the union spec;
 * the control reusing the claim's arbitrary; loading exported claims (family = folder, file) and
 * the vitest plugin; typed errors of the claims layer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { claim, isClaim, verdict } from '../src/claims/claim.ts';
import { claimsOfModule, familyOf, loadClaims } from '../src/claims/registry.ts';
import { runClaim } from '../src/claims/runner.ts';
import type { Verdict } from '../src/claims/types.ts';
import { DEFINITIONS, isBuilt } from '../src/claims/verdict.ts';
import { claimTestsPlugin } from '../src/claims/vitest-plugin.ts';
import { suiteBudget, suiteSeed } from '../src/claims/vitest.ts';
import { DomainError, EnvironmentError, NonFiniteError } from '../src/core/errors.ts';
import { binomialBandK, binomialCdf, clopperPearsonUpper } from '../src/stats/clopper-pearson.ts';
import { expectTyped } from './helpers.ts';

const budget = (runs: number) => ({ quick: { runs }, default: { runs }, deep: { runs } });

describe('one slack definition per builder, ≤ 1 exactly when it holds', () => {
  it('bound: lhs/rhs for ≤, rhs/lhs for ≥, ratio of sizes for two negative sides', () => {
    expect(verdict.atMost(1, 4)).toMatchObject({ holds: true, slack: 0.25, definition: 'at-most' });
    expect(verdict.atMost(-3, 4).slack).toBe(0);
    expect(verdict.atMost(-3, -2)).toMatchObject({ holds: true, slack: 2 / 3 });
    expect(verdict.atMost(-1, -2)).toMatchObject({ holds: false, slack: 2 });
    expect(verdict.atLeast(4, 1)).toMatchObject({ holds: true, slack: 0.25, definition: 'at-least' });
    expect(verdict.atLeast(-1.02, -1)).toMatchObject({ holds: false, slack: 1.02 });
    expect(verdict.atLeast(-0.5, -1)).toMatchObject({ holds: true, slack: 0.5 });
    expect(verdict.atLeast(0, 1e-10)).toMatchObject({ holds: false, slack: Infinity });
  });
  it('exact: error/tolerance', () => {
    expect(verdict.within(1e-13, 1e-12)).toMatchObject({ holds: true, definition: 'within' });
    expect(verdict.within(1e-13, 1e-12).slack).toBeCloseTo(0.1, 12);
    expect(verdict.near(2, 1, 0.5)).toMatchObject({ holds: false, lhs: 1, rhs: 0.5, slack: 2 });
    expectTyped(() => verdict.within(0, 0), DomainError, 'tol');
  });
  it('statistical (a): Clopper–Pearson upper bound / δ', () => {
    const v = verdict.failureRate({ failures: 0, trials: 150, delta: 0.1, alpha: 1e-6 });
    expect(v.slack).toBeCloseTo(clopperPearsonUpper(0, 150, 1e-6) / 0.1, 12);
    expect(v).toMatchObject({ holds: true, definition: 'failure-rate' });
    // 0 failures in 30 cannot certify 0.1 at α = 1e-6: the certificate needs ≥ 132 trials.
    expect(verdict.failureRate({ failures: 0, trials: 30, delta: 0.1, alpha: 1e-6 }).holds).toBe(false);
    expectTyped(() => verdict.failureRate({ failures: 31, trials: 30, delta: 0.1, alpha: 1e-6 }), DomainError, 'failures');
  });
  it('statistical (b): |mean − claimed|/(k·se), one-sided the excess past claimed', () => {
    expect(verdict.meanWithin({ mean: 1.5, se: 0.1, claimed: 1, k: 5 })).toMatchObject({ holds: true, slack: 1, definition: 'mean-within' });
    expect(verdict.meanWithin({ mean: 0.4, se: 0.1, claimed: 1, k: 5 }).holds).toBe(false);
    expect(verdict.meanWithin({ mean: 0.4, se: 0.1, claimed: 1, k: 5, side: 'atMost' })).toMatchObject({ holds: true, slack: 0 });
    expect(verdict.meanWithin({ mean: 1.2, se: 0.1, claimed: 1, k: 4, side: 'atMost' }).slack).toBeCloseTo(0.5, 12);
    expectTyped(() => verdict.meanWithin({ mean: 1, se: NaN, claimed: 1, k: 5 }), NonFiniteError, 'se');
  });
  it('rateWithin: k from the exact binomial keeps the acceptance region of the p-value test', () => {
    // P[Bin(8, 0.9) ≤ 1] ≈ 7.3e-7 ≤ 1e-6 < P[Bin(8, 0.9) ≤ 2]: 1 of 8 fails, 2 of 8 holds.
    expect(binomialCdf(1, 8, 0.9)).toBeLessThan(1e-6);
    expect(binomialCdf(2, 8, 0.9)).toBeGreaterThan(1e-6);
    const at = (s: number) => verdict.rateWithin({ successes: s, trials: 8, claimed: 0.9, alpha: 1e-6, side: 'atLeast' });
    expect(at(1).holds).toBe(false);
    expect(at(2).holds).toBe(true);
    expect(at(2).slack).toBeCloseTo(1, 9); // the kept outcome sits on the band's edge
    expect(at(8).slack).toBe(0);
  });
  it('binomialBandK: the rejected outcomes have probability ≤ α, adding the next would exceed it', () => {
    const n = 200, p = 0.4235, alpha = 1e-6, se = Math.sqrt((p * (1 - p)) / n);
    const k = binomialBandK(n, p, alpha);
    let rejected = 0, nextRing = 0;
    for (let j = 0; j <= n; j++) {
      const dev = Math.abs(j / n - p);
      const pmf = binomialCdf(j, n, p) - (j > 0 ? binomialCdf(j - 1, n, p) : 0);
      if (dev > k * se) rejected += pmf;
      else if (dev > k * se * (1 - 1e-9) - 1 / n) nextRing += pmf;
    }
    expect(rejected).toBeLessThanOrEqual(alpha);
    expect(rejected + nextRing).toBeGreaterThan(alpha);
    expectTyped(() => binomialBandK(10, 0, alpha), DomainError, 'p');
  });
  it('scaling: |slope − claimed|/tol; one-sided (distance past the limit)/tol + 1', () => {
    expect(verdict.slopeWithin(-0.45, -0.5, 0.1)).toMatchObject({ holds: true, definition: 'slope-within' });
    expect(verdict.slopeWithin(-0.45, -0.5, 0.1).slack).toBeCloseTo(0.5, 12);
    expect(verdict.slopeAtMost(1.2, 1.5, 1.5).slack).toBeCloseTo(1.2 / 1.5, 12);
    expect(verdict.slopeAtMost(1.6, 1.5, 1.5).holds).toBe(false);
    expect(verdict.slopeAtLeast(-10, -3, 1)).toMatchObject({ holds: false, slack: 8 });
    expect(verdict.slopeAtMost(-5, 1, 1).slack).toBe(0);
  });
  it('NaN never holds; unmet, vacuous, failedBy and allOf', () => {
    expect(verdict.atMost(NaN, 1)).toMatchObject({ holds: false, slack: Infinity });
    expect(verdict.slopeWithin(NaN, 1, 0.1)).toMatchObject({ holds: false, slack: Infinity });
    expect(verdict.unmet('diverged')).toMatchObject({ holds: false, slack: Infinity, definition: 'unmet' });
    expect(verdict.vacuous('∇L ≡ 0')).toMatchObject({ holds: true, slack: 0, definition: 'vacuous' });
    expect(verdict.failedBy(verdict.atMost(1, 2), 'not converged')).toMatchObject({ holds: false, slack: Infinity });
    const all = verdict.allOf([verdict.atMost(1, 2), verdict.atMost(3, 4)]);
    expect(all).toMatchObject({ holds: true, slack: 0.75 });
    expect(verdict.allOf([verdict.atMost(3, 4), verdict.unmet('x')]).holds).toBe(false);
    expectTyped(() => verdict.allOf([]), DomainError, 'vs');
  });
  it('every definition a kind may use is made by a builder, and statistical claims have exactly the two', () => {
    expect(DEFINITIONS.statistical.filter((d) => d !== 'unmet' && d !== 'vacuous')).toEqual(['failure-rate', 'mean-within']);
    expect(isBuilt(verdict.atMost(1, 2))).toBe(true);
    expect(isBuilt({ holds: true, lhs: 1, rhs: 2, slack: 0.5, definition: 'at-most' })).toBe(false);
  });
});

describe('the runner holds each kind to its builders', () => {
  const spec = (kind: 'bound' | 'statistical', check: (x: number) => Verdict) => claim({
    id: `toy.kind-${kind}`, source: 'unit test', statement: 'x ≤ 10', kind, budget: budget(10),
    arbitrary: () => fc.integer({ min: 0, max: 10 }),
    check,
    negativeControl: { describe: 'x ≤ 5', check: (x: number) => verdict.atMost(x, 5) },
  });
  it('a hand-made verdict (as a JS caller could return) is an error naming the check', () => {
    const handMade = (x: number) => ({ holds: x <= 10, lhs: x, rhs: 10, slack: x / 10 }) as unknown as Verdict;
    const r = runClaim(spec('bound', handMade), { budget: 'quick', seed: 1 });
    expect(r.verdict).toBe('error');
    expect(r.message).toMatch(/^VerdictKindError/);
  });
  it("another kind's slack is an error: a statistical claim cannot judge a bound", () => {
    const r = runClaim(spec('statistical', (x) => verdict.atMost(x, 10)), { budget: 'quick', seed: 1 });
    expect(r.verdict).toBe('error');
    expect(r.message).toMatch(/^VerdictKindError/);
  });
  it('the control reuses the claim\'s arbitrary when it gives none, and is caught', () => {
    const r = runClaim(spec('bound', (x) => verdict.atMost(x, 10)), { budget: 'quick', seed: 1 });
    expect(r).toMatchObject({ verdict: 'holds', control: 'caught', family: 'unregistered' });
  });
});

describe('property files export their claims', () => {
  const c = claim({
    id: 'toy.exported', source: 'unit test', statement: 's', kind: 'bound', budget: budget(1),
    arbitrary: () => fc.constant(0), check: () => verdict.atMost(0, 1),
    negativeControl: { describe: 'c', check: () => verdict.atMost(2, 1) },
  });
  it('the loader keeps the exports claim() made, with the family (folder) and the file', () => {
    const got = claimsOfModule('properties/saddle/x.property.ts', { c, helper: () => 1, n: 3, obj: { id: 'not a claim' } });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ id: 'toy.exported', family: 'saddle', file: join('properties', 'saddle', 'x.property.ts') });
    expect(isClaim(got[0])).toBe(true);
    expect(familyOf('/any/where/properties/two-layer/y.property.ts')).toBe('two-layer');
    expect(familyOf('elsewhere/conjectures/z.property.ts')).toBe('conjectures');
  });
  it('two property files defining the same id is a DomainError naming the id', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-props-'));
    const claimTs = join(process.cwd(), 'src', 'claims', 'claim.ts');
    const file = (name: string) => `import fc from 'fast-check';
import { claim, verdict } from ${JSON.stringify(claimTs)};
export const ${name} = claim({ id: 'dup.id', source: 's', statement: 's', kind: 'bound',
  budget: { quick: { runs: 1 }, default: { runs: 1 }, deep: { runs: 1 } }, arbitrary: () => fc.constant(0),
  check: () => verdict.atMost(0, 1), negativeControl: { describe: 'c', check: () => verdict.atMost(2, 1) } });
`;
    writeFileSync(join(root, 'a.property.ts'), file('a'));
    writeFileSync(join(root, 'b.property.ts'), file('b'));
    await expect(loadClaims(root)).rejects.toMatchObject({ constructor: DomainError, argument: 'id' });
  });
  it('the vitest plugin appends a guarded adapter call to property files only', () => {
    const p = claimTestsPlugin();
    expect(p.transform('export const a = 1;', '/x/test/a.test.ts')).toBeNull();
    const out = p.transform('export const a = 1;', '/x/properties/f/a.property.ts') ?? '';
    expect(out.startsWith('export const a = 1;')).toBe(true);
    expect(out).toContain('if (import.meta.vitest)');
    expect(out).toContain('import * as __gdClaimExports from "/x/properties/f/a.property.ts"');
  });
});

describe('typed errors of the claims layer', () => {
  const saved = { budget: process.env.GD_BUDGET, seed: process.env.GD_SEED };
  afterEach(() => {
    if (saved.budget === undefined) delete process.env.GD_BUDGET; else process.env.GD_BUDGET = saved.budget;
    if (saved.seed === undefined) delete process.env.GD_SEED; else process.env.GD_SEED = saved.seed;
  });
  it('a bad GD_BUDGET or GD_SEED is an EnvironmentError naming the variable', () => {
    process.env.GD_BUDGET = 'huge';
    expectTyped(() => suiteBudget(), EnvironmentError, 'GD_BUDGET');
    process.env.GD_SEED = '4.2';
    expectTyped(() => suiteSeed(), EnvironmentError, 'GD_SEED');
  });
});
