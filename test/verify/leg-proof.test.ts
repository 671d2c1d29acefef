import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Proof, verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { edit, modernLab, parseLab, replaceLine, seedLab, type Lab } from './labs.js';
import { randomNetworkArb } from './differential-lab.js';

const LAB = seedLab('three-spokes');
const MODERN = modernLab(6);
/** Long exact ACLs (35 lines per spoke): the leg proof walks these spokes site by site. */
const WIDE = modernLab(34);

/** Labs with and without defects: the leg proof must never change a verdict or a finding. */
const CASES: [string, Lab][] = [
  ['the reference lab', LAB],
  ['the two-spoke reference lab', seedLab('two-spokes')],
  ['a modern 6-spoke lab', MODERN],
  [
    'a missing hub route',
    edit(LAB, 'hub.cfg', (t) => replaceLine(t, 'ip route 192.168.1.0 255.255.255.0 Ethernet1', [])),
  ],
  [
    'a spoke deny line',
    edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255', [
        'access-list 110 deny ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
      ]),
    ),
  ],
  [
    'a spoke lifetime shorter than the hub',
    edit(LAB, 'spoke3.cfg', (t) => replaceLine(t, ' hash md5', [' hash md5', ' lifetime 3600'])),
  ],
  [
    'a hub ACL missing one source',
    edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'access-list 120 permit ip 172.16.2.0 0.0.0.255 192.168.1.0 0.0.0.255', []),
    ),
  ],
  [
    'a hub entry with a backup peer',
    edit(LAB, 'hub.cfg', (t) => replaceLine(t, ' set peer 10.1.3.1', [' set peer 10.1.3.1', ' set peer 10.1.9.9'])),
  ],
  [
    'a spoke with a wrong key',
    edit(LAB, 'spoke2.cfg', (t) => t.replace('crypto isakmp key cisco123', 'crypto isakmp key fake-other-key')),
  ],
  [
    'a hub entry that captures another spoke',
    edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255', [
        'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.0.0 0.0.255.255',
      ]),
    ),
  ],
  [
    'a modern spoke with another PFS group',
    edit(MODERN, 'spoke03.cfg', (t) => t.replace(' set pfs group14', ' set pfs group19')),
  ],
  [
    'a spoke LAN list that drops one spoke pair',
    edit(LAB, 'spoke2.cfg', (t) =>
      replaceLine(t, ' ip address 192.168.1.1 255.255.255.0', [
        ' ip address 192.168.1.1 255.255.255.0',
        ' ip access-group 150 in',
      ]).replace(
        /\nend\s*$/,
        '\naccess-list 150 deny ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255\naccess-list 150 permit ip any any\nend\n',
      ),
    ),
  ],
  [
    'a hub WAN list that lets IKE through but not ESP',
    edit(MODERN, 'hub.cfg', (t) =>
      replaceLine(t, ' crypto map VPN', [' ip access-group WAN-IN in', ' crypto map VPN']).replace(
        /\nend\s*$/,
        '\nip access-list extended WAN-IN\n permit udp any any eq isakmp\nend\n',
      ),
    ),
  ],
  [
    'a spoke with PAT and no exemption',
    edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(
        replaceLine(t, ' ip address 172.16.1.1 255.255.255.0', [
          ' ip address 172.16.1.1 255.255.255.0',
          ' ip nat inside',
        ]),
        ' ip address 10.1.2.1 255.255.255.0',
        [' ip address 10.1.2.1 255.255.255.0', ' ip nat outside'],
      ).replace(
        /\nend\s*$/,
        '\nip nat inside source list 1 interface Ethernet1 overload\naccess-list 1 permit 172.16.1.0 0.0.0.255\nend\n',
      ),
    ),
  ],
  ['a modern 34-spoke lab', WIDE],
  [
    'a 34-spoke lab whose spoke lacks one line',
    edit(WIDE, 'spoke07.cfg', (t) => t.replace(' permit ip 10.7.0.0 0.0.0.255 10.12.0.0 0.0.0.255\n', '')),
  ],
  // Routing (docs/ios-semantics.md#routing): the leg proof leaves discard routes and equal-cost paths to the walk.
  [
    'a hub Null0 route over half of a spoke site',
    edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'ip http server', ['ip route 192.168.1.128 255.255.255.128 Null0', 'ip http server']),
    ),
  ],
  [
    'a spoke Null0 route over part of another site',
    edit(LAB, 'spoke1.cfg', (t) =>
      replaceLine(t, 'no ip http server', ['ip route 172.16.2.0 255.255.255.192 Null0', 'no ip http server']),
    ),
  ],
  [
    'a spoke Null0 route over part of its own site',
    edit(LAB, 'spoke3.cfg', (t) =>
      replaceLine(t, 'no ip http server', ['ip route 172.16.2.64 255.255.255.192 Null0', 'no ip http server']),
    ),
  ],
  [
    'a hub with equal-cost paths to a spoke, one to the LAN',
    edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, 'ip http server', ['ip route 172.16.1.0 255.255.255.0 Ethernet0', 'ip http server']),
    ),
  ],
  [
    'a modern spoke with a permanent route through a shut interface',
    edit(MODERN, 'spoke02.cfg', (t) =>
      replaceLine(t, 'ip route 10.4.0.0 255.255.255.0 GigabitEthernet1', [
        'ip route 10.4.0.0 255.255.255.0 GigabitEthernet3 permanent',
        'interface GigabitEthernet3',
        ' ip address 192.0.2.1 255.255.255.252',
        ' shutdown',
      ]),
    ),
  ],
];

describe('leg proof', () => {
  for (const [name, lab] of CASES) {
    it(`GIVEN ${name} WHEN proven with and without the leg proof THEN pairs, findings and counts are identical`, () => {
      const files = parseLab(lab);
      expect(verifyNetwork(files)).toEqual(verifyNetwork(files, { legProof: false }));
      expect(verifyNetwork(files, { brokenOnly: true })).toEqual(
        verifyNetwork(files, { brokenOnly: true, legProof: false }),
      );
    });
  }

  it('GIVEN correct hub-and-spoke labs WHEN the leg proof runs THEN it proves every pair without a single pair walk', () => {
    for (const lab of [LAB, MODERN, WIDE]) {
      const proof = new Proof(parseLab(lab));
      const { proven, decided } = proof.decideUnproven();
      expect(decided).toEqual([]);
      expect(proven).toBe(proof.pairCount());
    }
  });

  it('GIVEN one broken spoke WHEN the leg proof runs THEN only pairs of that spoke are walked', () => {
    const proof = new Proof(
      parseLab(edit(MODERN, 'spoke03.cfg', (t) => t.replace(' set pfs group14', ' set pfs group19'))),
    );
    const { decided } = proof.decideUnproven();
    expect(decided.length).toBeGreaterThan(0);
    for (const p of decided) expect([p.from, p.to]).toContain('Spoke3');
  });

  it("GIVEN random hub-and-spoke networks with random defects (the differential test's generator) WHEN proven with and without the leg proof THEN every pair, finding and count agrees", () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(randomNetworkArb(6), ({ net, topology, label }) => {
        const files = parseLab(net.lab);
        const options = topology ? { topology } : {};
        expect(verifyNetwork(files, options), label).toEqual(verifyNetwork(files, { ...options, legProof: false }));
        const proof = new Proof(files, options);
        if (proof.decideUnproven().proven > 0) shortcuts += 1;
      }),
      { numRuns: 80, seed: 20261202 },
    );
    // The comparison means something only if the leg proof decided pairs in many of the runs.
    expect(shortcuts).toBeGreaterThan(20);
  });
});
