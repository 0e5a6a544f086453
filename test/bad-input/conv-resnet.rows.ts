/** Bad-input rows of src/models/conv-resnet.ts (the convolutional ResNet of thesis §3.2). */
import { softplus } from '../../src/core/activations.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import * as conv from '../../src/models/conv-resnet.ts';
import { type Row, a } from './harness.ts';

const SPEC = (): conv.ConvResnetSpec => ({ d0: 1, p: 3, m: 2, H: 2, act: softplus(), cSigma: 1.0855, cRes: 0.5, q: 3 });
const ARCH = (): conv.ConvResnetArch => conv.convResnetArch(SPEC());
const THETA = (): Float64Array => conv.convResnetModel(ARCH()).init(rng(1));
const IMAGES = (): Matrix => { const X = zeros(2, 3); X.data.set([0.6, 0, 0.8, 0, 0.8, 0.6]); return X; };
const IMAGE = (): Matrix => { const x = zeros(2, 3); x.data.set([1, 2, 3, 4, 5, 6]); return x; };
const sized = (name: string) => a(name, 'size', [0, name], { names: { huge: 'm' } });

const evaluated = { args: () => [ARCH(), THETA(), IMAGES()], check: [a('arch', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)] };

export const rows: Record<string, Row> = {
  'models/conv-resnet.convResnetArch': {
    args: () => [SPEC()],
    check: [
      a('spec', 'object', 0), sized('d0'), sized('p'), sized('m'), sized('H'), a('q', 'size', [0, 'q'], { optional: true, accepts: ['huge'] }),
      a('act', 'object', [0, 'act']), a('cSigma', 'positive', [0, 'cSigma']), a('cRes', 'positive', [0, 'cRes']),
    ],
  },
  'models/conv-resnet.convResnetModel': { args: () => [ARCH()], check: [a('arch', 'object', 0)] },
  'models/conv-resnet.convResnetWeights': { args: () => [ARCH(), THETA()], check: [a('arch', 'object', 0), a('theta', 'f64', 1)] },
  'models/conv-resnet.patchOperator': { args: () => [IMAGE(), 3], check: [a('x', 'matrix', 0, { accepts: ['shape'] }), a('q', 'size', 1, { optional: true })] },
  'models/conv-resnet.convResnetLayerGrams': evaluated,
  'models/conv-resnet.convResnetGramH': evaluated,
  'models/conv-resnet.convResnetLayerOutputs': evaluated,
  'models/conv-resnet.sampleConvResnetInit': { args: () => [ARCH(), IMAGES(), rng(2)], check: [a('arch', 'object', 0), a('X', 'matrix', 1), a('rng', 'rng', 2)] },
};
