/**
 * NAT traversal and peers behind a NAT device (docs/ios-semantics.md#nat-traversal).
 *
 * - NAT-T (RFC 3947, Cisco "IPsec NAT Transparency", IOS 12.2(13)T and later, on by default): both
 *   sides announce it with a vendor ID in MM1/MM2 and send NAT-D hashes of their addresses and
 *   ports in MM3/MM4; when a hash does not match what the other side received, a NAT sits between
 *   them, IKE floats to UDP 4500 from MM5 on and ESP is sent inside UDP 4500. Without a NAT between
 *   them nothing changes (UDP 500 and ESP). `no crypto ipsec nat-transparency udp-encapsulation`
 *   turns it off on a side: a NAT is then neither detected nor traversed, so ESP (IP protocol 50,
 *   no ports) does not cross a PAT device and the tunnel carries nothing.
 * - A peer behind NAT: its own IKE address (the one it sends as ID_IPV4_ADDR and speaks from) is
 *   private, and the others see, key on and name in `set peer` its public address. A mapping is
 *   declared (topology.json `wan[].publicAddress`) or assumed: a `set peer` address no device owns,
 *   named by an entry whose traffic exactly one other device mirrors towards this one.
 *
 * Used by the proof (`lib/verify/model`, `lib/verify/prove`) and the emulator alike.
 */
