/**
 * Header space: sets of IPv4 packet headers as unions of boxes over five dimensions (source,
 * destination, protocol, source port, destination port), each an inclusive integer interval.
 *
 * This is the one representation both the emulator and the verifier use: a concrete packet is a
 * box whose intervals are single points, so every rule written over boxes (ACL first match,
 * crypto-map selection, proxy-identity subset checks) serves both the per-packet emulator and the
 * symbolic proof. Ports are meaningful only for TCP (6) and UDP (17); packets of other protocols
 * carry ports 0/0, and ACL lines without port conditions match every port value.
 *
 * These set operations are the proof's innermost loops, run a few times per device in a network of
 * thousands: they name the five dimensions instead of looping over their keys, and index arrays
 * instead of using for-of (in the first, interpreted runs every for-of step allocates an iterator
 * result, which shows as garbage-collection time in a large proof).
 */

/** Inclusive integer interval `[lo, hi]`. */
export type Interval = readonly [number, number];

/** A box of headers. */
export interface HeaderBox {
  readonly src: Interval;
  readonly dst: Interval;
  readonly proto: Interval;
  readonly sport: Interval;
  readonly dport: Interval;
}

/** A set of headers: a union of pairwise-disjoint boxes. */
export type HeaderSpace = readonly HeaderBox[];

export const FULL_ADDRESS: Interval = [0, 0xffffffff];
export const FULL_PROTOCOL: Interval = [0, 255];
export const FULL_PORT: Interval = [0, 65535];
const DIMS = ['src', 'dst', 'proto', 'sport', 'dport'] as const;

/** Every header. */
export const ALL_HEADERS: HeaderBox = {
  src: FULL_ADDRESS,
  dst: FULL_ADDRESS,
  proto: FULL_PROTOCOL,
  sport: FULL_PORT,
  dport: FULL_PORT,
};

/** A single concrete packet header as a box. */
export interface Packet {
  /** Unsigned 32-bit source address. */
  readonly src: number;
  readonly dst: number;
  /** IP protocol number (1 ICMP, 6 TCP, 17 UDP, 50 ESP...). */
  readonly proto: number;
  /** 0 for protocols without ports. */
  readonly sport: number;
  readonly dport: number;
}

export function packetBox(p: Packet): HeaderBox {
  return {
    src: [p.src, p.src],
    dst: [p.dst, p.dst],
    proto: [p.proto, p.proto],
    sport: [p.sport, p.sport],
    dport: [p.dport, p.dport],
  };
}

/** Box of every header from a source interval to a destination interval (any protocol/port). */
export function addressBox(src: Interval, dst: Interval): HeaderBox {
  return { src, dst, proto: FULL_PROTOCOL, sport: FULL_PORT, dport: FULL_PORT };
}

function intersectInterval(a: Interval, b: Interval): Interval | undefined {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : undefined;
}

/** True when the box holds the packet (every field within its interval). */
export function boxHolds(b: HeaderBox, p: Packet): boolean {
  return (
    p.src >= b.src[0] &&
    p.src <= b.src[1] &&
    p.dst >= b.dst[0] &&
    p.dst <= b.dst[1] &&
    p.proto >= b.proto[0] &&
    p.proto <= b.proto[1] &&
    p.sport >= b.sport[0] &&
    p.sport <= b.sport[1] &&
    p.dport >= b.dport[0] &&
    p.dport <= b.dport[1]
  );
}

/** Intersection of two boxes, or undefined when they are disjoint. */
export function intersectBox(a: HeaderBox, b: HeaderBox): HeaderBox | undefined {
  if (!boxesIntersect(a, b)) return undefined;
  const src = intersectInterval(a.src, b.src);
  if (!src) return undefined;
  const dst = intersectInterval(a.dst, b.dst);
  if (!dst) return undefined;
  const proto = intersectInterval(a.proto, b.proto);
  if (!proto) return undefined;
  const sport = intersectInterval(a.sport, b.sport);
  if (!sport) return undefined;
  const dport = intersectInterval(a.dport, b.dport);
  if (!dport) return undefined;
  return { src, dst, proto, sport, dport };
}

/** True when `inner` lies entirely within `outer`. */
export function boxContains(outer: HeaderBox, inner: HeaderBox): boolean {
  return (
    inner.src[0] >= outer.src[0] &&
    inner.src[1] <= outer.src[1] &&
    inner.dst[0] >= outer.dst[0] &&
    inner.dst[1] <= outer.dst[1] &&
    inner.proto[0] >= outer.proto[0] &&
    inner.proto[1] <= outer.proto[1] &&
    inner.sport[0] >= outer.sport[0] &&
    inner.sport[1] <= outer.sport[1] &&
    inner.dport[0] >= outer.dport[0] &&
    inner.dport[1] <= outer.dport[1]
  );
}

