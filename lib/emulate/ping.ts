/**
 * The `ping` command: ICMP echo requests walked through the emulated network and their replies
 * walked back, printed as IOS prints an (extended) ping.
 *
 * Deterministic on purpose: the packet that triggers IKE is not lost (real IOS usually drops it
 * while negotiating, which is why real pings often show `.!!!!`); round-trip times come from a
 * fixed model (8 ms per WAN crossing, 4 ms per encryption or decryption, 1 ms minimum, +4 ms on a
 * packet that waited for a negotiation), so the reference lab prints 64/64/68 ms like the capture.
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { ipToNumber, isIpv4, numberToIp } from '../ir/ipv4.js';
import { routingTable } from '../rules/routing.js';
import { walk, type DropReason, type UserPacket, type WalkState } from './packet-walk.js';
import type { NegotiationFailure } from './negotiation.js';
import type { DeviceCore, Fabric, Hop } from './types.js';
import { maxOf, minOf } from '../ir/collections.js';

/**
 * Most echos one ping sends. IOS accepts up to 2147483647; the emulator keeps a trace per echo, so
 * a count that large would run for hours and exhaust memory. 100,000 takes seconds.
 */
export const MAX_PING_REPEAT = 100_000;

/** A ping request. */
export interface PingOptions {
  /** Destination address. */
  readonly to: string;
  /** Source address or interface name. @default - the address of the exit interface */
  readonly source?: string;
  /** Number of echos, 1 to {@link MAX_PING_REPEAT}. @default 5 */
  readonly repeat?: number;
  /** Datagram size in bytes. @default 100 */
  readonly size?: number;
  /** Seconds to wait for each reply. @default 2 */
  readonly timeout?: number;
  /**
   * Send as a host at `source` on one of the router's connected LANs instead of as the router: the
   * echo then enters the router through that LAN interface (its inbound access list applies, as to
   * any transit packet) and the reply leaves through it (its outbound list applies). `source` must
   * be an address of a connected LAN that the router does not own.
   * @default false (the router pings, as the IOS `ping` command does)
   */
  readonly asHost?: boolean;
}

/** Why one echo got no reply. */
export interface PingLoss {
  /** 0-based echo number. */
  readonly index: number;
  /** `request` lost on the way out, `reply` on the way back. */
  readonly leg: 'request' | 'reply';
  readonly device: string;
  readonly reason: DropReason;
  /** @default - not a negotiation failure */
  readonly negotiation?: NegotiationFailure;
}

/** Result of a ping. */
export interface PingResult {
  readonly output: string;
  /** False when the command itself was refused (bad source). */
  readonly ok: boolean;
  readonly sent: number;
  readonly received: number;
  /** Integer percent, as IOS prints it. */
  readonly successRate: number;
  /** `!` (reply), `.` (timeout) or `U` (ICMP unreachable received) per echo. */
  readonly marks: string;
  /** Round-trip times of the answered echos, ms. */
  readonly rtts: readonly number[];
  readonly losses: readonly PingLoss[];
  /** Hop-by-hop trace of every echo (request then reply). */
  readonly traces: readonly (readonly Hop[])[];
}

/** IOS sends at most one ICMP unreachable per this many ms (`ip icmp rate-limit unreachable` default). */
const UNREACHABLE_INTERVAL_MS = 500;
const lastUnreachable = new WeakMap<DeviceCore, number>();

/**
 * Whether the ICMP unreachable `at` sends for a dropped echo reaches the pinging router (which then
 * prints `U`): rate-limited per router, sourced from the interface the echo came in on (or the
 * exit towards the sender), and walked back like any packet, so a VPN that would not carry it
 * leaves a timeout (docs/ios-semantics.md#discard-routes).
 */
function unreachableReturns(
  f: Fabric,
  dev: DeviceCore,
  at: DeviceCore,
  arrival: InterfaceConfig | undefined,
  echo: UserPacket,
  st: WalkState,
): boolean {
  const last = lastUnreachable.get(at);
  if (last !== undefined && f.clock.now - last < UNREACHABLE_INTERVAL_MS) return false;
  lastUnreachable.set(at, f.clock.now);
  if (at === dev) return true;
  const back = routingTable(at.config).lookup(echo.src);
  const via = arrival ?? at.config.interfaces.find((i) => i.name === back?.exitInterface);
  if (!via?.address) return false;
  const icmp: UserPacket = { src: ipToNumber(via.address.ip), dst: echo.src, proto: 1, sport: 0, dport: 0, size: 56 };
  const end = walk(f, at, icmp, {}, st);
  return end.kind === 'router' && end.device === dev;
}

