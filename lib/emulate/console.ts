/**
 * The exec-mode command line of an emulated router: IOS keyword matching (any unambiguous prefix,
 * so `sh cry isa sa` works), IOS error messages (`% Invalid input detected at '^' marker.` with the
 * caret under the offending word, `% Ambiguous command:`, `% Incomplete command.`) and dispatch to
 * the handful of commands the emulator models.
 */
import { runPing, type PingResult } from './ping.js';

/** The result of one command. */
export interface ExecResult {
  /** Console output, IOS-like, ending with a newline (empty for silent commands). */
  readonly output: string;
  /** False when IOS would have refused the command (invalid, ambiguous, incomplete). */
  readonly ok: boolean;
  /** Structured result of a `ping`. @default - not a ping */
  readonly ping?: PingResult;
}

/** What the commands need from their router. */
export interface ConsoleTarget {
  readonly hostname: string;
  ping(options: Parameters<typeof runPing>[2]): PingResult;
  showIpRoute(): string;
  showIpInterfaceBrief(): string;
  /** @returns undefined when the words name no interface of the router */
  showInterfaces(words: readonly string[]): string | undefined;
  showCryptoIsakmpSa(): string;
  showCryptoIsakmpSaDetail(): string;
  showCryptoIsakmpPolicy(): string;
  /** @returns undefined where the platform has no IKEv2 (IOS 12.2) */
  showCryptoIkev2Sa(detailed: boolean): string | undefined;
  showCryptoIpsecSa(detail?: boolean): string;
  /** @returns undefined where the platform has no `show crypto session` (IOS 12.2) */
  showCryptoSession(detail: boolean): string | undefined;
  showCryptoMap(tag?: string): string;
  showAccessLists(name?: string): string;
  clearAccessListCounters(): void;
  showCryptoEngineConnections(): string;
  showRunningConfig(): string;
  clearCryptoSa(): void;
  clearCryptoIsakmp(): void;
  setDebug(kind: 'isakmp' | 'ipsec' | 'ikev2' | 'all', on: boolean): void;
  /** True where the platform has IKEv2 (not IOS 12.2). */
  hasIkev2(): boolean;
  clearCryptoIkev2Sa(filter: { readonly local?: string; readonly remote?: string }): void;
}

interface Token {
  readonly text: string;
  readonly pos: number;
}

type Handler = (t: ConsoleTarget, args: readonly Token[], self: Token) => ExecResult;

interface Node {
  readonly word: string;
  readonly children?: readonly Node[];
  readonly run?: Handler;
  /** True when the handler parses the remaining words itself. */
  readonly args?: boolean;
}

const text = (output: string): ExecResult => ({ output, ok: true });

