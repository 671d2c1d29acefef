import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  forwardingPaths,
  lookupRoute,
  notInstalledFor,
  pathFor,
  routingTable,
  type Route,
} from '../../lib/rules/routing.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import { emptyRouterConfig, type RouterConfig, type StaticRoute } from '../../lib/ir/router-config.js';
import { twoSpokeLab } from './lab-ir.js';

function router(routes: StaticRoute[], extra: Partial<RouterConfig> = {}): RouterConfig {
  return {
    ...emptyRouterConfig('R1', 'ios-15'),
    interfaces: [
      {
        name: 'Gi0',
        address: { ip: '10.0.0.1', prefixLength: 24 },
        secondaryAddresses: [{ ip: '10.9.9.1', prefixLength: 24 }],
        shutdown: false,
        extraLines: [],
      },
      {
        name: 'Gi1',
        address: { ip: '192.0.2.1', prefixLength: 30 },
        secondaryAddresses: [],
        shutdown: false,
        extraLines: [],
      },
      {
        name: 'Gi2',
        address: { ip: '198.51.100.1', prefixLength: 24 },
        secondaryAddresses: [],
        shutdown: true,
        extraLines: [],
      },
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
    expect(lookupRoute(r, '8.8.8.8')).toMatchObject({
      exitInterface: 'Gi1',
      nextHop: '172.20.0.1',
      gateway: '192.0.2.2',
    });
    expect(lookupRoute(r, '172.20.5.5')).toMatchObject({ exitInterface: 'Gi1', gateway: '192.0.2.2' });
  });

  it('GIVEN an interface route with a next hop WHEN looked up THEN it exits the interface towards that gateway', () => {
    const r = router([{ prefix: p('172.50.0.0', 16), interface: 'Gi1', nextHop: '192.0.2.2' }]);
    expect(lookupRoute(r, '172.50.1.1')).toMatchObject({
      exitInterface: 'Gi1',
      nextHop: '192.0.2.2',
      gateway: '192.0.2.2',
    });
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

const loc = (line: number) => ({ file: 'r.cfg', line });
const pathsOf = (r: Route | undefined) =>
  r
    ? forwardingPaths(r)
        .map((x) => `${x.exitInterface}|${x.gateway ?? ''}|${x.discard ?? ''}`)
        .sort()
    : [];

describe('discard routes (docs/ios-semantics.md#discard-routes)', () => {
  it('GIVEN a Null0 route inside a broader route WHEN looked up THEN it wins by prefix length and discards, the rest still forwards', () => {
    const r = router([
      { prefix: p('0.0.0.0', 0), nextHop: '192.0.2.2' },
      { prefix: p('172.16.2.0', 25), interface: 'Null0', loc: loc(7) },
    ]);
    expect(lookupRoute(r, '172.16.2.9')).toMatchObject({ exitInterface: 'Null0', discard: 'null0', loc: { line: 7 } });
    expect(lookupRoute(r, '172.16.2.200')).toMatchObject({ exitInterface: 'Gi1', gateway: '192.0.2.2' });
    expect(lookupRoute(r, '172.16.2.200')?.discard).toBeUndefined();
  });

  it('GIVEN a Null0 route more specific than a connected subnet WHEN looked up THEN longest match takes the Null0 route', () => {
    const r = router([{ prefix: p('10.0.0.128', 25), interface: 'Null0' }]);
    expect(lookupRoute(r, '10.0.0.200')?.discard).toBe('null0');
    expect(lookupRoute(r, '10.0.0.20')).toMatchObject({ source: 'connected', exitInterface: 'Gi0' });
  });

  it('GIVEN a next hop that resolves through a Null0 route WHEN the table is built THEN the recursive route is installed and discards too', () => {
    const r = router([
      { prefix: p('172.20.0.0', 16), interface: 'Null0' },
      { prefix: p('172.30.0.0', 16), nextHop: '172.20.1.1' },
    ]);
    expect(lookupRoute(r, '172.30.5.5')).toMatchObject({ discard: 'null0', nextHop: '172.20.1.1' });
  });

  it('GIVEN a permanent route through a shut interface WHEN looked up THEN it stays installed, discards, and hides the broader route', () => {
    const r = router([
      { prefix: p('0.0.0.0', 0), interface: 'Gi1' },
      { prefix: p('172.31.0.0', 16), interface: 'Gi2', permanent: true },
    ]);
    expect(lookupRoute(r, '172.31.1.1')).toMatchObject({ exitInterface: 'Gi2', discard: 'interface-down' });
    const plain = router([
      { prefix: p('0.0.0.0', 0), interface: 'Gi1' },
      { prefix: p('172.31.0.0', 16), interface: 'Gi2' },
    ]);
    expect(lookupRoute(plain, '172.31.1.1')).toMatchObject({ exitInterface: 'Gi1' });
    expect(routingTable(plain).rejected.map((x) => x.reason)).toEqual(['interface-down']);
  });

  it('GIVEN a permanent next-hop route that does not resolve WHEN looked up THEN it is installed and discards', () => {
    const r = router([{ prefix: p('172.33.0.0', 16), nextHop: '203.0.113.1', permanent: true }]);
    expect(lookupRoute(r, '172.33.0.1')).toMatchObject({ discard: 'next-hop-unresolved' });
    expect(routingTable(r).rejected).toEqual([]);
  });
});

describe('invalid next hops (docs/ios-semantics.md#invalid-next-hops)', () => {
  it('GIVEN a next hop that is an address of the router WHEN the table is built THEN the route is rejected as IOS refuses it, whatever the form', () => {
    const r = router([
      { prefix: p('172.40.0.0', 16), nextHop: '192.0.2.1', loc: loc(3) },
      { prefix: p('172.41.0.0', 16), interface: 'Gi1', nextHop: '10.9.9.1', loc: loc(4) },
    ]);
    expect(lookupRoute(r, '172.40.0.1')).toBeUndefined();
    expect(lookupRoute(r, '172.41.0.1')).toBeUndefined();
    expect(routingTable(r).rejected.map((x) => [x.reason, x.route.loc?.line])).toEqual([
      ['next-hop-own-address', 3],
      ['next-hop-own-address', 4],
    ]);
  });

  it('GIVEN an unresolvable next hop under a default route WHEN asked what was meant THEN the rejected route is named for the traffic it covers', () => {
    const r = router([
      { prefix: p('172.30.0.0', 16), nextHop: '203.0.113.1', loc: loc(9) },
      { prefix: p('172.30.1.0', 24), interface: 'Tunnel7', loc: loc(10) },
    ]);
    expect(
      notInstalledFor(routingTable(r), [ipToNumber('172.30.1.0'), ipToNumber('172.30.1.255')]).map((x) => [
        x.reason,
        x.route.loc?.line,
      ]),
    ).toEqual([
      ['interface-missing', 10],
      ['next-hop-unresolved', 9],
    ]);
    expect(notInstalledFor(routingTable(r), [ipToNumber('172.29.0.0'), ipToNumber('172.29.0.9')])).toEqual([]);
  });

  it('GIVEN an abbreviated interface name WHEN the table is built THEN it names the interface IOS expands it to', () => {
    const r = router([{ prefix: p('172.50.0.0', 16), interface: 'gi1' }]);
    expect(lookupRoute(r, '172.50.0.1')?.exitInterface).toBe('Gi1');
  });
});

describe('administrative distance (docs/ios-semantics.md#administrative-distance)', () => {
  it('GIVEN a floating route and a primary whose next hop does not resolve WHEN looked up THEN the floating route is installed', () => {
    const r = router([
      { prefix: p('172.60.0.0', 16), nextHop: '203.0.113.1' },
      { prefix: p('172.60.0.0', 16), interface: 'Gi0', distance: 250 },
    ]);
    expect(lookupRoute(r, '172.60.0.1')).toMatchObject({ exitInterface: 'Gi0', distance: 250 });
    const resolved = router([
      { prefix: p('172.60.0.0', 16), nextHop: '192.0.2.2' },
      { prefix: p('172.60.0.0', 16), interface: 'Gi0', distance: 250 },
    ]);
    expect(lookupRoute(resolved, '172.60.0.1')).toMatchObject({ exitInterface: 'Gi1', distance: 1 });
  });

  it('GIVEN a route through a shut interface and a floating one WHEN looked up THEN the floating route takes over', () => {
    const r = router([
      { prefix: p('172.61.0.0', 16), interface: 'Gi2' },
      { prefix: p('172.61.0.0', 16), interface: 'Gi1', distance: 200 },
    ]);
    expect(lookupRoute(r, '172.61.0.1')).toMatchObject({ exitInterface: 'Gi1', distance: 200 });
  });

  it('GIVEN distance 255 WHEN the table is built THEN the route is never installed', () => {
    const r = router([{ prefix: p('172.62.0.0', 16), interface: 'Gi1', distance: 255 }]);
    expect(lookupRoute(r, '172.62.0.1')).toBeUndefined();
    expect(routingTable(r).rejected.map((x) => x.reason)).toEqual(['distance-255']);
  });

  it('GIVEN a next hop covered by a floating route and a better route written later WHEN resolved THEN it follows the better route', () => {
    const r = router([
      { prefix: p('172.70.0.0', 16), nextHop: '172.80.0.1' },
      { prefix: p('172.80.0.0', 16), interface: 'Gi0', distance: 250 },
      { prefix: p('172.80.0.0', 16), nextHop: '192.0.2.2' },
    ]);
    expect(lookupRoute(r, '172.70.0.1')).toMatchObject({ exitInterface: 'Gi1', gateway: '192.0.2.2' });
  });

  it('GIVEN two routes at the same distance WHEN looked up THEN both paths are installed, the same line twice is one path, and a packet takes one of them', () => {
    const r = router([
      { prefix: p('172.90.0.0', 16), interface: 'Gi1', nextHop: '192.0.2.2' },
      { prefix: p('172.90.0.0', 16), interface: 'Gi0', nextHop: '10.0.0.2' },
      { prefix: p('172.90.0.0', 16), interface: 'Gi1', nextHop: '192.0.2.2' },
    ]);
    const route = lookupRoute(r, '172.90.1.1')!;
    expect(pathsOf(route)).toEqual(['Gi0|10.0.0.2|', 'Gi1|192.0.2.2|']);
    const taken = pathFor(route, ipToNumber('10.0.0.5'), ipToNumber('172.90.1.1'));
    expect(forwardingPaths(route)).toContain(taken);
    expect(pathFor(route, ipToNumber('10.0.0.5'), ipToNumber('172.90.1.1'))).toBe(taken);
  });
});

describe('order independence', () => {
  const target = fc.oneof(
    fc.record({ interface: fc.constantFrom('Gi0', 'Gi1', 'Gi2', 'Null0') }),
    fc.record({ nextHop: fc.constantFrom('192.0.2.2', '10.0.0.9', '172.20.1.1', '172.21.0.1', '203.0.113.5') }),
  );
  const routeArb = fc
    .tuple(
      fc.constantFrom(p('172.20.0.0', 16), p('172.21.0.0', 16), p('172.20.0.0', 24), p('0.0.0.0', 0)),
      target,
      fc.option(fc.constantFrom(5, 200), { nil: undefined }),
      fc.boolean(),
    )
    .map(([prefix, t, distance, permanent]): StaticRoute => ({
      prefix,
      ...t,
      ...(distance ? { distance } : {}),
      ...(permanent ? { permanent } : {}),
    }));
  it('GIVEN random routes (discard, floating, recursive, permanent) WHEN their lines are reordered THEN every destination has the same paths', () => {
    fc.assert(
      fc.property(fc.array(routeArb, { maxLength: 8 }), fc.nat(), (routes, seed) => {
        const shuffled = routes
          .map((r, i) => ({ r, k: (i * 7919 + seed) % 101 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.r);
        const a = router(routes);
        const b = router(shuffled);
        for (const dst of ['172.20.0.5', '172.20.1.1', '172.21.0.1', '8.8.8.8', '10.0.0.9']) {
          expect(pathsOf(lookupRoute(b, dst)), dst).toEqual(pathsOf(lookupRoute(a, dst)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('set version agrees with lookup', () => {
  const prefixArb = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 30 }))
    .map(([o, len]) => p(`10.${o}.${o % 7}.0`, len));
  it('GIVEN random static routes WHEN a destination interval is partitioned THEN every address gets the route lookup returns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(prefixArb, fc.constantFrom('Gi0', 'Gi1')), { maxLength: 12 }),
        fc.array(fc.integer({ min: ipToNumber('10.0.0.0'), max: ipToNumber('10.255.255.255') }), {
          minLength: 1,
          maxLength: 10,
        }),
        (routes, dsts) => {
          const r = router(routes.map(([prefix, iface]) => ({ prefix, interface: iface })));
          const table = routingTable(r);
          const segs = table.partition([ipToNumber('10.0.0.0'), ipToNumber('10.255.255.255')]);
          for (let i = 1; i < segs.length; i += 1) expect(segs[i]!.range[0]).toBe(segs[i - 1]!.range[1] + 1);
          for (const d of dsts) {
            const seg = segs.find((s) => d >= s.range[0] && d <= s.range[1]);
            expect(seg?.route).toBe(table.lookup(d));
            const best = table.routes
              .filter((x) => d >= x.range[0] && d <= x.range[1])
              .sort((a, b) => b.prefix.prefixLength - a.prefix.prefixLength)[0];
            expect(table.lookup(d)).toBe(best);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
