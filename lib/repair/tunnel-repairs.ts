/**
 * Repairs of route-based VPNs (GRE and static VTI tunnels, docs/ios-semantics.md#tunnel-interfaces):
 * - TUNNEL_MISMATCH, wrong destination: a tunnel whose `tunnel destination` is not the far tunnel's
 *   source gets that source, when exactly one tunnel of another device shares its inner subnet and
 *   points back at this tunnel's source (the pair the addressing says it is);
 * - TUNNEL_MISMATCH, protection on one end only: the unprotected end takes the protected end's
 *   `tunnel mode` and `tunnel protection ipsec profile P` when it defines an IPsec profile P
 *   (protection is never removed to make the ends agree; without a profile of that name, what to
 *   protect with is the operator's choice);
 * - UNDERLAY_LEAK: a static route that sends remote sites out of the WAN is pointed into the
 *   device's tunnel towards the carrier (a spoke's tunnel to the hub; the hub's tunnel to the
 *   site's spoke): in place when the route cannot hold the tunnel's own destination, else a route
 *   per leaking site is added in front of it (longest match).
 * Every fix is proven with the rest of the plan before it is printed.
 */
import type { InterfaceConfig, Ipv4Prefix, StaticRoute } from '../ir/router-config.js';
import { ipToNumber, networkOf, prefixContains } from '../ir/ipv4.js';
import { routeLine } from '../render/interface-sections.js';
import { routingTable } from '../rules/routing.js';
import type { ModelDevice, Site } from '../verify/model/network-model.js';
import { globalAnchor, lastMatching } from './draft.js';
import { findingsOf, none, on, type Proposals, type RepairContext } from './context.js';
import { otherSites } from './tunnels.js';

/** A tunnel interface with its device and the address its packets leave from. */
interface TunnelIf {
  readonly device: ModelDevice;
  readonly iface: InterfaceConfig;
  readonly source?: string;
}

function sourceAddress(device: ModelDevice, iface: InterfaceConfig): string | undefined {
  const s = iface.tunnel?.source;
  if (s === undefined) return undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(s)) return s;
  return device.config.interfaces.find((i) => i.name.toLowerCase() === s.toLowerCase())?.address?.ip;
}

function tunnelsOf(ctx: RepairContext): TunnelIf[] {
  return ctx.model.devices.flatMap((device) =>
    device.config.interfaces
      .filter((iface) => iface.tunnel !== undefined && !iface.shutdown)
      .map((iface) => {
        const source = sourceAddress(device, iface);
        return { device, iface, ...(source !== undefined ? { source } : {}) };
      }),
  );
}

const innerNetwork = (i: InterfaceConfig) =>
  i.address ? `${networkOf(i.address.ip, i.address.prefixLength).address}/${i.address.prefixLength}` : undefined;

/** The far end of a tunnel: the one tunnel of another device on the same inner subnet. */
function farEnd(all: readonly TunnelIf[], t: TunnelIf): TunnelIf | undefined {
  const net = innerNetwork(t.iface);
  if (net === undefined) return undefined;
  const candidates = all.filter((x) => x.device !== t.device && innerNetwork(x.iface) === net);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The 1-based line of a sub-command of an interface block, in the draft. */
function blockLine(ctx: RepairContext, t: TunnelIf, pattern: RegExp): number | undefined {
  const lines = ctx.draft.lines(t.device.file);
  const start = lines.findIndex((l) => new RegExp(`^interface ${t.iface.name}\\s*$`, 'i').test(l));
  if (start < 0) return undefined;
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]!); i++) if (pattern.test(lines[i]!)) return i + 1;
  return undefined;
}

/** The last line of an interface block (where a sub-command goes). */
function blockEnd(ctx: RepairContext, t: TunnelIf): number | undefined {
  const lines = ctx.draft.lines(t.device.file);
  const start = lines.findIndex((l) => new RegExp(`^interface ${t.iface.name}\\s*$`, 'i').test(l));
  if (start < 0) return undefined;
  let i = start + 1;
  while (i < lines.length && /^\s/.test(lines[i]!)) i++;
  return i;
}

function correctDestination(ctx: RepairContext, t: TunnelIf, far: TunnelIf, out: Proposals): void {
  const at = blockLine(ctx, t, /^\s*tunnel destination\s/);
  if (at === undefined || far.source === undefined) return;
  const line = ` tunnel destination ${far.source}`;
  out.fixes.push({
    action: {
      ...on(t.device, 'TUNNEL_MISMATCH'),
      kind: 'correct-tunnel-destination',
      target: `interface ${t.iface.name}`,
      lines: [line],
      replaces: ctx.draft.lines(t.device.file)[at - 1]!,
    },
    edits: [{ file: t.device.file, op: 'replace', at, lines: [line] }],
  });
}