import type { InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { compileAcl } from './acl.js';
import { compileCryptoMap, cryptoMapBindings, type CompiledCryptoEntry } from './crypto-map.js';
import { cryptoLocalAddress } from './crypto-local-address.js';
import { intersectBox, mirrorBox, type HeaderBox } from './header-space.js';
import { ISAKMP_PORT, NAT_T_PORT, UDP, ESP } from './interface-acl.js';
import type { Packet } from './header-space.js';
import type { Topology } from '../ir/topology.js';

/** True unless `no crypto ipsec nat-transparency udp-encapsulation` turned NAT traversal off. */
export function natTraversalEnabled(config: RouterConfig): boolean {
  return config.options.natTraversalDisabled === undefined;
}

/** How a tunnel between two routers crosses what lies between them. */
export type NatTraversal =
  /** No NAT between the peers: IKE on UDP 500, ESP as IP protocol 50. */
  | { readonly kind: 'direct' }
  /** A NAT between the peers, detected by both: IKE floats to UDP 4500, ESP inside UDP 4500. */
  | { readonly kind: 'udp-encapsulation' }
  /** A NAT between the peers and NAT-T off on `sides`: ESP does not cross the NAT device. */
  | { readonly kind: 'disabled'; readonly sides: readonly ('initiator' | 'responder')[] };

/** The NAT traversal a tunnel uses; `translated` when a NAT sits between the two. */
export function natTraversal(initiator: RouterConfig, responder: RouterConfig, translated: boolean): NatTraversal {
  if (!translated) return { kind: 'direct' };
  const sides: ('initiator' | 'responder')[] = [];
  if (!natTraversalEnabled(initiator)) sides.push('initiator');
  if (!natTraversalEnabled(responder)) sides.push('responder');
  return sides.length === 0 ? { kind: 'udp-encapsulation' } : { kind: 'disabled', sides };
}

/**
 * The packets a tunnel from `src` to `dst` sends that the interface lists on the way must let
 * through: IKE on UDP 500 and ESP, or with NAT-T IKE on UDP 500 (MM1-MM4) then UDP 4500 (IKE and
 * ESP inside UDP). Ports as the NAT device keeps them (the stated assumption of a mapping).
 */
export function tunnelPackets(
  src: number,
  dst: number,
  t: NatTraversal,
): readonly (readonly ['ike' | 'esp', Packet])[] {
  const udp = (port: number): Packet => ({ src, dst, proto: UDP, sport: port, dport: port });
  if (t.kind === 'direct')
    return [
      ['ike', udp(ISAKMP_PORT)],
      ['esp', { src, dst, proto: ESP, sport: 0, dport: 0 }],
    ];
  return [
    ['ike', udp(ISAKMP_PORT)],
    ['ike', udp(NAT_T_PORT)],
    ['esp', udp(NAT_T_PORT)],
  ];
}

/** A device behind a NAT device: its own IKE address and the one the others see. */
export interface NatMapping {
  /** The address the peers see, key on and name in `set peer` (public). */
  readonly outside: string;
  /** The device's own IKE address (private): its source and its ID_IPV4_ADDR identity. */
  readonly inside: string;
  /** The device's hostname. */
  readonly hostname: string;
  /** Declared (topology.json) or assumed from the mirrored crypto ACLs. */
  readonly source: 'declared' | 'assumed';
  /** For an assumed mapping: the entry whose `set peer` names `outside`. @default - none */
  readonly namedBy?: NamingEntry;
}

/** An entry of a device naming a peer address. */
export interface NamingEntry {
  readonly hostname: string;
  readonly map: string;
  readonly seq: number;
  /** Line of the entry. @default 0 */
  readonly line: number;
}

/** A `set peer` address no device owns that several devices mirror: no mapping is assumed. */
export interface AmbiguousNatPeer {
  readonly address: string;
  readonly namedBy: NamingEntry;
  /** The devices whose entries mirror the traffic (hostnames, in config order). */
  readonly candidates: readonly string[];
}

/** A mapping declared by topology.json: a device's WAN interface and its public address. */
export interface DeclaredNat {
  readonly hostname: string;
  readonly interface: string;
  readonly publicAddress: string;
}

interface ActiveEntry {
  readonly config: RouterConfig;
  readonly iface: InterfaceConfig;
  readonly map: string;
  readonly local: string | undefined;
  readonly entry: CompiledCryptoEntry;
}

function activeEntries(config: RouterConfig): ActiveEntry[] {
  const out: ActiveEntry[] = [];
  for (const b of cryptoMapBindings(config)) {
    if (!b.map) continue;
    const local = cryptoLocalAddress(config, b.interface);
    for (const entry of compileCryptoMap(config, b.map).entries)
      if (entry.status === 'active') out.push({ config, iface: b.interface, map: b.map.name, local, entry });
  }
  return out;
}

function permitBoxes(entry: CompiledCryptoEntry): HeaderBox[] {
  if (!entry.acl) return [];
  return compileAcl(entry.acl).lines.flatMap((l) => (l.action === 'permit' ? l.boxes : []));
}

/**
 * The NAT mappings of a network: the declared ones, then one assumed for each `set peer` address
 * that no device owns, named by a hub (a device whose entries name several peers), when exactly one
 * other device has an active entry that names the hub's IKE address as its peer and permits the
 * mirror of the naming entry's traffic, and whose own IKE address no entry of the hub names
 * (docs/ios-semantics.md#nat-traversal).
 */
export function natMappings(
  configs: readonly RouterConfig[],
  declared: readonly DeclaredNat[] = [],
): { readonly mappings: readonly NatMapping[]; readonly ambiguous: readonly AmbiguousNatPeer[] } {
  const owned = ownedAddresses(configs);
  const mappings = declaredMappings(configs, declared, owned);
  const seen = new Set(mappings.map((m) => m.outside));
  const entries = new Map(configs.map((c) => [c, activeEntries(c)]));
  const ambiguous: AmbiguousNatPeer[] = [];
  for (const c of configs) {
    // Only a hub (entries towards several peers) is assumed to reach a spoke through NAT: a spoke
    // naming an unknown address for its one hub has a typo, not a NAT in front of the hub.
    if (new Set(entries.get(c)!.flatMap((e) => e.entry.entry.peers)).size < 2) continue;
    for (const e of entries.get(c)!) {
      if (e.local === undefined) continue;
      for (const peer of new Set(e.entry.entry.peers)) {
        if (seen.has(peer) || owned.has(ipToNumber(peer))) continue;
        seen.add(peer);
        const namedBy = {
          hostname: c.hostname,
          map: e.map,
          seq: e.entry.entry.seq,
          line: e.entry.entry.loc?.line ?? 0,
        };
        const candidates = mirroringDevices(configs, entries, e);
        if (candidates.length === 1)
          mappings.push({
            outside: peer,
            inside: candidates[0]!.local!,
            hostname: candidates[0]!.config.hostname,
            source: 'assumed',
            namedBy,
          });
        else if (candidates.length > 1)
          ambiguous.push({ address: peer, namedBy, candidates: candidates.map((m) => m.config.hostname) });
      }
    }
  }
  // A device that several unowned peers could belong to is matched to none of them.
  const contested = new Set(ambiguous.flatMap((a) => a.candidates));
  for (const m of mappings.filter((x) => x.source === 'assumed' && contested.has(x.hostname)))
    ambiguous.push({ address: m.outside, namedBy: m.namedBy!, candidates: [m.hostname] });
  return { mappings: mappings.filter((m) => m.source !== 'assumed' || !contested.has(m.hostname)), ambiguous };
}

/** Every address of an up interface. */
function ownedAddresses(configs: readonly RouterConfig[]): Set<number> {
  const owned = new Set<number>();
  for (const c of configs)
    for (const i of c.interfaces) {
      if (i.shutdown) continue;
      for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses]) owned.add(ipToNumber(a.ip));
    }
  return owned;
}

