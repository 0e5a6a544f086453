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
 */
import { BASELINE_PATH } from './baseline.ts';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError, requireArray, requireFiniteNumber, requireObject, requireString } from '../core/errors.ts';
import { requireBudgetName, requireClaim } from './claim.ts';
import { claimFigures, runClaim } from './runner.ts';
import { defaultPropertiesRoot } from './registry.ts';
import type { BudgetName, Claim, ClaimResult, Figure } from './types.ts';

export interface PoolOptions {
  /** Threads: this one plus jobs − 1 workers (1 = serial, no worker). Default defaultJobs(). */
  jobs?: number;
  budget: BudgetName;
  seed: number;
  replay?: { seed: number; path?: string };
  skipControl?: boolean;
  /** Compute each claim's figures too (the CLI does, except with --replay). */
  figures: boolean;
  /** The property root the workers load, or its files (`--claims`); default as loadClaims. */
  root?: string | readonly string[];
  /** Milliseconds per claim id from an earlier run, to start the longest claims first. */
  costHints?: Readonly<Record<string, number>>;
}

export interface PoolItem {
  index: number;
  claim: Claim;
  result: ClaimResult;
  figures: Figure[];
}

/** Messages between the pool and its workers. */
export type ToWorker = { type: 'run'; index: number; id: string } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; index: number; result: ClaimResult; figures: Figure[] }
  | { type: 'failed'; index: number; message: string }
  | { type: 'fatal'; message: string };
export interface WorkerSetup { root: string | readonly string[]; budget: BudgetName; seed: number; figures: boolean; replay?: { seed: number; path?: string }; skipControl?: boolean }

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

function runHere(claim: Claim, opts: PoolOptions): { result: ClaimResult; figures: Figure[] } {
  const result = runClaim(claim, { budget: opts.budget, seed: opts.seed, replay: opts.replay, skipControl: opts.skipControl });
  return { result, figures: opts.figures ? claimFigures(claim, opts.budget, opts.seed) : [] };
}

/** A result for a claim whose worker died (an OOM or a crash outside runClaim's own catch). */
function crashResult(claim: Claim, message: string): ClaimResult {
  return {
    id: claim.id, family: claim.family ?? 'unregistered', source: claim.source, kind: claim.kind, verdict: 'error', runs: 0,
    worstSlack: null, medianSlack: null, control: 'none', replay: '', ms: 0, statement: claim.statement,
    controlDescription: claim.controlDescription, message: `worker failed: ${message}`,
  };
}

/**
 * Run the claims, `jobs` at a time, yielding { index, claim, result, figures } in the claims'
 * order as soon as each prefix is complete. jobs = 1 (or one claim, or a replay) runs in this thread.
 */
/**
 * Run the claims, `jobs` at a time, yielding each result as it comes. The arguments are checked when
 * it is called (not at the first `next()`), so a bad call fails where it is made.
 */
export function runClaimsPool(claims: readonly Claim[], opts: PoolOptions): AsyncGenerator<PoolItem> {
  requireArray(claims, 'claims', 'an array of claims');
  for (const c of claims) requireClaim(c, 'claims');
  requireObject(opts, 'opts', 'pool options { budget, seed, figures, jobs?, ... }');
  requireBudgetName(opts.budget);
  requireFiniteNumber(opts.seed, 'seed');
  if (opts.jobs !== undefined && (!Number.isInteger(opts.jobs) || opts.jobs < 1)) throw new DomainError(`jobs must be a positive integer, got ${opts.jobs}`, 'jobs');
  return poolItems(claims, opts);
}

