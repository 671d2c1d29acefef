/**
 * NAT pools, inside-source rules and route-maps, printed as IOS shows them.
 */
import type { NatRule, RouterConfig } from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';

/** `ip nat inside source ...` as IOS prints the rule. */
export function natRuleLine(r: NatRule): string {
  if (r.kind === 'static') {
    return r.network
      ? `ip nat inside source static network ${r.local} ${r.global} /${r.prefixLength}`
      : `ip nat inside source static ${r.local} ${r.global}`;
  }
  const match = r.match.kind === 'list' ? `list ${r.match.acl}` : `route-map ${r.match.routeMap}`;
  const target = r.target.kind === 'interface' ? `interface ${r.target.interface}` : `pool ${r.target.pool}`;
  return `ip nat inside source ${match} ${target}${r.overload ? ' overload' : ''}`;
}

/** Pools, rules and route-maps (nothing when the router has none). */
export function renderNat(out: LineWriter, ir: RouterConfig): void {
  for (const p of ir.natPools ?? [])
    out.line(`ip nat pool ${p.name} ${p.start} ${p.end} netmask ${netmaskFor(p.prefixLength)}`, p.origin);
  for (const r of ir.natRules ?? []) out.line(natRuleLine(r), r.origin);
  if ((ir.natPools?.length ?? 0) + (ir.natRules?.length ?? 0) > 0) out.separator();
  for (const m of ir.routeMaps ?? []) {
    for (const e of m.entries) {
      out.line(`route-map ${m.name} ${e.action} ${e.seq}`, e.origin ?? m.origin);
      if (e.matchAddress.length > 0) out.line(` match ip address ${e.matchAddress.join(' ')}`, e.origin ?? m.origin);
      for (const x of e.extraLines) out.line(` ${oneLine(x.text)}`, x.origin ?? e.origin);
    }
    out.separator();
  }
}
