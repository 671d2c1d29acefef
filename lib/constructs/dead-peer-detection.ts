/**
 * Dead peer detection as a construct prop: `crypto isakmp keepalive S [R] [periodic|on-demand]`
 * (docs/ios-semantics.md#dead-peer-detection). The Router renders it; the patterns turn it on by
 * default where every release of the platform has it.
 */
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { DPD_MODES, DPD_RETRY_SECONDS, DPD_SECONDS, DPD_SUPPORT } from '../ir/ike-vocabulary.js';
import type { Platform } from '../ir/router-config.js';

/** Dead peer detection settings. */
export interface DeadPeerDetectionProps {
  /** Seconds between DPD messages (10-3600). */
  readonly seconds: number;
  /** Seconds between retries while the peer does not answer (2-60). @default 2 (IOS default, not printed) */
  readonly retry?: number;
  /**
   * `periodic`: a message every `seconds` whatever the traffic (IOS 12.3(7)T and later);
   * `on-demand`: only when there is traffic to send and nothing was heard from the peer.
   * @default 'on-demand' (IOS default, not printed)
   */
  readonly mode?: 'periodic' | 'on-demand';
}

/**
 * What the Hub and Spoke patterns emit unless told otherwise, on platforms whose every release has
 * DPD: periodic (a side that sends nothing still learns that its peer rebooted, and `set peer`
 * failover needs a dead peer declared), every 10 s with 3 s between retries.
 */
export const DEFAULT_DEAD_PEER_DETECTION: DeadPeerDetectionProps = { seconds: 10, retry: 3, mode: 'periodic' };

/** The patterns' default for a platform: none on IOS 12.2 mainline, which lacks the command. */
export function defaultDeadPeerDetection(platform: Platform): DeadPeerDetectionProps | undefined {
  return DPD_SUPPORT[platform].mainline ? DEFAULT_DEAD_PEER_DETECTION : undefined;
}

const SECONDS = `is not a DPD interval (${DPD_SECONDS.min}-${DPD_SECONDS.max} s)`;
const RETRY = `is not a DPD retry interval (${DPD_RETRY_SECONDS.min}-${DPD_RETRY_SECONDS.max} s)`;

/** zod schema of {@link DeadPeerDetectionProps}. */
export const deadPeerDetectionSchema = lazy(() =>
  zod().object({
    seconds: zod().number().int().min(DPD_SECONDS.min, { message: SECONDS }).max(DPD_SECONDS.max, { message: SECONDS }),
    retry: zod()
      .number()
      .int()
      .min(DPD_RETRY_SECONDS.min, { message: RETRY })
      .max(DPD_RETRY_SECONDS.max, { message: RETRY })
      .optional(),
    mode: zod()
      .enum(DPD_MODES, { message: `is not a DPD mode (${DPD_MODES.join(', ')})` })
      .optional(),
  }),
);

/** Why a platform cannot render these settings, or undefined. */
export function deadPeerDetectionProblem(platform: Platform, dpd: DeadPeerDetectionProps): string | undefined {
  if (dpd.mode === 'periodic' && !DPD_SUPPORT[platform].periodic) {
    return `deadPeerDetection mode "periodic" needs IOS 12.3(7)T or later; ${platform} does not have it (use on-demand)`;
  }
  return undefined;
}
