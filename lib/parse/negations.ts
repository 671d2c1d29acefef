/**
 * Global `no ...` commands that undo a modelled element, so a configuration followed by a change
 * script (as typed in configuration mode) reads as the device would hold it. Other `no` lines are
 * ordinary global lines (`no ip domain-lookup`) and stay extra lines.
 */
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import { removeIkev2 } from './ikev2.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, uint } from './numbers.js';

function removeRoutes(w: readonly string[], ctx: ParseContext): boolean {
  const address = w[3];
  const mask = w[4];
  if (address === undefined || mask === undefined) return false;
  const length = netmaskLength(dottedQuad(mask));
  if (length < 0) return false;
  const target = w[5];
  const routes = ctx.draft.staticRoutes;
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i]!;
    if (r.prefix.address !== address || r.prefix.prefixLength !== length) continue;
    // Without a target IOS removes every route to the prefix; with one, only the matching route.
    if (target === undefined || r.interface === target || r.nextHop === target) routes.splice(i, 1);
  }
  return true;
}

function removeKey(w: readonly string[], ctx: ParseContext): boolean {
  const at = w.indexOf('address');
  const address = at > 0 ? w[at + 1] : undefined;
  if (address === undefined || dottedQuad(address) < 0) return false;
  const mask = w[at + 2];
  const length = mask !== undefined && mask !== 'no-xauth' ? netmaskLength(dottedQuad(mask)) : 32;
  return ctx.draft.isakmpKeys.delete(`${address}/${length}`);
}

/** `no crypto map NAME [SEQ]`: the entry, or the whole map (also when its last entry goes). */
function removeCryptoMap(w: readonly string[], ctx: ParseContext): boolean {
  const d = ctx.draft;
  const map = d.cryptoMaps.get(w[3]!);
  if (map === undefined) return true;
  const seq = uint(w[4], 1, 65535);
  if (w[4] === 'local-address') delete map.localAddress;
  else if (w[4] === undefined) d.cryptoMaps.delete(w[3]!);
  else if (seq !== undefined) {
    map.entries.delete(seq);
    if (map.entries.size === 0) d.cryptoMaps.delete(w[3]!);
  } else return false;
  return true;
}

/**
 * `no crypto isakmp keepalive|identity`, `no crypto isakmp profile P`, `no crypto keyring K`,
 * `no crypto pki|ca trustpoint T`: false when the line is none of them.
 */
function removeAuthObject(w: readonly string[], ctx: ParseContext): boolean {
  const d = ctx.draft;
  if (w[2] === 'isakmp' && w[3] === 'keepalive') d.isakmpKeepalive = undefined;
  else if (w[2] === 'isakmp' && w[3] === 'identity') d.isakmpIdentity = undefined;
  else if (w[2] === 'isakmp' && w[3] === 'profile' && w[4] !== undefined) d.isakmpProfiles.delete(w[4]);
  else if (w[2] === 'ipsec' && w[3] === 'profile' && w[4] !== undefined) d.ipsecProfiles.delete(w[4]);
  else if (w[2] === 'keyring' && w[3] !== undefined) d.keyrings.delete(w[3]);
  else if ((w[2] === 'pki' || w[2] === 'ca') && (w[3] === 'trustpoint' || w[3] === 'identity') && w[4] !== undefined)
    d.trustpoints.delete(w[4]);
  else return false;
  return true;
}

/** `no crypto ipsec nat-transparency udp-encapsulation` (turns NAT-T off), `no crypto isakmp nat keepalive` (docs/ios-semantics.md#nat-traversal). */
function natTraversalLine(w: readonly string[], ctx: ParseContext, lineNo: number): boolean {
  const d = ctx.draft;
  if (w[2] === 'ipsec' && w[3] === 'nat-transparency' && w[4] === 'udp-encapsulation' && w.length === 5) {
    d.natTraversalDisabled = d.loc(lineNo);
    return true;
  }
  if (w[2] === 'isakmp' && w[3] === 'nat' && w[4] === 'keepalive') {
    d.natKeepalive = undefined;
    return true;
  }
  return false;
}

