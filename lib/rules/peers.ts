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
import type { CryptoMapEntry, RouterConfig } from '../ir/router-config.js';
import { authenticate, type AuthOutcome } from './ike-auth.js';
import { negotiatePhase1, usableIsakmpPolicies, type Phase1Options, type Phase1Result } from './ike-phase1.js';

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
export type PeerResponse = { readonly answers: false; readonly why: PeerSilence } | { readonly answers: true };

/** The peer IOS ends up negotiating with, and the ones before it that stayed silent. */
export interface PeerSelection {
  /** Index in the entry's peer list of the first peer that answers. @default - none answers */
  readonly chosen?: number;
  /** Peers tried before (all of them when none answers), in list order. */
  readonly silent: readonly { readonly index: number; readonly peer: string; readonly why: PeerSilence }[];
}

/** The first peer of the list that answers; `respond` is asked in list order and no further. */
export function selectPeer(
  peers: readonly string[],
  respond: (peer: string, index: number) => PeerResponse,
): PeerSelection {
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
  /** The responder answers NO_PROPOSAL_CHOSEN (policies, lifetime). */
  | 'phase1-refused'
  /** Keys differ: MM5 is garbage to the responder, which drops it. */
  | 'key-mismatch'
  /** A key is stored encrypted and the caller cannot compare them (the proof). */
  | 'keys-unverifiable'
  /**
   * Authentication fails after the keys agree: the responder's key is not in its selected
   * profile's keyrings, or a side has no trustpoint for certificate authentication.
   */
  | 'auth-failed'
  /** The configs do not say what IOS does (docs/ios-semantics.md#keyrings-and-isakmp-profiles): the proof cannot decide. */
  | 'undecided'
  /** Main mode completes. */
  | 'ok';

/** Options of {@link mainModeStep}. */
export interface MainModeOptions extends Phase1Options {
  /**
   * Take two keys stored encrypted (type 6 or 7) as equal when their stored text is (the
   * emulator's stand-in for a router that decrypts them), and resolve order-dependent keyring and
   * profile choices by configuration order. Without it such keys give `keys-unverifiable` (the
   * same key can be stored as different type 7 text) and such choices `undecided`.
   * @default false
   */
  readonly compareStoredKeys?: boolean;
  /** The initiator's crypto map entry (its `set isakmp-profile`). @default - none */
  readonly entry?: CryptoMapEntry;
  /** The address the responder sees the initiator as (behind NAT: its public address). @default - `initiatorAddress` */
  readonly initiatorSeenAs?: string;
  /** The responder's own IKE address (behind NAT: its private address). @default - `peerAddress` */
  readonly responderAddress?: string;
}

/** Main mode between two routers: its step, the phase 1 result and the authentication outcome. */
export interface MainModeExchange {
  readonly step: MainModeStep;
  readonly phase1: Phase1Result;
  /** Undefined when phase 1 failed and the sides share no pre-shared-key policy. */
  readonly auth?: AuthOutcome;
}

/** True when both sides have a usable policy authenticating with pre-shared keys. */
function bothPreShare(a: RouterConfig, b: RouterConfig): boolean {
  const has = (c: RouterConfig) => usableIsakmpPolicies(c).some((p) => p.authentication === 'pre-share');
  return has(a) && has(b);
}

const STEP_OF: Readonly<Record<AuthOutcome['kind'], MainModeStep>> = {
  psk: 'ok',
  certificate: 'ok',
  'no-key-local': 'no-key-local',
  'no-key-remote': 'no-key-remote',
  'key-mismatch': 'key-mismatch',
  'keys-unverifiable': 'keys-unverifiable',
  'keyring-not-in-profile': 'auth-failed',
  'no-trustpoint': 'auth-failed',
  ambiguous: 'undecided',
};

/**
 * Main mode between two routers (each side's key is looked up by the other side's address, with
 * keyrings and profiles by `lib/rules/ike-auth.ts`). With pre-shared keys the key checks the
 * initiator and the responder make before answering come first, then the policies.
 */
export function mainModeExchange(
  initiator: RouterConfig,
  initiatorAddress: string,
  responder: RouterConfig,
  peerAddress: string,
  options: MainModeOptions = {},
): MainModeExchange {
  const phase1 = negotiatePhase1(initiator, responder, options);
  const method = phase1.ok
    ? phase1.policy.authentication
    : bothPreShare(initiator, responder)
      ? 'pre-share'
      : undefined;
  if (method === undefined) return { step: 'phase1-refused', phase1 };
  const auth = authenticate(
    {
      initiator: {
        config: initiator,
        address: initiatorAddress,
        ...(options.initiatorSeenAs !== undefined ? { seenAs: options.initiatorSeenAs } : {}),
        ...(options.entry ? { entry: options.entry } : {}),
      },
      responder: { config: responder, address: options.responderAddress ?? peerAddress, seenAs: peerAddress },
      method,
    },
    options.compareStoredKeys === true ? { resolve: 'first', compareStoredKeys: true } : {},
  );
  if (!phase1.ok)
    return {
      step: auth.kind === 'no-key-local' || auth.kind === 'no-key-remote' ? auth.kind : 'phase1-refused',
      phase1,
      auth,
    };
  return { step: STEP_OF[auth.kind], phase1, auth };
}

/** The main mode step between two routers (see {@link mainModeExchange}). */
export function mainModeStep(
  initiator: RouterConfig,
  initiatorAddress: string,
  responder: RouterConfig,
  peerAddress: string,
  options: MainModeOptions = {},
): MainModeStep {
  return mainModeExchange(initiator, initiatorAddress, responder, peerAddress, options).step;
}

/**
 * How a reachable peer meets main mode: silent for the steps it drops, answering otherwise (a
 * refusal, success, keys nobody can compare, a failed profile check, a choice the configs do not
 * decide: the attempt stays with this peer, whose negotiation then reports why; staying can only
 * make a working network look broken, never the reverse).
 */
export function peerResponse(step: MainModeStep): PeerResponse {
  if (step === 'no-key-remote') return { answers: false, why: 'no-key-at-peer' };
  if (step === 'key-mismatch') return { answers: false, why: 'key-mismatch' };
  return { answers: true };
}
