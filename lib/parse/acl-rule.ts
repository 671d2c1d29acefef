/**
 * One permit/deny line of an ACL, from the action word on:
 * standard `permit SRC [log]`, extended `permit PROTO SRC [PORTS] DST [PORTS] [trailing words]`,
 * where PROTO may be `object-group SVC` and SRC/DST `object-group NET`.
 * Words after the match (`log`, `established`, ICMP types, `dscp ...`) are kept in `trailing`;
 * {@link unmodelledOption} says which of them the header-space model cannot represent.
 */
import type { AclProtocol, AclRule, AddressMatch, PortMatch, PortOperator } from '../ir/router-config.js';
import { dottedQuad, uint } from './numbers.js';
import { isNamedIpProtocol, OTHER_IP_PROTOCOLS } from '../ir/protocols.js';
import { portNumber } from './port-names.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Why a rule could not be read: a diagnostic code and a message without the line's secrets. */
export interface RuleProblem {
  readonly code: 'BAD_ACL_LINE' | 'BAD_ADDRESS' | 'NOT_MODELLED' | 'UNDEFINED_OBJECT_GROUP';
  readonly message: string;
}

const OPERATORS = new Set<string>(['eq', 'neq', 'lt', 'gt', 'range']);

/** A position in the words of a line. */
export class Cursor {
  i: number;
  constructor(
    readonly words: readonly string[],
    start: number,
  ) {
    this.i = start;
  }
  peek(): string | undefined {
    return this.words[this.i];
  }
  next(): string | undefined {
    return this.words[this.i++];
  }
}

/**
 * Address matches are immutable and repeat across lines (a hub with exact ACLs for 1,000 spokes has
 * a million lines over a thousand prefixes), so equal ones are shared instead of allocated per
 * line. The table is bounded: past the cap it starts over, which only costs sharing.
 */
const ANY: AddressMatch = Object.freeze({ kind: 'any' });
const INTERN_CAP = 65536;
const interned = new Map<string, AddressMatch>();

function shared(key: string, make: () => AddressMatch): AddressMatch {
  let match = interned.get(key);
  if (match === undefined) {
    if (interned.size >= INTERN_CAP) interned.clear();
    match = Object.freeze(make());
    interned.set(key, match);
  }
  return match;
}

/** The type of the object group of that name defined so far, or undefined. */
export type ObjectGroupLookup = (name: string) => 'network' | 'service' | undefined;

const NO_GROUPS: ObjectGroupLookup = () => undefined;

/**
 * IOS refuses an ACL line naming an object group that does not exist (or is of the other type)
 * when the line is entered, so the line never becomes part of the list.
 */
function groupReference(
  name: string | undefined,
  want: 'network' | 'service',
  groups: ObjectGroupLookup,
): RuleProblem | undefined {
  if (name === undefined) return { code: 'BAD_ACL_LINE', message: `object-group needs a ${want} group name` };
  const type = groups(name);
  if (type === want) return undefined;
  const what = type === undefined ? 'is not defined' : `is a ${type} group, not a ${want} group`;
  return { code: 'UNDEFINED_OBJECT_GROUP', message: `object-group ${name} ${what} (IOS rejects the line)` };
}

function readAddress(c: Cursor, standard: boolean, groups: ObjectGroupLookup): AddressMatch | RuleProblem {
  const word = c.next();
  if (word === undefined) return { code: 'BAD_ACL_LINE', message: 'address missing' };
  if (word === 'any') return ANY;
  if (word === 'host') {
    const host = c.next();
    if (host === undefined || dottedQuad(host) < 0)
      return { code: 'BAD_ADDRESS', message: `"${host ?? ''}" is not an IPv4 host address` };
    return shared(`h ${host}`, () => ({ kind: 'host', address: host }));
  }
  if (word === 'object-group' && !standard) {
    const name = c.next();
    const problem = groupReference(name, 'network', groups);
    if (problem) return problem;
    return shared(`g ${name!}`, () => ({ kind: 'object-group', name: name! }));
  }
  if (word === 'object-group' || word === 'addrgroup' || word === 'interface') {
    return { code: 'NOT_MODELLED', message: `ACL address "${word}" is not modelled; line skipped` };
  }
  if (dottedQuad(word) < 0) return { code: 'BAD_ADDRESS', message: `"${word}" is not an IPv4 address` };
  const wildcard = c.peek();
  if (wildcard !== undefined && dottedQuad(wildcard) >= 0) {
    c.next();
    return shared(`${word} ${wildcard}`, () => ({ kind: 'wildcard', address: word, wildcard }));
  }
  // A standard list accepts a bare address, meaning that one host.
  if (standard) return shared(`h ${word}`, () => ({ kind: 'host', address: word }));
  return { code: 'BAD_ACL_LINE', message: `address ${word} needs a wildcard mask` };
}

/** Reads `OP PORT...` when the next word is a port operator. Also used by service object groups. */
export function readPorts(c: Cursor, protocol: 'tcp' | 'udp'): PortMatch | RuleProblem | undefined {
  const op = c.peek();
  if (op === undefined || !OPERATORS.has(op)) return undefined;
  c.next();
  const ports: number[] = [];
  const wanted = op === 'range' ? 2 : op === 'eq' ? Infinity : 1;
  while (ports.length < wanted) {
    const word = c.peek();
    const port = word === undefined ? undefined : portNumber(word, protocol);
    if (port === undefined) break;
    ports.push(port);
    c.next();
  }
  if (ports.length === 0 || (op === 'range' && ports.length !== 2)) {
    return {
      code: 'BAD_ACL_LINE',
      message: `port operator "${op}" needs ${op === 'range' ? 'two ports' : 'a port'} (number or ${protocol} name)`,
    };
  }
  return { op: op as PortOperator, ports };
}

