// The three-spoke reference lab hub, built by hand as IR (test helper, not a test file).
import type { AccessList, RouterConfig } from '../../lib/ir/router-config.js';

function labAcl(name: string, sources: string[], dest: string): AccessList {
  return {
    name,
    type: 'extended',
    numbered: true,
    entries: sources.map((s) => ({
      kind: 'rule' as const,
      action: 'permit' as const,
      protocol: 'ip' as const,
      source: { kind: 'wildcard' as const, address: s, wildcard: '0.0.0.255' },
      destination: { kind: 'wildcard' as const, address: dest, wildcard: '0.0.0.255' },
    })),
  };
}

export function labHubIr(key: string): RouterConfig {
  const peers = ['10.1.2.1', '10.1.3.1', '10.1.5.1'];
  return {
    hostname: 'Hub',
    platform: 'ios-12.2',
    version: '12.2',
    interfaces: [
      {
        name: 'Ethernet0',
        address: { ip: '10.1.1.1', prefixLength: 24 },
        secondaryAddresses: [],
        shutdown: false,
        extraLines: [],
      },
      {
        name: 'Ethernet1',
        address: { ip: '10.1.4.1', prefixLength: 24 },
        secondaryAddresses: [],
        shutdown: false,
        cryptoMap: 'mymap',
        noIpRouteCache: true,
        noIpMrouteCache: true,
        extraLines: [],
        origin: 'Lab/Hub/Wan',
      },
    ],
    staticRoutes: [
      ['172.16.1.0', 24],
      ['192.168.1.0', 24],
      ['10.1.0.0', 16],
      ['172.16.2.0', 24],
    ].map(([address, prefixLength]) => ({
      prefix: { address: address as string, prefixLength: prefixLength as number },
      interface: 'Ethernet1',
    })),
    accessLists: [
      labAcl('110', ['10.1.1.0', '192.168.1.0', '172.16.2.0'], '172.16.1.0'),
      labAcl('120', ['10.1.1.0', '172.16.2.0', '172.16.1.0'], '192.168.1.0'),
      labAcl('130', ['10.1.1.0', '192.168.1.0', '172.16.1.0'], '172.16.2.0'),
    ],
    isakmpPolicies: [{ priority: 10, hash: 'md5', authentication: 'pre-share', origin: 'Lab/Hub/Policy10' }],
    isakmpKeys: peers.map((address) => ({ key, encryption: 0 as const, address, prefixLength: 32 })),
    transformSets: [{ name: 'myset', transforms: ['esp-des', 'esp-md5-hmac'] }],
    cryptoMaps: [
      {
        name: 'mymap',
        entries: peers.map((peer, i) => ({
          seq: (i + 1) * 10,
          type: 'ipsec-isakmp' as const,
          peers: [peer],
          transformSets: ['myset'],
          matchAddress: String(110 + i * 10),
          extraLines: [],
          origin: `Lab/Hub/Entry${(i + 1) * 10}`,
        })),
      },
    ],
    options: {},
    extraLines: [
      { text: 'service timestamps debug datetime msec' },
      { text: 'service timestamps log uptime' },
      { text: 'no service password-encryption' },
      { text: 'ip subnet-zero' },
      { text: 'ip classless' },
      { text: 'ip http server' },
    ],
  };
}
