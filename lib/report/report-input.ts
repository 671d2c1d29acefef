/**
 * What the report stage reads: the proof's result (`VerifyResult` of `lib/verify/` satisfies
 * these interfaces structurally), plus optional richer data (WAN addresses, platform, the path the
 * proof followed) that the report shows when present. The report never derives IOS behaviour from
 * configs itself: everything it says about a pair comes from these fields.
 */
import type { PairPath, PathHop, PathStep } from '../verify/types.js';

/** A problem as the proof reports it (same fields as `Problem` in `lib/verify/types.ts`). */
export interface ReportProblem {
  /** Stable problem code, e.g. `NO_ROUTE`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Hostname of the device whose line is at fault. */
  readonly device: string;
  /** Config file of that device, as given to the verifier. */
  readonly file: string;
  /** 1-based line in `file`; 0 when there is no better anchor. */
  readonly line: number;
  /** What is wrong (never contains a key). */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /** True when found behind an earlier failed hop. @default false */
  readonly behind?: boolean;
  /** Construct path that produced the line. @default - unknown */
  readonly origin?: string;
  /** The smallest few of the things this cause breaks, as the message names them. @default - the message names the whole cause */
  readonly examples?: readonly string[];
  /** Broken pairs this finding is on, listed or not. @default - counted over the listed pairs */
  readonly brokenPairs?: number;
  /** Unverified pairs this finding is on, listed or not. @default - counted over the listed pairs */
  readonly unverifiedPairs?: number;
}

/** One WAN interface of a device. */
export interface ReportWan {
  /** Interface name, e.g. `Ethernet1`. */
  readonly interface: string;
  /** `A.B.C.D/N`. */
  readonly address: string;
}

/** A device as the proof saw it. */
export interface ReportDevice {
  /** Hostname (the `hostname` line). */
  readonly hostname: string;
  /** Config file, as given to the verifier. */
  readonly file: string;
  /** Role in the hub-and-spoke design. */
  readonly role: 'hub' | 'spoke' | 'other';
  /** WAN interfaces (shown in the topology picture). @default - not shown */
  readonly wan?: readonly ReportWan[];
  /** Platform family, e.g. `ios-12.2`. @default - not shown */
  readonly platform?: string;
  /** For spokes: hostname of their hub. @default - connected to every hub */
  readonly hub?: string;
}

/** A site: one LAN prefix of one device. */
export interface ReportSite {
  /** Hostname of the owning device. */
  readonly device: string;
  /** `A.B.C.D/N`. */
  readonly network: string;
}

/** One configuration line the proof relied on at a step of a path (the verifier's `PathStep`). */
export type ReportPathStep = PathStep;

/** One device the traffic of a pair crosses (the verifier's `PathHop`). */
export type ReportPathHop = PathHop;

/** The path the proof followed for a pair (the verifier's `PairPath`; shown when present). */
export type ReportPath = PairPath;

/** Verdict for one ordered site pair. */
export interface ReportPair {
  /** Hostname of the device owning the source site. */
  readonly from: string;
  /** Hostname of the device owning the destination site. */
  readonly to: string;
  /** Source site, `A.B.C.D/N`. */
  readonly fromNetwork: string;
  /** Destination site, `A.B.C.D/N`. */
  readonly toNetwork: string;
  /** True when the proof covers the pair. */
  readonly covered: boolean;
  /**
   * Covered, broken (an error on its path) or unverified (its path crosses a relevant line the
   * proof does not model). @default - `covered` or `broken` from `covered`
   */
  readonly status?: 'covered' | 'broken' | 'unverified';
  /** Problems on the pair's paths. */
  readonly problems: readonly ReportProblem[];
  /** The path the proof followed. @default - no path shown */
  readonly path?: ReportPath;
}

/** Counts over all ordered pairs (also those left out by `brokenOnly`). */
export interface ReportSummary {
  /** Ordered site pairs. */
  readonly pairs: number;
  /** Covered pairs. */
  readonly covered: number;
  /** Broken pairs. */
  readonly broken: number;
  /** Unverified pairs (never covered). @default 0 */
  readonly unverified?: number;
  /** Distinct error findings. @default - counted from `findings` */
  readonly errors?: number;
  /** Distinct warning findings. @default - counted from `findings` */
  readonly warnings?: number;
}

/** The proof's result as the report reads it. */
export interface ReportInput {
  /** Every device the proof saw. */
  readonly devices: readonly ReportDevice[];
  /** Every site (LAN prefix), in the verifier's order. */
  readonly sites: readonly ReportSite[];
  /** Every ordered pair, or only broken ones (`brokenOnly`): absent pairs are covered. */
  readonly pairs: readonly ReportPair[];
  /** Every distinct problem. */
  readonly findings: readonly ReportProblem[];
  /** Counts over every pair. */
  readonly summary: ReportSummary;
  /** True when proven. @default - `summary.broken === 0` and no error finding */
  readonly ok?: boolean;
  /** How sites were determined. @default - not shown */
  readonly siteSource?: string;
  /** Pairs the listing limit left out of `pairs`, by state. @default - none left out */
  readonly unlisted?: { readonly broken: number; readonly unverified: number; readonly covered: number };
}

/** Whether the result proves coverage (uses `ok` when the verifier set it). */
export function isProven(input: ReportInput): boolean {
  if (input.ok !== undefined) return input.ok;
  const s = input.summary;
  return (
    s.pairs > 0 && s.broken === 0 && (s.unverified ?? 0) === 0 && !input.findings.some((f) => f.severity === 'error')
  );
}

/** The state of a pair (results without `status` say covered or broken). */
export function pairStatus(p: ReportPair): 'covered' | 'broken' | 'unverified' {
  return p.status ?? (p.covered ? 'covered' : 'broken');
}

/**
 * Per finding (by code, device, file, line and message): how many pairs it keeps unverified (its
 * own count when the verifier gives one, else over the listed pairs). A NOT_MODELLED finding with
 * a count fails the verdict, so outputs that grade findings show it as an error.
 */
export function unverifiedCounts(input: ReportInput): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of input.pairs) {
    if (pairStatus(p) !== 'unverified') continue;
    for (const q of p.problems) {
      if (q.code !== 'NOT_MODELLED') continue;
      const key = problemKey(q);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  // The verifier counts every pair, also those a listing limit left out.
  for (const f of input.findings) {
    if (f.code === 'NOT_MODELLED' && (f.unverifiedPairs ?? 0) > (out.get(problemKey(f)) ?? 0))
      out.set(problemKey(f), f.unverifiedPairs!);
  }
  return out;
}

/** Identity of a finding across the result's lists. */
export function problemKey(p: ReportProblem): string {
  return `${p.code}\u0000${p.device}\u0000${p.file}\u0000${p.line}\u0000${p.message}`;
}

/** Error and warning counts (from the summary when the verifier set them). */
export function findingCounts(input: ReportInput): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of input.findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors: input.summary.errors ?? errors, warnings: input.summary.warnings ?? warnings };
}

/** `file:line`, or just `file` when the line is 0 or unknown. */
export function locationText(file: string | undefined, line: number | undefined): string {
  if (file === undefined || file === '') return '';
  return line !== undefined && line > 0 ? `${file}:${line}` : file;
}
