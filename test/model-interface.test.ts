/**
 * src/models/model.ts: every model implements one interface — θ as one Float64Array with named
 * blocks, init from an rng, predictions and loss/gradient into preallocated buffers — and a model
 * on data is an Objective for the one training path. The gradients themselves are claims
 * (properties/gradients/): here, layout, equivalence with each model's own functions, validation.
 */
import { describe, expect, it } from 'vitest';
import { relu, tanh } from '../src/core/activations.ts';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { conv1dMap, randomSharingMap, sharedLossGradInto, sharedModel, sharedNet, sharedWorkspace } from '../src/models/conv1d.ts';
import { deepFcArch, deepFcForward, deepFcLossGrad, deepFcModel, deepFcParams, deepFcWorkspace } from '../src/models/deep-fc.ts';
import { linearModel } from '../src/models/linear.ts';
import { mfLossGrad, mfObjective, randomLowRankTarget, rank1Objective } from '../src/models/matrix-factorization.ts';
import { type Model, bindData, block, blockView, blocksLength, layoutBlocks, requireObjective } from '../src/models/model.ts';
import { octopus, octopusHessian, octopusObjective, octopusValue } from '../src/models/octopus.ts';
import {
  empiricalGram, initTwoLayer, predict, twoLayerGradient, twoLayerLoss, twoLayerModel, twoLayerParamsOf, twoLayerTheta,
} from '../src/models/two-layer.ts';
import { gradientRegistry } from '../properties/gradients/registry.ts';
import { expectTyped, maxDiff } from './helpers.ts';

describe('blocks: named views on one parameter vector', () => {
  it('layoutBlocks lays blocks back to back; blockView shares memory', () => {
    const blocks = layoutBlocks([{ name: 'W', rows: 3, cols: 2 }, { name: 'a', rows: 1, cols: 3, trained: false }]);
    expect(blocks.map((b) => [b.name, b.offset, b.trained])).toEqual([['W', 0, true], ['a', 6, false]]);
    expect(blocksLength(blocks)).toBe(9);
    const theta = new Float64Array(9);
    blockView(theta, block(blocks, 'a')).data[1] = 5;
    expect(theta[7]).toBe(5);
    expectTyped(() => block(blocks, 'V'), DomainError, 'name');
  });
});

describe('the two-layer model', () => {
  const r = rng(3), m = 7, d = 4, n = 5;
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const model = twoLayerModel(m, d);

  it('θ = [vec W | a]: init is initTwoLayer packed; W trained, a fixed', () => {
    const theta = model.init(rng(11));
    const p = initTwoLayer(rng(11), m, d);
    expect(Array.from(theta)).toEqual(Array.from(twoLayerTheta(p)));
    expect(model.dim).toBe(blocksLength(model.blocks));
    expect(model.blocks.map((b) => [b.name, b.trained])).toEqual([['W', true], ['a', false]]);
  });

  it('predict, loss, gradient and Gram equal the model file\'s own functions; ∂L/∂a is 0', () => {
    const theta = model.init(rng(12)), p = twoLayerParamsOf(theta, m, d);
    const ws = model.workspace(n), u = new Float64Array(n), g = new Float64Array(model.dim);
    model.predict(theta, X, u, ws);
    expect(Array.from(u)).toEqual(Array.from(predict(p, X)));
    expect(model.lossAndGradient(theta, X, y, g, ws)).toBe(twoLayerLoss(p, X, y));
    expect(maxDiff(g.subarray(0, m * d), twoLayerGradient(p, X, y).data)).toBe(0);
    expect(Array.from(g.subarray(m * d)).every((v) => v === 0)).toBe(true);
    expect(Array.from(model.gram!(theta, X).data)).toEqual(Array.from(empiricalGram(p, X).data));
    expect(model.kinkDistance!(theta, X)).toBeGreaterThan(0);
  });

  it('rejects zero width and data of the wrong shape or precision where the data is bound', () => {
    expectTyped(() => twoLayerModel(0, 3), DomainError, 'm');
    expectTyped(() => bindData(model, zeros(n, d + 1), y), ShapeError, 'X');
    expectTyped(() => bindData(model, X, y.subarray(1)), ShapeError, 'y');
    expectTyped(() => bindData(model, X, new Float32Array(n) as unknown as Float64Array), ShapeError, 'y');
    const bad = Float64Array.from(y); bad[0] = NaN;
    expectTyped(() => bindData(model, X, bad), NonFiniteError, 'y');
    expectTyped(() => model.gram!(new Float64Array(3), X), ShapeError, 'theta');
  });
});

