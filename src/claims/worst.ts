/** Worst cases found by `gd-theory check --target`, saved under fixtures/worst/<id>.json. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  return join(root, `${id}.json`);
}

/** JSON has no ±Infinity: slacks of cases that threw are stored as null and read back as -Infinity. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function toFixture(t: TargetResult, meta: { source: string; statement: string }): WorstFixture {
  return {
    id: t.id, family: t.family, kind: t.kind, source: meta.source, statement: meta.statement, budget: t.budget, seed: t.seed,
    evals: t.evals, case: t.targeted.case, targeted: t.targeted, random: t.random,
    traceTargeted: t.traceTargeted, traceRandom: t.traceRandom,
  };
}

export function saveWorst(f: WorstFixture, root = WORST_ROOT): string {
  const path = worstPath(f.id, root);
  mkdirSync(root, { recursive: true });
  const body = JSON.stringify(f, (_k, v: unknown) => (typeof v === 'number' ? finite(v) : v), 2) + '\n';
  writeFileSync(path, body);
  return path;
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
  return revive(JSON.parse(readFileSync(path, 'utf8')) as WorstFixture);
}

/** Every saved worst case, sorted by id (for the report). */
export function loadAllWorst(root = WORST_ROOT): WorstFixture[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((n) => n.endsWith('.json')).sort()
    .map((n) => revive(JSON.parse(readFileSync(join(root, n), 'utf8')) as WorstFixture));
}
