/**
 * Inside-source NAT (`ip nat inside source ...`) as the proof and the emulator apply it
 * (docs/ios-semantics.md#nat-and-the-order-of-operations). IOS translates a packet that arrives on
 * an `ip nat inside` interface and is routed out of an `ip nat outside` interface, after routing
 * and before the crypto map check (Cisco, "NAT Order of Operation", Document ID 6209): so the
 * crypto ACL sees the translated source. Static translations are looked up before dynamic ones;
 * a dynamic rule translates what its ACL permits (or what a `permit` entry of its route-map
 * matches), and what the ACL denies or a `deny` entry matches is exempt from that rule.
 *
 * Which of several dynamic rules translates a packet is not documented; every outcome of a
 * translation is the same for the proof (the packet no longer carries its site address), so the
 * space is split by every rule and the first rule in text order is named. A reference that does
 * not exist (ACL, route-map, pool) is treated as translating everything it could: the parser
 * reports the line as not modelled, and the proof never calls such a pair covered.
 */
import type {
  AccessList,
  DynamicNat,
  InterfaceConfig,
  NatRule,
  RouteMap,
  RouterConfig,
  StaticNat,
} from '../ir/router-config.js';
import { blockBounds, ipToNumber } from '../ir/ipv4.js';
import { partitionByAcl } from './acl.js';
import { lookupAcl } from './acl-resolve.js';
import {
  intersectSpace,
  subtractSpaces,
  type HeaderBox,
  type HeaderSpace,
  type Interval,
  type Packet,
} from './header-space.js';
import { appendAll } from '../ir/collections.js';

/** What one rule translates of a space, and the source addresses it translates to. */
export interface NatPiece {
  readonly rule: NatRule;
  /** The headers (before translation) this rule translates. */
  readonly space: readonly HeaderBox[];
  /** Translated source addresses: one address (PAT to an interface, a static host), a pool, or a static network. */
  readonly global: Interval;
  /** For a static network: the first inside-local address (offsets are kept). */
  readonly localBase?: number;
}

/** A space split by the inside-source rules. */
export interface NatSplit {
  readonly untouched: readonly HeaderBox[];
  readonly translated: readonly NatPiece[];
}

/** True when the router translates anything (some rule, and interfaces marked inside and outside). */
export function hasNat(config: RouterConfig): boolean {
  return (config.natRules?.length ?? 0) > 0 && config.interfaces.some((i) => i.nat !== undefined);
}

/** True when a packet from `from` routed out of `to` is translated inside to outside (both marked). */
export function translatesBetween(from: InterfaceConfig | undefined, to: InterfaceConfig): boolean {
  return from?.nat === 'inside' && to.nat === 'outside';
}

function staticRange(r: StaticNat, address: string): Interval {
  return blockBounds(ipToNumber(address), r.prefixLength);
}

function box(src: Interval): HeaderBox {
  return { src, dst: [0, 0xffffffff], proto: [0, 255], sport: [0, 65535], dport: [0, 65535] };
}

/** The permitted part of `space` by an ACL (first match); all of it when the ACL does not exist. */
function permittedBy(acl: AccessList | undefined, space: HeaderSpace): HeaderBox[] {
  if (!acl) return space.slice();
  const out: HeaderBox[] = [];
  for (const p of partitionByAcl(acl, space).pieces) if (p.line.action === 'permit') appendAll(out, p.space);
  return out;
}

/**
 * What a route-map entry list says of a space: the part matched by `permit` entries (translated)
 * and by `deny` entries (exempt); an entry without `match ip address` matches everything, one with
 * several lists matches what any of them permits; unmatched headers are not translated.
 */
function routeMapPermits(config: RouterConfig, map: RouteMap | undefined, space: HeaderSpace): HeaderBox[] {
  if (!map) return space.slice();
  let rest: HeaderBox[] = space.slice();
  const out: HeaderBox[] = [];
  for (const entry of [...map.entries].sort((a, b) => a.seq - b.seq)) {
    if (rest.length === 0) break;
    let matched: HeaderBox[] = [];
    if (entry.matchAddress.length === 0) matched = rest;
    else {
      for (const name of entry.matchAddress) {
        const more = permittedBy(lookupAcl(config, name), subtractSpaces(rest, matched));
        matched = matched.concat(more);
      }
    }
    if (matched.length === 0) continue;
    if (entry.action === 'permit') appendAll(out, matched);
    rest = subtractSpaces(rest, matched);
  }
  return out;
}

