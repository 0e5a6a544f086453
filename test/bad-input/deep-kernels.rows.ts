/** Bad-input rows of the deep-network population toolkit: src/kernels/gaussian.ts, deep-recursions.ts and the activations they added. */
import * as activations from '../../src/core/activations.ts';
import * as deep from '../../src/kernels/deep-recursions.ts';
import * as sampler from '../../src/kernels/deep-sampler.ts';
import { fromRows, type Matrix } from '../../src/core/matrix.ts';
import { a, R, SPD, type Row } from './harness.ts';

void activations;
void deep;
void sampler;

const X4 = (): Matrix => fromRows([[1, 0, 0], [0.6, 0.8, 0], [0, 0.6, 0.8]]);
const IMGS = (): Matrix[] => [fromRows([[0.6, 0, 0.8]]), fromRows([[0, 0.8, 0.6]])];
const COV = () => ({ a: 1, c: 0.3, b: 2 });
const ACT = () => activations.softplus();
const FW = () => deep.frameworkLayers('resnet', 3, 2, 0.5);

export const rows: Record<string, Row> = {
  'core/activations.shiftedErf': { args: () => [0.5], check: [a('s0', 'real', 0)] },
  'core/activations.square': { args: () => [], check: [] },

  'kernels/gaussian.MAX_GH_ORDER': { exempt: 'constant' },
  'kernels/gaussian.gaussHermite': { args: () => [20], check: [a('order', 'size', 0)] },
  'kernels/gaussian.defaultOrder': { args: () => [ACT()], check: [a('act', 'object', 0)] },
  'kernels/gaussian.expect1d': { args: () => [(x: number) => x * x, 2, 20], check: [a('f', 'fn', 0), a('variance', 'nonneg', 1), a('order', 'size', 2, { optional: true })] },
  'kernels/gaussian.expect2d': { args: () => [(u: number, v: number) => u * v, COV(), 20], check: [a('f', 'fn', 0), a('cov', 'object', 1), a('order', 'size', 2, { optional: true })] },
  'kernels/gaussian.expectProduct': { args: () => [(u: number) => u, (v: number) => v, COV(), 20], check: [a('f', 'fn', 0), a('g', 'fn', 1), a('cov', 'object', 2), a('order', 'size', 3, { optional: true })] },
  'kernels/gaussian.gaussianMoments': { args: () => [ACT(), 20], check: [a('act', 'object', 0), a('order', 'size', 1, { optional: true })] },
  'kernels/gaussian.cSigma': { args: () => [ACT(), 20], check: [a('act', 'object', 0), a('order', 'size', 1, { optional: true })] },
  'kernels/gaussian.chi': { args: () => [ACT(), 20], check: [a('act', 'object', 0), a('order', 'size', 1, { optional: true })] },

  'kernels/deep-recursions.MAX_DEPTH': { exempt: 'constant' },
  'kernels/deep-recursions.inputGram': { args: () => [X4()], check: [a('X', 'matrix', 0, { accepts: ['shape'] })] },
  'kernels/deep-recursions.lastLayerKernel': {
    args: () => [SPD(), ACT(), 2, 20],
    check: [a('Kprev', 'matrix', 0), a('act', 'object', 1), a('scale', 'real', 2), a('order', 'size', 3, { optional: true })],
  },
  'kernels/deep-recursions.fcKernel': {
    args: () => [X4(), ACT(), 2, 1.1, { order: 20 }],
    check: [a('X', 'matrix', 0, { accepts: ['shape'] }), a('act', 'object', 1), a('H', 'size', 2), a('cSigma', 'positive', 3, { optional: true }),
      a('options', 'object', 4, { optional: true }), a('order', 'size', [4, 'order'], { optional: true })],
  },
  'kernels/deep-recursions.resnetKernel': {
    args: () => [X4(), ACT(), 3, 0.5, 1.1, { order: 20 }],
    check: [a('X', 'matrix', 0, { accepts: ['shape'] }), a('act', 'object', 1), a('H', 'size', 2), a('cRes', 'positive', 3),
      a('cSigma', 'positive', 4, { optional: true }), a('options', 'object', 5, { optional: true }), a('order', 'size', [5, 'order'], { optional: true }),
      a('crossTerm', 'name', [5, 'crossTerm'], { optional: true })],
  },
  'kernels/deep-recursions.patchGram': { args: () => [SPD(), 3], check: [a('B', 'matrix', 0), a('q', 'size', 1)] },
  'kernels/deep-recursions.convResnetKernel': {
    args: () => [IMGS(), ACT(), 2, 0.5, 3, 1.1, { order: 20 }],
    check: [a('images', 'object', 0), a('act', 'object', 1), a('H', 'size', 2), a('cRes', 'positive', 3), a('q', 'size', 4),
      a('cSigma', 'positive', 5, { optional: true }), a('options', 'object', 6, { optional: true })],
  },
  'kernels/deep-recursions.frameworkKernel': {
    args: () => [IMGS(), ACT(), FW().layers, FW().last, 20],
    check: [a('images', 'object', 0), a('act', 'object', 1), a('layers', 'object', 2), a('last', 'object', 3), a('order', 'size', 4, { optional: true })],
  },
  'kernels/deep-recursions.frameworkLayers': {
    args: () => ['resnet', 3, 2, 0.5, 1],
    check: [a('architecture', 'name', 0), a('H', 'size', 1), a('cSigma', 'real', 2), a('cRes', 'real', 3, { optional: true }), a('q', 'size', 4, { optional: true })],
  },

  'kernels/deep-sampler.sampleLastLayerGram': {
    args: () => [R(), SPD(), ACT(), 16, 1.1],
    check: [a('rng', 'rng', 0), a('Kprev', 'matrix', 1), a('act', 'object', 2), a('m', 'size', 3), a('scale', 'real', 4)],
  },
  'kernels/deep-sampler.sampleFcInit': {
    args: () => [R(), X4(), ACT(), 3, 16, 1.1],
    check: [a('rng', 'rng', 0), a('X', 'matrix', 1, { accepts: ['shape'] }), a('act', 'object', 2), a('H', 'size', 3), a('m', 'size', 4), a('cSigma', 'positive', 5, { optional: true })],
  },
  'kernels/deep-sampler.sampleResnetInit': {
    args: () => [R(), X4(), ACT(), 3, 16, 0.5, 1.1],
    check: [a('rng', 'rng', 0), a('X', 'matrix', 1, { accepts: ['shape'] }), a('act', 'object', 2), a('H', 'size', 3), a('m', 'size', 4), a('cRes', 'positive', 5),
      a('cSigma', 'positive', 6, { optional: true })],
  },
};
