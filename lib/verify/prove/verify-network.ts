/**
 * The proof: every ordered pair of sites on different devices is covered iff a conversation (any
 * protocol and port) started by any host of the first site towards any host of the second, from a
 * state with no SAs, works in both directions and never crosses a WAN in clear text.
 *
 * Over parsed configs only. Pairs are decided one at a time by a symbolic walk over header sets
 * (`path-walk.ts`), with negotiations cached across pairs, or in bulk by two property-tested fast
 * paths: the leg proof for covered hub-and-spoke pairs (`leg-proof.ts`) and the dead-end shortcut
 * for pairs that die at their first device (`dead-end.ts`). Memory holds the current pair, the
 * caches, the distinct findings and the pairs kept for the listing (`pair-ledger.ts`):
 * `verifyPairs` streams pair results, and `brokenOnly` and `maxPairs` keep the result small.
 */
import type { Topology } from '../../ir/topology.js';
import { baseName, buildNetworkModel, type ConfigInput, type NetworkModel, type Site } from '../model/network-model.js';
import { Negotiator } from './negotiation.js';
import { LegProof } from './leg-proof.js';
import { PairWalk, type Unreachable, type WalkEnv } from './path-walk.js';
import { DeadEnds } from './dead-end.js';
import { PairLedger } from './pair-ledger.js';
import { pairResult, pairStatus, PROVEN, type PairOutcome } from './pair-outcome.js';
import { PeerChooser } from './peer-choice.js';
import { PathTrace } from '../trace/path-trace.js';
import { pathPlan, type PathPlan } from './path-selection.js';
import { deviceSummaries } from '../model/device-summary.js';
import { ProblemBook, type OriginLookup } from '../findings/problem-book.js';
import { checkMirrors, checkNoSite, checkOverlappingSites, checkUnknownNetworks } from '../findings/static-checks.js';
import {
  checkAccessGroups,
  checkInvalidLines,
  checkNotModelled,
  checkRejectedAclLines,
  checkStaticWarnings,
} from '../findings/static-warnings.js';
import { checkUndefinedObjects } from '../findings/undefined-objects.js';
import { checkRoutes } from '../findings/route-checks.js';
import type { PairResult, Problem, ProofNetwork, VerifyOptions, VerifyResult } from '../types.js';

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
  /**
   * Decide pairs whose traffic dies at the first device in both directions without walking each
   * (`dead-end.ts`); the verdicts and findings are the same, it only saves time on broken networks.
   * @default true
   */
  readonly deadEnds?: boolean;
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
  private readonly deadEnds: DeadEnds | undefined;

  constructor(
    files: readonly ConfigInput[],
    private readonly options: ProofOptions = {},
  ) {
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
    this.peers = new PeerChooser(this.model, {
      ...(options.relaxLifetime !== undefined ? { relaxLifetime: options.relaxLifetime } : {}),
    });
    for (const d of this.model.devices) {
      checkStaticWarnings(d, this.book);
      checkRoutes(d, this.book);
      checkAccessGroups(d, this.book);
      checkNotModelled(d, this.book);
      checkInvalidLines(d, files[d.index]?.diagnostics, this.book);
      checkUndefinedObjects(d, this.book);
      checkRejectedAclLines(d, files[d.index]?.diagnostics, this.book);
    }
    for (const { site, problem } of checkOverlappingSites(this.model, this.book)) {
      this.overlapping.set(site, [...(this.overlapping.get(site) ?? []), problem]);
    }
    checkUnknownNetworks(this.model, this.book);
    checkNoSite(this.model, this.book);
    checkMirrors(this.model, this.book, options.exactProxy === true, this.negotiator, this.peers);
    this.deadEnds = options.deadEnds === false ? undefined : new DeadEnds(this.env());
  }

  private env(): WalkEnv {
    return {
      model: this.model,
      negotiator: this.negotiator,
      peers: this.peers,
      book: this.book,
      reachability: this.reachability,
    };
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
    return pairResult(from, to, this.walk(from, to, recordPath));
  }

  /** The pair walk of one pair (with the site overlaps that break it besides). */
  private walk(from: Site, to: Site, recordPath = false): PairOutcome {
    const trace = recordPath
      ? new PathTrace({
          relaxLifetime: this.options.relaxLifetime === true,
          exactProxy: this.options.exactProxy === true,
        })
      : undefined;
    const walk = new PairWalk(this.env(), undefined, trace);
    walk.run(from, to);
    const problems = new Map(walk.problems);
    const overlaps = [...(this.overlapping.get(from) ?? []), ...(this.overlapping.get(to) ?? [])];
    for (const o of overlaps) if (!problems.has(o)) problems.set(o, false);
    // An error found is a definite finding; without one, a relevant line outside the model on the
    // path still keeps the pair from being covered.
    const status = pairStatus(walk.failed || overlaps.length > 0, walk.unverified);
    return { status, problems, ...(trace ? { path: trace.path() } : {}) };
  }

  /** Pair (i, j) by the quickest sound means: the leg proof, the dead-end shortcut, else the walk. */
  private outcome(i: number, j: number, legs: LegProof | undefined): PairOutcome {
    const from = this.model.sites[i]!;
    const to = this.model.sites[j]!;
    if (legs && this.provenByLegs(legs, from, to)) return PROVEN;
    if (this.deadEnds && !this.overlapping.has(from) && !this.overlapping.has(to)) {
      const quick = this.deadEnds.pair(i, j);
      if (quick) return quick;
    }
    return this.walk(from, to);
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
        const verdict = pairResult(from, to, this.outcome(i, j, legs));
        // A second walk, with the trace, only for the pairs the plan wants (same verdict).
        yield plan?.wants(verdict, i, j) ? this.decide(from, to, true) : verdict;
      }
    }
  }

  /**
   * Decides every pair in site order and hands it to `visit` (with a way to walk it again with the
   * trace); with `bulk`, pairs the leg proof proves from both ends are only counted (nobody lists
   * covered pairs then), and with `every`, each pair is walked with the trace (no fast path).
   * @internal (a step of `verifyNetwork`)
   */
  sweep(
    ledger: PairLedger,
    mode: { readonly bulk: boolean; readonly every: boolean },
    visit: (i: number, j: number, outcome: PairOutcome, traced: (i: number, j: number) => PairOutcome) => void,
  ): void {
    const sites = this.model.sites;
    const legs = mode.every ? undefined : this.legs();
    const whole = sites.map((s) => mode.bulk && legs !== undefined && !this.overlapping.has(s) && legs.provesAll(s));
    const partial: number[] = [];
    const all: number[] = [];
    const traced = (i: number, j: number): PairOutcome => this.walk(sites[i]!, sites[j]!, true);
    for (let k = 0; k < sites.length; k++) {
      all.push(k);
      if (!whole[k]) partial.push(k);
    }
    for (let i = 0; i < sites.length; i++) {
      const from = sites[i]!;
      for (const j of whole[i] ? partial : all) {
        const to = sites[j]!;
        if (from.device === to.device) continue;
        visit(i, j, mode.every ? traced(i, j) : this.outcome(i, j, legs), traced);
      }
    }
    ledger.countCovered(this.pairCount() - ledger.pairs);
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
    sites.forEach((from, i) => {
      sites.forEach((to, j) => {
        if (from.device === to.device || (whole[i] && whole[j])) return;
        if (legs && this.provenByLegs(legs, from, to)) return;
        decided.push(pairResult(from, to, this.outcome(i, j, undefined)));
      });
    });
    return { proven: this.pairCount() - decided.length, decided };
  }

  private legProof?: LegProof | null;

  private legs(): LegProof | undefined {
    if (this.legProof === undefined)
      this.legProof = this.options.legProof === false ? null : new LegProof(this.model, this.negotiator);
    return this.legProof ?? undefined;
  }

  private provenByLegs(legs: LegProof, from: Site, to: Site): boolean {
    return !this.overlapping.has(from) && !this.overlapping.has(to) && legs.proves(from, to);
  }

  /** Every distinct finding so far (static ones plus those of the pairs decided), as a result states them. */
  findings(): Problem[] {
    return this.book.settle().findings;
  }

  /** The devices and sites, as the result lists them. */
  network(): ProofNetwork {
    return {
      devices: deviceSummaries(this.model, this.options.topology),
      sites: this.model.sites.map((s) => ({ device: s.device.hostname, network: s.network })),
    };
  }

  /**
   * Assembles a result from pairs kept by the caller and the counts over all pairs (findings
   * without pair counts: `verifyNetwork` counts them).
   */
  result(pairs: readonly PairResult[], counts: PairCounts): VerifyResult {
    return this.assemble(pairs, this.findings(), counts);
  }

  /**
   * The result of a run booked in `ledger`: findings in their final form with the pairs they are
   * on, and the kept pairs pointing at them.
   * @internal (a step of `verifyNetwork`)
   */
  ledgerResult(ledger: PairLedger, network: ProofNetwork = this.network()): VerifyResult {
    const { findings, final } = this.book.settle(ledger.onPairs);
    const resolve = (p: Problem): Problem => final.get(p) ?? p;
    const pairs = ledger.listed().map((x) => pairResult(x.from, x.to, x.outcome, resolve));
    const unlisted = ledger.unlisted();
    return { ...this.assemble(pairs, findings, ledger, network), ...(unlisted ? { unlisted } : {}) };
  }

  private assemble(
    pairs: readonly PairResult[],
    findings: Problem[],
    counts: PairCounts,
    network: ProofNetwork = this.network(),
  ): VerifyResult {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const broken = counts.pairs - counts.covered - counts.unverified;
    return {
      devices: network.devices,
      sites: network.sites,
      pairs,
      findings,
      summary: {
        pairs: counts.pairs,
        covered: counts.covered,
        broken,
        unverified: counts.unverified,
        errors,
        warnings: findings.length - errors,
      },
      // Nothing to prove is not a proof: a run without a single pair never says PROVEN.
      ok: counts.pairs > 0 && broken === 0 && counts.unverified === 0 && errors === 0,
      siteSource: this.model.siteSource,
    };
  }

  /**
   * Records the paths a plan asks for: listed broken pairs walked again with the trace, and the
   * plan's sample of covered pairs added to the listing.
   * @internal (a step of `verifyNetwork`)
   */
  recordPaths(ledger: PairLedger, plan: PathPlan): void {
    const sites = this.model.sites;
    for (const x of ledger.notCovered()) {
      if (plan.wants(pairResult(x.from, x.to, x.outcome), x.i, x.j)) x.outcome = this.walk(x.from, x.to, true);
    }
    const listed = new Set(ledger.notCovered().map((x) => x.i * sites.length + x.j));
    for (const [i, j] of plan.sample) {
      if (listed.has(i * sites.length + j)) continue;
      const outcome = this.walk(sites[i]!, sites[j]!, true);
      if (outcome.status === 'covered') ledger.keepCovered({ i, j, from: sites[i]!, to: sites[j]!, outcome });
    }
  }
}

