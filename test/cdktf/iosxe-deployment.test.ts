import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { Construct } from 'constructs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IosXeDeployment, keyFingerprint, SECRETS_FILE_NAME, type CdktfModule } from '../../lib/cdktf/index.js';
import { parseTopology } from '../../lib/ir/topology.js';
import { loadConfigs, verifyNetwork } from '../../lib/verify/index.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { Aspects } from '../../lib/constructs/aspects.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { FAKE_KEY, OTHER_FAKE_KEY, WEAK_FAKE_KEY, twoSiteLab } from './lab.js';

// cdktn declares the same classes as cdktf; typed as cdktf so one test body serves both.
const modules: readonly (readonly [string, typeof cdktf])[] = [
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
];
const DEVICES = { Hub: { host: '192.0.2.1' }, Spoke1: { host: '192.0.2.2' } };

interface TfJson {
  terraform: { required_providers: Record<string, { source: string; version: string }> };
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, { cli: string; device: string; depends_on?: string[] }>>;
  variable: Record<string, { sensitive?: boolean }>;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function outdir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-'));
  dirs.push(d);
  return d;
}
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.each(modules)('IosXeDeployment on %s', (_name, mod) => {
  it('GIVEN a hub and a spoke in a TerraformStack WHEN synthesized THEN the JSON has the iosxe provider and one iosxe_cli per router carrying its crypto map, the spoke after the hub', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES });
    twoSiteLab(vpn);
    const json = JSON.parse(mod.Testing.synth(stack, true)) as TfJson;

    expect(json.terraform.required_providers['iosxe']).toEqual({ source: 'CiscoDevNet/iosxe', version: '~> 1.0' });
    expect(json.provider['iosxe']![0]!['devices']).toEqual([
      { name: 'Hub', host: '192.0.2.1' },
      { name: 'Spoke1', host: '192.0.2.2' },
    ]);
    const cli = json.resource['iosxe_cli']!;
    expect(Object.keys(cli).sort()).toEqual(['hubspoke_Hub', 'hubspoke_Spoke1']);
    for (const [name, peer] of [
      ['hubspoke_Hub', '10.1.2.1'],
      ['hubspoke_Spoke1', '10.1.4.1'],
    ] as const) {
      expect(cli[name]!.cli).toContain('crypto map VPN 10 ipsec-isakmp');
      expect(cli[name]!.cli).toContain(` set peer ${peer}`);
      expect(cli[name]!.cli).toMatch(/^ crypto map VPN$/m);
      expect(cli[name]!.cli).toContain(`crypto isakmp key \${var.hubspoke_psk_Hub_Spoke1} address ${peer}`);
      expect(cli[name]!.cli).not.toMatch(/^(end|version .*|!.*)$/m);
    }
    expect(cli['hubspoke_Hub']!.device).toBe('Hub');
    expect(cli['hubspoke_Spoke1']!.depends_on).toEqual(['iosxe_cli.hubspoke_Hub']);
    for (const v of ['hubspoke_psk_Hub_Spoke1', 'hubspoke_username', 'hubspoke_password'])
      expect(json.variable[v]!.sensitive).toBe(true);
  });

  it('GIVEN a valid VPN WHEN app.synth() runs THEN cdk.tf.json, hubspoke/<hostname>.cfg and a 0600 secrets file are written, and only the secrets file holds the key', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES }));
    app.synth();

    const stackDir = join(app.outdir, 'stacks', 'lab');
    expect(existsSync(join(stackDir, 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(stackDir, 'hubspoke', 'Hub.cfg'))).toBe(true);
    expect(existsSync(join(stackDir, 'hubspoke', 'Spoke1.cfg'))).toBe(true);
    expect(readFileSync(join(stackDir, 'hubspoke', 'Hub.cfg'), 'utf8')).toMatch(
      /^crypto isakmp key hs-fp-[0-9a-f]{32} address 10\.1\.2\.1$/m,
    );

    expect(readdirSync(join(stackDir, 'hubspoke')).sort()).toEqual([
      '.hubspoke-manifest.json',
      'Hub.cfg',
      'Spoke1.cfg',
      'harness.test.mjs',
      'topology.json',
    ]);

    const secrets = join(stackDir, SECRETS_FILE_NAME);
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(secrets, 'utf8'))).toEqual({ hubspoke_psk_Hub_Spoke1: FAKE_KEY });
    for (const file of filesBelow(app.outdir).filter((f) => f !== secrets)) {
      expect(readFileSync(file, 'utf8').includes(FAKE_KEY), `${file} must not hold the key`).toBe(false);
    }
  });

  it('GIVEN the fingerprinted artifacts WHEN hubspoke verify reads them back THEN every pair is proven, and a tampered fingerprint breaks the proof (key agreement is still checked)', async () => {
    const app = new mod.App({ outdir: outdir() });
    twoSiteLab(new IosXeDeployment(new mod.TerraformStack(app, 'lab'), 'vpn', { cdktf: mod, devices: DEVICES }));
    app.synth();
    const dir = join(app.outdir, 'stacks', 'lab', 'hubspoke');
    const topology = parseTopology(readFileSync(join(dir, 'topology.json'), 'utf8'));
    const files = await loadConfigs([dir]);
    const proven = verifyNetwork(files, { topology });
    expect(proven.ok).toBe(true);
    expect(proven.summary.covered).toBe(2);

    const hub = join(dir, 'Hub.cfg');
    writeFileSync(hub, readFileSync(hub, 'utf8').replace(/hs-fp-[0-9a-f]{32}/, keyFingerprint('fake-different-key-1')));
    const broken = verifyNetwork(await loadConfigs([dir]), { topology });
    expect(broken.ok).toBe(false);
    expect(broken.summary.broken).toBe(2);
  });

  it('GIVEN secretsFile false and a stale secrets file WHEN app.synth() runs THEN the stale file is removed', () => {
    const dir = outdir();
    const first = new mod.App({ outdir: dir });
    twoSiteLab(new IosXeDeployment(new mod.TerraformStack(first, 'lab'), 'vpn', { cdktf: mod, devices: DEVICES }));
    first.synth();
    const secrets = join(dir, 'stacks', 'lab', SECRETS_FILE_NAME);
    expect(existsSync(secrets)).toBe(true);
    const second = new mod.App({ outdir: dir });
    twoSiteLab(
      new IosXeDeployment(new mod.TerraformStack(second, 'lab'), 'vpn', {
        cdktf: mod,
        devices: DEVICES,
        secretsFile: false,
      }),
    );
    second.synth();
    expect(existsSync(secrets)).toBe(false);
  });

  it('GIVEN a hub and a spoke whose keys differ WHEN app.synth() runs THEN the proof fails the synth naming the pair, no cdk.tf.json is written, and no key is printed', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES }), { spokeKey: OTHER_FAKE_KEY });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Hub 10\.1\.1\.0\/24 -> Spoke1 172\.16\.1\.0\/24 is not covered/);
    expect(message).not.toContain(FAKE_KEY);
    expect(message).not.toContain(OTHER_FAKE_KEY);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'hubspoke'))).toBe(false);
  });

  it('GIVEN keys that differ and skipValidation WHEN app.synth() runs THEN the proof still runs when the artifacts are written, fails the synth, and no cdk.tf.json is written', () => {
    const app = new mod.App({ outdir: outdir(), skipValidation: true });
    const stack = new mod.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES }), { spokeKey: OTHER_FAKE_KEY });
    expect(() => app.synth()).toThrow(/cannot be deployed[\s\S]*is not covered/);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', SECRETS_FILE_NAME))).toBe(false);
  });

  it('GIVEN a router without a device address WHEN app.synth() runs THEN it throws naming the router and writes no cdk.tf.json', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: { Hub: { host: '192.0.2.1' } } }));
    expect(() => app.synth()).toThrow(/router Spoke1 has no entry in devices/);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
  });

  it('GIVEN a broken router and skipValidation WHEN app.synth() runs THEN hubspoke still fails the synth and writes no cdk.tf.json', () => {
    const app = new mod.App({ outdir: outdir(), skipValidation: true });
    const stack = new mod.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: { Hub: { host: '192.0.2.1' } } });
    twoSiteLab(vpn);
    expect(() => app.synth()).toThrow(/cannot be deployed[\s\S]*Spoke1/);
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
    expect(vpn.node.findAll().some((c) => Router.isRouter(c))).toBe(true);
  });
});

