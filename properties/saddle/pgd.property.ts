/**
 * Thesis Chapter 7, perturbed GD and the GD-vs-PGD comparison (catalog 002e §2.4, §4.1, C-06, C-08,
 * C-11, C-12, C-25; ranking items 19, 23–28): Algorithm 2's noise law, PGD stays in D (7.19), PGD
 * reaches an ε-SOSP in polynomial time, Figures 7.3/7.4 (R1 with the figure data, R2 plateaus), and
 * the scaling claims of Theorem 7.3 (exponential GD, polynomial PGD).
 */
import fc from 'fast-check';
import { claim, verdict, withFit } from '../../src/claims/claim.ts';
import type { Figure, Series } from '../../src/claims/types.ts';
import { Rng, rng } from '../../src/core/rng.ts';
import { regularizedBeta } from '../../src/core/special.ts';
import type { Objective } from '../../src/models/model.ts';
import { intIn, seedArb } from '../../src/data/arbitraries.ts';
import { clopperPearsonUpper } from '../../src/stats/clopper-pearson.ts';
import { type SlopeFit, linearFit, logLogSlope } from '../../src/stats/slope.ts';
import { median } from '../../src/stats/summary.ts';
import { type Octopus, distanceToMinima, locate, octopus, octopusLambdaMin, octopusObjective } from '../../src/models/octopus.ts';
import { isEpsSecondOrderStationary } from '../../src/models/stationary.ts';
import { pgd } from '../../src/train/pgd.ts';
import { observe } from '../../src/train/recorders.ts';
import {
  EscapeRecorder, escapeRatio, exactGdEscape, experimentalPgd, pgdEscape, uniformCubeInit,
} from '../../src/train/escape.ts';
import { FIGURE_LS, PANEL_LS, boundsVerdict, requirement, rhoD } from './support.ts';

/** False-alarm level of the statistical claims. */
const ALPHA = 1e-6;

/** The §7.5 panels: L from the figure list (or e), γ = 1, τ = e, η = 1/(4L). */
function panel(d: number, Lidx: number): Octopus {
  return octopus(d, PANEL_LS[Lidx], 1, Math.E);
}

/** PGD budget of Theorem 7.3 part 2 at CPU size (catalog C-08/C-11): N = 30(1 + L/γ)d. */
function pgdBudget(o: Octopus): number {
  return Math.ceil(30 * (1 + o.L / o.gamma) * o.d);
}

// ---------------------------------------------------------------------------------------------
// Rank 24. Algorithm 2's noise law (C-06): ξ uniform in the ℓ2 ball of radius r.

// Measured on the perturbations `pgd` itself adds (src/train/pgd.ts), not on a stand-in sampler:
// ξ_t = (x_t after the perturbation, from onNoise) − (x_t as the recorders saw it). The objective is
// the bowl f = ½‖x‖² from x₀ = 0 with η = 1, g_thres = 0, t_thres = 0: every step perturbs at the
// minimum and the step returns exactly to 0 (x − 1·x = 0 in floating point), so n steps give n draws
// and the subtraction is exact. The law is then tested by two exact (distribution-free) tests:
// the radius — (‖ξ‖/r)^d ~ U(0, 1) — and the projection on a seed-drawn unit direction v —
// (⟨ξ, v⟩/r)² ~ Beta(½, (d+1)/2), symmetric — each by the Kolmogorov distance against the
// Dvoretzky–Kiefer–Wolfowitz–Massart band P[sup|F_n − F| > ε] ≤ 2e^{−2nε²} at ε = √(ln(4/α)/(2n)),
// i.e. α/2 per test, α per case by the union bound; α = 1e-6/200 (the deep budget's case count), so
// a run at any budget false-alarms with probability ≤ 1e-6.

/** f = ½‖x‖² (∇f = x): from 0 with η = 1 every GD step lands back on 0 exactly. */
function bowl(d: number): Objective {
  return {
    id: `bowl-${d}`, dim: d,
    valueGrad(x, g) {
      let f = 0;
      for (let j = 0; j < d; j++) { g[j] = x[j]; f += 0.5 * x[j] * x[j]; }
      return f;
    },
  };
}

