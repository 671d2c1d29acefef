import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import {
  emptyRouterConfig,
  type InterfaceConfig,
  type Platform,
  type RouterConfig,
} from '../../lib/ir/router-config.js';
import { packetBox, subtractSpaces, type HeaderBox } from '../../lib/rules/header-space.js';
import {
  checksClearTextOnCryptoInterface,
  espOutboundUnknown,
  espPacket,
  filterPacket,
  filterSpace,
  hasInterfaceFilters,
  ikePacket,
  interfaceFilter,
} from '../../lib/rules/interface-acl.js';
import { acl } from './lab-ir.js';
import { packetArb } from './arbitraries.js';

const ip = ipToNumber;

function router(platform: Platform, iface: Partial<InterfaceConfig>, lists: RouterConfig['accessLists']): RouterConfig {
  const wan: InterfaceConfig = {
    name: 'Ethernet1',
    secondaryAddresses: [],
    shutdown: false,
    extraLines: [],
    address: { ip: '198.51.100.1', prefixLength: 24 },
    cryptoMap: 'VPN',
    ...iface,
  };
  return { ...emptyRouterConfig('R', platform), interfaces: [wan], accessLists: lists };
}

const WAN_IN = acl('101', [
  'permit udp host 198.51.100.2 host 198.51.100.1 eq 500',
  'deny esp any any',
  'permit ip 10.0.0.0 0.255.255.255 any',
]);

describe('interface access lists', () => {
  it('GIVEN an inbound list that permits IKE but denies ESP WHEN IKE and ESP from the peer meet it THEN IKE passes and ESP is dropped by the deny line', () => {
    const r = router('ios-15', { accessGroupIn: { acl: '101' } }, [WAN_IN]);
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    expect(filterPacket(f, ikePacket(ip('198.51.100.2'), ip('198.51.100.1'))).permitted).toBe(true);
    const esp = filterPacket(f, espPacket(ip('198.51.100.2'), ip('198.51.100.1')));
    expect(esp.permitted).toBe(false);
    expect(esp.line?.index).toBe(1);
  });

  it('GIVEN a list WHEN a space is filtered THEN permitted and dropped parts partition it and each dropped part names its line (or the implicit deny)', () => {
    const r = router('ios-15', { accessGroupIn: { acl: '101' } }, [WAN_IN]);
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    const all: HeaderBox = {
      src: [0, 0xffffffff],
      dst: [0, 0xffffffff],
      proto: [0, 255],
      sport: [0, 65535],
      dport: [0, 65535],
    };
    const res = filterSpace(f, [all]);
    const dropped = res.dropped.flatMap((d) => d.space);
    expect(subtractSpaces(subtractSpaces([all], res.permitted), dropped)).toEqual([]);
    expect(res.dropped.map((d) => d.line?.index)).toEqual([1, undefined]);
  });

  it('GIVEN random packets WHEN the point and space forms decide them THEN they agree', () => {
    const r = router('ios-15', { accessGroupIn: { acl: '101' } }, [WAN_IN]);
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    fc.assert(
      fc.property(packetArb, (p) => {
        const res = filterSpace(f, [packetBox(p)]);
        expect(res.permitted.length > 0).toBe(filterPacket(f, p).permitted);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN an access-group naming a list that does not exist WHEN packets meet it THEN everything is permitted', () => {
    const r = router('ios-15', { accessGroupIn: { acl: 'MISSING' } }, []);
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    expect(f?.acl).toBeUndefined();
    expect(filterPacket(f, espPacket(1, 2)).permitted).toBe(true);
    expect(hasInterfaceFilters(r)).toBe(true);
  });

  it('GIVEN an interface without access-group WHEN asked THEN there is no filter and the router uses none', () => {
    const r = router('ios-15', {}, [WAN_IN]);
    expect(interfaceFilter(r, r.interfaces[0]!, 'in')).toBeUndefined();
    expect(hasInterfaceFilters(r)).toBe(false);
  });

  it('GIVEN the three platforms WHEN asked whether clear-text IPsec packets meet the crypto interface lists THEN only 12.2 (before 12.3(8)T) says yes', () => {
    expect(checksClearTextOnCryptoInterface('ios-12.2')).toBe(true);
    expect(checksClearTextOnCryptoInterface('ios-15')).toBe(false);
    expect(checksClearTextOnCryptoInterface('ios-xe-17')).toBe(false);
  });

  it('GIVEN an outbound list that denies ESP WHEN asked on 12.2 and 15 THEN only the later release is the undocumented case', () => {
    const lists = [acl('102', ['deny esp any any', 'permit ip any any'])];
    for (const [platform, unknown] of [
      ['ios-12.2', false],
      ['ios-15', true],
      ['ios-xe-17', true],
    ] as const) {
      const r = router(platform, { accessGroupOut: { acl: '102' } }, lists);
      expect(espOutboundUnknown(r, r.interfaces[0]!, ip('198.51.100.1'), ip('198.51.100.2')) !== undefined).toBe(
        unknown,
      );
    }
    const permitting = router('ios-15', { accessGroupOut: { acl: '103' } }, [acl('103', ['permit ip any any'])]);
    expect(espOutboundUnknown(permitting, permitting.interfaces[0]!, 1, 2)).toBeUndefined();
  });
});

describe('interface access lists as IOS evaluates them', () => {
  it('GIVEN a named list re-opened with `5 deny esp` WHEN ESP meets it THEN the sequence-5 line drops it (sequence order, not text order)', async () => {
    const { parseConfig } = await import('../../lib/parse/index.js');
    const text = [
      'hostname R',
      'interface Ethernet1',
      ' ip address 198.51.100.1 255.255.255.0',
      ' ip access-group WAN-IN in',
      'ip access-list extended WAN-IN',
      ' permit udp any any eq isakmp',
      ' permit esp any any',
      'ip access-list extended WAN-IN',
      ' 5 deny esp any any',
      'end',
    ].join('\n');
    const r = parseConfig(text).config;
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    const esp = filterPacket(f, espPacket(ip('198.51.100.2'), ip('198.51.100.1')));
    expect(esp.permitted).toBe(false);
    expect(filterPacket(f, ikePacket(ip('198.51.100.2'), ip('198.51.100.1'))).permitted).toBe(true);
  });

  it('GIVEN a list that names a network object group WHEN a packet from a member meets it THEN the group line matches', async () => {
    const { parseConfig } = await import('../../lib/parse/index.js');
    const text = [
      'hostname R',
      'object-group network PEERS',
      ' host 198.51.100.2',
      'interface Ethernet1',
      ' ip address 198.51.100.1 255.255.255.0',
      ' ip access-group WAN-IN in',
      'ip access-list extended WAN-IN',
      ' permit esp object-group PEERS any',
      'end',
    ].join('\n');
    const r = parseConfig(text).config;
    const f = interfaceFilter(r, r.interfaces[0]!, 'in');
    expect(filterPacket(f, espPacket(ip('198.51.100.2'), ip('198.51.100.1'))).permitted).toBe(true);
    expect(filterPacket(f, espPacket(ip('198.51.100.3'), ip('198.51.100.1'))).permitted).toBe(false);
  });
});
