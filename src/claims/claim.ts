/** The claim factory: validates a ClaimSpec once, at definition time. */
import { DomainError } from '../core/errors.ts';
import type { SlopeFit } from '../stats/slope.ts';
import { BUDGETS, type Budget, type Claim, type ClaimSpec, type FitData, type Verdict } from './types.ts';

const ID = /^[a-z0-9][a-z0-9._-]*$/i;

export function claim<B extends Budget, C, CC = C>(spec: ClaimSpec<B, C, CC>): Claim {
  if (!ID.test(spec.id)) throw new DomainError(`claim id '${spec.id}' must be dotted words (letters, digits, . _ -)`, 'id');
  if (!spec.family) throw new DomainError(`claim ${spec.id} needs a family`, 'family');
  for (const b of BUDGETS) {
    const budget = spec.budget[b];
    if (!budget || !Number.isInteger(budget.runs) || budget.runs < 1) {
      throw new DomainError(`claim ${spec.id}: budget.${b}.runs must be a positive integer`, 'budget');
    }
  }
  if (spec.kind === 'falsified') {
    if (!spec.corrected) throw new DomainError(`falsified claim ${spec.id} needs its corrected statement`, 'corrected');
  } else if (!spec.negativeControl) {
    throw new DomainError(`claim ${spec.id} has no negative control: a property that cannot fail is a defect`, 'negativeControl');
  }
  return {
    id: spec.id,
    family: spec.family,
    source: spec.source,
    statement: spec.statement,
    kind: spec.kind,
    rationale: spec.rationale,
    hasControl: spec.kind === 'falsified' ? true : Boolean(spec.negativeControl),
    controlDescription: spec.kind === 'falsified' ? 'corrected statement holds on the counterexample' : spec.negativeControl?.describe ?? null,
    spec: spec as unknown as ClaimSpec<Budget, unknown, unknown>,
  };
}

/** Verdict helpers: the comparisons every claim makes, with the slack the runner records. */
export const verdict = {
  /** lhs ≤ rhs; slack lhs/rhs. */
  atMost(lhs: number, rhs: number, detail?: string) {
    return { holds: lhs <= rhs, lhs, rhs, slack: rhs > 0 ? lhs / rhs : lhs <= 0 ? 0 : Infinity, detail };
  },
  /** lhs ≥ rhs (e.g. λmin ≥ threshold); slack rhs/lhs so that > 1 means failing. */
  atLeast(lhs: number, rhs: number, detail?: string) {
    return { holds: lhs >= rhs, lhs, rhs, slack: lhs > 0 ? rhs / lhs : rhs <= 0 ? 0 : Infinity, detail };
  },
  /** |lhs − target| ≤ tol; lhs reported as the error, slack error/tol. */
  near(value: number, target: number, tol: number, detail?: string) {
    const err = Math.abs(value - target);
    return { holds: err <= tol, lhs: err, rhs: tol, slack: err / tol, detail };
  },
};

/**
 * A case's verdict combined with extra certificates that every case must also pass (e.g. top widths
 * certified once per run): holds iff all hold; the slack and figures are those of the worst one.
 */
export function worstWith(own: Verdict, extra: readonly Verdict[], label: string): Verdict {
  let w = own;
  for (const v of extra) if ((v.slack ?? 0) > (w.slack ?? 0)) w = v;
  return { ...w, holds: own.holds && extra.every((v) => v.holds), detail: `${own.detail}; ${label}: ${extra.map((v) => v.detail).join('; ')}` };
}

/**
 * Attach the fit a scaling check judged to its verdict, so the report can draw the points, the
 * fitted line and the slope's interval. `log`: the fit is of ln y on ln x (xs, ys are raw values).
 */
export function withFit<V extends Verdict>(
  v: V, fit: SlopeFit, xs: ArrayLike<number>, ys: ArrayLike<number>,
  opts: { log?: boolean; claimed?: number; xLabel?: string; yLabel?: string } = {},
): V & { fit: FitData } {
  return {
    ...v,
    fit: {
      xs: Array.from(xs), ys: Array.from(ys), slope: fit.slope, intercept: fit.intercept, lo: fit.lo, hi: fit.hi,
      ...(opts.claimed !== undefined ? { claimed: opts.claimed } : {}), ...(opts.log ? { log: true } : {}),
      ...(opts.xLabel ? { xLabel: opts.xLabel } : {}), ...(opts.yLabel ? { yLabel: opts.yLabel } : {}),
    },
  };
}
