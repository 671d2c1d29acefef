// Test helper (not a test file): the reference lab and the modern example as emulated networks on
// any platform, working or with one broken pair, and the scripts whose transcripts the golden and
// TextFSM tests read. The modern example's configs are its synthesized snapshots (fake keys).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/parse/index.js';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { labTexts } from './lab.js';

const MODERN_DIR = join(import.meta.dirname, '..', 'app', '__snapshots__', 'modern');

export type TranscriptLab = 'seed-lab' | 'modern';
export type Pair = 'working' | 'broken';

/** The spoke whose pair with the hub is exercised, its LAN address and the hub's LAN address. */
export const PAIRS: Readonly<Record<TranscriptLab, { spoke: string; hub: string; from: string; to: string }>> = {
  'seed-lab': { spoke: 'Spoke1', hub: 'Hub', from: '172.16.1.1', to: '10.1.1.1' },
  modern: { spoke: 'branch-01', hub: 'hq-hub', from: '10.1.0.1', to: '10.0.0.1' },
};

function modernTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(MODERN_DIR)
    .filter((n) => n.endsWith('.cfg'))
    .sort()) {
    out.set(f, readFileSync(join(MODERN_DIR, f), 'utf8'));
  }
  return out;
}

/**
 * The network of a lab on a platform. A broken pair has a different pre-shared key on the spoke
 * (main mode fails at authentication: MM_KEY_EXCH on the initiator).
 */
export function transcriptNetwork(lab: TranscriptLab, platform: Platform, pair: Pair): Network {
  const texts = lab === 'seed-lab' ? labTexts('two-spokes') : modernTexts();
  const spokeFile = lab === 'seed-lab' ? 'spoke1.cfg' : 'branch-01.cfg';
  if (pair === 'broken') {
    const text = texts.get(spokeFile)!;
    const next = text.replace(/crypto isakmp key \S+ address/, 'crypto isakmp key not-the-hub-key address');
    if (next === text) throw new Error(`test setup: no isakmp key in ${spokeFile}`);
    texts.set(spokeFile, next);
  }
  const files = [...texts].map(([file, text]) => ({ ...parseConfig(text, { file, platform }), file }));
  return Network.fromParsed(files, { configTexts: texts });
}

/**
 * The commands of a golden transcript: the spoke's routes, its first ping with debugs on, then every
 * crypto view of the spoke and the hub (the modern hub's ten peers list a hundred flows: its
 * `show crypto ipsec sa` views are left to the TextFSM test).
 */
export function transcriptScript(lab: TranscriptLab, platform: Platform): string[] {
  const p = PAIRS[lab];
  const modern = platform !== 'ios-12.2';
  const ipsec = ['show crypto ipsec sa', 'show crypto ipsec sa detail'];
  const views = (full: boolean) => [
    'show crypto isakmp sa',
    'show crypto isakmp sa detail',
    ...(full ? ipsec : []),
    ...(modern ? ['show crypto session', ...(full ? ['show crypto session detail'] : [])] : []),
    'show crypto engine connections active',
  ];
  return [
    `${p.spoke}# show ip route`,
    `${p.spoke}# show ip interface brief`,
    `${p.spoke}# debug crypto isakmp`,
    `${p.spoke}# debug crypto ipsec`,
    `${p.spoke}# ping ${p.to} source ${p.from}`,
    `${p.spoke}# undebug all`,
    ...views(true).map((c) => `${p.spoke}# ${c}`),
    ...views(lab === 'seed-lab').map((c) => `${p.hub}# ${c}`),
  ];
}
