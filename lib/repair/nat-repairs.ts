/**
 * NAT exemption (NAT_BEFORE_CRYPTO): IOS translates inside-source traffic before the crypto map
 * sees it (docs/ios-semantics.md#nat-and-the-order-of-operations), so site-to-site VPN traffic must
 * be denied in the NAT access list ahead of the permit that translates it. The repair inserts one
 * `deny ip SITE SITE` per ordered pair of sites on different devices that the list would translate,
 * in front of the list's first line (for a route-map, of the list of each permit entry): only VPN
 * traffic stops being translated, everything else keeps its NAT. A route-map entry that matches
 * everything, or on more than addresses, is left to the operator.
 */
import { lengthToWildcard } from '../ir/ipv4.js';
import { partitionByAcl } from '../rules/acl.js';
import { addressBox } from '../rules/header-space.js';
import type { AccessList, NatMatch } from '../ir/router-config.js';
import type { ModelDevice, Site } from '../verify/model/network-model.js';
import { globalAnchor } from './draft.js';
import { prependRules } from './filter-repairs.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';

function siteMatch(site: Site): string {
  const p = site.prefix;
  return p.prefixLength === 32 ? `host ${p.address}` : `${p.address} ${lengthToWildcard(p.prefixLength)}`;
}

/**
 * The lists that decide what a NAT rule translates: its access list, or the lists of every permit
 * entry of its route-map (a deny there makes the entry not match, and a packet no entry matches is
 * not translated). Undefined when a list is missing or a permit entry matches everything.
 */
function natLists(device: ModelDevice, match: NatMatch): AccessList[] | undefined {
  const find = (name: string) => device.config.accessLists.find((a) => a.name === name);
  if (match.kind === 'list') {
    const acl = find(match.acl);
    return acl ? [acl] : undefined;
  }
  const map = device.config.routeMaps?.find((m) => m.name === match.routeMap);
  const permits = map?.entries.filter((e) => e.action === 'permit') ?? [];
  if (!map || permits.some((e) => e.matchAddress.length === 0 || e.extraLines.length > 0)) return undefined;
  const acls = permits.flatMap((e) => e.matchAddress.map(find));
  return acls.every((a) => a !== undefined) ? [...new Set(acls as AccessList[])] : undefined;
}

/**
 * A route-map whose entries match standard lists (sources only) cannot be told the destinations:
 * a `deny` entry in front of its first entry, matching the crypto ACL of the device's entry
 * towards the hub (exactly the VPN traffic), keeps that traffic out of NAT.
 */
function denyCryptoTraffic(ctx: RepairContext, device: ModelDevice, name: string, line: number, out: Proposals): void {
  const map = device.config.routeMaps?.find((m) => m.name === name);
  const first = map?.entries[0];
  const crypto = ctx.tunnels.find((t) => t.spoke.device === device)?.spoke.entry?.entry.matchAddress;
  if (!map || !first || crypto === undefined || first.seq <= 1) {
    out.declines.push({ code: 'NAT_BEFORE_CRYPTO', device: device.hostname, line, reason: 'design-decision' });
    return;
  }
  const seq = Math.max(1, first.seq - 10);
  const text = [`route-map ${name} deny ${seq}`, ` match ip address ${crypto}`];
  const at = first.loc ? first.loc.line - 1 : globalAnchor(ctx.draft.lines(device.file));
  out.fixes.push({
    action: { ...on(device, 'NAT_BEFORE_CRYPTO'), kind: 'add-nat-exemption', target: `route-map ${name}`, lines: text },
    edits: [{ file: device.file, op: 'insert', at, lines: text }],
  });
}

/** The VPN site pairs `acl` would translate, denied in front of it. */
function exemptIn(
  ctx: RepairContext,
  device: ModelDevice,
  lines: readonly string[],
  acl: AccessList,
  line: number,
  out: Proposals,
): void {
  const denies: string[] = [];
  for (const a of ctx.model.sites) {
    for (const b of ctx.model.sites) {
      if (a.device === b.device) continue;
      const part = partitionByAcl(acl, [addressBox(a.range, b.range)]);
      if (part.pieces.some((p) => p.line.action === 'permit')) denies.push(`deny ip ${siteMatch(a)} ${siteMatch(b)}`);
    }
  }
  if (denies.length === 0) return;
  const edit = prependRules(lines, device.file, acl, denies);
  if (!edit) {
    out.declines.push({ code: 'NAT_BEFORE_CRYPTO', device: device.hostname, line, reason: 'ambiguous' });
    return;
  }
  out.fixes.push({
    action: {
      ...on(device, 'NAT_BEFORE_CRYPTO'),
      kind: 'add-nat-exemption',
      target: `access-list ${acl.name}`,
      lines: denies,
    },
    edits: [edit],
  });
}

/** NAT_BEFORE_CRYPTO: the VPN site pairs denied at the top of each NAT list that translates them. */
export function exemptFromNat(ctx: RepairContext): Proposals {
  const out = none();
  const devices = new Set(findingsOf(ctx, 'NAT_BEFORE_CRYPTO').map((f) => f.device));
  for (const host of [...devices].sort()) {
    const device = ctx.model.byHostname.get(host);
    if (!device) continue;
    const lines = ctx.draft.lines(device.file);
    for (const rule of device.config.natRules ?? []) {
      if (rule.kind !== 'dynamic') continue;
      const acls = natLists(device, rule.match);
      if (rule.match.kind === 'route-map' && acls?.some((x) => x.type === 'standard')) {
        denyCryptoTraffic(ctx, device, rule.match.routeMap, rule.loc?.line ?? 0, out);
        continue;
      }
      if (!acls) {
        out.declines.push({
          code: 'NAT_BEFORE_CRYPTO',
          device: host,
          line: rule.loc?.line ?? 0,
          reason: 'design-decision',
        });
        continue;
      }
      for (const acl of acls) exemptIn(ctx, device, lines, acl, rule.loc?.line ?? 0, out);
    }
  }
  return out;
}

/**
 * NAT_T_DISABLED: a NAT device sits between two peers and one of them turned NAT traversal off, so
 * ESP cannot cross it (docs/ios-semantics.md#nat-traversal). The repair removes the
 * `no crypto ipsec nat-transparency udp-encapsulation` line (NAT-T is on by default): ESP then
 * travels in UDP 4500, the same protection.
 */
export function enableNatTraversal(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'NAT_T_DISABLED')) {
    const device = ctx.model.byHostname.get(f.device);
    if (!device) continue;
    const lines = ctx.draft.lines(device.file);
    const at = lines.findIndex((l) => /^no\s+crypto\s+ipsec\s+nat-transparency\s+udp-encapsulation\s*$/i.test(l)) + 1;
    if (at === 0) {
      out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
      continue;
    }
    out.fixes.push({
      action: {
        ...on(device, 'NAT_T_DISABLED'),
        kind: 'enable-nat-traversal',
        target: 'crypto ipsec nat-transparency',
        lines: ['crypto ipsec nat-transparency udp-encapsulation'],
        replaces: lines[at - 1]!.trim(),
      },
      edits: [{ file: device.file, op: 'delete', at, lines: [] }],
    });
  }
  return out;
}
