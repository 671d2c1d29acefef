/**
 * Shared by `hubspoke emulate` and `hubspoke ping`: reads configs (files or folders), their text
 * (for `show running-config`) and an optional topology, and builds the emulated network. Returns
 * a message instead of throwing, so the commands can print it and exit 2.
 */
import { readFile } from 'node:fs/promises';
import { parseTopology, topologyFileProblems, type Topology } from '../ir/topology.js';
import { Network } from '../emulate/index.js';
import { loadInputs } from './load-inputs.js';
import type { CliIo } from './command-line.js';
import { ipToNumber, isIpv4 } from '../ir/ipv4.js';
import { printableName, printableText } from '../ir/printable.js';
import { buildNetworkModel } from '../verify/model/network-model.js';
import { siteSelection } from './verify.js';

/** Options the emulator commands share. */
export interface LoadNetworkOptions {
  readonly topology?: string;
  readonly relaxLifetime?: boolean;
  readonly exactProxy?: boolean;
  /** `--first-packet-lost`: drop the packet that triggers IKE. */
  readonly firstPacketLost?: boolean;
  /** `--ike-timing`: unanswered main mode messages cost their retransmission time. */
  readonly ikeTiming?: boolean;
  /** `--sites` as given (comma-separated networks). */
  readonly sites?: string;
  /** `--exclude` as given (comma-separated networks or interfaces). */
  readonly exclude?: string;
}

/** An emulated network and the site ranges the proof would use for the same configs and options. */
export interface LoadedNetwork {
  readonly net: Network;
  /** Sites (docs/ios-semantics.md#sites), for telling the user when a ping is outside every site. */
  readonly sites: readonly { readonly network: string; readonly range: readonly [number, number] }[];
}

/**
 * A note for an address in no site: the proof covers pings between site addresses only, so a
 * ping from or to anything else says nothing about its verdict (and the reverse).
 */
export function siteNote(loaded: LoadedNetwork, address: string): string | undefined {
  if (!isIpv4(address)) return undefined;
  const n = ipToNumber(address);
  if (loaded.sites.some((s) => s.range[0] <= n && n <= s.range[1])) return undefined;
  return `note: ${address} is in no site (docs/ios-semantics.md#sites; --sites/--exclude choose them), so hubspoke verify's verdict says nothing about this ping\n`;
}

/** Builds the network or returns the reason it could not (already printed to stderr). */
export async function loadNetwork(
  command: string,
  paths: string[],
  opts: LoadNetworkOptions,
  io: CliIo,
): Promise<LoadedNetwork | undefined> {
  const fail = (msg: string) => {
    io.stderr(`hubspoke ${command}: ${msg}\n`);
    return undefined;
  };
  let topology: Topology | undefined;
  if (opts.topology !== undefined) {
    try {
      topology = parseTopology(await readFile(opts.topology, 'utf8'), opts.topology);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(code ? `cannot read topology ${opts.topology}: ${code}` : (e as Error).message);
    }
  }
  const files = await loadInputs(command, paths, io);
  if (!files) return undefined;
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error')
        io.stderr(printableText(`${printableName(d.file)}:${d.line}: error ${d.code}: ${d.message}\n`));
    }
    if (!f.config.hostname) return fail(`${f.file} has no hostname line; the emulator names devices by hostname`);
    // The emulator runs the same rules as the proof, so a relevant line outside the model makes
    // what it shows for traffic through the device unverified, as the proof would say.
    const unmodelled = f.diagnostics.filter((d) => d.code === 'NOT_MODELLED');
    if (unmodelled.length > 0) {
      io.stderr(
        `hubspoke ${command}: warning: ${f.config.hostname} (${f.file}) has ${unmodelled.length} relevant line(s) hubspoke does not model; ` +
          `the emulator ignores them, so results for traffic through ${f.config.hostname} are unverified:\n`,
      );
      for (const d of unmodelled) io.stderr(`  ${d.file}:${d.line}: NOT_MODELLED ${d.message}\n`);
    }
  }
  if (topology !== undefined) {
    const mismatches = topologyFileProblems(
      topology,
      files.map((f) => ({ file: f.file, hostname: f.config.hostname })),
      opts.topology!,
    );
    if (mismatches.length > 0)
      return fail(`${mismatches.map(printableText).join('; ')}; give the matching files or regenerate topology.json`);
  }
  const configTexts = new Map<string, string>();
  for (const f of files) {
    try {
      configTexts.set(f.file, await readFile(f.file, 'utf8'));
    } catch (e) {
      return fail(`cannot read ${f.file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  const selection = siteSelection(opts.sites, opts.exclude);
  if (typeof selection === 'string') return fail(selection);
  let sites: LoadedNetwork['sites'];
  try {
    sites = buildNetworkModel(files, topology, selection).sites.map((x) => ({ network: x.network, range: x.range }));
  } catch (e) {
    return fail((e as Error).message);
  }
  try {
    const net = Network.fromParsed(files, {
      ...(topology ? { topology } : {}),
      relaxLifetime: opts.relaxLifetime === true,
      exactProxyMatch: opts.exactProxy === true,
      firstPacketLost: opts.firstPacketLost === true,
      ikeTiming: opts.ikeTiming === true,
      configTexts,
    });
    return { net, sites };
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** The options `emulate` and `ping` share, as a `parseArgs` table to spread into each command's. */
export const NETWORK_OPTIONS = {
  topology: { type: 'string' },
  sites: { type: 'string' },
  exclude: { type: 'string' },
  'relax-lifetime': { type: 'boolean' },
  'exact-proxy': { type: 'boolean' },
  'first-packet-lost': { type: 'boolean' },
  'ike-timing': { type: 'boolean' },
} as const;

/** {@link LoadNetworkOptions} from parsed {@link NETWORK_OPTIONS} values. */
export function networkOptions(values: {
  topology?: string;
  sites?: string;
  exclude?: string;
  'relax-lifetime'?: boolean;
  'exact-proxy'?: boolean;
  'first-packet-lost'?: boolean;
  'ike-timing'?: boolean;
}): LoadNetworkOptions {
  return {
    ...(values.topology !== undefined ? { topology: values.topology } : {}),
    ...(values.sites !== undefined ? { sites: values.sites } : {}),
    ...(values.exclude !== undefined ? { exclude: values.exclude } : {}),
    relaxLifetime: values['relax-lifetime'] === true,
    exactProxy: values['exact-proxy'] === true,
    firstPacketLost: values['first-packet-lost'] === true,
    ikeTiming: values['ike-timing'] === true,
  };
}