/** The declared mappings of devices and interfaces that exist, to addresses no device owns (first wins). */
function declaredMappings(
  configs: readonly RouterConfig[],
  declared: readonly DeclaredNat[],
  owned: ReadonlySet<number>,
): NatMapping[] {
  const out: NatMapping[] = [];
  for (const d of declared) {
    const c = configs.find((x) => x.hostname === d.hostname);
    const inside = c?.interfaces.find((i) => i.name === d.interface)?.address?.ip;
    if (!c || inside === undefined || owned.has(ipToNumber(d.publicAddress))) continue;
    if (out.some((m) => m.outside === d.publicAddress)) continue;
    out.push({ outside: d.publicAddress, inside, hostname: c.hostname, source: 'declared' });
  }
  return out;
}

/** The devices (one entry each) that mirror `e`'s traffic towards `e`'s device and are not named by it. */
function mirroringDevices(
  configs: readonly RouterConfig[],
  entries: ReadonlyMap<RouterConfig, readonly ActiveEntry[]>,
  e: ActiveEntry,
): ActiveEntry[] {
  const mirrored = permitBoxes(e.entry).map(mirrorBox);
  const namedByE = new Set(entries.get(e.config)!.flatMap((x) => x.entry.entry.peers));
  const out: ActiveEntry[] = [];
  for (const c of configs) {
    if (c === e.config) continue;
    const hit = entries
      .get(c)!
      .find(
        (x) =>
          x.local !== undefined &&
          !namedByE.has(x.local) &&
          x.entry.entry.peers.includes(e.local!) &&
          permitBoxes(x.entry).some((b) => mirrored.some((m) => intersectBox(b, m))),
      );
    if (hit) out.push(hit);
  }
  return out;
}

/** The mapping whose outside address is `address`, if any. */
export function mappingFor(mappings: readonly NatMapping[], address: string): NatMapping | undefined {
  return mappings.find((m) => m.outside === address);
}

/** The address the peers see for `hostname`'s IKE address `inside` (its public address when behind NAT). */
export function seenAddress(mappings: readonly NatMapping[], hostname: string, inside: string): string {
  return mappings.find((m) => m.hostname === hostname && m.inside === inside)?.outside ?? inside;
}

/** The NAT mappings a topology.json declares (`wan[].publicAddress`). */
export function declaredNatOf(topology: Topology | undefined): DeclaredNat[] {
  return (topology?.devices ?? []).flatMap((d) =>
    d.wan.flatMap((w) =>
      w.publicAddress === undefined
        ? []
        : [{ hostname: d.hostname, interface: w.interface, publicAddress: w.publicAddress }],
    ),
  );
}
