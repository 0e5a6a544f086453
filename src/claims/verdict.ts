/**
 * Verdict builders: the only way to make a Verdict. Each kind of claim (DESIGN.md, "Slack: one
 * definition per kind") owns one slack definition, and a check says which comparison it makes by
 * calling that kind's builder; it never computes a slack itself. For every builder slack ≤ 1 iff the
 * case holds, so the regression gate's "worst slack moved" means the same thing in every claim:
 *
 * | builder            | kind        | holds iff                   | slack                                   |
 * |--------------------|-------------|-----------------------------|-----------------------------------------|
 * | atMost(l, r)       | bound       | l ≤ r                       | l / r                                   |
 * | atLeast(l, r)      | bound       | l ≥ r                       | r / l                                   |
 * | within(err, tol)   | exact       | err ≤ tol                   | err / tol                               |
 * | near(v, t, tol)    | exact       | |v − t| ≤ tol               | |v − t| / tol                           |
 * | failureRate        | statistical | CP upper bound ≤ δ          | CP upper bound / δ                      |
 * | meanWithin         | statistical | mean within k se of claimed | |mean − claimed| / (k·se) (one side: the excess past claimed) |
 * | rateWithin         | statistical | a rate as a mean (exact k)  | as meanWithin                           |
 * | slopeWithin        | scaling     | |slope − claimed| ≤ tol     | |slope − claimed| / tol                 |
 * | slopeAtMost/AtLeast| scaling     | slope on the claimed side   | (distance past the limit)/tol + 1, ≥ 0  |
 * | unmet(reason)      | any         | never                       | ∞ (a hypothesis of the check failed: diverged, no event, ...) |
 * | vacuous(reason)    | any         | always                      | 0 (the statement says nothing here)     |
 *
 * `falsified` claims use the builder of the kind their printed statement has.
 *
 * Bad input: a measured side that is NaN (or ±∞) is a case the check computed, so it gives a failing
 * verdict (slack ∞), never "holds" and never an error; a side that is not a number at all (null,
 * undefined, a string: a check's bug) is a DomainError naming it, as are a tolerance, δ, k or trials
 * that the builder cannot compare against.
 */
import {
  DomainError, requireArray, requireFiniteNumber, requireNumber, requireObject, requirePositive, requirePositiveInt, requireProbability, requireString,
} from '../core/errors.ts';
import { binomialBandK, clopperPearsonUpper } from '../stats/clopper-pearson.ts';
import type { ClaimKind, FitData } from './types.ts';

/** The comparison a verdict was built by (recorded so the runner can hold each kind to its definitions). */
export type SlackDefinition =
  | 'at-most' | 'at-least' | 'within' | 'failure-rate' | 'mean-within' | 'slope-within' | 'slope-one-sided'
  | 'unmet' | 'vacuous';

/** Private brand: a Verdict can only come from a builder below (or a spread of one). */
const BUILT: unique symbol = Symbol('verdict');

/** What one check of one case found, as plain data (also what reports and fixtures store). */
export interface VerdictData {
  holds: boolean;
  /** Observed side of the comparison (error, drift, rate bound, mean, slope, ...). */
  lhs: number;
  /** The side it is compared with (tolerance, bound, δ, claimed mean or slope, ...). */
  rhs: number;
  /** ≤ 1 holds, > 1 fails, by the definition of `definition` (table above). */
  slack?: number;
  /** Which builder made it. */
  definition?: SlackDefinition;
  /** One human line about the case (sizes, measured figures). */
  detail?: string;
  /**
   * `scaling` claims may expose the fit they judged: the points, the fitted slope and intercept and
   * the slope's confidence interval [lo, hi]. The report draws the worst case's fit with its band.
   */
  fit?: FitData;
}

/** A verdict made by a builder of this module: slack and definition are always present. */
export interface Verdict extends VerdictData {
  slack: number;
  definition: SlackDefinition;
  readonly [BUILT]: true;
}

