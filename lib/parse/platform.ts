/**
 * The platform family from a `version` line: IOS 12.x -> `ios-12.2`, 15.x -> `ios-15`,
 * IOS-XE 16.x/17.x -> `ios-xe-17` (16.x shares the crypto defaults and printing of 17.x up to
 * 17.11, where FN72510 deprecations start; the verifier keys those on the version string).
 */
import type { Platform } from '../ir/router-config.js';

/** Platform family for a version string such as `12.2`, `15.7` or `17.9`, or undefined. */
export function platformFromVersion(version: string): Platform | undefined {
  const major = Number.parseInt(version, 10);
  if (major === 12) return 'ios-12.2';
  if (major === 15) return 'ios-15';
  if (major === 16 || major === 17) return 'ios-xe-17';
  return undefined;
}

/** Platform used when neither an option nor a `version` line says which. */
export const FALLBACK_PLATFORM: Platform = 'ios-15';
