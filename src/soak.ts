/**
 * gd-theory soak --runs N [--budget quick] [--jobs N] [--filter F] [--seed MASTER|random]
 *                 [--out report/soak.json] [--html FILE] [--time-limit S] [--quiet]
 * The suite under N run seeds drawn from a master seed (printed: `--seed MASTER` replays the soak),
 * on the claim pool's workers (each claim under each seed is one task, so a hung one is stopped as
 * in `check`). Prints, per seed, the claims that were not as expected; then per claim how often it
 * held and its control was caught, with its control's catching rate; then every miss with the
 * command that re-runs it. Writes the summary as a claims report with a `soak` section
 * (src/claims/soak.ts). Exit 0 when every claim was as expected under every seed, 1 otherwise.
 */
import { requireArray, requireObject } from './core/errors.ts';
import { requireClaim } from './claims/claim.ts';
import { runTasksPool, type PoolTask } from './claims/pool.ts';
import { writeReport } from './claims/report.ts';
import { lockReport } from './claims/io.ts';
import { soakMisses, soakReport, soakSeeds, soakTable } from './claims/soak.ts';
import { isGreen } from './claims/report.ts';
import type { Claim, ClaimResult } from './claims/types.ts';
import { capJobs, type Args, type CheckIo } from './check.ts';
import { UsageError, writeReportHtml } from './commands.ts';
import { errataRows, LEDGER } from './errata/ledger.ts';

const defaultIo: CheckIo = {
  log: (s) => console.log(s), err: (s) => console.error(s), write: (s) => { process.stdout.write(s); }, tty: Boolean(process.stdout.isTTY),
};

export async function soakCommand(claims: readonly Claim[], args: Args, io: CheckIo = defaultIo): Promise<number> {
  for (const c of requireArray(claims, 'claims', 'an array of claims')) requireClaim(c, 'claims');
  requireObject(args, 'args', 'parsed arguments (parseArgs)');
  requireObject(io, 'io', 'an object { log, err, write, tty }');
  if (args.runs === undefined) throw new UsageError('gd-theory soak needs --runs N (the number of run seeds)', '--runs');
  const seeds = soakSeeds(args.seed, args.runs);
  const jobs = capJobs(args.jobs, io.err);
  const release = lockReport(args.out, io.err);
  try {
    io.log(`gd-theory soak: ${claims.length} claim${claims.length === 1 ? '' : 's'} × ${seeds.length} seed${seeds.length === 1 ? '' : 's'}, budget ${args.budget}, master seed ${args.seed}${args.seedText === 'random' ? ' (random; --seed ' + args.seed + ' replays this soak)' : ''}`);
    io.log(`seeds: ${seeds.join(' ')}`);
    const tasks: PoolTask[] = seeds.flatMap((seed) => claims.map((_, claim) => ({ claim, seed })));
    const byClaim: { seed: number; result: ClaimResult }[][] = claims.map(() => []);
    let bad: ClaimResult[] = [];
    for await (const item of runTasksPool(claims, tasks, { jobs, budget: args.budget, seed: args.seed, figures: false, timeLimitMs: args.timeLimitMs })) {
      const k = tasks[item.index].claim;
      byClaim[k].push({ seed: item.seed, result: item.result });
      if (!isGreen(item.result)) bad.push(item.result);
      if (k === claims.length - 1) {
        const run = Math.floor(item.index / claims.length);
        if (!args.quiet) io.log(`[${run + 1}/${seeds.length}] seed ${item.seed}: ${claims.length - bad.length} as expected${bad.length ? `; not: ${bad.map((r) => `${r.id} (${r.verdict}, control ${r.control})`).join(', ')}` : ''}`);
        bad = [];
      }
    }
    const report = soakReport(args.budget, args.seed, seeds, byClaim);
    report.errata = errataRows(LEDGER, report.claims);
    writeReport(args.out, report);
    const html = args.html === 'none' ? null : await writeReportHtml(args.out, report, args.html);
    io.log('');
    io.log(soakTable(report));
    const misses = soakMisses(report.soak);
    if (misses.length) io.log(['', ...misses].join('\n'));
    const held = report.claims.filter(isGreen).length;
    io.log(`\n${held} of ${claims.length} claims as expected under all ${seeds.length} seeds (master seed ${args.seed}); wrote ${args.out}${html ? ` and ${html}` : ''}`);
    return held === claims.length ? 0 : 1;
  } finally {
    release();
  }
}
