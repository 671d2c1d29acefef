/**
 * `clear crypto ikev2 sa [local A | remote A]` (docs/emulator.md#debug-crypto-ikev2): deletes the
 * router's matching IKEv2 SAs and, with each, the child IPsec SAs negotiated under it, on both
 * ends (the INFORMATIONAL exchange carries the delete; RFC 7296 section 1.4.1: deleting an IKE SA
 * implicitly closes its child SAs, docs/ios-semantics.md#ikev2-sa-deletion).
 */
import { endOf, ikev2RoundTrip, ikev2Say, nextMessageId, spisOf } from './ikev2-debug.js';
import type { Ikev2Sa } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

/** Which SAs a `clear crypto ikev2 sa` names: all, or those with this local or remote address. */
export interface Ikev2ClearFilter {
  readonly local?: string;
  readonly remote?: string;
}

/** Removes an IKEv2 SA and its children from one router. */
function drop(dev: DeviceCore, sa: Ikev2Sa): void {
  dev.sadb.ikev2.splice(dev.sadb.ikev2.indexOf(sa), 1);
  dev.sadb.clearIpsec((s) => s.local === sa.local && s.peer === sa.remote);
  dev.syncReverseRoutes();
}

/** Runs `clear crypto ikev2 sa` on `dev`. */
export function clearIkev2(f: Fabric, dev: DeviceCore, filter: Ikev2ClearFilter): void {
  // SAs still IN-NEG (docs/ios-semantics.md#ike-states-after-a-failure) go too; they have no peer copy.
  const pending = dev.sadb.negotiatingIkev2;
  for (let i = pending.length - 1; i >= 0; i -= 1) {
    const sa = pending[i]!;
    if ((filter.local ?? sa.local) === sa.local && (filter.remote ?? sa.remote) === sa.remote) pending.splice(i, 1);
  }
  const gone = dev.sadb.ikev2.filter(
    (sa) =>
      (filter.local === undefined || sa.local === filter.local) &&
      (filter.remote === undefined || sa.remote === filter.remote),
  );
  for (const sa of gone) {
    // The peer's record of the same SA has the mirrored SPIs (whatever NAT did to the addresses).
    let peer: { readonly core: DeviceCore; readonly sa: Ikev2Sa } | undefined;
    for (const other of f.cores()) {
      const p =
        other === dev
          ? undefined
          : other.sadb.ikev2.find((s) => s.localSpi === sa.remoteSpi && s.remoteSpi === sa.localSpi);
      if (p) peer = { core: other, sa: p };
      if (peer) break;
    }
    const mine = endOf(dev, sa);
    const spis = spisOf(sa);
    ikev2Say(mine, `Sending DELETE INFO message for IKEv2 SA [ISPI: 0x${spis.initiator} RSPI: 0x${spis.responder}]`);
    if (peer) {
      ikev2RoundTrip(mine, endOf(peer.core, peer.sa), spis, nextMessageId(sa), 'INFORMATIONAL', {
        request: 'DELETE',
        response: '',
      });
      ikev2Say(endOf(peer.core, peer.sa), 'Deleting SA');
      drop(peer.core, peer.sa);
    }
    ikev2Say(mine, 'Deleting SA');
    drop(dev, sa);
  }
}
