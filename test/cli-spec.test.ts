/**
 * The command line follows Node's conventions (issue 16, item 3): one description of every verb and
 * option (cli-spec.ts), `--opt=value` and `--opt value`, help per verb, one-line usage errors that
 * name the option (exit 2), and the exit-code table. Errors are checked by class and argument.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseShard } from '../src/check.ts';
import { EXIT_CODES, exitCodeOf, parseVerb, usage, VERB_SPECS, VERBS, verbUsage } from '../src/cli-spec.ts';
import { UsageError } from '../src/claims/usage.ts';
import { InputFileError } from '../src/claims/io.ts';
import { expectTyped } from './helpers.ts';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parsing', () => {
  it('takes --opt=value and --opt value alike', () => {
    const a = parseArgs(['check', '--budget=quick', '--seed', '7', '--jobs=1', '--filter=saddle']);
    const b = parseArgs(['check', '--budget', 'quick', '--seed=7', '--jobs', '1', '--filter', 'saddle']);
    expect(a).toEqual(b);
    expect([a.budget, a.seed, a.jobs, a.filter]).toEqual(['quick', 7, 1, 'saddle']);
  });
  it('names an unknown option, a missing value, a value given to a flag and a bad value', () => {
    expectTyped(() => parseArgs(['check', '--bogus']), UsageError, '--bogus');
    expectTyped(() => parseArgs(['check', '--out']), UsageError, '--out');
    expectTyped(() => parseArgs(['check', '--json=yes']), UsageError, '--json');
    expectTyped(() => parseArgs(['check', '--budget', 'huge']), UsageError, '--budget');
    expectTyped(() => parseArgs(['check', '--jobs', '0']), UsageError, '--jobs');
    expectTyped(() => parseArgs(['check', '--seed', 'abc']), UsageError, '--seed');
    expectTyped(() => parseArgs(['check', '--replay', 'x:y:z']), UsageError, '--replay');
    expectTyped(() => parseArgs(['check', '--evals', '-3']), UsageError, '--evals');
    expectTyped(() => parseArgs(['check', 'stray']), UsageError, 'stray');
    expectTyped(() => parseVerb('diff', ['a.json']), UsageError, 'arguments');
  });
  it('reads --shard I/N with 1 ≤ I ≤ N only, and not with a replay', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3']) expectTyped(() => parseShard(bad), UsageError, '--shard');
    expectTyped(() => parseArgs(['check', '--shard', '1/2', '--replay', '5']), UsageError, '--shard');
  });
  it('marks --help for every verb', () => {
    for (const v of VERBS) if (v !== 'help') expect(parseVerb(v, ['--help']).help, v).toBe(true);
  });
});

describe('one usage text', () => {
  it('lists every verb, and each verb\'s help lists each of its options', () => {
    const text = usage();
    for (const v of VERBS) {
      expect(text).toContain(`  ${v} `);
      const help = verbUsage(v);
      for (const o of Object.keys(VERB_SPECS[v].options)) expect(help, `${v} --${o}`).toContain(`--${o}`);
    }
  });
  it('maps a typed error to exit 2 and anything else to exit 3', () => {
    expect(exitCodeOf(new UsageError('x', '--x'))).toBe(2);
    expect(exitCodeOf(new InputFileError('x', 'f', 'case'))).toBe(2);
    expect(exitCodeOf(new TypeError('x'))).toBe(3);
    expect(EXIT_CODES.map(([c]) => c)).toEqual([0, 1, 2, 3]);
  });
});

describe('the command as a user runs it', () => {
  it('prints a verb\'s options for `check --help` and `help check`, exit 0', () => {
    for (const args of [['check', '--help'], ['help', 'check'], ['check', '-h']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('--shard I/N');
    }
    const all = cli(['help']);
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('merge');
  });
  it('rejects a bad option or value in one line naming it, exit 2, before loading claims', () => {
    for (const [args, named] of [[['check', '--budget', 'huge'], '--budget'], [['check', '--jobs=0'], '--jobs'], [['check', '--seed', 'abc'], '--seed'],
      [['check', '--replay', 'nope:'], '--replay'], [['list', '--bogus'], '--bogus'], [['diff', 'a.json', 'b.json', '--threshold', 'x'], '--threshold'], [['frobnicate'], 'frobnicate']] as const) {
      const r = cli([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toContain(named);
    }
  });
});

describe('the README', () => {
  it('carries the current command-line reference (npm run readme:cli rewrites it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withCliReference } = await import('../src/cli-spec.ts');
    const readme = readFileSync('README.md', 'utf8');
    expect(withCliReference(readme) === readme, 'README.md is stale: run npm run readme:cli').toBe(true);
  });
});
