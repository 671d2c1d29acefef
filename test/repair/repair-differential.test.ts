/**
 * Differential check of repair plans: on random hub-and-spoke networks with a random defect, a plan
 * `planRepair` calls proven is applied (keys filled in as the operator would), proven again from
 * the files, and the emulator, which shares every IOS rule with the proof but walks packets, pings
 * between sites from cleared SAs with nothing crossing a WAN in clear text (a pair proven on the
 * condition that the spoke starts is pinged that way). A plan it does not prove names a reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { planRepair } from '../../lib/repair/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { randomNetworkArb } from '../verify/differential-lab.js';
import { emulatedVerdict } from '../verify/emulated-verdict.js';
import { filledFiles, inputsOf } from './helpers.js';

describe('GIVEN random networks with a random defect', () => {
  it('WHEN a plan is proven and applied THEN the emulator pings every sampled pair without clear text', () => {
    fc.assert(
      fc.property(
        randomNetworkArb(3),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (rn, raw) => {
          const { net, topology, label } = rn;
          const options = topology ? { topology } : {};
          const plan = planRepair(inputsOf(net.lab), options);
          if (!plan.proven) {
            expect(plan.unrepaired.length + plan.introduced.length, label).toBeGreaterThan(0);
            return;
          }
          const files = filledFiles(plan).map((f) => ({ ...parseConfig(f.text, { file: f.file }), file: f.file }));
          const proof = verifyNetwork(files, options);
          expect(proof.ok, label).toBe(true);
          const emu = Network.fromParsed(files, options);
          const devices = net.sites.map((s) => s.device);
          for (const [a, b] of raw) {
            const from = net.sites[a % net.sites.length]!;
            let to = net.sites[b % net.sites.length]!;
            if (to === from) to = net.sites[(b + 1) % net.sites.length]!;
            const p = proof.pairs.find((x) => x.from === from.device && x.to === to.device);
            const initiate = p?.problems.some((x) => x.code === 'SPOKE_MUST_INITIATE') === true;
            const e = emulatedVerdict(emu, devices, from, to, initiate);
            expect(e.ok, `${label}: ${from.device} -> ${to.device}: ${e.received} received\n${e.output}`).toBe(true);
          }
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});