/** Pair counts a result is assembled from. */
export interface PairCounts {
  readonly pairs: number;
  readonly covered: number;
  readonly unverified: number;
}

/** Streams the verdict of every ordered pair (nothing else is kept per pair). */
export function* verifyPairs(files: readonly ConfigInput[], options: ProofOptions = {}): Generator<PairResult> {
  const proof = new Proof(files, options);
  yield* proof.pairs(pathPlan(options.paths, proof.model.sites, false));
}

/**
 * Proves full-mesh-via-hub coverage of parsed configs. Every ordered pair of sites on different
 * devices is decided; the result lists them (only broken ones with `brokenOnly`, at most
 * `maxPairs` of each kind), every distinct finding with the pairs it breaks, and counts.
 */
export function verifyNetwork(files: readonly ConfigInput[], options: ProofOptions = {}): VerifyResult {
  const proof = new Proof(files, options);
  const plan = pathPlan(options.paths, proof.model.sites, options.brokenOnly === true);
  const network = proof.network();
  options.onStart?.(proof.pairCount(), network);
  const ledger = new PairLedger({
    limit: options.maxPairs ?? Number.POSITIVE_INFINITY,
    ...(options.onUnlisted ? { onUnlisted: options.onUnlisted } : {}),
  });
  const sites = proof.model.sites;
  if (options.brokenOnly && !options.onPair && !plan?.every) {
    // Nobody looks at covered pairs one by one: count the ones the leg proof settles in bulk.
    proof.sweep(ledger, { bulk: true, every: false }, (i, j, outcome) =>
      ledger.record(i, j, sites[i]!, sites[j]!, outcome, false),
    );
    if (plan) proof.recordPaths(ledger, plan);
    return proof.ledgerResult(ledger, network);
  }
  proof.sweep(ledger, { bulk: false, every: plan?.every === true }, (i, j, first, traced) => {
    const from = sites[i]!;
    const to = sites[j]!;
    // A second walk, with the trace, only for the pairs the plan wants (same verdict).
    const outcome = !plan?.every && plan?.wants(pairResult(from, to, first), i, j) ? traced(i, j) : first;
    const listed =
      !options.brokenOnly ||
      outcome.status !== 'covered' ||
      (plan?.keepWithPath === true && outcome.path !== undefined);
    ledger.record(i, j, from, to, outcome, listed);
    options.onPair?.(pairResult(from, to, outcome));
  });
  return proof.ledgerResult(ledger, network);
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
  for (const f of [...Object.keys(ranges ?? {}), ...Object.keys(map ?? {})])
    if (!byBase.has(baseName(f))) byBase.set(baseName(f), f);
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
