/**
 * Printing a repair plan: per changed device, the repairs (why) and the IOS configuration-mode
 * commands (lib/plan: entry order, `no` forms, ACL sequence numbers), key placeholders shown as
 * they are and every other secret redacted; or, when no repair proves, the pairs that stay broken
 * and why each finding is left. JSON carries the same data.
 */
import { appendAll } from '../ir/collections.js';
import { printableName, printableText } from '../ir/printable.js';
import { redactCommand } from '../plan/format.js';
import type { PlanStep, RouterPlan } from '../plan/types.js';
import { hasKeyPlaceholder } from './key-repairs.js';
import type { RepairAction, RepairPlan } from './types.js';
import { REASON_TEXT } from './why-not.js';

/** A command as it may be printed: a key placeholder stays, any other secret is redacted. */
export function printableRepairCommand(command: string): string {
  return hasKeyPlaceholder(command) ? command : redactCommand(command);
}

const VERB: Readonly<Record<RepairAction['kind'], string>> = {
  'add-acl-line': 'add to',
  'remove-acl-deny': 'remove a deny from',
  'remove-capturing-entry': "remove the entry capturing another peer's traffic,",
  'remove-acl-line': "remove a line capturing another peer's traffic from",
  'correct-acl-network': 'correct the network in',
  'correct-match-address': 'correct match address of',
  'add-route': 'add',
  'correct-route': 'correct',
  'apply-crypto-map': 'apply the crypto map on',
  'correct-interface-crypto-map': 'correct the crypto map on',
  'correct-transform-set-name': 'correct the transform set of',
  'correct-peer': 'correct the peer of',
  'add-key-placeholder': 'add (placeholder)',
  'replace-key-placeholder': 're-enter (placeholder)',
  'add-isakmp-policy': 'add',
  'add-ikev2-proposal': 'add',
  'set-isakmp-lifetime': 'set the lifetime of',
  'add-transform-set': 'offer a common transform set in',
  'set-pfs': 'set PFS of',
  'add-nat-exemption': 'exempt VPN traffic in',
  'permit-tunnel-protocols': 'let IKE and ESP of the tunnel through',
  'enable-nat-traversal': 'turn NAT traversal back on:',
  'correct-tunnel-destination': 'correct the tunnel destination of',
  'add-tunnel-protection': "protect like the far end's tunnel",
};

function actionText(a: RepairAction): string {
  const what = a.lines.length > 0 ? a.lines.join(' / ') : `"${a.replaces ?? ''}"`;
  const instead = a.replaces !== undefined && a.lines.length > 0 ? ` (was "${a.replaces}")` : '';
  return `${a.code} -> ${VERB[a.kind]} ${a.target}: ${what}${instead}`;
}

function stepLines(steps: readonly PlanStep[]): string[] {
  const out = ['configure terminal'];
  for (const s of steps) {
    out.push(`! ${s.description}`);
    for (const c of s.commands) out.push(printableRepairCommand(c));
  }
  out.push('end');
  return out;
}

/**
 * Devices the plan changes: those with change-plan steps, and those whose repairs touch an element
 * the change planner does not plan (a route-map entry, NAT traversal): for these the repaired lines
 * themselves are the commands.
 */
function changedRouters(plan: RepairPlan): RouterPlan[] {
  const acting = new Set(plan.actions.map((a) => a.device));
  return plan.changes.routers.filter(
    (r) => r.change === 'changed' || (r.change === 'unchanged' && acting.has(r.hostname)),
  );
}

function routerLines(plan: RepairPlan, r: RouterPlan): string[] {
  if (r.steps.length > 0) return stepLines(r.steps);
  const out = ['configure terminal'];
  for (const a of plan.actions.filter((x) => x.device === r.hostname)) {
    out.push(`! ${VERB[a.kind]} ${a.target} (the repaired lines, as entered in configuration mode)`);
    for (const l of a.lines) out.push(printableRepairCommand(l));
  }
  out.push('end');
  return out;
}

function deviceSection(plan: RepairPlan, r: RouterPlan): string[] {
  const actions = plan.actions.filter((a) => a.device === r.hostname);
  const commands = routerLines(plan, r);
  const count = commands.filter((c) => c !== 'configure terminal' && c !== 'end' && !c.startsWith('!')).length;
  const out = [
    '',
    `~ ${r.hostname} (${printableName(r.newFile ?? '')}): ${actions.length} repair(s), ${count} command(s)`,
  ];
  for (const a of actions) out.push(`  ${actionText(a)}`);
  appendAll(out, commands);
  for (const w of r.warnings) out.push(`! WARNING ${w.code}: ${w.message}`);
  return out;
}

