/**
 * The hub of a hub-and-spoke VPN in which spokes reach each other through the hub. For every
 * spoke the hub derives a crypto map entry (one map, sequence 10, 20, 30... in creation order), an
 * ACL, a pre-shared key and routes. ACL lines and routes depend on every site, so they are derived
 * lazily at IR time: adding spoke N updates the hub and every earlier spoke.
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { aggregatePrefixes } from '../ir/ipv4.js';
import type { AclRule, AddressMatch, Ipv4Prefix, Platform, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import { AccessList, prefixMatch } from '../constructs/access-list.js';
import type { CryptoMap, CryptoMapEntry } from '../constructs/crypto-map.js';
import { ConstructError } from '../constructs/errors.js';
import type { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import type { Interface } from '../constructs/interface.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import type { IsakmpPolicy } from '../constructs/isakmp-policy.js';
import { PreSharedKey } from '../constructs/pre-shared-key.js';
import type { Router } from '../constructs/router.js';
import {
  hostname,
  networkPrefix,
  parseProps,
  platform,
  preSharedKey as preSharedKeySchema,
} from '../constructs/schemas.js';
import type { TransformSet } from '../constructs/transform-set.js';
import {
  cryptoSettingsSchema,
  resolveCryptoSettings,
  type CryptoSettings,
  type ResolvedCryptoSettings,
} from './crypto-settings.js';
import { hubAddressingProblems } from './hub-checks.js';
import { createKeyring, peerKey, type Keying, type KeyringParts } from './keying.js';
import { deadPeerDetectionSchema, type DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { createSiteRouter, type SiteRouter } from './site-router.js';
import { cryptoMapHubRoutes } from './hub-routes.js';
import { checkIkeProps, entryProfile, hubIke, ikev1Only, type IkeVersion, type Ikev2Parts } from './ikev2-settings.js';
import { ikeSourceSchema, type IkeSourceProps } from './ike-source.js';
import {
  addDynamicSpoke,
  createDynamicSpokeParts,
  dynamicSpokesSchema,
  type DynamicSpokeParts,
  type DynamicSpokesProps,
} from './dynamic-spokes.js';
import {
  checkOwnNextHops,
  lansSchema,
  siteRoutesSchema,
  toPrefix,
  uniqueId,
  wanSchema,
  type LanProps,
  type SiteParts,
  type SiteRouteProps,
  type WanProps,
} from './site.js';
import type { Spoke } from './spoke.js';
import {
  checkDesign,
  createHubVti,
  type HubVti,
  refuseHubProps,
  vtiSchema,
  type VpnDesign,
  type VtiAttachment,
  type VtiProps,
} from './vti.js';

/**
 * How crypto ACLs are written.
 * - `exact`: one line per pair of site prefixes (O(N^2) lines over the network), as in the reference lab.
 * - `summarized`: spokes protect {own LAN} -> {site pools + hub LAN}, each hub entry the mirror
 *   {site pools + hub LAN} -> {that spoke's LAN} (O(N) lines). Needs `sitePools`.
 */
export type AclMode = 'exact' | 'summarized';

/** `named` ACLs (`VPN-<peer>`) or `numbered` ones (100 + sequence number, as in the reference lab). */
export type AclNaming = 'named' | 'numbered';

