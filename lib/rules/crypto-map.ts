/**
 * Crypto map selection: which interface carries which map, which entry owns an outbound packet,
 * and which inbound clear-text packets IOS drops because they should have been protected.
 *
 * Egress (Cisco IOS Security Configuration Guide, "Configuring Security for VPNs with IPsec",
 * crypto map entries): entries are tried in ascending sequence number; inside an entry the crypto
 * ACL is read top-down and the first matching line decides. `permit` makes the entry own the
 * packet; `deny` or the implicit deny sends the packet on to the next entry; if no entry permits,
 * the packet leaves in clear text. The owning entry is final: a failed negotiation drops the
 * packet, IOS never falls through to a later entry.
 *
 * Ingress: an unprotected packet arriving on an interface with a crypto map that falls inside the
 * mirror of a permit line of any entry is dropped (`%CRYPTO-4-RECVD_PKT_NOT_IPSEC`).
 *
 * Entries IOS leaves disabled ("incomplete": no peer, no `match address`, an ACL that does not
 * exist, no transform set where the platform has no default set, or a non-isakmp type) take no
 * part in either rule. Everything here is set-first; the point versions read the same compiled
 * lines through a destination index over the permit lines of all entries.
 */
import type { AccessList, CryptoMap, CryptoMapEntry, InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { expandDynamicEntry, type DynamicBinding } from './dynamic-map.js';
import { evaluatedAcl, lookupAcl } from './acl-resolve.js';
import { compileAcl, firstMatch, partitionByAcl, type CompiledAclLine } from './acl.js';
import { lineMatches } from './acl-line.js';
import {
  intersectBox,
  mirrorBox,
  subtractSpaces,
  type HeaderBox,
  type HeaderSpace,
  type Interval,
  type Packet,
} from './header-space.js';
import { effectiveTransformSets, type EffectiveTransformSet } from './platform-defaults.js';
import { PrefixIndex } from './prefix-index.js';
import { IdentityCache } from '../ir/identity-cache.js';

/** An interface and the crypto map it names. */
export interface CryptoMapBinding {
  readonly interface: InterfaceConfig;
  readonly mapName: string;
  /** @default - the named map is not defined */
  readonly map?: CryptoMap;
}

/** Every interface that names a crypto map, in config order. */
export function cryptoMapBindings(config: RouterConfig): CryptoMapBinding[] {
  const out: CryptoMapBinding[] = [];
  for (let k = 0; k < config.interfaces.length; k += 1) {
    const i = config.interfaces[k]!;
    if (i.cryptoMap === undefined) continue;
    const map = config.cryptoMaps.find((m) => m.name === i.cryptoMap);
    out.push(map ? { interface: i, mapName: i.cryptoMap, map } : { interface: i, mapName: i.cryptoMap });
  }
  return out;
}

/** The crypto map applied to an interface (undefined when none, or when it is not defined). */
export function cryptoMapOf(config: RouterConfig, interfaceName: string): CryptoMap | undefined {
  const i = config.interfaces.find((x) => x.name === interfaceName);
  if (!i || i.cryptoMap === undefined) return undefined;
  return config.cryptoMaps.find((m) => m.name === i.cryptoMap);
}

/** Whether IOS uses an entry, and why not. */
export type CryptoEntryStatus =
  'active' | 'not-isakmp' | 'no-peer' | 'no-match-address' | 'acl-missing' | 'no-transform-set';

/** A crypto map entry resolved against its router. */
export interface CompiledCryptoEntry {
  readonly entry: CryptoMapEntry;
  readonly status: CryptoEntryStatus;
  /** The `match address` list. @default - none or missing */
  readonly acl?: AccessList;
  /** The transform sets the entry offers/accepts, in order (with platform defaults). */
  readonly transformSets: readonly EffectiveTransformSet[];
  /**
   * Set on an entry of a dynamic map bound into this map (`entry` is then the dynamic entry seen as
   * a crypto map entry at the binding's sequence number): it only responds
   * (docs/ios-semantics.md#dynamic-crypto-maps). @default - a static entry
   */
  readonly dynamic?: DynamicBinding;
}

/** A crypto map resolved against its router, with an index over its permit lines. */
export interface CompiledCryptoMap {
  readonly map: CryptoMap;
  /** All entries in ascending sequence order. */
  readonly entries: readonly CompiledCryptoEntry[];
  /** Active entries (positions in `entries`) whose permit lines reach the destination. */
  entriesForDestination(dst: number): number[];
  /** Active entries whose permit lines intersect the space, ascending. */
  entriesForSpace(space: HeaderSpace): number[];
  /** Active entries whose `set peer` list includes the address, ascending. */
  entriesForPeer(peer: string): readonly number[];
}

const cache = new IdentityCache<RouterConfig, Map<CryptoMap, CompiledCryptoMap>>();
const newMap = (): Map<CryptoMap, CompiledCryptoMap> => new Map();

/** Resolves a map of a router once (cached per config and map object). */
export function compileCryptoMap(config: RouterConfig, map: CryptoMap): CompiledCryptoMap {
  const perConfig = cache.get(config, newMap);
  let compiled = perConfig.get(map);
  if (!compiled) perConfig.set(map, (compiled = buildCompiledMap(config, map)));
  return compiled;
}

/** @internal (shared with `dynamic-map.ts`) */
export function entryStatus(
  config: RouterConfig,
  e: CryptoMapEntry,
  acl: AccessList | undefined,
  dynamic?: DynamicBinding,
): CompiledCryptoEntry {
  const transformSets = effectiveTransformSets(config, e.transformSets);
  // A dynamic entry needs no peer and no list (docs/ios-semantics.md#dynamic-crypto-maps).
  const status: CryptoEntryStatus = dynamic
    ? e.matchAddress !== undefined && !acl
      ? 'acl-missing'
      : transformSets.length === 0
        ? 'no-transform-set'
        : 'active'
    : e.type !== 'ipsec-isakmp'
      ? 'not-isakmp'
      : e.peers.length === 0
        ? 'no-peer'
        : e.matchAddress === undefined
          ? 'no-match-address'
          : !acl
            ? 'acl-missing'
            : transformSets.length === 0
              ? 'no-transform-set'
              : 'active';
  // One shape for every entry (fields in the same order), `acl` only when the list exists.
  const out: {
    entry: CryptoMapEntry;
    status: CryptoEntryStatus;
    transformSets: readonly EffectiveTransformSet[];
    acl?: AccessList;
    dynamic?: DynamicBinding;
  } = { entry: e, status, transformSets };
  if (acl) out.acl = acl;
  if (dynamic) out.dynamic = dynamic;
  return out;
}

/** Maps with at most this many entries are scanned; larger ones (a hub) are indexed. */
const SMALL_MAP = 8;

/** True for an entry that takes part in egress: active, and not a dynamic entry without a list. */
function ownsTraffic(ce: CompiledCryptoEntry): boolean {
  return ce.status === 'active' && ce.dynamic?.anyProxy !== true;
}

/** An entry that accepts a peer: active, and naming it (a dynamic entry without `set peer` accepts any). */
function acceptsPeer(ce: CompiledCryptoEntry, peer: string): boolean {
  if (ce.status !== 'active') return false;
  return ce.dynamic !== undefined && ce.entry.peers.length === 0 ? true : ce.entry.peers.includes(peer);
}

function buildCompiledMap(config: RouterConfig, map: CryptoMap): CompiledCryptoMap {
  const sorted = map.entries.length <= 1 ? map.entries : [...map.entries].sort((a, b) => a.seq - b.seq);
  if (sorted.length <= SMALL_MAP && !sorted.some((e) => e.type === 'dynamic')) {
    // A spoke: a scan of its few lists is cheaper than building tables, and IOS reads the first
    // list of a name.
    const entries = sorted.map((e) =>
      entryStatus(config, e, e.matchAddress === undefined ? undefined : lookupAcl(config, e.matchAddress)),
    );
    return new ScannedMap(map, entries);
  }
  // A hub has one ACL per entry: look names up in a table, not by scanning every list per entry.
  // The first list of a name wins, as IOS reads only one.
  const aclsByName = new Map<string, AccessList>();
  for (const a of config.accessLists) if (!aclsByName.has(a.name)) aclsByName.set(a.name, a);
  const evaluated = (name: string): AccessList | undefined => {
    const acl = aclsByName.get(name);
    return acl === undefined ? undefined : evaluatedAcl(config, acl);
  };
  // A binding to a dynamic map stands for the dynamic map's entries, in their order.
  const entries = sorted.flatMap((e) =>
    e.type === 'dynamic'
      ? expandDynamicEntry(config, e, evaluated)
      : [entryStatus(config, e, e.matchAddress === undefined ? undefined : evaluated(e.matchAddress))],
  );
  const index = new PrefixIndex();
  entries.forEach((ce, i) => {
    if (!ownsTraffic(ce)) return;
    // Lines of a long list share interned destinations: register each distinct one once.
    const seen = new Set<Interval>();
    for (const line of compileAcl(ce.acl!).lines) {
      if (line.action !== 'permit') continue;
      for (const box of line.boxes) {
        if (seen.has(box.dst)) continue;
        seen.add(box.dst);
        index.add(box.dst, i);
      }
    }
  });
  const byPeer = new Map<string, number[]>();
  const anyPeer: number[] = [];
  entries.forEach((ce, i) => {
    if (ce.status !== 'active') return;
    if (ce.dynamic !== undefined && ce.entry.peers.length === 0) anyPeer.push(i);
    for (const p of new Set(ce.entry.peers)) {
      const list = byPeer.get(p);
      if (list) list.push(i);
      else byPeer.set(p, [i]);
    }
  });
  return new IndexedMap(map, entries, index, byPeer, anyPeer);
}

const uniqueSorted = (ids: number[]): number[] => (ids.length <= 1 ? ids : [...new Set(ids)].sort((a, b) => a - b));

/** A small compiled map: the questions are answered by scanning its active entries. */
class ScannedMap implements CompiledCryptoMap {
  constructor(
    readonly map: CryptoMap,
    readonly entries: readonly CompiledCryptoEntry[],
  ) {}

  entriesForDestination(dst: number): number[] {
    return this.entriesWhosePermits((lo, hi) => lo <= dst && dst <= hi);
  }

  entriesForPeer(peer: string): readonly number[] {
    const out: number[] = [];
    for (let i = 0; i < this.entries.length; i += 1) if (acceptsPeer(this.entries[i]!, peer)) out.push(i);
    return out;
  }

  entriesForSpace(space: HeaderSpace): number[] {
    return this.entriesWhosePermits((lo, hi) => space.some((x) => lo <= x.dst[1] && x.dst[0] <= hi));
  }

  /** Active entries with a permit line whose destination interval `[lo, hi]` passes the test, ascending. */
  private entriesWhosePermits(test: (lo: number, hi: number) => boolean): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.entries.length; i += 1) {
      const ce = this.entries[i]!;
      if (!ownsTraffic(ce)) continue;
      if (compileAcl(ce.acl!).lines.some((l) => l.action === 'permit' && l.boxes.some((b) => test(b.dst[0], b.dst[1]))))
        out.push(i);
    }
    return out;
  }
}

