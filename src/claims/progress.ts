/**
 * The progress of a long `check`: claims done / total and an ETA. The ETA weighs each claim by its
 * time in the committed baseline (a claim it does not know counts as the median) and scales the
 * remaining weight by this run's pace so far, so a slower machine or a larger budget is accounted for.
 */
import { DomainError, requireArray } from '../core/errors.ts';

export interface ProgressLine {
  /** Record that a claim finished; returns the progress text after it. */
  done(id: string): string;
  /** Whether a non-interactive log should print a line now (every tenth of the expected work, or 30 s). */
  due(): boolean;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

export function progressLine(ids: readonly string[], times: ReadonlyMap<string, number>, now: () => number = Date.now): ProgressLine {
  requireArray(ids, 'ids', 'an array of claim ids');
  if (!(times instanceof Map)) throw new DomainError('times must be a Map from claim id to milliseconds', 'times');
  if (typeof now !== 'function') throw new DomainError('now must be a function returning milliseconds', 'now');
  const known = ids.map((id) => times.get(id)).filter((t): t is number => t !== undefined && t > 0).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)] : 1;
  const weight = (id: string) => Math.max(1, times.get(id) ?? median);
  const total = ids.reduce((s, id) => s + weight(id), 0);
  const start = now();
  let doneWeight = 0, count = 0, lastTenth = 0, lastAt = start;
  return {
    done(id) {
      count++;
      doneWeight += weight(id);
      const elapsed = now() - start;
      const eta = doneWeight > 0 ? (elapsed / doneWeight) * (total - doneWeight) : NaN;
      const pct = Math.floor((100 * doneWeight) / total);
      return `[${count}/${ids.length}] ${pct}% · elapsed ${clock(elapsed)} · ETA ${count < ids.length && Number.isFinite(eta) ? clock(eta) : '0:00'}`;
    },
    due() {
      const tenth = Math.floor((10 * doneWeight) / total);
      const t = now();
      if (tenth > lastTenth || t - lastAt >= 30_000 || count === ids.length) {
        lastTenth = tenth;
        lastAt = t;
        return true;
      }
      return false;
    },
  };
}
