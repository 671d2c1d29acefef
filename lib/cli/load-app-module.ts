/**
 * Loading an app module for `hubspoke synth <module>`. JavaScript is imported as it is. TypeScript
 * (`.ts`, `.mts`, `.cts`) is imported as it is where the runtime strips types (Node 22.18 and
 * later, or a test runner), and otherwise through tsx (the documented runner for TypeScript apps
 * on Node 20), found from the module's folder or the current folder: Node 20 refuses `.ts` with
 * ERR_UNKNOWN_FILE_EXTENSION.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Why a TypeScript module cannot be loaded, and what to do about it. */
export const TYPESCRIPT_RUNNER_MISSING =
  'this Node.js does not run TypeScript by itself and tsx is not installed; install it in the project (npm install --save-dev tsx), or compile the app and name the .js file';

const TYPESCRIPT = /\.(c|m)?ts$/;

/** The module namespace of tsx's ESM API (`tsImport`), resolved from `bases` in turn. */
async function tsxApi(
  bases: readonly string[],
): Promise<{ tsImport: (specifier: string, parent: string) => Promise<unknown> } | undefined> {
  for (const base of bases) {
    let manifest: string;
    try {
      manifest = createRequire(base).resolve('tsx/package.json');
    } catch {
      continue;
    }
    // tsx's CommonJS API registers its ESM hooks by a path that does not resolve from a CommonJS
    // caller: import the ESM entry of its `./esm/api` export.
    const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> }).exports?.[
      './esm/api'
    ] as { import?: string | { default?: string } } | undefined;
    const target = typeof exports?.import === 'string' ? exports.import : exports?.import?.default;
    if (target === undefined) continue;
    return (await import(pathToFileURL(join(manifest, '..', target)).href)) as {
      tsImport: (specifier: string, parent: string) => Promise<unknown>;
    };
  }
  return undefined;
}

/** Imports `file` (an absolute path); a TypeScript file goes through tsx when the runtime refuses it. */
export async function importAppModule(file: string, cwd = process.cwd()): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if (!TYPESCRIPT.test(file) || (e as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  }
  const tsx = await tsxApi([file, join(cwd, 'package.json')]);
  if (tsx === undefined) throw new Error(TYPESCRIPT_RUNNER_MISSING);
  return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
}
