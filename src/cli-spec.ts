/**
 * The command line's one description: every verb with its options, their values and help. The usage
 * text, `gd-theory help`, `gd-theory <verb> --help` and the parsing (node:util's parseArgs: both
 * `--opt=value` and `--opt value`) are all made from this table, so they cannot disagree.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { UsageError } from './claims/usage.ts';
import { GdTheoryError, requireArray, requireString } from './core/errors.ts';

export interface OptionSpec {
  /** 'string' takes a value (`--opt value` or `--opt=value`); 'boolean' is a flag. */
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in the usage text ('N', 'FILE', 'quick|default|deep'). */
  readonly value?: string;
  readonly help: string;
  /** The option may be given more than once (the values are collected). */
  readonly multiple?: boolean;
}

export interface VerbSpec {
  readonly summary: string;
  /** Positional arguments as shown in the usage ('base.json head.json', '[FILE]'); none when absent. */
  readonly positionals?: string;
  /** How many positionals it takes: [min, max]. */
  readonly arity?: readonly [number, number];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Extra lines after the option list (forms of the verb, notes). */
  readonly notes?: readonly string[];
}

const BUDGET = 'quick|default|deep';

/** An option another verb shares with check, same value and meaning. */
const asForCheck = (value: string) => ({ type: 'string', value, help: 'as for check' }) as const;

export const VERB_SPECS = {
  check: {
    summary: 'run the claims: the table, report/claims.json and report/index.html; exit 1 when a claim is not as expected',
    options: {
      filter: { type: 'string', value: 'F', help: "claims to run: comma-separated families, id prefixes, or '=id' for one claim" },
      claims: { type: 'string', value: 'GLOB', multiple: true, help: "your own property files instead of the built-in claims (repeatable), e.g. 'theory/**/*.property.ts'" },
      budget: { type: 'string', value: BUDGET, help: 'case sizes and counts (default: default)' },
      seed: { type: 'string', value: 'N|random', help: "the run's seed; every random choice flows from it (default: 42)" },
      replay: { type: 'string', value: 'SEED:PATH', help: 'rerun one failing case (printed with every failure); needs --filter =id' },
      case: { type: 'string', value: 'FILE', help: 'run one claim on a saved case (fixtures/worst, fixtures/counterexamples); needs --filter =id' },
      target: { type: 'boolean', help: 'worst-case search on bound and exact claims (saves fixtures/worst/<id>.json)' },
      evals: { type: 'string', value: 'N', help: 'check evaluations per claim for --target' },
      jobs: { type: 'string', value: 'N', help: 'claims in parallel, in worker threads (default and cap: the core count)' },
      shard: { type: 'string', value: 'I/N', help: 'run the I-th of N parts of the selected claims, balanced by the baseline times (join them with merge)' },
      out: { type: 'string', value: 'FILE', help: 'the JSON report (default: report/claims.json)' },
      html: { type: 'string', value: 'FILE|none', help: 'the page (default: index.html beside claims.json, X.html for --out X.json)' },
      json: { type: 'boolean', help: 'print the report JSON instead of the table' },
      markdown: { type: 'boolean', help: 'print the table as Markdown' },
      'update-fixtures': { type: 'boolean', help: 'rewrite the saved counterexamples of falsified claims' },
      quiet: { type: 'boolean', help: 'no progress line' },
      'time-limit': { type: 'string', value: 'S', help: 'seconds a claim may run before it is stopped as error (default: quick 120, default 900, deep 14400)' },
    },
  },
  soak: {
    summary: 'the suite under N run seeds drawn from a master seed: per claim how often it held and its control was caught, every miss with its seed; exit 1 on a miss',
    options: {
      runs: { type: 'string', value: 'N', help: 'the number of run seeds (required)' },
      filter: asForCheck('F'),
      budget: { type: 'string', value: BUDGET, help: 'case sizes and counts (default: quick)' },
      seed: { type: 'string', value: 'MASTER|random', help: 'the master seed the run seeds are drawn from (default: random, printed)' },
      jobs: asForCheck('N'),
      out: { type: 'string', value: 'FILE', help: 'the summary, a claims report with a soak section (default: report/soak.json)' },
      html: { type: 'string', value: 'FILE|none', help: 'its page (default: none)' },
      'time-limit': asForCheck('S'),
      quiet: { type: 'boolean', help: 'print only the summary' },
    },
  },
  list: {
    summary: 'list the claims: id, kind, family, file, source',
    options: {
      filter: asForCheck('F'),
      claims: { type: 'string', value: 'GLOB', multiple: true, help: 'as for check' },
      markdown: { type: 'boolean', help: "the README's claims table (one row per family) instead of one line per claim" },
    },
  },
  merge: {
    summary: "join the reports of `check --shard i/N` runs into one report and its page",
    positionals: 'SHARD.json…', arity: [1, Infinity],
    options: {
      out: { type: 'string', value: 'FILE', help: 'the joined report (default: report/claims.json)' },
      html: { type: 'string', value: 'FILE|none', help: 'the page (default: beside --out, as for check)' },
      quiet: { type: 'boolean', help: 'print only the summary line' },
    },
  },
  diff: {
    summary: 'the regression gate: compare two reports; exit 1 on a regression',
    positionals: 'base.json head.json', arity: [2, 2],
    options: {
      threshold: { type: 'string', value: 'REL', help: 'relative slack increase that counts as a regression' },
      abs: { type: 'string', value: 'ABS', help: 'absolute slack increase that counts as a regression' },
      'rate-tol': { type: 'string', value: 'DROP', help: "drop of a control's catching rate that counts as a regression (default 0.05)" },
      json: { type: 'boolean', help: 'print the diff as JSON' },
    },
  },
  report: {
    summary: 'write the page of a saved report',
    positionals: '[report/claims.json]', arity: [0, 1],
    options: { html: { type: 'string', value: 'FILE|none', help: 'the page (default: beside the report)' } },
  },
  baseline: {
    summary: 'bless a quick/seed-42 report as the theory baseline (fixtures/baseline/claims.json)',
    positionals: '[report.json]', arity: [0, 1],
    options: {
      out: { type: 'string', value: 'FILE', help: 'where to write it (default: fixtures/baseline/claims.json)' },
      'allow-failing': { type: 'boolean', help: 'bless a run with claims that are not as expected' },
    },
  },
  new: {
    summary: 'scaffold a new claim file properties/<family>/<name>.property.ts',
    positionals: '<family>/<name>', arity: [1, 1],
    options: { force: { type: 'boolean', help: 'overwrite an existing file' } },
  },
  errata: {
    summary: 'print the errata ledger and check it against the claims; exit 1 when it breaks a rule',
    options: {
      source: { type: 'string', value: 'CATALOG|TEXT[,…]', help: "catalog keys ('002a') or text of the source ('ch. 7')" },
      status: { type: 'string', value: 'STATUS[,…]', help: 'falsified, refuted-by-control, corrected-in, notation, not-an-error' },
      'no-check': { type: 'boolean', help: 'print only, skip the check against the claims' },
    },
  },
  help: {
    summary: 'this text; `gd-theory <verb> --help` for one verb',
    positionals: '[VERB]', arity: [0, 1],
    options: {},
  },
} as const satisfies Record<string, VerbSpec>;

