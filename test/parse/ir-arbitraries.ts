// fast-check generators of well-formed IR for round-trip tests (helper module, not a test file).
import fc from 'fast-check';
import type {
  AccessList,
  AclEntry,
  AddressMatch,
  CryptoMap,
  CryptoMapEntry,
  InterfaceConfig,
  ObjectGroup,
  Platform,
  PortMatch,
  RouterConfig,
  StaticRoute,
} from '../../lib/ir/router-config.js';
import { blockStart, lengthToNetmask, numberToIp } from '../../lib/ir/ipv4.js';

import { clean, ipArb, ipNum, opt, text, upperName, word } from './arb-basics.js';
import { keyArb, keyringArb, policyArb, profileArb, transformSetArb, trustpointArb } from './ike-arbitraries.js';
import { dynamicMapArb, ipSlaArb } from './dynamic-arbitraries.js';
import { ikev2Fields } from './ikev2-arbitraries.js';

export { ipArb } from './arb-basics.js';

const prefixArb = fc
  .tuple(ipNum, fc.integer({ min: 0, max: 32 }))
  .map(([n, len]) => ({ address: numberToIp(blockStart(n, len)), prefixLength: len }));

const ifAddress = fc.record({ ip: ipArb, prefixLength: fc.integer({ min: 8, max: 30 }) });
const trueOpt = opt(fc.constant(true as const));

const interfaceArb = (name: string): fc.Arbitrary<InterfaceConfig> =>
  fc
    .record({
      description: opt(text),
      address: opt(ifAddress),
      dynamicAddress: opt(fc.constantFrom('dhcp' as const, 'negotiated' as const)),
      secondaryAddresses: fc.array(ifAddress, { maxLength: 2 }),
      shutdown: fc.boolean(),
      accessGroupIn: opt(fc.oneof(upperName, fc.integer({ min: 1, max: 199 }).map(String)).map((acl) => ({ acl }))),
      accessGroupOut: opt(upperName.map((acl) => ({ acl }))),
      cryptoMap: opt(upperName),
      noIpRouteCache: trueOpt,
      noIpMrouteCache: trueOpt,
      extraLines: fc.array(
        fc.constantFrom(
          'duplex auto',
          'speed 100',
          'negotiation auto',
          'ip mtu 1400',
          'no ip redirects',
          'ip tcp adjust-mss 1360',
          'load-interval 30',
        ),
        { maxLength: 3 },
      ),
    })
    .map((r) => clean({ name, ...r, address: r.dynamicAddress === undefined ? r.address : undefined }));

const routeArb: fc.Arbitrary<StaticRoute> = fc
  .record({
    prefix: prefixArb,
    target: fc.constantFrom('if', 'nh', 'both', 'dhcp'),
    dhcp: fc.boolean(),
    interface: fc.constantFrom('Ethernet1', 'GigabitEthernet0/1', 'Null0'),
    nextHop: ipArb,
    distance: opt(fc.integer({ min: 1, max: 255 })),
    name: opt(word),
    keep: fc.constantFrom('none', 'permanent', 'track'),
    track: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ target, interface: intf, nextHop, keep, track, dhcp, ...r }) =>
    clean({
      ...r,
      interface: target === 'nh' || target === 'dhcp' ? undefined : intf,
      nextHop: target === 'if' || target === 'dhcp' ? undefined : nextHop,
      dhcp: dhcp || target === 'dhcp' ? true : undefined,
      permanent: keep === 'permanent' ? true : undefined,
      track: keep === 'track' ? track : undefined,
    }),
  );

const addressArb: fc.Arbitrary<AddressMatch> = fc.oneof(
  fc.constant({ kind: 'any' as const }),
  ipArb.map((address) => ({ kind: 'host' as const, address })),
  fc.tuple(ipArb, ipArb).map(([address, wildcard]) => ({ kind: 'wildcard' as const, address, wildcard })),
);

