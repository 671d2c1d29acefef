/**
 * One IKE negotiation (phase 1, keys, phase 2) from an initiator's crypto map entry and ACL line
 * towards a responder, as an outcome of typed causes (`negotiation-outcome.ts`; the findings
 * catalogue words them). The rules themselves live in `lib/rules/` (peers `mainModeExchange`:
 * ike-phase1 and ike-auth with keyrings, ISAKMP profiles and certificates; ike-phase2);
 * this file only decides which device and line a failure is pinned to. Results are cached per (initiator, entry, line, peer address, responder): a hub with
 * thousands of spokes negotiates each distinct proposal once.
 *
 * Blame: when one side is the hub, a disagreement is pinned to the other side (the hub is shared
 * by every spoke, so the odd one out is the spoke); otherwise to the responder. A missing mirror
 * line is pinned to the device that lacks it.
 */
import type { CryptoMap } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import { compileAcl } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { compileCryptoMap, cryptoMapBindings } from '../../rules/crypto-map.js';
import { proxyAccepted } from '../../rules/ike-phase2.js';
import { undefinedCause } from '../findings/undefined-objects.js';
import { intersectBox, mirrorBox } from '../../rules/header-space.js';
import type { Phase1Result } from '../../rules/ike-phase1.js';
import { negotiatePhase2 } from '../../rules/ike-phase2.js';
import { mainModeExchange } from '../../rules/peers.js';
import { initiatesIkev2 } from '../../rules/ikev2-exchange.js';
import { ikev2ChildCauses, ikev2Record } from './ikev2-negotiation.js';
import { lineOf } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import { authCauses } from './auth-causes.js';
import type {
  CertificateAssumption,
  NegotiationCause,
  NegotiationOutcome,
  NegotiationRequest,
  NoEntryCause,
  Pin,
  ProfileCause,
  ProxyCause,
} from './negotiation-outcome.js';

export type { NegotiationCause, NegotiationOutcome, NegotiationRequest } from './negotiation-outcome.js';

/** The shared outcome of every successful negotiation without assumptions. */
const NEGOTIATED: NegotiationOutcome = Object.freeze({
  ok: true,
  causes: Object.freeze([]),
  directionDependent: false,
  assumptions: Object.freeze([]),
});
const NO_CAUSES = Object.freeze({
  causes: Object.freeze([]) as readonly NegotiationCause[],
  directionDependent: false,
});

/** Proof options that change negotiation rules. */
export interface NegotiationOptions {
  readonly relaxLifetime?: boolean;
  readonly exactProxy?: boolean;
}

/**
 * Everything of a request but the line: one per entry and peer. Its outcomes are indexed by the
 * line's position in the entry's compiled ACL, so a hub entry with a thousand lines costs one
 * array slot per line instead of a cache record (a million-line hub negotiates every line).
 */
interface EntryContext {
  readonly req: NegotiationRequest;
  /** The compiled lines of the entry's ACL (a line is ours iff it sits at its index here). */
  readonly lines: readonly CompiledAclLine[];
  readonly outcomes: (NegotiationOutcome | undefined)[];
}

/** Phase 1 and key causes between two devices, for one pair of addresses. */
interface Phase1Record {
  readonly initiatorAddress: string;
  readonly peerAddress: string;
  /** The initiator entry's `set isakmp-profile` (authentication depends on it). */
  readonly profile: string | undefined;
  readonly causes: readonly NegotiationCause[];
  readonly assumptions: readonly CertificateAssumption[];
  readonly directionDependent: boolean;
  /** The responder's ISAKMP profile binding for phase 2, when authentication chose one (or none). */
  readonly ikeProfile?: { readonly name?: string };
}

/** Caching negotiator. */
export class Negotiator {
  // Entries are compiled once per config and map, so the entry object identifies the proposer.
  private readonly contexts = new Map<CompiledCryptoEntry, EntryContext[]>();
  // Lines that are not of their entry's own ACL (no caller does that today): cached by line.
  private readonly stray = new Map<CompiledAclLine, { req: NegotiationRequest; outcome: NegotiationOutcome }[]>();
  // Per ordered device pair (initiator index * 2^26 + responder index), then per address pair.
  private readonly phase1 = new Map<number, Phase1Record[]>();

  constructor(private readonly options: NegotiationOptions) {}

  /** Negotiates (cached per entry and peer context, then per proposal line). */
  negotiate(req: NegotiationRequest): NegotiationOutcome {
    const ctx = this.context(req);
    const i = req.line.index;
    if (ctx && ctx.lines[i] === req.line) {
      let outcome = ctx.outcomes[i];
      if (outcome === undefined) ctx.outcomes[i] = outcome = this.run(req);
      return outcome;
    }
    let list = this.stray.get(req.line);
    if (!list) this.stray.set(req.line, (list = []));
    for (const c of list) if (sameContext(c.req, req)) return c.outcome;
    const outcome = this.run(req);
    list.push({ req, outcome });
    return outcome;
  }

