/**
 * Shared validation of algorithm choices: legacy crypto needs an explicit opt-in, becomes a
 * warning when allowed, and stays refused on IOS-XE 17 unless the compliance shield is disabled
 * (FN72510). Uses the strength table in `lib/rules/algorithms.ts`, which the verifier shares.
 *
 * A refusal is one message per Router (its `validate`), not one per construct: a hub with a DES
 * policy, a DES transform set and a group 2 PFS entry has one problem with one fix, and its
 * spokes each have the same one. Each construct only reports what it uses (`legacyCrypto`) and
 * adds the warnings for what is allowed.
 */
import type { IConstruct } from 'constructs';
import type { AlgorithmFinding } from '../ir/algorithms.js';
import { Annotations } from './annotations.js';
import type { Router } from './router.js';

/** The legacy algorithms one construct uses, and its own opt-in. */
export interface LegacyCryptoUse {
  /** Each legacy algorithm as `parameter "value"`, e.g. `hash "md5"`. */
  readonly algorithms: readonly string[];
  /** The construct's own `allowLegacyCrypto`. @default - the router's setting */
  readonly allowLegacy?: boolean;
}

/** A construct whose settings can use legacy crypto (ISAKMP policy, transform set, map entry). */
export interface ILegacyCryptoUser {
  /** What the current settings use; read by the Router's validation. */
  legacyCrypto(): LegacyCryptoUse;
}

/** True when `x` reports its legacy crypto. */
export function isLegacyCryptoUser(x: unknown): x is ILegacyCryptoUser {
  return typeof x === 'object' && x !== null && typeof (x as { legacyCrypto?: unknown }).legacyCrypto === 'function';
}

/** The legacy findings of a construct as `parameter "value"` words. */
export function legacyAlgorithms(findings: readonly AlgorithmFinding[]): string[] {
  return findings.filter((f) => f.strength === 'legacy').map((f) => `${f.parameter} "${f.value}"`);
}

/**
 * True when legacy crypto is both allowed (the construct's opt-in, else the router's) and
 * accepted by the platform: IOS-XE 17.11 and later refuses it while the compliance shield is on.
 */
export function legacyAccepted(router: Router, allowLegacy: boolean | undefined): boolean {
  if (!(allowLegacy ?? router.allowLegacyCrypto)) return false;
  return router.platform !== 'ios-xe-17' || router.complianceShieldDisabled;
}

/** Adds one warning per legacy algorithm to `scope` when its use is allowed and accepted; refusals are the Router's. */
export function warnAllowedLegacy(scope: IConstruct, router: Router, use: LegacyCryptoUse): void {
  if (use.algorithms.length === 0 || !legacyAccepted(router, use.allowLegacy)) return;
  for (const what of use.algorithms)
    Annotations.of(scope).addWarningV2('WEAK_CRYPTO', `uses legacy crypto: ${what} (allowed by allowLegacyCrypto)`);
}

/** The refused legacy algorithms of one router's constructs, as the Router's one message. */
export function legacyRefusal(
  router: Router,
  users: readonly { readonly path: string; readonly use: LegacyCryptoUse }[],
): string | undefined {
  const refused = users.filter((u) => u.use.algorithms.length > 0 && !legacyAccepted(router, u.use.allowLegacy));
  if (refused.length === 0) return undefined;
  const prefix = `${router.node.path}/`;
  const listed = refused
    .map((u) => `${u.path.startsWith(prefix) ? u.path.slice(prefix.length) : u.path} (${u.use.algorithms.join(', ')})`)
    .join('; ');
  const optedIn = refused.every((u) => u.use.allowLegacy ?? router.allowLegacyCrypto);
  const strong = 'choose strong algorithms (AES-256 or AES-GCM, SHA-256 or better, DH group 14, 19 or 20)';
  if (router.platform === 'ios-xe-17') {
    const shield =
      'complianceShieldDisabled: true (Hub crypto settings or Router prop; renders "crypto engine compliance shield disable", not recommended)';
    return (
      `legacy crypto on ios-xe-17 router ${router.hostname}: ${listed}. IOS-XE 17.11 and later refuses these algorithms ` +
      `while the crypto engine compliance shield is on (Cisco FN72510). Two ways out: ${strong}; or, for a lab that must match old devices, ` +
      (optedIn
        ? `keep allowLegacyCrypto and also set ${shield}`
        : `set allowLegacyCrypto: true (stack, Hub crypto settings or Router) and ${shield}`)
    );
  }
  return (
    `legacy crypto on ${router.platform} router ${router.hostname}: ${listed}. These algorithms are broken or deprecated ` +
    `(DES, 3DES, MD5, DH groups 1, 2 and 5). Two ways out: ${strong}; or, for a lab that must match old devices, ` +
    'set allowLegacyCrypto: true (stack, Hub crypto settings or Router), which turns each use into a warning'
  );
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
