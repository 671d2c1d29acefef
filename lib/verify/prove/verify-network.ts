/**
 * The proof: every ordered pair of sites on different devices is covered iff a conversation (any
 * protocol and port) started by any host of the first site towards any host of the second, from a
 * state with no SAs, works in both directions and never crosses a WAN in clear text.
 *
 * Over parsed configs only. Pairs are decided one at a time by a symbolic walk over header sets
 * (`path-walk.ts`), with negotiations cached across pairs, so memory holds only the current pair,
 * the cache and the distinct findings: `verifyPairs` streams pair results, and `brokenOnly` keeps
 * the returned result small for large networks.
 */
import type { Topology } from '../../ir/topology.js';
import { baseName, buildNetworkModel, type ConfigInput, type NetworkModel, type Site } from '../model/network-model.js';
import { Negotiator } from './negotiation.js';
import { LegProof } from './leg-proof.js';
import { PairWalk, type Unreachable } from './path-walk.js';
import { PeerChooser } from './peer-choice.js';
import { PathTrace } from '../trace/path-trace.js';
import { pathPlan, type PathPlan } from './path-selection.js';
import { deviceSummaries } from '../model/device-summary.js';
import { ProblemBook, type OriginLookup } from '../findings/problem-book.js';
import { checkMirrors, checkOverlappingSites, checkUnknownNetworks } from '../findings/static-checks.js';
import { checkAccessGroups, checkInvalidLines, checkNotModelled, checkRejectedAclLines, checkStaticWarnings } from '../findings/static-warnings.js';
import { checkUndefinedObjects } from '../findings/undefined-objects.js';
import { checkRoutes } from '../findings/route-checks.js';
import type { PairResult, PairStatus, Problem, VerifyOptions, VerifyResult } from '../types.js';
import { appendAll, compareText } from '../../ir/collections.js';

/** Options of the streaming API (the library-level extras of {@link VerifyOptions}). */
export interface ProofOptions extends VerifyOptions {
  /** Construct path of a config line (synth's render source map). @default - from `topology.sourceMap` when given */
  readonly origin?: OriginLookup;
  /**
   * Prove hub-and-spoke pairs in bulk first (`leg-proof.ts`) and walk only the pairs it cannot
   * prove; the verdicts are the same, it only saves time on large networks.
   * @default true
   */
  readonly legProof?: boolean;
}

/** A prepared proof: static findings done, pairs decided lazily. */
export class Proof {
  /** The network model (devices, roles, sites). */
  readonly model: NetworkModel;
  private readonly book: ProblemBook;
  private readonly negotiator: Negotiator;
  private readonly peers: PeerChooser;
  private readonly overlapping = new Map<Site, Problem[]>();
  private readonly reachability = new Map<string, Unreachable | undefined>();

  constructor(files: readonly ConfigInput[], private readonly options: ProofOptions = {}) {
    this.model = buildNetworkModel(files, options.topology, {
      ...(options.sites !== undefined ? { sites: options.sites } : {}),
      ...(options.exclude !== undefined ? { exclude: options.exclude } : {}),
    });
    const roles = new Map(this.model.devices.map((d) => [d.hostname, d.role]));
    this.book = new ProblemBook((h) => roles.get(h) ?? 'other', options.origin ?? originFromTopology(options.topology));
    this.negotiator = new Negotiator({
      ...(options.relaxLifetime !== undefined ? { relaxLifetime: options.relaxLifetime } : {}),
      ...(options.exactProxy !== undefined ? { exactProxy: options.exactProxy } : {}),
    });
    this.peers = new PeerChooser(this.model, { ...(options.relaxLifetime !== undefined ? { relaxLifetime: options.relaxLifetime } : {}) });
    for (const d of this.model.devices) {
      checkStaticWarnings(d, this.book);
      checkRoutes(d, this.book);
      checkAccessGroups(d, this.book);
      checkNotModelled(d, this.book);
      checkInvalidLines(d, files[d.index]?.diagnostics, this.book);
      checkUndefinedObjects(d, this.book);
      checkRejectedAclLines(d, files[d.index]?.diagnostics, this.book);
    }
    checkOverlappingSites(this.model, this.book);
    checkUnknownNetworks(this.model, this.book);
    checkMirrors(this.model, this.book, options.exactProxy === true, this.negotiator, this.peers);
    for (const f of this.book.findings()) {
      if (f.code !== 'OVERLAPPING_SITES') continue;
      for (const s of this.model.sites) {
        if (s.device.hostname === f.device && s.line === f.line && f.message.includes(s.network)) {
          this.overlapping.set(s, [...(this.overlapping.get(s) ?? []), f]);
        }
      }
    }
  }

  /** Number of ordered pairs of sites on different devices. */
  pairCount(): number {
    const perDevice = new Map<string, number>();
    for (const s of this.model.sites) perDevice.set(s.device.hostname, (perDevice.get(s.device.hostname) ?? 0) + 1);
    const n = this.model.sites.length;
    let same = 0;
    for (const k of perDevice.values()) same += k * k;
    return n * n - same;
  }

