/**
 * One gradient claim per registered model (registry.ts): the exact gradient a model or objective
 * writes equals central finite differences (h = 1e-6) — coordinatewise on the trained entries
 * (all of them, or a random subset plus the largest), along one random direction, and, where the
 * objective defines its Hessian, the Hessian equals differences of the gradient. Models that define
 * Jacobian rows and a Gram also get J Jᵀ = Gram. Each claim's control is the source's nearby false
 * gradient; it must be caught on every case, under any seed.
 */
import { claim } from '../../src/claims/claim.ts';
import type { Claim } from '../../src/claims/types.ts';
import { type Verdict, within } from '../../src/claims/verdict.ts';
import { DomainError } from '../../src/core/errors.ts';
import { gemmABt } from '../../src/core/blas.ts';
import { zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { maxAbs } from '../saddle/support.ts';
import { type GradientBudget, type GradientEntry, type Subject, gradientRegistry } from './registry.ts';

const H = 1e-6;
const U = 2 ** -53;
/**
 * Rounding of a central difference is ≈ 2u·scale/h = 2.2e-10·scale (scale = the magnitude of the
 * summed terms of f); truncation is h²·|f‴|/6 ≈ 1e-12·|f‴| for these piecewise-smooth functions.
 * The tolerance is 1e-6 of the largest gradient entry plus 1e-9·(1 + scale): 4.5× the rounding.
 */
const REL = 1e-6, ROUND = 1e-9;
/** Cases whose point lies within 100h of a kink (a ReLU pre-activation, a piece boundary) are re-drawn. */
const KINK_MARGIN = 100 * H;


/**
 * The case's subject, re-drawn (from further named streams) while its point lies within 100h of a
 * kink or its gradient is identically 0 on the trained entries (a dead network, a structurally zero
 * layer): there every formula that scales the gradient agrees with the differences, so the case
 * could not tell a right gradient from a wrong one.
 */
function usableSubject<C>(e: GradientEntry<C>, c: C): { s: Subject; attempt: number } {
  for (let attempt = 0; attempt < 100; attempt++) {
    const s = e.build(c, attempt);
    const kd = s.objective.kinkDistance ? s.objective.kinkDistance(s.x) : Infinity;
    if (!(kd > KINK_MARGIN)) continue;
    const g = new Float64Array(s.objective.dim), mask = trainedMask(s);
    s.objective.valueGrad(Float64Array.from(s.x), g);
    if (g.some((v, k) => mask[k] === 1 && v !== 0)) return { s, attempt };
  }
  throw new DomainError(`${e.name}: 100 draws all lay within ${KINK_MARGIN} of a kink or had a zero gradient`, 'case');
}

/** Indices of the trained entries of θ (every entry for a data-free objective without blocks). */
function trainedMask(s: Subject): Uint8Array {
  const mask = new Uint8Array(s.objective.dim);
  const blocks = s.objective.blocks;
  if (!blocks) return mask.fill(1);
  for (const b of blocks) if (b.trained) mask.fill(1, b.offset, b.offset + b.rows * b.cols);
  return mask;
}

interface Worst { ratio: number; err: number; tol: number; what: string }
const keep = (w: Worst, err: number, tol: number, what: string): void => {
  const ratio = err / tol;
  if (!(ratio <= w.ratio)) { w.ratio = ratio; w.err = err; w.tol = tol; w.what = what; }
};

function gradientCheck<C>(e: GradientEntry<C>, c: C, b: GradientBudget, slipped: boolean): Verdict {
  const { s, attempt } = usableSubject(e, c);
  const obj = s.objective, n = obj.dim, x = s.x;
  const gBuf = new Float64Array(n);
  const f = obj.valueGrad(Float64Array.from(x), gBuf);
  const g = Float64Array.from(gBuf);
  const mask = trainedMask(s);
  if (slipped) {
    if (s.slip) s.slip(g);
    else { let k = 0; for (let j = 1; j < n; j++) if (mask[j] && Math.abs(g[j]) > Math.abs(g[k])) k = j; g[k] += 1e-3 * (maxAbs(g) + 1); }
  }
  let gMax = 0, g2 = 0, fixedMax = 0;
  for (let k = 0; k < n; k++) {
    if (mask[k]) { gMax = Math.max(gMax, Math.abs(g[k])); g2 += g[k] * g[k]; } else fixedMax = Math.max(fixedMax, Math.abs(g[k]));
  }
  const tol = s.tolerance?.grad ?? REL * gMax + ROUND * (1 + s.valueScale);
  const w: Worst = { ratio: 0, err: 0, tol, what: '—' };
  // A fixed block (the output weights a_r of thesis §2.1) is a constant of the training objective.
  if (fixedMax > 0) keep(w, fixedMax, tol, 'a fixed block has a nonzero gradient');

  const probe = rng(`probe:${e.name}:${JSON.stringify(c)}`);
  const trained: number[] = [];
  for (let k = 0; k < n; k++) if (mask[k]) trained.push(k);
  let coords = trained;
  if (trained.length > b.coords) {
    let kMax = trained[0];
    for (const k of trained) if (Math.abs(g[k]) > Math.abs(g[kMax])) kMax = k;
    coords = [kMax, ...Array.from({ length: b.coords - 1 }, () => trained[probe.int(trained.length)])];
  }
  const xp = Float64Array.from(x), gp = new Float64Array(n), gm = new Float64Array(n);
  const Hm = obj.hessian ? zeros(n, n) : null;
  if (Hm && obj.hessian) obj.hessian(Float64Array.from(x), Hm);
  const tolH = Hm ? s.tolerance?.hess ?? REL * maxAbs(Hm.data) + ROUND * (1 + s.gradScale) : 0;
  for (const k of coords) {
    xp[k] = x[k] + H;
    const fp = obj.valueGrad(xp, gp);
    xp[k] = x[k] - H;
    const fm = obj.valueGrad(xp, gm);
    xp[k] = x[k];
    keep(w, Math.abs((fp - fm) / (2 * H) - g[k]), tol, `∂f/∂θ_${k}`);
    if (Hm) for (let q = 0; q < n; q++) keep(w, Math.abs((gp[q] - gm[q]) / (2 * H) - Hm.data[q * n + k]), tolH, `∂²f/∂θ_${q}∂θ_${k}`);
  }
  // Along a random unit direction on the trained entries: (f(x + hv) − f(x − hv))/2h = ∇fᵀv.
  const v = new Float64Array(n);
  let vn = 0;
  for (const k of trained) { v[k] = probe.normal(); vn += v[k] * v[k]; }
  vn = Math.sqrt(vn);
  let gv = 0;
  for (const k of trained) { v[k] /= vn; gv += g[k] * v[k]; }
  for (let k = 0; k < n; k++) xp[k] = x[k] + H * v[k];
  const fp = obj.valueGrad(xp, gp);
  for (let k = 0; k < n; k++) xp[k] = x[k] - H * v[k];
  const fm = obj.valueGrad(xp, gm);
  // The directional difference rounds like one coordinate's: the same tolerance, with ‖g‖₂ for max|g|.
  keep(w, Math.abs((fp - fm) / (2 * H) - gv), s.tolerance ? s.tolerance.grad * Math.sqrt(trained.length) : REL * Math.sqrt(g2) + ROUND * (1 + s.valueScale), 'along a random direction');
  const detail = `${s.label}${attempt ? ` (re-drawn ${attempt}×: kink or zero gradient)` : ''}: f = ${f.toPrecision(4)}, max|g| ${gMax.toExponential(2)}, `
    + `${coords.length} of ${trained.length} coordinates${Hm ? ' + Hessian columns' : ''}; worst ${w.what}: |FD − exact| ${w.err.toExponential(2)} vs tol ${w.tol.toExponential(2)}`;
  return within(w.err, w.tol, detail);
}

function gradientClaim(e: GradientEntry<unknown>): Claim {
  return claim({
    id: e.id,
    source: e.source,
    statement: e.statement,
    kind: 'exact',
    rationale: 'central differences h = 1e-6; tolerance 1e-6·max|g| + 1e-9·(1 + scale of the summed terms of f) — the rounding of a central '
      + 'difference is ≈ 2.2e-10·scale, the truncation h²|f‴|/6 is below 1e-12·|f‴| — or the model\'s own derived bound (not in the thesis) where the catalog '
      + 'gives one (the octopus: C-17); points within 1e-4 of a kink, and points where the gradient is identically 0, are re-drawn',
    budget: e.budget,
    arbitrary: (b) => e.arbitrary(b),
    check: (c, b) => gradientCheck(e, c, b, false),
    negativeControl: {
      describe: e.control?.describe ?? 'the exact gradient perturbed by 1e-3·(1 + max|g|) at its largest entry',
      arbitrary: (b) => (e.control?.arbitrary ?? e.arbitrary)(b),
      check: (c, b) => gradientCheck(e, c, b, true),
    },
  });
}

/** J Jᵀ against the model's Gram: the same entries summed in another order (rounding ≲ 16u·dim·scale). */
function gramCheck(e: GradientEntry<unknown>, c: unknown, scaleSlip: boolean): Verdict {
  const { s } = usableSubject(e, c);
  const mm = s.model;
  if (!mm || !mm.model.jacobian || !mm.model.gram) throw new DomainError(`${e.name} defines no Jacobian and Gram`, 'model');
  const J = mm.model.jacobian(s.x, mm.X), G = mm.model.gram(s.x, mm.X);
  const JJt = zeros(J.rows, J.rows);
  gemmABt(J, J, JJt);
  // The control: the Gram without (2.5)'s 1/m, i.e. m·H, against J Jᵀ (the mean-field slip again).
  const m = scaleSlip ? (mm.model.blocks.find((b) => b.trained)?.rows ?? 1) : 1;
  let err = 0;
  for (let k = 0; k < G.data.length; k++) err = Math.max(err, Math.abs(JJt.data[k] - m * G.data[k]));
  const tol = 16 * U * J.cols * (1 + maxAbs(G.data));
  return within(err, tol, `${s.label}: max|J Jᵀ − ${scaleSlip ? 'm·' : ''}H| ${err.toExponential(2)} vs tol ${tol.toExponential(2)} (J is ${J.rows}×${J.cols})`);
}

function gramClaim(e: GradientEntry<unknown>): Claim | null {
  if (!e.gram) return null;
  const g = e.gram;
  return claim({
    id: g.id,
    source: g.source,
    statement: g.statement,
    kind: 'exact',
    rationale: 'both sides sum the same products in another order: tolerance 16u·dim(θ)·(1 + max|H|)',
    budget: e.budget,
    arbitrary: (b) => e.arbitrary(b),
    check: (c) => gramCheck(e, c, false),
    negativeControl: {
      describe: 'the Gram without the 1/m of (2.5) (m ≥ 4)',
      arbitrary: (b) => (e.control?.arbitrary ?? e.arbitrary)(b),
      check: (c) => gramCheck(e, c, true),
    },
  });
}

/** The generated claims, exported as one array (the loader and the vitest adapter take arrays of claims). */
export const modelGradientClaims: readonly Claim[] = [
  ...gradientRegistry.map(gradientClaim),
  ...gradientRegistry.map(gramClaim).filter((c): c is Claim => c !== null),
];
