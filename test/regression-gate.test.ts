/**
 * The theory-regression gate. The per-claim half runs inside every property file ("matches the
 * theory baseline", src/claims/vitest.ts: no extra claim runs); this file checks the diff logic, the
 * `gd-theory diff` command end to end, and that no claim of the baseline has disappeared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_BUDGET, BASELINE_PATH, BASELINE_SEED, BaselineError, baselineJson, readBaseline, writeBaseline } from '../src/claims/baseline.ts';
import {
  DEFAULT_THRESHOLD, IncomparableReportsError, ReportFormatError, diffClaim, diffErrata, diffReports, formatDiff, parseReport, slackMoved,
  type ClaimRow, type ErratumRowLike, type ReportLike,
} from '../src/claims/diff.ts';
import { reportJson, type Report } from '../src/claims/report.ts';
import { errataRows } from '../src/errata/ledger.ts';
import { diffCommand, UsageError } from '../src/commands.ts';
import type { ClaimResult } from '../src/claims/types.ts';
import { expectTyped } from './helpers.ts';

const row = (over: Partial<ClaimRow> = {}): ClaimRow => ({
  id: 'x.bound', kind: 'bound', verdict: 'holds', runs: 40, worstSlack: 0.5, medianSlack: 0.2, control: 'caught', ...over,
});
const report = (claims: ClaimRow[], over: Partial<ReportLike> = {}): ReportLike => ({ version: 1, budget: 'quick', seed: 42, claims, ...over });

/** Run the CLI as a user would (it loads the property files' exported claims; nothing of vitest). */
function cli(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('slackMoved: max(rel·|base|, abs)', () => {
  it('ignores round-off and tiny exact-claim slacks, catches relative moves', () => {
    expect(slackMoved(0.5, 0.5 * (1 + 1e-12), DEFAULT_THRESHOLD)).toBe(false);
    expect(slackMoved(2e-4, 6e-4, DEFAULT_THRESHOLD)).toBe(false); // round-off over tolerance tripled: below the 1e-3 floor
    expect(slackMoved(0.5, 0.515, DEFAULT_THRESHOLD)).toBe(true); // +3%
    expect(slackMoved(0.5, 0.505, DEFAULT_THRESHOLD)).toBe(false); // +1%
    expect(slackMoved(0.5, 0.45, DEFAULT_THRESHOLD)).toBe(true); // loosened by 10%
    expect(slackMoved(0.5, 0.515, { rel: 0.05, abs: 0 })).toBe(false);
  });
});

describe('diffClaim', () => {
  it('no change, no entry; ms, replay and median are not compared', () => {
    expect(diffClaim(row(), row({ medianSlack: 0.3 }))).toEqual([]);
  });
  it('a verdict that leaves the expected one is a regression; the reverse is listed as fixed', () => {
    const [c] = diffClaim(row(), row({ verdict: 'fails' }));
    expect(c).toMatchObject({ type: 'verdict', regression: true });
    const [f] = diffClaim(row({ verdict: 'fails' }), row());
    expect(f).toMatchObject({ type: 'verdict', regression: false });
    expect(f.message).toContain('fixed');
  });
  it('a control that stops being caught is a regression', () => {
    const cs = diffClaim(row(), row({ control: 'missed' }));
    expect(cs.map((c) => [c.type, c.regression])).toEqual([['control', true]]);
  });
  it('slack moves both ways count, with direction and percentage', () => {
    const [up] = diffClaim(row(), row({ worstSlack: 0.9 }));
    expect(up.message).toMatch(/0\.5000 → 0\.9000 \(\+80\.0%\), closer to failing/);
    const [down] = diffClaim(row(), row({ worstSlack: 0.05 }));
    expect(down.message).toMatch(/looser/);
    expect(diffClaim(row({ worstSlack: null }), row({ worstSlack: 0.2 }))[0].type).toBe('slack');
  });
  it('falsified claims compare verdict and control only', () => {
    const f = row({ kind: 'falsified', verdict: 'falsified-as-expected', worstSlack: 3, runs: 7 });
    expect(diffClaim(f, { ...f, worstSlack: 300, runs: 1 })).toEqual([]);
  });
  it('a claim that now fails is one line: verdict and slack, not the runs its early stop skipped', () => {
    const d = diffReports(report([row()]), report([row({ verdict: 'fails', runs: 1, worstSlack: 2e6 })]));
    expect(formatDiff(d)).toContain('✗ x.bound: verdict holds → fails; worst slack 0.5000 → 2.000e+6 (×4.000e+6), closer to failing');
  });
  it('fewer runs and a changed kind are regressions', () => {
    expect(diffClaim(row(), row({ runs: 10 }))[0]).toMatchObject({ type: 'runs', regression: true });
    expect(diffClaim(row(), row({ kind: 'statistical' }))[0]).toMatchObject({ type: 'kind', regression: true });
  });
});

describe('diffReports', () => {
  it('lists removed (regression) and new (not a regression) claims', () => {
    const d = diffReports(report([row({ id: 'a' }), row({ id: 'b' })]), report([row({ id: 'a' }), row({ id: 'c' })]));
    expect(d.compared).toBe(1);
    expect(d.changes.map((c) => [c.id, c.type, c.regression])).toEqual([['b', 'removed', true], ['c', 'added', false]]);
    expect(d.regressions).toBe(1);
    expect(formatDiff(d)).toMatch(/regressions \(1 claim\):\n {2}✗ b: removed/);
  });
  it('refuses reports of different budgets or seeds', () => {
    expect(() => diffReports(report([]), report([], { seed: 7 }))).toThrow(IncomparableReportsError);
  });
});

describe('diff and the errata ledger', () => {
  const fals = (over: Partial<ClaimRow> = {}) => row({ id: 'x.falsified', kind: 'falsified', verdict: 'falsified-as-expected', ...over });
  const erratum = (over: Partial<ErratumRowLike> = {}): ErratumRowLike => ({ id: '002a.E4', status: 'falsified', claim: 'x.falsified', verdict: 'falsified-as-expected', ...over });
  it('an erratum whose counterexample stops reproducing is a regression named by the erratum, next to its claim\'s', () => {
    const base = report([fals()], { errata: [erratum()] });
    const head = report([fals({ verdict: 'fails' })], { errata: [erratum({ verdict: 'fails' })] });
    const d = diffReports(base, head);
    expect(d.changes.map((c) => [c.id, c.type, c.regression])).toEqual([['x.falsified', 'verdict', true], ['002a.E4', 'erratum', true]]);
    expect(formatDiff(d)).toMatch(/✗ 002a\.E4: counterexample of x\.falsified no longer reproduces: verdict falsified-as-expected → fails/);
    expect(diffReports(base, report([fals()], { errata: [erratum()] })).regressions).toBe(0);
  });
  it('reads "reproduced in the base" from its claim rows, so a base made before the ledger (no errata) arms the rule', () => {
    const d = diffErrata(report([fals()]), report([fals({ verdict: 'error' })], { errata: [erratum({ verdict: 'error' })] }));
    expect(d.map((c) => [c.id, c.type, c.regression])).toEqual([['002a.E4', 'erratum', true]]);
    // Its claim not run in the head: not reproduced either.
    expect(diffErrata(report([fals()]), report([], { errata: [erratum({ verdict: null })] }))[0].message).toContain('→ not run');
    // A head without the field (an older tool) and a base that never reproduced: nothing.
    expect(diffErrata(report([fals()]), report([fals({ verdict: 'fails' })]))).toEqual([]);
    expect(diffErrata(report([fals({ verdict: 'fails' })]), report([fals({ verdict: 'fails' })], { errata: [erratum({ verdict: 'fails' })] }))).toEqual([]);
  });
  it('only falsified entries carry a counterexample to lose; an entry that leaves the ledger is a regression; a new status is listed', () => {
    const checked = erratum({ status: 'refuted-by-control', claim: 'x.bound', verdict: 'fails' });
    expect(diffErrata(report([row()]), report([row({ verdict: 'fails' })], { errata: [checked] }))).toEqual([]);
    const gone = diffErrata(report([fals()], { errata: [erratum(), erratum({ id: '002a.E5', status: 'notation', claim: null, verdict: null })] }), report([fals()], { errata: [erratum()] }));
    expect(gone.map((c) => [c.id, c.regression])).toEqual([['002a.E5', true]]);
    expect(gone[0].message).toContain('removed from the errata ledger');
    const moved = diffErrata(report([fals()], { errata: [erratum({ id: '002a.E5', status: 'notation', claim: null, verdict: null })] }),
      report([fals()], { errata: [erratum({ id: '002a.E5' })] }));
    expect(moved.map((c) => [c.id, c.regression, c.message])).toEqual([['002a.E5', false, 'ledger status notation → falsified']]);
  });
  it('parseReport reads the errata of report/claims.json (verdict from the result) and rejects a malformed one', () => {
    const rows = errataRows([{ id: '002a.E4', catalog: '002a', source: 's', location: 'l', printed: 'p', corrected: 'c', status: 'falsified', claim: 'x' },
      { id: '002a.E5', catalog: '002a', source: 's', location: 'l', printed: 'p', corrected: 'c', status: 'notation', why: 'w' }],
    [{ id: 'x', family: 'f', source: 's', kind: 'falsified', verdict: 'falsified-as-expected', runs: 1, worstSlack: 2, medianSlack: 2, control: 'caught', replay: '1:0', ms: 1, statement: 'st' }]);
    const text = reportJson({ version: 1, budget: 'quick', seed: 42, claims: [], errata: rows });
    expect(parseReport(text, 'r.json').errata).toEqual([
      { id: '002a.E4', status: 'falsified', claim: 'x', verdict: 'falsified-as-expected' }, { id: '002a.E5', status: 'notation', claim: null, verdict: null },
    ]);
    expect(parseReport(JSON.stringify(report([])), 'r.json').errata).toBeUndefined();
    const bad = [{ errata: {} }, { errata: [null] }, { errata: [{ status: 'falsified' }] }, { errata: [erratum(), erratum()] },
      { errata: [{ id: 'e', status: 3 }] }, { errata: [{ id: 'e', status: 'notation', claim: 5 }] }, { errata: [{ id: 'e', status: 'falsified', result: { verdict: 1 } }] }];
    for (const b of bad) expectTyped(() => parseReport(JSON.stringify({ ...report([]), ...b }), 'r.json'), ReportFormatError, 'r.json');
  });
});

describe('parseReport', () => {
  it('rejects what is not a claims report (not JSON, not an object, another version, a claim twice, a bad field), naming the file', () => {
    const bad = [
      '{', '[]', JSON.stringify({ version: 2, budget: 'quick', seed: 1, claims: [] }), JSON.stringify(report([row(), row()])),
      JSON.stringify(report([row({ verdict: 'ok' })])), JSON.stringify(report([{ ...row(), worstSlack: 'big' as unknown as number }])),
    ];
    for (const text of bad) expectTyped(() => parseReport(text, 'a.json'), ReportFormatError, 'a.json');
  });
  it('reads a valid report', () => {
    expect(parseReport(JSON.stringify(report([row()])), 'a.json').claims[0]).toMatchObject(row());
  });
});

describe('baseline', () => {
  const full = (over: Partial<ClaimResult> = {}): ClaimResult => ({
    id: 'x', family: 'f', source: 's', kind: 'bound', verdict: 'holds', runs: 3, worstSlack: 0.5, medianSlack: 0.4, control: 'caught',
    replay: '1', ms: 123, statement: 'st', slacks: [0.4, 0.5, 0.1], ...over,
  });
  it('is compact (no per-run data); ms kept to two significant digits, as the pool\'s longest-first hint', () => {
    const j = JSON.parse(baselineJson({ version: 1, budget: 'quick', seed: 42, claims: [full({ ms: 1432 }), full({ id: 'b', ms: 52 }), full({ id: 'c', ms: 0 })], figures: [] }));
    expect(j.claims.map((c: { ms: number }) => c.ms)).toEqual([1400, 52, 0]);
    expect(j.claims[0].slacks).toBeUndefined();
    expect(j.figures).toBeUndefined();
    expect(j.errata).toEqual([]);
  });
  it('keeps the ledger compact: id, catalog, status, claim and the verdict the gate reads', () => {
    const errata = errataRows([{ id: '002a.E4', catalog: '002a', source: 's', location: 'l', printed: 'p', corrected: 'c', status: 'falsified', claim: 'x' }],
      [full({ kind: 'falsified', verdict: 'falsified-as-expected', counterexample: { case: { n: 2 }, verdict: { holds: false, lhs: 2, rhs: 1 } } })]);
    const text = baselineJson({ version: 1, budget: 'quick', seed: 42, claims: [full()], errata });
    expect(JSON.parse(text).errata).toEqual([{ id: '002a.E4', catalog: '002a', status: 'falsified', claim: 'x', result: { verdict: 'falsified-as-expected', control: 'caught' } }]);
    expect(parseReport(text, 'b.json').errata).toEqual([{ id: '002a.E4', status: 'falsified', claim: 'x', verdict: 'falsified-as-expected' }]);
  });
  it('refuses to bless claims that are not as expected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-baseline-'));
    const rep: Report = { version: 1, budget: 'quick', seed: 42, claims: [full({ verdict: 'fails' })] };
    expect(() => writeBaseline(rep, join(dir, 'b.json'))).toThrow(BaselineError);
    expect(writeBaseline(rep, join(dir, 'b.json'), true)).toBe(join(dir, 'b.json'));
  });
});

