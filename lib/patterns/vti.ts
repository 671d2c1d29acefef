/**
 * The route-based design of the Hub and Spoke patterns (`design: 'vti'`): one static virtual
 * tunnel interface (sVTI, `tunnel mode ipsec ipv4` with `tunnel protection ipsec profile`) per
 * spoke on the hub and one on each spoke, instead of crypto maps and crypto ACLs
 * (docs/ios-semantics.md#tunnel-interfaces, #static-vti-negotiation; docs/route-based.md).
 *
 * - Each spoke's tunnel gets the next /30 of the hub's `vti.tunnelPool` in creation order: the hub
 *   end the first host address, the spoke end the second.
 * - The hub routes each spoke's LANs into that spoke's tunnel; a spoke routes every other site
 *   (the hub LANs and the other spokes' LANs, or the site pools in summarized mode) into its one
 *   tunnel, so spoke-to-spoke traffic goes out of one hub tunnel into another.
 * - Keys stay `crypto isakmp key` per peer address (IKEv1), or a peer of the IKEv2 keyring with
 *   `ike: 'v2'` (the IPsec profiles then name the IKEv2 profile): the VTI rules look them up by the
 *   tunnel source addresses like the crypto-map rules do.
 * - With the Hub's `ikeSource`, every hub tunnel is sourced from the loopback (`tunnel source
 *   Loopback0`), and the spokes' tunnels, keys and underlay routes aim at its address.
 * - What the VTI rule does not decide is refused here instead of emitted (keyrings and ISAKMP
 *   profiles, NAT, dynamic spoke addresses).
 */
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { addressInPrefix, formatPrefix, nthSubnet, prefixesOverlap, subnetCount } from '../ir/ipv4.js';
import type { Ipv4Prefix, Platform, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import { ConstructError, invalidProperty } from '../constructs/errors.js';
import { Interface } from '../constructs/interface.js';
import { IpsecProfile } from '../constructs/ipsec-profile.js';
import type { Ikev2KeyringPeer } from '../constructs/ikev2-keyring.js';
import type { IsakmpKey } from '../constructs/isakmp-key.js';
import type { PreSharedKey } from '../constructs/pre-shared-key.js';
import type { Router } from '../constructs/router.js';
import { networkPrefixProblem, wordName } from '../constructs/schemas.js';
import type { ResolvedCryptoSettings } from './crypto-settings.js';
import type { Ikev2Parts } from './ikev2-settings.js';
import type { IkeSourceProps } from './ike-source.js';
import { peerKey } from './keying.js';
import { peerCovered, toPrefix, vpnRoute, type SiteParts } from './site.js';

/**
 * How a hub and its spokes carry site traffic.
 * - `crypto-map`: policy-based, one crypto map entry and crypto ACL per spoke (the reference lab).
 * - `vti`: route-based, one static VTI per spoke and static routes into the tunnels (`VtiProps`).
 */
export type VpnDesign = 'crypto-map' | 'vti';

/** Settings of the route-based design (`design: 'vti'` on the Hub). */
export interface VtiProps {
  /**
   * The prefix the tunnel /30s are carved from, one per spoke in creation order (hub end `.1`,
   * spoke end `.2` of each). Must not overlap any site LAN or WAN subnet; a /24 serves 64 spokes.
   */
  readonly tunnelPool: string;
  /** Name of the `crypto ipsec profile` on every router. @default 'HUBSPOKE-VTI' */
  readonly ipsecProfileName?: string;
  /** Number of the first spoke's tunnel on the hub (`Tunnel<n>`, then n+1...). @default 1 */
  readonly firstTunnel?: number;
  /** The spoke's tunnel to the hub. @default 'Tunnel1' */
  readonly spokeTunnel?: string;
}

/** Length of every tunnel transport subnet: a /30 works on every platform hubspoke renders. */
export const TUNNEL_PREFIX_LENGTH = 30;

/** zod schema of `VtiProps`. */
export const vtiSchema = lazy(() =>
  zod()
    .object({
      tunnelPool: zod()
        .string()
        .check((ctx) => {
          const problem = networkPrefixProblem(ctx.value);
          const message =
            problem ??
            (toPrefix(ctx.value).prefixLength > TUNNEL_PREFIX_LENGTH
              ? `is smaller than one tunnel /${TUNNEL_PREFIX_LENGTH}`
              : undefined);
          if (message !== undefined) ctx.issues.push({ code: 'custom', message, input: ctx.value });
        }),
      ipsecProfileName: wordName().optional(),
      firstTunnel: zod().number().int().min(0).max(2147483647).optional(),
      spokeTunnel: zod()
        .string()
        .regex(/^Tunnel\d+$/, { message: 'is not a tunnel interface name (TunnelN)' })
        .optional(),
    })
    .strict(),
);

/** Refines the Hub props: `vti` goes with `design: 'vti'`, both or neither. */
export function checkDesign(p: { readonly design?: VpnDesign; readonly vti?: unknown }, ctx: z.RefinementCtx): void {
  if ((p.design === 'vti') === (p.vti !== undefined)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['vti'],
    message: p.vti === undefined ? "is required with design 'vti' (set vti.tunnelPool)" : "needs design 'vti'",
  });
}

