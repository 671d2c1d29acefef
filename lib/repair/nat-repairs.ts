/**
 * NAT exemption (NAT_BEFORE_CRYPTO): IOS translates inside-source traffic before the crypto map
 * sees it (docs/ios-semantics.md#nat-and-the-order-of-operations), so site-to-site VPN traffic must
 * be denied in the NAT access list ahead of the permit that translates it. The repair inserts one
 * `deny ip SITE SITE` per ordered pair of sites on different devices that the list would translate,
 * in front of the list's first line: only VPN traffic stops being translated, everything else
 * keeps its NAT. A rule matched through a route-map is left to the operator.
 */
import { lengthToWildcard } from '../ir/ipv4.js';
import { partitionByAcl } from '../rules/acl.js';
import { addressBox } from '../rules/header-space.js';
import type { Site } from '../verify/model/network-model.js';
import { prependRules } from './filter-repairs.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';

function siteMatch(site: Site): string {
  const p = site.prefix;
  return p.prefixLength === 32 ? `host ${p.address}` : `${p.address} ${lengthToWildcard(p.prefixLength)}`;
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
      const match = rule.match;
      const acl = match.kind === 'list' ? device.config.accessLists.find((a) => a.name === match.acl) : undefined;
      if (!acl) {
        out.declines.push({
          code: 'NAT_BEFORE_CRYPTO',
          device: host,
          line: rule.loc?.line ?? 0,
          reason: 'design-decision',
        });
        continue;
      }
      const denies: string[] = [];
      for (const a of ctx.model.sites) {
        for (const b of ctx.model.sites) {
          if (a.device === b.device) continue;
          const part = partitionByAcl(acl, [addressBox(a.range, b.range)]);
          if (part.pieces.some((p) => p.line.action === 'permit'))
            denies.push(`deny ip ${siteMatch(a)} ${siteMatch(b)}`);
        }
      }
      if (denies.length === 0) continue;
      const edit = prependRules(lines, device.file, acl, denies);
      if (!edit) {
        out.declines.push({ code: 'NAT_BEFORE_CRYPTO', device: host, line: rule.loc?.line ?? 0, reason: 'ambiguous' });
        continue;
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
  }
  return out;
}
