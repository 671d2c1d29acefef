import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

const BASE = `hostname N
crypto isakmp policy 10
 hash sha256
crypto isakmp policy 20
 hash md5
crypto isakmp key fake-k1 address 192.0.2.1
crypto isakmp key fake-k2 address 192.0.2.2
crypto isakmp aggressive-mode disable
crypto ipsec transform-set A esp-aes esp-sha-hmac
crypto ipsec transform-set B esp-3des esp-sha-hmac
crypto map M 10 ipsec-isakmp
 description one
 set peer 192.0.2.1
 set peer 192.0.2.9
 set transform-set A
 set pfs group14
 match address VPN
crypto map M 20 ipsec-isakmp
 set peer 192.0.2.2
interface Ethernet1
 description wan
 ip address 10.0.0.1 255.255.255.0
 ip address 10.0.1.1 255.255.255.0 secondary
 crypto map M
interface Loopback9
ip route 10.9.0.0 255.255.0.0 Ethernet1
ip route 10.9.0.0 255.255.0.0 192.0.2.254 200
ip route 10.8.0.0 255.255.0.0 Ethernet1
ip access-list extended VPN
 10 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
 20 permit ip 10.1.0.0 0.0.255.255 10.3.0.0 0.0.255.255
 30 deny ip any any
access-list 110 permit ip any any
`;

describe('no commands after the configuration (change scripts)', () => {
  it('GIVEN removals of modelled elements WHEN parsed THEN the IR no longer holds them', () => {
    const script = [
      'no crypto isakmp policy 20',
      'no crypto isakmp key fake-k2 address 192.0.2.2',
      'no crypto isakmp aggressive-mode disable',
      'no crypto ipsec transform-set B',
      'no crypto map M 20',
      'no interface Loopback9',
      'no ip route 10.9.0.0 255.255.0.0 192.0.2.254',
      'no access-list 110',
      'ip access-list extended VPN',
      ' no 20',
      ' no deny ip any any',
    ].join('\n');
    const { config, diagnostics } = parseConfig(BASE + script);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(config.isakmpPolicies.map((p) => p.priority)).toEqual([10]);
    expect(config.isakmpKeys.map((k) => k.address)).toEqual(['192.0.2.1']);
    expect(config.options.aggressiveModeDisabled).toBeUndefined();
    expect(config.transformSets.map((t) => t.name)).toEqual(['A']);
    expect(config.cryptoMaps[0]!.entries.map((e) => e.seq)).toEqual([10]);
    expect(config.interfaces.map((i) => i.name)).toEqual(['Ethernet1']);
    expect(config.staticRoutes.map((r) => `${r.prefix.address} ${r.interface ?? r.nextHop}`)).toEqual([
      '10.9.0.0 Ethernet1',
      '10.8.0.0 Ethernet1',
    ]);
    expect(config.accessLists.map((a) => a.name)).toEqual(['VPN']);
    expect(config.accessLists[0]!.entries.map((e) => e.seq)).toEqual([10]);
    expect(config.extraLines).toEqual([]);
  });

  it('GIVEN entry and interface sub-command negations WHEN parsed THEN the fields are unset', () => {
    const script = [
      'crypto map M 10 ipsec-isakmp',
      ' no set peer 192.0.2.1',
      ' no set pfs',
      ' no match address',
      ' no description',
      ' set peer 192.0.2.7 default',
      'interface Ethernet1',
      ' no description',
      ' no ip address 10.0.1.1 255.255.255.0 secondary',
      ' no crypto map M',
    ].join('\n');
    const { config } = parseConfig(BASE + script);
    const entry = config.cryptoMaps[0]!.entries[0]!;
    expect(entry.peers).toEqual(['192.0.2.7', '192.0.2.9']);
    expect(entry.pfs).toBeUndefined();
    expect(entry.matchAddress).toBeUndefined();
    expect(entry.description).toBeUndefined();
    expect(entry.extraLines).toEqual([]);
    const wan = config.interfaces[0]!;
    expect(wan.description).toBeUndefined();
    expect(wan.secondaryAddresses).toEqual([]);
    expect(wan.cryptoMap).toBeUndefined();
  });

  it('GIVEN the same negations flattened WHEN parsed THEN they land in their sub-modes too', () => {
    const script = [
      'crypto map M 10 ipsec-isakmp',
      'no set peer 192.0.2.1',
      'ip access-list extended VPN',
      'no 10',
      'interface Ethernet1',
      'no crypto map M',
    ].join('\n');
    const { config } = parseConfig(BASE + script);
    expect(config.cryptoMaps[0]!.entries[0]!.peers).toEqual(['192.0.2.9']);
    expect(config.accessLists[0]!.entries.map((e) => e.seq)).toEqual([20, 30]);
    expect(config.interfaces[0]!.cryptoMap).toBeUndefined();
  });

  it('GIVEN no crypto isakmp default policy WHEN parsed THEN it is flagged as not modelled', () => {
    const { diagnostics } = parseConfig('hostname A\nno crypto isakmp default policy\n');
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'NOT_MODELLED', line: 2 }));
  });

  it('GIVEN ordinary global no lines WHEN parsed THEN they stay extra lines', () => {
    expect(parseConfig('no ip domain-lookup\nno service pad').config.extraLines.map((l) => l.text)).toEqual([
      'no ip domain-lookup',
      'no service pad',
    ]);
  });
});
