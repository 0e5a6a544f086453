/**
 * src/core/backend-wasm.ts: the load-time WAT → wasm build and its cache. backend.ts calls
 * buildGemmModule once at import (a static path Stryker does not mutate), so these tests call it
 * directly, against a private temp directory: first call builds, second reads the cache, a corrupt
 * cache entry is rebuilt and rewritten, an unwritable cache directory still yields a module.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAT_PATH, buildGemmModule, watToWasm } from '../src/core/backend-wasm.ts';

const EXPORTS = ['gemm', 'gemm_masked', 'gemm_relu', 'mask_outer', 'relu_colsum'];

function exportNames(m: WebAssembly.Module): string[] {
  return WebAssembly.Module.exports(m).map((e) => e.name).filter((n) => EXPORTS.includes(n)).sort();
}

describe('src/core/backend-wasm.ts: buildGemmModule and its cache', () => {
  const savedTmp = process.env.TMPDIR;
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(savedTmp ?? tmpdir(), 'gd-wasm-test-'));
    process.env.TMPDIR = dir;
  });

  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds on the first call, writes one cache file keyed by a 32-hex hash, and reads it on the second', async () => {
    const first = await buildGemmModule();
    expect(first.note).toBe('built');
    expect(first.module).not.toBeNull();
    expect(exportNames(first.module as WebAssembly.Module)).toEqual(EXPORTS);
    const cacheDir = join(dir, 'gd-theory-wasm');
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1); // the temp file was renamed, not left behind
    expect(files[0]).toMatch(/^gemm-[0-9a-f]{32}\.wasm$/);
    const bytes = readFileSync(join(cacheDir, files[0]));
    expect(WebAssembly.validate(bytes)).toBe(true);

    const second = await buildGemmModule();
    expect(second.note).toBe('cache');
    expect(exportNames(second.module as WebAssembly.Module)).toEqual(EXPORTS);
  });

  it('rebuilds (and rewrites) a cache entry that does not validate', async () => {
    await buildGemmModule();
    const cacheDir = join(dir, 'gd-theory-wasm');
    const file = join(cacheDir, readdirSync(cacheDir)[0]);
    writeFileSync(file, Uint8Array.from([0, 97, 115, 109, 9, 9])); // a wasm magic number, then garbage
    const again = await buildGemmModule();
    expect(again.note).toBe('built');
    expect(again.module).not.toBeNull();
    expect(WebAssembly.validate(readFileSync(file))).toBe(true);
    expect((await buildGemmModule()).note).toBe('cache');
  });

  it('still returns a module when the cache directory cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: make the cache path a file instead, so mkdir fails
      writeFileSync(join(dir, 'gd-theory-wasm'), 'not a directory');
    } else {
      chmodSync(dir, 0o500);
    }
    const r = await buildGemmModule();
    expect(r.note).toBe('built');
    expect(r.module).not.toBeNull();
    expect((await buildGemmModule()).note).toBe('built'); // nothing was cached
  });

  it('names the cache file by the SHA-256 of the WAT text and the wabt version, so an edited WAT never reads an old entry', async () => {
    await buildGemmModule();
    const cacheDir = join(dir, 'gd-theory-wasm');
    const [name] = readdirSync(cacheDir);
    expect(existsSync(WAT_PATH)).toBe(true);
    // The key is the SHA-256 of the WAT text plus the wabt version, 32 hex digits of it.
    const { createHash } = await import('node:crypto');
    const { createRequire } = await import('node:module');
    const version = (createRequire(import.meta.url)('wabt/package.json') as { version: string }).version;
    const key = createHash('sha256').update(readFileSync(WAT_PATH, 'utf8')).update(`\0wabt@${version}`).digest('hex').slice(0, 32);
    expect(name).toBe(`gemm-${key}.wasm`);
  });
});

describe('src/core/backend-wasm.ts: buildGemmModule of another WAT file (the failure branches)', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gd-wasm-fail-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('a missing WAT file: no module, "cannot read <path>: <error>", nothing cached', async () => {
    const watPath = join(dir, 'missing.wat'), cacheDir = join(dir, 'cache');
    const r = await buildGemmModule({ watPath, cacheDir });
    expect(r.module).toBeNull();
    expect(r.note.startsWith(`cannot read ${watPath}: Error: ENOENT`)).toBe(true);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('WAT that does not parse: no module, wabt\'s message (naming gemm.wat and the position), nothing cached', async () => {
    const watPath = join(dir, 'bad.wat'), cacheDir = join(dir, 'cache');
    writeFileSync(watPath, '(module (func (i32.bogus)))');
    const r = await buildGemmModule({ watPath, cacheDir });
    expect(r.module).toBeNull();
    expect(r.note.startsWith('wabt could not build gemm.wat: parseWat failed:')).toBe(true);
    expect(r.note).toContain('\ngemm.wat:1:16: error: unexpected token');
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('WAT that wabt validates but V8 cannot compile (50001 locals > its 50000 limit): the runtime note', async () => {
    const watPath = join(dir, 'locals.wat'), cacheDir = join(dir, 'cache');
    writeFileSync(watPath, `(module (func (export "f") (local ${'i32 '.repeat(50001)})))`);
    const r = await buildGemmModule({ watPath, cacheDir });
    expect(r.module).toBeNull();
    expect(r.note.startsWith('this runtime cannot compile the SIMD module: WebAssembly.Module(): Compiling function #0 failed')).toBe(true);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('another valid WAT builds into cacheDir (created), then loads from it; the default WAT is not read', async () => {
    const watPath = join(dir, 'f.wat'), cacheDir = join(dir, 'nested', 'cache');
    writeFileSync(watPath, '(module (func (export "f") (result f64) (f64.const 2.5)))');
    const first = await buildGemmModule({ watPath, cacheDir });
    expect(first.note).toBe('built');
    const run = (m: WebAssembly.Module | null): number => (new WebAssembly.Instance(m as WebAssembly.Module).exports.f as () => number)();
    expect(run(first.module)).toBe(2.5);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(readdirSync(cacheDir)[0]).toMatch(/^gemm-[0-9a-f]{32}\.wasm$/);
    const second = await buildGemmModule({ watPath, cacheDir });
    expect(second.note).toBe('cache');
    expect(run(second.module)).toBe(2.5);
  });
});

describe('src/core/backend-wasm.ts: without a readable wabt version', () => {
  afterEach(() => {
    vi.doUnmock('node:module');
    vi.resetModules();
  });

  it('keys the cache by wabt@unknown', async () => {
    vi.doMock('node:module', () => ({ createRequire: () => () => { throw new Error('no package.json'); } }));
    vi.resetModules();
    const { buildGemmModule: build } = await import('../src/core/backend-wasm.ts');
    const dir = mkdtempSync(join(tmpdir(), 'gd-wasm-unknown-'));
    try {
      const watPath = join(dir, 'f.wat'), cacheDir = join(dir, 'cache');
      const wat = '(module (func (export "f") (result f64) (f64.const 1)))';
      writeFileSync(watPath, wat);
      expect((await build({ watPath, cacheDir })).note).toBe('built');
      const key = createHash('sha256').update(wat).update('\0wabt@unknown').digest('hex').slice(0, 32);
      expect(readdirSync(cacheDir)).toEqual([`gemm-${key}.wasm`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('src/core/backend-wasm.ts: watToWasm', () => {
  it('compiles a SIMD module to valid bytes', async () => {
    const bytes = await watToWasm('t.wat', '(module (func (export "f") (result v128) (v128.const i64x2 1 2)))');
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(Array.from(bytes.slice(0, 4))).toEqual([0, 97, 115, 109]);
  });

  it('throws on WAT that does not parse, and on WAT that parses but does not validate', async () => {
    await expect(watToWasm('bad.wat', '(module (func (export "f") (result i32) (i32.bogus)))')).rejects.toThrow();
    await expect(watToWasm('bad.wat', '(module (func (export "f") (result i32) (f64.const 1)))')).rejects.toThrow();
  });
});
