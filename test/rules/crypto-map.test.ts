import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileCryptoMap,
  cryptoMapBindings,
  cryptoMapOf,
  ingressClearDrop,
  partitionEgress,
  partitionIngressClear,
  selectEgressEntry,
} from '../../lib/rules/crypto-map.js';
import { ALL_HEADERS, packetBox, subtractSpaces, type HeaderBox, type Packet } from '../../lib/rules/header-space.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import { compileAcl } from '../../lib/rules/acl.js';
import type { RouterConfig } from '../../lib/ir/router-config.js';
import { acl, labRouter, twoSpokeLab } from './lab-ir.js';
import { aclLineArb, packetArb } from './arbitraries.js';

const ip = ipToNumber;
const pkt = (src: string, dst: string, proto = 1): Packet => ({
  src: ip(src),
  dst: ip(dst),
  proto,
  sport: 0,
  dport: 0,
});
const inSpace = (space: readonly HeaderBox[], p: Packet) =>
  space.some((b) => subtractSpaces([packetBox(p)], [b]).length === 0);

describe('crypto map bindings', () => {
  it('GIVEN the lab hub WHEN bindings are read THEN Ethernet1 carries mymap and Ethernet0 none', () => {
    const { hub } = twoSpokeLab();
    expect(cryptoMapBindings(hub).map((b) => [b.interface.name, b.mapName, b.map?.name])).toEqual([
      ['Ethernet1', 'mymap', 'mymap'],
    ]);
    expect(cryptoMapOf(hub, 'Ethernet0')).toBeUndefined();
  });
});

describe('egress selection', () => {
  it('GIVEN the lab hub WHEN spoke1->spoke2 traffic leaves THEN entry 20 (peer spoke2) owns it via its second line', () => {
    const { hub } = twoSpokeLab();
    const owner = selectEgressEntry(hub, hub.cryptoMaps[0]!, pkt('172.16.1.1', '192.168.1.1'));
    expect(owner?.entry.entry.seq).toBe(20);
    expect(owner?.entry.entry.peers).toEqual(['10.1.3.1']);
    expect(owner?.line.index).toBe(1);
  });

  it('GIVEN a deny line in an earlier entry WHEN it matches THEN the next entry is tried, and unmatched traffic is clear text', () => {
    const r = labRouter({
      hostname: 'R',
      lan: '10.0.0.1',
      wan: '192.0.2.1',
      entries: [
        {
          peer: '192.0.2.10',
          acl: ['deny ip 10.0.0.0 0.0.0.255 10.9.1.0 0.0.0.255', 'permit ip 10.0.0.0 0.0.0.255 10.9.0.0 0.0.255.255'],
        },
        { peer: '192.0.2.20', acl: ['permit ip 10.0.0.0 0.0.0.255 10.9.1.0 0.0.0.255'] },
      ],
      routes: [],
      keys: [],
    });
    const map = r.cryptoMaps[0]!;
    expect(selectEgressEntry(r, map, pkt('10.0.0.5', '10.9.1.5'))?.entry.entry.seq).toBe(20);
    expect(selectEgressEntry(r, map, pkt('10.0.0.5', '10.9.2.5'))?.entry.entry.seq).toBe(10);
    expect(selectEgressEntry(r, map, pkt('10.0.0.5', '8.8.8.8'))).toBeUndefined();
  });

  it('GIVEN an entry with no peer or a missing ACL WHEN compiled THEN IOS leaves it out and says why', () => {
    const r: RouterConfig = {
      ...twoSpokeLab().spoke1,
      cryptoMaps: [
        {
          name: 'mymap',
          entries: [
            { seq: 5, type: 'ipsec-isakmp', peers: [], transformSets: ['myset'], matchAddress: '110', extraLines: [] },
            {
              seq: 7,
              type: 'ipsec-isakmp',
              peers: ['10.1.4.1'],
              transformSets: ['myset'],
              matchAddress: '199',
              extraLines: [],
            },
            {
              seq: 9,
              type: 'ipsec-isakmp',
              peers: ['10.1.4.1'],
              transformSets: [],
              matchAddress: '110',
              extraLines: [],
            },
          ],
        },
      ],
    };
    const c = compileCryptoMap(r, r.cryptoMaps[0]!);
    // 12.2 has no default transform set, so entry 9 is incomplete too.
    expect(c.entries.map((e) => e.status)).toEqual(['no-peer', 'acl-missing', 'no-transform-set']);
    expect(selectEgressEntry(r, r.cryptoMaps[0]!, pkt('172.16.1.1', '10.1.1.1'))).toBeUndefined();
    const modern = { ...r, platform: 'ios-15' as const };
    expect(compileCryptoMap(modern, modern.cryptoMaps[0]!).entries[2]!.status).toBe('active');
  });

  it('GIVEN an earlier hub entry whose ACL also covers another spoke LAN WHEN that traffic leaves THEN the earlier entry captures it', () => {
    const { hub } = twoSpokeLab();
    const wide = {
      ...hub,
      accessLists: [
        acl('110', [
          'permit ip 10.1.1.0 0.0.0.255 172.16.0.0 0.15.255.255',
          'permit ip 10.1.1.0 0.0.0.255 192.168.0.0 0.0.255.255',
        ]),
        hub.accessLists[1]!,
      ],
    };
    expect(selectEgressEntry(wide, wide.cryptoMaps[0]!, pkt('10.1.1.5', '192.168.1.5'))?.entry.entry.peers).toEqual([
      '10.1.2.1',
    ]);
  });
});

