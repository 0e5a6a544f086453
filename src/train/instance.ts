/**
 * One chapter-2 training instance from one Rng (the setting of thesis §2.1; catalog 002a §3): unit inputs
 * with no two (anti-)parallel, labels unif[−1, 1] from r.stream('data'); w_r ~ N(0, I), a_r = ±1 from
 * r.stream('init'); and λ0, λmax of H∞. Changing m changes only the weights, never the dataset.
 */
import { ShapeError } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { type Rng, requireRng } from '../core/rng.ts';
import { sphereDataset } from '../data/sphere.ts';
import { type TwoLayerParams, initTwoLayer } from '../models/two-layer.ts';
import { gramSpectrum } from './regime.ts';

export interface Chapter2Instance {
  readonly n: number;
  readonly d: number;
  readonly m: number;
  readonly X: Matrix;
  readonly y: Float64Array;
  /** Initial weights W(0) and the fixed output layer a. */
  readonly p: TwoLayerParams;
  /** λmin(H∞) (Assumption 2.1). */
  readonly lambda0: number;
  /** λmax(H∞). */
  readonly lambdaMax: number;
}

export function chapter2Instance(r: Rng, n: number, d: number, m: number): Chapter2Instance {
  requireRng(r, 'r');
  const { X, y } = sphereDataset(r.stream('data'), n, d);
  const { lambda0, lambdaMax } = gramSpectrum(X);
  const p = initTwoLayer(r.stream('init'), m, d);
  return { n, d, m, X, y, p, lambda0, lambdaMax };
}

/**
 * Mean-field output scaling f = (1/m) Σ a_r σ(w_rᵀx), realized in the 1/√m model by a_r → a_r/√m
 * (in place; returns p). Its Gram matrix is H/m, so the matching step is m times the NTK step.
 */
export function toMeanField(p: TwoLayerParams): TwoLayerParams {
  if (p === null || typeof p !== 'object' || !(p.a instanceof Float64Array)) throw new ShapeError('p must be two-layer params { W, a: Float64Array }', 'p');
  const s = 1 / Math.sqrt(p.a.length);
  for (let r = 0; r < p.a.length; r++) p.a[r] *= s;
  return p;
}
