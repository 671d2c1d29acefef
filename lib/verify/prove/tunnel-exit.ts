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
import {
  returnTunnel,
  shutReturnTunnel,
  tunnelMode,
  tunnelSource,
  tunnelsDisagree,
  upTunnels,
} from '../../rules/tunnels.js';
import { greExit } from './gre-exit.js';
import * as finding from '../findings/catalogue.js';
import type { TunnelMismatch } from '../findings/tunnel-findings.js';
import { reportProtectionFailure } from './protection-failure.js';
import { negotiateVti, type VtiUnmodelled } from '../../rules/tunnel-ipsec.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { WalkContext } from './walk-context.js';
import { reportVtiIkev2 } from './vti-ikev2.js';
import { isDynamicVtiHub } from '../../rules/dvti.js';
import { dvtiExit } from './dvti-exit.js';

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
  const farTunnel = returnTunnel(far.config, source, destination);
  if (!farTunnel) {
    const shut = shutReturnTunnel(far.config, source, destination);
    if (shut) return { kind: 'far-shut', far, farTunnel: shut };
    // The hub is shared by every spoke: a spoke tunnel from the right source pointing elsewhere is the fault.
    const astray = upTunnels(far.config).find((t) => tunnelSource(far.config, t).address === destination);
    return astray && d.role === 'hub' && far.role !== 'hub'
      ? { kind: 'wrong-destination', far, farTunnel: astray }
      : { kind: 'no-return-tunnel', far };
  }
  const disagree = tunnelsDisagree(exit, farTunnel);
  const blameFar = d.role === 'hub' && far.role !== 'hub';
  return disagree ? { kind: disagree, far, farTunnel, blameFar } : { far, farTunnel };
}

/**
 * True when the model puts a NAT device between the ends of `exit`: its destination is a public
 * NAT address, its source is translated, or it aims at the private address of a device behind NAT.
 */
function natBetween(w: WalkContext, d: ModelDevice, exit: InterfaceConfig): boolean {
  const destination = exit.tunnel?.destination;
  const source = tunnelSource(d.config, exit).address;
  if (source !== undefined && w.env.model.natOf(d, source) !== undefined) return true;
  const owner = destination === undefined ? undefined : w.env.model.owner(destination);
  return (
    owner !== undefined && (owner.nat !== undefined || w.env.model.natOf(owner.device, destination!) !== undefined)
  );
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
  // docs/ios-semantics.md#tunnel-interfaces: a tunnel across NAT is not followed, matched or not.
  if (natBetween(w, d, exit))
    return w.report(
      finding.tunnelNotModelled({ device: d, space: sub, exit, route, dest, reason: 'nat-between-ends' }),
      behind,
    );
  const end = tunnelFarEnd(w, d, exit);
  if ('kind' in end) {
    // docs/ios-semantics.md#dynamic-vti: a virtual template may answer a static VTI.
    if (end.kind === 'no-return-tunnel' && isDynamicVtiHub(end.far.config))
      return dvtiExit(w, d, route, exit, end.far, sub, dest, hops, behind);
    w.report(finding.tunnelMismatch({ device: d, tunnel: exit, mismatch: end, space: sub, dest }), behind);
    const next = 'far' in end ? end.far : w.expectedNext(d, dest);
    if (next) w.walk(next, [sub], dest, hops + 1, true);
    return;
  }
  // docs/ios-semantics.md#gre-over-ipsec
  if (tunnelMode(exit) === 'gre ip')
    return greExit(w, { device: d, route, exit, far: end.far, farTunnel: end.farTunnel }, sub, dest, hops, behind);
  const reason = vtiStep(w, d, exit, end.far, end.farTunnel, sub, dest, behind);
  if (reason === 'failed') return w.walk(end.far, [sub], dest, hops + 1, true, end.farTunnel);
  if (reason !== undefined)
    w.report(finding.tunnelNotModelled({ device: d, space: sub, exit, route, dest, reason }), behind);
  w.walk(end.far, [sub], dest, hops + 1, behind, end.farTunnel);
}

/**
 * The IPsec of a static VTI pair (docs/ios-semantics.md#static-vti-negotiation): undefined when it
 * negotiates both ways over a shared underlay, `failed` after reporting why not, else why the rule
 * does not decide it.
 */
function vtiStep(
  w: WalkContext,
  d: ModelDevice,
  exit: InterfaceConfig,
  far: ModelDevice,
  farTunnel: InterfaceConfig,
  sub: HeaderBox,
  dest: Site,
  behind: boolean,
): VtiUnmodelled | 'failed' | undefined {
  const source = tunnelSource(d.config, exit).address!;
  const destination = exit.tunnel!.destination!;
  const v = negotiateVti(
    { config: d.config, tunnel: exit, address: source },
    { config: far.config, tunnel: farTunnel, address: destination },
  );
  if (v.ok) return w.env.model.sameUnderlay(d, v.exitA.name, far, v.exitB.name) === false ? 'underlay' : undefined;
  if (v.kind === 'unmodelled') return v.reason;
  if (v.kind === 'ikev2' || v.kind === 'pfs-mismatch') {
    reportVtiIkev2(w, 'vti', { d, exit, far, farTunnel }, v, sub, dest, behind);
    return 'failed';
  }
  reportProtectionFailure(w, 'vti', { d, exit, far, farTunnel }, v, sub, dest, behind);
  return 'failed';
}
