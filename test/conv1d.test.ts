/**
 * src/models/conv1d.ts (shared weights and 1-D convolution, thesis §4.2.2): typed rejection of bad
 * input (error class and the argument named), guards at their boundary values, the sharing maps and
 * the gradient scatter. (docs/mutation-models.md: the mutants these tests kill.)
 */
import { describe, expect, it } from 'vitest';
import { linear } from '../src/core/activations.ts';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { rng } from '../src/core/rng.ts';
import {
  conv1dMap, denseMap, layerParams, randomSharingMap, requireSharedParams, scatterGradInto, sharedNet, sharingMap,
} from '../src/models/conv1d.ts';
import { deepFcArch } from '../src/models/deep-fc.ts';
import { expectTyped, mat } from './helpers.ts';

describe('bad input is rejected with typed errors', () => {
  it('sharingMap names rows, cols, dim and a wrong-length index', () => {
    const ok = new Int32Array(6);
    expectTyped(() => sharingMap(0, 3, 1, ok), DomainError, 'rows');
    expectTyped(() => sharingMap(2, 0, 1, ok), DomainError, 'cols');
    expectTyped(() => sharingMap(2, 3, 0, ok), DomainError, 'dim');
    expectTyped(() => sharingMap(2, 3, 1, new Int32Array(5)), ShapeError, 'index');
  });

  it('sharingMap rejects an index entry outside [0, dim] (above and below), naming the entry', () => {
    const hi = new Int32Array([0, 1, 2, 3]);
    expectTyped(() => sharingMap(2, 2, 2, hi), DomainError, 'index');
    const lo = new Int32Array([0, -1, 2, 1]);
    expectTyped(() => sharingMap(2, 2, 2, lo), DomainError, 'index');
    expect(sharingMap(2, 2, 2, new Int32Array([0, 1, 2, 2])).dim).toBe(2);
  });

  it('randomSharingMap names rows, cols and dim', () => {
    const r = rng(1);
    expectTyped(() => randomSharingMap(r, 0, 2, 1), DomainError, 'rows');
    expectTyped(() => randomSharingMap(r, 2, 0, 1), DomainError, 'cols');
    expectTyped(() => randomSharingMap(r, 2, 2, 0), DomainError, 'dim');
  });

  it('conv1dMap names inLen, filters and q (also when the filter is longer than the input)', () => {
    expectTyped(() => conv1dMap(0, 1, 1), DomainError, 'inLen');
    expectTyped(() => conv1dMap(3, 0, 1), DomainError, 'filters');
    expectTyped(() => conv1dMap(3, 1, 0), DomainError, 'q');
    expectTyped(() => conv1dMap(3, 1, 4), DomainError, 'q');
  });

  it('sharedNet rejects a wrong number of maps and a map of the wrong shape (rows or cols), naming maps', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    expectTyped(() => sharedNet(arch, [denseMap(3, 2)]), ShapeError, 'maps');
    expectTyped(() => sharedNet(arch, [denseMap(3, 2), denseMap(2, 3)]), ShapeError, 'maps');
    // rows right, cols wrong; and cols right, rows wrong (each half of the ||).
    expectTyped(() => sharedNet(arch, [denseMap(3, 3), denseMap(1, 3)]), ShapeError, 'maps');
    expectTyped(() => sharedNet(arch, [denseMap(2, 2), denseMap(1, 3)]), ShapeError, 'maps');
  });

  it('layerParams rejects h = 0, a fractional h and h = H + 1, and returns v^(h) for 1 ≤ h ≤ H', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    const net = sharedNet(arch, [denseMap(3, 2), denseMap(1, 3)]);
    const v = Float64Array.from({ length: 9 }, (_, k) => k);
    for (const h of [0, 1.5, 3, -1]) {
      expectTyped(() => layerParams(net, v, h), DomainError, 'h');
    }
    expect([...layerParams(net, v, 1)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...layerParams(net, v, 2)]).toEqual([6, 7, 8]);
  });

  it('requireSharedParams rejects a wrong length, a plain array and a non-finite entry, naming v', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    const net = sharedNet(arch, [denseMap(3, 2), denseMap(1, 3)]);
    expectTyped(() => requireSharedParams(net, new Float64Array(8)), ShapeError, 'v');
    const plain = new Array(9).fill(0) as unknown as Float64Array;
    expectTyped(() => requireSharedParams(net, plain), ShapeError, 'v');
    const nan = new Float64Array(9); nan[4] = NaN;
    expectTyped(() => requireSharedParams(net, nan), NonFiniteError, 'v');
    expect(() => requireSharedParams(net, new Float64Array(9))).not.toThrow();
  });
});

describe('sharing maps and the gradient scatter', () => {
  it('denseMap numbers the entries 1..rows·cols', () => {
    expect([...denseMap(2, 3).index]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('randomSharingMap draws exactly rows·cols integers in [0, dim] from the rng, in order', () => {
    const r = rng(42), ref = rng(42);
    const g = randomSharingMap(r, 3, 4, 5);
    const want = Array.from({ length: 12 }, () => ref.int(6));
    expect([...g.index]).toEqual(want);
    expect(want.some((x) => x !== 0)).toBe(true);
    // The rng is left exactly after the 12 draws (no extra draw).
    expect(r.int(1_000_000)).toBe(ref.int(1_000_000));
  });

  it('conv1dMap with 2 filters: the second filter block is filled', () => {
    const g = conv1dMap(3, 2, 2);
    expect(g.rows).toBe(4);
    expect(g.dim).toBe(4);
    expect([...g.index]).toEqual([1, 2, 0, 0, 1, 2, 3, 4, 0, 0, 3, 4]);
  });

  it('scatterGradInto zeroes exactly gv[go..go+dim) before summing', () => {
    const g = sharingMap(2, 2, 2, new Int32Array([1, 0, 2, 1]));
    const G = mat(2, 2, [1, 10, 100, 1000]);
    const gv = Float64Array.from([7, 7, 7, 7]);
    scatterGradInto(g, G, gv, 1);
    expect([...gv]).toEqual([7, 1001, 100, 7]);
  });
});
