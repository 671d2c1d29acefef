/**
 * The IKEv2 steps of a proof path (docs/ios-semantics.md#ikev2): IKE_SA_INIT with the suite both
 * sides picked, IKE_AUTH with the profiles and identities, from the same rule functions the
 * negotiator ran (`lib/rules/ikev2-exchange.ts`). Failures are the findings' steps, not these.
 */
import type { Ikev2Identity } from '../../ir/router-config.js';
import { IKEV2_LIFETIME } from '../../ir/ikev2-vocabulary.js';
import { ikev2Exchange } from '../../rules/ikev2-exchange.js';
import { at } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import { ikev2NatView } from '../prove/ikev2-negotiation.js';
import type { NegotiationRequest } from '../prove/negotiation-outcome.js';
import type { PathStep } from '../types.js';

/** The steps and the IKE SA's binding, when IKE_SA_INIT and IKE_AUTH succeed. */
export interface Ikev2Steps {
  readonly policy?: PathStep;
  readonly auth?: PathStep;
  /** The responder profile the IKE SA is bound to (phase 2 checks entries against it). */
  readonly ikeProfile?: string;
  /** The initiator's IKE SA lifetime (not negotiated in IKEv2). */
  readonly lifetime: number;
}

function id(x: Ikev2Identity): string {
  return x.kind === 'address' ? `address ${x.address}` : `${x.kind} ${x.value}`;
}

/** IKE_SA_INIT and IKE_AUTH of a request, as path steps. */
export function ikev2Steps(I: ModelDevice, R: ModelDevice, req: NegotiationRequest): Ikev2Steps {
  const x = ikev2Exchange(
    I.config,
    req.initiatorAddress,
    R.config,
    req.responderAddress ?? req.peerAddress,
    req.entry.entry,
    {},
    ikev2NatView(req),
  );
  const profile = I.config.ikev2Profiles?.find((p) => p.name === req.entry.entry.ikev2Profile);
  const lifetime = profile?.lifetime ?? IKEV2_LIFETIME.default;
  if (!x.saInit.ok) return { lifetime };
  const s = x.saInit.suite;
  const policy: PathStep = {
    kind: 'isakmp policy',
    text: `IKEv2 proposal ${x.saInit.offered.name}${x.saInit.offered.builtIn ? ' (smart default)' : ''}`,
    ...(x.saInit.offered.loc ? { file: I.file, line: x.saInit.offered.loc.line } : {}),
    note: `${R.hostname} accepts it with proposal ${x.saInit.accepted.name}${x.saInit.accepted.loc ? ` at ${at(R.file, x.saInit.accepted.loc)}` : ' (smart default)'}: ${s.encryption}${s.integrity ? ` ${s.integrity}` : ''} prf ${s.prf} group ${s.group}`,
  };
  const a = x.auth;
  if (a?.kind !== 'ok') return { policy, lifetime };
  const auth: PathStep = {
    kind: a.certificates ? 'certificate' : 'pre-shared key',
    text: `IKEv2 profile ${a.initiatorProfile.name} sends ${id(a.initiatorIdentity)}`,
    ...(a.initiatorProfile.loc ? { file: I.file, line: a.initiatorProfile.loc.line } : {}),
    note: `${R.hostname} selects IKEv2 profile ${a.responderProfile.name} at ${at(R.file, a.responderProfile.loc)} and sends ${id(a.responderIdentity)}; both directions authenticate`,
  };
  return { policy, auth, ikeProfile: a.responderProfile.name, lifetime };
}
