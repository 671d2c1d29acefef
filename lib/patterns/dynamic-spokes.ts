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
 *
 * With `ike: 'v2'` (docs/ios-semantics.md#ikev2-dynamic-crypto-maps) the entry names the hub's IKEv2
 * profile (`set ikev2-profile`) and there is no wildcard key: the IKEv2 responder reads the
 * initiator's identity before it needs a key, so each dynamic spoke sends `identity local fqdn`
 * and has its own keyring peer found by that identity (`identity fqdn`), its key derived for the
 * pair (hub, spoke hostname@0.0.0.0) unless given; the profile matches each FQDN.
 */
import type { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { AclRule } from '../ir/router-config.js';
import { AccessList } from '../constructs/access-list.js';
import type { CryptoMap, DynamicMapBinding } from '../constructs/crypto-map.js';
import { DynamicCryptoMap, type DynamicMapEntry } from '../constructs/dynamic-crypto-map.js';
import type { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import type { Ikev2Profile } from '../constructs/ikev2-profile.js';
import { addIkev2DynamicPeer, type Ikev2Parts } from './ikev2-settings.js';
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
   * The key every dynamic spoke shares with the hub (a wildcard key: see above). With ike 'v2' the
   * default key of each dynamic spoke's own keyring peer (a derived key is then derived per spoke),
   * which a Spoke's `preSharedKey` replaces.
   * @default - the hub's preSharedKey (derived keys: one key for the group, unlike any static pair's;
   * with ike 'v2' one per spoke)
   */
  readonly preSharedKey?: PreSharedKey;
  /**
   * The domain of the dynamic spokes' FQDN identities (`ip domain name` on each dynamic spoke;
   * the hub matches `match identity host <hostname>.<domain>`; with ike 'v2' the spoke's `identity
   * local fqdn` and the hub's `match identity remote fqdn`). A Spoke's own `domainName` wins.
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
  /** The keyring holding the wildcard key. @default - none with ike 'v2' (each spoke is a peer of the IKEv2 keyring) */
  readonly keyring?: Keyring;
  /** The wildcard key (`pre-shared-key address 0.0.0.0 0.0.0.0`). @default - none with ike 'v2' */
  readonly key?: IsakmpKey;
  /** The profile the dynamic spokes' FQDN identities select. @default - none with ike 'v2' (the hub's IKEv2 profile) */
  readonly profile?: IsakmpProfile;
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
  /** The hub's IKEv2 profile, with ike 'v2'; undefined with IKEv1. */
  readonly ikev2Profile: Ikev2Profile | undefined;
}

/** The two ends the shared key of the dynamic spokes is derived for, on the hub and on every dynamic spoke. */
export function dynamicKeyPair(hub: PeerIdentity): readonly [PeerIdentity, PeerIdentity] {
  return [hub, { hostname: DYNAMIC_GROUP_HOSTNAME, address: ANY_PEER }];
}

/** The pair the key of one dynamic spoke of an ike 'v2' hub is derived for: its address is not known. */
export function dynamicSpokeKeyPair(hub: PeerIdentity, spokeHostname: string): readonly [PeerIdentity, PeerIdentity] {
  return [hub, { hostname: spokeHostname, address: ANY_PEER }];
}

/**
 * Adds one dynamic spoke to the hub's parts: with IKEv1 its FQDN to the ISAKMP profile; with IKEv2
 * its keyring peer and profile match (`addIkev2DynamicPeer`), returned.
 */
export function addDynamicSpoke(
  parts: DynamicSpokeParts,
  ikev2: Ikev2Parts | undefined,
  hub: PeerIdentity,
  spoke: { readonly hostname: string; readonly fqdn: string; readonly key: PreSharedKey },
): Ikev2KeyringPeer | undefined {
  if (!ikev2) {
    parts.profile!.addMatchHost(spoke.fqdn);
    return undefined;
  }
  return addIkev2DynamicPeer(ikev2, { ...spoke, derivationPair: dynamicSpokeKeyPair(hub, spoke.hostname) });
}

/**
 * Creates the hub's dynamic map, its binding, ACL and, with IKEv1, keyring, wildcard key and
 * profile (under `scope` = the hub's router).
 */
export function createDynamicSpokeParts(input: DynamicSpokeInput): DynamicSpokeParts {
  const { router: r, props } = input;
  const name = props.name ?? DYNAMIC_SPOKES;
  const acl = new AccessList(r, 'DynamicSpokesAcl', { name: `VPN-${name}` });
  const origin = acl.node.path;
  acl.addRuleSource(() => input.rules(origin));
  if (input.ikev2Profile) {
    const map = createDynamicMap(input, name, acl, { ikev2Profile: input.ikev2Profile });
    return { ...map, acl };
  }
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
  return { ...createDynamicMap(input, name, acl, { isakmpProfile: profile }), acl, keyring, key, profile };
}

/** The dynamic map, its one entry (requiring `profile`) and its binding below the static entries. */
function createDynamicMap(
  input: DynamicSpokeInput,
  name: string,
  acl: AccessList,
  profile: { isakmpProfile: IsakmpProfile } | { ikev2Profile: Ikev2Profile },
): Pick<DynamicSpokeParts, 'dynamicMap' | 'entry' | 'binding'> {
  const c = input.crypto;
  const dynamicMap = new DynamicCryptoMap(input.router as Construct, 'DynamicSpokesMap', { name });
  const entry = dynamicMap.addEntry({
    seq: 10,
    transformSets: [c.transformSetName],
    matchAddress: acl,
    reverseRoute: true,
    pfs: c.pfs,
    ...(c.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: c.saLifetimeSeconds } : {}),
    ...profile,
  });
  const binding = input.cryptoMap.bindDynamicMap(input.props.sequence ?? DYNAMIC_SPOKES_SEQUENCE, dynamicMap);
  return { dynamicMap, entry, binding };
}
