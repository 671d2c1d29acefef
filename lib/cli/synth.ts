/**
 * `hubspoke synth <app module> [--outdir DIR] [--export NAME]`: loads a module that builds an
 * `App` (an exported `build*` function, or the function named by `--export`, or an exported `app`),
 * synthesizes it (render, parse back, prove coverage, write configs, topology and harness) and
 * prints what was written with the proof (coverage matrix and counts). Exit 0 when written, 1 when
 * validation or the proof failed (nothing is written then), 2 for bad usage or an unloadable module.
 * A `.ts` module is loaded from its compiled form under `.build/` (`npm run build` compiles it).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatSynthResult, type SynthResult } from '../app/app.js';
import { OutputError } from '../app/output-errors.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke synth <app module> [options]

Builds the App exported by the module, proves that every ordered site pair is covered, and only
then writes <outdir>/<stack>/ (configs, topology.json, harness.test.mjs).

options:
  --outdir DIR     output folder passed to the module's build function (default: the App's, cdk.out)
  --export NAME    the exported function that builds the App (default: the first build* export)
  --force          replace <outdir>/<stack> even if hubspoke did not write it (it has no
                   .hubspoke-manifest.json and holds other files); everything in it is deleted
  -h, --help       this text

Concurrent synths into one folder run one after the other (a lock file .<stack>.lock beside it);
temporary folders a killed synth left are removed by the next one.

exit codes: 0 written, 1 validation or proof failed (nothing written), 2 bad usage or module, or
the output folder cannot be written (the message names the path and the remedy; nothing written)
`;

interface AppLike {
  synth(): SynthResult;
}

function isApp(x: unknown): x is AppLike {
  return typeof x === 'object' && x !== null && typeof (x as { synth?: unknown }).synth === 'function';
}

/** Where the compiled form of a `.ts` module lives (`examples/x.ts` -> `.build/examples/x.js`). */
export function compiledPath(file: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, file);
  if (!abs.endsWith('.ts')) return abs;
  return resolve(cwd, '.build', relative(cwd, abs).replace(/\.ts$/, '.js'));
}

/** Runs `hubspoke synth`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const before = process.env.HUBSPOKE_FORCE_OUTPUT;
  try {
    return await runSynth(argv, io);
  } finally {
    if (before === undefined) delete process.env.HUBSPOKE_FORCE_OUTPUT;
    else process.env.HUBSPOKE_FORCE_OUTPUT = before;
  }
}

async function runSynth(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine('synth', USAGE, argv, {
    outdir: { type: 'string' },
    export: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, io);
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length !== 1) return usageError('synth', USAGE, 'give exactly one app module', io);
  const given = positionals[0]!;
  // Prefer the compiled form of a .ts module; fall back to the .ts itself for runtimes that load it.
  const candidates = [compiledPath(given), resolve(given)];
  const file = candidates.find((f) => existsSync(f));
  if (file === undefined) {
    io.stderr(`hubspoke synth: cannot find ${given}${given.endsWith('.ts') ? ` (nor its compiled form ${candidates[0]}; run npm run build)` : ''}\n`);
    return 2;
  }
  // The module builds its own App; the environment carries --force to it (App prop force).
  if (values.force === true) process.env.HUBSPOKE_FORCE_OUTPUT = '1';
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    io.stderr(`hubspoke synth: cannot load ${given}: ${(e as Error).message}\n`);
    return 2;
  }
  let app: unknown;
  const name = values.export ?? Object.keys(mod).sort().find((k) => /^build/.test(k) && typeof mod[k] === 'function');
  if (name !== undefined) {
    const build = mod[name];
    if (typeof build !== 'function') {
      io.stderr(`hubspoke synth: ${given} exports no function ${name}\n`);
      return 2;
    }
    try {
      app = values.outdir !== undefined ? (build as (o: string) => unknown)(values.outdir) : (build as () => unknown)();
    } catch (e) {
      io.stderr(`hubspoke synth: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    app = mod.app;
  }
  if (!isApp(app)) {
    io.stderr(`hubspoke synth: ${given} exports neither a build* function returning an App nor an \`app\`\n`);
    return 2;
  }
  try {
    io.stdout(formatSynthResult(app.synth()));
    return 0;
  } catch (e) {
    // ValidationError lists every problem with its construct path; nothing was written.
    // By code, not class: the module may load another copy of hubspoke than this CLI.
    const output = e instanceof OutputError || (e as { code?: unknown }).code === 'HS-OUTPUT';
    io.stderr(`${output ? 'hubspoke synth: ' : ''}${(e as Error).message}\n`);
    return output ? 2 : 1;
  }
}
