/**
 * The coverage matrix (rows = from, columns = to). Up to `MATRIX_MAX_SITES` sites it has one cell
 * per ordered site pair; above, one cell per pair of device groups with covered/total counts (an
 * N x N grid of 200 spokes is unreadable), and a list of broken pairs, which clicking a group cell
 * filters. Pairs absent from the result (`brokenOnly`) are covered.
 */
import { MATRIX_MAX_SITES } from '../ir/presentation.js';
import { groupDevices, type DeviceGroup } from './device-groups.js';
import { reportTally, type PairTally } from './pair-tally.js';
import { pairCodes, pairId, pairLabel } from './pair-details.js';
import { pairStatus, type ReportInput, type ReportPair } from './report-input.js';
import { escapeHtml } from './text-safety.js';
import { SPOKE_GROUPS } from './device-groups.js';

/** Up to this many sites the column headers spell out device and network. */
const WIDE_HEADER_MAX_SITES = 8;

/** Most broken pairs listed (and given a detail section) in one report. */
export const MAX_LISTED_BROKEN = 1000;

function siteKey(device: string, network: string): string {
  return `${device}\u0000${network}`;
}

/** Cell-per-pair matrix. */
export function fullMatrixHtml(input: ReportInput): string {
  const sites = input.sites;
  const pairAt = new Map<string, number>();
  input.pairs.forEach((p, i) => pairAt.set(`${siteKey(p.from, p.fromNetwork)}>${siteKey(p.to, p.toNetwork)}`, i));
  const wide = sites.length <= WIDE_HEADER_MAX_SITES;
  // One site per device: the device name says it all (rows carry the networks).
  const oneSiteEach = new Set(sites.map((s) => s.device)).size === sites.length;
  const out: string[] = ['<table class="matrix full"><thead><tr><th class="corner">from \\ to</th>'];
  sites.forEach((s, j) => {
    const label = !wide
      ? String(j + 1)
      : oneSiteEach
        ? `<span class="dev">${escapeHtml(s.device)}</span>`
        : `<span class="dev">${escapeHtml(s.device)}</span><br>${escapeHtml(s.network)}`;
    out.push(`<th scope="col" title="${escapeHtml(`${s.device} ${s.network}`)}">${label}</th>`);
  });
  out.push('</tr></thead><tbody>');
  sites.forEach((from, i) => {
    out.push(
      `<tr><th scope="row">${wide ? '' : `<span class="idx">${i + 1}</span> `}<span class="dev">${escapeHtml(from.device)}</span> ${escapeHtml(from.network)}</th>`,
    );
    for (const to of sites) {
      if (from.device === to.device) {
        out.push('<td class="cell self" title="same device">·</td>');
        continue;
      }
      const index = pairAt.get(`${siteKey(from.device, from.network)}>${siteKey(to.device, to.network)}`);
      const pair = index === undefined ? undefined : input.pairs[index]!;
      const label = `${from.device} ${from.network} → ${to.device} ${to.network}`;
      const data = index === undefined ? '' : ` data-pair="${pairId(index)}"`;
      if (pair === undefined || pair.covered) {
        out.push(`<td class="cell ok"${data} title="${escapeHtml(`${label}: covered`)}">✓</td>`);
      } else if (pairStatus(pair) === 'unverified') {
        out.push(
          `<td class="cell unverified"${data} tabindex="0" title="${escapeHtml(`${label}: unverified (${pairCodes(pair).join(', ')})`)}">?</td>`,
        );
      } else {
        out.push(
          `<td class="cell broken"${data} tabindex="0" title="${escapeHtml(`${label}: ${pairCodes(pair).join(', ')}`)}">✗</td>`,
        );
      }
    }
    out.push('</tr>');
  });
  out.push('</tbody></table>');
  return out.join('');
}

interface GroupCell {
  total: number;
  broken: number;
}

function groupCells(input: ReportInput, groups: readonly DeviceGroup[], tally: PairTally): GroupCell[][] {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.members.forEach((m) => groupOf.set(m, i)));
  const sitesIn = groups.map(() => 0);
  const sameDevice = groups.map(() => 0);
  const perDevice = new Map<string, number>();
  for (const s of input.sites) perDevice.set(s.device, (perDevice.get(s.device) ?? 0) + 1);
  for (const [d, k] of perDevice) {
    const g = groupOf.get(d);
    if (g === undefined) continue;
    sitesIn[g]! += k;
    sameDevice[g]! += k * k;
  }
  return groups.map((_, a) =>
    groups.map((__, b) => ({
      total: sitesIn[a]! * sitesIn[b]! - (a === b ? sameDevice[a]! : 0),
      broken: tally.cell(a, b),
    })),
  );
}

