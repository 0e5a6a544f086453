/**
 * Coordinate-wise activations with their derivative and homogeneity facts.
 *
 * Thesis §4.2.1 needs σ(x) = σ'(x)·x for every x and every element of the (Clarke) sub-differential:
 * positive 1-homogeneity, i.e. σ(x) = a₊x for x ≥ 0 and a₋x for x < 0 (thesis §4.2.1; catalog 002c §3.4). The
 * derivative returned at a kink is one fixed element of the sub-differential (footnotes 4–5: any
 * choice works because σ'(0)·0 = σ(0) = 0). Non-homogeneous activations (tanh, softplus, sigmoid,
 * GELU, max(0,x)^k) are here for the negative controls.
 */
import { DomainError, requireFiniteNumber } from './errors.ts';
import { erf } from './special.ts';

export interface Activation {
  /** A short label used in case details ('relu', 'leaky(0.3)', 'tanh', ...). */
  readonly name: string;
  value(x: number): number;
  /** dσ/dx; at a kink, one element of the sub-differential (fixed per activation). */
  derivative(x: number): number;
  /** σ(x) = σ'(x)·x for all x (thesis §4.2.1): positively 1-homogeneous, piecewise linear. */
  readonly homogeneous: boolean;
  /** k with σ'(x)·x = k·σ(x) for all x (1 for the homogeneous family, k for max(0,x)^k), else null. */
  readonly degree: number | null;
  /** σ(x) = x: Theorem 4.2 needs this at the layer between W^(h) and W^(h+1). */
  readonly linear: boolean;
  /** σ''(x), where σ is twice differentiable (the smooth activations of thesis Condition 3.1). */
  secondDerivative?(x: number): number;
  /** σ'''(x), for the σ'-kernel Lipschitz constant γ of thesis Lemma 3.22 (catalog 002b §3.34). */
  thirdDerivative?(x: number): number;
  /**
   * Condition 3.1 constants (thesis ch. 3; catalog 002b §2.3, §3.1), each a sharp supremum, null when it
   * does not exist: lipschitz L = sup|σ'|; smoothness β = sup|σ''| (the Lipschitz constant of σ', null for a
   * kink); thirdBound γ = sup|σ'''|. Absent when not worked out for the activation.
   */
  readonly lipschitz?: number | null;
  readonly smoothness?: number | null;
  readonly thirdBound?: number | null;
}

/**
 * σ(x) = a₊x (x ≥ 0), a₋x (x < 0): the general homogeneous activation of thesis §4.2.1 (catalog 002c §3.4).
 * σ'(0) = a₊ (an element of [min a±, max a±]).
 */
export function piecewiseLinear(aPlus: number, aMinus: number, name?: string): Activation {
  requireFiniteNumber(aPlus, 'aPlus');
  requireFiniteNumber(aMinus, 'aMinus');
  const linear = aPlus === 1 && aMinus === 1;
  return {
    name: name ?? `pl(${fmtCoef(aPlus)},${fmtCoef(aMinus)})`,
    value: (x) => (x >= 0 ? aPlus * x : aMinus * x),
    derivative: (x) => (x >= 0 ? aPlus : aMinus),
    homogeneous: true,
    degree: 1,
    linear,
    lipschitz: Math.max(Math.abs(aPlus), Math.abs(aMinus)),
    // σ' jumps at 0 unless both slopes agree (then σ is linear: σ'' ≡ 0).
    smoothness: aPlus === aMinus ? 0 : null,
    thirdBound: aPlus === aMinus ? 0 : null,
    ...(aPlus === aMinus ? { secondDerivative: () => 0, thirdDerivative: () => 0 } : {}),
  };
}

function fmtCoef(a: number): string {
  return Number.isInteger(a) ? String(a) : a.toPrecision(3);
}

/** max(0, x) with σ'(0) = 0 (the backprop convention; footnote 5 says any value in [0, 1] works). */
export function relu(): Activation {
  return {
    name: 'relu',
    value: (x) => (x > 0 ? x : 0),
    derivative: (x) => (x > 0 ? 1 : 0),
    homogeneous: true,
    degree: 1,
    linear: false,
    // Not smooth: σ' jumps at 0 (ReLU violates Condition 3.1's second half, catalog 002b §2.3).
    lipschitz: 1,
    smoothness: null,
    thirdBound: null,
  };
}

/** max(x, a·x) for a slope a ∈ (0, 1) on the negative side. */
export function leakyRelu(a: number): Activation {
  requireFiniteNumber(a, 'a');
  if (!(a > 0 && a < 1)) throw new DomainError(`leaky ReLU slope must be in (0, 1), got ${a}`, 'a');
  return { ...piecewiseLinear(1, a), name: `leaky(${fmtCoef(a)})` };
}

export function linear(): Activation {
  return { ...piecewiseLinear(1, 1), name: 'linear', linear: true };
}

