/**
 * Golden transcripts of IKE state over time (docs/emulator.md#golden-transcripts): a key mismatch
 * before and after IOS gives the attempt up, and periodic dead peer detection failing a branch
 * over from a hub that lost power to the second `set peer`. Time passing and power changes are
 * written into the transcript as `!` comment lines, as an engineer would note them. Compared byte
 * for byte with test/golden/<platform>/<scenario>.txt; `npm run golden` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcriptOf } from '../../lib/cli/emulate.js';
import type { Network } from '../../lib/emulate/index.js';
import { PLATFORMS, type Platform } from '../../lib/ir/router-config.js';
import { DPD_KEY, dpdLab } from '../emulate/dpd-lab.js';
import { transcriptNetwork } from '../emulate/transcripts.js';

const UPDATE = process.env.HUBSPOKE_UPDATE_GOLDEN === '1';

/** A step: a command (`Host# command`), or an action on the network noted as a comment. */
type Step = string | { readonly note: string; readonly run: (net: Network) => void };

function run(net: Network, steps: readonly Step[]): string {
  let text = '';
  for (const step of steps) {
    if (typeof step !== 'string') {
      step.run(net);
      text += `! ${step.note}\n`;
      continue;
    }
    const [host, command] = step.split('# ') as [string, string];
    const r = transcriptOf(net, host, command);
    expect(r.ok, step).toBe(true);
    text += r.text;
  }
  return text;
}

const wait = (s: number): Step => ({ note: `${s} seconds pass`, run: (net) => net.wait(s) });

const SCENARIOS: readonly {
  readonly name: string;
  readonly platforms: readonly Platform[];
  readonly net: (p: Platform) => Network;
  readonly steps: readonly Step[];
}[] = [
  {
    name: 'key-mismatch-states',
    platforms: PLATFORMS,
    net: (p) => transcriptNetwork('seed-lab', p, 'broken'),
    steps: [
      'Spoke1# ping 10.1.1.1 source 172.16.1.1',
      'Spoke1# show crypto isakmp sa',
      'Hub# show crypto isakmp sa',
      wait(40),
      'Spoke1# show crypto isakmp sa',
      'Hub# show crypto isakmp sa',
      'Spoke1# show running-config',
    ],
  },
  {
    name: 'dpd-failover',
    platforms: PLATFORMS.filter((p) => p !== 'ios-12.2'),
    net: (p) => dpdLab('crypto isakmp keepalive 10 3 periodic', p),
    steps: [
      'Branch# ping 10.1.1.10 source 172.16.1.1',
      'Branch# show crypto isakmp sa detail',
      'Branch# debug crypto isakmp',
      wait(12),
      { note: 'HubA loses power', run: (net) => net.powerOff('HubA') },
      wait(30),
      'Branch# undebug all',
      'Branch# show crypto isakmp sa',
      'Branch# show crypto ipsec sa',
      'Branch# ping 10.1.1.10 source 172.16.1.1',
      'Branch# show crypto isakmp sa',
    ],
  },
];

describe('golden transcripts of IKE state over time', () => {
  for (const s of SCENARIOS) {
    for (const platform of s.platforms) {
      const file = join(import.meta.dirname, platform, `${s.name}.txt`);
      it(`GIVEN ${s.name} on ${platform} WHEN the steps run THEN the transcript is ${platform}/${s.name}.txt byte for byte`, () => {
        const text = run(s.net(platform), s.steps);
        for (const key of ['not-the-hub-key', 'cisco123', DPD_KEY]) expect(text).not.toContain(key);
        if (UPDATE) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
        expect(existsSync(file), `${file} is missing: run npm run golden`).toBe(true);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