/** The plan as text. */
export function formatRepairText(plan: RepairPlan): string {
  const b = plan.before;
  const a = plan.after;
  const out: string[] = [];
  if (plan.alreadyProven) {
    out.push(`hubspoke fix: nothing to repair: ${b.covered}/${b.pairs} ordered site pairs covered (PROVEN)`);
    return out.join('\n') + '\n';
  }
  if (plan.proven) {
    const devices = changedRouters(plan);
    out.push(
      `hubspoke fix: PROVEN repair: ${a.covered}/${a.pairs} ordered site pairs covered after the plan ` +
        `(before: ${b.covered} covered, ${b.broken} broken, ${b.unverified} unverified); ` +
        `${plan.actions.length} repair(s) on ${devices.length} device(s)`,
    );
    for (const r of devices) appendAll(out, deviceSection(plan, r));
    if (plan.actions.some((x) => x.placeholder))
      out.push(
        '',
        'Key placeholders: replace each <key-for-A.B.C.D> with the pre-shared key for that peer (the one its other end',
        'holds, or a new random key typed on both ends). hubspoke never invents or prints keys.',
      );
    return printableText(out.join('\n')) + '\n';
  }
  out.push(
    `hubspoke fix: NO PROVEN REPAIR: ${a.broken + a.unverified}/${a.pairs} ordered site pairs stay broken or unverified ` +
      `after the repairs the tool may make (before: ${b.broken + b.unverified}); nothing to apply`,
  );
  for (const p of plan.uncovered.slice(0, 40))
    out.push(`  ${p.from} ${p.fromNetwork} -> ${p.to} ${p.toNetwork}: ${p.status} (${p.codes.join(', ')})`);
  if (plan.uncovered.length > 40) out.push(`  ... and ${plan.uncovered.length - 40} more`);
  if (plan.introduced.length > 0)
    out.push(
      `the repairs would bring in new findings: ${plan.introduced.map((x) => `${x.code} on ${x.device}`).join(', ')}`,
    );
  out.push('why not:');
  for (const u of plan.unrepaired) {
    const where = `${printableName(u.file)}:${u.line}`;
    out.push(`  ${where}: ${u.code} on ${u.device}: ${u.finding}`);
    out.push(`    not repaired: ${REASON_TEXT[u.reason]}${u.detail ? ` (${u.detail})` : ''}`);
  }
  return printableText(out.join('\n')) + '\n';
}

/** The plan as JSON: the `RepairPlan` shape, commands printable (placeholders kept, secrets redacted), files without text. */
export function formatRepairJson(plan: RepairPlan): string {
  const routers = plan.changes.routers.map((r) => ({
    ...r,
    steps: r.steps.map((s) => ({ ...s, commands: s.commands.map(printableRepairCommand) })),
  }));
  const files = plan.files.map(({ text: _text, ...f }) => f);
  const unrepaired = plan.unrepaired.map((u) => ({ ...u, why: REASON_TEXT[u.reason] }));
  return JSON.stringify({ ...plan, changes: { ...plan.changes, routers }, files, unrepaired }, null, 2) + '\n';
}

/** The plan as the HTML report shows it (the report's `ReportRepair` shape): lines per device, or the reasons. */
export function repairForReport(plan: RepairPlan): {
  proven: boolean;
  summary: string;
  devices: { hostname: string; file: string; actions: string[]; commands: string[] }[];
  unrepaired: string[];
} {
  const summary = formatRepairText(plan)
    .split('\n')[0]!
    .replace(/^hubspoke fix: /, '');
  if (!plan.proven) {
    const unrepaired = plan.unrepaired.map(
      (u) =>
        `${printableName(u.file)}:${u.line} ${u.code} on ${u.device}: ${REASON_TEXT[u.reason]}${u.detail ? ` (${u.detail})` : ''}`,
    );
    return { proven: false, summary, devices: [], unrepaired };
  }
  const devices = changedRouters(plan).map((r) => ({
    hostname: r.hostname,
    file: printableName(r.newFile ?? ''),
    actions: plan.actions.filter((a) => a.device === r.hostname).map(actionText),
    commands: routerLines(plan, r),
  }));
  return { proven: true, summary, devices, unrepaired: [] };
}
