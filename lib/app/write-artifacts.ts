/**
 * Atomic output: files are written into a temporary folder beside the target, then swapped in
 * with renames, so a failure leaves the previous output untouched and readers never see half a
 * synth. One writer at a time per folder (`output-lock.ts`); a folder hubspoke did not write is
 * never replaced unless forced.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileNameProblem, OutputError, outputError } from './output-errors.js';
import { tempPrefix, withOutputLock } from './output-lock.js';

/** The marker hubspoke writes into every output folder it owns. */
export const MANIFEST_FILE = '.hubspoke-manifest.json';

/** Options of `writeArtifactsAtomically`. */
export interface WriteOptions {
  /**
   * File mode per file name. Configs hold pre-shared keys, so the default keeps `.cfg` files
   * readable by the owner only.
   * @default - 0o600 for `*.cfg`, 0o644 otherwise
   */
  readonly modeFor?: (name: string) => number;
  /**
   * Replace the folder even when hubspoke did not write it (it has no `.hubspoke-manifest.json`
   * and holds files other than hubspoke artifacts). Everything in it is deleted.
   * @default false
   */
  readonly force?: boolean;
  /** How long to wait for another synth writing the same folder, in ms. @default 30000 */
  readonly lockWaitMs?: number;
}

function defaultMode(name: string): number {
  return name.endsWith('.cfg') ? 0o600 : 0o644;
}

/** Names of files earlier hubspoke versions wrote, before the manifest existed. */
const ARTIFACT_NAME = /^(?:[^/\\]+\.cfg|topology\.json|report\.html|harness\.test\.mjs)$/;

/** True when `dir` is output hubspoke owns: it has the manifest, or only artifact names, or nothing. */
function ownedByHubspoke(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === MANIFEST_FILE && e.isFile())) return true;
  return entries.every((e) => e.isFile() && ARTIFACT_NAME.test(e.name));
}

function checkTarget(dir: string, force: boolean): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw outputError(e, 'inspect', dir);
  }
  if (!isDir)
    throw new OutputError(dir, `${dir} is a file, not an output folder; move it or choose another outdir or stack id`);
  if (!force && !ownedByHubspoke(dir)) {
    throw new OutputError(
      dir,
      `${dir} exists and was not written by hubspoke (no ${MANIFEST_FILE}, and it holds other files); ` +
        'choose another outdir or stack id, or force the write (App prop force: true, hubspoke synth --force) to replace everything in it',
    );
  }
}

function manifest(names: readonly string[]): string {
  return `${JSON.stringify({ generator: 'hubspoke', format: 1, files: names }, null, 2)}\n`;
}

/** Swaps `tmp` in as `dir`, keeping the previous `dir` until the new one is in place. */
function swapIn(tmp: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(tmp, dir);
    return;
  }
  const old = `${tmp}.old`;
  renameSync(dir, old);
  try {
    renameSync(tmp, dir);
  } catch (e) {
    renameSync(old, dir);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Replaces folder `dir` by exactly `files` (name -> content) and the manifest. Returns the written
 * paths, sorted (the manifest is not listed). On failure nothing changes in `dir`, no temporary
 * folder remains, and the error is an `OutputError` naming the path and the remedy.
 */
export function writeArtifactsAtomically(
  dir: string,
  files: ReadonlyMap<string, string>,
  options: WriteOptions = {},
): string[] {
  const names = [...files.keys()].sort();
  for (const name of [basename(dir), ...names]) {
    const problem = fileNameProblem(name);
    if (problem !== undefined || name === MANIFEST_FILE) {
      throw new OutputError(
        join(dir, name),
        `writeArtifactsAtomically: "${name}" ${problem ?? 'is the name of the manifest'}; nothing was written`,
      );
    }
  }
  const parent = dirname(dir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw outputError(e, 'create the output folder', parent);
  }
  return withOutputLock(
    dir,
    () => {
      checkTarget(dir, options.force === true);
      let tmp: string | undefined;
      try {
        tmp = mkdtempSync(join(parent, tempPrefix(dir)));
        const mode = options.modeFor ?? defaultMode;
        for (const name of names) writeFileSync(join(tmp, name), files.get(name)!, { mode: mode(name) });
        writeFileSync(join(tmp, MANIFEST_FILE), manifest(names), { mode: 0o644 });
        swapIn(tmp, dir);
      } catch (e) {
        if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
        throw outputError(e, 'write', dir);
      }
      return names.map((n) => join(dir, n));
    },
    options.lockWaitMs,
  );
}
