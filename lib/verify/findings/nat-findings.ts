/**
 * Catalogue: findings about peers behind NAT (docs/ios-semantics.md#nat-traversal): a NAT mapping
 * the proof assumes from the mirrored crypto ACLs, NAT traversal turned off where a NAT sits between
 * the peers, and an unowned peer address that several devices could sit behind.
 */
import type { AmbiguousNatPeer, NatMapping } from '../../rules/nat-traversal.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';
import { at, lineOf } from './describe.js';
import type { SourceLocation } from '../../ir/router-config.js';

/** NAT_MAPPING_ASSUMED: the pair is proven assuming `mapping.outside` is a NAT translation of `mapping.inside`. */
export function natMappingAssumed(f: { readonly naming: FindingDevice; readonly mapping: NatMapping }): ProblemInput {
  const m = f.mapping;
  const by = m.namedBy!;
  return {
    code: 'NAT_MAPPING_ASSUMED',
    device: f.naming.hostname,
    file: f.naming.file,
    line: by.line,
    message: `peer ${m.outside} of entry ${by.map} ${by.seq} at ${f.naming.file}:${by.line} is an address no device owns; ${m.hostname} is the only device whose crypto ACL mirrors that entry and that names ${f.naming.hostname} as its peer, so the pairs are proven assuming a NAT device translates ${m.hostname}'s ${m.inside} to ${m.outside} (IKE and ESP on UDP 500 and 4500, NAT traversal on both sides)`,
    hintValues: { device: m.hostname, inside: m.inside, outside: m.outside },
    dedupe: m.outside,
  };
}

/** NAT_T_DISABLED: a NAT sits between the peers and NAT traversal is off on `off` (the line that turns it off). */
export function natTraversalDisabled(f: {
  readonly off: FindingDevice;
  readonly loc: SourceLocation | undefined;
  readonly other: FindingDevice;
  readonly behindNat: FindingDevice;
  readonly outside: string;
}): ProblemInput {
  return {
    code: 'NAT_T_DISABLED',
    device: f.off.hostname,
    file: f.off.file,
    line: lineOf(f.loc),
    message: `${f.behindNat.hostname} sits behind NAT (seen as ${f.outside}), but \`no crypto ipsec nat-transparency udp-encapsulation\` at ${at(f.off.file, f.loc)} turns NAT traversal off on ${f.off.hostname}: ESP between ${f.off.hostname} and ${f.other.hostname} is not encapsulated in UDP 4500 and does not cross the NAT device`,
    hintValues: { device: f.off.hostname },
    dedupe: `${f.off.hostname}|${f.other.hostname}`,
  };
}

/** NOT_MODELLED: a `set peer` address no device owns that several devices mirror; which one is behind it is not decided. */
export function natPeerAmbiguous(f: { readonly naming: FindingDevice; readonly peer: AmbiguousNatPeer }): ProblemInput {
  const p = f.peer;
  return {
    code: 'NOT_MODELLED',
    device: f.naming.hostname,
    file: f.naming.file,
    line: p.namedBy.line,
    message: `peer ${p.address} of entry ${p.namedBy.map} ${p.namedBy.seq} is an address no device owns, and which device sits behind a NAT device at it is not decided by the configs: ${p.candidates.join(', ')} mirror${p.candidates.length === 1 ? 's' : ''} that entry's traffic and name${p.candidates.length === 1 ? 's' : ''} ${f.naming.hostname} as peer, and a device that could be behind several such addresses is matched to none; the pair is unverified (declare the mapping: topology.json wan[].publicAddress)`,
    hintValues: { device: f.naming.hostname },
    dedupe: `nat|${p.address}`,
  };
}
