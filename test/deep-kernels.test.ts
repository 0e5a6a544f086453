/**
 * src/kernels/gaussian.ts and src/kernels/deep-recursions.ts: Gauss–Hermite moments, closed forms against the
 * quadrature route (~1e-12), c_σ and χ of the catalog table (002b §2.3), the golden K^(H) of §2.7 for the FC,
 * ResNet and CNN recursions, the Definition 3.4 routine against the specialised ones, and the printed variants.
 */
import { describe, expect, it } from 'vitest';
import * as A from '../src/core/activations.ts';
import { DomainError } from '../src/core/errors.ts';
import { fromRows } from '../src/core/matrix.ts';
import { cSigma, chi, expect1d, expect2d, expectProduct, gaussHermite, gaussianMoments } from '../src/kernels/gaussian.ts';
import { convResnetKernel, fcKernel, frameworkKernel, frameworkLayers, patchGram, resnetKernel } from '../src/kernels/deep-recursions.ts';
import { CNN_GOLDEN, CNN_IMAGES, ENTRY_TOLERANCE, FC_GOLDEN, RESNET_GOLDEN, X4, lambdaTolerance } from '../properties/deep/kernel-goldens.ts';
import { expectTyped } from './helpers.ts';

const act = (name: string) => (name === 'erf+0.5' ? A.shiftedErf(0.5) : A.activationByName(name as A.ActivationName));
const upper = (K: { rows: number; data: Float64Array }) => {
  const out: number[] = [];
  for (let i = 0; i < K.rows; i++) for (let j = i; j < K.rows; j++) out.push(K.data[i * K.rows + j]);
  return out;
};

describe('Gauss–Hermite rule', () => {
  it('integrates the Gaussian moments E z^{2k} = (2k−1)!! exactly up to degree 2N−1', () => {
    const { nodes, weights } = gaussHermite(12);
    const moment = (p: number) => nodes.reduce((s, z, k) => s + weights[k] * z ** p, 0);
    expect(moment(0)).toBeCloseTo(1, 14);
    expect(moment(2)).toBeCloseTo(1, 13);
    expect(moment(8)).toBeCloseTo(105, 10);
    expect(moment(22) / 13749310575).toBeCloseTo(1, 9);
    expect(Math.abs(moment(7))).toBeLessThan(1e-12);
  });
  it('is symmetric and cached', () => {
    const r = gaussHermite(31);
    for (let k = 0; k < 31; k++) expect(r.nodes[k] + r.nodes[30 - k]).toBe(0);
    expect(gaussHermite(31)).toBe(r);
  });
  it('expect1d and expect2d agree with E e^u = e^{a/2} and E uv = c', () => {
    expect(expect1d(Math.exp, 2, 60)).toBeCloseTo(Math.E, 13);
    expect(expect2d((u, v) => u * v, { a: 1.3, c: 0.4, b: 0.7 }, 10)).toBeCloseTo(0.4, 14);
    expect(expectProduct((u) => u * u, (v) => v * v, { a: 1.3, c: 0.4, b: 0.7 }, 10)).toBeCloseTo(1.3 * 0.7 + 2 * 0.16, 13);
  });
  it('rejects a non-PSD covariance naming c, and a negative variance', () => {
    expectTyped(() => expect2d((u, v) => u * v, { a: 1, c: 2, b: 1 }), DomainError, 'c');
    expectTyped(() => expect1d((u) => u, -1), DomainError, 'variance');
  });
});

