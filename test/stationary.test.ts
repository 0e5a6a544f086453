/**
 * src/models/stationary.ts (thesis Definitions 7.4 and 7.5): classification of a point by its
 * gradient norm and Hessian spectrum, the ε-second-order-stationary test and the Remark 7.2
 * threshold; typed rejection of bad input (error class and the argument named) and the boundary
 * values where < vs ≤ matters. (docs/mutation-models.md: the mutants these tests kill.)
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { zeros } from '../src/core/matrix.ts';
import { classifyBySpectrum, classifyStationary, isEpsSecondOrderStationary, sospFreeThreshold } from '../src/models/stationary.ts';
import { expectTyped, mat } from './helpers.ts';

const E = Math.E;

describe('Definitions 7.4 and 7.5: classification and ε-SOSP', () => {
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

describe('bad input is rejected with typed errors', () => {
  it('classifyBySpectrum names gradNorm, eigenvalues, gradTol and eigTol', () => {
    expectTyped(() => classifyBySpectrum(NaN, [1]), NonFiniteError, 'gradNorm');
    expectTyped(() => classifyBySpectrum(-1, [1]), DomainError, 'gradNorm');
    expectTyped(() => classifyBySpectrum(0, []), DomainError, 'eigenvalues');
    expectTyped(() => classifyBySpectrum(0, [2, 1]), DomainError, 'eigenvalues');
    expectTyped(() => classifyBySpectrum(0, [1], { gradTol: NaN }), NonFiniteError, 'gradTol');
    expectTyped(() => classifyBySpectrum(0, [1], { eigTol: NaN }), NonFiniteError, 'eigTol');
    expectTyped(() => classifyBySpectrum(0, [1], { gradTol: -1 }), DomainError, 'gradTol');
    expectTyped(() => classifyBySpectrum(0, [1], { eigTol: -0.5 }), DomainError, 'eigTol');
  });

  it('classifyStationary names hessian and grad', () => {
    expectTyped(() => classifyStationary([0, 0], mat(2, 3, [0, 0, 0, 0, 0, 0])), ShapeError, 'hessian');
    expectTyped(() => classifyStationary([0], mat(2, 2, [1, 0, 0, 1])), DomainError, 'grad');
    expectTyped(() => classifyStationary([0, NaN], mat(2, 2, [1, 0, 0, 1])), NonFiniteError, 'grad');
  });

  it('isEpsSecondOrderStationary names each argument; ε = 0 is allowed, ε < 0 and ρ ≤ 0 are not', () => {
    expectTyped(() => isEpsSecondOrderStationary(NaN, 0, 1, 1), NonFiniteError, 'gradNorm');
    expectTyped(() => isEpsSecondOrderStationary(0, NaN, 1, 1), NonFiniteError, 'lambdaMin');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, NaN, 1), NonFiniteError, 'eps');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, 1, NaN), NonFiniteError, 'rho');
    expectTyped(() => isEpsSecondOrderStationary(-1, 0, 1, 1), DomainError, 'gradNorm');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, -1, 1), DomainError, 'eps');
    expect(isEpsSecondOrderStationary(0, 0, 0, 1)).toBe(true);
    expectTyped(() => isEpsSecondOrderStationary(0, 0, 1, 0), DomainError, 'rho');
  });

  it('sospFreeThreshold names the offending one of gamma, rho and gMin, and rejects each ≤ 0 on its own', () => {
    expectTyped(() => sospFreeThreshold(NaN, 1, 1), NonFiniteError, 'gamma');
    expectTyped(() => sospFreeThreshold(1, NaN, 1), NonFiniteError, 'rho');
    expectTyped(() => sospFreeThreshold(1, 1, NaN), NonFiniteError, 'gMin');
    const cases: [number, number, number, string][] = [
      [0, 1, 1, 'gamma'], [1, 0, 1, 'rho'], [1, 1, 0, 'gMin'],
      [-1, 1, 1, 'gamma'], [1, -1, 1, 'rho'], [1, 1, -1, 'gMin'],
    ];
    for (const [g, r, m, name] of cases) {
      expectTyped(() => sospFreeThreshold(g, r, m), DomainError, name);
    }
  });
});

describe('boundary values and thresholds', () => {
  it('sospFreeThreshold = min(gMin, 4γ²/ρ)', () => {
    expect(sospFreeThreshold(3, 2, 100)).toBe(18);
    expect(sospFreeThreshold(0.5, 4, 100)).toBe(0.25);
    expect(sospFreeThreshold(3, 2, 5)).toBe(5);
  });

  it('isEpsSecondOrderStationary: ‖∇f‖ = ε exactly counts, and λmin = −√(ρε) exactly counts', () => {
    expect(isEpsSecondOrderStationary(0.25, 0, 0.25, 1)).toBe(true);
    expect(isEpsSecondOrderStationary(0.25, -1, 0.25, 4)).toBe(true);
    expect(isEpsSecondOrderStationary(0.26, 0, 0.25, 1)).toBe(false);
  });

  it('classifyBySpectrum: λmax = −eigTol is not a local max, and λmax ∈ (−eigTol, eigTol) is not either', () => {
    expect(classifyBySpectrum(0, [-2, -0.5], { eigTol: 0.5 }).kind).toBe('strict-saddle');
    expect(classifyBySpectrum(0, [-2, 0.25], { eigTol: 0.5 }).kind).toBe('strict-saddle');
    expect(classifyBySpectrum(0, [-2, -0.75], { eigTol: 0.5 }).kind).toBe('local-max');
  });

  it('classifyBySpectrum: strictness is −λmin for a local max and a strict saddle, 0 for a local min and degenerate', () => {
    const max = classifyBySpectrum(0, [-3, -1]);
    expect(max.kind).toBe('local-max');
    expect(max.strictness).toBe(3);
    expect(classifyBySpectrum(0, [-2, 1]).strictness).toBe(2);
    const min = classifyBySpectrum(0, [1, 2]);
    expect(min.kind).toBe('local-min');
    expect(min.strictness).toBe(0);
    const deg = classifyBySpectrum(0, [0, 2]);
    expect(deg.kind).toBe('degenerate');
    expect(deg.strictness).toBe(0);
  });

  it('classifyStationary computes ‖∇f‖ from the gradient (not 0)', () => {
    const c = classifyStationary([3, 4], mat(2, 2, [1, 0, 0, 2]));
    expect(c.gradNorm).toBe(5);
    expect(c.kind).toBe('not-stationary');
    expect(c.lambdaMin).toBeCloseTo(1, 12);
    expect(c.lambdaMax).toBeCloseTo(2, 12);
  });
});
