/**
 * `crypto ikev2 proposal|policy|keyring|profile` and `no crypto ikev2 proposal|policy default`
 * (Cisco IOS Security Command Reference: `crypto ikev2 proposal`, `encryption (IKEv2 proposal)`,
 * `integrity (IKEv2 proposal)`, `prf`, `group (IKEv2 proposal)`, `crypto ikev2 policy`, `match
 * (IKEv2 policy)`, `proposal`, `crypto ikev2 keyring`, `peer`, `address (IKEv2 keyring)`,
 * `identity (IKEv2 keyring)`, `pre-shared-key (IKEv2 keyring)`). What IOS does with them is a
 * rule (docs/ios-semantics.md#ikev2). Key text never enters a diagnostic message.
 */
import type { Ikev2Identity, Ikev2Key } from '../ir/router-config.js';
import { IKEV2_ENCRYPTIONS, IKEV2_HASHES } from '../ir/ikev2-vocabulary.js';
import { isDhGroup } from '../ir/ike-vocabulary.js';
import type { Ikev2KeyringDraft, Ikev2PeerDraft, Ikev2PolicyDraft, Ikev2ProposalDraft } from './config-draft.js';
import { type ParseContext, type SubMode, keepExtra, notModelled, restOfLine } from './context.js';
import { startIkev2Profile } from './ikev2-profile.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, uint } from './numbers.js';

const ENCRYPTIONS: ReadonlySet<string> = new Set(IKEV2_ENCRYPTIONS);
const HASHES: ReadonlySet<string> = new Set(IKEV2_HASHES);

/** A NOT_MODELLED warning for a line inside an IKEv2 block; the line is kept. */
function unmodelled(line: ConfigLine, ctx: ParseContext, where: string, what: string, keep: string[]): void {
  ctx.sink.warning(
    'NOT_MODELLED',
    line.line,
    `${where}: ${what} is not modelled: hubspoke ignores it, but it can change IKEv2 negotiation`,
  );
  keep.push(line.text.trimStart());
}