function make(holds: boolean, lhs: number, rhs: number, slack: number, definition: SlackDefinition, detail?: string): Verdict {
  // NaN compares false everywhere: a NaN side must never read as "holds".
  const ok = holds && !Number.isNaN(lhs) && !Number.isNaN(rhs);
  const s = Number.isNaN(slack) ? Infinity : slack;
  // Each builder's comparison and slack agree (holds ⇔ slack ≤ 1); the clamps only absorb round-off
  // at the boundary so that the two can never disagree in a report.
  return { holds: ok, lhs, rhs, slack: ok ? Math.min(s, 1) : Math.max(s, 1 + Number.EPSILON), definition, detail, [BUILT]: true };
}

/**
 * The slack of lhs ≤ rhs as a ratio of sizes: lhs/rhs for a positive bound (a non-positive lhs is 0),
 * rhs/lhs when both are negative (lhs ≤ rhs < 0 ⇔ |rhs| ≤ |lhs|); a zero bound is met with slack 0 or
 * missed with ∞, as is a negative bound by a non-negative lhs.
 */
function ratioAtMost(lhs: number, rhs: number): number {
  if (rhs > 0) return Math.max(lhs, 0) / rhs;
  if (rhs < 0) return lhs < 0 ? rhs / lhs : Infinity;
  return lhs <= 0 ? 0 : Infinity;
}

/** bound: lhs ≤ rhs; slack lhs/rhs (sides of either sign: see ratioAtMost). */
export function atMost(lhs: number, rhs: number, detail?: string): Verdict {
  requireNumber(lhs, 'lhs');
  requireNumber(rhs, 'rhs');
  return make(lhs <= rhs, lhs, rhs, ratioAtMost(lhs, rhs), 'at-most', detail);
}

/** bound: lhs ≥ rhs (e.g. λmin ≥ a threshold); slack rhs/lhs, so > 1 means failing (−lhs ≤ −rhs). */
export function atLeast(lhs: number, rhs: number, detail?: string): Verdict {
  requireNumber(lhs, 'lhs');
  requireNumber(rhs, 'rhs');
  return make(lhs >= rhs, lhs, rhs, ratioAtMost(-lhs, -rhs), 'at-least', detail);
}

/** exact: an identity whose computed error (≥ 0) must be ≤ tol; slack error/tol. */
export function within(error: number, tol: number, detail?: string): Verdict {
  requireNumber(error, 'error');
  requirePositive(tol, 'tol');
  return make(error <= tol, error, tol, Math.abs(error) / tol, 'within', detail);
}

/** exact: |value − target| ≤ tol; lhs is the error, slack error/tol. */
export function near(value: number, target: number, tol: number, detail?: string): Verdict {
  requireNumber(value, 'value');
  requireNumber(target, 'target');
  const err = Math.abs(value - target);
  const v = within(err, tol, detail);
  return Number.isNaN(err) ? { ...v, holds: false, slack: Infinity } : v;
}

export interface FailureRate {
  /** Cases where the event the claim bounds happened. */
  failures: number;
  trials: number;
  /** The claimed bound on the failure probability. */
  delta: number;
  /** One-sided level of the Clopper–Pearson bound: rate ≤ upper with confidence 1 − alpha. */
  alpha: number;
}

/**
 * statistical (a): "P[failure] ≤ δ", certified: holds iff the one-sided Clopper–Pearson upper bound
 * of the failure rate (confidence 1 − α) is ≤ δ. slack = CP upper / δ. A true claim fails only when
 * the observed count is high for its true rate; each claim's rationale states that probability.
 */
export function failureRate(r: FailureRate, detail?: string): Verdict {
  requireObject(r, 'r', 'an object { failures, trials, delta, alpha }');
  requirePositiveInt(r.trials, 'trials');
  requirePositive(r.delta, 'delta');
  requireFiniteNumber(r.failures, 'failures');
  if (!Number.isInteger(r.failures) || r.failures < 0 || r.failures > r.trials) {
    throw new DomainError(`failures must be an integer in [0, trials], got ${r.failures}`, 'failures');
  }
  const upper = clopperPearsonUpper(r.failures, r.trials, r.alpha);
  const text = `${r.failures}/${r.trials} failures, CP upper (α = ${r.alpha}) ${upper.toPrecision(3)} vs δ = ${r.delta}`;
  return make(upper <= r.delta, upper, r.delta, upper / r.delta, 'failure-rate', detail ? `${detail}; ${text}` : text);
}

