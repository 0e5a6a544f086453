/**
 * src/models/deep-fc.ts: the architecture, parameters and init; typed rejection of bad input (error
 * class and the argument named); guards at their boundary values; the square and logistic losses;
 * the balance quantities against brute-force sums. (docs/mutation-deep-fc.md: the mutants these
 * tests kill.)
 */
import { describe, expect, it } from 'vitest';
import { linear, tanh } from '../src/core/activations.ts';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import {
  deepFcArch, deepFcForward, deepFcLoss, deepFcLossGrad, deepFcParams, deepFcWorkspace, fanInVariances, initDeepFc,
  layerInner, layerSqNorms, matrixDefect, neuronDefects, neuronDifferences, neuronDriftCoefficients, requireDeepFcInputs,
  requireDeepFcWorkspace,
} from '../src/models/deep-fc.ts';
import type { Activation } from '../src/core/activations.ts';
import { expectTyped, mat } from './helpers.ts';

const asAny = <T>(v: unknown): T => v as T;

describe('deepFcArch rejects a bad architecture', () => {
  it('rejects too few widths and a bad width, naming widths / widths[k]', () => {
    expectTyped(() => deepFcArch([3], []), ShapeError, 'widths');
    expectTyped(() => deepFcArch([2, 0, 1], [linear()]), DomainError, 'widths[1]');
  });

  it('rejects acts of the wrong length or not an array, naming acts', () => {
    expectTyped(() => deepFcArch([2, 3, 1], []), ShapeError, 'acts');
    expectTyped(() => deepFcArch([2, 3, 1], asAny(null)), ShapeError, 'acts');
    expectTyped(() => deepFcArch([2, 3, 3, 1], [linear()]), ShapeError, 'acts');
  });

  it('rejects each kind of non-Activation entry (null, number, function, missing value, missing derivative)', () => {
    const f = (x: number): number => x;
    const fnObj = Object.assign(() => 0, { value: f, derivative: f });
    const bad: unknown[] = [null, 3, fnObj, { derivative: f }, { value: f }, { value: 1, derivative: f }, { value: f, derivative: 1 }];
    for (const a of bad) {
      expectTyped(() => deepFcArch([2, 3, 3, 1], [linear(), asAny<Activation>(a)]), DomainError, 'acts');
    }
    expect(deepFcArch([2, 3, 3, 1], [linear(), { value: f, derivative: f } as unknown as Activation]).acts).toHaveLength(2);
  });

  it('rejects an unknown loss, naming loss', () => {
    expectTyped(() => deepFcArch([2, 1], [], asAny('hinge')), DomainError, 'loss');
  });
});

describe('parameters, init and workspace', () => {
  const arch = deepFcArch([2, 3, 1], [linear()]);

  it('deepFcParams rejects a plain array and a wrong length, naming flat', () => {
    expectTyped(() => deepFcParams(arch, asAny(new Array(9).fill(0))), ShapeError, 'flat');
    expectTyped(() => deepFcParams(arch, new Float64Array(3)), ShapeError, 'flat');
  });

  it('fanInVariances is 1/n_{h−1}', () => {
    expect(fanInVariances(deepFcArch([2, 4, 1], [linear()]))).toEqual([0.5, 0.25]);
  });

  it('initDeepFc validates variances (length, finiteness, sign), naming the argument', () => {
    const r = rng(1);
    expectTyped(() => initDeepFc(r, arch, [1]), ShapeError, 'variances');
    expectTyped(() => initDeepFc(r, arch, [1, NaN]), NonFiniteError, 'variances[1]');
    expectTyped(() => initDeepFc(r, arch, [1, -1]), DomainError, 'variances');
  });

  it('initDeepFc accepts variance 0 (zero layer), uses sqrt(variances[k]) and stream W{k+1} per layer', () => {
    const p = initDeepFc(rng(7), arch, [4, 0]);
    expect(p.W[1].data.every((v) => v === 0)).toBe(true);
    const expected = rng(7).stream('init').stream('W1').fillNormal(new Float64Array(6), 2);
    expect([...p.W[0].data]).toEqual([...expected]);
    const q = initDeepFc(rng(7), arch, [0, 9]);
    expect(q.W[0].data.every((v) => v === 0)).toBe(true);
    expect([...q.W[1].data]).toEqual([...rng(7).stream('init').stream('W2').fillNormal(new Float64Array(3), 3)]);
  });

  it('deepFcWorkspace has H − 1 activation buffers', () => {
    expect(deepFcWorkspace(arch, 2).S).toHaveLength(1);
    expect(deepFcWorkspace(deepFcArch([2, 3, 3, 1], [linear(), linear()]), 2).S).toHaveLength(2);
  });
});

