/** The routes a crypto-map hub derives for its spokes (the route-based design has its own, in vti files). */
import { aggregatePrefixes } from '../ir/ipv4.js';
import type { Ipv4Prefix, StaticRoute as StaticRouteIr } from '../ir/router-config.js';
import type { DynamicSpokeParts } from './dynamic-spokes.js';
import { peerCovered, vpnRoute, type SiteParts } from './site.js';

/** Inputs of `cryptoMapHubRoutes`. */
export interface HubRoutesInput {
  readonly site: SiteParts;
  /** Summarized mode: the site pools (one route each, aggregated). @default - exact mode: each spoke's LANs */
  readonly sitePools: readonly Ipv4Prefix[] | undefined;
  /** The static spokes, in creation order. */
  readonly spokes: readonly {
    readonly lanPrefixes: readonly Ipv4Prefix[];
    readonly peerAddress: string | undefined;
    readonly node: { readonly path: string };
  }[];
  /** The dynamic map's parts, once a dynamic spoke attached. */
  readonly dynamicParts: DynamicSpokeParts | undefined;
  /** The hub's construct path (origin of the pool routes). */
  readonly origin: string;
}

/**
 * Routes to every spoke LAN (or every pool), a host route to each spoke's peer address the WAN
 * does not cover, and a default route towards the WAN for dynamic spokes.
 */
export function cryptoMapHubRoutes(input: HubRoutesInput): StaticRouteIr[] {
  const { site } = input;
  const out: StaticRouteIr[] = [];
  if (input.sitePools !== undefined) {
    for (const pool of aggregatePrefixes(input.sitePools)) out.push(vpnRoute(site, pool, input.origin));
  } else {
    for (const s of input.spokes) for (const lan of s.lanPrefixes) out.push(vpnRoute(site, lan, s.node.path));
  }
  for (const s of input.spokes) {
    const peer = s.peerAddress!;
    if (!peerCovered(site, peer)) out.push(vpnRoute(site, { address: peer, prefixLength: 32 }, s.node.path));
  }
  // A dynamic spoke may lease any address: the hub answers it (and reverse-route's next hop
  // resolves) only with a default route towards the WAN.
  const parts = input.dynamicParts;
  if (parts && !site.routeDestinations.some((d) => d.prefixLength === 0))
    out.push(vpnRoute(site, { address: '0.0.0.0', prefixLength: 0 }, parts.dynamicMap.node.path));
  return out;
}
