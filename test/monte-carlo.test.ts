/** src/kernels/monte-carlo.ts: the Monte-Carlo estimate of H∞, its standard error, and typed rejection of bad input. */
import { describe, expect, it } from 'vitest';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { fromRows } from '../src/core/matrix.ts';
import { Rng } from '../src/core/rng.ts';
import { gramMonteCarlo } from '../src/kernels/monte-carlo.ts';
import { expectTyped } from './helpers.ts';

describe('gramMonteCarlo', () => {
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

  it('rejects a sample count M < 1 and a broken X, naming each', () => {
    expectTyped(() => gramMonteCarlo(new Rng(1), X, 0), DomainError, 'M');
    expectTyped(() => gramMonteCarlo(new Rng(1), { rows: 1, cols: 1, data: new Float64Array(2) }, 1), ShapeError, 'X');
  });
});
