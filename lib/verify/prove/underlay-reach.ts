/**
 * Underlay reachability between two crypto interfaces, by the IKE path rule of
 * `lib/rules/ike-path.ts` (docs/ios-semantics.md#underlay) over the topology's underlay segments
 * when given, every equal-cost path required to work. The answer says which side lacks its route,
 * so the problem is pinned to that side.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { ikePathBreak, type IkePathBreak } from '../../rules/ike-path.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { notInstalledFor, routePrefixText, routingTable } from '../../rules/routing.js';
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
  const adjacent = iface.address?.ip ? model.sameUnderlay(d, iface.name, p, pIface.name) : undefined;
  const broken = ikePathBreak({ config: d.config, iface }, peer, { config: p.config, iface: pIface }, adjacent, 'every');
  return broken ? { side: broken.side, why: unreachableWhy(broken, d, iface, p, pIface) } : undefined;
}

function unreachableWhy(b: IkePathBreak, d: ModelDevice, iface: InterfaceConfig, p: ModelDevice, pIface: InterfaceConfig): string {
  if (b.reason === 'no-address') return `${d.hostname} ${iface.name} has no address`;
  if (b.reason === 'not-adjacent') return `${d.hostname} ${iface.name} and ${p.hostname} ${pIface.name} share no underlay segment of the topology`;
  const [device, exit, towards] = b.side === 'local' ? [d, iface.name, 'to'] : [p, pIface.name, 'back to'];
  const host = device.hostname;
  if (b.reason === 'no-route') {
    // The route IOS did not install for that address, if one was meant for it.
    const n = ipToNumber(b.destination);
    const meant = notInstalledFor(routingTable(device.config), [n, n])[0];
    return `${host} has no route ${towards} ${b.destination}${meant ? ` (${notInstalledText(device, meant)})` : ''}`;
  }
  if (b.reason === 'discard') return `${host} drops traffic to ${b.destination}: its route ${routePrefixText(b.route)} discards it (${b.route.discard})`;
  return `${host} routes ${b.destination} out of ${b.exitInterface}, not ${exit}`;
}
