/**
 * The errata ledger (DESIGN.md "The errata ledger"; issue 13): one entry per printed error of a
 * source, with where it is, what is printed, what holds instead, and how the suite accounts for it.
 * Every source has one data file under src/errata/sources/ (002a.ts for catalog 002a, ...);
 * src/errata/ledger.ts joins them and checks them against the claims.
 */

/**
 * How the suite accounts for an erratum:
 *   falsified           a numeric statement that is wrong: a `falsified` claim finds and shrinks its
 *                       counterexample and checks the corrected statement on it (`claim`);
 *   refuted-by-control  the printed statement is what some claim's negative control catches (`claim`);
 *   corrected-in        the corrected statement is asserted by a claim (`claim`), and the printed one
 *                       cannot be exercised on its own (`why`);
 *   notation            a typo or notational slip with no numeric content (`why`: one line saying so);
 *   not-an-error        recorded in the catalog as loose or unclear, but true (`why`).
 * A printed constant, exponent, rate, probability or inequality that is wrong is `falsified`, never
 * `notation`: if a number can show it, the suite shows it.
 */
export type ErratumStatus = 'falsified' | 'refuted-by-control' | 'corrected-in' | 'notation' | 'not-an-error';

export const ERRATUM_STATUSES: readonly ErratumStatus[] = ['falsified', 'refuted-by-control', 'corrected-in', 'notation', 'not-an-error'];

export interface Erratum {
  /** '<catalog>.<number>', e.g. '002a.E4' (the catalog's own numbering). */
  readonly id: string;
  /** The catalog file's key: '000', '001-003-004', '002a', '002b', '002c', '002d', '002e'. */
  readonly catalog: string;
  /** The source as a reader names it: '002 thesis ch. 2'. */
  readonly source: string;
  /** The source's own location: 'Lemma 2.2 proof', 'eq. (4.12)', 'Table 5.1'. */
  readonly location: string;
  /** What is printed (plain text, the source's notation). */
  readonly printed: string;
  /** What holds instead. */
  readonly corrected: string;
  readonly status: ErratumStatus;
  /** The claim id that accounts for it (falsified, refuted-by-control, corrected-in). */
  readonly claim?: string;
  /** Further claims that show the same erratum, when it prints more than one wrong number (002e.E2). */
  readonly alsoClaims?: readonly string[];
  /** corrected-in: why the printed statement cannot be exercised; notation / not-an-error: the one line. */
  readonly why?: string;
}
