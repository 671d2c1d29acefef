/**
 * `crypto map NAME SEQ ipsec-isakmp` entries, grouped in one map per name. IOS allows one crypto
 * map per interface, so every peer of an interface is an entry (sequence number) of one map.
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { CryptoMap as CryptoMapIr, CryptoMapEntry as CryptoMapEntryIr } from '../ir/router-config.js';
import { pfsFindings, platformCryptoSupport } from '../ir/algorithms.js';
import { IPSEC_SA_LIFETIME_RANGES } from '../ir/ike-vocabulary.js';
import { AccessList } from './access-list.js';
import { DynamicCryptoMap, entryChildId } from './dynamic-crypto-map.js';
import { IsakmpProfile } from './isakmp-profile.js';
import { Ikev2Profile } from './ikev2-profile.js';
import { Annotations } from './annotations.js';
import {
  checkSupported,
  legacyAlgorithms,
  warnAllowedLegacy,
  type ILegacyCryptoUser,
  type LegacyCryptoUse,
} from './crypto-checks.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import {
  freeText,
  pfsSetting,
  saLifetimeSeconds,
  interfaceName,
  ipv4Address,
  parseProps,
  sequenceNumber,
  wordName,
} from './schemas.js';
import { TransformSet } from './transform-set.js';
import { appendAll } from '../ir/collections.js';

/** Properties of a CryptoMapEntry. */
export interface CryptoMapEntryProps {
  /** Sequence number (1-65535); entries are tried in ascending order. */
  readonly seq: number;
  /** `set peer` addresses, an ordered failover list. @default [] (must be set before synth) */
  readonly peers?: readonly string[];
  /** `set transform-set` names, in offer order. @default [] (must be set before synth) */
  readonly transformSets?: readonly string[];
  /** `match address` ACL name or number. @default - none (must be set before synth) */
  readonly matchAddress?: string;
  /**
   * `set pfs groupN`: the DH group, or `false` for no PFS. A group is always rendered, because a
   * bare `set pfs` means group 1 and rejects group 14/19/20 offers.
   * @default 19
   */
  readonly pfs?: number | false;
  /** `set security-association lifetime seconds`. @default - IOS default 3600 s */
  readonly saLifetimeSeconds?: number;
  /** `set security-association lifetime kilobytes`. @default - IOS default 4608000 KB */
  readonly saLifetimeKilobytes?: number;
  /** `description`. @default - none */
  readonly description?: string;
  /** Allow a legacy PFS group (1, 2, 5). @default - the router's setting */
  readonly allowLegacyCrypto?: boolean;
  /**
   * `set isakmp-profile`: the ISAKMP profile (construct or name) the entry initiates with and that
   * the IKE SA of a proposal it accepts must be bound to. @default - none
   */
  readonly isakmpProfile?: IsakmpProfile | string;
  /**
   * `set ikev2-profile`: the entry initiates IKEv2 with this IKEv2 profile (construct or name)
   * instead of IKEv1 (docs/ios-semantics.md#ikev2). @default - none: IKEv1
   */
  readonly ikev2Profile?: Ikev2Profile | string;
}

/** Default PFS group: ECP-256 (group 19), preferred by current guidance. */
export const DEFAULT_PFS_GROUP = 19;

const SA_KILOBYTES = IPSEC_SA_LIFETIME_RANGES.kilobytes;

const entrySchema = lazy(() =>
  zod().object({
    seq: sequenceNumber(),
    peers: zod().array(ipv4Address()).optional(),
    transformSets: zod().array(wordName()).optional(),
    matchAddress: zod()
      .union([wordName(), zod().number().int().transform(String)])
      .optional(),
    pfs: pfsSetting().optional(),
    saLifetimeSeconds: saLifetimeSeconds().optional(),
    saLifetimeKilobytes: zod()
      .number()
      .int()
      .min(SA_KILOBYTES.min, { message: `is not an SA lifetime (${SA_KILOBYTES.min}-${SA_KILOBYTES.max} KB)` })
      .max(SA_KILOBYTES.max)
      .optional(),
    description: freeText(80).optional(),
    allowLegacyCrypto: zod().boolean().optional(),
    isakmpProfile: zod()
      .union([
        zod()
          .instanceof(IsakmpProfile)
          .transform((p) => p.name),
        wordName(),
      ])
      .optional(),
    ikev2Profile: zod()
      .union([
        zod()
          .instanceof(Ikev2Profile)
          .transform((p) => p.name),
        wordName(),
      ])
      .optional(),
  }),
);

