/**
 * The command line of `gd-theory list | check` (cli.ts runs it): argument parsing, the output paths
 * checked before any claim runs, the report lock, and the check loop with its replay mode.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { replayCommand } from './claims/runner.ts';
import { parseJobs, runClaimsPool } from './claims/pool.ts';
import { claimsMarkdown, claimsTable, isGreen, isReplayGreen, reportJson, slackText, writeReport } from './claims/report.ts';
import { saveCounterexample } from './claims/fixtures.ts';
import { lockReport, requireWritable } from './claims/io.ts';
import { parseReplay } from './claims/seed.ts';
import type { BudgetName, Claim, ClaimResult, Figure } from './claims/types.ts';
import { errataRows, LEDGER } from './errata/ledger.ts';
import { loadAllWorst } from './claims/worst.ts';
import { checkHtmlTarget, htmlPathFor, UsageError, writeReportHtml } from './commands.ts';

export interface Args { cmd: string; filter?: string; budget: BudgetName; seed: number; seedText: string; replay?: string; json: boolean; out: string; markdown: boolean; updateFixtures: boolean; html?: string; target: boolean; evals?: number; caseFile?: string; jobs?: number; runs?: number; timeLimitMs?: number }

export const USAGE = `usage: gd-theory list [--filter F]
       gd-theory check [--filter F] [--budget quick|default|deep] [--seed N|random] [--replay seed:path] [--json] [--out FILE] [--markdown] [--update-fixtures] [--html FILE|none] [--jobs N] [--time-limit S]
       gd-theory soak --runs N [--budget quick] [--jobs N] [--filter F] [--seed MASTER|random] [--out report/soak.json] [--html FILE] [--time-limit S]
       gd-theory check --target [--filter F] [--budget B] [--seed N] [--evals N]
       gd-theory check --filter ID --case FILE [--budget B]
       gd-theory diff base.json head.json [--threshold REL] [--abs ABS] [--rate-tol DROP] [--json]
       gd-theory report [report/claims.json] [--html FILE]
       gd-theory baseline [report.json] [--out FILE] [--allow-failing]
       gd-theory new <family>/<name> [--force]
       gd-theory errata [--source CATALOG|TEXT[,…]] [--status STATUS[,…]] [--no-check]`;

/** The verbs of the CLI (cli.ts names any other before loading a claim). */
export const VERBS = ['list', 'check', 'soak', 'diff', 'report', 'baseline', 'new', 'errata', 'help', '--help', '-h'] as const;

/** An integer seed that a double holds exactly (|s| ≤ 2^53 − 1): larger ones would be silently rounded. */
export function parseSeed(text: string, argument = '--seed'): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${argument} must be an integer or 'random', got ${text}`, argument);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${argument} must be an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, got ${text}`, argument);
  return n;
}