/**
 * The compiled map. A class, so that it holds only what it reads (closures made inside
 * `buildCompiledMap` would keep that function's scope, the ACL name table of the router, alive for
 * every map) and its methods live once on the prototype: every router compiles its maps.
 */
class IndexedMap implements CompiledCryptoMap {
  constructor(
    readonly map: CryptoMap,
    readonly entries: readonly CompiledCryptoEntry[],
    private readonly index: PrefixIndex,
    private readonly byPeer: ReadonlyMap<string, number[]>,
    /** Dynamic entries without `set peer`: they accept every peer. */
    private readonly anyPeer: readonly number[] = [],
  ) {}

  entriesForDestination(dst: number): number[] {
    return uniqueSorted(this.index.point(dst));
  }

  entriesForPeer(peer: string): readonly number[] {
    const named = this.byPeer.get(peer) ?? [];
    if (this.anyPeer.length === 0) return named;
    return uniqueSorted([...named, ...this.anyPeer]);
  }

  entriesForSpace(space: HeaderSpace): number[] {
    const ids: number[] = [];
    const add = (i: number) => ids.push(i);
    for (let k = 0; k < space.length; k += 1) this.index.range(space[k]!.dst, add);
    return uniqueSorted(ids);
  }
}

/** The entry that owns a set of packets, and the ACL line that made it the owner. */
export interface EgressPiece {
  readonly entry: CompiledCryptoEntry;
  readonly line: CompiledAclLine;
  readonly space: readonly HeaderBox[];
}

