/**
 * Interface access lists in the pair walk (docs/ios-semantics.md#interface-access-lists; the rule
 * is `lib/rules/interface-acl.ts`, shared with the emulator): where a list sees the conversation's
 * packets (the source's LAN interface inbound, the destination's LAN interface outbound, the
 * crypto interfaces for IKE and ESP, and on 12.2 the clear-text side of IPsec too), and the
 * findings when it drops them. Each function returns what the list lets through and reports the
 * rest (`filter-findings.ts` words it: on the deny line, or on the `ip access-group` line when the
 * implicit deny drops it).
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { ipToNumber } from '../../ir/ipv4.js';
import type { HeaderBox } from '../../rules/header-space.js';
import {
  checksClearTextOnCryptoInterface,
  UDP,
  espOutboundUnknown,
  filterPacket,
  filterSpace,
  interfaceFilter,
  type AclDirection,
} from '../../rules/interface-acl.js';
import { routingTable } from '../../rules/routing.js';
import { tunnelPackets, type NatTraversal } from '../../rules/nat-traversal.js';
import type { ProblemInput } from '../findings/problem-book.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice } from '../model/network-model.js';
import { appendAll } from '../../ir/collections.js';

/** NAT between the two ends of a tunnel (docs/ios-semantics.md#nat-traversal). */
export interface TunnelNat {
  /** The address the peer sees the local side as. */
  readonly localSeen: string;
  /** The peer's own address (the local side calls its public one). */
  readonly peerOwn: string;
  readonly traversal: NatTraversal;
}

/** Where findings go (the pair walk's report, with its `behind` flag). */
export type Report = (input: ProblemInput, behind: boolean) => void;

/** Applies `iface`'s list in `direction` to a space of the conversation and reports what it drops. */
export function filterConversation(
  d: ModelDevice,
  iface: InterfaceConfig,
  direction: AclDirection,
  space: readonly HeaderBox[],
  point: finding.FilterPoint,
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
  const filter = interfaceFilter(d.config, iface, direction);
  if (!filter) return space;
  const result = filterSpace(filter, space);
  for (const drop of result.dropped) {
    report(
      finding.conversationBlocked({ device: d, iface, direction, filter, space: drop.space, line: drop.line, point }),
      behind,
    );
  }
  return result.permitted;
}

/**
 * The inbound list of the LAN interface a site's packets arrive on: the interface the device
 * routes their source addresses to (a connected LAN, or the LAN next hop of a declared site).
 */
export function lanIngress(
  d: ModelDevice,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
  if (!d.config.interfaces.some((i) => i.accessGroupIn !== undefined)) return space;
  const table = routingTable(d.config);
  const out: HeaderBox[] = [];
  for (const box of space) {
    for (const seg of table.partition(box.src)) {
      const sub: HeaderBox = { ...box, src: seg.range };
      const iface =
        seg.route && !d.wan.has(seg.route.exitInterface)
          ? d.config.interfaces.find((i) => i.name === seg.route!.exitInterface)
          : undefined;
      if (!iface) out.push(sub);
      else appendAll(out, filterConversation(d, iface, 'in', [sub], 'from-lan', report, behind));
    }
  }
  return out;
}

/** On 12.2 the decrypted packet meets the crypto interface's inbound list again (FN29690). */
export function decryptedIngress(
  p: ModelDevice,
  iface: InterfaceConfig,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
  if (!checksClearTextOnCryptoInterface(p.config.platform)) return space;
  return filterConversation(p, iface, 'in', space, 'decrypted', report, behind);
}

/** On 12.2 the packet about to be encrypted meets the crypto interface's outbound list (FN29690, after NAT per Document ID 6209). */
export function clearTextEgress(
  d: ModelDevice,
  iface: InterfaceConfig,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
  if (!checksClearTextOnCryptoInterface(d.config.platform)) return space;
  return filterConversation(d, iface, 'out', space, 'before-encryption', report, behind);
}

/**
 * IKE (UDP 500 both ways) and ESP (both ways) between two crypto interfaces, against each side's
 * inbound list; the packets a router sends itself meet no outbound list. Reports and returns true
 * when some list drops them. An outbound list that would drop ESP on a release where that is
 * undocumented is reported as not modelled (the verdict then rests on an unconfirmed rule).
 */
export function tunnelBlocked(
  d: ModelDevice,
  iface: InterfaceConfig,
  local: string,
  p: ModelDevice,
  pIface: InterfaceConfig,
  peer: string,
  report: Report,
  behind: boolean,
  nat?: TunnelNat,
): boolean {
  const a = ipToNumber(local);
  const b = ipToNumber(peer);
  // Behind NAT each side receives from the address it sees the other as, on its own address.
  const aSeen = nat ? ipToNumber(nat.localSeen) : a;
  const bOwn = nat ? ipToNumber(nat.peerOwn) : b;
  const traversal: NatTraversal = nat?.traversal ?? { kind: 'direct' };
  let blocked = false;
  const ends = { local: d, peer: p };
  const check = (
    rx: ModelDevice,
    rxIface: InterfaceConfig,
    src: number,
    dst: number,
    from: finding.TunnelEnd,
  ): void => {
    const filter = interfaceFilter(rx.config, rxIface, 'in');
    if (!filter) return;
    for (const [protocol, packet] of tunnelPackets(src, dst, traversal)) {
      const v = filterPacket(filter, packet);
      if (v.permitted) continue;
      blocked = true;
      report(
        finding.tunnelBlocked({
          device: rx,
          iface: rxIface,
          filter,
          protocol,
          ...(packet.proto === UDP ? { port: packet.dport } : {}),
          from,
          line: v.line,
          ...ends,
        }),
        behind,
      );
    }
  };
  check(p, pIface, aSeen, bOwn, { address: nat?.localSeen ?? local, device: d });
  check(d, iface, b, a, { address: peer, device: p });
  for (const [tx, txIface, src, dst] of [
    [d, iface, a, b],
    [p, pIface, bOwn, aSeen],
  ] as const) {
    const esp = tunnelPackets(src, dst, traversal).find(([kind]) => kind === 'esp')![1];
    const unknown = espOutboundUnknown(tx.config, txIface, src, dst, esp);
    if (unknown) report(finding.espOutboundUnknown({ device: tx, iface: txIface, filter: unknown }), behind);
  }
  return blocked;
}
