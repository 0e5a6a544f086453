/** Per-claim seeds derived from one run seed, so a claim's cases do not depend on which others run. */
import { requireFiniteNumber, requireObject, requireString } from '../core/errors.ts';
import { UsageError } from './usage.ts';
import type { Budget } from './types.ts';

export function claimSeed(runSeed: number, id: string): number {
  requireFiniteNumber(runSeed, 'runSeed');
  requireString(id, 'id');
  // FNV-1a over "runSeed:id", folded to a non-negative 31-bit integer.
  let h = 0x811c9dc5;
  const s = `${runSeed}:${id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x7fffffff;
}

/**
 * The seed used outside a claim run (a saved case run by `check --case`, a worst-case search), where
 * no run seed exists: the documented fixed fallback of runSeedFor.
 */
export const OUTSIDE_RUN_SEED = 42;

/**
 * The seed of a fixed construction made once per claim run (e.g. the deep budget's top-width
 * certificates of thesis.ch2.thm2.2/2.3): derived from the claim's seed that the runner puts in the
 * budget (`b.claimSeed`), so it varies with --seed and a replay (which reuses the claim seed) keeps it.
 */
export function runSeedFor(b: Readonly<Partial<Budget>>, label: string): number {
  requireObject(b, 'b', 'a budget');
  requireString(label, 'label');
  return claimSeed(b.claimSeed ?? OUTSIDE_RUN_SEED, label);
}

export function parseReplay(text: string): { seed: number; path?: string } {
  if (typeof text !== 'string') throw new UsageError(`--replay expects seed or seed:path, got ${String(text)}`, '--replay');
  const m = /^(-?\d+)(?::([\d:]*))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--replay expects seed or seed:path (e.g. 1234:0:1:0), got '${text}'`, '--replay');
  const seed = Number(m[1]);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--replay: the seed ${m[1]} is not an integer a double holds exactly (|seed| ≤ ${Number.MAX_SAFE_INTEGER})`, '--replay');
  return { seed, path: m[2] || undefined };
}