export interface MeanWithin {
  mean: number;
  /** Standard error of the mean. */
  se: number;
  claimed: number;
  /** Width of the band in standard errors (from the false-alarm rate the claim accepts). */
  k: number;
  /** 'both' (default): |mean − claimed| ≤ k·se; 'atMost': mean ≤ claimed + k·se; 'atLeast': mean ≥ claimed − k·se. */
  side?: 'both' | 'atMost' | 'atLeast';
}

/**
 * statistical (b): the sample mean is within k standard errors of the claimed mean (or, one-sided,
 * not more than k se past the claimed bound). slack = (distance past claimed)/(k·se): |mean − claimed|
 * two-sided, the excess (mean − claimed)⁺ or (claimed − mean)⁺ one-sided.
 */
export function meanWithin(m: MeanWithin, detail?: string): Verdict {
  requireObject(m, 'm', 'an object { mean, se, claimed, k, side? }');
  requireNumber(m.mean, 'mean');
  requireFiniteNumber(m.claimed, 'claimed');
  requirePositive(m.k, 'k');
  // se = +∞ would make every mean hold: a standard error must be finite.
  requireFiniteNumber(m.se, 'se');
  if (!(m.se >= 0)) throw new DomainError(`se must be ≥ 0, got ${m.se}`, 'se');
  const side = requireSide(m.side);
  const past = side === 'both' ? Math.abs(m.mean - m.claimed) : side === 'atMost' ? Math.max(m.mean - m.claimed, 0) : Math.max(m.claimed - m.mean, 0);
  const band = m.k * m.se;
  const slack = band > 0 ? past / band : past > 0 || Number.isNaN(past) ? Infinity : 0;
  const text = `mean ${m.mean.toPrecision(4)} ± ${m.se.toPrecision(2)} (se) vs ${side === 'both' ? '' : side === 'atMost' ? '≤ ' : '≥ '}${m.claimed.toPrecision(4)}, band ${m.k.toPrecision(4)} se`;
  return make(slack <= 1, m.mean, m.claimed, slack, 'mean-within', detail ? `${detail}; ${text}` : text);
}

const SIDES: readonly string[] = ['both', 'atMost', 'atLeast'];

/** The side of a statistical band; undefined or null is 'both'. */
function requireSide(side: MeanWithin['side'] | null | undefined): NonNullable<MeanWithin['side']> {
  if (side === undefined || side === null) return 'both';
  if (!SIDES.includes(side)) throw new DomainError(`side must be one of ${SIDES.join(', ')}, got ${String(side)}`, 'side');
  return side;
}

export interface RateWithin {
  successes: number;
  trials: number;
  /** The claimed rate p ∈ (0, 1). */
  claimed: number;
  /** False-alarm probability per case the band allows (exact binomial, no normal approximation). */
  alpha: number;
  side?: 'both' | 'atMost' | 'atLeast';
}

/**
 * statistical (b) for a rate: the observed fraction is the mean of the trials' indicators; se is the
 * claimed rate's, √(p(1 − p)/n), and k comes from the exact binomial (binomialBandK), so a true claim
 * fails with probability ≤ alpha. Same definition and slack as meanWithin.
 */
export function rateWithin(r: RateWithin, detail?: string): Verdict {
  requireObject(r, 'r', 'an object { successes, trials, claimed, alpha, side? }');
  requirePositiveInt(r.trials, 'trials');
  requireNumber(r.successes, 'successes');
  requireProbability(r.claimed, 'claimed');
  const side = requireSide(r.side);
  const k = binomialBandK(r.trials, r.claimed, r.alpha, side);
  const text = `${r.successes}/${r.trials}`;
  return meanWithin({ mean: r.successes / r.trials, se: Math.sqrt((r.claimed * (1 - r.claimed)) / r.trials), claimed: r.claimed, k, side }, detail ? `${detail}; ${text}` : text);
}

