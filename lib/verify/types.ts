/**
 * Result types of the proof. The JSON shape (`devices`, `sites`, `pairs`, `findings`, `summary`)
 * is a public contract of `hubspoke verify --format json`: fields may be added, never removed.
 */
import type { Topology } from '../ir/topology.js';
import type { ProblemCode, Severity } from './findings/problem-codes.js';

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
  /**
   * For a cause that breaks several things (a device without a route to many destinations, a
   * route dropping many regions): the smallest few of them, as the message names them ("and
   * more" when there are others). @default - the message names the whole cause
   */
  readonly examples?: readonly string[];
  /** Broken pairs whose path meets this finding (all of them, listed in `pairs` or not). @default 0 */
  readonly brokenPairs?: number;
  /** Unverified pairs whose path meets this finding. @default 0 */
  readonly unverifiedPairs?: number;
}

/** One WAN interface of a device (where its tunnels start and end). */
export interface WanSummary {
  /** Interface name, e.g. `Ethernet1`. */
  readonly interface: string;
  /** The interface's address with its prefix length, `A.B.C.D/N`. */
  readonly address: string;
}

/** A device as the proof sees it. */
export interface DeviceSummary {
  readonly hostname: string;
  readonly file: string;
  readonly role: DeviceRole;
  /** WAN interfaces: from `topology.json` when given, else by the shared WAN rule (`lib/rules/wan.ts`). @default - none known */
  readonly wan?: readonly WanSummary[];
  /** Platform family of the parsed config, e.g. `ios-12.2`. @default - unknown */
  readonly platform?: string;
  /** For spokes: hostname of their hub (topology, else the hub their crypto map peers belong to). @default - unknown */
  readonly hub?: string;
}

/** A site: one LAN prefix of one device. */
export interface SiteSummary {
  readonly device: string;
  /** `A.B.C.D/N`. */
  readonly network: string;
}

/**
 * One configuration line the proof relied on (or found wanting) on a device of a pair's path.
 * Never holds key material: a pre-shared key step names where the keys are, not what they are.
 */
export interface PathStep {
  /**
   * What the step is: `route`, `crypto map entry`, `acl line`, `isakmp policy`, `pre-shared key`,
   * `certificate`, `proposal` (proxy identities, transform sets, PFS), `sa`, `decrypt` or `deliver`.
   */
  readonly kind: string;
  /** The config line, or a one-line description of the step. */
  readonly text: string;
  /** Config file. @default - no location */
  readonly file?: string;
  /** 1-based line in `file`. @default - no location */
  readonly line?: number;
  /** False where the path broke (an error the proof found at this step). @default true */
  readonly ok?: boolean;
  /** More words about the step (peer, chosen policy, transform set, lifetimes, problem code). @default - none */
  readonly note?: string;
}

/** One device the traffic of a pair crosses, with what the proof did there. */
export interface PathHop {
  /** Hostname. */
  readonly device: string;
  /** What happens here, e.g. `encrypt to Hub (10.1.4.1)`, `decrypt, deliver`. @default - not said */
  readonly action?: string;
  /** Hostname of the peer this hop encrypts to. @default - no tunnel from this hop */
  readonly tunnelTo?: string;
  /** `reply` for the hops of the replies (started by the destination). @default 'forward' */
  readonly direction?: 'forward' | 'reply';
  /** The steps on this device, in order. */
  readonly steps: readonly PathStep[];
}

/**
 * The path the proof followed for a pair: the hops of the first direction, then the hops of the
 * replies (`direction: 'reply'`), from the same walk that decided the pair.
 */
export interface PairPath {
  /** Devices in the order the traffic crosses them. */
  readonly hops: readonly PathHop[];
}

/**
 * What the proof says of a pair: `covered` (proven), `broken` (an error on its path) or
 * `unverified` (no error found, but its path crosses a device with a relevant line outside the
 * model, so it cannot be proven; see the NOT_MODELLED findings).
 */
export type PairStatus = 'covered' | 'broken' | 'unverified';

/** Verdict for one ordered site pair (conversation started by `from`). */
export interface PairResult {
  /** Hostname of the device owning the source site. */
  readonly from: string;
  readonly to: string;
  readonly fromNetwork: string;
  readonly toNetwork: string;
  /** True exactly when `status` is `covered`. */
  readonly covered: boolean;
  /** Covered, broken or unverified. */
  readonly status: PairStatus;
  /** Problems on this pair's paths (deduplicated per pair). */
  readonly problems: readonly Problem[];
  /** The path the proof followed, when requested (`VerifyOptions.paths`). @default - not recorded */
  readonly path?: PairPath;
}

/** Counts over all ordered pairs. */
export interface VerifySummary {
  readonly pairs: number;
  readonly covered: number;
  /** Pairs with an error on their path. */
  readonly broken: number;
  /** Pairs without an error whose path crosses a relevant line outside the model (never covered). */
  readonly unverified: number;
  /** Number of distinct error findings. */
  readonly errors: number;
  /** Number of distinct warning findings. */
  readonly warnings: number;
}

/** Pairs left out of `pairs` by {@link VerifyOptions.maxPairs}, by state. */
export interface UnlistedPairs {
  readonly broken: number;
  readonly unverified: number;
  /** Covered pairs left out by the limit (not those `brokenOnly` leaves out). */
  readonly covered: number;
}

