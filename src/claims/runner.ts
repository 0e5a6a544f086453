/**
 * The claim runner: fast-check drives the cases; each check's lhs, rhs and slack are recorded; the
 * negative control is run and the claim FAILS when the control is not caught. For `falsified`
 * claims the printed statement must be refuted, the counterexample is shrunk and returned, and the
 * corrected statement must hold on it.
 */
import fc from 'fast-check';
import { VerdictKindError, requireFiniteNumber, requireNumber, requireObject } from '../core/errors.ts';
import { requireBudgetName, requireClaim } from './claim.ts';
import { median } from '../stats/summary.ts';
import { claimSeed } from './seed.ts';
import type { BudgetName, Claim, ClaimResult, ControlName, FitData, Figure, Verdict, VerdictData, VerdictName } from './types.ts';
import { DEFINITIONS, isBuilt } from './verdict.ts';

export interface RunOptions {
  budget: BudgetName;
  /** The run seed (fixed by default for reproducible CI). */
  seed: number;
  /** Replay one case: the claim's own fast-check seed and the path of the case. */
  replay?: { seed: number; path?: string };
  /** Skip the negative control (used by --replay). */
  skipControl?: boolean;
  /**
   * Told before each case is checked: the phase, the fast-check seed of that phase and the case's
   * index in its run (its replay path while generating). A worker stores it where the pool can read
   * it when it stops a claim that ran past its time limit (src/claims/pool.ts).
   */
  onCase?: (phase: CasePhase, seed: number, index: number) => void;
}

/** What a claim run is doing: its own cases, shrinking a failure, its control's cases, its figures. */
export type CasePhase = 'claim' | 'shrink' | 'control' | 'figures';
export const CASE_PHASES: readonly CasePhase[] = ['claim', 'shrink', 'control', 'figures'];

interface Recorded { slacks: number[]; worst: { slack: number; detail?: string; fit?: FitData } | null; firstFailure: Verdict | null; thrown: unknown }

function recorder(): Recorded {
  return { slacks: [], worst: null, firstFailure: null, thrown: null };
}

/** The slack a builder recorded (a verdict read back from JSON without one: lhs/rhs, as bounds). */
export function slackOf(v: VerdictData): number {
  requireObject(v, 'v', 'a verdict');
  if (v.slack !== undefined) return v.slack;
  if (v.rhs !== 0) return v.lhs / v.rhs;
  return v.lhs <= 0 ? 0 : Infinity;
}

/**
 * Hold a check to its kind's slack definitions (DESIGN.md: one definition per kind). A negative
 * control's verdicts must come from a builder too, but any builder: only "caught" is recorded of it.
 */
function checked(kind: Claim['kind'] | 'control', v: Verdict): Verdict {
  if (!isBuilt(v)) throw new VerdictKindError(`a ${kind} check must return a verdict from src/claims/verdict.ts, got ${JSON.stringify(v)}`, 'check');
  if (kind !== 'control' && !DEFINITIONS[kind].includes(v.definition)) {
    throw new VerdictKindError(`a ${kind} claim cannot use the '${v.definition}' slack (allowed: ${DEFINITIONS[kind].join(', ')})`, 'check');
  }
  return v;
}

/** Run a predicate under fast-check, recording verdicts until the first failure (not the shrinks). */
function runProperty<C>(
  arb: fc.Arbitrary<C>, check: (c: C) => Verdict, rec: Recorded,
  params: { seed: number; numRuns: number; path?: string; endOnFailure: boolean; onCase?: RunOptions['onCase'] },
) {
  let index = 0;
  const prop = fc.property(arb, (c) => {
    params.onCase?.(rec.firstFailure === null && rec.thrown === null ? 'claim' : 'shrink', params.seed, index++);
    let v: Verdict;
    try {
      v = check(c);
    } catch (e) {
      if (rec.firstFailure === null && rec.thrown === null) rec.thrown = e;
      throw e;
    }
    if (rec.firstFailure === null && rec.thrown === null) {
      const s = slackOf(v);
      if (Number.isFinite(s)) rec.slacks.push(s);
      if (rec.worst === null || s > rec.worst.slack) rec.worst = { slack: s, detail: v.detail, fit: v.fit };
      if (!v.holds) rec.firstFailure = v;
    }
    return v.holds;
  });
  return fc.check(prop, { seed: params.seed, numRuns: params.numRuns, path: params.path, endOnFailure: params.endOnFailure });
}

