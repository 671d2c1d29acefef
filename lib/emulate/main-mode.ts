/**
 * IKE main mode between two emulated routers (docs/ios-semantics.md#ike-phase-1): the rule decides
 * (`mainModeStep` in lib/rules/peers.ts, `negotiatePhase1` in lib/rules/ike-phase1.ts); this
 * narrates it on both consoles as IOS `debug crypto isakmp` prints it, and installs the IKE SAs.
 */
import { negotiatePhase1, usableIsakmpPolicies, type Phase1Result } from '../rules/ike-phase1.js';
import { mainModeStep, type MainModeStep } from '../rules/peers.js';
import type { InterfaceConfig } from '../ir/router-config.js';
import { isakmpAttributeLines } from './algorithm-names.js';
import type { NegotiationFailure } from './negotiation.js';
import type { IkeSa } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

/** The responder that owns the peer address, and the interface that owns it. */
export interface Path {
  readonly responder: DeviceCore;
  readonly respIface: InterfaceConfig;
}

export type MainModeResult =
  | { readonly ok: true; readonly ike: IkeSa; readonly respIke: IkeSa }
  | { readonly ok: false; readonly reason: NegotiationFailure; readonly step: MainModeStep };

/** Main mode between the initiator and the responder: keys, policies, authentication. */
export function mainMode(f: Fabric, dev: DeviceCore, iface: InterfaceConfig, localAddr: string, peerAddr: string, path: Path): MainModeResult {
  const resp = path.responder;
  // The rule decides (lib/rules/peers.ts); the rest of this function narrates it.
  const step = mainModeStep(dev.config, localAddr, resp.config, peerAddr, { relaxLifetime: f.options.relaxLifetime ?? false, compareStoredKeys: true });
  const c = dev.sadb.allocateIkeConnId();
  dev.log('isakmp', () => 'ISAKMP: received ke message (1/1)');
  dev.log('isakmp', () => 'ISAKMP: local port 500, remote port 500');
  if (step === 'no-key-local') {
    dev.log('isakmp', () => `ISAKMP: no pre-shared key based on address ${peerAddr}`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): No pre-shared key with ${peerAddr}!`);
    return { ok: false, reason: 'no-key-local', step };
  }
  dev.log('isakmp', () => `ISAKMP (0:${c}): beginning Main Mode exchange`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_NO_STATE`);
  const rc = resp.sadb.allocateIkeConnId();
  resp.log('isakmp', () => `ISAKMP (0:0): received packet from ${localAddr} (N) NEW SA`);
  resp.log('isakmp', () => 'ISAKMP: local port 500, remote port 500');
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing SA payload. message ID = 0`);
  if (step === 'no-key-remote') {
    resp.log('isakmp', () => `ISAKMP: no pre-shared key based on address ${localAddr}`);
    resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${localAddr}`);
    for (let i = 0; i < 3; i += 1) dev.log('isakmp', () => `ISAKMP (0:${c}): retransmitting phase 1 MM_NO_STATE...`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): deleting SA reason "death by retransmission P1" state (I) MM_NO_STATE (peer ${peerAddr})`);
    return { ok: false, reason: 'no-key-remote', step };
  }
  resp.log('isakmp', () => `ISAKMP (0:${rc}): found peer pre-shared key matching ${localAddr}`);
  const p1 = negotiatePhase1(dev.config, resp.config, { relaxLifetime: f.options.relaxLifetime ?? false });
  narratePolicyChecks(dev, resp, rc, p1);
  if (!p1.ok) {
    const reason = phase1Reason(p1.reason);
    if (reason === 'phase1-authentication') {
      resp.log('isakmp', () => `ISAKMP (0:${rc}): SA is doing RSA signature authentication: no certificate for peer ${localAddr}`);
    } else {
      resp.log('isakmp', () => `ISAKMP (0:${rc}): no offers accepted!`);
      resp.log('isakmp', () => `ISAKMP (0:${rc}): phase 1 SA policy not acceptable! (local ${peerAddr} remote ${localAddr})`);
    }
    resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${localAddr}`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_NO_STATE`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): processing NOTIFY NO_PROPOSAL_CHOSEN protocol 1`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): deleting SA reason "phase 1 SA policy not acceptable" state (I) MM_NO_STATE (peer ${peerAddr})`);
    return { ok: false, reason, step };
  }
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${localAddr} (R) MM_SA_SETUP`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_NO_STATE`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): processing SA payload. message ID = 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): found peer pre-shared key matching ${peerAddr}`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): Checking ISAKMP transform 1 against priority ${p1.offered.priority} policy`);
  if (dev.wants('isakmp')) for (const l of isakmpAttributeLines(p1.offered)) dev.log('isakmp', l);
  dev.log('isakmp', () => `ISAKMP (0:${c}): atts are acceptable. Next payload is 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): SA is doing pre-shared key authentication using id type ID_IPV4_ADDR`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_SA_SETUP`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${localAddr} (R) MM_SA_SETUP`);
  for (const p of ['KE', 'NONCE']) resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ${p} payload. message ID = 0`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): SKEYID state generated`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${localAddr} (R) MM_KEY_EXCH`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_SA_SETUP`);
  for (const p of ['KE', 'NONCE']) dev.log('isakmp', () => `ISAKMP (0:${c}): processing ${p} payload. message ID = 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): SKEYID state generated`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_KEY_EXCH`);
  if (step === 'key-mismatch') {
    // A different key decrypts MM5 into garbage: the responder's sanity check fails, the initiator retransmits.
    resp.log('syslog', `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${localAddr} failed its sanity check or is malformed`);
    for (let i = 0; i < 3; i += 1) dev.log('isakmp', () => `ISAKMP (0:${c}): retransmitting phase 1 MM_KEY_EXCH...`);
    dev.log('isakmp', () => `ISAKMP (0:${c}): deleting SA reason "death by retransmission P1" state (I) MM_KEY_EXCH (peer ${peerAddr})`);
    return { ok: false, reason: 'key-mismatch', step };
  }
  resp.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${localAddr} (R) MM_KEY_EXCH`);
  for (const p of ['ID', 'HASH']) resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ${p} payload. message ID = 0`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): SA has been authenticated with ${localAddr}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${localAddr} (R) QM_IDLE`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_KEY_EXCH`);
  for (const p of ['ID', 'HASH']) dev.log('isakmp', () => `ISAKMP (0:${c}): processing ${p} payload. message ID = 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): SA has been authenticated with ${peerAddr}`);
  const now = f.clock.now;
  const ike: IkeSa = { connId: c, local: localAddr, remote: peerAddr, interface: iface.name, initiator: true, policy: p1.offered, lifetime: p1.lifetime, createdAt: now };
  const respIke: IkeSa = { connId: rc, local: peerAddr, remote: localAddr, interface: path.respIface.name, initiator: false, policy: p1.policy, lifetime: p1.lifetime, createdAt: now };
  dev.sadb.ike.push(ike);
  resp.sadb.ike.push(respIke);
  return { ok: true, ike, respIke };
}

