/**
 * What one IKE negotiation decides, as data (`negotiation.ts` decides it, the rules of
 * `lib/rules/ike-phase1.ts`, `ike-auth.ts` and `ike-phase2.ts` supply the reasons): whether the
 * tunnel comes up and, when not, each root cause with the rule's reason, the request it arose from
 * and the device and line it is pinned to; and the assumptions a success is proven under. The findings catalogue (`negotiation-findings.ts`) words a
 * cause and gives it its problem code; the proof decides nothing from words.
 */
import type { CryptoMap } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { Phase1FailureReason, PolicyMismatch } from '../../rules/ike-phase1.js';
import type { AuthOutcome } from '../../rules/ike-auth.js';
import type { SaInitFailureReason, SaInitResult } from '../../rules/ikev2.js';
import type { Ikev2AuthOutcome } from '../../rules/ikev2-auth.js';
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
  /** The address the responder sees the initiator as (behind NAT: its public one). @default - `initiatorAddress` */
  readonly initiatorSeenAs?: string;
  /** The responder's own IKE address (behind NAT: its private one). @default - `peerAddress` */
  readonly responderAddress?: string;
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
  /** For `no-policy-match`: a policy pair that differs only in the authentication method (undefined: none found). */
  readonly method?: PolicyMismatch;
}

/** Main-mode authentication that failed or cannot be decided (`lib/rules/ike-auth.ts`). */
export type AuthFailure = Exclude<AuthOutcome, { kind: 'psk' | 'certificate' }>;

/**
 * Authentication failed: keys missing (where the side looks: its profile's keyrings, or every
 * keyring and the global keys), different or not comparable, a key outside the selected profile's
 * keyrings, no trustpoint; or the configs do not decide it (`ambiguous`: the pair is unverified).
 */
export interface AuthCause {
  readonly step: 'auth';
  /** The rule's outcome: keys and profiles by location only (never the secret). */
  readonly auth: AuthFailure;
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** For a missing key: the keyring the key belongs in (undefined: the global keys). */
  readonly keyring?: string;
  /** For a missing trustpoint: the priority of the side's agreed rsa-sig policy. @default - none */
  readonly policyPriority?: number;
}

/**
 * The ISAKMP profile binding of the IKE SA refuses phase 2 (`isakmp-profile-mismatch`: the entry
 * that mirrors the proposal requires another profile), or leaves it undecided (`profile-unchecked`:
 * an entry without `set isakmp-profile` over an IKE SA bound to one, which Cisco does not document).
 */
export interface ProfileCause {
  readonly step: 'phase2';
  readonly reason: 'isakmp-profile-mismatch' | 'profile-unchecked';
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  readonly responderEntry: CompiledCryptoEntry | undefined;
  /** The profile the responder bound the IKE SA to (undefined: none). */
  readonly ikeProfile: string | undefined;
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

/** Why an IKEv2 negotiation failed or cannot be decided (docs/ios-semantics.md#ikev2). */
export type Ikev2Reason =
  | SaInitFailureReason
  | Exclude<Ikev2AuthOutcome['kind'], 'ok'>
  /** The proposal overlaps a mirrored responder line without fitting in it: narrowing not confirmed. */
  | 'ts-narrowing'
  /** The accepting entry names another IKEv2 profile than the IKE SA's, or none: not documented. */
  | 'ikev2-profile-unchecked';

/** IKE_SA_INIT, IKE_AUTH or the CHILD_SA of an IKEv2 exchange failed or cannot be decided. */
export interface Ikev2Cause {
  readonly step: 'ikev2';
  readonly reason: Ikev2Reason;
  readonly request: NegotiationRequest;
  readonly pin: Pin;
  /** For IKE_SA_INIT reasons: the rule's result. */
  readonly saInit?: Extract<SaInitResult, { ok: false }>;
  /** For IKE_AUTH reasons: the rule's outcome (keys by location only). */
  readonly auth?: Exclude<Ikev2AuthOutcome, { kind: 'ok' }>;
  /** For CHILD_SA reasons: the responder entry concerned and the IKEv2 profile of the IKE SA. */
  readonly child?: { readonly entry?: CompiledCryptoEntry; readonly ikeProfile?: string };
}

/** One root cause of a failed (or undecided) negotiation. */
export type NegotiationCause =
  Phase1Cause | AuthCause | ProposalCause | NoEntryCause | ProxyCause | ProfileCause | Ikev2Cause;

/**
 * Certificate authentication (`rsa-sig`): the trust chain is outside the configs, so the pair is
 * proven under the assumption that each side's certificate validates against the other's trustpoints.
 */
export interface CertificateAssumption {
  readonly kind: 'certificate';
  readonly request: NegotiationRequest;
  /** The blamed side, on its agreed policy (else the initiator's entry). */
  readonly pin: Pin;
  readonly initiatorTrustpoints: readonly string[];
  readonly responderTrustpoints: readonly string[];
}

/** Outcome of one negotiation. */
export interface NegotiationOutcome {
  readonly ok: boolean;
  /** Root causes (empty when ok). */
  readonly causes: readonly NegotiationCause[];
  /** True when some cause depends on who initiates (lifetime, proxy subset, PFS, profile selection). */
  readonly directionDependent: boolean;
  /** What the negotiation is proven under, whether or not it succeeds (certificates). */
  readonly assumptions: readonly CertificateAssumption[];
}
