/**
 * Catalogue: tunnel interface findings (docs/ios-semantics.md#tunnel-interfaces). The rules are
 * `lib/rules/tunnels.ts`.
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { RejectedRoute, Route } from '../../rules/routing.js';
import { tunnelMode } from '../../rules/tunnels.js';
import type { VtiUnmodelled } from '../../rules/tunnel-ipsec.js';
import type { DvtiTemplateProblem } from '../../rules/dvti.js';
import { notInstalledText, TUNNEL_DOWN_TEXT } from './route-text.js';
import type { Site } from '../model/network-model.js';
import { lineOf } from './describe.js';
import { aboutSubject, towardsSubject } from './finding-subject.js';
import type { FindingDevice, ProblemInput } from './problem-book.js';

/** Why the far end does not take what enters a tunnel. */
export type TunnelMismatch =
  | { readonly kind: 'no-device' }
  | { readonly kind: 'no-return-tunnel'; readonly far: FindingDevice }
  /** The far end's tunnel that would point back is shut down (reported as TUNNEL_DOWN, pinned on it). */
  | { readonly kind: 'far-shut'; readonly far: FindingDevice; readonly farTunnel: InterfaceConfig }
  /** The far end's tunnel from this destination points elsewhere (pinned on it when this side is the hub). */
  | { readonly kind: 'wrong-destination'; readonly far: FindingDevice; readonly farTunnel: InterfaceConfig }
  /** `blameFar`: the far end is the odd one out (a spoke facing the hub), the finding is pinned there. */
  | {
      readonly kind: 'mode' | 'protection';
      readonly far: FindingDevice;
      readonly farTunnel: InterfaceConfig;
      readonly blameFar: boolean;
    };

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
  /** Why the tunnel is not followed. @default - GRE, not followed */
  readonly reason?: VtiUnmodelled;
}): ProblemInput {
  const { device: d, exit, dest } = f;
  const why = VTI_UNMODELLED_TEXT[f.reason ?? 'not-vti'];
  return {
    code: 'NOT_MODELLED',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.route.loc ?? exit.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: dest.device.hostname, network: dest.network, range: dest.range }),
      ` into ${exit.name} (${tunnelKind(exit)}): ${why}, so the pair is unverified`,
    ),
    hintValues: { device: d.hostname },
    dedupe: `${exit.name}|tunnel|${f.reason ?? ''}`,
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

/** TUNNEL_MISMATCH: what enters `tunnel` of `device` is dropped at the far end (or reaches no device). */
export function tunnelMismatch(f: {
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly mismatch: TunnelMismatch;
  readonly space: HeaderBox;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, tunnel, mismatch: m } = f;
  const to = tunnel.tunnel?.destination ?? '';
  const source = tunnel.tunnel?.source ?? '';
  if (m.kind === 'wrong-destination' || m.kind === 'far-shut') {
    const e = { d: f.device, tunnel, far: m.far, farTunnel: m.farTunnel, space: f.space, dest: f.dest };
    return m.kind === 'far-shut' ? farTunnelShut(e) : wrongDestination(e);
  }
  const why =
    m.kind === 'no-device'
      ? `its destination ${to} is no device of the network`
      : m.kind === 'no-return-tunnel'
        ? `${m.far.hostname} (which owns ${to}) has no tunnel whose destination is this tunnel's source and whose source is ${to}`
        : m.kind === 'mode'
          ? `${m.far.hostname}'s ${m.farTunnel.name} runs tunnel mode ${tunnelMode(m.farTunnel)}, this one ${tunnelMode(tunnel)}`
          : `only one of this tunnel and ${m.far.hostname}'s ${m.farTunnel.name} has tunnel protection`;
  const pin =
    'blameFar' in m && m.blameFar
      ? { device: m.far, line: lineOf(m.farTunnel.loc) }
      : { device: d, line: lineOf(tunnel.loc) };
  return {
    code: 'TUNNEL_MISMATCH',
    device: pin.device.hostname,
    file: pin.device.file,
    line: pin.line,
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` into ${tunnel.name}, whose packets are dropped at the far end: ${why}`,
    ),
    hintValues: { device: d.hostname, tunnel: tunnel.name, source },
    dedupe: `${tunnel.name}|mismatch`,
  };
}

