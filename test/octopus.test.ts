/**
 * src/models/octopus.ts, the strict-saddle "octopus" of thesis Chapter 7 (catalog 002e §2): typed
 * rejection of bad input (error class and the argument named), golden values, piece location at the
 * exact boundaries (|x_k| = τ, = 2τ, = 6τ), glue derivatives against central finite differences, the
 * closed-form spectrum, λmin and transition-block norm against eigenvalues of a finite-difference
 * Hessian, the third-derivative tensor norm against an independent dense-then-refined angle scan,
 * stationary points and mirroring. (docs/mutation-octopus.md: the mutants these tests kill.)
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import {
  distanceToMinima, g1, g1p, g1pp, g1ppp, g2, g2p, g2pp, g2ppp, g2Printed, glueThirdDerivativeNorm, hermiteCubic, hermiteGlue,
  hermiteSlope, hermiteValue, inD, lemma74Glue, locate, minimumPoint, mirror, nuClosedForm, nuOf, octopus, octopusGradient,
  octopusHessian, octopusLambdaMin, octopusPiece, octopusSpectrum, octopusValue, octopusValueGrad, pieceOf, saddlePoint, sgn,
  transitionGridSup, transitionHessianNorm,
} from '../src/models/octopus.ts';
import type { Glue, Octopus, Piece } from '../src/models/octopus.ts';
import { classifyStationary } from '../src/models/stationary.ts';
import { expectTyped } from './helpers.ts';

const E = Math.E;
const asAny = <T>(v: unknown): T => v as T;
const thesis = (): Octopus => octopus(3, E, 1, E);

/** Relative difference |a − b| / max(|b|, 1e-300). */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** Hessian of f at x by central differences of the analytic gradient (symmetrised). */
function fdHessian(o: Octopus, x: number[], h = 1e-6): number[][] {
  const d = x.length, H: number[][] = [];
  for (let i = 0; i < d; i++) {
    const xp = x.slice(), xm = x.slice();
    xp[i] += h; xm[i] -= h;
    const gp = octopusGradient(o, xp), gm = octopusGradient(o, xm);
    H.push(Array.from({ length: d }, (_, j) => (gp[j] - gm[j]) / (2 * h)));
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) H[i][j] = H[j][i] = 0.5 * (H[i][j] + H[j][i]);
  return H;
}

/** Eigenvalues of a symmetric 2×2 [[p, q], [q, r]] by the quadratic formula, ascending. */
function eig2(p: number, q: number, r: number): [number, number] {
  const tr = p + r, det = p * r - q * q, disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
  return [tr / 2 - disc, tr / 2 + disc];
}

/** max_θ |A c³ + 3B c² s + 3C c s²| by a 20 000-point scan of [0, π) and six 5000-fold zooms. */
function bruteTensorNorm(A: number, B: number, C: number): number {
  const f = (t: number): number => {
    const c = Math.cos(t), s = Math.sin(t);
    return Math.abs(A * c ** 3 + 3 * B * c ** 2 * s + 3 * C * c * s ** 2);
  };
  const N = 20000;
  let lo = 0, w = Math.PI, best = 0, bt = 0;
  for (let i = 0; i < N; i++) { const t = lo + (w * i) / N, v = f(t); if (v > best) { best = v; bt = t; } }
  for (let r = 0; r < 6; r++) {
    w = (4 * w) / N; lo = bt - w / 2;
    for (let i = 0; i <= N; i++) { const t = lo + (w * i) / N, v = f(t); if (v > best) { best = v; bt = t; } }
  }
  return best;
}