  private context(req: NegotiationRequest): EntryContext | undefined {
    const acl = req.entry.acl;
    if (!acl) return undefined;
    let list = this.contexts.get(req.entry);
    if (!list) this.contexts.set(req.entry, (list = []));
    for (const c of list) if (sameContext(c.req, req)) return c;
    const lines = compileAcl(acl).lines;
    const ctx: EntryContext = { req, lines, outcomes: new Array<NegotiationOutcome | undefined>(lines.length) };
    list.push(ctx);
    return ctx;
  }

  private run(req: NegotiationRequest): NegotiationOutcome {
    // Phase 1 and keys depend only on the two devices and addresses, not on the proposal line.
    const p1Key = req.initiator.index * 0x4000000 + req.responder.index;
    let records = this.phase1.get(p1Key);
    if (!records) this.phase1.set(p1Key, (records = []));
    // An entry naming an IKEv2 profile initiates IKEv2 (docs/ios-semantics.md#ikev2).
    const v2 = initiatesIkev2(req.entry.entry);
    const profile = v2 ? `v2 ${req.entry.entry.ikev2Profile}` : req.entry.entry.isakmpProfile;
    let p1 = records.find(
      (x) => x.initiatorAddress === req.initiatorAddress && x.peerAddress === req.peerAddress && x.profile === profile,
    );
    if (!p1) {
      p1 = v2
        ? { initiatorAddress: req.initiatorAddress, peerAddress: req.peerAddress, profile, ...ikev2Record(req) }
        : this.phase1Record(req);
      records.push(p1);
    }
    const p2 = this.phase2Causes(req, p1.ikeProfile, v2);
    // Most negotiations succeed: share one outcome object for them (a hub negotiates every line),
    // and allocate the list of causes only for a failure or an assumption.
    if (p1.causes.length === 0 && p2.causes.length === 0 && p1.assumptions.length === 0) return NEGOTIATED;
    const causes: NegotiationCause[] = [...p1.causes, ...p2.causes];
    return {
      ok: causes.length === 0,
      causes,
      directionDependent: p1.directionDependent || p2.directionDependent,
      assumptions: p1.assumptions,
    };
  }

  /** Phase 1 and authentication between the request's devices and addresses (with its entry's profile). */
  private phase1Record(req: NegotiationRequest): Phase1Record {
    const { initiator: I, responder: R } = req;
    const mm = mainModeExchange(I.config, req.initiatorAddress, R.config, req.peerAddress, {
      relaxLifetime: this.options.relaxLifetime === true,
      entry: req.entry.entry,
      ...(req.initiatorSeenAs !== undefined ? { initiatorSeenAs: req.initiatorSeenAs } : {}),
      ...(req.responderAddress !== undefined ? { responderAddress: req.responderAddress } : {}),
    });
    const p = this.phase1Causes(req, mm.phase1);
    const a = authCauses(req, mm.auth, mm.phase1, { responderLine: responderLine(req), blamed: blame(I, R) });
    const auth = mm.auth;
    const bound =
      auth?.kind === 'psk' || auth?.kind === 'certificate'
        ? { ikeProfile: auth.responder ? { name: auth.responder.name } : {} }
        : {};
    return {
      initiatorAddress: req.initiatorAddress,
      peerAddress: req.peerAddress,
      profile: req.entry.entry.isakmpProfile,
      causes: [...p.causes, ...a.causes],
      assumptions: a.assumptions,
      directionDependent: p.directionDependent || a.directionDependent,
      ...bound,
    };
  }

  /**
   * The responder's entry that accepts a proposal (phase 2 only), or undefined: the entry under
   * which the responder files the SA, so its own traffic finds the SA only through that entry.
   */
  responderEntry(req: NegotiationRequest): CompiledCryptoEntry | undefined {
    const r = negotiatePhase2(
      { initiator: req.initiator.config, entry: req.entry, line: req.line, initiatorAddress: seenInitiator(req) },
      req.responder.config,
      req.responderMap,
      { exactProxyMatch: this.options.exactProxy === true },
    );
    return r.ok ? r.responderEntry : undefined;
  }

