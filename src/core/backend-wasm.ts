/**
 * Builds src/core/wasm/gemm.wat into a WebAssembly module at load time with wabt (an exact-pinned
 * npm dependency): the repository holds the WAT source only, never a binary. The compiled bytes
 * are cached so that a process after the first loads in ~1 ms instead of ~200 ms — and the cache is
 * not trusted: a verification suite whose kernel could be swapped underneath it would silently
 * change its results.
 *
 * Where: the project's own `node_modules/.cache/gd-theory/` (the nearest node_modules holding this
 * package, or beside the checkout's package.json), else `$XDG_CACHE_HOME/gd-theory` (~/.cache);
 * never a shared temp directory, where another user could plant a file.
 *
 * What an entry is: `gemm-<key>.bin`, key = SHA-256 of the WAT text and the wabt version, holding a
 * one-line header `gd-theory-wasm 1 <key> <byte count> <SHA-256 of the bytes>` and the bytes. On load
 * the header's key must be this key (a stale entry: another WAT or wabt, even if renamed into place),
 * the byte count must match (a truncated entry) and the bytes must hash to the recorded digest (an
 * altered one); otherwise the entry is rebuilt and rewritten, never used. The digest guards against
 * accidents (a half-copied cache, bit rot, a stale file); whoever can write the project's
 * node_modules can change the code itself, so no cache can guard against that.
 *
 * Returns null when this runtime cannot compile the module (no SIMD, or wabt missing), with the reason.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WAT_PATH = fileURLToPath(new URL('./wasm/gemm.wat', import.meta.url));

export interface WasmBuild {
  readonly module: WebAssembly.Module | null;
  /** Why module is null, or where the bytes came from ('built' | 'cache'). */
  readonly note: string;
  /** Why a cache entry was found and not used (stale, truncated, altered, …), when one was. */
  readonly rejected?: string;
}

function wabtVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('wabt/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The cache folder: `<node_modules>/.cache/gd-theory` of the node_modules this package is installed
 * in, or of the checkout this file belongs to (the first folder above it with a package.json and a
 * node_modules); else `$XDG_CACHE_HOME/gd-theory`, or `~/.cache/gd-theory`.
 */
export function defaultCacheDir(from: string = dirname(fileURLToPath(import.meta.url)), env: NodeJS.ProcessEnv = process.env): string {
  const parts = from.split(sep);
  const nm = parts.lastIndexOf('node_modules');
  if (nm > 0) return join(parts.slice(0, nm + 1).join(sep) || sep, '.cache', 'gd-theory');
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'gd-theory');
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gd-theory');
}

/** The cache key: SHA-256 (hex) of the WAT text and the compiler's version. */
export function cacheKey(wat: string, compiler = `wabt@${wabtVersion()}`): string {
  return createHash('sha256').update(wat).update(`\0${compiler}`).digest('hex');
}

const MAGIC = 'gd-theory-wasm 1';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A cache entry: the header line, then the bytes. */
export function encodeEntry(key: string, bytes: Uint8Array): Uint8Array {
  const header = Buffer.from(`${MAGIC} ${key} ${bytes.length} ${sha256(bytes)}\n`, 'latin1');
  return Buffer.concat([header, bytes]);
}

/** The bytes of a cache entry made for `key`, or why it cannot be used. */
export function decodeEntry(entry: Uint8Array, key: string): { bytes: Uint8Array<ArrayBuffer> } | { rejected: string } {
  const nl = entry.indexOf(10);
  if (nl < 0 || nl > 256) return { rejected: 'no header (not a gd-theory cache entry)' };
  const fields = Buffer.from(entry.subarray(0, nl)).toString('latin1').split(' ');
  if (`${fields[0]} ${fields[1]}` !== MAGIC || fields.length !== 5) return { rejected: 'unknown header (not a gd-theory cache entry)' };
  const [, , entryKey, lengthText, digest] = fields;
  if (entryKey !== key) return { rejected: 'stale: made from another WAT source or compiler version' };
  const bytes = Uint8Array.from(entry.subarray(nl + 1));
  if (String(bytes.length) !== lengthText) return { rejected: `truncated or padded: ${bytes.length} bytes, the header says ${lengthText}` };
  if (sha256(bytes) !== digest) return { rejected: 'altered: the bytes do not match the digest in the header' };
  return { bytes };
}

/** Compile WAT text to wasm bytes with wabt (async: wabt's own module is wasm). */
export async function watToWasm(name: string, wat: string): Promise<Uint8Array<ArrayBuffer>> {
  const { default: wabtInit } = await import('wabt');
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(name, wat, { simd: true });
  try {
    parsed.validate();
    return Uint8Array.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The cached module of `key` in `file`, or why there is none to use. */
function readCache(file: string, key: string): { module: WebAssembly.Module } | { rejected?: string } {
  let entry: Uint8Array;
  try {
    entry = readFileSync(file);
  } catch {
    return {}; // not cached yet (or unreadable): build it
  }
  const got = decodeEntry(entry, key);
  if ('rejected' in got) return got;
  try {
    return { module: new WebAssembly.Module(got.bytes) };
  } catch (e) {
    return { rejected: `does not compile: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Build (or load from the cache) the module of `watPath` (default: gemm.wat). `cacheDir` defaults
 * to defaultCacheDir(); the options exist for the tests (another WAT, a private cache folder).
 */
export async function buildGemmModule(opts: { watPath?: string; cacheDir?: string } = {}): Promise<WasmBuild> {
  const watPath = opts.watPath ?? WAT_PATH;
  let wat: string;
  try {
    wat = readFileSync(watPath, 'utf8');
  } catch (e) {
    return { module: null, note: `cannot read ${watPath}: ${String(e)}` };
  }
  const key = cacheKey(wat);
  const dir = opts.cacheDir ?? defaultCacheDir();
  const file = join(dir, `gemm-${key.slice(0, 32)}.bin`);
  const cached = readCache(file, key);
  if ('module' in cached) return { module: cached.module, note: 'cache' };
  const rejected = cached.rejected === undefined ? {} : { rejected: `${file}: ${cached.rejected}` };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await watToWasm('gemm.wat', wat);
  } catch (e) {
    return { module: null, note: `wabt could not build gemm.wat: ${e instanceof Error ? e.message : String(e)}`, ...rejected };
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (e) {
    return { module: null, note: `this runtime cannot compile the SIMD module: ${e instanceof Error ? e.message : String(e)}`, ...rejected };
  }
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, encodeEntry(key, bytes));
    renameSync(tmp, file); // atomic: concurrent workers never read a half-written file
  } catch {
    // a read-only cache folder only costs the rebuild next time
  }
  return { module, note: 'built', ...rejected };
}
