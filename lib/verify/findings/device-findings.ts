/**
 * Catalogue: the findings about one device's configuration that no path decides (weak algorithms
 * and keys, `any` in crypto ACLs, lines IOS refuses or hubspoke does not model, interface lists
 * that name no list) and the network-wide ones about sites and crypto ACL networks. Each factory
 * takes what the check found and returns the finding with its wording, hint values and dedupe key;
 * the checks themselves are `static-warnings.ts` and `static-checks.ts`.
 */
import type { AclRule, InterfaceAccessGroup, InterfaceConfig, SourceLocation } from '../../ir/router-config.js';
import type { AlgorithmFinding } from '../../ir/algorithms.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { Interval } from '../../rules/header-space.js';
import type { Site, UnmodelledLine } from '../model/network-model.js';
import type { WanInterface, WanReason } from '../../rules/wan.js';
import { at, intervalText, lineOf, lineRef } from './describe.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** A parser diagnostic as the checks receive it (`ConfigInput.diagnostics`). */
export interface LineDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly line: number;
}

/** The element a weak algorithm is configured on. */
export type WeakElement =
  | { readonly kind: 'isakmp-policy'; readonly priority: number }
  | { readonly kind: 'transform-set'; readonly name: string }
  | { readonly kind: 'pfs'; readonly map: string; readonly seq: number };

function elementText(e: WeakElement): string {
  switch (e.kind) {
    case 'isakmp-policy':
      return `crypto isakmp policy ${e.priority}`;
    case 'transform-set':
      return `transform set ${e.name}`;
    case 'pfs':
      return `crypto map ${e.map} ${e.seq} set pfs`;
  }
}

/**
 * WEAK_CRYPTO: legacy algorithms on an element; an error when this release refuses them (FN72510),
 * since the tunnel then cannot negotiate.
 */
export function weakCrypto(f: {
  readonly device: FindingDevice;
  readonly element: WeakElement;
  readonly loc: SourceLocation | undefined;
  readonly legacy: readonly AlgorithmFinding[];
  readonly refused: boolean;
}): ProblemInput {
  return {
    code: 'WEAK_CRYPTO',
    device: f.device.hostname,
    file: f.device.file,
    line: lineOf(f.loc),
    severity: f.refused ? 'error' : 'warning',
    message: `${elementText(f.element)} uses ${f.legacy.map((a) => `${a.parameter} ${a.value}`).join(', ')}${
      f.refused ? ' (refused by this IOS-XE release: the tunnel cannot negotiate)' : ''
    }`,
  };
}

/** WEAK_PSK: a clear-text key shorter than `minLength`; only its length is told, never the key. */
export function weakPsk(f: {
  readonly device: FindingDevice;
  /** A global key (by address), a keyring's key (by address or hostname) or an IKEv2 keyring peer's; never its value. */
  readonly key: {
    readonly peer:
      | { readonly address: string; readonly prefixLength: number }
      | { readonly hostname: string }
      | { readonly ikev2Peer: string };
    readonly keyring?: string;
    readonly loc?: SourceLocation | undefined;
  };
  readonly length: number;
  readonly minLength: number;
}): ProblemInput {
  const p = f.key.peer;
  const where = f.key.keyring !== undefined ? ` in ${'ikev2Peer' in p ? 'IKEv2 ' : ''}keyring ${f.key.keyring}` : '';
  const peer = `${'hostname' in p ? p.hostname : 'ikev2Peer' in p ? `peer ${p.ikev2Peer}` : `${p.address}/${p.prefixLength}`}${where}`;
  return {
    code: 'WEAK_PSK',
    device: f.device.hostname,
    file: f.device.file,
    line: lineOf(f.key.loc),
    message: `the pre-shared key for ${peer} has ${f.length} characters (fewer than ${f.minLength})`,
  };
}

/** REUSED_PSK: the same clear-text key on several lines (named by line, never by value). */
export function reusedPsk(f: { readonly device: FindingDevice; readonly lines: readonly number[] }): ProblemInput {
  return {
    code: 'REUSED_PSK',
    device: f.device.hostname,
    file: f.device.file,
    line: f.lines[0]!,
    message: `the same pre-shared key is used on lines ${f.lines.join(', ')}`,
  };
}

/** ACL_ANY: a crypto ACL permit line with `any` as its source (else its destination). */
export function aclAny(f: {
  readonly device: FindingDevice;
  readonly acl: string;
  readonly rule: AclRule;
}): ProblemInput {
  return {
    code: 'ACL_ANY',
    device: f.device.hostname,
    file: f.device.file,
    line: lineOf(f.rule.loc),
    message: `crypto ACL ${f.acl} permits ${f.rule.source.kind === 'any' ? 'from any source' : 'to any destination'}`,
  };
}

/**
 * NOT_MODELLED: a relevant line the parser read but hubspoke does not model (the line table
 * `lib/parse/line-classes.ts` decides what is relevant); pairs through the device are unverified.
 */
