/**
 * `crypto dynamic-map NAME SEQ`: a template of crypto map entries that a responder fills with the
 * initiator's address and proxy identities, for peers whose address is not known in advance (DHCP
 * or PPPoE branches). A dynamic map protects nothing until a crypto map binds it with
 * `crypto map M SEQ ipsec-isakmp dynamic NAME` (`CryptoMap.bindDynamicMap`), and its entries only
 * ever respond: they never initiate (docs/ios-semantics.md#dynamic-crypto-maps).
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type {
  DynamicCryptoMap as DynamicCryptoMapIr,
  DynamicMapEntry as DynamicMapEntryIr,
} from '../ir/router-config.js';
import { pfsFindings, platformCryptoSupport } from '../ir/algorithms.js';
import { appendAll } from '../ir/collections.js';
import { AccessList } from './access-list.js';
import { Annotations } from './annotations.js';
import {
  checkSupported,
  legacyAlgorithms,
  warnAllowedLegacy,
  type ILegacyCryptoUser,
  type LegacyCryptoUse,
} from './crypto-checks.js';
import { invalidProperty } from './errors.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Ikev2Profile } from './ikev2-profile.js';
import { IsakmpProfile } from './isakmp-profile.js';
import { Router } from './router.js';
import {
  freeText,
  pfsSetting,
  saLifetimeSeconds,
  ipv4Address,
  parseProps,
  sequenceNumber,
  wordName,
} from './schemas.js';
import { TransformSet } from './transform-set.js';

/** Properties of a DynamicMapEntry. */
export interface DynamicMapEntryProps {
  /** Sequence number (1-65535) inside the dynamic map; entries are tried in ascending order. */
  readonly seq: number;
  /** `set transform-set` names (TransformSet constructs or names), in preference order. Required. */
  readonly transformSets: readonly (TransformSet | string)[];
  /**
   * `match address`: the ACL the initiator's proxy identities must lie inside (its mirror is what
   * the initiators protect). @default - none: any proxy identity is accepted (not recommended)
   */
  readonly matchAddress?: AccessList | string;
  /** `set peer` addresses: only these peers are accepted. @default [] (any peer) */
  readonly peers?: readonly string[];
  /**
   * `reverse-route`: while an SA of the entry exists, a static route to the initiator's proxy
   * (its LAN) via the peer is installed, so the router routes to whichever peer is up. `static`
   * keeps the route while the entry is configured, whatever the SAs. @default - no reverse route
   */
  readonly reverseRoute?: boolean | 'static';
  /** `set pfs groupN`, or `false` for no PFS (then any PFS offer is accepted). @default 19 */
  readonly pfs?: number | false;
  /** `set security-association lifetime seconds`. @default - IOS default 3600 s */
  readonly saLifetimeSeconds?: number;
  /** `set isakmp-profile`: the IKE SA of an accepted proposal must be bound to this profile. @default - none */
  readonly isakmpProfile?: IsakmpProfile | string;
  /**
   * `set ikev2-profile`: the entry answers IKEv2 peers whose identity selects this IKEv2 profile
   * (construct or name), docs/ios-semantics.md#ikev2-dynamic-crypto-maps. @default - none: IKEv1
   */
  readonly ikev2Profile?: Ikev2Profile | string;
  /** `description`. @default - none */
  readonly description?: string;
  /** Allow a legacy PFS group (1, 2, 5). @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
}

const nameOf = <T extends { name: string }>(cls: new (...args: never[]) => T) =>
  zod().union([
    zod()
      .instanceof(cls)
      .transform((x) => x.name),
    wordName(),
  ]);

const entrySchema = lazy(() =>
  zod()
    .object({
      seq: sequenceNumber(),
      transformSets: zod()
        .array(nameOf(TransformSet))
        .min(1, { message: 'needs at least one transform set (IOS requires set transform-set)' }),
      matchAddress: zod()
        .union([nameOf(AccessList), zod().number().int().transform(String)])
        .optional(),
      peers: zod().array(ipv4Address()).optional(),
      reverseRoute: zod()
        .union([zod().boolean(), zod().literal('static')])
        .optional(),
      pfs: pfsSetting().optional(),
      saLifetimeSeconds: saLifetimeSeconds().optional(),
      isakmpProfile: nameOf(IsakmpProfile).optional(),
      ikev2Profile: nameOf(Ikev2Profile).optional(),
      description: freeText(80).optional(),
      allowLegacyCrypto: zod().boolean().optional(),
    })
    .strict(),
);

/** Default PFS group of dynamic map entries, as for crypto map entries. */
const DEFAULT_PFS_GROUP = 19;
const MAP_PROPS = lazy(() => zod().object({ name: wordName() }));

/** One entry of a dynamic crypto map. Create it with `DynamicCryptoMap.addEntry`. */
export class DynamicMapEntry extends Construct implements ILegacyCryptoUser {
  /** Sequence number inside the dynamic map. */
  readonly seq: number;
  private readonly props: z.infer<ReturnType<typeof entrySchema>>;

