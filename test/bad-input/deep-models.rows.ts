/** Bad-input rows of the chapter-3 deep networks: src/models/deep-chain.ts, fc-deep.ts, resnet.ts. */
import { tanh } from '../../src/core/activations.ts';
import { rng } from '../../src/core/rng.ts';
import * as chain from '../../src/models/deep-chain.ts';
import * as fcDeep from '../../src/models/fc-deep.ts';
import * as resnet from '../../src/models/resnet.ts';
import { type Row, X2, a } from './harness.ts';

const FC = () => fcDeep.fcDeepModel({ d: 2, m: 4, H: 2, act: tanh(), cSigma: 2.5 });
const RES = () => resnet.resnetModel({ d: 2, m: 4, H: 3, act: tanh(), cSigma: 2.5, cRes: 0.5 });
const THETA = (m: chain.DeepChainModel) => m.init(rng(3));

export const rows: Record<string, Row> = {
  'models/deep-chain.deepChainModel': {
    args: () => [{ id: 'chain', d: 2, m: 4, act: tanh(), layers: [{ scale: 0.5, skip: false }], trainOutput: true }],
    check: [a('spec', 'object', 0), a('d', 'size', [0, 'd']), a('m', 'size', [0, 'm']), a('act', 'object', [0, 'act'])],
  },
  'models/deep-chain.lastLayerGramClosedForm': {
    args: () => { const m = FC(); return [m, THETA(m), X2()]; },
    check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)],
  },
  'models/fc-deep.requireCSigma': { args: () => [2], check: [a('cSigma', 'positive', 0)] },
  'models/fc-deep.fcDeepModel': {
    args: () => [{ d: 2, m: 4, H: 2, act: tanh(), cSigma: 2.5 }],
    check: [a('o', 'object', 0), a('d', 'size', [0, 'd']), a('m', 'size', [0, 'm']), a('H', 'size', [0, 'H']), a('cSigma', 'positive', [0, 'cSigma'])],
  },
  'models/fc-deep.fcLastLayerGram': {
    args: () => { const m = FC(); return [m, THETA(m), X2()]; },
    check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)],
  },
  'models/resnet.resnetModel': {
    args: () => [{ d: 2, m: 4, H: 3, act: tanh(), cSigma: 2.5, cRes: 0.5 }],
    check: [a('o', 'object', 0), a('d', 'size', [0, 'd']), a('m', 'size', [0, 'm']), a('H', 'size', [0, 'H']), a('cSigma', 'positive', [0, 'cSigma']), a('cRes', 'positive', [0, 'cRes'])],
  },
  'models/resnet.resnetLastLayerGram': {
    args: () => { const m = RES(); return [m, THETA(m), X2()]; },
    check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)],
  },
};
