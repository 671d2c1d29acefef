/**
 * Pre-shared key repairs of IKEv2 crypto-map tunnels (keys in the `crypto ikev2 keyring` the
 * entry's profile names, `keyring local K`; docs/ios-semantics.md#ikev2):
 * - PSK_MISSING on the hub, no keyring peer for the spoke: a `peer` block with the spoke's address
 *   and a placeholder key is added to that keyring (the proof reads the spoke's key for the hub);
 * - PSK_MISMATCH, one key each way on both ends: the spoke's key line is re-entered as a
 *   placeholder (the proof reads the hub's key for the spoke).
 * Keys that differ per direction (`pre-shared-key local|remote`) are declined with what must equal
 * what: two placeholders for one peer could not say which key goes where. As everywhere, the tool
 * never invents or prints a key. Identities no profile matches are declined with the reason
 * (see {@link declineIkev2}).
 */
import type { Ikev2Keyring, Ikev2KeyringPeer } from '../ir/router-config.js';
import { prefixContains } from '../ir/ipv4.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import { keyPlaceholder } from './key-repairs.js';
import type { Tunnel, TunnelEnd } from './tunnels.js';

/** The keyring the end's IKEv2 profile signs and verifies with. */
function keyringOf(end: TunnelEnd): Ikev2Keyring | undefined {
  const profile = end.entry?.entry.ikev2Profile;
  if (profile === undefined) return undefined;
  const ring = end.device.config.ikev2Profiles?.find((p) => p.name === profile)?.keyringLocal;
  return ring === undefined ? undefined : end.device.config.ikev2Keyrings?.find((k) => k.name === ring);
}

function peerFor(ring: Ikev2Keyring, address: string): Ikev2KeyringPeer | undefined {
  return ring.peers.find((p) => p.address !== undefined && prefixContains(p.address, { address, prefixLength: 32 }));
}

/** One clear-text key both ways, or undefined (none, encrypted, or one per direction). */
function symmetricKey(p: Ikev2KeyringPeer | undefined): string | undefined {
  if (!p?.key || p.localKey || p.remoteKey || p.key.encryption !== 0) return undefined;
  return p.key.key;
}

/** The last line (1-based) of the block that starts at `line` (its indented lines follow it). */
function blockEnd(lines: readonly string[], line: number): number {
  let i = line;
  while (i < lines.length && /^\s/.test(lines[i]!)) i++;
  return i;
}

function addPeer(ctx: RepairContext, t: Tunnel, ring: Ikev2Keyring, spokeKey: string, out: Proposals): void {
  const at = ring.loc?.line;
  const spoke = t.spoke.address!;
  if (at === undefined) return;
  // A peer name the keyring already has would enter that peer, not add one.
  let name = t.spoke.device.hostname;
  for (let n = 2; ring.peers.some((p) => p.name === name); n++) name = `${t.spoke.device.hostname}-${n}`;
  const head = [` peer ${name}`, `  address ${spoke}`];
  const shown = [...head, `  pre-shared-key ${keyPlaceholder(spoke)}`];
  out.fixes.push({
    action: {
      ...on(t.hub.device, 'PSK_MISSING'),
      kind: 'add-key-placeholder',
      target: `crypto ikev2 keyring ${ring.name}`,
      lines: shown,
      placeholder: true,
    },
    edits: [
      {
        file: t.hub.device.file,
        op: 'insert',
        at: blockEnd(ctx.draft.lines(t.hub.device.file), at),
        lines: shown,
        proofLines: [...head, `  pre-shared-key ${spokeKey}`],
      },
    ],
  });
}

function replaceSpokeKey(t: Tunnel, ring: Ikev2Keyring, peer: Ikev2KeyringPeer, hubKey: string, out: Proposals): void {
  const at = peer.key?.loc?.line;
  const hub = t.hub.address!;
  if (at === undefined) return;
  const shown = `  pre-shared-key ${keyPlaceholder(hub)}`;
  out.fixes.push({
    action: {
      ...on(t.spoke.device, 'PSK_MISMATCH'),
      kind: 'replace-key-placeholder',
      target: `crypto ikev2 keyring ${ring.name} peer ${peer.name}`,
      lines: [shown],
      placeholder: true,
    },
    edits: [
      { file: t.spoke.device.file, op: 'replace', at, lines: [shown], proofLines: [`  pre-shared-key ${hubKey}`] },
    ],
  });
}

const isIkev2 = (t: Tunnel) =>
  t.hub.entry?.entry.ikev2Profile !== undefined && t.spoke.entry?.entry.ikev2Profile !== undefined;

const perDirection = (p: Ikev2KeyringPeer) => p.localKey !== undefined || p.remoteKey !== undefined;

/** The key repair (or decline) of one IKEv2 tunnel. */
function tunnelKeys(ctx: RepairContext, t: Tunnel, out: Proposals): void {
  const hubRing = keyringOf(t.hub);
  const spokeRing = keyringOf(t.spoke);
  if (!hubRing || !spokeRing) return;
  const hubPeer = peerFor(hubRing, t.spoke.address!);
  const spokePeer = peerFor(spokeRing, t.hub.address!);
  const spokeKey = symmetricKey(spokePeer);
  const hubKey = symmetricKey(hubPeer);
  if (!hubPeer && spokeKey !== undefined) addPeer(ctx, t, hubRing, spokeKey, out);
  else if (hubPeer && spokePeer && hubKey !== undefined && spokeKey !== undefined && hubKey !== spokeKey)
    replaceSpokeKey(t, spokeRing, spokePeer, hubKey, out);
  else if (hubPeer && spokePeer && (perDirection(hubPeer) || perDirection(spokePeer)))
    out.declines.push({
      code: 'PSK_ASYMMETRIC_MISMATCH',
      device: t.spoke.device.hostname,
      line: spokePeer.loc?.line ?? 0,
      reason: 'design-decision',
      detail: `the keys differ per direction: ${t.spoke.device.hostname}'s pre-shared-key local for ${t.hub.device.hostname} must equal ${t.hub.device.hostname}'s pre-shared-key remote for it, and its remote the hub's local; which side holds the right key only you know`,
    });
}

/** IKEv2 PSK_MISSING (hub keyring) and PSK_MISMATCH between a spoke and the hub. */
export function repairIkev2Keys(ctx: RepairContext): Proposals {
  const out = none();
  const codes = ['PSK_MISSING', 'PSK_MISMATCH', 'PSK_ASYMMETRIC_MISMATCH'] as const;
  const flagged = new Set(codes.flatMap((c) => findingsOf(ctx, c)).map((f) => f.device));
  for (const t of ctx.tunnels.filter(isIkev2))
    if (
      t.hub.address &&
      t.spoke.address &&
      (flagged.has(t.hub.device.hostname) || flagged.has(t.spoke.device.hostname))
    )
      tunnelKeys(ctx, t, out);
  return out;
}

/**
 * IKEv2 findings the tool leaves, with why: an identity no profile of the responder matches (which
 * of the identity sent and the profile's `match identity remote` is meant is the operator's choice).
 * Proposals that share no suite are ikev2-proposal-repairs.ts's.
 */
export function declineIkev2(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'IKEV2_NO_PROFILE'))
    out.declines.push({
      code: f.code,
      device: f.device,
      line: f.line,
      reason: 'design-decision',
      detail:
        "either the identity the peer sends or the responder profile's match identity remote line is wrong, and only you know which",
    });
  return out;
}