  private phase1Causes(
    req: NegotiationRequest,
    r: Phase1Result,
  ): { causes: NegotiationCause[]; directionDependent: boolean } {
    const { initiator: I, responder: R } = req;
    if (r.ok) return { causes: [], directionDependent: false };
    const blamed = blame(I, R);
    let pin: Pin = { device: blamed, line: policyLine(blamed) };
    // No policy line to point at: the entry that needs one.
    if (r.reason === 'no-policy-initiator') pin = { device: I, line: lineOf(req.entry.entry.loc) };
    if (r.reason === 'no-policy-responder') pin = { device: R, line: responderLine(req) };
    const lifetime =
      r.reason === 'lifetime'
        ? r.mismatches.find((x) => x.fields.length === 1 && x.fields[0] === 'lifetime')
        : undefined;
    // Policies equal but for the method: the finding says so (both sides need one method; neither is a fix for the other).
    const method =
      r.reason === 'no-policy-match'
        ? r.mismatches.find((x) => x.fields.length === 1 && x.fields[0] === 'authentication')
        : undefined;
    const cause = {
      step: 'phase1',
      reason: r.reason,
      request: req,
      pin,
      lifetime,
      ...(method ? { method } : {}),
    } as const;
    return { causes: [cause], directionDependent: r.reason === 'lifetime' };
  }

  private phase2Causes(
    req: NegotiationRequest,
    ikeProfile: { readonly name?: string } | undefined,
    v2: boolean,
  ): { causes: readonly NegotiationCause[]; directionDependent: boolean } {
    const { initiator: I, responder: R } = req;
    const r = negotiatePhase2(
      { initiator: I.config, entry: req.entry, line: req.line, initiatorAddress: seenInitiator(req) },
      R.config,
      req.responderMap,
      {
        exactProxyMatch: this.options.exactProxy === true,
        ...(ikeProfile ? { ikeProfile } : {}),
        ikeVersion: v2 ? 2 : 1,
      },
    );
    const child = v2 ? ikev2ChildCauses(req, r, ikeProfile?.name, seenInitiator(req)) : undefined;
    if (child) return { causes: child, directionDependent: false };
    if (r.ok) return okCauses(req, r, ikeProfile);
    const b = blame(I, R);
    const bEntry = b === I ? req.entry.entry : r.responderEntry?.entry;
    switch (r.reason) {
      case 'no-entry-for-peer':
        return { causes: [noEntryForPeer(req)], directionDependent: false };
      case 'proxy-not-supported':
        return { causes: [proxyMismatch(I, req.line, R, r.responderEntry)], directionDependent: true };
      case 'isakmp-profile-mismatch':
        return { causes: [profileCause(req, r.reason, r.responderEntry, ikeProfile)], directionDependent: true };
      case 'transform-not-supported': {
        // The blamed side's transform set, else its entry.
        const line =
          lineOf(b.config.transformSets.find((t) => bEntry?.transformSets.includes(t.name))?.loc) ||
          lineOf(bEntry?.loc);
        const cause = {
          step: 'phase2',
          reason: r.reason,
          request: req,
          pin: { device: b, line },
          responderEntry: r.responderEntry,
          pfs: undefined,
        } as const;
        return { causes: [cause], directionDependent: false };
      }
      case 'pfs-mismatch':
      case 'legacy-algorithm-rejected': {
        const cause = {
          step: 'phase2',
          reason: r.reason,
          request: req,
          pin: { device: b, line: lineOf(bEntry?.loc) },
          responderEntry: r.responderEntry,
          pfs: r.pfs,
        } as const;
        return { causes: [cause], directionDependent: r.reason === 'pfs-mismatch' };
      }
    }
  }
}

/** An accepted IKEv1 proposal: nothing, or the undocumented profile case. */
function okCauses(
  req: NegotiationRequest,
  r: Extract<ReturnType<typeof negotiatePhase2>, { ok: true }>,
  ikeProfile: { readonly name?: string } | undefined,
): { causes: readonly NegotiationCause[]; directionDependent: boolean } {
  if (!r.profileUnchecked) return NO_CAUSES;
  return { causes: [profileCause(req, 'profile-unchecked', r.responderEntry, ikeProfile)], directionDependent: false };
}

/** The line of a device's first ISAKMP policy (by priority), where policy disagreements are pinned. */
function policyLine(d: ModelDevice): number {
  return lineOf([...d.config.isakmpPolicies].sort((a, b) => a.priority - b.priority)[0]?.loc);
}

/**
 * The profile binding of the IKE SA against the responder's entry, pinned on that entry: refused
 * (`set isakmp-profile` names another profile), or unchecked (the entry names none while the SA
 * has one: Cisco does not document it, docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 */
function profileCause(
  req: NegotiationRequest,
  reason: ProfileCause['reason'],
  responderEntry: CompiledCryptoEntry | undefined,
  ikeProfile: { readonly name?: string } | undefined,
): ProfileCause {
  return {
    step: 'phase2',
    reason,
    request: req,
    pin: { device: req.responder, line: lineOf(responderEntry?.entry.loc) },
    responderEntry,
    ikeProfile: ikeProfile?.name,
  };
}

