/**
 * The theory-regression gate: compare two report/claims.json files (a base and a head) claim by
 * claim. A claim whose verdict leaves the expected one, whose negative control stops being caught,
 * whose worst slack moves past the threshold (either way), whose number of cases drops or whose
 * kind changes is a regression; so is a claim that disappeared. New claims and fixed claims are
 * listed but are not regressions. Timing (`ms`) and the replay string are never compared.
 *
 * Default threshold — a worst slack moves when |head − base| > max(rel·|base|, abs), with
 * rel = 0.02 and abs = 1e-3:
 *   - slacks are deterministic for a fixed budget and seed, so an honest refactor moves them only
 *     by round-off (~1e-12 relative for a bound). 2% relative catches a constant that was loosened
 *     or tightened by ≥ 2% and any real change of the measured quantity at that level;
 *   - `exact` slacks are an error over a tolerance, usually round-off over a tolerance ≥ 100× larger
 *     (slack ≲ 1e-3), and reordering a sum can double round-off: the absolute floor 1e-3 (a
 *     thousandth of the way to failing) keeps such moves from tripping the gate;
 *   - both directions count: up is closer to failing; down means a weaker statement (a loosened
 *     constant) or a changed computation (a kernel that lost a factor often makes the observed side
 *     smaller). A deliberate change is accepted by refreshing the baseline (`npm run baseline`).
 * `falsified` claims are compared on verdict and control only: the size of a counterexample's
 * violation is not a property of the theory.
 *
 * A negative control's catching rate (issue 14: the fraction of its generated cases that caught it,
 * `controlRate`) is deterministic at a fixed budget and seed like a slack; a drop of more than
 * `rate` (default 0.05, i.e. more than one case in twenty) is a regression: the control got weaker
 * and may be missed under another seed. A rise is not news. Rows without the field (reports made
 * before it) are not compared.
 *
 * The errata ledger (issue 13) adds one regression per erratum: a `falsified` entry whose claim was
 * falsified-as-expected in the base and is not in the head (its counterexample stopped reproducing,
 * or the corrected statement stopped holding on it) is named by the erratum id, next to its claim's
 * own verdict regression, so the gate says which printed error lost its demonstration. An entry that
 * leaves the ledger is a regression too; a changed status is listed.
 */
import { DomainError, GdTheoryError, NonFiniteError, requireArray, requireFiniteNumber, requireNumber, requireObject, requireString } from '../core/errors.ts';
import type { ClaimKind } from './types.ts';

/** A report file that is not a claims report (bad JSON, wrong version, missing fields). */
export class ReportFormatError extends GdTheoryError {}

/** Two reports made at different budgets or seeds: their slacks are not comparable. */
export class IncomparableReportsError extends GdTheoryError {}

/** The fields of one report row that the gate reads. */
export interface ClaimRow {
  id: string;
  kind: ClaimKind;
  verdict: string;
  runs: number;
  worstSlack: number | null;
  medianSlack: number | null;
  control: string;
  /** Fraction of the control's cases that caught it (absent: not recorded, or no control run). */
  controlRate?: number | null;
  family?: string;
  statement?: string;
}

/** The fields of one errata-ledger row that the gate reads (report/claims.json `errata`). */
export interface ErratumRowLike {
  id: string;
  status: string;
  claim: string | null;
  /** The claim's verdict in the run (null: no claim, or not run). */
  verdict: string | null;
}

export interface ReportLike {
  version: number;
  budget: string;
  seed: number;
  claims: ClaimRow[];
  /** Absent in reports made before the ledger: the erratum rules then only read the head's. */
  errata?: ErratumRowLike[];
}

export interface Threshold {
  /** Relative move of the worst slack that counts (0.02 = 2%). */
  rel: number;
  /** Absolute floor of a move that counts, in slack units (1 = failing). */
  abs: number;
  /** Drop of a control's catching rate that counts (absolute, in [0, 1]). */
  rate: number;
}

export const DEFAULT_THRESHOLD: Readonly<Threshold> = Object.freeze({ rel: 0.02, abs: 1e-3, rate: 0.05 });

export type ChangeType = 'verdict' | 'control' | 'control-rate' | 'slack' | 'runs' | 'kind' | 'removed' | 'added' | 'erratum';

export interface ClaimChange {
  id: string;
  type: ChangeType;
  /** A regression fails the gate; other changes (new claim, fixed claim) are listed only. */
  regression: boolean;
  message: string;
}

