/**
 * `crypto ikev2 profile NAME` and its lines (Cisco IOS Security Command Reference: `crypto ikev2
 * profile`, `match (IKEv2 profile)`, `identity local`, `authentication (IKEv2 profile)`, `keyring
 * (IKEv2 profile)`, `pki trustpoint`, `dpd`, `lifetime (IKEv2 profile)`). What IOS does with them
 * is a rule (docs/ios-semantics.md#ikev2). Lines that can change IKEv2 and are not read here
 * (certificate maps, AAA, virtual templates, keys typed in the profile) are NOT_MODELLED.
 */
import type { Ikev2AuthMethod, Ikev2IdentityMatch } from '../ir/router-config.js';
import { IKEV2_DPD, IKEV2_LIFETIME } from '../ir/ikev2-vocabulary.js';
import type { Ikev2ProfileDraft } from './config-draft.js';
import { type ParseContext, type SubMode, restOfLine } from './context.js';
import { readAddressMask, readIdentity } from './ikev2.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, uint } from './numbers.js';
import { readVirtualTemplateRef } from './tunnel.js';

const METHODS: ReadonlySet<string> = new Set(['pre-share', 'rsa-sig', 'ecdsa-sig', 'eap']);

const PROFILE_WORDS = new Set([
  'match',
  'identity',
  'authentication',
  'keyring',
  'pki',
  'dpd',
  'lifetime',
  'description',
  'nat',
  'virtual-template',
  'aaa',
  'ivrf',
  'config-exchange',
  'shutdown',
]);

/** `match identity remote ...` from word 3 on, or a reason it is not read. */
function readMatchIdentity(w: readonly string[]): Ikev2IdentityMatch | { notModelled: string } | { error: string } {
  const kind = w[3];
  if (kind === 'address') {
    if (w[4] === 'ipv6') return { notModelled: 'match identity remote address ipv6' };
    const a = readAddressMask(w, 4);
    return a === undefined
      ? { error: 'match identity remote address needs an IPv4 address and optionally a netmask' }
      : { kind: 'address', ...a };
  }
  if (kind === 'fqdn' || kind === 'email') {
    const domain = w[4] === 'domain';
    const value = w[domain ? 5 : 4];
    if (value === undefined || w.length !== (domain ? 6 : 5))
      return { error: `match identity remote ${kind} needs one value` };
    return { kind, value, domain };
  }
  if (kind === 'key-id') {
    return w[4] === undefined || w.length !== 5
      ? { error: 'match identity remote key-id needs one value' }
      : { kind, value: w[4] };
  }
  return { notModelled: `"match identity remote ${kind ?? ''}"` };
}

function matchKey(m: Ikev2IdentityMatch): string {
  return m.kind === 'address'
    ? `a ${m.address}/${m.prefixLength}`
    : `${m.kind} ${'domain' in m && m.domain ? 'd ' : ''}${m.value.toLowerCase()}`;
}

