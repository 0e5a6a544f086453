/**
 * The normalization-free ResNet of source 004 ("Gradient Descent Optimizes Normalization-Free
 * ResNets", supplement), network (1) of 004 as catalog 001-003-004 §3.0 reconstructs it — the main text is
 * not in the source, the formulas of the supplement pin it down:
 *   x^(1) = √(c_σ/m) σ(W^(1) x),
 *   x^(h) = x^(h−1) + α_h/(H√m) σ(W^(h) x^(h−1))   (2 ≤ h ≤ H),
 *   u     = aᵀ x^(H),   L = ½‖y − u‖²  (no 1/n),
 * all of a, the scalars α_h (initialized to 1), W^(1) (m×d) and W^(h) (m×m) trained; W and a i.i.d.
 * N(0, 1). Theorem 3's "standard initialization" (catalog §3.12 instantiation) is the branch
 * 'standard': x^(h) = x^(h−1) + √(c_σ/m) σ(W^(h) x^(h−1)), no 1/H and no α (the α block is then
 * frozen at 1).
 *
 * Exact backprop (004's gradient formula, corrected; catalog 001-003-004 §3.0, erratum §5.3.2): with
 * z^(h) = W^(h) x^(h−1), D^(h) = diag σ'(z^(h)) and M_l = I + c_l D^(l) W^(l) (c_l the branch
 * coefficient), the backprop vectors are v^(H) = a, v^(l−1) = M_lᵀ v^(l), i.e.
 * v^(h)ᵀ = aᵀ M_H M_{H−1} ⋯ M_{h+1} (this order). Then
 *   ∂u/∂W^(h) = c_h (D^(h) v^(h)) x^(h−1)ᵀ,   ∂u/∂W^(1) = √(c_σ/m) (D^(1) v^(1)) xᵀ,
 *   ∂u/∂α_h  = (1/(H√m)) v^(h)ᵀ σ(z^(h)),    ∂u/∂a = x^(H).
 * Per-block Grams from δ_i^(h) = D_i^(h) v_i^(h) without outer products:
 *   G^(h)_ij = c_h² (δ_i·δ_j)(x_i^(h−1)·x_j^(h−1))  — O(n²m) per layer,
 * and the closed form (2) of G^(H) from a and W^(H) directly.
 *
 * Layout: samples are rows; θ = [W1 | W2 | … | WH | alpha (1×(H−1)) | a (m×1)]. Layer products
 * are the BLAS kernels of src/core/blas.ts on a workspace made once per n; a GD step allocates
 * nothing. Code arrays are 0-based: Z[h−1] = z^(h), Xs[h−1] = x^(h), W views likewise.
 */