describe('the deep FC and shared-weight models', () => {
  const arch = deepFcArch([3, 4, 2], [tanh()], 'square');
  const X = zeros(6, 3), Y = zeros(6, 2);
  rng(1).fillNormal(X.data);
  rng(2).fillNormal(Y.data);

  it('deep FC: θ = the flat layers; predict and loss/gradient equal deepFcForward and deepFcLossGrad', () => {
    const model = deepFcModel(arch), theta = model.init(rng(4));
    expect(model.blocks.map((b) => [b.name, b.rows, b.cols])).toEqual([['W1', 4, 3], ['W2', 2, 4]]);
    const ws = model.workspace(6), out = new Float64Array(12), g = new Float64Array(model.dim);
    model.predict(theta, X, out, ws);
    const p = deepFcParams(arch, theta);
    expect(Array.from(out)).toEqual(Array.from(deepFcForward(arch, p, X).data));
    const ref = deepFcLossGrad(arch, p, X, Y);
    expect(model.lossAndGradient(theta, X, Y.data, g, ws)).toBe(ref.loss);
    expect(Array.from(g)).toEqual(Array.from(ref.grad.flat));
    expect(model.kinkDistance!(theta, X)).toBe(Infinity); // tanh has no kink
  });

  it('shared weights: θ = v, the free parameters of every layer; predictions are finite', () => {
    const conv = conv1dMap(3, 2, 2);
    const net = sharedNet(deepFcArch([3, conv.rows, 1], [tanh()], 'square'), [conv, randomSharingMap(rng(5), 1, conv.rows, 2)]);
    const model = sharedModel(net), theta = model.init(rng(6));
    expect(model.dim).toBe(conv.dim + 2);
    const out = new Float64Array(6);
    model.predict(theta, X, out, model.workspace(6));
    expect(out.every(Number.isFinite)).toBe(true);
  });
});

describe('data-free objectives and the registry', () => {
  it('matrix factorization and the octopus are Objectives with their Hessians', () => {
    const t = randomLowRankTarget(rng(7), 3, 2, [1]);
    const obj = mfObjective(t.M, 2), x = rng(8).fillNormal(new Float64Array(obj.dim)), g = new Float64Array(obj.dim);
    const { U, V } = obj.views(x);
    expect(obj.valueGrad(x, g)).toBe(mfLossGrad(U, V, t.M).f);
    expect(typeof obj.hessian).toBe('function');
    const o = octopus(3, Math.E, 1), oo = octopusObjective(o), xo = Float64Array.from([0.3, -0.2, 0.1]), H = zeros(3, 3);
    expect(oo.valueGrad(xo, new Float64Array(3))).toBe(octopusValue(o, xo));
    oo.hessian!(xo, H);
    expect(Array.from(H.data)).toEqual(Array.from(octopusHessian(o, xo).data));
    expectTyped(() => octopusObjective(null as never), DomainError, 'o');
  });

  it('every model and objective is registered for the gradient claims', () => {
    const unit = Float64Array.from([1, 0]);
    const models: Array<Model | { id: string }> = [
      linearModel(2), twoLayerModel(2, 2), deepFcModel(deepFcArch([2, 1], [])), mfObjective(zeros(2, 2), 1), rank1Objective(unit, unit, 1), octopusObjective(octopus(2, Math.E, 1)),
    ];
    const registered = gradientRegistry.map((e) => e.name);
    for (const mdl of models) expect(registered).toContain(mdl.id);
    expect(registered).toContain('conv1d');
  });
});

