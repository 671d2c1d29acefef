/**
 * Underlay reachability between two crypto interfaces, by the IKE path rule of
 * `lib/rules/ike-path.ts` (docs/ios-semantics.md#underlay) over the topology's underlay segments
 * when given, every equal-cost path required to work. The answer is data: where the path breaks
 * (so the problem is pinned to the side that lacks its route) and the static route IOS did not
 * install for it, if one was meant; `findings/peer-text.ts` words it.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { ikePathBreak, type IkePathBreak } from '../../rules/ike-path.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { notInstalledFor, routingTable, type RejectedRoute } from '../../rules/routing.js';
import type { ModelDevice, NetworkModel } from '../model/network-model.js';

/** One end of the IKE path: a device and its crypto interface. */
export interface UnderlayEnd {
  readonly device: ModelDevice;
  readonly iface: InterfaceConfig;
}

/** Why two crypto interfaces cannot reach each other. */
export interface Unreachable {
  /** Where the path breaks, and on which side (the rule's data). */
  readonly break: IkePathBreak;
  readonly local: UnderlayEnd;
  readonly peer: UnderlayEnd;
  /** For a missing route: the static route IOS did not install for that address. @default - none */
  readonly meant?: RejectedRoute;
}

/** Why IKE/ESP cannot flow from `d`'s `iface` to `peer` on `p`'s `pIface` and back, or undefined. */
export function underlayProblem(
  model: NetworkModel,
  d: ModelDevice,
  iface: InterfaceConfig,
  peer: string,
  p: ModelDevice,
  pIface: InterfaceConfig,
): Unreachable | undefined {
  const adjacent = iface.address?.ip ? model.sameUnderlay(d, iface.name, p, pIface.name) : undefined;
  const local = cryptoLocalAddress(d.config, iface);
  const broken = ikePathBreak(
    { config: d.config, iface },
    peer,
    { config: p.config, iface: pIface },
    adjacent,
    'every',
    local === undefined ? undefined : model.seenAs(d, local),
  );
  if (!broken) return undefined;
  const near = { device: d, iface };
  const far = { device: p, iface: pIface };
  if (broken.reason !== 'no-route') return { break: broken, local: near, peer: far };
  const n = ipToNumber(broken.destination);
  const meant = notInstalledFor(routingTable((broken.side === 'local' ? d : p).config), [n, n])[0];
  return { break: broken, local: near, peer: far, ...(meant ? { meant } : {}) };
}

/** `underlayProblem`, cached per interface pair and peer address across the pairs of one proof. */
export function cachedUnderlayProblem(
  cache: Map<string, Unreachable | undefined>,
  model: NetworkModel,
  d: ModelDevice,
  iface: InterfaceConfig,
  peer: string,
  p: ModelDevice,
  pIface: InterfaceConfig,
): Unreachable | undefined {
  const key = `${d.index}|${iface.name}|${peer}|${p.index}|${pIface.name}`;
  if (!cache.has(key)) cache.set(key, underlayProblem(model, d, iface, peer, p, pIface));
  return cache.get(key);
}
