/**
 * src/core/backend-wasm.ts: the load-time WAT → wasm build and its cache. backend.ts calls
 * buildGemmModule once at import (a static path Stryker does not mutate), so these tests call it
 * directly, against a private cache folder: first call builds, second reads the cache; a truncated,
 * altered or stale entry (or a bare wasm file) is rebuilt and rewritten, never used; an unwritable
 * cache folder still yields a module; the default folder is the project's node_modules/.cache.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAT_PATH, buildGemmModule, cacheKey, decodeEntry, defaultCacheDir, encodeEntry, watToWasm } from '../src/core/backend-wasm.ts';

const EXPORTS = ['gemm', 'gemm_masked', 'gemm_relu', 'mask_outer', 'relu_colsum'];

function exportNames(m: WebAssembly.Module): string[] {
  return WebAssembly.Module.exports(m).map((e) => e.name).filter((n) => EXPORTS.includes(n)).sort();
}

describe('src/core/backend-wasm.ts: buildGemmModule and its cache', () => {
  let dir = '';
  let cacheDir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gd-wasm-test-'));
    cacheDir = join(dir, 'cache');
  });

  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  const entryFile = (): string => {
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1); // the temp file was renamed, not left behind
    return join(cacheDir, files[0]);
  };

  it('builds on the first call, writes one entry keyed by a 32-hex hash (header + bytes), and reads it on the second', async () => {
    const first = await buildGemmModule({ cacheDir });
    expect(first.note).toBe('built');
    expect(first.rejected).toBeUndefined();
    expect(exportNames(first.module as WebAssembly.Module)).toEqual(EXPORTS);
    const file = entryFile();
    expect(file).toMatch(/gemm-[0-9a-f]{32}\.bin$/);
    const decoded = decodeEntry(readFileSync(file), cacheKey(readFileSync(WAT_PATH, 'utf8')));
    expect('bytes' in decoded && WebAssembly.validate(decoded.bytes)).toBe(true);

    const second = await buildGemmModule({ cacheDir });
    expect(second.note).toBe('cache');
    expect(exportNames(second.module as WebAssembly.Module)).toEqual(EXPORTS);
  });

  // Each way a cache entry can lie is rebuilt (and rewritten), never used.
  const tampered: [string, (entry: Buffer) => Uint8Array, RegExp][] = [
    ['a truncated entry', (e) => e.subarray(0, e.length - 100), /truncated/],
    ['an altered entry (one byte of the code flipped, length kept)', (e) => { const c = Buffer.from(e); c[c.length - 40] ^= 1; return c; }, /altered/],
    ['a stale entry (valid wasm made from another WAT, renamed into place)', () => encodeEntry(cacheKey('(module)'), Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0])), /stale/],
    ['a bare wasm file without the header (what the old /tmp cache held)', () => Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0]), /not a gd-theory cache entry/],
  ];
  for (const [what, tamper, reason] of tampered) {
    it(`rebuilds ${what}, says why, and rewrites it`, async () => {
      await buildGemmModule({ cacheDir });
      const file = entryFile();
      const good = readFileSync(file);
      writeFileSync(file, tamper(good));
      const again = await buildGemmModule({ cacheDir });
      expect(again.note).toBe('built');
      expect(again.rejected).toMatch(reason);
      expect(again.rejected?.startsWith(file)).toBe(true);
      expect(exportNames(again.module as WebAssembly.Module)).toEqual(EXPORTS);
      expect(readFileSync(file).equals(good)).toBe(true);
      expect((await buildGemmModule({ cacheDir })).note).toBe('cache');
    });
  }

  it('an entry with a correct header whose bytes V8 cannot compile is rebuilt', async () => {
    await buildGemmModule({ cacheDir });
    const file = entryFile();
    writeFileSync(file, encodeEntry(cacheKey(readFileSync(WAT_PATH, 'utf8')), Uint8Array.from([0, 97, 115, 109, 9, 9])));
    const again = await buildGemmModule({ cacheDir });
    expect(again.note).toBe('built');
    expect(again.rejected).toMatch(/does not compile/);
  });

  it('still returns a module when the cache directory cannot be written', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: make the cache path a file instead, so mkdir fails
      writeFileSync(cacheDir, 'not a directory');
    } else {
      chmodSync(dir, 0o500);
    }
    const r = await buildGemmModule({ cacheDir });
    expect(r.note).toBe('built');
    expect(r.module).not.toBeNull();
    expect((await buildGemmModule({ cacheDir })).note).toBe('built'); // nothing was cached
  });

  it('keys the entry by the SHA-256 of the WAT text and the wabt version, so an edited WAT never reads an old entry', async () => {
    await buildGemmModule({ cacheDir });
    const [name] = readdirSync(cacheDir);
    const version = (createRequire(import.meta.url)('wabt/package.json') as { version: string }).version;
    const key = createHash('sha256').update(readFileSync(WAT_PATH, 'utf8')).update(`\0wabt@${version}`).digest('hex');
    expect(cacheKey(readFileSync(WAT_PATH, 'utf8'))).toBe(key);
    expect(name).toBe(`gemm-${key.slice(0, 32)}.bin`);
  });
});

describe('src/core/backend-wasm.ts: defaultCacheDir (project-local, never the shared temp folder)', () => {
  it('an installed package caches in the node_modules that holds it', () => {
    expect(defaultCacheDir('/home/u/paper/node_modules/gd-theory/dist/src/core', {})).toBe('/home/u/paper/node_modules/.cache/gd-theory');
  });

  it('a checkout caches in its own node_modules/.cache', () => {
    const root = mkdtempSync(join(tmpdir(), 'gd-wasm-root-'));
    try {
      mkdirSync(join(root, 'node_modules'));
      mkdirSync(join(root, 'src', 'core'), { recursive: true });
      writeFileSync(join(root, 'package.json'), '{}');
      expect(defaultCacheDir(join(root, 'src', 'core'), {})).toBe(join(root, 'node_modules', '.cache', 'gd-theory'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('elsewhere: $XDG_CACHE_HOME/gd-theory, else ~/.cache/gd-theory', () => {
    expect(defaultCacheDir('/', { XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/gd-theory');
    expect(defaultCacheDir('/', {})).toBe(join(homedir(), '.cache', 'gd-theory'));
  });

  it('this checkout\'s default is its own node_modules/.cache, not the shared temp folder it used to be', () => {
    const d = defaultCacheDir();
    // The checkout may itself live under the temp folder (a CI clone): compare with its root, not with tmpdir().
    expect(d).toBe(join(process.cwd(), 'node_modules', '.cache', 'gd-theory'));
    expect(d.startsWith(join(tmpdir(), 'gd-theory-wasm'))).toBe(false);
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
    expect(readdirSync(cacheDir)[0]).toMatch(/^gemm-[0-9a-f]{32}\.bin$/);
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
      expect(readdirSync(cacheDir)).toEqual([`gemm-${key}.bin`]);
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
