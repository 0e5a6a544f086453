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
import { DomainError, describeValue, requireArray, requireObject, requireString } from '../core/errors.ts';
import { isClaim } from './claim.ts';
import type { Claim, LoadedClaim } from './types.ts';

/** A property file's name: *.property.ts in a checkout or a user's project, *.property.js as built into the package. */
export function isPropertyFile(name: string): boolean {
  requireString(name, 'name');
  return /\.property\.[cm]?[jt]s$/.test(name) && !/\.d\.[cm]?ts$/.test(name);
}

/** Every property file under root, depth-first, sorted for a stable order. */
export function propertyFiles(root: string): string[] {
  requireString(root, 'root');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new DomainError(`${root} is not a folder of property files`, 'root');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isPropertyFile(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** A glob as a regular expression over '/'-separated paths: `**` any folders, `*` and `?` within a name, `{a,b}` either. */
export function globRegExp(glob: string): RegExp {
  requireString(glob, 'glob');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (glob.startsWith('**/', i)) { re += '(?:.*/)?'; i += 2; }
    else if (glob.startsWith('**', i)) { re += '.*'; i += 1; }
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') re += '(?:';
    else if (ch === '}') re += ')';
    else if (ch === ',' && glob.lastIndexOf('{', i) > glob.lastIndexOf('}', i)) re += '|';
    else re += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The files of `--claims` patterns (relative to cwd unless absolute): a glob (`theory/` + `**` + `/*.property.ts`;
 * node_modules and dot-folders are not searched), a folder (its property files) or a file. Sorted,
 * without repeats; a pattern that matches no file is a DomainError naming it.
 */
export function claimFiles(patterns: readonly string[], cwd = process.cwd()): string[] {
  requireArray(patterns, '--claims', 'an array of file patterns');
  for (const p of patterns) if (typeof p !== 'string') throw new DomainError(`--claims patterns must be text, got ${describeValue(p)}`, '--claims');
  requireString(cwd, 'cwd');
  const out = new Set<string>();
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern).split(sep).join('/');
    const at = abs.search(/[*?{]/);
    let found: string[];
    if (at < 0) {
      found = !existsSync(abs) ? [] : statSync(abs).isDirectory() ? propertyFiles(abs) : [resolve(abs)];
    } else {
      const base = abs.slice(0, abs.lastIndexOf('/', at) + 1) || '/';
      const re = globRegExp(abs);
      found = [];
      const walk = (dir: string): void => {
        if (!existsSync(dir)) return;
        for (const name of readdirSync(dir).sort()) {
          if (name === 'node_modules' || name.startsWith('.')) continue;
          const p = `${dir}${dir.endsWith('/') ? '' : '/'}${name}`;
          if (statSync(p).isDirectory()) walk(p);
          else if (re.test(p)) found.push(resolve(p));
        }
      };
      walk(base);
    }
    if (found.length === 0) throw new DomainError(`--claims '${pattern}' matches no file (from ${cwd})`, '--claims');
    for (const f of found) out.add(f);
  }
  return [...out].sort();
}

/**
 * The family of a property file: the folder right under `properties/` (properties/two-layer/x.property.ts
 * → two-layer); for a file outside any `properties/` folder, the folder that holds it.
 */
export function familyOf(file: string): string {
  requireString(file, 'file');
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
  requireString(file, 'file');
  requireObject(mod, 'mod', "a module's namespace object");
  const rel = relative(process.cwd(), resolve(file)) || file;
  const family = familyOf(file);
  const claims = Object.values(mod).flatMap((v): Claim[] => (isClaim(v) ? [v] : Array.isArray(v) ? v.filter(isClaim) : []));
  return claims.map((c: Claim) => ({ ...c, family, file: rel }));
}

/**
 * ./properties when the working directory has one (a checkout, or a user's project laid out the
 * same way), else the package's own built-in claims (dist/properties in the installed package).
 */
export function defaultPropertiesRoot(): string {
  if (existsSync('properties')) return 'properties';
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'properties');
}

/**
 * Import every property file under root (or the given files: `--claims`) and return the claims they
 * export, sorted by family then id. TypeScript files need a loader: the gd-theory command and the
 * pool's workers register tsx's in their own process (bin/gd-theory.mjs, pool.ts).
 */
export async function loadClaims(source: string | readonly string[] = defaultPropertiesRoot()): Promise<LoadedClaim[]> {
  if (typeof source !== 'string') {
    requireArray(source, 'source', 'a folder or an array of property files');
    for (const f of source) requireString(f, 'source');
  }
  const byId = new Map<string, LoadedClaim>();
  const files = typeof source === 'string' ? propertyFiles(resolve(source)) : source.map((f) => resolve(f));
  for (const f of files) {
    const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
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
  requireArray(claims, 'claims', 'an array of claims');
  if (filter !== undefined && filter !== null && typeof filter !== 'string') throw new DomainError(`--filter must be text, got ${describeValue(filter)}`, '--filter');
  if (!filter) return claims;
  const terms = filter.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  return claims.filter((c) => terms.some((t) => t.startsWith('=')
    ? c.id.toLowerCase() === t.slice(1)
    : `${c.id} ${c.family ?? ''} ${c.source}`.toLowerCase().includes(t)));
}
