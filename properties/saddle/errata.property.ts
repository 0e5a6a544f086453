/**
 * Thesis Chapter 7, the documented false statements (catalog 002e errata E1, E2; C-26, C-27;
 * ranking item 21): Theorem 7.4's bound claim and Lemma 7.4's lower bounds, each `falsified` with a
 * shrunk counterexample saved under fixtures/counterexamples/ and its corrected statement.
 *
 * Cases are small integers (not seeds) so that fast-check's shrinking walks to the boundary of the
 * violation set: the saved counterexample is the smallest grid point that still refutes the print.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { type HermiteCubic, g1p, g2p, hermiteCubic, hermiteValue, lemma74Glue } from '../../src/models/octopus.ts';


/** Exact min and max of a Hermite cubic on [y0, y1]: endpoints and the real roots of p′ inside. */
function cubicRange(p: HermiteCubic, y0: number, y1: number): { min: number; max: number } {
  const cand = [y0, y1];
  const A = 3 * p.c3, B = 2 * p.c2, C = p.c1; // p′(y0 + δ) = Aδ² + Bδ + C
  if (Math.abs(A) > 0) {
    const disc = B * B - 4 * A * C;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      cand.push(y0 + (-B - sq) / (2 * A), y0 + (-B + sq) / (2 * A));
    }
  } else if (B !== 0) cand.push(y0 - C / B);
  let min = Infinity, max = -Infinity;
  for (const y of cand) {
    if (y < y0 || y > y1) continue;
    const v = hermiteValue(p, y);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

// ---------------------------------------------------------------------------------------------
// E1: Theorem 7.4's bound claim.

interface HermiteData { h: number; f0q: number; dropq: number; d0q: number; d1q: number }

function data(c: HermiteData) {
  const y0 = 0, y1 = c.h, f0 = -c.f0q / 4, f1 = f0 - c.dropq / 4, d0 = -c.d0q / 8, d1 = c.d1q / 8;
  return { y0, y1, f0, f1, d0, d1, S: (f1 - f0) / (y1 - y0) };
}

/** f(y1) ≤ p ≤ f(y0) on [y0, y1] for the interpolant with slopes (d0, d1); tolerance 1e-12 relative. */
function boundedVerdict(y0: number, y1: number, f0: number, f1: number, d0: number, d1: number, label: string): Verdict {
  const p = hermiteCubic(y0, y1, f0, f1, d0, d1);
  const { min, max } = cubicRange(p, y0, y1);
  const violation = Math.max(f1 - min, max - f0);
  const tol = 1e-12 * Math.max(1, Math.abs(f1));
  return verdict.atMost(violation, tol, `${label}: p ranges over [${min.toPrecision(6)}, ${max.toPrecision(6)}] vs [f(y1), f(y0)] = [${f1}, ${f0}], slopes (${d0}, ${d1})`);
}

export const thm74Bound = claim({
  id: 'thesis.ch7.thm7.4.bound-as-printed',
  source: '002 thesis, Theorem 7.4 (catalog C-26, erratum E1)',
  statement: 'as printed: if f(y1) < f(y0) < 0, f′(y0) < 0 and f′(y1) ≥ 3(f(y1) − f(y0))/(y1 − y0), the cubic Hermite interpolant satisfies f(y1) ≤ p ≤ f(y0) on [y0, y1]',
  kind: 'falsified',
  rationale: 'the hypothesis does not force f′(y1) ≤ 0: any f′(y1) > 0 makes p dip below f(y1) just left of y1 (catalog example p(0.95) = −2.0381 < −2)',
  budget: { quick: { runs: 200 }, default: { runs: 500 }, deep: { runs: 2000 } },
  arbitrary: () => fc.record({
    h: fc.integer({ min: 1, max: 4 }), f0q: fc.integer({ min: 1, max: 20 }), dropq: fc.integer({ min: 1, max: 20 }),
    d0q: fc.integer({ min: 1, max: 40 }), d1q: fc.integer({ min: -40, max: 40 }),
  }),
  check: (c) => {
    const { y0, y1, f0, f1, d0, d1, S } = data(c);
    // Vacuous when the printed hypothesis f′(y1) ≥ 3S fails.
    if (!(d1 >= 3 * S)) return verdict.vacuous('hypothesis f′(y1) ≥ 3S fails (vacuous)');
    return boundedVerdict(y0, y1, f0, f1, d0, d1, 'printed');
  },
  // Corrected (Fritsch–Carlson box): S < 0 and f′(y0), f′(y1) ∈ [3S, 0] make p monotone, hence
  // f(y1) ≤ p ≤ f(y0). On the counterexample's data this is the interpolant with its slopes projected
  // into the box (how the corrected theorem is used to build a bounded glue).
  corrected: (c) => {
    const { y0, y1, f0, f1, d0, d1, S } = data(c);
    const clamp = (v: number) => Math.min(0, Math.max(3 * S, v));
    return boundedVerdict(y0, y1, f0, f1, clamp(d0), clamp(d1), 'slopes projected into [3S, 0]');
  },
});

// ---------------------------------------------------------------------------------------------
// E2: Lemma 7.4's lower bounds −4Lτ ≤ g1′ and −4Lτ ≤ ∂g/∂x_i (τ = e, the thesis instantiation).

const TAU = Math.E;

interface GlueCase { Lq: number; ratioQ: number; sq: number; yq: number }

/** L = Lq/4 ∈ [1, 5], γ = L·ratioQ/100 ∈ [0.05L, L] (the source assumes L > γ), a = τ(1 + sq/1000), y = τ·yq/100. */
function glueAt(c: GlueCase) {
  const L = c.Lq / 4, gamma = (L * c.ratioQ) / 100, a = TAU * (1 + c.sq / 1000), y = (TAU * c.yq) / 100;
  const gl = lemma74Glue(L, gamma, TAU);
  return { L, gamma, a, y, p: g1p(gl, a), dg: g1p(gl, a) + g2p(gl, a) * y * y };
}

function lowerVerdict(value: number, bound: number, label: string): Verdict {
  // 1e-12 relative tolerance for the rounding of a quartic in s with O((L+γ)τ) terms.
  const tol = 1e-12 * Math.abs(bound);
  return verdict.atLeast(value, bound - tol, label);
}

export const lem74G1Lower = claim({
  id: 'thesis.ch7.lemma7.4.g1p-lower-as-printed',
  source: '002 thesis, Lemma 7.4(iii) (catalog C-27, erratum E2)',
  statement: 'as printed: −4Lτ ≤ g1′(x_i) on τ ≤ x_i ≤ 2τ',
  kind: 'falsified',
  rationale: 'p′(2τ) = 2L > 0, so p rises to −4Lτ at 2τ from below: min p is 2–3.4% under −4Lτ, violation set s ∈ (s0, 1) with s0 = 1/√2 at γ = L',
  budget: { quick: { runs: 200 }, default: { runs: 500 }, deep: { runs: 2000 } },
  arbitrary: () => fc.record({
    Lq: fc.integer({ min: 4, max: 20 }), ratioQ: fc.integer({ min: 5, max: 100 }), sq: fc.integer({ min: 0, max: 1000 }), yq: fc.constant(0),
  }),
  check: (c) => {
    const g = glueAt(c);
    return lowerVerdict(g.p, -4 * g.L * TAU, `L=${g.L} γ=${g.gamma} s=${c.sq / 1000}: g1′ = ${g.p.toPrecision(8)} vs −4Lτ = ${(-4 * g.L * TAU).toPrecision(8)}`);
  },
  // Corrected [derived]: min_s of the s-polynomials of L and γ separately, −4.0652L (s = 14/15) and −2.1070γ (s = 1/9).
  corrected: (c) => {
    const g = glueAt(c);
    const b = -(4.066 * g.L + 2.107 * g.gamma) * TAU;
    return lowerVerdict(g.p, b, `g1′ = ${g.p.toPrecision(8)} ≥ −(4.066L + 2.107γ)τ = ${b.toPrecision(8)}`);
  },
});

export const lem74DgLower = claim({
  id: 'thesis.ch7.lemma7.4.dg-lower-as-printed',
  source: '002 thesis, Lemma 7.4(ii) (catalog C-27, erratum E2)',
  statement: 'as printed: −4Lτ ≤ ∂g(x_i, x_{i+1})/∂x_i for τ ≤ x_i ≤ 2τ and 0 ≤ x_{i+1} ≤ τ',
  kind: 'falsified',
  rationale: 'besides min p < −4Lτ, the g2′(x_i)x_{i+1}² term adds down to −(15/8)(L+γ)τ at x_{i+1} = τ (min −19.90 vs −10.87 at L = γ = 1)',
  budget: { quick: { runs: 200 }, default: { runs: 500 }, deep: { runs: 2000 } },
  arbitrary: () => fc.record({
    Lq: fc.integer({ min: 4, max: 20 }), ratioQ: fc.integer({ min: 5, max: 100 }), sq: fc.integer({ min: 0, max: 1000 }), yq: fc.integer({ min: 0, max: 100 }),
  }),
  check: (c) => {
    const g = glueAt(c);
    return lowerVerdict(g.dg, -4 * g.L * TAU, `L=${g.L} γ=${g.gamma} s=${c.sq / 1000} x_{i+1}=${(c.yq / 100).toFixed(2)}τ: ∂g/∂x_i = ${g.dg.toPrecision(8)} vs −4Lτ = ${(-4 * g.L * TAU).toPrecision(8)}`);
  },
  corrected: (c) => {
    const g = glueAt(c);
    const b = -(5.95 * g.L + 3.99 * g.gamma) * TAU;
    return lowerVerdict(g.dg, b, `∂g/∂x_i = ${g.dg.toPrecision(8)} ≥ −(5.95L + 3.99γ)τ = ${b.toPrecision(8)}`);
  },
});

