/**
 * The "octopus" counter-example of thesis Chapter 7 (Du, Jin, Lee, Jordan, Singh, Póczos 2017),
 * Eqs. (7.5)–(7.18) merged into one evaluator on the closed domain D (catalog 002e §2.2).
 *
 * Coordinates are 0-based here (the thesis is 1-based). A point's *piece* is decided by k, the
 * number of LEADING coordinates with |x_j| ≥ 2τ (thesis §7.7.1; catalog 002e §2.8 trap 4):
 *   k = d                      final basin        Σ_j L(|x_j| − 4τ)² − dν                (7.10)/(7.18)
 *   |x_k| ≤ τ                  saddle piece       E − γx_k² + Σ_{j>k} Lx_j² − kν          (7.6)/(7.8)/(7.14)/(7.16)
 *   τ < |x_k| < 2τ, k < d−1    transition         E + g1(a) + g2(a)x_{k+1}² + Σ_{j>k+1} Lx_j² − kν   (7.7)/(7.15)
 *   τ < |x_k| < 2τ, k = d−1    last transition    E + g1(a) − kν                          (7.9)/(7.17)
 * with E = Σ_{j<k} L(|x_j| − 4τ)² and a = |x_k|. Every piece depends on x only through |x_j| and x_j²,
 * so f(Sx) = f(x) for every diagonal sign matrix S (the mirroring trick, thesis Step 2).
 * Outside D the thesis only has a non-constructive Whitney extension (Theorem 7.5): we throw.
 *
 * Errata honoured: the union (7.12) runs to i = d+1 (E6) and the basin sum (7.18) runs over all j
 * (E7); the glue g1 is the antiderivative of the cubic Hermite p of Theorem 7.4, g2 the quintic of
 * Lemma 7.4 (a smootherstep from L down to −γ).
 *
 * Bad input: an Octopus and a Glue are checked once where they are built (octopus(),
 * lemma74Glue/hermiteGlue) and carry that provenance; every function taking one checks it in O(1)
 * (a HermiteCubic, a plain coefficient record, has its five coefficients checked), and its point (length, finiteness), so even the per-step evaluators (locate,
 * octopusValueGrad, the glue functions) reject null, strings, wrong lengths and NaN with a typed
 * error naming the argument. Output buffers are checked for kind and length, not for their values.
 */
import {
  DomainError, NonFiniteError, Provenance, ShapeError, describeValue, requireAllocatable, requireFiniteArray, requireFiniteNumber, requireFloat64Array, requireLength, requireNumber,
  requirePositive, requirePositiveInt,
} from '../core/errors.ts';
import { type Matrix, requireMatrixShape, zeros } from '../core/matrix.ts';
import type { Objective } from './model.ts';

/**
 * The glue polynomials of Lemma 7.4 for one (L, γ, τ). p = g1′ is the cubic c0 + c1δ + c2δ² + c3δ³ in δ = a − τ.
 * A Glue is checked once, where it is built (lemma74Glue, hermiteGlue: frozen, every field finite) or
 * where it enters an octopus (octopus(…, { glue }) checks and freezes a copy); the glue functions
 * (g1 … g2Printed, nuOf, the transition norms) trust it and check only their point, because a
 * transition-piece evaluation makes up to six of them per GD step.
 */
export interface Glue {
  readonly L: number;
  readonly gamma: number;
  readonly tau: number;
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  readonly c3: number;
  /** g1(τ) = −γτ² (value continuity with the saddle piece at a = τ). */
  readonly g1AtTau: number;
  /** K = L + γ, the drop of g2 from L to −γ. */
  readonly K: number;
}

export interface Octopus {
  readonly d: number;
  readonly L: number;
  readonly gamma: number;
  readonly tau: number;
  /** Value drop per saddle, ν = 4Lτ² − g1(2τ) (Lemma 7.4). */
  readonly nu: number;
  readonly glue: Glue;
}

/** Cubic Hermite interpolant of thesis Theorem 7.4 (Dougherty–Edelman–Hyman Eq. 2.1): coefficients in δ = y − y0. */
export interface HermiteCubic { readonly y0: number; readonly c0: number; readonly c1: number; readonly c2: number; readonly c3: number }

