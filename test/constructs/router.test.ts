import { describe, expect, it } from 'vitest';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { IsakmpPolicy } from '../../lib/constructs/isakmp-policy.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { newRouter } from './helpers.js';

describe('Router.toIr', () => {
  it('GIVEN children created out of order WHEN turned into IR THEN policies sort by priority, entries by sequence, and every element carries its origin', () => {
    const { router } = newRouter('ios-xe-17');
    new IsakmpPolicy(router, 'P20', { priority: 20 });
    new IsakmpPolicy(router, 'P10', { priority: 10 });
    const map = new CryptoMap(router, 'Map', { name: 'VPN' });
    map.addEntry({ seq: 30, peers: ['192.0.2.3'] });
    map.addEntry({ seq: 10, peers: ['192.0.2.1'] });
    new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.10/24', cryptoMap: 'VPN' });
    const ir = router.toIr();
    expect(ir.isakmpPolicies.map((p) => [p.priority, p.origin])).toEqual([
      [10, 'Stack/R1/P10'],
      [20, 'Stack/R1/P20'],
    ]);
    expect(ir.cryptoMaps[0]!.entries.map((e) => [e.seq, e.origin])).toEqual([
      [10, 'Stack/R1/Map/Entry10'],
      [30, 'Stack/R1/Map/Entry30'],
    ]);
    expect(ir.interfaces[0]).toMatchObject({
      name: 'GigabitEthernet1',
      cryptoMap: 'VPN',
      address: { ip: '192.0.2.10', prefixLength: 24 },
      origin: 'Stack/R1/Wan',
    });
  });

  it('GIVEN a derived route source, a declared route and a removal WHEN turned into IR THEN removed routes are gone and duplicates collapse', () => {
    const { router } = newRouter();
    router.addRouteSource(() => [
      { prefix: { address: '10.2.0.0', prefixLength: 16 }, interface: 'GigabitEthernet1', origin: 'derived' },
      { prefix: { address: '10.3.0.0', prefixLength: 16 }, interface: 'GigabitEthernet1', origin: 'derived' },
    ]);
    new StaticRoute(router, 'Dup', { destination: '10.2.0.0/16', interface: 'GigabitEthernet1' });
    new StaticRoute(router, 'Default', { destination: '0.0.0.0/0', nextHop: '192.0.2.1' });
    router.removeRoutes('10.3.0.0/16');
    const routes = router
      .toIr()
      .staticRoutes.map((r) => `${r.prefix.address}/${r.prefix.prefixLength} ${r.interface ?? r.nextHop}`);
    expect(routes).toEqual(['10.2.0.0/16 GigabitEthernet1', '0.0.0.0/0 192.0.2.1']);
  });

  it('GIVEN raw lines WHEN turned into IR THEN they are kept in order with the router as origin, and multi-line text is refused', () => {
    const { router } = newRouter();
    router.addLine('ip domain-lookup');
    router.addLine('ntp server 192.0.2.123');
    expect(router.toIr().extraLines).toEqual([
      { text: 'ip domain-lookup', origin: 'Stack/R1' },
      { text: 'ntp server 192.0.2.123', origin: 'Stack/R1' },
    ]);
    expect(() => router.addLine('a\nb')).toThrow(/addLine: the line holds the control character U\+000A/);
  });

  it('GIVEN a construct created outside any Router WHEN constructed THEN it says it needs a Router', () => {
    const { stack } = newRouter();
    expect(() => new TransformSet(stack, 'Ts', { name: 'TS' })).toThrow('Stack/Ts: must be created inside a Router');
  });

  it('GIVEN placeholder key presentation WHEN both ends of a pair produce IR THEN the tokens match and no key source is read', () => {
    const { stack, router } = newRouter();
    const other = new Router(stack, 'R2', { hostname: 'R2' });
    const key = PreSharedKey.fromEnv('HUBSPOKE_NEVER_SET_IN_TESTS');
    new IsakmpKey(router, 'K', { address: '192.0.2.2', key, peerHostname: 'R2', localAddress: '192.0.2.1' });
    new IsakmpKey(other, 'K', { address: '192.0.2.1', key, peerHostname: 'R1', localAddress: '192.0.2.2' });
    const a = router.toIr({ keyPresentation: 'placeholder', env: {} }).isakmpKeys[0]!.key;
    const b = other.toIr({ keyPresentation: 'placeholder', env: {} }).isakmpKeys[0]!.key;
    expect(a).toMatch(/^HUBSPOKE-PSK-[0-9a-f]{16}$/);
    expect(a).toBe(b);
    expect(() => router.toIr({ env: {} })).toThrow(/HUBSPOKE_NEVER_SET_IN_TESTS is not set/);
  });
});

describe('AccessList operations', () => {
  it('GIVEN lines added, a derived source, an insert and a removal WHEN resolved THEN the operations apply in order', () => {
    const { router } = newRouter();
    const acl = new AccessList(router, 'Acl', {
      name: 'VPN',
      rules: [{ source: '10.0.0.0/24', destination: '10.1.0.0/24' }],
    });
    acl.addRuleSource(() => [
      {
        kind: 'rule',
        action: 'permit',
        protocol: 'ip',
        source: { kind: 'wildcard', address: '10.0.0.0', wildcard: '0.0.0.255' },
        destination: { kind: 'wildcard', address: '10.2.0.0', wildcard: '0.0.0.255' },
        origin: 'derived',
      },
    ]);
    acl.insertRule(0, {
      action: 'deny',
      protocol: 'udp',
      source: 'host 10.0.0.5',
      destination: 'any',
      destinationPort: { op: 'eq', ports: [500] },
    });
    acl.removeRules((r) => r.destination.kind === 'wildcard' && r.destination.address === '10.1.0.0');
    acl.addRule({ source: '10.0.0.0/24', destination: '10.9.9.9/32' });
    const entries = router.toIr().accessLists[0]!.entries;
    expect(
      entries.map((e) => (e.kind === 'rule' ? `${e.action} ${e.protocol} ${JSON.stringify(e.destination)}` : e.text)),
    ).toEqual([
      'deny udp {"kind":"any"}',
      'permit ip {"kind":"wildcard","address":"10.2.0.0","wildcard":"0.0.0.255"}',
      'permit ip {"kind":"host","address":"10.9.9.9"}',
    ]);
  });

  it('GIVEN a numbered name WHEN created THEN the IR says numbered; a word name is named', () => {
    const { router } = newRouter();
    new AccessList(router, 'A', { name: 110 });
    new AccessList(router, 'B', { name: 'VPN-X' });
    expect(router.toIr().accessLists.map((a) => [a.name, a.numbered])).toEqual([
      ['110', true],
      ['VPN-X', false],
    ]);
  });
});
