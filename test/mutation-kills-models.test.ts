/**
 * Tests written to kill mutants of src/models/conv1d.ts and src/models/stationary.ts that survived
 * `npx stryker run --mutate 'src/models/stationary.ts,src/models/conv1d.ts'`
 * (docs/mutation-models.md lists them, and the ones left alive as equivalent). Validation paths are
 * pinned by error class, argument name and message; guards at their boundary values.
 */
import { describe, expect, it } from 'vitest';
import { linear } from '../src/core/activations.ts';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { rng } from '../src/core/rng.ts';
import {
  conv1dMap, denseMap, layerParams, randomSharingMap, requireSharedParams, scatterGradInto, sharedNet, sharingMap,
} from '../src/models/conv1d.ts';
import { deepFcArch } from '../src/models/deep-fc.ts';
import {
  classifyBySpectrum, classifyStationary, isEpsSecondOrderStationary, sospFreeThreshold,
} from '../src/models/stationary.ts';
import { caught, expectTyped, mat } from './helpers.ts';

const message = (f: () => unknown): string => caught(f).message;

describe('src/models/conv1d.ts: validation', () => {
  it('sharingMap names rows, cols, dim and index, with the expected length in the message', () => {
    const ok = new Int32Array(6);
    expectTyped(() => sharingMap(0, 3, 1, ok), DomainError, 'rows');
    expectTyped(() => sharingMap(2, 0, 1, ok), DomainError, 'cols');
    expectTyped(() => sharingMap(2, 3, 0, ok), DomainError, 'dim');
    expectTyped(() => sharingMap(2, 3, 1, new Int32Array(5)), ShapeError, 'index');
    expect(message(() => sharingMap(2, 3, 1, new Int32Array(5)))).toBe('index must be an Int32Array of length 6');
  });

  it('sharingMap rejects an index entry outside [0, dim] (above and below), naming the entry', () => {
    const hi = new Int32Array([0, 1, 2, 3]);
    expectTyped(() => sharingMap(2, 2, 2, hi), DomainError, 'index');
    expect(message(() => sharingMap(2, 2, 2, hi))).toBe('index[3] = 3 is outside [0, 2]');
    const lo = new Int32Array([0, -1, 2, 1]);
    expect(message(() => sharingMap(2, 2, 2, lo))).toBe('index[1] = -1 is outside [0, 2]');
    expect(sharingMap(2, 2, 2, new Int32Array([0, 1, 2, 2])).dim).toBe(2);
  });

  it('randomSharingMap names rows, cols and dim', () => {
    const r = rng(1);
    expectTyped(() => randomSharingMap(r, 0, 2, 1), DomainError, 'rows');
    expectTyped(() => randomSharingMap(r, 2, 0, 1), DomainError, 'cols');
    expectTyped(() => randomSharingMap(r, 2, 2, 0), DomainError, 'dim');
  });

  it('conv1dMap names inLen, filters and q, and says when the filter is too long', () => {
    expectTyped(() => conv1dMap(0, 1, 1), DomainError, 'inLen');
    expectTyped(() => conv1dMap(3, 0, 1), DomainError, 'filters');
    expectTyped(() => conv1dMap(3, 1, 0), DomainError, 'q');
    expectTyped(() => conv1dMap(3, 1, 4), DomainError, 'q');
    expect(message(() => conv1dMap(3, 1, 4))).toBe('filter length 4 exceeds input length 3');
  });

  it('sharedNet rejects a wrong number of maps and a map of the wrong shape, with the shapes in the message', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    expectTyped(() => sharedNet(arch, [denseMap(3, 2)]), ShapeError, 'maps');
    expect(message(() => sharedNet(arch, [denseMap(3, 2)]))).toBe('maps has 1 entries, expected 2');
    expectTyped(() => sharedNet(arch, [denseMap(3, 2), denseMap(2, 3)]), ShapeError, 'maps');
    expect(message(() => sharedNet(arch, [denseMap(3, 2), denseMap(2, 3)]))).toBe('maps[1] is 2×3, expected 1×3');
    // rows right, cols wrong; and cols right, rows wrong (each half of the ||).
    expect(message(() => sharedNet(arch, [denseMap(3, 3), denseMap(1, 3)]))).toBe('maps[0] is 3×3, expected 3×2');
    expect(message(() => sharedNet(arch, [denseMap(2, 2), denseMap(1, 3)]))).toBe('maps[0] is 2×2, expected 3×2');
  });

  it('layerParams rejects h = 0, a fractional h and h = H + 1, and returns v^(h) for 1 ≤ h ≤ H', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    const net = sharedNet(arch, [denseMap(3, 2), denseMap(1, 3)]);
    const v = Float64Array.from({ length: 9 }, (_, k) => k);
    for (const h of [0, 1.5, 3, -1]) {
      expectTyped(() => layerParams(net, v, h), DomainError, 'h');
      expect(message(() => layerParams(net, v, h))).toBe(`layer h must be in [1, 2], got ${h}`);
    }
    expect([...layerParams(net, v, 1)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...layerParams(net, v, 2)]).toEqual([6, 7, 8]);
  });

  it('requireSharedParams rejects a wrong length, a plain array and a non-finite entry, naming v', () => {
    const arch = deepFcArch([2, 3, 1], [linear()]);
    const net = sharedNet(arch, [denseMap(3, 2), denseMap(1, 3)]);
    expectTyped(() => requireSharedParams(net, new Float64Array(8)), ShapeError, 'v');
    expect(message(() => requireSharedParams(net, new Float64Array(8)))).toBe('v must be a Float64Array of length 9');
    const plain = new Array(9).fill(0) as unknown as Float64Array;
    expectTyped(() => requireSharedParams(net, plain), ShapeError, 'v');
    const nan = new Float64Array(9); nan[4] = NaN;
    expectTyped(() => requireSharedParams(net, nan), NonFiniteError, 'v');
    expect(() => requireSharedParams(net, new Float64Array(9))).not.toThrow();
  });
});

