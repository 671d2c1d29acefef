/**
 * The stable catalogue of problem codes the proof reports. Codes never change meaning once
 * published: tools and CI scripts match on them. `docs/problems.md` lists the same table for users;
 * a test keeps the two in step.
 */
import { CATALOGUE_ROWS } from './problem-rows.js';

/** How bad a finding is: errors fail the proof (exit 1), warnings never do. */
export type Severity = 'error' | 'warning';

/** Every problem code. */
export type ProblemCode =
  | 'NO_ROUTE'
  | 'DISCARD_ROUTE'
  | 'INVALID_ROUTE'
  | 'ROUTE_TRACK_ASSUMED'
  | 'NOT_PROTECTED'
  | 'CLEAR_TEXT_DROPPED'
  | 'CRYPTO_MAP_NOT_APPLIED'
  | 'WRONG_PEER'
  | 'PEER_UNREACHABLE'
  | 'UNKNOWN_PEER'
  | 'NO_ENTRY_FOR_PEER'
  | 'UNDEFINED_ACL'
  | 'UNDEFINED_TRANSFORM_SET'
  | 'UNDEFINED_CRYPTO_MAP'
  | 'IKE_NO_POLICY_MATCH'
  | 'IKE_LIFETIME'
  | 'PSK_MISSING'
  | 'PSK_MISMATCH'
  | 'PSK_ASYMMETRIC_MISMATCH'
  | 'IKEV2_NO_PROFILE'
  | 'IKEV2_AUTH_METHOD'
  | 'PSK_UNVERIFIABLE'
  | 'ISAKMP_PROFILE_MISMATCH'
  | 'CERTIFICATE_ASSUMED'
  | 'NO_TRUSTPOINT'
  | 'NAT_MAPPING_ASSUMED'
  | 'NAT_T_DISABLED'
  | 'TRANSFORM_MISMATCH'
  | 'PFS_MISMATCH'
  | 'PROXY_MISMATCH'
  | 'INITIATOR_DEPENDENT'
  | 'SPOKE_MUST_INITIATE'
  | 'NO_DYNAMIC_SA'
  | 'DYNAMIC_ADDRESS_ASSUMED'
  | 'UNKNOWN_NETWORK'
  | 'OVERLAPPING_SITES'
  | 'NO_SITE'
  | 'INTERFACE_ACL_BLOCKS'
  | 'ACCESS_GROUP_UNDEFINED'
  | 'NAT_BEFORE_CRYPTO'
  | 'WEAK_CRYPTO'
  | 'WEAK_PSK'
  | 'REUSED_PSK'
  | 'ACL_ANY'
  | 'BACKUP_PEER_BROKEN'
  | 'PEER_NOT_ANSWERING'
  | 'UNDEFINED_OBJECT_GROUP'
  | 'ACL_DUPLICATE_SEQUENCE'
  | 'TUNNEL_DOWN'
  | 'TUNNEL_MISMATCH'
  | 'UNDERLAY_LEAK'
  | 'GRE_UNPROTECTED'
  | 'NOT_MODELLED'
  | 'INVALID_LINE';

/** What a code means and how to fix it. */
export interface ProblemCodeInfo {
  readonly code: ProblemCode;
  /** Default severity (WEAK_CRYPTO becomes an error on platforms that reject the algorithm). */
  readonly severity: Severity;
  /** One sentence: what is wrong. */
  readonly description: string;
  /** Fix hint template; `{placeholders}` are filled from the problem's details. */
  readonly hint: string;
  /** Where the code is documented for users: `docs/problems.md#<anchor>`. */
  readonly docs: string;
}

/** The anchor of a code's row in `docs/problems.md` (`NO_ROUTE` -> `no-route`). */
export function problemAnchor(code: ProblemCode): string {
  return code.toLowerCase().replace(/_/g, '-');
}

const table: readonly ProblemCodeInfo[] = CATALOGUE_ROWS.map((r) => ({
  ...r,
  docs: `docs/problems.md#${problemAnchor(r.code)}`,
}));

/** All problem codes with their description, hint template and docs link, in a stable order. */
export const PROBLEM_CODES: readonly ProblemCodeInfo[] = table;

const byCode = new Map<ProblemCode, ProblemCodeInfo>(table.map((t) => [t.code, t]));

/** The catalogue entry of a code. */
export function problemInfo(code: ProblemCode): ProblemCodeInfo {
  return byCode.get(code)!;
}

/** Fills a hint template; unknown placeholders are left readable (`{name}` -> `name`). */
export function formatHint(code: ProblemCode, values: Readonly<Record<string, string>> = {}): string {
  return problemInfo(code).hint.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
}
