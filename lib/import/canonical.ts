/**
 * The behaviour of a parsed configuration, for the import's round trip: two configs with equal
 * canonical forms make IOS do the same thing, whatever the order and spelling of their lines.
 * Provenance (`loc`, `origin`) and the `version` line go; where IOS ignores order, the canonical
 * form sorts:
 * - static routes (the routing table is built from the set of routes; a repeated line is one route);
 * - access-list lines of a list with only permit lines, no two of which can match one packet
 *   (then the first match is the only match); other lists keep their order (sequence numbers
 *   only order the lines);
 * - keys, interfaces, transform sets, maps and ACLs by name; ISAKMP policies by priority;
 * - unmodelled global lines, as blocks (a line and the indented lines under it).
 * Unset ISAKMP policy fields, transform set modes and DPD fields take the IOS defaults
 * (`lib/ir/ike-vocabulary.ts`), so a line that spells a default equals one that leaves it out.
 * The IOS facts behind each equality: docs/ios-semantics.md#equivalent-configurations.
 */
import type {
  AccessList,
  AclEntry,
  AclRule,
  AddressMatch,
  Ipv4Prefix,
  IsakmpPolicy,
  RouterConfig,
  TransformSet,
} from '../ir/router-config.js';
import { networkOf, prefixesOverlap, wildcardToLength } from '../ir/ipv4.js';
import { DPD_DEFAULTS, ISAKMP_POLICY_DEFAULTS, PFS_DEFAULT_GROUP } from '../ir/ike-vocabulary.js';
import { stripProvenance } from '../ir/strip-provenance.js';

/** Options of {@link canonicalConfig}. */
export interface CanonicalOptions {
  /** Compare keys by where they are, not by their value (the import re-keys). @default false */
  readonly ignoreKeyValues?: boolean;
}

/** The sections of a canonical config, in the order differences are reported. */
export const CANONICAL_SECTIONS = [
  'platform',
  'interfaces',
  'staticRoutes',
  'accessLists',
  'objectGroups',
  'isakmpPolicies',
  'isakmpKeys',
  'keyrings',
  'isakmpProfiles',
  'trustpoints',
  'transformSets',
  'cryptoMaps',
  'options',
  'natRules',
  'natPools',
  'routeMaps',
  'extraLines',
  'other',
] as const;

/** One section of a canonical config. */
export type CanonicalSection = (typeof CANONICAL_SECTIONS)[number];

/** A canonical config: each section as a JSON text, comparable with `===`. */
export type CanonicalConfig = Readonly<Record<CanonicalSection, string>>;

const KEY_PLACEHOLDER = '<key>';

/** JSON with object keys sorted at every level: equal values give equal text whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function byText<T>(items: readonly T[]): T[] {
  return items
    .map((x) => [stableJson(x), x] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, x]) => x);
}

function byName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function unique<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = stableJson(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The entries of a list in evaluation order without their sequence numbers; sorted when order
 * cannot matter: only permit lines, no two of which can match the same packet
 * (docs/ios-semantics.md#equivalent-configurations).
 */
export function canonicalAclEntries(acl: AccessList): unknown[] {
  // IOS evaluates entries by sequence number; unnumbered ones follow the one before them.
  let last = 0;
  const numbered = acl.entries.map((e, i) => {
    const seq = e.seq ?? last + 10;
    last = seq;
    return { e, seq, i };
  });
  numbered.sort((a, b) => a.seq - b.seq || a.i - b.i);
  const entries = numbered.map(({ e }) => {
    const { seq: _seq, ...rest } = stripProvenance(e) as AclEntry & { seq?: number };
    return rest;
  });
  const rules = acl.entries.filter((e): e is AclRule => e.kind === 'rule');
  const ordered = rules.some((r) => r.action === 'deny') || anyOverlap(rules);
  return ordered ? entries : byText(entries);
}

/** The prefix an address match covers, or undefined when it is not one prefix (object group, odd wildcard). */
function prefixOf(m: AddressMatch): Ipv4Prefix | undefined {
  if (m.kind === 'any') return { address: '0.0.0.0', prefixLength: 0 };
  if (m.kind === 'host') return { address: m.address, prefixLength: 32 };
  if (m.kind !== 'wildcard') return undefined;
  const len = wildcardToLength(m.wildcard);
  return len === undefined ? undefined : networkOf(m.address, len);
}

function mayOverlap(a: AddressMatch, b: AddressMatch): boolean {
  const p = prefixOf(a);
  const q = prefixOf(b);
  return p === undefined || q === undefined || prefixesOverlap(p, q);
}

/**
 * True when two permit lines can match one packet: then which line matches first sets the SA
 * proposed for it (docs/ios-semantics.md#one-sa-pair-per-crypto-acl-line), so order matters.
 * Protocols and ports are not looked at: lines that differ only there count as overlapping.
 */
