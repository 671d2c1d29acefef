/**
 * The Hub's `ike: 'v2'` (lib/patterns/ikev2-settings.ts): an IKEv2 proposal, policy, keyring and
 * profile per router, entries with `set ikev2-profile`, proven by the existing IKEv2 proof; the
 * combinations the proof cannot vouch for are refused with the construct path and property.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Testing } from '../../lib/testing/index.js';
import '../../lib/testing/vitest.js';
import { FAKE_PSK, hubAndSpokes } from './fixtures.js';

const v2 = { ike: 'v2' } as const;

/** The fixture gives every spoke the hub's one key: the proof warns REUSED_PSK on the hub's keyring, and nothing else. */
function expectOnlyReusedKeyWarning(result: ReturnType<typeof Testing.synth>): void {
  const warnings = result.verification.findings.filter((f) => f.severity === 'warning');
  expect(warnings.map((f) => `${f.code}@${f.device}`)).toEqual(['REUSED_PSK@Hub']);
}

describe("GIVEN a Hub with ike: 'v2'", () => {
  it('WHEN synthesized THEN every router has the IKEv2 blocks, no IKEv1 line, and every pair is proven', () => {
    const { stack } = hubAndSpokes(3, v2);
    const result = Testing.synth(stack);
    expect(result).toBeProven();
    expect(result.verification.summary).toMatchObject({ pairs: 12, covered: 12, unverified: 0, warnings: 1 });
    expectOnlyReusedKeyWarning(result);
    for (const host of ['Hub', 'Spoke1', 'Spoke2', 'Spoke3']) {
      const text = result.config(host).text;
      expect(text).toContain('crypto ikev2 profile HUBSPOKE-PROFILE\n');
      expect(text).toContain(' set ikev2-profile HUBSPOKE-PROFILE\n');
      expect(text).not.toMatch(/^crypto isakmp/m);
    }
    expect(result).toContainConfigLine('Hub', ' match identity remote address 192.0.2.13 255.255.255.255');
    expect(result).toContainConfigLine('Spoke2', ' match identity remote address 192.0.2.1 255.255.255.255');
    expect(result).toContainConfigLine('Spoke2', ' dpd 10 3 periodic');
  });

  it('WHEN rendered THEN the hub and a spoke read as the snapshot (IKEv2 sections and entries)', () => {
    const { stack } = hubAndSpokes(2, v2);
    const files = synthesizeStack(stack, { keyPresentation: 'placeholder' }).files;
    expect(files.get('Hub.cfg')).toMatchSnapshot();
    expect(files.get('Spoke1.cfg')).toMatchSnapshot();
  });

  it('WHEN one spoke has another key THEN exactly its pairs break with PSK_MISMATCH', () => {
    const { stack, spokes } = hubAndSpokes(3, v2);
    spokes[1]!.hubKey.setKey(PreSharedKey.unsafePlainText('another-Key-For-Tests-5Tq8Wz2Rm'));
    const result = Testing.synth(stack);
    expect(result).toHaveFinding('PSK_MISMATCH');
    expect(result).toHaveBrokenPairs([
      ['Hub', 'Spoke2'],
      ['Spoke2', 'Hub'],
      ['Spoke1', 'Spoke2'],
      ['Spoke2', 'Spoke1'],
      ['Spoke3', 'Spoke2'],
      ['Spoke2', 'Spoke3'],
    ]);
    expect(JSON.stringify(result.proofErrors)).not.toContain('another-Key');
  });

  it('WHEN keys are derived from a master secret THEN both ends derive the same key and synth proves', () => {
    const env = { V2_MASTER: 'fake-master-for-ikev2-tests-71c3e9a0' };
    const { stack, hub, spokes } = hubAndSpokes(2, {
      ...v2,
      preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('V2_MASTER')),
    });
    const hubPeer = hub.router.toIr({ env }).ikev2Keyrings![0]!.peers.find((p) => p.name === 'Spoke2')!;
    const spokePeer = spokes[1]!.router.toIr({ env }).ikev2Keyrings![0]!.peers[0]!;
    expect(spokePeer.key!.key).toBe(hubPeer.key!.key);
    expect(Testing.synth(stack, { env })).toBeProven();
  });

  it('WHEN the hub sources IKE from a loopback, or ACLs are summarized, THEN synth proves', () => {
    const loopback = hubAndSpokes(2, { ...v2, ikeSource: { loopback: 'Loopback0', address: '10.255.0.1' } });
    const result = Testing.synth(loopback.stack);
    expect(result).toBeProven();
    expect(result).toContainConfigLine('Spoke1', '  address 10.255.0.1');
    const summarized = hubAndSpokes(3, { ...v2, aclMode: 'summarized', sitePools: ['10.0.0.0/8'] });
    expect(Testing.synth(summarized.stack)).toBeProven();
  });

  it('WHEN crypto.ikev2 names other algorithms THEN the proposal carries them on every router and synth proves', () => {
    const { stack } = hubAndSpokes(2, {
      ...v2,
      crypto: { ikev2: { encryption: ['aes-gcm-256'], prf: ['sha384'], groups: [20, 19] } },
    });
    const result = Testing.synth(stack);
    expect(result).toBeProven();
    expect(result.config('Spoke2').text).toContain(
      'crypto ikev2 proposal HUBSPOKE-PROPOSAL\n encryption aes-gcm-256\n prf sha384\n group 20 19\n',
    );
  });

  it('WHEN synthesized with a key rewrite (cdktf) THEN the IKEv2 keyrings hold the rewritten key, never the original', () => {
    const { stack } = hubAndSpokes(2, v2);
    const artifacts = synthesizeStack(stack, { rewriteKey: (key) => (key === FAKE_PSK ? 'rewritten-v2-key' : 'x') });
    for (const text of artifacts.files.values()) expect(text.includes(FAKE_PSK)).toBe(false);
    expect(artifacts.files.get('Hub.cfg')).toMatch(/^ {2}pre-shared-key rewritten-v2-key$/m);
  });
});

