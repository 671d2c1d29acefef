/**
 * Test labs for the proof: the reference lab (fixtures) as editable text, and a generated modern
 * IOS-XE lab with N spokes (AES-256, SHA-256, DH 14, PFS group 14, one key per spoke).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lib/parse/index.js';
import type { ParsedFile } from '../../lib/parse/index.js';
import { verifyNetwork, type ProofOptions } from '../../lib/verify/prove/verify-network.js';
import type { PairResult, Problem, VerifyResult } from '../../lib/verify/types.js';

/** Config texts by file name. */
export type Lab = Record<string, string>;

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'seed-lab');

/** The reference lab (`two-spokes` or `three-spokes`) as texts. */
export function seedLab(name: 'two-spokes' | 'three-spokes'): Lab {
  const files = ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', ...(name === 'three-spokes' ? ['spoke3.cfg'] : [])];
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(fixtures, name, f), 'utf8')]));
}

/** Parses every text of a lab. */
export function parseLab(lab: Lab): ParsedFile[] {
  return Object.keys(lab)
    .sort()
    .map((file) => ({ ...parseConfig(lab[file]!, { file }), file }));
}

/** Proves a lab. */
export function proveLab(lab: Lab, options: ProofOptions = {}): VerifyResult {
  return verifyNetwork(parseLab(lab), options);
}

/** A copy of the lab with one file edited. */
export function edit(lab: Lab, file: string, fn: (text: string) => string): Lab {
  const text = lab[file];
  if (text === undefined) throw new Error(`no ${file} in lab`);
  const out = fn(text);
  if (out === text) throw new Error(`edit of ${file} changed nothing`);
  return { ...lab, [file]: out };
}

/** Replaces one exact line (whole line match). */
export function replaceLine(text: string, line: string, by: string[]): string {
  const lines = text.split('\n');
  const i = lines.indexOf(line);
  if (i < 0) throw new Error(`line not found: ${line}`);
  lines.splice(i, 1, ...by);
  return lines.join('\n');
}

/** The pair result for hostnames (first site of each). */
export function pair(result: VerifyResult, from: string, to: string): PairResult {
  const p = result.pairs.find((x) => x.from === from && x.to === to);
  if (!p) throw new Error(`no pair ${from} -> ${to}`);
  return p;
}

/** Problems of a code on a pair. */
export function codes(p: PairResult, code: string): Problem[] {
  return p.problems.filter((x) => x.code === code);
}

/** Hostnames of the reference lab. */
export const SEED_HOSTS = ['Hub', 'Spoke1', 'Spoke2', 'Spoke3'] as const;

/** Generates a modern lab: hub + n spokes on IOS-XE 17, exact (non-summarized) ACLs. */
export function modernLab(n: number): Lab {
  const hubLan = '10.0.0.0';
  const lan = (i: number) => `10.${i}.0.0`;
  const wan = (i: number) => `198.51.100.${10 + i}`;
  const hubWan = '198.51.100.1';
  const key = (i: number) => `Fake-Key-Spoke-${String(i).padStart(3, '0')}-xyzzy42`;
  const common = (host: string) => [
    'version 17.12',
    `hostname ${host}`,
    '!',
    'crypto isakmp policy 10',
    ' encryption aes 256',
    ' hash sha256',
    ' authentication pre-share',
    ' group 14',
  ];
  const tset = ['crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac', ' mode tunnel'];
  const sites = [hubLan, ...Array.from({ length: n }, (_, k) => lan(k + 1))];
  const hub: string[] = [...common('Hub')];
  for (let i = 1; i <= n; i++) hub.push(`crypto isakmp key ${key(i)} address ${wan(i)}`);
  hub.push(...tset);
  for (let i = 1; i <= n; i++) {
    hub.push(
      `crypto map VPN ${i * 10} ipsec-isakmp`,
      ` set peer ${wan(i)}`,
      ' set transform-set TS',
      ' set pfs group14',
      ` match address VPN-SPOKE${i}`,
    );
  }
  hub.push('interface GigabitEthernet1', ` ip address ${hubWan} 255.255.255.0`, ' crypto map VPN', '!');
  hub.push('interface GigabitEthernet2', ' ip address 10.0.0.1 255.255.255.0', '!');
  for (let i = 1; i <= n; i++) hub.push(`ip route ${lan(i)} 255.255.255.0 GigabitEthernet1`);
  for (let i = 1; i <= n; i++) {
    hub.push(`ip access-list extended VPN-SPOKE${i}`);
    for (const s of sites) if (s !== lan(i)) hub.push(` permit ip ${s} 0.0.0.255 ${lan(i)} 0.0.0.255`);
  }
  hub.push('end', '');
  const lab: Lab = { 'hub.cfg': hub.join('\n') };
  for (let i = 1; i <= n; i++) {
    const s: string[] = [...common(`Spoke${i}`)];
    s.push(`crypto isakmp key ${key(i)} address ${hubWan}`, ...tset);
    s.push(
      'crypto map VPN 10 ipsec-isakmp',
      ` set peer ${hubWan}`,
      ' set transform-set TS',
      ' set pfs group14',
      ' match address VPN-HUB',
    );
    s.push('interface GigabitEthernet1', ` ip address ${wan(i)} 255.255.255.0`, ' crypto map VPN', '!');
    s.push('interface GigabitEthernet2', ` ip address 10.${i}.0.1 255.255.255.0`, '!');
    for (const site of sites) if (site !== lan(i)) s.push(`ip route ${site} 255.255.255.0 GigabitEthernet1`);
    s.push('ip access-list extended VPN-HUB');
    for (const site of sites) if (site !== lan(i)) s.push(` permit ip ${lan(i)} 0.0.0.255 ${site} 0.0.0.255`);
    s.push('end', '');
    lab[`spoke${String(i).padStart(2, '0')}.cfg`] = s.join('\n');
  }
  return lab;
}
