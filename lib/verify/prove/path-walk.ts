/**
 * Symbolic packet walk for one ordered site pair: the conversation's packets as header *sets*
 * (source site x destination site x every protocol and port), pushed through routing (longest
 * prefix, `lib/rules/routing.ts`), crypto map selection (`lib/rules/crypto-map.ts`), the step to
 * the entry's peer with its negotiation (`crypto-exit.ts`) and on at the peer, hop by hop, until
 * they are delivered on the destination's LAN. Then the replies walk back from the destination with
 * the SAs the first direction created (`sa-book.ts`): a reply covered by an SA needs no
 * negotiation, otherwise the replying side initiates (the rules are direction-dependent, so this is
 * where INITIATOR_DEPENDENT shows).
 *
 * A failed hop does not end the analysis: the walk goes on as if the hop had worked and marks
 * what it finds further on as `behind`, so one run reports every root cause. What the walk finds
 * it reports as data to the findings catalogue (`findings/catalogue.ts`), which words it.
 */
import type { CryptoMap, InterfaceConfig } from '../../ir/router-config.js';
import { compileAcl, partitionByAcl } from '../../rules/acl.js';
import {
  compileCryptoMap,
  cryptoMapBindings,
  cryptoMapOf,
  partitionEgress,
  partitionIngressClear,
  type CompiledCryptoEntry,
} from '../../rules/crypto-map.js';
import { mirrorBox, subtractSpaces, type HeaderBox } from '../../rules/header-space.js';
import { hasTunnels, isTunnelInterface } from '../../rules/tunnels.js';
import { isDynamicVtiHub } from '../../rules/dvti.js';
import { tunnelExit } from './tunnel-exit.js';
import { forwardingPaths, notInstalledFor, routingTable, type Route, type RoutingTable } from '../../rules/routing.js';
import * as finding from '../findings/catalogue.js';
import type { ProblemInput } from '../findings/problem-book.js';
import { problemInfo } from '../findings/problem-codes.js';
import { undefinedCause, undefinedCryptoMap, type UndefinedObject } from '../findings/undefined-objects.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { PathTrace } from '../trace/path-trace.js';
import type { Problem } from '../types.js';
import { cryptoExit } from './crypto-exit.js';
import { dynamicExit } from './dynamic-exit.js';
import { clearTextEgress, filterConversation, lanIngress } from './filter-checks.js';
import { natAtSource, natInTransit } from './nat-checks.js';
import { SaBook } from './sa-book.js';
import type { BackupPath, Onward, WalkContext, WalkEnv } from './walk-context.js';

export type { Unreachable } from './underlay-reach.js';
export type { WalkEnv } from './walk-context.js';

/** Longest path (in devices) before the walk calls it a loop. */
const MAX_HOPS = 8;

/** Every packet a host of `from` can send to a host of `to`: any protocol, any ports. */
export function pairBox(from: Site, to: Site): HeaderBox {
  return { src: from.range, dst: to.range, proto: [0, 255], sport: [0, 65535], dport: [0, 65535] };
}

/** Walks one ordered pair (both directions) and collects its problems. */
export class PairWalk implements WalkContext {
  /** Problems on this pair, deduplicated by finding (true: only behind an earlier failure). */
  readonly problems = new Map<Problem, boolean>();
  /** True when some error was found. */
  failed = false;
  /** True when the path crosses a device with a relevant line outside the model (never covered). */
  unverified = false;
  /** @internal */
  readonly sas = new SaBook();
  /** @internal */
  readonly reporter = (input: ProblemInput, behind: boolean): void => this.report(input, behind);

  /**
   * @param backup set for the walk of a backup path: its errors become BACKUP_PEER_BROKEN warnings
   * on the entry that lists the backup peer.
   * @param trace records the path (only when a caller asked for it; every hook is optional-chained).
   */
  constructor(
    readonly env: WalkEnv,
    readonly backup?: BackupPath,
    readonly trace?: PathTrace,
  ) {}

  /** Runs the conversation from `from` to `to` and its replies. */
  run(from: Site, to: Site): void {
    this.runForward(from, to);
    this.trace?.replies();
    this.start(to, [mirrorBox(pairBox(from, to))], from);
  }

