/**
 * Generic strict-saddle utilities (thesis Chapter 7, Definitions 7.4 and 7.5): classify a point by
 * its gradient norm and Hessian spectrum, and test ε-second-order stationarity.
 */
import { DomainError, describeValue, requireFiniteArray, requireFiniteNumber, requireLength, requirePositive } from '../core/errors.ts';
import { symmetricEigenvalues } from '../core/linalg.ts';
import { type Matrix, requireSquare } from '../core/matrix.ts';

export type StationaryKind = 'not-stationary' | 'strict-saddle' | 'local-min' | 'local-max' | 'degenerate';

export interface StationaryClass {
  kind: StationaryKind;
  gradNorm: number;
  lambdaMin: number;
  lambdaMax: number;
  /**
   * Def 7.4: the largest α with λmin ≤ −α, i.e. −λmin, when the point is a strict saddle (or a
   * strict local maximum); 0 otherwise.
   */
  strictness: number;
}

export interface StationaryTolerances {
  /** ‖∇f‖ ≤ gradTol counts as stationary (default 0: exact). */
  gradTol?: number;
  /** |λ| ≤ eigTol counts as a zero eigenvalue (default 0). */
  eigTol?: number;
}

function euclid(g: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < g.length; j++) s += g[j] * g[j];
  return Math.sqrt(s);
}

function tolerances(t: StationaryTolerances): { gradTol: number; eigTol: number } {
  if (t === null || typeof t !== 'object') throw new DomainError(`tol must be { gradTol?, eigTol? }, got ${describeValue(t)}`, 'tol');
  const gradTol = requireFiniteNumber(t.gradTol ?? 0, 'gradTol');
  const eigTol = requireFiniteNumber(t.eigTol ?? 0, 'eigTol');
  if (gradTol < 0) throw new DomainError(`gradTol must be ≥ 0, got ${gradTol}`, 'gradTol');
  if (eigTol < 0) throw new DomainError(`eigTol must be ≥ 0, got ${eigTol}`, 'eigTol');
  return { gradTol, eigTol };
}

/**
 * Classification from a gradient norm and an ascending spectrum:
 *   ‖∇f‖ > gradTol                → not-stationary
 *   λmin > eigTol                 → local-min (a strict one: second-order sufficient condition)
 *   λmax < −eigTol                → local-max
 *   λmin < −eigTol (mixed signs)  → strict-saddle, α = −λmin (Def 7.4)
 *   otherwise                     → degenerate (a zero eigenvalue: the second-order test is silent)
 */
export function classifyBySpectrum(gradNorm: number, eigenvaluesAscending: ArrayLike<number>, tol: StationaryTolerances = {}): StationaryClass {
  requireFiniteNumber(gradNorm, 'gradNorm');
  if (gradNorm < 0) throw new DomainError(`gradNorm must be ≥ 0, got ${gradNorm}`, 'gradNorm');
  requireLength(eigenvaluesAscending, eigenvaluesAscending?.length, 'eigenvalues'); // an array of numbers
  if (eigenvaluesAscending.length === 0) throw new DomainError('the spectrum is empty', 'eigenvalues');
  requireFiniteArray(eigenvaluesAscending, 'eigenvalues');
  for (let j = 1; j < eigenvaluesAscending.length; j++) {
    if (eigenvaluesAscending[j] < eigenvaluesAscending[j - 1]) throw new DomainError('eigenvalues must be sorted ascending', 'eigenvalues');
  }
  const { gradTol, eigTol } = tolerances(tol);
  const lambdaMin = eigenvaluesAscending[0], lambdaMax = eigenvaluesAscending[eigenvaluesAscending.length - 1];
  let kind: StationaryKind;
  if (gradNorm > gradTol) kind = 'not-stationary';
  else if (lambdaMin > eigTol) kind = 'local-min';
  else if (lambdaMax < -eigTol) kind = 'local-max';
  else if (lambdaMin < -eigTol) kind = 'strict-saddle';
  else kind = 'degenerate';
  const strictness = (kind === 'strict-saddle' || kind === 'local-max') ? -lambdaMin : 0;
  return { kind, gradNorm, lambdaMin, lambdaMax, strictness };
}

/** Classification from ∇f and a dense symmetric Hessian (eigenvalues from src/core/linalg). */
export function classifyStationary(grad: ArrayLike<number>, hessian: Matrix, tol: StationaryTolerances = {}): StationaryClass {
  requireSquare(hessian, 'hessian');
  requireLength(grad, grad?.length, 'grad'); // an array of numbers
  if (grad.length !== hessian.rows) throw new DomainError(`grad has length ${grad.length}, the Hessian is ${hessian.rows}×${hessian.rows}`, 'grad');
  requireFiniteArray(grad, 'grad');
  return classifyBySpectrum(euclid(grad), symmetricEigenvalues(hessian), tol);
}

/**
 * Definition 7.5: x is an ε-second-order stationary point of a ρ-Hessian-Lipschitz f when
 * ‖∇f(x)‖ ≤ ε and λmin(∇²f(x)) ≥ −√(ρε). (ε = 0 gives the exact SOSP of the same definition.)
 */
export function isEpsSecondOrderStationary(gradNorm: number, lambdaMin: number, eps: number, rho: number): boolean {
  requireFiniteNumber(gradNorm, 'gradNorm');
  requireFiniteNumber(lambdaMin, 'lambdaMin');
  requireFiniteNumber(eps, 'eps');
  requireFiniteNumber(rho, 'rho');
  if (gradNorm < 0) throw new DomainError(`gradNorm must be ≥ 0, got ${gradNorm}`, 'gradNorm');
  if (eps < 0) throw new DomainError(`ε must be ≥ 0, got ${eps}`, 'eps');
  if (!(rho > 0)) throw new DomainError(`ρ must be > 0, got ${rho}`, 'rho');
  return gradNorm <= eps && lambdaMin >= -Math.sqrt(rho * eps);
}

/**
 * The Remark 7.2 threshold: if every saddle region has λmin ≤ −2γ and every other non-minimum region
 * has ‖∇f‖ ≥ gMin, then no such point is an ε-SOSP for ε < min(gMin, 4γ²/ρ) (strict: at ε = 4γ²/ρ
 * the saddle itself satisfies λmin = −√(ρε), erratum E8).
 */
export function sospFreeThreshold(gamma: number, rho: number, gMin: number): number {
  requirePositive(gamma, 'gamma');
  requirePositive(rho, 'rho');
  requirePositive(gMin, 'gMin');
  return Math.min(gMin, (4 * gamma * gamma) / rho);
}
