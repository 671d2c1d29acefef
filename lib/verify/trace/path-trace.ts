/**
 * Records the path the pair walk (`path-walk.ts`) follows for one pair, as the hops and steps of
 * `PairResult.path`: the walk calls these hooks where it decides something (the route it took, the
 * crypto map entry and ACL line that own the traffic, the negotiation, the SA, the decryption and
 * the delivery), so the path is what the proof did, not a second computation. A walk without a
 * trace never calls here, which keeps the proof's hot path as it was.
 *
 * The negotiation steps take their verdict (`ok`) from the negotiator's outcome, i.e. the proof's
 * own decision, and only their wording (which policy, which transform set, which lifetimes) from
 * the same rule functions the negotiator ran (`lib/rules/peers.ts` `mainModeExchange`,
 * `ike-phase2.ts`). Pre-shared keys appear by location only: authentication outcomes hold
 * references without the secret.
 */
import type { CryptoMap, InterfaceConfig, StaticRoute } from '../../ir/router-config.js';
import { formatPrefix, lengthToNetmask } from '../../ir/ipv4.js';
import type { EgressPiece } from '../../rules/crypto-map.js';
import type { Interval } from '../../rules/header-space.js';
import type { AuthOutcome, KeyRef } from '../../rules/ike-auth.js';
import type { Phase1Result } from '../../rules/ike-phase1.js';
import { negotiatePhase2, type Phase2Options } from '../../rules/ike-phase2.js';
import { mainModeExchange } from '../../rules/peers.js';
import { initiatesIkev2 } from '../../rules/ikev2-exchange.js';
import { ikev2Steps, type Ikev2Steps } from './ikev2-steps.js';
import type { Route } from '../../rules/routing.js';
import { at, intervalText, lineRef, regionText, ruleText } from '../findings/describe.js';
import type { NegotiationOutcome, NegotiationRequest } from '../prove/negotiation.js';
import type { ModelDevice } from '../model/network-model.js';
import type { ProblemInput } from '../findings/problem-book.js';
import { negotiationFindings } from '../findings/negotiation-findings.js';
import { problemInfo, type ProblemCode } from '../findings/problem-codes.js';
import type { PairPath, PathHop, PathStep } from '../types.js';

/** Step kind of a problem's code, so a failure lands where the path broke. */
const KIND_OF: Partial<Record<ProblemCode, string>> = {
  NO_ROUTE: 'route',
  DISCARD_ROUTE: 'route',
  PEER_UNREACHABLE: 'route',
  NOT_PROTECTED: 'acl line',
  CRYPTO_MAP_NOT_APPLIED: 'crypto map entry',
  WRONG_PEER: 'crypto map entry',
  BACKUP_PEER_BROKEN: 'crypto map entry',
  CLEAR_TEXT_DROPPED: 'decrypt',
  IKE_NO_POLICY_MATCH: 'isakmp policy',
  IKE_LIFETIME: 'isakmp policy',
  PSK_MISSING: 'pre-shared key',
  PSK_MISMATCH: 'pre-shared key',
  PSK_UNVERIFIABLE: 'pre-shared key',
  PSK_ASYMMETRIC_MISMATCH: 'pre-shared key',
  IKEV2_NO_PROFILE: 'pre-shared key',
  IKEV2_AUTH_METHOD: 'pre-shared key',
  ISAKMP_PROFILE_MISMATCH: 'pre-shared key',
  NO_TRUSTPOINT: 'certificate',
  CERTIFICATE_ASSUMED: 'certificate',
  PROXY_MISMATCH: 'proposal',
  TRANSFORM_MISMATCH: 'proposal',
  PFS_MISMATCH: 'proposal',
  WEAK_CRYPTO: 'proposal',
  INITIATOR_DEPENDENT: 'proposal',
};

/** Negotiation rule options, as the proof uses them. */
export interface TraceRules {
  readonly relaxLifetime: boolean;
  readonly exactProxy: boolean;
}

