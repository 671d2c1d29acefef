/**
 * `hubspoke diff <old> <new> [--format text|json] [--show-secrets]`: the change plan between two
 * sets of configs (files or folders), per router, as IOS configuration-mode commands. Exit codes
 * like diff(1): 0 no change, 1 changes, 2 bad usage or unreadable input. Argument parsing and
 * printing only; the plan lives in `lib/plan/`.
 */
import { loadConfigs, type ParsedFile } from '../parse/index.js';
import { formatPlanJson, formatPlanText, planChanges, type ChangePlan } from '../plan/index.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { printableName, printableText } from '../ir/printable.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke diff <old config file or folder> <new config file or folder> [options]

Plans the changes from the old configs to the new ones: routers are matched by hostname and
reported as unchanged, changed, new or removed; for each changed router, the IOS configuration-mode
commands that take its running config from old to new, in a safe order (keys, policies, transform
sets, ACL lines and routes first, then crypto map entries, then removals), with warnings where a
step clears tunnels.

options:
  --format text|json   output format (default text)
  --show-secrets       print secrets (keys, passwords, communities) in the commands (default:
                       <redacted>); for a deploy job that pushes the commands itself, never for
                       logs or reviews
  -h, --help           this text

exit codes: 0 no change, 1 changes, 2 bad usage or unreadable input
`;

async function load(path: string, io: CliIo): Promise<ParsedFile[] | undefined> {
  let files: ParsedFile[];
  try {
    files = await loadConfigs([path]);
  } catch (e) {
    io.stderr(`hubspoke diff: ${(e as Error).message}\n`);
    return undefined;
  }
  const errors = files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error'));
  for (const d of errors)
    io.stderr(printableText(`${printableName(d.file)}:${d.line}: error ${d.code}: ${d.message}\n`));
  if (errors.length > 0) {
    io.stderr(`hubspoke diff: ${path} has configuration errors; a plan from misread configs could be wrong\n`);
    return undefined;
  }
  return files;
}

/** Runs `hubspoke diff`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'diff',
    USAGE,
    argv,
    {
      format: { type: 'string' },
      'show-secrets': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`hubspoke diff: --format must be text or json, not "${format}"\n`);
    return 2;
  }
  if (positionals.length !== 2) {
    return usageError('diff', USAGE, `give exactly two paths (old and new), not ${positionals.length}`, io);
  }
  const oldFiles = await load(positionals[0]!, io);
  if (!oldFiles) return 2;
  const newFiles = await load(positionals[1]!, io);
  if (!newFiles) return 2;
  if (oldFiles.length === 0 && newFiles.length === 0) {
    io.stderr(`hubspoke diff: no config files (*.cfg, *.conf, *.txt, *.ios) in ${positionals.join(' or ')}\n`);
    return 2;
  }
  let plan: ChangePlan;
  try {
    plan = planChanges(oldFiles, newFiles);
  } catch (e) {
    io.stderr(`hubspoke diff: ${(e as Error).message}\n`);
    return 2;
  }
  const options = { showSecrets: values['show-secrets'] === true };
  io.stdout(format === 'json' ? formatPlanJson(plan, options) : formatPlanText(plan, options));
  return plan.hasChanges ? 1 : 0;
}