/** What the hub created for one spoke of the route-based design. */
export interface VtiAttachment {
  /** Position of the spoke among the hub's tunnels (0 is the first). */
  readonly index: number;
  /** The tunnel transport subnet. */
  readonly subnet: Ipv4Prefix;
  /** The hub's tunnel towards the spoke. */
  readonly hubTunnel: Interface;
  /** The hub's pre-shared key entry for the spoke (with IKEv2, its peer in the IKEv2 keyring). */
  readonly key: IsakmpKey | Ikev2KeyringPeer;
  /** The spoke end's tunnel address. */
  readonly spokeAddress: string;
  /** The hub end's tunnel address. */
  readonly hubAddress: string;
}

/** A spoke as the route-based design needs it. */
export interface VtiSpoke {
  readonly hostname: string;
  readonly node: { readonly path: string };
  readonly peerAddress: string | undefined;
  readonly lanPrefixes: readonly Ipv4Prefix[];
}

/** The hub's IPsec profile, tunnels and routes of the route-based design. */
export class HubVti {
  /** The tunnel pool. */
  readonly pool: Ipv4Prefix;
  /** The hub's `crypto ipsec profile`. */
  readonly profile: IpsecProfile;
  /** The design's settings as given. */
  readonly props: VtiProps;
  private readonly attached = new Map<VtiSpoke, VtiAttachment>();

  constructor(
    private readonly hubPath: string,
    private readonly router: Router,
    /** The hub tunnels' `tunnel source`: the WAN interface, or the `ikeSource` loopback. */
    private readonly tunnelSource: string,
    crypto: ResolvedCryptoSettings,
    props: VtiProps,
    private readonly ikev2?: Ikev2Parts,
  ) {
    refusePlatform(hubPath, router.platform);
    this.props = props;
    this.pool = toPrefix(props.tunnelPool);
    this.profile = createIpsecProfile(router, crypto, props, ikev2);
  }

  /** Creates the hub's tunnel towards `spoke` on the next /30 of the pool, and the hub's key for it. */
  attach(spoke: VtiSpoke, key: PreSharedKey, hubAddress: string): VtiAttachment {
    const index = this.attached.size;
    const subnet = nthSubnet(this.pool, TUNNEL_PREFIX_LENGTH, index);
    if (subnet === undefined)
      throw new ConstructError(
        'HS-PROP',
        this.hubPath,
        `vti.tunnelPool ${formatPrefix(this.pool)} has room for ${subnetCount(this.pool, TUNNEL_PREFIX_LENGTH)} tunnel /${TUNNEL_PREFIX_LENGTH}s; ${spoke.node.path} would be spoke ${index + 1} (use a larger pool)`,
        'vti.tunnelPool',
      );
    const hubTunnelAddress = addressInPrefix(subnet, 1);
    const number = (this.props.firstTunnel ?? 1) + index;
    const hubTunnel = new Interface(this.router, `Tunnel-${spoke.hostname}`, {
      name: `Tunnel${number}`,
      description: `VTI to ${spoke.hostname}`,
      address: `${hubTunnelAddress}/${TUNNEL_PREFIX_LENGTH}`,
      tunnel: {
        source: this.tunnelSource,
        destination: spoke.peerAddress!,
        mode: 'ipsec ipv4',
        protectionProfile: this.profile.name,
      },
    });
    // IKEv1: a global key by the spoke's address; IKEv2: a peer of the hub's IKEv2 keyring.
    const hubKey = peerKey(this.router, this.ikev2, undefined, {
      hostname: spoke.hostname,
      address: spoke.peerAddress!,
      identity: spoke.peerAddress!,
      key,
      localAddress: hubAddress,
    });
    const spokeAddress = addressInPrefix(subnet, 2);
    const attachment = { index, subnet, hubTunnel, key: hubKey, hubAddress: hubTunnelAddress, spokeAddress };
    this.attached.set(spoke, attachment);
    return attachment;
  }

