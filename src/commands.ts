/**
 * The researcher's-loop commands of the CLI, kept apart from cli.ts's check loop:
 *   gd-theory diff base.json head.json [--threshold REL] [--abs ABS] [--json]
 *   gd-theory report [report/claims.json] [--html report/index.html]
 *   gd-theory new <family>/<name> [--force]
 *   gd-theory check --target [--evals N]        (worst-case search; see claims/target.ts)
 *   gd-theory check --filter ID --case FILE     (run one claim on a saved case)
 *   gd-theory errata [--source S] [--status ST] (the errata ledger; src/errata/command.ts)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_THRESHOLD, diffReports, formatDiff, parseReport, ReportFormatError, type Threshold } from './claims/diff.ts';
import { BASELINE_BUDGET, BASELINE_PATH, BASELINE_SEED, writeBaseline } from './claims/baseline.ts';
import type { Report } from './claims/report.ts';
import { fmt } from './claims/runner.ts';
import { scaffold, UsageError } from './claims/scaffold.ts';
import { targetClaim, TargetError } from './claims/target.ts';
import type { BudgetName, Claim, Verdict } from './claims/types.ts';
import { loadAllWorst, saveWorst, toFixture, WORST_ROOT } from './claims/worst.ts';
import fc from 'fast-check';
import { DomainError, GdTheoryError, describeValue, requireArray, requireObject, requireString } from './core/errors.ts';
import { requireBudgetName, requireClaim } from './claims/claim.ts';
import { requireReport } from './claims/require-report.ts';
import { errataCommand } from './errata/command.ts';
import { InputFileError, lockReport, requireWritable } from './claims/io.ts';
import { claimsTable, isGreen, writeReport } from './claims/report.ts';
import { mergeShards } from './claims/shard.ts';
import { errataRows, LEDGER } from './errata/ledger.ts';
import { nonNegative, parseVerb, verbUsage } from './cli-spec.ts';

export { UsageError };

/** Read and validate a claims report from disk (typed errors for a missing or malformed file). */
export function readReport(path: string): Report {
  requireString(path, 'path');
  if (!existsSync(path)) throw new ReportFormatError(`${path} does not exist`, path);
  if (statSync(path).isDirectory()) throw new ReportFormatError(`${path} is a folder, not a report`, path);
  const text = readFileSync(path, 'utf8');
  parseReport(text, path); // validates the contract fields the gate reads
  const rep = JSON.parse(text) as Report;
  // The page and the baseline read more of each row than the gate does.
  const bad = (field: string, why: string): never => { throw new ReportFormatError(`${path} is not a claims report: ${field} ${why}`, path); };
  for (const [i, c] of rep.claims.entries()) {
    for (const k of ['family', 'source', 'statement', 'replay'] as const) if (typeof c[k] !== 'string') bad(`claims[${i}].${k}`, 'must be a string');
    if (typeof c.ms !== 'number') bad(`claims[${i}].ms`, 'must be a number');
    if (c.slacks !== undefined && (!Array.isArray(c.slacks) || c.slacks.some((x) => typeof x !== 'number'))) bad(`claims[${i}].slacks`, 'must be an array of numbers');
  }
  if (rep.figures !== undefined && !Array.isArray(rep.figures)) bad('figures', 'must be an array');
  for (const [i, f] of (rep.figures ?? []).entries()) {
    if (f === null || typeof f !== 'object' || !Array.isArray((f as { series?: unknown }).series)) bad(`figures[${i}].series`, 'must be an array');
  }
  return rep;
}

/**
 * The HTML path that goes with a JSON report path: report/claims.json → report/index.html (the
 * documented default), any other X.json → X.html; `--html FILE` names it, `--html none` drops it.
 */
