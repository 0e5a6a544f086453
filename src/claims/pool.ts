/**
 * Parallel claims: `check --jobs N` runs independent claims at once on N node:worker_threads
 * workers. Each worker imports the property files itself (through tsx, as the CLI does), receives
 * claim ids one at a time, runs runClaim and claimFigures exactly as the serial loop does, and posts
 * the result back. This thread only hands out claims and yields results: a claim run here would
 * block its event loop, and a worker that finished meanwhile would sit idle until it returned
 * (measured: 1.29× on 2 quiet cores that way, against a 1.95× ceiling). A claim's cases are seeded from (run seed, claim id) only (src/claims/seed.ts), so
 * which worker runs it, and in which order, cannot change a verdict, a slack or a replay string:
 * the results are those of the serial run (only `ms` differs), yielded in the claims' order.
 *
 * There are no threads inside a claim or a GD step: parallelism is across claims only. Work is
 * handed out longest-first when an earlier report (report/claims.json at the same budget) gives
 * each claim's time, so that one long claim does not end the run alone; otherwise in order.
 *
 * A hung claim fails, it does not hang (issue 14). Every claim loaded from a property file runs on
 * a worker, `--jobs 1` too (one worker), each worker loading only the property files of the claims
 * it may be sent. A claim that runs past its budget's time limit (TIME_LIMIT_MS, `--time-limit`)
 * has its worker terminated — a synchronous loop cannot be interrupted any other way — and is
 * reported as verdict `error` with the case that was running (the worker writes the phase, the
 * fast-check seed and the case index to a SharedArrayBuffer before each case): its replay string is
 * `seed:index` for a case of the claim itself. A fresh worker takes the remaining claims. Claims
 * that have no file (made in a test, not loaded) run on this thread, without a time limit.
 */
import { BASELINE_PATH } from './baseline.ts';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError, requireArray, requireFiniteNumber, requireObject, requireString } from '../core/errors.ts';
import { requireBudgetName, requireClaim } from './claim.ts';
import { CASE_PHASES, claimFigures, fmt, runClaim, type CasePhase, type RunOptions } from './runner.ts';
import { claimSeed } from './seed.ts';
import type { BudgetName, Claim, ClaimResult, Figure } from './types.ts';

/**
 * The time one claim may take (its cases, its control's and its figures) before it is stopped and
 * reported as `error`, per budget. The slowest quick claim takes about 2 s on a quiet machine and
 * the slowest deep one about 20 min (figure 2.1 at paper scale, 10 min for claim and control plus
 * 10 min of figures): the limits leave a 30×–60× margin for a loaded machine and still end a
 * hung CI run within minutes.
 */
export const TIME_LIMIT_MS: Readonly<Record<BudgetName, number>> = Object.freeze({ quick: 120_000, default: 900_000, deep: 4 * 3_600_000 });

export interface PoolOptions {
  /** Threads: jobs workers (1 = one worker; claims without a file run on this thread). Default defaultJobs(). */
  jobs?: number;
  budget: BudgetName;
  seed: number;
  replay?: { seed: number; path?: string };
  skipControl?: boolean;
  /** Compute each claim's figures too (the CLI does, except with --replay). */
  figures: boolean;
  /** Milliseconds per claim id from an earlier run, to start the longest claims first. */
  costHints?: Readonly<Record<string, number>>;
  /** Milliseconds a claim may run before it is stopped as `error` (default TIME_LIMIT_MS[budget]). */
  timeLimitMs?: number;
  /** Run every claim on this thread, without a worker or a time limit (GD_TIME_LIMIT=off under vitest). */
  inThread?: boolean;
}

/** One claim run: which claim (an index into the claims) at which run seed. */
export interface PoolTask {
  claim: number;
  seed: number;
}

export interface PoolItem {
  /** The task's index (runClaimsPool: the claim's index). */
  index: number;
  claim: Claim;
  seed: number;
  result: ClaimResult;
  figures: Figure[];
}

/** Messages between the pool and its workers. */
export type ToWorker = { type: 'run'; index: number; id: string; seed: number } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; index: number; result: ClaimResult; figures: Figure[] }
  | { type: 'failed'; index: number; message: string }
  | { type: 'fatal'; message: string };
export interface WorkerSetup {
  /** The property files to load (absolute paths). */
  files: string[];
  budget: BudgetName; figures: boolean; replay?: { seed: number; path?: string }; skipControl?: boolean;
  /** Three float64s the worker writes before each case: phase (index in CASE_PHASES, −1 none), fast-check seed, case index. */
  progress: SharedArrayBuffer;
}

