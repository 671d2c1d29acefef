/**
 * L1 constructs for dynamic-address peers: DynamicCryptoMap and its binding into a CryptoMap, IpSla,
 * `dhcp` / `negotiated` interface addresses, `dhcp` static routes, the ISAKMP hostname identity and
 * `match identity host`, and keys derived for a named pair. Their IR is what the parser reads back
 * from the rendered text; bad props are refused naming the construct path and the property.
 */
import { describe, expect, it } from 'vitest';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { DynamicCryptoMap } from '../../lib/constructs/dynamic-crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IpSla } from '../../lib/constructs/ip-sla.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { IsakmpProfile } from '../../lib/constructs/isakmp-profile.js';
import { Keyring } from '../../lib/constructs/keyring.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';
import { newRouter, validationMessages } from './helpers.js';

const MASTER = 'fake-master-secret-for-dynamic-tests-3f9a';

/** A hub-like router with a dynamic map bound at 65535 below one static entry. */
function dynamicHub() {
  const { router, stack } = newRouter();
  new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.1/24', cryptoMap: 'MAP' });
  const ts = new TransformSet(router, 'Ts', { name: 'TS', transforms: ['esp-aes 256', 'esp-sha256-hmac'] });
  const acl = new AccessList(router, 'Acl', {
    name: 'DYN',
    rules: [{ source: '10.0.0.0/24', destination: '10.8.0.0/16' }],
  });
  const ring = new Keyring(router, 'Ring', { name: 'DYN' });
  const profile = new IsakmpProfile(router, 'Profile', {
    name: 'DYN',
    keyrings: [ring],
    matchHosts: ['b1.example.net'],
  });
  profile.addMatchHost('b2.example.net');
  const dyn = new DynamicCryptoMap(router, 'Dyn', { name: 'DYN-MAP' });
  dyn.addEntry({ seq: 10, transformSets: [ts], matchAddress: acl, reverseRoute: true, isakmpProfile: profile });
  const map = new CryptoMap(router, 'Map', { name: 'MAP' });
  map.addEntry({ seq: 10, peers: ['198.51.100.7'], transformSets: ['TS'], matchAddress: 'DYN' });
  map.bindDynamicMap(65535, dyn);
  return { router, stack, dyn, map, ring, profile };
}

describe('GIVEN a dynamic crypto map bound into a crypto map', () => {
  it('WHEN synthesized THEN the binding follows the static entries and the dynamic entry carries ACL, reverse-route, PFS and profile', () => {
    const { router } = dynamicHub();
    const ir = router.toIr();
    expect(ir.cryptoMaps[0]!.entries.map((e) => [e.seq, e.type, e.dynamicMap])).toEqual([
      [10, 'ipsec-isakmp', undefined],
      [65535, 'dynamic', 'DYN-MAP'],
    ]);
    const entry = ir.dynamicMaps![0]!.entries[0]!;
    expect(entry).toMatchObject({
      seq: 10,
      peers: [],
      transformSets: ['TS'],
      matchAddress: 'DYN',
      reverseRoute: {},
      pfs: { group: 19 },
      isakmpProfile: 'DYN',
    });
    expect(ir.isakmpProfiles![0]!.matchIdentities.map((m) => (m.kind === 'host' ? m.hostname : m.kind))).toEqual([
      'b1.example.net',
      'b2.example.net',
    ]);
    expect(validationMessages(router)).toEqual([]);
  });

  it('WHEN rendered and parsed back THEN the dynamic map, binding and profile hosts are the same IR', () => {
    const { router } = dynamicHub();
    const ir = router.toIr();
    const text = renderConfig(ir).text;
    expect(text).toContain('\ncrypto map MAP 65535 ipsec-isakmp dynamic DYN-MAP\n');
    expect(text).toMatch(/\ncrypto dynamic-map DYN-MAP 10\n/);
    expect(text).toMatch(/\n reverse-route\n/);
    expect(text).toContain('\n match identity host b2.example.net\n');
    const back = parseConfig(text, { file: 'R1.cfg' }).config;
    const strip = <T extends object>(x: T) =>
      JSON.parse(JSON.stringify(x, (k, v) => (k === 'origin' || k === 'loc' ? undefined : v)));
    expect(strip(back.dynamicMaps!)).toEqual(strip(ir.dynamicMaps!));
    expect(strip(back.cryptoMaps)).toEqual(strip(ir.cryptoMaps));
    expect(strip(back.isakmpProfiles!)).toEqual(strip(ir.isakmpProfiles!));
  });

  it('WHEN a binding names an undefined map, or entries lack what IOS needs THEN validation says which', () => {
    const { router } = newRouter();
    const map = new CryptoMap(router, 'Map', { name: 'MAP' });
    map.bindDynamicMap(100, 'NOPE');
    const dyn = new DynamicCryptoMap(router, 'Dyn', { name: 'D' });
    dyn.addEntry({ seq: 5, transformSets: ['MISSING'], matchAddress: 'NOACL', isakmpProfile: 'NOPROFILE' });
    new DynamicCryptoMap(router, 'Empty', { name: 'E' });
    expect(validationMessages(router)).toEqual([
      'Stack/R1/Map: crypto map entry 100 binds dynamic map NOPE, which this router does not define',
      'Stack/R1/Dyn: dynamic map D entry 5 matches access list NOACL, which this router does not define',
      'Stack/R1/Dyn: dynamic map D entry 5 names transform set MISSING, which this router does not define',
      'Stack/R1/Dyn: dynamic map D entry 5 names ISAKMP profile NOPROFILE, which this router does not define',
      'Stack/R1/Empty: dynamic map E has no entry',
    ]);
  });

  it('WHEN props are wrong THEN the error names the construct path and the property', () => {
    const { router } = newRouter();
    const dyn = new DynamicCryptoMap(router, 'Dyn', { name: 'D' });
    expect(() => dyn.addEntry({ seq: 10, transformSets: [] })).toThrow(
      /Stack\/R1\/Dyn\/Entry10: transformSets .*needs at least one transform set/,
    );
    expect(() => dyn.addEntry({ seq: 0, transformSets: ['TS'] })).toThrow(/Stack\/R1\/Dyn\/Entry0: seq/);
    expect(() => dyn.addEntry({ seq: 20, transformSets: ['TS'], pfs: 3 })).toThrow(
      /pfs .*is not a Diffie-Hellman group/,
    );
    const map = new CryptoMap(router, 'Map', { name: 'MAP' });
    expect(() => map.bindDynamicMap(70000, dyn)).toThrow(/Stack\/R1\/Map\/Dynamic70000: seq/);
    expect(() => new DynamicCryptoMap(router, 'Bad', { name: 'has space' })).toThrow(/Stack\/R1\/Bad: name/);
  });

  it('WHEN two bindings or an entry share a sequence number THEN validation refuses the second', () => {
    const { router, map } = dynamicHub();
    map.bindDynamicMap(10, 'DYN-MAP', 'Again');
    expect(validationMessages(router)).toEqual([
      expect.stringMatching(/^Stack\/R1\/Map: crypto map MAP has two entries with sequence number 10 /),
    ]);
  });
});

