/** The claim API (DESIGN.md): a claim is a randomized, falsifiable property with a negative control. */
import type fc from 'fast-check';

export type ClaimKind = 'exact' | 'bound' | 'statistical' | 'scaling' | 'falsified';
export type BudgetName = 'quick' | 'default' | 'deep';
export const BUDGETS: readonly BudgetName[] = ['quick', 'default', 'deep'];

import type { Verdict, VerdictData } from './verdict.ts';

export type { Verdict, VerdictData };

/** A fitted line y = intercept + slope·x (in log-log space when `log` is set: ln y against ln x). */
export interface FitData {
  xs: number[];
  ys: number[];
  slope: number;
  intercept: number;
  /** Confidence interval of the slope. */
  lo: number;
  hi: number;
  /** The slope the claim asserts, when there is one. */
  claimed?: number;
  /** xs and ys are raw values and the fit is of ln y on ln x. */
  log?: boolean;
  xLabel?: string;
  yLabel?: string;
}

/** Sizes and run counts of one budget; claims extend it with their own fields. */
export interface Budget {
  /** fast-check runs (cases) for the claim itself. */
  runs: number;
  /** fast-check runs for the negative control (default: runs). */
  controlRuns?: number;
  /**
   * Set by the runner, never by a claim: the claim's fast-check seed in this run (derived from the
   * run seed; a replay reuses it). A construction fixed for the run derives its seed from it with
   * runSeedFor (src/claims/seed.ts) instead of pinning a literal.
   */
  readonly claimSeed?: number;
}

export interface NegativeControl<B extends Budget, C> {
  /** The nearby false variant, in a few words ("duplicated pair", "η = 2.2/λmax", ...). */
  describe: string;
  /** Cases for the control; omitted, the control runs on the claim's own arbitrary. */
  arbitrary?: (b: B) => fc.Arbitrary<C>;
  /** Must return holds = false on at least one generated case: that is what "caught" means. */
  check: (c: C, b: B) => Verdict;
  /**
   * The number of cases the catching rate is measured on (default: all the control's cases). A
   * control whose cases are expensive sets fewer; past them it is checked only until its first catch.
   */
  rateCases?: number;
}

/** What every claim spec has, whatever its kind. The family is not here: it is the folder under properties/. */
interface SpecBase<B extends Budget, C> {
  /** Stable id from the source numbering, e.g. 'thesis.ch2.thm2.1' (pattern: README, "Claim ids"). */
  id: string;
  /** Citation: '002 thesis, Theorem 2.1 / Assumption 2.1'. */
  source: string;
  statement: string;
  budget: Record<BudgetName, B>;
  arbitrary: (b: B) => fc.Arbitrary<C>;
  /** Why the tolerance or constant is what it is (shown in the report). */
  rationale?: string;
  /**
   * Figure reproductions that support this claim, computed by `gd-theory check` (not by vitest)
   * from the budget and the claim's seed, and written to report/claims.json under `figures`.
   */
  figures?: (b: B, seed: number) => Figure[];
}

/**
 * A checked claim: its check must hold on every case, and its negative control (a nearby false
 * statement) must be caught. The control is required by the type: a property that cannot fail is a
 * defect. Its cases come from the claim's arbitrary unless it gives its own (then of type CC).
 */
export interface CheckedSpec<B extends Budget, C, CC = C> extends SpecBase<B, C> {
  kind: 'exact' | 'bound' | 'statistical' | 'scaling';
  /** Must hold on every case; returns a verdict from src/claims/verdict.ts (the kind's slack). */
  check: (c: C, b: B) => Verdict;
  negativeControl: NegativeControl<B, CC>;
  corrected?: never;
}

/**
 * A falsified claim: `check` is the printed statement, which the runner must refute; `corrected`,
 * which must hold on the counterexample found, is its control (the suite tells printed from corrected).
 */
export interface FalsifiedSpec<B extends Budget, C> extends SpecBase<B, C> {
  kind: 'falsified';
  check: (c: C, b: B) => Verdict;
  corrected: (c: C, b: B) => Verdict;
  negativeControl?: never;
}

export type ClaimSpec<B extends Budget, C, CC = C> = CheckedSpec<B, C, CC> | FalsifiedSpec<B, C>;

/** A spec with its type parameters erased, as the runner sees it. */
export interface AnySpec {
  id: string;
  source: string;
  statement: string;
  kind: ClaimKind;
  budget: Record<BudgetName, Budget>;
  arbitrary: (b: Budget) => fc.Arbitrary<unknown>;
  check: (c: unknown, b: Budget) => Verdict;
  negativeControl?: { describe: string; arbitrary?: (b: Budget) => fc.Arbitrary<unknown>; check: (c: unknown, b: Budget) => Verdict; rateCases?: number };
  corrected?: (c: unknown, b: Budget) => Verdict;
  rationale?: string;
  figures?: (b: Budget, seed: number) => Figure[];
}

/** One data series of a figure (x and y of equal length). */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/** A figure reproduction as data: the report draws it; the JSON keeps it diffable. */
export interface Figure {
  /** Stable id, e.g. 'thesis.fig2.1a'. */
  id: string;
  /** The source figure: '002 thesis, Figure 2.1(a)'. */
  source: string;
  caption: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: Series[];
  /** Filled in by the runner: the claim the figure supports. */
  claimId?: string;
}

/** A claim as claim() returns it (type parameters erased). */
export interface Claim {
  readonly id: string;
  readonly source: string;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly rationale?: string;
  readonly controlDescription: string;
  readonly spec: AnySpec;
  /** Set when the claim is loaded from a property file: the folder under properties/ ... */
  readonly family?: string;
  /** ... and the file, relative to the working directory. */
  readonly file?: string;
}

/** A claim loaded from a property file: it knows its family and file. */
export interface LoadedClaim extends Claim {
  readonly family: string;
  readonly file: string;
}

export type VerdictName = 'holds' | 'fails' | 'falsified-as-expected' | 'error';
export type ControlName = 'caught' | 'missed' | 'none';

/** One row of report/claims.json (the stable contract of DESIGN.md) plus diagnostics. */
export interface ClaimResult {
  id: string;
  family: string;
  source: string;
  kind: ClaimKind;
  verdict: VerdictName;
  runs: number;
  worstSlack: number | null;
  medianSlack: number | null;
  control: ControlName;
  /**
   * The fraction of the negative control's generated cases that caught it (each case is checked,
   * not only up to the first catch); null when the claim has no control run (falsified claims,
   * --replay). Absent in reports made before issue 14.
   */
  controlRate?: number | null;
  /** How many control cases that fraction is over. */
  controlCases?: number;
  /** 'seed' for a passing run; 'seed:path' of the (shrunk) failing case otherwise. */
  replay: string;
  ms: number;
  statement: string;
  /** The failing (or, for falsified, the counterexample) case and what the check said of it. */
  counterexample?: { case: unknown; verdict: VerdictData };
  controlDescription?: string | null;
  /** The control's catching case (or why it was missed). */
  controlDetail?: string;
  /** Error message when verdict = error. */
  message?: string;
  /** The detail line of the worst case. */
  worstDetail?: string;
  /** The slack of every recorded case, in run order (finite ones; for the report's slack plots). */
  slacks?: number[];
  /** The fit of the worst case, when the claim's check exposes one (`Verdict.fit`). */
  fit?: FitData;
}