/** Both cores by default: os.availableParallelism(). */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Parse a --jobs value: a positive integer. */
export function parseJobs(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new DomainError(`--jobs must be a positive integer, got ${text}`, 'jobs');
  return Number(text);
}

/** ms per claim id from an earlier report at the same budget (empty when there is none). */
export function readCostHints(path: string, budget: BudgetName): Record<string, number> {
  requireString(path, 'path');
  requireBudgetName(budget);
  const out: Record<string, number> = {};
  try {
    if (!existsSync(path)) return out;
    const rep = JSON.parse(readFileSync(path, 'utf8')) as { budget?: string; claims?: { id?: unknown; ms?: unknown }[] };
    if (rep.budget !== budget || !Array.isArray(rep.claims)) return out;
    for (const c of rep.claims) if (typeof c.id === 'string' && typeof c.ms === 'number' && Number.isFinite(c.ms)) out[c.id] = c.ms;
  } catch {
    // an unreadable report only loses the ordering hint
  }
  return out;
}

/** The run options of one claim run (the worker builds the same, plus its progress hook). */
export function runOptionsOf(budget: BudgetName, seed: number, setup: Pick<WorkerSetup, 'replay' | 'skipControl'>, onCase?: RunOptions['onCase']): RunOptions {
  return { budget, seed, replay: setup.replay, skipControl: setup.skipControl, onCase };
}

function runHere(claim: Claim, seed: number, opts: PoolOptions): { result: ClaimResult; figures: Figure[] } {
  const result = runClaim(claim, runOptionsOf(opts.budget, seed, opts));
  return { result, figures: opts.figures ? claimFigures(claim, opts.budget, seed) : [] };
}

/** A result for a claim whose run did not end with one (its worker died or was stopped). */
function errorResult(claim: Claim, message: string, replay = '', ms = 0): ClaimResult {
  return {
    id: claim.id, family: claim.family ?? 'unregistered', source: claim.source, kind: claim.kind, verdict: 'error', runs: 0,
    worstSlack: null, medianSlack: null, control: 'none', controlRate: null, controlCases: 0, replay, ms, statement: claim.statement,
    controlDescription: claim.controlDescription, message,
  };
}

/** What a stopped claim was doing, from its worker's progress buffer: the message and replay string. */
export function describeTimeout(
  claim: Claim, budget: BudgetName, limitMs: number, progress: Float64Array, runSeed: number, replay?: { seed: number; path?: string },
): { message: string; replay: string } {
  const phase: CasePhase | undefined = CASE_PHASES[progress[0]];
  const seed = progress[1], index = progress[2];
  const head = `ran past the ${budget} budget's time limit of ${fmt(limitMs / 1000)} s and was stopped`;
  // Outside the claim's own cases, --replay cannot reach the running case: the claim's seed, and the run to repeat.
  const own = String(replay?.seed ?? claimSeed(runSeed, claim.id));
  const rerun = `; re-run the claim: npm run check -- --filter '=${claim.id}' --budget ${budget} --seed ${runSeed}`;
  if (phase === 'claim') {
    // A replay runs the one case its path names; a run's case k has the path k.
    const at = replay ? `${replay.seed}${replay.path ? `:${replay.path}` : ''}` : `${seed}:${index}`;
    return { message: `${head} in its case ${at} (fast-check seed:path); replay that case: npm run check -- --filter '=${claim.id}' --budget ${budget} --replay ${at}`, replay: at };
  }
  if (phase === 'shrink') return { message: `${head} while shrinking a failing case (fast-check seed ${seed}, shrink step ${index})${rerun}`, replay: own };
  if (phase === 'control') return { message: `${head} in its negative control's case ${index} (the control's fast-check seed ${seed}, path ${index})${rerun}`, replay: own };
  if (phase === 'figures') return { message: `${head} computing its figures (seed ${seed})${rerun}`, replay: own };
  return { message: `${head} before its first case (loading or building its cases)${rerun}`, replay: own };
}

