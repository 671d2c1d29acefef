// fast-check generators of keyrings, ISAKMP profiles and trustpoints (helper module, not a test file).
import fc from 'fast-check';
import type {
  IsakmpKey,
  IsakmpPolicy,
  IsakmpProfile,
  Keyring,
  KeyringKey,
  TransformSet,
  Trustpoint,
} from '../../lib/ir/router-config.js';
import { clean, ipArb, opt, text, upperName, word } from './arb-basics.js';

const keyringKeyArb: fc.Arbitrary<KeyringKey> = fc.record({
  peer: fc.oneof(
    fc
      .tuple(ipArb, fc.integer({ min: 0, max: 32 }))
      .map(([a, l]) => ({ kind: 'address' as const, address: l === 0 ? '0.0.0.0' : a, prefixLength: l })),
    fc
      .stringMatching(/^[a-z][a-z0-9]{0,6}\.example\.net$/)
      .map((hostname) => ({ kind: 'hostname' as const, hostname })),
  ),
  key: fc.stringMatching(/^k[A-Za-z0-9]{0,11}$/),
  encryption: fc.constantFrom(0 as const, 6 as const, 7 as const),
});

const peerId = (k: KeyringKey): string =>
  k.peer.kind === 'address' ? `${k.peer.address}/${k.peer.prefixLength}` : k.peer.hostname;

export const keyringArb = (name: string): fc.Arbitrary<Keyring> =>
  fc
    .record({
      vrf: opt(upperName),
      description: opt(text),
      localAddress: opt(
        fc.oneof(
          ipArb.map((address) => ({ kind: 'address' as const, address })),
          fc.constant({ kind: 'interface' as const, interface: 'Loopback0' }),
        ),
      ),
      keys: fc.uniqueArray(keyringKeyArb, { maxLength: 3, selector: peerId }),
      extraLines: fc.constant([]),
    })
    .map((r) => clean({ name, ...r }));

export const profileArb = (name: string): fc.Arbitrary<IsakmpProfile> =>
  fc
    .record({
      description: opt(text),
      keyrings: fc.uniqueArray(upperName, { maxLength: 2 }).map((ns) => ns.map((n) => ({ name: n }))),
      matchIdentities: fc.uniqueArray(
        fc.oneof(
          fc
            .tuple(ipArb, fc.integer({ min: 0, max: 32 }))
            .map(([address, prefixLength]) => ({ kind: 'address' as const, address, prefixLength })),
          fc
            .stringMatching(/^[a-z][a-z0-9]{0,6}\.example\.net$/)
            .map((hostname) => ({ kind: 'host' as const, hostname })),
          fc.constantFrom('example.net', 'corp.example').map((domain) => ({ kind: 'host-domain' as const, domain })),
        ),
        { maxLength: 3, selector: (m) => JSON.stringify(m) },
      ),
      selfIdentity: opt(
        fc.oneof(
          fc.constant({ kind: 'address' as const }),
          fc.constant({ kind: 'fqdn' as const }),
          word.map((user) => ({ kind: 'user-fqdn' as const, user: `${user}@example.net` })),
        ),
      ),
      keepalive: opt(
        fc
          .record({ seconds: fc.integer({ min: 10, max: 3600 }), retry: opt(fc.integer({ min: 2, max: 60 })) })
          .map(clean),
      ),
      trustpoints: fc.uniqueArray(upperName, { maxLength: 2 }),
      extraLines: fc.constant([]),
    })
    .map((r) => clean({ name, ...r }));

export const trustpointArb = (name: string): fc.Arbitrary<Trustpoint> =>
  fc
    .record({
      keyword: fc.constantFrom('pki trustpoint' as const, 'ca trustpoint' as const, 'ca identity' as const),
      lines: fc.subarray([
        'enrollment url http://192.0.2.10:80',
        'revocation-check none',
        'rsakeypair RK1',
        'subject-name CN=r1.example.net',
      ]),
    })
    .map((r) => ({ name, ...r }));

export const policyArb: fc.Arbitrary<IsakmpPolicy> = fc
  .record({
    priority: fc.integer({ min: 1, max: 10000 }),
    encryption: opt(
      fc.constantFrom('des' as const, '3des' as const, 'aes' as const, 'aes-192' as const, 'aes-256' as const),
    ),
    hash: opt(fc.constantFrom('md5' as const, 'sha' as const, 'sha256' as const, 'sha384' as const, 'sha512' as const)),
    authentication: opt(fc.constantFrom('pre-share' as const, 'rsa-sig' as const, 'rsa-encr' as const)),
    group: opt(fc.constantFrom(1, 2, 5, 14, 15, 16, 19, 20, 21, 24)),
    lifetime: opt(fc.integer({ min: 60, max: 86400 })),
  })
  .map(clean);

export const keyArb: fc.Arbitrary<IsakmpKey> = fc
  .record({
    key: fc.stringMatching(/^k[A-Za-z0-9]{0,11}$/),
    encryption: fc.constantFrom(0 as const, 6 as const, 7 as const),
    address: ipArb,
    prefixLength: fc.integer({ min: 0, max: 32 }),
    noXauth: opt(fc.constant(true as const)),
  })
  .map((k) => clean(k.prefixLength === 0 ? { ...k, address: '0.0.0.0' } : k));

const transformsArb = fc.constantFrom(
  ['esp-des', 'esp-md5-hmac'],
  ['esp-3des', 'esp-sha-hmac'],
  ['esp-aes 256', 'esp-sha256-hmac'],
  ['esp-aes', 'esp-sha-hmac'],
  ['esp-gcm 256'],
  ['ah-sha-hmac', 'esp-aes 192', 'esp-sha-hmac'],
);

export const transformSetArb = (name: string): fc.Arbitrary<TransformSet> =>
  fc
    .record({
      transforms: transformsArb,
      mode: opt(fc.constantFrom('tunnel' as const, 'transport' as const, 'transport require' as const)),
    })
    .map((r) => clean({ name, ...r }));
