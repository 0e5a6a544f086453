/**
 * Issue 17, the CLI half: replay verdicts, atomic reports and the report lock, output paths checked
 * before a run, input files validated (file and field named), unknown verbs, exact seeds, --jobs.
 * Tests assert the error class, the exit code and the argument or file named, not message text.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, verdict } from '../src/claims/claim.ts';
import { ReportFormatError } from '../src/claims/diff.ts';
import { InputFileError, lockPathFor, lockReport, ReportLockedError, requireWritable, writeFileAtomic } from '../src/claims/io.ts';
import { runClaim } from '../src/claims/runner.ts';
import { parseReplay } from '../src/claims/seed.ts';
import { UsageError } from '../src/claims/usage.ts';
import { readWorst } from '../src/claims/worst.ts';
import { capJobs, checkCommand, checkOutputs, parseArgs, parseSeed, type CheckIo } from '../src/check.ts';
import { caseCommand, checkHtmlTarget, diffCommand, htmlPathFor, readReport } from '../src/commands.ts';
import { parseReport } from '../src/claims/diff.ts';
import { expectTyped } from './helpers.ts';

const sizes = { runs: 20 };
/** n ≤ 5 on n ∈ [1, 9]: holds on some cases, fails on others. */
const atMostFive = claim({
  id: 'test.at-most-five', source: 'test', statement: 'n ≤ 5', kind: 'bound',
  budget: { quick: sizes, default: sizes, deep: sizes },
  arbitrary: () => fc.record({ n: fc.integer({ min: 1, max: 9 }) }),
  check: ({ n }) => verdict.atMost(n, 5),
  negativeControl: { describe: 'n ≤ 0', check: ({ n }) => verdict.atMost(n, 0) },
});

function capture(): CheckIo & { text: () => string } {
  const out: string[] = [];
  return { log: (s) => out.push(s), err: (s) => out.push(s), write: (s) => out.push(s), tty: false, text: () => out.join('\n') };
}

/** The CLI as a user runs it. */
function cli(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function cliAsync(args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args]);
    let out = '';
    p.stdout.on('data', (d) => { out += String(d); });
    p.stderr.on('data', (d) => { out += String(d); });
    p.on('close', (status) => done({ status, out }));
  });
}

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

describe('check --replay tells the truth', () => {
  it('a replayed case that holds exits 0 although the control is not run; one that fails exits 1 with the failure', async () => {
    // Find a holding case and a failing one by seed: a replay runs the first case of the seed.
    let holds: string | undefined;
    let fails: string | undefined;
    for (let seed = 1; (holds === undefined || fails === undefined) && seed < 200; seed++) {
      const r = runClaim(atMostFive, { budget: 'quick', seed: 0, replay: { seed }, skipControl: true });
      if (r.verdict === 'holds') holds ??= String(seed);
      else fails ??= r.replay;
    }
    expect(holds).toBeDefined();
    expect(fails).toBeDefined();
    const args = (replay: string) => ({ ...parseArgs(['check', '--budget', 'quick']), replay, out: join(tmp('gd-replay-'), 'claims.json') });

    const ok = capture();
    expect(await checkCommand([atMostFive], args(holds!), ok)).toBe(0);
    expect(ok.text()).toContain('✓ test.at-most-five');

    const bad = capture();
    const a = args(fails!);
    expect(await checkCommand([atMostFive], a, bad)).toBe(1);
    expect(bad.text()).toContain('✗ test.at-most-five: fails');
    expect(bad.text()).toMatch(/case \{"n":[6-9]\}/);
    expect(bad.text()).toContain(`--replay ${fails}`);
    expect(existsSync(a.out)).toBe(false); // a replay writes no report
  });

  it('the issue probe: thesis.ch2.thm2.1 --replay 942757326 holds, exit 0', () => {
    const r = cli(['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--replay', '942757326']);
    expect(r.status, r.out).toBe(0);
  });
});

