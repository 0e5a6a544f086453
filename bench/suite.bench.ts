/**
 * Whole-suite wall time: `gd-theory check --budget quick` with --jobs 1 (serial, in the main thread)
 * against --jobs 2 (src/claims/pool.ts, two worker threads), each a fresh process (startup, claim
 * loading and the wasm build cache included), alternated in the same run: 1, 2, 1, 2, …
 * Prints the median wall times and the median of the paired speedups, and checks that the two
 * reports are identical apart from per-claim times (verdicts, slacks, replay strings, figures).
 * On a shared machine the other tenants decide how much of the second core there is: each pair is
 * therefore preceded by the *ceiling*, the speedup of a perfectly parallel CPU loop run on this thread
 * plus one worker against this thread alone, measured at the same time.
 *
 * Run: npm run bench:suite   Options: --reps N (default 3)  --budget quick|default  --jobs N (default 2)
 */
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argValue, machineLine, median, pairedRatio, positiveIntArg, printTable } from './common.ts';

interface Run { wall: number; report: string; ok: boolean; tail: string }

function runSuite(jobs: number, budget: string, dir: string, tag: string): Run {
  const out = join(dir, `${tag}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', '--budget', budget, '--jobs', String(jobs), '--out', out, '--html', 'none'], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-2).join(' | ');
  let report = '';
  try {
    const rep = JSON.parse(readFileSync(out, 'utf8')) as { claims: { ms?: number }[] };
    for (const c of rep.claims) delete c.ms;
    report = JSON.stringify(rep);
  } catch {
    report = '';
  }
  return { wall, report, ok: r.status === 0 || r.status === 1, tail };
}

/** The same function body in both threads (a top-level loop would be compiled differently). */
const SPIN = 'function spin() { let s = 0; for (let i = 0; i < 2e8; i++) s += Math.sqrt(i); return s; }';

/** Wall seconds of one spin here, then of one spin here and one in a worker at once: ceiling = 2·t1/t2. */
async function ceiling(): Promise<number> {
  const spin = new Function(`${SPIN} return spin();`) as () => number;
  const t0 = performance.now();
  spin();
  const t1 = performance.now();
  const w = new Worker(`${SPIN} require('node:worker_threads').parentPort.postMessage(spin());`, { eval: true });
  const other = new Promise<void>((res) => w.once('message', () => res()));
  await new Promise<void>((res) => w.once('online', () => res()));
  const t2 = performance.now();
  spin();
  await other;
  const t3 = performance.now();
  await w.terminate();
  return (2 * (t1 - t0)) / (t3 - t2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const reps = positiveIntArg(argv, '--reps', 3);
  const jobs = positiveIntArg(argv, '--jobs', 2);
  const budget = argValue(argv, '--budget') ?? 'quick';
  if (budget !== 'quick' && budget !== 'default') throw new Error(`--budget must be quick or default, got ${budget}`);
  console.log(`suite bench — ${machineLine()}; check --budget ${budget}, --jobs 1 vs --jobs ${jobs}, ${reps} alternated pairs\n`);
  const dir = mkdtempSync(join(tmpdir(), 'gd-suite-bench-'));
  const t1: number[] = [], tj: number[] = [], ceil: number[] = [];
  let identical = true, first = '';
  try {
    for (let r = 0; r < reps; r++) {
      ceil.push(await ceiling());
      const a = runSuite(1, budget, dir, `serial-${r}`);
      const b = runSuite(jobs, budget, dir, `pool-${r}`);
      if (!a.ok || !b.ok || !a.report || !b.report) throw new Error(`a suite run failed: ${a.tail} || ${b.tail}`);
      t1.push(a.wall); tj.push(b.wall);
      first ||= a.report;
      if (a.report !== first || b.report !== first) identical = false;
      console.log(`pair ${r + 1}: --jobs 1 ${a.wall.toFixed(1)} s, --jobs ${jobs} ${b.wall.toFixed(1)} s (ceiling now ${ceil[r].toFixed(2)}×)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  printTable(['budget', 'jobs 1 wall s', `jobs ${jobs} wall s`, 'speedup', 'ceiling (2 threads, pure CPU)'], [[
    budget, median(t1).toFixed(1), median(tj).toFixed(1), `${pairedRatio(t1, tj).toFixed(2)}×`, `${median(ceil).toFixed(2)}×`,
  ]]);
  console.log(`\nreports identical apart from ms: ${identical ? 'yes' : 'NO'}`);
}

await main();
