/**
 * TEMPLATE — how to add a conjecture as one file.
 *
 *   1. Copy this file to properties/conjectures/<your-name>.property.ts (any folder under
 *      properties/ works; the folder is the claim's family). The file only exports its claims.
 *   2. Change the id, the statement, the arbitrary (what a random case is) and the check (what must
 *      hold on every case). Keep a negative control: a nearby FALSE statement that the same check
 *      code must catch. A property that cannot fail proves nothing, and claim() refuses one without
 *      a control.
 *   3. Run it alone:  npx vitest run properties/conjectures/<your-name>.property.ts
 *      or through the CLI:  npm run check -- --filter <your id> --budget quick
 *      A failure prints the case, the check's numbers and a replay command (seed:path).
 *
 * The example below is small but real: the deterministic gradient bound of thesis §2.1 (catalog 002a
 * §2.1), used in the proof of Corollary 2.1. With ‖x_i‖ = 1 and a_r = ±1,
 *   g_r = (a_r/√m) Σ_i (u_i − y_i) I{w_rᵀx_i ≥ 0} x_i,
 * so by the triangle and Cauchy–Schwarz inequalities
 *   ‖g_r‖ ≤ (1/√m) Σ_i |u_i − y_i| ≤ √(n/m) ‖u − y‖   for every r and every W,
 * in particular at initialization. Its control drops the √n: ‖g_r‖ ≤ ‖u − y‖/√m is false as
 * soon as the residuals agree in sign on inputs that point the same way.
 */
import fc from 'fast-check';
// claim() validates the spec once; verdict.* (src/claims/verdict.ts) builds what a check returns —
// one builder per kind, each with the kind's one slack definition (≤ 1 holds).
// Nothing else to import: the file only EXPORTS its claims. `gd-theory check/list` load every export
// made by claim(), and under vitest each exported claim becomes the tests "holds" and "negative
// control is caught" (vitest.config.ts's plugin); the claim's family is this file's folder.
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Verdict } from '../../src/claims/types.ts';
import { rng } from '../../src/core/rng.ts';
import { type IntRange, intIn, seedArb } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import { initTwoLayer, predict, twoLayerGradient } from '../../src/models/two-layer.ts';

/**
 * A budget is whatever your arbitrary and check need, plus `runs` (how many random cases
 * fast-check draws) and optionally `controlRuns` (cases for the negative control; default runs).
 * One budget per level: `quick` runs in CI (keep the whole file to a second or two), `default` is
 * `npm run check`, `deep` is for an overnight run.
 */
interface SizeBudget { runs: number; controlRuns?: number; n: IntRange; d: IntRange; m: IntRange }
const sizes = (runs: number, nMax: number, dMax: number, mMax: number): SizeBudget => ({
  runs, n: { min: 1, max: nMax }, d: { min: 1, max: dMax }, m: { min: 1, max: mMax },
});

/**
 * A case is plain data — sizes and one integer seed — never arrays: fast-check prints it, shrinks
 * it toward small sizes and seed 0, and replays it exactly from (seed, path). Every array is made
 * from the seed inside the check, through named streams, so the data do not change with m.
 */
interface Case { n: number; d: number; m: number; seed: number }
const caseArb = (b: SizeBudget) => fc.record({ n: intIn(b.n), d: intIn(b.d), m: intIn(b.m), seed: seedArb });

/** max_r ‖g_r‖ and ‖u − y‖ at W(0), on unit data, with labels chosen by `labels`. */
function gradientAndResidual(
  { n, d, m, seed }: Case,
  labels: (u: Float64Array, y: Float64Array) => Float64Array,
): { gMax: number; res: number } {
  const r = rng(seed);
  // minAngle 0: the bound needs only ‖x_i‖ = 1, so parallel inputs (and d = 1) are allowed.
  const data = sphereDataset(r.stream('data'), n, d, { minAngle: 0 });
  const p = initTwoLayer(r.stream('init'), m, d);
  const u = predict(p, data.X);
  const y = labels(u, data.y);
  const G = twoLayerGradient(p, data.X, y);
  let gMax = 0;
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += G.data[k * d + c] ** 2;
    gMax = Math.max(gMax, Math.sqrt(s));
  }
  let res = 0;
  for (let i = 0; i < n; i++) res += (u[i] - y[i]) ** 2;
  return { gMax, res: Math.sqrt(res) };
}

