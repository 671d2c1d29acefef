/**
 * The packet walk: one IPv4 packet through the emulated routers, hop by hop.
 *
 * At each router (docs/ios-semantics.md, "Crypto map selection"): a clear-text packet arriving on a
 * crypto-map interface that falls in the mirror of a permit line is dropped
 * (`%CRYPTO-4-RECVD_PKT_NOT_IPSEC`); a packet for one of the router's own addresses is delivered;
 * otherwise longest-prefix routing picks the exit interface; a destination inside a connected LAN
 * is a host that answers; on an interface with a crypto map the first permitting entry owns the
 * packet, which is encrypted under an existing SA or one negotiated now (failure drops it) and
 * carried as ESP over the underlay; anything no entry permits leaves in clear text. ESP arriving at
 * a router is decrypted by SPI, checked against the SA's proxy identities, and routed on, which is
 * how the hub decrypts spoke-to-spoke traffic and re-encrypts it towards the other spoke.
 */
import { dpdHeard, dpdOnTraffic } from './dpd-timers.js';
import type { CryptoMap, InterfaceConfig, NatRule } from '../ir/router-config.js';
import { firstMatch } from '../rules/acl.js';
import { lookupAcl } from '../rules/acl-resolve.js';
import { cryptoMapOf, ingressClearDrop, selectEgressEntry, type EgressOwner } from '../rules/crypto-map.js';
import type { Packet } from '../rules/header-space.js';
import {
  checksClearTextOnCryptoInterface,
  filterPacket,
  interfaceFilter,
  type AclDirection,
} from '../rules/interface-acl.js';
import { translatePacket } from '../rules/nat.js';
import { isTunnelInterface } from '../rules/tunnels.js';
import { throughTunnel } from './tunnel-walk.js';
import { discarded } from './discard-route.js';
import { pathFor, routingTable, type Route } from '../rules/routing.js';
import type { NegotiationFailure } from './negotiation.js';
import { IKE_PHASE1_RETRANSMIT_SECONDS } from '../ir/ike-vocabulary.js';
import { blockBounds, ipToNumber, numberToIp } from '../ir/ipv4.js';
import { contains, espOnWire, type IpsecSaPair } from './sa-database.js';
import { anyProxySa } from './dynamic-sa.js';
import { establishFresh, findLive, rekeyIfSoft } from './sa-rekey.js';
import { logWan, underlayTarget } from './wan-log.js';
import type { DeviceCore, Fabric, Hop } from './types.js';

/** A user packet with its size in bytes (for SA byte counters). */
export interface UserPacket extends Packet {
  readonly size: number;
}

/** Why a packet was dropped. */
export type DropReason =
  | 'no-route'
  | 'discard-route'
  | 'no-host'
  | 'no-underlay-path'
  | 'negotiation-failed'
  /** The packet that triggered a negotiation, with the `firstPacketLost` option (`.!!!!`). */
  | 'dropped-while-negotiating'
  | 'clear-text-should-be-ipsec'
  | 'invalid-spi'
  | 'proxy-mismatch'
  | 'acl-denied'
  /** ESP (no ports) met a NAT device between the peers while NAT-T is off (docs/ios-semantics.md#nat-traversal). */
  | 'esp-through-nat'
  | 'ttl-exceeded'
  /** Owned by a dynamic crypto map entry and no SA a peer brought up covers it (it never initiates). */
  | 'no-dynamic-sa'
  /** Routed into a tunnel interface the emulator does not follow (docs/ios-semantics.md#tunnel-interfaces). */
  | 'tunnel-not-modelled'
  /** Routed into a tunnel whose far end does not point back (or is no device). */
  | 'tunnel-mismatch';

