/**
 * Checks that do not follow a path, so they report a defect even while another defect hides it on
 * every path: crypto ACLs mirrored line by line in both directions between every two devices whose
 * entries name each other, crypto ACL networks that no site owns (typos), and overlapping sites.
 * The mirror test is the phase 2 proxy rule of `lib/rules/ike-phase2.ts` (a proposal line must lie
 * inside the mirror of one permit line of the peer's entry for this device).
 */
import type { AccessList, CryptoMap } from '../../ir/router-config.js';
import { compileAcl, type CompiledAclLine } from '../../rules/acl.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import { natRequestFields } from '../prove/nat-addresses.js';
import { compileCryptoMap, cryptoMapBindings, cryptoMapOf, type CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { mirrorBox, type HeaderBox, type Interval } from '../../rules/header-space.js';
import { proxyAccepted } from '../../rules/ike-phase2.js';
import * as finding from './catalogue.js';
import { networkOf, numberToIp, prefixBounds } from '../../ir/ipv4.js';
import { mergeIntervals } from '../../rules/intervals.js';
import { rangesMeet } from '../../rules/wan.js';
import { entriesForPeer, proxyMismatch, type Negotiator } from '../prove/negotiation.js';
import type { ModelDevice, NetworkModel, Site } from '../model/network-model.js';
import type { PeerChooser } from '../prove/peer-choice.js';
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { ProblemBook } from './problem-book.js';
import type { Problem } from '../types.js';
import { IdentityCache } from '../../ir/identity-cache.js';

function boxesKey(boxes: readonly HeaderBox[]): string {
  return boxes
    .map(
      (b) =>
        `${b.src[0]},${b.src[1]},${b.dst[0]},${b.dst[1]},${b.proto[0]},${b.proto[1]},${b.sport[0]},${b.sport[1]},${b.dport[0]},${b.dport[1]}`,
    )
    .join(';');
}

const exactIndex = new IdentityCache<AccessList, Map<string, CompiledAclLine>>();

/** Permit lines of an ACL by their exact boxes (fast path for exact mirrors). */
function permitsByBoxes(entry: CompiledCryptoEntry): Map<string, CompiledAclLine> {
  return exactIndex.get(entry.acl!, indexPermits);
}

function indexPermits(acl: AccessList): Map<string, CompiledAclLine> {
  const m = new Map<string, CompiledAclLine>();
  for (const l of compileAcl(acl).lines)
    if (l.action === 'permit' && !m.has(boxesKey(l.boxes))) m.set(boxesKey(l.boxes), l);
  return m;
}

/** True when some entry accepts the line as a proposal (phase 2 proxy rule). */
function mirrored(line: CompiledAclLine, entries: readonly CompiledCryptoEntry[], exact: boolean): boolean {
  const key = boxesKey(line.boxes.map(mirrorBox));
  for (const e of entries) {
    if (permitsByBoxes(e).has(key)) return true;
  }
  const want = line.boxes.map(mirrorBox);
  for (const e of entries) {
    const acl = compileAcl(e.acl!);
    for (const i of acl.candidates(want)) {
      if (proxyAccepted(line.boxes, acl.lines[i]!, exact)) return true;
    }
  }
  return false;
}

/** Maps a device uses: the applied ones, or every defined one when none is applied. */
function mapsOf(d: ModelDevice): { map: CryptoMap; local: string[] }[] {
  const applied = cryptoMapBindings(d.config).filter((b) => b.map);
  if (applied.length > 0) {
    const byMap = new Map<CryptoMap, string[]>();
    for (const b of applied) {
      const list = byMap.get(b.map!) ?? [];
      const local = cryptoLocalAddress(d.config, b.interface);
      if (local) list.push(local);
      byMap.set(b.map!, list);
    }
    return [...byMap].map(([map, local]) => ({ map, local }));
  }
  const all = d.config.interfaces.flatMap((i) => (i.address && !i.shutdown ? [i.address.ip] : []));
  return d.config.cryptoMaps.map((map) => ({ map, local: all }));
}

/**
 * Line-by-line mirror check of every entry against the peer's entries for this device. With a
 * negotiator, each line is checked by the phase 2 negotiation the paths would run (so the result
 * is cached for them); a map applied nowhere is checked against every entry of the peer instead.
 */
export function checkMirrors(
  model: NetworkModel,
  book: ProblemBook,
  exact: boolean,
  negotiator?: Negotiator,
  peers?: PeerChooser,
): void {
  // A line that names a network no site owns is UNKNOWN_NETWORK (its root cause); the peer cannot
  // be expected to mirror it.
  const known = knownRanges(model);
  const skip = (line: CompiledAclLine) => namesUnknownNetwork(known, line);
  for (let di = 0; di < model.devices.length; di += 1) {
    const d = model.devices[di]!;
    const bindings = negotiator
      ? cryptoMapBindings(d.config).filter((b) => b.map && cryptoLocalAddress(d.config, b.interface))
      : [];
    const viaNegotiation = new Set(bindings.map((b) => b.map!));
    for (let k = 0; k < bindings.length; k += 1)
      checkMirrorsByNegotiation(model, book, negotiator!, d, bindings[k]!.map!, bindings[k]!.interface, peers, skip);
    // Usually every map of the device was checked by negotiation just now.
    if (d.config.cryptoMaps.every((m) => viaNegotiation.has(m))) continue;
    for (const { map, local } of mapsOf(d)) {
      if (viaNegotiation.has(map)) continue;
      for (const ce of compileCryptoMap(d.config, map).entries) {
        if (ce.status !== 'active' || ce.dynamic) continue;
        const owner = model.owner(ce.entry.peers[0]!);
        if (!owner || owner.device === d) continue;
        const p = owner.device;
        const pMaps = mapsOf(p);
        const pEntries = pMaps.flatMap(({ map: pm }) => local.flatMap((addr) => entriesForPeer(p, pm, addr)));
        if (pEntries.length === 0) continue;
        for (const line of compileAcl(ce.acl!).lines) {
          if (line.action !== 'permit' || skip(line)) continue;
          if (!mirrored(line, pEntries, exact))
            book.add(finding.negotiationFinding(proxyMismatch(d, line, p, pEntries[0])));
        }
      }
    }
  }
}

function checkMirrorsByNegotiation(
  model: NetworkModel,
  book: ProblemBook,
  negotiator: Negotiator,
  d: ModelDevice,
  map: CryptoMap,
  iface: InterfaceConfig,
  peers: PeerChooser | undefined,
  skip: (line: CompiledAclLine) => boolean,
): void {
  const local = cryptoLocalAddress(d.config, iface)!;
  const entries = compileCryptoMap(d.config, map).entries;
  for (let e = 0; e < entries.length; e += 1) {
    const ce = entries[e]!;
    if (ce.status !== 'active' || ce.dynamic) continue;
    // The peer the entry's traffic actually goes to (failover, docs/ios-semantics.md#peers).
    const peerAddress = peers ? peers.choose(d, iface, ce.entry).peer : ce.entry.peers[0]!;
    const owner = model.owner(peerAddress, local);
    if (!owner || owner.device === d) continue;
    const p = owner.device;
    const pMap = cryptoMapOf(p.config, owner.interface.name) ?? p.config.cryptoMaps.find((m) => m.entries.length > 0);
    // No entry for us at all is a path problem (the peer refuses every proposal), not a mirror gap.
    if (!pMap || compileCryptoMap(p.config, pMap).entriesForPeer(model.seenAs(d, local)).length === 0) continue;
    const lines = compileAcl(ce.acl!).lines;
    for (let l = 0; l < lines.length; l += 1) {
      const line = lines[l]!;
      if (line.action !== 'permit' || skip(line)) continue;
      const outcome = negotiator.negotiate({
        initiator: d,
        entry: ce,
        line,
        initiatorAddress: local,
        peerAddress,
        responder: p,
        responderMap: pMap,
        ...natRequestFields(model, d, local, owner),
      });
      for (let c = 0; c < outcome.causes.length; c += 1) {
        const cause = outcome.causes[c]!;
        if (finding.negotiationCode(cause) === 'PROXY_MISMATCH') book.add(finding.negotiationFinding(cause));
      }
    }
  }
}

/** Sites sorted by first address (for interval queries). */
export function sortSites(sites: readonly Site[]): Site[] {
  return [...sites].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

/** Edit distance between two short strings (Levenshtein). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1)
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Typing distance of two dotted quads: the edit distances of their four octets, summed. */
export function octetDistance(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  let sum = 0;
  for (let i = 0; i < 4; i += 1) sum += editDistance(x[i] ?? '', y[i] ?? '');
  return sum;
}

/**
 * The site a typo most likely meant: the smallest octet-by-octet edit distance from the written
 * network (172.168.2.0 is one keystroke from 172.16.2.0, two from 172.16.1.0), then the device's
 * own sites before others (a crypto ACL names its own LAN on one side), then the same prefix
 * length, then address order (deterministic).
 */
export function closestSite(sites: readonly Site[], [lo, hi]: Interval, own: ModelDevice): Site | undefined {
  const written = numberToIp(lo);
  const length = 32 - Math.log2(hi - lo + 1);
  let best: Site | undefined;
  let bestKey: number[] = [];
  for (const s of sites) {
    const key = [
      octetDistance(written, s.prefix.address),
      s.device === own ? 0 : 1,
      Math.abs(s.prefix.prefixLength - length),
      s.range[0],
    ];
    if (!best || less(key, bestKey)) {
      best = s;
      bestKey = key;
    }
  }
  return best;
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** True when one side of a permit line holds no site at all (the line UNKNOWN_NETWORK reports). */
function namesUnknownNetwork(known: readonly Interval[], line: CompiledAclLine): boolean {
  if (known.length === 0 || line.boxes.length === 0) return false;
  const side = (dim: 'src' | 'dst') => line.boxes.some((b) => rangesMeet(known, b[dim]));
  return (line.rule.source.kind !== 'any' && !side('src')) || (line.rule.destination.kind !== 'any' && !side('dst'));
}

/**
 * The networks some device has: the sites, and the subnet of every up interface address (a site
 * left out by the site rule or by `exclude` is still no typo), merged.
 */
function knownRanges(model: NetworkModel): Interval[] {
  const out: Interval[] = model.sites.map((x) => x.range);
  for (const d of model.devices) {
    for (const i of d.config.interfaces) {
      if (i.shutdown) continue;
      for (const a of [...(i.address ? [i.address] : []), ...i.secondaryAddresses])
        out.push(prefixBounds(networkOf(a.ip, a.prefixLength)));
    }
  }
  return mergeIntervals(out);
}

/** UNKNOWN_NETWORK: a crypto ACL permit line whose source or destination holds no site at all. */
export function checkUnknownNetworks(model: NetworkModel, book: ProblemBook): void {
  const sorted = sortSites(model.sites);
  if (sorted.length === 0) return;
  const known = knownRanges(model);
  // Every line of every crypto ACL is read: indexed loops (see header-space.ts).
  for (let di = 0; di < model.devices.length; di += 1) {
    const d = model.devices[di]!;
    let seen: Set<string> | undefined;
    for (let m = 0; m < d.config.cryptoMaps.length; m += 1) {
      const entries = compileCryptoMap(d.config, d.config.cryptoMaps[m]!).entries;
      for (let e = 0; e < entries.length; e += 1) {
        const acl = entries[e]!.acl;
        if (!acl) continue;
        if (entries.length > 1 || d.config.cryptoMaps.length > 1) {
          seen ??= new Set();
          if (seen.has(acl.name)) continue;
          seen.add(acl.name);
        }
        const lines = compileAcl(acl).lines;
        for (let l = 0; l < lines.length; l += 1) {
          const line = lines[l]!;
          if (line.action !== 'permit') continue;
          if (line.rule.source.kind !== 'any') checkUnknownSide(d, acl.name, line, 'src', sorted, known, book);
          if (line.rule.destination.kind !== 'any') checkUnknownSide(d, acl.name, line, 'dst', sorted, known, book);
        }
      }
    }
  }
}

function checkUnknownSide(
  d: ModelDevice,
  aclName: string,
  line: CompiledAclLine,
  dim: 'src' | 'dst',
  sorted: readonly Site[],
  known: readonly Interval[],
  book: ProblemBook,
): void {
  // A line without boxes (an empty port range) matches nothing, so it protects nothing.
  if (line.boxes.length === 0) return;
  for (let b = 0; b < line.boxes.length; b += 1) if (rangesMeet(known, line.boxes[b]![dim])) return;
  const first = line.boxes[0]![dim];
  book.add(
    finding.unknownNetwork({
      device: d,
      acl: aclName,
      line,
      side: dim,
      range: first,
      closest: closestSite(sorted, first, d),
    }),
  );
}

/** A site that overlaps a site of another device, with its finding. */
export interface SiteOverlap {
  readonly site: Site;
  readonly problem: Problem;
}

/**
 * OVERLAPPING_SITES: two sites on different devices share addresses. Returns the finding of each
 * site it is pinned to, so every pair of that site can list it.
 */
export function checkOverlappingSites(model: NetworkModel, book: ProblemBook): SiteOverlap[] {
  const sorted = sortSites(model.sites);
  const overlaps: SiteOverlap[] = [];
  let widest: Site | undefined;
  for (const s of sorted) {
    if (widest && s.range[0] <= widest.range[1] && s.device !== widest.device) {
      overlaps.push({ site: s, problem: book.add(finding.overlappingSites({ site: s, other: widest })) });
    }
    if (!widest || s.range[1] > widest.range[1]) widest = s;
  }
  return overlaps;
}

/** NO_SITE: every device that takes part in the VPN but lost all its inferred sites (docs/ios-semantics.md#sites). */
export function checkNoSite(model: NetworkModel, book: ProblemBook): void {
  for (const d of model.devices) if (d.noSite) book.add(finding.noSite({ device: d, wan: d.noSite }));
}
