/**
 * Differential test for static VTIs protected by IKEv2 (docs/ios-semantics.md#static-vti-with-ikev2):
 * random combinations of the IKEv2 defects and of variations the defect list does not hold, on the
 * hand-written IOS-XE 17 network; every pair the proof decides gets the same answer from an emulated
 * host ping (received, nothing in clear text on the WAN), and no unverified pair is delivered.
 * Proof and emulator share the rule (`lib/rules/tunnel-ikev2.ts`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { edit, parseLab, replaceLine, type Lab } from './labs.js';
import { TUNNEL_DEFECTS, tunnelLab } from './tunnel-labs.js';

const HOSTS: Readonly<Record<string, string>> = {
  Hub: '10.10.0.50',
  Spoke1: '10.1.0.50',
  Spoke2: '10.2.0.50',
  Spoke3: '10.3.0.50',
};

/** Edits one file, possibly changing nothing (a variation that does not apply). */
const tweak = (lab: Lab, file: string, fn: (t: string) => string): Lab => ({ ...lab, [file]: fn(lab[file]!) });
const spoke = (k: number) => `spoke${k}.cfg`;

/** Variations on spoke k (1-3), working or not: the two sides must agree either way. */
const VARIATIONS: Readonly<Record<string, (lab: Lab, k: number) => Lab>> = {
  'FQDN identity matched by domain on the hub': (lab, k) =>
    tweak(
      tweak(lab, spoke(k), (t) =>
        t.replace(' keyring local HUB\n', ` keyring local HUB\n identity local fqdn spoke${k}.example.net\n`),
      ),
      'hub.cfg',
      (t) =>
        t.replace(
          ' authentication remote pre-share\n',
          ' match identity remote fqdn domain example.net\n authentication remote pre-share\n',
        ),
    ),
  'smart-default proposal on the spoke': (lab, k) =>
    tweak(lab, spoke(k), (t) => t.replace(' proposal P-AES256\n', ' proposal default\n')),
  'AES-GCM proposal on the spoke': (lab, k) =>
    tweak(lab, spoke(k), (t) =>
      t.replace(' encryption aes-cbc-256\n integrity sha256\n', ' encryption aes-gcm-256\n prf sha256\n'),
    ),
  'no PFS on the hub': (lab) => tweak(lab, 'hub.cfg', (t) => t.replace(' set pfs group19\n', '')),
  'no PFS on the spoke': (lab, k) => tweak(lab, spoke(k), (t) => t.replace(' set pfs group19\n', '')),
  'a GCM set offered first': (lab, k) =>
    tweak(lab, spoke(k), (t) =>
      t
        .replace(' set transform-set TS\n', ' set transform-set GCM TS\n')
        .replace(
          'crypto ipsec profile VTI2',
          'crypto ipsec transform-set GCM esp-gcm 256\n!\ncrypto ipsec profile VTI2',
        ),
    ),
  'short SA lifetime on the spoke': (lab, k) =>
    tweak(lab, spoke(k), (t) =>
      t.replace(' set ikev2-profile HUB\n', ' set ikev2-profile HUB\n set security-association lifetime seconds 600\n'),
    ),
  'IKEv1 on the spoke': (lab, k) => tweak(lab, spoke(k), (t) => t.replace(' set ikev2-profile HUB\n', '')),
};

const DEFECTS = TUNNEL_DEFECTS.filter((d) => d.design === 'svti-ikev2');

/** Pings every pair of the proof from a host; the emulator agrees on every decided pair. */
function expectAgreement(lab: Lab, label: string): void {
  const files = parseLab(lab);
  const proof = verifyNetwork(files);
  const net = Network.fromParsed(files);
  for (const p of proof.pairs) {
    for (const d of Object.keys(HOSTS)) net.device(d).exec('clear crypto sa');
    const before = net.wanLog.length;
    const r = net.ping({ from: p.from, source: HOSTS[p.from]!, to: HOSTS[p.to]!, repeat: 2, asHost: true });
    const clear = net.wanLog.slice(before).filter((x) => !x.encrypted).length;
    const ok = r.received === r.sent && clear === 0;
    const what = `${label}: ${p.from} -> ${p.to}, proof ${p.status}, emulator ${r.received}/${r.sent}, ${clear} clear`;
    if (p.status === 'unverified') expect(ok, what).toBe(false);
    else expect(ok, what).toBe(p.covered);
  }
}

describe('GIVEN random IKEv2 static-VTI networks (defects and variations combined)', () => {
  it('WHEN every pair is pinged from a host THEN the emulator agrees with the proof on every decided pair', () => {
    fc.assert(
      fc.property(
        fc.subarray([...DEFECTS.keys()], { maxLength: 2 }),
        fc.subarray(Object.keys(VARIATIONS), { maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (defects, variations, k) => {
          let lab = tunnelLab('svti-ikev2');
          for (const i of defects) {
            const d = DEFECTS[i]!;
            lab = edit(lab, d.file, (t) => (t.includes(d.from) ? replaceLine(t, d.from, [...d.to]) : t));
          }
          for (const v of variations) lab = VARIATIONS[v]!(lab, k);
          const label = `defects [${defects.map((i) => DEFECTS[i]!.name).join(', ')}] variations [${variations.join(', ')}] on spoke ${k}`;
          expectAgreement(lab, label);
        },
      ),
      { numRuns: 16, seed: 20261202 },
    );
  });
});
