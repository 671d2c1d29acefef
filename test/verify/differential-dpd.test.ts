/**
 * Differential test for dead peer detection (docs/ios-semantics.md#dead-peer-detection): DPD
 * decides when a dead peer's SAs go, never whether a pair negotiates, so the proof ignores it. On
 * random modern networks with random defects, every router given `crypto isakmp keepalive 10 3
 * periodic`, the emulator must still agree with the proof pair by pair, and a working pair must
 * keep working, on the same SAs, after a minute of idle time in which live peers exchange
 * R-U-THERE messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { PairResult } from '../../lib/verify/types.js';
import { UNDECIDED } from './differential-defects.js';
import { randomNetworkArb } from './differential-lab.js';
import { emulatedVerdict } from './emulated-verdict.js';
import { parseLab, type Lab } from './labs.js';

const KEEPALIVE = 'crypto isakmp keepalive 10 3 periodic';

function withDpd(lab: Lab): Lab {
  const out: Lab = {};
  for (const [file, text] of Object.entries(lab)) out[file] = text.replace(/^(hostname .*)$/m, `$1\n${KEEPALIVE}`);
  return out;
}

describe('GIVEN random modern hub-and-spoke networks whose routers all run periodic DPD', () => {
  it('WHEN pairs are pinged and a minute passes THEN the emulator agrees with the proof and DPD between live peers deletes nothing', () => {
    fc.assert(
      fc.property(
        randomNetworkArb(3).filter((r) => r.style === 'modern' && !r.defect.startsWith('objgroup')),
        fc.tuple(fc.nat(), fc.nat()),
        ({ net, topology, label, defect }, [a, b]) => {
          const lab = withDpd(net.lab);
          for (const text of Object.values(lab)) expect(text).toContain(KEEPALIVE);
          const files = parseLab(lab);
          const proof = verifyNetwork(files, topology ? { topology } : {});
          const byKey = new Map<string, PairResult>(proof.pairs.map((p) => [`${p.from}>${p.to}`, p]));
          const emu = Network.fromParsed(files, topology ? { topology } : {});
          const devices = net.sites.map((s) => s.device);
          const from = net.sites[a % net.sites.length]!;
          let to = net.sites[b % net.sites.length]!;
          if (to === from) to = net.sites[(b + 1) % net.sites.length]!;
          const p = byKey.get(`${from.device}>${to.device}`)!;
          if (p.status === 'unverified') {
            expect(UNDECIDED.has(defect), `${label}: ${from.device} -> ${to.device} is unverified`).toBe(true);
            return;
          }
          const initiate = p.covered && p.problems.some((x) => x.code === 'SPOKE_MUST_INITIATE');
          const e = emulatedVerdict(emu, devices, from, to, initiate);
          expect(e.ok, `${label}: ${from.device} -> ${to.device}\n${e.output}`).toBe(p.covered);
          if (!e.ok) return;
          const spis = () => devices.flatMap((d) => emu.device(d).sadb.ipsec.map((s) => s.inbound.spi)).sort();
          const before = spis();
          const sender = emu.device(from.device);
          sender.exec('debug crypto isakmp');
          emu.wait(60);
          // The live peer acknowledged (DPD did run), and nothing was deleted.
          expect(sender.consoleHistory.join('\n'), `${label}: no R-U-THERE acknowledged`).toContain(
            'DPD/R_U_THERE_ACK received',
          );
          expect(spis(), `${label}: DPD deleted a live SA`).toEqual(before);
          const again = emu.ping({ from: from.device, source: from.host, to: to.host, repeat: 3, asHost: true });
          expect(again.received, `${label}: after a minute of DPD\n${again.output}`).toBe(3);
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});
