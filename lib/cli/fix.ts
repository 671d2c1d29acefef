/**
 * `hubspoke fix <paths...> [--topology FILE] [--format text|json] [--out DIR]`: the proven repair
 * plan of hand-written configs, per device the IOS configuration-mode commands; `--out DIR` writes
 * the repaired configs (same file names, key placeholders) so `hubspoke verify DIR` proves them
 * once the keys are filled in. Exit 0 when the network is proven after the plan (or already was),
 * 1 when no repair proves, 2 for bad usage or unreadable input. Argument parsing and printing
 * only; the repair lives in `lib/repair/`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { printableName } from '../ir/printable.js';
import { formatRepairJson, formatRepairText, planRepair, type RepairInput, type RepairPlan } from '../repair/index.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { loadInputs } from './load-inputs.js';
import { readTopology, siteSelection, topologyMatches } from './verify.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke fix <config files or folders...> [options]

Computes the smallest change per device that makes every ordered pair of sites covered (missing
mirror lines, a corrected network, missing routes, keys as placeholders, a common policy or
transform set that is never weaker, the crypto map re-applied, ...), proves the repaired configs
before printing anything, and prints the IOS configuration-mode commands per device. When no
repair proves, it says which pairs stay broken and why each problem is left to you.

options:
  --topology FILE      sites, roles and WANs from synth's topology.json (as for verify)
  --sites CIDR,...     these networks are the sites
  --exclude X,...      no site in these networks (CIDR) or on these interfaces
  --format text|json   output format (default text)
  --out DIR            also write the repaired configs into DIR (same file names; key placeholders
                       <key-for-A.B.C.D> to replace with the keys before use)
  -h, --help           this text

exit codes: 0 proven after the plan (or already proven), 1 no proven repair, 2 bad usage or input
`;

async function texts(files: readonly { file: string }[], io: CliIo): Promise<RepairInput[] | undefined> {
  const out: RepairInput[] = [];
  for (const f of files) {
    try {
      out.push({ file: f.file, text: await readFile(f.file, 'utf8') });
    } catch (e) {
      io.stderr(
        `hubspoke fix: cannot read ${printableName(f.file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return undefined;
    }
  }
  return out;
}

async function writeOut(dir: string, plan: RepairPlan, io: CliIo): Promise<boolean> {
  const names = new Set<string>();
  for (const f of plan.files) {
    const name = basename(f.file);
    if (names.has(name)) {
      io.stderr(`hubspoke fix: --out: two inputs are named ${printableName(name)}; give files with distinct names\n`);
      return false;
    }
    names.add(name);
    if (resolve(join(dir, name)) === resolve(f.file)) {
      io.stderr(
        `hubspoke fix: --out ${printableName(dir)} would overwrite the input ${printableName(f.file)}; choose another folder\n`,
      );
      return false;
    }
  }
  try {
    await mkdir(dir, { recursive: true });
    for (const f of plan.files)
      await writeFile(join(dir, basename(f.file)), f.text.endsWith('\n') ? f.text : `${f.text}\n`);
  } catch (e) {
    io.stderr(
      `hubspoke fix: cannot write ${printableName(dir)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return false;
  }
  io.stderr(`hubspoke fix: wrote ${plan.files.length} repaired config(s) to ${printableName(dir)}\n`);
  return true;
}

/** Runs `hubspoke fix`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'fix',
    USAGE,
    argv,
    {
      topology: { type: 'string' },
      sites: { type: 'string' },
      exclude: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.stderr(`hubspoke fix: --format must be text or json, not "${format}"\n`);
    return 2;
  }
  if (positionals.length === 0) return usageError('fix', USAGE, 'give at least one config file or folder', io);
  const selection = siteSelection(values.sites, values.exclude);
  if (typeof selection === 'string') return usageError('fix', USAGE, selection, io);
  return repair(positionals, values.topology, values.out, format, selection, io);
}

async function repair(
  positionals: readonly string[],
  topologyPath: string | undefined,
  out: string | undefined,
  format: 'text' | 'json',
  selection: { sites?: string[]; exclude?: string[] },
  io: CliIo,
): Promise<number> {
  const topology = topologyPath === undefined ? undefined : await readTopology(topologyPath, io);
  if (topology === null) return 2;
  const files = await loadInputs('fix', [...positionals], io);
  if (!files) return 2;
  if (topology !== undefined && !topologyMatches(topology, files, topologyPath!, io)) return 2;
  const inputs = await texts(files, io);
  if (!inputs) return 2;
  let plan: RepairPlan;
  try {
    plan = planRepair(inputs, { ...(topology ? { topology } : {}), ...selection });
  } catch (e) {
    io.stderr(`hubspoke fix: ${(e as Error).message}\n`);
    return 2;
  }
  io.stdout(format === 'json' ? formatRepairJson(plan) : formatRepairText(plan));
  if (out !== undefined && plan.proven && !plan.alreadyProven && !(await writeOut(out, plan, io))) return 2;
  if (out !== undefined && !plan.proven) io.stderr('hubspoke fix: no proven repair, nothing written to --out\n');
  return plan.proven ? 0 : 1;
}
