/**
 * src/core/backend.ts: selection (GD_BACKEND, read once at import; the auto size threshold), the
 * kernels of every backend against textbook products bit for bit at every remainder size (4-row
 * blocks, 4-wide panels, the last panel 2 or 4 wide; outputs pre-filled with NaN, sentinels past the
 * end), typed errors of every argument check (class and the argument named), the wasm arena's
 * layout, limits and membership checks, and bit-identity of a GD step across backends (the
 * randomized agreement claim is properties/kernels/backend-agreement.property.ts). What a backend
 * does with non-finite operands is not promised (backend.ts: the backends differ there) and is not
 * tested. (docs/mutation-backend.md: the mutants these tests kill.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type KernelArena, type KernelBackend, WASM_MIN_WORK, backendByName, backendInfo, jsBackend, jsRefBackend, packedLength,
  selectBackend, wasmBackend, workLength,
} from '../src/core/backend.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { type Rng, rng } from '../src/core/rng.ts';
import { sphereDataset } from '../src/data/sphere.ts';
import { backwardInto, forwardInto, initTwoLayer, twoLayerWorkspace } from '../src/models/two-layer.ts';
import { expectTyped } from './helpers.ts';

const backends: KernelBackend[] = [jsRefBackend, jsBackend, ...(wasmBackend ? [wasmBackend] : [])];
const named = backends.map((b) => [b.name, b] as const);

/** Extra entries past the needed length of every array: inputs get values there, outputs a sentinel. */
const EXTRA = 3;
const SENTINEL = 12345.5;

/** Entry-wise Object.is (NaN equals NaN, +0 differs from −0). */
function expectBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`${what}[${i}]: got ${Object.is(got[i], -0) ? '-0' : got[i]}, want ${Object.is(want[i], -0) ? '-0' : want[i]}`);
  }
}

/** A value for a random operand: often exactly +0, sometimes −0. */
function entry(r: Rng, zeros: number): number {
  const u = r.uniform();
  if (u < zeros) return 0;
  if (u < zeros + 0.05) return -0;
  return r.uniformIn(-2, 2);
}

function fillInput(x: Float64Array, len: number, r: Rng, zeros: number): void {
  for (let i = 0; i < len; i++) x[i] = entry(r, zeros);
  for (let i = len; i < x.length; i++) x[i] = 1 + r.uniform(); // positive: read past the end, it changes sums
}

function poison(x: Float64Array, len: number): void {
  x.fill(NaN, 0, len);
  x.fill(SENTINEL, len);
}

function expectOut(x: Float64Array, want: number[], what: string): void {
  expectBits(Array.from(x.subarray(0, want.length)), want, what);
  expectBits(Array.from(x.subarray(want.length)), new Array<number>(x.length - want.length).fill(SENTINEL), `${what} (past the end)`);
}

// The textbook products, in the order the kernels promise (t ascending, rows ascending from +0).
function refABt(a: Float64Array, b: Float64Array, p: number, q: number, k: number): number[] {
  const c: number[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
    c.push(s);
  }
  return c;
}
function refAB(a: ArrayLike<number>, b: Float64Array, p: number, q: number, k: number): number[] {
  const c: number[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * q + j];
    c.push(s);
  }
  return c;
}
function refRelu(z: ArrayLike<number>, w: Float64Array, p: number, q: number): number[] {
  const out = new Array<number>(q).fill(0);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) if (z[i * q + j] > 0) out[j] += w[i] * z[i * q + j];
  return out;
}
function refMask(z: Float64Array, w: Float64Array, v: Float64Array, p: number, q: number): number[] {
  const c: number[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) c.push(z[i * q + j] >= 0 ? w[i] * v[j] : 0);
  return c;
}

