/**
 * `crypto ipsec profile NAME`: the IPsec settings a tunnel interface's `tunnel protection ipsec
 * profile NAME` uses (docs/ios-semantics.md#tunnel-interfaces). The peer is the tunnel destination
 * and the traffic is what is routed into the tunnel, so a profile has no peer and no ACL.
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { IpsecProfile as IpsecProfileIr } from '../ir/router-config.js';
import { pfsFindings, platformCryptoSupport } from '../ir/algorithms.js';
import { Annotations } from './annotations.js';
import {
  checkSupported,
  legacyAlgorithms,
  warnAllowedLegacy,
  type ILegacyCryptoUser,
  type LegacyCryptoUse,
} from './crypto-checks.js';
import { DEFAULT_PFS_GROUP } from './crypto-map.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Ikev2Profile } from './ikev2-profile.js';
import { IsakmpProfile } from './isakmp-profile.js';
import { Router } from './router.js';
import { freeText, parseProps, pfsSetting, saLifetimeSeconds, wordName } from './schemas.js';
import { TransformSet } from './transform-set.js';

/** Properties of an IpsecProfile. */
export interface IpsecProfileProps {
  /** Name referenced by `tunnel protection ipsec profile`. */
  readonly name: string;
  /** `description` line. @default - none */
  readonly description?: string;
  /**
   * `set transform-set`: the transform sets (constructs or names) offered in this order. At least
   * one: hubspoke does not rely on a platform's default transform set.
   */
  readonly transformSets: readonly (TransformSet | string)[];
  /**
   * `set pfs groupN`, or `false` for no PFS. A group is always rendered (a bare `set pfs` means
   * group 1). @default 19
   */
  readonly pfs?: number | false;
  /** `set security-association lifetime seconds`. @default - IOS default 3600 s */
  readonly saLifetimeSeconds?: number;
  /** Allow a legacy PFS group (1, 2, 5). @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
  /**
   * `set ikev2-profile`: the tunnel negotiates IKEv2 with this IKEv2 profile (construct or name).
   * @default - none: IKEv1
   */
  readonly ikev2Profile?: Ikev2Profile | string;
  /** `set isakmp-profile`: the ISAKMP profile (construct or name) of IKEv1. @default - none */
  readonly isakmpProfile?: IsakmpProfile | string;
}

const schema = lazy(() =>
  zod().object({
    name: wordName(),
    description: freeText(200).optional(),
    transformSets: zod().array(wordName()).min(1, { message: 'must name at least one transform set' }),
    pfs: pfsSetting().optional(),
    saLifetimeSeconds: saLifetimeSeconds().optional(),
    allowLegacyCrypto: zod().boolean().optional(),
    ikev2Profile: zod()
      .union([
        zod()
          .instanceof(Ikev2Profile)
          .transform((p) => p.name),
        wordName(),
      ])
      .optional(),
    isakmpProfile: zod()
      .union([
        zod()
          .instanceof(IsakmpProfile)
          .transform((p) => p.name),
        wordName(),
      ])
      .optional(),
  }),
);

/** An IPsec profile. Create it inside a Router. */
export class IpsecProfile extends Construct implements IRouterElement, ILegacyCryptoUser {
  /** Name referenced by `tunnel protection ipsec profile`. */
  readonly name: string;
  /** Transform set names, in offer order. */
  readonly transformSets: readonly string[];
  /** PFS group, or false. */
  readonly pfs: number | false;
  private readonly props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: IpsecProfileProps) {
    super(scope, id);
    const router = Router.of(this);
    const names = (props.transformSets ?? []).map((s) => (s instanceof TransformSet ? s.name : s));
    this.props = parseProps(this.node.path, schema(), { ...props, transformSets: names });
    this.name = this.props.name;
    this.transformSets = this.props.transformSets;
    this.pfs = this.props.pfs ?? DEFAULT_PFS_GROUP;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The IKEv2 profile name (`set ikev2-profile`), if any. */
  get ikev2Profile(): string | undefined {
    return this.props.ikev2Profile;
  }

  private check(router: Router): string[] {
    const errors: string[] = [];
    const names = (is: (c: unknown) => c is { name: string }) =>
      new Set(router.node.findAll().flatMap((c) => (is(c) && Router.tryOf(c) === router ? [c.name] : [])));
    const defined = names((c): c is TransformSet => c instanceof TransformSet);
    for (const name of this.transformSets)
      if (!defined.has(name))
        errors.push(`IPsec profile ${this.name} names transform set ${name}, which this router does not define`);
    const { ikev2Profile: v2, isakmpProfile: v1 } = this.props;
    if (v2 !== undefined && !names((c): c is Ikev2Profile => c instanceof Ikev2Profile).has(v2))
      errors.push(`IPsec profile ${this.name} names IKEv2 profile ${v2}, which this router does not define`);
    if (v1 !== undefined && !names((c): c is IsakmpProfile => c instanceof IsakmpProfile).has(v1))
      errors.push(`IPsec profile ${this.name} names ISAKMP profile ${v1}, which this router does not define`);
    if (v1 !== undefined && v2 !== undefined)
      errors.push(`IPsec profile ${this.name} names both an ISAKMP and an IKEv2 profile; choose one IKE version`);
    if (this.pfs === false) {
      Annotations.of(this).addWarningV2(
        'PFS_OFF',
        `IPsec profile ${this.name} has PFS off; new networks should use pfs: ${DEFAULT_PFS_GROUP}`,
      );
      return errors;
    }
    const supported = platformCryptoSupport(router.platform).dhGroups;
    for (const e of checkSupported(router, 'pfs', this.pfs, supported, this.props.pfs === undefined)) errors.push(e);
    warnAllowedLegacy(this, router, this.legacyCrypto());
    return errors;
  }

  /** The legacy PFS group, if any (the Router refuses it, or it is a warning). */
  legacyCrypto(): LegacyCryptoUse {
    return {
      algorithms: this.pfs === false ? [] : legacyAlgorithms(pfsFindings({ group: this.pfs })),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: IpsecProfileIr = {
      name: this.name,
      ...(this.props.description !== undefined ? { description: this.props.description } : {}),
      transformSets: [...this.transformSets],
      ...(this.pfs !== false ? { pfs: { group: this.pfs } } : {}),
      ...(this.props.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: this.props.saLifetimeSeconds } : {}),
      ...(this.props.isakmpProfile !== undefined ? { isakmpProfile: this.props.isakmpProfile } : {}),
      ...(this.props.ikev2Profile !== undefined ? { ikev2Profile: this.props.ikev2Profile } : {}),
      extraLines: [],
      origin: this.node.path,
    };
    builder.ipsecProfiles.push(ir);
  }
}