describe('construction: constants, glue and typed errors', () => {
  it('rejects bad constants with typed errors naming the argument', () => {
    expectTyped(() => octopus(0, 1, 1), DomainError, 'd');
    expectTyped(() => octopus(2.5, 1, 1), DomainError, 'd');
    expectTyped(() => octopus(NaN, 1, 1), NonFiniteError, 'd');
    expectTyped(() => octopus(2, 0, 1), DomainError, 'L');
    expectTyped(() => octopus(2, NaN, 1), NonFiniteError, 'L');
    expectTyped(() => octopus(2, 1, -1), DomainError, 'gamma');
    expectTyped(() => octopus(2, 1, 2), DomainError, 'gamma'); // 2L > γ is required
    expectTyped(() => octopus(2, 1, 1, 0.5), DomainError, 'tau'); // [−1, 1]^d ⊂ D needs τ ≥ 1
    expectTyped(() => octopus(2, 1, 1, Infinity), NonFiniteError, 'tau');
    expectTyped(() => octopus(2, 1, 1, E, { glue: lemma74Glue(2, 1, E) }), DomainError, 'glue');
  });

  it('ν = 4Lτ² − g1(2τ) = τ²(37L + 13γ)/6 at the thesis constants (catalog §2.3)', () => {
    const o = thesis();
    expect(o.nu).toBeCloseTo(139.870432574007, 11);
    expect(Math.abs(o.nu - nuClosedForm(E, 1, E)) / o.nu).toBeLessThan(1e-14);
  });

  it('the printed g2 quintic equals the smootherstep form; the glue hits its boundary data', () => {
    const gl = lemma74Glue(E, 1, E);
    for (let q = 0; q <= 10; q++) {
      const a = E * (1 + q / 10);
      expect(Math.abs(g2Printed(gl, a) - g2(gl, a))).toBeLessThan(1e-12);
    }
    expect(g1(gl, E)).toBe(-E * E);
    expect(g1p(gl, E)).toBe(-2 * E);
    expect(g2(gl, E)).toBe(E);
    expect(Math.abs(g1p(gl, 2 * E) + 4 * E * E)).toBeLessThan(1e-12);
  });

  it('hermiteCubic matches its four conditions and rejects bad data', () => {
    const p = hermiteCubic(1, 3, 2, -1, 0.5, 4);
    expect(hermiteValue(p, 1)).toBe(2);
    expect(Math.abs(hermiteValue(p, 3) + 1)).toBeLessThan(1e-12);
    expect(hermiteSlope(p, 1)).toBe(0.5);
    expect(Math.abs(hermiteSlope(p, 3) - 4)).toBeLessThan(1e-12);
    expectTyped(() => hermiteCubic(1, 1, 0, 0, 0, 0), DomainError, 'y1');
    expectTyped(() => hermiteCubic(0, 1, NaN, 0, 0, 0), NonFiniteError, 'f0');
    expectTyped(() => hermiteGlue(1, 1, E, NaN), NonFiniteError, 'slopeAt2Tau');
  });
});

describe('evaluation on D: golden values, pieces, spectrum, stationary points', () => {
  it('golden values at A and B (catalog §2.3)', () => {
    const o = thesis();
    expect(octopusValue(o, [0.3, -0.2, 0.1])).toBeCloseTo(0.045914091423, 11);
    const gB = octopusGradient(o, [1.5 * E, 0.5, -0.25]);
    expect(gB[0]).toBeCloseTo(-20.664421996217, 10);
    expect(gB[1]).toBeCloseTo(0.85914091423, 10);
    const HB = octopusHessian(o, [1.5 * E, 0.5, -0.25]).data;
    expect(HB[1]).toBeCloseTo(-2.564773952196, 10);
    expect(octopusValue(o, [3 * E, -5 * E, 2.5 * E])).toBeCloseTo(-334.247765798473, 10);
  });

  it('locates pieces by the leading escaped coordinates and flags points outside D', () => {
    const o = thesis();
    expect(pieceOf(o, [0.3, -0.2, 0.1])).toEqual({ k: 0, kind: 'saddle' });
    expect(pieceOf(o, [-(4 * E + 0.3), 1.5 * E, 0.4])).toEqual({ k: 1, kind: 'transition' });
    expect(pieceOf(o, [4 * E, -4 * E, -1.7 * E])).toEqual({ k: 2, kind: 'transition' });
    expect(pieceOf(o, [3 * E, -5 * E, 2.5 * E])).toEqual({ k: 3, kind: 'basin' });
    expect(inD(o, [0.3, 2 * E, 0])).toBe(false); // a trailing coordinate beyond τ
    expect(inD(o, [7 * E, 0, 0])).toBe(false); // an escaped coordinate beyond 6τ
    expect(locate(o, [2 * E, 0, 0])).toBe(3 * 1 + 0); // |x_1| = 2τ counts as escaped
    expectTyped(() => octopusValue(o, [0.3, 2 * E, 0]), DomainError, 'x');
    expectTyped(() => octopusValue(o, [0.1, 0.2]), ShapeError, 'x');
    expectTyped(() => octopusValue(o, [0.1, NaN, 0]), NonFiniteError, 'x');
    expectTyped(() => octopusValue(o, [NaN, 0, 0]), NonFiniteError, 'x');
    expectTyped(() => octopusValueGrad(o, [0, 0, 0], new Float64Array(2)), ShapeError, 'grad');
    expectTyped(() => octopusHessian(o, [0, 0, 0], zeros(2, 2)), ShapeError, 'out');
    expectTyped(() => octopusPiece(o, [0, 0, 0], { k: 3, kind: 'saddle' }), DomainError, 'piece');
  });

  it('the closed-form spectrum equals the dense Hessian eigenvalues; λmin agrees', () => {
    const o = thesis();
    for (const x of [[0.3, -0.2, 0.1], [1.5 * E, 0.5, -0.25], [-(4 * E + 0.3), 1.5 * E, 0.4], [4 * E, -4 * E + 0.1, -1.7 * E]]) {
      const spec = octopusSpectrum(o, x);
      const cls = classifyStationary(octopusGradient(o, x), octopusHessian(o, x));
      expect(Math.abs(spec[0] - cls.lambdaMin)).toBeLessThan(1e-10);
      expect(Math.abs(spec[2] - cls.lambdaMax)).toBeLessThan(1e-10);
      expect(octopusLambdaMin(o, x)).toBeCloseTo(spec[0], 10);
    }
  });

  it('stationary points: saddles, minima, mirroring and distances', () => {
    const o = octopus(4, 2, 1, E);
    const s = [1, -1, 1, -1];
    const sad = saddlePoint(o, 2, s);
    expect(Array.from(sad)).toEqual([4 * E, -4 * E, 0, 0]);
    expect(Array.from(octopusGradient(o, sad)).every((v) => v === 0)).toBe(true);
    expect(octopusValue(o, sad)).toBe(-2 * o.nu);
    expect(octopusValue(o, minimumPoint(o, s))).toBe(-4 * o.nu);
    expect(distanceToMinima(o, minimumPoint(o, s))).toBe(0);
    expect(Array.from(mirror([1, 2, 3, 4], s))).toEqual([1, -2, 3, -4]);
    expectTyped(() => saddlePoint(o, 4, s), DomainError, 'k');
    expectTyped(() => saddlePoint(o, 0, [1, 0, 1, 1]), DomainError, 'signs');
    expectTyped(() => mirror([1, 2], [1]), ShapeError, 'signs');
  });
});