/** A noise source whose ball draws radius r·U instead of r·U^{1/d} (the control's mis-sampled law). */
class UniformRadiusNoise extends Rng {
  override ball(d: number, r = 1, out?: Float64Array, offset = 0): Float64Array {
    const o = this.sphere(d, out, offset), rad = r * this.uniform();
    for (let k = 0; k < d; k++) o[offset + k] *= rad;
    return o;
  }
}

/** The n perturbations pgd adds (row-major n × d), recovered from its iterates. */
function pgdPerturbations(d: number, r: number, n: number, noise: Rng): Float64Array {
  const xs = new Float64Array(n * d), before = new Float64Array(d);
  let count = 0;
  pgd(bowl(d), new Float64Array(d), {
    eta: 1, steps: n, r, tThres: 0, gThres: 0, noise,
    recorders: [observe((_t, x) => { before.set(x); })],
    onNoise: (_t, _xi, xPerturbed) => {
      for (let j = 0; j < d; j++) xs[count * d + j] = xPerturbed[j] - before[j];
      return ++count === n;
    },
  });
  if (count !== n) throw new Error(`pgd added ${count} perturbations in ${n} steps, expected ${n}`);
  return xs;
}

/** sup_s |F_n(s) − F(s)| of a sample (sorted in place) against a continuous CDF F. */
function kolmogorovDistance(sample: Float64Array, cdf: (s: number) => number): number {
  sample.sort();
  const n = sample.length;
  let D = 0;
  for (let i = 0; i < n; i++) {
    const F = cdf(sample[i]);
    D = Math.max(D, (i + 1) / n - F, F - i / n);
  }
  return D;
}

/** Runs of the deep budget: the per-case level is the per-run level over the most cases a run has. */
const NOISE_RUNS_MAX = 200;
/** DKW–Massart: a Kolmogorov distance above k/√n, k = √(ln(4/α)/2), has probability ≤ α/2 (α per case). */
const DKW_K = Math.sqrt(Math.log((4 * NOISE_RUNS_MAX) / ALPHA) / 2);

function noiseCheck({ d, seed }: { d: number; seed: number }, misSampled: boolean) {
  const n = 4_000, r = 0.5 + rng(seed).stream('r').uniform();
  const noise = misSampled ? new UniformRadiusNoise(`${seed}/noise`) : rng(seed).stream('noise');
  const xi = pgdPerturbations(d, r, n, noise);
  const v = rng(seed).stream('direction').sphere(d);
  const u = new Float64Array(n), proj = new Float64Array(n);
  let outside = 0, maxNorm = 0;
  for (let q = 0; q < n; q++) {
    let s = 0, p = 0;
    for (let j = 0; j < d; j++) { const e = xi[q * d + j]; s += e * e; p += e * v[j]; }
    const norm = Math.sqrt(s);
    maxNorm = Math.max(maxNorm, norm);
    if (norm > r * (1 + 1e-12)) outside++;
    u[q] = Math.pow(Math.min(norm / r, 1), d);
    proj[q] = Math.max(-1, Math.min(1, p / r));
  }
  const dRadius = kolmogorovDistance(u, (s) => s);
  // ⟨ξ, v⟩/r = t has density ∝ (1 − t²)^{(d−1)/2} on [−1, 1]: P[T ≤ t] = ½ + ½ sign(t) I_{t²}(½, (d+1)/2).
  const dProj = kolmogorovDistance(proj, (t) => 0.5 + 0.5 * Math.sign(t) * regularizedBeta(t * t, 0.5, (d + 1) / 2));
  const se = 1 / Math.sqrt(n);
  const vs = verdict.allOf([
    verdict.meanWithin({ mean: dRadius, se, claimed: 0, k: DKW_K, side: 'atMost' }, 'Kolmogorov distance of (‖ξ‖/r)^d to U(0,1), DKW band'),
    verdict.meanWithin({ mean: dProj, se, claimed: 0, k: DKW_K, side: 'atMost' }, 'Kolmogorov distance of ⟨ξ,v⟩/r to the ball\'s marginal, DKW band'),
  ], `d=${d} r=${r.toFixed(3)}: ${n} perturbations of pgd, max ‖ξ‖/r ${(maxNorm / r).toFixed(6)}`);
  return outside === 0 ? vs : verdict.failedBy(vs, `${outside} perturbations outside the ball of radius r`);
}

