/**
 * `hubspoke synth [<app module>] [--outdir DIR] [--export NAME] [--force] [--strict]`: synthesizes
 * an app (render, parse back, prove coverage, write configs, topology, report and harness) and
 * prints what was written with the proof. Two ways to name the app, as in cdktf:
 * - no module: `hubspoke.json` in the current folder names the command that runs the app
 *   (`npx tsx main.ts`); it runs as a child process with the output folder in HUBSPOKE_OUTDIR;
 * - a module, loaded in this process: a `build*` export (or `--export NAME`) returning an App, an
 *   exported `app`, or a module that calls `app.synth()` itself when imported.
 * Either way the output folder is the one synth chose (`--outdir`, else hubspoke.json's `output`):
 * `new App()` defaults to it, and an App whose `outdir` prop names another folder fails (App).
 * Exit 0 when written, 1 when validation or the proof failed or the app command failed (nothing
 * written by synth then), 2 for bad usage, an unloadable module or an unwritable output folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { formatSynthResult, type SynthResult } from '../app/app.js';
import { FORCE_VARIABLE, OUTDIR_VARIABLE, RESULT_FILE_VARIABLE, STRICT_VARIABLE } from '../app/cli-environment.js';
import { OutputError } from '../app/output-errors.js';
import { APP_CONFIG_FILE, readAppConfig, type AppConfig } from './app-config.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { importAppModule } from './load-app-module.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke synth [<app module>] [options]

Proves that every ordered site pair of the app's stacks is covered, and only then writes
<outdir>/<stack>/ (configs, topology.json, report.html, harness.test.mjs).

With no module, runs the app named by ${APP_CONFIG_FILE} in the current folder, e.g.
  { "app": "npx tsx main.ts", "output": "cdk.out" }
with the output folder in ${OUTDIR_VARIABLE} (new App() writes there), and prints what its
app.synth() wrote. With a module, loads it here: its build* export (or --export NAME) is called
with the output folder and the App it returns is synthesized; an exported \`app\` is synthesized;
a module that calls app.synth() when imported is run as it is. TypeScript modules run where Node
strips types, else through tsx (npm install --save-dev tsx); a compiled form under .build/ is
preferred when there is one.

options:
  --outdir DIR     output folder, for every app shape (default: "output" of ${APP_CONFIG_FILE},
                   else the App's, cdk.out); an App whose outdir prop names another folder fails
  --export NAME    the exported function that builds the App (default: the first build* export)
  --force          replace <outdir>/<stack> even if hubspoke did not write it (it has no
                   .hubspoke-manifest.json and holds other files); everything in it is deleted
  --strict         fail (exit 1, nothing written) when there is any warning that is not
                   acknowledged (Annotations.of(scope).acknowledgeWarning(id))
  -h, --help       this text

Concurrent synths into one folder run one after the other (a lock file .<stack>.lock beside it);
temporary folders a killed synth left are removed by the next one.

exit codes: 0 written, 1 validation or proof failed, an error annotation, a warning under
--strict, or the app command failed (its exit code is printed; nothing written), 2 bad usage, an
unloadable module, an invalid ${APP_CONFIG_FILE}, or an output folder that cannot be written (the
message names the path and the remedy)
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

/** Runs `fn` with `vars` set in process.env (undefined: left as it is), then restores them. */
async function withEnvironment<T>(
  vars: Readonly<Record<string, string | undefined>>,
  fn: () => Promise<T>,
): Promise<T> {
  const before = new Map(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of before) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs `fn` with a fresh, empty result file (App.synth appends its summary); removes it after. */
async function withResultFile<T>(fn: (file: string, read: () => string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hubspoke-synth-'));
  const file = join(dir, 'result.txt');
  try {
    return await fn(file, () => (existsSync(file) ? readFileSync(file, 'utf8') : ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Exit code and message for an error of the app. By name and code, not class: the app may load
 * another copy of hubspoke than this CLI.
 */
function reportError(e: unknown, context: string, io: CliIo): number {
  const error = e as { name?: unknown; code?: unknown; message?: unknown };
  const message = String(error.message ?? e);
  // ValidationError lists every problem with its construct path; nothing was written.
  if (error.name === 'ValidationError' || error.name === 'ConstructError') {
    io.stderr(`${message}\n`);
    return 1;
  }
  if (e instanceof OutputError || error.code === 'HS-OUTPUT') {
    io.stderr(`hubspoke synth: ${message}\n`);
    return 2;
  }
  io.stderr(`hubspoke synth: ${context}: ${message}\n`);
  return 2;
}

/** Runs `hubspoke synth`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'synth',
    USAGE,
    argv,
    {
      outdir: { type: 'string' },
      export: { type: 'string' },
      force: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length > 1) return usageError('synth', USAGE, 'give at most one app module', io);
  const options = {
    outdir: values.outdir,
    exportName: values.export,
    force: values.force === true,
    strict: values.strict === true,
  };
  if (positionals.length === 1) return synthModule(positionals[0]!, options, io);
  let config: AppConfig | undefined;
  try {
    config = readAppConfig(process.cwd());
  } catch (e) {
    io.stderr(`hubspoke synth: ${(e as Error).message}\n`);
    return 2;
  }
  if (config === undefined) {
    return usageError(
      'synth',
      USAGE,
      `give an app module, or run where ${APP_CONFIG_FILE} names the app ({ "app": "npx tsx main.ts" })`,
      io,
    );
  }
  if (options.exportName !== undefined)
    return usageError('synth', USAGE, `--export needs an app module (${APP_CONFIG_FILE} runs a command)`, io);
  return synthProject(config, options, io);
}

interface SynthOptions {
  readonly outdir: string | undefined;
  readonly exportName: string | undefined;
  readonly force: boolean;
  readonly strict: boolean;
}

/** The App a loaded module gives: its build function's, its `app`, or undefined (none, or a message printed). */
function appOf(
  mod: Record<string, unknown>,
  given: string,
  options: SynthOptions,
  io: CliIo,
): { app?: AppLike; exitCode?: number } {
  const name =
    options.exportName ??
    Object.keys(mod)
      .sort()
      .find((k) => /^build/.test(k) && typeof mod[k] === 'function');
  if (name === undefined) return isApp(mod.app) ? { app: mod.app } : {};
  const build = mod[name];
  if (typeof build !== 'function') {
    io.stderr(`hubspoke synth: ${given} exports no function ${name}\n`);
    return { exitCode: 2 };
  }
  let app: unknown;
  try {
    app = options.outdir !== undefined ? (build as (o: string) => unknown)(options.outdir) : (build as () => unknown)();
  } catch (e) {
    return { exitCode: reportError(e, `${name}() failed`, io) };
  }
  if (!isApp(app)) {
    io.stderr(`hubspoke synth: ${name}() of ${given} did not return an App\n`);
    return { exitCode: 2 };
  }
  return { app };
}

/** `hubspoke synth <module>`: loads the module in this process, with the output folder in the environment. */
async function synthModule(given: string, options: SynthOptions, io: CliIo): Promise<number> {
  // Prefer the compiled form of a .ts module; else the module itself (through tsx on Node 20).
  const candidates = [compiledPath(given), resolve(given)];
  const file = candidates.find((f) => existsSync(f));
  if (file === undefined) {
    io.stderr(`hubspoke synth: cannot find ${given}\n`);
    return 2;
  }
  return withResultFile((resultFile, synthesized) =>
    withEnvironment(
      {
        [OUTDIR_VARIABLE]: options.outdir !== undefined ? resolve(options.outdir) : undefined,
        [RESULT_FILE_VARIABLE]: resultFile,
        [FORCE_VARIABLE]: options.force ? '1' : undefined,
        [STRICT_VARIABLE]: options.strict ? '1' : undefined,
      },
      async () => {
        let mod: Record<string, unknown>;
        try {
          mod = await importAppModule(file);
        } catch (e) {
          // A module that synthesizes when imported fails here with its ValidationError.
          return reportError(e, `cannot load ${given}`, io);
        }
        const { app, exitCode } = appOf(mod, given, options, io);
        if (exitCode !== undefined) return exitCode;
        if (app === undefined) {
          const text = synthesized();
          if (text !== '') {
            io.stdout(text);
            return 0;
          }
          io.stderr(
            `hubspoke synth: ${given} exports neither a build* function returning an App nor an \`app\`, and synthesized nothing when imported (call app.synth())\n`,
          );
          return 2;
        }
        try {
          io.stdout(formatSynthResult(app.synth()));
          return 0;
        } catch (e) {
          return reportError(e, 'synth failed', io);
        }
      },
    ),
  );
}

/** Runs `command` through the shell in `cwd`, forwarding its output to `io`; resolves to its exit code. */
function runCommand(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => io.stdout(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => io.stderr(chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal }));
  });
}

/** `hubspoke synth` with hubspoke.json: runs the app command with the output folder in the environment. */
async function synthProject(config: AppConfig, options: SynthOptions, io: CliIo): Promise<number> {
  const outdir = options.outdir !== undefined ? resolve(options.outdir) : config.output;
  return withResultFile(async (resultFile, synthesized) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      [OUTDIR_VARIABLE]: outdir,
      [RESULT_FILE_VARIABLE]: resultFile,
      ...(options.force ? { [FORCE_VARIABLE]: '1' } : {}),
      ...(options.strict ? { [STRICT_VARIABLE]: '1' } : {}),
    };
    let exit: { code: number | null; signal: NodeJS.Signals | null };
    try {
      exit = await runCommand(config.app, config.directory, env, io);
    } catch (e) {
      io.stderr(`hubspoke synth: cannot run "${config.app}": ${(e as Error).message}\n`);
      return 2;
    }
    if (exit.code !== 0) {
      const how = exit.signal !== null ? `was stopped by ${exit.signal}` : `exited with code ${exit.code}`;
      io.stderr(`hubspoke synth: the app ("${config.app}" in ${config.directory}) ${how}; see its output above\n`);
      return 1;
    }
    const text = synthesized();
    if (text === '') {
      io.stderr(
        `hubspoke synth: the app ("${config.app}") exited 0 but synthesized nothing: it must call app.synth()\n`,
      );
      return 1;
    }
    io.stdout(text);
    return 0;
  });
}
