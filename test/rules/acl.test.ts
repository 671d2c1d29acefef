import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileAcl, firstMatch, partitionByAcl } from '../../lib/rules/acl.js';
import {
  addressIntervals,
  compileAclRule,
  portIntervals,
  protocolInterval,
  ADDRESS_EXPANSION_CAP,
} from '../../lib/rules/acl-line.js';
import {
  ALL_HEADERS,
  boxesIntersect as intersects,
  boxSize,
  packetBox,
  subtractSpaces,
  type HeaderBox,
  type Packet,
} from '../../lib/rules/header-space.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import type { AccessList } from '../../lib/ir/router-config.js';
import { acl, rule } from './lab-ir.js';
import { aclLineArb, packetArb } from './arbitraries.js';

const ip = ipToNumber;
const pkt = (src: string, dst: string, proto = 1, sport = 0, dport = 0): Packet => ({
  src: ip(src),
  dst: ip(dst),
  proto,
  sport,
  dport,
});

function contains(space: readonly HeaderBox[], p: Packet): boolean {
  return space.some((b) => subtractSpaces([packetBox(p)], [b]).length === 0);
}

describe('address matches', () => {
  it('GIVEN a contiguous wildcard WHEN expanded THEN it is one interval with host bits ignored', () => {
    const r = addressIntervals({ kind: 'wildcard', address: '10.1.1.77', wildcard: '0.0.0.255' });
    expect(r.intervals).toEqual([[ip('10.1.1.0'), ip('10.1.1.255')]]);
    expect(r.approximate).toBe(false);
  });

  it('GIVEN a non-contiguous wildcard WHEN expanded THEN every stripe is an interval and gaps are excluded', () => {
    const r = addressIntervals({ kind: 'wildcard', address: '10.0.0.0', wildcard: '0.255.0.255' });
    expect(r.intervals).toHaveLength(256);
    expect(r.intervals[5]).toEqual([ip('10.5.0.0'), ip('10.5.0.255')]);
    const line = compileAclRule(rule('permit ip 10.0.0.0 0.255.0.255 any'), 'extended');
    expect(contains(line.boxes, pkt('10.5.0.7', '1.1.1.1'))).toBe(true);
    expect(contains(line.boxes, pkt('10.5.1.7', '1.1.1.1'))).toBe(false);
  });

  it('GIVEN a wildcard with more stripes than the cap WHEN expanded THEN it is flagged approximate and over-approximates', () => {
    const r = addressIntervals({ kind: 'wildcard', address: '10.0.0.0', wildcard: '0.255.255.254' });
    expect(r.approximate).toBe(true);
    expect(r.intervals.length).toBeLessThanOrEqual(ADDRESS_EXPANSION_CAP);
    // Every exact member (even addresses in 10/8) is still covered.
    for (const a of ['10.0.0.0', '10.200.3.4', '10.255.255.254']) {
      expect(r.intervals.some(([lo, hi]) => ip(a) >= lo && ip(a) <= hi)).toBe(true);
    }
  });

  it('GIVEN any and host WHEN expanded THEN they are the full range and a point', () => {
    expect(addressIntervals({ kind: 'any' }).intervals).toEqual([[0, 0xffffffff]]);
    expect(addressIntervals({ kind: 'host', address: '1.2.3.4' }).intervals).toEqual([[ip('1.2.3.4'), ip('1.2.3.4')]]);
  });
});

describe('ports and protocols', () => {
  it('GIVEN each port operator WHEN expanded THEN the intervals are the IOS meaning', () => {
    expect(portIntervals({ op: 'eq', ports: [443, 80] })).toEqual([
      [80, 80],
      [443, 443],
    ]);
    expect(portIntervals({ op: 'neq', ports: [22] })).toEqual([
      [0, 21],
      [23, 65535],
    ]);
    expect(portIntervals({ op: 'lt', ports: [1024] })).toEqual([[0, 1023]]);
    expect(portIntervals({ op: 'gt', ports: [1023] })).toEqual([[1024, 65535]]);
    expect(portIntervals({ op: 'range', ports: [5000, 5010] })).toEqual([[5000, 5010]]);
    expect(portIntervals(undefined)).toEqual([[0, 65535]]);
  });

  it('GIVEN protocol names WHEN compiled THEN they map to IP protocol numbers', () => {
    expect(protocolInterval('ip')).toEqual([0, 255]);
    expect(protocolInterval('tcp')).toEqual([6, 6]);
    expect(protocolInterval('udp')).toEqual([17, 17]);
    expect(protocolInterval('icmp')).toEqual([1, 1]);
    expect(protocolInterval('esp')).toEqual([50, 50]);
    expect(protocolInterval('ahp')).toEqual([51, 51]);
    expect(protocolInterval('gre')).toEqual([47, 47]);
    expect(protocolInterval(89)).toEqual([89, 89]);
  });

  it('GIVEN a tcp line with a port WHEN matched THEN only that protocol and port match', () => {
    const a = acl('101', ['permit tcp any host 10.0.0.1 eq 80']);
    expect(firstMatch(a, pkt('1.1.1.1', '10.0.0.1', 6, 1234, 80))?.action).toBe('permit');
    expect(firstMatch(a, pkt('1.1.1.1', '10.0.0.1', 6, 1234, 81))).toBeUndefined();
    expect(firstMatch(a, pkt('1.1.1.1', '10.0.0.1', 17, 1234, 80))).toBeUndefined();
  });
});

