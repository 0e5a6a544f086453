/**
 * report/index.html: one static page (no server, no network). It opens on a summary per family and
 * per source (claims, holding, falsified claims and errata, the distribution of worst slacks) and a
 * gallery of the figure reproductions, then the claims table (filters by family, kind and verdict;
 * worst and median slack; a button that copies each claim's replay command) and, per
 * family, the figure reproductions, a slack plot for every `bound` claim, the fitted line of every
 * `scaling` claim that exposes its fit, and the worst-case search comparisons saved under
 * fixtures/worst/, and the errata ledger per source (status, the counterexample case and its
 * numbers, the corrected statement's verdict on it). Plots are SVG rendered in Node by Observable
 * Plot on a linkedom document.
 */
import { DomainError, requireArray, requireObject, requirePositive, requirePositiveInt, requireString } from '../core/errors.ts';
import { writeFileAtomic } from './io.ts';
import { requireReport } from './require-report.ts';
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

/** Largest width or height of a drawn figure, in pixels (the plot library cannot lay out a larger one). */
const MAX_PIXELS = 10_000;

/** Width and height of a drawn figure (pixels). */
function requireSize(width: number, height: number): void {
  for (const [v, name] of [[width, 'width'], [height, 'height']] as const) {
    requirePositive(v, name);
    if (v > MAX_PIXELS) throw new DomainError(`${name} must be at most ${MAX_PIXELS} pixels, got ${v}`, name);
  }
}

export function esc(s: string): string {
  requireString(s, 's');
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface Row { x: number; y: number; series: string }

type Marks = NonNullable<Plot.PlotOptions['marks']>;

function render(options: Plot.PlotOptions): string {
  const el = Plot.plot({ document: doc, style: { background: 'white', overflow: 'visible' }, ...options });
  return (el as unknown as { outerHTML: string }).outerHTML;
}

/** Points usable on the axes (finite, and > 0 on a log axis). */
function usable(p: Row, xLog?: boolean, yLog?: boolean): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y) && (!xLog || p.x > 0) && (!yLog || p.y > 0);
}

/** Most points a figure's series is drawn with: a line of more is thinned (the page stays small as figures multiply). */
export const MAX_DRAWN_POINTS = 200;

/**
 * The points of one series to draw: every point when there are few, else an even stride that keeps
 * the first and last point and each stride's extreme y (so spikes and the range survive thinning).
 */
export function thinSeries(rows: Row[], max = MAX_DRAWN_POINTS): Row[] {
  requireArray(rows, 'rows', 'an array of points { x, y, series }');
  requirePositiveInt(max, 'max');
  if (rows.length <= max) return rows;
  const buckets = Math.max(1, Math.floor(max / 2));
  const out: Row[] = [rows[0]];
  const size = (rows.length - 2) / buckets;
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor(b * size), hi = Math.min(rows.length - 1, 1 + Math.floor((b + 1) * size));
    if (hi <= lo) continue;
    let iMin = lo, iMax = lo;
    for (let i = lo; i < hi; i++) {
      if (rows[i].y < rows[iMin].y) iMin = i;
      if (rows[i].y > rows[iMax].y) iMax = i;
    }
    for (const i of iMin <= iMax ? [iMin, iMax] : [iMax, iMin]) if (out[out.length - 1] !== rows[i]) out.push(rows[i]);
  }
  out.push(rows[rows.length - 1]);
  return out;
}

export function figureSvg(f: Figure, width = 620, height = 340): { svg: string; dropped: number } {
  requireObject(f, 'f', 'a figure');
  requireArray(f.series, 'series', 'an array of series { name, x, y }');
  for (const s of f.series) requireArray(requireObject(s, 'series', 'an array of series { name, x, y }').x, 'series', 'an array of series { name, x, y }');
  requireSize(width, height);
  const kept = f.series.map((s) => s.x.map((x, i) => ({ x, y: s.y[i], series: s.name })).filter((p) => usable(p, f.xLog, f.yLog)));
  const total = f.series.reduce((n, s) => n + s.x.length, 0);
  const dropped = total - kept.reduce((n, k) => n + k.length, 0);
  const rows = kept.flatMap((k) => thinSeries(k));
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
  return { svg, dropped };
}

