/**
 * GRE repairs (docs/ios-semantics.md#gre-over-ipsec): the GRE packets of a tunnel without tunnel
 * protection leave in clear text (GRE_UNPROTECTED), or the two ends' GRE lines do not mirror
 * (PROXY_MISMATCH), while the crypto map of the interface the GRE leaves by has an active entry
 * for the tunnel destination: that entry's list gets `permit gre host S host D` (tunnel source to
 * tunnel destination), on every such tunnel end, so both ends hold the mirror of each other's line.
 * Without such an entry the tool declines (which peer to add an entry for is a design decision).
 */
import { compileCryptoMap, cryptoMapOf, partitionEgress } from '../rules/crypto-map.js';
import { greBox, greUnderlay, isGreTunnel } from '../rules/gre-ipsec.js';
import { tunnelSource, upTunnels } from '../rules/tunnels.js';
import type { InterfaceConfig } from '../ir/router-config.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import { appendRule } from './acl-repairs.js';
import { hasAny, none, on, type Proposals, type RepairContext } from './context.js';

/** The `permit gre host S host D` line one GRE tunnel end lacks, added to its entry for the destination. */
function protectEnd(ctx: RepairContext, d: ModelDevice, t: InterfaceConfig, out: Proposals): void {
  const source = tunnelSource(d.config, t).address;
  const destination = t.tunnel?.destination;
  if (t.tunnel?.protection !== undefined || source === undefined || destination === undefined) return;
  const underlay = greUnderlay(d.config, destination);
  const map = underlay.ok ? cryptoMapOf(d.config, underlay.exit.name) : undefined;
  if (!map) return;
  const part = partitionEgress(d.config, map, [greBox(source, destination)]);
  if (part.clear.length === 0) return;
  const entry = compileCryptoMap(d.config, map).entries.find(
    (e) =>
      e.status === 'active' && !e.dynamic && e.entry.peers.includes(destination) && e.entry.matchAddress !== undefined,
  );
  const name = entry?.entry.matchAddress;
  if (!entry || name === undefined) {
    out.declines.push({
      code: 'GRE_UNPROTECTED',
      device: d.hostname,
      line: t.loc?.line ?? 0,
      reason: 'design-decision',
    });
    return;
  }
  const rule = `permit gre host ${source} host ${destination}`;
  out.fixes.push({
    action: { ...on(d, 'GRE_UNPROTECTED'), kind: 'add-acl-line', target: `access-list ${name}`, lines: [rule] },
    edits: [appendRule(ctx.draft.lines(d.file), d.file, name, entry.acl, rule)],
  });
}

/** GRE lines added where GRE tunnels leave in clear text next to an entry for their destination. */
export function protectGre(ctx: RepairContext): Proposals {
  const out = none();
  if (!hasAny(ctx, ['GRE_UNPROTECTED', 'PROXY_MISMATCH'])) return out;
  for (const d of ctx.model.devices)
    for (const t of upTunnels(d.config)) if (isGreTunnel(t)) protectEnd(ctx, d, t, out);
  return out;
}
