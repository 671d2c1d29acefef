/**
 * What the import decided about a network, before any code is written: the stack, the hub and its
 * spokes with the props of the `Hub` and `Spoke` patterns, the other routers, and the environment
 * variables that will hold the keys. Plain data, built by `fit.ts`, instantiated by `build.ts`
 * (to see what the patterns derive) and printed by `emit.ts`.
 */
import type { InterfaceConfig, Platform, RouterConfig } from '../ir/router-config.js';
import type { DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import type { CryptoSettings } from '../patterns/crypto-settings.js';
import type { DynamicSpokesProps } from '../patterns/dynamic-spokes.js';
import type { IkeSourceProps } from '../patterns/ike-source.js';
import type { IkeVersion } from '../patterns/ikev2-settings.js';
import type { Keying } from '../patterns/keying.js';
import type { SpokeFeatures } from './fit-features.js';
import type { LanProps, SiteRouteProps, WanProps } from '../patterns/site.js';
import type { VtiProps } from '../patterns/vti.js';

/** One environment variable the generated stack reads a key from. */
export interface KeyVariable {
  readonly variable: string;
  /** The key as the configs hold it (clear text). Never printed. */
  readonly value: string;
  /** `hub/spoke` hostname pairs that use it. */
  readonly pairs: readonly string[];
}

/** What a hub and a spoke share in the spec. */
export interface SiteSpec {
  /** TypeScript variable of the construct. */
  readonly variable: string;
  /** Construct id. */
  readonly id: string;
  readonly hostname: string;
  /** The file the router came from. */
  readonly file: string;
  readonly platform: Platform;
  readonly lan: readonly LanProps[];
  readonly wan: WanProps;
  /** Declared routes (the ones the pattern does not derive). */
  readonly routes: readonly SiteRouteProps[];
  readonly processSwitching: boolean;
  /** `undefined`: the pattern's default is what the config has. */
  readonly deadPeerDetection?: DeadPeerDetectionProps | false;
  /** Key variable of the router's pair(s): the hub's default, or a spoke's own. @default - the hub's */
  readonly keyVariable?: string;
  /** The WAN interface as parsed. */
  readonly wanInterface: InterfaceConfig;
}

/** The hub. */
export interface HubSpec extends SiteSpec {
  readonly crypto: CryptoSettings;
  /** @default - global keys */
  readonly keying?: Keying;
  /** The IKE version the configs negotiate, always written out (never the platform's default). */
  readonly ike: IkeVersion;
  /** @default - IKE from the WAN address */
  readonly ikeSource?: IkeSourceProps;
  /** The route-based design's settings (`design: 'vti'`). @default - the crypto-map design */
  readonly vti?: VtiProps;
  /** The hub's dynamic map binding, without its key. @default - no dynamic spokes */
  readonly dynamicSpokes?: Omit<DynamicSpokesProps, 'preSharedKey'>;
  /** Variable of the dynamic spokes' shared key, when it is not the hub's key. @default - the hub's */
  readonly dynamicKeyVariable?: string;
}

/** A spoke. */
export interface SpokeSpec extends SiteSpec {
  /** Sequence number of the hub's entry; none for a dynamic spoke (the hub's dynamic map serves it). */
  readonly sequence?: number;
  /** Sequence number of the spoke's own entry. */
  readonly localSequence: number;
  /** ACL name on both ends (a dynamic spoke: its own; the hub's is the dynamic map's). @default - none (route-based) */
  readonly aclName?: string;
  /** The names of the spoke's tunnel and of the hub's tunnel to it (route-based). @default - none */
  readonly vtiTunnels?: { readonly hub: string; readonly spoke: string };
  /** Leased WAN, breakout, NAT device, domain. */
  readonly features: SpokeFeatures;
}

/** A router that is neither the hub nor a spoke: written with L1 constructs only. */
export interface OtherSpec {
  readonly variable: string;
  readonly id: string;
  readonly hostname: string;
  readonly file: string;
  readonly platform: Platform;
}

/** How keys are written. */
export type KeyMode = 'environment' | 'rekey';

/** The import's decision about the whole network. */
export interface ImportSpec {
  readonly stackId: string;
  /** The stack's platform (the hub's, else the first router's). */
  readonly platform: Platform;
  /** Legacy crypto in use (DES, 3DES, MD5, DH 1/2/5): the stack opts in. */
  readonly allowLegacyCrypto: boolean;
  /** The hub; none when the patterns do not fit the network (every router is then in `others`). */
  readonly hub?: HubSpec;
  readonly spokes: readonly SpokeSpec[];
  /** Why the patterns do not fit, when there is no hub (file: what). @default - they fit */
  readonly unfitted?: readonly string[];
  readonly others: readonly OtherSpec[];
  readonly keyMode: KeyMode;
  /** With `environment` keys: the variables, one per distinct key. */
  readonly keys: readonly KeyVariable[];
  /** With `rekey`: the variable of the master secret. */
  readonly masterSecretVariable: string;
  /** The parsed input, by hostname. */
  readonly inputs: ReadonlyMap<string, { readonly config: RouterConfig; readonly file: string; readonly text: string }>;
}
