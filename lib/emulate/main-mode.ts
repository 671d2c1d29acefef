/**
 * Main mode (IKEv1 phase 1) between two emulated routers, narrated in IOS words on both consoles.
 * The rules decide (`lib/rules/peers.ts` `mainModeExchange`: policies, keys with keyrings and
 * ISAKMP profiles, certificates, with order-dependent choices resolved in configuration order as
 * IOS does); this file only tells the story and records the IKE SAs, with the profile each side
 * bound them to and the dead peer detection each side runs (docs/ios-semantics.md#keyrings-and-isakmp-profiles,
 * #certificates, #dead-peer-detection). No function here ever receives a pre-shared key.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../ir/router-config.js';
import type { AuthOutcome, KeyRef } from '../rules/ike-auth.js';
import { usableIsakmpPolicies } from '../rules/ike-phase1.js';
import { deadPeerDetection } from '../rules/dpd.js';
import { mainModeExchange, type MainModeStep } from '../rules/peers.js';
import type { NatTraversal } from '../rules/nat-traversal.js';
import { isakmpAttributeLines } from './algorithm-names.js';
import { IKE_PHASE1_RETRANSMIT_SECONDS } from '../ir/ike-vocabulary.js';
import type { NegotiationFailure } from './negotiation.js';
import type { FailedIkeState, IkeSa } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

/** The responder that owns the peer address, and the interface that owns it. */
export interface Path {
  readonly responder: DeviceCore;
  readonly respIface: InterfaceConfig;
  /**
   * With a NAT between the two (docs/ios-semantics.md#nat-traversal): the address the responder
   * sees the initiator as, the responder's own address, and NAT-T (UDP 4500) in use.
   * @default - no NAT: the plain addresses
   */
  readonly nat?: { readonly initSeen: string; readonly respLocal: string; readonly traversal: NatTraversal };
}

/**
 * The responder's view of the two addresses: the initiator as it sees it and its own address
 * (behind NAT the public and the private one, docs/ios-semantics.md#nat-traversal).
 */
export function responderView(path: Path, localAddr: string, peerAddr: string): readonly [string, string] {
  return path.nat ? [path.nat.initSeen, path.nat.respLocal] : [localAddr, peerAddr];
}

function natFlag(natT: boolean): { natTraversal?: true } {
  return natT ? { natTraversal: true } : {};
}

/** Outcome of {@link mainMode}. */
export type MainModeResult =
  | { readonly ok: true; readonly ike: IkeSa; readonly respIke: IkeSa }
  | { readonly ok: false; readonly reason: NegotiationFailure; readonly step: MainModeStep };

/** `Looking for a matching key` when the key sits in a keyring (IOS names the keyring it searched). */
function keyLookupLine(key: KeyRef | undefined, peer: string): string | undefined {
  return key?.keyring ? `ISAKMP: Looking for a matching key for ${peer} in ${key.keyring.name} : success` : undefined;
}

/** The DPD vendor ID a side sends when it runs DPD (IOS: "vendor ID is DPD" on the receiving side). */
function dpdVendorId(from: DeviceCore, profile: string | undefined, to: DeviceCore, conn: string): void {
  if (!deadPeerDetection(from.config, profile)) return;
  to.log('isakmp', () => `ISAKMP (${conn}): processing vendor id payload`);
  to.log('isakmp', () => `ISAKMP (${conn}): vendor ID is DPD`);
}

/** A side found its pre-shared key for the peer (naming the keyring it searched, when the key sits in one). */
function foundKey(d: DeviceCore, conn: number, key: KeyRef | undefined, peer: string): void {
  const looked = keyLookupLine(key, peer);
  if (looked) d.log('isakmp', () => looked);
  d.log('isakmp', () => `ISAKMP (0:${conn}): found peer pre-shared key matching ${peer}`);
}

