/**
 * Gradient flow dθ/dt = −∇f(θ) (thesis (2.4)/(4.5)) on any objective: one fixed-step integrator
 * (`integrateFlow`) and, on top of it, step-doubling error control (`gradientFlow`). Methods,
 * accurate enough to SEE a flow invariant (the Theorem 4.1 invariants of thesis ch. 4; catalog 002c §2.3):
 *   - explicit Euler (= GD): drift of a quadratic invariant at fixed horizon ∝ h (order 1);
 *   - classical RK4: drift ∝ h⁴ for smooth (linear-activation) flows; at ReLU kinks the order drops;
 *   - implicit midpoint θ' = θ − h∇L((θ + θ')/2), solved by fixed-point iteration: conserves every
 *     quadratic invariant Q exactly when ⟨∇Q(θ̄), ∇L(θ̄)⟩ = 0 at every point θ̄ (linear nets, matrix
 *     factorization), since Q(θ') − Q(θ) = ∇Q(θ̄)·(θ' − θ) for quadratic Q.
 * Every integrator preallocates its stages: a step allocates nothing.
 */
import { DomainError, NonFiniteError, requireAllocatable, requireFiniteNumber, requirePositive, requirePositiveInt } from '../core/errors.ts';
import { type Objective, requireObjective, requireTheta } from '../models/model.ts';

/** Writes ∇f(θ) into grad (must not allocate on the hot path). */
type GradFn = (theta: Float64Array, grad: Float64Array) => void;

function gradOf(obj: Objective): GradFn {
  return (theta, grad) => {
    const f = obj.valueGrad(theta, grad);
    if (!Number.isFinite(f)) throw new NonFiniteError(`f is ${f} along the flow: the step is too large or the flow blows up`, 'x');
  };
}

export type FlowMethod = 'euler' | 'rk4' | 'midpoint';

export interface FlowStepper {
  readonly method: FlowMethod;
  /** Advance θ in place by one step of size h. */
  step(theta: Float64Array, h: number): void;
  /** Fixed-point solves that hit maxIter without converging (midpoint only). */
  readonly unconverged: number;
}

