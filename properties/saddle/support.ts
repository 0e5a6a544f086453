/**
 * Shared case generation and comparisons for the strict-saddle family (thesis ch. 7; catalog 002e). Not a
 * property file: the registry only loads *.property.ts.
 */
import type { Rng } from '../../src/core/rng.ts';
import { verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { type Octopus, type PieceKind, glueThirdDerivativeNorm, lemma74Glue, octopus, transitionGridSup } from '../../src/models/octopus.ts';

/** Unit roundoff of float64, 2^−53. */
export const U = 2 ** -53;

export interface Constants { L: number; gamma: number; tau: number }

/** L ∈ [lMin, lMax], γ = L·ρ with ρ ∈ [rMin, rMax] (≤ 1: the source assumes L > γ), τ ∈ [tMin, tMax]. */
export function drawConstants(r: Rng, o: { L?: [number, number]; ratio?: [number, number]; tau?: [number, number] } = {}): Constants {
  const [l0, l1] = o.L ?? [0.75, 5];
  const [r0, r1] = o.ratio ?? [0.2, 1];
  const [t0, t1] = o.tau ?? [1, 4];
  const L = r.uniformIn(l0, l1);
  return { L, gamma: L * r.uniformIn(r0, r1), tau: r.uniformIn(t0, t1) };
}

export function drawSigns(r: Rng, d: number): Float64Array {
  const s = new Float64Array(d);
  for (let j = 0; j < d; j++) s[j] = r.rademacher();
  return s;
}

/**
 * A point of the octopus piece (k, kind) with random signs (Definition 7.1 checks; catalog 002e C-01 sampler): leading
 * |x_j| ~ U[2τ + m, 6τ − m], current |x_k| in [0, τ − m] (saddle) or [τ + m, 2τ − m] (transition),
 * trailing |x_j| ~ U[0, τ − m]. m ≥ 0 keeps the point away from the seams (for finite differences).
 */
export function pointInPiece(o: Octopus, r: Rng, k: number, kind: PieceKind, margin = 0): Float64Array {
  const { d, tau } = o, x = new Float64Array(d), m = margin;
  const kk = kind === 'basin' ? d : k;
  for (let j = 0; j < kk; j++) x[j] = r.uniformIn(2 * tau + m, 6 * tau - m);
  if (kk < d) {
    x[kk] = kind === 'saddle' ? r.uniformIn(0, tau - m) : r.uniformIn(tau + m, 2 * tau - m);
    for (let j = kk + 1; j < d; j++) x[j] = r.uniformIn(0, tau - m);
  }
  for (let j = 0; j < d; j++) x[j] *= r.rademacher();
  return x;
}

/** A random piece: k uniform in [0, d], kind saddle/transition with probability ½ each (basin when k = d). */
export function randomPiece(r: Rng, d: number, allowBasin = true): { k: number; kind: PieceKind } {
  const k = r.int(allowBasin ? d + 1 : d);
  if (k === d) return { k, kind: 'basin' };
  return { k, kind: r.uniform() < 0.5 ? 'saddle' : 'transition' };
}

/** x0 ~ U[−1, 1]^d with |x0_j| ≥ lo (derived, not in the thesis; catalog 002e §2.8 trap 3: a zero coordinate never escapes). */
export function cubeInit(r: Rng, d: number, lo = 1e-3): Float64Array {
  const x = new Float64Array(d);
  for (let j = 0; j < d; j++) x[j] = r.rademacher() * r.uniformIn(lo, 1);
  return x;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j] - b[j]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]));
  return m;
}

/** Number of entries that differ bitwise (Object.is, so −0 ≠ +0 counts too). */
export function bitwiseMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) n++;
  return n;
}

/**
 * The integers a float-rounded ⌈q⌉ may legitimately take: exact-arithmetic q within δ of an integer
 * is a floating tie (derived, not in the thesis; catalog 002e §2.5: "±1 for ties"); elsewhere only ⌈q⌉ itself.
 */
