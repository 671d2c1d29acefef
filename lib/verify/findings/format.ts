/**
 * Human and machine renderings of a proof result: a coverage matrix (rows = from, columns = to)
 * with the problems grouped by device, or the JSON contract of `hubspoke verify --format json`.
 */
import { MATRIX_MAX_SITES } from '../../ir/presentation.js';
import type { PairResult, Problem, VerifyResult } from '../types.js';
import { appendAll, compareText, maxOf } from '../../ir/collections.js';
import { printableName, printableText } from '../../ir/printable.js';

/** Maximum broken pairs listed in text when the matrix is too large. */
const MAX_LISTED_PAIRS = 200;

function siteKey(device: string, network: string): string {
  return `${device} ${network}`;
}

/** The coverage matrix as text lines (`ok` covered, `XX` broken, `??` unverified, `.` same device). */
export function formatMatrix(result: VerifyResult): string[] {
  const sites = result.sites;
  const labels = sites.map((s) => siteKey(s.device, s.network));
  const index = new Map(labels.map((l, i) => [l, i]));
  const marks = new Map<string, string>();
  for (const p of result.pairs) {
    const key = `${index.get(siteKey(p.from, p.fromNetwork))}>${index.get(siteKey(p.to, p.toNetwork))}`;
    if (!p.covered) marks.set(key, p.status === 'unverified' ? '??' : 'XX');
    // A pair covered on a condition (docs/problems.md#spoke-must-initiate) is marked as such.
    else if (p.problems.some((q) => q.code === 'SPOKE_MUST_INITIATE')) marks.set(key, 'ok*');
  }
  const rowLabels = labels.map((l, i) => `[${i + 1}] ${l}`);
  const width = maxOf(
    rowLabels.map((l) => l.length),
    9,
  );
  const lines: string[] = [];
  lines.push(`${'from \\ to'.padEnd(width)} ${labels.map((_, j) => `[${j + 1}]`.padStart(4)).join(' ')}`);
  for (let i = 0; i < sites.length; i++) {
    const cells: string[] = [];
    for (let j = 0; j < sites.length; j++) {
      const key = `${i}>${j}`;
      let cell: string;
      if (sites[i]!.device === sites[j]!.device) cell = '.';
      else if (marks.has(key)) cell = marks.get(key)!;
      else cell = 'ok';
      cells.push(cell.padStart(4));
    }
    lines.push(`${rowLabels[i]!.padEnd(width)} ${cells.join(' ')}`);
  }
  if ([...marks.values()].includes('ok*'))
    lines.push('ok* = covered on condition that the destination spoke brought its SA up (SPOKE_MUST_INITIATE)');
  return lines;
}

function location(p: Problem): string {
  return p.line > 0 ? `${printableName(p.file)}:${p.line}` : printableName(p.file);
}

/** ` [N broken pairs]`: how many pairs one cause breaks (the listing may stop earlier). */
function pairCount(p: Problem): string {
  const counts: string[] = [];
  if (p.brokenPairs) counts.push(`${p.brokenPairs} broken pair${p.brokenPairs === 1 ? '' : 's'}`);
  if (p.unverifiedPairs) counts.push(`${p.unverifiedPairs} unverified pair${p.unverifiedPairs === 1 ? '' : 's'}`);
  return counts.length > 0 ? ` [${counts.join(', ')}]` : '';
}

function problemLine(p: Problem): string {
  const origin = p.origin ? ` (from ${p.origin})` : '';
  return `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${p.code} ${location(p)}${origin}: ${p.message}${pairCount(p)}\n      hint: ${p.hint}`;
}

function pairLabel(p: PairResult): string {
  return `${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork}`;
}

/** Devices listed by name in text; beyond, their number. */
export const MAX_LISTED_DEVICES = 200;
/**
 * Findings of one code on one device printed one by one; beyond, the first is printed and the rest
 * counted (a device with no route to 999 sites gets one line, not 999).
 */
export const MAX_FINDINGS_PER_CAUSE = 3;
/** Finding lines in text output (the device being listed is finished); beyond, a summary line counts the rest. */
export const MAX_LISTED_FINDINGS = 1000;

/**
 * The "problems by device" section, bounded: per device, findings grouped by severity and code
 * (cause); a group larger than {@link MAX_FINDINGS_PER_CAUSE} prints its first finding and a count,
 * and after {@link MAX_LISTED_FINDINGS} lines one summary line counts what was left out. Linear in
 * the number of findings, whatever their number.
 */
