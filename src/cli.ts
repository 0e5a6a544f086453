/**
 * gd-theory list | check [--filter F] [--budget quick|default|deep] [--seed N|random]
 *                        [--replay seed:path] [--json] [--out report/claims.json] [--markdown]
 *                        [--update-fixtures]   (rewrite saved counterexamples of falsified claims)
 *                        [--html FILE|none]    (the page next to the JSON: report/index.html)
 *                        [--target [--evals N]] (worst-case search on bound/exact claims)
 *                        [--case FILE]         (run one claim on a saved case)
 *           diff base.json head.json [--threshold REL] [--abs ABS] | report [FILE] | new <family>/<name>
 *           errata [--source CATALOG|TEXT] [--status STATUS] [--no-check]
 */
import { loadClaims, filterClaims } from './claims/registry.ts';
import { replayCommand } from './claims/runner.ts';
import { parseJobs, runClaimsPool } from './claims/pool.ts';
import { claimsMarkdown, claimsTable, isGreen, reportJson, slackText, writeReport } from './claims/report.ts';
import { saveCounterexample } from './claims/fixtures.ts';
import { parseReplay } from './claims/seed.ts';
import type { BudgetName, ClaimResult, Figure } from './claims/types.ts';
import { errataRows, LEDGER } from './errata/ledger.ts';
import { caseCommand, subcommand, targetCommand, UsageError, writeReportHtml } from './commands.ts';

interface Args { cmd: string; filter?: string; budget: BudgetName; seed: number; seedText: string; replay?: string; json: boolean; out: string; markdown: boolean; updateFixtures: boolean; html?: string; target: boolean; evals?: number; caseFile?: string; jobs?: number }

const USAGE = `usage: gd-theory list [--filter F]
       gd-theory check [--filter F] [--budget quick|default|deep] [--seed N|random] [--replay seed:path] [--json] [--out FILE] [--markdown] [--update-fixtures] [--html FILE|none] [--jobs N]
       gd-theory check --target [--filter F] [--budget B] [--seed N] [--evals N]
       gd-theory check --filter ID --case FILE [--budget B]
       gd-theory diff base.json head.json [--threshold REL] [--abs ABS] [--json]
       gd-theory report [report/claims.json] [--html FILE]
       gd-theory new <family>/<name> [--force]
       gd-theory errata [--source CATALOG|TEXT[,…]] [--status STATUS[,…]] [--no-check]`;

function parseArgs(argv: string[]): Args {
  const a: Args = { cmd: argv[0] ?? 'help', budget: 'default', seed: 42, seedText: '42', json: false, out: 'report/claims.json', markdown: false, updateFixtures: false, target: false };
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
      if (s === 'random') a.seed = Math.floor(Math.random() * 0x7fffffff);
      else if (/^-?\d+$/.test(s)) a.seed = Number(s);
      else throw new UsageError(`--seed must be an integer or 'random', got ${s}`, k);
    } else if (k === '--replay') a.replay = val();
    else if (k === '--json') a.json = true;
    else if (k === '--markdown') a.markdown = true;
    else if (k === '--update-fixtures') a.updateFixtures = true;
    else if (k === '--out') a.out = val();
    else if (k === '--html') a.html = val();
    else if (k === '--target') a.target = true;
    else if (k === '--case') a.caseFile = val();
    else if (k === '--jobs') a.jobs = parseJobs(val()); // claims in parallel (src/claims/pool.ts); default: all cores
    else if (k === '--evals') {
      const e = val();
      if (!/^\d+$/.test(e) || Number(e) < 1) throw new UsageError(`--evals must be a positive integer, got ${e}`, k);
      a.evals = Number(e);
    } else throw new UsageError(`unknown option ${k}\n${USAGE}`, k);
  }
  return a;
}

