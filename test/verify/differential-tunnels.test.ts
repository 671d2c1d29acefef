/**
 * Differential test for route-based VPNs (docs/ios-semantics.md#tunnel-interfaces): on the
 * hand-written static-VTI and GRE-over-IPsec networks (crypto maps on the WANs, and tunnel
 * protection; docs/ios-semantics.md#gre-over-ipsec) and their defect variants, a pair the proof
 * decides (covered or broken) gets the same answer from an emulated host ping (received without
 * clear text on the WAN); pairs the proof leaves unverified are routed into a tunnel, where the
 * emulator stops too (tunnel-not-modelled).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { edit, parseLab, replaceLine, type Lab } from './labs.js';
import { TUNNEL_DEFECTS, TUNNEL_DESIGNS, tunnelLab, type TunnelDesign } from './tunnel-labs.js';

const HOSTS: Readonly<Record<string, string>> = {
  Hub: '10.10.0.50',
  Spoke1: '10.1.0.50',
  Spoke2: '10.2.0.50',
  Spoke3: '10.3.0.50',
};

const cases: { name: string; lab: Lab }[] = [
  ...TUNNEL_DESIGNS.map((d) => ({ name: `${d} (correct)`, lab: tunnelLab(d) })),
  ...TUNNEL_DEFECTS.map((d) => ({
    name: `${d.design}: ${d.name}`,
    lab: edit(tunnelLab(d.design), d.file, (t) => replaceLine(t, d.from, [...d.to])),
  })),
];

/** Pings every pair of the proof from a host and checks that the emulator agrees on every decided pair. */
function expectAgreement(lab: Lab): void {
  const files = parseLab(lab);
  const proof = verifyNetwork(files);
  const net = Network.fromParsed(files);
  let decided = 0;
  for (const p of proof.pairs) {
    for (const d of Object.keys(HOSTS)) net.device(d).exec('clear crypto sa');
    const before = net.wanLog.length;
    const r = net.ping({ from: p.from, source: HOSTS[p.from]!, to: HOSTS[p.to]!, repeat: 2, asHost: true });
    const clear = net.wanLog.slice(before).filter((x) => !x.encrypted).length;
    const ok = r.received === r.sent && clear === 0;
    if (p.status === 'unverified') {
      expect(ok, `${p.from} -> ${p.to} is unverified but the emulator delivers it`).toBe(false);
      continue;
    }
    decided += 1;
    expect(ok, `${p.from} -> ${p.to}: proof ${p.status}, emulator ${r.received}/${r.sent}, ${clear} clear`).toBe(
      p.covered,
    );
  }
  expect(decided + proof.summary.unverified).toBe(proof.summary.pairs);
}

describe.each(cases)('GIVEN the $name network', ({ lab }) => {
  it('WHEN every pair is pinged from a host THEN the emulator agrees with the proof on every decided pair', () => {
    expectAgreement(lab);
  });
});

/** Variations of the GRE designs the defect list does not hold: each applies to one spoke (1-3). */
/** Edits one file, possibly changing nothing (a variation that does not apply to the design). */
const tweak = (lab: Lab, file: string, fn: (t: string) => string): Lab => ({ ...lab, [file]: fn(lab[file]!) });

const GRE_VARIATIONS: Readonly<Record<string, (lab: Lab, spoke: number) => Lab>> = {
  keepalive: (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) =>
      t.replace(' tunnel destination 198.51.100.2\n', ' tunnel destination 198.51.100.2\n keepalive 10 3\n'),
    ),
  'permit ip host': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) => t.replace(' permit gre host 203.0.113.', ' permit ip host 203.0.113.')),
  'tunnel mode on the profile': (lab, k) => tweak(lab, `spoke${k}.cfg`, (t) => t.replace(' mode transport\n', '')),
  'WAN list for IKE and ESP only': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) =>
      t
        .replace(' description INTERNET\n', ' description INTERNET\n ip access-group WAN-IN in\n')
        .replace(
          '\nend',
          '\nip access-list extended WAN-IN\n permit udp any any eq isakmp\n permit esp any any\n deny ip any any\nend',
        ),
    ),
  'WAN list without ESP': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) =>
      t
        .replace(' description INTERNET\n', ' description INTERNET\n ip access-group WAN-IN in\n')
        .replace('\nend', '\nip access-list extended WAN-IN\n permit udp any any eq isakmp\n deny ip any any\nend'),
    ),
  'crypto map on the tunnel': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) =>
      t.replace(' tunnel source GigabitEthernet0/0\n', ' tunnel source GigabitEthernet0/0\n crypto map CMAP\n'),
    ),
  'NAT overload on the spoke': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) =>
      t
        .replace(' description INTERNET\n', ' description INTERNET\n ip nat outside\n')
        .replace(' description LAN\n', ' description LAN\n ip nat inside\n')
        .replace(
          '\nend',
          `\naccess-list 1 permit 10.${k}.0.0 0.0.0.255\nip nat inside source list 1 interface GigabitEthernet0/0 overload\nend`,
        ),
    ),
  'IKEv1 on the spoke (IKEv2 on the hub)': (lab, k) =>
    tweak(lab, `spoke${k}.cfg`, (t) => t.replace(' set ikev2-profile HUB\n', '')),
  'no PFS on the spoke': (lab, k) => tweak(lab, `spoke${k}.cfg`, (t) => t.replace(' set pfs group19\n', '')),
  'hub entry removed': (lab, k) =>
    tweak(lab, 'hub.cfg', (t) => t.replace(`crypto map CMAP ${k}0 ipsec-isakmp\n set peer 203.0.113.${k}0\n`, '')),
};

describe('GIVEN random combinations of defects and variations on the three GRE designs', () => {
  it('WHEN every pair is pinged from a host THEN the emulator agrees with the proof on every decided pair', () => {
    const gre = TUNNEL_DEFECTS.filter((d) => d.design.startsWith('gre'));
    fc.assert(
      fc.property(
        fc.constantFrom<TunnelDesign>('gre', 'gre-protected', 'gre-ikev2'),
        fc.subarray([...gre.keys()], { maxLength: 3 }),
        fc.subarray(Object.keys(GRE_VARIATIONS), { maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (design, defects, variations, spoke) => {
          let lab = tunnelLab(design);
          for (const i of defects) {
            const d = gre[i]!;
            if (d.design === design)
              lab = edit(lab, d.file, (t) => (t.includes(d.from) ? replaceLine(t, d.from, [...d.to]) : t));
          }
          for (const v of variations) lab = GRE_VARIATIONS[v]!(lab, spoke);
          expectAgreement(lab);
        },
      ),
      { numRuns: 24, seed: 20261202 },
    );
  });
});
