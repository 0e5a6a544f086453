/**
 * Documentation a reader can follow: the README's claims table and docs/claims.md are generated
 * from the property files and current (`npm run docs:claims` rewrites them); every claim's source
 * starts with a tag docs/sources.md resolves to a full reference, and cites the paper's own
 * numbering — a catalog pointer (the project's unpublished digests) only ever stands beside it.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimDocs, familyTableMarkdown, replaceBlock, sourceTag } from '../src/claims/catalog-markdown.ts';
import { loadClaims } from '../src/claims/registry.ts';
import type { LoadedClaim } from '../src/claims/types.ts';

let claims: LoadedClaim[] = [];
beforeAll(async () => { claims = await loadClaims('properties'); }, 120_000);

describe('generated claim documents', () => {
  it('README.md\'s claims table and docs/claims.md are current (else: npm run docs:claims)', () => {
    const docs = claimDocs(claims, readFileSync('README.md', 'utf8'));
    expect(docs.readme, 'README.md lost its claims-table markers').not.toBeNull();
    expect(docs.readme === readFileSync('README.md', 'utf8'), 'README.md claims table is stale: run npm run docs:claims').toBe(true);
    expect(docs.index === readFileSync('docs/claims.md', 'utf8'), 'docs/claims.md is stale: run npm run docs:claims').toBe(true);
  });

  it('the table has one row per family, and its counts add up to every claim', () => {
    const table = familyTableMarkdown(claims);
    const families = [...new Set(claims.map((c) => c.family))];
    for (const f of families) expect(table).toMatch(new RegExp(`^\\| ${f} \\|`, 'm'));
    expect(table).toContain(`| **all** | | **${claims.length}** |`);
  });

  it('replaceBlock rewrites only between the markers, and reports missing markers', () => {
    const text = 'a\n<!-- claims-table:begin (generated: npm run docs:claims) -->\nold\n<!-- claims-table:end -->\nb';
    expect(replaceBlock(text, 'new')).toBe('a\n<!-- claims-table:begin (generated: npm run docs:claims) -->\nnew\n<!-- claims-table:end -->\nb');
    expect(replaceBlock('no markers', 'new')).toBeNull();
  });
});

describe('claim sources', () => {
  const sources = readFileSync('docs/sources.md', 'utf8');
  const tags = [...sources.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  // The paper's own numbering: a named item, an equation or a section of the source.
  const numbering = /\b(Theorems?|Lemmas?|Corollar(?:y|ies)|Assumptions?|Definitions?|Remarks?|Conditions?|Claims?|Figures?|Algorithm|Propositions?|footnote|Eqs?\.|eq\.|Chapter|Appendix|Table)\b|\(\d+\.\d+\)|\b[Ee]qs?\. ?\(\d+[a-z]?\)|§\d+(\.\d+)*/;

  it('docs/sources.md lists the tags', () => {
    expect(tags).toEqual(expect.arrayContaining(['000', '001', '002 thesis', '003', '004', 'issue N']));
  });

  it('every claim\'s source starts with a tag of docs/sources.md', () => {
    const known = (tag: string) => tags.includes(tag) || (/^issue \d+$/.test(tag) && tags.includes('issue N'));
    expect(claims.filter((c) => !known(sourceTag(c.source))).map((c) => `${c.id}: ${c.source}`)).toEqual([]);
  });

  it('every paper claim cites the paper\'s own numbering, not only a catalog pointer', () => {
    const uncited = claims.filter((c) => !sourceTag(c.source).startsWith('issue'))
      .filter((c) => !numbering.test(c.source.replace(/\(catalog[^)]*\)|catalog [^;,)]*/g, '')))
      .map((c) => `${c.id}: ${c.source}`);
    expect(uncited).toEqual([]);
  });

  it('sourceTag reads the tag', () => {
    expect(sourceTag('002 thesis, Lemma 2.3 (catalog 002a §3.21)')).toBe('002 thesis');
    expect(sourceTag('003, Theorem 1')).toBe('003');
    expect(sourceTag('issue 7 (fast core): …')).toBe('issue 7');
  });
});
