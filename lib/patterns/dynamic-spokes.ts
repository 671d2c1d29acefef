/**
 * How a hub serves spokes whose WAN address is assigned at run time (`wan.address: 'dhcp' |
 * 'negotiated'`), docs/ios-semantics.md#dynamic-crypto-maps:
 *
 * - one dynamic crypto map (`crypto dynamic-map DYNAMIC-SPOKES 10`) bound below every static entry
 *   (`crypto map M 65535 ipsec-isakmp dynamic DYNAMIC-SPOKES`), whose one entry matches the ACL
 *   `VPN-DYNAMIC-SPOKES` (every site to each dynamic spoke's LANs, the mirror of what the spokes
 *   protect) and sets `reverse-route`, so the hub routes each dynamic spoke's LANs to it while its
 *   SA exists;
 * - one keyring with ONE wildcard key (`pre-shared-key address 0.0.0.0 0.0.0.0`): in main mode the
 *   responder picks its key from the initiator's address before it sees any identity (the identity
 *   comes encrypted with that key, docs/ios-semantics.md#keys-for-peers-with-dynamic-addresses), and a
 *   dynamic spoke's address is unknown, so every dynamic spoke shares that key (Cisco Security
 *   Manager User Guide, "Preshared Key page": a wildcard key for spokes with dynamic addresses,
 *   "all spokes connecting to the hub will have the same preshared key"). It is derived from the
 *   master secret for the pair (hub, `dynamic-spokes`@0.0.0.0), so it differs from every static pair's key;
 * - one ISAKMP profile listing that keyring, selected only by the dynamic spokes' FQDN identities
 *   (`match identity host branch.example.net`, the spokes send `crypto isakmp identity hostname`),
 *   which the dynamic map entry requires (`set isakmp-profile`).
 */
