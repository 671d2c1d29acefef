/**
 * WRONG_PEER on the hub: an earlier entry's list captures traffic meant for another spoke, so IOS
 * sends it to the wrong peer (first matching entry wins, docs/ios-semantics.md#crypto-map-selection).
 * The hub's entry for a spoke protects traffic to that spoke's sites only, so a permit line whose
 * destinations all lie in another device's sites is removed from it (the entry for that device
 * carries the traffic); an entry left with nothing to protect goes with its list. A line whose destinations span several devices, or an entry whose peer
 * owns no sites, is the operator's call.
 */
import { compileAcl, type CompiledAclLine } from '../rules/acl.js';
import { compileCryptoMap, type CompiledCryptoEntry } from '../rules/crypto-map.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import { blockEnd } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';

/** The devices whose sites a destination interval meets. */
function owners(ctx: RepairContext, lo: number, hi: number): Set<ModelDevice> {
  return new Set(ctx.model.sites.filter((s) => s.range[0] <= hi && lo <= s.range[1]).map((s) => s.device));
}

/** True when a permit line's destinations all lie in the sites of one device other than the entry's peer and the hub. */
function capturesOther(ctx: RepairContext, l: CompiledAclLine, peer: ModelDevice, hub: ModelDevice): boolean {
  const meets = new Set(l.boxes.flatMap((b) => [...owners(ctx, b.dst[0], b.dst[1])]));
  return l.action === 'permit' && l.rule.loc !== undefined && meets.size === 1 && !meets.has(peer) && !meets.has(hub);
}

/** The device owning an entry's first peer. */
function peerDevice(ctx: RepairContext, entry: CompiledCryptoEntry): ModelDevice | undefined {
  const peer = entry.entry.peers[0];
  return peer === undefined ? undefined : ctx.model.owner(peer)?.device;
}

/** Lines of the hub's entries that capture another spoke's traffic, removed. */
export function narrowCaptures(ctx: RepairContext): Proposals {
  const out = none();
  const hub = ctx.model.hub;
  if (!hub || findingsOf(ctx, 'WRONG_PEER', hub.hostname).length === 0) return out;
  const lines = ctx.draft.lines(hub.file);
  const done = new Set<number>();
  const config = hub.config;
  for (const map of config.cryptoMaps) {
    const entries: readonly CompiledCryptoEntry[] = compileCryptoMap(config, map).entries;
    for (const entry of entries) {
      const acl = entry.acl;
      const spoke = peerDevice(ctx, entry);
      if (!acl || entry.status !== 'active' || !spoke || spoke === hub) continue;
      const rules = compileAcl(acl).lines;
      const captures = rules.filter((l) => capturesOther(ctx, l, spoke, hub));
      if (captures.length === 0) continue;
      const header = entry.entry.loc?.line;
      if (captures.length === rules.length && header !== undefined) {
        // Nothing would be left to protect: the entry and its list go.
        const at = [...captures.map((l) => l.rule.loc!.line)];
        for (let n = header; n <= blockEnd(lines, header); n += 1) at.push(n);
        out.fixes.push({
          action: {
            ...on(hub, 'WRONG_PEER'),
            kind: 'remove-capturing-entry',
            target: `crypto map ${map.name} ${entry.entry.seq}`,
            lines: [],
            replaces: (lines[header - 1] ?? '').trim(),
          },
          edits: at
            .filter((n) => !done.has(n))
            .map((n) => ({ file: hub.file, op: 'delete' as const, at: n, lines: [] })),
        });
        for (const n of at) done.add(n);
        continue;
      }
      for (const l of captures) {
        const at = l.rule.loc!.line;
        if (done.has(at)) continue;
        done.add(at);
        out.fixes.push({
          action: {
            ...on(hub, 'WRONG_PEER'),
            kind: 'remove-acl-line',
            target: `access-list ${acl.name}`,
            lines: [],
            replaces: (lines[at - 1] ?? '').trim(),
          },
          edits: [{ file: hub.file, op: 'delete', at, lines: [] }],
        });
      }
    }
  }
  return out;
}
