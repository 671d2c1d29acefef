/**
 * Fast dotted-quad conversions for the packet walk. The emulator formats addresses for every hop
 * of every packet (the all-pairs benchmark sends hundreds of thousands), so this avoids the bigint
 * round trip of the general helpers in `lib/ir/ipv4.ts`; configuration text is still parsed there.
 */

/** Unsigned 32-bit integer to `A.B.C.D`. */
export function ipText(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** `A.B.C.D` to an unsigned 32-bit integer (input assumed well formed: it comes from parsed IR). */
export function ipValue(text: string): number {
  const p = text.split('.');
  return ((Number(p[0]) * 256 + Number(p[1])) * 256 + Number(p[2])) * 256 + Number(p[3]);
}

/** First and last address of the subnet of `ip`/`length`. */
export function subnetBounds(ip: number, length: number): [number, number] {
  const size = 2 ** (32 - length);
  const lo = ip - (ip % size);
  return [lo, lo + size - 1];
}
