/** Shrunk counterexamples of `falsified` claims, saved under fixtures/counterexamples/. */
import { requireNumber, requireObject, requireString } from '../core/errors.ts';
import { writeFileAtomic } from './io.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BudgetName, ClaimResult } from './types.ts';

export const FIXTURE_ROOT = 'fixtures/counterexamples';

export function counterexamplePath(id: string): string {
  requireString(id, 'id');
  return join(FIXTURE_ROOT, `${id}.json`);
}

/**
 * Save the counterexample of a falsified claim when none is saved yet (or when `update` is set:
 * `gd-theory check --update-fixtures`), so that runs at other budgets or seeds do not churn the
 * committed fixture. Returns the path written, or null.
 */
export function saveCounterexample(r: ClaimResult, budget: BudgetName, seed: number, update = false): string | null {
  requireObject(r, 'r', 'a claim result');
  requireString(budget, 'budget');
  requireNumber(seed, 'seed');
  if (r.verdict !== 'falsified-as-expected' || !r.counterexample) return null;
  const path = counterexamplePath(r.id);
  if (existsSync(path) && !update) return null;
  const body = JSON.stringify({
    id: r.id, source: r.source, statement: r.statement, budget, runSeed: seed, replay: r.replay,
    case: r.counterexample.case, printed: r.counterexample.verdict, corrected: r.controlDetail,
  }, null, 2) + '\n';
  if (existsSync(path) && readFileSync(path, 'utf8') === body) return path;
  writeFileAtomic(path, body);
  return path;
}