describe('IosXeDeployment placement', () => {
  it('GIVEN no TerraformStack above WHEN created THEN it throws a clear error', () => {
    const app = cdktf.Testing.app();
    expect(() => new IosXeDeployment(app, 'vpn', { cdktf, devices: DEVICES })).toThrow(
      /must be created inside a cdktf TerraformStack/,
    );
  });

  it('GIVEN something that is not a cdktf module WHEN created THEN it throws a clear error', () => {
    const app = cdktf.Testing.app();
    const stack = new cdktf.TerraformStack(app, 'lab');
    expect(() => new IosXeDeployment(stack, 'vpn', { cdktf: {} as unknown as CdktfModule, devices: DEVICES })).toThrow(
      /not a cdktf module/,
    );
  });
});

describe('IosXeDeployment device checks', () => {
  it('GIVEN a devices entry that names no router WHEN validated THEN the problem names the entry', () => {
    const app = cdktf.Testing.app();
    const stack = new cdktf.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf, devices: { ...DEVICES, Spoke9: { host: '192.0.2.9' } } }));
    expect(() => cdktf.Testing.synth(stack, true)).toThrow(/devices\.Spoke9 names no router/);
  });

  it('GIVEN a router rendered for IOS 12.2 WHEN validated THEN the problem says the provider manages IOS-XE only', () => {
    const app = cdktf.Testing.app();
    const stack = new cdktf.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf, devices: { ...DEVICES, Old: { host: '192.0.2.9' } } });
    twoSiteLab(vpn);
    new Router(vpn, 'Old', { hostname: 'Old', platform: 'ios-12.2' });
    expect(() => cdktf.Testing.synth(stack, true)).toThrow(
      /router Old renders for ios-12\.2; the iosxe provider manages IOS-XE only/,
    );
  });
});