describe('every backend equals the textbook products bit for bit at every remainder size', () => {
  it.each(named)('%s', (_, be) => {
    const r = rng('backend/sweep');
    for (const k of [1, 2, 3, 5]) for (let p = 1; p <= 9; p++) for (let q = 1; q <= 9; q++) {
      const E = EXTRA;
      const ar = be.arena([p * k + E, q * k + E, k * q + E, p * q + E, p * q + E, p + E, q + E, q + E, p * k + E, k + E, p * q + E, p * k + E, p * q + E, q + E],
        workLength(q, k));
      const [a, bT, bR, c, z, w, out, v, zK, vK, g, cs, zr, out2] = ar.arrays;
      const tag = `${be.name} p=${p} q=${q} k=${k}`;
      fillInput(a, p * k, r, 0.4);
      fillInput(bT, q * k, r, 0.1);
      fillInput(bR, k * q, r, 0.1);
      fillInput(z, p * q, r, 0.2);
      fillInput(w, p, r, 0.1);
      fillInput(v, q, r, 0.1);
      fillInput(zK, p * k, r, 0.3);
      fillInput(vK, k, r, 0.1);

      poison(c, p * q);
      ar.gemmABt(a, bT, c, p, q, k);
      expectOut(c, refABt(a, bT, p, q, k), `${tag} gemmABt`);

      poison(c, p * q);
      ar.gemmAB(a, bR, c, p, q, k);
      expectOut(c, refAB(a, bR, p, q, k), `${tag} gemmAB`);

      poison(out, q);
      ar.reluColSum(z, w, out, p, q);
      expectOut(out, refRelu(z, w, p, q), `${tag} reluColSum`);

      poison(c, p * q);
      ar.maskOuter(z, w, v, c, p, q);
      expectOut(c, refMask(z, w, v, p, q), `${tag} maskOuter`);

      poison(zr, p * q);
      poison(out2, q);
      ar.gemmABtRelu(a, bT, zr, w, out2, p, q, k);
      const zWant = refABt(a, bT, p, q, k);
      expectOut(zr, zWant, `${tag} gemmABtRelu z`);
      expectOut(out2, refRelu(zWant, w, p, q), `${tag} gemmABtRelu out`);

      poison(g, p * q);
      cs.fill(NaN);
      ar.maskedGemmAB(zK, w, vK, bR, g, cs, p, q, k);
      expectOut(g, refAB(refMask(zK, w, vK, p, k), bR, p, q, k), `${tag} maskedGemmAB`);
    }
  });

  it.each(named)('%s: maskOuter may write over z itself (c = z)', (_, be) => {
    const ar = be.arena([6, 2, 3]);
    const [z, w, v] = ar.arrays;
    z.set([1, -1, 0, -0, NaN, 2]);
    w.set([2, 3]);
    v.set([1, 10, 100]);
    ar.maskOuter(z, w, v, z, 2, 3);
    expectBits(Array.from(z), [2, 0, 200, 3, 0, 300], 'in place');
  });
});

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

  it('backends carry their names; under auto the threshold is exactly WASM_MIN_WORK; backendInfo says how wasm was obtained', () => {
    expect([jsRefBackend.name, jsBackend.name, wasmBackend?.name]).toEqual(['js-ref', 'js', 'wasm']);
    const info = backendInfo();
    if (info.requested === 'auto' && wasmBackend !== null) {
      expect(selectBackend(WASM_MIN_WORK - 1)).toBe(jsBackend);
      expect(selectBackend(WASM_MIN_WORK)).toBe(wasmBackend);
      expect(info.wasm).toMatch(/^available \((built|cache)\)$/);
    }
  });

  it('packs B into 4-wide panels, the last 2 or 4 wide', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((q) => packedLength(q, 3))).toEqual([6, 6, 12, 12, 18, 18, 24, 24]);
  });
});

