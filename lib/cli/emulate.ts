/**
 * `hubspoke emulate <paths...> --script <file|->`: runs a console script against emulated routers
 * and prints the transcript. Script lines are `Hostname# command`; blank lines and `!` comments are
 * skipped. Messages a command causes on other routers' consoles (debug output, `%CRYPTO` syslog)
 * follow it under `[Hostname console]`. Exit 0 when every line was understood (whatever the pings
 * did), 1 when some command was invalid or named an unknown device, 2 for bad usage or unreadable
 * input.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Network } from '../emulate/network.js';
import { MAX_PING_REPEAT } from '../emulate/ping.js';
import { redactLine } from '../ir/secrets.js';
import { loadNetwork, NETWORK_OPTIONS, networkOptions, siteNote, type LoadedNetwork } from './load-network.js';
import { parseCommandLine, usageError, type CliIo } from './command-line.js';

/** Largest script read, in bytes (UTF-8). */
export const MAX_SCRIPT_BYTES = 1024 * 1024;
/** Most commands (non-blank, non-comment lines) in one script. */
export const MAX_SCRIPT_COMMANDS = 10_000;
/** Largest transcript printed; a script producing more stops there with an error. */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** Usage text of the sub-command. */
export const USAGE = `usage: hubspoke emulate <config files or folders...> --script <file|-> [options]

Runs IOS exec commands against emulated routers built from the configs and prints the transcript.
Script lines look like "Spoke1# ping 192.168.1.1 source 172.16.1.1"; blank lines and lines
starting with "!" are skipped. Messages a command causes on other routers' consoles (debug output,
%CRYPTO syslog) are printed after it under "[Hostname console]". Commands: ping, show ip route, show crypto isakmp sa,
show crypto isakmp policy, show crypto ipsec sa [detail], show crypto session [detail] (IOS 15/XE), show crypto map [tag NAME], show access-lists [NAME], show crypto engine connections active,
show running-config, show interfaces [TunnelN], show ip interface brief, show crypto ikev2 sa [detailed] (IOS 15/XE),
clear access-list counters, clear crypto sa, clear crypto isakmp, clear crypto ikev2 sa [local|remote A] (IOS 15/XE),
debug crypto isakmp, debug crypto ipsec, debug crypto ikev2 (IOS 15/XE), undebug all.

options:
  --script FILE|-      the script ("-" reads standard input)
  --topology FILE      underlay segments from synth's topology.json (default: all WAN interfaces
                       on one routed WAN)
  --sites CIDR,...     the site networks (as hubspoke verify); a ping outside every site gets a note
  --exclude X,...      networks or interfaces (NAME, HOST:NAME) that are no sites
  --relax-lifetime     accept ISAKMP offers with a longer lifetime (some IOS releases do)
  --exact-proxy        demand exact proxy-identity matches (ASA behaviour)
  --first-packet-lost  drop the packet that triggers IKE, as real routers do (.!!!!)
  --ike-timing         unanswered main mode messages are retransmitted every 10 s before the
                       next set peer is tried (the waiting packet is lost)
  -h, --help           this text

limits: a script of at most ${MAX_SCRIPT_BYTES / 1024 / 1024} MiB and ${MAX_SCRIPT_COMMANDS} commands, a transcript of at most
${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB (the rest of the script is not run), ping repeat at most ${MAX_PING_REPEAT}

exit codes: 0 every line understood, 1 some command invalid or device unknown, or the transcript
limit reached, 2 bad usage or input
`;