export type Verb = keyof typeof VERB_SPECS;

export const VERBS = Object.keys(VERB_SPECS) as Verb[];

export function isVerb(s: string): s is Verb {
  return Object.prototype.hasOwnProperty.call(VERB_SPECS, s);
}

/** A verb of the table (a library caller's typo is a UsageError naming it, not a TypeError). */
function specOf(verb: Verb): VerbSpec {
  if (typeof verb !== 'string' || !isVerb(verb)) throw new UsageError(`unknown command '${String(verb)}' (gd-theory help lists the commands)`, 'verb');
  return VERB_SPECS[verb];
}

function optionText(name: string, o: OptionSpec): string {
  return o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? 'VALUE'}`;
}

/** One line per verb: its name, positionals and options. */
export function verbLine(verb: Verb): string {
  const s = specOf(verb);
  const opts = Object.entries(s.options).map(([n, o]) => `[${optionText(n, o)}]`);
  return ['gd-theory', verb, ...(s.positionals ? [s.positionals] : []), ...opts].join(' ');
}

export const EXIT_CODES = [
  [0, 'every claim as expected (check, merge), no regression (diff), done (other verbs)'],
  [1, 'a theory failure: a claim not as expected, a regression, a broken ledger'],
  [2, 'usage: an unknown verb or option, a bad value, an unreadable input file, an output that cannot be written'],
  [3, 'internal error: a bug in gd-theory (please report it with the command line)'],
] as const;

/** The whole usage text (`gd-theory help`). */
export function usage(): string {
  const w = Math.max(...VERBS.map((v) => v.length));
  return [
    'usage: gd-theory <verb> [options]   (options as --opt value or --opt=value)',
    '',
    ...VERBS.map((v) => `  ${v.padEnd(w)}  ${VERB_SPECS[v].summary}`),
    '',
    'gd-theory <verb> --help lists the verb\'s options.',
    'exit codes: ' + EXIT_CODES.map(([c, t]) => `${c} ${t.split(':')[0].split(' (')[0]}`).join('; '),
  ].join('\n');
}

/** One verb's help: its line, its options with their help, its notes. */
export function verbUsage(verb: Verb): string {
  const s = specOf(verb);
  const rows = Object.entries(s.options).map(([n, o]) => [optionText(n, o), o.help] as const);
  const w = Math.max(0, ...rows.map(([a]) => a.length));
  return [
    `usage: ${verbLine(verb)}`,
    '',
    s.summary,
    ...(rows.length ? ['', 'options:', ...rows.map(([a, h]) => `  ${a.padEnd(w)}  ${h}`), `  ${'--help'.padEnd(w)}  this text`] : []),
    ...(s.notes ?? []),
  ].join('\n');
}

export interface ParsedVerb {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  /** `--help` (or -h) was given: print verbUsage and exit 0. */
  readonly help: boolean;
}

/** The option a node:util parseArgs error is about ('--foo'), from its message. */
function optionOf(message: string): string {
  const m = /'(-{1,2}[^' =]+)/.exec(message);
  return m ? m[1] : 'options';
}

/**
 * Parse one verb's arguments. An unknown option, a missing value, a value given to a flag or a wrong
 * number of positionals is a UsageError naming it (one line; the CLI exits 2).
 */
export function parseVerb(verb: Verb, argv: readonly string[]): ParsedVerb {
  const s = specOf(verb);
  requireArray(argv, 'argv', 'an array of command-line words');
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [n, o] of Object.entries(s.options)) options[n] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = nodeParseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: string }).code;
    const opt = optionOf(msg);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${opt} for ${verb} (gd-theory ${verb} --help lists them)`, opt);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const takes = s.options[opt.replace(/^-+/, '')]?.type === 'string';
      throw new UsageError(takes ? `${opt} needs a value (${opt} VALUE or ${opt}=VALUE; a value starting with '-' needs ${opt}=VALUE)` : `${opt} takes no value`, opt);
    }
    throw new UsageError(`${verb}: ${msg.split('\n')[0]}`, opt);
  }
  const help = parsed.values.help === true;
  const [min, max] = s.arity ?? [0, 0];
  const n = parsed.positionals.length;
  if (!help && (n < min || n > max)) {
    if (max === 0) throw new UsageError(`${verb} takes no argument, got ${parsed.positionals[0]} (gd-theory ${verb} --help)`, parsed.positionals[0]);
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new UsageError(`${verb} takes ${want} argument${max === 1 ? '' : 's'} (${s.positionals}), got ${n}`, 'arguments');
  }
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [k, v] of Object.entries(parsed.values)) if (k !== 'help') values[k] = v as string | boolean | string[];
  return { values, positionals: parsed.positionals, help };
}

