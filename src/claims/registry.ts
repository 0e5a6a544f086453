/**
 * Loading claims. A property file only exports its claims (`export const x = claim({...})`); this
 * module finds them: the CLI and the worker pool import every *.property.ts under the root and keep
 * the exports claim() made, each with its family (the folder under properties/) and its file. It
 * never imports vitest; under vitest, src/claims/vitest-plugin.ts turns each property file's exports
 * into tests instead (src/claims/vitest.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DomainError } from '../core/errors.ts';
import { isClaim } from './claim.ts';
import type { Claim, LoadedClaim } from './types.ts';

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

/**
 * The family of a property file: the folder right under `properties/` (properties/two-layer/x.property.ts
 * → two-layer); for a file outside any `properties/` folder, the folder that holds it.
 */
export function familyOf(file: string): string {
  const parts = resolve(file).split(sep);
  const i = parts.lastIndexOf('properties');
  if (i >= 0 && i + 2 < parts.length) return parts[i + 1];
  return basename(dirname(resolve(file)));
}

/**
 * The claims a property file's module exports, each with its family and file (path relative to the
 * cwd). An export is a claim or an array of claims (a file that generates its claims from a
 * registry, like properties/gradients/models.property.ts, exports them as one array).
 */
export function claimsOfModule(file: string, mod: Record<string, unknown>): LoadedClaim[] {
  const rel = relative(process.cwd(), resolve(file)) || file;
  const family = familyOf(file);
  const claims = Object.values(mod).flatMap((v): Claim[] => (isClaim(v) ? [v] : Array.isArray(v) ? v.filter(isClaim) : []));
  return claims.map((c: Claim) => ({ ...c, family, file: rel }));
}

/** ./properties when the working directory has one (a checkout or a user's project), else the package's own. */
export function defaultPropertiesRoot(): string {
  if (existsSync('properties')) return 'properties';
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'properties');
}

/** Import every property file under root and return its exported claims, sorted by family then id. */
export async function loadClaims(root = defaultPropertiesRoot()): Promise<LoadedClaim[]> {
  return loadClaimFiles(propertyFiles(resolve(root)));
}

/** Import the given property files and return their exported claims, sorted by family then id. */
export async function loadClaimFiles(files: readonly string[]): Promise<LoadedClaim[]> {
  const byId = new Map<string, LoadedClaim>();
  for (const f of files) {
    const mod = (await import(pathToFileURL(resolve(f)).href)) as Record<string, unknown>;
    for (const c of claimsOfModule(f, mod)) {
      const prev = byId.get(c.id);
      // The same claim re-exported by a second file is one claim; two different specs are a clash.
      if (prev && prev.spec !== c.spec) throw new DomainError(`claim id '${c.id}' is defined in ${prev.file} and ${c.file}`, 'id');
      if (!prev) byId.set(c.id, c);
    }
  }
  return [...byId.values()].sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
}

/**
 * Claims whose id, family or source contains any of the comma-separated filter terms
 * (case-insensitive). A term written `=id` selects exactly that claim id (used by --replay, so a
 * replay never picks up claims whose ids merely start with the same text).
 */
export function filterClaims<T extends Claim>(claims: T[], filter: string | undefined): T[] {
  if (!filter) return claims;
  const terms = filter.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  return claims.filter((c) => terms.some((t) => t.startsWith('=')
    ? c.id.toLowerCase() === t.slice(1)
    : `${c.id} ${c.family ?? ''} ${c.source}`.toLowerCase().includes(t)));
}
