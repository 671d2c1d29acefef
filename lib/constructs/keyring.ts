/**
 * `crypto keyring NAME`: a named set of pre-shared keys that ISAKMP profiles select
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles). Its keys are `IsakmpKey` constructs created
 * with `keyring` set (`pre-shared-key address A key K` lines), so every key, global or in a
 * keyring, is resolved, placeheld and fingerprinted the same way.
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { Keyring as KeyringIr } from '../ir/router-config.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { freeText, ipv4Address, parseProps, wordName } from './schemas.js';

/** Properties of a Keyring. */
export interface KeyringProps {
  /** The keyring's name. */
  readonly name: string;
  /** `description`. @default - none */
  readonly description?: string;
  /** `local-address A`: serve only IKE on this local address. @default - every local address */
  readonly localAddress?: string;
}

const schema = lazy(() =>
  zod().object({ name: wordName(), description: freeText(80).optional(), localAddress: ipv4Address().optional() }),
);

/** Keyring names per router, registered as keyrings are created (a hub checks thousands of keys against them). */
const namesByRouter = new WeakMap<Router, Set<string>>();

/** The names of the keyrings created in a router. */
export function keyringNames(router: Router): ReadonlySet<string> {
  return namesByRouter.get(router) ?? new Set();
}

/** A keyring. Create it inside a Router; put keys in it with `new IsakmpKey(router, id, { keyring, ... })`. */
export class Keyring extends Construct implements IRouterElement {
  /** The keyring's name. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: KeyringProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.name = this.props.name;
    let names = namesByRouter.get(router);
    if (!names) namesByRouter.set(router, (names = new Set()));
    names.add(this.name);
  }

  /** Adds this element to the router's IR; its keys are added by their `IsakmpKey` constructs. */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: KeyringIr = {
      name: this.name,
      ...(this.props.description !== undefined ? { description: this.props.description } : {}),
      ...(this.props.localAddress !== undefined
        ? { localAddress: { kind: 'address', address: this.props.localAddress } }
        : {}),
      keys: [],
      extraLines: [],
      origin: this.node.path,
    };
    builder.keyrings.push(ir);
  }
}
