/**
 * Which routes IOS installs in a router's table (docs/ios-semantics.md#routing): a connected
 * route per address of every interface that is up; each static route classified (installed with
 * its own path, resolved recursively through its next hop, or refused); next hops resolved round
 * by round until stable; per prefix the lowest distance wins and equal distances share it.
 */
import type { InterfaceConfig, Ipv4Prefix, RouterConfig, StaticRoute } from '../ir/router-config.js';
import { blockSize, blockStart, ipToNumber, numberToIp } from '../ir/ipv4.js';
import type { Interval } from './header-space.js';
import { buildSegments, byAddressThenLength, lookupSegments } from './route-segments.js';
import type { DiscardReason, RejectReason, RejectedRoute, Route, TunnelRef } from './routing.js';
import { isTunnelInterface, tunnelDownReason, type TunnelDownReason } from './tunnels.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Rounds of next-hop resolution before the table is taken as it stands (IOS gives up on loops). */
const MAX_RECURSION = 16;

/** The null interface: always up, drops everything (docs/ios-semantics.md#discard-routes). */
export const NULL_INTERFACE = 'Null0';

interface Candidate {
  readonly prefix: Ipv4Prefix;
  readonly range: Interval;
  readonly distance: number;
  readonly route: StaticRoute;
  /** Index in config order (ties between equal-distance routes keep config order). */
  readonly order: number;
}

/** The router's interfaces as routing needs them: up ones by name, and every address it owns. */
interface InterfaceView {
  readonly up: Map<string, InterfaceConfig>;
  readonly all: readonly InterfaceConfig[];
  readonly own: Set<number>;
}

function interfaceView(config: RouterConfig): InterfaceView {
  const interfaces = config.interfaces;
  const up = new Map<string, InterfaceConfig>();
  const own = new Set<number>();
  for (let k = 0; k < interfaces.length; k += 1) {
    const i = interfaces[k]!;
    if (!i.shutdown) up.set(i.name, i);
    if (i.address) own.add(ipToNumber(i.address.ip));
    for (let j = 0; j < i.secondaryAddresses.length; j += 1) own.add(ipToNumber(i.secondaryAddresses[j]!.ip));
  }
  return { up, all: interfaces, own };
}

/**
 * The interface a route names: its exact name, or the one interface whose name the text
 * abbreviates (`Eth1`, `Gi0/1`), as the IOS prompt expands names. Undefined when none or ambiguous.
 */
