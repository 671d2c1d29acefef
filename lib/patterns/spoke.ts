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
import { ConstructError, invalidProperty } from '../constructs/errors.js';
import { dynamicKeyPair, dynamicSpokeKeyPair, type DynamicSpokeParts } from './dynamic-spokes.js';
import { ikeFqdn } from '../ir/domain-name.js';
import { TunnelTrigger, tunnelTriggerSchema, type TriggerLine, type TunnelTriggerProps } from './tunnel-trigger.js';
import {
  dnsName,
  hostname,
  parseProps,
  platform,
  ipv4Address,
  preSharedKey as preSharedKeySchema,
  sequenceNumber,
  wordName,
} from '../constructs/schemas.js';
import type { TransformSet } from '../constructs/transform-set.js';
import { Hub, type SpokeAttachment } from './hub.js';
import { createIpsecProfile, createSpokeTunnel, refusePlatform, refuseSpokeProps, type VtiAttachment } from './vti.js';
import type { IpsecProfile } from '../constructs/ipsec-profile.js';
import { createKeyring, type KeyringParts } from './keying.js';
import { deadPeerDetectionSchema, type DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { createSiteRouter, type SiteRouter } from './site-router.js';
import type { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import { addIkev2Peer, entryProfile, checkSpokeIke, hubIke, ikev1Only, type Ikev2Parts } from './ikev2-settings.js';
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
  spokeWanSchema,
  vpnRoute,
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
  /**
   * The spoke's WAN interface; its IP is the hub's peer address for this spoke. With `address:
   * 'dhcp'` (or `'negotiated'` on a Dialer interface) the address is assigned at run time: the hub
   * answers the spoke through its dynamic crypto map (`Hub` `dynamicSpokes`), the spoke identifies
   * itself by FQDN (`crypto isakmp identity hostname`, `ip domain name`; with ike 'v2' `identity
   * local fqdn` in its IKEv2 profile), shares the hub's wildcard key with the other dynamic spokes
   * (with ike 'v2' it has its own key, `preSharedKey`), routes everything through its default route
   * (`ip route 0.0.0.0 0.0.0.0 dhcp`, or out of the Dialer), and keeps its SAs up with IP SLA
   * probes (`tunnelTrigger`), because the hub cannot initiate to it.
   */
  readonly wan: WanProps;
  /**
   * The domain of the spoke's FQDN identity (`ip domain name`; with ike 'v2' `identity local fqdn
   * <hostname>.<domain>`), for a dynamic WAN.
   * @default - the hub's `dynamicSpokes.domainName`
   */
  readonly domainName?: string;
  /**
   * IP SLA probes, one per line of the spoke's crypto ACL, that bring its SAs to the hub up at boot
   * and keep them up (`ip sla N` / `icmp-echo <site router LAN address> source-ip <own LAN
   * address>` / `ip sla schedule N life forever start-time now`); `false` for none. Without them,
   * traffic towards a dynamic spoke flows only after the spoke sent some first.
   * @default - on for a `dhcp` or `negotiated` WAN, off for a static one
   */
  readonly tunnelTrigger?: TunnelTriggerProps | false;
  /** Sequence number of the hub's entry for this spoke. @default - 10, 20, 30... in creation order */
  readonly sequence?: number;
  /** Sequence number of the spoke's own (single) entry. @default 10 */
  readonly localSequence?: number;
  /** ACL name on both ends. @default - `VPN-<hostname>`, or 100 + sequence with numbered ACLs */
  readonly aclName?: string;
  /**
   * Key for this pair; not with an IKEv1 dynamic WAN (the hub's wildcard key is shared).
   * @default - the hub's preSharedKey (a dynamic WAN with ike 'v2': the hub's `dynamicSpokes.preSharedKey`, else its preSharedKey)
   */
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
  /**
   * The spoke sits behind a NAT device that translates its WAN address to `publicAddress`
   * (docs/ios-semantics.md#nat-traversal): the hub's `set peer` and its key name the public address
   * (the hub looks the key up by the address IKE arrives from), the hub's profile matches the
   * spoke's own address (the identity it sends), NAT-T (on by default) carries IKE and ESP on UDP
   * 4500, and topology.json records the mapping so the proof matches the two.
   * @default - no NAT: the hub reaches the spoke at its WAN address
   */
  readonly behindNat?: BehindNatProps;
}

/** What a spoke of the route-based design (`design: 'vti'` on its hub) has. */
export interface SpokeVtiParts {
  /** The spoke's tunnel to the hub. */
  readonly tunnel: Interface;
  /** The spoke's `crypto ipsec profile`. */
  readonly profile: IpsecProfile;
  /** The hub's side: its tunnel to the spoke, the /30 and the two tunnel addresses. */
  readonly hubSide: VtiAttachment;
}

/** A NAT device in front of a spoke's WAN interface. */
export interface BehindNatProps {
  /** The address the NAT device gives the spoke's WAN address (static or port-forwarded UDP 500 and 4500). */
  readonly publicAddress: string;
}

const schema = lazy(() =>
  zod()
    .object({
      hub: zod().custom<Hub>((v) => v instanceof Hub, { message: 'is not a Hub' }),
      hostname: hostname(),
      platform: platform().optional(),
      lan: lansSchema(),
      wan: spokeWanSchema(),
      domainName: dnsName().optional(),
      tunnelTrigger: zod()
        .union([zod().literal(false), tunnelTriggerSchema()])
        .optional(),
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
      behindNat: zod().object({ publicAddress: ipv4Address() }).strict().optional(),
    })
    .superRefine(checkOwnNextHops),
);

/** The hub entry options a spoke's props set. */
function attachOptions(p: { sequence?: number; aclName?: string; preSharedKey?: PreSharedKey }) {
  return {
    ...(p.sequence !== undefined ? { sequence: p.sequence } : {}),
    ...(p.aclName !== undefined ? { aclName: p.aclName } : {}),
    ...(p.preSharedKey !== undefined ? { preSharedKey: p.preSharedKey } : {}),
  };
}

/** A spoke. */
export class Spoke extends Construct {
  /** The hub. */
  readonly hub: Hub;
  /** The spoke's hostname. */
  readonly hostname: string;
  /** The spoke's router (escape hatch: add lines, remove routes). */
  readonly router: Router;
  /** The spoke's transform set. */
  readonly transformSet: TransformSet;
  /** The spoke's crypto map (one entry). */
  readonly cryptoMap: CryptoMap;
  /** The spoke's key for the hub (with IKEv2, the hub's peer in the IKEv2 keyring). */
  readonly hubKey: IsakmpKey | Ikev2KeyringPeer;
  /** The WAN interface (carries the crypto map). */
  readonly wanInterface: Interface;
  /** The LAN interfaces. */
  readonly lanInterfaces: readonly Interface[];
  /** The keyring and profile, when the hub's `keying` is `keyring`. */
  readonly keyring?: KeyringParts;
  /** The route-map, LAN ACL and NAT rule of the internet breakout, when `internetBreakout` is set. */
  readonly internetBreakout?: InternetBreakoutParts;
  /** The IP SLA probes that keep the SAs up, when `tunnelTrigger` is on. */
  readonly tunnelTrigger?: TunnelTrigger;
  /** `dhcp` or `negotiated` when the WAN address is assigned at run time. */
  readonly dynamicWan?: 'dhcp' | 'negotiated';
  /** The public address of the NAT device in front of the spoke, when `behindNat` is set. */
  readonly publicAddress?: string;
  /** The spoke's tunnel, the hub's and their IPsec profiles, when the hub's design is `vti`. */
  readonly vti?: SpokeVtiParts;
  private readonly entry?: CryptoMapEntry;
  private readonly acl?: AccessList;
  private readonly staticAttachment?: SpokeAttachment;
  private readonly site: SiteParts;
  /** The ISAKMP policy, or the IKEv2 proposal, policy, keyring and profile. */
  private readonly ikeParts: Pick<SiteRouter, 'isakmpPolicy' | 'ikev2'>;
  private matchCache?: AddressMatch[];

  constructor(scope: Construct, id: string, props: SpokeProps) {
    super(scope, id);
    const p = parseProps(this.node.path, schema(), props);
    const hub = p.hub;
    this.hub = hub;
    this.hostname = p.hostname;
    const dpd = p.deadPeerDetection ?? hub.deadPeerDetection;
    checkSpokeIke(this.node.path, (p.platform ?? hub.platform) as Platform, hubIke(hub));
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
      design: hub.design,
      ike: hub.ike,
    });
    this.router = built.router;
    this.site = built.site;
    this.ikeParts = built;
    this.transformSet = built.transformSet;
    this.cryptoMap = built.cryptoMap;
    this.wanInterface = built.site.wanInterface;
    this.lanInterfaces = built.site.lanInterfaces;
    if (built.site.dynamicWan !== undefined) this.dynamicWan = built.site.dynamicWan;
    if (p.behindNat !== undefined) this.publicAddress = this.natPublicAddress(p.behindNat.publicAddress);
    if (hub.keying === 'keyring') {
      this.keyring = createKeyring(this.router);
      this.keyring.profile.addMatchAddress(hub.ikeAddress);
    }

    if (hub.design === 'vti') {
      refuseSpokeProps(this.node.path, props as unknown as Record<string, unknown>, this.dynamicWan !== undefined);
      refusePlatform(this.node.path, this.router.platform);
      this.vti = this.attachVti(p.preSharedKey);
      this.hubKey = this.createHubKey(false, p.preSharedKey);
      this.router.addRouteSource(() => this.deriveRoutes());
      this.node.addValidation({ validate: () => this.check() });
      return;
    }
    let aclName: string;
    let dynamicParts: DynamicSpokeParts | undefined;
    if (this.dynamicWan !== undefined) {
      dynamicParts = this.attachDynamic(p);
      aclName = p.aclName ?? `VPN-${hub.hostname}`;
    } else {
      this.staticAttachment = hub.attachSpoke(this, attachOptions(p));
      aclName = this.staticAttachment.aclName;
    }
    const c = hub.crypto;
    this.acl = new AccessList(this.router, 'CryptoAcl', { name: aclName });
    const origin = this.acl.node.path;
    this.acl.addRuleSource(() => this.spokeRules(origin));
    this.entry = this.cryptoMap.addEntry({
      seq: p.localSequence ?? 10,
      peers: [hub.ikeAddress],
      transformSets: [c.transformSetName],
      matchAddress: aclName,
      pfs: c.pfs,
      ...(c.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: c.saLifetimeSeconds } : {}),
      ...entryProfile(this.ikev2, this.keyring),
    });
    this.hubKey = this.createHubKey(dynamicParts !== undefined, p.preSharedKey);
    if (p.internetBreakout !== undefined)
      this.internetBreakout = createInternetBreakout(this.router, this.site, aclName);
    const trigger = p.tunnelTrigger ?? (this.dynamicWan !== undefined ? {} : false);
    if (trigger !== false) this.tunnelTrigger = this.createTrigger(trigger);
    this.router.addRouteSource(() => this.deriveRoutes());
    this.node.addValidation({ validate: () => this.check() });
  }

  /** The spoke's single entry (peer = hub); a spoke of the route-based design has none (see `vti`). */
  get cryptoEntry(): CryptoMapEntry {
    return this.entry ?? this.noCryptoMap();
  }

  /** The spoke's crypto ACL, mirror of `hub.aclFor(this)`; a spoke of the route-based design has none. */
  get cryptoAcl(): AccessList {
    return this.acl ?? this.noCryptoMap();
  }

  private noCryptoMap(): never {
    throw new ConstructError(
      'HS-SCOPE',
      this.node.path,
      "its hub's design is 'vti': the spoke has a tunnel (spoke.vti), not a crypto map entry and ACL",
    );
  }

  private attachVti(key: PreSharedKey | undefined): SpokeVtiParts {
    const hub = this.hub;
    const hubSide = hub.attachVtiSpoke(this, key);
    const profile = createIpsecProfile(this.router, hub.crypto, hub.vti!.props, this.ikev2);
    const tunnel = createSpokeTunnel(this.router, {
      hubHostname: hub.hostname,
      hubAddress: hub.ikeAddress,
      wanInterface: this.wanInterface.name,
      profile,
      attachment: hubSide,
      ...(hub.vti!.props.spokeTunnel !== undefined ? { name: hub.vti!.props.spokeTunnel } : {}),
    });
    return { tunnel, profile, hubSide };
  }

  /** What the hub created for this spoke (a static-WAN spoke; a dynamic one has `hub.dynamicSpokeParts`). */
  get attachment(): SpokeAttachment {
    if (!this.staticAttachment)
      throw new ConstructError(
        'HS-SCOPE',
        this.node.path,
        'has a dynamic WAN address: the hub serves it with its dynamic map (hub.dynamicSpokeParts), not an entry of its own',
      );
    return this.staticAttachment;
  }

  /** The spoke's ISAKMP policy (escape hatch: `update`); IKEv1 only. */
  get isakmpPolicy(): IsakmpPolicy {
    return this.ikeParts.isakmpPolicy ?? ikev1Only(this.node.path, 'isakmpPolicy');
  }

  /** The IKEv2 proposal, policy, keyring and profile, when the hub uses `ike: 'v2'`. */
  get ikev2(): Ikev2Parts | undefined {
    return this.ikeParts.ikev2;
  }

  private createHubKey(dynamic: boolean, own: PreSharedKey | undefined): IsakmpKey | Ikev2KeyringPeer {
    const hub = this.hub;
    // Derived keys name the pair by the addresses the hub sees: behind NAT, the public one.
    if (this.ikev2)
      return addIkev2Peer(this.ikev2, {
        hostname: hub.hostname,
        address: hub.ikeAddress,
        identity: hub.ikeAddress,
        // docs/ios-semantics.md#ikev2-dynamic-crypto-maps: the hub's peer for a dynamic spoke is its own.
        ...(dynamic
          ? {
              key: own ?? hub.dynamicSpokesKey,
              derivationPair: dynamicSpokeKeyPair({ hostname: hub.hostname, address: hub.ikeAddress }, this.hostname),
            }
          : { key: own ?? hub.preSharedKey, localAddress: this.publicAddress ?? this.site.wanIp! }),
      });
    return new IsakmpKey(this.router, 'HubKey', {
      address: hub.ikeAddress,
      key: dynamic ? hub.dynamicSpokesKey : (own ?? hub.preSharedKey),
      peerHostname: hub.hostname,
      // Derived keys name the pair by the addresses the hub sees: behind NAT, the public one.
      ...(this.site.wanIp !== undefined ? { localAddress: this.publicAddress ?? this.site.wanIp } : {}),
      // docs/ios-semantics.md#dynamic-crypto-maps: the key the hub holds for every dynamic spoke.
      ...(dynamic ? { derivationPair: dynamicKeyPair({ hostname: hub.hostname, address: hub.ikeAddress }) } : {}),
      ...(this.keyring ? { keyring: this.keyring.keyring } : {}),
    });
  }

  private createTrigger(props: TunnelTriggerProps): TunnelTrigger {
    return new TunnelTrigger(this.router, 'TunnelTrigger', props, {
      lines: () => this.triggerLines(),
      responders: () => this.hub.siteRouterAddressesExcept(this),
    });
  }

  /** Identity, key and hub side of a dynamic-WAN spoke. */
  private attachDynamic(p: { preSharedKey?: PreSharedKey; sequence?: number; domainName?: string }): DynamicSpokeParts {
    // docs/ios-semantics.md#dynamic-crypto-maps: the hub picks the key before it knows the spoke
    // (IKEv1 main mode; an IKEv2 hub finds it by the spoke's identity).
    if (p.preSharedKey !== undefined && !this.ikev2)
      throw invalidProperty(
        this.node.path,
        'preSharedKey',
        undefined,
        `is not allowed with wan.address '${this.dynamicWan}': the hub picks its key by the initiator's address, unknown for a dynamic WAN, so every dynamic spoke shares the hub's dynamicSpokes.preSharedKey`,
      );
    if (p.sequence !== undefined)
      throw invalidProperty(
        this.node.path,
        'sequence',
        undefined,
        `is not allowed with wan.address '${this.dynamicWan}': the hub has no entry of its own for a dynamic spoke (set dynamicSpokes.sequence on the Hub)`,
      );
    const domain = p.domainName ?? this.hub.dynamicSpokesDomain;
    if (domain === undefined)
      throw invalidProperty(
        this.node.path,
        'domainName',
        undefined,
        `is required with wan.address '${this.dynamicWan}': the spoke identifies itself by FQDN (set domainName here or dynamicSpokes.domainName on the Hub)`,
      );
    if (this.ikev2) {
      const fqdn = ikeFqdn(this.hostname, domain);
      this.ikev2.profile.setIdentityLocal({ fqdn });
      return this.hub.attachDynamicSpoke(this, fqdn, p.preSharedKey);
    }
    this.router.setIsakmpIdentity('hostname', domain);
    return this.hub.attachDynamicSpoke(this, this.router.fqdn);
  }

  /** The crypto ACL's lines as (own LAN address, remote prefix), in ACL order. */
  private triggerLines(): TriggerLine[] {
    const remote = this.hub.remotePrefixesFor(this);
    const out: TriggerLine[] = [];
    for (const lan of this.lanInterfaces)
      for (const destination of remote) out.push({ source: lan.address!, destination });
    return out;
  }

  /** The spoke's IKE peer address (its WAN IP); undefined for a dynamic WAN. */
  get wanAddress(): string | undefined {
    return this.site.wanIp;
  }

  /**
   * The address the hub calls, keys on and routes to: the public NAT address behind NAT
   * (docs/ios-semantics.md#nat-traversal), else the WAN address; undefined for a dynamic WAN.
   */
  get peerAddress(): string | undefined {
    return this.publicAddress ?? this.site.wanIp;
  }

  /** Records the NAT device's public address (topology.json) after checking it can be one. */
  private natPublicAddress(address: string): string {
    const wan = this.site.wanIp;
    if (wan === undefined)
      throw invalidProperty(
        this.node.path,
        'behindNat',
        undefined,
        `is not allowed with wan.address '${this.dynamicWan}': the hub answers a dynamic spoke through its dynamic crypto map, whatever address it comes from`,
      );
    if (address === wan)
      throw invalidProperty(
        this.node.path,
        'behindNat.publicAddress',
        address,
        'equals wan.address: a NAT device gives the spoke another address',
      );
    this.router.natAddresses.set(this.wanInterface.name, address);
    return address;
  }

  /** The spoke's WAN subnet; undefined for a dynamic WAN. */
  get wanSubnet(): Ipv4Prefix | undefined {
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
    // A dynamic WAN's default route (site.ts) carries the hub's address and every VPN prefix.
    if (this.dynamicWan !== undefined) return [];
    const origin = this.node.path;
    const tunnel = this.vti?.tunnel.name;
    const out = this.hub
      .remotePrefixesFor(this)
      .map((prefix) => (tunnel ? { prefix, interface: tunnel, origin } : vpnRoute(this.site, prefix, origin)));
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
