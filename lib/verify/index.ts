/**
 * The proof of full-mesh-via-hub coverage over parsed configs (subpath `hubspoke/verify`), with the
 * config loader and the topology reader, so an emitted harness needs nothing else.
 * @packageDocumentation
 */
export { verifyNetwork, verifyPairs, Proof, originFromTopology } from './prove/verify-network.js';
export type { ProofOptions } from './prove/verify-network.js';
export type {
  DeviceRole,
  DeviceSummary,
  PairPath,
  PairResult,
  PairStatus,
  PathHop,
  PathSelection,
  PathStep,
  Problem,
  ProofNetwork,
  SiteSummary,
  UnlistedPairs,
  VerifyOptions,
  VerifyResult,
  VerifySummary,
  WanSummary,
} from './types.js';
export {
  DEFAULT_MAX_PAIRS,
  REPORT_ALL_PATHS_MAX_SITES,
  REPORT_MAX_BROKEN_PATHS,
  REPORT_SAMPLE_PATHS,
} from './types.js';
export { withoutPaths } from './prove/verify-network.js';
export { PROBLEM_CODES, problemInfo, formatHint } from './findings/problem-codes.js';
export type { ProblemCode, ProblemCodeInfo, Severity } from './findings/problem-codes.js';
export { formatText, formatJson, formatMatrix, verdictWord } from './findings/format.js';
export { MATRIX_MAX_SITES } from '../ir/presentation.js';
export type { TextFormatOptions } from './findings/format.js';
export type { OriginLookup } from './findings/problem-book.js';
export type { ConfigInput } from './model/network-model.js';
export { loadConfigs, parseConfig, DIAGNOSTIC_CODES } from '../parse/index.js';
export type { Diagnostic, ParsedFile, ParseOptions, ParseResult } from '../parse/index.js';
export { parseTopology } from '../ir/topology.js';
export type { Topology } from '../ir/topology.js';
export { proveRenderedStack, describeProblem } from './prove/stack-prover.js';
export type { RenderedStackInput, StackProofVerdict } from './prove/stack-prover.js';