  /** Runs only the first direction of the conversation (before any reply, so no SA exists yet). */
  runForward(from: Site, to: Site): void {
    this.start(from, [pairBox(from, to)], to);
  }

  /** The conversation leaves hosts of `site`: it enters the device through the LAN interface's inbound list. */
  private start(site: Site, space: readonly HeaderBox[], dest: Site): void {
    const d = site.device;
    this.onward(space, lanIngress(d, space, this.reporter, false), false, (s, b) =>
      this.onward(s, natAtSource(d, s, this.reporter, b), b, (t, c) => this.walk(d, t, dest, 0, c)),
    );
  }

  /**
   * Goes on with what a filter let through, and (as if the filter had not dropped it) with the
   * rest marked `behind`, so problems further on are still found.
   * @internal
   */
  onward(space: readonly HeaderBox[], permitted: readonly HeaderBox[], behind: boolean, go: Onward): void {
    if (permitted === space) return go(space, behind);
    if (permitted.length > 0) go(permitted, behind);
    const dropped = subtractSpaces(space, permitted);
    if (dropped.length > 0) go(dropped, true);
  }

  /** @internal */
  report(input: ProblemInput, behind: boolean): void {
    if (this.backup) {
      // A backup path only warns, on the entry that lists the backup peer, and only of errors.
      if ((input.severity ?? problemInfo(input.code).severity) !== 'error') return;
      input = finding.backupPathBroken({ ...this.backup, found: input });
      behind = false;
    }
    // A rule the proof could not confirm (docs/ios-semantics.md#interface-access-lists) leaves the pair unverified.
    if (input.code === 'NOT_MODELLED') this.unverified = true;
    this.trace?.problem(input, behind);
    const p = this.env.book.add(input);
    this.note(p, behind);
    if (p.severity === 'error') this.failed = true;
  }

  /** A finding seen directly on one path and behind on another counts as direct. */
  private note(p: Problem, behind: boolean): void {
    const prev = this.problems.get(p);
    this.problems.set(p, prev === undefined ? behind : prev && behind);
  }

  /**
   * A device with relevant lines outside the model decides this pair's packets in ways the proof
   * cannot follow: the pair is unverified, and its findings name those lines
   * (docs/ios-semantics.md#line-classification). A backup walk only reports on its backup peer.
   * @internal
   */
  crossUnmodelled(d: ModelDevice, behind: boolean): void {
    if (d.unmodelled.length === 0 || this.backup) return;
    this.unverified = true;
    for (const line of d.unmodelled) this.note(this.env.book.add(finding.notModelled({ device: d, line })), behind);
  }

  /**
   * A device whose crypto interface takes its address at run time is proven with its lease, under
   * the stated assumption that the underlay carries it to its peers (DYNAMIC_ADDRESS_ASSUMED).
   */
  private crossDynamicAddress(d: ModelDevice, behind: boolean): void {
    for (const lease of d.leases ?? []) this.report(finding.dynamicAddressAssumed({ device: d, ...lease }), behind);
  }

  /** @internal */
  expectedNext(d: ModelDevice, dest: Site): ModelDevice | undefined {
    if (d === dest.device) return undefined;
    const hub = this.env.model.hub;
    if (!hub || d === hub || d.role === 'hub') return dest.device;
    return hub;
  }

  /** @internal */
  subWalk(backup: BackupPath): WalkContext {
    return new PairWalk(this.env, backup);
  }

  /** @internal */
  walk(
    d: ModelDevice,
    space: readonly HeaderBox[],
    dest: Site,
    hops: number,
    behind: boolean,
    ingress?: InterfaceConfig,
  ): void {
    if (space.length === 0) return;
    this.trace?.enter(d);
    this.crossUnmodelled(d, behind);
    this.crossDynamicAddress(d, behind);
    if (hops > MAX_HOPS) {
      // Pin the loop to the route that sends the traffic on from here.
      const onward = routingTable(d.config).lookup(dest.range[0]);
      this.report(finding.routingLoop({ device: d, dest, maxHops: MAX_HOPS, onward }), behind);
      return;
    }
    const table = routingTable(d.config);
    for (const box of space) {
      for (const seg of table.partition(box.dst)) {
        const sub: HeaderBox = { ...box, dst: seg.range };
        const route = seg.route;
        this.trace?.at(d);
        if (!route) {
          this.noRoute(d, table, sub, dest, hops, behind);
          continue;
        }
        // Equal-cost paths: the router's hash decides which flows take which, so each must work.
        for (const path of forwardingPaths(route)) this.forwardFrom(d, table, path, sub, dest, hops, behind, ingress);
      }
    }
  }

