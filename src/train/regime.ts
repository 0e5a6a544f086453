/**
 * The constants of the chapter-2 rate statements for one dataset, and the predicates that compare a
 * recorded trajectory with them (thesis Theorem 2.3, Condition 2.1, Figure 2.1; catalog 002a §2.4, §2.5, §3.19–§3.21):
 *  - λ0 = λmin(H∞) and λmax(H∞), the step-size regimes η_thm = λ0/(2n²) and η = 1/λmax(H∞);
 *  - Condition 2.1 / Theorem 2.3: ‖y − u(k)‖² ≤ (1 − ηλ0/2)^k ‖y − u(0)‖²  (`cond21`, `scanRate`);
 *  - Theorem 2.2 / Lemma 2.3: ‖y − u(t)‖² ≤ e^{−λ0 t} ‖y − u(0)‖², the same scan with a per-step
 *    log-factor −λ0 η;
 *  - the radii R' of Lemma 2.3 (printed and corrected, erratum E5) and Corollary 2.1 (2.7).
 */
import { DomainError, requireFiniteNumber, requireLength, requirePositive, requirePositiveInt } from '../core/errors.ts';
import { symmetricEigenvalues } from '../core/linalg.ts';
import type { Matrix } from '../core/matrix.ts';
import { gramInfinity } from '../kernels/arccos.ts';

export interface GramSpectrum {
  /** λ0 = λmin(H∞) (Assumption 2.1). */
  readonly lambda0: number;
  /** λmax(H∞): η = 1/λmax is the practical regime (thesis Figure 2.1's runs). */
  readonly lambdaMax: number;
}

/** λmin and λmax of the closed-form H∞ of X (one n×n eigen-solve). */
export function gramSpectrum(X: Matrix): GramSpectrum {
  const ev = symmetricEigenvalues(gramInfinity(X));
  return { lambda0: ev[0], lambdaMax: ev[ev.length - 1] };
}

/** The theorem regime η_thm = λ0/(2n²) (thesis Theorem 2.3): the largest η the proof's η²n² ≤ ηλ0/2 allows. */
export function theoremEta(lambda0: number, n: number): number {
  requirePositive(lambda0, 'lambda0');
  requirePositive(n, 'n');
  return lambda0 / (2 * n * n);
}

/** ln(1 − ηλ0/2), the per-step log-factor of Condition 2.1 (needs 0 < ηλ0/2 < 1). */
export function cond21LogFactor(eta: number, lambda0: number): number {
  requirePositive(eta, 'eta');
  requirePositive(lambda0, 'lambda0');
  const x = (eta * lambda0) / 2;
  if (!(x < 1)) throw new DomainError(`Condition 2.1 needs ηλ0/2 < 1, got ${x}`, 'eta');
  return Math.log1p(-x);
}

/** A relative loss floor in (0, 1). */
function requireFloor(floor: number): void {
  requireFiniteNumber(floor, 'floor');
  if (!(floor > 0 && floor < 1)) throw new DomainError(`floor must be in (0, 1), got ${floor}`, 'floor');
}

/** A recorded loss curve: an array of numbers (NaN entries are legitimate: a diverged run). */
function requireCurve(sqLoss: ArrayLike<number>): void {
  requireLength(sqLoss, sqLoss?.length, 'sqLoss');
}

/** Largest K with (1 − ηλ0/2)^K ≥ floor: past it the bound sinks toward the float floor. */
export function stepsAboveFloor(logFactor: number, floor = 1e-12): number {
  requireFiniteNumber(logFactor, 'logFactor');
  if (!(logFactor < 0)) throw new DomainError(`logFactor must be < 0, got ${logFactor}`, 'logFactor');
  requireFloor(floor);
  return Math.floor(Math.log(floor) / logFactor);
}

/**
 * Condition 2.1 at step k: ‖y − u(k)‖² ≤ (1 − ηλ0/2)^k ‖y − u(0)‖² (1 + tol). sqLoss[k] = ‖y − u(k)‖².
 */
export function cond21(sqLoss: ArrayLike<number>, k: number, eta: number, lambda0: number, tol = 1e-9): boolean {
  requireCurve(sqLoss);
  requireFiniteNumber(k, 'k');
  if (!Number.isInteger(k) || k < 0 || k >= sqLoss.length) throw new DomainError(`k must index sqLoss, got ${k}`, 'k');
  requireFiniteNumber(tol, 'tol');
  if (tol < 0) throw new DomainError(`tol must be ≥ 0, got ${tol}`, 'tol');
  return sqLoss[k] <= sqLoss[0] * Math.exp(k * cond21LogFactor(eta, lambda0)) * (1 + tol);
}

