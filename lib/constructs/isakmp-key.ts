/**
 * `crypto isakmp key K address A [MASK]`: the pre-shared key for one peer, or with `keyring` the
 * same key as `pre-shared-key address A [MASK] key K` in a `crypto keyring`. The key's value is
 * resolved only when IR is produced (at synth), from a `PreSharedKey` source.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { IsakmpKey as IsakmpKeyIr } from '../ir/router-config.js';
import { Annotations } from './annotations.js';
import { invalidProperty } from './errors.js';
import { CryptoMap } from './crypto-map.js';
import { Interface } from './interface.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { PreSharedKey, type PeerIdentity } from './pre-shared-key.js';
import { Router } from './router.js';
import { Keyring, keyringNames } from './keyring.js';
import { hostname, ipv4Address, parseProps, preSharedKey, wordName } from './schemas.js';

/** Properties of an IsakmpKey. */
export interface IsakmpKeyProps {
  /** Peer address (`0.0.0.0` with prefixLength 0 is the wildcard key). */
  readonly address: string;
  /** Prefix length of the peer mask. @default 32 */
  readonly prefixLength?: number;
  /** Where the key comes from. */
  readonly key: PreSharedKey;
  /**
   * The peer's hostname, which, with both WAN addresses, identifies the pair for derived keys.
   * @default - none (derived keys then fail validation)
   */
  readonly peerHostname?: string;
  /**
   * This router's own address towards the peer, for derived keys.
   * @default - the address of the first interface of the router that carries a crypto map
   */
  readonly localAddress?: string;
  /**
   * The two ends a derived key is derived for, when they are not this router and the peer: a key
   * shared by a group, such as the hub's wildcard key for dynamic-address spokes and each such
   * spoke's key for the hub, names the same pair on every router that holds it.
   * @default - this router (its hostname, `localAddress`) and the peer (`peerHostname`, `address`)
   */
  readonly derivationPair?: readonly [PeerIdentity, PeerIdentity];
  /** Render `no-xauth`. @default false */
  readonly noXauth?: boolean;
  /**
   * Put the key in this keyring (a Keyring construct of the same router, or its name) instead of
   * the global keys. @default - a global `crypto isakmp key`
   */
  readonly keyring?: Keyring | string;
}

const peerIdentity = lazy(() => zod().object({ hostname: hostname(), address: ipv4Address() }).strict());
const schema = lazy(() =>
  zod().object({
    address: ipv4Address(),
    prefixLength: zod()
      .number()
      .int()
      .min(0, { message: 'is not a prefix length (0-32)' })
      .max(32, { message: 'is not a prefix length (0-32)' })
      .optional(),
    key: preSharedKey(),
    peerHostname: hostname().optional(),
    localAddress: ipv4Address().optional(),
    derivationPair: zod().tuple([peerIdentity(), peerIdentity()]).optional(),
    noXauth: zod().boolean().optional(),
    keyring: zod()
      .union([
        zod()
          .instanceof(Keyring)
          .transform((k) => k.name),
        wordName(),
      ])
      .optional(),
  }),
);

/** A pre-shared key entry. Create it inside a Router. */
export class IsakmpKey extends Construct implements IRouterElement {
  /** Peer address. */
  readonly address: string;
  /** Peer mask length. */
  readonly prefixLength: number;
  private keySource: PreSharedKey;
  private readonly props: z.infer<ReturnType<typeof schema>>;

  constructor(scope: Construct, id: string, props: IsakmpKeyProps) {
    super(scope, id);
    Router.of(this);
    this.props = parseProps(this.node.path, schema(), props);
    this.address = this.props.address;
    this.prefixLength = this.props.prefixLength ?? 32;
    this.keySource = this.props.key;
    this.node.addValidation({ validate: () => this.check() });
  }

  /** The key source (printing it shows a redaction). */
  get key(): PreSharedKey {
    return this.keySource;
  }

  /** Replaces the key source (escape hatch). */
  setKey(key: PreSharedKey): void {
    if (!(key instanceof PreSharedKey))
      throw invalidProperty(this.node.path, 'key', undefined, 'is not a PreSharedKey');
    this.keySource = key;
  }