const portArb: fc.Arbitrary<PortMatch> = fc.oneof(
  fc
    .array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 3 })
    .map((ports) => ({ op: 'eq' as const, ports })),
  fc
    .tuple(fc.constantFrom('neq' as const, 'lt' as const, 'gt' as const), fc.integer({ min: 0, max: 65535 }))
    .map(([op, p]) => ({ op, ports: [p] })),
  fc
    .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }))
    .map(([a, b]) => ({ op: 'range' as const, ports: [Math.min(a, b), Math.max(a, b)] })),
);

const trailingArb = opt(fc.constantFrom('log', 'log-input', 'established'));

/** Names of the object groups a generated config may define (see `objectGroupsArb`). */
const NETWORK_GROUPS = ['NET-A', 'NET-B'] as const;
const SERVICE_GROUP = 'SVC-A';

const groupAddressArb: fc.Arbitrary<AddressMatch> = fc.oneof(
  { weight: 3, arbitrary: addressArb },
  { weight: 1, arbitrary: fc.constantFrom(...NETWORK_GROUPS).map((name) => ({ kind: 'object-group' as const, name })) },
);

const extendedRuleWith = (groups: boolean) =>
  fc
    .record({
      action: fc.constantFrom('permit' as const, 'deny' as const),
      protocol: fc.constantFrom(
        'ip' as const,
        'tcp' as const,
        'udp' as const,
        'icmp' as const,
        'esp' as const,
        'ahp' as const,
        'gre' as const,
        47,
        88,
        255,
      ),
      service: groups ? opt(fc.constant(SERVICE_GROUP)) : fc.constant(undefined),
      source: groups ? groupAddressArb : addressArb,
      sourcePort: opt(portArb),
      destination: groups ? groupAddressArb : addressArb,
      destinationPort: opt(portArb),
      trailing: trailingArb,
    })
    .map((r) => {
      const protocol = r.service !== undefined ? ('ip' as const) : r.protocol;
      const ports = protocol === 'tcp' || protocol === 'udp';
      return clean({
        kind: 'rule' as const,
        ...r,
        protocol,
        sourcePort: ports ? r.sourcePort : undefined,
        destinationPort: ports ? r.destinationPort : undefined,
      });
    });

/** Network groups NET-A and NET-B (B may nest A) and service group SVC-A. */
export const objectGroupsArb: fc.Arbitrary<ObjectGroup[]> = fc
  .record({
    a: fc.array(
      fc.oneof(
        ipArb.map((address) => ({ kind: 'host' as const, address })),
        fc
          .tuple(ipArb, fc.integer({ min: 0, max: 32 }))
          .map(([address, len]) => ({ kind: 'subnet' as const, address, mask: lengthToNetmask(len) })),
        fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 4096 })).map(([lo, n]) => ({
          kind: 'range' as const,
          first: numberToIp(lo),
          last: numberToIp(Math.min(2 ** 32 - 1, lo + n)),
        })),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    nest: fc.boolean(),
    b: fc.array(
      ipArb.map((address) => ({ kind: 'host' as const, address })),
      { minLength: 1, maxLength: 2 },
    ),
    svc: fc.array(
      fc.oneof(
        fc
          .constantFrom('ip' as const, 'icmp' as const, 'esp' as const, 47)
          .map((protocol) => ({ kind: 'protocol' as const, protocol })),
        fc
          .record({
            protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'tcp-udp' as const),
            sourcePort: opt(portArb),
            destinationPort: opt(portArb),
          })
          .map((r) => clean({ kind: 'protocol' as const, ...r })),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    description: opt(text),
  })
  .map(({ a, nest, b, svc, description }) => [
    clean({ type: 'network' as const, name: 'NET-A', description, items: uniqueItems(a) }),
    {
      type: 'network' as const,
      name: 'NET-B',
      items: uniqueItems(nest ? [...b, { kind: 'group' as const, name: 'NET-A' }] : b),
    },
    { type: 'service' as const, name: SERVICE_GROUP, items: uniqueItems(svc) },
  ]);

