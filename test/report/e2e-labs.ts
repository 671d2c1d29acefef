// Real configs for the report's end-to-end tests: the reference lab (fixtures) with edits, and a
// generated summarized hub with N spokes; both go through the real parser and verifier.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type ParsedFile } from '../../lib/parse/index.js';
import { inputDigest } from '../../lib/report/input-digest.js';
import { renderHtmlReport } from '../../lib/report/html.js';
import { withDeviceDetails } from '../../lib/report/device-details.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { VerifyResult } from '../../lib/verify/types.js';

/** Config texts by file name. */
export type Lab = Record<string, string>;

/** Where e2e tests leave reports and screenshots (git-ignored). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');

/** The reference lab with three spokes, with its pre-shared key replaced by a fake one. */
export function referenceLab(fakeKey: string): Lab {
  const lab: Lab = {};
  for (const f of ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg']) {
    lab[`three-spokes/${f}`] = readFileSync(join(fixtures, f), 'utf8').replaceAll('cisco123', fakeKey);
  }
  return lab;
}

/** Removes one exact line from one file (throws when it is not there, so edits cannot rot). */
export function withoutLine(lab: Lab, file: string, line: string): Lab {
  const text = lab[file];
  if (text === undefined) throw new Error(`no ${file} in lab`);
  const lines = text.split('\n');
  const i = lines.indexOf(line);
  if (i < 0) throw new Error(`line not found in ${file}: ${line}`);
  lines.splice(i, 1);
  return { ...lab, [file]: lines.join('\n') };
}

/**
 * A summarized hub-and-spoke on IOS-XE: each spoke protects {own LAN} -> {site pool 10.0.0.0/8},
 * the hub's entry for a spoke protects {pool} -> {that spoke's LAN}, one summary route each way.
 */
export function summarizedLab(n: number, fakeKey: (i: number) => string): Lab {
  const lan = (i: number): string => `10.${1 + Math.floor(i / 256)}.${i % 256}`;
  const wan = (i: number): string => `100.64.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`;
  const policy = [
    'crypto isakmp policy 10',
    ' encryption aes 256',
    ' hash sha256',
    ' authentication pre-share',
    ' group 14',
  ];
  const tset = ['crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac', ' mode tunnel'];
  const hub = ['version 17.9', 'hostname Hub', '!', ...policy];
  for (let i = 1; i <= n; i++) hub.push(`crypto isakmp key ${fakeKey(i)} address ${wan(i)}`);
  hub.push(...tset);
  for (let i = 1; i <= n; i++) {
    hub.push(
      `crypto map VPN ${i * 10} ipsec-isakmp`,
      ` set peer ${wan(i)}`,
      ' set transform-set TS',
      ' set pfs group14',
      ` match address SPOKE${i}`,
    );
  }
  hub.push('interface GigabitEthernet1', ' ip address 100.64.0.1 255.255.0.0', ' crypto map VPN', '!');
  hub.push('interface GigabitEthernet2', ' ip address 10.0.0.1 255.255.255.0', '!');
  hub.push('ip route 10.0.0.0 255.0.0.0 GigabitEthernet1');
  for (let i = 1; i <= n; i++)
    hub.push(`ip access-list extended SPOKE${i}`, ` permit ip 10.0.0.0 0.255.255.255 ${lan(i)}.0 0.0.0.255`);
  hub.push('end', '');
  const lab: Lab = { 'hub.cfg': hub.join('\n') };
  for (let i = 1; i <= n; i++) {
    const s = [
      'version 17.9',
      `hostname Spoke${i}`,
      '!',
      ...policy,
      `crypto isakmp key ${fakeKey(i)} address 100.64.0.1`,
      ...tset,
    ];
    s.push(
      'crypto map VPN 10 ipsec-isakmp',
      ' set peer 100.64.0.1',
      ' set transform-set TS',
      ' set pfs group14',
      ' match address TO-POOL',
    );
    s.push('interface GigabitEthernet1', ` ip address ${wan(i)} 255.255.0.0`, ' crypto map VPN', '!');
    s.push('interface GigabitEthernet2', ` ip address ${lan(i)}.1 255.255.255.0`, '!');
    s.push('ip route 10.0.0.0 255.0.0.0 GigabitEthernet1');
    s.push('ip access-list extended TO-POOL', ` permit ip ${lan(i)}.0 0.0.0.255 10.0.0.0 0.255.255.255`, 'end', '');
    lab[`spoke${String(i).padStart(3, '0')}.cfg`] = s.join('\n');
  }
  return lab;
}

/** Parses every text of a lab (in file-name order). */
export function parseLab(lab: Lab): ParsedFile[] {
  return Object.keys(lab)
    .sort()
    .map((file) => ({ ...parseConfig(lab[file]!, { file }), file }));
}

/** Proves a lab with the real verifier and writes its HTML report to `test-artifacts/<name>.html`. */
export async function writeReport(
  lab: Lab,
  name: string,
  options: { brokenOnly?: boolean } = {},
): Promise<{ path: string; html: string; result: VerifyResult }> {
  const files = parseLab(lab);
  const result = verifyNetwork(files, { brokenOnly: options.brokenOnly === true });
  const html = await renderHtmlReport(withDeviceDetails(result, files), {
    inputDigest: inputDigest(Object.entries(lab).map(([file, text]) => ({ file, text }))),
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.html`);
  writeFileSync(path, html);
  return { path, html, result };
}