const TREE: readonly Node[] = [
  { word: 'ping', run: pingCommand, args: true },
  {
    word: 'show',
    children: [
      {
        word: 'ip',
        children: [
          { word: 'route', run: (t) => text(t.showIpRoute()) },
          { word: 'interface', children: [{ word: 'brief', run: (t) => text(t.showIpInterfaceBrief()) }] },
        ],
      },
      { word: 'interfaces', run: interfacesCommand, args: true },
      {
        word: 'crypto',
        children: [
          {
            word: 'isakmp',
            children: [
              {
                word: 'sa',
                run: (t) => text(t.showCryptoIsakmpSa()),
                children: [{ word: 'detail', run: (t) => text(t.showCryptoIsakmpSaDetail()) }],
              },
              { word: 'policy', run: (t) => text(t.showCryptoIsakmpPolicy()) },
            ],
          },
          {
            word: 'ikev2',
            children: [
              {
                word: 'sa',
                run: (t, _a, self) => ikev2Sa(t, false, self),
                children: [{ word: 'detailed', run: (t, _a, self) => ikev2Sa(t, true, self) }],
              },
            ],
          },
          {
            word: 'ipsec',
            children: [
              {
                word: 'sa',
                run: (t) => text(t.showCryptoIpsecSa()),
                children: [{ word: 'detail', run: (t) => text(t.showCryptoIpsecSa(true)) }],
              },
            ],
          },
          { word: 'session', run: sessionCommand, args: true },
          { word: 'map', run: cryptoMapCommand, args: true },
          {
            word: 'engine',
            children: [
              {
                word: 'connections',
                children: [{ word: 'active', run: (t) => text(t.showCryptoEngineConnections()) }],
              },
            ],
          },
        ],
      },
      { word: 'running-config', run: (t) => text(t.showRunningConfig()) },
      { word: 'access-lists', run: accessListsCommand, args: true },
    ],
  },
  {
    word: 'clear',
    children: [
      {
        word: 'access-list',
        children: [{ word: 'counters', run: (t) => (t.clearAccessListCounters(), text('')) }],
      },
      {
        word: 'crypto',
        children: [
          { word: 'sa', run: (t) => (t.clearCryptoSa(), text('')) },
          { word: 'isakmp', run: (t) => (t.clearCryptoIsakmp(), text('')) },
          { word: 'ikev2', run: clearIkev2Command, args: true },
        ],
      },
    ],
  },
  {
    word: 'debug',
    children: [
      {
        word: 'crypto',
        children: [
          { word: 'isakmp', run: (t) => (t.setDebug('isakmp', true), text('Crypto ISAKMP debugging is on\n')) },
          { word: 'ipsec', run: (t) => (t.setDebug('ipsec', true), text('Crypto IPSEC debugging is on\n')) },
          { word: 'ikev2', run: debugIkev2 },
        ],
      },
    ],
  },
  {
    word: 'undebug',
    children: [
      { word: 'all', run: (t) => (t.setDebug('all', false), text('All possible debugging has been turned off\n')) },
    ],
  },
  {
    word: 'no',
    children: [
      {
        word: 'debug',
        children: [
          { word: 'all', run: (t) => (t.setDebug('all', false), text('All possible debugging has been turned off\n')) },
        ],
      },
    ],
  },
];

function tokenize(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], pos: m.index });
  return out;
}

/** IOS's caret message for input rejected at a column of the command line. */
export function invalidInput(hostname: string, pos: number): ExecResult {
  return { output: `${' '.repeat(hostname.length + 1 + pos)}^\n% Invalid input detected at '^' marker.\n`, ok: false };
}

function match(nodes: readonly Node[], word: string): Node[] {
  const w = word.toLowerCase();
  const exact = nodes.find((n) => n.word === w);
  return exact ? [exact] : nodes.filter((n) => n.word.startsWith(w));
}

/** Runs one exec command against a router. */
export function execute(t: ConsoleTarget, line: string): ExecResult {
  const tokens = tokenize(line);
  if (tokens.length === 0) return text('');
  let nodes: readonly Node[] = TREE;
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const hits = match(nodes, tok.text);
    if (hits.length === 0) return invalidInput(t.hostname, tok.pos);
    if (hits.length > 1) return { output: `% Ambiguous command:  "${line.trim()}"\n`, ok: false };
    const node = hits[0]!;
    // A command that is complete by itself may still take a keyword (`show crypto isakmp sa detail`).
    if (node.run && !(node.children && i + 1 < tokens.length)) {
      const rest = tokens.slice(i + 1);
      if (!node.args && rest.length > 0) return invalidInput(t.hostname, rest[0]!.pos);
      return node.run(t, rest, tok);
    }
    nodes = node.children ?? [];
  }
  return { output: '% Incomplete command.\n', ok: false };
}

/** `show crypto ikev2 sa [detailed]`; IOS 12.2 has no IKEv2 and rejects the command. */
function ikev2Sa(t: ConsoleTarget, detailed: boolean, self: Token): ExecResult {
  const out = t.showCryptoIkev2Sa(detailed);
  return out === undefined ? invalidInput(t.hostname, self.pos) : text(out);
}

/** `debug crypto ikev2`; IOS 12.2 has no IKEv2 and rejects the word. */
function debugIkev2(t: ConsoleTarget, _args: readonly Token[], self: Token): ExecResult {
  if (!t.hasIkev2()) return invalidInput(t.hostname, self.pos);
  t.setDebug('ikev2', true);
  return text('IKEv2 default debugging is on\n');
}

