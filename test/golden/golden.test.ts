/**
 * Golden transcripts: the emulator's console for the reference lab and the modern example, per
 * platform, with a working pair and a broken one (the spoke's key differs from the hub's), compared
 * byte for byte with test/golden/<platform>/<lab>-<pair>.txt. After a deliberate layout change,
 * regenerate them with `npm run golden` and review the diff for realism (docs/emulator.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcriptOf } from '../../lib/cli/emulate.js';
import { PLATFORMS } from '../../lib/ir/router-config.js';
import {
  routeBasedNetwork,
  routeBasedScript,
  transcriptNetwork,
  transcriptScript,
  type Pair,
  type RouteBasedLab,
  type TranscriptLab,
} from '../emulate/transcripts.js';

const UPDATE = process.env.HUBSPOKE_UPDATE_GOLDEN === '1';
const LABS: readonly TranscriptLab[] = ['seed-lab', 'modern'];
const PAIR_KINDS: readonly Pair[] = ['working', 'broken'];

describe('golden emulator transcripts', () => {
  for (const platform of PLATFORMS) {
    for (const lab of LABS) {
      for (const pair of PAIR_KINDS) {
        const file = join(import.meta.dirname, platform, `${lab}-${pair}.txt`);
        it(`GIVEN the ${lab} on ${platform} with a ${pair} pair WHEN the script runs THEN the transcript is ${platform}/${lab}-${pair}.txt byte for byte`, () => {
          const net = transcriptNetwork(lab, platform, pair);
          let text = '';
          for (const line of transcriptScript(lab, platform)) {
            const [host, command] = line.split('# ') as [string, string];
            const r = transcriptOf(net, host, command);
            expect(r.ok, line).toBe(true);
            text += r.text;
          }
          // The keys of the broken pair never reach the console.
          expect(text).not.toContain('not-the-hub-key');
          if (UPDATE) {
            mkdirSync(dirname(file), { recursive: true });
            writeFileSync(file, text);
          }
          expect(existsSync(file), `${file} is missing: run npm run golden`).toBe(true);
          expect(text).toBe(readFileSync(file, 'utf8'));
        });
      }
    }
  }
});

describe('golden route-based and IKEv2 transcripts (IOS 15 and IOS-XE: IOS 12.2 has neither IKEv2 nor static VTIs)', () => {
  const labs: readonly RouteBasedLab[] = ['svti', 'svti-ikev2', 'gre', 'gre-protected', 'ikev2', 'ikev2-dynamic'];
  for (const platform of PLATFORMS.filter((p) => p !== 'ios-12.2')) {
    for (const lab of labs) {
      const file = join(import.meta.dirname, platform, `${lab}.txt`);
      it(`GIVEN the ${lab} network on ${platform} WHEN the script runs THEN the transcript is ${platform}/${lab}.txt byte for byte`, () => {
        const net = routeBasedNetwork(lab, platform);
        let text = '';
        for (const line of routeBasedScript(lab)) {
          const [host, command] = line.split('# ') as [string, string];
          const r = transcriptOf(net, host, command);
          expect(r.ok, line).toBe(true);
          text += r.text;
        }
        // No pre-shared key of the fixtures reaches the console.
        expect(text).not.toMatch(/k3y|-v2-|BranchB-to-HQ|HQ-to-BranchB/);
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