/**
 * Per-run slacks of a bound claim, with the failing line at 1 and the median: a hand-drawn SVG (one
 * path for all the dots), a tenth the size of a plotted one, since there is one per bound claim.
 */
export function slackSvg(r: ClaimResult, width = 420, height = 200): string {
  requireObject(r, 'r', 'a claim result');
  if (r.slacks !== undefined) requireArray(r.slacks, 'slacks', 'an array of numbers');
  requireSize(width, height);
  const s = (r.slacks ?? []).filter(Number.isFinite);
  const top = Math.max(1.05, ...s);
  const lo = Math.min(0, ...s);
  const L = 44, R = 10, T = 10, B = 30;
  const px = (i: number) => L + ((i + 1) / (s.length + 1)) * (width - L - R);
  const py = (y: number) => T + ((top - y) / (top - lo)) * (height - T - B);
  const f1 = (v: number) => v.toFixed(1);
  const ticks = [lo, (lo + 1) / 2, 1, ...(top > 1.5 ? [top] : [])];
  const dots = (pred: (y: number) => boolean) => s.map((y, i) => (pred(y) ? `M${f1(px(i))} ${f1(py(y))}h0` : '')).join('');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="10" font-family="system-ui,sans-serif" style="background:white">`,
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${height - B}" stroke="#999"/><line x1="${L}" x2="${width - R}" y1="${height - B}" y2="${height - B}" stroke="#999"/>`,
    ...ticks.map((t) => `<text x="${L - 4}" y="${f1(py(t) + 3)}" text-anchor="end">${esc(fmtTick(t))}</text>`),
    `<line x1="${L}" x2="${width - R}" y1="${f1(py(1))}" y2="${f1(py(1))}" stroke="#c0392b" stroke-dasharray="4,3"/>`,
    r.medianSlack !== null && Number.isFinite(r.medianSlack) ? `<line x1="${L}" x2="${width - R}" y1="${f1(py(r.medianSlack))}" y2="${f1(py(r.medianSlack))}" stroke="#888" stroke-opacity="0.7"/>` : '',
    `<path d="${dots((y) => y <= 1)}" stroke="#2c7fb8" stroke-width="5" stroke-linecap="round"/>`,
    `<path d="${dots((y) => y > 1)}" stroke="#c0392b" stroke-width="5" stroke-linecap="round"/>`,
    `<text x="${(L + width - R) / 2}" y="${height - 8}" text-anchor="middle">run (1–${s.length})</text>`,
    `<text x="12" y="${(T + height - B) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(T + height - B) / 2})">observed / bound</text>`,
    '</svg>',
  ];
  return parts.join('');
}

function fmtTick(v: number): string {
  return Math.abs(v) >= 100 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : String(Number(v.toPrecision(2)));
}

