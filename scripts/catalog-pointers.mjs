// node scripts/catalog-pointers.mjs [folders…] — list the lines of src/ and properties/ (or the given
// folders) that point into the project's catalogs ("catalog §3.6", "catalog 002c §2.4", "C-17")
// without citing the source's own numbering on the same line (thesis Lemma 2.3, eq. (2.7), §7.7.1,
// Figure 7.3, …). A reader has the paper, not the catalogs (docs/sources.md): such a pointer should
// stand beside a paper citation, or go. The errata ledger (src/errata/) is keyed by catalog on
// purpose and is skipped. Prints file:line: text and a count; exit 0 always (a to-do list, not a gate).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'properties'];
const paper = /(thesis|Theorems?|Lemmas?|Corollar(y|ies)|Assumptions?|Definitions?|Remarks?|Conditions?|Claims?|Figures?|Algorithm|Propositions?|footnote|Eqs?\.|eq\.|Chapter|ch\. ?\d|Appendix|\(\d+\.\d+\)|\b00[0-4]\b)/;
const files = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? (n === 'errata' ? [] : files(p)) : p.endsWith('.ts') ? [p] : [];
});
let n = 0;
for (const f of roots.flatMap(files)) {
  readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
    if (!/\b[Cc]atalog\b(?!-markdown)/.test(line) || /\bcatalogs?\b\s*[=:(]|\.catalog\b/.test(line)) return;
    if (paper.test(line.replace(/catalog[^;)]*/gi, ''))) return;
    n++;
    console.log(`${f}:${i + 1}: ${line.trim().slice(0, 160)}`);
  });
}
console.log(`${n} line(s) point into a catalog without the paper's own numbering`);
