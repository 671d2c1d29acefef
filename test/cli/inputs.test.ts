import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as emulate } from '../../lib/cli/emulate.js';
import { run as ping } from '../../lib/cli/ping.js';
import { run as verify } from '../../lib/cli/verify.js';
import { runCli } from './io.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let n = 0;
function dir(): string {
  const d = join(scratch, `d${(n += 1)}`);
  cpSync(LAB, d, { recursive: true });
  return d;
}
function file(name: string, content: string | Buffer): string {
  const f = join(scratch, `${(n += 1)}-${name}`);
  writeFileSync(f, content);
  return f;
}

const PING = ['--from', 'Spoke1', '--source', '172.16.1.1', '--to', '192.168.1.1'];

describe('GIVEN a file that is not an IOS configuration, given by name', () => {
  for (const [what, content] of [
    ['an empty file', ''],
    ['a binary file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0, 3, 0])],
    ['a README', '# Lab notes\n\nThese configs come from the lab.\nAsk Bob before changing them.\n'],
  ] as const) {
    it(`WHEN ${what} is verified, emulated or pinged THEN the command exits 2 naming the file`, async () => {
      const bad = file('bad.cfg', content);
      for (const [cmd, args] of [
        [verify, [bad]],
        [emulate, [bad, '--script', bad]],
        [ping, [bad, ...PING]],
      ] as const) {
        const r = await runCli(cmd, [...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`${bad} is not an IOS configuration`);
        expect(r.stdout).not.toContain('PROVEN');
      }
    });
  }
});

describe('GIVEN a folder of configs with a stray file', () => {
  it('WHEN verified THEN the stray file is skipped with a warning naming it and the lab still proves', async () => {
    const d = dir();
    writeFileSync(join(d, 'notes.txt'), 'remember to rotate the keys\nand update the docs\n');
    writeFileSync(join(d, 'empty.cfg'), '\n\n');
    const r = await runCli(verify, [d]);
    expect(r.stderr).toContain(`warning: skipped ${join(d, 'notes.txt')}: not an IOS configuration`);
    expect(r.stderr).toContain(`warning: skipped ${join(d, 'empty.cfg')}: not an IOS configuration (it is empty)`);
    expect(r.stdout).not.toContain('Router');
    expect(r.stdout).toMatch(/: PROVEN\n$/);
    expect(r.code).toBe(0);
  });

  it('WHEN the folder holds no configuration at all THEN verify exits 2', async () => {
    const d = join(scratch, `only-notes-${(n += 1)}`);
    cpSync(LAB, d, { recursive: true, filter: (src) => !src.endsWith('.cfg') });
    writeFileSync(join(d, 'notes.txt'), 'nothing here\n');
    const r = await runCli(verify, [d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no IOS configuration in');
  });
});

describe('GIVEN configs with no pair of sites to prove', () => {
  it('WHEN verified THEN it says nothing to prove and exits 1, never PROVEN', async () => {
    const one = file('one.cfg', 'hostname Alone\ninterface Ethernet0\n ip address 10.0.0.1 255.255.255.0\nend\n');
    for (const format of ['text', 'json']) {
      const r = await runCli(verify, [one, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('nothing to prove');
      expect(r.stdout).not.toMatch(/: PROVEN/);
    }
    expect((await runCli(verify, [one])).stdout).toContain('NOT PROVEN (nothing to prove');
  });
});

describe('GIVEN a line IOS would reject', () => {
  it('WHEN a proven lab gains `set transform-set` without a name THEN it is an INVALID_LINE error at its line and the verdict fails', async () => {
    const d = dir();
    const hub = join(d, 'hub.cfg');
    const text = readFileSync(hub, 'utf8').replace(
      ' set transform-set myset\n',
      ' set transform-set myset\n set transform-set\n',
    );
    writeFileSync(hub, text);
    const line = text.split('\n').indexOf(' set transform-set') + 1;
    const r = await runCli(verify, [d, '--format', 'json']);
    const json = JSON.parse(r.stdout) as {
      findings: { code: string; line: number; file: string; severity: string }[];
      summary: { errors: number };
      ok: boolean;
    };
    expect(json.findings.find((f) => f.code === 'INVALID_LINE')).toMatchObject({ file: hub, line, severity: 'error' });
    expect(json.summary.errors).toBeGreaterThan(0);
    expect(json.ok).toBe(false);
    expect(r.code).toBe(1);
  });

  it('WHEN an interface address is malformed THEN it is an INVALID_LINE error naming the parser code', async () => {
    const d = dir();
    const spoke = join(d, 'spoke2.cfg');
    writeFileSync(
      spoke,
      `${readFileSync(spoke, 'utf8').replace(/\nend\s*$/, '\n')}interface Loopback9\n ip address 10.300.0.1 255.255.255.255\nend\n`,
    );
    const r = await runCli(verify, [d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+INVALID_LINE .*spoke2\.cfg:\d+: BAD_ADDRESS/);
  });
});

describe('GIVEN a device with a relevant unmodelled line', () => {
  it('WHEN emulated or pinged THEN a warning names the device, says its results are unverified and lists the line', async () => {
    const d = dir();
    const spoke = join(d, 'spoke1.cfg');
    const text = readFileSync(spoke, 'utf8').replace(
      'interface Ethernet0\n',
      'interface Ethernet0\n ip policy route-map PBR\n',
    );
    writeFileSync(spoke, text);
    const line = text.split('\n').indexOf(' ip policy route-map PBR') + 1;
    const script = file('script.txt', 'Spoke1# show ip route\n');
    for (const [cmd, args] of [
      [emulate, [d, '--script', script]],
      [ping, [d, ...PING]],
    ] as const) {
      const r = await runCli(cmd, [...args]);
      expect(r.stderr).toContain(`warning: Spoke1 (${spoke}) has 1 relevant line(s) hubspoke does not model`);
      expect(r.stderr).toContain('are unverified');
      expect(r.stderr).toContain(`${spoke}:${line}: NOT_MODELLED`);
      expect(r.stderr).not.toContain('Spoke2 (');
    }
  });

  it('WHEN the lab has no such line THEN emulate prints no such warning', async () => {
    const script = file('script2.txt', 'Spoke1# show ip route\n');
    const r = await runCli(emulate, [dir(), '--script', script]);
    expect(r.stderr).not.toContain('NOT_MODELLED');
  });
});
