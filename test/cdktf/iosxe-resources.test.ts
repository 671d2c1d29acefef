import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { describe, expect, it } from 'vitest';
import { isCdktfModule, resolveCdktfModule } from '../../lib/cdktf/cdktf-module.js';
import { iosxeClasses, IOSXE_PROVIDER_SOURCE, IOSXE_PROVIDER_VERSION } from '../../lib/cdktf/iosxe-resources.js';
import { toTypedAttributes } from '../../lib/cdktf/cli-text.js';
import { keyFingerprint } from '../../lib/cdktf/key-fingerprint.js';

// cdktn declares the same classes as cdktf; typed as cdktf so one test body serves both.
const modules: readonly (readonly [string, typeof cdktf])[] = [
  ['cdktf', cdktf],
  ['cdktn', cdktn as unknown as typeof cdktf],
];

interface TfJson {
  terraform: { required_providers: Record<string, { source: string; version: string }> };
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

describe.each(modules)('iosxe provider and iosxe_cli on %s', (_name, mod) => {
  it('GIVEN a provider with two devices and two cli resources WHEN the stack is synthesized THEN the JSON has the provider source, version, devices, and one iosxe_cli per device with its device and lazily computed cli', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const { IosxeProvider, IosxeCli } = iosxeClasses(mod);
    const user = new mod.TerraformVariable(stack, 'user', { type: 'string', sensitive: true });
    const pass = new mod.TerraformVariable(stack, 'pass', { type: 'string', sensitive: true });
    const provider = new IosxeProvider(stack, 'iosxe', {
      devices: [
        { name: 'Hub', host: '192.0.2.1' },
        { name: 'Spoke1', host: '192.0.2.2', managed: false },
      ],
      username: user.stringValue,
      password: pass.stringValue,
      insecure: false,
    });
    let text = 'interface Loopback1\n';
    const hub = new IosxeCli(stack, 'hub', { cli: () => text, device: 'Hub', provider });
    new IosxeCli(stack, 'spoke1', { cli: () => 'hostname Spoke1\n', device: 'Spoke1', provider, dependsOn: [hub] });
    text = 'hostname Hub\n';
    const json = JSON.parse(mod.Testing.synth(stack)) as TfJson;

    expect(json.terraform.required_providers['iosxe']).toEqual({
      source: IOSXE_PROVIDER_SOURCE,
      version: IOSXE_PROVIDER_VERSION,
    });
    expect(json.provider['iosxe']).toEqual([
      {
        username: '${var.user}',
        password: '${var.pass}',
        insecure: false,
        devices: [
          { name: 'Hub', host: '192.0.2.1' },
          { name: 'Spoke1', host: '192.0.2.2', managed: false },
        ],
      },
    ]);
    const cli = json.resource['iosxe_cli']!;
    expect(cli['hub']).toEqual({ cli: 'hostname Hub\n', device: 'Hub', raw: false, provider: 'iosxe' });
    expect(cli['spoke1']).toMatchObject({ cli: 'hostname Spoke1\n', device: 'Spoke1', depends_on: ['iosxe_cli.hub'] });
  });

  it('GIVEN a typed keyring whose peer key is a fingerprint WHEN synthesized THEN the resource has its type, nested attributes, device, depends_on and a variable reference where the key was', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const { IosxeProvider, IosxeCli, IosxeTyped } = iosxeClasses(mod);
    const provider = new IosxeProvider(stack, 'iosxe', {
      devices: [{ name: 'Hub', host: 'h' }],
      username: 'u',
      password: 'p',
    });
    const psk = new mod.TerraformVariable(stack, 'psk', { type: 'string', sensitive: true });
    const fp = keyFingerprint('fake-typed-key-Qw3rTy9');
    const subs = new Map([[fp, psk.stringValue]]);
    const attributes = {
      name: 'KR',
      peers: [{ name: 'P1', description: 'a ${b}', ipv4_address: '192.0.2.9', pre_shared_key: fp }],
    };
    const ring = new IosxeTyped(stack, 'ring', {
      resourceType: 'iosxe_crypto_ikev2_keyring',
      attributes: () => toTypedAttributes(attributes, subs, 'Hub'),
      device: 'Hub',
      provider,
    });
    new IosxeCli(stack, 'cli', { cli: () => 'x\n', device: 'Hub', provider, dependsOn: [ring] });
    const text = mod.Testing.synth(stack);
    const json = JSON.parse(text) as TfJson;
    expect(json.resource['iosxe_crypto_ikev2_keyring']!['ring']).toEqual({
      name: 'KR',
      peers: [{ name: 'P1', description: 'a $${b}', ipv4_address: '192.0.2.9', pre_shared_key: '${var.psk}' }],
      device: 'Hub',
      provider: 'iosxe',
    });
    expect(json.resource['iosxe_cli']!['cli']).toMatchObject({ depends_on: ['iosxe_crypto_ikev2_keyring.ring'] });
    expect(text).not.toContain(fp);
    expect(() => toTypedAttributes(attributes, new Map(), 'Hub')).toThrow(/Hub: a pre-shared key placeholder/);
  });

  it('GIVEN an aliased provider WHEN a resource uses it THEN the resource names the aliased provider', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const { IosxeProvider, IosxeCli } = iosxeClasses(mod);
    const provider = new IosxeProvider(stack, 'iosxe', {
      devices: [{ name: 'Hub', host: 'h' }],
      username: 'u',
      password: 'p',
      alias: 'site_a',
    });
    new IosxeCli(stack, 'hub', { cli: () => 'x\n', device: 'Hub', provider });
    const json = JSON.parse(mod.Testing.synth(stack)) as TfJson;
    expect(json.provider['iosxe']![0]).toMatchObject({ alias: 'site_a' });
    expect(json.resource['iosxe_cli']!['hub']).toMatchObject({ provider: 'iosxe.site_a' });
  });

  it('GIVEN HCL output WHEN the stack is synthesized THEN it refuses with a clear message', () => {
    const app = mod.Testing.app();
    const stack = new mod.TerraformStack(app, 'lab');
    const { IosxeProvider } = iosxeClasses(mod);
    new IosxeProvider(stack, 'iosxe', { devices: [{ name: 'Hub', host: 'h' }], username: 'u', password: 'p' });
    expect(() => mod.Testing.synthHcl(stack)).toThrow(/HCL output .* is not supported/);
  });

  it('GIVEN the same module twice WHEN classes are requested THEN the same classes are returned', () => {
    expect(iosxeClasses(mod)).toBe(iosxeClasses(mod));
  });
});

describe('resolveCdktfModule', () => {
  it('GIVEN no module WHEN resolved THEN the installed cdktf is found first', () => {
    expect(resolveCdktfModule().TerraformStack).toBe(cdktf.TerraformStack);
  });

  it('GIVEN cdktn WHEN passed THEN it is used as given', () => {
    expect(resolveCdktfModule(cdktn)).toBe(cdktn);
  });

  it('GIVEN something else WHEN passed THEN it is rejected with the fix in the message', () => {
    expect(isCdktfModule({ TerraformStack: class {} })).toBe(false);
    expect(() => resolveCdktfModule({})).toThrow(/import \* as cdktf from 'cdktf'/);
  });
});