/**
 * Theorem 7.4: c0 = f(y0), c1 = f′(y0), c2 = (3S − f′(y1) − 2f′(y0))/h, c3 = −(2S − f′(y1) − f′(y0))/h²,
 * S = (f(y1) − f(y0))/h, h = y1 − y0. Rejects y1 ≤ y0 and non-finite data.
 */
export function hermiteCubic(y0: number, y1: number, f0: number, f1: number, d0: number, d1: number): HermiteCubic {
  for (const [v, n] of [[y0, 'y0'], [y1, 'y1'], [f0, 'f0'], [f1, 'f1'], [d0, 'd0'], [d1, 'd1']] as const) requireFiniteNumber(v, n);
  if (!(y1 > y0)) throw new DomainError(`hermiteCubic needs y0 < y1, got [${y0}, ${y1}]`, 'y1');
  const h = y1 - y0;
  const S = (f1 - f0) / h;
  const c2 = (3 * S - d1 - 2 * d0) / h, c3 = -(2 * S - d1 - d0) / (h * h);
  return { y0, c0: f0, c1: d0, c2, c3 };
}

/** A cubic's five coefficients are finite (O(1)); a hand-made cubic (a control's altered c2) is welcome. */
function requireCubic(p: HermiteCubic): void {
  if (p === null || typeof p !== 'object') throw new DomainError(`p must be a HermiteCubic { y0, c0, c1, c2, c3 }, got ${describeValue(p)}`, 'p');
  for (const k of ['y0', 'c0', 'c1', 'c2', 'c3'] as const) requireFiniteNumber(p[k], 'p');
}
const GLUES = new Provenance<Glue>('a Glue from lemma74Glue() or hermiteGlue()');
const OCTOPI = new Provenance<Octopus>('an Octopus from octopus()');

/** o came from octopus() (O(1)): the check of every function taking an octopus. */
export function requireOctopus(o: Octopus, argument = 'o'): Octopus {
  return OCTOPI.require(o, argument);
}

/** p(y) and p′(y) of a Hermite cubic. */
export function hermiteValue(p: HermiteCubic, y: number): number {
  requireCubic(p);
  requireFiniteNumber(y, 'y');
  const t = y - p.y0;
  return p.c0 + t * (p.c1 + t * (p.c2 + t * p.c3));
}

export function hermiteSlope(p: HermiteCubic, y: number): number {
  requireCubic(p);
  requireFiniteNumber(y, 'y');
  const t = y - p.y0;
  return p.c1 + t * (2 * p.c2 + t * 3 * p.c3);
}

const GLUE_FIELDS = ['L', 'gamma', 'tau', 'c0', 'c1', 'c2', 'c3', 'g1AtTau', 'K'] as const;

/**
 * The one glue check, made where a Glue is built (lemma74Glue, hermiteGlue) or enters an octopus
 * (octopus(…, { glue })): an object with nine finite fields. Returns a frozen copy of exactly those
 * fields, so the glue functions below trust their Glue and check only their point a.
 */
function sealGlue(gl: Glue): Glue {
  if (!gl || typeof gl !== 'object') throw new DomainError('glue must be a Glue (lemma74Glue or hermiteGlue)', 'glue');
  for (const k of GLUE_FIELDS) requireFiniteNumber(gl[k], `glue.${k}`);
  const { L, gamma, tau, c0, c1, c2, c3, g1AtTau, K } = gl;
  return GLUES.mark(Object.freeze({ L, gamma, tau, c0, c1, c2, c3, g1AtTau, K }));
}

function requireGlueConstants(L: number, gamma: number, tau: number): void {
  requirePositive(L, 'L');
  requirePositive(gamma, 'gamma');
  requirePositive(tau, 'tau');
}

/**
 * The Lemma 7.4 glue in closed form (catalog §2.1): the Hermite data p(τ) = −2γτ, p′(τ) = −2γ,
 * p(2τ) = −4Lτ, p′(2τ) = 2L give c0 = −2γτ, c1 = −2γ, c2 = (10γ − 14L)/τ, c3 = (10L − 6γ)/τ².
 * Any L, γ, τ > 0 are accepted (controls use 2L < γ); the octopus itself requires 2L > γ.
 */
