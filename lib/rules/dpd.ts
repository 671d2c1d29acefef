/**
 * Dead peer detection settings of an IKE SA (docs/ios-semantics.md#dead-peer-detection): an ISAKMP
 * profile's `keepalive S retry R` applies to the peers of that profile, else the global `crypto
 * isakmp keepalive S [R] [periodic|on-demand]` (Cisco IOS Security Command Reference, `crypto
 * isakmp keepalive`, `keepalive (isakmp profile)`). DPD decides when a dead peer's SAs are removed
 * (and a `set peer` list fails over), never whether a live tunnel negotiates, so the proof does not
 * depend on it; the emulator shows it.
 */
import type { DeadPeerDetection, RouterConfig } from '../ir/router-config.js';
import { DPD_DEFAULTS } from '../ir/ike-vocabulary.js';
import { profileNamed } from './isakmp-identity.js';

/** DPD with its defaults filled in. */
export interface EffectiveDpd {
  readonly seconds: number;
  readonly retry: number;
  readonly mode: 'periodic' | 'on-demand';
  /** Where it is configured: the profile's name, or `global`. */
  readonly from: string;
}

function effective(d: DeadPeerDetection, from: string, mode: 'periodic' | 'on-demand' | undefined): EffectiveDpd {
  return { seconds: d.seconds, retry: d.retry ?? DPD_DEFAULTS.retry, mode: mode ?? DPD_DEFAULTS.mode, from };
}

/** The DPD an IKE SA bound to `profile` (or none) runs with, or undefined when DPD is off. */
export function deadPeerDetection(config: RouterConfig, profile: string | undefined): EffectiveDpd | undefined {
  const global = config.options.isakmpKeepalive;
  const own = profile === undefined ? undefined : profileNamed(config, profile)?.keepalive;
  // A profile's keepalive has no mode keyword: it keeps the global mode when one is set.
  if (own) return effective(own, profile!, global?.mode);
  return global ? effective(global, 'global', global.mode) : undefined;
}
