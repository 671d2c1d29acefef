/**
 * `crypto isakmp profile NAME`: which keyrings a peer's key comes from and which peer identities
 * select the profile (docs/ios-semantics.md#keyrings-and-isakmp-profiles). A crypto map entry names
 * it with `isakmpProfile` (`set isakmp-profile`).
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { parseCidr } from '../ir/ipv4.js';
import type { IsakmpProfile as IsakmpProfileIr } from '../ir/router-config.js';
import { deadPeerDetectionSchema } from './dead-peer-detection.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Keyring, keyringNames } from './keyring.js';
import { Router } from './router.js';
import { dnsName, freeText, parseProps, wordName } from './schemas.js';

/** Properties of an IsakmpProfile. */
export interface IsakmpProfileProps {
  /** The profile's name. */
  readonly name: string;
  /** `keyring` lines (Keyring constructs or names). @default [] (the global keys) */
  readonly keyrings?: readonly (Keyring | string)[];
  /**
   * `match identity address` lines: the peers' IKE addresses or subnets (`A.B.C.D` or `A.B.C.D/N`).
   * IOS deems a profile without one incomplete, so at least one is required by synth (add more
   * with `addMatchAddress`). @default []
   */
  readonly matchAddresses?: readonly string[];
  /**
   * `match identity host FQDN` lines: peers that identify themselves by FQDN (`crypto isakmp
   * identity hostname`), e.g. spokes with a DHCP address. Add more with `addMatchHost`. @default []
   */
  readonly matchHosts?: readonly string[];
  /** `self-identity`. @default - the global `crypto isakmp identity` (address) */
  readonly selfIdentity?: 'address' | 'fqdn';
  /** `keepalive S retry R`: DPD for the peers of this profile. @default - the global DPD */
  readonly keepalive?: { readonly seconds: number; readonly retry?: number };
  /** `description`. @default - none */
  readonly description?: string;
}

const matchAddress = lazy(() =>
  zod()
    .string()
    .refine((s) => parseCidr(s.includes('/') ? s : `${s}/32`) !== undefined, {
      message: 'is not an IPv4 address or prefix',
    }),
);
const MATCH_PROPS = lazy(() => zod().object({ address: matchAddress() }));
const HOST_PROPS = lazy(() => zod().object({ host: dnsName() }));
const schema = lazy(() =>
  zod().object({
    name: wordName(),
    keyrings: zod()
      .array(
        zod().union([
          zod()
            .instanceof(Keyring)
            .transform((k) => k.name),
          wordName(),
        ]),
      )
      .optional(),
    matchAddresses: zod().array(matchAddress()).optional(),
    matchHosts: zod().array(dnsName()).optional(),
    selfIdentity: zod().enum(['address', 'fqdn']).optional(),
    keepalive: deadPeerDetectionSchema().pick({ seconds: true, retry: true }).optional(),
    description: freeText(80).optional(),
  }),
);

/** An ISAKMP profile. Create it inside a Router. */
export class IsakmpProfile extends Construct implements IRouterElement {
  /** The profile's name. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof schema>>;
  private readonly matches: string[];
  private readonly hosts: string[];

  constructor(scope: Construct, id: string, props: IsakmpProfileProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.name = this.props.name;
    this.matches = [...(this.props.matchAddresses ?? [])];
    this.hosts = [...(this.props.matchHosts ?? [])];
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** Adds a `match identity address` line (`A.B.C.D` or `A.B.C.D/N`). */
  addMatchAddress(address: string): void {
    this.matches.push(parseProps(this.node.path, MATCH_PROPS(), { address }).address);
  }

  /** Adds a `match identity host FQDN` line. */
  addMatchHost(host: string): void {
    this.hosts.push(parseProps(this.node.path, HOST_PROPS(), { host }).host);
  }

  private check(router: Router): string[] {
    const defined = keyringNames(router);
    const errors = (this.props.keyrings ?? [])
      .filter((k) => !defined.has(k))
      .map((k) => `ISAKMP profile ${this.name} names keyring ${k}, which this router does not define`);
    if (this.matches.length === 0 && this.hosts.length === 0)
      errors.push(`ISAKMP profile ${this.name} has no match identity (IOS deems it incomplete and never selects it)`);
    return errors;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const p = this.props;
    const origin = this.node.path;
    const ir: IsakmpProfileIr = {
      name: this.name,
      ...(p.description !== undefined ? { description: p.description } : {}),
      keyrings: (p.keyrings ?? []).map((name) => ({ name, origin })),
      matchIdentities: [
        ...this.matches.map((m) => {
          const c = parseCidr(m.includes('/') ? m : `${m}/32`)!;
          return { kind: 'address' as const, address: c.ip, prefixLength: c.prefixLength, origin };
        }),
        ...this.hosts.map((hostname) => ({ kind: 'host' as const, hostname, origin })),
      ],
      ...(p.selfIdentity !== undefined ? { selfIdentity: { kind: p.selfIdentity } } : {}),
      ...(p.keepalive !== undefined ? { keepalive: { ...p.keepalive, origin } } : {}),
      trustpoints: [],
      extraLines: [],
      origin,
    };
    builder.isakmpProfiles.push(ir);
  }
}