/** Properties of a Hub. */
export interface HubProps {
  /** Hostname (and config file name). */
  readonly hostname: string;
  /** @default - the stack's platform, else `ios-xe-17` */
  readonly platform?: Platform;
  /** The hub site's LAN(s). */
  readonly lan: LanProps | readonly LanProps[];
  /** The hub's WAN interface; its IP is every spoke's peer. */
  readonly wan: WanProps;
  /** Pre-shared key for every hub/spoke pair (a spoke can override its own). */
  readonly preSharedKey: PreSharedKey;
  /** Crypto shared by the hub and its spokes. @default - strong defaults (see `CryptoSettings`) */
  readonly crypto?: CryptoSettings;
  /** @default 'exact' */
  readonly aclMode?: AclMode;
  /** Prefixes that contain every spoke LAN (summarized mode). @default [] */
  readonly sitePools?: readonly string[];
  /** @default 'named' */
  readonly aclNaming?: AclNaming;
  /** Sequence number of the first spoke's entry. @default 10 */
  readonly firstSequence?: number;
  /** Distance between automatic sequence numbers (room to insert entries). @default 10 */
  readonly sequenceStep?: number;
  /** Extra static routes (underlay, default route). @default [] */
  readonly routes?: readonly SiteRouteProps[];
  /** `no ip route-cache` on the WAN interface. @default - true on ios-12.2 (reference lab), else false */
  readonly processSwitching?: boolean;
  /**
   * Where the pre-shared keys live on the hub and its spokes: `global-keys` (`crypto isakmp key`
   * per peer) or `keyring` (the same per-peer keys in a keyring selected by an ISAKMP profile that
   * every entry names; docs/ios-semantics.md#keyrings-and-isakmp-profiles).
   * @default 'global-keys'
   */
  readonly keying?: Keying;
  /**
   * Dead peer detection (`crypto isakmp keepalive`) on the hub and, unless a spoke says otherwise,
   * its spokes; `false` for none.
   * @default - `10 3 periodic` on IOS 15 and IOS-XE, none on IOS 12.2 (docs/ios-semantics.md#dead-peer-detection)
   */
  readonly deadPeerDetection?: DeadPeerDetectionProps | false;
  /**
   * Source IKE and ESP from a loopback (`crypto map M local-address Loopback0`, with VTIs `tunnel source
   * Loopback0`; docs/ios-semantics.md#crypto-local-address): spokes peer with, key on and route to its address.
   * @default - the WAN interface's address
   */
  readonly ikeSource?: IkeSourceProps;
  /**
   * How the hub serves spokes with a `dhcp` or `negotiated` WAN address: one dynamic crypto map
   * bound below the static entries, a shared wildcard key and a profile selected by the spokes'
   * FQDNs (see `DynamicSpokesProps`, docs/ios-semantics.md#dynamic-crypto-maps); with ike 'v2' the
   * entry names the IKEv2 profile and each spoke has its own key, found by its FQDN identity
   * (docs/ios-semantics.md#ikev2-dynamic-crypto-maps). Created with the first such spoke.
   * @default - defaults of `DynamicSpokesProps`
   */
  readonly dynamicSpokes?: DynamicSpokesProps;
  /**
   * `crypto-map` (policy-based: a crypto map entry and crypto ACL per spoke) or `vti` (route-based:
   * a static VTI per spoke on the hub and one on each spoke, static routes into the tunnels, set
   * up by `vti`; docs/route-based.md). Spokes follow their hub.
   * @default 'crypto-map'
   */
  readonly design?: VpnDesign;
  /** The route-based design's tunnel pool and names; required with `design: 'vti'`. @default - none */
  readonly vti?: VtiProps;
  /**
   * The IKE version of the hub and its spokes (README, "IKEv2"): `v2` emits an IKEv2 proposal,
   * policy, keyring and profile per router and entries with `set ikev2-profile`. Unset, synth
   * refuses to switch a stack whose last output ran IKEv1 (README, "IKEv2 by default").
   * @default - 'v2' where the hub's platform has IKEv2 (`ios-15`, `ios-xe-17`), 'v1' on `ios-12.2` (`DEFAULT_IKE_VERSION`)
   */
  readonly ike?: IkeVersion;
}

const schema = lazy(() =>
  zod()
    .object({
      hostname: hostname(),
      platform: platform().optional(),
      lan: lansSchema(),
      wan: wanSchema(),
      preSharedKey: preSharedKeySchema(),
      crypto: cryptoSettingsSchema(),
      aclMode: zod().enum(['exact', 'summarized']).optional(),
      sitePools: zod().array(networkPrefix()).optional(),
      aclNaming: zod().enum(['named', 'numbered']).optional(),
      firstSequence: zod().number().int().min(1).max(65535).optional(),
      sequenceStep: zod().number().int().min(1).max(1000).optional(),
      routes: siteRoutesSchema().optional(),
      processSwitching: zod().boolean().optional(),
      keying: zod().enum(['global-keys', 'keyring']).optional(),
      deadPeerDetection: zod()
        .union([zod().literal(false), deadPeerDetectionSchema()])
        .optional(),
      ikeSource: ikeSourceSchema().optional(),
      dynamicSpokes: dynamicSpokesSchema().optional(),
      design: zod().enum(['crypto-map', 'vti'], { message: 'is not a design (crypto-map, vti)' }).optional(),
      vti: vtiSchema().optional(),
      ike: zod().enum(['v1', 'v2'], { message: "is not an IKE version ('v1', 'v2')" }).optional(),
    })
    .superRefine(checkOwnNextHops)
    .superRefine(checkDesign),
);

