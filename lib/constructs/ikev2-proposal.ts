/**
 * `crypto ikev2 proposal NAME` and `crypto ikev2 policy NAME`: the IKE_SA_INIT algorithms a router
 * offers and accepts, and which local addresses use them (docs/ios-semantics.md#ikev2-proposals).
 * A configured proposal is used only through a policy that names it (docs/ios-semantics.md#ikev2-smart-defaults).
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { Ikev2Policy as Ikev2PolicyIr, Ikev2Proposal as Ikev2ProposalIr } from '../ir/router-config.js';
import { ikev2ProposalFindings } from '../ir/algorithms.js';
import { DH_GROUPS, isDhGroup } from '../ir/ike-vocabulary.js';
import {
  IKEV2_ENCRYPTIONS,
  IKEV2_HASHES,
  isAeadEncryption,
  type Ikev2Encryption,
  type Ikev2Hash,
} from '../ir/ikev2-vocabulary.js';
import { legacyAlgorithms, warnAllowedLegacy, type ILegacyCryptoUser, type LegacyCryptoUse } from './crypto-checks.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { ikev2PlatformProblem } from './ikev2-support.js';
import { Router } from './router.js';
import { ipv4Address, parseProps, wordName } from './schemas.js';

/** Properties of an Ikev2Proposal. */
export interface Ikev2ProposalProps {
  /** The proposal's name. */
  readonly name: string;
  /** `encryption ...`: every algorithm the peer may pick. @default ['aes-cbc-256'] */
  readonly encryption?: readonly Ikev2Encryption[];
  /** `integrity ...`: none with AES-GCM only. @default ['sha256'] for CBC ciphers, [] for AES-GCM */
  readonly integrity?: readonly Ikev2Hash[];
  /** `prf ...`. @default - none printed (IOS derives the PRF from the integrity algorithms); ['sha384'] for AES-GCM */
  readonly prf?: readonly Ikev2Hash[];
  /** `group ...` Diffie-Hellman groups. @default [19] */
  readonly groups?: readonly number[];
  /** Allow DES, 3DES, MD5 or DH 1/2/5 in this proposal. @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
}

/** Strong defaults, as the IKEv1 policy's (AES-256, SHA-256, DH group 19). */
export const DEFAULT_IKEV2_PROPOSAL = {
  encryption: ['aes-cbc-256'],
  integrity: ['sha256'],
  groups: [19],
} as const satisfies Pick<Ikev2ProposalProps, 'encryption' | 'integrity' | 'groups'>;

const encryptionList = lazy(() =>
  zod()
    .array(zod().enum(IKEV2_ENCRYPTIONS, { message: `is not an IKEv2 encryption (${IKEV2_ENCRYPTIONS.join(', ')})` }))
    .min(1, { message: 'is empty (give at least one algorithm)' }),
);
const hashList = lazy(() =>
  zod().array(zod().enum(IKEV2_HASHES, { message: `is not an IKEv2 hash (${IKEV2_HASHES.join(', ')})` })),
);
const proposalSchema = lazy(() =>
  zod().object({
    name: wordName(),
    encryption: encryptionList().optional(),
    integrity: hashList().optional(),
    prf: hashList().optional(),
    groups: zod()
      .array(
        zod()
          .number()
          .refine(isDhGroup, { message: `is not a Diffie-Hellman group (${DH_GROUPS.join(', ')})` }),
      )
      .min(1, { message: 'is empty (give at least one group)' })
      .optional(),
    allowLegacyCrypto: zod().boolean().optional(),
  }),
);

/** The effective algorithms of a proposal. */
export interface Ikev2ProposalSettings {
  readonly encryption: readonly Ikev2Encryption[];
  readonly integrity: readonly Ikev2Hash[];
  readonly prf: readonly Ikev2Hash[];
  readonly groups: readonly number[];
}

/** An IKEv2 proposal. Create it inside a Router and name it in an `Ikev2Policy`. */
export class Ikev2Proposal extends Construct implements IRouterElement, ILegacyCryptoUser {
  /** The proposal's name. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof proposalSchema>>;

  constructor(scope: Construct, id: string, props: Ikev2ProposalProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, proposalSchema(), props);
    this.name = this.props.name;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The effective algorithms (props over the strong defaults). */
  get settings(): Ikev2ProposalSettings {
    const encryption = this.props.encryption ?? DEFAULT_IKEV2_PROPOSAL.encryption;
    const aead = encryption.every(isAeadEncryption);
    return {
      encryption,
      integrity: this.props.integrity ?? (aead ? [] : DEFAULT_IKEV2_PROPOSAL.integrity),
      prf: this.props.prf ?? (aead && this.props.integrity === undefined ? ['sha384'] : []),
      groups: this.props.groups ?? DEFAULT_IKEV2_PROPOSAL.groups,
    };
  }

