/**
 * One writer per output folder. Two synths into the same folder used to interleave their renames
 * (a raw ENOTEMPTY, and `.tmp-*.old` folders holding the previous configs, keys included, left
 * behind); a killed synth left its temporary folder (keys inside) for good. Now a lock file beside
 * the folder serialises writers, a lock whose process is gone is taken over, and the holder first
 * repairs what a crashed writer left: a rollback folder without its folder is put back, every
 * other temporary folder of this output is deleted.
 */
import { existsSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { OutputError, outputError } from './output-errors.js';

/** How long a writer waits for another one before giving up. */
export const LOCK_WAIT_MS = 30_000;
const POLL_MS = 50;

/** The lock file of output folder `dir`. */
export function lockPath(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.lock`);
}

/** The prefix of the temporary and rollback folders of `dir` (`.<name>.tmp-`). */
export function tempPrefix(dir: string): string {
  return `.${basename(dir)}.tmp-`;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
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

/** True when the lock's owner is a process of this machine that no longer runs. */
function stale(path: string): boolean {
  const owner = readOwner(path);
  // A lock being written has no content yet; one from another machine cannot be checked.
  if (owner === undefined || owner.host !== hostname()) return false;
  return !alive(owner.pid);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw outputError(e, 'create the lock file', path);
  }
}

/**
 * Takes the lock of `dir` (waiting up to `waitMs` for another writer), runs `write`, and releases
 * it. Throws an `OutputError` naming the lock file when another writer keeps it.
 */
export function withOutputLock<T>(dir: string, write: () => T, waitMs = LOCK_WAIT_MS): T {
  const path = lockPath(dir);
  const deadline = Date.now() + waitMs;
  while (!tryCreate(path)) {
    if (stale(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = readOwner(path);
      throw new OutputError(
        path,
        `another synth is writing ${dir}${owner ? ` (process ${owner.pid} on ${owner.host})` : ''}; wait for it to finish, or delete ${path} if no synth is running`,
      );
    }
    sleep(POLL_MS);
  }
  try {
    recoverInterruptedWrite(dir);
    return write();
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Repairs what a writer killed mid-way left beside `dir`: when `dir` is missing but a rollback
 * folder (`.tmp-*.old`, the previous output) exists, it is put back; then every temporary folder
 * of `dir` is deleted (they may hold configs with keys). Call it only while holding the lock.
 */
export function recoverInterruptedWrite(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  const prefix = tempPrefix(dir);
  const leftovers = readdirSync(parent)
    .filter((n) => n.startsWith(prefix))
    .sort();
  const rollback = leftovers.find((n) => n.endsWith('.old'));
  try {
    if (rollback !== undefined && !existsSync(dir)) renameSync(join(parent, rollback), dir);
    for (const n of leftovers) rmSync(join(parent, n), { recursive: true, force: true });
  } catch (e) {
    throw outputError(e, 'clean up the temporary folders of', dir);
  }
}
