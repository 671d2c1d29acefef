/**
 * Short, key-free descriptions of config elements and header regions for problem messages.
 */
import type { AclRule, SourceLocation } from '../../ir/router-config.js';
import { blockLength, numberToIp } from '../../ir/ipv4.js';
import { aclMatchText } from '../../ir/acl-text.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { HeaderBox, Interval } from '../../rules/header-space.js';

/** The line a finding is pinned to: the element's line, or 0 when it has none. */
export function lineOf(loc: SourceLocation | undefined): number {
  return loc?.line ?? 0;
}

/** `file:line`, or `file` when the line is unknown. */
export function at(file: string, loc: SourceLocation | undefined): string {
  return loc ? `${loc.file || file}:${loc.line}` : file;
}

/**
 * IOS-like text of an ACL rule in extended form, without trailing words
 * (`permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255`).
 */
export function ruleText(rule: AclRule): string {
  return aclMatchText(rule, 'extended');
}

/** `file:line (permit ip ...)` of a compiled ACL line. */
export function lineRef(file: string, line: CompiledAclLine): string {
  return `${at(file, line.rule.loc)} (${ruleText(line.rule)})`;
}

/** An address interval as a prefix when it is one, else `a-b`. */
export function intervalText([lo, hi]: Interval): string {
  if (lo === hi) return numberToIp(lo);
  const len = blockLength(lo, hi);
  if (len !== undefined) return `${numberToIp(lo)}/${len}`;
  return `${numberToIp(lo)}-${numberToIp(hi)}`;
}

/** `src -> dst` of a box, with protocol and ports when they are restricted. */
export function boxText(b: HeaderBox): string {
  let s = `${intervalText(b.src)} -> ${intervalText(b.dst)}`;
  if (b.proto[0] !== 0 || b.proto[1] !== 255)
    s += ` proto ${b.proto[0] === b.proto[1] ? b.proto[0] : `${b.proto[0]}-${b.proto[1]}`}`;
  if (b.dport[0] !== 0 || b.dport[1] !== 65535)
    s += ` port ${b.dport[0] === b.dport[1] ? b.dport[0] : `${b.dport[0]}-${b.dport[1]}`}`;
  return s;
}

/** Up to three boxes of a region, then a count. */
export function regionText(space: readonly HeaderBox[]): string {
  const shown = space.slice(0, 3).map(boxText).join(', ');
  return space.length > 3 ? `${shown} and ${space.length - 3} more` : shown;
}