import type { Activation } from '../core/activations.ts';
import { gemm, gemmABt, gemmAtB } from '../core/blas.ts';
import { DomainError, describeValue, requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { type Matrix, zeros } from '../core/matrix.ts';
import { requireRng } from '../core/rng.ts';
import { type Block, type Model, blockView, layoutBlocks, requireData, requireTheta } from './model.ts';

/** 'nf': branch α_h/(H√m) (source 004); 'standard': √(c_σ/m), no α (Theorem 3's comparison). */
export type NfBranch = 'nf' | 'standard';

export interface NfResnetOptions {
  /** Input dimension d, width m, depth H ≥ 2 (H − 1 residual blocks after the first layer). */
  readonly d: number;
  readonly m: number;
  readonly H: number;
  readonly act: Activation;
  /** c_σ = 1/E[σ(g)²] (ReLU 2, erf π/(2 arcsin ⅔) ≈ 2.1525789; not in 004: catalog CF-1, CF-2). */
  readonly cSigma: number;
  readonly branch?: NfBranch;
  /** Names of blocks held fixed ('W1', …, 'WH', 'alpha', 'a'): their gradient is written as 0. */
  readonly frozen?: readonly string[];
}

/** The preallocated buffers of one n: forward states, backprop vectors, gradient views. */
export interface NfResnetWorkspace {
  readonly n: number;
  /** z^(h) (n×m), h = 1..H. */
  readonly Z: readonly Matrix[];
  /** σ(z^(h)) (n×m). */
  readonly S: readonly Matrix[];
  /** x^(h) (n×m), h = 1..H. */
  readonly Xs: readonly Matrix[];
  /** δ^(h) = σ'(z^(h)) ⊙ v^(h) of the last backward pass (n×m), h = 1..H. */
  readonly Delta: readonly Matrix[];
  /** ∂u/∂α_h of the last backward pass per sample: alphaFeat[(h−2)·n + i]. */
  readonly alphaFeat: Float64Array;
  /** v^(h) scratch and the product δ W (n×m). */
  readonly V: Matrix;
  readonly T: Matrix;
  /** u (n) and the backward coefficients (e = u − y, or ones for the Jacobian). */
  readonly u: Float64Array;
  readonly coeff: Float64Array;
}

export interface NfResnetModel extends Model<NfResnetWorkspace> {
  readonly options: Required<Omit<NfResnetOptions, 'frozen'>> & { readonly frozen: readonly string[] };
  /** The branch coefficient c_h at θ (h = 2..H): α_h/(H√m) or α_h√(c_σ/m). */
  branchCoefficient(theta: Float64Array, h: number): number;
}

/** Per-block Grams of the Jacobian rows (every block, trained or not). */
export interface NfLayerGrams {
  /** G^(h) = J_{W^(h)} J_{W^(h)}ᵀ, h = 1..H (index h − 1). */
  readonly W: readonly Matrix[];
  /** Σ_h (∂u/∂α_h)(∂u/∂α_h)ᵀ. */
  readonly alpha: Matrix;
  /** x^(H) x^(H)ᵀ. */
  readonly a: Matrix;
}

function requireActivation(act: Activation): void {
  if (act === null || typeof act !== 'object' || typeof act.value !== 'function' || typeof act.derivative !== 'function') {
    throw new DomainError(`act must be an Activation, got ${describeValue(act)}`, 'act');
  }
}

/** The NF-ResNet (or its standard-initialization twin) as a Model on the interface of model.ts. */
export function nfResnetModel(options: NfResnetOptions): NfResnetModel {
  if (options === null || typeof options !== 'object') throw new DomainError(`options must be an object, got ${describeValue(options)}`, 'options');
  const { d, m, H, act, cSigma } = options;
  requirePositiveInt(d, 'd');
  requirePositiveInt(m, 'm');
  requirePositiveInt(H, 'H');
  if (H < 2) throw new DomainError(`H must be ≥ 2 (one first layer and at least one residual block), got ${H}`, 'H');
  requireAllocatable(m * m, 'm', `an ${m}×${m} layer`);
  requireAllocatable(m * d, 'd', `an ${m}×${d} first layer`);
  requireAllocatable((H - 1) * m * m + m * d + H + m, 'H', `${H - 1} layers of ${m}×${m}`);
  requireActivation(act);
  requireFiniteNumber(cSigma, 'cSigma');
  if (!(cSigma > 0)) throw new DomainError(`cSigma must be > 0, got ${cSigma}`, 'cSigma');
  const branch = options.branch ?? 'nf';
  if (branch !== 'nf' && branch !== 'standard') throw new DomainError(`branch must be 'nf' or 'standard', got ${String(branch)}`, 'branch');
  const frozen = options.frozen ?? [];
  if (!Array.isArray(frozen)) throw new DomainError(`frozen must be an array of block names, got ${describeValue(frozen)}`, 'frozen');
  const names = [...Array.from({ length: H }, (_, h) => `W${h + 1}`), 'alpha', 'a'];
  for (const f of frozen) if (!names.includes(f)) throw new DomainError(`frozen names an unknown block '${String(f)}' (blocks: ${names.join(', ')})`, 'frozen');
  const isTrained = (name: string): boolean => !frozen.includes(name) && !(name === 'alpha' && branch === 'standard');
  const blocks: Block[] = layoutBlocks([
    { name: 'W1', rows: m, cols: d, trained: isTrained('W1') },
    ...Array.from({ length: H - 1 }, (_, k) => ({ name: `W${k + 2}`, rows: m, cols: m, trained: isTrained(`W${k + 2}`) })),
    { name: 'alpha', rows: 1, cols: H - 1, trained: isTrained('alpha') },
    { name: 'a', rows: m, cols: 1, trained: isTrained('a') },
  ]);
  const dim = blocks[blocks.length - 1].offset + m;
  const Wb = blocks.slice(0, H), alphaB = blocks[H], aB = blocks[H + 1];
  const firstScale = Math.sqrt(cSigma / m);
  /** s: c_h = α_h·s. */
  const s = branch === 'nf' ? 1 / (H * Math.sqrt(m)) : Math.sqrt(cSigma / m);
  const coef = (theta: Float64Array, h: number): number => theta[alphaB.offset + h - 2] * s;

  const workspace = (n: number): NfResnetWorkspace => {
    requirePositiveInt(n, 'n');
    const layer = () => Array.from({ length: H }, () => zeros(n, m));
    return {
      n, Z: layer(), S: layer(), Xs: layer(), Delta: layer(),
      alphaFeat: new Float64Array(n * (H - 1)), V: zeros(n, m), T: zeros(n, m),
      u: new Float64Array(n), coeff: new Float64Array(n),
    };
  };

  /** Forward pass into ws (unchecked hot path). */
  const forward = (theta: Float64Array, X: Matrix, ws: NfResnetWorkspace): void => {
    gemmABt(X, blockView(theta, Wb[0]), ws.Z[0]);
    const z1 = ws.Z[0].data, s1 = ws.S[0].data, x1 = ws.Xs[0].data;
    for (let k = 0; k < z1.length; k++) { s1[k] = act.value(z1[k]); x1[k] = firstScale * s1[k]; }
    for (let h = 2; h <= H; h++) {
      gemmABt(ws.Xs[h - 2], blockView(theta, Wb[h - 1]), ws.Z[h - 1]);
      const c = coef(theta, h), z = ws.Z[h - 1].data, sg = ws.S[h - 1].data, prev = ws.Xs[h - 2].data, x = ws.Xs[h - 1].data;
      for (let k = 0; k < z.length; k++) { sg[k] = act.value(z[k]); x[k] = prev[k] + c * sg[k]; }
    }
    const xH = ws.Xs[H - 1].data, a = theta.subarray(aB.offset, aB.offset + m);
    for (let i = 0; i < ws.n; i++) {
      let t = 0;
      for (let r = 0; r < m; r++) t += xH[i * m + r] * a[r];
      ws.u[i] = t;
    }
  };

  /**
   * Backward pass with per-sample coefficients ws.coeff (e = u − y for the loss, ones for the
   * Jacobian rows): fills ws.Delta, ws.alphaFeat and, when grad is given, the gradient of
   * Σ_i coeff_i u_i (0 on frozen blocks). Unchecked hot path.
   */
  const backward = (theta: Float64Array, X: Matrix, ws: NfResnetWorkspace, grad: Float64Array | null): void => {
    const n = ws.n, V = ws.V.data, a = theta.subarray(aB.offset, aB.offset + m), e = ws.coeff;
    for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) V[i * m + r] = e[i] * a[r]; // v^(H) = a, per sample
    for (let h = H; h >= 1; h--) {
      const z = ws.Z[h - 1].data, del = ws.Delta[h - 1].data;
      for (let k = 0; k < z.length; k++) del[k] = act.derivative(z[k]) * V[k];
      const c = h === 1 ? firstScale : coef(theta, h);
      if (grad && Wb[h - 1].trained) {
        const g: Matrix = blockView(grad, Wb[h - 1]);
        gemmAtB(ws.Delta[h - 1], h === 1 ? X : ws.Xs[h - 2], g); // Σ_i δ_i x_i^(h−1)ᵀ
        for (let k = 0; k < g.data.length; k++) g.data[k] *= c;
      } else if (grad) grad.fill(0, Wb[h - 1].offset, Wb[h - 1].offset + Wb[h - 1].rows * Wb[h - 1].cols);
      if (h === 1) break;
      const sg = ws.S[h - 1].data;
      let ga = 0;
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let r = 0; r < m; r++) t += V[i * m + r] * sg[i * m + r];
        ws.alphaFeat[(h - 2) * n + i] = s * t;
        ga += s * t;
      }
      if (grad) grad[alphaB.offset + h - 2] = alphaB.trained ? ga : 0;
      // v^(h−1) = M_hᵀ v^(h) = v^(h) + c_h W^(h)ᵀ δ^(h): per sample row, δ W.
      gemm(ws.Delta[h - 1], blockView(theta, Wb[h - 1]), ws.T);
      const T = ws.T.data;
      for (let k = 0; k < V.length; k++) V[k] += c * T[k];
    }
    if (grad) {
      const xH = ws.Xs[H - 1].data;
      for (let r = 0; r < m; r++) {
        let t = 0;
        if (aB.trained) for (let i = 0; i < n; i++) t += e[i] * xH[i * m + r];
        grad[aB.offset + r] = t;
      }
    }
  };

  const checkedWs = (theta: Float64Array, X: Matrix): NfResnetWorkspace => {
    requireTheta(theta, dim);
    requireData(model, X);
    return workspace(X.rows);
  };

  const model: NfResnetModel = {
    id: branch === 'nf' ? 'nf-resnet' : 'resnet-standard-init',
    dim, blocks, inputDim: d, outputDim: 1,
    options: { d, m, H, act, cSigma, branch, frozen: [...frozen] },
    branchCoefficient(theta, h) {
      requireTheta(theta, dim);
      if (!Number.isInteger(h) || h < 2 || h > H) throw new DomainError(`h must be an integer in [2, ${H}], got ${h}`, 'h');
      return coef(theta, h);
    },
    init(rng) {
      requireRng(rng, 'rng');
      const theta = new Float64Array(dim), r = rng.stream('init');
      for (const b of Wb) r.stream(b.name).fillNormal(theta.subarray(b.offset, b.offset + b.rows * b.cols));
      theta.fill(1, alphaB.offset, alphaB.offset + H - 1); // α_h(0) = 1 (Lemma 5)
      r.stream('a').fillNormal(theta.subarray(aB.offset, aB.offset + m));
      return theta;
    },
    workspace,
    predict(theta, X, out, ws) {
      forward(theta, X, ws);
      out.set(ws.u);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      forward(theta, X, ws);
      let loss = 0;
      for (let i = 0; i < ws.n; i++) { const e = ws.u[i] - y[i]; ws.coeff[i] = e; loss += 0.5 * e * e; }
      backward(theta, X, ws, grad);
      return loss;
    },
    jacobian(theta, X) {
      const ws = checkedWs(theta, X), n = X.rows;
      forward(theta, X, ws);
      ws.coeff.fill(1);
      backward(theta, X, ws, null);
      const J = zeros(n, dim);
      for (let i = 0; i < n; i++) {
        const row = J.data.subarray(i * dim, (i + 1) * dim);
        for (let h = 1; h <= H; h++) {
          const b = Wb[h - 1];
          if (!b.trained) continue;
          const c = h === 1 ? firstScale : coef(theta, h), del = ws.Delta[h - 1].data;
          const input = h === 1 ? X.data : ws.Xs[h - 2].data, cols = b.cols;
          for (let r = 0; r < m; r++) {
            const t = c * del[i * m + r];
            if (t === 0) continue;
            for (let q = 0; q < cols; q++) row[b.offset + r * cols + q] = t * input[i * cols + q];
          }
        }
        if (alphaB.trained) for (let h = 2; h <= H; h++) row[alphaB.offset + h - 2] = ws.alphaFeat[(h - 2) * n + i];
        if (aB.trained) row.set(ws.Xs[H - 1].data.subarray(i * m, (i + 1) * m), aB.offset);
      }
      return J;
    },
    gram(theta, X) {
      const g = nfResnetLayerGrams(model, theta, X), n = X.rows, out = zeros(n, n);
      const add = (G: Matrix) => { for (let k = 0; k < out.data.length; k++) out.data[k] += G.data[k]; };
      g.W.forEach((G, h) => { if (Wb[h].trained) add(G); });
      if (alphaB.trained) add(g.alpha);
      if (aB.trained) add(g.a);
      return out;
    },
    kinkDistance(theta, X) {
      if (!(act.homogeneous && !act.linear)) return Infinity;
      const ws = checkedWs(theta, X);
      forward(theta, X, ws);
      let dist = Infinity;
      for (const Z of ws.Z) for (let k = 0; k < Z.data.length; k++) if (Z.data[k] !== 0) dist = Math.min(dist, Math.abs(Z.data[k]));
      return dist;
    },
    preActivations(ws) {
      return ws.Z[H - 1].data;
    },
  };
  modelInternals.set(model, { forward, backward, workspace: checkedWs, coef, firstScale });
  return model;
}