/** A fresh 31-bit seed (`--seed random`, a soak's master seed): printed, so the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { cmd: argv[0] ?? 'help', budget: 'default', seed: 42, seedText: '42', json: false, out: 'report/claims.json', markdown: false, updateFixtures: false, target: false };
  // A soak defaults to the quick budget, a random master seed, report/soak.json and no page.
  if (a.cmd === 'soak') Object.assign(a, { budget: 'quick', seedText: 'random', seed: randomSeed(), out: 'report/soak.json', html: 'none' });
  for (let i = 1; i < argv.length; i++) {
    const k = argv[i];
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${k} needs a value\n${USAGE}`, k);
      return v;
    };
    if (k === '--filter') a.filter = val();
    else if (k === '--budget') {
      const b = val();
      if (b !== 'quick' && b !== 'default' && b !== 'deep') throw new UsageError(`--budget must be quick, default or deep, got ${b}`, k);
      a.budget = b;
    } else if (k === '--seed') {
      const s = val();
      a.seedText = s;
      a.seed = s === 'random' ? randomSeed() : parseSeed(s, k);
    } else if (k === '--replay') a.replay = val();
    else if (k === '--json') a.json = true;
    else if (k === '--markdown') a.markdown = true;
    else if (k === '--update-fixtures') a.updateFixtures = true;
    else if (k === '--out') a.out = val();
    else if (k === '--html') a.html = val();
    else if (k === '--target') a.target = true;
    else if (k === '--case') a.caseFile = val();
    else if (k === '--jobs') {
      const v = val();
      try {
        a.jobs = parseJobs(v); // claims in parallel (src/claims/pool.ts); default: all cores
      } catch {
        throw new UsageError(`--jobs must be a positive integer, got ${v}`, k);
      }
    } else if (k === '--runs') {
      const e = val();
      if (!/^\d+$/.test(e) || Number(e) < 1) throw new UsageError(`--runs must be a positive integer, got ${e}`, k);
      a.runs = Number(e);
    } else if (k === '--time-limit') {
      const e = val();
      const sec = Number(e);
      if (!/^\d+(\.\d+)?$/.test(e) || !(sec > 0)) throw new UsageError(`--time-limit must be a positive number of seconds, got ${e}`, k);
      a.timeLimitMs = sec * 1000;
    } else if (k === '--evals') {
      const e = val();
      if (!/^\d+$/.test(e) || Number(e) < 1) throw new UsageError(`--evals must be a positive integer, got ${e}`, k);
      a.evals = Number(e);
    } else throw new UsageError(`unknown option ${k}\n${USAGE}`, k);
  }
  return a;
}

/** --jobs above the core count runs no faster and multiplies memory: capped, with a note. */
export function capJobs(jobs: number | undefined, note: (s: string) => void, cores = availableParallelism()): number | undefined {
  if (jobs === undefined || jobs <= cores) return jobs;
  note(`note: --jobs ${jobs} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; running ${cores} at a time`);
  return cores;
}

/** True when `check` (or `soak`) with these arguments writes report files (not a replay, --target or --case). */
export function writesReport(a: Args): boolean {
  return (a.cmd === 'check' || a.cmd === 'soak') && !a.replay && !a.target && !a.caseFile;
}

/**
 * Before any claim runs: the JSON and HTML outputs can be written (UsageError naming --out or
 * --html, exit 2), and the HTML is not a file the suite did not write.
 */
export function checkOutputs(a: Args): void {
  if (!writesReport(a)) return;
  requireWritable(a.out, '--out');
  const html = htmlPathFor(a.out, a.html);
  if (html !== null) {
    if (resolve(html) === resolve(a.out)) throw new UsageError(`--html ${html} is the --out report itself; name another page (or --html none)`, '--html');
    requireWritable(html, '--html');
    checkHtmlTarget(html, a.html !== undefined);
    loadAllWorst(); // the page shows the saved worst cases: a broken fixture is named now, not after the run
  }
}

export interface CheckIo { log: (s: string) => void; err: (s: string) => void; write: (s: string) => void; tty: boolean }

const defaultIo: CheckIo = {
  log: (s) => console.log(s), err: (s) => console.error(s), write: (s) => { process.stdout.write(s); }, tty: Boolean(process.stdout.isTTY),
};

export function printFailure(r: ClaimResult, budget: BudgetName, log: (s: string) => void): void {
  log(`\n✗ ${r.id}: ${r.verdict}, control ${r.control}`);
  if (r.message) log(`  ${r.message}`);
  if (r.counterexample) log(`  case ${JSON.stringify(r.counterexample.case)} → lhs ${r.counterexample.verdict.lhs}, rhs ${r.counterexample.verdict.rhs}${r.counterexample.verdict.detail ? ` (${r.counterexample.verdict.detail})` : ''}`);
  if (r.controlDetail) log(`  control (${r.controlDescription}): ${r.controlDetail}`);
  log(`  replay: ${replayCommand(r, budget)}`);
}

/**
 * gd-theory check (after --target and --case are handled): run the claims, write the report and its
 * page (atomically, under the report's lock), print the table. A replay (--replay) runs one case of
 * one claim without its negative control: exit 0 when the case is as expected, 1 with the failure's
 * detail otherwise; it writes no report.
 */