/** The responder accepts no offer: it answers NO_PROPOSAL_CHOSEN and the initiator deletes its SA. */
function refusePolicies(
  dev: DeviceCore,
  resp: DeviceCore,
  c: number,
  rc: number,
  localAddr: string,
  peerAddr: string,
  [initSeen, respLocal]: readonly [string, string],
): void {
  resp.log('isakmp', () => `ISAKMP (0:${rc}): no offers accepted!`);
  resp.log(
    'isakmp',
    () => `ISAKMP (0:${rc}): phase 1 SA policy not acceptable! (local ${respLocal} remote ${initSeen})`,
  );
  resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${initSeen}`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_NO_STATE`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): processing NOTIFY NO_PROPOSAL_CHOSEN protocol 1`);
  dev.log(
    'isakmp',
    () =>
      `ISAKMP (0:${c}): deleting SA reason "phase 1 SA policy not acceptable" state (I) MM_NO_STATE (peer ${peerAddr})`,
  );
}

/**
 * Records the phase 1 SA a failed main mode leaves in `show crypto isakmp sa` (the state IOS shows
 * after a failure: MM_NO_STATE for a silent or refusing peer, MM_KEY_EXCH for a failed MM5; Cisco's
 * "IPsec Troubleshooting: Understanding and Using debug Commands" and the main mode state table of
 * `show crypto isakmp sa`). docs/ios-semantics.md#ike-states-after-a-failure.
 */
export function leftBehind(
  d: DeviceCore,
  connId: number,
  local: string,
  remote: string,
  initiator: boolean,
  state: FailedIkeState,
  deletedAt: number,
): void {
  d.sadb.recordFailedIke({ connId, local, remote, initiator, state, deletedAt });
}

/**
 * When IOS deletes an attempt that started at `startedMs` and dies by retransmission: after its
 * three retransmissions and the final wait (docs/emulator.md#ike-timing), whether or not the
 * emulator made the packet wait for them.
 */
export function deathByRetransmissionAt(startedMs: number): number {
  return startedMs + 4 * IKE_PHASE1_RETRANSMIT_SECONDS * 1000;
}

/** The crypto map entry's `set isakmp-profile`; none without an entry (a static VTI's main mode). */
function profileOf(entry: CryptoMapEntry | undefined): string | undefined {
  return entry?.isakmpProfile;
}

function exchangeOptions(f: Fabric, entry: CryptoMapEntry | undefined) {
  return { relaxLifetime: f.options.relaxLifetime ?? false, compareStoredKeys: true, ...(entry ? { entry } : {}) };
}

/** Main mode between the initiator and the responder: keys, policies, authentication. */
export function mainMode(
  f: Fabric,
  dev: DeviceCore,
  iface: InterfaceConfig,
  localAddr: string,
  peerAddr: string,
  path: Path,
  entry: CryptoMapEntry | undefined,
): MainModeResult {
  const resp = path.responder;
  const [initSeen, respLocal] = responderView(path, localAddr, peerAddr);
  // The rules decide; the rest of this function narrates it.
  const mm = mainModeExchange(dev.config, localAddr, resp.config, peerAddr, {
    ...exchangeOptions(f, entry),
    initiatorSeenAs: initSeen,
    responderAddress: respLocal,
  });
  const { step, auth, phase1: p1 } = mm;
  const c = dev.sadb.allocateIkeConnId();
  const dies = deathByRetransmissionAt(f.clock.now);
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
  resp.log('isakmp', () => `ISAKMP (0:0): received packet from ${initSeen} (N) NEW SA`);
  resp.log('isakmp', () => 'ISAKMP: local port 500, remote port 500');
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing SA payload. message ID = 0`);
  dpdVendorId(dev, profileOf(entry), resp, `0:${rc}`);
  if (step === 'no-key-remote') {
    resp.log('isakmp', () => `ISAKMP: no pre-shared key based on address ${initSeen}`);
    resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${initSeen}`);
    for (let i = 0; i < 3; i += 1) {
      dev.retransmitWait();
      dev.log('isakmp', () => `ISAKMP (0:${c}): retransmitting phase 1 MM_NO_STATE...`);
    }
    dev.retransmitWait();
    dev.log(
      'isakmp',
      () => `ISAKMP (0:${c}): deleting SA reason "death by retransmission P1" state (I) MM_NO_STATE (peer ${peerAddr})`,
    );
    leftBehind(dev, c, localAddr, peerAddr, true, 'MM_NO_STATE', dies);
    return { ok: false, reason: 'no-key-remote', step };
  }
  const keys = auth && 'responderKey' in auth ? auth : undefined;
  const certificates = p1.ok && p1.policy.authentication !== 'pre-share';
  if (!certificates) foundKey(resp, rc, keys?.responderKey, initSeen);
  narratePolicyWalk(dev, resp, rc, p1);
  if (!p1.ok) {
    refusePolicies(dev, resp, c, rc, localAddr, peerAddr, [initSeen, respLocal]);
    // NO_PROPOSAL_CHOSEN: the initiator deletes its SA at once.
    leftBehind(dev, c, localAddr, peerAddr, true, 'MM_NO_STATE', f.clock.now);
    return { ok: false, reason: phase1Reason(p1.reason), step };
  }
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${initSeen} (R) MM_SA_SETUP`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_NO_STATE`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): processing SA payload. message ID = 0`);
  dpdVendorId(resp, undefined, dev, `0:${c}`);
  if (!certificates) foundKey(dev, c, keys && 'initiatorKey' in keys ? keys.initiatorKey : undefined, peerAddr);
  dev.log(
    'isakmp',
    () => `ISAKMP (0:${c}): Checking ISAKMP transform 1 against priority ${p1.offered.priority} policy`,
  );
  if (dev.wants('isakmp')) for (const l of isakmpAttributeLines(p1.offered)) dev.log('isakmp', l);
  dev.log('isakmp', () => `ISAKMP (0:${c}): atts are acceptable. Next payload is 0`);
  const method = certificates ? 'RSA signature' : 'pre-shared key';
  dev.log('isakmp', () => `ISAKMP (0:${c}): SA is doing ${method} authentication using id type ID_IPV4_ADDR`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_SA_SETUP`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${initSeen} (R) MM_SA_SETUP`);
  for (const p of ['KE', 'NONCE'])
    resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ${p} payload. message ID = 0`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): SKEYID state generated`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${initSeen} (R) MM_KEY_EXCH`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_SA_SETUP`);
  for (const p of ['KE', 'NONCE']) dev.log('isakmp', () => `ISAKMP (0:${c}): processing ${p} payload. message ID = 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): SKEYID state generated`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${peerAddr} (I) MM_KEY_EXCH`);
  const failed = authFailure(dev, resp, c, rc, localAddr, peerAddr, step, auth, [initSeen, respLocal], dies);
  if (failed) return failed;
  return established(f, dev, iface, localAddr, peerAddr, path, c, rc, p1, auth, entry);
}

/** The responder's walk over its policies against every offer, as `debug crypto isakmp` shows it. */
function narratePolicyWalk(
  dev: DeviceCore,
  resp: DeviceCore,
  rc: number,
  p1: ReturnType<typeof mainModeExchange>['phase1'],
): void {
  const offers = resp.wants('isakmp') ? usableIsakmpPolicies(dev.config) : [];
  for (const mine of offers.length > 0 ? usableIsakmpPolicies(resp.config) : []) {
    for (let i = 0; i < offers.length; i += 1) {
      const offer = offers[i]!;
      resp.log(
        'isakmp',
        () => `ISAKMP (0:${rc}): Checking ISAKMP transform ${i + 1} against priority ${mine.priority} policy`,
      );
      for (const l of isakmpAttributeLines(offer)) resp.log('isakmp', l);
      if (p1.ok && p1.policy.priority === mine.priority && p1.offered.priority === offer.priority) {
        resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are acceptable. Next payload is 0`);
        return;
      }
      resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are not acceptable. Next payload is 0`);
    }
  }
}

/** MM5 fails at the responder: different keys, a key outside the profile, or no certificate. */
function authFailure(
  dev: DeviceCore,
  resp: DeviceCore,
  c: number,
  rc: number,
  localAddr: string,
  peerAddr: string,
  step: MainModeStep,
  auth: AuthOutcome | undefined,
  [initSeen, respLocal]: readonly [string, string],
  dies: number,
): MainModeResult | undefined {
  // `undecided` reaches the emulator only for RSA encrypted nonces, whose public keys it does not model.
  if (step !== 'key-mismatch' && step !== 'auth-failed' && step !== 'undecided') return undefined;
  if (step === 'key-mismatch') {
    // A different key decrypts MM5 into garbage: the responder's sanity check fails.
    resp.log(
      'syslog',
      `%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${initSeen} failed its sanity check or is malformed`,
    );
  } else if (auth?.kind === 'keyring-not-in-profile') {
    resp.log('isakmp', () => `ISAKMP (0:${rc}): peer matches ${auth.profile.name} profile`);
    resp.log(
      'isakmp',
      () =>
        `ISAKMP (0:${rc}): the pre-shared key of keyring ${auth.responderKey.keyring?.name ?? 'default'} is not in profile ${auth.profile.name}`,
    );
    resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${initSeen}`);
  } else {
    const side = auth?.kind === 'no-trustpoint' && auth.side === 'initiator' ? dev : resp;
    side.log(
      'isakmp',
      () =>
        `ISAKMP: No cert, and no keys (public or pre-shared) with remote peer ${side === dev ? peerAddr : initSeen}`,
    );
    resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main mode failed with peer at ${initSeen}`);
  }
  for (let i = 0; i < 3; i += 1) {
    dev.retransmitWait();
    dev.log('isakmp', () => `ISAKMP (0:${c}): retransmitting phase 1 MM_KEY_EXCH...`);
  }
  dev.retransmitWait();
  dev.log(
    'isakmp',
    () => `ISAKMP (0:${c}): deleting SA reason "death by retransmission P1" state (I) MM_KEY_EXCH (peer ${peerAddr})`,
  );
  // Both sides computed the Diffie-Hellman secret (MM3/MM4) and stopped at MM5: both stay in MM_KEY_EXCH.
  leftBehind(dev, c, localAddr, peerAddr, true, 'MM_KEY_EXCH', dies);
  leftBehind(resp, rc, respLocal, initSeen, false, 'MM_KEY_EXCH', dies);
  return { ok: false, reason: step === 'key-mismatch' ? 'key-mismatch' : 'phase1-authentication', step };
}

function established(
  f: Fabric,
  dev: DeviceCore,
  iface: InterfaceConfig,
  localAddr: string,
  peerAddr: string,
  path: Path,
  c: number,
  rc: number,
  p1: Extract<ReturnType<typeof mainModeExchange>['phase1'], { ok: true }>,
  auth: AuthOutcome | undefined,
  entry: CryptoMapEntry | undefined,
): MainModeResult {
  const resp = path.responder;
  const [initSeen, respLocal] = responderView(path, localAddr, peerAddr);
  const rsig = p1.policy.authentication !== 'pre-share';
  const payloads = rsig ? ['ID', 'CERT', 'SIG'] : ['ID', 'HASH'];
  resp.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${initSeen} (R) MM_KEY_EXCH`);
  for (const p of payloads) resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ${p} payload. message ID = 0`);
  const profiled = (resp.config.isakmpProfiles ?? []).length > 0;
  const respProfile = auth && (auth.kind === 'psk' || auth.kind === 'certificate') ? auth.responder?.name : undefined;
  if (profiled)
    resp.log('isakmp', () =>
      respProfile
        ? `ISAKMP (0:${rc}): peer matches ${respProfile} profile`
        : `ISAKMP (0:${rc}): peer matches *none* of the profiles`,
    );
  resp.log('isakmp', () => `ISAKMP (0:${rc}): SA has been authenticated with ${initSeen}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${initSeen} (R) QM_IDLE`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${peerAddr} (I) MM_KEY_EXCH`);
  for (const p of payloads) dev.log('isakmp', () => `ISAKMP (0:${c}): processing ${p} payload. message ID = 0`);
  dev.log('isakmp', () => `ISAKMP (0:${c}): SA has been authenticated with ${peerAddr}`);
  const now = f.clock.now;
  const mineDpd = deadPeerDetection(dev.config, entry?.isakmpProfile);
  const theirDpd = deadPeerDetection(resp.config, respProfile);
  const natT = path.nat?.traversal.kind === 'udp-encapsulation';
  if (natT) natDetected(dev, c, resp, rc, initSeen !== localAddr);
  const ike: IkeSa = {
    ...natFlag(natT),
    connId: c,
    local: localAddr,
    remote: peerAddr,
    interface: iface.name,
    initiator: true,
    policy: p1.offered,
    lifetime: p1.lifetime,
    createdAt: now,
    ...(entry?.isakmpProfile !== undefined ? { profile: entry.isakmpProfile } : {}),
    ...(mineDpd ? { dpd: mineDpd } : {}),
  };
  const respIke: IkeSa = {
    ...natFlag(natT),
    connId: rc,
    local: respLocal,
    remote: initSeen,
    interface: path.respIface.name,
    initiator: false,
    policy: p1.policy,
    lifetime: p1.lifetime,
    createdAt: now,
    ...(respProfile !== undefined ? { profile: respProfile } : {}),
    ...(theirDpd ? { dpd: theirDpd } : {}),
  };
  dev.sadb.addIke(ike);
  resp.sadb.addIke(respIke);
  return { ok: true, ike, respIke };
}

/**
 * NAT-D in MM3/MM4 found a NAT between the two: each side says where it sits and IKE floats to
 * UDP 4500 (docs/ios-semantics.md#nat-traversal; the wording of IOS `debug crypto isakmp`).
 */
function natDetected(dev: DeviceCore, c: number, resp: DeviceCore, rc: number, initiatorInside: boolean): void {
  const where = (inside: boolean) => `NAT found, the node ${inside ? 'inside' : 'outside'} NAT`;
  dev.log('isakmp', () => `ISAKMP (0:${c}): ${where(initiatorInside)}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): ${where(!initiatorInside)}`);
  dev.log('isakmp', () => 'ISAKMP: local port 4500, remote port 4500');
  resp.log('isakmp', () => 'ISAKMP: local port 4500, remote port 4500');
}

/** The emulator's reason for a phase 1 failure. */
function phase1Reason(
  reason: Extract<ReturnType<typeof mainModeExchange>['phase1'], { ok: false }>['reason'],
): NegotiationFailure {
  if (reason === 'lifetime') return 'phase1-lifetime';
  if (reason === 'legacy-algorithm-rejected') return 'phase1-legacy';
  return 'phase1-policy';
}
