/**
 * Gaussian expectation toolkit for the deep-network population Grams (thesis ch. 3; catalog 002b §2.3,
 * 001-003-004 §0 CF-1, CF-2, CF-5). Every population quantity reduces to
 *   M_f(a) = E_{u~N(0,a)} f(u)   and   F_{f,g}(a, c, b) = E_{(u,v)~N(0, [[a, c], [c, b]])} f(u) g(v)
 * (variances a, b and covariance c). Smooth activations go through probabilists' Gauss–Hermite quadrature
 * (nodes from the Jacobi matrix, Golub–Welsch; 2-D by the Cholesky of the 2×2 covariance); ReLU, erf, erf+s₀,
 * linear and z² use their closed forms (GH is never used for ReLU: its kink ruins spectral accuracy).
 */
import type { Activation } from '../core/activations.ts';
import { DomainError, NonFiniteError, describeValue, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { tridiagonalEigenvalues } from '../core/eigen.ts';

/** Probabilists' Gauss–Hermite rule: E_{z~N(0,1)} g(z) ≈ Σ_k weights[k]·g(nodes[k]); the weights sum to 1. */
export interface GaussHermiteRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/** Largest order: beyond it the orthonormal Hermite values at the outer nodes (≈ e^{z²/4}) overflow when squared. */
export const MAX_GH_ORDER = 400;

const RULES = new Map<number, GaussHermiteRule>();

/**
 * The N-point rule (cached per order). Nodes: eigenvalues of the Jacobi matrix (zero diagonal, off-diagonal
 * √k, k = 1..N−1) by Sturm bisection, polished by two Newton steps on the orthonormal p_N; weights
 * ω_k = 1/(N·p_{N−1}(z_k)²) (the Christoffel numbers of the normalized weight). Nodes and weights are then
 * made exactly symmetric, so an odd integrand integrates to 0 to round-off.
 */
export function gaussHermite(order: number): GaussHermiteRule {
  requirePositiveInt(order, 'order');
  if (order > MAX_GH_ORDER) throw new DomainError(`Gauss–Hermite order must be ≤ ${MAX_GH_ORDER}, got ${order}`, 'order');
  const cached = RULES.get(order);
  if (cached) return cached;
  const N = order;
  const e = new Float64Array(Math.max(N - 1, 0));
  for (let k = 1; k < N; k++) e[k - 1] = Math.sqrt(k);
  const z = N === 1 ? new Float64Array(1) : tridiagonalEigenvalues({ d: new Float64Array(N), e });
  const w = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    let x = z[k];
    let pm1 = 0;
    for (let it = 0; it < 2; it++) {
      const [pN, pNm1] = orthonormalHermite(N, x);
      const step = pN / (Math.sqrt(N) * pNm1); // p_N' = √N p_{N−1}
      if (Number.isFinite(step)) x -= step;
      pm1 = pNm1;
    }
    pm1 = orthonormalHermite(N, x)[1];
    z[k] = x;
    w[k] = 1 / (N * pm1 * pm1);
  }
  for (let k = 0; k < N >> 1; k++) {
    const j = N - 1 - k;
    const zs = 0.5 * (z[j] - z[k]), ws = 0.5 * (w[j] + w[k]);
    z[k] = -zs; z[j] = zs; w[k] = ws; w[j] = ws;
  }
  if (N % 2 === 1) z[N >> 1] = 0;
  let total = 0;
  for (let k = 0; k < N; k++) total += w[k];
  for (let k = 0; k < N; k++) w[k] /= total;
  const rule = { nodes: z, weights: w };
  RULES.set(order, rule);
  return rule;
}

/** [p_N(x), p_{N−1}(x)] for the orthonormal probabilists' Hermite polynomials p_j = He_j/√(j!). */
function orthonormalHermite(N: number, x: number): [number, number] {
  let pPrev = 0, p = 1;
  for (let j = 0; j < N; j++) {
    const next = (x * p - Math.sqrt(j) * pPrev) / Math.sqrt(j + 1);
    pPrev = p; p = next;
  }
  return [p, pPrev];
}

/** Default quadrature order: tanh and the logistic have poles at ±iπ/2 and converge slowly (not in the thesis; catalog 002b §2.3). */
export function defaultOrder(act: Activation): number {
  requireActivation(act, 'act');
  return act.name === 'tanh' || act.name === 'sigmoid' ? 200 : 100;
}

function requireActivation(act: Activation, argument: string): void {
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError(`${argument} must be an Activation, got ${describeValue(act)}`, argument);
  }
}

function requireFn(f: unknown, argument: string): void {
  if (typeof f !== 'function') throw new DomainError(`${argument} must be a function, got ${describeValue(f)}`, argument);
}

function requireVariance(v: number, argument: string): number {
  requireFiniteNumber(v, argument);
  if (v < 0) throw new DomainError(`${argument} must be a variance ≥ 0, got ${v}`, argument);
  return v;
}

/** A 2×2 covariance [[a, c], [c, b]]: variances a, b ≥ 0 and covariance c with c² ≤ ab (a relative 1e-8 slack is clamped). */
export interface Covariance2 {
  readonly a: number;
  readonly c: number;
  readonly b: number;
}

