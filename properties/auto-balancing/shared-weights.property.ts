/**
 * Thesis Theorem 4.3 (catalog 002c §3.9–§3.10): for networks with sparse connections and shared
 * weights (a 1-D convolution, random sharing maps), ‖v^(h)‖² − ‖v^(h+1)‖² is a flow invariant. The
 * layer-wise Euler identity ⟨v^(h), ∇_{v^(h)}L⟩ = (1/m)Σ⟨∇ℓ_k, f_k⟩ and the exact η² GD drift are
 * checked; the neuron-wise version of Theorem 4.1 is the negative control (it fails with sharing).
 */
import fc from 'fast-check';
import type { Activation } from '../../src/core/activations.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { seedArb } from '../../src/data/arbitraries.ts';
import { claim, verdict } from '../../src/claims/claim.ts';
import {
  type SharedNet, type SharedWorkspace, type SharingMap, conv1dMap, denseMap, layerParams, randomSharingMap, requireSharedParams,
  sharedLossGradInto, sharedModel, sharedNet, sharedParamCount, sharedWorkspace,
} from '../../src/models/conv1d.ts';
import { type LossName, deepFcArch, deepFcWorkspace, eulerValue } from '../../src/models/deep-fc.ts';
import { bindData } from '../../src/models/model.ts';
import { gdStep } from '../../src/train/gd.ts';
import { HOMOGENEOUS, type HomName, fmtE, makeActivation, netData } from './common.ts';

// Tolerances derived, not in the thesis (catalog 002c §2.4; the catalog's Theorem 4.3 run: all layers equal to 14 digits, step residual exactly 0).
const POINTWISE_TOL = 1e-12;
const STEP_TOL = 1e-12;

/**
 * Layer 1 is a 1-D convolution (filters ∈ [1, 3], length q ∈ [1, 4], input length n₀ ∈ [q, 10];
 * catalog: 2 filters of length 3 on length 8) or a random sharing map; deeper layers are random
 * maps with d_h ∈ [1, 6] free parameters (catalog: d_h ∈ {4..6}) or, now and then, dense.
 */
interface SharedCase { H: number; conv: boolean; act: HomName; loss: LossName; m: number; seed: number }
const sharedArb = (s: { Hmax: number; m: number }): fc.Arbitrary<SharedCase> => fc.record({
  H: fc.integer({ min: 2, max: s.Hmax }),
  conv: fc.boolean(),
  act: fc.constantFrom(...HOMOGENEOUS),
  loss: fc.constantFrom<LossName>('square', 'logistic'),
  m: fc.integer({ min: 1, max: s.m }),
  seed: seedArb,
});

interface Built { net: SharedNet; v: Float64Array; ws: SharedWorkspace; X: Matrix; Y: Matrix; label: string }

function build(c: SharedCase): Built {
  const r = rng(c.seed).stream('maps');
  const maps: SharingMap[] = [];
  let width: number;
  if (c.conv) {
    const filters = 1 + r.int(3), q = 1 + r.int(4), inLen = q + r.int(11 - q);
    maps.push(conv1dMap(inLen, filters, q));
    width = inLen;
  } else {
    width = 2 + r.int(9);
    maps.push(randomSharingMap(r, 2 + r.int(11), width, 1 + r.int(6)));
  }
  const widths = [width, maps[0].rows];
  for (let h = 2; h <= c.H; h++) {
    const rows = h === c.H ? 1 + r.int(3) : 2 + r.int(11), cols = widths[widths.length - 1];
    maps.push(r.uniform() < 0.2 ? denseMap(rows, cols) : randomSharingMap(r, rows, cols, 1 + r.int(6)));
    widths.push(rows);
  }
  const acts: Activation[] = Array.from({ length: c.H - 1 }, (_, k) => makeActivation(c.act, c.seed, `h${k + 1}`));
  const arch = deepFcArch(widths, acts, c.loss);
  const net = sharedNet(arch, maps);
  const v = new Float64Array(sharedParamCount(net));
  rng(c.seed).stream('v').fillNormal(v, 0.7);
  requireSharedParams(net, v);
  const { X, Y } = netData(c.seed, c.m, widths[0], widths[widths.length - 1], c.loss);
  const ws = sharedWorkspace(net, deepFcWorkspace(arch, c.m));
  const label = `${c.conv ? 'conv' : 'random'} widths ${widths.join('-')} d_h ${maps.map((g) => g.dim).join(',')} ${acts.map((a) => a.name).join(',')} ${c.loss} m=${c.m}`;
  return { net, v, ws, X, Y, label };
}

function innerV(b: Built, h: number): [number, number] {
  const v = layerParams(b.net, b.v, h), g = layerParams(b.net, b.ws.gv, h);
  let s = 0, a = 0;
  for (let l = 0; l < v.length; l++) { const t = v[l] * g[l]; s += t; a += Math.abs(t); }
  return [s, a];
}