interface Internals {
  forward(theta: Float64Array, X: Matrix, ws: NfResnetWorkspace): void;
  backward(theta: Float64Array, X: Matrix, ws: NfResnetWorkspace, grad: Float64Array | null): void;
  workspace(theta: Float64Array, X: Matrix): NfResnetWorkspace;
  coef(theta: Float64Array, h: number): number;
  firstScale: number;
}

const modelInternals = new WeakMap<NfResnetModel, Internals>();

function internalsOf(model: NfResnetModel): Internals {
  const it = model === null || typeof model !== 'object' ? undefined : modelInternals.get(model);
  if (!it) throw new DomainError(`model must come from nfResnetModel, got ${describeValue(model)}`, 'model');
  return it;
}

/** The forward states at θ (copies): x^(0) = X, x^(1..H), z^(1..H), σ(z^(1..H)) and u. */
export interface NfForward {
  /** xs[h] = x^(h), h = 0..H (n×d for h = 0, n×m after). */
  readonly xs: readonly Matrix[];
  /** z[h − 1] = z^(h) = W^(h) x^(h−1), h = 1..H. */
  readonly z: readonly Matrix[];
  /** sigma[h − 1] = σ(z^(h)). */
  readonly sigma: readonly Matrix[];
  readonly u: Float64Array;
}

