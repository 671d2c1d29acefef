/**
 * Crypto map repairs: a map applied to the WAN interface that lacks it (CRYPTO_MAP_NOT_APPLIED),
 * a reference to an object that does not exist corrected to the one object that fits
 * (UNDEFINED_CRYPTO_MAP, UNDEFINED_TRANSFORM_SET), and a `set peer` corrected to the address the
 * design says (UNKNOWN_PEER, NO_ENTRY_FOR_PEER): on a spoke the hub's IKE address, on the hub the
 * IKE address of the spoke whose sites the entry's list protects. When more than one object
 * fits, which one was meant is the operator's call (declined as ambiguous).
 */
import type { CryptoMapEntry } from '../ir/router-config.js';
import { compileAcl } from '../rules/acl.js';
import { sameTransforms } from '../rules/ike-phase2.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import { blockEnd, inBlock } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import { ikeAddress } from './tunnels.js';

/** CRYPTO_MAP_NOT_APPLIED: the device's one map applied to each WAN interface without one. */
export function applyCryptoMaps(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'CRYPTO_MAP_NOT_APPLIED')) {
    const device = ctx.model.byHostname.get(f.device);
    if (!device) continue;
    const maps = device.config.cryptoMaps.filter((m) => m.entries.length > 0);
    const wans = device.config.interfaces.filter((i) => device.wan.has(i.name) && i.cryptoMap === undefined && i.loc);
    if (maps.length !== 1 || wans.length === 0) {
      out.declines.push({
        code: f.code,
        device: f.device,
        line: f.line,
        reason: 'ambiguous',
        detail: maps.map((m) => m.name).join(', '),
      });
      continue;
    }
    const lines = ctx.draft.lines(device.file);
    for (const i of wans) {
      const line = ` crypto map ${maps[0]!.name}`;
      out.fixes.push({
        action: {
          ...on(device, f.code),
          kind: 'apply-crypto-map',
          target: `interface ${i.name}`,
          lines: [line.trim()],
        },
        edits: [{ file: device.file, op: 'insert', at: blockEnd(lines, i.loc!.line), lines: [line] }],
      });
    }
  }
  return out;
}

/** UNDEFINED_CRYPTO_MAP: the interface names the device's only map. */
export function correctMapNames(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'UNDEFINED_CRYPTO_MAP')) {
    const device = ctx.model.byHostname.get(f.device);
    if (!device) continue;
    const defined = new Set(device.config.cryptoMaps.map((m) => m.name));
    const maps = device.config.cryptoMaps.filter((m) => m.entries.length > 0);
    const lines = ctx.draft.lines(device.file);
    for (const i of device.config.interfaces) {
      if (i.cryptoMap === undefined || defined.has(i.cryptoMap) || !i.loc) continue;
      const at = inBlock(lines, i.loc.line, /^\s+crypto map\s/);
      if (maps.length !== 1 || at === undefined) {
        out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
        continue;
      }
      const by = ` crypto map ${maps[0]!.name}`;
      out.fixes.push({
        action: {
          ...on(device, f.code),
          kind: 'correct-interface-crypto-map',
          target: `interface ${i.name}`,
          lines: [by.trim()],
          replaces: lines[at - 1]!.trim(),
        },
        edits: [{ file: device.file, op: 'replace', at, lines: [by] }],
      });
    }
  }
  return out;
}

/** UNDEFINED_TRANSFORM_SET: the undefined name replaced by the one defined set identical to one the peer's entry uses. */
export function correctTransformSetNames(ctx: RepairContext): Proposals {
  const out = none();
  if (findingsOf(ctx, 'UNDEFINED_TRANSFORM_SET').length === 0) return out;
  for (const t of ctx.tunnels) {
    for (const [end, other] of [
      [t.spoke, t.hub],
      [t.hub, t.spoke],
    ] as const) {
      const entry = end.entry?.entry;
      if (!entry?.loc) continue;
      const cfg = end.device.config;
      const defined = new Set(cfg.transformSets.map((s) => s.name));
      const missing = entry.transformSets.filter((n) => !defined.has(n));
      if (missing.length === 0) continue;
      const wanted = other.entry?.transformSets ?? [];
      const fits = cfg.transformSets.filter((s) => wanted.some((w) => sameTransforms(w.transforms, s.transforms)));
      const lines = ctx.draft.lines(end.device.file);
      const at = inBlock(lines, entry.loc.line, /^\s+set transform-set\s/);
      if (fits.length !== 1 || at === undefined) {
        out.declines.push({
          code: 'UNDEFINED_TRANSFORM_SET',
          device: end.device.hostname,
          line: at ?? entry.loc.line,
          reason: 'ambiguous',
        });
        continue;
      }
      const names = [...new Set(entry.transformSets.map((n) => (defined.has(n) ? n : fits[0]!.name)))];
      const by = ` set transform-set ${names.join(' ')}`;
      out.fixes.push({
        action: {
          ...on(end.device, 'UNDEFINED_TRANSFORM_SET'),
          kind: 'correct-transform-set-name',
          target: `crypto map ${end.map?.name ?? ''} ${entry.seq}`,
          lines: [by.trim()],
          replaces: lines[at - 1]!.trim(),
        },
        edits: [{ file: end.device.file, op: 'replace', at, lines: [by] }],
      });
    }
  }
  return out;
}