function eulerStepper(n: number, grad: GradFn): FlowStepper {
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
function rk4Stepper(n: number, grad: GradFn): FlowStepper {
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
function midpointStepper(n: number, grad: GradFn, opts: MidpointOptions = {}): FlowStepper {
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

/** A stepper of method for obj (buffers made once). */
export function flowStepper(method: FlowMethod, obj: Objective, opts?: MidpointOptions): FlowStepper {
  requireObjective(obj);
  const n = obj.dim, grad = gradOf(obj);
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

/** Integrate the flow from theta0 (not modified) to time τ with a fixed step; returns θ(τ) and the stepper stats. */
export function integrateFlow(obj: Objective, theta0: Float64Array, opts: IntegrateOptions): { theta: Float64Array; unconverged: number } {
  requireObjective(obj);
  requireTheta(theta0, obj.dim, 'theta0');
  if (opts === null || typeof opts !== 'object') throw new DomainError('options { method, time, steps } are required', 'opts');
  requirePositive(opts.time, 'time');
  requirePositiveInt(opts.steps, 'steps');
  const stepper = flowStepper(opts.method, obj, opts.midpoint);
  const theta = Float64Array.from(theta0);
  const h = opts.time / opts.steps;
  for (let k = 1; k <= opts.steps; k++) {
    stepper.step(theta, h);
    opts.onStep?.(k, theta);
  }
  // A non-finite gradient with a finite f leaves θ non-finite: checked once, after the last step.
  for (let j = 0; j < theta.length; j++) {
    if (!Number.isFinite(theta[j])) throw new NonFiniteError(`θ(${opts.time})[${j}] is ${theta[j]}: the flow left the finite states (a non-finite gradient, or a step too large)`, 'theta');
  }
  return { theta, unconverged: stepper.unconverged };
}

export interface FlowOptions {
  /** Final flow time T > 0. */
  time: number;
  /** 'euler' (GD with a vanishing step), 'rk4' (default) or 'midpoint'. */
  method?: FlowMethod;
  /** Steps per checkpoint interval at the first try; doubled until converged. Default 1. */
  stepsPerCheckpoint?: number;
  /** Number of checkpoints in (0, T]; default 20. */
  checkpoints?: number;
  /** Largest relative change of f at a checkpoint between a step and its half that counts as converged; default 1e-6. */
  relTol?: number;
  /** At most this many doublings of the step count; default 12. */
  maxHalvings?: number;
  midpoint?: MidpointOptions;
}

export interface FlowTrajectory {
  /** Checkpoint times t_j = jT/J, j = 0..J, and f(θ(t_j)) there. */
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** θ(T) at the finest step. */
  readonly theta: Float64Array;
  /** The step that met the tolerance (or the last tried). */
  readonly step: number;
  readonly halvings: number;
  /** Largest relative checkpoint change at the last halving (≤ relTol when converged). */
  readonly change: number;
  readonly converged: boolean;
}

/**
 * Gradient flow to time T with error control: integrate with step h and h/2 and compare f at the
 * checkpoints, halving h until the change is below relTol (relative, floored at 1e-12·f(θ0) so the
 * float floor of a converged loss is not counted as change).
 */
export function gradientFlow(obj: Objective, theta0: Float64Array, opts: FlowOptions): FlowTrajectory {
  requireObjective(obj);
  requireTheta(theta0, obj.dim, 'theta0');
  if (opts === null || typeof opts !== 'object') throw new DomainError('options { time } are required', 'opts');
  const T = requirePositive(opts.time, 'time');
  const method = opts.method ?? 'rk4';
  const J = requirePositiveInt(opts.checkpoints ?? 20, 'checkpoints');
  requireAllocatable(J + 1, 'checkpoints');
  let per = requirePositiveInt(opts.stepsPerCheckpoint ?? 1, 'stepsPerCheckpoint');
  const relTol = requirePositive(opts.relTol ?? 1e-6, 'relTol');
  const maxHalvings = requireFiniteNumber(opts.maxHalvings ?? 12, 'maxHalvings');
  if (!Number.isInteger(maxHalvings) || maxHalvings < 0) throw new DomainError(`maxHalvings must be an integer ≥ 0, got ${maxHalvings}`, 'maxHalvings');
  const times = new Float64Array(J + 1);
  for (let j = 0; j <= J; j++) times[j] = (T * j) / J;
  const g = new Float64Array(obj.dim);
  const f0 = obj.valueGrad(theta0, g);
  if (!Number.isFinite(f0)) throw new NonFiniteError(`f(θ0) is ${f0}`, 'theta0');
  const run = (stepsPer: number): { values: Float64Array; theta: Float64Array } => {
    const values = new Float64Array(J + 1);
    values[0] = f0;
    const { theta } = integrateFlow(obj, theta0, {
      method, time: T, steps: J * stepsPer, midpoint: opts.midpoint,
      onStep: (k, th) => { if (k % stepsPer === 0) values[k / stepsPer] = obj.valueGrad(th, g); },
    });
    return { values, theta };
  };
  let prev = run(per), change = Infinity, halvings = 0;
  while (halvings < maxHalvings) {
    const next = run(per * 2);
    change = 0;
    for (let j = 1; j <= J; j++) {
      const denom = Math.max(Math.abs(prev.values[j]), 1e-12 * Math.abs(f0), 1e-300);
      change = Math.max(change, Math.abs(next.values[j] - prev.values[j]) / denom);
    }
    prev = next; per *= 2; halvings++;
    if (change < relTol) break;
  }
  return { times, values: prev.values, theta: prev.theta, step: T / (J * per), halvings, change, converged: change < relTol };
}
