/**
 * The problem code of each way a negotiation can fail, in one table per rule. The rules return
 * their failure reasons as data (`lib/rules/ike-phase1.ts`, `psk.ts`, `ike-phase2.ts`); these
 * tables are where the proof turns a reason into a finding. Each is checked by the compiler
 * against the rule's reason type: a reason added to a rule does not compile until it is mapped.
 */
import type { Phase1FailureReason } from '../../rules/ike-phase1.js';
import type { Phase2FailureReason } from '../../rules/ike-phase2.js';
import type { PskVerdict } from '../../rules/psk.js';
import type { ProblemCode } from './problem-codes.js';

/** Phase 1 (main mode policy selection). */
export const PHASE1_FAILURE_CODES = {
  'no-policy-initiator': 'IKE_NO_POLICY_MATCH',
  'no-policy-responder': 'IKE_NO_POLICY_MATCH',
  'no-policy-match': 'IKE_NO_POLICY_MATCH',
  lifetime: 'IKE_LIFETIME',
  'authentication-not-pre-share': 'IKE_NO_POLICY_MATCH',
  'legacy-algorithm-rejected': 'IKE_NO_POLICY_MATCH',
} as const satisfies Record<Phase1FailureReason, ProblemCode>;

/** Pre-shared key lookup and comparison (a matching pair is no failure). */
export const PSK_FAILURE_CODES = {
  'missing-local': 'PSK_MISSING',
  'missing-remote': 'PSK_MISSING',
  mismatch: 'PSK_MISMATCH',
  unverifiable: 'PSK_UNVERIFIABLE',
} as const satisfies Record<Exclude<PskVerdict, 'match'>, ProblemCode>;

/**
 * Phase 2 (quick mode). A missing entry for the peer is reported as a more specific root cause
 * when one is found (an undefined object on the entry that names the peer); this is its code
 * otherwise.
 */
export const PHASE2_FAILURE_CODES = {
  'no-entry-for-peer': 'NO_ENTRY_FOR_PEER',
  'proxy-not-supported': 'PROXY_MISMATCH',
  'transform-not-supported': 'TRANSFORM_MISMATCH',
  'pfs-mismatch': 'PFS_MISMATCH',
  'legacy-algorithm-rejected': 'WEAK_CRYPTO',
} as const satisfies Record<Phase2FailureReason, ProblemCode>;
