/**
 * `hubspoke ping <paths...> --from HOST --to IP [--source IP|INTERFACE] [--host IP] [--repeat N]`: one IOS ping
 * through emulated routers. Exit 0 iff the success rate is 100 %, 1 otherwise, 2 for bad usage or
 * unreadable input.
 */
import { loadNetwork, NETWORK_OPTIONS, networkOptions, siteNote } from './load-network.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';
import { MAX_PING_REPEAT } from '../emulate/ping.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke ping <config files or folders...> --from HOST --to IP [options]

Pings through routers emulated from the configs (routing, crypto maps, IKE, ESP) and prints the
IOS ping output.

options:
  --from HOST          hostname of the router that pings
  --to IP              destination address
  --source IP|IFACE    source address or interface (default: the exit interface's address)
  --host IP            ping from a host at IP on a LAN of --from instead of from the router:
                       the echo enters through that LAN interface, so its inbound list, NAT and
                       the crypto ACLs see it as site traffic (not with --source)
  --repeat N           number of echos (default 5)
  --topology FILE      underlay segments from synth's topology.json
  --sites CIDR,...     the site networks (as hubspoke verify); a ping outside every site gets a note
  --exclude X,...      networks or interfaces (NAME, HOST:NAME) that are no sites
  --relax-lifetime     accept ISAKMP offers with a longer lifetime (some IOS releases do)
  --exact-proxy        demand exact proxy-identity matches (ASA behaviour)
  --first-packet-lost  drop the packet that triggers IKE, as real routers do (.!!!!)
  --ike-timing         unanswered main mode messages are retransmitted every 10 s before the
                       next set peer is tried (the waiting packet is lost)
  -h, --help           this text

exit codes: 0 success rate 100 percent, 1 otherwise, 2 bad usage or input
`;

const IP = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const isIp = (s: string) => IP.test(s) && s.split('.').every((x) => Number(x) <= 255);

/** What is wrong with the --to, --source and --host options, if anything. */
function addressProblem(to: string, source: string | undefined, host: string | undefined): string | undefined {
  if (!isIp(to)) return `--to must be an IPv4 address, not "${to}"`;
  if (host !== undefined && source !== undefined) return 'give --source or --host, not both';
  if (host !== undefined && !isIp(host)) return `--host must be an IPv4 address, not "${host}"`;
  return undefined;
}

/** The --repeat count (5 when not given), or what is wrong with it. */
function repeatCount(text: string | undefined): number | string {
  if (text === undefined) return 5;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PING_REPEAT) {
    return `--repeat must be a whole number from 1 to ${MAX_PING_REPEAT}, not "${text}"`;
  }
  return Number(text);
}

/** Runs `hubspoke ping`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'ping',
    USAGE,
    argv,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string' },
      host: { type: 'string' },
      repeat: { type: 'string' },
      ...NETWORK_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  const usage = (msg: string) => usageError('ping', USAGE, msg, io);
  if (positionals.length === 0) return usage('give at least one config file or folder');
  if (values.from === undefined) return usage('--from HOST is required');
  if (values.to === undefined) return usage('--to IP is required');
  const problem = addressProblem(values.to, values.source, values.host);
  if (problem !== undefined) return usage(problem);
  const repeat = repeatCount(values.repeat);
  if (typeof repeat === 'string') return usage(repeat);
  const loaded = await loadNetwork('ping', positionals, networkOptions(values), io);
  if (!loaded) return 2;
  const net = loaded.net;
  if (!net.hasDevice(values.from)) {
    return usage(
      `unknown device "${values.from}" (known: ${net
        .devices()
        .map((d) => d.hostname)
        .join(', ')})`,
    );
  }
  const source = values.host ?? values.source;
  const result = net.ping({
    from: values.from,
    to: values.to,
    repeat,
    ...(source !== undefined ? { source } : {}),
    ...(values.host !== undefined ? { asHost: true } : {}),
  });
  io.stdout(result.output);
  for (const a of [source, values.to]) {
    const note = a === undefined ? undefined : siteNote(loaded, a);
    if (note) io.stderr(note);
  }
  return result.ok && result.successRate === 100 ? 0 : 1;
}
