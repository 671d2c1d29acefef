/**
 * Differential test for dynamic VTI hubs (docs/ios-semantics.md#dynamic-vti): random combinations of
 * the defects of the hand-written lab (`DVTI_DEFECTS`) and of variations. Proof and emulator share
 * the rule (`lib/rules/dvti.ts`). Two things must agree: every pair the proof decides gets the same
 * answer from an emulated host ping (`expectEmulatorAgreesOnDecided`), and each spoke's
 * leg into the hub (spoke LAN to hub LAN) comes up in the emulator (a virtual-access on the hub
 * decrypts it) exactly when the proof reports nothing on that leg but the hub's clear-text replies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { parseLab, type Lab } from './labs.js';
import { expectEmulatorAgreesOnDecided } from './host-pings.js';
import { DVTI_DEFECTS, dvtiLab } from './tunnel-labs.js';

const HOSTS: Readonly<Record<string, string>> = {
  Hub: '10.10.0.50',
  Spoke1: '10.1.0.50',
  Spoke2: '10.2.0.50',
  Spoke3: '10.3.0.50',
};
const SPOKES = ['Spoke1', 'Spoke2', 'Spoke3'];
const WAN: Readonly<Record<string, string>> = {
  Spoke1: '203.0.113.10',
  Spoke2: '203.0.113.20',
  Spoke3: '203.0.113.30',
};

const tweak = (lab: Lab, file: string, fn: (t: string) => string): Lab => ({ ...lab, [file]: fn(lab[file]!) });

/** Variations, working or not: the two sides must agree either way. */
const VARIATIONS: Readonly<Record<string, (lab: Lab) => Lab>> = {
  'FQDN identity of spoke 1 matched by domain on the hub': (lab) =>
    tweak(
      tweak(lab, 'spoke1.cfg', (t) =>
        t.replace(' keyring local HUB\n', ' keyring local HUB\n identity local fqdn spoke1.example.net\n'),
      ),
      'hub.cfg',
      (t) =>
        t.replace(
          ' authentication remote pre-share\n',
          ' match identity remote fqdn domain example.net\n authentication remote pre-share\n',
        ),
    ),
  'no PFS on the hub': (lab) => tweak(lab, 'hub.cfg', (t) => t.replace(' set pfs group19\n', '')),
  'no PFS on spoke 2': (lab) => tweak(lab, 'spoke2.cfg', (t) => t.replace(' set pfs group19\n', '')),
  'IKEv1 on spoke 3': (lab) => tweak(lab, 'spoke3.cfg', (t) => t.replace(' set ikev2-profile HUB\n', '')),
  'template sourced by address': (lab) =>
    tweak(lab, 'hub.cfg', (t) => t.replace(' tunnel source GigabitEthernet1\n', ' tunnel source 198.51.100.2\n')),
};

/** Codes of the hub's clear-text replies: a leg with only these came up. */
const REPLY_CODES = new Set(['UNDERLAY_LEAK']);

function expectAgreement(lab: Lab, label: string): void {
  const files = parseLab(lab);
  const proof = verifyNetwork(files);
  expectEmulatorAgreesOnDecided(lab, proof, HOSTS, label);
  const net = Network.fromParsed(files);
  for (const spoke of SPOKES) {
    const leg = proof.pairs.find((p) => p.from === spoke && p.to === 'Hub')!;
    if (leg.status === 'unverified') continue;
    const up = leg.problems.every((x) => REPLY_CODES.has(x.code));
    for (const d of Object.keys(HOSTS)) net.device(d).exec('clear crypto sa');
    net.ping({ from: spoke, source: HOSTS[spoke]!, to: HOSTS.Hub!, repeat: 2, asHost: true });
    const hub = net.device('Hub');
    const decrypted = hub.sadb.ipsec.some(
      (s) => s.peer === WAN[spoke] && s.interface.startsWith('Virtual-Access') && s.decrypted > 0,
    );
    const codes = leg.problems.map((x) => x.code).join(', ');
    expect(decrypted, `${label}: ${spoke}'s leg into the hub, proof [${codes}]`).toBe(up);
  }
}

describe('GIVEN random dynamic VTI hub networks (defects and variations combined)', () => {
  it('WHEN the clean lab is emulated THEN every spoke comes up on its own virtual-access and the replies leak', () => {
    expectAgreement(dvtiLab(), 'clean');
    const net = Network.fromParsed(parseLab(dvtiLab()));
    for (const s of SPOKES) net.ping({ from: s, source: HOSTS[s]!, to: HOSTS.Hub!, repeat: 1, asHost: true });
    const brief = net.device('Hub').exec('show ip interface brief').output;
    expect(brief).toMatch(/^Virtual-Template1 +172\.16\.254\.1 +YES unset +up +down$/m);
    for (const n of [1, 2, 3])
      expect(brief).toMatch(new RegExp(`^Virtual-Access${n} +172\\.16\\.254\\.1 +YES unset +up +up$`, 'm'));
    expect(net.device('Hub').exec('show crypto session').output).toMatch(
      /Interface: Virtual-Access2\nProfile: SPOKES\n/,
    );
    net.device('Hub').exec('clear crypto sa');
    expect(net.device('Hub').exec('show ip interface brief').output).not.toMatch(/Virtual-Access/);
  });

  it('WHEN defects and variations are combined THEN the emulator agrees with the proof on every decided pair and leg', () => {
    fc.assert(
      fc.property(
        fc.subarray([...DVTI_DEFECTS.keys()], { maxLength: 2 }),
        fc.subarray(Object.keys(VARIATIONS), { maxLength: 2 }),
        (defects, variations) => {
          let lab = dvtiLab();
          for (const i of defects) lab = DVTI_DEFECTS[i]!.fix(lab);
          for (const v of variations) lab = VARIATIONS[v]!(lab);
          const label = `defects [${defects.map((i) => DVTI_DEFECTS[i]!.name).join(', ')}] variations [${variations.join(', ')}]`;
          expectAgreement(lab, label);
        },
      ),
      { numRuns: 16, seed: 20261202 },
    );
  });
});