function eulerShared(b: Built): { worst: number; maxRes: number; value: number } {
  sharedLossGradInto(b.net, b.v, b.X, b.Y, b.ws);
  const value = eulerValue(b.ws.fc);
  let worst = 0, maxRes = 0;
  for (let h = 1; h <= b.net.maps.length; h++) {
    const [s, a] = innerV(b, h);
    const res = Math.abs(s - value);
    worst = Math.max(worst, res / (POINTWISE_TOL * (1 + a + Math.abs(value))));
    maxRes = Math.max(maxRes, res);
  }
  return { worst, maxRes, value };
}

/**
 * The neuron-wise rate of Theorem 4.1 transported to the shared parameters: under dv/dt = −∇_vL,
 * −½ d/dt (‖W^(h)[i,:]‖² − ‖W^(h+1)[:,i]‖²) = Σ_j W^(h)_ij ∇v^(h)[g(i,j)] − Σ_k W^(h+1)_ki ∇v^(h+1)[g(k,i)].
 */
function neuronwiseShared(b: Built): { worst: number; maxRes: number } {
  sharedLossGradInto(b.net, b.v, b.X, b.Y, b.ws);
  let worst = 0, maxRes = 0;
  const H = b.net.maps.length;
  for (let h = 1; h < H; h++) {
    const gin = b.net.maps[h - 1], gout = b.net.maps[h];
    const Win = b.ws.dense.W[h - 1], Wout = b.ws.dense.W[h];
    const vin = layerParams(b.net, b.ws.gv, h), vout = layerParams(b.net, b.ws.gv, h + 1);
    for (let i = 0; i < Win.rows; i++) {
      let s = 0, a = 0;
      for (let j = 0; j < Win.cols; j++) {
        const k = gin.index[i * Win.cols + j];
        if (k) { const t = Win.data[i * Win.cols + j] * vin[k - 1]; s += t; a += Math.abs(t); }
      }
      for (let q = 0; q < Wout.rows; q++) {
        const k = gout.index[q * Wout.cols + i];
        if (k) { const t = Wout.data[q * Wout.cols + i] * vout[k - 1]; s -= t; a += Math.abs(t); }
      }
      worst = Math.max(worst, Math.abs(s) / (POINTWISE_TOL * (1 + a)));
      maxRes = Math.max(maxRes, Math.abs(s));
    }
  }
  return { worst, maxRes };
}

const budget = (runs: number, Hmax: number, m: number) => ({ runs, Hmax, m });

export const thm43 = claim({
  id: 'thesis.ch4.thm4.3',
  source: '002 thesis, Theorem 4.3 and (4.10)–(4.11); catalog 002c §3.9–§3.10',
  statement: 'with shared/sparse weights (1-D convolution, random sharing maps), ⟨v^(h), ∇_{v^(h)}L⟩ is the same for every layer and equals (1/m)Σ_k⟨∇ℓ_k, f(x_k)⟩, so d/dt(‖v^(h)‖² − ‖v^(h+1)‖²) = 0',
  kind: 'exact',
  rationale: '⟨v, ∇_vL⟩ = Σ_ij W_ij G_ij = ⟨∂L/∂x^(h), x^(h)⟩ by (4.10)–(4.11); tolerance 1e-12·(1 + Σ|vg| + |value|) as in catalog §2.4',
  budget: { quick: budget(40, 4, 12), default: budget(150, 5, 20), deep: budget(600, 6, 40) },
  arbitrary: (b) => sharedArb(b),
  check: (c) => {
    const b = build(c);
    const { worst, maxRes, value } = eulerShared(b);
    return verdict.within(worst * POINTWISE_TOL, POINTWISE_TOL, `${b.label} value ${value.toPrecision(6)}`);
  },
  negativeControl: {
    describe: 'the neuron-wise identity of Theorem 4.1 fails under sharing (Theorem 4.3 is layer-wise only)',
    check: (c) => {
      const b = build(c);
      const { worst, maxRes } = neuronwiseShared(b);
      return verdict.within(worst * POINTWISE_TOL, POINTWISE_TOL, `${b.label} neuron-wise defect ${fmtE(maxRes)}`);
    },
  },
});

const sq = (x: Float64Array): number => { let s = 0; for (let k = 0; k < x.length; k++) s += x[k] * x[k]; return s; };

