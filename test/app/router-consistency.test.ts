import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { validateTree } from '../../lib/app/validate-tree.js';
import { AccessList } from '../../lib/constructs/access-list.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { IsakmpPolicy } from '../../lib/constructs/isakmp-policy.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';

function router(stackProps = {}) {
  const app = new App({ logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'Stack', stackProps);
  return { stack, router: new Router(stack, 'R1', { hostname: 'R1' }) };
}

describe('consistency inside one router', () => {
  it('GIVEN two ACLs with one name WHEN validated THEN the second names the first (IOS would merge them)', () => {
    const { stack, router: r } = router();
    new AccessList(r, 'A', { name: 'VPN' });
    new AccessList(r, 'B', { name: 'VPN' });
    expect(validateTree(stack)).toContain(
      'Stack/R1/B: access list VPN is also defined by Stack/R1/A; IOS would merge or replace them',
    );
  });

  it('GIVEN two keys for one peer address WHEN validated THEN the duplicate is reported', () => {
    const { stack, router: r } = router();
    const key = PreSharedKey.unsafePlainText('fake-Consistency-Key-Rt55Wq');
    new IsakmpKey(r, 'K1', { address: '192.0.2.1', key });
    new IsakmpKey(r, 'K2', { address: '192.0.2.1', key });
    expect(validateTree(stack).join('\n')).toMatch(
      /Stack\/R1\/K2: isakmp key for 192\.0\.2\.1\/32 is also defined by Stack\/R1\/K1/,
    );
  });

  it('GIVEN a crypto map applied but never defined and a route out of a missing interface WHEN validated THEN both dangling references are reported', () => {
    const { stack, router: r } = router();
    new Interface(r, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.2/24', cryptoMap: 'GHOST' });
    new StaticRoute(r, 'Route', { destination: '10.0.0.0/8', interface: 'GigabitEthernet9' });
    const messages = validateTree(stack);
    expect(messages).toContain(
      'Stack/R1/Wan: crypto map GHOST is applied to GigabitEthernet1 but not defined on this router',
    );
    expect(messages).toContain(
      'Stack/R1/Route: interface GigabitEthernet9 does not exist on this router; IOS would not install the route',
    );
  });

  it("GIVEN routes whose next hop is the router's own primary or secondary address WHEN validated THEN each route is refused with its path and property", () => {
    const { stack, router: r } = router();
    new Interface(r, 'Wan', {
      name: 'GigabitEthernet1',
      address: '192.0.2.2/24',
      secondaryAddresses: ['198.51.100.1/24'],
    });
    new StaticRoute(r, 'Own', { destination: '10.0.0.0/8', nextHop: '192.0.2.2' });
    new StaticRoute(r, 'Secondary', { destination: '10.1.0.0/16', nextHop: '198.51.100.1' });
    new StaticRoute(r, 'Fine', { destination: '10.2.0.0/16', nextHop: '192.0.2.1' });
    const messages = validateTree(stack).filter((m) => m.includes('nextHop'));
    expect(messages).toEqual([
      'Stack/R1/Own: nextHop "192.0.2.2" is this router\'s own address (interface GigabitEthernet1 (Stack/R1/Wan)); IOS refuses the route (%Invalid next hop address)',
      'Stack/R1/Secondary: nextHop "198.51.100.1" is this router\'s own address (interface GigabitEthernet1 (Stack/R1/Wan)); IOS refuses the route (%Invalid next hop address)',
    ]);
  });

  it('GIVEN two policies with one priority WHEN validated THEN the duplicate is reported', () => {
    const { stack, router: r } = router();
    new IsakmpPolicy(r, 'P1', { priority: 10 });
    new IsakmpPolicy(r, 'P2', { priority: 10 });
    expect(validateTree(stack).join('\n')).toMatch(/Stack\/R1\/P2: isakmp policy 10 is also defined by Stack\/R1\/P1/);
  });
});

describe('stack-wide settings', () => {
  it('GIVEN a stack that allows legacy crypto WHEN a router below uses MD5 THEN it is a warning, not an error', () => {
    const { stack, router: r } = router({ allowLegacyCrypto: true, platform: 'ios-15' });
    const p = new IsakmpPolicy(r, 'P', { hash: 'md5' });
    expect(r.platform).toBe('ios-15');
    expect(validateTree(stack)).toEqual([]);
    expect(Annotations.of(p).warnings).toEqual(['uses legacy crypto: hash "md5" (allowed by allowLegacyCrypto)']);
  });

  it('GIVEN a stack id with a slash WHEN created THEN it is refused because it names a folder', () => {
    expect(() => new HubSpokeStack(new App(), 'a/b')).toThrow();
    expect(() => new HubSpokeStack(new App(), 'a b')).toThrow(/must be usable as a folder name/);
  });
});
