/** Worst cases found by `gd-theory check --target`, saved under fixtures/worst/<id>.json. */
import { requireObject, requireString } from '../core/errors.ts';
import { InputFileError, writeFileAtomic } from './io.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetResult } from './target.ts';
import type { BudgetName, VerdictData as Verdict } from './types.ts';

export const WORST_ROOT = 'fixtures/worst';

export interface WorstFixture {
  id: string;
  family: string;
  kind: string;
  source: string;
  statement: string;
  budget: BudgetName;
  seed: number;
  evals: number;
  /** The worst case of the targeted search: replay it with `check --filter ID --case FILE`. */
  case: unknown;
  targeted: { case: unknown; verdict: Verdict; slack: number };
  random: { case: unknown; verdict: Verdict; slack: number };
  traceTargeted: number[];
  traceRandom: number[];
}

export function worstPath(id: string, root = WORST_ROOT): string {
  requireString(id, 'id');
  requireString(root, 'root');
  return join(root, `${id}.json`);
}

/** JSON has no ±Infinity: slacks of cases that threw are stored as null and read back as -Infinity. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function toFixture(t: TargetResult, meta: { source: string; statement: string }): WorstFixture {
  requireObject(t, 't', 'a target result');
  requireObject(meta, 'meta', 'an object { source, statement }');
  requireString(meta.source, 'source');
  requireString(meta.statement, 'statement');
  return {
    id: t.id, family: t.family, kind: t.kind, source: meta.source, statement: meta.statement, budget: t.budget, seed: t.seed,
    evals: t.evals, case: t.targeted.case, targeted: t.targeted, random: t.random,
    traceTargeted: t.traceTargeted, traceRandom: t.traceRandom,
  };
}

export function saveWorst(f: WorstFixture, root = WORST_ROOT): string {
  requireObject(f, 'f', 'a worst-case fixture');
  const path = worstPath(f.id, root);
  const body = JSON.stringify(f, (_k, v: unknown) => (typeof v === 'number' ? finite(v) : v), 2) + '\n';
  writeFileAtomic(path, body);
  return path;
}

/** Read and check one saved worst case: InputFileError naming the file and the field otherwise. */
export function readWorst(path: string): WorstFixture {
  requireString(path, 'path');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputFileError(`${path} is not JSON (${e instanceof Error ? e.message : String(e)})`, path, '(file)');
  }
  const bad = (field: string, why: string): never => { throw new InputFileError(`${path} is not a worst-case fixture: ${field} ${why}`, path, field); };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad('(file)', 'must be an object');
  const f = raw as Record<string, unknown>;
  for (const k of ['id', 'family', 'kind', 'source', 'statement', 'budget'] as const) if (typeof f[k] !== 'string') bad(k, 'must be a string');
  if (!('case' in f)) bad('case', 'is missing');
  for (const k of ['targeted', 'random'] as const) {
    const t = f[k] as Record<string, unknown> | null;
    if (t === null || typeof t !== 'object') bad(k, 'must be an object');
    const v = t!.verdict as Record<string, unknown> | null;
    if (v === null || typeof v !== 'object' || typeof v.holds !== 'boolean') bad(`${k}.verdict`, 'must be a verdict ({ holds, lhs, rhs })');
    if (t!.slack !== null && typeof t!.slack !== 'number') bad(`${k}.slack`, 'must be a number or null');
  }
  for (const k of ['traceTargeted', 'traceRandom'] as const) {
    const xs = f[k];
    if (!Array.isArray(xs) || xs.some((x) => x !== null && typeof x !== 'number')) bad(k, 'must be an array of numbers (null for a case that threw)');
  }
  return revive(raw as WorstFixture);
}

function revive(f: WorstFixture): WorstFixture {
  const fix = (xs: (number | null)[]) => xs.map((x) => (x === null ? -Infinity : x));
  return {
    ...f,
    traceTargeted: fix(f.traceTargeted as (number | null)[]), traceRandom: fix(f.traceRandom as (number | null)[]),
    targeted: { ...f.targeted, slack: f.targeted.slack ?? -Infinity }, random: { ...f.random, slack: f.random.slack ?? -Infinity },
  };
}

export function loadWorst(id: string, root = WORST_ROOT): WorstFixture | null {
  const path = worstPath(id, root);
  if (!existsSync(path)) return null;
  return readWorst(path);
}

/** Every saved worst case, sorted by id (for the report). */
export function loadAllWorst(root = WORST_ROOT): WorstFixture[] {
  requireString(root, 'root');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((n) => n.endsWith('.json')).sort().map((n) => readWorst(join(root, n)));
}
