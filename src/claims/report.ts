/** The claims table (terminal) and report/claims.json (the stable contract of DESIGN.md). */
import { requireArray, requireObject, requireString } from '../core/errors.ts';
import { writeFileAtomic } from './io.ts';
import { requireReport } from './require-report.ts';
import { fmt } from './runner.ts';
import type { ErratumRow } from '../errata/ledger.ts';
import type { BudgetName, ClaimResult, Figure } from './types.ts';
import type { SoakSection } from './soak.ts';
import type { ShardInfo } from './shard.ts';

export interface Report {
  version: 1;
  budget: BudgetName;
  seed: number;
  claims: ClaimResult[];
  /** Figure reproductions (data series) from claims that define `figures`. */
  figures?: Figure[];
  /**
   * The errata ledger (src/errata/), each entry with its claim's result in this run: verdict,
   * counterexample and the corrected statement's numbers (null when the claim was not run).
   * Additive to the version-1 contract: readers that predate it ignore the field.
   */
  errata?: ErratumRow[];
  /**
   * A soak run's summary (`gd-theory soak`, src/claims/soak.ts): the run seeds drawn from the
   * report's seed (the master seed) and, per claim, how often it held and its control was caught,
   * with every miss. The rows of `claims` then aggregate the runs. Additive to version 1.
   */
  soak?: SoakSection;
  /** A part of a sharded run (`check --shard i/N`): which part, and every claim of the whole run (for `merge`). */
  shard?: ShardInfo;
}

/** The JSON row: the contract fields first, diagnostics after. */
function jsonRow(r: ClaimResult) {
  return {
    id: r.id, family: r.family, source: r.source, kind: r.kind, verdict: r.verdict, runs: r.runs,
    worstSlack: r.worstSlack, medianSlack: r.medianSlack, control: r.control,
    controlRate: r.controlRate ?? null, controlCases: r.controlCases ?? 0, replay: r.replay, ms: r.ms,
    statement: r.statement, controlDescription: r.controlDescription ?? null, controlDetail: r.controlDetail ?? null,
    worstDetail: r.worstDetail ?? null, message: r.message ?? null, counterexample: r.counterexample ?? null,
    ...(r.slacks ? { slacks: r.slacks } : {}), ...(r.fit ? { fit: r.fit } : {}),
  };
}

export function reportJson(rep: Report): string {
  requireReport(rep);
  return JSON.stringify({ version: rep.version, budget: rep.budget, seed: rep.seed, claims: rep.claims.map(jsonRow), figures: rep.figures ?? [], errata: rep.errata ?? [], ...(rep.shard ? { shard: rep.shard } : {}), ...(rep.soak ? { soak: rep.soak } : {}) }, null, 2) + '\n';
}

export function writeReport(path: string, rep: Report): void {
  requireString(path, 'path');
  writeFileAtomic(path, reportJson(rep));
}

function pad(s: string, w: number): string {
  return s.length >= w ? s : s + ' '.repeat(w - s.length);
}

export function slackText(x: number | null): string {
  return x === null ? '—' : fmt(x);
}

/** The control column: caught/missed, with the catching rate when it is below 1 (e.g. 'caught 0.35'). */
export function controlText(r: Pick<ClaimResult, 'control' | 'controlRate'>): string {
  requireObject(r, 'r', 'a claim result');
  const rate = r.controlRate;
  return rate === null || rate === undefined || rate >= 1 || r.control === 'none' ? r.control : `${r.control} ${rate.toFixed(2)}`;
}

/** A fixed-width table, one row per claim (no timing column: the table is deterministic). */
/** An array of claim results (objects). */
function requireResults(results: readonly ClaimResult[]): void {
  requireArray(results, 'results', 'an array of claim results');
  for (const r of results) requireObject(r, 'results', 'an array of claim results (objects)');
}

export function claimsTable(results: ClaimResult[], withTime = true): string {
  requireResults(results);
  const head = ['claim', 'kind', 'verdict', 'runs', 'worst', 'median', 'control', 'replay', ...(withTime ? ['ms'] : [])];
  const rows = results.map((r) => [
    r.id, r.kind, r.verdict, String(r.runs), slackText(r.worstSlack), slackText(r.medianSlack), controlText(r), r.replay,
    ...(withTime ? [String(r.ms)] : []),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => pad(c, widths[j])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The same table as Markdown, for the README and issue notes. */
export function claimsMarkdown(results: ClaimResult[]): string {
  requireResults(results);
  const out = ['| claim | kind | verdict | runs | worst slack | median slack | control | replay |', '|---|---|---|---|---|---|---|---|'];
  for (const r of results) {
    out.push(`| \`${r.id}\` | ${r.kind} | ${r.verdict} | ${r.runs} | ${slackText(r.worstSlack)} | ${slackText(r.medianSlack)} | ${controlText(r)} | ${r.replay} |`);
  }
  return out.join('\n');
}

/**
 * A replayed case (`check --replay`): one case of the claim, no negative control, so the control
 * is not part of its verdict — it is as expected when the verdict is the kind's expected one.
 */
export function isReplayGreen(r: Pick<ClaimResult, 'kind' | 'verdict'>): boolean {
  requireObject(r, 'r', 'a claim result');
  return r.verdict === (r.kind === 'falsified' ? 'falsified-as-expected' : 'holds');
}

export function isGreen(r: ClaimResult): boolean {
  requireObject(r, 'r', 'a claim result');
  const expected = r.kind === 'falsified' ? 'falsified-as-expected' : 'holds';
  return r.verdict === expected && r.control === 'caught';
}
