/**
 * Figures 4.1 and 4.2 of the thesis reproduced at a reduced size (catalog 002c §4.1–§4.2), as
 * claims about what the figures show plus data series written by `gd-theory check` under `figures`.
 */
import { relu } from '../../src/core/activations.ts';
import { zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { claim, verdict } from '../../src/claims/claim.ts';
import type { Figure, Verdict } from '../../src/claims/types.ts';
import { deepFcArch, deepFcModel, initDeepFc, layerSqNorms } from '../../src/models/deep-fc.ts';
import { bindData } from '../../src/models/model.ts';
import { type Recorder, gd } from '../../src/train/gd.ts';
import {
  type MfObjective, balanceInto, frobenius, frobeniusSq, randomLowRankTarget,
} from '../../src/models/matrix-factorization.ts';
import { fmtE } from './common.ts';
import { runMfGd } from './mf-common.ts';


// ---------------------------------------------------------------------------------------------
// Figure 4.1: GD on (4.1) vs (4.3).
// ---------------------------------------------------------------------------------------------

/**
 * Figure 4.1 reproduction (recipe of catalog 002c §4.1): d1 = 20, d2 = 15, r = 3, U₀, V₀ entries N(0, 1e-3) (variance), constant
 * η = 0.02, both objectives from the same start; M* rank 3 with spectral norm 1 (singular values
 * 1 and two log-uniform in [0.3, 1], so that 1e-12 is reached within the step cap); "unbalanced"
 * scales the start to (3U₀, V₀/3).
 */
interface Fig41Run { loss: number[]; A: number[]; ratio: number[]; hit10: number; hit12: number; budgetA: number[]; A0: number }

function fig41Run(seed: number, objective: MfObjective, unbalanced: boolean, T: number, record = 1): Fig41Run {
  const r0 = rng(seed);
  const sig = [1, Math.exp(r0.stream('s').uniformIn(Math.log(0.3), 0)), Math.exp(r0.stream('s2').uniformIn(Math.log(0.3), 0))];
  const t = randomLowRankTarget(r0.stream('target'), 20, 15, sig);
  const U = zeros(20, 3), V = zeros(15, 3);
  r0.stream('U0').fillNormal(U.data, Math.sqrt(1e-3));
  r0.stream('V0').fillNormal(V.data, Math.sqrt(1e-3));
  if (unbalanced) { for (let k = 0; k < U.data.length; k++) U.data[k] *= 3; for (let k = 0; k < V.data.length; k++) V.data[k] /= 3; }
  const eta = 0.02, A = zeros(3, 3), tmp = zeros(3, 3);
  const out: Fig41Run = { loss: [], A: [], ratio: [], hit10: -1, hit12: -1, budgetA: [], A0: 0 };
  let budget = 0;
  runMfGd(U, V, t.M, {
    steps: T, eta: () => eta, objective,
    onState: (k, _f, ws, U, V) => { // U, V: the live state
      balanceInto(U, V, A, tmp);
      const nA = frobenius(A), nU2 = frobeniusSq(U), nV2 = frobeniusSq(V);
      if (k === 0) out.A0 = nA;
      // the fit loss ½‖UVᵀ − M*‖² (for (4.3) the returned f includes the regularizer)
      const fit = 0.5 * frobeniusSq(ws.R);
      if (k % record === 0) { out.loss.push(fit); out.A.push(nA); out.ratio.push(Math.sqrt(nU2 / nV2)); out.budgetA.push(budget); }
      if (out.hit10 < 0 && fit < 1e-10) out.hit10 = k;
      if (out.hit12 < 0 && fit < 1e-12) out.hit12 = k;
      // (4.13) for (4.1): ‖A_{t+1}‖ − ‖A_t‖ ≤ η²‖R_t‖²(‖U_t‖² + ‖V_t‖²), accumulated (+ rounding)
      budget += eta * eta * frobeniusSq(ws.R) * (nU2 + nV2) + 1e-15 * (1 + nU2 + nV2);
      return out.hit12 >= 0 && k >= out.hit12 + 100;
    },
  });
  return out;
}

interface Fig41Budget { runs: number; T: number }

/**
 * What Figure 4.1 shows (catalog §4.1 targets): (i) both objectives reach 1e-12 and the iteration
 * counts to 1e-10 are within 20%; (ii) for (4.1), ‖A_t‖ stays within the accumulated η² budget of
 * its start (balanced and unbalanced starts); (iii) for (4.3), ‖A‖ ≤ 1e-7 at convergence.
 */
function fig41Check(seed: number, b: Fig41Budget, literalRatio: boolean): Verdict {
  const parts: Array<[string, number, number]> = [];
  for (const unbalanced of [false, true]) {
    const p = fig41Run(seed, 'plain', unbalanced, b.T), q = fig41Run(seed, 'balanced', unbalanced, b.T);
    const tag = unbalanced ? 'unbalanced' : 'balanced';
    if (literalRatio) {
      // The text: "the ratio between norms remains a constant in all iterations" (within 1%).
      const r0 = p.ratio[0];
      parts.push([`(4.1) ${tag} ‖U‖/‖V‖ drift`, Math.max(...p.ratio.map((x) => Math.abs(x / r0 - 1))), 0.01]);
      continue;
    }
    parts.push([`(4.1) ${tag} reaches 1e-12`, p.hit12 < 0 ? Infinity : p.hit12, b.T]);
    parts.push([`(4.3) ${tag} reaches 1e-12`, q.hit12 < 0 ? Infinity : q.hit12, b.T]);
    // Target (i) of the Figure 4.1 recipe (catalog 002c §4.1) is for the small random start; from the 3×-unbalanced start the
    // recipe for Figure 4.1 asserts only the A contrast (the rates there differ by ≈ 30%, visible in the series).
    const rr = p.hit10 > 0 && q.hit10 > 0 ? Math.max(p.hit10 / q.hit10, q.hit10 / p.hit10) : Infinity;
    if (!unbalanced) parts.push([`${tag} iterations to 1e-10, ratio`, rr, 1.2]);
    let w = 0;
    p.A.forEach((a, k) => { w = Math.max(w, Math.abs(a - p.A0) / (p.budgetA[k] + 1e-15)); });
    parts.push([`(4.1) ${tag} |‖A_t‖ − ‖A_0‖| / η²-budget`, w, 1]);
    parts.push([`(4.3) ${tag} final ‖A‖`, q.A[q.A.length - 1], 1e-7]);
  }
  let worst = parts[0];
  for (const x of parts) if (x[1] / x[2] > worst[1] / worst[2]) worst = x;
  return verdict.atMost(worst[1], worst[2], `worst: ${worst[0]} = ${fmtE(worst[1], 3)} vs ${fmtE(worst[2])}`);
}

function fig41Figures(b: Fig41Budget, seed: number): Figure[] {
  const every = 10;
  const runs = ([false, true] as const).map((unb) => ({ unb, p: fig41Run(seed, 'plain', unb, b.T, every), q: fig41Run(seed, 'balanced', unb, b.T, every) }));
  const xs = (n: number): number[] => Array.from({ length: n }, (_, k) => k * every);
  const src = '002 thesis, Figure 4.1';
  const series = (key: 'loss' | 'A' | 'ratio') => runs.flatMap(({ unb, p, q }) => [
    { name: `(4.1) ${unb ? 'unbalanced' : 'balanced'} start`, x: xs(p[key].length), y: p[key] },
    { name: `(4.3) ${unb ? 'unbalanced' : 'balanced'} start`, x: xs(q[key].length), y: q[key] },
  ]);
  return [
    { id: 'thesis.fig4.1a', source: `${src}(a)`, caption: 'GD on (4.1) (no regularizer) and (4.3) (balancing regularizer), d1 = 20, d2 = 15, r = 3, η = 0.02: fit loss ½‖UVᵀ − M*‖²', xLabel: 'iteration', yLabel: '½‖UVᵀ − M*‖_F²', yLog: true, series: series('loss') },
    { id: 'thesis.fig4.1b', source: `${src}(b)`, caption: '‖UᵀU − VᵀV‖_F: conserved up to η² by GD on (4.1), driven to 0 by (4.3)', xLabel: 'iteration', yLabel: '‖UᵀU − VᵀV‖_F', yLog: true, series: series('A') },
    { id: 'thesis.fig4.1c', source: `${src}(b)`, caption: '‖U‖_F/‖V‖_F: settles to a constant for (4.1) (not constant from t = 0), to 1 for (4.3)', xLabel: 'iteration', yLabel: '‖U‖_F / ‖V‖_F', series: series('ratio') },
  ];
}

export const fig41 = claim({
  id: 'thesis.ch4.fig4.1',
  source: '002 thesis, Figure 4.1 and §4.1 text; catalog 002c §4.1',
  statement: 'from a small random start GD on (4.1) converges as fast as on (4.3) (iterations to 1e-10 within 20%); from that start and a 3×-unbalanced one both reach 1e-12, (4.1) conserves ‖UᵀU − VᵀV‖ up to its η² budget and (4.3) drives it below 1e-7',
  kind: 'bound',
  rationale: 'catalog §4.1 comparison targets (i)–(iii) and the unbalanced contrast; the budget is (4.13) summed (exact, §2.2); no setup is given in the source, so the catalog recipe is used',
  budget: { quick: { runs: 1, T: 6000 }, default: { runs: 3, T: 8000 }, deep: { runs: 10, T: 12000 } },
  arbitrary: () => seedArb,
  check: (seed, b) => fig41Check(seed, b, false),
  negativeControl: {
    describe: 'the text read literally: "the ratio between norms remains a constant in all iterations" (it moves from ≈ 1.15 to ≈ 1.0; Figure 4.1, catalog 002c §4.1)',
    check: (seed, b) => fig41Check(seed, b, true),
  },
  figures: (b, seed) => fig41Figures(b, seed),
});

// ---------------------------------------------------------------------------------------------
// Figure 4.2: balancedness of a 3-layer ReLU network (catalog config B).
// ---------------------------------------------------------------------------------------------

/**
 * Figure 4.2 config B (catalog 002c §4.2): d = 32, n₁ = n₂ = 16, p = 4, m = 32, x ~ N(0, I), y ~ N(0, I),
 * L = (1/m)Σ½‖f − y‖², η = 0.02, all layers trained; "norm-matched" starts with variance
 * target_h/(n_h n_{h−1}), targets (0.1, 0.1, 0.1) (balanced) and (10, 1, 0.1) (source-like unbalanced).
 */
interface Fig42Run { norms: number[][]; loss: number[]; telescope: number; maxDriftOverBudget: number; diffs0: number[]; final: number[] }

function fig42Run(seed: number, unbalanced: boolean, T: number, record = 1): Fig42Run {
  const widths = [32, 16, 16, 4];
  const arch = deepFcArch(widths, [relu(), relu()], 'square');
  const targets = unbalanced ? [10, 1, 0.1] : [0.1, 0.1, 0.1];
  const p = initDeepFc(rng(seed).stream(unbalanced ? 'unbalanced' : 'balanced'), arch, targets.map((s, h) => s / (widths[h + 1] * widths[h])));
  const r = rng(seed).stream('data');
  const X = zeros(32, 32), Y = zeros(32, 4);
  r.stream('X').fillNormal(X.data);
  r.stream('Y').fillNormal(Y.data);
  const obj = bindData(deepFcModel(arch), X, Y.data), ws = obj.ws.pass, eta = 0.02;
  const n0 = layerSqNorms(p);
  const D0 = [n0[0] - n0[1], n0[1] - n0[2]];
  const acc = [0, 0], budget = [0, 0];
  const out: Fig42Run = { norms: [[], [], []], loss: [], telescope: 0, maxDriftOverBudget: 0, diffs0: D0, final: n0 };
  let maxScale = 1 + Math.max(...n0);
  const recorder: Recorder = {
    record(t, _x, loss) {
      const n = layerSqNorms(p); // p's layers are views on the state GD steps in place
      maxScale = Math.max(maxScale, 1 + Math.max(...n));
      for (let h = 0; h < 2; h++) {
        // derived bound, not in the thesis (catalog 002c §4.2 (b)): |D_t − D_0| ≤ Σ η² max(‖G_h‖², ‖G_{h+1}‖²), plus rounding
        const drift = Math.abs(n[h] - n[h + 1] - D0[h]);
        out.maxDriftOverBudget = Math.max(out.maxDriftOverBudget, drift / (budget[h] + 1e-12 * (t + 1) * maxScale));
      }
      if (t % record === 0) { n.forEach((x, h) => out.norms[h].push(x)); out.loss.push(loss); }
      if (t === T) {
        // (a) telescoped identity: D_T − D_0 = Σ η²(‖G_h‖² − ‖G_{h+1}‖²) (tolerance derived, not in the thesis; catalog 002c §2.4)
        for (let h = 0; h < 2; h++) out.telescope = Math.max(out.telescope, Math.abs(n[h] - n[h + 1] - D0[h] - acc[h]) / (1e-13 * T * maxScale));
        out.final = n;
      }
    },
    beforeStep() {
      const g = layerSqNorms(ws.grad);
      for (let h = 0; h < 2; h++) { acc[h] += eta * eta * (g[h] - g[h + 1]); budget[h] += eta * eta * Math.max(g[h], g[h + 1]); }
    },
  };
  gd(obj, p.flat, { eta, steps: T, recorders: [recorder], inPlace: true });
  return out;
}

interface Fig42Budget { runs: number; T: number }

/**
 * (a) telescoped identity, (b) the drift bound, and the qualitative claim "ratios → 1" where it
 * applies: final norms ≥ 20× the initial |differences| ⇒ final ratios within 1 ± 0.1 (Figure 4.2; catalog 002c §4.2).
 */
function fig42Check(seed: number, b: Fig42Budget, literal: boolean): Verdict {
  const parts: Array<[string, number, number]> = [];
  for (const unbalanced of literal ? [true] : [false, true]) {
    const run = fig42Run(seed, unbalanced, b.T);
    const tag = unbalanced ? 'unbalanced' : 'balanced';
    const ratios = [run.final[0] / run.final[1], run.final[1] / run.final[2]];
    const grown = Math.min(...run.final) >= 20 * Math.max(...run.diffs0.map(Math.abs));
    if (literal) {
      // Figure 4.2's text read without the condition: "the ratios … approach 1" (within 1 ± 0.1).
      parts.push([`${tag} final ratios ${ratios.map((x) => x.toFixed(3)).join(', ')}`, Math.max(...ratios.map((x) => Math.abs(x - 1))), 0.1]);
      continue;
    }
    parts.push([`${tag} telescoped residual / tolerance`, run.telescope, 1]);
    parts.push([`${tag} max_t |D_t − D_0| / η² budget`, run.maxDriftOverBudget, 1]);
    if (grown) parts.push([`${tag} final ratios ${ratios.map((x) => x.toFixed(3)).join(', ')}`, Math.max(...ratios.map((x) => Math.abs(x - 1))), 0.1]);
  }
  let worst = parts[0];
  for (const x of parts) if (x[1] / x[2] > worst[1] / worst[2]) worst = x;
  return verdict.atMost(worst[1], worst[2], `T=${b.T} worst: ${worst[0]} = ${fmtE(worst[1], 3)} vs ${fmtE(worst[2])}`);
}

function fig42Figures(b: Fig42Budget, seed: number): Figure[] {
  const every = 10;
  const runs = ([false, true] as const).map((unb) => ({ unb, r: fig42Run(seed, unb, b.T, every) }));
  const xs = (n: number): number[] => Array.from({ length: n }, (_, k) => k * every);
  const src = '002 thesis, Figure 4.2';
  const figs: Figure[] = [];
  for (const { unb, r } of runs) {
    const tag = unb ? 'unbalanced' : 'balanced';
    const n = r.norms[0].length;
    figs.push({
      id: `thesis.fig4.2-${tag}-norms`, source: `${src}${unb ? '(c)–(d)' : '(a)–(b)'}`,
      caption: `‖W_h‖_F² per layer, ${tag} start (targets ${unb ? '10, 1, 0.1' : '0.1, 0.1, 0.1'}), 32-16-16-4 ReLU, m = 32, η = 0.02`,
      xLabel: 'iteration', yLabel: '‖W_h‖_F²',
      series: r.norms.map((y, h) => ({ name: `‖W_${h + 1}‖²`, x: xs(n), y })),
    });
    figs.push({
      id: `thesis.fig4.2-${tag}-differences`, source: `${src}${unb ? '(c)' : '(a)'}`,
      caption: `differences ‖W_1‖² − ‖W_2‖² and ‖W_2‖² − ‖W_3‖², ${tag} start (conserved up to the η² drift)`,
      xLabel: 'iteration', yLabel: 'difference',
      series: [0, 1].map((h) => ({ name: `‖W_${h + 1}‖² − ‖W_${h + 2}‖²`, x: xs(n), y: r.norms[h].map((v, k) => v - r.norms[h + 1][k]) })),
    });
    figs.push({
      id: `thesis.fig4.2-${tag}-ratios`, source: `${src}${unb ? '(d)' : '(b)'}`,
      caption: `ratios ‖W_1‖²/‖W_2‖² and ‖W_2‖²/‖W_3‖², ${tag} start (→ 1 only when the norms outgrow the differences)`,
      xLabel: 'iteration', yLabel: 'ratio',
      series: [0, 1].map((h) => ({ name: `‖W_${h + 1}‖²/‖W_${h + 2}‖²`, x: xs(n), y: r.norms[h].map((v, k) => v / r.norms[h + 1][k]) })),
    });
  }
  return figs;
}

export const fig42 = claim({
  id: 'thesis.ch4.fig4.2',
  source: '002 thesis, Figure 4.2 and §4.4 (E14–E15); catalog 002c §4.2 config B',
  statement: 'on a 3-layer ReLU net trained by GD, D_T − D_0 = Σ_t η²(‖G_h‖² − ‖G_{h+1}‖²) exactly, |D_t − D_0| ≤ Σ η² max(‖G_h‖², ‖G_{h+1}‖²) for all t, and the layer-norm ratios end within 1 ± 0.1 whenever the norms have grown to ≥ 20× the initial differences (balanced and unbalanced starts)',
  kind: 'bound',
  rationale: 'the source\'s "bounded by 0.14 / 9" statements (Figure 4.2) contradict its own final norms (E14–E15) and its setup is incomplete, so catalog 002c replaces them by the exact η²-drift identity (tolerance 1e-13·T·scale, its §2.4), the derived bound, and the conditional qualitative claim of its §4.2',
  budget: { quick: { runs: 1, T: 2000 }, default: { runs: 2, T: 3000 }, deep: { runs: 5, T: 5000 } },
  arbitrary: () => seedArb,
  check: (seed, b) => fig42Check(seed, b, false),
  negativeControl: {
    describe: 'the ratios → 1 read without the norm-growth condition: the source-like unbalanced start (targets 10, 1, 0.1) ends far from 1 (catalog: 2.335)',
    check: (seed, b) => fig42Check(seed, b, true),
  },
  figures: (b, seed) => fig42Figures(b, seed),
});