export interface DiffResult {
  budget: string;
  seed: number;
  threshold: Threshold;
  /** Claims present in both reports. */
  compared: number;
  changes: ClaimChange[];
  /** Regression entries (a claim can have several: verdict and slack, say). */
  regressions: number;
}

const EXPECTED_VERDICT = (kind: ClaimKind): string => (kind === 'falsified' ? 'falsified-as-expected' : 'holds');

function num(x: number | null): string {
  if (x === null) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(3) : x.toPrecision(4);
}

/** Does the worst slack move past the threshold? */
/** A threshold { rel, abs }: finite and ≥ 0 (a NaN would silently hide every move). */
function requireThreshold(t: Pick<Threshold, 'rel' | 'abs'>): void {
  requireObject(t, 't', 'a threshold { rel, abs }');
  for (const k of ['rel', 'abs'] as const) {
    requireFiniteNumber(t[k], k);
    if (t[k] < 0) throw new DomainError(`${k} must be ≥ 0, got ${t[k]}`, k);
  }
}

/** A report to compare: an object with an array of claim rows (files are checked by parseReport). */
function requireComparable(r: ReportLike, argument: string): void {
  requireObject(r, argument, 'a report { budget, seed, claims, errata? }');
  requireArray(r.claims, 'claims', 'an array of claim rows');
}

export function slackMoved(base: number, head: number, t: Pick<Threshold, 'rel' | 'abs'>): boolean {
  // ±∞ are slacks (a case that failed a hypothesis); NaN is none: it would read as "not moved".
  for (const [x, name] of [[base, 'base'], [head, 'head']] as const) {
    if (Number.isNaN(requireNumber(x, name))) throw new NonFiniteError(`${name} slack must be a number or ±Infinity, got NaN`, name);
  }
  requireThreshold(t);
  return Math.abs(head - base) > Math.max(t.rel * Math.abs(base), t.abs);
}

/** The changes of one claim present in both reports. */
export function diffClaim(base: ClaimRow, head: ClaimRow, t: Threshold = DEFAULT_THRESHOLD): ClaimChange[] {
  requireObject(base, 'base', 'a claim row');
  requireObject(head, 'head', 'a claim row');
  requireThreshold(t);
  const out: ClaimChange[] = [];
  const id = head.id;
  if (base.kind !== head.kind) {
    out.push({ id, type: 'kind', regression: true, message: `kind ${base.kind} → ${head.kind} (the statement changed)` });
  }
  if (base.verdict !== head.verdict) {
    const wasOk = base.verdict === EXPECTED_VERDICT(base.kind);
    const isOk = head.verdict === EXPECTED_VERDICT(head.kind);
    out.push({
      id, type: 'verdict', regression: !isOk,
      message: `verdict ${base.verdict} → ${head.verdict}${isOk && !wasOk ? ' (fixed)' : ''}`,
    });
  }
  if (base.control !== head.control) {
    const regression = head.control !== 'caught';
    out.push({
      id, type: 'control', regression,
      message: `${head.kind === 'falsified' ? 'corrected-statement control' : 'negative control'} ${base.control} → ${head.control}${!regression ? '' : head.kind === 'falsified' ? ' (no counterexample for the corrected statement to hold on)' : ' (the check no longer tells the false variant apart)'}`,
    });
  }
  const br = base.controlRate, hr = head.controlRate;
  if (typeof br === 'number' && typeof hr === 'number' && br - hr > t.rate) {
    out.push({ id, type: 'control-rate', regression: true, message: `control catching rate ${br.toFixed(3)} → ${hr.toFixed(3)} (fewer cases catch the false variant)` });
  }
  if (head.kind !== 'falsified' && base.kind !== 'falsified') {
    // A failing run stops at its first failure: fewer runs then is a consequence, not news.
    const stoppedEarly = head.verdict === 'fails' || head.verdict === 'error';
    if (head.runs < base.runs && !stoppedEarly) {
      out.push({ id, type: 'runs', regression: true, message: `runs ${base.runs} → ${head.runs} (fewer cases checked)` });
    }
    const b = base.worstSlack, h = head.worstSlack;
    if (b === null || h === null) {
      if (b !== h) out.push({ id, type: 'slack', regression: true, message: `worst slack ${num(b)} → ${num(h)}` });
    } else if (slackMoved(b, h, t)) {
      const ratio = b !== 0 ? h / b : Infinity;
      const rel = b === 0 ? '' : Math.abs(ratio) >= 10 || (ratio > 0 && ratio <= 0.1) ? ` (×${num(ratio)})` : ` (${h > b ? '+' : ''}${(((h - b) / Math.abs(b)) * 100).toFixed(1)}%)`;
      const dir = h > b ? 'closer to failing' : 'looser: weaker statement or changed computation';
      out.push({ id, type: 'slack', regression: true, message: `worst slack ${num(b)} → ${num(h)}${rel}, ${dir}` });
    }
  }
  return out;
}

