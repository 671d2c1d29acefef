/**
 * Which `set peer` address an entry's traffic goes to, by the failover rule of `lib/rules/peers.ts`
 * (docs/ios-semantics.md#peers): the first peer that answers main mode. "Answers" is decided on the
 * model: a peer nobody owns, one the underlay cannot reach both ways (`underlay-reach.ts`), and one
 * that silently drops main mode (no key for us, or a different key) are skipped. Cached per entry
 * and local interface, so a hub asks once per spoke.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import { mainModeStep, peerResponse, selectPeer, type PeerResponse, type PeerSilence } from '../../rules/peers.js';
import type { AddressOwner, ModelDevice, NetworkModel } from '../model/network-model.js';
import { underlayProblem } from './underlay-reach.js';
import { ikeBlockedBy } from '../../rules/interface-acl.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { IdentityCache } from '../../ir/identity-cache.js';

/** A peer the initiator tried before the one it uses, and why it stayed silent. */
export interface SilentPeer {
  readonly index: number;
  readonly peer: string;
  readonly why: PeerSilence;
  /** Words for a message (the underlay's reason, ...). */
  readonly detail: string;
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
    const details = new Map<number, string>();
    const selection = selectPeer(peers, (peer, index) => {
      const r = this.respond(d, iface, peer);
      if (!r.answers) details.set(index, r.detail);
      return r.answers ? { answers: true } : { answers: false, why: r.why };
    });
    const silent = selection.silent.map((s) => ({ ...s, detail: details.get(s.index) ?? s.why }));
    if (selection.chosen === undefined) return { peer: peers[0]!, index: 0, answered: false, silent: silent.slice(1) };
    return { peer: peers[selection.chosen]!, index: selection.chosen, answered: true, silent };
  }

  private respond(d: ModelDevice, iface: InterfaceConfig, peer: string): { answers: true } | { answers: false; why: PeerSilence; detail: string } {
    const owner: AddressOwner | undefined = this.model.owner(peer);
    if (!owner) return { answers: false, why: 'no-owner', detail: `no device owns ${peer}` };
    // Our own address is not a peer that can be silent: the walk reports what it is.
    if (owner.device === d) return { answers: true };
    const local = iface.address?.ip;
    const unreachable = underlayProblem(this.model, d, iface, peer, owner.device, owner.interface);
    if (!local || unreachable) return { answers: false, why: 'unreachable', detail: unreachable?.why ?? `${d.hostname} ${iface.name} has no address` };
    // docs/ios-semantics.md#interface-access-lists: a list that drops IKE silences the peer.
    const blocked = ikeBlockedBy(d.config, iface, ipToNumber(local), owner.device.config, owner.interface, ipToNumber(peer));
    if (blocked) return { answers: false, why: 'unreachable', detail: `ip access-group ${blocked.group.acl} in on ${blocked.interface.name} drops IKE (UDP 500) between ${local} and ${peer}` };
    const step = mainModeStep(d.config, local, owner.device.config, peer, { relaxLifetime: this.options.relaxLifetime === true });
    const r: PeerResponse = peerResponse(step);
    if (r.answers) return r;
    const detail = r.why === 'no-key-at-peer'
      ? `${owner.device.hostname} has no pre-shared key for ${local}, so it does not answer main mode`
      : `the pre-shared keys of ${d.hostname} and ${owner.device.hostname} differ, so ${owner.device.hostname} drops main mode`;
    return { answers: false, why: r.why, detail };
  }
}
