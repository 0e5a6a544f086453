/**
 * The committed theory baseline, fixtures/baseline/claims.json: the quick-budget report at seed 42
 * in the claims.json contract, compacted (no figures, per-run slacks or counterexamples; the errata
 * ledger as id, status, claim and verdict only). `ms` is kept to two significant digits: timing is
 * not part of the theory and the gate ignores it, but a fresh clone has no earlier report, and the
 * pool starts the longest claims first from these times (a one-claim tail ends a run otherwise).
 * `npm run baseline` refreshes it deliberately; the gate (`gd-theory diff`, and the per-claim "matches the theory baseline" tests under vitest) compares
 * against it.
 */
import { writeFileAtomic } from './io.ts';
import { existsSync, readFileSync } from 'node:fs';
import { GdTheoryError, requireString } from '../core/errors.ts';
import { requireReport } from './require-report.ts';
import { parseReport, type ReportLike } from './diff.ts';
import { isGreen, type Report } from './report.ts';

export const BASELINE_PATH = 'fixtures/baseline/claims.json';
export const BASELINE_BUDGET = 'quick';
export const BASELINE_SEED = 42;

/** The run to be blessed as a baseline has claims that are not as expected. */
export class BaselineError extends GdTheoryError {}

/** A time to two significant digits (1432 → 1400, 52 → 52): fewer churning lines when the baseline is refreshed. */
function twoDigits(ms: number): number {
  if (!(ms > 0)) return 0;
  const p = 10 ** Math.max(0, Math.floor(Math.log10(ms)) - 1);
  return Math.round(ms / p) * p;
}

export function baselineJson(rep: Report): string {
  requireReport(rep);
  const claims = rep.claims.map((r) => ({
    id: r.id, family: r.family, source: r.source, kind: r.kind, verdict: r.verdict, runs: r.runs,
    worstSlack: r.worstSlack, medianSlack: r.medianSlack, control: r.control,
    ...(r.controlRate !== undefined ? { controlRate: r.controlRate } : {}), replay: r.replay, ms: twoDigits(r.ms), statement: r.statement,
  }));
  // The ledger, compacted to what the gate reads, so that an erratum dropped from the ledger is seen too.
  const errata = (rep.errata ?? []).map((e) => ({
    id: e.id, catalog: e.catalog, status: e.status, claim: e.claim,
    result: e.result ? { verdict: e.result.verdict, control: e.result.control } : null,
  }));
  return JSON.stringify({ version: 1, budget: rep.budget, seed: rep.seed, claims, errata }, null, 2) + '\n';
}

/** Write the baseline from a full report; refuses a run with claims that are not as expected unless allowed. */
export function writeBaseline(rep: Report, path = BASELINE_PATH, allowFailing = false): string {
  requireReport(rep);
  requireString(path, 'path');
  const bad = rep.claims.filter((r) => !isGreen(r));
  if (bad.length && !allowFailing) {
    throw new BaselineError(`refusing to bless a baseline with ${bad.length} claim(s) not as expected: ${bad.map((r) => `${r.id} (${r.verdict}, control ${r.control})`).join(', ')}; fix them or pass --allow-failing`, 'report');
  }
  writeFileAtomic(path, baselineJson(rep));
  return path;
}

/** The committed baseline, or null when there is none. */
export function readBaseline(path = BASELINE_PATH): ReportLike | null {
  requireString(path, 'path');
  if (!existsSync(path)) return null;
  return parseReport(readFileSync(path, 'utf8'), path);
}