/** A non-negative number option (diff's thresholds). */
export function nonNegative(name: string, text: string): number {
  if (typeof text !== 'string') throw new UsageError(`${name} needs a non-negative number, got ${String(text)}`, name);
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`${name} needs a non-negative number, got ${text}`, name);
  return v;
}

/** A positive number of seconds (--time-limit), in milliseconds. */
export function positiveSeconds(name: string, text: string): number {
  if (typeof text !== 'string') throw new UsageError(`${name} must be a positive number of seconds, got ${String(text)}`, name);
  const v = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(v > 0)) throw new UsageError(`${name} must be a positive number of seconds, got ${text}`, name);
  return v * 1000;
}

/** A positive integer option (--evals, --runs). */
export function positiveInt(name: string, text: string): number {
  if (typeof text !== 'string') throw new UsageError(`${name} must be a positive integer, got ${String(text)}`, name);
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) throw new UsageError(`${name} must be a positive integer, got ${text}`, name);
  return Number(text);
}

/**
 * The exit code of an error that reached the CLI: 2 for a typed error — what the user can fix (usage,
 * an input file, an output path, a value the library rejects, naming it); 3 for anything else, a bug.
 */
export function exitCodeOf(e: unknown): 2 | 3 {
  return e instanceof GdTheoryError ? 2 : 3;
}

/** The README's command-line reference: the exit codes, then each verb with its options (from the same table). */
export function cliMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out = ['| exit code | meaning |', '|---|---|', ...EXIT_CODES.map(([c, t]) => `| ${c} | ${cell(t)} |`), ''];
  for (const v of VERBS) {
    const s: VerbSpec = VERB_SPECS[v];
    out.push(`**\`${verbLine(v).replace(/ \[--.*$/, '')}\`** — ${s.summary}`, '');
    const opts = Object.entries(s.options);
    if (opts.length) out.push('| option | |', '|---|---|', ...opts.map(([n, o]) => `| \`${cell(optionText(n, o))}\` | ${cell(o.help)} |`), '');
  }
  out.push('Every option takes `--opt value` or `--opt=value`; `gd-theory <verb> --help` prints the same list.');
  return out.join('\n');
}

export const CLI_BEGIN = '<!-- cli-reference:begin (generated by `npm run readme:cli`; edit src/cli-spec.ts) -->';
export const CLI_END = '<!-- cli-reference:end -->';

/** The README with its command-line reference block regenerated (the markers must be present). */
export function withCliReference(readme: string): string {
  requireString(readme, 'readme');
  const a = readme.indexOf(CLI_BEGIN), b = readme.indexOf(CLI_END);
  if (a < 0 || b < a) throw new UsageError(`README.md lacks the ${CLI_BEGIN} … ${CLI_END} markers`, 'README.md');
  return `${readme.slice(0, a + CLI_BEGIN.length)}\n${cliMarkdown()}\n${readme.slice(b)}`;
}
