/**
 * Sharded runs (issue 16, item 2): `check --shard i/N` splits the selection deterministically and in
 * balance by the baseline's times; `merge` joins the parts into the unsharded report (apart from ms)
 * and refuses parts that do not make one run, naming the file or the missing shard.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergeError, mergeShards, shardClaims } from '../src/claims/shard.ts';
import type { Report } from '../src/claims/report.ts';
import type { ClaimResult } from '../src/claims/types.ts';
import { expectTyped } from './helpers.ts';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The report without timings (the only field allowed to differ between a sharded and an unsharded run). */
function withoutMs(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutMs);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'ms' && k !== 'shard').map(([k, v]) => [k, withoutMs(v)]));
  return x;
}

describe('the split', () => {
  it('is a partition of the selection, the same on every call, each part in selection order and within one claim of balance', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (ms, count) => {
      const claims = ms.map((_, i) => ({ id: `c${String(i).padStart(3, '0')}` }));
      const times = new Map(claims.map((c, i) => [c.id, ms[i]]));
      const parts = Array.from({ length: count }, (_, k) => shardClaims(claims, { index: k + 1, count }, times));
      expect(parts.flat().map((c) => c.id).sort()).toEqual(claims.map((c) => c.id));
      expect(shardClaims(claims, { index: 1, count }, times)).toEqual(parts[0]);
      for (const p of parts) expect(p.map((c) => c.id)).toEqual([...p.map((c) => c.id)].sort());
      const loads = parts.map((p) => p.reduce((s, c) => s + (times.get(c.id) ?? 0), 0));
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(...ms));
    }), { seed: 42, numRuns: 200 });
  });
});

const row = (id: string): ClaimResult => ({
  id, family: 'f', source: 's', kind: 'bound', verdict: 'holds', runs: 1, worstSlack: 0.5, medianSlack: 0.5, control: 'caught', replay: '1', ms: 3, statement: 's',
});
const part = (index: number, count: number, ids: string[], over: Partial<Report> = {}): Report => ({
  version: 1, budget: 'quick', seed: 42, claims: ids.map(row), figures: [], errata: [], shard: { index, count, claims: ['a', 'b', 'c'] }, ...over,
});

describe('the join', () => {
  const errata = () => [];
  it('puts the claims back in the run\'s order', () => {
    const m = mergeShards([{ file: 'two', report: part(2, 2, ['b']) }, { file: 'one', report: part(1, 2, ['c', 'a']) }], errata);
    expect(m.claims.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(m.shard).toBeUndefined();
  });
  it('names a missing shard, a repeated one, and a part from another budget, seed or selection', () => {
    expectTyped(() => mergeShards([{ file: 'one', report: part(1, 3, ['a']) }, { file: 'three', report: part(3, 3, ['c']) }], errata), MergeError, 'files');
    expectTyped(() => mergeShards([{ file: 'one', report: part(1, 2, ['a']) }, { file: 'again', report: part(1, 2, ['b', 'c']) }], errata), MergeError, 'again');
    expectTyped(() => mergeShards([{ file: 'one', report: part(1, 2, ['a']) }, { file: 'deep', report: part(2, 2, ['b', 'c'], { budget: 'deep' }) }], errata), MergeError, 'deep');
    expectTyped(() => mergeShards([{ file: 'one', report: part(1, 2, ['a']) }, { file: 's7', report: part(2, 2, ['b', 'c'], { seed: 7 }) }], errata), MergeError, 's7');
    const other = part(2, 2, ['b', 'c']);
    expectTyped(() => mergeShards([{ file: 'one', report: part(1, 2, ['a']) }, { file: 'sel', report: { ...other, shard: { index: 2, count: 2, claims: ['b', 'c'] } } }], errata), MergeError, 'sel');
  });
});

describe('gd-theory check --shard and merge', () => {
  it('3 shards merged equal the unsharded quick run (except ms); a missing or corrupt shard is named and nothing is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-shard-'));
    const filter = 'gradients,kernels,conjectures';
    const whole = cli(['check', '--budget', 'quick', '--filter', filter, '--jobs', '1', '--quiet', '--out', join(dir, 'whole.json'), '--html', 'none']);
    expect(whole.status, whole.stderr).toBe(0);
    const shards = [1, 2, 3].map((i) => {
      const out = join(dir, `shard-${i}.json`);
      const r = cli(['check', '--budget', 'quick', '--filter', filter, '--jobs', '1', '--quiet', '--shard', `${i}/3`, '--out', out, '--html', 'none']);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const merged = join(dir, 'merged.json');
    const m = cli(['merge', ...shards, '--out', merged, '--quiet']);
    expect(m.status, m.stderr).toBe(0);
    expect(existsSync(join(dir, 'merged.html'))).toBe(true);
    expect(withoutMs(JSON.parse(readFileSync(merged, 'utf8')))).toEqual(withoutMs(JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8'))));

    const missing = cli(['merge', shards[0], shards[2], '--out', join(dir, 'partial.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('2/3');
    expect(existsSync(join(dir, 'partial.json'))).toBe(false);

    const text = readFileSync(shards[1], 'utf8');
    writeFileSync(join(dir, 'cut.json'), text.slice(0, text.length >> 1));
    const before = readFileSync(merged, 'utf8');
    const cut = cli(['merge', shards[0], join(dir, 'cut.json'), shards[2], '--out', merged]);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain('cut.json');
    expect(readFileSync(merged, 'utf8')).toBe(before);
  }, 300_000);
});
