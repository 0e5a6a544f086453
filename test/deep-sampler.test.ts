/**
 * src/kernels/deep-sampler.ts: the exact-in-distribution draws of the FC net and ResNet at initialization (catalog
 * 002b §2.5) — shapes, K̂^(0) = XXᵀ, the first layer's Gram and mean against a direct simulation with a real W^(1),
 * singular K̂ (duplicated inputs), the closed form of G^(H)(0), and typed errors.
 */
import { describe, expect, it } from 'vitest';
import * as A from '../src/core/activations.ts';
import { DomainError } from '../src/core/errors.ts';
import { fromRows } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { fcKernel, resnetKernel } from '../src/kernels/deep-recursions.ts';
import { sampleFcInit, sampleLastLayerGram, sampleResnetInit } from '../src/kernels/deep-sampler.ts';
import { expectTyped } from './helpers.ts';

const X = fromRows([[1, 0, 0], [0.6, 0.8, 0], [0, 0.6, 0.8]]);

describe('exact-in-distribution sampler', () => {
  it('returns H hidden Grams (K̂^(0) = XXᵀ), H means and an n×n PSD G^(H)(0)', () => {
    const d = sampleFcInit(rng(1), X, A.softplus(), 4, 64);
    expect(d.grams).toHaveLength(4);
    expect(d.means).toHaveLength(4);
    expect(d.grams[0].data[1]).toBeCloseTo(0.6, 15);
    expect(d.lastGram.rows).toBe(3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(d.lastGram.data[i * 3 + j]).toBe(d.lastGram.data[j * 3 + i]);
  });

  it('is reproducible from the seed', () => {
    const a = sampleResnetInit(rng(5), X, A.tanh(), 3, 32, 0.5), b = sampleResnetInit(rng(5), X, A.tanh(), 3, 32, 0.5);
    expect(Array.from(a.lastGram.data)).toEqual(Array.from(b.lastGram.data));
  });

  it('matches the population recursion at a very wide width (FC and ResNet, K̂^(H−1) within 0.02)', () => {
    const fc = sampleFcInit(rng(2), X, A.erfActivation(), 3, 1 << 15);
    const pf = fcKernel(X, A.erfActivation(), 3);
    fc.grams[2].data.forEach((v, k) => expect(Math.abs(v - pf.layers[2].data[k])).toBeLessThan(0.02));
    const rs = sampleResnetInit(rng(3), X, A.softplus(), 4, 1 << 15, 0.9);
    const pr = resnetKernel(X, A.softplus(), 4, 0.9);
    rs.grams[3].data.forEach((v, k) => expect(Math.abs(v - pr.layers[3].data[k])).toBeLessThan(0.02));
    rs.means[3].forEach((v, i) => expect(Math.abs(v - pr.means[3][i])).toBeLessThan(0.02));
  });

  it('handles a singular K̂ (duplicated inputs): the duplicated rows stay identical', () => {
    const D = fromRows([[1, 0], [1, 0], [0, 1]]);
    const d = sampleFcInit(rng(4), D, A.softplus(), 3, 128);
    for (const K of d.grams) {
      expect(K.data[0]).toBeCloseTo(K.data[4], 12);
      expect(K.data[1]).toBeCloseTo(K.data[0], 12);
    }
  });

  it('the mean of G^(H)(0) over draws is scale·K ⊙ E σ\'σ\' (ReLU closed form)', () => {
    const K = fromRows([[1, 0.3], [0.3, 1]]);
    let mean = 0;
    const S = 400;
    for (let s = 0; s < S; s++) mean += sampleLastLayerGram(rng(s), K, A.relu(), 256, 2).data[1] / S;
    // ReLU: 2·0.3·(π − acos 0.3)/(2π).
    expect(mean).toBeCloseTo((2 * 0.3 * (Math.PI - Math.acos(0.3))) / (2 * Math.PI), 2);
  });

  it('rejects a non-square Kprev and a non-positive c_res, naming them', () => {
    expectTyped(() => sampleLastLayerGram(rng(1), fromRows([[1, 2]]), A.relu(), 4, 1), DomainError, 'Kprev');
    expectTyped(() => sampleResnetInit(rng(1), X, A.relu(), 3, 4, -1), DomainError, 'cRes');
  });
});