describe('glue construction and validation', () => {
  it('octopus(…, { glue }) rejects a non-Glue and a glue with a non-finite field where it enters', () => {
    const gl = lemma74Glue(E, 1, E);
    for (const bad of [null, 3, 'glue']) expectTyped(() => octopus(2, E, 1, E, { glue: asAny<Glue>(bad) }), DomainError, 'glue');
    expectTyped(() => octopus(2, E, 1, E, { glue: { ...gl, c2: NaN } }), NonFiniteError, 'glue.c2');
    expectTyped(() => octopus(2, E, 1, E, { glue: asAny<Glue>({}) }), NonFiniteError, 'glue.L');
    expectTyped(() => octopus(2, E, 1, E, { glue: { ...gl, K: Infinity } }), NonFiniteError, 'glue.K');
  });

  it('lemma74Glue and hermiteGlue reject non-positive L, gamma, tau, naming each', () => {
    for (const make of [(L: number, g: number, t: number) => lemma74Glue(L, g, t), (L: number, g: number, t: number) => hermiteGlue(L, g, t, 2 * L)]) {
      expectTyped(() => make(0, 1, 1), DomainError, 'L');
      expectTyped(() => make(1, -1, 1), DomainError, 'gamma');
      expectTyped(() => make(1, 1, 0), DomainError, 'tau');
    }
  });

  it('hermiteGlue with slope 2L reproduces lemma74Glue: K = L + γ and g1(τ) = −γτ² exactly, same cubic', () => {
    for (const [L, g, t] of [[E, 1, E], [2, 0.5, 3]]) {
      const h = hermiteGlue(L, g, t, 2 * L), l = lemma74Glue(L, g, t);
      expect(h.K).toBe(L + g);
      expect(h.g1AtTau).toBe(-g * t * t);
      expect(h.K).toBe(l.K);
      expect(h.g1AtTau).toBe(l.g1AtTau);
      for (const k of ['c0', 'c1', 'c2', 'c3'] as const) expect(rel(h[k], l[k])).toBeLessThan(1e-12);
    }
  });
});

