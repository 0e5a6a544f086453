/** Bad-input rows of src/claims/ (issue 17, item 6): the claim factory, verdict builders, seeds and report helpers. */
import fc from 'fast-check';
import { claim } from '../../src/claims/claim.ts';
import type { Claim, LoadedClaim } from '../../src/claims/types.ts';
import { atMost } from '../../src/claims/verdict.ts';
import { a, type Arg, type Row } from './harness.ts';

/** A verdict side: NaN and ±∞ are measured values, so they give a failing (or, +∞ on the bound side, holding)
 *  verdict by design (verdict.ts, make(): "a NaN side must never read as holds"); non-numbers are rejected. */
const SIDE = { accepts: ['NaN', '+Infinity', '-Infinity', 'negative', 'non-integer', 'huge'] } as const;
const side = (name: string, at: number | [number, string]): Arg => a(name, 'real', at, SIDE);
/** A free-text detail line: any string is fine. */
const text = (name: string, at: number, more: Partial<Arg> = {}): Arg => a(name, 'name', at, { accepts: ['string'], ...more });

export const SPEC = () => ({
  id: 'bad-input.tiny', source: 'issue 17', statement: 'x ≤ 1 on [0, 1]', kind: 'bound' as const,
  budget: { quick: { runs: 3 }, default: { runs: 3 }, deep: { runs: 3 } },
  arbitrary: () => fc.double({ min: 0, max: 1, noNaN: true }),
  check: (x: number) => atMost(x, 1),
  negativeControl: { describe: 'x ≤ 0.1', check: (x: number) => atMost(x, 0.1) },
});
/** A tiny bound claim (3 runs per budget) that holds, with a control that is caught. */
export const TINY = (): Claim => claim(SPEC());
export const LOADED = (): LoadedClaim => ({ ...TINY(), family: 'bad-input', file: 'properties/bad-input/tiny.property.ts' });
const V = () => atMost(0.5, 1, 'half');
const FIT = () => ({ slope: 1, intercept: 0, lo: 0.9, hi: 1.1, se: 0.05, r2: 1 });

