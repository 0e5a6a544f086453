/**
 * src/core/backend.ts: selection, arenas, typed errors of the kernels, and bit-identity of a GD step
 * across backends (the randomized agreement claim is properties/kernels/backend-agreement.property.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  type KernelBackend, WASM_MIN_WORK, backendByName, backendInfo, jsBackend, jsRefBackend, packedLength, selectBackend, wasmBackend, workLength,
} from '../src/core/backend.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { backwardInto, forwardInto, initTwoLayer, twoLayerWorkspace } from '../src/models/two-layer.ts';
import { expectTyped } from './helpers.ts';

const backends: KernelBackend[] = [jsRefBackend, jsBackend, ...(wasmBackend ? [wasmBackend] : [])];

describe('backend selection', () => {
  it('GD_BACKEND or size decides; names resolve', () => {
    const info = backendInfo();
    expect(['auto', 'js', 'wasm', 'js-ref']).toContain(info.requested);
    const small = selectBackend(1), big = selectBackend(WASM_MIN_WORK);
    if (info.requested === 'auto') {
      expect(small.name).toBe('js');
      expect(big.name).toBe(wasmBackend ? 'wasm' : 'js');
    } else {
      expect(small.name).toBe(info.requested);
      expect(big.name).toBe(info.requested);
    }
    expect(backendByName('js')).toBe(jsBackend);
    expect(backendByName('js-ref')).toBe(jsRefBackend);
    expect(backendByName('wasm')).toBe(wasmBackend);
    expectTyped(() => backendByName('gpu' as 'js'), DomainError, 'name');
  });

  it('packs B into 4-wide panels, the last 2 or 4 wide', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((q) => packedLength(q, 3))).toEqual([6, 6, 12, 12, 18, 18, 24, 24]);
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('%s kernels', (_, be) => {
  it('compute a small product exactly', () => {
    const ar = be.arena([6, 6, 4, 4, 2, 2], workLength(2, 3));
    const [a, b, c, d, w, v] = ar.arrays;
    a.set([1, 2, 3, 4, 5, 6]); // 2×3
    b.set([1, 0, -1, 2, 1, 0]); // 2×3 (for a·bᵀ)
    ar.gemmABt(a, b, c, 2, 2, 3);
    expect(Array.from(c)).toEqual([-2, 4, -2, 13]);
    b.set([1, 0, 0, 1, 1, 1]); // 3×2 (for a·b)
    ar.gemmAB(a, b, d, 2, 2, 3);
    expect(Array.from(d)).toEqual([4, 5, 10, 11]);
    const z = c; // [-2, 4; -2, 13]
    w.set([0.5, -1]);
    v.set([3, 7]);
    ar.reluColSum(z, w, v, 2, 2);
    expect(Array.from(v)).toEqual([0, 2 - 13]);
    v.set([3, 7]);
    const zm = ar.input(Float64Array.of(0, -1e-300, NaN, 5), d); // I{z ≥ 0}: 0 counts, NaN does not
    ar.maskOuter(zm, w, v, c, 2, 2);
    expect(Array.from(c)).toEqual([1.5, 0, 0, -7]);
  });

  it('reject bad sizes, short arrays and aliasing with typed errors', () => {
    const ar = be.arena([4, 4, 4], workLength(2, 2));
    const [a, b, c] = ar.arrays;
    expectTyped(() => ar.gemmABt(a, b, c, 0, 2, 2), DomainError, 'p');
    expectTyped(() => ar.gemmABt(a, b, c, 2, 2.5, 2), DomainError, 'q');
    expectTyped(() => ar.gemmAB(a, b, c, 2, 2, 3), ShapeError, 'a');
    expectTyped(() => ar.gemmAB(a, b, a, 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.reluColSum(a, b, a.subarray(0, 2), 2, 2), DomainError, 'out');
    expectTyped(() => ar.maskOuter(a, b, c, c.subarray(0, 3), 2, 2), ShapeError, 'c');
    expectTyped(() => be.arena([-1]), DomainError, 'lengths');
    expectTyped(() => ar.input([1, 2] as unknown as Float64Array, a), ShapeError, 'src');
  });
});

describe('wasm arenas', () => {
  it.runIf(wasmBackend !== null)('own their operands and copy others in', () => {
    const be = wasmBackend as KernelBackend;
    const ar = be.arena([4, 4, 4], workLength(2, 2));
    const [a, b, c] = ar.arrays;
    const outside = Float64Array.of(1, 2, 3, 4);
    expectTyped(() => ar.gemmABt(outside, b, c, 2, 2, 2), DomainError, 'a');
    expect(ar.input(outside, a)).toBe(a);
    expect(Array.from(a)).toEqual([1, 2, 3, 4]);
    expect(ar.input(a, b)).toBe(a); // already in the arena: no copy
    expectTyped(() => ar.input(outside, new Float64Array(4)), DomainError, 'slot');
    expectTyped(() => ar.input(Float64Array.of(1), a), ShapeError, 'slot');
    expectTyped(() => be.arena([4], 1).gemmABt(a, b, c, 2, 2, 2), DomainError, 'a'); // another arena's arrays
    const small = be.arena([16, 16, 16], 2);
    expectTyped(() => small.gemmABt(small.arrays[0], small.arrays[1], small.arrays[2], 4, 4, 4), ShapeError, 'b');
  });
});

describe('a GD step is bit-identical on every backend', () => {
  it('Z, u, loss and G at odd sizes', () => {
    for (const [n, d, m] of [[7, 5, 9], [13, 3, 33], [32, 16, 64]]) {
      const r = rng(`backend/${n}/${d}/${m}`);
      const { X, y } = sphereDataset(r.stream('data'), n, d);
      const p = initTwoLayer(r.stream('init'), m, d);
      const out = backends.map((be) => {
        const ws = twoLayerWorkspace(n, m, d, be);
        expect(ws.kernels.name).toBe(be.name);
        forwardInto(p, X, ws);
        const loss = backwardInto(p, X, y, ws);
        return { Z: Array.from(ws.Z), u: Array.from(ws.u), G: Array.from(ws.G.data), loss };
      });
      for (const o of out.slice(1)) expect(o).toEqual(out[0]);
    }
  });
});
