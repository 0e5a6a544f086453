/** Bad-input rows of src/claims/ modules that run claims and compare and print their results (issue 17, item 6). */
import { diffReports, parseReport } from '../../src/claims/diff.ts';
import { REPORT, RESULT, tmpPath } from './claims-files.rows.ts';
import { LOADED, TINY } from './claims.rows.ts';
import { a, type Arg, type Row } from './harness.ts';

const text = (name: string, at: number | [number, string], more: Partial<Arg> = {}): Arg => a(name, 'name', at, { accepts: ['string'], ...more });
/** A number printed or compared as it is: NaN and ±∞ are legitimate values here. */
const ANY_NUMBER = { accepts: ['NaN', '+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] } as const;
const SEED = { accepts: ['negative', 'non-integer', 'huge'] } as const;
/** The report as the gate reads it (ReportLike). */
const LIKE = () => parseReport(JSON.stringify(REPORT()), 'a.json');
const THRESHOLD = (at: number, optional = true): Arg[] => [a('t', 'object', at, { optional }), a('rel', 'nonneg', [at, 'rel']), a('abs', 'nonneg', [at, 'abs'])];
/** A stand-in for import.meta.vitest whose describe registers nothing (the claims are not run here). */
const FAKE_VT = () => ({ describe: () => {}, it: () => {}, expect: () => {} });

export const rows: Record<string, Row> = {
  // claims/diff (the regression gate)
  'claims/diff.ReportFormatError': { exempt: 'class' },
  'claims/diff.IncomparableReportsError': { exempt: 'class' },
  'claims/diff.DEFAULT_THRESHOLD': { exempt: 'constant' },
  'claims/diff.slackMoved': {
    args: () => [0.5, 0.6, { rel: 0.02, abs: 1e-3 }],
    // ±∞ are slacks (a failed hypothesis); NaN is none.
    check: [a('base', 'real', 0, { accepts: ['+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] }),
      a('head', 'real', 1, { accepts: ['+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] }), ...THRESHOLD(2, false)],
  },
  'claims/diff.diffClaim': { args: () => [RESULT(), { ...RESULT(), worstSlack: 0.9 }, { rel: 0.02, abs: 1e-3 }], check: [a('base', 'object', 0), a('head', 'object', 1), ...THRESHOLD(2)] },
  'claims/diff.diffReports': {
    args: () => [LIKE(), LIKE(), { rel: 0.02, abs: 1e-3 }],
    check: [a('base', 'object', 0), a('claims', 'object', [0, 'claims']), a('head', 'object', 1), ...THRESHOLD(2)],
  },
  'claims/diff.diffErrata': { args: () => [LIKE(), LIKE()], check: [a('base', 'object', 0), a('head', 'object', 1), a('claims', 'object', [1, 'claims'])] },
  'claims/diff.formatDiff': { args: () => [diffReports(LIKE(), LIKE())], check: [a('d', 'object', 0), a('changes', 'object', [0, 'changes'])] },
  'claims/diff.parseReport': {
    args: () => [JSON.stringify(REPORT()), 'a.json'],
    // text that is not a report's JSON is a ReportFormatError naming the file
    check: [a('text', 'name', 0, { names: { null: 'a.json', undefined: 'a.json', string: 'a.json' } }), text('name', 1)],
  },
  // claims/report
  'claims/report.reportJson': { args: () => [REPORT()], check: [a('rep', 'object', 0), a('claims', 'object', [0, 'claims'])] },
  'claims/report.writeReport': { args: () => [tmpPath(), REPORT()], check: [a('path', 'name', 0, { accepts: ['string'], tooLong: ['string'] }), a('rep', 'object', 1)] },
  'claims/report.slackText': { args: () => [0.5], check: [a('x', 'real', 0, { ...ANY_NUMBER, accepts: [...ANY_NUMBER.accepts, 'null'] })] }, // null is "no slack": —
  'claims/report.claimsTable': { args: () => [[RESULT()], true], check: [a('results', 'object', 0)] },
  'claims/report.claimsMarkdown': { args: () => [[RESULT()]], check: [a('results', 'object', 0)] },
  'claims/report.isReplayGreen': { args: () => [RESULT()], check: [a('r', 'object', 0)] },
  'claims/report.isGreen': { args: () => [RESULT()], check: [a('r', 'object', 0)] },
  // claims/runner
  'claims/runner.slackOf': { args: () => [{ holds: true, lhs: 1, rhs: 2 }], check: [a('v', 'object', 0)] },
  'claims/runner.runClaim': {
    args: () => [TINY(), { budget: 'quick', seed: 42 }],
    check: [a('claim', 'object', 0), a('opts', 'object', 1), a('budget', 'name', [1, 'budget']), a('seed', 'real', [1, 'seed'], SEED),
      a('replay', 'object', [1, 'replay'], { optional: true, names: { string: 'replay' } })],
  },
  'claims/runner.fmt': { args: () => [0.5], check: [a('x', 'real', 0, ANY_NUMBER)] },
  'claims/runner.claimFigures': { args: () => [TINY(), 'quick', 42], check: [a('claim', 'object', 0), a('budget', 'name', 1), a('runSeed', 'real', 2, SEED)] },
  'claims/runner.replayCommand': { args: () => [RESULT(), 'quick'], check: [a('r', 'object', 0), a('budget', 'name', 1)] },
  // claims/pool (the valid call makes the generator; nothing runs until it is iterated)
  'claims/pool.defaultJobs': { args: () => [], check: [] },
  'claims/pool.parseJobs': { args: () => ['2'], check: [a('jobs', 'name', 0)] },
  'claims/pool.readCostHints': { args: () => [tmpPath(), 'quick'], check: [text('path', 0), a('budget', 'name', 1)] },
  'claims/pool.runClaimsPool': {
    args: () => [[TINY()], { budget: 'quick', seed: 42, figures: false, jobs: 1 }],
    check: [a('claims', 'object', 0), a('opts', 'object', 1), a('budget', 'name', [1, 'budget']), a('seed', 'real', [1, 'seed'], SEED),
      a('jobs', 'size', [1, 'jobs'], { optional: true, accepts: ['huge'], nonFiniteIsShape: true })],
  },
  // claims/vitest (the adapter property files call through the plugin) and the plugin
  'claims/vitest.suiteBudget': { args: () => [], check: [] },
  'claims/vitest.suiteSeed': { args: () => [], check: [] },
  'claims/vitest.baselineMessage': { args: () => [RESULT(), RESULT(), 'quick'], check: [a('r', 'object', 0), a('base', 'object', 1), a('budget', 'name', 2)] },
  'claims/vitest.defineClaimTests': {
    args: () => [FAKE_VT(), 'properties/bad-input/tiny.property.ts', { tiny: TINY() }],
    check: [a('vt', 'object', 0), a('describe', 'fn', [0, 'describe'], { names: { null: 'vt', undefined: 'vt', string: 'vt' } }), text('file', 1), a('mod', 'object', 2)],
  },
  'claims/vitest.defineVitestClaims': { args: () => [FAKE_VT(), [LOADED()]], check: [a('vt', 'object', 0), a('claims', 'object', 1)] },
  'claims/vitest-plugin.claimTestsPlugin': { args: () => [], check: [] },
  'claims/vitest.suiteTimeLimitMs': { args: () => [], check: [] },
  // runner14: time limits, catching rates, soak
  'claims/pool.TIME_LIMIT_MS': { exempt: 'constant' },
  'claims/pool.runOptionsOf': { exempt: 'internal: builds RunOptions for runClaim from options runTasksPool and the pool worker already checked' },
  'claims/pool.describeTimeout': { exempt: "internal: the pool's message for a claim it stopped, from its own progress buffer" },
  'claims/pool.claimRunner': { exempt: 'internal: the vitest adapter\'s runner (defineVitestClaims, which has a row, passes checked claims)' },
  'claims/pool.runTasksPool': {
    args: () => [[TINY()], [{ claim: 0, seed: 42 }], { budget: 'quick', seed: 42, figures: false, jobs: 1 }],
    check: [a('claims', 'object', 0), a('tasks', 'object', 1), a('opts', 'object', 2), a('budget', 'name', [2, 'budget']), a('seed', 'real', [2, 'seed'], SEED)],
  },
  'claims/report.controlText': { args: () => [{ control: 'caught', controlRate: 0.5 }], check: [a('r', 'object', 0)] },
  'claims/runner.CASE_PHASES': { exempt: 'constant' },
  'claims/seed.OUTSIDE_RUN_SEED': { exempt: 'constant' },
  'claims/seed.runSeedFor': { args: () => [{ runs: 3, claimSeed: 7 }, 'top-widths'], check: [a('b', 'object', 0), text('label', 1)] },
  'claims/soak.soakSeeds': { args: () => [42, 3], check: [a('masterSeed', 'real', 0, SEED), a('runs', 'size', 1)] },
  'claims/soak.soakRow': { exempt: 'internal: a row of soakReport, from the runs soakCommand collected' },
  'claims/soak.soakResult': { exempt: 'internal: a claim\'s joined result in soakReport, from the runs soakCommand collected' },
  'claims/soak.soakReport': { exempt: 'internal: soakCommand\'s report, from the pool\'s results' },
  'claims/soak.soakTable': { exempt: 'internal: soakCommand\'s table of the report soakReport made' },
  'claims/soak.soakMisses': { exempt: 'internal: soakCommand\'s list of the misses soakReport recorded' },
};
