/**
 * Per-device findings that do not depend on any path: weak algorithms, weak or reused pre-shared
 * keys, and `any` in crypto ACLs. Strength tables and platform behaviour come from `lib/rules/`.
 */
import type { AccessList, RouterConfig, SourceLocation } from '../../ir/router-config.js';
import { isakmpPolicyFindings, pfsFindings, transformSetFindings, type AlgorithmFinding } from '../../ir/algorithms.js';
import { evaluatedAcl } from '../../rules/acl-resolve.js';
import { rejectsLegacyAlgorithms } from '../../rules/platform-defaults.js';
import type { ConfigInput, UnmodelledLine } from '../model/network-model.js';
import type { ProblemBook, ProblemInput } from './problem-book.js';

/** Clear-text keys shorter than this are reported as WEAK_PSK. */
export const MIN_PSK_LENGTH = 16;

/** A device as the static checks need it. */
export interface StaticDevice {
  readonly hostname: string;
  readonly file: string;
  readonly config: RouterConfig;
}

function lineOf(loc: SourceLocation | undefined): number {
  return loc?.line ?? 0;
}

/** Reports WEAK_CRYPTO, WEAK_PSK, REUSED_PSK and ACL_ANY for one device. */
export function checkStaticWarnings(device: StaticDevice, book: ProblemBook): void {
  const { config, hostname, file } = device;
  const rejects = rejectsLegacyAlgorithms(config);
  // `where` is built only for a finding: a hub has thousands of entries and nearly all are strong.
  const weak = (where: () => string, loc: SourceLocation | undefined, findings: readonly AlgorithmFinding[]) => {
    const legacy = findings.filter((f) => f.strength === 'legacy');
    if (legacy.length === 0) return;
    const refused = rejects && legacy.some((f) => f.rejectedByIosXe1711);
    book.add({
      code: 'WEAK_CRYPTO',
      device: hostname,
      file,
      line: lineOf(loc),
      severity: refused ? 'error' : 'warning',
      message: `${where()} uses ${legacy.map((f) => `${f.parameter} ${f.value}`).join(', ')}${
        refused ? ' (refused by this IOS-XE release: the tunnel cannot negotiate)' : ''
      }`,
    });
  };
  for (const p of config.isakmpPolicies) weak(() => `crypto isakmp policy ${p.priority}`, p.loc, isakmpPolicyFindings(p));
  for (const t of config.transformSets) weak(() => `transform set ${t.name}`, t.loc, transformSetFindings(t.transforms));
  for (let m = 0; m < config.cryptoMaps.length; m += 1) {
    const map = config.cryptoMaps[m]!;
    for (let k = 0; k < map.entries.length; k += 1) {
      const e = map.entries[k]!;
      const findings = pfsFindings(e.pfs);
      if (findings.length > 0) weak(() => `crypto map ${map.name} ${e.seq} set pfs`, e.loc, findings);
    }
  }

  // Keys: compare clear-text values only, and never put a key into a message.
  const seen = new Map<string, number[]>();
  for (let i = 0; i < config.isakmpKeys.length; i += 1) {
    const k = config.isakmpKeys[i]!;
    if (k.encryption !== 0) continue;
    if (k.key.length < MIN_PSK_LENGTH) {
      book.add({
        code: 'WEAK_PSK',
        device: hostname,
        file,
        line: lineOf(k.loc),
        message: `the pre-shared key for ${k.address}/${k.prefixLength} has ${k.key.length} characters (fewer than ${MIN_PSK_LENGTH})`,
      });
    }
    const lines = seen.get(k.key) ?? [];
    lines.push(lineOf(k.loc));
    seen.set(k.key, lines);
  }
  for (const lines of seen.values()) {
    if (lines.length < 2) continue;
    book.add({
      code: 'REUSED_PSK',
      device: hostname,
      file,
      line: lines[0]!,
      message: `the same pre-shared key is used on lines ${lines.join(', ')}`,
    });
  }

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
      if (entry.source.kind === 'any' || entry.destination.kind === 'any') {
        book.add({
          code: 'ACL_ANY',
          device: hostname,
          file,
          line: lineOf(entry.loc),
          message: `crypto ACL ${name} permits ${entry.source.kind === 'any' ? 'from any source' : 'to any destination'}`,
        });
      }
    }
  }
}

