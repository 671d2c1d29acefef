/**
 * IR of the IKEv2 blocks (Cisco "FlexVPN and Internet Key Exchange Version 2 Configuration Guide"):
 * proposals (`crypto ikev2 proposal`), policies (`crypto ikev2 policy`), keyrings (`crypto ikev2
 * keyring`) and profiles (`crypto ikev2 profile`). Data only, like the rest of the IR: which
 * proposal, policy, profile and key IOS picks is a rule (`lib/rules/ikev2.ts`,
 * docs/ios-semantics.md#ikev2). Algorithm names are the CLI keywords (`aes-cbc-256`, `sha256`).
 */
import type { Traceable, VirtualTemplateRef } from './router-config.js';

/** `crypto ikev2 proposal NAME`: lists of algorithms, each a choice the peer may pick from. */
export interface Ikev2Proposal extends Traceable {
  readonly name: string;
  /** `encryption ...` keywords, in the order written. */
  readonly encryption: readonly string[];
  /** `integrity ...` keywords (none for AEAD ciphers such as `aes-gcm-256`). */
  readonly integrity: readonly string[];
  /** `prf ...` keywords. @default - the integrity algorithms (IOS derives the PRF from them) */
  readonly prf: readonly string[];
  /** `group ...` Diffie-Hellman groups, in the order written. */
  readonly groups: readonly number[];
  /** Lines the IR does not model, without indentation. */
  readonly extraLines: readonly string[];
}

/** `crypto ikev2 policy NAME`: which proposals IKE on some local addresses uses. */
export interface Ikev2Policy extends Traceable {
  readonly name: string;
  /** `match address local A` lines; none means every local address. */
  readonly matchAddressLocal: readonly string[];
  /** `match fvrf any|NAME`. @default - the global routing table only */
  readonly matchFvrf?: string;
  /** `proposal NAME` lines, in order. */
  readonly proposals: readonly string[];
  readonly extraLines: readonly string[];
}

/** An IKEv2 identity as sent in IDi/IDr or named by `identity` / `match identity`. */
export type Ikev2Identity =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'fqdn'; readonly value: string }
  | { readonly kind: 'email'; readonly value: string }
  | { readonly kind: 'key-id'; readonly value: string };

/** A pre-shared key as written: `pre-shared-key [local|remote] [0|6] KEY`. Never log `key`. */
export interface Ikev2Key extends Traceable {
  readonly key: string;
  /** 0 = clear text, 6 = AES-encrypted, 7 = Vigenere-obfuscated. @default 0 */
  readonly encryption: 0 | 6 | 7;
}

/** `peer NAME` inside `crypto ikev2 keyring`. */
export interface Ikev2KeyringPeer extends Traceable {
  readonly name: string;
  readonly description?: string;
  /** `address A [MASK]`: the peer is found by its IKE address. @default - not by address */
  readonly address?: { readonly address: string; readonly prefixLength: number };
  /** `hostname H`: found by the initiator's `set peer H` (not modelled: peers are addresses). */
  readonly hostname?: string;
  /** `identity address|fqdn|email|key-id V`: found by the peer's IKE identity. */
  readonly identity?: Ikev2Identity;
  /** `pre-shared-key K`: the key both ways. */
  readonly key?: Ikev2Key;
  /** `pre-shared-key local K`: the key this router signs with. @default - `key` */
  readonly localKey?: Ikev2Key;
  /** `pre-shared-key remote K`: the key this router verifies the peer with. @default - `key` */
  readonly remoteKey?: Ikev2Key;
  readonly extraLines: readonly string[];
}

/** `crypto ikev2 keyring NAME`. */
export interface Ikev2Keyring extends Traceable {
  readonly name: string;
  readonly peers: readonly Ikev2KeyringPeer[];
  readonly extraLines: readonly string[];
}

/** One `match identity remote ...` line of a profile. */
export type Ikev2IdentityMatch = Traceable &
  (
    | { readonly kind: 'address'; readonly address: string; readonly prefixLength: number }
    /** `fqdn [domain] V`: equal to V, or (domain) ending with V. */
    | { readonly kind: 'fqdn'; readonly value: string; readonly domain: boolean }
    /** `email [domain] V`: equal to V, or (domain) the part after `@` equal to V. */
    | { readonly kind: 'email'; readonly value: string; readonly domain: boolean }
    | { readonly kind: 'key-id'; readonly value: string }
  );

/** IKEv2 authentication methods of `authentication local|remote`. */
export type Ikev2AuthMethod = 'pre-share' | 'rsa-sig' | 'ecdsa-sig' | 'eap';

/** `dpd INTERVAL RETRY on-demand|periodic` in a profile. */
export interface Ikev2Dpd {
  readonly interval: number;
  readonly retry: number;
  readonly mode: 'on-demand' | 'periodic';
}

/** `crypto ikev2 profile NAME`. */
export interface Ikev2Profile extends Traceable {
  readonly name: string;
  readonly description?: string;
  /** `match identity remote ...` lines: the responder selects the profile by the peer's identity. */
  readonly matchIdentities: readonly Ikev2IdentityMatch[];
  /** `match address local A` lines. @default - any local address */
  readonly matchAddressLocal: readonly string[];
  /** `match fvrf any|NAME`. @default - the global routing table */
  readonly matchFvrf?: string;
  /** `identity local address A | fqdn F | email E | key-id K`. @default - address: the local IKE address */
  readonly identityLocal?: Ikev2Identity;
  /** `authentication local METHOD` (one). @default - none: the profile cannot authenticate */
  readonly authenticationLocal?: Ikev2AuthMethod;
  /** `authentication remote METHOD` lines (several allowed). */
  readonly authenticationRemote: readonly Ikev2AuthMethod[];
  /** `keyring local NAME`. @default - none */
  readonly keyringLocal?: string;
  /** `pki trustpoint T [sign|verify]` names. */
  readonly pkiTrustpoints: readonly string[];
  /** `dpd I R MODE`. @default - none */
  readonly dpd?: Ikev2Dpd;
  /** `lifetime S` of the IKE SA (not negotiated: each side's own). @default 86400 */
  readonly lifetime?: number;
  /** `virtual-template N`: the peers of the profile are answered by a dynamic VTI. @default - none */
  readonly virtualTemplate?: VirtualTemplateRef;
  readonly extraLines: readonly string[];
}

/** `no crypto ikev2 proposal|policy default`: the smart defaults that are switched off. */
export interface Ikev2DefaultsOff {
  readonly proposal?: boolean;
  readonly policy?: boolean;
}
