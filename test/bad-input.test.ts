/**
 * Bad input, generated over the public API (issue 17, item 6).
 *
 * The table has one row per export of every module of src/ (src/core, data, kernels, models, stats,
 * train, claims, errata and the top-level command modules), except the modules EXCLUDED names with
 * their reason and the modules that only re-export other modules (e.g. src/index.ts: its exports are
 * the same functions, each with its row under the module that defines it; detected from the source:
 * nothing but `export … from` statements); a module that only defines types has no runtime export
 * and so no row. Modules are discovered from the file system and the rows are the union of
 * test/bad-input/*.rows.ts (each exports `rows` and, optionally, `pendingModules`), so a new module
 * brings its own rows file and a new export that is in no rows file fails the "every export is in
 * the table" test. The kinds, bad values and shared valid values are in test/bad-input/harness.ts.
 * A row is either
 *   - a generated row: one valid call, and for each checked argument its kind; the generator feeds
 *     that argument every standard bad value of its kind (NaN, ±Infinity, wrong shape, empty, null,
 *     undefined, Float32Array, number[], a string, negative, non-integer, huge) and asserts a typed
 *     error (a GdTheoryError; NonFiniteError for NaN/±Infinity) naming the argument — unless the row
 *     says the bad value is legitimately accepted for that argument (`accepts`), in which case the
 *     call must return or throw a typed error, never a raw TypeError/RangeError;
 *   - or an explicit exemption with its reason (`exempt`: a class, a constant, a fast-check
 *     arbitrary builder, an unchecked hot-path kernel documented as such), or `pending`: not yet
 *     generated (counted and printed, so the gap is visible).
 * An async export's rejection counts as its throw (the call is awaited).
 * A bad value that makes a call run forever hangs the file: BAD_INPUT_TRACE=<file> appends each
 * case's name before its call, so the last line names the culprit.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GdTheoryError, NonFiniteError } from '../src/core/errors.ts';
import { ACCEPTED_BY_DEFAULT, BADS, badValue, type Arg, type Bad, type Row } from './bad-input/harness.ts';

const SRC = join(import.meta.dirname, '..', 'src');
/** Modules of src/ not imported here, with the reason. */
const EXCLUDED: Record<string, string> = {
  cli: 'the command entry point: importing it runs main() on process.argv (its verbs are the exports of check.ts, commands.ts and cli-spec.ts, which have rows)',
  'claims/pool-worker': 'a worker-thread entry point: importing it outside a worker throws, and it exports nothing (its messages are driven through runClaimsPool, which has a row)',
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []);
}

/** Source made only of `export … from '…'` statements (and comments): the module defines nothing of its own. */
function reExportsOnly(text: string): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return code.replace(/export\s+(type\s+)?(\*|\{[^}]*\})\s+from\s+'[^']*';?/g, '').trim() === '';
}

const MODULES: Record<string, Record<string, unknown>> = {};
for (const file of tsFiles(SRC).sort()) {
  const mod = relative(SRC, file).replace(/\\/g, '/').replace(/\.ts$/, '');
  if (EXCLUDED[mod] !== undefined || reExportsOnly(readFileSync(file, 'utf8'))) continue;
  MODULES[mod] = await import(file) as Record<string, unknown>;
}

const TABLE: Record<string, Row> = {};
const PENDING_MODULES: Record<string, string> = {};
const ROWS_DIR = join(import.meta.dirname, 'bad-input');
for (const name of readdirSync(ROWS_DIR).filter((f) => f.endsWith('.rows.ts')).sort()) {
  const part = await import(join(ROWS_DIR, name)) as { rows: Record<string, Row>; pendingModules?: Record<string, string> };
  for (const [key, row] of Object.entries(part.rows)) {
    if (key in TABLE) throw new Error(`bad-input row ${key} is defined twice (second time in ${name})`);
    TABLE[key] = row;
  }
  Object.assign(PENDING_MODULES, part.pendingModules ?? {});
}

// ---------------------------------------------------------------------------------------------
// The generator

function rowOf(key: string): Row | undefined {
  const row = TABLE[key];
  if (row) return row;
  const mod = key.slice(0, key.lastIndexOf('.'));
  return PENDING_MODULES[mod] !== undefined ? { pending: `${mod}: ${PENDING_MODULES[mod]}` } : undefined;
}

const exported: string[] = Object.entries(MODULES).flatMap(([mod, ns]) => Object.keys(ns).map((name) => `${mod}.${name}`));