/** True when the boxes share at least one header (no allocation: the hot test of every set rule). */
export function boxesIntersect(a: HeaderBox, b: HeaderBox): boolean {
  return (
    a.src[0] <= b.src[1] &&
    b.src[0] <= a.src[1] &&
    a.dst[0] <= b.dst[1] &&
    b.dst[0] <= a.dst[1] &&
    a.proto[0] <= b.proto[1] &&
    b.proto[0] <= a.proto[1] &&
    a.sport[0] <= b.sport[1] &&
    b.sport[0] <= a.sport[1] &&
    a.dport[0] <= b.dport[1] &&
    b.dport[0] <= a.dport[1]
  );
}

/** `a` minus `b` as disjoint boxes (at most two per dimension). */
export function subtractBox(a: HeaderBox, b: HeaderBox): HeaderBox[] {
  if (!boxesIntersect(a, b)) return [a];
  const out: HeaderBox[] = [];
  // Peel off the parts of `a` outside `b` one dimension at a time; what is left shrinks to a ∩ b.
  let { src, dst, proto, sport, dport } = a;
  if (src[0] < b.src[0]) out.push({ src: [src[0], b.src[0] - 1], dst, proto, sport, dport });
  if (src[1] > b.src[1]) out.push({ src: [b.src[1] + 1, src[1]], dst, proto, sport, dport });
  src = [Math.max(src[0], b.src[0]), Math.min(src[1], b.src[1])];
  if (dst[0] < b.dst[0]) out.push({ src, dst: [dst[0], b.dst[0] - 1], proto, sport, dport });
  if (dst[1] > b.dst[1]) out.push({ src, dst: [b.dst[1] + 1, dst[1]], proto, sport, dport });
  dst = [Math.max(dst[0], b.dst[0]), Math.min(dst[1], b.dst[1])];
  if (proto[0] < b.proto[0]) out.push({ src, dst, proto: [proto[0], b.proto[0] - 1], sport, dport });
  if (proto[1] > b.proto[1]) out.push({ src, dst, proto: [b.proto[1] + 1, proto[1]], sport, dport });
  proto = [Math.max(proto[0], b.proto[0]), Math.min(proto[1], b.proto[1])];
  if (sport[0] < b.sport[0]) out.push({ src, dst, proto, sport: [sport[0], b.sport[0] - 1], dport });
  if (sport[1] > b.sport[1]) out.push({ src, dst, proto, sport: [b.sport[1] + 1, sport[1]], dport });
  sport = [Math.max(sport[0], b.sport[0]), Math.min(sport[1], b.sport[1])];
  if (dport[0] < b.dport[0]) out.push({ src, dst, proto, sport, dport: [dport[0], b.dport[0] - 1] });
  if (dport[1] > b.dport[1]) out.push({ src, dst, proto, sport, dport: [b.dport[1] + 1, dport[1]] });
  return out;
}

/** Intersection of a space with a box. */
export function intersectSpace(space: HeaderSpace, box: HeaderBox): HeaderBox[] {
  const out: HeaderBox[] = [];
  for (let k = 0; k < space.length; k += 1) {
    const i = intersectBox(space[k]!, box);
    if (i) out.push(i);
  }
  return out;
}

/** A space minus a box. */
export function subtractFromSpace(space: HeaderSpace, box: HeaderBox): HeaderBox[] {
  const out: HeaderBox[] = [];
  for (let k = 0; k < space.length; k += 1) {
    const b = space[k]!;
    if (!boxesIntersect(b, box)) out.push(b);
    else {
      const parts = subtractBox(b, box);
      for (let j = 0; j < parts.length; j += 1) out.push(parts[j]!);
    }
  }
  return out;
}

/** A space minus another space. */
export function subtractSpaces(space: HeaderSpace, minus: HeaderSpace): HeaderBox[] {
  let rest: HeaderBox[] = space.slice();
  for (let k = 0; k < minus.length && rest.length > 0; k += 1) rest = subtractFromSpace(rest, minus[k]!);
  return rest;
}

/** True when the space holds no header. */
export function isEmptySpace(space: HeaderSpace): boolean {
  return space.length === 0;
}

/** Number of headers in a box, as a float (for reporting and sampling only). */
export function boxSize(box: HeaderBox): number {
  let size = 1;
  for (const d of DIMS) size *= box[d][1] - box[d][0] + 1;
  return size;
}

/** A representative packet of a non-empty box (its lowest corner). */
export function samplePacket(box: HeaderBox): Packet {
  return { src: box.src[0], dst: box.dst[0], proto: box.proto[0], sport: box.sport[0], dport: box.dport[0] };
}

/** The box with source and destination (addresses and ports) swapped: the mirror image. */
export function mirrorBox(box: HeaderBox): HeaderBox {
  return { src: box.dst, dst: box.src, proto: box.proto, sport: box.dport, dport: box.sport };
}
