/** Bad-input rows of src/models/deep-fc.ts (issue 17, item 6). */
import { tanh } from '../../src/core/activations.ts';
import { fromRows } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { deepFcArch, deepFcWorkspace, initDeepFc } from '../../src/models/deep-fc.ts';
import { a, R, X2, type Row } from './harness.ts';

/** d = 2, one hidden layer of 3 tanh units, p = 1; m = 3 samples (X2). */
const ARCH = () => deepFcArch([2, 3, 1], [tanh()]);
const P = () => initDeepFc(rng(3), ARCH());
const G = () => initDeepFc(rng(5), ARCH());
const Y = () => fromRows([[0.5], [-0.25], [0.75]]);
const WS = () => deepFcWorkspace(ARCH(), 3);
const VALUES_UNCHECKED = { accepts: ['NaN', '+Infinity', '-Infinity'] } as const; // hot kernel: shapes only
const OUT = { optional: true, accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] } as const; // written, may be longer
const archOnly = (name: string): [string, Row] => [`models/deep-fc.${name}`, { args: () => [ARCH()], check: [a('arch', 'object', 0)] }];
const checkedPass = (name: string): [string, Row] => [`models/deep-fc.${name}`, {
  args: () => [ARCH(), P(), X2(), Y()],
  check: [a('arch', 'object', 0), a('params', 'object', 1), a('X', 'matrix', 2), a('Y', 'matrix', 3)],
}];

export const rows: Record<string, Row> = {
  'models/deep-fc.deepFcArch': {
    args: () => [[2, 3, 1], [tanh()], 'square'],
    check: [a('widths', 'object', 0), a('acts', 'object', 1), a('loss', 'name', 2, { optional: true })],
  },
  ...Object.fromEntries(['layers', 'paramCount', 'fanInVariances'].map(archOnly)),
  'models/deep-fc.deepFcParams': {
    args: () => [ARCH(), new Float64Array(9)],
    check: [a('arch', 'object', 0), a('flat', 'f64', 1, { optional: true, accepts: ['NaN', '+Infinity', '-Infinity'] })],
  },
  'models/deep-fc.cloneParams': { args: () => [ARCH(), P()], check: [a('arch', 'object', 0), a('p', 'object', 1)] },
  'models/deep-fc.initDeepFc': {
    args: () => [R(), ARCH(), [0.5, 0.25]],
    check: [a('rng', 'rng', 0), a('arch', 'object', 1), a('variances', 'object', 2, { optional: true })],
  },
  'models/deep-fc.deepFcWorkspace': { args: () => [ARCH(), 3], check: [a('arch', 'object', 0), a('m', 'size', 1)] },
  'models/deep-fc.deepFcModel': { args: () => [ARCH(), [0.5, 0.25]], check: [a('arch', 'object', 0), a('variances', 'object', 1, { optional: true })] },
  ...Object.fromEntries(['requireDeepFcInputs', 'deepFcLossGrad', 'deepFcLoss'].map(checkedPass)),
  'models/deep-fc.deepFcForward': { args: () => [ARCH(), P(), X2()], check: [a('arch', 'object', 0), a('params', 'object', 1), a('X', 'matrix', 2)] },
  'models/deep-fc.requireDeepFcWorkspace': {
    args: () => [ARCH(), WS(), X2()],
    check: [a('arch', 'object', 0), a('ws', 'object', 1), a('X', 'matrix', 2, VALUES_UNCHECKED)],
  },
  'models/deep-fc.forwardInto': {
    args: () => [ARCH(), P(), X2(), WS()],
    check: [a('arch', 'object', 0), a('p', 'object', 1), a('X', 'matrix', 2, VALUES_UNCHECKED), a('ws', 'object', 3)],
  },
  'models/deep-fc.lossGradInto': {
    args: () => [ARCH(), P(), X2(), Y(), WS()],
    check: [a('arch', 'object', 0), a('p', 'object', 1), a('X', 'matrix', 2, VALUES_UNCHECKED), a('Y', 'matrix', 3, VALUES_UNCHECKED), a('ws', 'object', 4)],
  },
  'models/deep-fc.eulerValue': { args: () => [WS()], check: [a('ws', 'object', 0)] },
  'models/deep-fc.neuronDifferences': {
    args: () => [P(), 1, new Float64Array(3)],
    check: [a('p', 'object', 0), a('h', 'count', 1), a('out', 'f64', 2, OUT)],
  },
  'models/deep-fc.neuronDriftCoefficients': {
    args: () => [G(), 1, new Float64Array(3)],
    check: [a('g', 'object', 0), a('h', 'count', 1), a('out', 'f64', 2, OUT)],
  },
  'models/deep-fc.neuronDefects': { args: () => [P(), G(), 1], check: [a('p', 'object', 0), a('g', 'object', 1), a('h', 'count', 2)] },
  'models/deep-fc.matrixDefect': { args: () => [P(), G(), 1], check: [a('p', 'object', 0), a('g', 'object', 1), a('h', 'count', 2)] },
  'models/deep-fc.matrixInvariant': { args: () => [P(), 1], check: [a('p', 'object', 0), a('h', 'count', 1)] },
  'models/deep-fc.matrixDriftCoefficient': { args: () => [G(), 1], check: [a('g', 'object', 0), a('h', 'count', 1)] },
  'models/deep-fc.layerSqNorms': { args: () => [P()], check: [a('p', 'object', 0)] },
  'models/deep-fc.layerInner': { args: () => [P(), G()], check: [a('p', 'object', 0), a('g', 'object', 1)] },
};
