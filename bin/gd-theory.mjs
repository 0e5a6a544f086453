#!/usr/bin/env node
// The gd-theory command, in this process: tsx's loader is registered here (its register API, not a
// second node), so the user's TypeScript property files (`--claims 'theory/**/*.property.ts'`) load
// in-process; then the CLI runs — compiled (dist/src/cli.js) in the installed package, its
// TypeScript source in a checkout (which has src/ and may have no dist/).
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const source = new URL('../src/cli.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../dist/src/cli.js', import.meta.url).href);
