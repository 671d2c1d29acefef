/**
 * Repair plans (`hubspoke fix`): from the proof's findings, the smallest change per device that
 * makes every ordered site pair covered, proven on the repaired texts before it is returned, with
 * the IOS commands from lib/plan; or which pairs it cannot fix and why.
 * @packageDocumentation
 */
export { planRepair } from './plan-repair.js';
export type { RepairOptions } from './plan-repair.js';
export { formatRepairJson, formatRepairText, printableRepairCommand, repairForReport } from './format.js';
export { keyPlaceholder } from './key-repairs.js';
export { REASON_TEXT } from './why-not.js';
export type {
  RepairAction,
  RepairInput,
  RepairKind,
  RepairPlan,
  RepairedFile,
  UncoveredPair,
  Unrepaired,
  UnrepairedReason,
} from './types.js';