/** Where a packet ended. */
export type Delivery =
  /** `packet` is the packet as delivered (NAT may have rewritten its source on the way). */
  | { readonly kind: 'router'; readonly device: DeviceCore; readonly packet: UserPacket }
  | { readonly kind: 'host'; readonly device: DeviceCore; readonly iface: InterfaceConfig; readonly packet: UserPacket }
  | {
      readonly kind: 'drop';
      readonly device: DeviceCore;
      readonly reason: DropReason;
      readonly negotiation?: NegotiationFailure;
      /**
       * Set when the router answers the drop with an ICMP unreachable (a route to Null0 while
       * `ip unreachables` is on for Null0, the default): the interface the packet came in on, if any.
       * @default - no unreachable is sent
       */
      readonly unreachable?: { readonly iface?: InterfaceConfig };
    };

/** Mutable record of one walk. */
export interface WalkState {
  readonly hops: Hop[];
  /** Simulated transit time in ms. */
  cost: number;
  /** True when an SA was negotiated during the walk. */
  negotiated: boolean;
}

/** Milliseconds added per WAN crossing (deterministic timing model). */
export const WAN_MS = 8;
/** Milliseconds added per encryption or decryption (deterministic timing model). */
export const CRYPTO_MS = 4;

const fmt = (p: Packet) => `${numberToIp(p.src)} -> ${numberToIp(p.dst)} prot ${p.proto}`;

/** A trace step whose text is formatted only when read (the all-pairs benchmark never reads most). */
class TraceHop implements Hop {
  private text: string | (() => string);
  constructor(
    readonly device: string,
    readonly event: Hop['event'],
    detail: string | (() => string),
  ) {
    this.text = detail;
  }
  get detail(): string {
    if (typeof this.text !== 'string') this.text = this.text();
    return this.text;
  }
  toJSON(): Hop {
    return { device: this.device, event: this.event, detail: this.detail };
  }
}

/** Walks a packet that is at router `dev`, arrived on `arrival.iface` (or originated there). */
export function walk(
  f: Fabric,
  dev: DeviceCore,
  pkt: UserPacket,
  arrival: { readonly iface?: InterfaceConfig; readonly decrypted?: boolean },
  st: WalkState,
  ttl = 32,
): Delivery {
  const hop = (event: Hop['event'], detail: string | (() => string)) =>
    st.hops.push(new TraceHop(dev.hostname, event, detail));
  const drop = (reason: DropReason, negotiation?: NegotiationFailure): Delivery => {
    hop('drop', reason + (negotiation ? ` (${negotiation})` : ''));
    return { kind: 'drop', device: dev, reason, ...(negotiation ? { negotiation } : {}) };
  };
  if (ttl <= 0) return drop('ttl-exceeded');
  hop(arrival.iface ? 'receive' : 'originate', () => `${fmt(pkt)}${arrival.iface ? ` on ${arrival.iface.name}` : ''}`);
  const forwarded = arrival.iface !== undefined;
  const refused = arrivalDrop(dev, arrival, pkt, hop);
  if (refused) return drop(refused);
  if (dev.interfaceOwning(pkt.dst)) {
    hop('deliver', () => `to ${dev.hostname} itself`);
    return { kind: 'router', device: dev, packet: pkt };
  }
  const found = routingTable(dev.config).lookup(pkt.dst);
  if (!found) return drop('no-route');
  const route = pathFor(found, pkt.src, pkt.dst);
  const exit = route.discard ? undefined : dev.config.interfaces.find((i) => i.name === route.exitInterface);
  if (!exit) return discarded(dev, route, arrival.iface, hop);
  hop('route', () => `via ${exit.name}${route.gateway ? ` gateway ${route.gateway}` : ''}`);
  if (isTunnelInterface(exit)) return throughTunnel(f, dev, exit, pkt, st, ttl, hop, drop);
  const onUnderlay = f.underlay.isMember(dev.hostname, exit.name);
  // docs/ios-semantics.md#nat-and-the-order-of-operations: inside-to-outside NAT runs after routing
  // and before the crypto map check, so the crypto ACL sees the translated source. The router's
  // own packets count as coming from the interface that owns their source address.
  const nat = translatePacket(dev.config, arrival.iface ?? dev.interfaceOwning(pkt.src), exit, pkt);
  if (nat) {
    const before = pkt;
    countNatMatch(dev, nat.rule, before);
    pkt = { ...nat.packet, size: pkt.size };
    hop('route', () => `NAT ${fmt(before)} translated to source ${numberToIp(nat.packet.src)} out of ${exit.name}`);
  }
  const map = cryptoMapOf(dev.config, exit.name);
  const owner = map ? selectEgressEntry(dev.config, map, pkt) : undefined;
  // An egress owner exists only under a crypto map: the packet is about to be encrypted.
  if (forwarded && egressDenied(dev, exit, owner !== undefined, pkt, hop)) return drop('acl-denied');
  if (!onUnderlay && route.source === 'connected') return deliverToHost(dev, exit, pkt, hop, drop);

  const sent = map ? cryptoEgress(f, dev, exit, map, owner, pkt, st, ttl, hop, drop) : undefined;
  if (sent) return sent;
  if (!onUnderlay) return deliverToHost(dev, exit, pkt, hop, drop);
  return forwardOnUnderlay(f, dev, exit, route, pkt, st, ttl, drop);
}

