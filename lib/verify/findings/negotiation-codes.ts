/**
 * The problem code of each way a negotiation can fail, in one table per rule. The rules return
 * their failure reasons as data (`lib/rules/ike-phase1.ts`, `ike-auth.ts`, `ike-phase2.ts`); these
 * tables are where the proof turns a reason into a finding. Each is checked by the compiler
 * against the rule's reason type: a reason added to a rule does not compile until it is mapped.
 */
import type { Phase1FailureReason } from '../../rules/ike-phase1.js';
import type { Phase2FailureReason } from '../../rules/ike-phase2.js';
import type { AuthOutcome } from '../../rules/ike-auth.js';
import type { ProblemCode } from './problem-codes.js';

/** Phase 1 (main mode policy selection). */
export const PHASE1_FAILURE_CODES = {
  'no-policy-initiator': 'IKE_NO_POLICY_MATCH',
  'no-policy-responder': 'IKE_NO_POLICY_MATCH',
  'no-policy-match': 'IKE_NO_POLICY_MATCH',
  lifetime: 'IKE_LIFETIME',
  'legacy-algorithm-rejected': 'IKE_NO_POLICY_MATCH',
} as const satisfies Record<Phase1FailureReason, ProblemCode>;

/**
 * Main-mode authentication (keys, keyrings and profiles, certificates; a success is no failure).
 * A choice the configs do not decide is NOT_MODELLED: the pair is unverified, never covered.
 */
export const AUTH_FAILURE_CODES = {
  'no-key-local': 'PSK_MISSING',
  'no-key-remote': 'PSK_MISSING',
  'key-mismatch': 'PSK_MISMATCH',
  'keys-unverifiable': 'PSK_UNVERIFIABLE',
  'keyring-not-in-profile': 'ISAKMP_PROFILE_MISMATCH',
  'no-trustpoint': 'NO_TRUSTPOINT',
  ambiguous: 'NOT_MODELLED',
} as const satisfies Record<Exclude<AuthOutcome['kind'], 'psk' | 'certificate'>, ProblemCode>;

/**
 * Phase 2 (quick mode). A missing entry for the peer is reported as a more specific root cause
 * when one is found (an undefined object on the entry that names the peer); this is its code
 * otherwise.
 */
export const PHASE2_FAILURE_CODES = {
  'no-entry-for-peer': 'NO_ENTRY_FOR_PEER',
  'proxy-not-supported': 'PROXY_MISMATCH',
  'isakmp-profile-mismatch': 'ISAKMP_PROFILE_MISMATCH',
  'transform-not-supported': 'TRANSFORM_MISMATCH',
  'pfs-mismatch': 'PFS_MISMATCH',
  'legacy-algorithm-rejected': 'WEAK_CRYPTO',
} as const satisfies Record<Phase2FailureReason, ProblemCode>;
