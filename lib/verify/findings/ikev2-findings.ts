/**
 * Catalogue: the findings of IKEv2 negotiations (docs/ios-semantics.md#ikev2). The negotiator pins
 * each cause (`prove/ikev2-negotiation.ts`); here it is worded, with its problem code from
 * `IKEV2_FAILURE_CODES`. Keys are named by keyring, peer and line, never by value.
 */
import type { Ikev2Identity } from '../../ir/router-config.js';
import type { Ikev2KeyRef } from '../../rules/ikev2-auth.js';
import type { Ikev2Cause, Ikev2Reason } from '../prove/negotiation-outcome.js';
import { at } from './describe.js';
import type { ProblemInput } from './problem-book.js';
import type { ProblemCode } from './problem-codes.js';

/** The problem code of each IKEv2 reason (an asymmetric key mismatch is refined by the cause). */
export const IKEV2_FAILURE_CODES = {
  'ikev2-unsupported': 'IKE_NO_POLICY_MATCH',
  'no-proposal-initiator': 'IKE_NO_POLICY_MATCH',
  'no-proposal-responder': 'IKE_NO_POLICY_MATCH',
  'no-proposal-match': 'IKE_NO_POLICY_MATCH',
  'policy-ambiguous': 'NOT_MODELLED',
  'undefined-profile': 'IKEV2_NO_PROFILE',
  'no-profile-match': 'IKEV2_NO_PROFILE',
  'method-mismatch': 'IKEV2_AUTH_METHOD',
  'no-key': 'PSK_MISSING',
  'key-mismatch': 'PSK_MISMATCH',
  'keys-unverifiable': 'PSK_UNVERIFIABLE',
  'no-trustpoint': 'NO_TRUSTPOINT',
  ambiguous: 'NOT_MODELLED',
  'ts-narrowing': 'NOT_MODELLED',
  'ikev2-profile-unchecked': 'NOT_MODELLED',
} as const satisfies Record<Ikev2Reason, ProblemCode>;

/** The problem code of an IKEv2 cause. */
export function ikev2Code(c: Ikev2Cause): ProblemCode {
  if (c.auth?.kind === 'key-mismatch' && c.auth.asymmetric) return 'PSK_ASYMMETRIC_MISMATCH';
  return IKEV2_FAILURE_CODES[c.reason];
}

export function identityText(id: Ikev2Identity): string {
  return id.kind === 'address' ? `address ${id.address}` : `${id.kind} ${id.value}`;
}

export function keyText(file: string, k: Ikev2KeyRef): string {
  const kind = k.use === 'both' ? 'pre-shared-key' : `pre-shared-key ${k.use}`;
  return `${kind} of peer ${k.peer} in keyring ${k.keyring} at ${at(file, k.loc)}`;
}

const AMBIGUOUS = {
  'profile-tie': "several IKEv2 profiles match the peer's identity, and IOS's choice between them is not documented",
  'keyring-peer-tie': 'equally specific keyring peers with different keys match the peer',
  'initiator-identity-check':
    "the responder's identity is outside the initiator profile's match identity remote lines, and whether IOS checks that on the initiator is not documented",
  'method-not-modelled': 'the profile authenticates with ECDSA signatures or EAP, which are not modelled',
} as const;

export const IKEV2_SA_INIT_TEXT = {
  'ikev2-unsupported': 'runs IOS 12.2, which has no IKEv2',
  'no-proposal-initiator':
    'has no IKEv2 proposal to offer on its IKE address (no policy applies, or its proposals are refused by this release)',
  'no-proposal-responder':
    'has no IKEv2 proposal to accept on its IKE address (no policy applies, or its proposals are refused by this release)',
  'no-proposal-match':
    'shares no IKEv2 proposal with its peer (encryption, integrity, PRF and DH group must each meet)',
  'policy-ambiguous':
    "has several IKEv2 policies for its IKE address with different proposals, and IOS's choice between them is not documented",
} as const;

