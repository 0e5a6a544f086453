/**
 * report/index.html in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
 * the page opens, shows every claim row and every figure, its filters work, and nothing is logged
 * to the console as an error.
 *
 * Which page: REPORT_JSON (+ REPORT_HTML) when set — `npm run test:browser` sets them to a full
 * quick-budget run; otherwise this test makes a small real report itself (the saddle and
 * conjectures families at the quick budget: figure reproductions, bound slack plots, scaling fits
 * and worst-case searches all occur there). Without Chromium it skips at once, saying so; `npm run
 * setup:browser` (and CI's .ci/run) installs Debian's chromium with apt-get; npm test installs nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetImproved } from '../src/claims/html.ts';
import type { Report } from '../src/claims/report.ts';
import { loadAllWorst } from '../src/claims/worst.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`test/report-browser.test.ts SKIPPED (the report page in headless Chromium): ${CHROMIUM} is not installed; npm run setup:browser installs Debian's chromium`);
}

function makeReport(): { json: string; html: string } {
  if (process.env.REPORT_JSON) {
    const json = resolve(process.env.REPORT_JSON);
    return { json, html: resolve(process.env.REPORT_HTML ?? join(json, '..', 'index.html')) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gd-report-'));
  const json = join(dir, 'claims.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', '--budget', 'quick', '--filter', 'saddle,conjectures', '--out', json],
    { encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`gd-theory check exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { json, html: join(dir, 'index.html') };
}

describe.skipIf(!haveChromium)('report/index.html in headless Chromium', () => {
  let ctx: BrowserContext;
  let page: Page;
  let report: Report;
  const problems: string[] = [];

  beforeAll(async () => {
    const { json, html } = makeReport();
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'gd-chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1300, height: 900 },
    });
    page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  }, 300_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('opens with the report title and no console errors', async () => {
    expect(await page.title()).toContain(`gd-theory report — ${report.budget}`);
    expect(problems).toEqual([]);
  });

  it('shows every claim row', async () => {
    const rows = page.locator('#claims tbody tr');
    expect(await rows.count()).toBe(report.claims.length);
    const ids = await rows.evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement).offsetParent !== null).map((tr) => tr.id));
    expect(ids).toEqual(report.claims.map((c) => `claim-${c.id}`));
    await expect.poll(() => page.locator('#f-count').textContent()).toBe(`${report.claims.length} of ${report.claims.length} claims`);
  });

  it('shows every figure reproduction, bound slack plot, scaling fit and worst-case comparison', async () => {
    const expected = [
      ...(report.figures ?? []).map((f) => f.id),
      ...report.claims.filter((c) => c.kind === 'bound' && (c.slacks?.length ?? 0) > 0).map((c) => `slack:${c.id}`),
      ...report.claims.filter((c) => c.kind === 'scaling' && c.fit).map((c) => `fit:${c.id}`),
      ...loadAllWorst().filter((w) => report.claims.some((c) => c.id === w.id) && targetImproved(w)).map((w) => `target:${w.id}`),
    ];
    expect((report.figures ?? []).length, 'the report has figure reproductions').toBeGreaterThan(0);
    const shown = await page.locator('figure[data-figure]').evaluateAll((els) => els.map((el) => {
      // The plot is the largest svg (a legend adds small swatch svgs).
      const svgs = Array.from(el.querySelectorAll('svg')).map((svg) => ({ svg, box: svg.getBoundingClientRect() }));
      const big = svgs.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
      return { id: el.getAttribute('data-figure'), ok: Boolean(big && big.box.width > 100 && big.box.height > 100 && big.svg.querySelectorAll('path, circle, line').length > 0) };
    }));
    const ok = new Set(shown.filter((s) => s.ok).map((s) => s.id));
    expect(expected.filter((id) => !ok.has(id)), 'figures missing or empty').toEqual([]);
    for (const f of report.figures ?? []) {
      await expect.poll(() => page.locator(`figure[data-figure="${f.id}"] figcaption`).textContent()).toContain(f.source);
    }
  });

  it('filters rows by family, kind and verdict', async () => {
    const fam = report.claims[0].family;
    await page.selectOption('#f-family', fam);
    const visible = () => page.locator('#claims tbody tr:not([hidden])').count();
    expect(await visible()).toBe(report.claims.filter((c) => c.family === fam).length);
    await page.selectOption('#f-kind', 'bound');
    expect(await visible()).toBe(report.claims.filter((c) => c.family === fam && c.kind === 'bound').length);
    await page.selectOption('#f-family', '');
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-verdict', 'holds');
    expect(await visible()).toBe(report.claims.filter((c) => c.verdict === 'holds').length);
    await page.selectOption('#f-verdict', '');
    expect(await visible()).toBe(report.claims.length);
    expect(problems).toEqual([]);
  });
});
