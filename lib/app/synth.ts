/**
 * Synthesis of one stack (or any construct subtree) into in-memory artifacts:
 * aspects and validation -> produce IR (keys resolved here) -> render -> prove coverage -> topology.
 * Writing is separate (`writeArtifactsAtomically`), so a cdktf integration can call
 * `synthesizeStack` from inside its own stack, and nothing is written when any step fails.
 */
import type { IConstruct } from 'constructs';
import { inspect } from 'node:util';
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { formatTopology, type Topology } from '../ir/topology.js';
import { Annotations, type ConstructWarning } from '../constructs/annotations.js';
import { ConstructError, ValidationError } from '../constructs/errors.js';
import type { KeyPresentation } from '../constructs/ir-context.js';
import { Router, type RouterRole } from '../constructs/router.js';
import { Hub } from '../patterns/hub.js';
import { renderConfig } from '../render/index.js';
import { formatPrefix } from '../ir/ipv4.js';
import { HARNESS_FILE, renderHarness } from '../harness/index.js';
import { withDeviceDetails } from '../report/device-details.js';
import { renderHtmlReportSync } from '../report/html.js';
import { inputDigest } from '../report/input-digest.js';
import type { ReportInput } from '../report/report-input.js';
import { defaultCoverageProver } from './coverage-step.js';
import { buildTopology } from './topology-builder.js';
import { prepareAndValidate } from './validate-tree.js';
import { appendAll } from '../ir/collections.js';

/** Name of the topology file written beside the configs. */
export const TOPOLOGY_FILE = 'topology.json';

/** Name of the HTML coverage report written beside the configs (when `SynthOptions.htmlReport`). */
export const REPORT_FILE = 'report.html';

/** One router's artifacts. */
export interface RouterArtifact {
  readonly hostname: string;
  /** Config file name, `<hostname>.cfg`. */
  readonly file: string;
  readonly platform: Platform;
  readonly role: RouterRole;
  /** Construct path of the Router. */
  readonly path: string;
  /** The IR that was rendered. Holds pre-shared keys in clear text (cleartext presentation). */
  readonly ir: RouterConfig;
  /** Rendered configuration text. */
  readonly text: string;
  /** `sourceMap[i]` = construct path of line i+1. */
  readonly sourceMap: readonly (string | undefined)[];
}

/**
 * Stages of synthesis whose wall-clock duration `SynthOptions.onTiming` reports. `parse` and
 * `proof` are reported from inside `prove` by provers that time their own parts.
 */
export type SynthStage = 'validate' | 'ir' | 'render' | 'topology' | 'prove' | 'parse' | 'proof' | 'report';

/** Receives the duration of one synthesis stage in milliseconds. */
export type SynthTimingCallback = (stage: SynthStage, ms: number) => void;

/** What the coverage prover receives: the rendered text of every config and the topology. */
export interface RenderedStack {
  readonly stackId: string;
  /** File name -> config text. */
  readonly configs: ReadonlyMap<string, string>;
  readonly topology: Topology;
  /** Where the prover may report its `parse` and `proof` durations. @default - nobody listens */
  readonly onTiming?: SynthTimingCallback;
  /**
   * The HTML report will be written from the verdict's result: the prover should record the proof
   * paths it shows (every pair of a small network, else the broken pairs and a sample). @default false
   */
  readonly recordPaths?: boolean;
}

/** A warning of the prover, about a line of the rendered text. */
export interface ProverWarning {
  /** Construct path that produced the line. @default - the stack's path */
  readonly path?: string;
  /** The warning: code, what is wrong and how to fix it; never a key. */
  readonly message: string;
  /** Problem code, e.g. `WEAK_PSK`. @default - none */
  readonly code?: string;
  /** `file:line` of the line. @default - none */
  readonly location?: string;
}

/** A prover's verdict: synth fails when `errors` is non-empty. */
export interface CoverageVerdict {
  /** One message per unproven pair or unreadable config; non-empty fails synth. */
  readonly errors: readonly string[];
  /**
   * Findings that do not fail synth; they join `SynthResult.warnings` (a plain string belongs to
   * the stack). @default - none
   */
  readonly warnings?: readonly (string | ProverWarning)[];
  /** Printable proof (coverage matrix and counts). @default - none */
  readonly report?: string;
  /** The proof result, for the HTML report (`VerifyResult` of `lib/verify`). @default - no HTML report */
  readonly result?: ReportInput;
}

/**
 * Parses the rendered text back and proves that every ordered site pair is covered. Plugged in
 * by `lib/verify`; it sees only the emitted text, never the constructs.
 */
export type CoverageProver = (rendered: RenderedStack) => CoverageVerdict;

