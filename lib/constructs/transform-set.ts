/** `crypto ipsec transform-set NAME t1 t2`: IPsec phase 2 algorithms. */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { TransformSet as TransformSetIr, TransformSetMode } from '../ir/router-config.js';
import { isKnownTransform, KNOWN_TRANSFORMS, platformCryptoSupport, transformSetFindings } from '../ir/algorithms.js';
import { legacyAlgorithms, warnAllowedLegacy, type ILegacyCryptoUser, type LegacyCryptoUse } from './crypto-checks.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { parseProps, wordName } from './schemas.js';

/** Properties of a TransformSet. */
export interface TransformSetProps {
  /** Name referenced by crypto map entries. */
  readonly name: string;
  /** Transforms as IOS spells them, e.g. `esp-aes 256`, `esp-sha256-hmac`. @default ['esp-aes 256', 'esp-sha256-hmac'] */
  readonly transforms?: readonly string[];
  /** @default 'tunnel' (not rendered) */
  readonly mode?: TransformSetMode;
  /** Allow legacy transforms (esp-des, esp-3des, esp-md5-hmac, ...). @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
}

/** Strong default transforms. */
export const DEFAULT_TRANSFORMS: readonly string[] = ['esp-aes 256', 'esp-sha256-hmac'];

const schema = lazy(() =>
  zod().object({
    name: wordName(),
    transforms: zod()
      .array(
        zod()
          .string()
          .refine(isKnownTransform, { message: `is not a known transform (${KNOWN_TRANSFORMS.join(', ')})` }),
      )
      .min(1, { message: 'must name at least one transform' })
      .max(4, { message: 'has more than the 4 transforms IOS accepts' })
      .optional(),
    mode: zod().enum(['tunnel', 'transport', 'transport require']).optional(),
    allowLegacyCrypto: zod().boolean().optional(),
  }),
);

/** A transform set. Create it inside a Router. */
export class TransformSet extends Construct implements IRouterElement, ILegacyCryptoUser {
  /** Name referenced by crypto map entries. */
  readonly name: string;
  /** Transforms, normalized to single spaces. */
  readonly transforms: readonly string[];
  private readonly props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: TransformSetProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.name = this.props.name;
    this.transforms = (this.props.transforms ?? DEFAULT_TRANSFORMS).map((t) =>
      t.trim().toLowerCase().replace(/\s+/g, ' '),
    );
    this.node.addValidation({ validate: () => this.check(router) });
  }

  private check(router: Router): string[] {
    const supported = platformCryptoSupport(router.platform).transforms;
    const errors = this.transforms
      .filter((t) => !supported.includes(t))
      .map(
        (t) =>
          `transform "${t}"${this.props.transforms ? '' : ' (the default)'} is not supported on ${router.platform}; set transforms explicitly`,
      );
    warnAllowedLegacy(this, router, this.legacyCrypto());
    return errors;
  }

  /** The legacy transforms (the Router refuses them, or they are warnings). */
  legacyCrypto(): LegacyCryptoUse {
    return {
      algorithms: legacyAlgorithms(transformSetFindings(this.transforms)),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: TransformSetIr = {
      name: this.name,
      transforms: [...this.transforms],
      ...(this.props.mode && this.props.mode !== 'tunnel' ? { mode: this.props.mode } : {}),
      origin: this.node.path,
    };
    builder.transformSets.push(ir);
  }
}