describe('closed forms against the quadrature route', () => {
  const covs = [{ a: 1, c: 0.3, b: 1 }, { a: 1, c: -0.9, b: 1 }, { a: 1.3, c: 0.95, b: 0.8 }, { a: 0.5, c: 0.1, b: 2 }];
  it('erf and erf+½: E σσ, E σ′σ′ and E σ match 200-node GH to 1e-12', () => {
    for (const s0 of [0, 0.5]) {
      const a = A.shiftedErf(s0), m = gaussianMoments(a);
      expect(m.closedForm).toBe(true);
      for (const cov of covs) {
        expect(m.dual(cov)).toBeCloseTo(expectProduct(a.value, a.value, cov, 200), 12);
        expect(m.derivativeDual(cov)).toBeCloseTo(expectProduct(a.derivative, a.derivative, cov, 200), 12);
      }
      expect(m.mean(1.7)).toBeCloseTo(expect1d(a.value, 1.7, 200), 12);
    }
  });
  it('ReLU arc-cosine kernels match GH to its (slow, kink-limited) accuracy and 2-D Monte-Carlo-free identities', () => {
    const m = gaussianMoments(A.relu());
    expect(m.dual({ a: 2, c: 2, b: 2 })).toBeCloseTo(1, 15); // E relu(u)² = a/2
    expect(m.derivativeDual({ a: 1, c: 0, b: 1 })).toBeCloseTo(0.25, 15);
    expect(m.mean(2 * Math.PI)).toBeCloseTo(1, 15);
    for (const cov of covs) expect(Math.abs(m.dual(cov) - expectProduct(A.relu().value, A.relu().value, cov, 400))).toBeLessThan(2e-3);
  });
  it('c_σ and χ reproduce the catalog table (002b §2.3) to 1e-12', () => {
    expect(cSigma(A.relu())).toBe(2);
    expect(cSigma(A.erfActivation())).toBeCloseTo(2.152578860607599, 12);
    expect(cSigma(A.softplus())).toBeCloseTo(1.085486502988343, 12);
    expect(cSigma(A.tanh())).toBeCloseTo(2.536175433217453, 12);
    expect(cSigma(A.sigmoid())).toBeCloseTo(3.408559841623103, 12);
    expect(cSigma(A.shiftedErf(0.5))).toBeCloseTo(1.399464458319853, 12);
    expect(chi(A.softplus())).toBeCloseTo(0.318458983683693, 12);
    expect(chi(A.tanh())).toBeCloseTo(1.177807232304179, 12);
    expect(chi(A.erfActivation())).toBeCloseTo(1.225700003785691, 12);
    expect(chi(A.relu())).toBe(1);
  });
});

describe('population recursions: golden values (catalog 002b §2.7)', () => {
  const X = fromRows(X4);
  it.each(FC_GOLDEN)('FC $act H=$H', (g) => {
    const r = fcKernel(X, act(g.act), g.H);
    upper(r.K).forEach((v, k) => expect(Math.abs(v - g.upper[k])).toBeLessThanOrEqual(ENTRY_TOLERANCE));
    expect(Math.abs(r.lambda0 - g.lambdaMin)).toBeLessThanOrEqual(lambdaTolerance(g.lambdaMin, 10));
    for (let h = 0; h < g.H; h++) for (let i = 0; i < 4; i++) expect(r.layers[h].data[i * 5]).toBeCloseTo(1, 13);
  });
  it.each(RESNET_GOLDEN)('ResNet $act H=$H', (g) => {
    const r = resnetKernel(X, act(g.act), g.H, 0.5);
    upper(r.K).forEach((v, k) => expect(Math.abs(v - g.upper[k])).toBeLessThanOrEqual(ENTRY_TOLERANCE));
    expect(Math.abs(r.lambda0 - g.lambdaMin)).toBeLessThanOrEqual(lambdaTolerance(g.lambdaMin, 10));
    const KH1 = r.layers[g.H - 1];
    expect(Math.abs(r.means[g.H - 1][0] - g.extra[0])).toBeLessThanOrEqual(ENTRY_TOLERANCE);
    expect(Math.abs(KH1.data[0] - g.extra[1])).toBeLessThanOrEqual(ENTRY_TOLERANCE);
    expect(Math.abs(KH1.data[2] - g.extra[2])).toBeLessThanOrEqual(ENTRY_TOLERANCE);
  });
  it.each(CNN_GOLDEN)('CNN $act H=$H', (g) => {
    const r = convResnetKernel(CNN_IMAGES.map((x) => fromRows([x])), act(g.act), g.H, 0.5, 3);
    upper(r.K).forEach((v, k) => expect(Math.abs(v - g.upper[k])).toBeLessThanOrEqual(ENTRY_TOLERANCE));
    expect(Math.abs(r.lambda0 - g.lambdaMin)).toBeLessThanOrEqual(lambdaTolerance(g.lambdaMin, 7));
  });
  it('softplus CNN intermediate pixel variances diag P^(1)_11, diag P^(2)_11 and means b^(1), b^(2) (catalog §2.7)', () => {
    const imgs = CNN_IMAGES.map((x) => fromRows([x]));
    const diag = (H: number) => [0, 1, 2].map((l) => +convResnetKernel(imgs, A.softplus(), H, 0.5, 3).layers[H - 1].data[l * 9 + l].toFixed(8));
    expect(diag(2)).toEqual([0.68997382, 1, 0.82428093]);
    expect(diag(3)).toEqual([0.94785566, 1.31048926, 1.09678735]);
    expect(Array.from(convResnetKernel(imgs, A.softplus(), 2, 0.5, 3).means[1].slice(0, 3)).map((v) => +v.toFixed(8))).toEqual([0.76715569, 0.83980633, 0.79993287]);
    expect(Array.from(convResnetKernel(imgs, A.softplus(), 3, 0.5, 3).means[2].slice(0, 3)).map((v) => +v.toFixed(8))).toEqual([0.91282363, 0.99782088, 0.94769091]);
  });
});

