/**
 * Differential test for route-based VPNs (docs/ios-semantics.md#tunnel-interfaces): on the
 * hand-written static-VTI and GRE-over-IPsec networks (crypto maps on the WANs, and tunnel
 * protection; docs/ios-semantics.md#gre-over-ipsec) and their defect variants, a pair the proof
 * decides (covered or broken) gets the same answer from an emulated host ping (received without
 * clear text on the WAN); pairs the proof leaves unverified are routed into a tunnel, where the
 * emulator stops too (tunnel-not-modelled).
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { edit, parseLab, replaceLine, type Lab } from './labs.js';
import { TUNNEL_DEFECTS, TUNNEL_DESIGNS, tunnelLab } from './tunnel-labs.js';

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

describe.each(cases)('GIVEN the $name network', ({ lab }) => {
  it('WHEN every pair is pinged from a host THEN the emulator agrees with the proof on every decided pair', () => {
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
  });
});
