/**
 * One IKE negotiation (phase 1, keys, phase 2) from an initiator's crypto map entry and ACL line
 * towards a responder, translated into problems. The rules themselves live in `lib/rules/`
 * (ike-phase1, psk, ike-phase2); this file only decides which device and line a failure is
 * pinned to. Results are cached per (initiator, entry, line, peer address, responder): a hub with
 * thousands of spokes negotiates each distinct proposal once.
 *
 * Blame: when one side is the hub, a disagreement is pinned to the other side (the hub is shared
 * by every spoke, so the odd one out is the spoke); otherwise to the responder. A missing mirror
 * line is pinned to the device that lacks it.
 */
import type { CryptoMap, SourceLocation } from '../../ir/router-config.js';
import type { CompiledAclLine } from '../../rules/acl.js';
import { compileAcl } from '../../rules/acl.js';
import type { CompiledCryptoEntry } from '../../rules/crypto-map.js';
import { compileCryptoMap, cryptoMapBindings } from '../../rules/crypto-map.js';
import { proxyAccepted } from '../../rules/ike-phase2.js';
import { undefinedCause } from '../findings/undefined-objects.js';
import { intersectBox, mirrorBox } from '../../rules/header-space.js';
import { negotiatePhase1 } from '../../rules/ike-phase1.js';
import { negotiatePhase2 } from '../../rules/ike-phase2.js';
import { comparePsk, pskMatches } from '../../rules/psk.js';
import { at, lineRef } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import type { ProblemInput } from '../findings/problem-book.js';
import { PHASE1_FAILURE_CODES, PHASE2_FAILURE_CODES, PSK_FAILURE_CODES } from '../findings/negotiation-codes.js';

/** Outcome of one negotiation. */
export interface NegotiationOutcome {
  readonly ok: boolean;
  /** Root causes (empty when ok). */
  readonly causes: readonly ProblemInput[];
  /** True when some cause depends on who initiates (lifetime, proxy subset, PFS). */
  readonly directionDependent: boolean;
}

/** The shared outcome of every successful negotiation. */
const NEGOTIATED: NegotiationOutcome = Object.freeze({ ok: true, causes: Object.freeze([]), directionDependent: false });
const NO_CAUSES = Object.freeze({ causes: Object.freeze([]) as readonly ProblemInput[], directionDependent: false });

/** Proof options that change negotiation rules. */
export interface NegotiationOptions {
  readonly relaxLifetime?: boolean;
  readonly exactProxy?: boolean;
}

/** A request: initiator entry + line towards the responder's map. */
export interface NegotiationRequest {
  readonly initiator: ModelDevice;
  readonly entry: CompiledCryptoEntry;
  readonly line: CompiledAclLine;
  /** The initiator's address on its crypto interface (IKE source). */
  readonly initiatorAddress: string;
  /** The `set peer` address being called. */
  readonly peerAddress: string;
  readonly responder: ModelDevice;
  readonly responderMap: CryptoMap;
}

