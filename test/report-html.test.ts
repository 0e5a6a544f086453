/** The report page's summary, figure gallery, copy buttons and compact plots (rendered in Node, checked as text). */
import { describe, expect, it } from 'vitest';
import { renderHtml, slackHistogram, slackSvg, sourceOfClaim, thinSeries, traceSvg, type Row } from '../src/claims/html.ts';
import type { Report } from '../src/claims/report.ts';
import type { ClaimResult } from '../src/claims/types.ts';
import type { ErratumRow } from '../src/errata/ledger.ts';

const result = (over: Partial<ClaimResult>): ClaimResult => ({
  id: 'thesis.ch2.a', family: 'two-layer', source: 's', kind: 'bound', verdict: 'holds', runs: 3, worstSlack: 0.5, medianSlack: 0.4,
  control: 'caught', replay: '12', ms: 1, statement: 'st', slacks: [0.4, 0.5, 0.1], ...over,
});

const erratum = (over: Partial<ErratumRow>): ErratumRow => ({
  id: '002a.E1', catalog: '002a', source: '002 thesis ch. 2', location: 'l', printed: 'p', corrected: 'c', status: 'notation',
  claim: null, alsoClaims: [], why: 'w', result: null, ...over,
} as ErratumRow);

const report: Report = {
  version: 1, budget: 'quick', seed: 42,
  claims: [
    result({}),
    result({ id: 'thesis.ch2.b', worstSlack: 0.95 }),
    result({ id: 'thesis.ch2.c', kind: 'falsified', verdict: 'falsified-as-expected', worstSlack: 40 }),
    result({ id: 'thesis.ch7.d', family: 'saddle', verdict: 'fails', worstSlack: 1.5 }),
  ],
  figures: [{
    id: 'paper.fig1', source: 'Paper, Figure 1', caption: 'c', xLabel: 'x', yLabel: 'y', claimId: 'thesis.ch2.a',
    series: [{ name: 'GD', x: Array.from({ length: 5000 }, (_, i) => i), y: Array.from({ length: 5000 }, (_, i) => Math.sin(i / 50) + (i === 2345 ? 9 : 0)) }],
  }],
  errata: [erratum({}), erratum({ id: '002a.E2', status: 'falsified', claim: 'thesis.ch2.c' }), erratum({ id: '002e.E1', catalog: '002e', source: '002 thesis ch. 7' })],
};

describe('the report summary', () => {
  const html = renderHtml(report);
  it('comes before the claims table, with one row per family and per source', () => {
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="claims"'));
    expect(html.match(/data-summary-family=/g)).toHaveLength(2);
    expect(html.match(/data-summary-source=/g)).toHaveLength(2);
  });
  it('counts claims, holding, falsified claims and errata per source', () => {
    const row = html.match(/<tr data-summary-source="002 thesis ch. 2">(.*?)<\/tr>/)?.[1] ?? '';
    const nums = [...row.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(nums).toEqual([3, 3, 1, 2, 1]); // claims, as expected, falsified claims, errata, errata falsified
    const saddle = html.match(/<tr data-summary-family="saddle">(.*?)<\/tr>/)?.[1] ?? '';
    expect(saddle).toContain('verdict-fails');
  });
  it('bins worst slacks, leaving falsified claims out, with > 1 in the last bin', () => {
    expect(slackHistogram([0.1, 0.3, 0.95, 1, 1.5])).toEqual([1, 1, 0, 0, 2, 1]);
    const row = html.match(/<tr data-summary-family="two-layer">(.*?)<\/tr>/)?.[1] ?? '';
    expect(row).toContain('0 · 1 · 0 · 0 · 1 · 0'); // 0.5 and 0.95; the falsified 40 is left out
  });
  it('names a claim\'s source as the errata ledger does', () => {
    expect(sourceOfClaim('thesis.ch7.lemma7.2')).toBe('002 thesis ch. 7');
    expect(sourceOfClaim('thesis.fig4.1a')).toBe('002 thesis ch. 4');
    expect(sourceOfClaim('core.kernels.x')).toBe('core');
  });
});

describe('the figure gallery and the claims table', () => {
  const html = renderHtml(report);
  it('shows each figure once, in the gallery before the table, linked from its family', () => {
    expect(html.match(/data-figure="paper.fig1"/g)).toHaveLength(1);
    expect(html.indexOf('id="gallery"')).toBeLessThan(html.indexOf('id="claims"'));
    expect(html).toContain('href="#figure-paper.fig1"');
  });
  it('gives each claim a copy button holding its replay command instead of a wrapped column', () => {
    expect(html.match(/<button class="copy"/g)).toHaveLength(report.claims.length);
    expect(html).toContain('title="npm run check -- --filter &#39;=thesis.ch2.a&#39; --budget quick --replay 12"');
  });
});

describe('compact plots', () => {
  it('thins a long series to at most the cap, keeping the ends and the extremes', () => {
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ x: i, y: i === 2345 ? 9 : Math.sin(i / 50), series: 's' }));
    const thin = thinSeries(rows, 200);
    expect(thin.length).toBeLessThanOrEqual(200 + 2);
    expect(thin[0]).toBe(rows[0]);
    expect(thin[thin.length - 1]).toBe(rows[4999]);
    expect(thin.some((p) => p.y === 9)).toBe(true);
    expect(thin.map((p) => p.x)).toEqual([...thin.map((p) => p.x)].sort((a, b) => a - b));
    expect(thinSeries(rows.slice(0, 10), 200)).toHaveLength(10);
  });
  it('draws a slack plot with the failing line and one dot per run in a few hundred bytes per run at most', () => {
    const svg = slackSvg(result({ slacks: [0.2, 0.5, 1.3] }));
    expect(svg.match(/M[\d.]+ [\d.]+h0/g)).toHaveLength(3);
    expect(svg).toContain('stroke="#c0392b" stroke-dasharray');
    expect(svg.length).toBeLessThan(2500);
  });
  it('draws both search traces as step paths', () => {
    const svg = traceSvg({
      id: 'a', family: 'f', kind: 'bound', source: 's', statement: 's', budget: 'quick', seed: 1, evals: 3, case: {},
      targeted: { case: {}, verdict: { holds: true, lhs: 0.9, rhs: 1 }, slack: 0.9 },
      random: { case: {}, verdict: { holds: true, lhs: 0.5, rhs: 1 }, slack: 0.5 },
      traceTargeted: [0.1, 0.5, 0.9], traceRandom: [-Infinity, 0.5, 0.5],
    });
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg).toContain('targeted (hill-climb)');
  });
});