describe('Definition 3.4 routine and the printed variants', () => {
  it('frameworkKernel equals resnetKernel and fcKernel (p = 1) to 1e-14', () => {
    const X = fromRows(X4);
    const cols = X4.map((x) => fromRows(x.map((v) => [v])));
    for (const a of [A.softplus(), A.shiftedErf(0.5), A.relu()]) {
      const c = cSigma(a);
      for (const [arch, ref] of [['fc', fcKernel(X, a, 3)], ['resnet', resnetKernel(X, a, 4, 0.7)]] as const) {
        const H = arch === 'fc' ? 3 : 4;
        const f = frameworkLayers(arch, H, c, 0.7);
        const g = frameworkKernel(cols, a, f.layers, f.last);
        g.K.data.forEach((v, k) => expect(Math.abs(v - ref.K.data[k])).toBeLessThan(1e-14));
      }
    }
  });
  it('the patch operator is E[W B Wᵀ] of a 3-tap Toeplitz filter, summed over the tap basis', () => {
    const B = fromRows([[1, 0.2, -0.3, 0.1], [0.2, 2, 0.5, 0], [-0.3, 0.5, 1.5, 0.4], [0.1, 0, 0.4, 0.8]]);
    const P = patchGram(B, 3);
    const p = 4;
    for (let l = 0; l < p; l++) for (let r = 0; r < p; r++) {
      let s = 0;
      for (let tap = -1; tap <= 1; tap++) {
        // E_k: the Toeplitz matrix with a one at offset `tap`; (E_k B E_kᵀ)_lr = B_{l+tap, r+tap}.
        const a = l + tap, b = r + tap;
        if (a >= 0 && a < p && b >= 0 && b < p) s += B.data[a * p + b];
      }
      expect(P.data[l * p + r]).toBe(s);
    }
  });
  it('printed FC last covariance differs (softplus H = 2) and is undefined at H = 1', () => {
    const X = fromRows(X4);
    const printed = fcKernel(X, A.softplus(), 2, undefined, { printedLastCovariance: true });
    const corrected = fcKernel(X, A.softplus(), 2);
    expect(Math.max(...printed.K.data.map((v, k) => Math.abs(v - corrected.K.data[k])))).toBeGreaterThan(0.01);
    expectTyped(() => fcKernel(X, A.softplus(), 1, undefined, { printedLastCovariance: true }), DomainError, 'H');
  });
  it('odd σ: the ResNet means vanish and the cross-term variants coincide', () => {
    const X = fromRows(X4);
    const s = resnetKernel(X, A.erfActivation(), 4, 0.5);
    const p = resnetKernel(X, A.erfActivation(), 4, 0.5, undefined, { crossTerm: 'same-sample' });
    s.K.data.forEach((v, k) => expect(v).toBeCloseTo(p.K.data[k], 15));
  });
});