/** Compare two reports; throws IncomparableReportsError when budget or seed differ. */
export function diffReports(base: ReportLike, head: ReportLike, t: Threshold = DEFAULT_THRESHOLD): DiffResult {
  requireComparable(base, 'base');
  requireComparable(head, 'head');
  requireThreshold(t);
  if (base.budget !== head.budget || base.seed !== head.seed) {
    throw new IncomparableReportsError(
      `base is budget ${base.budget}, seed ${base.seed}; head is budget ${head.budget}, seed ${head.seed}: slacks are only comparable at the same budget and seed`,
      'head',
    );
  }
  const baseById = new Map(base.claims.map((c) => [c.id, c]));
  const headById = new Map(head.claims.map((c) => [c.id, c]));
  const changes: ClaimChange[] = [];
  let compared = 0;
  for (const b of base.claims) {
    const h = headById.get(b.id);
    if (!h) changes.push({ id: b.id, type: 'removed', regression: true, message: `removed (was ${b.kind}, ${b.verdict})` });
    else {
      compared++;
      changes.push(...diffClaim(b, h, t));
    }
  }
  for (const h of head.claims) {
    if (!baseById.has(h.id)) changes.push({ id: h.id, type: 'added', regression: false, message: `new ${h.kind} claim: ${h.verdict}, control ${h.control}` });
  }
  changes.push(...diffErrata(base, head));
  return { budget: head.budget, seed: head.seed, threshold: t, compared, changes, regressions: changes.filter((c) => c.regression).length };
}

/**
 * The erratum changes. "Reproduced in the base" is read from the base's claim rows, so a base made
 * before the ledger (no `errata` field, like an older committed baseline) still arms the rule.
 */
export function diffErrata(base: ReportLike, head: ReportLike): ClaimChange[] {
  requireComparable(base, 'base');
  requireComparable(head, 'head');
  if (!head.errata) return [];
  const out: ClaimChange[] = [];
  const baseClaims = new Map(base.claims.map((c) => [c.id, c]));
  const headErrata = new Map(head.errata.map((e) => [e.id, e]));
  for (const e of head.errata) {
    if (e.status !== 'falsified' || e.claim === null) continue;
    const b = baseClaims.get(e.claim);
    if (b?.verdict === 'falsified-as-expected' && e.verdict !== 'falsified-as-expected') {
      out.push({ id: e.id, type: 'erratum', regression: true, message: `counterexample of ${e.claim} no longer reproduces: verdict falsified-as-expected → ${e.verdict ?? 'not run'}` });
    }
  }
  for (const b of base.errata ?? []) {
    const h = headErrata.get(b.id);
    if (!h) out.push({ id: b.id, type: 'erratum', regression: true, message: `removed from the errata ledger (was ${b.status}${b.claim ? `, claim ${b.claim}` : ''})` });
    else if (h.status !== b.status) out.push({ id: b.id, type: 'erratum', regression: false, message: `ledger status ${b.status} → ${h.status}` });
  }
  return out;
}

/** The human-readable diff (what `gd-theory diff` prints and the gate test shows). */
export function formatDiff(d: DiffResult): string {
  requireObject(d, 'd', 'a diff result');
  requireArray(d.changes, 'changes', 'an array of changes');
  requireObject(d.threshold, 'threshold', 'a threshold { rel, abs }');
  const lines = [
    `gd-theory diff: ${d.compared} claims compared (budget ${d.budget}, seed ${d.seed}); a worst slack counts as moved past max(${d.threshold.rel}·|base|, ${d.threshold.abs}), a control's catching rate as dropped past ${d.threshold.rate}`,
  ];
  const reg = d.changes.filter((c) => c.regression);
  const info = d.changes.filter((c) => !c.regression);
  // One line per claim: its changes joined.
  const byClaim = new Map<string, string[]>();
  for (const c of reg) byClaim.set(c.id, [...(byClaim.get(c.id) ?? []), c.message]);
  if (reg.length) {
    lines.push('', `regressions (${byClaim.size} claim${byClaim.size === 1 ? '' : 's'}):`);
    for (const [id, msgs] of byClaim) lines.push(`  ✗ ${id}: ${msgs.join('; ')}`);
  }
  if (info.length) {
    lines.push('', `other changes (${info.length}):`);
    for (const c of info) lines.push(`  · ${c.id}: ${c.message}`);
  }
  lines.push('', reg.length ? `${byClaim.size} claim${byClaim.size === 1 ? '' : 's'} regressed: the theory moved. If the change is deliberate, refresh the baseline with npm run baseline.` : 'no regression');
  return lines.join('\n');
}