/** The outbound list sees clear text that leaves, and (before 12.3(8)T) clear text about to be encrypted. */
function egressDenied(
  dev: DeviceCore,
  exit: InterfaceConfig,
  encrypting: boolean,
  pkt: UserPacket,
  hop: HopFn,
): boolean {
  return (
    (!encrypting || checksClearTextOnCryptoInterface(dev.config.platform)) && aclDenies(dev, exit, 'out', pkt, hop)
  );
}

/** Clear text across the WAN to the router that owns the next hop (or the destination). */
function forwardOnUnderlay(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  route: Route,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  drop: DropFn,
): Delivery {
  const target = underlayTarget(f, dev, exit, route.gateway ?? numberToIp(pkt.dst), route.gateway === undefined);
  if (!target) return drop('no-underlay-path');
  const src = numberToIp(pkt.src);
  const dst = numberToIp(pkt.dst);
  logWan(f, dev, exit, target, src, dst, pkt.proto, pkt, false);
  st.cost += WAN_MS;
  return walk(f, target.device, pkt, { iface: target.iface }, st, ttl - 1);
}

/** The reason a packet arriving on an interface is dropped there; undefined for the router's own packets. */
function arrivalDrop(
  dev: DeviceCore,
  arrival: { readonly iface?: InterfaceConfig; readonly decrypted?: boolean },
  pkt: UserPacket,
  hop: HopFn,
): DropReason | undefined {
  return arrival.iface ? ingressDrop(dev, arrival.iface, arrival.decrypted === true, pkt, hop) : undefined;
}

/**
 * Interface lists (docs/ios-semantics.md#interface-access-lists): what arrives meets the inbound
 * list (a decrypted packet only before 12.3(8)T); clear text that a crypto map on the interface
 * says should have been encrypted is dropped. What the router originates meets neither.
 */
function ingressDrop(
  dev: DeviceCore,
  iface: InterfaceConfig,
  decrypted: boolean,
  pkt: UserPacket,
  hop: HopFn,
): DropReason | undefined {
  if ((!decrypted || checksClearTextOnCryptoInterface(dev.config.platform)) && aclDenies(dev, iface, 'in', pkt, hop))
    return 'acl-denied';
  if (decrypted) return undefined;
  const map = cryptoMapOf(dev.config, iface.name);
  if (map && ingressClearDrop(dev.config, map, pkt)) {
    dev.log(
      'syslog',
      `%CRYPTO-4-RECVD_PKT_NOT_IPSEC: Rec'd packet not an IPSEC packet. (ip) vrf/dest_addr= /${numberToIp(pkt.dst)}, src_addr= ${numberToIp(pkt.src)}, prot= ${pkt.proto}`,
    );
    return 'clear-text-should-be-ipsec';
  }
  return undefined;
}

