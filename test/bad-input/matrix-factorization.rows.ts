/** Bad-input rows of src/models/matrix-factorization.ts (issue 17, item 6). */
import { fromRows, identity, zeros } from '../../src/core/matrix.ts';
import { mfWorkspace, randomLowRankTarget, rank1Scalars } from '../../src/models/matrix-factorization.ts';
import { a, R, type Row } from './harness.ts';

/** d1 = 3, d2 = 2, r = 2: U (3×2), V (2×2), M* (3×2). */
const U = () => fromRows([[1, 0], [0, 1], [1, 1]]);
const V = () => fromRows([[1, 0.5], [0.5, 1]]);
const M = () => fromRows([[1, 0], [0, 1], [0.5, 0.5]]);
const W = () => fromRows([[1, 0], [0, 1], [1, 1], [1, 0.5], [0.5, 1]]);
const WS = () => mfWorkspace(3, 2, 2);
const u = () => Float64Array.from([0.6, 0.8, 0]);
const v = () => Float64Array.from([1, 0]);
const uStar = () => Float64Array.from([1, 0, 0]);
const vStar = () => Float64Array.from([0, 1]);
const VALUES_UNCHECKED = { accepts: ['NaN', '+Infinity', '-Infinity'] } as const; // hot kernel: shapes only
const mfInputs = (more: object = {}) => [a('U', 'matrix', 0, { names: { shape: 'V' }, ...more }), a('V', 'matrix', 1, more), a('M', 'matrix', 2, more)];
/** (a, b) products: a wider a is reported under b, and a wider b is legitimate where only its rows must match (matmul, AᵀB). */
const pair = (name: string, b: () => unknown, shapes: { a?: 'accepted'; b?: 'accepted' } = {}): [string, Row] => [`models/matrix-factorization.${name}`, {
  args: () => [U(), b()],
  check: [a('a', 'matrix', 0, shapes.a ? { accepts: ['shape'] } : { names: { shape: 'b' } }), a('b', 'matrix', 1, shapes.b ? { accepts: ['shape'] } : {})],
}];
const rank1 = (name: string): [string, Row] => [`models/matrix-factorization.${name}`, {
  args: () => [u(), v(), uStar(), vStar(), 2],
  check: [a('u', 'f64', 0), a('v', 'f64', 1), a('uStar', 'f64', 2, { names: { shape: 'u' } }), a('vStar', 'f64', 3, { names: { shape: 'v' } }),
    a('sigma1', 'nonneg', 4)],
}];

