/**
 * IR of the IKEv1 identity and key-selection blocks: keyrings (`crypto keyring`), ISAKMP profiles
 * (`crypto isakmp profile`), certificate trustpoints (`crypto pki trustpoint`) and dead peer
 * detection (`crypto isakmp keepalive`). Data only, like the rest of the IR: which key and which
 * profile IOS picks is a rule (`lib/rules/ike-auth.ts`, docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 */
import type { Traceable, VirtualTemplateRef } from './router-config.js';

/** The peer a keyring key is for: an address or subnet, or an ISAKMP identity hostname. */
export type KeyringPeer =
  /** `pre-shared-key address A [MASK]`; `0.0.0.0 0.0.0.0` is the wildcard. */
  | { readonly kind: 'address'; readonly address: string; readonly prefixLength: number }
  /** `pre-shared-key hostname H`: found by the peer's FQDN identity (aggressive mode), never by address. */
  | { readonly kind: 'hostname'; readonly hostname: string };

/** `pre-shared-key {address A [MASK] | hostname H} key [0|6|7] K` inside `crypto keyring`. */
export interface KeyringKey extends Traceable {
  readonly peer: KeyringPeer;
  /** The key as written; for `encryption` 6 or 7 the encrypted form. Never log it. */
  readonly key: string;
  /** 0 = clear text, 6 = AES-encrypted, 7 = Vigenere-obfuscated. @default 0 */
  readonly encryption: 0 | 6 | 7;
}

/** `local-address IF` or `local-address A` of a keyring or profile: the local IKE address it serves. */
export type LocalAddress =
  { readonly kind: 'interface'; readonly interface: string } | { readonly kind: 'address'; readonly address: string };

/** `crypto keyring NAME [vrf V]`. */
export interface Keyring extends Traceable {
  readonly name: string;
  /** Front-door VRF whose peers the keyring serves. @default - the global routing table */
  readonly vrf?: string;
  readonly description?: string;
  /** Serves only IKE on this local address. @default - every local address */
  readonly localAddress?: LocalAddress;
  /** Keys in configuration order. */
  readonly keys: readonly KeyringKey[];
  /** Lines inside the keyring that the IR does not model (`rsa-pubkey ...`), without indentation. */
  readonly extraLines: readonly string[];
}

/** One `match identity ...` line of an ISAKMP profile: which peer identities select the profile. */
export type IdentityMatch = Traceable &
  /** `match identity address A [MASK]`: an ID_IPV4_ADDR inside the subnet (mask default 255.255.255.255). */
  (
    | { readonly kind: 'address'; readonly address: string; readonly prefixLength: number }
    /** `match identity host H`: an ID_FQDN equal to H. */
    | { readonly kind: 'host'; readonly hostname: string }
    /** `match identity host domain D`: an ID_FQDN that ends with D. */
    | { readonly kind: 'host-domain'; readonly domain: string }
  );

/** `self-identity address | fqdn | user-fqdn U` of a profile, or `crypto isakmp identity` globally. */
export type SelfIdentity =
  /** ID_IPV4_ADDR: the local IKE address (the IOS default). */
  | { readonly kind: 'address' }
  /** ID_FQDN: `hostname` plus `ip domain name`. */
  | { readonly kind: 'fqdn' }
  /** ID_USER_FQDN with the given value. */
  | { readonly kind: 'user-fqdn'; readonly user: string }
  /** ID_DER_ASN1_DN: the certificate's distinguished name (`crypto isakmp identity dn`). */
  | { readonly kind: 'dn' };

/** A keyring named by a profile's `keyring NAME` line. */
export interface ProfileKeyring extends Traceable {
  readonly name: string;
}

/**
 * Dead peer detection: `crypto isakmp keepalive S [R] [periodic|on-demand]` globally, or
 * `keepalive S retry R` in a profile.
 */
export interface DeadPeerDetection extends Traceable {
  /** Seconds between DPD messages (10-3600). */
  readonly seconds: number;
  /** Seconds between retries while the peer does not answer (2-60). @default 2 */
  readonly retry?: number;
  /** When DPD messages are sent. @default 'on-demand' (not printed) */
  readonly mode?: 'periodic' | 'on-demand';
}

/** `crypto isakmp profile NAME`. */
export interface IsakmpProfile extends Traceable {
  readonly name: string;
  readonly description?: string;
  /** `keyring NAME` lines; none means the global keys (`crypto isakmp key`). */
  readonly keyrings: readonly ProfileKeyring[];
  /** `match identity ...` lines: the responder selects the profile whose line matches the initiator's identity. */
  readonly matchIdentities: readonly IdentityMatch[];
  /** `self-identity`. @default - the global `crypto isakmp identity` */
  readonly selfIdentity?: SelfIdentity;
  /** `keepalive S retry R`. @default - the global `crypto isakmp keepalive` */
  readonly keepalive?: DeadPeerDetection;
  /** `local-address IF|A`. @default - the crypto interface */
  readonly localAddress?: LocalAddress;
  /** `ca trust-point T` lines: the trustpoints this profile accepts certificates from. */
  readonly trustpoints: readonly string[];
  /** `virtual-template N`: the peers of the profile are answered by a dynamic VTI. @default - none */
  readonly virtualTemplate?: VirtualTemplateRef;
  /** Lines inside the profile that the IR does not model, without indentation. */
  readonly extraLines: readonly string[];
}

/** `crypto pki trustpoint T` (or the older `crypto ca trustpoint T` / `crypto ca identity T`). */
export interface Trustpoint extends Traceable {
  readonly name: string;
  /** The header as written: `pki trustpoint`, `ca trustpoint` or `ca identity`. */
  readonly keyword: 'pki trustpoint' | 'ca trustpoint' | 'ca identity';
  /** The block's lines (enrollment, subject name, ...), kept as written without indentation. */
  readonly lines: readonly string[];
}
