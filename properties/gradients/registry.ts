/**
 * The model registry of the gradient claims (DESIGN.md "Every exact gradient is checked against
 * central finite differences in properties/gradients/"). An entry says how to draw a case of one
 * model or objective — a point θ, its data — and, where the source invites one, the nearby false
 * gradient that is its negative control. models.property.ts turns every entry into a claim, so a
 * new model is covered by adding an entry here, with no new checker. Not a property file.
 */
import fc from 'fast-check';
import { type Activation, erfActivation, gelu, leakyRelu, linear, relu, sigmoid, softplus, tanh } from '../../src/core/activations.ts';
import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { rng } from '../../src/core/rng.ts';
import { intIn, seedArb, type IntRange } from '../../src/data/arbitraries.ts';
import { sphereDataset } from '../../src/data/sphere.ts';
import type { BudgetName } from '../../src/claims/types.ts';
import { conv1dMap, randomSharingMap, sharedModel, sharedNet } from '../../src/models/conv1d.ts';
import { type LossName, deepFcArch, deepFcModel } from '../../src/models/deep-fc.ts';
import { type MfObjective, balance, matmul, mfObjective, randomLowRankTarget, rank1Objective } from '../../src/models/matrix-factorization.ts';
import { linearModel } from '../../src/models/linear.ts';
import { nfResnetModel } from '../../src/models/nf-resnet.ts';
import { type Model, type Objective, bindData } from '../../src/models/model.ts';
import { type Glue, g2p, octopus, octopusObjective, sgn } from '../../src/models/octopus.ts';
import { twoLayerModel } from '../../src/models/two-layer.ts';
import { fcDeepModel } from '../../src/models/fc-deep.ts';
import { resnetModel } from '../../src/models/resnet.ts';
import { drawConstants, maxAbs, pointInPiece, randomPiece } from '../saddle/support.ts';
import { convResnetModel } from '../../src/models/conv-resnet.ts';
import { type ActName, type ConvResnetCase, instance as convInstance } from '../deep/conv-common.ts';

/** One drawn instance: an objective and a point where its gradient is checked. */
export interface Subject {
  readonly objective: Objective;
  readonly x: Float64Array;
  /** Magnitude of the terms summed in f(x) (≥ |f|): the scale of the finite differences' rounding. */
  readonly valueScale: number;
  /** Magnitude of the terms summed in ∇f(x): the rounding scale of the Hessian's differences. */
  readonly gradScale: number;
  /** The model and data behind the objective, when it is a model on data (for the Jacobian claim). */
  readonly model?: { model: Model; X: Matrix };
  /**
   * Tolerances derived for this model where the generic ones (models.property.ts) are looser than
   * the source's own error analysis: |FD − ∂f| ≤ grad coordinatewise, ≤ hess for the Hessian.
   */
  readonly tolerance?: { grad: number; hess: number };
  /** The source's nearby false gradient: rewrites the exact gradient in place (the control). */
  readonly slip?: (grad: Float64Array) => void;
  readonly label: string;
}

export interface GradientBudget {
  runs: number;
  controlRuns?: number;
  /** Coordinates probed by the full finite-difference check (all of them when there are fewer). */
  coords: number;
}

/** A registered model: its claim's id and citation, its cases, and its control. */
export interface GradientEntry<C> {
  readonly name: string;
  readonly id: string;
  readonly source: string;
  readonly statement: string;
  readonly budget: Record<BudgetName, GradientBudget>;
  readonly arbitrary: (b: GradientBudget) => fc.Arbitrary<C>;
  /** The instance of a case; `attempt` > 0 re-draws θ from a further stream (away from kinks). */
  readonly build: (c: C, attempt: number) => Subject;
  /** The control: a nearby false gradient the source invites (a perturbed exact gradient otherwise). */
  readonly control?: { describe: string; arbitrary?: (b: GradientBudget) => fc.Arbitrary<C> };
  /** Also check J Jᵀ = the model's Gram (models that define both). */
  readonly gram?: { id: string; source: string; statement: string };
}

/** Erase an entry's case type for the list (each entry's build and arbitrary agree on C). */
function entry<C>(e: GradientEntry<C>): GradientEntry<unknown> {
  return e as unknown as GradientEntry<unknown>;
}

const budgets = (quick: number, coords: number): Record<BudgetName, GradientBudget> => ({
  quick: { runs: quick, coords }, default: { runs: 4 * quick, coords: 2 * coords }, deep: { runs: 16 * quick, coords: 4 * coords },
});


