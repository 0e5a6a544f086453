/** The report page (rendered in Node, checked as text), `gd-theory new`, and CLI input errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esc, renderHtml, targetImproved } from '../src/claims/html.ts';
import type { Report } from '../src/claims/report.ts';
import { FileExistsError, TEMPLATE_PATH, TemplateError, UsageError, parseNewTarget, scaffold, scaffoldText } from '../src/claims/scaffold.ts';
import type { ClaimResult } from '../src/claims/types.ts';
import type { WorstFixture } from '../src/claims/worst.ts';
import { caseCommand, htmlPathFor, newCommand, readReport, reportCommand } from '../src/commands.ts';
import { ReportFormatError } from '../src/claims/diff.ts';
import fc from 'fast-check';
import { claim, verdict } from '../src/claims/claim.ts';
import { familyOf } from '../src/claims/registry.ts';
import { errataRows } from '../src/errata/ledger.ts';
import { expectTyped } from './helpers.ts';

const sizes = { runs: 5 };
/** n/(n+1) < 1: slack n/(n+1). */
const ratio = claim({
  id: 'test.ratio', source: 'test', statement: 'n/(n+1) ≤ 1', kind: 'bound',
  budget: { quick: sizes, default: sizes, deep: sizes },
  arbitrary: () => fc.record({ n: fc.integer({ min: 1, max: 9 }) }),
  check: ({ n }) => verdict.atMost(n / (n + 1), 1),
  negativeControl: { describe: 'n ≤ 0', arbitrary: () => fc.integer({ min: 1, max: 9 }), check: (n) => verdict.atMost(n, 0) },
});

const result = (over: Partial<ClaimResult>): ClaimResult => ({
  id: 'a.b', family: 'fam', source: 'src <i>', kind: 'bound', verdict: 'holds', runs: 3, worstSlack: 0.5, medianSlack: 0.4,
  control: 'caught', replay: '12', ms: 1, statement: 'x < y & z', slacks: [0.4, 0.5, 0.1], ...over,
});

const report: Report = {
  version: 1, budget: 'quick', seed: 42,
  claims: [
    result({}),
    result({ id: 'a.fails', verdict: 'fails', kind: 'exact', family: 'other', slacks: [2] }),
    result({
      id: 'a.scale', kind: 'scaling', slacks: [0.2],
      fit: { xs: [10, 100, 1000], ys: [1, 0.3, 0.1], slope: -0.5, intercept: 0, lo: -0.6, hi: -0.4, claimed: -0.5, log: true },
    }),
  ],
  figures: [{
    id: 'paper.fig1', source: 'Paper, Figure 1', caption: 'loss vs step', xLabel: 'step', yLabel: 'loss', yLog: true, claimId: 'a.b',
    series: [{ name: 'GD', x: [0, 1, 2], y: [1, 0.1, 0] }, { name: 'flow', x: [0, 1, 2], y: [1, 0.2, 0.04] }],
  }],
};

const worst: WorstFixture = {
  id: 'a.b', family: 'fam', kind: 'bound', source: 's', statement: 'x < y & z', budget: 'quick', seed: 42, evals: 3, case: { n: 1 },
  targeted: { case: { n: 1 }, verdict: { holds: true, lhs: 0.9, rhs: 1 }, slack: 0.9 },
  random: { case: { n: 2 }, verdict: { holds: true, lhs: 0.5, rhs: 1 }, slack: 0.5 },
  traceTargeted: [0.1, 0.5, 0.9], traceRandom: [-Infinity, 0.5, 0.5],
};

