import { describe, expect, it } from 'vitest';
import { runningConfig } from '../../lib/emulate/running-config.js';
import { labNetwork } from './lab.js';

// Secrets only this test uses, so a leak is unambiguous.
const S = {
  isakmp: 'rc-isakmp-key-1',
  ring: 'rc-ring-key-2',
  enable: 'rc-enable-pw-3',
  user: 'rc-user-pw-4',
  line: 'rc-line-pw-5',
  master: 'rc-master-key-6',
  bgp: 'rc-bgp-pw-7',
};

function config(extra: string): string {
  return [
    'version 15.4',
    'hostname R1',
    extra,
    `enable password ${S.enable}`,
    `username admin privilege 15 password 0 ${S.user}`,
    `crypto isakmp key ${S.isakmp} address 10.0.0.2`,
    'crypto keyring RING',
    `  pre-shared-key address 10.0.0.3 key ${S.ring}`,
    'router bgp 65000',
    ` neighbor 10.0.0.9 password ${S.bgp}`,
    'line vty 0 4',
    ` password ${S.line}`,
    ' login',
    'end',
    '',
  ].join('\n');
}

function expectNoSecret(out: string): void {
  for (const v of Object.values(S)) expect(out).not.toContain(v);
}

describe('show running-config: secrets in the form the platform stores them, never printed', () => {
  it('GIVEN service password-encryption WHEN shown THEN passwords read type 7 and the ISAKMP keys keep their clear form, all masked', () => {
    const out = runningConfig(config('service password-encryption'), 'ios-15');
    expect(out).toContain('enable password 7 <redacted>');
    expect(out).toContain('username admin privilege 15 password 7 <redacted>');
    expect(out).toContain('line vty 0 4\n password 7 <redacted>\n login');
    expect(out).toContain(' neighbor 10.0.0.9 password 7 <redacted>');
    expect(out).toContain('crypto isakmp key <redacted> address 10.0.0.2');
    expect(out).toContain('  pre-shared-key address 10.0.0.3 key <redacted>');
    expectNoSecret(out);
  });

  it('GIVEN password encryption aes with a master key WHEN shown on IOS 15 or IOS-XE THEN ISAKMP keys read type 6, passwords stay clear, the master key line is not shown', () => {
    const text = config(`key config-key password-encrypt ${S.master}\npassword encryption aes`);
    for (const platform of ['ios-15', 'ios-xe-17'] as const) {
      const out = runningConfig(text, platform);
      expect(out).toContain('crypto isakmp key 6 <redacted> address 10.0.0.2');
      expect(out).toContain('  pre-shared-key address 10.0.0.3 key 6 <redacted>');
      expect(out).toContain('enable password <redacted>');
      expect(out).toContain('password encryption aes');
      expect(out).not.toContain('config-key');
      expect(out).not.toContain('Can not encrypt password');
      expectNoSecret(out);
    }
  });

  it('GIVEN password encryption aes without a master key WHEN shown THEN IOS warns while building and keeps the keys clear (masked)', () => {
    const out = runningConfig(config('password encryption aes'), 'ios-15');
    expect(out.split('\n').slice(0, 2)).toEqual([
      'Building configuration...',
      "Can not encrypt password. Please configure a configuration-key with 'key config-key'",
    ]);
    expect(out).toContain('crypto isakmp key <redacted> address 10.0.0.2');
    expectNoSecret(out);
  });

  it('GIVEN IOS 12.2 mainline WHEN the text asks for type 6 THEN nothing turns type 6 (the feature came with 12.3(2)T)', () => {
    const out = runningConfig(
      config(`key config-key password-encrypt ${S.master}\npassword encryption aes`),
      'ios-12.2',
    );
    expect(out).toContain('crypto isakmp key <redacted> address 10.0.0.2');
    expectNoSecret(out);
  });

  it('GIVEN secrets already stored as 7 or hashed WHEN shown THEN their type is kept', () => {
    const out = runningConfig(
      'service password-encryption\nenable secret 5 $1$abcd$rc-hash-8\nusername u password 7 0822455D0A16\nend\n',
      'ios-15',
    );
    expect(out).toContain('enable secret 5 <redacted>');
    expect(out).toContain('username u password 7 <redacted>');
    expect(out).not.toContain('rc-hash-8');
    expect(out).not.toContain('0822455D0A16');
  });

  it('GIVEN the reference lab WHEN the console shows the running configuration THEN the byte count matches the body and the key is masked', () => {
    const out = labNetwork('two-spokes').device('Hub').exec('show running-config').output;
    expect(out).toContain('crypto isakmp key <redacted> address 10.1.2.1');
    expect(out).not.toContain('cisco123');
    const [head, body] = out.split(/Current configuration : \d+ bytes\n/);
    expect(head).toBe('Building configuration...\n\n');
    expect(out).toContain(`Current configuration : ${Buffer.byteLength(body!)} bytes`);
  });
});
