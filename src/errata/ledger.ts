/**
 * The errata ledger (issue 13): every source's data file joined, the rules that tie it to the claims,
 * and the rows report/claims.json carries (each entry with its claim's result in the run).
 *
 * The ledger is data; the suite proves it honest only through the claims it names. So the rules
 * below are what make an entry more than prose: a `falsified` entry must point at a `falsified`
 * claim (the runner finds, shrinks and saves its counterexample, and checks the corrected statement
 * on it), and every `falsified` claim must be accounted for by an entry (else a refuted print would
 * be in the suite with no trace a reader of the ledger can find).
 */
import { LedgerError, requireArray, requireObject } from '../core/errors.ts';
import type { ClaimKind, ClaimResult, ControlName, VerdictData, VerdictName } from '../claims/types.ts';
import { errata003 } from './sources/003.ts';
import { errata002a } from './sources/002a.ts';
import { errata002b } from './sources/002b.ts';
import { errata002bFcResnet } from './sources/002b-fc-resnet.ts';
import { errata002bConv } from './sources/002b-conv.ts';
import { errata002c } from './sources/002c.ts';
import { errata002e } from './sources/002e.ts';
import { errata004 } from './sources/004.ts';
import { ERRATUM_STATUSES, type Erratum, type ErratumStatus } from './types.ts';

/** The catalog files' keys (../shared/catalog/), in catalog order; types.ts documents the same list. */
export const CATALOG_KEYS: readonly string[] = ['000', '001-003-004', '002a', '002b', '002c', '002d', '002e'];

/** One data file of the ledger: the catalog it transcribes and its entries. */
export interface LedgerSource {
  readonly catalog: string;
  readonly entries: readonly Erratum[];
}

/** The data files, in catalog order (a new family adds its file here). */
export const LEDGER_SOURCES: readonly LedgerSource[] = [
  { catalog: '001-003-004', entries: errata003 },
  { catalog: '001-003-004', entries: errata004 },
  { catalog: '002a', entries: errata002a },
  { catalog: '002b', entries: errata002b },
  { catalog: '002b', entries: errata002bFcResnet },
  { catalog: '002b', entries: errata002bConv },
  { catalog: '002c', entries: errata002c },
  { catalog: '002e', entries: errata002e },
];

/** The whole ledger: every source's entries, in catalog order then the file's own order. */
export const LEDGER: readonly Erratum[] = LEDGER_SOURCES.flatMap((s) => s.entries);

/** The statuses that a claim accounts for: the entry must name it. */
const NEEDS_CLAIM: ReadonlySet<ErratumStatus> = new Set(['falsified', 'refuted-by-control', 'corrected-in']);
/** The statuses whose account is a sentence: the entry must say it in `why`. */
const NEEDS_WHY: ReadonlySet<ErratumStatus> = new Set(['corrected-in', 'notation', 'not-an-error']);

/** Which rule an entry breaks (tests match on this and on `field`, never on the message). */
export type LedgerRule =
  | 'id-format' | 'id-duplicate' | 'catalog' | 'empty-field' | 'status'
  | 'claim-missing' | 'claim-unknown' | 'claim-kind' | 'why-missing' | 'falsified-without-entry';

export interface LedgerProblem {
  /** The erratum id (for 'falsified-without-entry': the claim id, since there is no entry). */
  readonly entry: string;
  /** The field of the entry at fault. */
  readonly field: keyof Erratum;
  readonly rule: LedgerRule;
  readonly message: string;
}