// Built once: zod compiles each object schema on first use, which is costly per call.
const PEER_PROPS = lazy(() => zod().object({ peer: ipv4Address() }));
const MATCH_PROPS = lazy(() => zod().object({ matchAddress: wordName() }));
const TRANSFORM_SETS_PROPS = lazy(() => zod().object({ transformSets: zod().array(wordName()) }));
const PFS_PROPS = lazy(() => entrySchema().pick({ pfs: true }));
const MAP_PROPS = lazy(() => zod().object({ name: wordName(), localAddress: interfaceName().optional() }));
const BINDING_PROPS = lazy(() =>
  zod().object({
    seq: sequenceNumber(),
    dynamicMap: zod().union([
      zod()
        .instanceof(DynamicCryptoMap)
        .transform((m) => m.name),
      wordName(),
    ]),
  }),
);

/**
 * `crypto map M SEQ ipsec-isakmp dynamic D`: the crypto map entry that lets the dynamic map D answer
 * peers no static entry knows (docs/ios-semantics.md#dynamic-crypto-maps). Create it with
 * `CryptoMap.bindDynamicMap`; give it the highest sequence number, so static entries go first.
 */
export class DynamicMapBinding extends Construct {
  /** Sequence number in the crypto map. */
  readonly seq: number;
  /** The dynamic map's name. */
  readonly dynamicMap: string;

  constructor(scope: CryptoMap, id: string, seq: number, dynamicMap: DynamicCryptoMap | string) {
    super(scope, id);
    const p = parseProps(this.node.path, BINDING_PROPS(), { seq, dynamicMap });
    this.seq = p.seq;
    this.dynamicMap = p.dynamicMap;
  }

  /** The binding's IR: a crypto map entry of type `dynamic`. */
  toIr(): CryptoMapEntryIr {
    return {
      seq: this.seq,
      type: 'dynamic',
      dynamicMap: this.dynamicMap,
      peers: [],
      transformSets: [],
      extraLines: [],
      origin: this.node.path,
    };
  }
}

/** One entry of a crypto map. Create it with `CryptoMap.addEntry`. */
export class CryptoMapEntry extends Construct implements ILegacyCryptoUser {
  /** Sequence number. */
  readonly seq: number;
  private readonly peerList: string[];
  private transformSetNames: string[];
  private acl?: string;
  private pfs: number | false;
  private readonly props: z.infer<ReturnType<typeof entrySchema>>;