describe('reports are written atomically, under a lock', () => {
  it('writeFileAtomic replaces the file and leaves no temporary file', () => {
    const dir = tmp('gd-atomic-');
    const p = join(dir, 'sub', 'r.json');
    writeFileAtomic(p, '{"a":1}\n');
    writeFileAtomic(p, '{"a":2}\n');
    expect(readFileSync(p, 'utf8')).toBe('{"a":2}\n');
    expect(spawnSync('ls', ['-A', join(dir, 'sub')], { encoding: 'utf8' }).stdout.trim()).toBe('r.json');
  });

  it('a second lock on the same report is refused while the holder lives; a dead holder\'s lock is taken over', () => {
    const p = join(tmp('gd-lock-'), 'claims.json');
    const release = lockReport(p);
    expectTyped(() => lockReport(p), ReportLockedError, p);
    release();
    expect(existsSync(lockPathFor(p))).toBe(false);
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(lockPathFor(p), JSON.stringify({ pid: Number(dead), started: 'earlier' }));
    const notes: string[] = [];
    lockReport(p, (s) => notes.push(s))();
    expect(notes.length).toBe(1);
  });

  it('two check processes on one report: two valid reports, or one and a clear refusal; a reader never sees a broken file', async () => {
    const dir = tmp('gd-two-');
    const out = join(dir, 'claims.json');
    const args = ['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--jobs', '1', '--out', out];
    const seen: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        if (existsSync(out)) seen.push(readFileSync(out, 'utf8'));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const [a, b] = await Promise.all([cliAsync(args), cliAsync(args)]);
    polling = false;
    await poll;
    const codes = [a.status, b.status].sort();
    expect([[0, 0], [0, 2]], `${a.out}\n${b.out}`).toContainEqual(codes);
    if (codes[1] === 2) expect((a.status === 2 ? a : b).out).toContain(out); // the refusal names the report
    expect(parseReport(readFileSync(out, 'utf8'), out).claims.map((c) => c.id)).toEqual(['thesis.ch2.thm2.1']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('</html>');
    for (const text of seen) expect(() => parseReport(text, out)).not.toThrow();
    expect(existsSync(lockPathFor(out))).toBe(false);
  }, 120_000);
});

describe('output paths are checked before the run', () => {
  it('a folder, or a path under a file, is a UsageError naming the option', () => {
    const dir = tmp('gd-out-');
    writeFileSync(join(dir, 'file'), 'x');
    expectTyped(() => requireWritable(dir, '--out'), UsageError, '--out');
    expectTyped(() => requireWritable(join(dir, 'file', 'claims.json'), '--out'), UsageError, '--out');
    expectTyped(() => requireWritable(join(dir, 'file', 'a', 'b.html'), '--html'), UsageError, '--html');
    requireWritable(join(dir, 'new', 'deeper', 'claims.json'), '--out');
    expect(existsSync(join(dir, 'new'))).toBe(false); // the check leaves nothing behind
  });

  it('--out /etc/hostname/claims.json and an unwritable --html exit 2 before any claim runs', () => {
    const dir = tmp('gd-out2-');
    writeFileSync(join(dir, 'file'), 'x');
    const t0 = Date.now();
    const r = cli(['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--out', join(dir, 'file', 'claims.json')]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain('--out');
    const h = cli(['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--out', join(dir, 'c.json'), '--html', dir]);
    expect(h.status, h.out).toBe(2);
    expect(h.out).toContain('--html');
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(60_000);
    const b = cli(['baseline', 'report/none.json', '--out', join(dir, 'file', 'b.json')]);
    expect(b.status, b.out).toBe(2);
    expect(b.out).toContain('--out');
  });

  it('the page beside --out X.json is X.html; a page the suite did not write is never overwritten', () => {
    expect(htmlPathFor(join('s', 'mine.json'))).toBe(join('s', 'mine.html'));
    expect(htmlPathFor(join('s', 'claims.json'))).toBe(join('s', 'index.html'));
    expect(htmlPathFor(join('s', 'mine.json'), 'page.html')).toBe('page.html');
    const dir = tmp('gd-html-');
    writeFileSync(join(dir, 'index.html'), '<html>mine</html>');
    expectTyped(() => checkHtmlTarget(join(dir, 'index.html'), false), UsageError, '--html');
    checkHtmlTarget(join(dir, 'index.html'), true); // named with --html: the user asked for it
    expectTyped(() => checkOutputs(parseArgs(['check', '--out', join(dir, 'r.json'), '--html', join(dir, 'r.json')])), UsageError, '--html');
    const r = cli(['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--jobs', '1', '--out', join(dir, 'mine.json')]);
    expect(r.status, r.out).toBe(0);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('<html>mine</html>');
    expect(readFileSync(join(dir, 'mine.html'), 'utf8')).toContain('<title>gd-theory report');
    const c = cli(['check', '--filter', '=thesis.ch2.thm2.1', '--budget', 'quick', '--out', join(dir, 'claims.json')]);
    expect(c.status, c.out).toBe(2);
    expect(c.out).toContain('--html');
  }, 120_000);
});

describe('input files name the file and the field', () => {
  const caseFile = (body: string) => {
    const f = join(tmp('gd-case-'), 'case.json');
    writeFileSync(f, body);
    return f;
  };
  const field = (fn: () => unknown, file: string): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(InputFileError);
      expect((e as InputFileError).argument).toBe(file);
      return (e as InputFileError).field;
    }
    throw new Error('expected an InputFileError');
  };

  it('--case: {"case":null}, {}, a bad budget, another claim\'s id, a case the check cannot read', () => {
    for (const [body, f] of [
      ['{"case":null}', 'case'], ['{}', 'n'], ['{"case":{"n":3},"budget":"bogus"}', 'budget'], ['{"case":{"n":"3"}}', 'case.n'],
      ['{"case":{"n":3},"id":"other.claim"}', 'id'], ['[1,2]', '(file)'], ['{not json', '(file)'],
    ] as const) {
      const file = caseFile(body);
      expect(field(() => caseCommand([atMostFive], file, 'quick', () => {}), file), body).toBe(f);
    }
    expect(caseCommand([atMostFive], caseFile('{"case":{"n":3},"budget":"quick"}'), 'quick', () => {})).toBe(0);
    expect(caseCommand([atMostFive], caseFile('{"n":7}'), 'quick', () => {})).toBe(1);
  });

  it('--case through the CLI: exit 2 and the file named', () => {
    const file = caseFile('{"case":{"n":18,"d":18,"scaled":true,"seed":1},"budget":"bogus"}');
    const r = cli(['check', '--filter', '=thesis.ch2.assumption2.1.diagonal', '--case', file]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain(file);
  });

  it('reports given to report/baseline/diff: a missing field or a folder is a ReportFormatError naming the file', () => {
    const dir = tmp('gd-rep-');
    const row = { id: 'a.b', kind: 'bound', verdict: 'holds', runs: 1, worstSlack: 0.5, medianSlack: 0.5, control: 'caught', family: 'f', source: 's', replay: '1', ms: 1 };
    const p = join(dir, 'r.json');
    writeFileSync(p, JSON.stringify({ version: 1, budget: 'quick', seed: 42, claims: [row] })); // no statement
    expectTyped(() => readReport(p), ReportFormatError, p);
    writeFileSync(p, JSON.stringify({ version: 1, budget: 'quick', seed: 42, claims: [{ ...row, statement: 'x' }], figures: [{ id: 'f' }] }));
    expectTyped(() => readReport(p), ReportFormatError, p);
    expectTyped(() => readReport(dir), ReportFormatError, dir);
    expectTyped(() => diffCommand([dir, p]), ReportFormatError, dir);
  });

  it('a worst-case fixture with a broken field is named', () => {
    const dir = tmp('gd-worst-');
    const good = JSON.parse(readFileSync(join('fixtures', 'worst', 'thesis.ch2.assumption2.1.diagonal.json'), 'utf8')) as Record<string, unknown>;
    const p = join(dir, 'w.json');
    writeFileSync(p, JSON.stringify(good));
    expect(readWorst(p).id).toBe('thesis.ch2.assumption2.1.diagonal');
    for (const [k, v, f] of [['traceRandom', 'x', 'traceRandom'], ['targeted', null, 'targeted'], ['id', 3, 'id']] as const) {
      writeFileSync(p, JSON.stringify({ ...good, [k]: v }));
      expect(field(() => readWorst(p), p)).toBe(f);
    }
  });
});

describe('the command line', () => {
  it('an unknown verb is named, exit 2, before any claim loads', () => {
    const r = cli(['chekc', '--filter', 'x']);
    expect(r.status).toBe(2);
    expect(r.out).toContain('chekc');
  });

  it('seeds outside the exact integer range are rejected', () => {
    expectTyped(() => parseSeed('99999999999999999999'), UsageError, '--seed');
    expectTyped(() => parseArgs(['check', '--seed', '9007199254740993']), UsageError, '--seed');
    expect(parseArgs(['check', '--seed', '9007199254740991']).seed).toBe(9007199254740991);
    expectTyped(() => parseReplay('99999999999999999999:0'), UsageError, '--replay');
    expectTyped(() => parseArgs(['check', '--jobs', '0']), UsageError, '--jobs');
  });

  it('--jobs above the core count is capped with a note', () => {
    const notes: string[] = [];
    expect(capJobs(64, (s) => notes.push(s), 2)).toBe(2);
    expect(notes.length).toBe(1);
    expect(capJobs(2, (s) => notes.push(s), 2)).toBe(2);
    expect(capJobs(undefined, (s) => notes.push(s), 2)).toBeUndefined();
    expect(notes.length).toBe(1);
  });
});
