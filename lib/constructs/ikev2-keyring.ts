/**
 * `crypto ikev2 keyring NAME` with its `peer` blocks: the pre-shared keys an IKEv2 profile's
 * `keyring local` finds by the peer's address or identity (docs/ios-semantics.md#ikev2-authentication).
 * Keys come from `PreSharedKey` sources and are resolved, placeheld and fingerprinted like the
 * IKEv1 keys (`presentKey`): they never appear in messages.
 */
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { parseCidr } from '../ir/ipv4.js';
import type {
  Ikev2Identity,
  Ikev2Key,
  Ikev2Keyring as Ikev2KeyringIr,
  Ikev2KeyringPeer as Ikev2KeyringPeerIr,
} from '../ir/router-config.js';
import { Annotations } from './annotations.js';
import { invalidProperty } from './errors.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { ikev2PlatformProblem } from './ikev2-support.js';
import { presentKey } from './isakmp-key.js';
import { PreSharedKey, type PeerIdentity } from './pre-shared-key.js';
import { Router } from './router.js';
import { dnsName, freeText, hostname, ipv4Address, parseProps, preSharedKey, wordName } from './schemas.js';

/** An IKEv2 identity: exactly one of `address`, `fqdn`, `email` or `keyId`. */
export interface Ikev2IdentityProps {
  readonly address?: string;
  readonly fqdn?: string;
  readonly email?: string;
  readonly keyId?: string;
}

/** zod schema of {@link Ikev2IdentityProps}, turned into the IR's identity. */
export const ikev2IdentitySchema = lazy(() =>
  zod()
    .object({
      address: ipv4Address().optional(),
      fqdn: dnsName().optional(),
      email: zod()
        .string()
        .regex(/^[^\s@?]+@[A-Za-z0-9.-]+$/, { message: 'is not an e-mail address' })
        .optional(),
      keyId: wordName().optional(),
    })
    .strict()
    .refine((o) => Object.keys(o).length === 1, { message: 'needs exactly one of address, fqdn, email, keyId' })
    .transform((o): Ikev2Identity => {
      if (o.address !== undefined) return { kind: 'address', address: o.address };
      if (o.fqdn !== undefined) return { kind: 'fqdn', value: o.fqdn };
      if (o.email !== undefined) return { kind: 'email', value: o.email };
      return { kind: 'key-id', value: o.keyId! };
    }),
);

/** An IPv4 address or prefix (`A.B.C.D` or `A.B.C.D/N`). */
export const addressOrPrefix = lazy(() =>
  zod()
    .string()
    .refine((s) => parseCidr(s.includes('/') ? s : `${s}/32`) !== undefined, {
      message: 'is not an IPv4 address or prefix',
    })
    .transform((s) => {
      const c = parseCidr(s.includes('/') ? s : `${s}/32`)!;
      return { address: c.ip, prefixLength: c.prefixLength };
    }),
);

/** Properties of an Ikev2KeyringPeer. */
export interface Ikev2KeyringPeerProps {
  /** `peer NAME`. */
  readonly name: string;
  /** `description`. @default - none */
  readonly description?: string;
  /** `address A [MASK]`: the peer's IKE address or subnet (`A.B.C.D` or `A.B.C.D/N`). @default - not by address */
  readonly address?: string;
  /** `identity ...`: the identity the peer sends. @default - not by identity */
  readonly identity?: Ikev2IdentityProps;
  /** `pre-shared-key K`: the key both ways. @default - none (then set localKey and remoteKey) */
  readonly preSharedKey?: PreSharedKey;
  /** `pre-shared-key local K`: the key this router signs with. @default - `preSharedKey` */
  readonly localKey?: PreSharedKey;
  /** `pre-shared-key remote K`: the key this router verifies the peer with. @default - `preSharedKey` */
  readonly remoteKey?: PreSharedKey;
  /** The peer's hostname: with both addresses it names the pair of derived keys. @default - none */
  readonly peerHostname?: string;
  /** This router's IKE address towards the peer, for derived keys. @default - none */
  readonly localAddress?: string;
  /** The pair a derived key is derived for, when it is not this router and the peer. @default - from the two props above */
  readonly derivationPair?: readonly [PeerIdentity, PeerIdentity];
}

const peerIdentity = lazy(() => zod().object({ hostname: hostname(), address: ipv4Address() }).strict());
const peerSchema = lazy(() =>
  zod().object({
    name: wordName(),
    description: freeText(80).optional(),
    address: addressOrPrefix().optional(),
    identity: ikev2IdentitySchema().optional(),
    preSharedKey: preSharedKey().optional(),
    localKey: preSharedKey().optional(),
    remoteKey: preSharedKey().optional(),
    peerHostname: hostname().optional(),
    localAddress: ipv4Address().optional(),
    derivationPair: zod().tuple([peerIdentity(), peerIdentity()]).optional(),
  }),
);

type KeySlot = 'preSharedKey' | 'localKey' | 'remoteKey';

/** One `peer` of an IKEv2 keyring. Create it with `Ikev2Keyring.addPeer`. */
export class Ikev2KeyringPeer extends Construct {
  /** `peer NAME`. */
  readonly name: string;
  private readonly props: z.infer<ReturnType<typeof peerSchema>>;
  private readonly keys: Partial<Record<KeySlot, PreSharedKey>>;