/** The sub-mode of a `crypto ikev2 profile` block. */
class Ikev2ProfileMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly p: Ikev2ProfileDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0] === 'no' ? words[1] : words[0];
    return w0 !== undefined && PROFILE_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const p = this.p;
    const w = line.words;
    const where = `crypto ikev2 profile ${p.name}`;
    const unmodelled = (what: string): void => {
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${where}: ${what} is not modelled: hubspoke ignores it, but it can change IKEv2 for the peers of the profile`,
      );
      p.extraLines.push(line.text.trimStart());
    };
    const bad = (message: string): void =>
      ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: ${message}; line skipped`);
    switch (w[0]) {
      case 'match':
        return this.match(line, ctx, unmodelled, bad);
      case 'identity':
      case 'keyring':
      case 'pki':
      case 'lifetime':
        return this.simple(w, unmodelled, bad);
      case 'authentication':
        return this.authentication(w, unmodelled, bad);
      case 'dpd':
        return this.dpd(w, bad);
      case 'description':
        p.description = restOfLine(w, 1);
        return;
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
        return unmodelled(`"${restOfLine(w, 0).split(' ').slice(0, 3).join(' ')}"`);
    }
  }

  /** `identity local`, `keyring local`, `pki trustpoint`, `lifetime`. */
  private simple(w: readonly string[], unmodelled: (what: string) => void, bad: (m: string) => void): void {
    const p = this.p;
    switch (w[0]) {
      case 'identity': {
        if (w[1] !== 'local') return unmodelled(`"identity ${w[1] ?? ''}"`);
        const id = readIdentity(w, 2);
        if (id === undefined) return unmodelled(`"identity local ${w[2] ?? ''}"`);
        p.identityLocal = id;
        return;
      }
      case 'keyring':
        if (w[1] !== 'local') return unmodelled(`"keyring ${w[1] ?? ''}" (AAA keyrings)`);
        if (w[2] === undefined || w.length > 3) return bad('keyring local needs one keyring name');
        p.keyringLocal = w[2];
        return;
      case 'pki':
        if (w[1] !== 'trustpoint' || w[2] === undefined) return unmodelled(`"${restOfLine(w, 0)}"`);
        if (!p.pkiTrustpoints.includes(w[2])) p.pkiTrustpoints.push(w[2]);
        if (w[3] !== undefined) unmodelled('a sign-only or verify-only trustpoint');
        return;
      default: {
        const s = uint(w[1], IKEV2_LIFETIME.min, IKEV2_LIFETIME.max);
        if (s === undefined || w.length > 2)
          return bad(`lifetime needs ${IKEV2_LIFETIME.min}-${IKEV2_LIFETIME.max} seconds`);
        p.lifetime = s;
      }
    }
  }

  private match(
    line: ConfigLine,
    ctx: ParseContext,
    unmodelled: (what: string) => void,
    bad: (m: string) => void,
  ): void {
    const p = this.p;
    const w = line.words;
    if (w[1] === 'fvrf') {
      if (w[2] === undefined) return bad('match fvrf needs "any" or a VRF name');
      p.matchFvrf = w[2];
      return;
    }
    if (w[1] === 'address' && w[2] === 'local') {
      if (w[3] === undefined || dottedQuad(w[3]) < 0 || w.length > 4)
        return unmodelled(`"match address local ${w[3] ?? ''}" (by interface or IPv6)`);
      if (!p.matchAddressLocal.includes(w[3])) p.matchAddressLocal.push(w[3]);
      return;
    }
    if (w[1] !== 'identity' || w[2] !== 'remote')
      return unmodelled(`"match ${w[1] ?? ''}" (certificate maps and other match kinds)`);
    const m = readMatchIdentity(w);
    if ('notModelled' in m) return unmodelled(m.notModelled);
    if ('error' in m) return bad(m.error);
    if (p.matchIdentities.some((x) => matchKey(x) === matchKey(m))) return;
    const loc = ctx.draft.loc(line.line);
    p.matchIdentities.push({ ...m, loc });
  }

  private authentication(w: readonly string[], unmodelled: (what: string) => void, bad: (m: string) => void): void {
    const p = this.p;
    const side = w[1];
    const method = w[2];
    if ((side !== 'local' && side !== 'remote') || method === undefined || !METHODS.has(method))
      return bad('authentication needs "local|remote pre-share|rsa-sig|ecdsa-sig|eap"');
    // `authentication local|remote pre-share key K` keeps a key in the profile: never echoed, not modelled.
    if (w.length > 3) return unmodelled(`authentication ${side} ${method} with options`);
    if (side === 'local') p.authenticationLocal = method as Ikev2AuthMethod;
    else if (!p.authenticationRemote.includes(method as Ikev2AuthMethod))
      p.authenticationRemote.push(method as Ikev2AuthMethod);
  }

  private dpd(w: readonly string[], bad: (m: string) => void): void {
    const interval = uint(w[1], IKEV2_DPD.interval.min, IKEV2_DPD.interval.max);
    const retry = uint(w[2], IKEV2_DPD.retry.min, IKEV2_DPD.retry.max);
    const mode = w[3];
    if (interval === undefined || retry === undefined || (mode !== 'on-demand' && mode !== 'periodic') || w.length > 4)
      return bad('dpd needs an interval, a retry interval and "on-demand" or "periodic"');
    this.p.dpd = { interval, retry, mode };
  }

  private negate(w: readonly string[], unmodelled: (what: string) => void): void {
    const p = this.p;
    switch (w[1]) {
      case 'keyring':
        delete p.keyringLocal;
        return;
      case 'identity':
        delete p.identityLocal;
        return;
      case 'authentication':
        if (w[2] === 'local') delete p.authenticationLocal;
        else p.authenticationRemote = w[3] === undefined ? [] : p.authenticationRemote.filter((m) => m !== w[3]);
        return;
      case 'match': {
        if (w[2] === 'identity' && w[3] === 'remote') {
          const m = readMatchIdentity(w.slice(1));
          if ('kind' in m) p.matchIdentities = p.matchIdentities.filter((x) => matchKey(x) !== matchKey(m));
          return;
        }
        if (w[2] === 'fvrf') delete p.matchFvrf;
        else if (w[2] === 'address') p.matchAddressLocal = [];
        return;
      }
      case 'pki':
        p.pkiTrustpoints = p.pkiTrustpoints.filter((t) => t !== w[3]);
        return;
      case 'dpd':
        delete p.dpd;
        return;
      case 'lifetime':
        delete p.lifetime;
        return;
      case 'description':
        delete p.description;
        return;
      case 'virtual-template':
        delete p.virtualTemplate;
        return;
      default:
        unmodelled(`"${restOfLine(w, 0).split(' ').slice(0, 3).join(' ')}"`);
    }
  }
}

/** `crypto ikev2 profile NAME`: opens (or re-opens) the profile. */
export function startIkev2Profile(line: ConfigLine, ctx: ParseContext, name: string): SubMode {
  let p = ctx.draft.ikev2Profiles.get(name);
  if (p === undefined) {
    p = {
      name,
      matchIdentities: [],
      matchAddressLocal: [],
      authenticationRemote: [],
      pkiTrustpoints: [],
      extraLines: [],
      loc: ctx.draft.loc(line.line),
    };
    ctx.draft.ikev2Profiles.set(name, p);
  }
  return new Ikev2ProfileMode(line.indent, p);
}