describe('IosXeDeployment problem reporting', () => {
  it('GIVEN a construct whose own validation fails WHEN the stack is validated THEN cdktf prints the problem once, not again through the hubspoke run', () => {
    const app = cdktf.Testing.app();
    const stack = new cdktf.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf, devices: DEVICES });
    twoSiteLab(vpn);
    const map = vpn.node.findChild('Hub').node.findChild('Map') as CryptoMap;
    map.addEntry({ seq: 20, peers: ['10.1.9.9'], transformSets: ['TS'], matchAddress: 'MISSING-ACL' });
    let message = '';
    try {
      cdktf.Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/MISSING-ACL/g)).toHaveLength(1);
  });

  it('GIVEN the same broken construct and skipValidation WHEN app.synth() runs THEN the hubspoke run reports it', () => {
    const app = new cdktf.App({ outdir: outdir(), skipValidation: true });
    const stack = new cdktf.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf, devices: DEVICES });
    twoSiteLab(vpn);
    (vpn.node.findChild('Hub').node.findChild('Map') as CryptoMap).addEntry({
      seq: 20,
      peers: ['10.1.9.9'],
      transformSets: ['TS'],
      matchAddress: 'MISSING-ACL',
    });
    expect(() => app.synth()).toThrow(/cannot be deployed[\s\S]*MISSING-ACL/);
  });
});