function fnOf(key: string): (...args: unknown[]) => unknown {
  const dot = key.lastIndexOf('.');
  return MODULES[key.slice(0, dot)][key.slice(dot + 1)] as (...args: unknown[]) => unknown;
}

function withBad(args: unknown[], at: Arg['at'], value: unknown): unknown[] {
  const out = args.slice();
  if (typeof at === 'number') {
    out[at] = value;
    if (value === undefined && at === out.length - 1) out.length = at; // a trailing undefined is a missing argument
  } else {
    const [i, field] = at;
    out[i] = { ...(out[i] as object), [field]: value };
  }
  return out;
}

/** Call fn; an async function's rejection counts as its throw (it is awaited). */
async function outcome(fn: () => unknown): Promise<{ threw: false } | { threw: true; error: unknown }> {
  try {
    const result = fn();
    if (result instanceof Promise) await result;
    return { threw: false };
  } catch (error) {
    return { threw: true, error };
  }
}

describe('bad input over the public API', () => {
  it('the discovery skips only the excluded entry points and re-export-only modules', () => {
    const skipped = tsFiles(SRC).map((f) => relative(SRC, f).replace(/\\/g, '/').replace(/\.ts$/, '')).filter((m) => !(m in MODULES)).sort();
    expect(skipped).toEqual(['claims/pool-worker', 'cli', 'index']);
  });

  it('every exported function of the library is in the table', () => {
    const missing = exported.filter((key) => rowOf(key) === undefined);
    expect(missing, 'exports with no row in test/bad-input/*.rows.ts').toEqual([]);
    const stale = Object.keys(TABLE).filter((key) => !exported.includes(key));
    expect(stale, 'rows for names that are no longer exported').toEqual([]);
  });

  it('the table coverage is printed (generated / exempt / pending)', () => {
    const rows = exported.map(rowOf);
    const generated = rows.filter((r) => r && 'args' in r).length;
    const exempt = rows.filter((r) => r && 'exempt' in r).length;
    const pending = rows.filter((r) => r && 'pending' in r).length;
    console.log(`bad-input table: ${exported.length} exports, ${generated} generated, ${exempt} exempt, ${pending} pending`);
    expect(generated + exempt + pending).toBe(exported.length);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    if (!('args' in row)) continue;
    describe(key, () => {
      it('the valid call succeeds', async () => {
        const r = await outcome(() => fnOf(key)(...row.args()));
        expect(r.threw ? r.error : null).toBeNull();
      });
      for (const arg of row.check) {
        const accepted = new Set<Bad>(arg.accepts ?? ACCEPTED_BY_DEFAULT[arg.kind] ?? []);
        if (arg.optional) { accepted.add('null'); accepted.add('undefined'); }
        for (const bad of BADS[arg.kind]) {
          const label = `${arg.name} = ${bad}${accepted.has(bad) ? ' (accepted)' : ''}`;
          if (arg.tooLong?.includes(bad)) { it.skip(`${label} (accepted; not called: a run this long, or a file written in the repository)`, () => {}); continue; }
          it(label, async () => {
            const args = row.args();
            const valid = typeof arg.at === 'number' ? args[arg.at] : (args[arg.at[0]] as Record<string, unknown>)[arg.at[1]];
            if (process.env.BAD_INPUT_TRACE) appendFileSync(process.env.BAD_INPUT_TRACE, `${key}: ${label}\n`);
            const r = await outcome(() => fnOf(key)(...withBad(args, arg.at, badValue(arg.kind, bad, valid))));
            if (accepted.has(bad)) {
              // Accepted: a result, or at most a typed error — never a raw TypeError/RangeError.
              if (r.threw) expect(r.error, String(r.error)).toBeInstanceOf(GdTheoryError);
              return;
            }
            expect(r.threw, `${key}: ${label} was not rejected`).toBe(true);
            if (!r.threw) return;
            expect(r.error, `${key}: ${label}: ${String(r.error)}`).toBeInstanceOf(GdTheoryError);
            const e = r.error as GdTheoryError;
            expect(e.argument, `${key}: ${label}: ${e.message}`).toBe(arg.names?.[bad] ?? arg.name);
            if ((bad === 'NaN' || bad === '+Infinity' || bad === '-Infinity') && arg.kind !== 'name' && !arg.nonFiniteIsShape) {
              expect(e, `${key}: ${label}: ${e.message}`).toBeInstanceOf(NonFiniteError);
            }
          });
        }
      }
    });
  }
});
