import { describe, expect, it } from 'vitest';
import { relu, softplus, tanh } from '../src/core/activations.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { type Matrix, fromRows, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { lambdaMin } from '../src/core/linalg.ts';
import {
  convResnetArch, convResnetGramH, convResnetLayerGrams, convResnetLayerOutputs, convResnetModel, convResnetWeights, patchOperator,
  sampleConvResnetInit,
} from '../src/models/conv-resnet.ts';
import { bindData } from '../src/models/model.ts';
import { gd } from '../src/train/gd.ts';

const arch = (H = 3, m = 5, act = softplus(), d0 = 2, p = 4) => convResnetArch({ d0, p, m, H, act, cSigma: 1.085486502988343, cRes: 0.5 });

function images(seed: number, n: number, d0: number, p: number): Matrix {
  const X = zeros(n, d0 * p);
  rng(seed).fillNormal(X.data);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d0 * p; k++) s += X.data[i * d0 * p + k] ** 2;
    for (let k = 0; k < d0 * p; k++) X.data[i * d0 * p + k] /= Math.sqrt(s);
  }
  return X;
}

describe('patch operator φ (thesis §3.2)', () => {
  it('stacks the columns l−1, l, l+1 with zero padding for q = 3', () => {
    const x = fromRows([[1, 2, 3], [4, 5, 6]]); // d = 2 channels, p = 3 pixels
    const P = patchOperator(x, 3);
    expect(P.rows).toBe(6);
    // column 0: (x_{:,-1}; x_{:,0}; x_{:,1}) = (0, 0; 1, 4; 2, 5)
    expect(Array.from({ length: 6 }, (_, k) => P.data[k * 3])).toEqual([0, 0, 1, 4, 2, 5]);
    expect(Array.from({ length: 6 }, (_, k) => P.data[k * 3 + 2])).toEqual([2, 5, 3, 6, 0, 0]);
  });

  it('has ‖φ(x)‖² = 3‖x‖² − ‖x_{:,1}‖² − ‖x_{:,p}‖²', () => {
    const x = zeros(3, 7);
    rng(4).fillNormal(x.data);
    const P = patchOperator(x);
    let lhs = 0, all = 0, edge = 0;
    for (const v of P.data) lhs += v * v;
    for (let c = 0; c < 3; c++) for (let l = 0; l < 7; l++) { const v = x.data[c * 7 + l] ** 2; all += v; if (l === 0 || l === 6) edge += v; }
    expect(lhs).toBeCloseTo(3 * all - edge, 12);
  });

  it('rejects an even patch size', () => {
    expect(() => patchOperator(fromRows([[1, 2]]), 2)).toThrow(DomainError);
  });
});

