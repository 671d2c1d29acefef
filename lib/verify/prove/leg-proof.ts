/**
 * A fast, sufficient proof for hub-and-spoke networks: it proves most ordered site pairs covered
 * without walking each pair, so a hub with thousands of spokes is proven in time linear in the
 * configs instead of quadratic in the sites. Pairs it cannot prove are handed to `PairWalk`, which
 * decides them exactly and explains every problem; the two never disagree on a pair this proof
 * accepts (a differential test checks it).
 *
 * Why it is sound: on the paths `PairWalk` accepts, the fate of every header is decided header by
 * header (longest-prefix routing, first-match crypto ACLs, a negotiation per ACL line), so the
 * walks can be done once over large regions and intersected later. The pair walk of (a, b) is the
 * forward walk a -> b and the reply walk b -> a; the reply walk is the forward walk of (b, a)
 * except that an SA built by the first direction may spare it a negotiation. So (a, b) is covered
 * if both forward walks succeed with every negotiation succeeding, which is what this proves:
 * - leg: from each site `a` on a spoke, the region a x (every site address) is routed and partitioned by
 *   the spoke's crypto map; each piece that goes, whole in source, protocol and ports, to the hub
 *   through an entry with a single peer that is reachable, answers with a crypto map, and
 *   negotiates, adds its destinations to `leg[a]`;
 * - transit: for each site `b`, the region (every site address) x b at the hub, or at `b`'s own device
 *   when that is the hub (delivered on a connected LAN), gives the sources `transit[b]` whose
 *   traffic reaches `b`'s device the same way and is delivered there on the LAN.
 * Then forward(a -> b) holds when a is on the hub or leg[a] contains b, and transit[b] contains a.
 * Anything else (backup peers, spoke-to-spoke tunnels, several hubs, partial pieces) is left to
 * the pair walk, and so is every pair through a device whose packets meet rules this proof does
 * not implement (interface access lists, NAT, tunnel interfaces): it declines them rather than
 * implement them twice.
 */
