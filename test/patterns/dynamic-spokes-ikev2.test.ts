/**
 * DHCP spokes on an ike 'v2' hub (docs/ios-semantics.md#ikev2-dynamic-crypto-maps): the hub's
 * dynamic map entry names its IKEv2 profile, which matches each dynamic spoke's FQDN identity; each
 * dynamic spoke is a keyring peer of its own, found by that identity, with its own key; the spokes
 * send `identity local fqdn`. Synthesized, rendered, parsed back and proven like the IKEv1 design.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Testing } from '../../lib/testing/index.js';
import '../../lib/testing/vitest.js';
import { FAKE_PSK, hubAndSpokes } from './fixtures.js';

const DOMAIN = 'branches.example.net';
const OWN_KEY = 'Spoke3-own-key-fake-7c2e9a41d0';

/** Hub with ike 'v2', spoke 1 static, spokes 2..n on DHCP. */
function mixed(n = 3, hubExtra = {}, spokeExtra: (i: number) => object = () => ({})) {
  return hubAndSpokes(
    n,
    { ike: 'v2', dynamicSpokes: { domainName: DOMAIN }, ...hubExtra },
    { spokeProps: (i) => ({ ...(i >= 2 ? { wan: { address: 'dhcp' } } : {}), ...spokeExtra(i) }) },
  );
}

describe("GIVEN an ike 'v2' hub with one static spoke and two DHCP spokes", () => {
  it('WHEN synthesized THEN the dynamic entry names the IKEv2 profile, each DHCP spoke is a keyring peer by FQDN identity, and no IKEv1 line is emitted', () => {
    const result = Testing.synth(mixed().stack);
    const hub = result.config('Hub').text;
    expect(hub).toContain(
      [
        'crypto dynamic-map DYNAMIC-SPOKES 10',
        ' set transform-set HUBSPOKE-TS',
        ' set pfs group19',
        ' set ikev2-profile HUBSPOKE-PROFILE',
        ' match address VPN-DYNAMIC-SPOKES',
        ' reverse-route',
      ].join('\n'),
    );
    expect(hub).toContain('crypto map HUBSPOKE-MAP 65535 ipsec-isakmp dynamic DYNAMIC-SPOKES\n');
    for (const i of [2, 3]) {
      expect(hub).toContain(` peer Spoke${i}\n  identity fqdn Spoke${i}.${DOMAIN}\n`);
      expect(result).toContainConfigLine('Hub', ` match identity remote fqdn Spoke${i}.${DOMAIN}`);
      expect(result).toContainConfigLine(`Spoke${i}`, ` identity local fqdn Spoke${i}.${DOMAIN}`);
      expect(result).toContainConfigLine(`Spoke${i}`, ' ip address dhcp');
    }
    expect(result).toContainConfigLine('Hub', ' match identity remote address 192.0.2.11 255.255.255.255');
    expect(hub).not.toContain('0.0.0.0 0.0.0.0\n  pre-shared-key');
    for (const host of ['Hub', 'Spoke1', 'Spoke2', 'Spoke3'])
      expect(result.config(host).text).not.toMatch(/^crypto isakmp|^crypto keyring/m);
    expect(result.config('Spoke1').text).not.toContain('identity local');
  });

  it('WHEN synthesized THEN every pair is proven, the leases are stated, and the probes leave no pair waiting', () => {
    const artifacts = synthesizeStack(mixed().stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    const codes = artifacts.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'DYNAMIC_ADDRESS_ASSUMED')).toHaveLength(2);
    expect(codes).not.toContain('SPOKE_MUST_INITIATE');
    expect(codes).not.toContain('NOT_MODELLED');
  });

  it('WHEN a DHCP spoke has no probes THEN the pairs towards it are covered under SPOKE_MUST_INITIATE only', () => {
    const artifacts = synthesizeStack(mixed(3, {}, (i) => (i === 3 ? { tunnelTrigger: false } : {})).stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    const conditional = artifacts.warnings.filter((w) => w.code === 'SPOKE_MUST_INITIATE');
    expect(conditional).toHaveLength(3);
    expect(conditional.every((w) => w.message.includes(' to Spoke3 '))).toBe(true);
  });

  it('WHEN keys are derived THEN each DHCP spoke has its own key, unlike every other pair, the same on both ends', () => {
    const s = mixed(3, { preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('DYN2_MASTER')) });
    const env = { DYN2_MASTER: 'fake-master-for-ikev2-dynamic-tests-93d1' };
    const hub = s.hub.router.toIr({ env });
    const ring = hub.ikev2Keyrings![0]!;
    const hubKey = (name: string) => ring.peers.find((p) => p.name === name)!.key!.key;
    const spokeKey = (i: number) => s.spokes[i - 1]!.router.toIr({ env }).ikev2Keyrings![0]!.peers[0]!.key!.key;
    expect(spokeKey(2)).toBe(hubKey('Spoke2'));
    expect(spokeKey(3)).toBe(hubKey('Spoke3'));
    expect(spokeKey(1)).toBe(hubKey('Spoke1'));
    expect(new Set([spokeKey(1), spokeKey(2), spokeKey(3)]).size).toBe(3);
    expect(synthesizeStack(s.stack, { env }).proofReport).toContain('12/12 ordered site pairs covered');
  });

  it('WHEN a DHCP spoke sets its own key THEN both ends hold it (IKEv2 finds it by identity), and the proof stays green', () => {
    const s = mixed(3, {}, (i) => (i === 3 ? { preSharedKey: PreSharedKey.unsafePlainText(OWN_KEY) } : {}));
    const hub = s.hub.router.toIr();
    const ring = hub.ikev2Keyrings![0]!;
    expect(ring.peers.find((p) => p.name === 'Spoke3')!.key!.key).toBe(OWN_KEY);
    expect(ring.peers.find((p) => p.name === 'Spoke2')!.key!.key).toBe(FAKE_PSK);
    expect(s.spokes[2]!.router.toIr().ikev2Keyrings![0]!.peers[0]!.key!.key).toBe(OWN_KEY);
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    expect(artifacts.proofReport).not.toContain(OWN_KEY);
    expect(s.hub.keyFor(s.spokes[2]!)).toHaveProperty('name', 'Spoke3');
  });

  it('WHEN every spoke is on DHCP THEN the hub has only the dynamic entry, and the network proves', () => {
    const s = hubAndSpokes(
      2,
      { ike: 'v2', dynamicSpokes: { domainName: DOMAIN } },
      { spokeProps: () => ({ wan: { address: 'dhcp' } }) },
    );
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.proofReport).toContain('6/6 ordered site pairs covered');
    expect(s.hub.dynamicSpokeParts?.keyring).toBeUndefined();
    expect(s.hub.dynamicSpokeParts?.entry.ikev2Profile).toBe('HUBSPOKE-PROFILE');
  });
});
