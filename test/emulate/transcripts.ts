// Test helper (not a test file): the reference lab and the modern example as emulated networks on
// any platform, working or with one broken pair, and the scripts whose transcripts the golden and
// TextFSM tests read. The modern example's configs are its synthesized snapshots (fake keys).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/parse/index.js';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { labTexts } from './lab.js';
import { ikev2DynamicLab } from '../verify/ikev2-dynamic-lab.js';
import { ikev2Lab } from '../verify/ikev2-lab.js';
import { tunnelLab } from '../verify/tunnel-labs.js';

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

/** The hand-written route-based and IKEv2 networks of the golden transcripts (IOS 15 and IOS-XE only). */
export type RouteBasedLab = 'svti' | 'svti-ikev2' | 'gre' | 'gre-protected' | 'ikev2' | 'ikev2-dynamic';

/** A route-based or IKEv2 network parsed for a platform. */
export function routeBasedNetwork(lab: RouteBasedLab, platform: Platform): Network {
  const texts = lab === 'ikev2' ? ikev2Lab() : lab === 'ikev2-dynamic' ? ikev2DynamicLab() : tunnelLab(lab);
  const files = Object.keys(texts)
    .sort()
    .map((file) => ({ ...parseConfig(texts[file]!, { file, platform }), file }));
  return Network.fromParsed(files);
}

/**
 * The commands of a route-based golden transcript: the tunnel views of a spoke before and after a
 * spoke-to-spoke ping, and the hub's (for the tunnels with tunnel protection also the negotiation
 * under debug on both ends and the IKE and IPsec SAs the tunnels hold); for the IKEv2 crypto-map
 * network the exchanges under `debug crypto ikev2`, the SAs, and what `clear crypto ikev2 sa` leaves;
 * for its DHCP branch on the hub's dynamic map (docs/ios-semantics.md#ikev2-dynamic-crypto-maps) the
 * hub's ping that no SA carries yet, the branch's exchange, the hub's views and reverse route, and
 * the route gone with the SA.
 */
export function routeBasedScript(lab: RouteBasedLab): string[] {
  if (lab === 'ikev2-dynamic')
    return [
      'HQ# ping 192.168.20.1 source 10.10.0.1',
      'BranchB# debug crypto ikev2',
      'HQ# debug crypto ikev2',
      'BranchB# ping 10.10.0.1 source 192.168.20.1',
      'HQ# undebug all',
      'BranchB# undebug all',
      'HQ# show crypto ikev2 sa detailed',
      'HQ# show crypto session detail',
      'HQ# show crypto ipsec sa',
      'HQ# show ip route',
      'HQ# ping 192.168.20.1 source 10.10.0.1',
      'HQ# clear crypto ikev2 sa',
      'HQ# show ip route',
    ];
  if (lab === 'ikev2')
    return [
      'BranchA# debug crypto ikev2',
      'HQ# debug crypto ikev2',
      'BranchA# ping 10.10.0.1 source 172.16.2.1',
      'BranchA# ping 192.168.20.1 source 172.16.2.1',
      'HQ# show crypto ikev2 sa',
      'HQ# show crypto engine connections active',
      'HQ# clear crypto ikev2 sa remote 203.0.113.10',
      'HQ# undebug all',
      'BranchA# undebug all',
      'HQ# show crypto ikev2 sa',
      'BranchA# show crypto ikev2 sa',
    ];
  // The protected tunnels: phase 1 and the tunnel's child SA under debug on both ends (quick mode
  // for IKEv1, the IKE_AUTH response for IKEv2), then the IKE SA and the SA pair under the tunnel.
  const debugs =
    lab === 'svti-ikev2' ? ['debug crypto ikev2', 'debug crypto ipsec'] : ['debug crypto isakmp', 'debug crypto ipsec'];
  const ike = lab === 'svti-ikev2' ? 'show crypto ikev2 sa' : 'show crypto isakmp sa';
  const both = (cmds: string[]) => cmds.flatMap((c) => [`Spoke1# ${c}`, `Hub# ${c}`]);
  const crypto =
    lab === 'gre'
      ? { debug: [], undebug: [], spoke: [], hub: [] }
      : {
          debug: both(debugs),
          undebug: both(['undebug all']),
          spoke: [ike, 'show crypto ipsec sa', 'show crypto session detail'],
          hub: [ike, 'show crypto session'],
        };
  return [
    'Spoke1# show ip interface brief',
    'Spoke1# show interfaces Tunnel1',
    ...crypto.debug,
    'Spoke1# ping 10.2.0.1 source 10.1.0.1',
    ...crypto.undebug,
    'Spoke1# show interfaces tunnel 1',
    ...crypto.spoke.map((c) => `Spoke1# ${c}`),
    'Hub# show ip interface brief',
    'Hub# show interfaces Tunnel2',
    ...crypto.hub.map((c) => `Hub# ${c}`),
  ];
}