describe('GD_BACKEND, read once when backend.ts is imported', () => {
  const saved = process.env.GD_BACKEND;
  type Mod = typeof import('../src/core/backend.ts');

  afterEach(() => {
    if (saved === undefined) delete process.env.GD_BACKEND;
    else process.env.GD_BACKEND = saved;
    vi.doUnmock('../src/core/backend-wasm.ts');
    vi.resetModules();
  });

  async function load(env: string | undefined): Promise<Mod> {
    if (env === undefined) delete process.env.GD_BACKEND;
    else process.env.GD_BACKEND = env;
    vi.resetModules();
    return import('../src/core/backend.ts');
  }

  /** The error an import throws (errors.ts is re-imported too, so compare by name). */
  async function importError(env: string): Promise<{ name: string; argument: string }> {
    try {
      await load(env);
    } catch (e) {
      const x = e as DomainError;
      return { name: x.name, argument: x.argument };
    }
    throw new Error(`importing with GD_BACKEND=${env} did not throw`);
  }

  it('rejects an unknown name with a DomainError naming GD_BACKEND', async () => {
    expect(await importError('gpu')).toEqual({ name: 'DomainError', argument: 'GD_BACKEND' });
  });

  it('js-ref, js and wasm force that backend at every size (trimmed, any case)', async () => {
    const r = await load(' JS-Ref ');
    expect(r.backendInfo().requested).toBe('js-ref');
    expect([r.selectBackend(1).name, r.selectBackend(10 * WASM_MIN_WORK).name]).toEqual(['js-ref', 'js-ref']);
    const j = await load('js');
    expect([j.selectBackend(1).name, j.selectBackend(10 * WASM_MIN_WORK).name]).toEqual(['js', 'js']);
    const w = await load('wasm');
    expect([w.selectBackend(1).name, w.selectBackend(10 * WASM_MIN_WORK).name]).toEqual(['wasm', 'wasm']);
    const a = await load('');
    expect(a.backendInfo().requested).toBe('auto');
    expect([a.selectBackend(1).name, a.selectBackend(10 * WASM_MIN_WORK).name]).toEqual(['js', 'wasm']);
  });

  // A fresh import evaluates the module-level backend objects inside a test, so Stryker counts their
  // mutants as covered by this block (not as static): pin what those objects are here too.
  it('a fresh import builds the same backend objects: flags, scratch rows, arenas and the arena size limit', async () => {
    const m = await load('');
    expect([m.jsRefBackend.copiesInputs, m.jsBackend.copiesInputs, m.wasmBackend?.copiesInputs]).toEqual([false, false, true]);
    expect([m.jsRefBackend.maskScratchRows(7), m.jsBackend.maskScratchRows(7), m.wasmBackend?.maskScratchRows(7)]).toEqual([7, 7, 0]);
    for (const be of [m.jsRefBackend, m.jsBackend, m.wasmBackend as NonNullable<typeof m.wasmBackend>]) {
      const ar = be.arena([4, 4, 4, 2, 2, 2, 4], workLength(2, 2));
      expect(ar.name).toBe(be.name);
      const [a, b, c, w, v, out, z] = ar.arrays;
      a.set([1, 2, 3, 4]); b.set([5, 6, 7, 8]); w.set([1, -1]); v.set([3, 4]); z.set([-1, 0, 1, 2]);
      ar.gemmAB(a, b, c, 2, 2, 2);
      expect(Array.from(c)).toEqual([19, 22, 43, 50]);
      ar.gemmABt(a, b, c, 2, 2, 2);
      expect(Array.from(c)).toEqual([17, 23, 39, 53]);
      ar.reluColSum(a, w, out, 2, 2);
      expect(Array.from(out)).toEqual([-2, -2]);
      ar.maskOuter(z, w, v, c, 2, 2);
      expect(Array.from(c)).toEqual([0, 4, -3, -4]);
    }
    const limit = 2 ** 31 - 65536;
    const wasm = m.wasmBackend as NonNullable<typeof m.wasmBackend>;
    // errors.ts was re-imported with the module, so its DomainError is another class: compare by name
    let thrown: unknown = null;
    try { wasm.arena([limit / 8 + 2]); } catch (e) { thrown = e; }
    expect([(thrown as DomainError)?.name, (thrown as DomainError)?.argument]).toEqual(['DomainError', 'lengths']);
    expect(wasm.arena([limit / 8]).arrays[0].buffer.byteLength).toBe(limit);
  });

  it('without a wasm module: GD_BACKEND=wasm fails at import, auto falls back to js', async () => {
    vi.doMock('../src/core/backend-wasm.ts', () => ({ buildGemmModule: async () => ({ module: null, note: 'no SIMD here' }) }));
    expect(await importError('wasm')).toEqual({ name: 'DomainError', argument: 'GD_BACKEND' });
    const a = await load(undefined);
    expect(a.wasmBackend).toBeNull();
    expect(a.backendByName('wasm')).toBeNull();
    expect(a.selectBackend(10 * WASM_MIN_WORK).name).toBe('js');
    expect(a.backendInfo()).toEqual({ requested: 'auto', wasm: 'unavailable (no SIMD here)' });
  });
});
describe.each(named)('%s kernels: a small product', (_, be) => {
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

describe.each(named)('%s kernels: every argument check names the argument', (_, be) => {
  const fresh = (): KernelArena => be.arena([64, 64, 64, 64, 64, 64, 64], workLength(8, 8));

  it('sizes must be positive integers', () => {
    const ar = fresh();
    const [a, b, c] = ar.arrays;
    expectTyped(() => ar.gemmABt(a, b, c, 0, 2, 2), DomainError, 'p');
    expectTyped(() => ar.gemmAB(a, b, c, 2, 2.5, 2), DomainError, 'q');
    for (const k of [0, -1, 1.5, NaN]) {
      expectTyped(() => ar.gemmABt(a, b, c, 2, 2, k), DomainError, 'k');
      expectTyped(() => ar.maskedGemmAB(a, b, c, ar.arrays[3], ar.arrays[4], ar.arrays[5], 2, 2, k), DomainError, 'k');
    }
    expectTyped(() => ar.gemmAB(a, b, c, 2, 2, -1), DomainError, 'k');
    expectTyped(() => ar.reluColSum(a, b, c, 2, 0), DomainError, 'q');
    expectTyped(() => ar.maskOuter(a, b, c, ar.arrays[3], 0, 2), DomainError, 'p');
  });

  it('operands must be Float64Arrays', () => {
    const ar = fresh();
    const [a, b, c, d] = ar.arrays;
    const plain = new Array<number>(64).fill(1) as unknown as Float64Array;
    expectTyped(() => ar.gemmABt(plain, b, c, 2, 2, 2), ShapeError, 'a');
    expectTyped(() => ar.gemmAB(a, plain, c, 2, 2, 2), ShapeError, 'b');
    expectTyped(() => ar.reluColSum(a, b, plain, 2, 2), ShapeError, 'out');
    expectTyped(() => ar.maskOuter(a, b, plain, d, 2, 2), ShapeError, 'v');
    expectTyped(() => ar.gemmABtRelu(a, b, c, plain, d, 2, 2, 2), ShapeError, 'w');
    expectTyped(() => ar.maskedGemmAB(a, b, ar.arrays[5], c, d, plain, 2, 2, 2), ShapeError, 'c');
  });

  it('short operands name the argument, its length and the need', () => {
    const ar = fresh();
    const [A, B, C, D, E] = ar.arrays;
    // gemm: p = 2, q = 3, k = 2 (a needs 4, b 6, c 6)
    expectTyped(() => ar.gemmABt(A.subarray(0, 3), B, C, 2, 3, 2), ShapeError, 'a');
    expectTyped(() => ar.gemmABt(A, B.subarray(0, 5), C, 2, 3, 2), ShapeError, 'b');
    expectTyped(() => ar.gemmAB(A, B.subarray(0, 5), C, 2, 3, 2), ShapeError, 'b');
    expectTyped(() => ar.gemmAB(A, B, C.subarray(0, 5), 2, 3, 2), ShapeError, 'c');
    expectTyped(() => ar.gemmABt(A, B, C.subarray(0, 5), 2, 3, 2), ShapeError, 'c');
    // reluColSum: p = 2, q = 3 (z needs 6, w 2, out 3)
    expectTyped(() => ar.reluColSum(A.subarray(0, 5), B, C, 2, 3), ShapeError, 'z');
    expectTyped(() => ar.reluColSum(A, B.subarray(0, 1), C, 2, 3), ShapeError, 'w');
    expectTyped(() => ar.reluColSum(A, B, C.subarray(0, 2), 2, 3), ShapeError, 'out');
    // maskOuter: p = 2, q = 3 (z 6, w 2, v 3, c 6)
    expectTyped(() => ar.maskOuter(A.subarray(0, 5), B, C, D, 2, 3), ShapeError, 'z');
    expectTyped(() => ar.maskOuter(A, B.subarray(0, 1), C, D, 2, 3), ShapeError, 'w');
    expectTyped(() => ar.maskOuter(A, B, C.subarray(0, 2), D, 2, 3), ShapeError, 'v');
    expectTyped(() => ar.maskOuter(A, B, C, D.subarray(0, 5), 2, 3), ShapeError, 'c');
    // maskedGemmAB: p = 2, q = 3, k = 2 (w needs 2, v 2)
    expectTyped(() => ar.maskedGemmAB(A, B.subarray(0, 1), C, D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'w');
    expectTyped(() => ar.maskedGemmAB(A, B, C.subarray(0, 1), D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'v');
    // the fused kernels name z and g as the caller passed them (on every backend)
    expectTyped(() => ar.maskedGemmAB(A.subarray(0, 3), B, C, D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'z');
    expectTyped(() => ar.maskedGemmAB(A.subarray(0, 3), B, C, D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'z');
    expectTyped(() => ar.maskedGemmAB(A, B, C, D, E.subarray(0, 5), ar.arrays[5], 2, 3, 2), ShapeError, 'g');
    expectTyped(() => ar.maskedGemmAB(A, B, C, D, E.subarray(0, 5), ar.arrays[5], 2, 3, 2), ShapeError, 'g');
    expectTyped(() => ar.gemmABtRelu(A, B, C.subarray(0, 5), D, E, 2, 3, 2), ShapeError, 'z');
    expectTyped(() => ar.gemmABtRelu(A.subarray(0, 3), B, C, D, E, 2, 3, 2), ShapeError, 'a');
    expectTyped(() => ar.gemmABtRelu(A, B, C.subarray(0, 5), D, E, 2, 3, 2), ShapeError, 'z');
  });

  it('an output may not overlap an input, down to one shared entry', () => {
    const ar = be.arena([16, 16, 16, 16], workLength(4, 4));
    const [x, y, u, s] = ar.arrays;
    // c = x[4..8), a = x[0..4) or x[8..12): adjacent, allowed; one entry more overlaps
    ar.gemmABt(x.subarray(0, 4), y, x.subarray(4, 8), 2, 2, 2);
    ar.gemmABt(x.subarray(8, 12), y, x.subarray(4, 8), 2, 2, 2);
    expectTyped(() => ar.gemmABt(x.subarray(0, 5), y, x.subarray(4, 8), 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmAB(x.subarray(7, 12), y, x.subarray(4, 8), 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmAB(y, x.subarray(7, 12), x.subarray(4, 8), 2, 2, 2), DomainError, 'c');
    // reluColSum: out against z and w
    expectTyped(() => ar.reluColSum(x, y, x.subarray(15, 16), 1, 1), DomainError, 'out');
    expectTyped(() => ar.reluColSum(x, y, y.subarray(0, 2), 2, 2), DomainError, 'out');
    // maskOuter: c against w and v (c = z is allowed)
    expectTyped(() => ar.maskOuter(x, y.subarray(3, 5), u, y.subarray(0, 4), 2, 2), DomainError, 'c');
    expectTyped(() => ar.maskOuter(x, y, u.subarray(2, 4), u.subarray(3, 7), 2, 2), DomainError, 'c');
    // gemmABtRelu on wasm: out against a and b too (one sweep reads a and b while it writes out;
    // JS runs gemmABt before it writes out, so an overlap is harmless there)
    if (be.name !== 'wasm') return;
    expectTyped(() => ar.gemmABtRelu(x.subarray(0, 4), y, u, s, x.subarray(3, 5), 2, 2, 2), DomainError, 'out');
    expectTyped(() => ar.gemmABtRelu(x.subarray(8, 12), y.subarray(0, 4), u, s, y.subarray(3, 5), 2, 2, 2), DomainError, 'out');
  });

  it('arena lengths must be integers ≥ 0', () => {
    for (const bad of [-1, 1.5, NaN]) {
      expectTyped(() => be.arena([4, bad]), DomainError, 'lengths');
    }
    const ar = be.arena([0, 3, 1]);
    expect(ar.arrays.map((x) => x.length)).toEqual([0, 3, 1]);
    expect(ar.arrays.every((x) => x.every((v) => v === 0))).toBe(true);
  });

  it('input rejects a non-Float64Array, naming src', () => {
    const ar = fresh();
    expectTyped(() => ar.input([1, 2] as unknown as Float64Array, ar.arrays[0]), ShapeError, 'src');
  });
});

describe('JS backends: the fused backward pass checks its scratch first', () => {
  it.each(named.filter(([n]) => n !== 'wasm'))('%s', (_, be) => {
    const ar = be.arena([16, 16, 16, 16, 16, 16]);
    const [z, w, v, b, g, c] = ar.arrays;
    // p = 2, q = 3, k = 2: the scratch c needs p·k = 4
    expectTyped(() => ar.maskedGemmAB(z, w, v, b, g, c.subarray(0, 3), 2, 3, 2), ShapeError, 'c');
    // z, b and g are checked (under their own names) before the scratch
    expectTyped(() => ar.maskedGemmAB(z.subarray(0, 3), w, v, b, g, c.subarray(0, 3), 2, 3, 2), ShapeError, 'z');
    // the scratch may overlap neither z nor b
    expectTyped(() => ar.maskedGemmAB(z, w, v, b, g, z.subarray(3, 8), 2, 3, 2), DomainError, 'c');
    expectTyped(() => ar.maskedGemmAB(z, w, v, b, g, b.subarray(5, 10), 2, 3, 2), DomainError, 'c');
    expect(be.maskScratchRows(7)).toBe(7);
    expect(be.copiesInputs).toBe(false);
    // JS arenas ignore packDoubles and read any Float64Array
    const outside = Float64Array.of(1, 2);
    expect(be.arena([2], 5).input(outside, new Float64Array(0))).toBe(outside);
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

describe.runIf(wasmBackend !== null)('wasm arenas: layout, size limits and arena membership', () => {
  const be = wasmBackend as KernelBackend;
  const PAGE = 65536;
  const MAX = 2 ** 31 - PAGE;

  it('lay arrays out 16-byte aligned, in order, and size the memory in whole pages', () => {
    const ar = be.arena([3, 1, 2, 0, 5]);
    expect(ar.arrays.map((x) => x.byteOffset)).toEqual([0, 32, 48, 64, 64]);
    expect(ar.arrays.map((x) => x.length)).toEqual([3, 1, 2, 0, 5]);
    expect(be.arena([]).arrays).toEqual([]);
    const bytes = (lengths: number[], pack?: number): number => {
      const a = be.arena([0, ...lengths], pack);
      return a.arrays[0].buffer.byteLength;
    };
    expect(bytes([])).toBe(PAGE);
    expect(bytes([8192])).toBe(PAGE);
    expect(bytes([8190], 2)).toBe(PAGE);
    expect(bytes([8191], 1)).toBe(2 * PAGE); // 8191 is padded to 8192 before the work region
    expect(bytes([8193])).toBe(2 * PAGE);
    expect(bytes([8191], 2)).toBe(2 * PAGE);
    expect(bytes([], 8193)).toBe(2 * PAGE);
    expect(bytes([8191, 1])).toBe(2 * PAGE); // 8191 is padded to 8192
    expect(be.maskScratchRows(7)).toBe(0);
    expect(be.copiesInputs).toBe(true);
  });

  it('packDoubles is an integer ≥ 0 (0 by default)', () => {
    for (const bad of [-1, 1.5, NaN]) {
      expectTyped(() => be.arena([4], bad), DomainError, 'packDoubles');
    }
    expect(be.arena([4], 0).arrays[0].length).toBe(4);
    expect(be.arena([4]).arrays[0].length).toBe(4);
  });

  it('stops at the 32-bit offset limit, counting the work region', () => {
    const n = MAX / 8;
    expect(be.arena([n]).arrays[0].buffer.byteLength).toBe(MAX);
    expect(be.arena([n - 2], 2).arrays[0].buffer.byteLength).toBe(MAX);
    expectTyped(() => be.arena([n + 1]), DomainError, 'lengths');
    expectTyped(() => be.arena([n - 2], 3), DomainError, 'lengths');
  });

  it('the work region must hold workLength(q, k), else a ShapeError naming b', () => {
    expect([packedLength(5, 3), workLength(5, 3), workLength(8, 2), workLength(1, 1)]).toEqual([18, 30, 24, 6]);
    const exact = be.arena([6, 15, 10], workLength(5, 3));
    const [a, b, c] = exact.arrays;
    b.set(Array.from({ length: 15 }, (_, i) => i + 1));
    a.set([1, 0, 0, 0, 1, 0]);
    exact.gemmABt(a, b, c, 2, 5, 3); // fits exactly
    expect(Array.from(c)).toEqual([1, 4, 7, 10, 13, 2, 5, 8, 11, 14]);
    const short = be.arena([6, 15, 10, 4, 5], workLength(5, 3) - 1);
    const [sa, sb, sc, sw, sv] = short.arrays;
    expectTyped(() => short.gemmABt(sa, sb, sc, 2, 5, 3), ShapeError, 'b');
    expectTyped(() => short.gemmAB(sa, sb, sc, 2, 5, 3), ShapeError, 'b');
    expectTyped(() => short.gemmABtRelu(sa, sb, sc, sw, sv, 2, 5, 3), ShapeError, 'b');
    expectTyped(() => short.maskedGemmAB(sa, sw, sv, sb, sc, new Float64Array(0), 2, 5, 3), ShapeError, 'b');
  });

  it('every kernel names the argument that is not in the arena', () => {
    const ar = be.arena([16, 16, 16, 16, 16, 16], workLength(4, 4));
    const [A, B, C, D, E, F] = ar.arrays;
    const out = (): Float64Array => new Float64Array(16);
    expectTyped(() => ar.gemmABt(A, B, out(), 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmABt(A, out(), C, 2, 2, 2), DomainError, 'b');
    expectTyped(() => ar.gemmAB(out(), B, C, 2, 2, 2), DomainError, 'a');
    expectTyped(() => ar.gemmAB(A, B, out(), 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmAB(A, out(), C, 2, 2, 2), DomainError, 'b');
    expectTyped(() => ar.reluColSum(out(), B, C, 2, 2), DomainError, 'z');
    expectTyped(() => ar.reluColSum(A, out(), C, 2, 2), DomainError, 'w');
    expectTyped(() => ar.reluColSum(A, B, out(), 2, 2), DomainError, 'out');
    expectTyped(() => ar.maskOuter(out(), B, C, D, 2, 2), DomainError, 'z');
    expectTyped(() => ar.maskOuter(A, out(), C, D, 2, 2), DomainError, 'w');
    expectTyped(() => ar.maskOuter(A, B, out(), D, 2, 2), DomainError, 'v');
    expectTyped(() => ar.maskOuter(A, B, C, out(), 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmABtRelu(out(), B, C, D, E, 2, 2, 2), DomainError, 'a');
    expectTyped(() => ar.gemmABtRelu(A, out(), C, D, E, 2, 2, 2), DomainError, 'b');
    expectTyped(() => ar.gemmABtRelu(A, B, out(), D, E, 2, 2, 2), DomainError, 'z');
    expectTyped(() => ar.gemmABtRelu(A, B, C, out(), E, 2, 2, 2), DomainError, 'w');
    expectTyped(() => ar.gemmABtRelu(A, B, C, D, out(), 2, 2, 2), DomainError, 'out');
    expectTyped(() => ar.maskedGemmAB(out(), B, C, D, E, F, 2, 2, 2), DomainError, 'z');
    expectTyped(() => ar.maskedGemmAB(A, out(), C, D, E, F, 2, 2, 2), DomainError, 'w');
    expectTyped(() => ar.maskedGemmAB(A, B, out(), D, E, F, 2, 2, 2), DomainError, 'v');
    expectTyped(() => ar.maskedGemmAB(A, B, C, out(), E, F, 2, 2, 2), DomainError, 'b');
    expectTyped(() => ar.maskedGemmAB(A, B, C, D, out(), F, 2, 2, 2), DomainError, 'g');
    // the scratch c is not used on wasm: any Float64Array, even an empty one from elsewhere
    ar.maskedGemmAB(A, B, C, D, E, new Float64Array(0), 2, 2, 2);
  });

  it('the fused backward pass keeps g off w and v', () => {
    const ar = be.arena([16, 16, 16, 16], workLength(2, 2));
    const [z, x, b, y] = ar.arrays;
    // p = 2, q = 2, k = 2: g needs 4, w 2, v 2
    expectTyped(() => ar.maskedGemmAB(z, x.subarray(3, 5), y, b, x.subarray(0, 4), y, 2, 2, 2), DomainError, 'g');
    expectTyped(() => ar.maskedGemmAB(z, y, x.subarray(0, 2), b, x.subarray(1, 5), y, 2, 2, 2), DomainError, 'g');
  });

  it('input copies into a slot of the same length that is in the arena, naming slot', () => {
    const ar = be.arena([4, 4]);
    expectTyped(() => ar.input(Float64Array.of(1, 2, 3, 4), ar.arrays[0].subarray(0, 1)), ShapeError, 'slot');
    expectTyped(() => ar.input(Float64Array.of(1), new Float64Array(1)), DomainError, 'slot');
  });
});

describe('a GD step is bit-identical on every backend', () => {
  it('Z, u, loss and G at odd sizes', () => {
    for (const [n, d, m] of [[3, 2, 4], [7, 5, 9], [13, 3, 33], [32, 16, 64]]) {
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