export function ceilCandidates(q: number, relTie = 1e-9): [number, number] {
  const delta = relTie * Math.max(1, Math.abs(q));
  return [Math.ceil(q - delta), Math.ceil(q + delta)];
}

export function floorCandidates(q: number, relTie = 1e-9): [number, number] {
  const delta = relTie * Math.max(1, Math.abs(q));
  return [Math.floor(q - delta), Math.floor(q + delta)];
}

export function within([lo, hi]: [number, number], v: number): boolean {
  return v >= lo && v <= hi;
}

/**
 * One verdict from several one-sided bounds. Each item is value ≤ bound ('le') or value ≥ bound ('ge'),
 * accepted up to tol·scale (float rounding): a bound verdict (verdict.atMost / atLeast, slack
 * value/bound or bound/value) against the bound widened by that allowance. All must hold; the slack
 * is the worst item's.
 */
export interface BoundItem { name: string; value: number; bound: number; dir: 'le' | 'ge'; scale: number; tol?: number }

/** A pass/fail requirement inside a bounds verdict: it never sets the slack unless it fails. */
export function requirement(name: string, ok: boolean): BoundItem {
  return { name, value: ok ? 0 : 1, bound: 0, dir: 'le', scale: 0 };
}

export function boundsVerdict(items: BoundItem[], detail = ''): Verdict {
  const vs = items.map((it) => {
    const text = `${it.name} (${it.value.toPrecision(6)} ${it.dir === 'le' ? '≤' : '≥'} ${it.bound.toPrecision(6)})`;
    // scale 0 marks a requirement(): slack 0 when it holds, ∞ when it fails.
    if (it.scale === 0) return it.value <= it.bound ? verdict.vacuous(text, it.value, it.bound) : verdict.unmet(text, it.value, it.bound);
    const allowance = (it.tol ?? 0) * it.scale;
    return it.dir === 'le' ? verdict.atMost(it.value, it.bound + allowance, text) : verdict.atLeast(it.value, it.bound - allowance, text);
  });
  let w = vs[0];
  for (const v of vs) if ((!v.holds && w.holds) || (v.holds === w.holds && v.slack > w.slack)) w = v;
  return { ...verdict.allOf(vs), detail: `${detail}${w ? `${detail ? '; ' : ''}tightest: ${w.detail}` : ''}` };
}

/** The thesis instantiation L = e, γ = 1, τ = e as an octopus of dimension d. */
export function thesisOctopus(d: number): Octopus {
  return octopus(d, Math.E, 1, Math.E);
}

/** Constants of the §7.5 experiments: L from the figure panels, γ = 1, τ = e. */
export const FIGURE_LS: readonly number[] = [1, 1.5, 2, 3];
export const PANEL_LS: readonly number[] = [1, 1.5, 2, 3, Math.E];

/** A Hessian-Lipschitz constant valid on D for τ = e (Remark 7.1 claim: ρ_D ≤ 40(L + γ) there). */
export function rhoHat(L: number, gamma: number): number {
  return 40 * (L + gamma);
}

const rhoCache = new Map<string, number>();

/**
 * ρ_D, the Hessian-Lipschitz constant of the octopus on D: the sup of the third-derivative tensor norm
 * over the transition region (saddle and basin pieces are quadratic), on a 101×51 grid of
 * [τ, 2τ] × [0, τ] (derived, not in the thesis; catalog 002e §2.6: 47.1 at L = γ = 1, 102.7 at L = e). Cached per (L, γ, τ).
 */
export function rhoD(L: number, gamma: number, tau: number): number {
  const key = `${L}/${gamma}/${tau}`;
  let v = rhoCache.get(key);
  if (v === undefined) {
    v = transitionGridSup(lemma74Glue(L, gamma, tau), glueThirdDerivativeNorm, 100, 50).value;
    rhoCache.set(key, v);
  }
  return v;
}