/** A control run on every one of its cases: how many caught it, and the first case that decided. */
interface ControlTally { cases: number; caught: number; first: { verdict: Verdict } | { thrown: unknown } | null }

/**
 * Run the negative control on all its cases (not only up to the first catch), so that the report
 * can give the fraction of cases that catch it; a control with `rateCases` is measured on its first
 * rateCases cases and, past them, checked only until its first catch. The verdict is decided as
 * before by the first case that does not hold: caught when its check said so, missed when it threw.
 */
function runControl<C>(
  arb: fc.Arbitrary<C>, check: (c: C) => Verdict, params: { seed: number; numRuns: number; rateCases: number; onCase?: RunOptions['onCase'] },
): ControlTally {
  const tally: ControlTally = { cases: 0, caught: 0, first: null };
  let index = 0;
  const prop = fc.property(arb, (c) => {
    params.onCase?.('control', params.seed, index++);
    if (tally.cases >= params.rateCases && tally.first !== null) return true;
    tally.cases++;
    try {
      const v = check(c);
      if (!v.holds) {
        tally.caught++;
        tally.first ??= { verdict: v };
      }
    } catch (e) {
      // fc.pre inside a control skips the case, as fast-check would.
      if (fc.PreconditionFailure.isFailure(e)) { tally.cases--; throw e; }
      tally.first ??= { thrown: e };
    }
    return true;
  });
  fc.check(prop, { seed: params.seed, numRuns: params.numRuns });
  return tally;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export function runClaim(claim: Claim, opts: RunOptions): ClaimResult {
  requireClaim(claim);
  requireObject(opts, 'opts', 'an object { budget, seed, replay?, skipControl? }');
  requireBudgetName(opts.budget);
  requireFiniteNumber(opts.seed, 'seed');
  if (opts.replay !== undefined) requireFiniteNumber(requireObject(opts.replay, 'replay', 'an object { seed, path? }').seed, 'replay');
  const spec = claim.spec;
  const seed = opts.replay?.seed ?? claimSeed(opts.seed, claim.id);
  // The budget as the claim sees it, with the claim's seed (for constructions fixed per run).
  const b = { ...spec.budget[opts.budget], claimSeed: seed };
  const t0 = performance.now();
  const rec = recorder();
  const numRuns = opts.replay ? 1 : b.runs;
  const falsified = claim.kind === 'falsified';
  let verdict: VerdictName;
  let replay = String(seed);
  let counterexample: ClaimResult['counterexample'];
  let message: string | undefined;
  let control: ControlName = 'none';
  let controlDetail: string | undefined;

  const details = runProperty(spec.arbitrary(b), (c) => checked(claim.kind, spec.check(c, b)), rec, {
    seed, numRuns, path: opts.replay?.path, endOnFailure: false, onCase: opts.onCase,
  });
  let controlRate: number | null = null;
  let controlCases = 0;

  if (details.failed) {
    replay = `${details.seed}:${details.counterexamplePath ?? ''}`;
    const shrunk = details.counterexample?.[0];
    if (rec.thrown !== null || details.errorInstance !== null && details.errorInstance !== undefined && rec.firstFailure === null) {
      verdict = 'error';
      message = describeError(rec.thrown ?? details.errorInstance);
    } else {
      verdict = falsified ? 'falsified-as-expected' : 'fails';
      let shrunkVerdict: VerdictData;
      try {
        shrunkVerdict = spec.check(shrunk, b);
      } catch (e) {
        shrunkVerdict = { holds: false, lhs: NaN, rhs: NaN, detail: describeError(e) };
      }
      counterexample = { case: shrunk, verdict: shrunkVerdict };
      if (falsified && spec.corrected) {
        // The falsified claim's control: the corrected statement holds where the printed one fails.
        try {
          const cv = spec.corrected(shrunk, b);
          control = cv.holds ? 'caught' : 'missed';
          controlDetail = `corrected: lhs ${fmt(cv.lhs)} vs rhs ${fmt(cv.rhs)}${cv.detail ? ` (${cv.detail})` : ''}`;
          if (!cv.holds) verdict = 'fails';
        } catch (e) {
          control = 'missed';
          controlDetail = `corrected statement threw: ${describeError(e)}`;
          verdict = 'error';
        }
      }
    }
  } else {
    verdict = falsified ? 'fails' : 'holds';
    if (falsified) message = `no counterexample to the printed statement in ${details.numRuns} runs`;
  }

  if (!falsified && spec.negativeControl && !opts.skipControl) {
    const nc = spec.negativeControl;
    const crec = recorder();
    // The control reuses the claim's arbitrary unless it gives its own.
    const tally = runControl((nc.arbitrary ?? spec.arbitrary)(b), (c) => checked('control', nc.check(c, b)), {
      seed: claimSeed(seed, 'control'), numRuns: b.controlRuns ?? b.runs, rateCases: nc.rateCases ?? Infinity, onCase: opts.onCase,
    });
    controlCases = tally.cases;
    controlRate = tally.cases > 0 ? tally.caught / tally.cases : 0;
    const first = tally.first;
    if (first !== null && 'verdict' in first) {
      control = 'caught';
      const v = first.verdict;
      controlDetail = `caught: lhs ${fmt(v.lhs)} vs rhs ${fmt(v.rhs)}${v.detail ? ` (${v.detail})` : ''}`;
    } else if (first !== null) {
      control = 'missed';
      controlDetail = `control threw instead of failing: ${describeError(first.thrown)}`;
    } else {
      control = 'missed';
      controlDetail = `control held on all ${tally.cases} cases`;
    }
    // A claim whose false variant is not caught proves nothing.
    if (control === 'missed' && verdict === 'holds') verdict = 'fails';
  }

  const worst = rec.slacks.length ? Math.max(...rec.slacks) : null;
  return {
    id: claim.id, family: claim.family ?? 'unregistered', source: claim.source, kind: claim.kind, verdict,
    runs: details.numRuns, worstSlack: worst, medianSlack: rec.slacks.length ? median(rec.slacks) : null,
    control, controlRate, controlCases, replay, ms: Math.round(performance.now() - t0), statement: claim.statement,
    counterexample, controlDescription: claim.controlDescription, controlDetail, message,
    worstDetail: rec.worst?.detail, slacks: rec.slacks, fit: rec.worst?.fit,
  };
}

export function fmt(x: number): string {
  requireNumber(x, 'x');
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(2) : x.toPrecision(3);
}

/** Compute a claim's figure series at a budget (deterministic: seeded from the run seed and id). */
export function claimFigures(claim: Claim, budget: BudgetName, runSeed: number, onCase?: RunOptions['onCase']): Figure[] {
  requireClaim(claim);
  requireBudgetName(budget);
  requireFiniteNumber(runSeed, 'runSeed');
  const spec = claim.spec;
  if (!spec.figures) return [];
  const seed = claimSeed(runSeed, `${claim.id}/figures`);
  onCase?.('figures', seed, 0);
  return spec.figures(spec.budget[budget], seed).map((f) => ({ ...f, claimId: claim.id }));
}

/** The command that replays a result's failing case. */
export function replayCommand(r: ClaimResult, budget: BudgetName): string {
  requireObject(r, 'r', 'a claim result');
  requireBudgetName(budget);
  return `npm run check -- --filter '=${r.id}' --budget ${budget} --replay ${r.replay}`;
}
