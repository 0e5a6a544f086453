/**
 * The vitest adapter: one test per claim ("holds"), one per control ("negative control is caught"),
 * plus the baseline and saved-case tests. It is handed the vitest API by the code that
 * src/claims/vitest-plugin.ts appends to each property file (`import.meta.vitest`, set only in the
 * file vitest is running), so it imports nothing of vitest itself and loading a claim — from the
 * CLI or from another test — never loads vitest or defines tests. Budget and seed come from
 * GD_BUDGET (default quick) and GD_SEED (default 42).
 *
 * The claims of a file run on one worker thread of src/claims/pool.ts (loading only that file), not
 * in vitest's own process: a claim that runs past its budget's time limit (GD_TIME_LIMIT seconds,
 * default the pool's TIME_LIMIT_MS) is stopped there and its test fails with the case that was
 * running, where a synchronous loop in this process would hang the whole vitest run.
 * GD_TIME_LIMIT=off runs them in this process instead (no worker start-up, about 1–2 s a file on a
 * loaded 2-core machine; no protection against a hung claim).
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DomainError, EnvironmentError, requireArray, requireObject } from '../core/errors.ts';
import { requireBudgetName, requireClaim } from './claim.ts';
import { claimsOfModule } from './registry.ts';
import { replayCommand } from './runner.ts';
import { claimRunner, TIME_LIMIT_MS } from './pool.ts';
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

/**
 * Milliseconds a claim may run under vitest: GD_TIME_LIMIT seconds, else the budget's TIME_LIMIT_MS;
 * null for GD_TIME_LIMIT=off (claims run in vitest's process: no worker to start, and no limit).
 */
export function suiteTimeLimitMs(): number | null {
  const text = process.env.GD_TIME_LIMIT;
  if (text === 'off') return null;
  if (text === undefined || text === '') return TIME_LIMIT_MS[suiteBudget()];
  const s = Number(text);
  if (!(s > 0) || !Number.isFinite(s)) throw new EnvironmentError(`GD_TIME_LIMIT must be a positive number of seconds, got ${text}`, 'GD_TIME_LIMIT');
  return s * 1000;
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
  // One worker for the file's claims, started by the first test that needs a result.
  const limit = suiteTimeLimitMs();
  const run = claimRunner(claims, { jobs: 1, budget: suiteBudget(), seed: suiteSeed(), figures: false, timeLimitMs: limit ?? undefined, inThread: limit === null });
  for (const [index, c] of claims.entries()) {
    describe(`${c.id} [${c.kind}] ${c.statement}`, () => {
      const get = (): Promise<ClaimResult> => run(index);
      const expected = c.kind === 'falsified' ? 'falsified-as-expected' : 'holds';
      it(c.kind === 'falsified' ? 'the printed statement is refuted' : 'holds', async () => {
        const r = await get();
        expect(r.verdict, explain(r, suiteBudget())).toBe(expected);
      });
      it(`negative control is caught: ${c.controlDescription}`, async () => {
        const r = await get();
        expect(r.control, explain(r, suiteBudget())).toBe('caught');
      });
      const baseline = applicableBaseline();
      const baseRow = baseline?.claims.find((b) => b.id === c.id);
      it.skipIf(!baseline || !baseRow)(`matches the theory baseline (${BASELINE_PATH})`, async () => {
        const r = await get();
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
