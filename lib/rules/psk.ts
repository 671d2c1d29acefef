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
import type { IsakmpKey, RouterConfig, SourceLocation } from '../ir/router-config.js';
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

/** A router's keys by prefix length then network address, longest lengths first. */
interface KeyIndex {
  readonly lengths: readonly number[];
  readonly byLength: ReadonlyMap<number, ReadonlyMap<number, IsakmpKey>>;
}

const indexes = new IdentityCache<RouterConfig, KeyIndex>();

/**
 * Built once per config: a hub has one key per spoke and is asked once per spoke, so a scan of
 * every key per lookup would be quadratic.
 */
function keyIndex(config: RouterConfig): KeyIndex {
  return indexes.get(config, buildKeyIndex);
}

function buildKeyIndex(config: RouterConfig): KeyIndex {
  const byLength = new Map<number, Map<number, IsakmpKey>>();
  for (const k of config.isakmpKeys) {
    const len = Math.max(0, Math.min(32, k.prefixLength));
    const base = blockStart(ipToNumber(k.address), len);
    let bucket = byLength.get(len);
    if (!bucket) byLength.set(len, (bucket = new Map()));
    // Among equally specific keys the first one in the config wins, as the scan it replaces did.
    if (!bucket.has(base)) bucket.set(base, k);
  }
  return { lengths: [...byLength.keys()].sort((a, b) => b - a), byLength };
}

/** The key a router uses for a peer address (longest match), or undefined. */
export function findPsk(config: RouterConfig, peer: string): IsakmpKey | undefined {
  const p = ipToNumber(peer);
  const index = keyIndex(config);
  for (const len of index.lengths) {
    const key = index.byLength.get(len)!.get(blockStart(p, len));
    if (key) return key;
  }
  return undefined;
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
export function pskMatches(local: RouterConfig, localAddress: string, remote: RouterConfig, remoteAddress: string): boolean {
  const l = findPsk(local, remoteAddress);
  const r = findPsk(remote, localAddress);
  return l !== undefined && r !== undefined && l.encryption === 0 && r.encryption === 0 && sameSecret(l.key, r.key);
}

/** Equality that reads every character of the longer key whatever the outcome. */
function sameSecret(a: string, b: string): boolean {
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
