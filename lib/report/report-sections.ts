/**
 * The report's summary header, findings table and group member lists: plain HTML fragments over
 * the proof result.
 */
import { naturalSort } from './device-groups.js';
import { findingCounts, isProven, locationText, type ReportInput, type ReportProblem } from './report-input.js';
import { escapeHtml, redactProse } from './text-safety.js';
import type { TopologyModel } from './topology-model.js';
import { reportTally, type PairTally } from './pair-tally.js';

/** Most findings listed in the findings table. */
export const MAX_LISTED_FINDINGS = 2000;

/** What the summary header shows besides the counts. */
export interface HeaderFacts {
  readonly title: string;
  readonly version: string;
  readonly platform: string;
  readonly inputDigest?: string;
}

/** Platforms of the devices, or `unknown` when the verifier did not say. */
export function platformsOf(input: ReportInput): string {
  const platforms = [
    ...new Set(input.devices.map((d) => d.platform).filter((p): p is string => p !== undefined)),
  ].sort();
  return platforms.length > 0 ? platforms.join(', ') : 'unknown';
}

function stat(value: number, label: string, cls = ''): string {
  return `<div class="stat${cls ? ` ${cls}` : ''}"><b>${value}</b><span>${escapeHtml(label)}</span></div>`;
}

/** The page header: verdict, counts, platform, version and input digest. */
export function headerHtml(input: ReportInput, facts: HeaderFacts): string {
  const proven = isProven(input);
  const { errors, warnings } = findingCounts(input);
  const s = input.summary;
  const out: string[] = ['<header class="top">'];
  out.push(
    `<h1>${escapeHtml(facts.title)} <span class="verdict ${proven ? 'ok' : 'broken'}" id="verdict">${proven ? 'PROVEN' : 'NOT PROVEN'}</span></h1>`,
  );
  out.push('<div class="stats">');
  out.push(stat(input.devices.length, 'devices'));
  out.push(stat(input.sites.length, 'sites'));
  out.push(stat(s.pairs, 'ordered pairs'));
  out.push(stat(s.covered, 'covered', 'ok'));
  out.push(stat(s.broken, 'broken', s.broken > 0 ? 'broken' : ''));
  out.push(stat(s.unverified ?? 0, 'unverified', (s.unverified ?? 0) > 0 ? 'broken' : ''));
  out.push(stat(errors, 'errors', errors > 0 ? 'broken' : ''));
  out.push(stat(warnings, 'warnings', warnings > 0 ? 'warn' : ''));
  out.push('</div><div class="meta">');
  out.push(`<span>platform <code>${escapeHtml(facts.platform)}</code></span>`);
  out.push(`<span>hubspoke <code>${escapeHtml(facts.version)}</code></span>`);
  if (input.siteSource) out.push(`<span>sites <code>${escapeHtml(input.siteSource)}</code></span>`);
  if (facts.inputDigest) out.push(`<span>input <code>${escapeHtml(facts.inputDigest)}</code></span>`);
  out.push('</div></header>');
  return out.join('');
}

/** Findings errors first, then by device and file (natural order), line and code. */
function sortFindings(findings: readonly ReportProblem[]): ReportProblem[] {
  const devices = naturalSort([...new Set(findings.map((f) => f.device))]);
  const files = naturalSort([...new Set(findings.map((f) => f.file))]);
  const deviceRank = new Map(devices.map((d, i) => [d, i]));
  const fileRank = new Map(files.map((f, i) => [f, i]));
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      deviceRank.get(a.device)! - deviceRank.get(b.device)! ||
      fileRank.get(a.file)! - fileRank.get(b.file)! ||
      a.line - b.line ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** All findings (errors first), with location, message and hint. */
export function findingsHtml(findings: readonly ReportProblem[]): string {
  if (findings.length === 0) return '<p class="ok-text">No findings.</p>';
  const sorted = sortFindings(findings);
  const out: string[] = [
    '<table class="findings"><thead><tr><th>severity</th><th>code</th><th>where</th><th>what, and how to fix it</th></tr></thead><tbody>',
  ];
  for (const f of sorted.slice(0, MAX_LISTED_FINDINGS)) {
    out.push(
      `<tr class="${f.severity}"><td><span class="sev">${f.severity}</span></td><td><code>${escapeHtml(f.code)}</code></td>` +
        `<td><b>${escapeHtml(f.device)}</b><br><code>${escapeHtml(locationText(f.file, f.line))}</code></td>` +
        `<td>${escapeHtml(redactProse(f.message))}<div class="hint">Fix: ${escapeHtml(redactProse(f.hint))}</div></td></tr>`,
    );
  }
  out.push('</tbody></table>');
  if (sorted.length > MAX_LISTED_FINDINGS)
    out.push(`<p class="muted">Showing ${MAX_LISTED_FINDINGS} of ${sorted.length} findings.</p>`);
  return out.join('');
}

/**
 * Member lists of the spoke groups of a grouped picture (opened by clicking a group node), with
 * each member's pairs that are not covered (`tally`).
 */
export function groupListsHtml(
  input: ReportInput,
  model: TopologyModel,
  tally: PairTally = reportTally(input),
): string {
  const lans = new Map<string, string[]>();
  for (const s of input.sites) lans.set(s.device, [...(lans.get(s.device) ?? []), s.network]);
  const device = new Map(input.devices.map((d) => [d.hostname, d]));
  const out: string[] = [];
  for (const n of model.nodes) {
    if (n.members.length < 2) continue;
    out.push(
      `<details class="group" id="${escapeHtml(n.id.replace(/^node-/, 'group-'))}"><summary><b>${escapeHtml(n.title)}</b> `,
    );
    out.push(
      `<span class="muted">${n.members.length} devices · ${n.broken > 0 ? `${n.broken} broken pairs` : 'all pairs covered'}</span></summary>`,
    );
    out.push(
      '<table class="members"><thead><tr><th>device</th><th>LANs</th><th>WAN</th><th>broken pairs</th></tr></thead><tbody>',
    );
    for (const m of n.members) {
      const wan = (device.get(m)?.wan ?? []).map((w) => `${w.address} (${w.interface})`).join(', ');
      const broken = tally.brokenOf(m);
      out.push(
        `<tr><td><b>${escapeHtml(m)}</b></td><td><code>${escapeHtml((lans.get(m) ?? []).join(', '))}</code></td>` +
          `<td><code>${escapeHtml(wan)}</code></td><td${broken > 0 ? ' class="error"' : ''}>${broken}</td></tr>`,
      );
    }
    out.push('</tbody></table></details>');
  }
  return out.join('');
}