function lineOf(loc: SourceLocation | undefined): number {
  return loc?.line ?? 0;
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
  readonly causes: readonly ProblemInput[];
  readonly directionDependent: boolean;
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
    let p1 = records.find((x) => x.initiatorAddress === req.initiatorAddress && x.peerAddress === req.peerAddress);
    if (!p1) {
      const r = this.phase1Causes(req);
      p1 = { initiatorAddress: req.initiatorAddress, peerAddress: req.peerAddress, causes: [...r.causes, ...this.pskCauses(req)], directionDependent: r.directionDependent };
      records.push(p1);
    }
    const p2 = this.phase2Causes(req);
    // Most negotiations succeed: share one outcome object for them (a hub negotiates every line),
    // and allocate the list of causes only for a failure.
    if (p1.causes.length === 0 && p2.causes.length === 0) return NEGOTIATED;
    const causes: ProblemInput[] = [...p1.causes, ...p2.causes];
    return { ok: causes.length === 0, causes, directionDependent: p1.directionDependent || p2.directionDependent };
  }

  /**
   * The responder's entry that accepts a proposal (phase 2 only), or undefined: the entry under
   * which the responder files the SA, so its own traffic finds the SA only through that entry.
   */
  responderEntry(req: NegotiationRequest): CompiledCryptoEntry | undefined {
    const r = negotiatePhase2(
      { initiator: req.initiator.config, entry: req.entry, line: req.line, initiatorAddress: req.initiatorAddress },
      req.responder.config, req.responderMap, { exactProxyMatch: this.options.exactProxy === true },
    );
    return r.ok ? r.responderEntry : undefined;
  }

  private phase1Causes(req: NegotiationRequest): { causes: ProblemInput[]; directionDependent: boolean } {
    const { initiator: I, responder: R } = req;
    const r = negotiatePhase1(I.config, R.config, { relaxLifetime: this.options.relaxLifetime === true });
    if (r.ok) return { causes: [], directionDependent: false };
    const blamed = blame(I, R);
    const policyLine = (d: ModelDevice) =>
      lineOf([...d.config.isakmpPolicies].sort((a, b) => a.priority - b.priority)[0]?.loc);
    const policies = (d: ModelDevice) =>
      d.config.isakmpPolicies.length === 0 ? `${d.hostname} (no policy)` : `${d.hostname} ${d.config.isakmpPolicies.map((p) => `policy ${p.priority} at ${at(d.file, p.loc)}`).join(', ')}`;
    const base = { device: blamed.hostname, file: blamed.file, line: policyLine(blamed) };
    switch (r.reason) {
      case 'no-policy-initiator':
      case 'no-policy-responder': {
        const d = r.reason === 'no-policy-initiator' ? I : R;
        // No policy line to point at: the entry that needs one.
        const line = d === I ? lineOf(req.entry.entry.loc) : responderLine(req);
        return {
          causes: [{ code: PHASE1_FAILURE_CODES[r.reason], device: d.hostname, file: d.file, line, message: `${d.hostname} has no ISAKMP policy this platform can use, so phase 1 with ${r.reason === 'no-policy-initiator' ? R.hostname : I.hostname} fails` }],
          directionDependent: false,
        };
      }
      case 'lifetime': {
        const m = r.mismatches.find((x) => x.fields.length === 1 && x.fields[0] === 'lifetime');
        const detail = m ? ` (${I.hostname} offers ${m.offered.lifetime} s at ${at(I.file, m.offered.loc)}, ${R.hostname} accepts at most ${m.responder.lifetime} s at ${at(R.file, m.responder.loc)})` : '';
        return {
          causes: [{ ...base, code: PHASE1_FAILURE_CODES[r.reason], message: `phase 1 from ${I.hostname} to ${R.hostname} fails on the ISAKMP lifetime${detail}` }],
          directionDependent: true,
        };
      }
      case 'authentication-not-pre-share':
        return {
          causes: [{ ...base, code: PHASE1_FAILURE_CODES[r.reason], message: `the ISAKMP policies of ${I.hostname} and ${R.hostname} agree only on certificate authentication (rsa-sig), which these configs cannot prove: add \`authentication pre-share\`` }],
          directionDependent: false,
        };
      case 'legacy-algorithm-rejected':
        return {
          causes: [{ ...base, code: PHASE1_FAILURE_CODES[r.reason], message: `every ISAKMP policy between ${I.hostname} and ${R.hostname} uses an algorithm this IOS-XE release refuses (FN72510)` }],
          directionDependent: false,
        };
      default:
        return {
          causes: [{ ...base, code: PHASE1_FAILURE_CODES[r.reason], message: `no ISAKMP policy of ${R.hostname} matches an offer of ${I.hostname}: ${policies(I)} vs ${policies(R)}` }],
          directionDependent: false,
        };
    }
  }

  private pskCauses(req: NegotiationRequest): ProblemInput[] {
    const { initiator: I, responder: R } = req;
    if (pskMatches(I.config, req.initiatorAddress, R.config, req.peerAddress)) return [];
    const c = comparePsk(I.config, req.initiatorAddress, R.config, req.peerAddress);
    const keyAt = (d: ModelDevice, loc: SourceLocation | undefined) => at(d.file, loc);
    switch (c.verdict) {
      case 'match':
        return [];
      case 'missing-local':
        return [{ code: PSK_FAILURE_CODES[c.verdict], device: I.hostname, file: I.file, line: lineOf(req.entry.entry.loc), message: `${I.hostname} has no pre-shared key for peer ${req.peerAddress}`, hintValues: { peer: req.peerAddress, device: I.hostname } }];
      case 'missing-remote':
        // Pin it where the initiator-side report of the same gap lands: R's entry for this peer.
        return [{ code: PSK_FAILURE_CODES[c.verdict], device: R.hostname, file: R.file, line: responderLine(req), message: `${R.hostname} has no pre-shared key for peer ${req.initiatorAddress}`, hintValues: { peer: req.initiatorAddress, device: R.hostname } }];
      case 'mismatch': {
        const b = blame(I, R);
        const loc = b === I ? c.localKey?.loc : c.remoteKey?.loc;
        return [{
          code: PSK_FAILURE_CODES[c.verdict], device: b.hostname, file: b.file, line: lineOf(loc),
          message: `the pre-shared key at ${keyAt(I, c.localKey?.loc)} (${I.hostname}, for ${req.peerAddress}) differs from the one at ${keyAt(R, c.remoteKey?.loc)} (${R.hostname}, for ${req.initiatorAddress})`,
        }];
      }
      case 'unverifiable': {
        const enc = c.localKey && c.localKey.encryption !== 0 ? { d: I, loc: c.localKey.loc } : { d: R, loc: c.remoteKey?.loc };
        return [{
          code: PSK_FAILURE_CODES[c.verdict], device: enc.d.hostname, file: enc.d.file, line: lineOf(enc.loc),
          message: `the pre-shared keys at ${keyAt(I, c.localKey?.loc)} and ${keyAt(R, c.remoteKey?.loc)} cannot be compared: one is stored encrypted`,
        }];
      }
    }
  }

  private phase2Causes(req: NegotiationRequest): { causes: readonly ProblemInput[]; directionDependent: boolean } {
    const { initiator: I, responder: R } = req;
    const r = negotiatePhase2(
      { initiator: I.config, entry: req.entry, line: req.line, initiatorAddress: req.initiatorAddress },
      R.config,
      req.responderMap,
      { exactProxyMatch: this.options.exactProxy === true },
    );
    if (r.ok) return NO_CAUSES;
    const b = blame(I, R);
    const entryText = (ce: CompiledCryptoEntry | undefined, d: ModelDevice) =>
      ce ? `${d.hostname} entry ${req.responderMap.name} ${ce.entry.seq} at ${at(d.file, ce.entry.loc)}` : d.hostname;
    switch (r.reason) {
      case 'no-entry-for-peer':
        return { causes: [noEntryForPeer(I, req, R)], directionDependent: false };
      case 'proxy-not-supported':
        return { causes: [proxyMismatch(I, req.line, R, r.responderEntry)], directionDependent: true };
      case 'transform-not-supported': {
        const ts = (d: ModelDevice, names: readonly string[]) => names.map((n) => { const t = d.config.transformSets.find((x) => x.name === n); return `${n}${t ? ` at ${at(d.file, t.loc)}` : ''}`; }).join(', ') || 'platform default sets';
        const bEntry = b === I ? req.entry.entry : r.responderEntry?.entry;
        const bSetLine = lineOf(b.config.transformSets.find((t) => bEntry?.transformSets.includes(t.name))?.loc) || lineOf(bEntry?.loc);
        return {
          causes: [{
            code: PHASE2_FAILURE_CODES[r.reason], device: b.hostname, file: b.file, line: bSetLine,
            message: `no transform set offered by ${I.hostname} (${ts(I, req.entry.entry.transformSets)}) equals one accepted by ${entryText(r.responderEntry, R)} (${ts(R, r.responderEntry?.entry.transformSets ?? [])})`,
          }],
          directionDependent: false,
        };
      }
      case 'pfs-mismatch': {
        const offered = r.pfs?.offered === undefined ? 'no PFS' : `PFS group ${r.pfs.offered}`;
        const required = r.pfs?.required === 'group1-or-2' ? 'PFS group 1 or 2' : `PFS group ${r.pfs?.required}`;
        const bLine = b === I ? lineOf(req.entry.entry.loc) : lineOf(r.responderEntry?.entry.loc);
        return {
          causes: [{
            code: PHASE2_FAILURE_CODES[r.reason], device: b.hostname, file: b.file, line: bLine,
            message: `${I.hostname} (entry at ${at(I.file, req.entry.entry.loc)}) offers ${offered}, ${entryText(r.responderEntry, R)} requires ${required}`,
          }],
          directionDependent: true,
        };
      }
      case 'legacy-algorithm-rejected':
        return {
          causes: [{
            code: PHASE2_FAILURE_CODES[r.reason], severity: 'error', device: b.hostname, file: b.file, line: lineOf(b === I ? req.entry.entry.loc : r.responderEntry?.entry.loc),
            message: `phase 2 between ${I.hostname} and ${R.hostname} can only use transforms or PFS groups this IOS-XE release refuses (FN72510)`,
          }],
          directionDependent: false,
        };
    }
  }
}