// The bound is an inequality between two computed numbers; round-off in either side is a few ulps
// of ‖u − y‖, so the right-hand side gets a relative allowance of 1e-12 (equality is attained at
// n = 1 with an active unit: then ‖g_r‖ = |u − y|/√m exactly).
const ROUNDOFF = 1 + 1e-12;

export const gradientBoundAtInit = claim({
  // id: stable and unique; dotted words. Reports, diffs between commits and --filter use it.
  id: 'conjectures.template.grad-bound-init',
  // source: where the statement comes from (paper, section, equation) — or "conjecture, <your name>".
  source: '002 thesis §2.1 (proof of Corollary 2.1); catalog §2.1 deterministic gradient bound',
  // statement: the claim in one line, as it is tested.
  statement: 'unit inputs, a_r = ±1: max_r ‖∂L/∂w_r(0)‖ ≤ √(n/m) ‖u(0) − y‖',
  // kind, and the verdict builder its check uses (each slack ≤ 1 means holds):
  //   'bound'       verdict.atMost(lhs, rhs) / atLeast — slack lhs/rhs (rhs/lhs for ≥);
  //   'exact'       verdict.within(error, tol) / near(value, target, tol) — slack error/tol;
  //   'statistical' verdict.failureRate({failures, trials, delta, alpha}) — slack CP upper bound/δ,
  //                 or verdict.meanWithin({mean, se, claimed, k}) / rateWithin — slack |mean − claimed|/(k·se);
  //   'scaling'     verdict.slopeWithin(slope, claimed, tol) — slack |slope − claimed|/tol
  //                 (one-sided: slopeAtMost/slopeAtLeast);
  //   'falsified'   the printed statement's builder; give `corrected` instead of a control.
  // A statistical claim states its false-alarm probability per run (≤ 1e-6) in its rationale.
  kind: 'bound',
  // rationale: why the tolerance or constant is what it is (shown in the report).
  rationale: 'triangle + Cauchy–Schwarz, deterministic for every W; rhs × (1 + 1e-12) for round-off; equality at n = 1',
  budget: { quick: sizes(40, 30, 10, 200), default: sizes(200, 60, 20, 1000), deep: sizes(1000, 200, 50, 10_000) },
  // arbitrary: budget → fast-check arbitrary of cases.
  arbitrary: caseArb,
  // check: case (and budget) → Verdict, made by the kind's builder. Must hold on EVERY case; the
  // runner records each case's slack, and the report shows the worst and the median.
  check: (c): Verdict => {
    const { gMax, res } = gradientAndResidual(c, (_u, y) => y);
    const bound = Math.sqrt(c.n / c.m) * res;
    return verdict.atMost(gMax, bound * ROUNDOFF, `n=${c.n} d=${c.d} m=${c.m}: max‖g_r‖ ${gMax.toExponential(3)}, √(n/m)‖u−y‖ ${bound.toExponential(3)}`);
  },
  // negativeControl: a nearby false statement, checked by the same code. It must FAIL on at least
  // one generated case ("caught"); if it never fails, the claim's verdict is 'fails' — the check
  // could not tell a true bound from a false one. Here: drop the √n, and make the bound tight by
  // taking labels y = u(0) − 1 (all residuals +1) on inputs in d ≤ 3 (they point alike).
  // Its cases come from the claim's arbitrary unless it gives its own `arbitrary` (as here).
  negativeControl: {
    describe: 'without the √n: max_r ‖g_r‖ ≤ ‖u − y‖/√m, residuals all +1',
    arbitrary: (b) => fc.record({ n: intIn({ min: 8, max: Math.max(8, b.n.max) }), d: intIn({ min: 1, max: 3 }), m: intIn({ min: 20, max: Math.max(20, b.m.max) }), seed: seedArb }),
    check: (c): Verdict => {
      const { gMax, res } = gradientAndResidual(c, (u) => u.map((ui) => ui - 1));
      const bound = res / Math.sqrt(c.m);
      return verdict.atMost(gMax, bound * ROUNDOFF, `n=${c.n} d=${c.d} m=${c.m}: max‖g_r‖ ${gMax.toExponential(3)}, ‖u−y‖/√m ${bound.toExponential(3)}`);
    },
  },
});
