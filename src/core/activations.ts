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
    derivative: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    homogeneous: false,
    degree: null,
    linear: false,
  };
}

export function sigmoid(): Activation {
  const s = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  return {
    name: 'sigmoid',
    value: s,
    derivative: (x) => {
      const v = s(x);
      return v * (1 - v);
    },
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
  return {
    name: 'erf',
    value: (x) => erf(x),
    derivative: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
    homogeneous: false,
    degree: null,
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
export type ActivationName = 'relu' | 'leaky' | 'linear' | 'piecewise' | 'tanh' | 'softplus' | 'sigmoid' | 'gelu' | 'erf' | 'relu2';

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
    default: throw new DomainError(`unknown activation '${String(name)}'`, 'name');
  }
}
