/**
 * The command line of `gd-theory list | check` (cli.ts runs it): argument parsing, the output paths
 * checked before any claim runs, the report lock, and the check loop with its replay mode.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { replayCommand } from './claims/runner.ts';
import { parseJobs, readCostHints, runClaimsPool } from './claims/pool.ts';
import { BASELINE_BUDGET, BASELINE_PATH } from './claims/baseline.ts';
import { shardClaims } from './claims/shard.ts';
import { progressLine } from './claims/progress.ts';
import { claimsMarkdown, claimsTable, isGreen, isReplayGreen, reportJson, slackText, writeReport, type Report } from './claims/report.ts';
import { saveCounterexample } from './claims/fixtures.ts';
import { lockReport, requireWritable } from './claims/io.ts';
import { parseReplay } from './claims/seed.ts';
import type { BudgetName, Claim, ClaimResult, Figure } from './claims/types.ts';
import { errataRows, LEDGER } from './errata/ledger.ts';
import { loadAllWorst } from './claims/worst.ts';
import { checkReportPaths, htmlPathFor, UsageError, writeReportHtml } from './commands.ts';
import { parseVerb, positiveInt, positiveSeconds, usage } from './cli-spec.ts';
import { requireArray, requireObject, requirePositiveInt } from './core/errors.ts';
import { requireClaim } from './claims/claim.ts';

export interface Args {
  cmd: 'check' | 'list' | 'soak'; filter?: string; budget: BudgetName; seed: number; seedText: string; replay?: string; json: boolean; out: string;
  markdown: boolean; updateFixtures: boolean; html?: string; target: boolean; evals?: number; caseFile?: string; jobs?: number;
  /** --shard I/N: the I-th (1-based) of N parts. */
  shard?: Shard; quiet: boolean; help: boolean;
  /** soak: the number of run seeds. */
  runs?: number;
  /** --time-limit: milliseconds a claim may run (default: the pool's TIME_LIMIT_MS of the budget). */
  timeLimitMs?: number;
  /** --claims GLOB (repeatable): the user's property files instead of the built-in ones. */
  claims?: string[];
}

export interface Shard { index: number; count: number }

/** The whole usage text (gd-theory help), made from the verb table. */
export const USAGE = usage();

/** An integer seed that a double holds exactly (|s| ≤ 2^53 − 1): larger ones would be silently rounded. */
export function parseSeed(text: string, argument = '--seed'): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${argument} must be an integer or 'random', got ${text}`, argument);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${argument} must be an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, got ${text}`, argument);
  return n;
}

/** --shard I/N with 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count || !Number.isSafeInteger(count)) {
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N (e.g. --shard 2/4), got ${text}`, '--shard');
  }
  return { index, count };
}

/** A fresh 31-bit seed (`--seed random`, a soak's master seed): printed, so the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** The arguments of `check`, `list` and `soak` (argv[0] is the verb). */
export function parseArgs(argv: string[]): Args {
  requireArray(argv, 'argv', 'an array of command-line words');
  const verb = argv[0] === 'list' ? 'list' : argv[0] === 'soak' ? 'soak' : 'check';
  if (argv[0] !== verb) throw new UsageError(`parseArgs reads check, list or soak, got ${argv[0]}`, 'verb');
  const { values: v, help } = parseVerb(verb, argv.slice(1));
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? v[k] as string : undefined);
  const a: Args = {
    cmd: verb, budget: 'default', seed: 42, seedText: '42', json: v.json === true, out: str('out') ?? 'report/claims.json',
    markdown: v.markdown === true, updateFixtures: v['update-fixtures'] === true, target: v.target === true, quiet: v.quiet === true, help,
  };
  // A soak defaults to the quick budget, a random master seed, report/soak.json and no page.
  if (verb === 'soak') Object.assign(a, { budget: 'quick', seedText: 'random', seed: randomSeed(), out: str('out') ?? 'report/soak.json', html: 'none' });
  a.filter = str('filter');
  if (Array.isArray(v.claims)) a.claims = v.claims;
  a.replay = str('replay');
  a.html = str('html') ?? a.html;
  a.caseFile = str('case');
  const budget = str('budget');
  if (budget !== undefined) {
    if (budget !== 'quick' && budget !== 'default' && budget !== 'deep') throw new UsageError(`--budget must be quick, default or deep, got ${budget}`, '--budget');
    a.budget = budget;
  }
  const seed = str('seed');
  if (seed !== undefined) {
    a.seedText = seed;
    a.seed = seed === 'random' ? randomSeed() : parseSeed(seed);
  }
  const jobs = str('jobs');
  if (jobs !== undefined) {
    try {
      a.jobs = parseJobs(jobs); // claims in parallel (src/claims/pool.ts); default: all cores
    } catch {
      throw new UsageError(`--jobs must be a positive integer, got ${jobs}`, '--jobs');
    }
  }
  const evals = str('evals');
  if (evals !== undefined) a.evals = positiveInt('--evals', evals);
  const runs = str('runs');
  if (runs !== undefined) a.runs = positiveInt('--runs', runs);
  const limit = str('time-limit');
  if (limit !== undefined) a.timeLimitMs = positiveSeconds('--time-limit', limit);
  const shard = str('shard');
  if (shard !== undefined) a.shard = parseShard(shard);
  if (a.replay !== undefined) parseReplay(a.replay); // a malformed --replay is a usage error before any claim loads
  if (a.shard && (a.replay || a.target || a.caseFile)) throw new UsageError('--shard splits a full check; it does not go with --replay, --target or --case', '--shard');
  return a;
}