  /** The two ends of this key's tunnel, when the peer hostname is known. */
  get pair(): readonly [PeerIdentity, PeerIdentity] | undefined {
    if (this.props.derivationPair !== undefined) return this.props.derivationPair;
    if (this.props.peerHostname === undefined) return undefined;
    const router = Router.of(this);
    const local = this.props.localAddress ?? this.cryptoInterfaceAddress(router);
    if (local === undefined) return undefined;
    return [
      { hostname: router.hostname, address: local },
      { hostname: this.props.peerHostname, address: this.address },
    ];
  }

  /** The IKE address of the first crypto interface: its map's `local-address` interface's, else its own. */
  private cryptoInterfaceAddress(router: Router): string | undefined {
    const all = router.node.findAll();
    for (const c of all) {
      if (!(c instanceof Interface) || c.cryptoMap === undefined) continue;
      // docs/ios-semantics.md#crypto-local-address: the map speaks from that interface.
      const map = all.find((m): m is CryptoMap => m instanceof CryptoMap && m.name === c.cryptoMap);
      const source = map?.localAddress;
      if (source === undefined) {
        if (c.address) return c.address.ip;
        continue;
      }
      return all.find((i): i is Interface => i instanceof Interface && i.name === source)?.address?.ip;
    }
    return undefined;
  }

  /** The keyring holding the key, when it is not a global key. */
  get keyring(): string | undefined {
    return this.props.keyring;
  }

  private check(): string[] {
    const errors: string[] = [];
    const ring = this.props.keyring;
    if (ring !== undefined) {
      if (this.props.noXauth) errors.push(`no-xauth is a global key option; a key in keyring ${ring} cannot have it`);
      if (!keyringNames(Router.of(this)).has(ring))
        errors.push(`key for ${this.address} is in keyring ${ring}, which this router does not define`);
    }
    if (this.keySource.source === 'derived' && this.pair === undefined) {
      errors.push(
        'key is derived from a master secret but the pair is unknown: set peerHostname (and localAddress when no interface carries a crypto map)',
      );
    }
    for (const weakness of this.keySource.weaknesses()) {
      Annotations.of(this).addWarningV2('WEAK_PSK', `weak pre-shared key for peer ${this.address}: ${weakness}`);
    }
    return errors;
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, context: IrContext): void {
    const key = presentKey(this.keySource, this.pair, this.node.path, context);
    if (this.props.keyring !== undefined) {
      const peer = { kind: 'address' as const, address: this.address, prefixLength: this.prefixLength };
      builder.keyringKeys.push({
        keyring: this.props.keyring,
        key: { peer, key, encryption: 0, origin: this.node.path },
      });
      return;
    }
    const ir: IsakmpKeyIr = {
      key,
      encryption: 0,
      address: this.address,
      prefixLength: this.prefixLength,
      ...(this.props.noXauth ? { noXauth: true } : {}),
      origin: this.node.path,
    };
    builder.isakmpKeys.push(ir);
  }
}

/**
 * A key's text in the IR: resolved from its source, or a placeholder equal on both ends of the pair
 * (`keyPresentation: 'placeholder'`). Shared by every construct that holds a pre-shared key; `slot`
 * tells several keys of one construct apart (an IKEv2 peer's local and remote keys) without
 * entering the construct path its errors name.
 */
export function presentKey(
  source: PreSharedKey,
  pair: readonly [PeerIdentity, PeerIdentity] | undefined,
  path: string,
  context: IrContext,
  slot?: string,
): string {
  if (context.keyPresentation === 'placeholder')
    return placeholderFor(pair, slot === undefined ? path : `${path} ${slot}`);
  return source.resolve({
    path,
    stackId: context.stackId,
    ...(pair ? { pair } : {}),
    ...(context.env ? { env: context.env } : {}),
  });
}

/** Equal on both ends of a pair (hash of the sorted identities), so a placeholder config still pairs up. */
function placeholderFor(pair: readonly [PeerIdentity, PeerIdentity] | undefined, path: string): string {
  const basis = pair
    ? pair
        .map((p) => `${p.hostname}@${p.address}`)
        .sort()
        .join('\n')
    : path;
  return `HUBSPOKE-PSK-${createHash('sha256').update(basis).digest('hex').slice(0, 16)}`;
}
