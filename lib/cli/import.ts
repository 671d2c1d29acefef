/**
 * `hubspoke import <paths...> --out stack.ts [--stack-id ID] [--platform P] [--rekey] [--fix] [--force]`:
 * writes a TypeScript stack that synthesizes to configs that behave like the given ones (the
 * round trip is checked before anything is written). Argument parsing and printing only; the
 * import lives in `lib/import/`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { importNetwork, type ImportResult } from '../import/index.js';
import { maxOf } from '../ir/collections.js';
import { PLATFORMS, type Platform } from '../ir/router-config.js';
import { printableName, printableText } from '../ir/printable.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { importAppModule } from './load-app-module.js';
import { loadInputs } from './load-inputs.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke import <config file or folder>... --out stack.ts [options]

Turns the configs of a crypto-map hub-and-spoke network into a TypeScript stack: the Hub and
Spoke patterns where the configs fit them, escape hatches where they differ, and the configs'
other lines as raw lines. Before writing, it loads the stack, synthesizes every router and
compares the parsed result with the input (same IOS behaviour, not the same text); any
difference is printed and nothing is written. Keys and other secrets are never written: the
stack reads them from environment variables, listed on stdout.

options:
  --out FILE         the TypeScript file to write (required)
  --stack-id ID      the stack's id, its output folder (default "imported")
  --platform P       platform of configs without a version line: ${PLATFORMS.join(', ')}
  --rekey            derive new per-pair keys from HUBSPOKE_MASTER_SECRET instead of reading
                     the configs' keys from the environment (deploying the stack changes them)
  --fix              import the network hubspoke fix makes of the configs (refused when the
                     repair does not prove every pair)
  --force            replace FILE when it exists
  -h, --help         this text

exit codes: 0 written, 1 the network cannot be imported or the round trip found a difference
(nothing written), 2 bad usage or unreadable input
`;

function printProblems(result: ImportResult, io: CliIo): void {
  for (const p of result.problems) io.stderr(printableText(`hubspoke import: ${p}\n`));
  for (const e of result.roundTrip?.errors ?? []) io.stderr(printableText(`hubspoke import: invalid stack: ${e}\n`));
  for (const d of result.roundTrip?.differences ?? []) {
    io.stderr(printableText(`hubspoke import: round trip: ${d.hostname} differs in ${d.sections.join(', ')}\n`));
    for (const c of d.commands) io.stderr(printableText(`    ${c}\n`));
  }
}

function summary(result: ImportResult, out: string): string {
  const rt = result.roundTrip!;
  const lines = [
    `wrote ${printableName(out)}`,
    `round trip: the synthesized configs behave like the input (${rt.routers} router(s), parsed models compared)`,
  ];
  if (result.repaired)
    lines.push(`imported the repaired network (${result.repaired.commands} command(s), see hubspoke fix)`);
  const p = result.proof!;
  lines.push(
    p.ok
      ? `proof of the imported network: ${p.covered}/${p.pairs} ordered site pairs covered: PROVEN`
      : `note: the imported network is NOT PROVEN (${p.broken} broken, ${p.unverified} unverified of ${p.pairs} pairs): hubspoke synth refuses this stack until it is; hubspoke fix shows the repair, --fix imports the repaired network`,
  );
  lines.push('', 'set these environment variables before synth (the stack never holds their values):');
  const width = maxOf(
    result.variables.map((v) => v.variable.length),
    0,
  );
  for (const v of result.variables)
    lines.push(
      `  ${v.variable.padEnd(width)}  ${v.holds}${v.placeholder ? ' (the repair could not know it: set the real key)' : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

/** Runs `hubspoke import`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'import',
    USAGE,
    argv,
    {
      out: { type: 'string' },
      'stack-id': { type: 'string' },
      platform: { type: 'string' },
      rekey: { type: 'boolean' },
      fix: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length === 0) return usageError('import', USAGE, 'give the config files or folders to import', io);
  if (values.out === undefined) return usageError('import', USAGE, '--out FILE is required', io);
  const platform = values.platform;
  if (platform !== undefined && !(PLATFORMS as readonly string[]).includes(platform))
    return usageError('import', USAGE, `--platform must be one of ${PLATFORMS.join(', ')}, not "${platform}"`, io);
  const stackId = values['stack-id'] ?? 'imported';
  if (!/^[A-Za-z0-9][\w.-]*$/.test(stackId))
    return usageError('import', USAGE, `--stack-id "${stackId}" is not a folder name (letters, digits, . _ -)`, io);
  const out = resolve(values.out);
  if (existsSync(out) && values.force !== true) {
    io.stderr(`hubspoke import: ${printableName(values.out)} exists; pass --force to replace it\n`);
    return 2;
  }
  const parsed = await loadInputs('import', positionals, io);
  if (!parsed) return 2;
  const files = parsed.map((f) => ({ file: f.file, text: readFileSync(f.file, 'utf8') }));
  let result: ImportResult;
  try {
    result = await importNetwork(files, {
      stackId,
      ...(platform !== undefined ? { platform: platform as Platform } : {}),
      rekey: values.rekey === true,
      fix: values.fix === true,
      loader: (file) => importAppModule(file),
      workDir: dirname(out),
    });
  } catch (e) {
    io.stderr(
      printableText(
        `hubspoke import: the generated stack could not be loaded for the round trip: ${(e as Error).message}\n`,
      ),
    );
    return 2;
  }
  if (!result.ok) {
    printProblems(result, io);
    io.stderr('hubspoke import: nothing written\n');
    return 1;
  }
  writeFileSync(out, result.source!);
  io.stdout(summary(result, values.out));
  return 0;
}
