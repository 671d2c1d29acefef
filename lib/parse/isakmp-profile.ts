/**
 * `crypto isakmp profile NAME` and its lines (Cisco IOS Security Command Reference, `crypto
 * isakmp profile`, `match identity`, `keyring (ISAKMP profile)`, `self-identity`, `keepalive
 * (ISAKMP profile)`, `local-address`, `ca trust-point`). What IOS does with them is a rule
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 */
import type { IdentityMatch, SelfIdentity } from '../ir/router-config.js';
import { DPD_RETRY_SECONDS, DPD_SECONDS } from '../ir/ike-vocabulary.js';
import type { ProfileDraft } from './config-draft.js';
import { type ParseContext, type SubMode, restOfLine } from './context.js';
import { readLocalAddress } from './keyring.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, uint } from './numbers.js';
import { readVirtualTemplateRef } from './tunnel.js';

/** Profile sub-commands that a flattened config gives unindented (not `vrf`: `vrf definition` is global). */
const PROFILE_WORDS = new Set([
  'keyring',
  'match',
  'self-identity',
  'keepalive',
  'local-address',
  'description',
  'ca',
  'initiate',
  'client',
  'isakmp',
  'virtual-template',
  'accounting',
  'qos-group',
]);

/** `match identity address A [MASK] | host H | host domain D`, or why it is not modelled. */
function readMatch(w: readonly string[]): IdentityMatch | { notModelled: string } | { error: string } {
  if (w[1] !== 'identity') return { notModelled: `"match ${w[1] ?? ''}" (certificate maps and other match kinds)` };
  if (w[2] === 'address') {
    const address = w[3];
    if (address === 'ipv6') return { notModelled: 'match identity address ipv6' };
    if (address === undefined || dottedQuad(address) < 0)
      return { error: `match identity address: "${address ?? ''}" is not an IPv4 address` };
    const mask = w[4];
    if (w[5] !== undefined || (mask !== undefined && dottedQuad(mask) < 0))
      return { notModelled: 'match identity address with a VRF' };
    const prefixLength = mask === undefined ? 32 : netmaskLength(dottedQuad(mask));
    if (prefixLength < 0) return { error: `match identity address ${address}: "${mask}" is not a contiguous netmask` };
    return { kind: 'address', address, prefixLength };
  }
  if (w[2] === 'host') {
    if (w[3] === 'domain')
      return w[4] === undefined
        ? { error: 'match identity host domain needs a domain' }
        : { kind: 'host-domain', domain: w[4] };
    return w[3] === undefined ? { error: 'match identity host needs a hostname' } : { kind: 'host', hostname: w[3] };
  }
  return { notModelled: `"match identity ${w[2] ?? ''}" (user and group identities)` };
}

function readSelfIdentity(w: readonly string[]): SelfIdentity | undefined {
  if (w.length === 2 && (w[1] === 'address' || w[1] === 'fqdn')) return { kind: w[1] };
  if (w[1] === 'user-fqdn' && w[2] !== undefined && w.length === 3) return { kind: 'user-fqdn', user: w[2] };
  return undefined;
}

