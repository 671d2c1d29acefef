/** Builds the Router and crypto constructs every hub and spoke has. */
import type { Construct } from 'constructs';
import type { Platform } from '../ir/router-config.js';
import { CryptoMap } from '../constructs/crypto-map.js';
import { Interface } from '../constructs/interface.js';
import { IsakmpPolicy } from '../constructs/isakmp-policy.js';
import type { IkeSourceProps } from './ike-source.js';
import { Router, type RouterRole } from '../constructs/router.js';
import { TransformSet } from '../constructs/transform-set.js';
import { defaultDeadPeerDetection, type DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import type { ResolvedCryptoSettings } from './crypto-settings.js';
import { createIkev2Parts, DEFAULT_IKE_VERSION, type IkeVersion, type Ikev2Parts } from './ikev2-settings.js';
import { buildSite, type LanProps, type SiteParts, type SiteRouteProps, type WanProps } from './site.js';

/** Inputs of `createSiteRouter`. */
export interface SiteRouterInput {
  readonly hostname: string;
  /** @default - the stack's platform */
  readonly platform?: Platform;
  readonly role: RouterRole;
  /** For a spoke, its hub's hostname. @default - none */
  readonly hubHostname?: string;
  readonly crypto: ResolvedCryptoSettings;
  readonly lan: LanProps | readonly LanProps[];
  readonly wan: WanProps;
  readonly routes: readonly SiteRouteProps[];
  /** `no ip route-cache` on the WAN interface. @default - only for a hub on ios-12.2 */
  readonly processSwitching?: boolean;
  /** Dead peer detection, or `false` for none. @default - `defaultDeadPeerDetection(platform)` */
  readonly deadPeerDetection?: DeadPeerDetectionProps | false;
  /** A loopback IKE and ESP are sourced from (`crypto map local-address`, or with VTIs the hub's tunnels). @default - the WAN interface */
  readonly ikeSource?: IkeSourceProps;
  /** `vti`: the WAN interface carries no crypto map (tunnels carry the traffic). @default 'crypto-map' */
  readonly design?: 'crypto-map' | 'vti';
  /** The IKE version. @default - `DEFAULT_IKE_VERSION` of the router's platform */
  readonly ike?: IkeVersion | undefined;
}

/** A site router and its crypto constructs. */
export interface SiteRouter {
  readonly router: Router;
  readonly site: SiteParts;
  /** The IKE version in use. */
  readonly ike: IkeVersion;
  /** The ISAKMP policy, with IKEv1. */
  readonly isakmpPolicy?: IsakmpPolicy;
  /** The IKEv2 proposal, policy, keyring and profile, with IKEv2. */
  readonly ikev2?: Ikev2Parts;
  readonly transformSet: TransformSet;
  readonly cryptoMap: CryptoMap;
}

/** Creates `Router` (id `Router`) under `scope` with interfaces, policy, transform set and map. */
export function createSiteRouter(scope: Construct, input: SiteRouterInput): SiteRouter {
  const c = input.crypto;
  const router = new Router(scope, 'Router', {
    hostname: input.hostname,
    ...(input.platform !== undefined ? { platform: input.platform } : {}),
    role: input.role,
    ...(input.hubHostname !== undefined ? { hubHostname: input.hubHostname } : {}),
    // Unset, the router asks its stack (HubSpokeStack's allowLegacyCrypto); its policy, transform
    // set and map entries ask the router.
    ...(c.allowLegacyCrypto !== undefined ? { allowLegacyCrypto: c.allowLegacyCrypto } : {}),
  });
  // DPD by default where every release of the platform has it (docs/ios-semantics.md#dead-peer-detection).
  const dpd =
    input.deadPeerDetection === false
      ? undefined
      : (input.deadPeerDetection ?? defaultDeadPeerDetection(router.platform));
  const ike = input.ike ?? DEFAULT_IKE_VERSION[router.platform];
  // IKEv2 has no `crypto isakmp keepalive`: its DPD is the profile's `dpd` line.
  if (dpd !== undefined && ike === 'v1') router.setDeadPeerDetection(dpd);
  // The compliance shield exists only on IOS-XE (17.11+); other trains have no such command.
  if (c.complianceShieldDisabled && router.platform === 'ios-xe-17') router.disableComplianceShield();
  const processSwitching = input.processSwitching ?? (input.role === 'hub' && router.platform === 'ios-12.2');
  const site = buildSite(
    router,
    router.platform,
    input.lan,
    input.wan,
    input.routes,
    input.design === 'vti' ? undefined : c.cryptoMapName,
    processSwitching,
  );
  const isakmpPolicy = ike === 'v1' ? new IsakmpPolicy(router, 'IsakmpPolicy', c.isakmp) : undefined;
  const ikev2 = ike === 'v2' ? createIkev2Parts(router, c.ikev2, dpd) : undefined;
  const transformSet = new TransformSet(router, 'TransformSet', {
    name: c.transformSetName,
    transforms: c.transforms,
  });
  const cryptoMap = new CryptoMap(router, 'CryptoMap', { name: c.cryptoMapName, ...createIkeSource(router, input) });
  return {
    router,
    site,
    ike,
    ...(isakmpPolicy ? { isakmpPolicy } : {}),
    ...(ikev2 ? { ikev2 } : {}),
    transformSet,
    cryptoMap,
  };
}

/**
 * The `ikeSource` loopback, and the crypto map's `local-address` naming it; with VTIs none: the
 * hub's tunnels are sourced from the loopback instead (vti.ts) and the map stays empty.
 */
function createIkeSource(router: Router, input: SiteRouterInput): { localAddress: string } | Record<string, never> {
  if (input.ikeSource === undefined) return {};
  new Interface(router, 'IkeSource', { name: input.ikeSource.loopback, address: `${input.ikeSource.address}/32` });
  return input.design === 'vti' ? {} : { localAddress: input.ikeSource.loopback };
}