import type { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { AclRule } from '../ir/router-config.js';
import { AccessList } from '../constructs/access-list.js';
import type { CryptoMap, DynamicMapBinding } from '../constructs/crypto-map.js';
import { DynamicCryptoMap, type DynamicMapEntry } from '../constructs/dynamic-crypto-map.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import { IsakmpProfile } from '../constructs/isakmp-profile.js';
import { Keyring } from '../constructs/keyring.js';
import type { PeerIdentity, PreSharedKey } from '../constructs/pre-shared-key.js';
import type { Router } from '../constructs/router.js';
import { dnsName, preSharedKey, sequenceNumber, wordName } from '../constructs/schemas.js';
import type { ResolvedCryptoSettings } from './crypto-settings.js';

/** How the hub serves spokes with a `dhcp` or `negotiated` WAN address. */
export interface DynamicSpokesProps {
  /** Sequence number of `crypto map M SEQ ipsec-isakmp dynamic NAME`; keep it above every static entry. @default 65535 */
  readonly sequence?: number;
  /** Name of the dynamic map, its keyring and its ISAKMP profile; its ACL is `VPN-<name>`. @default 'DYNAMIC-SPOKES' */
  readonly name?: string;
  /**
   * The key every dynamic spoke shares with the hub (a wildcard key: see above).
   * @default - the hub's preSharedKey (derived keys: one key for the group, unlike any static pair's)
   */
  readonly preSharedKey?: PreSharedKey;
  /**
   * The domain of the dynamic spokes' FQDN identities (`ip domain name` on each dynamic spoke;
   * the hub matches `match identity host <hostname>.<domain>`). A Spoke's own `domainName` wins.
   * @default - none: each dynamic spoke must set `domainName`
   */
  readonly domainName?: string;
}

/** zod schema of `dynamicSpokes`. */
export const dynamicSpokesSchema = lazy(() =>
  zod()
    .object({
      sequence: sequenceNumber().optional(),
      name: wordName().optional(),
      preSharedKey: preSharedKey().optional(),
      domainName: dnsName().optional(),
    })
    .strict(),
);

/** Default name of the dynamic map, keyring and profile. */
export const DYNAMIC_SPOKES = 'DYNAMIC-SPOKES';
/** Default sequence number of the dynamic map's binding: the last a crypto map can have. */
export const DYNAMIC_SPOKES_SEQUENCE = 65535;
/** The hostname that stands for "any dynamic spoke" in the derivation of their shared key. */
export const DYNAMIC_GROUP_HOSTNAME = 'dynamic-spokes';
/** The wildcard peer of the shared key. */
export const ANY_PEER = '0.0.0.0';

/** What the hub created for its dynamic spokes (escape hatches). */
export interface DynamicSpokeParts {
  /** `crypto dynamic-map NAME`. */
  readonly dynamicMap: DynamicCryptoMap;
  /** Its one entry (transform set, PFS, ACL, reverse-route, profile). */
  readonly entry: DynamicMapEntry;
  /** `crypto map M SEQ ipsec-isakmp dynamic NAME`. */
  readonly binding: DynamicMapBinding;
  /** `VPN-NAME`: every site to each dynamic spoke's LANs. */
  readonly acl: AccessList;
  /** The keyring holding the wildcard key. */
  readonly keyring: Keyring;
  /** The wildcard key (`pre-shared-key address 0.0.0.0 0.0.0.0`). */
  readonly key: IsakmpKey;
  /** The profile the dynamic spokes' FQDN identities select. */
  readonly profile: IsakmpProfile;
}

/** Inputs of `createDynamicSpokeParts`. */
export interface DynamicSpokeInput {
  readonly router: Router;
  readonly cryptoMap: CryptoMap;
  readonly crypto: ResolvedCryptoSettings;
  readonly props: DynamicSpokesProps;
  readonly defaultKey: PreSharedKey;
  /** The hub's end of the shared key. */
  readonly hub: PeerIdentity;
  /** The ACL's lines, derived at IR time (every dynamic spoke known by then). */
  readonly rules: (origin: string) => AclRule[];
}

/** The two ends the shared key of the dynamic spokes is derived for, on the hub and on every dynamic spoke. */
export function dynamicKeyPair(hub: PeerIdentity): readonly [PeerIdentity, PeerIdentity] {
  return [hub, { hostname: DYNAMIC_GROUP_HOSTNAME, address: ANY_PEER }];
}

/** Creates the hub's dynamic map, its binding, ACL, keyring, wildcard key and profile (under `scope` = the hub's router). */
export function createDynamicSpokeParts(input: DynamicSpokeInput): DynamicSpokeParts {
  const { router: r, crypto: c, props } = input;
  const name = props.name ?? DYNAMIC_SPOKES;
  const acl = new AccessList(r, 'DynamicSpokesAcl', { name: `VPN-${name}` });
  const origin = acl.node.path;
  acl.addRuleSource(() => input.rules(origin));
  const keyring = new Keyring(r, 'DynamicSpokesKeyring', {
    name,
    description: 'one wildcard key: main mode finds keys by address',
  });
  const key = new IsakmpKey(r, 'DynamicSpokesKey', {
    address: ANY_PEER,
    prefixLength: 0,
    key: props.preSharedKey ?? input.defaultKey,
    derivationPair: dynamicKeyPair(input.hub),
    keyring,
  });
  // The spokes' FQDNs are added as they attach (`addMatchHost`).
  const profile = new IsakmpProfile(r, 'DynamicSpokesProfile', { name, keyrings: [keyring] });
  const dynamicMap = new DynamicCryptoMap(r as Construct, 'DynamicSpokesMap', { name });
  const entry = dynamicMap.addEntry({
    seq: 10,
    transformSets: [c.transformSetName],
    matchAddress: acl,
    reverseRoute: true,
    pfs: c.pfs,
    ...(c.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: c.saLifetimeSeconds } : {}),
    isakmpProfile: profile,
  });
  const binding = input.cryptoMap.bindDynamicMap(props.sequence ?? DYNAMIC_SPOKES_SEQUENCE, dynamicMap);
  return { dynamicMap, entry, binding, acl, keyring, key, profile };
}
