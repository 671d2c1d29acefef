/**
 * The IPv4 routing table of one router: connected and static routes, longest-prefix match.
 *
 * IOS installs a connected route for the subnet of every primary and secondary address of an
 * interface that is not shut down (administrative distance 0). `ip route P M <interface>` is
 * installed while the interface is up; `ip route P M <next-hop>` only while the next hop resolves,
 * recursively, through another route to an exit interface (distance 1 unless written). Among
 * routes for the same prefix the lowest distance wins; forwarding then picks the longest prefix
 * containing the destination (Cisco, "Route Selection in Cisco Routers").
 *
 * The table is built once per `RouterConfig` object (cached) as a sorted list of elementary
 * address segments, each owned by its longest-prefix route; lookups are binary searches and the set
 * version returns the segments of a destination interval.
 */
import type { InterfaceConfig, Ipv4Prefix, RouterConfig, SourceLocation, StaticRoute } from '../ir/router-config.js';
import { ipToNumber, numberToIp } from '../ir/ipv4.js';
import { fastIp } from './acl.js';
import type { Interval } from './header-space.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

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
  /** Exit interface after recursive resolution. */
  readonly exitInterface: string;
  /**
   * Address the packet is handed to, after recursion: the first resolved next hop, or undefined
   * when the destination is on the exit interface's link (connected and interface routes).
   */
  readonly gateway?: string;
  /** The configuration element (interface or static route). */
  readonly element: InterfaceConfig | StaticRoute;
  readonly loc?: SourceLocation;
}

/** A static route IOS would not install, with the reason. */
export interface RejectedRoute {
  readonly route: StaticRoute;
  readonly reason: 'interface-missing' | 'interface-down' | 'next-hop-unresolved';
}

/** A piece of a destination interval and the route forwarding it. */
export interface RouteSegment {
  readonly range: Interval;
  /** @default - no route (dropped) */
  readonly route?: Route;
}

/** One router's routing table. */
export interface RoutingTable {
  /** Installed routes, by prefix address then length. */
  readonly routes: readonly Route[];
  readonly rejected: readonly RejectedRoute[];
  /** Longest-prefix match for one destination address. */
  lookup(dst: number): Route | undefined;
  /** The destination interval cut into pieces, each with its longest-prefix route (or none). */
  partition(range: Interval): RouteSegment[];
}

const cache = new WeakMap<RouterConfig, RoutingTable>();

/** The routing table of a router; built once per config object. */
export function routingTable(config: RouterConfig): RoutingTable {
  let table = cache.get(config);
  if (!table) {
    table = buildRoutingTable(config);
    cache.set(config, table);
  }
  return table;
}

/** Maximum recursion depth for next-hop resolution (IOS gives up on loops). */
const MAX_RECURSION = 16;

interface Candidate {
  readonly prefix: Ipv4Prefix;
  readonly range: Interval;
  readonly source: 'connected' | 'static';
  readonly distance: number;
  readonly element: InterfaceConfig | StaticRoute;
}

