/**
 * The repair section of the HTML report of a NOT PROVEN run: per device, the repairs of the proven
 * plan (`hubspoke fix`) and its IOS commands, or, when no repair proves, why each finding is left.
 * The report words nothing itself: the caller (the CLI, from lib/repair) passes the lines.
 */
import { escapeHtml, redactSecrets } from './text-safety.js';

/** One device of a repair plan, as the report shows it. */
export interface ReportRepairDevice {
  readonly hostname: string;
  readonly file: string;
  /** One line per repair (what and why). */
  readonly actions: readonly string[];
  /** The configuration-mode commands, keys as placeholders. */
  readonly commands: readonly string[];
}

/** A repair plan as the report shows it. */
export interface ReportRepair {
  /** True when the plan was proven (then `devices` is the plan). */
  readonly proven: boolean;
  /** One sentence: what the plan does, or why there is none. */
  readonly summary: string;
  readonly devices: readonly ReportRepairDevice[];
  /** When not proven: one line per finding left, with its reason. */
  readonly unrepaired: readonly string[];
}

/** The section, or nothing without a plan. */
export function repairSectionHtml(repair: ReportRepair | undefined): string[] {
  if (!repair) return [];
  const out = [
    `<section class="card" id="repair"><h2>${repair.proven ? 'Proven repair' : 'No proven repair'}</h2>`,
    `<p class="${repair.proven ? 'ok-text' : 'muted'}">${escapeHtml(repair.summary)}</p>`,
  ];
  for (const d of repair.devices) {
    out.push(`<h3>${escapeHtml(d.hostname)} <span class="muted">(${escapeHtml(d.file)})</span></h3>`);
    out.push(`<ul>${d.actions.map((a) => `<li>${escapeHtml(redactSecrets(a))}</li>`).join('')}</ul>`);
    // Placeholders are no secrets; every other command went through the plan's redaction.
    out.push(`<pre>${d.commands.map((c) => escapeHtml(c)).join('\n')}</pre>`);
  }
  if (repair.unrepaired.length > 0)
    out.push(`<ul>${repair.unrepaired.map((u) => `<li>${escapeHtml(redactSecrets(u))}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out;
}