/** The value and gradient scales of a bound model at x: |f| and max|g| (sums of non-negative terms). */
function scales(obj: Objective, x: Float64Array): { valueScale: number; gradScale: number } {
  const g = new Float64Array(obj.dim);
  const f = obj.valueGrad(x, g);
  return { valueScale: Math.abs(f), gradScale: maxAbs(g) };
}

// ----- two-layer (thesis (2.3), (2.5)) --------------------------------------------------------

interface TwoLayerCase { n: number; d: number; m: number; seed: number }
const twoLayerSizes = { n: { min: 1, max: 20 }, d: { min: 2, max: 10 }, m: { min: 1, max: 200 } };

const twoLayer = entry<TwoLayerCase>({
  name: 'two-layer',
  id: 'thesis.ch2.eq2.3.gradient',
  source: '002 thesis, (2.3) and footnote 1 (catalog 002a §2.1, §3.8 check 1)',
  statement: 'two-layer net: ∂L/∂w_r = (a_r/√m) Σ_i (u_i − y_i) I{w_rᵀx_i ≥ 0} x_i (the model\'s lossAndGradient) matches central differences (h = 1e-6), coordinatewise and along a random direction, away from kinks; ∂L/∂a = 0 (a fixed)',
  budget: budgets(30, 24),
  arbitrary: () => fc.record({ n: intIn(twoLayerSizes.n), d: intIn(twoLayerSizes.d), m: intIn(twoLayerSizes.m), seed: seedArb }),
  build: (c, attempt) => {
    const r = rng(c.seed), model = twoLayerModel(c.m, c.d);
    const { X, y } = sphereDataset(r.stream('data'), c.n, c.d);
    const x = model.init(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`));
    const objective = bindData(model, X, y);
    const md = c.m * c.d, s = 1 / Math.sqrt(c.m);
    return {
      objective, x, ...scales(objective, x), model: { model, X },
      slip: (g) => { for (let k = 0; k < md; k++) g[k] *= s; }, // 1/m for 1/√m
      label: `n=${c.n} d=${c.d} m=${c.m}`,
    };
  },
  control: {
    describe: 'the gradient with 1/m in place of 1/√m (the mean-field scaling slip)',
    arbitrary: () => fc.record({ n: intIn(twoLayerSizes.n), d: intIn(twoLayerSizes.d), m: intIn({ min: 4, max: twoLayerSizes.m.max }), seed: seedArb }),
  },
  gram: {
    id: 'thesis.ch2.eq2.5.model-gram',
    source: '002 thesis, (2.5) and §2.2 (catalog 002a §2.3)',
    statement: 'two-layer net: the model\'s Jacobian rows ∂u_i/∂θ give J Jᵀ = H(W) of (2.5), the model\'s Gram (a_r = ±1)',
  },
});

// ----- the linear model (thesis (1.2)) -----------------------------------------------------------

interface LinearCase { n: number; d: number; seed: number }

const linearRegression = entry<LinearCase>({
  name: 'linear',
  id: 'thesis.ch1.eq1.2.gradient',
  source: '002 thesis, Chapter 1 eq. (1.2) (catalog 002a §3.2)',
  statement: 'linear regression L(θ) = (1/2n) Σ (x_iᵀθ − y_i)²: the model\'s ∇L = Xᵀ(Xθ − y)/n matches central differences (h = 1e-6)',
  budget: budgets(20, 20),
  arbitrary: () => fc.record({ n: intIn({ min: 2, max: 30 }), d: intIn({ min: 1, max: 12 }), seed: seedArb }),
  build: (c) => {
    const r = rng(c.seed), model = linearModel(c.d), X = zeros(c.n, c.d);
    r.stream('X').fillNormal(X.data);
    const y = r.stream('y').fillNormal(new Float64Array(c.n));
    const x = r.stream('theta').fillNormal(new Float64Array(c.d));
    const objective = bindData(model, X, y);
    return {
      objective, x, ...scales(objective, x), model: { model, X },
      slip: (g) => { for (let k = 0; k < g.length; k++) g[k] *= c.n; }, // Xᵀ(Xθ − y) without the 1/n
      label: `n=${c.n} d=${c.d}`,
    };
  },
  control: { describe: 'the gradient without the 1/n of the mean loss (n ≥ 2)' },
});

// ----- deep fully-connected (thesis §4.2.1, (4.4)) -----------------------------------------------

interface DeepFcCase { H: number; d: number; p: number; n: number; width: number; acts: number[]; loss: LossName; seed: number }
const ACTS: ReadonlyArray<() => Activation> = [tanh, softplus, sigmoid, gelu, relu, () => leakyRelu(0.2), linear];

const deepFc = entry<DeepFcCase>({
  name: 'deep-fc',
  id: 'thesis.ch4.eq4.4.backprop',
  source: '002 thesis §4.2.1, (4.4) (catalog 002c §3.4–§3.5)',
  statement: 'deep FC net (no biases, one activation per hidden layer, square or logistic loss (4.4)): backprop\'s ∇L matches central differences (h = 1e-6), coordinatewise and along a random direction, away from kinks',
  budget: budgets(30, 40),
  arbitrary: () => fc.record({
    H: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 6 }), p: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 2, max: 9 }),
    width: fc.integer({ min: 1, max: 8 }), acts: fc.array(fc.integer({ min: 0, max: ACTS.length - 1 }), { minLength: 3, maxLength: 3 }),
    loss: fc.constantFrom<LossName>('square', 'logistic'), seed: seedArb,
  }),
  build: (c, attempt) => {
    const r = rng(c.seed);
    const widths = [c.d, ...Array.from({ length: c.H - 1 }, (_, h) => Math.max(1, c.width - h)), c.p];
    const acts = widths.slice(1, -1).map((_, h) => ACTS[c.acts[h]]());
    const model = deepFcModel(deepFcArch(widths, acts, c.loss));
    const X = zeros(c.n, c.d), Y = new Float64Array(c.n * c.p);
    r.stream('X').fillNormal(X.data);
    r.stream('Y').fillNormal(Y);
    if (c.loss === 'logistic') for (let k = 0; k < Y.length; k++) Y[k] = Y[k] >= 0 ? 1 : -1;
    const x = model.init(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`));
    const objective = bindData(model, X, Y);
    return {
      objective, x, ...scales(objective, x),
      slip: (g) => { for (let k = 0; k < g.length; k++) g[k] *= c.n; }, // Σ_k ℓ for (4.4)'s mean
      label: `widths ${widths.join('-')} acts ${acts.map((a) => a.name).join(',') || '—'} ${c.loss} n=${c.n}`,
    };
  },
  control: { describe: 'the gradient of the sum Σ_k ℓ(f(x_k), y_k) instead of (4.4)\'s mean (the 1/m dropped)' },
});