describe('egress partition agrees with point selection', () => {
  const addr = fc.constantFrom('10.1.1.5', '172.16.1.7', '192.168.1.9', '172.16.2.3', '8.8.8.8', '10.1.4.1');
  it("GIVEN random packets WHEN the hub map partitions the full space THEN each packet sits in its owner's piece", () => {
    const { hub } = twoSpokeLab();
    const map = hub.cryptoMaps[0]!;
    const part = partitionEgress(hub, map, [ALL_HEADERS]);
    fc.assert(
      fc.property(addr, addr, fc.constantFrom(1, 6, 17), (s, d, proto) => {
        const p = pkt(s, d, proto);
        const owner = selectEgressEntry(hub, map, p);
        const pieces = part.owned.filter((o) => inSpace(o.space, p));
        if (!owner) {
          expect(pieces).toEqual([]);
          expect(inSpace(part.clear, p)).toBe(true);
        } else {
          expect(pieces.map((x) => [x.entry.entry.seq, x.line.index])).toEqual([
            [owner.entry.entry.seq, owner.line.index],
          ]);
        }
      }),
    );
  });
});

describe('ingress clear-text drop', () => {
  it('GIVEN the lab spoke1 WHEN clear text from the hub LAN arrives on its crypto interface THEN it is dropped as should-have-been-IPsec', () => {
    const { spoke1 } = twoSpokeLab();
    const map = spoke1.cryptoMaps[0]!;
    expect(ingressClearDrop(spoke1, map, pkt('10.1.1.5', '172.16.1.1'))?.line.index).toBe(0);
    expect(ingressClearDrop(spoke1, map, pkt('8.8.8.8', '172.16.1.1'))).toBeUndefined();
    const part = partitionIngressClear(spoke1, map, [ALL_HEADERS]);
    expect(part.dropped.map((d) => d.line.index)).toEqual([0, 1]);
    expect(inSpace(part.dropped[1]!.space, pkt('192.168.1.1', '172.16.1.1'))).toBe(true);
    expect(inSpace(part.passed, pkt('172.16.1.1', '192.168.1.1'))).toBe(true);
  });
});