/** A space split by owning entry; `clear` leaves unprotected. */
export interface EgressPartition {
  readonly owned: readonly EgressPiece[];
  readonly clear: readonly HeaderBox[];
}

/** Splits outbound headers by the crypto map entry that owns them (first permitting entry). */
export function partitionEgress(config: RouterConfig, map: CryptoMap, space: HeaderSpace): EgressPartition {
  const compiled = compileCryptoMap(config, map);
  const owned: EgressPiece[] = [];
  let remaining: HeaderBox[] = space.slice();
  const ids = compiled.entriesForSpace(space);
  for (let k = 0; k < ids.length && remaining.length > 0; k += 1) {
    const ce = compiled.entries[ids[k]!]!;
    const pieces = partitionByAcl(ce.acl!, remaining).pieces;
    let taken: HeaderBox[] | undefined;
    for (let p = 0; p < pieces.length; p += 1) {
      const piece = pieces[p]!;
      if (piece.line.action !== 'permit') continue;
      owned.push({ entry: ce, line: piece.line, space: piece.space });
      if (taken === undefined) taken = piece.space.slice();
      else for (let b = 0; b < piece.space.length; b += 1) taken.push(piece.space[b]!);
    }
    if (taken !== undefined) remaining = subtractSpaces(remaining, taken);
  }
  return { owned, clear: remaining };
}