function requireCovariance(cov: Covariance2, argument: string): void {
  if (cov === null || typeof cov !== 'object') throw new DomainError(`${argument} must be a 2×2 covariance {a, c, b}, got ${describeValue(cov)}`, argument);
  requireVariance(cov.a, 'a');
  requireVariance(cov.b, 'b');
  requireFiniteNumber(cov.c, 'c');
  if (cov.c * cov.c > cov.a * cov.b * (1 + 1e-8) + 1e-300) {
    throw new DomainError(`covariance is not PSD: c² = ${cov.c * cov.c} > ab = ${cov.a * cov.b}`, 'c');
  }
}

/** E_{u~N(0, variance)} f(u) by the N-point rule. */
export function expect1d(f: (u: number) => number, variance: number, order = 100): number {
  requireFn(f, 'f');
  requireVariance(variance, 'variance');
  const { nodes, weights } = gaussHermite(order);
  const s = Math.sqrt(variance);
  let acc = 0;
  for (let k = 0; k < nodes.length; k++) acc += weights[k] * f(s * nodes[k]);
  return finite(acc, 'f');
}

/** Cholesky of [[a, c], [c, b]]: ℓ11 = √a, ℓ21 = c/ℓ11, ℓ22 = √max(b − ℓ21², 0) (the clamp handles c² = ab). */
function cholesky2(cov: Covariance2): [number, number, number] {
  const l11 = Math.sqrt(cov.a);
  const l21 = l11 > 0 ? cov.c / l11 : 0;
  const l22 = Math.sqrt(Math.max(cov.b - l21 * l21, 0));
  return [l11, l21, l22];
}

/** E f(u, v) for (u, v) ~ N(0, cov), by the tensor rule on the Cholesky factor (a = 0 gives u ≡ 0 exactly). */
export function expect2d(f: (u: number, v: number) => number, cov: Covariance2, order = 100): number {
  requireFn(f, 'f');
  requireCovariance(cov, 'cov');
  const { nodes, weights } = gaussHermite(order);
  const [l11, l21, l22] = cholesky2(cov);
  let acc = 0;
  for (let k = 0; k < nodes.length; k++) {
    const u = l11 * nodes[k], base = l21 * nodes[k];
    let inner = 0;
    for (let l = 0; l < nodes.length; l++) inner += weights[l] * f(u, base + l22 * nodes[l]);
    acc += weights[k] * inner;
  }
  return finite(acc, 'f');
}

/** E f(u) g(v) for (u, v) ~ N(0, cov): expect2d with f(ℓ11 z_k) evaluated once per node. */
export function expectProduct(f: (u: number) => number, g: (v: number) => number, cov: Covariance2, order = 100): number {
  requireFn(f, 'f');
  requireFn(g, 'g');
  requireCovariance(cov, 'cov');
  return productGH(f, g, cov, gaussHermite(order));
}

function productGH(f: (u: number) => number, g: (v: number) => number, cov: Covariance2, rule: GaussHermiteRule): number {
  const { nodes, weights } = rule;
  const [l11, l21, l22] = cholesky2(cov);
  let acc = 0;
  for (let k = 0; k < nodes.length; k++) {
    const fu = f(l11 * nodes[k]);
    if (fu === 0) continue;
    const base = l21 * nodes[k];
    let inner = 0;
    for (let l = 0; l < nodes.length; l++) inner += weights[l] * g(base + l22 * nodes[l]);
    acc += weights[k] * fu * inner;
  }
  return acc;
}

function finite(x: number, argument: string): number {
  if (!Number.isFinite(x)) throw new NonFiniteError(`the expectation of ${argument} is not finite (${x})`, argument);
  return x;
}

/**
 * The Gaussian moments of one activation that every recursion needs (σ's "dual" kernels):
 *   mean(a) = E σ(u), u ~ N(0, a);  dual(cov) = E σ(u)σ(v);  derivativeDual(cov) = E σ'(u)σ'(v).
 * `closedForm` says whether they are exact (ReLU arc-cosine degrees 1 and 0, erf / erf+s₀, linear, z²) or GH.
 */
export interface GaussianMoments {
  readonly name: string;
  readonly closedForm: boolean;
  /** The GH order used (0 for closed forms). */
  readonly order: number;
  mean(a: number): number;
  dual(cov: Covariance2): number;
  derivativeDual(cov: Covariance2): number;
}

/** The moments of `act`: closed forms by name for the library's relu, erf, erf+s₀, linear, square; GH otherwise. */
export function gaussianMoments(act: Activation, order?: number): GaussianMoments {
  requireActivation(act, 'act');
  if (order !== undefined && order !== null) requirePositiveInt(order, 'order');
  const closed = closedFormMoments(act);
  if (closed) return closed;
  const N = order ?? defaultOrder(act);
  const rule = gaussHermite(N);
  const s = (x: number): number => act.value(x);
  const d = (x: number): number => act.derivative(x);
  return {
    name: act.name,
    closedForm: false,
    order: N,
    mean: (a) => {
      requireVariance(a, 'a');
      const r = Math.sqrt(a);
      let acc = 0;
      for (let k = 0; k < rule.nodes.length; k++) acc += rule.weights[k] * s(r * rule.nodes[k]);
      return acc;
    },
    dual: (cov) => { requireCovariance(cov, 'cov'); return productGH(s, s, cov, rule); },
    derivativeDual: (cov) => { requireCovariance(cov, 'cov'); return productGH(d, d, cov, rule); },
  };
}