export function lemma74Glue(L: number, gamma: number, tau: number): Glue {
  requireGlueConstants(L, gamma, tau);
  return sealGlue({
    L, gamma, tau, K: L + gamma, g1AtTau: -gamma * tau * tau,
    c0: -2 * gamma * tau, c1: -2 * gamma, c2: (10 * gamma - 14 * L) / tau, c3: (10 * L - 6 * gamma) / (tau * tau),
  });
}

/**
 * A glue whose g1′ is the Theorem 7.4 Hermite cubic through p(τ) = −2γτ, p′(τ) = −2γ, p(2τ) = −4Lτ and
 * p′(2τ) = slopeAt2Tau. slopeAt2Tau = 2L reproduces lemma74Glue; any other value breaks the C² seam
 * at a = 2τ (used as the negative control of the gluing claim).
 */
export function hermiteGlue(L: number, gamma: number, tau: number, slopeAt2Tau: number): Glue {
  requireGlueConstants(L, gamma, tau);
  requireFiniteNumber(slopeAt2Tau, 'slopeAt2Tau');
  const h = hermiteCubic(tau, 2 * tau, -2 * gamma * tau, -4 * L * tau, -2 * gamma, slopeAt2Tau);
  return sealGlue({ L, gamma, tau, K: L + gamma, g1AtTau: -gamma * tau * tau, c0: h.c0, c1: h.c1, c2: h.c2, c3: h.c3 });
}

/** g1(a) = g1(τ) + ∫_τ^a p (Lemma 7.4 proof: the antiderivative with g1(τ) = −γτ²). */
export function g1(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const t = a - gl.tau;
  return gl.g1AtTau + t * (gl.c0 + t * (gl.c1 / 2 + t * (gl.c2 / 3 + t * (gl.c3 / 4))));
}

/** g1′(a) = p(a), the Hermite cubic. */
export function g1p(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const t = a - gl.tau;
  return gl.c0 + t * (gl.c1 + t * (gl.c2 + t * gl.c3));
}

/** g1″(a) = p′(a). */
export function g1pp(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const t = a - gl.tau;
  return gl.c1 + t * (2 * gl.c2 + t * 3 * gl.c3);
}

/** g1‴(a) = p″(a). */
export function g1ppp(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  return 2 * gl.c2 + 6 * gl.c3 * (a - gl.tau);
}

/** g2(a) = L − K·ss(s), ss(s) = 10s³ − 15s⁴ + 6s⁵, s = (a − τ)/τ (thesis §7.7.1's quintic glue, as printed; catalog 002e §2.1). */
export function g2(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const s = (a - gl.tau) / gl.tau;
  return gl.L - gl.K * s * s * s * (10 + s * (-15 + 6 * s));
}

/** g2′(a) = −(30K/τ) s²(1 − s)². */
export function g2p(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const s = (a - gl.tau) / gl.tau;
  const u = s * (1 - s);
  return (-30 * gl.K / gl.tau) * u * u;
}

/** g2″(a) = −(60K/τ²) s(1 − s)(1 − 2s). */
export function g2pp(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const s = (a - gl.tau) / gl.tau;
  return (-60 * gl.K / (gl.tau * gl.tau)) * s * (1 - s) * (1 - 2 * s);
}

/** g2‴(a) = −(60K/τ³)(1 − 6s + 6s²). */
export function g2ppp(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const s = (a - gl.tau) / gl.tau;
  return (-60 * gl.K / (gl.tau * gl.tau * gl.tau)) * (1 + s * (-6 + 6 * s));
}

/** g2 exactly as printed in the Lemma 7.4 proof: −γ − 10K(a−2τ)³/τ³ − 15K(a−2τ)⁴/τ⁴ − 6K(a−2τ)⁵/τ⁵. */
export function g2Printed(gl: Glue, a: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  const u = (a - 2 * gl.tau) / gl.tau;
  return -gl.gamma - 10 * gl.K * u ** 3 - 15 * gl.K * u ** 4 - 6 * gl.K * u ** 5;
}

/** ν = 4Lτ² − g1(2τ) (Lemma 7.4). */
export function nuOf(gl: Glue): number {
  GLUES.require(gl, 'gl');
  return 4 * gl.L * gl.tau * gl.tau - g1(gl, 2 * gl.tau);
}

/** The closed form ν = τ²(37L + 13γ)/6 [derived, not in the thesis]. */
export function nuClosedForm(L: number, gamma: number, tau: number): number {
  requireGlueConstants(L, gamma, tau);
  return (tau * tau * (37 * L + 13 * gamma)) / 6;
}