function removeCrypto(w: readonly string[], ctx: ParseContext, lineNo: number): boolean {
  const d = ctx.draft;
  if (w[2] === 'map' && w[3] !== undefined) return removeCryptoMap(w, ctx);
  if (w[2] === 'isakmp' && w[3] === 'policy') {
    const priority = uint(w[4], 1, 10000);
    if (priority !== undefined) d.isakmpPolicies.delete(priority);
    return priority !== undefined;
  }
  if (w[2] === 'isakmp' && w[3] === 'key') return removeKey(w, ctx);
  if (removeAuthObject(w, ctx)) return true;
  if (w[2] === 'isakmp' && w[3] === 'aggressive-mode' && w[4] === 'disable') {
    d.aggressiveModeDisabled = undefined;
    return true;
  }
  if (w[2] === 'ipsec' && w[3] === 'transform-set' && w[4] !== undefined) {
    d.transformSets.delete(w[4]);
    return true;
  }
  if (natTraversalLine(w, ctx, lineNo)) return true;
  if (w[2] === 'engine' && w[3] === 'compliance' && w[4] === 'shield' && w[5] === 'disable') {
    d.complianceShieldDisabled = undefined;
    return true;
  }
  return false;
}

/** IOS refuses to delete an object group that an ACL line still names. */
function removeObjectGroup(name: string, line: number, ctx: ParseContext): boolean {
  const d = ctx.draft;
  const used = [...d.accessLists.values()].find((acl) =>
    acl.items.some((i) => {
      const e = i.entry;
      return (
        e.kind === 'rule' &&
        (e.service === name ||
          (e.source.kind === 'object-group' && e.source.name === name) ||
          (e.destination.kind === 'object-group' && e.destination.name === name))
      );
    }),
  );
  if (used !== undefined) {
    ctx.sink.error(
      'BAD_ACL_LINE',
      line,
      `object-group ${name} is used by access list ${used.name}; IOS refuses to remove it, the group is kept`,
    );
    return true;
  }
  d.objectGroups.delete(name);
  return true;
}

/** A global line starting with `no`. */
export function readGlobalNo(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  // `no crypto isakmp [enable]` turns IKE off on the whole router.
  if (w[1] === 'crypto' && w[2] === 'isakmp' && (w[3] === undefined || w[3] === 'enable')) {
    return notModelled(line, ctx, 'no crypto isakmp (IKE disabled)');
  }
  // Turns off the built-in default ISAKMP policies (65507-65514) of 12.4(20)T and later.
  if (w[1] === 'crypto' && w[2] === 'isakmp' && w[3] === 'default' && w[4] === 'policy') {
    return notModelled(line, ctx, 'no crypto isakmp default policy');
  }
  const ikev2 = removeIkev2(line, ctx);
  if (ikev2 !== false) return ikev2;
  return removeGlobal(line, ctx) ? undefined : keepExtra(line, ctx);
}

/** The access list a `no access-list N ...` or `no ip access-list TYPE NAME` line deletes whole. */
function accessListName(w: readonly string[]): string | undefined {
  // `no access-list N` with or without the rest of an entry deletes the whole numbered list: IOS
  // has no way to remove one line of a numbered list from global mode (docs/ios-semantics.md#sequence-numbers).
  if (
    w[1] === 'access-list' &&
    w[2] !== undefined &&
    (w.length === 3 || w[3] === 'permit' || w[3] === 'deny' || w[3] === 'remark')
  ) {
    return w[2];
  }
  if (w[1] === 'ip' && w[2] === 'access-list' && (w[3] === 'standard' || w[3] === 'extended')) return w[4];
  return undefined;
}

/** Undoes the modelled element a global `no` line names; false when it names none. */
function removeGlobal(line: ConfigLine, ctx: ParseContext): boolean {
  const w = line.words;
  const d = ctx.draft;
  if (w[1] === 'crypto') return removeCrypto(w, ctx, line.line);
  const list = accessListName(w);
  if (list !== undefined) return d.accessLists.delete(list) || true;
  if (w[1] === 'object-group' && (w[2] === 'network' || w[2] === 'service') && w[3] !== undefined)
    return removeObjectGroup(w[3], line.line, ctx);
  if (w[1] === 'ip' && w[2] === 'route') return removeRoutes(w, ctx);
  if (w[1] === 'interface' && w[2] !== undefined) return d.interfaces.delete(w[2]) || true;
  return false;
}