/** Options of `synthesizeStack`. */
export interface SynthOptions {
  /** Stack id (folder name, HKDF salt). @default - the construct's id */
  readonly stackId?: string;
  /** How keys are written. @default 'cleartext' */
  readonly keyPresentation?: KeyPresentation;
  /** Environment to read key variables from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The "parse back and prove coverage" step between render and write. @default - the proof of `lib/verify` */
  readonly proveCoverage?: CoverageProver;
  /**
   * Skip the validation step: aspects, validations and error annotations (the App has already
   * done it for the whole tree). @default false
   */
  readonly skipValidation?: boolean;
  /** Called with the duration of each stage (benchmarks, progress reports). @default - no timing */
  readonly onTiming?: SynthTimingCallback;
  /**
   * Rewrites every clear-text (type 0) pre-shared key of the IR before rendering, so the proof,
   * the configs and the harness all see the rewritten key. The cdktf integration passes an
   * equality-preserving fingerprint here, so its artifacts prove key agreement without holding a
   * key. The result must be a valid IOS key word. @default - keys as `keyPresentation` gives them
   */
  readonly rewriteKey?: (key: string, hostname: string) => string;
  /**
   * Also produce `report.html`, the self-contained HTML coverage report, from the proof result
   * (the `App` turns this on). @default false
   */
  readonly htmlReport?: boolean;
}

/** In-memory result of synthesizing one stack. Printing it never shows file contents or keys. */
export class StackArtifacts {
  constructor(
    /** Stack id. */
    readonly stackId: string,
    /** Per router, in tree order. */
    readonly routers: readonly RouterArtifact[],
    /** topology.json content. */
    readonly topology: Topology,
    /** Warnings of the subtree (constructs and prover). */
    readonly warnings: readonly ConstructWarning[],
    /** The printable coverage proof. @default - no proof ran */
    readonly proofReport?: string,
    /** The HTML coverage report (`report.html`). @default - not produced */
    readonly reportHtml?: string,
  ) {}