describe('glue derivatives', () => {
  const gl = lemma74Glue(E, 1, E);

  it('every g-function names a as the non-finite argument', () => {
    for (const fn of [g1, g1p, g1pp, g1ppp, g2, g2p, g2pp, g2ppp, g2Printed]) {
      expectTyped(() => fn(gl, NaN), NonFiniteError, 'a');
      expectTyped(() => fn(gl, Infinity), NonFiniteError, 'a');
    }
  });

  it('g1‴ and g2‴ are the central differences of g1″ and g2″ (and g1‴ = 2c2 + 6c3(a − τ))', () => {
    for (const glue of [gl, hermiteGlue(2, 0.5, 3, 7), lemma74Glue(1, 1.5, 1.7)]) {
      const tau = glue.tau, h = 1e-4 * tau;
      for (const f of [1.1, 1.37, 1.5, 1.8, 1.95]) {
        const a = f * tau;
        const fd1 = (g1pp(glue, a + h) - g1pp(glue, a - h)) / (2 * h);
        expect(Math.abs(g1ppp(glue, a) - fd1)).toBeLessThan(1e-7 * (1 + Math.abs(fd1)));
        expect(rel(g1ppp(glue, a), 2 * glue.c2 + 6 * glue.c3 * (a - tau))).toBeLessThan(1e-14);
        const fd2 = (g2pp(glue, a + h) - g2pp(glue, a - h)) / (2 * h);
        expect(Math.abs(g2ppp(glue, a) - fd2)).toBeLessThan(1e-6 * (1 + Math.abs(fd2)));
      }
      // At a = τ: g2‴(τ) = −60K/τ³ < 0 (the sign of the leading constant).
      expect(rel(g2ppp(glue, tau), (-60 * glue.K) / tau ** 3)).toBeLessThan(1e-14);
    }
  });
});

describe('octopus() boundary cases', () => {
  it('τ = 1 exactly is accepted (τ ≥ 1 is required)', () => {
    const o = octopus(2, 1, 1, 1);
    expect(o.tau).toBe(1);
    expect(octopusValue(o, [0.5, 0.5])).toBe(-0.25 + 0.25);
  });

  it('rejects a glue whose L alone, γ alone or τ alone differs, naming glue', () => {
    expectTyped(() => octopus(2, E, 1, E, { glue: lemma74Glue(E, 1.5, E) }), DomainError, 'glue');
    expectTyped(() => octopus(2, E, 1, E, { glue: lemma74Glue(E, 1, 3) }), DomainError, 'glue');
    expectTyped(() => octopus(2, E, 1, E, { glue: lemma74Glue(2, 1, E) }), DomainError, 'glue');
  });
});

describe('piece location at the exact boundaries', () => {
  const o = thesis();

  it('sgn maps +0 and −0 to +1 (catalog §2.8 trap 3) and negatives to −1', () => {
    expect(sgn(0)).toBe(1);
    expect(sgn(-0)).toBe(1);
    expect(sgn(-1e-300)).toBe(-1);
    expect(sgn(2)).toBe(1);
  });

  it('a point or sign vector of the wrong length is a ShapeError naming x or signs', () => {
    expectTyped(() => locate(o, [0, 0]), ShapeError, 'x');
    expectTyped(() => saddlePoint(o, 0, [1, 1]), ShapeError, 'signs');
  });

  it('|x_k| = 6τ is inside D, |x_j| = τ for a trailing j is inside D, |x_k| = τ is the saddle piece', () => {
    expect(locate(o, [6 * E, 0, 0])).toBe(3);
    expect(locate(o, [-6 * E, 6 * E, 0])).toBe(6);
    expect(locate(o, [0, E, -E])).toBe(0);
    expect(locate(o, [4 * E, 0.5, E])).toBe(3);
    expect(pieceOf(o, [E, 0, 0])).toEqual({ k: 0, kind: 'saddle' });
    expect(pieceOf(o, [-4 * E, -E, 0.3])).toEqual({ k: 1, kind: 'saddle' });
    expect(pieceOf(o, [E * (1 + 1e-15), 0, 0])).toEqual({ k: 0, kind: 'transition' });
    expect(pieceOf(o, [4 * E, 4 * E, E])).toEqual({ k: 2, kind: 'saddle' });
  });

  it('the escape loop stops at k = d (an ArrayLike with an extra index is not read past d)', () => {
    const o1 = octopus(1, 1, 1, 1);
    const x = asAny<ArrayLike<number>>({ length: 1, 0: 4, 1: 4 });
    expect(locate(o1, x)).toBe(3 * 1 + 2);
    expect(octopusValue(o1, x)).toBe(-o1.nu);
    const x2 = asAny<ArrayLike<number>>({ length: 2, 0: 4, 1: 5, 2: NaN });
    const o2 = octopus(2, 1, 1, 1);
    expect(locate(o2, x2)).toBe(3 * 2 + 2);
  });

  it('a non-finite entry anywhere in x is a NonFiniteError naming x', () => {
    expectTyped(() => locate(o, [Infinity, 0, 0]), NonFiniteError, 'x');
    // at each position, after an escaped coordinate and on the saddle piece
    for (const x of [[4 * E, -Infinity, 0], [NaN, 0, 0], [4 * E, NaN, 0], [0, -Infinity, 0], [0.5, 0, NaN]]) {
      expectTyped(() => locate(o, x), NonFiniteError, 'x');
    }
    expectTyped(() => octopusValue(o, [Infinity, 0, 0]), NonFiniteError, 'x');
  });

  it('inD is true on the saddle piece k = 0 (code 0) and false outside; pieceOf throws outside D', () => {
    expect(inD(o, [0, 0, 0])).toBe(true);
    expect(inD(o, [0.5, -E, E])).toBe(true);
    expect(inD(o, [0, 2 * E, 0])).toBe(false);
    expectTyped(() => pieceOf(o, [0, 2 * E, 0]), DomainError, 'x');
    expectTyped(() => pieceOf(o, [7 * E, 0, 0]), DomainError, 'x');
    expectTyped(() => octopusValue(o, [7 * E, 0, 0]), DomainError, 'x');
  });
});