describe('model adapters: views, data checks and derived quantities', () => {
  it('a two-layer model evaluates whichever θ it is given (its view cache follows the buffer)', () => {
    const r = rng(21), m = 5, d = 3, n = 4;
    const { X, y } = sphereDataset(r.stream('data'), n, d);
    const model = twoLayerModel(m, d), ws = model.workspace(n), g = new Float64Array(model.dim);
    const t1 = model.init(rng(1)), t2 = model.init(rng(2));
    const f1 = model.lossAndGradient(t1, X, y, g, ws), f2 = model.lossAndGradient(t2, X, y, g, ws);
    expect(f1).toBe(twoLayerLoss(twoLayerParamsOf(t1, m, d), X, y));
    expect(f2).toBe(twoLayerLoss(twoLayerParamsOf(t2, m, d), X, y));
    expect(f1).not.toBe(f2);
    t1[0] += 0.5; // the same buffer, changed in place, is re-read
    expect(model.lossAndGradient(t1, X, y, g, ws)).toBe(twoLayerLoss(twoLayerParamsOf(t1, m, d), X, y));
  });

  it('the two-layer Jacobian rows give J Jᵀ = the Gram, with zero columns for the fixed a', () => {
    const r = rng(22), m = 6, d = 3, n = 4;
    const { X } = sphereDataset(r.stream('data'), n, d);
    const model = twoLayerModel(m, d), theta = model.init(r.stream('init'));
    const J = model.jacobian!(theta, X), G = model.gram!(theta, X);
    expect([J.rows, J.cols]).toEqual([n, m * d + m]);
    for (let i = 0; i < n; i++) for (let k = m * d; k < m * d + m; k++) expect(J.data[i * J.cols + k]).toBe(0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < J.cols; k++) s += J.data[i * J.cols + k] * J.data[j * J.cols + k];
        expect(Math.abs(s - G.data[i * n + j])).toBeLessThan(1e-14);
      }
    }
    expectTyped(() => model.jacobian!(theta, zeros(n, d + 1)), ShapeError, 'X');
  });

  it('the two-layer kink distance is min |w_rᵀx_i| / ‖x_i‖ (a point on a kink is at distance 0)', () => {
    const model = twoLayerModel(2, 2), X = zeros(2, 2);
    X.data.set([3, 4, 0, 2]); // ‖x_0‖ = 5, ‖x_1‖ = 2
    const theta = Float64Array.from([1, 1, 0.5, -2, 1, -1]); // w_0 = (1, 1), w_1 = (0.5, −2), a = (1, −1)
    // |w_0ᵀx_0|/5 = 7/5, |w_0ᵀx_1|/2 = 1, |w_1ᵀx_0|/5 = 6.5/5 = 1.3, |w_1ᵀx_1|/2 = 2
    expect(model.kinkDistance!(theta, X)).toBe(1);
    theta[1] = 0; // w_0ᵀx_1 = 0
    expect(model.kinkDistance!(theta, X)).toBe(0);
    expect(model.preActivations!(model.workspace(2)).length).toBe(4);
    expect(model.populationKernel!(X).rows).toBe(2);
  });

  it('bindData checks multi-output targets and forwards the kink distance', () => {
    const model = deepFcModel(deepFcArch([2, 3, 2], [relu()], 'square'));
    const X = zeros(4, 2);
    rng(5).fillNormal(X.data);
    expectTyped(() => bindData(model, X, new Float64Array(4)), ShapeError, 'y'); // n·p = 8 targets
    const obj = bindData(model, X, new Float64Array(8));
    const theta = model.init(rng(6));
    expect(obj.kinkDistance!(theta)).toBe(model.kinkDistance!(theta, X));
    expect(obj.kinkDistance!(theta)).toBeGreaterThan(0);
    expect(obj.kinkDistance!(theta)).toBeLessThan(Infinity); // ReLU has a kink
    expect(Number.isFinite(obj.valueGrad(theta, new Float64Array(model.dim)))).toBe(true);
    expectTyped(() => requireObjective({ id: 'x', dim: 0, valueGrad: () => 0 }), DomainError, 'objective');
    expectTyped(() => requireObjective({ id: 'x', dim: 1.5, valueGrad: () => 0 }), DomainError, 'objective');
    expectTyped(() => deepFcModel(null as never), DomainError, 'arch');
  });

  it('the linear model: u = Xθ, L = (1/2n)‖Xθ − y‖², ∇L = Xᵀ(Xθ − y)/n, J = X', () => {
    const X = zeros(3, 2);
    X.data.set([1, 2, 0, 1, 3, -1]);
    const y = Float64Array.from([1, 0, 2]), theta = Float64Array.from([0.5, -1]);
    const model = linearModel(2), ws = model.workspace(3), u = new Float64Array(3), g = new Float64Array(2);
    model.predict(theta, X, u, ws);
    expect(Array.from(u)).toEqual([-1.5, -1, 2.5]);
    // residuals u − y = (−2.5, −1, 0.5): L = (6.25 + 1 + 0.25)/6 = 1.25
    expect(model.lossAndGradient(theta, X, y, g, ws)).toBeCloseTo(1.25, 15);
    expect(g[0]).toBeCloseTo((1 * -2.5 + 0 * -1 + 3 * 0.5) / 3, 15);
    expect(g[1]).toBeCloseTo((2 * -2.5 + 1 * -1 + -1 * 0.5) / 3, 15);
    expect(Array.from(model.jacobian!(theta, X).data)).toEqual(Array.from(X.data));
    expect(Array.from(model.init(rng(1)))).toEqual([0, 0]);
    expect(model.blocks.map((b) => [b.name, b.rows, b.cols])).toEqual([['theta', 1, 2]]);
    expectTyped(() => linearModel(0), DomainError, 'd');
  });

  it('the shared-weight model equals sharedLossGradInto, and its init draws every layer at fan-in scale', () => {
    const conv = conv1dMap(4, 1, 2);
    const net = sharedNet(deepFcArch([4, conv.rows, 1], [tanh()], 'square'), [conv, randomSharingMap(rng(7), 1, conv.rows, 2)]);
    const model = sharedModel(net), theta = model.init(rng(8));
    expect(model.blocks.map((b) => [b.name, b.cols])).toEqual([['v1', conv.dim], ['v2', 2]]);
    expect(theta.every((v) => v !== 0)).toBe(true);
    const X = zeros(3, 4), Y = zeros(3, 1);
    rng(9).fillNormal(X.data);
    rng(10).fillNormal(Y.data);
    const g = new Float64Array(model.dim);
    const f = model.lossAndGradient(theta, X, Y.data, g, model.workspace(3));
    const ws = sharedWorkspace(net, deepFcWorkspace(net.arch, 3));
    expect(f).toBe(sharedLossGradInto(net, theta, X, Y, ws));
    expect(Array.from(g)).toEqual(Array.from(ws.gv));
    expectTyped(() => sharedModel(null as never), DomainError, 'net');
  });
});