/** A tunnel of `d` routed into, and the far end's tunnel a finding is pinned on. */
interface FarEnd {
  readonly d: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly far: FindingDevice;
  readonly farTunnel: InterfaceConfig;
  readonly space: HeaderBox;
  readonly dest: Site;
}

/** A finding pinned on the far end's tunnel about what `d` routes into `tunnel`. */
function atFarTunnel(
  e: FarEnd,
  code: 'TUNNEL_MISMATCH' | 'TUNNEL_DOWN',
  after: string,
  hintValues: Readonly<Record<string, string>>,
  dedupe: string,
): ProblemInput {
  const { d, far, dest } = e;
  return {
    code,
    device: far.hostname,
    file: far.file,
    line: lineOf(e.farTunnel.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([e.space], { hostname: dest.device.hostname, network: dest.network, range: dest.range }),
      after,
    ),
    hintValues,
    dedupe,
  };
}

/**
 * TUNNEL_MISMATCH on the far end: its tunnel from the address this (hub) tunnel points at goes to
 * another destination (the spoke is the odd one out, as for negotiation blame).
 */
function wrongDestination(e: FarEnd): ProblemInput {
  const { d, far, farTunnel } = e;
  return atFarTunnel(
    e,
    'TUNNEL_MISMATCH',
    ` into ${e.tunnel.name} towards ${far.hostname}, whose ${farTunnel.name} has destination ${farTunnel.tunnel?.destination ?? ''} instead of ${d.hostname}'s tunnel source, so its packets are dropped there`,
    { device: far.hostname, tunnel: farTunnel.name, source: farTunnel.tunnel?.source ?? '' },
    `${farTunnel.name}|wrong-destination`,
  );
}

/** TUNNEL_DOWN on the far end: the tunnel that would take what `tunnel` of `d` sends is shut down. */
function farTunnelShut(e: FarEnd): ProblemInput {
  const { far, farTunnel } = e;
  return atFarTunnel(
    e,
    'TUNNEL_DOWN',
    ` into ${e.tunnel.name}, whose packets are dropped at the far end: ${far.hostname}'s ${farTunnel.name}, which points back, is shut down`,
    { device: far.hostname, tunnel: farTunnel.name, why: TUNNEL_DOWN_TEXT.shutdown },
    `${farTunnel.name}|far-shut`,
  );
}

/**
 * TUNNEL_MISMATCH at a dynamic VTI hub (docs/ios-semantics.md#dynamic-vti): the IKEv2 profile bound
 * to the spoke names no template, or one that is missing, shut down, not in IPsec mode or without
 * protection (a spoke in another mode is not decided, so the template is the odd one out). Pinned
 * on the hub's line: the profile, its `virtual-template` line or the template.
 */
export function dvtiMismatch(f: {
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly far: FindingDevice;
  readonly problem: DvtiTemplateProblem;
  readonly space: HeaderBox;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, tunnel, far, problem: p } = f;
  const profile = `IKEv2 profile ${p.profile.name} of ${far.hostname}`;
  const why =
    p.kind === 'no-template'
      ? `${profile}, bound to this tunnel's identity, names no virtual-template`
      : p.kind === 'template-missing'
        ? `${profile} names virtual-template ${p.ref.number}, which ${far.hostname} does not have`
        : p.kind === 'template-shutdown'
          ? `${far.hostname}'s ${p.template.name} (named by ${profile}) is shut down`
          : p.kind === 'mode'
            ? `${far.hostname}'s ${p.template.name} (named by ${profile}) runs tunnel mode ${tunnelMode(p.template)}, this one ${tunnelMode(tunnel)}`
            : `${far.hostname}'s ${p.template.name} (named by ${profile}) has no tunnel protection`;
  const loc = p.kind === 'no-template' ? p.profile.loc : p.kind === 'template-missing' ? p.ref.loc : p.template.loc;
  const pin = far;
  return {
    code: 'TUNNEL_MISMATCH',
    device: pin.hostname,
    file: pin.file,
    line: lineOf(loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` into ${tunnel.name}, which no virtual-access of ${far.hostname}'s dynamic VTI answers: ${why}`,
    ),
    hintValues: { device: pin.hostname, tunnel: tunnel.name, source: tunnel.tunnel?.source ?? '' },
    dedupe: `${p.profile.name}|dvti|${p.kind}`,
  };
}

