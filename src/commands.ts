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
import { basename, dirname, join } from 'node:path';
import { DEFAULT_THRESHOLD, diffReports, formatDiff, parseReport, ReportFormatError, type Threshold } from './claims/diff.ts';
import { BASELINE_BUDGET, BASELINE_PATH, BASELINE_SEED, writeBaseline } from './claims/baseline.ts';
import type { Report } from './claims/report.ts';
import { fmt } from './claims/runner.ts';
import { scaffold, UsageError } from './claims/scaffold.ts';
import { targetClaim, TargetError } from './claims/target.ts';
import type { BudgetName, Claim, Verdict } from './claims/types.ts';
import { loadAllWorst, saveWorst, toFixture, WORST_ROOT } from './claims/worst.ts';
import fc from 'fast-check';
import { GdTheoryError } from './core/errors.ts';
import { errataCommand } from './errata/command.ts';
import { InputFileError, requireWritable } from './claims/io.ts';

export { UsageError };

/** Read and validate a claims report from disk (typed errors for a missing or malformed file). */
export function readReport(path: string): Report {
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
  if (html === 'none') return null;
  if (html !== undefined) return html;
  if (basename(jsonPath) === 'claims.json') return join(dirname(jsonPath), 'index.html');
  return jsonPath.endsWith('.json') ? `${jsonPath.slice(0, -'.json'.length)}.html` : `${jsonPath}.html`;
}

/** A page the suite wrote (its title); anything else at the implicit HTML path is left alone. */
export function isSuitePage(path: string): boolean {
  const text = readFileSync(path, 'utf8');
  return text.includes('<title>gd-theory report');
}

/**
 * Before a run: the page beside the report must be new or one the suite wrote, unless `--html`
 * names it explicitly (UsageError naming --html otherwise).
 */
export function checkHtmlTarget(path: string, explicit: boolean): void {
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
  const path = htmlPathFor(jsonPath, html);
  if (path === null) return null;
  const { writeHtml } = await import('./claims/html.ts');
  writeHtml(path, report, { worst: loadAllWorst(), jsonPath });
  return path;
}

function positive(name: string, text: string | undefined): number {
  const v = Number(text);
  if (text === undefined || !Number.isFinite(v) || v < 0) throw new UsageError(`${name} needs a non-negative number, got ${text ?? 'nothing'}`, name);
  return v;
}

/** gd-theory diff base.json head.json: exit 0 when no regression, 1 on a regression. */
export function diffCommand(argv: string[]): number {
  const files: string[] = [];
  const t: Threshold = { ...DEFAULT_THRESHOLD };
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--threshold') t.rel = positive('--threshold', argv[++i]);
    else if (k === '--abs') t.abs = positive('--abs', argv[++i]);
    else if (k === '--rate-tol') t.rate = positive('--rate-tol', argv[++i]);
    else if (k === '--json') json = true;
    else if (k.startsWith('--')) throw new UsageError(`unknown option ${k} for diff\nusage: gd-theory diff base.json head.json [--threshold REL] [--abs ABS] [--rate-tol DROP] [--json]`, k);
    else files.push(k);
  }
  if (files.length !== 2) throw new UsageError(`gd-theory diff needs two reports (base.json head.json), got ${files.length}`, 'files');
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
  let json = 'report/claims.json';
  let html: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--html') {
      html = argv[++i];
      if (html === undefined) throw new UsageError('--html needs a file name', '--html');
    } else if (k.startsWith('--')) throw new UsageError(`unknown option ${k} for report\nusage: gd-theory report [report/claims.json] [--html FILE]`, k);
    else json = k;
  }
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
  const force = argv.includes('--force');
  const rest = argv.filter((a) => a !== '--force');
  const bad = rest.find((a) => a.startsWith('--'));
  if (bad) throw new UsageError(`unknown option ${bad} for new\nusage: gd-theory new <family>/<name> [--force]`, bad);
  if (rest.length > 1) throw new UsageError(`gd-theory new takes one <family>/<name>, got ${rest.length}`, 'name');
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
  let from = 'report/baseline-run.json';
  let out = BASELINE_PATH;
  let allowFailing = false;
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--out') {
      out = argv[++i];
      if (out === undefined) throw new UsageError('--out needs a file name', '--out');
    } else if (k === '--allow-failing') allowFailing = true;
    else if (k.startsWith('--')) throw new UsageError(`unknown option ${k} for baseline\nusage: gd-theory baseline [report.json] [--out FILE] [--allow-failing]`, k);
    else from = k;
  }
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
  switch (argv[0]) {
    case 'diff': return diffCommand(argv.slice(1));
    case 'report': return reportCommand(argv.slice(1));
    case 'new': return newCommand(argv.slice(1));
    case 'baseline': return baselineCommand(argv.slice(1));
    case 'errata': return errataCommand(argv.slice(1));
    default: return null;
  }
}

function slackStr(x: number): string {
  return Number.isFinite(x) ? fmt(x) : '—';
}

/** check --target: hill-climb every selected bound/exact claim, save fixtures/worst/<id>.json. */
export function targetCommand(claims: Claim[], opts: { budget: BudgetName; seed: number; evals?: number; log: (s: string) => void }): number {
  const chosen = claims.filter((c) => c.kind === 'bound' || c.kind === 'exact');
  if (chosen.length === 0) throw new TargetError('--target searches bound and exact claims; the filter selects none', 'filter');
  opts.log(`gd-theory check --target: ${chosen.length} bound/exact claims, budget ${opts.budget}, seed ${opts.seed}${opts.evals ? `, ${opts.evals} evaluations each` : ''}`);
  opts.log(`${'claim'.padEnd(44)} ${'evals'.padStart(5)}  ${'targeted'.padStart(9)}  ${'random'.padStart(9)}  ratio`);
  let bad = 0;
  for (const c of chosen) {
    const r = targetClaim(c, { budget: opts.budget, seed: opts.seed, evals: opts.evals });
    const path = saveWorst(toFixture(r, { source: c.source, statement: c.statement }));
    const ratio = r.random.slack > 0 && Number.isFinite(r.targeted.slack) ? (r.targeted.slack / r.random.slack).toFixed(2) : '—';
    const failed = !r.targeted.verdict.holds || r.errors.length > 0;
    if (failed) bad++;
    opts.log(`${c.id.padEnd(44)} ${String(r.evals).padStart(5)}  ${slackStr(r.targeted.slack).padStart(9)}  ${slackStr(r.random.slack).padStart(9)}  ${ratio}${failed ? '  ✗' : ''}`);
    if (!r.targeted.verdict.holds) opts.log(`  ✗ the targeted search broke the claim: case ${JSON.stringify(r.targeted.case)} → lhs ${r.targeted.verdict.lhs}, rhs ${r.targeted.verdict.rhs}${r.targeted.verdict.detail ? ` (${r.targeted.verdict.detail})` : ''}\n    replay: npm run check -- --filter '=${c.id}' --budget ${opts.budget} --case ${path}`);
    for (const e of r.errors.slice(0, 3)) opts.log(`  ✗ check threw on ${JSON.stringify(e.case)}: ${e.message}`);
  }
  opts.log(`\nworst cases saved under ${WORST_ROOT}/; ${bad ? `${bad} claim(s) broken by the search` : 'no claim broken'}`);
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
