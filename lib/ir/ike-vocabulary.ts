/**
 * The IKEv1 / IPsec vocabulary of IOS: the values its commands accept and what an unset value
 * means, written once for the parser, the renderer, the rules and the constructs
 * (docs/ios-semantics.md, "Platform defaults"). Each table is `as const`; the types are derived
 * from the tables, so a new value is added in one place.
 *
 * - `crypto isakmp policy` field defaults (IOS command reference, 12.2 and later): encryption DES,
 *   hash SHA, authentication rsa-sig, Diffie-Hellman group 1, lifetime 86400 s. Batfish's
 *   3DES/SHA/pre-share/group 2 is not what IOS does.
 * - From 12.4(20)T and on IOS-XE, a router with no `crypto isakmp policy` uses built-in default
 *   policies 65507-65514 (`show crypto isakmp default policy`), and a crypto map entry with no
 *   `set transform-set` uses the default transform sets `#$!default_transform_set_1`
 *   (esp-aes esp-sha-hmac) then `#$!default_transform_set_0` (esp-3des esp-sha-hmac).
 *   IOS 12.2 has neither: no policy means no phase 1, no transform set means an incomplete entry.
 * - IPsec SA lifetime defaults: 3600 s and 4,608,000 KB.
 */
import type { Platform } from './router-config.js';

/** Diffie-Hellman groups the IOS `group` and `set pfs groupN` commands offer across 12.2-17.x. */
export const DH_GROUPS = [1, 2, 5, 14, 15, 16, 19, 20, 21, 24] as const;
/** A Diffie-Hellman group number IOS knows. */
export type DhGroup = (typeof DH_GROUPS)[number];

const DH_GROUP_SET: ReadonlySet<number> = new Set(DH_GROUPS);

/** True when IOS knows `group` as a Diffie-Hellman group. */
export function isDhGroup(group: number): group is DhGroup {
  return DH_GROUP_SET.has(group);
}

/** ISAKMP policy encryption algorithms (`aes 192` is `aes-192` here). */
export const ISAKMP_ENCRYPTIONS = ['des', '3des', 'aes', 'aes-192', 'aes-256'] as const;
/** An ISAKMP policy encryption algorithm. */
export type IsakmpEncryption = (typeof ISAKMP_ENCRYPTIONS)[number];

/** ISAKMP policy hashes. */
export const ISAKMP_HASHES = ['md5', 'sha', 'sha256', 'sha384', 'sha512'] as const;
/** An ISAKMP policy hash. */
export type IsakmpHash = (typeof ISAKMP_HASHES)[number];

/** ISAKMP policy authentication methods. */
export const ISAKMP_AUTHENTICATIONS = ['pre-share', 'rsa-sig', 'rsa-encr'] as const;
/** An ISAKMP policy authentication method. */
export type IsakmpAuthentication = (typeof ISAKMP_AUTHENTICATIONS)[number];

/** The values of an ISAKMP policy's fields. */
export interface IsakmpPolicyValues {
  readonly encryption: IsakmpEncryption;
  readonly hash: IsakmpHash;
  readonly authentication: IsakmpAuthentication;
  readonly group: number;
  /** Seconds. */
  readonly lifetime: number;
}

/** What an unset field of `crypto isakmp policy` means (every platform hubspoke knows). */
export const ISAKMP_POLICY_DEFAULTS = {
  encryption: 'des',
  hash: 'sha',
  authentication: 'rsa-sig',
  group: 1,
  lifetime: 86400,
} as const satisfies IsakmpPolicyValues;

/** The range of `lifetime` in `crypto isakmp policy`, seconds. */
export const ISAKMP_LIFETIME_SECONDS = { min: 60, max: 86400 } as const;

/**
 * Seconds between two retransmissions of an unanswered main mode message (the 10 s spacing of
 * `retransmitting phase 1 ...` in IOS debug captures; docs/emulator.md#ike-timing).
 */
export const IKE_PHASE1_RETRANSMIT_SECONDS = 10;

/** Default IPsec SA lifetimes (`crypto ipsec security-association lifetime`). */
export const IPSEC_SA_LIFETIME_DEFAULTS = { seconds: 3600, kilobytes: 4608000 } as const;

/** The ranges `set security-association lifetime seconds|kilobytes` accepts. */
export const IPSEC_SA_LIFETIME_RANGES = {
  seconds: { min: 120, max: 86400 },
  kilobytes: { min: 2560, max: 4294967295 },
} as const;

