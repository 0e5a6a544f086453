/**
 * src/core/activations.ts: names and linearity flags, the branch taken at the kink, overflow-free
 * forms for large |x|, typed rejection of bad parameters, and activationByName. Signed zeros are
 * compared with Object.is: max(0, −0) is +0, and a·0 with a < 0 is −0, so the branch taken at
 * x = ±0 is observable. (docs/mutation-eigen-activations.md: the mutants these tests kill.)
 */
import { erf } from '../src/core/special.ts';
import { describe, expect, it } from 'vitest';
import {
  type Activation, type ActivationName, activationByName, erfActivation, gelu, leakyRelu, linear, piecewiseLinear, relu, reluPower,
  sigmoid, softplus, tanh,
} from '../src/core/activations.ts';
import { DomainError, NonFiniteError } from '../src/core/errors.ts';
import { expectTyped } from './helpers.ts';

/** Object.is on each pair (so +0 and −0 differ). */
function expectSame(got: number, want: number, what: string): void {
  expect(Object.is(got, want), `${what}: got ${Object.is(got, -0) ? '-0' : got}, want ${Object.is(want, -0) ? '-0' : want}`).toBe(true);
}

describe('activation names and linearity flags', () => {
  it('every activation has its name and its linear flag (only linear() and pl(1, 1) are linear)', () => {
    const table: Array<[Activation, string, boolean]> = [
      [relu(), 'relu', false],
      [leakyRelu(0.3), 'leaky(0.300)', false],
      [leakyRelu(0.25), 'leaky(0.250)', false],
      [linear(), 'linear', true],
      [tanh(), 'tanh', false],
      [softplus(), 'softplus', false],
      [sigmoid(), 'sigmoid', false],
      [gelu(), 'gelu', false],
      [erfActivation(), 'erf', false],
      [reluPower(2), 'relu^2', false],
      [reluPower(3), 'relu^3', false],
      [piecewiseLinear(1, 1), 'pl(1,1)', true],
      [piecewiseLinear(2, -0.5), 'pl(2,-0.500)', false],
      [piecewiseLinear(1, 0.5), 'pl(1,0.500)', false],
      [piecewiseLinear(0.5, 1), 'pl(0.500,1)', false],
      [piecewiseLinear(2, 2), 'pl(2,2)', false],
      [piecewiseLinear(-1, -1), 'pl(-1,-1)', false],
      [piecewiseLinear(1, 1, 'identity'), 'identity', true],
      [piecewiseLinear(3, 0, 'custom'), 'custom', false],
    ];
    for (const [a, name, lin] of table) {
      expect(a.name).toBe(name);
      expect(a.linear, name).toBe(lin);
    }
  });
});

describe('the branch taken at the kink (x = ±0)', () => {
  it('piecewiseLinear: σ(x) = a₊x for x ≥ 0 (σ(+0) = +0 even when a₋ < 0), σ\'(0) = a₊', () => {
    const s = piecewiseLinear(2, -0.5);
    expectSame(s.value(0), 0, 'σ(0)');
    expectSame(s.value(-0), -0, 'σ(−0) = 2·(−0)');
    expect(s.value(-2)).toBe(1);
    expect(s.value(3)).toBe(6);
    expect(s.derivative(0)).toBe(2);
    expect(s.derivative(-0)).toBe(2);
    expect(s.derivative(-1e-300)).toBe(-0.5);
    expect(leakyRelu(0.3).derivative(0)).toBe(1);
  });

  it('relu: σ(x) = max(0, x), so σ(−0) = +0; σ\'(0) = 0 (the backprop convention)', () => {
    const r = relu();
    expectSame(r.value(-0), 0, 'relu(−0)');
    expectSame(r.value(0), 0, 'relu(0)');
    expect(r.value(5e-324)).toBe(5e-324);
    expect(r.derivative(0)).toBe(0);
    expect(r.derivative(-0)).toBe(0);
    expect(r.derivative(5e-324)).toBe(1);
  });

  it('reluPower: max(0, x)^k, so σ(−0) = +0 and σ\'(−0) = +0', () => {
    expectSame(reluPower(3).value(-0), 0, 'relu³(−0)');
    expectSame(reluPower(2).derivative(-0), 0, '(relu²)\'(−0)');
    expectSame(reluPower(3).value(0), 0, 'relu³(0)');
    expect(reluPower(3).value(2)).toBe(8);
    expect(reluPower(3).derivative(2)).toBe(12);
  });
});