/**
 * NOT_MODELLED: a relevant line the parser read but hubspoke does not model (dynamic crypto maps,
 * ISAKMP profiles, `crypto map ... local-address`, NAT, policy routing, ...; the line table
 * `lib/parse/line-classes.ts` decides what is relevant). The proof cannot decide pairs through
 * such a device: they are unverified, never covered.
 */
export function notModelledInput(device: { readonly hostname: string; readonly file: string }, line: UnmodelledLine): ProblemInput {
  return {
    code: 'NOT_MODELLED',
    device: device.hostname,
    file: device.file,
    line: line.line,
    message: `${line.message}; pairs through ${device.hostname} are unverified`,
    hintValues: { device: device.hostname },
  };
}

/**
 * ACL lines IOS refuses (an undefined object group, a sequence number in use): the list on the
 * device lacks them, so each is an error at its line and the proof runs without it
 * (docs/ios-semantics.md#sequence-numbers, #object-groups).
 */
export function checkRejectedAclLines(device: StaticDevice, diagnostics: ConfigInput['diagnostics'], book: ProblemBook): void {
  for (const d of diagnostics ?? []) {
    if (d.code !== 'UNDEFINED_OBJECT_GROUP' && d.code !== 'ACL_DUPLICATE_SEQUENCE') continue;
    book.add({ code: d.code, device: device.hostname, file: device.file, line: d.line, message: d.message, hintValues: { device: device.hostname } });
  }
}

/** Records the NOT_MODELLED finding of every unmodelled line of a device. */
export function checkNotModelled(device: StaticDevice & { readonly unmodelled: readonly UnmodelledLine[] }, book: ProblemBook): void {
  for (const line of device.unmodelled) book.add(notModelledInput(device, line));
}

/**
 * ACCESS_GROUP_UNDEFINED: an `ip access-group` naming a list that does not exist filters nothing on
 * IOS (docs/ios-semantics.md#interface-access-lists); the proof models it so and says it here.
 */
export function checkAccessGroups(device: StaticDevice, book: ProblemBook): void {
  const { config, hostname, file } = device;
  for (const i of config.interfaces) {
    for (const [direction, group] of [['in', i.accessGroupIn], ['out', i.accessGroupOut]] as const) {
      if (!group || config.accessLists.some((a) => a.name === group.acl)) continue;
      book.add({
        code: 'ACCESS_GROUP_UNDEFINED', device: hostname, file, line: lineOf(group.loc),
        message: `ip access-group ${group.acl} ${direction} on ${i.name} names an access list that ${hostname} does not define, so IOS filters nothing there`,
        hintValues: { acl: group.acl, device: hostname },
      });
    }
  }
}

/**
 * INVALID_LINE: a line the parser refused (IOS rejects it at the prompt, so the router does not run
 * what the file says): an error with its line (docs/ios-semantics.md#configuration-ios-rejects).
 */
export function checkInvalidLines(device: StaticDevice, diagnostics: ConfigInput['diagnostics'], book: ProblemBook): void {
  for (const d of diagnostics ?? []) {
    // Refused ACL lines carry precise codes of their own (checkRejectedAclLines).
    if (d.severity !== 'error' || d.code === 'UNDEFINED_OBJECT_GROUP' || d.code === 'ACL_DUPLICATE_SEQUENCE') continue;
    book.add({
      code: 'INVALID_LINE',
      device: device.hostname,
      file: device.file,
      line: d.line,
      message: `${d.code}: ${d.message}`,
      hintValues: { device: device.hostname },
      dedupe: d.code,
    });
  }
}
