/**
 * The list IOS evaluates for an ACL name: entries in sequence-number order
 * (docs/ios-semantics.md#sequence-numbers) and every line that names object groups replaced, in
 * place, by one line per combination of their members (docs/ios-semantics.md#object-groups).
 * First match over the replaced lines is first match over the original line: they are adjacent
 * and share its action, and each keeps its `loc`, so findings still point at the written line.
 *
 * Every rule that reads an ACL of a router (crypto map selection, phase 2, interface filters)
 * looks it up here, so the proof and the emulator evaluate the same list.
 */
import { aclEntriesInOrder } from '../ir/acl-sequence.js';
import { appendAll } from '../ir/collections.js';
import { lengthToWildcard, numberToIp, quadValue, rangeToBlocks } from '../ir/ipv4.js';
import type {
  AccessList,
  AclEntry,
  AclProtocol,
  AclRule,
  AddressMatch,
  ObjectGroup,
  PortMatch,
  RouterConfig,
} from '../ir/router-config.js';

interface Service {
  readonly protocol: AclProtocol;
  readonly sourcePort?: PortMatch;
  readonly destinationPort?: PortMatch;
}

const resolved = new WeakMap<AccessList, { readonly groups: RouterConfig['objectGroups']; readonly acl: AccessList }>();

/** The first list of that name on the router, as IOS evaluates it; undefined when none exists. */
export function lookupAcl(config: RouterConfig, name: string): AccessList | undefined {
  const acl = config.accessLists.find((a) => a.name === name);
  return acl === undefined ? undefined : evaluatedAcl(config, acl);
}

/**
 * `acl` (a list of `config`) as IOS evaluates it. Returns `acl` itself when it is already in
 * order and names no group (the common case: nothing is copied), else a cached copy.
 */
export function evaluatedAcl(config: RouterConfig, acl: AccessList): AccessList {
  const ordered = aclEntriesInOrder(acl.entries);
  let grouped = false;
  for (let i = 0; i < ordered.length && !grouped; i += 1) grouped = usesGroups(ordered[i]!);
  if (!grouped && ordered === acl.entries) return acl;
  const hit = resolved.get(acl);
  if (hit !== undefined && hit.groups === config.objectGroups) return hit.acl;
  const book = new Map<string, ObjectGroup>();
  for (const g of config.objectGroups ?? []) if (!book.has(g.name)) book.set(g.name, g);
  const entries: AclEntry[] = [];
  for (const entry of ordered) {
    if (!usesGroups(entry)) entries.push(entry);
    else for (const r of expandRule(entry as AclRule, book)) entries.push(r);
  }
  const out: AccessList = { ...acl, entries };
  resolved.set(acl, { groups: config.objectGroups, acl: out });
  return out;
}

function usesGroups(e: AclEntry): boolean {
  return (
    e.kind === 'rule' &&
    (e.service !== undefined || e.source.kind === 'object-group' || e.destination.kind === 'object-group')
  );
}

function expandRule(rule: AclRule, book: ReadonlyMap<string, ObjectGroup>): AclRule[] {
  const sources = rule.source.kind === 'object-group' ? networkMembers(rule.source.name, book) : [rule.source];
  const destinations =
    rule.destination.kind === 'object-group' ? networkMembers(rule.destination.name, book) : [rule.destination];
  const services: readonly Service[] =
    rule.service !== undefined
      ? serviceMembers(rule.service, book)
      : [
          {
            protocol: rule.protocol,
            ...(rule.sourcePort ? { sourcePort: rule.sourcePort } : {}),
            ...(rule.destinationPort ? { destinationPort: rule.destinationPort } : {}),
          },
        ];
  const { service: _service, sourcePort: _sp, destinationPort: _dp, ...base } = rule;
  const out: AclRule[] = [];
  for (const svc of services) {
    for (const source of sources) {
      for (const destination of destinations) out.push({ ...base, ...svc, source, destination });
    }
  }
  return out;
}

/** Members of a network group, nested groups flattened (each group once, so loops end). */
function networkMembers(
  name: string,
  book: ReadonlyMap<string, ObjectGroup>,
  seen = new Set<string>(),
): AddressMatch[] {
  const group = book.get(name);
  if (group === undefined || group.type !== 'network' || seen.has(name)) return [];
  seen.add(name);
  const out: AddressMatch[] = [];
  for (const item of group.items) {
    switch (item.kind) {
      case 'host':
        out.push({ kind: 'host', address: item.address });
        break;
      case 'subnet':
        // A netmask in a group; the ACL line form is the inverse (wildcard) mask.
        out.push({ kind: 'wildcard', address: item.address, wildcard: numberToIp(~quadValue(item.mask) >>> 0) });
        break;
      case 'range':
        for (const [net, length] of rangeToBlocks(quadValue(item.first), quadValue(item.last))) {
          const address = numberToIp(net);
          out.push(
            length === 32
              ? { kind: 'host', address }
              : { kind: 'wildcard', address, wildcard: lengthToWildcard(length) },
          );
        }
        break;
      case 'group':
        appendAll(out, networkMembers(item.name, book, seen));
        break;
    }
  }
  return out;
}

/** Members of a service group; `tcp-udp` is one member per protocol. */
function serviceMembers(name: string, book: ReadonlyMap<string, ObjectGroup>, seen = new Set<string>()): Service[] {
  const group = book.get(name);
  if (group === undefined || group.type !== 'service' || seen.has(name)) return [];
  seen.add(name);
  const out: Service[] = [];
  for (const item of group.items) {
    if (item.kind === 'group') {
      appendAll(out, serviceMembers(item.name, book, seen));
      continue;
    }
    const ports = {
      ...(item.sourcePort ? { sourcePort: item.sourcePort } : {}),
      ...(item.destinationPort ? { destinationPort: item.destinationPort } : {}),
    };
    if (item.protocol === 'tcp-udp') out.push({ protocol: 'tcp', ...ports }, { protocol: 'udp', ...ports });
    else out.push({ protocol: item.protocol, ...ports });
  }
  return out;
}
