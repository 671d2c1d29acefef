/**
 * Wording of why a peer cannot be reached over the underlay (docs/ios-semantics.md#underlay) or
 * stays silent to main mode (docs/ios-semantics.md#peers), for the peer findings.
 */
import { cryptoMapOf } from '../../rules/crypto-map.js';
import { routePrefixText } from '../../rules/routing.js';
import type { SilenceCause } from '../prove/peer-choice.js';
import type { Unreachable } from '../prove/underlay-reach.js';
import { notInstalledText } from './route-text.js';

/** Why IKE cannot flow between the two crypto interfaces, naming the side without its route. */
export function unreachableText(u: Unreachable): string {
  const b = u.break;
  const { device: d, iface } = u.local;
  const { device: p, iface: pIface } = u.peer;
  if (b.reason === 'no-address') {
    const source = cryptoMapOf(d.config, iface.name)?.localAddress;
    if (source === undefined) return `${d.hostname} ${iface.name} has no address`;
    // docs/ios-semantics.md#crypto-local-address: the map speaks from that interface only.
    return `${d.hostname} ${iface.name} takes its IKE address from crypto map local-address ${source}, which does not exist, is shut down or has no address`;
  }
  if (b.reason === 'not-adjacent')
    return `${d.hostname} ${iface.name} and ${p.hostname} ${pIface.name} share no underlay segment of the topology`;
  const [device, exit, towards] = b.side === 'local' ? [d, iface.name, 'to'] : [p, pIface.name, 'back to'];
  const host = device.hostname;
  if (b.reason === 'no-route')
    return `${host} has no route ${towards} ${b.destination}${u.meant ? ` (${notInstalledText(device, u.meant)})` : ''}`;
  if (b.reason === 'discard')
    return `${host} drops traffic to ${b.destination}: its route ${routePrefixText(b.route)} discards it (${b.route.discard})`;
  return `${host} routes ${b.destination} out of ${b.exitInterface}, not ${exit}`;
}

/** Why a peer does not answer the initiator's main mode. */
export function silenceText(c: SilenceCause): string {
  switch (c.kind) {
    case 'no-owner':
      return `no device owns ${c.peer}`;
    case 'unreachable':
      return unreachableText(c.unreachable);
    case 'ike-blocked':
      return `ip access-group ${c.acl} in on ${c.iface} drops IKE (UDP 500) between ${c.local} and ${c.peer}`;
    case 'no-key-at-peer':
      return `${c.owner.hostname} has no pre-shared key for ${c.local}, so it does not answer main mode`;
    case 'key-mismatch':
      return `the pre-shared keys of ${c.device.hostname} and ${c.owner.hostname} differ, so ${c.owner.hostname} drops main mode`;
  }
}
