/**
 * `hubspoke init [dir] [--name NAME] [--force]`: scaffolds a hubspoke project (see
 * init-templates.ts) in `dir` (default: the current folder). Refuses a folder that holds anything
 * unless `--force`, which writes the project's files over same-named ones and leaves other files
 * alone. Installs nothing: it prints the commands that do. Exit 0 when written, 2 for bad usage or
 * a folder that is not empty or cannot be written.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { PROJECT_STACK, projectFiles, type ProjectOptions } from './init-templates.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke init [dir] [options]

Writes a new hubspoke project into dir (default: the current folder): package.json, tsconfig.json,
hubspoke.json, network.ts (a hub and two branches, keys derived from HUBSPOKE_MASTER_SECRET),
main.ts, a vitest test, .gitignore, a README and .github/workflows/hubspoke.yml (synth, the
emitted harness, SARIF to code scanning, the HTML report as an artifact).

options:
  --name NAME      npm package name of the project (default: the folder's name)
  --force          write into a folder that is not empty (same-named files are replaced)
  -h, --help       this text

exit codes: 0 written, 2 bad usage, or a folder that is not empty (without --force) or cannot be written
`;

/** The parts of hubspoke's own package.json the project takes its version ranges from. */
interface OwnManifest {
  readonly version: string;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/**
 * Version ranges for a new project: hubspoke at `^` its own version, and the versions hubspoke
 * itself is built and tested with (its peer and dev dependencies), so the project starts on a
 * combination that is known to work.
 */
export function projectVersions(own: OwnManifest): Pick<ProjectOptions, 'hubspoke' | 'versions'> {
  const dev = (name: string): string => {
    const range = own.devDependencies[name];
    if (range === undefined) throw new Error(`hubspoke's package.json has no devDependency ${name}`);
    return range;
  };
  return {
    hubspoke: `^${own.version}`,
    versions: {
      constructs: own.peerDependencies.constructs ?? dev('constructs'),
      tsx: dev('tsx'),
      typescript: dev('typescript'),
      vitest: dev('vitest'),
      '@types/node': dev('@types/node'),
    },
  };
}

/** An npm package name from a folder name: lower case, other characters than `a-z0-9-._` to `-`. */
export function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'hubspoke-vpn' : name.slice(0, 214);
}

const NPM_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** Runs `hubspoke init`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'init',
    USAGE,
    argv,
    {
      name: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length > 1) return usageError('init', USAGE, 'give at most one folder', io);
  const dir = resolve(positionals[0] ?? '.');
  const name = values.name ?? packageName(basename(dir));
  if (!NPM_NAME.test(name) || name.length > 214)
    return usageError('init', USAGE, `--name: "${name}" is not an npm package name`, io);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.stderr(`hubspoke init: ${dir} is not a folder\n`);
    return 2;
  }
  const present = existsSync(dir) ? readdirSync(dir) : [];
  if (present.length > 0 && values.force !== true) {
    io.stderr(
      `hubspoke init: ${dir} is not empty (${present.length} entr${present.length === 1 ? 'y' : 'ies'}); choose an empty folder, or --force to write the project's files into it\n`,
    );
    return 2;
  }
  const own = createRequire(import.meta.url)('../../package.json') as OwnManifest;
  const files = projectFiles({ name, ...projectVersions(own) });
  try {
    for (const [path, text] of files) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  } catch (e) {
    io.stderr(`hubspoke init: cannot write the project into ${dir}: ${(e as Error).message}\n`);
    return 2;
  }
  const cd = positionals[0] !== undefined ? `cd ${positionals[0]} && ` : '';
  io.stdout(
    `Wrote a hubspoke project to ${dir}:\n${[...files.keys()].map((f) => `  ${f}`).join('\n')}\n\n` +
      `Next:\n  ${cd}npm install\n  npm test                                      (synthesizes and checks the proof)\n` +
      `  HUBSPOKE_MASTER_SECRET=$(openssl rand -base64 32) npx hubspoke synth   (writes cdk.out/${PROJECT_STACK}/)\n` +
      `In CI, set the repository secret HUBSPOKE_MASTER_SECRET; the configs in cdk.out hold keys, never commit them.\n`,
  );
  return 0;
}
