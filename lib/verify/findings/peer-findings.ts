/**
 * Catalogue: findings about the peer a crypto map entry sends its traffic to
 * (docs/ios-semantics.md#peers): peers that stay silent, that nobody owns, that are the wrong
 * device or unreachable over the underlay, tunnels that work in one direction only, and backup
 * peers that would not carry the traffic.
 */
import type { CryptoMap, CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { AddressOwner } from '../model/network-model.js';
import type { NegotiationOutcome } from '../prove/negotiation-outcome.js';
import type { SilentPeer } from '../prove/peer-choice.js';
import type { Unreachable } from '../prove/underlay-reach.js';
import { at, lineOf, lineRef, regionText } from './describe.js';
import { negotiationFindings } from './negotiation-findings.js';
import { silenceText, unreachableText } from './peer-text.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** A crypto map entry of a device, as the peer findings name and pin it. */
export interface EntryRef {
  readonly device: FindingDevice;
  readonly map: CryptoMap;
  readonly entry: CryptoMapEntry;
}

function entryText(e: EntryRef): string {
  return `entry ${e.map.name} ${e.entry.seq} at ${at(e.device.file, e.entry.loc)}`;
}

function anchor(e: EntryRef): { device: string; file: string; line: number } {
  return { device: e.device.hostname, file: e.device.file, line: lineOf(e.entry.loc) };
}

/** PEER_NOT_ANSWERING: IOS skips `silent` and moves on to `next` (owned by `owner`, when known). */
export function peerNotAnswering(
  f: EntryRef & { readonly silent: SilentPeer; readonly next: string; readonly owner: AddressOwner | undefined },
): ProblemInput {
  const d = f.device;
  const owner = f.owner ? ` (${f.owner.device.hostname} ${f.owner.interface.name})` : '';
  return {
    code: 'PEER_NOT_ANSWERING',
    ...anchor(f),
    message: `peer ${f.silent.peer} of ${entryText(f)} does not answer IKE (${silenceText(f.silent.cause)}), so ${d.hostname} moves on to ${f.next}${owner}`,
    hintValues: { peer: f.silent.peer, device: d.hostname },
    dedupe: f.silent.peer,
  };
}

/**
 * Another device whose entry names the initiator as its peer and mirrors the traffic: the peer the
 * entry likely meant, whose address the unknown one may be a NAT translation of.
 */
export interface LikelyPeer {
  readonly entry: EntryRef;
  /** The initiator's address that entry names. */
  readonly names: string;
  /** The address of that device's crypto interface. @default - none */
  readonly address?: string;
}

/** UNKNOWN_PEER: no device owns the `set peer` address `peer`. */
export function unknownPeer(
  f: EntryRef & { readonly peer: string; readonly likely: LikelyPeer | undefined },
): ProblemInput {
  const d = f.device;
  const q = f.likely;
  const nat = q
    ? `; ${q.entry.device.hostname} ${entryText(q.entry)} names ${q.names} as its peer and mirrors this traffic, so ${q.entry.device.hostname}${q.address ? ` (${q.address})` : ''} is likely the intended peer: if it sits behind NAT, ${f.peer} may be its NAT address (declare it in topology.json, wan[].publicAddress, to prove the pairs through it)`
    : '';
  return {
    code: 'UNKNOWN_PEER',
    ...anchor(f),
    message: `peer ${f.peer} of ${entryText(f)} is an address no device owns${nat}`,
    hintValues: { device: d.hostname, peer: f.peer },
  };
}

/** WRONG_PEER: the entry captures traffic meant for `dest` with `line` and sends it to `peer` instead. */
export function wrongPeer(
  f: EntryRef & {
    readonly peerAddress: string;
    readonly peer: FindingDevice;
    readonly space: readonly HeaderBox[];
    readonly line: CompiledAclLine;
    readonly dest: FindingDevice;
  },
): ProblemInput {
  const d = f.device;
  return {
    code: 'WRONG_PEER',
    ...anchor(f),
    message: `${entryText(f)} (peer ${f.peerAddress}, ${f.peer.hostname}) captures ${regionText(f.space)} with ${lineRef(d.file, f.line)}, traffic meant for ${f.dest.hostname}`,
    hintValues: { entry: `${f.map.name} ${f.entry.seq}`, device: d.hostname },
  };
}

/**
 * PEER_UNREACHABLE: IKE cannot flow between the entry's crypto interface and the peer's. Pinned to
 * the side whose route is missing: the entry, or the peer's crypto interface.
 */
export function peerUnreachable(
  f: EntryRef & {
    readonly iface: InterfaceConfig;
    readonly peerAddress: string;
    readonly owner: AddressOwner;
    readonly unreachable: Unreachable;
  },
): ProblemInput {
  const d = f.device;
  const p = f.owner.device;
  const back = f.unreachable.break.side === 'peer';
  const local = cryptoLocalAddress(f.unreachable.local.device.config, f.iface);
  return {
    code: 'PEER_UNREACHABLE',
    ...(back ? { device: p.hostname, file: p.file, line: lineOf(f.owner.interface.loc) } : anchor(f)),
    message: `peer ${f.peerAddress} (${p.hostname} ${f.owner.interface.name}) of ${entryText(f)} is not reachable over the underlay from ${d.hostname} ${f.iface.name}: ${unreachableText(f.unreachable)}`,
    hintValues: back ? { device: p.hostname, peer: local ?? d.hostname } : { device: d.hostname, peer: f.peerAddress },
  };
}

/**
 * INITIATOR_DEPENDENT: the tunnel between `initiator` and `responder` for `space` comes up only
 * when the responder starts; pinned where the direction-dependent `cause` is.
 */
export function initiatorDependent(f: {
  readonly space: readonly HeaderBox[];
  readonly initiator: FindingDevice;
  readonly responder: FindingDevice;
  readonly cause: ProblemInput;
}): ProblemInput {
  const { initiator: d, responder: p, cause: c } = f;
  return {
    code: 'INITIATOR_DEPENDENT',
    device: c.device,
    file: c.file,
    line: c.line,
    message: `${regionText(f.space)} gets a tunnel between ${d.hostname} and ${p.hostname} only when ${p.hostname} starts the conversation (${c.code} when ${d.hostname} starts)`,
    hintValues: { cause: c.code },
    dedupe: `${d.hostname}>${p.hostname}|${c.code}`,
  };
}

/** Why a backup peer would not carry the traffic of the entry's first hop. */
export type BackupFailure =
  | { readonly kind: 'no-owner' }
  | { readonly kind: 'unreachable'; readonly unreachable: Unreachable | undefined }
  | { readonly kind: 'no-crypto-map'; readonly owner: AddressOwner }
  | { readonly kind: 'negotiation'; readonly outcome: NegotiationOutcome };

function backupFailureText(b: BackupFailure): string {
  switch (b.kind) {
    case 'no-owner':
      return 'it is not an address of any device';
    case 'unreachable':
      return `it is not reachable over the underlay (${b.unreachable ? unreachableText(b.unreachable) : 'no address'})`;
    case 'no-crypto-map':
      return `${b.owner.device.hostname} ${b.owner.interface.name} carries no crypto map`;
    case 'negotiation':
      return negotiationFindings(b.outcome)
        .map((c) => `${c.code}: ${c.message}`)
        .join('; ');
  }
}

/** BACKUP_PEER_BROKEN: backup peer `peer` of the entry fails at its first hop (seen for `line`). */
export function backupPeerBroken(
  f: EntryRef & { readonly peer: string; readonly line: CompiledAclLine; readonly failure: BackupFailure },
): ProblemInput {
  return {
    code: 'BACKUP_PEER_BROKEN',
    ...anchor(f),
    message: `backup peer ${f.peer} of ${entryText(f)} would not carry its traffic (first seen for ${lineRef(f.device.file, f.line)}): ${backupFailureText(f.failure)}`,
    hintValues: { peer: f.peer },
    dedupe: f.peer,
  };
}

/**
 * BACKUP_PEER_BROKEN: the walk of the path through backup peer `peer` found the error `found`
 * further on; it is reported as a warning on the entry that lists the backup peer.
 */
export function backupPathBroken(f: EntryRef & { readonly peer: string; readonly found: ProblemInput }): ProblemInput {
  const x = f.found;
  return {
    code: 'BACKUP_PEER_BROKEN',
    ...anchor(f),
    message: `backup peer ${f.peer} of ${entryText(f)} would not carry the traffic further on: ${x.code} on ${x.device} at ${at(x.file, x.line > 0 ? { file: x.file, line: x.line } : undefined)} (${x.message})`,
    hintValues: { peer: f.peer },
    dedupe: `${f.peer}|${x.code}|${x.device}|${x.line}`,
  };
}
