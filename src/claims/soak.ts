/**
 * The soak run (issue 14): the suite under N run seeds, summarized per claim — how often it held,
 * how often its negative control was caught, the control's catching rate, and every miss with the
 * seed that replays it. The summary is a claims report (report/claims.json's contract, so `diff`
 * and `report` read it) whose rows aggregate the N runs, plus a `soak` section:
 *   - a row's verdict is the expected one when every run had it, else the first miss's verdict;
 *     its control is `caught` when every run caught it, else `missed`; its worst slack is the
 *     worst over the runs, its median slack the median of the runs' medians, its runs the fewest
 *     cases of any run, its control rate the caught cases over all control cases of all runs;
 *   - the report's `seed` is the soak's master seed: the run seeds are drawn from it (soakSeeds),
 *     so `--seed MASTER` replays the whole soak and two soaks at the same master seed are diffable.
 */
import { requireAllocatable, requireFiniteNumber, requirePositiveInt } from '../core/errors.ts';
import { median } from '../stats/summary.ts';
import { isGreen, type Report } from './report.ts';
import { claimSeed } from './seed.ts';
import { replayCommand } from './runner.ts';
import type { BudgetName, ClaimResult, VerdictName } from './types.ts';

/** One run in which a claim was not as expected (it failed, errored, or its control was missed). */
export interface SoakMiss {
  /** The run seed: `check --seed` with it re-runs the claim exactly. */
  seed: number;
  verdict: VerdictName;
  control: string;
  controlRate: number | null;
  /** The claim's replay string in that run (fast-check seed:path of its failing case). */
  replay: string;
  /** The command that re-runs the claim at that seed (its control included). */
  command: string;
  /** For a failing case: the command that replays that one case. */
  replayCase: string | null;
  message: string | null;
}

export interface SoakRow {
  id: string;
  kind: string;
  /** Runs (seeds) of the claim. */
  seeds: number;
  /** Runs in which the claim's verdict was the expected one. */
  held: number;
  /** Runs in which its negative control was caught (falsified claims: the corrected statement held). */
  controlCaught: number;
  /** The lowest catching rate of its control over the runs (null: no control rate recorded). */
  minControlRate: number | null;
  misses: SoakMiss[];
}

export interface SoakSection {
  masterSeed: number;
  seeds: number[];
  claims: SoakRow[];
}

/** N run seeds drawn from a master seed (31-bit, distinct from each other). */
export function soakSeeds(masterSeed: number, runs: number): number[] {
  requireFiniteNumber(masterSeed, 'masterSeed');
  requireAllocatable(requirePositiveInt(runs, 'runs'), 'runs', `${runs} seeds`);
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; out.length < runs; i++) {
    const s = claimSeed(masterSeed, `soak:${i}`);
    if (!seen.has(s)) { seen.add(s); out.push(s); }
  }
  return out;
}

function expectedVerdict(r: ClaimResult): VerdictName {
  return r.kind === 'falsified' ? 'falsified-as-expected' : 'holds';
}

/** The soak row of one claim from its runs (one result per seed, in seed order). */
export function soakRow(runs: readonly { seed: number; result: ClaimResult }[], budget: BudgetName): SoakRow {
  const first = runs[0].result;
  const rates = runs.map((x) => x.result.controlRate).filter((x): x is number => typeof x === 'number');
  return {
    id: first.id, kind: first.kind, seeds: runs.length,
    held: runs.filter((x) => x.result.verdict === expectedVerdict(x.result)).length,
    controlCaught: runs.filter((x) => x.result.control === 'caught').length,
    minControlRate: rates.length ? Math.min(...rates) : null,
    misses: runs.filter((x) => !isGreen(x.result)).map(({ seed, result: r }) => ({
      seed, verdict: r.verdict, control: r.control, controlRate: r.controlRate ?? null, replay: r.replay,
      command: `npm run check -- --filter '=${r.id}' --budget ${budget} --seed ${seed}`,
      replayCase: r.verdict === 'fails' || r.verdict === 'error' ? replayCommand(r, budget) : null,
      message: r.message ?? r.controlDetail ?? null,
    })),
  };
}