async function main(): Promise<number> {
  const sub = subcommand(process.argv.slice(2));
  if (sub !== null) return await sub;
  const args = parseArgs(process.argv.slice(2));
  if (args.cmd === 'help' || args.cmd === '--help') { console.log(USAGE); return 0; }
  const claims = filterClaims(await loadClaims(), args.filter);
  if (args.cmd === 'list') {
    // One line per claim: id, kind, family (its folder), the file that defines it, and its source.
    for (const c of claims) console.log(`${c.id.padEnd(44)} ${c.kind.padEnd(12)} ${c.family.padEnd(15)} ${c.file.padEnd(52)} ${c.source}`);
    console.log(`${claims.length} claims`);
    return 0;
  }
  if (args.cmd !== 'check') { console.error(USAGE); return 2; }
  if (claims.length === 0) { console.error(`no claim matches --filter ${args.filter}`); return 2; }
  if (args.target) return targetCommand(claims, { budget: args.budget, seed: args.seed, evals: args.evals, log: console.log });
  if (args.caseFile) return caseCommand(claims, args.caseFile, args.budget, console.log);
  const replay = args.replay ? parseReplay(args.replay) : undefined;
  if (replay && claims.length !== 1) {
    console.error(`--replay needs --filter to select exactly one claim; it selects ${claims.length}`);
    return 2;
  }
  const tty = process.stdout.isTTY && !args.json;
  const log = (s: string) => { if (!args.json) console.log(s); };
  log(`gd-theory check: ${claims.length} claims, budget ${args.budget}, seed ${args.seed}${args.seedText === 'random' ? ' (random)' : ''}`);
  const results: ClaimResult[] = [];
  const figures: Figure[] = [];
  // Claims run `--jobs` at a time in worker threads; results arrive in claim order, identical to a serial run.
  for await (const { index: k, claim: c, result: r, figures: figs } of runClaimsPool(claims, { jobs: args.jobs, budget: args.budget, seed: args.seed, replay, skipControl: Boolean(replay), figures: !replay })) {
    if (tty) process.stdout.write(`[${k + 1}/${claims.length}] ${c.id} …`);
    results.push(r);
    figures.push(...figs);
    if (!replay) {
      const saved = saveCounterexample(r, args.budget, args.seed, args.updateFixtures);
      if (saved && tty) process.stdout.write(` (counterexample → ${saved})`);
    }
    if (tty) process.stdout.write(`\r\x1b[2K[${k + 1}/${claims.length}] ${c.id} ${r.verdict}, control ${r.control}, worst slack ${slackText(r.worstSlack)}, ${r.ms} ms\n`);
  }
  // The ledger rides along so that `diff` sees an erratum whose counterexample stops reproducing.
  const report = { version: 1 as const, budget: args.budget, seed: args.seed, claims: results, figures, errata: errataRows(LEDGER, results) };
  if (!replay) writeReport(args.out, report);
  const html = replay ? null : await writeReportHtml(args.out, report, args.html);
  if (args.json) {
    process.stdout.write(reportJson(report));
  } else {
    console.log('');
    console.log(args.markdown ? claimsMarkdown(results) : claimsTable(results));
    const bad = results.filter((r) => !isGreen(r));
    for (const r of bad) {
      console.log(`\n✗ ${r.id}: ${r.verdict}, control ${r.control}`);
      if (r.message) console.log(`  ${r.message}`);
      if (r.counterexample) console.log(`  case ${JSON.stringify(r.counterexample.case)} → lhs ${r.counterexample.verdict.lhs}, rhs ${r.counterexample.verdict.rhs}${r.counterexample.verdict.detail ? ` (${r.counterexample.verdict.detail})` : ''}`);
      if (r.controlDetail) console.log(`  control (${r.controlDescription}): ${r.controlDetail}`);
      console.log(`  replay: ${replayCommand(r, args.budget)}`);
    }
    const ok = results.length - bad.length;
    console.log(`\n${ok} claims as expected, ${bad.length} not${replay ? '' : `; wrote ${args.out}${html ? ` and ${html}` : ''}`}`);
  }
  return results.every(isGreen) ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