/** Sends the packet through the SA of its crypto map entry, negotiating one first when there is none. */
function encrypt(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  map: CryptoMap,
  owner: EgressOwner,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: DropFn,
): Delivery {
  // The crypto ACL line that selected the packet counts it, whether or not an SA can be had.
  dev.aclCounters.hit(owner.line.rule);
  // docs/ios-semantics.md#sa-lifetimes-and-rekey: a soft SA is replaced before the packet uses it.
  let sa = findLive(f, dev, () => dev.sadb.findOutbound(exit.name, owner.entry.entry.seq, pkt, owner.line));
  if (sa) sa = rekeyIfSoft(f, dev, exit, map, owner, sa);
  // A dynamic entry never initiates: without an SA the peer brought up, IOS drops the packet.
  if (!sa && owner.entry.dynamic) return drop('no-dynamic-sa');
  if (!sa) {
    hop('negotiate', `entry ${map.name} ${owner.entry.entry.seq} line ${owner.line.index + 1}`);
    const started = f.clock.now;
    const r = establishFresh(f, dev, exit, map, owner);
    if (!r.ok) return drop('negotiation-failed', r.reason);
    st.negotiated = true;
    sa = r.sa;
    // Real routers drop the packet that triggers IKE while it negotiates (and one that waited for
    // retransmissions to a dead peer); the SAs stay up.
    const waited = f.clock.now - started >= IKE_PHASE1_RETRANSMIT_SECONDS * 1000;
    if (f.options.firstPacketLost || waited) return drop('dropped-while-negotiating');
  }
  return sendEsp(f, dev, exit, sa, pkt, st, ttl, hop, drop);
}

/**
 * Out through the crypto map: the owning entry's SA (negotiated first when there is none), or the
 * SA of a dynamic entry without a list that covers the packet (docs/ios-semantics.md
 * #dynamic-crypto-maps); undefined when the packet leaves in clear text.
 */
function cryptoEgress(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  map: CryptoMap,
  owner: EgressOwner | undefined,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: DropFn,
): Delivery | undefined {
  if (owner) return encrypt(f, dev, exit, map, owner, pkt, st, ttl, hop, drop);
  const sa = findLive(f, dev, () => anyProxySa(dev, exit, map, pkt));
  return sa ? sendEsp(f, dev, exit, sa, pkt, st, ttl, hop, drop) : undefined;
}

export type HopFn = (event: Hop['event'], detail: string | (() => string)) => void;

/** True (with a trace step) when `iface`'s list in `direction` drops the packet. */
function aclDenies(dev: DeviceCore, iface: InterfaceConfig, direction: AclDirection, pkt: Packet, hop: HopFn): boolean {
  const filter = interfaceFilter(dev.config, iface, direction);
  if (!filter) return false;
  const verdict = filterPacket(filter, pkt);
  if (verdict.line) dev.aclCounters.hit(verdict.line.rule);
  if (verdict.permitted) return false;
  hop(
    'route',
    () =>
      `${fmt(pkt)} denied by ip access-group ${filter.group.acl} ${direction} on ${iface.name}${verdict.line ? ` (line ${verdict.line.index + 1})` : ' (implicit deny)'}`,
  );
  return true;
}
/** Counts the line of a dynamic rule's list that selected a translated packet (static rules have no list). */
function countNatMatch(dev: DeviceCore, rule: NatRule, pkt: Packet): void {
  if (rule.kind !== 'dynamic' || rule.match.kind !== 'list') return;
  const acl = lookupAcl(dev.config, rule.match.acl);
  const line = acl ? firstMatch(acl, pkt) : undefined;
  if (line) dev.aclCounters.hit(line.rule);
}
type DropFn = (reason: DropReason, negotiation?: NegotiationFailure) => Delivery;