/** The aggregate report row of one claim over its runs (see the module comment). */
export function soakResult(runs: readonly { seed: number; result: ClaimResult }[]): ClaimResult {
  const rs = runs.map((x) => x.result);
  const first = rs[0];
  const miss = rs.find((r) => !isGreen(r));
  const finite = (xs: (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
  const worsts = finite(rs.map((r) => r.worstSlack));
  const medians = finite(rs.map((r) => r.medianSlack));
  const cases = rs.reduce((a, r) => a + (r.controlCases ?? 0), 0);
  const caught = rs.reduce((a, r) => a + (r.controlRate ?? 0) * (r.controlCases ?? 0), 0);
  const withRate = rs.some((r) => typeof r.controlRate === 'number');
  const verdict = rs.every((r) => r.verdict === expectedVerdict(r)) ? first.verdict : (rs.find((r) => r.verdict !== expectedVerdict(r)) as ClaimResult).verdict;
  const control = rs.every((r) => r.control === 'none') ? 'none' : rs.every((r) => r.control === 'caught') ? 'caught' : 'missed';
  const source = miss ?? first;
  return {
    id: first.id, family: first.family, source: first.source, kind: first.kind, verdict, control,
    runs: Math.min(...rs.map((r) => r.runs)), worstSlack: worsts.length ? Math.max(...worsts) : null,
    medianSlack: medians.length ? median(medians) : null,
    controlRate: withRate && cases > 0 ? Math.round(caught) / cases : null, controlCases: cases,
    replay: source.replay, ms: rs.reduce((a, r) => a + r.ms, 0), statement: first.statement,
    controlDescription: first.controlDescription, controlDetail: source.controlDetail,
    message: miss ? `${miss.message ? `${miss.message}; ` : ''}first miss at run seed ${runs[rs.indexOf(miss)].seed}` : undefined,
    worstDetail: first.worstDetail, counterexample: miss?.counterexample,
  };
}

/** The soak's report: one aggregate row per claim (in the claims' order) and the soak section. */
export function soakReport(
  budget: BudgetName, masterSeed: number, seeds: readonly number[], byClaim: readonly (readonly { seed: number; result: ClaimResult }[])[],
): Report & { soak: SoakSection } {
  return {
    version: 1, budget, seed: masterSeed, claims: byClaim.map(soakResult),
    soak: { masterSeed, seeds: [...seeds], claims: byClaim.map((runs) => soakRow(runs, budget)) },
  };
}

/** The soak table: per claim, held and control caught out of the runs, and the control's catching rate (mean, lowest). */
export function soakTable(rep: Report & { soak: SoakSection }): string {
  const head = ['claim', 'kind', 'held', 'control caught', 'catching rate', 'lowest rate', 'misses'];
  const rows = rep.soak.claims.map((s, i) => {
    const rate = rep.claims[i].controlRate;
    return [s.id, s.kind, `${s.held}/${s.seeds}`, `${s.controlCaught}/${s.seeds}`, rate === null || rate === undefined ? '—' : rate.toFixed(3),
      s.minControlRate === null ? '—' : s.minControlRate.toFixed(3), s.misses.length ? s.misses.map((m) => m.seed).join(' ') : ''];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every miss of the soak, each with the command that re-runs the claim at its seed. */
export function soakMisses(sec: SoakSection): string[] {
  const out: string[] = [];
  for (const s of sec.claims) {
    for (const m of s.misses) {
      out.push(`✗ ${s.id} at seed ${m.seed}: ${m.verdict}, control ${m.control}${m.controlRate !== null ? ` (catching rate ${m.controlRate.toFixed(3)})` : ''}`);
      if (m.message) out.push(`  ${m.message}`);
      out.push(`  re-run: ${m.command}`);
      if (m.replayCase) out.push(`  replay the case: ${m.replayCase}`);
    }
  }
  return out;
}