function buildRoutingTable(config: RouterConfig): RoutingTable {
  // Every router builds a table once: indexed loops, no intermediate arrays (see header-space.ts).
  const interfaces = config.interfaces;
  const up = new Map<string, InterfaceConfig>();
  for (let k = 0; k < interfaces.length; k += 1) if (!interfaces[k]!.shutdown) up.set(interfaces[k]!.name, interfaces[k]!);
  const known = (name: string) => up.has(name) || interfaces.some((i) => i.name === name);
  const rejected: RejectedRoute[] = [];

  const connected: Route[] = [];
  const addConnected = (iface: InterfaceConfig, a: { ip: string; prefixLength: number }) => {
    const [prefix, range] = prefixOf(a.ip, a.prefixLength);
    const route: Writable<Route> = { prefix, range, source: 'connected', distance: 0, interface: iface.name, exitInterface: iface.name, element: iface };
    if (iface.loc) route.loc = iface.loc;
    connected.push(route);
  };
  // Interfaces in config order (the order of `up` before): names are unique per config.
  for (let k = 0; k < interfaces.length; k += 1) {
    const iface = interfaces[k]!;
    if (up.get(iface.name) !== iface) continue;
    if (iface.address) addConnected(iface, iface.address);
    for (let j = 0; j < iface.secondaryAddresses.length; j += 1) addConnected(iface, iface.secondaryAddresses[j]!);
  }

  // Static routes resolve against connected routes and against each other (recursively).
  const statics: Candidate[] = config.staticRoutes.map((r) => {
    const [prefix, range] = prefixOf(r.prefix.address, r.prefix.prefixLength, r.prefix);
    return { prefix, range, source: 'static', distance: r.distance ?? 1, element: r };
  });
  // Keyed by first address and length as one number (below 2^38, exact in a double).
  const byKey = new Map<number, Route>();
  const install = (r: Route) => {
    const key = r.range[0] * 64 + r.prefix.prefixLength;
    const cur = byKey.get(key);
    if (!cur || r.distance < cur.distance) byKey.set(key, r);
  };
  for (let k = 0; k < connected.length; k += 1) install(connected[k]!);

  // Interface routes first; next-hop routes then resolve in rounds until nothing changes, so a
  // next hop reachable through another static route resolves whatever the order of the lines.
  const pending: Candidate[] = [];
  for (let k = 0; k < statics.length; k += 1) {
    const c = statics[k]!;
    const r = c.element as StaticRoute;
    if (r.interface !== undefined) {
      if (!known(r.interface)) { rejected.push({ route: r, reason: 'interface-missing' }); continue; }
      if (!up.has(r.interface)) { rejected.push({ route: r, reason: 'interface-down' }); continue; }
      install(staticRoute(c, r.interface, r.nextHop, r.nextHop));
    } else pending.push(c);
  }
  let changed = true;
  let rounds = 0;
  let unresolved = pending;
  while (changed && unresolved.length > 0 && rounds < MAX_RECURSION) {
    changed = false;
    rounds += 1;
    const segments = buildSegments([...byKey.values()].sort(byAddressThenLength));
    const next: Candidate[] = [];
    for (const c of unresolved) {
      const r = c.element as StaticRoute;
      const hop = fastIp(r.nextHop!);
      const via = lookupSegments(segments, hop);
      // A route may not resolve through itself (IOS rejects such recursion).
      if (via && !(via.range[0] === c.range[0] && via.prefix.prefixLength === c.prefix.prefixLength)) {
        install(staticRoute(c, via.exitInterface, r.nextHop, via.gateway ?? r.nextHop));
        changed = true;
      } else next.push(c);
    }
    unresolved = next;
  }
  for (const c of unresolved) rejected.push({ route: c.element as StaticRoute, reason: 'next-hop-unresolved' });

  const routes = [...byKey.values()].sort(byAddressThenLength);
  return new SegmentTable(routes, rejected, buildSegments(routes));
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
  ) {}

  lookup(dst: number): Route | undefined {
    return lookupSegments(this.segments, dst);
  }

  partition(range: Interval): RouteSegment[] {
    return partitionSegments(this.segments, range);
  }
}

/**
 * The network prefix (host bits cleared) and its address range. Routing tables of a 5,000-spoke
 * hub are built from thousands of routes, so this reads the dotted quad directly, and a route
 * whose prefix is already a network (`given`, the usual `ip route`) keeps its own prefix object.
 */
function prefixOf(ip: string, length: number, given?: Ipv4Prefix): [Ipv4Prefix, Interval] {
  const len = Math.max(0, Math.min(32, length));
  const size = 2 ** (32 - len);
  const n = fastIp(ip);
  const lo = n - (n % size);
  if (given !== undefined && n === lo && given.prefixLength === len) return [given, [lo, lo + size - 1]];
  const address = `${Math.floor(lo / 16777216)}.${Math.floor(lo / 65536) % 256}.${Math.floor(lo / 256) % 256}.${lo % 256}`;
  return [{ address, prefixLength: len }, [lo, lo + size - 1]];
}