  constructor(scope: DynamicCryptoMap, id: string, props: DynamicMapEntryProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, entrySchema(), props);
    this.seq = this.props.seq;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** `match address` ACL name, if set. */
  get matchAddress(): string | undefined {
    return this.props.matchAddress;
  }

  /** `set transform-set` names. */
  get transformSets(): readonly string[] {
    return this.props.transformSets;
  }

  /** `set isakmp-profile` name, if set. */
  get isakmpProfile(): string | undefined {
    return this.props.isakmpProfile;
  }

  /** `set ikev2-profile` name, if set. */
  get ikev2Profile(): string | undefined {
    return this.props.ikev2Profile;
  }

  private get pfs(): number | false {
    return this.props.pfs ?? DEFAULT_PFS_GROUP;
  }

  private check(router: Router): string[] {
    const errors: string[] = [];
    if (this.props.ikev2Profile !== undefined && this.props.isakmpProfile !== undefined)
      errors.push(`dynamic map entry ${this.seq} names both an ISAKMP and an IKEv2 profile; choose one IKE version`);
    if (this.props.matchAddress === undefined) {
      Annotations.of(this).addWarning(
        `dynamic map entry ${this.seq} has no match address: any initiator may protect any traffic through this router`,
      );
    }
    const pfs = this.pfs;
    if (pfs === false) {
      Annotations.of(this).addWarningV2(
        'PFS_OFF',
        `dynamic map entry ${this.seq} has PFS off; new networks should use pfs: ${DEFAULT_PFS_GROUP}`,
      );
      return errors;
    }
    appendAll(
      errors,
      checkSupported(router, 'pfs', pfs, platformCryptoSupport(router.platform).dhGroups, this.props.pfs === undefined),
    );
    warnAllowedLegacy(this, router, this.legacyCrypto());
    return errors;
  }

