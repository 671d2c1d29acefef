/**
 * Algorithm strength for IKEv1 phase 1 (ISAKMP policies) and phase 2 (transform sets, PFS), and
 * what each platform can configure. IOS vocabulary: pure data and small functions, shared by the
 * constructs (which refuse weak crypto without an explicit opt-in), the rules and the verifier
 * (which reports it in hand-written configs).
 *
 * Sources: Cisco field notice FN72510 (IOS-XE 17.11.1 rejects DES, 3DES, MD5, DH groups 1/2/5,
 * esp-null, esp-gmac and AH-MD5 by default unless `crypto engine compliance shield disable`),
 * Cisco "Next Generation Encryption" guidance (AES-256, SHA-256+, DH 19/20 preferred, 14 minimum).
 */
import {
  DH_GROUPS,
  type DhGroup,
  ISAKMP_ENCRYPTIONS,
  ISAKMP_HASHES,
  ISAKMP_POLICY_DEFAULTS,
  PFS_DEFAULT_GROUP,
  type IsakmpEncryption,
  type IsakmpHash,
} from './ike-vocabulary.js';
import type { Ikev2Encryption, Ikev2Hash } from './ikev2-vocabulary.js';
import type { Platform } from './router-config.js';

/**
 * - `legacy`: broken or deprecated; needs an explicit opt-in and is rejected by IOS-XE >= 17.11.
 * - `acceptable`: still accepted everywhere, but not what a new network should choose.
 * - `recommended`: current guidance.
 */
export type AlgorithmStrength = 'legacy' | 'acceptable' | 'recommended';

const ISAKMP_ENCRYPTION: Readonly<Record<IsakmpEncryption, AlgorithmStrength>> = {
  des: 'legacy',
  '3des': 'legacy',
  aes: 'acceptable',
  'aes-192': 'acceptable',
  'aes-256': 'recommended',
};

const ISAKMP_HASH: Readonly<Record<IsakmpHash, AlgorithmStrength>> = {
  md5: 'legacy',
  sha: 'acceptable',
  sha256: 'recommended',
  sha384: 'recommended',
  sha512: 'recommended',
};

// Every group of DH_GROUPS has a strength (the `satisfies` below); other numbers are unknown.
const DH_GROUP: Readonly<Record<number, AlgorithmStrength>> = {
  1: 'legacy',
  2: 'legacy',
  5: 'legacy',
  14: 'acceptable',
  15: 'acceptable',
  16: 'acceptable',
  19: 'recommended',
  20: 'recommended',
  21: 'recommended',
  // Group 24 (2048-bit MODP with a 256-bit prime-order subgroup) is deprecated by RFC 8247.
  24: 'acceptable',
} satisfies Record<DhGroup, AlgorithmStrength>;

/**
 * Transforms IOS accepts in `crypto ipsec transform-set`, as IOS spells them (a key size is a
 * separate word: `esp-aes 256`).
 */
const TRANSFORMS: Readonly<Record<string, AlgorithmStrength>> = {
  'esp-des': 'legacy',
  'esp-3des': 'legacy',
  'esp-null': 'legacy',
  'esp-gmac': 'legacy',
  'esp-md5-hmac': 'legacy',
  'ah-md5-hmac': 'legacy',
  'esp-aes': 'acceptable',
  'esp-aes 128': 'acceptable',
  'esp-aes 192': 'acceptable',
  'esp-aes 256': 'recommended',
  'esp-gcm': 'acceptable',
  'esp-gcm 128': 'acceptable',
  'esp-gcm 192': 'acceptable',
  'esp-gcm 256': 'recommended',
  'esp-sha-hmac': 'acceptable',
  'ah-sha-hmac': 'acceptable',
  'esp-sha256-hmac': 'recommended',
  'esp-sha384-hmac': 'recommended',
  'esp-sha512-hmac': 'recommended',
  'ah-sha256-hmac': 'recommended',
  'ah-sha384-hmac': 'recommended',
  'ah-sha512-hmac': 'recommended',
};