/** tanh: σ(x) − σ'(x)x = tanh x − x sech²x ≠ 0 for x ≠ 0 (the negative control of thesis §4.2.1's homogeneity). */
export function tanh(): Activation {
  return {
    name: 'tanh',
    value: (x) => Math.tanh(x),
    derivative: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    secondDerivative: (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
    thirdDerivative: (x) => {
      const t = Math.tanh(x);
      return -2 * (1 - t * t) * (1 - 3 * t * t);
    },
    // β = 4/(3√3) at tanh x = ±1/√3; γ = 2 at 0 (thesis Condition 3.1, Lemma 3.22; catalog 002b §3.1, §3.34).
    lipschitz: 1,
    smoothness: 4 / (3 * Math.sqrt(3)),
    thirdBound: 2,
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

/** log(1 + eˣ), computed without overflow; σ(0) = log 2 ≠ 0, so it is not homogeneous. */
export function softplus(): Activation {
  return {
    name: 'softplus',
    value: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    derivative: logistic,
    secondDerivative: (x) => {
      const v = logistic(x);
      return v * (1 - v);
    },
    thirdDerivative: (x) => {
      const v = logistic(x);
      return v * (1 - v) * (1 - 2 * v);
    },
    // β = sup s(1−s) = 1/4 at 0 (the thesis says 1: valid but loose, erratum 002b.E1); γ = 1/(6√3).
    lipschitz: 1,
    smoothness: 0.25,
    thirdBound: 1 / (6 * Math.sqrt(3)),
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

/** The logistic function 1/(1 + e⁻ˣ), without overflow (softplus' derivative, sigmoid's value). */
function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function sigmoid(): Activation {
  const s = logistic;
  return {
    name: 'sigmoid',
    value: s,
    derivative: (x) => {
      const v = s(x);
      return v * (1 - v);
    },
    secondDerivative: (x) => {
      const v = s(x);
      return v * (1 - v) * (1 - 2 * v);
    },
    thirdDerivative: (x) => {
      const v = s(x);
      const p = v * (1 - v);
      return p * (1 - 6 * p);
    },
    // With p = s(1−s) ∈ (0, 1/4]: L = 1/4, β = 1/(6√3) (thesis Condition 3.1; catalog 002b §2.3), γ = sup|p(1 − 6p)| = 1/8 at 0.
    lipschitz: 0.25,
    smoothness: 1 / (6 * Math.sqrt(3)),
    thirdBound: 0.125,
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

/** GELU x·Φ(x) (exact, with erf). */
export function gelu(): Activation {
  const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const Phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));
  return {
    name: 'gelu',
    value: (x) => x * Phi(x),
    derivative: (x) => Phi(x) + x * phi(x),
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

/** erf(x): odd, smooth, bounded; the review's (003 §2.3) and the supplement's (004) analytic activation. */
export function erfActivation(): Activation {
  return shifted('erf', 0);
}

/**
 * erf(x) + s₀: a test activation (not in the thesis) with a non-zero mean E σ = s₀ (catalog 002b §2.3), which exercises the
 * ResNet mean terms b^(h) in closed form. Named 'erf+<s₀>' (s₀ = 0 is erfActivation()).
 */
export function shiftedErf(s0: number): Activation {
  requireFiniteNumber(s0, 's0');
  return shifted(s0 === 0 ? 'erf' : `erf+${s0}`, s0);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

function shifted(name: string, s0: number): Activation {
  return {
    name,
    value: (x) => erf(x) + s0,
    derivative: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
    secondDerivative: (x) => -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    thirdDerivative: (x) => (4 * x * x - 2) * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    // L = 2/√π at 0, β = 2√2/√(πe) at x = ±1/√2, γ = 4/√π at 0 (thesis Condition 3.1, Lemma 3.22; catalog 002b §2.3, §3.34).
    lipschitz: TWO_OVER_SQRT_PI,
    smoothness: (2 * Math.SQRT2) / Math.sqrt(Math.PI * Math.E),
    thirdBound: 2 * TWO_OVER_SQRT_PI,
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

/**
 * σ(z) = z²: analytic but a polynomial, the negative control of thesis Condition 3.2:
 * its Gram matrices have rank ≤ 1 + d(d+1)/2. Not globally Lipschitz.
 */
export function square(): Activation {
  return {
    name: 'square',
    value: (x) => x * x,
    derivative: (x) => 2 * x,
    secondDerivative: () => 2,
    thirdDerivative: () => 0,
    lipschitz: null,
    smoothness: 2,
    thirdBound: 0,
    homogeneous: false,
    degree: 2,
    linear: false,
  };
}

/** max(0, x)^k, k ≥ 2 an integer: homogeneous of degree k, σ'(x)x = kσ(x) (Euler's identity at degree k), not 1. */
export function reluPower(k: number): Activation {
  requireFiniteNumber(k, 'k');
  if (!Number.isInteger(k) || k < 2) throw new DomainError(`reluPower needs an integer k ≥ 2, got ${k}`, 'k');
  return {
    name: `relu^${k}`,
    value: (x) => (x > 0 ? x ** k : 0),
    derivative: (x) => (x > 0 ? k * x ** (k - 1) : 0),
    homogeneous: false,
    degree: k,
    linear: false,
  };
}

/** Every activation by name (for plain-JSON claim cases). Leaky takes its slope separately. */
export type ActivationName = 'relu' | 'leaky' | 'linear' | 'piecewise' | 'tanh' | 'softplus' | 'sigmoid' | 'gelu' | 'erf' | 'relu2' | 'square';

export function activationByName(name: ActivationName, param = 0.2, param2 = -0.7): Activation {
  switch (name) {
    case 'relu': return relu();
    case 'leaky': return leakyRelu(param);
    case 'linear': return linear();
    case 'piecewise': return piecewiseLinear(param, param2);
    case 'tanh': return tanh();
    case 'softplus': return softplus();
    case 'sigmoid': return sigmoid();
    case 'gelu': return gelu();
    case 'erf': return erfActivation();
    case 'relu2': return reluPower(2);
    case 'square': return square();
    default: throw new DomainError(`unknown activation '${String(name)}'`, 'name');
  }
}
