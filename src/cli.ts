/**
 * gd-theory list | check [--filter F] [--budget quick|default|deep] [--seed N|random]
 *                        [--replay seed:path] [--json] [--out report/claims.json] [--markdown]
 *                        [--update-fixtures]   (rewrite saved counterexamples of falsified claims)
 *                        [--html FILE|none]    (the page next to the JSON: report/index.html, or X.html for --out X.json)
 *                        [--target [--evals N]] (worst-case search on bound/exact claims)
 *                        [--case FILE]         (run one claim on a saved case)
 *                        [--jobs N]            (claims in parallel; capped at the core count)
 *                        [--time-limit S]      (a claim running longer is stopped as `error`; default per budget)
 *           soak --runs N [--budget quick] [--jobs N] [--seed MASTER]   (the suite under N seeds; src/soak.ts)
 *           diff base.json head.json [--threshold REL] [--abs ABS] | report [FILE] | new <family>/<name>
 *           baseline [report.json] [--out FILE] | errata [--source CATALOG|TEXT] [--status STATUS] [--no-check]
 * The check loop and its argument parsing live in check.ts; the other verbs in commands.ts.
 */
import { loadClaims, filterClaims } from './claims/registry.ts';
import { caseCommand, subcommand, targetCommand, UsageError } from './commands.ts';
import { checkCommand, checkOutputs, parseArgs, USAGE, VERBS } from './check.ts';
import { soakCommand } from './soak.ts';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const verb = argv[0] ?? 'help';
  // An unknown verb is named before any claim is loaded.
  if (!(VERBS as readonly string[]).includes(verb)) throw new UsageError(`unknown command '${verb}'\n${USAGE}`, verb);
  const sub = subcommand(argv);
  if (sub !== null) return await sub;
  const args = parseArgs(argv);
  if (args.cmd === 'help' || args.cmd === '--help' || args.cmd === '-h') { console.log(USAGE); return 0; }
  // Output paths are checked before the claims are loaded, let alone run.
  checkOutputs(args);
  const claims = filterClaims(await loadClaims(), args.filter);
  if (args.cmd === 'list') {
    // One line per claim: id, kind, family (its folder), the file that defines it, and its source.
    for (const c of claims) console.log(`${c.id.padEnd(44)} ${c.kind.padEnd(12)} ${c.family.padEnd(15)} ${c.file.padEnd(52)} ${c.source}`);
    console.log(`${claims.length} claims`);
    return 0;
  }
  if (claims.length === 0) { console.error(`no claim matches --filter ${args.filter}`); return 2; }
  if (args.cmd === 'soak') return await soakCommand(claims, args);
  if (args.target) return targetCommand(claims, { budget: args.budget, seed: args.seed, evals: args.evals, log: console.log });
  if (args.caseFile) return caseCommand(claims, args.caseFile, args.budget, console.log);
  return await checkCommand(claims, args);
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