export const noiseLaw = claim({
  id: 'thesis.ch7.alg2.noise-law',
  source: '002 thesis, Algorithm 2 (ξ ~ unif(B_0(r))) (catalog C-06, §2.4)',
  statement: 'the perturbations pgd adds are uniform in the ℓ2 ball: ‖ξ‖ ≤ r always, (‖ξ‖/r)^d ~ U(0,1) and ⟨ξ,v⟩/r has the ball\'s marginal (4000 perturbations of pgd, Kolmogorov distances within the DKW band)',
  kind: 'statistical',
  rationale: 'measured on pgd\'s own iterates (ξ = perturbed point − x_t); DKW–Massart: each Kolmogorov distance exceeds √(ln(4/α)/2)/√n with probability ≤ α/2, so with α = 1e-6/200 per case the false alarm is ≤ 1e-6 per run at every budget (≤ 200 cases; exact for any n, no normal approximation). The control\'s radius law r·U has Kolmogorov distance sup(s^{1/d} − s) ≥ ¼ at d ≥ 2, ≈ 5× the band (0.051 at n = 4000)',
  budget: { quick: { runs: 8 }, default: { runs: 40 }, deep: { runs: NOISE_RUNS_MAX } },
  arbitrary: () => fc.record({ d: intIn({ min: 1, max: 20 }), seed: seedArb }),
  check: (c) => noiseCheck(c, false),
  negativeControl: {
    describe: 'pgd fed a noise source whose ball has radius r·U instead of r·U^{1/d} (uniform radius, not uniform volume)',
    arbitrary: () => fc.record({ d: intIn({ min: 2, max: 20 }), seed: seedArb }),
    check: (c) => noiseCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 19. C-25 / Eq. (7.19): PGD stays in D with the experimental parameters.

function pgdInDCheck({ d, Lidx, seed }: { d: number; Lidx: number; seed: number }, r: number | null) {
  const o = panel(d, Lidx), p = experimentalPgd(o), tau = o.tau;
  const x0 = uniformCubeInit(d, seed);
  const rec = new EscapeRecorder(d, tau);
  let worst = 0, left = -1, inTransition = 0, stopAt = Infinity;
  const after = (x: Float64Array) => {
    // (7.19): |(x+ξ)_j − 4τσ_j| ≤ τ/10 for escaped j, |(x+ξ)_j| ≤ τ/10 otherwise.
    for (let j = 0; j < d; j++) {
      const a = Math.abs(x[j]);
      worst = Math.max(worst, (a >= 2 * tau ? Math.abs(a - 4 * tau) : a) / (tau / 10));
    }
  };
  pgd(octopusObjective(o), x0, {
    ...p, r: r ?? p.r, steps: 4 * pgdBudget(o), noise: rng(seed).stream('noise'),
    recorders: [observe((t, x) => {
      if (rec.observe(t, x) && stopAt === Infinity) stopAt = t + 50;
      return t >= stopAt;
    })],
    onNoise: (t, _xi, x) => {
      // No noise while a coordinate is in a transition (there ‖∇f‖ ≥ 2γτ > g_thres).
      for (let j = 0; j < d; j++) { const a = Math.abs(x[j]); if (a > 1.05 * tau && a < 1.95 * tau) inTransition++; }
      after(x);
      if (locate(o, x) < 0) { left = t; return true; } // stop before evaluating f outside D
    },
  });
  return boundsVerdict([
    requirement(left < 0 ? 'every perturbed point in D' : `perturbed point left D at t=${left}`, left < 0),
    requirement(`no noise inside a transition (${inTransition})`, inTransition === 0),
    { name: '(7.19): post-noise |x_j − 4τσ_j| or |x_j| over τ/10', value: worst, bound: 1, dir: 'le', scale: 1 },
  ], `d=${d} L=${o.L.toFixed(2)} r=${(r ?? p.r).toFixed(3)}, T_d=${rec.last}`);
}

export const pgdStaysInD = claim({
  id: 'thesis.ch7.thm7.3.pgd-stays-in-D',
  source: '002 thesis, §7.7.2 proof of claim 2, Eq. (7.19) (catalog C-25)',
  statement: 'PGD with g_thres = γτ/100, r = τ/100, t_thres = 1, η = 1/(4L) adds no noise inside a transition, satisfies (7.19) after every perturbation, and never leaves D',
  kind: 'bound',
  rationale: 'the proof\'s conditions g_thres ≤ γτ/10 and r ≤ τ/20 hold with margin; "inside a transition" is tested with a 5% collar so a stray post-noise |x_j| ≈ τ does not count',
  budget: { quick: { runs: 20, dMax: 10 }, default: { runs: 100, dMax: 12 }, deep: { runs: 500, dMax: 16 } },
  arbitrary: (b) => fc.record({ d: intIn({ min: 2, max: b.dMax }), Lidx: fc.integer({ min: 0, max: 4 }), seed: seedArb }),
  check: (c) => pgdInDCheck(c, null),
  negativeControl: {
    describe: 'noise radius r = 3τ (violates r ≤ τ/20): a perturbation leaves D',
    arbitrary: () => fc.record({ d: intIn({ min: 2, max: 4 }), Lidx: fc.integer({ min: 0, max: 4 }), seed: seedArb }),
    check: (c) => pgdInDCheck(c, 3 * Math.E),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 23. Theorem 7.3 part 2 / Theorem 7.2 (C-08, C-11): PGD reaches an ε-SOSP in poly time.

function pgdSospCheck({ d, Lidx, seed }: { d: number; Lidx: number; seed: number }, r: number | null) {
  const o = panel(d, Lidx), p = experimentalPgd(o), N = pgdBudget(o);
  // ρ̂ = 1.01 × grid ρ_D (the function's own constant; 40(L+γ) would make ε = γe/100 exceed 4γ²/ρ̂ for L ≥ 2.7).
  const eps = (o.gamma * Math.E) / 100, rho = 1.01 * rhoD(o.L, o.gamma, o.tau);
  let found = -1, dist = NaN;
  pgd(octopusObjective(o), uniformCubeInit(d, seed), {
    ...p, r: r ?? p.r, steps: N, noise: rng(seed).stream('noise'),
    recorders: [observe((t, x, _f, gn) => {
      if (isEpsSecondOrderStationary(gn, octopusLambdaMin(o, x), eps, rho)) { found = t; dist = distanceToMinima(o, x); return true; }
    })],
  });
  if (found < 0) return verdict.unmet(`d=${d} L=${o.L.toFixed(2)}: no ε-SOSP within N=${N}`, Infinity, N);
  // Remark 7.2: an ε-SOSP of D is in a basin, within ε/(2L) of a minimum.
  return boundsVerdict([
    { name: 'first ε-SOSP time ≤ 30(1 + L/γ)d', value: found, bound: N, dir: 'le', scale: N },
    requirement(`‖x − x*‖ = ${dist.toExponential(2)} ≤ ε/(2L)`, dist <= (eps / (2 * o.L)) * (1 + 1e-12)),
  ], `d=${d} L=${o.L.toFixed(2)}: ε-SOSP at t=${found} of N=${N}`);
}

export const pgdSosp = claim({
  id: 'thesis.ch7.thm7.3.part2-pgd-sosp',
  source: '002 thesis, Theorem 7.3 claim 2 / Theorem 7.2 (catalog C-08, C-11)',
  statement: 'PGD (§7.5 parameters) reaches an ε-SOSP (ε = γe/100, ρ = ρ_D), which is within ε/(2L) of a minimum, within N = 30(1 + L/γ)d iterations, in every seed',
  kind: 'bound',
  rationale: 'N from catalog C-08 (worst of 5,000 runs at d = 4–8: 0.45N); per seed, no tolerance; the log⁴ rate of Theorem 7.2 is not testable (hidden constants)',
  budget: { quick: { runs: 20, dMax: 8 }, default: { runs: 100, dMax: 12 }, deep: { runs: 500, dMax: 16 } },
  arbitrary: (b) => fc.record({ d: intIn({ min: 4, max: b.dMax }), Lidx: fc.integer({ min: 0, max: 4 }), seed: seedArb }),
  check: (c) => pgdSospCheck(c, null),
  negativeControl: {
    describe: 'r = 0 (PGD without effective noise is GD: exponential time)',
    arbitrary: (b) => fc.record({ d: intIn({ min: 6, max: Math.max(6, b.dMax) }), Lidx: fc.integer({ min: 0, max: 4 }), seed: seedArb }),
    check: (c) => pgdSospCheck(c, 0),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 25. Figures 7.3/7.4 R1 (§4.1): PGD escapes faster than GD, with the figure data.

interface R1Budget { runs: number; seeds: number; dMax: number; figureSeeds: number }

/** Cases of the deep budget: the per-case level is ALPHA over the most cases a run has. */
const BEATS_RUNS_MAX = 100;

function r1Check({ d, Lidx, seed }: { d: number; Lidx: number; seed: number }, b: R1Budget, r: number | null) {
  const o = panel(d, Lidx), eta = 1 / (4 * o.L), cap = 10 * pgdBudget(o);
  const gd: number[] = [], pg: number[] = [];
  let wins = 0;
  for (let s = 0; s < b.seeds; s++) {
    const sub = seed * 1000 + s, x0 = uniformCubeInit(d, sub);
    const tg = exactGdEscape(o, x0, eta).T[d - 1];
    const tp = pgdEscape(o, x0, sub, cap, r === null ? {} : { r }).T[d - 1];
    gd.push(tg);
    pg.push(tp);
    if (tp < tg) wins++;
  }
  // "PGD beats GD in ≥ 90% of seeds": the win fraction, a mean of indicators, must be ≥ 0.9 − k·se,
  // k from the exact binomial at ALPHA/100 per case, ≤ ALPHA per run (it rejects the same counts as "CP upper bound of the win rate
  // < 0.9" did); plus the per-panel median comparison of §4.1 (R1), a hard condition.
  const mG = median(gd), mP = median(pg.map((v) => (Number.isFinite(v) ? v : 1e300)));
  const v = verdict.rateWithin({ successes: wins, trials: b.seeds, claimed: 0.9, alpha: ALPHA / BEATS_RUNS_MAX, side: 'atLeast' },
    `d=${d} L=${o.L.toFixed(2)}: PGD < GD; median T_d GD ${mG} vs PGD ${mP}`);
  return mP < mG ? v : verdict.failedBy(v, 'median PGD time not below GD');
}

/** Log-spaced sample times in [1, tMax] plus the event times (plateau edges). */
function gdSampleTimes(T: Float64Array, S: Float64Array, tMax: number, n: number): number[] {
  const ts = new Set<number>();
  for (let q = 0; q < n; q++) ts.add(Math.round(Math.exp((Math.log(tMax) * q) / (n - 1))));
  for (let k = 0; k < T.length; k++) for (const t of [S[k] - 1, S[k], T[k], T[k] + 1]) if (t >= 1 && t <= tMax) ts.add(t);
  return [...ts].sort((a, b) => a - b);
}

function figurePanel(d: number, seed: number, id: string, source: string): Figure {
  const series: Series[] = [];
  for (const L of FIGURE_LS) {
    const o = octopus(d, L, 1, Math.E), eta = 1 / (4 * L);
    const x0 = uniformCubeInit(d, seed, `x0-L${L}`);
    // PGD: step by step (float64), f at every iterate until T_d + 50.
    const rec = new EscapeRecorder(d, o.tau), pt: number[] = [], pf: number[] = [];
    let stopAt = Infinity;
    pgd(octopusObjective(o), x0, {
      ...experimentalPgd(o), steps: 10 * pgdBudget(o), noise: rng(seed).stream(`noise-L${L}`),
      recorders: [observe((t, x, f) => {
        if (t >= 1) { pt.push(t); pf.push(f); }
        if (rec.observe(t, x) && stopAt === Infinity) stopAt = t + 50;
        return t >= stopAt;
      })],
    });
    // GD: the exact event-driven simulator (step-by-step float64 GD freezes at 2^−1074 here, §2.8).
    const ev = exactGdEscape(o, x0, eta);
    const tMax = Math.ceil(1.2 * ev.T[d - 1]) + 10;
    const gt = gdSampleTimes(ev.T, ev.S, tMax, 160);
    const gf = Array.from(exactGdEscape(o, x0, eta, gt).f);
    series.push({ name: `GD, L=${L}`, x: gt, y: gf });
    series.push({ name: `PGD, L=${L}`, x: pt, y: pf });
  }
  return {
    id, source, xLabel: 'iteration t', yLabel: 'f(x^(t))', xLog: true, series,
    caption: `GD vs PGD on the octopus, d = ${d}, γ = 1, τ = e, η = 1/(4L), PGD t_thres = 1, g_thres = γe/100, r = e/100, x0 ~ U[−1,1]^d; plateaus at −kν; GD from the exact event simulator`,
  };
}

export const figuresR1 = claim({
  id: 'thesis.ch7.fig7.3-7.4.pgd-beats-gd',
  source: '002 thesis, §7.5 Figures 7.3 (d = 5) and 7.4 (d = 10) (catalog §4.1 R1, C-11)',
  statement: 'for d ≥ 4, PGD escapes the last saddle before GD (T_d^PGD < T_d^GD) in ≥ 90% of seeds, and the median T_d^PGD is below the median T_d^GD in every (d, L) panel',
  kind: 'statistical',
  rationale: 'the win fraction must be ≥ 0.9 − k·se, se = √(0.9·0.1/seeds), k from the exact binomial at 1e-6 one-sided (≈ 4.5 at 100 seeds): at 1e-6/100 per case, so the false alarm is ≤ 1e-6 per run at every budget (≤ 100 cases) when the rate is ≥ 0.9; slack = (0.9 − fraction)⁺/(k·se); measured 5,000/5,000 wins at d = 4–8',
  budget: {
    quick: { runs: 6, seeds: 100, dMax: 8, figureSeeds: 1 },
    default: { runs: 20, seeds: 100, dMax: 10, figureSeeds: 1 },
    deep: { runs: BEATS_RUNS_MAX, seeds: 200, dMax: 12, figureSeeds: 1 },
  },
  arbitrary: (b) => fc.record({ d: intIn({ min: 4, max: b.dMax }), Lidx: fc.integer({ min: 0, max: 4 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
  check: (c, b) => r1Check(c, b, null),
  negativeControl: {
    describe: 'PGD with r = 0 (no effective perturbation): it never beats GD',
    check: (c, b) => r1Check(c, b, 0),
  },
  figures: (_b, seed) => [
    figurePanel(5, seed, 'thesis.fig7.3', '002 thesis, Figure 7.3'),
    figurePanel(10, seed, 'thesis.fig7.4', '002 thesis, Figure 7.4'),
  ],
});

// ---------------------------------------------------------------------------------------------
// Rank 26. Theorem 7.3 part 1 exponent (C-11, C-12): ln T_d^GD grows linearly in d with slope ln κ.

function medianGd(o: Octopus, eta: number, seed: number, seeds: number): number {
  const ts: number[] = [];
  for (let s = 0; s < seeds; s++) ts.push(exactGdEscape(o, uniformCubeInit(o.d, seed * 100 + s), eta).T[o.d - 1]);
  return median(ts);
}

function gdExponentCheck({ Lq, seed }: { Lq: number; seed: number }, paperRate: boolean) {
  const L = Lq / 4, gamma = 1, eta = 1 / (4 * L);
  const ds: number[] = [], lnT: number[] = [];
  for (let d = 6; d <= 16; d++) { ds.push(d); lnT.push(Math.log(medianGd(octopus(d, L, gamma, Math.E), eta, seed, 10))); }
  const fit = linearFit(ds, lnT);
  const lnKappa = Math.log(escapeRatio(octopus(6, L, gamma, Math.E), eta)), lnPaper = Math.log((L + gamma) / gamma);
  const target = paperRate ? lnPaper : lnKappa;
  const v = withFit(verdict.slopeWithin(fit.slope, target, 0.02 * target, `L=${L}: slope ${fit.slope.toFixed(5)} vs ln κ = ${lnKappa.toFixed(5)}, ln((L+γ)/γ) = ${lnPaper.toFixed(4)}`),
    fit, ds, lnT, { claimed: target, xLabel: 'd', yLabel: 'ln median GD escape time T_d' });
  return paperRate || fit.slope >= lnPaper ? v : verdict.failedBy(v, 'slope below the proved ln((L+γ)/γ)');
}

export const gdExponential = claim({
  id: 'thesis.ch7.thm7.3.gd-exponential',
  source: '002 thesis, Theorem 7.3 claim 1 and the Remark (catalog C-11, C-12)',
  statement: 'ln of the median GD escape time T_d (10 seeds, d = 6..16) is linear in d with slope ≥ ln((L+γ)/γ) (proved) and within 2% of ln κ, κ = 1 + ln(1/(1−2ηL))/ln(1+2ηγ) [derived]',
  kind: 'scaling',
  rationale: 'tolerance 2% of ln κ (Theorem 7.3; catalog 002e C-11); observed ≤ 2e-4 relative (ln S_1 only shifts the intercept); the control\'s rate is 30–45% off',
  budget: { quick: { runs: 4 }, default: { runs: 15 }, deep: { runs: 60 } },
  arbitrary: () => fc.record({ Lq: fc.integer({ min: 4, max: 12 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
  check: (c) => gdExponentCheck(c, false),
  negativeControl: {
    describe: 'the rate taken to be exactly (L+γ)/γ (the proved factor is only a lower bound)',
    check: (c) => gdExponentCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 27. Theorem 7.3 part 2 polynomial (C-11): log-log slope of T_d^PGD vs d is ≤ 1.5.

function pgdPolyCheck({ Lq, seed }: { Lq: number; seed: number }, useGd: boolean) {
  const L = Lq / 4, ds: number[] = [], ts: number[] = [];
  for (let d = 4; d <= 16; d++) {
    const o = octopus(d, L, 1, Math.E), vals: number[] = [];
    for (let s = 0; s < 5; s++) {
      const sub = seed * 100 + s, x0 = uniformCubeInit(d, sub);
      vals.push(useGd ? exactGdEscape(o, x0, 1 / (4 * L)).T[d - 1] : pgdEscape(o, x0, sub, 10 * pgdBudget(o)).T[d - 1]);
    }
    ds.push(d);
    ts.push(median(vals));
  }
  const fit = logLogSlope(ds, ts);
  // One-sided scaling with tolerance 1.5 (the limit itself): slack = (slope − 1.5)/1.5 + 1 = slope/1.5.
  return withFit(verdict.slopeAtMost(fit.slope, 1.5, 1.5, `L=${L}: log-log slope ${fit.slope.toFixed(3)} over d = 4..16 (median T_d at 16: ${ts[ts.length - 1]})`),
    fit, ds, ts, { log: true, claimed: 1.5, xLabel: 'd', yLabel: `median ${useGd ? 'GD' : 'PGD'} escape time T_d` });
}

export const pgdPolynomial = claim({
  id: 'thesis.ch7.thm7.3.pgd-polynomial',
  source: '002 thesis, Theorem 7.3 claim 2 and the Remark (catalog C-11, C-12)',
  statement: 'the median PGD escape time T_d (5 seeds) grows polynomially: its log-log slope in d over d = 4..16 is ≤ 1.5',
  kind: 'scaling',
  rationale: 'bound 1.5 from the Theorem 7.3 check of catalog 002e C-11 (observed 1.14–1.22: ≈ linear per-saddle cost plus the d-dependence of the noise scale r/√d)',
  budget: { quick: { runs: 3 }, default: { runs: 10 }, deep: { runs: 40 } },
  arbitrary: () => fc.record({ Lq: fc.integer({ min: 4, max: 12 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
  check: (c) => pgdPolyCheck(c, false),
  negativeControl: {
    describe: 'the same fit for GD (exponential: log-log slope ≫ 1.5)',
    check: (c) => pgdPolyCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 28. Figures 7.3/7.4 R2 (§4.1): GD plateaus grow geometrically, PGD plateaus stay bounded.

function plateauCheck({ Lq, seed }: { Lq: number; seed: number }, gdLikePgd: boolean) {
  const d = 10, L = Lq / 4, o = octopus(d, L, 1, Math.E), eta = 1 / (4 * L);
  const lnKappa = Math.log(escapeRatio(o, eta)), lnPaper = Math.log(L + 1);
  const slopes: number[] = [], fits: { fit: SlopeFit; ks: number[]; ys: number[] }[] = [];
  let worstPgd = 0, worstGdRatio = 0;
  for (let s = 0; s < 5; s++) {
    const sub = seed * 100 + s, x0 = uniformCubeInit(d, sub);
    const ex = exactGdEscape(o, x0, eta);
    // GD plateau lengths S_{k+1} − S_k regressed on k for k ≥ 2 (1-based; Figures 7.3–7.4, catalog 002e §4.1).
    const ks: number[] = [], ys: number[] = [], plateaus: number[] = [];
    for (let k = 1; k + 1 < d; k++) { ks.push(k); ys.push(Math.log(ex.S[k + 1] - ex.S[k])); plateaus.push(ex.S[k + 1] - ex.S[k]); }
    const fit = linearFit(ks, ys);
    slopes.push(fit.slope);
    fits.push({ fit, ks, ys });
    worstGdRatio = Math.max(worstGdRatio, Math.max(...plateaus) / median(plateaus));
    const p = pgdEscape(o, x0, sub, 10 * pgdBudget(o));
    const inc: number[] = [];
    for (let k = 0; k + 1 < d; k++) inc.push(p.T[k + 1] - p.T[k]);
    worstPgd = Math.max(worstPgd, Math.max(...inc) / median(inc));
  }
  if (gdLikePgd) return verdict.atMost(worstGdRatio, 3, `L=${L}: GD max/median plateau ${worstGdRatio.toFixed(1)}`);
  const slope = median(slopes);
  // The median of 5 is one seed's slope exactly: the report draws that seed's fit (the PGD
  // max/median plateau ratio is in the detail text).
  const shown = fits[slopes.indexOf(slope)];
  // The slope is judged (within 1% of ln κ); the proved lower bound and the PGD plateau bound are
  // hard conditions of the same case.
  const vs = verdict.slopeWithin(slope, lnKappa, 0.01 * lnKappa, `L=${L}: GD slope ${slope.toFixed(5)} vs ln κ ${lnKappa.toFixed(5)}; PGD max/median ${worstPgd.toFixed(2)}`);
  const v = !(slope >= lnPaper) ? verdict.failedBy(vs, 'GD plateau slope < ln((L+γ)/γ)')
    : !(worstPgd <= 3) ? verdict.failedBy(vs, 'PGD max/median plateau > 3') : vs;
  return shown === undefined ? v
    : withFit(v, shown.fit, shown.ks, shown.ys, { claimed: lnKappa, xLabel: 'k (d = 10, median-slope seed)', yLabel: 'ln GD plateau S_{k+1} − S_k' });
}

export const plateaus = claim({
  id: 'thesis.ch7.fig7.3-7.4.plateaus',
  source: '002 thesis, §7.5 Figures 7.3/7.4 (R2) and the Remark after Theorem 7.3 (catalog §4.1, C-12)',
  statement: 'd = 10: ln of the GD plateau lengths S_{k+1} − S_k grows linearly in k with slope within 1% of ln κ (median of 5 seeds) and ≥ ln((L+γ)/γ); PGD plateaus T_{k+1} − T_k stay within 3× their median',
  kind: 'scaling',
  rationale: 'per-seed slope error exceeds 1% with probability 4.6e-4 at L = 1 (23/50,000; larger L is tighter), so the median of 5 exceeds it with ≤ 10p³ ≈ 1e-9; PGD max/median ≤ 1.77 in 1,500 runs',
  budget: { quick: { runs: 4 }, default: { runs: 15 }, deep: { runs: 60 } },
  arbitrary: () => fc.record({ Lq: fc.integer({ min: 4, max: 12 }), seed: fc.integer({ min: 0, max: 1_000_000 }) }),
  check: (c) => plateauCheck(c, false),
  negativeControl: {
    describe: 'GD plateaus bounded like PGD\'s (max ≤ 3 × median)',
    check: (c) => plateauCheck(c, true),
  },
});


