/**
 * Differential test on random route-based networks (test/verify/tunnel-random-lab.ts): static VTIs
 * and GRE (tunnel protection in either mode, or crypto maps on the WANs), IKEv1 or IKEv2, with up
 * to two defects of the tunnel classes. Every pair the proof decides gets the same answer from an
 * emulated host ping (received, nothing on the WAN in clear text); a clean network is covered, and
 * every defect class breaks or leaves unverified some pair of every design it applies to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proveLab } from './labs.js';
import { expectEmulatorAgreesOnDecided } from './host-pings.js';
import {
  randomTunnelLab,
  randomTunnelNetworkArb,
  specLabel,
  tunnelHosts,
  TUNNEL_DEFECT_CLASSES,
  type RandomTunnelDesign,
  type RandomTunnelSpec,
  type TunnelDefectClass,
} from './tunnel-random-lab.js';

const DESIGNS: readonly RandomTunnelDesign[] = ['svti', 'gre-protected', 'gre-transport', 'gre-crypto-map'];

/** Defects that change nothing IOS decides in a design (the rules say why in docs/ios-semantics.md). */
function inert(design: RandomTunnelDesign, kind: TunnelDefectClass): boolean {
  // Only crypto maps have GRE lines; their transform set's mode does not decide acceptance (#gre-over-ipsec).
  if (kind === 'gre-acl-not-mirrored') return design !== 'gre-crypto-map';
  return kind === 'set-mode-mismatch' && design === 'gre-crypto-map';
}

describe('GIVEN random route-based networks with random tunnel defects', () => {
  it('WHEN every pair is proven and pinged from a host THEN the emulator agrees with the proof on every decided pair', () => {
    fc.assert(
      fc.property(randomTunnelNetworkArb(), (spec) => {
        const lab = randomTunnelLab(spec);
        const proof = proveLab(lab);
        const label = specLabel(spec);
        if (spec.defects.length === 0) expect(proof.summary.covered, label).toBe(proof.summary.pairs);
        expectEmulatorAgreesOnDecided(lab, proof, tunnelHosts(spec.n), label);
      }),
      { numRuns: 80, seed: 20261202 },
    );
  });

  it('WHEN each defect class is put on each design and IKE version THEN it is not covered where it applies, and the emulator agrees', () => {
    let index = 0;
    for (const design of DESIGNS)
      for (const ike of ['v1', 'v2'] as const)
        for (const kind of TUNNEL_DEFECT_CLASSES) {
          index += 1;
          const spec: RandomTunnelSpec = {
            n: 2,
            design,
            ike,
            platform: index % 2 === 0 ? 'ios-15' : 'ios-xe-17',
            summary: index % 3 === 0,
            pfs: index % 5 < 2,
            nextHop: false,
            sourceAddress: index % 4 === 0,
            gcmFirst: false,
            defects: [{ kind, k: 1 }],
          };
          const lab = randomTunnelLab(spec);
          const proof = proveLab(lab);
          const label = specLabel(spec);
          expect(proof.summary.covered === proof.summary.pairs, label).toBe(inert(design, kind));
          expectEmulatorAgreesOnDecided(lab, proof, tunnelHosts(spec.n), label);
        }
  });
});