export interface OctopusOptions {
  /** Replace the Lemma 7.4 glue (negative controls only). */
  glue?: Glue;
}

/**
 * The octopus on R^d with stable curvature 2L, unstable curvature −2γ and tube scale τ.
 * Requires d ≥ 1, L, γ > 0 with 2L > γ (so that p ≤ −2γτ on [τ, 2τ]) and τ ≥ 1 (so that
 * [−1, 1]^d ⊂ D). The thesis instantiation is L = e, γ = 1, τ = e.
 */
export function octopus(d: number, L: number, gamma: number, tau: number = Math.E, opts: OctopusOptions = {}): Octopus {
  requirePositiveInt(d, 'd');
  requireAllocatable(d, 'd', `a point of ${d} coordinates`);
  if (opts === null || typeof opts !== 'object') throw new DomainError(`opts must be an object { glue? }, got ${typeof opts}`, 'opts');
  requirePositive(L, 'L');
  requirePositive(gamma, 'gamma');
  requirePositive(tau, 'tau');
  if (!(2 * L > gamma)) throw new DomainError(`the octopus needs 2L > γ (got L = ${L}, γ = ${gamma}); otherwise g1′ > −2γτ near 2τ`, 'gamma');
  if (tau < 1) throw new DomainError(`τ must be ≥ 1 so that [−1, 1]^d ⊂ D, got ${tau}`, 'tau');
  const glue = opts.glue === undefined ? lemma74Glue(L, gamma, tau) : sealGlue(opts.glue);
  if (glue.L !== L || glue.gamma !== gamma || glue.tau !== tau) throw new DomainError('glue constants differ from (L, γ, τ)', 'glue');
  return OCTOPI.mark(Object.freeze({ d, L, gamma, tau, nu: nuOf(glue), glue }));
}

// ----- piece location ------------------------------------------------------------------------

export const PIECE_SADDLE = 0;
export const PIECE_TRANSITION = 1;
export const PIECE_BASIN = 2;
export type PieceKind = 'saddle' | 'transition' | 'basin';
const KIND_NAMES: readonly PieceKind[] = ['saddle', 'transition', 'basin'];

export interface Piece {
  /** Number of leading escaped coordinates (|x_j| ≥ 2τ); the current coordinate is k (0-based). */
  readonly k: number;
  readonly kind: PieceKind;
}

/** The sign convention used throughout: x ≥ 0 → +1 (so −0 maps to +1, consistently). */
export function sgn(x: number): number {
  if (requireNumber(x, 'x') !== x) throw new NonFiniteError('x is NaN; its sign is undefined', 'x');
  return x >= 0 ? 1 : -1;
}

/** O(1): o is an Octopus and x an array of its length d (entries are checked where they are read). */
function requirePoint(o: Octopus, x: ArrayLike<number>, argument = 'x'): void {
  OCTOPI.require(o, 'o');
  requireLength(x, o.d, argument);
}

/**
 * Piece code of x: 3k + kind (kind 0 saddle, 1 transition, 2 basin), or −1 when x ∉ D. Allocation-free;
 * throws NonFiniteError on NaN/±∞ entries (they would otherwise be misclassified).
 */
export function locate(o: Octopus, x: ArrayLike<number>): number {
  requirePoint(o, x);
  const d = o.d, t2 = 2 * o.tau, t6 = 6 * o.tau;
  let k = 0;
  while (k < d && Math.abs(x[k]) >= t2) {
    if (!(Math.abs(x[k]) <= t6)) {
      if (!Number.isFinite(x[k])) throw new NonFiniteError(`x[${k}] is ${x[k]}`, 'x');
      return -1;
    }
    k++;
  }
  if (k === d) return 3 * d + PIECE_BASIN;
  const a = Math.abs(x[k]);
  if (!Number.isFinite(a)) throw new NonFiniteError(`x[${k}] is ${x[k]}`, 'x');
  for (let j = k + 1; j < d; j++) {
    if (!(Math.abs(x[j]) <= o.tau)) {
      if (!Number.isFinite(x[j])) throw new NonFiniteError(`x[${j}] is ${x[j]}`, 'x');
      return -1;
    }
  }
  return 3 * k + (a <= o.tau ? PIECE_SADDLE : PIECE_TRANSITION);
}

