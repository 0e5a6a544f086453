/**
 * Tests written to kill mutants that survived `npm run mutation` (docs/mutation.md lists them, and
 * the ones left alive as equivalent). Each test names the code it pins down.
 */
import { describe, expect, it } from 'vitest';
import { DomainError, GdTheoryError } from '../src/core/errors.ts';
import { fromRows } from '../src/core/matrix.ts';
import { Rng } from '../src/core/rng.ts';
import { arccosKernel0, gramInfinity } from '../src/kernels/arccos.ts';
import { gramMonteCarlo } from '../src/kernels/monte-carlo.ts';

function caught(f: () => unknown): GdTheoryError {
  try {
    f();
  } catch (e) {
    if (e instanceof GdTheoryError) return e;
    throw e;
  }
  throw new Error('expected a GdTheoryError');
}

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