describe('report/index.html', () => {
  const html = renderHtml(report, { worst: [worst] });
  it('has one row per claim with filter attributes and the replay command, escaped', () => {
    expect(html.match(/<tr id="claim-/g)).toHaveLength(3);
    expect(html).toContain('data-family="other" data-kind="exact" data-verdict="fails"');
    expect(html).toContain('--filter &#39;=a.fails&#39; --budget quick --replay 12');
    expect(html).toContain('x &lt; y &amp; z');
    expect(html).not.toContain('src <i>');
  });
  it('draws the figure (log axis: the zero is dropped and said so), slack plots, the fit and the search', () => {
    expect(html).toContain('data-figure="paper.fig1"');
    expect(html).toContain('Paper, Figure 1');
    expect(html).toMatch(/1 non-positive or non-finite points omitted on the log axis/);
    expect(html).toContain('data-figure="slack:a.b"');
    expect(html).not.toContain('data-figure="slack:a.fails"'); // exact, not bound
    expect(html).toContain('data-figure="fit:a.scale"');
    expect(html).toContain('data-figure="target:a.b"');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script[^>]+src=/); // static: no external script
  });
  it('targetImproved compares with plain sampling', () => {
    expect(targetImproved(worst)).toBe(true);
    expect(targetImproved({ ...worst, targeted: { ...worst.targeted, slack: 0.5 } })).toBe(false);
  });
  it('escapes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('report/index.html: the errata section', () => {
  const base = { source: '002 thesis ch. 2', location: 'Lemma 2.2 proof', printed: 'δ < 1 & R', corrected: '1 − 4δ' };
  const errata = errataRows([
    { ...base, id: '002a.E4', catalog: '002a', status: 'falsified', claim: 'a.fals' },
    { ...base, id: '002a.E5', catalog: '002a', status: 'refuted-by-control', claim: 'a.b' },
    { ...base, id: '002a.E6', catalog: '002a', status: 'falsified', claim: 'a.broken' },
    { ...base, id: '002e.E1', catalog: '002e', source: '002 thesis ch. 7', status: 'notation', why: 'W₁ for W₂ <sub>' },
  ], [
    ...report.claims,
    result({
      id: 'a.fals', kind: 'falsified', verdict: 'falsified-as-expected', control: 'caught', controlDetail: 'corrected: lhs 1.00e-6 vs rhs 1.00e-6',
      counterexample: { case: { n: 2, delta: 1e-6 }, verdict: { holds: false, lhs: 1.6e-5, rhs: 1e-6, detail: 'n=2 δ=1e-6' } },
    }),
    result({ id: 'a.broken', kind: 'falsified', verdict: 'fails', control: 'none', message: 'no counterexample to the printed statement in 5 runs' }),
  ]);
  const html = renderHtml({ ...report, errata });
  const rowOf = (id: string) => html.match(new RegExp(`<tr id="erratum-${id.replace('.', '\\.')}"[^]*?</tr>`))?.[0] ?? '';
  it('one table per source, with the count per status per source and a nav link', () => {
    expect(html).toContain('<section id="errata">');
    expect(html).toContain('<a href="#errata">errata</a>');
    expect(html).toContain('<table class="errata" data-catalog="002a">');
    expect(html).toContain('<table class="errata" data-catalog="002e">');
    expect(html).toContain('002e — 002 thesis ch. 7');
    expect(html.match(/<tr id="erratum-/g)).toHaveLength(4);
    const counts = html.match(/<table class="errata-counts">[^]*?<\/table>/)?.[0] ?? '';
    expect(counts).toMatch(/002a<\/a> 002 thesis ch\. 2<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">3<\/td>/);
  });
  it('a falsified entry shows its status, the counterexample case and numbers, and the corrected statement\'s verdict on it', () => {
    const r = rowOf('002a.E4');
    expect(r).toContain('status-falsified');
    expect(r).toContain('href="#claim-a.fals"');
    expect(r).toContain('<span class="verdict-falsified-as-expected">falsified-as-expected</span>');
    expect(r).toContain('<code>{&quot;n&quot;:2,&quot;delta&quot;:0.000001}</code>');
    expect(r).toContain('printed: lhs 1.60e-5 vs rhs 1.00e-6');
    expect(r).toContain('<b class="verdict-holds">holds</b> <span class="note">corrected: lhs 1.00e-6 vs rhs 1.00e-6</span>');
    expect(r).not.toContain('class="erratum bad"');
  });
  it('marks an entry whose claim no longer shows it, escapes the text, and leaves the page without a section when there is no ledger', () => {
    expect(rowOf('002a.E6')).toContain('class="erratum bad"');
    expect(rowOf('002a.E5')).toContain('control caught');
    expect(rowOf('002e.E1')).toContain('W₁ for W₂ &lt;sub&gt;');
    expect(rowOf('002a.E4')).toContain('δ &lt; 1 &amp; R');
    expect(renderHtml(report)).not.toContain('id="errata"');
  });
});

describe('gd-theory report / check --case', () => {
  it('re-renders the page from a saved report, and rejects a file that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-html-'));
    writeFileSync(join(dir, 'claims.json'), JSON.stringify(report));
    expect(await reportCommand([join(dir, 'claims.json')])).toBe(0);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('data-figure="paper.fig1"');
    expect(htmlPathFor('r/claims.json')).toBe(join('r', 'index.html'));
    expect(htmlPathFor('r/claims.json', 'none')).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '{"version":1}');
    expect(() => readReport(join(dir, 'bad.json'))).toThrow(ReportFormatError);
    await expect(reportCommand(['--bogus'])).rejects.toThrow(UsageError);
  });
  it('runs one claim on a saved case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-case-'));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify({ case: { n: 3 }, budget: 'quick' }));
    const lines: string[] = [];
    expect(caseCommand([ratio], file, 'quick', (s) => lines.push(s))).toBe(0);
    expect(lines[0]).toBe('test.ratio on {"n":3} (budget quick): holds; lhs 0.750, rhs 1.00, slack 0.750');
    expect(() => caseCommand([], file, 'quick', () => {})).toThrow(UsageError);
    expectTyped(() => caseCommand([ratio], join(dir, 'none.json'), 'quick', () => {}), UsageError, '--case');
  });
});

