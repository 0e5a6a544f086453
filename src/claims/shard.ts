/**
 * Sharded runs (`check --shard i/N`, `merge`): a deterministic split of the selected claims into N
 * parts balanced by the per-claim times of the committed baseline (longest first, each to the part
 * with the least time so far), and the join of the parts' reports back into one report equal to an
 * unsharded run's (apart from `ms`).
 */
import { DomainError, GdTheoryError, requireAllocatable, requireArray, requireObject, requirePositiveInt } from '../core/errors.ts';
import { ReportFormatError } from './diff.ts';
import type { Report } from './report.ts';
import type { ClaimResult, Figure } from './types.ts';

export interface Shard { index: number; count: number }

/** What a shard's report records so that `merge` can check it has every part of one run. */
export interface ShardInfo extends Shard {
  /** Every claim id the unsharded run would have run, in its order (the parts' union must be this). */
  readonly claims: readonly string[];
}

/** The reports given to `merge` do not make one run (a part missing or repeated, budgets or seeds differing). */
export class MergeError extends GdTheoryError {}

/**
 * The claims of part `shard` (1-based) of `count`: longest-processing-time-first over the baseline's
 * times (a claim the baseline does not know gets the median known time), ties broken by id, so every
 * machine computes the same split; the part keeps the selection's order.
 */
export function shardClaims<T extends { id: string }>(claims: readonly T[], shard: Shard, times: ReadonlyMap<string, number>): T[] {
  requireArray(claims, 'claims', 'an array of claims');
  requireObject(shard, 'shard', 'a shard { index, count }');
  requireAllocatable(requirePositiveInt(shard.count, 'count'), 'count', `${shard.count} shard loads`);
  requirePositiveInt(shard.index, 'index');
  if (shard.index > shard.count) throw new DomainError(`shard index ${shard.index} is past the count ${shard.count}`, 'index');
  if (!(times instanceof Map)) throw new DomainError('times must be a Map from claim id to milliseconds', 'times');
  const known = claims.map((c) => times.get(c.id)).filter((t): t is number => t !== undefined && Number.isFinite(t)).sort((a, b) => a - b);
  const fallback = known.length ? known[Math.floor(known.length / 2)] : 1;
  const cost = (c: T) => Math.max(1, times.get(c.id) ?? fallback);
  const order = [...claims].sort((a, b) => cost(b) - cost(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const load = new Array<number>(shard.count).fill(0);
  const part = new Map<string, number>();
  for (const c of order) {
    let best = 0;
    for (let k = 1; k < shard.count; k++) if (load[k] < load[best]) best = k;
    load[best] += cost(c);
    part.set(c.id, best + 1);
  }
  return claims.filter((c) => part.get(c.id) === shard.index);
}

function shardOf(rep: Report, file: string): ShardInfo {
  const s = rep.shard;
  const bad = (why: string): never => { throw new ReportFormatError(`${file} is not a shard report: ${why} (write one with gd-theory check --shard I/N)`, file); };
  if (s === undefined || s === null || typeof s !== 'object') return bad('it has no shard field');
  if (!Number.isInteger(s.index) || !Number.isInteger(s.count) || s.index < 1 || s.index > s.count) bad('shard.index/count must be integers with 1 ≤ index ≤ count');
  if (!Array.isArray(s.claims) || s.claims.some((id) => typeof id !== 'string')) bad('shard.claims must be an array of claim ids');
  return s;
}

/**
 * Join the parts of one sharded run. Every part must be present once, from the same budget, seed,
 * version and claim selection; the claims come back in the unsharded order with their figures, and
 * the errata rows are recomputed by `errata` from the joined results.
 */
export function mergeShards(parts: ReadonlyArray<{ file: string; report: Report }>, errata: (results: ClaimResult[]) => Report['errata']): Report {
  requireArray(parts, 'parts', 'an array of { file, report }');
  for (const p of parts) requireObject(requireObject(p, 'parts', 'an array of { file, report }').report, 'report', 'a report');
  if (typeof errata !== 'function') throw new DomainError('errata must be a function (results → errata rows)', 'errata');
  if (parts.length === 0) throw new MergeError('merge needs at least one shard report', 'files');
  const infos = parts.map((p) => shardOf(p.report, p.file));
  const first = parts[0].report, info0 = infos[0];
  parts.forEach((p, k) => {
    const differ = (what: string, a: unknown, b: unknown): never => {
      throw new MergeError(`${p.file} is from another run than ${parts[0].file}: ${what} ${JSON.stringify(a)} vs ${JSON.stringify(b)}`, p.file);
    };
    if (p.report.version !== first.version) differ('version', p.report.version, first.version);
    if (p.report.budget !== first.budget) differ('budget', p.report.budget, first.budget);
    if (p.report.seed !== first.seed) differ('seed', p.report.seed, first.seed);
    if (infos[k].count !== info0.count) differ('shard count', infos[k].count, info0.count);
    if (infos[k].claims.join('\n') !== info0.claims.join('\n')) differ('claim selection', `${infos[k].claims.length} claims`, `${info0.claims.length} claims`);
    const again = infos.findIndex((o, j) => j < k && o.index === infos[k].index);
    if (again >= 0) throw new MergeError(`${p.file} and ${parts[again].file} are both shard ${infos[k].index}/${info0.count}`, p.file);
  });
  const have = new Set(infos.map((s) => s.index));
  const missing = Array.from({ length: info0.count }, (_, k) => k + 1).filter((k) => !have.has(k));
  if (missing.length) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${info0.count}`).join(', ')} missing from the merge`, 'files');
  const byId = new Map<string, ClaimResult>();
  const figuresOf = new Map<string, Figure[]>();
  const loose: Figure[] = [];
  for (const p of parts) {
    for (const c of p.report.claims) {
      if (byId.has(c.id)) throw new MergeError(`claim ${c.id} is in more than one shard (${p.file})`, p.file);
      if (!info0.claims.includes(c.id)) throw new MergeError(`${p.file} has claim ${c.id}, which is not in the run's selection`, p.file);
      byId.set(c.id, c);
    }
    for (const f of p.report.figures ?? []) {
      if (f.claimId !== undefined) figuresOf.set(f.claimId, [...(figuresOf.get(f.claimId) ?? []), f]);
      else loose.push(f);
    }
  }
  const absent = info0.claims.filter((id) => !byId.has(id));
  if (absent.length) throw new MergeError(`the shards lack ${absent.length} claim(s) of the run: ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}`, 'files');
  const claims = info0.claims.map((id) => byId.get(id) as ClaimResult);
  const figures = [...info0.claims.flatMap((id) => figuresOf.get(id) ?? []), ...loose];
  return { version: first.version, budget: first.budget, seed: first.seed, claims, figures, errata: errata(claims) };
}
