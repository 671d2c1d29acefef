/**
 * `crypto keyring NAME [vrf V]` and its lines (Cisco IOS Security Command Reference, `crypto
 * keyring`, `pre-shared-key (keyring)`, `local-address (keyring)`). Key text never enters a
 * diagnostic message.
 */
import type { KeyringKey, KeyringPeer, LocalAddress } from '../ir/router-config.js';
import type { KeyringDraft } from './config-draft.js';
import { type ParseContext, type SubMode, restOfLine } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength } from './numbers.js';

const KEYRING_WORDS = new Set(['pre-shared-key', 'local-address', 'description', 'rsa-pubkey']);

/** `local-address A` or `local-address IF` (keyrings and ISAKMP profiles). */
export function readLocalAddress(word: string | undefined): LocalAddress | undefined {
  if (word === undefined) return undefined;
  return dottedQuad(word) >= 0 ? { kind: 'address', address: word } : { kind: 'interface', interface: word };
}

/** The key type and text after `key`: `key [0|6|7] K` (a lone digit is the key itself). */
export function readTypedKey(words: readonly string[], at: number): { key: string; encryption: 0 | 6 | 7 } | undefined {
  const first = words[at];
  const second = words[at + 1];
  if (first === undefined) return undefined;
  if ((first === '0' || first === '6' || first === '7') && second !== undefined) {
    return words.length === at + 2 ? { key: second, encryption: Number(first) as 0 | 6 | 7 } : undefined;
  }
  return words.length === at + 1 ? { key: first, encryption: 0 } : undefined;
}

/** The peer of `pre-shared-key address A [MASK] ...` / `pre-shared-key hostname H ...`, and where `key` sits. */
function readPeer(w: readonly string[]): { peer: KeyringPeer; next: number } | { error: string } {
  if (w[1] === 'hostname') {
    return w[2] === undefined
      ? { error: 'pre-shared-key hostname needs a hostname' }
      : { peer: { kind: 'hostname', hostname: w[2] }, next: 3 };
  }
  const address = w[2];
  if (w[1] !== 'address' || address === undefined)
    return { error: 'pre-shared-key needs "address A [MASK]" or "hostname H", then "key K"' };
  if (dottedQuad(address) < 0) return { error: `pre-shared-key: peer address "${address}" is not an IPv4 address` };
  const mask = w[3];
  if (mask === undefined || mask === 'key') {
    // As for `crypto isakmp key`: 0.0.0.0 without a mask is the wildcard IOS prints with a blank mask.
    return { peer: { kind: 'address', address, prefixLength: address === '0.0.0.0' ? 0 : 32 }, next: 3 };
  }
  // The word after the address may be a key typed without `key`: never quote it unless it is an address.
  if (dottedQuad(mask) < 0)
    return { error: `pre-shared-key for ${address}: the word after the address is neither a netmask nor "key"` };
  const prefixLength = netmaskLength(dottedQuad(mask));
  if (prefixLength < 0) return { error: `pre-shared-key for ${address}: "${mask}" is not a contiguous netmask` };
  return { peer: { kind: 'address', address, prefixLength }, next: 4 };
}

function peerKey(peer: KeyringPeer): string {
  return peer.kind === 'address' ? `${peer.address}/${peer.prefixLength}` : `host ${peer.hostname.toLowerCase()}`;
}

/** The sub-mode of a `crypto keyring` block. */
export class KeyringMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly ring: KeyringDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    const w0 = words[0];
    if (w0 === 'no') return words[1] !== undefined && KEYRING_WORDS.has(words[1]);
    return w0 !== undefined && KEYRING_WORDS.has(w0);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const r = this.ring;
    const w = line.words;
    const where = `crypto keyring ${r.name}`;
    const unmodelled = (what: string): void => {
      ctx.sink.warning(
        'NOT_MODELLED',
        line.line,
        `${where}: ${what} is not modelled: hubspoke ignores it, but it can change IKE authentication`,
      );
      r.extraLines.push(line.text.trimStart());
    };
    switch (w[0]) {
      case 'pre-shared-key':
        return this.readKey(line, ctx, where, unmodelled);
      case 'local-address': {
        const local = readLocalAddress(w[1]);
        if (local === undefined || w.length > 2) {
          ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: local-address needs one interface name or address`);
          return;
        }
        r.localAddress = local;
        return;
      }
      case 'description':
        r.description = restOfLine(w, 1);
        return;
      case 'no':
        if (w[1] === 'description') delete r.description;
        else if (w[1] === 'local-address') delete r.localAddress;
        else if (w[1] === 'pre-shared-key') this.removeKey(w.slice(1));
        else unmodelled(`"no ${w[1] ?? ''}"`);
        return;
      case 'exit':
        return;
      default:
        // `rsa-pubkey` (RSA encrypted nonces) and anything newer than this reader.
        return unmodelled(`"${w[0]}"`);
    }
  }

  private readKey(line: ConfigLine, ctx: ParseContext, where: string, unmodelled: (what: string) => void): void {
    const w = line.words;
    if (w[1] === 'address' && w[2] === 'ipv6') return unmodelled('an IPv6 pre-shared key');
    const peer = readPeer(w);
    if ('error' in peer) {
      ctx.sink.error('MISSING_ARGUMENT', line.line, `${where}: ${peer.error}; key skipped`);
      return;
    }
    const typed = w[peer.next] === 'key' ? readTypedKey(w, peer.next + 1) : undefined;
    if (typed === undefined) {
      ctx.sink.error(
        'MISSING_ARGUMENT',
        line.line,
        `${where}: pre-shared-key needs "key [0|6|7] KEY" after the peer; key skipped`,
      );
      return;
    }
    const key: KeyringKey = {
      peer: peer.peer,
      key: typed.key,
      encryption: typed.encryption,
      loc: ctx.draft.loc(line.line),
    };
    // A second key for the same peer replaces the first, as IOS keeps one key per peer and mask.
    const id = peerKey(peer.peer);
    const at = this.ring.byPeer.get(id);
    if (at === undefined) {
      this.ring.byPeer.set(id, this.ring.keys.length);
      this.ring.keys.push(key);
    } else {
      this.ring.keys[at] = key;
    }
  }

  private removeKey(w: readonly string[]): void {
    const peer = readPeer(w);
    if ('error' in peer) return;
    const id = peerKey(peer.peer);
    const at = this.ring.byPeer.get(id);
    if (at === undefined) return;
    this.ring.keys.splice(at, 1);
    this.ring.byPeer.clear();
    this.ring.keys.forEach((k, i) => this.ring.byPeer.set(peerKey(k.peer), i));
  }
}

/** `crypto keyring NAME [vrf V]`: opens (or re-opens) the keyring. */
export function readKeyring(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[2];
  if (name === undefined || (w[3] !== undefined && (w[3] !== 'vrf' || w[4] === undefined || w.length > 5))) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'crypto keyring needs a name, optionally followed by "vrf NAME"');
    return undefined;
  }
  let ring = ctx.draft.keyrings.get(name);
  if (ring === undefined) {
    ring = { name, keys: [], extraLines: [], byPeer: new Map(), loc: ctx.draft.loc(line.line) };
    ctx.draft.keyrings.set(name, ring);
  }
  if (w[3] === 'vrf') ring.vrf = w[4]!;
  return new KeyringMode(line.indent, ring);
}
