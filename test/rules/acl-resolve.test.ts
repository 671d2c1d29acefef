import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluatedAcl, lookupAcl } from '../../lib/rules/acl-resolve.js';
import { firstMatch } from '../../lib/rules/acl.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import type { Packet } from '../../lib/rules/header-space.js';
import { parseConfig } from '../../lib/parse/index.js';
import { packetArb } from './arbitraries.js';

const ip = ipToNumber;
const config = (text: string) => parseConfig(text, { file: 'r.cfg' }).config;
const pkt = (src: string, dst: string, proto = 1, sport = 0, dport = 0): Packet => ({
  src: ip(src),
  dst: ip(dst),
  proto,
  sport,
  dport,
});
const decide = (text: string, p: Packet, name = 'F'): string => {
  const c = config(text);
  const line = firstMatch(lookupAcl(c, name)!, p);
  return line === undefined ? 'implicit deny' : `${line.action} line ${line.rule.loc?.line}`;
};

describe('sequence order', () => {
  it('GIVEN a re-opened list with "5 deny" WHEN a packet both lines match is decided THEN the deny (typed last, numbered first) wins', () => {
    const text =
      'ip access-list extended F\n permit ip any any\nip access-list extended F\n 5 deny ip host 10.0.0.1 any';
    expect(decide(text, pkt('10.0.0.1', '10.9.9.9'))).toBe('deny line 4');
    expect(decide(text, pkt('10.0.0.2', '10.9.9.9'))).toBe('permit line 2');
  });

  it('GIVEN an IR whose entries are out of sequence order WHEN evaluated THEN the order is by number and nothing else changes', () => {
    const c = config('ip access-list extended F\n 10 permit ip any any');
    const written = {
      ...c.accessLists[0]!,
      entries: [
        { ...c.accessLists[0]!.entries[0]!, seq: 20 },
        {
          kind: 'rule' as const,
          seq: 5,
          action: 'deny' as const,
          protocol: 'ip' as const,
          source: { kind: 'any' as const },
          destination: { kind: 'any' as const },
        },
      ],
    };
    const evaluated = evaluatedAcl({ ...c, accessLists: [written] }, written);
    expect(evaluated.entries.map((e) => e.seq)).toEqual([5, 20]);
    expect(firstMatch(evaluated, pkt('1.1.1.1', '2.2.2.2'))?.action).toBe('deny');
  });

  it('GIVEN a list in order without groups WHEN evaluated THEN the same object comes back (the million-line hub is not copied)', () => {
    const c = config('access-list 110 permit ip any any\naccess-list 110 deny ip any any');
    expect(evaluatedAcl(c, c.accessLists[0]!)).toBe(c.accessLists[0]);
  });
});

describe('object groups', () => {
  const groups = [
    'object-group network SPOKES',
    ' host 10.0.1.1',
    ' 10.0.2.0 255.255.255.0',
    ' range 10.0.3.10 10.0.3.20',
    'object-group network ALL',
    ' group-object SPOKES',
    ' host 10.0.0.9',
    'object-group service WEB',
    ' tcp eq 443',
    ' tcp-udp eq 53',
    'ip access-list extended F',
    ' deny object-group WEB any object-group ALL',
    ' permit ip object-group SPOKES any',
  ].join('\n');

  it.each([
    ['10.0.0.1', '10.0.3.15', 6, 443, 'deny line 12'],
    ['10.0.0.1', '10.0.0.9', 17, 53, 'deny line 12'],
    ['10.0.0.1', '10.0.3.21', 6, 443, 'implicit deny'],
    ['10.0.2.7', '10.0.3.21', 6, 443, 'permit line 13'],
    ['10.0.3.9', '10.0.1.1', 1, 0, 'implicit deny'],
    ['10.0.3.20', '10.0.1.1', 1, 0, 'permit line 13'],
  ] as const)(
    'GIVEN groups with hosts, a subnet, a range and nesting WHEN %s -> %s proto %d port %d THEN %s',
    (src, dst, proto, dport, want) => {
      expect(decide(groups, pkt(src, dst, proto, 1024, dport))).toBe(want);
    },
  );

  // A reference written from the IOS definitions, item by item, without any interval arithmetic.
  const itemArb = fc.oneof(
    fc
      .integer({ min: 0, max: 3 })
      .chain((o) =>
        fc
          .integer({ min: 0, max: 255 })
          .map((h) => ({ text: `host 10.0.${o}.${h}`, has: (a: number) => a === ip(`10.0.${o}.${h}`) })),
      ),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(23, 24, 25)).map(([o, len]) => {
      const mask = (0xffffffff << (32 - len)) >>> 0;
      const net = ip(`10.0.${o}.0`) & mask;
      return {
        text: `10.0.${o}.0 ${[mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.')}`,
        has: (a: number) => (a & mask) >>> 0 === net >>> 0,
      };
    }),
    fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 0, max: 300 })).map(([lo, n]) => {
      const a = ip('10.0.0.0') + lo;
      const b = Math.min(ip('10.0.3.255'), a + n);
      const q = (x: number) => `10.0.${(x >>> 8) & 255}.${x & 255}`;
      return { text: `range ${q(a)} ${q(b)}`, has: (x: number) => x >= a && x <= b };
    }),
  );
  const lineArb = fc.record({
    action: fc.constantFrom('permit', 'deny'),
    src: fc.constantFrom('object-group G1', 'object-group G2', 'any'),
    dst: fc.constantFrom('object-group G1', 'object-group G2', 'any'),
    seq: fc.integer({ min: 1, max: 500 }),
  });

  it('GIVEN random groups (nested) and numbered lines typed in any order WHEN packets are decided THEN the answer is the reference: lines by number, first whose group holds the packet', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.array(itemArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.uniqueArray(lineArb, { minLength: 1, maxLength: 6, selector: (l) => l.seq }),
        fc.array(packetArb, { minLength: 1, maxLength: 20 }),
        (g1, g2, nest, lines, packets) => {
          const text = [
            'object-group network G1',
            ...g1.map((i) => ` ${i.text}`),
            'object-group network G2',
            ...g2.map((i) => ` ${i.text}`),
            ...(nest ? [' group-object G1'] : []),
            'ip access-list extended F',
            ...lines.map((l) => ` ${l.seq} ${l.action} ip ${l.src} ${l.dst}`),
          ].join('\n');
          const c = config(text);
          const inGroup = (name: string, a: number): boolean => {
            if (name === 'any') return true;
            if (name === 'object-group G1') return g1.some((i) => i.has(a));
            return g2.some((i) => i.has(a)) || (nest && g1.some((i) => i.has(a)));
          };
          // IOS ignores an entry identical to one already in the list.
          const kept = lines.filter(
            (l, i) => !lines.slice(0, i).some((x) => x.action === l.action && x.src === l.src && x.dst === l.dst),
          );
          const sorted = [...kept].sort((a, b) => a.seq - b.seq);
          for (const p of packets) {
            const want = sorted.find((l) => inGroup(l.src, p.src) && inGroup(l.dst, p.dst))?.action;
            expect(firstMatch(lookupAcl(c, 'F')!, p)?.action).toBe(want);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