export const rows: Record<string, Row> = {
  'models/matrix-factorization.mfWorkspace': { args: () => [3, 2, 2], check: [a('d1', 'size', 0), a('d2', 'size', 1), a('r', 'size', 2)] },
  'models/matrix-factorization.requireMfInputs': { args: () => [U(), V(), M()], check: mfInputs() },
  'models/matrix-factorization.balance': { args: () => [U(), V()], check: mfInputs().slice(0, 2) },
  'models/matrix-factorization.balanceInto': {
    args: () => [U(), V(), zeros(2, 2), zeros(2, 2)],
    check: [...mfInputs(VALUES_UNCHECKED).slice(0, 2), a('out', 'matrix', 2, VALUES_UNCHECKED), a('tmp', 'matrix', 3, VALUES_UNCHECKED)],
  },
  'models/matrix-factorization.frobeniusSq': { args: () => [M()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'models/matrix-factorization.frobenius': { args: () => [M()], check: [a('a', 'matrix', 0, { accepts: ['shape'] })] },
  'models/matrix-factorization.mfLossGradInto': {
    args: () => [U(), V(), M(), WS(), 'plain'],
    check: [...mfInputs(VALUES_UNCHECKED), a('ws', 'object', 3), a('objective', 'name', 4, { optional: true })],
  },
  'models/matrix-factorization.mfLossGradReference': { args: () => [U(), V(), M(), WS()], check: [...mfInputs(), a('ws', 'object', 3)] },
  'models/matrix-factorization.mfLossGrad': { args: () => [U(), V(), M(), 'balanced'], check: [...mfInputs(), a('objective', 'name', 3, { optional: true })] },
  'models/matrix-factorization.mfLoss': { args: () => [U(), V(), M(), 'plain'], check: [...mfInputs(), a('objective', 'name', 3, { optional: true })] },
  'models/matrix-factorization.hessianBilinear': {
    args: () => [U(), V(), M(), U(), V(), U(), V()],
    check: [...mfInputs(), a('XU', 'matrix', 3), a('XV', 'matrix', 4), a('YU', 'matrix', 5), a('YV', 'matrix', 6)],
  },
  'models/matrix-factorization.hessianQuadForm': {
    args: () => [U(), V(), M(), U(), V()],
    check: [...mfInputs(), a('DU', 'matrix', 3), a('DV', 'matrix', 4)],
  },
  'models/matrix-factorization.assembleHessian': { args: () => [U(), V(), M()], check: mfInputs() },
  'models/matrix-factorization.randomOrthonormal': { args: () => [R(), 3, 2], check: [a('rng', 'rng', 0), a('d', 'size', 1), a('r', 'size', 2)] },
  'models/matrix-factorization.lowRankTarget': {
    args: () => [fromRows([[1, 0], [0, 1], [0, 0]]), identity(2), [2, 1]],
    check: [a('Phi', 'matrix', 0, { names: { shape: 'Psi' } }), a('Psi', 'matrix', 1), a('sigma', 'vec', 2)],
  },
  'models/matrix-factorization.randomLowRankTarget': {
    args: () => [R(), 3, 2, [2, 1]],
    check: [a('rng', 'rng', 0), a('d1', 'size', 1), a('d2', 'size', 2), a('sigma', 'vec', 3)],
  },
  'models/matrix-factorization.constructedStationaryPoint': {
    args: () => [randomLowRankTarget(R(), 3, 2, [2, 1]), [true, false], [1, 2], identity(2)],
    check: [a('t', 'object', 0), a('mask', 'object', 1), a('diag', 'vec', 2), a('Q', 'matrix', 3)],
  },
  'models/matrix-factorization.procrustes': { args: () => [W(), W()], check: [a('W', 'matrix', 0, { names: { shape: 'Wstar' } }), a('Wstar', 'matrix', 1)] },
  'models/matrix-factorization.stack': { args: () => [U(), V()], check: mfInputs().slice(0, 2) },
  'models/matrix-factorization.unstack': { args: () => [W(), 3], check: [a('W', 'matrix', 0, { accepts: ['shape'] }), a('d1', 'count', 1)] },
  ...Object.fromEntries([pair('matmul', V, { b: 'accepted' }), pair('matmulABt', V), pair('matmulAtB', U, { a: 'accepted', b: 'accepted' }), pair('inner', U), pair('minus', U)]),
  ...Object.fromEntries(['rank1Scalars', 'rank1Error'].map(rank1)),
  'models/matrix-factorization.rank1Recursion': {
    args: () => [rank1Scalars(u(), v(), uStar(), vStar(), 2), 0.1, 2],
    check: [a('s', 'object', 0), a('eta', 'positive', 1), a('sigma1', 'positive', 2)],
  },
  'models/matrix-factorization.rank1Objective': {
    args: () => [uStar(), vStar(), 2],
    check: [a('uStar', 'f64', 0, { accepts: ['shape'] }), a('vStar', 'f64', 1, { accepts: ['shape'] }), a('sigma1', 'positive', 2)],
  },
  'models/matrix-factorization.mfObjective': { args: () => [M(), 2, 'balanced'], check: [a('M', 'matrix', 0, { accepts: ['shape'] }), a('r', 'size', 1), a('objective', 'name', 2, { optional: true })] },
  'models/matrix-factorization.asVector': {
    args: () => [fromRows([[1], [2], [3]])],
    check: [a('a', 'matrix', 0, { accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
};
