/** src/models/two-layer.ts and src/kernels/arccos.ts: typed rejection of bad input, exact identities. */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { type Matrix, fromRows, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { arccosKernel0, gramInfinity } from '../src/kernels/arccos.ts';
import {
  type TwoLayerParams, activationPattern, backwardInto, cloneParams, empiricalGram, forwardInto, initTwoLayer, predict,
  requireTwoLayerInputs, requireWidth, twoLayerGradient, twoLayerJacobian, twoLayerLoss, twoLayerWorkspace,
} from '../src/models/two-layer.ts';
import { type ErrorClass, badMatrices, expectTyped, mat, maxDiff } from './helpers.ts';

function setup(n = 5, m = 8, d = 3, seed = 1) {
  const r = rng(seed);
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const p = initTwoLayer(r.stream('init'), m, d);
  return { X, y, p };
}

/** Every public function that takes (params, X[, y]), as a closure over its inputs. */
const withParams: Array<[string, (p: TwoLayerParams, X: Matrix, y: Float64Array) => unknown]> = [
  ['requireTwoLayerInputs', (p, X, y) => requireTwoLayerInputs(p, X, y)],
  ['predict', (p, X) => predict(p, X)],
  ['twoLayerLoss', (p, X, y) => twoLayerLoss(p, X, y)],
  ['twoLayerGradient', (p, X, y) => twoLayerGradient(p, X, y)],
  ['activationPattern', (p, X) => activationPattern(p, X)],
  ['empiricalGram', (p, X) => empiricalGram(p, X)],
  ['empiricalGram a2', (p, X) => empiricalGram(p, X, 'a2')],
  ['twoLayerJacobian', (p, X) => twoLayerJacobian(p, X)],
];
const withLabels = new Set(['requireTwoLayerInputs', 'twoLayerLoss', 'twoLayerGradient']);

describe('two-layer model: bad input', () => {
  it('workspace, init and width reject zero, fractional and non-finite sizes', () => {
    expectTyped(() => twoLayerWorkspace(0, 4, 3), DomainError, 'n');
    expectTyped(() => twoLayerWorkspace(2, 0, 3), DomainError, 'm');
    expectTyped(() => twoLayerWorkspace(2, 4, 1.5), DomainError, 'd');
    expectTyped(() => twoLayerWorkspace(2, NaN, 3), NonFiniteError, 'm');
    expectTyped(() => initTwoLayer(rng(1), 0, 3), DomainError, 'm');
    expectTyped(() => initTwoLayer(rng(1), 4, 0), DomainError, 'd');
    expectTyped(() => initTwoLayer(rng(1), Infinity, 3), NonFiniteError, 'm');
    expectTyped(() => requireWidth(0), DomainError, 'm');
    expectTyped(() => requireWidth(-3), DomainError, 'm');
    expectTyped(() => requireWidth(2.5), DomainError, 'm');
    expectTyped(() => requireWidth(NaN), NonFiniteError, 'm');
    requireWidth(1);
  });

  for (const [name, f] of withParams) {
    describe(name, () => {
      it('rejects a bad W (shape, non-finite) and zero width', () => {
        const { X, y, p } = setup();
        for (const [label, bad, cls] of badMatrices(8, 3)) {
          const want: ErrorClass = label.startsWith('zero') ? DomainError : cls;
          expectTyped(() => f({ W: bad, a: p.a }, X, y), want, 'W');
        }
        // Zero width with a consistent empty a is still rejected.
        expectTyped(() => f({ W: { rows: 0, cols: 3, data: new Float64Array(0) }, a: new Float64Array(0) }, X, y), DomainError, 'W');
      });

      it('rejects a bad X (shape, non-finite, input dimension ≠ d)', () => {
        const { y, p } = setup();
        for (const [, bad, cls] of badMatrices(5, 3)) expectTyped(() => f(p, bad, y), cls, 'X');
        expectTyped(() => f(p, zeros(5, 4), y), ShapeError, 'X');
      });

      it('rejects a bad a (length, type, non-finite)', () => {
        const { X, y, p } = setup();
        expectTyped(() => f({ W: p.W, a: new Float64Array(7).fill(1) }, X, y), ShapeError, 'a');
        expectTyped(() => f({ W: p.W, a: Array.from(p.a) as unknown as Float64Array }, X, y), ShapeError, 'a');
        const a = Float64Array.from(p.a); a[3] = NaN;
        expectTyped(() => f({ W: p.W, a }, X, y), NonFiniteError, 'a');
        a[3] = -Infinity;
        expectTyped(() => f({ W: p.W, a }, X, y), NonFiniteError, 'a');
        expectTyped(() => f(null as unknown as TwoLayerParams, X, y), ShapeError, 'p');
      });

      if (withLabels.has(name)) {
        it('rejects bad labels y (length, non-finite)', () => {
          const { X, y, p } = setup();
          expectTyped(() => f(p, X, y.subarray(0, 4)), ShapeError, 'y');
          const bad = Float64Array.from(y); bad[0] = NaN;
          expectTyped(() => f(p, X, bad), NonFiniteError, 'y');
          bad[0] = Infinity;
          expectTyped(() => f(p, X, bad), NonFiniteError, 'y');
        });
      }
    });
  }

  it('requireTwoLayerInputs names p for a non-object and W for a missing W (not a TypeError)', () => {
    const { X, p } = setup();
    expectTyped(() => requireTwoLayerInputs(5 as unknown as TwoLayerParams, X), ShapeError, 'p');
    expectTyped(() => requireTwoLayerInputs({ W: null, a: p.a } as unknown as TwoLayerParams, X), ShapeError, 'W');
  });

  it('empiricalGram rejects an unknown weighting', () => {
    const { X, p } = setup();
    expectTyped(() => empiricalGram(p, X, 'ones' as 'unit'), DomainError, 'weights');
  });

  it('cloneParams validates and deep-copies W', () => {
    const { p } = setup();
    const q = cloneParams(p);
    q.W.data[0] += 1;
    expect(q.W.data[0]).not.toBe(p.W.data[0]);
    const W = zeros(8, 3); W.data[5] = NaN;
    expectTyped(() => cloneParams({ W, a: p.a }), NonFiniteError, 'W');
    expectTyped(() => cloneParams({ W: p.W, a: new Float64Array(2) }), ShapeError, 'a');
    expectTyped(() => cloneParams({ W: { rows: 0, cols: 3, data: new Float64Array(0) }, a: new Float64Array(0) }), DomainError, 'W');
  });
});

describe('two-layer model: values and identities', () => {
  it('activationPattern uses ≥: a unit with zero weights is active on every input', () => {
    const q: TwoLayerParams = { W: fromRows([[0, 0], [1, 0]]), a: new Float64Array([1, -1]) };
    const X2 = fromRows([[1, 0], [0, -1], [-0.6, -0.8]]); // unit 2 has w·x = 1, 0 (active: ≥), −0.6
    expect(Array.from(activationPattern(q, X2))).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('initialization: reproducible, a = ±1, W independent of a, W of width m is a prefix of width 2m', () => {
    const p1 = initTwoLayer(rng(5), 6, 3), p2 = initTwoLayer(rng(5), 6, 3), p3 = initTwoLayer(rng(5), 12, 3);
    expect(Array.from(p1.W.data)).toEqual(Array.from(p2.W.data));
    for (const v of p1.a) expect(Math.abs(v)).toBe(1);
    expect(Array.from(p3.W.data.subarray(0, 18))).toEqual(Array.from(p1.W.data));
    expect(Array.from(p3.a.subarray(0, 6))).toEqual(Array.from(p1.a));
  });

  it('predict and loss match the defining formula', () => {
    const { X, y, p } = setup(4, 7, 3, 2);
    const u = predict(p, X);
    let L = 0;
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let r = 0; r < 7; r++) {
        let z = 0;
        for (let k = 0; k < 3; k++) z += p.W.data[r * 3 + k] * X.data[i * 3 + k];
        s += p.a[r] * Math.max(z, 0);
      }
      s /= Math.sqrt(7);
      expect(u[i]).toBeCloseTo(s, 14);
      L += 0.5 * (s - y[i]) ** 2;
    }
    expect(twoLayerLoss(p, X, y)).toBeCloseTo(L, 14);
  });

  it('the gradient matches central finite differences', () => {
    const { X, y, p } = setup(6, 10, 4, 3);
    const G = twoLayerGradient(p, X, y);
    const h = 1e-6;
    let worst = 0;
    for (let t = 0; t < p.W.data.length; t++) {
      const plus = cloneParams(p), minus = cloneParams(p);
      plus.W.data[t] += h; minus.W.data[t] -= h;
      const fd = (twoLayerLoss(plus, X, y) - twoLayerLoss(minus, X, y)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - G.data[t]));
    }
    expect(worst).toBeLessThan(1e-7);
  });

  it('the unchecked hot path (forwardInto + backwardInto) equals the checked gradient and loss', () => {
    const { X, y, p } = setup(6, 10, 4, 4);
    const ws = twoLayerWorkspace(6, 10, 4);
    forwardInto(p, X, ws);
    const L = backwardInto(p, X, y, ws);
    expect(L).toBeCloseTo(twoLayerLoss(p, X, y), 14);
    expect(maxDiff(ws.G.data, twoLayerGradient(p, X, y).data)).toBe(0);
  });

  it('J Jᵀ = H(W) for a = ±1, and = the a²-weighted Gram for general a', () => {
    const { X, p } = setup(5, 12, 3, 5);
    const check = (q: TwoLayerParams, weights: 'unit' | 'a2') => {
      const J = twoLayerJacobian(q, X), H = empiricalGram(q, X, weights);
      const n = X.rows, c = J.cols;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < c; k++) s += J.data[i * c + k] * J.data[j * c + k];
        expect(Math.abs(s - H.data[i * n + j])).toBeLessThan(1e-14);
      }
    };
    check(p, 'unit');
    check({ W: p.W, a: p.a.map((v, r) => v * (0.5 + r / 10)) }, 'a2');
    const A = activationPattern(p, X);
    for (const v of A) expect(v === 0 || v === 1).toBe(true);
  });

  it('H(W(0)) approaches H∞ as the width grows', () => {
    const { X } = setup(4, 1, 3, 6);
    const p = initTwoLayer(rng(60), 20_000, 3);
    // Entries are means of 20 000 bounded i.i.d. terms: error ~ 0.5/√m ≈ 0.0035.
    expect(maxDiff(empiricalGram(p, X).data, gramInfinity(X).data)).toBeLessThan(0.02);
  });
});

