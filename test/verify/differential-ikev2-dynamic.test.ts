/**
 * Differential test for DHCP spokes on an ike 'v2' hub (docs/ios-semantics.md#ikev2-dynamic-crypto-maps):
 * the configs synth writes (Spoke1 static, Spoke2 on DHCP with its probes, Spoke3 on DHCP without
 * probes), clean and with a defect edited into the text, are pinged host to host in the emulator.
 * On every pair the proof decides the ping succeeds (nothing in clear text on the WAN) exactly when
 * the proof covers it, and a pair covered under SPOKE_MUST_INITIATE is dropped until its
 * destination sent traffic.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { hubAndSpokes } from '../patterns/fixtures.js';
import { expectEmulatorAgreesWithConditions } from './host-pings.js';
import { edit, proveLab, replaceLine, type Lab } from './labs.js';

const DOMAIN = 'shops.example.net';
const HOSTS: Record<string, string> = {
  Hub: '10.0.0.10',
  Spoke1: '10.1.0.10',
  Spoke2: '10.2.0.10',
  Spoke3: '10.3.0.10',
};

function synthLab(): Lab {
  const { stack } = hubAndSpokes(
    3,
    { ike: 'v2', dynamicSpokes: { domainName: DOMAIN } },
    {
      spokeProps: (i) =>
        i === 1 ? {} : { wan: { address: 'dhcp' }, ...(i === 3 ? { tunnelTrigger: false as const } : {}) },
    },
  );
  const lab: Lab = {};
  for (const [name, text] of synthesizeStack(stack).files) if (name.endsWith('.cfg')) lab[name] = text;
  return lab;
}

const LAB = synthLab();
const keyLine = (file: string) => LAB[file]!.split('\n').find((l) => l.startsWith('  pre-shared-key '))!;
const line = (file: string, from: string, to: string[]) => (lab: Lab) =>
  edit(lab, file, (t) => replaceLine(t, from, to));

/** Each defect, and the spoke whose pairs it must break. */
const DEFECTS: Record<string, [(lab: Lab) => Lab, string | undefined]> = {
  clean: [(lab) => lab, undefined],
  'identity the hub does not match': [
    line('Spoke2.cfg', ` identity local fqdn Spoke2.${DOMAIN}`, [' identity local fqdn spoke2.other.example']),
    'Spoke2',
  ],
  'no identity: the hub sees the leased address': [
    line('Spoke3.cfg', ` identity local fqdn Spoke3.${DOMAIN}`, []),
    'Spoke3',
  ],
  'keyring miss': [
    line('Hub.cfg', `  identity fqdn Spoke3.${DOMAIN}`, ['  identity fqdn spoke3.other.example']),
    'Spoke3',
  ],
  'key mismatch': [line('Spoke2.cfg', keyLine('Spoke2.cfg'), [`${keyLine('Spoke2.cfg')}x`]), 'Spoke2'],
  'proposal mismatch': [line('Spoke3.cfg', ' group 19', [' group 20']), 'Spoke3'],
  'pfs mismatch': [line('Spoke2.cfg', ' set pfs group19', [' set pfs group20']), 'Spoke2'],
  'dynamic ACL misses a spoke': [line('Hub.cfg', ' permit ip 10.0.0.0 0.0.0.255 10.3.0.0 0.0.0.255', []), 'Spoke3'],
  'ikev1 spoke': [line('Spoke3.cfg', ' set ikev2-profile HUBSPOKE-PROFILE', []), 'Spoke3'],
};

describe("GIVEN the configs synth writes for DHCP spokes on an ike 'v2' hub, and defects edited into them", () => {
  it.each(Object.keys(DEFECTS))('WHEN %s THEN the emulator agrees with the proof on every decided pair', (name) => {
    const [defect, broken] = DEFECTS[name]!;
    const lab = defect(LAB);
    const r = proveLab(lab);
    expect(expectEmulatorAgreesWithConditions(lab, r, HOSTS, name)).toBeGreaterThan(6);
    if (broken === undefined) {
      expect(r.pairs.every((p) => p.covered)).toBe(true);
      const conditioned = r.pairs.filter((p) => p.problems.some((x) => x.code === 'SPOKE_MUST_INITIATE'));
      expect(conditioned.map((p) => `${p.from}>${p.to}`).sort()).toEqual([
        'Hub>Spoke3',
        'Spoke1>Spoke3',
        'Spoke2>Spoke3',
      ]);
    } else {
      expect(r.pairs.some((p) => !p.covered && (p.from === broken || p.to === broken))).toBe(true);
      expect(r.pairs.filter((p) => p.from !== broken && p.to !== broken).every((p) => p.covered)).toBe(true);
    }
  });
});
