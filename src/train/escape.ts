/**
 * Saddle-escape times on the octopus (thesis §7.4, Lemmas 7.2/7.3, Theorem 7.3): the escape-time
 * recorder for step-by-step GD/PGD runs, the exact log-domain event-driven GD simulator
 * (derived, not in the thesis; catalog 002e §2.7), and the derived constants α, β, κ.
 *
 * Notation (thesis §7.7.1, 0-based k here): T_k is the first iteration with |x_k^(t)| ≥ 2τ (escape from
 * saddle k), S_k the first iteration with |x_k^(t)| > τ (the source's T_k − T_k^τ), and the
 * transition count T_k^τ the number of iterations with τ < |x_k^(t)| < 2τ.
 *
 * Bad input: every function checks its octopus (O(1), requireOctopus), η < 1/(2L), its start point
 * (length d, finite) and its counts before it runs, with a typed error naming the argument.
 */
import {
  DomainError, NonFiniteError, requireAllocatable, requireFiniteArray, requireFiniteNumber, requireLength, requirePositive, requirePositiveInt,
} from '../core/errors.ts';
import { rng } from '../core/rng.ts';
import { type Octopus, g1, g1p, g2, g2p, octopusObjective, requireOctopus } from '../models/octopus.ts';
import { gd, requireSteps } from './gd.ts';
import { type PgdRun, pgd } from './pgd.ts';
import { observe } from './recorders.ts';

// ----- constants of the exact dynamics (GD (7.1)) -------------------------------------------

export function requireStepSize(o: Octopus, eta: number): number {
  requireOctopus(o);
  requirePositive(eta, 'eta');
  // η < 1/(2L) strictly (erratum E13): at η = 1/(2L) the factor 1 − 2ηL vanishes and GD collapses
  // every trailing coordinate to 0 in one step.
  if (!(2 * eta * o.L < 1)) throw new DomainError(`the escape-time analysis needs η < 1/(2L) = ${1 / (2 * o.L)}, got ${eta}`, 'eta');
  return eta;
}

/** α = ln(1 + 2ηγ): per-step log-growth of the current coordinate in a saddle piece. */
export function growthRate(o: Octopus, eta: number): number {
  requireStepSize(o, eta);
  return Math.log1p(2 * eta * o.gamma);
}

/** β = −ln(1 − 2ηL) > 0: per-step log-decay of a coordinate in the stable L x² role. */
export function decayRate(o: Octopus, eta: number): number {
  requireStepSize(o, eta);
  return -Math.log1p(-2 * eta * o.L);
}

/** κ = 1 + β/α, the asymptotic ratio S_{k+1}/S_k [derived, not in the thesis]; always ≥ (L+γ)/γ. */
export function escapeRatio(o: Octopus, eta: number): number {
  return 1 + decayRate(o, eta) / growthRate(o, eta);
}

/** Lemma 7.2 / Theorem 7.3 part 1: T_d ≥ (1/(2ηγ))((L+γ)/γ)^{d−1} (exponent d−1, erratum E3). */
export function lemma72LowerBound(o: Octopus, eta: number): number {
  requireStepSize(o, eta);
  return (1 / (2 * eta * o.gamma)) * ((o.L + o.gamma) / o.gamma) ** (o.d - 1);
}

// ----- the recorder --------------------------------------------------------------------------

/** Records S_k, T_k and transition counts from observed iterates (GD or PGD). Allocation-free per step. */
export class EscapeRecorder {
  /** First t with |x_k| > τ (Infinity until seen). */
  readonly S: Float64Array;
  /** First t with |x_k| ≥ 2τ (Infinity until seen). */
  readonly T: Float64Array;
  /** Number of observed t with τ < |x_k| < 2τ. */
  readonly transitions: Float64Array;
  private nEscaped = 0;

  constructor(readonly d: number, readonly tau: number) {
    requirePositiveInt(d, 'd');
    requireAllocatable(d, 'd');
    requirePositive(tau, 'tau');
    this.S = new Float64Array(d).fill(Infinity);
    this.T = new Float64Array(d).fill(Infinity);
    this.transitions = new Float64Array(d);
  }