/** The worker's entry: a two-line bootstrap that registers tsx's loader in the thread, then imports pool-worker.ts. */
function workerBootstrap(): string {
  // Node 20 does not apply an `--import tsx` execArgv to a worker's .ts entry; under vitest's module
  // runner import.meta.resolve may be missing, and require.resolve finds the same file.
  // (pool-worker.js beside this file in the built package, dist/src/claims/.)
  const workerUrl = new URL(`./pool-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url).href;
  const tsxApi = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsxUrl = tsxApi.startsWith('file:') ? tsxApi : new URL(`file://${tsxApi}`).href;
  return `import(${JSON.stringify(tsxUrl)}).then((t) => { t.register(); return import(${JSON.stringify(workerUrl)}); })`
    + '.catch((e) => { require("node:worker_threads").parentPort.postMessage({ type: "fatal", message: String(e && e.stack || e) }); });';
}

/**
 * Run the claims, `jobs` at a time, yielding { index, claim, result, figures } in the claims'
 * order as soon as each prefix is complete.
 */
export function runClaimsPool(claims: readonly Claim[], opts: PoolOptions): AsyncGenerator<PoolItem> {
  requireArray(claims, 'claims', 'an array of claims');
  requireObject(opts, 'opts', 'pool options { budget, seed, figures, jobs?, ... }');
  return runTasksPool(claims, claims.map((_, i) => ({ claim: i, seed: opts.seed })), opts);
}

/**
 * Run the tasks (claim, run seed) — a soak runs every claim under each of its seeds — on `jobs`
 * workers, yielding them in task order as soon as each prefix is complete.
 */
export function runTasksPool(claims: readonly Claim[], tasks: readonly PoolTask[], opts: PoolOptions): AsyncGenerator<PoolItem> {
  requireArray(claims, 'claims', 'an array of claims');
  for (const c of claims) requireClaim(c, 'claims');
  requireArray(tasks, 'tasks', 'an array of tasks { claim, seed }');
  for (const t of tasks) {
    requireObject(t, 'tasks', 'an array of tasks { claim, seed }');
    if (!Number.isInteger(t.claim) || t.claim < 0 || t.claim >= claims.length) throw new DomainError(`tasks: claim ${t.claim} is not an index of claims`, 'tasks');
    requireFiniteNumber(t.seed, 'seed');
  }
  requireObject(opts, 'opts', 'pool options { budget, seed, figures, jobs?, ... }');
  requireBudgetName(opts.budget);
  requireFiniteNumber(opts.seed, 'seed');
  if (opts.jobs !== undefined && (!Number.isInteger(opts.jobs) || opts.jobs < 1)) throw new DomainError(`jobs must be a positive integer, got ${opts.jobs}`, 'jobs');
  return taskItems(claims, tasks, opts);
}

async function* taskItems(claims: readonly Claim[], tasks: readonly PoolTask[], opts: PoolOptions): AsyncGenerator<PoolItem> {
  const onWorker = (i: number): boolean => !opts.inThread && claims[tasks[i].claim].file !== undefined;
  const withFile = tasks.map((_, i) => i).filter(onWorker);
  const jobs = Math.min(opts.jobs ?? defaultJobs(), withFile.length);
  if (!Number.isInteger(jobs) || jobs < 0) throw new DomainError(`jobs must be a positive integer, got ${opts.jobs}`, 'jobs');
  const limitMs = opts.timeLimitMs ?? TIME_LIMIT_MS[opts.budget];
  if (!(limitMs > 0)) throw new DomainError(`the time limit must be positive, got ${limitMs} ms`, 'timeLimitMs');
  // An earlier report's times, else the committed baseline's (a fresh clone has no report).
  const reportHints = readCostHints(resolve('report/claims.json'), opts.budget);
  const hints = opts.costHints ?? (Object.keys(reportHints).length ? reportHints : readCostHints(resolve(BASELINE_PATH), opts.budget));
  const cost = (i: number): number => hints[claims[tasks[i].claim].id] ?? Infinity;
  // Longest first (unknown cost counts as longest: new claims start early), ties in task order.
  const queue = [...withFile].sort((a, b) => cost(b) - cost(a) || a - b);
  // Claims without a file cannot be loaded by a worker (nor any, with inThread): this thread runs them, in order.
  const local = tasks.map((_, i) => i).filter((i) => !onWorker(i));
  const done = new Map<number, { result: ClaimResult; figures: Figure[] }>();
  const files = [...new Set(withFile.map((i) => resolve(claims[tasks[i].claim].file as string)))];
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };
  const workers = new Set<Worker>();
  let warned = false;
  let bootstrap: string | undefined;

  // `jobs` workers, one claim in flight each: the round trip costs well under a millisecond, and a
  // second queued claim would only let one worker hold work the other could be running at the end.
  const spawn = (): void => {
    const progress = new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT);
    const setup: WorkerSetup = { files, budget: opts.budget, figures: opts.figures, replay: opts.replay, skipControl: opts.skipControl, progress };
    const w = new Worker(bootstrap ??= workerBootstrap(), { eval: true, workerData: setup });
    workers.add(w);
    let inflight: number | undefined;
    let started = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ready = false;
    const feed = (): void => {
      if (!ready || inflight !== undefined) return;
      inflight = queue.shift();
      if (inflight === undefined) { void w.terminate(); return; }
      const task = tasks[inflight];
      new Float64Array(progress).fill(-1);
      started = performance.now();
      const index = inflight;
      timer = setTimeout(() => stop(index), limitMs);
      w.postMessage({ type: 'run', index, id: claims[task.claim].id, seed: task.seed } satisfies ToWorker);
    };
    const settle = (index: number, r: { result: ClaimResult; figures: Figure[] }): void => {
      if (inflight === index) { inflight = undefined; clearTimeout(timer); }
      if (!done.has(index)) done.set(index, r);
      notify();
    };
    /** The claim ran past the time limit: stop its worker, report the case, start a fresh worker for the rest. */
    const stop = (index: number): void => {
      if (inflight !== index) return;
      inflight = undefined;
      ready = false;
      // The result and the replacement worker first: when this one's exit is seen, nothing is lost.
      const claim = claims[tasks[index].claim];
      const t = describeTimeout(claim, opts.budget, limitMs, new Float64Array(progress), tasks[index].seed, opts.replay);
      done.set(index, { result: errorResult(claim, t.message, t.replay, Math.round(performance.now() - started)), figures: [] });
      if (queue.length) spawn();
      void w.terminate();
      notify();
    };
    /** A worker that cannot run claims: hand its claim back (the others, or this thread, run it). */
    const retire = (message: string): void => {
      if (!warned) { warned = true; process.stderr.write(`gd-theory: a claim worker is unavailable, continuing with fewer (${message.split('\n')[0]})\n`); }
      if (inflight !== undefined) { queue.unshift(inflight); clearTimeout(timer); }
      inflight = undefined;
      ready = false;
      void w.terminate();
      notify();
    };
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready') { ready = true; feed(); }
      else if (m.type === 'done') { settle(m.index, { result: m.result, figures: m.figures }); feed(); }
      else if (m.type === 'failed') { settle(m.index, { result: errorResult(claims[tasks[m.index].claim], `worker failed: ${m.message}`), figures: [] }); feed(); }
      else retire(m.message);
    });
    w.on('error', (e: Error) => {
      // A crash while running a claim: it is reported as an error (not silently re-run).
      if (inflight !== undefined) settle(inflight, { result: errorResult(claims[tasks[inflight].claim], `worker failed: ${e.name}: ${e.message}`), figures: [] });
      if (!ready) retire(`${e.name}: ${e.message}`);
    });
    w.on('exit', (code) => {
      workers.delete(w);
      clearTimeout(timer);
      if (inflight !== undefined) settle(inflight, { result: errorResult(claims[tasks[inflight].claim], `worker failed: worker exited with code ${code}`), figures: [] });
      notify();
    });
  };

  try {
    for (let j = 0; j < jobs; j++) spawn();
    for (let index = 0; index < tasks.length; index++) {
      while (!done.has(index)) {
        const mine = local[0] === index ? local.shift() : workers.size === 0 ? queue.shift() : undefined;
        if (mine !== undefined) {
          // A claim without a file, or every worker gone (none could start): run it on this thread.
          done.set(mine, runHere(claims[tasks[mine].claim], tasks[mine].seed, opts));
          continue;
        }
        if (workers.size === 0) throw new DomainError(`claim ${claims[tasks[index].claim].id} was never run: every worker exited`, 'jobs');
        await new Promise<void>((r) => { wake = r; });
      }
      const r = done.get(index) as { result: ClaimResult; figures: Figure[] };
      done.delete(index);
      const task = tasks[index];
      yield { index, claim: claims[task.claim], seed: task.seed, ...r };
    }
  } finally {
    for (const w of workers) void w.terminate();
  }
}

/**
 * Results on demand (the vitest adapter): run(i) is claim i's result. The first call starts the
 * pool over all the claims, in order; each result settles its promise as it arrives.
 */
export function claimRunner(claims: readonly Claim[], opts: PoolOptions): (index: number) => Promise<ClaimResult> {
  let results: Promise<ClaimResult>[] | null = null;
  const start = (): Promise<ClaimResult>[] => {
    const settlers = claims.map(() => ({ resolve: (_r: ClaimResult) => {}, reject: (_e: unknown) => {} }));
    const promises = claims.map((_, i) => new Promise<ClaimResult>((res, rej) => { settlers[i] = { resolve: res, reject: rej }; }));
    // A result no test asks for (a skipped test) must not become an unhandled rejection.
    for (const p of promises) p.catch(() => {});
    void (async () => {
      let next = 0;
      try {
        for await (const item of runClaimsPool(claims, opts)) { settlers[item.index].resolve(item.result); next = item.index + 1; }
      } catch (e) {
        for (let i = next; i < claims.length; i++) settlers[i].reject(e);
      }
    })();
    return promises;
  };
  return (index) => (results ??= start())[index];
}
