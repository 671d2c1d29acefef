import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importNetwork, type ImportResult } from '../../lib/import/index.js';
import { configFiles, loadGenerated, prettierFormatted } from './helpers.js';

// The example imports 'hubspoke'; bind it to the sources as every other test of the examples does, so
// that the module cache (vitest runs files without isolation) never holds a copy bound to dist/.
vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildModern, MASTER_SECRET_VARIABLE } = await import('../../examples/modern.js');

const SEED_LAB = 'test/fixtures/seed-lab/three-spokes';
const EXTRA_LINES = 'test/fixtures/import/extra-lines';
const work = mkdtempSync(join(tmpdir(), 'hubspoke-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment the generated stack needs: every listed variable with the value the configs hold. */
function environmentFor(result: ImportResult, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(result.variables.map((v) => [v.variable, values[v.variable] ?? 'snmp-server contact ops']));
}

function expectRoundTrip(result: ImportResult): string {
  expect(result.problems).toEqual([]);
  expect(result.roundTrip?.errors).toEqual([]);
  expect(result.roundTrip?.differences).toEqual([]);
  expect(result.ok).toBe(true);
  return result.source!;
}

describe('hubspoke import: the reference lab', async () => {
  const files = configFiles(SEED_LAB);
  const result = await importNetwork(files, { stackId: 'seed-lab' });

  it('uses the patterns and round-trips to the same behaviour', () => {
    const source = expectRoundTrip(result);
    expect(source).toContain("new Hub(stack, 'Hub', {");
    expect(source.match(/new Spoke\(/g)).toHaveLength(3);
    // The IKE version is said, never left to the platform's default.
    expect(source).toContain("ike: 'v1'");
    // The mirror ACLs are the pattern's (IOS ignores the order of permit-only lines): none re-entered.
    expect(source).not.toContain('removeRules');
    // Spoke2 routes 172.16.0.0/16, not the pattern's per-LAN routes: the choice is commented.
    expect(source).toMatch(
      /\/\/ The pattern derives route\(s\) to .*172\.16\.1\.0\/24.* that spoke2\.cfg does not have\./,
    );
  });

  it('writes no key and no secret, and lists the variables instead', () => {
    const source = result.source!;
    expect(source).not.toContain('cisco123');
    expect(source).not.toContain('$1$DOX3$');
    expect(result.variables.map((v) => v.variable)).toEqual(['HUBSPOKE_PSK', 'HUBSPOKE_SECRET_SPOKE1_1']);
    expect(source).toContain("PreSharedKey.fromEnv('HUBSPOKE_PSK')");
    expect(result.variables[1]!.holds).toBe('line 8 of spoke1.cfg');
  });

  it('is prettier-formatted', async () => {
    expect(await prettierFormatted(result.source!)).toBe(result.source);
  });

  it('synthesizes and proves with the keys in the environment', async () => {
    const env = environmentFor(result, {
      HUBSPOKE_PSK: 'cisco123',
      HUBSPOKE_SECRET_SPOKE1_1: 'enable secret 5 $1$DOX3$riRxEnTVTw/7LNbxi.akz0',
    });
    const app = await loadGenerated(result.source!, 'seed-lab', env, join(work, 'seed-lab'));
    // synth writes only a network its proof covers.
    const written = app.synth();
    expect(written.stacks[0]!.files.map((f) => f.split(/[\\/]/).pop())).toContain('Spoke1.cfg');
    expect(readFileSync(join(work, 'seed-lab', 'seed-lab', 'Spoke1.cfg'), 'utf8')).toContain(
      'enable secret 5 $1$DOX3$',
    );
  });

  it('reports a difference when the generated code is changed', async () => {
    const tampered = result.source!.replace("spoke2.router.removeRoutes('172.16.1.0/24');", '');
    expect(tampered).not.toBe(result.source);
    const { roundTrip } = await import('../../lib/import/round-trip.js');
    const { parseConfig } = await import('../../lib/parse/index.js');
    const inputs = new Map(files.map((f) => [parseConfig(f.text).config.hostname, parseConfig(f.text).config]));
    const env = { HUBSPOKE_PSK: 'cisco123', HUBSPOKE_SECRET_SPOKE1_1: 'enable secret 5 x' };
    const r = await roundTrip(tampered, 'seed-lab', inputs, env);
    const spoke1 = inputs.get('Spoke1')!;
    inputs.set('Spoke1', {
      ...spoke1,
      extraLines: spoke1.extraLines.map((l) => (l.text.startsWith('enable') ? { text: 'enable secret 5 x' } : l)),
    });
    const again = await roundTrip(tampered, 'seed-lab', inputs, env);
    expect(r.differences.map((d) => d.hostname)).toContain('Spoke2');
    expect(again.differences).toEqual([
      { hostname: 'Spoke2', sections: ['staticRoutes'], commands: ['ip route 172.16.1.0 255.255.255.0 Ethernet1'] },
    ]);
  });
});

describe('hubspoke import: a modern IOS-XE network (examples/modern.ts)', async () => {
  const secret = 'q8Xv2-LmP4sR7tY1wZ3bN6cK9dF0gH5j';
  const out = join(work, 'modern-in');
  buildModern(out, { [MASTER_SECRET_VARIABLE]: secret, HUBSPOKE_LAB_MODE: '' }).synth();
  const files = configFiles(join(out, 'modern'));
  const result = await importNetwork(files, { stackId: 'modern' });

  it('round-trips with one key variable per pair and no escape hatch', () => {
    const source = expectRoundTrip(result);
    expect(result.variables).toHaveLength(11 - 1);
    expect(source).not.toMatch(/addLine|removeRoutes|removeRules/);
    expect(source).toContain(
      "wan: { address: '203.0.113.10/29', interface: 'GigabitEthernet1', gateway: '203.0.113.9' }",
    );
  });

  it('writes none of the derived keys', () => {
    const keys = files.flatMap((f) =>
      [...f.text.matchAll(/crypto isakmp key (?:\d )?(\S+) address/g)].map((m) => m[1]!),
    );
    expect(keys.length).toBe(20);
    for (const k of keys) expect(result.source).not.toContain(k);
  });

  it('re-keys from a master secret when asked, equal to the input but for the key values', async () => {
    const rekeyed = await importNetwork(files, { stackId: 'modern', rekey: true });
    const source = expectRoundTrip(rekeyed);
    expect(source).toContain("PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET'))");
    expect(source).not.toContain('PreSharedKey.fromEnv');
    expect(rekeyed.variables.map((v) => v.variable)).toEqual(['HUBSPOKE_MASTER_SECRET']);
  });
});

describe('hubspoke import: lines hubspoke does not model', async () => {
  const files = configFiles(EXTRA_LINES);
  const result = await importNetwork(files, { stackId: 'extra' });

  it('keeps every line, round trip equal', () => {
    const source = expectRoundTrip(result);
    for (const line of ['ntp server 192.0.2.123', ' match ip dscp ef', '  priority 256', 'banner motd ^C'])
      expect(source).toContain(`'${line}'`);
    expect(source).toContain("new Interface(spoke2.router, 'If-Loopback0', {");
    expect(source).toContain("new AccessList(spoke2.router, 'Acl-10', { name: '10', type: 'standard' })");
    expect(source).toContain("'ip route 198.51.100.0 255.255.255.0 Ethernet1 200 name backup-mgmt'");
    expect(source).toContain("hub.lanInterfaces[0]!.addLine('description hub LAN');");
  });

  it('reads the community and the vty password from the environment', () => {
    const source = result.source!;
    for (const secret of ['Rd-0nly-Comm', '02050D480809', 'cisco123']) expect(source).not.toContain(secret);
    const lines = result.variables.filter((v) => v.variable.startsWith('HUBSPOKE_SECRET_'));
    // Per router: the community and the vty password; Spoke1 also has its enable secret.
    expect(lines).toHaveLength(4 * 2 + 1);
    expect(lines.map((v) => v.holds)).toEqual(
      expect.arrayContaining(['line 46 of spoke2.cfg', 'line 61 of spoke2.cfg']),
    );
  });

  it('is prettier-formatted', async () => {
    expect(await prettierFormatted(result.source!)).toBe(result.source);
  });

  it('keeps a QoS policy on an interface, which the proof then refuses as unverified', async () => {
    const withPolicy = files.map((f) =>
      f.file === 'hub.cfg'
        ? {
            ...f,
            text: f.text.replace(
              ' ip address 10.1.1.1 255.255.255.0\n',
              ' ip address 10.1.1.1 255.255.255.0\n service-policy output LAN-QOS\n',
            ),
          }
        : f,
    );
    const r = await importNetwork(withPolicy, { stackId: 'qos' });
    expect(expectRoundTrip(r)).toContain("hub.lanInterfaces[0]!.addLine('service-policy output LAN-QOS');");
    const env = environmentFor(r, { HUBSPOKE_PSK: 'cisco123' });
    const app = await loadGenerated(r.source!, 'qos', env, join(work, 'qos'));
    expect(() => app.synth()).toThrow(/NOT_MODELLED/);
  });
});

describe('hubspoke import: networks the patterns do not fit', () => {
  const files = configFiles(SEED_LAB).map((f) =>
    f.file === 'spoke2.cfg' ? { ...f, text: f.text.replace('key cisco123 address', 'key other-key-77 address') } : f,
  );

  it('writes every router with L1 constructs, says why, and round-trips, keys in the environment', async () => {
    const r = await importNetwork(files, { stackId: 'broken' });
    const source = expectRoundTrip(r);
    expect(source).toContain(
      ' * - hub.cfg:14 and spoke2.cfg:14: the two ends of Hub/Spoke2 hold different keys; fix the network first',
    );
    expect(source).not.toMatch(/new Hub\(|new Spoke\(/);
    expect(source.match(/new Router\(/g)).toHaveLength(4);
    expect(source).toContain("new CryptoMap(hub, 'CryptoMap-mymap', { name: 'mymap' })");
    expect(JSON.stringify(r)).not.toMatch(/cisco123|other-key-77/);
    expect(r.variables.filter((v) => v.variable.startsWith('HUBSPOKE_PSK_'))).toHaveLength(6);
    expect(r.proof).toMatchObject({ ok: false });
    expect(await prettierFormatted(source)).toBe(source);
  });

  it('refuses configs with errors, naming file and line', async () => {
    const r = await importNetwork([{ file: 'bad.cfg', text: 'hostname X\nip route 10.0.0.0 255.0.0.0\n' }]);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^bad\.cfg:2: /);
  });

  it('GIVEN the same configs twice THEN the same module, byte for byte', async () => {
    const a = await importNetwork(configFiles(EXTRA_LINES), { stackId: 'extra' });
    const b = await importNetwork(configFiles(EXTRA_LINES), { stackId: 'extra' });
    expect(a.source).toBe(b.source);
  });
});

describe('hubspoke import --fix: the lab with spoke 3 added as published', async () => {
  const files = configFiles('test/fixtures/seed-lab/spoke3-as-published');
  const asIs = await importNetwork(files, { stackId: 'published' });
  const fixed = await importNetwork(files, { stackId: 'published', fix: true });

  it('imports the broken network as it is, and says the stack will not synthesize', () => {
    expectRoundTrip(asIs);
    expect(asIs.proof).toMatchObject({ ok: false, broken: 6 });
  });

  it('with fix, imports the repaired network, which proves and round-trips to the repaired configs', () => {
    const source = expectRoundTrip(fixed);
    expect(fixed.proof).toMatchObject({ ok: true, pairs: 12, covered: 12 });
    expect(fixed.repaired!.commands).toBeGreaterThan(0);
    expect(fixed.repaired!.files.map((f) => f.text)).not.toEqual(files.map((f) => f.text));
    expect(source).not.toBe(asIs.source);
  });
});