/** TUNNEL_DOWN: the route meant for the traffic names a tunnel whose line protocol is down. */
export function tunnelDown(f: {
  readonly device: FindingDevice;
  readonly meant: RejectedRoute;
  readonly space: HeaderBox;
  readonly dest: Site;
  /** What the traffic does instead, in words (e.g. `leaves GigabitEthernet0/0 in clear text`). */
  readonly instead: string;
}): ProblemInput {
  const { device: d, meant } = f;
  const t = meant.tunnel;
  return {
    code: 'TUNNEL_DOWN',
    device: d.hostname,
    file: d.file,
    // A shut tunnel is the root cause itself: point at it rather than at the route naming it.
    line: lineOf(t?.reason === 'shutdown' && t.loc ? t.loc : meant.route.loc),
    ...aboutSubject(
      `${d.hostname} cannot route `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` into its tunnel: ${notInstalledText(d, meant)}; it ${f.instead}`,
    ),
    hintValues: {
      device: d.hostname,
      tunnel: t?.name ?? 'the tunnel',
      why: t ? TUNNEL_DOWN_TEXT[t.reason] : 'it is down',
    },
    dedupe: `${t?.name ?? ''}|down`,
  };
}

/** UNDERLAY_LEAK: on a device with tunnels, site traffic leaves a WAN interface without a crypto map, in clear text. */
export function underlayLeak(f: {
  readonly device: FindingDevice;
  readonly space: HeaderBox;
  readonly exit: InterfaceConfig;
  readonly route: Route;
  readonly dest: Site;
  /**
   * The device is a dynamic VTI hub (docs/ios-semantics.md#dynamic-vti): `no-route` says that no
   * route leads over a virtual-access; `routes-not-modelled` (it has lines outside the model, such
   * as IKEv2 routing, a routing protocol or reverse route injection, that may give a virtual-access
   * a better route) makes the finding NOT_MODELLED. @default - not a dynamic VTI hub
   */
  readonly dynamicVti?: 'no-route' | 'routes-not-modelled';
}): ProblemInput {
  const { device: d, exit } = f;
  const guess = f.dynamicVti === 'routes-not-modelled';
  const tail =
    f.dynamicVti === undefined
      ? ''
      : guess
        ? ' by its modelled routes; whether its lines outside the model (IKEv2 routing, a routing protocol, reverse route injection) route it over a virtual-access of its dynamic VTI instead is not modelled, so the pair is unverified'
        : '; no route leads over a virtual-access of its dynamic VTI (those come from IKEv2 routing, a routing protocol or reverse route injection)';
  return {
    code: guess ? 'NOT_MODELLED' : 'UNDERLAY_LEAK',
    device: d.hostname,
    file: d.file,
    line: lineOf(f.route.loc),
    ...aboutSubject(
      `${d.hostname} routes `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` out of WAN interface ${exit.name} in clear text${guess ? '' : ', through the underlay instead of a tunnel'}${tail}`,
    ),
    hintValues: { device: d.hostname, network: f.dest.network, interface: exit.name },
    dedupe: `${exit.name}|underlay${guess ? '|dvti' : ''}`,
  };
}

/** The code of a failed negotiation of tunnel protection (static VTI or GRE): the crypto-map codes of the same meaning. */
const PROTECTION_CODES = {
  'no-key-local': 'PSK_MISSING',
  'no-key-remote': 'PSK_MISSING',
  'phase1-refused': 'IKE_NO_POLICY_MATCH',
  'key-mismatch': 'PSK_MISMATCH',
  'auth-failed': 'PSK_MISMATCH',
  'transform-mismatch': 'TRANSFORM_MISMATCH',
} as const;

/** The step of a protected tunnel's negotiation that fails. */
export type ProtectionFailure = keyof typeof PROTECTION_CODES;

const PROTECTION_WORDS: Readonly<Record<ProtectionFailure, string>> = {
  'no-key-local': 'the initiator has no pre-shared key for the other end',
  'no-key-remote': 'the responder has no pre-shared key for the initiator',
  'phase1-refused': 'no ISAKMP policy of the two matches',
  'key-mismatch': 'the pre-shared keys differ',
  'auth-failed': 'authentication fails',
  'transform-mismatch': "no transform set of the initiator's IPsec profile matches one of the responder's",
};

const PROTECTED_TUNNEL = { vti: ['the static VTI', 'vti'], gre: ['the protected GRE tunnel', 'gre'] } as const;

