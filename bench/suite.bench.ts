/**
 * Whole-suite wall time: `gd-theory check --budget quick` with --jobs 1 (serial, in the main thread)
 * against --jobs 2 (src/claims/pool.ts, two worker threads), each a fresh process (startup, claim
 * loading and the wasm build cache included), alternated in the same run: 1, 2, 1, 2, …
 * Prints the median wall times and the median of the paired speedups, and checks that the two
 * reports are identical apart from per-claim times (verdicts, slacks, replay strings, figures).
 * How much a second thread can give is a property of the machine, not of the pool: each pair is
 * therefore preceded by two *ceilings*, the speedup of a perfectly parallel loop run on this thread
 * plus one worker against this thread alone, measured at the same time — a scalar loop (what the
 * cores give to work that does not contend for floating-point units) and a Float64Array GEMM loop
 * (what they give to the claims' kind of work).
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

/**
 * Two loops, the same function bodies in both threads (a top-level loop would be compiled
 * differently): a scalar square-root loop, and a Float64Array dot-product GEMM (192³, in L2) — the
 * shape of the work inside most claims. The two vCPUs of this machine share floating-point
 * throughput: the scalar loop gains ~1.95× from the second thread, the GEMM only ~1.25–1.4×.
 */
const LOOPS = `function scalar() { let s = 0; for (let i = 0; i < 3e7; i++) s += Math.sqrt(i); return s; }
function gemm() {
  const n = 192, a = new Float64Array(n * n), b = new Float64Array(n * n), c = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) { a[i] = Math.sin(i); b[i] = Math.cos(i); }
  for (let rep = 0; rep < 6; rep++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0; const ai = i * n, bj = j * n;
    for (let k = 0; k < n; k++) s += a[ai + k] * b[bj + k];
    c[i * n + j] = s;
  }
  return c[7];
}`;

/**
 * The ceiling of a loop: wall ms of one call here alone, then of one call here and one in a worker
 * at once, alternated `reps` times; ceiling = 2·median(alone)/median(together).
 */
async function ceiling(loop: 'scalar' | 'gemm', reps = 7): Promise<number> {
  const run = new Function(`${LOOPS} return ${loop}();`) as () => number;
  const w = new Worker(`${LOOPS}
const port = require('node:worker_threads').parentPort;
port.on('message', () => { ${loop}(); port.postMessage('done'); });
port.postMessage('ready');`, { eval: true });
  await new Promise<void>((res) => w.once('message', () => res()));
  const alone: number[] = [], together: number[] = [];
  try {
    run();
    for (let r = 0; r < reps; r++) {
      let t0 = performance.now();
      run();
      alone.push(performance.now() - t0);
      const other = new Promise<void>((res) => w.once('message', () => res()));
      w.postMessage('go');
      t0 = performance.now();
      run();
      await other;
      together.push(performance.now() - t0);
    }
  } finally {
    await w.terminate();
  }
  return (2 * median(alone)) / median(together);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const reps = positiveIntArg(argv, '--reps', 3);
  const jobs = positiveIntArg(argv, '--jobs', 2);
  const budget = argValue(argv, '--budget') ?? 'quick';
  if (budget !== 'quick' && budget !== 'default') throw new Error(`--budget must be quick or default, got ${budget}`);
  console.log(`suite bench — ${machineLine()}; check --budget ${budget}, --jobs 1 vs --jobs ${jobs}, ${reps} alternated pairs\n`);
  const dir = mkdtempSync(join(tmpdir(), 'gd-suite-bench-'));
  const t1: number[] = [], tj: number[] = [], ceilScalar: number[] = [], ceilGemm: number[] = [];
  let identical = true, first = '';
  try {
    for (let r = 0; r < reps; r++) {
      ceilScalar.push(await ceiling('scalar'));
      ceilGemm.push(await ceiling('gemm'));
      const a = runSuite(1, budget, dir, `serial-${r}`);
      const b = runSuite(jobs, budget, dir, `pool-${r}`);
      if (!a.ok || !b.ok || !a.report || !b.report) throw new Error(`a suite run failed: ${a.tail} || ${b.tail}`);
      t1.push(a.wall); tj.push(b.wall);
      first ||= a.report;
      if (a.report !== first || b.report !== first) identical = false;
      console.log(`pair ${r + 1}: --jobs 1 ${a.wall.toFixed(1)} s, --jobs ${jobs} ${b.wall.toFixed(1)} s (ceilings now: scalar ${ceilScalar[r].toFixed(2)}×, f64 GEMM ${ceilGemm[r].toFixed(2)}×)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  printTable(['budget', 'jobs 1 wall s', `jobs ${jobs} wall s`, 'speedup', 'ceiling scalar loop', 'ceiling f64 GEMM loop'], [[
    budget, median(t1).toFixed(1), median(tj).toFixed(1), `${pairedRatio(t1, tj).toFixed(2)}×`, `${median(ceilScalar).toFixed(2)}×`, `${median(ceilGemm).toFixed(2)}×`,
  ]]);
  console.log(`\nreports identical apart from ms: ${identical ? 'yes' : 'NO'}`);
}

await main();