/** --jobs above the core count runs no faster and multiplies memory: capped, with a note. */
export function capJobs(jobs: number | undefined, note: (s: string) => void, cores = availableParallelism()): number | undefined {
  if (jobs !== undefined) requirePositiveInt(jobs, 'jobs');
  if (typeof note !== 'function') throw new UsageError('note must be a function (the line printer)', 'note');
  requirePositiveInt(cores, 'cores');
  if (jobs === undefined || jobs <= cores) return jobs;
  note(`note: --jobs ${jobs} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; running ${cores} at a time`);
  return cores;
}

/** True when `check` (or `soak`) with these arguments writes report files (not a replay, --target or --case). */
export function writesReport(a: Args): boolean {
  requireObject(a, 'args', 'parsed arguments (parseArgs)');
  return (a.cmd === 'check' || a.cmd === 'soak') && !a.replay && !a.target && !a.caseFile;
}

/**
 * Before any claim runs: the JSON and HTML outputs can be written (UsageError naming --out or
 * --html, exit 2), and the HTML is not a file the suite did not write.
 */
export function checkOutputs(a: Args): void {
  if (!writesReport(a)) return;
  checkReportPaths(a.out, a.html);
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
  for (const c of requireArray(claims, 'claims', 'an array of claims')) requireClaim(c, 'claims');
  requireObject(args, 'args', 'parsed arguments (parseArgs)');
  requireObject(io, 'io', 'an object { log, err, write, tty }');
  const replay = args.replay ? parseReplay(args.replay) : undefined;
  const selection = claims;
  // A shard runs its part of the selection; every runner computes the same split from the committed baseline's times.
  const baselineTimes = new Map(Object.entries(readCostHints(resolve(BASELINE_PATH), BASELINE_BUDGET)));
  if (args.shard) claims = shardClaims(selection, args.shard, baselineTimes);
  if (replay && claims.length !== 1) throw new UsageError(`--replay needs --filter to select exactly one claim; it selects ${claims.length}`, '--replay');
  const tty = io.tty && !args.json && !args.quiet;
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
    log(`gd-theory check: ${claims.length} claim${claims.length === 1 ? '' : 's'}${args.shard ? ` (shard ${args.shard.index}/${args.shard.count} of ${selection.length})` : ''}, budget ${args.budget}, seed ${args.seed}${args.seedText === 'random' ? ' (random)' : ''}${replay ? `, replaying ${args.replay} (no negative control)` : ''}`);
    const results: ClaimResult[] = [];
    const figures: Figure[] = [];
    // Claims done / total with an ETA from the baseline's times (--quiet, --json and a replay print none).
    const progress = args.quiet || args.json || replay ? null : progressLine(claims.map((c) => c.id), baselineTimes);
    // Claims run `--jobs` at a time in worker threads; results arrive in claim order, identical to a serial run.
    for await (const { index: k, claim: c, result: r, figures: figs } of runClaimsPool(claims, { jobs, budget: args.budget, seed: args.seed, replay, skipControl: Boolean(replay), figures: !replay, timeLimitMs: args.timeLimitMs })) {
      if (tty) io.write(`[${k + 1}/${claims.length}] ${c.id} …`);
      results.push(r);
      figures.push(...figs);
      if (!replay) {
        const saved = saveCounterexample(r, args.budget, args.seed, args.updateFixtures);
        if (saved && tty) io.write(` (counterexample → ${saved})`);
      }
      const where = progress?.done(c.id);
      if (tty) io.write(`\r\x1b[2K[${k + 1}/${claims.length}] ${c.id} ${r.verdict}, control ${r.control}, worst slack ${slackText(r.worstSlack)}, ${r.ms} ms${where ? `  (${where.replace(/^\[[^\]]*\] /, '')})` : ''}\n`);
      else if (where && progress?.due()) io.err(`progress ${where}`);
    }
    // The ledger rides along so that `diff` sees an erratum whose counterexample stops reproducing.
    const report: Report = {
      version: 1 as const, budget: args.budget, seed: args.seed, claims: results, figures, errata: errataRows(LEDGER, results),
      ...(args.shard ? { shard: { ...args.shard, claims: selection.map((c) => c.id) } } : {}),
    };
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