  constructor(scope: Ikev2Keyring, id: string, props: Ikev2KeyringPeerProps) {
    super(scope, id);
    this.props = parseProps(this.node.path, peerSchema(), props);
    this.name = this.props.name;
    this.keys = {
      ...(this.props.preSharedKey ? { preSharedKey: this.props.preSharedKey } : {}),
      ...(this.props.localKey ? { localKey: this.props.localKey } : {}),
      ...(this.props.remoteKey ? { remoteKey: this.props.remoteKey } : {}),
    };
    this.node.addValidation({ validate: () => this.check() });
  }

  /** The peer's address (`address` line), if any. */
  get address(): string | undefined {
    return this.props.address?.address;
  }

  /** The key both ways (printing it shows a redaction); undefined with only local/remote keys. */
  get key(): PreSharedKey | undefined {
    return this.keys.preSharedKey;
  }

  /** Replaces the key both ways (escape hatch); `side` replaces only the local or remote key. */
  setKey(key: PreSharedKey, side?: 'local' | 'remote'): void {
    if (!(key instanceof PreSharedKey))
      throw invalidProperty(this.node.path, 'key', undefined, 'is not a PreSharedKey');
    if (side === undefined) this.keys.preSharedKey = key;
    else this.keys[side === 'local' ? 'localKey' : 'remoteKey'] = key;
  }

  /** The two ends of this peer's keys, when known. */
  get pair(): readonly [PeerIdentity, PeerIdentity] | undefined {
    const p = this.props;
    if (p.derivationPair !== undefined) return p.derivationPair;
    if (p.peerHostname === undefined || p.localAddress === undefined || p.address === undefined) return undefined;
    return [
      { hostname: Router.of(this).hostname, address: p.localAddress },
      { hostname: p.peerHostname, address: p.address.address },
    ];
  }

  private check(): string[] {
    const errors: string[] = [];
    const k = this.keys;
    if (this.props.address === undefined && this.props.identity === undefined)
      errors.push(`IKEv2 keyring peer ${this.name} has neither address nor identity; no peer can find it`);
    if (k.preSharedKey === undefined && (k.localKey === undefined || k.remoteKey === undefined))
      errors.push(
        `IKEv2 keyring peer ${this.name} has no key for ${k.localKey === undefined ? 'signing' : 'verifying'} (set preSharedKey, or localKey and remoteKey)`,
      );
    const derived = Object.values(k).some((key) => key.source === 'derived');
    if (derived && this.pair === undefined)
      errors.push(
        `IKEv2 keyring peer ${this.name}: a key derived from a master secret needs the pair (set address, peerHostname and localAddress, or derivationPair)`,
      );
    for (const key of Object.values(k))
      for (const weakness of key.weaknesses())
        Annotations.of(this).addWarningV2('WEAK_PSK', `weak pre-shared key for IKEv2 peer ${this.name}: ${weakness}`);
    return errors;
  }

  /** The plain-text key sources, for reuse checks. */
  keySources(): PreSharedKey[] {
    return Object.values(this.keys);
  }

  /** The peer's IR, keys resolved (or placeheld). */
  toIr(context: IrContext): Ikev2KeyringPeerIr {
    const p = this.props;
    const origin = this.node.path;
    const pair = this.pair;
    const key = (slot: KeySlot): Ikev2Key | undefined => {
      const source = this.keys[slot];
      return source && { key: presentKey(source, pair, origin, context, slot), encryption: 0, origin };
    };
    const both = key('preSharedKey');
    const local = key('localKey');
    const remote = key('remoteKey');
    return {
      name: this.name,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.address !== undefined ? { address: p.address } : {}),
      ...(p.identity !== undefined ? { identity: p.identity } : {}),
      ...(both ? { key: both } : {}),
      ...(local ? { localKey: local } : {}),
      ...(remote ? { remoteKey: remote } : {}),
      extraLines: [],
      origin,
    };
  }
}

/** Properties of an Ikev2Keyring. */
export interface Ikev2KeyringProps {
  /** The keyring's name. */
  readonly name: string;
}

const keyringSchema = lazy(() => zod().object({ name: wordName() }));

/** An IKEv2 keyring. Create it inside a Router; add peers with `addPeer`. */
export class Ikev2Keyring extends Construct implements IRouterElement {
  /** The keyring's name. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: Ikev2KeyringProps) {
    super(scope, id);
    const router = Router.of(this);
    this.name = parseProps(this.node.path, keyringSchema(), props).name;
    this.node.addValidation({ validate: () => this.check(router) });
  }

  /** Adds a `peer` block. `id` defaults to `Peer-<name>`. */
  addPeer(props: Ikev2KeyringPeerProps, id?: string): Ikev2KeyringPeer {
    return new Ikev2KeyringPeer(this, id ?? `Peer-${String(props.name)}`, props);
  }

  /** The peers, in creation order. */
  get peers(): Ikev2KeyringPeer[] {
    return this.node.children.filter((c): c is Ikev2KeyringPeer => c instanceof Ikev2KeyringPeer);
  }

  private check(router: Router): string[] {
    const errors: string[] = [];
    const platform = ikev2PlatformProblem(router, `IKEv2 keyring ${this.name}`);
    if (platform !== undefined) errors.push(platform);
    const seen = new Set<string>();
    for (const p of this.peers) {
      if (seen.has(p.name)) errors.push(`IKEv2 keyring ${this.name} has two peers named ${p.name}`);
      seen.add(p.name);
    }
    return errors;
  }

  /** Adds this element, with its peers and their keys, to the router's IR. */
  contributeIr(builder: RouterIrBuilder, context: IrContext): void {
    const ir: Ikev2KeyringIr = {
      name: this.name,
      peers: this.peers.map((p) => p.toIr(context)),
      extraLines: [],
      origin: this.node.path,
    };
    builder.ikev2Keyrings.push(ir);
  }
}
