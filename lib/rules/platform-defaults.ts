/**
 * Platform defaults for IKEv1 / IPsec: what an unset ISAKMP policy field means, the built-in
 * default policies and transform sets of newer releases, SA lifetimes, and whether legacy
 * algorithms are refused.
 *
 * - ISAKMP policy field defaults (IOS "crypto isakmp policy" reference, 12.2 and later): encryption
 *   DES, hash SHA, authentication rsa-sig, Diffie-Hellman group 1, lifetime 86400 s. Batfish's
 *   3DES/SHA/pre-share/group 2 is not what IOS does.
 * - From 12.4(20)T and on IOS-XE, a router with no `crypto isakmp policy` uses built-in default
 *   policies 65507-65514 (`show crypto isakmp default policy`), and a crypto map entry with no
 *   `set transform-set` uses the default transform sets `#$!default_transform_set_1`
 *   (esp-aes esp-sha-hmac) then `#$!default_transform_set_0` (esp-3des esp-sha-hmac).
 *   IOS 12.2 has neither: no policy means no phase 1, no transform set means an incomplete entry.
 * - IPsec SA lifetime defaults: 3600 s and 4,608,000 KB.
 * - IOS-XE 17.11.1 and later refuse legacy algorithms (field notice FN72510) unless
 *   `crypto engine compliance shield disable` is configured.
 */
import type {
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  IsakmpPolicy,
  RouterConfig,
  SourceLocation,
} from '../ir/router-config.js';

/** An ISAKMP policy with every field resolved to its effective value. */
export interface EffectiveIsakmpPolicy {
  readonly priority: number;
  readonly encryption: IsakmpEncryption;
  readonly hash: IsakmpHash;
  readonly authentication: IsakmpAuthentication;
  readonly group: number;
  /** Seconds. */
  readonly lifetime: number;
  /** True for a built-in default policy (65507-65514) of releases from 12.4(20)T on. */
  readonly builtIn: boolean;
  /** The configured policy. @default - built-in, not configured */
  readonly policy?: IsakmpPolicy;
  readonly loc?: SourceLocation;
}

/** Field defaults of `crypto isakmp policy` (all platforms hubspoke knows). */
export const ISAKMP_POLICY_DEFAULTS = {
  encryption: 'des',
  hash: 'sha',
  authentication: 'rsa-sig',
  group: 1,
  lifetime: 86400,
} as const satisfies Omit<EffectiveIsakmpPolicy, 'priority' | 'builtIn' | 'policy' | 'loc'>;

/** Default IPsec SA lifetime in seconds. */
export const DEFAULT_SA_LIFETIME_SECONDS = 3600;
/** Default IPsec SA lifetime in kilobytes. */
export const DEFAULT_SA_LIFETIME_KILOBYTES = 4608000;

type BuiltIn = readonly [number, IsakmpEncryption, IsakmpHash, IsakmpAuthentication, number];
// Evidence: the IOS command reference for `show crypto isakmp policy` (12.4(20)T: "eight default
// IKE policies ... priorities 65507-65514, where 65507 is the highest priority", shown unless a
// policy is configured or `no crypto isakmp default policy`). A real IOS 15 capture of the output
// lists 65507 AES-128/SHA/rsa-sig/group 5, 65508 AES-128/SHA/pre-share/group 5, 65509
// AES-128/MD5/rsa-sig/group 5, 65510 AES-128/MD5/pre-share, all 86400 s. The 3DES/group 2 rows
// 65511-65514 follow the same pattern but were not confirmed from a published capture.
const BUILT_IN_POLICIES: readonly BuiltIn[] = [
  [65507, 'aes', 'sha', 'rsa-sig', 5],
  [65508, 'aes', 'sha', 'pre-share', 5],
  [65509, 'aes', 'md5', 'rsa-sig', 5],
  [65510, 'aes', 'md5', 'pre-share', 5],
  [65511, '3des', 'sha', 'rsa-sig', 2],
  [65512, '3des', 'sha', 'pre-share', 2],
  [65513, '3des', 'md5', 'rsa-sig', 2],
  [65514, '3des', 'md5', 'pre-share', 2],
];

/** A transform set with its transforms, configured or built in. */
export interface EffectiveTransformSet {
  readonly name: string;
  readonly transforms: readonly string[];
  readonly builtIn: boolean;
  readonly loc?: SourceLocation;
}

