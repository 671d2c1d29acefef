/**
 * One IKEv2 exchange from a crypto map entry with `set ikev2-profile` (docs/ios-semantics.md#ikev2):
 * IKE_SA_INIT (`ikev2.ts`), IKE_AUTH (`ikev2-auth.ts`), then the CHILD_SA, whose traffic
 * selectors, transforms and PFS are the crypto map rules of `ike-phase2.ts` run with `ikeVersion: 2`.
 *
 * - Which IKE version an entry initiates: IKEv2 when it names an IKEv2 profile, IKEv1 otherwise
 *   (FlexVPN guide, "Configuring Crypto Maps for IKEv2": the profile on the crypto map selects IKEv2).
 * - Traffic selectors: the initiator proposes the crypto ACL line, as in IKEv1. A proposal inside
 *   the mirror of a responder permit line is accepted; one that shares nothing with any is refused
 *   (TS_UNACCEPTABLE). One that overlaps a mirrored line without fitting in it could be narrowed by
 *   the responder (RFC 7296 2.9); whether IOS narrows is not confirmed, so that case is undecided.
 * - PFS: the first CHILD_SA is created inside IKE_AUTH without a KE payload; the `set pfs` groups
 *   meet at the first CREATE_CHILD_SA rekey, which a mismatch refuses (NO_PROPOSAL_CHOSEN). The
 *   proof counts that as a failure (the SA does not survive its first rekey), like IKEv1's.
 */
import type { CryptoMap, RouterConfig } from '../ir/router-config.js';
import { compileAcl, type CompiledAclLine } from './acl.js';
import { compileCryptoMap, type CompiledCryptoEntry } from './crypto-map.js';
import { boxesIntersect, mirrorBox } from './header-space.js';
import { authenticateIkev2, type Ikev2AuthOptions, type Ikev2AuthOutcome } from './ikev2-auth.js';
import { negotiateSaInit, type SaInitResult } from './ikev2.js';
import type { CryptoMapEntry } from '../ir/router-config.js';

/** True when the entry initiates IKEv2 (it names an IKEv2 profile). */
export function initiatesIkev2(entry: CryptoMapEntry): boolean {
  return entry.ikev2Profile !== undefined;
}

/** Where an IKEv2 exchange stops. */
export type Ikev2Step = 'sa-init-refused' | 'auth-failed' | 'undecided' | 'ok';

/** IKE_SA_INIT and IKE_AUTH between two routers. */
export interface Ikev2Exchange {
  readonly step: Ikev2Step;
  readonly saInit: SaInitResult;
  /** Undefined when IKE_SA_INIT failed. */
  readonly auth?: Ikev2AuthOutcome;
}

/**
 * The public side of a NAT between the peers (docs/ios-semantics.md#ikev2-behind-nat): the address
 * the responder sees the initiator as and the address the initiator calls the responder at. Each
 * defaults to the side's own address (no NAT).
 */
export interface Ikev2NatView {
  readonly initiatorSeenAs?: string;
  readonly responderCalledAs?: string;
}

/**
 * IKE_SA_INIT then IKE_AUTH for the initiator's entry (`resolve: 'first'` for the emulator). The
 * addresses are each side's own IKE address; `nat` gives the ones the peers see.
 */
export function ikev2Exchange(
  initiator: RouterConfig,
  initiatorAddress: string,
  responder: RouterConfig,
  responderAddress: string,
  entry: Pick<CryptoMapEntry, 'ikev2Profile'>,
  options: Ikev2AuthOptions = {},
  nat: Ikev2NatView = {},
): Ikev2Exchange {
  const saInit = negotiateSaInit(initiator, initiatorAddress, responder, responderAddress, options.resolve ?? 'every');
  if (!saInit.ok) return { step: saInit.reason === 'policy-ambiguous' ? 'undecided' : 'sa-init-refused', saInit };
  const auth = authenticateIkev2(
    {
      config: initiator,
      address: initiatorAddress,
      entry,
      ...(nat.initiatorSeenAs !== undefined ? { seenAs: nat.initiatorSeenAs } : {}),
    },
    {
      config: responder,
      address: responderAddress,
      ...(nat.responderCalledAs !== undefined ? { calledAs: nat.responderCalledAs } : {}),
    },
    options,
  );
  const step: Ikev2Step =
    auth.kind === 'ok'
      ? 'ok'
      : auth.kind === 'ambiguous' || auth.kind === 'keys-unverifiable'
        ? 'undecided'
        : 'auth-failed';
  return { step, saInit, auth };
}

/**
 * For a proposal the responder refuses as `proxy-not-supported`: the responder entry for the
 * initiator with a permit line whose mirror overlaps the proposal (narrowing could apply, not
 * confirmed for IOS), or undefined when none overlaps (a certain TS_UNACCEPTABLE).
 */
export function narrowingCandidate(
  responder: RouterConfig,
  map: CryptoMap,
  initiatorAddress: string,
  line: CompiledAclLine,
): { readonly entry: CompiledCryptoEntry; readonly line: CompiledAclLine } | undefined {
  const compiled = compileCryptoMap(responder, map);
  for (const i of compiled.entriesForPeer(initiatorAddress)) {
    const ce = compiled.entries[i]!;
    if (!ce.acl) continue;
    for (const l of compileAcl(ce.acl).lines) {
      if (l.action !== 'permit') continue;
      if (l.boxes.some((b) => line.boxes.some((p) => boxesIntersect(mirrorBox(b), p)))) return { entry: ce, line: l };
    }
  }
  return undefined;
}
