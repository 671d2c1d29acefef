/**
 * The configuration files of a `verify`, `emulate` or `ping` run: a file given by name that is not
 * an IOS configuration (empty, binary, prose) stops the run (exit 2, naming the file); one found in a
 * folder is skipped with a warning naming it, so a stray README never becomes a device "Router".
 */
import { loadConfigFiles, type ParsedFile } from '../parse/index.js';
import type { CliIo } from './command-line.js';

/** The parsed configurations, or undefined after printing why the run cannot go on (exit 2). */
export async function loadInputs(
  command: string,
  paths: readonly string[],
  io: CliIo,
): Promise<ParsedFile[] | undefined> {
  let loaded;
  try {
    loaded = await loadConfigFiles(paths);
  } catch (e) {
    io.stderr(`hubspoke ${command}: ${(e as Error).message}\n`);
    return undefined;
  }
  const refused = loaded.skipped.filter((s) => s.named);
  for (const s of refused) io.stderr(`hubspoke ${command}: ${s.file} is not an IOS configuration: ${s.reason}\n`);
  if (refused.length > 0) return undefined;
  for (const s of loaded.skipped)
    io.stderr(`hubspoke ${command}: warning: skipped ${s.file}: not an IOS configuration (${s.reason})\n`);
  if (loaded.files.length === 0) {
    const what = loaded.skipped.length > 0 ? 'no IOS configuration' : 'no config files (*.cfg, *.conf, *.txt, *.ios)';
    io.stderr(`hubspoke ${command}: ${what} in ${paths.join(' ')}\n`);
    return undefined;
  }
  return loaded.files;
}
