/**
 * src/core/special.ts against reference values. References: scipy 1.17 (scipy.special.erf, gammaln,
 * betainc), computed once by hand for these tests; python is not a project dependency.
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError } from '../src/core/errors.ts';
import { bisect, erf, logGamma, normalCdf, regularizedBeta } from '../src/core/special.ts';
import { expectTyped } from './helpers.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('erf', () => {
  it('matches known values to ~1e-16 relative', () => {
    const ref: Array<[number, number]> = [
      [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527],
      [-0.3, -0.3286267594591274], [0.1, 0.1124629160182849], [3.5, 0.9999992569016276],
      [5, 0.9999999999984626], [-2.5, -0.999593047982555], [1e-5, 1.1283791670579e-05],
      [0.49999, 0.5204910899433182], [0.5000001, 0.5204999656913], [2.99, 0.9999764743969194],
    ];
    for (const [x, want] of ref) expect(rel(erf(x), want), `erf(${x})`).toBeLessThan(1.5e-15);
    expect(erf(0)).toBe(0);
    expect(erf(30)).toBe(1);
  });

  it('is odd, monotone and continuous across its branch points (0.5 and 3)', () => {
    let prev = -1;
    for (let x = -4; x <= 4; x += 1 / 64) {
      expect(erf(-x) === -erf(x)).toBe(true);
      expect(erf(x)).toBeGreaterThanOrEqual(prev);
      prev = erf(x);
    }
    for (const b of [0.5, 3]) {
      const lo = erf(b * (1 - 1e-15)), hi = erf(b);
      expect(Math.abs(hi - lo)).toBeLessThan(1e-14);
    }
  });

  it('rejects non-finite x', () => {
    expectTyped(() => erf(NaN), NonFiniteError, 'x');
    expectTyped(() => erf(Infinity), NonFiniteError, 'x');
  });
});

describe('normalCdf', () => {
  it('known quantiles', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 15);
  });
  it('rejects non-finite z, naming z', () => {
    expectTyped(() => normalCdf(NaN), NonFiniteError, 'z');
    expectTyped(() => normalCdf(-Infinity), NonFiniteError, 'z');
  });
});

describe('logGamma', () => {
  it('matches known values', () => {
    const ref: Array<[number, number]> = [
      [0.5, 0.5723649429247], [3.7, 1.428072326665388], [10, 12.801827480081469],
      [100.5, 361.43554046777757], [0.01, 4.599479878042022],
    ];
    for (const [x, want] of ref) expect(rel(logGamma(x), want), `lnΓ(${x})`).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    // ln 10! = ln 3628800
    expect(rel(logGamma(11), Math.log(3628800))).toBeLessThan(1e-15);
  });
  it('below 1/2 uses the reflection formula (accurate to 1e-14)', () => {
    // ln Γ(1/4) and ln Γ(10⁻³), from Γ(1/4) = 3.6256099082219083119 and Γ(z) ≈ 1/z − γ near 0.
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.6256099082219083119), 14);
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383853, 12);
  });
  it('rejects x ≤ 0 and non-finite x', () => {
    expectTyped(() => logGamma(0), DomainError, 'x');
    expectTyped(() => logGamma(-2.5), DomainError, 'x');
    expectTyped(() => logGamma(NaN), NonFiniteError, 'x');
    expectTyped(() => logGamma(Infinity), NonFiniteError, 'x');
  });
});

describe('regularizedBeta I_x(a, b)', () => {
  it('matches known values', () => {
    const ref: Array<[number, number, number, number]> = [
      [0.3, 2, 5, 0.5798250000000003], [0.7, 0.5, 0.5, 0.6309898804344546], [0.01, 10, 3, 6.480550000000001e-19],
      [0.5, 100, 100, 0.5], [0.2, 1, 1, 0.2],
    ];
    for (const [x, a, b, want] of ref) expect(rel(regularizedBeta(x, a, b), want), `I_${x}(${a},${b})`).toBeLessThan(2e-13);
    expect(regularizedBeta(0.999, 3, 40)).toBeCloseTo(1, 15);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; arcsine law I_x(½, ½) = (2/π) asin √x.
    expect(rel(regularizedBeta(0.37, 4.5, 1), 0.37 ** 4.5)).toBeLessThan(1e-13);
    expect(rel(regularizedBeta(0.37, 1, 6), 1 - 0.63 ** 6)).toBeLessThan(1e-13);
    expect(rel(regularizedBeta(0.1, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.1)))).toBeLessThan(1e-13);
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const [x, a, b] of [[0.2, 3, 7], [0.65, 0.7, 2.5], [0.5, 12, 12], [0.9, 30, 2]]) {
      expect(Math.abs(regularizedBeta(x, a, b) - (1 - regularizedBeta(1 - x, b, a)))).toBeLessThan(1e-14);
    }
  });

  it('rejects x outside [0, 1], non-positive or non-finite shape parameters', () => {
    expectTyped(() => regularizedBeta(1.5, 1, 1), DomainError, 'x');
    expectTyped(() => regularizedBeta(-0.1, 1, 1), DomainError, 'x');
    expectTyped(() => regularizedBeta(NaN, 1, 1), NonFiniteError, 'x');
    expectTyped(() => regularizedBeta(0.5, 0, 1), DomainError, 'a');
    expectTyped(() => regularizedBeta(0.5, 1, -1), DomainError, 'b');
    expectTyped(() => regularizedBeta(0.5, 1, NaN), NonFiniteError, 'b');
    expectTyped(() => regularizedBeta(0.5, Infinity, 1), NonFiniteError, 'a');
  });
});

describe('bisect', () => {
  it('inverts a monotone function to double precision', () => {
    expect(bisect((x) => x ** 3, 2, 0, 2)).toBeCloseTo(Math.cbrt(2), 15);
    expect(bisect((x) => erf(x), 0.5, 0, 3)).toBeCloseTo(0.4769362762044699, 15);
  });
  it('rejects a bad bracket, target or function', () => {
    expectTyped(() => bisect((x) => x, 0.5, 1, 0), DomainError, 'hi');
    expectTyped(() => bisect((x) => x, 0.5, 0, 0), DomainError, 'hi');
    expectTyped(() => bisect((x) => x, NaN, 0, 1), NonFiniteError, 'target');
    expectTyped(() => bisect((x) => x, 0.5, -Infinity, 1), NonFiniteError, 'lo');
    expectTyped(() => bisect((x) => x, 0.5, 0, NaN), NonFiniteError, 'hi');
    expectTyped(() => bisect(null as unknown as (x: number) => number, 0.5, 0, 1), DomainError, 'f');
    expectTyped(() => bisect(3 as unknown as (x: number) => number, 0, 0, 1), DomainError, 'f');
  });
});
