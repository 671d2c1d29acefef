/**
 * Shared validation of algorithm choices: legacy crypto needs an explicit opt-in, becomes a
 * warning when allowed, and stays an error on IOS-XE 17 unless the compliance shield is disabled
 * (FN72510). Uses the strength table in `lib/rules/algorithms.ts`, which the verifier shares.
 */
import type { IConstruct } from 'constructs';
import type { AlgorithmFinding } from '../rules/algorithms.js';
import { Annotations } from './annotations.js';
import type { Router } from './router.js';

/**
 * Turns findings into validation errors (returned) and warnings (added to `scope`).
 * `allowLegacy` is the construct's own opt-in; undefined falls back to the router's.
 */
export function checkAlgorithms(
  scope: IConstruct,
  router: Router,
  findings: readonly AlgorithmFinding[],
  allowLegacy: boolean | undefined,
): string[] {
  const errors: string[] = [];
  const allowed = allowLegacy ?? router.allowLegacyCrypto;
  for (const f of findings) {
    if (f.strength !== 'legacy') continue;
    const what = `${f.parameter} "${f.value}"`;
    if (!allowed) {
      errors.push(
        `${what} is legacy crypto (broken or deprecated; rejected by IOS-XE 17.11 and later, Cisco FN72510). ` +
          'Choose a stronger algorithm, or opt in for a lab with allowLegacyCrypto: true',
      );
    } else if (router.platform === 'ios-xe-17' && !router.complianceShieldDisabled) {
      errors.push(
        `${what} is rejected by IOS-XE 17.11 and later (Cisco FN72510) even with allowLegacyCrypto; ` +
          'also set complianceShieldDisabled: true to render "crypto engine compliance shield disable" (not recommended)',
      );
    } else {
      Annotations.of(scope).addWarning(`uses legacy crypto: ${what} (allowed by allowLegacyCrypto)`);
    }
  }
  return errors;
}

/** An error when `value` is not in the platform's supported list. */
export function checkSupported<T extends string | number>(
  router: Router,
  parameter: string,
  value: T,
  supported: readonly T[],
  defaulted: boolean,
): string[] {
  if (supported.includes(value)) return [];
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return [
    `${parameter} ${shown}${defaulted ? ' (the default)' : ''} is not supported on ${router.platform} ` +
      `(supported: ${supported.join(', ')}); set ${parameter} explicitly`,
  ];
}
