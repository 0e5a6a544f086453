/**
 * Step-size schedules η_t (t = 0, 1, …) for GD, and the constants of thesis Theorem 4.4:
 *   thesis:       η_t = √(ε/r) / (100 (t+1) ‖M*‖_F^{3/2})                          (Theorem 4.4)
 *   footnote 6:   η_t = η₀ (t+1)^{−p}, p = ½ + δ, δ ∈ (0, ½]
 * with η₀ chosen so that the proof of Lemma 4.1 goes through verbatim (catalog 002c §3.12):
 *   (S1) η_t ≤ 1/((66√r + 2)‖M*‖_F),   (S2) 40√r ‖M*‖_F³ Σ_t η_t² ≤ ε/2,
 * i.e. η₀ = min(√(ε / (80√r ‖M*‖_F³ ζ(2p))), 1/((66√r + 2)‖M*‖_F)).
 */
import { DomainError, describeValue, requireFiniteNumber, requirePositive, requirePositiveInt } from '../core/errors.ts';

export interface Schedule {
  readonly name: string;
  /** η_t, t = 0, 1, … (non-negative integer). */
  at(t: number): number;
}

/** A Schedule argument: an object with at(t). */
function requireSchedule(s: Schedule): void {
  if (s === null || typeof s !== 'object' || typeof s.at !== 'function') {
    throw new DomainError(`s must be a Schedule { at(t) }, got ${describeValue(s)}`, 's');
  }
}

export function constantSchedule(eta: number): Schedule {
  requirePositive(eta, 'eta');
  return { name: `constant(${eta})`, at: () => eta };
}

/** η₀ (t+1)^{−p}: p = 1 is the thesis's 1/t decay, p = ½ + δ the footnote-6 family. */
export function powerSchedule(eta0: number, p: number): Schedule {
  requirePositive(eta0, 'eta0');
  requireFiniteNumber(p, 'p');
  if (p < 0) throw new DomainError(`decay exponent p must be ≥ 0, got ${p}`, 'p');
  return { name: `${eta0}·(t+1)^-${p}`, at: (t) => eta0 * Math.pow(t + 1, -p) };
}

/** Theorem 4.4's schedule η_t = √(ε/r) / (100 (t+1) ‖M*‖_F^{3/2}). */
export function thesisTheorem44Schedule(eps: number, r: number, normM: number): Schedule {
  requirePositive(eps, 'eps');
  requirePositiveInt(r, 'r');
  requirePositive(normM, 'normM');
  const eta0 = Math.sqrt(eps / r) / (100 * normM ** 1.5);
  return { name: `thesis4.4(η0=${eta0.toPrecision(4)})`, at: (t) => eta0 / (t + 1) };
}

/** η₀ of the footnote-6 schedule from (S1)–(S2) (catalog §3.12). */
export function footnote6Eta0(eps: number, r: number, normM: number, p: number): number {
  requirePositive(eps, 'eps');
  requirePositiveInt(r, 'r');
  requirePositive(normM, 'normM');
  requireFiniteNumber(p, 'p');
  if (!(p > 0.5 && p <= 1)) throw new DomainError(`footnote 6 needs p = ½ + δ with δ ∈ (0, ½], got p = ${p}`, 'p');
  const s2 = Math.sqrt(eps / (80 * Math.sqrt(r) * normM ** 3 * riemannZeta(2 * p)));
  const s1 = 1 / ((66 * Math.sqrt(r) + 2) * normM);
  return Math.min(s1, s2);
}

export function footnote6Schedule(eps: number, r: number, normM: number, p: number): Schedule {
  return powerSchedule(footnote6Eta0(eps, r, normM, p), p);
}

/**
 * Riemann ζ(s) for s > 1 by Euler–Maclaurin: Σ_{n<N} n^{−s} + N^{1−s}/(s−1) + N^{−s}/2 + Bernoulli
 * tail terms up to B₁₀ with N = 20; the truncation error is below 1e-15 relative for s ≥ 1.01.
 */
export function riemannZeta(s: number): number {
  requireFiniteNumber(s, 's');
  if (!(s > 1)) throw new DomainError(`ζ(s) diverges for s ≤ 1, got ${s}`, 's');
  const N = 20;
  let sum = 0;
  for (let n = 1; n < N; n++) sum += Math.pow(n, -s);
  sum += Math.pow(N, 1 - s) / (s - 1) + 0.5 * Math.pow(N, -s);
  // Σ_k B_{2k}/(2k)! · s(s+1)…(s+2k−2) · N^{−s−2k+1}
  const B = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66];
  let rising = s; // s(s+1)…(s+2k−2)
  let fact = 2; // (2k)!
  for (let k = 1; k <= B.length; k++) {
    sum += (B[k - 1] / fact) * rising * Math.pow(N, -s - 2 * k + 1);
    rising *= (s + 2 * k - 1) * (s + 2 * k);
    fact *= (2 * k + 1) * (2 * k + 2);
  }
  return sum;
}

/** Σ_{t<T} η_t² (direct sum). */
export function sumSquares(s: Schedule, T: number): number {
  requireSchedule(s);
  requireFiniteNumber(T, 'T');
  if (!Number.isInteger(T) || T < 0) throw new DomainError(`T must be an integer ≥ 0, got ${T}`, 'T');
  let acc = 0;
  for (let t = 0; t < T; t++) acc += s.at(t) ** 2;
  return acc;
}

/** Σ_{t<T} η_t: the flow time GD covers in T steps. */
export function flowTime(s: Schedule, T: number): number {
  requireSchedule(s);
  requireFiniteNumber(T, 'T');
  if (!Number.isInteger(T) || T < 0) throw new DomainError(`T must be an integer ≥ 0, got ${T}`, 'T');
  let acc = 0;
  for (let t = 0; t < T; t++) acc += s.at(t);
  return acc;
}