function deliverToHost(dev: DeviceCore, exit: InterfaceConfig, pkt: UserPacket, hop: HopFn, drop: DropFn): Delivery {
  // Any address of a connected LAN answers, except the subnet's network and broadcast addresses.
  for (const a of [...(exit.address ? [exit.address] : []), ...exit.secondaryAddresses]) {
    const [lo, hi] = blockBounds(ipToNumber(a.ip), a.prefixLength);
    if (pkt.dst < lo || pkt.dst > hi) continue;
    if (a.prefixLength <= 30 && (pkt.dst === lo || pkt.dst === hi)) return drop('no-host');
    hop('deliver', () => `to host ${numberToIp(pkt.dst)} on ${exit.name}`);
    return { kind: 'host', device: dev, iface: exit, packet: pkt };
  }
  return drop('no-host');
}

function sendEsp(
  f: Fabric,
  dev: DeviceCore,
  exit: InterfaceConfig,
  sa: IpsecSaPair,
  pkt: UserPacket,
  st: WalkState,
  ttl: number,
  hop: HopFn,
  drop: DropFn,
): Delivery {
  dpdOnTraffic(f, dev, sa);
  const target = underlayTarget(f, dev, exit, sa.peer, false, sa.local);
  if (!target) return drop('no-underlay-path');
  sa.encrypted += 1;
  sa.bytesOut += pkt.size;
  st.cost += CRYPTO_MS + WAN_MS;
  hop('encrypt', () => `spi 0x${sa.outbound.spi.toString(16).toUpperCase()} to ${sa.peer}`);
  // docs/ios-semantics.md#nat-traversal: ESP in UDP 4500 crosses the NAT device, bare ESP does not.
  if (sa.natTraversal === 'disabled') return drop('esp-through-nat');
  const peer = target.device;
  const inSa = peer.sadb.findInbound(sa.outbound.spi);
  const esp = espOnWire(sa, inSa);
  logWan(f, dev, exit, target, sa.local, sa.peer, esp.proto, pkt, true);
  const phop = (event: Hop['event'], detail: string | (() => string)) =>
    st.hops.push(new TraceHop(peer.hostname, event, detail));
  if (aclDenies(peer, target.iface, 'in', esp, phop)) {
    phop('drop', 'acl-denied');
    return { kind: 'drop', device: peer, reason: 'acl-denied' };
  }
  if (!inSa) {
    const spi = sa.outbound.spi;
    peer.log(
      'syslog',
      `%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=${sa.peer}, prot=50, spi=0x${spi.toString(16).toUpperCase()}(${spi}), srcaddr=${sa.local}`,
    );
    phop('drop', 'invalid-spi');
    return { kind: 'drop', device: peer, reason: 'invalid-spi' };
  }
  inSa.decrypted += 1;
  inSa.bytesIn += pkt.size;
  dpdHeard(f, peer, inSa);
  st.cost += CRYPTO_MS;
  phop('decrypt', () => `spi 0x${inSa.inbound.spi.toString(16).toUpperCase()} from ${inSa.peer}`);
  const mirrored: Packet = { src: pkt.dst, dst: pkt.src, proto: pkt.proto, sport: pkt.dport, dport: pkt.sport };
  if (!contains(inSa.proxy, mirrored)) {
    peer.log(
      'syslog',
      `%CRYPTO-4-RECVD_PKT_INV_IDENTITY_ACL: ipsec check access: identity not allowed by ACL (ip) vrf/dest_addr= ${numberToIp(pkt.dst)}, src_addr= ${numberToIp(pkt.src)}, prot= ${pkt.proto}`,
    );
    phop('drop', 'proxy-mismatch');
    return { kind: 'drop', device: peer, reason: 'proxy-mismatch' };
  }
  return walk(f, peer, pkt, { iface: target.iface, decrypted: true }, st, ttl - 1);
}
