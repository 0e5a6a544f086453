// npm run build (and prepack): compile src/ and properties/ to dist/ (ES modules + .d.ts, imports
// rewritten from .ts to .js: tsconfig.build.json), then copy the files the modules read at run time
// (the WebAssembly kernel's WAT source) beside them. dist/ is rebuilt from scratch each time.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
cpSync(join(root, 'src', 'core', 'wasm', 'gemm.wat'), join(dist, 'src', 'core', 'wasm', 'gemm.wat'));
console.log(`built ${dist}`);
