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
  let v = 0;
  let part = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      v = v * 256 + part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return v * 256 + part;
}

/** First and last address of the subnet of `ip`/`length`. */
export function subnetBounds(ip: number, length: number): [number, number] {
  const size = 2 ** (32 - length);
  const lo = ip - (ip % size);
  return [lo, lo + size - 1];
}
