/**
 * Underlay reachability between two crypto interfaces (spec: "the peer address must be routable
 * out of the crypto-map interface on both sides, and UDP/500 and ESP must pass between the two
 * local addresses"): the topology's underlay segments when given, and the routes of both routers.
 * The answer says which side lacks its route, so the problem is pinned to that side.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { routingTable } from '../../rules/routing.js';
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
  if (there?.exitInterface !== iface.name) {
    return { side: 'local', why: there ? `${d.hostname} routes ${peer} out of ${there.exitInterface}, not ${iface.name}` : `${d.hostname} has no route to ${peer}` };
  }
  const back = routingTable(p.config).lookup(ipToNumber(local));
  if (back?.exitInterface !== pIface.name) {
    return { side: 'peer', why: back ? `${p.hostname} routes ${local} out of ${back.exitInterface}, not ${pIface.name}` : `${p.hostname} has no route back to ${local}` };
  }
  return undefined;
}
