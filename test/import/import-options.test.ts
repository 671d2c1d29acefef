/**
 * Import of networks that use the patterns' options (keyring keying, a loopback IKE source, spokes on
 * leased addresses served by a dynamic map, a spoke behind NAT, internet breakout), and of networks
 * the patterns do not write (IKEv2 crypto maps, tunnels): each round-trips to the same parsed models,
 * with no key in the generated code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { importNetwork, type ImportFile, type ImportResult } from '../../lib/import/index.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from '../verify/ikev2-lab.js';
import { configFiles, loadGenerated, prettierFormatted } from './helpers.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildBranches, MASTER_SECRET_VARIABLE } = await import('../../examples/branches.js');
const { addCryptoMapStack } = await import('../../examples/modern-ikev2.js');
// The example's App type is the package's (bound to the sources at run time by the mock above).
const { App: PackageApp } = await import('hubspoke');

const work = mkdtempSync(join(tmpdir(), 'hubspoke-import-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectRoundTrip(result: ImportResult): string {
  expect(result.problems).toEqual([]);
  expect(result.roundTrip?.errors).toEqual([]);
  expect(result.roundTrip?.differences).toEqual([]);
  expect(result.ok).toBe(true);
  return result.source!;
}

/** The pre-shared keys of a set of configs (global keys and keyring keys). */
function keysOf(files: readonly ImportFile[]): string[] {
  return files.flatMap((f) =>
    [
      ...f.text.matchAll(
        /(?:crypto isakmp key|pre-shared-key(?: address \S+ \S+| local| remote)?)(?: key)? (?:0 )?(\S+)/g,
      ),
    ].map((m) => m[1]!),
  );
}

const KEYRING_KEY = 'Kr-8d2f0c6e1a7b4d93e5';

function keyringNetwork(out: string): ImportFile[] {
  const app = new App({ outdir: out, env: { K: KEYRING_KEY }, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'keyring', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hub',
    ike: 'v1',
    keying: 'keyring',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.fromEnv('K'),
  });
  for (const [n, wan, gw] of [
    [1, '203.0.113.10/29', '203.0.113.9'],
    [2, '203.0.113.18/29', '203.0.113.17'],
  ] as const)
    new Spoke(stack, `S${n}`, {
      hub,
      hostname: `s${n}`,
      lan: { address: `10.${n}.0.1/24` },
      wan: { address: wan, gateway: gw },
    });
  app.synth();
  return configFiles(join(out, 'keyring'));
}