/** Narrates the responder's walk: its policies in priority order against every offer, up to the match. */
function narratePolicyChecks(dev: DeviceCore, resp: DeviceCore, rc: number, p1: Phase1Result): void {
  const offers = resp.wants('isakmp') ? usableIsakmpPolicies(dev.config) : [];
  for (const mine of offers.length > 0 ? usableIsakmpPolicies(resp.config) : []) {
    for (let i = 0; i < offers.length; i += 1) {
      const offer = offers[i]!;
      resp.log('isakmp', () => `ISAKMP (0:${rc}): Checking ISAKMP transform ${i + 1} against priority ${mine.priority} policy`);
      if (resp.wants('isakmp')) for (const l of isakmpAttributeLines(offer)) resp.log('isakmp', l);
      const isMatch = p1.ok && p1.policy.priority === mine.priority && p1.offered.priority === offer.priority;
      const authFail = !p1.ok && p1.reason === 'authentication-not-pre-share' && sameAlgorithms(offer, mine);
      if (isMatch || authFail) {
        resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are acceptable. Next payload is 0`);
        return;
      }
      resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are not acceptable. Next payload is 0`);
    }
  }
}

/** The emulator's reason for a phase 1 failure. */
function phase1Reason(reason: Extract<Phase1Result, { ok: false }>['reason']): NegotiationFailure {
  if (reason === 'lifetime') return 'phase1-lifetime';
  if (reason === 'authentication-not-pre-share') return 'phase1-authentication';
  if (reason === 'legacy-algorithm-rejected') return 'phase1-legacy';
  return 'phase1-policy';
}

function sameAlgorithms(a: { encryption: string; hash: string; authentication: string; group: number }, b: typeof a): boolean {
  return a.encryption === b.encryption && a.hash === b.hash && a.authentication === b.authentication && a.group === b.group;
}
