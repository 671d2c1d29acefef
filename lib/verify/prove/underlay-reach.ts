/**
 * Underlay reachability between two crypto interfaces (spec: "the peer address must be routable
 * out of the crypto-map interface on both sides, and UDP/500 and ESP must pass between the two
 * local addresses"): the topology's underlay segments when given, and the routes of both routers.
 * The answer says which side lacks its route, so the problem is pinned to that side.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { forwardingPaths, notInstalledFor, routePrefixText, routingTable, type Route } from '../../rules/routing.js';
import { notInstalledText } from '../findings/route-text.js';
import type { ModelDevice, NetworkModel } from '../model/network-model.js';

/** Why two crypto interfaces cannot reach each other, and which side lacks the route. */
export interface Unreachable {
  readonly side: 'local' | 'peer';
  readonly why: string;
}

/** Why IKE/ESP cannot flow from `d`'s `iface` to `peer` on `p`'s `pIface` and back, or undefined. */
export function underlayProblem(
  model: NetworkModel, d: ModelDevice, iface: InterfaceConfig, peer: string, p: ModelDevice, pIface: InterfaceConfig,
): Unreachable | undefined {
  const local = iface.address?.ip;
  if (!local) return { side: 'local', why: `${d.hostname} ${iface.name} has no address` };
  if (model.sameUnderlay(d, iface.name, p, pIface.name) === false) {
    return { side: 'local', why: `${d.hostname} ${iface.name} and ${p.hostname} ${pIface.name} share no underlay segment of the topology` };
  }
  const there = routingTable(d.config).lookup(ipToNumber(peer));
  const out = wrongPath(d, there, peer, iface.name, 'to');
  if (out) return { side: 'local', why: out };
  const back = routingTable(p.config).lookup(ipToNumber(local));
  const home = wrongPath(p, back, local, pIface.name, 'back to');
  if (home) return { side: 'peer', why: home };
  return undefined;
}

/**
 * Why `route` does not carry IKE and ESP for `address` out of `exit`, or undefined when it does.
 * Every equal-cost path must (docs/ios-semantics.md#equal-cost-paths); a discard path drops them.
 */
function wrongPath(d: ModelDevice, route: Route | undefined, address: string, exit: string, towards: string): string | undefined {
  if (!route) {
    const n = ipToNumber(address);
    const meant = notInstalledFor(routingTable(d.config), [n, n])[0];
    return `${d.hostname} has no route ${towards} ${address}${meant ? ` (${notInstalledText(d, meant)})` : ''}`;
  }
  for (const path of forwardingPaths(route)) {
    if (path.discard) return `${d.hostname} drops traffic to ${address}: its route ${routePrefixText(path)} discards it (${path.discard})`;
    if (path.exitInterface !== exit) return `${d.hostname} routes ${address} out of ${path.exitInterface}, not ${exit}`;
  }
  return undefined;
}