async function* poolItems(claims: readonly Claim[], opts: PoolOptions): AsyncGenerator<PoolItem> {
  const jobs = Math.min(opts.jobs ?? defaultJobs(), claims.length);
  if (!Number.isInteger(jobs) || jobs < 0) throw new DomainError(`jobs must be a positive integer, got ${opts.jobs}`, 'jobs');
  if (jobs <= 1 || opts.replay) {
    for (const [index, claim] of claims.entries()) yield { index, claim, ...runHere(claim, opts) };
    return;
  }
  // An earlier report's times, else the committed baseline's (a fresh clone has no report).
  const reportHints = readCostHints(resolve('report/claims.json'), opts.budget);
  const hints = opts.costHints ?? (Object.keys(reportHints).length ? reportHints : readCostHints(resolve(BASELINE_PATH), opts.budget));
  // Longest first (unknown cost counts as longest: new claims start early), ties in claim order.
  const queue = claims.map((_, i) => i).sort((a, b) => (hints[claims[b].id] ?? Infinity) - (hints[claims[a].id] ?? Infinity) || a - b);
  const done = new Map<number, { result: ClaimResult; figures: Figure[] }>();
  const setup: WorkerSetup = {
    root: typeof opts.root === 'string' || opts.root === undefined ? resolve(opts.root ?? defaultPropertiesRoot()) : opts.root, budget: opts.budget, seed: opts.seed, figures: opts.figures,
    replay: opts.replay, skipControl: opts.skipControl,
  };
  // The worker is TypeScript: a two-line bootstrap registers tsx's loader in the worker thread,
  // then imports it (Node 20 does not apply an `--import tsx` execArgv to a worker's .ts entry).
  // (pool-worker.js beside this file in the built package, dist/src/claims/.)
  const workerUrl = new URL(`./pool-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(workerUrl)}); })`
    + '.catch((e) => { require("node:worker_threads").parentPort.postMessage({ type: "fatal", message: String(e && e.stack || e) }); });';
  let wake: (() => void) | null = null;
  const notify = () => { const w = wake; wake = null; w?.(); };
  const workers = new Set<Worker>();
  let warned = false;

  // `jobs` workers, one claim in flight each: the round trip costs well under a millisecond, and a
  // second queued claim would only let one worker hold work the other could be running at the end.
  const spawn = (): void => {
    const w = new Worker(bootstrap, { eval: true, workerData: setup });
    workers.add(w);
    let inflight: number | undefined;
    let ready = false;
    const feed = (): void => {
      if (!ready || inflight !== undefined) return;
      inflight = queue.shift();
      if (inflight === undefined) { void w.terminate(); return; }
      w.postMessage({ type: 'run', index: inflight, id: claims[inflight].id } satisfies ToWorker);
    };
    const settle = (index: number, r: { result: ClaimResult; figures: Figure[] }): void => {
      if (inflight === index) inflight = undefined;
      done.set(index, r);
      notify();
    };
    /** A worker that cannot run claims: hand its claim back (the others, or this thread, run it). */
    const retire = (message: string): void => {
      if (!warned) { warned = true; process.stderr.write(`gd-theory: a claim worker is unavailable, continuing with fewer (${message.split('\n')[0]})\n`); }
      if (inflight !== undefined) queue.unshift(inflight);
      inflight = undefined;
      ready = false;
      void w.terminate();
      notify();
    };
    w.on('message', (m: FromWorker) => {
      if (m.type === 'ready') { ready = true; feed(); }
      else if (m.type === 'done') { settle(m.index, { result: m.result, figures: m.figures }); feed(); }
      else if (m.type === 'failed') { settle(m.index, { result: crashResult(claims[m.index], m.message), figures: [] }); feed(); }
      else retire(m.message);
    });
    w.on('error', (e: Error) => {
      // A crash while running a claim: it is reported as an error (not silently re-run).
      if (inflight !== undefined) settle(inflight, { result: crashResult(claims[inflight], `${e.name}: ${e.message}`), figures: [] });
      if (!ready) retire(`${e.name}: ${e.message}`);
    });
    w.on('exit', (code) => {
      workers.delete(w);
      if (inflight !== undefined) settle(inflight, { result: crashResult(claims[inflight], `worker exited with code ${code}`), figures: [] });
      notify();
    });
  };

  try {
    for (let j = 0; j < jobs; j++) spawn();
    for (let index = 0; index < claims.length; index++) {
      while (!done.has(index)) {
        if (workers.size === 0) {
          // Every worker is gone (none could start): run what is left in this thread.
          const mine = queue.shift();
          if (mine === undefined) throw new DomainError(`claim ${claims[index].id} was never run: every worker exited`, 'jobs');
          done.set(mine, runHere(claims[mine], opts));
          continue;
        }
        await new Promise<void>((r) => { wake = r; });
      }
      const r = done.get(index) as { result: ClaimResult; figures: Figure[] };
      done.delete(index);
      yield { index, claim: claims[index], ...r };
    }
  } finally {
    for (const w of workers) void w.terminate();
  }
}
