/**
 * Change plans: IR -> IR diff -> IOS configuration-mode commands. `planChanges(old, new)` matches
 * routers by hostname and, for each changed router, lists the commands that take its running
 * config from the old version to the new one in a safe order (add what entries reference, then
 * the entries, then remove what nothing references any more), with warnings where a step clears
 * tunnels.
 * @packageDocumentation
 */
export { planChanges, planRouterChanges } from './plan-changes.js';
export type { PlanInput } from './plan-changes.js';
export { formatPlanJson, formatPlanText, printableCommands, redactCommand, routerCommands } from './format.js';
// One symbol with the report's: the marker plans and reports replace secrets with.
export { SECRET_MARK as REDACTED } from '../ir/secrets.js';
export type { PlanFormatOptions } from './format.js';
export type {
  ChangePlan,
  PlanElement,
  PlanPhase,
  PlanStep,
  PlanSummary,
  PlanWarning,
  PlanWarningCode,
  RouterChange,
  RouterPlan,
} from './types.js';
