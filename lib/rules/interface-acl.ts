/**
 * Interface access lists (`ip access-group ACL in|out`): which packets a list on an interface sees
 * and what it does with them. docs/ios-semantics.md#interface-access-lists holds the rule and its
 * sources; in short:
 * - a packet that enters an interface meets its inbound list, a packet forwarded out of an
 *   interface meets its outbound list; packets the router originates itself (its IKE messages,
 *   a `ping` from the router) meet no outbound list (Cisco, Consolidated Platform Configuration
 *   Guide, IOS 15.2(4)E, "access lists applied to interfaces do not filter traffic that originates
 *   from that device", for all single-CPU platforms);
 * - on a crypto-map interface the inbound list sees the ESP and IKE packets from the peer; before
 *   IOS 12.3(8)T ("Crypto Access Check on Clear-Text Packets", field notice FN29690) it also saw
 *   the decrypted inner packet, and the outbound list saw the clear-text packet about to be
 *   encrypted (after NAT, per the order of operations of Document ID 6209) but never the ESP
 *   packet. From 12.3(8)T on neither clear-text check exists; whether the outbound list then
 *   sees the ESP packet is not documented in the sources we have, so the proof treats an
 *   outbound list that would drop ESP towards a peer as unmodelled (see {@link espOutboundUnknown});
 * - a list named by `ip access-group` that does not exist permits everything (Cisco 7100 Series
 *   VPN Configuration Guide, "Configuring Cisco IOS Firewall Features").
 * Matching is `lib/rules/acl.ts` (first match, implicit deny), the same for proof and emulator.
 */
import type { AccessList, InterfaceAccessGroup, InterfaceConfig, Platform, RouterConfig } from '../ir/router-config.js';
import { firstMatch, partitionByAcl, type CompiledAclLine } from './acl.js';
import { lookupAcl } from './acl-resolve.js';
import { type HeaderBox, type HeaderSpace, type Packet } from './header-space.js';
import { appendAll } from '../ir/collections.js';

/** Direction of an interface list. */
export type AclDirection = 'in' | 'out';

/** The list an interface applies in one direction. */
export interface InterfaceFilter {
  readonly interface: InterfaceConfig;
  readonly direction: AclDirection;
  /** The `ip access-group` line. */
  readonly group: InterfaceAccessGroup;
  /** The named list; undefined when it does not exist (IOS then permits every packet). */
  readonly acl?: AccessList;
}

/** What one list line (or the implicit deny) drops of a space. */
export interface FilterDrop {
  /** The deny line; undefined for the implicit deny at the end of the list. */
  readonly line?: CompiledAclLine;
  readonly space: readonly HeaderBox[];
}

/** A space cut by an interface list. */
export interface FilterResult {
  readonly permitted: readonly HeaderBox[];
  readonly dropped: readonly FilterDrop[];
}

/** The list of `iface` in `direction`, or undefined when it has none. */
export function interfaceFilter(
  config: RouterConfig,
  iface: InterfaceConfig,
  direction: AclDirection,
): InterfaceFilter | undefined {
  const group = direction === 'in' ? iface.accessGroupIn : iface.accessGroupOut;
  if (!group) return undefined;
  const acl = lookupAcl(config, group.acl);
  return { interface: iface, direction, group, ...(acl ? { acl } : {}) };
}

/** True when some interface of the router filters packets (the leg proof leaves such devices to the walk). */
export function hasInterfaceFilters(config: RouterConfig): boolean {
  return config.interfaces.some((i) => i.accessGroupIn !== undefined || i.accessGroupOut !== undefined);
}

/** Splits a header space into what the list permits and what each deny line (or the end of the list) drops. */
export function filterSpace(filter: InterfaceFilter | undefined, space: HeaderSpace): FilterResult {
  if (!filter?.acl || space.length === 0) return { permitted: space, dropped: [] };
  const part = partitionByAcl(filter.acl, space);
  const permitted: HeaderBox[] = [];
  const dropped: FilterDrop[] = [];
  for (const piece of part.pieces) {
    if (piece.line.action === 'permit') appendAll(permitted, piece.space);
    else dropped.push({ line: piece.line, space: piece.space });
  }
  if (part.implicitDeny.length > 0) dropped.push({ space: part.implicitDeny });
  return { permitted, dropped };
}

