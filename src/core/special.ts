/** Special functions needed by closed forms and statistics. */
import { DomainError, requireFiniteNumber, requirePositive, requireProbability } from './errors.ts';

/**
 * erf(x) to a few ulps: Maclaurin series for |x| < 0.5, the all-positive series
 * erf(x) = (2/√π) e^{−x²} Σ_k 2^k x^{2k+1}/(1·3···(2k+1)) for 0.5 ≤ |x| < 3 (no cancellation), and
 * 1 − erfc(x) by a continued fraction for |x| ≥ 3, where the fraction converges in a few dozen terms.
 */
export function erf(x: number): number {
  requireFiniteNumber(x, 'x');
  const ax = Math.abs(x);
  if (ax < 0.5) {
    // Maclaurin series: fast and accurate near 0, where anti-concentration bounds live.
    let term = x, sum = x;
    const x2 = x * x;
    for (let k = 1; k < 60; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (ax < 3) {
    const x2 = ax * ax;
    let term = ax, sum = ax;
    for (let k = 1; k < 400; k++) {
      term *= (2 * x2) / (2 * k + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    const v = (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
    return x > 0 ? v : -v;
  }
  return x > 0 ? 1 - erfc(x) : erfc(-x) - 1;
}

/** erfc(x) for x ≥ 3 by Lentz's continued fraction (it converges slowly for small x). */
function erfc(x: number): number {
  // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let k = 1; k < 300; k++) {
    const an = k / 2;
    d = x + an * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  requireFiniteNumber(x, 'x');
  if (x <= 0) throw new DomainError(`logGamma needs x > 0, got ${x}`, 'x');
  return logGammaPositive(x);
}

function logGammaPositive(x: number): number {
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGammaPositive(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b) (continued fraction, Numerical Recipes betacf). */
export function regularizedBeta(x: number, a: number, b: number): number {
  requireProbability(x, 'x');
  requirePositive(a, 'a');
  requirePositive(b, 'b');
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGammaPositive(a + b) - logGammaPositive(a) - logGammaPositive(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * betacf(x, a, b) / a;
  return 1 - Math.exp(lnFront) * betacf(1 - x, b, a) / b;
}

function betacf(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c; c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c; c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Inverse of a monotone increasing function on [lo, hi] by bisection (to double precision). */
export function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  if (typeof f !== 'function') throw new DomainError('f must be a function', 'f');
  requireFiniteNumber(target, 'target');
  requireFiniteNumber(lo, 'lo');
  requireFiniteNumber(hi, 'hi');
  if (!(lo < hi)) throw new DomainError(`bisect needs lo < hi, got [${lo}, ${hi}]`, 'hi');
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  requireFiniteNumber(z, 'z');
  return 0.5 * (1 + erf(z / Math.SQRT2));
}
