/**
 * Issue 14, item 5: a claim (or its control) that never returns is stopped at the time limit and
 * reported as `error` with the case that was running, and the run goes on with the next claim —
 * through the pool (the CLI's path, --jobs 1 included) and through the vitest adapter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimRunner, runClaimsPool } from '../src/claims/pool.ts';
import { loadClaims } from '../src/claims/registry.ts';
import { claimSeed } from '../src/claims/seed.ts';
import type { ClaimResult, LoadedClaim } from '../src/claims/types.ts';
import { defineVitestClaims, suiteTimeLimitMs, type VitestApi } from '../src/claims/vitest.ts';
import { EnvironmentError } from '../src/core/errors.ts';
import { TIME_LIMIT_MS } from '../src/claims/pool.ts';
import { expectTyped } from './helpers.ts';

const FIXTURE = 'test/fixtures/hanging/hanging.property.ts';
const LIMIT_MS = 1500;

async function fixtureClaims(): Promise<LoadedClaim[]> {
  return loadClaims([FIXTURE]);
}

describe('a hung claim fails, it does not hang', () => {
  it('is stopped at the time limit as error, naming its running case, and the next claim still runs', async () => {
    const claims = await fixtureClaims();
    expect(claims.map((c) => c.id)).toEqual(['fixture.hang.check', 'fixture.hang.control', 'fixture.hang.zz-holds']);
    const results: ClaimResult[] = [];
    for await (const item of runClaimsPool(claims, { jobs: 1, budget: 'quick', seed: 42, figures: false, timeLimitMs: LIMIT_MS })) results.push(item.result);
    const [check, control, after] = results;

    // The check hangs on its first case x ≥ 7: that case's seed:path is the replay string.
    expect(check.verdict).toBe('error');
    expect(check.message).toContain('time limit');
    const seed = claimSeed(42, 'fixture.hang.check');
    const xs = fc.sample(claims[0].spec.arbitrary(claims[0].spec.budget.quick), { seed, numRuns: 30 });
    const k = xs.findIndex((x) => (x as number) >= 7);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(check.replay).toBe(`${seed}:${k}`);
    // fast-check's path k is that very case.
    let replayed: unknown;
    fc.check(fc.property(claims[0].spec.arbitrary(claims[0].spec.budget.quick), (x) => { replayed = x; return true; }), { seed, path: String(k), numRuns: 1 });
    expect(replayed).toBe(xs[k]);

    expect(control.verdict).toBe('error');
    expect(control.message).toContain("negative control's case 0");
    expect(control.message).toContain("re-run the claim: npm run check -- --filter '=fixture.hang.control' --budget quick --seed 42");
    expect(control.replay).toBe(String(claimSeed(42, 'fixture.hang.control')));

    expect(after.verdict).toBe('holds');
    expect(after.control).toBe('caught');
  }, 60_000);

  it('a replay of the hung case is stopped too, with the replayed seed:path', async () => {
    const [hang] = await fixtureClaims();
    const seed = claimSeed(42, 'fixture.hang.check');
    const k = fc.sample(hang.spec.arbitrary(hang.spec.budget.quick), { seed, numRuns: 30 }).findIndex((x) => (x as number) >= 7);
    const out: ClaimResult[] = [];
    for await (const item of runClaimsPool([hang], { jobs: 1, budget: 'quick', seed: 42, figures: false, timeLimitMs: LIMIT_MS, replay: { seed, path: String(k) }, skipControl: true })) out.push(item.result);
    expect(out[0].verdict).toBe('error');
    expect(out[0].replay).toBe(`${seed}:${k}`);
  }, 60_000);

  it('under the vitest adapter, the hung claim\'s test fails with the case and the next claim\'s tests pass', async () => {
    const claims = await fixtureClaims();
    const tests = new Map<string, () => unknown>();
    let prefix = '';
    const api = {
      describe: (name: string, body: () => void) => { prefix = name; body(); },
      it: Object.assign((name: string, fn: () => unknown) => { tests.set(`${prefix.split(' ')[0]} ${name}`, fn); }, { skipIf: () => () => {} }),
      expect,
    } as unknown as VitestApi;
    process.env.GD_TIME_LIMIT = String(LIMIT_MS / 1000);
    try {
      defineVitestClaims(api, claims);
    } finally {
      delete process.env.GD_TIME_LIMIT;
    }
    const run = async (name: string): Promise<unknown> => (tests.get(name) as () => unknown)();
    await expect(run('fixture.hang.check holds')).rejects.toThrow(/error[\s\S]*time limit/);
    await expect(run('fixture.hang.zz-holds holds')).resolves.toBeUndefined();
    await expect(run('fixture.hang.zz-holds negative control is caught: x ≤ 3')).resolves.toBeUndefined();
  }, 60_000);

  it('the runner on this thread (claims without a file) is unchanged: runClaimsPool runs them here', async () => {
    const claims = await fixtureClaims();
    const { file: _file, ...bare } = claims[2];
    void _file;
    const run = claimRunner([bare], { jobs: 1, budget: 'quick', seed: 42, figures: false });
    expect((await run(0)).verdict).toBe('holds');
  });

  it('GD_TIME_LIMIT sets the limit under vitest (seconds), off runs claims in-process, anything else is an EnvironmentError', () => {
    const saved = process.env.GD_TIME_LIMIT;
    try {
      delete process.env.GD_TIME_LIMIT;
      expect(suiteTimeLimitMs()).toBe(TIME_LIMIT_MS.quick);
      process.env.GD_TIME_LIMIT = '2.5';
      expect(suiteTimeLimitMs()).toBe(2500);
      process.env.GD_TIME_LIMIT = 'off';
      expect(suiteTimeLimitMs()).toBeNull();
      process.env.GD_TIME_LIMIT = '-1';
      expectTyped(() => suiteTimeLimitMs(), EnvironmentError, 'GD_TIME_LIMIT');
    } finally {
      if (saved === undefined) delete process.env.GD_TIME_LIMIT; else process.env.GD_TIME_LIMIT = saved;
    }
  });
});
