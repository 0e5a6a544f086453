/** Bad-input rows of src/claims/ modules that find, load, scaffold, shard and search claims (issue 17, item 6). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNewTarget, TEMPLATE_PATH } from '../../src/claims/scaffold.ts';
import { REPORT } from './claims-files.rows.ts';
import { LOADED, TINY } from './claims.rows.ts';
import { a, type Arg, type Row } from './harness.ts';

const TMP = mkdtempSync(join(tmpdir(), 'gd-bad-input-run-'));
const PROPERTY = 'properties/two-layer/lemma23-radius.property.ts';
const text = (name: string, at: number | [number, string], more: Partial<Arg> = {}): Arg => a(name, 'name', at, { accepts: ['string'], ...more });
const SEED = { accepts: ['negative', 'non-integer', 'huge'] } as const;
/** An evaluation count: a huge one is a legitimate, long search (not called). */
const evals = (at: number | [number, string], more: Partial<Arg> = {}): Arg => a('evals', 'size', at, { accepts: ['huge'], tooLong: ['huge'], ...more });
const SHARD_REPORT = () => ({ ...REPORT(), shard: { index: 1, count: 1, claims: ['bad-input.tiny'] } });

export const rows: Record<string, Row> = {
  // claims/claim: argument checks shared by the claim-taking functions
  'claims/claim.requireClaim': { args: () => [TINY()], check: [a('claim', 'object', 0)] },
  'claims/claim.requireBudgetName': { args: () => ['quick'], check: [a('budget', 'name', 0)] },
  // claims/registry
  'claims/registry.isPropertyFile': { args: () => ['x.property.ts'], check: [text('name', 0)] },
  'claims/registry.propertyFiles': { args: () => [TMP], check: [a('root', 'name', 0)] },
  'claims/registry.globRegExp': { args: () => ['theory/**/*.property.ts'], check: [text('glob', 0)] },
  'claims/registry.claimFiles': { args: () => [[PROPERTY]], check: [a('--claims', 'object', 0), text('cwd', 1, { optional: true, names: { string: '--claims' }, accepts: [] })] },
  'claims/registry.familyOf': { args: () => [PROPERTY], check: [text('file', 0)] },
  'claims/registry.claimsOfModule': { args: () => [PROPERTY, { tiny: TINY() }], check: [text('file', 0), a('mod', 'object', 1)] },
  'claims/registry.defaultPropertiesRoot': { args: () => [], check: [] },
  'claims/registry.loadClaims': { args: () => [[PROPERTY]], check: [a('source', 'object', 0, { names: { string: 'root' }, optional: true, tooLong: ['undefined'] })] },
  'claims/registry.filterClaims': { args: () => [[LOADED()], 'tiny'], check: [a('claims', 'object', 0), text('--filter', 1, { optional: true })] },
  // claims/scaffold (gd-theory new): the valid call writes into a temporary folder
  'claims/scaffold.UsageError': { exempt: 'class (re-exported from claims/usage)' },
  'claims/scaffold.FileExistsError': { exempt: 'class' },
  'claims/scaffold.TemplateError': { exempt: 'class' },
  'claims/scaffold.TEMPLATE_PATH': { exempt: 'constant' },
  'claims/scaffold.PACKAGED_TEMPLATE': { exempt: 'constant' },
  'claims/scaffold.packageImports': { args: () => ["import x from '../../src/models/two-layer.ts';"], check: [text('text', 0)] },
  'claims/scaffold.parseNewTarget': { args: () => ['conjectures/drift-sqrt-n', TMP], check: [a('name', 'name', 0), text('root', 1, { optional: true })] },
  'claims/scaffold.scaffoldText': {
    args: () => [readFileSync(TEMPLATE_PATH, 'utf8'), parseNewTarget('conjectures/drift-sqrt-n', TMP)],
    check: [a('template', 'name', 0), a('t', 'object', 1)],
  },
  'claims/scaffold.scaffold': {
    args: () => ['conjectures/drift-sqrt-n', { root: TMP, force: true }],
    // opts undefined is the default root, properties/ of the repository: not called.
    check: [a('name', 'name', 0), a('opts', 'object', 1, { optional: true, tooLong: ['undefined'] })],
  },
  // claims/shard
  'claims/shard.MergeError': { exempt: 'class' },
  'claims/shard.shardClaims': {
    args: () => [[{ id: 'a' }, { id: 'b' }], { index: 1, count: 2 }, new Map([['a', 5]])],
    check: [a('claims', 'object', 0), a('shard', 'object', 1), a('count', 'size', [1, 'count']),
      a('index', 'size', [1, 'index'], { names: { huge: 'index' } }), a('times', 'object', 2)],
  },
  'claims/shard.mergeShards': { args: () => [[{ file: 'a.json', report: SHARD_REPORT() }], () => []], check: [a('parts', 'object', 0), a('errata', 'fn', 1)] },
  // claims/target (the worst-case search): its tape machinery is internal
  'claims/target.TargetError': { exempt: 'class' },
  'claims/target.SearchRandom': { exempt: 'class: the search\'s own random source, made by targetClaim from the run seed' },
  'claims/target.fromTape': { exempt: 'internal: called by targetClaim only (with its own tapes; its tests drive it directly)' },
  'claims/target.applyMove': { exempt: 'internal: called by targetClaim only (with its own tapes and moves)' },
  'claims/target.mutate': { exempt: 'internal: called by targetClaim only (with its own tapes and SearchRandom)' },
  'claims/target.defaultEvals': { args: () => [3], check: [a('runs', 'size', 0, { accepts: ['huge'] })] },
  'claims/target.sampleWorst': {
    args: () => [TINY(), 'quick', 42, 4],
    check: [a('claim', 'object', 0), a('budget', 'name', 1), a('runSeed', 'real', 2, SEED), evals(3)],
  },
  'claims/target.targetClaim': {
    args: () => [TINY(), { budget: 'quick', seed: 42, evals: 4 }],
    check: [a('claim', 'object', 0), a('opts', 'object', 1), a('budget', 'name', [1, 'budget']), a('seed', 'real', [1, 'seed'], SEED),
      evals([1, 'evals'], { optional: true, nonFiniteIsShape: true }), // evals keeps its TargetError (test/target.test.ts)
      a('pool', 'size', [1, 'pool'], { optional: true, accepts: ['huge'] })],
  },
};