  /** No route for `sub` at `d`: NO_ROUTE, on the static route meant for it when IOS did not install one. */
  private noRoute(
    d: ModelDevice,
    table: RoutingTable,
    sub: HeaderBox,
    dest: Site,
    hops: number,
    behind: boolean,
  ): void {
    // A missing route has no line of its own: pin it to the route that was not installed, else
    // to the crypto interface it should use.
    const binding = cryptoMapBindings(d.config).find((b) => b.map);
    const meant = notInstalledFor(table, sub.dst)[0];
    // docs/ios-semantics.md#tunnel-interfaces: the route meant for it is into a tunnel that is down.
    if (meant?.reason === 'tunnel-down')
      this.report(
        finding.tunnelDown({ device: d, meant, space: sub, dest, instead: 'has no other route for it' }),
        behind,
      );
    else this.report(finding.noRoute({ device: d, dst: sub.dst, exit: binding?.interface, meant }), behind);
    if (binding?.map) this.egress(d, binding.interface, binding.map, [sub], dest, hops, true);
  }

  /** NAT at a device the space reached from a peer (docs/ios-semantics.md#nat-and-the-order-of-operations), then the route. */
  private forwardFrom(
    d: ModelDevice,
    table: RoutingTable,
    route: Route,
    sub: HeaderBox,
    dest: Site,
    hops: number,
    behind: boolean,
    ingress?: InterfaceConfig,
  ): void {
    const exit =
      route.discard || !ingress ? undefined : d.config.interfaces.find((i) => i.name === route.exitInterface);
    if (!ingress || !exit) return this.forward(d, table, route, sub, dest, hops, behind);
    this.onward([sub], natInTransit(d, ingress, exit, [sub], this.reporter, behind), behind, (s, b) => {
      for (const box of s) this.forward(d, table, route, box, dest, hops, b);
    });
  }

  /** One path of the route for `sub` at `d`: dropped, delivered, or out of a WAN interface. */
  private forward(
    d: ModelDevice,
    table: RoutingTable,
    route: Route,
    sub: HeaderBox,
    dest: Site,
    hops: number,
    behind: boolean,
  ): void {
    const exit = route.discard ? undefined : d.config.interfaces.find((i) => i.name === route.exitInterface);
    if (!exit) {
      // docs/ios-semantics.md#discard-routes: the route holds the prefix and drops what it matches.
      this.report(finding.discardRoute({ device: d, space: sub, route }), behind);
      // Go on as if the traffic had been routed to the crypto interface, to find what lies behind.
      const binding = cryptoMapBindings(d.config).find((b) => b.map);
      if (binding?.map) this.egress(d, binding.interface, binding.map, [sub], dest, hops, true);
    } else if (isTunnelInterface(exit)) tunnelExit(this, d, route, exit, sub, dest, hops, behind);
    else if (!d.wan.has(exit.name)) this.lanExit(d, table, route, exit, sub, dest, behind);
    else this.wanExit(d, route, exit, sub, dest, hops, behind);
  }

  /** Out of a LAN interface: delivered on the destination's device, else routed away from the VPN. */
  private lanExit(
    d: ModelDevice,
    table: RoutingTable,
    route: Route,
    exit: InterfaceConfig,
    sub: HeaderBox,
    dest: Site,
    behind: boolean,
  ): void {
    // Delivered: the destination's own device hands it to a LAN (connected, or a declared site
    // behind a LAN next hop).
    if (d === dest.device) {
      this.trace?.deliver(d, route, sub.dst);
      filterConversation(d, exit, 'out', [sub], 'to-lan', this.reporter, behind);
      return;
    }
    // The route meant for it: more specific than the one used, or for the same prefix with a better distance.
    const meant = notInstalledFor(table, sub.dst).find(
      (r) =>
        r.route.prefix.prefixLength > route.prefix.prefixLength ||
        (r.route.prefix.prefixLength === route.prefix.prefixLength && (r.route.distance ?? 1) < route.distance),
    );
    this.report(finding.routedAway({ device: d, space: sub, exit, route, meant, dest }), behind);
  }

