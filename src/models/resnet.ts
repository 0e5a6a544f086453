/**
 * The ResNet of thesis chapter 3, equation (3.3) (catalog 002b §2.1; review 003 §3.1 eq. (29)
 * with the plain first layer of thesis (3.3), as the catalog prescribes):
 *   x^(1) = √(c_σ/m) σ(W^(1) x),   x^(h) = x^(h−1) + (c_res/(H√m)) σ(W^(h) x^(h−1))  (h = 2..H),
 *   f(x) = aᵀx^(H),
 * all weights N(0, 1), every layer trained, L = ½ Σ_i (u_i − y_i)². c_res/H uses the TOTAL depth H.
 * The pass itself is src/models/deep-chain.ts; this file fixes the scales and skips.
 */
import type { Activation } from '../core/activations.ts';
import type { KernelBackend } from '../core/backend.ts';
import { DomainError, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { type DeepChainModel, deepChainModel, lastLayerGramClosedForm } from './deep-chain.ts';
import { requireCSigma } from './fc-deep.ts';

export interface ResnetOptions {
  readonly d: number;
  readonly m: number;
  /** Number of weight matrices W^(1..H) (layer 1 plain, 2..H residual). */
  readonly H: number;
  readonly act: Activation;
  readonly cSigma: number;
  /** The residual branch scale c_res > 0 (the thesis takes c_res ∈ (0, 1)). */
  readonly cRes: number;
  readonly trainOutput?: boolean;
  readonly backend?: KernelBackend;
}

/** The ResNet (3.3) as a Model. */
export function resnetModel(o: ResnetOptions): DeepChainModel {
  if (o === null || typeof o !== 'object') throw new DomainError('options must be { d, m, H, act, cSigma, cRes }', 'o');
  requirePositiveInt(o.H, 'H');
  requirePositiveInt(o.m, 'm');
  requireAllocatable(o.m * o.m, 'm', `a ${o.m}×${o.m} layer`);
  requireAllocatable(o.H * o.m * o.m, 'H', `${o.H} layers of width ${o.m}`);
  requireFiniteNumber(o.cRes, 'cRes');
  if (!(o.cRes > 0)) throw new DomainError(`cRes must be > 0, got ${o.cRes}`, 'cRes');
  const s1 = Math.sqrt(requireCSigma(o.cSigma) / o.m), t = o.cRes / (o.H * Math.sqrt(o.m));
  return deepChainModel({
    id: 'resnet', d: o.d, m: o.m, act: o.act, trainOutput: o.trainOutput ?? true, backend: o.backend,
    layers: Array.from({ length: o.H }, (_, h) => (h === 0 ? { scale: s1, skip: false } : { scale: t, skip: true })),
  });
}

/** Thesis (3.13): G^(H)_ij = (c_res²/(H²m)) ⟨x_i^(H−1), x_j^(H−1)⟩ Σ_r a_r² σ'(z_ir) σ'(z_jr) (H ≥ 2). */
export function resnetLastLayerGram(model: DeepChainModel, theta: Float64Array, X: Matrix): Matrix {
  return lastLayerGramClosedForm(model, theta, X);
}