/**
 * Group-by-group matrix for large networks; `tally` counts the pairs that are not covered (by
 * default from the listed pairs, which must then be all of them).
 */
export function groupMatrixHtml(input: ReportInput, tally: PairTally = reportTally(input)): string {
  const groups = tally.matrixGroups;
  const cells = groupCells(input, groups, tally);
  const out: string[] = [
    '<p class="muted">Large network: one cell per group of devices (rows = from, columns = to), covered/total ordered site pairs. Click a red cell to list its broken pairs.</p>',
    '<table class="matrix groups"><thead><tr><th class="corner">from \\ to</th>',
  ];
  groups.forEach((g, j) => out.push(`<th scope="col" title="${escapeHtml(g.label)}">${j + 1}</th>`));
  out.push('</tr></thead><tbody>');
  groups.forEach((g, a) => {
    out.push(
      `<tr><th scope="row"><span class="idx">${a + 1}</span> <span class="dev">${escapeHtml(g.label)}</span> <span class="muted">(${g.members.length})</span></th>`,
    );
    groups.forEach((h, b) => {
      const c = cells[a]![b]!;
      if (c.total === 0) {
        out.push('<td class="cell self" title="no pairs">·</td>');
        return;
      }
      const title = `${g.label} → ${h.label}: ${c.total - c.broken}/${c.total} covered`;
      const state = c.broken > 0 ? 'broken' : 'ok';
      const data = c.broken > 0 ? ` data-cell="${g.id}-${h.id}" tabindex="0"` : '';
      out.push(`<td class="cell ${state}"${data} title="${escapeHtml(title)}">${c.total - c.broken}/${c.total}</td>`);
    });
    out.push('</tr>');
  });
  out.push('</tbody></table>');
  return out.join('');
}

/** Indexes (into `input.pairs`) of the broken pairs that get a list row and a detail section. */
export function listedBrokenPairs(input: ReportInput): number[] {
  const out: number[] = [];
  for (let i = 0; i < input.pairs.length && out.length < MAX_LISTED_BROKEN; i++) {
    if (!input.pairs[i]!.covered) out.push(i);
  }
  return out;
}

/**
 * The list of broken pairs, each row opening its detail section and naming the cell of the grouped
 * matrix it belongs to (`groups`, when the matrix is grouped).
 */
export function brokenListHtml(
  input: ReportInput,
  indexes: readonly number[],
  matrixGroups?: readonly DeviceGroup[],
): string {
  if (indexes.length === 0) return '<p class="ok-text">No broken pairs.</p>';
  const groups =
    matrixGroups ??
    groupDevices(input.devices, input.sites.length > MATRIX_MAX_SITES ? SPOKE_GROUPS : Number.MAX_SAFE_INTEGER);
  const groupOf = new Map<string, string>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g.id);
  const out: string[] = [
    '<table class="broken-list"><thead><tr><th>from</th><th>to</th><th>problems</th></tr></thead><tbody>',
  ];
  for (const i of indexes) {
    const p: ReportPair = input.pairs[i]!;
    const cell = `${groupOf.get(p.from) ?? ''}-${groupOf.get(p.to) ?? ''}`;
    out.push(
      `<tr data-pair="${pairId(i)}" tabindex="0" data-in-cell="${escapeHtml(cell)}" title="${escapeHtml(pairLabel(p))}"><td>${escapeHtml(`${p.from} ${p.fromNetwork}`)}</td>` +
        `<td>${escapeHtml(`${p.to} ${p.toNetwork}`)}</td><td>${pairStatus(p) === 'unverified' ? 'unverified: ' : ''}<code>${escapeHtml(pairCodes(p).join(', '))}</code></td></tr>`,
    );
  }
  out.push('</tbody></table>');
  const brokenTotal = input.summary.broken + (input.summary.unverified ?? 0);
  if (brokenTotal > indexes.length) {
    out.push(
      `<p class="muted">Showing ${indexes.length} of ${brokenTotal} broken or unverified pairs; \`hubspoke verify --format json --broken-only --max-pairs all\` lists them all.</p>`,
    );
  }
  return out.join('');
}
