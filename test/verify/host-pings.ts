/**
 * The emulator's side of the hand-written defect suites: hosts on each lab's LANs, and the check
 * that host-to-host pings agree with the proof on every ordered pair.
 */
import { expect } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import type { VerifyResult } from '../../lib/verify/types.js';
import { emulatedVerdict } from './emulated-verdict.js';
import { parseLab, type Lab } from './labs.js';

/** Seed-lab hosts (.10 on each LAN) and modern-lab hosts. */
export const SEED_SITES: Record<string, string> = {
  Hub: '10.1.1.10',
  Spoke1: '172.16.1.10',
  Spoke2: '192.168.1.10',
  Spoke3: '172.16.2.10',
};
export const MODERN_SITES: Record<string, string> = {
  Hub: '10.0.0.10',
  Spoke1: '10.1.0.10',
  Spoke2: '10.2.0.10',
  Spoke3: '10.3.0.10',
};

/** Host-to-host pings agree with the proof on every ordered pair. */
export function expectEmulatorAgrees(lab: Lab, r: VerifyResult, sites: Record<string, string>): void {
  pingPairs(lab, r, sites, '', false);
}

/**
 * Host-to-host pings agree with the proof on every pair the proof decides (unverified pairs are
 * skipped); returns how many pairs were compared. `name` labels the failure message.
 */
export function expectEmulatorAgreesOnDecided(
  lab: Lab,
  r: VerifyResult,
  sites: Record<string, string>,
  name: string,
): number {
  return pingPairs(lab, r, sites, `${name}: `, true);
}

function pingPairs(
  lab: Lab,
  r: VerifyResult,
  sites: Record<string, string>,
  label: string,
  decidedOnly: boolean,
): number {
  const net = Network.fromParsed(parseLab(lab));
  let compared = 0;
  for (const p of r.pairs) {
    if (decidedOnly && p.status === 'unverified') continue;
    for (const d of net.devices()) d.exec('clear crypto sa');
    const before = net.wanLog.length;
    const ping = net.ping({ from: p.from, source: sites[p.from]!, to: sites[p.to]!, asHost: true, repeat: 2 });
    const clear = net.wanLog.slice(before).some((x) => !x.encrypted);
    const proof = decidedOnly ? `${p.status} (${p.problems.map((x) => x.code).join(', ')})` : `${p.covered}`;
    expect(ping.received === ping.sent && !clear, `${label}${p.from} -> ${p.to}: proof ${proof}\n${ping.output}`).toBe(
      p.covered,
    );
    compared += 1;
  }
  return compared;
}

/**
 * For networks with dynamic spokes (docs/ios-semantics.md#dynamic-crypto-maps): on every pair the
 * proof decides, the emulator's pings give the proof's verdict, and a pair proven under
 * SPOKE_MUST_INITIATE is dropped first and works once its destination sent traffic
 * (`emulatedVerdict`). Returns how many pairs were compared; `name` labels the failure message.
 */
export function expectEmulatorAgreesWithConditions(
  lab: Lab,
  r: VerifyResult,
  sites: Record<string, string>,
  name: string,
): number {
  const net = Network.fromParsed(parseLab(lab));
  const devices = Object.keys(sites);
  const site = (device: string) => ({ device, network: '', host: sites[device]! });
  let compared = 0;
  for (const p of r.pairs) {
    if (p.status === 'unverified') continue;
    const initiate = p.covered && p.problems.some((x) => x.code === 'SPOKE_MUST_INITIATE');
    const e = emulatedVerdict(net, devices, site(p.from), site(p.to), initiate);
    const why = `${name}: ${p.from} -> ${p.to}: proof ${p.status} (${p.problems.map((x) => x.code).join(', ')}), emulator ${e.received}/3\n${e.output}`;
    expect(e.ok, why).toBe(p.covered);
    compared += 1;
  }
  return compared;
}

/** The broken pairs as `From>To`, sorted. */
export function brokenPairs(r: VerifyResult): string[] {
  return r.pairs
    .filter((p) => !p.covered)
    .map((p) => `${p.from}>${p.to}`)
    .sort();
}