describe('random crypto maps: set and point versions agree', () => {
  // Up to 12 entries: maps of at most 8 are scanned, larger ones (a hub) indexed; both are drawn.
  const mapArb = fc.array(fc.array(aclLineArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
  const build = (acls: string[][], peers = 12) =>
    labRouter({
      hostname: 'R',
      lan: '10.9.0.1',
      wan: '192.0.2.1',
      entries: acls.map((lines, i) => ({ peer: `192.0.2.${10 + (i % peers)}`, acl: lines })),
      routes: [],
      keys: [],
    });

  it("GIVEN random maps of 1 to 12 entries WHEN asked which entries reach an address, a space or a peer THEN the answer is a scan of the active entries' permit lines", () => {
    const boxArb = packetArb.map((p) => ({
      ...packetBox(p),
      dst: [p.dst, Math.min(p.dst + 700, 0xffffffff)] as const,
    }));
    fc.assert(
      fc.property(
        mapArb,
        fc.integer({ min: 1, max: 4 }),
        packetArb,
        fc.array(boxArb, { minLength: 1, maxLength: 3 }),
        (acls, peers, p, space) => {
          const r = build(acls, peers);
          const compiled = compileCryptoMap(r, r.cryptoMaps[0]!);
          const permits = (i: number) => {
            const ce = compiled.entries[i]!;
            return ce.status !== 'active'
              ? []
              : compileAcl(ce.acl!)
                  .lines.filter((l) => l.action === 'permit')
                  .flatMap((l) => l.boxes);
          };
          const ids = compiled.entries.map((_, i) => i);
          const sorted = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);
          expect(sorted(compiled.entriesForDestination(p.dst))).toEqual(
            ids.filter((i) => permits(i).some((b) => b.dst[0] <= p.dst && p.dst <= b.dst[1])),
          );
          expect(compiled.entriesForSpace(space)).toEqual(
            ids.filter((i) => permits(i).some((b) => space.some((x) => b.dst[0] <= x.dst[1] && x.dst[0] <= b.dst[1]))),
          );
          for (let k = 0; k < peers; k += 1) {
            const peer = `192.0.2.${10 + k}`;
            expect([...compiled.entriesForPeer(peer)]).toEqual(
              ids.filter(
                (i) => compiled.entries[i]!.status === 'active' && compiled.entries[i]!.entry.peers.includes(peer),
              ),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("GIVEN random entries with permit and deny lines WHEN egress is partitioned THEN each packet lies in exactly its owner's piece or the clear rest", () => {
    fc.assert(
      fc.property(mapArb, fc.array(packetArb, { minLength: 1, maxLength: 6 }), (acls, packets) => {
        const r = build(acls);
        const map = r.cryptoMaps[0]!;
        const part = partitionEgress(r, map, [ALL_HEADERS]);
        for (const p of packets) {
          const owner = selectEgressEntry(r, map, p);
          const hits = part.owned.filter((o) => inSpace(o.space, p)).map((o) => [o.entry.entry.seq, o.line.index]);
          expect(hits).toEqual(owner ? [[owner.entry.entry.seq, owner.line.index]] : []);
          expect(inSpace(part.clear, p)).toBe(!owner);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('GIVEN random entries WHEN inbound clear text is partitioned THEN the dropped piece holding a packet is the line the point check names', () => {
    fc.assert(
      fc.property(mapArb, fc.array(packetArb, { minLength: 1, maxLength: 6 }), (acls, packets) => {
        const r = build(acls);
        const map = r.cryptoMaps[0]!;
        const part = partitionIngressClear(r, map, [ALL_HEADERS]);
        for (const p of packets) {
          const hit = ingressClearDrop(r, map, p);
          const pieces = part.dropped.filter((d) => inSpace(d.space, p)).map((d) => [d.entry.entry.seq, d.line.index]);
          expect(pieces).toEqual(hit ? [[hit.entry.entry.seq, hit.line.index]] : []);
          expect(inSpace(part.passed, p)).toBe(!hit);
        }
      }),
      { numRuns: 120 },
    );
  });
});