function problemsByDevice(listed: readonly Problem[]): string[] {
  const byDevice = new Map<string, Problem[]>();
  for (const f of listed) {
    const list = byDevice.get(f.device);
    if (list) list.push(f);
    else byDevice.set(f.device, [f]);
  }
  const out: string[] = [];
  let lines = 0;
  let omitted = 0;
  const omittedDevices = new Set<string>();
  for (const device of [...byDevice.keys()].sort(compareText)) {
    const list = byDevice
      .get(device)!
      .sort(
        (a, b) =>
          (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
          a.line - b.line ||
          compareText(a.code, b.code),
      );
    if (lines >= MAX_LISTED_FINDINGS) {
      omitted += list.length;
      omittedDevices.add(device);
      continue;
    }
    out.push(`${printableName(device)}:`);
    // Small groups keep the line order; a large group is its first finding and a count, in place.
    const size = new Map<string, number>();
    for (const f of list) size.set(`${f.severity} ${f.code}`, (size.get(`${f.severity} ${f.code}`) ?? 0) + 1);
    const summarised = new Set<string>();
    for (const f of list) {
      const cause = `${f.severity} ${f.code}`;
      const n = size.get(cause)!;
      if (n <= MAX_FINDINGS_PER_CAUSE) {
        out.push(problemLine(f));
        lines += 1;
      } else if (!summarised.has(cause)) {
        summarised.add(cause);
        out.push(problemLine(f));
        out.push(
          `      ... and ${n - 1} more ${f.code} ${f.severity}${n - 1 === 1 ? '' : 's'} on ${printableName(device)} (--format json lists every one)`,
        );
        lines += 2;
      }
    }
  }
  if (omitted > 0)
    out.push(
      `... ${omitted} more finding(s) on ${omittedDevices.size} more device(s) not listed (--format json lists every one)`,
    );
  return out;
}

/** Options of {@link formatText}. */
export interface TextFormatOptions {
  /** List warnings under "problems by device" (they are always counted). @default true */
  readonly warnings?: boolean;
}

/** The whole result as text: matrix (or broken pair list), problems by device, counts. */
export function formatText(result: VerifyResult, options: TextFormatOptions = {}): string {
  const listed = options.warnings === false ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const out: string[] = [];
  const s = result.summary;
  out.push(`hubspoke proof: ${s.covered}/${s.pairs} ordered site pairs covered`);
  out.push(`sites (${result.siteSource}): ${result.sites.length} on ${result.devices.length} devices`);
  for (const d of result.devices.slice(0, MAX_LISTED_DEVICES))
    out.push(`  ${printableName(d.hostname)} (${d.role}) ${printableName(d.file)}`);
  if (result.devices.length > MAX_LISTED_DEVICES)
    out.push(`  ... and ${result.devices.length - MAX_LISTED_DEVICES} more devices`);
  out.push('');
  // The matrix marks absent pairs covered: only when every pair that is not covered is listed.
  const whole = (result.unlisted?.broken ?? 0) + (result.unlisted?.unverified ?? 0) === 0;
  if (result.sites.length <= MATRIX_MAX_SITES && whole) {
    out.push('coverage (rows = from, columns = to):');
    appendAll(out, formatMatrix(result));
  }
  const brokenPairs = result.pairs.filter((p) => !p.covered && p.status !== 'unverified');
  const unverifiedPairs = result.pairs.filter((p) => p.status === 'unverified');
  if (brokenPairs.length > 0 || s.broken > 0) {
    out.push('');
    out.push(`broken pairs (${s.broken}):`);
    for (const p of brokenPairs.slice(0, MAX_LISTED_PAIRS)) {
      out.push(
        `  ${pairLabel(p)}: ${[...new Set(p.problems.filter((q) => q.severity === 'error').map((q) => q.code))].join(', ')}`,
      );
    }
    const shown = Math.min(brokenPairs.length, MAX_LISTED_PAIRS);
    if (s.broken > shown) out.push(`  ... and ${s.broken - shown} more`);
  }
  if (unverifiedPairs.length > 0 || s.unverified > 0) {
    out.push('');
    out.push(`unverified pairs (${s.unverified}): their path crosses a relevant line hubspoke does not model`);
    for (const p of unverifiedPairs.slice(0, MAX_LISTED_PAIRS)) out.push(`  ${pairLabel(p)}: ${unmodelledLines(p)}`);
    const shown = Math.min(unverifiedPairs.length, MAX_LISTED_PAIRS);
    if (s.unverified > shown) out.push(`  ... and ${s.unverified - shown} more`);
  }
  if (listed.length > 0) {
    out.push('');
    out.push('problems by device:');
    appendAll(out, problemsByDevice(listed));
  }
  out.push('');
  out.push(
    `${s.pairs} pairs, ${s.covered} covered, ${s.broken} broken, ${s.unverified} unverified; ${s.errors} error(s), ${s.warnings} warning(s): ${verdictWord(result)}`,
  );
  // File names and config words can hold terminal escapes; messages quote them.
  return `${printableText(out.join('\n'))}\n`;
}

/**
 * The one-word verdict: PROVEN, NOT PROVEN, or, when the configs hold no pair of sites on
 * different devices, "nothing to prove" (never PROVEN).
 */
export function verdictWord(result: VerifyResult): string {
  if (result.summary.pairs === 0) return 'NOT PROVEN (nothing to prove: no pair of sites on different devices)';
  return result.ok ? 'PROVEN' : 'NOT PROVEN';
}

/** `NOT_MODELLED at file:line, file:line` for an unverified pair. */
export function unmodelledLines(p: PairResult): string {
  const at = [...new Set(p.problems.filter((q) => q.code === 'NOT_MODELLED').map(location))];
  return `NOT_MODELLED at ${at.join(', ')}`;
}

/** The JSON contract (stable key order, 2-space indentation). */
export function formatJson(result: VerifyResult): string {
  const json = {
    devices: result.devices,
    sites: result.sites,
    pairs: result.pairs,
    findings: result.findings,
    summary: result.summary,
    ok: result.ok,
    siteSource: result.siteSource,
    ...(result.unlisted ? { unlisted: result.unlisted } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
