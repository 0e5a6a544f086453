/**
 * Issue 14, item 4: a negative control is checked on every one of its cases and the fraction that
 * caught it is recorded (claims.json `controlRate`, over `controlCases`), with the verdict and its
 * catching case as before; `diff` reports a rate that dropped by more than the tolerance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, verdict } from '../src/claims/claim.ts';
import { DEFAULT_THRESHOLD, diffClaim, diffReports, formatDiff, parseReport, ReportFormatError, type ClaimRow } from '../src/claims/diff.ts';
import { claimsTable, reportJson } from '../src/claims/report.ts';
import { fmt, runClaim } from '../src/claims/runner.ts';
import { claimSeed } from '../src/claims/seed.ts';
import type { ClaimResult, Verdict } from '../src/claims/types.ts';
import { expectTyped } from './helpers.ts';

const budget = { quick: { runs: 10, controlRuns: 40 }, default: { runs: 10 }, deep: { runs: 10 } };
const digits = () => fc.integer({ min: 0, max: 9 });

function withControl(check: (x: number) => Verdict, rateCases?: number) {
  return claim({
    id: 'test.rate.toy', source: 'test', statement: 'x ≤ 9', kind: 'bound', budget, arbitrary: digits,
    check: (x: number) => verdict.atMost(x, 9),
    negativeControl: { describe: 'toy control', check, ...(rateCases ? { rateCases } : {}) },
  });
}

/** The control's cases as the runner draws them at run seed `seed`. */
function controlCases(seed: number, n = 40): number[] {
  return fc.sample(digits(), { seed: claimSeed(claimSeed(seed, 'test.rate.toy'), 'control'), numRuns: n });
}

describe('the control\'s catching rate', () => {
  it('is the fraction of its cases that catch it; verdict and catching case are the first catch\'s', () => {
    const r = runClaim(withControl((x) => verdict.atMost(x, 6)), { budget: 'quick', seed: 5 });
    const xs = controlCases(5);
    const catching = xs.filter((x) => x > 6);
    expect(r.controlCases).toBe(40);
    expect(r.controlRate).toBe(catching.length / 40);
    expect(r.controlRate).toBeGreaterThan(0);
    expect(r.controlRate).toBeLessThan(1);
    expect(r.control).toBe('caught');
    expect(r.verdict).toBe('holds');
    expect(r.controlDetail).toBe(`caught: lhs ${fmt(catching[0])} vs rhs ${fmt(6)}`);
  });

  it('is 0 for a control that is never caught (the claim then fails), 1 for one caught everywhere', () => {
    const never = runClaim(withControl((x) => verdict.atMost(x, 100)), { budget: 'quick', seed: 5 });
    expect([never.controlRate, never.control, never.verdict]).toEqual([0, 'missed', 'fails']);
    const always = runClaim(withControl((x) => verdict.atMost(x, -1)), { budget: 'quick', seed: 5 });
    expect([always.controlRate, always.controlCases, always.control]).toEqual([1, 40, 'caught']);
  });

  it('a control that throws before any catch is missed, as before; the throwing case does not count as caught', () => {
    const r = runClaim(withControl((x) => { if (x < 100) throw new RangeError('boom'); return verdict.atMost(x, 0); }), { budget: 'quick', seed: 5 });
    expect(r.control).toBe('missed');
    expect(r.controlRate).toBe(0);
    expect(r.controlDetail).toContain('RangeError: boom');
  });

  it('rateCases measures the first cases only, then checks until the first catch', () => {
    const xs = controlCases(5);
    const r = runClaim(withControl((x) => verdict.atMost(x, 6), 5), { budget: 'quick', seed: 5 });
    const firstCatch = xs.findIndex((x) => x > 6);
    const measured = Math.max(5, firstCatch + 1);
    expect(r.controlCases).toBe(measured);
    expect(r.controlRate).toBe(xs.slice(0, measured).filter((x) => x > 6).length / measured);
  });

  it('is null for a replay (no control cases)', () => {
    const replay = runClaim(withControl((x) => verdict.atMost(x, 6)), { budget: 'quick', seed: 5, replay: { seed: 1 }, skipControl: true });
    expect([replay.controlRate, replay.controlCases]).toEqual([null, 0]);
  });

  it('goes to claims.json and to the table when below 1', () => {
    const r = runClaim(withControl((x) => verdict.atMost(x, 6)), { budget: 'quick', seed: 5 });
    const json = JSON.parse(reportJson({ version: 1, budget: 'quick', seed: 5, claims: [r] })) as { claims: ClaimResult[] };
    expect(json.claims[0].controlRate).toBe(r.controlRate);
    expect(json.claims[0].controlCases).toBe(40);
    expect(claimsTable([r])).toContain(`caught ${(r.controlRate as number).toFixed(2)}`);
    expect(parseReport(JSON.stringify(json), 'r.json').claims[0].controlRate).toBe(r.controlRate);
  });
});

describe('diff: a control whose catching rate drops is a regression', () => {
  const row = (controlRate?: number | null): ClaimRow => ({
    id: 'x.bound', kind: 'bound', verdict: 'holds', runs: 40, worstSlack: 0.5, medianSlack: 0.2, control: 'caught',
    ...(controlRate === undefined ? {} : { controlRate }),
  });

  it(`flags a drop of more than ${DEFAULT_THRESHOLD.rate}, not a smaller one, a rise, or a row without the field`, () => {
    const drop = diffClaim(row(1), row(0.9));
    expect(drop.map((c) => [c.type, c.regression])).toEqual([['control-rate', true]]);
    expect(drop[0].message).toContain('1.000 → 0.900');
    expect(diffClaim(row(1), row(0.96))).toEqual([]);
    expect(diffClaim(row(0.5), row(0.8))).toEqual([]);
    expect(diffClaim(row(), row(0.1))).toEqual([]);
    expect(diffClaim(row(0.8), row(null))).toEqual([]);
    expect(diffClaim(row(1), row(0.96), { ...DEFAULT_THRESHOLD, rate: 0.01 }).map((c) => c.type)).toEqual(['control-rate']);
  });

  it('names the claim in the gate\'s output', () => {
    const d = diffReports({ version: 1, budget: 'quick', seed: 42, claims: [row(0.95)] }, { version: 1, budget: 'quick', seed: 42, claims: [row(0.4)] });
    expect(d.regressions).toBe(1);
    expect(formatDiff(d)).toContain('✗ x.bound: control catching rate 0.950 → 0.400');
  });

  it('rejects a report whose controlRate is not a fraction', () => {
    const bad = JSON.stringify({ version: 1, budget: 'quick', seed: 42, claims: [{ ...row(), controlRate: 1.5 }] });
    expectTyped(() => parseReport(bad, 'bad.json'), ReportFormatError, 'bad.json');
  });
});
