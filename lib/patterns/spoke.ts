/**
 * A spoke: one tunnel, to its hub. `new Spoke(scope, id, { hub, hostname, lan, wan })` is all it
 * takes; the hub derives its side, and the spoke derives the mirror: ACL {own LAN} -> {hub LAN +
 * every other spoke LAN} (or the site pools in summarized mode), a key for the hub, and routes to
 * every other site and to the hub's WAN address.
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { AclRule, AddressMatch, Ipv4Prefix, Platform, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import { AccessList, prefixMatch } from '../constructs/access-list.js';
import type { CryptoMap, CryptoMapEntry } from '../constructs/crypto-map.js';
import type { Interface } from '../constructs/interface.js';
import { IsakmpKey } from '../constructs/isakmp-key.js';
import type { IsakmpPolicy } from '../constructs/isakmp-policy.js';
import { PreSharedKey } from '../constructs/pre-shared-key.js';
import type { Router } from '../constructs/router.js';
import {
  hostname,
  parseProps,
  platform,
  preSharedKey as preSharedKeySchema,
  sequenceNumber,
  wordName,
} from '../constructs/schemas.js';
import type { TransformSet } from '../constructs/transform-set.js';
import { Hub, type SpokeAttachment } from './hub.js';
import { createKeyring, type KeyringParts } from './keying.js';
import { deadPeerDetectionSchema, type DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { createSiteRouter } from './site-router.js';
import {
  createInternetBreakout,
  internetBreakoutSchema,
  type InternetBreakoutParts,
  type InternetBreakoutProps,
} from './internet-breakout.js';
import {
  checkOwnNextHops,
  lansSchema,
  peerCovered,
  siteRoutesSchema,
  vpnRoute,
  wanSchema,
  type LanProps,
  type SiteParts,
  type SiteRouteProps,
  type WanProps,
} from './site.js';

/** Properties of a Spoke. */
export interface SpokeProps {
  /** The hub this spoke connects to. */
  readonly hub: Hub;
  /** Hostname (and config file name). */
  readonly hostname: string;
  /** @default - the hub's platform */
  readonly platform?: Platform;
  /** The spoke site's LAN(s). */
  readonly lan: LanProps | readonly LanProps[];
  /** The spoke's WAN interface; its IP is the hub's peer address for this spoke. */
  readonly wan: WanProps;
  /** Sequence number of the hub's entry for this spoke. @default - 10, 20, 30... in creation order */
  readonly sequence?: number;
  /** Sequence number of the spoke's own (single) entry. @default 10 */
  readonly localSequence?: number;
  /** ACL name on both ends. @default - `VPN-<hostname>`, or 100 + sequence with numbered ACLs */
  readonly aclName?: string;
  /** Key for this pair. @default - the hub's preSharedKey */
  readonly preSharedKey?: PreSharedKey;
  /** Extra static routes (underlay, default route). @default [] */
  readonly routes?: readonly SiteRouteProps[];
  /** `no ip route-cache` on the WAN interface. @default false */
  readonly processSwitching?: boolean;
  /** Dead peer detection, or `false` for none. @default - the hub's setting (its platform default when unset) */
  readonly deadPeerDetection?: DeadPeerDetectionProps | false;
  /**
   * Internet breakout: the LANs reach the internet directly through PAT on the WAN (`ip nat inside`
   * on the LANs, `ip nat outside` on the WAN, `ip nat inside source route-map INTERNET-BREAKOUT
   * interface <wan> overload`), VPN traffic exempt by the route-map's first entry (deny, the crypto
   * ACL); adds a default route through the WAN unless `routes` has one.
   * @default - no breakout (no NAT; only the VPN's routes)
   */
  readonly internetBreakout?: InternetBreakoutProps;
}

const schema = lazy(() =>
  zod()
    .object({
      hub: zod().custom<Hub>((v) => v instanceof Hub, { message: 'is not a Hub' }),
      hostname: hostname(),
      platform: platform().optional(),
      lan: lansSchema(),
      wan: wanSchema(),
      sequence: sequenceNumber().optional(),
      localSequence: sequenceNumber().optional(),
      aclName: zod()
        .union([wordName(), zod().number().int().transform(String)])
        .optional(),
      preSharedKey: preSharedKeySchema().optional(),
      routes: siteRoutesSchema().optional(),
      processSwitching: zod().boolean().optional(),
      deadPeerDetection: zod()
        .union([zod().literal(false), deadPeerDetectionSchema()])
        .optional(),
      internetBreakout: internetBreakoutSchema().optional(),
    })
    .superRefine(checkOwnNextHops),
);

/** A spoke. */
export class Spoke extends Construct {
  /** The hub. */
  readonly hub: Hub;
  /** The spoke's hostname. */
  readonly hostname: string;
  /** The spoke's router (escape hatch: add lines, remove routes). */
  readonly router: Router;
  /** The spoke's ISAKMP policy. */
  readonly isakmpPolicy: IsakmpPolicy;
  /** The spoke's transform set. */
  readonly transformSet: TransformSet;
  /** The spoke's crypto map (one entry). */
  readonly cryptoMap: CryptoMap;
  /** The spoke's single entry (peer = hub). */
  readonly cryptoEntry: CryptoMapEntry;
  /** The spoke's crypto ACL, mirror of `hub.aclFor(this)`. */
  readonly cryptoAcl: AccessList;
  /** The spoke's key for the hub. */
  readonly hubKey: IsakmpKey;
  /** The WAN interface (carries the crypto map). */
  readonly wanInterface: Interface;
  /** The LAN interfaces. */
  readonly lanInterfaces: readonly Interface[];
  /** What the hub created for this spoke. */
  readonly attachment: SpokeAttachment;
  /** The keyring and profile, when the hub's `keying` is `keyring`. */
  readonly keyring?: KeyringParts;
  /** The route-map, LAN ACL and NAT rule of the internet breakout, when `internetBreakout` is set. */
  readonly internetBreakout?: InternetBreakoutParts;
  private readonly site: SiteParts;
  private matchCache?: AddressMatch[];

