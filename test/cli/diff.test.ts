import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/diff.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab');
const LAB_KEY = 'cisco123';

async function diff(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('hubspoke diff', () => {
  it('GIVEN two equal folders WHEN diffed THEN it exits 0 and says every router is unchanged', async () => {
    const r = await diff(join(LAB, 'three-spokes'), join(LAB, 'three-spokes'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/= Hub: unchanged/);
  });

  it('GIVEN the lab growing by one spoke WHEN diffed THEN it exits 1, prints the plan and never the key', async () => {
    const r = await diff(join(LAB, 'two-spokes'), join(LAB, 'three-spokes'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/~ Hub: changed/);
    expect(r.out).toMatch(/\+ Spoke3: new/);
    expect(r.out).toContain('crypto isakmp key <redacted> address 10.1.5.1');
    expect(r.out).not.toContain(LAB_KEY);
  });

  it('GIVEN --format json --show-secrets WHEN diffed THEN the JSON carries the commands a device needs', async () => {
    const r = await diff(join(LAB, 'two-spokes'), join(LAB, 'three-spokes'), '--format', 'json', '--show-secrets');
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.out);
    expect(plan.redacted).toBe(false);
    const hub = plan.routers.find((x: { hostname: string }) => x.hostname === 'Hub');
    expect(hub.steps.flatMap((s: { commands: string[] }) => s.commands)).toContain(
      `crypto isakmp key ${LAB_KEY} address 10.1.5.1`,
    );
  });

  it('GIVEN a missing folder, a bad format or one path WHEN diffed THEN it exits 2 with a message and no stack trace', async () => {
    const missing = await diff(join(LAB, 'nope'), join(LAB, 'two-spokes'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    expect((await diff(join(LAB, 'two-spokes'), join(LAB, 'two-spokes'), '--format', 'xml')).code).toBe(2);
    expect((await diff(join(LAB, 'two-spokes'))).code).toBe(2);
  });

  it('GIVEN the same hostname twice in the new folder WHEN diffed THEN it exits 2 naming the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-diff-'));
    cpSync(join(LAB, 'two-spokes'), join(dir, 'new'), { recursive: true });
    writeFileSync(join(dir, 'new', 'hub-copy.cfg'), readFileSync(join(LAB, 'two-spokes', 'hub.cfg')));
    const r = await diff(join(LAB, 'two-spokes'), join(dir, 'new'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"Hub" appears twice/);
  });
});
