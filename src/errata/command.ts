/**
 * gd-theory errata [--source S] [--status ST] [--no-check]: print the ledger (one line per erratum:
 * id, location, status, claim, printed → corrected), then the count per status per source, then the
 * ledger's own check against the claims (exit 1 when it breaks a rule). Filters take comma-separated
 * terms; a term that can match nothing is a typo, so it is rejected rather than printing an empty
 * ledger that reads as "no errata".
 */
import { loadClaims } from '../claims/registry.ts';
import { UsageError } from '../claims/usage.ts';
import { parseVerb, verbLine, verbUsage } from '../cli-spec.ts';
import { describeValue, requireObject, requirePositiveInt, requireString } from '../core/errors.ts';
import { CATALOG_KEYS, checkLedger, checkSources, countsByCatalog, LEDGER, LEDGER_SOURCES, requireEntries, type ClaimRef, type LedgerProblem } from './ledger.ts';
import { ERRATUM_STATUSES, type Erratum, type ErratumStatus } from './types.ts';

export const ERRATA_USAGE = `usage: ${verbLine('errata')}`;

export interface ErrataFilter {
  /** Catalog keys ('002a') or text of the source ('ch. 7'), case-insensitive; any may match. */
  source?: string;
  /** Statuses; any may match. */
  status?: string;
}

function terms(text: string, option: string): string[] {
  const t = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (t.length === 0) throw new UsageError(`${option} needs a value\n${ERRATA_USAGE}`, option);
  return t;
}

function sourceMatches(e: Erratum, term: string): boolean {
  return e.catalog.toLowerCase() === term || e.source.toLowerCase().includes(term);
}

/** The entries the filter selects; a source term that is no catalog key and no source's text, or an unknown status, is a UsageError naming the option. */
export function filterLedger(entries: readonly Erratum[], f: ErrataFilter): Erratum[] {
  requireEntries(entries);
  requireObject(f, 'f', 'a filter { source?, status? }');
  for (const [k, opt] of [['source', '--source'], ['status', '--status']] as const) {
    if (f[k] !== undefined && typeof f[k] !== 'string') throw new UsageError(`${opt} must be text, got ${describeValue(f[k])}`, opt);
  }
  let out = [...entries];
  if (f.source !== undefined) {
    const ts = terms(f.source, '--source');
    // A known catalog key is valid even while its file is empty (the families still to come).
    const bad = ts.find((t) => !CATALOG_KEYS.includes(t) && !entries.some((e) => sourceMatches(e, t)));
    if (bad !== undefined) throw new UsageError(`--source '${bad}' is neither a catalog key (${CATALOG_KEYS.join(', ')}) nor text of any entry's source`, '--source');
    out = out.filter((e) => ts.some((t) => sourceMatches(e, t)));
  }
  if (f.status !== undefined) {
    const ts = terms(f.status, '--status');
    const bad = ts.find((t) => !(ERRATUM_STATUSES as readonly string[]).includes(t));
    if (bad !== undefined) throw new UsageError(`--status '${bad}' is not one of ${ERRATUM_STATUSES.join(', ')}`, '--status');
    out = out.filter((e) => ts.includes(e.status));
  }
  return out;
}

/** Cut text to n characters (an ellipsis marks the cut), on one line. */
export function shorten(s: string, n: number): string {
  requireString(s, 's');
  requirePositiveInt(n, 'n');
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

/** The ledger lines and the count table, as printed. */
export function formatLedger(entries: readonly Erratum[]): string[] {
  requireEntries(entries);
  const lines: string[] = [];
  const w = (f: (e: Erratum) => string, min: number, max: number) => Math.min(max, Math.max(min, ...entries.map((e) => f(e).length)));
  const wid = w((e) => e.id, 2, 12), wloc = w((e) => e.location, 8, 30), wst = w((e) => e.status, 6, 18), wcl = w((e) => e.claim ?? '—', 5, 44);
  lines.push(`${'id'.padEnd(wid)}  ${'location'.padEnd(wloc)}  ${'status'.padEnd(wst)}  ${'claim'.padEnd(wcl)}  printed → corrected`);
  for (const e of entries) {
    lines.push(`${e.id.padEnd(wid)}  ${shorten(e.location, wloc).padEnd(wloc)}  ${e.status.padEnd(wst)}  ${shorten(e.claim ?? '—', wcl).padEnd(wcl)}  ${shorten(e.printed, 50)} → ${shorten(e.corrected, 50)}`);
  }
  const counts = countsByCatalog(entries);
  const wsrc = Math.max(6, ...counts.map((c) => `${c.catalog} ${c.source}`.length));
  lines.push('', `${'source'.padEnd(wsrc)}  ${ERRATUM_STATUSES.map((s) => s).join('  ')}  total`);
  for (const c of counts) {
    lines.push(`${`${c.catalog} ${c.source}`.padEnd(wsrc)}  ${ERRATUM_STATUSES.map((s) => String(c.counts[s]).padStart(s.length)).join('  ')}  ${String(c.total).padStart(5)}`);
  }
  const total = (s: ErratumStatus) => entries.filter((e) => e.status === s).length;
  lines.push(`${'all'.padEnd(wsrc)}  ${ERRATUM_STATUSES.map((s) => String(total(s)).padStart(s.length)).join('  ')}  ${String(entries.length).padStart(5)}`);
  return lines;
}

export interface ErrataDeps {
  /** The ledger (default: LEDGER, every data file joined). */
  entries?: readonly Erratum[];
  /** The claims to check it against (default: every property file's, loaded). */
  claims?: () => Promise<readonly ClaimRef[]>;
  log?: (s: string) => void;
}

/** gd-theory errata: exit 0, or 1 when the ledger breaks a rule (the check covers the whole ledger, not the filtered lines). */
export async function errataCommand(argv: string[], deps: ErrataDeps = {}): Promise<number> {
  requireObject(deps, 'deps', 'an object { entries?, claims?, log? }');
  const { values: v, help } = parseVerb('errata', argv);
  if (help) { (deps.log ?? console.log)(verbUsage('errata')); return 0; }
  const f: ErrataFilter = {};
  if (typeof v.source === 'string') f.source = v.source;
  if (typeof v.status === 'string') f.status = v.status;
  const check = v['no-check'] !== true;
  const log = deps.log ?? console.log;
  const entries = deps.entries ?? LEDGER;
  const shown = filterLedger(entries, f);
  const filters = [f.source !== undefined ? `source ${f.source}` : '', f.status !== undefined ? `status ${f.status}` : ''].filter(Boolean).join(', ');
  log(`errata ledger: ${shown.length} of ${entries.length} entries${filters ? ` (${filters})` : ''}`);
  log('');
  for (const l of formatLedger(shown)) log(l);
  if (!check) return 0;
  const claims = await (deps.claims ?? loadClaims)();
  // The data files' own filing is only checked for the real ledger (injected entries have no files).
  const problems: LedgerProblem[] = [...(deps.entries ? [] : checkSources(LEDGER_SOURCES)), ...checkLedger(entries, claims)];
  log('');
  if (problems.length === 0) {
    log(`ledger check: ok (${entries.length} entries against ${claims.length} claims)`);
    return 0;
  }
  log(`ledger check: ${problems.length} problem(s)`);
  for (const p of problems) log(`  ✗ [${p.rule}, ${p.field}] ${p.message}`);
  return 1;
}