export const rows: Record<string, Row> = {
  // claims/verdict
  'claims/verdict.atMost': { args: () => [0.5, 1], check: [side('lhs', 0), side('rhs', 1)] },
  'claims/verdict.atLeast': { args: () => [1, 0.5], check: [side('lhs', 0), side('rhs', 1)] },
  'claims/verdict.within': { args: () => [0.5, 1], check: [side('error', 0), a('tol', 'positive', 1)] },
  'claims/verdict.near': { args: () => [0.5, 0.4, 0.2], check: [side('value', 0), side('target', 1), a('tol', 'positive', 2)] },
  'claims/verdict.failureRate': {
    args: () => [{ failures: 0, trials: 100, delta: 0.1, alpha: 1e-6 }],
    check: [a('r', 'object', 0), a('failures', 'count', [0, 'failures'], { nonFiniteIsShape: false }), a('trials', 'size', [0, 'trials'], { accepts: ['huge'] }),
      a('delta', 'positive', [0, 'delta']), a('alpha', 'prob', [0, 'alpha'], { accepts: ['huge'] })],
  },
  'claims/verdict.meanWithin': {
    args: () => [{ mean: 1.1, se: 0.1, claimed: 1, k: 5 }],
    check: [a('m', 'object', 0), side('mean', [0, 'mean']), a('se', 'nonneg', [0, 'se']), a('claimed', 'real', [0, 'claimed']),
      a('k', 'positive', [0, 'k']), a('side', 'name', [0, 'side'], { optional: true })],
  },
  'claims/verdict.rateWithin': {
    args: () => [{ successes: 50, trials: 100, claimed: 0.5, alpha: 1e-6 }],
    check: [a('r', 'object', 0), side('successes', [0, 'successes']), a('trials', 'size', [0, 'trials'], { accepts: ['huge'] }),
      a('claimed', 'prob', [0, 'claimed']), a('alpha', 'prob', [0, 'alpha']), a('side', 'name', [0, 'side'], { optional: true })],
  },
  'claims/verdict.slopeWithin': { args: () => [1.9, 2, 0.2], check: [side('slope', 0), side('claimed', 1), a('tol', 'positive', 2)] },
  'claims/verdict.slopeAtMost': { args: () => [1.9, 2, 0.2], check: [side('slope', 0), side('limit', 1), a('tol', 'positive', 2)] },
  'claims/verdict.slopeAtLeast': { args: () => [2.1, 2, 0.2], check: [side('slope', 0), side('limit', 1), a('tol', 'positive', 2)] },
  'claims/verdict.unmet': { args: () => ['diverged'], check: [text('detail', 0)] },
  'claims/verdict.vacuous': { args: () => ['hypothesis false'], check: [text('detail', 0)] },
  'claims/verdict.allOf': { args: () => [[V(), V()]], check: [a('vs', 'object', 0)] },
  'claims/verdict.failedBy': { args: () => [V(), 'not converged'], check: [a('v', 'object', 0), text('reason', 1)] },
  'claims/verdict.DEFINITIONS': { exempt: 'constant' },
  'claims/verdict.isBuilt': { args: () => [V()], check: [a('v', 'object', 0, { accepts: ['null', 'undefined', 'string'] })] }, // a predicate: false for anything unbuilt
  // claims/claim
  'claims/claim.claim': {
    args: () => [SPEC()],
    check: [a('spec', 'object', 0), a('id', 'name', [0, 'id'], { accepts: ['string'] }), text('source', 0, { at: [0, 'source'] }), text('statement', 0, { at: [0, 'statement'] }),
      a('kind', 'name', [0, 'kind']), a('budget', 'object', [0, 'budget']), a('arbitrary', 'fn', [0, 'arbitrary']), a('check', 'fn', [0, 'check']),
      a('negativeControl', 'object', [0, 'negativeControl'])],
  },
  'claims/claim.isClaim': { args: () => [TINY()], check: [a('x', 'object', 0, { accepts: ['null', 'undefined', 'string'] })] }, // a predicate
  'claims/claim.verdict': { exempt: 'constant: the namespace of the verdict builders (claims/verdict.*, which have rows)' },
  'claims/claim.worstWith': { args: () => [V(), [V()], 'top widths'], check: [a('own', 'object', 0), a('extra', 'object', 1), text('label', 2)] },
  'claims/claim.withFit': {
    args: () => [V(), FIT(), [1, 2, 4], [1, 2, 4], { log: true }],
    check: [a('v', 'object', 0), a('fit', 'object', 1), a('xs', 'vec', 2, { names: { empty: 'ys' } }), a('ys', 'vec', 3), a('opts', 'object', 4, { optional: true })],
  },
  // claims/seed
  'claims/seed.claimSeed': { args: () => [42, 'thesis.ch2.thm2.1'], check: [a('runSeed', 'real', 0), text('id', 1)] },
  'claims/seed.parseReplay': { args: () => ['1234:0:1'], check: [a('--replay', 'name', 0)] },
  // claims/progress
  'claims/progress.progressLine': {
    args: () => [['a', 'b'], new Map([['a', 10]]), () => 0],
    check: [a('ids', 'object', 0), a('times', 'object', 1), a('now', 'fn', 2, { optional: true })],
  },
  // claims/catalog-markdown (README's and docs/claims.md's generated tables)
  'claims/catalog-markdown.sourceTag': { args: () => ['002 thesis, Theorem 2.1'], check: [text('source', 0)] },
  'claims/catalog-markdown.familyTableMarkdown': { args: () => [[LOADED()]], check: [a('claims', 'object', 0)] },
  'claims/catalog-markdown.claimIndexMarkdown': { args: () => [[LOADED()]], check: [a('claims', 'object', 0)] },
  'claims/catalog-markdown.README_BEGIN': { exempt: 'constant' },
  'claims/catalog-markdown.README_END': { exempt: 'constant' },
  'claims/catalog-markdown.replaceBlock': { args: () => ['a <!-- b --> c <!-- e --> d', 'X', '<!-- b -->', '<!-- e -->'], check: [text('text', 0), text('block', 1)] },
  'claims/catalog-markdown.claimDocs': { args: () => [[LOADED()], 'readme'], check: [a('claims', 'object', 0), text('readme', 1)] },
  // claims/types, claims/usage
  'claims/types.BUDGETS': { exempt: 'constant' },
  'claims/usage.UsageError': { exempt: 'class' },
};

