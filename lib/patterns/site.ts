/**
 * What Hub and Spoke share: LAN/WAN/route props, their schemas, and how a site router is built
 * (interfaces, declared routes) from them.
 */
import type { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { formatPrefix, ipToNumber, isIpv4, networkOf, parseCidr, prefixBounds, prefixContainsIp } from '../ir/ipv4.js';
import type { DynamicAddress, Ipv4Prefix, Platform, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import { Interface } from '../constructs/interface.js';
import { defaultInterfaceNames } from '../constructs/platform.js';
import type { Router } from '../constructs/router.js';
import {
  interfaceAddress,
  interfaceAddressProblem,
  interfaceName,
  ipv4Address,
  networkPrefix,
} from '../constructs/schemas.js';
import { StaticRoute } from '../constructs/static-route.js';

/** A site LAN: one interface with one address. */
export interface LanProps {
  /** Interface address `A.B.C.D/N`; its subnet is the site prefix. */
  readonly address: string;
  /** Interface name. @default - the platform's LAN interface (`Ethernet0`, `GigabitEthernet2`, ...) */
  readonly interface?: string;
}

/** The WAN (underlay) side of a site; it carries the crypto map. */
export interface WanProps {
  /**
   * Interface address `A.B.C.D/N`; its IP is the IKE peer address. A spoke may instead take its
   * address at run time: `dhcp` (`ip address dhcp`, default route from the lease) or `negotiated`
   * (`ip address negotiated`, a PPP/PPPoE Dialer interface; set `interface`). Such a spoke is
   * served by the hub's dynamic crypto map (see `Spoke`).
   */
  readonly address: string;
  /** Interface name. @default - the platform's WAN interface (`Ethernet1`, `GigabitEthernet1`, ...) */
  readonly interface?: string;
  /**
   * Next hop for VPN routes. With a gateway, routes are `ip route P M <gateway>`; without one,
   * they leave through the WAN interface (`ip route P M <interface>`), as in the reference lab.
   * @default - interface routes
   */
  readonly gateway?: string;
  /**
   * With `address: 'negotiated'`: the PPPoE client. The Ethernet `port` towards the access
   * provider joins the Dialer's pool (`pppoe enable group global`, `pppoe-client dial-pool-number
   * N`); the Dialer gets `encapsulation ppp`, `dialer pool N` and `ip mtu 1492` (RFC 2516). The
   * provider's PPP credentials (`ppp chap hostname`, `ppp chap password`) are yours to add with
   * `spoke.wanInterface.addLine(...)`: they are not the VPN's, and hubspoke masks them in its output.
   * @default - no PPPoE lines (a Dialer you complete yourself)
   */
  readonly pppoe?: PppoeProps;
}

/** The PPPoE client of a `negotiated` WAN (see `WanProps.pppoe`). */
export interface PppoeProps {
  /** The Ethernet interface towards the access provider, e.g. `GigabitEthernet0/0`. */
  readonly port: string;
  /** The dialer pool number shared by the port and the Dialer. @default 1 */
  readonly dialerPool?: number;
}

/** An extra static route on a site router (underlay prefix, default route, ...). */
export interface SiteRouteProps {
  /** Destination `A.B.C.D/N` (`0.0.0.0/0` for a default route). */
  readonly destination: string;
  /** Exit interface. @default - the WAN interface, unless `nextHop` is given */
  readonly interface?: string;
  /** Next-hop address. @default - the WAN gateway when there is one, else none */
  readonly nextHop?: string;
  /** Administrative distance. @default 1 */
  readonly distance?: number;
}

/** zod schema of one LAN. */
export const lanSchema = lazy(() =>
  zod().object({ address: interfaceAddress(), interface: interfaceName().optional() }),
);
/** zod schema of `lan`: one LAN or a non-empty list. */
export const lansSchema = lazy(() =>
  zod().union([lanSchema(), zod().array(lanSchema()).min(1, { message: 'must list at least one LAN' })]),
);
/**
 * Why `gateway` cannot be the WAN next hop of a router whose WAN interface is `address`
 * (`A.B.C.D/N`), or undefined. A next-hop route only resolves through a connected subnet, and IOS
 * refuses a next hop that is one of the router's own addresses ("%Invalid next hop address").
 */
export function gatewayProblem(address: string, gateway: string): string | undefined {
  const c = parseCidr(address);
  if (!c || !isIpv4(gateway)) return undefined;
  if (gateway === c.ip) {
    return `is the router's own WAN address (wan.address "${address}"); IOS refuses a route whose next hop is its own address (%Invalid next hop address)`;
  }
  const subnet = networkOf(c.ip, c.prefixLength);
  if (!prefixContainsIp(subnet, gateway)) {
    return `is outside the WAN subnet ${formatPrefix(subnet)} of wan.address "${address}"; the gateway must be the next router on the WAN link`;
  }
  const [first, last] = prefixBounds(subnet);
  const n = ipToNumber(gateway);
  if (c.prefixLength < 31 && (n === first || n === last)) {
    return `is the network or broadcast address of the WAN subnet ${formatPrefix(subnet)}, not a router on it`;
  }
  return undefined;
}

/** True for a WAN address assigned at run time (`dhcp`, `negotiated`). */
export function isDynamicWan(address: string): address is DynamicAddress {
  return address === 'dhcp' || address === 'negotiated';
}

/** zod schema of a static WAN (a hub's). */
export const wanSchema = lazy(() =>
  zod()
    .object({
      address: interfaceAddress(),
      interface: interfaceName().optional(),
      gateway: ipv4Address().optional(),
      pppoe: zod()
        .custom<PppoeProps>((v) => v === undefined, {
          message: 'is for spokes only (a hub needs a static WAN address)',
        })
        .optional(),
    })
    .superRefine((wan, ctx) => {
      const problem = wan.gateway === undefined ? undefined : gatewayProblem(wan.address, wan.gateway);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', path: ['gateway'], message: problem, input: wan.gateway });
    }),
);

/** zod schema of a spoke's WAN: static, or `dhcp` / `negotiated` (no gateway: the lease or PPP gives the next hop). */
export const spokeWanSchema = lazy(() =>
  zod()
    .object({
      address: zod()
        .string()
        .check((ctx) => {
          const problem = isDynamicWan(ctx.value) ? undefined : interfaceAddressProblem(ctx.value);
          if (problem !== undefined)
            ctx.issues.push({
              code: 'custom',
              message: problem.startsWith('is not') ? `${problem}, 'dhcp' or 'negotiated'` : problem,
              input: ctx.value,
            });
        }),
      interface: interfaceName().optional(),
      gateway: ipv4Address().optional(),
      pppoe: zod()
        .object({
          port: interfaceName(),
          dialerPool: zod()
            .number()
            .int()
            .min(1)
            .max(255, { message: 'is not a dialer pool number (1-255)' })
            .optional(),
        })
        .strict()
        .optional(),
    })
    .superRefine((wan, ctx) => {
      const dynamic = isDynamicWan(wan.address);
      if (wan.pppoe !== undefined && wan.address !== 'negotiated')
        ctx.addIssue({
          code: 'custom',
          path: ['pppoe'],
          message: "needs wan.address 'negotiated' (PPPoE gives the Dialer its address by IPCP)",
          input: wan.pppoe,
        });
      if (dynamic && wan.gateway !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['gateway'],
          message: `cannot be set with wan.address '${wan.address}' (the next hop comes from the ${wan.address === 'dhcp' ? 'DHCP lease' : 'PPP link'})`,
          input: wan.gateway,
        });
      if (wan.address === 'negotiated' && (wan.interface === undefined || !/^dialer/i.test(wan.interface)))
        ctx.addIssue({
          code: 'custom',
          path: ['interface'],
          message: "must name the Dialer interface (e.g. 'Dialer1') of a negotiated (PPP/PPPoE) address",
          input: wan.interface,
        });
      const problem = dynamic || wan.gateway === undefined ? undefined : gatewayProblem(wan.address, wan.gateway);
      if (problem !== undefined)
        ctx.addIssue({ code: 'custom', path: ['gateway'], message: problem, input: wan.gateway });
    }),
);

/**
 * Refuses an extra route whose `nextHop` is one of the site router's own addresses (WAN or LAN):
 * IOS rejects the command ("%Invalid next hop address"). Applied to the Hub and Spoke props.
 */
export function checkOwnNextHops(
  props: {
    readonly lan: LanProps | readonly LanProps[];
    readonly wan: WanProps;
    readonly routes?: readonly SiteRouteProps[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const lans: readonly LanProps[] = Array.isArray(props.lan) ? props.lan : [props.lan as LanProps];
  const own = new Map<string, string>([[parseCidr(props.wan.address)?.ip ?? '', 'wan.address']]);
  lans.forEach((l, i) =>
    own.set(
      parseCidr(l.address)?.ip ?? '',
      lans.length === 1 && !Array.isArray(props.lan) ? 'lan.address' : `lan[${i}].address`,
    ),
  );
  (props.routes ?? []).forEach((r, i) => {
    const which = r.nextHop === undefined ? undefined : own.get(r.nextHop);
    if (which === undefined) return;
    ctx.addIssue({
      code: 'custom',
      path: ['routes', i, 'nextHop'],
      message: `is this router's own address (${which}); IOS refuses a route whose next hop is its own address (%Invalid next hop address)`,
      input: r.nextHop,
    });
  });
}
/** zod schema of extra routes. */
export const siteRoutesSchema = lazy(() =>
  zod().array(
    zod().object({
      destination: networkPrefix(),
      interface: interfaceName().optional(),
      nextHop: ipv4Address().optional(),
      distance: zod().number().int().min(1).max(255).optional(),
    }),
  ),
);

/** The parts of a site router that Hub and Spoke build the same way. */
export interface SiteParts {
  readonly wanInterface: Interface;
  readonly lanInterfaces: readonly Interface[];
  readonly lanPrefixes: readonly Ipv4Prefix[];
  /** The WAN IP; undefined when it is assigned at run time (`dynamicWan`). */
  readonly wanIp?: string;
  readonly wanSubnet?: Ipv4Prefix;
  /** `dhcp` or `negotiated` when the WAN address is assigned at run time. */
  readonly dynamicWan?: DynamicAddress;
  readonly gateway?: string;
  readonly routes: readonly StaticRoute[];
  /** Destinations of `routes`. */
  readonly routeDestinations: readonly Ipv4Prefix[];
}

/** Creates the WAN and LAN interfaces (the WAN with `cryptoMapName`, if any) and the declared routes of a site router. */
export function buildSite(
  router: Router,
  platform: Platform,
  lanProps: LanProps | readonly LanProps[],
  wan: WanProps,
  routes: readonly SiteRouteProps[],
  cryptoMapName: string | undefined,
  processSwitching: boolean,
): SiteParts {
  const lans: readonly LanProps[] = Array.isArray(lanProps) ? lanProps : [lanProps as LanProps];
  const names = defaultInterfaceNames(platform, lans.length);
  const lanInterfaces = lans.map(
    (l, i) =>
      new Interface(router, lans.length === 1 ? 'Lan' : `Lan${i}`, {
        name: l.interface ?? names.lans[i]!,
        address: l.address,
      }),
  );
  const pool = wan.pppoe?.dialerPool ?? 1;
  const wanInterface = new Interface(router, 'Wan', {
    name: wan.interface ?? names.wan,
    address: wan.address,
    ...(cryptoMapName !== undefined ? { cryptoMap: cryptoMapName } : {}),
    ...(processSwitching ? { noIpRouteCache: true } : {}),
    ...(wan.pppoe !== undefined ? { extraLines: ['encapsulation ppp', `dialer pool ${pool}`, 'ip mtu 1492'] } : {}),
  });
  if (wan.pppoe !== undefined)
    new Interface(router, 'PppoePort', {
      name: wan.pppoe.port,
      extraLines: ['pppoe enable group global', `pppoe-client dial-pool-number ${pool}`],
    });
  const wanCidr = parseCidr(wan.address);
  const dynamicWan = isDynamicWan(wan.address) ? wan.address : undefined;
  // The default exit: the gateway, the DHCP lease's gateway, else the WAN interface.
  const exit = (): { nextHop: string } | { dhcp: true } | { interface: string } =>
    wan.gateway !== undefined
      ? { nextHop: wan.gateway }
      : dynamicWan === 'dhcp'
        ? { dhcp: true }
        : { interface: wanInterface.name };
  const declared = routes.map(
    (r, i) =>
      new StaticRoute(router, `Route${i}`, {
        destination: r.destination,
        ...(r.interface !== undefined ? { interface: r.interface } : {}),
        ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
        ...(r.interface === undefined && r.nextHop === undefined ? exit() : {}),
        ...(r.distance !== undefined ? { distance: r.distance } : {}),
      }),
  );
  // A dynamic WAN has no subnet to reach the hub through: its default route (`ip route 0.0.0.0
  // 0.0.0.0 dhcp`, or out of the Dialer) carries the hub's address and every VPN prefix.
  if (dynamicWan !== undefined && !declared.some((r) => toPrefix(r.props.destination).prefixLength === 0))
    declared.push(new StaticRoute(router, 'DefaultRoute', { destination: '0.0.0.0/0', ...exit() }));
  return {
    wanInterface,
    lanInterfaces,
    lanPrefixes: lanInterfaces.map((i) => i.subnet!),
    ...(wanCidr ? { wanIp: wanCidr.ip, wanSubnet: networkOf(wanCidr.ip, wanCidr.prefixLength) } : {}),
    ...(dynamicWan !== undefined ? { dynamicWan } : {}),
    ...(wan.gateway !== undefined ? { gateway: wan.gateway } : {}),
    routes: declared,
    routeDestinations: declared.map((r) => toPrefix(r.props.destination)),
  };
}

/** A route to `prefix` leaving the site towards the VPN: via the gateway, else out of the WAN interface. */
export function vpnRoute(site: SiteParts, prefix: Ipv4Prefix, origin: string): StaticRouteIr {
  return site.gateway !== undefined
    ? { prefix, nextHop: site.gateway, origin }
    : { prefix, interface: site.wanInterface.name, origin };
}

/**
 * True when the peer address is reachable without a dedicated route: inside the connected WAN
 * subnet or inside a declared route's destination (an underlay or default route).
 */
export function peerCovered(site: SiteParts, peer: string): boolean {
  return (
    (site.wanSubnet !== undefined && prefixContainsIp(site.wanSubnet, peer)) ||
    site.routeDestinations.some((d) => prefixContainsIp(d, peer))
  );
}

/** Parses a validated prefix string. */
export function toPrefix(text: string): Ipv4Prefix {
  const c = parseCidr(text)!;
  return { address: c.ip, prefixLength: c.prefixLength };
}

/** Ensures `id` is unused under `scope` (a second spoke with the same hostname gets a suffix). */
export function uniqueId(scope: Construct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}-${n}`;
  return id;
}
