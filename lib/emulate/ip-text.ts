/**
 * Dotted-quad conversions of the packet walk, on the arithmetic readers of `lib/ir/ipv4.ts` (the
 * emulator formats addresses for every hop of every packet).
 */
import { ipToNumber, numberToIp, quadValue } from '../ir/ipv4.js';

/** Unsigned 32-bit integer to `A.B.C.D`. */
export const ipText: (n: number) => string = numberToIp;

/** `A.B.C.D` to an unsigned 32-bit integer (input from parsed IR, so canonical; else ip-num reads it). */
export function ipValue(text: string): number {
  const value = quadValue(text);
  return value >= 0 ? value : ipToNumber(text);
}

/** First and last address of the subnet of `ip`/`length`. */
export function subnetBounds(ip: number, length: number): [number, number] {
  const size = 2 ** (32 - length);
  const lo = ip - (ip % size);
  return [lo, lo + size - 1];
}
