/**
 * How an IKE-negotiated SA ages (docs/ios-semantics.md#sa-lifetimes-and-rekey): an IPsec SA expires
 * when the first of its two lifetimes (seconds, kilobytes) runs out, and IOS negotiates its
 * replacement before that, when traffic needs it inside the soft window: 30 seconds before the
 * seconds lifetime ends, or once 90 percent of the kilobytes lifetime has been used. An IKE SA
 * expires when its seconds lifetime runs out. The emulator applies these rules; the proof does not
 * depend on time.
 */

/** Seconds before the hard seconds lifetime at which a replacement SA is negotiated. */
export const SOFT_LIFETIME_SECONDS_BEFORE = 30;

/** Share of the kilobytes lifetime after which a replacement SA is negotiated. */
export const SOFT_LIFETIME_KILOBYTES_SHARE = 0.9;

/** Where an IPsec SA stands in its life. */
export type IpsecSaAge = 'live' | 'soft' | 'expired';

/** The lifetimes and usage of one IPsec SA pair. */
export interface IpsecSaUsage {
  readonly lifetimeSeconds: number;
  readonly lifetimeKilobytes: number;
  /** Whole seconds since the SA was created. */
  readonly elapsedSeconds: number;
  /** Bytes through the busier of its two directions (each half has the kilobytes lifetime). */
  readonly bytes: number;
}

/** The age of an IPsec SA pair: expired at either hard lifetime, soft inside the rekey window. */
export function ipsecSaAge(u: IpsecSaUsage): IpsecSaAge {
  const kbUsed = Math.floor(u.bytes / 1024);
  if (u.elapsedSeconds >= u.lifetimeSeconds || kbUsed >= u.lifetimeKilobytes) return 'expired';
  if (u.elapsedSeconds >= u.lifetimeSeconds - SOFT_LIFETIME_SECONDS_BEFORE) return 'soft';
  if (kbUsed >= u.lifetimeKilobytes * SOFT_LIFETIME_KILOBYTES_SHARE) return 'soft';
  return 'live';
}

/** True when an IKE SA with this lifetime has run out after the elapsed whole seconds. */
export function ikeSaExpired(lifetimeSeconds: number, elapsedSeconds: number): boolean {
  return elapsedSeconds >= lifetimeSeconds;
}
