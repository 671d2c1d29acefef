/**
 * Reads configuration files (or every configuration file in directories) and parses them.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParseResult, parseConfig } from './parse-config.js';

/** A parse result with the file it came from. */
export type ParsedFile = ParseResult & {
  /** The path as given, or joined from a given directory and the file name. */
  readonly file: string;
};

/** Extensions taken from directories. */
export const CONFIG_EXTENSIONS: readonly string[] = ['.cfg', '.conf', '.txt', '.ios'];

async function expand(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && CONFIG_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext)))
    .map((e) => join(path, e.name));
}

/**
 * Parses files, or every `*.cfg`, `*.conf`, `*.txt`, `*.ios` file directly inside directories,
 * sorted by path. Rejects with an Error naming the path when a given path cannot be read;
 * parsing itself never throws.
 */
export async function loadConfigs(paths: readonly string[]): Promise<ParsedFile[]> {
  const files = new Set<string>();
  for (const path of paths) {
    let expanded: string[];
    try {
      expanded = await expand(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`cannot read ${path}: ${code}`);
    }
    for (const f of expanded) files.add(f);
  }
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: ParsedFile[] = [];
  for (const file of sorted) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new Error(`cannot read ${file}: ${code}`);
    }
    out.push({ ...parseConfig(text, { file }), file });
  }
  return out;
}
