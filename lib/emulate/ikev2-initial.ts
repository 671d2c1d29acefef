/**
 * The IKEv2 initial exchanges between two emulated routers (docs/ios-semantics.md#ikev2):
 * IKE_SA_INIT and IKE_AUTH decided by `lib/rules/ikev2-exchange.ts` (configuration order breaks
 * ties, stored key text stands for the key), narrated as IOS's `debug crypto ikev2` (ikev2-debug.ts)
 * and recorded as IKEv2 SAs on both routers for `show crypto ikev2 sa`. The child SA is the caller's
 * phase 2 rules; its part of IKE_AUTH (the response) is narrated once it is decided.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../ir/router-config.js';
import { IKEV2_LIFETIME } from '../ir/ikev2-vocabulary.js';
import { ikev2Exchange } from '../rules/ikev2-exchange.js';
import type { Ikev2Sa } from './sa-database.js';
import type { DeviceCore } from './types.js';
import { ikev2Packet, ikev2Prefix, ikev2Say, type Ikev2End } from './ikev2-debug.js';

/** What the initiator's IKE_SA_INIT offers (and the responder's answer carries), as IOS lists it. */
export const SA_INIT_PAYLOADS = 'SA KE N VID VID NOTIFY(NAT_DETECTION_SOURCE_IP) NOTIFY(NAT_DETECTION_DESTINATION_IP)';

/** Why the initial exchanges failed, as the emulator reports it. */
export type Ikev2Failure = 'ikev2-proposal' | 'ikev2-auth';

/** Outcome of {@link ikev2Initial}. */
export type Ikev2Initial =
  | { readonly ok: true; readonly ike: Ikev2Sa; readonly respIke: Ikev2Sa }
  | { readonly ok: false; readonly reason: Ikev2Failure };

