/** Bad-input rows of src/models/octopus.ts (issue 17, item 6). */
import { lemma74Glue, hermiteCubic, octopus, transitionHessianNorm } from '../../src/models/octopus.ts';
import { a, type Row } from './harness.ts';

const E = Math.E;
/** The thesis instantiation L = e, γ = 1, τ = e in d = 2. */
const O = () => octopus(2, E, 1);
const GL = () => lemma74Glue(E, 1, E);
/** A point of the first saddle piece (inside D). */
const X = () => Float64Array.from([0.5, -0.5]);
const A = 1.3 * E; // a in the transition range [τ, 2τ]
const glueFn = (name: string): [string, Row] => [`models/octopus.${name}`, { args: () => [GL(), A], check: [a('gl', 'object', 0), a('a', 'real', 1)] }];
const atPoint = (name: string): [string, Row] => [`models/octopus.${name}`, { args: () => [O(), X()], check: [a('o', 'object', 0), a('x', 'vec', 1)] }];
const SIGNS = { nonFiniteIsShape: true } as const; // signs must be ±1: NaN is a DomainError like any other value

export const rows: Record<string, Row> = {
  'models/octopus.PIECE_BASIN': { exempt: 'constant' },
  'models/octopus.PIECE_SADDLE': { exempt: 'constant' },
  'models/octopus.PIECE_TRANSITION': { exempt: 'constant' },
  ...Object.fromEntries(['g1', 'g1p', 'g1pp', 'g1ppp', 'g2', 'g2p', 'g2pp', 'g2ppp', 'g2Printed'].map(glueFn)),
  ...Object.fromEntries(['distanceToMinima', 'inD', 'locate', 'pieceOf', 'octopusValue', 'octopusLambdaMin'].map(atPoint)),
  'models/octopus.glueThirdDerivativeNorm': { args: () => [GL(), A, 0.5], check: [a('gl', 'object', 0), a('a', 'real', 1), a('y', 'real', 2)] },
  'models/octopus.transitionHessianNorm': { args: () => [GL(), A, 0.5], check: [a('gl', 'object', 0), a('a', 'real', 1), a('y', 'real', 2)] },
  'models/octopus.transitionGridSup': {
    args: () => [GL(), transitionHessianNorm, 4, 3],
    check: [a('gl', 'object', 0), a('fn', 'fn', 1), a('na', 'size', 2, { tooLong: ['huge'] }), a('ny', 'size', 3, { tooLong: ['huge'] })],
  },
  'models/octopus.hermiteCubic': {
    args: () => [0, 1, 0, 1, 0, 1],
    check: [a('y0', 'real', 0, { names: { huge: 'y1' } }), a('y1', 'real', 1), a('f0', 'real', 2), a('f1', 'real', 3), a('d0', 'real', 4), a('d1', 'real', 5)],
  },
  'models/octopus.hermiteValue': { args: () => [hermiteCubic(0, 1, 0, 1, 0, 1), 0.5], check: [a('p', 'object', 0), a('y', 'real', 1)] },
  'models/octopus.hermiteSlope': { args: () => [hermiteCubic(0, 1, 0, 1, 0, 1), 0.5], check: [a('p', 'object', 0), a('y', 'real', 1)] },
  'models/octopus.lemma74Glue': { args: () => [E, 1, E], check: [a('L', 'positive', 0), a('gamma', 'positive', 1), a('tau', 'positive', 2)] },
  'models/octopus.hermiteGlue': {
    args: () => [E, 1, E, 2 * E],
    check: [a('L', 'positive', 0), a('gamma', 'positive', 1), a('tau', 'positive', 2), a('slopeAt2Tau', 'real', 3)],
  },
  'models/octopus.nuOf': { args: () => [GL()], check: [a('gl', 'object', 0)] },
  'models/octopus.nuClosedForm': { args: () => [E, 1, E], check: [a('L', 'positive', 0), a('gamma', 'positive', 1), a('tau', 'positive', 2)] },
  'models/octopus.octopus': {
    args: () => [2, E, 1, E, {}],
    check: [a('d', 'size', 0), a('L', 'positive', 1), a('gamma', 'positive', 2), a('tau', 'positive', 3, { optional: true }),
      a('opts', 'object', 4, { optional: true })],
  },
  'models/octopus.requireOctopus': { args: () => [O(), 'o'], check: [a('o', 'object', 0)] },
  'models/octopus.octopusObjective': { args: () => [O()], check: [a('o', 'object', 0)] },
  'models/octopus.octopusValueGrad': {
    args: () => [O(), X(), new Float64Array(2)],
    check: [a('o', 'object', 0), a('x', 'vec', 1), a('grad', 'f64', 2, { accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/octopus.octopusGradient': {
    args: () => [O(), X(), new Float64Array(2)],
    check: [a('o', 'object', 0), a('x', 'vec', 1), a('out', 'f64', 2, { optional: true, accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/octopus.octopusSpectrum': {
    args: () => [O(), X(), new Float64Array(2)],
    check: [a('o', 'object', 0), a('x', 'vec', 1), a('out', 'f64', 2, { optional: true, accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/octopus.octopusHessian': {
    args: () => [O(), X(), { rows: 2, cols: 2, data: new Float64Array(4) }],
    check: [a('o', 'object', 0), a('x', 'vec', 1), a('out', 'matrix', 2, { optional: true, accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/octopus.octopusPiece': {
    args: () => [O(), X(), { k: 0, kind: 'saddle' }],
    check: [a('o', 'object', 0), a('x', 'vec', 1), a('piece', 'object', 2)],
  },
  'models/octopus.saddlePoint': { args: () => [O(), 1, [1, -1]], check: [a('o', 'object', 0), a('k', 'count', 1), a('signs', 'vec', 2, SIGNS)] },
  'models/octopus.minimumPoint': { args: () => [O(), [1, -1]], check: [a('o', 'object', 0), a('signs', 'vec', 1, SIGNS)] },
  'models/octopus.mirror': {
    args: () => [X(), [1, -1], new Float64Array(2)],
    check: [a('x', 'vec', 0, { names: { shape: 'signs' } }), a('signs', 'vec', 1, SIGNS),
      a('out', 'f64', 2, { optional: true, accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/octopus.sgn': { args: () => [0.3], check: [a('x', 'real', 0, { accepts: ['negative', 'non-integer', 'huge', '+Infinity', '-Infinity'] })] },
};