/** cos θ of a 2×2 covariance, clipped to [−1, 1] (rounding can push it past ±1 and give NaN in acos). */
function correlation(cov: Covariance2): number {
  const s = Math.sqrt(cov.a * cov.b);
  return s > 0 ? Math.min(1, Math.max(-1, cov.c / s)) : 0;
}

function closedFormMoments(act: Activation): GaussianMoments | null {
  const base = { name: act.name, closedForm: true, order: 0 };
  if (act.name === 'relu') {
    return {
      ...base,
      mean: (a) => Math.sqrt(requireVariance(a, 'a') / (2 * Math.PI)),
      // Degree-1 arc-cosine kernel (not in the thesis; catalog 002b §2.3, 001-003-004 CF-1).
      dual: (cov) => {
        requireCovariance(cov, 'cov');
        const s = Math.sqrt(cov.a * cov.b);
        if (s === 0) return 0;
        const theta = Math.acos(correlation(cov));
        return (s / (2 * Math.PI)) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta));
      },
      // Degree 0: P(u > 0, v > 0) = (π − θ)/(2π); a zero variance means u ≡ 0, σ'(0) = 0.
      derivativeDual: (cov) => {
        requireCovariance(cov, 'cov');
        if (cov.a === 0 || cov.b === 0) return 0;
        return (Math.PI - Math.acos(correlation(cov))) / (2 * Math.PI);
      },
    };
  }
  const shift = erfShift(act.name);
  if (shift !== null) {
    return {
      ...base,
      mean: (a) => { requireVariance(a, 'a'); return shift; },
      // E erf(u) erf(v) = (2/π) arcsin(2c/√((1+2a)(1+2b))); the shift adds s₀² (E erf = 0).
      dual: (cov) => {
        requireCovariance(cov, 'cov');
        const r = (2 * cov.c) / Math.sqrt((1 + 2 * cov.a) * (1 + 2 * cov.b));
        return (2 / Math.PI) * Math.asin(Math.min(1, Math.max(-1, r))) + shift * shift;
      },
      // E erf'(u) erf'(v) = (4/π) det(I + 2Σ)^{−1/2}.
      derivativeDual: (cov) => {
        requireCovariance(cov, 'cov');
        return 4 / (Math.PI * Math.sqrt((1 + 2 * cov.a) * (1 + 2 * cov.b) - 4 * cov.c * cov.c));
      },
    };
  }
  if (act.name === 'linear') {
    return {
      ...base,
      mean: (a) => { requireVariance(a, 'a'); return 0; },
      dual: (cov) => { requireCovariance(cov, 'cov'); return cov.c; },
      derivativeDual: (cov) => { requireCovariance(cov, 'cov'); return 1; },
    };
  }
  if (act.name === 'square') {
    return {
      ...base,
      mean: (a) => requireVariance(a, 'a'),
      // Isserlis: E u²v² = ab + 2c²; E (2u)(2v) = 4c.
      dual: (cov) => { requireCovariance(cov, 'cov'); return cov.a * cov.b + 2 * cov.c * cov.c; },
      derivativeDual: (cov) => { requireCovariance(cov, 'cov'); return 4 * cov.c; },
    };
  }
  return null;
}

/** s₀ for the names 'erf' and 'erf+<s₀>' (activations.ts shiftedErf), else null. */
function erfShift(name: string): number | null {
  if (name === 'erf') return 0;
  if (!name.startsWith('erf+')) return null;
  const s0 = Number(name.slice(4));
  return Number.isFinite(s0) ? s0 : null;
}

/**
 * c_σ = 1/E_{z~N(0,1)} σ(z)² (thesis (3.2)), computed with the same moments (closed form or the same GH
 * order) as the recursions, so that K^(h)_ii = 1 holds to round-off (thesis Definition 3.1; catalog 002b §1, §2.4.1).
 * ReLU 2; erf π/(2 arcsin(2/3)) ≈ 2.1525789; softplus ≈ 1.0854865; tanh ≈ 2.5361754.
 */
export function cSigma(act: Activation, order?: number): number {
  const m = gaussianMoments(act, order);
  const second = m.dual({ a: 1, c: 1, b: 1 });
  if (!(second > 0)) throw new DomainError(`E σ(z)² = ${second} for ${act.name}: c_σ is undefined`, 'act');
  return 1 / second;
}

/** χ = c_σ E σ'(z)² (derived, not in the thesis; catalog 002b §2.3): the slope of the normalized correlation map at 1, the FC depth rate. */
export function chi(act: Activation, order?: number): number {
  const m = gaussianMoments(act, order);
  return cSigma(act, order) * m.derivativeDual({ a: 1, c: 1, b: 1 });
}
