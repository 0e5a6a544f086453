/**
 * report/index.html: one static page (no server, no network) with the claims table (filters by
 * family, kind and verdict; worst and median slack; the replay command of every claim) and, per
 * family, the figure reproductions, a slack plot for every `bound` claim, the fitted line of every
 * `scaling` claim that exposes its fit, and the worst-case search comparisons saved under
 * fixtures/worst/, and the errata ledger per source (status, the counterexample case and its
 * numbers, the corrected statement's verdict on it). Plots are SVG rendered in Node by Observable
 * Plot on a linkedom document.
 */
import { writeFileAtomic } from './io.ts';
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { slackText, isGreen, type Report } from './report.ts';
import { replayCommand } from './runner.ts';
import type { ClaimResult, FitData, Figure } from './types.ts';
import type { ErratumRow } from '../errata/ledger.ts';
import { ERRATUM_STATUSES } from '../errata/types.ts';
import type { WorstFixture } from './worst.ts';

const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
const doc = document as unknown as Document;

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface Row { x: number; y: number; series: string }

type Marks = NonNullable<Plot.PlotOptions['marks']>;

function render(options: Plot.PlotOptions): string {
  const el = Plot.plot({ document: doc, style: { background: 'white', overflow: 'visible' }, ...options });
  return (el as unknown as { outerHTML: string }).outerHTML;
}

/** Points usable on the axes (finite, and > 0 on a log axis). */
function usable(p: Row, xLog?: boolean, yLog?: boolean): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y) && (!xLog || p.x > 0) && (!yLog || p.y > 0);
}

export function figureSvg(f: Figure, width = 620, height = 340): { svg: string; dropped: number } {
  const all: Row[] = f.series.flatMap((s) => s.x.map((x, i) => ({ x, y: s.y[i], series: s.name })));
  const rows = all.filter((p) => usable(p, f.xLog, f.yLog));
  const many = f.series.length > 1;
  const marks: Marks = [Plot.line(rows, { x: 'x', y: 'y', stroke: 'series', curve: 'linear' })];
  if (rows.length <= 400) marks.push(Plot.dot(rows, { x: 'x', y: 'y', stroke: 'series', r: 1.6 }));
  const svg = render({
    width, height, marginLeft: 60, grid: true,
    x: f.xLog ? { type: 'log', label: f.xLabel, tickFormat: '~e' } : { label: f.xLabel },
    y: f.yLog ? { type: 'log', label: f.yLabel, tickFormat: '~e' } : { label: f.yLabel },
    color: { legend: many, type: 'categorical', domain: f.series.map((x) => x.name) },
    marks,
  });
  return { svg, dropped: all.length - rows.length };
}

/** Per-run slacks of a bound claim, with the failing line at 1 and the median. */
export function slackSvg(r: ClaimResult, width = 420, height = 200): string {
  const s = r.slacks ?? [];
  const rows = s.map((y, i) => ({ run: i + 1, slack: y }));
  const top = Math.max(1.05, ...s);
  const lo = Math.min(0, ...s);
  const marks: Marks = [
    Plot.ruleY([1], { stroke: '#c0392b', strokeDasharray: '4,3' }),
    Plot.dot(rows, { x: 'run', y: 'slack', fill: (d: { slack: number }) => (d.slack > 1 ? 'fails' : 'holds'), r: 2.5 }),
  ];
  if (r.medianSlack !== null) marks.push(Plot.ruleY([r.medianSlack], { stroke: '#888', strokeOpacity: 0.7 }));
  return render({
    width, height, marginLeft: 50, grid: true,
    x: { label: 'run', domain: [0, Math.max(1, s.length) + 1] },
    y: { label: 'observed / bound', domain: [lo, top] },
    color: { domain: ['holds', 'fails'], range: ['#2c7fb8', '#c0392b'] },
    marks,
  });
}