/** Membership in the octopus domain D (thesis §7.7.1). */
export function inD(o: Octopus, x: ArrayLike<number>): boolean {
  return locate(o, x) >= 0;
}

export function pieceOf(o: Octopus, x: ArrayLike<number>): Piece {
  const code = locate(o, x);
  if (code < 0) throw new DomainError('x is outside the octopus domain D, where f is only a Whitney extension (Theorem 7.5)', 'x');
  return { k: Math.floor(code / 3), kind: KIND_NAMES[code % 3] };
}

// ----- evaluation ----------------------------------------------------------------------------

/**
 * f of one named piece at x (no domain test), writing ∇f into grad and the dense row-major Hessian
 * into hess when given. This is the "force piece" evaluator (thesis Lemma 7.4(i); catalog C-17): the C² seam checks
 * evaluate both neighbouring pieces at the same boundary point. Allocation-free.
 */
function evalPiece(o: Octopus, x: ArrayLike<number>, k: number, transition: boolean, grad: Float64Array | null, hess: Float64Array | null): number {
  const d = o.d, L = o.L, gm = o.gamma, t4 = 4 * o.tau, gl = o.glue;
  if (hess) hess.fill(0);
  let f = 0;
  // Escaped coordinates: L(x_j − 4τσ_j)², the basin quadratic around the mirrored 4τ (7.14)–(7.18).
  for (let j = 0; j < k; j++) {
    const e = x[j] - t4 * sgn(x[j]);
    f += L * e * e;
    if (grad) grad[j] = 2 * L * e;
    if (hess) hess[j * d + j] = 2 * L;
  }
  if (k === d) return f - d * o.nu;
  let tail: number;
  if (!transition) {
    // Saddle piece: −γ x_k² (the unstable direction, Hessian −2γ: a 2γ-strict saddle).
    const xk = x[k];
    f += -gm * xk * xk;
    if (grad) grad[k] = -2 * gm * xk;
    if (hess) hess[k * d + k] = -2 * gm;
    tail = k + 1;
  } else {
    const s = sgn(x[k]), a = Math.abs(x[k]);
    f += g1(gl, a);
    if (k + 1 < d) {
      // Transition: g(a, y) = g1(a) + g2(a) y² with y = x_{k+1} (Lemma 7.4); the only 2×2 block.
      const y = x[k + 1], y2 = y * y, G2 = g2(gl, a), G2p = g2p(gl, a);
      f += G2 * y2;
      if (grad) {
        grad[k] = s * (g1p(gl, a) + G2p * y2);
        grad[k + 1] = 2 * G2 * y;
      }
      if (hess) {
        hess[k * d + k] = g1pp(gl, a) + g2pp(gl, a) * y2;
        const off = 2 * s * G2p * y;
        hess[k * d + k + 1] = off;
        hess[(k + 1) * d + k] = off;
        hess[(k + 1) * d + k + 1] = 2 * G2;
      }
      tail = k + 2;
    } else {
      if (grad) grad[k] = s * g1p(gl, a);
      if (hess) hess[k * d + k] = g1pp(gl, a);
      tail = d;
    }
  }
  // Trailing coordinates in the stable L x_j² role.
  for (let j = tail; j < d; j++) {
    const xj = x[j];
    f += L * xj * xj;
    if (grad) grad[j] = 2 * L * xj;
    if (hess) hess[j * d + j] = 2 * L;
  }
  return f - k * o.nu;
}

/** An output buffer: a Float64Array of length len (its values are overwritten, so not checked). */
function requireOut(out: Float64Array, len: number, argument: string): void {
  requireFloat64Array(out, argument, len, false);
}

function codeOrThrow(o: Octopus, x: ArrayLike<number>): number {
  const code = locate(o, x);
  if (code < 0) throw new DomainError('x is outside the octopus domain D, where f is only a Whitney extension (Theorem 7.5)', 'x');
  return code;
}

/** f(x) on D; DomainError outside D. */
export function octopusValue(o: Octopus, x: ArrayLike<number>): number {
  const code = codeOrThrow(o, x);
  return evalPiece(o, x, Math.floor(code / 3), code % 3 === PIECE_TRANSITION, null, null);
}