/** What checkLedger needs of a claim (a LoadedClaim has it; tests pass plain objects). */
export interface ClaimRef {
  readonly id: string;
  readonly kind: ClaimKind;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every broken rule of the ledger against the claims, in entry order, then the `falsified` claims
 * that no entry names. An empty list means the ledger is consistent.
 */
export function checkLedger(entries: readonly Erratum[], claims: readonly ClaimRef[]): LedgerProblem[] {
  requireEntries(entries);
  requireArray(claims, 'claims', 'an array of claims { id, kind }');
  for (const c of claims) requireObject(c, 'claims', 'an array of claims { id, kind }');
  const out: LedgerProblem[] = [];
  const byId = new Map(claims.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const named = new Set<string>();
  for (const e of entries) {
    const at = (field: keyof Erratum, rule: LedgerRule, message: string) => out.push({ entry: e.id, field, rule, message: `${e.id}: ${message}` });
    if (!CATALOG_KEYS.includes(e.catalog)) at('catalog', 'catalog', `catalog '${e.catalog}' is not a catalog key (${CATALOG_KEYS.join(', ')})`);
    // The id repeats the catalog so an id alone says where to look it up; E<n> is the catalog's numbering.
    if (!new RegExp(`^${escapeRegExp(e.catalog)}\\.E[1-9][0-9]*$`).test(e.id)) at('id', 'id-format', `id must be '${e.catalog}.E<n>' (the catalog key, then the catalog's erratum number)`);
    if (seen.has(e.id)) at('id', 'id-duplicate', 'id appears more than once in the ledger');
    seen.add(e.id);
    for (const f of ['source', 'location', 'printed', 'corrected'] as const) {
      if (typeof e[f] !== 'string' || e[f].trim() === '') at(f, 'empty-field', `${f} must be non-empty text`);
    }
    if (!ERRATUM_STATUSES.includes(e.status)) {
      at('status', 'status', `status '${String(e.status)}' is not one of ${ERRATUM_STATUSES.join(', ')}`);
      continue;
    }
    if (NEEDS_WHY.has(e.status) && (e.why === undefined || e.why.trim() === '')) at('why', 'why-missing', `a ${e.status} entry must say why in \`why\``);
    if (e.claim === undefined || e.claim === '') {
      if (NEEDS_CLAIM.has(e.status)) at('claim', 'claim-missing', `a ${e.status} entry must name the claim that accounts for it`);
      continue;
    }
    // An erratum that prints more than one wrong number may be shown by several claims (alsoClaims):
    // each is held to the same rules as the first.
    for (const [field, id] of [['claim', e.claim], ...(e.alsoClaims ?? []).map((a) => ['alsoClaims', a] as const)] as const) {
      named.add(id);
      const c = byId.get(id);
      if (!c) {
        at(field, 'claim-unknown', `claim '${id}' is not defined by any property file`);
        continue;
      }
      // A falsified entry is shown by a falsified claim; any other status names a checked claim (a
      // falsified claim there would mean the print is refuted, so the status would be `falsified`).
      if (e.status === 'falsified' ? c.kind !== 'falsified' : c.kind === 'falsified') {
        at(field, 'claim-kind', e.status === 'falsified'
          ? `claim '${c.id}' is ${c.kind}; a falsified entry needs a claim of kind 'falsified'`
          : `claim '${c.id}' is falsified; a ${e.status} entry needs a checked claim (exact, bound, statistical, scaling) — or the entry is 'falsified'`);
      }
    }
  }
  for (const c of claims) {
    if (c.kind === 'falsified' && !named.has(c.id)) {
      out.push({ entry: c.id, field: 'claim', rule: 'falsified-without-entry', message: `falsified claim '${c.id}' has no ledger entry (src/errata/sources/)` });
    }
  }
  return out;
}

/** An array of ledger entries (objects): what every function of the ledger takes. */
export function requireEntries(entries: readonly Erratum[]): readonly Erratum[] {
  requireArray(entries, 'entries', 'an array of errata');
  for (const e of entries) requireObject(e, 'entries', 'an array of errata (objects)');
  return entries;
}

/** Every entry of a data file carries that file's catalog (a misfiled entry would be counted under the wrong source). */
export function checkSources(sources: readonly LedgerSource[]): LedgerProblem[] {
  requireArray(sources, 'sources', 'an array of ledger sources { catalog, entries }');
  for (const s of sources) requireEntries(requireObject(s, 'sources', 'an array of ledger sources { catalog, entries }').entries);
  return sources.flatMap((s) => s.entries.filter((e) => e.catalog !== s.catalog).map((e): LedgerProblem => ({
    entry: e.id, field: 'catalog', rule: 'catalog', message: `${e.id}: catalog '${e.catalog}' in the data file of catalog ${s.catalog}`,
  })));
}

/** Throw a LedgerError naming the field of the first problem (the message lists them all). */
export function assertLedger(entries: readonly Erratum[], claims: readonly ClaimRef[]): void {
  const problems = checkLedger(entries, claims);
  if (problems.length) {
    throw new LedgerError(`the errata ledger has ${problems.length} problem(s):\n  ${problems.map((p) => p.message).join('\n  ')}`, problems[0].field);
  }
}

/** Count of entries per status, per catalog (catalogs in CATALOG_KEYS order, only those with entries). */
export function countsByCatalog(entries: readonly Erratum[]): { catalog: string; source: string; counts: Record<ErratumStatus, number>; total: number }[] {
  requireEntries(entries);
  const out = new Map<string, { catalog: string; source: string; counts: Record<ErratumStatus, number>; total: number }>();
  for (const e of entries) {
    let row = out.get(e.catalog);
    if (!row) {
      row = { catalog: e.catalog, source: e.source, counts: Object.fromEntries(ERRATUM_STATUSES.map((s) => [s, 0])) as Record<ErratumStatus, number>, total: 0 };
      out.set(e.catalog, row);
    }
    row.counts[e.status]++;
    row.total++;
  }
  const rank = (k: string) => (CATALOG_KEYS.includes(k) ? CATALOG_KEYS.indexOf(k) : CATALOG_KEYS.length);
  return [...out.values()].sort((a, b) => rank(a.catalog) - rank(b.catalog) || a.catalog.localeCompare(b.catalog));
}

/** What one run said of an entry's claim (report/claims.json `errata[].result`). */
export interface ErratumResult {
  verdict: VerdictName;
  /** For a falsified claim: 'caught' when the corrected statement holds on the counterexample. */
  control: ControlName;
  /** The (shrunk) counterexample of a falsified claim and the printed statement's numbers on it. */
  counterexample: { case: unknown; verdict: VerdictData } | null;
  /** The corrected statement's numbers on the counterexample (falsified), or the control's catch. */
  corrected: string | null;
}

/** A ledger entry as report/claims.json carries it: optional fields as null, plus the run's result. */
export interface ErratumRow {
  id: string;
  catalog: string;
  source: string;
  location: string;
  printed: string;
  corrected: string;
  status: ErratumStatus;
  claim: string | null;
  /** Further claims that show the same erratum ([] for most). */
  alsoClaims: string[];
  why: string | null;
  /** null when the entry has no claim, or its claim was not run (a --filter run). */
  result: ErratumResult | null;
}

/** The ledger rows of a run: each entry with its claim's verdict, counterexample and corrected check. */
export function errataRows(entries: readonly Erratum[], results: readonly ClaimResult[]): ErratumRow[] {
  requireEntries(entries);
  requireArray(results, 'results', 'an array of claim results');
  for (const r of results) requireObject(r, 'results', 'an array of claim results');
  const byId = new Map(results.map((r) => [r.id, r]));
  return entries.map((e) => {
    const r = e.claim === undefined ? undefined : byId.get(e.claim);
    return {
      id: e.id, catalog: e.catalog, source: e.source, location: e.location, printed: e.printed, corrected: e.corrected,
      status: e.status, claim: e.claim ?? null, alsoClaims: [...(e.alsoClaims ?? [])], why: e.why ?? null,
      result: r ? {
        verdict: r.verdict, control: r.control,
        counterexample: r.kind === 'falsified' && r.counterexample ? r.counterexample : null,
        corrected: r.controlDetail ?? null,
      } : null,
    };
  });
}