describe('the committed baseline', () => {
  const base = readBaseline();
  it(`exists at ${BASELINE_PATH} for budget ${BASELINE_BUDGET}, seed ${BASELINE_SEED}`, () => {
    expect(base, `missing ${BASELINE_PATH}: run npm run baseline`).not.toBeNull();
    expect(base?.budget).toBe(BASELINE_BUDGET);
    expect(base?.seed).toBe(BASELINE_SEED);
  });
  it('no claim of the baseline has disappeared (new claims are fine)', () => {
    const r = cli(['list']);
    expect(r.status, r.out).toBe(0);
    const ids = new Set(r.out.split('\n').map((l) => l.split(/\s+/)[0]).filter((w) => /^[a-z0-9][a-z0-9._-]*\.[a-z0-9._-]+$/i.test(w)));
    const removed = (base?.claims ?? []).map((c) => c.id).filter((id) => !ids.has(id));
    expect(removed, `claims in ${BASELINE_PATH} that no property file defines any more:\n  ${removed.join('\n  ')}\nif deliberate: npm run baseline`).toEqual([]);
  });
});

describe('gd-theory diff (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gd-diff-'));
  const a = join(dir, 'base.json'), b = join(dir, 'head.json');
  writeFileSync(a, JSON.stringify(report([row({ id: 'thesis.x.drift' }), row({ id: 'thesis.x.gone' })])));
  writeFileSync(b, JSON.stringify(report([row({ id: 'thesis.x.drift', worstSlack: 0.9 })])));

  it('exits 1 on a regression and names the claims', () => {
    const r = cli(['diff', a, b]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('✗ thesis.x.drift: worst slack 0.5000 → 0.9000');
    expect(r.out).toContain('✗ thesis.x.gone: removed');
  });
  it('exits 0 when nothing moved past the threshold (here: --threshold 1)', () => {
    writeFileSync(join(dir, 'same.json'), JSON.stringify(report([row({ id: 'thesis.x.drift', worstSlack: 0.9 }), row({ id: 'thesis.x.gone' })])));
    const r = cli(['diff', a, join(dir, 'same.json'), '--threshold', '1']);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('no regression');
  });
  it('exits 1 on an erratum whose counterexample stopped reproducing, naming it', () => {
    const fals = row({ id: 'thesis.x.falsified', kind: 'falsified', verdict: 'falsified-as-expected' });
    const e = { id: '002a.E4', status: 'falsified', claim: 'thesis.x.falsified', result: { verdict: 'falsified-as-expected', control: 'caught' } };
    writeFileSync(join(dir, 'e-base.json'), JSON.stringify({ ...report([fals]), errata: [e] }));
    writeFileSync(join(dir, 'e-head.json'), JSON.stringify({ ...report([{ ...fals, verdict: 'fails' }]), errata: [{ ...e, result: { verdict: 'fails', control: 'caught' } }] }));
    const r = cli(['diff', join(dir, 'e-base.json'), join(dir, 'e-head.json')]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('✗ 002a.E4: counterexample of thesis.x.falsified no longer reproduces');
  });
  it('exits 2 with a typed message on bad input', () => {
    const r = cli(['diff', a, join(dir, 'missing.json')]);
    expect(r.status).toBe(2);
    expect(r.out).toContain('does not exist');
    expect(() => diffCommand([a])).toThrow(UsageError);
    expectTyped(() => diffCommand([a, b, '--threshold', 'x']), UsageError, '--threshold');
    expectTyped(() => diffCommand([a, b, '--bogus']), UsageError, '--bogus');
  });
});
