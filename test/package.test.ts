/**
 * Use from another repository, as a researcher would: `npm pack` this checkout (prepack builds
 * dist/ with tsc), install the tarball in a fresh temporary project (offline from the npm cache
 * where it can), write conjecture files there, and run them through the installed package —
 * `npx gd-theory check --claims …` (the user's TypeScript loaded in-process by tsx's register API,
 * the pool's workers too), `npx vitest run` with the package's plugin, `tsc` on the user's files
 * against the shipped .d.ts, and plain Node ESM importing
 * the compiled API with no loader (GD's per-objective step loop is compiled from its own source
 * text: it must be self-contained in the emitted JavaScript).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const VITEST_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }).version;

/** The conjecture: GD at η = 0.1 on the two-layer net does not increase the loss in 50 steps. */
const HOLDS = `import fc from 'fast-check';
import { bindData, claim, gd, lossRecorder, rng, sphereDataset, twoLayerModel, verdict } from 'gd-theory';

const lossAfter = (seed: number, m: number, steps: number): Float64Array => {
  const r = rng(seed);
  const { X, y } = sphereDataset(r, 5, 3);
  const model = twoLayerModel(m, 3);
  const losses = lossRecorder(steps);
  gd(bindData(model, X, y), model.init(r), { eta: 0.1, steps, recorders: [losses] });
  return losses.values();
};

export const decreases = claim({
  id: 'mine.gd.loss-decreases', source: 'my paper, Lemma 1', kind: 'bound',
  statement: 'L(W(50)) ≤ L(W(0)) for GD at η = 0.1 on the two-layer ReLU net',
  budget: { quick: { runs: 4 }, default: { runs: 20 }, deep: { runs: 50 } },
  arbitrary: () => fc.record({ seed: fc.integer({ min: 0, max: 1e6 }), m: fc.integer({ min: 20, max: 60 }) }),
  check: ({ seed, m }) => { const L = lossAfter(seed, m, 50); return verdict.atMost(L[50], L[0], \`L(50) = \${L[50]}, L(0) = \${L[0]}\`); },
  negativeControl: {
    describe: 'the loss falls a millionfold',
    check: ({ seed, m }) => { const L = lossAfter(seed, m, 50); return verdict.atMost(L[50], L[0] * 1e-6); },
  },
});
`;

/** A second file, so that --jobs 2 runs claims in the pool's worker threads. */
const SECOND = `import fc from 'fast-check';
import { claim, verdict } from 'gd-theory';
import { relu } from 'gd-theory/core/activations';

const sigma = relu();

export const reluNonNegative = claim({
  id: 'mine.relu.non-negative', source: 'my paper, (2)', kind: 'bound', statement: 'relu(s) ≥ 0',
  budget: { quick: { runs: 20 }, default: { runs: 100 }, deep: { runs: 1000 } },
  arbitrary: () => fc.double({ min: -10, max: 10, noNaN: true }),
  check: (s) => verdict.atLeast(sigma.value(s), 0),
  negativeControl: { describe: 'relu(s) ≥ 1', check: (s) => verdict.atLeast(sigma.value(s), 1) },
});
`;

/** A false conjecture (the first one's control, stated as a claim): the gate must fail it. */
const WRONG = HOLDS.replace("id: 'mine.gd.loss-decreases'", "id: 'mine.gd.millionfold'").replace('verdict.atMost(L[50], L[0], ', 'verdict.atMost(L[50], L[0] * 1e-6, ');

const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';
import { claimTestsPlugin } from 'gd-theory/vitest';

export default defineConfig({ plugins: [claimTestsPlugin()], test: { include: ['theory/**/*.property.ts'], testTimeout: 120_000 } });
`;

const PLAIN = `import { bindData, gd, lossRecorder, rng, sphereDataset, twoLayerModel } from 'gd-theory';
import { linearModel } from 'gd-theory/models/linear';
const r = rng(7);
const { X, y } = sphereDataset(r, 4, 3);
const losses = lossRecorder(30);
const models = [twoLayerModel(16, 3), linearModel(3)];
const runs = models.map((m) => gd(bindData(m, X, y), m.init(r), { eta: 0.05, steps: 30, recorders: [losses] }));
console.log(JSON.stringify({ steps: runs.map((x) => x.steps), last: losses.values()[30] }));
`;

function run(cmd: string, args: string[], cwd: string, timeout = 240_000): SpawnSyncReturns<string> {
  // npm's own variables from the outer `npm test` (npm_config_*, the lifecycle) must not steer the inner npm.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...env, NO_COLOR: '1', GD_BACKEND: '' } });
}

function show(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`;
}

