/**
 * Files the CLI writes and reads: atomic writes (a temporary file in the same folder, then a
 * rename, so a reader sees the old file or the new one, never a truncated or mixed one), output
 * paths checked before a run, and a lock file next to a report while a run is writing it.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GdTheoryError, requireString } from '../core/errors.ts';
import { UsageError } from './usage.ts';

/** An input file (a saved case, a report, a fixture) that is not what it must be; `argument` is the file, `field` the field. */
export class InputFileError extends GdTheoryError {
  constructor(message: string, readonly file: string, readonly field: string) {
    super(message, file);
  }
}

/** Another run is writing the same report (its lock file is there and its process is alive); `argument` is the report. */
export class ReportLockedError extends GdTheoryError {}

let tmpCounter = 0;

/** Write `text` to `path` atomically: a temporary file next to it, then a rename over it. */
export function writeFileAtomic(path: string, text: string): void {
  requireString(path, 'path');
  requireString(text, 'text');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tmpCounter}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Check, without running anything, that `path` can be written by `argument` (--out, --html, ...):
 * it is not a folder, no folder on its way is a file, and its folder (or the nearest one that
 * exists, when the rest is still to be created) accepts a new file. A UsageError naming the option
 * otherwise. Leaves nothing behind.
 */
export function requireWritable(path: string, argument: string): void {
  if (typeof path !== 'string') throw new UsageError(`${argument} needs a file name, got ${String(path)}`, argument);
  const full = resolve(path);
  const bad = (why: string): never => { throw new UsageError(`${argument} ${path}: ${why}`, argument); };
  if (path === '' || path.endsWith('/')) bad('expected a file name');
  if (existsSync(full) && statSync(full).isDirectory()) bad('is a folder, not a file');
  let dir = dirname(full);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!statSync(dir).isDirectory()) bad(`${dir} is a file, so it cannot hold a folder`);
  // A real probe (root ignores permission bits; a read-only file system does not).
  const probe = join(dir, `.gd-theory-probe.${process.pid}.${++tmpCounter}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    bad(`cannot write in ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (existsSync(full)) {
    try {
      closeSync(openSync(full, 'r+'));
    } catch (e) {
      bad(`cannot be overwritten (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPathFor(path: string): string {
  requireString(path, 'path');
  return `${path}.lock`;
}

/**
 * Take the lock of a report (`<path>.lock`, holding the writer's pid): throws ReportLockedError
 * when a live process holds it; a lock left by a dead process is taken over (`note` says so).
 * Returns the release function.
 */
export function lockReport(path: string, note: (s: string) => void = () => {}): () => void {
  if (typeof note !== 'function') throw new UsageError('note must be a function (the line printer)', 'note');
  const lock = lockPathFor(path);
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, `${JSON.stringify({ pid: process.pid, started: new Date().toISOString() })}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    let holder: { pid?: unknown; started?: unknown } = {};
    try {
      holder = JSON.parse(readFileSync(lock, 'utf8')) as typeof holder;
    } catch {
      // a lock being written this instant (held), or a broken one left long ago (stale)
      holder = { pid: existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10_000 ? 0 : -1 };
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : -1;
    if (pid === -1 || (pid > 0 && alive(pid))) {
      throw new ReportLockedError(`another gd-theory run${pid > 0 ? ` (pid ${pid}${typeof holder.started === 'string' ? `, started ${holder.started}` : ''})` : ''} is writing ${path} (lock ${lock}); this run leaves it alone: wait for it, or pass --out to write elsewhere`, path);
    }
    note(`note: removing the stale lock ${lock} of pid ${pid}, which is no longer running`);
    rmSync(lock, { force: true });
  }
}