/** Every transform name hubspoke knows, in a stable order. */
export const KNOWN_TRANSFORMS: readonly string[] = Object.keys(TRANSFORMS);

/** Strength of an ISAKMP encryption algorithm (IOS default DES when unset). */
export function isakmpEncryptionStrength(value: IsakmpEncryption): AlgorithmStrength {
  return ISAKMP_ENCRYPTION[value];
}

/** Strength of an ISAKMP hash (IOS default SHA-1 when unset). */
export function isakmpHashStrength(value: IsakmpHash): AlgorithmStrength {
  return ISAKMP_HASH[value];
}

/** Strength of a Diffie-Hellman group; unknown groups are `legacy` (cannot be vouched for). */
export function dhGroupStrength(group: number): AlgorithmStrength {
  return DH_GROUP[group] ?? 'legacy';
}

/** Strength of one transform (`esp-aes 256`); unknown transforms are `legacy`. */
export function transformStrength(transform: string): AlgorithmStrength {
  return TRANSFORMS[normalizeTransform(transform)] ?? 'legacy';
}

/** True when hubspoke knows the transform name (with optional key size). */
export function isKnownTransform(transform: string): boolean {
  return normalizeTransform(transform) in TRANSFORMS;
}

function normalizeTransform(transform: string): string {
  return transform.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** One weak parameter found in a policy, transform set or PFS setting. */
export interface AlgorithmFinding {
  /** Which parameter, e.g. `hash`, `encryption`, `group`, `transform`, `pfs`. */
  readonly parameter: string;
  /** The value as IOS spells it, e.g. `md5`, `esp-des`, `group1`. */
  readonly value: string;
  readonly strength: AlgorithmStrength;
  /** True when IOS-XE >= 17.11 refuses it unless the compliance shield is disabled (FN72510). */
  readonly rejectedByIosXe1711: boolean;
}

function finding(parameter: string, value: string, strength: AlgorithmStrength): AlgorithmFinding {
  return { parameter, value, strength, rejectedByIosXe1711: strength === 'legacy' };
}

/**
 * Parameters of an ISAKMP policy that are not `recommended`, with IOS 12.2-era defaults filled
 * in for unset fields (DES, SHA, group 1): an unset value is as weak as its default.
 */
export function isakmpPolicyFindings(policy: {
  readonly encryption?: IsakmpEncryption;
  readonly hash?: IsakmpHash;
  readonly group?: number;
}): AlgorithmFinding[] {
  const out: AlgorithmFinding[] = [];
  const encryption = policy.encryption ?? ISAKMP_POLICY_DEFAULTS.encryption;
  const hash = policy.hash ?? ISAKMP_POLICY_DEFAULTS.hash;
  const group = policy.group ?? ISAKMP_POLICY_DEFAULTS.group;
  if (isakmpEncryptionStrength(encryption) !== 'recommended') {
    out.push(finding('encryption', encryption, isakmpEncryptionStrength(encryption)));
  }
  if (isakmpHashStrength(hash) !== 'recommended') out.push(finding('hash', hash, isakmpHashStrength(hash)));
  if (dhGroupStrength(group) !== 'recommended') out.push(finding('group', String(group), dhGroupStrength(group)));
  return out;
}

/** Transforms of a transform set that are not `recommended`. */
export function transformSetFindings(transforms: readonly string[]): AlgorithmFinding[] {
  return transforms
    .filter((t) => transformStrength(t) !== 'recommended')
    .map((t) => finding('transform', normalizeTransform(t), transformStrength(t)));
}

/** The PFS setting's finding: a bare `set pfs` means group 1 (IOS `set pfs` reference). */
export function pfsFindings(pfs: { readonly group?: number } | undefined): AlgorithmFinding[] {
  if (pfs === undefined) return [];
  const group = pfs.group ?? PFS_DEFAULT_GROUP;
  const strength = dhGroupStrength(group);
  return strength === 'recommended' ? [] : [finding('pfs', `group${group}`, strength)];
}

const IKEV2_ENCRYPTION: Readonly<Record<Ikev2Encryption, AlgorithmStrength>> = {
  des: 'legacy',
  '3des': 'legacy',
  'aes-cbc-128': 'acceptable',
  'aes-cbc-192': 'acceptable',
  'aes-cbc-256': 'recommended',
  'aes-gcm-128': 'acceptable',
  'aes-gcm-256': 'recommended',
};

const IKEV2_HASH: Readonly<Record<Ikev2Hash, AlgorithmStrength>> = {
  md5: 'legacy',
  sha1: 'acceptable',
  sha256: 'recommended',
  sha384: 'recommended',
  sha512: 'recommended',
};

/** Strength of an IKEv2 `encryption` keyword. */
export function ikev2EncryptionStrength(value: Ikev2Encryption): AlgorithmStrength {
  return IKEV2_ENCRYPTION[value];
}

/** Strength of an IKEv2 `integrity` or `prf` keyword. */
export function ikev2HashStrength(value: Ikev2Hash): AlgorithmStrength {
  return IKEV2_HASH[value];
}

/**
 * Algorithms of an IKEv2 proposal that are not `recommended` (same scale as IKEv1: DES, 3DES, MD5
 * and DH 1/2/5 are legacy and refused by IOS-XE >= 17.11, FN72510). Each listed algorithm counts:
 * a proposal offers all of them and the peer may pick any.
 */
export function ikev2ProposalFindings(p: {
  readonly encryption: readonly Ikev2Encryption[];
  readonly integrity: readonly Ikev2Hash[];
  readonly prf: readonly Ikev2Hash[];
  readonly groups: readonly number[];
}): AlgorithmFinding[] {
  const out: AlgorithmFinding[] = [];
  for (const e of p.encryption)
    if (IKEV2_ENCRYPTION[e] !== 'recommended') out.push(finding('encryption', e, IKEV2_ENCRYPTION[e]));
  for (const [parameter, list] of [
    ['integrity', p.integrity],
    ['prf', p.prf],
  ] as const)
    for (const h of list) if (IKEV2_HASH[h] !== 'recommended') out.push(finding(parameter, h, IKEV2_HASH[h]));
  for (const g of p.groups)
    if (dhGroupStrength(g) !== 'recommended') out.push(finding('group', String(g), dhGroupStrength(g)));
  return out;
}

/** What a platform can configure at all (older trains lack SHA-2 and elliptic-curve groups). */
export interface PlatformCryptoSupport {
  readonly isakmpEncryption: readonly IsakmpEncryption[];
  readonly isakmpHash: readonly IsakmpHash[];
  readonly dhGroups: readonly number[];
  /** Transform names (with key size) the platform accepts. */
  readonly transforms: readonly string[];
  /** True when the platform refuses `legacy` algorithms unless the compliance shield is disabled. */
  readonly rejectsLegacyByDefault: boolean;
}

const SUPPORT: Readonly<Record<Platform, PlatformCryptoSupport>> = {
  // IOS 12.2(13)T added AES for IKE and ESP; SHA-2 and DH groups above 5 came with 15.x.
  'ios-12.2': {
    isakmpEncryption: ISAKMP_ENCRYPTIONS,
    isakmpHash: ['md5', 'sha'],
    dhGroups: [1, 2, 5],
    transforms: KNOWN_TRANSFORMS.filter((t) => !/sha(256|384|512)|gcm|gmac/.test(t)),
    rejectsLegacyByDefault: false,
  },
  'ios-15': {
    isakmpEncryption: ISAKMP_ENCRYPTIONS,
    isakmpHash: ISAKMP_HASHES,
    dhGroups: DH_GROUPS,
    transforms: KNOWN_TRANSFORMS,
    rejectsLegacyByDefault: false,
  },
  'ios-xe-17': {
    isakmpEncryption: ISAKMP_ENCRYPTIONS,
    isakmpHash: ISAKMP_HASHES,
    dhGroups: DH_GROUPS,
    transforms: KNOWN_TRANSFORMS,
    rejectsLegacyByDefault: true,
  },
};

/** The crypto a platform can express. */
export function platformCryptoSupport(platform: Platform): PlatformCryptoSupport {
  return SUPPORT[platform];
}
