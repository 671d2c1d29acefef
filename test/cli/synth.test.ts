import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { compiledPath, run } from '../../lib/cli/synth.js';
import { runCli } from './io.js';

const MODULE = join(import.meta.dirname, 'fixtures', 'synth-app.ts');
const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-synth-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: string[], entry = run) => runCli(entry, args);

describe('GIVEN an app module', () => {
  it('WHEN hubspoke synth runs it THEN it prints the written files and the proof, and exits 0', async () => {
    const outdir = join(tmp, 'ok');
    const r = await cli(['synth', MODULE, '--outdir', outdir, '--export', 'buildLab'], main);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hubspoke proof: 6/6 ordered site pairs covered');
    expect(r.stdout).toContain('coverage (rows = from, columns = to)');
    expect(existsSync(join(outdir, 'lab', 'harness.test.mjs'))).toBe(true);
    expect(r.stdout).not.toContain('fakeLabKey');
  });

  it('WHEN the stack is not covered THEN it exits 1, lists every problem with its construct path, writes nothing and prints no key', async () => {
    const outdir = join(tmp, 'broken');
    const r = await cli([MODULE, '--outdir', outdir, '--export', 'buildBrokenLab']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lab\/Spoke2\/\S*HubKey: PSK_MISMATCH/);
    expect(r.stderr).toContain('is not covered');
    expect(existsSync(outdir)).toBe(false);
    expect(r.stderr + r.stdout).not.toMatch(/fake(Lab|Other)Key/);
  });

  it('WHEN run with --strict and the stack has warnings THEN it exits 1 listing them with their ids, writes nothing, and leaves HUBSPOKE_STRICT as it was', async () => {
    const outdir = join(tmp, 'strict');
    const r = await cli([MODULE, '--outdir', outdir, '--export', 'buildLab', '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Synthesis failed under strict mode/);
    expect(r.stderr).toMatch(
      /lab\/Hub\/Router\/IsakmpPolicy: uses legacy crypto: encryption "des" \(allowed by allowLegacyCrypto\) \[WEAK_CRYPTO\]/,
    );
    expect(existsSync(outdir)).toBe(false);
    expect(process.env.HUBSPOKE_STRICT).toBeUndefined();
    expect(r.stderr + r.stdout).not.toContain('fakeLabKey');
  });

  it.each([
    [[], 'give an app module, or run where hubspoke.json names the app'],
    [['nope/missing.ts'], 'cannot find nope/missing.ts'],
    [[MODULE, '--export', 'notThere'], 'exports no function notThere'],
    [[MODULE, '--bogus'], 'Unknown option'],
  ])('WHEN run with %j THEN it exits 2 with a clear message', async (args, message) => {
    const r = await cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('WHEN a .ts module is named THEN its compiled form is looked up under .build/', () => {
    expect(compiledPath('examples/seed-lab.ts', '/repo')).toBe('/repo/.build/examples/seed-lab.js');
    expect(compiledPath('x.js', '/repo')).toBe('/repo/x.js');
  });
});
