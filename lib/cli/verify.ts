/**
 * `hubspoke verify <paths...> [--format text|json|junit|sarif] [--report FILE.html] [--topology FILE] [--sites CIDR,...] [--exclude CIDR|IFACE,...] [--broken-only] [--max-pairs N|all] [--relax-lifetime] [--exact-proxy]`:
 * proves full-mesh-via-hub coverage of any IOS configs (brownfield). Exit 0 when every ordered
 * site pair is covered and no finding is an error, 1 otherwise, 2 for bad usage or unreadable input.
 * Argument parsing and printing only; the proof lives in `lib/verify/`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { parseTopology, siteExclusion, topologyFileProblems, type Topology } from '../ir/topology.js';
import { loadInputs } from './load-inputs.js';
import type { ParsedFile } from '../parse/index.js';
import { withDeviceDetails } from '../report/device-details.js';
import { renderGithubAnnotations } from '../report/github-annotations.js';
import { renderHtmlReport } from '../report/html.js';
import { inputDigest } from '../report/input-digest.js';
import { renderJunit } from '../report/junit.js';
import { createProgress, type Progress } from '../report/progress.js';
import { renderSarif } from '../report/sarif.js';
import { formatJson, formatText } from '../verify/findings/format.js';
import { PairTally } from '../report/pair-tally.js';
import {
  DEFAULT_MAX_PAIRS,
  type PairResult,
  type ProofNetwork,
  type VerifyOptions,
  type VerifyResult,
} from '../verify/types.js';
import { verifyNetwork, withoutPaths } from '../verify/prove/verify-network.js';
import { printableName, printableText } from '../ir/printable.js';
import { planRepair, repairForReport, type RepairInput } from '../repair/index.js';

export type { CliIo } from './command-line.js';

/** `--sites` and `--exclude` as proof options, or the message naming the item that is wrong. */
export function siteSelection(
  sites: string | undefined,
  exclude: string | undefined,
): { sites?: string[]; exclude?: string[] } | string {
  const list = (v: string | undefined) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x.length > 0);
  const s = list(sites);
  const x = list(exclude);
  const badSite = s?.find((v) => !siteExclusion().safeParse(v).success || !/^\d/.test(v));
  if (badSite !== undefined) return `--sites: "${badSite}" is not an IPv4 prefix (A.B.C.D/N)`;
  const badExclude = x?.find((v) => !siteExclusion().safeParse(v).success);
  if (badExclude !== undefined)
    return `--exclude: "${badExclude}" is neither an IPv4 prefix (A.B.C.D/N) nor an interface (NAME or HOST:NAME)`;
  return { ...(s ? { sites: s } : {}), ...(x ? { exclude: x } : {}) };
}

/** `--max-pairs` as a proof option (a positive count, `all` for no limit), or the message saying what is wrong. */
export function pairLimit(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_MAX_PAIRS;
  if (value === 'all') return Number.POSITIVE_INFINITY;
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : `--max-pairs: "${value}" is neither a positive count nor "all"`;
}

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke verify <config files or folders...> [options]

Proves that every ordered pair of sites can talk through the VPN (full mesh via the hub).

options:
  --format FORMAT      text (default), json, junit (one testcase per pair) or sarif (SARIF 2.1.0)
  --report FILE.html   also write the self-contained HTML coverage report to FILE.html
  --topology FILE      sites, roles and WANs from synth's topology.json instead of inference; each
                       device's "file" must be the config file holding its hostname (exit 2 if not)
  --sites CIDR,...     these networks are the sites (each on the device with an address in it)
  --exclude X,...      no site in these networks (CIDR) or on these interfaces (NAME or HOST:NAME)
  --broken-only        list only broken pairs (counts still cover every pair)
  --max-pairs N|all    list at most N broken and N covered pairs (default ${DEFAULT_MAX_PAIRS}); counts,
                       findings and their pair counts still cover every pair
  --relax-lifetime     tolerate ISAKMP lifetime mismatches (some IOS releases do)
  --exact-proxy        require exact proxy identities in phase 2 (ASA behaviour), not a subset
  -h, --help           this text

