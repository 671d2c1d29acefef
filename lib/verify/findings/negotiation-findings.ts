/**
 * Catalogue: the findings of failed negotiations. The negotiator returns typed causes
 * (`prove/negotiation-outcome.ts`: the rule's reason, the request, the device and line at fault);
 * here each becomes its finding, with the problem code from the compiler-checked reason tables of
 * `negotiation-codes.ts`. Pre-shared keys are named by location only, never by value.
 */
import type { ModelDevice } from '../model/network-model.js';
import type {
  NegotiationCause,
  NegotiationOutcome,
  NoEntryCause,
  Phase1Cause,
  ProfileCause,
  ProposalCause,
  ProxyCause,
} from '../prove/negotiation-outcome.js';
import { IdentityCache } from '../../ir/identity-cache.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { undefinedObject } from './crypto-findings.js';
import { at, lineRef } from './describe.js';
import { authFinding, certificateAssumed } from './auth-findings.js';
import { ikev2Code, ikev2Finding } from './ikev2-findings.js';
import { AUTH_FAILURE_CODES, PHASE1_FAILURE_CODES, PHASE2_FAILURE_CODES } from './negotiation-codes.js';
import type { ProblemCode } from './problem-codes.js';
import type { ProblemInput } from './problem-book.js';

/** The device and line of a cause, as a finding's anchor. */
function anchor(cause: NegotiationCause): { device: string; file: string; line: number } {
  return { device: cause.pin.device.hostname, file: cause.pin.device.file, line: cause.pin.line };
}

function policiesText(d: ModelDevice): string {
  return d.config.isakmpPolicies.length === 0
    ? `${d.hostname} (no policy)`
    : `${d.hostname} ${d.config.isakmpPolicies.map((p) => `policy ${p.priority} at ${at(d.file, p.loc)}`).join(', ')}`;
}

function phase1Message(c: Phase1Cause): string {
  const { initiator: I, responder: R } = c.request;
  switch (c.reason) {
    case 'no-policy-initiator':
      return `${I.hostname} has no ISAKMP policy this platform can use, so phase 1 with ${R.hostname} fails`;
    case 'no-policy-responder':
      return `${R.hostname} has no ISAKMP policy this platform can use, so phase 1 with ${I.hostname} fails`;
    case 'lifetime': {
      const m = c.lifetime;
      const detail = m
        ? ` (${I.hostname} offers ${m.offered.lifetime} s at ${at(I.file, m.offered.loc)}, ${R.hostname} accepts at most ${m.responder.lifetime} s at ${at(R.file, m.responder.loc)})`
        : '';
      return `phase 1 from ${I.hostname} to ${R.hostname} fails on the ISAKMP lifetime${detail}`;
    }
    case 'legacy-algorithm-rejected':
      return `every ISAKMP policy between ${I.hostname} and ${R.hostname} uses an algorithm this IOS-XE release refuses (FN72510)`;
    case 'no-policy-match': {
      const m = c.method;
      const detail = m
        ? ` (they differ only in the authentication method: ${I.hostname} offers ${m.offered.authentication}, ${R.hostname} accepts ${m.responder.authentication})`
        : '';
      return `no ISAKMP policy of ${R.hostname} matches an offer of ${I.hostname}: ${policiesText(I)} vs ${policiesText(R)}${detail}`;
    }
  }
}

/** IKE_NO_POLICY_MATCH or IKE_LIFETIME: phase 1 refused. */
function phase1Finding(c: Phase1Cause): ProblemInput {
  return { code: PHASE1_FAILURE_CODES[c.reason], ...anchor(c), message: phase1Message(c) };
}

/** Transform set names with their lines, as a side offers or accepts them. */
function transformSetsText(d: ModelDevice, names: readonly string[]): string {
  return (
    names
      .map((n) => {
        const t = d.config.transformSets.find((x) => x.name === n);
        return `${n}${t ? ` at ${at(d.file, t.loc)}` : ''}`;
      })
      .join(', ') || 'platform default sets'
  );
}

