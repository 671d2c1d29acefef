/**
 * Which pre-shared key a side of IKEv1 main mode uses, with keyrings and ISAKMP profiles
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles; Cisco Document 117259, "IOS IKEv1/IKEv2
 * Selection Rules for Keyrings and Profiles - Troubleshooting Guide"; Cisco IOS Security Command
 * Reference, `crypto keyring`, `keyring (ISAKMP profile)`).
 *
 * - The global `crypto isakmp key` lines form the default keyring.
 * - A keyring with `vrf` serves only peers of that front-door VRF (never the global table the
 *   model has), one with `local-address` only IKE on that local address.
 * - An initiator whose crypto map entry sets `set isakmp-profile P` looks in P's keyrings, or in
 *   the default keyring when P names none ("If no keyring is defined in the ISAKMP profile, the
 *   global keys ... are used"). Without a profile it looks in every keyring it may use.
 * - A responder in main mode must find the key from the initiator's address alone (MM1-MM4 come
 *   before the identity, which is encrypted in MM5), so it looks in every keyring and the default
 *   keyring; the most specific match wins.
 *
 * Equally specific matches in several keyrings are all returned: IOS picks one by configuration
 * order, which Cisco documents as the cause of tunnels that come up from one side only. The
 * caller decides whether the choice matters.
 */
import type { IsakmpProfile, Keyring, RouterConfig, SourceLocation } from '../ir/router-config.js';
import { localAddressIp } from './isakmp-identity.js';
import { findGlobalKey, findKeyringKey } from './psk.js';

/** A keyring named in messages, without its keys. */
export interface KeyringRef {
  readonly name: string;
  readonly loc?: SourceLocation;
}

/** A key one side may use, with its secret (never put it in a message: use `keyRef`). */
export interface KeyChoice {
  readonly secret: string;
  readonly encryption: 0 | 6 | 7;
  readonly address: string;
  readonly prefixLength: number;
  /** The keyring that holds it; undefined for a global `crypto isakmp key`. */
  readonly keyring?: Keyring;
  readonly loc?: SourceLocation;
}

/** The keys found for a peer: every equally specific match, default keyring first, then keyrings in configuration order. */
export interface KeyLookup {
  readonly candidates: readonly KeyChoice[];
  /** The keyrings searched (the default keyring is `searchedGlobal`). */
  readonly keyrings: readonly Keyring[];
  readonly searchedGlobal: boolean;
}

/** True when the keyring serves IKE between `localAddress` and peers of the global routing table. */
export function keyringServes(config: RouterConfig, ring: Keyring, localAddress: string): boolean {
  if (ring.vrf !== undefined) return false;
  if (ring.localAddress === undefined) return true;
  return localAddressIp(config, ring.localAddress) === localAddress;
}

/** The keyrings of a profile that exist and serve the local address, in the profile's order. */
export function profileKeyrings(config: RouterConfig, profile: IsakmpProfile, localAddress: string): Keyring[] {
  const out: Keyring[] = [];
  for (const k of profile.keyrings) {
    const ring = config.keyrings?.find((r) => r.name === k.name);
    if (ring && keyringServes(config, ring, localAddress)) out.push(ring);
  }
  return out;
}

/** The most specific matches for `peer` over the default keyring (when searched) and `keyrings`. */
export function lookupKeys(
  config: RouterConfig,
  peer: string,
  keyrings: readonly Keyring[],
  searchGlobal: boolean,
): KeyLookup {
  let best = -1;
  let candidates: KeyChoice[] = [];
  const offer = (length: number, choice: KeyChoice): void => {
    if (length < best) return;
    if (length > best) {
      best = length;
      candidates = [];
    }
    candidates.push(choice);
  };
  const global = searchGlobal ? findGlobalKey(config, peer) : undefined;
  if (global) {
    const k = global.key;
    offer(global.length, {
      secret: k.key,
      encryption: k.encryption,
      address: k.address,
      prefixLength: k.prefixLength,
      ...(k.loc ? { loc: k.loc } : {}),
    });
  }
  for (const ring of keyrings) {
    const hit = findKeyringKey(ring, peer);
    const k = hit?.key;
    if (!hit || !k || k.peer.kind !== 'address') continue;
    offer(hit.length, {
      secret: k.key,
      encryption: k.encryption,
      address: k.peer.address,
      prefixLength: k.peer.prefixLength,
      keyring: ring,
      ...(k.loc ? { loc: k.loc } : {}),
    });
  }
  return { candidates, keyrings, searchedGlobal: searchGlobal };
}

/** Every keyring of the router that serves the local address, in configuration order. */
export function servingKeyrings(config: RouterConfig, localAddress: string): Keyring[] {
  return (config.keyrings ?? []).filter((r) => keyringServes(config, r, localAddress));
}

/** The keys a responder may use for an initiator: every serving keyring and the default keyring. */
export function responderKeys(config: RouterConfig, localAddress: string, initiatorAddress: string): KeyLookup {
  return lookupKeys(config, initiatorAddress, servingKeyrings(config, localAddress), true);
}

/**
 * The keys an initiator may use for a peer: its entry's profile's keyrings (or the default keyring
 * when the profile names none), else every serving keyring and the default keyring.
 */
export function initiatorKeys(
  config: RouterConfig,
  localAddress: string,
  peer: string,
  profile: IsakmpProfile | undefined,
): KeyLookup {
  if (profile === undefined) return responderKeys(config, localAddress, peer);
  if (profile.keyrings.length === 0) return lookupKeys(config, peer, [], true);
  return lookupKeys(config, peer, profileKeyrings(config, profile, localAddress), false);
}
