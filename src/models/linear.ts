/**
 * The linear model u = Xθ with the mean square loss L(θ) = (1/2n) Σ_i (x_iᵀθ − y_i)² of thesis
 * (1.2) (catalog 002a §3.2): the convex warm-up of chapter 1, and the first of the lecture's
 * classical objectives. θ ∈ R^d is one trained block; ∇L = Xᵀ(Xθ − y)/n; the Jacobian rows are x_i.
 */
import { requirePositiveInt } from '../core/errors.ts';
import { type Matrix, zeros } from '../core/matrix.ts';
import { type Model, layoutBlocks } from './model.ts';

/** The residual buffer of n samples. */
export interface LinearWorkspace { readonly res: Float64Array }

export function linearModel(d: number): Model<LinearWorkspace> {
  requirePositiveInt(d, 'd');
  const residuals = (theta: Float64Array, X: Matrix, y: Float64Array | null, res: Float64Array): void => {
    const n = X.rows, data = X.data;
    for (let i = 0; i < n; i++) {
      let r = y ? -y[i] : 0;
      for (let k = 0; k < d; k++) r += data[i * d + k] * theta[k];
      res[i] = r;
    }
  };
  return {
    id: 'linear',
    dim: d,
    blocks: layoutBlocks([{ name: 'theta', rows: 1, cols: d }]),
    inputDim: d,
    outputDim: 1,
    // The source starts GD from θ_0 = 0; the rng is not needed.
    init: () => new Float64Array(d),
    workspace: (n) => ({ res: new Float64Array(requirePositiveInt(n, 'n')) }),
    predict(theta, X, out, ws) {
      residuals(theta, X, null, ws.res);
      out.set(ws.res);
    },
    lossAndGradient(theta, X, y, grad, ws) {
      const n = X.rows, data = X.data, res = ws.res;
      residuals(theta, X, y, res);
      let s = 0;
      for (let i = 0; i < n; i++) s += res[i] * res[i];
      grad.fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) grad[j] += (data[i * d + j] * res[i]) / n;
      return s / (2 * n);
    },
    jacobian(_theta, X) {
      const J = zeros(X.rows, d);
      J.data.set(X.data);
      return J;
    },
  };
}
