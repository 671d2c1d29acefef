/**
 * IKEv2 in the Hub and Spoke patterns (`ike: 'v2'`): each site router gets one proposal, one policy
 * naming it, one keyring with a peer per tunnel and one profile (pre-share both ways, `keyring local`,
 * DPD, a `match identity remote address` per peer) that every crypto map entry names with `set
 * ikev2-profile` (docs/ios-semantics.md#ikev2). The proof negotiates it with the rules of
 * docs/ios-semantics.md#ikev2-proposals and #ikev2-authentication.
 *
 * The default version (README, "IKEv2 by default"): IKEv2 wherever the platform has it
 * (`IKEV2_SUPPORTED`: `ios-15` and `ios-xe-17`), IKEv1 on `ios-12.2`, which has none. IKEv1 is
 * deprecated (RFC 9395); IKEv2 brings asymmetric authentication and NAT traversal and DPD in the
 * protocol. The two versions do not interoperate, so a Hub that never said `ike` and whose last
 * output ran IKEv1 fails synth (`lib/app/ike-migration.ts`) rather than switch deployed tunnels,
 * and a spoke without IKEv2 under a defaulted v2 hub is told to set `ike: 'v1'` on the Hub. A
 * spoke behind NAT (`behindNat`) works with v2 as with v1: the hub keys on its public address and
 * matches its private one as identity (docs/ios-semantics.md#ikev2-behind-nat).
 */
