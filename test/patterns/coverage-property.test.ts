import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aclLines, hubAndSpokes, mirror } from './fixtures.js';

const site = (i: number) => (i === 0 ? '10.0.0.0/0.0.0.255' : `10.${i}.0.0/0.0.0.255`);

describe('derived crypto ACLs cover every ordered site pair (property)', () => {
  it('GIVEN 1 to 12 spokes in exact mode WHEN derived THEN every ordered pair of distinct sites is permitted exactly once on each side, mirrored', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (n) => {
        const { hub, spokes } = hubAndSpokes(n);
        const hubIr = hub.router.toIr();
        const hubLines: string[] = [];
        spokes.forEach((s, idx) => {
          const onHub = aclLines(hubIr, hub.aclFor(s).name);
          const onSpoke = aclLines(s.router.toIr(), s.cryptoAcl.name);
          // The hub entry for spoke idx+1 only ever matches that spoke's LAN as destination.
          expect(onHub.every((l) => l.endsWith(`-> ${site(idx + 1)}`))).toBe(true);
          expect(onSpoke.map(mirror).sort()).toEqual([...onHub].sort());
          hubLines.push(...onHub);
        });
        const expected: string[] = [];
        for (let to = 1; to <= n; to++)
          for (let from = 0; from <= n; from++) if (from !== to) expected.push(`permit ${site(from)} -> ${site(to)}`);
        expect(hubLines.sort()).toEqual(expected.sort());
      }),
      { numRuns: 12 },
    );
  });

  it('GIVEN 1 to 12 spokes in summarized mode WHEN derived THEN each spoke ACL has one line per summary prefix and mirrors its hub entry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (n) => {
        const { hub, spokes } = hubAndSpokes(n, { aclMode: 'summarized', sitePools: ['10.0.0.0/8'] });
        const hubIr = hub.router.toIr();
        for (const s of spokes) {
          const onSpoke = aclLines(s.router.toIr(), s.cryptoAcl.name);
          // The hub LAN 10.0.0.0/24 lies inside the pool, so the summary is the pool alone.
          expect(onSpoke).toEqual([`permit ${s.lanPrefixes[0]!.address}/0.0.0.255 -> 10.0.0.0/0.255.255.255`]);
          expect(aclLines(hubIr, hub.aclFor(s).name)).toEqual(onSpoke.map(mirror));
        }
      }),
      { numRuns: 12 },
    );
  });
});
