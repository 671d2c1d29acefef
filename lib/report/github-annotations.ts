/**
 * GitHub Actions workflow commands (`::error file=F,line=L,title=T::message`), printed when
 * `GITHUB_ACTIONS=true`, so findings show up as annotations on the config lines of a pull request.
 * Escaping follows the workflow-command rules of GitHub's actions toolkit: in the message `%`, CR
 * and LF are percent-encoded; in property values also `:` and `,`.
 */
import { isProven, problemKey, unverifiedCounts, type ReportInput, type ReportProblem } from './report-input.js';
import { redactProse } from './text-safety.js';

/** Escapes the message part of a workflow command. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=`, `title=`) of a workflow command. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: ReportProblem, failsVerdict: boolean): string {
  const props = [`file=${escapeCommandProperty(f.file.split('\\').join('/'))}`];
  if (f.line > 0) props.push(`line=${f.line}`);
  props.push(`title=${escapeCommandProperty(`${f.code} (${f.device})`)}`);
  const command = f.severity === 'error' || failsVerdict ? 'error' : 'warning';
  return `::${command} ${props.join(',')}::${escapeCommandData(`${redactProse(f.message)}\nFix: ${redactProse(f.hint)}`)}`;
}

/** One annotation per finding, then a one-line verdict (`::notice` when proven, else `::error`). */
export function renderGithubAnnotations(input: ReportInput): string {
  // A NOT_MODELLED line that keeps pairs unverified fails the verdict: an error annotation.
  const unverified = unverifiedCounts(input);
  const lines = input.findings.map((f) => annotation(f, unverified.has(problemKey(f))));
  const s = input.summary;
  const proven = isProven(input);
  const nothing = s.pairs === 0 ? ' (nothing to prove)' : '';
  const verdict = `hubspoke: ${s.covered}/${s.pairs} ordered site pairs covered, ${s.broken} broken, ${s.unverified ?? 0} unverified: ${proven ? 'PROVEN' : 'NOT PROVEN'}${nothing}`;
  lines.push(`::${proven ? 'notice' : 'error'} title=hubspoke verify::${escapeCommandData(verdict)}`);
  return `${lines.join('\n')}\n`;
}