export function htmlPathFor(jsonPath: string, html?: string): string | null {
  requireString(jsonPath, '--out');
  if (html !== undefined && html !== null && typeof html !== 'string') throw new UsageError(`--html needs a file name, got ${describeValue(html)}`, '--html');
  if (html === 'none') return null;
  if (html !== undefined) return html;
  if (basename(jsonPath) === 'claims.json') return join(dirname(jsonPath), 'index.html');
  return jsonPath.endsWith('.json') ? `${jsonPath.slice(0, -'.json'.length)}.html` : `${jsonPath}.html`;
}

/** A page the suite wrote (its title); anything else at the implicit HTML path is left alone. */
export function isSuitePage(path: string): boolean {
  requireString(path, 'path');
  const text = readFileSync(path, 'utf8');
  return text.includes('<title>gd-theory report');
}

/**
 * Before a run: the page beside the report must be new or one the suite wrote, unless `--html`
 * names it explicitly (UsageError naming --html otherwise).
 */
export function checkHtmlTarget(path: string, explicit: boolean): void {
  requireString(path, '--html');
  if (explicit || !existsSync(path)) return;
  if (!isSuitePage(path)) {
    throw new UsageError(`${path} exists and is not a gd-theory report page; the suite will not overwrite it. Name the page with --html FILE (or --html none)`, '--html');
  }
}

/**
 * Write the HTML page for a report (the check command calls this after writing the JSON). The
 * plotting stack is imported here, lazily, so that list/diff/new start fast.
 */
export async function writeReportHtml(jsonPath: string, report: Report, html?: string): Promise<string | null> {
  requireReport(report, 'report');
  const path = htmlPathFor(jsonPath, html);
  if (path === null) return null;
  const { writeHtml } = await import('./claims/html.ts');
  writeHtml(path, report, { worst: loadAllWorst(), jsonPath });
  return path;
}

/** gd-theory diff base.json head.json: exit 0 when no regression, 1 on a regression. */
export function diffCommand(argv: string[]): number {
  const { values: v, positionals: files, help } = parseVerb('diff', argv);
  if (help) { console.log(verbUsage('diff')); return 0; }
  const t: Threshold = { ...DEFAULT_THRESHOLD };
  if (typeof v.threshold === 'string') t.rel = nonNegative('--threshold', v.threshold);
  if (typeof v.abs === 'string') t.abs = nonNegative('--abs', v.abs);
  const json = v.json === true;
  if (typeof v['rate-tol'] === 'string') t.rate = nonNegative('--rate-tol', v['rate-tol']);
  const read = (p: string) => {
    if (!existsSync(p)) throw new ReportFormatError(`${p} does not exist`, p);
    if (statSync(p).isDirectory()) throw new ReportFormatError(`${p} is a folder, not a report`, p);
    return parseReport(readFileSync(p, 'utf8'), p);
  };
  const d = diffReports(read(files[0]), read(files[1]), t);
  console.log(json ? JSON.stringify(d, null, 2) : formatDiff(d));
  return d.regressions > 0 ? 1 : 0;
}

/** gd-theory report [claims.json] [--html FILE]: re-render the page from a saved report. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseVerb('report', argv);
  if (help) { console.log(verbUsage('report')); return 0; }
  const json = positionals[0] ?? 'report/claims.json';
  const html = typeof v.html === 'string' ? v.html : undefined;
  const rep = readReport(json);
  const target = htmlPathFor(json, html);
  if (target !== null) {
    requireWritable(target, '--html');
    checkHtmlTarget(target, html !== undefined);
  }
  const path = await writeReportHtml(json, rep, html);
  console.log(path === null ? `${json} is a valid report; --html none: no page written` : `wrote ${path}`);
  return 0;
}

/** gd-theory new <family>/<name> [--force]. */
export function newCommand(argv: string[]): number {
  const { values: v, positionals: rest, help } = parseVerb('new', argv);
  if (help) { console.log(verbUsage('new')); return 0; }
  const force = v.force === true;
  const t = scaffold(rest[0], { force });
  console.log(`wrote ${t.path} (claim ${t.id})
next:
  1. edit the statement, arbitrary, check and negative control in ${t.path}
  2. npx vitest run ${t.path}
  3. npm run check -- --filter '=${t.id}' --budget quick`);
  return 0;
}

