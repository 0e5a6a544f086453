/**
 * The vitest adaptor. Loaded only when VITEST is set (vitest sets it in its workers), so the CLI
 * never imports vitest. Budget and seed come from GD_BUDGET (default quick) and GD_SEED (default 42).
 */
import { existsSync, readFileSync } from 'node:fs';
import { replayCommand, runClaim } from './runner.ts';
import type { BudgetName, Claim, ClaimResult } from './types.ts';
import { counterexamplePath } from './fixtures.ts';

type Vitest = typeof import('vitest');
const vt: Vitest | null = process.env.VITEST ? await import('vitest') : null;

export function suiteBudget(): BudgetName {
  const b = process.env.GD_BUDGET ?? 'quick';
  if (b !== 'quick' && b !== 'default' && b !== 'deep') throw new Error(`GD_BUDGET must be quick|default|deep, got ${b}`);
  return b;
}

export function suiteSeed(): number {
  const s = Number(process.env.GD_SEED ?? 42);
  if (!Number.isInteger(s)) throw new Error(`GD_SEED must be an integer, got ${process.env.GD_SEED}`);
  return s;
}

function explain(r: ClaimResult, budget: BudgetName): string {
  const lines = [`${r.id} (${r.kind}) ${r.verdict}; control ${r.control}`, `  statement: ${r.statement}`];
  if (r.message) lines.push(`  ${r.message}`);
  if (r.counterexample) lines.push(`  case: ${JSON.stringify(r.counterexample.case)}`, `  check: ${JSON.stringify(r.counterexample.verdict)}`);
  if (r.controlDetail) lines.push(`  control (${r.controlDescription}): ${r.controlDetail}`);
  lines.push(`  replay: ${replayCommand(r, budget)}`);
  return lines.join('\n');
}

export function defineVitestClaims(claims: Claim[]): void {
  if (!vt) return;
  const { describe, it, expect } = vt;
  for (const c of claims) {
    describe(`${c.id} [${c.kind}] ${c.statement}`, () => {
      let result: ClaimResult | null = null;
      const get = (): ClaimResult => (result ??= runClaim(c, { budget: suiteBudget(), seed: suiteSeed() }));
      const expected = c.kind === 'falsified' ? 'falsified-as-expected' : 'holds';
      it(c.kind === 'falsified' ? 'the printed statement is refuted' : 'holds', () => {
        const r = get();
        expect(r.verdict, explain(r, suiteBudget())).toBe(expected);
      });
      it(`negative control is caught: ${c.controlDescription}`, () => {
        const r = get();
        expect(r.control, explain(r, suiteBudget())).toBe('caught');
      });
      if (c.kind === 'falsified') {
        it('the saved counterexample under fixtures/ still refutes the printed statement', () => {
          const path = counterexamplePath(c.id);
          expect(existsSync(path), `missing ${path}: run npm run check -- --filter '=${c.id}' --budget quick to write it`).toBe(true);
          const saved = JSON.parse(readFileSync(path, 'utf8')) as { case: unknown; budget: BudgetName };
          const b = c.spec.budget[saved.budget];
          expect(c.spec.check(saved.case, b).holds, `the saved case no longer refutes the printed statement; re-save with npm run check -- --filter '=${c.id}' --budget quick --update-fixtures`).toBe(false);
          expect(c.spec.corrected?.(saved.case, b).holds).toBe(true);
        });
      }
    });
  }
}
