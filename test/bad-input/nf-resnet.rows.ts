/** Bad-input rows of the NF-ResNet model (src/models/nf-resnet.ts) and its population kernel (src/kernels/nf-resnet-kernel.ts). */
import { erfActivation, relu } from '../../src/core/activations.ts';
import { rng } from '../../src/core/rng.ts';
import * as nfKernel from '../../src/kernels/nf-resnet-kernel.ts';
import * as nf from '../../src/models/nf-resnet.ts';
import { type Row, X2, a } from './harness.ts';

const OPTS = (): nf.NfResnetOptions => ({ d: 2, m: 4, H: 3, act: erfActivation(), cSigma: 2 });
const MODEL = (): nf.NfResnetModel => nf.nfResnetModel(OPTS());
const THETA = (): Float64Array => MODEL().init(rng(5));

export const rows: Record<string, Row> = {
  'models/nf-resnet.nfResnetModel': {
    args: () => [OPTS()],
    check: [a('options', 'object', 0), a('d', 'size', [0, 'd']), a('m', 'size', [0, 'm']), a('H', 'size', [0, 'H']), a('act', 'object', [0, 'act']),
      a('cSigma', 'positive', [0, 'cSigma']), a('branch', 'name', [0, 'branch'], { optional: true }), a('frozen', 'object', [0, 'frozen'], { optional: true })],
  },
  'models/nf-resnet.nfResnetForward': { args: () => [MODEL(), THETA(), X2()], check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)] },
  'models/nf-resnet.nfResnetLayerGrams': { args: () => [MODEL(), THETA(), X2()], check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)] },
  'models/nf-resnet.nfResnetGramH': { args: () => [MODEL(), THETA(), X2()], check: [a('model', 'object', 0), a('theta', 'f64', 1), a('X', 'matrix', 2)] },
  'kernels/nf-resnet-kernel.nfResnetKernel': {
    args: () => [X2(), relu(), 3],
    check: [a('X', 'matrix', 0, { accepts: ['shape'] }), a('act', 'object', 1), a('H', 'size', 2, { accepts: [], tooLong: ['huge'] }), a('cSigma', 'positive', 3, { optional: true })],
  },
};
