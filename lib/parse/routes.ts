/**
 * `ip route P M {IF [NH] | NH | dhcp} [dhcp] [distance] [tag T] [name N] [permanent | track N]`.
 *
 * The interface may be typed with a space (`Null 0`, `Ethernet 1`), as the IOS prompt accepts;
 * every spelling of the null interface (`Null0`, `null 0`, `Nu0`) becomes `Null0`, the discard
 * route of docs/ios-semantics.md#discard-routes.
 */
import type { Ipv4Prefix, StaticRoute } from '../ir/router-config.js';
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, startsWithDigit, uint } from './numbers.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a global `ip route` line into `ctx.draft.staticRoutes`. */
export function readRoute(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  if (w[2] === 'vrf') return notModelled(line, ctx, 'ip route vrf');
  if (w[2] === 'static' || w[2] === 'profile') return keepExtra(line, ctx);
  const prefix = readRoutePrefix(line, ctx);
  if (prefix === undefined) return undefined;
  const route: Writable<StaticRoute> = { prefix, loc: ctx.draft.loc(line.line) };
  // `ip route P M dhcp`: the next hop is the DHCP-learnt gateway (docs/ios-semantics.md#dhcp-wan-addresses).
  let i = w[4] === 'dhcp' ? 4 : readRouteTarget(line, ctx, route);
  while (i > 0 && i < w.length) {
    if (w[i] === 'multicast') return notModelled(line, ctx, 'ip route ... multicast');
    const taken = readRouteOption(line, ctx, route, i);
    i = taken > 0 ? i + taken : 0;
  }
  if (i > 0) ctx.draft.staticRoutes.push(route);
  return undefined;
}

/** The prefix of `ip route P M ...`, or undefined (reported) when IOS refuses it. */
function readRoutePrefix(line: ConfigLine, ctx: ParseContext): Ipv4Prefix | undefined {
  const w = line.words;
  const n = line.line;
  const address = w[2];
  const mask = w[3];
  if (address === undefined || mask === undefined || w[4] === undefined) {
    ctx.sink.error('BAD_ROUTE', n, 'ip route needs a prefix, a netmask and an interface or next hop');
    return undefined;
  }
  const addressValue = dottedQuad(address);
  if (addressValue < 0) {
    ctx.sink.error('BAD_ADDRESS', n, `"${address}" is not an IPv4 address`);
    return undefined;
  }
  const maskValue = dottedQuad(mask);
  const prefixLength = netmaskLength(maskValue);
  if (prefixLength < 0) {
    ctx.sink.error('BAD_MASK', n, `"${mask}" is not a contiguous netmask`);
    return undefined;
  }
  if ((addressValue & maskValue) >>> 0 !== addressValue) {
    // IOS refuses the command with "%Inconsistent address and mask".
    ctx.sink.error('INCONSISTENT_MASK', n, `${address} has host bits set for netmask ${mask}; IOS rejects this route`);
    return undefined;
  }
  return { address, prefixLength };
}

/**
 * Reads the interface and/or next hop from word 4 into `route`; returns the index of the first
 * option word, or 0 when the line is refused (reported).
 */
function readRouteTarget(line: ConfigLine, ctx: ParseContext, route: Writable<StaticRoute>): number {
  const w = line.words;
  let i = 4;
  const target = w[i]!;
  if (dottedQuad(target) >= 0) {
    route.nextHop = target;
    return i + 1;
  }
  if (startsWithDigit(target)) {
    ctx.sink.error('BAD_ADDRESS', line.line, `"${target}" is neither an IPv4 next hop nor an interface name`);
    return 0;
  }
  // `Ethernet 1`: a type word without a number is followed by the number (IOS accepts both).
  const joined = /^[A-Za-z-]+$/.test(target) && w[i + 1] !== undefined && /^\d+(?:[/:]\d+)*(?:\.\d+)?$/.test(w[i + 1]!);
  const name = joined ? `${target}${w[i + 1]}` : target;
  route.interface = /^nu(?:l|ll)?0$/i.test(name) ? 'Null0' : name;
  i += joined ? 2 : 1;
  if (w[i] !== undefined && dottedQuad(w[i]!) >= 0) {
    route.nextHop = w[i];
    i++;
  }
  return i;
}

/** Reads the option at word `i` into `route`; returns how many words it took, or 0 when refused (reported). */
function readRouteOption(line: ConfigLine, ctx: ParseContext, route: Writable<StaticRoute>, i: number): number {
  const w = line.words;
  const n = line.line;
  const word = w[i]!;
  if (startsWithDigit(word)) {
    const distance = uint(word, 1, 255);
    if (distance === undefined) {
      ctx.sink.error('BAD_NUMBER', n, `route distance "${word}" is not in 1-255`);
      return 0;
    }
    route.distance = distance;
    return 1;
  }
  if (word === 'name' && w[i + 1] !== undefined) {
    route.name = w[i + 1];
    return 2;
  }
  if (word === 'tag' && w[i + 1] !== undefined) return 2;
  if (word === 'dhcp' && route.dhcp !== true && route.distance === undefined) {
    route.dhcp = true;
    return 1;
  }
  if (word === 'global') return 1;
  if (word === 'track' || word === 'permanent') return readRouteTracking(line, ctx, route, i);
  ctx.sink.error('BAD_ROUTE', n, `unexpected "${word}" in ip route`);
  return 0;
}

/** `permanent` or `track N` at word `i`; returns the words taken, or 0 when refused (reported). */
function readRouteTracking(line: ConfigLine, ctx: ParseContext, route: Writable<StaticRoute>, i: number): number {
  const w = line.words;
  const n = line.line;
  // IOS takes one of the two (`[permanent | track N]`); a second is refused at the prompt.
  if (route.permanent === true || route.track !== undefined) {
    ctx.sink.error('BAD_ROUTE', n, 'ip route takes either permanent or track, not both');
    return 0;
  }
  if (w[i] === 'permanent') {
    route.permanent = true;
    return 1;
  }
  const track = uint(w[i + 1], 1, 1000);
  if (track === undefined) {
    ctx.sink.error('BAD_NUMBER', n, `track object "${w[i + 1] ?? ''}" is not a number in 1-1000`);
    return 0;
  }
  route.track = track;
  return 2;
}
