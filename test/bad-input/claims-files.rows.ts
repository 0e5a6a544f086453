/** Bad-input rows of src/claims/ modules that render or write reports and fixtures (issue 17, item 6). Files go to a temporary folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/claims/report.ts';
import type { ClaimResult, Figure } from '../../src/claims/types.ts';
import { atMost } from '../../src/claims/verdict.ts';
import { saveWorst, type WorstFixture } from '../../src/claims/worst.ts';
import { writeBaseline } from '../../src/claims/baseline.ts';
import { a, type Arg, type Row } from './harness.ts';

export const TMP = mkdtempSync(join(tmpdir(), 'gd-bad-input-'));
let n = 0;
/** A fresh path in the temporary folder. */
export const tmpPath = (ext = 'json'): string => join(TMP, `f${++n}.${ext}`);
/** A path argument: a plain string is a relative path, so that case is not called (it would write in the repository). */
export const pathArg = (name: string, at: number | [number, string], more: Partial<Arg> = {}): Arg =>
  a(name, 'name', at, { accepts: ['string'], tooLong: ['string'], ...more });
const text = (name: string, at: number | [number, string]): Arg => a(name, 'name', at, { accepts: ['string'] });

export const RESULT = (): ClaimResult => ({
  id: 'bad-input.tiny', family: 'bad-input', source: 'issue 17', kind: 'bound', verdict: 'holds', runs: 3, worstSlack: 0.5, medianSlack: 0.3,
  control: 'caught', replay: '42', ms: 5, statement: 'x ≤ 1 on [0, 1]', slacks: [0.1, 0.3, 0.5],
});
export const FIGURE = (): Figure => ({ id: 'bad-input.fig', source: 'issue 17', caption: 'c', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: [1, 2, 3], y: [1, 4, 9] }], claimId: 'bad-input.tiny' });
export const REPORT = (): Report => ({ version: 1, budget: 'quick', seed: 42, claims: [RESULT()], figures: [FIGURE()], errata: [] });
export const WORST = (): WorstFixture => ({
  id: 'bad-input.tiny', family: 'bad-input', kind: 'bound', source: 'issue 17', statement: 'x ≤ 1', budget: 'quick', seed: 42, evals: 4, case: 0.9,
  targeted: { case: 0.9, verdict: atMost(0.9, 1), slack: 0.9 }, random: { case: 0.5, verdict: atMost(0.5, 1), slack: 0.5 },
  traceTargeted: [0.5, 0.9], traceRandom: [0.5, 0.5],
});
const FIT = () => ({ xs: [1, 2, 4], ys: [1, 2, 4], slope: 1, intercept: 0, lo: 0.9, hi: 1.1, log: true });
/** Pixels: at most 10 000, so huge is rejected. */
const size = (at: number): Arg[] => [a('width', 'positive', at, { optional: true, accepts: ['non-integer'] }), a('height', 'positive', at + 1, { optional: true, accepts: ['non-integer'] })];
/** A report argument: an object whose budget, seed and claims fields are checked too. */
const report = (at: number): Arg[] => [a('rep', 'object', at), a('claims', 'object', [at, 'claims']), text('budget', [at, 'budget']),
  a('seed', 'real', [at, 'seed'], { accepts: ['NaN', '+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] })];
/** A saved worst case and a baseline to read back. */
const WORST_FILE = saveWorst(WORST(), join(TMP, 'worst'));
const BASELINE_FILE = writeBaseline(REPORT(), join(TMP, 'baseline.json'));
/** The default path of these writers is the repository's own fixture: not called with it. */
const REPO_DEFAULT = { tooLong: ['string', 'undefined'] } as const;

export const rows: Record<string, Row> = {
  // claims/require-report
  'claims/require-report.requireReport': { args: () => [REPORT()], check: report(0) },
  // claims/html
  'claims/html.esc': { args: () => ['<a & b>'], check: [text('s', 0)] },
  'claims/html.MAX_DRAWN_POINTS': { exempt: 'constant' },
  'claims/html.thinSeries': { args: () => [[{ x: 1, y: 1, series: 's' }], 10], check: [a('rows', 'object', 0), a('max', 'size', 1, { optional: true, accepts: ['huge'] })] },
  'claims/html.figureSvg': { args: () => [FIGURE(), 300, 200], check: [a('f', 'object', 0), a('series', 'object', [0, 'series']), ...size(1)] },
  'claims/html.slackSvg': { args: () => [RESULT(), 300, 200], check: [a('r', 'object', 0), a('slacks', 'object', [0, 'slacks'], { optional: true }), ...size(1)] },
  'claims/html.fitSvg': { args: () => [FIT(), 300, 200], check: [a('fit', 'object', 0), a('xs', 'object', [0, 'xs']), a('ys', 'object', [0, 'ys']), ...size(1)] },
  'claims/html.traceSvg': { args: () => [WORST(), 300, 200], check: [a('w', 'object', 0), a('traceRandom', 'object', [0, 'traceRandom']), ...size(1)] },
  'claims/html.targetImproved': { args: () => [WORST()], check: [a('w', 'object', 0), a('targeted', 'object', [0, 'targeted'])] },
  'claims/html.sourceOfClaim': { args: () => ['thesis.ch2.thm2.1'], check: [text('id', 0)] },
  'claims/html.slackHistogram': { args: () => [[0.1, 0.95, 2]], check: [a('slacks', 'object', 0)] },
  'claims/html.renderHtml': { args: () => [REPORT(), { worst: [WORST()] }], check: [...report(0), a('opts', 'object', 1, { optional: true })] },
  'claims/html.writeHtml': { args: () => [tmpPath('html'), REPORT()], check: [pathArg('path', 0), ...report(1)] },
  // claims/io
  'claims/io.InputFileError': { exempt: 'class' },
  'claims/io.ReportLockedError': { exempt: 'class' },
  'claims/io.writeFileAtomic': { args: () => [tmpPath(), '{}\n'], check: [pathArg('path', 0), text('text', 1)] },
  'claims/io.requireWritable': { args: () => [tmpPath(), '--out'], check: [pathArg('--out', 0)] },
  'claims/io.lockPathFor': { args: () => [tmpPath()], check: [text('path', 0)] },
  'claims/io.lockReport': { args: () => [tmpPath(), () => {}], check: [pathArg('path', 0, { names: { null: 'path', undefined: 'path' } }), a('note', 'fn', 1, { optional: true })] },
  // claims/fixtures (counterexamples of falsified claims; the valid call saves none: the claim is not falsified)
  'claims/fixtures.FIXTURE_ROOT': { exempt: 'constant' },
  'claims/fixtures.counterexamplePath': { args: () => ['thesis.ch2.x'], check: [text('id', 0)] },
  'claims/fixtures.saveCounterexample': {
    args: () => [RESULT(), 'quick', 42, false],
    check: [a('r', 'object', 0), text('budget', 1), a('seed', 'real', 2, { accepts: ['NaN', '+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] })],
  },
  // claims/worst
  'claims/worst.WORST_ROOT': { exempt: 'constant' },
  'claims/worst.worstPath': { args: () => ['bad-input.tiny', TMP], check: [text('id', 0), a('root', 'name', 1, { accepts: ['string'], optional: true })] },
  'claims/worst.toFixture': { args: () => [WORST(), { source: 's', statement: 't' }], check: [a('t', 'object', 0), a('meta', 'object', 1), text('source', [1, 'source'])] },
  'claims/worst.saveWorst': { args: () => [WORST(), join(TMP, 'worst')], check: [a('f', 'object', 0), pathArg('root', 1, REPO_DEFAULT)] },
  'claims/worst.readWorst': { args: () => [WORST_FILE], check: [pathArg('path', 0)] },
  'claims/worst.loadWorst': { args: () => ['bad-input.tiny', join(TMP, 'worst')], check: [text('id', 0), pathArg('root', 1, { optional: true })] },
  'claims/worst.loadAllWorst': { args: () => [join(TMP, 'worst')], check: [pathArg('root', 0, { optional: true })] },
  // claims/baseline
  'claims/baseline.BASELINE_PATH': { exempt: 'constant' },
  'claims/baseline.BASELINE_BUDGET': { exempt: 'constant' },
  'claims/baseline.BASELINE_SEED': { exempt: 'constant' },
  'claims/baseline.BaselineError': { exempt: 'class' },
  'claims/baseline.baselineJson': { args: () => [REPORT()], check: report(0) },
  'claims/baseline.writeBaseline': { args: () => [REPORT(), tmpPath()], check: [...report(0), pathArg('path', 1, REPO_DEFAULT)] },
  'claims/baseline.readBaseline': { args: () => [BASELINE_FILE], check: [pathArg('path', 0, { optional: true })] },
};
