/**
 * The binomial law summed term by term, for the stats family: the exact reference the verdict
 * statistics of src/stats/ are checked against. Each term is exp(ln C(n, j) + j ln p + (n − j) ln(1 − p))
 * — no regularized Beta, so a wrong Beta parameter in the code under test cannot cancel here.
 */
import { logBinomial } from '../../src/stats/clopper-pearson.ts';

/** P[Bin(n, p) = j]. */
export function binomialPmf(j: number, n: number, p: number): number {
  if (p === 0) return j === 0 ? 1 : 0;
  if (p === 1) return j === n ? 1 : 0;
  return Math.exp(logBinomial(n, j) + j * Math.log(p) + (n - j) * Math.log1p(-p));
}

/** Σ_{j = lo}^{hi} P[Bin(n, p) = j], smallest terms first (the tail end) so that they are not lost. */
export function binomialMass(lo: number, hi: number, n: number, p: number): number {
  const from = Math.max(lo, 0), to = Math.min(hi, n);
  const terms: number[] = [];
  for (let j = from; j <= to; j++) terms.push(binomialPmf(j, n, p));
  terms.sort((a, b) => a - b);
  let s = 0;
  for (const t of terms) s += t;
  return s;
}

/**
 * The levels the suite's statistical claims use (grep properties/ for ALPHA, CP_ALPHA, MC_ALPHA):
 * 0.05 (thm2.2 / thm2.3 failure rates), 1e-3 (lemma 2.1 concentration), 1e-6 (most claims), and the
 * per-case levels 1e-6/runs down to 1e-7 and below (Bonferroni over a deep run).
 */
export const CLAIM_LEVELS: readonly number[] = [0.05, 1e-3, 1e-6, 1e-7, 5e-9];