  /** Observe x^(t); returns true once every coordinate has escaped (T_{d−1} is then set). */
  observe(t: number, x: ArrayLike<number>): boolean {
    const d = this.d, tau = this.tau, t2 = 2 * tau;
    requireLength(x, d, 'x');
    for (let k = 0; k < d; k++) {
      const a = Math.abs(x[k]);
      if (a !== a) throw new NonFiniteError(`x[${k}] is NaN`, 'x');
      if (a > tau) {
        if (this.S[k] === Infinity) this.S[k] = t;
        if (a < t2) this.transitions[k]++;
        else if (this.T[k] === Infinity) { this.T[k] = t; this.nEscaped++; }
      }
    }
    return this.nEscaped === d;
  }

  get escaped(): number {
    return this.nEscaped;
  }

  /** T_{d−1}: the escape from the last saddle (first iteration in a basin neighbourhood). */
  get last(): number {
    return this.T[this.d - 1];
  }
}

// ----- the exact event-driven simulator (derived) --------------------------------------------

export interface ExactEscape {
  /** S_k (Infinity when never reached, e.g. a zero coordinate). */
  readonly S: Float64Array;
  readonly T: Float64Array;
  /** T_k − S_k, the transition steps. */
  readonly transitions: Float64Array;
  /** f(x^(t)) at the requested sample times (when any were given). */
  readonly f: Float64Array;
}

/** 2^53: beyond it integer step counts are no longer exact in float64. */
const MAX_EXACT_STEPS = 9007199254740992;

/**
 * Exact GD escape times on the octopus without stepping, in the log domain:
 * ℓ_j = ln|x_j| and signs (preserved for η < 1/(2L) and L ≥ γ: every multiplier is in (0, 2], §2.5). In a saddle piece the
 * current coordinate grows by α per step and every trailing one decays by β, so a saddle phase of
 * any length is one closed-form jump, n = ⌊(ln τ − ℓ_k)/α⌋ + 1; only the transition steps (at most
 * ⌈1/(2ηγ)⌉ each, Lemma 7.2) are iterated, with the same float update as GD. Trailing coordinates that
 * would underflow float64 (and freeze naive GD at the smallest subnormal, §2.8) are just very negative
 * logs here. Cost O(d² + d/(ηγ) + samples) whatever the number of iterations.
 *
 * The result is the exact-arithmetic GD trajectory up to float rounding of the logs: agreement with
 * step-by-step float64 GD is ±1 per phase in its faithful regime (floating ties), see float64Faithful.
 */