describe('IosXeDeployment runs', () => {
  it('GIVEN app.synth() WHEN it runs THEN the pipeline runs once per synth (the aspect pass) and custom synthesis uses its verdict', async () => {
    const synth = await import('../../lib/app/synth.js');
    const app = new cdktf.App({ outdir: outdir() });
    twoSiteLab(new IosXeDeployment(new cdktf.TerraformStack(app, 'lab'), 'vpn', { cdktf, devices: DEVICES }));
    const spy = vi.spyOn(synth, 'synthesizeStack');
    try {
      app.synth();
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('GIVEN the tree changes after the aspect pass WHEN custom synthesis runs THEN it runs the pipeline again and fails on the new problem', async () => {
    const synth = await import('../../lib/app/synth.js');
    const app = new cdktf.App({ outdir: outdir(), skipValidation: true });
    const stack = new cdktf.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf, devices: DEVICES });
    twoSiteLab(vpn);
    // A sibling created after the deployment is visited after it: its aspect changes the VPN once
    // the deployment's aspect pass has already run the pipeline.
    const late = new Construct(stack, 'late');
    cdktf.Aspects.of(late).add({
      visit(node) {
        if (node === late) {
          (vpn.node.findChild('Hub').node.findChild('Map') as CryptoMap).addEntry({
            seq: 20,
            peers: ['10.1.9.9'],
            transformSets: ['TS'],
            matchAddress: 'LATE-ACL',
          });
        }
      },
    });
    const spy = vi.spyOn(synth, 'synthesizeStack');
    try {
      expect(() => app.synth()).toThrow(/cannot be deployed[\s\S]*LATE-ACL/);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(join(app.outdir, 'stacks', 'lab', 'cdk.tf.json'))).toBe(false);
  });
});

describe('IosXeDeployment in numbers', () => {
  it('GIVEN two deployments with their own prefix and provider alias in one stack WHEN synthesized THEN each router uses its deployment aliased provider and names do not clash', () => {
    const app = cdktf.Testing.app();
    const stack = new cdktf.TerraformStack(app, 'lab');
    twoSiteLab(
      new IosXeDeployment(stack, 'east', { cdktf, devices: DEVICES, namePrefix: 'east', providerAlias: 'east' }),
    );
    const west = new IosXeDeployment(stack, 'west', {
      cdktf,
      devices: { WHub: { host: '192.0.2.21' } },
      namePrefix: 'west',
      providerAlias: 'west',
    });
    new Router(west, 'WHub', { hostname: 'WHub' });
    const json = JSON.parse(cdktf.Testing.synth(stack)) as TfJson & {
      resource: { iosxe_cli: Record<string, { provider?: string }> };
    };
    expect(json.provider['iosxe']!.map((p) => p['alias']).sort()).toEqual(['east', 'west']);
    expect(json.resource.iosxe_cli['east_Hub']!.provider).toBe('iosxe.east');
    expect(json.resource.iosxe_cli['west_WHub']!.provider).toBe('iosxe.west');
    expect(Object.keys(json.variable).sort()).toEqual([
      'east_password',
      'east_psk_Hub_Spoke1',
      'east_username',
      'west_password',
      'west_username',
    ]);
  });
});

describe.each(modules)('IosXeDeployment warnings on %s', (_name, mod) => {
  it('GIVEN a weak plain-text lab key WHEN app.synth() runs THEN the hubspoke warnings reach the cdktf manifest once each, without the key', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    twoSiteLab(new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES }), { key: WEAK_FAKE_KEY });
    app.synth();
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { annotations: { level: string; message: string }[] }>;
    };
    const warnings = manifest.stacks['lab']!.annotations.filter(
      (a) => a.level.includes('warn') && a.message.includes('weak pre-shared key'),
    );
    expect(warnings.some((w) => w.message.startsWith('lab/vpn/Hub/Key: weak pre-shared key for peer 10.1.2.1'))).toBe(
      true,
    );
    expect(
      warnings.some((w) => w.message.startsWith('lab/vpn/Spoke1/Key: weak pre-shared key for peer 10.1.4.1')),
    ).toBe(true);
    expect(new Set(warnings.map((w) => w.message)).size).toBe(warnings.length);
    expect(JSON.stringify(manifest).includes(WEAK_FAKE_KEY)).toBe(false);
  });

  it('GIVEN a key reused on the hub WHEN app.synth() runs THEN the proof warning (REUSED_PSK) reaches the manifest with its construct path and config line, without the key', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES });
    twoSiteLab(vpn);
    new IsakmpKey(vpn.node.findChild('Hub') as Router, 'Spare', {
      address: '10.1.9.9',
      key: PreSharedKey.unsafePlainText(FAKE_KEY),
    });
    app.synth();
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { annotations: { level: string; message: string }[] }>;
    };
    const proof = manifest.stacks['lab']!.annotations.filter(
      (a) => a.level.includes('warn') && a.message.includes('REUSED_PSK'),
    );
    expect(proof).toHaveLength(1);
    expect(proof[0]!.message).toMatch(
      /^lab\/vpn\/Hub\/Key: REUSED_PSK: the same pre-shared key is used on lines \d+, \d+\. Fix: .* \(Hub\.cfg:\d+\)$/,
    );
    expect(JSON.stringify(manifest).includes(FAKE_KEY)).toBe(false);
  });

  it('GIVEN a hubspoke aspect adding an info and an error annotation inside the deployment WHEN app.synth() runs THEN the info reaches the manifest and the error fails the synth naming the construct, before cdk.tf.json', () => {
    const app = new mod.App({ outdir: outdir() });
    const stack = new mod.TerraformStack(app, 'lab');
    const vpn = new IosXeDeployment(stack, 'vpn', { cdktf: mod, devices: DEVICES });
    twoSiteLab(vpn);
    Aspects.of(vpn).add({ visit: (n) => n === vpn && Annotations.of(n).addInfo('change window: Sundays') });
    app.synth();
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { annotations: { level: string; message: string }[] }>;
    };
    expect(manifest.stacks['lab']!.annotations.filter((a) => a.level.includes('info')).map((a) => a.message)).toEqual([
      'lab/vpn: change window: Sundays',
    ]);

    const failing = new mod.App({ outdir: outdir() });
    const failingVpn = new IosXeDeployment(new mod.TerraformStack(failing, 'lab'), 'vpn', {
      cdktf: mod,
      devices: DEVICES,
    });
    twoSiteLab(failingVpn);
    Aspects.of(failingVpn).add({
      visit: (n) => n instanceof Router && n.hostname === 'Spoke1' && Annotations.of(n).addError('frozen'),
    });
    expect(() => failing.synth()).toThrow(/lab\/vpn\/Spoke1: frozen/);
    expect(filesBelow(failing.outdir).some((f) => f.endsWith('cdk.tf.json'))).toBe(false);
  });
});
