/**
 * `crypto ikev2 profile NAME`: which peer identities select it on the responder, the identity and
 * authentication methods of each side, the keyring, DPD and the IKE SA lifetime
 * (docs/ios-semantics.md#ikev2-authentication). A crypto map entry names it with `ikev2Profile`
 * (`set ikev2-profile`), which makes the entry initiate IKEv2 (docs/ios-semantics.md#ikev2).
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { IKEV2_DPD, IKEV2_LIFETIME } from '../ir/ikev2-vocabulary.js';
import type {
  Ikev2AuthMethod,
  Ikev2Identity,
  Ikev2IdentityMatch,
  Ikev2Profile as Ikev2ProfileIr,
} from '../ir/router-config.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { addressOrPrefix, Ikev2Keyring, ikev2IdentitySchema, type Ikev2IdentityProps } from './ikev2-keyring.js';
import { ikev2PlatformProblem } from './ikev2-support.js';
import { Router } from './router.js';
import { dnsName, freeText, ipv4Address, parseProps, wordName } from './schemas.js';

/** One `match identity remote ...` line: exactly one of the fields. */
export interface Ikev2IdentityMatchProps {
  /** `address A MASK`: an address or prefix (`A.B.C.D` or `A.B.C.D/N`). */
  readonly address?: string;
  /** `fqdn [domain] F`. */
  readonly fqdn?: string;
  /** `email [domain] E`. */
  readonly email?: string;
  /** `key-id K`. */
  readonly keyId?: string;
  /** With fqdn or email: match the domain (a suffix) rather than the whole value. @default false */
  readonly domain?: boolean;
}

/** IKEv2 dead peer detection in a profile: `dpd INTERVAL RETRY on-demand|periodic`. */
export interface Ikev2DpdProps {
  /** Seconds between DPD messages (10-3600). */
  readonly interval: number;
  /** Seconds between retries (2-60). */
  readonly retry: number;
  /** @default 'periodic' */
  readonly mode?: 'periodic' | 'on-demand';
}

/** Properties of an Ikev2Profile. */
export interface Ikev2ProfileProps {
  /** The profile's name. */
  readonly name: string;
  /** `description`. @default - none */
  readonly description?: string;
  /** `match identity remote ...` lines; add more with `addMatchIdentity`. At least one is required by synth. @default [] */
  readonly matchIdentities?: readonly Ikev2IdentityMatchProps[];
  /** `match address local A` lines. @default [] (any local address) */
  readonly matchAddressLocal?: readonly string[];
  /** `identity local ...`. @default - the local IKE address */
  readonly identityLocal?: Ikev2IdentityProps;
  /** `authentication local`. @default 'pre-share' */
  readonly authenticationLocal?: Ikev2AuthMethod;
  /** `authentication remote` lines. @default ['pre-share'] */
  readonly authenticationRemote?: readonly Ikev2AuthMethod[];
  /** `keyring local` (an Ikev2Keyring or its name). @default - none (required with pre-share) */
  readonly keyring?: Ikev2Keyring | string;
  /** `dpd`. @default - none */
  readonly dpd?: Ikev2DpdProps;
  /** `lifetime S` of the IKE SA (120-86400). @default - IOS default 86400 */
  readonly lifetime?: number;
}

const AUTH_METHODS = ['pre-share', 'rsa-sig', 'ecdsa-sig', 'eap'] as const;
const authMethod = lazy(() =>
  zod().enum(AUTH_METHODS, { message: `is not an IKEv2 authentication method (${AUTH_METHODS.join(', ')})` }),
);
const rangeMessage = (what: string, r: { min: number; max: number }) => `is not a ${what} (${r.min}-${r.max} s)`;

const matchSchema = lazy(() =>
  zod()
    .object({
      address: addressOrPrefix().optional(),
      fqdn: dnsName().optional(),
      email: zod()
        .string()
        .regex(/^[^\s?]+$/, { message: 'is not an e-mail address or domain' })
        .optional(),
      keyId: wordName().optional(),
      domain: zod().boolean().optional(),
    })
    .strict()
    .refine((o) => [o.address, o.fqdn, o.email, o.keyId].filter((v) => v !== undefined).length === 1, {
      message: 'needs exactly one of address, fqdn, email, keyId',
    })
    .refine((o) => !o.domain || o.fqdn !== undefined || o.email !== undefined, {
      message: 'domain applies to fqdn or email only',
    }),
);
const MATCH_PROPS = lazy(() => zod().object({ match: matchSchema() }));
const IDENTITY_PROPS = lazy(() => zod().object({ identityLocal: ikev2IdentitySchema() }));

