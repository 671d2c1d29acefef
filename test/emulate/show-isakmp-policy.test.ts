import { describe, expect, it } from 'vitest';
import { labNetwork } from './lab.js';

const SPOKE1_SUITE = [
  'Protection suite of priority 10',
  '        encryption algorithm:   DES - Data Encryption Standard (56 bit keys).',
  '        hash algorithm:         Message Digest 5',
  '        authentication method:  Pre-Shared Key',
  '        Diffie-Hellman group:   #1 (768 bit)',
  '        lifetime:               86400 seconds, no volume limit',
];

describe('show crypto isakmp policy', () => {
  it('GIVEN the 12.2 seed lab WHEN shown THEN the configured suite (unset fields at their defaults) and the default suite print', () => {
    const net = labNetwork();
    expect(net.device('Spoke1').exec('sh cry isa pol')).toEqual({
      output: [
        ...SPOKE1_SUITE,
        'Default protection suite',
        '        encryption algorithm:   DES - Data Encryption Standard (56 bit keys).',
        '        hash algorithm:         Secure Hash Standard',
        '        authentication method:  Rivest-Shamir-Adleman Signature',
        '        Diffie-Hellman group:   #1 (768 bit)',
        '        lifetime:               86400 seconds, no volume limit',
        '',
      ].join('\n'),
      ok: true,
    });
  });

  it('GIVEN IOS 15 with a policy of strong algorithms WHEN shown THEN the Global IKE policy heading and that suite print, no built-in ones', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        ['version 12.2', 'version 15.7'],
        [' hash md5\n', ' encryption aes 256\n hash sha256\n group 14\n lifetime 3600\n'],
      ],
    });
    expect(net.device('Spoke1').exec('show crypto isakmp policy').output).toBe(
      [
        'Global IKE policy',
        'Protection suite of priority 10',
        '        encryption algorithm:   AES - Advanced Encryption Standard (256 bit keys).',
        '        hash algorithm:         Secure Hash Standard 2 (256 bit)',
        '        authentication method:  Pre-Shared Key',
        '        Diffie-Hellman group:   #14 (2048 bit)',
        '        lifetime:               3600 seconds, no volume limit',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN IOS 15 without a policy WHEN shown THEN the built-in default policies print, highest priority first', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [
        ['version 12.2', 'version 15.7'],
        ['crypto isakmp policy 10\n hash md5\n authentication pre-share\n', ''],
      ],
    });
    const out = net.device('Spoke1').exec('show crypto isakmp policy').output;
    expect(out.startsWith('Global IKE policy\nDefault IKE policy\nDefault Protection suite of priority 65507\n')).toBe(
      true,
    );
    expect(out.match(/^Default Protection suite of priority \d+$/gm)).toEqual(
      [65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514].map((p) => `Default Protection suite of priority ${p}`),
    );
    expect(out).toContain(
      [
        'Default Protection suite of priority 65508',
        '        encryption algorithm:   AES - Advanced Encryption Standard (128 bit keys).',
        '        hash algorithm:         Secure Hash Standard',
        '        authentication method:  Pre-Shared Key',
        '        Diffie-Hellman group:   #5 (1536 bit)',
      ].join('\n'),
    );
  });
});