export function exactGdEscape(o: Octopus, x0: ArrayLike<number>, eta: number, sampleTimes: ArrayLike<number> | null = []): ExactEscape {
  requireStart(o, x0);
  sampleTimes ??= [];
  requireFiniteArray(sampleTimes, 'sampleTimes');
  requireStepSize(o, eta);
  if (o.L < o.gamma) throw new DomainError('sign preservation needs L ≥ γ', 'gamma');
  // Start in the first saddle piece's neighbourhood (Theorem 7.3 draws x0 from [−1, 1]^d ⊂ D).
  if (!(Math.abs(x0[0]) < 2 * o.tau)) throw new DomainError('exactGdEscape needs |x0_0| < 2τ', 'x0');
  for (let q = 1; q < o.d; q++) {
    if (!(Math.abs(x0[q]) <= o.tau)) throw new DomainError(`exactGdEscape needs |x0_j| ≤ τ for j ≥ 1 (x0 in D, first piece); x0[${q}] = ${x0[q]}`, 'x0');
  }
  for (let q = 0; q < sampleTimes.length; q++) {
    const ts = sampleTimes[q];
    if (!Number.isInteger(ts) || ts < 0) throw new DomainError(`sampleTimes[${q}] = ${ts} must be an integer ≥ 0`, 'sampleTimes');
    if (q > 0 && ts < sampleTimes[q - 1]) throw new DomainError('sampleTimes must be ascending', 'sampleTimes');
  }
  const d = o.d, L = o.L, gm = o.gamma, tau = o.tau, gl = o.glue;
  const alpha = Math.log1p(2 * eta * gm), b = Math.log1p(-2 * eta * L), lnTau = Math.log(tau);
  const ell0 = new Float64Array(d), c = new Float64Array(d);
  for (let j = 0; j < d; j++) ell0[j] = Math.log(Math.abs(x0[j]));
  const S = new Float64Array(d).fill(Infinity), T = new Float64Array(d).fill(Infinity);
  const escDev = new Float64Array(d), escT = new Float64Array(d);
  const fOut = new Float64Array(sampleTimes.length);
  let q = 0; // next sample
  const escapedPart = (k: number, t: number): number => {
    let s = 0;
    for (let j = 0; j < k; j++) {
      const e = escDev[j] * Math.exp(b * (t - escT[j]));
      s += L * e * e;
    }
    return s;
  };
  let t = 0;
  for (let i = 0; i < d; i++) {
    // ℓ_i at T_{i−1}: x_i was in the L x² role for S_{i−1} steps, then got the transition multipliers c_i.
    let ell = ell0[i] + (i > 0 ? S[i - 1] * b : 0) + c[i];
    if (ell === -Infinity) {
      // A zero coordinate never leaves the saddle: a real fixed point (measure zero, Theorem 7.1's hypothesis).
      while (q < sampleTimes.length) {
        const ts = sampleTimes[q];
        let tail = 0;
        for (let j = i + 1; j < d; j++) tail += Math.exp(2 * (ell0[j] + ts * b));
        fOut[q++] = escapedPart(i, ts) + L * tail - i * o.nu;
      }
      return { S, T, transitions: sub(T, S), f: fOut };
    }
    const t0 = t, ell0i = ell;
    const n = ell <= lnTau ? Math.floor((lnTau - ell) / alpha) + 1 : 0;
    if (t + n > MAX_EXACT_STEPS) throw new DomainError(`escape time beyond 2^53 steps at saddle ${i}: not exactly representable`, 'x0');
    // Samples inside the saddle phase [t0, t0 + n).
    while (q < sampleTimes.length && sampleTimes[q] < t0 + n) {
      const ts = sampleTimes[q];
      const xi = Math.exp(ell0i + (ts - t0) * alpha);
      let tail = 0;
      for (let j = i + 1; j < d; j++) tail += Math.exp(2 * (ell0[j] + ts * b));
      fOut[q++] = escapedPart(i, ts) - gm * xi * xi + L * tail - i * o.nu;
    }
    ell += n * alpha;
    t += n;
    S[i] = t;
    // Transition steps: a ← a − η(p(a) + g2′(a) y²), y ← (1 − 2ηg2(a)) y, the rest in the L role (§2.5).
    let a = Math.exp(ell);
    const yBase = i + 1 < d ? ell0[i + 1] + S[i] * b : 0;
    while (a < 2 * tau) {
      const y2 = i + 1 < d ? Math.exp(2 * (yBase + c[i + 1])) : 0; // underflow to 0 is harmless here
      const G2 = i + 1 < d ? g2(gl, a) : 0;
      while (q < sampleTimes.length && sampleTimes[q] <= t) {
        const ts = sampleTimes[q];
        let tail = 0;
        for (let j = i + 2; j < d; j++) tail += Math.exp(2 * (ell0[j] + ts * b));
        fOut[q++] = escapedPart(i, ts) + g1(gl, a) + G2 * y2 + L * tail - i * o.nu;
      }
      if (i + 1 < d) c[i + 1] += Math.log1p(-2 * eta * G2);
      a = a - eta * (g1p(gl, a) + (i + 1 < d ? g2p(gl, a) * y2 : 0));
      t += 1;
    }
    T[i] = t;
    escDev[i] = a - 4 * tau;
    escT[i] = t;
  }
  // Final basin: every coordinate contracts towards ±4τ by (1 − 2ηL) per step.
  while (q < sampleTimes.length) {
    const ts = sampleTimes[q];
    fOut[q++] = escapedPart(d, ts) - d * o.nu;
  }
  return { S, T, transitions: sub(T, S), f: fOut };
}

/** A start point: o is an Octopus and x0 an array of its d finite coordinates. */
function requireStart(o: Octopus, x0: ArrayLike<number>): void {
  requireOctopus(o);
  requireLength(x0, o.d, 'x0');
  requireFiniteArray(x0, 'x0');
}

function sub(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) out[j] = a[j] - b[j];
  return out;
}

/**
 * A float64 trap of the §7.7.1 construction: step-by-step float64 GD is faithful only while every trailing coordinate stays a
 * normal number until its own phase: S_{k−1}·β/ln 2 + log2(1/|x_k^(0)|) < 1000 for all k (the smallest
 * subnormal is 2^−1074; there x + η·2γx rounds back to x and GD freezes forever).
 */