  constructor(scope: CryptoMap, id: string, props: CryptoMapEntryProps) {
    super(scope, id);
    const router = Router.of(this);
    this.props = parseProps(this.node.path, entrySchema(), props);
    this.seq = this.props.seq;
    this.peerList = [...(this.props.peers ?? [])];
    this.transformSetNames = [...(this.props.transformSets ?? [])];
    if (this.props.matchAddress !== undefined) this.acl = this.props.matchAddress;
    this.pfs = this.props.pfs ?? DEFAULT_PFS_GROUP;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** `set peer` addresses in failover order. */
  get peers(): readonly string[] {
    return this.peerList;
  }

  /** `match address` ACL name, if set. */
  get matchAddress(): string | undefined {
    return this.acl;
  }

  /** `set transform-set` names. */
  get transformSets(): readonly string[] {
    return this.transformSetNames;
  }

  /** `set isakmp-profile` name, if set. */
  get isakmpProfile(): string | undefined {
    return this.props.isakmpProfile;
  }

  /** `set ikev2-profile` name, if set (the entry then initiates IKEv2). */
  get ikev2Profile(): string | undefined {
    return this.props.ikev2Profile;
  }

  /** Appends a failover peer. */
  addPeer(address: string): void {
    this.peerList.push(parseProps(this.node.path, PEER_PROPS(), { peer: address }).peer);
  }

  /** Sets `match address` (an AccessList or its name). */
  matchAccessList(acl: AccessList | string): void {
    const name = acl instanceof AccessList ? acl.name : acl;
    this.acl = parseProps(this.node.path, MATCH_PROPS(), { matchAddress: name }).matchAddress;
  }

  /** Replaces the transform sets (TransformSet constructs or names). */
  setTransformSets(sets: readonly (TransformSet | string)[]): void {
    const names = sets.map((s) => (s instanceof TransformSet ? s.name : s));
    this.transformSetNames = parseProps(this.node.path, TRANSFORM_SETS_PROPS(), { transformSets: names }).transformSets;
  }

  /** Sets the PFS group, or `false` for none. */
  setPfs(group: number | false): void {
    this.pfs = parseProps(this.node.path, PFS_PROPS(), { pfs: group }).pfs ?? DEFAULT_PFS_GROUP;
  }

  private check(router: Router): string[] {
    const errors: string[] = [];
    if (this.peerList.length === 0) errors.push(`crypto map entry ${this.seq} has no peer (set peers or call addPeer)`);
    if (this.acl === undefined)
      errors.push(`crypto map entry ${this.seq} has no ACL (set matchAddress or call matchAccessList)`);
    if (this.transformSetNames.length === 0) errors.push(`crypto map entry ${this.seq} has no transform set`);
    if (this.props.ikev2Profile !== undefined && this.props.isakmpProfile !== undefined)
      errors.push(`crypto map entry ${this.seq} names both an ISAKMP and an IKEv2 profile; choose one IKE version`);
    if (this.pfs === false) {
      Annotations.of(this).addWarningV2(
        'PFS_OFF',
        `crypto map entry ${this.seq} has PFS off; new networks should use pfs: ${DEFAULT_PFS_GROUP}`,
      );
    } else {
      appendAll(
        errors,
        checkSupported(
          router,
          'pfs',
          this.pfs,
          platformCryptoSupport(router.platform).dhGroups,
          this.props.pfs === undefined,
        ),
      );
      warnAllowedLegacy(this, router, this.legacyCrypto());
    }
    return errors;
  }

  /** The legacy PFS group, if any (the Router refuses it, or it is a warning). */
  legacyCrypto(): LegacyCryptoUse {
    return {
      algorithms: this.pfs === false ? [] : legacyAlgorithms(pfsFindings({ group: this.pfs })),
      ...(this.props.allowLegacyCrypto !== undefined ? { allowLegacy: this.props.allowLegacyCrypto } : {}),
    };
  }

  /** The entry's IR. */
  toIr(): CryptoMapEntryIr {
    return {
      seq: this.seq,
      type: 'ipsec-isakmp',
      ...(this.props.description !== undefined ? { description: this.props.description } : {}),
      peers: [...this.peerList],
      transformSets: [...this.transformSetNames],
      ...(this.acl !== undefined ? { matchAddress: this.acl } : {}),
      ...(this.pfs !== false ? { pfs: { group: this.pfs } } : {}),
      ...(this.props.saLifetimeSeconds !== undefined ? { saLifetimeSeconds: this.props.saLifetimeSeconds } : {}),
      ...(this.props.saLifetimeKilobytes !== undefined ? { saLifetimeKilobytes: this.props.saLifetimeKilobytes } : {}),
      ...(this.props.isakmpProfile !== undefined ? { isakmpProfile: this.props.isakmpProfile } : {}),
      ...(this.props.ikev2Profile !== undefined ? { ikev2Profile: this.props.ikev2Profile } : {}),
      extraLines: [],
      origin: this.node.path,
    };
  }
}

/** Properties of a CryptoMap. */
export interface CryptoMapProps {
  /** Map name, applied to an interface with `crypto map NAME`. */
  readonly name: string;
  /**
   * `crypto map NAME local-address IF`: the interface (typically a loopback) whose address IKE and
   * ESP of the map use on every interface it is applied to (docs/ios-semantics.md#crypto-local-address).
   * @default - the address of the interface the map is applied to
   */
  readonly localAddress?: string;
}

/** A crypto map. Create it inside a Router; add entries with `addEntry`. */
export class CryptoMap extends Construct implements IRouterElement {
  /** Map name. */
  readonly name: string;
  /** The `local-address` interface, if any. */
  readonly localAddress: string | undefined;

  constructor(scope: Construct, id: string, props: CryptoMapProps) {
    super(scope, id);
    Router.of(this);
    const parsed = parseProps(this.node.path, MAP_PROPS(), props);
    this.name = parsed.name;
    this.localAddress = parsed.localAddress;
    this.node.addValidation({ validate: () => this.check() });
  }