describe("GIVEN ike: 'v2' with what the proof cannot vouch for", () => {
  it('WHEN a spoke is behind NAT THEN the hub keys on its public address, matches its private identity, and every pair is proven', () => {
    const { stack } = hubAndSpokes(2, v2, {
      spokeProps: (i) =>
        i === 2
          ? {
              wan: { address: '192.168.50.2/24', gateway: '192.168.50.1' },
              behindNat: { publicAddress: '198.51.100.20' },
            }
          : {},
    });
    const result = Testing.synth(stack);
    expect(result).toBeProven();
    expect(result.verification.summary).toMatchObject({ pairs: 6, covered: 6, unverified: 0, warnings: 1 });
    expectOnlyReusedKeyWarning(result);
    expect(result).toContainConfigLine('Hub', ' set peer 198.51.100.20');
    expect(result).toContainConfigLine('Hub', '  address 198.51.100.20');
    expect(result).toContainConfigLine('Hub', ' match identity remote address 192.168.50.2 255.255.255.255');
    expect(result.config('Hub').text).not.toContain('match identity remote address 198.51.100.20');
    expect(result).toContainConfigLine('Spoke2', ' ip address 192.168.50.2 255.255.255.0');
  });

  it('WHEN a spoke runs IOS 12.2 THEN it is refused, naming the way out', () => {
    expect(() => hubAndSpokes(1, v2, { spokeProps: () => ({ platform: 'ios-12.2' }) })).toThrow(
      `Stack/Spoke1: platform "ios-12.2" has no IKEv2, and hub Stack/Hub uses ike 'v2'; set ike: 'v1' on the Hub`,
    );
  });

  it('WHEN IKEv1-only props are set THEN they are refused, and the other way round', () => {
    expect(() => hubAndSpokes(1, { ...v2, keying: 'keyring' })).toThrow(
      `Stack/Hub: keying "keyring" applies to IKEv1 keys; with ike 'v2' the keys are in the IKEv2 keyring HUBSPOKE-KEYRING`,
    );
    expect(() => hubAndSpokes(1, { ...v2, crypto: { isakmp: { group: 20 } } })).toThrow(
      "Stack/Hub: crypto.isakmp is the IKEv1 policy; with ike 'v2' set crypto.ikev2",
    );
    expect(() => hubAndSpokes(1, { ike: 'v1', crypto: { ikev2: { groups: [20] } } })).toThrow(
      "Stack/Hub: crypto.ikev2 is the IKEv2 proposal; it needs ike: 'v2' on the Hub",
    );
    expect(() => hubAndSpokes(1, { ike: 'v3' as never })).toThrow(
      `Stack/Hub: ike "v3" is not an IKE version ('v1', 'v2')`,
    );
    const { hub, spokes } = hubAndSpokes(1, v2);
    expect(() => hub.isakmpPolicy).toThrow(
      "Stack/Hub: isakmpPolicy is IKEv1 only; this router uses ike 'v2' (see ikev2)",
    );
    expect(() => spokes[0]!.isakmpPolicy).toThrow('Stack/Spoke1: isakmpPolicy is IKEv1 only');
  });

  it('WHEN crypto.ikev2 asks for legacy algorithms on IOS-XE THEN the routers refuse them', () => {
    const { stack } = hubAndSpokes(1, { ...v2, crypto: { ikev2: { encryption: ['3des'], integrity: ['sha1'] } } });
    expect(() => synthesizeStack(stack)).toThrow(
      /legacy crypto on ios-xe-17 router Hub: Ikev2Proposal \(encryption "3des"\)/,
    );
  });
});
