/**
 * The library probes of issue 17 ("Why"), each pinned to its typed error: the class and the argument
 * it names (the closing note lists the same probes with their new behaviour). The generated table
 * (bad-input.test.ts) covers every argument of every export; these are the calls a user actually made.
 */
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../src/core/errors.ts';
import { fromRows, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import type { Objective } from '../src/models/model.ts';
import { initTwoLayer, twoLayerLoss } from '../src/models/two-layer.ts';
import { type FlowMethod, gradientFlow, integrateFlow } from '../src/train/flow.ts';
import { gd, gdStep } from '../src/train/gd.ts';
import { pgd } from '../src/train/pgd.ts';
import { lossRecorder } from '../src/train/recorders.ts';
import { expectTyped } from './helpers.ts';

const quad: Objective = { id: 'quad', dim: 1, valueGrad: (x, g) => { g[0] = x[0]; return 0.5 * x[0] * x[0]; } };
/** A finite value with a NaN gradient: the state, not the value, goes non-finite first. */
const nanGradient: Objective = { id: 'nan-gradient', dim: 1, valueGrad: (x, g) => { g[0] = NaN; return 0.5 * x[0] * x[0]; } };
const one = () => Float64Array.from([1]);
const anyValue = (v: unknown) => v as never;

describe('issue 17 library probes', () => {
  it('no training path returns a NaN state: GD, PGD and the flow (every method) throw NonFiniteError', () => {
    for (const method of ['euler', 'rk4', 'midpoint'] as FlowMethod[]) {
      expectTyped(() => integrateFlow(quad, Float64Array.from([NaN]), { method, time: 1, steps: 10 }), NonFiniteError, 'theta0');
      expect(() => integrateFlow(nanGradient, one(), { method, time: 1, steps: 10 }), method).toThrow(NonFiniteError);
    }
    expect(() => gradientFlow(nanGradient, one(), { time: 1 })).toThrow(NonFiniteError);
    expect(() => gd(nanGradient, one(), { eta: 0.1, steps: 5 })).toThrow(NonFiniteError);
    expect(() => pgd(nanGradient, one(), { eta: 0.1, steps: 5, r: 0.01, tThres: 2, gThres: 0.1, noise: rng(1) })).toThrow(NonFiniteError);
  });

  it('missing arguments are typed errors naming them, not TypeErrors', () => {
    expectTyped(() => fromRows(anyValue(null)), ShapeError, 'rows');
    expectTyped(() => initTwoLayer(anyValue(undefined), 4, 2), DomainError, 'rng');
    expectTyped(() => gd(quad, one(), anyValue(undefined)), DomainError, 'opts');
    expectTyped(() => gd(quad, anyValue(undefined), { eta: 0.1, steps: 5 }), ShapeError, 'x0');
    expectTyped(() => integrateFlow(quad, anyValue(undefined), { method: 'rk4', time: 1, steps: 10 }), ShapeError, 'theta0');
  });

  it('sizes that cannot be allocated are DomainErrors before any allocation', () => {
    expectTyped(() => zeros(1e5, 1e5), DomainError, 'rows');
    expectTyped(() => lossRecorder(1e12), DomainError, 'steps');
  });

  it('a Float32Array target and a string step size are rejected, naming y and eta', () => {
    const X = fromRows([[1, 0], [0.6, 0.8], [0, 1]]);
    expectTyped(() => twoLayerLoss(initTwoLayer(rng(3), 4, 2), X, anyValue(Float32Array.from([0.5, -0.25, 0.75]))), ShapeError, 'y');
    expectTyped(() => gdStep(quad, one(), anyValue('0.1')), DomainError, 'eta');
  });
});
