/**
 * How a hub-and-spoke network holds its pre-shared keys (docs/ios-semantics.md#keyrings-and-isakmp-profiles):
 * - `global-keys`: one `crypto isakmp key K address PEER` per peer, as in the reference lab;
 * - `keyring`: the same per-peer keys in `crypto keyring HUBSPOKE-KEYRING`, selected by `crypto
 *   isakmp profile HUBSPOKE-PROFILE` (`keyring HUBSPOKE-KEYRING`, one `match identity address
 *   PEER 255.255.255.255` per peer), which every crypto map entry names with `set isakmp-profile`.
 *   Each peer's key is in the profile its identity selects, and every entry requires that profile,
 *   which is what the proof checks on both sides of every tunnel.
 */
import type { Router } from '../constructs/router.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import type { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import { addIkev2Peer, type Ikev2Parts, type Ikev2PeerInput } from './ikev2-settings.js';
import { uniqueId } from './site.js';
import { IsakmpProfile } from '../constructs/isakmp-profile.js';
import { Keyring } from '../constructs/keyring.js';

/** Where the pre-shared keys live. */
export type Keying = 'global-keys' | 'keyring';

/** The keyring the patterns emit with `keying: 'keyring'`. */
export const HUBSPOKE_KEYRING = 'HUBSPOKE-KEYRING';
/** The ISAKMP profile the patterns emit with `keying: 'keyring'`. */
export const HUBSPOKE_PROFILE = 'HUBSPOKE-PROFILE';

/** The keyring and profile of a site router with `keying: 'keyring'`. */
export interface KeyringParts {
  readonly keyring: Keyring;
  readonly profile: IsakmpProfile;
}

/** Creates the keyring and the profile on a site router (peers are added as they attach). */
export function createKeyring(router: Router): KeyringParts {
  const keyring = new Keyring(router, 'Keyring', { name: HUBSPOKE_KEYRING });
  const profile = new IsakmpProfile(router, 'IsakmpProfile', { name: HUBSPOKE_PROFILE, keyrings: [keyring] });
  return { keyring, profile };
}

/**
 * A router's key for one peer: with IKEv2 a peer of the IKEv2 keyring (and the profile's match of
 * its identity, its own address: the private one behind NAT); with IKEv1 a global key, or a key in
 * the keyring with `keying: 'keyring'`.
 */
export function peerKey(
  router: Router,
  ikev2: Ikev2Parts | undefined,
  keyring: KeyringParts | undefined,
  peer: Ikev2PeerInput,
): IsakmpKey | Ikev2KeyringPeer {
  if (ikev2) return addIkev2Peer(ikev2, peer);
  return new IsakmpKey(router, uniqueId(router, `Key-${peer.hostname}`), {
    address: peer.address,
    key: peer.key,
    peerHostname: peer.hostname,
    localAddress: peer.localAddress,
    ...(keyring ? { keyring: keyring.keyring } : {}),
  });
}