/** The fitted line of a scaling claim, with the band of slopes [lo, hi] pivoting at the centroid. */
export function fitSvg(fit: FitData, width = 420, height = 240): string {
  requireObject(fit, 'fit', 'a fit { xs, ys, slope, intercept, lo, hi }');
  requireArray(fit.xs, 'xs', 'an array of numbers');
  requireArray(fit.ys, 'ys', 'an array of numbers');
  requireSize(width, height);
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

/**
 * Best slack so far against check evaluations: targeted search vs plain sampling. Hand-drawn (two
 * step paths) like the slack plots: there is one per improved search.
 */
export function traceSvg(w: WorstFixture, width = 460, height = 240): string {
  requireObject(w, 'w', 'a worst-case fixture');
  requireArray(w.traceRandom, 'traceRandom', 'an array of slacks');
  requireArray(w.traceTargeted, 'traceTargeted', 'an array of slacks');
  requireSize(width, height);
  const series: Array<[string, string, number[]]> = [
    ['plain sampling', '#999999', w.traceRandom],
    ['targeted (hill-climb)', '#d95f02', w.traceTargeted],
  ];
  const ys = series.flatMap(([, , t]) => t.filter(Number.isFinite));
  const n = Math.max(1, ...series.map(([, , t]) => t.length));
  const lo = Math.min(0, ...ys), hi = Math.max(lo + 1e-12, ...ys);
  const L = 55, R = 10, T = 26, B = 30;
  const px = (i: number) => L + (i / Math.max(1, n - 1)) * (width - L - R);
  const py = (y: number) => T + ((hi - y) / (hi - lo)) * (height - T - B);
  const f1 = (v: number) => v.toFixed(1);
  const step = (t: number[]) => {
    let d = '', prev: number | null = null;
    t.forEach((y, i) => {
      if (!Number.isFinite(y)) return;
      d += prev === null ? `M${f1(px(i))} ${f1(py(y))}` : `H${f1(px(i))}V${f1(py(y))}`;
      prev = y;
    });
    return d + (prev === null ? '' : `H${f1(px(n - 1))}`);
  };
  const ticks = [lo, (lo + hi) / 2, hi];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="10" font-family="system-ui,sans-serif" style="background:white">`,
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${height - B}" stroke="#999"/><line x1="${L}" x2="${width - R}" y1="${height - B}" y2="${height - B}" stroke="#999"/>`,
    ...ticks.map((t) => `<text x="${L - 4}" y="${f1(py(t) + 3)}" text-anchor="end">${esc(fmtTick(t))}</text>`),
    ...series.map(([name, color, t], k) => `<path d="${step(t)}" fill="none" stroke="${color}" stroke-width="2"/><rect x="${L + 10 + k * 150}" y="6" width="10" height="10" fill="${color}"/><text x="${L + 24 + k * 150}" y="15">${esc(name)}</text>`),
    `<text x="${(L + width - R) / 2}" y="${height - 8}" text-anchor="middle">check evaluations (1–${n})</text>`,
    `<text x="12" y="${(T + height - B) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(T + height - B) / 2})">worst slack so far</text>`,
    '</svg>',
  ].join('');
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
button.copy{font-size:11px;padding:1px 6px;cursor:pointer;white-space:nowrap}svg.hist{vertical-align:middle}
#summary table{width:auto}#summary td{white-space:nowrap}#summary .grid>div{flex:1 1 520px}
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
  function copied(b, ok){ var t = b.textContent; b.textContent = ok ? 'copied' : 'select and copy: ' + b.title; setTimeout(function(){ b.textContent = t; }, ok ? 1200 : 8000); }
  document.addEventListener('click', function(e){
    var b = e.target.closest && e.target.closest('button.copy'); if (!b) return;
    var cmd = b.title;
    var fallback = function(){
      var ta = document.createElement('textarea'); ta.value = cmd; document.body.appendChild(ta); ta.select();
      var ok = false; try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
      document.body.removeChild(ta); copied(b, ok);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(cmd).then(function(){ copied(b, true); }, fallback);
    else fallback();
  });
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

/** A button that copies a replay command (the command is its tooltip, so it does not wrap the table). */
function copyButton(cmd: string): string {
  return `<button class="copy" type="button" title="${esc(cmd)}">copy replay</button>`;
}

function claimRow(r: ClaimResult, budget: Report['budget']): string {
  const green = isGreen(r);
  return `<tr id="claim-${esc(r.id)}" class="claim${green ? '' : ' bad'}" data-family="${esc(r.family)}" data-kind="${esc(r.kind)}" data-verdict="${esc(r.verdict)}">`
    + `<td><code>${esc(r.id)}</code></td><td>${esc(r.family)}</td><td>${esc(r.kind)}</td>`
    + `<td class="verdict-${esc(r.verdict)}">${esc(r.verdict)}</td><td>${esc(r.control)}${controlRateNote(r)}</td><td class="num">${r.runs}</td>`
    + `<td class="num">${esc(slackText(r.worstSlack))}</td><td class="num">${esc(slackText(r.medianSlack))}</td>`
    + `<td>${esc(r.statement)}<div class="note">${esc(r.source)}</div></td>`
    + `<td>${copyButton(replayCommand(r, budget))}</td></tr>`;
}

function figureBlock(f: Figure): string {
  const { svg, dropped } = figureSvg(f, 590, 330);
  const supports = f.claimId ? ` Supports <a href="#claim-${esc(f.claimId)}"><code>${esc(f.claimId)}</code></a>.` : '';
  const note = dropped ? ` <span class="note">(${dropped} non-positive or non-finite points omitted on the log axis)</span>` : '';
  return `<figure class="repro" id="figure-${esc(f.id)}" style="width:590px" data-figure="${esc(f.id)}">${svg}<figcaption><b>${esc(f.source)}</b> — ${esc(f.caption)}.${supports}${note}</figcaption></figure>`;
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
  requireObject(w, 'w', 'a worst-case fixture');
  requireObject(w.targeted, 'targeted', 'an object { case, verdict, slack }');
  requireObject(w.random, 'random', 'an object { case, verdict, slack }');
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

/**
 * The source a claim id belongs to, named as the errata ledger names sources ('002 thesis ch. 2'),
 * so the summary can put a source's claims and its errata on one row.
 */
const SOURCE_OF_ID: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^thesis\.(?:ch|fig)(\d+)/, (m) => `002 thesis ch. ${m[1]}`],
  [/^review003\./, () => '003 review of Du et al. 2019'],
  [/^nfresnet004\./, () => '004 NF-ResNet supplement'],
  [/^skip000\./, () => '000 skip connections vs random features'],
  [/^lecture001\./, () => '001 lecture'],
];

export function sourceOfClaim(id: string): string {
  requireString(id, 'id');
  for (const [re, name] of SOURCE_OF_ID) {
    const m = re.exec(id);
    if (m) return name(m);
  }
  return id.split('.')[0];
}

/** Upper edges of the worst-slack bins of the summary (the last bin is "fails": > 1). */
const SLACK_BINS: readonly number[] = [0.25, 0.5, 0.75, 0.9, 1];

/** Worst slacks of the claims whose slack is a margin (falsified claims' slack says how far the print is off). */
function marginSlacks(cs: ClaimResult[]): number[] {
  return cs.filter((c) => c.kind !== 'falsified' && c.worstSlack !== null && Number.isFinite(c.worstSlack)).map((c) => c.worstSlack as number);
}

export function slackHistogram(slacks: number[]): number[] {
  requireArray(slacks, 'slacks', 'an array of numbers');
  const counts = new Array<number>(SLACK_BINS.length + 1).fill(0);
  for (const v of slacks) {
    const i = SLACK_BINS.findIndex((edge) => v <= edge);
    counts[i < 0 ? SLACK_BINS.length : i]++;
  }
  return counts;
}

/** A tiny bar chart of the worst-slack bins (red: > 1), with the counts in its tooltip. */
function histogramSvg(counts: number[]): string {
  const w = 14, h = 22, max = Math.max(1, ...counts);
  const labels = ['≤0.25', '≤0.5', '≤0.75', '≤0.9', '≤1', '>1'];
  const bars = counts.map((c, i) => {
    const bh = c === 0 ? 0 : Math.max(1.5, (c / max) * h);
    return `<rect x="${i * (w + 2)}" y="${(h - bh).toFixed(1)}" width="${w}" height="${bh.toFixed(1)}" fill="${i === counts.length - 1 ? '#c0392b' : '#2c7fb8'}"/>`;
  }).join('');
  const title = counts.map((c, i) => `${labels[i]}: ${c}`).join(', ');
  return `<svg class="hist" xmlns="http://www.w3.org/2000/svg" width="${counts.length * (w + 2)}" height="${h}" role="img"><title>${esc(title)}</title>${bars}</svg> <span class="note">${esc(counts.join(' · '))}</span>`;
}

function worstMargin(cs: ClaimResult[]): string {
  const m = marginSlacks(cs);
  return m.length ? slackText(Math.max(...m)) : '—';
}

/** Summary rows: per family, then per source (with the source's errata). */
function summarySection(rep: Report, errata: ErratumRow[], families: string[]): string {
  const claims = rep.claims;
  const famRows = families.filter((f) => claims.some((c) => c.family === f)).map((fam) => {
    const cs = claims.filter((c) => c.family === fam);
    const green = cs.filter(isGreen).length;
    return `<tr data-summary-family="${esc(fam)}"><td><a href="#family-${esc(fam)}">${esc(fam)}</a></td><td class="num">${cs.length}</td><td class="num">${green}</td>`
      + `<td class="num${green < cs.length ? ' verdict-fails' : ''}">${cs.length - green}</td><td class="num">${cs.filter((c) => c.kind === 'falsified').length}</td>`
      + `<td>${histogramSvg(slackHistogram(marginSlacks(cs)))}</td><td class="num">${worstMargin(cs)}</td></tr>`;
  });
  const sources = [...new Set([...claims.map((c) => sourceOfClaim(c.id)), ...errata.map((e) => e.source)])].sort();
  const srcRows = sources.map((src) => {
    const cs = claims.filter((c) => sourceOfClaim(c.id) === src);
    const es = errata.filter((e) => e.source === src);
    return `<tr data-summary-source="${esc(src)}"><td>${esc(src)}</td><td class="num">${cs.length}</td><td class="num">${cs.filter(isGreen).length}</td>`
      + `<td class="num">${cs.filter((c) => c.kind === 'falsified').length}</td><td class="num">${es.length}</td><td class="num">${es.filter((e) => e.status === 'falsified').length}</td>`
      + `<td>${histogramSvg(slackHistogram(marginSlacks(cs)))}</td></tr>`;
  });
  return `<section id="summary"><h2>Summary</h2>
<p class="note">Worst slack per claim, binned ≤0.25 · ≤0.5 · ≤0.75 · ≤0.9 · ≤1 · &gt;1 (falsified claims left out: their slack measures the printed statement's miss).</p>
<div class="grid"><div><h3>By family</h3><table class="summary-families"><thead><tr><th>family</th><th>claims</th><th>as expected</th><th>not</th><th>falsified claims</th><th>worst slacks</th><th>largest</th></tr></thead><tbody>${famRows.join('')}</tbody></table></div>
<div><h3>By source</h3><table class="summary-sources"><thead><tr><th>source</th><th>claims</th><th>as expected</th><th>falsified claims</th><th>errata</th><th>errata falsified</th><th>worst slacks</th></tr></thead><tbody>${srcRows.join('')}</tbody></table></div></div>
</section>`;
}

export interface HtmlOptions {
  /** Saved worst-case searches (fixtures/worst/*.json) to show with their comparison curves. */
  worst?: WorstFixture[];
  /** Where the page came from (shown in the header). */
  jsonPath?: string;
}

export function renderHtml(rep: Report, opts: HtmlOptions = {}): string {
  requireReport(rep);
  requireObject(opts, 'opts', 'an object { worst?, jsonPath? }');
  if (opts.worst !== undefined) requireArray(opts.worst, 'worst', 'an array of worst-case fixtures');
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
    if (figs.length) parts.push(`<p>Figure reproductions (in the <a href="#gallery">gallery</a>): ${figs.map((f) => `<a href="#figure-${esc(f.id)}">${esc(f.source)}</a>`).join(', ')}.</p>`);
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
<nav><a href="#summary">summary</a>${figures.length ? '<a href="#gallery">figures</a>' : ''}<a href="#claims">claims</a>${errata.length ? '<a href="#errata">errata</a>' : ''}${families.map((f) => `<a href="#family-${esc(f)}">${esc(f)}</a>`).join('')}</nav></header>
<main>
${summarySection(rep, errata, families)}
${figures.length ? `<section id="gallery"><h2>Figure gallery</h2><div class="grid">${figures.map(figureBlock).join('')}</div></section>` : ''}
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
  requireString(path, 'path');
  writeFileAtomic(path, renderHtml(rep, opts));
}