describe('GIVEN an IP SLA icmp-echo probe', () => {
  it('WHEN synthesized THEN it is scheduled forever from now by default, and parses back to the same IR', () => {
    const { router } = newRouter();
    new Interface(router, 'Lan', { name: 'GigabitEthernet2', address: '10.2.0.1/24' });
    new IpSla(router, 'Probe', { id: 7, destination: '10.0.0.1', sourceAddress: '10.2.0.1', frequency: 10 });
    new IpSla(router, 'Idle', { id: 3, destination: '10.0.0.1', sourceInterface: 'GigabitEthernet2', schedule: false });
    const ir = router.toIr();
    expect(ir.ipSlas!.map((s) => [s.id, s.icmpEcho?.source, s.frequency, s.schedule?.life])).toEqual([
      [3, { kind: 'interface', interface: 'GigabitEthernet2' }, undefined, undefined],
      [7, { kind: 'address', address: '10.2.0.1' }, 10, 'forever'],
    ]);
    const text = renderConfig(ir).text;
    expect(text).toContain('\nip sla schedule 7 life forever start-time now\n');
    expect(text).not.toContain('ip sla schedule 3');
    const back = parseConfig(text, { file: 'R1.cfg' }).config;
    const strip = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (k, v) => (k === 'origin' || k === 'loc' ? undefined : v)));
    expect(strip(back.ipSlas)).toEqual(strip(ir.ipSlas));
  });

  it('WHEN props are wrong or an id is reused THEN the error names the path and property', () => {
    const { router } = newRouter();
    expect(() => new IpSla(router, 'A', { id: 0, destination: '10.0.0.1' })).toThrow(
      /Stack\/R1\/A: id .*is not an IP SLA operation number/,
    );
    expect(() => new IpSla(router, 'B', { id: 1, destination: '10.0.0.300' })).toThrow(
      /Stack\/R1\/B: destination .*is not an IPv4 address/,
    );
    expect(
      () =>
        new IpSla(router, 'C', { id: 1, destination: '10.0.0.1', sourceAddress: '10.1.1.1', sourceInterface: 'Gi1' }),
    ).toThrow(/Stack\/R1\/C: sourceInterface .*takes one/);
    new IpSla(router, 'D', { id: 5, destination: '10.0.0.1' });
    new IpSla(router, 'E', { id: 5, destination: '10.0.0.2' });
    expect(validationMessages(router)).toEqual(['Stack/R1/E: IP SLA operation 5 is also defined by Stack/R1/D']);
    const old = newRouter('ios-12.2').router;
    new IpSla(old, 'P', { id: 1, destination: '10.0.0.1' });
    expect(validationMessages(old)).toEqual([
      expect.stringMatching(/^Stack\/R1\/P: IP SLA operation 1: IOS 12.2 has no ip sla/),
    ]);
  });
});