/** The Diffie-Hellman group of a bare `set pfs` (IOS `set pfs` reference: group 1). */
export const PFS_DEFAULT_GROUP = 1;

/**
 * The built-in default ISAKMP policies of 12.4(20)T and later, highest priority first:
 * `[priority, encryption, hash, authentication, group]`, all with the default lifetime.
 */
// Evidence: the IOS command reference for `show crypto isakmp policy` (12.4(20)T: "eight default
// IKE policies ... priorities 65507-65514, where 65507 is the highest priority", shown unless a
// policy is configured or `no crypto isakmp default policy`). A real IOS 15 capture of the output
// lists 65507 AES-128/SHA/rsa-sig/group 5, 65508 AES-128/SHA/pre-share/group 5, 65509
// AES-128/MD5/rsa-sig/group 5, 65510 AES-128/MD5/pre-share, all 86400 s. The 3DES/group 2 rows
// 65511-65514 follow the same pattern but were not confirmed from a published capture.
export const BUILT_IN_ISAKMP_POLICIES = [
  [65507, 'aes', 'sha', 'rsa-sig', 5],
  [65508, 'aes', 'sha', 'pre-share', 5],
  [65509, 'aes', 'md5', 'rsa-sig', 5],
  [65510, 'aes', 'md5', 'pre-share', 5],
  [65511, '3des', 'sha', 'rsa-sig', 2],
  [65512, '3des', 'sha', 'pre-share', 2],
  [65513, '3des', 'md5', 'rsa-sig', 2],
  [65514, '3des', 'md5', 'pre-share', 2],
] as const satisfies readonly (readonly [number, IsakmpEncryption, IsakmpHash, IsakmpAuthentication, DhGroup])[];

/** The built-in transform sets of 12.4(20)T and later / IOS-XE, in the order IOS offers them. */
export const DEFAULT_TRANSFORM_SET_TRANSFORMS = [
  { name: '#$!default_transform_set_1', transforms: ['esp-aes', 'esp-sha-hmac'] },
  { name: '#$!default_transform_set_0', transforms: ['esp-3des', 'esp-sha-hmac'] },
] as const;

/** Per platform: whether it has the built-in default policies and transform sets (12.2 has not). */
export const HAS_BUILT_IN_IKE_DEFAULTS = {
  'ios-12.2': false,
  'ios-15': true,
  'ios-xe-17': true,
} as const satisfies Readonly<Record<Platform, boolean>>;

/**
 * Dead peer detection (`crypto isakmp keepalive seconds [retry-seconds] [periodic | on-demand]`,
 * Cisco IOS Security Command Reference; introduced in 12.2(8)T, `periodic` in 12.3(7)T): the
 * interval 10-3600 s, the retry interval 2-60 s (default 2 s), on-demand unless `periodic`.
 */
export const DPD_SECONDS = { min: 10, max: 3600 } as const;
/**
 * `crypto isakmp nat keepalive seconds` (Cisco IOS Security Command Reference; IPsec NAT
 * Transparency, 12.2(13)T): 5-3600 s between NAT keepalives (docs/ios-semantics.md#nat-traversal).
 */
export const NAT_KEEPALIVE_SECONDS = { min: 5, max: 3600 } as const;
/** The range of the DPD retry interval, seconds. */
export const DPD_RETRY_SECONDS = { min: 2, max: 60 } as const;
/** DPD values when a keyword or number is left out. */
export const DPD_DEFAULTS = { retry: 2, mode: 'on-demand' } as const;
/** The DPD modes IOS knows. */
export const DPD_MODES = ['periodic', 'on-demand'] as const;
/**
 * Unanswered R-U-THERE messages are retransmitted every retry interval, at most five times, before
 * the peer is declared dead; the count cannot be configured on IOS (docs/ios-semantics.md#dead-peer-detection).
 */
export const DPD_RETRANSMISSIONS = 5;

/**
 * DPD per platform family: `mainline` is true where every release of the family has `crypto isakmp
 * keepalive` (IOS 12.2 mainline, the reference lab's 12.2(24a), has not: it came with 12.2(8)T and
 * 12.3), `periodic` where the keyword exists (12.3(7)T and later, so never on 12.2).
 */
export const DPD_SUPPORT = {
  'ios-12.2': { mainline: false, periodic: false },
  'ios-15': { mainline: true, periodic: true },
  'ios-xe-17': { mainline: true, periodic: true },
} as const satisfies Readonly<Record<Platform, { readonly mainline: boolean; readonly periodic: boolean }>>;
