/**
 * npm run docs:claims — regenerate the claims table of README.md (between its claims-table markers)
 * and docs/claims.md from the property files. `--check`: write nothing, exit 1 naming each stale file
 * (test/docs-claims.test.ts runs the same comparison in npm test).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { claimDocs } from '../src/claims/catalog-markdown.ts';
import { loadClaims } from '../src/claims/registry.ts';

const check = process.argv.includes('--check');
const docs = claimDocs(await loadClaims('properties'), readFileSync('README.md', 'utf8'));
if (docs.readme === null) {
  console.error('README.md has no claims-table markers');
  process.exit(2);
}
const targets: [string, string][] = [['README.md', docs.readme], ['docs/claims.md', docs.index]];
let stale = 0;
for (const [path, text] of targets) {
  let old = '';
  try { old = readFileSync(path, 'utf8'); } catch { /* new file */ }
  if (old === text) continue;
  stale++;
  if (check) console.error(`${path} is stale: run npm run docs:claims`);
  else { writeFileSync(path, text); console.log(`wrote ${path}`); }
}
process.exit(check && stale ? 1 : 0);
