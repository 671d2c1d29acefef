import { describe, expect, it } from 'vitest';
import { classifyNetwork, cryptoPeerAddresses, notSiteReason, siteLans, wanInterfaces } from '../../lib/rules/wan.js';
import { formatPrefix } from '../../lib/ir/ipv4.js';
import type { InterfaceConfig, RouterConfig } from '../../lib/ir/router-config.js';
import { twoSpokeLab } from './lab-ir.js';

describe('WAN interfaces and site LANs', () => {
  it('GIVEN the lab WHEN classified THEN Ethernet1 is WAN and the Ethernet0 subnets are the site LANs', () => {
    const { hub, spoke1, spoke2 } = twoSpokeLab();
    const net = classifyNetwork([hub, spoke1, spoke2]);
    expect(net.get('Hub')!.wan.map((w) => [w.interface.name, [...w.reasons].sort()])).toEqual([
      ['Ethernet1', ['crypto-map', 'peer-address', 'route-to-peer']],
    ]);
    expect([...net.values()].map((d) => d.lans.map((l) => formatPrefix(l.prefix)))).toEqual([
      ['10.1.1.0/24'],
      ['172.16.1.0/24'],
      ['192.168.1.0/24'],
    ]);
  });

  it('GIVEN a crypto map removed from an interface WHEN classified THEN the peer address still makes it WAN', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const bare: RouterConfig = { ...spoke1, interfaces: spoke1.interfaces.map(({ cryptoMap: _c, ...i }) => i) };
    const peers = cryptoPeerAddresses([hub, bare]);
    expect(wanInterfaces(bare, peers).map((w) => [w.interface.name, w.reasons])).toEqual([
      ['Ethernet1', ['peer-address', 'route-to-peer']],
    ]);
    expect(siteLans(bare, peers).map((l) => l.interface.name)).toEqual(['Ethernet0']);
  });

  it('GIVEN two LAN interfaces of one router in the same subnet WHEN classified THEN they are one site', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const lan = spoke1.interfaces.find((i) => i.name === 'Ethernet0')!;
    const twin = { ...lan, name: 'Ethernet2', address: { ip: '172.16.1.2', prefixLength: 24 } };
    const r: RouterConfig = { ...spoke1, interfaces: [...spoke1.interfaces, twin] };
    const lans = siteLans(r, cryptoPeerAddresses([hub, r]));
    expect(lans.map((l) => [l.interface.name, formatPrefix(l.prefix)])).toEqual([['Ethernet0', '172.16.1.0/24']]);
  });

  it('GIVEN an interface that only routes to a peer WHEN classified THEN it is WAN by the route rule', () => {
    const { spoke1 } = twoSpokeLab();
    const r: RouterConfig = {
      ...spoke1,
      interfaces: [
        spoke1.interfaces[0]!,
        {
          name: 'Serial0',
          address: { ip: '192.0.2.2', prefixLength: 30 },
          secondaryAddresses: [],
          shutdown: false,
          extraLines: [],
        },
        { ...spoke1.interfaces[1]!, address: { ip: '10.1.2.1', prefixLength: 24 } },
      ],
      staticRoutes: [{ prefix: { address: '10.1.4.1', prefixLength: 32 }, interface: 'Serial0' }],
    };
    const w = wanInterfaces(r, new Set());
    expect(w.map((x) => [x.interface.name, x.reasons])).toEqual([
      ['Serial0', ['route-to-peer']],
      ['Ethernet1', ['crypto-map']],
    ]);
  });
});

describe('GIVEN interfaces that are no sites by themselves (docs/ios-semantics.md#sites)', () => {
  const iface = (name: string, extra: Partial<InterfaceConfig> = {}): InterfaceConfig => ({
    name,
    secondaryAddresses: [],
    shutdown: false,
    extraLines: [],
    ...extra,
  });
  it('WHEN each kind is asked THEN loopbacks, /32s, tunnels, management ports and VRF members are named, a LAN is not', () => {
    expect(notSiteReason(iface('Loopback0'), 24)).toBe('loopback');
    expect(notSiteReason(iface('GigabitEthernet0/3'), 32)).toBe('host');
    expect(notSiteReason(iface('Tunnel100'), 24)).toBe('tunnel');
    expect(notSiteReason(iface('GigabitEthernet0/2', { description: 'OOB management' }), 24)).toBe('management');
    expect(notSiteReason(iface('Mgmt0'), 24)).toBe('management');
    expect(notSiteReason(iface('GigabitEthernet0', { extraLines: ['vrf forwarding Mgmt-intf'] }), 24)).toBe('vrf');
    expect(notSiteReason(iface('GigabitEthernet0/1', { description: 'branch LAN' }), 24)).toBeUndefined();
  });
});
