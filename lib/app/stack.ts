/**
 * A stack: one VPN (or several), synthesized into `<outdir>/<stack id>/`. Its id is the folder
 * name and the HKDF salt of derived keys, so renaming a stack changes derived keys.
 */
import { Construct, type IConstruct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { Platform } from '../ir/router-config.js';
import { ConstructError } from '../constructs/errors.js';
import { LEGACY_CRYPTO_CONTEXT, PLATFORM_CONTEXT } from '../constructs/router.js';
import { parseProps, platform } from '../constructs/schemas.js';
import { fileNameProblem } from './output-errors.js';

/** Properties of a HubSpokeStack. */
export interface HubSpokeStackProps {
  /** Platform of routers that name none. @default 'ios-xe-17' */
  readonly platform?: Platform;
  /**
   * Allow legacy crypto (DES, 3DES, MD5, DH 1/2/5) in every construct below, each use a warning:
   * Hubs, Spokes and Routers that say nothing themselves follow it; a Hub's
   * `crypto.allowLegacyCrypto` or a Router's `allowLegacyCrypto` wins over it. On `ios-xe-17` the
   * compliance shield must also be disabled (`complianceShieldDisabled`), or IOS-XE 17.11 and
   * later refuses the algorithms (Cisco FN72510).
   * @default false
   */
  readonly allowLegacyCrypto?: boolean;
}

const schema = lazy(() =>
  zod().object({ platform: platform().optional(), allowLegacyCrypto: zod().boolean().optional() }),
);
const STACK_SYMBOL = Symbol.for('hubspoke.HubSpokeStack');
/** Stack ids become folder names. */
const STACK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A unit of synthesis. */
export class HubSpokeStack extends Construct {
  /** True when `x` is a HubSpokeStack. */
  static isStack(x: unknown): x is HubSpokeStack {
    return typeof x === 'object' && x !== null && STACK_SYMBOL in x;
  }

  /** The stack that encloses `scope`. */
  static of(scope: IConstruct): HubSpokeStack {
    const found = [...scope.node.scopes].reverse().find((s) => HubSpokeStack.isStack(s));
    if (!found) throw new ConstructError('HS-SCOPE', scope.node.path, 'is not inside a HubSpokeStack');
    return found as HubSpokeStack;
  }

  constructor(scope: Construct, id: string, props: HubSpokeStackProps = {}) {
    super(scope, id);
    Object.defineProperty(this, STACK_SYMBOL, { value: true });
    if (!STACK_ID.test(id)) {
      throw new ConstructError(
        'HS-PROP',
        this.node.path,
        `stack id ${JSON.stringify(id)} must be usable as a folder name (letters, digits, _ . -)`,
        'id',
      );
    }
    const problem = fileNameProblem(id);
    if (problem !== undefined)
      throw new ConstructError(
        'HS-PROP',
        this.node.path,
        `stack id "${id.length > 40 ? `${id.slice(0, 40)}...` : id}" ${problem}; it becomes the output folder name`,
        'id',
      );
    const p = parseProps(this.node.path, schema(), props);
    if (p.platform !== undefined) this.node.setContext(PLATFORM_CONTEXT, p.platform);
    if (p.allowLegacyCrypto !== undefined) this.node.setContext(LEGACY_CRYPTO_CONTEXT, p.allowLegacyCrypto);
  }

  /** The stack id (folder name). */
  get stackId(): string {
    return this.node.id;
  }
}
