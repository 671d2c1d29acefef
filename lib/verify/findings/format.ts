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
  const broken = new Map<string, string>();
  for (const p of result.pairs) {
    const key = `${index.get(siteKey(p.from, p.fromNetwork))}>${index.get(siteKey(p.to, p.toNetwork))}`;
    if (!p.covered) broken.set(key, p.status === 'unverified' ? '??' : 'XX');
  }
  const rowLabels = labels.map((l, i) => `[${i + 1}] ${l}`);
  const width = maxOf(rowLabels.map((l) => l.length), 9);
  const lines: string[] = [];
  lines.push(`${'from \\ to'.padEnd(width)} ${labels.map((_, j) => `[${j + 1}]`.padStart(4)).join(' ')}`);
  for (let i = 0; i < sites.length; i++) {
    const cells: string[] = [];
    for (let j = 0; j < sites.length; j++) {
      const key = `${i}>${j}`;
      let cell: string;
      if (sites[i]!.device === sites[j]!.device) cell = '.';
      else if (broken.has(key)) cell = broken.get(key)!;
      else cell = 'ok';
      cells.push(cell.padStart(4));
    }
    lines.push(`${rowLabels[i]!.padEnd(width)} ${cells.join(' ')}`);
  }
  return lines;
}

function location(p: Problem): string {
  return p.line > 0 ? `${printableName(p.file)}:${p.line}` : printableName(p.file);
}

function problemLine(p: Problem): string {
  const origin = p.origin ? ` (from ${p.origin})` : '';
  return `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${p.code} ${location(p)}${origin}: ${p.message}\n      hint: ${p.hint}`;
}

function pairLabel(p: PairResult): string {
  return `${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork}`;
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
  for (const d of result.devices) out.push(`  ${printableName(d.hostname)} (${d.role}) ${printableName(d.file)}`);
  out.push('');
  if (result.sites.length <= MATRIX_MAX_SITES) {
    out.push('coverage (rows = from, columns = to):');
    appendAll(out, formatMatrix(result));
  }
  const brokenPairs = result.pairs.filter((p) => !p.covered && p.status !== 'unverified');
  const unverifiedPairs = result.pairs.filter((p) => p.status === 'unverified');
  if (brokenPairs.length > 0) {
    out.push('');
    out.push(`broken pairs (${s.broken}):`);
    for (const p of brokenPairs.slice(0, MAX_LISTED_PAIRS)) {
      out.push(`  ${pairLabel(p)}: ${[...new Set(p.problems.filter((q) => q.severity === 'error').map((q) => q.code))].join(', ')}`);
    }
    if (brokenPairs.length > MAX_LISTED_PAIRS) out.push(`  ... and ${brokenPairs.length - MAX_LISTED_PAIRS} more`);
  }
  if (unverifiedPairs.length > 0) {
    out.push('');
    out.push(`unverified pairs (${s.unverified}): their path crosses a relevant line hubspoke does not model`);
    for (const p of unverifiedPairs.slice(0, MAX_LISTED_PAIRS)) out.push(`  ${pairLabel(p)}: ${unmodelledLines(p)}`);
    if (unverifiedPairs.length > MAX_LISTED_PAIRS) out.push(`  ... and ${unverifiedPairs.length - MAX_LISTED_PAIRS} more`);
  }
  if (listed.length > 0) {
    out.push('');
    out.push('problems by device:');
    const byDevice = new Map<string, Problem[]>();
    for (const f of listed) {
      const list = byDevice.get(f.device) ?? [];
      list.push(f);
      byDevice.set(f.device, list);
    }
    for (const device of [...byDevice.keys()].sort()) {
      out.push(`${printableName(device)}:`);
      const list = byDevice.get(device)!.slice()
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.line - b.line || compareText(a.code, b.code));
      for (const p of list) out.push(problemLine(p));
    }
  }
  out.push('');
  out.push(`${s.pairs} pairs, ${s.covered} covered, ${s.broken} broken, ${s.unverified} unverified; ${s.errors} error(s), ${s.warnings} warning(s): ${verdictWord(result)}`);
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
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
