/**
 * The IPv4 routing table of one router: connected and static routes, longest-prefix match
 * (docs/ios-semantics.md#routing).
 *
 * IOS installs a connected route for the subnet of every primary and secondary address of an
 * interface that is not shut down (administrative distance 0). `ip route P M <interface>` is
 * installed while the interface is up; `ip route P M <next-hop>` only while the next hop resolves,
 * recursively, through another route (distance 1 unless written); `ip route P M Null0` always, and
 * it discards. Per prefix the lowest distance among the routes that can be installed wins (a
 * floating route takes over when the better one cannot be installed), equal distances share the
 * prefix; forwarding then picks the longest prefix containing the destination. Next hops that are
 * the router's own address and interfaces it does not have are refused, as at the IOS prompt.
 *
 * The table is built once per `RouterConfig` object (cached) as a sorted list of elementary
 * address segments, each owned by its longest-prefix route; lookups are binary searches and the set
 * version returns the segments of a destination interval.
 */
import type { InterfaceConfig, Ipv4Prefix, RouterConfig, SourceLocation, StaticRoute } from '../ir/router-config.js';
import { ipToNumber, numberToIp } from '../ir/ipv4.js';
import type { TunnelDownReason } from './tunnels.js';
import type { Interval } from './header-space.js';
import { buildSegments, lookupSegments, partitionSegments, type Segments } from './route-segments.js';
import { IdentityCache } from '../ir/identity-cache.js';
import { installRoutes, prefixOf } from './route-install.js';

export { NULL_INTERFACE, routeInterface } from './route-install.js';

/**
 * Why packets a route matches are dropped instead of forwarded: a route to `Null0`, or a
 * `permanent` route whose interface is down or whose next hop does not resolve (it stays in the
 * table and holds its prefix, but nothing can be sent). Inherited through recursion.
 * docs/ios-semantics.md#discard-routes, #permanent-and-track.
 */
export type DiscardReason = 'null0' | 'interface-down' | 'next-hop-unresolved';

/** A route installed in the table. */
export interface Route {
  readonly prefix: Ipv4Prefix;
  /** First and last address of the prefix. */
  readonly range: Interval;
  readonly source: 'connected' | 'static';
  /** Administrative distance (0 connected, 1 static by default). */
  readonly distance: number;
  /** Interface the route names (connected: its interface). */
  readonly interface?: string;
  /** Next hop the route names. */
  readonly nextHop?: string;
  /** Exit interface after recursive resolution (`Null0` for a discard route). */
  readonly exitInterface: string;
  /**
   * Address the packet is handed to, after recursion: the first resolved next hop, or undefined
   * when the destination is on the exit interface's link (connected and interface routes).
   */
  readonly gateway?: string;
  /** Set when the route drops what it matches. @default - forwards */
  readonly discard?: DiscardReason;
  /**
   * The other installed paths for the same prefix at the same distance (IOS load-shares over
   * them, docs/ios-semantics.md#equal-cost-paths), in config order. @default - the only path
   */
  readonly equalCost?: readonly Route[];
  /** The configuration element (interface or static route). */
  readonly element: InterfaceConfig | StaticRoute;
  readonly loc?: SourceLocation;
}

/** Why IOS does not install a static route (docs/ios-semantics.md#routing). */
export type RejectReason =
  /** The named interface does not exist (IOS refuses the command). */
  | 'interface-missing'
  | 'interface-down'
  | 'next-hop-unresolved'
  /** The next hop is an address of this router (IOS refuses: "%Invalid next hop address (it's this router)"). */
  | 'next-hop-own-address'
  /** Distance 255: IOS never installs such a route. */
  | 'distance-255'
  /** The route names a tunnel interface whose line protocol is down (docs/ios-semantics.md#tunnel-interfaces). */
  | 'tunnel-down';

/** A static route IOS would not install, with the reason. */
export interface RejectedRoute {
  readonly route: StaticRoute;
  readonly reason: RejectReason;
  /** For `tunnel-down`: the tunnel and why its line protocol is down. @default - not a tunnel */
  readonly tunnel?: TunnelRef;
}

/** A down tunnel a rejected route names, with why it is down. */
export interface TunnelRef {
  readonly name: string;
  readonly reason: TunnelDownReason;
  /** The `interface TunnelN` line. @default - not parsed from text */
  readonly loc?: SourceLocation;
}