/** The fitted line of a scaling claim, with the band of slopes [lo, hi] pivoting at the centroid. */
export function fitSvg(fit: FitData, width = 420, height = 240): string {
  const tx = (x: number) => (fit.log ? Math.log(x) : x);
  const inv = (y: number) => (fit.log ? Math.exp(y) : y);
  const pts = fit.xs.map((x, i) => ({ x, y: fit.ys[i] })).filter((p) => usable({ ...p, series: '' }, fit.log, fit.log));
  const lx = pts.map((p) => tx(p.x));
  const cx = lx.reduce((a, b) => a + b, 0) / Math.max(1, lx.length);
  const cy = fit.intercept + fit.slope * cx;
  const x0 = Math.min(...lx), x1 = Math.max(...lx);
  const grid: { x: number; y: number; ylo: number; yhi: number; claimed: number }[] = [];
  for (let k = 0; k <= 40; k++) {
    const u = x0 + ((x1 - x0) * k) / 40;
    const a = cy + fit.lo * (u - cx), b = cy + fit.hi * (u - cx);
    grid.push({
      x: inv(u), y: inv(fit.intercept + fit.slope * u), ylo: inv(Math.min(a, b)), yhi: inv(Math.max(a, b)),
      claimed: inv(cy + (fit.claimed ?? fit.slope) * (u - cx)),
    });
  }
  const marks: Marks = [
    Plot.areaY(grid, { x: 'x', y1: 'ylo', y2: 'yhi', fill: '#2c7fb8', fillOpacity: 0.18 }),
    Plot.line(grid, { x: 'x', y: 'y', stroke: '#2c7fb8' }),
  ];
  if (fit.claimed !== undefined) marks.push(Plot.line(grid, { x: 'x', y: 'claimed', stroke: '#c0392b', strokeDasharray: '5,4' }));
  marks.push(Plot.dot(pts, { x: 'x', y: 'y', fill: 'black', r: 2.5 }));
  return render({
    width, height, marginLeft: 60, grid: true,
    x: { type: fit.log ? 'log' : 'linear', label: fit.xLabel ?? 'x' },
    y: { type: fit.log ? 'log' : 'linear', label: fit.yLabel ?? 'y' },
    marks,
  });
}