function dynamicGlobal(config: RouterConfig, r: DynamicNat): Interval {
  if (r.target.kind === 'interface') {
    const name = r.target.interface;
    const iface = config.interfaces.find((i) => i.name === name);
    const ip = iface?.address?.ip;
    // No address on the named interface: IOS cannot translate to it; any address stands for that.
    return ip ? [ipToNumber(ip), ipToNumber(ip)] : [0, 0xffffffff];
  }
  const pool = (config.natPools ?? []).find((p) => p.name === (r.target as { pool: string }).pool);
  return pool ? [ipToNumber(pool.start), ipToNumber(pool.end)] : [0, 0xffffffff];
}

/** The part of a space a dynamic rule would translate. */
function dynamicMatch(config: RouterConfig, r: DynamicNat, space: HeaderSpace): HeaderBox[] {
  if (r.match.kind === 'list') return permittedBy(lookupAcl(config, r.match.acl), space);
  const name = r.match.routeMap;
  return routeMapPermits(
    config,
    (config.routeMaps ?? []).find((m) => m.name === name),
    space,
  );
}

/**
 * Splits the headers of packets from `from` routed out of `to` into what stays as it is and what
 * each rule translates (statics first, then dynamic rules in text order).
 */
export function natInsideSource(
  config: RouterConfig,
  from: InterfaceConfig | undefined,
  to: InterfaceConfig,
  space: HeaderSpace,
): NatSplit {
  const rules = config.natRules ?? [];
  if (rules.length === 0 || space.length === 0 || !translatesBetween(from, to))
    return { untouched: space, translated: [] };
  let rest: HeaderBox[] = space.slice();
  const translated: NatPiece[] = [];
  const ordered = [...rules.filter((r) => r.kind === 'static'), ...rules.filter((r) => r.kind === 'dynamic')];
  for (const r of ordered) {
    if (rest.length === 0) break;
    if (r.kind === 'static') {
      const local = staticRange(r, r.local);
      const hit = intersectSpace(rest, box(local));
      if (hit.length === 0) continue;
      translated.push({ rule: r, space: hit, global: staticRange(r, r.global), localBase: local[0] });
      rest = subtractSpaces(rest, [box(local)]);
      continue;
    }
    const hit = dynamicMatch(config, r, rest);
    if (hit.length === 0) continue;
    translated.push({ rule: r, space: hit, global: dynamicGlobal(config, r) });
    rest = subtractSpaces(rest, hit);
  }
  return { untouched: rest, translated };
}

/**
 * The rules that could rewrite the destination of a packet arriving on `ingress` (an `ip nat
 * outside` interface) because the destination lies in their global addresses: a static rule
 * translates such a packet outside to inside, and a dynamic rule does so for a translation it
 * created earlier. The proof does not model destination translation
 * (docs/ios-semantics.md#nat-and-the-order-of-operations); it reports these rules instead.
 */
export function outsideToInsideRules(
  config: RouterConfig,
  ingress: InterfaceConfig | undefined,
  space: HeaderSpace,
): { readonly rule: NatRule; readonly global: Interval }[] {
  const rules = config.natRules ?? [];
  if (rules.length === 0 || ingress?.nat !== 'outside') return [];
  const out: { rule: NatRule; global: Interval }[] = [];
  for (const r of rules) {
    const global = r.kind === 'static' ? staticRange(r, r.global) : dynamicGlobal(config, r);
    if (intersectSpace(space, { ...box([0, 0xffffffff]), dst: global }).length > 0) out.push({ rule: r, global });
  }
  return out;
}

/** The translated form of a space piece: every source of the piece becomes one of the global addresses. */
export function translatedSpace(piece: NatPiece): HeaderBox[] {
  if (piece.localBase !== undefined) {
    const offset = piece.global[0] - piece.localBase;
    return piece.space.map((b) => ({ ...b, src: [b.src[0] + offset, b.src[1] + offset] as Interval }));
  }
  return piece.space.map((b) => ({ ...b, src: piece.global }));
}

/** The packet after inside-to-outside translation (the pool's first address for a pool), and the rule; undefined when untouched. */
export function translatePacket(
  config: RouterConfig,
  from: InterfaceConfig | undefined,
  to: InterfaceConfig,
  packet: Packet,
): { readonly packet: Packet; readonly rule: NatRule } | undefined {
  const b: HeaderBox = {
    src: [packet.src, packet.src],
    dst: [packet.dst, packet.dst],
    proto: [packet.proto, packet.proto],
    sport: [packet.sport, packet.sport],
    dport: [packet.dport, packet.dport],
  };
  const piece = natInsideSource(config, from, to, [b]).translated[0];
  if (!piece) return undefined;
  const src = piece.localBase !== undefined ? packet.src - piece.localBase + piece.global[0] : piece.global[0];
  return { packet: { ...packet, src }, rule: piece.rule };
}
