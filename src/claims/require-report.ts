/**
 * The shape of a Report passed by a caller (not read from a file: files are checked field by field,
 * with the file named, by commands.readReport and diff.parseReport): an object with a budget, a seed
 * and an array of claim results, optional figures and errata arrays. O(claims), as every consumer is.
 */
import { requireArray, requireNumber, requireObject, requireString } from '../core/errors.ts';
import type { Report } from './report.ts';

export function requireReport(rep: Report, argument = 'rep'): Report {
  requireObject(rep, argument, 'a report { version, budget, seed, claims, figures?, errata? }');
  requireString(rep.budget, 'budget');
  requireNumber(rep.seed, 'seed');
  requireArray(rep.claims, 'claims', 'an array of claim results');
  for (const c of rep.claims) requireObject(c, 'claims', 'an array of claim results (objects)');
  if (rep.figures !== undefined) requireArray(rep.figures, 'figures', 'an array of figures');
  if (rep.errata !== undefined) requireArray(rep.errata, 'errata', 'an array of erratum rows');
  return rep;
}
