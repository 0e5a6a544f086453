/**
 * The gd-theory command. Every verb, option and exit code is described once, in cli-spec.ts
 * (`gd-theory help`, `gd-theory <verb> --help`); the check loop lives in check.ts, the other verbs
 * in commands.ts. Exit codes: 0 as expected, 1 a theory failure or regression, 2 usage, 3 internal error.
 */
import { claimFiles, loadClaims, filterClaims } from './claims/registry.ts';
import { caseCommand, subcommand, targetCommand, UsageError } from './commands.ts';
import { checkCommand, checkOutputs, parseArgs } from './check.ts';
import { exitCodeOf, isVerb, usage, verbUsage } from './cli-spec.ts';
import { familyTableMarkdown } from './claims/catalog-markdown.ts';
import { soakCommand } from './soak.ts';

async function main(argv: string[]): Promise<number> {
  const verb = argv[0] ?? 'help';
  if (verb === '--help' || verb === '-h') { console.log(usage()); return 0; }
  // An unknown verb is named before any claim is loaded.
  if (!isVerb(verb)) throw new UsageError(`unknown command '${verb}' (gd-theory help lists the commands)`, verb);
  if (verb === 'help') {
    const about = argv[1];
    if (about !== undefined && !isVerb(about)) throw new UsageError(`unknown command '${about}' (gd-theory help lists the commands)`, about);
    console.log(about === undefined ? usage() : verbUsage(about));
    return 0;
  }
  const sub = subcommand(argv);
  if (sub !== null) return await sub;
  const args = parseArgs(argv);
  if (args.help) { console.log(verbUsage(args.cmd)); return 0; }
  // Output paths are checked before the claims are loaded, let alone run.
  checkOutputs(args);
  const claims = filterClaims(await loadClaims(args.claims ? claimFiles(args.claims) : undefined), args.filter);
  if (args.cmd === 'list' && args.markdown) { console.log(familyTableMarkdown(claims)); return 0; }
  if (args.cmd === 'list') {
    // One line per claim: id, kind, family (its folder), the file that defines it, and its source.
    for (const c of claims) console.log(`${c.id.padEnd(44)} ${c.kind.padEnd(12)} ${c.family.padEnd(15)} ${c.file.padEnd(52)} ${c.source}`);
    console.log(`${claims.length} claims`);
    return 0;
  }
  if (claims.length === 0) throw new UsageError(`no claim matches --filter ${args.filter}`, '--filter');
  if (args.cmd === 'soak') return await soakCommand(claims, args);
  if (args.target) return targetCommand(claims, { budget: args.budget, seed: args.seed, evals: args.evals, log: console.log });
  if (args.caseFile) return caseCommand(claims, args.caseFile, args.budget, console.log);
  return await checkCommand(claims, args);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  const code = exitCodeOf(e);
  const msg = e instanceof Error ? e.message : String(e);
  console.error(code === 2 ? `gd-theory: ${msg}` : `gd-theory: internal error: ${e instanceof Error && e.stack ? e.stack : msg}\n(please report it with the command line)`);
  process.exitCode = code;
});
