/**
 * Result types of the change plan: per router, the IOS configuration-mode commands that take the
 * running configuration from an old IR to a new one. The JSON shape is a public contract of
 * `hubspoke diff --format json`: fields may be added, never removed.
 */

/** What happened to a router between the old and the new set of configs (matched by hostname). */
export type RouterChange = 'unchanged' | 'changed' | 'new' | 'removed';

/**
 * When a step runs. Steps run phase by phase so that nothing is referenced before it exists and
 * nothing is removed while something still references it:
 * - `prepare`: interfaces, routes, ISAKMP policies, keys, transform sets and ACL lines are added or
 *   changed (the crypto map entries that will use them do not exist yet);
 * - `apply`: crypto map entries are added or changed, maps are applied to interfaces;
 * - `cleanup`: maps are taken off interfaces, entries removed, then the ACL lines, ACLs, transform
 *   sets, keys, policies and routes that only they used.
 */
export type PlanPhase = 'prepare' | 'apply' | 'cleanup';

/** The kind of configuration element a step touches. */
export type PlanElement =
  | 'global'
  | 'interface'
  | 'route'
  | 'isakmp-policy'
  | 'isakmp-key'
  | 'trustpoint'
  | 'keyring'
  | 'isakmp-profile'
  | 'ikev2'
  | 'transform-set'
  | 'access-list'
  | 'crypto-map-entry'
  | 'interface-crypto-map';

/** One step: a group of configuration-mode commands acting on one element. */
export interface PlanStep {
  /** When the step runs (see {@link PlanPhase}). */
  readonly phase: PlanPhase;
  /** The kind of element the step touches. */
  readonly element: PlanElement;
  /** Whether the element is added, changed in place or removed. */
  readonly action: 'add' | 'change' | 'remove';
  /** The element, as IOS names it: `crypto map mymap 30`, `access-list 110`, `ip route 10.0.0.0/8`. */
  readonly target: string;
  /** One sentence for the reader of the plan. */
  readonly description: string;
  /**
   * Configuration-mode commands in order. A command that enters a sub-mode is followed by its
   * sub-mode commands, indented by one space, and by `exit`.
   */
  readonly commands: readonly string[];
  /**
   * True when `commands` carry a secret (a pre-shared key, or a password line kept from the
   * config). Formatters redact these commands unless asked to show secrets.
   */
  readonly secret: boolean;
}

/** Codes of plan warnings; stable, tools may match on them. */
export type PlanWarningCode =
  /** The crypto map applied to an interface changes or is removed: every tunnel on it is cleared. */
  | 'CRYPTO_MAP_REAPPLY'
  /** Entries added to an applied map on IOS 12.2: the device may need the map re-applied. */
  | 'CRYPTO_MAP_NEW_ENTRY_12_2'
  /** Changed peer, ACL, transform set or PFS of an entry: existing SAs keep the old settings. */
  | 'SA_REFRESH'
  /** A pre-shared key changes: both ends must change together. */
  | 'KEY_CHANGED'
  /** `crypto map M local-address` changes: the map's IKE and ESP address moves; peers must name the new one. */
  | 'CRYPTO_LOCAL_ADDRESS_CHANGED'
  /** An ACL is deleted and re-entered (no sequence numbers on this release, or a type change). */
  | 'ACL_REWRITE'
  /** An ACL is renumbered with `ip access-list resequence` to make room for inserted lines. */
  | 'ACL_RESEQUENCE'
  /** Lines are deleted from an ACL before the new lines are in (no room to make before break). */
  | 'ACL_BREAK_BEFORE_MAKE'
  /** A remark was added; IOS places remarks without sequence numbers, check the position. */
  | 'REMARK_PLACEMENT'
  /** A crypto map entry changes its type and is removed and re-added. */
  | 'CRYPTO_MAP_ENTRY_REPLACED'
  /** The peer failover order changes: all peers are removed and re-added. */
  | 'PEER_ORDER'
  /** The software platform or version differs: the plan does not upgrade software. */
  | 'PLATFORM_CHANGED'
  /** A line the IR does not model is removed by negating it; check the command. */
  | 'NEGATED_UNMODELLED_LINE';

/** Something the operator must know before running a router's commands. */
export interface PlanWarning {
  /** Stable code (see {@link PlanWarningCode}). */
  readonly code: PlanWarningCode;
  /** What happens and what to do; never contains a key. */
  readonly message: string;
}

/** The plan of one router. */
export interface RouterPlan {
  /** The router's hostname (the key that matches old and new configs). */
  readonly hostname: string;
  /** Unchanged, changed, new or removed. */
  readonly change: RouterChange;
  /** Config file in the old set. @default - the router is new */
  readonly oldFile?: string;
  /** Config file in the new set. @default - the router is removed */
  readonly newFile?: string;
  /** Steps in execution order (empty for unchanged, new and removed routers). */
  readonly steps: readonly PlanStep[];
  /** What to know before running the steps (empty when there are none). */
  readonly warnings: readonly PlanWarning[];
}

/** Counts of routers per change. */
export interface PlanSummary {
  /** Routers whose configs give no command. */
  readonly unchanged: number;
  /** Routers with at least one step. */
  readonly changed: number;
  /** Routers only in the new configs. */
  readonly new: number;
  /** Routers only in the old configs. */
  readonly removed: number;
  /** Commands over all changed routers. */
  readonly commands: number;
}

/** The change plan between two sets of configs. */
export interface ChangePlan {
  /** Every router of either set, sorted by hostname. */
  readonly routers: readonly RouterPlan[];
  /** Counts over `routers`. */
  readonly summary: PlanSummary;
  /** True when some router is changed, new or removed. */
  readonly hasChanges: boolean;
}
