#!/usr/bin/env node
/**
 * The `hubspoke` command: a table of sub-commands, each in its own module exporting
 * `run(argv, io): Promise<number>` and `USAGE`. Modules load lazily so one command does not pay
 * for the others. Add a sub-command by adding a row to {@link COMMANDS}.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hubspokeVersion } from '../report/hubspoke-version.js';
import type { CliIo } from './command-line.js';
import { maxOf } from '../ir/collections.js';

/** A sub-command module. */
export interface SubCommand {
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Sub-commands: name -> one-line summary and loader. */
export const COMMANDS: Readonly<
  Record<string, { readonly summary: string; readonly load: () => Promise<SubCommand> }>
> = {
  init: {
    summary: 'write a new project: a hub and two branches, a test and a CI workflow',
    load: () => import('./init.js'),
  },
  synth: {
    summary: 'synthesize an app: render, prove coverage, write configs and harness',
    load: () => import('./synth.js'),
  },
  verify: { summary: 'prove that every site pair is covered by the VPN', load: () => import('./verify.js') },
  diff: { summary: 'plan the IOS commands from old configs to new ones', load: () => import('./diff.js') },
  fix: {
    summary: 'plan proven repairs: the IOS commands that make every pair covered',
    load: () => import('./fix.js'),
  },
  import: {
    summary: 'turn the configs of a hub-and-spoke network into a TypeScript stack (round trip checked)',
    load: () => import('./import.js'),
  },
  emulate: { summary: 'run a console script against emulated routers', load: () => import('./emulate.js') },
  ping: { summary: 'ping through emulated routers', load: () => import('./ping.js') },
};

/** Top-level usage text. */
export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width =
    maxOf(
      names.map((n) => n.length),
      0,
    ) + 2;
  const rows = names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n]!.summary}`);
  return `usage: hubspoke <command> [arguments]\n       hubspoke --version\n\ncommands:\n${rows.join('\n')}\n\nRun "hubspoke <command> --help" for a command's options.\n`;
}

/** Dispatches to a sub-command; returns the exit code (2 for an unknown or missing command). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'](usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${hubspokeVersion()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`hubspoke: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await entry.load().then((m) => m.run(rest, io));
  } catch (e) {
    // Commands report their own errors; this is the last guard against a stack trace.
    io.stderr(`hubspoke ${name}: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
