/**
 * The deep fully-connected network of thesis chapter 3, equation (3.2) (catalog 002b §2.1; review
 * 003 eqs. (1)–(4)):
 *   x^(h) = √(c_σ/m) σ(W^(h) x^(h−1))  (h = 1..H),   f(x) = aᵀx^(H),
 * W^(1) ∈ R^{m×d}, W^(h) ∈ R^{m×m}, all entries N(0, 1), no biases, L = ½ Σ_i (u_i − y_i)².
 * Every layer including a is trained (thesis); `trainOutput: false` is review 003's frozen-a
 * variant. The pass itself is src/models/deep-chain.ts; this file fixes the scales.
 */
import type { Activation } from '../core/activations.ts';
import type { KernelBackend } from '../core/backend.ts';
import { DomainError, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import type { Matrix } from '../core/matrix.ts';
import { type DeepChainModel, deepChainModel, lastLayerGramClosedForm } from './deep-chain.ts';

export interface FcDeepOptions {
  readonly d: number;
  readonly m: number;
  /** Number of weight matrices W^(1..H). */
  readonly H: number;
  readonly act: Activation;
  /** c_σ = 1/E σ(z)², z ~ N(0, 1) (2 for ReLU). */
  readonly cSigma: number;
  /** Train a too (default true: the thesis trains every layer). */
  readonly trainOutput?: boolean;
  readonly backend?: KernelBackend;
}

export function requireCSigma(cSigma: number): number {
  requireFiniteNumber(cSigma, 'cSigma');
  if (!(cSigma > 0)) throw new DomainError(`cSigma must be > 0, got ${cSigma}`, 'cSigma');
  return cSigma;
}

/** The FC net (3.2) as a Model. */
export function fcDeepModel(o: FcDeepOptions): DeepChainModel {
  if (o === null || typeof o !== 'object') throw new DomainError('options must be { d, m, H, act, cSigma }', 'o');
  requirePositiveInt(o.H, 'H');
  requirePositiveInt(o.m, 'm');
  requireAllocatable(o.m * o.m, 'm', `a ${o.m}×${o.m} layer`);
  requireAllocatable(o.H * o.m * o.m, 'H', `${o.H} layers of width ${o.m}`);
  const s = Math.sqrt(requireCSigma(o.cSigma) / o.m);
  return deepChainModel({
    id: 'fc-deep', d: o.d, m: o.m, act: o.act, trainOutput: o.trainOutput ?? true, backend: o.backend,
    layers: Array.from({ length: o.H }, () => ({ scale: s, skip: false })),
  });
}

/** Thesis (3.12): G^(H)_ij = ⟨x_i^(H−1), x_j^(H−1)⟩ (c_σ/m) Σ_r a_r² σ'(z_ir) σ'(z_jr). */
export function fcLastLayerGram(model: DeepChainModel, theta: Float64Array, X: Matrix): Matrix {
  return lastLayerGramClosedForm(model, theta, X);
}
