/**
 * Printing a change plan: readable text per router, or JSON. Both redact secrets by default: a
 * plan is reviewed by people and posted to tickets and CI logs, and pre-shared keys must never
 * land there. A deploy job that pushes the commands itself asks for them with `showSecrets`.
 */
import { printableName, printableText } from '../ir/printable.js';
import { redactCommands, redactLine, SECRET_MARK } from '../ir/secrets.js';
import type { ChangePlan, PlanStep, RouterPlan } from './types.js';

/** Options of the plan formatters. */
export interface PlanFormatOptions {
  /** Print pre-shared keys and password lines as they are. @default false (replaced by `<redacted>`) */
  readonly showSecrets?: boolean;
}

/**
 * A command with its secret replaced by `<redacted>`: every secret-bearing IOS form (keys,
 * passwords, secrets, communities, key strings, authentication keys; see `lib/ir/secrets.ts`).
 */
export function redactCommand(command: string): string {
  return redactLine(command);
}

/**
 * The commands of a step as they may be printed. Every step is masked, not only those flagged
 * `secret`: a changed interface or global line can carry a password the planner does not model.
 */
export function printableCommands(step: PlanStep, options: PlanFormatOptions = {}): readonly string[] {
  return options.showSecrets ? step.commands : redactCommands(step.commands);
}

function masks(step: PlanStep, options: PlanFormatOptions): boolean {
  if (options.showSecrets) return false;
  const shown = printableCommands(step, options);
  return shown.some((c, i) => c !== step.commands[i]);
}

/**
 * Every command of a router, in order, ready to paste after `configure terminal` (secrets redacted
 * unless `showSecrets`).
 */
export function routerCommands(router: RouterPlan, options: PlanFormatOptions = {}): string[] {
  return router.steps.flatMap((s) => printableCommands(s, options));
}

const MARK: Readonly<Record<RouterPlan['change'], string>> = { unchanged: '=', changed: '~', new: '+', removed: '-' };

function files(r: RouterPlan): string {
  if (r.oldFile !== undefined && r.newFile !== undefined)
    return `${printableName(r.oldFile)} -> ${printableName(r.newFile)}`;
  return printableName(r.newFile ?? r.oldFile ?? '');
}

/** Up to this many unchanged routers are named one by one; beyond, only their number is printed. */
const LISTED_UNCHANGED = 50;

/** The plan as text: one section per router with its commands and warnings, then a summary. */
export function formatPlanText(plan: ChangePlan, options: PlanFormatOptions = {}): string {
  const out: string[] = [];
  let redacted = false;
  // Adding one spoke to a hub of thousands must not print thousands of "unchanged" lines.
  const listUnchanged = plan.summary.unchanged <= LISTED_UNCHANGED;
  if (!listUnchanged) out.push(`= ${plan.summary.unchanged} routers unchanged`);
  for (const r of plan.routers) {
    if (r.change === 'unchanged') {
      if (listUnchanged) out.push(`= ${r.hostname}: unchanged`);
      continue;
    }
    if (r.change === 'new') {
      out.push(`+ ${r.hostname}: new (${files(r)}): load the file as its initial configuration`);
      continue;
    }
    if (r.change === 'removed') {
      out.push(`- ${r.hostname}: removed (${files(r)}): decommission it; its peers' changes are planned on them`);
      continue;
    }
    const count = r.steps.reduce((n, s) => n + s.commands.length, 0);
    out.push('', `${MARK[r.change]} ${r.hostname}: changed (${files(r)}), ${count} command${count === 1 ? '' : 's'}`);
    out.push('configure terminal');
    let phase = '';
    for (const s of r.steps) {
      if (s.phase !== phase) {
        phase = s.phase;
        out.push(`! --- ${phase} ---`);
      }
      out.push(`! ${s.description}`);
      const shown = printableCommands(s, options);
      if (shown.some((c, i) => c !== s.commands[i])) redacted = true;
      for (const c of shown) out.push(c);
    }
    out.push('end');
    for (const w of r.warnings) out.push(`! WARNING ${w.code}: ${w.message}`);
  }
  const s = plan.summary;
  out.push(
    '',
    `Plan: ${s.changed} changed, ${s.new} new, ${s.removed} removed, ${s.unchanged} unchanged router(s); ${s.commands} command(s).`,
  );
  if (redacted)
    out.push(`Secrets are shown as ${SECRET_MARK}; pass --show-secrets to print the commands a device needs.`);
  // File names and unmodelled lines can hold terminal escapes.
  return printableText(out.join('\n').replace(/^\n/, '')) + '\n';
}

/** The plan as JSON (the `ChangePlan` shape plus `redacted`), secrets redacted unless `showSecrets`. */
export function formatPlanJson(plan: ChangePlan, options: PlanFormatOptions = {}): string {
  let redacted = false;
  const routers = plan.routers.map((r) => ({
    ...r,
    steps: r.steps.map((s) => {
      const masked = masks(s, options);
      if (masked) redacted = true;
      return {
        ...s,
        secret: s.secret || masked,
        commands: printableCommands(s, options),
      };
    }),
  }));
  return JSON.stringify({ ...plan, routers, redacted }, null, 2) + '\n';
}