describe('evaluators and their output checks', () => {
  const o = thesis();
  const xT = [4 * E, 1.3 * E, 0.6 * E]; // k = 1 transition, y = x_2 ≠ ±1

  it('octopusHessian zeroes a pre-filled out (off-diagonal entries included)', () => {
    const out = zeros(3, 3);
    out.data.fill(7);
    const H = octopusHessian(o, xT, out).data;
    expect([H[1], H[2], H[3], H[6]]).toEqual([0, 0, 0, 0]);
    const fd = fdHessian(o, xT);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(H[3 * i + j] - fd[i][j])).toBeLessThan(1e-5);
    const out2 = zeros(3, 3);
    out2.data.fill(-3);
    expect(Array.from(octopusHessian(o, [0.1, 0.2, 0.3], out2).data)).toEqual([-2, 0, 0, 0, 2 * E, 0, 0, 0, 2 * E]);
  });

  it('grad/out must be a Float64Array of length d; the Hessian out must be d×d in both dimensions', () => {
    expectTyped(() => octopusValueGrad(o, [0, 0, 0], asAny<Float64Array>([0, 0, 0])), ShapeError, 'grad');
    expectTyped(() => octopusGradient(o, [0, 0, 0], new Float64Array(2)), ShapeError, 'out'); // octopusGradient's own argument is out
    expectTyped(() => octopusSpectrum(o, [0, 0, 0], new Float64Array(2)), ShapeError, 'out');
    expectTyped(() => octopusSpectrum(o, [0, 0, 0], new Float64Array(4)), ShapeError, 'out');
    expectTyped(() => octopusHessian(o, [0, 0, 0], zeros(2, 3)), ShapeError, 'out');
    expectTyped(() => octopusHessian(o, [0, 0, 0], zeros(3, 2)), ShapeError, 'out');
    expectTyped(() => octopusHessian(o, [0, 0, 0], zeros(3, 4)), ShapeError, 'out');
  });

  it('octopusPiece validates x (finite), piece.k (integer in [0, d]) and the basin rule, naming x or piece', () => {
    const x = [0.1, 0.2, 0.3];
    expectTyped(() => octopusPiece(o, [0, NaN, 0], { k: 0, kind: 'saddle' }), NonFiniteError, 'x');
    for (const k of [1.5, -1, 4, NaN]) {
      const piece = asAny<Piece>({ k, kind: 'saddle' });
      expectTyped(() => octopusPiece(o, x, piece), DomainError, 'piece');
    }
    expectTyped(() => octopusPiece(o, x, { k: 1, kind: 'basin' }), DomainError, 'piece');
    expectTyped(() => octopusPiece(o, x, { k: 3, kind: 'transition' }), DomainError, 'piece');
    expect(octopusPiece(o, x, { k: 0, kind: 'saddle' }).f).toBe(octopusValue(o, x));
  });
});