function authMessage(
  c: Ikev2Cause,
  a: NonNullable<Ikev2Cause['auth']>,
): { message: string; hint?: Record<string, string> } {
  const { initiator: I, responder: R } = c.request;
  const side = (s: 'initiator' | 'responder') => (s === 'initiator' ? I : R);
  switch (a.kind) {
    case 'undefined-profile':
      return {
        message: `${I.hostname} entry ${c.request.entry.entry.seq} names IKEv2 profile ${a.name ?? ''}, which is not defined, so it cannot start IKE_AUTH`,
        hint: { device: I.hostname, identity: 'the peer' },
      };
    case 'no-profile-match':
      return {
        message: `no IKEv2 profile of ${R.hostname} matches the identity ${identityText(a.identity)} that ${I.hostname} sends (profile ${a.initiatorProfile.name}), so ${R.hostname} answers IKE_AUTH with AUTHENTICATION_FAILED`,
        hint: { device: R.hostname, identity: identityText(a.identity) },
      };
    case 'method-mismatch':
      return {
        message:
          a.method === undefined
            ? `IKEv2 profile ${a.profile.name} of ${side(a.side).hostname} has no authentication local method, so IKE_AUTH with ${side(a.side === 'initiator' ? 'responder' : 'initiator').hostname} fails`
            : `${side(a.side).hostname} (IKEv2 profile ${a.profile.name}) accepts ${a.accepted.join(', ') || 'no method'} but its peer signs with ${a.method}, so IKE_AUTH fails`,
        hint: { device: side(a.side).hostname },
      };
    case 'no-key':
      return {
        message: `${side(a.side).hostname} has no pre-shared key to ${a.use} IKE_AUTH with ${side(a.side === 'initiator' ? 'responder' : 'initiator').hostname}: ${a.keyring === undefined ? `IKEv2 profile ${a.profile.name} names no keyring local` : `keyring ${a.keyring} of IKEv2 profile ${a.profile.name} has no peer (or no ${a.use === 'sign' ? 'local' : 'remote'} key) for it`}`,
        hint: {
          device: side(a.side).hostname,
          keyLine: `a peer with \`pre-shared-key\` in \`crypto ikev2 keyring ${a.keyring ?? '<name>'}\``,
        },
      };
    case 'key-mismatch': {
      const signer = side(a.signer);
      const verifier = side(a.signer === 'initiator' ? 'responder' : 'initiator');
      return {
        message: `${signer.hostname} signs IKE_AUTH with the ${keyText(signer.file, a.signKey)} but ${verifier.hostname} verifies it with the ${keyText(verifier.file, a.verifyKey)}, and the two differ`,
        hint: { signer: signer.hostname, verifier: verifier.hostname },
      };
    }
    case 'keys-unverifiable':
      return {
        message: `the IKEv2 keys ${keyText(side(a.signer).file, a.signKey)} and ${keyText(side(a.signer === 'initiator' ? 'responder' : 'initiator').file, a.verifyKey)} cannot be compared: one is stored encrypted`,
      };
    case 'no-trustpoint':
      return {
        message: `${side(a.side).hostname} authenticates IKEv2 with certificates (IKEv2 profile ${a.profile.name}) but the profile names no pki trustpoint`,
        hint: { device: side(a.side).hostname },
      };
    case 'ambiguous':
      return {
        message: `IKE_AUTH from ${I.hostname} to ${R.hostname} cannot be decided from the configs: ${AMBIGUOUS[a.reason]}; the pair is unverified`,
      };
  }
}

function childMessage(c: Ikev2Cause): string {
  const { initiator: I, responder: R, responderMap: map } = c.request;
  const ce = c.child?.entry;
  const entry = ce ? `entry ${map.name} ${ce.entry.seq} at ${at(R.file, ce.entry.loc)}` : `crypto map ${map.name}`;
  if (c.reason === 'ts-narrowing')
    return `${I.hostname}'s traffic selectors overlap a mirrored line of ${R.hostname} ${entry} without fitting in it: whether IOS narrows them (RFC 7296 2.9) is not confirmed; the pair is unverified`;
  return `${R.hostname} ${entry} names ${ce?.entry.ikev2Profile === undefined ? 'no IKEv2 profile' : `IKEv2 profile ${ce.entry.ikev2Profile}`} but accepts ${I.hostname} over an IKE SA bound to IKEv2 profile ${c.child?.ikeProfile ?? ''}: whether IOS accepts that is not documented; the pair is unverified`;
}

/** The finding of one IKEv2 cause. */
export function ikev2Finding(c: Ikev2Cause): ProblemInput {
  const { initiator: I, responder: R } = c.request;
  const anchor = { device: c.pin.device.hostname, file: c.pin.device.file, line: c.pin.line };
  const code = ikev2Code(c);
  const dedupe = { dedupe: `${I.hostname}>${R.hostname}|${c.reason}` };
  if (c.saInit) {
    const d = c.saInit.side === 'initiator' ? I : R;
    return {
      code,
      ...anchor,
      message: `IKE_SA_INIT from ${I.hostname} to ${R.hostname} fails: ${d.hostname} ${IKEV2_SA_INIT_TEXT[c.saInit.reason]}`,
      ...dedupe,
    };
  }
  if (c.auth) {
    const m = authMessage(c, c.auth);
    return { code, ...anchor, message: m.message, ...(m.hint ? { hintValues: m.hint } : {}), ...dedupe };
  }
  return { code, ...anchor, message: childMessage(c), ...dedupe };
}
