/** The progress line of a long check: claims done / total, and an ETA from the baseline's times scaled by the run's pace. */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/claims/progress.ts';

describe('progress line', () => {
  it('counts claims and estimates the rest from the baseline times at the observed pace', () => {
    let t = 0;
    const p = progressLine(['a', 'b', 'c'], new Map([['a', 100], ['b', 300], ['c', 600]]), () => t);
    t = 200; // 'a' (100 baseline ms) took 200 ms: the run goes at half the baseline's pace
    expect(p.done('a')).toBe('[1/3] 10% · elapsed 0:00 · ETA 0:02'); // (300 + 600) · 2 = 1.8 s
    t = 800;
    expect(p.done('b')).toBe('[2/3] 40% · elapsed 0:01 · ETA 0:01');
    t = 2000;
    expect(p.done('c')).toBe('[3/3] 100% · elapsed 0:02 · ETA 0:00');
  });
  it('prints in a plain log at every tenth of the work, every 30 s, and at the end', () => {
    let t = 0;
    const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const p = progressLine(ids, new Map(), () => t);
    let lines = 0;
    for (const id of ids) { t += 10; p.done(id); if (p.due()) lines++; }
    expect(lines).toBe(10);
    const slow = progressLine(['x', 'y', 'z'], new Map([['x', 1], ['y', 1], ['z', 1000]]), () => t);
    slow.done('x');
    t += 31_000;
    expect(slow.due()).toBe(true);
  });
});
