import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

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
  it('GIVEN a config with 1,000,000 ACL lines (about 60 MB) WHEN parsed THEN it takes well under 20 seconds', () => {
    const text = bigAclConfig(1_000_000);
    expect(text.length).toBeGreaterThan(50_000_000);
    const start = performance.now();
    const { config, diagnostics } = parseConfig(text);
    const elapsed = performance.now() - start;
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(config.accessLists[0]!.entries.length).toBe(1_000_000);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('GIVEN a 5,000-spoke hub of about 225,000 lines WHEN parsed THEN it takes about a second', () => {
    const text = bigHubConfig(5000);
    const start = performance.now();
    const { config } = parseConfig(text);
    const elapsed = performance.now() - start;
    expect(config.cryptoMaps[0]!.entries.length).toBe(5000);
    expect(config.accessLists.length).toBe(5000);
    expect(config.staticRoutes.length).toBe(5000);
    expect(elapsed).toBeLessThan(2500);
  });
});
