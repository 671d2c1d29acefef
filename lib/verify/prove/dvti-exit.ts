/**
 * The step of the pair walk into a static VTI whose far end is a dynamic VTI hub
 * (docs/ios-semantics.md#dynamic-vti): the rule (`lib/rules/dvti.ts`) picks the virtual template
 * the hub's IKEv2 profile names for the spoke and negotiates the SA with the spoke initiating;
 * the traffic then arrives on the hub's virtual-access and the walk goes on there. The hub routes
 * it by its own table: a virtual-access gets no route unless a mechanism the proof does not model
 * (IKEv2 routing, a routing protocol, reverse route injection) installs one, and those lines are
 * NOT_MODELLED where the parser meets them.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Route } from '../../rules/routing.js';
import { answerDynamicVti } from '../../rules/dvti.js';
import { tunnelSource } from '../../rules/tunnels.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import { reportProtectionFailure } from './protection-failure.js';
import { reportVtiIkev2 } from './vti-ikev2.js';
import type { WalkContext } from './walk-context.js';

/** Walks `sub`, routed by `route` into static VTI `exit` of `d`, to the dynamic VTI hub `hub` and on. */
export function dvtiExit(
  w: WalkContext,
  d: ModelDevice,
  route: Route,
  exit: InterfaceConfig,
  hub: ModelDevice,
  sub: HeaderBox,
  dest: Site,
  hops: number,
  behind: boolean,
): void {
  const source = tunnelSource(d.config, exit).address!;
  const destination = exit.tunnel!.destination!;
  const v = answerDynamicVti({ config: d.config, tunnel: exit, address: source }, hub.config, destination);
  if (v.ok) {
    if (w.env.model.sameUnderlay(d, v.exitA.name, hub, v.exitB.name) === false)
      w.report(finding.tunnelNotModelled({ device: d, space: sub, exit, route, dest, reason: 'underlay' }), behind);
    return w.walk(hub, [sub], dest, hops + 1, behind, v.virtualAccess);
  }
  if (v.kind === 'unmodelled') {
    w.report(finding.tunnelNotModelled({ device: d, space: sub, exit, route, dest, reason: v.reason }), behind);
    return w.walk(hub, [sub], dest, hops + 1, behind);
  }
  if (v.kind === 'template')
    w.report(finding.dvtiMismatch({ device: d, tunnel: exit, far: hub, problem: v.problem, space: sub, dest }), behind);
  else {
    // The hub's side is the template's clone (its lines are the template's); before a template is
    // known (IKE_SA_INIT or IKE_AUTH failed) the hub has no tunnel line of its own to point at.
    const farTunnel = v.virtualAccess ?? {
      name: 'a virtual-access',
      secondaryAddresses: [],
      shutdown: false,
      extraLines: [],
    };
    const ends = { d, exit, far: hub, farTunnel };
    if (v.kind === 'ikev2' || v.kind === 'pfs-mismatch') reportVtiIkev2(w, 'vti', ends, v, sub, dest, behind);
    else reportProtectionFailure(w, 'vti', ends, v, sub, dest, behind);
  }
  w.walk(hub, [sub], dest, hops + 1, true);
}