const copy = (a: Matrix): Matrix => ({ rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) });

export function nfResnetForward(model: NfResnetModel, theta: Float64Array, X: Matrix): NfForward {
  const it = internalsOf(model), ws = it.workspace(theta, X);
  it.forward(theta, X, ws);
  return { xs: [copy(X), ...ws.Xs.map(copy)], z: ws.Z.map(copy), sigma: ws.S.map(copy), u: Float64Array.from(ws.u) };
}

/** (A Aᵀ) ⊙ (B Bᵀ) scaled: Σ over r of the per-sample feature products, without outer products. */
function hadamardGram(A: Matrix, B: Matrix, scale: number): Matrix {
  const n = A.rows, P = zeros(n, n), Q = zeros(n, n);
  gemmABt(A, A, P);
  gemmABt(B, B, Q);
  for (let k = 0; k < P.data.length; k++) P.data[k] *= scale * Q.data[k];
  return P;
}

/**
 * The Gram of every parameter block from the Jacobian, G^(h)_ij = c_h²(δ_i^(h)·δ_j^(h))(x_i^(h−1)·x_j^(h−1))
 * (derived, not printed in 004; catalog 001-003-004 §3.0), the α blocks and the a block; frozen blocks included (the caller chooses).
 */
export function nfResnetLayerGrams(model: NfResnetModel, theta: Float64Array, X: Matrix): NfLayerGrams {
  const it = internalsOf(model), ws = it.workspace(theta, X), { H } = model.options, n = X.rows;
  it.forward(theta, X, ws);
  ws.coeff.fill(1);
  it.backward(theta, X, ws, null);
  const W = ws.Delta.map((D, k) => hadamardGram(D, k === 0 ? X : ws.Xs[k - 1], k === 0 ? it.firstScale ** 2 : it.coef(theta, k + 1) ** 2));
  const alpha = zeros(n, n);
  for (let h = 2; h <= H; h++) {
    const f = ws.alphaFeat.subarray((h - 2) * n, (h - 1) * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) alpha.data[i * n + j] += f[i] * f[j];
  }
  const a = zeros(n, n);
  gemmABt(ws.Xs[H - 1], ws.Xs[H - 1], a);
  return { W, alpha, a };
}

/**
 * Closed form (2) of source 004: G^(H)_ij = α_H²/(H²m) (x_i^(H−1)·x_j^(H−1)) Σ_r a_r² σ'(w_r^(H)·x_i^(H−1)) σ'(w_r^(H)·x_j^(H−1))
 * (for the NF branch; c_H² in place of α_H²/(H²m) for the standard one).
 */
export function nfResnetGramH(model: NfResnetModel, theta: Float64Array, X: Matrix): Matrix {
  const it = internalsOf(model), ws = it.workspace(theta, X), { H, m, act } = model.options, n = X.rows;
  it.forward(theta, X, ws);
  const aB = model.blocks[H + 1], a = theta.subarray(aB.offset, aB.offset + m);
  const D = zeros(n, m), z = ws.Z[H - 1].data;
  for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) D.data[i * m + r] = Math.abs(a[r]) * act.derivative(z[i * m + r]);
  return hadamardGram(D, ws.Xs[H - 2], it.coef(theta, H) ** 2);
}