export async function checkCommand(claims: readonly Claim[], args: Args, io: CheckIo = defaultIo): Promise<number> {
  const replay = args.replay ? parseReplay(args.replay) : undefined;
  if (replay && claims.length !== 1) throw new UsageError(`--replay needs --filter to select exactly one claim; it selects ${claims.length}`, '--replay');
  const tty = io.tty && !args.json;
  const log = (s: string) => { if (!args.json) io.log(s); };
  const jobs = capJobs(args.jobs, io.err);
  // The report's lock, taken before any claim runs: a second run on the same report stops here.
  const releases: (() => void)[] = [];
  if (!replay) {
    const html = htmlPathFor(args.out, args.html);
    releases.push(lockReport(args.out, io.err));
    try {
      if (html !== null) releases.push(lockReport(html, io.err));
    } catch (e) {
      for (const r of releases) r();
      throw e;
    }
  }
  try {
    log(`gd-theory check: ${claims.length} claim${claims.length === 1 ? '' : 's'}, budget ${args.budget}, seed ${args.seed}${args.seedText === 'random' ? ' (random)' : ''}${replay ? `, replaying ${args.replay} (no negative control)` : ''}`);
    const results: ClaimResult[] = [];
    const figures: Figure[] = [];
    // Claims run `--jobs` at a time in worker threads; results arrive in claim order, identical to a serial run.
    for await (const { index: k, claim: c, result: r, figures: figs } of runClaimsPool(claims, { jobs, budget: args.budget, seed: args.seed, replay, skipControl: Boolean(replay), figures: !replay, timeLimitMs: args.timeLimitMs })) {
      if (tty) io.write(`[${k + 1}/${claims.length}] ${c.id} …`);
      results.push(r);
      figures.push(...figs);
      if (!replay) {
        const saved = saveCounterexample(r, args.budget, args.seed, args.updateFixtures);
        if (saved && tty) io.write(` (counterexample → ${saved})`);
      }
      if (tty) io.write(`\r\x1b[2K[${k + 1}/${claims.length}] ${c.id} ${r.verdict}, control ${r.control}, worst slack ${slackText(r.worstSlack)}, ${r.ms} ms\n`);
    }
    // The ledger rides along so that `diff` sees an erratum whose counterexample stops reproducing.
    const report = { version: 1 as const, budget: args.budget, seed: args.seed, claims: results, figures, errata: errataRows(LEDGER, results) };
    if (replay) {
      if (args.json) io.write(reportJson(report));
      return replayReport(results[0], args, io);
    }
    writeReport(args.out, report);
    const html = await writeReportHtml(args.out, report, args.html);
    if (args.json) {
      io.write(reportJson(report));
    } else {
      log('');
      log(args.markdown ? claimsMarkdown(results) : claimsTable(results));
      const bad = results.filter((r) => !isGreen(r));
      for (const r of bad) printFailure(r, args.budget, log);
      log(`\n${results.length - bad.length} claims as expected, ${bad.length} not; wrote ${args.out}${html ? ` and ${html}` : ''}`);
    }
    return results.every(isGreen) ? 0 : 1;
  } finally {
    for (const r of releases) r();
  }
}

/** The verdict of a replayed case: the control is not part of it. */
function replayReport(r: ClaimResult, args: Args, io: CheckIo): number {
  const ok = isReplayGreen(r);
  if (args.json) return ok ? 0 : 1;
  const expected = r.kind === 'falsified' ? 'refutes the printed statement, and the corrected one holds on it,' : 'holds';
  if (ok) {
    io.log(`✓ ${r.id}: the replayed case ${args.replay} ${expected} as expected${r.worstSlack !== null && r.kind !== 'falsified' ? ` (slack ${slackText(r.worstSlack)})` : ''}`);
    if (r.counterexample) io.log(`  case ${JSON.stringify(r.counterexample.case)} → lhs ${r.counterexample.verdict.lhs}, rhs ${r.counterexample.verdict.rhs}${r.controlDetail ? `; ${r.controlDetail}` : ''}`);
    io.log('  (a replay runs one case and no negative control; `check` without --replay runs both)');
  } else {
    printFailure(r, args.budget, io.log);
  }
  io.log(`\nreplay of ${r.id}: ${ok ? 'as expected' : 'NOT as expected'}`);
  return ok ? 0 : 1;
}
