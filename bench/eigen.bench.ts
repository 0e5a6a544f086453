/**
 * Symmetric eigenvalues: src/core/eigen.ts (Householder tridiagonalization + Sturm bisection,
 * values only) against ml-matrix's EigenvalueDecomposition (the previous implementation of
 * linalg.ts, now the test oracle), timed interleaved in the same run on the same matrices:
 *   ml-matrix   EigenvalueDecomposition(assumeSymmetric) — tred2 + tql2, with eigenvectors;
 *   all         symmetricEigenvaluesFast: the whole spectrum;
 *   extremes    eigenExtremes: λmin and λmax from one reduction;
 *   cholesky    isPositiveDefiniteShifted(A, λmin − δ): the yes/no certificate "λmin > t".
 * Matrices: the arc-cosine Gram matrix H∞ of n unit inputs in d = 10 (the claims' use) and a
 * random symmetric Gaussian matrix. Also prints the largest eigenvalue difference from ml-matrix.
 *
 * Run: npm run bench:eigen   Options: --reps N (default 5)  --quick (n ≤ 200)
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { eigenExtremes, symmetricEigenvaluesFast } from '../src/core/eigen.ts';
import { isPositiveDefiniteShifted } from '../src/core/linalg.ts';
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { rng } from '../src/core/rng.ts';
import { sphereInputs } from '../src/data/sphere.ts';
import { gramInfinity } from '../src/kernels/arccos.ts';
import { machineLine, pairedRatio, positiveIntArg, printTable, timeInterleaved } from './common.ts';

function randomSymmetric(n: number): Matrix {
  const r = rng(`bench/eigen/${n}`);
  const A = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { const v = r.normal(); A.data[i * n + j] = v; A.data[j * n + i] = v; }
  return A;
}

function mlEigenvalues(a: Matrix): Float64Array {
  const n = a.rows;
  const ml = new MlMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ml.set(i, j, a.data[i * n + j]);
  return Float64Array.from(new EigenvalueDecomposition(ml, { assumeSymmetric: true }).realEigenvalues).sort();
}

function main(): void {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const reps = positiveIntArg(argv, '--reps', quick ? 3 : 5);
  console.log(`eigen bench — ${machineLine()}; median of ${reps} interleaved repetitions\n`);
  const head = ['matrix', 'n', 'ml-matrix ms', 'all ms', 'extremes ms', 'cholesky ms', 'ml/all', 'ml/extremes', 'ml/cholesky', 'max|Δλ|/‖A‖'];
  const rows: string[][] = [];
  const sizes = quick ? [50, 200] : [50, 200, 500, 1000];
  for (const n of sizes) {
    for (const kind of ['H∞ (d=10)', 'Gaussian'] as const) {
      const A = kind === 'Gaussian' ? randomSymmetric(n) : gramInfinity(sphereInputs(rng(`bench/eigen/x/${n}`), n, 10));
      const want = mlEigenvalues(A);
      const got = symmetricEigenvaluesFast(A);
      let diff = 0, norm = 0;
      for (let k = 0; k < n; k++) { diff = Math.max(diff, Math.abs(got[k] - want[k])); norm = Math.max(norm, Math.abs(want[k])); }
      const shift = want[0] - 1e-8 * norm;
      const mlReps = n >= 1000 ? Math.min(reps, 3) : reps;
      const t = timeInterleaved([
        () => { mlEigenvalues(A); },
        () => { symmetricEigenvaluesFast(A); },
        () => { eigenExtremes(A); },
        () => { isPositiveDefiniteShifted(A, shift); },
      ], mlReps, quick ? 0.1 : 0.3, quick ? 0.1 : 0.3);
      const ms = (i: number) => (t.med[i] * 1000).toFixed(n >= 200 ? 1 : 3);
      rows.push([kind, String(n), ms(0), ms(1), ms(2), ms(3),
        `${pairedRatio(t.per[0], t.per[1]).toFixed(1)}×`, `${pairedRatio(t.per[0], t.per[2]).toFixed(1)}×`, `${pairedRatio(t.per[0], t.per[3]).toFixed(1)}×`,
        (diff / norm).toExponential(1)]);
    }
  }
  printTable(head, rows);
  console.log('\nratios = median over repetitions of (ml-matrix time)/(our time) in the same repetition.');
}

main();
