/**
 * The crypto a hub and its spokes share (they must match for IKE to succeed): one ISAKMP policy,
 * one transform set, one crypto map name, PFS and the legacy opt-ins. Strong by default.
 */
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { IsakmpPolicyProps } from '../constructs/isakmp-policy.js';
import { DEFAULT_PFS_GROUP } from '../constructs/crypto-map.js';
import { DEFAULT_TRANSFORMS } from '../constructs/transform-set.js';
import { wordName } from '../constructs/schemas.js';
import type { Ikev2CryptoSettings } from './ikev2-settings.js';

/** Crypto settings of a hub-and-spoke VPN. */
export interface CryptoSettings {
  /** ISAKMP policy (phase 1). @default - AES-256, SHA-256, pre-share, DH group 19, priority 10 */
  readonly isakmp?: Omit<IsakmpPolicyProps, 'allowLegacyCrypto'>;
  /**
   * The IKEv2 proposal, with `ike: 'v2'` on the Hub.
   * @default - AES-CBC-256, SHA-256, DH group 19 (`DEFAULT_IKEV2_PROPOSAL`)
   */
  readonly ikev2?: Ikev2CryptoSettings;
  /** Transforms of the transform set (phase 2). @default ['esp-aes 256', 'esp-sha256-hmac'] */
  readonly transforms?: readonly string[];
  /** Transform set name. @default 'HUBSPOKE-TS' */
  readonly transformSetName?: string;
  /** Crypto map name, on every router. @default 'HUBSPOKE-MAP' */
  readonly cryptoMapName?: string;
  /** PFS group on every entry, or `false` for none (warned). @default 19 */
  readonly pfs?: number | false;
  /** `set security-association lifetime seconds` on every entry. @default - IOS default 3600 s */
  readonly saLifetimeSeconds?: number;
  /**
   * Allow DES, 3DES, MD5 and DH groups 1/2/5 (each use is a warning). For labs that must match old
   * devices, like the reference lab. Set here, it applies to the hub and every spoke and wins over
   * the stack's setting.
   * @default - the `HubSpokeStack`'s `allowLegacyCrypto`, else false
   */
  readonly allowLegacyCrypto?: boolean;
  /**
   * Render `crypto engine compliance shield disable` on IOS-XE 17 routers, which IOS-XE >= 17.11
   * needs to accept legacy algorithms at all (Cisco FN72510). Not recommended.
   * @default false
   */
  readonly complianceShieldDisabled?: boolean;
}

/** Settings with defaults applied. */
export interface ResolvedCryptoSettings {
  /** ISAKMP policy props (unset fields take the construct's strong defaults). */
  readonly isakmp: Omit<IsakmpPolicyProps, 'allowLegacyCrypto'>;
  /** IKEv2 proposal props (unset fields take the construct's strong defaults). */
  readonly ikev2: Ikev2CryptoSettings;
  /** Transforms of the transform set. */
  readonly transforms: readonly string[];
  /** Transform set name. */
  readonly transformSetName: string;
  /** Crypto map name. */
  readonly cryptoMapName: string;
  /** PFS group, or false. */
  readonly pfs: number | false;
  /** IPsec SA lifetime, seconds. @default - IOS default */
  readonly saLifetimeSeconds?: number;
  /** Legacy crypto allowed, when the settings say so. @default - the stack's setting (each router asks its stack) */
  readonly allowLegacyCrypto?: boolean;
  /** Compliance shield disabled on IOS-XE. */
  readonly complianceShieldDisabled: boolean;
}

/** Shape check only; algorithm values are validated by the L1 constructs that receive them. */
export const cryptoSettingsSchema = lazy(() =>
  zod()
    .object({
      isakmp: zod().object({}).passthrough().optional(),
      ikev2: zod().object({}).passthrough().optional(),
      transforms: zod().array(zod().string()).optional(),
      transformSetName: wordName().optional(),
      cryptoMapName: wordName().optional(),
      pfs: zod()
        .union([zod().literal(false), zod().number()])
        .optional(),
      saLifetimeSeconds: zod().number().optional(),
      allowLegacyCrypto: zod().boolean().optional(),
      complianceShieldDisabled: zod().boolean().optional(),
    })
    .optional(),
);

/** Applies the strong defaults. */
export function resolveCryptoSettings(s: CryptoSettings | undefined): ResolvedCryptoSettings {
  return {
    isakmp: s?.isakmp ?? {},
    ikev2: s?.ikev2 ?? {},
    transforms: s?.transforms ?? DEFAULT_TRANSFORMS,
    transformSetName: s?.transformSetName ?? 'HUBSPOKE-TS',
    cryptoMapName: s?.cryptoMapName ?? 'HUBSPOKE-MAP',
    pfs: s?.pfs ?? DEFAULT_PFS_GROUP,
    ...(s?.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: s.saLifetimeSeconds } : {}),
    ...(s?.allowLegacyCrypto !== undefined ? { allowLegacyCrypto: s.allowLegacyCrypto } : {}),
    complianceShieldDisabled: s?.complianceShieldDisabled ?? false,
  };
}