  /** File name -> content (`<hostname>.cfg`, `topology.json`, `harness.test.mjs`), sorted by name. */
  get files(): ReadonlyMap<string, string> {
    const entries: [string, string][] = this.routers.map((r) => [r.file, r.text]);
    entries.push([TOPOLOGY_FILE, formatTopology(this.topology)]);
    entries.push([HARNESS_FILE, renderHarness({ stack: this.stackId })]);
    if (this.reportHtml !== undefined) entries.push([REPORT_FILE, this.reportHtml]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Map(entries);
  }

  /** Source maps by config file name. */
  get sourceMaps(): ReadonlyMap<string, readonly (string | undefined)[]> {
    return new Map(this.routers.map((r) => [r.file, r.sourceMap]));
  }

  /** Redacted summary (the configs hold keys). */
  toJSON(): { stackId: string; files: string[]; warnings: readonly ConstructWarning[] } {
    return { stackId: this.stackId, files: [...this.files.keys()], warnings: this.warnings };
  }

  /** Redacted summary. */
  [inspect.custom](): string {
    return `StackArtifacts(${this.stackId}: ${[...this.files.keys()].join(', ')})`;
  }
}

/**
 * Synthesizes the routers below `stack`. Throws one `ValidationError` listing every problem
 * (with construct paths) when validation, key resolution or the proof fails; never writes.
 */
export function synthesizeStack(stack: IConstruct, options: SynthOptions = {}): StackArtifacts {
  const stackId = options.stackId ?? stack.node.id;
  const timed = stageTimer(options.onTiming);
  const errors = options.skipValidation ? [] : timed('validate', () => prepareAndValidate(stack).errors);
  if (errors.length > 0) throw new ValidationError(errors, `Synthesis of stack "${stackId}" failed`);

  // One walk of the tree: a 5,000-spoke stack has about 60,000 constructs.
  const all = stack.node.findAll();
  const routers = all.filter((c): c is Router => Router.isRouter(c));
  const irs: { router: Router; ir: RouterConfig }[] = [];
  const irFailures: unknown[] = [];
  timed('ir', () => {
    for (const router of routers) {
      try {
        const ir = router.toIr({
          stackId,
          keyPresentation: options.keyPresentation ?? 'cleartext',
          ...(options.env ? { env: options.env } : {}),
        });
        irs.push({ router, ir: options.rewriteKey ? rewriteKeys(ir, options.rewriteKey) : ir });
      } catch (e) {
        // Key sources throw errors that name the variable and path, never the key.
        irFailures.push(e);
      }
    }
  });
  appendAll(errors, collapseRepeated(irFailures));
  if (errors.length > 0) throw new ValidationError(errors, `Synthesis of stack "${stackId}" failed`);

  const artifacts: RouterArtifact[] = timed('render', () =>
    irs.map(({ router, ir }) => {
      const rendered = renderConfig(ir);
      return {
        hostname: ir.hostname,
        file: `${ir.hostname}.cfg`,
        platform: ir.platform,
        role: router.role,
        path: router.node.path,
        ir,
        text: rendered.text,
        sourceMap: rendered.sourceMap,
      };
    }),
  );
  const pools = all.filter((c): c is Hub => c instanceof Hub).flatMap((h) => h.sitePools.map(formatPrefix));
  const topology = timed('topology', () =>
    buildTopology(
      stackId,
      artifacts.map((a, i) => ({ router: irs[i]!.router, ir: a.ir, file: a.file, sourceMap: a.sourceMap })),
      [...new Set(pools)],
    ),
  );

  const annotations = Annotations.collect(stack);
  const warnings: ConstructWarning[] = [...annotations.warnings];
  const prover = options.proveCoverage ?? defaultCoverageProver;
  const verdict = timed('prove', () =>
    proveRenderedCoverage(stackId, artifacts, topology, prover, options.onTiming, options.htmlReport === true),
  );
  if (verdict.errors.length > 0)
    throw new ValidationError(verdict.errors, `Coverage proof of stack "${stackId}" failed`);
  // The proof's warnings can be acknowledged like the constructs' (their id is their code), on
  // the construct that produced the line or one of its scopes.
  const acknowledged = Annotations.acknowledgedBy(annotations.acknowledgements);
  for (const w of verdict.warnings ?? []) {
    const warning: ConstructWarning =
      typeof w === 'string'
        ? { path: stack.node.path, message: w }
        : {
            path: w.path ?? stack.node.path,
            message: w.message,
            ...(w.code !== undefined ? { id: w.code, code: w.code } : {}),
            ...(w.location !== undefined ? { location: w.location } : {}),
          };
    if (!acknowledged(warning)) warnings.push(warning);
  }
  const proofResult = verdict.result;
  const reportHtml =
    options.htmlReport && proofResult
      ? timed('report', () =>
          renderHtmlReportSync(withDeviceDetails(proofResult, [], topology), {
            title: `hubspoke coverage report: ${stackId}`,
            inputDigest: inputDigest(artifacts.map((a) => ({ file: a.file, text: a.text }))),
          }),
        )
      : undefined;
  return new StackArtifacts(stackId, artifacts, topology, warnings, verdict.report, reportHtml);
}

/**
 * The proof step: hands the emitted text (not the constructs) to the prover. Without a prover
 * it accepts everything; `lib/verify` plugs its parse-and-prove function in here.
 */
export function proveRenderedCoverage(
  stackId: string,
  routers: readonly RouterArtifact[],
  topology: Topology,
  prover: CoverageProver | undefined,
  onTiming?: SynthTimingCallback,
  recordPaths = false,
): CoverageVerdict {
  if (!prover) return { errors: [] };
  return prover({
    stackId,
    configs: new Map(routers.map((r) => [r.file, r.text])),
    topology,
    ...(onTiming ? { onTiming } : {}),
    ...(recordPaths ? { recordPaths } : {}),
  });
}

/** The IR with each clear-text key (global, in a keyring or an IKEv2 keyring) replaced by `rewrite(key, hostname)`; encrypted keys stay as written. */
function rewriteKeys(ir: RouterConfig, rewrite: (key: string, hostname: string) => string): RouterConfig {
  const one = <K extends { readonly key: string; readonly encryption: 0 | 6 | 7 }>(k: K): K =>
    k.encryption === 0 ? { ...k, key: rewrite(k.key, ir.hostname) } : k;
  return {
    ...ir,
    isakmpKeys: ir.isakmpKeys.map(one),
    ...(ir.keyrings ? { keyrings: ir.keyrings.map((r) => ({ ...r, keys: r.keys.map(one) })) } : {}),
    ...(ir.ikev2Keyrings
      ? {
          ikev2Keyrings: ir.ikev2Keyrings.map((r) => ({
            ...r,
            peers: r.peers.map((p) => ({
              ...p,
              ...(p.key ? { key: one(p.key) } : {}),
              ...(p.localKey ? { localKey: one(p.localKey) } : {}),
              ...(p.remoteKey ? { remoteKey: one(p.remoteKey) } : {}),
            })),
          })),
        }
      : {}),
  };
}

/**
 * One message per distinct problem: a missing key variable fails every router, and eleven copies
 * of one message hide the others. The first path is kept, the rest are counted.
 */
function collapseRepeated(failures: readonly unknown[]): string[] {
  const groups = new Map<string, string[]>();
  const plain: string[] = [];
  for (const f of failures) {
    if (f instanceof ConstructError) {
      const text = f.message.slice(f.message.indexOf(': ') + 2);
      const paths = groups.get(text) ?? [];
      paths.push(f.path);
      groups.set(text, paths);
    } else plain.push(f instanceof Error ? f.message : String(f));
  }
  const out = [...groups].map(([text, paths]) =>
    paths.length === 1 ? `${paths[0]}: ${text}` : `${paths[0]} (and ${paths.length - 1} more): ${text}`,
  );
  return [...out, ...plain];
}

/** Runs a stage and reports its duration when someone listens. */
function stageTimer(onTiming: SynthTimingCallback | undefined): <T>(stage: SynthStage, run: () => T) => T {
  return (stage, run) => {
    if (!onTiming) return run();
    const start = performance.now();
    const value = run();
    onTiming(stage, performance.now() - start);
    return value;
  };
}
