/**
 * hubspoke: typed constructs that synthesize Cisco IOS IPsec hub-and-spoke configs and prove
 * spoke-to-spoke coverage before writing them. The root exports the constructs (L1), the
 * patterns (L2), the app and synth pipeline, the IR as the `ir` namespace, and the few helpers a
 * stack or the emitted harness needs, `planRepair` (proven repair plans of hand-written
 * configs, `hubspoke fix`) and `importNetwork` (hand-written configs to a stack, `hubspoke import`). The proof, the emulator, reports, change plans and cdktf
 * are the subpaths `hubspoke/verify`, `hubspoke/emulator`, `hubspoke/report`, `hubspoke/plan`
 * and `hubspoke/cdktf`.
 * @packageDocumentation
 */

// The IR: router configuration data model, topology file, IOS vocabulary, address arithmetic.
export * as ir from './ir/index.js';

// L1 constructs.
export {
  Annotations,
  type AnnotationLevel,
  type CollectedAnnotations,
  type ConstructAnnotation,
  type ConstructWarning,
  type WarningAcknowledgement,
} from './constructs/annotations.js';
export { Aspects, invokeAspects, type IAspect } from './constructs/aspects.js';
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
export { Interface, type InterfaceProps, type InterfaceTunnelProps } from './constructs/interface.js';
export { IpsecProfile, type IpsecProfileProps } from './constructs/ipsec-profile.js';
export { StaticRoute, type StaticRouteProps } from './constructs/static-route.js';
export { AccessList, type AccessListProps, type AclRuleProps, type AclRuleSource } from './constructs/access-list.js';
export { IsakmpPolicy, DEFAULT_ISAKMP_POLICY, type IsakmpPolicyProps } from './constructs/isakmp-policy.js';
export { IsakmpKey, type IsakmpKeyProps } from './constructs/isakmp-key.js';
export { Keyring, type KeyringProps } from './constructs/keyring.js';
export { RouteMap, type RouteMapProps, type RouteMapEntryProps } from './constructs/route-map.js';
export { InsideSourceNat, type InsideSourceNatProps } from './constructs/inside-source-nat.js';
export { IsakmpProfile, type IsakmpProfileProps } from './constructs/isakmp-profile.js';
export {
  Ikev2Proposal,
  Ikev2Policy,
  DEFAULT_IKEV2_PROPOSAL,
  type Ikev2ProposalProps,
  type Ikev2ProposalSettings,
  type Ikev2PolicyProps,
} from './constructs/ikev2-proposal.js';
export {
  Ikev2Keyring,
  Ikev2KeyringPeer,
  type Ikev2KeyringProps,
  type Ikev2KeyringPeerProps,
  type Ikev2IdentityProps,
} from './constructs/ikev2-keyring.js';
export {
  Ikev2Profile,
  type Ikev2ProfileProps,
  type Ikev2IdentityMatchProps,
  type Ikev2DpdProps,
} from './constructs/ikev2-profile.js';
export {
  DEFAULT_DEAD_PEER_DETECTION,
  defaultDeadPeerDetection,
  type DeadPeerDetectionProps,
} from './constructs/dead-peer-detection.js';
export {
  PreSharedKey,
  type PeerIdentity,
  type KeyResolutionContext,
  type PreSharedKeySource,
} from './constructs/pre-shared-key.js';
export {
  MasterSecret,
  estimateEntropyBits,
  LAB_MODE_VARIABLE,
  MIN_MASTER_SECRET_BITS,
} from './constructs/master-secret.js';
export { TransformSet, DEFAULT_TRANSFORMS, type TransformSetProps } from './constructs/transform-set.js';
export {
  CryptoMap,
  CryptoMapEntry,
  DynamicMapBinding,
  DEFAULT_PFS_GROUP,
  type CryptoMapProps,
  type CryptoMapEntryProps,
} from './constructs/crypto-map.js';
export {
  DynamicCryptoMap,
  DynamicMapEntry,
  type DynamicCryptoMapProps,
  type DynamicMapEntryProps,
} from './constructs/dynamic-crypto-map.js';
export { IpSla, type IpSlaProps } from './constructs/ip-sla.js';

// L2 patterns.
export { Hub, type HubProps, type AclMode, type AclNaming, type SpokeAttachment } from './patterns/hub.js';
export { Spoke, type SpokeProps, type SpokeVtiParts } from './patterns/spoke.js';
export {
  HubVti,
  TUNNEL_PREFIX_LENGTH,
  type VpnDesign,
  type VtiAttachment,
  type VtiProps,
  type VtiSpoke,
} from './patterns/vti.js';
export {
  BREAKOUT_ACL,
  BREAKOUT_ROUTE_MAP,
  type InternetBreakoutParts,
  type InternetBreakoutProps,
} from './patterns/internet-breakout.js';
export { HUBSPOKE_KEYRING, HUBSPOKE_PROFILE, type Keying, type KeyringParts } from './patterns/keying.js';
export {
  DYNAMIC_SPOKES,
  DYNAMIC_SPOKES_SEQUENCE,
  type DynamicSpokeParts,
  type DynamicSpokesProps,
} from './patterns/dynamic-spokes.js';
export { TunnelTrigger, type TunnelTriggerProps } from './patterns/tunnel-trigger.js';
export type { LanProps, WanProps, PppoeProps, SiteRouteProps } from './patterns/site.js';
export type { CryptoSettings } from './patterns/crypto-settings.js';

// App and synth.
export {
  App,
  formatSynthResult,
  formatWarnings,
  warningCount,
  type AppProps,
  type AppSynthOptions,
  type SynthResult,
} from './app/app.js';
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
export { writeArtifactsAtomically, MANIFEST_FILE, type WriteOptions } from './app/write-artifacts.js';
export { OutputError } from './app/output-errors.js';

// Helpers: IR <-> IOS text, and the address arithmetic the emitted harness imports.
export { renderConfig, type RenderedConfig } from './render/index.js';
export {
  parseConfig,
  loadConfigs,
  type ParseOptions,
  type ParseResult,
  type ParsedFile,
  type Diagnostic,
} from './parse/index.js';
export { ipToNumber, numberToIp, parseCidr, prefixBounds } from './ir/ipv4.js';

// Repair plans of hand-written configs (`hubspoke fix`): proven before they are returned.
export {
  planRepair,
  formatRepairText,
  formatRepairJson,
  type RepairOptions,
  type RepairPlan,
  type RepairInput,
  type RepairAction,
  type RepairKind,
  type RepairedFile,
  type Unrepaired,
  type UnrepairedReason,
  type UncoveredPair,
} from './repair/index.js';

// Hand-written configs to a TypeScript stack (`hubspoke import`): round trip checked before it is returned.
export {
  importNetwork,
  DEFAULT_MASTER_SECRET_VARIABLE,
  type ImportFile,
  type ImportOptions,
  type ImportResult,
  type ImportVariable,
  type ModuleLoader,
  type RoundTripDifference,
  type RoundTripResult,
} from './import/index.js';
