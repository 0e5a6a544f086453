/**
 * Thesis Chapter 7, the octopus construction (catalog 002e §2, C-01–C-05, C-17, C-18, C-20, C-22,
 * C-26, C-27; ranking items 1–8, 16, 18, 20): C² gluing, the glue constants, mirroring, golden
 * values, finite differences, Lemma 7.1's stationary points, the Theorem 7.4 Hermite identities, the
 * true parts of Lemma 7.4, Remark 7.1's ρ = poly(L), and the constants of Definitions 7.1–7.3.
 */
import fc from 'fast-check';
import { claim, verdict } from '../../src/claims/claim.ts';
import { rng } from '../../src/core/rng.ts';
import { spectralNorm } from '../../src/core/linalg.ts';
import { fromRows } from '../../src/core/matrix.ts';
import { intIn, oneOfValues, seedArb } from '../../src/data/arbitraries.ts';
import {
  type Glue, type Octopus, type Piece, g1, g1p, g2, g2Printed, g2p, g2pp, hermiteCubic, hermiteGlue,
  hermiteSlope, hermiteValue, lemma74Glue, locate, minimumPoint, mirror, nuClosedForm, nuOf, octopus, octopusGradient,
  octopusHessian, octopusPiece, octopusSpectrum, octopusValue, pieceOf, saddlePoint, sgn, transitionGridSup,
  transitionHessianNorm,
  octopusObjective,
} from '../../src/models/octopus.ts';
import { classifyStationary } from '../../src/models/stationary.ts';
import { gd } from '../../src/train/gd.ts';
import { observe } from '../../src/train/recorders.ts';
import {
  U, bitwiseMismatches, boundsVerdict, cubeInit, drawConstants, drawSigns, maxAbs, maxAbsDiff, pointInPiece, randomPiece,
  rhoD,
} from './support.ts';

interface Sized { runs: number; dMax: number }
const sized = (runs: number, dMax: number): Sized => ({ runs, dMax });

// ---------------------------------------------------------------------------------------------
// Rank 1. Lemma 7.4(i): C² gluing at |x_i| = τ and 2τ.

// Tolerances derived, not in the thesis (catalog 002e §2.8 trap 5): f relative to max(1, |f|) at 1e-12 (values reach dν ≈ 10³ and the
// pieces sum O(d) rounded terms); ∇f relative to max(1, ‖∇f‖∞) at 1e-12; ∇²f absolute 1e-10 (entries
// are O(L + γ) polynomials in s with coefficients up to 60K/τ²). Observed mismatch ≤ 1.4e-14 (Lemma 7.4 (i); catalog 002e C-27).
const SEAM_TOL = { f: 1e-12, g: 1e-12, h: 1e-10 };

interface SeamCase { d: number; seed: number }

function seamCheck({ d, seed }: SeamCase, glueFor?: (L: number, gamma: number, tau: number) => Glue) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const o = octopus(d, L, gamma, tau, glueFor ? { glue: glueFor(L, gamma, tau) } : {});
  const i = r.int(d), atTwoTau = r.uniform() < 0.5;
  const x = pointInPiece(o, r, i, 'saddle');
  x[i] = (atTwoTau ? 2 * tau : tau) * r.rademacher(); // exactly on the seam (2τ is exact in float64)
  const left: Piece = atTwoTau ? { k: i, kind: 'transition' } : { k: i, kind: 'saddle' };
  const right: Piece = atTwoTau ? (i + 1 === d ? { k: d, kind: 'basin' } : { k: i + 1, kind: 'saddle' }) : { k: i, kind: 'transition' };
  const A = octopusPiece(o, x, left), B = octopusPiece(o, x, right);
  const ef = Math.abs(A.f - B.f) / Math.max(1, Math.abs(A.f)) / SEAM_TOL.f;
  const eg = maxAbsDiff(A.grad, B.grad) / Math.max(1, maxAbs(A.grad)) / SEAM_TOL.g;
  const eh = maxAbsDiff(A.hess.data, B.hess.data) / SEAM_TOL.h;
  const worst = Math.max(ef, eg, eh);
  return verdict.atMost(worst, 1, `d=${d} seam |x_${i + 1}|=${atTwoTau ? '2τ' : 'τ'} L=${L.toFixed(3)} γ=${gamma.toFixed(3)} τ=${tau.toFixed(3)}; f ${ef.toExponential(1)}, ∇f ${eg.toExponential(1)}, ∇²f ${eh.toExponential(1)} of tol`);
}

