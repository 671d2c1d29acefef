// Public API of hubspoke: re-exports only.
export * from './ir/router-config.js';
export * from './ir/ipv4.js';
export * from './ir/topology.js';

// L1 constructs. These class names shadow the IR interfaces of the same name exported above;
// the IR shapes stay available with an `Ir` suffix.
export type {
  AccessList as AccessListIr,
  CryptoMap as CryptoMapIr,
  CryptoMapEntry as CryptoMapEntryIr,
  IsakmpKey as IsakmpKeyIr,
  IsakmpPolicy as IsakmpPolicyIr,
  StaticRoute as StaticRouteIr,
  TransformSet as TransformSetIr,
} from './ir/router-config.js';
export { Annotations, type ConstructWarning } from './constructs/annotations.js';
export { ConstructError, ValidationError } from './constructs/errors.js';
export type { IrContext, KeyPresentation, IRouterElement, RouterIrBuilder } from './constructs/ir-context.js';
export type { ILegacyCryptoUser, LegacyCryptoUse } from './constructs/crypto-checks.js';
export {
  Router,
  DEFAULT_PLATFORM,
  type RouterProps,
  type RouterRole,
  type RouteSource,
  type RouteMatcher,
} from './constructs/router.js';
export { Interface, type InterfaceProps } from './constructs/interface.js';
export { StaticRoute, type StaticRouteProps } from './constructs/static-route.js';
export {
  AccessList,
  parseAclAddress,
  prefixMatch,
  type AccessListProps,
  type AclRuleProps,
  type AclRuleSource,
} from './constructs/access-list.js';
export { IsakmpPolicy, DEFAULT_ISAKMP_POLICY, type IsakmpPolicyProps } from './constructs/isakmp-policy.js';
export { IsakmpKey, type IsakmpKeyProps } from './constructs/isakmp-key.js';
export {
  PreSharedKey,
  derivePairKey,
  type PeerIdentity,
  type KeyResolutionContext,
  type PreSharedKeySource,
} from './constructs/pre-shared-key.js';
export { MasterSecret } from './constructs/master-secret.js';
export { TransformSet, DEFAULT_TRANSFORMS, type TransformSetProps } from './constructs/transform-set.js';
export {
  CryptoMap,
  CryptoMapEntry,
  DEFAULT_PFS_GROUP,
  type CryptoMapProps,
  type CryptoMapEntryProps,
} from './constructs/crypto-map.js';

// L2 patterns.
export { Hub, type HubProps, type AclMode, type AclNaming, type SpokeAttachment } from './patterns/hub.js';
export { Spoke, type SpokeProps } from './patterns/spoke.js';
export type { LanProps, WanProps, SiteRouteProps } from './patterns/site.js';
export type { CryptoSettings } from './patterns/crypto-settings.js';

// App and synth.
export { App, formatSynthResult, formatWarnings, type AppProps, type SynthResult } from './app/app.js';
export { HubSpokeStack, type HubSpokeStackProps } from './app/stack.js';
export {
  synthesizeStack,
  StackArtifacts,
  TOPOLOGY_FILE,
  REPORT_FILE,
  type SynthOptions,
  type RouterArtifact,
  type CoverageProver,
  type CoverageVerdict,
  type RenderedStack,
  type SynthStage,
  type SynthTimingCallback,
} from './app/synth.js';
export { writeArtifactsAtomically, type WriteOptions } from './app/write-artifacts.js';

// Algorithm strength (shared with the verifier).
export * from './ir/algorithms.js';

// Text boundary: IR -> IOS text and IOS text -> IR.
export { renderConfig, renderedForm, type RenderedConfig } from './render/index.js';
export {
  parseConfig,
  loadConfigs,
  DIAGNOSTIC_CODES,
  type ParseOptions,
  type ParseResult,
  type ParsedFile,
  type Diagnostic,
} from './parse/index.js';
export { stripProvenance } from './ir/strip-provenance.js';

// Reports people look at: HTML coverage report, JUnit, SARIF, GitHub annotations, progress.
export {
  renderHtmlReport,
  renderHtmlReportSync,
  renderJunit,
  renderSarif,
  sarifLog,
  SARIF_SCHEMA_URI,
  renderGithubAnnotations,
  createProgress,
  inputDigest,
  withDeviceDetails,
  type HtmlReportOptions,
  type JunitOptions,
  type SarifOptions,
  type SarifLog,
  type SarifRun,
  type SarifDriver,
  type SarifRule,
  type SarifResult,
  type Progress,
  type ProgressOptions,
  type ProgressStream,
  type ConfigText,
  type DeviceConfig,
  type ReportInput,
  type ReportDevice,
  type ReportSite,
  type ReportPair,
  type ReportProblem,
  type ReportPath,
  type ReportPathHop,
  type ReportPathStep,
  type ReportSummary,
  type ReportWan,
} from './report/index.js';

// Change plans: IR diff -> IOS configuration-mode commands (`hubspoke diff`).
export {
  planChanges,
  planRouterChanges,
  formatPlanJson,
  formatPlanText,
  printableCommands,
  redactCommand,
  routerCommands,
  REDACTED,
  type PlanInput,
  type PlanFormatOptions,
  type ChangePlan,
  type PlanElement,
  type PlanPhase,
  type PlanStep,
  type PlanSummary,
  type PlanWarning,
  type PlanWarningCode,
  type RouterChange,
  type RouterPlan,
} from './plan/index.js';
