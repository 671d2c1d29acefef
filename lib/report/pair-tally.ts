/**
 * The report's counts of pairs that are not covered: per device, per cell of the grouped coverage
 * matrix, and per group of the topology picture (with the group where each pair's fault lies).
 * Built from the listed pairs, plus, for a result whose listing stops at a limit (`maxPairs`), a
 * tally of the pairs left out, fed while the proof runs (`VerifyOptions.onUnlisted`). So the
 * report of a network with a million broken pairs counts every one of them without holding them.
 */
import { groupDevices, MAX_INDIVIDUAL_SPOKES, SPOKE_GROUPS, type DeviceGroup } from './device-groups.js';
import type { ReportInput, ReportPair } from './report-input.js';

/** Pairs that are not covered, counted the ways the report shows them. */
export class PairTally {
  /** Groups of the grouped coverage matrix. */
  readonly matrixGroups: readonly DeviceGroup[];
  /** Groups (nodes) of the topology picture. */
  readonly pictureGroups: readonly DeviceGroup[];
  /** True when the picture groups spokes. */
  readonly grouped: boolean;
  /** Pairs tallied. */
  total = 0;
  private readonly byDevice = new Map<string, number>();
  private readonly cells: number[][];
  private readonly inPicture: number[];
  private readonly faultsIn: number[];
  private readonly matrixOf = new Map<string, number>();
  private readonly pictureOf = new Map<string, number>();
  private readonly roleOf: Map<string, string>;

  constructor(devices: ReportInput['devices']) {
    this.grouped = devices.filter((d) => d.role === 'spoke').length > MAX_INDIVIDUAL_SPOKES;
    this.matrixGroups = groupDevices(devices, SPOKE_GROUPS);
    this.pictureGroups = groupDevices(devices, this.grouped ? SPOKE_GROUPS : Number.MAX_SAFE_INTEGER);
    this.matrixGroups.forEach((g, i) => g.members.forEach((m) => this.matrixOf.set(m, i)));
    this.pictureGroups.forEach((g, i) => g.members.forEach((m) => this.pictureOf.set(m, i)));
    this.cells = this.matrixGroups.map(() => this.matrixGroups.map(() => 0));
    this.inPicture = this.pictureGroups.map(() => 0);
    this.faultsIn = this.pictureGroups.map(() => 0);
    this.roleOf = new Map(devices.map((d) => [d.hostname, d.role]));
  }

  /** The tally of a result's listed pairs, plus `unlisted` (the pairs its listing left out). */
  static of(input: ReportInput, unlisted?: PairTally): PairTally {
    const tally = new PairTally(input.devices);
    for (const p of input.pairs) tally.add(p);
    if (unlisted) tally.addTally(unlisted);
    return tally;
  }

  /** Counts one pair (covered pairs count nowhere). */
  add(p: ReportPair): void {
    if (p.covered) return;
    this.total += 1;
    this.byDevice.set(p.from, (this.byDevice.get(p.from) ?? 0) + 1);
    if (p.to !== p.from) this.byDevice.set(p.to, (this.byDevice.get(p.to) ?? 0) + 1);
    const ma = this.matrixOf.get(p.from);
    const mb = this.matrixOf.get(p.to);
    if (ma !== undefined && mb !== undefined) this.cells[ma]![mb]! += 1;
    const a = this.pictureOf.get(p.from);
    const b = this.pictureOf.get(p.to);
    if (a !== undefined) this.inPicture[a]! += 1;
    if (b !== undefined && b !== a) this.inPicture[b]! += 1;
    for (const g of this.faultGroups(p, a, b)) this.faultsIn[g]! += 1;
  }

  /**
   * Picture groups a broken pair's fault lies in: with the proof's path, the spoke end of the first
   * hop that broke; else the spoke of each direct error, or both ends for an error elsewhere (the
   * hub) or none located, so a broken pair is never drawn green.
   */
  private faultGroups(p: ReportPair, a: number | undefined, b: number | undefined): Set<number> {
    const marked = new Set<number>();
    const spokeGroup = (device: string | undefined): number | undefined =>
      device !== undefined && this.roleOf.get(device) === 'spoke' ? this.pictureOf.get(device) : undefined;
    const brokenHop = p.path?.hops.find((h) => h.steps.some((st) => st.ok === false));
    const leg = brokenHop ? (spokeGroup(brokenHop.device) ?? spokeGroup(brokenHop.tunnelTo)) : undefined;
    if (leg !== undefined) {
      marked.add(leg);
      return marked;
    }
    const faults = p.problems.filter((q) => q.severity === 'error' && q.behind !== true);
    for (const q of faults) {
      const g = spokeGroup(q.device);
      if (g !== undefined) marked.add(g);
      else for (const end of [a, b]) if (end !== undefined) marked.add(end);
    }
    if (faults.length === 0) for (const end of [a, b]) if (end !== undefined) marked.add(end);
    return marked;
  }

  /** Adds another tally of the same network. */
  addTally(other: PairTally): void {
    this.total += other.total;
    for (const [d, n] of other.byDevice) this.byDevice.set(d, (this.byDevice.get(d) ?? 0) + n);
    other.cells.forEach((row, a) => row.forEach((n, b) => (this.cells[a]![b]! += n)));
    other.inPicture.forEach((n, g) => (this.inPicture[g]! += n));
    other.faultsIn.forEach((n, g) => (this.faultsIn[g]! += n));
  }

  /** Pairs from or to a device that are not covered. */
  brokenOf(device: string): number {
    return this.byDevice.get(device) ?? 0;
  }

  /** Pairs from matrix group `a` to matrix group `b` that are not covered. */
  cell(a: number, b: number): number {
    return this.cells[a]?.[b] ?? 0;
  }

  /** Pairs with an end in picture group `g` that are not covered. */
  brokenInPicture(g: number): number {
    return this.inPicture[g] ?? 0;
  }

  /** Pairs whose fault lies in picture group `g`. */
  faultsInPicture(g: number): number {
    return this.faultsIn[g] ?? 0;
  }
}

/**
 * The tally of a result for its report; throws when the result lists fewer pairs that are not
 * covered than it counts and no tally of the others is given (the report would call them covered).
 */
export function reportTally(input: ReportInput, unlisted?: PairTally): PairTally {
  const tally = PairTally.of(input, unlisted);
  const notCovered = input.summary.broken + (input.summary.unverified ?? 0);
  if (tally.total < notCovered) {
    throw new Error(
      `the result lists ${tally.total} of its ${notCovered} broken or unverified pairs: pass the tally of the others (HtmlReportOptions.unlistedPairs, fed by VerifyOptions.onUnlisted), or prove without maxPairs`,
    );
  }
  return tally;
}