/**
 * Why the responder has no active entry naming the initiator: an entry that names it but is
 * incomplete for an undefined object (that object's finding), else the entry whose ACL mirrors
 * the proposal but whose `set peer` names another address (the responder's wrong line), else the
 * responder's crypto-map interface.
 */
function noEntryForPeer(I: ModelDevice, req: NegotiationRequest, R: ModelDevice): ProblemInput {
  const map = req.responderMap;
  const entries = compileCryptoMap(R.config, map).entries;
  for (const ce of entries) {
    if (!ce.entry.peers.includes(req.initiatorAddress)) continue;
    const cause = undefinedCause(R, map.name, ce);
    if (cause) return cause;
  }
  const proposal = req.line.boxes;
  const mirroring = entries.find((ce) => ce.status === 'active' && ce.acl !== undefined &&
    compileAcl(ce.acl).lines.some((l) => l.action === 'permit' && proxyAccepted(proposal, l, false)));
  const base = { code: PHASE2_FAILURE_CODES['no-entry-for-peer'], device: R.hostname, file: R.file, hintValues: { device: R.hostname, peer: req.initiatorAddress } };
  if (mirroring) {
    return {
      ...base, line: lineOf(mirroring.entry.loc),
      message: `entry ${map.name} ${mirroring.entry.seq} at ${at(R.file, mirroring.entry.loc)} mirrors ${lineRef(I.file, req.line)} of ${I.hostname} but names peer ${mirroring.entry.peers.join(', ')}, not ${req.initiatorAddress} (${I.hostname}), so ${R.hostname} refuses the proposal`,
    };
  }
  const binding = cryptoMapBindings(R.config).find((b) => b.map === map);
  return {
    ...base, line: lineOf(binding?.interface.loc ?? entries[0]?.entry.loc),
    message: `${R.hostname} has no active entry in crypto map ${map.name} with peer ${req.initiatorAddress} and none that mirrors ${lineRef(I.file, req.line)}, so it refuses every proposal of ${I.hostname}`,
  };
}