/** TRANSFORM_MISMATCH, PFS_MISMATCH or WEAK_CRYPTO (as an error): phase 2 refused the proposal. */
function proposalFinding(c: ProposalCause): ProblemInput {
  const req = c.request;
  const { initiator: I, responder: R } = req;
  const code = PHASE2_FAILURE_CODES[c.reason];
  const entryText = (ce: CompiledCryptoEntry | undefined, d: ModelDevice) =>
    ce ? `${d.hostname} entry ${req.responderMap.name} ${ce.entry.seq} at ${at(d.file, ce.entry.loc)}` : d.hostname;
  switch (c.reason) {
    case 'transform-not-supported':
      return {
        code,
        ...anchor(c),
        message: `no transform set offered by ${I.hostname} (${transformSetsText(I, req.entry.entry.transformSets)}) equals one accepted by ${entryText(c.responderEntry, R)} (${transformSetsText(R, c.responderEntry?.entry.transformSets ?? [])})`,
      };
    case 'pfs-mismatch': {
      const offered = c.pfs?.offered === undefined ? 'no PFS' : `PFS group ${c.pfs.offered}`;
      const required = c.pfs?.required === 'group1-or-2' ? 'PFS group 1 or 2' : `PFS group ${c.pfs?.required}`;
      return {
        code,
        ...anchor(c),
        message: `${I.hostname} (entry at ${at(I.file, req.entry.entry.loc)}) offers ${offered}, ${entryText(c.responderEntry, R)} requires ${required}`,
      };
    }
    case 'legacy-algorithm-rejected':
      // WEAK_CRYPTO is a warning by default; here the release refuses the algorithms outright.
      return {
        code,
        severity: 'error',
        ...anchor(c),
        message: `phase 2 between ${I.hostname} and ${R.hostname} can only use transforms or PFS groups this IOS-XE release refuses (FN72510)`,
      };
  }
}

/** NO_ENTRY_FOR_PEER, or the undefined object that leaves the responder's entry incomplete. */
function noEntryFinding(c: NoEntryCause): ProblemInput {
  if (c.incomplete) return undefinedObject(c.incomplete);
  const { initiator: I, responder: R, responderMap: map, line } = c.request;
  const initiatorAddress = c.request.initiatorSeenAs ?? c.request.initiatorAddress;
  const base = {
    code: PHASE2_FAILURE_CODES[c.reason],
    ...anchor(c),
    hintValues: { device: R.hostname, peer: initiatorAddress },
  };
  const m = c.mirroring;
  if (m) {
    return {
      ...base,
      message: `entry ${map.name} ${m.entry.seq} at ${at(R.file, m.entry.loc)} mirrors ${lineRef(I.file, line)} of ${I.hostname} but names peer ${m.entry.peers.join(', ')}, not ${initiatorAddress} (${I.hostname}), so ${R.hostname} refuses the proposal`,
    };
  }
  return {
    ...base,
    message: `${R.hostname} has no active entry in crypto map ${map.name} with peer ${initiatorAddress} and none that mirrors ${lineRef(I.file, line)}, so it refuses every proposal of ${I.hostname}`,
  };
}

/** PROXY_MISMATCH: the proposal line and the receiver's closest line (the same finding from the static check). */
function proxyFinding(c: ProxyCause): ProblemInput {
  const { proposer, line, receiver, receiverEntry, closest } = c;
  const where = receiverEntry
    ? `ACL ${receiverEntry.acl?.name ?? receiverEntry.entry.matchAddress} (entry ${receiverEntry.entry.seq})`
    : 'any entry';
  return {
    code: PHASE2_FAILURE_CODES[c.reason],
    ...anchor(c),
    message: `${proposer.hostname} line ${lineRef(proposer.file, line)} has no mirror in ${where} on ${receiver.hostname}${
      closest ? `; closest line ${lineRef(receiver.file, closest)}` : ''
    }: a tunnel ${proposer.hostname} initiates for it is refused`,
    dedupe: `${proposer.hostname}|${line.rule.loc?.line ?? line.index}`,
  };
}

/** The entry of a responder's map, as findings name it. */
function responderEntryText(req: ProfileCause['request'], ce: CompiledCryptoEntry | undefined): string {
  const R = req.responder;
  return ce
    ? `${R.hostname} entry ${req.responderMap.name} ${ce.entry.seq} at ${at(R.file, ce.entry.loc)}`
    : R.hostname;
}

