import fc from 'fast-check';
import { IPv4, IPv4CidrRange, IPv4Mask, IPv4Prefix, Validator } from 'ip-num';
import { describe, expect, it } from 'vitest';
import {
  aggregatePrefixes,
  blockBounds,
  blockLength,
  blockSize,
  blockStart,
  ipToNumber,
  isIpv4,
  isNetmask,
  lengthToNetmask,
  lengthToWildcard,
  netmaskToLength,
  networkOf,
  numberToIp,
  prefixBounds,
  prefixContains,
  prefixContainsIp,
  prefixesOverlap,
  quadValue,
  rangeToBlocks,
  wildcardToLength,
} from '../../lib/ir/ipv4.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const len = fc.integer({ min: 0, max: 32 });
const ip = u32.map((v) => IPv4.fromNumber(BigInt(v)).toString());
const prefix = fc.tuple(ip, len).map(([address, prefixLength]) => ({ address, prefixLength }));
const octetish = fc.oneof(
  fc.integer({ min: 0, max: 300 }).map(String),
  fc.constantFrom('01', '00', '', 'a', '-1', '1e2', ' 1'),
);
const maybeIp = fc.oneof(
  ip,
  fc.array(octetish, { minLength: 3, maxLength: 5 }).map((p) => p.join('.')),
);