// ----- shared weights / 1-D convolution (thesis §4.2.2) ------------------------------------------

interface ConvCase { inLen: number; filters: number; q: number; hidden: number; p: number; n: number; seed: number }

const conv1d = entry<ConvCase>({
  name: 'conv1d',
  id: 'thesis.ch4.sec4.2.2.shared-gradient',
  source: '002 thesis §4.2.2 (catalog 002c §3.9)',
  statement: 'shared-weight net (a 1-D convolution, then random sharing maps): ∂L/∂v^(h)[l] = Σ_{g_h(i,j) = l} G^(h)[i, j] matches central differences (h = 1e-6), coordinatewise and along a random direction',
  budget: budgets(20, 40),
  arbitrary: () => fc.record({
    inLen: fc.integer({ min: 4, max: 10 }), filters: fc.integer({ min: 1, max: 3 }), q: fc.integer({ min: 2, max: 3 }),
    hidden: fc.integer({ min: 1, max: 6 }), p: fc.integer({ min: 1, max: 2 }), n: fc.integer({ min: 2, max: 7 }), seed: seedArb,
  }),
  build: (c, attempt) => {
    const r = rng(c.seed);
    const conv = conv1dMap(c.inLen, c.filters, c.q);
    const widths = [c.inLen, conv.rows, c.hidden, c.p];
    const arch = deepFcArch(widths, [tanh(), leakyRelu(0.3)], 'square');
    const tag = attempt === 0 ? '' : `-retry-${attempt}`; // a re-draw redraws the sharing maps too (one may be all zeros)
    const maps = [conv, randomSharingMap(r.stream(`map2${tag}`), c.hidden, conv.rows, Math.max(1, Math.min(4, c.hidden * conv.rows))),
      randomSharingMap(r.stream(`map3${tag}`), c.p, c.hidden, Math.max(1, Math.min(3, c.p * c.hidden)))];
    const net = sharedNet(arch, maps);
    const model = sharedModel(net);
    const X = zeros(c.n, c.inLen), Y = new Float64Array(c.n * c.p);
    r.stream('X').fillNormal(X.data);
    r.stream('Y').fillNormal(Y);
    const x = model.init(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`));
    const objective = bindData(model, X, Y);
    // The control: each tied parameter takes the gradient of ONE of its entries (the first), not the sum.
    const slip = (g: Float64Array): void => {
      const dense = objective.ws.shared.fc.grad;
      maps.forEach((m, h) => {
        const seen = new Uint8Array(m.dim), G = dense.W[h].data;
        for (let k = 0; k < m.index.length; k++) {
          const l = m.index[k] - 1;
          if (l >= 0 && !seen[l]) { seen[l] = 1; g[net.offsets[h] + l] = G[k]; }
        }
      });
    };
    return { objective, x, ...scales(objective, x), slip, label: `conv ${c.filters}×${c.q} on ${c.inLen}, widths ${widths.join('-')} n=${c.n}` };
  },
  control: { describe: 'each tied parameter gets the gradient of its first entry only (no scatter-sum over g_h(i, j) = l)' },
});

// ----- matrix factorization (thesis (4.1)–(4.3)) -------------------------------------------------

interface MfCase { d1: number; d2: number; r: number; objective: MfObjective; seed: number }

function mfCase(objective: fc.Arbitrary<MfObjective>): fc.Arbitrary<MfCase> {
  const dim: IntRange = { min: 1, max: 8 };
  return fc.record({ d1: intIn(dim), d2: intIn(dim), r: intIn({ min: 1, max: 3 }), objective, seed: seedArb });
}

const matrixFactorization = entry<MfCase>({
  name: 'matrix-factorization',
  id: 'thesis.ch4.eq4.2',
  source: '002 thesis (4.2), (4.3); catalog 002c §3.1–§3.2 (closed forms of the (4.3) gradient derived)',
  statement: '∇_U = RV, ∇_V = RᵀU for (4.1) and ∇_U = RV + ½UA, ∇_V = RᵀU − ½VA for (4.3) match central differences (h = 1e-6); the (4.1) Hessian matches differences of ∇f',
  budget: budgets(30, 60),
  arbitrary: () => mfCase(fc.constantFrom<MfObjective>('plain', 'balanced')),
  build: (c) => {
    const r0 = rng(c.seed), k = Math.min(c.r, c.d1, c.d2), rs = r0.stream('sigma');
    const sig = Array.from({ length: k }, () => Math.exp(rs.uniformIn(-1, 1)));
    const t = randomLowRankTarget(r0.stream('target'), c.d1, c.d2, sig);
    const objective = mfObjective(t.M, c.r, c.objective);
    const x = new Float64Array(objective.dim);
    r0.stream('UV').fillNormal(x, 1 / Math.sqrt(c.r));
    const slip = (g: Float64Array): void => {
      // (4.3) with the inner factor 2 of ⅛‖A‖² dropped: ¼UA, ¼VA in place of ½UA, ½VA.
      const { U, V } = objective.views(x), A = balance(U, V), UA = matmul(U, A), VA = matmul(V, A), nu = U.data.length;
      for (let q = 0; q < nu; q++) g[q] -= 0.25 * UA.data[q];
      for (let q = 0; q < VA.data.length; q++) g[nu + q] += 0.25 * VA.data[q];
    };
    return { objective, x, ...scales(objective, x), slip, label: `d1=${c.d1} d2=${c.d2} r=${c.r} ${c.objective}` };
  },
  control: {
    describe: 'the (4.3) gradient with ¼UA, ¼VA (the inner factor 2 of ⅛‖A‖² dropped)',
    arbitrary: () => mfCase(fc.constant<MfObjective>('balanced')).filter((c) => c.d1 + c.d2 >= 2),
  },
});

// ----- the rank-1 fast path of (4.9) (thesis §4.3.2) --------------------------------------------

interface Rank1Case { d1: number; d2: number; sigma1: number; seed: number }

const rank1 = entry<Rank1Case>({
  name: 'matrix-factorization-rank1',
  id: 'thesis.ch4.sec4.3.2.rank1-gradient',
  source: '002 thesis §4.3.2 (the rank-1 display before (4.23); catalog 002c §3.16)',
  statement: 'M* = σ₁u*v*ᵀ: the O(d) gradient ∇_u = ‖v‖²u − σ₁(v*ᵀv)u*, ∇_v = ‖u‖²v − σ₁(u*ᵀu)v* matches central differences of ½‖uvᵀ − M*‖²',
  budget: budgets(30, 40),
  arbitrary: () => fc.record({ d1: intIn({ min: 1, max: 64 }), d2: intIn({ min: 1, max: 64 }), sigma1: fc.double({ min: 1.5, max: 4, noNaN: true }), seed: seedArb }),
  build: (c) => {
    const r = rng(c.seed), uStar = r.stream('u*').sphere(c.d1), vStar = r.stream('v*').sphere(c.d2);
    const objective = rank1Objective(uStar, vStar, c.sigma1);
    const x = r.stream('uv').fillNormal(new Float64Array(c.d1 + c.d2), 0.5);
    const slip = (g: Float64Array): void => {
      // σ₁ dropped from the cross terms: ‖v‖²u − (v*ᵀv)u*, ‖u‖²v − (u*ᵀu)v*.
      let a = 0, b = 0;
      for (let i = 0; i < c.d1; i++) a += uStar[i] * x[i];
      for (let j = 0; j < c.d2; j++) b += vStar[j] * x[c.d1 + j];
      for (let i = 0; i < c.d1; i++) g[i] += (c.sigma1 - 1) * b * uStar[i];
      for (let j = 0; j < c.d2; j++) g[c.d1 + j] += (c.sigma1 - 1) * a * vStar[j];
    };
    return { objective, x, ...scales(objective, x), slip, label: `d1=${c.d1} d2=${c.d2} σ₁=${c.sigma1.toFixed(3)}` };
  },
  control: { describe: 'the gradient with σ₁ dropped from its cross terms (σ₁ ∈ [1.5, 4])' },
});

// ----- the octopus (thesis (7.14)–(7.18)) ------------------------------------------------------

interface OctopusCase { d: number; cross: boolean; seed: number }

/** Bounds on |∂³f| and |∂⁴f| over a transition piece (y ≤ τ), from the glue coefficients (thesis (7.6)–(7.10); catalog 002e C-17). */
function octopusDerivativeBounds(gl: Glue): { m3: number; m4: number } {
  const K = gl.K, tau = gl.tau;
  // g1‴ = 2c2 + 6c3δ (δ ≤ τ); g2‴y² ≤ 60K/τ; 2g2″y ≤ 12K/τ; 2g2′ ≤ 15K/(4τ): all ≤ 100K/τ together.
  const m3 = 2 * Math.abs(gl.c2) + 6 * Math.abs(gl.c3) * tau + 100 * K / tau;
  // g1⁗ = 6c3; g2⁗y² ≤ 360K/τ²; 2g2‴y ≤ 120K/τ²; 2g2″ ≤ 12K/τ².
  const m4 = 6 * Math.abs(gl.c3) + 500 * K / (tau * tau);
  return { m3, m4 };
}

const octopusEntry = entry<OctopusCase>({
  name: 'octopus',
  id: 'thesis.ch7.fd-consistency',
  source: '002 thesis, Eqs. (7.14)–(7.18) (catalog C-17)',
  statement: 'octopus: the analytic ∇f and ∇²f match central differences (h = 1e-6) of f and ∇f inside every piece (saddle, transition, basin)',
  budget: budgets(40, 12),
  arbitrary: () => fc.record({ d: intIn({ min: 1, max: 6 }), cross: fc.constant(false), seed: seedArb }),
  build: (c) => {
    const r = rng(c.seed);
    const { L, gamma, tau } = drawConstants(r);
    const o = octopus(c.d, L, gamma, tau);
    // The control needs the cross term g2(a)·x_{k+1}² present: a transition piece with a next coordinate.
    const pc = c.cross ? { k: r.int(Math.max(1, c.d - 1)), kind: 'transition' as const } : randomPiece(r, c.d);
    const x = pointInPiece(o, r, pc.k, pc.kind, 1e-3 * tau);
    if (c.cross && pc.k + 1 < c.d) x[pc.k + 1] = sgn(x[pc.k + 1]) * r.uniformIn(0.5, 0.95) * tau;
    const objective = octopusObjective(o);
    const g = new Float64Array(c.d), f = objective.valueGrad(x, g);
    const slip = (grad: Float64Array): void => {
      // ∂/∂x_k of g2(a)·x_{k+1}² forgotten
      if (pc.kind === 'transition' && pc.k + 1 < c.d) grad[pc.k] -= sgn(x[pc.k]) * g2p(o.glue, Math.abs(x[pc.k])) * x[pc.k + 1] ** 2;
    };
    // Error analysis (derived, not in the thesis; catalog 002e C-17): truncation h²M/6 (M bounds |∂³f|, |∂⁴f| from the glue
    // coefficients) + rounding (d+4)·u·scale/h of the two evaluations + the rounding of x ± h itself.
    const { m3, m4 } = octopusDerivativeBounds(o.glue);
    const F = c.d * o.nu + Math.abs(f) + 1, G = maxAbs(g) + 10 * (L + gamma) * tau, X = maxAbs(x), Hs = 12 * (L + gamma);
    const h = 1e-6, u = 2 ** -53;
    const tolerance = {
      grad: (h * h * m3) / 6 + ((c.d + 4) * u * F) / h + (2 * u * X * G) / h,
      hess: (h * h * m4) / 6 + ((c.d + 4) * u * G) / h + (2 * u * X * Hs) / h,
    };
    return {
      objective, x, valueScale: F, gradScale: G, tolerance, slip,
      label: `d=${c.d} ${pc.kind}@${pc.k} L=${L.toFixed(3)} γ=${gamma.toFixed(3)} τ=${tau.toFixed(3)}`,
    };
  },
  control: {
    describe: 'an analytic gradient that forgets the cross term g2′(a)·x_{k+1}² of ∂f/∂x_k',
    arbitrary: () => fc.record({ d: intIn({ min: 2, max: 6 }), cross: fc.constant(true), seed: seedArb }),
  },
});

// ----- convolutional ResNet (thesis ch. 3 §3.2) ---------------------------------------------------

const CONV_ACTS: readonly ActName[] = ['softplus', 'tanh', 'sigmoid', 'erf', 'relu'];
const convCase = (H: fc.Arbitrary<number>): fc.Arbitrary<ConvResnetCase> => fc.record({
  n: fc.integer({ min: 1, max: 5 }), d0: fc.integer({ min: 1, max: 3 }), p: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 6 }),
  H, act: fc.constantFrom(...CONV_ACTS), cRes: fc.double({ min: 0.1, max: 0.9, noNaN: true }), seed: seedArb,
});

const convResnet = entry<ConvResnetCase>({
  name: 'conv-resnet',
  id: 'thesis.ch3.sec3.2.conv-backprop',
  source: '002 thesis ch. 3 §3.2 (the convolutional ResNet) and §3.10–3.11 gradients (catalog 002b §2.1–§2.2 "CNN backprop")',
  statement: 'conv-ResNet (q = 3 patches, zero padding, x^(1) = √(c_σ/m)σ(W^(1)φ(x)), x^(h) = x^(h−1) + (c_res/(H√m))σ(W^(h)φ(x^(h−1))), u = ⟨a, x^(H)⟩_F): '
    + 'backprop through φ* (col2im) matches central differences (h = 1e-6) on every block W^(1..H), a, coordinatewise and along a random direction, away from ReLU kinks',
  budget: budgets(20, 40),
  arbitrary: () => convCase(fc.integer({ min: 1, max: 4 })),
  build: (c, attempt) => {
    const { arch, X, y, theta } = convInstance(c), model = convResnetModel(arch);
    const x = attempt === 0 ? theta : model.init(rng(c.seed).stream(`theta-retry-${attempt}`));
    const objective = bindData(model, X, y), w1 = model.blocks[0];
    // E11's slip carried to the CNN: the residual prefactor c_res/(H√m) used at layer 1 too, where it is √(c_σ/m).
    const ratio = c.cRes / (c.H * Math.sqrt(arch.cSigma));
    return {
      objective, x, ...scales(objective, x), model: { model, X },
      slip: (g) => { for (let k = w1.offset; k < w1.offset + w1.rows * w1.cols; k++) g[k] *= ratio; },
      label: `n=${c.n} d0=${c.d0} p=${c.p} m=${c.m} H=${c.H} ${c.act} c_res=${c.cRes.toFixed(3)}`,
    };
  },
  control: {
    describe: 'the layer-1 gradient with the residual prefactor c_res/(H√m) in place of √(c_σ/m) (thesis §3.10; catalog 002b E11, carried to the CNN)',
    arbitrary: () => convCase(fc.integer({ min: 2, max: 4 })),
  },
});


// ----- chapter-3 deep FC net (3.2) and ResNet (3.3) ---------------------------------------------

interface DeepCh3Case { H: number; d: number; m: number; n: number; act: number; cRes: number; trainOutput: boolean; seed: number }
/** Smooth activations (Condition 3.1) with their c_σ = 1/E σ(z)² (any positive value is a valid model; these are the catalog's). */
const CH3_ACTS: ReadonlyArray<{ act: () => Activation; cSigma: number }> = [
  { act: tanh, cSigma: 2.5360 }, { act: softplus, cSigma: 1.0855 }, { act: erfActivation, cSigma: 2.152578860607599 }, { act: sigmoid, cSigma: 3.3 },
];
const ch3Arb = (minH: number) => fc.record({
  H: fc.integer({ min: minH, max: 4 }), d: fc.integer({ min: 2, max: 6 }), m: fc.integer({ min: 2, max: 12 }), n: fc.integer({ min: 2, max: 6 }),
  act: fc.integer({ min: 0, max: CH3_ACTS.length - 1 }), cRes: fc.double({ min: 0.1, max: 0.9, noNaN: true }), trainOutput: fc.boolean(), seed: seedArb,
});

function ch3Subject(c: DeepCh3Case, attempt: number, arch: 'fc' | 'resnet'): Subject {
  const r = rng(c.seed), { act, cSigma } = CH3_ACTS[c.act];
  const model = arch === 'fc'
    ? fcDeepModel({ d: c.d, m: c.m, H: c.H, act: act(), cSigma, trainOutput: c.trainOutput })
    : resnetModel({ d: c.d, m: c.m, H: c.H, act: act(), cSigma, cRes: c.cRes, trainOutput: c.trainOutput });
  const { X, y } = sphereDataset(r.stream('data'), c.n, c.d);
  const x = model.init(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`));
  const objective = bindData(model, X, y);
  const w1 = model.blocks[0], a = model.blocks[c.H];
  // FC control: the frozen-a gradient of review 003 on the all-layers-trained loss (∂L/∂a dropped).
  // ResNet control: erratum E11, layer 1 with the residual prefactor c_res/(H√m) in place of √(c_σ/m).
  const ratio = c.cRes / (c.H * Math.sqrt(cSigma));
  const slip = arch === 'fc'
    ? (g: Float64Array) => { g.fill(0, a.offset, a.offset + c.m); }
    : (g: Float64Array) => { for (let k = w1.offset; k < w1.offset + w1.rows * w1.cols; k++) g[k] *= ratio; };
  return {
    objective, x, ...scales(objective, x), model: { model, X }, slip,
    label: `${arch} ${act().name} H=${c.H} d=${c.d} m=${c.m} n=${c.n}${arch === 'resnet' ? ` c_res=${c.cRes.toFixed(2)}` : ''} a ${c.trainOutput ? 'trained' : 'frozen'}`,
  };
}

const fcDeep = entry<DeepCh3Case>({
  name: 'fc-deep',
  id: 'thesis.ch3.eq3.2.fc-backprop',
  source: '002 thesis §3.3 (3.2) and §3.9 gradient (catalog 002b §2.2, E10); review 003 eqs. (1)–(4) (catalog 001-003-004 §2.0)',
  statement: 'deep FC net x^(h) = √(c_σ/m)σ(W^(h)x^(h−1)), u = aᵀx^(H), L = ½Σ(u_i − y_i)², a trained (thesis) or frozen (review 003): backprop ∂L/∂W^(h) = Σ_i (u_i − y_i)(c_σ/m)^{(H−h+1)/2} J^(h)W^(h+1)ᵀ⋯J^(H)a x_i^(h−1)ᵀ and ∂L/∂a = Σ_i (u_i − y_i)x_i^(H) match central differences (h = 1e-6)',
  budget: budgets(20, 40),
  arbitrary: () => ch3Arb(1),
  build: (c, attempt) => ch3Subject(c, attempt, 'fc'),
  control: {
    describe: 'the frozen-a gradient (review 003 §2.0 "freezing the final layer") on the loss that trains a: ∂L/∂a dropped',
    arbitrary: () => ch3Arb(1).map((c) => ({ ...c, trainOutput: true })),
  },
  gram: {
    id: 'thesis.ch3.sec3.3.fc-gram-sum',
    source: '002 thesis §3.3 (G = Σ_h G^(h), catalog 002b §2.2)',
    statement: 'deep FC net: the Jacobian rows ∂u_i/∂θ give J Jᵀ = Σ_{h=1}^{H+1} G^(h), the sum of the per-layer Grams ⟨g_i^(h), g_j^(h)⟩⟨x_i^(h−1), x_j^(h−1)⟩ and ⟨x_i^(H), x_j^(H)⟩',
  },
});

const resnetEntry = entry<DeepCh3Case>({
  name: 'resnet',
  id: 'thesis.ch3.eq3.3.resnet-backprop',
  source: '002 thesis §3.3 (3.3) and §3.10 gradient (catalog 002b §2.2, E11)',
  statement: 'ResNet x^(1) = √(c_σ/m)σ(W^(1)x), x^(h) = x^(h−1) + (c_res/(H√m))σ(W^(h)x^(h−1)): backprop (δ^(h−1) = δ^(h) + W^(h)ᵀg^(h), layer 1 with √(c_σ/m)) matches central differences (h = 1e-6) on every block',
  budget: budgets(20, 40),
  arbitrary: () => ch3Arb(2),
  build: (c, attempt) => ch3Subject(c, attempt, 'resnet'),
  control: { describe: 'erratum E11: the §3.10 formula\'s prefactor c_res/(H√m) applied to layer 1 too (it has √(c_σ/m))' },
  gram: {
    id: 'thesis.ch3.sec3.3.resnet-gram-sum',
    source: '002 thesis §3.3 (G = Σ_h G^(h), catalog 002b §2.2)',
    statement: 'ResNet: the Jacobian rows give J Jᵀ = Σ_{h=1}^{H+1} G^(h) (per-layer Grams from the backprop vectors)',
  },
});

// ----- the NF-ResNet (source 004, network (1) as catalog 001-003-004 §3.0 reconstructs it) -------

interface NfResnetCase { n: number; d: number; m: number; H: number; erf: boolean; seed: number }

const nfResnet = entry<NfResnetCase>({
  name: 'nf-resnet',
  id: 'nfresnet004.gradient',
  source: '004 supplement, the gradient formula of the proof of Theorem 1 (catalog 001-003-004 §3.0, erratum §5.3.2)',
  statement: 'NF-ResNet x^(h) = x^(h−1) + α_h/(H√m)σ(W^(h)x^(h−1)), L = ½‖y − u‖²: ∂L/∂W^(h) = Σ_i (u_i − y_i) α_h/(H√m) (D_i^(h)v_i^(h)) x_i^(h−1)ᵀ '
    + 'with v^(h)ᵀ = aᵀM_H⋯M_{h+1}, ∂L/∂α_h, ∂L/∂W^(1), ∂L/∂a match central differences (h = 1e-6), coordinatewise and along a random direction (ReLU away from kinks, erf)',
  budget: budgets(16, 40),
  arbitrary: () => fc.record({
    n: intIn({ min: 1, max: 6 }), d: intIn({ min: 2, max: 6 }), m: intIn({ min: 2, max: 24 }), H: intIn({ min: 2, max: 5 }), erf: fc.boolean(), seed: seedArb,
  }),
  build: (c, attempt) => {
    const r = rng(c.seed), act = c.erf ? erfActivation() : relu();
    const model = nfResnetModel({ d: c.d, m: c.m, H: c.H, act, cSigma: c.erf ? Math.PI / (2 * Math.asin(2 / 3)) : 2 });
    const { X, y } = sphereDataset(r.stream('data'), c.n, c.d);
    const x = model.init(r.stream(attempt === 0 ? 'init' : `init-retry-${attempt}`));
    const al = model.blocks[c.H];
    for (let k = 0; k < al.cols; k++) x[al.offset + k] = r.stream('alpha').uniformIn(0.5, 1.5); // α_h ≠ 1: a moved point
    const objective = bindData(model, X, y);
    return {
      objective, x, ...scales(objective, x), model: { model, X },
      slip: (g) => { for (let k = 0; k < g.length; k++) g[k] = -g[k]; }, // the printed sign: (y_i − u_i) for (u_i − y_i)
      label: `n=${c.n} d=${c.d} m=${c.m} H=${c.H} ${act.name}`,
    };
  },
  control: { describe: 'the printed gradient formula\'s sign: Σ_i (y_i − u_i)∂u_i/∂θ for ∇½‖y − u‖² (erratum §5.3.2)' },
  gram: {
    id: 'nfresnet004.model-gram',
    source: '004 supplement, proof of Theorem 1 (catalog 001-003-004 §3.0 per-block Grams)',
    statement: 'NF-ResNet: the model\'s Jacobian rows give J Jᵀ = Σ_h G^(h) + G^(α) + x^(H)x^(H)ᵀ, the Gram assembled from δ_i^(h) = D_i^(h)v_i^(h) without outer products',
  },
});

/** Every registered model and objective. */
export const gradientRegistry: readonly GradientEntry<unknown>[] = [linearRegression, twoLayer, deepFc, conv1d, matrixFactorization, rank1, octopusEntry, fcDeep, resnetEntry, convResnet, nfResnet];