/** Best slack so far against check evaluations: targeted search vs plain sampling. */
export function traceSvg(w: WorstFixture, width = 460, height = 240): string {
  const rows: Row[] = [
    ...w.traceRandom.map((y, i) => ({ x: i + 1, y, series: 'plain sampling' })),
    ...w.traceTargeted.map((y, i) => ({ x: i + 1, y, series: 'targeted (hill-climb)' })),
  ].filter((p) => Number.isFinite(p.y));
  return render({
    width, height, marginLeft: 55, grid: true,
    x: { label: 'check evaluations' },
    y: { label: 'worst slack so far' },
    color: { legend: true, domain: ['plain sampling', 'targeted (hill-climb)'], range: ['#999999', '#d95f02'] },
    marks: [Plot.line(rows, { x: 'x', y: 'y', stroke: 'series', curve: 'step-after', strokeWidth: 2 })],
  });
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1280px;padding:1rem 1.5rem;color:#222}
h1{font-size:1.5rem;margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #ddd}h3{margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#fafafa}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.bad td{background:#fdecea}td:first-child{white-space:nowrap}td:last-child{max-width:300px}code{font-size:11.5px;word-break:break-all}.verdict-holds,.verdict-falsified-as-expected{color:#1a7f37}
.verdict-fails,.verdict-error{color:#c0392b;font-weight:600}.filters{display:flex;gap:1rem;flex-wrap:wrap;margin:.6rem 0;align-items:center}
.grid{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0;flex:0 0 auto;border:1px solid #e5e5e5;border-radius:6px;padding:.5rem;background:#fff}
figcaption{font-size:12px;color:#444}figcaption b{color:#222}.note{color:#666;font-size:12px}
.summary span{margin-right:1.2rem}nav a{margin-right:1rem}
.status{white-space:nowrap;font-weight:600}.status-falsified{color:#8e44ad}.status-refuted-by-control{color:#d35400}
.status-corrected-in{color:#2c7fb8}.status-notation,.status-not-an-error{color:#666}
`;

const SCRIPT = `
(function(){
  var sel = function(id){ return document.getElementById(id); };
  var rows = Array.prototype.slice.call(document.querySelectorAll('#claims tbody tr'));
  function apply(){
    var f = sel('f-family').value, k = sel('f-kind').value, v = sel('f-verdict').value, q = sel('f-text').value.toLowerCase();
    var shown = 0;
    rows.forEach(function(r){
      var ok = (!f || r.dataset.family === f) && (!k || r.dataset.kind === k) && (!v || r.dataset.verdict === v)
        && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok; if (ok) shown++;
    });
    sel('f-count').textContent = shown + ' of ' + rows.length + ' claims';
  }
  ['f-family','f-kind','f-verdict','f-text'].forEach(function(id){ sel(id).addEventListener('input', apply); });
  apply();
})();
`;

function options(values: string[], all: string): string {
  return [`<option value="">${esc(all)}</option>`, ...[...new Set(values)].sort().map((v) => `<option value="${esc(v)}">${esc(v)}</option>`)].join('');
}

/** The control's catching rate under its verdict: on how many of its cases it was caught. */
function controlRateNote(r: ClaimResult): string {
  if (r.controlRate === null || r.controlRate === undefined || !r.controlCases) return '';
  const k = Math.round(r.controlRate * r.controlCases);
  return `<div class="note${r.controlRate < 1 ? ' weak' : ''}">${k}/${r.controlCases} cases</div>`;
}

function claimRow(r: ClaimResult, budget: Report['budget']): string {
  const green = isGreen(r);
  return `<tr id="claim-${esc(r.id)}" class="claim${green ? '' : ' bad'}" data-family="${esc(r.family)}" data-kind="${esc(r.kind)}" data-verdict="${esc(r.verdict)}">`
    + `<td><code>${esc(r.id)}</code></td><td>${esc(r.family)}</td><td>${esc(r.kind)}</td>`
    + `<td class="verdict-${esc(r.verdict)}">${esc(r.verdict)}</td><td>${esc(r.control)}${controlRateNote(r)}</td><td class="num">${r.runs}</td>`
    + `<td class="num">${esc(slackText(r.worstSlack))}</td><td class="num">${esc(slackText(r.medianSlack))}</td>`
    + `<td>${esc(r.statement)}<div class="note">${esc(r.source)}</div></td>`
    + `<td><code>${esc(replayCommand(r, budget))}</code></td></tr>`;
}

function figureBlock(f: Figure): string {
  const { svg, dropped } = figureSvg(f, 590, 330);
  const supports = f.claimId ? ` Supports <a href="#claim-${esc(f.claimId)}"><code>${esc(f.claimId)}</code></a>.` : '';
  const note = dropped ? ` <span class="note">(${dropped} non-positive or non-finite points omitted on the log axis)</span>` : '';
  return `<figure class="repro" style="width:590px" data-figure="${esc(f.id)}">${svg}<figcaption><b>${esc(f.source)}</b> — ${esc(f.caption)}.${supports}${note}</figcaption></figure>`;
}

function slackBlock(r: ClaimResult): string {
  const n = r.slacks?.length ?? 0;
  return `<figure class="slack" style="width:420px" data-figure="slack:${esc(r.id)}">${slackSvg(r)}<figcaption><b>Slack of <a href="#claim-${esc(r.id)}"><code>${esc(r.id)}</code></a></b> (${esc(r.source)}): observed/bound over ${n} runs; dashed red line = failing (1), grey = median ${esc(slackText(r.medianSlack))}, worst ${esc(slackText(r.worstSlack))}.</figcaption></figure>`;
}

function fitBlock(r: ClaimResult, fit: FitData): string {
  const claimed = fit.claimed !== undefined ? `; claimed ${fit.claimed.toPrecision(4)} (dashed red)` : '';
  return `<figure class="fit" style="width:420px" data-figure="fit:${esc(r.id)}">${fitSvg(fit)}<figcaption><b>Fit of <a href="#claim-${esc(r.id)}"><code>${esc(r.id)}</code></a></b> (worst case): slope ${fit.slope.toPrecision(4)}, interval [${fit.lo.toPrecision(4)}, ${fit.hi.toPrecision(4)}] (shaded)${claimed}${fit.log ? '; log-log axes' : ''}.</figcaption></figure>`;
}

function worstBlock(w: WorstFixture): string {
  const gain = w.random.slack > 0 ? ` (${(w.targeted.slack / w.random.slack).toFixed(2)}×)` : '';
  return `<figure class="target" style="width:460px" data-figure="target:${esc(w.id)}">${traceSvg(w)}<figcaption><b>Worst-case search on <a href="#claim-${esc(w.id)}"><code>${esc(w.id)}</code></a></b>: ${w.evals} check evaluations each, budget ${esc(w.budget)}, seed ${w.seed}. Targeted worst slack ${esc(slackText(w.targeted.slack))} vs plain sampling ${esc(slackText(w.random.slack))}${gain}. Worst case: <code>${esc(JSON.stringify(w.targeted.case))}</code>${w.targeted.verdict.detail ? ` — ${esc(w.targeted.verdict.detail)}` : ''}.</figcaption></figure>`;
}

/** Did the targeted search find a strictly larger slack than plain sampling with the same checks? */
export function targetImproved(w: WorstFixture): boolean {
  return Number.isFinite(w.targeted.slack) && w.targeted.slack > w.random.slack * (1 + 1e-9) + 1e-12;
}

function worstTable(ws: WorstFixture[]): string {
  const rows = ws.map((w) => {
    const ratio = w.random.slack > 0 && Number.isFinite(w.targeted.slack) ? (w.targeted.slack / w.random.slack).toFixed(2) : '—';
    return `<tr data-target="${esc(w.id)}"><td><code>${esc(w.id)}</code></td><td>${esc(w.kind)}</td><td class="num">${w.evals}</td><td class="num">${esc(slackText(w.targeted.slack))}</td><td class="num">${esc(slackText(w.random.slack))}</td><td class="num">${ratio}</td><td><code>npm run check -- --filter '=${esc(w.id)}' --case ${esc(`fixtures/worst/${w.id}.json`)}</code></td></tr>`;
  });
  return `<table class="targets"><thead><tr><th>claim</th><th>kind</th><th>checks</th><th>targeted worst slack</th><th>plain sampling</th><th>ratio</th><th>replay the worst case</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** What a ledger entry's claim must say for the entry to stand: a falsified print is refuted, anything else holds. */
function erratumOk(e: ErratumRow): boolean {
  if (!e.result) return true;
  return e.result.verdict === (e.status === 'falsified' ? 'falsified-as-expected' : 'holds') && e.result.control === 'caught';
}

function numbers(v: { lhs: number; rhs: number; detail?: string }): string {
  return `lhs ${esc(slackText(v.lhs))} vs rhs ${esc(slackText(v.rhs))}${v.detail ? ` <span class="note">(${esc(v.detail)})</span>` : ''}`;
}

function erratumRow(e: ErratumRow): string {
  const r = e.result;
  const claimCell = e.claim ? `<a href="#claim-${esc(e.claim)}"><code>${esc(e.claim)}</code></a>` : '—';
  const run = !e.claim ? '' : !r ? '<span class="note">not run</span>' : `<span class="verdict-${esc(r.verdict)}">${esc(r.verdict)}</span>`;
  // For a falsified entry the counterexample is the printed statement's failure, and the run's
  // "control" is the corrected statement checked on that same case.
  const cx = r?.counterexample ? `<code>${esc(JSON.stringify(r.counterexample.case))}</code><div>printed: ${numbers(r.counterexample.verdict)}</div>` : '';
  const corr = !r ? '' : e.status === 'falsified'
    ? `<b class="verdict-${r.control === 'caught' ? 'holds' : 'fails'}">${r.control === 'caught' ? 'holds' : 'fails'}</b>${r.corrected ? ` <span class="note">${esc(r.corrected)}</span>` : ''}`
    // refuted-by-control: the control catching the print is the demonstration, so show it even bare.
    : `<span class="note">control ${esc(r.control)}${r.corrected ? `: ${esc(r.corrected)}` : ''}</span>`;
  return `<tr id="erratum-${esc(e.id)}" class="erratum${erratumOk(e) ? '' : ' bad'}" data-status="${esc(e.status)}">`
    + `<td><code>${esc(e.id)}</code></td><td>${esc(e.location)}</td><td class="status status-${esc(e.status)}">${esc(e.status)}</td>`
    + `<td>${esc(e.printed)}</td><td>${esc(e.corrected)}${e.why ? `<div class="note">${esc(e.why)}</div>` : ''}</td>`
    + `<td>${claimCell}<div>${run}</div></td><td>${cx}</td><td>${corr}</td></tr>`;
}

/** The errata section: counts per status per source, then one table per source. */
function errataSection(rows: ErratumRow[]): string {
  const catalogs = [...new Set(rows.map((e) => e.catalog))];
  const count = (cat: string | null, st: string) => rows.filter((e) => (cat === null || e.catalog === cat) && e.status === st).length;
  const head = `<tr><th>source</th>${ERRATUM_STATUSES.map((s) => `<th>${esc(s)}</th>`).join('')}<th>total</th></tr>`;
  const countRow = (cat: string | null, label: string) => `<tr><td>${label}</td>${ERRATUM_STATUSES.map((s) => `<td class="num">${count(cat, s)}</td>`).join('')}<td class="num">${rows.filter((e) => cat === null || e.catalog === cat).length}</td></tr>`;
  const parts = [
    '<section id="errata"><h2>Errata</h2>',
    '<p class="note">Every printed error of the sources and how the suite accounts for it: <b>falsified</b> — a falsified claim finds and shrinks a counterexample to the print and checks the corrected statement on it; <b>refuted-by-control</b> — a claim\'s negative control is the print; <b>corrected-in</b> — a claim asserts the corrected statement; <b>notation</b>, <b>not-an-error</b> — no numeric content.</p>',
    `<table class="errata-counts"><thead>${head}</thead><tbody>${catalogs.map((c) => countRow(c, `<a href="#errata-${esc(c)}">${esc(c)}</a> ${esc(rows.find((e) => e.catalog === c)?.source ?? '')}`)).join('')}${countRow(null, '<b>all</b>')}</tbody></table>`,
  ];
  for (const c of catalogs) {
    const mine = rows.filter((e) => e.catalog === c);
    parts.push(`<h3 id="errata-${esc(c)}">${esc(c)} — ${esc(mine[0].source)}</h3>`
      + `<table class="errata" data-catalog="${esc(c)}"><thead><tr><th>erratum</th><th>location</th><th>status</th><th>printed</th><th>holds instead</th><th>claim, verdict</th><th>counterexample</th><th>corrected statement on it</th></tr></thead>`
      + `<tbody>${mine.map(erratumRow).join('\n')}</tbody></table>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

export interface HtmlOptions {
  /** Saved worst-case searches (fixtures/worst/*.json) to show with their comparison curves. */
  worst?: WorstFixture[];
  /** Where the page came from (shown in the header). */
  jsonPath?: string;
}

export function renderHtml(rep: Report, opts: HtmlOptions = {}): string {
  const claims = rep.claims;
  const figures = rep.figures ?? [];
  const green = claims.filter(isGreen).length;
  const families = [...new Set([...claims.map((c) => c.family), ...figures.map((f) => claims.find((c) => c.id === f.claimId)?.family ?? 'other')])].sort();
  const familyOf = (id: string | undefined) => claims.find((c) => c.id === id)?.family ?? 'other';
  const worst = opts.worst ?? [];
  const errata = rep.errata ?? [];

  const sections: string[] = [];
  for (const fam of families) {
    const figs = figures.filter((f) => familyOf(f.claimId) === fam);
    const bounds = claims.filter((c) => c.family === fam && c.kind === 'bound' && (c.slacks?.length ?? 0) > 0);
    const fits = claims.filter((c) => c.family === fam && c.kind === 'scaling' && c.fit);
    const noFit = claims.filter((c) => c.family === fam && c.kind === 'scaling' && !c.fit);
    const targets = worst.filter((w) => (claims.find((c) => c.id === w.id)?.family ?? w.family) === fam);
    if (!figs.length && !bounds.length && !fits.length && !targets.length) continue;
    const parts = [`<section class="family" id="family-${esc(fam)}"><h2>${esc(fam)}</h2>`];
    if (figs.length) parts.push(`<h3>Figure reproductions</h3><div class="grid">${figs.map(figureBlock).join('')}</div>`);
    if (fits.length || noFit.length) {
      parts.push('<h3>Scaling fits</h3>');
      if (fits.length) parts.push(`<div class="grid">${fits.map((c) => fitBlock(c, c.fit as FitData)).join('')}</div>`);
      if (noFit.length) parts.push(`<p class="note">Scaling claims that do not expose their fit (Verdict.fit): ${noFit.map((c) => `<code>${esc(c.id)}</code>`).join(', ')}.</p>`);
    }
    if (bounds.length) parts.push(`<h3>Slack of the bounds</h3><div class="grid">${bounds.map(slackBlock).join('')}</div>`);
    if (targets.length) {
      const shown = targets.filter(targetImproved);
      parts.push(`<h3>Worst-case search (fixtures/worst)</h3>${worstTable(targets)}`);
      if (shown.length) parts.push(`<p class="note">Best slack so far against check evaluations, where the targeted search beat plain sampling:</p><div class="grid">${shown.map(worstBlock).join('')}</div>`);
    }
    parts.push('</section>');
    sections.push(parts.join('\n'));
  }

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>gd-theory report — ${esc(rep.budget)}, seed ${rep.seed}</title><style>${CSS}</style></head>
<body>
<header><h1>gd-theory report</h1>
<p class="summary"><span>budget <b>${esc(rep.budget)}</b></span><span>seed <b>${rep.seed}</b></span><span><b>${claims.length}</b> claims</span><span><b>${green}</b> as expected</span><span><b>${claims.length - green}</b> not</span><span><b>${figures.length}</b> figure reproductions</span>${opts.jsonPath ? `<span>data: <code>${esc(opts.jsonPath)}</code></span>` : ''}</p>
<nav><a href="#claims">claims</a>${errata.length ? '<a href="#errata">errata</a>' : ''}${families.map((f) => `<a href="#family-${esc(f)}">${esc(f)}</a>`).join('')}</nav></header>
<main>
<section id="claims-section"><h2>Claims</h2>
<div class="filters">
<label>family <select id="f-family">${options(claims.map((c) => c.family), 'all')}</select></label>
<label>kind <select id="f-kind">${options(claims.map((c) => c.kind), 'all')}</select></label>
<label>verdict <select id="f-verdict">${options(claims.map((c) => c.verdict), 'all')}</select></label>
<label>text <input id="f-text" type="search" placeholder="id, statement, source"></label>
<span id="f-count" class="note"></span></div>
<table id="claims"><thead><tr><th>claim</th><th>family</th><th>kind</th><th>verdict</th><th>control</th><th>runs</th><th>worst slack</th><th>median slack</th><th>statement</th><th>replay</th></tr></thead>
<tbody>
${claims.map((r) => claimRow(r, rep.budget)).join('\n')}
</tbody></table>
<p class="note">Slack (one definition per kind, src/claims/verdict.ts): observed/bound for bound claims, error/tolerance for exact, Clopper–Pearson upper bound/δ or |mean − claimed|/(k·se) for statistical, |slope − claimed|/tolerance for scaling; ≤ 1 holds, &gt; 1 fails.</p>
</section>
${errata.length ? errataSection(errata) : ''}
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}

export function writeHtml(path: string, rep: Report, opts: HtmlOptions = {}): void {
  writeFileAtomic(path, renderHtml(rep, opts));
}