const schema = lazy(() =>
  zod().object({
    name: wordName(),
    description: freeText(80).optional(),
    matchIdentities: zod().array(matchSchema()).optional(),
    matchAddressLocal: zod().array(ipv4Address()).optional(),
    identityLocal: ikev2IdentitySchema().optional(),
    authenticationLocal: authMethod().optional(),
    authenticationRemote: zod()
      .array(authMethod())
      .min(1, { message: 'is empty (give at least one method)' })
      .optional(),
    keyring: zod()
      .union([
        zod()
          .instanceof(Ikev2Keyring)
          .transform((k) => k.name),
        wordName(),
      ])
      .optional(),
    dpd: zod()
      .object({
        interval: zod()
          .number()
          .int()
          .min(IKEV2_DPD.interval.min, { message: rangeMessage('DPD interval', IKEV2_DPD.interval) })
          .max(IKEV2_DPD.interval.max, { message: rangeMessage('DPD interval', IKEV2_DPD.interval) }),
        retry: zod()
          .number()
          .int()
          .min(IKEV2_DPD.retry.min, { message: rangeMessage('DPD retry interval', IKEV2_DPD.retry) })
          .max(IKEV2_DPD.retry.max, { message: rangeMessage('DPD retry interval', IKEV2_DPD.retry) }),
        mode: zod().enum(['periodic', 'on-demand']).optional(),
      })
      .strict()
      .optional(),
    lifetime: zod()
      .number()
      .int()
      .min(IKEV2_LIFETIME.min, { message: rangeMessage('lifetime', IKEV2_LIFETIME) })
      .max(IKEV2_LIFETIME.max, { message: rangeMessage('lifetime', IKEV2_LIFETIME) })
      .optional(),
  }),
);

type MatchInput = z.infer<ReturnType<typeof matchSchema>>;

/** An IKEv2 profile. Create it inside a Router. */
export class Ikev2Profile extends Construct implements IRouterElement {
  /** The profile's name. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof schema>>;
  private readonly matches: MatchInput[];
  private identity: Ikev2Identity | undefined;

  constructor(scope: Construct, id: string, props: Ikev2ProfileProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.name = this.props.name;
    this.matches = [...(this.props.matchIdentities ?? [])];
    this.identity = this.props.identityLocal;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The keyring name (`keyring local`), if any. */
  get keyring(): string | undefined {
    return this.props.keyring;
  }

  /** Adds a `match identity remote` line. */
  addMatchIdentity(match: Ikev2IdentityMatchProps): void {
    this.matches.push(parseProps(this.node.path, MATCH_PROPS(), { match }).match);
  }

  /** Sets `identity local` (escape hatch; the Spoke pattern sends its FQDN from a dynamic WAN). */
  setIdentityLocal(identity: Ikev2IdentityProps): void {
    this.identity = parseProps(this.node.path, IDENTITY_PROPS(), { identityLocal: identity }).identityLocal;
  }

  /** Adds a `match identity remote address A 255.255.255.255` line (`A` or `A/N`). */
  addMatchAddress(address: string): void {
    this.addMatchIdentity({ address });
  }

  private check(router: Router): string[] {
    const errors: string[] = [];
    const platform = ikev2PlatformProblem(router, `IKEv2 profile ${this.name}`);
    if (platform !== undefined) errors.push(platform);
    // docs/ios-semantics.md#ikev2-authentication: the responder selects a profile by identity only.
    if (this.matches.length === 0)
      errors.push(`IKEv2 profile ${this.name} has no match identity remote; no responder would select it`);
    const ring = this.props.keyring;
    if (ring !== undefined) {
      const defined = router.node
        .findAll()
        .some((c) => c instanceof Ikev2Keyring && c.name === ring && Router.tryOf(c) === router);
      if (!defined) errors.push(`IKEv2 profile ${this.name} names keyring ${ring}, which this router does not define`);
    } else if (this.methods().includes('pre-share'))
      errors.push(`IKEv2 profile ${this.name} authenticates with pre-share but has no keyring (set keyring)`);
    return errors;
  }

  private methods(): Ikev2AuthMethod[] {
    return [this.props.authenticationLocal ?? 'pre-share', ...(this.props.authenticationRemote ?? ['pre-share'])];
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const p = this.props;
    const origin = this.node.path;
    const ir: Ikev2ProfileIr = {
      name: this.name,
      ...(p.description !== undefined ? { description: p.description } : {}),
      matchIdentities: this.matches.map((m) => matchIr(m, origin)),
      matchAddressLocal: [...(p.matchAddressLocal ?? [])],
      ...(this.identity !== undefined ? { identityLocal: this.identity } : {}),
      authenticationLocal: p.authenticationLocal ?? 'pre-share',
      authenticationRemote: [...(p.authenticationRemote ?? ['pre-share'])],
      ...(p.keyring !== undefined ? { keyringLocal: p.keyring } : {}),
      pkiTrustpoints: [],
      ...(p.dpd !== undefined
        ? { dpd: { interval: p.dpd.interval, retry: p.dpd.retry, mode: p.dpd.mode ?? 'periodic' } }
        : {}),
      ...(p.lifetime !== undefined ? { lifetime: p.lifetime } : {}),
      extraLines: [],
      origin,
    };
    builder.ikev2Profiles.push(ir);
  }
}

function matchIr(m: MatchInput, origin: string): Ikev2IdentityMatch {
  if (m.address !== undefined) return { kind: 'address', ...m.address, origin };
  if (m.fqdn !== undefined) return { kind: 'fqdn', value: m.fqdn, domain: m.domain ?? false, origin };
  if (m.email !== undefined) return { kind: 'email', value: m.email, domain: m.domain ?? false, origin };
  return { kind: 'key-id', value: m.keyId!, origin };
}
