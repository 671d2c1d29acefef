/**
 * Reports people look at: pure functions from the proof's result to artifacts (a self-contained
 * HTML coverage report with a topology picture, JUnit XML, SARIF 2.1.0, GitHub Actions
 * annotations) and the progress bar for long runs.
 * @packageDocumentation
 */
export { renderHtmlReport, renderHtmlReportSync } from './html.js';
export type { HtmlReportOptions } from './html.js';
export type { ReportRepair, ReportRepairDevice } from './repair-section.js';
export { renderJunit } from './junit.js';
export type { JunitOptions } from './junit.js';
export { renderSarif, sarifLog, sarifRules, artifactUri, SARIF_SCHEMA_URI } from './sarif.js';
export type { SarifLog, SarifRun, SarifDriver, SarifRule, SarifResult, SarifOptions } from './sarif.js';
export { renderGithubAnnotations, escapeCommandData, escapeCommandProperty } from './github-annotations.js';
export { createProgress } from './progress.js';
export type { Progress, ProgressOptions, ProgressStream } from './progress.js';
export { inputDigest } from './input-digest.js';
export type { ConfigText } from './input-digest.js';
export { withDeviceDetails } from './device-details.js';
export type { DeviceConfig } from './device-details.js';
export { isProven, findingCounts, locationText } from './report-input.js';
export type {
  ReportInput,
  ReportDevice,
  ReportSite,
  ReportPair,
  ReportProblem,
  ReportPath,
  ReportPathHop,
  ReportPathStep,
  ReportSummary,
  ReportWan,
} from './report-input.js';
export { buildTopologyModel, MAX_INDIVIDUAL_SPOKES, SPOKE_GROUPS } from './topology-model.js';
export { PairTally, reportTally } from './pair-tally.js';
export type { DeviceGroup } from './device-groups.js';
export type { TopologyModel, TopologyNode, TopologyEdge } from './topology-model.js';
export { layoutTopology, layoutTopologySync } from './topology-layout.js';
export type { TopologyLayout, PlacedNode, EdgeLabel } from './topology-layout.js';
export { topologySvg } from './topology-svg.js';
export { escapeHtml, escapeXml, redactProse, redactSecrets } from './text-safety.js';
export { SECRET_MARK as REDACTED } from '../ir/secrets.js';
