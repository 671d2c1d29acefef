/**
 * Catalogue: GRE over IPsec findings (docs/ios-semantics.md#gre-over-ipsec). The rules are
 * `lib/rules/gre-ipsec.ts`; the proof step is `lib/verify/prove/gre-exit.ts`.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { GreUnfollowed, GreUnmodelled } from '../../rules/gre-ipsec.js';
import type { Route } from '../../rules/routing.js';
import type { Site } from '../model/network-model.js';
import { lineOf } from './describe.js';
import { aboutSubject, towardsSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

const towards = (space: HeaderBox, dest: Site) =>
  towardsSubject([space], { hostname: dest.device.hostname, network: dest.network, range: dest.range });

/** GRE_UNPROTECTED: the GRE packets of `tunnel` leave `exit` in clear text. */
export function greUnprotected(f: {
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly exit: InterfaceConfig;
  /** The crypto map on `exit`, when there is one (none of its entries permits the GRE packets). */
  readonly map?: string;
  readonly source: string;
  readonly destination: string;
  readonly space: HeaderBox;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, tunnel, exit } = f;
  const why =
    f.map === undefined
      ? `${exit.name} has no crypto map and the tunnel no tunnel protection`
      : `no entry of crypto map ${f.map} on ${exit.name} permits gre host ${f.source} host ${f.destination}, and the tunnel has no tunnel protection`;
  return {
    code: 'GRE_UNPROTECTED',
    device: d.hostname,
    file: d.file,
    line: lineOf(tunnel.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towards(f.space, f.dest),
      ` into ${tunnel.name} (GRE), whose GRE packets ${f.source} -> ${f.destination} leave ${exit.name} in clear text: ${why}`,
    ),
    hintValues: {
      device: d.hostname,
      tunnel: tunnel.name,
      interface: exit.name,
      source: f.source,
      destination: f.destination,
    },
    dedupe: `${tunnel.name}|gre-clear`,
  };
}

/** Why the proof does not follow a GRE tunnel: the rule's reasons and the walk's own. */
export type GreNotFollowed =
  | GreUnmodelled
  | GreUnfollowed
  /** The GRE packets are routed into another tunnel. */
  | 'into-tunnel'
  /** The crypto map entry that owns the GRE packets is dynamic. */
  | 'dynamic-entry'
  /** The crypto map sends the GRE packets to a peer other than the tunnel destination's device. */
  | 'peer-elsewhere';

const GRE_NOT_FOLLOWED_TEXT: Readonly<Record<GreNotFollowed, string>> = {
  'profile-undefined': 'the IPsec profile it names is not defined',
  'no-transform-set': 'its IPsec profile names no transform set (the platform default is not modelled)',
  'transform-set-undefined': 'its IPsec profile names a transform set that is not defined',
  'mode-mismatch': 'the transform sets of the two IPsec profiles offer different modes (tunnel, transport)',
  pfs: 'the two IPsec profiles set PFS differently',
  'legacy-transform': 'a transform set of its profile is legacy on a platform that refuses it',
  'isakmp-profiles': 'ISAKMP profiles take part in the negotiation',
  'ike-version-mixed': 'one IPsec profile sets an IKEv2 profile and the other does not (IKEv1 against IKEv2)',
  'ikev2-undecided':
    'the configs do not decide the IKEv2 exchange (policy, profile or keyring ties, stored keys, certificates or EAP)',
  'ikev2-profile-unchecked':
    'the responder binds the IKE SA to another IKEv2 profile than the one its IPsec profile names',
  'dvti-static-overlap':
    "the responder's IKEv2 profile for this peer also names a virtual template, and whether IOS answers with a virtual-access or with the tunnel is not documented",
  'filters-or-nat': 'an end has interface access lists or NAT',
  'profile-lines': 'its IPsec profile has lines that are not modelled',
  'main-mode-undecided': 'the configs do not decide main mode (keyrings or stored keys)',
  keepalive: 'a tunnel end has GRE keepalives, which Cisco does not support with tunnel protection (Document ID 64565)',
  underlay: 'the route to the other end leads into a tunnel or out of a crypto-map interface',
  'shared-peer': 'a crypto map or another tunnel of an end joins the same two addresses',
  'into-tunnel': 'its GRE packets are routed into another tunnel',
  'tunnel-filters': 'a tunnel end has an access list of its own (ip access-group on the tunnel)',
  'tunnel-crypto-map': 'a tunnel end has a crypto map on the tunnel interface itself',
  nat: 'an end has NAT rules, which the GRE tunnel rules do not follow',
  'dynamic-entry': 'its GRE packets are owned by a dynamic crypto map entry',
  'peer-elsewhere':
    'the crypto map entry owning its GRE packets sends them to a peer other than the tunnel destination',
};

/** NOT_MODELLED: traffic routed into a GRE tunnel the proof does not follow; the pair is unverified. */
export function greNotModelled(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly exit: InterfaceConfig;
  readonly route: Route;
  readonly dest: Site;
  readonly reason: GreNotFollowed;
}): ProblemInput {
  const { device: d, exit } = f;
  return {
    code: 'NOT_MODELLED',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.route.loc ?? exit.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towards(f.space, f.dest),
      ` into ${exit.name} (GRE): ${GRE_NOT_FOLLOWED_TEXT[f.reason]}, so the pair is unverified`,
    ),
    hintValues: { device: d.hostname },
    dedupe: `${exit.name}|gre|${f.reason}`,
  };
}
