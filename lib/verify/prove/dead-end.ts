/**
 * A fast path for broken networks: pairs whose traffic dies at the first device in both
 * directions, decided without walking each pair, so N unconnected routers (N² broken pairs) cost
 * time in proportion to the pairs and memory in proportion to the devices. Pairs it does not
 * decide are handed to `PairWalk`; a property test checks that the two agree on every pair's
 * state and problems and on every finding (test/verify/dead-end.test.ts).
 *
 * Why it is sound: the pair walk of (a, b) is the walk from a towards b, then the replies from b
 * towards a; a reply only differs from a first direction through the SAs the first direction
 * negotiated, and a direction that dies at its first device negotiates none. On a device `d` with
 * no interface access list, no NAT and no line outside the model, the walk from a site of `d`
 * towards a destination range inside one segment of `d`'s routing table does only this: look the
 * range up, and
 * - with no route: NO_ROUTE (then, only when `d` has a crypto map applied, the crypto map is
 *   analysed behind the failure: that case is left to the walk);
 * - with a route that discards (Null0, a permanent route that cannot forward, an exit interface
 *   that does not exist): DISCARD_ROUTE (the same crypto map rule applies);
 * - with a route out of a LAN interface (the destination is on another device): NO_ROUTE.
 * The finding is the same stored object for every such destination with the same route and the
 * same routes IOS refused for it (the cause; `notInstalledFor`), only its subject (the destination
 * or region, `finding-subject.ts`) differs. So one walk per device and cause gives the finding,
 * and each further pair adds its subject and counts. Equal-cost paths, ranges split across
 * routes, crypto maps and everything else go to the walk.
 */
import { isTunnelInterface } from '../../rules/tunnels.js';
import { cryptoMapBindings } from '../../rules/crypto-map.js';
import { hasInterfaceFilters } from '../../rules/interface-acl.js';
import { hasNat } from '../../rules/nat.js';
import { forwardingPaths, notInstalledFor, routingTable, type Route } from '../../rules/routing.js';
import {
  destinationSubject,
  regionSubject,
  towardsSubject,
  type ProblemSubject,
  type SubjectExamples,
} from '../findings/finding-subject.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { Problem } from '../types.js';
import { pairStatus, type PairOutcome } from './pair-outcome.js';
import { pairBox, PairWalk, type WalkEnv } from './path-walk.js';

/** How the first device ends a direction: no route, a discarding route, a route out of a LAN. */
type DeadEndKind = 'no-route' | 'discard' | 'lan';

/** What one direction that dies at its first device finds (the same for every destination of a cause). */
interface DeadEnd {
  readonly kind: DeadEndKind;
  /** The one finding of the direction, with whether it lies behind an earlier failure. */
  readonly found: readonly [Problem, boolean];
  /** Its subjects, where each further destination adds its own. */
  readonly subjects: SubjectExamples | undefined;
  readonly failed: boolean;
  readonly unverified: boolean;
}

/** The subject the walk reports for a destination of a dead end of this kind (the walk's own words). */
function subjectOf(kind: DeadEndKind, from: Site, to: Site): ProblemSubject {
  if (kind === 'no-route') return destinationSubject(to.range);
  const box = pairBox(from, to);
  if (kind === 'discard') return regionSubject([box]);
  return towardsSubject([box], { hostname: to.device.hostname, network: to.network, range: to.range });
}

/** Sort key of that subject, without building its words (they are built only when kept). */
function orderOf(kind: DeadEndKind, from: Site, to: Site): readonly number[] {
  return kind === 'no-route' ? [to.range[0], to.range[1]] : [to.range[0], from.range[0], to.range[1], from.range[1]];
}

/** A cause a destination can meet on a device: the route (null: none) and the routes IOS refused for it. */
interface Cause {
  readonly kind: DeadEndKind;
  /** Found by the first pair that meets it; null when that walk did not end as argued. */
  end?: DeadEnd | null;
}

/** One device's causes, and per destination site 1 + the index of its cause, or -1 when the walk goes on. */
interface DeviceEnds {
  readonly bySite: Int32Array;
  readonly causes: Cause[];
}

/** Dead ends of every device, classified on first use. */
export class DeadEnds {
  /** By device index: its dead ends, null when it has none, undefined before it is classified. */
  private readonly devices: (DeviceEnds | null | undefined)[] = [];
  private readonly sites: readonly Site[];
  /** Site indexes by address, for one sweep over a routing table's segments. */
  private readonly byAddress: number[];
  private readonly orders: (readonly number[] | undefined)[] = [];

  constructor(private readonly env: WalkEnv) {
    this.sites = env.model.sites;
    this.byAddress = this.sites
      .map((_, k) => k)
      .sort(
        (x, y) =>
          this.sites[x]!.range[0] - this.sites[y]!.range[0] || this.sites[x]!.range[1] - this.sites[y]!.range[1],
      );
  }

