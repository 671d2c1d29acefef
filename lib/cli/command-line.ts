/**
 * What every sub-command shares: its output channels and the parsing of its arguments, so each
 * command file keeps only its options, its checks and its printing. Bad usage is one line naming
 * the command and the problem, then the usage text, on stderr, and exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Output channels of a command (tests pass collectors; the bin passes process streams). */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  stdin?: () => Promise<string>;
}

/** Option table of a command, as `node:util` `parseArgs` takes it. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of a command. */
export type ParsedCommandLine<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** A parsed command line, or the exit code to return at once (0 after `--help`, 2 on bad usage). */
export type CommandLine<O extends CommandOptions> =
  | { readonly ok: true; readonly values: ParsedCommandLine<O>['values']; readonly positionals: string[] }
  | { readonly ok: false; readonly exitCode: number };

/**
 * Parses `argv` strictly against `options` (which should include `help: { type: 'boolean', short: 'h' }`);
 * prints the usage text on `--help` or on an unknown or malformed option.
 */
export function parseCommandLine<O extends CommandOptions>(
  command: string,
  usage: string,
  argv: string[],
  options: O,
  io: CliIo,
): CommandLine<O> {
  let parsed: ParsedCommandLine<O>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, exitCode: usageError(command, usage, (e as Error).message, io) };
  }
  if ((parsed.values as Record<string, unknown>)['help'] === true) {
    io.stdout(usage);
    return { ok: false, exitCode: 0 };
  }
  return { ok: true, values: parsed.values, positionals: parsed.positionals };
}

/** Prints `hubspoke <command>: <message>` and the usage text to stderr; returns exit code 2. */
export function usageError(command: string, usage: string, message: string, io: CliIo): number {
  io.stderr(`hubspoke ${command}: ${message}\n\n${usage}`);
  return 2;
}
