/**
 * Equality-preserving fingerprints of pre-shared keys, for the artifacts synthesized in cdktf mode.
 *
 * In cdktf mode the router configs under `hubspoke/` carry `hs-fp-<hex>` in place of each key, so
 * the emitted harness and `hubspoke verify` still prove that both ends of every tunnel hold the
 * same key (equal keys give equal fingerprints) without the artifacts holding a secret. The real
 * keys reach Terraform only through sensitive variables (see `secrets-file.ts`).
 *
 * HMAC-SHA256 keyed by the PSK over a fixed label: recovering the key from a fingerprint takes a
 * guess-and-check search over keys, which is hopeless for derived (256-bit) keys but NOT for short
 * human-chosen keys: docs/cdktf.md says so. 128 bits of output make an accidental collision (two
 * different keys shown as equal) negligible. The result is a single word of [a-z0-9-], 38
 * characters, which IOS accepts as a `crypto isakmp key` (at most 128 characters, no spaces), so the
 * parser and the proof read it like any key.
 */
import { createHmac } from 'node:crypto';

/** Prefix of every fingerprint; a key that starts with it is treated as already fingerprinted. */
export const KEY_FINGERPRINT_PREFIX = 'hs-fp-';

/** Fixed HMAC message; changing it changes every fingerprint (bump the version suffix). */
const LABEL = 'hubspoke psk fingerprint v1';

/** The fingerprint of a pre-shared key: `hs-fp-` + 32 hex digits. */
export function keyFingerprint(key: string): string {
  return KEY_FINGERPRINT_PREFIX + createHmac('sha256', key).update(LABEL).digest('hex').slice(0, 32);
}

/** True when `s` has the exact shape of a fingerprint. */
export function isKeyFingerprint(s: string): boolean {
  return /^hs-fp-[0-9a-f]{32}$/.test(s);
}
