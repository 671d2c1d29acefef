/**
 * Pre-shared key repairs (PSK_MISSING, PSK_MISMATCH) on global `crypto isakmp key` lines. The tool
 * never invents or prints a key: the line it writes holds a placeholder the operator replaces with
 * the key (the one the peer already holds for this device, or a new one typed on both ends). The
 * proof reads, in place of the placeholder, the peer's key for this device, or one in-memory key
 * shared by the two placeholders of a pair, so it proves the network the operator gets once the
 * placeholders hold the same key. Keys kept in keyrings are left to the operator (which keyring
 * and profile a key belongs in is a design decision).
 */
import type { IsakmpKey } from '../ir/router-config.js';
import { isakmpKeyLine } from '../render/crypto-sections.js';
import { findPsk } from '../rules/psk.js';
import { globalAnchor, lastMatching } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import type { Tunnel, TunnelEnd } from './tunnels.js';

/** The text a key placeholder takes in repaired configs and plans (never a real key). */
export function keyPlaceholder(peer: string): string {
  return `<key-for-${peer}>`;
}

/** True when a line holds a key placeholder. */
export function hasKeyPlaceholder(line: string): boolean {
  return /<key-for-\d+\.\d+\.\d+\.\d+>/.test(line);
}

function keyLine(key: string, address: string): string {
  return isakmpKeyLine({ key, encryption: 0, address, prefixLength: 32 } as IsakmpKey);
}

function keyAnchor(lines: readonly string[]): number {
  return (
    lastMatching(lines, /^crypto isakmp key\s/) ??
    lastMatching(lines, /^(crypto isakmp policy\s| (encr|encryption|hash|authentication|group|lifetime)\s)/) ??
    globalAnchor(lines)
  );
}

/** The key one end holds for the other, when it is a global clear-text key. */
function clearKey(end: TunnelEnd, peer: string | undefined): IsakmpKey | undefined {
  const k = peer === undefined ? undefined : findPsk(end.device.config, peer);
  return k && k.encryption === 0 ? k : undefined;
}

function hasKeyrings(e: TunnelEnd): boolean {
  return (e.device.config.keyrings?.length ?? 0) > 0;
}

/** A placeholder key line for `peer` on `end`; the proof reads `proofKey` there. */
function addKey(ctx: RepairContext, end: TunnelEnd, peer: string, proofKey: string, out: Proposals): void {
  if (hasKeyrings(end)) {
    out.declines.push({ code: 'PSK_MISSING', device: end.device.hostname, line: 0, reason: 'design-decision' });
    return;
  }
  const shown = keyLine(keyPlaceholder(peer), peer);
  out.fixes.push({
    action: {
      ...on(end.device, 'PSK_MISSING'),
      kind: 'add-key-placeholder',
      target: `crypto isakmp key address ${peer}`,
      lines: [shown],
      placeholder: true,
    },
    edits: [
      {
        file: end.device.file,
        op: 'insert',
        at: keyAnchor(ctx.draft.lines(end.device.file)),
        lines: [shown],
        proofLines: [keyLine(proofKey, peer)],
      },
    ],
  });
}

/** The spoke's key for the hub re-entered as a placeholder; the proof reads the hub's key for the spoke. */
function replaceSpokeKey(t: Tunnel, hubAddress: string, spokeAddress: string, out: Proposals): void {
  const sk = findPsk(t.spoke.device.config, hubAddress);
  const hubClear = clearKey(t.hub, spokeAddress);
  const at = sk?.loc?.line;
  if (
    !sk ||
    !hubClear ||
    at === undefined ||
    hasKeyrings(t.spoke) ||
    sk.address !== hubAddress ||
    sk.prefixLength !== 32
  ) {
    out.declines.push({
      code: 'PSK_MISMATCH',
      device: t.spoke.device.hostname,
      line: at ?? 0,
      reason: 'design-decision',
    });
    return;
  }
  const shown = keyLine(keyPlaceholder(hubAddress), hubAddress);
  out.fixes.push({
    action: {
      ...on(t.spoke.device, 'PSK_MISMATCH'),
      kind: 'replace-key-placeholder',
      target: `crypto isakmp key address ${hubAddress}`,
      lines: [shown],
      placeholder: true,
    },
    edits: [
      {
        file: t.spoke.device.file,
        op: 'replace',
        at,
        lines: [shown],
        proofLines: [keyLine(hubClear.key, hubAddress)],
      },
    ],
  });
}

/** PSK_MISSING / PSK_MISMATCH between a spoke and the hub: placeholders on the side at fault. */
export function repairKeys(ctx: RepairContext): Proposals {
  const out = none();
  const missing = new Set(findingsOf(ctx, 'PSK_MISSING').map((f) => f.device));
  const mismatch = new Set(findingsOf(ctx, 'PSK_MISMATCH').map((f) => f.device));
  if (missing.size + mismatch.size === 0) return out;
  for (const t of ctx.tunnels) {
    const { hub, spoke } = t;
    if (!hub.address || !spoke.address) continue;
    // Both ends missing: the two placeholders stand for one key the operator types on both.
    const shared = `hubspoke-proof-only-${hub.address}-${spoke.address}-Zq7Wm3Xr9Tk2`;
    const hk = findPsk(hub.device.config, spoke.address);
    const sk = findPsk(spoke.device.config, hub.address);
    if (!sk && missing.has(spoke.device.hostname))
      addKey(ctx, spoke, hub.address, clearKey(hub, spoke.address)?.key ?? shared, out);
    // A spoke the hub serves from a dynamic map has no address the hub can key on: a wildcard or
    // keyring key is the operator's design.
    if (!hk && missing.has(hub.device.hostname) && !hub.entry)
      out.declines.push({ code: 'PSK_MISSING', device: hub.device.hostname, line: 0, reason: 'design-decision' });
    else if (!hk && missing.has(hub.device.hostname))
      addKey(ctx, hub, spoke.address, clearKey(spoke, hub.address)?.key ?? shared, out);
    if (hk && sk && (mismatch.has(spoke.device.hostname) || mismatch.has(hub.device.hostname)))
      replaceSpokeKey(t, hub.address, spoke.address, out);
  }
  return out;
}
