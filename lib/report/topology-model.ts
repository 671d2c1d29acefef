/**
 * The topology picture as data, before layout: one node per hub, one node per spoke (or per group
 * of spokes in large networks), one edge per tunnel (spoke or group to its hub), each edge
 * coloured by the state of the pairs through it. A pair's traffic crosses the tunnels of both of
 * its end spokes; a broken pair marks red the tunnels where the proof located its fault: the
 * tunnel of a spoke that has an error on the pair, or, for an error on the hub, the tunnels of both
 * end spokes (the hub serves both legs). Problems found behind an earlier failure are
 * consequences, not faults. So one broken spoke turns its own tunnel red, not every tunnel whose
 * pairs reach it. When the verifier gives the pair's path, the first hop with a failed step names
 * the exact leg instead (its device, or the peer it encrypts to).
 */
import type { DeviceGroup } from './device-groups.js';
import type { ReportInput } from './report-input.js';
import { reportTally, type PairTally } from './pair-tally.js';

export { MAX_INDIVIDUAL_SPOKES, SPOKE_GROUPS } from './device-groups.js';

/** Most LAN prefixes listed inside one node. */
const MAX_LISTED_LANS = 3;

/** One box of the picture. */
export interface TopologyNode {
  /** SVG/HTML id, unique in the report. */
  readonly id: string;
  readonly role: 'hub' | 'spoke' | 'other';
  /** Hostname, or the group label. */
  readonly title: string;
  /** Text lines under the title (role, LANs, WANs or group counts). */
  readonly lines: readonly string[];
  /** Member hostnames (one for a single device). */
  readonly members: readonly string[];
  /** Ordered pairs touching the members. */
  readonly pairs: number;
  /** Broken pairs among them. */
  readonly broken: number;
  /** Error findings on member devices. */
  readonly errors: number;
  /** A last line drawn in red (errors on the members). @default - none */
  readonly alert?: string;
}

/** One tunnel (or bundle of tunnels of a spoke group). */
export interface TopologyEdge {
  readonly id: string;
  /** Node id of the spoke or group. */
  readonly source: string;
  /** Node id of the hub. */
  readonly target: string;
  /** Pairs whose traffic uses the tunnel. */
  readonly pairs: number;
  /** Broken pairs whose fault the proof located on this tunnel's spoke(s) or on the hub. */
  readonly broken: number;
}

/** Nodes and edges of the picture. */
export interface TopologyModel {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** True when spokes are drawn as groups. */
  readonly grouped: boolean;
}

function deviceLines(input: ReportInput, hostname: string, lansByDevice: Map<string, string[]>): string[] {
  const device = input.devices.find((d) => d.hostname === hostname);
  const lines: string[] = [];
  lines.push(device?.platform ? `${device.role} · ${device.platform}` : (device?.role ?? 'other'));
  const lans = lansByDevice.get(hostname) ?? [];
  for (const lan of lans.slice(0, MAX_LISTED_LANS)) lines.push(`LAN ${lan}`);
  if (lans.length > MAX_LISTED_LANS) lines.push(`+${lans.length - MAX_LISTED_LANS} more LANs`);
  for (const w of device?.wan ?? []) lines.push(`WAN ${w.address} (${w.interface})`);
  return lines;
}

function groupLines(group: DeviceGroup, lansByDevice: Map<string, string[]>, faulty: number, broken: number): string[] {
  let lans = 0;
  for (const m of group.members) lans += lansByDevice.get(m)?.length ?? 0;
  const lines = [`${group.members.length} ${group.role}s · ${lans} LANs`];
  if (faulty === 0) lines.push(broken > 0 ? 'no errors here' : 'all pairs covered');
  return lines;
}

/**
 * Builds the picture's nodes and edges from a proof result; `tally` counts its pairs that are not
 * covered (by default from the listed pairs, which must then be all of them).
 */
export function buildTopologyModel(input: ReportInput, tally: PairTally = reportTally(input)): TopologyModel {
  const grouped = tally.grouped;
  const groups = tally.pictureGroups;
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.members.forEach((m) => groupOf.set(m, i)));

  const lansByDevice = new Map<string, string[]>();
  const sitesInGroup = groups.map(() => 0);
  const fromPairsInGroup = groups.map(() => 0);
  const siteCount = new Map<string, number>();
  for (const s of input.sites) {
    const list = lansByDevice.get(s.device) ?? [];
    list.push(s.network);
    lansByDevice.set(s.device, list);
    siteCount.set(s.device, (siteCount.get(s.device) ?? 0) + 1);
  }
  const totalSites = input.sites.length;
  for (const [device, k] of siteCount) {
    const g = groupOf.get(device);
    if (g === undefined) continue;
    sitesInGroup[g]! += k;
    fromPairsInGroup[g]! += k * (totalSites - k);
  }

  const errorsOn = new Map<string, number>();
  for (const f of input.findings) if (f.severity === 'error') errorsOn.set(f.device, (errorsOn.get(f.device) ?? 0) + 1);
  const brokenInGroup = groups.map((_, i) => tally.brokenInPicture(i));
  const faultInGroup = groups.map((_, i) => tally.faultsInPicture(i));

  const nodes: TopologyNode[] = groups.map((g, i) => {
    const k = sitesInGroup[i]!;
    const single = g.members.length === 1;
    const faulty = g.members.filter((m) => (errorsOn.get(m) ?? 0) > 0).length;
    let errors = 0;
    for (const m of g.members) errors += errorsOn.get(m) ?? 0;
    return {
      id: `node-${g.id}`,
      role: g.role,
      title: g.label,
      lines: single
        ? deviceLines(input, g.members[0]!, lansByDevice)
        : groupLines(g, lansByDevice, faulty, brokenInGroup[i]!),
      members: g.members,
      // Pairs from a member, plus pairs into a member from outside the group.
      pairs: fromPairsInGroup[i]! + k * (totalSites - k),
      broken: brokenInGroup[i]!,
      errors,
      ...(errors > 0
        ? {
            alert: single
              ? `${errors} error${errors > 1 ? 's' : ''} here`
              : `${faulty} device${faulty > 1 ? 's' : ''} with errors`,
          }
        : {}),
    };
  });

  const hubIndex = new Map<string, number>();
  groups.forEach((g, i) => {
    if (g.role === 'hub') hubIndex.set(g.members[0]!, i);
  });
  const hubOf = new Map(input.devices.map((d) => [d.hostname, d.hub]));
  const edges: TopologyEdge[] = [];
  groups.forEach((g, i) => {
    if (g.role !== 'spoke') return;
    const named = [
      ...new Set(g.members.map((m) => hubOf.get(m)).filter((h): h is string => h !== undefined && hubIndex.has(h))),
    ];
    const hubs = named.length > 0 ? named : [...hubIndex.keys()];
    for (const h of hubs) {
      const node = nodes[i]!;
      edges.push({
        id: `edge-${g.id}-${groups[hubIndex.get(h)!]!.id}`,
        source: node.id,
        target: `node-${groups[hubIndex.get(h)!]!.id}`,
        pairs: node.pairs,
        broken: faultInGroup[i]!,
      });
    }
  });
  return { nodes, edges, grouped };
}