describe('closed-form spectrum and λmin against a finite-difference Hessian', () => {
  const o = thesis();

  it('transition k = 1 (y ≠ ±1): spectrum = sort(2L, eig of the FD 2×2 block); λmin its smallest', () => {
    for (const x of [[4 * E, 1.3 * E, 0.6 * E], [-4 * E, -1.7 * E, -0.8 * E], [5 * E, 1.2 * E, 0.35 * E]]) {
      const H = fdHessian(o, x);
      expect(Math.abs(H[0][1]) + Math.abs(H[0][2])).toBeLessThan(1e-6);
      const [lm, lp] = eig2(H[1][1], H[1][2], H[2][2]);
      const expected = [lm, lp, 2 * E].sort((p, q) => p - q);
      const spec = octopusSpectrum(o, x);
      for (let i = 0; i < 3; i++) expect(Math.abs(spec[i] - expected[i])).toBeLessThan(1e-5 * (1 + Math.abs(expected[i])));
      expect(Math.abs(octopusLambdaMin(o, x) - lm)).toBeLessThan(1e-5 * (1 + Math.abs(lm)));
    }
  });

  it('transition k = 0 in d = 2 (out[k + 1] is the larger eigenvalue)', () => {
    const o2 = octopus(2, E, 1, E);
    const x = [1.8 * E, 0.8 * E];
    const H = fdHessian(o2, x);
    const [lm, lp] = eig2(H[0][0], H[0][1], H[1][1]);
    const spec = octopusSpectrum(o2, x);
    expect(Math.abs(spec[0] - lm)).toBeLessThan(1e-5 * (1 + Math.abs(lm)));
    expect(Math.abs(spec[1] - lp)).toBeLessThan(1e-5 * (1 + Math.abs(lp)));
  });

  it('λmin is 2L (not 2/L) in the basin and caps the last transition near a = 2τ', () => {
    expect(octopusLambdaMin(o, [4 * E, -4 * E, 3 * E])).toBe(2 * E);
    const a = 1.99 * E, x = [4 * E, 4 * E, a];
    const g = g1pp(o.glue, a);
    expect(g).toBeGreaterThan(2 / E);
    expect(g).toBeLessThan(2 * E);
    expect(octopusLambdaMin(o, x)).toBe(g);
    const xs = [4 * E, 4 * E, 2 * E - 1e-9];
    expect(Math.abs(octopusLambdaMin(o, xs) - 2 * E)).toBeLessThan(1e-6);
  });

  it('λmin of a positive-definite transition block (custom glue g1″ ≡ 100) is min(2L, 2g2(a))', () => {
    const base = lemma74Glue(E, 1, E);
    const glue: Glue = { ...base, c0: 0, c1: 100, c2: 0, c3: 0 };
    const oc = octopus(2, E, 1, E, { glue });
    const a = 1.05 * E, x = [a, 0];
    const expected = Math.min(2 * E, 2 * g2(oc.glue, a)); // oc.glue: the checked copy of glue
    expect(expected).toBeGreaterThan(2 / E);
    expect(Math.abs(octopusLambdaMin(oc, x) - expected)).toBeLessThan(1e-12);
    // and with the block above 2L in both directions the cap 2L itself is returned
    const glue2: Glue = { ...base, c0: 0, c1: 100, c2: 0, c3: 0, K: -10 };
    const oc2 = octopus(2, E, 1, E, { glue: glue2 });
    expect(2 * g2(oc2.glue, 1.5 * E)).toBeGreaterThan(2 * E);
    expect(octopusLambdaMin(oc2, [1.5 * E, 0])).toBe(2 * E);
  });
});

describe('stationary points and mirroring', () => {
  const o = thesis();

  it('a sign that is not ±1 is rejected, naming signs', () => {
    expectTyped(() => minimumPoint(o, [1, 0, 1]), DomainError, 'signs');
  });

  it('saddlePoint rejects k = 1.5, −1 and d, naming k', () => {
    for (const k of [1.5, -1, 3, 0.5]) {
      expectTyped(() => saddlePoint(o, k, [1, 1, 1]), DomainError, 'k');
    }
    expect(Array.from(saddlePoint(o, 2, [-1, 1, -1]))).toEqual([-4 * E, 4 * E, 0]);
    expect(Array.from(minimumPoint(o, [-1, 1, -1]))).toEqual([-4 * E, 4 * E, -4 * E]);
  });

  it('mirror validates x (finite), out length, signs length and sign values, naming each', () => {
    expectTyped(() => mirror([1, NaN], [1, 1]), NonFiniteError, 'x');
    expectTyped(() => mirror([1, 2, 3], [1, 1, 1], new Float64Array(2)), ShapeError, 'out');
    expectTyped(() => mirror([1, 2, 3], [1, 1]), ShapeError, 'signs');
    expectTyped(() => mirror([1, 2, 3], [1, 0, -1]), DomainError, 'signs');
    expect(Array.from(mirror([1, 2, 3], [1, -1, -1]))).toEqual([1, -2, -3]);
  });

  it('distanceToMinima names x for a non-finite entry', () => {
    expectTyped(() => distanceToMinima(o, [0, Infinity, 0]), NonFiniteError, 'x');
    expect(Math.abs(distanceToMinima(o, [4 * E, -4 * E, 3 * E]) - E)).toBeLessThan(1e-14);
  });
});