describe('overflow-free forms for large |x|', () => {
  it('softplus: log(1 + eˣ) is x for x = 1000 and 0 for x = −1000 (no ∞)', () => {
    const s = softplus();
    expect(s.value(1000)).toBe(1000);
    expect(s.value(-1000)).toBe(0);
    expect(s.value(-710)).toBe(Math.exp(-710)); // log1p(e⁻⁷¹⁰) = e⁻⁷¹⁰ (subnormal)
    expect(s.value(0)).toBe(Math.LN2);
  });

  it('softplus\' = sigmoid: 1 at x = 710, e⁻⁷¹⁰ at x = −710 (e⁷¹⁰ overflows, so each branch is needed)', () => {
    for (const f of [softplus().derivative, sigmoid().value]) {
      expect(f(710)).toBe(1);
      expect(f(-710)).toBe(Math.exp(-710));
      expect(f(-710)).toBeGreaterThan(0);
      expect(f(0)).toBe(0.5);
      expect(f(1)).toBe(1 / (1 + Math.exp(-1)));
      expect(f(-1)).toBe(Math.exp(-1) / (1 + Math.exp(-1)));
    }
    expect(sigmoid().derivative(-710)).toBe(Math.exp(-710));
    expect(sigmoid().derivative(710)).toBe(0);
  });
});

describe('bad parameters are rejected with typed errors', () => {
  it('piecewiseLinear names a non-finite coefficient (aPlus or aMinus)', () => {
    expectTyped(() => piecewiseLinear(NaN, 1), NonFiniteError, 'aPlus');
    expectTyped(() => piecewiseLinear(1, NaN), NonFiniteError, 'aMinus');
    expectTyped(() => piecewiseLinear(1, Infinity), NonFiniteError, 'aMinus');
  });

  it('leakyRelu needs a slope in the open interval (0, 1), naming a', () => {
    for (const a of [0, -0.5, 1, 1.5]) {
      expectTyped(() => leakyRelu(a), DomainError, 'a');
    }
    expectTyped(() => leakyRelu(NaN), NonFiniteError, 'a');
    expect(leakyRelu(5e-324).value(-1)).toBe(-5e-324);
    expect(leakyRelu(1 - 2 ** -53).value(-1)).toBe(-(1 - 2 ** -53));
  });

  it('reluPower needs an integer k ≥ 2, naming k', () => {
    for (const k of [1, 1.5, 0, -2]) {
      expectTyped(() => reluPower(k), DomainError, 'k');
    }
  });
});

describe('activationByName', () => {
  it('maps every name to its activation (defaults: leaky 0.2, piecewise (0.2, −0.7))', () => {
    const want: Array<[ActivationName, string, number, number]> = [
      // name, label, σ(2), σ(−2)
      ['relu', 'relu', 2, 0],
      ['leaky', 'leaky(0.200)', 2, -0.4],
      ['linear', 'linear', 2, -2],
      ['piecewise', 'pl(0.200,-0.700)', 0.4, 1.4],
      ['tanh', 'tanh', Math.tanh(2), Math.tanh(-2)],
      ['softplus', 'softplus', 2 + Math.log1p(Math.exp(-2)), Math.log1p(Math.exp(-2))],
      ['sigmoid', 'sigmoid', 1 / (1 + Math.exp(-2)), Math.exp(-2) / (1 + Math.exp(-2))],
      ['gelu', 'gelu', gelu().value(2), gelu().value(-2)],
      ['erf', 'erf', erf(2), erf(-2)],
      ['relu2', 'relu^2', 4, 0],
    ];
    for (const [name, label, at2, atm2] of want) {
      const a = activationByName(name);
      expect(a.name).toBe(label);
      expect(a.value(2), name).toBe(at2);
      expect(a.value(-2), name).toBe(atm2);
    }
    expect(activationByName('gelu').value(2)).toBeCloseTo(2 * 0.9772498680518208, 14);
    // erf'(x) = 2/√π·e^{−x²}, against a central difference at x = 0.7
    const e = erfActivation();
    expect(e.derivative(0.7)).toBeCloseTo((e.value(0.7 + 1e-6) - e.value(0.7 - 1e-6)) / 2e-6, 8);
    expect(activationByName('leaky', 0.5).name).toBe('leaky(0.500)');
    expect(activationByName('piecewise', 3, -1).value(-2)).toBe(2);
    expect(activationByName('piecewise', 3).value(-2)).toBe(1.4);
  });

  it('rejects an unknown name, naming it', () => {
    expectTyped(() => activationByName('swish' as ActivationName), DomainError, 'name');
  });
});