describe('hubspoke import: the branches example (loopback IKE source, NAT, DHCP spokes, breakout)', async () => {
  const secret = 'q8Xv2-LmP4sR7tY1wZ3bN6cK9dF0gH5j';
  const out = join(work, 'branches-in');
  buildBranches(out, { [MASTER_SECRET_VARIABLE]: secret, HUBSPOKE_LAB_MODE: '' }).synth();
  const files = configFiles(join(out, 'branches'));
  const result = await importNetwork(files, { stackId: 'branches' });

  it('fits every router to the patterns with their options, and round-trips', () => {
    const source = expectRoundTrip(result);
    expect(source.match(/new Spoke\(/g)).toHaveLength(6);
    expect(source).not.toMatch(/new Router\(|addLine/);
    expect(source).toContain("ikeSource: { loopback: 'Loopback0', address: '198.51.100.129' }");
    expect(source).toMatch(
      /dynamicSpokes: \{\s+domainName: 'branches\.example\.net',\s+preSharedKey: PreSharedKey\.fromEnv\('HUBSPOKE_PSK_DYNAMICSPOKES'\)/,
    );
    expect(source).toContain("behindNat: { publicAddress: '203.0.113.26' }");
    expect(source.match(/wan: \{ address: 'dhcp', interface: 'GigabitEthernet1' \}/g)).toHaveLength(3);
    expect(source.match(/internetBreakout: \{ nat: 'overload' \}/g)).toHaveLength(2);
    expect(result.proof).toMatchObject({ ok: true });
  });

  it('writes no key; the dynamic spokes share one variable', () => {
    const keys = keysOf(files);
    // 3 static pairs and 3 dynamic spokes, two ends each, but one wildcard key on the hub.
    expect(keys).toHaveLength(10);
    for (const k of keys) expect(result.source).not.toContain(k);
    const dynamic = result.variables.find((v) => v.variable === 'HUBSPOKE_PSK_DYNAMICSPOKES');
    expect(dynamic?.holds).toBe('the pre-shared key of hq-hub/shop-01, hq-hub/shop-02, hq-hub/shop-03');
  });

  it('is prettier-formatted and synthesizes with the keys in the environment', async () => {
    expect(await prettierFormatted(result.source!)).toBe(result.source);
    const rekeyed = await importNetwork(files, { stackId: 'branches', rekey: true });
    expectRoundTrip(rekeyed);
    const app = await loadGenerated(rekeyed.source!, 'branches', { [MASTER_SECRET_VARIABLE]: secret }, join(work, 'b'));
    expect(app.synth().stacks[0]!.files.some((f) => f.endsWith('shop-01.cfg'))).toBe(true);
  });
});

const V2_HUB_KEY = 'V2-hub-key-fake-0d4c8e19a3';
const V2_OWN_KEY = 'V2-own-key-fake-5b7f2a60c1';

/** An ike 'v2' hub with a static spoke and two DHCP spokes, one with a key of its own. */
function ikev2DynamicNetwork(out: string): ImportFile[] {
  const app = new App({ outdir: out, env: { K: V2_HUB_KEY, OWN: V2_OWN_KEY }, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'v2dyn', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hub',
    ike: 'v2',
    dynamicSpokes: { domainName: 'shops.example.net' },
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.fromEnv('K'),
  });
  new Spoke(stack, 'S1', {
    hub,
    hostname: 's1',
    lan: { address: '10.1.0.1/24' },
    wan: { address: '203.0.113.10/29', gateway: '203.0.113.9' },
  });
  for (const n of [2, 3])
    new Spoke(stack, `S${n}`, {
      hub,
      hostname: `s${n}`,
      lan: { address: `10.${n}.0.1/24` },
      wan: { address: 'dhcp' },
      ...(n === 3 ? { preSharedKey: PreSharedKey.fromEnv('OWN') } : {}),
    });
  app.synth();
  return configFiles(join(out, 'v2dyn'));
}

describe("hubspoke import: DHCP spokes on an ike 'v2' hub", async () => {
  const files = ikev2DynamicNetwork(join(work, 'v2dyn-in'));
  const result = await importNetwork(files, { stackId: 'v2dyn' });

  it('fits the patterns (a key per dynamic spoke, found by its FQDN identity) and round-trips, with no key written', () => {
    const source = expectRoundTrip(result);
    expect(source).not.toMatch(/new Router\(|addLine/);
    expect(source).toContain("ike: 'v2'");
    expect(source).toContain("dynamicSpokes: { domainName: 'shops.example.net' }");
    expect(source.match(/wan: \{ address: 'dhcp', interface: 'GigabitEthernet1' \}/g)).toHaveLength(2);
    expect(source).toContain("preSharedKey: PreSharedKey.fromEnv('HUBSPOKE_PSK_S3')");
    for (const k of [V2_HUB_KEY, V2_OWN_KEY]) expect(source).not.toContain(k);
    expect(result.variables.map((v) => v.variable).sort()).toEqual(['HUBSPOKE_PSK_S1', 'HUBSPOKE_PSK_S3']);
    expect(result.proof).toMatchObject({ ok: true });
  });

  it('re-keyed, derives a key per dynamic spoke and still round-trips', async () => {
    expectRoundTrip(await importNetwork(files, { stackId: 'v2dyn', rekey: true }));
  });
});

describe('hubspoke import: keys in a keyring', async () => {
  const files = keyringNetwork(join(work, 'keyring-in'));

  it("fits keying: 'keyring' and round-trips", async () => {
    const result = await importNetwork(files, { stackId: 'keyring' });
    const source = expectRoundTrip(result);
    expect(source).toContain("keying: 'keyring'");
    expect(source).not.toMatch(/new Router\(|addLine/);
    expect(source).not.toContain(KEYRING_KEY);
    expect(result.variables.map((v) => v.variable)).toEqual(['HUBSPOKE_PSK']);
  });

  it('with different keys on the two ends: every router in L1, keyrings and profiles as written, round trip equal', async () => {
    const broken = files.map((f) =>
      f.file === 's2.cfg'
        ? { ...f, text: f.text.replace(/(pre-shared-key address \S+ key )\S+/, '$1Other-9c1e55d0b2') }
        : f,
    );
    const result = await importNetwork(broken, { stackId: 'keyring' });
    const source = expectRoundTrip(result);
    expect(source).toMatch(/the two ends of hub\/s2 hold different keys/);
    expect(source).toContain("'crypto isakmp profile HUBSPOKE-PROFILE'");
    expect(JSON.stringify(result)).not.toMatch(new RegExp(`${KEYRING_KEY}|Other-9c1e55d0b2`));
  });
});

describe('hubspoke import: an IKEv2 crypto-map network of the patterns (examples/modern-ikev2.ts)', async () => {
  const out = join(work, 'ikev2-in');
  const app = new PackageApp({
    outdir: out,
    env: { [MASTER_SECRET_VARIABLE]: 'q8Xv2-LmP4sR7tY1wZ3bN6cK9dF0gH5j' },
    logWarning: () => {},
  });
  addCryptoMapStack(app);
  app.synth();
  const files = configFiles(join(out, 'ikev2-crypto-map'));

  it("fits ike: 'v2' with the proposal's algorithms, round-trips, and writes no key", async () => {
    const result = await importNetwork(files, { stackId: 'v2' });
    const source = expectRoundTrip(result);
    expect(source).toContain("ike: 'v2'");
    expect(source).toContain("ikev2: { encryption: ['aes-gcm-256'], prf: ['sha384'], groups: [20, 19] }");
    expect(source).not.toMatch(/new Router\(|addLine/);
    const keys = [
      ...files
        .map((f) => f.text)
        .join('\n')
        .matchAll(/pre-shared-key (\S+)/g),
    ].map((m) => m[1]!);
    expect(keys).toHaveLength(8);
    for (const k of keys) expect(JSON.stringify(result)).not.toContain(k);
  });

  it('re-keys from a master secret, equal but for the key values', async () => {
    const source = expectRoundTrip(await importNetwork(files, { stackId: 'v2', rekey: true }));
    expect(source).toContain("PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET'))");
  });
});

describe('hubspoke import: what the patterns do not write', () => {
  it('a hand-written IKEv2 network (its own profile names, keys per direction): L1 and its IKEv2 blocks as written, says why', async () => {
    const files = Object.entries(ikev2Lab()).map(([file, text]) => ({ file, text }));
    const result = await importNetwork(files, { stackId: 'v2' });
    const source = expectRoundTrip(result);
    expect(source.replace(/\n \* /g, ' ')).toContain(
      "HQ/BranchB negotiate IKEv2 (set ikev2-profile) with a profile other than the patterns' HUBSPOKE-PROFILE on both ends",
    );
    expect(source).toContain("'crypto ikev2 profile BRANCHES'");
    for (const k of [KEY_A, KEY_B_UP, KEY_B_DOWN]) expect(JSON.stringify(result)).not.toContain(k);
    expect(result.proof).toMatchObject({ ok: true });
  });

  it.each([
    ['gre', /hub\.cfg:37: Hub Tunnel1 is not a static VTI/],
    ['svti-ikev2', /IPsec profile VTI2 names IKEv2 profile SPOKES, not the patterns' HUBSPOKE-PROFILE/],
  ])('a %s tunnel network: L1 with the reason, tunnels kept as written, round trip equal', async (name, reason) => {
    const result = await importNetwork(configFiles(`test/fixtures/tunnels/${name}`), { stackId: name });
    const source = expectRoundTrip(result);
    expect(source.replace(/\n \* /g, ' ')).toMatch(reason);
    expect(source).toMatch(
      /Hub has tunnel interface\(s\) Tunnel1, Tunnel2, Tunnel3; they do not fit the route-based design/,
    );
    expect(source).toContain("'interface Tunnel1'");
    expect(source).not.toContain('new Hub(');
  });

  it('hand-written DHCP spokes without a domain name: L1 with the reason, round trip equal', async () => {
    const result = await importNetwork(configFiles('test/fixtures/dynamic-spokes'), { stackId: 'dyn' });
    const source = expectRoundTrip(result);
    expect(source).toMatch(/branch1 leases its WAN address but has no ip domain name/);
    expect(source).toContain("'interface GigabitEthernet0/0'");
  });
});
