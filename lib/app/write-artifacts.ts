/**
 * Atomic output: files are written into a temporary folder beside the target, then swapped in
 * with renames, so a failure leaves the previous output untouched and readers never see half a
 * synth.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of `writeArtifactsAtomically`. */
export interface WriteOptions {
  /**
   * File mode per file name. Configs hold pre-shared keys, so the default keeps `.cfg` files
   * readable by the owner only.
   * @default - 0o600 for `*.cfg`, 0o644 otherwise
   */
  readonly modeFor?: (name: string) => number;
}

function defaultMode(name: string): number {
  return name.endsWith('.cfg') ? 0o600 : 0o644;
}

/**
 * Replaces folder `dir` by exactly `files` (name -> content). Returns the written paths, sorted.
 * On failure nothing changes in `dir` and the temporary folder is removed.
 */
export function writeArtifactsAtomically(dir: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): string[] {
  const names = [...files.keys()].sort();
  for (const name of names) {
    if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
      throw new Error(`writeArtifactsAtomically: "${name}" is not a plain file name`);
    }
  }
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, `.${basename(dir)}.tmp-`));
  try {
    const mode = options.modeFor ?? defaultMode;
    for (const name of names) writeFileSync(join(tmp, name), files.get(name)!, { mode: mode(name) });
    if (existsSync(dir)) {
      const old = `${tmp}.old`;
      renameSync(dir, old);
      try {
        renameSync(tmp, dir);
      } catch (e) {
        renameSync(old, dir);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return names.map((n) => join(dir, n));
}
