/**
 * Issue 14, item 3: every random choice of a claim flows from the run's seed (`--seed`, GD_SEED).
 * A lint over properties/ forbids literal seeds; every claim's generated cases change with the run
 * seed; and a construction fixed per run (the deep top-width certificates) derives its seed from
 * the claim seed the runner puts in the budget, so it varies with --seed and a replay keeps it.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, verdict } from '../src/claims/claim.ts';
import { loadClaims } from '../src/claims/registry.ts';
import { runClaim } from '../src/claims/runner.ts';
import { claimSeed, OUTSIDE_RUN_SEED, runSeedFor } from '../src/claims/seed.ts';
import type { Budget } from '../src/claims/types.ts';
import { readdirSync, statSync } from 'node:fs';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Literal seeds a property file must not contain (the run's seed must decide). */
const LITERAL_SEEDS: readonly [string, RegExp][] = [
  ['rng() with a literal seed', /\brng\(\s*(?:-?\d|'[^'`$]*'|"[^"]*")/],
  ['a literal seed field', /\bseed\s*:\s*-?\d/],
  ['a constant seed arbitrary', /\bseed\s*:\s*fc\.constant\(/],
  ['fast-check run outside the runner', /\bfc\.(?:sample|check|assert|configureGlobal)\(/],
];

/** Documented exceptions: file (relative to the repository) → why its literal is not a run's choice. */
const EXCEPTIONS: Readonly<Record<string, string>> = {};

describe('seeds flow from --seed', () => {
  it('no property file pins a literal seed (outside the documented exceptions)', () => {
    const found: string[] = [];
    for (const file of sourceFiles('properties')) {
      const rel = relative('.', file);
      if (rel in EXCEPTIONS) continue;
      for (const [n, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
        for (const [what, re] of LITERAL_SEEDS) if (re.test(code)) found.push(`${rel}:${n + 1}: ${what}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the lint sees the literals it forbids', () => {
    const hits = (s: string) => LITERAL_SEEDS.filter(([, re]) => re.test(s)).length;
    expect(hits('model.init(rng(0))')).toBe(1);
    expect(hits("const r = rng('fixed');")).toBe(1);
    expect(hits('top: { widths: [1000], seeds: 100, seed: 42 }')).toBe(1);
    expect(hits('fc.record({ seed: fc.constant(7) })')).toBe(1);
    expect(hits('fc.sample(arb, { seed: 3 })')).toBe(2);
    expect(hits('fc.record({ n: intIn(b.n), seed: seedArb })')).toBe(0);
    expect(hits('rng(seed).stream(`run${i}`)')).toBe(0);
  });

  it('every claim\'s cases change with the run seed', async () => {
    const claims = await loadClaims();
    expect(claims.length).toBeGreaterThan(100);
    const same: string[] = [];
    for (const c of claims) {
      const b = c.spec.budget.quick;
      const cases = (run: number) => JSON.stringify(fc.sample(c.spec.arbitrary(b), { seed: claimSeed(run, c.id), numRuns: Math.min(5, b.runs) }));
      if (cases(1) === cases(2) && cases(1) === cases(3)) same.push(c.id);
    }
    expect(same, 'claims whose generated cases do not depend on the run seed').toEqual([]);
  }, 120_000);

  it('the runner hands the claim seed to the budget: it varies with --seed and a replay keeps it', () => {
    const seen: number[] = [];
    const budget = { quick: { runs: 1 }, default: { runs: 1 }, deep: { runs: 1 } };
    const probe = claim({
      id: 'test.seeds.probe', source: 'test', statement: 'records the budget it is given', kind: 'bound', budget,
      arbitrary: () => fc.integer({ min: 0, max: 3 }),
      check: (x: number, b: Budget) => { seen.push(runSeedFor(b, 'top-widths')); return verdict.atMost(x, 3); },
      negativeControl: { describe: 'x < 0', check: (x) => verdict.atMost(x, -1) },
    });
    runClaim(probe, { budget: 'quick', seed: 1, skipControl: true });
    runClaim(probe, { budget: 'quick', seed: 2, skipControl: true });
    runClaim(probe, { budget: 'quick', seed: 99, replay: { seed: claimSeed(1, probe.id) }, skipControl: true });
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[0]).toBe(claimSeed(claimSeed(1, probe.id), 'top-widths'));
    // Outside a run (a saved case, a worst-case search) the documented fallback decides.
    expect(runSeedFor(budget.quick, 'top-widths')).toBe(claimSeed(OUTSIDE_RUN_SEED, 'top-widths'));
  });
});