/** The owner of one outbound packet. */
export interface EgressOwner {
  readonly entry: CompiledCryptoEntry;
  readonly line: CompiledAclLine;
}

/** The entry that owns an outbound packet, or undefined when it leaves in clear text. */
export function selectEgressEntry(config: RouterConfig, map: CryptoMap, packet: Packet): EgressOwner | undefined {
  const compiled = compileCryptoMap(config, map);
  for (const i of compiled.entriesForDestination(packet.dst)) {
    const ce = compiled.entries[i]!;
    const line = firstMatch(ce.acl!, packet);
    if (line && line.action === 'permit') return { entry: ce, line };
  }
  return undefined;
}

/** Inbound clear-text headers IOS drops, with the permit line whose mirror they match. */
export interface IngressDropPiece {
  readonly entry: CompiledCryptoEntry;
  readonly line: CompiledAclLine;
  readonly space: readonly HeaderBox[];
}

/** Inbound clear-text space split into what IOS drops (by first mirrored permit line) and passes. */
export function partitionIngressClear(
  config: RouterConfig,
  map: CryptoMap,
  space: HeaderSpace,
): { readonly dropped: readonly IngressDropPiece[]; readonly passed: readonly HeaderBox[] } {
  const compiled = compileCryptoMap(config, map);
  const dropped: IngressDropPiece[] = [];
  // Work in mirrored coordinates: the mirror of a line holds a header iff the line holds its mirror.
  let remaining: HeaderBox[] = space.map(mirrorBox);
  for (const i of compiled.entriesForSpace(remaining)) {
    const ce = compiled.entries[i]!;
    const acl = compileAcl(ce.acl!);
    for (const li of acl.candidates(remaining)) {
      if (remaining.length === 0) break;
      const line = acl.lines[li]!;
      if (line.action !== 'permit') continue;
      const piece: HeaderBox[] = [];
      for (const b of line.boxes)
        for (const r of remaining) {
          const x = intersectBox(r, b);
          if (x) piece.push(mirrorBox(x));
        }
      if (piece.length === 0) continue;
      dropped.push({ entry: ce, line, space: piece });
      remaining = subtractSpaces(remaining, line.boxes);
    }
  }
  return { dropped, passed: remaining.map(mirrorBox) };
}

/** The permit line whose mirror an inbound clear-text packet matches (so IOS drops it), if any. */
export function ingressClearDrop(config: RouterConfig, map: CryptoMap, packet: Packet): EgressOwner | undefined {
  const compiled = compileCryptoMap(config, map);
  const mirrored: Packet = {
    src: packet.dst,
    dst: packet.src,
    proto: packet.proto,
    sport: packet.dport,
    dport: packet.sport,
  };
  // The mirror of a line contains the packet iff the line contains the mirrored packet; the index
  // is over the lines' destinations, i.e. the packet's source.
  for (const i of compiled.entriesForDestination(mirrored.dst)) {
    const ce = compiled.entries[i]!;
    for (const line of compileAcl(ce.acl!).lines) {
      if (line.action === 'permit' && lineMatches(line, mirrored)) return { entry: ce, line };
    }
  }
  return undefined;
}
