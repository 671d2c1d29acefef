/**
 * Wording of routes in findings: why a route drops what it matches, why IOS did not install a
 * static route (docs/ios-semantics.md#routing).
 */
import type { StaticRoute } from '../../ir/router-config.js';
import { lengthToNetmask } from '../../ir/ipv4.js';
import type { RejectedRoute, Route } from '../../rules/routing.js';
import type { TunnelDownReason } from '../../rules/tunnels.js';
import { at } from './describe.js';

/** The `ip route` command of a static route, as written (without name, tag, track). */
export function routeCommand(r: StaticRoute): string {
  let text = `ip route ${r.prefix.address} ${lengthToNetmask(r.prefix.prefixLength)}`;
  if (r.interface !== undefined) text += ` ${r.interface}`;
  if (r.nextHop !== undefined) text += ` ${r.nextHop}`;
  if (r.distance !== undefined) text += ` ${r.distance}`;
  if (r.permanent === true) text += ' permanent';
  return text;
}

/** Why an installed route drops what it matches. */
export function discardText(route: Route): string {
  const command = route.source === 'static' ? `\`${routeCommand(route.element as StaticRoute)}\`` : 'the route';
  switch (route.discard) {
    case 'interface-down':
      return `${command} is permanent and its interface ${route.exitInterface} is shut down, so the route stays installed and nothing can be sent`;
    case 'next-hop-unresolved':
      return `${command} is permanent and its next hop ${route.gateway ?? ''} does not resolve, so the route stays installed and nothing can be sent`;
    case 'null0':
      return route.interface === 'Null0' || route.source !== 'static'
        ? `${command} sends it to Null0, which discards it`
        : `${command} resolves its next hop through a route to Null0, which discards it`;
    default:
      return `${command} has no interface to send it out of`;
  }
}

/** Why IOS did not install a static route, with its place. */
export function notInstalledText(device: { readonly file: string }, r: RejectedRoute): string {
  const where = `\`${routeCommand(r.route)}\` at ${at(device.file, r.route.loc)}`;
  switch (r.reason) {
    case 'next-hop-unresolved':
      return `${where} is not installed: its next hop ${r.route.nextHop} is reachable through no other route`;
    case 'interface-down':
      return `${where} is not installed: interface ${r.route.interface} is shut down`;
    case 'interface-missing':
      return `${where} is not installed: the router has no interface ${r.route.interface}`;
    case 'next-hop-own-address':
      return `${where} is refused by IOS: its next hop ${r.route.nextHop} is an address of this router`;
    case 'distance-255':
      return `${where} is never installed: distance 255 marks a route IOS does not use`;
    case 'tunnel-down':
      return `${where} is not installed: ${r.tunnel ? `${r.tunnel.name} is down (${TUNNEL_DOWN_TEXT[r.tunnel.reason]})` : 'its tunnel is down'}`;
  }
}

/** Why a tunnel's line protocol is down, in words (docs/ios-semantics.md#tunnel-interfaces). */
export const TUNNEL_DOWN_TEXT: Readonly<Record<TunnelDownReason, string>> = {
  shutdown: 'it is shut down',
  'no-source': 'it has no tunnel source',
  'source-missing': 'its tunnel source is no interface or address of the router',
  'source-down': 'its tunnel source interface is shut down',
  'source-no-address': 'its tunnel source interface has no address',
  'no-destination': 'it has no tunnel destination',
  'destination-unroutable': 'no route leads to its tunnel destination',
  recursive: 'its tunnel destination is routed through the tunnel itself: recursive routing',
};