  /** What the hub created for `spoke`, if it is one of its tunnels. */
  attachmentFor(spoke: VtiSpoke): VtiAttachment | undefined {
    return this.attached.get(spoke);
  }

  /** The hub's routes: each spoke's LANs into its tunnel, and each spoke's address through the WAN when needed. */
  routes(site: SiteParts): StaticRouteIr[] {
    const out: StaticRouteIr[] = [];
    for (const [spoke, a] of this.attached)
      for (const prefix of spoke.lanPrefixes)
        out.push({ prefix, interface: a.hubTunnel.name, origin: spoke.node.path });
    for (const spoke of this.attached.keys()) {
      const peer = spoke.peerAddress!;
      if (!peerCovered(site, peer)) out.push(vpnRoute(site, { address: peer, prefixLength: 32 }, spoke.node.path));
    }
    return out;
  }

  /** Validation messages: the pool must not overlap a site LAN or a WAN subnet. */
  problems(sites: readonly { readonly prefix: Ipv4Prefix; readonly label: string }[]): string[] {
    const out: string[] = [];
    for (const s of sites)
      if (prefixesOverlap(this.pool, s.prefix))
        out.push(
          `vti.tunnelPool ${formatPrefix(this.pool)} overlaps ${s.label} ${formatPrefix(s.prefix)}; tunnel subnets must not overlap sites or the underlay`,
        );
    return out;
  }
}

/**
 * The hub's route-based parts. With `ikeSource` every hub tunnel is sourced from the loopback (the
 * VTI rule negotiates between the tunnel source addresses, docs/ios-semantics.md#static-vti-negotiation),
 * and the uplink, which then sources no tunnel but still carries the ESP, is declared WAN for topology.json.
 */
export function createHubVti(
  hub: {
    readonly node: { readonly path: string };
    readonly router: Router;
    readonly wanInterface: Interface;
    readonly crypto: ResolvedCryptoSettings;
    readonly ikev2: Ikev2Parts | undefined;
  },
  ikeSource: IkeSourceProps | undefined,
  props: VtiProps,
): HubVti {
  const wan = hub.wanInterface.name;
  if (ikeSource !== undefined) hub.router.underlayInterfaces.add(wan);
  return new HubVti(hub.node.path, hub.router, ikeSource?.loopback ?? wan, hub.crypto, props, hub.ikev2);
}

/**
 * The `crypto ipsec profile` of a router of the route-based design: the shared transform set and
 * PFS, and with IKEv2 the router's IKEv2 profile (`set ikev2-profile`,
 * docs/ios-semantics.md#static-vti-negotiation).
 */
export function createIpsecProfile(
  router: Router,
  crypto: ResolvedCryptoSettings,
  props: VtiProps,
  ikev2: Ikev2Parts | undefined,
): IpsecProfile {
  return new IpsecProfile(router, 'IpsecProfile', {
    ...(ikev2 ? { ikev2Profile: ikev2.profile } : {}),
    name: props.ipsecProfileName ?? 'HUBSPOKE-VTI',
    transformSets: [crypto.transformSetName],
    pfs: crypto.pfs,
    ...(crypto.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: crypto.saLifetimeSeconds } : {}),
  });
}