describe('npm pack, installed in a fresh project, used from there', () => {
  let dir = '';
  let project = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gd-pack-'));
    const pack = run('npm', ['pack', '--pack-destination', dir], ROOT);
    expect(pack.status, show(pack)).toBe(0);
    const [tgz] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tgz).toMatch(/^gd-theory-\d+\.\d+\.\d+\.tgz$/);
    project = join(dir, 'paper');
    mkdirSync(join(project, 'theory'), { recursive: true });
    mkdirSync(join(project, 'theory-wrong'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'paper', version: '1.0.0', type: 'module', private: true }));
    const install = run('npm', ['i', join(dir, tgz), `vitest@${VITEST_VERSION}`, '--prefer-offline', '--no-audit', '--no-fund'], project);
    expect(install.status, show(install)).toBe(0);
    writeFileSync(join(project, 'theory', 'gd-decrease.property.ts'), HOLDS);
    writeFileSync(join(project, 'theory', 'relu.property.ts'), SECOND);
    writeFileSync(join(project, 'theory-wrong', 'millionfold.property.ts'), WRONG);
    writeFileSync(join(project, 'vitest.config.ts'), VITEST_CONFIG);
    writeFileSync(join(project, 'plain.mjs'), PLAIN);
  }, 600_000);

  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('ships compiled JavaScript with types and the built-in claims, and no TypeScript source', () => {
    const pkg = join(project, 'node_modules', 'gd-theory');
    const files = (d: string): string[] => readdirSync(d, { recursive: true, encoding: 'utf8' });
    expect(files(join(pkg, 'dist', 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files(join(pkg, 'dist', 'src'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', join('core', 'wasm', 'gemm.wat')]));
    expect(files(join(pkg, 'dist', 'properties')).some((f) => f.endsWith('.property.js'))).toBe(true);
    expect(readdirSync(pkg)).not.toContain('src');
    expect(readFileSync(join(pkg, 'bin', 'gd-theory.mjs'), 'utf8')).not.toMatch(/child_process|spawn/);
  });

  it('gd-theory check --claims runs the user\'s TypeScript claims (2 jobs): the table, the report, exit 0', () => {
    const r = run('npx', ['gd-theory', 'check', '--claims', 'theory/**/*.property.ts', '--budget', 'quick', '--jobs', '2'], project);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/mine\.gd\.loss-decreases\s+bound\s+holds\s+4\s.*caught/);
    expect(r.stdout).toMatch(/mine\.relu\.non-negative\s+bound\s+holds/);
    expect(r.stderr).not.toMatch(/worker is unavailable/);
    const report = JSON.parse(readFileSync(join(project, 'report', 'claims.json'), 'utf8')) as { claims: { id: string; family: string; verdict: string }[] };
    expect(report.claims.map((c) => [c.id, c.family, c.verdict])).toEqual([
      ['mine.gd.loss-decreases', 'theory', 'holds'], ['mine.relu.non-negative', 'theory', 'holds'],
    ]);
    expect(readFileSync(join(project, 'report', 'index.html'), 'utf8')).toContain('<title>gd-theory report');
  });

  it('a false conjecture fails the gate: exit 1, the verdict and a replay command', () => {
    const r = run('npx', ['gd-theory', 'check', '--claims', 'theory-wrong', '--budget', 'quick', '--html', 'none', '--out', 'wrong.json'], project);
    expect(r.status, show(r)).toBe(1);
    expect(r.stdout).toMatch(/✗ mine\.gd\.millionfold: fails/);
    expect(r.stdout).toContain("--filter '=mine.gd.millionfold' --budget quick --replay");
  });

  it('--claims matching no file is a usage error naming it (exit 2)', () => {
    const r = run('npx', ['gd-theory', 'list', '--claims', 'nowhere/**/*.property.ts'], project);
    expect(r.status, show(r)).toBe(2);
    expect(r.stderr).toContain("--claims 'nowhere/**/*.property.ts' matches no file");
  });

  it('gd-theory list without --claims lists the package\'s built-in claims', () => {
    const r = run('npx', ['gd-theory', 'list', '--filter', 'thesis.ch2.thm2.1'], project);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/thesis\.ch2\.thm2\.1 .*node_modules\/gd-theory\/dist\/properties\/two-layer\//);
  });

  it('gd-theory new scaffolds a property file from the shipped template, importing the package, and it runs', () => {
    const made = run('npx', ['gd-theory', 'new', 'conjectures/my-idea'], project);
    expect(made.status, show(made)).toBe(0);
    const text = readFileSync(join(project, 'properties', 'conjectures', 'my-idea.property.ts'), 'utf8');
    expect(text).toContain("from 'gd-theory/claims/claim'");
    expect(text).not.toContain('../../src/');
    const r = run('npx', ['gd-theory', 'check', '--claims', 'properties', '--budget', 'quick', '--html', 'none', '--out', 'new.json'], project);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/conjectures\.my-idea\s+bound\s+holds/);
  });

  it('npx vitest run turns each claim into its tests through gd-theory/vitest', () => {
    const r = run('npx', ['vitest', 'run'], project);
    expect(r.status, show(r)).toBe(0);
    expect(r.stdout).toMatch(/Test Files\s+2 passed/);
    expect(r.stdout).toMatch(/Tests\s+4 passed/); // holds + control caught, per claim
  });

  it('the user\'s claim files type-check against the shipped .d.ts (strict, NodeNext, skipLibCheck off)', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      include: ['theory'],
    }));
    const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], project);
    expect(r.status, show(r)).toBe(0);
  });

  it('plain Node ESM imports the compiled API with no loader, and GD runs (its step loop compiled from its own text)', () => {
    const r = run(process.execPath, ['plain.mjs'], project);
    expect(r.status, show(r)).toBe(0);
    const out = JSON.parse(r.stdout) as { steps: number[]; last: number };
    expect(out.steps).toEqual([30, 30]);
    expect(Number.isFinite(out.last)).toBe(true);
  });
});
