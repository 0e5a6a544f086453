import { describe, expect, it } from 'vitest';
import { erfActivation, relu, tanh } from '../src/core/activations.ts';
import { gemmABt } from '../src/core/blas.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { type Matrix, fromRows, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereInputs } from '../src/data/sphere.ts';
import { nfResnetKernel } from '../src/kernels/nf-resnet-kernel.ts';
import { bindData } from '../src/models/model.ts';
import { nfResnetForward, nfResnetGramH, nfResnetLayerGrams, nfResnetModel } from '../src/models/nf-resnet.ts';
import { gd } from '../src/train/gd.ts';

const ERF_CS = Math.PI / (2 * Math.asin(2 / 3));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
};

function setup(frozen: string[] = [], branch: 'nf' | 'standard' = 'nf') {
  const d = 4, m = 12, H = 3, n = 3;
  const model = nfResnetModel({ d, m, H, act: erfActivation(), cSigma: ERF_CS, frozen, branch });
  const X = sphereInputs(rng(1).stream('x'), n, d);
  const y = Float64Array.from([0.5, -0.25, 1]);
  const theta = model.init(rng(2));
  theta[model.blocks[H].offset] = 0.8; // α_2 ≠ 1 so the α scaling is exercised
  return { model, X, y, theta, d, m, H, n };
}

describe('nf-resnet model', () => {
  it('writes the loss gradient that central differences of ½‖y − u‖² give, on every block', () => {
    const { model, X, y, theta } = setup();
    const obj = bindData(model, X, y), g = new Float64Array(model.dim);
    obj.valueGrad(theta, g);
    const tmp = new Float64Array(model.dim);
    for (let k = 0; k < model.dim; k += 5) {
      const t = Float64Array.from(theta);
      t[k] += 1e-6; const fp = obj.valueGrad(t, tmp);
      t[k] -= 2e-6; const fm = obj.valueGrad(t, tmp);
      expect(Math.abs((fp - fm) / 2e-6 - g[k])).toBeLessThan(1e-7);
    }
  });

  it('computes the forward pass of (1) as reconstructed: x^(1) = √(c_σ/m)σ(W1 x), x^(h) = x^(h−1) + α_h/(H√m)σ(W^(h)x^(h−1)), u = aᵀx^(H)', () => {
    const { model, X, theta, m, H, d } = setup();
    const f = nfResnetForward(model, theta, X);
    const W1 = theta.subarray(0, m * d), i = 1;
    let x = Array.from({ length: m }, (_, r) => {
      let t = 0;
      for (let k = 0; k < d; k++) t += W1[r * d + k] * X.data[i * d + k];
      return Math.sqrt(ERF_CS / m) * erfActivation().value(t);
    });
    for (let h = 2; h <= H; h++) {
      const b = model.blocks[h - 1], W = theta.subarray(b.offset, b.offset + m * m), alpha = theta[model.blocks[H].offset + h - 2];
      x = x.map((xr, r) => {
        let t = 0;
        for (let k = 0; k < m; k++) t += W[r * m + k] * x[k];
        return xr + (alpha / (H * Math.sqrt(m))) * erfActivation().value(t);
      });
    }
    const a = theta.subarray(model.blocks[H + 1].offset);
    expect(f.u[i]).toBeCloseTo(x.reduce((s, xr, r) => s + xr * a[r], 0), 12);
    expect(maxDiff(f.xs[H].data.subarray(i * m, (i + 1) * m), x)).toBeLessThan(1e-13);
  });

  it('has J Jᵀ equal to the sum of its per-block Grams, and G^(H) equal to the closed form (2)', () => {
    const { model, X, theta, n, H } = setup();
    const J = model.jacobian!(theta, X), JJ = zeros(n, n);
    gemmABt(J, J, JJ);
    expect(maxDiff(JJ.data, model.gram!(theta, X).data)).toBeLessThan(1e-12);
    expect(maxDiff(nfResnetLayerGrams(model, theta, X).W[H - 1].data, nfResnetGramH(model, theta, X).data)).toBeLessThan(1e-14);
  });

  it('writes zero gradient and zero Jacobian columns on frozen blocks, so GD leaves them unchanged', () => {
    const { model, X, y, theta, H } = setup(['W1', 'alpha', 'a']);
    const run = gd(bindData(model, X, y), theta, { eta: 0.05, steps: 5 });
    for (const b of model.blocks) {
      const moved = maxDiff(run.x.subarray(b.offset, b.offset + b.rows * b.cols), theta.subarray(b.offset, b.offset + b.rows * b.cols));
      if (b.trained) expect(moved).toBeGreaterThan(0); else expect(moved).toBe(0);
    }
    const J = model.jacobian!(theta, X);
    const a = model.blocks[H + 1];
    for (let i = 0; i < J.rows; i++) expect(maxDiff(J.data.subarray(i * J.cols + a.offset, i * J.cols + a.offset + a.rows), new Float64Array(a.rows))).toBe(0);
  });

  it('freezes α at 1 in the standard-initialization branch and scales its blocks by √(c_σ/m)', () => {
    const { model, theta, m } = setup([], 'standard');
    expect(model.blocks.find((b) => b.name === 'alpha')!.trained).toBe(false);
    expect(model.branchCoefficient(theta, 3)).toBeCloseTo(Math.sqrt(ERF_CS / m), 14);
  });

  it('rejects a depth below 2, an unknown frozen block and a foreign model with the argument named', () => {
    expect(() => nfResnetModel({ d: 2, m: 4, H: 1, act: relu(), cSigma: 2 })).toThrow(expect.objectContaining({ argument: 'H' }));
    expect(() => nfResnetModel({ d: 2, m: 4, H: 2, act: relu(), cSigma: 2, frozen: ['W9'] })).toThrow(DomainError);
    const { X, theta } = setup();
    expect(() => nfResnetForward({} as never, theta, X)).toThrow(expect.objectContaining({ argument: 'model' }));
    const { model } = setup();
    expect(() => nfResnetForward(model, theta, fromRows([[1, 0]]))).toThrow(ShapeError);
  });
});