describe('standard lists', () => {
  it('GIVEN a standard list WHEN a packet is matched THEN only its source address counts', () => {
    const std: AccessList = {
      name: '10',
      type: 'standard',
      numbered: true,
      entries: [
        {
          kind: 'rule',
          action: 'permit',
          protocol: 'ip',
          source: { kind: 'wildcard', address: '10.1.1.0', wildcard: '0.0.0.255' },
          destination: { kind: 'any' },
        },
      ],
    };
    expect(firstMatch(std, pkt('10.1.1.9', '8.8.8.8', 6, 1, 2))?.action).toBe('permit');
    expect(firstMatch(std, pkt('10.1.2.9', '10.1.1.9'))).toBeUndefined();
  });
});

describe('first-match partition', () => {
  it('GIVEN overlapping lines WHEN the full space is partitioned THEN each line gets only what earlier lines left, plus an implicit deny', () => {
    const a = acl('110', [
      'deny ip host 10.1.1.5 any',
      'permit ip 10.1.1.0 0.0.0.255 any',
      'permit ip 10.1.0.0 0.0.255.255 any',
    ]);
    const part = partitionByAcl(a, [ALL_HEADERS]);
    expect(part.pieces.map((p) => [p.line.index, p.line.action])).toEqual([
      [0, 'deny'],
      [1, 'permit'],
      [2, 'permit'],
    ]);
    const sizes = part.pieces.map((p) => p.space.reduce((s, b) => s + boxSize(b), 0));
    const perAddress = 2 ** 32 * 256 * 65536 * 65536;
    expect(sizes.map((s) => s / perAddress)).toEqual([1, 255, 65536 - 256]);
    expect(contains(part.implicitDeny, pkt('11.0.0.1', '1.1.1.1'))).toBe(true);
    expect(contains(part.implicitDeny, pkt('10.1.2.1', '1.1.1.1'))).toBe(false);
  });

  it('GIVEN a line shadowed by an earlier one WHEN partitioned THEN it gets no piece', () => {
    const a = acl('110', ['permit ip 10.0.0.0 0.255.255.255 any', 'deny ip 10.1.1.0 0.0.0.255 any']);
    const part = partitionByAcl(a, [ALL_HEADERS]);
    expect(part.pieces.map((p) => p.line.index)).toEqual([0]);
  });
});

function pieceOf(a: AccessList, p: Packet): number | undefined {
  const part = partitionByAcl(a, [ALL_HEADERS]);
  const hit = part.pieces.filter((piece) => contains(piece.space, p));
  expect(hit.length + (contains(part.implicitDeny, p) ? 1 : 0)).toBe(1);
  return hit[0]?.line.index;
}

describe('set and point versions agree', () => {
  it('GIVEN random ACLs and packets WHEN partitioned and looked up THEN the piece holding the packet is the first match', () => {
    fc.assert(
      fc.property(
        fc.array(aclLineArb, { minLength: 1, maxLength: 8 }),
        fc.array(packetArb, { minLength: 1, maxLength: 5 }),
        (lines, packets) => {
          const a = acl('1', lines);
          for (const p of packets) expect(pieceOf(a, p)).toBe(firstMatch(a, p)?.index);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GIVEN random ACLs longer than the scan limit WHEN looked up through the index THEN the results equal the partition', () => {
    fc.assert(
      fc.property(
        fc.array(aclLineArb, { minLength: 40, maxLength: 160 }),
        fc.array(packetArb, { minLength: 1, maxLength: 5 }),
        (lines, packets) => {
          const a = acl('2', lines);
          for (const p of packets) expect(pieceOf(a, p)).toBe(firstMatch(a, p)?.index);
          // The index's candidates for a region are exactly the lines meeting it.
          const region = [packetBox(packets[0]!)];
          expect(compileAcl(a).candidates(region)).toEqual(
            compileAcl(a)
              .lines.filter((l) => l.boxes.some((b) => intersects(b, region[0]!)))
              .map((l) => l.index),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('GIVEN a region query WHEN partitioned THEN only pieces inside the region are returned', () => {
    const a = acl('3', ['permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255', 'permit ip any 10.0.3.0 0.0.0.255']);
    const region: HeaderBox = { ...ALL_HEADERS, dst: [ip('10.0.3.0'), ip('10.0.3.255')] };
    const part = partitionByAcl(a, [region]);
    expect(part.pieces.map((p) => p.line.index)).toEqual([1]);
    expect(part.implicitDeny).toEqual([]);
  });
});

describe('big lists', () => {
  it('GIVEN a 200,000-line ACL WHEN compiled once and looked up 2,000 times THEN lookups use the cache and find the first matching line', () => {
    const entries = [];
    for (let i = 0; i < 200_000; i += 1) {
      const dst = `20.${(i % 1000) >> 8}.${(i % 1000) & 255}.0`;
      const src = `30.0.${Math.floor(i / 1000)}.0`;
      entries.push(rule(`permit ip ${src} 0.0.0.255 ${dst} 0.0.0.255`));
    }
    const big: AccessList = { name: 'BIG', type: 'extended', numbered: false, entries };
    const compiled = compileAcl(big);
    expect(compileAcl(big)).toBe(compiled);
    for (let k = 0; k < 2000; k += 1) {
      const i = (k * 7919) % 200_000;
      const p = pkt(`30.0.${Math.floor(i / 1000)}.9`, `20.${(i % 1000) >> 8}.${(i % 1000) & 255}.9`);
      expect(firstMatch(big, p)?.index).toBe(i);
    }
    expect(firstMatch(big, pkt('1.1.1.1', '20.0.0.1'))).toBeUndefined();
  });
});
