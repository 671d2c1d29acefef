/**
 * The IKEv2 half of a negotiation (docs/ios-semantics.md#ikev2): IKE_SA_INIT and IKE_AUTH between
 * the request's devices (`lib/rules/ikev2-exchange.ts`) as typed causes, and the CHILD_SA's
 * IKEv2-only outcomes (traffic selector narrowing, the entry's IKEv2 profile). The crypto map
 * rules of the CHILD_SA itself are the negotiator's phase 2. Blame as in `negotiation.ts`: the
 * spoke of a hub pair, else the side the rule names.
 */
import type { Ikev2Profile, SourceLocation } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import type { Phase2Result } from '../../rules/ike-phase2.js';
import { ikev2Exchange, narrowingCandidate, type Ikev2NatView } from '../../rules/ikev2-exchange.js';
import { lineOf } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import type { CertificateAssumption, Ikev2Cause, NegotiationRequest, Pin } from './negotiation-outcome.js';

/** What IKE_SA_INIT and IKE_AUTH decide for one device pair, addresses and initiator profile. */
export interface Ikev2Record {
  readonly causes: readonly Ikev2Cause[];
  readonly assumptions: readonly CertificateAssumption[];
  readonly directionDependent: boolean;
  /** The responder's IKEv2 profile the IKE SA is bound to (success only). */
  readonly ikeProfile?: { readonly name?: string };
}

/** The side a disagreement is pinned to: the spoke of a hub pair, else `preferred`. */
function blamed(req: NegotiationRequest, preferred: 'initiator' | 'responder'): ModelDevice {
  const { initiator: I, responder: R } = req;
  if (I.role === 'hub' && R.role !== 'hub') return R;
  if (R.role === 'hub' && I.role !== 'hub') return I;
  return preferred === 'initiator' ? I : R;
}

function profileOf(d: ModelDevice, name: string | undefined): Ikev2Profile | undefined {
  return d.config.ikev2Profiles?.find((p) => p.name === name);
}

/** The line a cause on `d` points at: `loc` when it is on `d`'s file, else its entry or first IKEv2 policy. */
function pinOn(d: ModelDevice, req: NegotiationRequest, loc?: SourceLocation): Pin {
  if (loc && loc.file === d.file) return { device: d, line: lineOf(loc) };
  if (d === req.initiator) return { device: d, line: lineOf(req.entry.entry.loc) };
  const policy = d.config.ikev2Policies?.[0]?.loc ?? d.config.ikev2Profiles?.[0]?.loc;
  return { device: d, line: lineOf(policy) };
}

/** The public addresses of a request with a NAT between its devices (docs/ios-semantics.md#ikev2-behind-nat). */
export function ikev2NatView(req: NegotiationRequest): Ikev2NatView {
  return {
    ...(req.initiatorSeenAs !== undefined ? { initiatorSeenAs: req.initiatorSeenAs } : {}),
    ...(req.responderAddress !== undefined ? { responderCalledAs: req.peerAddress } : {}),
  };
}

/** IKE_SA_INIT and IKE_AUTH for the request, as causes and assumptions. */
export function ikev2Record(req: NegotiationRequest): Ikev2Record {
  const { initiator: I, responder: R } = req;
  const x = ikev2Exchange(
    I.config,
    req.initiatorAddress,
    R.config,
    req.responderAddress ?? req.peerAddress,
    req.entry.entry,
    {},
    ikev2NatView(req),
  );
  const cause = (c: Omit<Ikev2Cause, 'step' | 'request'>): Ikev2Record => ({
    causes: [{ step: 'ikev2', request: req, ...c }],
    assumptions: [],
    directionDependent: false,
  });
  if (!x.saInit.ok) {
    const d = blamed(req, x.saInit.side);
    const policy = x.saInit.locations.find((l) => l.file === d.file);
    return cause({ reason: x.saInit.reason, pin: pinOn(d, req, policy), saInit: x.saInit });
  }
  const auth = x.auth!;
  if (auth.kind !== 'ok') {
    const side =
      'side' in auth
        ? auth.side
        : auth.kind === 'key-mismatch'
          ? auth.signer === 'initiator'
            ? 'responder'
            : 'initiator'
          : 'responder';
    // A missing object is the fault of the side that lacks it; a disagreement goes to the spoke.
    const own = auth.kind === 'undefined-profile' || auth.kind === 'no-key' || auth.kind === 'no-trustpoint';
    const d = auth.kind === 'undefined-profile' ? I : own ? (side === 'initiator' ? I : R) : blamed(req, side);
    const loc =
      auth.kind === 'key-mismatch' || auth.kind === 'keys-unverifiable'
        ? (d === I) === (auth.signer === 'initiator')
          ? auth.signKey.loc
          : auth.verifyKey.loc
        : (profileOf(d, d === I ? req.entry.entry.ikev2Profile : undefined)?.loc ??
          ('profile' in auth ? auth.profile.loc : undefined));
    return {
      ...cause({ reason: auth.kind, pin: pinOn(d, req, loc), auth }),
      directionDependent: auth.kind === 'no-profile-match',
    };
  }
  const bound = { ikeProfile: { name: auth.responderProfile.name } };
  if (!auth.certificates) return { causes: [], assumptions: [], directionDependent: false, ...bound };
  const assumption: CertificateAssumption = {
    kind: 'certificate',
    request: req,
    pin: pinOn(blamed(req, 'responder'), req),
    initiatorTrustpoints: auth.certificates.initiator,
    responderTrustpoints: auth.certificates.responder,
  };
  return { causes: [], assumptions: [assumption], directionDependent: false, ...bound };
}

/** NOT_MODELLED for a proposal the responder refuses but could narrow, or undefined when none of its lines overlaps. */
export function narrowingCause(
  req: NegotiationRequest,
  initiatorSeenAs: string,
  line: CompiledAclLine,
): Ikev2Cause | undefined {
  const hit = narrowingCandidate(req.responder.config, req.responderMap, initiatorSeenAs, line);
  if (!hit) return undefined;
  return {
    step: 'ikev2',
    reason: 'ts-narrowing',
    request: req,
    pin: { device: req.responder, line: lineOf(hit.line.rule.loc) },
    child: { entry: hit.entry },
  };
}

/** NOT_MODELLED for an accepting entry whose `set ikev2-profile` is not the IKE SA's. */
export function profileUncheckedCause(
  req: NegotiationRequest,
  entry: CompiledCryptoEntry,
  ikeProfile: string | undefined,
): Ikev2Cause {
  return {
    step: 'ikev2',
    reason: 'ikev2-profile-unchecked',
    request: req,
    pin: { device: req.responder, line: lineOf(entry.entry.loc) },
    child: { entry, ...(ikeProfile !== undefined ? { ikeProfile } : {}) },
  };
}

/**
 * The CHILD_SA outcomes that differ from IKEv1: [] for an accepted proposal, the undecided cause
 * for a profile the entry does not name or a proposal the responder could narrow, and undefined
 * when the crypto map rules' own failure stands.
 */
export function ikev2ChildCauses(
  req: NegotiationRequest,
  r: Phase2Result,
  ikeProfile: string | undefined,
  initiatorSeenAs: string,
): Ikev2Cause[] | undefined {
  if (r.ok) return r.profileUnchecked ? [profileUncheckedCause(req, r.responderEntry, ikeProfile)] : [];
  if (r.reason !== 'proxy-not-supported') return undefined;
  const narrowing = narrowingCause(req, initiatorSeenAs, req.line);
  return narrowing ? [narrowing] : undefined;
}