describe('nf-resnet population kernel (CF-8(ii))', () => {
  const X: Matrix = sphereInputs(rng(4).stream('x'), 5, 4);

  it('keeps unit diagonals at layer 1 and gives a positive λ0 for ReLU and erf', () => {
    for (const act of [relu(), erfActivation()]) {
      const k = nfResnetKernel(X, act, 4);
      expect(k.layers).toHaveLength(4);
      for (let i = 0; i < 5; i++) expect(k.layers[1].data[i * 5 + i]).toBeCloseTo(1, 12);
      expect(k.lambda0).toBeGreaterThan(1e-4);
    }
  });

  it('has no mean terms for erf (odd) and the β mean terms for ReLU', () => {
    const e = nfResnetKernel(X, erfActivation(), 3), r = nfResnetKernel(X, relu(), 3);
    expect(Math.max(...e.beta[0].map(Math.abs))).toBe(0);
    expect(r.beta[0][0]).toBeCloseTo(Math.sqrt(2) / Math.sqrt(2 * Math.PI), 12);
  });

  it('is singular for a duplicated input and for an antiparallel pair under erf', () => {
    const dup = fromRows([[1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    expect(Math.abs(nfResnetKernel(dup, relu(), 3).lambda0)).toBeLessThan(1e-15);
    const anti = fromRows([[1, 0, 0], [0, 1, 0], [-1, 0, 0]]);
    expect(Math.abs(nfResnetKernel(anti, erfActivation(), 3).lambda0)).toBeLessThan(1e-15);
  });

  it('refuses an activation without closed-form moments, naming act', () => {
    expect(() => nfResnetKernel(X, tanh(), 3)).toThrow(expect.objectContaining({ argument: 'act' }));
  });
});