/** A deterministic IKEv2 SPI (16 hex digits) for a tunnel id. */
export function spi(seed: number): string {
  return (
    ((seed * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0') +
    ((seed * 40503) >>> 0).toString(16).toUpperCase().padStart(8, '0')
  );
}

/** IKE_SA_INIT then IKE_AUTH from `dev` (on `localAddr`) to the responder (on `respLocal`, seeing us as `initSeen`). */
export function ikev2Initial(
  dev: DeviceCore,
  iface: InterfaceConfig,
  localAddr: string,
  peerAddr: string,
  resp: DeviceCore,
  respIface: InterfaceConfig,
  initSeen: string,
  respLocal: string,
  entry: Pick<CryptoMapEntry, 'ikev2Profile'>,
  now: number,
): Ikev2Initial {
  // Own addresses for identities and `match address local`, seen ones for the keyring lookups.
  const x = ikev2Exchange(
    dev.config,
    localAddr,
    resp.config,
    respLocal,
    entry,
    { resolve: 'first', compareStoredKeys: true },
    { initiatorSeenAs: initSeen, responderCalledAs: peerAddr },
  );
  const tid = dev.sadb.allocateTunnelId();
  const rtid = resp.sadb.allocateTunnelId();
  const a: Ikev2End = { dev, session: tid, local: localAddr, remote: peerAddr };
  const b: Ikev2End = { dev: resp, session: rtid, local: respLocal, remote: initSeen };
  const spis = { initiator: spi(tid), responder: spi(rtid + 7919) };
  const offer = { spis: { ...spis, responder: '0'.repeat(16) }, messageId: 0, exchange: 'IKE_SA_INIT' } as const;
  const init = { ...offer, response: false, payloads: SA_INIT_PAYLOADS };
  ikev2Say(a, 'Generating IKE_SA_INIT message');
  ikev2Packet(a, 'send', init);
  ikev2Packet(b, 'receive', init);
  if (!x.saInit.ok) {
    resp.log('ikev2', `${ikev2Prefix(rtid, 'IKEv2-ERROR')}: Failed to find a matching proposal`);
    const refusal = { ...offer, response: true, payloads: 'NOTIFY(NO_PROPOSAL_CHOSEN)' };
    ikev2Packet(b, 'send', refusal);
    ikev2Packet(a, 'receive', refusal);
    return { ok: false, reason: 'ikev2-proposal' };
  }
  const s = x.saInit.suite;
  ikev2Say(b, 'Verify SA init message');
  const answer = { spis, messageId: 0, exchange: 'IKE_SA_INIT', response: true, payloads: SA_INIT_PAYLOADS } as const;
  ikev2Packet(b, 'send', answer);
  ikev2Packet(a, 'receive', answer);
  ikev2Say(a, 'Processing IKE_SA_INIT message');
  ikev2Say(a, 'Completed SA init exchange');
  ikev2Say(a, 'Generating IKE_AUTH message');
  const auth = { spis, messageId: 1, exchange: 'IKE_AUTH', response: false } as const;
  ikev2Packet(a, 'send', { ...auth, payloads: 'VID IDi AUTH SA TSi TSr NOTIFY(INITIAL_CONTACT)' });
  ikev2Packet(b, 'receive', { ...auth, payloads: 'VID IDi AUTH SA TSi TSr NOTIFY(INITIAL_CONTACT)' });
  const a2 = x.auth!;
  if (a2.kind !== 'ok') {
    resp.log('ikev2', `${ikev2Prefix(rtid, 'IKEv2-ERROR')}: Auth exchange failed (${a2.kind})`);
    resp.log('syslog', `%IKEV2-5-SA_DOWN: SA DOWN: Local ${respLocal}/500 Remote ${initSeen}/500`);
    const refusal = { ...auth, response: true, payloads: 'NOTIFY(AUTHENTICATION_FAILED)' };
    ikev2Packet(b, 'send', refusal);
    ikev2Packet(a, 'receive', refusal);
    return { ok: false, reason: 'ikev2-auth' };
  }
  const iProfile = dev.config.ikev2Profiles?.find((p) => p.name === a2.initiatorProfile.name);
  const rProfile = resp.config.ikev2Profiles?.find((p) => p.name === a2.responderProfile.name);
  const method = (p: typeof iProfile) => (p?.authenticationLocal === 'pre-share' ? 'PSK' : 'RSA');
  const common = { suite: s, createdAt: now, localSpi: spis.initiator, remoteSpi: spis.responder };
  const ike: Ikev2Sa = {
    ...common,
    tunnelId: tid,
    local: localAddr,
    remote: peerAddr,
    interface: iface.name,
    initiator: true,
    profile: a2.initiatorProfile.name,
    localIdentity: a2.initiatorIdentity,
    remoteIdentity: a2.responderIdentity,
    signMethod: method(iProfile),
    verifyMethod: method(rProfile),
    lifetime: iProfile?.lifetime ?? IKEV2_LIFETIME.default,
    ...(iProfile?.dpd ? { dpd: { interval: iProfile.dpd.interval, retry: iProfile.dpd.retry } } : {}),
  };
  const respIke: Ikev2Sa = {
    ...common,
    localSpi: common.remoteSpi,
    remoteSpi: common.localSpi,
    tunnelId: rtid,
    local: respLocal,
    remote: initSeen,
    interface: respIface.name,
    initiator: false,
    profile: a2.responderProfile.name,
    localIdentity: a2.responderIdentity,
    remoteIdentity: a2.initiatorIdentity,
    signMethod: method(rProfile),
    verifyMethod: method(iProfile),
    lifetime: rProfile?.lifetime ?? IKEV2_LIFETIME.default,
    ...(rProfile?.dpd ? { dpd: { interval: rProfile.dpd.interval, retry: rProfile.dpd.retry } } : {}),
  };
  ikev2Say(b, "Verification of peer's authenctication data PASSED");
  ikev2Say(b, `IKEV2 SA created; inserting SA into database. SA lifetime timer (${respIke.lifetime} sec) started`);
  ikev2Say(b, `Session with IKE ID PAIR (${initSeen}, ${respLocal}) is UP`);
  dev.log('syslog', `%IKEV2-5-SA_UP: SA UP`);
  dev.sadb.addIkev2(ike);
  resp.sadb.addIkev2(respIke);
  return { ok: true, ike, respIke };
}
