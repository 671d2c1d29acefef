/**
 * Interface access lists (INTERFACE_ACL_BLOCKS): an inbound list on a WAN interface that drops IKE
 * (UDP 500) or ESP from the tunnel's peer gets the two permits the tunnel needs, for exactly the two
 * IKE addresses, in front of the list (docs/ios-semantics.md#interface-access-lists). Nothing else
 * is opened: a list that drops the site traffic itself is a security policy the operator decides.
 */
import type { AccessList } from '../ir/router-config.js';
import { ipToNumber } from '../ir/ipv4.js';
import { espPacket, filterPacket, ikePacket, interfaceFilter } from '../rules/interface-acl.js';
import { blockEnd, type LineEdit } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import type { TunnelEnd } from './tunnels.js';

/**
 * Edits that put rules in front of a list: by sequence numbers below the first one when the list
 * was written with numbers (an unnumbered line would go to the end), else before its first line
 * in the text. Undefined when there is no room below the first number.
 */
export function prependRules(
  lines: readonly string[],
  file: string,
  acl: AccessList,
  rules: readonly string[],
): LineEdit | undefined {
  const first = acl.entries.find((e) => e.loc);
  if (!first?.loc) return undefined;
  const global = /^access-list\s/i.test(lines[first.loc.line - 1] ?? '');
  const seq = first.seq;
  if (seq !== undefined && !global) {
    if (seq <= rules.length) return undefined;
    const step = Math.floor((seq - 1) / rules.length);
    const numbered = rules.map((r, i) => ` ${1 + i * step} ${r}`);
    const header = acl.loc?.line ?? first.loc.line - 1;
    return { file, op: 'insert', at: blockEnd(lines, header), lines: numbered };
  }
  return {
    file,
    op: 'insert',
    at: first.loc.line - 1,
    lines: rules.map((r) => (global ? `access-list ${acl.name} ${r}` : ` ${r}`)),
  };
}

function openEnd(ctx: RepairContext, end: TunnelEnd, peer: string | undefined, out: Proposals): void {
  if (!end.address || !peer) return;
  const self = ipToNumber(end.address);
  const from = ipToNumber(peer);
  for (const iface of end.device.config.interfaces) {
    if (!end.device.wan.has(iface.name)) continue;
    const filter = interfaceFilter(end.device.config, iface, 'in');
    if (!filter?.acl) continue;
    const rules: string[] = [];
    if (!filterPacket(filter, ikePacket(from, self)).permitted)
      rules.push(`permit udp host ${peer} host ${end.address} eq isakmp`);
    if (!filterPacket(filter, espPacket(from, self)).permitted)
      rules.push(`permit esp host ${peer} host ${end.address}`);
    if (rules.length === 0) continue;
    const edit = prependRules(ctx.draft.lines(end.device.file), end.device.file, filter.acl, rules);
    if (!edit) {
      out.declines.push({
        code: 'INTERFACE_ACL_BLOCKS',
        device: end.device.hostname,
        line: filter.group.loc?.line ?? 0,
        reason: 'ambiguous',
      });
      continue;
    }
    out.fixes.push({
      action: {
        ...on(end.device, 'INTERFACE_ACL_BLOCKS'),
        kind: 'permit-tunnel-protocols',
        target: `access-list ${filter.acl.name}`,
        lines: rules,
      },
      edits: [edit],
    });
  }
}

/** IKE and ESP between the two ends of every tunnel, let through the WAN inbound lists that drop them. */
export function openTunnelProtocols(ctx: RepairContext): Proposals {
  const out = none();
  if (findingsOf(ctx, 'INTERFACE_ACL_BLOCKS').length === 0) return out;
  for (const t of ctx.tunnels) {
    openEnd(ctx, t.spoke, t.hub.address, out);
    openEnd(ctx, t.hub, t.spoke.address, out);
  }
  return out;
}