/** The spoke's tunnel to the hub (`vti.spokeTunnel`, the attachment's spoke address). */
export function createSpokeTunnel(
  router: Router,
  input: {
    readonly hubHostname: string;
    readonly hubAddress: string;
    readonly wanInterface: string;
    readonly profile: IpsecProfile;
    readonly attachment: VtiAttachment;
    readonly name?: string;
  },
): Interface {
  return new Interface(router, 'Tunnel', {
    name: input.name ?? 'Tunnel1',
    description: `VTI to ${input.hubHostname}`,
    address: `${input.attachment.spokeAddress}/${TUNNEL_PREFIX_LENGTH}`,
    tunnel: {
      source: input.wanInterface,
      destination: input.hubAddress,
      mode: 'ipsec ipv4',
      protectionProfile: input.profile.name,
    },
  });
}

/**
 * Refuses a router of the route-based design on IOS 12.2: static VTIs came with IOS 12.3(14)T
 * (Cisco, "IPSec Virtual Tunnel Interface", feature history), so 12.2 has no `tunnel mode ipsec ipv4`.
 */
export function refusePlatform(path: string, platform: Platform): void {
  if (platform !== 'ios-12.2') return;
  throw invalidProperty(
    path,
    'platform',
    platform,
    "has no static VTIs (introduced in IOS 12.3(14)T): use design 'crypto-map', or platform ios-15 or ios-xe-17",
  );
}

/**
 * Refuses the Hub props the route-based design does not support, naming the property:
 * every one of them makes the VTI rule answer NOT_MODELLED, or has no meaning without crypto maps.
 */
export function refuseHubProps(path: string, props: Readonly<Record<string, unknown>>): void {
  const reasons: Readonly<Record<string, string>> = {
    keying:
      "'keyring' is not supported with design 'vti' and IKEv1: ISAKMP profiles on a VTI router are not modelled by the proof (docs/ios-semantics.md#static-vti-negotiation); with ike 'v2' the keys are in the IKEv2 keyring of the IKEv2 profile already",
    dynamicSpokes:
      "has no meaning with design 'vti': every spoke needs a static WAN address (tunnel destination); spokes on DHCP or PPPoE need design 'crypto-map'",
    firstSequence: "has no meaning with design 'vti' (no crypto map entries)",
    sequenceStep: "has no meaning with design 'vti' (no crypto map entries)",
    aclNaming: "has no meaning with design 'vti' (no crypto ACLs)",
  };
  for (const [key, reason] of Object.entries(reasons)) {
    const value = props[key];
    if (value === undefined || (key === 'keying' && value === 'global-keys')) continue;
    throw invalidProperty(path, key, typeof value === 'object' ? undefined : value, reason);
  }
}

/** Refuses the Spoke props the route-based design does not support, naming the property. */
export function refuseSpokeProps(path: string, props: Readonly<Record<string, unknown>>, dynamicWan: boolean): void {
  if (dynamicWan)
    throw invalidProperty(
      path,
      'wan.address',
      undefined,
      "must be a static address with the hub's design 'vti': it is the hub tunnel's destination (a spoke on DHCP or PPPoE needs the hub's design 'crypto-map', whose dynamic crypto map answers it)",
    );
  const reasons: Readonly<Record<string, string>> = {
    behindNat:
      "is not supported with the hub's design 'vti': the static VTI rules do not model a NAT device between the tunnel ends (such a tunnel is NOT_MODELLED, docs/ios-semantics.md#tunnel-interfaces); use design 'crypto-map'",
    internetBreakout:
      "is not supported with the hub's design 'vti': NAT on a VTI router is not modelled by the proof (docs/ios-semantics.md#static-vti-negotiation)",
    tunnelTrigger: "has no meaning with the hub's design 'vti': either end brings the tunnel's SA up",
    sequence: "has no meaning with the hub's design 'vti' (no crypto map entries)",
    localSequence: "has no meaning with the hub's design 'vti' (no crypto map entries)",
    aclName: "has no meaning with the hub's design 'vti' (no crypto ACLs)",
  };
  for (const [key, reason] of Object.entries(reasons)) {
    const value = props[key];
    if (value === undefined || (key === 'tunnelTrigger' && value === false)) continue;
    throw invalidProperty(path, key, typeof value === 'object' ? undefined : value, reason);
  }
}
