/**
 * Builds src/core/wasm/gemm.wat into a WebAssembly module at load time with wabt (an exact-pinned
 * npm dependency): the repository holds the WAT source only, never a binary. The compiled bytes
 * are cached under the OS temp directory keyed by the SHA-256 of the WAT text and the wabt version,
 * so a process after the first loads in ~1 ms instead of ~200 ms; a cache entry that does not
 * validate is rebuilt. Returns null when this runtime cannot compile the module (no SIMD, or wabt
 * missing), with the reason.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WAT_PATH = fileURLToPath(new URL('./wasm/gemm.wat', import.meta.url));

export interface WasmBuild {
  readonly module: WebAssembly.Module | null;
  /** Why module is null, or where the bytes came from ('built' | 'cache'). */
  readonly note: string;
}

function wabtVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('wabt/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
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

/**
 * Build (or load from the cache) the module of `watPath` (default: gemm.wat). `cacheDir` defaults
 * to gd-theory-wasm under the OS temp directory; the options exist for the tests of the failure
 * branches (a missing or broken WAT file).
 */
export async function buildGemmModule(opts: { watPath?: string; cacheDir?: string } = {}): Promise<WasmBuild> {
  const watPath = opts.watPath ?? WAT_PATH;
  let wat: string;
  try {
    wat = readFileSync(watPath, 'utf8');
  } catch (e) {
    return { module: null, note: `cannot read ${watPath}: ${String(e)}` };
  }
  const key = createHash('sha256').update(wat).update(`\0wabt@${wabtVersion()}`).digest('hex').slice(0, 32);
  const dir = opts.cacheDir ?? join(tmpdir(), 'gd-theory-wasm');
  const file = join(dir, `gemm-${key}.wasm`);
  try {
    const bytes = readFileSync(file);
    if (WebAssembly.validate(bytes)) return { module: new WebAssembly.Module(bytes), note: 'cache' };
  } catch {
    // not cached yet (or unreadable): build it
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await watToWasm('gemm.wat', wat);
  } catch (e) {
    return { module: null, note: `wabt could not build gemm.wat: ${e instanceof Error ? e.message : String(e)}` };
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (e) {
    return { module: null, note: `this runtime cannot compile the SIMD module: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file); // atomic: concurrent workers never read a half-written file
  } catch {
    // a read-only temp dir only costs the rebuild next time
  }
  return { module, note: 'built' };
}
