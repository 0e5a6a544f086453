/**
 * Issue 14, item 1: `gd-theory soak` runs the suite under N run seeds drawn from a master seed and
 * writes its summary as a claims report with a `soak` section, which `diff` and `report` read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../src/claims/diff.ts';
import { soakMisses, soakReport, soakSeeds, soakTable, type SoakSection } from '../src/claims/soak.ts';
import type { ClaimResult } from '../src/claims/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'gd-soak-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const result = (over: Partial<ClaimResult> = {}): ClaimResult => ({
  id: 'x.bound', family: 'f', source: 's', kind: 'bound', verdict: 'holds', runs: 20, worstSlack: 0.5, medianSlack: 0.2,
  control: 'caught', controlRate: 1, controlCases: 20, replay: '123', ms: 10, statement: 'x ≤ 1', ...over,
});

describe('gd-theory soak', () => {
  it('runs the claims under N seeds drawn from the master seed, prints them, and writes a diffable summary', () => {
    const out = join(dir, 'soak.json');
    const filter = '=thesis.ch2.thm2.1,=thesis.ch2.thm2.1.antipodal';
    const r = cli(['soak', '--runs', '2', '--seed', '7', '--jobs', '1', '--filter', filter, '--out', out]);
    expect(r.status, r.out).toBe(0);
    const seeds = soakSeeds(7, 2);
    expect(r.out).toContain(`seeds: ${seeds.join(' ')}`);
    expect(r.out).toContain('2 of 2 claims as expected under all 2 seeds (master seed 7)');
    const rep = JSON.parse(readFileSync(out, 'utf8')) as { seed: number; budget: string; claims: ClaimResult[]; soak: SoakSection };
    expect([rep.seed, rep.budget]).toEqual([7, 'quick']);
    expect(rep.soak.seeds).toEqual(seeds);
    expect(rep.soak.claims.map((c) => [c.id, c.held, c.controlCaught, c.seeds, c.misses.length])).toEqual([
      ['thesis.ch2.thm2.1', 2, 2, 2, 0], ['thesis.ch2.thm2.1.antipodal', 2, 2, 2, 0],
    ]);
    expect(parseReport(readFileSync(out, 'utf8'), out).claims).toHaveLength(2);
    // The same master seed replays the soak: diff of the two is clean.
    const again = join(dir, 'again.json');
    expect(cli(['soak', '--runs', '2', '--seed', '7', '--jobs', '1', '--filter', filter, '--out', again]).status).toBe(0);
    const d = cli(['diff', out, again]);
    expect(d.status, d.out).toBe(0);
    const page = join(dir, 'soak.html');
    expect(cli(['report', out, '--html', page]).status).toBe(0);
    expect(existsSync(page)).toBe(true);
  }, 240_000);

  it('needs --runs', () => {
    const r = cli(['soak', '--filter', '=thesis.ch2.thm2.1', '--out', join(dir, 'x.json')]);
    expect(r.status).toBe(2);
    expect(r.out).toContain('--runs');
  }, 60_000);
});

describe('the soak summary', () => {
  it('draws distinct seeds, the same for the same master seed', () => {
    const s = soakSeeds(123, 50);
    expect(new Set(s).size).toBe(50);
    expect(soakSeeds(123, 50)).toEqual(s);
    expect(soakSeeds(124, 3)).not.toEqual(s.slice(0, 3));
  });

  it('aggregates the runs and lists every miss with the command that re-runs it', () => {
    const runs = [
      { seed: 11, result: result({ worstSlack: 0.4, controlRate: 1 }) },
      { seed: 22, result: result({ control: 'missed', controlRate: 0, verdict: 'fails', controlDetail: 'control held on all 20 cases' }) },
      { seed: 33, result: result({ worstSlack: 0.7, controlRate: 0.5, verdict: 'fails', replay: '99:3', message: 'boom' }) },
    ];
    const rep = soakReport('quick', 5, [11, 22, 33], [runs]);
    const row = rep.soak.claims[0];
    expect([row.held, row.controlCaught, row.seeds, row.minControlRate]).toEqual([1, 2, 3, 0]);
    expect(row.misses.map((m) => m.seed)).toEqual([22, 33]);
    expect(row.misses[0].command).toBe("npm run check -- --filter '=x.bound' --budget quick --seed 22");
    expect(row.misses[1].replayCase).toBe("npm run check -- --filter '=x.bound' --budget quick --replay 99:3");
    const agg = rep.claims[0];
    expect([agg.verdict, agg.control, agg.worstSlack, agg.controlCases]).toEqual(['fails', 'missed', 0.7, 60]);
    expect(agg.controlRate).toBe(30 / 60);
    expect(agg.message).toContain('first miss at run seed 22');
    expect(soakTable(rep)).toContain('22 33');
    expect(soakMisses(rep.soak).join('\n')).toContain('✗ x.bound at seed 33: fails, control caught (catching rate 0.500)');
  });
});
