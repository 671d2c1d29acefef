/**
 * The step of the pair walk into a tunnel interface (docs/ios-semantics.md#tunnel-interfaces): the
 * far end is the device owning the tunnel destination, and it must have a tunnel that points back
 * (its source is this tunnel's destination, its destination this tunnel's source) with the same
 * mode and protection; otherwise what enters the tunnel is dropped there (TUNNEL_MISMATCH). The
 * encapsulation itself (GRE or ESP over the underlay, the IPsec negotiation of tunnel protection,
 * a crypto map on the way) is not followed yet: the pair is NOT_MODELLED at the route, and the walk
 * goes on at the far end to find what lies behind.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Route } from '../../rules/routing.js';
import { tunnelMode, tunnelSource, upTunnels } from '../../rules/tunnels.js';
import * as finding from '../findings/catalogue.js';
import type { TunnelMismatch } from '../findings/tunnel-findings.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { WalkContext } from './walk-context.js';

/** The far end of `exit` (a tunnel of `d`), or why there is none that takes its packets. */
export function tunnelFarEnd(
  w: WalkContext,
  d: ModelDevice,
  exit: InterfaceConfig,
):
  | { readonly far: ModelDevice; readonly farTunnel: InterfaceConfig }
  | (TunnelMismatch & { readonly far?: ModelDevice }) {
  const destination = exit.tunnel?.destination;
  const source = tunnelSource(d.config, exit).address;
  const owner = destination === undefined ? undefined : w.env.model.owner(destination);
  if (!owner || destination === undefined || source === undefined) return { kind: 'no-device' };
  const far = owner.device;
  const farTunnel = upTunnels(far.config).find(
    (t) => t.tunnel?.destination === source && tunnelSource(far.config, t).address === destination,
  );
  if (!farTunnel) {
    // The hub is shared by every spoke: a spoke tunnel from the right source pointing elsewhere is the fault.
    const astray = upTunnels(far.config).find((t) => tunnelSource(far.config, t).address === destination);
    return astray && d.role === 'hub' && far.role !== 'hub'
      ? { kind: 'wrong-destination', far, farTunnel: astray }
      : { kind: 'no-return-tunnel', far };
  }
  if (tunnelMode(farTunnel) !== tunnelMode(exit)) return { kind: 'mode', far, farTunnel };
  if ((farTunnel.tunnel?.protection === undefined) !== (exit.tunnel?.protection === undefined))
    return { kind: 'protection', far, farTunnel };
  return { far, farTunnel };
}

/** Walks `sub`, routed by `route` into tunnel `exit` of `d`, to the far end and on. */
export function tunnelExit(
  w: WalkContext,
  d: ModelDevice,
  route: Route,
  exit: InterfaceConfig,
  sub: HeaderBox,
  dest: Site,
  hops: number,
  behind: boolean,
): void {
  w.trace?.route(d, route, sub.dst);
  const end = tunnelFarEnd(w, d, exit);
  if ('kind' in end) {
    w.report(finding.tunnelMismatch({ device: d, tunnel: exit, mismatch: end, space: sub, dest }), behind);
    const next = 'far' in end ? end.far : w.expectedNext(d, dest);
    if (next) w.walk(next, [sub], dest, hops + 1, true);
    return;
  }
  w.report(finding.tunnelNotModelled({ device: d, space: sub, exit, route, dest }), behind);
  w.walk(end.far, [sub], dest, hops + 1, behind, end.farTunnel);
}
