/**
 * Dead peer detection settings of an IKE SA (docs/ios-semantics.md#dead-peer-detection): an ISAKMP
 * profile's `keepalive S retry R` applies to the peers of that profile, else the global `crypto
 * isakmp keepalive S [R] [periodic|on-demand]` (Cisco IOS Security Command Reference, `crypto
 * isakmp keepalive`, `keepalive (isakmp profile)`). DPD decides when a dead peer's SAs are removed
 * (and a `set peer` list fails over), never whether a live tunnel negotiates, so the proof does not
 * depend on it; the emulator shows it.
 */
import type { DeadPeerDetection, RouterConfig } from '../ir/router-config.js';
import { DPD_DEFAULTS, DPD_RETRANSMISSIONS } from '../ir/ike-vocabulary.js';
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

/**
 * When a side sends its next R-U-THERE after hearing from the peer at `heardMs` (the SA's birth, or
 * an acknowledgement): periodic DPD every `seconds` whatever the traffic; on-demand DPD never by
 * itself (only {@link onDemandProbeDue} starts one). docs/ios-semantics.md#dead-peer-detection.
 * @returns undefined when no probe is scheduled
 */
export function nextProbeAt(dpd: EffectiveDpd, heardMs: number): number | undefined {
  return dpd.mode === 'periodic' ? heardMs + dpd.seconds * 1000 : undefined;
}

/** On-demand DPD: traffic to send to a peer not heard from for `seconds` starts an R-U-THERE. */
export function onDemandProbeDue(dpd: EffectiveDpd, heardMs: number, nowMs: number): boolean {
  return dpd.mode === 'on-demand' && nowMs - heardMs >= dpd.seconds * 1000;
}

/**
 * An R-U-THERE sent at `sentMs` and not answered is retransmitted one retry interval later; once
 * the first message and its {@link DPD_RETRANSMISSIONS} retransmissions (`misses` in all) went
 * unanswered, the peer is declared dead at that next tick.
 */
export function afterMiss(
  dpd: EffectiveDpd,
  misses: number,
  sentMs: number,
): { readonly at: number; readonly dead: boolean } {
  return { at: sentMs + dpd.retry * 1000, dead: misses > DPD_RETRANSMISSIONS };
}

/**
 * The `set peer` list in the order the next negotiation tries it once DPD declared `dead` dead:
 * from the peer after it, wrapping round (Cisco, "IPsec Dead Peer Detection Periodic Message
 * Option": with multiple peers the router switches over to the next listed peer).
 */
export function failoverOrder(peers: readonly string[], dead: string | undefined): readonly string[] {
  const i = dead === undefined ? -1 : peers.indexOf(dead);
  return i < 0 ? peers : [...peers.slice(i + 1), ...peers.slice(0, i + 1)];
}