describe('GIVEN a WAN whose address is assigned at run time', () => {
  it('WHEN an interface is dhcp or negotiated and a route takes the DHCP gateway THEN the IR says so and parses back', () => {
    const { router } = newRouter();
    const wan = new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: 'dhcp' });
    new Interface(router, 'Dialer', { name: 'Dialer1', address: 'negotiated' });
    new StaticRoute(router, 'Default', { destination: '0.0.0.0/0', dhcp: true });
    expect(wan.address).toBeUndefined();
    expect(wan.subnet).toBeUndefined();
    const ir = router.toIr();
    expect(ir.interfaces.map((i) => [i.name, i.dynamicAddress, i.address])).toEqual([
      ['GigabitEthernet1', 'dhcp', undefined],
      ['Dialer1', 'negotiated', undefined],
    ]);
    expect(ir.staticRoutes).toEqual([
      expect.objectContaining({ prefix: { address: '0.0.0.0', prefixLength: 0 }, dhcp: true }),
    ]);
    const text = renderConfig(ir).text;
    expect(text).toContain('\n ip address dhcp\n');
    expect(text).toContain('\nip route 0.0.0.0 0.0.0.0 dhcp\n');
    const back = parseConfig(text, { file: 'R1.cfg' }).config;
    expect(back.interfaces.map((i) => i.dynamicAddress)).toEqual(['dhcp', 'negotiated']);
    expect(back.staticRoutes[0]!.dhcp).toBe(true);
  });

  it('WHEN a dhcp route also names a next hop, or an address is neither THEN the error names path and property', () => {
    const { router } = newRouter();
    expect(() => new StaticRoute(router, 'R', { destination: '0.0.0.0/0', dhcp: true, nextHop: '192.0.2.1' })).toThrow(
      /Stack\/R1\/R: nextHop .*dhcp route takes its next hop from the DHCP lease/,
    );
    expect(() => new Interface(router, 'I', { name: 'GigabitEthernet1', address: 'dhcpp' })).toThrow(
      /Stack\/R1\/I: address/,
    );
  });
});

describe('GIVEN identities by FQDN and keys derived for a named pair', () => {
  it('WHEN a router sets hostname identity and a domain THEN both lines are rendered and the FQDN is hostname.domain', () => {
    const { stack } = newRouter();
    const r = new Router(stack, 'R2', { hostname: 'branch-7', isakmpIdentity: 'hostname', domainName: 'example.net' });
    const old = new Router(stack, 'R3', { hostname: 'lab', platform: 'ios-12.2' });
    old.setIsakmpIdentity('hostname', 'lab.example');
    expect(r.fqdn).toBe('branch-7.example.net');
    const text = renderConfig(r.toIr()).text;
    expect(text).toContain('\ncrypto isakmp identity hostname\n');
    expect(text).toContain('\nip domain name example.net\n');
    expect(renderConfig(old.toIr()).text).toContain('\nip domain-name lab.example\n');
    expect(() => new Router(stack, 'R4', { hostname: 'x', domainName: 'bad_domain' })).toThrow(
      /Stack\/R4: domainName .*is not a DNS name/,
    );
    expect(() => r.setIsakmpIdentity('dn' as 'hostname')).toThrow(/Stack\/R2: isakmpIdentity/);
  });

  it('WHEN two routers name the same derivation pair THEN their derived keys are equal, and differ from the default pair', () => {
    const { stack } = newRouter();
    const secret = PreSharedKey.derivedFrom(MasterSecret.fromEnv('DYN_TEST_MASTER'));
    const pair = [
      { hostname: 'hub', address: '192.0.2.1' },
      { hostname: 'dynamic-spokes', address: '0.0.0.0' },
    ] as const;
    const hub = new Router(stack, 'Hub', { hostname: 'hub' });
    new IsakmpKey(hub, 'Wild', { address: '0.0.0.0', prefixLength: 0, key: secret, derivationPair: pair });
    const spoke = new Router(stack, 'Spoke', { hostname: 'b1' });
    new IsakmpKey(spoke, 'ToHub', { address: '192.0.2.1', key: secret, derivationPair: pair });
    new IsakmpKey(spoke, 'Own', {
      address: '192.0.2.1',
      key: secret,
      peerHostname: 'hub',
      localAddress: '203.0.113.5',
    });
    const env = { DYN_TEST_MASTER: MASTER };
    const hubKey = hub.toIr({ env }).isakmpKeys[0]!.key;
    const [toHub, own] = spoke.toIr({ env }).isakmpKeys.map((k) => k.key);
    expect(toHub).toBe(hubKey);
    expect(own).not.toBe(hubKey);
    expect(
      () =>
        new IsakmpKey(spoke, 'Bad', {
          address: '192.0.2.1',
          key: secret,
          derivationPair: [{ hostname: 'hub', address: 'nope' }, pair[1]] as never,
        }),
    ).toThrow(/Stack\/Spoke\/Bad: derivationPair/);
  });
});