/** The sub-mode of a `crypto isakmp profile` block. */
export class ProfileMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly profile: ProfileDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0] === 'no' ? words[1] : words[0];
    return w0 !== undefined && PROFILE_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const p = this.profile;
    const w = line.words;
    const where = `crypto isakmp profile ${p.name}`;
    const unmodelled = (what: string): void => {
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${where}: ${what} is not modelled: hubspoke ignores it, but it can change IKE for the peers of the profile`,
      );
      p.extraLines.push(line.text.trimStart());
    };
    const bad = (message: string): void =>
      ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: ${message}; line skipped`);
    const loc = ctx.draft.loc(line.line);
    switch (w[0]) {
      case 'keyring':
        if (w[1] === undefined || w.length > 2) return bad('keyring needs one keyring name');
        if (!p.keyrings.some((k) => k.name === w[1])) p.keyrings.push({ name: w[1], loc });
        return;
      case 'match':
        return this.match(w, loc, unmodelled, bad);
      case 'self-identity': {
        const s = readSelfIdentity(w);
        if (s === undefined) return unmodelled(`"${restOfLine(w, 0)}"`);
        p.selfIdentity = s;
        return;
      }
      case 'keepalive':
        return this.keepalive(w, loc, bad);
      case 'local-address': {
        const local = readLocalAddress(w[1]);
        if (local === undefined || w.length > 2) return bad('local-address needs one interface name or address');
        p.localAddress = local;
        // IKE sourced from another address than the crypto interface's is a later model.
        return unmodelled('local-address (IKE from another local address)');
      }
      case 'description':
        p.description = restOfLine(w, 1);
        return;
      case 'ca':
        return this.trustPoint(w, unmodelled);
      case 'virtual-template': {
        // docs/ios-semantics.md#dynamic-vti
        const ref = readVirtualTemplateRef(line, ctx, bad);
        if (ref) p.virtualTemplate = ref;
        return;
      }
      case 'no':
        return this.negate(w, unmodelled);
      case 'exit':
        return;
      default:
        // `initiate mode aggressive`, `vrf`, `client ...`, `isakmp authorization ...`.
        return unmodelled(`"${restOfLine(w, 0)}"`);
    }
  }

  /** ` match identity ...`: one line per identity (a repeated one is kept once). */
  private match(
    w: readonly string[],
    loc: ProfileDraft['loc'],
    unmodelled: (what: string) => void,
    bad: (m: string) => void,
  ): void {
    const p = this.profile;
    const m = readMatch(w);
    if ('notModelled' in m) return unmodelled(m.notModelled);
    if ('error' in m) return bad(m.error);
    if (p.matchKeys.has(matchKey(m))) return;
    p.matchKeys.add(matchKey(m));
    p.matchIdentities.push({ ...m, loc });
  }

  /** ` ca trust-point T`: the trustpoints the profile authenticates with. */
  private trustPoint(w: readonly string[], unmodelled: (what: string) => void): void {
    const p = this.profile;
    if (w[1] !== 'trust-point' || w[2] === undefined) return unmodelled(`"${restOfLine(w, 0)}"`);
    if (!p.trustpoints.includes(w[2])) p.trustpoints.push(w[2]);
  }

  private keepalive(w: readonly string[], loc: ProfileDraft['loc'], bad: (m: string) => void): void {
    const seconds = uint(w[1], DPD_SECONDS.min, DPD_SECONDS.max);
    const retry = w[2] === 'retry' ? uint(w[3], DPD_RETRY_SECONDS.min, DPD_RETRY_SECONDS.max) : undefined;
    if (seconds === undefined || (w.length > 2 && (retry === undefined || w.length > 4))) {
      return bad(
        `keepalive needs ${DPD_SECONDS.min}-${DPD_SECONDS.max} seconds and optionally "retry ${DPD_RETRY_SECONDS.min}-${DPD_RETRY_SECONDS.max}"`,
      );
    }
    this.profile.keepalive = { seconds, ...(retry !== undefined ? { retry } : {}), ...(loc ? { loc } : {}) };
  }

  private negate(w: readonly string[], unmodelled: (what: string) => void): void {
    const p = this.profile;
    switch (w[1]) {
      case 'keyring':
        p.keyrings = p.keyrings.filter((k) => k.name !== w[2]);
        return;
      case 'match': {
        const m = readMatch(w.slice(1));
        if ('kind' in m && p.matchKeys.delete(matchKey(m)))
          p.matchIdentities = p.matchIdentities.filter((x) => matchKey(x) !== matchKey(m));
        return;
      }
      case 'self-identity':
        delete p.selfIdentity;
        return;
      case 'keepalive':
        delete p.keepalive;
        return;
      case 'local-address':
        delete p.localAddress;
        return;
      case 'description':
        delete p.description;
        return;
      case 'ca':
        p.trustpoints = p.trustpoints.filter((t) => t !== w[3]);
        return;
      case 'virtual-template':
        delete p.virtualTemplate;
        return;
      default:
        unmodelled(`"${restOfLine(w, 0)}"`);
    }
  }
}

/** One key per identity IOS keeps (host names are case-insensitive). */
function matchKey(m: IdentityMatch): string {
  if (m.kind === 'address') return `a ${m.address}/${m.prefixLength}`;
  return m.kind === 'host' ? `h ${m.hostname.toLowerCase()}` : `d ${m.domain.toLowerCase()}`;
}

/** `crypto isakmp profile NAME`: opens (or re-opens) the profile. */
export function startProfile(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const name = line.words[3];
  if (name === undefined || line.words.length > 4) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'crypto isakmp profile needs one name');
    return undefined;
  }
  let profile = ctx.draft.isakmpProfiles.get(name);
  if (profile === undefined) {
    profile = {
      name,
      keyrings: [],
      matchIdentities: [],
      matchKeys: new Set(),
      trustpoints: [],
      extraLines: [],
      loc: ctx.draft.loc(line.line),
    };
    ctx.draft.isakmpProfiles.set(name, profile);
  }
  return new ProfileMode(line.indent, profile);
}
