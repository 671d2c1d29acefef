/**
 * Pre-shared key lookup and comparison for IKEv1 main mode.
 *
 * `crypto isakmp key K address A [MASK]` binds a key to a peer address or subnet (MASK is a
 * subnet mask; `0.0.0.0 0.0.0.0` is the wildcard key). The initiator looks the key up by the
 * `set peer` address it is calling, the responder by the source address of the IKE packet; the
 * most specific (longest) match wins (Cisco IOS Security Configuration Guide, "Configuring
 * Internet Key Exchange for IPsec VPNs"). A side without a key fails phase 1
 * (`no pre-shared key based on address A`); different keys fail the MM_KEY_EXCH hash check.
 *
 * Keys stored encrypted (type 6, or type 7) cannot be compared from the configuration text: such
 * a comparison is `unverifiable`, never `match`. Results carry the keys' locations only, never
 * their text, and the comparison runs over every character whatever the outcome.
 */
import type { IsakmpKey, Keyring, KeyringKey, RouterConfig, SourceLocation } from '../ir/router-config.js';
import { blockStart, ipToNumber } from '../ir/ipv4.js';
import { IdentityCache } from '../ir/identity-cache.js';

/** A key element without its secret: what reports may show. */
export interface PskKeyRef {
  readonly address: string;
  readonly prefixLength: number;
  readonly encryption: 0 | 6 | 7;
  /** True for `address 0.0.0.0 0.0.0.0`. */
  readonly wildcard: boolean;
  readonly loc?: SourceLocation;
}

/** Outcome of comparing the two sides' keys. */
export type PskVerdict = 'match' | 'mismatch' | 'missing-local' | 'missing-remote' | 'unverifiable';

/** Result of {@link comparePsk}. */
export interface PskComparison {
  readonly verdict: PskVerdict;
  /** The key the local side uses for the remote. @default - none configured */
  readonly localKey?: PskKeyRef;
  /** The key the remote side uses for the local. @default - none configured */
  readonly remoteKey?: PskKeyRef;
}

/** An element found by longest match on its address and prefix length. */
interface AddressKeyed {
  readonly address: string;
  readonly prefixLength: number;
}

/** Elements by prefix length then network address, longest lengths first. */
interface PrefixTable<T> {
  readonly lengths: readonly number[];
  readonly byLength: ReadonlyMap<number, ReadonlyMap<number, T>>;
}

const indexes = new IdentityCache<RouterConfig, PrefixTable<IsakmpKey>>();

/**
 * Built once per config: a hub has one key per spoke and is asked once per spoke, so a scan of
 * every key per lookup would be quadratic.
 */
function keyIndex(config: RouterConfig): PrefixTable<IsakmpKey> {
  return indexes.get(config, (c) => buildPrefixTable(c.isakmpKeys, (k) => k));
}

function buildPrefixTable<E, T extends AddressKeyed>(
  items: readonly E[],
  keyed: (e: E) => T | undefined,
): PrefixTable<E> {
  const byLength = new Map<number, Map<number, E>>();
  for (const item of items) {
    const k = keyed(item);
    if (k === undefined) continue;
    const len = Math.max(0, Math.min(32, k.prefixLength));
    const base = blockStart(ipToNumber(k.address), len);
    let bucket = byLength.get(len);
    if (!bucket) byLength.set(len, (bucket = new Map()));
    // Among equally specific keys the first one in the config wins, as the scan it replaces did.
    if (!bucket.has(base)) bucket.set(base, item);
  }
  return { lengths: [...byLength.keys()].sort((a, b) => b - a), byLength };
}

/** The longest match for an address, with its prefix length. */
function longest<T>(table: PrefixTable<T>, peer: string): { readonly item: T; readonly length: number } | undefined {
  const p = ipToNumber(peer);
  for (const len of table.lengths) {
    const item = table.byLength.get(len)!.get(blockStart(p, len));
    if (item !== undefined) return { item, length: len };
  }
  return undefined;
}

/** The key a router uses for a peer address (longest match over `crypto isakmp key`), or undefined. */
export function findPsk(config: RouterConfig, peer: string): IsakmpKey | undefined {
  return longest(keyIndex(config), peer)?.item;
}

const keyringIndexes = new IdentityCache<Keyring, PrefixTable<KeyringKey>>();

/** A keyring's `pre-shared-key address` lines by prefix (hostname keys are never found by address). */
function keyringIndex(ring: Keyring): PrefixTable<KeyringKey> {
  return keyringIndexes.get(ring, (r) =>
    buildPrefixTable(r.keys, (k) => (k.peer.kind === 'address' ? k.peer : undefined)),
  );
}

/** The longest `pre-shared-key address` match of one keyring for a peer address, with its prefix length. */
export function findKeyringKey(
  ring: Keyring,
  peer: string,
): { readonly key: KeyringKey; readonly length: number } | undefined {
  const hit = longest(keyringIndex(ring), peer);
  return hit ? { key: hit.item, length: hit.length } : undefined;
}

/** The longest global key match for a peer address, with its prefix length. */
export function findGlobalKey(
  config: RouterConfig,
  peer: string,
): { readonly key: IsakmpKey; readonly length: number } | undefined {
  const hit = longest(keyIndex(config), peer);
  return hit ? { key: hit.item, length: hit.length } : undefined;
}

/** A key element stripped of its secret. */
export function pskKeyRef(key: IsakmpKey): PskKeyRef {
  return {
    address: key.address,
    prefixLength: key.prefixLength,
    encryption: key.encryption,
    wildcard: key.prefixLength === 0,
    ...(key.loc ? { loc: key.loc } : {}),
  };
}

/**
 * Compares the key `local` uses for `remoteAddress` with the key `remote` uses for
 * `localAddress` (each side's view of the other's address).
 */
export function comparePsk(
  local: RouterConfig,
  localAddress: string,
  remote: RouterConfig,
  remoteAddress: string,
): PskComparison {
  const l = findPsk(local, remoteAddress);
  const r = findPsk(remote, localAddress);
  const refs = { ...(l ? { localKey: pskKeyRef(l) } : {}), ...(r ? { remoteKey: pskKeyRef(r) } : {}) };
  if (!l) return { verdict: 'missing-local', ...refs };
  if (!r) return { verdict: 'missing-remote', ...refs };
  if (l.encryption !== 0 || r.encryption !== 0) return { verdict: 'unverifiable', ...refs };
  return { verdict: sameSecret(l.key, r.key) ? 'match' : 'mismatch', ...refs };
}

/**
 * True when {@link comparePsk} would say `match`, without building the key references: the
 * proof asks once per device pair, and almost every pair matches.
 */
export function pskMatches(
  local: RouterConfig,
  localAddress: string,
  remote: RouterConfig,
  remoteAddress: string,
): boolean {
  const l = findPsk(local, remoteAddress);
  const r = findPsk(remote, localAddress);
  return l !== undefined && r !== undefined && l.encryption === 0 && r.encryption === 0 && sameSecret(l.key, r.key);
}

/** Equality that reads every character of the longer key whatever the outcome. */
export function sameSecret(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i += 1) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * True when two keys are stored identically (same encryption type and text). The emulator uses
 * it for encrypted keys, which a real router would decrypt: identical stored text is taken as the
 * same key, anything else as different. Not a proof: the verifier reports such keys unverifiable.
 */
export function sameStoredKey(a: IsakmpKey, b: IsakmpKey): boolean {
  return a.encryption === b.encryption && sameSecret(a.key, b.key);
}
