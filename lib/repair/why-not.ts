/**
 * Why a finding is left unrepaired, as data per problem code, and the sentence a reader sees for
 * each reason. A code not listed has no repair the tool knows; a code whose repair was tried but did
 * not prove says so.
 */
import type { ProblemCode } from '../verify/findings/problem-codes.js';
import type { UnrepairedReason } from './types.js';

const BY_CODE: Partial<Record<ProblemCode, UnrepairedReason>> = {
  OVERLAPPING_SITES: 'design-decision',
  WRONG_PEER: 'design-decision',
  ISAKMP_PROFILE_MISMATCH: 'design-decision',
  PSK_ASYMMETRIC_MISMATCH: 'design-decision',
  IKEV2_NO_PROFILE: 'design-decision',
  IKEV2_AUTH_METHOD: 'design-decision',
  NAT_BEFORE_CRYPTO: 'design-decision',
  PSK_UNVERIFIABLE: 'outside-configs',
  NO_TRUSTPOINT: 'outside-configs',
  PEER_UNREACHABLE: 'outside-configs',
  NOT_MODELLED: 'not-modelled',
  INVALID_LINE: 'unreadable-line',
  UNDEFINED_OBJECT_GROUP: 'ambiguous',
  ACL_DUPLICATE_SEQUENCE: 'ambiguous',
  INTERFACE_ACL_BLOCKS: 'security-filter',
};

/** The reason for a code no generator declined or tried. */
export function defaultReason(code: ProblemCode): UnrepairedReason {
  return BY_CODE[code] ?? 'no-repair-known';
}

/** One sentence per reason. */
export const REASON_TEXT: Readonly<Record<UnrepairedReason, string>> = {
  'design-decision':
    'which side is wrong is a design decision the tool must not guess (e.g. which of two overlapping sites to renumber, which peer an entry was meant for)',
  'would-weaken':
    'the only repair would weaken security (a weaker IKE policy or transform set than the device already uses, or less PFS); align the two sides on the stronger suite by hand',
  'outside-configs':
    'the repair needs facts the configs do not hold (the underlay next hop towards the peer, an enrolled certificate, an encrypted key)',
  'not-modelled':
    'the line is outside the model, so no repair of it can be proven; check it another way or express the design without it',
  ambiguous: 'more than one correction fits (or none does), and the tool does not pick one for you',
  'unreadable-line': 'the line is not what IOS would accept; correct it by hand, the intent cannot be read from it',
  'security-filter':
    'an interface access list is a security policy; the tool does not open it (permit the VPN traffic there yourself)',
  'no-repair-known': 'hubspoke knows no proven repair for this problem yet',
  'repair-did-not-prove': 'the repair the tool tried did not make the network proven, so it is not offered',
};