/** f(x), writing ∇f(x) into grad (length d). Allocation-free: the GD/PGD hot loop calls this. */
export function octopusValueGrad(o: Octopus, x: ArrayLike<number>, grad: Float64Array): number {
  const code = codeOrThrow(o, x);
  requireOut(grad, o.d, 'grad');
  return evalPiece(o, x, Math.floor(code / 3), code % 3 === PIECE_TRANSITION, grad, null);
}

export function octopusGradient(o: Octopus, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  const code = codeOrThrow(o, x);
  out ??= new Float64Array(o.d);
  requireOut(out, o.d, 'out');
  evalPiece(o, x, Math.floor(code / 3), code % 3 === PIECE_TRANSITION, out, null);
  return out;
}

/** The dense d×d Hessian (block-diagonal: a diagonal plus at most one 2×2 block). */
export function octopusHessian(o: Octopus, x: ArrayLike<number>, out?: Matrix): Matrix {
  const code = codeOrThrow(o, x);
  out ??= zeros(o.d, o.d);
  requireMatrixShape(out, 'out', o.d, o.d);
  evalPiece(o, x, Math.floor(code / 3), code % 3 === PIECE_TRANSITION, null, out.data);
  return out;
}

/** f, ∇f and ∇²f of a forced piece (no domain test), for the C² seam checks of Lemma 7.4(i). */
export function octopusPiece(o: Octopus, x: ArrayLike<number>, piece: Piece): { f: number; grad: Float64Array; hess: Matrix } {
  requirePoint(o, x);
  requireFiniteArray(x, 'x');
  if (!piece || typeof piece !== 'object') throw new DomainError('piece must be a Piece { k, kind }', 'piece');
  if (!Number.isInteger(piece.k) || piece.k < 0 || piece.k > o.d) throw new DomainError(`piece.k must be in [0, d], got ${piece.k}`, 'piece');
  if (piece.kind !== 'saddle' && piece.kind !== 'transition' && piece.kind !== 'basin') {
    throw new DomainError(`piece.kind must be 'saddle', 'transition' or 'basin', got '${String(piece.kind)}'`, 'piece');
  }
  if ((piece.k === o.d) !== (piece.kind === 'basin')) throw new DomainError(`the basin is exactly the piece k = d`, 'piece');
  const grad = new Float64Array(o.d), hess = zeros(o.d, o.d);
  const f = evalPiece(o, x, piece.k, piece.kind === 'transition', grad, hess.data);
  return { f, grad, hess };
}

/**
 * Hessian eigenvalues in closed form, ascending: the diagonal entries plus, for the
 * transition block, λ± = (h11 + h22)/2 ± √(((h11 − h22)/2)² + h12²). No eigen-solver needed.
 */
export function octopusSpectrum(o: Octopus, x: ArrayLike<number>, out?: Float64Array): Float64Array {
  const code = codeOrThrow(o, x);
  out ??= new Float64Array(o.d);
  requireOut(out, o.d, 'out');
  const k = Math.floor(code / 3), kind = code % 3, d = o.d, L2 = 2 * o.L;
  out.fill(L2);
  if (kind === PIECE_SADDLE) out[k] = -2 * o.gamma;
  else if (kind === PIECE_TRANSITION) {
    const a = Math.abs(x[k]), gl = o.glue;
    if (k + 1 < d) {
      const y = x[k + 1];
      const h11 = g1pp(gl, a) + g2pp(gl, a) * y * y, h22 = 2 * g2(gl, a), h12 = 2 * g2p(gl, a) * y;
      const m = 0.5 * (h11 + h22), r = Math.hypot(0.5 * (h11 - h22), h12);
      out[k] = m - r;
      out[k + 1] = m + r;
    } else out[k] = g1pp(gl, a);
  }
  return out.sort();
}

/** λmin(∇²f(x)) in closed form. */
export function octopusLambdaMin(o: Octopus, x: ArrayLike<number>): number {
  const code = codeOrThrow(o, x);
  const k = Math.floor(code / 3), kind = code % 3;
  if (kind === PIECE_BASIN) return 2 * o.L;
  if (kind === PIECE_SADDLE) return -2 * o.gamma;
  const a = Math.abs(x[k]), gl = o.glue;
  if (k + 1 === o.d) return Math.min(2 * o.L, g1pp(gl, a));
  const y = x[k + 1];
  const h11 = g1pp(gl, a) + g2pp(gl, a) * y * y, h22 = 2 * g2(gl, a), h12 = 2 * g2p(gl, a) * y;
  return Math.min(2 * o.L, 0.5 * (h11 + h22) - Math.hypot(0.5 * (h11 - h22), h12));
}