/** `clear crypto ikev2 sa [local A | remote A]`; refused on IOS 12.2 like the other IKEv2 commands. */
function clearIkev2Command(t: ConsoleTarget, words: readonly Token[], self: Token): ExecResult {
  if (!t.hasIkev2()) return invalidInput(t.hostname, self.pos);
  const [sa, ...args] = words;
  if (!sa) return { output: '% Incomplete command.\n', ok: false };
  if (!'sa'.startsWith(sa.text.toLowerCase())) return invalidInput(t.hostname, sa.pos);
  if (args.length === 0) return (t.clearCryptoIkev2Sa({}), text(''));
  const [key, address, extra] = args;
  const which = ['local', 'remote'].filter((w) => w.startsWith(key!.text.toLowerCase()));
  if (which.length !== 1) return invalidInput(t.hostname, key!.pos);
  if (!address) return { output: '% Incomplete command.\n', ok: false };
  if (!isAddress(address.text)) return invalidInput(t.hostname, address.pos);
  if (extra) return invalidInput(t.hostname, extra.pos);
  t.clearCryptoIkev2Sa(which[0] === 'local' ? { local: address.text } : { remote: address.text });
  return text('');
}

/** `show crypto session [detail]`; IOS 12.2 has no such command and rejects the word `session`. */
function sessionCommand(t: ConsoleTarget, args: readonly Token[], self: Token): ExecResult {
  if (t.showCryptoSession(false) === undefined) return invalidInput(t.hostname, self.pos);
  const [key, extra] = args;
  if (key && !'detail'.startsWith(key.text.toLowerCase())) return invalidInput(t.hostname, key.pos);
  if (extra) return invalidInput(t.hostname, extra.pos);
  return text(t.showCryptoSession(key !== undefined)!);
}

/** `show crypto map [tag NAME]`: the only keyword modelled is `tag` (IOS also has `interface`). */
function cryptoMapCommand(t: ConsoleTarget, args: readonly Token[]): ExecResult {
  if (args.length === 0) return text(t.showCryptoMap());
  const [key, name, extra] = args;
  if (!'tag'.startsWith(key!.text.toLowerCase())) return invalidInput(t.hostname, key!.pos);
  if (!name) return { output: '% Incomplete command.\n', ok: false };
  if (extra) return invalidInput(t.hostname, extra.pos);
  return text(t.showCryptoMap(name.text));
}

/** `show interfaces [TunnelN | tunnel N]`: an unknown interface is refused at its first word. */
function interfacesCommand(t: ConsoleTarget, args: readonly Token[]): ExecResult {
  if (args.length > 2) return invalidInput(t.hostname, args[2]!.pos);
  const out = t.showInterfaces(args.map((a) => a.text));
  return out === undefined ? invalidInput(t.hostname, args[0]!.pos) : text(out);
}

/** `show access-lists [NAME|NUMBER]`. */
function accessListsCommand(t: ConsoleTarget, args: readonly Token[]): ExecResult {
  if (args.length > 1) return invalidInput(t.hostname, args[1]!.pos);
  return text(t.showAccessLists(args[0]?.text));
}

const PING_OPTIONS = ['repeat', 'size', 'source', 'timeout'] as const;

function pingCommand(t: ConsoleTarget, args: readonly Token[]): ExecResult {
  let rest = [...args];
  if (rest[0]?.text.toLowerCase() === 'ip') rest = rest.slice(1);
  const target = rest.shift();
  if (!target) return { output: '% Incomplete command.\n', ok: false };
  if (!isAddress(target.text)) return invalidInput(t.hostname, target.pos);
  const opts: { to: string; source?: string; repeat?: number; size?: number; timeout?: number } = { to: target.text };
  while (rest.length > 0) {
    const key = rest.shift()!;
    const hits = PING_OPTIONS.filter((o) => o.startsWith(key.text.toLowerCase()));
    if (hits.length !== 1) return invalidInput(t.hostname, key.pos);
    const value = rest.shift();
    if (!value) return { output: '% Incomplete command.\n', ok: false };
    const opt = hits[0]!;
    if (opt === 'source') {
      opts.source = value.text;
      continue;
    }
    const n = Number(value.text);
    const [lo, hi] = opt === 'repeat' ? [1, 2147483647] : opt === 'size' ? [36, 18024] : [0, 3600];
    if (!/^\d+$/.test(value.text) || n < lo || n > hi) return invalidInput(t.hostname, value.pos);
    opts[opt] = n;
  }
  const result = t.ping(opts);
  return { output: result.output, ok: result.ok, ping: result };
}

function isAddress(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}
