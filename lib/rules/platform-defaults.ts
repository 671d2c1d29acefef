/**
 * What the platform defaults mean for a router: the effective ISAKMP policies (unset fields filled,
 * or the built-in policies of newer releases), the effective transform sets of a crypto map entry,
 * and whether legacy algorithms are refused. The values themselves are IOS vocabulary
 * (`lib/ir/ike-vocabulary.ts`); docs/ios-semantics.md, "Platform defaults".
 *
 * IOS-XE 17.11.1 and later refuse legacy algorithms (field notice FN72510) unless
 * `crypto engine compliance shield disable` is configured.
 */
import {
  BUILT_IN_ISAKMP_POLICIES,
  DEFAULT_TRANSFORM_SET_TRANSFORMS,
  HAS_BUILT_IN_IKE_DEFAULTS,
  ISAKMP_POLICY_DEFAULTS,
} from '../ir/ike-vocabulary.js';
import type {
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  IsakmpPolicy,
  RouterConfig,
  SourceLocation,
} from '../ir/router-config.js';
import { IdentityCache } from '../ir/identity-cache.js';

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

/** A transform set with its transforms, configured or built in. */
export interface EffectiveTransformSet {
  readonly name: string;
  readonly transforms: readonly string[];
  readonly builtIn: boolean;
  readonly loc?: SourceLocation;
}

/** Built-in transform sets of 12.4(20)T+ / IOS-XE, in the order IOS offers them. */
export const DEFAULT_TRANSFORM_SETS: readonly EffectiveTransformSet[] = DEFAULT_TRANSFORM_SET_TRANSFORMS.map((t) => ({
  name: t.name,
  transforms: t.transforms,
  builtIn: true,
}));

/** True when the platform has built-in default policies and transform sets (not IOS 12.2). */
export function hasBuiltInDefaults(config: RouterConfig): boolean {
  return HAS_BUILT_IN_IKE_DEFAULTS[config.platform];
}

/**
 * The policies a router uses, in ascending priority: configured ones with defaults filled in, or,
 * when none is configured on a release that has them, the built-in default policies.
 */
export function effectiveIsakmpPolicies(config: RouterConfig): EffectiveIsakmpPolicy[] {
  if (config.isakmpPolicies.length === 0) {
    if (!hasBuiltInDefaults(config)) return [];
    return BUILT_IN_ISAKMP_POLICIES.map(([priority, encryption, hash, authentication, group]) => ({
      priority,
      encryption,
      hash,
      authentication,
      group,
      lifetime: ISAKMP_POLICY_DEFAULTS.lifetime,
      builtIn: true,
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
export function effectiveTransformSets(
  config: RouterConfig,
  names: readonly string[],
): readonly EffectiveTransformSet[] {
  const perConfig = effectiveSets.get(config, newSetMap);
  const key = names.length === 1 ? names[0]! : names.join('\u0000');
  let list = perConfig.get(key);
  if (list === undefined) perConfig.set(key, (list = buildEffectiveTransformSets(config, names)));
  return list;
}

const effectiveSets = new IdentityCache<RouterConfig, Map<string, readonly EffectiveTransformSet[]>>();
const newSetMap = (): Map<string, readonly EffectiveTransformSet[]> => new Map();

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
  return legacyCache.get(config, computeRejectsLegacy);
}

const legacyCache = new IdentityCache<RouterConfig, boolean>();

function computeRejectsLegacy(config: RouterConfig): boolean {
  if (config.platform !== 'ios-xe-17' || config.options.complianceShieldDisabled) return false;
  const m = /^(\d+)\.(\d+)/.exec(config.version ?? '');
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 17 || (major === 17 && minor >= 11);
}
