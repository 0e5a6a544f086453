/**
 * src/claims/pool.ts through the CLI: `check --jobs 3` (three worker threads) gives the report of
 * `check --jobs 1`, claim for claim (verdicts, slacks, replay strings, figures; only ms differs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/core/errors.ts';
import { BASELINE_PATH } from '../src/claims/baseline.ts';
import { defaultJobs, parseJobs, readCostHints } from '../src/claims/pool.ts';
import { expectTyped } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gd-pool-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(jobs: number): { status: number | null; report: { claims: Record<string, unknown>[]; figures: unknown[] }; stderr: string } {
  const out = join(dir, `jobs${jobs}.json`);
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', 'src/cli.ts', 'check', '--budget', 'quick', '--jobs', String(jobs), '--out', out, '--html', 'none',
    '--filter', 'core.kernels.backend-agreement,thesis.ch2.thm2.1,thesis.ch2.fig2.1.paper-scale',
  ], { encoding: 'utf8' });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { claims: Record<string, unknown>[]; figures: unknown[] };
  for (const c of report.claims) delete c.ms;
  return { status: r.status, report, stderr: r.stderr };
}

describe('claims in parallel', () => {
  it('give the serial report, in the same order', () => {
    const serial = check(1), parallel = check(3);
    expect(serial.status, serial.stderr).toBe(0);
    expect(parallel.status, parallel.stderr).toBe(0);
    expect(parallel.stderr).not.toContain('worker is unavailable');
    expect(serial.report.claims.length).toBeGreaterThanOrEqual(3);
    expect(serial.report.figures.length).toBeGreaterThan(0);
    expect(parallel.report).toEqual(serial.report);
  }, 120_000);

  it('parses --jobs and reads cost hints', () => {
    expect(parseJobs('2')).toBe(2);
    expectTyped(() => parseJobs('0'), DomainError, 'jobs');
    expectTyped(() => parseJobs('two'), DomainError, 'jobs');
    expect(defaultJobs()).toBeGreaterThanOrEqual(1);
    expect(readCostHints(join(dir, 'missing.json'), 'quick')).toEqual({});
  });
});

describe('longest-first hints on a fresh clone', () => {
  it('the committed baseline carries every claim\'s time at the quick budget (the pool\'s fallback when there is no report)', () => {
    const hints = readCostHints(BASELINE_PATH, 'quick');
    const ids = Object.keys(hints);
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.filter((id) => hints[id] > 0).length).toBeGreaterThan(100);
    expect(readCostHints(BASELINE_PATH, 'deep')).toEqual({}); // another budget's times are no hint
  });
});
