// The cdktf example (examples/cdktf/main.ts) on cdktf and cdktn: the reference lab on IOS-XE.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The example imports the package by name; run it against the sources under test.
vi.mock('hubspoke', async () => await import('../../lib/index.js'));
vi.mock('hubspoke/cdktf', async () => await import('../../lib/cdktf/index.js'));
const { buildIosXeLab, STACKS } = await import('../../examples/cdktf/main.js');

const MASTER = 'test-only-master-secret-4f9c2a7e1b';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface TfJson {
  resource: { iosxe_cli: Record<string, { cli: string; device: string; depends_on?: string[] }> };
  terraform: { required_providers: Record<string, { source: string; version: string }> };
}

// cdktn declares the same classes as cdktf; typed as cdktf so one test body serves both.
describe.each([
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
] as const)('examples/cdktf on %s', (_name, mod) => {
  const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-example-'));
  dirs.push(outdir);
  const app = buildIosXeLab({ cdktf: mod, outdir, env: { HUBSPOKE_MASTER_SECRET: MASTER } });
  app.synth();
  const stackDir = join(outdir, 'stacks', 'seed-lab-iosxe');
  const jsonText = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
  const json = JSON.parse(jsonText) as TfJson;
  const secrets = JSON.parse(readFileSync(join(stackDir, 'hubspoke.secrets.auto.tfvars.json'), 'utf8')) as Record<
    string,
    string
  >;

  it('GIVEN the reference lab WHEN synthesized THEN cdk.tf.json has the iosxe provider and one iosxe_cli per router with its crypto map', () => {
    expect(json.terraform.required_providers['iosxe']).toEqual({ source: 'CiscoDevNet/iosxe', version: '~> 1.0' });
    const byDevice = Object.fromEntries(Object.values(json.resource.iosxe_cli).map((r) => [r.device, r]));
    expect(Object.keys(byDevice).sort()).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3']);
    expect(byDevice['Hub']!.cli.match(/^crypto map \S+ \d+ ipsec-isakmp$/gm)).toHaveLength(3);
    for (const spoke of ['Spoke1', 'Spoke2', 'Spoke3']) {
      expect(byDevice[spoke]!.cli).toMatch(/^crypto map \S+ \d+ ipsec-isakmp$/m);
      expect(byDevice[spoke]!.cli).toContain(' set peer 10.1.4.1');
      expect(byDevice[spoke]!.depends_on).toHaveLength(1);
    }
  });

  it('GIVEN derived keys WHEN synthesized THEN one variable per pair, their values only in the secrets file, and no key or master secret anywhere else', () => {
    expect(Object.keys(secrets).sort()).toEqual([
      'hubspoke_psk_Hub_Spoke1',
      'hubspoke_psk_Hub_Spoke2',
      'hubspoke_psk_Hub_Spoke3',
    ]);
    expect(new Set(Object.values(secrets)).size).toBe(3);
    const files = readdirSync(outdir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'hubspoke.secrets.auto.tfvars.json')
      .map((e) => join(e.parentPath, e.name));
    expect(
      files
        .map((f) => f.slice(stackDir.length + 1))
        .filter((f) => f.startsWith('hubspoke/'))
        .sort(),
    ).toEqual([
      'hubspoke/.hubspoke-manifest.json',
      'hubspoke/Hub.cfg',
      'hubspoke/Spoke1.cfg',
      'hubspoke/Spoke2.cfg',
      'hubspoke/Spoke3.cfg',
      'hubspoke/harness.test.mjs',
      'hubspoke/topology.json',
    ]);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(MASTER), file).toBe(false);
      for (const key of Object.values(secrets)) expect(text.includes(key), file).toBe(false);
    }
  });
});

describe.each([
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
] as const)('the IKEv2 stack of examples/cdktf on %s', (_name, mod) => {
  const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-example-v2-'));
  dirs.push(outdir);
  buildIosXeLab({ cdktf: mod, outdir, env: { HUBSPOKE_MASTER_SECRET: MASTER } }).synth();
  const stackDir = join(outdir, 'stacks', STACKS.ikev2);
  const text = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
  const json = JSON.parse(text) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const secrets = JSON.parse(readFileSync(join(stackDir, 'hubspoke.secrets.auto.tfvars.json'), 'utf8')) as Record<
    string,
    string
  >;

  it('GIVEN ike v2 WHEN synthesized THEN each of the four routers has its typed IKEv2 proposal, policy, keyring and profile, and its iosxe_cli the crypto map naming the profile', () => {
    for (const kind of ['proposal', 'policy', 'keyring', 'profile']) {
      const devices = Object.values(json.resource[`iosxe_crypto_ikev2_${kind}`] ?? {}).map((r) => r['device']);
      expect(devices.sort(), kind).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3']);
    }
    for (const r of Object.values(json.resource['iosxe_cli']!)) {
      expect(r['cli']).toMatch(/^ set ikev2-profile HUBSPOKE-PROFILE$/m);
      expect(r['cli']).not.toContain('crypto ikev2');
    }
    const hubRing = Object.values(json.resource['iosxe_crypto_ikev2_keyring']!).find((r) => r['device'] === 'Hub')!;
    expect((hubRing['peers'] as { pre_shared_key: string }[]).map((p) => p.pre_shared_key).sort()).toEqual([
      '${var.hubspoke_psk_Hub_Spoke1}',
      '${var.hubspoke_psk_Hub_Spoke2}',
      '${var.hubspoke_psk_Hub_Spoke3}',
    ]);
  });

  it('GIVEN derived keys WHEN synthesized THEN its keys (salted by its own stack id) are only in its secrets file', () => {
    expect(Object.keys(secrets).sort()).toEqual([
      'hubspoke_psk_Hub_Spoke1',
      'hubspoke_psk_Hub_Spoke2',
      'hubspoke_psk_Hub_Spoke3',
    ]);
    const v1 = JSON.parse(
      readFileSync(join(outdir, 'stacks', STACKS.ikev1, 'hubspoke.secrets.auto.tfvars.json'), 'utf8'),
    ) as Record<string, string>;
    expect(secrets['hubspoke_psk_Hub_Spoke1']).not.toEqual(v1['hubspoke_psk_Hub_Spoke1']);
    const files = readdirSync(outdir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'hubspoke.secrets.auto.tfvars.json')
      .map((e) => join(e.parentPath, e.name));
    for (const file of files) {
      const content = readFileSync(file, 'utf8');
      for (const key of Object.values(secrets)) expect(content.includes(key), file).toBe(false);
    }
    expect(text).not.toContain(MASTER);
  });
});
