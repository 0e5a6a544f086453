/** The claim factory: validates a ClaimSpec once, at definition time. */
import { DomainError, ShapeError, describeValue, requireArray, requireFiniteArray, requireObject, requireString } from '../core/errors.ts';
import type { SlopeFit } from '../stats/slope.ts';
import { BUDGETS, type AnySpec, type Budget, type BudgetName, type Claim, type ClaimSpec, type FitData, type Verdict } from './types.ts';
import * as builders from './verdict.ts';

const ID = /^[a-z0-9][a-z0-9._-]*$/i;
const KINDS: readonly string[] = ['exact', 'bound', 'statistical', 'scaling', 'falsified'];

/**
 * Brand of claim() results, so a loader can tell claims from other exports of a property file. A
 * registered symbol: a claim made by another copy of this module (a user's file importing the
 * installed package while the CLI runs from the same package through another path) is still one.
 */
const CLAIM: unique symbol = Symbol.for('gd-theory.claim');

/**
 * Make a claim. The spec type is a union: a checked claim (exact, bound, statistical, scaling) must
 * have a negative control, a falsified one its corrected statement — a missing one is a type error.
 * The runtime checks below are for JavaScript callers.
 */
export function claim<B extends Budget, C, CC = C>(spec: ClaimSpec<B, C, CC>): Claim {
  requireObject(spec, 'spec', 'a claim spec { id, source, statement, kind, budget, arbitrary, check, ... }');
  requireString(spec.id, 'id');
  requireString(spec.source, 'source');
  requireString(spec.statement, 'statement');
  if (!KINDS.includes(spec.kind)) throw new DomainError(`claim ${spec.id}: kind must be one of ${KINDS.join(', ')}, got ${String(spec.kind)}`, 'kind');
  requireObject(spec.budget, 'budget', 'an object { quick, default, deep } of budgets');
  for (const f of ['arbitrary', 'check'] as const) {
    if (typeof spec[f] !== 'function') throw new DomainError(`claim ${spec.id}: ${f} must be a function`, f);
  }
  if (!ID.test(spec.id)) throw new DomainError(`claim id '${spec.id}' must be dotted words (letters, digits, . _ -)`, 'id');
  for (const b of BUDGETS) {
    const budget = spec.budget[b];
    if (!budget || !Number.isInteger(budget.runs) || budget.runs < 1) {
      throw new DomainError(`claim ${spec.id}: budget.${b}.runs must be a positive integer`, 'budget');
    }
  }
  const id = spec.id;
  let controlDescription: string;
  if (spec.kind === 'falsified') {
    if (typeof spec.corrected !== 'function') throw new DomainError(`falsified claim ${id} needs its corrected statement`, 'corrected');
    controlDescription = 'corrected statement holds on the counterexample';
  } else {
    if (!spec.negativeControl || typeof spec.negativeControl.check !== 'function') throw new DomainError(`claim ${id} has no negative control: a property that cannot fail is a defect`, 'negativeControl');
    controlDescription = spec.negativeControl.describe;
  }
  const c: Claim & { [CLAIM]: true } = {
    id: spec.id,
    source: spec.source,
    statement: spec.statement,
    kind: spec.kind,
    rationale: spec.rationale,
    controlDescription,
    spec: spec as unknown as AnySpec,
    [CLAIM]: true,
  };
  return c;
}

/** Whether a value (e.g. an export of a property file) was made by claim(). */
export function isClaim(x: unknown): x is Claim {
  return typeof x === 'object' && x !== null && (x as { [CLAIM]?: unknown })[CLAIM] === true;
}

/** A claim argument (made by claim()): anything else is a DomainError naming the argument. */
export function requireClaim(c: Claim, argument = 'claim'): Claim {
  if (!isClaim(c)) throw new DomainError(`${argument} must be a claim made by claim(), got ${describeValue(c)}`, argument);
  return c;
}

/** A budget name (quick, default, deep). */
export function requireBudgetName(budget: BudgetName, argument = 'budget'): BudgetName {
  if (!BUDGETS.includes(budget)) throw new DomainError(`${argument} must be one of ${BUDGETS.join(', ')}, got ${describeValue(budget)}`, argument);
  return budget;
}

/** The verdict builders (src/claims/verdict.ts), one slack definition each; `verdict.atMost(...)`. */
export const verdict = builders;

/**
 * A case's verdict combined with extra certificates that every case must also pass (e.g. top widths
 * certified once per run): holds iff all hold; the slack and figures are those of the worst one.
 */
export function worstWith(own: Verdict, extra: readonly Verdict[], label: string): Verdict {
  requireObject(own, 'own', 'a verdict');
  requireArray(extra, 'extra', 'an array of verdicts');
  requireString(label, 'label');
  const all = builders.allOf([own, ...extra]);
  return { ...all, detail: `${own.detail}; ${label}: ${extra.map((v) => v.detail).join('; ')}` };
}

/**
 * Attach the fit a scaling check judged to its verdict, so the report can draw the points, the
 * fitted line and the slope's interval. `log`: the fit is of ln y on ln x (xs, ys are raw values).
 */
export function withFit<V extends Verdict>(
  v: V, fit: SlopeFit, xs: ArrayLike<number>, ys: ArrayLike<number>,
  opts: { log?: boolean; claimed?: number; xLabel?: string; yLabel?: string } = {},
): V & { fit: FitData } {
  requireObject(v, 'v', 'a verdict');
  requireObject(fit, 'fit', 'a slope fit { slope, intercept, lo, hi }');
  requireFiniteArray(xs, 'xs');
  requireFiniteArray(ys, 'ys');
  if (ys.length !== xs.length) throw new ShapeError(`ys has length ${ys.length}, xs has ${xs.length}: a fit's points come in pairs`, 'ys');
  requireObject(opts, 'opts');
  return {
    ...v,
    fit: {
      xs: Array.from(xs), ys: Array.from(ys), slope: fit.slope, intercept: fit.intercept, lo: fit.lo, hi: fit.hi,
      ...(opts.claimed !== undefined ? { claimed: opts.claimed } : {}), ...(opts.log ? { log: true } : {}),
      ...(opts.xLabel ? { xLabel: opts.xLabel } : {}), ...(opts.yLabel ? { yLabel: opts.yLabel } : {}),
    },
  };
}
