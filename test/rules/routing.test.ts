import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lookupRoute, routingTable } from '../../lib/rules/routing.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import { emptyRouterConfig, type RouterConfig, type StaticRoute } from '../../lib/ir/router-config.js';
import { twoSpokeLab } from './lab-ir.js';

function router(routes: StaticRoute[], extra: Partial<RouterConfig> = {}): RouterConfig {
  return {
    ...emptyRouterConfig('R1', 'ios-15'),
    interfaces: [
      { name: 'Gi0', address: { ip: '10.0.0.1', prefixLength: 24 }, secondaryAddresses: [{ ip: '10.9.9.1', prefixLength: 24 }], shutdown: false, extraLines: [] },
      { name: 'Gi1', address: { ip: '192.0.2.1', prefixLength: 30 }, secondaryAddresses: [], shutdown: false, extraLines: [] },
      { name: 'Gi2', address: { ip: '198.51.100.1', prefixLength: 24 }, secondaryAddresses: [], shutdown: true, extraLines: [] },
    ],
    staticRoutes: routes,
    ...extra,
  };
}
const p = (address: string, prefixLength: number) => ({ address, prefixLength });

describe('routing table', () => {
  it('GIVEN interfaces WHEN the table is built THEN up interfaces give connected routes, including secondaries, and shut ones none', () => {
    const r = router([]);
    expect(lookupRoute(r, '10.0.0.77')).toMatchObject({ source: 'connected', exitInterface: 'Gi0' });
    expect(lookupRoute(r, '10.9.9.5')).toMatchObject({ source: 'connected', exitInterface: 'Gi0' });
    expect(lookupRoute(r, '198.51.100.9')).toBeUndefined();
  });

  it('GIVEN the lab hub WHEN its LAN is inside a broader WAN route THEN the connected /24 wins by prefix length', () => {
    const { hub } = twoSpokeLab();
    expect(lookupRoute(hub, '10.1.1.9')?.exitInterface).toBe('Ethernet0');
    expect(lookupRoute(hub, '10.1.2.1')?.exitInterface).toBe('Ethernet1');
    expect(lookupRoute(hub, '172.16.1.5')?.exitInterface).toBe('Ethernet1');
    expect(lookupRoute(hub, '172.16.2.5')).toBeUndefined();
  });

  it('GIVEN next-hop routes WHEN resolved recursively THEN they exit where their next hop does', () => {
    const r = router([
      { prefix: p('0.0.0.0', 0), nextHop: '172.20.0.1' },
      { prefix: p('172.20.0.0', 16), nextHop: '192.0.2.2' },
    ]);
    expect(lookupRoute(r, '8.8.8.8')).toMatchObject({ exitInterface: 'Gi1', nextHop: '172.20.0.1', gateway: '192.0.2.2' });
    expect(lookupRoute(r, '172.20.5.5')).toMatchObject({ exitInterface: 'Gi1', gateway: '192.0.2.2' });
  });

  it('GIVEN an interface route with a next hop WHEN looked up THEN it exits the interface towards that gateway', () => {
    const r = router([{ prefix: p('172.50.0.0', 16), interface: 'Gi1', nextHop: '192.0.2.2' }]);
    expect(lookupRoute(r, '172.50.1.1')).toMatchObject({ exitInterface: 'Gi1', nextHop: '192.0.2.2', gateway: '192.0.2.2' });
  });

  it('GIVEN a next hop nothing reaches WHEN the table is built THEN the route is rejected, not installed', () => {
    const r = router([{ prefix: p('172.30.0.0', 16), nextHop: '203.0.113.1', loc: { file: 'r.cfg', line: 9 } }]);
    expect(lookupRoute(r, '172.30.1.1')).toBeUndefined();
    expect(routingTable(r).rejected).toMatchObject([{ reason: 'next-hop-unresolved', route: { loc: { line: 9 } } }]);
  });

  it('GIVEN routes via a shut or unknown interface WHEN the table is built THEN they are rejected with the reason', () => {
    const r = router([
      { prefix: p('172.31.0.0', 16), interface: 'Gi2' },
      { prefix: p('172.32.0.0', 16), interface: 'Tunnel9' },
    ]);
    expect(routingTable(r).rejected.map((x) => x.reason)).toEqual(['interface-down', 'interface-missing']);
  });

  it('GIVEN two routes for one prefix WHEN distances differ THEN the lower distance is installed (floating static)', () => {
    const r = router([
      { prefix: p('172.40.0.0', 16), interface: 'Gi0', distance: 200 },
      { prefix: p('172.40.0.0', 16), interface: 'Gi1' },
    ]);
    expect(lookupRoute(r, '172.40.1.1')?.exitInterface).toBe('Gi1');
  });

  it('GIVEN a config WHEN its table is requested twice THEN it is built once', () => {
    const r = router([]);
    expect(routingTable(r)).toBe(routingTable(r));
  });
});

describe('set version agrees with lookup', () => {
  const prefixArb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 30 })).map(([o, len]) => p(`10.${o}.${o % 7}.0`, len));
  it('GIVEN random static routes WHEN a destination interval is partitioned THEN every address gets the route lookup returns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(prefixArb, fc.constantFrom('Gi0', 'Gi1')), { maxLength: 12 }),
        fc.array(fc.integer({ min: ipToNumber('10.0.0.0'), max: ipToNumber('10.255.255.255') }), { minLength: 1, maxLength: 10 }),
        (routes, dsts) => {
          const r = router(routes.map(([prefix, iface]) => ({ prefix, interface: iface })));
          const table = routingTable(r);
          const segs = table.partition([ipToNumber('10.0.0.0'), ipToNumber('10.255.255.255')]);
          for (let i = 1; i < segs.length; i += 1) expect(segs[i]!.range[0]).toBe(segs[i - 1]!.range[1] + 1);
          for (const d of dsts) {
            const seg = segs.find((s) => d >= s.range[0] && d <= s.range[1]);
            expect(seg?.route).toBe(table.lookup(d));
            const best = table.routes.filter((x) => d >= x.range[0] && d <= x.range[1]).sort((a, b) => b.prefix.prefixLength - a.prefix.prefixLength)[0];
            expect(table.lookup(d)).toBe(best);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