function anyOverlap(rules: readonly AclRule[]): boolean {
  for (let i = 0; i < rules.length; i++)
    for (let j = i + 1; j < rules.length; j++)
      if (mayOverlap(rules[i]!.source, rules[j]!.source) && mayOverlap(rules[i]!.destination, rules[j]!.destination))
        return true;
  return false;
}

function policy(p: IsakmpPolicy): unknown {
  return {
    priority: p.priority,
    encryption: p.encryption ?? ISAKMP_POLICY_DEFAULTS.encryption,
    hash: p.hash ?? ISAKMP_POLICY_DEFAULTS.hash,
    authentication: p.authentication ?? ISAKMP_POLICY_DEFAULTS.authentication,
    group: p.group ?? ISAKMP_POLICY_DEFAULTS.group,
    lifetime: p.lifetime ?? ISAKMP_POLICY_DEFAULTS.lifetime,
  };
}

function transformSet(t: TransformSet): unknown {
  return { ...stripProvenance(t), mode: t.mode ?? 'tunnel' };
}

/** Unmodelled global lines as blocks: a line with the indented lines that follow it. */
export function lineBlocks(lines: readonly string[]): string[][] {
  const blocks: string[][] = [];
  for (const line of lines) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && /^\s/.test(line)) last.push(line);
    else blocks.push([line]);
  }
  return blocks;
}

function options(c: RouterConfig): unknown {
  const o = stripProvenance(c.options);
  const k = o.isakmpKeepalive;
  return {
    ...o,
    ...(k
      ? {
          isakmpKeepalive: {
            seconds: k.seconds,
            retry: k.retry ?? DPD_DEFAULTS.retry,
            mode: k.mode ?? DPD_DEFAULTS.mode,
          },
        }
      : {}),
  };
}

/** Every section this module does not know, compared as it is (in order: the safe side). */
function rest(c: RouterConfig): unknown {
  const known = new Set<string>(['hostname', 'version', ...CANONICAL_SECTIONS]);
  return Object.fromEntries(Object.entries(c).filter(([k]) => !known.has(k)));
}

/** IKEv2 keyrings with every key replaced by the placeholder (the import re-keys). */
function unkeyedIkev2(rings: RouterConfig['ikev2Keyrings']): RouterConfig['ikev2Keyrings'] {
  if (rings === undefined) return undefined;
  const blank = <K extends { key: string }>(k: K | undefined) => (k ? { ...k, key: KEY_PLACEHOLDER } : undefined);
  return rings.map((r) => ({
    ...r,
    peers: r.peers.map((p) => ({
      ...p,
      key: blank(p.key),
      localKey: blank(p.localKey),
      remoteKey: blank(p.remoteKey),
    })),
  }));
}

/** The canonical form of a parsed configuration (see the module comment). */
export function canonicalConfig(config: RouterConfig, opts: CanonicalOptions = {}): CanonicalConfig {
  const c = stripProvenance(config);
  const key = (k: string) => (opts.ignoreKeyValues ? KEY_PLACEHOLDER : k);
  const sections: Record<CanonicalSection, unknown> = {
    platform: c.platform,
    interfaces: byName(c.interfaces),
    staticRoutes: byText(unique(c.staticRoutes)),
    accessLists: byName(c.accessLists).map((a) => ({ ...a, entries: canonicalAclEntries(a) })),
    objectGroups: byName(c.objectGroups ?? []),
    isakmpPolicies: [...config.isakmpPolicies].sort((a, b) => a.priority - b.priority).map(policy),
    isakmpKeys: byText(c.isakmpKeys.map((k) => ({ ...k, key: key(k.key) }))),
    keyrings: byName(c.keyrings ?? []).map((r) => ({
      ...r,
      keys: byText(r.keys.map((k) => ({ ...k, key: key(k.key) }))),
    })),
    isakmpProfiles: byName(c.isakmpProfiles ?? []),
    trustpoints: byName(c.trustpoints ?? []),
    transformSets: byName(config.transformSets).map(transformSet),
    cryptoMaps: byName(c.cryptoMaps).map((m) => ({
      ...m,
      entries: m.entries.map((e) => (e.pfs ? { ...e, pfs: { group: e.pfs.group ?? PFS_DEFAULT_GROUP } } : e)),
    })),
    options: options(config),
    natRules: c.natRules ?? [],
    natPools: byName(c.natPools ?? []),
    routeMaps: byName(c.routeMaps ?? []),
    extraLines: byText(lineBlocks(c.extraLines.map((l) => l.text))),
    other: rest(opts.ignoreKeyValues ? { ...c, ikev2Keyrings: unkeyedIkev2(c.ikev2Keyrings) } : c),
  };
  const out = {} as Record<CanonicalSection, string>;
  for (const s of CANONICAL_SECTIONS) out[s] = stableJson(sections[s]);
  return out;
}

/** The sections in which two canonical configs differ, in report order. */
export function differingSections(a: CanonicalConfig, b: CanonicalConfig): CanonicalSection[] {
  return CANONICAL_SECTIONS.filter((s) => a[s] !== b[s]);
}