/**
 * Why the responder has no active entry naming the initiator: an entry that names it but is
 * incomplete for an undefined object (that object's finding), else the entry whose ACL mirrors
 * the proposal but whose `set peer` names another address (the responder's wrong line), else the
 * responder's crypto-map interface.
 */
function noEntryForPeer(req: NegotiationRequest): NoEntryCause {
  const { responder: R, responderMap: map } = req;
  const entries = compileCryptoMap(R.config, map).entries;
  for (const ce of entries) {
    if (!ce.entry.peers.includes(seenInitiator(req))) continue;
    const incomplete = undefinedCause(R, map.name, ce);
    if (incomplete)
      return {
        step: 'phase2',
        reason: 'no-entry-for-peer',
        request: req,
        pin: { device: R, line: lineOf(ce.entry.loc) },
        incomplete,
      };
  }
  const proposal = req.line.boxes;
  const mirroring = entries.find(
    (ce) =>
      ce.status === 'active' &&
      ce.acl !== undefined &&
      compileAcl(ce.acl).lines.some((l) => l.action === 'permit' && proxyAccepted(proposal, l, false)),
  );
  if (mirroring)
    return {
      step: 'phase2',
      reason: 'no-entry-for-peer',
      request: req,
      pin: { device: R, line: lineOf(mirroring.entry.loc) },
      mirroring,
    };
  const binding = cryptoMapBindings(R.config).find((b) => b.map === map);
  return {
    step: 'phase2',
    reason: 'no-entry-for-peer',
    request: req,
    pin: { device: R, line: lineOf(binding?.interface.loc ?? entries[0]?.entry.loc) },
  };
}

/** The responder's line for a finding without a line of its own: its entry for the initiator, else its crypto-map interface. */
function responderLine(req: NegotiationRequest): number {
  const R = req.responder;
  const entry = entriesForPeer(R, req.responderMap, seenInitiator(req))[0]?.entry.loc;
  return lineOf(
    entry ?? cryptoMapBindings(R.config).find((b) => b.map === req.responderMap)?.interface.loc ?? req.responderMap.loc,
  );
}

/** The address the responder sees the initiator as (behind NAT its public one, docs/ios-semantics.md#nat-traversal). */
function seenInitiator(req: NegotiationRequest): string {
  return req.initiatorSeenAs ?? req.initiatorAddress;
}

/** True when two requests agree on everything but the line (identity of devices, entry and map). */
function sameContext(r: NegotiationRequest, q: NegotiationRequest): boolean {
  return (
    r.initiator === q.initiator &&
    r.entry === q.entry &&
    r.responder === q.responder &&
    r.responderMap === q.responderMap &&
    r.peerAddress === q.peerAddress &&
    r.initiatorAddress === q.initiatorAddress
  );
}

/** The side a disagreement is pinned to. */
export function blame(initiator: ModelDevice, responder: ModelDevice): ModelDevice {
  if (initiator.role === 'hub' && responder.role !== 'hub') return responder;
  if (responder.role === 'hub' && initiator.role !== 'hub') return initiator;
  return responder;
}

/**
 * PROXY_MISMATCH for a proposal line the responder does not mirror: pinned to the responder (it
 * lacks the mirror line), on the responder line that overlaps it most. The static mirror check
 * finds the same cause, so the two findings deduplicate.
 */
export function proxyMismatch(
  proposer: ModelDevice,
  line: CompiledAclLine,
  receiver: ModelDevice,
  receiverEntry: CompiledCryptoEntry | undefined,
): ProxyCause {
  const acl = receiverEntry?.acl;
  let closest: CompiledAclLine | undefined;
  if (acl) {
    const lines = compileAcl(acl).lines.filter((l) => l.action === 'permit');
    closest =
      lines.find((l) => l.boxes.some((b) => line.boxes.some((p) => intersectBox(mirrorBox(b), p)))) ??
      lines[lines.length - 1];
  }
  const pin = { device: receiver, line: lineOf(closest?.rule.loc ?? receiverEntry?.entry.loc) };
  return { step: 'phase2', reason: 'proxy-not-supported', pin, proposer, line, receiver, receiverEntry, closest };
}

/** Active entries of a responder's map whose peers include an address. */
export function entriesForPeer(device: ModelDevice, map: CryptoMap, address: string): CompiledCryptoEntry[] {
  // The compiled map indexes active entries by peer: a hub is asked once per spoke.
  const compiled = compileCryptoMap(device.config, map);
  return compiled.entriesForPeer(address).map((i) => compiled.entries[i]!);
}
