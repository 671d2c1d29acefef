/**
 * What constructs need when they produce IR: the stack id (HKDF salt for derived keys), how keys
 * are presented, and a builder that a Router hands to its children.
 */
import type {
  AccessList,
  CryptoMap,
  DynamicCryptoMap,
  ExtraLine,
  Ikev2Keyring,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
  InterfaceConfig,
  IpsecProfile,
  IpSlaOperation,
  IsakmpKey,
  IsakmpPolicy,
  IsakmpProfile,
  Keyring,
  KeyringKey,
  NatRule,
  RouteMap,
  StaticRoute,
  TransformSet,
} from '../ir/router-config.js';

/**
 * - `cleartext`: keys are resolved from their source and written into the configs (what a device needs).
 * - `placeholder`: keys are not resolved; each is written as a stable token that is equal on both
 *   ends of a pair (`HUBSPOKE-PSK-<hash of the pair>`), for reviews and CI runs without secrets.
 */
export type KeyPresentation = 'cleartext' | 'placeholder';

/** Context of one IR production. */
export interface IrContext {
  /** Stack id. */
  readonly stackId: string;
  /** @default 'cleartext' */
  readonly keyPresentation: KeyPresentation;
  /** Environment to read secrets from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Mutable collections a Router fills from its children before freezing them into a RouterConfig. */
export interface RouterIrBuilder {
  /** Interfaces, in tree order. */
  readonly interfaces: InterfaceConfig[];
  /** Derived routes first, then declared ones. */
  readonly staticRoutes: StaticRoute[];
  /** Access lists, in tree order. */
  readonly accessLists: AccessList[];
  /** ISAKMP policies (sorted by priority afterwards). */
  readonly isakmpPolicies: IsakmpPolicy[];
  /** Pre-shared keys, resolved. */
  readonly isakmpKeys: IsakmpKey[];
  /** Keyrings (their keys arrive in `keyringKeys`). */
  readonly keyrings: Keyring[];
  /** Resolved keys of keyrings, with the keyring's name. */
  readonly keyringKeys: { readonly keyring: string; readonly key: KeyringKey }[];
  /** ISAKMP profiles, in tree order. */
  readonly isakmpProfiles: IsakmpProfile[];
  /** Transform sets, in tree order. */
  readonly transformSets: TransformSet[];
  /** IPsec profiles (tunnel protection), in tree order. */
  readonly ipsecProfiles: IpsecProfile[];
  /** Crypto maps (entries sorted by sequence afterwards). */
  readonly cryptoMaps: CryptoMap[];
  /** Dynamic crypto maps, in tree order. */
  readonly dynamicMaps: DynamicCryptoMap[];
  /** IP SLA operations (sorted by number afterwards). */
  readonly ipSlas: IpSlaOperation[];
  /** `ip nat inside source ...` rules, in tree order. */
  readonly natRules: NatRule[];
  /** Route-maps (entries sorted by sequence afterwards). */
  readonly routeMaps: RouteMap[];
  /** `crypto ikev2 proposal` blocks, in tree order. */
  readonly ikev2Proposals: Ikev2Proposal[];
  /** `crypto ikev2 policy` blocks, in tree order. */
  readonly ikev2Policies: Ikev2Policy[];
  /** `crypto ikev2 keyring` blocks with their peers and resolved keys, in tree order. */
  readonly ikev2Keyrings: Ikev2Keyring[];
  /** `crypto ikev2 profile` blocks, in tree order. */
  readonly ikev2Profiles: Ikev2Profile[];
  /** Raw global lines. */
  readonly extraLines: ExtraLine[];
}

/** A construct that contributes IR elements to its enclosing Router. */
export interface IRouterElement {
  /** Adds this construct's IR element(s), with `origin` = its construct path. */
  contributeIr(builder: RouterIrBuilder, context: IrContext): void;
}

/** True when `x` contributes IR to a Router. */
export function isRouterElement(x: unknown): x is IRouterElement {
  return typeof x === 'object' && x !== null && typeof (x as { contributeIr?: unknown }).contributeIr === 'function';
}
