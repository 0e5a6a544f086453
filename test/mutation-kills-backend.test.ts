/**
 * Mutation kills for src/core/backend.ts (docs/mutation-backend.md): every backend against a
 * textbook reference, bit for bit, at every remainder size (4-row blocks, 4-wide panels, the last
 * panel 2 or 4 wide), with garbage (NaN) in the outputs before a call and sentinels past the end of
 * longer-than-needed arrays; the non-finite behaviour each backend has today (pinned, see the doc);
 * every argument check's error class, argument and message; the wasm arena's layout, limits and
 * arena-membership checks; and GD_BACKEND, read once at import (re-imported here with vi.resetModules).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type KernelArena, type KernelBackend, WASM_MIN_WORK, backendByName, backendInfo, jsBackend, jsRefBackend, packedLength,
  selectBackend, wasmBackend, workLength,
} from '../src/core/backend.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { type Rng, rng } from '../src/core/rng.ts';
import { caught, expectTyped } from './helpers.ts';

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
    const r = rng('mutation-kills-backend/sweep');
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

describe('non-finite operands: what each backend does today (pinned; the backends differ, see docs/mutation-backend.md)', () => {
  // js-ref skips a zero coefficient's axpy, so 0·∞ never appears; js skips it except inside a 4-row
  // block with ≥ 3 nonzero coefficients at that t (its dense path); wasm multiplies through (NaN).
  function zeroRowEntry(name: string, pattern: number[], row: number): number {
    if (name === 'wasm') return NaN;
    if (name === 'js-ref' || row >= 4) return 0;
    const nz = pattern.slice(0, 4).filter((x) => x !== 0).length;
    return nz >= 3 ? NaN : 0;
  }

  it.each(named)('%s gemmAB: a zero coefficient against an infinite b', (_, be) => {
    for (const p of [4, 5]) for (let mask = 0; mask < 1 << p; mask++) {
      const pattern = Array.from({ length: p }, (_, i) => ((mask >> i) & 1 ? (i % 2 ? -1.5 : 2) : 0));
      const ar = be.arena([p, 2, 2 * p], workLength(2, 1));
      const [a, b, c] = ar.arrays;
      a.set(pattern);
      b.set([Infinity, 1]);
      c.fill(NaN);
      ar.gemmAB(a, b, c, p, 2, 1);
      const want = pattern.flatMap((x, i) => [x !== 0 ? x * Infinity : zeroRowEntry(be.name, pattern, i), x]);
      expectBits(Array.from(c), want, `${be.name} p=${p} pattern ${pattern.join(',')}`);
    }
  });

  it.each(named)('%s reluColSum: an infinite weight on a row whose z is 0, −0 or negative', (_, be) => {
    for (const p of [4, 5]) for (let row = 0; row < p; row++) for (const zero of [0, -0, -1]) {
      const ar = be.arena([p * 2, p, 2]);
      const [z, w, out] = ar.arrays;
      for (let i = 0; i < p; i++) { z[2 * i] = i === row ? zero : 1; z[2 * i + 1] = 1; w[i] = i === row ? Infinity : 1; }
      out.fill(NaN);
      ar.reluColSum(z, w, out, p, 2);
      expectBits(Array.from(out), [be.name === 'wasm' ? NaN : p - 1, Infinity], `${be.name} p=${p} row=${row} z=${zero}`);
    }
  });
});

describe.each(named)('%s argument checks: class, argument and message', (_, be) => {
  const fresh = (): KernelArena => be.arena([64, 64, 64, 64, 64, 64, 64], workLength(8, 8));

  it('sizes must be positive integers', () => {
    const ar = fresh();
    const [a, b, c] = ar.arrays;
    expect(caught(() => ar.gemmABt(a, b, c, 0, 2, 2)).message).toBe('p must be a positive integer, got 0');
    expect(caught(() => ar.gemmAB(a, b, c, 2, 2.5, 2)).message).toBe('q must be a positive integer, got 2.5');
    for (const k of [0, -1, 1.5, NaN]) {
      expectTyped(() => ar.gemmABt(a, b, c, 2, 2, k), DomainError, 'k');
      expectTyped(() => ar.maskedGemmAB(a, b, c, ar.arrays[3], ar.arrays[4], ar.arrays[5], 2, 2, k), DomainError, 'k');
    }
    expect(caught(() => ar.gemmAB(a, b, c, 2, 2, -1)).message).toBe('k must be a positive integer, got -1');
    expectTyped(() => ar.reluColSum(a, b, c, 2, 0), DomainError, 'q');
    expectTyped(() => ar.maskOuter(a, b, c, ar.arrays[3], 0, 2), DomainError, 'p');
  });

  it('operands must be Float64Arrays', () => {
    const ar = fresh();
    const [a, b, c, d] = ar.arrays;
    const plain = new Array<number>(64).fill(1) as unknown as Float64Array;
    const e = caught(() => ar.gemmABt(plain, b, c, 2, 2, 2));
    expect(e).toBeInstanceOf(ShapeError);
    expect([e.argument, e.message]).toEqual(['a', 'a must be a Float64Array']);
    expectTyped(() => ar.gemmAB(a, plain, c, 2, 2, 2), ShapeError, 'b');
    expectTyped(() => ar.reluColSum(a, b, plain, 2, 2), ShapeError, 'out');
    expectTyped(() => ar.maskOuter(a, b, plain, d, 2, 2), ShapeError, 'v');
    expectTyped(() => ar.gemmABtRelu(a, b, c, plain, d, 2, 2, 2), ShapeError, 'w');
    const m = caught(() => ar.maskedGemmAB(a, b, ar.arrays[5], c, d, plain, 2, 2, 2));
    expect(m).toBeInstanceOf(ShapeError);
    expect([m.argument, m.message]).toEqual(['c', 'c must be a Float64Array']);
  });

  it('short operands name the argument, its length and the need', () => {
    const ar = fresh();
    const [A, B, C, D, E] = ar.arrays;
    // gemm: p = 2, q = 3, k = 2 (a needs 4, b 6, c 6)
    const s1 = caught(() => ar.gemmABt(A.subarray(0, 3), B, C, 2, 3, 2));
    expect(s1).toBeInstanceOf(ShapeError);
    expect([s1.argument, s1.message]).toEqual(['a', 'a has length 3, needs ≥ 4']);
    expect(caught(() => ar.gemmABt(A, B.subarray(0, 5), C, 2, 3, 2)).message).toBe('b has length 5, needs ≥ 6');
    expectTyped(() => ar.gemmAB(A, B.subarray(0, 5), C, 2, 3, 2), ShapeError, 'b');
    expect(caught(() => ar.gemmAB(A, B, C.subarray(0, 5), 2, 3, 2)).message).toBe('c has length 5, needs ≥ 6');
    expectTyped(() => ar.gemmABt(A, B, C.subarray(0, 5), 2, 3, 2), ShapeError, 'c');
    // reluColSum: p = 2, q = 3 (z needs 6, w 2, out 3)
    expectTyped(() => ar.reluColSum(A.subarray(0, 5), B, C, 2, 3), ShapeError, 'z');
    expectTyped(() => ar.reluColSum(A, B.subarray(0, 1), C, 2, 3), ShapeError, 'w');
    expectTyped(() => ar.reluColSum(A, B, C.subarray(0, 2), 2, 3), ShapeError, 'out');
    // maskOuter: p = 2, q = 3 (z 6, w 2, v 3, c 6)
    expectTyped(() => ar.maskOuter(A.subarray(0, 5), B, C, D, 2, 3), ShapeError, 'z');
    expectTyped(() => ar.maskOuter(A, B.subarray(0, 1), C, D, 2, 3), ShapeError, 'w');
    expectTyped(() => ar.maskOuter(A, B, C.subarray(0, 2), D, 2, 3), ShapeError, 'v');
    expect(caught(() => ar.maskOuter(A, B, C, D.subarray(0, 5), 2, 3)).message).toBe('c has length 5, needs ≥ 6');
    // maskedGemmAB: p = 2, q = 3, k = 2 (w needs 2, v 2)
    expectTyped(() => ar.maskedGemmAB(A, B.subarray(0, 1), C, D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'w');
    expectTyped(() => ar.maskedGemmAB(A, B, C.subarray(0, 1), D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'v');
    // the fused kernels name z and g as the caller passed them (on every backend)
    expect(caught(() => ar.maskedGemmAB(A.subarray(0, 3), B, C, D, E, ar.arrays[5], 2, 3, 2)).message).toBe('z has length 3, needs ≥ 4');
    expectTyped(() => ar.maskedGemmAB(A.subarray(0, 3), B, C, D, E, ar.arrays[5], 2, 3, 2), ShapeError, 'z');
    expectTyped(() => ar.maskedGemmAB(A, B, C, D, E.subarray(0, 5), ar.arrays[5], 2, 3, 2), ShapeError, 'g');
    expect(caught(() => ar.maskedGemmAB(A, B, C, D, E.subarray(0, 5), ar.arrays[5], 2, 3, 2)).message).toBe('g has length 5, needs ≥ 6');
    expectTyped(() => ar.gemmABtRelu(A, B, C.subarray(0, 5), D, E, 2, 3, 2), ShapeError, 'z');
    expectTyped(() => ar.gemmABtRelu(A.subarray(0, 3), B, C, D, E, 2, 3, 2), ShapeError, 'a');
    expect(caught(() => ar.gemmABtRelu(A, B, C.subarray(0, 5), D, E, 2, 3, 2)).message).toBe('z has length 5, needs ≥ 6');
  });

  it('an output may not overlap an input, down to one shared entry', () => {
    const ar = be.arena([16, 16, 16, 16], workLength(4, 4));
    const [x, y, u, s] = ar.arrays;
    const msg = (name: string): string => `${name} shares memory with an input; the kernel would overwrite its own operand`;
    // c = x[4..8), a = x[0..4) or x[8..12): adjacent, allowed; one entry more overlaps
    ar.gemmABt(x.subarray(0, 4), y, x.subarray(4, 8), 2, 2, 2);
    ar.gemmABt(x.subarray(8, 12), y, x.subarray(4, 8), 2, 2, 2);
    const e1 = caught(() => ar.gemmABt(x.subarray(0, 5), y, x.subarray(4, 8), 2, 2, 2));
    expect(e1).toBeInstanceOf(DomainError);
    expect([e1.argument, e1.message]).toEqual(['c', msg('c')]);
    expectTyped(() => ar.gemmAB(x.subarray(7, 12), y, x.subarray(4, 8), 2, 2, 2), DomainError, 'c');
    expectTyped(() => ar.gemmAB(y, x.subarray(7, 12), x.subarray(4, 8), 2, 2, 2), DomainError, 'c');
    // reluColSum: out against z and w
    expect(caught(() => ar.reluColSum(x, y, x.subarray(15, 16), 1, 1)).message).toBe(msg('out'));
    expectTyped(() => ar.reluColSum(x, y, y.subarray(0, 2), 2, 2), DomainError, 'out');
    // maskOuter: c against w and v (c = z is allowed)
    expectTyped(() => ar.maskOuter(x, y.subarray(3, 5), u, y.subarray(0, 4), 2, 2), DomainError, 'c');
    const e2 = caught(() => ar.maskOuter(x, y, u.subarray(2, 4), u.subarray(3, 7), 2, 2));
    expect([e2.argument, e2.message]).toEqual(['c', msg('c')]);
    // gemmABtRelu on wasm: out against a and b too (one sweep reads a and b while it writes out;
    // JS runs gemmABt before it writes out, so an overlap is harmless there)
    if (be.name !== 'wasm') return;
    expectTyped(() => ar.gemmABtRelu(x.subarray(0, 4), y, u, s, x.subarray(3, 5), 2, 2, 2), DomainError, 'out');
    expectTyped(() => ar.gemmABtRelu(x.subarray(8, 12), y.subarray(0, 4), u, s, y.subarray(3, 5), 2, 2, 2), DomainError, 'out');
  });

  it('arena lengths must be integers ≥ 0', () => {
    for (const bad of [-1, 1.5, NaN]) {
      const e = caught(() => be.arena([4, bad]));
      expect(e).toBeInstanceOf(DomainError);
      expect([e.argument, e.message]).toEqual(['lengths', `array length 1 must be an integer ≥ 0, got ${bad}`]);
    }
    const ar = be.arena([0, 3, 1]);
    expect(ar.arrays.map((x) => x.length)).toEqual([0, 3, 1]);
    expect(ar.arrays.every((x) => x.every((v) => v === 0))).toBe(true);
  });

  it('input rejects a non-Float64Array with the message', () => {
    const ar = fresh();
    const e = caught(() => ar.input([1, 2] as unknown as Float64Array, ar.arrays[0]));
    expect([e.constructor, e.argument, e.message]).toEqual([ShapeError, 'src', 'src must be a Float64Array']);
  });
});

describe('JS backends: the fused backward pass checks its scratch first', () => {
  it.each(named.filter(([n]) => n !== 'wasm'))('%s', (_, be) => {
    const ar = be.arena([16, 16, 16, 16, 16, 16]);
    const [z, w, v, b, g, c] = ar.arrays;
    // p = 2, q = 3, k = 2: the scratch c needs p·k = 4
    const e = caught(() => ar.maskedGemmAB(z, w, v, b, g, c.subarray(0, 3), 2, 3, 2));
    expect([e.constructor, e.argument, e.message]).toEqual([ShapeError, 'c', 'c has length 3, needs ≥ 4']);
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

describe.runIf(wasmBackend !== null)('wasm arenas', () => {
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
      const e = caught(() => be.arena([4], bad));
      expect([e.constructor, e.argument, e.message]).toEqual([DomainError, 'packDoubles', `packDoubles must be an integer ≥ 0, got ${bad}`]);
    }
    expect(be.arena([4], 0).arrays[0].length).toBe(4);
    expect(be.arena([4]).arrays[0].length).toBe(4);
  });

  it('stops at the 32-bit offset limit, counting the work region', () => {
    const n = MAX / 8;
    expect(be.arena([n]).arrays[0].buffer.byteLength).toBe(MAX);
    expect(be.arena([n - 2], 2).arrays[0].buffer.byteLength).toBe(MAX);
    const e = caught(() => be.arena([n + 1]));
    expect([e.constructor, e.argument, e.message]).toEqual([DomainError, 'lengths', `a wasm arena of ${MAX + 16} bytes exceeds the ${MAX}-byte limit of 32-bit offsets`]);
    expectTyped(() => be.arena([n - 2], 3), DomainError, 'lengths');
  });

  it('the work region must hold workLength(q, k), with the need in the message', () => {
    expect([packedLength(5, 3), workLength(5, 3), workLength(8, 2), workLength(1, 1)]).toEqual([18, 30, 24, 6]);
    const exact = be.arena([6, 15, 10], workLength(5, 3));
    const [a, b, c] = exact.arrays;
    b.set(Array.from({ length: 15 }, (_, i) => i + 1));
    a.set([1, 0, 0, 0, 1, 0]);
    exact.gemmABt(a, b, c, 2, 5, 3); // fits exactly
    expect(Array.from(c)).toEqual([1, 4, 7, 10, 13, 2, 5, 8, 11, 14]);
    const short = be.arena([6, 15, 10, 4, 5], workLength(5, 3) - 1);
    const [sa, sb, sc, sw, sv] = short.arrays;
    const e = caught(() => short.gemmABt(sa, sb, sc, 2, 5, 3));
    expect([e.constructor, e.argument, e.message]).toEqual([ShapeError, 'b', 'a gemm with a 3×5 operand needs 30 work doubles; the arena has room for 29']);
    expectTyped(() => short.gemmAB(sa, sb, sc, 2, 5, 3), ShapeError, 'b');
    expectTyped(() => short.gemmABtRelu(sa, sb, sc, sw, sv, 2, 5, 3), ShapeError, 'b');
    expectTyped(() => short.maskedGemmAB(sa, sw, sv, sb, sc, new Float64Array(0), 2, 5, 3), ShapeError, 'b');
  });

  it('every kernel names the argument that is not in the arena', () => {
    const ar = be.arena([16, 16, 16, 16, 16, 16], workLength(4, 4));
    const [A, B, C, D, E, F] = ar.arrays;
    const out = (): Float64Array => new Float64Array(16);
    const e = caught(() => ar.gemmABt(A, B, out(), 2, 2, 2));
    expect([e.constructor, e.argument, e.message]).toEqual([DomainError, 'c', 'c is not an array of this wasm arena; copy it in with input()']);
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
    const e = caught(() => ar.maskedGemmAB(z, x.subarray(3, 5), y, b, x.subarray(0, 4), y, 2, 2, 2));
    expect([e.constructor, e.argument, e.message]).toEqual([DomainError, 'g', 'g shares memory with an input; the kernel would overwrite its own operand']);
    expectTyped(() => ar.maskedGemmAB(z, y, x.subarray(0, 2), b, x.subarray(1, 5), y, 2, 2, 2), DomainError, 'g');
  });

  it('input copies into a slot of the same length, with the lengths in the message', () => {
    const ar = be.arena([4, 4]);
    const e = caught(() => ar.input(Float64Array.of(1, 2, 3, 4), ar.arrays[0].subarray(0, 1)));
    expect([e.constructor, e.argument, e.message]).toEqual([ShapeError, 'slot', 'slot has length 1, src 4']);
    const p = caught(() => ar.input(Float64Array.of(1), new Float64Array(1)));
    expect(p.message).toBe('slot is not an array of this wasm arena; copy it in with input()');
  });
});

describe('selection in this process', () => {
  it('names, thresholds and the build note', () => {
    expect(backendByName('js-ref')).toBe(jsRefBackend);
    expect(backendByName('js')).toBe(jsBackend);
    expect(backendByName('wasm')).toBe(wasmBackend);
    const e = caught(() => backendByName('gpu' as 'js'));
    expect([e.constructor, e.argument, e.message]).toEqual([DomainError, 'name', "unknown backend 'gpu'"]);
    expect([jsRefBackend.name, jsBackend.name, wasmBackend?.name]).toEqual(['js-ref', 'js', 'wasm']);
    const info = backendInfo();
    if (info.requested === 'auto' && wasmBackend !== null) {
      expect(selectBackend(WASM_MIN_WORK - 1)).toBe(jsBackend);
      expect(selectBackend(WASM_MIN_WORK)).toBe(wasmBackend);
      expect(info.wasm).toMatch(/^available \((built|cache)\)$/);
    }
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
  async function importError(env: string): Promise<{ name: string; argument: string; message: string }> {
    try {
      await load(env);
    } catch (e) {
      const x = e as DomainError;
      return { name: x.name, argument: x.argument, message: x.message };
    }
    throw new Error(`importing with GD_BACKEND=${env} did not throw`);
  }

  it('rejects an unknown name, with the raw value in the message', async () => {
    expect(await importError('gpu')).toEqual({
      name: 'DomainError', argument: 'GD_BACKEND', message: "GD_BACKEND must be js, wasm, js-ref or unset, got 'gpu'",
    });
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
    // errors.ts was re-imported with the module, so its DomainError is another class: compare messages
    expect(() => wasm.arena([limit / 8 + 2])).toThrow(
      `a wasm arena of ${limit + 16} bytes exceeds the ${limit}-byte limit of 32-bit offsets`,
    );
  });

  it('without a wasm module: GD_BACKEND=wasm fails at import, auto falls back to js', async () => {
    vi.doMock('../src/core/backend-wasm.ts', () => ({ buildGemmModule: async () => ({ module: null, note: 'no SIMD here' }) }));
    expect(await importError('wasm')).toEqual({
      name: 'DomainError', argument: 'GD_BACKEND', message: 'GD_BACKEND=wasm but the wasm backend is unavailable: no SIMD here',
    });
    const a = await load(undefined);
    expect(a.wasmBackend).toBeNull();
    expect(a.backendByName('wasm')).toBeNull();
    expect(a.selectBackend(10 * WASM_MIN_WORK).name).toBe('js');
    expect(a.backendInfo()).toEqual({ requested: 'auto', wasm: 'unavailable (no SIMD here)' });
  });
});
