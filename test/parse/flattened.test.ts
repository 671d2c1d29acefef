import { describe, expect, it } from 'vitest';
import { stripProvenance } from '../../lib/ir/strip-provenance.js';
import { parseConfig } from '../../lib/parse/index.js';

const INDENTED = `version 15.9
hostname Flat
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
 lifetime 28800
crypto isakmp key fake-flat-key address 192.0.2.0 255.255.255.0
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto map VPN 20 ipsec-isakmp
 set peer 192.0.2.2
 set transform-set TS
 match address 120
crypto map VPN 10 ipsec-isakmp
 description first spoke
 set peer 192.0.2.1
 set peer 192.0.2.9
 set security-association lifetime seconds 1800
 set transform-set TS
 set pfs group14
 match address VPN-10
interface GigabitEthernet1
 description wan side
 ip address 198.51.100.1 255.255.255.0
 ip address 198.51.100.129 255.255.255.128 secondary
 no ip route-cache
 no shutdown
 crypto map VPN
interface GigabitEthernet2
 ip address 10.1.1.1 255.255.255.0
 shutdown
ip route 0.0.0.0 0.0.0.0 198.51.100.254
ip access-list extended VPN-10
 remark spoke one
 10 permit ip 10.1.1.0 0.0.0.255 10.2.1.0 0.0.0.255
 20 deny tcp any host 10.2.1.5 eq telnet
access-list 120 permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255
end
`;

/** The same commands as typed in configuration mode: no indentation at all. */
const FLATTENED = INDENTED.split('\n')
  .map((l) => l.trimStart())
  .join('\n');

describe('flattened and indented configurations', () => {
  it('GIVEN the same config indented and flattened WHEN parsed THEN both give the same IR', () => {
    const indented = parseConfig(INDENTED, { file: 'a.cfg' });
    const flattened = parseConfig(FLATTENED, { file: 'a.cfg' });
    expect(flattened.diagnostics).toEqual(indented.diagnostics);
    expect(stripProvenance(flattened.config)).toEqual(stripProvenance(indented.config));
    expect(indented.config.extraLines).toEqual([]);
  });

  it('GIVEN the flattened config WHEN parsed THEN sub-commands landed in their blocks', () => {
    const { config } = parseConfig(FLATTENED);
    const vpn = config.cryptoMaps[0]!;
    expect(vpn.entries.map((e) => e.seq)).toEqual([10, 20]);
    expect(vpn.entries[0]).toMatchObject({
      description: 'first spoke',
      peers: ['192.0.2.1', '192.0.2.9'],
      pfs: { group: 14 },
      saLifetimeSeconds: 1800,
      matchAddress: 'VPN-10',
    });
    expect(config.isakmpPolicies[0]).toMatchObject({
      encryption: 'aes-256',
      hash: 'sha256',
      authentication: 'pre-share',
      group: 14,
      lifetime: 28800,
    });
    expect(config.transformSets[0]!.mode).toBe('tunnel');
    expect(config.interfaces[0]).toMatchObject({
      description: 'wan side',
      cryptoMap: 'VPN',
      noIpRouteCache: true,
      shutdown: false,
      secondaryAddresses: [{ ip: '198.51.100.129', prefixLength: 25 }],
    });
    expect(config.interfaces[1]!.shutdown).toBe(true);
    expect(config.accessLists.find((a) => a.name === 'VPN-10')!.entries.map((e) => e.seq)).toEqual([undefined, 10, 20]);
  });

  it('GIVEN a uniformly indented file WHEN parsed THEN blocks are still told apart by relative indentation', () => {
    const shifted = INDENTED.split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n');
    expect(stripProvenance(parseConfig(shifted).config)).toEqual(stripProvenance(parseConfig(INDENTED).config));
  });

  it('GIVEN an unknown block between modelled ones WHEN parsed THEN its children stay extra lines and do not leak into the previous block', () => {
    const text =
      'interface Ethernet0\n ip address 10.0.0.1 255.255.255.0\nline vty 0 4\n login\n transport input ssh\ncrypto map M 10\n set peer 192.0.2.1\n';
    const { config } = parseConfig(text);
    expect(config.extraLines.map((l) => l.text)).toEqual(['line vty 0 4', ' login', ' transport input ssh']);
    expect(config.interfaces[0]!.extraLines).toEqual([]);
    expect(config.cryptoMaps[0]!.entries[0]).toMatchObject({ type: 'ipsec-isakmp', peers: ['192.0.2.1'] });
  });
});

describe('global commands that look like interface sub-commands', () => {
  it('GIVEN an indented interface block followed by global ip/vrf/cdp/clock commands WHEN parsed THEN those stay global', () => {
    const globals = [
      'vrf definition RED',
      'ip vrf BLUE',
      'cdp run',
      'no cdp run',
      'clock timezone UTC 0',
      'ip tcp synwait-time 10',
      'ip pim rp-address 10.0.0.1',
      'ip igmp snooping',
      'ip ospf name-lookup',
      'ip nat inside source list 1 interface Gi1 overload',
    ];
    const text = [
      'interface GigabitEthernet1',
      ' ip address 10.0.0.1 255.255.255.0',
      ' ip tcp adjust-mss 1360',
      ' ip ospf cost 10',
      ...globals,
    ].join('\n');
    const { config } = parseConfig(text);
    expect(config.interfaces[0]!.extraLines).toEqual(['ip tcp adjust-mss 1360', 'ip ospf cost 10']);
    // The NAT rule is global too: read into the IR rather than kept as an extra line.
    expect(config.extraLines.map((l) => l.text)).toEqual(globals.slice(0, -1));
    expect(config.natRules).toHaveLength(1);
  });
});