// ----- stationary points (Lemma 7.1 + mirroring) --------------------------------------------

function requireSigns(o: Octopus, signs: ArrayLike<number>): void {
  requirePoint(o, signs, 'signs');
  for (let j = 0; j < o.d; j++) {
    if (signs[j] !== 1 && signs[j] !== -1) throw new DomainError(`signs[${j}] must be ±1, got ${signs[j]}`, 'signs');
  }
}

/** The saddle s^(k)_σ = (4τσ_1, …, 4τσ_k, 0, …, 0), k = 0..d−1 (Lemma 7.1, mirrored): f = −kν. */
export function saddlePoint(o: Octopus, k: number, signs: ArrayLike<number>): Float64Array {
  requireSigns(o, signs);
  requireFiniteNumber(k, 'k');
  if (!Number.isInteger(k) || k < 0 || k >= o.d) throw new DomainError(`saddle index k must be in [0, d), got ${k}`, 'k');
  const x = new Float64Array(o.d);
  for (let j = 0; j < k; j++) x[j] = 4 * o.tau * signs[j];
  return x;
}

/** The local minimum 4τσ (one of 2^d; Lemma 7.1 mirrored): f = −dν, ∇²f = 2L·I. */
export function minimumPoint(o: Octopus, signs: ArrayLike<number>): Float64Array {
  requireSigns(o, signs);
  const x = new Float64Array(o.d);
  for (let j = 0; j < o.d; j++) x[j] = 4 * o.tau * signs[j];
  return x;
}

/** S·x for a diagonal sign matrix S = diag(signs) (exact: negation is exact in float64). */
export function mirror(x: ArrayLike<number>, signs: ArrayLike<number>, out?: Float64Array): Float64Array {
  requireFiniteArray(x, 'x');
  if (x.length === 0) throw new ShapeError('x is empty', 'x');
  requireLength(signs, x.length, 'signs');
  out ??= new Float64Array(x.length);
  requireOut(out, x.length, 'out');
  for (let j = 0; j < x.length; j++) {
    if (signs[j] !== 1 && signs[j] !== -1) throw new DomainError(`signs[${j}] must be ±1, got ${signs[j]}`, 'signs');
    out[j] = signs[j] === 1 ? x[j] : -x[j];
  }
  return out;
}

/** Distance from x to the nearest of the 2^d minima (±4τ, …, ±4τ): coordinate-wise nearest sign. */
export function distanceToMinima(o: Octopus, x: ArrayLike<number>): number {
  requirePoint(o, x);
  requireFiniteArray(x, 'x');
  let s = 0;
  for (let j = 0; j < o.d; j++) {
    const e = Math.abs(x[j]) - 4 * o.tau;
    s += e * e;
  }
  return Math.sqrt(s);
}

// ----- derived constants (not in the thesis) --------------------------------------------------

const SCAN = 64;
const SCAN_COS = Float64Array.from({ length: SCAN }, (_, q) => Math.cos((Math.PI * q) / SCAN));
const SCAN_SIN = Float64Array.from({ length: SCAN }, (_, q) => Math.sin((Math.PI * q) / SCAN));
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Spectral norm of the symmetric third-derivative tensor of g(a, y) = g1(a) + g2(a)y² at (a, y):
 * max over unit w = (cos θ, sin θ) of |T(w, w, w)|, with T_aaa = g1‴ + g2‴y², T_aay = 2g2″y,
 * T_ayy = 2g2′, T_yyy = 0 (for symmetric tensors this is the operator norm, Banach 1938). |T(θ)| is a
 * cubic trigonometric polynomial with period π: scan 64 angles, then golden-section search within
 * one grid step of the best sample (at most three local maxima per period, so the global one is
 * bracketed by its nearest samples). Allocation-free.
 */