/** A piece of a destination interval and the route forwarding it. */
export interface RouteSegment {
  readonly range: Interval;
  /** @default - no route (dropped) */
  readonly route?: Route;
}

/** One router's routing table. */
export interface RoutingTable {
  /** Installed routes (one per prefix; equal-cost siblings in `equalCost`), by prefix address then length. */
  readonly routes: readonly Route[];
  readonly rejected: readonly RejectedRoute[];
  /** Tunnel interfaces (not shut down) whose line protocol is down, with why (docs/ios-semantics.md#tunnel-interfaces). */
  readonly tunnelsDown: ReadonlyMap<string, TunnelDownReason>;
  /** Longest-prefix match for one destination address. */
  lookup(dst: number): Route | undefined;
  /** The destination interval cut into pieces, each with its longest-prefix route (or none). */
  partition(range: Interval): RouteSegment[];
}

const cache = new IdentityCache<RouterConfig, RoutingTable>();

/** The routing table of a router; built once per config object. */
export function routingTable(config: RouterConfig): RoutingTable {
  return cache.get(config, buildRoutingTable);
}

function buildRoutingTable(config: RouterConfig): RoutingTable {
  const { routes, rejected, tunnelsDown } = installRoutes(config);
  return new SegmentTable(routes, rejected, buildSegments(routes), tunnelsDown);
}

/**
 * A table over its segments. A class, so that the table holds only its segments (closures made
 * inside `buildRoutingTable` would keep that function's scope alive, including the key map of
 * every candidate route) and its methods live once on the prototype: every router has a table.
 */
class SegmentTable implements RoutingTable {
  constructor(
    readonly routes: readonly Route[],
    readonly rejected: readonly RejectedRoute[],
    private readonly segments: Segments,
    readonly tunnelsDown: ReadonlyMap<string, TunnelDownReason>,
  ) {}

  lookup(dst: number): Route | undefined {
    return lookupSegments(this.segments, dst);
  }

  partition(range: Interval): RouteSegment[] {
    return partitionSegments(this.segments, range);
  }
}

/** Longest-prefix match for a dotted-quad destination. */
export function lookupRoute(config: RouterConfig, dst: string): Route | undefined {
  return routingTable(config).lookup(ipToNumber(dst));
}

/** `show ip route`-style text of a route's prefix, e.g. `10.1.0.0/16`. */
export function routePrefixText(route: Route): string {
  return `${numberToIp(route.range[0])}/${route.prefix.prefixLength}`;
}

/** Every path of an installed route: itself and its equal-cost siblings, in config order. */
export function forwardingPaths(route: Route): readonly Route[] {
  return route.equalCost ? [route, ...route.equalCost] : [route];
}

/**
 * The one path a packet takes among equal-cost paths: IOS (CEF) load-shares per destination by
 * hashing source and destination addresses with a seed of its own, which the text of a config does
 * not tell; the emulator uses a fixed hash so its runs repeat, and the proof requires every path
 * to work (docs/ios-semantics.md#equal-cost-paths).
 */
export function pathFor(route: Route, src: number, dst: number): Route {
  if (!route.equalCost) return route;
  const paths = forwardingPaths(route);
  const h = Math.imul((src ^ Math.imul(dst, 2654435761)) >>> 0, 2246822519) >>> 0;
  return paths[(h >>> 16) % paths.length]!;
}

/**
 * Static routes IOS did not install whose prefix contains all of `range`: the routes an operator
 * meant for that traffic (a next hop that does not resolve, an interface that is down, ...), for
 * findings that say why the traffic found no route or the wrong one. Longest prefix first.
 */
export function notInstalledFor(table: RoutingTable, range: Interval): readonly RejectedRoute[] {
  const out: { r: RejectedRoute; len: number }[] = [];
  for (const r of table.rejected) {
    const [, span] = prefixOf(r.route.prefix.address, r.route.prefix.prefixLength);
    if (span[0] <= range[0] && span[1] >= range[1]) out.push({ r, len: r.route.prefix.prefixLength });
  }
  return out.sort((a, b) => b.len - a.len).map((x) => x.r);
}
