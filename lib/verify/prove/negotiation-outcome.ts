/**
 * What one IKE negotiation decides, as data (`negotiation.ts` decides it, the rules of
 * `lib/rules/ike-phase1.ts`, `psk.ts` and `ike-phase2.ts` supply the reasons): whether the tunnel
 * comes up and, when not, each root cause with the rule's reason, the request it arose from and
 * the device and line it is pinned to. The findings catalogue (`negotiation-findings.ts`) words a
 * cause and gives it its problem code; the proof decides nothing from words.
 */
import type { CryptoMap } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { Phase1FailureReason, PolicyMismatch } from '../../rules/ike-phase1.js';
import type { PskComparison, PskVerdict } from '../../rules/psk.js';
import type { UndefinedObject } from '../findings/undefined-objects.js';
import type { ModelDevice } from '../model/network-model.js';

/** A request: initiator entry + line towards the responder's map. */
export interface NegotiationRequest {
  readonly initiator: ModelDevice;
  readonly entry: CompiledCryptoEntry;
  readonly line: CompiledAclLine;
  /** The initiator's address on its crypto interface (IKE source). */
  readonly initiatorAddress: string;
  /** The `set peer` address being called. */
  readonly peerAddress: string;
  readonly responder: ModelDevice;
  readonly responderMap: CryptoMap;
}

/** Where a cause is pinned: the device at fault (see `blame`) and the line (0: none). */
export interface Pin {
  readonly device: ModelDevice;
  readonly line: number;
}

/** Phase 1 (policy selection) failed. */
export interface Phase1Cause {
  readonly step: 'phase1';
  readonly reason: Phase1FailureReason;
  /** The request phase 1 was first decided for (phase 1 is cached per device and address pair). */
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** For `lifetime`: the policy pair that differs only in lifetime (undefined: none found). */
  readonly lifetime: PolicyMismatch | undefined;
}

/** The pre-shared keys are missing, differ, or cannot be compared. */
export interface PskCause {
  readonly step: 'psk';
  readonly verdict: Exclude<PskVerdict, 'match'>;
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** The two sides' keys, by location only (never the secret). */
  readonly keys: PskComparison;
}

/** Phase 2 refused the proposal on transforms, PFS or legacy algorithms. */
export interface ProposalCause {
  readonly step: 'phase2';
  readonly reason: 'transform-not-supported' | 'pfs-mismatch' | 'legacy-algorithm-rejected';
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** The responder's entry that matched the proxies (undefined: none). */
  readonly responderEntry: CompiledCryptoEntry | undefined;
  /** For `pfs-mismatch`: offered and required groups (a group undefined: none). */
  readonly pfs: { readonly offered?: number; readonly required?: number | 'group1-or-2' } | undefined;
}

/** The responder has no active entry naming the initiator. */
export interface NoEntryCause {
  readonly step: 'phase2';
  readonly reason: 'no-entry-for-peer';
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** The entry that names the initiator but is incomplete: that object is the root cause. */
  readonly incomplete?: UndefinedObject;
  /** Else an active entry that mirrors the proposal but names another peer. */
  readonly mirroring?: CompiledCryptoEntry;
}

/**
 * A proposal line the receiver does not mirror, pinned on the receiver's line that overlaps it
 * most. Also produced by the static mirror check (not from a request), so it names both sides.
 */
export interface ProxyCause {
  readonly step: 'phase2';
  readonly reason: 'proxy-not-supported';
  /** The receiver, on its closest line (else its entry). */
  readonly pin: Pin;
  readonly proposer: ModelDevice;
  readonly line: CompiledAclLine;
  readonly receiver: ModelDevice;
  /** The receiver's entry for the proposer (undefined: none). */
  readonly receiverEntry: CompiledCryptoEntry | undefined;
  /** The receiver's permit line that overlaps the mirror of the proposal, else its last one (undefined: none). */
  readonly closest: CompiledAclLine | undefined;
}

/** One root cause of a failed negotiation. */
export type NegotiationCause = Phase1Cause | PskCause | ProposalCause | NoEntryCause | ProxyCause;

/** Outcome of one negotiation. */
export interface NegotiationOutcome {
  readonly ok: boolean;
  /** Root causes (empty when ok). */
  readonly causes: readonly NegotiationCause[];
  /** True when some cause depends on who initiates (lifetime, proxy subset, PFS). */
  readonly directionDependent: boolean;
}
