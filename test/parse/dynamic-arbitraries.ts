// fast-check generators of dynamic crypto maps and IP SLA operations (helper module, not a test file).
import fc from 'fast-check';
import type { DynamicCryptoMap, DynamicMapEntry, IpSlaOperation } from '../../lib/ir/router-config.js';
import { clean, ipArb, opt, text, upperName } from './arb-basics.js';

const dynamicEntryArb = (seq: number): fc.Arbitrary<DynamicMapEntry> =>
  fc
    .record({
      description: opt(text),
      peers: fc.uniqueArray(ipArb, { maxLength: 2 }),
      transformSets: fc.array(upperName, { minLength: 1, maxLength: 3 }),
      matchAddress: opt(fc.oneof(fc.integer({ min: 100, max: 199 }).map(String), upperName)),
      reverseRoute: opt(fc.constantFrom({}, { static: true })),
      pfs: opt(
        fc.oneof(
          fc.constant({}),
          fc.constantFrom(2, 14, 19).map((group) => ({ group })),
        ),
      ),
      saLifetimeSeconds: opt(fc.integer({ min: 120, max: 86400 })),
      saLifetimeKilobytes: opt(fc.integer({ min: 2560, max: 4194303 })),
      isakmpProfile: opt(upperName),
      extraLines: fc.array(fc.constant('qos pre-classify'), { maxLength: 1 }),
    })
    .map((r) => clean({ seq, ...r }));

/** A `crypto dynamic-map NAME` with one to three entries. */
export const dynamicMapArb = (name: string): fc.Arbitrary<DynamicCryptoMap> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 })
    .chain((seqs) => fc.tuple(...[...seqs].sort((a, b) => a - b).map(dynamicEntryArb)))
    .map((entries) => ({ name, entries }));

/** An `ip sla N` operation: an icmp-echo (any source form) or another type, scheduled or not. */
export const ipSlaArb = (id: number): fc.Arbitrary<IpSlaOperation> =>
  fc
    .record({
      icmpEcho: opt(
        fc
          .record({
            destination: ipArb,
            source: opt(
              fc.oneof(
                ipArb.map((address) => ({ kind: 'address' as const, address })),
                fc.constantFrom('Ethernet0', 'Vlan1').map((i) => ({ kind: 'interface' as const, interface: i })),
              ),
            ),
          })
          .map(clean),
      ),
      frequency: opt(fc.integer({ min: 1, max: 604800 })),
      schedule: opt(
        fc
          .record({
            life: opt(fc.oneof(fc.constant('forever' as const), fc.integer({ min: 0, max: 86400 }))),
            startTime: opt(fc.constantFrom('now', 'pending', 'after 00:00:10')),
            recurring: opt(fc.constant(true as const)),
          })
          .map(clean),
      ),
      extraLines: fc.array(fc.constantFrom('timeout 1000', 'threshold 500'), { maxLength: 2 }),
    })
    .map((r) =>
      clean({
        id,
        ...r,
        extraLines: r.icmpEcho === undefined ? ['udp-echo 192.0.2.1 5000', ...r.extraLines] : r.extraLines,
      }),
    );