/** What the hub created for one spoke (all reachable and modifiable). */
export interface SpokeAttachment {
  /** The spoke. */
  readonly spoke: Spoke;
  /** Sequence number of the hub's entry for the spoke (also used for numbered ACLs). */
  readonly sequence: number;
  /** ACL name used on both ends (the spoke's ACL is the mirror). */
  readonly aclName: string;
  /** The hub's crypto map entry for the spoke. */
  readonly entry: CryptoMapEntry;
  /** The hub's crypto ACL for the spoke. */
  readonly acl: AccessList;
  /** The hub's pre-shared key entry for the spoke (with IKEv2, its peer in the IKEv2 keyring). */
  readonly key: IsakmpKey | Ikev2KeyringPeer;
}

/** Options a spoke passes when it attaches. */
export interface AttachOptions {
  /** Sequence number of the hub's entry. @default - next automatic number */
  readonly sequence?: number;
  /** ACL name on both ends. @default - derived from aclNaming */
  readonly aclName?: string;
  /** Key for this pair. @default - the hub's key */
  readonly preSharedKey?: PreSharedKey;
}

/** The hub. */
export class Hub extends Construct {
  /** The hub's router (escape hatch: add lines, remove routes). */
  readonly router: Router;
  /** The hub's transform set. */
  readonly transformSet: TransformSet;
  /** The one crypto map with an entry per spoke. */
  readonly cryptoMap: CryptoMap;
  /** The WAN interface (carries the crypto map). */
  readonly wanInterface: Interface;
  /** The LAN interfaces. */
  readonly lanInterfaces: readonly Interface[];
  /** The hub's hostname. */
  readonly hostname: string;
  /** Crypto settings with defaults applied (spokes copy them). */
  readonly crypto: ResolvedCryptoSettings;
  /** How crypto ACLs are written. */
  readonly aclMode: AclMode;
  /** How ACLs are named. */
  readonly aclNaming: AclNaming;
  /** Site pools (summarized mode). */
  readonly sitePools: readonly Ipv4Prefix[];
  /** Default key for every pair. */
  readonly preSharedKey: PreSharedKey;
  /** Where the keys live (spokes follow). */
  readonly keying: Keying;
  /** The hub's DPD setting as given (spokes follow it unless they say otherwise). @default - the platform default */
  readonly deadPeerDetection?: DeadPeerDetectionProps | false;
  /** The keyring and profile, with `keying: 'keyring'`. */
  readonly keyring?: KeyringParts;
  /** The address spokes peer with: the `ikeSource` loopback's, else the WAN IP. */
  readonly ikeAddress: string;
  /** How site traffic is carried (spokes follow). */
  readonly design: VpnDesign;
  /** The IPsec profile, tunnels and routes of the route-based design (`design: 'vti'`). */
  readonly vti?: HubVti;
  /**
   * True when `ike` was not set and the version is the platform's default (`DEFAULT_IKE_VERSION`):
   * synth's migration guard and the spokes' platform check say so in their errors.
   */
  readonly ikeDefaulted: boolean;
  private readonly site: SiteParts;
  /** The IKE version and its parts (ISAKMP policy, or the IKEv2 proposal, policy, keyring and profile). */
  private readonly ikeParts: Pick<SiteRouter, 'ike' | 'isakmpPolicy' | 'ikev2'>;
  private readonly attachments: SpokeAttachment[] = [];
  /** Every spoke, static or dynamic, in creation order (the sites of every ACL). */
  private readonly members: Spoke[] = [];
  private readonly dynamicMembers: Spoke[] = [];
  private dynamicParts?: DynamicSpokeParts;
  /** With ike 'v2': each dynamic spoke's keyring peer. */
  private readonly dynamicKeys = new Map<Spoke, Ikev2KeyringPeer>();
  private readonly dynamicProps: DynamicSpokesProps;
  private readonly bySpoke = new Map<Spoke, SpokeAttachment>();
  private readonly firstSequence: number;
  private readonly sequenceStep: number;
  private lanMatchCache?: AddressMatch[];
  private summaryCache?: Ipv4Prefix[];
  private summaryMatchCache?: AddressMatch[];

