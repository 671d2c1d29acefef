/**
 * `set peer` failover (docs/ios-semantics.md#peers): the peers of a crypto map entry form an
 * ordered list; the initiator starts main mode with the first one and, when that attempt fails,
 * IKE tries the next one (Cisco IOS Security Command Reference, `set peer (IPsec)`; Cisco, "IPsec
 * Preferred Peer").
 *
 * What "fails" means here: the peer *does not answer*. An IKEv1 initiator only learns that an
 * attempt failed without a reply from the other side when its main-mode retransmissions die
 * ("death by retransmission P1"). That happens when nothing owns the address or IKE cannot get
 * there and back, and when the responder silently drops our messages: it has no pre-shared key for
 * our address (it cannot build MM2), or its key differs (MM5 fails its sanity check). A peer that
 * answers with a refusal (NO_PROPOSAL_CHOSEN in phase 1, PROPOSAL_NOT_CHOSEN in phase 2) ends the
 * attempt there: we do not assume that a refusal moves on to the next peer, which later IKEv2
 * releases document and IKEv1 does not. That choice can only make a network look broken that
 * works, never the other way round. A missing key on the initiator's own side ends the attempt too
 * (IOS never sends the first message).
 */
import type { RouterConfig } from '../ir/router-config.js';
import { negotiatePhase1, type Phase1Options } from './ike-phase1.js';
import { comparePsk, findPsk, sameStoredKey } from './psk.js';

/** Why a peer did not answer the initiator's main mode. */
export type PeerSilence =
  /** No device owns the address (the network is the configs given). */
  | 'no-owner'
  /** IKE cannot reach the peer out of the crypto interface, or the peer has no way back. */
  | 'unreachable'
  /** The responder has no pre-shared key for the initiator's address. */
  | 'no-key-at-peer'
  /** The two sides' keys differ: the responder drops the encrypted MM5. */
  | 'key-mismatch';

/** How one peer meets the initiator's attempt. */
export type PeerResponse =
  | { readonly answers: false; readonly why: PeerSilence }
  | { readonly answers: true };

/** The peer IOS ends up negotiating with, and the ones before it that stayed silent. */
export interface PeerSelection {
  /** Index in the entry's peer list of the first peer that answers. @default - none answers */
  readonly chosen?: number;
  /** Peers tried before (all of them when none answers), in list order. */
  readonly silent: readonly { readonly index: number; readonly peer: string; readonly why: PeerSilence }[];
}

/** The first peer of the list that answers; `respond` is asked in list order and no further. */
export function selectPeer(peers: readonly string[], respond: (peer: string, index: number) => PeerResponse): PeerSelection {
  const silent: { index: number; peer: string; why: PeerSilence }[] = [];
  for (let i = 0; i < peers.length; i += 1) {
    const r = respond(peers[i]!, i);
    if (r.answers) return { chosen: i, silent };
    silent.push({ index: i, peer: peers[i]!, why: r.why });
  }
  return { silent };
}

/** Outcome of main mode before authentication completes, in the order IOS meets the checks. */
export type MainModeStep =
  /** The initiator has no key for the peer: it never sends MM1. */
  | 'no-key-local'
  /** The responder has no key for the initiator: it does not answer. */
  | 'no-key-remote'
  /** The responder answers NO_PROPOSAL_CHOSEN (policies, lifetime, authentication method). */
  | 'phase1-refused'
  /** Keys differ: MM5 is garbage to the responder, which drops it. */
  | 'key-mismatch'
  /** A key is stored encrypted and the caller cannot compare them (the proof). */
  | 'keys-unverifiable'
  /** Main mode completes. */
  | 'ok';

/** Options of {@link mainModeStep}. */
export interface MainModeOptions extends Phase1Options {
  /**
   * Take two keys stored encrypted (type 6 or 7) as equal when their stored text is (the
   * emulator's stand-in for a router that decrypts them). Without it such keys give
   * `keys-unverifiable`: the same key can be stored as different type 7 text, so the proof cannot
   * tell whether the peer answers.
   * @default false
   */
  readonly compareStoredKeys?: boolean;
}

/** The main mode steps between two routers (each side's key is looked up by the other side's address). */
export function mainModeStep(
  initiator: RouterConfig, initiatorAddress: string, responder: RouterConfig, peerAddress: string, options: MainModeOptions = {},
): MainModeStep {
  const mine = findPsk(initiator, peerAddress);
  if (!mine) return 'no-key-local';
  const theirs = findPsk(responder, initiatorAddress);
  if (!theirs) return 'no-key-remote';
  if (!negotiatePhase1(initiator, responder, options).ok) return 'phase1-refused';
  const c = comparePsk(initiator, initiatorAddress, responder, peerAddress);
  if (c.verdict === 'unverifiable' && options.compareStoredKeys !== true) return 'keys-unverifiable';
  const same = c.verdict === 'match' || (c.verdict === 'unverifiable' && sameStoredKey(mine, theirs));
  return same ? 'ok' : 'key-mismatch';
}

/**
 * How a reachable peer meets main mode: silent for the steps it drops, answering otherwise (a
 * refusal, success, or keys nobody can compare: the attempt stays with this peer, whose
 * negotiation then reports why).
 */
export function peerResponse(step: MainModeStep): PeerResponse {
  if (step === 'no-key-remote') return { answers: false, why: 'no-key-at-peer' };
  if (step === 'key-mismatch') return { answers: false, why: 'key-mismatch' };
  return { answers: true };
}