/**
 * PSK_MISSING, PSK_MISMATCH, IKE_NO_POLICY_MATCH or TRANSFORM_MISMATCH: the tunnel protection of a
 * static VTI pair (`kind` vti) or a GRE pair (`kind` gre) does not negotiate.
 */
export function tunnelProtectionFailed(f: {
  readonly kind: keyof typeof PROTECTED_TUNNEL;
  /** The side the failure is pinned to (the spoke when the other side is the hub). */
  readonly device: FindingDevice;
  readonly tunnel: InterfaceConfig;
  readonly initiator: FindingDevice;
  readonly responder: FindingDevice;
  readonly step: ProtectionFailure;
  readonly space: HeaderBox;
  readonly dest: Site;
}): ProblemInput {
  const { device: d, tunnel } = f;
  const [what, tag] = PROTECTED_TUNNEL[f.kind];
  return {
    code: PROTECTION_CODES[f.step],
    device: d.hostname,
    file: d.file,
    line: lineOf(tunnel.tunnel?.protection?.loc ?? tunnel.loc),
    ...aboutSubject(
      `${what} between ${f.initiator.hostname} and ${f.responder.hostname} (${tunnel.name} of ${d.hostname}) does not come up for `,
      towardsSubject([f.space], { hostname: f.dest.device.hostname, network: f.dest.network, range: f.dest.range }),
      ` when ${f.initiator.hostname} initiates: ${PROTECTION_WORDS[f.step]}`,
    ),
    hintValues: {
      device: d.hostname,
      peer: tunnel.tunnel?.destination ?? '',
      set: tunnel.tunnel?.protection?.profile ?? '',
      keyLine: `\`crypto isakmp key <key> address ${tunnel.tunnel?.destination ?? ''}\``,
    },
    dedupe: `${tunnel.name}|${tag}|${f.step}`,
  };
}

/** Why the rule does not decide a VTI pair, in words. */
export const VTI_UNMODELLED_TEXT: Readonly<Record<VtiUnmodelled, string>> = {
  'not-vti': 'GRE encapsulation and its protection are not followed',
  'profile-undefined': 'the IPsec profile it names is not defined',
  'no-transform-set': 'its IPsec profile names no transform set (the platform default is not modelled)',
  'transform-set-undefined': 'its IPsec profile names a transform set that is not defined',
  'transport-mode': 'its IPsec profile offers a transport-mode transform set',
  pfs: 'the two IPsec profiles set PFS differently',
  'legacy-transform': 'a transform set of its profile is legacy on a platform that refuses it',
  'isakmp-profiles': 'ISAKMP profiles take part in the negotiation',
  'filters-or-nat': 'an end has interface access lists or NAT',
  'profile-lines': 'its IPsec profile has lines that are not modelled',
  'main-mode-undecided': 'the configs do not decide main mode (keyrings or stored keys)',
  underlay: 'the route to the other end leads into a tunnel or out of a crypto-map interface',
  'shared-peer': 'a crypto map or another tunnel of an end joins the same two addresses',
  'nat-between-ends':
    'a NAT device sits between its two ends (topology.json publicAddress), and tunnels across NAT are not modelled',
  'dynamic-vti':
    'the far end answers with a virtual template (dynamic VTI) through IKEv1, whose ISAKMP profiles naming templates are not modelled',
  'dvti-template':
    "the far end's virtual template is not `type tunnel` or has no `ip unnumbered` line, which is not modelled",
  'dvti-template-source':
    "the far end's virtual template has no tunnel source, or one that is not the address this tunnel aims at, which is not modelled",
  'dvti-gre': 'GRE over a virtual-access interface of a dynamic VTI is not modelled',
  'ike-version-mixed':
    'one IPsec profile names an IKEv2 profile and the other none, and how IKEv1 meets IKEv2 there is not modelled',
  'ikev2-undecided':
    'the configs do not decide IKEv2 (policy, profile or keyring ties, stored keys, ECDSA or EAP, or the initiator checking the responder identity)',
  'ikev2-profile-unchecked':
    "the responder binds the IKE SA to another IKEv2 profile than its tunnel's IPsec profile names, which is not documented",
  'dvti-static-overlap':
    "the responder's IKEv2 profile for this peer also names a virtual template, and whether IOS answers with a virtual-access or with the static tunnel is not documented",
};
