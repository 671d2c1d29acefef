/**
 * JUnit XML, what CI test tabs display: one testcase per ordered site pair (a broken pair fails
 * with its problems), and one per finding that no pair lists (errors fail; warnings pass with the
 * text in system-out). Deterministic: no timestamps, every `time` is 0.
 */
import { locationText, pairStatus, problemKey, type ReportInput, type ReportPair, type ReportProblem } from './report-input.js';
import { escapeXml, redactProse } from './text-safety.js';
import { appendAll } from '../ir/collections.js';

/** Options of the JUnit output. */
export interface JunitOptions {
  /** Name of the test suites' parent. @default 'hubspoke verify' */
  readonly name?: string;
}

function problemText(p: ReportProblem): string {
  const loc = locationText(p.file, p.line);
  return `${p.severity} ${p.code} ${p.device}${loc ? ` ${loc}` : ''}: ${redactProse(p.message)}\n  fix: ${redactProse(p.hint)}`;
}

function pairName(p: ReportPair): string {
  return `${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork}`;
}

function pairCase(p: ReportPair): string {
  const head = `<testcase classname="${escapeXml(`hubspoke.pairs.${p.from}`)}" name="${escapeXml(pairName(p))}" time="0"`;
  if (p.covered) return `    ${head}/>`;
  if (pairStatus(p) === 'unverified') {
    // Not proven either way: a relevant line on the path is outside the model.
    const lines = p.problems.filter((q) => q.code === 'NOT_MODELLED').map((q) => locationText(q.file, q.line));
    const message = `unverified: NOT_MODELLED at ${[...new Set(lines)].join(', ')}`;
    return `    ${head}>\n      <failure message="${escapeXml(message)}" type="UNVERIFIED">${escapeXml(p.problems.map(problemText).join('\n'))}</failure>\n    </testcase>`;
  }
  const errors = p.problems.filter((q) => q.severity === 'error');
  const codes = [...new Set((errors.length > 0 ? errors : p.problems).map((q) => q.code))];
  const message = codes.length > 0 ? codes.join(', ') : 'not covered';
  const body = p.problems.map(problemText).join('\n');
  return `    ${head}>\n      <failure message="${escapeXml(message)}" type="${escapeXml(codes[0] ?? 'NOT_COVERED')}">${escapeXml(body)}</failure>\n    </testcase>`;
}

function findingCase(f: ReportProblem): string {
  const loc = locationText(f.file, f.line);
  const head = `<testcase classname="${escapeXml(`hubspoke.findings.${f.device}`)}" name="${escapeXml(`${f.code} ${loc || f.device}`)}" time="0">`;
  const text = escapeXml(problemText(f));
  if (f.severity === 'error') return `    ${head}\n      <failure message="${escapeXml(f.code)}" type="${escapeXml(f.code)}">${text}</failure>\n    </testcase>`;
  return `    ${head}\n      <system-out>${text}</system-out>\n    </testcase>`;
}

/** Renders the proof result as JUnit XML. */
export function renderJunit(input: ReportInput, options: JunitOptions = {}): string {
  const pairCases = input.pairs.map(pairCase);
  const pairFailures = input.pairs.filter((p) => !p.covered).length;
  const unlisted = input.summary.pairs - input.pairs.length;
  if (unlisted > 0) {
    // `brokenOnly` results omit covered pairs; one passing case keeps the test count honest.
    pairCases.push(`    <testcase classname="hubspoke.pairs" name="${escapeXml(`${unlisted} covered pairs not listed (broken-only)`)}" time="0"/>`);
  }
  const onPairs = new Set<string>();
  for (const p of input.pairs) for (const q of p.problems) onPairs.add(problemKey(q));
  const standalone = input.findings.filter((f) => !onPairs.has(problemKey(f)));
  const findingFailures = standalone.filter((f) => f.severity === 'error').length;

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = pairCases.length + standalone.length;
  out.push(`<testsuites name="${escapeXml(options.name ?? 'hubspoke verify')}" tests="${tests}" failures="${pairFailures + findingFailures}" errors="0" time="0">`);
  out.push(`  <testsuite name="site pairs" tests="${pairCases.length}" failures="${pairFailures}" errors="0" skipped="0" time="0">`);
  appendAll(out, pairCases);
  out.push('  </testsuite>');
  out.push(`  <testsuite name="findings" tests="${standalone.length}" failures="${findingFailures}" errors="0" skipped="0" time="0">`);
  appendAll(out, standalone.map(findingCase));
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
