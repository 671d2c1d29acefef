/**
 * Why a finding is left unrepaired, as data per problem code, and the sentence a reader sees for
 * each reason. A code not listed has no repair the tool knows; a code whose repair was tried but did
 * not prove says so.
 */
import type { ProblemCode } from '../verify/findings/problem-codes.js';
import type { UnrepairedReason } from './types.js';

/** What `hubspoke fix` does about one problem code. */
export interface CodeRepair {
  /** The repair a generator makes for it (see docs/brownfield.md), when there is one. @default - none */
  readonly repair?: string;
  /** Why a finding of the code is left when no repair applies (or there is none). */
  readonly otherwise: Exclude<UnrepairedReason, 'no-repair-known' | 'repair-did-not-prove'>;
}

const R = (repair: string, otherwise: CodeRepair['otherwise']): CodeRepair => ({ repair, otherwise });
const L = (otherwise: CodeRepair['otherwise']): CodeRepair => ({ otherwise });

/**
 * Every problem code, with its repair or the reason it is left (exhaustive: a new code does not
 * compile without a line here; docs/brownfield.md#every-problem-code lists the same table).
 */
export const CODE_REPAIRS: Readonly<Record<ProblemCode, CodeRepair>> = {
  NO_ROUTE: R('route', 'outside-configs'),
  DISCARD_ROUTE: R('route', 'outside-configs'),
  INVALID_ROUTE: R('route', 'outside-configs'),
  ROUTE_TRACK_ASSUMED: L('outside-configs'),
  NOT_PROTECTED: R('crypto-acl', 'design-decision'),
  CLEAR_TEXT_DROPPED: R('crypto-acl', 'design-decision'),
  CRYPTO_MAP_NOT_APPLIED: R('apply-map', 'ambiguous'),
  WRONG_PEER: R('capturing-entry', 'design-decision'),
  PEER_UNREACHABLE: L('outside-configs'),
  UNKNOWN_PEER: R('peer', 'ambiguous'),
  NO_ENTRY_FOR_PEER: R('peer', 'ambiguous'),
  UNDEFINED_ACL: R('reference', 'ambiguous'),
  UNDEFINED_TRANSFORM_SET: R('reference', 'ambiguous'),
  UNDEFINED_CRYPTO_MAP: R('reference', 'ambiguous'),
  IKE_NO_POLICY_MATCH: R('ike-proposal', 'would-weaken'),
  IKE_LIFETIME: R('isakmp-lifetime', 'design-decision'),
  PSK_MISSING: R('key-placeholder', 'design-decision'),
  PSK_MISMATCH: R('key-placeholder', 'design-decision'),
  PSK_ASYMMETRIC_MISMATCH: L('design-decision'),
  IKEV2_NO_PROFILE: L('design-decision'),
  IKEV2_AUTH_METHOD: L('design-decision'),
  PSK_UNVERIFIABLE: L('outside-configs'),
  ISAKMP_PROFILE_MISMATCH: L('design-decision'),
  CERTIFICATE_ASSUMED: L('outside-configs'),
  NO_TRUSTPOINT: L('outside-configs'),
  NAT_MAPPING_ASSUMED: L('outside-configs'),
  NAT_T_DISABLED: R('nat-traversal', 'design-decision'),
  TRANSFORM_MISMATCH: R('transform-set', 'would-weaken'),
  PFS_MISMATCH: R('pfs', 'would-weaken'),
  PROXY_MISMATCH: R('crypto-acl', 'design-decision'),
  INITIATOR_DEPENDENT: R('crypto-acl', 'design-decision'),
  SPOKE_MUST_INITIATE: L('design-decision'),
  NO_DYNAMIC_SA: R('crypto-acl', 'design-decision'),
  DYNAMIC_ADDRESS_ASSUMED: L('outside-configs'),
  UNKNOWN_NETWORK: R('acl-network', 'ambiguous'),
  OVERLAPPING_SITES: L('design-decision'),
  NO_SITE: L('design-decision'),
  INTERFACE_ACL_BLOCKS: R('interface-acl', 'security-filter'),
  ACCESS_GROUP_UNDEFINED: L('ambiguous'),
  NAT_BEFORE_CRYPTO: R('nat-exemption', 'design-decision'),
  WEAK_CRYPTO: L('design-decision'),
  WEAK_PSK: L('outside-configs'),
  REUSED_PSK: L('outside-configs'),
  ACL_ANY: L('design-decision'),
  BACKUP_PEER_BROKEN: L('design-decision'),
  PEER_NOT_ANSWERING: L('outside-configs'),
  UNDEFINED_OBJECT_GROUP: L('ambiguous'),
  ACL_DUPLICATE_SEQUENCE: L('ambiguous'),
  TUNNEL_DOWN: L('outside-configs'),
  TUNNEL_MISMATCH: R('tunnel-end', 'ambiguous'),
  UNDERLAY_LEAK: R('tunnel-route', 'ambiguous'),
  GRE_UNPROTECTED: R('gre-permit', 'design-decision'),
  NOT_MODELLED: L('not-modelled'),
  INVALID_LINE: L('unreadable-line'),
};

/** The reason for a code no generator declined or tried. */
export function defaultReason(code: ProblemCode): UnrepairedReason {
  return CODE_REPAIRS[code].otherwise;
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
