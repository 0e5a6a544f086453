/**
 * Tests written to kill mutants of src/core/eigen.ts that survived `npx stryker run --mutate
 * src/core/eigen.ts` (docs/mutation-eigen-activations.md lists them, and the ones left alive as
 * equivalent). Each test names the code it pins down. Inputs are fixed; the oracle is either exact
 * (diagonal or block-diagonal T, 2×2 closed forms) or Weyl's bound for a nearly decoupled T.
 */
import { describe, expect, it } from 'vitest';
import {
  eigenExtremes, sturmCount, symmetricEigenvalueAt, symmetricEigenvaluesFast, tridiagonalEigenvalue,
  tridiagonalEigenvalues, tridiagonalEigenvaluesQL, tridiagonalize, type Tridiagonal,
} from '../src/core/eigen.ts';
import { DomainError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { caught, expectTyped, mat } from './helpers.ts';

const EPS = 2 ** -52;
const SAFMIN = 2 ** -1022;
const F = (...v: number[]) => Float64Array.from(v);
const tri = (d: number[], e: number[]): Tridiagonal => ({ d: F(...d), e: F(...e) });

/** f throws `cls` naming `argument`, with exactly `message`. */
function expectMessage(f: () => unknown, cls: typeof ShapeError | typeof DomainError, argument: string, message: string): void {
  expectTyped(f, cls, argument);
  expect(caught(f).message).toBe(message);
}

describe('src/core/eigen.ts: tridiagonalize', () => {
  it('the Householder sign: e₀ = −sign(x₀)·‖x‖ with sign(0) = +, exactly (x = A[1.., 0])', () => {
    // x = (3, 4): α = −5; x = (−3, 4): α = +5; x = (0, 4): x₀ ≥ 0, so α = −4.
    const cases: Array<[number, number, number]> = [[3, 4, -5], [-3, 4, 5], [0, 4, -4]];
    for (const [x0, x1, e0] of cases) {
      const A = mat(3, 3, [1, x0, x1, x0, 2, 0, x1, 0, 5]);
      const { d, e } = tridiagonalize(A);
      expect(e[0], `x = (${x0}, ${x1})`).toBe(e0);
      expect(d[0]).toBe(1);
      // The rest of T: trace and Frobenius norm are preserved (T = QᵀAQ).
      expect(d[0] + d[1] + d[2]).toBeCloseTo(8, 13);
      expect(d[1] * d[1] + d[2] * d[2] + 2 * e[1] * e[1]).toBeCloseTo(29, 12); // ‖A[1.., 1..]‖²_F
    }
    // (3, 4) → e = (−5, −1.44), d = (1, 3.92, 3.08); (−3, 4) → the mirror image, e = (5, 1.44).
    const a = tridiagonalize(mat(3, 3, [1, 3, 4, 3, 2, 0, 4, 0, 5]));
    const b = tridiagonalize(mat(3, 3, [1, -3, 4, -3, 2, 0, 4, 0, 5]));
    expect(a.d[1]).toBeCloseTo(3.92, 14);
    expect(a.d[2]).toBeCloseTo(3.08, 14);
    expect(a.e[1]).toBeCloseTo(-1.44, 14);
    expect(b.e[1]).toBeCloseTo(1.44, 14);
  });

  it('a 1×1 or 2×2 matrix is already tridiagonal: returned bit for bit (no reflection, even with a subnormal corner)', () => {
    // A reflection of the last 1-vector is the identity in exact arithmetic, but not in subnormal
    // arithmetic: K = ¼·ptv rounds 0.5 ulp to 0, and A[n−1][n−1] = 5e-324 would become −1.5e-323.
    for (const corner of [5e-324, 1.5e-323, -5e-324, 2, 0]) {
      const t = tridiagonalize(mat(2, 2, [0, 1, 1, corner]));
      expect(Array.from(t.d)).toEqual([0, corner]);
      expect(Array.from(t.e)).toEqual([1]);
    }
    const one = tridiagonalize(mat(1, 1, [5e-324]));
    expect(Array.from(one.d)).toEqual([5e-324]);
    expect(one.e.length).toBe(0);
  });
});

describe('src/core/eigen.ts: validation of T, k and x', () => {
  const entries: Array<[string, (t: Tridiagonal) => unknown]> = [
    ['tridiagonalEigenvalue', (t) => tridiagonalEigenvalue(t, 0)],
    ['tridiagonalEigenvalues', (t) => tridiagonalEigenvalues(t)],
    ['tridiagonalEigenvaluesQL', (t) => tridiagonalEigenvaluesQL(t)],
    ['sturmCount', (t) => sturmCount(t, 0)],
  ];

  it('requireTridiagonal rejects null, a non-object, and d or e that are not Float64Arrays, with its message', () => {
    const msg = 't must be { d: Float64Array, e: Float64Array }';
    const fn = Object.assign(() => 0, { d: F(1, 2), e: F(1) }); // a function is not a T, even with d and e
    const bad: unknown[] = [null, 5, fn, { d: F(1, 2), e: [1] }, { d: [1, 2], e: F(1) }, { d: F(1, 2) }, { e: F(1) }];
    for (const [, f] of entries) for (const t of bad) expectMessage(() => f(t as Tridiagonal), ShapeError, 't', msg);
  });

  it('requireTridiagonal: empty d, wrong length of e, non-finite entries (messages name the index)', () => {
    for (const [, f] of entries) {
      expectMessage(() => f(tri([], [])), ShapeError, 't', 't.d is empty');
      expectMessage(() => f(tri([1, 2], [])), ShapeError, 't', 't.e has length 0, expected 1');
      expectMessage(() => f(tri([1, 2], [1, 1])), ShapeError, 't', 't.e has length 2, expected 1');
      expectMessage(() => f(tri([1, NaN, 3], [0, 0])), DomainError, 't', 't.d[1] is NaN');
      expectMessage(() => f(tri([Infinity], [])), DomainError, 't', 't.d[0] is Infinity');
      expectMessage(() => f(tri([1, 2, 3], [0, -Infinity])), DomainError, 't', 't.e[1] is -Infinity');
    }
  });

  it('sturmCount rejects a non-finite x with its message', () => {
    expectMessage(() => sturmCount(tri([1], []), NaN), DomainError, 'x', 'x must be finite, got NaN');
    expectMessage(() => sturmCount(tri([1], []), -Infinity), DomainError, 'x', 'x must be finite, got -Infinity');
  });

  it('requireK: k must be an integer in [0, n), with its message', () => {
    const t = tri([1, 2], [0]);
    for (const k of [-1, 0.5, 2, NaN]) {
      expectMessage(() => tridiagonalEigenvalue(t, k), ShapeError, 'k', `k = ${k} is not an index in [0, 2)`);
      expectMessage(() => symmetricEigenvalueAt(mat(2, 2, [1, 0, 0, 2]), k), ShapeError, 'k', `k = ${k} is not an index in [0, 2)`);
    }
    expect(tridiagonalEigenvalue(t, 1)).toBe(2);
  });

  it('symmetricEigenvalueAt names a non-square a', () => {
    expectMessage(() => symmetricEigenvalueAt(zeros(2, 3), 0), ShapeError, 'a', 'a is 2×3, expected square');
  });
});

describe('src/core/eigen.ts: Sturm counts (LAPACK negcount with the pivmin guard)', () => {
  it('a pivot equal to pivmin is kept (|q| < pivmin, not ≤): the eigenvalue 2⁻¹⁰²² > 0 is not counted at 0', () => {
    expect(sturmCount(tri([SAFMIN], []), 0)).toBe(0); // first pivot
    expect(sturmCount(tri([1, SAFMIN], [0]), 0)).toBe(0); // a later pivot
    expect(sturmCount(tri([1, SAFMIN], [0]), SAFMIN)).toBe(1);
  });

  it('a zero pivot becomes −pivmin at every step, so repeated eigenvalues at x are all counted', () => {
    expect(sturmCount(tri([1, 1], [0]), 1)).toBe(2);
    expect(sturmCount(tri([1, 1, 1], [0, 0]), 1)).toBe(3);
    expect(sturmCount(tri([0, 0], [0]), 0)).toBe(2);
    expect(sturmCount(tri([1, 1, 1], [0, 0]), 1 - 1e-15)).toBe(0);
  });

  it('pivmin = 2⁻¹⁰²²·max(1, max e²) never underflows to 0: T = [[0, 1e10], [1e10, 0]] has one eigenvalue ≤ 0', () => {
    expect(sturmCount(tri([0, 0], [1e10]), 0)).toBe(1);
    expect(sturmCount(tri([0, 0], [1e-10]), 0)).toBe(1);
    expect(tridiagonalEigenvalues(tri([0, 0], [1e10]))).toEqual(F(-1e10, 1e10));
  });
});

describe('src/core/eigen.ts: bisection', () => {
  it('the floor is relative to ‖T‖ (1e-3·ε·‖T‖): tiny diagonal eigenvalues come back exactly', () => {
    expect(tridiagonalEigenvalues(tri([1e-10, 2e-10], [0]))).toEqual(F(1e-10, 2e-10));
    expect(tridiagonalEigenvalues(tri([-3e-20, 5e-20, 1e-20], [0, 0]))).toEqual(F(-3e-20, 1e-20, 5e-20));
    const { min, max } = eigenExtremes(mat(2, 2, [2e-12, 0, 0, -1e-12]));
    expect([min, max]).toEqual([-1e-12, 2e-12]);
  });

  it('the start bracket is padded by 2ε‖T‖n (not by 2‖T‖n/ε, which overflows at ‖T‖ = 1e300)', () => {
    expect(tridiagonalEigenvalue(tri([1e300], []), 0)).toBe(1e300);
    expect(tridiagonalEigenvalues(tri([1e300, -1e300], [0]))).toEqual(F(-1e300, 1e300));
    expect(eigenExtremes(mat(1, 1, [-2e300]))).toEqual({ min: -2e300, max: -2e300 });
  });

  it('the pad grows with n (2ε‖T‖n): diag(−4, 1, 2, 3, 4) comes back exactly, the Gershgorin end −4 stays outside the bracket', () => {
    // With a pad of 2ε‖T‖/n (< half an ulp of 4 for n = 5) lo rounds to −4 itself, count(lo) = 1 > 0
    // breaks the invariant and bisection returns the next float above −4.
    expect(tridiagonalEigenvalues(tri([-4, 1, 2, 3, 4], [0, 0, 0, 0]))).toEqual(F(-4, 1, 2, 3, 4));
    expect(tridiagonalEigenvalues(tri([4, 3, 2, 1, -4, 0.5, 0.25], [0, 0, 0, 0, 0, 0]))).toEqual(F(-4, 0.25, 0.5, 1, 2, 3, 4));
  });

  it('tiny norms: the error is below the pivmin guard 2⁻¹⁰²² (the bracket pad includes +2·pivmin)', () => {
    for (const a of [0, 1e-300, -1e-300, 1e-307]) {
      const v = tridiagonalEigenvalue(tri([a], []), 0);
      expect(Math.abs(v - a), `λ = ${a}`).toBeLessThan(SAFMIN);
    }
    const z = eigenExtremes(zeros(3, 3));
    expect(Math.abs(z.min)).toBeLessThan(SAFMIN);
    expect(Math.abs(z.max)).toBeLessThan(SAFMIN);
  });

  it('bisection stops at its iteration cap when the Gershgorin bracket is not finite (e² overflows; value not asserted)', () => {
    // |e| = 1e160: e² = ∞, the bracket is (−∞, ∞) and every midpoint is NaN; only the cap of 2100
    // iterations ends the loop. (The value is wrong — see docs/mutation-eigen-activations.md.)
    const v = tridiagonalEigenvalue(tri([0, 0], [1e160]), 0);
    expect(typeof v).toBe('number');
  });
});

describe('src/core/eigen.ts: QL (tql1)', () => {
  it('the Wilkinson shift g = (d₁ − d₀)/(2e₀): an off-diagonal 1e50× the diagonal converges to ±√(e² + …)', () => {
    // Eigenvalues of [[1, e], [e, −1/2]]: 1/4 ± √(9/16 + e²) = ±1e50 to 1 ulp.
    for (const e of [1e50, 1e100, -1e30]) {
      const got = tridiagonalEigenvaluesQL(tri([1, -0.5], [e]));
      const want = Math.hypot(e, 0.75);
      expect(Math.abs(got[0] + want) / want).toBeLessThan(4 * EPS);
      expect(Math.abs(got[1] - want) / want).toBeLessThan(4 * EPS);
    }
  });

  it('deflation on underflow (r = 0): a block coupled by 1e-170 keeps its eigenvalues ±1', () => {
    // T = [[0,1],[1,0]] ⊕ [[0,a],[a,0]] coupled by c = 1e-170 (a = 1e170). By Weyl the eigenvalues
    // are ±1 and ±a to within |c|; the rotation in QL underflows (s·e = 0, g = 0) and the r = 0 branch
    // deflates. Without it the sweep divides 0/0 (no convergence) or loses the ±1.
    for (const [c, a] of [[1e-170, 1e170], [1e-188, 1e288], [1e-200, 1e200]]) {
      const got = tridiagonalEigenvaluesQL(tri([0, 0, 0, 0], [1, -c, a]));
      expect(Math.abs(got[0] + a) / a).toBeLessThan(4 * EPS);
      expect(Math.abs(got[1] + 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(got[2] - 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(got[3] - a) / a).toBeLessThan(4 * EPS);
    }
  });

  it('non-convergence is a DomainError naming t with its message, not an endless loop (|d₀ − d₂| overflows)', () => {
    expectMessage(
      () => tridiagonalEigenvaluesQL(tri([1.5e308, 0, -1.5e308], [1e300, 1e300])),
      DomainError, 't', 'QL iteration did not converge for eigenvalue 0',
    );
    expect(() => symmetricEigenvaluesFast(mat(2, 2, [1, 0, 0, 2]))).not.toThrow();
  });
});
