/**
 * IKE towards a peer whose answer never arrives, narrated on both consoles and left in the SA
 * tables where IOS shows it (docs/ios-semantics.md#ike-states-after-a-failure):
 * - IKEv1: the initiator retransmits MM1 and gives up in MM_NO_STATE; when MM1 did reach the
 *   responder and only its answer is lost (the responder has no usable route back), the responder
 *   accepted the offer and sits in MM_SA_SETUP, seeing each retransmitted MM1 as a duplicate
 *   (public 12.x capture: itcertnotes.blogspot.com/2011/04/ipsec-stuck-in-mmsasetup-and-mmnostate.html);
 * - IKEv2: the initiator's IKE_SA_INIT stays `IN-NEG` in `show crypto ikev2 sa`.
 * The rules decide whether the responder accepts MM1 (`lib/rules/peers.ts` `mainModeExchange`);
 * no function here ever receives a pre-shared key.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../ir/router-config.js';
import { IKEV2_LIFETIME } from '../ir/ikev2-vocabulary.js';
import { mainModeExchange } from '../rules/peers.js';
import { SA_INIT_PAYLOADS, spi } from './ikev2-initial.js';
import { ikev2Packet, ikev2Say, type Ikev2End } from './ikev2-debug.js';
import { deathByRetransmissionAt, leftBehind } from './main-mode.js';
import type { DeviceCore, Fabric } from './types.js';

/** A responder that received MM1 but whose answer cannot come back. */
export interface AnswerLost {
  readonly responder: DeviceCore;
  readonly respIface: InterfaceConfig;
}

/** True when the responder would accept MM1 (it has a key for us, or certificates, and a matching policy). */
function acceptsOffer(
  f: Fabric,
  dev: DeviceCore,
  localAddr: string,
  peerAddr: string,
  lost: AnswerLost,
  entry: CryptoMapEntry,
): boolean {
  const mm = mainModeExchange(dev.config, localAddr, lost.responder.config, peerAddr, {
    relaxLifetime: f.options.relaxLifetime ?? false,
    compareStoredKeys: true,
    entry,
    initiatorSeenAs: localAddr,
    responderAddress: peerAddr,
  });
  return mm.phase1.ok && mm.step !== 'no-key-local' && mm.step !== 'no-key-remote';
}

/**
 * Main mode to a peer that never answers: three retransmissions of MM1, then "death by
 * retransmission P1"; both sides keep the row IOS shows (MM_NO_STATE, and MM_SA_SETUP on a
 * responder that answered into the void).
 */
export function mainModeUnanswered(
  f: Fabric,
  dev: DeviceCore,
  localAddr: string,
  peerAddr: string,
  entry: CryptoMapEntry,
  lost: AnswerLost | undefined,
): void {
  const c = dev.sadb.allocateIkeConnId();
  const dies = deathByRetransmissionAt(f.clock.now);
  dev.log('isakmp', () => `ISAKMP (0:${c}): beginning Main Mode exchange`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_NO_STATE`);
  const resp = lost && acceptsOffer(f, dev, localAddr, peerAddr, lost, entry) ? lost.responder : undefined;
  const rc = resp?.sadb.allocateIkeConnId();
  if (resp) {
    resp.log('isakmp', () => `ISAKMP (0:0): received packet from ${localAddr} (N) NEW SA`);
    resp.log('isakmp', () => 'ISAKMP: local port 500, remote port 500');
    resp.log('isakmp', () => `ISAKMP (0:${rc}): processing SA payload. message ID = 0`);
    resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are acceptable. Next payload is 0`);
    resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${localAddr} (R) MM_SA_SETUP`);
  }
  for (let i = 0; i < 3; i += 1) {
    dev.retransmitWait();
    dev.log('isakmp', () => `ISAKMP (0:${c}): retransmitting phase 1 MM_NO_STATE...`);
    if (!resp) continue;
    resp.log('isakmp', () => `ISAKMP (0:${rc}): phase 1 packet is a duplicate of a previous packet.`);
    resp.log('isakmp', () => `ISAKMP (0:${rc}): retransmitting due to retransmit phase 1`);
  }
  dev.retransmitWait();
  dev.log(
    'isakmp',
    () => `ISAKMP (0:${c}): deleting SA reason "death by retransmission P1" state (I) MM_NO_STATE (peer ${peerAddr})`,
  );
  leftBehind(dev, c, localAddr, peerAddr, true, 'MM_NO_STATE', dies);
  if (resp && rc !== undefined) leftBehind(resp, rc, peerAddr, localAddr, false, 'MM_SA_SETUP', dies);
}

/** IKE_SA_INIT to a peer that never answers: retransmitted, then given up; the SA stays `IN-NEG`. */
export function ikev2Unanswered(dev: DeviceCore, localAddr: string, peerAddr: string, entry: CryptoMapEntry): void {
  const tid = dev.sadb.allocateTunnelId();
  const a: Ikev2End = { dev, session: tid, local: localAddr, remote: peerAddr };
  ikev2Say(a, 'Generating IKE_SA_INIT message');
  const spis = { initiator: spi(tid), responder: '0'.repeat(16) };
  ikev2Packet(a, 'send', { spis, messageId: 0, exchange: 'IKE_SA_INIT', response: false, payloads: SA_INIT_PAYLOADS });
  for (let i = 0; i < 3; i += 1) ikev2Say(a, 'Retransmitting packet');
  ikev2Say(a, 'Maximum number of retransmissions reached');
  const profile = dev.config.ikev2Profiles?.find((p) => p.name === entry.ikev2Profile);
  dev.sadb.recordNegotiatingIkev2({
    tunnelId: tid,
    local: localAddr,
    remote: peerAddr,
    lifetime: profile?.lifetime ?? IKEV2_LIFETIME.default,
  });
}
