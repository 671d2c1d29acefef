/**
 * Result types of the proof. The JSON shape (`devices`, `sites`, `pairs`, `findings`, `summary`)
 * is a public contract of `hubspoke verify --format json`: fields may be added, never removed.
 */
import type { Topology } from '../ir/topology.js';
import type { ProblemCode, Severity } from './problem-codes.js';

/** Role of a device in the hub-and-spoke design. */
export type DeviceRole = 'hub' | 'spoke' | 'other';

/** One problem: a root cause or a consequence found on a pair's path. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** Hostname of the device whose line is at fault. */
  readonly device: string;
  /** Config file of that device. */
  readonly file: string;
  /** 1-based line in `file` (0 when the fault is a missing line with no better anchor). */
  readonly line: number;
  /** What is wrong, naming the lines involved; never contains a key. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** Whether the faulty device is the hub or a spoke of the pair. @default - not pair-specific */
  readonly side?: DeviceRole;
  /** True when found on a path behind an earlier failed hop (analysed as if that hop worked). @default false */
  readonly behind?: boolean;
  /** Construct path that produced the line, when the configs came from synth. @default - unknown */
  readonly origin?: string;
}

/** A device as the proof sees it. */
export interface DeviceSummary {
  readonly hostname: string;
  readonly file: string;
  readonly role: DeviceRole;
}

/** A site: one LAN prefix of one device. */
export interface SiteSummary {
  readonly device: string;
  /** `A.B.C.D/N`. */
  readonly network: string;
}

/** Verdict for one ordered site pair (conversation started by `from`). */
export interface PairResult {
  /** Hostname of the device owning the source site. */
  readonly from: string;
  readonly to: string;
  readonly fromNetwork: string;
  readonly toNetwork: string;
  readonly covered: boolean;
  /** Problems on this pair's paths (deduplicated per pair). */
  readonly problems: readonly Problem[];
}

/** Counts over all ordered pairs. */
export interface VerifySummary {
  readonly pairs: number;
  readonly covered: number;
  readonly broken: number;
  /** Number of distinct error findings. */
  readonly errors: number;
  /** Number of distinct warning findings. */
  readonly warnings: number;
}

/** The proof's result. */
export interface VerifyResult {
  readonly devices: readonly DeviceSummary[];
  readonly sites: readonly SiteSummary[];
  /** Every ordered pair of sites on different devices, or only broken ones with `brokenOnly`. */
  readonly pairs: readonly PairResult[];
  /** Every distinct problem (same code, device, line and message appear once). */
  readonly findings: readonly Problem[];
  readonly summary: VerifySummary;
  /** True when every pair is covered and no finding is an error. */
  readonly ok: boolean;
  /** How sites and roles were determined (`topology` or `inferred`). */
  readonly siteSource: 'topology' | 'inferred';
}

/** Options of the proof. */
export interface VerifyOptions {
  /** Sites, roles and WANs from synth's `topology.json` instead of inference. @default - inferred from the configs */
  readonly topology?: Topology;
  /**
   * Tolerate an ISAKMP lifetime mismatch (some releases use the shorter value instead of rejecting
   * the offer). @default false (the documented IOS rule: offered lifetime <= responder's)
   */
  readonly relaxLifetime?: boolean;
  /** Require exact proxy identities instead of a subset (ASA behaviour). @default false */
  readonly exactProxy?: boolean;
  /** Keep only broken pairs in `pairs` (counts still cover every pair). @default false */
  readonly brokenOnly?: boolean;
  /** Called once per ordered pair as it is decided (streaming). @default - no callback */
  readonly onPair?: (pair: PairResult) => void;
}
