/**
 * Closed-form population Gram matrix of thesis Assumption 2.1:
 *   H∞_ij = E_{w~N(0,I)}[x_iᵀx_j I{wᵀx_i ≥ 0, wᵀx_j ≥ 0}] = x_iᵀx_j (π − θ_ij) / (2π),
 * the first-layer-only NTK of the two-layer ReLU net (thesis Assumption 2.1; catalog 002a §2.2). Valid for any nonzero inputs:
 * the probability (π − θ)/(2π) depends only on the angle, and x_iᵀx_j carries the norms.
 */
import { DomainError, requireFiniteNumber } from '../core/errors.ts';
import { rowAngle } from '../core/geometry.ts';
import { type Matrix, requireMatrix, zeros } from '../core/matrix.ts';

export function gramInfinity(X: Matrix): Matrix {
  requireMatrix(X, 'X');
  const n = X.rows, d = X.cols, D = X.data;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += D[i * d + k] ** 2;
    if (s === 0) throw new DomainError(`row ${i} of X is zero; H∞ needs nonzero inputs`, 'X');
  }
  const H = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let g = 0;
      for (let k = 0; k < d; k++) g += D[i * d + k] * D[j * d + k];
      // The stable atan2 angle; the diagonal is exactly ‖x_i‖²/2.
      const theta = i === j ? 0 : rowAngle(X, i, j);
      const h = (g * (Math.PI - theta)) / (2 * Math.PI);
      H.data[i * n + j] = h;
      H.data[j * n + i] = h;
    }
  }
  return H;
}

/** κ(ρ) = ρ(π − arccos ρ)/(2π), the unit-norm entry of H∞ as a function of the cosine. */
export function arccosKernel0(rho: number): number {
  requireFiniteNumber(rho, 'rho');
  if (!(rho >= -1 && rho <= 1)) throw new DomainError(`rho must be in [−1, 1], got ${rho}`, 'rho');
  return (rho * (Math.PI - Math.acos(rho))) / (2 * Math.PI);
}
