/**
 * Symbolic packet walk for one ordered site pair: the conversation's packets as header *sets*
 * (source site x destination site x every protocol and port), pushed through routing (longest
 * prefix, `lib/rules/routing.ts`), crypto map selection (`lib/rules/crypto-map.ts`), negotiation
 * (`negotiation.ts`) and on at the peer, hop by hop, until they are delivered on the destination's
 * LAN. Then the replies walk back from the destination with the SAs the first direction created:
 * a reply covered by an SA needs no negotiation, otherwise the replying side initiates (the rules
 * are direction-dependent, so this is where INITIATOR_DEPENDENT shows).
 *
 * A failed hop does not end the analysis: the walk goes on as if the hop had worked and marks
 * what it finds further on as `behind`, so one run reports every root cause.
 */
import type { CryptoMap, InterfaceConfig, SourceLocation } from '../../ir/router-config.js';
import { compileAcl, partitionByAcl } from '../../rules/acl.js';
import {
  compileCryptoMap,
  cryptoMapBindings,
  cryptoMapOf,
  partitionEgress,
  partitionIngressClear,
  type CompiledCryptoEntry,
  type EgressPiece,
} from '../../rules/crypto-map.js';
import { intersectBox, mirrorBox, subtractSpaces, type HeaderBox } from '../../rules/header-space.js';
import { forwardingPaths, notInstalledFor, routePrefixText, routingTable, type Route, type RoutingTable } from '../../rules/routing.js';
import { at, lineRef, regionText } from '../findings/describe.js';
import { aboutSubject, destinationSubject, regionSubject, towardsSubject } from '../findings/finding-subject.js';
import { discardText, notInstalledText } from '../findings/route-text.js';
import type { NegotiationRequest, Negotiator } from './negotiation.js';
import type { ModelDevice, NetworkModel, Site } from '../model/network-model.js';
import type { ProblemBook, ProblemInput } from '../findings/problem-book.js';
import { underlayProblem, type Unreachable } from './underlay-reach.js';
import { entriesNaming } from './peer-naming.js';
import { clearTextEgress, decryptedIngress, filterConversation, lanIngress, tunnelBlocked } from './filter-checks.js';
import { natAtSource, natInTransit } from './nat-checks.js';
import type { PathTrace } from '../trace/path-trace.js';
import type { PeerChooser } from './peer-choice.js';
import { undefinedCause, undefinedCryptoMap, type UndefinedObject } from '../findings/undefined-objects.js';
import { problemInfo } from '../findings/problem-codes.js';
import * as finding from '../findings/catalogue.js';
import { silenceText, unreachableText } from '../findings/peer-text.js';
import type { Problem } from '../types.js';
import { appendAll } from '../../ir/collections.js';

export type { Unreachable } from './underlay-reach.js';

/** Longest path (in devices) before the walk calls it a loop. */
const MAX_HOPS = 8;

/** A phase 2 SA pair between two devices, with its proxies as seen from `a`. */
interface Sa {
  readonly a: ModelDevice;
  readonly b: ModelDevice;
  readonly space: readonly HeaderBox[];
  /** The negotiation that built it (`a` initiated). */
  readonly request: NegotiationRequest;
}

/** The backup path a sub-walk proves. */
interface BackupPath {
  /** The device whose entry lists the backup peer. */
  readonly device: ModelDevice;
  /** Line of that entry. */
  readonly line: number;
  readonly peer: string;
  readonly entryText: string;
}

/** Shared state of the proof. */
export interface WalkEnv {
  readonly model: NetworkModel;
  readonly negotiator: Negotiator;
  /** `set peer` failover (docs/ios-semantics.md#peers). */
  readonly peers: PeerChooser;
  readonly book: ProblemBook;
  /** Cache of underlay checks (undefined = reachable), shared across pairs. */
  readonly reachability: Map<string, Unreachable | undefined>;
}