/**
 * ISAKMP_PROFILE_MISMATCH: the entry that mirrors the proposal requires another profile than the
 * IKE SA's; or NOT_MODELLED: an entry without a profile accepts an IKE SA bound to one, which
 * Cisco does not document (docs/ios-semantics.md#keyrings-and-isakmp-profiles), so the pair is unverified.
 */
function profileFinding(c: ProfileCause): ProblemInput {
  const req = c.request;
  const { initiator: I, responder: R } = req;
  if (c.reason === 'profile-unchecked') {
    const ce = c.responderEntry;
    return {
      code: 'NOT_MODELLED',
      ...anchor(c),
      message: `entry ${req.responderMap.name} ${ce?.entry.seq ?? ''} at ${at(R.file, ce?.entry.loc)} ${ce?.entry.ikev2Profile !== undefined ? `names IKEv2 profile ${ce.entry.ikev2Profile} but accepts ${I.hostname} over an IKEv1 SA` : `has no set isakmp-profile but accepts ${I.hostname} over an IKE SA bound to ISAKMP profile ${c.ikeProfile ?? ''}`}: whether IOS accepts that is not documented; the pair is unverified`,
      hintValues: { device: R.hostname },
      dedupe: `${I.hostname}|profile`,
    };
  }
  const required = c.responderEntry?.entry.isakmpProfile ?? '';
  return {
    code: PHASE2_FAILURE_CODES[c.reason],
    ...anchor(c),
    message: `${responderEntryText(req, c.responderEntry)} mirrors the proposal of ${I.hostname} but requires ISAKMP profile ${required}, while the IKE SA with ${I.hostname} is bound to ${c.ikeProfile === undefined ? 'no profile' : `profile ${c.ikeProfile}`} (selected by ${I.hostname}'s identity), so ${R.hostname} refuses it`,
  };
}

function phase2Finding(c: Extract<NegotiationCause, { step: 'phase2' }>): ProblemInput {
  switch (c.reason) {
    case 'no-entry-for-peer':
      return noEntryFinding(c);
    case 'proxy-not-supported':
      return proxyFinding(c);
    case 'isakmp-profile-mismatch':
    case 'profile-unchecked':
      return profileFinding(c);
    default:
      return proposalFinding(c);
  }
}

function word(c: NegotiationCause): ProblemInput {
  switch (c.step) {
    case 'phase1':
      return phase1Finding(c);
    case 'auth':
      return authFinding(c);
    case 'phase2':
      return phase2Finding(c);
    case 'ikev2':
      return ikev2Finding(c);
  }
}

// The negotiator caches its causes, so each is worded once however many pairs report it.
const worded = new IdentityCache<NegotiationCause, ProblemInput>();

/** The finding of one negotiation cause. */
export function negotiationFinding(cause: NegotiationCause): ProblemInput {
  return worded.get(cause, word);
}

/** The findings of an outcome's causes, in order. */
export function negotiationFindings(outcome: NegotiationOutcome): ProblemInput[] {
  return outcome.causes.map(negotiationFinding);
}

/** The findings of the assumptions an outcome is proven under (CERTIFICATE_ASSUMED), in order. */
export function negotiationAssumptions(outcome: NegotiationOutcome): ProblemInput[] {
  return outcome.assumptions.map(certificateAssumed);
}

/** The problem code of a cause without wording it. */
export function negotiationCode(cause: NegotiationCause): ProblemCode {
  switch (cause.step) {
    case 'phase1':
      return PHASE1_FAILURE_CODES[cause.reason];
    case 'auth':
      return AUTH_FAILURE_CODES[cause.auth.kind];
    case 'ikev2':
      return ikev2Code(cause);
    case 'phase2':
      if (cause.reason === 'profile-unchecked') return 'NOT_MODELLED';
      return cause.reason === 'no-entry-for-peer' && cause.incomplete
        ? undefinedObject(cause.incomplete).code
        : PHASE2_FAILURE_CODES[cause.reason];
  }
}
