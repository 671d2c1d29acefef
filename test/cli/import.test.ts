import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/import.js';
import { runCli } from './io.js';

const SEED_LAB = 'test/fixtures/seed-lab/three-spokes';
const dir = mkdtempSync(join(tmpdir(), 'hubspoke-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hubspoke import (command line)', () => {
  it('writes the stack, says the round trip held and lists the variables, never a key', async () => {
    const out = join(dir, 'lab.ts');
    const r = await runCli(run, [SEED_LAB, '--out', out, '--stack-id', 'seed-lab']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('round trip: the synthesized configs behave like the input (4 router(s)');
    expect(r.stdout).toMatch(/^ {2}HUBSPOKE_PSK +the pre-shared key of Hub\/Spoke1, Hub\/Spoke2, Hub\/Spoke3$/m);
    const source = readFileSync(out, 'utf8');
    expect(source).toContain('export function buildSeedLab(');
    for (const text of [r.stdout, source]) expect(text).not.toMatch(/cisco123|\$1\$DOX3/);
  });

  it('refuses to replace a file without --force', async () => {
    const out = join(dir, 'taken.ts');
    writeFileSync(out, '// mine\n');
    const r = await runCli(run, [SEED_LAB, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/taken\.ts exists; pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('// mine\n');
    expect((await runCli(run, [SEED_LAB, '--out', out, '--force'])).code).toBe(0);
  });

  it('writes nothing when the network cannot be expressed, and says why without the keys', async () => {
    const broken = join(dir, 'broken');
    const { mkdirSync, readdirSync } = await import('node:fs');
    mkdirSync(broken);
    for (const f of readdirSync(SEED_LAB)) {
      const text = readFileSync(join(SEED_LAB, f), 'utf8');
      // A key stored encrypted (type 7): the import cannot read it back into an environment variable.
      writeFileSync(
        join(broken, f),
        f === 'spoke3.cfg'
          ? text.replace('crypto isakmp key cisco123 address', 'crypto isakmp key 7 0822455D0A16 address')
          : text,
      );
    }
    const out = join(dir, 'broken.ts');
    const r = await runCli(run, [broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spoke3\.cfg:14: .*stored encrypted \(type 7\)/);
    expect(r.stderr).toContain('nothing written');
    expect(r.stderr + r.stdout).not.toMatch(/cisco123|0822455D0A16/);
    expect(existsSync(out)).toBe(false);
  });

  it('checks its arguments', async () => {
    expect((await runCli(run, [SEED_LAB])).stderr).toContain('--out FILE is required');
    expect((await runCli(run, [SEED_LAB, '--out', 'x.ts', '--platform', 'nx-os'])).code).toBe(2);
    expect((await runCli(run, [SEED_LAB, '--out', 'x.ts', '--stack-id', '../up'])).code).toBe(2);
  });
});
