/**
 * JUnit XML, what CI test tabs display: one testcase per listed ordered site pair (a broken pair
 * fails with its problems), one for the pairs a listing limit left out (failing, with their
 * causes), and one per finding that no listed pair lists (errors fail; warnings pass with the text
 * in system-out). Deterministic: no timestamps, every `time` is 0.
 */
import {
  locationText,
  pairStatus,
  problemKey,
  type ReportInput,
  type ReportPair,
  type ReportProblem,
} from './report-input.js';
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
  if (f.severity === 'error')
    return `    ${head}\n      <failure message="${escapeXml(f.code)}" type="${escapeXml(f.code)}">${text}</failure>\n    </testcase>`;
  return `    ${head}\n      <system-out>${text}</system-out>\n    </testcase>`;
}

/** Renders the proof result as JUnit XML. */
export function renderJunit(input: ReportInput, options: JunitOptions = {}): string {
  const pairCases = input.pairs.map(pairCase);
  let pairFailures = input.pairs.filter((p) => !p.covered).length;
  const coveredLeft = input.summary.covered - (input.pairs.length - pairFailures);
  if (coveredLeft > 0) {
    // `brokenOnly` results omit covered pairs; one passing case keeps the test count honest.
    const why = (input.unlisted?.covered ?? 0) > 0 ? 'over the listing limit' : 'broken-only';
    pairCases.push(
      `    <testcase classname="hubspoke.pairs" name="${escapeXml(`${coveredLeft} covered pairs not listed (${why})`)}" time="0"/>`,
    );
  }
  const notCoveredLeft = input.summary.broken + (input.summary.unverified ?? 0) - pairFailures;
  if (notCoveredLeft > 0) {
    // Past the listing limit (`--max-pairs`) the other broken pairs are one failing case; their
    // causes are the findings (the findings suite lists those no listed pair names).
    const byCode = new Map<string, number>();
    for (const f of input.findings)
      if ((f.brokenPairs ?? 0) + (f.unverifiedPairs ?? 0) > 0) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    const causes = [...byCode].map(([code, n]) => `${code}: ${n} finding${n === 1 ? '' : 's'}`).join(', ');
    const name = `${notCoveredLeft} more broken or unverified pairs not listed (over the listing limit)`;
    const body = `their causes by code: ${causes || 'see the findings'}`;
    pairCases.push(
      `    <testcase classname="hubspoke.pairs" name="${escapeXml(name)}" time="0">\n      <failure message="${escapeXml(name)}" type="NOT_LISTED">${escapeXml(body)}</failure>\n    </testcase>`,
    );
    pairFailures += 1;
  }
  const onPairs = new Set<string>();
  for (const p of input.pairs) for (const q of p.problems) onPairs.add(problemKey(q));
  const standalone = input.findings.filter((f) => !onPairs.has(problemKey(f)));
  const findingFailures = standalone.filter((f) => f.severity === 'error').length;

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const tests = pairCases.length + standalone.length;
  out.push(
    `<testsuites name="${escapeXml(options.name ?? 'hubspoke verify')}" tests="${tests}" failures="${pairFailures + findingFailures}" errors="0" time="0">`,
  );
  out.push(
    `  <testsuite name="site pairs" tests="${pairCases.length}" failures="${pairFailures}" errors="0" skipped="0" time="0">`,
  );
  appendAll(out, pairCases);
  out.push('  </testsuite>');
  out.push(
    `  <testsuite name="findings" tests="${standalone.length}" failures="${findingFailures}" errors="0" skipped="0" time="0">`,
  );
  appendAll(out, standalone.map(findingCase));
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