Sites are inferred when no topology is given: the WAN interfaces are those that carry a crypto map,
own an address some crypto map names as a peer, or are the exit of a route to such a peer; site
LANs are the connected subnets of the other interfaces, except loopbacks, /32s, tunnel, management
and VRF interfaces that no crypto ACL names; the hub is the device whose crypto maps name several
peers. With GITHUB_ACTIONS=true, findings are also printed as GitHub annotations.

exit codes: 0 proven, 1 not proven (a pair broken or unverified, an error finding, or nothing to prove),
2 bad usage or input (empty, binary or non-config files)
`;

/** Runs `hubspoke verify`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'verify',
    USAGE,
    argv,
    {
      format: { type: 'string' },
      report: { type: 'string' },
      topology: { type: 'string' },
      sites: { type: 'string' },
      exclude: { type: 'string' },
      'broken-only': { type: 'boolean' },
      'max-pairs': { type: 'string' },
      'relax-lifetime': { type: 'boolean' },
      'exact-proxy': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  const format = values.format ?? 'text';
  if (!isFormat(format)) {
    io.stderr(`hubspoke verify: --format must be text, json, junit or sarif, not "${format}"\n`);
    return 2;
  }
  if (positionals.length === 0) return usageError('verify', USAGE, 'give at least one config file or folder', io);
  const selection = siteSelection(values.sites, values.exclude);
  if (typeof selection === 'string') return usageError('verify', USAGE, selection, io);
  const maxPairs = pairLimit(values['max-pairs']);
  if (typeof maxPairs === 'string') return usageError('verify', USAGE, maxPairs, io);
  const topology = values.topology === undefined ? undefined : await readTopology(values.topology, io);
  if (topology === null) return 2;
  const files = await loadInputs('verify', positionals, io);
  if (!files) return 2;
  if (topology !== undefined && !topologyMatches(topology, files, values.topology!, io)) return 2;
  printParseErrors(files, io);
  const brokenOnly = values['broken-only'] === true;
  const options: VerifyOptions = {
    ...(topology ? { topology } : {}),
    ...selection,
    brokenOnly,
    maxPairs,
    relaxLifetime: values['relax-lifetime'] === true,
    exactProxy: values['exact-proxy'] === true,
  };
  const proved = prove(files, options, values.report !== undefined, io);
  if (proved === undefined) return 2;
  const { result, unlisted } = proved;
  // Printed output reads as without --report (paths are for the HTML report only).
  const printed = withoutPaths(result, brokenOnly);
  io.stdout(FORMATTERS[format](printed));
  if (process.env.GITHUB_ACTIONS === 'true') {
    // Workflow commands are read from both streams; keep machine-readable stdout clean.
    (format === 'text' ? io.stdout : io.stderr)(renderGithubAnnotations(printed));
  }
  if (
    values.report !== undefined &&
    !(await writeReport(values.report, result, files, topology, unlisted, io, options))
  )
    return 2;
  if (result.summary.pairs === 0)
    io.stderr('hubspoke verify: nothing to prove: the configs hold no pair of sites on different devices\n');
  return result.ok ? 0 : 1;
}

const FORMATTERS = { text: formatText, json: formatJson, junit: renderJunit, sarif: renderSarif };

function isFormat(format: string): format is keyof typeof FORMATTERS {
  return Object.prototype.hasOwnProperty.call(FORMATTERS, format);
}

/** The topology file, or null after saying why it cannot be read or is not valid. */
export async function readTopology(path: string, io: CliIo): Promise<Topology | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    io.stderr(
      `hubspoke verify: cannot read topology ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return null;
  }
  try {
    return parseTopology(text, path);
  } catch (e) {
    io.stderr(`hubspoke verify: ${(e as Error).message}\n`);
    return null;
  }
}

