/**
 * IOS 15 running-config style: the ISAKMP encryption line is printed abbreviated (`encr aes 256`),
 * policy values equal to the defaults are not printed, and named ACL lines may carry sequence
 * numbers (supported since 12.3(2)T / 12.2(14)S).
 */
import type { PlatformStyle } from './platform-style.js';

/** Printing conventions for `ios-15`. */
export const IOS_15_STYLE: PlatformStyle = {
  platform: 'ios-15',
  defaultVersion: '15.9',
  encryptionKeyword: 'encr',
  omitPolicyDefaults: true,
  namedAclSequenceNumbers: true,
  complianceShield: true,
};