export function notModelled(f: { readonly device: FindingDevice; readonly line: UnmodelledLine }): ProblemInput {
  return {
    code: 'NOT_MODELLED',
    device: f.device.hostname,
    file: f.device.file,
    line: f.line.line,
    message: `${f.line.message}; pairs through ${f.device.hostname} are unverified`,
    hintValues: { device: f.device.hostname },
  };
}

/** An ACL line IOS rejects (UNDEFINED_OBJECT_GROUP, ACL_DUPLICATE_SEQUENCE), in the parser's words. */
export function rejectedAclLine(f: {
  readonly device: FindingDevice;
  readonly code: 'UNDEFINED_OBJECT_GROUP' | 'ACL_DUPLICATE_SEQUENCE';
  readonly diagnostic: LineDiagnostic;
}): ProblemInput {
  const d = f.diagnostic;
  return {
    code: f.code,
    device: f.device.hostname,
    file: f.device.file,
    line: d.line,
    message: d.message,
    hintValues: { device: f.device.hostname },
  };
}

/** INVALID_LINE: a line the parser refused, with the parser's code and words. */
export function invalidLine(f: { readonly device: FindingDevice; readonly diagnostic: LineDiagnostic }): ProblemInput {
  const d = f.diagnostic;
  return {
    code: 'INVALID_LINE',
    device: f.device.hostname,
    file: f.device.file,
    line: d.line,
    message: `${d.code}: ${d.message}`,
    hintValues: { device: f.device.hostname },
    dedupe: d.code,
  };
}

/** ACCESS_GROUP_UNDEFINED: `ip access-group` naming a list the device does not define. */
export function accessGroupUndefined(f: {
  readonly device: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly direction: 'in' | 'out';
  readonly group: InterfaceAccessGroup;
}): ProblemInput {
  const { device, group } = f;
  return {
    code: 'ACCESS_GROUP_UNDEFINED',
    device: device.hostname,
    file: device.file,
    line: lineOf(group.loc),
    message: `ip access-group ${group.acl} ${f.direction} on ${f.iface.name} names an access list that ${device.hostname} does not define, so IOS filters nothing there`,
    hintValues: { acl: group.acl, device: device.hostname },
  };
}

/** UNKNOWN_NETWORK: one side of a crypto ACL permit line holds no site; `closest` is the likely intent. */
export function unknownNetwork(f: {
  readonly device: FindingDevice;
  readonly acl: string;
  readonly line: CompiledAclLine;
  readonly side: 'src' | 'dst';
  readonly range: Interval;
  readonly closest: Site | undefined;
}): ProblemInput {
  const { device: d, closest } = f;
  return {
    code: 'UNKNOWN_NETWORK',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.line.rule.loc),
    message: `${lineRef(d.file, f.line)} in ACL ${f.acl} protects ${f.side === 'src' ? 'source' : 'destination'} ${intervalText(f.range)}, which no site owns${
      closest ? ` (closest site: ${closest.network} on ${closest.device.hostname})` : ''
    }`,
    hintValues: { closest: closest ? `${closest.network} (${closest.device.hostname})` : 'a site prefix' },
    dedupe: f.side,
  };
}

/** OVERLAPPING_SITES: `site` shares addresses with `other`, a site of another device. */
export function overlappingSites(f: { readonly site: Site; readonly other: Site }): ProblemInput {
  const { site: s, other } = f;
  return {
    code: 'OVERLAPPING_SITES',
    device: s.device.hostname,
    file: s.device.file,
    line: s.line,
    message: `site ${s.network} of ${s.device.hostname} (${at(s.device.file, s.line ? { file: s.device.file, line: s.line } : undefined)}) overlaps site ${other.network} of ${other.device.hostname}`,
    dedupe: `${s.network}|${other.network}`,
  };
}

const WAN_REASON_TEXT: Readonly<Record<WanReason, string>> = {
  'crypto-map': 'it carries a crypto map',
  'peer-address': 'it owns an address a peer names',
  'route-to-peer': 'the route to a peer leaves through it',
  'tunnel-source': 'it is the source of a tunnel',
};

/** NO_SITE: a VPN device whose sites are inferred has none, because every LAN-like interface counted as WAN. */
export function noSite(f: { readonly device: FindingDevice; readonly wan: readonly WanInterface[] }): ProblemInput {
  const { device: d, wan } = f;
  const first = wan.find((w) => w.reasons.includes('tunnel-source')) ?? wan[0];
  const why = wan.map((w) => `${w.interface.name} (${w.reasons.map((r) => WAN_REASON_TEXT[r]).join('; ')})`);
  return {
    code: 'NO_SITE',
    device: d.hostname,
    file: d.file,
    line: lineOf(first?.interface.loc),
    message: `${d.hostname} takes part in the VPN but has no site: ${
      why.length > 0 ? `its WAN interfaces are ${why.join(', ')}` : 'it has no WAN interface'
    } and no other interface has a LAN subnet, so no pair from or to ${d.hostname} is proven`,
    hintValues: { device: d.hostname },
  };
}
