/**
 * Route repairs (NO_ROUTE, DISCARD_ROUTE, INVALID_ROUTE): every remote site routed out of the
 * crypto interface the way the device already reaches the peer that carries it (same interface
 * and next hop as its route to the peer; docs/ios-semantics.md#routing). A wrong route for the
 * site's own prefix or a prefix inside it is corrected in place; otherwise the site's route is
 * added (longest match wins over a wrong summary). A route the device has to no peer is a fact
 * of the underlay the configs do not give, so it is declined.
 */
import type { Ipv4Prefix, StaticRoute } from '../ir/router-config.js';
import { ipToNumber, prefixContains } from '../ir/ipv4.js';
import { routeLine } from '../render/interface-sections.js';
import { forwardingPaths, routingTable, type Route } from '../rules/routing.js';
import type { ModelDevice, Site } from '../verify/model/network-model.js';
import { globalAnchor, lastMatching, type LineEdit } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import { ikeAddress, otherSites } from './tunnels.js';

const ROUTE_CODES = ['NO_ROUTE', 'DISCARD_ROUTE', 'INVALID_ROUTE'] as const;

/** The peer that carries a remote site's traffic for a device: the hub for a spoke, the site's spoke for the hub. */
function carrierOf(ctx: RepairContext, device: ModelDevice, site: Site): string | undefined {
  const hub = ctx.model.hub;
  if (!hub) return undefined;
  return device === hub ? ikeAddress(site.device) : ikeAddress(hub);
}

/** The route for `prefix` that reaches it the way the device reaches `peer`, or undefined. */
function goodRoute(device: ModelDevice, prefix: Ipv4Prefix, peer: string): StaticRoute | undefined {
  const toPeer = routingTable(device.config).lookup(ipToNumber(peer));
  if (!toPeer || toPeer.discard || !device.wan.has(toPeer.exitInterface)) return undefined;
  if (toPeer.source === 'connected') return { prefix, nextHop: peer };
  const r = toPeer.element as StaticRoute;
  return {
    prefix,
    ...(r.interface !== undefined ? { interface: r.interface } : {}),
    ...(r.nextHop !== undefined ? { nextHop: r.nextHop } : {}),
  };
}

function badPath(device: ModelDevice, r: Route): boolean {
  return r.discard !== undefined || !device.wan.has(r.exitInterface);
}

function routeEdit(ctx: RepairContext, device: ModelDevice, at: number | undefined, route: StaticRoute): LineEdit {
  const lines = ctx.draft.lines(device.file);
  if (at !== undefined) return { file: device.file, op: 'replace', at, lines: [routeLine(route)] };
  const after = lastMatching(lines, /^ip route\s/) ?? globalAnchor(lines);
  return { file: device.file, op: 'insert', at: after, lines: [routeLine(route)] };
}

type RouteCode = (typeof ROUTE_CODES)[number];

/** Collects one device's route fixes, once per prefix and line. */
class RouteFixes {
  private readonly done = new Set<string>();
  constructor(
    private readonly ctx: RepairContext,
    private readonly device: ModelDevice,
    private readonly out: Proposals,
  ) {}

  line(at: number): string {
    return this.ctx.draft.lines(this.device.file)[at - 1]?.trim() ?? '';
  }

  write(code: RouteCode, at: number | undefined, route: StaticRoute): void {
    const key = `${route.prefix.address}/${route.prefix.prefixLength}|${at ?? 'new'}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    this.out.fixes.push({
      action: {
        ...on(this.device, code),
        kind: at === undefined ? 'add-route' : 'correct-route',
        target: `ip route ${route.prefix.address}/${route.prefix.prefixLength}`,
        lines: [routeLine(route)],
        ...(at !== undefined ? { replaces: this.line(at) } : {}),
      },
      edits: [routeEdit(this.ctx, this.device, at, route)],
    });
  }

  remove(code: RouteCode, route: Route): void {
    const at = route.loc!.line;
    this.out.fixes.push({
      action: {
        ...on(this.device, code),
        kind: 'correct-route',
        target: `ip route ${route.prefix.address}/${route.prefix.prefixLength}`,
        lines: [],
        replaces: this.line(at),
      },
      edits: [{ file: this.device.file, op: 'delete', at, lines: [] }],
    });
  }
}

/** Routes IOS refuses, for a prefix that holds remote sites: corrected in place. */
function correctRejected(ctx: RepairContext, device: ModelDevice, fixes: RouteFixes): void {
  for (const rej of routingTable(device.config).rejected) {
    const site = otherSites(ctx.model, device).find(
      (s) => prefixContains(rej.route.prefix, s.prefix) || prefixContains(s.prefix, rej.route.prefix),
    );
    const peer = site && carrierOf(ctx, device, site);
    const good = peer && goodRoute(device, rej.route.prefix, peer);
    const at = rej.route.loc?.line;
    if (good && at !== undefined) fixes.write('INVALID_ROUTE', at, good);
  }
}

/** One remote site routed out of the crypto interface: wrong routes inside it corrected, else the site's route added. */
function routeSite(ctx: RepairContext, device: ModelDevice, site: Site, fixes: RouteFixes, out: Proposals): void {
  const peer = carrierOf(ctx, device, site);
  const good = peer && goodRoute(device, site.prefix, peer);
  if (!good) {
    out.declines.push({
      code: 'NO_ROUTE',
      device: device.hostname,
      line: 0,
      reason: 'outside-configs',
      detail: peer ?? site.network,
    });
    return;
  }
  for (const seg of routingTable(device.config).partition(site.range)) {
    const paths = seg.route ? forwardingPaths(seg.route) : [];
    const bad = paths.filter((p) => badPath(device, p));
    if (seg.route && bad.length === 0) continue;
    const code = bad.some((p) => p.discard) ? 'DISCARD_ROUTE' : 'NO_ROUTE';
    // A wrong static route for this site (or a part of it) is corrected, not shadowed.
    const own = bad.find((p) => p.source === 'static' && prefixContains(site.prefix, p.prefix) && p.loc);
    if (own && bad.length === paths.length) fixes.write(code, own.loc!.line, { ...good, prefix: own.prefix });
    else if (own) fixes.remove(code, own);
    else fixes.write(code, undefined, good);
  }
}

/** Every remote site of every device with a route finding, routed out of its crypto interface. */
export function repairRoutes(ctx: RepairContext): Proposals {
  const out = none();
  const devices = new Set(ROUTE_CODES.flatMap((c) => findingsOf(ctx, c)).map((f) => f.device));
  for (const host of [...devices].sort()) {
    const device = ctx.model.byHostname.get(host);
    if (!device) continue;
    const fixes = new RouteFixes(ctx, device, out);
    correctRejected(ctx, device, fixes);
    for (const site of otherSites(ctx.model, device)) routeSite(ctx, device, site, fixes, out);
  }
  return out;
}