/** Finds an interface by IOS name or unambiguous abbreviation (`e0`, `Eth0`, `Ethernet0`). */
export function findInterface(interfaces: readonly InterfaceConfig[], text: string): InterfaceConfig | undefined {
  const t = text.toLowerCase();
  const exact = interfaces.find((i) => i.name.toLowerCase() === t);
  if (exact) return exact;
  const m = /^([a-z-]+)([\d/.:]+)$/.exec(t);
  if (!m) return undefined;
  const hits = interfaces.filter((i) => {
    const n = /^([a-z-]+)([\d/.:]+)$/.exec(i.name.toLowerCase());
    return n !== null && n[2] === m[2] && n[1]!.startsWith(m[1]!);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** Runs a ping from `dev`; `debugLines` returns console lines the walk produced (printed before the marks). */
export function runPing(f: Fabric, dev: DeviceCore, opts: PingOptions, debugLines: () => string[]): PingResult {
  const repeat = opts.repeat ?? 5;
  const size = opts.size ?? 100;
  const timeout = opts.timeout ?? 2;
  const head = [
    'Type escape sequence to abort.',
    `Sending ${repeat}, ${size}-byte ICMP Echos to ${opts.to}, timeout is ${timeout} seconds:`,
  ];
  const refuse = (msg: string): PingResult => ({
    output: `${msg}\n`,
    ok: false,
    sent: 0,
    received: 0,
    successRate: 0,
    marks: '',
    rtts: [],
    losses: [],
    traces: [],
  });
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > MAX_PING_REPEAT) {
    return refuse(
      `% hubspoke emulator: repeat count ${String(repeat)} is outside 1-${MAX_PING_REPEAT} (the emulator's limit; IOS accepts up to 2147483647)`,
    );
  }
  const source = pingSource(dev, opts);
  if (typeof source === 'string') return refuse(source);
  const lan = source.lan;
  if (source.line !== undefined) head.push(source.line);
  if (!isIpv4(opts.to)) return refuse('% Unrecognized host or address, or protocol not running.');
  const dst = ipToNumber(opts.to);
  let src = source.src;
  if (src === undefined) {
    const route = routingTable(dev.config).lookup(dst);
    const exit = route && dev.config.interfaces.find((i) => i.name === route.exitInterface);
    src = exit?.address ? ipToNumber(exit.address.ip) : 0;
  }
  const echoes: Echoes = { marks: [], rtts: [], losses: [], traces: [] };
  for (let i = 0; i < repeat; i += 1) sendEcho(f, dev, { src, dst, size, timeout, lan }, i, echoes);
  const { marks, rtts, losses, traces } = echoes;
  const received = rtts.length;
  const rate = repeat === 0 ? 0 : Math.floor((100 * received) / repeat);
  const markLines: string[] = [];
  for (let i = 0; i < marks.length; i += 70) markLines.push(marks.slice(i, i + 70).join(''));
  const debug = debugLines();
  const output = [
    ...head,
    ...(debug.length > 0 ? ['', ...debug] : []),
    ...markLines,
    pingSummary(rtts, repeat),
    '',
  ].join('\n');
  return { output, ok: true, sent: repeat, received, successRate: rate, marks: marks.join(''), rtts, losses, traces };
}

/**
 * The source of the echoes: a host on a connected LAN (`asHost`), an address or interface of the
 * router (`source`), or none yet (the exit interface's address, once the route is known); with the
 * line IOS prints for it. A string is the refusal IOS prints.
 */
function pingSource(
  dev: DeviceCore,
  opts: PingOptions,
): { src?: number; lan?: InterfaceConfig; line?: string } | string {
  if (opts.asHost) {
    const host =
      opts.source !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(opts.source) && isIpv4(opts.source)
        ? ipToNumber(opts.source)
        : undefined;
    const route = host === undefined || dev.interfaceOwning(host) ? undefined : routingTable(dev.config).lookup(host);
    const lan =
      route?.source === 'connected' ? dev.config.interfaces.find((i) => i.name === route.exitInterface) : undefined;
    if (host === undefined || !lan)
      return `% A host source must be an address of a connected LAN of ${dev.hostname} that the router does not own`;
    return { src: host, lan, line: `Packet sent by host ${numberToIp(host)} on ${lan.name}` };
  }
  if (opts.source === undefined) return {};
  let src: number;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(opts.source)) {
    if (!isIpv4(opts.source)) return '% Invalid source address- IP address not on any of our up interfaces';
    src = ipToNumber(opts.source);
    const owner = dev.interfaceOwning(src);
    if (!owner) return '% Invalid source address- IP address not on any of our up interfaces';
  } else {
    const iface = findInterface(dev.config.interfaces, opts.source);
    if (!iface || !iface.address || iface.shutdown)
      return '% Invalid source interface - IP not enabled or interface is down';
    src = ipToNumber(iface.address.ip);
  }
  return { src, line: `Packet sent with a source address of ${numberToIp(src)}` };
}

/** What the echoes of one ping came to, in order. */
interface Echoes {
  readonly marks: string[];
  readonly rtts: number[];
  readonly losses: PingLoss[];
  readonly traces: Hop[][];
}

/** One echo request and its reply: `!` answered, `U` unreachable returned, `.` timed out. */
function sendEcho(
  f: Fabric,
  dev: DeviceCore,
  e: { src: number; dst: number; size: number; timeout: number; lan: InterfaceConfig | undefined },
  i: number,
  acc: Echoes,
): void {
  const { src, dst, size, timeout, lan } = e;
  const { marks, rtts, losses, traces } = acc;
  const st: WalkState = { hops: [], cost: 0, negotiated: false };
  traces.push(st.hops);
  const req: UserPacket = { src, dst, proto: 1, sport: 0, dport: 0, size };
  const out = walk(f, dev, req, lan ? { iface: lan } : {}, st);
  if (out.kind === 'drop') {
    losses.push({
      index: i,
      leg: 'request',
      device: out.device.hostname,
      reason: out.reason,
      ...(out.negotiation ? { negotiation: out.negotiation } : {}),
    });
    if (out.unreachable && unreachableReturns(f, dev, out.device, out.unreachable.iface, req, st)) {
      marks.push('U');
      f.clock.advance(Math.max(1, st.cost));
      return;
    }
    marks.push('.');
    f.clock.advance(timeout * 1000);
    return;
  }
  // The target answers the source it saw; the pinging host accepts only a reply from the address
  // it pinged. The emulator keeps no NAT translation table
  // (docs/ios-semantics.md#nat-and-the-order-of-operations), so a translated echo is not answered.
  const reply: UserPacket = { src: dst, dst: out.packet.src, proto: 1, sport: 0, dport: 0, size };
  const back = walk(f, out.device, reply, out.kind === 'host' ? { iface: out.iface } : {}, st);
  const answered = back.kind !== 'drop' && back.packet.src === dst && back.packet.dst === src;
  const home = answered && (lan ? back.kind === 'host' && back.iface === lan : back.kind === 'router');
  if (!home || back.device !== dev) {
    const device = back.device.hostname;
    const reason: DropReason = back.kind === 'drop' ? back.reason : 'no-route';
    losses.push({
      index: i,
      leg: 'reply',
      device,
      reason,
      ...(back.kind === 'drop' && back.negotiation ? { negotiation: back.negotiation } : {}),
    });
    marks.push('.');
    f.clock.advance(timeout * 1000);
    return;
  }
  const rtt = Math.max(1, st.cost + (st.negotiated ? 4 : 0));
  rtts.push(rtt);
  marks.push('!');
  f.clock.advance(rtt);
}

/** `Success rate is N percent (r/n)[, round-trip min/avg/max = a/b/c ms]`. */
function pingSummary(rtts: readonly number[], repeat: number): string {
  const received = rtts.length;
  const rate = repeat === 0 ? 0 : Math.floor((100 * received) / repeat);
  let summary = `Success rate is ${rate} percent (${received}/${repeat})`;
  if (received > 0) {
    const min = minOf(rtts);
    const max = maxOf(rtts);
    const avg = Math.floor(rtts.reduce((a, b) => a + b, 0) / received);
    summary += `, round-trip min/avg/max = ${min}/${avg}/${max} ms`;
  }
  return summary;
}