describe('derived constants (catalog §2.6)', () => {
  const gl = lemma74Glue(E, 1, E);

  it('glueThirdDerivativeNorm equals an independent angle scan of |T(w, w, w)| to 1e-13 (relative)', () => {
    const cases: Array<[Glue, number, number]> = [];
    for (const [fa, fy] of [[1.37, 0.6], [1.37, 0.85], [1.2, 0.35], [1.8, 0.6], [1.5, 0], [1.05, 1], [1.63, 0.1], [1.95, 0.85]]) {
      cases.push([gl, fa * E, fy * E]);
    }
    cases.push([hermiteGlue(2, 0.5, 3, 7), 4.1, 1.3]);
    for (const [glue, a, y] of cases) {
      const A = g1ppp(glue, a) + g2ppp(glue, a) * y * y, B = 2 * g2pp(glue, a) * y, C = 2 * g2p(glue, a);
      const brute = bruteTensorNorm(A, B, C);
      expect(rel(glueThirdDerivativeNorm(glue, a, y), brute), `a = ${a}, y = ${y}`).toBeLessThan(1e-13);
    }
  });

  it('glueThirdDerivativeNorm is below 1 when the tensor is small (the scan starts from −1, not +1)', () => {
    const small = lemma74Glue(1, 1, 100);
    for (const [a, y] of [[130, 40], [170, 70]]) {
      const A = g1ppp(small, a) + g2ppp(small, a) * y * y, B = 2 * g2pp(small, a) * y, C = 2 * g2p(small, a);
      const brute = bruteTensorNorm(A, B, C);
      expect(brute).toBeLessThan(0.5);
      expect(rel(glueThirdDerivativeNorm(small, a, y), brute)).toBeLessThan(1e-13);
    }
  });

  it('glueThirdDerivativeNorm and transitionHessianNorm name y', () => {
    expectTyped(() => glueThirdDerivativeNorm(gl, E * 1.5, NaN), NonFiniteError, 'y');
    expectTyped(() => transitionHessianNorm(gl, E * 1.5, NaN), NonFiniteError, 'y');
  });

  it('transitionHessianNorm = max(|λ−|, |λ+|, 2L) of the FD Hessian of the d = 2 transition', () => {
    const o2 = octopus(2, E, 1, E);
    // (1.3, 0.6): |λ−| wins; (1.8, 0.8): λ+ wins; (1.9, 0.6) and (1.05, 0): 2L wins.
    const wins: string[] = [];
    for (const [fa, fy] of [[1.3, 0.6], [1.8, 0.8], [1.9, 0.6], [1.05, 0], [1.7, 0.9]]) {
      const a = fa * E, y = fy * E;
      const H = fdHessian(o2, [a, y]);
      const [lm, lp] = eig2(H[0][0], H[0][1], H[1][1]);
      const expected = Math.max(Math.abs(lm), Math.abs(lp), 2 * E);
      wins.push(expected === 2 * E ? 'L' : expected === Math.abs(lm) ? 'M' : 'P');
      expect(Math.abs(transitionHessianNorm(gl, a, y) - expected), `a = ${a}, y = ${y}`).toBeLessThan(1e-5 * expected);
    }
    expect(wins).toEqual(['M', 'P', 'L', 'L', 'P']);
  });

  it('transitionGridSup validates fn, na, ny, naming each', () => {
    expectTyped(() => transitionGridSup(gl, asAny(3), 2, 2), DomainError, 'fn');
    expectTyped(() => transitionGridSup(gl, asAny(null), 2, 2), DomainError, 'fn');
    expectTyped(() => transitionGridSup(gl, () => 0, 0, 2), DomainError, 'na');
    expectTyped(() => transitionGridSup(gl, () => 0, 2, 1.5), DomainError, 'ny');
  });

  it('transitionGridSup visits both closed ends a = 2τ, y = τ and keeps the first of equal values', () => {
    const tau = gl.tau;
    expect(transitionGridSup(gl, (_g, a) => a, 4, 2)).toEqual({ value: 2 * tau, a: 2 * tau, y: 0 });
    expect(transitionGridSup(gl, (_g, _a, y) => y, 4, 2)).toEqual({ value: tau, a: tau, y: tau });
    expect(transitionGridSup(gl, () => 1, 4, 2)).toEqual({ value: 1, a: tau, y: 0 });
  });
});

