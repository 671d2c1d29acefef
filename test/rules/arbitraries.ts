// Test helper (not a test file): fast-check generators of ACL lines and packets over a small
// address universe (10.0.0.0 - 10.0.3.255), so random lines overlap often.
import fc from 'fast-check';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import type { Packet } from '../../lib/rules/header-space.js';

const octet = fc.integer({ min: 0, max: 3 });
const addrArb = fc.oneof(
  fc.constant('any'),
  octet.map((o) => `host 10.0.${o}.1`),
  fc
    .tuple(octet, fc.constantFrom('0.0.0.255', '0.0.1.255', '0.0.3.255', '0.0.2.255', '0.0.0.127'))
    .map(([o, w]) => `10.0.${o}.0 ${w}`),
);
const protoArb = fc.constantFrom('ip', 'tcp', 'udp', 'icmp');
const portArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom('eq 80', 'eq 80 443', 'lt 100', 'gt 442', 'range 70 90', 'neq 80'),
);

/** One extended ACL line in IOS syntax. */
export const aclLineArb = fc
  .tuple(fc.constantFrom('permit', 'deny'), protoArb, addrArb, addrArb, portArb)
  .map(([a, p, s, d, port]) => `${a} ${p} ${s} ${d}${(p === 'tcp' || p === 'udp') && port ? ` ${port}` : ''}`);

/** A packet inside the universe. */
export const packetArb: fc.Arbitrary<Packet> = fc.record({
  src: fc.tuple(octet, fc.integer({ min: 0, max: 255 })).map(([o, h]) => ipToNumber(`10.0.${o}.${h}`)),
  dst: fc.tuple(octet, fc.integer({ min: 0, max: 255 })).map(([o, h]) => ipToNumber(`10.0.${o}.${h}`)),
  proto: fc.constantFrom(1, 6, 17, 50),
  sport: fc.constantFrom(0, 80, 443, 1000),
  dport: fc.constantFrom(0, 79, 80, 85, 443, 60000),
});
