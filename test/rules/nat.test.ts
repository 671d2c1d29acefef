import { describe, expect, it } from 'vitest';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import {
  emptyRouterConfig,
  type InterfaceConfig,
  type NatRule,
  type RouterConfig,
} from '../../lib/ir/router-config.js';
import { hasNat, natInsideSource, translatePacket, translatedSpace } from '../../lib/rules/nat.js';
import type { HeaderBox } from '../../lib/rules/header-space.js';
import { acl } from './lab-ir.js';

const ip = ipToNumber;
const iface = (name: string, address: string, nat?: 'inside' | 'outside'): InterfaceConfig => ({
  name,
  secondaryAddresses: [],
  shutdown: false,
  extraLines: [],
  address: { ip: address, prefixLength: 24 },
  ...(nat ? { nat } : {}),
});
const LAN = iface('Ethernet0', '10.2.0.1', 'inside');
const WAN = iface('Ethernet1', '198.51.100.12', 'outside');
const PAT: NatRule = {
  kind: 'dynamic',
  match: { kind: 'list', acl: 'NAT' },
  target: { kind: 'interface', interface: 'Ethernet1' },
  overload: true,
};

function router(rules: NatRule[], lists: RouterConfig['accessLists'], extra: Partial<RouterConfig> = {}): RouterConfig {
  return { ...emptyRouterConfig('R', 'ios-15'), interfaces: [LAN, WAN], accessLists: lists, natRules: rules, ...extra };
}

const site = (dst: string, len: number): HeaderBox => {
  const size = 2 ** (32 - len);
  return {
    src: [ip('10.2.0.0'), ip('10.2.0.255')],
    dst: [ip(dst), ip(dst) + size - 1],
    proto: [0, 255],
    sport: [0, 65535],
    dport: [0, 65535],
  };
};

describe('inside-source NAT', () => {
  it('GIVEN PAT with an ACL that denies the VPN destinations WHEN the LAN talks to a VPN site and to the Internet THEN only the Internet traffic is translated, to the interface address', () => {
    const r = router(
      [PAT],
      [acl('NAT', ['deny ip 10.2.0.0 0.0.0.255 10.0.0.0 0.255.255.255', 'permit ip 10.2.0.0 0.0.0.255 any'])],
    );
    const vpn = natInsideSource(r, LAN, WAN, [site('10.1.0.0', 24)]);
    expect(vpn.translated).toEqual([]);
    const web = natInsideSource(r, LAN, WAN, [site('8.8.8.0', 24)]);
    expect(web.untouched).toEqual([]);
    expect(web.translated[0]!.global).toEqual([ip('198.51.100.12'), ip('198.51.100.12')]);
    expect(translatedSpace(web.translated[0]!)[0]!.src).toEqual([ip('198.51.100.12'), ip('198.51.100.12')]);
  });

  it('GIVEN NAT rules WHEN the packet does not go from an inside to an outside interface THEN nothing is translated', () => {
    const r = router([PAT], [acl('NAT', ['permit ip any any'])]);
    expect(natInsideSource(r, WAN, WAN, [site('8.8.8.0', 24)]).translated).toEqual([]);
    expect(natInsideSource(r, undefined, WAN, [site('8.8.8.0', 24)]).translated).toEqual([]);
    expect(hasNat(r)).toBe(true);
    expect(hasNat({ ...r, interfaces: [{ ...LAN, nat: undefined } as InterfaceConfig] })).toBe(false);
  });

  it('GIVEN a route-map with a deny entry before the permit WHEN split THEN the denied part is exempt and unmatched traffic is not translated', () => {
    const rm: NatRule = {
      kind: 'dynamic',
      match: { kind: 'route-map', routeMap: 'RM' },
      target: { kind: 'interface', interface: 'Ethernet1' },
      overload: true,
    };
    const r = router(
      [rm],
      [
        acl('VPN', ['permit ip 10.2.0.0 0.0.0.255 10.0.0.0 0.255.255.255']),
        acl('WEB', ['permit ip 10.2.0.0 0.0.0.127 any']),
      ],
      {
        routeMaps: [
          {
            name: 'RM',
            entries: [
              { seq: 20, action: 'permit', matchAddress: ['WEB'], extraLines: [] },
              { seq: 10, action: 'deny', matchAddress: ['VPN'], extraLines: [] },
            ],
          },
        ],
      },
    );
    expect(natInsideSource(r, LAN, WAN, [site('10.1.0.0', 24)]).translated).toEqual([]);
    const web = natInsideSource(r, LAN, WAN, [site('8.8.8.0', 24)]);
    // Only the lower half of the LAN is permitted by WEB; the upper half matches no entry.
    expect(web.translated[0]!.space.map((b) => b.src)).toEqual([[ip('10.2.0.0'), ip('10.2.0.127')]]);
    expect(web.untouched.map((b) => b.src)).toEqual([[ip('10.2.0.128'), ip('10.2.0.255')]]);
  });

  it('GIVEN a static network and a pool WHEN packets are translated THEN statics keep the host offset and go first, pools give their first address', () => {
    const r = router(
      [
        { kind: 'dynamic', match: { kind: 'list', acl: 'ALL' }, target: { kind: 'pool', pool: 'P' }, overload: false },
        { kind: 'static', local: '10.2.0.0', global: '203.0.113.0', prefixLength: 28, network: true },
      ],
      [acl('ALL', ['permit ip any any'])],
      { natPools: [{ name: 'P', start: '198.51.100.100', end: '198.51.100.110', prefixLength: 24 }] },
    );
    const p = (src: string) => ({ src: ip(src), dst: ip('8.8.8.8'), proto: 6, sport: 1234, dport: 80 });
    expect(translatePacket(r, LAN, WAN, p('10.2.0.5'))!.packet.src).toBe(ip('203.0.113.5'));
    expect(translatePacket(r, LAN, WAN, p('10.2.0.20'))!.packet.src).toBe(ip('198.51.100.100'));
    expect(translatePacket(r, WAN, LAN, p('10.2.0.20'))).toBeUndefined();
  });

  it('GIVEN a rule whose ACL does not exist WHEN split THEN it is taken to translate everything (the parser reports the line as not modelled)', () => {
    const r = router([PAT], []);
    expect(natInsideSource(r, LAN, WAN, [site('10.1.0.0', 24)]).untouched).toEqual([]);
  });
});