/** Every packet a host of `from` can send to a host of `to`: any protocol, any ports. */
export function pairBox(from: Site, to: Site): HeaderBox {
  return { src: from.range, dst: to.range, proto: [0, 255], sport: [0, 65535], dport: [0, 65535] };
}

function lineOf(loc: SourceLocation | undefined): number {
  return loc?.line ?? 0;
}

/** Walks one ordered pair (both directions) and collects its problems. */
export class PairWalk {
  /** Problems on this pair, deduplicated by finding. */
  readonly problems = new Map<Problem, boolean>();
  /** True when some error was found. */
  failed = false;
  /** True when the path crosses a device with a relevant line outside the model (never covered). */
  unverified = false;
  private readonly sas: Sa[] = [];

  /**
   * @param backup set for the walk of a backup path: its errors become BACKUP_PEER_BROKEN warnings
   * on the entry that lists the backup peer.
   * @param trace records the path (only when a caller asked for it; every hook is optional-chained).
   */
  constructor(
    private readonly env: WalkEnv,
    private readonly backup?: BackupPath,
    private readonly trace?: PathTrace,
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
      this.onward(s, natAtSource(d, s, this.reporter, b), b, (t, c) => this.walk(d, t, dest, 0, c)));
  }

  private readonly reporter = (input: ProblemInput, behind: boolean): void => this.report(input, behind);

  /**
   * Goes on with what a filter let through, and (as if the filter had not dropped it) with the
   * rest marked `behind`, so problems further on are still found.
   */
  private onward(
    space: readonly HeaderBox[], permitted: readonly HeaderBox[], behind: boolean, go: (space: readonly HeaderBox[], behind: boolean) => void,
  ): void {
    if (permitted === space) return go(space, behind);
    if (permitted.length > 0) go(permitted, behind);
    const dropped = subtractSpaces(space, permitted);
    if (dropped.length > 0) go(dropped, true);
  }

  private report(input: ProblemInput, behind: boolean): void {
    if (this.backup) {
      if ((input.severity ?? problemInfo(input.code).severity) !== 'error') return;
      const b = this.backup;
      input = {
        code: 'BACKUP_PEER_BROKEN', device: b.device.hostname, file: b.device.file, line: b.line,
        message: `backup peer ${b.peer} of ${b.entryText} would not carry the traffic further on: ${input.code} on ${input.device} at ${at(input.file, input.line > 0 ? { file: input.file, line: input.line } : undefined)} (${input.message})`,
        hintValues: { peer: b.peer },
        dedupe: `${b.peer}|${input.code}|${input.device}|${input.line}`,
      };
      behind = false;
    }
    // A rule the proof could not confirm (docs/ios-semantics.md#interface-access-lists) leaves the pair unverified.
    if (input.code === 'NOT_MODELLED') this.unverified = true;
    this.trace?.problem(input, behind);
    const p = this.env.book.add(input);
    const prev = this.problems.get(p);
    // A finding seen directly on one path and behind on another counts as direct.
    this.problems.set(p, prev === undefined ? behind : prev && behind);
    if (p.severity === 'error') this.failed = true;
  }

  /**
   * A device with relevant lines outside the model decides this pair's packets in ways the proof
   * cannot follow: the pair is unverified, and its findings name those lines
   * (docs/ios-semantics.md#line-classification). A backup walk only reports on its backup peer.
   */
  private crossUnmodelled(d: ModelDevice, behind: boolean): void {
    if (d.unmodelled.length === 0 || this.backup) return;
    this.unverified = true;
    for (const line of d.unmodelled) {
      const p = this.env.book.add(finding.notModelled({ device: d, line }));
      const prev = this.problems.get(p);
      this.problems.set(p, prev === undefined ? behind : prev && behind);
    }
  }

  private expectedNext(d: ModelDevice, dest: Site): ModelDevice | undefined {
    if (d === dest.device) return undefined;
    const hub = this.env.model.hub;
    if (!hub || d === hub || d.role === 'hub') return dest.device;
    return hub;
  }

  /** @param ingress the crypto interface the space was decrypted on, when it comes from a peer. */
  private walk(d: ModelDevice, space: readonly HeaderBox[], dest: Site, hops: number, behind: boolean, ingress?: InterfaceConfig): void {
    if (space.length === 0) return;
    this.trace?.enter(d);
    this.crossUnmodelled(d, behind);
    if (hops > MAX_HOPS) {
      // Pin the loop to the route that sends the traffic on from here.
      const onward = routingTable(d.config).lookup(dest.range[0]);
      this.report({
        code: 'NO_ROUTE', device: d.hostname, file: d.file, line: lineOf(onward?.loc),
        ...aboutSubject('traffic to ', destinationSubject(dest.range), ` loops (more than ${MAX_HOPS} hops), last at ${d.hostname}`),
        hintValues: { device: d.hostname },
      }, behind);
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
  private noRoute(d: ModelDevice, table: RoutingTable, sub: HeaderBox, dest: Site, hops: number, behind: boolean): void {
    // A missing route has no line of its own: pin it to the route that was not installed, else
    // to the crypto interface it should use.
    const binding = cryptoMapBindings(d.config).find((b) => b.map);
    const meant = notInstalledFor(table, sub.dst)[0];
    const why = meant ? `; ${notInstalledText(d, meant)}` : '';
    this.report({
      code: 'NO_ROUTE', device: d.hostname, file: d.file, line: meant ? lineOf(meant.route.loc) : lineOf(binding?.interface.loc),
      ...aboutSubject(`${d.hostname} has no route to `, destinationSubject(sub.dst), `${binding ? ` (it should leave through ${binding.interface.name})` : ''}${why}`),
      hintValues: { device: d.hostname },
    }, behind);
    if (binding?.map) this.egress(d, binding.interface, binding.map, [sub], dest, hops, true);
  }

  /** NAT at a device the space reached from a peer (docs/ios-semantics.md#nat-and-the-order-of-operations), then the route. */
  private forwardFrom(
    d: ModelDevice, table: RoutingTable, route: Route, sub: HeaderBox, dest: Site, hops: number, behind: boolean, ingress?: InterfaceConfig,
  ): void {
    const exit = route.discard || !ingress ? undefined : d.config.interfaces.find((i) => i.name === route.exitInterface);
    if (!exit) return this.forward(d, table, route, sub, dest, hops, behind);
    this.onward([sub], natInTransit(d, ingress!, exit, [sub], this.reporter, behind), behind, (s, b) => {
      for (const box of s) this.forward(d, table, route, box, dest, hops, b);
    });
  }

  /** One path of the route for `sub` at `d`: dropped, delivered, or out of a WAN interface. */
  private forward(d: ModelDevice, table: RoutingTable, route: Route, sub: HeaderBox, dest: Site, hops: number, behind: boolean): void {
    const exit = route.discard ? undefined : d.config.interfaces.find((i) => i.name === route.exitInterface);
    if (!exit) {
      // docs/ios-semantics.md#discard-routes: the route holds the prefix and drops what it matches.
      this.report({
        code: 'DISCARD_ROUTE', device: d.hostname, file: d.file, line: lineOf(route.loc),
        ...aboutSubject(`${d.hostname} drops `, regionSubject([sub]), `: ${discardText(route)}`),
        hintValues: { device: d.hostname, route: routePrefixText(route) },
        dedupe: routePrefixText(route),
      }, behind);
      // Go on as if the traffic had been routed to the crypto interface, to find what lies behind.
      const binding = cryptoMapBindings(d.config).find((b) => b.map);
      if (binding?.map) this.egress(d, binding.interface, binding.map, [sub], dest, hops, true);
      return;
    }
    if (!d.wan.has(exit.name)) {
      // Delivered: the destination's own device hands it to a LAN (connected, or a declared
      // site behind a LAN next hop).
      if (d === dest.device) {
        this.trace?.deliver(d, route, sub.dst);
        filterConversation(d, exit, 'out', [sub], 'to-lan', this.reporter, behind);
        return;
      }
      // The route meant for it: more specific than the one used, or for the same prefix with a better distance.
      const meant = notInstalledFor(table, sub.dst).find((r) => r.route.prefix.prefixLength > route.prefix.prefixLength
        || (r.route.prefix.prefixLength === route.prefix.prefixLength && (r.route.distance ?? 1) < route.distance));
      this.report({
        code: 'NO_ROUTE', device: d.hostname, file: d.file, line: lineOf(meant?.route.loc ?? route.loc),
        ...aboutSubject(`${d.hostname} routes `, towardsSubject([sub], { hostname: dest.device.hostname, network: dest.network, range: dest.range }),
          ` out of LAN interface ${exit.name}${meant ? `; ${notInstalledText(d, meant)}` : ''}`),
        hintValues: { device: d.hostname },
        dedupe: exit.name,
      }, behind);
      return;
    }
    this.trace?.route(d, route, sub.dst);
    const map = cryptoMapOf(d.config, exit.name);
    if (map) {
      this.egress(d, exit, map, [sub], dest, hops, behind);
      return;
    }
    const defined = d.config.cryptoMaps.find((m) => m.entries.length > 0);
    const undefinedMap = undefinedCryptoMap(d, exit);
    if (undefinedMap) {
      // The interface names a map that does not exist: that line is the root cause.
      this.report(finding.undefinedObject(undefinedMap), behind);
      this.clearText(d, [sub], dest, hops);
      if (defined) this.egress(d, exit, defined, [sub], dest, hops, true);
      return;
    }
    if (defined) {
      this.report({
        code: 'CRYPTO_MAP_NOT_APPLIED', device: d.hostname, file: d.file, line: lineOf(exit.loc),
        message: `WAN interface ${exit.name} of ${d.hostname} carries no crypto map, so ${regionText([sub])} leaves in clear text (map ${defined.name} is defined)`,
        hintValues: { interface: exit.name, map: defined.name },
      }, behind);
      this.clearText(d, [sub], dest, hops);
      this.egress(d, exit, defined, [sub], dest, hops, true);
      return;
    }
    this.report({
      code: 'NOT_PROTECTED', device: d.hostname, file: d.file, line: lineOf(route.loc),
      ...aboutSubject(`${d.hostname} sends `, regionSubject([sub]), ` out of WAN interface ${exit.name} in clear text: no crypto map is applied`),
      hintValues: { device: d.hostname },
    }, behind);
    this.clearText(d, [sub], dest, hops);
  }

  /** Clear text leaves `d`: the next device drops what its crypto ACLs say should be encrypted. */
  private clearText(d: ModelDevice, space: readonly HeaderBox[], dest: Site, hops: number): void {
    const next = this.expectedNext(d, dest);
    if (!next) return;
    for (const b of cryptoMapBindings(next.config)) {
      if (!b.map) continue;
      for (const piece of partitionIngressClear(next.config, b.map, space).dropped) {
        this.report({
          code: 'CLEAR_TEXT_DROPPED', device: next.hostname, file: next.file, line: lineOf(piece.line.rule.loc),
          message: `${next.hostname} drops clear-text ${regionText(piece.space)} from ${d.hostname} on ${b.interface.name}: it matches the mirror of ${lineRef(next.file, piece.line)}`,
          hintValues: { device: next.hostname },
        }, true);
      }
    }
    this.walk(next, space, dest, hops + 1, true);
  }

  private egress(
    d: ModelDevice, iface: InterfaceConfig, map: CryptoMap, space: readonly HeaderBox[], dest: Site, hops: number, behind: boolean,
  ): void {
    this.onward(space, clearTextEgress(d, iface, space, this.reporter, behind), behind, (s, b) => {
      const part = partitionEgress(d.config, map, s);
      if (part.clear.length > 0) this.notProtected(d, map, part.clear, dest, hops, b);
      for (const piece of part.owned) this.segment(d, iface, map, piece, dest, hops, b);
    });
  }

  private notProtected(d: ModelDevice, map: CryptoMap, clear: readonly HeaderBox[], dest: Site, hops: number, behind: boolean): void {
    const next = this.expectedNext(d, dest);
    // Pin the problem to the entry that should have protected the traffic: the deny line that
    // took it, or the end of that entry's ACL where a permit line is missing.
    const expected = next ? this.entryTowards(d, map, next) : undefined;
    const incomplete = next && !expected ? this.undefinedTowards(d, map, next) : undefined;
    if (incomplete) {
      // The entry for that peer names a list or transform set that does not exist: that is the
      // root cause, not a missing permit line.
      this.report(finding.undefinedObject(incomplete), behind);
      this.clearText(d, clear, dest, hops);
      return;
    }
    // Without an entry for that peer, the map itself is where a permitting entry is missing.
    let line = lineOf(map.loc ?? map.entries[0]?.loc);
    let why = `no entry of crypto map ${map.name} permits it`;
    if (expected?.acl) {
      const deny = partitionByAcl(expected.acl, clear).pieces.find((p) => p.line.action === 'deny');
      if (deny) {
        line = lineOf(deny.line.rule.loc);
        why = `${lineRef(d.file, deny.line)} denies it in ACL ${expected.acl.name} of entry ${map.name} ${expected.entry.seq}`;
      } else {
        const lines = compileAcl(expected.acl).lines;
        line = lineOf(lines[lines.length - 1]?.rule.loc ?? expected.entry.loc);
        why = `ACL ${expected.acl.name} of entry ${map.name} ${expected.entry.seq} (peer ${expected.entry.peers[0]}) has no permit line for it`;
      }
    }
    this.report({
      code: 'NOT_PROTECTED', device: d.hostname, file: d.file, line,
      ...aboutSubject(`${d.hostname} would send `, regionSubject(clear), ` in clear text: ${why}`),
      hintValues: { device: d.hostname },
    }, behind);
    this.clearText(d, clear, dest, hops);
  }

  /** The undefined-object finding of an incomplete entry of `map` whose peers include `next`. */
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

  private segment(
    d: ModelDevice, iface: InterfaceConfig, map: CryptoMap, piece: EgressPiece, dest: Site, hops: number, behind: boolean,
  ): void {
    const entry = piece.entry.entry;
    const entryAt = at(d.file, entry.loc);
    const next = this.expectedNext(d, dest);
    this.trace?.owner(d, iface, map, piece);
    const choice = this.env.peers.choose(d, iface, entry);
    // An SA the other direction built already carries the traffic, whichever peer the entry would
    // pick for a new negotiation (a reply to a hub that initiated goes back to the hub).
    const reuse = this.saPeer(d, piece.entry, piece.space);
    const peerAddress = reuse ?? choice.peer;
    if (reuse === undefined && choice.answered) {
      for (const s of choice.silent) {
        this.report({
          code: 'PEER_NOT_ANSWERING', device: d.hostname, file: d.file, line: lineOf(entry.loc),
          message: `peer ${s.peer} of entry ${map.name} ${entry.seq} at ${entryAt} does not answer IKE (${silenceText(s.cause)}), so ${d.hostname} moves on to ${peerAddress}${this.ownerText(peerAddress)}`,
          hintValues: { peer: s.peer, device: d.hostname },
          dedupe: s.peer,
        }, behind);
        // Silence decided on a device with lines outside the model (a keyring may hold the key)
        // is not certain: the traffic may go to that peer instead.
        const silentOwner = this.env.model.owner(s.peer)?.device;
        if (silentOwner) this.crossUnmodelled(silentOwner, behind);
      }
    }
    const owner = this.env.model.owner(peerAddress);
    if (!owner) {
      this.report({
        code: 'UNKNOWN_PEER', device: d.hostname, file: d.file, line: lineOf(entry.loc),
        message: `peer ${peerAddress} of entry ${map.name} ${entry.seq} at ${entryAt} is an address no device owns${this.natSuspect(d, iface, piece, peerAddress)}`,
        hintValues: { device: d.hostname, peer: peerAddress },
      }, behind);
      if (!this.backup) this.checkBackups(d, iface, map, piece, iface.address?.ip, dest, hops, choice.index);
      if (next) this.walk(next, piece.space, dest, hops + 1, true);
      return;
    }
    const p = owner.device;
    this.trace?.tunnel(d, p, peerAddress);
    if (p !== dest.device && !(p.role === 'hub' && d.role !== 'hub')) {
      this.report({
        code: 'WRONG_PEER', device: d.hostname, file: d.file, line: lineOf(entry.loc),
        message: `entry ${map.name} ${entry.seq} at ${entryAt} (peer ${peerAddress}, ${p.hostname}) captures ${regionText(piece.space)} with ${lineRef(d.file, piece.line)}, traffic meant for ${dest.device.hostname}`,
        hintValues: { entry: `${map.name} ${entry.seq}`, device: d.hostname },
      }, behind);
      if (next) this.walk(next, piece.space, dest, hops + 1, true);
      return;
    }
    let failedHere = false;
    const local = iface.address?.ip;
    const unreachable = this.unreachable(d, iface, peerAddress, p, owner.interface);
    if (unreachable) {
      // Pin it to the side whose route is missing: the caller's entry, or the peer's crypto interface.
      const back = unreachable.break.side === 'peer';
      this.report({
        code: 'PEER_UNREACHABLE',
        device: back ? p.hostname : d.hostname,
        file: back ? p.file : d.file,
        line: back ? lineOf(owner.interface.loc) : lineOf(entry.loc),
        message: `peer ${peerAddress} (${p.hostname} ${owner.interface.name}) of entry ${map.name} ${entry.seq} at ${entryAt} is not reachable over the underlay from ${d.hostname} ${iface.name}: ${unreachableText(unreachable)}`,
        hintValues: back ? { device: p.hostname, peer: local ?? d.hostname } : { device: d.hostname, peer: peerAddress },
      }, behind);
      failedHere = true;
    }
    if (local && tunnelBlocked(d, iface, local, p, owner.interface, peerAddress, this.reporter, behind)) failedHere = true;
    let peerMap = cryptoMapOf(p.config, owner.interface.name);
    const peerUndefinedMap = peerMap ? undefined : undefinedCryptoMap(p, owner.interface);
    if (peerUndefinedMap) {
      this.report(finding.undefinedObject(peerUndefinedMap), behind);
      failedHere = true;
      peerMap = p.config.cryptoMaps.find((m) => m.entries.length > 0);
    } else if (!peerMap) {
      const defined = p.config.cryptoMaps.find((m) => m.entries.length > 0);
      this.report({
        code: 'CRYPTO_MAP_NOT_APPLIED', device: p.hostname, file: p.file, line: lineOf(owner.interface.loc),
        message: `${p.hostname} ${owner.interface.name} (peer address ${peerAddress}) carries no crypto map, so it cannot answer IKE from ${d.hostname}`,
        hintValues: { interface: owner.interface.name, map: defined?.name ?? 'NAME' },
      }, behind);
      failedHere = true;
      peerMap = defined;
    }
    if (peerMap && local && !this.saCovers(d, p, piece.space)) {
      const request = {
        initiator: d, entry: piece.entry, line: piece.line, initiatorAddress: local, peerAddress, responder: p, responderMap: peerMap,
      };
      const outcome = this.env.negotiator.negotiate(request);
      // The trace words the causes as negotiation steps itself.
      this.trace?.mute(true);
      if (!outcome.ok) {
        failedHere = true;
        const causes = finding.negotiationFindings(outcome);
        for (const c of causes) this.report(c, behind);
        if (outcome.directionDependent && this.reverseWorks(d, local, map, p, owner.interface, peerAddress, peerMap, piece.space)) {
          const c = causes[0]!;
          this.report({
            code: 'INITIATOR_DEPENDENT', device: c.device, file: c.file, line: c.line,
            message: `${regionText(piece.space)} gets a tunnel between ${d.hostname} and ${p.hostname} only when ${p.hostname} starts the conversation (${c.code} when ${d.hostname} starts)`,
            hintValues: { cause: c.code },
            dedupe: `${d.hostname}>${p.hostname}|${c.code}`,
          }, behind);
        }
      }
      this.trace?.mute(false);
      this.trace?.negotiation(request, outcome);
      this.sas.push({ a: d, b: p, space: piece.line.boxes, request });
    } else if (peerMap && local) this.trace?.reuse(d, p);
    if (!this.backup) this.checkBackups(d, iface, map, piece, local, dest, hops, choice.index);
    this.trace?.arrive(d, local, p, owner.interface, !(behind || failedHere));
    const after = behind || failedHere;
    this.onward(piece.space, decryptedIngress(p, owner.interface, piece.space, this.reporter, after), after, (s, b) => this.walk(p, s, dest, hops + 1, b, owner.interface));
  }

  /**
   * When another device has an entry that names `d` as its peer and mirrors this traffic, it is
   * the peer `d` meant: say so, and that the unknown address may be that device's NAT address.
   */
  private natSuspect(d: ModelDevice, iface: InterfaceConfig, piece: EgressPiece, peer: string): string {
    const local = iface.address?.ip;
    if (!local) return '';
    const mirrored = piece.space.map(mirrorBox);
    for (const { device: q, interface: qIface, map: qMap, entry: ce } of entriesNaming(this.env.model, local)) {
      if (q === d) continue;
      const lines = compileAcl(ce.acl!).lines;
      if (!lines.some((l) => l.action === 'permit' && l.boxes.some((x) => mirrored.some((m) => intersectBox(x, m))))) continue;
      const addr = qIface.address?.ip;
      return `; ${q.hostname} entry ${qMap.name} ${ce.entry.seq} at ${at(q.file, ce.entry.loc)} names ${local} as its peer and mirrors this traffic, so ${q.hostname}${addr ? ` (${addr})` : ''} is likely the intended peer: if it sits behind NAT, ${peer} may be its NAT address (hubspoke does not model NAT)`;
    }
    return '';
  }

  private ownerText(peer: string): string {
    const o = this.env.model.owner(peer);
    return o ? ` (${o.device.hostname} ${o.interface.name})` : '';
  }

  private reachable(d: ModelDevice, iface: InterfaceConfig, peer: string, p: ModelDevice, pIface: InterfaceConfig): boolean {
    return this.unreachable(d, iface, peer, p, pIface) === undefined;
  }

  /** Why IKE/ESP cannot flow between the two crypto interfaces (cached), or undefined when it can. */
  private unreachable(d: ModelDevice, iface: InterfaceConfig, peer: string, p: ModelDevice, pIface: InterfaceConfig): Unreachable | undefined {
    const key = `${d.index}|${iface.name}|${peer}|${p.index}|${pIface.name}`;
    if (!this.env.reachability.has(key)) this.env.reachability.set(key, underlayProblem(this.env.model, d, iface, peer, p, pIface));
    return this.env.reachability.get(key);
  }



  /**
   * The peer address of an SA of `d` filed under `entry` that covers the whole space, if any: IOS
   * looks an outbound packet's SA up under the entry that owns the packet (the emulator's
   * `findOutbound`), and a responder files an SA under the entry that accepted the proposal.
   */
  private saPeer(d: ModelDevice, entry: CompiledCryptoEntry, space: readonly HeaderBox[]): string | undefined {
    for (const sa of this.sas) {
      if (sa.a === d && sa.request.entry === entry && subtractSpaces(space, sa.space).length === 0) return sa.request.peerAddress;
      if (sa.b === d && subtractSpaces(space, sa.space.map(mirrorBox)).length === 0 && this.env.negotiator.responderEntry(sa.request) === entry) {
        return sa.request.initiatorAddress;
      }
    }
    return undefined;
  }

  private saCovers(d: ModelDevice, p: ModelDevice, space: readonly HeaderBox[]): boolean {
    const cover: HeaderBox[] = [];
    for (const sa of this.sas) {
      if (sa.a === d && sa.b === p) appendAll(cover, sa.space);
      else if (sa.a === p && sa.b === d) appendAll(cover, sa.space.map(mirrorBox));
    }
    return cover.length > 0 && subtractSpaces(space, cover).length === 0;
  }

  /** Would the tunnel come up if the peer started (its own entry and line for the mirrored traffic)? */
  private reverseWorks(
    d: ModelDevice, local: string, map: CryptoMap, p: ModelDevice, pIface: InterfaceConfig, peerAddress: string, peerMap: CryptoMap, space: readonly HeaderBox[],
  ): boolean {
    const part = partitionEgress(p.config, peerMap, space.map(mirrorBox));
    if (part.clear.length > 0 || part.owned.length === 0) return false;
    for (const o of part.owned) {
      if (this.env.peers.choose(p, pIface, o.entry.entry).peer !== local) return false;
      const r = this.env.negotiator.negotiate({
        initiator: p, entry: o.entry, line: o.line, initiatorAddress: peerAddress, peerAddress: local, responder: d, responderMap: map,
      });
      if (!r.ok) return false;
    }
    return true;
  }

  /** Backup peers: each must be reachable and negotiate like the primary, else a warning. */
  private checkBackups(
    d: ModelDevice, iface: InterfaceConfig, map: CryptoMap, piece: EgressPiece, local: string | undefined, dest: Site, hops: number, used: number,
  ): void {
    const entry = piece.entry.entry;
    for (const backup of entry.peers.slice(used + 1)) {
      const owner = this.env.model.owner(backup);
      let why: string | undefined;
      if (!owner) why = 'it is not an address of any device';
      else if (!local || !this.reachable(d, iface, backup, owner.device, owner.interface)) {
        const u = this.unreachable(d, iface, backup, owner.device, owner.interface);
        why = `it is not reachable over the underlay (${u ? unreachableText(u) : 'no address'})`;
      }
      else {
        const bMap = cryptoMapOf(owner.device.config, owner.interface.name);
        if (!bMap) why = `${owner.device.hostname} ${owner.interface.name} carries no crypto map`;
        else {
          const r = this.env.negotiator.negotiate({
            initiator: d, entry: piece.entry, line: piece.line, initiatorAddress: local, peerAddress: backup, responder: owner.device, responderMap: bMap,
          });
          if (!r.ok) why = finding.negotiationFindings(r).map((c) => `${c.code}: ${c.message}`).join('; ');
          else {
            // The first hop works: prove the rest of the backup path as well.
            const sub = new PairWalk(this.env, {
              device: d, line: lineOf(entry.loc), peer: backup, entryText: `entry ${map.name} ${entry.seq} at ${at(d.file, entry.loc)}`,
            });
            // The backup tunnel crosses the same interface lists as the primary's: IKE and ESP on
            // both crypto interfaces, then the decrypted traffic into the backup peer.
            tunnelBlocked(d, iface, local, owner.device, owner.interface, backup, sub.reporter, false);
            sub.onward(piece.space, decryptedIngress(owner.device, owner.interface, piece.space, sub.reporter, false), false,
              (s, b) => sub.walk(owner.device, s, dest, hops + 1, b, owner.interface));
            for (const p of sub.problems.keys()) if (!this.problems.has(p)) this.problems.set(p, false);
          }
        }
      }
      if (why) {
        this.report({
          code: 'BACKUP_PEER_BROKEN', device: d.hostname, file: d.file, line: lineOf(entry.loc),
          message: `backup peer ${backup} of entry ${map.name} ${entry.seq} at ${at(d.file, entry.loc)} would not carry its traffic (first seen for ${lineRef(d.file, piece.line)}): ${why}`,
          hintValues: { peer: backup },
          dedupe: backup,
        }, false);
      }
    }
  }
}