function bad(line: ConfigLine, ctx: ParseContext, where: string, message: string): void {
  ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: ${message}; line skipped`);
}

function addUnique<T>(list: T[], items: readonly T[]): void {
  for (const i of items) if (!list.includes(i)) list.push(i);
}

const PROPOSAL_WORDS = new Set(['encryption', 'integrity', 'prf', 'group']);

/** The sub-mode of `crypto ikev2 proposal NAME`. */
class ProposalMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly p: Ikev2ProposalDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0] === 'no' ? words[1] : words[0];
    return w0 !== undefined && PROPOSAL_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    const where = `crypto ikev2 proposal ${this.p.name}`;
    if (w[0] === 'exit') return;
    const negate = w[0] === 'no';
    const kw = negate ? w[1] : w[0];
    const values = w.slice(negate ? 2 : 1);
    if (kw === undefined || !PROPOSAL_WORDS.has(kw))
      return unmodelled(line, ctx, where, `"${restOfLine(w, 0)}"`, this.p.extraLines);
    if (negate) return this.remove(kw, values);
    if (values.length === 0) return bad(line, ctx, where, `${kw} needs at least one value`);
    if (kw === 'group') {
      const groups = values.map((v) => uint(v, 1, 32));
      if (groups.some((g) => g === undefined || !isDhGroup(g))) {
        ctx.sink.error(
          'UNKNOWN_ALGORITHM',
          line.line,
          `${where}: unknown Diffie-Hellman group in "${restOfLine(w, 0)}"; line skipped`,
        );
        return;
      }
      return addUnique(this.p.groups, groups as number[]);
    }
    const known = kw === 'encryption' ? ENCRYPTIONS : HASHES;
    const unknown = values.find((v) => !known.has(v));
    if (unknown !== undefined) {
      ctx.sink.error('UNKNOWN_ALGORITHM', line.line, `${where}: unknown ${kw} algorithm "${unknown}"; line skipped`);
      return;
    }
    addUnique(this.list(kw), values);
  }

  private list(kw: string): string[] {
    return kw === 'encryption' ? this.p.encryption : kw === 'integrity' ? this.p.integrity : this.p.prf;
  }

  private remove(kw: string, values: readonly string[]): void {
    if (kw === 'group') {
      this.p.groups = values.length === 0 ? [] : this.p.groups.filter((g) => !values.includes(String(g)));
      return;
    }
    const kept = values.length === 0 ? [] : this.list(kw).filter((v) => !values.includes(v));
    if (kw === 'encryption') this.p.encryption = kept;
    else if (kw === 'integrity') this.p.integrity = kept;
    else this.p.prf = kept;
  }
}

const POLICY_WORDS = new Set(['match', 'proposal']);

/** The sub-mode of `crypto ikev2 policy NAME`. */
class PolicyMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly p: Ikev2PolicyDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0] === 'no' ? words[1] : words[0];
    return w0 !== undefined && POLICY_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    const p = this.p;
    const where = `crypto ikev2 policy ${p.name}`;
    if (w[0] === 'exit') return;
    if (w[0] === 'proposal') {
      if (w.length < 2) return bad(line, ctx, where, 'proposal needs a name');
      return addUnique(p.proposals, w.slice(1));
    }
    if (w[0] === 'match' && w[1] === 'fvrf') {
      if (w[2] === undefined) return bad(line, ctx, where, 'match fvrf needs "any" or a VRF name');
      p.matchFvrf = w[2];
      return;
    }
    if (w[0] === 'match' && w[1] === 'address' && w[2] === 'local') {
      if (w[3] === 'ipv6') return unmodelled(line, ctx, where, 'match address local ipv6', p.extraLines);
      const addresses = w.slice(3);
      if (addresses.length === 0 || addresses.some((a) => dottedQuad(a) < 0))
        return bad(line, ctx, where, 'match address local needs IPv4 addresses');
      return addUnique(p.matchAddressLocal, addresses);
    }
    if (w[0] === 'no' && this.negate(w)) return;
    unmodelled(line, ctx, where, `"${restOfLine(w, 0)}"`, p.extraLines);
  }

  /** `no proposal|match ...`: false when not understood. */
  private negate(w: readonly string[]): boolean {
    const p = this.p;
    if (w[1] === 'proposal') {
      p.proposals = w.length > 2 ? p.proposals.filter((x) => !w.slice(2).includes(x)) : [];
      return true;
    }
    if (w[1] === 'match' && w[2] === 'fvrf') {
      delete p.matchFvrf;
      return true;
    }
    if (w[1] === 'match' && w[2] === 'address' && w[3] === 'local') {
      p.matchAddressLocal = w.length > 4 ? p.matchAddressLocal.filter((a) => !w.slice(4).includes(a)) : [];
      return true;
    }
    return false;
  }
}

/** `address A [MASK]` / `identity ...` value readers shared with the profile reader. */
export function readIdentity(w: readonly string[], at: number): Ikev2Identity | undefined {
  const kind = w[at];
  const value = w[at + 1];
  if (value === undefined || w.length !== at + 2) return undefined;
  if (kind === 'address') return dottedQuad(value) >= 0 ? { kind: 'address', address: value } : undefined;
  if (kind === 'fqdn' || kind === 'email' || kind === 'key-id') return { kind, value };
  return undefined;
}

/** `A [MASK]` at `at`: an address and its prefix length, or undefined. */
export function readAddressMask(
  w: readonly string[],
  at: number,
): { address: string; prefixLength: number } | undefined {
  const address = w[at];
  const mask = w[at + 1];
  if (address === undefined || dottedQuad(address) < 0 || w.length > at + 2) return undefined;
  if (mask === undefined) return { address, prefixLength: 32 };
  const prefixLength = netmaskLength(dottedQuad(mask));
  return prefixLength < 0 ? undefined : { address, prefixLength };
}

const KEYRING_WORDS = new Set(['peer', 'address', 'hostname', 'identity', 'pre-shared-key', 'description']);

/** The sub-mode of `crypto ikev2 keyring NAME`, with its `peer NAME` blocks. */
class KeyringMode implements SubMode {
  private peer: Ikev2PeerDraft | undefined;

  constructor(
    readonly indent: number,
    private readonly ring: Ikev2KeyringDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0] === 'no' ? words[1] : words[0];
    return w0 !== undefined && KEYRING_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    const where = `crypto ikev2 keyring ${this.ring.name}`;
    if (w[0] === 'exit' || w[0] === 'exit-peer') return;
    if (w[0] === 'peer') return this.openPeer(line, ctx, where);
    if (w[0] === 'no' && w[1] === 'peer') {
      this.ring.peers = this.ring.peers.filter((p) => p.name !== w[2]);
      this.peer = undefined;
      return;
    }
    const peer = this.peer;
    if (peer === undefined) return unmodelled(line, ctx, where, `"${w[0] ?? ''}" outside a peer`, this.ring.extraLines);
    this.peerLine(line, ctx, `${where} peer ${peer.name}`, peer);
  }

  private openPeer(line: ConfigLine, ctx: ParseContext, where: string): void {
    const name = line.words[1];
    if (name === undefined || line.words.length > 2) return bad(line, ctx, where, 'peer needs one name');
    let peer = this.ring.peers.find((p) => p.name === name);
    if (peer === undefined) {
      peer = { name, extraLines: [], loc: ctx.draft.loc(line.line) };
      this.ring.peers.push(peer);
    }
    this.peer = peer;
  }

  private peerLine(line: ConfigLine, ctx: ParseContext, where: string, peer: Ikev2PeerDraft): void {
    const w = line.words;
    switch (w[0]) {
      case 'description':
        peer.description = restOfLine(w, 1);
        return;
      case 'address': {
        if (w[1] === 'ipv6') return unmodelled(line, ctx, where, 'an IPv6 peer address', peer.extraLines);
        const a = readAddressMask(w, 1);
        if (a === undefined) return bad(line, ctx, where, 'address needs an IPv4 address and optionally a netmask');
        peer.address = a;
        return;
      }
      case 'hostname':
        if (w[1] === undefined || w.length > 2) return bad(line, ctx, where, 'hostname needs one name');
        peer.hostname = w[1];
        return;
      case 'identity': {
        const id = readIdentity(w, 1);
        if (id === undefined) return unmodelled(line, ctx, where, `"identity ${w[1] ?? ''}"`, peer.extraLines);
        peer.identity = id;
        return;
      }
      case 'pre-shared-key':
        return this.key(line, ctx, where, peer);
      case 'no':
        return this.negate(w, peer);
      default:
        return unmodelled(line, ctx, where, `"${w[0] ?? ''}"`, peer.extraLines);
    }
  }

  private key(line: ConfigLine, ctx: ParseContext, where: string, peer: Ikev2PeerDraft): void {
    const w = line.words;
    const side = w[1] === 'local' || w[1] === 'remote' ? w[1] : undefined;
    const at = side === undefined ? 1 : 2;
    const key = readKey(w, at, ctx.draft.loc(line.line));
    if (key === undefined) return bad(line, ctx, where, 'pre-shared-key needs "[local|remote] [0|6|7] KEY"');
    if (side === 'local') peer.localKey = key;
    else if (side === 'remote') peer.remoteKey = key;
    else peer.key = key;
  }

  private negate(w: readonly string[], peer: Ikev2PeerDraft): void {
    switch (w[1]) {
      case 'address':
        delete peer.address;
        return;
      case 'hostname':
        delete peer.hostname;
        return;
      case 'identity':
        delete peer.identity;
        return;
      case 'description':
        delete peer.description;
        return;
      case 'pre-shared-key':
        if (w[2] === 'local') delete peer.localKey;
        else if (w[2] === 'remote') delete peer.remoteKey;
        else delete peer.key;
        return;
    }
  }
}

/** `[0|6|7] KEY` at `at` (a lone digit is the key itself). */
function readKey(w: readonly string[], at: number, loc: Ikev2Key['loc']): Ikev2Key | undefined {
  const first = w[at];
  const second = w[at + 1];
  if (first === undefined) return undefined;
  if ((first === '0' || first === '6' || first === '7') && second !== undefined)
    return w.length === at + 2
      ? { key: second, encryption: Number(first) as 0 | 6 | 7, ...(loc ? { loc } : {}) }
      : undefined;
  return w.length === at + 1 ? { key: first, encryption: 0, ...(loc ? { loc } : {}) } : undefined;
}

function startProposal(line: ConfigLine, ctx: ParseContext, name: string): SubMode {
  let p = ctx.draft.ikev2Proposals.get(name);
  if (p === undefined) {
    p = { name, encryption: [], integrity: [], prf: [], groups: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.ikev2Proposals.set(name, p);
  }
  return new ProposalMode(line.indent, p);
}

function startPolicy(line: ConfigLine, ctx: ParseContext, name: string): SubMode {
  let p = ctx.draft.ikev2Policies.get(name);
  if (p === undefined) {
    p = { name, matchAddressLocal: [], proposals: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.ikev2Policies.set(name, p);
  }
  return new PolicyMode(line.indent, p);
}

function startKeyring(line: ConfigLine, ctx: ParseContext, name: string): SubMode {
  let r = ctx.draft.ikev2Keyrings.get(name);
  if (r === undefined) {
    r = { name, peers: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.ikev2Keyrings.set(name, r);
  }
  return new KeyringMode(line.indent, r);
}

/** A global `crypto ikev2 ...` line. */
export function readCryptoIkev2(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const kind = w[2];
  const name = w[3];
  const block = kind === 'proposal' || kind === 'policy' || kind === 'keyring' || kind === 'profile';
  if (!block) return notModelled(line, ctx, `crypto ikev2 ${kind ?? ''}`.trimEnd());
  if (name === undefined || w.length > 4) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `crypto ikev2 ${kind} needs one name`);
    return undefined;
  }
  // The smart-default proposal and policy can be edited in place: a change IOS makes to the
  // built-in object, not modelled (docs/ios-semantics.md#ikev2-smart-defaults).
  if (name === 'default' && (kind === 'proposal' || kind === 'policy'))
    return notModelled(line, ctx, `crypto ikev2 ${kind} default (an edited smart default)`);
  switch (kind) {
    case 'proposal':
      return startProposal(line, ctx, name);
    case 'policy':
      return startPolicy(line, ctx, name);
    case 'keyring':
      return startKeyring(line, ctx, name);
    default:
      return startIkev2Profile(line, ctx, name);
  }
}

/** `no crypto ikev2 proposal|policy|keyring|profile NAME`: false when the line is none of them. */
export function removeIkev2(line: ConfigLine, ctx: ParseContext): SubMode | undefined | false {
  const w = line.words;
  const d = ctx.draft;
  const name = w[4];
  if (w[1] !== 'crypto' || w[2] !== 'ikev2' || name === undefined) return false;
  switch (w[3]) {
    case 'proposal':
      if (name === 'default') d.ikev2DefaultsOff.proposal = true;
      else d.ikev2Proposals.delete(name);
      return undefined;
    case 'policy':
      if (name === 'default') d.ikev2DefaultsOff.policy = true;
      else d.ikev2Policies.delete(name);
      return undefined;
    case 'keyring':
      d.ikev2Keyrings.delete(name);
      return undefined;
    case 'profile':
      d.ikev2Profiles.delete(name);
      return undefined;
    default:
      return keepExtra(line, ctx);
  }
}
