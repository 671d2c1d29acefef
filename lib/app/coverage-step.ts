/**
 * The default "parse back and prove coverage" step of synth: `lib/verify`'s prover, which parses
 * the rendered text (never the constructs) and proves every ordered site pair; its messages name
 * the code, file:line and the construct path that produced the line.
 *
 * Synth writes only what its proof can vouch for. A line the proof does not model (NOT_MODELLED:
 * in a synthesized config, nearly always a raw line added through an escape hatch) could drop,
 * rewrite or reroute VPN traffic behind the proof's back, so synth refuses it with the construct
 * path that added it and the line itself. Every other warning of the proof is handed on, with the
 * construct path, to `SynthResult.warnings`, stderr and (in cdktf) the annotations.
 */
import { redactLine, redactMessage } from '../ir/secrets.js';
import type { Problem, VerifyResult } from '../verify/types.js';
import { proveRenderedStack } from '../verify/prove/stack-prover.js';
import type { CoverageProver, CoverageVerdict, ProverWarning, RenderedStack } from './synth.js';

/** The proof synth runs when no other prover is given. */
export const defaultCoverageProver: CoverageProver = (rendered) => proveStack(rendered);

/** The default prover's verdict, with the proof result typed as `lib/verify`'s (for hubspoke/testing). */
export function proveStack(rendered: RenderedStack): CoverageVerdict & { readonly result: VerifyResult } {
  const verdict = proveRenderedStack(rendered);
  const lines = configLines(rendered);
  const refused: string[] = [];
  const warnings: ProverWarning[] = [];
  for (const f of verdict.result.findings) {
    if (f.severity !== 'warning') continue;
    if (f.code === 'NOT_MODELLED') refused.push(unmodelledLine(f, rendered.stackId, lines(f.file, f.line)));
    else warnings.push(proofWarning(f));
  }
  // The lines first: they are the cause of the unverified pairs the proof lists.
  return { errors: [...refused, ...verdict.errors], warnings, report: verdict.report, result: verdict.result };
}

/** A warning finding as synth reports it: the construct path, the code, the text and the hint. */
export function proofWarning(f: Problem): ProverWarning {
  return {
    ...(f.origin !== undefined ? { path: f.origin } : {}),
    code: f.code,
    location: f.line > 0 ? `${f.file}:${f.line}` : f.file,
    // Findings never quote a key; a quoted config line is masked all the same.
    message: redactMessage(`${f.code}: ${f.message}. Fix: ${f.hint}`),
  };
}

/** The synth error for a line the proof does not model, naming who added it and the line. */
function unmodelledLine(f: Problem, stackId: string, text: string | undefined): string {
  const place = f.line > 0 ? `${f.file}:${f.line}` : f.file;
  const quoted = text === undefined ? '' : ` ("${redactLine(text.trim())}")`;
  return (
    `${f.origin ?? stackId}: NOT_MODELLED at ${place}${quoted}: ${f.message}. Synth writes only what its proof can vouch for: ` +
    'remove the line (a raw line added with addLine or extraLines), or express it with constructs the proof models'
  );
}

/** Line `n` (1-based) of a rendered config, splitting each file once and only when asked. */
export function configLines(rendered: RenderedStack): (file: string, line: number) => string | undefined {
  const split = new Map<string, readonly string[]>();
  return (file, line) => {
    let lines = split.get(file);
    if (lines === undefined) {
      lines = rendered.configs.get(file)?.split('\n') ?? [];
      split.set(file, lines);
    }
    return line > 0 ? lines[line - 1] : undefined;
  };
}