  /**
   * Decides one ordered pair by the pair walk; with `recordPath`, the result carries the path the
   * walk followed (`PairResult.path`).
   */
  decide(from: Site, to: Site, recordPath = false): PairResult {
    const trace = recordPath
      ? new PathTrace({ relaxLifetime: this.options.relaxLifetime === true, exactProxy: this.options.exactProxy === true })
      : undefined;
    const walk = new PairWalk({ model: this.model, negotiator: this.negotiator, peers: this.peers, book: this.book, reachability: this.reachability }, undefined, trace);
    walk.run(from, to);
    const problems: Problem[] = [];
    for (const [p, behind] of walk.problems) problems.push(behind ? { ...p, behind: true } : p);
    const overlaps = [...(this.overlapping.get(from) ?? []), ...(this.overlapping.get(to) ?? [])];
    appendAll(problems, overlaps.filter((o) => !walk.problems.has(o)));
    problems.sort((a, b) => compareText(a.device, b.device) || a.line - b.line || compareText(a.code, b.code));
    // An error found is a definite finding; without one, a relevant line outside the model on the
    // path still keeps the pair from being covered.
    const status: PairStatus = walk.failed || overlaps.length > 0 ? 'broken' : walk.unverified ? 'unverified' : 'covered';
    return {
      from: from.device.hostname,
      to: to.device.hostname,
      fromNetwork: from.network,
      toNetwork: to.network,
      covered: status === 'covered',
      status,
      problems,
      ...(trace ? { path: trace.path() } : {}),
    };
  }

  /**
   * Every ordered pair, in site order (sites by device order, then address); with a plan, the
   * pairs it asks for carry their path.
   */
  *pairs(plan?: PathPlan): Generator<PairResult> {
    const sites = this.model.sites;
    const legs = plan?.every ? undefined : this.legs();
    for (let i = 0; i < sites.length; i++) {
      const from = sites[i]!;
      for (let j = 0; j < sites.length; j++) {
        const to = sites[j]!;
        if (from.device === to.device) continue;
        if (plan?.every) {
          yield this.decide(from, to, true);
          continue;
        }
        const verdict = legs && this.provenByLegs(legs, from, to) ? provenPair(from, to) : this.decide(from, to);
        // A second walk, with the trace, only for the pairs the plan wants (same verdict).
        yield plan?.wants(verdict, i, j) ? this.decide(from, to, true) : verdict;
      }
    }
  }

  /**
   * The broken pairs of `decideUnproven` with the paths a plan asks for, merged in site order with
   * the plan's sample of covered pairs (recorded too).
   */
  withPaths(broken: readonly PairResult[], plan: PathPlan): PairResult[] {
    const sites = this.model.sites;
    const index = new Map(sites.map((s, i) => [`${s.device.hostname}\u0000${s.network}`, i]));
    const at = (p: PairResult) => [index.get(`${p.from}\u0000${p.fromNetwork}`)!, index.get(`${p.to}\u0000${p.toNetwork}`)!] as const;
    const out: { i: number; j: number; pair: PairResult }[] = broken.map((p) => {
      const [i, j] = at(p);
      return { i, j, pair: plan.wants(p, i, j) ? this.decide(sites[i]!, sites[j]!, true) : p };
    });
    const listed = new Set(out.map((x) => x.i * sites.length + x.j));
    for (const [i, j] of plan.sample) {
      if (listed.has(i * sites.length + j)) continue;
      const pair = this.decide(sites[i]!, sites[j]!, true);
      if (pair.covered) out.push({ i, j, pair });
    }
    return out.sort((a, b) => a.i - b.i || a.j - b.j).map((x) => x.pair);
  }

  /**
   * The pairs the leg proof cannot prove, decided by the pair walk (in site order), and how many it
   * proved: the verdicts of `pairs()` without a result object per proven pair, for large networks.
   */
  decideUnproven(): { proven: number; decided: PairResult[] } {
    const sites = this.model.sites;
    const legs = this.legs();
    const decided: PairResult[] = [];
    const whole = sites.map((s) => legs !== undefined && !this.overlapping.has(s) && legs.provesAll(s));
    const partial = sites.filter((_, i) => !whole[i]);
    sites.forEach((from, i) => {
      for (const to of whole[i] ? partial : sites) {
        if (from.device === to.device) continue;
        if (legs && this.provenByLegs(legs, from, to)) continue;
        decided.push(this.decide(from, to));
      }
    });
    return { proven: this.pairCount() - decided.length, decided };
  }

  private legProof?: LegProof | null;

  private legs(): LegProof | undefined {
    if (this.legProof === undefined) this.legProof = this.options.legProof === false ? null : new LegProof(this.model, this.negotiator);
    return this.legProof ?? undefined;
  }

  private provenByLegs(legs: LegProof, from: Site, to: Site): boolean {
    return !this.overlapping.has(from) && !this.overlapping.has(to) && legs.proves(from, to);
  }

