/**
 * The IKE path rule (docs/ios-semantics.md#underlay): IKE (UDP 500) and ESP between two crypto
 * interfaces flow only when the initiator routes the peer address out of its crypto-map interface,
 * the two interfaces share an underlay segment, and the responder routes the initiator's address
 * back out of its own crypto-map interface (a crypto map acts only on packets leaving through the
 * interface it is applied to; Cisco IOS Security Configuration Guide, "Configuring Security for
 * VPNs with IPsec", applying crypto map sets to interfaces). A discard route drops them. The
 * addresses are the maps' IKE addresses (`crypto-local-address.ts`): with `local-address` a
 * loopback's, still routed out of the crypto-map interface.
 *
 * The proof and the emulator both ask here. They differ only where IOS does not say: with
 * equal-cost paths the emulator follows the one path its fixed hash picks, the proof requires
 * every path to work (docs/ios-semantics.md#equal-cost-paths).
 */
import { ipToNumber } from '../ir/ipv4.js';
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { cryptoLocalAddress } from './crypto-local-address.js';
import { forwardingPaths, pathFor, routingTable, type Route } from './routing.js';

/** One end of an IKE exchange: a router and its crypto-map interface. */
export interface IkeEndpoint {
  readonly config: RouterConfig;
  readonly iface: InterfaceConfig;
}

/** Which equal-cost paths must carry IKE: every one (the proof) or the hashed one (the emulator). */
export type EqualCostPaths = 'every' | 'hashed';

/** Where the path breaks, as data (the callers word it). */
export type IkePathBreak =
  /** The local crypto interface has no address to speak from. */
  | { readonly side: 'local'; readonly reason: 'no-address' }
  /** The two interfaces share no underlay segment. */
  | { readonly side: 'local'; readonly reason: 'not-adjacent' }
  /** `side` has no route to `destination` (the other end's address). */
  | { readonly side: 'local' | 'peer'; readonly reason: 'no-route'; readonly destination: string }
  /** `side` drops traffic to `destination` on the discard path `route`. */
  | { readonly side: 'local' | 'peer'; readonly reason: 'discard'; readonly destination: string; readonly route: Route }
  /** `side` routes `destination` out of `exitInterface`, not its crypto-map interface. */
  | {
      readonly side: 'local' | 'peer';
      readonly reason: 'wrong-interface';
      readonly destination: string;
      readonly exitInterface: string;
    };

/**
 * Why IKE cannot flow from `local` to `peerAddress` (owned by `peer`) and back, or undefined when
 * it can; `localSeenAs` is the address the peer sees the local side as (behind NAT, its public one). `adjacent` is false when the underlay separates the two interfaces, undefined when the
 * caller has no underlay to consult.
 */
export function ikePathBreak(
  local: IkeEndpoint,
  peerAddress: string,
  peer: IkeEndpoint,
  adjacent: boolean | undefined,
  paths: EqualCostPaths,
  localSeenAs?: string,
): IkePathBreak | undefined {
  const localAddress = cryptoLocalAddress(local.config, local.iface);
  if (!localAddress) return { side: 'local', reason: 'no-address' };
  if (adjacent === false) return { side: 'local', reason: 'not-adjacent' };
  const from = ipToNumber(localAddress);
  const to = ipToNumber(peerAddress);
  // Behind NAT the peer answers the public address the local side is seen as (docs/ios-semantics.md#nat-traversal).
  const back = localSeenAs ?? localAddress;
  return (
    routeBreak('local', local, from, to, peerAddress, paths) ??
    routeBreak('peer', peer, to, ipToNumber(back), back, paths)
  );
}

/** Why `end` does not send traffic from `src` to `dst` out of its crypto-map interface, or undefined. */
function routeBreak(
  side: 'local' | 'peer',
  end: IkeEndpoint,
  src: number,
  dst: number,
  destination: string,
  paths: EqualCostPaths,
): IkePathBreak | undefined {
  const route = routingTable(end.config).lookup(dst);
  if (!route) return { side, reason: 'no-route', destination };
  const taken = paths === 'every' ? forwardingPaths(route) : [pathFor(route, src, dst)];
  for (const path of taken) {
    if (path.discard) return { side, reason: 'discard', destination, route: path };
    if (path.exitInterface !== end.iface.name)
      return { side, reason: 'wrong-interface', destination, exitInterface: path.exitInterface };
  }
  return undefined;
}
