/** Bad-input rows of src/errata/ (issue 17, item 6): the ledger's checks and the errata command. */
import type { Erratum } from '../../src/errata/types.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { a, type Row } from './harness.ts';

/** Every export of a ledger data file (src/errata/sources/*.ts, one per catalog) is data: checked by checkLedger and checkSources. */
const SOURCES = join(import.meta.dirname, '..', '..', 'src', 'errata', 'sources');
const SOURCE_ROWS: Record<string, Row> = {};
for (const f of readdirSync(SOURCES).filter((n) => n.endsWith('.ts')).sort()) {
  const mod = await import(join(SOURCES, f)) as Record<string, unknown>;
  for (const name of Object.keys(mod)) {
    SOURCE_ROWS[`errata/sources/${f.slice(0, -3)}.${name}`] = { exempt: 'constant: ledger data (checked by errata/ledger.checkLedger and checkSources)' };
  }
}

const E = (): Erratum => ({
  id: '002a.E1', catalog: '002a', source: '002 thesis ch. 2', location: 'Lemma 2.2', printed: 'c = 2', corrected: 'c = 4',
  status: 'falsified', claim: 'bad-input.tiny',
});
const ENTRIES = () => [E()];
const CLAIMS = () => [{ id: 'bad-input.tiny', kind: 'falsified' as const }];
const noLog = () => {};

export const rows: Record<string, Row> = {
  'errata/types.ERRATUM_STATUSES': { exempt: 'constant' },
  ...SOURCE_ROWS,
  'errata/ledger.CATALOG_KEYS': { exempt: 'constant' },
  'errata/ledger.LEDGER_SOURCES': { exempt: 'constant' },
  'errata/ledger.LEDGER': { exempt: 'constant' },
  'errata/ledger.requireEntries': { args: () => [ENTRIES()], check: [a('entries', 'object', 0)] },
  'errata/ledger.checkLedger': { args: () => [ENTRIES(), CLAIMS()], check: [a('entries', 'object', 0), a('claims', 'object', 1)] },
  'errata/ledger.checkSources': { args: () => [[{ catalog: '002a', source: '002 thesis ch. 2', entries: ENTRIES() }]], check: [a('sources', 'object', 0)] },
  'errata/ledger.assertLedger': { args: () => [ENTRIES(), CLAIMS()], check: [a('entries', 'object', 0), a('claims', 'object', 1)] },
  'errata/ledger.countsByCatalog': { args: () => [ENTRIES()], check: [a('entries', 'object', 0)] },
  'errata/ledger.errataRows': { args: () => [ENTRIES(), []], check: [a('entries', 'object', 0), a('results', 'object', 1)] },
  'errata/command.ERRATA_USAGE': { exempt: 'constant' },
  'errata/command.filterLedger': {
    args: () => [ENTRIES(), { source: '002a', status: 'falsified' }],
    check: [a('entries', 'object', 0), a('f', 'object', 1), a('--source', 'name', [1, 'source'], { optional: true }), a('--status', 'name', [1, 'status'], { optional: true })],
  },
  'errata/command.shorten': { args: () => ['printed → corrected', 8], check: [a('s', 'name', 0, { accepts: ['string'] }), a('n', 'size', 1, { accepts: ['huge'] })] },
  'errata/command.formatLedger': { args: () => [ENTRIES()], check: [a('entries', 'object', 0)] },
  'errata/command.errataCommand': {
    args: () => [['--status', 'falsified'], { entries: ENTRIES(), claims: async () => CLAIMS(), log: noLog }],
    check: [a('argv', 'object', 0), a('deps', 'object', 1, { optional: true, tooLong: ['undefined'] })],
  },
};

