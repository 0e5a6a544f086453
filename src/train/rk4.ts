/**
 * Gradient-flow integrators on a flat state θ ∈ R^n for dθ/dt = −∇L(θ) (thesis (4.5)), accurate
 * enough to SEE a flow invariant (catalog 002c §2.3):
 *   - explicit Euler (= GD): drift of a quadratic invariant at fixed horizon ∝ h (order 1);
 *   - classical RK4: drift ∝ h⁴ for smooth (linear-activation) flows; at ReLU kinks the order drops;
 *   - implicit midpoint θ' = θ − h∇L((θ + θ')/2), solved by fixed-point iteration: conserves every
 *     quadratic invariant Q exactly when ⟨∇Q(θ̄), ∇L(θ̄)⟩ = 0 at every point θ̄ (linear nets, matrix
 *     factorization), since Q(θ') − Q(θ) = ∇Q(θ̄)·(θ' − θ) for quadratic Q.
 * Every integrator preallocates its stages: a step allocates nothing.
 */
import { DomainError, NonFiniteError, ShapeError, requirePositive, requirePositiveInt } from '../core/errors.ts';

/** Writes ∇L(θ) into grad (must not allocate on the hot path). */
export type GradFn = (theta: Float64Array, grad: Float64Array) => void;

export type FlowMethod = 'euler' | 'rk4' | 'midpoint';

export interface FlowStepper {
  readonly method: FlowMethod;
  /** Advance θ in place by one step of size h. */
  step(theta: Float64Array, h: number): void;
  /** Fixed-point solves that hit maxIter without converging (midpoint only). */
  readonly unconverged: number;
}

function requireState(theta: Float64Array, n: number): void {
  if (!(theta instanceof Float64Array) || theta.length !== n) throw new ShapeError(`theta must be a Float64Array of length ${n}`, 'theta');
}

export function eulerStepper(n: number, grad: GradFn): FlowStepper {
  requirePositiveInt(n, 'n');
  const g = new Float64Array(n);
  return {
    method: 'euler',
    unconverged: 0,
    step(theta, h) {
      grad(theta, g);
      for (let k = 0; k < n; k++) theta[k] -= h * g[k];
    },
  };
}

/** Classical RK4 on θ' = −∇L(θ). */
export function rk4Stepper(n: number, grad: GradFn): FlowStepper {
  requirePositiveInt(n, 'n');
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  return {
    method: 'rk4',
    unconverged: 0,
    step(theta, h) {
      grad(theta, k1);
      for (let k = 0; k < n; k++) tmp[k] = theta[k] - 0.5 * h * k1[k];
      grad(tmp, k2);
      for (let k = 0; k < n; k++) tmp[k] = theta[k] - 0.5 * h * k2[k];
      grad(tmp, k3);
      for (let k = 0; k < n; k++) tmp[k] = theta[k] - h * k3[k];
      grad(tmp, k4);
      for (let k = 0; k < n; k++) theta[k] -= (h / 6) * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
    },
  };
}

export interface MidpointOptions {
  /** Stop the fixed-point iteration when max|Δθ'| ≤ tol·(1 + max|θ|); default 4e-16 (rounding). */
  tol?: number;
  /** At most this many fixed-point sweeps per step; default 200. */
  maxIter?: number;
}

/**
 * Implicit midpoint by fixed-point iteration θ'_{j+1} = θ − h∇L((θ + θ'_j)/2), started from the
 * Euler predictor. It contracts when h·Lip(∇L)/2 < 1. The iteration stops at rounding level (or
 * when the update stops decreasing), so a quadratic invariant is conserved to ~1e-15 per step.
 */
export function midpointStepper(n: number, grad: GradFn, opts: MidpointOptions = {}): FlowStepper {
  requirePositiveInt(n, 'n');
  const tol = requirePositive(opts.tol ?? 4e-16, 'tol');
  const maxIter = requirePositiveInt(opts.maxIter ?? 200, 'maxIter');
  const g = new Float64Array(n), mid = new Float64Array(n), next = new Float64Array(n);
  let unconverged = 0;
  return {
    method: 'midpoint',
    get unconverged() { return unconverged; },
    step(theta, h) {
      grad(theta, g);
      let scale = 0;
      for (let k = 0; k < n; k++) { next[k] = theta[k] - h * g[k]; scale = Math.max(scale, Math.abs(theta[k])); }
      let prevChange = Infinity, done = false;
      for (let it = 0; it < maxIter; it++) {
        for (let k = 0; k < n; k++) mid[k] = 0.5 * (theta[k] + next[k]);
        grad(mid, g);
        let change = 0;
        for (let k = 0; k < n; k++) {
          const v = theta[k] - h * g[k];
          change = Math.max(change, Math.abs(v - next[k]));
          next[k] = v;
        }
        if (!Number.isFinite(change)) throw new NonFiniteError('implicit midpoint iteration diverged (step too large)', 'h');
        // Converged at rounding level, or stalled there (the change stopped shrinking).
        if (change <= tol * (1 + scale) || (change < 1e-12 * (1 + scale) && change >= prevChange)) { done = true; break; }
        prevChange = change;
      }
      if (!done) unconverged++;
      theta.set(next);
    },
  };
}

export function flowStepper(method: FlowMethod, n: number, grad: GradFn, opts?: MidpointOptions): FlowStepper {
  switch (method) {
    case 'euler': return eulerStepper(n, grad);
    case 'rk4': return rk4Stepper(n, grad);
    case 'midpoint': return midpointStepper(n, grad, opts);
    default: throw new DomainError(`unknown flow method '${String(method)}'`, 'method');
  }
}

export interface IntegrateOptions {
  method: FlowMethod;
  /** Flow horizon τ > 0. */
  time: number;
  /** Number of steps (h = τ/steps). */
  steps: number;
  midpoint?: MidpointOptions;
  /** Called after every step k = 1..steps with the current state (read-only). */
  onStep?: (k: number, theta: Float64Array) => void;
}

/** Integrate the flow from theta0 (not modified) to time τ; returns θ(τ) and the stepper stats. */
export function integrateFlow(theta0: Float64Array, grad: GradFn, opts: IntegrateOptions): { theta: Float64Array; unconverged: number } {
  const n = theta0.length;
  requireState(theta0, n);
  requirePositive(opts.time, 'time');
  requirePositiveInt(opts.steps, 'steps');
  const stepper = flowStepper(opts.method, n, grad, opts.midpoint);
  const theta = Float64Array.from(theta0);
  const h = opts.time / opts.steps;
  for (let k = 1; k <= opts.steps; k++) {
    stepper.step(theta, h);
    opts.onStep?.(k, theta);
  }
  return { theta, unconverged: stepper.unconverged };
}
