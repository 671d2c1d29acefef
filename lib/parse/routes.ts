/**
 * `ip route P M {IF [NH] | NH} [distance] [tag T] [name N] [permanent | track N]`.
 *
 * The interface may be typed with a space (`Null 0`, `Ethernet 1`), as the IOS prompt accepts;
 * every spelling of the null interface (`Null0`, `null 0`, `Nu0`) becomes `Null0`, the discard
 * route of docs/ios-semantics.md#discard-routes.
 */
import type { StaticRoute } from '../ir/router-config.js';
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, startsWithDigit, uint } from './numbers.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a global `ip route` line into `ctx.draft.staticRoutes`. */
export function readRoute(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const n = line.line;
  if (w[2] === 'vrf') return notModelled(line, ctx, 'ip route vrf');
  if (w[2] === 'static' || w[2] === 'profile') return keepExtra(line, ctx);
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
  if (((addressValue & maskValue) >>> 0) !== addressValue) {
    // IOS refuses the command with "%Inconsistent address and mask".
    ctx.sink.error('INCONSISTENT_MASK', n, `${address} has host bits set for netmask ${mask}; IOS rejects this route`);
    return undefined;
  }
  const route: Writable<StaticRoute> = { prefix: { address, prefixLength }, loc: ctx.draft.loc(n) };
  let i = 4;
  const target = w[i]!;
  if (target === 'dhcp') return notModelled(line, ctx, 'ip route ... dhcp');
  if (dottedQuad(target) >= 0) {
    route.nextHop = target;
    i++;
  } else if (startsWithDigit(target)) {
    ctx.sink.error('BAD_ADDRESS', n, `"${target}" is neither an IPv4 next hop nor an interface name`);
    return undefined;
  } else {
    // `Ethernet 1`: a type word without a number is followed by the number (IOS accepts both).
    const joined = /^[A-Za-z-]+$/.test(target) && w[i + 1] !== undefined && /^\d+(?:[/:]\d+)*(?:\.\d+)?$/.test(w[i + 1]!);
    const name = joined ? `${target}${w[i + 1]}` : target;
    route.interface = /^nu(?:l|ll)?0$/i.test(name) ? 'Null0' : name;
    i += joined ? 2 : 1;
    if (w[i] !== undefined && dottedQuad(w[i]!) >= 0) {
      route.nextHop = w[i];
      i++;
    }
  }
  while (i < w.length) {
    const word = w[i]!;
    if (startsWithDigit(word)) {
      const distance = uint(word, 1, 255);
      if (distance === undefined) {
        ctx.sink.error('BAD_NUMBER', n, `route distance "${word}" is not in 1-255`);
        return undefined;
      }
      route.distance = distance;
      i++;
    } else if (word === 'name' && w[i + 1] !== undefined) {
      route.name = w[i + 1];
      i += 2;
    } else if (word === 'tag' && w[i + 1] !== undefined) {
      i += 2;
    } else if (word === 'track' || word === 'permanent') {
      // IOS takes one of the two (`[permanent | track N]`); a second is refused at the prompt.
      if (route.permanent === true || route.track !== undefined) {
        ctx.sink.error('BAD_ROUTE', n, 'ip route takes either permanent or track, not both');
        return undefined;
      }
      if (word === 'permanent') {
        route.permanent = true;
        i++;
        continue;
      }
      const track = uint(w[i + 1], 1, 1000);
      if (track === undefined) {
        ctx.sink.error('BAD_NUMBER', n, `track object "${w[i + 1] ?? ''}" is not a number in 1-1000`);
        return undefined;
      }
      route.track = track;
      i += 2;
    } else if (word === 'global') {
      i++;
    } else if (word === 'multicast') {
      return notModelled(line, ctx, 'ip route ... multicast');
    } else {
      ctx.sink.error('BAD_ROUTE', n, `unexpected "${word}" in ip route`);
      return undefined;
    }
  }
  ctx.draft.staticRoutes.push(route);
  return undefined;
}
