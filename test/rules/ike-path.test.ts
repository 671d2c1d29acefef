import { describe, expect, it } from 'vitest';
import {
  emptyRouterConfig,
  type InterfaceConfig,
  type RouterConfig,
  type StaticRoute,
} from '../../lib/ir/router-config.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import { ikePathBreak } from '../../lib/rules/ike-path.js';
import { pathFor, routingTable } from '../../lib/rules/routing.js';

function wan(name: string, ip: string | undefined): InterfaceConfig {
  return {
    name,
    ...(ip ? { address: { ip, prefixLength: 30 } } : {}),
    secondaryAddresses: [],
    shutdown: false,
    extraLines: [],
  };
}

function router(hostname: string, interfaces: InterfaceConfig[], staticRoutes: StaticRoute[]): RouterConfig {
  return { ...emptyRouterConfig(hostname, 'ios-15'), interfaces, staticRoutes };
}

const toPeer: StaticRoute = { prefix: { address: '198.51.100.0', prefixLength: 30 }, interface: 'Gi1' };
const back: StaticRoute = { prefix: { address: '192.0.2.0', prefixLength: 30 }, interface: 'Gi1' };

describe('IKE path rule', () => {
  const spokeWan = wan('Gi1', '192.0.2.1');
  const hubWan = wan('Gi1', '198.51.100.1');
  const spoke = router('spoke', [spokeWan, wan('Gi2', '203.0.113.1')], [toPeer]);
  const hub = router('hub', [hubWan], [back]);

  it('GIVEN routes both ways out of the crypto interfaces WHEN asked THEN IKE flows, unless the underlay separates the interfaces', () => {
    expect(
      ikePathBreak(
        { config: spoke, iface: spokeWan },
        '198.51.100.1',
        { config: hub, iface: hubWan },
        undefined,
        'every',
      ),
    ).toBeUndefined();
    expect(
      ikePathBreak({ config: spoke, iface: spokeWan }, '198.51.100.1', { config: hub, iface: hubWan }, true, 'every'),
    ).toBeUndefined();
    expect(
      ikePathBreak({ config: spoke, iface: spokeWan }, '198.51.100.1', { config: hub, iface: hubWan }, false, 'every'),
    ).toEqual({ side: 'local', reason: 'not-adjacent' });
  });

  it('GIVEN the peer routed out of another interface WHEN asked THEN the local side breaks and names that interface', () => {
    const elsewhere = router('spoke', [spokeWan, wan('Gi2', '203.0.113.1')], [{ ...toPeer, interface: 'Gi2' }]);
    expect(
      ikePathBreak(
        { config: elsewhere, iface: spokeWan },
        '198.51.100.1',
        { config: hub, iface: hubWan },
        undefined,
        'every',
      ),
    ).toEqual({
      side: 'local',
      reason: 'wrong-interface',
      destination: '198.51.100.1',
      exitInterface: 'Gi2',
    });
  });

  it('GIVEN no way back WHEN asked THEN the peer side breaks on the initiator address; with no local address the local side does', () => {
    const noBack = router('hub', [hubWan], []);
    expect(
      ikePathBreak(
        { config: spoke, iface: spokeWan },
        '198.51.100.1',
        { config: noBack, iface: hubWan },
        undefined,
        'every',
      ),
    ).toEqual({
      side: 'peer',
      reason: 'no-route',
      destination: '192.0.2.1',
    });
    const bare = wan('Gi1', undefined);
    expect(
      ikePathBreak(
        { config: router('spoke', [bare], [toPeer]), iface: bare },
        '198.51.100.1',
        { config: hub, iface: hubWan },
        undefined,
        'every',
      ),
    ).toEqual({
      side: 'local',
      reason: 'no-address',
    });
  });

  it('GIVEN equal-cost paths of which one leaves elsewhere WHEN asked THEN every path must work for the proof, the hashed one for the emulator', () => {
    const split = router('spoke', [spokeWan, wan('Gi2', '203.0.113.1')], [toPeer, { ...toPeer, interface: 'Gi2' }]);
    const end = { config: split, iface: spokeWan };
    expect(ikePathBreak(end, '198.51.100.1', { config: hub, iface: hubWan }, undefined, 'every')).toEqual({
      side: 'local',
      reason: 'wrong-interface',
      destination: '198.51.100.1',
      exitInterface: 'Gi2',
    });
    const route = routingTable(split).lookup(ipToNumber('198.51.100.1'))!;
    const hashed = pathFor(route, ipToNumber('192.0.2.1'), ipToNumber('198.51.100.1'));
    expect(ikePathBreak(end, '198.51.100.1', { config: hub, iface: hubWan }, undefined, 'hashed') === undefined).toBe(
      hashed.exitInterface === 'Gi1',
    );
  });

  it('GIVEN a discard route for the peer WHEN asked THEN the local side breaks on it', () => {
    const dropped = router('spoke', [spokeWan], [{ ...toPeer, interface: 'Null0' }]);
    expect(
      ikePathBreak(
        { config: dropped, iface: spokeWan },
        '198.51.100.1',
        { config: hub, iface: hubWan },
        undefined,
        'every',
      ),
    ).toMatchObject({
      side: 'local',
      reason: 'discard',
      destination: '198.51.100.1',
    });
  });
});