export const gluing = claim({
  id: 'thesis.ch7.lemma7.4.c2-gluing',
  source: '002 thesis, Lemma 7.4(i) / Eqs. (7.6)–(7.18) (catalog C-27, C-17)',
  statement: 'at |x_i| = τ and |x_i| = 2τ the two adjacent pieces agree in f, ∇f and ∇²f (C² gluing)',
  kind: 'exact',
  rationale: 'f rtol 1e-12, ∇f rtol 1e-12, ∇²f atol 1e-10 (derived, not in the thesis; catalog 002e §2.8 trap 5); observed mismatch ≤ 1.4e-14',
  budget: { quick: sized(60, 6), default: sized(300, 8), deep: sized(2000, 12) },
  arbitrary: (b) => fc.record({ d: intIn({ min: 1, max: b.dMax }), seed: seedArb }),
  check: (c) => seamCheck(c),
  negativeControl: {
    describe: 'a Hermite glue with p′(2τ) = 0 instead of 2L (C¹ only): the Hessian jumps by 2L at |x_i| = 2τ',
    check: (c) => seamCheck(c, (L, gamma, tau) => hermiteGlue(L, gamma, tau, 0)),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 2. ν, g1(2τ) and g2 boundary values (Lemma 7.4; catalog 002e §2.1, C-27).

function glueConstantsCheck(seed: number, nuOverride?: (gl: Glue) => number) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const gl = lemma74Glue(L, gamma, tau), K = L + gamma, t2 = tau * tau;
  const nu = nuOverride ? nuOverride(gl) : nuOf(gl);
  const errs: [string, number][] = [
    // ν = 4Lτ² − g1(2τ) = τ²(37L + 13γ)/6 [derived closed form], relative.
    ['ν closed form', Math.abs(nu - nuClosedForm(L, gamma, tau)) / nuClosedForm(L, gamma, tau)],
    ['g1(2τ) = −13(L+γ)τ²/6', Math.abs(g1(gl, 2 * tau) + (13 / 6) * K * t2) / (K * t2)],
    ['g1(τ) = −γτ²', Math.abs(g1(gl, tau) + gamma * t2) / (K * t2)],
    ['g1′(τ) = −2γτ', Math.abs(g1p(gl, tau) + 2 * gamma * tau) / (K * tau)],
    ['g1′(2τ) = −4Lτ', Math.abs(g1p(gl, 2 * tau) + 4 * L * tau) / (K * tau)],
    ['g2(τ) = L', Math.abs(g2(gl, tau) - L) / K],
    ['g2(2τ) = −γ', Math.abs(g2(gl, 2 * tau) + gamma) / K],
    ['g2′, g2″ = 0 at τ, 2τ', Math.max(Math.abs(g2p(gl, tau)), Math.abs(g2p(gl, 2 * tau)), Math.abs(g2pp(gl, tau)), Math.abs(g2pp(gl, 2 * tau))) * t2 / K],
  ];
  // g2 as printed in the Lemma 7.4 proof equals the smootherstep form L − K·ss(s) on [τ, 2τ].
  let printed = 0;
  for (let q = 0; q <= 20; q++) {
    const a = tau * (1 + q / 20);
    printed = Math.max(printed, Math.abs(g2Printed(gl, a) - g2(gl, a)) / K);
  }
  errs.push(['printed g2 = L − K·ss(s)', printed]);
  // The closed-form coefficients equal Theorem 7.4's general formula with Lemma 7.4's data.
  const h = hermiteGlue(L, gamma, tau, 2 * L);
  errs.push(['Hermite coefficients', Math.max(Math.abs(h.c2 - gl.c2) * tau, Math.abs(h.c3 - gl.c3) * t2) / K]);
  let worst = errs[0];
  for (const e of errs) if (e[1] > worst[1]) worst = e;
  // 1e-12 relative: each value is a handful of rounded operations on O(K τ²) terms.
  return verdict.atMost(worst[1], 1e-12, `L=${L.toFixed(3)} γ=${gamma.toFixed(3)} τ=${tau.toFixed(3)}; worst: ${worst[0]}`);
}

export const glueConstants = claim({
  id: 'thesis.ch7.lemma7.4.nu-and-glue-values',
  source: '002 thesis, Lemma 7.4 and its proof (catalog §2.1, C-27)',
  statement: 'ν = 4Lτ² − g1(2τ) = τ²(37L+13γ)/6; g1(2τ) = −13(L+γ)τ²/6; g2(τ) = L, g2(2τ) = −γ, g2′ = g2″ = 0 at both ends; the printed g2 is the smootherstep L − (L+γ)ss(s)',
  kind: 'exact',
  rationale: 'relative 1e-12 of the natural scale (L+γ)τ^k: a few rounded operations on O(1) polynomials',
  budget: { quick: { runs: 50 }, default: { runs: 300 }, deep: { runs: 2000 } },
  arbitrary: () => fc.record({ seed: seedArb }),
  check: ({ seed }) => glueConstantsCheck(seed),
  negativeControl: {
    describe: 'the sign slip ν = 4Lτ² + g1(2τ)',
    check: ({ seed }) => glueConstantsCheck(seed, (gl) => 4 * gl.L * gl.tau * gl.tau + g1(gl, 2 * gl.tau)),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 3. Mirroring (Step 2, C-22): f(Sx) = f(x), ∇f(Sx) = S∇f(x), ∇²f(Sx) = S∇²f(x)S, GD commutes with S.

interface MirrorCase { d: number; seed: number; steps: number }

function mirrorCheck({ d, seed, steps }: MirrorCase, permute: boolean) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const o = octopus(d, L, gamma, tau);
  const pc = randomPiece(r, d);
  const x = permute ? cubeInit(r, d) : pointInPiece(o, r, pc.k, pc.kind);
  const S = drawSigns(r, d);
  let Sx: Float64Array;
  if (permute) { Sx = Float64Array.from(x); Sx[0] = x[1]; Sx[1] = x[0]; } else Sx = mirror(x, S);
  let bad = 0;
  bad += Object.is(octopusValue(o, Sx), octopusValue(o, x)) ? 0 : 1;
  if (!permute) {
    bad += bitwiseMismatches(octopusGradient(o, Sx), mirror(octopusGradient(o, x), S));
    const H = octopusHessian(o, x).data, HS = octopusHessian(o, Sx).data;
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) {
      if (!Object.is(HS[p * d + q] + 0, S[p] * S[q] * H[p * d + q] + 0)) bad++; // +0: compare −0 and +0 as equal zeros
    }
    // GD^t(S x0) = S GD^t(x0) bitwise (x0 in [−1, 1]^d, η = c/L < 1/(2L)).
    const x0 = cubeInit(r, d), eta = r.uniformIn(0.05, 0.45) / L;
    const trajA: Float64Array[] = [], obj = octopusObjective(o);
    gd(obj, x0, { eta, steps, recorders: [observe((_t, xt) => { trajA.push(Float64Array.from(xt)); })] });
    let t = 0;
    // Zeros compare by value: once a trailing coordinate underflows, x − x rounds to +0 whatever the sign
    // of x (IEEE 754), so the mirrored run holds +0 where S·(+0) = −0; sgn(±0) = +1 keeps the dynamics equal.
    gd(obj, mirror(x0, S), {
      eta, steps,
      recorders: [observe((_t, xt) => {
        const m = mirror(trajA[t++], S);
        for (let j = 0; j < d; j++) if (!Object.is(xt[j] + 0, m[j] + 0)) bad++;
      })],
    });
  }
  return verdict.atMost(bad, 0, permute ? `d=${d} x ∈ [−1, 1]^d, swap x1↔x2` : `d=${d} piece ${pc.kind}@${pc.k}, S=${Array.from(S).join(',')}, ${steps} GD steps`);
}

export const mirroring = claim({
  id: 'thesis.ch7.step2.mirroring',
  source: '002 thesis, §7.7.1 Step 2, Eqs. (7.12)–(7.18) (catalog C-22)',
  statement: 'for every diagonal sign matrix S: f(Sx) = f(x), ∇f(Sx) = S∇f(x), ∇²f(Sx) = S∇²f(x)S and GD^t(Sx0) = S·GD^t(x0), all bitwise (±0 equal)',
  kind: 'exact',
  rationale: 'bitwise (±0 compared as equal zeros): every piece depends on |x_j|, x_j² or x_j − 4τσ_j, and negation is exact in float64',
  budget: { quick: { runs: 30, dMax: 6, steps: 300 }, default: { runs: 150, dMax: 8, steps: 500 }, deep: { runs: 800, dMax: 12, steps: 1000 } },
  arbitrary: (b) => fc.record({ d: intIn({ min: 1, max: b.dMax }), seed: seedArb, steps: fc.constant(b.steps) }),
  check: (c) => mirrorCheck(c, false),
  negativeControl: {
    describe: 'a coordinate swap (also orthogonal) is not a symmetry: f(Px) ≠ f(x)',
    arbitrary: (b) => fc.record({ d: intIn({ min: 2, max: b.dMax }), seed: seedArb, steps: fc.constant(0) }),
    check: (c) => mirrorCheck(c, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 6 (golden part). Golden values, not in the thesis (catalog 002e §2.3): d = 3, L = e, γ = 1, τ = e.

const E_ = Math.E;
const GOLDEN: Record<string, { x: number[]; f: number; g: number[]; H: [number, number, number][] }> = {
  A: { x: [0.3, -0.2, 0.1], f: 0.045914091423, g: [-0.6, -1.087312731384, 0.543656365692], H: [[0, 0, -2], [1, 1, 5.43656365691809], [2, 2, 5.43656365691809]] },
  B: { x: [1.5 * E_, 0.5, -0.25], f: -22.432847075423, g: [-20.664421996217, 0.85914091423, -1.35914091423], H: [[0, 0, -14.168831884984], [0, 1, -2.564773952196], [1, 1, 1.718281828459], [2, 2, 5.436563656918]] },
  C: { x: [-(4 * E_ + 0.3), 1.5 * E_, 0.4], f: -162.305849581428, g: [-1.630969097075, -20.433592340519, 0.687312731384], H: [[0, 0, 5.436563656918], [1, 1, -14.168831884984], [1, 2, -2.051819161757], [2, 2, 1.718281828459]] },
  D: { x: [4 * E_, -4 * E_ + 0.1, -1.7 * E_], f: -315.374974766797, g: [0, 0.543656365692, 26.861263679612], H: [[0, 0, 5.436563656918], [1, 1, 5.436563656918], [2, 2, -10.139580959449]] },
  E: { x: [3 * E_, -5 * E_, 2.5 * E_], f: -334.247765798473, g: [-14.778112197861, -14.778112197861, -22.167168296792], H: [[0, 0, 5.436563656918], [1, 1, 5.436563656918], [2, 2, 5.436563656918]] },
};
const GOLDEN_NU = 139.870432574007;

// The golden values (not in the thesis; catalog 002e §2.3) print 12 decimals (rounding ≤ 5e-13); float64 evaluation adds ≤ 1e-13·|v|.
const GOLDEN_TOL = (v: number) => 1e-12 + 2e-13 * Math.abs(v);

function goldenCheck(name: string, seed: number, tau: number) {
  const g = GOLDEN[name], o = octopus(3, E_, 1, tau), r = rng(seed);
  // The control rescales the points by τ/e so that they stay in the same pieces.
  const S = drawSigns(r, 3), x = mirror(tau === E_ ? g.x : g.x.map((v) => (v / E_) * tau), S);
  let worst = Math.abs(o.nu - GOLDEN_NU) / GOLDEN_TOL(GOLDEN_NU);
  worst = Math.max(worst, Math.abs(octopusValue(o, x) - g.f) / GOLDEN_TOL(g.f));
  const grad = octopusGradient(o, x);
  for (let j = 0; j < 3; j++) worst = Math.max(worst, Math.abs(grad[j] - S[j] * g.g[j]) / GOLDEN_TOL(g.g[j]));
  const H = octopusHessian(o, x).data;
  for (const [p, q, v] of g.H) worst = Math.max(worst, Math.abs(H[p * 3 + q] - S[p] * S[q] * v) / GOLDEN_TOL(v));
  return verdict.atMost(worst, 1, `point ${name}, S=${Array.from(S).join(',')}, τ=${tau}`);
}

export const golden = claim({
  id: 'thesis.ch7.golden-values',
  source: '002 thesis, Eqs. (7.14)–(7.18) at L = e, γ = 1, τ = e (catalog §2.3)',
  statement: 'f, ∇f, ∇²f at five points A–E of the construction, eqs. (7.14)–(7.18) (saddle, transitions i = 1, 2, 3, final basin), mirrored by random signs, match the golden values',
  kind: 'exact',
  rationale: 'golden values carry 12 decimals: tolerance 1e-12 + 2e-13·|v| (print rounding + float64 evaluation)',
  budget: { quick: { runs: 15 }, default: { runs: 50 }, deep: { runs: 200 } },
  arbitrary: () => fc.record({ point: oneOfValues(['A', 'B', 'C', 'D', 'E']), seed: seedArb }),
  check: ({ point, seed }) => goldenCheck(point, seed, E_),
  negativeControl: {
    describe: 'the same points with τ = 2.718 (e to four digits)',
    check: ({ point, seed }) => goldenCheck(point, seed, 2.718),
  },
});

// Rank 6 (finite differences, C-17) is the gradients registry's claim thesis.ch7.fd-consistency
// (properties/gradients/registry.ts), with the same dropped-cross-term control.

// ---------------------------------------------------------------------------------------------
// Rank 4. Lemma 7.1 + Def 7.4: stationary points and their spectra.

function stationaryCheck({ d, seed }: { d: number; seed: number }, claimedLambdaMin: (gamma: number) => number) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const o = octopus(d, L, gamma, tau);
  const S = drawSigns(r, d);
  const failures: string[] = [];
  const scale = 2 * (L + gamma);
  for (let k = 0; k <= d; k++) {
    const x = k < d ? saddlePoint(o, k, S) : minimumPoint(o, S);
    const g = octopusGradient(o, x);
    if (maxAbs(g) !== 0) failures.push(`∇f ≠ 0 at k=${k}`);
    if (octopusValue(o, x) !== -k * o.nu) failures.push(`f ≠ −${k}ν`);
    const spec = octopusSpectrum(o, x);
    const cls = classifyStationary(g, octopusHessian(o, x), { gradTol: 0, eigTol: 1e-12 * scale });
    if (k < d) {
      // Spectrum {−2γ} ∪ {2L}^{d−1}: a 2γ-strict saddle (Definition 7.4), not γ-strict (catalog 002e §1 trap).
      if (spec[0] !== -2 * gamma || spec.slice(1).some((v) => v !== 2 * L)) failures.push(`closed-form spectrum at saddle ${k}`);
      if (cls.kind !== 'strict-saddle') failures.push(`saddle ${k} classified ${cls.kind}`);
      if (Math.abs(cls.lambdaMin - claimedLambdaMin(gamma)) > 1e-12 * scale) failures.push(`λmin ${cls.lambdaMin} ≠ ${claimedLambdaMin(gamma)} at saddle ${k}`);
      if (Math.abs(cls.strictness - 2 * gamma) > 1e-12 * scale) failures.push(`strictness ${cls.strictness}`);
      if (pieceOf(o, x).kind !== 'saddle') failures.push(`s^(${k}) not in a saddle piece`);
    } else {
      if (spec.some((v) => v !== 2 * L)) failures.push('minimum Hessian ≠ 2L·I');
      if (cls.kind !== 'local-min') failures.push(`minimum classified ${cls.kind}`);
    }
  }
  return verdict.atMost(failures.length, 0, `d=${d} L=${L.toFixed(3)} γ=${gamma.toFixed(3)}${failures.length ? `: ${failures.slice(0, 3).join('; ')}` : ''}`);
}

export const stationaryPoints = claim({
  id: 'thesis.ch7.lemma7.1.stationary-points',
  source: '002 thesis, Lemma 7.1 and Definition 7.4 (catalog C-20, C-04)',
  statement: 'the 2^d − 1 saddles s^(k)_σ have ∇f = 0, f = −kν and spectrum {−2γ, 2L^(d−1)} (2γ-strict saddles); the 2^d minima 4τσ have f = −dν and ∇²f = 2L·I',
  kind: 'exact',
  rationale: 'bitwise for ∇f, f and the closed-form spectrum; the ml-matrix eigen-solve (classification) to 1e-12·2(L+γ)',
  budget: { quick: sized(30, 8), default: sized(150, 10), deep: sized(600, 16) },
  arbitrary: (b) => fc.record({ d: intIn({ min: 2, max: b.dMax }), seed: seedArb }),
  check: (c) => stationaryCheck(c, (gamma) => -2 * gamma),
  negativeControl: {
    describe: 'λmin = −γ at the saddles (the γ-vs-2γ notation trap: the saddles are 2γ-strict)',
    check: (c) => stationaryCheck(c, (gamma) => -gamma),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 5. Affine gradient in saddle pieces and basins (C-20, C-02), hence uniqueness of stationary points.

function affineCheck({ d, seed }: { d: number; seed: number }, mirrored: boolean) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const o = octopus(d, L, gamma, tau);
  const pc = randomPiece(r, d);
  const x = pointInPiece(o, r, pc.k, pc.kind);
  const g = octopusGradient(o, x);
  const gn = Math.hypot(...g);
  if (pc.kind === 'transition') {
    // Lemma 7.4: |∂_i f| ≥ 2γτ in every transition piece, so no stationary point there.
    return verdict.atLeast(gn, 2 * gamma * tau, `d=${d} transition@${pc.k}`);
  }
  // ∇f(x) = H_k (x − s^(k)_σ), σ the signs of x's leading coordinates (unmirrored: σ = +1).
  const k = pc.kind === 'basin' ? d : pc.k;
  const s = new Float64Array(d);
  for (let j = 0; j < k; j++) s[j] = 4 * tau * (mirrored ? sgn(x[j]) : 1);
  let err = 0, dist = 0;
  for (let j = 0; j < d; j++) {
    const hjj = j === k ? -2 * gamma : 2 * L;
    err = Math.max(err, Math.abs(g[j] - hjj * (x[j] - s[j])));
    dist += (x[j] - s[j]) ** 2;
  }
  dist = Math.sqrt(dist);
  // Relative 1e-12 of max(1, ‖∇f‖∞); and ‖∇f‖ ≥ 2min(γ, L)‖x − s‖ (zero only at s itself).
  const rel = err / Math.max(1, maxAbs(g)) / 1e-12;
  const lower = 2 * Math.min(gamma, L) * dist;
  const uniq = gn >= lower * (1 - 1e-12) ? 0 : 2;
  return verdict.atMost(Math.max(rel, uniq), 1, `d=${d} ${pc.kind}@${pc.k}: affine error ${err.toExponential(1)}, ‖∇f‖=${gn.toPrecision(4)} ≥ ${lower.toPrecision(4)}`);
}

export const affineGradient = claim({
  id: 'thesis.ch7.lemma7.1.affine-gradient',
  source: '002 thesis, Lemma 7.1 (catalog C-20, C-02)',
  statement: 'in every saddle piece and basin ∇f(x) = H_k(x − s^(k)_σ), so ‖∇f‖ ≥ 2min(γ,L)‖x − s^(k)_σ‖; in every transition ‖∇f‖ ≥ 2γτ: the listed points are the only stationary points of D',
  // the transition pieces are judged on the inequality ‖∇f‖ ≥ 2γτ (a bound); the affine identity on the other pieces is error/tolerance, which a bound may use.
  kind: 'bound',
  rationale: 'affine identity to 1e-12·max(1, ‖∇f‖∞); the transition bound is Lemma 7.4 (∂_i g ≤ −2γτ)',
  budget: { quick: sized(80, 8), default: sized(400, 10), deep: sized(2000, 16) },
  arbitrary: (b) => fc.record({ d: intIn({ min: 1, max: b.dMax }), seed: seedArb }),
  check: (c) => affineCheck(c, true),
  negativeControl: {
    describe: 'the unmirrored centre s^(k) = (4τ, …, 4τ, 0, …) for points with negative leading coordinates',
    arbitrary: (b) => fc.record({ d: intIn({ min: 2, max: b.dMax }), seed: seedArb }),
    check: (c) => affineCheck(c, false),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 8. Theorem 7.4: the cubic Hermite interpolation identities (C-26 (a)).

function hermiteCheck(seed: number, swapped: boolean) {
  const r = rng(seed);
  const y0 = r.uniformIn(-5, 5), y1 = y0 + r.uniformIn(0.1, 5);
  const f0 = r.uniformIn(-10, 10), f1 = r.uniformIn(-10, 10), d0 = r.uniformIn(-10, 10), d1 = r.uniformIn(-10, 10);
  let p = hermiteCubic(y0, y1, f0, f1, d0, d1);
  if (swapped) {
    const h = y1 - y0, S = (f1 - f0) / h;
    p = { ...p, c2: (3 * S - 2 * d1 - d0) / h }; // roles of f′(y0) and f′(y1) swapped in c2
  }
  const h = y1 - y0;
  const scale = Math.max(1, Math.abs(f0), Math.abs(f1), (Math.abs(d0) + Math.abs(d1)) * h);
  const err = Math.max(
    Math.abs(hermiteValue(p, y0) - f0), Math.abs(hermiteValue(p, y1) - f1),
    Math.abs(hermiteSlope(p, y0) - d0) * h, Math.abs(hermiteSlope(p, y1) - d1) * h,
  ) / scale;
  return verdict.atMost(err, 1e-12, `y ∈ [${y0.toFixed(2)}, ${y1.toFixed(2)}]`);
}

export const hermite = claim({
  id: 'thesis.ch7.thm7.4.hermite-identities',
  source: '002 thesis, Theorem 7.4 (Dougherty–Edelman–Hyman Eq. 2.1; catalog C-26)',
  statement: 'the printed c0..c3 give p(y0) = f(y0), p(y1) = f(y1), p′(y0) = f′(y0), p′(y1) = f′(y1)',
  kind: 'exact',
  rationale: 'relative 1e-12 of max(1, |f|, |f′|·h): a cubic evaluated in Horner form',
  budget: { quick: { runs: 100 }, default: { runs: 500 }, deep: { runs: 3000 } },
  arbitrary: () => fc.record({ seed: seedArb }),
  check: ({ seed }) => hermiteCheck(seed, false),
  negativeControl: {
    describe: 'c2 with the roles of f′(y0) and f′(y1) swapped, (3S − 2f′(y1) − f′(y0))/h',
    check: ({ seed }) => hermiteCheck(seed, true),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 16. Lemma 7.4(ii)/(iii), the true parts, and the corrected lower bound (C-27).

function lemma74TrueCheck(seed: number, ratioRange: [number, number]) {
  const r = rng(seed);
  const L = r.uniformIn(0.5, 5), gamma = L * r.uniformIn(ratioRange[0], ratioRange[1]), tau = r.uniformIn(1, 4);
  const gl = lemma74Glue(L, gamma, tau), K = L + gamma, sc = K * tau;
  const items = [] as Parameters<typeof boundsVerdict>[0];
  let maxDg = -Infinity, minDg = Infinity, maxP = -Infinity, minG2 = Infinity, maxG2 = -Infinity, minDyMargin = Infinity;
  for (let q = 0; q <= 400; q++) {
    const a = q === 0 ? tau : q === 400 ? 2 * tau : tau * (1 + r.uniform());
    const y = q % 4 === 0 ? 0 : q % 4 === 1 ? tau : r.uniformIn(0, tau);
    const dg = g1p(gl, a) + g2p(gl, a) * y * y; // ∂g/∂x_i
    maxDg = Math.max(maxDg, dg);
    minDg = Math.min(minDg, dg);
    maxP = Math.max(maxP, g1p(gl, a));
    const G2 = g2(gl, a);
    minG2 = Math.min(minG2, G2);
    maxG2 = Math.max(maxG2, G2);
    minDyMargin = Math.min(minDyMargin, 2 * G2 * y + 2 * gamma * y); // ∂g/∂x_{i+1} − (−2γ x_{i+1}) ≥ 0
  }
  // 1e-12 relative: the bounds are attained at the seams (p(τ) = −2γτ, g2(2τ) = −γ), up to rounding.
  items.push({ name: '∂g/∂x_i ≤ −2γτ', value: maxDg, bound: -2 * gamma * tau, dir: 'le', scale: 2 * gamma * tau, tol: 1e-12 * K / gamma });
  items.push({ name: 'g1′ ≤ −2γτ', value: maxP, bound: -2 * gamma * tau, dir: 'le', scale: 2 * gamma * tau, tol: 1e-12 * K / gamma });
  items.push({ name: '∂g/∂x_{i+1} + 2γx_{i+1} ≥ 0', value: minDyMargin, bound: 0, dir: 'ge', scale: 2 * gamma * tau, tol: 1e-12 * K / gamma });
  items.push({ name: 'g2 ≥ −γ', value: minG2, bound: -gamma, dir: 'ge', scale: gamma, tol: 1e-12 * K / gamma });
  items.push({ name: 'g2 ≤ L', value: maxG2, bound: L, dir: 'le', scale: L, tol: 1e-12 * K / L });
  // Corrected lower bound [derived]: ∂g/∂x_i ≥ −(4.066L + 2.107γ)τ − (15/8)(L+γ)τ ≥ −(5.95L + 3.99γ)τ.
  items.push({ name: '∂g/∂x_i ≥ −(5.95L+3.99γ)τ', value: minDg, bound: -(5.95 * L + 3.99 * gamma) * tau, dir: 'ge', scale: sc, tol: 1e-12 });
  return boundsVerdict(items, `L=${L.toFixed(3)} γ/L=${(gamma / L).toFixed(3)} τ=${tau.toFixed(3)}`);
}

export const lemma74True = claim({
  id: 'thesis.ch7.lemma7.4.true-bounds',
  source: '002 thesis, Lemma 7.4(ii)–(iii) (catalog C-27, errata E2)',
  statement: 'for 2L > γ, τ ≤ x_i ≤ 2τ, 0 ≤ x_{i+1} ≤ τ: ∂g/∂x_i ≤ −2γτ, g1′ ≤ −2γτ, ∂g/∂x_{i+1} ≥ −2γx_{i+1}, −γ ≤ g2 ≤ L, and the corrected ∂g/∂x_i ≥ −(5.95L+3.99γ)τ',
  kind: 'bound',
  rationale: 'the upper bounds are attained at the seams (slack 1), accepted to 1e-12 relative rounding; the corrected lower bound is min p ≥ −(4.066L+2.107γ)τ plus g2′τ² ≥ −(15/8)(L+γ)τ',
  budget: { quick: { runs: 40 }, default: { runs: 200 }, deep: { runs: 1000 } },
  arbitrary: () => fc.record({ seed: seedArb }),
  check: ({ seed }) => lemma74TrueCheck(seed, [0.05, 1.95]),
  negativeControl: {
    describe: 'γ > 2L (outside the hypothesis 2L > γ): p(2τ) = −4Lτ > −2γτ',
    check: ({ seed }) => lemma74TrueCheck(seed, [2.2, 4]),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 20. Remark 7.1: ρ = poly(L); on D (τ = e) ρ_D ≤ 40(L + γ) (C-18).

function rhoCheck(Lq: number, ratioQ: number, C: number) {
  const L = Lq / 4, gamma = (L * ratioQ) / 20;
  const rho = rhoD(L, gamma, Math.E);
  return verdict.atMost(rho, C * (L + gamma), `L=${L} γ=${gamma.toFixed(3)}: ρ_D=${rho.toFixed(2)} = ${(rho / (L + gamma)).toFixed(2)}(L+γ)`);
}

export const remark71 = claim({
  id: 'thesis.ch7.rem7.1.rho-poly',
  source: '002 thesis, Remark 7.1 (catalog C-18, §2.6)',
  statement: 'ρ = poly(L): with τ = e the Hessian-Lipschitz constant on D (sup ‖∇³f‖ over the transition region) is ≤ 40(L + γ) for 1 ≤ L ≤ 8, 0 < γ ≤ L',
  kind: 'bound',
  rationale: 'ρ_D/(L+γ) depends on γ/L only (scale invariance); measured 23.5–31.5 (derived, not in the thesis; catalog 002e §2.6: 23.5 at L=γ, 30.4 at L=8γ); grid 101×51 plus golden-section over the tensor direction',
  budget: { quick: { runs: 8 }, default: { runs: 30 }, deep: { runs: 120 } },
  arbitrary: () => fc.record({ Lq: fc.integer({ min: 4, max: 32 }), ratioQ: fc.integer({ min: 1, max: 20 }) }),
  check: ({ Lq, ratioQ }) => rhoCheck(Lq, ratioQ, 40),
  negativeControl: {
    describe: 'the constant 20 instead of 40 (ρ_D/(L+γ) reaches 23.5–31.5)',
    check: ({ Lq, ratioQ }) => rhoCheck(Lq, ratioQ, 20),
  },
});

// ---------------------------------------------------------------------------------------------
// Rank 18. Definitions 7.1–7.3 on D: B = dν; ℓ_D and ρ_D from the grid (C-01–C-03).

function boundedCheck({ d, seed }: { d: number; seed: number }, Bof: (o: Octopus) => number) {
  const r = rng(seed);
  const { L, gamma, tau } = drawConstants(r);
  const o = octopus(d, L, gamma, tau);
  const B = Bof(o);
  let worst = 0;
  for (let q = 0; q < 50; q++) {
    const pc = randomPiece(r, d);
    worst = Math.max(worst, Math.abs(octopusValue(o, pointInPiece(o, r, pc.k, pc.kind))));
  }
  // |f| = dν exactly at the minima (the bound is attained, slack 1).
  worst = Math.max(worst, Math.abs(octopusValue(o, minimumPoint(o, drawSigns(r, d)))));
  return verdict.atMost(worst, B * (1 + 1e-12), `d=${d}: max|f| = ${worst.toPrecision(6)}, B = ${B.toPrecision(6)}`);
}

export const def71 = claim({
  id: 'thesis.ch7.def7.1.bounded',
  source: '002 thesis, Definition 7.1 / Theorem 7.3 (catalog C-01, §2.6)',
  statement: 'on D the octopus is B-bounded with B = dν = dτ²(37L+13γ)/6, attained at the 2^d minima',
  kind: 'bound',
  rationale: 'relative 1e-12 for the rounding of −dν at the minima',
  budget: { quick: sized(30, 8), default: sized(150, 12), deep: sized(600, 16) },
  arbitrary: (b) => fc.record({ d: intIn({ min: 1, max: b.dMax }), seed: seedArb }),
  check: (c) => boundedCheck(c, (o) => o.d * o.nu),
  negativeControl: {
    describe: 'B = (d − 1)ν (forgetting the final drop into the basin)',
    check: (c) => boundedCheck(c, (o) => (o.d - 1) * o.nu),
  },
});

const ellCache = new Map<number, number>();

/** ℓ_D: sup of ‖∇²f‖_op over D (γ = 1, τ = e), on the 801×401 grid (derived, not in the thesis; catalog 002e §2.6) of the transition region. */
function ellD(L: number): number {
  let v = ellCache.get(L);
  if (v === undefined) {
    v = transitionGridSup(lemma74Glue(L, 1, Math.E), transitionHessianNorm, 800, 400).value;
    ellCache.set(L, v);
  }
  return v;
}

function samePiece(o: Octopus, x: Float64Array, y: Float64Array): boolean {
  const cx = locate(o, x), cy = locate(o, y);
  if (cx < 0 || cx !== cy) return false;
  const k = Math.floor(cx / 3);
  for (let j = 0; j <= Math.min(k, o.d - 1); j++) if (sgn(x[j]) !== sgn(y[j]) && (j < k || cx % 3 === 1)) return false;
  return true; // leading/current coordinates keep their signs: the segment stays in one convex piece
}

function lipschitzCheck({ d, Lidx, seed }: { d: number; Lidx: number; seed: number }, ellOf: (L: number) => number) {
  const L = [1, 1.5, 2, Math.E, 3][Lidx], gamma = 1, tau = Math.E;
  const o = octopus(d, L, gamma, tau), r = rng(seed);
  // Hats: grid sups rounded up by 1% (grid resolution for Definitions 7.2–7.3; catalog 002e C-02/C-03).
  const ellHat = 1.01 * ellOf(L), rhoHat = 1.01 * rhoD(L, gamma, tau);
  let worst = 0, what = '';
  for (let q = 0; q < 20; q++) {
    const pc = randomPiece(r, d);
    const x = pointInPiece(o, r, pc.k, pc.kind);
    const y = Float64Array.from(x);
    const step = r.ball(d, 0.05 * tau);
    for (let j = 0; j < d; j++) y[j] += step[j];
    if (!samePiece(o, x, y)) continue;
    let dx = 0;
    for (let j = 0; j < d; j++) dx += (x[j] - y[j]) ** 2;
    dx = Math.sqrt(dx);
    if (dx === 0) continue;
    const gx = octopusGradient(o, x), gy = octopusGradient(o, y);
    let dg = 0;
    for (let j = 0; j < d; j++) dg += (gx[j] - gy[j]) ** 2;
    const ratioG = Math.sqrt(dg) / dx / ellHat;
    const Hx = octopusHessian(o, x).data, Hy = octopusHessian(o, y).data;
    const diff: number[][] = [];
    for (let p = 0; p < d; p++) diff.push(Array.from({ length: d }, (_, j) => Hx[p * d + j] - Hy[p * d + j]));
    const ratioH = spectralNorm(fromRows(diff)) / dx / rhoHat;
    if (ratioG > worst) { worst = ratioG; what = `‖Δ∇f‖/‖Δx‖ in ${pc.kind}@${pc.k}`; }
    if (ratioH > worst) { worst = ratioH; what = `‖Δ∇²f‖/‖Δx‖ in ${pc.kind}@${pc.k}`; }
  }
  return verdict.atMost(worst, 1, `d=${d} L=${L.toFixed(3)}: ℓ̂=${ellHat.toFixed(2)} ρ̂=${rhoHat.toFixed(1)}; worst ${what}`);
}

export const def7273 = claim({
  id: 'thesis.ch7.def7.2-7.3.lipschitz',
  source: '002 thesis, Definitions 7.2–7.3 (catalog C-02, C-03, §2.6)',
  statement: 'on same-piece pairs ‖x − y‖ ≤ 0.05τ of D (γ = 1, τ = e): ‖∇f(x) − ∇f(y)‖ ≤ ℓ_D‖x − y‖ and ‖∇²f(x) − ∇²f(y)‖ ≤ ρ_D‖x − y‖ with d-independent ℓ_D ≈ 11.2L + 4 and ρ_D (thesis Definitions 7.2–7.3; catalog 002e §2.6)',
  kind: 'bound',
  rationale: 'ℓ̂, ρ̂ = grid sup × 1.01 (grid resolution, Definition 7.2; catalog 002e C-02); ℓ_D = 15.54 (L=1) … 34.66 (L=e) is not 2L (catalog 002e §1 trap)',
  budget: { quick: sized(25, 5), default: sized(100, 8), deep: sized(400, 12) },
  arbitrary: (b) => fc.record({ d: intIn({ min: 2, max: b.dMax }), Lidx: fc.integer({ min: 0, max: 4 }), seed: seedArb }),
  check: (c) => lipschitzCheck(c, ellD),
  negativeControl: {
    describe: 'ℓ = 2L (the stable curvature mistaken for the gradient-Lipschitz constant)',
    check: (c) => lipschitzCheck(c, (L) => (2 * L) / 1.01),
  },
});