/** scaling: |slope − claimed| ≤ tol; slack |slope − claimed|/tol. */
export function slopeWithin(slope: number, claimed: number, tol: number, detail?: string): Verdict {
  requireNumber(slope, 'slope');
  requireNumber(claimed, 'claimed');
  requirePositive(tol, 'tol');
  const slack = Math.abs(slope - claimed) / tol;
  return make(slack <= 1, slope, claimed, slack, 'slope-within', detail);
}

/**
 * scaling, one-sided: slope ≤ limit (atMost) or ≥ limit (atLeast). slack = (distance past the limit)
 * /tol + 1, clipped at 0: exactly 1 at the limit, > 1 past it, and tol sets how fast it moves inside.
 */
export function slopeAtMost(slope: number, limit: number, tol: number, detail?: string): Verdict {
  requireNumber(slope, 'slope');
  requireNumber(limit, 'limit');
  requirePositive(tol, 'tol');
  return make(slope <= limit, slope, limit, Math.max(0, (slope - limit) / tol + 1), 'slope-one-sided', detail);
}

export function slopeAtLeast(slope: number, limit: number, tol: number, detail?: string): Verdict {
  requireNumber(slope, 'slope');
  requireNumber(limit, 'limit');
  requirePositive(tol, 'tol');
  return make(slope >= limit, slope, limit, Math.max(0, (limit - slope) / tol + 1), 'slope-one-sided', detail);
}

/** A hypothesis the check needs did not hold (the run diverged, no event occurred, ...): fails, slack ∞. */
export function unmet(detail: string, lhs = NaN, rhs = NaN): Verdict {
  requireString(detail, 'detail');
  return { holds: false, lhs, rhs, slack: Infinity, definition: 'unmet', detail, [BUILT]: true };
}

/** The statement says nothing about this case (its hypothesis is false): holds, slack 0. */
export function vacuous(detail: string, lhs = 0, rhs = 0): Verdict {
  requireString(detail, 'detail');
  return { holds: true, lhs, rhs, slack: 0, definition: 'vacuous', detail, [BUILT]: true };
}

/**
 * Several verdicts that must all hold (sub-claims of one case): holds iff all hold; the slack, sides
 * and definition are those of the worst one (a failing one first), the details are joined.
 */
export function allOf(vs: readonly Verdict[], detail?: string): Verdict {
  requireArray(vs, 'vs', 'an array of verdicts');
  if (vs.length === 0) throw new DomainError('allOf needs at least one verdict', 'vs');
  for (const v of vs) requireObject(v, 'vs', 'an array of verdicts');
  let w = vs[0];
  for (const v of vs) if ((!v.holds && w.holds) || (v.holds === w.holds && v.slack > w.slack)) w = v;
  const joined = vs.map((v) => v.detail).filter(Boolean).join('; ');
  return { ...w, holds: vs.every((v) => v.holds), detail: detail ? (joined ? `${detail}; ${joined}` : detail) : joined };
}

/** The same verdict failed by a further hypothesis (e.g. not converged): holds false, slack ∞ unless already > 1. */
export function failedBy(v: Verdict, reason: string): Verdict {
  requireObject(v, 'v', 'a verdict');
  requireString(reason, 'reason');
  return { ...v, holds: false, slack: Infinity, detail: v.detail ? `${v.detail} (${reason})` : reason };
}

/** The definitions each kind may use; `falsified` uses those of its printed statement's kind. */
export const DEFINITIONS: Record<ClaimKind, readonly SlackDefinition[]> = {
  bound: ['at-most', 'at-least', 'within', 'unmet', 'vacuous'],
  exact: ['within', 'at-most', 'unmet', 'vacuous'],
  statistical: ['failure-rate', 'mean-within', 'unmet', 'vacuous'],
  scaling: ['slope-within', 'slope-one-sided', 'unmet', 'vacuous'],
  falsified: ['at-most', 'at-least', 'within', 'failure-rate', 'mean-within', 'slope-within', 'slope-one-sided', 'unmet', 'vacuous'],
};

/** Whether `v` was made by a builder (JS callers and JSON fixtures do not carry the brand). */
export function isBuilt(v: unknown): v is Verdict {
  return typeof v === 'object' && v !== null && (v as { [BUILT]?: unknown })[BUILT] === true;
}