  constructor(scope: Construct, id: string, props: SpokeProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema(), props);
    const hub = p.hub;
    this.hub = hub;
    this.hostname = p.hostname;
    const dpd = p.deadPeerDetection ?? hub.deadPeerDetection;
    const built = createSiteRouter(this, {
      hostname: p.hostname,
      platform: (p.platform ?? hub.platform) as Platform,
      role: 'spoke',
      hubHostname: hub.hostname,
      crypto: hub.crypto,
      lan: props.lan,
      wan: props.wan,
      routes: props.routes ?? [],
      processSwitching: p.processSwitching ?? false,
      ...(dpd !== undefined ? { deadPeerDetection: dpd } : {}),
    });
    this.router = built.router;
    this.site = built.site;
    this.isakmpPolicy = built.isakmpPolicy;
    this.transformSet = built.transformSet;
    this.cryptoMap = built.cryptoMap;
    this.wanInterface = built.site.wanInterface;
    this.lanInterfaces = built.site.lanInterfaces;
    if (hub.keying === 'keyring') {
      this.keyring = createKeyring(this.router);
      this.keyring.profile.addMatchAddress(hub.ikeAddress);
    }

    this.attachment = hub.attachSpoke(this, {
      ...(p.sequence !== undefined ? { sequence: p.sequence } : {}),
      ...(p.aclName !== undefined ? { aclName: p.aclName } : {}),
      ...(p.preSharedKey !== undefined ? { preSharedKey: p.preSharedKey } : {}),
    });
    const c = hub.crypto;
    this.cryptoAcl = new AccessList(this.router, 'CryptoAcl', { name: this.attachment.aclName });
    const origin = this.cryptoAcl.node.path;
    this.cryptoAcl.addRuleSource(() => this.spokeRules(origin));
    this.cryptoEntry = this.cryptoMap.addEntry({
      seq: p.localSequence ?? 10,
      peers: [hub.ikeAddress],
      transformSets: [c.transformSetName],
      matchAddress: this.attachment.aclName,
      pfs: c.pfs,
      ...(c.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: c.saLifetimeSeconds } : {}),
      ...(this.keyring ? { isakmpProfile: this.keyring.profile } : {}),
    });
    this.hubKey = new IsakmpKey(this.router, 'HubKey', {
      address: hub.ikeAddress,
      key: p.preSharedKey ?? hub.preSharedKey,
      peerHostname: hub.hostname,
      localAddress: this.site.wanIp,
      ...(this.keyring ? { keyring: this.keyring.keyring } : {}),
    });
    if (p.internetBreakout !== undefined)
      this.internetBreakout = createInternetBreakout(this.router, this.site, this.attachment.aclName);
    this.router.addRouteSource(() => this.deriveRoutes());
    this.node.addValidation({ validate: () => this.check() });
  }

  /** The spoke's IKE peer address (its WAN IP). */
  get wanAddress(): string {
    return this.site.wanIp;
  }

  /** The spoke's WAN subnet. */
  get wanSubnet(): Ipv4Prefix {
    return this.site.wanSubnet;
  }

  /** The spoke site's LAN prefixes. */
  get lanPrefixes(): readonly Ipv4Prefix[] {
    return this.site.lanPrefixes;
  }

  /** ACL address matches of the LAN prefixes (shared objects). */
  get lanMatches(): readonly AddressMatch[] {
    this.matchCache ??= this.site.lanPrefixes.map((x) => prefixMatch(x.address, x.prefixLength));
    return this.matchCache;
  }

  /** Sequence number of the hub's entry for this spoke. */
  get sequence(): number {
    return this.attachment.sequence;
  }

  private spokeRules(origin: string): AclRule[] {
    const remote = this.hub.remoteMatchesFor(this);
    const out: AclRule[] = [];
    for (const source of this.lanMatches) {
      for (const destination of remote)
        out.push({ kind: 'rule', action: 'permit', protocol: 'ip', source, destination, origin });
    }
    return out;
  }

  private deriveRoutes(): StaticRouteIr[] {
    const origin = this.node.path;
    const out = this.hub.remotePrefixesFor(this).map((prefix) => vpnRoute(this.site, prefix, origin));
    if (!peerCovered(this.site, this.hub.ikeAddress)) {
      out.push(vpnRoute(this.site, { address: this.hub.ikeAddress, prefixLength: 32 }, origin));
    }
    // Breakout traffic goes to any address: without a default route it would have none.
    if (this.internetBreakout && !this.site.routeDestinations.some((d) => d.prefixLength === 0)) {
      out.push(vpnRoute(this.site, { address: '0.0.0.0', prefixLength: 0 }, this.internetBreakout.nat.node.path));
    }
    return out;
  }

  private check(): string[] {
    const errors: string[] = [];
    for (const [what, address] of [
      ['WAN', this.hub.wanAddress],
      ['IKE source', this.hub.ikeAddress],
    ] as const) {
      if (this.site.wanIp !== address) continue;
      errors.push(
        `wan.address ${this.site.wanIp} equals the hub's ${what} address (${this.hub.node.path}); each peer needs its own address`,
      );
      break;
    }
    // A stack is synthesized (and proven) as a whole: a hub in another stack would be written
    // without this spoke's pair being checked from both ends.
    if (this.node.scopes[1] !== this.hub.node.scopes[1]) {
      errors.push(`hub ${this.hub.node.path} is in another stack; create the spoke in the hub's stack`);
    }
    return errors;
  }
}
