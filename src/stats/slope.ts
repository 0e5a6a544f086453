/** Least-squares log-log slope with a Student-t confidence interval, for `scaling` claims. */
import { DomainError, ShapeError, requireFiniteArray, requireFiniteNumber, requirePositive } from '../core/errors.ts';
import { bisect, regularizedBeta } from '../core/special.ts';

export interface SlopeFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope (0 when the fit is exact or has no residual degrees of freedom). */
  stderr: number;
  /** Two-sided confidence interval of the slope at the requested level. */
  lo: number;
  hi: number;
  points: number;
}

/** P[T ≤ t] for Student's t with nu degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  requireFiniteNumber(t, 't');
  requirePositive(nu, 'nu');
  const x = nu / (nu + t * t);
  const tail = 0.5 * regularizedBeta(x, nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

export function studentTQuantile(p: number, nu: number): number {
  requireFiniteNumber(p, 'p');
  requirePositive(nu, 'nu');
  if (!(p > 0 && p < 1)) throw new DomainError(`p must be in (0, 1), got ${p}`, 'p');
  if (p === 0.5) return 0;
  // Solve the upper tail P[T > t] = q with q = min(p, 1 − p) on t ≥ 0 (no cancellation for tiny q),
  // bracketing by doubling so that extreme quantiles are not clipped; then use the symmetry.
  const q = p < 0.5 ? p : 1 - p;
  const tail = (t: number): number => 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
  let hi = 1;
  while (tail(hi) > q && hi < 1e300) hi *= 2;
  const t = bisect((s) => -tail(s), -q, 0, hi);
  return p < 0.5 ? -t : t;
}

function requireLevel(level: number): void {
  requireFiniteNumber(level, 'level');
  if (!(level > 0 && level < 1)) throw new DomainError(`level must be in (0, 1), got ${level}`, 'level');
}

/** Two-sided t quantiles by (level, dof): a scaling claim fits many slopes at one level and dof. */
const tQuantiles = new Map<string, number>();

function twoSidedT(level: number, dof: number): number {
  const key = `${level}/${dof}`;
  let q = tQuantiles.get(key);
  if (q === undefined) {
    q = studentTQuantile(0.5 + level / 2, dof);
    if (tQuantiles.size < 1024) tQuantiles.set(key, q);
  }
  return q;
}

export function linearFit(xs: ArrayLike<number>, ys: ArrayLike<number>, level = 0.95): SlopeFit {
  requireLevel(level);
  requireFiniteArray(xs, 'xs');
  requireFiniteArray(ys, 'ys');
  if (xs.length !== ys.length) throw new ShapeError(`xs has ${xs.length} points, ys has ${ys.length}`, 'ys');
  if (xs.length < 2) throw new ShapeError(`a slope needs at least 2 points, got ${xs.length}`, 'xs');
  requireFiniteArray(xs, 'xs');
  requireFiniteArray(ys, 'ys');
  const n = xs.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) { sxx += (xs[i] - mx) ** 2; sxy += (xs[i] - mx) * (ys[i] - my); }
  if (sxx === 0) throw new DomainError('all x values are equal; the slope is undefined', 'xs');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ys[i] - intercept - slope * xs[i]) ** 2;
  const dof = n - 2;
  const stderr = dof > 0 ? Math.sqrt(rss / dof / sxx) : 0;
  const q = dof > 0 ? twoSidedT(level, dof) : 0;
  return { slope, intercept, stderr, lo: slope - q * stderr, hi: slope + q * stderr, points: n };
}

/** Fit log(y) = slope·log(x) + c; every x and y must be > 0. */
export function logLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>, level = 0.95): SlopeFit {
  requireFiniteArray(xs, 'xs');
  requireFiniteArray(ys, 'ys');
  if (xs.length !== ys.length) throw new ShapeError(`xs has ${xs.length} points, ys has ${ys.length}`, 'ys');
  requireFiniteArray(xs, 'xs');
  requireFiniteArray(ys, 'ys');
  const lx: number[] = [], ly: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] > 0)) throw new DomainError(`xs[${i}] = ${xs[i]}; a log-log fit needs x > 0`, 'xs');
    if (!(ys[i] > 0)) throw new DomainError(`ys[${i}] = ${ys[i]}; a log-log fit needs y > 0`, 'ys');
    lx.push(Math.log(xs[i]));
    ly.push(Math.log(ys[i]));
  }
  return linearFit(lx, ly, level);
}
