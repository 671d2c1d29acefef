/**
 * The migration guard of the IKE default (lib/app/ike-migration.ts, README "IKEv2 by default"):
 * a Hub whose `ike` was defaulted to 'v2' does not switch routers whose last good output ran IKEv1;
 * synth refuses, names the hub, the property, the routers and both ways out, and writes nothing.
 * An `ike` that is said never triggers it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { ikeMigrationProblems } from '../../lib/app/ike-migration.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { Hub } from '../../lib/patterns/hub.js';
import type { IkeVersion } from '../../lib/patterns/ikev2-settings.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { caught } from './small-vpn.js';

const FAKE_PSK = 'fake-Psk-For-Migration-Tests-7Qw2';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-ike-migration-'));
  dirs.push(d);
  return d;
}

/** Stack `vpn` in `outdir`: a hub and `spokes` spokes; `ike` unset unless given. */
function vpn(outdir: string, opts: { ike?: IkeVersion; spokes?: number; platform?: Platform } = {}) {
  const app = new App({ outdir, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'vpn', { platform: opts.platform ?? 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
    ...(opts.ike !== undefined ? { ike: opts.ike } : {}),
    // What IOS 12.2 has (SHA-1, DH group 5), allowed as legacy crypto.
    ...(opts.platform === 'ios-12.2'
      ? {
          crypto: {
            isakmp: { hash: 'sha', group: 5 },
            transforms: ['esp-aes 256', 'esp-sha-hmac'],
            pfs: 5,
            allowLegacyCrypto: true,
          },
        }
      : {}),
  });
  for (let i = 1; i <= (opts.spokes ?? 2); i++)
    new Spoke(stack, `Branch${i}`, {
      hub,
      hostname: `branch${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `192.0.2.${10 + i}/24` },
    });
  return { app, stack, hub };
}

function folder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe("GIVEN a stack whose last output ran IKEv1 (ike: 'v1' on IOS-XE 17)", () => {
  it('WHEN the Hub no longer says ike THEN synth refuses naming the hub, ike, the routers and both fixes, and the output stays', () => {
    const out = tempDir();
    vpn(out, { ike: 'v1' }).app.synth();
    const before = folder(join(out, 'vpn'));
    const e = caught(() => vpn(out).app.synth());
    expect(e.messages).toEqual([
      `vpn/Hub: ike is not set, so it defaults to 'v2' on platform ios-xe-17 (IKEv2 wherever the platform has it), but the last output in ${join(out, 'vpn')} runs IKEv1 on hq, branch1, branch2; IKEv1 and IKEv2 do not interoperate, so deploying this synth would take those tunnels down. Set ike: 'v1' on the Hub to keep IKEv1, or ike: 'v2' to migrate knowingly (deploy the hub and all its spokes together: a tunnel is down until both of its ends run IKEv2). Nothing was written`,
    ]);
    expect(e.message).not.toContain(FAKE_PSK);
    expect(folder(join(out, 'vpn'))).toEqual(before);
  });

  it("WHEN the Hub says ike: 'v1' THEN synth writes IKEv1 again", () => {
    const out = tempDir();
    vpn(out, { ike: 'v1' }).app.synth();
    vpn(out, { ike: 'v1' }).app.synth();
    expect(readFileSync(join(out, 'vpn', 'hq.cfg'), 'utf8')).toMatch(/^crypto isakmp policy /m);
  });

  it("WHEN the Hub says ike: 'v2' THEN synth migrates: every router is written on IKEv2", () => {
    const out = tempDir();
    vpn(out, { ike: 'v1' }).app.synth();
    vpn(out, { ike: 'v2' }).app.synth();
    for (const text of Object.values(folder(join(out, 'vpn'))).slice(0, 3)) expect(text).not.toMatch(/^crypto isakmp/m);
    expect(readFileSync(join(out, 'vpn', 'branch1.cfg'), 'utf8')).toContain(
      '\ncrypto ikev2 profile HUBSPOKE-PROFILE\n',
    );
  });

  it('WHEN a spoke is added and ike is dropped THEN only the routers that ran IKEv1 are named', () => {
    const out = tempDir();
    vpn(out, { ike: 'v1', spokes: 1 }).app.synth();
    const e = caught(() => vpn(out, { spokes: 2 }).app.synth());
    expect(e.messages[0]).toContain(' runs IKEv1 on hq, branch1; ');
  });

  it('WHEN there are more than five such routers THEN five are named and the rest counted', () => {
    const out = tempDir();
    vpn(out, { ike: 'v1', spokes: 7 }).app.synth();
    const e = caught(() => vpn(out, { spokes: 7 }).app.synth());
    expect(e.messages[0]).toContain(' runs IKEv1 on hq, branch1, branch2, branch3, branch4 and 3 more; ');
  });
});

describe('GIVEN no reason to refuse', () => {
  it('WHEN a new stack is synthesized twice without ike THEN both synths write IKEv2 (no earlier IKEv1 output)', () => {
    const out = tempDir();
    vpn(out).app.synth();
    vpn(out).app.synth();
    expect(readFileSync(join(out, 'vpn', 'hq.cfg'), 'utf8')).toContain('\ncrypto ikev2 keyring HUBSPOKE-KEYRING\n');
  });

  it('WHEN the platform is ios-12.2 (IKEv1 by default) THEN the earlier IKEv1 output is no reason to refuse', () => {
    const out = tempDir();
    vpn(out, { platform: 'ios-12.2' }).app.synth();
    expect(() => vpn(out, { platform: 'ios-12.2' }).app.synth()).not.toThrow();
  });

  it('WHEN the earlier output has no config for a router THEN that router is not named', () => {
    const out = tempDir();
    const { stack } = vpn(out);
    expect(ikeMigrationProblems(stack, join(out, 'missing'))).toEqual([]);
    const dir = join(out, 'hand');
    vpn(dir, { ike: 'v2' }).app.synth();
    writeFileSync(
      join(dir, 'vpn', 'branch2.cfg'),
      'hostname branch2\n!\ncrypto isakmp policy 10\n encryption aes 256\n',
    );
    expect(ikeMigrationProblems(stack, join(dir, 'vpn'))).toEqual([
      expect.stringContaining(' runs IKEv1 on branch2; '),
    ]);
  });
});
