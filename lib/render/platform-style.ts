/**
 * What differs between the platform families when a configuration is printed. Each family module
 * (`ios-12-2.ts`, `ios-15.ts`, `ios-xe-17.ts`) exports one of these; the section renderers are shared.
 */
import type { Platform } from '../ir/router-config.js';

/** Printing conventions of one platform family. */
export interface PlatformStyle {
  /** The family this style prints. */
  readonly platform: Platform;
  /** `version` line printed when the IR has no `version`. */
  readonly defaultVersion: string;
  /** Keyword of the ISAKMP policy encryption line: `encryption` (12.2 style) or `encr`. */
  readonly encryptionKeyword: 'encryption' | 'encr';
  /**
   * Leave out ISAKMP policy values equal to their defaults (`ISAKMP_POLICY_DEFAULTS`), as
   * `show running-config` does on that release.
   */
  readonly omitPolicyDefaults: boolean;
  /** Print the `seq` of named ACL lines (`10 permit ...`) when the IR has one. */
  readonly namedAclSequenceNumbers: boolean;
  /** The release knows `crypto engine compliance shield disable` (IOS-XE 17.11+, FN72510). */
  readonly complianceShield: boolean;
}
