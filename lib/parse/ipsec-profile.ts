/**
 * `crypto ipsec profile NAME` blocks: the IPsec settings that `tunnel protection ipsec profile`
 * applies to a tunnel interface (docs/ios-semantics.md#tunnel-interfaces). The profile names no
 * peer and no traffic: both come from the tunnel. Lines the reader does not read are classified by
 * the line table (scope `ipsec-profile`).
 */
import type { IpsecProfileDraft } from './config-draft.js';
import { type ParseContext, type SubMode, describeLine, restOfLine } from './context.js';
import { isDhGroup } from '../ir/ike-vocabulary.js';
import { unreadLineClass } from './line-classes.js';
import type { ConfigLine } from './line-reader.js';
import { uint } from './numbers.js';

const PROFILE_WORDS = new Set(['set', 'description', 'responder-only']);

/** The sub-mode of one `crypto ipsec profile` block. */
export class IpsecProfileMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly profile: IpsecProfileDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0];
    if (w0 === 'no') return words[1] === 'set';
    return w0 !== undefined && PROFILE_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const p = this.profile;
    const w = line.words;
    const where = `crypto ipsec profile ${p.name}`;
    const extra = (): void => {
      if (unreadLineClass('ipsec-profile', w) === 'relevant') {
        ctx.sink.warning(
          'NOT_MODELLED',
          line.line,
          `${where}: ${describeLine('ipsec-profile', w)} is not modelled: hubspoke ignores it, but it can change IPsec behaviour`,
        );
      }
      p.extraLines.push(line.text.trimStart());
    };
    if (w[0] === 'description') {
      p.description = restOfLine(w, 1);
      return;
    }
    if (w[0] === 'no') return this.negate(w) ? undefined : extra();
    if (w[0] !== 'set') return extra();
    switch (w[1]) {
      case 'transform-set':
        if (w.length < 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set transform-set needs at least one name`);
          return;
        }
        p.transformSets = w.slice(2);
        return;
      case 'pfs':
        return this.setPfs(line, ctx, where);
      case 'isakmp-profile':
        if (w[2] === undefined || w.length > 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set isakmp-profile needs one profile name`);
          return;
        }
        p.isakmpProfile = w[2];
        return;
      case 'ikev2-profile':
        if (w[2] === undefined || w.length > 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set ikev2-profile needs one profile name`);
          return;
        }
        // Tunnel protection negotiates IKEv2 with it (docs/ios-semantics.md#static-vti-with-ikev2).
        p.ikev2Profile = w[2];
        return;
      case 'security-association':
        return this.setLifetime(line, ctx, where, extra);
      default:
        return extra();
    }
  }

  /** `set pfs [groupN]`. */
  private setPfs(line: ConfigLine, ctx: ParseContext, where: string): void {
    const w = line.words;
    if (w[2] === undefined) {
      this.profile.pfs = {};
      return;
    }
    const group = w[2].startsWith('group') ? uint(w[2].slice(5), 1, 32) : undefined;
    if (group === undefined || !isDhGroup(group) || w.length > 3) {
      ctx.sink.error('UNKNOWN_ALGORITHM', line.line, `${where}: unknown PFS group "${w[2]}"; line skipped`);
      return;
    }
    this.profile.pfs = { group };
  }

  /** `set security-association lifetime seconds|kilobytes N`. */
  private setLifetime(line: ConfigLine, ctx: ParseContext, where: string, extra: () => void): void {
    const w = line.words;
    if (w[2] !== 'lifetime' || w.length !== 5 || (w[3] !== 'seconds' && w[3] !== 'kilobytes')) return extra();
    const value = uint(w[4], 1, w[3] === 'seconds' ? 2147483647 : 4294967295);
    if (value === undefined) {
      if (w[4] === 'disable') return extra();
      ctx.sink.error('BAD_NUMBER', line.line, `${where}: SA lifetime ${w[3]} "${w[4]}" is not a number; line skipped`);
      return;
    }
    if (w[3] === 'seconds') this.profile.saLifetimeSeconds = value;
    else this.profile.saLifetimeKilobytes = value;
  }

  /** `no set ...`: back to unset. False when not understood. */
  private negate(w: readonly string[]): boolean {
    const p = this.profile;
    if (w[1] !== 'set') return false;
    switch (w[2]) {
      case 'transform-set':
        p.transformSets = [];
        return true;
      case 'pfs':
        delete p.pfs;
        return true;
      case 'isakmp-profile':
        delete p.isakmpProfile;
        return true;
      case 'ikev2-profile':
        delete p.ikev2Profile;
        return true;
      default:
        return false;
    }
  }
}

/** `crypto ipsec profile NAME`: opens (or re-opens) the profile. */
export function startIpsecProfile(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const name = line.words[3];
  if (name === undefined || line.words.length > 4) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'crypto ipsec profile needs one profile name');
    return undefined;
  }
  let profile = ctx.draft.ipsecProfiles.get(name);
  if (profile === undefined) {
    profile = { name, transformSets: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.ipsecProfiles.set(name, profile);
  }
  return new IpsecProfileMode(line.indent, profile);
}