import type { Platform } from '../ir/router-config.js';
import { IKEV2_SUPPORTED } from '../ir/ikev2-vocabulary.js';
import type { DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { invalidProperty } from '../constructs/errors.js';
import { Ikev2Keyring, type Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import { Ikev2Profile } from '../constructs/ikev2-profile.js';
import { Ikev2Policy, Ikev2Proposal, type Ikev2ProposalProps } from '../constructs/ikev2-proposal.js';
import type { IsakmpProfile } from '../constructs/isakmp-profile.js';
import type { PeerIdentity, PreSharedKey } from '../constructs/pre-shared-key.js';
import type { Router } from '../constructs/router.js';
import { uniqueId } from './site.js';

/** The IKE version of a hub-and-spoke network. */
export type IkeVersion = 'v1' | 'v2';

/** The IKEv2 proposal's algorithms in the Hub's `crypto.ikev2`. */
export type Ikev2CryptoSettings = Omit<Ikev2ProposalProps, 'name' | 'allowLegacyCrypto'>;

/** Names of the IKEv2 blocks the patterns emit (IOS keeps IKEv1 and IKEv2 names apart). */
export const HUBSPOKE_IKEV2_NAMES = {
  proposal: 'HUBSPOKE-PROPOSAL',
  policy: 'HUBSPOKE-POLICY',
  keyring: 'HUBSPOKE-KEYRING',
  profile: 'HUBSPOKE-PROFILE',
} as const;

/** The IKE version a hub uses unless told: IKEv2 where the platform has it (see the file comment). */
export const DEFAULT_IKE_VERSION: Readonly<Record<Platform, IkeVersion>> = {
  'ios-12.2': IKEV2_SUPPORTED['ios-12.2'] ? 'v2' : 'v1',
  'ios-15': IKEV2_SUPPORTED['ios-15'] ? 'v2' : 'v1',
  'ios-xe-17': IKEV2_SUPPORTED['ios-xe-17'] ? 'v2' : 'v1',
};

/** The IKEv2 constructs of one site router. */
export interface Ikev2Parts {
  readonly proposal: Ikev2Proposal;
  readonly policy: Ikev2Policy;
  readonly keyring: Ikev2Keyring;
  readonly profile: Ikev2Profile;
}

/** Creates the proposal, policy, keyring and profile; peers are added as tunnels attach. */
export function createIkev2Parts(
  router: Router,
  proposal: Ikev2CryptoSettings,
  dpd: DeadPeerDetectionProps | undefined,
): Ikev2Parts {
  const n = HUBSPOKE_IKEV2_NAMES;
  const p = new Ikev2Proposal(router, 'Ikev2Proposal', { ...proposal, name: n.proposal });
  const policy = new Ikev2Policy(router, 'Ikev2Policy', { name: n.policy, proposals: [p] });
  const keyring = new Ikev2Keyring(router, 'Ikev2Keyring', { name: n.keyring });
  const profile = new Ikev2Profile(router, 'Ikev2Profile', {
    name: n.profile,
    keyring,
    // The IKEv1 DPD settings, in the IKEv2 profile's `dpd` (which takes all three values).
    ...(dpd !== undefined
      ? { dpd: { interval: dpd.seconds, retry: dpd.retry ?? 2, mode: dpd.mode ?? 'on-demand' } }
      : {}),
  });
  return { proposal: p, policy, keyring, profile };
}

/** One tunnel's end on a site router: the keyring peer and the profile's match of its identity. */
export interface Ikev2PeerInput {
  /** The peer router's hostname (`peer NAME`, and the pair of derived keys). */
  readonly hostname: string;
  /** The address this router calls and that IKE arrives from. */
  readonly address: string;
  /** The identity the peer sends: its own IKE address. */
  readonly identity: string;
  readonly key: PreSharedKey;
  /** This router's IKE address, as the peer sees it. @default - leased at run time: then `derivationPair` */
  readonly localAddress?: string;
  /** The pair derived keys are derived for. @default - this router (`localAddress`) and the peer */
  readonly derivationPair?: readonly [PeerIdentity, PeerIdentity];
}

/** Adds a tunnel's peer to the keyring and its identity to the profile. */
export function addIkev2Peer(parts: Ikev2Parts, peer: Ikev2PeerInput): Ikev2KeyringPeer {
  parts.profile.addMatchAddress(peer.identity);
  // A second peer of one hostname is the duplicate hostname the stack's validation reports, not a construct-id clash.
  return parts.keyring.addPeer(
    {
      name: peer.hostname,
      address: peer.address,
      preSharedKey: peer.key,
      peerHostname: peer.hostname,
      ...(peer.localAddress !== undefined ? { localAddress: peer.localAddress } : {}),
      ...(peer.derivationPair !== undefined ? { derivationPair: peer.derivationPair } : {}),
    },
    uniqueId(parts.keyring, `Peer-${peer.hostname}`),
  );
}

/** A spoke with a run-time WAN address, on the hub: the spoke's FQDN identity and its own keyring peer. */
export interface Ikev2DynamicPeerInput {
  /** The spoke's hostname (`peer NAME`). */
  readonly hostname: string;
  /** The FQDN the spoke sends as `identity local fqdn`. */
  readonly fqdn: string;
  readonly key: PreSharedKey;
  /** The pair its derived key is derived for (its address is not known). */
  readonly derivationPair: readonly [PeerIdentity, PeerIdentity];
}

/**
 * Adds a dynamic spoke to the hub's keyring and profile (docs/ios-semantics.md#ikev2-dynamic-crypto-maps):
 * the responder reads IDi before it needs the key, so the peer is found by the FQDN identity and
 * each spoke keeps its own key, whatever address it leased.
 */
export function addIkev2DynamicPeer(parts: Ikev2Parts, peer: Ikev2DynamicPeerInput): Ikev2KeyringPeer {
  parts.profile.addMatchIdentity({ fqdn: peer.fqdn });
  return parts.keyring.addPeer(
    { name: peer.hostname, identity: { fqdn: peer.fqdn }, preSharedKey: peer.key, derivationPair: peer.derivationPair },
    uniqueId(parts.keyring, `Peer-${peer.hostname}`),
  );
}

/** The profile a pattern's crypto map entry names: the IKEv2 profile, else the IKEv1 keyring's profile, else none. */
export function entryProfile(
  ikev2: Ikev2Parts | undefined,
  v1: { readonly profile: IsakmpProfile } | undefined,
): { ikev2Profile: Ikev2Profile } | { isakmpProfile: IsakmpProfile } | Record<string, never> {
  if (ikev2) return { ikev2Profile: ikev2.profile };
  return v1 ? { isakmpProfile: v1.profile } : {};
}

/** Hub props that belong to one IKE version only, refused with the other. */
export function checkIkeProps(
  hub: HubIke,
  p: { keying?: unknown; crypto?: { isakmp?: unknown; ikev2?: unknown } },
): void {
  // An IKEv1 prop on a hub whose platform chose v2 is most likely a stack written before the default changed.
  const keepV1 = hub.defaulted
    ? `; ike is not set and defaults to 'v2' on platform ${hub.platform}: set ike: 'v1' on the Hub to keep IKEv1`
    : '';
  if (hub.ike === 'v2' && p.keying !== undefined)
    throw invalidProperty(
      hub.path,
      'keying',
      p.keying,
      `applies to IKEv1 keys; with ike 'v2' the keys are in the IKEv2 keyring ${HUBSPOKE_IKEV2_NAMES.keyring}${keepV1}`,
    );
  if (hub.ike === 'v2' && p.crypto?.isakmp !== undefined)
    throw invalidProperty(
      hub.path,
      'crypto.isakmp',
      undefined,
      `is the IKEv1 policy; with ike 'v2' set crypto.ikev2${keepV1}`,
    );
  if (hub.ike === 'v1' && p.crypto?.ikev2 !== undefined)
    throw invalidProperty(hub.path, 'crypto.ikev2', undefined, "is the IKEv2 proposal; it needs ike: 'v2' on the Hub");
}

/** How a hub came to its IKE version, for the errors that tell a spoke to change it. */
export interface HubIke {
  readonly path: string;
  readonly ike: IkeVersion;
  /** True when the Hub did not set `ike` and its platform's default decided. */
  readonly defaulted: boolean;
  readonly platform: Platform;
}

/** The `HubIke` of a Hub. */
export function hubIke(hub: {
  readonly node: { readonly path: string };
  readonly ike: IkeVersion;
  readonly ikeDefaulted: boolean;
  readonly platform: Platform;
}): HubIke {
  return { path: hub.node.path, ike: hub.ike, defaulted: hub.ikeDefaulted, platform: hub.platform };
}

/** Why the hub runs IKEv2, as the errors say it. */
function whyV2(hub: HubIke): string {
  return hub.defaulted
    ? `hub ${hub.path} runs IKEv2 because its ike is not set and defaults to 'v2' on its platform ${hub.platform}`
    : `hub ${hub.path} uses ike 'v2'`;
}

/** A spoke on a platform without IKEv2 cannot join a v2 hub. */
export function checkSpokeIke(path: string, platform: Platform, hub: HubIke): void {
  if (hub.ike === 'v2' && !IKEV2_SUPPORTED[platform])
    throw invalidProperty(path, 'platform', platform, `has no IKEv2, and ${whyV2(hub)}; set ike: 'v1' on the Hub`);
}

/** The error of an IKEv1-only part asked for on a v2 router. */
export function ikev1Only(path: string, what: string): never {
  throw invalidProperty(path, what, undefined, `is IKEv1 only; this router uses ike 'v2' (see ikev2)`);
}