  /** Out of a WAN interface: through its crypto map, or in clear text when it has none. */
  private wanExit(
    d: ModelDevice,
    route: Route,
    exit: InterfaceConfig,
    sub: HeaderBox,
    dest: Site,
    hops: number,
    behind: boolean,
  ): void {
    this.trace?.route(d, route, sub.dst);
    const map = cryptoMapOf(d.config, exit.name);
    if (map) {
      this.egress(d, exit, map, [sub], dest, hops, behind);
      return;
    }
    const defined = d.config.cryptoMaps.find((m) => m.entries.length > 0);
    const undefinedMap = undefinedCryptoMap(d, exit);
    // The interface names a map that does not exist: that line is the root cause.
    const leak = undefinedMap || defined ? undefined : underlayLeak(d, route, exit, sub, dest);
    if (undefinedMap) this.report(finding.undefinedObject(undefinedMap), behind);
    else if (leak) this.report(leak, behind);
    else if (defined) this.report(finding.cryptoMapNotApplied({ device: d, exit, space: sub, defined }), behind);
    else this.report(finding.noCryptoMap({ device: d, space: sub, exit, route }), behind);
    this.clearText(d, [sub], dest, hops);
    // Go on as if the defined map were applied, to find what lies behind.
    if (defined) this.egress(d, exit, defined, [sub], dest, hops, true);
  }

  /** Clear text leaves `d`: the next device drops what its crypto ACLs say should be encrypted. */
  private clearText(d: ModelDevice, space: readonly HeaderBox[], dest: Site, hops: number): void {
    const next = this.expectedNext(d, dest);
    if (!next) return;
    for (const b of cryptoMapBindings(next.config)) {
      if (!b.map) continue;
      for (const piece of partitionIngressClear(next.config, b.map, space).dropped) {
        this.report(
          finding.clearTextDropped({ device: next, from: d, iface: b.interface, space: piece.space, line: piece.line }),
          true,
        );
      }
    }
    this.walk(next, space, dest, hops + 1, true);
  }

  /** Out of `iface` through `map`: what no entry owns leaves in clear text, the rest goes to its entry's peer. */
  private egress(
    d: ModelDevice,
    iface: InterfaceConfig,
    map: CryptoMap,
    space: readonly HeaderBox[],
    dest: Site,
    hops: number,
    behind: boolean,
  ): void {
    this.onward(space, clearTextEgress(d, iface, space, this.reporter, behind), behind, (s, b) => {
      const part = partitionEgress(d.config, map, s);
      // docs/ios-semantics.md#dynamic-crypto-maps: an entry without a list carries only what an SA
      // a peer brought up covers; the rest goes on as if no entry had matched.
      const anyProxy = compileCryptoMap(d.config, map).entries.find(
        (e) => e.status === 'active' && e.dynamic?.anyProxy,
      );
      const clear = anyProxy
        ? dynamicExit(this, { device: d, iface, map, entry: anyProxy }, part.clear, dest, hops, b, false)
        : part.clear;
      if (clear.length > 0) this.notProtected(d, iface, map, clear, dest, hops, b);
      for (const piece of part.owned) {
        if (piece.entry.dynamic)
          dynamicExit(this, { device: d, iface, map, entry: piece.entry }, piece.space, dest, hops, b, true);
        else cryptoExit(this, d, iface, map, piece, dest, hops, b);
      }
    });
  }