  /** Adds an entry. `id` defaults to `Entry<seq>`. */
  addEntry(props: CryptoMapEntryProps, id?: string): CryptoMapEntry {
    const childId = entryChildId(this, props, id);
    return new CryptoMapEntry(this, childId, props);
  }

  /** The entries, in creation order. */
  get entries(): CryptoMapEntry[] {
    return this.node.children.filter((c): c is CryptoMapEntry => c instanceof CryptoMapEntry);
  }

  /**
   * Binds a dynamic crypto map at sequence `seq` (`crypto map NAME SEQ ipsec-isakmp dynamic D`).
   * Static entries with a lower number are consulted first. `id` defaults to `Dynamic<seq>`.
   */
  bindDynamicMap(seq: number, dynamicMap: DynamicCryptoMap | string, id?: string): DynamicMapBinding {
    return new DynamicMapBinding(this, id ?? `Dynamic${seq}`, seq, dynamicMap);
  }

  /** The dynamic map bindings, in creation order. */
  get dynamicBindings(): DynamicMapBinding[] {
    return this.node.children.filter((c): c is DynamicMapBinding => c instanceof DynamicMapBinding);
  }

  /** The entry with sequence number `seq`, if any. */
  entry(seq: number): CryptoMapEntry | undefined {
    return this.entries.find((e) => e.seq === seq);
  }

  /** Removes the entry with sequence number `seq` (escape hatch); true when one was removed. */
  removeEntry(seq: number): boolean {
    const e = this.entry(seq);
    return e ? this.node.tryRemoveChild(e.node.id) : false;
  }

  private check(): string[] {
    const seen = new Map<number, string>();
    const errors: string[] = [];
    const acls = new Set<string>();
    const sets = new Set<string>();
    const profiles = new Set<string>();
    const ikev2Profiles = new Set<string>();
    const dynamicMaps = new Set<string>();
    for (const c of Router.of(this).node.findAll()) {
      if (c instanceof AccessList) acls.add(c.name);
      else if (c instanceof TransformSet) sets.add(c.name);
      else if (c instanceof IsakmpProfile) profiles.add(c.name);
      else if (c instanceof Ikev2Profile) ikev2Profiles.add(c.name);
      else if (c instanceof DynamicCryptoMap) dynamicMaps.add(c.name);
    }
    for (const b of this.dynamicBindings) {
      const other = seen.get(b.seq);
      if (other !== undefined)
        errors.push(
          `crypto map ${this.name} has two entries with sequence number ${b.seq} (${other} and ${b.node.path})`,
        );
      else seen.set(b.seq, b.node.path);
      // IOS accepts the line, and the binding then answers no peer.
      if (!dynamicMaps.has(b.dynamicMap))
        errors.push(`crypto map entry ${b.seq} binds dynamic map ${b.dynamicMap}, which this router does not define`);
    }
    for (const e of this.entries) {
      const other = seen.get(e.seq);
      if (other !== undefined)
        errors.push(
          `crypto map ${this.name} has two entries with sequence number ${e.seq} (${other} and ${e.node.path})`,
        );
      else seen.set(e.seq, e.node.path);
      // IOS accepts a dangling reference and then protects nothing (no ACL) or fails phase 2.
      if (e.matchAddress !== undefined && !acls.has(e.matchAddress)) {
        errors.push(
          `crypto map entry ${e.seq} matches access list ${e.matchAddress}, which this router does not define`,
        );
      }
      for (const t of e.transformSets) {
        if (!sets.has(t))
          errors.push(`crypto map entry ${e.seq} names transform set ${t}, which this router does not define`);
      }
      if (e.isakmpProfile !== undefined && !profiles.has(e.isakmpProfile)) {
        errors.push(
          `crypto map entry ${e.seq} names ISAKMP profile ${e.isakmpProfile}, which this router does not define`,
        );
      }
      if (e.ikev2Profile !== undefined && !ikev2Profiles.has(e.ikev2Profile))
        errors.push(
          `crypto map entry ${e.seq} names IKEv2 profile ${e.ikev2Profile}, which this router does not define`,
        );
    }
    return errors;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const ir: CryptoMapIr = {
      name: this.name,
      ...(this.localAddress !== undefined ? { localAddress: this.localAddress } : {}),
      entries: [...this.entries.map((e) => e.toIr()), ...this.dynamicBindings.map((b) => b.toIr())],
      origin: this.node.path,
    };
    builder.cryptoMaps.push(ir);
  }
}
