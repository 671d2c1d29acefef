/**
 * Catalogue: the findings of main-mode authentication (docs/ios-semantics.md#keyrings-and-isakmp-profiles,
 * #certificates). The negotiator pins each cause (`prove/auth-causes.ts`); here it is worded, with
 * its problem code from `AUTH_FAILURE_CODES`. Keys are named by location and keyring, never by value.
 */
import type { InterfaceConfig, RouterConfig } from '../../ir/router-config.js';
import type { Ambiguity, KeyRef } from '../../rules/ike-auth.js';
import type { ModelDevice } from '../model/network-model.js';
import type { AuthCause, CertificateAssumption, NegotiationRequest } from '../prove/negotiation-outcome.js';
import { at } from './describe.js';
import { AUTH_FAILURE_CODES } from './negotiation-codes.js';
import type { ProblemInput } from './problem-book.js';

/** The device and line of a cause, as a finding's anchor. */
function anchor(c: { readonly pin: { readonly device: ModelDevice; readonly line: number } }): {
  device: string;
  file: string;
  line: number;
} {
  return { device: c.pin.device.hostname, file: c.pin.device.file, line: c.pin.line };
}

/** A key by its line, and its store where the device also has keyrings (a global key is then worth naming as such). */
function keyText(d: ModelDevice, k: KeyRef): string {
  if (k.keyring) return `${at(d.file, k.loc)} (keyring ${k.keyring.name})`;
  return `${at(d.file, k.loc)}${(d.config.keyrings ?? []).length > 0 ? ' (global key)' : ''}`;
}

/** Where a missing key belongs, as the hint's command. */
function keyLine(peer: string, keyring: string | undefined): string {
  return keyring === undefined
    ? `\`crypto isakmp key <key> address ${peer}\``
    : `\`pre-shared-key address ${peer} key <key>\` in \`crypto keyring ${keyring}\``;
}

/** The interface of `config` holding `address` when that address is assigned at run time (a lease). */
function leasedInterface(config: RouterConfig, address: string): InterfaceConfig | undefined {
  return config.interfaces.find((i) => i.dynamicAddress !== undefined && i.address?.ip === address);
}

function entryText(req: NegotiationRequest): string {
  return `entry ${req.entry.entry.seq} at ${at(req.initiator.file, req.entry.entry.loc)}`;
}

const WHY: Readonly<Record<Ambiguity['reason'], string>> = {
  'keyring-tie':
    'equally specific keys for the peer sit in several keyrings (or a keyring and the global keys) and lead to different outcomes; IOS picks one by configuration order (Cisco 117259)',
  'profile-tie':
    "several ISAKMP profiles match the peer's identity and lead to different outcomes; IOS picks one by configuration order",
  'identity-uncertain':
    "a `match identity host domain` line matches the peer's FQDN only as a plain string suffix, which Cisco does not document",
  'undefined-profile': '`set isakmp-profile` names a profile that is not defined',
  'keyring-without-profile':
    'the key for the peer comes from a keyring while no ISAKMP profile listing keyrings is selected for it, which Cisco does not document',
  'profile-keyring-fallback':
    "the keyrings of the entry's ISAKMP profile hold no key for the peer while other keys do, and Cisco does not document whether IOS falls back to them",
  'initiator-profile':
    "the initiator's ISAKMP profile does not match the responder's identity (or has no match identity line, which makes it incomplete), or its key is not in the keyrings of the profile that does, which Cisco does not document for the initiator",
  'rsa-encrypted-nonces':
    'the agreed ISAKMP policy authenticates with RSA encrypted nonces (rsa-encr), whose public keys are not modelled',
};

/** NOT_MODELLED for a choice the configs do not decide: the pair is unverified, never covered. */
function undecided(c: AuthCause, a: Ambiguity): ProblemInput {
  const { initiator: I, responder: R } = c.request;
  const d = a.side === 'initiator' ? I : R;
  const keys = a.keys.length > 0 ? `; keys at ${a.keys.map((k) => keyText(d, k)).join(', ')}` : '';
  const profiles =
    a.profiles.length > 0 ? `; profiles ${a.profiles.map((p) => `${p.name} at ${at(d.file, p.loc)}`).join(', ')}` : '';
  const missing = a.missingProfile !== undefined ? ` (${a.missingProfile}, on ${entryText(c.request)})` : '';
  return {
    code: AUTH_FAILURE_CODES.ambiguous,
    ...anchor(c),
    message: `phase 1 from ${I.hostname} to ${R.hostname} cannot be decided from the configs: ${WHY[a.reason]}${missing}${keys}${profiles}; the pair is unverified`,
    hintValues: { device: d.hostname },
    dedupe: `${I.hostname}>${R.hostname}|${a.reason}`,
  };
}