/** False (after saying why) when the topology names other config files than those given. */
export function topologyMatches(topology: Topology, files: readonly ParsedFile[], path: string, io: CliIo): boolean {
  const mismatches = topologyFileProblems(
    topology,
    files.map((f) => ({ file: f.file, hostname: f.config.hostname })),
    path,
  );
  if (mismatches.length === 0) return true;
  for (const m of mismatches) io.stderr(`hubspoke verify: ${printableText(m)}\n`);
  io.stderr(
    'hubspoke verify: the topology was written for other config files; give the matching files or regenerate topology.json\n',
  );
  return false;
}

function printParseErrors(files: readonly ParsedFile[], io: CliIo): void {
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error')
        io.stderr(printableText(`${printableName(d.file)}:${d.line}: ${d.severity} ${d.code}: ${d.message}\n`));
    }
  }
}

/**
 * Runs the proof, with a progress bar on an interactive terminal and, for the report, the paths it
 * followed and a tally of the pairs the listing leaves out; undefined after saying why it failed.
 */
function prove(
  files: ParsedFile[],
  options: VerifyOptions,
  report: boolean,
  io: CliIo,
): { result: VerifyResult; unlisted: PairTally | undefined } | undefined {
  // A bar only on an interactive terminal; elsewhere no per-pair callback at all, so a
  // `--broken-only` run keeps the proof's bulk path.
  const bar = createProgress(1, { label: 'verify' }).enabled;
  let progress: Progress | undefined;
  // The report counts the pairs the listing leaves out as the proof passes them.
  let unlisted: PairTally | undefined;
  try {
    const result = verifyNetwork(files, {
      ...options,
      // The report shows the path the proof followed for the pairs it details.
      ...(report ? { paths: 'report' as const, onUnlisted: (p: PairResult) => unlisted?.add(p) } : {}),
      ...(bar || report
        ? {
            onStart: (n: number, network: ProofNetwork) => {
              if (report) unlisted = new PairTally(network.devices);
              if (bar) progress = createProgress(n, { label: 'verify' });
            },
          }
        : {}),
      ...(bar ? { onPair: () => progress?.tick() } : {}),
    });
    return { result, unlisted };
  } catch (e) {
    io.stderr(`hubspoke verify: ${(e as Error).message}\n`);
    return undefined;
  } finally {
    progress?.done();
  }
}

/** Most sites for which the report of a NOT PROVEN run carries the repair plan (it re-proves the network per round). */
const REPORT_REPAIR_MAX_SITES = 40;

/** The repair plan the report of a NOT PROVEN run shows (`hubspoke fix`), on networks small enough. */
function repairOf(result: VerifyResult, texts: readonly RepairInput[], options: VerifyOptions) {
  if (result.ok || result.sites.length > REPORT_REPAIR_MAX_SITES || result.summary.pairs === 0) return undefined;
  const { topology, sites, exclude, relaxLifetime, exactProxy } = options;
  return repairForReport(
    planRepair(texts, {
      ...(topology ? { topology } : {}),
      ...(sites ? { sites } : {}),
      ...(exclude ? { exclude } : {}),
      ...(relaxLifetime !== undefined ? { relaxLifetime } : {}),
      ...(exactProxy !== undefined ? { exactProxy } : {}),
    }),
  );
}

/** Writes the HTML report; false after saying why it could not. */
async function writeReport(
  path: string,
  result: VerifyResult,
  files: readonly ParsedFile[],
  topology: Topology | undefined,
  unlisted: PairTally | undefined,
  io: CliIo,
  options: VerifyOptions = {},
): Promise<boolean> {
  try {
    const texts = await Promise.all(files.map(async (f) => ({ file: f.file, text: await readFile(f.file, 'utf8') })));
    const repair = repairOf(result, texts, options);
    const html = await renderHtmlReport(withDeviceDetails(result, files, topology), {
      inputDigest: inputDigest(texts),
      ...(unlisted ? { unlistedPairs: unlisted } : {}),
      ...(repair ? { repair } : {}),
    });
    await writeFile(path, html);
    return true;
  } catch (e) {
    io.stderr(
      `hubspoke verify: cannot write report ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return false;
  }
}