  private notProtected(
    d: ModelDevice,
    iface: InterfaceConfig,
    map: CryptoMap,
    clear: readonly HeaderBox[],
    dest: Site,
    hops: number,
    behind: boolean,
  ): void {
    const next = this.expectedNext(d, dest);
    // Pin the problem to the entry that should have protected the traffic: the deny line that
    // took it, or the end of that entry's ACL where a permit line is missing.
    const expected = next ? this.entryTowards(d, map, next) : undefined;
    const incomplete = next && !expected ? this.undefinedTowards(d, map, next) : undefined;
    // An entry for that peer that names a list or transform set that does not exist is the root
    // cause, not a missing permit line.
    // A route-based design leaks what it routes past its tunnels, up or down (docs/ios-semantics.md#tunnel-interfaces).
    const route = incomplete ? undefined : routingTable(d.config).lookup(clear[0]!.dst[0]);
    const leaks = route ? clear.map((box) => underlayLeak(d, route, iface, box, dest)) : [];
    if (leaks.length > 0 && leaks.every((l) => l !== undefined)) for (const l of leaks) this.report(l, behind);
    else
      this.report(
        incomplete
          ? finding.undefinedObject(incomplete)
          : finding.notProtected({ device: d, space: clear, gap: protectionGap(map, expected, clear) }),
        behind,
      );
    this.clearText(d, clear, dest, hops);
  }

  /** The undefined object of an incomplete entry of `map` whose peers include `next`. */
  private undefinedTowards(d: ModelDevice, map: CryptoMap, next: ModelDevice): UndefinedObject | undefined {
    for (const ce of compileCryptoMap(d.config, map).entries) {
      if (!ce.entry.peers.some((p) => this.env.model.owner(p)?.device === next)) continue;
      const cause = undefinedCause(d, map.name, ce);
      if (cause) return cause;
    }
    return undefined;
  }

  private entryTowards(d: ModelDevice, map: CryptoMap, next: ModelDevice): CompiledCryptoEntry | undefined {
    const compiled = compileCryptoMap(d.config, map).entries.filter((e) => e.status === 'active');
    return compiled.find((ce) => ce.entry.peers.some((p) => this.env.model.owner(p)?.device === next));
  }
}

/**
 * On a device with tunnels (a route-based VPN, docs/ios-semantics.md#tunnel-interfaces), site
 * traffic out of a WAN without a crypto map is TUNNEL_DOWN when the route meant for it is into a
 * down tunnel (shut down ones too: a router whose only tunnel is shut has no up tunnel left), else
 * UNDERLAY_LEAK; undefined on a device without tunnels.
 */
function underlayLeak(d: ModelDevice, route: Route, exit: InterfaceConfig, sub: HeaderBox, dest: Site) {
  const meant = notInstalledFor(routingTable(d.config), sub.dst).find((r) => r.reason === 'tunnel-down');
  if (meant)
    return finding.tunnelDown({ device: d, meant, space: sub, dest, instead: `leaves ${exit.name} in clear text` });
  if (!hasTunnels(d.config)) return undefined;
  // docs/ios-semantics.md#dynamic-vti: lines outside the model (IKEv2 routing, routing protocols,
  // reverse route injection) may give a virtual-access the route, so the leak is not certain.
  const dvti = isDynamicVtiHub(d.config) ? (d.unmodelled.length > 0 ? 'routes-not-modelled' : 'no-route') : undefined;
  return finding.underlayLeak({ device: d, space: sub, exit, route, dest, ...(dvti ? { dynamicVti: dvti } : {}) });
}

/** Why the map leaves `clear` in clear text, given the active entry meant for the next device (if any). */
function protectionGap(
  map: CryptoMap,
  expected: CompiledCryptoEntry | undefined,
  clear: readonly HeaderBox[],
): finding.ProtectionGap {
  // Without an entry for that peer, the map itself is where a permitting entry is missing.
  if (!expected?.acl) return { kind: 'no-entry', map };
  const acl = expected.acl;
  const deny = partitionByAcl(acl, clear).pieces.find((p) => p.line.action === 'deny');
  if (deny) return { kind: 'denied', map, entry: expected, acl: acl.name, deny: deny.line };
  const lines = compileAcl(acl).lines;
  return { kind: 'no-permit', map, entry: expected, acl: acl.name, last: lines[lines.length - 1] };
}
