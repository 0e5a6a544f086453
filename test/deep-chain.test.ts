/** The chapter-3 deep networks (src/models/fc-deep.ts, resnet.ts on src/models/deep-chain.ts). */
import { describe, expect, it } from 'vitest';
import { erfActivation, softplus, tanh } from '../src/core/activations.ts';
import { type KernelBackend, backendByName, jsRefBackend } from '../src/core/backend.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import type { DeepChainModel } from '../src/models/deep-chain.ts';
import { fcDeepModel, fcLastLayerGram } from '../src/models/fc-deep.ts';
import { bindData } from '../src/models/model.ts';
import { resnetModel, resnetLastLayerGram } from '../src/models/resnet.ts';
import { gd } from '../src/train/gd.ts';

const ERF_CSIGMA = 2.152578860607599;

function setup(model: DeepChainModel, n = 4, d = 3, seed = 5) {
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  return { X, y, theta: model.init(r.stream('init')) };
}

function fdGradient(model: DeepChainModel, theta: Float64Array, X: ReturnType<typeof setup>['X'], y: Float64Array, k: number): number {
  const obj = bindData(model, X, y), g = new Float64Array(model.dim), t = Float64Array.from(theta), h = 1e-6;
  t[k] = theta[k] + h;
  const fp = obj.valueGrad(t, g);
  t[k] = theta[k] - h;
  const fm = obj.valueGrad(t, g);
  return (fp - fm) / (2 * h);
}

const models: [string, (backend?: KernelBackend) => DeepChainModel][] = [
  ['fc-deep tanh', (backend) => fcDeepModel({ d: 3, m: 16, H: 3, act: tanh(), cSigma: 2.5, backend })],
  ['resnet softplus', (backend) => resnetModel({ d: 3, m: 16, H: 3, act: softplus(), cSigma: 1.8, cRes: 0.5, backend })],
  ['resnet erf, a frozen', (backend) => resnetModel({ d: 3, m: 16, H: 4, act: erfActivation(), cSigma: ERF_CSIGMA, cRes: 0.9, trainOutput: false, backend })],
];

describe.each(models)('%s', (_, make) => {
  it('backprop matches central differences on every block', () => {
    const model = make(), { X, y, theta } = setup(model);
    const g = new Float64Array(model.dim);
    bindData(model, X, y).valueGrad(theta, g);
    for (const b of model.blocks) {
      for (const k of [b.offset, b.offset + 7, b.offset + b.rows * b.cols - 1]) {
        const fd = b.trained ? fdGradient(model, theta, X, y, k) : 0;
        expect(Math.abs(g[k] - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
    }
  });

  it('J Jᵀ equals the sum of the per-layer Grams, and the closed form G^(H) equals the Jacobian one', () => {
    const model = make(), { X, theta } = setup(model);
    const J = model.jacobian!(theta, X), G = model.gram!(theta, X), n = X.rows;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let c = 0; c < model.dim; c++) s += J.data[i * model.dim + c] * J.data[j * model.dim + c];
        expect(Math.abs(s - G.data[i * n + j])).toBeLessThan(1e-12 * (1 + Math.abs(s)));
      }
    }
    const GH = model.layerGrams(theta, X)[model.H - 1];
    const closed = model.id === 'fc-deep' ? fcLastLayerGram(model, theta, X) : resnetLastLayerGram(model, theta, X);
    for (let q = 0; q < n * n; q++) expect(Math.abs(closed.data[q] - GH.data[q])).toBeLessThan(1e-13 * (1 + Math.abs(GH.data[q])));
  });

  it('every kernel backend gives the same step', () => {
    const ref = make(), { X, y, theta } = setup(ref);
    const wasm = backendByName('wasm');
    const backends = [jsRefBackend, backendByName('js')!, ...(wasm ? [wasm] : [])];
    const grads = backends.map((backend) => {
      const model = make(backend);
      const g = new Float64Array(model.dim);
      const f = bindData(model, X, y).valueGrad(theta, g);
      return { f, g };
    });
    for (const x of grads.slice(1)) {
      expect(x.f).toBe(grads[0].f);
      for (let k = 0; k < x.g.length; k++) expect(Math.abs(x.g[k] - grads[0].g[k])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(grads[0].g[k])));
    }
  });
});

describe('training and validation', () => {
  it('GD on the one training path decreases the FC loss', () => {
    const model = fcDeepModel({ d: 5, m: 64, H: 3, act: tanh(), cSigma: 2.5 });
    const { X, y, theta } = setup(model, 6, 5);
    const obj = bindData(model, X, y);
    const g = new Float64Array(model.dim), f0 = obj.valueGrad(theta, g);
    const run = gd(obj, theta, { eta: 0.05, steps: 50 });
    expect(run.f).toBeLessThan(0.5 * f0);
  });

  it('a frozen a keeps zero gradient entries', () => {
    const model = fcDeepModel({ d: 3, m: 8, H: 2, act: tanh(), cSigma: 2.5, trainOutput: false });
    const { X, y, theta } = setup(model);
    const g = new Float64Array(model.dim);
    bindData(model, X, y).valueGrad(theta, g);
    const a = model.blocks[2];
    expect(Array.from(g.subarray(a.offset))).toEqual(new Array(8).fill(0));
  });

  it('rejects bad options naming the argument', () => {
    expect(() => fcDeepModel({ d: 3, m: 0, H: 2, act: tanh(), cSigma: 1 })).toThrow(DomainError);
    expect(() => resnetModel({ d: 3, m: 4, H: 2, act: tanh(), cSigma: 1, cRes: -1 })).toThrowError(expect.objectContaining({ argument: 'cRes' }));
    const model = fcDeepModel({ d: 3, m: 4, H: 2, act: tanh(), cSigma: 1 });
    expect(() => model.state(model.init(rng(1)), zeros(2, 4))).toThrow(ShapeError);
  });
});