function addProtection(ctx: RepairContext, t: TunnelIf, far: TunnelIf, out: Proposals): void {
  const p = far.iface.tunnel!.protection!;
  const end = blockEnd(ctx, t);
  if (end === undefined) return;
  if (!(t.device.config.ipsecProfiles ?? []).some((x) => x.name === p.profile)) {
    out.declines.push({
      code: 'TUNNEL_MISMATCH',
      device: t.device.hostname,
      line: t.iface.loc?.line ?? 0,
      reason: 'design-decision',
      detail: `${t.device.hostname} defines no crypto ipsec profile ${p.profile} to protect ${t.iface.name} with`,
    });
    return;
  }
  const farMode = far.iface.tunnel!.mode;
  const lines = [
    ...(farMode !== undefined && farMode !== t.iface.tunnel!.mode ? [` tunnel mode ${farMode}`] : []),
    ` tunnel protection ipsec profile ${p.profile}${p.shared ? ' shared' : ''}`,
  ];
  out.fixes.push({
    action: {
      ...on(t.device, 'TUNNEL_MISMATCH'),
      kind: 'add-tunnel-protection',
      target: `interface ${t.iface.name}`,
      lines,
    },
    edits: [{ file: t.device.file, op: 'insert', at: end, lines }],
  });
}

/** TUNNEL_MISMATCH: a wrong destination corrected, a missing protection copied from the far end. */
export function repairTunnelEnds(ctx: RepairContext): Proposals {
  const out = none();
  const flagged = new Set(findingsOf(ctx, 'TUNNEL_MISMATCH').map((f) => f.device));
  if (flagged.size === 0) return out;
  const all = tunnelsOf(ctx);
  for (const t of all) {
    if (!flagged.has(t.device.hostname)) continue;
    const far = farEnd(all, t);
    if (!far || t.source === undefined) continue;
    const pointsBack = far.iface.tunnel?.destination === t.source;
    if (pointsBack && far.source !== undefined && t.iface.tunnel?.destination !== far.source)
      correctDestination(ctx, t, far, out);
    else if (pointsBack && !t.iface.tunnel?.protection && far.iface.tunnel?.protection) addProtection(ctx, t, far, out);
  }
  return out;
}

/** The tunnel of `device` whose far end is on `carrier`, when there is exactly one. */
function tunnelTo(all: readonly TunnelIf[], device: ModelDevice, carrier: ModelDevice): TunnelIf | undefined {
  const mine = all.filter((t) => t.device === device && farEnd(all, t)?.device === carrier);
  return mine.length === 1 ? mine[0] : undefined;
}

function leakingRoute(device: ModelDevice, site: Site): StaticRoute | undefined {
  const r = routingTable(device.config).lookup(ipToNumber(site.prefix.address));
  if (!r || r.source !== 'static' || !device.wan.has(r.exitInterface)) return undefined;
  return r.element as StaticRoute;
}

function routeFix(ctx: RepairContext, device: ModelDevice, route: StaticRoute, lines: string[], out: Proposals): void {
  const at = route.loc?.line;
  const inPlace = lines.length === 1 && at !== undefined;
  const after =
    at !== undefined
      ? at - 1
      : (lastMatching(ctx.draft.lines(device.file), /^ip route\s/) ?? globalAnchor(ctx.draft.lines(device.file)));
  out.fixes.push({
    action: {
      ...on(device, 'UNDERLAY_LEAK'),
      kind: inPlace ? 'correct-route' : 'add-route',
      target: `ip route ${route.prefix.address}/${route.prefix.prefixLength}`,
      lines,
      ...(inPlace ? { replaces: routeLine(route) } : {}),
    },
    edits: [
      inPlace ? { file: device.file, op: 'replace', at, lines } : { file: device.file, op: 'insert', at: after, lines },
    ],
  });
}

/** UNDERLAY_LEAK: routes out of the WAN pointed into the tunnel towards the carrier. */
export function routeIntoTunnels(ctx: RepairContext): Proposals {
  const out = none();
  const hub = ctx.model.hub;
  const flagged = new Set(findingsOf(ctx, 'UNDERLAY_LEAK').map((f) => f.device));
  if (!hub || flagged.size === 0) return out;
  const all = tunnelsOf(ctx);
  for (const device of ctx.model.devices) {
    if (!flagged.has(device.hostname)) continue;
    const byRoute = new Map<StaticRoute, { tunnel: TunnelIf; sites: Ipv4Prefix[] }>();
    for (const site of otherSites(ctx.model, device)) {
      const route = leakingRoute(device, site);
      const tunnel = tunnelTo(all, device, device === hub ? site.device : hub);
      if (!route || !tunnel) continue;
      const entry = byRoute.get(route) ?? { tunnel, sites: [] };
      if (entry.tunnel !== tunnel) continue;
      entry.sites.push(site.prefix);
      byRoute.set(route, entry);
    }
    for (const [route, { tunnel, sites }] of byRoute) {
      const destination = tunnel.iface.tunnel?.destination;
      const holdsDestination =
        destination === undefined || prefixContains(route.prefix, { address: destination, prefixLength: 32 });
      const lines = holdsDestination
        ? sites.map((prefix) => routeLine({ prefix, interface: tunnel.iface.name }))
        : [routeLine({ ...route, interface: tunnel.iface.name, nextHop: undefined } as StaticRoute)];
      routeFix(ctx, device, route, lines, out);
    }
  }
  return out;
}
