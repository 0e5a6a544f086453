/** The claim API (DESIGN.md): a claim is a randomized, falsifiable property with a negative control. */
import type fc from 'fast-check';

export type ClaimKind = 'exact' | 'bound' | 'statistical' | 'scaling' | 'falsified';
export type BudgetName = 'quick' | 'default' | 'deep';
export const BUDGETS: readonly BudgetName[] = ['quick', 'default', 'deep'];

/** What one check of one case found. */
export interface Verdict {
  holds: boolean;
  /** Observed side of the comparison (error, drift, frequency, slope, ...). */
  lhs: number;
  /** The side it is compared with (tolerance, bound, threshold, claimed slope, ...). */
  rhs: number;
  /**
   * How close the case came to failing: ≤ 1 holds, > 1 fails for bound/exact (lhs/rhs, the
   * default). statistical: p-value or observed/threshold; scaling: |slope − claimed|/tolerance.
   */
  slack?: number;
  /** One human line about the case (sizes, measured figures). */
  detail?: string;
  /**
   * `scaling` claims may expose the fit they judged: the points, the fitted slope and intercept and
   * the slope's confidence interval [lo, hi]. The report draws the worst case's fit with its band.
   */
  fit?: FitData;
}

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
}

export interface NegativeControl<B extends Budget, C> {
  /** The nearby false variant, in a few words ("duplicated pair", "η = 2.2/λmax", ...). */
  describe: string;
  arbitrary: (b: B) => fc.Arbitrary<C>;
  /** Must return holds = false on at least one generated case: that is what "caught" means. */
  check: (c: C, b: B) => Verdict;
}

export interface ClaimSpec<B extends Budget, C, CC = C> {
  /** Stable id from the source numbering, e.g. 'thesis.ch2.thm2.1'. */
  id: string;
  /** Folder under properties/ (two-layer, gradients, kernels, conjectures, ...). */
  family: string;
  /** Citation: '002 thesis, Theorem 2.1 / Assumption 2.1'. */
  source: string;
  statement: string;
  kind: ClaimKind;
  budget: Record<BudgetName, B>;
  arbitrary: (b: B) => fc.Arbitrary<C>;
  /**
   * For every kind but `falsified`: must hold on every case. For `falsified`: the printed
   * statement, which the runner must find a counterexample to.
   */
  check: (c: C, b: B) => Verdict;
  /** Required for every kind but `falsified`. */
  negativeControl?: NegativeControl<B, CC>;
  /**
   * `falsified` only: the corrected statement, which must hold on the counterexample the runner
   * found (this is the falsified claim's control: the suite tells printed from corrected).
   */
  corrected?: (c: C, b: B) => Verdict;
  /** Why the tolerance or constant is what it is (shown in the report). */
  rationale?: string;
  /**
   * Figure reproductions that support this claim, computed by `gd-theory check` (not by vitest)
   * from the budget and the claim's seed, and written to report/claims.json under `figures`.
   */
  figures?: (b: B, seed: number) => Figure[];
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

/** A registered claim (type parameters erased for the registry). */
export interface Claim {
  readonly id: string;
  readonly family: string;
  readonly source: string;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly rationale?: string;
  readonly hasControl: boolean;
  readonly controlDescription: string | null;
  /** Run the claim (and its control) at a budget; see runner.ts. */
  readonly spec: ClaimSpec<Budget, unknown, unknown>;
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
  /** 'seed' for a passing run; 'seed:path' of the (shrunk) failing case otherwise. */
  replay: string;
  ms: number;
  statement: string;
  /** The failing (or, for falsified, the counterexample) case and what the check said of it. */
  counterexample?: { case: unknown; verdict: Verdict };
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
