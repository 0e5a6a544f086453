/**
 * Shared timing helpers of the benches: warm-up, batches, interleaved repetitions, medians, and a
 * plain table printer. Speed is printed, never asserted.
 */
import { cpus } from 'node:os';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/** Run step for ≥ warmSec (and ≥ 2 calls); returns its estimated seconds per call. */
export function warmUp(step: () => void, warmSec: number): number {
  const t0 = performance.now();
  let k = 0;
  while (performance.now() - t0 < warmSec * 1000 || k < 2) { step(); k++; }
  return (performance.now() - t0) / 1000 / k;
}

export function timeBatch(step: () => void, batch: number): number {
  const s = performance.now();
  for (let k = 0; k < batch; k++) step();
  return (performance.now() - s) / 1000 / batch;
}

/**
 * Interleaved timing of several implementations: after warming each, every repetition times one
 * batch (~batchSec) of each in turn, so load changes on a shared machine hit all alike. Returns the
 * median seconds per call of each, and per-repetition times for paired ratios.
 */
export function timeInterleaved(steps: readonly (() => void)[], reps: number, warmSec: number, batchSec: number): { med: number[]; per: number[][] } {
  const est = steps.map((s) => warmUp(s, warmSec));
  const batch = est.map((e) => Math.max(1, Math.round(batchSec / e)));
  const per: number[][] = steps.map(() => []);
  for (let r = 0; r < reps; r++) steps.forEach((s, i) => per[i].push(timeBatch(s, batch[i])));
  return { med: per.map(median), per };
}

/** Median over repetitions of t_a / t_b (paired: same repetition). */
export function pairedRatio(ta: readonly number[], tb: readonly number[]): number {
  return median(ta.map((t, r) => t / tb[r]));
}

export function printTable(head: string[], rows: string[][]): void {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((row) => (row[j] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, j) => (c ?? '').padStart(w[j])).join('  ');
  console.log(line(head));
  console.log(line(w.map((x) => '-'.repeat(x))));
  for (const row of rows) console.log(line(row));
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `node ${process.version}, ${cpu} (${cpus().length} logical cores)`;
}

export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export function positiveIntArg(argv: readonly string[], name: string, dflt: number): number {
  const v = argValue(argv, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}