interface HopDraft {
  readonly device: ModelDevice;
  readonly direction: 'forward' | 'reply';
  readonly steps: PathStep[];
  tunnelTo?: string;
  peerAddress?: string;
}

function keyWhere(d: ModelDevice, k: KeyRef): string {
  return `${at(d.file, k.loc)}${k.keyring ? ` in keyring ${k.keyring.name}` : ''}`;
}

/** The authentication step of a negotiation that did not fail there: the keys, or the certificates. */
function authStep(
  I: ModelDevice,
  R: ModelDevice,
  req: NegotiationRequest,
  auth: AuthOutcome | undefined,
  outcome: NegotiationOutcome,
): PathStep | undefined {
  const profile =
    auth && (auth.kind === 'psk' || auth.kind === 'certificate') && auth.responder
      ? `; ${R.hostname} binds it to ISAKMP profile ${auth.responder.name}`
      : '';
  if (auth?.kind === 'psk') {
    return {
      kind: 'pre-shared key',
      text: `pre-shared key for ${req.peerAddress} found at ${keyWhere(I, auth.initiatorKey)}, equal on both sides`,
      ...loc(I.file, auth.initiatorKey.loc),
      note: `${R.hostname} uses its key for ${req.initiatorAddress} at ${keyWhere(R, auth.responderKey)}${profile}`,
    };
  }
  if (auth?.kind === 'certificate') {
    const assumed = outcome.assumptions[0];
    return {
      kind: 'certificate',
      text: `certificates (rsa-sig): trustpoint(s) ${auth.initiatorTrustpoints.join(', ')} on ${I.hostname}, ${auth.responderTrustpoints.join(', ')} on ${R.hostname}`,
      ...(assumed ? loc(assumed.pin.device.file, assumed.pin) : {}),
      note: `the trust chain is outside the configs: proven under that assumption (CERTIFICATE_ASSUMED)${profile}`,
    };
  }
  return undefined;
}

/** The agreed ISAKMP policy pair, as the step of a negotiation that did not fail there. */
function policyStep(I: ModelDevice, R: ModelDevice, p1: Extract<Phase1Result, { ok: true }>): PathStep {
  const o = p1.offered;
  const m = p1.policy;
  return {
    kind: 'isakmp policy',
    text: o.builtIn ? `default ISAKMP policy ${o.priority}` : `crypto isakmp policy ${o.priority}`,
    ...loc(I.file, o.loc),
    note: `${R.hostname} accepts it with policy ${m.priority}${m.loc ? ` at ${at(R.file, m.loc)}` : ' (default)'}: ${m.encryption} ${m.hash} ${m.authentication} group ${m.group}, lifetime ${p1.lifetime} s`,
  };
}

/** The profile the responder bound the IKE SA to, for phase 2 (as the negotiator passes it): none when authentication failed. */
function ikeProfileOption(auth: AuthOutcome | undefined): { ikeProfile?: { readonly name?: string } } {
  const bound = auth?.kind === 'psk' || auth?.kind === 'certificate' ? auth : undefined;
  return bound ? { ikeProfile: bound.responder ? { name: bound.responder.name } : {} } : {};
}

/** Phase 2 options as the negotiator used them: the IKE version and the profile bound to the IKE SA. */
function phase2Options(
  exactProxyMatch: boolean,
  v2: Ikev2Steps | undefined,
  auth: AuthOutcome | undefined,
): Phase2Options {
  if (!v2) return { exactProxyMatch, ...ikeProfileOption(auth) };
  return { exactProxyMatch, ikeVersion: 2, ...(v2.ikeProfile ? { ikeProfile: { name: v2.ikeProfile } } : {}) };
}

/** A location in the device's file as the proof names it (problems use the same file names). */
function loc(file: string, l: { readonly line: number } | undefined): { file?: string; line?: number } {
  return l && l.line > 0 ? { file, line: l.line } : {};
}

