/**
 * The claim registry. A property file calls `verify(...claims)`: outside vitest that registers the
 * claims for the CLI; under vitest it also defines one test per claim and one per control.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DomainError } from '../core/errors.ts';
import type { Claim } from './types.ts';
import { defineVitestClaims } from './vitest.ts';

const registered = new Map<string, Claim>();

export function verify(...claims: Claim[]): void {
  for (const c of claims) {
    const prev = registered.get(c.id);
    if (prev && prev !== c) throw new DomainError(`claim id '${c.id}' is registered twice`, 'id');
    registered.set(c.id, c);
  }
  defineVitestClaims(claims);
}

export function registeredClaims(): Claim[] {
  return [...registered.values()];
}

/** Every *.property.ts under root, depth-first, sorted for a stable order. */
export function propertyFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.property.ts')) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Import every property file under root (they register themselves) and return the claims. */
/** ./properties when the working directory has one (a checkout or a user's project), else the package's own. */
export function defaultPropertiesRoot(): string {
  if (existsSync('properties')) return 'properties';
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'properties');
}

export async function loadClaims(root = defaultPropertiesRoot()): Promise<Claim[]> {
  for (const f of propertyFiles(resolve(root))) await import(pathToFileURL(f).href);
  return registeredClaims().sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
}

/**
 * Claims whose id, family or source contains any of the comma-separated filter terms
 * (case-insensitive). A term written `=id` selects exactly that claim id (used by --replay, so a
 * replay never picks up claims whose ids merely start with the same text).
 */
export function filterClaims(claims: Claim[], filter: string | undefined): Claim[] {
  if (!filter) return claims;
  const terms = filter.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  return claims.filter((c) => terms.some((t) => t.startsWith('=')
    ? c.id.toLowerCase() === t.slice(1)
    : `${c.id} ${c.family} ${c.source}`.toLowerCase().includes(t)));
}
