/** Bad-input rows of src/models/conv1d.ts (issue 17, item 6). */
import { tanh } from '../../src/core/activations.ts';
import { fromRows, zeros } from '../../src/core/matrix.ts';
import { sharedNet, sharedWorkspace, sharingMap } from '../../src/models/conv1d.ts';
import { deepFcArch, deepFcWorkspace } from '../../src/models/deep-fc.ts';
import { a, R, X2, type Row } from './harness.ts';

/** The deep-fc arch 2 → 3 → 1 with shared weights: layer 1 has 2 free parameters, layer 2 has 1. */
const ARCH = () => deepFcArch([2, 3, 1], [tanh()]);
const MAP = () => sharingMap(3, 2, 2, Int32Array.from([1, 2, 2, 1, 0, 1]));
const NET = () => sharedNet(ARCH(), [MAP(), sharingMap(1, 3, 1, Int32Array.from([1, 1, 1]))]);
const V = () => Float64Array.from([0.5, -0.25, 0.75]);
const Y = () => fromRows([[0.5], [-0.25], [0.75]]);
const VALUES_UNCHECKED = { accepts: ['NaN', '+Infinity', '-Infinity'] } as const; // hot kernel: shapes only

export const rows: Record<string, Row> = {
  'models/conv1d.sharingMap': {
    args: () => [3, 2, 2, Int32Array.from([1, 2, 2, 1, 0, 1])],
    check: [a('rows', 'size', 0), a('cols', 'size', 1), a('dim', 'size', 2), a('index', 'object', 3)],
  },
  'models/conv1d.randomSharingMap': { args: () => [R(), 3, 2, 2], check: [a('rng', 'rng', 0), a('rows', 'size', 1), a('cols', 'size', 2), a('dim', 'size', 3)] },
  'models/conv1d.denseMap': { args: () => [3, 2], check: [a('rows', 'size', 0), a('cols', 'size', 1)] },
  'models/conv1d.conv1dMap': {
    args: () => [4, 2, 2],
    check: [a('inLen', 'size', 0), a('filters', 'size', 1), a('q', 'size', 2)],
  },
  'models/conv1d.sharedNet': { args: () => [ARCH(), [MAP(), sharingMap(1, 3, 1, Int32Array.from([1, 1, 1]))]], check: [a('arch', 'object', 0), a('maps', 'object', 1)] },
  'models/conv1d.sharedParamCount': { args: () => [NET()], check: [a('net', 'object', 0)] },
  'models/conv1d.sharedModel': { args: () => [NET()], check: [a('net', 'object', 0)] },
  'models/conv1d.layerParams': { args: () => [NET(), V(), 1], check: [a('net', 'object', 0), a('v', 'f64', 1, VALUES_UNCHECKED), a('h', 'count', 2)] },
  'models/conv1d.requireSharedParams': { args: () => [NET(), V()], check: [a('net', 'object', 0), a('v', 'f64', 1)] },
  'models/conv1d.sharedWorkspace': { args: () => [NET(), deepFcWorkspace(ARCH(), 3)], check: [a('net', 'object', 0), a('fc', 'object', 1)] },
  'models/conv1d.materializeInto': {
    args: () => [MAP(), V(), 0, zeros(3, 2)],
    check: [a('g', 'object', 0), a('v', 'f64', 1, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] }), a('vo', 'count', 2),
      a('W', 'matrix', 3, VALUES_UNCHECKED)],
  },
  'models/conv1d.scatterGradInto': {
    args: () => [MAP(), zeros(3, 2), new Float64Array(3), 1],
    check: [a('g', 'object', 0), a('G', 'matrix', 1, VALUES_UNCHECKED), a('gv', 'f64', 2, { accepts: ['NaN', '+Infinity', '-Infinity', 'shape'] }),
      a('go', 'count', 3)],
  },
  'models/conv1d.sharedLossGradInto': {
    args: () => [NET(), V(), X2(), Y(), sharedWorkspace(NET(), deepFcWorkspace(ARCH(), 3))],
    check: [a('net', 'object', 0), a('v', 'f64', 1, VALUES_UNCHECKED), a('X', 'matrix', 2, VALUES_UNCHECKED), a('Y', 'matrix', 3, VALUES_UNCHECKED),
      a('ws', 'object', 4)],
  },
};