/** The recorder of one pair's path. */
export class PathTrace {
  private readonly hops: HopDraft[] = [];
  private current?: HopDraft;
  /** Steps for the next device entered (its decryption, or what it drops). */
  private pending: PathStep[] = [];
  private direction: 'forward' | 'reply' = 'forward';
  private muted = false;
  /** INITIATOR_DEPENDENT, reported with a negotiation's causes: shown after its steps. */
  private deferred: PathStep[] = [];
  /** Device pairs (`a|b`, by index) whose negotiation failed on this pair's walk. */
  private readonly failedTunnels = new Set<string>();

  constructor(private readonly rules: TraceRules) {}

  /** The walk of the replies starts: later hops are `reply` hops. */
  replies(): void {
    this.direction = 'reply';
    this.pending = [];
  }

  /** The walk reaches a device. */
  enter(d: ModelDevice): void {
    const hop: HopDraft = { device: d, direction: this.direction, steps: this.pending };
    this.pending = [];
    this.hops.push(hop);
    this.current = hop;
  }

  /** Later steps and problems belong to `d` again (the walk came back from a deeper hop). */
  at(d: ModelDevice): void {
    if (this.current?.device === d) return;
    for (let i = this.hops.length - 1; i >= 0; i--) {
      const h = this.hops[i]!;
      if (h.device === d && h.direction === this.direction) {
        this.current = h;
        return;
      }
    }
  }

  private push(step: PathStep): void {
    this.current?.steps.push(step);
  }

  /** A problem the walk reported: the failing step (or a note, for a warning). */
  problem(input: ProblemInput, behind: boolean): void {
    if (this.muted && input.code !== 'INITIATOR_DEPENDENT') return;
    const severity = input.severity ?? problemInfo(input.code).severity;
    const step: PathStep = {
      kind: KIND_OF[input.code] ?? 'route',
      text: input.message,
      ...loc(input.file, input),
      ...(severity === 'error' ? { ok: false } : {}),
      note: `${input.code}${severity === 'error' ? '' : ' (warning)'}${behind ? ', behind an earlier failure' : ''}`,
    };
    // A clear-text drop happens at the next device, which the walk enters right after.
    if (input.code === 'CLEAR_TEXT_DROPPED') this.pending.push(step);
    else if (this.muted) this.deferred.push(step);
    else this.push(step);
  }

  /** The route that sends (part of) the traffic out of `exit`. */
  route(d: ModelDevice, route: Route, range: Interval): void {
    this.at(d);
    this.push({
      kind: 'route',
      text: routeText(route),
      ...loc(d.file, route.loc),
      note: `${intervalText(range)} leaves through ${route.exitInterface}`,
    });
  }

  /** The destination's device hands the traffic to its LAN. */
  deliver(d: ModelDevice, route: Route, range: Interval): void {
    this.at(d);
    this.push({
      kind: 'deliver',
      text: routeText(route),
      ...loc(d.file, route.loc),
      note: `${intervalText(range)} delivered on ${route.exitInterface}`,
    });
  }

  /** The crypto map entry and ACL line that own a piece of the traffic. */
  owner(d: ModelDevice, iface: InterfaceConfig, map: CryptoMap, piece: EgressPiece): void {
    this.at(d);
    const entry = piece.entry.entry;
    const acl = piece.entry.acl;
    this.push({
      kind: 'crypto map entry',
      text: `crypto map ${map.name} ${entry.seq} ${entry.type}`,
      ...loc(d.file, entry.loc),
      note: `on ${iface.name}; set peer ${entry.peers.join(' ') || '(none)'}; match address ${entry.matchAddress ?? '(none)'}; transform-set ${entry.transformSets.join(' ') || '(platform default)'}`,
    });
    const numbered = acl !== undefined && /^\d+$/.test(acl.name);
    this.push({
      kind: 'acl line',
      text: numbered ? `access-list ${acl.name} ${ruleText(piece.line.rule)}` : ruleText(piece.line.rule),
      ...loc(d.file, piece.line.rule.loc),
      note: `${numbered ? '' : `ACL ${acl?.name ?? entry.matchAddress ?? ''}: `}owns ${regionText(piece.space)}`,
    });
  }

