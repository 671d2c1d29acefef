/**
 * Catalogue: tunnel interface findings (docs/ios-semantics.md#tunnel-interfaces). The rules are
 * `lib/rules/tunnels.ts`.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Route } from '../../rules/routing.js';
import { tunnelMode } from '../../rules/tunnels.js';
import type { Site } from '../model/network-model.js';
import { lineOf } from './describe.js';
import { aboutSubject, towardsSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** How a tunnel interface is named in messages: its mode and protection. */
function tunnelKind(exit: InterfaceConfig): string {
  const mode = tunnelMode(exit) === 'ipsec ipv4' ? 'static VTI' : 'GRE';
  const profile = exit.tunnel?.protection?.profile;
  return profile === undefined ? mode : `${mode}, protected by IPsec profile ${profile}`;
}

/**
 * NOT_MODELLED: the traffic is routed into a tunnel interface, a path the proof does not follow
 * yet; the pair is unverified, never covered and never broken by this route.
 */
export function tunnelNotModelled(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly exit: InterfaceConfig;
  readonly route: Route;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, exit, dest } = f;
  return {
    code: 'NOT_MODELLED',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.route.loc ?? exit.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: dest.device.hostname, network: dest.network, range: dest.range }),
      ` into ${exit.name} (${tunnelKind(exit)}); paths through tunnel interfaces are not modelled, so the pair is unverified`,
    ),
    hintValues: { device: d.hostname },
    dedupe: `${exit.name}|tunnel`,
  };
}

/**
 * NOT_MODELLED: a crypto map entry and a protected tunnel join the same two addresses; which of the
 * two IOS binds the peers' IKE and IPsec SAs to is not modelled.
 */
export function tunnelSharesPeer(f: {
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  /** The crypto map and the router it is on. */
  readonly map: string;
  readonly mapDevice: FindingDevice;
}): ProblemInput {
  const { device: d, tunnel } = f;
  return {
    code: 'NOT_MODELLED',
    device: d.hostname,
    file: d.file,
    line: lineOf(tunnel.tunnel?.protection?.loc ?? tunnel.loc),
    message: `${tunnel.name} of ${d.hostname} is protected towards ${tunnel.tunnel?.destination ?? ''}, and crypto map ${f.map} of ${f.mapDevice.hostname} negotiates between the same two addresses; how IOS shares their SAs is not modelled, so pairs through it are unverified`,
    hintValues: { device: d.hostname },
    dedupe: `${tunnel.name}|shared-peer`,
  };
}