  private check(router: Router): string[] {
    const s = this.settings;
    const errors: string[] = [];
    const platform = ikev2PlatformProblem(router, `IKEv2 proposal ${this.name}`);
    if (platform !== undefined) errors.push(platform);
    const aead = s.encryption.filter(isAeadEncryption);
    // RFC 7296 section 3.3: a combined-mode cipher takes no integrity algorithm, so one proposal
    // cannot hold both kinds; without integrity the PRF must be given.
    if (aead.length > 0 && aead.length < s.encryption.length)
      errors.push(`IKEv2 proposal ${this.name} mixes AES-GCM with CBC ciphers; use one proposal for each`);
    else if (aead.length > 0 && s.integrity.length > 0)
      errors.push(`IKEv2 proposal ${this.name} has integrity algorithms with AES-GCM, which takes none`);
    else if (aead.length === 0 && s.integrity.length === 0)
      errors.push(`IKEv2 proposal ${this.name} has no integrity algorithm (CBC ciphers need one)`);
    if (aead.length > 0 && s.prf.length === 0) errors.push(`IKEv2 proposal ${this.name} has AES-GCM but no prf`);
    warnAllowedLegacy(this, router, this.legacyCrypto());
    return errors;
  }

  /** The legacy algorithms of the effective settings (the Router refuses them, or they are warnings). */
  legacyCrypto(): LegacyCryptoUse {
    return {
      algorithms: legacyAlgorithms(ikev2ProposalFindings(this.settings)),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const s = this.settings;
    const ir: Ikev2ProposalIr = {
      name: this.name,
      encryption: [...s.encryption],
      integrity: [...s.integrity],
      prf: [...s.prf],
      groups: [...s.groups],
      extraLines: [],
      origin: this.node.path,
    };
    builder.ikev2Proposals.push(ir);
  }
}

/** Properties of an Ikev2Policy. */
export interface Ikev2PolicyProps {
  /** The policy's name. */
  readonly name: string;
  /** `proposal` lines (Ikev2Proposal constructs or names), in order. */
  readonly proposals: readonly (Ikev2Proposal | string)[];
  /** `match address local A` lines. @default [] (every local address) */
  readonly matchAddressLocal?: readonly string[];
}

const policySchema = lazy(() =>
  zod().object({
    name: wordName(),
    proposals: zod()
      .array(
        zod().union([
          zod()
            .instanceof(Ikev2Proposal)
            .transform((p) => p.name),
          wordName(),
        ]),
      )
      .min(1, { message: 'is empty (a policy needs at least one proposal)' }),
    matchAddressLocal: zod().array(ipv4Address()).optional(),
  }),
);

/** An IKEv2 policy. Create it inside a Router. */
export class Ikev2Policy extends Construct implements IRouterElement {
  /** The policy's name. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof policySchema>>;

  constructor(scope: Construct, id: string, props: Ikev2PolicyProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, policySchema(), props);
    this.name = this.props.name;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** The proposal names, in order. */
  get proposals(): readonly string[] {
    return this.props.proposals;
  }

  private check(router: Router): string[] {
    const defined = new Set(
      router.node.findAll().flatMap((c) => (c instanceof Ikev2Proposal && Router.tryOf(c) === router ? [c.name] : [])),
    );
    const errors = this.props.proposals
      .filter((p) => !defined.has(p))
      .map((p) => `IKEv2 policy ${this.name} names proposal ${p}, which this router does not define`);
    const platform = ikev2PlatformProblem(router, `IKEv2 policy ${this.name}`);
    if (platform !== undefined) errors.push(platform);
    return errors;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: Ikev2PolicyIr = {
      name: this.name,
      matchAddressLocal: [...(this.props.matchAddressLocal ?? [])],
      proposals: [...this.props.proposals],
      extraLines: [],
      origin: this.node.path,
    };
    builder.ikev2Policies.push(ir);
  }
}