describe('requireDeepFcInputs / requireDeepFcWorkspace reject what does not fit the architecture', () => {
  const arch = deepFcArch([2, 3, 1], [linear()]);
  const X = mat(2, 2, [1, 2, 3, 4]);
  const Y = mat(2, 1, [1, -1]);
  const good = deepFcParams(arch, Float64Array.from({ length: 9 }, (_, k) => 0.1 * (k + 1)));

  it('rejects params that are null, a number, a function or lack a Float64Array flat', () => {
    const fn = Object.assign(() => 0, { flat: new Float64Array(9), W: good.W });
    for (const p of [null, 5, fn, { flat: new Array(9).fill(0) }]) {
      expectTyped(() => requireDeepFcInputs(arch, asAny(p), X, Y), ShapeError, 'params');
    }
  });

  it('rejects a wrong weight count and a non-finite weight, naming params', () => {
    const short = { flat: new Float64Array(3), W: [] };
    expectTyped(() => requireDeepFcInputs(arch, asAny(short), X, Y), ShapeError, 'params');
    const nan = deepFcParams(arch, new Float64Array(9).fill(NaN));
    expectTyped(() => requireDeepFcInputs(arch, nan, X, Y), NonFiniteError, 'params');
  });

  it('checks Y against the output width n_H', () => {
    expectTyped(() => requireDeepFcInputs(arch, good, X, mat(2, 2, [1, 1, 1, 1])), ShapeError, 'Y');
    expectTyped(() => requireDeepFcInputs(arch, good, X, mat(2, 3, [1, 1, 1, 1, 1, 1])), ShapeError, 'Y');
  });

  it('logistic labels must be ±1, naming Y', () => {
    const la = deepFcArch([2, 3, 1], [linear()], 'logistic');
    expectTyped(() => requireDeepFcInputs(la, good, X, mat(2, 1, [1, 0])), DomainError, 'Y');
    expect(() => requireDeepFcInputs(la, good, X, Y)).not.toThrow();
  });

  it('requireDeepFcWorkspace rejects each mismatch (m, layer count, grad size, layer width), naming ws', () => {
    const ws = deepFcWorkspace(arch, 2);
    expect(() => requireDeepFcWorkspace(arch, ws, X)).not.toThrow();
    expectTyped(() => requireDeepFcWorkspace(arch, deepFcWorkspace(arch, 3), X), ShapeError, 'ws');
    const deeper = deepFcWorkspace(deepFcArch([2, 3, 3, 1], [linear(), linear()]), 2);
    expectTyped(() => requireDeepFcWorkspace(arch, deeper, X), ShapeError, 'ws');
    // layer count alone wrong (m and grad size right): one layer too many, one too few.
    const extra = { ...ws, Z: [...ws.Z, zeros(2, 1)] };
    expectTyped(() => requireDeepFcWorkspace(arch, extra, X), ShapeError, 'ws');
    const fewer = { ...ws, Z: [ws.Z[0]] };
    expectTyped(() => requireDeepFcWorkspace(arch, fewer, X), ShapeError, 'ws');
    const wrongGrad = { ...ws, grad: deepFcParams(deepFcArch([2, 4, 1], [linear()])) };
    expectTyped(() => requireDeepFcWorkspace(arch, wrongGrad, X), ShapeError, 'ws');
    const wrongLast = { ...ws, Z: [ws.Z[0], zeros(2, 5)] };
    expectTyped(() => requireDeepFcWorkspace(arch, wrongLast, X), ShapeError, 'ws');
    const wrongFirst = { ...ws, Z: [zeros(2, 4), ws.Z[1]] };
    expectTyped(() => requireDeepFcWorkspace(arch, wrongFirst, X), ShapeError, 'ws');
  });
});