  constructor(scope: Construct, id: string, props: HubProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema(), props);
    this.hostname = p.hostname;
    this.crypto = resolveCryptoSettings(props.crypto);
    this.aclMode = p.aclMode ?? 'exact';
    this.aclNaming = p.aclNaming ?? 'named';
    this.sitePools = (p.sitePools ?? []).map(toPrefix);
    this.preSharedKey = p.preSharedKey;
    this.keying = p.keying ?? 'global-keys';
    if (p.deadPeerDetection !== undefined) this.deadPeerDetection = p.deadPeerDetection;
    this.dynamicProps = p.dynamicSpokes ?? {};
    this.firstSequence = p.firstSequence ?? 10;
    this.sequenceStep = p.sequenceStep ?? 10;
    this.design = p.design ?? 'crypto-map';
    if (this.design === 'vti') refuseHubProps(this.node.path, props as unknown as Record<string, unknown>);
    const built = createSiteRouter(this, {
      hostname: p.hostname,
      ...(p.platform !== undefined ? { platform: p.platform as Platform } : {}),
      role: 'hub',
      crypto: this.crypto,
      lan: props.lan,
      wan: props.wan,
      routes: props.routes ?? [],
      ...(p.processSwitching !== undefined ? { processSwitching: p.processSwitching } : {}),
      ...(p.deadPeerDetection !== undefined ? { deadPeerDetection: p.deadPeerDetection } : {}),
      ...(p.ikeSource !== undefined ? { ikeSource: p.ikeSource } : {}),
      design: this.design,
      ike: p.ike,
    });
    this.ikeParts = built;
    this.ikeDefaulted = p.ike === undefined;
    this.ikeAddress = p.ikeSource?.address ?? built.site.wanIp!;
    this.router = built.router;
    checkIkeProps(hubIke(this), props);
    if (this.keying === 'keyring') this.keyring = createKeyring(this.router);
    this.site = built.site;
    this.transformSet = built.transformSet;
    this.cryptoMap = built.cryptoMap;
    this.wanInterface = built.site.wanInterface;
    this.lanInterfaces = built.site.lanInterfaces;
    if (p.vti !== undefined) this.vti = createHubVti(this, p.ikeSource, p.vti);
    this.router.addRouteSource(() => this.deriveRoutes());
    this.node.addValidation({ validate: () => hubAddressingProblems(this) });
  }

  /** The IKE version of the hub and its spokes. */
  get ike(): IkeVersion {
    return this.ikeParts.ike;
  }

  /** The IKEv2 proposal, policy, keyring and profile, with `ike: 'v2'`. */
  get ikev2(): Ikev2Parts | undefined {
    return this.ikeParts.ikev2;
  }

  /** The hub's ISAKMP policy (escape hatch: `update`); IKEv1 only. */
  get isakmpPolicy(): IsakmpPolicy {
    return this.ikeParts.isakmpPolicy ?? ikev1Only(this.node.path, 'isakmpPolicy');
  }

  /** The hub's platform. */
  get platform(): Platform {
    return this.router.platform;
  }

  /** The hub's WAN IP (its IKE peer address unless `ikeSource` is set). */
  get wanAddress(): string {
    return this.site.wanIp!;
  }

  /** The hub's WAN subnet. */
  get wanSubnet(): Ipv4Prefix {
    return this.site.wanSubnet!;
  }

  /** The hub site's LAN prefixes. */
  get lanPrefixes(): readonly Ipv4Prefix[] {
    return this.site.lanPrefixes;
  }

  /** Spokes in creation order, static and dynamic. */
  get spokes(): Spoke[] {
    return [...this.members];
  }

  /** Spokes with a `dhcp` or `negotiated` WAN, in creation order. */
  get dynamicSpokes(): Spoke[] {
    return [...this.dynamicMembers];
  }

  /** The dynamic map, keyring, wildcard key and profile serving dynamic spokes; undefined until one attaches. */
  get dynamicSpokeParts(): DynamicSpokeParts | undefined {
    return this.dynamicParts;
  }

  /** The domain of dynamic spokes' FQDNs, from `dynamicSpokes.domainName`. */
  get dynamicSpokesDomain(): string | undefined {
    return this.dynamicProps.domainName;
  }

  /** The key every dynamic spoke shares with the hub. */
  get dynamicSpokesKey(): PreSharedKey {
    return this.dynamicProps.preSharedKey ?? this.preSharedKey;
  }

  /**
   * Registers a spoke with a dynamic WAN address: the hub's dynamic map (created with the first
   * one) answers it, its ACL gains the spoke's LANs, the profile its FQDN; with ike 'v2' the
   * keyring gains a peer for that FQDN with `key` (default `dynamicSpokesKey`). Called by the
   * Spoke constructor.
   */
  attachDynamicSpoke(spoke: Spoke, fqdn: string, key?: PreSharedKey): DynamicSpokeParts {
    const hub = { hostname: this.hostname, address: this.ikeAddress };
    this.dynamicParts ??= createDynamicSpokeParts({
      router: this.router,
      cryptoMap: this.cryptoMap,
      crypto: this.crypto,
      props: this.dynamicProps,
      defaultKey: this.preSharedKey,
      hub,
      rules: (origin) => this.dynamicRules(origin),
      ikev2Profile: this.ikev2?.profile,
    });
    const spokeKey = { hostname: spoke.hostname, fqdn, key: key ?? this.dynamicSpokesKey };
    const peer = addDynamicSpoke(this.dynamicParts, this.ikev2, hub, spokeKey);
    if (peer) this.dynamicKeys.set(spoke, peer);
    this.members.push(spoke);
    this.dynamicMembers.push(spoke);
    return this.dynamicParts;
  }

  /** LAN interface addresses of every site router (hub first, then spokes in creation order), except `spoke`'s. */
  siteRouterAddressesExcept(spoke: Spoke): string[] {
    const out = this.lanInterfaces.map((i) => i.address!.ip);
    for (const s of this.members) if (s !== spoke) for (const i of s.lanInterfaces) out.push(i.address!.ip);
    return out;
  }

  /**
   * Registers a spoke of the route-based design: the hub's tunnel to it (next /30 of the pool) and
   * its key. Called by the Spoke constructor.
   */
  attachVtiSpoke(spoke: Spoke, preSharedKey?: PreSharedKey): VtiAttachment {
    this.members.push(spoke);
    return this.vti!.attach(spoke, preSharedKey ?? this.preSharedKey, this.ikeAddress);
  }

  /** What the hub created for `spoke`. */
  attachmentFor(spoke: Spoke): SpokeAttachment {
    const a = this.bySpoke.get(spoke);
    if (!a && this.vti?.attachmentFor(spoke))
      throw new ConstructError(
        'HS-SCOPE',
        this.node.path,
        `${spoke.node.path} is a spoke of the route-based design: the hub has a tunnel for it (spoke.vti), not a crypto map entry and ACL`,
      );
    if (!a && this.dynamicMembers.includes(spoke))
      throw new ConstructError(
        'HS-SCOPE',
        this.node.path,
        `${spoke.node.path} has a dynamic WAN address: the hub serves it through its dynamic map (dynamicSpokeParts), not an entry, ACL and key of its own`,
      );
    if (!a) throw new ConstructError('HS-SCOPE', this.node.path, `${spoke.node.path} is not a spoke of this hub`);
    return a;
  }

  /** The hub's crypto map entry for `spoke`. */
  entryFor(spoke: Spoke): CryptoMapEntry {
    return this.attachmentFor(spoke).entry;
  }

  /** The hub's crypto ACL for `spoke`. */
  aclFor(spoke: Spoke): AccessList {
    return this.attachmentFor(spoke).acl;
  }

  /** The hub's pre-shared key entry for `spoke` (with IKEv2, its IKEv2 keyring peer, also for a dynamic spoke). */
  keyFor(spoke: Spoke): IsakmpKey | Ikev2KeyringPeer {
    return this.dynamicKeys.get(spoke) ?? this.attachmentFor(spoke).key;
  }

  /**
   * Registers a spoke and creates the hub's entry, ACL and key for it (contents derived later).
   * Called by the Spoke constructor.
   */
  attachSpoke(spoke: Spoke, options: AttachOptions = {}): SpokeAttachment {
    // docs/ios-semantics.md#nat-traversal: behind NAT the hub calls and keys on the public address.
    const peer = spoke.peerAddress;
    if (peer === undefined)
      throw new ConstructError(
        'HS-PROP',
        spoke.node.path,
        'a spoke with a dynamic WAN address attaches with attachDynamicSpoke',
        'wan',
      );
    const sequence = options.sequence ?? this.firstSequence + this.sequenceStep * this.attachments.length;
    let aclName = options.aclName;
    if (aclName === undefined && this.aclNaming === 'numbered') {
      // IOS numbered extended ACLs are 100-199 (and 2000-2699); the lab uses 100 + sequence.
      if (sequence > 99) {
        throw new ConstructError(
          'HS-PROP',
          spoke.node.path,
          `sequence ${sequence} cannot name a numbered ACL (100 + sequence must be at most 199); use aclNaming: 'named' or set aclName`,
          'sequence',
        );
      }
      aclName = String(100 + sequence);
    }
    aclName ??= `VPN-${spoke.hostname}`;
    const r = this.router;
    const acl = new AccessList(r, uniqueId(r, `Acl-${spoke.hostname}`), { name: aclName });
    const attachment: SpokeAttachment = {
      spoke,
      sequence,
      aclName,
      acl,
      entry: this.cryptoMap.addEntry({
        seq: sequence,
        peers: [peer],
        transformSets: [this.crypto.transformSetName],
        matchAddress: aclName,
        pfs: this.crypto.pfs,
        ...(this.crypto.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: this.crypto.saLifetimeSeconds } : {}),
        ...entryProfile(this.ikev2, this.keyring),
      }),
      key: peerKey(this.router, this.ikev2, this.keyring, {
        hostname: spoke.hostname,
        address: peer,
        identity: spoke.wanAddress!,
        key: options.preSharedKey ?? this.preSharedKey,
        localAddress: this.ikeAddress,
      }),
    };
    // The identity a spoke sends is its own address, the private one behind NAT.
    this.keyring?.profile.addMatchAddress(spoke.wanAddress!);
    const origin = acl.node.path;
    acl.addRuleSource(() => this.hubRules(spoke, origin));
    this.attachments.push(attachment);
    this.members.push(spoke);
    this.bySpoke.set(spoke, attachment);
    return attachment;
  }

  /**
   * The far side of `spoke`'s tunnel: exact mode, the hub LANs and every other spoke's LANs (in
   * creation order); summarized mode, the site pools and hub LANs, aggregated.
   */
  remotePrefixesFor(spoke: Spoke): Ipv4Prefix[] {
    if (this.aclMode === 'summarized') return [...this.summary()];
    const out = [...this.site.lanPrefixes];
    // Plain loops, no generators: an exact-mode hub of 1,000 spokes derives 3,000,000 elements.
    for (const s of this.members) if (s !== spoke) for (const p of s.lanPrefixes) out.push(p);
    return out;
  }

  /** Address matches of `remotePrefixesFor`, shared objects (the hub of 1,000 spokes has 1,000,000 lines). */
  remoteMatchesFor(spoke: Spoke): AddressMatch[] {
    if (this.aclMode === 'summarized') {
      this.summaryMatchCache ??= this.summary().map((p) => prefixMatch(p.address, p.prefixLength));
      return [...this.summaryMatchCache];
    }
    const out = [...this.lanMatches()];
    for (const s of this.members) if (s !== spoke) for (const m of s.lanMatches) out.push(m);
    return out;
  }

  private lanMatches(): AddressMatch[] {
    this.lanMatchCache ??= this.site.lanPrefixes.map((p) => prefixMatch(p.address, p.prefixLength));
    return this.lanMatchCache;
  }

  private summary(): Ipv4Prefix[] {
    this.summaryCache ??= aggregatePrefixes([...this.sitePools, ...this.site.lanPrefixes]);
    return this.summaryCache;
  }

  /** The hub's lines for `spoke`: every remote prefix (exact or summarized) towards each of its LANs. */
  private hubRules(spoke: Spoke, origin: string): AclRule[] {
    const out: AclRule[] = [];
    for (const source of this.remoteMatchesFor(spoke))
      for (const destination of spoke.lanMatches)
        out.push({ kind: 'rule', action: 'permit', protocol: 'ip', source, destination, origin });
    return out;
  }

  /** The dynamic map's ACL: the hub's lines for each dynamic spoke, in creation order. */
  private dynamicRules(origin: string): AclRule[] {
    const out: AclRule[] = [];
    for (const s of this.dynamicMembers) for (const r of this.hubRules(s, origin)) out.push(r);
    return out;
  }

  private deriveRoutes(): StaticRouteIr[] {
    if (this.vti) return this.vti.routes(this.site);
    return cryptoMapHubRoutes({
      site: this.site,
      sitePools: this.aclMode === 'summarized' ? this.sitePools : undefined,
      spokes: this.attachments.map((a) => a.spoke),
      dynamicParts: this.dynamicParts,
      origin: this.node.path,
    });
  }
}
