/**
 * One permit/deny line of an ACL, from the action word on:
 * standard `permit SRC [log]`, extended `permit PROTO SRC [PORTS] DST [PORTS] [trailing words]`.
 * Words after the match (`log`, `established`, ICMP types, `dscp ...`) are kept in `trailing`.
 */
import type { AclProtocol, AclRule, AddressMatch, PortMatch, PortOperator } from '../ir/router-config.js';
import { dottedQuad, uint } from './numbers.js';
import { isNamedIpProtocol, OTHER_IP_PROTOCOLS } from '../ir/protocols.js';
import { portNumber } from './port-names.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Why a rule could not be read: a diagnostic code and a message without the line's secrets. */
export interface RuleProblem {
  readonly code: 'BAD_ACL_LINE' | 'BAD_ADDRESS' | 'NOT_MODELLED';
  readonly message: string;
}

const OPERATORS = new Set<string>(['eq', 'neq', 'lt', 'gt', 'range']);

class Cursor {
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

function readAddress(c: Cursor, standard: boolean): AddressMatch | RuleProblem {
  const word = c.next();
  if (word === undefined) return { code: 'BAD_ACL_LINE', message: 'address missing' };
  if (word === 'any') return ANY;
  if (word === 'host') {
    const host = c.next();
    if (host === undefined || dottedQuad(host) < 0) return { code: 'BAD_ADDRESS', message: `"${host ?? ''}" is not an IPv4 host address` };
    return shared(`h ${host}`, () => ({ kind: 'host', address: host }));
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

function readPorts(c: Cursor, protocol: 'tcp' | 'udp'): PortMatch | RuleProblem | undefined {
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
    return { code: 'BAD_ACL_LINE', message: `port operator "${op}" needs ${op === 'range' ? 'two ports' : 'a port'} (number or ${protocol} name)` };
  }
  return { op: op as PortOperator, ports };
}

function readProtocol(word: string | undefined): AclProtocol | RuleProblem {
  if (word === undefined) return { code: 'BAD_ACL_LINE', message: 'protocol missing' };
  if (isNamedIpProtocol(word)) return word;
  if (Object.prototype.hasOwnProperty.call(OTHER_IP_PROTOCOLS, word)) return OTHER_IP_PROTOCOLS[word as keyof typeof OTHER_IP_PROTOCOLS];
  const n = uint(word, 0, 255);
  if (n !== undefined) return n;
  if (word === 'object-group') return { code: 'NOT_MODELLED', message: 'ACL service object-groups are not modelled; line skipped' };
  return { code: 'BAD_ACL_LINE', message: `"${word}" is not an IP protocol` };
}

function isProblem(x: object): x is RuleProblem {
  return 'code' in x;
}

/**
 * Reads `words[start..]` (starting at `permit`/`deny`) as a rule of a `type` list.
 */
export function readAclRule(
  words: readonly string[],
  start: number,
  type: 'standard' | 'extended',
): Writable<AclRule> | RuleProblem {
  const c = new Cursor(words, start);
  const action = c.next();
  if (action !== 'permit' && action !== 'deny') return { code: 'BAD_ACL_LINE', message: `expected permit or deny, found "${action ?? ''}"` };
  if (type === 'standard') {
    const source = readAddress(c, true);
    if (isProblem(source)) return source;
    const rule: Writable<AclRule> = { kind: 'rule', action, protocol: 'ip', source, destination: ANY };
    if (c.i < words.length) rule.trailing = words.slice(c.i).join(' ');
    return rule;
  }
  const protocol = readProtocol(c.next());
  if (typeof protocol === 'object') return protocol;
  const portProtocol = protocol === 'tcp' || protocol === 6 ? 'tcp' : protocol === 'udp' || protocol === 17 ? 'udp' : undefined;
  const source = readAddress(c, false);
  if (isProblem(source)) return source;
  const sourcePort = portProtocol ? readPorts(c, portProtocol) : undefined;
  if (sourcePort !== undefined && isProblem(sourcePort)) return sourcePort;
  const destination = readAddress(c, false);
  if (isProblem(destination)) return destination;
  const destinationPort = portProtocol ? readPorts(c, portProtocol) : undefined;
  if (destinationPort !== undefined && isProblem(destinationPort)) return destinationPort;
  const rule: Writable<AclRule> = { kind: 'rule', action, protocol, source, destination };
  if (sourcePort) rule.sourcePort = sourcePort;
  if (destinationPort) rule.destinationPort = destinationPort;
  if (c.i < words.length) rule.trailing = words.slice(c.i).join(' ');
  return rule;
}

/** True when the value returned by `readAclRule` is a problem rather than a rule. */
export function isRuleProblem(x: Writable<AclRule> | RuleProblem): x is RuleProblem {
  return isProblem(x) && !('kind' in x);
}