/** IOS keeps one of identical items (and of identical rules). */
function uniqueItems<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = JSON.stringify(i);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const standardRule = fc
  .record({
    action: fc.constantFrom('permit' as const, 'deny' as const),
    source: addressArb,
    trailing: opt(fc.constant('log')),
  })
  .map((r) => clean({ kind: 'rule' as const, protocol: 'ip' as const, destination: { kind: 'any' as const }, ...r }));

const remark = text.map((t) => ({ kind: 'remark' as const, text: t }));

/**
 * Entries without numbers, numbered in order, or numbered out of order (each a distinct number,
 * remarks included): the renderer prints them in sequence order.
 */
function entriesArb(type: 'standard' | 'extended', min: number, groups = false): fc.Arbitrary<AclEntry[]> {
  const rule = type === 'standard' ? standardRule : extendedRuleWith(groups);
  return fc
    .tuple(
      fc.array(fc.oneof({ weight: 1, arbitrary: remark }, { weight: 5, arbitrary: rule }), {
        minLength: min,
        maxLength: 6,
      }),
      fc.constantFrom('none', 'ascending', 'shuffled'),
      fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 6, maxLength: 6 }),
    )
    .map(([written, numbering, numbers]) => {
      const entries = written.filter(
        (e, i) => e.kind !== 'rule' || !written.slice(0, i).some((x) => JSON.stringify(x) === JSON.stringify(e)),
      );
      if (numbering === 'none') return entries;
      return entries.map((e, i) => ({ ...e, seq: numbering === 'ascending' ? (i + 1) * 10 : numbers[i]! }));
    });
}

const numberedName = (type: 'standard' | 'extended') =>
  type === 'standard'
    ? fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1300, max: 1999 }))
    : fc.oneof(fc.integer({ min: 100, max: 199 }), fc.integer({ min: 2000, max: 2699 }));

const aclArbWith = (groups: boolean): fc.Arbitrary<AccessList> =>
  fc.tuple(fc.constantFrom('standard' as const, 'extended' as const), fc.boolean()).chain(([type, numbered]) =>
    fc.record({
      name: numbered ? numberedName(type).map(String) : upperName.map((n) => `ACL-${n}`),
      type: fc.constant(type),
      numbered: fc.constant(numbered),
      entries: entriesArb(type, numbered ? 1 : 0, groups),
    }),
  );

const entryArb = (seq: number): fc.Arbitrary<CryptoMapEntry> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({
          type: fc.constantFrom('ipsec-isakmp' as const, 'ipsec-manual' as const),
          description: opt(text),
          peers: fc.uniqueArray(ipArb, { maxLength: 3 }),
          transformSets: fc.array(upperName, { maxLength: 3 }),
          matchAddress: opt(fc.oneof(fc.integer({ min: 100, max: 199 }).map(String), upperName)),
          pfs: opt(
            fc.oneof(
              fc.constant({}),
              fc.constantFrom(1, 2, 5, 14, 19, 20, 21, 24).map((group) => ({ group })),
            ),
          ),
          saLifetimeSeconds: opt(fc.integer({ min: 120, max: 86400 })),
          saLifetimeKilobytes: opt(fc.integer({ min: 2560, max: 4194303 })),
          isakmpProfile: opt(upperName),
          ikev2Profile: opt(upperName),
          extraLines: fc.array(fc.constantFrom('set security-association idle-time 600', 'qos pre-classify'), {
            maxLength: 2,
          }),
        })
        .map((r) =>
          clean({
            seq,
            ...r,
            ...(r.type === 'ipsec-manual' ? { isakmpProfile: undefined, ikev2Profile: undefined } : {}),
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: upperName.map((dyn) => ({
        seq,
        type: 'dynamic' as const,
        dynamicMap: dyn,
        peers: [],
        transformSets: [],
        extraLines: [],
      })),
    },
  );

const cryptoMapArb = (name: string): fc.Arbitrary<CryptoMap> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 4 })
    .chain((seqs) => fc.tuple(...[...seqs].sort((a, b) => a - b).map(entryArb)))
    .map((entries) => ({ name, entries }));