/** Runs `hubspoke emulate`; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = parseCommandLine(
    'emulate',
    USAGE,
    argv,
    {
      script: { type: 'string' },
      ...NETWORK_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
    io,
  );
  if (!cmd.ok) return cmd.exitCode;
  const { values, positionals } = cmd;
  if (positionals.length === 0) return usageError('emulate', USAGE, 'give at least one config file or folder', io);
  if (values.script === undefined) return usageError('emulate', USAGE, '--script is required', io);
  const script = await readScript(values.script, io);
  if (typeof script === 'number') return script;
  const where = values.script === '-' ? 'stdin' : values.script;
  const lines = script.split(/\r\n|\r|\n/);
  const problem = scriptProblem(script, lines);
  if (problem !== undefined) {
    io.stderr(`hubspoke emulate: ${where}: ${problem}\n`);
    return 2;
  }
  const loaded = await loadNetwork('emulate', positionals, networkOptions(values), io);
  if (!loaded) return 2;
  let failed = false;
  let printed = 0;
  const print = (text: string): void => {
    printed += text.length;
    io.stdout(text);
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('!')) continue;
    if (printed > MAX_TRANSCRIPT_BYTES) {
      io.stderr(
        `hubspoke emulate: ${where}:${i + 1}: the transcript passed ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB; the rest of the script was not run\n`,
      );
      return 1;
    }
    if (!runLine(loaded, line, `${where}:${i + 1}`, print, io)) failed = true;
  }
  return failed ? 1 : 0;
}

/** The script's text, or the exit code (2) after saying why it cannot be read. */
async function readScript(path: string, io: CliIo): Promise<string | number> {
  try {
    if (path === '-') {
      if (!io.stdin) {
        io.stderr('hubspoke emulate: --script - needs standard input\n');
        return 2;
      }
      return await io.stdin();
    }
    // Refuse before reading: a multi-gigabyte file would exhaust memory first.
    const size = (await stat(path)).size;
    if (size > MAX_SCRIPT_BYTES) {
      io.stderr(
        `hubspoke emulate: ${path}: the script has ${size} bytes (limit ${MAX_SCRIPT_BYTES}); split it into several runs\n`,
      );
      return 2;
    }
    return await readFile(path, 'utf8');
  } catch (e) {
    io.stderr(`hubspoke emulate: cannot read script ${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n`);
    return 2;
  }
}

/** Runs one `Hostname# command` line and prints its transcript; false when the line failed. */
function runLine(loaded: LoadedNetwork, line: string, at: string, print: (text: string) => void, io: CliIo): boolean {
  const net = loaded.net;
  const m = /^([^\s#]+)#\s*(.*)$/.exec(line);
  if (!m) {
    io.stderr(`hubspoke emulate: ${at}: expected "Hostname# command", got ${JSON.stringify(redactLine(line))}\n`);
    return false;
  }
  const [, host, command] = m as unknown as [string, string, string];
  if (!net.hasDevice(host)) {
    io.stderr(
      `hubspoke emulate: ${at}: unknown device ${JSON.stringify(host)} (known: ${knownDevices(net.devices().map((d) => d.hostname))})\n`,
    );
    return false;
  }
  const result = transcriptOf(net, host, command);
  print(result.text);
  // A ping between addresses outside every site is not what the proof's verdict is about.
  const ping = /^ping\s+(?:ip\s+)?(\d[\d.]*)(?:.*\bsource\s+(\d[\d.]*))?/.exec(command);
  for (const a of ping ? [ping[2], ping[1]] : []) {
    const note = a === undefined ? undefined : siteNote(loaded, a);
    if (note) io.stderr(note);
  }
  return result.ok;
}

/**
 * The transcript of one command on a device: `Host#command`, its output, then the messages it
 * caused on other routers' consoles (debug, %CRYPTO syslog) under `[Hostname console]`.
 */
export function transcriptOf(net: Network, host: string, command: string): { text: string; ok: boolean } {
  const result = net.device(host).exec(command);
  let text = `${host}#${command}\n${result.output}`;
  for (const other of net.devices()) {
    if (other.hostname === host) continue;
    const lines = other.takePendingLog();
    if (lines.length > 0) text += `[${other.hostname} console]\n${lines.join('\n')}\n`;
  }
  return { text, ok: result.ok };
}

function scriptProblem(script: string, lines: readonly string[]): string | undefined {
  const bytes = Buffer.byteLength(script, 'utf8');
  if (bytes > MAX_SCRIPT_BYTES)
    return `the script has ${bytes} bytes (limit ${MAX_SCRIPT_BYTES}); split it into several runs`;
  let commands = 0;
  for (const l of lines) {
    const t = l.trim();
    if (t !== '' && !t.startsWith('!')) commands += 1;
  }
  if (commands > MAX_SCRIPT_COMMANDS)
    return `the script has ${commands} commands (limit ${MAX_SCRIPT_COMMANDS}); split it into several runs`;
  return undefined;
}

/** The known device names for an error, at most 20 of them. */
function knownDevices(names: readonly string[]): string {
  return names.length <= 20 ? names.join(', ') : `${names.slice(0, 20).join(', ')} and ${names.length - 20} more`;
}
