// An IKEv2 Hub/Spoke VPN deployed through IosXeDeployment: typed iosxe_crypto_ikev2_* resources
// for what they carry, iosxe_cli for the rest, on cdktf and cdktn.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { afterAll, describe, expect, it } from 'vitest';
import { IosXeDeployment, keyFingerprint } from '../../lib/cdktf/index.js';
import {
  fromTypedKeyring,
  fromTypedPolicy,
  fromTypedProfile,
  fromTypedProposal,
  type TypedAttributes,
} from '../../lib/cdktf/ikev2-typed.js';
import { parseTopology } from '../../lib/ir/topology.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { renderKeyring, renderPolicy, renderProfile, renderProposal } from '../../lib/render/ikev2-sections.js';
import { LineWriter } from '../../lib/render/line-writer.js';
import { loadConfigs, verifyNetwork } from '../../lib/verify/index.js';

const MASTER = 'test-only-ikev2-master-secret-8d2f61c0a9';
const DEVICES = { Hub: { host: '192.0.2.1' }, Spoke1: { host: '192.0.2.2' }, Spoke2: { host: '192.0.2.3' } };
const UNDERLAY = { destination: '10.1.0.0/16' };

type Resource = Record<string, unknown> & { device: string; depends_on?: string[] };
interface TfJson {
  resource: Record<string, Record<string, Resource>>;
  variable: Record<string, { sensitive?: boolean }>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function build(mod: typeof cdktf, options: { typedResources?: boolean } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-ikev2-'));
  dirs.push(outdir);
  const app = new mod.App({ outdir });
  const stack = new mod.TerraformStack(app, 'lab');
  const vpn = new IosXeDeployment(stack, 'vpn', {
    cdktf: mod,
    devices: DEVICES,
    env: { HUBSPOKE_MASTER_SECRET: MASTER },
    ...options,
  });
  const hub = new Hub(vpn, 'Hub', {
    hostname: 'Hub',
    ike: 'v2',
    lan: { address: '10.1.1.1/24', interface: 'GigabitEthernet2' },
    wan: { address: '10.1.4.1/24', interface: 'GigabitEthernet3' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET')),
    routes: [UNDERLAY],
  });
  for (const [hostname, lan, wan] of [
    ['Spoke1', '172.16.1.1/24', '10.1.2.1/24'],
    ['Spoke2', '192.168.1.1/24', '10.1.3.1/24'],
  ] as const) {
    new Spoke(vpn, hostname, {
      hub,
      hostname,
      lan: { address: lan, interface: 'GigabitEthernet2' },
      wan: { address: wan, interface: 'GigabitEthernet3' },
      routes: [UNDERLAY],
    });
  }
  app.synth();
  const stackDir = join(outdir, 'stacks', 'lab');
  const text = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
  const secrets = JSON.parse(readFileSync(join(stackDir, 'hubspoke.secrets.auto.tfvars.json'), 'utf8')) as Record<
    string,
    string
  >;
  return { text, json: JSON.parse(text) as TfJson, secrets, stackDir };
}

const RENDER: Record<string, (out: LineWriter, a: TypedAttributes) => void> = {
  iosxe_crypto_ikev2_proposal: (out, a) => renderProposal(out, fromTypedProposal(a)),
  iosxe_crypto_ikev2_policy: (out, a) => renderPolicy(out, fromTypedPolicy(a)),
  iosxe_crypto_ikev2_keyring: (out, a) => renderKeyring(out, fromTypedKeyring(a)),
  iosxe_crypto_ikev2_profile: (out, a) => renderProfile(out, fromTypedProfile(a)),
};

/** Every resource of the JSON as `type.name`, with its body. */
function resources(json: TfJson): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const [type, byName] of Object.entries(json.resource))
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  return out;
}

/**
 * What Terraform sends to each device, as configuration text: the typed resources rendered back
 * from their attributes, then the `cli`, with each `${var.X}` replaced by the fingerprint of the
 * key the secrets file gives X (so the proof can compare keys).
 */
