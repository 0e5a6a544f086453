/**
 * λmin(K^(H)) against depth H per architecture and activation (thesis Propositions 3.1, 3.2; the FC depth law derived in catalog 002b §3.35, §3.38),
 * as figure data. The hook: DEPTH_CURVES lists the curves drawn; another architecture (the NF-ResNet of source 004)
 * is added by appending one entry { name, lambda0: (X, H) => λmin of its population Gram } — nothing else changes.
 */
import type { Figure, Series } from '../../src/claims/types.ts';
import type { Matrix } from '../../src/core/matrix.ts';
import { fcKernel, resnetKernel } from '../../src/kernels/deep-recursions.ts';
import { nfResnetKernel } from '../../src/kernels/nf-resnet-kernel.ts';
import { type ActName, activation, inputs } from './kernel-support.ts';

export interface DepthCurve {
  readonly name: string;
  readonly lambda0: (X: Matrix, H: number) => number;
}

const ORDER = (act: ActName) => (act === 'tanh' ? { order: 120 } : {});
const fc = (act: ActName): DepthCurve => ({ name: `FC ${act}`, lambda0: (X, H) => fcKernel(X, activation(act), H, undefined, ORDER(act)).lambda0 });
const res = (act: ActName, cRes = 0.5): DepthCurve => ({ name: `ResNet ${act} (c_res=${cRes})`, lambda0: (X, H) => resnetKernel(X, activation(act), H, cRes, undefined, ORDER(act)).lambda0 });

/** The NF-ResNet of supplement 004 (its population recursion, α_h = 1): defined from H = 2 (a first layer and one residual block). */
const nf = (act: ActName): DepthCurve => ({ name: `NF-ResNet ${act}`, lambda0: (X, H) => (H < 2 ? NaN : nfResnetKernel(X, activation(act), H).lambda0) });

/** The curves of the figure (append an entry here to add an architecture). */
export const DEPTH_CURVES: DepthCurve[] = [fc('relu'), fc('softplus'), fc('tanh'), fc('erf'), res('relu'), res('softplus'), res('tanh'), res('erf'), nf('relu'), nf('erf')];

/** The data shape of the depth laws (Propositions 3.1, 3.2) in the catalog's runs: n = 6 unit inputs in R^5. */
export const depthData = (seed: number): Matrix => inputs(seed, 6, 5);

export function depthSeries(curves: readonly DepthCurve[], X: Matrix, depths: readonly number[]): Series[] {
  return curves.map((c) => ({ name: c.name, x: [...depths], y: depths.map((H) => c.lambda0(X, H)) }));
}

export function depthFigure(seed: number, depths: readonly number[], curves: readonly DepthCurve[] = DEPTH_CURVES): Figure {
  return {
    id: 'thesis.ch3.fig.lambda-min-depth',
    source: '002 thesis ch. 3, Propositions 3.1–3.2 (catalog 002b §3.35 depth law, §3.38 table); no figure in the source',
    caption: `λmin(K^(H)) against depth H on n = 6 unit inputs in R^5 (seed ${seed}): FC decays like χ^H for softplus (χ = 0.318), grows for tanh and erf `
      + '(χ > 1) and decays slowly for ReLU (χ = 1); the ResNet (c_res = ½) decays like 1/H² (Proposition 3.2); the NF-ResNet (004, from H = 2) for comparison',
    xLabel: 'depth H',
    yLabel: 'λmin(K^(H))',
    xLog: true,
    yLog: true,
    series: depthSeries(curves, depthData(seed), depths),
  };
}
