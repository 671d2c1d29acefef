/**
 * `hubspoke synth` for every app shape, through the built CLI (`dist/cli/main.js`, as a user runs
 * it): an app named by hubspoke.json and run as a command, a module that calls `app.synth()` when
 * imported, and a TypeScript module on Node 20 (through tsx). The output goes where synth says
 * (`--outdir`, or hubspoke.json's `output`) and nowhere else; an App that names another folder
 * fails instead. Keys never reach the output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/synth.js';
import { TYPESCRIPT_RUNNER_MISSING } from '../../lib/cli/load-app-module.js';
import { runCli } from './io.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const JSON_APP = join(import.meta.dirname, 'fixtures', 'json-app');
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-synth-apps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function synth(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'synth', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('GIVEN hubspoke.json naming the app command', () => {
  it('WHEN hubspoke synth runs with --outdir THEN the app writes there, synth prints the proof, and nothing lands beside the app', () => {
    const outdir = join(tmp, 'json-out');
    const r = synth(['--outdir', outdir], JSON_APP, { FIXTURE_STACK: 'json-app-a' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Stack json-app-a -> ${outdir}`);
    expect(r.stdout).toContain('hubspoke proof: 2/2 ordered site pairs covered');
    expect(readdirSync(join(outdir, 'json-app-a'))).toEqual(
      expect.arrayContaining(['hq-hub.cfg', 'branch-01.cfg', 'topology.json']),
    );
    expect(existsSync(join(JSON_APP, 'out'))).toBe(false);
    expect(existsSync(join(JSON_APP, 'cdk.out'))).toBe(false);
    expect(r.stdout + r.stderr).not.toContain('fakeJsonAppKey');
  });

  it('WHEN the App names its own outdir THEN synth fails naming both folders, and writes nothing', () => {
    const outdir = join(tmp, 'json-conflict');
    const r = synth(['--outdir', outdir], JSON_APP, { FIXTURE_MODE: 'elsewhere', FIXTURE_STACK: 'json-app-b' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`App: outdir is "elsewhere" but hubspoke synth writes to "${outdir}"`);
    expect(r.stderr).toMatch(/the app \("node main\.mjs" in .*json-app\) exited with code 1/);
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(join(JSON_APP, 'elsewhere'))).toBe(false);
  });

  it('WHEN the app command fails THEN synth reports its exit code and exits 1', () => {
    const r = synth(['--outdir', join(tmp, 'json-crash')], JSON_APP, { FIXTURE_MODE: 'crash' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('fixture app: crashing on purpose');
    expect(r.stderr).toContain('exited with code 3');
  });

  it('WHEN hubspoke.json is invalid or missing THEN synth exits 2 saying so', () => {
    const bad = join(tmp, 'bad-project');
    rmSync(bad, { recursive: true, force: true });
    mkdirSync(bad);
    expect(synth([], bad).stderr).toContain('give an app module, or run where hubspoke.json names the app');
    writeFileSync(join(bad, 'hubspoke.json'), '{ "ap": "node main.mjs" }');
    const r = synth([], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hubspoke\.json: .*unknown key "ap"|hubspoke\.json: "app"/);
  });
});

describe('GIVEN a module that calls app.synth() when imported', () => {
  it('WHEN hubspoke synth loads it with --outdir THEN it writes only there and prints what was written', async () => {
    const outdir = join(tmp, 'top-level');
    const r = await runCli(run, [join(import.meta.dirname, 'fixtures', 'top-level-app.ts'), '--outdir', outdir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Stack top-level-fixture -> ${outdir}`);
    expect(r.stdout).toContain('hubspoke proof: 2/2 ordered site pairs covered');
    expect(existsSync(join(outdir, 'top-level-fixture', 'hq-hub.cfg'))).toBe(true);
    expect(existsSync(join(ROOT, 'cdk.out', 'top-level-fixture'))).toBe(false);
    expect(process.env.HUBSPOKE_OUTDIR).toBeUndefined();
  });

  it('WHEN it is TypeScript and the CLI runs on plain Node THEN it runs (through tsx on Node 20)', () => {
    const outdir = join(tmp, 'top-level-ts');
    const r = synth([join('test', 'cli', 'fixtures', 'top-level-app.ts'), '--outdir', outdir], ROOT);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hubspoke proof: 2/2 ordered site pairs covered');
    expect(existsSync(join(outdir, 'top-level-fixture', 'branch-01.cfg'))).toBe(true);
  });

  // Node 22.18+ strips types itself; on Node 20 a .ts module needs tsx.
  it.skipIf((process.features as { typescript?: unknown }).typescript)(
    'WHEN it is TypeScript, Node 20 runs the CLI and no tsx is installed THEN synth says what to install',
    () => {
      const alone = mkdtempSync(join(tmpdir(), 'hubspoke-no-tsx-'));
      try {
        writeFileSync(join(alone, 'app.ts'), 'export const n: number = 1;\n');
        const r = synth(['app.ts'], alone);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(TYPESCRIPT_RUNNER_MISSING);
      } finally {
        rmSync(alone, { recursive: true, force: true });
      }
    },
  );
});