  /** The outcome of the pair of sites `i` and `j` when both directions die at their first device. */
  pair(i: number, j: number): PairOutcome | undefined {
    const a = this.sites[i]!;
    const b = this.sites[j]!;
    const forward = this.deadEnd(a, j);
    if (!forward) return undefined;
    const reply = this.deadEnd(b, i);
    if (!reply) return undefined;
    this.note(forward, a, b, j);
    this.note(reply, b, a, i);
    // The two findings are on different devices (a pair's sites are), so never the same one.
    return {
      status: pairStatus(forward.failed || reply.failed, forward.unverified || reply.unverified),
      problems: [forward.found, reply.found],
    };
  }

  /** Adds the subject this pair gives the finding, as the walk's report would. */
  private note(end: DeadEnd, from: Site, to: Site, j: number): void {
    const subjects = end.subjects;
    if (!subjects) return;
    if (end.kind !== 'no-route') {
      subjects.offer(orderOf(end.kind, from, to), () => subjectOf(end.kind, from, to));
      return;
    }
    let order = this.orders[j];
    if (!order) this.orders[j] = order = orderOf(end.kind, from, to);
    subjects.offer(order, () => subjectOf(end.kind, from, to));
  }

  /** The dead end of the direction from `from` towards site `j`, when it is one. */
  private deadEnd(from: Site, j: number): DeadEnd | undefined {
    const d = from.device;
    let ends = this.devices[d.index];
    if (ends === undefined) this.devices[d.index] = ends = this.classify(d);
    const k = ends ? ends.bySite[j]! : -1;
    if (k < 0) return undefined;
    const cause = ends!.causes[k - 1]!;
    if (cause.end === undefined) cause.end = this.walkOnce(cause.kind, from, this.sites[j]!);
    return cause.end ?? undefined;
  }

  /** The cause's finding, from one walk of the first direction (null when it is no dead end). */
  private walkOnce(kind: DeadEndKind, from: Site, to: Site): DeadEnd | null {
    const walk = new PairWalk(this.env);
    walk.runForward(from, to);
    // One error on the first device, as argued above; anything else means the argument does not
    // hold here. So the shortcut only ever concludes "broken", and for the walk's own reason.
    const found = [...walk.problems];
    if (!walk.failed || found.length !== 1 || found[0]![0].device !== from.device.hostname) return null;
    return {
      kind,
      found: found[0]!,
      subjects: this.env.book.subjectsOf(found[0]![0]),
      failed: walk.failed,
      unverified: walk.unverified,
    };
  }

  /**
   * Every destination site's cause on `d`, from one sweep over the sites and the table's segments;
   * null when the walk meets more than routing on `d`, or no site of another device lies where `d`
   * has a dead end (a spoke with a crypto map: nothing to classify, nothing to hold).
   */
  private classify(d: ModelDevice): DeviceEnds | null {
    if (d.unmodelled.length > 0 || hasInterfaceFilters(d.config) || hasNat(d.config)) return null;
    const table = routingTable(d.config);
    const segments = table.partition([0, 0xffffffff]);
    const dead = segments.map((seg) => kindOf(d, seg.route ?? null));
    const bySite = new Int32Array(this.sites.length);
    const causes: Cause[] = [];
    const index = new Map<Route | null, Map<string, number>>();
    let s = 0;
    for (const j of this.byAddress) {
      const range = this.sites[j]!.range;
      while (segments[s]!.range[1] < range[0]) s += 1;
      const segment = segments[s]!;
      // A range split across routes is walked piece by piece: left to the walk.
      const kind = dead[s];
      if (!kind || segment.range[1] < range[1] || this.sites[j]!.device === d) {
        bySite[j] = -1;
        continue;
      }
      const route = segment.route ?? null;
      let byRefused = index.get(route);
      if (!byRefused) index.set(route, (byRefused = new Map()));
      // The refused routes covering the range decide which one the finding names (`notInstalledFor`).
      const refused =
        table.rejected.length === 0
          ? ''
          : notInstalledFor(table, range)
              .map((r) => table.rejected.indexOf(r))
              .join(',');
      let k = byRefused.get(refused);
      if (k === undefined) {
        causes.push({ kind });
        byRefused.set(refused, (k = causes.length));
      }
      bySite[j] = k;
    }
    return causes.length > 0 ? { bySite, causes } : null;
  }
}

/** The kind of dead end a route (or no route) is on `d`, or undefined when the walk goes on. */
function kindOf(d: ModelDevice, route: Route | null): DeadEndKind | undefined {
  // A crypto map applied: the walk analyses it behind a missing or discarding route.
  const behindCrypto = cryptoMapBindings(d.config).some((b) => b.map);
  if (!route) return behindCrypto ? undefined : 'no-route';
  if (forwardingPaths(route).length !== 1) return undefined;
  const exit = route.discard ? undefined : d.config.interfaces.find((i) => i.name === route.exitInterface);
  if (!exit) return behindCrypto ? undefined : 'discard';
  // A tunnel is no dead end: the walk decides what lies behind it (docs/ios-semantics.md#tunnel-interfaces).
  return d.wan.has(exit.name) || isTunnelInterface(exit) ? undefined : 'lan';
}
