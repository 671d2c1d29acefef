// fast-check generators of IKEv2 proposals, policies, keyrings and profiles (helper module, not a test file).
import fc from 'fast-check';
import type {
  Ikev2Identity,
  Ikev2Keyring,
  Ikev2KeyringPeer,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
} from '../../lib/ir/router-config.js';
import { IKEV2_ENCRYPTIONS, IKEV2_HASHES } from '../../lib/ir/ikev2-vocabulary.js';
import { clean, ipArb, opt, text, upperName } from './arb-basics.js';

const fqdn = fc.stringMatching(/^[a-z][a-z0-9]{0,6}\.example\.net$/);

export const ikev2ProposalArb = (name: string): fc.Arbitrary<Ikev2Proposal> =>
  fc
    .record({
      encryption: fc.uniqueArray(fc.constantFrom(...IKEV2_ENCRYPTIONS), { minLength: 1, maxLength: 3 }),
      integrity: fc.uniqueArray(fc.constantFrom(...IKEV2_HASHES), { maxLength: 3 }),
      prf: fc.uniqueArray(fc.constantFrom(...IKEV2_HASHES), { maxLength: 2 }),
      groups: fc.uniqueArray(fc.constantFrom(2, 5, 14, 19, 20, 21), { minLength: 1, maxLength: 3 }),
      extraLines: fc.constant([]),
    })
    .map((r) => ({ name, ...r }));

export const ikev2PolicyArb = (name: string): fc.Arbitrary<Ikev2Policy> =>
  fc
    .record({
      matchAddressLocal: fc.uniqueArray(ipArb, { maxLength: 2 }),
      matchFvrf: opt(fc.constantFrom('any', 'WAN')),
      proposals: fc.uniqueArray(upperName, { minLength: 1, maxLength: 2 }),
      extraLines: fc.constant([]),
    })
    .map((r) => clean({ name, ...r }));

const identityArb: fc.Arbitrary<Ikev2Identity> = fc.oneof(
  ipArb.map((address) => ({ kind: 'address' as const, address })),
  fqdn.map((value) => ({ kind: 'fqdn' as const, value })),
  fqdn.map((value) => ({ kind: 'email' as const, value: `vpn@${value}` })),
);

const keyArb = fc
  .record({
    key: fc.stringMatching(/^k[A-Za-z0-9]{0,11}$/),
    encryption: fc.constantFrom(0 as const, 6 as const, 7 as const),
  })
  .map((k) => k);

const peerArb = (name: string): fc.Arbitrary<Ikev2KeyringPeer> =>
  fc
    .record({
      description: opt(text),
      address: opt(
        fc
          .tuple(ipArb, fc.integer({ min: 0, max: 32 }))
          .map(([a, l]) => ({ address: l === 0 ? '0.0.0.0' : a, prefixLength: l })),
      ),
      hostname: opt(fqdn),
      identity: opt(identityArb),
      key: opt(keyArb),
      localKey: opt(keyArb),
      remoteKey: opt(keyArb),
      extraLines: fc.constant([]),
    })
    .map((r) => clean({ name, ...r }));

export const ikev2KeyringArb = (name: string): fc.Arbitrary<Ikev2Keyring> =>
  fc
    .uniqueArray(upperName, { maxLength: 3 })
    .chain((names) => fc.tuple(...names.map(peerArb)))
    .map((peers) => ({ name, peers, extraLines: [] }));

export const ikev2ProfileArb = (name: string): fc.Arbitrary<Ikev2Profile> =>
  fc
    .record({
      description: opt(text),
      matchFvrf: opt(fc.constantFrom('any', 'WAN')),
      matchAddressLocal: fc.uniqueArray(ipArb, { maxLength: 1 }),
      matchIdentities: fc.uniqueArray(
        fc.oneof(
          fc
            .tuple(ipArb, fc.integer({ min: 0, max: 32 }))
            .map(([address, prefixLength]) => ({ kind: 'address' as const, address, prefixLength })),
          fc.tuple(fqdn, fc.boolean()).map(([value, domain]) => ({ kind: 'fqdn' as const, value, domain })),
          fc.tuple(fqdn, fc.boolean()).map(([value, domain]) => ({ kind: 'email' as const, value, domain })),
        ),
        { maxLength: 3, selector: (m) => JSON.stringify(m).toLowerCase() },
      ),
      identityLocal: opt(identityArb),
      authenticationLocal: opt(fc.constantFrom('pre-share' as const, 'rsa-sig' as const)),
      authenticationRemote: fc.uniqueArray(fc.constantFrom('pre-share' as const, 'rsa-sig' as const), { maxLength: 2 }),
      keyringLocal: opt(upperName),
      pkiTrustpoints: fc.uniqueArray(upperName, { maxLength: 1 }),
      lifetime: opt(fc.integer({ min: 120, max: 86400 })),
      dpd: opt(
        fc.record({
          interval: fc.integer({ min: 10, max: 3600 }),
          retry: fc.integer({ min: 2, max: 60 }),
          mode: fc.constantFrom('on-demand' as const, 'periodic' as const),
        }),
      ),
      extraLines: fc.constant([]),
    })
    .map((r) => clean({ name, ...r }));

const named = <T>(make: (name: string) => fc.Arbitrary<T>) =>
  opt(fc.uniqueArray(upperName, { minLength: 1, maxLength: 2 }).chain((ns) => fc.tuple(...ns.map(make))));

/** The IKEv2 fields of a router config, to spread into its record generator. */
export const ikev2Fields = {
  ikev2Proposals: named(ikev2ProposalArb),
  ikev2Policies: named(ikev2PolicyArb),
  ikev2Keyrings: named(ikev2KeyringArb),
  ikev2Profiles: named(ikev2ProfileArb),
};
