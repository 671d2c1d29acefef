/**
 * `show crypto isakmp policy`: the policies IKE offers and accepts, as IOS prints them.
 *
 * Layout (facts from the Cisco IOS Security Command Reference sample output and public captures):
 * one `Protection suite of priority N` block per configured policy with its encryption algorithm,
 * hash algorithm, authentication method, Diffie-Hellman group and lifetime. IOS 12.x ends with the
 * `Default protection suite` (the values of an unset field). IOS 15 / IOS-XE start with
 * `Global IKE policy`, and when no policy is configured print `Default IKE policy` and each
 * built-in policy as `Default Protection suite of priority 65507` ... (12.4(20)T and later).
 * The values come from lib/rules/platform-defaults.ts over lib/ir/ike-vocabulary.ts; only the
 * display names are here.
 */
import type { DeviceCore } from './types.js';
import { ISAKMP_POLICY_DEFAULTS, type IsakmpPolicyValues } from '../ir/ike-vocabulary.js';
import { effectiveIsakmpPolicies } from '../rules/platform-defaults.js';

const ENCRYPTION: Readonly<Record<string, string>> = {
  des: 'DES - Data Encryption Standard (56 bit keys).',
  '3des': 'Three key triple DES',
  aes: 'AES - Advanced Encryption Standard (128 bit keys).',
  'aes-192': 'AES - Advanced Encryption Standard (192 bit keys).',
  'aes-256': 'AES - Advanced Encryption Standard (256 bit keys).',
};
const HASH: Readonly<Record<string, string>> = {
  md5: 'Message Digest 5',
  sha: 'Secure Hash Standard',
  sha256: 'Secure Hash Standard 2 (256 bit)',
  sha384: 'Secure Hash Standard 2 (384 bit)',
  sha512: 'Secure Hash Standard 2 (512 bit)',
};
const AUTHENTICATION: Readonly<Record<string, string>> = {
  'pre-share': 'Pre-Shared Key',
  'rsa-sig': 'Rivest-Shamir-Adleman Signature',
  'rsa-encr': 'Rivest-Shamir-Adleman Encryption',
};
/** Group sizes as IOS prints them (RFC 2409, 3526, 5903, 5114). */
const GROUP_SIZE: Readonly<Record<number, string>> = {
  1: '768 bit',
  2: '1024 bit',
  5: '1536 bit',
  14: '2048 bit',
  15: '3072 bit',
  16: '4096 bit',
  19: '256 bit ecp',
  20: '384 bit ecp',
  21: '521 bit ecp',
  24: '2048 bit, 256 bit subgroup',
};

const IND = '        ';

function suiteLines(heading: string, p: IsakmpPolicyValues): string[] {
  const group = GROUP_SIZE[p.group];
  return [
    heading,
    `${IND}encryption algorithm:   ${ENCRYPTION[p.encryption] ?? p.encryption}`,
    `${IND}hash algorithm:         ${HASH[p.hash] ?? p.hash}`,
    `${IND}authentication method:  ${AUTHENTICATION[p.authentication] ?? p.authentication}`,
    `${IND}Diffie-Hellman group:   #${p.group}${group ? ` (${group})` : ''}`,
    `${IND}lifetime:               ${p.lifetime} seconds, no volume limit`,
  ];
}

/** `show crypto isakmp policy`. */
export function showCryptoIsakmpPolicy(dev: DeviceCore): string {
  const policies = effectiveIsakmpPolicies(dev.config);
  const out: string[] = [];
  if (dev.config.platform === 'ios-12.2') {
    for (const p of policies) for (const l of suiteLines(`Protection suite of priority ${p.priority}`, p)) out.push(l);
    for (const l of suiteLines('Default protection suite', ISAKMP_POLICY_DEFAULTS)) out.push(l);
  } else {
    out.push('Global IKE policy');
    if (policies.some((p) => p.builtIn)) out.push('Default IKE policy');
    for (const p of policies) {
      const heading = `${p.builtIn ? 'Default Protection' : 'Protection'} suite of priority ${p.priority}`;
      for (const l of suiteLines(heading, p)) out.push(l);
    }
  }
  return `${out.join('\n')}\n`;
}