describe('square and logistic losses and their gradients', () => {
  it('square loss is (1/m) Σ ½(ŷ − y)² with gradient (1/m) Σ (ŷ − y) x', () => {
    const arch = deepFcArch([1, 1], []);
    const p = deepFcParams(arch, Float64Array.from([2]));
    const X = mat(2, 1, [1, 3]), Y = mat(2, 1, [5, 1]);
    // ŷ = (2, 6), e = (−3, 5): L = (4.5 + 12.5)/2 = 8.5, G = (−3·1 + 5·3)/2 = 6.
    const { loss, grad } = deepFcLossGrad(arch, p, X, Y);
    expect(loss).toBe(8.5);
    expect(grad.flat[0]).toBe(6);
  });

  it('logistic loss is (1/m) Σ log(1 + e^{−yŷ}), finite for |yŷ| = 800, with gradient −y·sigmoid(−yŷ)·x/m', () => {
    const arch = deepFcArch([1, 1], [], 'logistic');
    const p = deepFcParams(arch, Float64Array.from([1]));
    // t = −yŷ = −800 and +800: losses ≈ 0 and 800.
    const big = deepFcLossGrad(arch, p, mat(2, 1, [800, 800]), mat(2, 1, [1, -1]));
    expect(big.loss).toBe(400);
    expect(big.grad.flat[0]).toBe(400); // only the t = 800 sample: −(−1)·1·800/2
    // t = 0: log 2 and gradient −y/2·x/m.
    const zero = deepFcLossGrad(arch, deepFcParams(arch, Float64Array.from([0])), mat(1, 1, [3]), mat(1, 1, [1]));
    expect(zero.loss).toBeCloseTo(Math.LN2, 15);
    expect(zero.grad.flat[0]).toBeCloseTo(-1.5, 15);
    // t = −740: sigmoid(t) = e^{−740} is subnormal but nonzero (1/(1 + e^{740}) would be 0).
    const tiny = deepFcLossGrad(arch, p, mat(1, 1, [740]), mat(1, 1, [1]));
    expect(tiny.grad.flat[0]).toBeLessThan(0);
    // two samples, mixed signs, against the formula.
    const X = mat(2, 1, [0.5, -2]), Y = mat(2, 1, [1, 1]);
    const q = deepFcParams(arch, Float64Array.from([1.5]));
    const want = (Math.log1p(Math.exp(-0.75)) + Math.log1p(Math.exp(3))) / 2;
    expect(deepFcLoss(arch, q, X, Y)).toBeCloseTo(want, 14);
    const sg = (t: number): number => 1 / (1 + Math.exp(-t));
    expect(deepFcLossGrad(arch, q, X, Y).grad.flat[0]).toBeCloseTo((-sg(-0.75) * 0.5 - sg(3) * -2) / 2, 14);
  });

  it('square and logistic differ on the same data (the loss switch is read)', () => {
    const sq = deepFcArch([1, 1], []), lg = deepFcArch([1, 1], [], 'logistic');
    const p = deepFcParams(sq, Float64Array.from([1]));
    const X = mat(1, 1, [2]), Y = mat(1, 1, [1]);
    expect(deepFcLoss(sq, p, X, Y)).toBe(0.5);
    expect(deepFcLoss(lg, p, X, Y)).toBeCloseTo(Math.log1p(Math.exp(-2)), 15);
  });

  it('deepFcForward of a logistic network ignores labels and returns W2·σ(W1 x)', () => {
    const arch = deepFcArch([1, 2, 1], [tanh()], 'logistic');
    const p = deepFcParams(arch, Float64Array.from([1, -0.5, 2, 3]));
    const out = deepFcForward(arch, p, mat(1, 1, [0.3]));
    expect(out.data[0]).toBeCloseTo(2 * Math.tanh(0.3) + 3 * Math.tanh(-0.15), 14);
  });
});

