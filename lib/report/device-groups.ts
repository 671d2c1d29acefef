/**
 * Grouping of spokes for large networks: past a threshold the topology picture and the coverage
 * matrix show groups of consecutive spokes (natural hostname order) instead of one row or node per
 * spoke, so a 200-spoke network stays readable. Broken pairs are still listed one by one.
 */
import type { ReportDevice, ReportInput } from './report-input.js';

/** Above this many spokes, spokes are drawn as groups. */
export const MAX_INDIVIDUAL_SPOKES = 24;

/** Number of spoke groups drawn for large networks. */
export const SPOKE_GROUPS = 12;

/** A set of devices shown as one node or one matrix row. */
export interface DeviceGroup {
  /** Stable id, usable in HTML ids (`g0`, `g1`, ...). */
  readonly id: string;
  /** Human label, e.g. `Hub` or `Spoke001 – Spoke017`. */
  readonly label: string;
  /** Role shared by the members (`hub` groups have exactly one member). */
  readonly role: ReportDevice['role'];
  /** Hostnames in natural order. */
  readonly members: readonly string[];
}

type NaturalKey = readonly (string | number)[];

function naturalKey(s: string): NaturalKey {
  return (s.match(/\d+|\D+/g) ?? []).map((t) => (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57 ? Number(t) : t));
}

function compareKeys(ka: NaturalKey, kb: NaturalKey, a: string, b: string): number {
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares hostnames so that `Spoke2` sorts before `Spoke10`. */
export function naturalCompare(a: string, b: string): number {
  return compareKeys(naturalKey(a), naturalKey(b), a, b);
}

/** Sorts strings naturally, tokenizing each once (linearithmic in comparisons, linear in regex work). */
export function naturalSort(values: readonly string[]): string[] {
  const keyed = values.map((v) => ({ v, k: naturalKey(v) }));
  keyed.sort((p, q) => compareKeys(p.k, q.k, p.v, q.v));
  return keyed.map((p) => p.v);
}

/**
 * Groups devices: every hub is its own group; spokes and other devices are cut into at most
 * `maxGroups` runs of consecutive hostnames per role, or one group per device when a role has at
 * most `maxGroups` devices.
 */
export function groupDevices(devices: readonly ReportDevice[], maxGroups: number): DeviceGroup[] {
  const byRole = (role: ReportDevice['role']): string[] =>
    naturalSort(devices.filter((d) => d.role === role).map((d) => d.hostname));
  const groups: DeviceGroup[] = [];
  const push = (role: ReportDevice['role'], members: string[]): void => {
    const label = members.length === 1 ? members[0]! : `${members[0]} – ${members[members.length - 1]}`;
    groups.push({ id: `g${groups.length}`, label, role, members });
  };
  for (const hub of byRole('hub')) push('hub', [hub]);
  for (const role of ['spoke', 'other'] as const) {
    const names = byRole(role);
    if (names.length <= maxGroups) {
      for (const n of names) push(role, [n]);
      continue;
    }
    const size = Math.ceil(names.length / maxGroups);
    for (let i = 0; i < names.length; i += size) push(role, names.slice(i, i + size));
  }
  return groups;
}

/** Per device: how many ordered pairs touch it (either end) and how many of those are broken. */
export interface DevicePairCounts {
  readonly total: number;
  readonly broken: number;
}

/**
 * Pair counts per device. Totals come from the sites (every ordered pair of sites on different
 * devices is a pair), so they are right even when the result lists only broken pairs.
 */
export function pairCountsByDevice(input: ReportInput): Map<string, DevicePairCounts> {
  const sitesOf = new Map<string, number>();
  for (const s of input.sites) sitesOf.set(s.device, (sitesOf.get(s.device) ?? 0) + 1);
  const totalSites = input.sites.length;
  const broken = new Map<string, number>();
  for (const p of input.pairs) {
    if (p.covered) continue;
    broken.set(p.from, (broken.get(p.from) ?? 0) + 1);
    if (p.to !== p.from) broken.set(p.to, (broken.get(p.to) ?? 0) + 1);
  }
  const out = new Map<string, DevicePairCounts>();
  for (const d of input.devices) {
    const k = sitesOf.get(d.hostname) ?? 0;
    out.set(d.hostname, { total: 2 * k * (totalSites - k), broken: broken.get(d.hostname) ?? 0 });
  }
  return out;
}
