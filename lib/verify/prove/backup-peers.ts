/**
 * Backup peers (docs/ios-semantics.md#peers): the peers of an entry's `set peer` list after the
 * one IOS uses would carry its traffic if that one failed. Each must be owned, reachable over the
 * underlay, answer on a crypto map and negotiate like the primary; then the rest of the path
 * through it is walked as well, by a sub-walk whose errors are reported as BACKUP_PEER_BROKEN
 * warnings on the entry (never as errors: the primary path carries the traffic).
 */
import type { CryptoMap, CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import { cryptoMapOf, type EgressPiece } from '../../rules/crypto-map.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import { decryptedIngress, tunnelBlocked } from './filter-checks.js';
import { cachedUnderlayProblem } from './underlay-reach.js';
import type { WalkContext } from './walk-context.js';

/** A crypto map entry of a device, on the interface its traffic leaves by. */
export interface EntryAt {
  readonly device: ModelDevice;
  readonly map: CryptoMap;
  readonly entry: CryptoMapEntry;
  readonly iface: InterfaceConfig;
}

/** Checks every peer of the entry's list after `used` (the one its traffic goes to). */
export function checkBackups(
  w: WalkContext,
  at: EntryAt,
  piece: EgressPiece,
  local: string | undefined,
  dest: Site,
  hops: number,
  used: number,
): void {
  for (const backup of at.entry.peers.slice(used + 1)) {
    const failure = firstHopFailure(w, at, piece, local, backup, dest, hops);
    if (failure) w.report(finding.backupPeerBroken({ ...at, peer: backup, line: piece.line, failure }), false);
  }
}

/**
 * Why the backup peer fails at the first hop, or undefined when it works (and then the rest of its
 * path has been walked, with what that walk found added to this pair).
 */
function firstHopFailure(
  w: WalkContext,
  at: EntryAt,
  piece: EgressPiece,
  local: string | undefined,
  backup: string,
  dest: Site,
  hops: number,
): finding.BackupFailure | undefined {
  const owner = w.env.model.owner(backup, local);
  if (!owner) return { kind: 'no-owner' };
  const unreachable = cachedUnderlayProblem(
    w.env.reachability,
    w.env.model,
    at.device,
    at.iface,
    backup,
    owner.device,
    owner.interface,
  );
  if (!local || unreachable) return { kind: 'unreachable', unreachable };
  const map = cryptoMapOf(owner.device.config, owner.interface.name);
  if (!map) return { kind: 'no-crypto-map', owner };
  const outcome = w.env.negotiator.negotiate({
    initiator: at.device,
    entry: piece.entry,
    line: piece.line,
    initiatorAddress: local,
    peerAddress: backup,
    responder: owner.device,
    responderMap: map,
  });
  if (!outcome.ok) return { kind: 'negotiation', outcome };
  const sub = w.subWalk({ device: at.device, map: at.map, entry: at.entry, peer: backup });
  // The backup tunnel crosses the same interface lists as the primary's: IKE and ESP on both
  // crypto interfaces, then the decrypted traffic into the backup peer.
  tunnelBlocked(at.device, at.iface, local, owner.device, owner.interface, backup, sub.reporter, false);
  sub.onward(
    piece.space,
    decryptedIngress(owner.device, owner.interface, piece.space, sub.reporter, false),
    false,
    (s, b) => sub.walk(owner.device, s, dest, hops + 1, b, owner.interface),
  );
  for (const p of sub.problems.keys()) if (!w.problems.has(p)) w.problems.set(p, false);
  return undefined;
}