  /** The tunnel this hop uses. */
  tunnel(d: ModelDevice, peer: ModelDevice, peerAddress: string): void {
    this.at(d);
    const hop = this.current;
    if (hop && hop.tunnelTo === undefined) {
      hop.tunnelTo = peer.hostname;
      hop.peerAddress = peerAddress;
    }
  }

  /** Silences `problem` while the walk reports a negotiation's causes (see {@link negotiation}). */
  mute(on: boolean): void {
    this.muted = on;
  }

  /** An SA of the first direction covers the traffic: no negotiation. */
  reuse(d: ModelDevice, peer: ModelDevice): void {
    this.at(d);
    const failed =
      this.failedTunnels.has(`${d.index}|${peer.index}`) || this.failedTunnels.has(`${peer.index}|${d.index}`);
    this.push({
      kind: 'sa',
      text: `existing SA between ${d.hostname} and ${peer.hostname}`,
      note: failed
        ? 'the SA the first direction tried to set up (it failed above): analysed as if it had come up'
        : 'set up by the first direction; covers this traffic, so no new negotiation',
    });
  }

  /** IKE_SA_INIT/IKE_AUTH (IKEv2) or main mode (IKEv1) steps of one negotiation. */
  private ikeSteps(
    req: NegotiationRequest,
    outcome: NegotiationOutcome,
    failed: (kind: string) => PathStep[],
  ): { v2?: Ikev2Steps; mm?: ReturnType<typeof mainModeExchange> } {
    const I = req.initiator;
    const R = req.responder;
    const v2 = initiatesIkev2(req.entry.entry) ? ikev2Steps(I, R, req) : undefined;
    const mm = v2
      ? undefined
      : mainModeExchange(I.config, req.initiatorAddress, R.config, req.peerAddress, {
          relaxLifetime: this.rules.relaxLifetime,
          entry: req.entry.entry,
        });
    const p1 = mm?.phase1;
    const policySteps = failed('isakmp policy');
    if (policySteps.length > 0) policySteps.forEach((s) => this.push(s));
    else if (v2?.policy) this.push(v2.policy);
    else if (p1?.ok) this.push(policyStep(I, R, p1));

    const authSteps = [...failed('pre-shared key'), ...failed('certificate')];
    if (authSteps.length > 0) authSteps.forEach((s) => this.push(s));
    else {
      const step = v2 ? v2.auth : authStep(I, R, req, mm?.auth, outcome);
      if (step) this.push(step);
    }

    return { ...(v2 ? { v2 } : {}), ...(mm ? { mm } : {}) };
  }

