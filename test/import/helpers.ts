/** Shared by the import tests: configs from a folder, the generated module loaded and synthesized. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import type { App } from '../../lib/app/app.js';
import { buildFunctionName, type ImportFile } from '../../lib/import/index.js';
import { libraryEntry } from '../../lib/import/round-trip.js';

/** The `.cfg` files of a folder, in name order. */
export function configFiles(dir: string): ImportFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The source as prettier prints it with the repository's settings. */
export async function prettierFormatted(source: string): Promise<string> {
  return format(source, { parser: 'typescript', printWidth: 120, singleQuote: true, trailingComma: 'all' });
}

/** Loads a generated module (importing this library's sources) and returns its App built with `env`. */
export async function loadGenerated(
  source: string,
  stackId: string,
  env: Record<string, string>,
  outdir: string,
): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'hubspoke-import-test-'));
  try {
    const file = join(dir, 'stack.ts');
    writeFileSync(file, source.replace("from 'hubspoke';", `from '${libraryEntry()}';`));
    const mod = (await import(file)) as Record<string, (outdir: string, env: Record<string, string>) => App>;
    return mod[buildFunctionName(stackId)]!(outdir, env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
