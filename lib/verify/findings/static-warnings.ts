/**
 * Per-device findings that do not depend on any path: weak algorithms, weak or reused pre-shared
 * keys, and `any` in crypto ACLs. Strength tables and platform behaviour come from `lib/rules/`.
 */
import type { AccessList, RouterConfig, SourceLocation } from '../../ir/router-config.js';
import { isakmpPolicyFindings, pfsFindings, transformSetFindings, type AlgorithmFinding } from '../../ir/algorithms.js';
import { appendAll } from '../../ir/collections.js';
import { evaluatedAcl } from '../../rules/acl-resolve.js';
import { rejectsLegacyAlgorithms } from '../../rules/platform-defaults.js';
import type { ConfigInput, UnmodelledLine } from '../model/network-model.js';
import type { ProblemBook } from './problem-book.js';
import { lineOf } from './describe.js';
import * as finding from './catalogue.js';

/** Clear-text keys shorter than this are reported as WEAK_PSK. */
export const MIN_PSK_LENGTH = 16;

/** A device as the static checks need it. */
export interface StaticDevice {
  readonly hostname: string;
  readonly file: string;
  readonly config: RouterConfig;
}

/** Reports WEAK_CRYPTO, WEAK_PSK, REUSED_PSK and ACL_ANY for one device. */
export function checkStaticWarnings(device: StaticDevice, book: ProblemBook): void {
  checkWeakAlgorithms(device, book);
  checkKeys(device, book);
  checkAclAny(device, book);
}

/** WEAK_CRYPTO on policies, transform sets and `set pfs`; an error where the release refuses them. */
function checkWeakAlgorithms(device: StaticDevice, book: ProblemBook): void {
  const { config } = device;
  const rejects = rejectsLegacyAlgorithms(config);
  // The element is worded only for a finding: a hub has thousands of entries and nearly all are strong.
  const weak = (
    element: finding.WeakElement,
    loc: SourceLocation | undefined,
    findings: readonly AlgorithmFinding[],
  ) => {
    const legacy = findings.filter((f) => f.strength === 'legacy');
    if (legacy.length === 0) return;
    const refused = rejects && legacy.some((f) => f.rejectedByIosXe1711);
    book.add(finding.weakCrypto({ device, element, loc, legacy, refused }));
  };
  for (const p of config.isakmpPolicies)
    weak({ kind: 'isakmp-policy', priority: p.priority }, p.loc, isakmpPolicyFindings(p));
  for (const t of config.transformSets)
    weak({ kind: 'transform-set', name: t.name }, t.loc, transformSetFindings(t.transforms));
  for (let m = 0; m < config.cryptoMaps.length; m += 1) {
    const map = config.cryptoMaps[m]!;
    for (let k = 0; k < map.entries.length; k += 1) {
      const e = map.entries[k]!;
      const findings = pfsFindings(e.pfs);
      if (findings.length > 0) weak({ kind: 'pfs', map: map.name, seq: e.seq }, e.loc, findings);
    }
  }
}

/** A pre-shared key as the checks see it: its peer (address, hostname or IKEv2 keyring peer) and keyring, never printed. */
interface PskKey {
  readonly key: string;
  readonly encryption: number;
  readonly peer:
    | { readonly address: string; readonly prefixLength: number }
    | { readonly hostname: string }
    | { readonly ikev2Peer: string };
  readonly keyring?: string;
  readonly loc: SourceLocation | undefined;
}

/**
 * The keys of the IKEv2 keyrings' peers: `pre-shared-key`, `local` and `remote` each once per peer,
 * so a peer with the same key both ways (the symmetric case) is one key, not a reuse.
 */
function ikev2Keys(config: StaticDevice['config']): PskKey[] {
  const out: PskKey[] = [];
  for (const ring of config.ikev2Keyrings ?? []) {
    for (const peer of ring.peers) {
      const own = new Set<string>();
      for (const k of [peer.key, peer.localKey, peer.remoteKey]) {
        if (k === undefined || own.has(`${k.encryption} ${k.key}`)) continue;
        own.add(`${k.encryption} ${k.key}`);
        out.push({
          key: k.key,
          encryption: k.encryption,
          peer: { ikev2Peer: peer.name },
          keyring: ring.name,
          loc: k.loc,
        });
      }
    }
  }
  return out;
}