describe('src/models/conv1d.ts: maps and scatter', () => {
  it('denseMap numbers the entries 1..rows·cols', () => {
    expect([...denseMap(2, 3).index]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('randomSharingMap draws exactly rows·cols integers in [0, dim] from the rng, in order', () => {
    const r = rng(42), ref = rng(42);
    const g = randomSharingMap(r, 3, 4, 5);
    const want = Array.from({ length: 12 }, () => ref.int(6));
    expect([...g.index]).toEqual(want);
    expect(want.some((x) => x !== 0)).toBe(true);
    // The rng is left exactly after the 12 draws (no extra draw).
    expect(r.int(1_000_000)).toBe(ref.int(1_000_000));
  });

  it('conv1dMap with 2 filters: the second filter block is filled', () => {
    const g = conv1dMap(3, 2, 2);
    expect(g.rows).toBe(4);
    expect(g.dim).toBe(4);
    expect([...g.index]).toEqual([1, 2, 0, 0, 1, 2, 3, 4, 0, 0, 3, 4]);
  });

  it('scatterGradInto zeroes exactly gv[go..go+dim) before summing', () => {
    const g = sharingMap(2, 2, 2, new Int32Array([1, 0, 2, 1]));
    const G = mat(2, 2, [1, 10, 100, 1000]);
    const gv = Float64Array.from([7, 7, 7, 7]);
    scatterGradInto(g, G, gv, 1);
    expect([...gv]).toEqual([7, 1001, 100, 7]);
  });
});

describe('src/models/stationary.ts: validation', () => {
  it('classifyBySpectrum names gradNorm, eigenvalues, gradTol and eigTol, with its messages', () => {
    expectTyped(() => classifyBySpectrum(NaN, [1]), NonFiniteError, 'gradNorm');
    expectTyped(() => classifyBySpectrum(-1, [1]), DomainError, 'gradNorm');
    expect(message(() => classifyBySpectrum(-1, [1]))).toBe('gradNorm must be ≥ 0, got -1');
    expectTyped(() => classifyBySpectrum(0, []), DomainError, 'eigenvalues');
    expect(message(() => classifyBySpectrum(0, []))).toBe('the spectrum is empty');
    expectTyped(() => classifyBySpectrum(0, [2, 1]), DomainError, 'eigenvalues');
    expect(message(() => classifyBySpectrum(0, [2, 1]))).toBe('eigenvalues must be sorted ascending');
    expectTyped(() => classifyBySpectrum(0, [1], { gradTol: NaN }), NonFiniteError, 'gradTol');
    expectTyped(() => classifyBySpectrum(0, [1], { eigTol: NaN }), NonFiniteError, 'eigTol');
    expectTyped(() => classifyBySpectrum(0, [1], { gradTol: -1 }), DomainError, 'gradTol');
    expect(message(() => classifyBySpectrum(0, [1], { gradTol: -1 }))).toBe('gradTol must be ≥ 0, got -1');
    expectTyped(() => classifyBySpectrum(0, [1], { eigTol: -0.5 }), DomainError, 'eigTol');
    expect(message(() => classifyBySpectrum(0, [1], { eigTol: -0.5 }))).toBe('eigTol must be ≥ 0, got -0.5');
  });

  it('classifyStationary names hessian and grad, with the shapes in the message', () => {
    expectTyped(() => classifyStationary([0, 0], mat(2, 3, [0, 0, 0, 0, 0, 0])), ShapeError, 'hessian');
    expectTyped(() => classifyStationary([0], mat(2, 2, [1, 0, 0, 1])), DomainError, 'grad');
    expect(message(() => classifyStationary([0], mat(2, 2, [1, 0, 0, 1])))).toBe('grad has length 1, the Hessian is 2×2');
    expectTyped(() => classifyStationary([0, NaN], mat(2, 2, [1, 0, 0, 1])), NonFiniteError, 'grad');
  });

  it('isEpsSecondOrderStationary names each argument; ε = 0 is allowed, ε < 0 and ρ ≤ 0 are not', () => {
    expectTyped(() => isEpsSecondOrderStationary(NaN, 0, 1, 1), NonFiniteError, 'gradNorm');
    expectTyped(() => isEpsSecondOrderStationary(0, NaN, 1, 1), NonFiniteError, 'lambdaMin');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, NaN, 1), NonFiniteError, 'eps');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, 1, NaN), NonFiniteError, 'rho');
    expectTyped(() => isEpsSecondOrderStationary(-1, 0, 1, 1), DomainError, 'gradNorm');
    expect(message(() => isEpsSecondOrderStationary(-1, 0, 1, 1))).toBe('gradNorm must be ≥ 0, got -1');
    expectTyped(() => isEpsSecondOrderStationary(0, 0, -1, 1), DomainError, 'eps');
    expect(message(() => isEpsSecondOrderStationary(0, 0, -1, 1))).toBe('ε must be ≥ 0, got -1');
    expect(isEpsSecondOrderStationary(0, 0, 0, 1)).toBe(true);
    expectTyped(() => isEpsSecondOrderStationary(0, 0, 1, 0), DomainError, 'rho');
    expect(message(() => isEpsSecondOrderStationary(0, 0, 1, 0))).toBe('ρ must be > 0, got 0');
  });

  it('sospFreeThreshold names the offending one of gamma, rho and gMin, and rejects each ≤ 0 on its own', () => {
    expectTyped(() => sospFreeThreshold(NaN, 1, 1), NonFiniteError, 'gamma');
    expectTyped(() => sospFreeThreshold(1, NaN, 1), NonFiniteError, 'rho');
    expectTyped(() => sospFreeThreshold(1, 1, NaN), NonFiniteError, 'gMin');
    const cases: [number, number, number, string, number][] = [
      [0, 1, 1, 'gamma', 0], [1, 0, 1, 'rho', 0], [1, 1, 0, 'gMin', 0],
      [-1, 1, 1, 'gamma', -1], [1, -1, 1, 'rho', -1], [1, 1, -1, 'gMin', -1],
    ];
    for (const [g, r, m, name, bad] of cases) {
      expectTyped(() => sospFreeThreshold(g, r, m), DomainError, name);
      expect(message(() => sospFreeThreshold(g, r, m))).toBe(`${name} must be > 0, got ${bad}`);
    }
  });
});

describe('src/models/stationary.ts: values and thresholds', () => {
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
