/**
 * The emulator's side of keyrings, ISAKMP profiles, certificates and dead peer detection
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles, #certificates, #dead-peer-detection): what
 * the consoles show, in IOS words, and that no key is ever printed.
 */
import { describe, expect, it } from 'vitest';
import type { Network } from '../../lib/emulate/index.js';
import { labNetwork, type LabEdits } from './lab.js';

/** The hub's key for Spoke1 in a keyring selected by a profile, DPD on both ends. */
const KEYRING_HUB: LabEdits = {
  'hub.cfg': [
    [
      'crypto isakmp key cisco123 address 10.1.2.1\n',
      'crypto keyring SPOKES\n pre-shared-key address 10.1.2.1 key cisco123\ncrypto isakmp profile SPOKES\n keyring SPOKES\n match identity address 10.1.2.1 255.255.255.255\n keepalive 20 retry 4\ncrypto isakmp keepalive 10 3 periodic\n',
    ],
    ['crypto map mymap 10 ipsec-isakmp\n', 'crypto map mymap 10 ipsec-isakmp\n set isakmp-profile SPOKES\n'],
  ],
  'spoke1.cfg': [
    [
      'crypto isakmp key cisco123 address 10.1.4.1\n',
      'crypto isakmp key cisco123 address 10.1.4.1\ncrypto isakmp keepalive 10 3\n',
    ],
  ],
};

function consoles(net: Network): string {
  return net
    .devices()
    .map((d) => d.consoleHistory.join('\n'))
    .join('\n');
}

describe("GIVEN the hub keeps Spoke1's key in a keyring of a profile, and both run DPD", () => {
  it('WHEN Spoke1 initiates THEN the hub looks the key up in the keyring, selects the profile by identity, and the tunnel comes up', () => {
    const net = labNetwork('two-spokes', KEYRING_HUB);
    for (const h of ['Hub', 'Spoke1']) net.device(h).exec('debug crypto isakmp');
    const r = net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1').ping!;
    expect(r.received).toBe(r.sent);
    const text = consoles(net);
    expect(text).toContain('ISAKMP: Looking for a matching key for 10.1.2.1 in SPOKES : success');
    expect(text).toContain('peer matches SPOKES profile');
    expect(text).toContain('vendor ID is DPD');
    expect(text).not.toContain('cisco123');
  });

  it('WHEN show crypto isakmp sa detail runs THEN the SA shows psk and the D capability on both ends', () => {
    const net = labNetwork('two-spokes', KEYRING_HUB);
    net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1');
    const hub = net.device('Hub').exec('show crypto isakmp sa detail');
    expect(hub.ok).toBe(true);
    expect(hub.output).toContain('Codes: C - IKE configuration mode, D - Dead Peer Detection');
    expect(hub.output).toMatch(/^\d+\s+10\.1\.4\.1\s+10\.1\.2\.1\s+ACTIVE des\s+md5\s+psk\s+1\s+23:59:\d\d D$/m);
    const spoke = net.device('Spoke1').exec('sh cry isa sa det').output;
    expect(spoke).toMatch(/ACTIVE des\s+md5\s+psk\s+1\s+23:59:\d\d D$/m);
    // Without DPD the capability is empty, and the plain command is unchanged.
    const plain = labNetwork('two-spokes');
    plain.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1');
    expect(plain.device('Spoke2').exec('show crypto isakmp sa detail').output).not.toMatch(/ACTIVE/);
    expect(plain.device('Hub').exec('show crypto isakmp sa detail').output).toMatch(/psk\s+1\s+23:59:\d\d$/m);
    expect(plain.device('Hub').exec('show crypto isakmp sa detail extra').ok).toBe(false);
  });
});

describe('GIVEN certificate authentication', () => {
  const rsa = (withTrustpoint: boolean): LabEdits =>
    Object.fromEntries(
      ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg'].map((f) => [
        f,
        [
          [
            ' authentication pre-share',
            withTrustpoint || f !== 'spoke1.cfg'
              ? ' authentication rsa-sig\ncrypto pki trustpoint CA1\n enrollment url http://192.0.2.80:80'
              : ' authentication rsa-sig',
          ],
        ] as const,
      ]),
    );

  it('WHEN both ends have trustpoints THEN the SA authenticates by RSA signature and shows rsig', () => {
    const net = labNetwork('two-spokes', rsa(true));
    net.device('Spoke1').exec('debug crypto isakmp');
    expect(net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1').ping!.received).toBe(5);
    expect(consoles(net)).toContain('SA is doing RSA signature authentication using id type ID_IPV4_ADDR');
    expect(net.device('Hub').exec('show crypto isakmp sa detail').output).toMatch(/ACTIVE des\s+md5\s+rsig\s+1/);
  });

  it('WHEN the initiator has no trustpoint THEN phase 1 fails and it says it has neither certificate nor keys', () => {
    const net = labNetwork('two-spokes', rsa(false));
    net.device('Spoke1').exec('debug crypto isakmp');
    const r = net.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1').ping!;
    expect(r.received).toBe(0);
    expect(r.losses[0]).toMatchObject({ negotiation: 'phase1-authentication' });
    expect(consoles(net)).toContain('No cert, and no keys (public or pre-shared) with remote peer 10.1.4.1');
  });
});
