/**
 * Main-mode authentication outcomes (`lib/rules/ike-auth.ts`) as negotiation causes: which device
 * and line a missing key, a keyring outside the selected profile, a missing trustpoint or an
 * undecided choice is pinned to, and the certificate assumption a successful pair is proven under
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles, #certificates). The findings catalogue
 * (`findings/auth-findings.ts`) words them; keys appear by location only.
 */
import type { SourceLocation } from '../../ir/router-config.js';
import type { Ambiguity, AuthOutcome, ProfileRef } from '../../rules/ike-auth.js';
import type { Phase1Result } from '../../rules/ike-phase1.js';
import { lineOf } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import type { AuthCause, AuthFailure, CertificateAssumption, NegotiationRequest, Pin } from './negotiation-outcome.js';

/** Where a negotiation's authentication findings land when they have no line of their own. */
export interface AuthPins {
  /** The responder's line for a finding without a line of its own. */
  readonly responderLine: number;
  /** The side a disagreement is pinned to. */
  readonly blamed: ModelDevice;
}

/** What authentication adds to a negotiation. */
export interface AuthCauses {
  readonly causes: readonly AuthCause[];
  /** What a success is proven under (certificates). */
  readonly assumptions: readonly CertificateAssumption[];
  readonly directionDependent: boolean;
}

const NONE: AuthCauses = Object.freeze({
  causes: Object.freeze([]),
  assumptions: Object.freeze([]),
  directionDependent: false,
});

/** The definition of the first keyring a profile names (to add the key there), else the profile's `keyring` line. */
function keyringLine(d: ModelDevice, profile: ProfileRef | undefined): { name?: string; line: number } {
  const named = profile?.keyrings[0];
  if (!named) return { line: 0 };
  const def = d.config.keyrings?.find((k) => k.name === named.name);
  return { name: named.name, line: lineOf(def?.loc ?? named.loc) };
}

/** The causes and assumptions of an authentication outcome (nothing for a pre-shared-key success). */
export function authCauses(
  req: NegotiationRequest,
  auth: AuthOutcome | undefined,
  phase1: Phase1Result,
  pins: AuthPins,
): AuthCauses {
  if (auth === undefined || auth.kind === 'psk') return NONE;
  if (auth.kind === 'certificate') return { ...NONE, assumptions: [certificateAssumption(req, auth, phase1, pins)] };
  // Next to a phase 1 refusal only the definite key findings are worth a line of their own.
  if (
    !phase1.ok &&
    (auth.kind === 'ambiguous' || auth.kind === 'keyring-not-in-profile' || auth.kind === 'no-trustpoint')
  )
    return NONE;
  return {
    causes: [failure(req, auth, phase1, pins)],
    assumptions: [],
    directionDependent: auth.kind === 'keyring-not-in-profile',
  };
}

function failure(req: NegotiationRequest, auth: AuthFailure, phase1: Phase1Result, pins: AuthPins): AuthCause {
  const base = { step: 'auth', auth, request: req } as const;
  switch (auth.kind) {
    case 'no-key-local':
    case 'no-key-remote':
      return { ...base, ...missingKeyPin(req, auth, pins) };
    case 'no-trustpoint': {
      const policy = phase1.ok ? (auth.side === 'initiator' ? phase1.offered : phase1.policy) : undefined;
      const d = auth.side === 'initiator' ? req.initiator : req.responder;
      return {
        ...base,
        pin: { device: d, line: lineOf(policy?.loc) },
        ...(policy ? { policyPriority: policy.priority } : {}),
      };
    }
    case 'ambiguous':
      return { ...base, pin: ambiguityPin(req, auth.ambiguity, pins) };
    default:
      return { ...base, pin: keyPin(req, auth, pins) };
  }
}

/** A missing key: on the keyring where it belongs (the side's profile's first keyring), else the entry that needs it. */
function missingKeyPin(
  req: NegotiationRequest,
  auth: Extract<AuthFailure, { kind: 'no-key-local' | 'no-key-remote' }>,
  pins: AuthPins,
): { pin: Pin; keyring?: string } {
  const local = auth.kind === 'no-key-local';
  const d = local ? req.initiator : req.responder;
  const ring = keyringLine(d, auth.profile);
  const line = ring.line || (local ? lineOf(req.entry.entry.loc) : pins.responderLine);
  return { pin: { device: d, line }, ...(ring.name !== undefined ? { keyring: ring.name } : {}) };
}

/** Keys that differ (the blamed side's key), cannot be compared (the encrypted one) or sit outside the selected profile's keyrings. */
function keyPin(
  req: NegotiationRequest,
  auth: Extract<AuthFailure, { kind: 'key-mismatch' | 'keys-unverifiable' | 'keyring-not-in-profile' }>,
  pins: AuthPins,
): Pin {
  const { initiator: I, responder: R } = req;
  if (auth.kind === 'keyring-not-in-profile')
    return { device: R, line: lineOf(auth.profile.keyrings[0]?.loc ?? auth.profile.loc) };
  if (auth.kind === 'key-mismatch')
    return { device: pins.blamed, line: lineOf(pins.blamed === I ? auth.initiatorKey.loc : auth.responderKey.loc) };
  return auth.initiatorKey.encryption !== 0
    ? { device: I, line: lineOf(auth.initiatorKey.loc) }
    : { device: R, line: lineOf(auth.responderKey.loc) };
}

/** An undecided choice: on the side's first key or profile involved, else its entry (or the responder's line). */
function ambiguityPin(req: NegotiationRequest, a: Ambiguity, pins: AuthPins): Pin {
  const d = a.side === 'initiator' ? req.initiator : req.responder;
  const loc: SourceLocation | undefined = a.keys[0]?.loc ?? a.profiles[0]?.loc;
  return { device: d, line: lineOf(loc) || (d === req.initiator ? lineOf(req.entry.entry.loc) : pins.responderLine) };
}

function certificateAssumption(
  req: NegotiationRequest,
  auth: Extract<AuthOutcome, { kind: 'certificate' }>,
  phase1: Phase1Result,
  pins: AuthPins,
): CertificateAssumption {
  const b = pins.blamed;
  const policy = phase1.ok ? (b === req.initiator ? phase1.offered : phase1.policy) : undefined;
  return {
    kind: 'certificate',
    request: req,
    pin: { device: b, line: lineOf(policy?.loc) || lineOf(req.entry.entry.loc) },
    initiatorTrustpoints: auth.initiatorTrustpoints,
    responderTrustpoints: auth.responderTrustpoints,
  };
}