/** Built-in transform sets of 12.4(20)T+ / IOS-XE, in the order IOS offers them. */
export const DEFAULT_TRANSFORM_SETS: readonly EffectiveTransformSet[] = [
  { name: '#$!default_transform_set_1', transforms: ['esp-aes', 'esp-sha-hmac'], builtIn: true },
  { name: '#$!default_transform_set_0', transforms: ['esp-3des', 'esp-sha-hmac'], builtIn: true },
];

/** True when the platform has built-in default policies and transform sets (not IOS 12.2). */
export function hasBuiltInDefaults(config: RouterConfig): boolean {
  return config.platform !== 'ios-12.2';
}

/**
 * The policies a router uses, in ascending priority: configured ones with defaults filled in, or,
 * when none is configured on a release that has them, the built-in default policies.
 */
export function effectiveIsakmpPolicies(config: RouterConfig): EffectiveIsakmpPolicy[] {
  if (config.isakmpPolicies.length === 0) {
    if (!hasBuiltInDefaults(config)) return [];
    return BUILT_IN_POLICIES.map(([priority, encryption, hash, authentication, group]) => ({
      priority, encryption, hash, authentication, group, lifetime: ISAKMP_POLICY_DEFAULTS.lifetime, builtIn: true,
    }));
  }
  return [...config.isakmpPolicies]
    .sort((a, b) => a.priority - b.priority)
    .map((p) => ({
      priority: p.priority,
      encryption: p.encryption ?? ISAKMP_POLICY_DEFAULTS.encryption,
      hash: p.hash ?? ISAKMP_POLICY_DEFAULTS.hash,
      authentication: p.authentication ?? ISAKMP_POLICY_DEFAULTS.authentication,
      group: p.group ?? ISAKMP_POLICY_DEFAULTS.group,
      lifetime: p.lifetime ?? ISAKMP_POLICY_DEFAULTS.lifetime,
      builtIn: false,
      policy: p,
      ...(p.loc ? { loc: p.loc } : {}),
    }));
}

/**
 * The transform sets a crypto map entry offers or accepts, in its order. Names that do not exist
 * are skipped (IOS refuses them at configuration time); with no name at all, newer releases use
 * the built-in sets and 12.2 has none. The list is shared by every entry of the router that names
 * the same sets (a hub has one entry per spoke, all naming one set), so it is read-only.
 */
export function effectiveTransformSets(config: RouterConfig, names: readonly string[]): readonly EffectiveTransformSet[] {
  let perConfig = effectiveSets.get(config);
  if (!perConfig) effectiveSets.set(config, (perConfig = new Map()));
  const key = names.length === 1 ? names[0]! : names.join('\u0000');
  let list = perConfig.get(key);
  if (list === undefined) perConfig.set(key, (list = buildEffectiveTransformSets(config, names)));
  return list;
}

const effectiveSets = new WeakMap<RouterConfig, Map<string, readonly EffectiveTransformSet[]>>();

function buildEffectiveTransformSets(config: RouterConfig, names: readonly string[]): readonly EffectiveTransformSet[] {
  if (names.length === 0) return hasBuiltInDefaults(config) ? DEFAULT_TRANSFORM_SETS : [];
  const out: EffectiveTransformSet[] = [];
  for (const name of names) {
    const ts = config.transformSets.find((t) => t.name === name);
    if (ts) out.push({ name: ts.name, transforms: ts.transforms, builtIn: false, ...(ts.loc ? { loc: ts.loc } : {}) });
  }
  return out;
}

/**
 * True when the router refuses legacy algorithms: IOS-XE from 17.11.1 without
 * `crypto engine compliance shield disable`. A `version` line below 17.11 turns it off; an
 * `ios-xe-17` config without a version line is taken to be current (17.11 or later).
 */
export function rejectsLegacyAlgorithms(config: RouterConfig): boolean {
  let r = legacyCache.get(config);
  if (r === undefined) legacyCache.set(config, (r = computeRejectsLegacy(config)));
  return r;
}

const legacyCache = new WeakMap<RouterConfig, boolean>();

function computeRejectsLegacy(config: RouterConfig): boolean {
  if (config.platform !== 'ios-xe-17' || config.options.complianceShieldDisabled) return false;
  const m = /^(\d+)\.(\d+)/.exec(config.version ?? '');
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 17 || (major === 17 && minor >= 11);
}