/** WEAK_PSK and REUSED_PSK over the global keys and the keys in IKEv1 and IKEv2 keyrings: only clear-text keys are compared, and no key enters a finding. */
function checkKeys(device: StaticDevice, book: ProblemBook): void {
  const keys: PskKey[] = device.config.isakmpKeys.map((k) => ({
    key: k.key,
    encryption: k.encryption,
    peer: { address: k.address, prefixLength: k.prefixLength },
    loc: k.loc,
  }));
  for (const ring of device.config.keyrings ?? []) {
    for (const k of ring.keys)
      keys.push({
        key: k.key,
        encryption: k.encryption,
        peer: k.peer.kind === 'address' ? k.peer : { hostname: k.peer.hostname },
        keyring: ring.name,
        loc: k.loc,
      });
  }
  appendAll(keys, ikev2Keys(device.config));
  const seen = new Map<string, number[]>();
  for (let i = 0; i < keys.length; i += 1) {
    const k = keys[i]!;
    if (k.encryption !== 0) continue;
    if (k.key.length < MIN_PSK_LENGTH)
      book.add(finding.weakPsk({ device, key: k, length: k.key.length, minLength: MIN_PSK_LENGTH }));
    const lines = seen.get(k.key) ?? [];
    lines.push(lineOf(k.loc));
    seen.set(k.key, lines);
  }
  for (const lines of seen.values()) {
    if (lines.length >= 2) book.add(finding.reusedPsk({ device, lines }));
  }
}

/** ACL_ANY: a permit line of a crypto ACL with `any` as its source or destination. */
function checkAclAny(device: StaticDevice, book: ProblemBook): void {
  const { config } = device;
  const cryptoAcls = new Set<string>();
  for (let m = 0; m < config.cryptoMaps.length; m += 1) {
    const entries = config.cryptoMaps[m]!.entries;
    for (let k = 0; k < entries.length; k += 1) if (entries[k]!.matchAddress) cryptoAcls.add(entries[k]!.matchAddress!);
  }
  // One lookup table per config: a hub has one crypto ACL per spoke.
  const aclsByName = new Map<string, AccessList>();
  for (const a of config.accessLists) if (!aclsByName.has(a.name)) aclsByName.set(a.name, a);
  for (const name of [...cryptoAcls].sort()) {
    const written = aclsByName.get(name);
    if (!written) continue;
    const acl = evaluatedAcl(config, written);
    for (let k = 0; k < acl.entries.length; k += 1) {
      const entry = acl.entries[k]!;
      if (entry.kind !== 'rule' || entry.action !== 'permit') continue;
      if (entry.source.kind === 'any' || entry.destination.kind === 'any')
        book.add(finding.aclAny({ device, acl: name, rule: entry }));
    }
  }
}

/**
 * ACL lines IOS refuses (an undefined object group, a sequence number in use): the list on the
 * device lacks them, so each is an error at its line and the proof runs without it
 * (docs/ios-semantics.md#sequence-numbers, #object-groups).
 */
export function checkRejectedAclLines(
  device: StaticDevice,
  diagnostics: ConfigInput['diagnostics'],
  book: ProblemBook,
): void {
  for (const d of diagnostics ?? []) {
    if (d.code !== 'UNDEFINED_OBJECT_GROUP' && d.code !== 'ACL_DUPLICATE_SEQUENCE') continue;
    book.add(finding.rejectedAclLine({ device, code: d.code, diagnostic: d }));
  }
}

/** Records the NOT_MODELLED finding of every unmodelled line of a device. */
export function checkNotModelled(
  device: StaticDevice & { readonly unmodelled: readonly UnmodelledLine[] },
  book: ProblemBook,
): void {
  for (const line of device.unmodelled) book.add(finding.notModelled({ device, line }));
}

/**
 * ACCESS_GROUP_UNDEFINED: an `ip access-group` naming a list that does not exist filters nothing on
 * IOS (docs/ios-semantics.md#interface-access-lists); the proof models it so and says it here.
 */
export function checkAccessGroups(device: StaticDevice, book: ProblemBook): void {
  const { config } = device;
  for (const i of config.interfaces) {
    for (const [direction, group] of [
      ['in', i.accessGroupIn],
      ['out', i.accessGroupOut],
    ] as const) {
      if (!group || config.accessLists.some((a) => a.name === group.acl)) continue;
      book.add(finding.accessGroupUndefined({ device, iface: i, direction, group }));
    }
  }
}

/**
 * INVALID_LINE: a line the parser refused (IOS rejects it at the prompt, so the router does not run
 * what the file says): an error with its line (docs/ios-semantics.md#configuration-ios-rejects).
 */
export function checkInvalidLines(
  device: StaticDevice,
  diagnostics: ConfigInput['diagnostics'],
  book: ProblemBook,
): void {
  for (const d of diagnostics ?? []) {
    // Refused ACL lines carry precise codes of their own (checkRejectedAclLines).
    if (d.severity !== 'error' || d.code === 'UNDEFINED_OBJECT_GROUP' || d.code === 'ACL_DUPLICATE_SEQUENCE') continue;
    book.add(finding.invalidLine({ device, diagnostic: d }));
  }
}
