/**
 * The HTML coverage report: one self-contained file (inline CSS, JS and SVG; no network access
 * needed to open it, so it works from a CI artifact) with the summary header, the topology picture,
 * the coverage matrix, the broken pairs, each pair's path and problems, and the findings.
 * Deterministic: the same proof result gives the same bytes (no timestamps, stable orders).
 */
import { appendAll } from '../ir/collections.js';
import { MATRIX_MAX_SITES } from '../ir/presentation.js';
import { brokenListHtml, fullMatrixHtml, groupMatrixHtml, listedBrokenPairs } from './coverage-matrix.js';
import { REPORT_CSS, REPORT_JS } from './html-assets.js';
import { hubspokeVersion } from './hubspoke-version.js';
import { pairDetailHtml } from './pair-details.js';
import { repairSectionHtml, type ReportRepair } from './repair-section.js';
import { findingsHtml, groupListsHtml, headerHtml, platformsOf } from './report-sections.js';
import type { ReportInput } from './report-input.js';
import { escapeHtml } from './text-safety.js';
import { reportTally, type PairTally } from './pair-tally.js';
import { layoutTopology, layoutTopologySync, type TopologyLayout } from './topology-layout.js';
import { buildTopologyModel } from './topology-model.js';
import { topologySvg } from './topology-svg.js';

/** Options of the HTML report. */
export interface HtmlReportOptions {
  /** Page title and heading. @default 'hubspoke coverage report' */
  readonly title?: string;
  /** hubspoke version shown in the header. @default - the installed package's version */
  readonly version?: string;
  /** Platform shown in the header. @default - the devices' platforms, or `unknown` */
  readonly platform?: string;
  /** Digest of the input configs (see `inputDigest`). @default - not shown */
  readonly inputDigest?: string;
  /**
   * The pairs that are not covered and that the result does not list (`VerifyOptions.maxPairs`),
   * tallied while the proof ran (`VerifyOptions.onUnlisted`): the matrix and the picture count
   * them. Required when the result leaves such pairs out. @default - the result lists every one
   */
  readonly unlistedPairs?: PairTally;
  /**
   * The repair plan of a NOT PROVEN run (`hubspoke fix`), shown per device after the broken
   * pairs. @default - no repair section
   */
  readonly repair?: ReportRepair;
}

/** Renders the proof result as one self-contained HTML page. */
export async function renderHtmlReport(input: ReportInput, options: HtmlReportOptions = {}): Promise<string> {
  const tally = reportTally(input, options.unlistedPairs);
  return assemble(input, options, tally, await layoutTopology(buildTopologyModel(input, tally)));
}

/**
 * {@link renderHtmlReport} for callers that cannot await (synth's artifact step): the same bytes.
 */
export function renderHtmlReportSync(input: ReportInput, options: HtmlReportOptions = {}): string {
  const tally = reportTally(input, options.unlistedPairs);
  return assemble(input, options, tally, layoutTopologySync(buildTopologyModel(input, tally)));
}

