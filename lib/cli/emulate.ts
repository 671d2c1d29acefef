/**
 * `hubspoke emulate <paths...> --script <file|->`: runs a console script against emulated routers
 * and prints the transcript. Script lines are `Hostname# command`; blank lines and `!` comments are
 * skipped. Messages a command causes on other routers' consoles (debug output, `%CRYPTO` syslog)
 * follow it under `[Hostname console]`. Exit 0 when every line was understood (whatever the pings
 * did), 1 when some command was invalid or named an unknown device, 2 for bad usage or unreadable
 * input.
 */
import { readFile } from 'node:fs/promises';
import { loadNetwork, NETWORK_OPTIONS, networkOptions, siteNote } from './load-network.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke emulate <config files or folders...> --script <file|-> [options]

Runs IOS exec commands against emulated routers built from the configs and prints the transcript.
Script lines look like "Spoke1# ping 192.168.1.1 source 172.16.1.1"; blank lines and lines
starting with "!" are skipped. Messages a command causes on other routers' consoles (debug output,
%CRYPTO syslog) are printed after it under "[Hostname console]". Commands: ping, show ip route, show crypto isakmp sa,
show crypto ipsec sa, show crypto engine connections active, show running-config,
clear crypto sa, clear crypto isakmp, debug crypto isakmp, debug crypto ipsec, undebug all.

options:
  --script FILE|-      the script ("-" reads standard input)
  --topology FILE      underlay segments from synth's topology.json (default: all WAN interfaces
                       on one routed WAN)
  --sites CIDR,...     the site networks (as hubspoke verify); a ping outside every site gets a note
  --exclude X,...      networks or interfaces (NAME, HOST:NAME) that are no sites
  --relax-lifetime     accept ISAKMP offers with a longer lifetime (some IOS releases do)
  --exact-proxy        demand exact proxy-identity matches (ASA behaviour)
  -h, --help           this text

exit codes: 0 every line understood, 1 some command invalid or device unknown, 2 bad usage or input
`;

/** Runs `hubspoke emulate`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine('emulate', USAGE, argv, {
    script: { type: 'string' },
    ...NETWORK_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  }, io);
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length === 0) return usageError('emulate', USAGE, 'give at least one config file or folder', io);
  if (values.script === undefined) return usageError('emulate', USAGE, '--script is required', io);
  let script: string;
  try {
    if (values.script === '-') {
      if (!io.stdin) {
        io.stderr('hubspoke emulate: --script - needs standard input\n');
        return 2;
      }
      script = await io.stdin();
    } else {
      script = await readFile(values.script, 'utf8');
    }
  } catch (e) {
    io.stderr(`hubspoke emulate: cannot read script ${values.script}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n`);
    return 2;
  }
  const loaded = await loadNetwork('emulate', positionals, networkOptions(values), io);
  if (!loaded) return 2;
  const net = loaded.net;
  let failed = false;
  const lines = script.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('!')) continue;
    const m = /^([^\s#]+)#\s*(.*)$/.exec(line);
    if (!m) {
      io.stderr(`hubspoke emulate: ${values.script === '-' ? 'stdin' : values.script}:${i + 1}: expected "Hostname# command", got "${line}"\n`);
      failed = true;
      continue;
    }
    const [, host, command] = m as unknown as [string, string, string];
    if (!net.hasDevice(host)) {
      io.stderr(`hubspoke emulate: ${values.script === '-' ? 'stdin' : values.script}:${i + 1}: unknown device "${host}" (known: ${net.devices().map((d) => d.hostname).join(', ')})\n`);
      failed = true;
      continue;
    }
    const result = net.device(host).exec(command);
    io.stdout(`${host}#${command}\n${result.output}`);
    // A ping between addresses outside every site is not what the proof's verdict is about.
    const ping = /^ping\s+(?:ip\s+)?(\d[\d.]*)(?:.*\bsource\s+(\d[\d.]*))?/.exec(command);
    for (const a of ping ? [ping[2], ping[1]] : []) {
      const note = a === undefined ? undefined : siteNote(loaded, a);
      if (note) io.stderr(note);
    }
    if (!result.ok) failed = true;
    // Messages the command caused on other routers' consoles (debug, %CRYPTO syslog) follow it.
    for (const other of net.devices()) {
      if (other.hostname === host) continue;
      const lines = other.takePendingLog();
      if (lines.length > 0) io.stdout(`[${other.hostname} console]\n${lines.join('\n')}\n`);
    }
  }
  return failed ? 1 : 0;
}