/** The responder's line for a finding without a line of its own: its entry for the initiator, else its crypto-map interface. */
function responderLine(req: NegotiationRequest): number {
  const R = req.responder;
  const entry = entriesForPeer(R, req.responderMap, req.initiatorAddress)[0]?.entry.loc;
  return lineOf(entry ?? cryptoMapBindings(R.config).find((b) => b.map === req.responderMap)?.interface.loc ?? req.responderMap.loc);
}

/** True when two requests agree on everything but the line (identity of devices, entry and map). */
function sameContext(r: NegotiationRequest, q: NegotiationRequest): boolean {
  return (
    r.initiator === q.initiator && r.entry === q.entry && r.responder === q.responder &&
    r.responderMap === q.responderMap && r.peerAddress === q.peerAddress && r.initiatorAddress === q.initiatorAddress
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
 * lacks the mirror line), naming the proposal and the responder line that overlaps it most.
 * The same message is produced by the static mirror check, so the two deduplicate.
 */
export function proxyMismatch(
  proposer: ModelDevice,
  line: CompiledAclLine,
  receiver: ModelDevice,
  receiverEntry: CompiledCryptoEntry | undefined,
): ProblemInput {
  const acl = receiverEntry?.acl;
  let closest: CompiledAclLine | undefined;
  if (acl) {
    const lines = compileAcl(acl).lines.filter((l) => l.action === 'permit');
    closest = lines.find((l) => l.boxes.some((b) => line.boxes.some((p) => intersectBox(mirrorBox(b), p)))) ?? lines[lines.length - 1];
  }
  const anchor = closest?.rule.loc ?? receiverEntry?.entry.loc;
  const where = receiverEntry ? `ACL ${receiverEntry.acl?.name ?? receiverEntry.entry.matchAddress} (entry ${receiverEntry.entry.seq})` : 'any entry';
  return {
    code: PHASE2_FAILURE_CODES['proxy-not-supported'],
    device: receiver.hostname,
    file: receiver.file,
    line: lineOf(anchor),
    message: `${proposer.hostname} line ${lineRef(proposer.file, line)} has no mirror in ${where} on ${receiver.hostname}${
      closest ? `; closest line ${lineRef(receiver.file, closest)}` : ''
    }: a tunnel ${proposer.hostname} initiates for it is refused`,
    dedupe: `${proposer.hostname}|${line.rule.loc?.line ?? line.index}`,
  };
}

/** Active entries of a responder's map whose peers include an address. */
export function entriesForPeer(device: ModelDevice, map: CryptoMap, address: string): CompiledCryptoEntry[] {
  // The compiled map indexes active entries by peer: a hub is asked once per spoke.
  const compiled = compileCryptoMap(device.config, map);
  return compiled.entriesForPeer(address).map((i) => compiled.entries[i]!);
}