describe('arc-cosine kernel H∞', () => {
  it('closed form on known configurations', () => {
    const s = Math.sqrt(3) / 2;
    const X = mat(4, 2, [1, 0, 0, 1, 0.5, s, -1, 0]);
    const H = gramInfinity(X);
    const h = (i: number, j: number) => H.data[i * 4 + j];
    expect(h(0, 0)).toBeCloseTo(0.5, 15);
    expect(h(0, 1)).toBeCloseTo(0, 15); // orthogonal: x_iᵀx_j = 0
    expect(h(0, 2)).toBeCloseTo(0.5 * (Math.PI - Math.PI / 3) / (2 * Math.PI), 15); // = 1/6
    expect(h(0, 3)).toBeCloseTo(0, 15); // antipodal: (π − π)/(2π) = 0
    expect(h(2, 0)).toBe(h(0, 2));
    expect(arccosKernel0(0.5)).toBeCloseTo(1 / 6, 15);
    expect(arccosKernel0(1)).toBe(0.5);
    expect(arccosKernel0(-1)).toBeCloseTo(0, 15);
    expect(arccosKernel0(0)).toBe(0);
    // Norms scale the entries: H∞(cX) = c² H∞(X).
    const H2 = gramInfinity(mat(4, 2, Array.from(X.data, (v) => 3 * v)));
    expect(maxDiff(H2.data, H.data.map((v) => 9 * v))).toBeLessThan(1e-14);
  });

  it('rejects bad matrices, zero rows and ρ outside [−1, 1]', () => {
    for (const [, bad, cls] of badMatrices(3, 2)) expectTyped(() => gramInfinity(bad), cls, 'X');
    expectTyped(() => gramInfinity(mat(2, 2, [1, 0, 0, 0])), DomainError, 'X');
    // a zero row anywhere, also the first one followed by nonzero rows
    for (const rows of [[[0, 0], [1, 2]], [[1, 2], [0, 0]], [[3, 4], [1, 0], [0, 0]]]) {
      expectTyped(() => gramInfinity(fromRows(rows)), DomainError, 'X');
    }
    expectTyped(() => arccosKernel0(1.0001), DomainError, 'rho');
    expectTyped(() => arccosKernel0(-2), DomainError, 'rho');
    expectTyped(() => arccosKernel0(NaN), NonFiniteError, 'rho');
    expectTyped(() => arccosKernel0(Infinity), NonFiniteError, 'rho');
  });
});
