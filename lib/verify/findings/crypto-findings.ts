/**
 * Catalogue: findings about the crypto map a pair's traffic leaves by. Traffic that leaves in
 * clear text (no map applied, no entry permits it) and the drop it meets at the next device, and
 * references to objects that do not exist (docs/ios-semantics.md#configuration-ios-rejects).
 */
import type { CryptoMap, InterfaceConfig } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Route } from '../../rules/routing.js';
import { at, lineOf, lineRef, regionText } from './describe.js';
import { aboutSubject, regionSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';
import type { UndefinedObject } from './undefined-objects.js';

/** UNDEFINED_ACL, UNDEFINED_TRANSFORM_SET or UNDEFINED_CRYPTO_MAP, on the line that names the object. */
export function undefinedObject(u: UndefinedObject): ProblemInput {
  const d = u.device;
  switch (u.kind) {
    case 'acl':
      return {
        code: 'UNDEFINED_ACL',
        device: d.hostname,
        file: d.file,
        line: lineOf(u.entry.loc),
        message: `entry ${u.map} ${u.entry.seq} at ${at(d.file, u.entry.loc)} matches address ${u.name}, an access list ${d.hostname} does not define: IOS ignores the incomplete entry, so it protects nothing and accepts no proposal`,
        hintValues: { acl: u.name, device: d.hostname },
      };
    case 'transform-set':
      return {
        code: 'UNDEFINED_TRANSFORM_SET',
        device: d.hostname,
        file: d.file,
        line: lineOf(u.entry.loc),
        message: `entry ${u.map} ${u.entry.seq} at ${at(d.file, u.entry.loc)} names transform set ${u.name}, which ${d.hostname} does not define (IOS refuses the command)${
          u.entry.transformSets.length === 1 ? ': the entry has no transform set, so it is incomplete and ignored' : ''
        }`,
        hintValues: { set: u.name, device: d.hostname },
        dedupe: u.name,
      };
    case 'crypto-map':
      return {
        code: 'UNDEFINED_CRYPTO_MAP',
        device: d.hostname,
        file: d.file,
        line: lineOf(u.iface.loc),
        message: `interface ${u.iface.name} of ${d.hostname} at ${at(d.file, u.iface.loc)} applies crypto map ${u.name}, which is not defined, so nothing leaving it is encrypted`,
        hintValues: { map: u.name, device: d.hostname, interface: u.iface.name },
      };
  }
}

/** CRYPTO_MAP_NOT_APPLIED: the WAN interface the traffic leaves by has no map, while `defined` exists. */
export function cryptoMapNotApplied(f: {
  readonly device: FindingDevice;
  readonly exit: InterfaceConfig;
  readonly space: HeaderBox;
  readonly defined: CryptoMap;
}): ProblemInput {
  const { device: d, exit } = f;
  return {
    code: 'CRYPTO_MAP_NOT_APPLIED',
    device: d.hostname,
    file: d.file,
    line: lineOf(exit.loc),
    message: `WAN interface ${exit.name} of ${d.hostname} carries no crypto map, so ${regionText([f.space])} leaves in clear text (map ${f.defined.name} is defined)`,
    hintValues: { interface: exit.name, map: f.defined.name },
  };
}

/** CRYPTO_MAP_NOT_APPLIED on the peer: its interface that owns the peer address has no map to answer IKE with. */
export function peerWithoutCryptoMap(f: {
  readonly peer: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly peerAddress: string;
  readonly initiator: FindingDevice;
  readonly defined: CryptoMap | undefined;
}): ProblemInput {
  const { peer: p, iface } = f;
  return {
    code: 'CRYPTO_MAP_NOT_APPLIED',
    device: p.hostname,
    file: p.file,
    line: lineOf(iface.loc),
    message: `${p.hostname} ${iface.name} (peer address ${f.peerAddress}) carries no crypto map, so it cannot answer IKE from ${f.initiator.hostname}`,
    hintValues: { interface: iface.name, map: f.defined?.name ?? 'NAME' },
  };
}

/**
 * NOT_PROTECTED: traffic leaves a WAN interface that carries no crypto map at all; pinned on the
 * route that sends it there, one finding per route naming the regions it sends.
 */
export function noCryptoMap(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly exit: InterfaceConfig;
  readonly route: Route;
}): ProblemInput {
  const d = f.device;
  return {
    code: 'NOT_PROTECTED',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.route.loc),
    ...aboutSubject(
      `${d.hostname} sends `,
      regionSubject([f.space]),
      ` out of WAN interface ${f.exit.name} in clear text: no crypto map is applied`,
    ),
    hintValues: { device: d.hostname },
  };
}