function deployedConfigs(json: TfJson, secrets: Record<string, string>): Map<string, string> {
  const byDevice = new Map<string, string[]>();
  // Typed sections go after the cli text, in running-config shape (NETCONF sends them on their own).
  const typedLines = new Map<string, string[]>();
  const all = resources(json);
  for (const [address, body] of all) {
    const [type] = address.split('.');
    const lines = byDevice.get(body.device) ?? [];
    if (type === 'iosxe_cli') lines.push(...String(body['cli']).split('\n'));
    else {
      const out = new LineWriter();
      const { device: _d, provider: _p, depends_on: _o, ...attributes } = body;
      RENDER[type!]!(out, attributes);
      typedLines.set(body.device, [...(typedLines.get(body.device) ?? []), ...out.finish().text.split('\n')]);
    }
    byDevice.set(body.device, lines);
  }
  const sub = (t: string) =>
    t.replace(/\$\{var\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => keyFingerprint(secrets[name] ?? 'missing-variable'));
  return new Map([...byDevice].map(([d, lines]) => [d, sub([...lines, ...(typedLines.get(d) ?? [])].join('\n'))]));
}

describe.each([
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
] as const)('an IKEv2 hub and two spokes deployed with IosXeDeployment on %s', (_name, mod) => {
  const { text, json, secrets, stackDir } = build(mod);
  const all = resources(json);
  const named = (d: string, kind: string) => `iosxe_crypto_ikev2_${kind}.hubspoke_${d}_ikev2_${kind}_`;
  const find = (d: string, kind: string) => [...all.keys()].filter((k) => k.startsWith(named(d, kind)));

  it('GIVEN ike v2 WHEN synthesized THEN every router has one typed proposal, policy, keyring and profile, and its cli keeps the crypto map with set ikev2-profile but no crypto ikev2 line', () => {
    for (const d of Object.keys(DEVICES)) {
      for (const kind of ['proposal', 'policy', 'keyring', 'profile'])
        expect(find(d, kind), `${d} ${kind}`).toHaveLength(1);
      const cli = String(json.resource['iosxe_cli']![`hubspoke_${d}`]!['cli']);
      expect(cli).toMatch(/^ set ikev2-profile \S+$/m);
      expect(cli).not.toMatch(/crypto ikev2|pre-shared-key/);
    }
    const hubRing = all.get(find('Hub', 'keyring')[0]!)!;
    const peers = hubRing['peers'] as Record<string, unknown>[];
    expect(peers.map((p) => p['ipv4_address']).sort()).toEqual(['10.1.2.1', '10.1.3.1']);
  });

  it('GIVEN derived keys WHEN synthesized THEN keyring peers reference the sensitive variables both ends share, and no key is in cdk.tf.json', () => {
    const refs = (d: string) =>
      (all.get(find(d, 'keyring')[0]!)!['peers'] as Record<string, unknown>[]).map((p) => p['pre_shared_key']);
    expect(refs('Hub').sort()).toEqual(['${var.hubspoke_psk_Hub_Spoke1}', '${var.hubspoke_psk_Hub_Spoke2}']);
    expect(refs('Spoke1')).toEqual(['${var.hubspoke_psk_Hub_Spoke1}']);
    expect(json.variable['hubspoke_psk_Hub_Spoke1']!.sensitive).toBe(true);
    expect(Object.keys(secrets).sort()).toEqual(['hubspoke_psk_Hub_Spoke1', 'hubspoke_psk_Hub_Spoke2']);
    for (const value of Object.values(secrets)) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(keyFingerprint(value));
    }
    expect(text).not.toContain(MASTER);
  });

  it('GIVEN the depends_on edges WHEN followed THEN policies come after their proposal, profiles after their keyring, each cli after its typed resources, spokes after the hub cli, and there is no cycle', () => {
    const deps = (address: string) => all.get(address)!.depends_on ?? [];
    for (const d of Object.keys(DEVICES)) {
      expect(deps(find(d, 'policy')[0]!)).toEqual([find(d, 'proposal')[0]]);
      expect(deps(find(d, 'profile')[0]!)).toEqual([find(d, 'keyring')[0]]);
      const cli = deps(`iosxe_cli.hubspoke_${d}`);
      for (const kind of ['proposal', 'policy', 'keyring', 'profile']) expect(cli).toContain(find(d, kind)[0]);
    }
    for (const s of ['Spoke1', 'Spoke2']) {
      expect(deps(`iosxe_cli.hubspoke_${s}`)).toContain('iosxe_cli.hubspoke_Hub');
      expect(deps(find(s, 'proposal')[0]!)).toEqual(['iosxe_cli.hubspoke_Hub']);
      expect(deps(find(s, 'keyring')[0]!)).toEqual(['iosxe_cli.hubspoke_Hub']);
    }
    expect(deps(find('Hub', 'proposal')[0]!)).toEqual([]);
    // A topological order exists: repeatedly take what has every dependency taken.
    const done = new Set<string>();
    while (done.size < all.size) {
      const next = [...all.keys()].filter((a) => !done.has(a) && deps(a).every((x) => done.has(x)));
      expect(next.length, 'a depends_on cycle').toBeGreaterThan(0);
      for (const a of next) done.add(a);
    }
  });

  it('GIVEN what Terraform sends (typed attributes rendered back, plus cli, keys from the secrets file) WHEN hubspoke verify proves it THEN every pair is covered, and a wrong key breaks it', async () => {
    const deployed = deployedConfigs(json, secrets);
    const proven = join(stackDir, 'hubspoke');
    const version = readFileSync(join(proven, 'Hub.cfg'), 'utf8').split('\n')[0]!;
    const dir = join(stackDir, 'deployed');
    mkdirSync(dir);
    for (const [d, t] of deployed) writeFileSync(join(dir, `${d}.cfg`), `${version}\n${t}\nend\n`);
    const topology = parseTopology(readFileSync(join(proven, 'topology.json'), 'utf8'));
    const r = verifyNetwork(await loadConfigs([dir]), { topology });
    expect(r.ok).toBe(true);
    expect(r.summary.covered).toBe(6);

    const bad = deployedConfigs(json, { ...secrets, hubspoke_psk_Hub_Spoke2: 'a-different-key-7c1e' });
    writeFileSync(join(dir, 'Spoke2.cfg'), `${version}\n${bad.get('Spoke2')}\nend\n`);
    expect(verifyNetwork(await loadConfigs([dir]), { topology }).ok).toBe(false);
  });

  it('GIVEN typedResources false WHEN synthesized THEN only iosxe_cli resources, carrying the crypto ikev2 sections with variable references', () => {
    const plain = build(mod, { typedResources: false });
    expect(Object.keys(plain.json.resource)).toEqual(['iosxe_cli']);
    const cli = String(plain.json.resource['iosxe_cli']!['hubspoke_Spoke1']!['cli']);
    expect(cli).toContain('crypto ikev2 keyring ');
    expect(cli).toMatch(/^ {2}pre-shared-key \$\{var\.hubspoke_psk_Hub_Spoke1\}$/m);
  });
});