function assemble(input: ReportInput, options: HtmlReportOptions, tally: PairTally, layout: TopologyLayout): string {
  const title = options.title ?? 'hubspoke coverage report';
  const model = layout.model;
  // A cell per pair only when every pair that is not covered is listed (absent pairs read as covered).
  const full = input.sites.length <= MATRIX_MAX_SITES && !options.unlistedPairs?.total;
  const broken = listedBrokenPairs(input);

  const out: string[] = [];
  out.push('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  // No external fetches: a strict policy documents (and enforces) that the page is self-contained.
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
  );
  out.push(`<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>`);
  out.push(
    headerHtml(input, {
      title,
      version: options.version ?? hubspokeVersion(),
      platform: options.platform ?? platformsOf(input),
      ...(options.inputDigest !== undefined ? { inputDigest: options.inputDigest } : {}),
    }),
  );
  out.push('<main><div class="row">');
  out.push('<section class="card" id="topology"><h2>Topology</h2>');
  out.push(
    `<p class="legend">tunnels:<i class="ok"></i>ok<i class="broken"></i>pairs broken by an error at either end (hover for counts)${model.grouped ? ' · spokes grouped: click a group for its devices' : ''}</p>`,
  );
  out.push(`<div class="topo-wrap">${topologySvg(layout)}</div>`);
  if (model.grouped) out.push(`<div id="groups"><h3>Groups</h3>${groupListsHtml(input, model, tally)}</div>`);
  out.push('</section>');
  out.push(
    `<section class="card" id="coverage"><h2>Coverage matrix</h2><p class="legend">rows = from, columns = to<br>✓ covered · ✗ broken · ? unverified: hover for the codes, click for details</p>`,
  );
  out.push(`<div class="matrix-wrap">${full ? fullMatrixHtml(input) : groupMatrixHtml(input, tally)}</div></section>`);
  out.push('</div>');

  appendAll(out, brokenSection(input, broken, full, tally));
  appendAll(out, repairSectionHtml(options.repair));
  appendAll(out, pairsSection(input, broken, full));

  out.push(
    `<section class="card" id="findings"><h2>Findings (${input.findings.length})</h2>${findingsHtml(input.findings)}</section>`,
  );
  out.push('</main><footer>Generated by hubspoke. Pre-shared keys never appear in this report.</footer>');
  out.push(`<script>${REPORT_JS}</script></body></html>\n`);
  return out.join('\n');
}

/** The list of broken (and unverified) pairs; nothing when every pair is covered. */
function brokenSection(input: ReportInput, broken: readonly number[], full: boolean, tally: PairTally): string[] {
  const out: string[] = [];
  const unverified = input.summary.unverified ?? 0;
  if (input.summary.broken + unverified > 0) {
    const title =
      unverified === 0
        ? `Broken pairs (${input.summary.broken})`
        : `Broken pairs (${input.summary.broken}) and unverified pairs (${unverified})`;
    out.push(`<section class="card" id="broken"><h2>${title}</h2>`);
    if (unverified > 0)
      out.push(
        '<p class="muted">Unverified: the path crosses a relevant config line hubspoke does not model (NOT_MODELLED), so the pair cannot be proven.</p>',
      );
    if (!full)
      out.push(
        '<p id="filter-note" class="muted" hidden>Filtered to <span></span>. <a href="#broken" id="clear-filter">Show all</a></p>',
      );
    out.push(`${brokenListHtml(input, broken, full ? undefined : tally.matrixGroups)}</section>`);
  }
  return out;
}

/** Every pair's details (small networks), or the broken pairs' and the sampled covered paths. */
function pairsSection(input: ReportInput, broken: readonly number[], full: boolean): string[] {
  const out: string[] = [];
  // Broken pairs first: they are what a reader came for. A large network's report also details
  // the covered pairs the verifier sampled a path for (`paths: 'report'`).
  const samples = full
    ? []
    : [...input.pairs.keys()].filter((i) => input.pairs[i]!.covered && input.pairs[i]!.path !== undefined);
  const detailIndexes = full
    ? [...input.pairs.keys()].sort((a, b) => Number(input.pairs[a]!.covered) - Number(input.pairs[b]!.covered) || a - b)
    : broken;
  out.push(`<section class="card" id="pairs"><h2>${full ? 'Pairs' : 'Broken pair details'}</h2>`);
  if (input.pairs.length < input.summary.pairs && full) {
    out.push(
      `<p class="muted">Only broken pairs are listed (${input.summary.pairs - input.pairs.length} covered pairs left out).</p>`,
    );
  }
  if (detailIndexes.length === 0) out.push('<p class="ok-text">Every pair is covered.</p>');
  for (const i of detailIndexes) out.push(pairDetailHtml(input.pairs[i]!, i));
  if (samples.length > 0) {
    out.push(`<h3>Sample paths of covered pairs (${samples.length})</h3>`);
    for (const i of samples) out.push(pairDetailHtml(input.pairs[i]!, i));
  }
  out.push('</section>');
  return out;
}