/** gd-theory baseline [report.json] [--out FILE] [--allow-failing]: bless a quick/seed-42 run as the baseline. */
export function baselineCommand(argv: string[]): number {
  const { values: v, positionals, help } = parseVerb('baseline', argv);
  if (help) { console.log(verbUsage('baseline')); return 0; }
  const from = positionals[0] ?? 'report/baseline-run.json';
  const out = typeof v.out === 'string' ? v.out : BASELINE_PATH;
  const allowFailing = v['allow-failing'] === true;
  requireWritable(out, '--out');
  const rep = readReport(from);
  if (rep.budget !== BASELINE_BUDGET || rep.seed !== BASELINE_SEED) {
    throw new UsageError(`the baseline is the ${BASELINE_BUDGET} budget at seed ${BASELINE_SEED}; ${from} is ${rep.budget} at seed ${rep.seed}`, 'report');
  }
  const path = writeBaseline(rep, out, allowFailing);
  console.log(`wrote ${path} (${rep.claims.length} claims, budget ${rep.budget}, seed ${rep.seed})`);
  return 0;
}

/** Subcommands handled here; null when argv is for cli.ts's own parser (list, check). */
export function subcommand(argv: string[]): Promise<number> | number | null {
  requireArray(argv, 'argv', 'an array of command-line words');
  switch (argv[0]) {
    case 'diff': return diffCommand(argv.slice(1));
    case 'report': return reportCommand(argv.slice(1));
    case 'new': return newCommand(argv.slice(1));
    case 'baseline': return baselineCommand(argv.slice(1));
    case 'errata': return errataCommand(argv.slice(1));
    case 'merge': return mergeCommand(argv.slice(1));
    default: return null;
  }
}

/**
 * Before a run writes a report: the JSON and HTML outputs can be written (UsageError naming --out or
 * --html, exit 2), and the HTML is not a file the suite did not write.
 */
export function checkReportPaths(out: string, htmlOption: string | undefined): void {
  requireWritable(out, '--out');
  const html = htmlPathFor(out, htmlOption);
  if (html !== null) {
    if (resolve(html) === resolve(out)) throw new UsageError(`--html ${html} is the --out report itself; name another page (or --html none)`, '--html');
    requireWritable(html, '--html');
    checkHtmlTarget(html, htmlOption !== undefined);
    loadAllWorst(); // the page shows the saved worst cases: a broken fixture is named now, not after the run
  }
}

/**
 * gd-theory merge shard-*.json [--out FILE] [--html FILE|none]: join the reports of a sharded run
 * into one report and its page; exit 1 when a claim is not as expected, as check does. Every input
 * is read and checked before anything is written.
 */
export async function mergeCommand(argv: string[]): Promise<number> {
  const { values: v, positionals: files, help } = parseVerb('merge', argv);
  if (help) { console.log(verbUsage('merge')); return 0; }
  const out = typeof v.out === 'string' ? v.out : 'report/claims.json';
  const htmlOption = typeof v.html === 'string' ? v.html : undefined;
  checkReportPaths(out, htmlOption);
  if (files.some((f) => resolve(f) === resolve(out))) throw new UsageError(`--out ${out} is one of the shards; write the merged report elsewhere`, '--out');
  const merged = mergeShards(files.map((file) => ({ file, report: readReport(file) })), (results) => errataRows(LEDGER, results));
  const releases = [lockReport(out, console.error)];
  const page = htmlPathFor(out, htmlOption);
  try {
    if (page !== null) releases.push(lockReport(page, console.error));
    writeReport(out, merged);
    await writeReportHtml(out, merged, htmlOption);
  } finally {
    for (const r of releases) r();
  }
  const bad = merged.claims.filter((r) => !isGreen(r));
  if (v.quiet !== true) console.log(claimsTable(merged.claims, false));
  console.log(`merged ${files.length} shard${files.length === 1 ? '' : 's'}: ${merged.claims.length - bad.length} claims as expected, ${bad.length} not${bad.length ? ` (${bad.map((r) => r.id).join(', ')})` : ''}; wrote ${out}${page ? ` and ${page}` : ''}`);
  return bad.length ? 1 : 0;
}