/** PSK_MISSING with the keyrings the initiator searched (its entry's profile), or where the responder lacks the key. */
function missingKey(c: AuthCause & { auth: { kind: 'no-key-local' | 'no-key-remote' } }): ProblemInput {
  const { initiator: I, responder: R, peerAddress } = c.request;
  // The responder knows the initiator by the address it sees (behind NAT: the public one).
  const initiatorAddress = c.request.initiatorSeenAs ?? c.request.initiatorAddress;
  const code = AUTH_FAILURE_CODES[c.auth.kind];
  const profile = c.auth.profile;
  if (c.auth.kind === 'no-key-remote') {
    const leased = c.request.initiatorSeenAs === undefined ? leasedInterface(I.config, initiatorAddress) : undefined;
    if (leased) {
      // docs/ios-semantics.md#keys-for-peers-with-dynamic-addresses: the responder picks the key by
      // an address it cannot know in advance, so only a wildcard key (or keyring entry) can match.
      return {
        code,
        ...anchor(c),
        message: `${R.hostname} has no pre-shared key that matches ${I.hostname}, whose ${leased.name} takes its address at run time (ip address ${leased.dynamicAddress}; proven with the lease ${initiatorAddress}): no wildcard key in any keyring or the global keys${profile ? ` (its identity selects ISAKMP profile ${profile.name})` : ''}`,
        hintValues: { device: R.hostname, keyLine: keyLine('0.0.0.0 0.0.0.0', c.keyring) },
      };
    }
    return {
      code,
      ...anchor(c),
      message: `${R.hostname} has no pre-shared key for peer ${initiatorAddress} in any keyring or global key${profile ? ` (its identity selects ISAKMP profile ${profile.name})` : ''}`,
      hintValues: { peer: initiatorAddress, device: R.hostname, keyLine: keyLine(initiatorAddress, c.keyring) },
    };
  }
  const where = profile
    ? ` in the keyrings of ISAKMP profile ${profile.name} at ${at(I.file, profile.loc)} (${profile.keyrings.map((k) => k.name).join(', ') || 'none: the global keys'}), which ${entryText(c.request)} names`
    : '';
  return {
    code,
    ...anchor(c),
    message: `${I.hostname} has no pre-shared key for peer ${peerAddress}${where}`,
    hintValues: { peer: peerAddress, device: I.hostname, keyLine: keyLine(peerAddress, c.keyring) },
  };
}

/** PSK_MISSING, PSK_MISMATCH, PSK_UNVERIFIABLE, ISAKMP_PROFILE_MISMATCH, NO_TRUSTPOINT or NOT_MODELLED: authentication in main mode. */
export function authFinding(c: AuthCause): ProblemInput {
  const { initiator: I, responder: R, peerAddress } = c.request;
  // The responder knows the initiator by the address it sees (behind NAT: the public one).
  const initiatorAddress = c.request.initiatorSeenAs ?? c.request.initiatorAddress;
  const auth = c.auth;
  const code = AUTH_FAILURE_CODES[auth.kind];
  switch (auth.kind) {
    case 'no-key-local':
    case 'no-key-remote':
      return missingKey({ ...c, auth });
    case 'key-mismatch':
      return {
        code,
        ...anchor(c),
        message: `the pre-shared key at ${keyText(I, auth.initiatorKey)} (${I.hostname}, for ${peerAddress}) differs from the one at ${keyText(R, auth.responderKey)} (${R.hostname}, for ${initiatorAddress})`,
      };
    case 'keys-unverifiable':
      return {
        code,
        ...anchor(c),
        message: `the pre-shared keys at ${keyText(I, auth.initiatorKey)} and ${keyText(R, auth.responderKey)} cannot be compared: one is stored encrypted`,
      };
    case 'keyring-not-in-profile':
      return {
        code,
        ...anchor(c),
        message: `${R.hostname} takes the key for ${initiatorAddress} (${I.hostname}) from ${keyText(R, auth.responderKey)}, the most specific match for that address in all its keyrings, but ${I.hostname}'s identity selects ISAKMP profile ${auth.profile.name} at ${at(R.file, auth.profile.loc)}, whose keyrings (${auth.profile.keyrings.map((k) => k.name).join(', ')}) do not hold it: phase 1 fails when ${I.hostname} initiates (Cisco 117259)`,
      };
    case 'no-trustpoint': {
      const d = c.pin.device;
      return {
        code,
        ...anchor(c),
        message: `${d.hostname} authenticates phase 1 with ${(d === I ? R : I).hostname} by certificates (authentication rsa-sig${c.policyPriority !== undefined ? `, policy ${c.policyPriority}` : ''}) but defines no crypto pki trustpoint, so it has no certificate to present`,
        hintValues: { device: d.hostname },
      };
    }
    case 'ambiguous':
      return undecided(c, auth.ambiguity);
  }
}

/** CERTIFICATE_ASSUMED: the pair is proven under the assumption that the trust chain holds. */
export function certificateAssumed(a: CertificateAssumption): ProblemInput {
  const { initiator: I, responder: R } = a.request;
  const names = (xs: readonly string[]) => xs.join(', ') || 'none';
  const trustpoints = `trustpoint(s) ${names(a.initiatorTrustpoints)} on ${I.hostname} and ${names(a.responderTrustpoints)} on ${R.hostname}`;
  const pair = [I.hostname, R.hostname].sort();
  return {
    code: 'CERTIFICATE_ASSUMED',
    ...anchor(a),
    message: `phase 1 between ${pair[0]} and ${pair[1]} authenticates with certificates (rsa-sig): proven assuming each side's certificate validates against the other's ${trustpoints}; the trust chain is outside the configs`,
    hintValues: { trustpoints },
    dedupe: pair.join('|'),
  };
}
