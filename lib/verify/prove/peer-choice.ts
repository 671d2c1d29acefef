/**
 * Which `set peer` address an entry's traffic goes to, by the failover rule of `lib/rules/peers.ts`
 * (docs/ios-semantics.md#peers): the first peer that answers main mode. "Answers" is decided on the
 * model: a peer nobody owns, one the underlay cannot reach both ways (`underlay-reach.ts`), and one
 * that silently drops main mode (no key for us, or a different key) are skipped. Cached per entry
 * and local interface, so a hub asks once per spoke.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import { cryptoLocalAddress } from '../../rules/crypto-local-address.js';
import { initiatesIkev2 } from '../../rules/ikev2-exchange.js';
import { mainModeStep, peerResponse, selectPeer, type PeerResponse, type PeerSilence } from '../../rules/peers.js';
import type { AddressOwner, ModelDevice, NetworkModel } from '../model/network-model.js';
import { underlayProblem, type Unreachable } from './underlay-reach.js';
import { ikeBlockedBy } from '../../rules/interface-acl.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { IdentityCache } from '../../ir/identity-cache.js';
import { natTraversal } from '../../rules/nat-traversal.js';
import { natRequestFields } from './nat-addresses.js';

/** Why a peer stayed silent, as data (`findings/peer-text.ts` words it). */
export type SilenceCause =
  /** No device owns the address. */
  | { readonly kind: 'no-owner'; readonly peer: string }
  /** The underlay cannot carry IKE there and back. */
  | { readonly kind: 'unreachable'; readonly unreachable: Unreachable }
  /** An inbound interface list drops IKE between the two addresses. */
  | {
      readonly kind: 'ike-blocked';
      readonly acl: string;
      readonly iface: string;
      readonly local: string;
      readonly peer: string;
    }
  /** The peer has no key for our address, so it does not answer main mode. */
  | { readonly kind: 'no-key-at-peer'; readonly owner: ModelDevice; readonly local: string }
  /** The keys differ, so the peer drops main mode. */
  | { readonly kind: 'key-mismatch'; readonly device: ModelDevice; readonly owner: ModelDevice };

/** A peer the initiator tried before the one it uses, and why it stayed silent. */
export interface SilentPeer {
  readonly index: number;
  readonly peer: string;
  readonly why: PeerSilence;
  /** The details of `why`. */
  readonly cause: SilenceCause;
}

/** The outcome of peer selection for one entry out of one interface. */
export interface PeerChoice {
  /** The peer the traffic goes to: the first that answers, else the first of the list. */
  readonly peer: string;
  readonly index: number;
  /** False when no peer of the list answers (the walk then follows the first and reports why). */
  readonly answered: boolean;
  /** Peers before `index` (or every peer but the first when none answers) that stayed silent. */
  readonly silent: readonly SilentPeer[];
}

const newChoiceMap = (): Map<string, PeerChoice> => new Map();

/** Peer selection over the model, cached. */
export class PeerChooser {
  private readonly cache = new IdentityCache<CryptoMapEntry, Map<string, PeerChoice>>();

  constructor(
    private readonly model: NetworkModel,
    private readonly options: { readonly relaxLifetime?: boolean } = {},
  ) {}

  /** The peer `d`'s entry uses when its traffic leaves through `iface`. */
  choose(d: ModelDevice, iface: InterfaceConfig, entry: CryptoMapEntry): PeerChoice {
    const perIface = this.cache.get(entry, newChoiceMap);
    let choice = perIface.get(iface.name);
    if (!choice) perIface.set(iface.name, (choice = this.compute(d, iface, entry)));
    return choice;
  }

  private compute(d: ModelDevice, iface: InterfaceConfig, entry: CryptoMapEntry): PeerChoice {
    const peers = entry.peers;
    // One peer: nothing to choose, and the walk explains a silent one itself.
    if (peers.length <= 1) return { peer: peers[0] ?? '', index: 0, answered: true, silent: [] };
    const causes = new Map<number, SilenceCause>();
    const selection = selectPeer(peers, (peer, index) => {
      const r = this.respond(d, iface, entry, peer);
      if (r.answers) return r;
      causes.set(index, r.cause);
      return { answers: false, why: r.why };
    });
    // Every silent peer was asked (selectPeer asks in list order), so each has its cause.
    const silent = selection.silent.map((s) => ({ ...s, cause: causes.get(s.index)! }));
    if (selection.chosen === undefined) return { peer: peers[0]!, index: 0, answered: false, silent: silent.slice(1) };
    return { peer: peers[selection.chosen]!, index: selection.chosen, answered: true, silent };
  }

  private respond(
    d: ModelDevice,
    iface: InterfaceConfig,
    entry: CryptoMapEntry,
    peer: string,
  ): { answers: true } | { answers: false; why: PeerSilence; cause: SilenceCause } {
    const local = cryptoLocalAddress(d.config, iface);
    const owner: AddressOwner | undefined = this.model.owner(peer, local);
    if (!owner) return { answers: false, why: 'no-owner', cause: { kind: 'no-owner', peer } };
    // Our own address is not a peer that can be silent: the walk reports what it is.
    if (owner.device === d) return { answers: true };
    const unreachable = underlayProblem(this.model, d, iface, peer, owner.device, owner.interface);
    if (!local || unreachable) {
      const why = unreachable ?? {
        break: { side: 'local', reason: 'no-address' },
        local: { device: d, iface },
        peer: { device: owner.device, iface: owner.interface },
      };
      return { answers: false, why: 'unreachable', cause: { kind: 'unreachable', unreachable: why } };
    }
    // docs/ios-semantics.md#interface-access-lists: a list that drops IKE silences the peer.
    const nat = natRequestFields(this.model, d, local, owner);
    const translated = nat.initiatorSeenAs !== undefined || nat.responderAddress !== undefined;
    const blocked = ikeBlockedBy(
      d.config,
      iface,
      ipToNumber(local),
      owner.device.config,
      owner.interface,
      ipToNumber(peer),
      translated
        ? {
            aSeen: ipToNumber(nat.initiatorSeenAs ?? local),
            bOwn: ipToNumber(nat.responderAddress ?? peer),
            traversal: natTraversal(d.config, owner.device.config, true).kind === 'udp-encapsulation',
          }
        : undefined,
    );
    if (blocked)
      return {
        answers: false,
        why: 'unreachable',
        cause: { kind: 'ike-blocked', acl: blocked.group.acl, iface: blocked.interface.name, local, peer },
      };
    // An IKEv2 peer that is reachable answers (with a refusal at worst): docs/ios-semantics.md#peers.
    if (initiatesIkev2(entry)) return { answers: true };
    const step = mainModeStep(d.config, local, owner.device.config, peer, {
      relaxLifetime: this.options.relaxLifetime === true,
      entry,
      ...nat,
    });
    const r: PeerResponse = peerResponse(step);
    if (r.answers) return r;
    const cause: SilenceCause =
      r.why === 'no-key-at-peer'
        ? { kind: 'no-key-at-peer', owner: owner.device, local }
        : { kind: 'key-mismatch', device: d, owner: owner.device };
    return { answers: false, why: r.why, cause };
  }
}