/** The proof's result. */
export interface VerifyResult {
  readonly devices: readonly DeviceSummary[];
  readonly sites: readonly SiteSummary[];
  /**
   * Every ordered pair of sites on different devices, or only broken ones with `brokenOnly`; at
   * most `maxPairs` of each kind (the first in site order), the rest counted in `unlisted`.
   */
  readonly pairs: readonly PairResult[];
  /**
   * Every distinct problem: one per code, device, line and cause, however many pairs or
   * destinations it breaks (`brokenPairs`, `examples`).
   */
  readonly findings: readonly Problem[];
  readonly summary: VerifySummary;
  /** True when there is at least one pair, every pair is covered and no finding is an error. */
  readonly ok: boolean;
  /** How sites and roles were determined (`topology` or `inferred`). */
  readonly siteSource: 'topology' | 'inferred';
  /** Pairs the `maxPairs` limit left out of `pairs`. @default - none left out */
  readonly unlisted?: UnlistedPairs;
}

/** The network a proof is about to decide (what {@link VerifyOptions.onStart} receives). */
export interface ProofNetwork {
  readonly devices: readonly DeviceSummary[];
  readonly sites: readonly SiteSummary[];
}

/** Options of the proof. */
export interface VerifyOptions {
  /** Sites, roles and WANs from synth's `topology.json` instead of inference. @default - inferred from the configs */
  readonly topology?: Topology;
  /**
   * Site networks (`A.B.C.D/N`) instead of the inferred sites of devices the topology does not
   * list; each goes to the device with an interface address in it, else the one routing it to a
   * LAN. @default - inferred (docs/ios-semantics.md#sites)
   */
  readonly sites?: readonly string[];
  /**
   * Networks (`A.B.C.D/N`: every site overlapping one) or interfaces (`NAME`, or `HOST:NAME` for
   * one device) that are no sites. @default - none
   */
  readonly exclude?: readonly string[];
  /**
   * Tolerate an ISAKMP lifetime mismatch (some releases use the shorter value instead of rejecting
   * the offer). @default false (the documented IOS rule: offered lifetime <= responder's)
   */
  readonly relaxLifetime?: boolean;
  /** Require exact proxy identities instead of a subset (ASA behaviour). @default false */
  readonly exactProxy?: boolean;
  /** Keep only the pairs that are not covered (broken or unverified) in `pairs` (counts still cover every pair). @default false */
  readonly brokenOnly?: boolean;
  /**
   * Most pairs listed in `pairs`: at most this many broken or unverified pairs and (without
   * `brokenOnly`) this many covered pairs, the first in site order; the others are counted in
   * `unlisted` and, when not covered, passed to `onUnlisted`. Counts, findings and their
   * `brokenPairs` always cover every pair. The CLI lists {@link DEFAULT_MAX_PAIRS}.
   * @default - every pair is listed
   */
  readonly maxPairs?: number;
  /**
   * Called once per ordered pair as it is decided (streaming). Its problems are the findings as
   * they stand when the pair is decided: a finding about several subjects names the first one
   * seen, and has no pair counts; `findings` of the result has their final form.
   * @default - no callback
   */
  readonly onPair?: (pair: PairResult) => void;
  /**
   * Called once per broken or unverified pair that `maxPairs` leaves out of `pairs`, in site order
   * (a report tallies them; problems as for `onPair`). Unlike `onPair` it keeps the bulk proof of
   * covered pairs. @default - no callback
   */
  readonly onUnlisted?: (pair: PairResult) => void;
  /**
   * Called once before the first pair is decided, with the number of ordered pairs (drives a
   * progress bar together with `onPair`) and the devices and sites of the network.
   * @default - no callback
   */
  readonly onStart?: (totalPairs: number, network: ProofNetwork) => void;
  /**
   * Which pairs carry `path` (the hops, routes, crypto map entries, ACL lines, policies, proposals
   * and SAs the proof used). Recording costs a second walk of each chosen pair, so it is off by
   * default:
   * - `'all'`: every pair listed in `pairs` or passed to `onPair` (with `brokenOnly`: the broken ones);
   * - `'report'`: the pairs an HTML report shows: every pair when there are at most
   *   {@link REPORT_ALL_PATHS_MAX_SITES} sites, otherwise the first {@link REPORT_MAX_BROKEN_PATHS}
   *   broken pairs and a small deterministic sample of covered pairs. Pairs with a path are listed
   *   in `pairs` even with `brokenOnly`;
   * - a function: called with each listed (or streamed) pair's verdict; true records its path.
   * @default 'none'
   */
  readonly paths?: PathSelection;
}

/** Which pairs carry a recorded path; see {@link VerifyOptions.paths}. */
export type PathSelection = 'none' | 'all' | 'report' | ((pair: PairResult) => boolean);

/**
 * Pairs of each kind the CLI lists (`hubspoke verify --max-pairs`): every pair of a network of up
 * to 40 sites (`MATRIX_MAX_SITES`), so its coverage matrix is whole.
 */
export const DEFAULT_MAX_PAIRS = 2000;

/** Up to this many sites, `paths: 'report'` records every pair (the report's full matrix). */
export const REPORT_ALL_PATHS_MAX_SITES = 40;

/** Most broken pairs given a path by `paths: 'report'` (the report lists at most this many). */
export const REPORT_MAX_BROKEN_PATHS = 1000;

/** Covered pairs sampled by `paths: 'report'` above {@link REPORT_ALL_PATHS_MAX_SITES} sites. */
export const REPORT_SAMPLE_PATHS = 6;
