/**
 * The synth-time proof: parse the rendered text back (never the constructs), prove coverage with
 * the topology synth wrote, and turn every error finding into one message naming the code, the
 * file:line and the construct path that produced the line (from the render source map). Its shape
 * fits `CoverageProver` of `lib/app/synth.ts` structurally, so verify does not import app.
 */
import type { Topology } from '../../ir/topology.js';
import { parseConfig } from '../../parse/index.js';
import { formatText, unmodelledLines } from '../findings/format.js';
import { DEFAULT_MAX_PAIRS, type Problem, type VerifyOptions, type VerifyResult } from '../types.js';
import { redactLine } from '../../ir/secrets.js';
import { originFromTopology, verifyNetwork } from './verify-network.js';

/** The rendered stack as synth hands it over. */
export interface RenderedStackInput {
  readonly stackId: string;
  /** File name -> config text. */
  readonly configs: ReadonlyMap<string, string>;
  readonly topology: Topology;
  /** Receives the `parse` and `proof` durations in milliseconds. @default - no timing */
  readonly onTiming?: (stage: 'parse' | 'proof', ms: number) => void;
  /**
   * An HTML report will be written from the result: record the paths it shows
   * (`VerifyOptions.paths: 'report'`). @default false
   */
  readonly recordPaths?: boolean;
}

/** Verdict of the synth-time proof. */
export interface StackProofVerdict {
  /** One message per error finding and per parse error; empty when proven. */
  readonly errors: readonly string[];
  /** One message per warning finding. */
  readonly warnings: readonly string[];
  /** The full proof result. */
  readonly result: VerifyResult;
  /** The printable proof (coverage matrix, problems, counts). */
  readonly report: string;
}

/** One line for a finding: code, place, construct path, message, hint. */
export function describeProblem(p: Problem): string {
  const place = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  // Synth errors start with a construct path (the ValidationError convention).
  return `${p.origin ?? p.device}: ${p.code} at ${place}: ${p.message}. Fix: ${p.hint}`;
}

/** Parses the rendered configs and proves every ordered site pair. */
export function proveRenderedStack(input: RenderedStackInput, options: VerifyOptions = {}): StackProofVerdict {
  const names = [...input.configs.keys()].filter((n) => n.endsWith('.cfg')).sort();
  const t0 = performance.now();
  const errors: string[] = [];
  const origin = originFromTopology(input.topology);
  const files = names.map((file) => {
    const text = input.configs.get(file)!;
    const parsed = parseConfig(text, { file });
    let lines: readonly string[] | undefined;
    for (const d of parsed.diagnostics) {
      if (d.severity !== 'error') continue;
      // A line the parser cannot read is nearly always a raw line (escape hatch): name the
      // construct that added it and quote it (key lines masked).
      lines ??= text.split('\n');
      const quoted =
        d.line > 0 && lines[d.line - 1] !== undefined ? ` ("${redactLine(lines[d.line - 1]!.trim())}")` : '';
      const who = (d.line > 0 ? origin?.(file, d.line) : undefined) ?? input.stackId;
      errors.push(
        `${who}: ${d.code} at ${d.file}:${d.line}${quoted}: the rendered config does not parse back: ${d.message}`,
      );
    }
    return { ...parsed, file };
  });
  const t1 = performance.now();
  input.onTiming?.('parse', t1 - t0);
  const result = verifyNetwork(files, {
    // A badly broken stack names its first pairs, and every cause among the findings.
    maxPairs: DEFAULT_MAX_PAIRS,
    ...options,
    topology: input.topology,
    brokenOnly: true,
    ...(input.recordPaths ? { paths: 'report' as const } : {}),
  });
  input.onTiming?.('proof', performance.now() - t1);
  for (const f of result.findings) if (f.severity === 'error') errors.push(describeProblem(f));
  for (const p of result.pairs) {
    if (p.covered) continue;
    if (p.status === 'unverified') {
      errors.push(
        `${input.stackId}: pair ${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork} is unverified (${unmodelledLines(p)}): a relevant line hubspoke does not model is on its path`,
      );
      continue;
    }
    const causes = [...new Set(p.problems.filter((x) => x.severity === 'error').map((x) => x.code))].join(', ');
    errors.push(
      `${input.stackId}: pair ${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork} is not covered (${causes})`,
    );
  }
  const left = (result.unlisted?.broken ?? 0) + (result.unlisted?.unverified ?? 0);
  if (left > 0)
    errors.push(
      `${input.stackId}: ${left} more pairs are not covered (not listed; the findings above name their causes)`,
    );
  const warnings = result.findings.filter((f) => f.severity === 'warning').map(describeProblem);
  // Synth already prints the constructs' warnings; the report lists errors and counts warnings.
  return { errors, warnings, result, report: formatText(result, { warnings: false }) };
}
