/** Reading a TCP/UDP port of an ACL line, by number or by the names of `lib/ir/protocols.ts`. */
import { TCP_PORTS, UDP_PORTS } from '../ir/protocols.js';

/** The number of a port given by number or name for a protocol, or undefined. */
export function portNumber(word: string, protocol: 'tcp' | 'udp'): number | undefined {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (word.length > 5) return undefined;
    const n = Number(word);
    return Number.isInteger(n) && n <= 65535 ? n : undefined;
  }
  const table = protocol === 'tcp' ? TCP_PORTS : UDP_PORTS;
  return Object.prototype.hasOwnProperty.call(table, word) ? table[word] : undefined;
}
