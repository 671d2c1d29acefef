import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import type { AccessList, RouterConfig } from '../../lib/ir/router-config.js';
import { emptyRouterConfig } from '../../lib/ir/router-config.js';

const lan = (i: number) => (i === 0 ? '10.1.1' : `10.${100 + (i >> 8)}.${i & 255}`);
const wan = (i: number) => (i === 0 ? '100.127.0.1' : `100.${64 + (i >> 8)}.${i & 255}.1`);
const wild = (l: string) => ({ kind: 'wildcard' as const, address: `${l}.0`, wildcard: '0.0.0.255' });
const aclOf = (name: string, pairs: [string, string][]): AccessList => ({
  name,
  type: 'extended',
  numbered: true,
  entries: pairs.map(([s, d]) => ({
    kind: 'rule' as const,
    action: 'permit' as const,
    protocol: 'ip' as const,
    source: wild(s),
    destination: wild(d),
  })),
});

/** A hub (site 0) and n spokes in the exact (per-pair ACL line) pattern of the reference lab. */
function hubAndSpokes(n: number): RouterConfig[] {
  const sites = Array.from({ length: n + 1 }, (_, i) => i);
  const router = (i: number): RouterConfig => {
    const base = emptyRouterConfig(i === 0 ? 'Hub' : `Spoke${i}`, 'ios-12.2');
    const spokes = sites.filter((s) => s !== 0);
    const acls =
      i === 0
        ? spokes.map((s) =>
            aclOf(
              String(1000 + s),
              sites.filter((o) => o !== s).map((o) => [lan(o), lan(s)]),
            ),
          )
        : [
            aclOf(
              '110',
              sites.filter((o) => o !== i).map((o) => [lan(i), lan(o)]),
            ),
          ];
    return {
      ...base,
      interfaces: [
        {
          name: 'Ethernet0',
          address: { ip: `${lan(i)}.1`, prefixLength: 24 },
          secondaryAddresses: [],
          shutdown: false,
          extraLines: [],
        },
        {
          name: 'Ethernet1',
          address: { ip: wan(i), prefixLength: 24 },
          secondaryAddresses: [],
          shutdown: false,
          cryptoMap: 'mymap',
          extraLines: [],
        },
      ],
      staticRoutes: [
        { prefix: { address: '10.0.0.0', prefixLength: 8 }, interface: 'Ethernet1' },
        { prefix: { address: '100.64.0.0', prefixLength: 10 }, interface: 'Ethernet1' },
      ],
      accessLists: acls,
      isakmpPolicies: [{ priority: 10, hash: 'md5', authentication: 'pre-share' }],
      isakmpKeys: (i === 0 ? spokes.map(wan) : [wan(0)]).map((address) => ({
        key: 'fake-scale-key',
        encryption: 0 as const,
        address,
        prefixLength: 32,
      })),
      transformSets: [{ name: 'myset', transforms: ['esp-des', 'esp-md5-hmac'] }],
      cryptoMaps: [
        {
          name: 'mymap',
          entries:
            i === 0
              ? spokes.map((s) => ({
                  seq: s * 10,
                  type: 'ipsec-isakmp' as const,
                  peers: [wan(s)],
                  transformSets: ['myset'],
                  matchAddress: String(1000 + s),
                  extraLines: [],
                }))
              : [
                  {
                    seq: 10,
                    type: 'ipsec-isakmp' as const,
                    peers: [wan(0)],
                    transformSets: ['myset'],
                    matchAddress: '110',
                    extraLines: [],
                  },
                ],
        },
      ],
    };
  };
  return sites.map(router);
}

describe('scale', () => {
  it('GIVEN a hub with 60 spokes WHEN every ordered site pair pings once THEN all succeed, nothing crosses in clear, and the hub holds one IKE SA per spoke', () => {
    const n = 60;
    const net = Network.fromConfigs(hubAndSpokes(n));
    let ok = 0;
    for (let a = 0; a <= n; a += 1) {
      for (let b = 0; b <= n; b += 1) {
        if (a === b) continue;
        const r = net.ping({
          from: a === 0 ? 'Hub' : `Spoke${a}`,
          source: `${lan(a)}.1`,
          to: `${lan(b)}.1`,
          repeat: 1,
        });
        if (r.successRate === 100) ok += 1;
      }
    }
    expect(ok).toBe(n * (n + 1));
    expect(net.nothingInClear()).toBe(true);
    expect(net.device('Hub').sadb.ike).toHaveLength(n);
  });
});
