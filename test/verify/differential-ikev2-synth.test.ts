/**
 * Differential test for the Hub's `ike: 'v2'` (lib/patterns/ikev2-settings.ts): the configs synth
 * writes for an IKEv2 crypto-map hub and three spokes, clean and with a defect edited into one
 * spoke's text, are pinged host to host in the emulator; on every ordered pair the proof decides,
 * the ping succeeds (with nothing in clear text on the WAN) exactly when the proof covers the pair.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { hubAndSpokes } from '../patterns/fixtures.js';
import { expectEmulatorAgreesOnDecided } from './host-pings.js';
import { edit, proveLab, replaceLine, type Lab } from './labs.js';

const HOSTS: Record<string, string> = {
  Hub: '10.0.0.10',
  Spoke1: '10.1.0.10',
  Spoke2: '10.2.0.10',
  Spoke3: '10.3.0.10',
};

const NAT_SPOKE = {
  wan: { address: '192.168.50.2/24', gateway: '192.168.50.1' },
  behindNat: { publicAddress: '198.51.100.20' },
};

/** The synthesized configs; `natted`: Spoke3 behind NAT (docs/ios-semantics.md#ikev2-behind-nat). */
function synthLab(natted = false): Lab {
  const { stack } = hubAndSpokes(3, { ike: 'v2' }, natted ? { spokeProps: (i) => (i === 3 ? NAT_SPOKE : {}) } : {});
  const files = synthesizeStack(stack).files;
  const lab: Lab = {};
  for (const [name, text] of files) if (name.endsWith('.cfg')) lab[name] = text;
  return lab;
}

const LAB = synthLab();
const KEY_LINE = LAB['Spoke2.cfg']!.split('\n').find((l) => l.startsWith('  pre-shared-key '))!;
const line = (file: string, from: string, to: string[]) => (lab: Lab) =>
  edit(lab, file, (t) => replaceLine(t, from, to));

const DEFECTS: Record<string, (lab: Lab) => Lab> = {
  clean: (lab) => lab,
  'proposal mismatch': line('Spoke2.cfg', ' group 19', [' group 20']),
  'key mismatch': line('Spoke2.cfg', KEY_LINE, [`${KEY_LINE}x`]),
  'asymmetric key mismatch': line('Spoke2.cfg', KEY_LINE, [
    KEY_LINE.replace('pre-shared-key ', 'pre-shared-key local '),
    `${KEY_LINE.replace('pre-shared-key ', 'pre-shared-key remote ')}x`,
  ]),
  'identity mismatch': line('Spoke2.cfg', ' keyring local HUBSPOKE-KEYRING', [
    ' keyring local HUBSPOKE-KEYRING',
    ' identity local fqdn spoke2.example.net',
  ]),
  'keyring miss': line('Hub.cfg', '  address 192.0.2.12', ['  address 192.0.2.99']),
  'pfs mismatch': line('Spoke2.cfg', ' set pfs group19', [' set pfs group20']),
  'ikev1 spoke against the ikev2 hub': line('Spoke2.cfg', ' set ikev2-profile HUBSPOKE-PROFILE', []),
};

function agree(lab: Lab, name: string) {
  const r = proveLab(lab);
  expect(expectEmulatorAgreesOnDecided(lab, r, HOSTS, name)).toBeGreaterThan(0);
  return r;
}

describe("GIVEN the configs synth writes for ike: 'v2', and defects edited into them", () => {
  it.each(Object.keys(DEFECTS))('WHEN %s THEN the emulator agrees with the proof on every decided pair', (name) => {
    const lab = DEFECTS[name]!(LAB);
    expect(lab, 'the defect must change the text').not.toEqual(name === 'clean' ? {} : LAB);
    const r = agree(lab, name);
    if (name === 'clean') expect(r.ok).toBe(true);
    else expect(r.pairs.some((p) => !p.covered && (p.from === 'Spoke2' || p.to === 'Spoke2'))).toBe(true);
  });
});

const NAT_LAB = synthLab(true);
const NAT_KEY_LINE = NAT_LAB['Spoke3.cfg']!.split('\n').find((l) => l.startsWith('  pre-shared-key '))!;
const NAT_DEFECTS: Record<string, (lab: Lab) => Lab> = {
  clean: (lab) => lab,
  'hub matches the public address': line('Hub.cfg', ' match identity remote address 192.168.50.2 255.255.255.255', [
    ' match identity remote address 198.51.100.20 255.255.255.255',
  ]),
  'hub keys on the private address': line('Hub.cfg', '  address 198.51.100.20', ['  address 192.168.50.2']),
  'key mismatch': line('Spoke3.cfg', NAT_KEY_LINE, [`${NAT_KEY_LINE}x`]),
};

describe("GIVEN the configs synth writes for ike: 'v2' with Spoke3 behind NAT, and defects edited into them", () => {
  it.each(Object.keys(NAT_DEFECTS))('WHEN %s THEN the emulator agrees with the proof on every decided pair', (name) => {
    const lab = NAT_DEFECTS[name]!(NAT_LAB);
    expect(lab, 'the defect must change the text').not.toEqual(name === 'clean' ? {} : NAT_LAB);
    const r = agree(lab, name);
    if (name === 'clean') expect(r.pairs.every((p) => p.covered)).toBe(true);
    else expect(r.pairs.some((p) => !p.covered && (p.from === 'Spoke3' || p.to === 'Spoke3'))).toBe(true);
  });
});
