/**
 * The Hub's default IKE version (lib/patterns/ikev2-settings.ts, README "IKEv2 by default"): IKEv2
 * where the hub's platform has it (ios-15, ios-xe-17), IKEv1 on ios-12.2; a spoke that cannot follow
 * a defaulted v2 hub is told why and what to set.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { IKEV2_SUPPORTED } from '../../lib/ir/ikev2-vocabulary.js';
import { DEFAULT_IKE_VERSION } from '../../lib/patterns/ikev2-settings.js';
import { hubAndSpokes } from './fixtures.js';

const PLATFORMS: readonly Platform[] = ['ios-12.2', 'ios-15', 'ios-xe-17'];

describe('GIVEN a Hub that does not say ike', () => {
  it.each(PLATFORMS)('WHEN its platform is %s THEN it runs IKEv2 exactly when the platform has it', (platform) => {
    const legacy = platform === 'ios-12.2' ? { crypto: { allowLegacyCrypto: true } } : {};
    const { hub, spokes } = hubAndSpokes(1, { platform, ...legacy });
    const expected = IKEV2_SUPPORTED[platform] ? 'v2' : 'v1';
    expect(DEFAULT_IKE_VERSION[platform]).toBe(expected);
    expect(hub.ike).toBe(expected);
    expect(hub.ikeDefaulted).toBe(true);
    const ir = spokes[0]!.router.toIr();
    expect(ir.cryptoMaps[0]!.entries[0]!.ikev2Profile).toBe(expected === 'v2' ? 'HUBSPOKE-PROFILE' : undefined);
    expect(ir.isakmpPolicies.length > 0).toBe(expected === 'v1');
  });

  it('WHEN synthesized on IOS-XE 17 THEN every router is on IKEv2 with no IKEv1 line, and every pair is proven', () => {
    const artifacts = synthesizeStack(hubAndSpokes(2).stack);
    expect(artifacts.proofReport).toContain('6/6 ordered site pairs covered');
    for (const r of artifacts.routers) {
      expect(r.text).toContain('\ncrypto ikev2 profile HUBSPOKE-PROFILE\n');
      expect(r.text).not.toMatch(/^crypto isakmp/m);
    }
  });

  it("WHEN it sets IKEv1-only props (keying: 'keyring', crypto.isakmp) THEN the error says the default chose v2 and to set ike: 'v1'", () => {
    expect(() => hubAndSpokes(1, { keying: 'keyring' })).toThrow(
      `Stack/Hub: keying "keyring" applies to IKEv1 keys; with ike 'v2' the keys are in the IKEv2 keyring HUBSPOKE-KEYRING; ike is not set and defaults to 'v2' on platform ios-xe-17: set ike: 'v1' on the Hub to keep IKEv1`,
    );
    expect(() => hubAndSpokes(1, { crypto: { isakmp: { group: 20 } } })).toThrow(
      `Stack/Hub: crypto.isakmp is the IKEv1 policy; with ike 'v2' set crypto.ikev2; ike is not set and defaults to 'v2' on platform ios-xe-17: set ike: 'v1' on the Hub to keep IKEv1`,
    );
    expect(() => hubAndSpokes(1, { ike: 'v2', keying: 'keyring' })).toThrow(
      /keying "keyring" applies to IKEv1 keys; with ike 'v2' the keys are in the IKEv2 keyring HUBSPOKE-KEYRING$/,
    );
    expect(hubAndSpokes(1, { ike: 'v1', keying: 'keyring', crypto: { isakmp: { group: 20 } } }).hub.ike).toBe('v1');
  });

  it("WHEN it says ike: 'v1' or 'v2' THEN that version is used and not marked as defaulted", () => {
    const v1 = hubAndSpokes(1, { ike: 'v1' }).hub;
    expect([v1.ike, v1.ikeDefaulted]).toEqual(['v1', false]);
    const v2 = hubAndSpokes(1, { ike: 'v2', platform: 'ios-15' }).hub;
    expect([v2.ike, v2.ikeDefaulted]).toEqual(['v2', false]);
  });
});

describe('GIVEN a spoke that cannot follow a hub defaulted to IKEv2', () => {
  it('WHEN the spoke is ios-12.2 THEN the error names the spoke, its platform, the default that chose v2, and the fix', () => {
    expect(() => hubAndSpokes(1, {}, { spokeProps: () => ({ platform: 'ios-12.2' }) })).toThrow(
      `Stack/Spoke1: platform "ios-12.2" has no IKEv2, and hub Stack/Hub runs IKEv2 because its ike is not set and defaults to 'v2' on its platform ios-xe-17; set ike: 'v1' on the Hub`,
    );
  });

  it("WHEN the hub set ike: 'v1' THEN the ios-12.2 spoke joins on IKEv1", () => {
    const { spokes } = hubAndSpokes(
      1,
      { ike: 'v1', crypto: { allowLegacyCrypto: true } },
      { spokeProps: () => ({ platform: 'ios-12.2' }) },
    );
    expect(spokes[0]!.router.toIr().isakmpPolicies).toHaveLength(1);
  });

  it('WHEN the spoke has a DHCP WAN THEN it joins on IKEv2 through the dynamic map (no refusal)', () => {
    const { hub } = hubAndSpokes(
      1,
      { dynamicSpokes: { domainName: 'example.net' } },
      { spokeProps: () => ({ wan: { address: 'dhcp' } }) },
    );
    expect(hub.ike).toBe('v2');
    expect(hub.router.toIr().dynamicMaps?.[0]?.entries[0]?.ikev2Profile).toBe('HUBSPOKE-PROFILE');
  });
});
