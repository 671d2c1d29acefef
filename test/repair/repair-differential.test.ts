/**
 * Differential check of repair plans: on random hub-and-spoke networks with a random defect, a plan
 * `planRepair` calls proven is applied (keys filled in as the operator would), and the emulator,
 * which shares every IOS rule with the proof but walks packets, pings between sites from cleared
 * SAs with nothing crossing a WAN in clear text. A plan it does not prove names a reason per
 * finding left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { planRepair } from '../../lib/repair/index.js';
import { randomNetworkArb } from '../verify/differential-lab.js';
import { filledFiles, inputsOf } from './helpers.js';

describe('GIVEN random networks with a random defect', () => {
  it('WHEN a plan is proven and applied THEN the emulator pings every sampled pair without clear text', () => {
    fc.assert(
      fc.property(
        randomNetworkArb(3),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (rn, raw) => {
          const { net, topology, label } = rn;
          const plan = planRepair(inputsOf(net.lab), topology ? { topology } : {});
          if (!plan.proven) {
            expect(plan.unrepaired.length + plan.introduced.length, label).toBeGreaterThan(0);
            return;
          }
          const files = filledFiles(plan).map((f) => ({ ...parseConfig(f.text, { file: f.file }), file: f.file }));
          const emu = Network.fromParsed(files, topology ? { topology } : {});
          const devices = net.sites.map((s) => s.device);
          for (const [a, b] of raw) {
            const from = net.sites[a % net.sites.length]!;
            let to = net.sites[b % net.sites.length]!;
            if (to === from) to = net.sites[(b + 1) % net.sites.length]!;
            for (const d of devices) {
              emu.device(d).exec('clear crypto sa');
              emu.device(d).exec('clear crypto isakmp');
            }
            const before = emu.wanLog.length;
            const r = emu.ping({ from: from.device, source: from.host, to: to.host, repeat: 2, asHost: true });
            const clear = emu.wanLog.slice(before).filter((p) => !p.encrypted).length;
            expect(r.received, `${label}: ${from.device} -> ${to.device}\n${r.output}`).toBe(r.sent);
            expect(clear, `${label}: clear text ${from.device} -> ${to.device}`).toBe(0);
          }
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});
