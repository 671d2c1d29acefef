/**
 * The dynamic-spoke defects of the differential test, every ordered pair, both styles and ACL
 * modes: the emulator agrees with the proof, including on the condition (a pair proven under
 * SPOKE_MUST_INITIATE is dropped first and works once the spoke sent its traffic).
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { AclMode, Defect, Style } from './differential-defects.js';
import { network } from './differential-lab.js';
import { emulatedVerdict } from './emulated-verdict.js';
import { parseLab } from './labs.js';

const CASES: readonly [Defect, Style, AclMode][] = [
  ['dynamic-spoke', 'modern', 'exact'],
  ['dynamic-spoke', 'legacy', 'summarized'],
  ['dynamic-spoke-sla', 'modern', 'exact'],
  ['dynamic-spoke-sla', 'modern', 'summarized'],
  ['dynamic-no-wildcard', 'modern', 'exact'],
];

describe('GIVEN a DHCP spoke on a dynamic map at the hub', () => {
  it.each(CASES)('WHEN %s (%s, %s) is proven and emulated THEN both agree on every pair', (defect, style, mode) => {
    const net = network(3, style, defect, 2, 1, mode);
    const files = parseLab(net.lab);
    const proof = verifyNetwork(files);
    const emu = Network.fromParsed(files);
    const devices = net.sites.map((s) => s.device);
    const conditions = new Set<string>();
    for (const from of net.sites)
      for (const to of net.sites) {
        if (from === to) continue;
        const p = proof.pairs.find((x) => x.from === from.device && x.to === to.device)!;
        const initiate = p.covered && p.problems.some((x) => x.code === 'SPOKE_MUST_INITIATE');
        if (initiate) conditions.add(`${from.device}>${to.device}`);
        const e = emulatedVerdict(emu, devices, from, to, initiate);
        const why = `${defect}: ${from.device} -> ${to.device}: proof ${p.status} (${p.problems.map((x) => x.code).join(', ')}), emulator ${e.received}/3\n${e.output}`;
        expect(e.ok, why).toBe(p.covered);
      }
    const codes = new Set(proof.findings.map((f) => f.code));
    if (defect === 'dynamic-no-wildcard') expect(codes.has('PSK_MISSING')).toBe(true);
    else expect(proof.pairs.every((p) => p.covered)).toBe(true);
    // Without a probe every pair towards Spoke2 waits for it; the probe to the hub LAN lifts the hub's.
    if (defect === 'dynamic-spoke')
      expect([...conditions].sort()).toEqual(['Hub>Spoke2', 'Spoke1>Spoke2', 'Spoke3>Spoke2']);
    if (defect === 'dynamic-spoke-sla') expect(conditions.has('Hub>Spoke2')).toBe(false);
  });
});