describe('conv-ResNet model', () => {
  it('backprop matches central differences on every coordinate', () => {
    const a = arch(3, 4), model = convResnetModel(a), X = images(1, 3, a.d0, a.p), y = Float64Array.from([0.3, -0.5, 0.8]);
    const obj = bindData(model, X, y), theta = model.init(rng(2)), g = new Float64Array(model.dim);
    obj.valueGrad(theta, g);
    const h = 1e-6, gp = new Float64Array(model.dim);
    let worst = 0;
    for (let k = 0; k < model.dim; k++) {
      const t = Float64Array.from(theta);
      t[k] += h; const fp = obj.valueGrad(t, gp);
      t[k] -= 2 * h; const fm = obj.valueGrad(t, gp);
      worst = Math.max(worst, Math.abs((fp - fm) / (2 * h) - g[k]));
    }
    expect(worst).toBeLessThan(1e-6 * (1 + Math.max(...g.map(Math.abs))));
  });

  it('Jacobian rows sum to the gradient with residual weights', () => {
    const a = arch(2, 3, tanh()), model = convResnetModel(a), X = images(3, 4, a.d0, a.p), y = Float64Array.from([1, 0, -1, 0.5]);
    const theta = model.init(rng(5)), J = model.jacobian!(theta, X), g = new Float64Array(model.dim), u = new Float64Array(4);
    const ws = model.workspace(4);
    model.lossAndGradient(theta, X, y, g, ws);
    model.predict(theta, X, u, ws);
    for (let k = 0; k < model.dim; k++) {
      let s = 0;
      for (let i = 0; i < 4; i++) s += (u[i] - y[i]) * J.data[i * model.dim + k];
      expect(s).toBeCloseTo(g[k], 12);
    }
  });

  it('closed form (3.14) equals the last layer\'s Jacobian Gram, and every G^(h) is PSD', () => {
    for (const act of [softplus(), tanh(), relu()]) {
      const a = arch(3, 6, act), X = images(7, 4, a.d0, a.p), theta = convResnetModel(a).init(rng(8));
      const Gs = convResnetLayerGrams(a, theta, X), GH = convResnetGramH(a, theta, X);
      expect(Gs).toHaveLength(4);
      for (let k = 0; k < 16; k++) expect(GH.data[k]).toBeCloseTo(Gs[2].data[k], 12);
      for (const G of Gs) expect(lambdaMin(G)).toBeGreaterThan(-1e-12 * Math.max(...G.data.map(Math.abs)));
    }
  });

  it('G^(H+1) is the Gram of the last hidden outputs', () => {
    const a = arch(2, 4), X = images(9, 3, a.d0, a.p), theta = convResnetModel(a).init(rng(1));
    const xs = convResnetLayerOutputs(a, theta, X), G = convResnetLayerGrams(a, theta, X)[2], xH = xs[2];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < xH.cols; k++) s += xH.data[i * xH.cols + k] * xH.data[j * xH.cols + k];
      expect(G.data[i * 3 + j]).toBeCloseTo(s, 12);
    }
    expect(xs[0].data).toEqual(X.data);
  });

  it('H = 1 is the two-layer conv net with the √(c_σ/m) prefactor', () => {
    const a = arch(1, 4), X = images(2, 2, a.d0, a.p), theta = convResnetModel(a).init(rng(3));
    const GH = convResnetGramH(a, theta, X), G1 = convResnetLayerGrams(a, theta, X)[0];
    for (let k = 0; k < 4; k++) expect(GH.data[k]).toBeCloseTo(G1.data[k], 12);
  });

  it('GD through bindData decreases the loss', () => {
    const a = arch(2, 16), model = convResnetModel(a), X = images(11, 3, a.d0, a.p), y = Float64Array.from([0.5, -0.5, 0.2]);
    const obj = bindData(model, X, y), theta = model.init(rng(12)), g = new Float64Array(model.dim);
    const f0 = obj.valueGrad(theta, g);
    const run = gd(obj, theta, { eta: 0.05, steps: 100 });
    expect(run.f).toBeLessThan(0.1 * f0);
  });

  it('weights are views of θ with the thesis shapes', () => {
    const a = arch(3, 5, softplus(), 2, 4), theta = convResnetModel(a).init(rng(1)), v = convResnetWeights(a, theta);
    expect(v.W.map((w) => [w.rows, w.cols])).toEqual([[5, 6], [5, 15], [5, 15]]);
    expect([v.a.rows, v.a.cols]).toEqual([5, 4]);
  });

  it('rejects bad architectures and inputs by name', () => {
    expect(() => convResnetArch({ d0: 1, p: 3, m: 2, H: 1, act: softplus(), cSigma: 1, cRes: 0.5, q: 4 })).toThrow(DomainError);
    const a = arch(), model = convResnetModel(a);
    try { model.jacobian!(model.init(rng(1)), zeros(2, 3)); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).argument).toBe('X');
    }
  });

  it('the init sampler has the law of a real initialization (norms and G^(H)_11 means within 5 se)', () => {
    const a = arch(3, 6, softplus(), 2, 3), X = images(21, 2, a.d0, a.p), model = convResnetModel(a), S = 400;
    const stat = (draw: (s: number) => { g: number; x: number }) => {
      const g: number[] = [], x: number[] = [];
      for (let s = 0; s < S; s++) { const d = draw(s); g.push(d.g); x.push(d.x); }
      const ms = (v: number[]) => { const mu = v.reduce((u, w) => u + w, 0) / S; return { mu, se: Math.sqrt(v.reduce((u, w) => u + (w - mu) ** 2, 0) / (S - 1) / S) }; };
      return { g: ms(g), x: ms(x) };
    };
    const sampled = stat((s) => { const r = sampleConvResnetInit(a, X, rng(s).stream('sampler')); return { g: r.gramH.data[0], x: r.norms[2][1] }; });
    const real = stat((s) => {
      const th = model.init(rng(s).stream('real')), xs = convResnetLayerOutputs(a, th, X)[3];
      let nrm = 0;
      for (let k = 0; k < xs.cols; k++) nrm += xs.data[xs.cols + k] ** 2;
      return { g: convResnetGramH(a, th, X).data[0], x: Math.sqrt(nrm) };
    });
    for (const key of ['g', 'x'] as const) {
      expect(Math.abs(sampled[key].mu - real[key].mu)).toBeLessThan(5 * Math.hypot(sampled[key].se, real[key].se));
    }
  });
});
