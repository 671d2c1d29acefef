/**
 * `object-group network NAME` (host, `A M` subnet, `range A B`, `group-object`) and
 * `object-group service NAME` (protocols, `tcp|udp|tcp-udp [source OP P..] [OP P..]`,
 * `group-object`), the groups ACL lines name (docs/ios-semantics.md#object-groups). A re-opened
 * group adds to the first, as on the device.
 */
import type { NetworkObject, PortMatch, ServiceObject } from '../ir/router-config.js';
import { Cursor, isProblem, readPorts, readProtocol } from './acl-rule.js';
import type { ObjectGroupDraft } from './config-draft.js';
import { type ParseContext, type SubMode, keepExtra, restOfLine } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength } from './numbers.js';

const NETWORK_WORDS = new Set(['host', 'range', 'group-object', 'description']);

/** True when a group already holds an identical item (IOS keeps one). */
function holds(items: readonly object[], item: object): boolean {
  const key = JSON.stringify(item);
  return items.some((i) => JSON.stringify(i) === key);
}

function nestedGroup(
  name: string | undefined,
  group: ObjectGroupDraft,
  line: number,
  ctx: ParseContext,
): { kind: 'group'; name: string } | undefined {
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line, `object-group ${group.name}: group-object needs a group name`);
    return undefined;
  }
  const nested = ctx.draft.objectGroups.get(name);
  if (nested === undefined || nested.type !== group.type || name === group.name) {
    const why =
      nested === undefined
        ? 'is not defined'
        : name === group.name
          ? 'is the group itself'
          : `is a ${nested.type} group`;
    ctx.sink.error(
      'UNDEFINED_OBJECT_GROUP',
      line,
      `object-group ${group.name}: group-object ${name} ${why} (IOS rejects the line); line skipped`,
    );
    return undefined;
  }
  return { kind: 'group', name };
}

function readNetworkItem(
  w: readonly string[],
  group: ObjectGroupDraft & { type: 'network' },
  line: number,
  ctx: ParseContext,
): NetworkObject | undefined {
  const bad = (what: string): undefined => {
    ctx.sink.error('BAD_ADDRESS', line, `object-group ${group.name}: ${what}; line skipped`);
    return undefined;
  };
  if (w[0] === 'host')
    return w[1] !== undefined && dottedQuad(w[1]) >= 0
      ? { kind: 'host', address: w[1] }
      : bad(`"${w[1] ?? ''}" is not an IPv4 host address`);
  if (w[0] === 'range') {
    const a = w[1] === undefined ? -1 : dottedQuad(w[1]);
    const b = w[2] === undefined ? -1 : dottedQuad(w[2]);
    if (a < 0 || b < 0 || a > b) return bad('range needs two IPv4 addresses, the first not above the second');
    return { kind: 'range', first: w[1]!, last: w[2]! };
  }
  if (w[0] === 'group-object') return nestedGroup(w[1], group, line, ctx);
  const address = w[0]!;
  const mask = w[1];
  if (dottedQuad(address) < 0) return bad(`"${address}" is not an IPv4 address`);
  if (mask === undefined || netmaskLength(dottedQuad(mask)) < 0) {
    ctx.sink.error('BAD_MASK', line, `object-group ${group.name}: "${mask ?? ''}" is not a netmask; line skipped`);
    return undefined;
  }
  return { kind: 'subnet', address, mask };
}

function readPortPair(
  c: Cursor,
  proto: 'tcp' | 'udp',
): { sourcePort?: PortMatch; destinationPort?: PortMatch } | string {
  const out: { sourcePort?: PortMatch; destinationPort?: PortMatch } = {};
  if (c.peek() === 'source') {
    c.next();
    const p = readPorts(c, proto);
    if (p === undefined || isProblem(p)) return p?.message ?? 'source needs a port operator';
    out.sourcePort = p;
  }
  const d = readPorts(c, proto);
  if (d !== undefined && isProblem(d)) return d.message;
  if (d !== undefined) out.destinationPort = d;
  return out;
}

function readServiceItem(
  w: readonly string[],
  group: ObjectGroupDraft & { type: 'service' },
  line: number,
  ctx: ParseContext,
): ServiceObject | undefined {
  if (w[0] === 'group-object') return nestedGroup(w[1], group, line, ctx);
  const c = new Cursor(w, 0);
  const word = c.next();
  const protocol = word === 'tcp-udp' ? 'tcp-udp' : readProtocol(word);
  if (typeof protocol === 'object') {
    ctx.sink.error('BAD_ACL_LINE', line, `object-group ${group.name}: ${protocol.message}; line skipped`);
    return undefined;
  }
  const ported =
    protocol === 'tcp' || protocol === 'udp' || protocol === 'tcp-udp'
      ? protocol === 'udp'
        ? 'udp'
        : 'tcp'
      : undefined;
  let ports: ReturnType<typeof readPortPair> = {};
  if (ported !== undefined) ports = readPortPair(c, ported);
  if (typeof ports === 'string') {
    ctx.sink.error('BAD_ACL_LINE', line, `object-group ${group.name}: ${ports}; line skipped`);
    return undefined;
  }
  if (c.i < w.length) {
    // ICMP types, `tcp-udp` port names valid for one protocol only, ...: narrower than modelled.
    ctx.sink.warning(
      'NOT_MODELLED',
      line,
      `object-group ${group.name}: "${w.slice(c.i).join(' ')}" is not modelled; ACL lines using this group are not proven`,
    );
  }
  return { kind: 'protocol', protocol, ...ports };
}

/** The sub-mode of an `object-group network|service NAME` block. */
export class ObjectGroupMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly group: ObjectGroupDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0];
    if (w0 === undefined) return false;
    if (this.group.type === 'network') return NETWORK_WORDS.has(w0) || (dottedQuad(w0) >= 0 && words.length === 2);
    // `ip` alone is an item; `ip route ...` is the next global command of a flattened config.
    if (w0 === 'ip') return words.length === 1;
    return w0 === 'group-object' || w0 === 'description' || w0 === 'tcp-udp' || isProtocolWord(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    const g = this.group;
    if (w[0] === 'description') {
      g.description = restOfLine(w, 1);
      return;
    }
    if (w[0] === 'no') {
      ctx.sink.warning('NOT_MODELLED', line.line, `object-group ${g.name}: removing items is not modelled`);
      return;
    }
    const item = g.type === 'network' ? readNetworkItem(w, g, line.line, ctx) : readServiceItem(w, g, line.line, ctx);
    if (item === undefined || holds(g.items, item)) return;
    if (g.type === 'network') g.items.push(item as NetworkObject);
    else g.items.push(item as ServiceObject);
  }
}

function isProtocolWord(word: string): boolean {
  return typeof readProtocol(word) !== 'object';
}

/** `object-group network|service NAME`. */
export function startObjectGroup(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const type = w[1];
  const name = w[2];
  // Other kinds (security, fqdn, ...) are definitions no modelled line uses: the line table says.
  if (type !== 'network' && type !== 'service') return keepExtra(line, ctx);
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `object-group ${type} needs a name`);
    return undefined;
  }
  let group = ctx.draft.objectGroups.get(name);
  if (group !== undefined && group.type !== type) {
    ctx.sink.error(
      'ACL_TYPE_MISMATCH',
      line.line,
      `object-group ${name} is already a ${group.type} group; this block was skipped`,
    );
    return undefined;
  }
  if (group === undefined) {
    group =
      type === 'network'
        ? { type, name, items: [], loc: ctx.draft.loc(line.line) }
        : { type, name, items: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.objectGroups.set(name, group);
  }
  return new ObjectGroupMode(line.indent, group);
}