export interface RateScan {
  /** max_{1≤k≤lastK} ‖y − u(k)‖² / bound_k (≤ 1 + tol means the bound held; 0 when lastK = 0). */
  readonly worstRatio: number;
  /** The step where worstRatio was attained. */
  readonly worstK: number;
  /** First step where the ratio exceeded 1 + tol (−1: none). */
  readonly firstViolation: number;
  /** Last step asserted: min(recorded steps, the last k whose bound factor is ≥ floor). */
  readonly lastK: number;
  /**
   * Rate margin κ = min_{1≤k≤lastK} [ln(‖y−u(k)‖²/‖y−u(0)‖²) − ln(1+tol)] / (k·logFactor), with
   * the tolerance folded in: κ ≥ 1 exactly when every ratio is ≤ 1 + tol;
   * κ = 2 means the loss fell with twice the claimed exponent. Infinity when lastK = 0.
   */
  readonly kappa: number;
}

/**
 * Compare sqLoss[k] with sqLoss[0]·exp(k·logFactor) at every 1 ≤ k ≤ lastK, where lastK stops before
 * the bound factor drops below `floor` (default 1e-12: the loss floor is ~1e-20
 * relative, so the bound must stay well above it).
 */
export function scanRate(sqLoss: ArrayLike<number>, logFactor: number, opts: { tol?: number; floor?: number } = {}): RateScan {
  requireCurve(sqLoss);
  requireFiniteNumber(logFactor, 'logFactor');
  if (sqLoss.length === 0) throw new DomainError('sqLoss is empty', 'sqLoss');
  const o = opts ?? {};
  if (typeof o !== 'object') throw new DomainError('opts must be { tol?, floor? }', 'opts');
  const tol = requireFiniteNumber(o.tol ?? 1e-9, 'tol');
  if (tol < 0) throw new DomainError(`tol must be ≥ 0, got ${tol}`, 'tol');
  const lastK = Math.min(sqLoss.length - 1, stepsAboveFloor(logFactor, o.floor ?? 1e-12));
  const e0 = sqLoss[0], logTol = Math.log1p(tol);
  let worstRatio = 0, worstK = 0, firstViolation = -1, kappa = Infinity;
  for (let k = 1; k <= lastK; k++) {
    const e = sqLoss[k];
    // NaN (diverged) compares false everywhere: count it as a violation with an infinite ratio.
    const ratio = e0 > 0 ? e / (e0 * Math.exp(k * logFactor)) : e > 0 ? Infinity : 0;
    const r = Number.isNaN(ratio) ? Infinity : ratio;
    if (r > worstRatio) { worstRatio = r; worstK = k; }
    if (r > 1 + tol && firstViolation < 0) firstViolation = k;
    // e = 0 meets any bound; e > 0 with e0 = 0, or a NaN loss, meets none.
    let kap = e === 0 ? Infinity : e0 > 0 && e > 0 ? (Math.log(e / e0) - logTol) / (k * logFactor) : -Infinity;
    if (Number.isNaN(kap)) kap = -Infinity;
    if (kap < kappa) kappa = kap;
  }
  return { worstRatio, worstK, firstViolation, lastK, kappa };
}

/** The per-step form of Condition 2.1's induction: min_k (1 − ‖y−u(k+1)‖²/‖y−u(k)‖²), to compare with ηλ0/2. */
export function minStepDecrease(sqLoss: ArrayLike<number>): { value: number; k: number } {
  requireCurve(sqLoss);
  let value = Infinity, at = -1;
  for (let k = 0; k + 1 < sqLoss.length; k++) {
    if (!(sqLoss[k] > 0)) break;
    let dec = 1 - sqLoss[k + 1] / sqLoss[k];
    if (Number.isNaN(dec)) dec = -Infinity; // a NaN loss (diverged) is no decrease at all
    if (dec < value) { value = dec; at = k; }
  }
  return { value, k: at };
}

/** n, m positive integers, ‖y − u(0)‖ ≥ 0 and λ0 > 0, all finite. */
function requireRadiusInputs(n: number, m: number, residual0: number, lambda0: number): void {
  requirePositiveInt(n, 'n');
  requirePositiveInt(m, 'm');
  requireFiniteNumber(residual0, 'residual0');
  if (residual0 < 0) throw new DomainError(`residual0 must be ≥ 0, got ${residual0}`, 'residual0');
  requirePositive(lambda0, 'lambda0');
}

/** Lemma 2.3 as printed: R' = √n‖y − u(0)‖/(√m λ0) (refuted, erratum E5). */
export function lemma23RadiusPrinted(n: number, m: number, residual0: number, lambda0: number): number {
  requireRadiusInputs(n, m, residual0, lambda0);
  return (Math.sqrt(n) * residual0) / (Math.sqrt(m) * lambda0);
}

/** Lemma 2.3 corrected (E5, ICLR version): R'_c = 2√n‖y − u(0)‖/(√m λ0). */
export function lemma23RadiusCorrected(n: number, m: number, residual0: number, lambda0: number): number {
  requireRadiusInputs(n, m, residual0, lambda0);
  return (2 * Math.sqrt(n) * residual0) / (Math.sqrt(m) * lambda0);
}

/** Corollary 2.1 / (2.7): R' = 4√n‖y − u(0)‖/(√m λ0). */
export function corollary21Radius(n: number, m: number, residual0: number, lambda0: number): number {
  requireRadiusInputs(n, m, residual0, lambda0);
  return (4 * Math.sqrt(n) * residual0) / (Math.sqrt(m) * lambda0);
}
