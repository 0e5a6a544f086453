/**
 * Tests written to kill mutants that survived `npm run mutation` (docs/mutation.md lists them, and
 * the ones left alive as equivalent). Each test names the code it pins down.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/core/errors.ts';
import { fromRows } from '../src/core/matrix.ts';
import { Rng } from '../src/core/rng.ts';
import { arccosKernel0, gramInfinity } from '../src/kernels/arccos.ts';
import { gramMonteCarlo } from '../src/kernels/monte-carlo.ts';
import { jsBackend, wasmBackend } from '../src/core/backend.ts';
import { requireNonParallel, rowAngle } from '../src/core/geometry.ts';
import { bisect, logGamma } from '../src/core/special.ts';
import { axpy, dot, gemm, gemmABt, gemmAtB, maxAbsSpan, sqDist } from '../src/core/blas.ts';
import { lambdaExtremes, lambdaMin } from '../src/core/linalg.ts';
import { get, identity, matVec, requireMatrix, requireSquare, zeros } from '../src/core/matrix.ts';
import {
  activationPattern, backwardInto, empiricalGram, forwardInto, initTwoLayer, requireTwoLayerInputs, requireWidth,
  twoLayerWorkspace, type TwoLayerParams,
} from '../src/models/two-layer.ts';
import { caught } from './helpers.ts';

describe('src/kernels/arccos.ts', () => {
  it('gramInfinity rejects a zero row, naming it, wherever it is (first row followed by nonzero ones too)', () => {
    for (const [rows, bad] of [[[[0, 0], [1, 2]], 0], [[[1, 2], [0, 0]], 1], [[[3, 4], [1, 0], [0, 0]], 2]] as const) {
      const e = caught(() => gramInfinity(fromRows(rows.map((r) => [...r]))));
      expect(e).toBeInstanceOf(DomainError);
      expect(e.message).toBe(`row ${bad} of X is zero; H∞ needs nonzero inputs`);
      expect(e.argument).toBe('X');
    }
  });
  it('arccosKernel0 rejects |ρ| > 1 with its message', () => {
    const e = caught(() => arccosKernel0(1.5));
    expect(e.message).toBe('rho must be in [−1, 1], got 1.5');
    expect(e.argument).toBe('rho');
    expect(arccosKernel0(1)).toBe(0.5);
    expect(arccosKernel0(-1)).toBe(-0);
  });
});

describe('src/kernels/monte-carlo.ts', () => {
  const X = fromRows([[1, 0], [0.6, 0.8], [-1, 0.2], [0, 0]]);
  const g = (i: number, j: number) => X.data[i * 2] * X.data[j * 2] + X.data[i * 2 + 1] * X.data[j * 2 + 1];

  it('with M = 1 the mean is exactly g_ij·I{wᵀx_i ≥ 0, wᵀx_j ≥ 0} for the one weight drawn (a zero row is active: ≥)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const w = new Float64Array(2);
      new Rng(seed).stream('mc').fillNormal(w);
      const active = [0, 1, 2, 3].map((i) => w[0] * X.data[i * 2] + w[1] * X.data[i * 2 + 1] >= 0);
      const r = gramMonteCarlo(new Rng(seed).stream('mc'), X, 1);
      expect(active[3]).toBe(true);
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) expect(r.mean.data[i * 4 + j] + 0).toBe((active[i] && active[j] ? g(i, j) : 0) + 0); // + 0: −0 is 0
      }
      expect(Array.from(r.se.data).every((v) => v === 0)).toBe(true); // one sample: no spread
      expect(r.samples).toBe(1);
    }
  });
  it('the standard error is the sample sd (M − 1 denominator) over √M, entry by entry', () => {
    const M = 7;
    const r = gramMonteCarlo(new Rng(3).stream('mc'), X, M);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const gij = g(i, j);
        if (gij === 0) continue;
        const p = r.mean.data[i * 4 + j] / gij;
        expect(Number.isInteger(Math.round(p * M)) && Math.abs(p * M - Math.round(p * M)) < 1e-9).toBe(true);
        expect(r.se.data[i * 4 + j]).toBeCloseTo(Math.sqrt((gij * gij * p * (1 - p) * M) / (M - 1) / M), 14);
      }
    }
  });
  it('names the argument it rejects', () => {
    expect(caught(() => gramMonteCarlo(new Rng(1), X, 0)).argument).toBe('M');
    expect(caught(() => gramMonteCarlo(new Rng(1), { rows: 1, cols: 1, data: new Float64Array(2) }, 1)).argument).toBe('X');
  });
});

describe('src/models/two-layer.ts', () => {
  const X = fromRows([[1, 0], [0.6, 0.8], [0, -1]]);
  const p = initTwoLayer(new Rng(5), 4, 2);

  it('names what it rejects, with its message (not a TypeError on null)', () => {
    let e = caught(() => requireTwoLayerInputs(null as unknown as TwoLayerParams, X));
    expect([e.constructor.name, e.argument, e.message]).toEqual(['ShapeError', 'p', 'params must be { W, a }']);
    e = caught(() => requireTwoLayerInputs(5 as unknown as TwoLayerParams, X));
    expect([e.constructor.name, e.argument]).toEqual(['ShapeError', 'p']);
    e = caught(() => requireTwoLayerInputs({ W: null, a: p.a } as unknown as TwoLayerParams, X));
    expect([e.constructor.name, e.argument]).toEqual(['ShapeError', 'W']);
    e = caught(() => requireTwoLayerInputs(p, fromRows([[1, 2, 3]])));
    expect([e.argument, e.message]).toEqual(['X', 'X has 3 columns, W has 2: input dimensions differ']);
    e = caught(() => requireTwoLayerInputs({ W: { rows: 0, cols: 2, data: new Float64Array(0) }, a: new Float64Array(0) }, X));
    expect([e.constructor.name, e.message]).toEqual(['DomainError', 'W is 0×2: the network needs width m ≥ 1 and input dimension d ≥ 1']);
    e = caught(() => requireTwoLayerInputs({ W: p.W, a: [1, 1, 1, 1] as unknown as Float64Array }, X));
    expect([e.argument, e.message]).toEqual(['a', 'a must be a Float64Array']);
    e = caught(() => empiricalGram(p, X, 'bad' as 'unit'));
    expect(e.message).toBe("weights must be 'unit' or 'a2', got bad");
    expect(caught(() => requireWidth(0)).message).toBe('width m must be a positive integer, got 0');
  });

  it('activationPattern uses ≥: a unit with zero weights is active on every input', () => {
    const q: TwoLayerParams = { W: fromRows([[0, 0], [1, 0]]), a: new Float64Array([1, -1]) };
    const X2 = fromRows([[1, 0], [0, -1], [-0.6, -0.8]]); // unit 2 has w·x = 1, 0 (active: ≥), −0.6
    expect(Array.from(activationPattern(q, X2))).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it.skipIf(wasmBackend === null)('a workspace on the input-copying (wasm) backend gives the JS gradient', () => {
    const y = new Float64Array([0.5, -0.25, 1]);
    const grad = (be: typeof jsBackend) => {
      const ws = twoLayerWorkspace(3, 4, 2, be);
      forwardInto(p, X, ws);
      const loss = backwardInto(p, X, y, ws);
      return { loss, u: Array.from(ws.u), G: Array.from(ws.G.data) };
    };
    const a = grad(jsBackend), b = grad(wasmBackend as typeof jsBackend);
    expect(b.loss).toBeCloseTo(a.loss, 12);
    b.u.forEach((v, i) => expect(v).toBeCloseTo(a.u[i], 12));
    b.G.forEach((v, i) => expect(v).toBeCloseTo(a.G[i], 12));
  });
});

describe('src/core/geometry.ts', () => {
  it('rowAngle names a non-finite entry and a zero row (whichever of the two it is)', () => {
    expect(caught(() => rowAngle({ rows: 2, cols: 2, data: new Float64Array([1, 0, NaN, 1]) }, 0, 1)).message)
      .toBe('X[1, 0] is NaN; every entry must be finite');
    expect(caught(() => rowAngle(fromRows([[0, 0], [1, 2]]), 0, 1)).message).toBe('row 0 of X is zero; its angle is undefined');
    expect(caught(() => rowAngle(fromRows([[1, 2], [0, 0]]), 0, 1)).message).toBe('row 1 of X is zero; its angle is undefined');
    expect(caught(() => rowAngle(fromRows([[1, 2], [0, 0]]), 0, 1))).toBeInstanceOf(DomainError);
  });
  it('requireNonParallel: minAngle in [0, π/2] (ends included), strict comparisons, messages naming the pair', () => {
    const parallel = fromRows([[1, 2], [2, 4]]), antipodal = fromRows([[1, 2], [-1, -2]]), fine = fromRows([[1, 0], [0, 1]]);
    expect(caught(() => requireNonParallel(fine, -0.1)).message).toBe('minAngle must be in [0, π/2], got -0.1');
    expect(caught(() => requireNonParallel(fine, 2)).argument).toBe('minAngle');
    requireNonParallel(fine, Math.PI / 2);
    requireNonParallel(parallel, 0); // angle 0 is not < 0
    requireNonParallel(antipodal, 0); // π − π is not < 0
    const e1 = caught(() => requireNonParallel(parallel, 1e-6, 'Y'));
    expect([e1.argument, e1.message]).toEqual(['Y', 'Y rows 0 and 1 are parallel (angle 0.000e+0 rad); the claim needs non-parallel inputs']);
    const e2 = caught(() => requireNonParallel(antipodal, 1e-6, 'Y'));
    expect(e2.message).toBe('Y rows 0 and 1 are antipodal (angle 3.142e+0 rad); the claim needs non-parallel inputs');
  });
});

describe('src/core/special.ts', () => {
  it('logGamma below 1/2 uses the reflection formula (accurate to 1e-14)', () => {
    // ln Γ(1/4) and ln Γ(10⁻³), from Γ(1/4) = 3.6256099082219083119 and Γ(z) ≈ 1/z − γ near 0.
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.6256099082219083119), 14);
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383853, 12);
    expect(caught(() => logGamma(0)).message).toBe('logGamma needs x > 0, got 0');
  });
  it('bisect names what it rejects', () => {
    const e = caught(() => bisect(3 as unknown as (x: number) => number, 0, 0, 1));
    expect([e.argument, e.message]).toEqual(['f', 'f must be a function']);
    expect(caught(() => bisect((x) => x, 0, 1, 1)).message).toBe('bisect needs lo < hi, got [1, 1]');
  });
});

describe('src/core/blas.ts', () => {
  it('spans: an empty span is fine, a bad one is named and measured; axpy and maxAbsSpan stay inside their span', () => {
    const x = new Float64Array([1, 2, 3]);
    expect(dot(x, x, 0)).toBe(0);
    let e = caught(() => dot(x, x, 5));
    expect([e.argument, e.message]).toEqual(['a', 'a: span [0, 5) does not fit in length 3']);
    e = caught(() => dot([1, 2, 3] as unknown as Float64Array, x));
    expect(e.message).toBe('a must be a Float64Array');
    expect(caught(() => sqDist(x, x, 4)).argument).toBe('x');
    const y = new Float64Array([10, 20, 30]);
    axpy(2, x, y, 2); // only y[0..2)
    expect(Array.from(y)).toEqual([12, 24, 30]);
    expect(maxAbsSpan(new Float64Array([1, -2, 50]), 2)).toBe(2);
    expect(maxAbsSpan(new Float64Array([1, -2, NaN]), 2)).toBe(2);
    expect(Number.isNaN(maxAbsSpan(new Float64Array([1, NaN, 3])))).toBe(true);
    expect(maxAbsSpan(new Float64Array([Infinity, 1, NaN]), 2)).toBe(Infinity); // the NaN check stays in the span too
  });
  it('gemm family: c must have the product\'s shape and must not share memory with a or b (adjacent views do not)', () => {
    const buf = new Float64Array(8);
    const a = { rows: 2, cols: 2, data: buf.subarray(0, 4) }, c = { rows: 2, cols: 2, data: buf.subarray(4, 8) };
    a.data.set([1, 2, 3, 4]);
    gemm(a, identity(2), c); // adjacent, not overlapping
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4]);
    gemm({ rows: 2, cols: 2, data: buf.subarray(4, 8) }, identity(2), { rows: 2, cols: 2, data: buf.subarray(0, 4) }); // c just before a
    const e = caught(() => gemm(a, identity(2), { rows: 2, cols: 2, data: buf.subarray(2, 6) }));
    expect([e.argument, e.message]).toEqual(['c', 'c shares memory with a or b; the product would overwrite its own input']);
    for (const f of [gemm, gemmABt, gemmAtB]) {
      const bad = caught(() => f(a, identity(2), zeros(2, 3)));
      expect(bad.message).toMatch(/^c is 2×3, expected 2×2/);
      expect(caught(() => f(a, identity(2), zeros(3, 2))).argument).toBe('c');
      expect(caught(() => f(a, zeros(3, 3), zeros(2, 2))).message).toMatch(/^b has 3 (rows|columns), expected 2/);
      expect(caught(() => f(a, identity(2), { rows: 2, cols: 2 } as unknown as typeof a)).argument).toBe('c');
    }
  });
});

describe('src/core/linalg.ts', () => {
  it('symmetry is checked relative to the scale, and an asymmetry is located', () => {
    const big = { rows: 2, cols: 2, data: new Float64Array([1e6, 5, 5 + 1e-5, 1e6]) };
    expect(lambdaMin(big)).toBeCloseTo(1e6 - 5, 3); // 1e-5 ≤ 1e-10 · 1e6: symmetric to within round-off
    const e = caught(() => lambdaMin({ rows: 3, cols: 3, data: new Float64Array([1, 0, 0, 0, 1, 2, 0, 0, 1]) }));
    expect([e.argument, e.message]).toEqual(['a', 'a is not symmetric at (1, 2); symmetrize first']);
    expect(caught(() => lambdaExtremes({ rows: 2, cols: 2, data: new Float64Array([1, 1, 0, 1]) })).argument).toBe('a');
  });
});

describe('src/core/matrix.ts', () => {
  it('names and measures what it rejects (not a TypeError on null, not a fractional shape)', () => {
    const msg = (f: () => unknown) => caught(f).message;
    expect(msg(() => requireMatrix(null as unknown as ReturnType<typeof zeros>, 'M'))).toBe('M is not a Matrix');
    expect(msg(() => requireMatrix({ rows: 1.5, cols: 2, data: new Float64Array(3) }, 'M'))).toBe('M has shape 1.5×2; both must be positive');
    expect(msg(() => requireMatrix({ rows: 2, cols: 1.5, data: new Float64Array(3) }, 'M'))).toBe('M has shape 2×1.5; both must be positive');
    expect(msg(() => requireMatrix({ rows: 2, cols: 2, data: new Float64Array(3) }, 'M'))).toBe('M.data has length 3, expected 2×2');
    expect(msg(() => requireMatrix(zeros(2, 2), 'M', 3))).toMatch(/^M has 2 rows/);
    expect(msg(() => requireMatrix(zeros(2, 2), 'M', null, 3))).toMatch(/^M has 2 col/);
    expect(msg(() => requireSquare(zeros(2, 3), 'M'))).toMatch(/^M is 2×3, expected square/);
    expect(msg(() => fromRows([], 'R'))).toBe('R is empty');
    expect(msg(() => fromRows([[]], 'R'))).toBe('R[0] is empty');
    expect(msg(() => fromRows([[1, 2], [3]], 'R'))).toBe('R[1] has 1 entries, expected 2');
    expect(caught(() => get({ rows: 1, cols: 1 } as unknown as ReturnType<typeof zeros>, 0, 0)).argument).toBe('a');
    expect(caught(() => get({ rows: 1, cols: 1, data: new Float64Array([NaN]) }, 0, 0)).message).toMatch(/^a\(0, 0\) is NaN/);
  });
  it('matVec accepts a Float64Array out and rejects anything else', () => {
    const out = new Float64Array(2);
    expect(matVec(identity(2), [3, 4], out)).toBe(out);
    expect(Array.from(out)).toEqual([3, 4]);
    const e = caught(() => matVec(identity(2), [3, 4], [0, 0] as unknown as Float64Array));
    expect([e.argument, e.message]).toEqual(['out', 'out must be a Float64Array']);
  });
});

describe('src/core/rng.ts', () => {
  it('streams are pinned: values and how many draws each call consumes', () => {
    const r = new Rng(7), a = new Float64Array(3);
    r.fillNormal(a);
    expect([...a, r.normal()]).toEqual([-0.4930925528111938, -1.1375670756258478, -0.928704758895168, -0.49559231537784043]);
    const q = new Rng(7), b = new Float64Array(5);
    q.fillRademacher(b);
    expect([...b, q.uniform()]).toEqual([-1, -1, -1, -1, 1, 0.6959035162828141]);
  });
  it('ball stays inside its span; bad input is named', () => {
    const out = new Float64Array([0, 0, 0, 42]);
    new Rng(1).ball(3, 2, out, 0);
    expect(out[3]).toBe(42);
    expect(Math.hypot(out[0], out[1], out[2])).toBeLessThanOrEqual(2);
    expect(caught(() => new Rng(1).ball(3, -1)).message).toBe('ball radius must be ≥ 0, got -1');
    expect(caught(() => new Rng(1).ball(3, 1, new Float64Array(2))).message).toBe('out[0 .. 3) does not fit in length 2');
    expect(caught(() => new Rng(1).ball(3, 1, [0, 0, 0] as unknown as Float64Array)).message).toBe('out must be a Float64Array');
    expect(caught(() => new Rng(1).ball(3, 1, [0, 0, 0] as unknown as Float64Array)).argument).toBe('out');
    expect(caught(() => new Rng(1).stream(5 as unknown as string))).toBeInstanceOf(DomainError);
    const s = caught(() => new Rng(1).stream(''));
    expect([s.argument, s.message]).toEqual(['name', 'a stream needs a non-empty name']);
    expect(caught(() => new Rng({} as unknown as number)).message).toMatch(/^seed must be a number or a string/);
    expect(caught(() => new Rng(1).uniformIn(2, 1)).message).toBe('uniformIn needs lo ≤ hi, got [2, 1]');
  });
});