/** Why the map's entries leave traffic in clear text. */
export type ProtectionGap =
  /** No entry of the map is for the expected peer (pinned on the map). */
  | { readonly kind: 'no-entry'; readonly map: CryptoMap }
  /** The entry for the peer has a deny line that takes the traffic. */
  | {
      readonly kind: 'denied';
      readonly map: CryptoMap;
      readonly entry: CompiledCryptoEntry;
      readonly acl: string;
      readonly deny: CompiledAclLine;
    }
  /** The entry for the peer has no permit line for it (pinned on the end of its ACL). */
  | {
      readonly kind: 'no-permit';
      readonly map: CryptoMap;
      readonly entry: CompiledCryptoEntry;
      readonly acl: string;
      readonly last: CompiledAclLine | undefined;
    };

function gapLine(gap: ProtectionGap): number {
  switch (gap.kind) {
    case 'no-entry':
      return lineOf(gap.map.loc ?? gap.map.entries[0]?.loc);
    case 'denied':
      return lineOf(gap.deny.rule.loc);
    case 'no-permit':
      return lineOf(gap.last?.rule.loc ?? gap.entry.entry.loc);
  }
}

function gapText(file: string, gap: ProtectionGap): string {
  switch (gap.kind) {
    case 'no-entry':
      return `no entry of crypto map ${gap.map.name} permits it`;
    case 'denied':
      return `${lineRef(file, gap.deny)} denies it in ACL ${gap.acl} of entry ${gap.map.name} ${gap.entry.entry.seq}`;
    case 'no-permit':
      return `ACL ${gap.acl} of entry ${gap.map.name} ${gap.entry.entry.seq} (peer ${gap.entry.entry.peers[0]}) has no permit line for it`;
  }
}

/** NOT_PROTECTED: the crypto map leaves `space` in clear text, for the reason `gap`. */
export function notProtected(f: {
  readonly device: FindingDevice;
  readonly space: readonly HeaderBox[];
  readonly gap: ProtectionGap;
}): ProblemInput {
  const d = f.device;
  return {
    code: 'NOT_PROTECTED',
    device: d.hostname,
    file: d.file,
    line: gapLine(f.gap),
    ...aboutSubject(`${d.hostname} would send `, regionSubject(f.space), ` in clear text: ${gapText(d.file, f.gap)}`),
    hintValues: { device: d.hostname },
  };
}

/**
 * CLEAR_TEXT_DROPPED: clear text from `from` arrives on `iface` of `device` and matches the mirror
 * of a crypto ACL line there (%CRYPTO-4-RECVD_PKT_NOT_IPSEC).
 */
export function clearTextDropped(f: {
  readonly device: FindingDevice;
  readonly from: FindingDevice;
  readonly iface: InterfaceConfig;
  readonly space: readonly HeaderBox[];
  readonly line: CompiledAclLine;
}): ProblemInput {
  const d = f.device;
  return {
    code: 'CLEAR_TEXT_DROPPED',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.line.rule.loc),
    message: `${d.hostname} drops clear-text ${regionText(f.space)} from ${f.from.hostname} on ${f.iface.name}: it matches the mirror of ${lineRef(d.file, f.line)}`,
    hintValues: { device: d.hostname },
  };
}