export function glueThirdDerivativeNorm(gl: Glue, a: number, y: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  requireFiniteNumber(y, 'y');
  const A = g1ppp(gl, a) + g2ppp(gl, a) * y * y, B = 2 * g2pp(gl, a) * y, C = 2 * g2p(gl, a);
  let best = -1, bestQ = 0;
  for (let q = 0; q < SCAN; q++) {
    const v = tensorCubic(A, B, C, SCAN_COS[q], SCAN_SIN[q]);
    if (v > best) { best = v; bestQ = q; }
  }
  let lo = (Math.PI * (bestQ - 1)) / SCAN, hi = (Math.PI * (bestQ + 1)) / SCAN;
  let x1 = hi - GOLDEN * (hi - lo), x2 = lo + GOLDEN * (hi - lo);
  let f1 = tensorCubic(A, B, C, Math.cos(x1), Math.sin(x1)), f2 = tensorCubic(A, B, C, Math.cos(x2), Math.sin(x2));
  for (let it = 0; it < 40; it++) {
    if (f1 < f2) { lo = x1; x1 = x2; f1 = f2; x2 = lo + GOLDEN * (hi - lo); f2 = tensorCubic(A, B, C, Math.cos(x2), Math.sin(x2)); }
    else { hi = x2; x2 = x1; f2 = f1; x1 = hi - GOLDEN * (hi - lo); f1 = tensorCubic(A, B, C, Math.cos(x1), Math.sin(x1)); }
  }
  return Math.max(best, f1, f2);
}

/** |T(w, w, w)| for w = (c, s): |A c³ + 3B c² s + 3C c s²| (T_yyy = 0). */
function tensorCubic(A: number, B: number, C: number, c: number, s: number): number {
  return Math.abs(c * (A * c * c + 3 * B * c * s + 3 * C * s * s));
}

/** Largest |eigenvalue| of the transition 2×2 block at (a, y) (and 2L from the other coordinates). */
export function transitionHessianNorm(gl: Glue, a: number, y: number): number {
  GLUES.require(gl, 'gl');
  requireFiniteNumber(a, 'a');
  requireFiniteNumber(y, 'y');
  const h11 = g1pp(gl, a) + g2pp(gl, a) * y * y, h22 = 2 * g2(gl, a), h12 = 2 * g2p(gl, a) * y;
  const m = 0.5 * (h11 + h22), r = Math.hypot(0.5 * (h11 - h22), h12);
  return Math.max(Math.abs(m - r), Math.abs(m + r), 2 * gl.L);
}

export interface GridSup { value: number; a: number; y: number }

/** sup of fn(a, y) over the (na+1)×(ny+1) grid of [τ, 2τ] × [0, τ] . */
export function transitionGridSup(gl: Glue, fn: (gl: Glue, a: number, y: number) => number, na: number, ny: number): GridSup {
  GLUES.require(gl, 'gl');
  if (typeof fn !== 'function') throw new DomainError('fn must be a function of (glue, a, y)', 'fn');
  requirePositiveInt(na, 'na');
  requirePositiveInt(ny, 'ny');
  let best: GridSup = { value: -Infinity, a: NaN, y: NaN };
  for (let p = 0; p <= na; p++) {
    const a = gl.tau * (1 + p / na);
    for (let q = 0; q <= ny; q++) {
      const y = (gl.tau * q) / ny, v = fn(gl, a, y);
      if (v > best.value) best = { value: v, a, y };
    }
  }
  return best;
}

// ----- the objective interface (src/models/model.ts) ------------------------------------------

/** The octopus as an Objective with its closed-form Hessian (throws DomainError if x leaves D). */
export function octopusObjective(o: Octopus): Objective {
  requireOctopus(o);
  return {
    id: 'octopus',
    dim: o.d,
    valueGrad: (x, g) => octopusValueGrad(o, x, g),
    hessian: (x, out) => { octopusHessian(o, x, out); },
    kinkDistance: (x) => pieceBoundaryDistance(o, x),
  };
}

/**
 * Distance of x from the nearest piece boundary |x_j| ∈ {τ, 2τ} of a coordinate that decides the
 * piece (the leading ones up to k): f is C² across them but its formula
 * changes there, so finite differences across one mix two pieces' round-off.
 */
function pieceBoundaryDistance(o: Octopus, x: Float64Array): number {
  let dist = Infinity;
  for (let j = 0; j < o.d; j++) {
    const a = Math.abs(x[j]);
    dist = Math.min(dist, Math.abs(a - o.tau), Math.abs(a - 2 * o.tau));
    if (a < 2 * o.tau) break;
  }
  return dist;
}