describe('IPv4 helpers agree with ip-num', () => {
  it('GIVEN any text that looks like an address WHEN validated THEN isIpv4 agrees with ip-num', () => {
    fc.assert(
      fc.property(maybeIp, (text) => {
        expect(isIpv4(text)).toBe(Validator.isValidIPv4String(text)[0] && /^\d+\.\d+\.\d+\.\d+$/.test(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any text WHEN read by the arithmetic reader THEN it reads canonical quads as ip-num does and leaves the rest to ip-num', () => {
    fc.assert(
      fc.property(maybeIp, (text) => {
        const value = quadValue(text);
        if (value >= 0) expect(value).toBe(Number(IPv4.fromString(text).getValue()));
        // Every address ip-num prints is canonical, so the fast reader takes it.
        if (isIpv4(text) && IPv4.fromString(text).toString() === text) expect(value).toBeGreaterThanOrEqual(0);
        if (isIpv4(text)) expect(ipToNumber(text)).toBe(Number(IPv4.fromString(text).getValue()));
      }),
      { numRuns: 3000 },
    );
    expect(quadValue('010.0.0.1')).toBe(-1);
    expect(quadValue('10.0.0.256')).toBe(-1);
    expect(quadValue('10.0.0.1.')).toBe(-1);
  });

  it("GIVEN any address WHEN converted both ways THEN the number is ip-num's and the text round-trips", () => {
    fc.assert(
      fc.property(u32, (v) => {
        const text = numberToIp(v);
        expect(text).toBe(IPv4.fromNumber(BigInt(v)).toString());
        expect(ipToNumber(text)).toBe(v);
      }),
    );
    expect(() => ipToNumber('10.0.0.256')).toThrow(/not a valid IPv4 address/);
  });

  it("GIVEN any prefix WHEN its network, bounds, masks and containment are computed THEN they equal ip-num's", () => {
    fc.assert(
      fc.property(prefix, prefix, ip, (p, q, a) => {
        const range = new IPv4CidrRange(IPv4.fromString(p.address), IPv4Prefix.fromNumber(BigInt(p.prefixLength)));
        expect(networkOf(p.address, p.prefixLength)).toEqual({
          address: range.getFirst().toString(),
          prefixLength: p.prefixLength,
        });
        expect(prefixBounds(p)).toEqual([Number(range.getFirst().getValue()), Number(range.getLast().getValue())]);
        const other = new IPv4CidrRange(IPv4.fromString(q.address), IPv4Prefix.fromNumber(BigInt(q.prefixLength)));
        expect(prefixContains(p, q)).toBe(range.contains(other));
        expect(prefixesOverlap(p, q)).toBe(range.isOverlapping(other));
        expect(prefixContainsIp(p, a)).toBe(range.contains(IPv4.fromString(a)));
        const mask = IPv4Prefix.fromNumber(BigInt(p.prefixLength)).toMask();
        expect(lengthToNetmask(p.prefixLength)).toBe(mask.toString());
        expect(netmaskToLength(mask.toString())).toBe(p.prefixLength);
        expect(lengthToWildcard(p.prefixLength)).toBe(numberToIp(~Number(mask.getValue()) >>> 0));
        expect(wildcardToLength(lengthToWildcard(p.prefixLength))).toBe(p.prefixLength);
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any dotted quad WHEN checked as a netmask THEN isNetmask agrees with ip-num', () => {
    const maskish = fc.oneof(
      ip,
      len.map((l) => IPv4Prefix.fromNumber(BigInt(l)).toMask().toString()),
    );
    fc.assert(
      fc.property(maskish, (m) => {
        expect(isNetmask(m)).toBe(Validator.isValidIPv4Mask(m)[0]);
        if (!isNetmask(m)) expect(wildcardToLength(numberToIp(~ipToNumber(m) >>> 0))).toBeUndefined();
        else expect(netmaskToLength(m)).toBe(Number(IPv4Mask.fromDecimalDottedString(m).prefix));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('aggregatePrefixes', () => {
  it('GIVEN a prefix nested in another that starts at the same address WHEN aggregated THEN only the outer one remains', () => {
    expect(
      aggregatePrefixes([
        { address: '10.0.0.0', prefixLength: 8 },
        { address: '10.0.0.0', prefixLength: 24 },
      ]),
    ).toEqual([{ address: '10.0.0.0', prefixLength: 8 }]);
  });

  it('GIVEN any prefixes WHEN aggregated THEN the result covers exactly the same addresses with disjoint prefixes', () => {
    const network = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 16 }))
      .map(([o, l]) => networkOf(`10.${o}.0.0`, l));
    fc.assert(
      fc.property(
        fc.array(network, { minLength: 1, maxLength: 8 }),
        fc.array(
          u32.map((v) => (v % 0x01000000) + 0x0a000000),
          { maxLength: 50 },
        ),
        (prefixes, probes) => {
          const out = aggregatePrefixes(prefixes);
          for (let i = 1; i < out.length; i++) expect(prefixesOverlap(out[i - 1]!, out[i]!)).toBe(false);
          for (const v of probes) {
            const a = numberToIp(v);
            expect(out.some((p) => prefixContainsIp(p, a))).toBe(prefixes.some((p) => prefixContainsIp(p, a)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('block arithmetic', () => {
  it("GIVEN any address and prefix length WHEN its block is computed THEN it is ip-num's CIDR range of that address", () => {
    fc.assert(
      fc.property(u32, len, (value, length) => {
        const range = IPv4CidrRange.fromCidr(`${numberToIp(value)}/${length}`);
        const expected = [Number(range.getFirst().getValue()), Number(range.getLast().getValue())];
        expect(blockBounds(value, length)).toEqual(expected);
        expect(blockStart(value, length)).toBe(expected[0]);
        expect(blockSize(length)).toBe(expected[1]! - expected[0]! + 1);
        expect(blockLength(expected[0]!, expected[1]!)).toBe(length);
      }),
    );
  });

  it('GIVEN an interval that is not one aligned block WHEN its block length is asked THEN there is none', () => {
    expect(blockLength(5, 12)).toBeUndefined();
    expect(blockLength(0, 2)).toBeUndefined();
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 100000 }), (lo, extra) => {
        const hi = Math.min(0xffffffff, lo + extra);
        const blocks = rangeToBlocks(lo, hi);
        expect(blockLength(lo, hi) !== undefined).toBe(blocks.length === 1);
      }),
    );
  });

  it('GIVEN an interval WHEN cut into blocks THEN the blocks are aligned, disjoint and cover it exactly', () => {
    expect(rangeToBlocks(0, 0xffffffff)).toEqual([[0, 0]]);
    expect(rangeToBlocks(5, 12)).toEqual([
      [5, 32],
      [6, 31],
      [8, 30],
      [12, 32],
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 100000 }), (lo, len) => {
        const hi = Math.min(0xffffffff, lo + len);
        let next = lo;
        for (const [net, plen] of rangeToBlocks(lo, hi)) {
          const size = 2 ** (32 - plen);
          expect(net).toBe(next);
          expect(net % size).toBe(0);
          next = net + size;
        }
        expect(next).toBe(hi + 1);
      }),
    );
  });
});
