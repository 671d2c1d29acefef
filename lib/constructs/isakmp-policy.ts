/** `crypto isakmp policy N`: IKE phase 1 parameters. */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type {
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  IsakmpPolicy as IsakmpPolicyIr,
} from '../ir/router-config.js';
import { isakmpPolicyFindings, platformCryptoSupport } from '../ir/algorithms.js';
import {
  DH_GROUPS,
  isDhGroup,
  ISAKMP_AUTHENTICATIONS,
  ISAKMP_ENCRYPTIONS,
  ISAKMP_HASHES,
  ISAKMP_LIFETIME_SECONDS,
  ISAKMP_POLICY_DEFAULTS,
} from '../ir/ike-vocabulary.js';
import {
  checkSupported,
  legacyAlgorithms,
  warnAllowedLegacy,
  type ILegacyCryptoUser,
  type LegacyCryptoUse,
} from './crypto-checks.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { omittedPolicyDefaults } from './platform.js';
import { Router } from './router.js';
import { parseProps, policyPriority } from './schemas.js';

/** Properties of an IsakmpPolicy. */
export interface IsakmpPolicyProps {
  /** Policy priority (1-10000; lower is tried first). @default 10 */
  readonly priority?: number;
  /** @default 'aes-256' */
  readonly encryption?: IsakmpEncryption;
  /** @default 'sha256' */
  readonly hash?: IsakmpHash;
  /** @default 'pre-share' */
  readonly authentication?: IsakmpAuthentication;
  /** Diffie-Hellman group. @default 19 */
  readonly group?: number;
  /** SA lifetime in seconds (60-86400). @default 86400 */
  readonly lifetime?: number;
  /** Allow DES, 3DES, MD5 or DH 1/2/5 in this policy. @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
}

/** Strong defaults for new stacks (Cisco Next Generation Encryption guidance). */
export const DEFAULT_ISAKMP_POLICY = {
  priority: 10,
  encryption: 'aes-256',
  hash: 'sha256',
  authentication: 'pre-share',
  group: 19,
  lifetime: ISAKMP_POLICY_DEFAULTS.lifetime,
} as const satisfies Required<Omit<IsakmpPolicyProps, 'allowLegacyCrypto'>>;

const LIFETIME_MESSAGE = `is not a lifetime (${ISAKMP_LIFETIME_SECONDS.min}-${ISAKMP_LIFETIME_SECONDS.max} s)`;

const schema = lazy(() =>
  zod().object({
    priority: policyPriority().optional(),
    encryption: zod()
      .enum(ISAKMP_ENCRYPTIONS, { message: `is not an ISAKMP encryption (${ISAKMP_ENCRYPTIONS.join(', ')})` })
      .optional(),
    hash: zod()
      .enum(ISAKMP_HASHES, { message: `is not an ISAKMP hash (${ISAKMP_HASHES.join(', ')})` })
      .optional(),
    authentication: zod()
      .enum(ISAKMP_AUTHENTICATIONS, { message: 'is not an ISAKMP authentication method' })
      .optional(),
    group: zod()
      .number()
      .refine(isDhGroup, { message: `is not a Diffie-Hellman group (${DH_GROUPS.join(', ')})` })
      .optional(),
    lifetime: zod()
      .number()
      .int()
      .min(ISAKMP_LIFETIME_SECONDS.min, { message: LIFETIME_MESSAGE })
      .max(ISAKMP_LIFETIME_SECONDS.max, { message: LIFETIME_MESSAGE })
      .optional(),
    allowLegacyCrypto: zod().boolean().optional(),
  }),
);

/** An ISAKMP policy. Create it inside a Router. */
export class IsakmpPolicy extends Construct implements IRouterElement, ILegacyCryptoUser {
  private props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: IsakmpPolicyProps = {}) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The effective parameters (props over the strong defaults). */
  get settings(): Required<Omit<IsakmpPolicyProps, 'allowLegacyCrypto'>> {
    return {
      priority: this.props.priority ?? DEFAULT_ISAKMP_POLICY.priority,
      encryption: this.props.encryption ?? DEFAULT_ISAKMP_POLICY.encryption,
      hash: this.props.hash ?? DEFAULT_ISAKMP_POLICY.hash,
      authentication: this.props.authentication ?? DEFAULT_ISAKMP_POLICY.authentication,
      group: this.props.group ?? DEFAULT_ISAKMP_POLICY.group,
      lifetime: this.props.lifetime ?? DEFAULT_ISAKMP_POLICY.lifetime,
    };
  }

  /** Changes parameters (escape hatch); the result is validated like the constructor's props. */
  update(changes: IsakmpPolicyProps): void {
    this.props = parseProps(this.node.path, schema(), { ...this.props, ...changes });
  }

  private check(router: Router): string[] {
    const s = this.settings;
    const support = platformCryptoSupport(router.platform);
    warnAllowedLegacy(this, router, this.legacyCrypto());
    return [
      ...checkSupported(
        router,
        'encryption',
        s.encryption,
        support.isakmpEncryption,
        this.props.encryption === undefined,
      ),
      ...checkSupported(router, 'hash', s.hash, support.isakmpHash, this.props.hash === undefined),
      ...checkSupported(router, 'group', s.group, support.dhGroups, this.props.group === undefined),
    ];
  }

  /** The legacy algorithms of the effective settings (the Router refuses them, or they are warnings). */
  legacyCrypto(): LegacyCryptoUse {
    return {
      algorithms: legacyAlgorithms(isakmpPolicyFindings(this.settings)),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const s = this.settings;
    // A running-config omits values equal to the platform default; so does the IR.
    const omit = omittedPolicyDefaults(Router.of(this).platform);
    const ir: IsakmpPolicyIr = {
      priority: s.priority,
      ...(s.encryption !== omit.encryption ? { encryption: s.encryption } : {}),
      ...(s.hash !== omit.hash ? { hash: s.hash } : {}),
      ...(s.authentication !== omit.authentication ? { authentication: s.authentication } : {}),
      ...(s.group !== omit.group ? { group: s.group } : {}),
      ...(s.lifetime !== omit.lifetime ? { lifetime: s.lifetime } : {}),
      origin: this.node.path,
    };
    builder.isakmpPolicies.push(ir);
  }
}