describe('bad glue and bad piece get typed errors', () => {
  const fns = [g1, g1p, g1pp, g1ppp, g2, g2p, g2pp, g2ppp, g2Printed];

  it('a glue is checked where it is built: the builders reject an overflowing coefficient and return frozen glues', () => {
    expectTyped(() => lemma74Glue(1, 1, 1e-200), NonFiniteError, 'glue.c3');
    expectTyped(() => hermiteGlue(1, 1, 1e-200, 2), NonFiniteError, 'glue.c3');
    const good = lemma74Glue(E, 1, E);
    expect(Object.isFrozen(good)).toBe(true);
    expect(Object.isFrozen(hermiteGlue(E, 1, E, 0))).toBe(true);
    for (const f of fns) expect(Number.isFinite(f(good, 4))).toBe(true);
  });

  it('octopus() keeps a frozen copy of an accepted glue: later edits of the caller\'s object do not reach it', () => {
    const mine = { ...lemma74Glue(E, 1, E) };
    const o = octopus(2, E, 1, E, { glue: mine });
    expect(Object.isFrozen(o.glue)).toBe(true);
    const before = octopusValue(o, [1.5 * E, 0.3]);
    mine.c2 = NaN;
    expect(octopusValue(o, [1.5 * E, 0.3])).toBe(before);
    expect(o.glue.c2).toBe(lemma74Glue(E, 1, E).c2);
  });

  it('octopusPiece rejects a missing piece and an unknown kind (not evaluated as the saddle piece)', () => {
    const o = thesis(), x = [0.1, 0.2, 0.3];
    expectTyped(() => octopusPiece(o, x, asAny<Piece>(null)), DomainError, 'piece');
    expectTyped(() => octopusPiece(o, x, asAny<Piece>({ k: 0, kind: 'ridge' })), DomainError, 'piece');
    expectTyped(() => octopusPiece(o, x, asAny<Piece>('saddle')), DomainError, 'piece');
    expectTyped(() => octopusPiece(o, x, asAny<Piece>({ k: 0, kind: '' })), DomainError, 'piece');
  });

  it('octopusPiece evaluates each named kind as that piece: saddle, transition and basin match octopusValue where they hold', () => {
    const o = thesis(), tau = o.tau;
    const xs = [0.3 * tau, 0.2, 0.1], xt = [1.5 * tau, 0.2, 0.1], xb = [4 * tau, -4 * tau, 3.9 * tau];
    expect(octopusPiece(o, xs, { k: 0, kind: 'saddle' }).f).toBe(octopusValue(o, xs));
    expect(octopusPiece(o, xt, { k: 0, kind: 'transition' }).f).toBe(octopusValue(o, xt));
    expect(octopusPiece(o, xb, { k: 3, kind: 'basin' }).f).toBe(octopusValue(o, xb));
    // the transition point evaluated as the saddle piece is a different function value
    expect(octopusPiece(o, xt, { k: 0, kind: 'saddle' }).f).not.toBe(octopusValue(o, xt));
  });
});

describe('the last transition piece (k = d − 1)', () => {
  it('its Hessian is diagonal with 2L on the escaped coordinates and g1″(|x_k|) at (k, k)', () => {
    const o = thesis(), tau = o.tau, d = o.d;
    const x = [4 * tau, -4.2 * tau, 1.4 * tau]; // x_0, x_1 escaped; τ < |x_2| < 2τ
    expect(pieceOf(o, x)).toEqual({ k: d - 1, kind: 'transition' });
    const H = octopusHessian(o, x);
    const want = [2 * o.L, 0, 0, 0, 2 * o.L, 0, 0, 0, g1pp(o.glue, 1.4 * tau)];
    expect(Array.from(H.data)).toEqual(want);
  });
});
