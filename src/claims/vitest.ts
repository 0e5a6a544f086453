/**
 * The vitest adapter: one test per claim ("holds"), one per control ("negative control is caught"),
 * plus the baseline and saved-case tests. It is handed the vitest API by the code that
 * src/claims/vitest-plugin.ts appends to each property file (`import.meta.vitest`, set only in the
 * file vitest is running), so it imports nothing of vitest itself and loading a claim — from the
 * CLI or from another test — never loads vitest or defines tests. Budget and seed come from
 * GD_BUDGET (default quick) and GD_SEED (default 42).
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DomainError, EnvironmentError, requireArray, requireObject } from '../core/errors.ts';
import { requireBudgetName, requireClaim } from './claim.ts';
import { claimsOfModule } from './registry.ts';
import { replayCommand, runClaim } from './runner.ts';
import type { BudgetName, Claim, ClaimResult, LoadedClaim } from './types.ts';
import { counterexamplePath } from './fixtures.ts';
import { BASELINE_PATH, readBaseline } from './baseline.ts';
import { diffClaim, type ClaimRow, type ReportLike } from './diff.ts';
import { loadWorst, worstPath } from './worst.ts';

/** The part of vitest's API the adapter uses (what `import.meta.vitest` holds). */
export type VitestApi = Pick<typeof import('vitest'), 'describe' | 'it' | 'expect'>;

export function suiteBudget(): BudgetName {
  const b = process.env.GD_BUDGET ?? 'quick';
  if (b !== 'quick' && b !== 'default' && b !== 'deep') throw new EnvironmentError(`GD_BUDGET must be quick|default|deep, got ${b}`, 'GD_BUDGET');
  return b;
}

export function suiteSeed(): number {
  const s = Number(process.env.GD_SEED ?? 42);
  if (!Number.isInteger(s)) throw new EnvironmentError(`GD_SEED must be an integer, got ${process.env.GD_SEED}`, 'GD_SEED');
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

function fcSample<T>(arb: fc.Arbitrary<T>): T[] {
  return fc.sample(arb, { numRuns: 1, seed: 0 });
}

let baselineCache: ReportLike | null | undefined;

/** The committed baseline when it applies to this run (same budget and seed; GD_BASELINE=off disables). */
function applicableBaseline(): ReportLike | null {
  if (baselineCache === undefined) {
    baselineCache = process.env.GD_BASELINE === 'off' ? null : readBaseline();
  }
  const b = baselineCache;
  return b && b.budget === suiteBudget() && b.seed === suiteSeed() ? b : null;
}

/** The theory-regression gate for one claim: its result against the committed baseline row. */
export function baselineMessage(r: ClaimResult, base: ClaimRow, budget: BudgetName): string {
  requireObject(r, 'r', 'a claim result');
  requireBudgetName(budget);
  const changes = diffClaim(base, r).filter((c) => c.regression);
  if (!changes.length) return '';
  return [
    `theory regression in ${r.id} against ${BASELINE_PATH} (budget ${budget}, seed ${suiteSeed()}):`,
    ...changes.map((c) => `  ✗ ${c.message}`),
    `  statement: ${r.statement}`,
    r.worstDetail ? `  worst case now: ${r.worstDetail}` : '',
    `  replay: ${replayCommand(r, budget)}`,
    `  if the change is deliberate, refresh the baseline: npm run baseline`,
  ].filter(Boolean).join('\n');
}

/**
 * Does a saved worst case still apply? The statement must be unchanged, and the case must be one the
 * claim's arbitrary can generate (fast-check can tell for records of integers and the like) or, when
 * it cannot tell (mapped arbitraries), at least have the same keys as a fresh case.
 */
function stillApplies(saved: { case: unknown; statement: string }, c: Claim, budget: BudgetName): boolean {
  if (saved.statement !== c.statement) return false;
  const arb = c.spec.arbitrary(c.spec.budget[budget]);
  if (arb.canShrinkWithoutContext(saved.case)) return true;
  const keys = (x: unknown) => (x !== null && typeof x === 'object' ? Object.keys(x).sort().join(',') : typeof x);
  const [fresh] = fcSample(arb);
  return keys(fresh) === keys(saved.case);
}

/** Define the tests of every claim a property file exports (called from the code the plugin appends). */
export function defineClaimTests(vt: VitestApi, file: string, mod: Record<string, unknown>): void {
  requireVitest(vt);
  defineVitestClaims(vt, claimsOfModule(file, mod));
}

/** vitest's API object (`import.meta.vitest`): describe, it and expect. */
function requireVitest(vt: VitestApi): void {
  requireObject(vt, 'vt', "vitest's API { describe, it, expect } (import.meta.vitest)");
  for (const k of ['describe', 'it', 'expect'] as const) {
    if (typeof vt[k] !== 'function') throw new DomainError(`vt.${k} must be vitest's ${k}`, 'vt');
  }
}

export function defineVitestClaims(vt: VitestApi, claims: LoadedClaim[]): void {
  requireVitest(vt);
  requireArray(claims, 'claims', 'an array of loaded claims');
  for (const c of claims) requireClaim(c, 'claims');
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
      const baseline = applicableBaseline();
      const baseRow = baseline?.claims.find((b) => b.id === c.id);
      it.skipIf(!baseline || !baseRow)(`matches the theory baseline (${BASELINE_PATH})`, () => {
        const r = get();
        expect(baselineMessage(r, baseRow as ClaimRow, suiteBudget())).toBe('');
      });
      const worst = (c.kind === 'bound' || c.kind === 'exact') ? loadWorst(c.id) : null;
      if (worst) {
        it(`holds on its saved worst case (${worstPath(c.id)})`, (ctx) => {
          if (!stillApplies(worst, c, worst.budget)) {
            ctx.skip(`${worstPath(c.id)} is stale (the statement or the cases changed): re-run npm run check -- --target --filter '=${c.id}' --budget ${worst.budget}`);
            return;
          }
          const v = c.spec.check(worst.case, c.spec.budget[worst.budget]);
          expect(v.holds, `${c.id} fails on its saved worst case ${JSON.stringify(worst.case)}: lhs ${v.lhs}, rhs ${v.rhs}${v.detail ? ` (${v.detail})` : ''}\n  replay: npm run check -- --filter '${c.id}' --case ${worstPath(c.id)}`).toBe(true);
        });
      }
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
