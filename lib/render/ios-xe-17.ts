/**
 * IOS-XE 17 running-config style (CSR1000v / Catalyst 8000v): `encr aes 256`, defaults not printed,
 * sequence numbers on named ACL lines, and `crypto engine compliance shield disable` (17.11.1+,
 * Cisco field notice FN72510) when legacy algorithms are re-enabled.
 */
import type { PlatformStyle } from './platform-style.js';

/** Printing conventions for `ios-xe-17`. */
export const IOS_XE_17_STYLE: PlatformStyle = {
  platform: 'ios-xe-17',
  defaultVersion: '17.9',
  encryptionKeyword: 'encr',
  omitPolicyDefaults: true,
  namedAclSequenceNumbers: true,
  complianceShield: true,
};