  /** The legacy PFS group, if any. */
  legacyCrypto(): LegacyCryptoUse {
    const pfs = this.pfs;
    return {
      algorithms: pfs === false ? [] : legacyAlgorithms(pfsFindings({ group: pfs })),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** The entry's IR. */
  toIr(): DynamicMapEntryIr {
    const p = this.props;
    const pfs = this.pfs;
    return {
      seq: this.seq,
      ...(p.description !== undefined ? { description: p.description } : {}),
      peers: [...(p.peers ?? [])],
      transformSets: [...p.transformSets],
      ...(p.matchAddress !== undefined ? { matchAddress: p.matchAddress } : {}),
      ...(p.reverseRoute === 'static'
        ? { reverseRoute: { static: true } }
        : p.reverseRoute === true
          ? { reverseRoute: {} }
          : {}),
      ...(pfs !== false ? { pfs: { group: pfs } } : {}),
      ...(p.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: p.saLifetimeSeconds } : {}),
      ...(p.isakmpProfile !== undefined ? { isakmpProfile: p.isakmpProfile } : {}),
      ...(p.ikev2Profile !== undefined ? { ikev2Profile: p.ikev2Profile } : {}),
      extraLines: [],
      origin: this.node.path,
    };
  }
}

/** Properties of a DynamicCryptoMap. */
export interface DynamicCryptoMapProps {
  /** The dynamic map's name (`crypto dynamic-map NAME SEQ`). */
  readonly name: string;
}

/**
 * The construct id of a new map entry (static or dynamic map): `id`, else `Entry<seq>`, with `-2`,
 * `-3`... when taken; refuses props that are not an object, naming the map.
 */
export function entryChildId(map: Construct, props: { readonly seq: number }, id: string | undefined): string {
  if (props === null || typeof props !== 'object')
    throw invalidProperty(map.node.path, 'entry', undefined, 'is not an object');
  const base = id ?? `Entry${props.seq}`;
  let childId = base;
  for (let n = 2; map.node.tryFindChild(childId); n++) childId = `${base}-${n}`;
  return childId;
}

/** A dynamic crypto map. Create it inside a Router, add entries with `addEntry`, bind it with `CryptoMap.bindDynamicMap`. */
export class DynamicCryptoMap extends Construct implements IRouterElement {
  /** The dynamic map's name. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: DynamicCryptoMapProps) {
    super(scope, id);
    Router.of(this);
    this.name = parseProps(this.node.path, MAP_PROPS(), props).name;
    this.node.addValidation({ validate: () => this.check() });
  }

  /** Adds an entry. `id` defaults to `Entry<seq>`. */
  addEntry(props: DynamicMapEntryProps, id?: string): DynamicMapEntry {
    const childId = entryChildId(this, props, id);
    return new DynamicMapEntry(this, childId, props);
  }

  /** The entries, in creation order. */
  get entries(): DynamicMapEntry[] {
    return this.node.children.filter((c): c is DynamicMapEntry => c instanceof DynamicMapEntry);
  }

  private check(): string[] {
    const errors: string[] = [];
    if (this.entries.length === 0) errors.push(`dynamic map ${this.name} has no entry`);
    const acls = new Set<string>();
    const sets = new Set<string>();
    const profiles = new Set<string>();
    const ikev2Profiles = new Set<string>();
    for (const c of Router.of(this).node.findAll()) {
      if (c instanceof AccessList) acls.add(c.name);
      else if (c instanceof TransformSet) sets.add(c.name);
      else if (c instanceof IsakmpProfile) profiles.add(c.name);
      else if (c instanceof Ikev2Profile) ikev2Profiles.add(c.name);
    }
    const seen = new Set<number>();
    for (const e of this.entries) {
      const where = `dynamic map ${this.name} entry ${e.seq}`;
      if (seen.has(e.seq)) errors.push(`dynamic map ${this.name} has two entries with sequence number ${e.seq}`);
      seen.add(e.seq);
      if (e.matchAddress !== undefined && !acls.has(e.matchAddress))
        errors.push(`${where} matches access list ${e.matchAddress}, which this router does not define`);
      for (const t of e.transformSets)
        if (!sets.has(t)) errors.push(`${where} names transform set ${t}, which this router does not define`);
      if (e.isakmpProfile !== undefined && !profiles.has(e.isakmpProfile))
        errors.push(`${where} names ISAKMP profile ${e.isakmpProfile}, which this router does not define`);
      if (e.ikev2Profile !== undefined && !ikev2Profiles.has(e.ikev2Profile))
        errors.push(`${where} names IKEv2 profile ${e.ikev2Profile}, which this router does not define`);
    }
    return errors;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: DynamicCryptoMapIr = {
      name: this.name,
      entries: this.entries.map((e) => e.toIr()).sort((a, b) => a.seq - b.seq),
      origin: this.node.path,
    };
    builder.dynamicMaps.push(ir);
  }
}
