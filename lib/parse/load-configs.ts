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
 * Why a parsed file is not an IOS configuration, or undefined when it is one: empty, binary, or
 * text without a single configuration line the parser reads (no hostname, version, interface,
 * route, access list or crypto line), such as a README or notes (docs/ios-semantics.md
 * #configuration-ios-rejects).
 */
export function notConfigReason(parsed: ParseResult): string | undefined {
  const whole = parsed.diagnostics.find((d) => d.code === 'EMPTY_INPUT' || d.code === 'BINARY_INPUT');
  if (whole) return whole.code === 'EMPTY_INPUT' ? 'it is empty' : 'it is binary, not text';
  const c = parsed.config;
  const read =
    c.version !== undefined ||
    parsed.diagnostics.every((d) => d.code !== 'NO_HOSTNAME') ||
    c.interfaces.length > 0 ||
    c.staticRoutes.length > 0 ||
    c.accessLists.length > 0 ||
    c.isakmpPolicies.length > 0 ||
    c.isakmpKeys.length > 0 ||
    c.transformSets.length > 0 ||
    c.cryptoMaps.length > 0;
  return read
    ? undefined
    : 'it holds no IOS configuration line (no hostname, version, interface, route, access list or crypto line)';
}

/** A file left out of a run because it is not an IOS configuration. */
export interface SkippedFile {
  readonly file: string;
  /** Why, e.g. "it is empty". */
  readonly reason: string;
  /** True when the path was given by name (a command refuses it), false when found in a folder (skipped). */
  readonly named: boolean;
}

/**
 * Like {@link loadConfigs}, but sorts out the files that are not IOS configurations: the parsed
 * configurations, and the files left out with the reason (`named` when the path itself was given).
 */
export async function loadConfigFiles(
  paths: readonly string[],
): Promise<{ files: ParsedFile[]; skipped: SkippedFile[] }> {
  const named = new Set<string>();
  for (const path of paths) {
    try {
      if (!(await stat(path)).isDirectory()) named.add(path);
    } catch {
      // loadConfigs reports the unreadable path.
    }
  }
  const files: ParsedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const f of await loadConfigs(paths)) {
    const reason = notConfigReason(f);
    if (reason === undefined) files.push(f);
    else skipped.push({ file: f.file, reason, named: named.has(f.file) });
  }
  return { files, skipped };
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