describe('gd-theory new', () => {
  const template = readFileSync(TEMPLATE_PATH, 'utf8');
  it('parses <family>/<name> and rejects anything else with a typed error', () => {
    expect(parseNewTarget('two-layer/drift-sqrt-n', 'p')).toEqual({
      family: 'two-layer', name: 'drift-sqrt-n', id: 'two-layer.drift-sqrt-n', exportName: 'driftSqrtN', path: join('p', 'two-layer', 'drift-sqrt-n.property.ts'),
    });
    for (const bad of [undefined, 'x', 'a/b/c', 'A/b', 'a/b_c', 'a/-b', 'conjectures/template', '../x/y']) {
      expect(() => parseNewTarget(bad)).toThrow(UsageError);
    }
  });
  it('rewrites the id, source, export and header of the template (the family is the folder it is written to)', () => {
    const t = parseNewTarget('my-family/sharper-bound', 'p');
    const s = scaffoldText(template, t);
    expect(s).toContain("id: 'my-family.sharper-bound',");
    expect(s).toContain('export const sharperBound = claim(');
    // The new shape: a property file only exports its claims — no family field, no registration call.
    expect(s).not.toMatch(/^\s*family:/m);
    expect(s).not.toMatch(/verify\(|registry\.ts/);
    expect(familyOf(t.path)).toBe('my-family');
    expect(s).toContain("source: 'conjecture — TODO");
    expect(s).toMatch(/^\/\*\*\n \* my-family\/sharper-bound — a conjecture/);
    expect(s).not.toContain('conjectures.template.grad-bound-init');
    expect(s).not.toContain('gradientBoundAtInit');
    expect(() => scaffoldText('no template here', t)).toThrow(TemplateError);
  });
  it('writes the file once; --force overwrites', () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-new-'));
    const t = scaffold('conjectures/x-1', { root });
    expect(readFileSync(t.path, 'utf8')).toContain("id: 'conjectures.x-1',");
    expect(() => scaffold('conjectures/x-1', { root })).toThrow(FileExistsError);
    expect(scaffold('conjectures/x-1', { root, force: true }).path).toBe(t.path);
    expect(() => newCommand(['a/b', 'c/d'])).toThrow(UsageError);
    expectTyped(() => newCommand(['--bogus']), UsageError, '--bogus');
  });
});