/** The entry of a device holding a config line (the entry header or one of its lines). */
function entryAt(
  device: ModelDevice,
  lines: readonly string[],
  line: number,
): { map: string; entry: CryptoMapEntry } | undefined {
  for (const m of device.config.cryptoMaps)
    for (const e of m.entries)
      if (e.loc && e.loc.line <= line && line <= blockEnd(lines, e.loc.line)) return { map: m.name, entry: e };
  return undefined;
}

/** The IKE address an entry's peer should be: the hub's from a spoke; from the hub, the one spoke whose sites its list protects. */
function intendedPeer(ctx: RepairContext, device: ModelDevice, entry: CryptoMapEntry): string | undefined {
  const hub = ctx.model.hub;
  if (!hub) return undefined;
  if (device !== hub) return ikeAddress(hub);
  const acl = device.config.accessLists.find((a) => a.name === entry.matchAddress);
  if (!acl) return undefined;
  const owners = new Set<ModelDevice>();
  for (const l of compileAcl(acl).lines) {
    if (l.action !== 'permit') continue;
    for (const b of l.boxes)
      for (const s of ctx.model.sites)
        if (s.device !== hub && s.range[0] <= b.dst[1] && b.dst[0] <= s.range[1]) owners.add(s.device);
  }
  return owners.size === 1 ? ikeAddress([...owners][0]!) : undefined;
}

/** 1-based lines of the `set peer` commands of the entry whose header is at `header`. */
function peerLinesOf(lines: readonly string[], header: number): number[] {
  const out: number[] = [];
  for (let n = header + 1; n <= blockEnd(lines, header); n += 1) if (/^\s+set peer\s/.test(lines[n - 1]!)) out.push(n);
  return out;
}

/** UNKNOWN_PEER, NO_ENTRY_FOR_PEER: the `set peer` line corrected to the intended peer. */
export function correctPeers(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of [...findingsOf(ctx, 'UNKNOWN_PEER'), ...findingsOf(ctx, 'NO_ENTRY_FOR_PEER')]) {
    const device = ctx.model.byHostname.get(f.device);
    if (!device) continue;
    const lines = ctx.draft.lines(device.file);
    const at = entryAt(device, lines, f.line);
    const peerLines = at ? peerLinesOf(lines, at.entry.loc!.line) : [];
    const n = peerLines.length === 1 ? peerLines[0]! : undefined;
    const text = n === undefined ? '' : lines[n - 1]!;
    const m = /^(\s*set peer\s+)(\S+)(.*)$/.exec(text);
    const peer = at && intendedPeer(ctx, device, at.entry);
    if (!m || !peer || peer === m[2] || n === undefined) {
      out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
      continue;
    }
    const by = `${m[1]}${peer}${m[3]}`;
    out.fixes.push({
      action: {
        ...on(device, f.code),
        kind: 'correct-peer',
        target: `crypto map ${at!.map} ${at!.entry.seq}`,
        lines: [by.trim()],
        replaces: text.trim(),
      },
      edits: [{ file: device.file, op: 'replace', at: n, lines: [by] }],
    });
  }
  return out;
}

/** Names of the access lists something on the device uses (entries, interfaces, NAT, route-maps). */
function usedAcls(device: ModelDevice): Set<string> {
  const c = device.config;
  const used = new Set<string>();
  for (const m of c.cryptoMaps) for (const e of m.entries) if (e.matchAddress !== undefined) used.add(e.matchAddress);
  for (const i of c.interfaces) for (const g of [i.accessGroupIn, i.accessGroupOut]) if (g) used.add(g.acl);
  for (const r of c.natRules ?? []) if (r.kind === 'dynamic' && r.match.kind === 'list') used.add(r.match.acl);
  for (const rm of c.routeMaps ?? []) for (const e of rm.entries) for (const a of e.matchAddress) used.add(a);
  return used;
}

/** UNDEFINED_ACL: `match address` corrected to the device's one extended list nothing uses. */
export function correctMatchAddress(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'UNDEFINED_ACL')) {
    const device = ctx.model.byHostname.get(f.device);
    if (!device) continue;
    const lines = ctx.draft.lines(device.file);
    const at = entryAt(device, lines, f.line);
    const missing = at?.entry.matchAddress;
    const n = at && inBlock(lines, at.entry.loc!.line, /^\s+match address\s/);
    const used = usedAcls(device);
    const free = device.config.accessLists.filter((a) => a.type === 'extended' && !used.has(a.name));
    if (!at || n === undefined || missing === undefined) continue;
    // A missing list with a name IOS accepts is created by the region repair; a lone unused list is what was meant.
    if (free.length !== 1) {
      if (/^\d+$/.test(missing) && !/^(1\d\d|2[0-6]\d\d)$/.test(missing))
        out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
      continue;
    }
    const by = ` match address ${free[0]!.name}`;
    out.fixes.push({
      action: {
        ...on(device, f.code),
        kind: 'correct-match-address',
        target: `crypto map ${at.map} ${at.entry.seq}`,
        lines: [by.trim()],
        replaces: lines[n - 1]!.trim(),
      },
      edits: [{ file: device.file, op: 'replace', at: n, lines: [by] }],
    });
  }
  return out;
}