const VERDICTS = new Set(['holds', 'fails', 'falsified-as-expected', 'error']);
const KINDS = new Set(['exact', 'bound', 'statistical', 'scaling', 'falsified']);

/** Parse and validate a claims report (only the fields the gate reads). */
export function parseReport(text: string, name: string): ReportLike {
  requireString(name, 'name');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ReportFormatError(`${name} is not JSON: ${e instanceof Error ? e.message : String(e)}`, name);
  }
  const bad = (why: string): never => { throw new ReportFormatError(`${name} is not a claims report: ${why}`, name); };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return bad('expected an object');
  const r = raw as Record<string, unknown>;
  if (r.version !== 1) bad(`version must be 1, got ${JSON.stringify(r.version)}`);
  if (typeof r.budget !== 'string') bad('budget must be a string');
  if (typeof r.seed !== 'number' || !Number.isInteger(r.seed)) bad('seed must be an integer');
  if (!Array.isArray(r.claims)) bad('claims must be an array');
  const claims: ClaimRow[] = [];
  const seen = new Set<string>();
  for (const [i, c] of (r.claims as unknown[]).entries()) {
    if (c === null || typeof c !== 'object') bad(`claims[${i}] is not an object`);
    const row = c as Record<string, unknown>;
    if (typeof row.id !== 'string' || !row.id) bad(`claims[${i}].id must be a non-empty string`);
    const id = row.id as string;
    if (seen.has(id)) bad(`claim ${id} appears twice`);
    seen.add(id);
    if (typeof row.kind !== 'string' || !KINDS.has(row.kind)) bad(`${id}: kind must be one of ${[...KINDS].join(', ')}`);
    if (typeof row.verdict !== 'string' || !VERDICTS.has(row.verdict)) bad(`${id}: verdict must be one of ${[...VERDICTS].join(', ')}`);
    if (typeof row.control !== 'string') bad(`${id}: control must be a string`);
    if (typeof row.runs !== 'number') bad(`${id}: runs must be a number`);
    for (const k of ['worstSlack', 'medianSlack'] as const) {
      if (row[k] !== null && typeof row[k] !== 'number') bad(`${id}: ${k} must be a number or null`);
    }
    const rate = row.controlRate;
    if (rate !== undefined && rate !== null && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) bad(`${id}: controlRate must be a number in [0, 1] or null`);
    claims.push({
      id, kind: row.kind as ClaimKind, verdict: row.verdict as string, runs: row.runs as number,
      worstSlack: row.worstSlack as number | null, medianSlack: row.medianSlack as number | null, control: row.control as string,
      ...(typeof rate === 'number' ? { controlRate: rate } : {}),
      family: typeof row.family === 'string' ? row.family : undefined,
      statement: typeof row.statement === 'string' ? row.statement : undefined,
    });
  }
  let errata: ErratumRowLike[] | undefined;
  if (r.errata !== undefined) {
    if (!Array.isArray(r.errata)) bad('errata must be an array');
    errata = [];
    const seenE = new Set<string>();
    for (const [i, e] of (r.errata as unknown[]).entries()) {
      if (e === null || typeof e !== 'object') bad(`errata[${i}] is not an object`);
      const row = e as Record<string, unknown>;
      if (typeof row.id !== 'string' || !row.id) bad(`errata[${i}].id must be a non-empty string`);
      const id = row.id as string;
      if (seenE.has(id)) bad(`erratum ${id} appears twice`);
      seenE.add(id);
      if (typeof row.status !== 'string') bad(`erratum ${id}: status must be a string`);
      if (row.claim !== null && row.claim !== undefined && typeof row.claim !== 'string') bad(`erratum ${id}: claim must be a string or null`);
      const res = row.result;
      if (res !== null && res !== undefined && (typeof res !== 'object' || typeof (res as Record<string, unknown>).verdict !== 'string')) {
        bad(`erratum ${id}: result must be null or have a verdict`);
      }
      errata.push({
        id, status: row.status as string, claim: typeof row.claim === 'string' ? row.claim : null,
        verdict: res !== null && res !== undefined ? (res as Record<string, unknown>).verdict as string : null,
      });
    }
  }
  return { version: 1, budget: r.budget as string, seed: r.seed as number, claims, ...(errata ? { errata } : {}) };
}