/** The verdict of the list on one packet: permitted, or the line that denies it (undefined line = implicit deny). */
export function filterPacket(
  filter: InterfaceFilter | undefined,
  packet: Packet,
): { readonly permitted: boolean; readonly line?: CompiledAclLine } {
  if (!filter?.acl) return { permitted: true };
  const line = firstMatch(filter.acl, packet);
  if (!line) return { permitted: false };
  return line.action === 'permit' ? { permitted: true, line } : { permitted: false, line };
}

/**
 * True when the platform checks the clear-text side of IPsec against the crypto interface's lists:
 * the decrypted packet against the inbound list and the packet about to be encrypted against the
 * outbound list. Only releases before 12.3(8)T do (FN29690).
 */
export function checksClearTextOnCryptoInterface(platform: Platform): boolean {
  return platform === 'ios-12.2';
}

/** IP protocol number of ESP. */
export const ESP = 50;
/** IP protocol number of UDP. */
export const UDP = 17;
/** ISAKMP port; IKE runs from and to it unless NAT-T moves it to {@link NAT_T_PORT}. */
export const ISAKMP_PORT = 500;
/** NAT-T port (IKE and UDP-encapsulated ESP once NAT is detected between the peers). */
export const NAT_T_PORT = 4500;

/** An IKE packet between two addresses (UDP 500 to 500). */
export function ikePacket(src: number, dst: number): Packet {
  return { src, dst, proto: UDP, sport: ISAKMP_PORT, dport: ISAKMP_PORT };
}

/** An ESP packet between two addresses. */
export function espPacket(src: number, dst: number): Packet {
  return { src, dst, proto: ESP, sport: 0, dport: 0 };
}

/** Every ESP packet from `src` to `dst` as a space (ESP has no ports; 0/0 is how the header space writes that). */
export function espSpace(src: number, dst: number): HeaderBox[] {
  return [{ src: [src, src], dst: [dst, dst], proto: [ESP, ESP], sport: [0, 0], dport: [0, 0] }];
}

/**
 * True when the outbound list of a crypto interface would drop ESP (`esp`: the ESP packet, inside
 * UDP 4500 with NAT-T, docs/ios-semantics.md#nat-traversal) from `local` to `peer` on a
 * platform where it is undocumented whether it sees that packet (12.3(8)T and later): the verdict
 * then depends on a rule we could not confirm, and the caller reports the line as unmodelled.
 */
export function espOutboundUnknown(
  config: RouterConfig,
  iface: InterfaceConfig,
  local: number,
  peer: number,
  esp: Packet = espPacket(local, peer),
): InterfaceFilter | undefined {
  if (checksClearTextOnCryptoInterface(config.platform)) return undefined;
  const filter = interfaceFilter(config, iface, 'out');
  if (!filter) return undefined;
  return filterPacket(filter, esp).permitted ? undefined : filter;
}

/**
 * The inbound list that drops IKE between two crypto interfaces (either way), or undefined when
 * UDP 500 passes both. A peer behind such a list never answers main mode, so IOS fails over to the
 * next `set peer` (docs/ios-semantics.md#peers).
 */
export function ikeBlockedBy(
  a: RouterConfig,
  aIface: InterfaceConfig,
  aAddress: number,
  b: RouterConfig,
  bIface: InterfaceConfig,
  bAddress: number,
  nat?: NatBetween,
): InterfaceFilter | undefined {
  const aSeen = nat?.aSeen ?? aAddress;
  const bOwn = nat?.bOwn ?? bAddress;
  // With NAT-T, IKE moves to UDP 4500 after MM4 (docs/ios-semantics.md#nat-traversal).
  const ports = nat?.traversal === true ? [ISAKMP_PORT, NAT_T_PORT] : [ISAKMP_PORT];
  const ike = (src: number, dst: number, port: number): Packet => ({ src, dst, proto: UDP, sport: port, dport: port });
  const atB = interfaceFilter(b, bIface, 'in');
  if (atB && ports.some((port) => !filterPacket(atB, ike(aSeen, bOwn, port)).permitted)) return atB;
  const atA = interfaceFilter(a, aIface, 'in');
  if (atA && ports.some((port) => !filterPacket(atA, ike(bAddress, aAddress, port)).permitted)) return atA;
  return undefined;
}

/**
 * NAT between the two ends of {@link ikeBlockedBy}: the address `b` sees `a` as, `b`'s own address
 * (`bAddress` being the one `a` calls), and whether NAT-T carries IKE on to UDP 4500.
 */
export interface NatBetween {
  readonly aSeen: number;
  readonly bOwn: number;
  readonly traversal: boolean;
}
