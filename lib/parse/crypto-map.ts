/**
 * `crypto map NAME SEQ [ipsec-isakmp [dynamic DYN] | ipsec-manual | gdoi]` entries and their
 * sub-commands, and `crypto dynamic-map NAME SEQ` entries (same sub-commands, plus
 * `reverse-route`). `ipsec-isakmp` entries, static or bound to a dynamic map, are modelled; manual
 * entries are kept (for diagnostics) with a NOT_MODELLED warning. `crypto map NAME local-address
 * IF` names the interface the map's IKE and ESP are sourced from.
 */
import type { CryptoMapDraft, EntryDraft } from './config-draft.js';
import { type ParseContext, type SubMode, describeLine, notModelled, restOfLine } from './context.js';
import { unreadLineClass } from './line-classes.js';
import { isDhGroup } from '../ir/ike-vocabulary.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, uint } from './numbers.js';

const ENTRY_WORDS = new Set(['set', 'match', 'description', 'reverse-route', 'qos']);

/** The sub-mode of one crypto map entry. */
export class CryptoMapEntryMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly mapName: string,
    private readonly entry: EntryDraft,
    /** `crypto dynamic-map` entries read `reverse-route`; static entries report it. */
    private readonly dynamic = false,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0];
    if (w0 === 'no') return words[1] === 'set' || words[1] === 'match' || words[1] === 'reverse-route';
    return w0 !== undefined && ENTRY_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const e = this.entry;
    const w = line.words;
    const where = `crypto ${this.dynamic ? 'dynamic-map' : 'map'} ${this.mapName} ${e.seq}`;
    const unmodelled = (what: string): void => {
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${where}: ${what} is not modelled: hubspoke ignores it, but it can change IPsec behaviour`,
      );
      e.extraLines.push(line.text.trimStart());
    };
    // A line the reader does not read is relevant unless the line table lists it as inert.
    const extra = (): void => {
      if (unreadLineClass('crypto-map-entry', w) === 'relevant') return unmodelled(describeLine('crypto-map-entry', w));
      e.extraLines.push(line.text.trimStart());
    };
    if (w[0] === 'description') {
      e.description = restOfLine(w, 1);
      return;
    }
    if (w[0] === 'match') {
      if (w[1] !== 'address') return extra();
      if (w[2] === undefined) {
        ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: match address needs an ACL name or number`);
        return;
      }
      e.matchAddress = w[2];
      return;
    }
    if (w[0] === 'reverse-route') return this.reverseRoute(line, ctx, where, unmodelled);
    if (w[0] === 'no') return this.negate(w) ? undefined : extra();
    if (w[0] !== 'set') return extra();
    return this.setLine(line, ctx, where, extra, unmodelled);
  }

  /** `set ...` inside the entry. */
  private setLine(
    line: ConfigLine,
    ctx: ParseContext,
    where: string,
    extra: () => void,
    unmodelled: (what: string) => void,
  ): void {
    const e = this.entry;
    const w = line.words;
    switch (w[1]) {
      case 'peer':
        return this.setPeer(line, ctx, where, unmodelled);
      case 'transform-set':
        if (w.length < 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set transform-set needs at least one name`);
          return;
        }
        e.transformSets = w.slice(2);
        return;
      case 'pfs': {
        if (w[2] === undefined) {
          e.pfs = {};
          return;
        }
        const group = w[2].startsWith('group') ? uint(w[2].slice(5), 1, 32) : undefined;
        if (group === undefined || !isDhGroup(group)) {
          ctx.sink.error('UNKNOWN_ALGORITHM', line.line, `${where}: unknown PFS group "${w[2]}"; line skipped`);
          return;
        }
        e.pfs = { group };
        return;
      }
      case 'security-association':
        return this.saLine(line, ctx, where, extra, unmodelled);
      case 'isakmp-profile':
        if (w[2] === undefined || w.length > 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set isakmp-profile needs one profile name`);
          return;
        }
        e.isakmpProfile = w[2];
        return;
      case 'ikev2-profile':
        if (w[2] === undefined || w.length > 3) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set ikev2-profile needs one profile name`);
          return;
        }
        e.ikev2Profile = w[2];
        return;
      case 'reverse-route':
        return unmodelled('set reverse-route');
      default:
        return extra();
    }
  }

  /**
   * `reverse-route [static]` (docs/ios-semantics.md#reverse-route), read on dynamic map entries;
   * `remote-peer`, `gateway` and `tag` forms, and static map entries, are not modelled.
   */
  private reverseRoute(line: ConfigLine, ctx: ParseContext, where: string, unmodelled: (what: string) => void): void {
    const form = line.words.slice(1).join(' ');
    if (!this.dynamic || (form !== '' && form !== 'static')) return unmodelled(`reverse-route ${form}`.trimEnd());
    this.entry.reverseRoute = form === 'static' ? { static: true } : {};
    // Routes built from the ACL with no peer known yet: the references do not say their next hop.
    if (form === 'static')
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${where}: reverse-route static is not modelled: hubspoke installs no route for it, but IOS does`,
      );
  }

  /** `set peer A [default]`. */
  private setPeer(line: ConfigLine, ctx: ParseContext, where: string, unmodelled: (what: string) => void): void {
    const e = this.entry;
    const w = line.words;
    const peer = w[2];
    if (peer === undefined) {
      ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: set peer needs an address`);
      return;
    }
    if (dottedQuad(peer) < 0) return unmodelled('a peer given by host name');
    // Peers form an ordered failover list; IOS ignores a repeated peer, and `default` makes
    // the peer the one tried first.
    if (w[3] === 'default') e.peers = [peer, ...e.peers.filter((p) => p !== peer)];
    else if (!e.peers.includes(peer)) e.peers.push(peer);
  }

  /** `no set ...` / `no match address` / `no description`: back to unset. False when not understood. */
  private negate(w: readonly string[]): boolean {
    const e = this.entry;
    if (w[1] === 'description') {
      delete e.description;
      return true;
    }
    if (w[1] === 'match' && w[2] === 'address') {
      delete e.matchAddress;
      return true;
    }
    if (w[1] === 'reverse-route' && this.dynamic) {
      delete e.reverseRoute;
      return true;
    }
    if (w[1] !== 'set') return false;
    switch (w[2]) {
      case 'peer':
        e.peers = w[3] === undefined ? [] : e.peers.filter((p) => p !== w[3]);
        return true;
      case 'transform-set':
        e.transformSets = [];
        return true;
      case 'pfs':
        delete e.pfs;
        return true;
      case 'isakmp-profile':
        delete e.isakmpProfile;
        return true;
      case 'ikev2-profile':
        delete e.ikev2Profile;
        return true;
      case 'security-association':
        if (w[3] === 'lifetime' && w[4] === 'seconds') delete e.saLifetimeSeconds;
        else if (w[3] === 'lifetime' && w[4] === 'kilobytes') delete e.saLifetimeKilobytes;
        else return false;
        return true;
      default:
        return false;
    }
  }

  private saLine(
    line: ConfigLine,
    ctx: ParseContext,
    where: string,
    extra: () => void,
    unmodelled: (what: string) => void,
  ): void {
    const w = line.words;
    if (w[2] === 'level') return unmodelled('set security-association level');
    if (w[2] !== 'lifetime') return extra();
    if (w[3] === 'seconds') {
      const seconds = uint(w[4], 1, 2147483647);
      if (seconds === undefined) {
        ctx.sink.error(
          'BAD_NUMBER',
          line.line,
          `${where}: SA lifetime seconds "${w[4] ?? ''}" is not a number; line skipped`,
        );
        return;
      }
      this.entry.saLifetimeSeconds = seconds;
      return;
    }
    if (w[3] === 'kilobytes') {
      if (w[4] === 'disable') return extra();
      const kb = uint(w[4], 1, 4294967295);
      if (kb === undefined) {
        ctx.sink.error(
          'BAD_NUMBER',
          line.line,
          `${where}: SA lifetime kilobytes "${w[4] ?? ''}" is not a number; line skipped`,
        );
        return;
      }
      this.entry.saLifetimeKilobytes = kb;
      return;
    }
    extra();
  }
}

/** The map named `name`, created at this line when it is new. */
function mapDraft(ctx: ParseContext, name: string, line: ConfigLine): CryptoMapDraft {
  let map = ctx.draft.cryptoMaps.get(name);
  if (map === undefined) {
    map = { name, entries: new Map(), loc: ctx.draft.loc(line.line) };
    ctx.draft.cryptoMaps.set(name, map);
  }
  return map;
}

/** `crypto map NAME local-address IF`: the interface IKE and ESP of the map are sourced from. */
function readLocalAddress(line: ConfigLine, ctx: ParseContext, name: string): undefined {
  const ifName = line.words[4];
  if (ifName === undefined || line.words.length > 5) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `crypto map ${name} local-address needs one interface name`);
    return undefined;
  }
  mapDraft(ctx, name, line).localAddress = ifName;
  return undefined;
}

/** `crypto dynamic-map NAME SEQ`: opens (or re-opens) one entry of a dynamic crypto map. */
export function readDynamicMap(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[2];
  const seq = uint(w[3], 1, 65535);
  if (w[4] === 'set' || w[4] === 'match')
    return notModelled(line, ctx, 'one-line (ASA style) crypto dynamic-map commands');
  if (name === undefined || seq === undefined || w.length > 4) {
    ctx.sink.error('BAD_CRYPTO_MAP', line.line, 'crypto dynamic-map needs a name and a sequence number in 1-65535');
    return undefined;
  }
  let map = ctx.draft.dynamicMaps.get(name);
  if (map === undefined) {
    map = { name, entries: new Map(), loc: ctx.draft.loc(line.line) };
    ctx.draft.dynamicMaps.set(name, map);
  }
  let entry = map.entries.get(seq);
  if (entry === undefined) {
    entry = { seq, type: 'dynamic', peers: [], transformSets: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    map.entries.set(seq, entry);
  }
  return new CryptoMapEntryMode(line.indent, name, entry, true);
}

/** A global `crypto map ...` line. */
export function readCryptoMap(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[2];
  if (name !== undefined && w[3] === 'local-address') return readLocalAddress(line, ctx, name);
  if (name === undefined || w[3] === undefined) {
    ctx.sink.error(
      'BAD_CRYPTO_MAP',
      line.line,
      'crypto map needs a name and a sequence number (a bare "crypto map NAME" belongs inside an interface)',
    );
    return undefined;
  }
  const seq = uint(w[3], 1, 65535);
  if (seq === undefined) {
    if (/^\d/.test(w[3])) {
      ctx.sink.error('BAD_NUMBER', line.line, `crypto map ${name}: sequence "${w[3]}" is not in 1-65535`);
      return undefined;
    }
    return notModelled(line, ctx, `crypto map ${name} ${w[3]}`);
  }
  const kind = w[4] ?? 'ipsec-isakmp';
  let type: EntryDraft['type'];
  let dynamicMap: string | undefined;
  let warning: string | undefined;
  if (kind === 'ipsec-isakmp') {
    if (w[5] === 'dynamic') {
      if (w[6] === undefined) {
        ctx.sink.error('MISSING_ARGUMENT', line.line, `crypto map ${name} ${seq}: dynamic needs a dynamic map name`);
        return undefined;
      }
      type = 'dynamic';
      dynamicMap = w[6];
      // docs/ios-semantics.md#dynamic-crypto-maps; `discover` (tunnel endpoint discovery) is not modelled.
      if (w.length > 7) warning = `dynamic entry options (${w.slice(7).join(' ')})`;
    } else {
      type = 'ipsec-isakmp';
      if (w.length > 5) warning = `crypto map entry options (${w.slice(5).join(' ')})`;
    }
  } else if (kind === 'ipsec-manual') {
    type = 'ipsec-manual';
    warning = 'ipsec-manual crypto map entries';
  } else if (kind === 'gdoi') {
    return notModelled(line, ctx, 'GDOI crypto map entries');
  } else if (kind === 'set' || kind === 'match') {
    return notModelled(line, ctx, 'one-line (ASA style) crypto map commands');
  } else {
    ctx.sink.error('BAD_CRYPTO_MAP', line.line, `crypto map ${name} ${seq}: unknown entry type "${kind}"`);
    return undefined;
  }
  if (warning !== undefined) {
    ctx.sink.warning(
      'NOT_MODELLED',
      line.line,
      `crypto map ${name} ${seq}: ${warning} are not modelled: hubspoke ignores them, but they can change IPsec behaviour`,
    );
  }
  const map = mapDraft(ctx, name, line);
  let entry = map.entries.get(seq);
  if (entry === undefined) {
    entry = { seq, type, peers: [], transformSets: [], extraLines: [], loc: ctx.draft.loc(line.line) };
    if (dynamicMap !== undefined) entry.dynamicMap = dynamicMap;
    map.entries.set(seq, entry);
  }
  return new CryptoMapEntryMode(line.indent, name, entry);
}