function slackStr(x: number): string {
  return Number.isFinite(x) ? fmt(x) : '—';
}

/** check --target: hill-climb every selected bound/exact claim, save fixtures/worst/<id>.json. */
export function targetCommand(claims: Claim[], opts: { budget: BudgetName; seed: number; evals?: number; log: (s: string) => void; root?: string }): number {
  for (const c of requireArray(claims, 'claims', 'an array of claims')) requireClaim(c, 'claims');
  requireObject(opts, 'opts', 'an object { budget, seed, evals?, log, root? }');
  if (typeof opts.log !== 'function') throw new DomainError('log must be a function (the line printer)', 'log');
  if (opts.root !== undefined) requireString(opts.root, 'root');
  const chosen = claims.filter((c) => c.kind === 'bound' || c.kind === 'exact');
  if (chosen.length === 0) throw new TargetError('--target searches bound and exact claims; the filter selects none', 'filter');
  opts.log(`gd-theory check --target: ${chosen.length} bound/exact claims, budget ${opts.budget}, seed ${opts.seed}${opts.evals ? `, ${opts.evals} evaluations each` : ''}`);
  opts.log(`${'claim'.padEnd(44)} ${'evals'.padStart(5)}  ${'targeted'.padStart(9)}  ${'random'.padStart(9)}  ratio`);
  let bad = 0;
  for (const c of chosen) {
    const r = targetClaim(c, { budget: opts.budget, seed: opts.seed, evals: opts.evals });
    const path = saveWorst(toFixture(r, { source: c.source, statement: c.statement }), opts.root);
    const ratio = r.random.slack > 0 && Number.isFinite(r.targeted.slack) ? (r.targeted.slack / r.random.slack).toFixed(2) : '—';
    const failed = !r.targeted.verdict.holds || r.errors.length > 0;
    if (failed) bad++;
    opts.log(`${c.id.padEnd(44)} ${String(r.evals).padStart(5)}  ${slackStr(r.targeted.slack).padStart(9)}  ${slackStr(r.random.slack).padStart(9)}  ${ratio}${failed ? '  ✗' : ''}`);
    if (!r.targeted.verdict.holds) opts.log(`  ✗ the targeted search broke the claim: case ${JSON.stringify(r.targeted.case)} → lhs ${r.targeted.verdict.lhs}, rhs ${r.targeted.verdict.rhs}${r.targeted.verdict.detail ? ` (${r.targeted.verdict.detail})` : ''}\n    replay: npm run check -- --filter '=${c.id}' --budget ${opts.budget} --case ${path}`);
    for (const e of r.errors.slice(0, 3)) opts.log(`  ✗ check threw on ${JSON.stringify(e.case)}: ${e.message}`);
  }
  opts.log(`\nworst cases saved under ${opts.root ?? WORST_ROOT}/; ${bad ? `${bad} claim(s) broken by the search` : 'no claim broken'}`);
  return bad ? 1 : 0;
}

/** The JS shape of a value, for comparing a saved case with one the claim's arbitrary makes. */
function shapeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return 'array';
  return typeof v;
}

function aShape(s: string): string {
  return s === 'null' || s === 'undefined' ? s : `${/^[aeiou]/.test(s) ? 'an' : 'a'} ${s}`;
}

/**
 * A saved case must look like the cases the claim's arbitrary makes: the same kind of value and,
 * for an object, every field of a generated case present with the same kind of value.
 */