  /** One negotiation: policy, keys, proposal and SA, each `ok` as the negotiator decided. */
  negotiation(req: NegotiationRequest, outcome: NegotiationOutcome): void {
    const I = req.initiator;
    const R = req.responder;
    this.at(I);
    if (!outcome.ok) this.failedTunnels.add(`${I.index}|${R.index}`);
    const failed = (kind: string): PathStep[] =>
      negotiationFindings(outcome)
        .filter((c) => KIND_OF[c.code] === kind)
        .map((c) => {
          const error = (c.severity ?? problemInfo(c.code).severity) === 'error';
          return {
            kind,
            text: c.message,
            ...loc(c.file, c),
            ...(error ? { ok: false } : {}),
            note: `${c.code} on ${c.device}`,
          };
        });

    const { v2, mm } = this.ikeSteps(req, outcome, failed);
    const p1 = mm?.phase1;
    const proxies = regionText(req.line.boxes);
    const p2 = negotiatePhase2(
      { initiator: I.config, entry: req.entry, line: req.line, initiatorAddress: req.initiatorAddress },
      R.config,
      req.responderMap,
      phase2Options(this.rules.exactProxy, v2, mm?.auth),
    );
    const proposalSteps = failed('proposal');
    if (proposalSteps.length > 0) proposalSteps.forEach((s) => this.push(s));
    else if (p2.ok) {
      const offered = p2.offeredTransformSet;
      const pfs = p2.pfsGroup === undefined ? 'no PFS' : `PFS group ${p2.pfsGroup}`;
      this.push({
        kind: 'proposal',
        text: `proxy ${proxies}, transform set ${offered.name} (${offered.transforms.join(' ')}), ${pfs}`,
        ...loc(I.file, offered.loc ?? req.entry.entry.loc),
        note: `${R.hostname} accepts with entry ${req.responderMap.name} ${p2.responderEntry.entry.seq} at ${at(R.file, p2.responderEntry.entry.loc)}, mirror line ${lineRef(R.file, p2.responderLine)}, transform set ${p2.transformSet.name}`,
      });
    }
    for (const d of this.deferred) this.push(d);
    this.deferred = [];
    const ikeLifetime = v2?.lifetime ?? (p1?.ok ? p1.lifetime : undefined);
    if (outcome.ok && ikeLifetime !== undefined && p2.ok) {
      this.push({
        kind: 'sa',
        text: `SA ${I.hostname} ${req.initiatorAddress} <-> ${R.hostname} ${req.peerAddress}`,
        note: `proxies ${proxies} (and the mirror), ${p2.transformSet.transforms.join(' ')}, ${p2.pfsGroup === undefined ? 'no PFS' : `PFS group ${p2.pfsGroup}`}, lifetime ${p2.lifetimeSeconds} s / ${p2.lifetimeKilobytes} KB; IKE SA lifetime ${ikeLifetime} s`,
      });
    }
  }

  /** The peer receives the tunnel on `iface` and decrypts (recorded on the peer's next hop). */
  arrive(
    from: ModelDevice,
    fromAddress: string | undefined,
    peer: ModelDevice,
    iface: InterfaceConfig,
    ok: boolean,
  ): void {
    this.pending.push({
      kind: 'decrypt',
      text: `decrypt ESP from ${from.hostname}${fromAddress ? ` (${fromAddress})` : ''} on ${iface.name}${iface.cryptoMap ? ` (crypto map ${iface.cryptoMap})` : ''}`,
      ...loc(peer.file, iface.loc),
      ...(ok ? {} : { note: 'assumed: behind the failure on the previous hop' }),
    });
  }

  /** The recorded path. */
  path(): PairPath {
    return {
      hops: this.hops.map((h): PathHop => {
        const parts: string[] = [];
        if (h.steps.some((s) => s.kind === 'decrypt' && s.ok !== false)) parts.push('decrypt');
        if (h.tunnelTo !== undefined) parts.push(`encrypt to ${h.tunnelTo} (${h.peerAddress})`);
        if (h.steps.some((s) => s.kind === 'deliver')) parts.push('deliver');
        const action = parts.join(', ');
        return {
          device: h.device.hostname,
          ...(action ? { action: h.direction === 'reply' ? `reply: ${action}` : action } : {}),
          ...(h.tunnelTo !== undefined ? { tunnelTo: h.tunnelTo } : {}),
          direction: h.direction,
          steps: h.steps,
        };
      }),
    };
  }
}

/** The route as its config line reads (`ip route ...`), or the connected network. */
function routeText(route: Route): string {
  if (route.source === 'connected') return `connected ${formatPrefix(route.prefix)} on ${route.exitInterface}`;
  const s = route.element as StaticRoute;
  const target = [s.interface, s.nextHop].filter((x) => x !== undefined).join(' ');
  return `ip route ${s.prefix.address} ${lengthToNetmask(s.prefix.prefixLength)} ${target}${s.distance !== undefined ? ` ${s.distance}` : ''}`;
}