/** One GD step on v: layer-wise drift vs η²(‖∇v^(h)‖² − ‖∇v^(h+1)‖²), or (control) the neuron-wise drift vs its η² formula. */
function sharedStep(b: Built, eta: number, neuronwise: boolean): { worst: number; maxRes: number; maxDrift: number } {
  sharedLossGradInto(b.net, b.v, b.X, b.Y, b.ws);
  const H = b.net.maps.length;
  const before = Array.from({ length: H }, (_, k) => sq(layerParams(b.net, b.v, k + 1)));
  const gsq = Array.from({ length: H }, (_, k) => sq(layerParams(b.net, b.ws.gv, k + 1)));
  const W0 = b.ws.dense.W.map((w) => Float64Array.from(w.data));
  const v1 = gdStep(bindData(sharedModel(b.net), b.X, b.Y.data), b.v, eta);
  const after = Array.from({ length: H }, (_, k) => sq(layerParams(b.net, v1, k + 1)));
  let worst = 0, maxRes = 0, maxDrift = 0;
  if (!neuronwise) {
    for (let h = 1; h < H; h++) {
      const drift = (after[h - 1] - after[h]) - (before[h - 1] - before[h]);
      const res = Math.abs(drift - eta * eta * (gsq[h - 1] - gsq[h]));
      // rounding is relative to the squared norms differenced, before or after the step
      worst = Math.max(worst, res / (STEP_TOL * (1 + Math.max(before[h - 1] + before[h], after[h - 1] + after[h]))));
      maxRes = Math.max(maxRes, res);
      maxDrift = Math.max(maxDrift, Math.abs(drift));
    }
    return { worst, maxRes, maxDrift };
  }
  // Neuron-wise: D_i on the materialized weights before/after, against ‖ΔW^(h)[i,:]‖² − ‖ΔW^(h+1)[:,i]‖²
  // (= η²(‖G_in‖² − ‖G_out‖²) without sharing), i.e. assuming the first-order term cancels per neuron.
  sharedLossGradInto(b.net, v1, b.X, b.Y, b.ws);
  const W1 = b.ws.dense.W;
  for (let h = 1; h < H; h++) {
    const a0 = W0[h - 1], a1 = W1[h - 1].data, o0 = W0[h], o1 = W1[h].data, cols = W1[h - 1].cols, n = W1[h - 1].rows, rows = W1[h].rows;
    for (let i = 0; i < n; i++) {
      let din = 0, dout = 0, sin = 0, sout = 0, scale = 1;
      for (let j = 0; j < cols; j++) { const x0 = a0[i * cols + j], x1 = a1[i * cols + j]; din += x1 * x1 - x0 * x0; sin += (x1 - x0) ** 2; scale += x0 * x0; }
      for (let q = 0; q < rows; q++) { const x0 = o0[q * n + i], x1 = o1[q * n + i]; dout += x1 * x1 - x0 * x0; sout += (x1 - x0) ** 2; scale += x0 * x0; }
      const res = Math.abs((din - dout) - (sin - sout));
      worst = Math.max(worst, res / (STEP_TOL * scale));
      maxRes = Math.max(maxRes, res);
    }
  }
  return { worst, maxRes, maxDrift };
}

interface StepCase extends SharedCase { eta: number }
const stepArb = (s: { Hmax: number; m: number }): fc.Arbitrary<StepCase> =>
  fc.tuple(sharedArb(s), fc.double({ min: 0.01, max: 0.1, noNaN: true })).map(([c, eta]) => ({ ...c, eta }));

export const thm43Step = claim({
  id: 'thesis.ch4.thm4.3.gd-step',
  source: '002 thesis, Theorem 4.3 under GD; catalog 002c §2.2 table (derived), §3.10',
  statement: 'one GD step on the shared parameters changes ‖v^(h)‖² − ‖v^(h+1)‖² by exactly η²(‖∇_{v^(h)}L‖² − ‖∇_{v^(h+1)}L‖²)',
  kind: 'exact',
  rationale: 'the first-order terms are −2η(⟨v^(h), ∇v^(h)⟩ − ⟨v^(h+1), ∇v^(h+1)⟩) = 0; tolerance 1e-12·(1 + ‖v^(h)‖² + ‖v^(h+1)‖²) with the norms before or after the step, whichever is larger (derived, not in the thesis; catalog 002c §2.4; Theorem 4.3 run of catalog 002c §3.10: residual 0 on a drift of 72)',
  budget: { quick: budget(40, 4, 12), default: budget(150, 5, 20), deep: budget(600, 6, 40) },
  arbitrary: (b) => stepArb(b),
  check: (c) => {
    const b = build(c);
    const { worst, maxRes, maxDrift } = sharedStep(b, c.eta, false);
    return verdict.within(worst * STEP_TOL, STEP_TOL, `${b.label} η=${c.eta.toFixed(3)} drift ${fmtE(maxDrift)}`);
  },
  negativeControl: {
    describe: 'the neuron-wise one-step formula of Theorem 4.1 (D_i changes by ‖ΔW^(h)[i,:]‖² − ‖ΔW^(h+1)[:,i]‖², no first-order term) fails with sharing',
    check: (c) => {
      const b = build(c);
      const { worst, maxRes } = sharedStep(b, c.eta, true);
      return verdict.within(worst * STEP_TOL, STEP_TOL, `${b.label} neuron-wise residual ${fmtE(maxRes)}`);
    },
  },
});