function checkCaseShape(claim: Claim, value: unknown, budget: BudgetName, file: string, field: string): void {
  const [sample] = fc.sample(claim.spec.arbitrary(claim.spec.budget[budget]), { numRuns: 1, seed: 1 });
  const bad = (where: string, why: string): never => {
    throw new InputFileError(`--case ${file}: ${where} ${why} (a case of ${claim.id} looks like ${JSON.stringify(sample, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x))})`, file, where);
  };
  if (shapeOf(value) !== shapeOf(sample)) bad(field, `is ${value === undefined ? 'missing' : aShape(shapeOf(value))}, expected ${aShape(shapeOf(sample))}`);
  if (shapeOf(sample) !== 'object') return;
  const v = value as Record<string, unknown>;
  for (const [k, x] of Object.entries(sample as Record<string, unknown>)) {
    const where = field === '(file)' ? k : `${field}.${k}`;
    if (!(k in v)) bad(where, 'is missing');
    if (shapeOf(v[k]) !== shapeOf(x)) bad(where, `is ${aShape(shapeOf(v[k]))}, expected ${aShape(shapeOf(x))}`);
  }
}

/** check --filter ID --case FILE: run one claim's check on a saved case (a worst-case or counterexample fixture, or a bare case). */
export function caseCommand(claims: Claim[], file: string, budget: BudgetName, log: (s: string) => void): number {
  for (const c of requireArray(claims, 'claims', 'an array of claims')) requireClaim(c, 'claims');
  if (typeof file !== 'string') throw new UsageError(`--case needs a file name, got ${describeValue(file)}`, '--case');
  requireBudgetName(budget);
  if (typeof log !== 'function') throw new DomainError('log must be a function (the line printer)', 'log');
  if (claims.length !== 1) throw new UsageError(`--case needs --filter to select exactly one claim; it selects ${claims.length}`, '--case');
  if (!existsSync(file)) throw new UsageError(`--case: ${file} does not exist`, '--case');
  if (statSync(file).isDirectory()) throw new UsageError(`--case: ${file} is a folder, not a case file`, '--case');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputFileError(`--case: ${file} is not JSON (${e instanceof Error ? e.message : String(e)})`, file, '(file)');
  }
  const c = claims[0];
  // A fixture ({ case, budget?, id? }) or a bare case (anything without a `case` field).
  const fixture = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'case' in raw;
  const saved = fixture ? raw as { case: unknown; budget?: unknown; id?: unknown } : { case: raw };
  if (saved.budget !== undefined && saved.budget !== 'quick' && saved.budget !== 'default' && saved.budget !== 'deep') {
    throw new InputFileError(`--case ${file}: budget must be quick, default or deep, got ${JSON.stringify(saved.budget)}`, file, 'budget');
  }
  if (saved.id !== undefined && saved.id !== c.id) {
    throw new InputFileError(`--case ${file}: id is ${JSON.stringify(saved.id)}, but --filter selects ${c.id}`, file, 'id');
  }
  const b = (saved.budget as BudgetName | undefined) ?? budget;
  checkCaseShape(c, saved.case, b, file, fixture ? 'case' : '(file)');
  let v: Verdict;
  try {
    v = c.spec.check(saved.case, c.spec.budget[b]);
  } catch (e) {
    // A typed error of the library names what is wrong with the case; anything else is a case the claim cannot read.
    if (e instanceof GdTheoryError) throw new InputFileError(`--case ${file}: ${c.id} rejects the case: ${e.name}: ${e.message}`, file, `case.${e.argument}`);
    throw new InputFileError(`--case ${file}: ${c.id} cannot read the case (${e instanceof Error ? e.message : String(e)})`, file, fixture ? 'case' : '(file)');
  }
  log(`${c.id} on ${JSON.stringify(saved.case)} (budget ${b}): ${v.holds ? 'holds' : 'FAILS'}; lhs ${fmt(v.lhs)}, rhs ${fmt(v.rhs)}${v.slack !== undefined ? `, slack ${fmt(v.slack)}` : ''}${v.detail ? `\n  ${v.detail}` : ''}`);
  return v.holds === (c.kind !== 'falsified') ? 0 : 1;
}