export function routeInterface(interfaces: readonly InterfaceConfig[], text: string): InterfaceConfig | undefined {
  const t = text.toLowerCase();
  const exact = interfaces.find((i) => i.name.toLowerCase() === t);
  if (exact) return exact;
  const m = /^([a-z-]+)(\d[\d/.:]*)$/.exec(t);
  if (!m) return undefined;
  const hits = interfaces.filter((i) => {
    const n = /^([a-z-]+)(\d[\d/.:]*)$/.exec(i.name.toLowerCase());
    return n !== null && n[2] === m[2] && n[1]!.startsWith(m[1]!);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** A path a static route takes once its interface or next hop is known. */
interface Resolved {
  readonly exitInterface: string;
  readonly gateway?: string;
  readonly discard?: DiscardReason;
}

/**
 * What one static route becomes before any recursion: a path of its own (interface routes,
 * discard routes, `permanent` routes through a down interface), a route to resolve through its
 * next hop, or a rejection.
 */
function classify(c: Candidate, view: InterfaceView): Resolved | 'recursive' | RejectReason {
  const r = c.route;
  if (c.distance >= 255) return 'distance-255';
  if (r.nextHop !== undefined && view.own.has(ipToNumber(r.nextHop))) return 'next-hop-own-address';
  // `ip route P M dhcp` before a lease gave a gateway (docs/ios-semantics.md#dhcp-wan-addresses).
  if (r.interface === undefined && r.nextHop === undefined) return 'next-hop-unresolved';
  if (r.interface === undefined) return 'recursive';
  if (r.interface === NULL_INTERFACE) return { exitInterface: NULL_INTERFACE, discard: 'null0' };
  const iface = routeInterface(view.all, r.interface);
  if (!iface) return 'interface-missing';
  if (!view.up.has(iface.name)) {
    return r.permanent === true
      ? { exitInterface: iface.name, ...gatewayOf(r.nextHop), discard: 'interface-down' }
      : 'interface-down';
  }
  return { exitInterface: iface.name, ...gatewayOf(r.nextHop) };
}

/** The down tunnel a route names, with why it is down (docs/ios-semantics.md#tunnel-interfaces). */
function tunnelDown(
  view: InterfaceView,
  name: string,
  down: ReadonlyMap<string, TunnelDownReason>,
): TunnelRef | undefined {
  const iface = routeInterface(view.all, name);
  if (!iface || !isTunnelInterface(iface)) return undefined;
  // A shut tunnel is down for routing like any shut interface (docs/ios-semantics.md#tunnel-interfaces).
  const reason = iface.shutdown ? 'shutdown' : down.get(iface.name);
  return reason ? { name: iface.name, reason, ...(iface.loc ? { loc: iface.loc } : {}) } : undefined;
}

function gatewayOf(nextHop: string | undefined): { gateway?: string } {
  return nextHop === undefined ? {} : { gateway: nextHop };
}

/**
 * The installed routes (connected, then static in config order) and the static routes IOS refuses.
 * Tunnel interfaces whose line protocol is down (docs/ios-semantics.md#tunnel-interfaces) are down
 * for routing: their state depends on the table (the route to the destination), so the table is
 * rebuilt without them until no other tunnel goes down.
 */
export function installRoutes(config: RouterConfig): {
  routes: Route[];
  rejected: RejectedRoute[];
  tunnelsDown: ReadonlyMap<string, TunnelDownReason>;
} {
  const view = interfaceView(config);
  let result = installWith(config, view);
  const tunnels = view.all.filter((i) => isTunnelInterface(i) && view.up.has(i.name));
  const down = new Map<string, TunnelDownReason>();
  for (let round = 0; round <= tunnels.length; round += 1) {
    const lookup = lookupIn(result.routes);
    let changed = false;
    for (const t of tunnels) {
      if (down.has(t.name)) continue;
      const reason = tunnelDownReason(config, t, lookup, (name) => view.up.has(name));
      if (reason === undefined) continue;
      down.set(t.name, reason);
      view.up.delete(t.name);
      changed = true;
    }
    if (!changed) break;
    result = installWith(config, view, down);
  }
  return { ...result, tunnelsDown: down };
}

/** Longest-prefix lookup over installed routes (a tunnel's destination; few tunnels, few lookups). */
function lookupIn(routes: readonly Route[]): (dst: number) => Route | undefined {
  return (dst) => {
    let best: Route | undefined;
    for (const r of routes) {
      if (dst < r.range[0] || dst > r.range[1]) continue;
      if (!best || r.prefix.prefixLength > best.prefix.prefixLength) best = r;
    }
    return best;
  };
}

function installWith(
  config: RouterConfig,
  view: InterfaceView,
  down: ReadonlyMap<string, TunnelDownReason> = new Map(),
): { routes: Route[]; rejected: RejectedRoute[] } {
  // Every router builds a table once: indexed loops, no intermediate arrays (see header-space.ts).
  const connected = connectedRoutes(config, view);
  const rejected: RejectedRoute[] = [];
  const fixed: { c: Candidate; path: Resolved }[] = [];
  const recursive: Candidate[] = [];
  for (let k = 0; k < config.staticRoutes.length; k += 1) {
    const r = config.staticRoutes[k]!;
    const [prefix, range] = prefixOf(r.prefix.address, r.prefix.prefixLength, r.prefix);
    const c: Candidate = { prefix, range, distance: r.distance ?? 1, route: r, order: k };
    const kind = classify(c, view);
    const tunnel =
      kind === 'interface-down' && r.interface !== undefined ? tunnelDown(view, r.interface, down) : undefined;
    if (kind === 'recursive') recursive.push(c);
    else if (tunnel) rejected.push({ route: r, reason: 'tunnel-down', tunnel });
    else if (typeof kind === 'string') rejected.push({ route: r, reason: kind });
    else fixed.push({ c, path: kind });
  }
  const { table, paths } = resolveRecursive(connected, fixed, recursive);
  for (let k = 0; k < recursive.length; k += 1) {
    const c = recursive[k]!;
    if (!paths.has(c)) rejected.push({ route: c.route, reason: 'next-hop-unresolved' });
  }
  rejected.sort((a, b) => config.staticRoutes.indexOf(a.route) - config.staticRoutes.indexOf(b.route));
  return { routes: table, rejected };
}

/** A connected route for every address of every interface that is up, in config order. */
function connectedRoutes(config: RouterConfig, view: InterfaceView): Route[] {
  const interfaces = config.interfaces;
  const connected: Route[] = [];
  const addConnected = (iface: InterfaceConfig, a: { ip: string; prefixLength: number }) => {
    const [prefix, range] = prefixOf(a.ip, a.prefixLength);
    const route: Writable<Route> = {
      prefix,
      range,
      source: 'connected',
      distance: 0,
      interface: iface.name,
      exitInterface: iface.name,
      element: iface,
    };
    if (iface.loc) route.loc = iface.loc;
    connected.push(route);
  };
  // Interfaces in config order: names are unique per config.
  for (let k = 0; k < interfaces.length; k += 1) {
    const iface = interfaces[k]!;
    if (view.up.get(iface.name) !== iface) continue;
    if (iface.address) addConnected(iface, iface.address);
    for (let j = 0; j < iface.secondaryAddresses.length; j += 1) addConnected(iface, iface.secondaryAddresses[j]!);
  }
  return connected;
}

/**
 * Next-hop routes resolve through the table that they are part of: start with none of them and
 * recompute every resolution against the table of the previous round until nothing changes, so
 * the result does not depend on the order of the lines and a route resolved through a floating
 * route follows the better route once that one is installed.
 */
function resolveRecursive(
  connected: readonly Route[],
  fixed: readonly { c: Candidate; path: Resolved }[],
  recursive: readonly Candidate[],
): { table: Route[]; paths: Map<Candidate, Resolved[]> } {
  let paths = new Map<Candidate, Resolved[]>();
  let table = selectRoutes(connected, fixed, paths);
  for (let round = 0; round < MAX_RECURSION && recursive.length > 0; round += 1) {
    const segments = buildSegments(table);
    const next = new Map<Candidate, Resolved[]>();
    for (let k = 0; k < recursive.length; k += 1) {
      const c = recursive[k]!;
      const via = lookupSegments(segments, ipToNumber(c.route.nextHop!));
      // A route may not resolve through its own prefix (IOS does not install such a route).
      if (!via || (via.range[0] === c.range[0] && via.prefix.prefixLength === c.prefix.prefixLength)) {
        if (c.route.permanent === true)
          next.set(c, [{ exitInterface: NULL_INTERFACE, gateway: c.route.nextHop!, discard: 'next-hop-unresolved' }]);
        continue;
      }
      next.set(c, pathsThrough(via, c.route.nextHop!));
    }
    const stable = samePaths(paths, next);
    paths = next;
    table = selectRoutes(connected, fixed, paths);
    if (stable) break;
  }
  return { table, paths };
}

/** The paths of a next-hop route resolved through `via` (one per path of `via`). */
function pathsThrough(via: Route, nextHop: string): Resolved[] {
  const out: Resolved[] = [];
  const all = via.equalCost ? [via, ...via.equalCost] : [via];
  for (let k = 0; k < all.length; k += 1) {
    const v = all[k]!;
    const path: Writable<Resolved> = { exitInterface: v.exitInterface, gateway: v.gateway ?? nextHop };
    if (v.discard) path.discard = v.discard;
    out.push(path);
  }
  return out;
}

function pathKey(p: Resolved): string {
  return `${p.exitInterface}|${p.gateway ?? ''}|${p.discard ?? ''}`;
}

function samePaths(a: Map<Candidate, Resolved[]>, b: Map<Candidate, Resolved[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [c, list] of b) {
    const other = a.get(c);
    if (!other || other.length !== list.length) return false;
    for (let k = 0; k < list.length; k += 1) if (pathKey(list[k]!) !== pathKey(other[k]!)) return false;
  }
  return true;
}

/**
 * Per prefix, the installed routes: the connected route, else every static path at the lowest
 * distance among the routes that can be installed (a floating route only while every better one
 * cannot, docs/ios-semantics.md#administrative-distance), first in config order as the primary
 * and the rest as its equal-cost paths. Sorted by address then prefix length.
 */
function selectRoutes(
  connected: readonly Route[],
  fixed: readonly { c: Candidate; path: Resolved }[],
  recursive: Map<Candidate, Resolved[]>,
): Route[] {
  // Keyed by first address and length as one number (below 2^38, exact in a double).
  const byKey = new Map<number, Route[]>();
  const offer = (r: Route) => {
    const key = r.range[0] * 64 + r.prefix.prefixLength;
    const cur = byKey.get(key);
    if (!cur || r.distance < cur[0]!.distance) byKey.set(key, [r]);
    else if (r.distance === cur[0]!.distance && r.source === 'static' && cur[0]!.source === 'static') {
      // Identical paths (the same route written twice) are one path.
      if (!cur.some((x) => x.exitInterface === r.exitInterface && x.gateway === r.gateway && x.discard === r.discard))
        cur.push(r);
    }
  };
  for (let k = 0; k < connected.length; k += 1) offer(connected[k]!);
  const statics: { c: Candidate; path: Resolved }[] = fixed.slice();
  for (const [c, list] of recursive) for (let k = 0; k < list.length; k += 1) statics.push({ c, path: list[k]! });
  statics.sort((a, b) => a.c.order - b.c.order);
  for (let k = 0; k < statics.length; k += 1) offer(staticRoute(statics[k]!.c, statics[k]!.path));
  const out: Route[] = [];
  for (const list of byKey.values()) {
    if (list.length === 1) out.push(list[0]!);
    else {
      const primary = list[0] as Writable<Route>;
      primary.equalCost = list.slice(1);
      out.push(primary);
    }
  }
  return out.sort(byAddressThenLength);
}

/**
 * The network prefix (host bits cleared) and its address range. Routing tables of a 5,000-spoke
 * hub are built from thousands of routes, so this reads the dotted quad directly, and a route
 * whose prefix is already a network (`given`, the usual `ip route`) keeps its own prefix object.
 */
export function prefixOf(ip: string, length: number, given?: Ipv4Prefix): [Ipv4Prefix, Interval] {
  const len = Math.max(0, Math.min(32, length));
  const n = ipToNumber(ip);
  const lo = blockStart(n, len);
  const hi = lo + blockSize(len) - 1;
  if (given !== undefined && n === lo && given.prefixLength === len) return [given, [lo, hi]];
  return [{ address: numberToIp(lo), prefixLength: len }, [lo, hi]];
}

// Optional fields are assigned, not spread: a spoke of an exact-mode network installs a route per
// site, and object spreads cost an allocation each.
function staticRoute(c: Candidate, path: Resolved): Route {
  const r = c.route;
  // Built in the field order of the Route type; `element` is set below, before anything reads it.
  const route = {
    prefix: c.prefix,
    range: c.range,
    source: 'static',
    distance: c.distance,
    exitInterface: path.exitInterface,
  } as Writable<Route>;
  if (r.interface !== undefined) route.interface = r.interface;
  if (r.nextHop !== undefined) route.nextHop = r.nextHop;
  if (path.gateway !== undefined) route.gateway = path.gateway;
  if (path.discard !== undefined) route.discard = path.discard;
  route.element = r;
  if (r.loc) route.loc = r.loc;
  return route;
}