import { hasTunnels } from '../../rules/tunnels.js';
import type { CryptoMap, CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import { compileAcl } from '../../rules/acl.js';
import { compileCryptoMap, cryptoMapOf, partitionEgress } from '../../rules/crypto-map.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import { FULL_ADDRESS, FULL_PORT, FULL_PROTOCOL, type HeaderBox, type Interval } from '../../rules/header-space.js';
import { mergeIntervalsInPlace } from '../../rules/intervals.js';
import { hasInterfaceFilters } from '../../rules/interface-acl.js';
import { hasNat } from '../../rules/nat.js';
import { hasDynamicEntries } from '../../rules/dynamic-map.js';
import { routingTable } from '../../rules/routing.js';
import type { Negotiator } from './negotiation.js';
import { underlayProblem } from './underlay-reach.js';
import type { ModelDevice, NetworkModel, Site } from '../model/network-model.js';

/** Where an entry's traffic goes when every line-independent check passed. */
interface Target {
  readonly p: ModelDevice;
  readonly peer: string;
  readonly peerMap: CryptoMap;
}

/** A WAN exit with a crypto map: the interface, its map and its address. */
interface Exit {
  readonly exit: InterfaceConfig;
  readonly map: CryptoMap;
  readonly local: string;
}

/** Above this many crypto ACL lines on a spoke, its leg is walked this many sites at a time. */
const SPLIT_LINES = 32;

/** Sorted, disjoint, non-adjacent intervals. */
type IntervalSet = Interval[];

/** A set plus the ranges of a device's own sites, coalesced. */
function withSitesOf(d: ModelDevice, set: IntervalSet | undefined): IntervalSet {
  const all: Interval[] = set ? set.slice() : [];
  for (let i = 0; i < d.sites.length; i += 1) all.push(d.sites[i]!.range);
  return mergeIntervalsInPlace(all);
}

/** True when `set` contains the whole interval. */
function containsInterval(set: IntervalSet, [lo, hi]: Interval): boolean {
  let left = 0;
  let right = set.length - 1;
  while (left <= right) {
    const mid = (left + right) >> 1;
    const iv = set[mid]!;
    if (iv[1] < lo) left = mid + 1;
    else if (iv[0] > lo) right = mid - 1;
    else return iv[1] >= hi;
  }
  return false;
}

function isFull(iv: Interval, full: Interval): boolean {
  return iv[0] === full[0] && iv[1] === full[1];
}

/** A piece that keeps every protocol and port (what a site pair's box needs). */
function wholeInProtocol(box: HeaderBox): boolean {
  return isFull(box.proto, FULL_PROTOCOL) && isFull(box.sport, FULL_PORT) && isFull(box.dport, FULL_PORT);
}

/**
 * The union of all site ranges, with prefix sums of interval sizes, so "does this set contain
 * every site?" costs a few binary searches instead of a pass over thousands of sites.
 */
class SiteCover {
  /** The union of the site ranges, coalesced. */
  readonly set: IntervalSet;
  /** prefix[i] = addresses in set[0..i-1]. */
  private readonly prefix: number[] = [0];

  constructor(ranges: readonly Interval[]) {
    this.set = mergeIntervalsInPlace([...ranges]);
    for (const [lo, hi] of this.set) this.prefix.push(this.prefix[this.prefix.length - 1]! + (hi - lo + 1));
  }

  /** Addresses of the union that are <= x. */
  private upTo(x: number): number {
    let left = 0;
    let right = this.set.length;
    while (left < right) {
      const mid = (left + right) >> 1;
      if (this.set[mid]![0] <= x) left = mid + 1;
      else right = mid;
    }
    if (left === 0) return 0;
    const [lo, hi] = this.set[left - 1]!;
    return this.prefix[left - 1]! + (Math.min(hi, x) - lo + 1);
  }

  /** True when `cover` (coalesced) contains every address of every site. */
  coveredBy(cover: IntervalSet): boolean {
    let inside = 0;
    for (let i = 0; i < cover.length; i += 1) inside += this.upTo(cover[i]![1]) - this.upTo(cover[i]![0] - 1);
    return inside === this.prefix[this.prefix.length - 1];
  }
}

/** True when the device uses a rule only the pair walk implements (tunnels: docs/ios-semantics.md#tunnel-interfaces). */
function declines(d: ModelDevice): boolean {
  // Dynamic entries and leased addresses carry conditions and assumptions only the walk states.
  return (
    hasInterfaceFilters(d.config) ||
    hasNat(d.config) ||
    hasTunnels(d.config) ||
    hasDynamicEntries(d.config) ||
    d.leases !== undefined
  );
}

/** The proof's verdicts per site; ask `proves(a, b)`. */
export class LegProof {
  private readonly leg = new Map<Site, IntervalSet>();
  /** Devices whose pairs are left to the pair walk. */
  private readonly declined = new Set<ModelDevice>();
  private readonly transit = new Map<Site, IntervalSet>();
  private readonly hub: ModelDevice | undefined;
  private readonly sites: SiteCover;
  /** Per device (by index) and exit interface: the interface, its crypto map and its address. */
  private readonly exits: (Map<string, Exit | null> | undefined)[] = [];
  /** Underlay verdicts per local interface and peer address (the peer names its device and interface). */
  private readonly reachability = new Map<InterfaceConfig, Map<string, boolean>>();
  private readonly lineCounts = new Map<ModelDevice, number>();
  /** Per entry: its target through each exit interface it was asked for (usually one). */
  private readonly targets = new Map<CryptoMapEntry, { readonly exit: string; readonly target: Target | null }[]>();

  constructor(
    private readonly model: NetworkModel,
    private readonly negotiator: Negotiator,
  ) {
    const hubs = model.devices.filter((d) => d.role === 'hub');
    // Devices with relevant lines outside the model are declined: their pairs are unverified, and
    // only the pair walk says so (docs/ios-semantics.md#line-classification).
    for (const d of model.devices) if (declines(d)) this.declined.add(d);
    this.hub =
      hubs.length === 1 && hubs[0]!.unmodelled.length === 0 && !this.declined.has(hubs[0]!) ? hubs[0] : undefined;
    this.sites = new SiteCover(model.sites.map((s) => s.range));
    if (!this.hub) return;
    for (let i = 0; i < model.sites.length; i += 1) {
      const s = model.sites[i]!;
      if (s.device !== this.hub) this.leg.set(s, this.legOf(s));
      this.transit.set(s, this.transitOf(s));
    }
  }

  /** True when the ordered pair (a, b) on different devices is proven covered. */
  proves(a: Site, b: Site): boolean {
    if (!this.hub || this.declined.has(a.device) || this.declined.has(b.device)) return false;
    if (a.device !== this.hub && !containsInterval(this.leg.get(a) ?? [], b.range)) return false;
    if (b.device !== this.hub && !containsInterval(this.leg.get(b) ?? [], a.range)) return false;
    return containsInterval(this.transit.get(b) ?? [], a.range) && containsInterval(this.transit.get(a) ?? [], b.range);
  }

  /**
   * True when `a`'s side of every pair with a site of another device is proven: then (a, b) is
   * proven whenever `provesAll(b)` holds too. Logarithmic in the number of sites per interval.
   */
  provesAll(a: Site): boolean {
    if (!this.hub || this.declined.has(a.device)) return false;
    if (a.device !== this.hub && !this.sites.coveredBy(withSitesOf(a.device, this.leg.get(a)))) return false;
    return this.sites.coveredBy(withSitesOf(a.device, this.transit.get(a)));
  }

  /**
   * Destinations (among the sites' addresses: nothing else is ever asked) that all of site `a`
   * reaches the hub for.
   */
  private legOf(a: Site): IntervalSet {
    const d = a.device;
    if (d.unmodelled.length > 0) return [];
    const box = (dst: Interval): HeaderBox => ({
      src: a.range,
      dst,
      proto: FULL_PROTOCOL,
      sport: FULL_PORT,
      dport: FULL_PORT,
    });
    // A long crypto ACL (one line per site, exact mode) would cut one big region into as many
    // fragments as it has lines, each compared with every line: ask for a few sites at a time
    // instead, so the ACL's destination index finds their lines and the fragments stay few.
    const groups: HeaderBox[][] = [];
    if (this.permitLines(d) > SPLIT_LINES) {
      const others = this.model.sites.filter((s) => s.device !== d).map((s) => box(s.range));
      for (let i = 0; i < others.length; i += SPLIT_LINES) groups.push(others.slice(i, i + SPLIT_LINES));
    } else {
      groups.push(this.sites.set.map(box));
    }
    const ok: Interval[] = [];
    for (let g = 0; g < groups.length; g += 1) {
      const pieces = this.egressPieces(d, groups[g]!);
      for (let p = 0; p < pieces.length; p += 1) {
        const piece = pieces[p]!;
        if (piece.to !== this.hub || d === this.hub) continue;
        for (let k = 0; k < piece.space.length; k += 1) {
          const b = piece.space[k]!;
          if (b.src[0] <= a.range[0] && b.src[1] >= a.range[1] && wholeInProtocol(b)) ok.push(b.dst);
        }
      }
    }
    return mergeIntervalsInPlace(ok);
  }

  /** Permit lines over the active entries of a device's crypto maps. */
  private permitLines(d: ModelDevice): number {
    let n = this.lineCounts.get(d);
    if (n === undefined) {
      n = 0;
      for (const map of d.config.cryptoMaps) {
        for (const ce of compileCryptoMap(d.config, map).entries) {
          if (ce.status === 'active' && ce.acl) n += compileAcl(ce.acl).lines.length;
        }
      }
      this.lineCounts.set(d, n);
    }
    return n;
  }

  /** Sources whose traffic to all of site `b` reaches `b`'s device and is delivered on its LAN. */
  private transitOf(b: Site): IntervalSet {
    const hub = this.hub!;
    if (b.device.unmodelled.length > 0) return [];
    if (b.device === hub) return this.delivered(hub, b.range) ? [FULL_ADDRESS] : [];
    const boxes = this.sites.set.map((src): HeaderBox => ({
      src,
      dst: b.range,
      proto: FULL_PROTOCOL,
      sport: FULL_PORT,
      dport: FULL_PORT,
    }));
    if (!this.delivered(b.device, b.range)) return [];
    const ok: Interval[] = [];
    const pieces = this.egressPieces(hub, boxes);
    for (let p = 0; p < pieces.length; p += 1) {
      const piece = pieces[p]!;
      if (piece.to !== b.device) continue;
      for (let k = 0; k < piece.space.length; k += 1) {
        const x = piece.space[k]!;
        if (x.dst[0] <= b.range[0] && x.dst[1] >= b.range[1] && wholeInProtocol(x)) ok.push(x.src);
      }
    }
    return mergeIntervalsInPlace(ok);
  }

  /** True when `d` routes every address of `range` to a connected LAN that holds one of its sites. */
  private delivered(d: ModelDevice, range: Interval): boolean {
    const inSite = d.sites.some((s) => s.range[0] <= range[0] && s.range[1] >= range[1]);
    if (!inSite) return false;
    for (const seg of routingTable(d.config).partition(range)) {
      const route = seg.route;
      if (!route || route.source !== 'connected' || d.wan.has(route.exitInterface)) return false;
    }
    return true;
  }

  /**
   * Pieces of `boxes` that leave `d` encrypted towards a device with every check of the pair walk
   * passed: a route out of a WAN interface with a crypto map, an owning entry with exactly one
   * peer that some device owns, underlay reachability both ways, a crypto map on the peer's
   * interface, and a successful negotiation.
   */
  private egressPieces(
    d: ModelDevice,
    boxes: readonly HeaderBox[],
  ): { to: ModelDevice; space: readonly HeaderBox[] }[] {
    // Pieces by exit interface, in order of first appearance (a device has one or two WANs).
    const exitNames: string[] = [];
    const spaces: HeaderBox[][] = [];
    const table = routingTable(d.config);
    for (let b = 0; b < boxes.length; b += 1) {
      const box = boxes[b]!;
      const segments = table.partition(box.dst);
      for (let g = 0; g < segments.length; g += 1) {
        const seg = segments[g]!;
        const route = seg.route;
        // Discard routes and equal-cost paths are left to the pair walk, which reports and follows them.
        if (!route || route.discard !== undefined || route.equalCost !== undefined || !d.wan.has(route.exitInterface))
          continue;
        const sub = { src: box.src, dst: seg.range, proto: box.proto, sport: box.sport, dport: box.dport };
        const k = exitNames.indexOf(route.exitInterface);
        if (k >= 0) spaces[k]!.push(sub);
        else {
          exitNames.push(route.exitInterface);
          spaces.push([sub]);
        }
      }
    }
    const out: { to: ModelDevice; space: readonly HeaderBox[] }[] = [];
    for (let k = 0; k < exitNames.length; k += 1) {
      const name = exitNames[k]!;
      const exit = this.exitOf(d, name);
      if (!exit) continue;
      const owned = partitionEgress(d.config, exit.map, spaces[k]!).owned;
      for (let p = 0; p < owned.length; p += 1) {
        const piece = owned[p]!;
        const target = this.targetOf(d, name, exit, piece.entry.entry);
        if (!target) continue;
        const outcome = this.negotiator.negotiate({
          initiator: d,
          entry: piece.entry,
          line: piece.line,
          initiatorAddress: exit.local,
          peerAddress: target.peer,
          responder: target.p,
          responderMap: target.peerMap,
        });
        // A negotiation proven under an assumption is left to the pair walk, which reports it on the pair.
        if (outcome.ok && outcome.assumptions.length === 0) out.push({ to: target.p, space: piece.space });
      }
    }
    return out;
  }

  /**
   * The checks of an entry that do not depend on the ACL line, once per entry and exit: a single
   * peer owned by some device, the next-hop rule, the peer's crypto map and underlay reachability.
   */
  private targetOf(d: ModelDevice, exitName: string, out: Exit, entry: CryptoMapEntry): Target | undefined {
    let perExit = this.targets.get(entry);
    if (!perExit) this.targets.set(entry, (perExit = []));
    const known = perExit.find((x) => x.exit === exitName);
    if (known) return known.target ?? undefined;
    let target: Target | null = null;
    const peer = entry.peers.length === 1 ? entry.peers[0]! : undefined;
    const owner = peer === undefined ? undefined : this.model.owner(peer, out.local);
    const p = owner?.device;
    // The pair walk's next-hop rule: a spoke sends to the hub, the hub to the destination's device.
    // A NAT between the two (docs/ios-semantics.md#nat-traversal) is left to the pair walk.
    const natted = owner?.nat !== undefined || this.model.natOf(d, out.local) !== undefined;
    if (peer !== undefined && owner && p && !natted && (d.role === 'hub' ? p.role !== 'hub' : p.role === 'hub')) {
      const peerMap = cryptoMapOf(p.config, owner.interface.name);
      if (peerMap && this.reachable(d, out.exit, peer, p, owner.interface)) target = { p, peer, peerMap };
    }
    perExit.push({ exit: exitName, target });
    return target ?? undefined;
  }

  private exitOf(d: ModelDevice, name: string): Exit | undefined {
    let perDevice = this.exits[d.index];
    if (!perDevice) this.exits[d.index] = perDevice = new Map();
    let out = perDevice.get(name);
    if (out === undefined) {
      const exit = d.config.interfaces.find((i) => i.name === name);
      const map = exit ? cryptoMapOf(d.config, exit.name) : undefined;
      const local = exit ? cryptoLocalAddress(d.config, exit) : undefined;
      out = exit && map && local ? { exit, map, local } : null;
      perDevice.set(name, out);
    }
    return out ?? undefined;
  }

  /** The pair walk's underlay rule (`underlay-reach.ts`), cached per local interface and peer address. */
  private reachable(
    d: ModelDevice,
    iface: InterfaceConfig,
    peer: string,
    p: ModelDevice,
    pIface: InterfaceConfig,
  ): boolean {
    let perPeer = this.reachability.get(iface);
    if (!perPeer) this.reachability.set(iface, (perPeer = new Map()));
    let ok = perPeer.get(peer);
    if (ok === undefined)
      perPeer.set(peer, (ok = underlayProblem(this.model, d, iface, peer, p, pIface) === undefined));
    return ok;
  }
}