/** An IP protocol keyword or number. Also used by service object groups. */
export function readProtocol(word: string | undefined): AclProtocol | RuleProblem {
  if (word === undefined) return { code: 'BAD_ACL_LINE', message: 'protocol missing' };
  if (isNamedIpProtocol(word)) return word;
  if (Object.prototype.hasOwnProperty.call(OTHER_IP_PROTOCOLS, word))
    return OTHER_IP_PROTOCOLS[word as keyof typeof OTHER_IP_PROTOCOLS];
  const n = uint(word, 0, 255);
  if (n !== undefined) return n;
  return { code: 'BAD_ACL_LINE', message: `"${word}" is not an IP protocol` };
}

export function isProblem(x: object): x is RuleProblem {
  return 'code' in x;
}

/** `permit SRC [trailing words]` of a standard list: the destination is any. */
function readStandardRule(
  c: Cursor,
  action: 'permit' | 'deny',
  groups: ObjectGroupLookup,
): Writable<AclRule> | RuleProblem {
  const source = readAddress(c, true, groups);
  if (isProblem(source)) return source;
  const rule: Writable<AclRule> = { kind: 'rule', action, protocol: 'ip', source, destination: ANY };
  if (c.i < c.words.length) rule.trailing = c.words.slice(c.i).join(' ');
  return rule;
}

/** The protocol word of an extended rule: a protocol, or `object-group SVC` (which matches as `ip` plus the group). */
function readMatchedProtocol(
  c: Cursor,
  groups: ObjectGroupLookup,
): { protocol: AclProtocol; service?: string } | RuleProblem {
  if (c.peek() !== 'object-group') {
    const protocol = readProtocol(c.next());
    return typeof protocol === 'object' ? protocol : { protocol };
  }
  c.next();
  const service = c.next();
  const problem = groupReference(service, 'service', groups);
  if (problem) return problem;
  return { protocol: 'ip', service };
}

/** Ports are matched for TCP and UDP, by keyword or number. */
function portProtocolOf(protocol: AclProtocol): 'tcp' | 'udp' | undefined {
  if (protocol === 'tcp' || protocol === 6) return 'tcp';
  if (protocol === 'udp' || protocol === 17) return 'udp';
  return undefined;
}

/**
 * Reads `words[start..]` (starting at `permit`/`deny`) as a rule of a `type` list.
 */
export function readAclRule(
  words: readonly string[],
  start: number,
  type: 'standard' | 'extended',
  groups: ObjectGroupLookup = NO_GROUPS,
): Writable<AclRule> | RuleProblem {
  const c = new Cursor(words, start);
  const action = c.next();
  if (action !== 'permit' && action !== 'deny')
    return { code: 'BAD_ACL_LINE', message: `expected permit or deny, found "${action ?? ''}"` };
  if (type === 'standard') return readStandardRule(c, action, groups);
  const what = readMatchedProtocol(c, groups);
  if (isProblem(what)) return what;
  const { protocol, service } = what;
  const portProtocol = portProtocolOf(protocol);
  const source = readAddress(c, false, groups);
  if (isProblem(source)) return source;
  const sourcePort = portProtocol ? readPorts(c, portProtocol) : undefined;
  if (sourcePort !== undefined && isProblem(sourcePort)) return sourcePort;
  const destination = readAddress(c, false, groups);
  if (isProblem(destination)) return destination;
  const destinationPort = portProtocol ? readPorts(c, portProtocol) : undefined;
  if (destinationPort !== undefined && isProblem(destinationPort)) return destinationPort;
  const rule: Writable<AclRule> = { kind: 'rule', action, protocol, source, destination };
  if (service !== undefined) rule.service = service;
  if (sourcePort) rule.sourcePort = sourcePort;
  if (destinationPort) rule.destinationPort = destinationPort;
  if (c.i < words.length) rule.trailing = words.slice(c.i).join(' ');
  return rule;
}

/** True when the value returned by `readAclRule` is a problem rather than a rule. */
export function isRuleProblem(x: Writable<AclRule> | RuleProblem): x is RuleProblem {
  return isProblem(x) && !('kind' in x);
}

/**
 * Words after the match that IOS accepts but the header-space model cannot represent: `log`,
 * `log-input` (with an optional cookie word) only log and are inert; anything else (`established`,
 * `fragments`, `dscp`, `precedence`, `tos`, `ttl`, `time-range`, `reflect`, `option`, ICMP types
 * and codes, ...) narrows or changes what the line matches, so the line is reported as not
 * modelled rather than read as matching more than it does (docs/ios-semantics.md#acl-keywords).
 * Returns the first such word, or undefined when every word is inert.
 */
export function unmodelledOption(trailing: string | undefined): string | undefined {
  if (trailing === undefined) return undefined;
  const words = trailing.split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    if (w !== 'log' && w !== 'log-input') return w;
    // `log WORD`: a cookie tagged onto the log message.
    const next = words[i + 1];
    if (next !== undefined && next !== 'log' && next !== 'log-input' && !KNOWN_OPTIONS.has(next)) i += 1;
  }
  return undefined;
}

/** Option keywords that are never a log cookie. */
const KNOWN_OPTIONS = new Set([
  'established',
  'fragments',
  'dscp',
  'precedence',
  'tos',
  'ttl',
  'time-range',
  'reflect',
  'evaluate',
  'option',
  'match-all',
  'match-any',
  'ack',
  'fin',
  'psh',
  'rst',
  'syn',
  'urg',
]);
