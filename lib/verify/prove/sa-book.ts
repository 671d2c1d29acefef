/**
 * The phase 2 SAs one pair's conversation has built, as the walk of its replies needs them: a reply
 * covered by an SA needs no negotiation, and an outbound packet uses the SA filed under the entry
 * that owns it (the emulator's `findOutbound`); a responder files an SA under the entry that
 * accepted the proposal.
 */
import { mirrorBox, subtractSpaces, type HeaderBox } from '../../rules/header-space.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { appendAll } from '../../ir/collections.js';
import type { ModelDevice } from '../model/network-model.js';
import type { NegotiationRequest } from './negotiation-outcome.js';
import type { Negotiator } from './negotiation.js';

/** A phase 2 SA pair between two devices, with its proxies as seen from `a`. */
export interface Sa {
  readonly a: ModelDevice;
  readonly b: ModelDevice;
  readonly space: readonly HeaderBox[];
  /** The negotiation that built it (`a` initiated). */
  readonly request: NegotiationRequest;
}

/** The SAs of one pair walk. */
export class SaBook {
  private readonly sas: Sa[] = [];

  add(sa: Sa): void {
    this.sas.push(sa);
  }

  /** The peer address of an SA of `d` filed under `entry` that covers the whole space, if any. */
  peerFor(
    d: ModelDevice,
    entry: CompiledCryptoEntry,
    space: readonly HeaderBox[],
    negotiator: Negotiator,
  ): string | undefined {
    for (const sa of this.sas) {
      if (sa.a === d && sa.request.entry === entry && subtractSpaces(space, sa.space).length === 0)
        return sa.request.peerAddress;
      if (
        sa.b === d &&
        subtractSpaces(space, sa.space.map(mirrorBox)).length === 0 &&
        negotiator.responderEntry(sa.request) === entry
      ) {
        // The responder knows the initiator by the address it sees (behind NAT: the public one).
        return sa.request.initiatorSeenAs ?? sa.request.initiatorAddress;
      }
    }
    return undefined;
  }

  /** The IKE address of `p` on an SA `p` initiated towards `d` that covers the space (as seen from `d`), if any. */
  initiatedBy(d: ModelDevice, p: ModelDevice, space: readonly HeaderBox[]): string | undefined {
    for (const sa of this.sas) {
      if (sa.a === p && sa.b === d && subtractSpaces(space, sa.space.map(mirrorBox)).length === 0)
        return sa.request.initiatorAddress;
    }
    return undefined;
  }

  /** True when the SAs between `d` and `p` together cover the space (as seen from `d`). */
  covers(d: ModelDevice, p: ModelDevice, space: readonly HeaderBox[]): boolean {
    const cover: HeaderBox[] = [];
    for (const sa of this.sas) {
      if (sa.a === d && sa.b === p) appendAll(cover, sa.space);
      else if (sa.a === p && sa.b === d) appendAll(cover, sa.space.map(mirrorBox));
    }
    return cover.length > 0 && subtractSpaces(space, cover).length === 0;
  }
}