// Optional fields are assigned, not spread: a spoke of an exact-mode network installs a route per
// site, and object spreads cost an allocation each (same fields, same order as before).
function staticRoute(c: Candidate, exitInterface: string, nextHop?: string, gateway?: string): Route {
  const r = c.element as StaticRoute;
  // Built in the field order of the Route type; `element` is set below, before anything reads it.
  const route = { prefix: c.prefix, range: c.range, source: 'static', distance: c.distance, exitInterface } as Writable<Route>;
  if (r.interface !== undefined) route.interface = r.interface;
  if (nextHop !== undefined) route.nextHop = nextHop;
  if (gateway !== undefined) route.gateway = gateway;
  route.element = r;
  if (r.loc) route.loc = r.loc;
  return route;
}

/** Elementary segments: `starts[i]` begins a segment owned by `owners[i]` (or none). */
interface Segments {
  readonly starts: number[];
  readonly owners: (Route | undefined)[];
}

/** Installed-route order: by first address, then by prefix length (shorter, i.e. wider, first). */
function byAddressThenLength(a: Route, b: Route): number {
  return a.range[0] - b.range[0] || a.prefix.prefixLength - b.prefix.prefixLength;
}

/**
 * The segments of routes given in {@link byAddressThenLength} order: the caller sorts, so the
 * final table (already sorted for `routes`) is not copied and sorted a second time. Every router
 * of a 5,000-spoke network builds a table.
 */
function buildSegments(routes: readonly Route[]): Segments {
  const starts: number[] = [];
  const owners: (Route | undefined)[] = [];
  const stack: Route[] = [];
  let cur = 0;
  const emit = (upto: number) => {
    if (upto <= cur) return;
    const owner = stack[stack.length - 1];
    if (owners.length > 0 && owners[owners.length - 1] === owner) { cur = upto; return; }
    starts.push(cur);
    owners.push(owner);
    cur = upto;
  };
  // Prefixes are nested or disjoint, so a stack sweep yields the longest match of every segment.
  for (const r of routes) {
    while (stack.length > 0 && stack[stack.length - 1]!.range[1] < r.range[0]) {
      emit(stack[stack.length - 1]!.range[1] + 1);
      stack.pop();
    }
    emit(r.range[0]);
    stack.push(r);
  }
  while (stack.length > 0) {
    emit(stack[stack.length - 1]!.range[1] + 1);
    stack.pop();
  }
  emit(2 ** 32);
  return { starts, owners };
}

function segmentIndex(s: Segments, dst: number): number {
  let lo = 0;
  let hi = s.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s.starts[mid]! <= dst) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lookupSegments(s: Segments, dst: number): Route | undefined {
  return s.owners[segmentIndex(s, dst)];
}

function partitionSegments(s: Segments, [lo, hi]: Interval): RouteSegment[] {
  const out: RouteSegment[] = [];
  for (let i = segmentIndex(s, lo); i < s.starts.length && s.starts[i]! <= hi; i += 1) {
    const end = i + 1 < s.starts.length ? s.starts[i + 1]! - 1 : 0xffffffff;
    const route = s.owners[i];
    const range: Interval = [Math.max(lo, s.starts[i]!), Math.min(hi, end)];
    out.push(route ? { range, route } : { range });
  }
  return out;
}

/** Longest-prefix match for a dotted-quad destination. */
export function lookupRoute(config: RouterConfig, dst: string): Route | undefined {
  return routingTable(config).lookup(ipToNumber(dst));
}

/** `show ip route`-style text of a route's prefix, e.g. `10.1.0.0/16`. */
export function routePrefixText(route: Route): string {
  return `${numberToIp(route.range[0])}/${route.prefix.prefixLength}`;
}
