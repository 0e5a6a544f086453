/** src/models/octopus.ts and src/models/stationary.ts: typed rejection of bad input and exact values (catalog 002e §2). */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import {
  distanceToMinima, g1, g1p, g2, g2Printed, hermiteCubic, hermiteGlue, hermiteSlope, hermiteValue, inD, lemma74Glue, locate,
  minimumPoint, mirror, nuClosedForm, octopus, octopusGradient, octopusHessian, octopusLambdaMin, octopusPiece, octopusSpectrum,
  octopusValue, octopusValueGrad, pieceOf, saddlePoint,
} from '../src/models/octopus.ts';
import { classifyBySpectrum, classifyStationary, isEpsSecondOrderStationary, sospFreeThreshold } from '../src/models/stationary.ts';
import { expectTyped } from './helpers.ts';

const E = Math.E;
const thesis = () => octopus(3, E, 1, E);

describe('octopus: construction and validation', () => {
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

describe('octopus: evaluation on D', () => {
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

describe('stationary.ts: Definitions 7.4 and 7.5', () => {
  it('classifies by gradient norm and spectrum', () => {
    expect(classifyBySpectrum(0, [-2, 1, 1]).kind).toBe('strict-saddle');
    expect(classifyBySpectrum(0, [-2, 1, 1]).strictness).toBe(2);
    expect(classifyBySpectrum(0, [1, 2]).kind).toBe('local-min');
    expect(classifyBySpectrum(0, [-2, -1]).kind).toBe('local-max');
    expect(classifyBySpectrum(0, [0, 1]).kind).toBe('degenerate');
    expect(classifyBySpectrum(0, [-1e-12, 1], { eigTol: 1e-10 }).kind).toBe('degenerate');
    expect(classifyBySpectrum(0.1, [1, 2]).kind).toBe('not-stationary');
    expect(classifyBySpectrum(0.1, [1, 2], { gradTol: 0.2 }).kind).toBe('local-min');
    expectTyped(() => classifyBySpectrum(0, []), DomainError, 'eigenvalues');
    expectTyped(() => classifyBySpectrum(0, [2, 1]), DomainError, 'eigenvalues');
    expectTyped(() => classifyBySpectrum(0, [NaN]), NonFiniteError, 'eigenvalues');
    expectTyped(() => classifyBySpectrum(-1, [1]), DomainError, 'gradNorm');
    expectTyped(() => classifyBySpectrum(0, [1], { gradTol: -1 }), DomainError, 'gradTol');
    expectTyped(() => classifyStationary([0, 0, 0], zeros(2, 2)), DomainError, 'grad');
  });

  it('ε-SOSP (Def 7.5) and the Remark 7.2 threshold, strict at equality (erratum E8)', () => {
    // At ε = 4γ²/ρ a point with λmin = −2γ satisfies λmin ≥ −√(ρε): it IS an ε-SOSP.
    expect(isEpsSecondOrderStationary(0, -2, 4 / 64, 64)).toBe(true);
    expect(isEpsSecondOrderStationary(0, -2, 4 / 64 * 0.99, 64)).toBe(false);
    expect(isEpsSecondOrderStationary(0.1, 1, 0.05, 64)).toBe(false);
    expect(sospFreeThreshold(1, 64, 2 * E)).toBe(1 / 16);
    expectTyped(() => isEpsSecondOrderStationary(0, 0, 0.1, 0), DomainError, 'rho');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, -0.1, 1), DomainError, 'eps');
    expectTyped(() => isEpsSecondOrderStationary(NaN, 0, 0.1, 1), NonFiniteError, 'gradNorm');
  });
});