export function float64Faithful(o: Octopus, x0: ArrayLike<number>, eta: number, S: ArrayLike<number>): boolean {
  requireStart(o, x0);
  const beta = decayRate(o, eta);
  requireLength(S, o.d, 'S');
  for (let k = 0; k < o.d; k++) if (S[k] !== S[k]) throw new NonFiniteError(`S[${k}] is NaN (a never-reached S_k is Infinity)`, 'S');
  for (let k = 1; k < o.d; k++) {
    if (!(S[k - 1] * beta / Math.LN2 + Math.log2(1 / Math.abs(x0[k])) < 1000)) return false;
  }
  return true;
}

// ----- step-by-step runs with the recorder ---------------------------------------------------

export interface StepwiseEscape {
  readonly S: Float64Array;
  readonly T: Float64Array;
  readonly transitions: Float64Array;
  /** Steps actually run. */
  readonly steps: number;
  readonly x: Float64Array;
}

/** Step-by-step float64 GD on the octopus for at most maxSteps steps (stops extra steps after T_{d−1}). */
export function stepwiseGdEscape(o: Octopus, x0: ArrayLike<number>, eta: number, maxSteps: number, extraAfterEscape = 0): StepwiseEscape {
  requireStart(o, x0);
  requireStepSize(o, eta);
  requireSteps(maxSteps, 'maxSteps');
  requireSteps(extraAfterEscape, 'extraAfterEscape');
  const rec = new EscapeRecorder(o.d, o.tau);
  let stopAt = Infinity;
  const run = gd(octopusObjective(o), Float64Array.from(x0), {
    eta, steps: maxSteps,
    recorders: [observe((t, x) => {
      if (rec.observe(t, x) && stopAt === Infinity) stopAt = t + extraAfterEscape;
      return t >= stopAt;
    })],
  });
  return { S: rec.S, T: rec.T, transitions: rec.transitions, steps: run.steps, x: run.x };
}

/** The §7.5 experimental PGD parameters: η = 1/(4L), t_thres = 1, g_thres = γe/100, r = e/100. */
export function experimentalPgd(o: Octopus): { eta: number; tThres: number; gThres: number; r: number } {
  requireOctopus(o);
  return { eta: 1 / (4 * o.L), tThres: 1, gThres: (o.gamma * Math.E) / 100, r: Math.E / 100 };
}

export interface PgdEscape extends StepwiseEscape {
  readonly noiseTimes: number[];
}

/**
 * PGD (Algorithm 2) on the octopus with the recorder, noise from rng(seed).stream('noise'); stops
 * `extraAfterEscape` steps after T_{d−1} or at maxSteps. Parameters default to the §7.5 experiments.
 */
export function pgdEscape(
  o: Octopus, x0: ArrayLike<number>, seed: number, maxSteps: number,
  params: Partial<{ eta: number; tThres: number; gThres: number; r: number }> = {}, extraAfterEscape = 0,
): PgdEscape {
  requireStart(o, x0);
  requireFiniteNumber(seed, 'seed');
  requireSteps(maxSteps, 'maxSteps');
  requireSteps(extraAfterEscape, 'extraAfterEscape');
  if (params === null || typeof params !== 'object') throw new DomainError('params must be an object { eta?, tThres?, gThres?, r? }', 'params');
  const p = { ...experimentalPgd(o), ...params };
  const rec = new EscapeRecorder(o.d, o.tau);
  let stopAt = Infinity;
  const run: PgdRun = pgd(octopusObjective(o), Float64Array.from(x0), {
    ...p, steps: maxSteps, noise: rng(seed).stream('noise'),
    recorders: [observe((t, x) => {
      if (rec.observe(t, x) && stopAt === Infinity) stopAt = t + extraAfterEscape;
      return t >= stopAt;
    })],
  });
  return { S: rec.S, T: rec.T, transitions: rec.transitions, steps: run.steps, x: run.x, noiseTimes: run.noiseTimes };
}

/** x0 ~ U[−1, 1]^d from a named stream (Theorem 7.3's initialization). */
export function uniformCubeInit(d: number, seed: number, stream = 'x0'): Float64Array {
  requirePositiveInt(d, 'd');
  requireAllocatable(d, 'd');
  requireFiniteNumber(seed, 'seed');
  if (typeof stream !== 'string') throw new DomainError(`stream must be a stream name (a string), got ${typeof stream}`, 'stream');
  const r = rng(seed).stream(stream), x = new Float64Array(d);
  for (let j = 0; j < d; j++) x[j] = r.uniformIn(-1, 1);
  return x;
}
