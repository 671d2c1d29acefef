import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

// The timings measure the parser as production runs it: without the deep freeze the test setup
// asks for (lib/ir/identity-cache.ts), which visits every object of a million-line config.
const freeze = process.env.HUBSPOKE_FREEZE_IR;
beforeAll(() => {
  process.env.HUBSPOKE_FREEZE_IR = '0';
});
afterAll(() => {
  process.env.HUBSPOKE_FREEZE_IR = freeze;
});

function bigAclConfig(lines: number): string {
  const out: string[] = ['version 17.9', 'hostname Big', 'ip access-list extended BIG'];
  for (let i = 0; i < lines; i++) {
    out.push(` ${(i + 1) * 10} permit ip 10.${(i >> 16) & 255}.${(i >> 8) & 255}.0 0.0.0.255 172.16.${i & 255}.0 0.0.0.255`);
  }
  out.push('end');
  return out.join('\n');
}

function bigHubConfig(spokes: number): string {
  const out: string[] = ['version 17.9', 'hostname Hub', 'crypto isakmp policy 10', ' encr aes 256', ' authentication pre-share', ' group 14'];
  for (let i = 0; i < spokes; i++) out.push(`crypto isakmp key fake-key-${i} address 198.${(i >> 8) & 255}.${i & 255}.1`);
  out.push('crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac');
  for (let i = 0; i < spokes; i++) {
    out.push(`crypto map VPN ${i + 1} ipsec-isakmp`, ` set peer 198.${(i >> 8) & 255}.${i & 255}.1`, ' set transform-set TS', ' set pfs group14', ` match address S${i}`);
  }
  out.push('interface GigabitEthernet1', ' ip address 198.51.100.1 255.255.255.0', ' crypto map VPN');
  for (let i = 0; i < spokes; i++) out.push(`ip route 10.${(i >> 8) & 255}.${i & 255}.0 255.255.255.0 GigabitEthernet1`);
  for (let i = 0; i < spokes; i++) {
    out.push(`ip access-list extended S${i}`);
    for (let j = 0; j < 30; j++) out.push(` permit ip 10.0.${j}.0 0.0.0.255 10.${(i >> 8) & 255}.${i & 255}.0 0.0.0.255`);
  }
  out.push('end');
  return out.join('\n');
}

describe('parseConfig performance', () => {
  it('GIVEN a config with 1,000,000 ACL lines (about 60 MB) WHEN parsed THEN every entry is read without error within the time limit', () => {
    const text = bigAclConfig(1_000_000);
    expect(text.length).toBeGreaterThan(50_000_000);
    // No wall-clock assertion here (timings belong to `npm run bench`): a quadratic step makes a
    // million-line parse run for hours, which the test's time limit catches on any machine.
    const { config, diagnostics } = parseConfig(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(config.accessLists[0]!.entries.length).toBe(1_000_000);
  }, 240_000);

  it('GIVEN hubs of 2,500 and 5,000 spokes WHEN parsed THEN every entry, list and route is read', () => {
    const small = bigHubConfig(2500);
    const large = bigHubConfig(5000);
    expect(parseConfig(small).config.cryptoMaps[0]!.entries.length).toBe(2500);
    const { config } = parseConfig(large);
    expect(config.cryptoMaps[0]!.entries.length).toBe(5000);
    expect(config.accessLists.length).toBe(5000);
    expect(config.staticRoutes.length).toBe(5000);
  }, 240_000);
});
