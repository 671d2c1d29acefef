/**
 * IOS 12.2 style, as in the reference lab (Cisco 2500, 12.2(24a)): `encryption` spelled out,
 * explicit policy values printed as given, named ACL lines without sequence numbers (12.2 mainline
 * has no sequence-numbered ACL entries).
 */
import type { PlatformStyle } from './platform-style.js';

/** Printing conventions for `ios-12.2`. */
export const IOS_12_2_STYLE: PlatformStyle = {
  platform: 'ios-12.2',
  defaultVersion: '12.2',
  encryptionKeyword: 'encryption',
  omitPolicyDefaults: false,
  namedAclSequenceNumbers: false,
  complianceShield: false,
};
