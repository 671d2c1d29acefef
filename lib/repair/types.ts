/**
 * Result types of a repair plan (`planRepair`, `hubspoke fix`). The JSON shape is a public contract
 * of `hubspoke fix --format json`: fields may be added, never removed. Data only: the words a reader
 * sees are written by `wording.ts` from these fields.
 */
import type { ChangePlan } from '../plan/types.js';
import type { ProblemCode } from '../verify/findings/problem-codes.js';
import type { VerifySummary } from '../verify/types.js';

/** One config file of the network to repair. */
export interface RepairInput {
  /** File name (its base name names the repaired file). */
  readonly file: string;
  /** The configuration text as the router runs it. */
  readonly text: string;
}

/** What one repair does, as data (the words are in `wording.ts`). */
export type RepairKind =
  | 'add-acl-line'
  | 'remove-acl-deny'
  | 'remove-acl-line'
  | 'remove-capturing-entry'
  | 'correct-acl-network'
  | 'correct-match-address'
  | 'add-route'
  | 'correct-route'
  | 'apply-crypto-map'
  | 'correct-interface-crypto-map'
  | 'correct-transform-set-name'
  | 'correct-peer'
  | 'add-key-placeholder'
  | 'replace-key-placeholder'
  | 'add-isakmp-policy'
  | 'add-ikev2-proposal'
  | 'set-isakmp-lifetime'
  | 'add-transform-set'
  | 'set-pfs'
  | 'add-nat-exemption'
  | 'permit-tunnel-protocols'
  | 'enable-nat-traversal'
  | 'correct-tunnel-destination'
  | 'add-tunnel-protection';

/** One repair on one device: why (the problem code it answers) and what (kind and subject). */
export interface RepairAction {
  readonly device: string;
  readonly file: string;
  /** The problem code of the finding this repair answers. */
  readonly code: ProblemCode;
  readonly kind: RepairKind;
  /** The element changed, as IOS names it: `access-list 110`, `ip route 172.16.2.0/24`, `crypto map mymap 10`. */
  readonly target: string;
  /** The configuration lines the repair writes (keys as placeholders). */
  readonly lines: readonly string[];
  /** The line it replaces or removes, when it does. @default - only adds */
  readonly replaces?: string;
  /** True when a line holds a key placeholder the operator must fill in. @default false */
  readonly placeholder?: boolean;
}

/** Why the tool leaves a finding alone (each has one sentence in `wording.ts`). */
export type UnrepairedReason =
  | 'design-decision'
  | 'would-weaken'
  | 'outside-configs'
  | 'not-modelled'
  | 'ambiguous'
  | 'unreadable-line'
  | 'security-filter'
  | 'no-repair-known'
  | 'repair-did-not-prove';

/** A finding the plan does not repair, and why. */
export interface Unrepaired {
  readonly code: ProblemCode;
  readonly device: string;
  readonly file: string;
  readonly line: number;
  readonly reason: UnrepairedReason;
  /** The finding's own message (names the lines; never a key). */
  readonly finding: string;
  /** A detail for the reason (the stronger suite, the two candidates, ...). @default - none */
  readonly detail?: string;
}

/** A repaired config file. */
export interface RepairedFile {
  readonly file: string;
  readonly hostname: string;
  /** The repaired text, key placeholders in place of the keys the operator must type. */
  readonly text: string;
  /** True when the text differs from the input. */
  readonly changed: boolean;
}

/** A pair the plan leaves uncovered. */
export interface UncoveredPair {
  readonly from: string;
  readonly to: string;
  readonly fromNetwork: string;
  readonly toNetwork: string;
  readonly status: 'broken' | 'unverified';
  /** Problem codes on the pair after the repairs. */
  readonly codes: readonly ProblemCode[];
}

/** The repair plan of a network. */
export interface RepairPlan {
  /**
   * True when the repaired configs were proven (every ordered pair covered, no error, no finding
   * that the input did not have): only then are `actions`, `changes` and `files` a plan to apply.
   */
  readonly proven: boolean;
  /** True when the input was proven already (nothing to do). */
  readonly alreadyProven: boolean;
  /** The proof's counts before and after the repairs. */
  readonly before: VerifySummary;
  readonly after: VerifySummary;
  /** The repairs, per device in the order they were found (rounds), each answering a finding. */
  readonly actions: readonly RepairAction[];
  /** IOS configuration-mode commands per changed router (lib/plan), keys as placeholders. */
  readonly changes: ChangePlan;
  /** Every input file, repaired. */
  readonly files: readonly RepairedFile[];
  /** Findings left unrepaired, with the reason. */
  readonly unrepaired: readonly Unrepaired[];
  /** Pairs still not covered after the repairs (empty when proven). */
  readonly uncovered: readonly UncoveredPair[];
  /** Findings (code and device) that the repairs introduced, when that is why the plan is refused. */
  readonly introduced: readonly { readonly code: ProblemCode; readonly device: string }[];
  /** Proof rounds run (a repair can reveal the next fault). */
  readonly rounds: number;
}