describe('balance quantities (neuron and matrix defects)', () => {
  const arch = deepFcArch([2, 2, 3], [linear()]);
  // W1 (2×2), W2 (3×2) with mixed signs; G the same shape.
  const p = deepFcParams(arch, Float64Array.from([1, -2, 3, 0.5, -1, 2, 0.25, -3, 4, 1]));
  const g = deepFcParams(arch, Float64Array.from([2, 1, -1, 4, 3, -0.5, -2, 1, 0.5, -1]));

  it('a hidden index h outside [1, H − 1] (0, fractional, H) is rejected, naming h', () => {
    for (const h of [0, 0.5, 1.5, 2, -1]) {
      // neuronDifferences' default `out` reads p.W[h − 1] before the check: pass out explicitly.
      expectTyped(() => neuronDifferences(p, h, new Float64Array(2)), DomainError, 'h');
      expectTyped(() => neuronDefects(p, g, h), DomainError, 'h');
      expectTyped(() => matrixDefect(p, g, h), DomainError, 'h');
    }
  });

  it('neuronDifferences writes only the first n_h entries of a longer out', () => {
    const out = new Float64Array(3).fill(7);
    neuronDifferences(p, 1, out);
    // row 0: 1 + 4 = 5; col 0 of W2: 1 + 0.0625 + 16 → 5 − 17.0625
    expect(out[0]).toBe(5 - 17.0625);
    expect(out[1]).toBe(9.25 - (4 + 9 + 1));
    expect(out[2]).toBe(7);
  });

  it('neuronDefects: c_i and scale 1 + Σ|W G| + Σ|W′ G′| with negative products', () => {
    const { c, scale } = neuronDefects(p, g, 1);
    // row 0: 1·2 + (−2)·1 = 0, |·| = 4; col 0 of W2·G2: (−1)(3) + 0.25(−2) + 4(0.5) = −1.5, |·| = 3 + 0.5 + 2 = 5.5
    expect(c[0]).toBe(1.5);
    expect(scale[0]).toBe(10.5);
    // row 1: 3(−1) + 0.5·4 = −1, |·| = 5; col 1: 2(−0.5) + (−3)(1) + 1(−1) = −5, |·| = 5
    expect(c[1]).toBe(4);
    expect(scale[1]).toBe(11);
  });

  it('layerSqNorms and layerInner (with |·| sums) per layer', () => {
    expect(layerSqNorms(p)).toEqual([1 + 4 + 9 + 0.25, 1 + 4 + 0.0625 + 9 + 16 + 1]);
    const { inner, abs } = layerInner(p, g);
    expect(inner).toEqual([2 - 2 - 3 + 2, -3 - 1 - 0.5 - 3 + 2 - 1]);
    expect(abs).toEqual([2 + 2 + 3 + 2, 3 + 1 + 0.5 + 3 + 2 + 1]);
  });

  it('matrixDefect equals the brute-force W Gᵀ + G Wᵀ − W′ᵀG′ − G′ᵀW′ and its |·| scale, entry by entry', () => {
    const { defect, scale } = matrixDefect(p, g, 1);
    const n = 2, din = 2, nout = 3;
    const W1 = p.W[0].data, G1 = g.W[0].data, W2 = p.W[1].data, G2 = g.W[1].data;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0, a = 1;
        for (let k = 0; k < din; k++) {
          const t1 = W1[i * din + k] * G1[j * din + k], t2 = G1[i * din + k] * W1[j * din + k];
          s += t1 + t2; a += Math.abs(t1) + Math.abs(t2);
        }
        for (let k = 0; k < nout; k++) {
          const t1 = W2[k * n + i] * G2[k * n + j], t2 = G2[k * n + i] * W2[k * n + j];
          s -= t1 + t2; a += Math.abs(t1) + Math.abs(t2);
        }
        expect(defect.data[i * n + j], `defect[${i},${j}]`).toBeCloseTo(s, 14);
        expect(scale.data[i * n + j], `scale[${i},${j}]`).toBeCloseTo(a, 14);
      }
    }
    // Hand-checked against neuronDefects above: diagonal = 2c_i, scale_ii = 1 + 2(Σ|W G| + Σ|W′ G′|).
    expect(defect.data[0]).toBeCloseTo(2 * 1.5, 14);
    expect(defect.data[3]).toBeCloseTo(2 * 4, 14);
    expect(scale.data[0]).toBeCloseTo(1 + 2 * 4 + 2 * 5.5, 14);
  });
});

describe('a bad hidden index without an out buffer', () => {
  it('is a DomainError naming h, not a TypeError from the default buffer', () => {
    const p = deepFcParams(deepFcArch([2, 2, 3], [linear()]));
    for (const h of [0, 1.5, -1]) {
      expectTyped(() => neuronDifferences(p, h), DomainError, 'h');
      expectTyped(() => neuronDriftCoefficients(p, h), DomainError, 'h');
    }
  });
});