const versionFor: Record<Platform, fc.Arbitrary<string | undefined>> = {
  'ios-12.2': opt(fc.constantFrom('12.2', '12.4')),
  'ios-15': opt(fc.constantFrom('15.1', '15.9')),
  'ios-xe-17': opt(fc.constantFrom('16.9', '17.3', '17.12')),
};

/** A well-formed router configuration on any platform. */
export const routerConfigArb: fc.Arbitrary<RouterConfig> = fc
  .tuple(fc.constantFrom<Platform>('ios-12.2', 'ios-15', 'ios-xe-17'), fc.boolean())
  .chain(([platform, withGroups]) =>
    fc
      .record({
        hostname: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/),
        platform: fc.constant(platform),
        version: versionFor[platform],
        interfaces: fc
          .uniqueArray(
            fc.constantFrom(
              'Ethernet0',
              'Ethernet1',
              'GigabitEthernet1',
              'GigabitEthernet0/0/1',
              'Serial0/0.1',
              'Tunnel5',
              'Loopback0',
            ),
            { maxLength: 4 },
          )
          .chain((names) => fc.tuple(...names.map(interfaceArb))),
        staticRoutes: fc.array(routeArb, { maxLength: 4 }),
        objectGroups: withGroups ? objectGroupsArb : fc.constant(undefined),
        accessLists: fc.uniqueArray(aclArbWith(withGroups), { maxLength: 4, selector: (a) => a.name }),
        isakmpPolicies: fc.uniqueArray(policyArb, { maxLength: 3, selector: (p) => p.priority }),
        isakmpKeys: fc.uniqueArray(keyArb, { maxLength: 3, selector: (k) => `${k.address}/${k.prefixLength}` }),
        keyrings: opt(
          fc
            .uniqueArray(upperName, { minLength: 1, maxLength: 2 })
            .chain((names) => fc.tuple(...names.map(keyringArb))),
        ),
        isakmpProfiles: opt(
          fc
            .uniqueArray(upperName, { minLength: 1, maxLength: 2 })
            .chain((names) => fc.tuple(...names.map(profileArb))),
        ),
        ...ikev2Fields,
        trustpoints: opt(
          fc
            .uniqueArray(upperName, { minLength: 1, maxLength: 2 })
            .chain((names) => fc.tuple(...names.map(trustpointArb))),
        ),
        transformSets: fc
          .uniqueArray(upperName, { maxLength: 3 })
          .chain((names) => fc.tuple(...names.map(transformSetArb))),
        cryptoMaps: fc.uniqueArray(upperName, { maxLength: 2 }).chain((names) => fc.tuple(...names.map(cryptoMapArb))),
        dynamicMaps: opt(
          fc
            .uniqueArray(upperName, { minLength: 1, maxLength: 2 })
            .chain((names) => fc.tuple(...names.map(dynamicMapArb))),
        ),
        ipSlas: opt(
          fc
            .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 2 })
            .chain((ids) => fc.tuple(...ids.map(ipSlaArb))),
        ),
        options: fc
          .record({
            aggressiveModeDisabled: trueOpt,
            complianceShieldDisabled: trueOpt,
            isakmpIdentity: opt(fc.constantFrom('hostname' as const, 'dn' as const)),
            ikev2DefaultsOff: opt(
              fc.record({ proposal: fc.constant(true), policy: opt(fc.constant(true)) }).map(clean),
            ),
            isakmpKeepalive: opt(
              fc
                .record({
                  seconds: fc.integer({ min: 10, max: 3600 }),
                  retry: opt(fc.integer({ min: 2, max: 60 })),
                  mode: opt(fc.constantFrom('periodic' as const, 'on-demand' as const)),
                })
                .map(clean),
            ),
          })
          .map(clean),
        extraLines: fc.array(
          fc
            .constantFrom(
              'service timestamps debug datetime msec',
              'ip subnet-zero',
              'ip classless',
              'ip http server',
              'no ip domain-lookup',
              'logging buffered 4096',
              'ntp server 192.0.2.123',
            )
            .map((t) => ({ text: t })),
          { maxLength: 4 },
        ),
      })
      .map(clean),
  );