  /** Every distinct finding so far (static ones plus those of the pairs decided). */
  findings(): Problem[] {
    return this.book.findings();
  }

  /** Assembles a result from pairs kept by the caller and the counts over all pairs. */
  result(pairs: readonly PairResult[], counts: PairCounts): VerifyResult {
    const findings = this.findings();
    const errors = findings.filter((f) => f.severity === 'error').length;
    const broken = counts.pairs - counts.covered - counts.unverified;
    return {
      devices: deviceSummaries(this.model, this.options.topology),
      sites: this.model.sites.map((s) => ({ device: s.device.hostname, network: s.network })),
      pairs,
      findings,
      summary: { pairs: counts.pairs, covered: counts.covered, broken, unverified: counts.unverified, errors, warnings: findings.length - errors },
      // Nothing to prove is not a proof: a run without a single pair never says PROVEN.
      ok: counts.pairs > 0 && broken === 0 && counts.unverified === 0 && errors === 0,
      siteSource: this.model.siteSource,
    };
  }
}

/** Pair counts a result is assembled from. */
export interface PairCounts {
  readonly pairs: number;
  readonly covered: number;
  readonly unverified: number;
}

/** The verdict the pair walk gives a pair the leg proof proved: covered, no problems. */
function provenPair(from: Site, to: Site): PairResult {
  return { from: from.device.hostname, to: to.device.hostname, fromNetwork: from.network, toNetwork: to.network, covered: true, status: 'covered', problems: [] };
}

/** Streams the verdict of every ordered pair (nothing else is kept per pair). */
export function* verifyPairs(files: readonly ConfigInput[], options: ProofOptions = {}): Generator<PairResult> {
  const proof = new Proof(files, options);
  yield* proof.pairs(pathPlan(options.paths, proof.model.sites, false));
}

/**
 * Proves full-mesh-via-hub coverage of parsed configs. Every ordered pair of sites on different
 * devices is decided; the result lists them (only broken ones with `brokenOnly`), every distinct
 * finding, and counts.
 */
export function verifyNetwork(files: readonly ConfigInput[], options: ProofOptions = {}): VerifyResult {
  const proof = new Proof(files, options);
  const plan = pathPlan(options.paths, proof.model.sites, options.brokenOnly === true);
  options.onStart?.(proof.pairCount());
  if (options.brokenOnly && !options.onPair && !plan?.every) {
    // Nobody looks at covered pairs one by one: count the ones the leg proof settles in bulk.
    const { proven, decided } = proof.decideUnproven();
    const broken = decided.filter((p) => !p.covered);
    const unverified = broken.filter((p) => p.status === 'unverified').length;
    const counts = { pairs: proven + decided.length, covered: proven + decided.length - broken.length, unverified };
    return proof.result(plan ? proof.withPaths(broken, plan) : broken, counts);
  }
  const kept: PairResult[] = [];
  let total = 0;
  let covered = 0;
  let unverified = 0;
  for (const p of proof.pairs(plan)) {
    total += 1;
    if (p.covered) covered += 1;
    else if (p.status === 'unverified') unverified += 1;
    if (!options.brokenOnly || !p.covered || (plan?.keepWithPath && p.path)) kept.push(p);
    options.onPair?.(p);
  }
  return proof.result(kept, { pairs: total, covered, unverified });
}

/**
 * The result as it reads without recorded paths: no `path` fields and, with `brokenOnly`, only the
 * broken pairs (`paths: 'report'` also lists the covered pairs it recorded). For callers that
 * print the proof besides writing a report from the same run.
 */
export function withoutPaths(result: VerifyResult, brokenOnly = false): VerifyResult {
  if (!result.pairs.some((p) => p.path !== undefined)) return result;
  const pairs: PairResult[] = [];
  for (const p of result.pairs) {
    if (brokenOnly && p.covered) continue;
    if (p.path === undefined) pairs.push(p);
    else {
      const { path: _path, ...rest } = p;
      pairs.push(rest);
    }
  }
  return { ...result, pairs };
}

/**
 * Origin lookup from the topology's source ranges (or the per-line `sourceMap` of earlier
 * releases). Files are matched by base name, so `Hub.cfg` matches `/tmp/out/Hub.cfg`.
 */
export function originFromTopology(topology: Topology | undefined): OriginLookup | undefined {
  const ranges = topology?.sourceRanges;
  const map = topology?.sourceMap;
  if (!ranges && !map) return undefined;
  const byBase = new Map<string, string>();
  for (const f of [...Object.keys(ranges ?? {}), ...Object.keys(map ?? {})]) if (!byBase.has(baseName(f))) byBase.set(baseName(f), f);
  return (file, line) => {
    const key = byBase.get(baseName(file));
    if (key === undefined) return undefined;
    const list = ranges?.[key];
    if (list) {
      // Ranges are in line order (the schema checks it): binary search.
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [first, last, origin] = list[mid]!;
        if (line < first) hi = mid - 1;
        else if (line > last) lo = mid + 1;
        else return origin;
      }
    }
    return map?.[key]?.[String(line)];
  };
}
