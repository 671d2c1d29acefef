/**
 * The IKEv2 initial exchanges between two emulated routers (docs/ios-semantics.md#ikev2):
 * IKE_SA_INIT and IKE_AUTH decided by `lib/rules/ikev2-exchange.ts` (configuration order breaks
 * ties, stored key text stands for the key), narrated as IOS's `debug crypto ikev2` phases (under
 * `debug crypto isakmp`, which is where the emulator routes IKE debugs) and recorded as IKEv2 SAs
 * on both routers for `show crypto ikev2 sa`. The CHILD_SA is the caller's quick-mode rules.
 */
import type { CryptoMapEntry, InterfaceConfig } from '../ir/router-config.js';
import { IKEV2_LIFETIME } from '../ir/ikev2-vocabulary.js';
import { ikev2Exchange } from '../rules/ikev2-exchange.js';
import type { Ikev2Sa } from './sa-database.js';
import type { DeviceCore } from './types.js';

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
  entry: CryptoMapEntry,
  now: number,
): Ikev2Initial {
  const x = ikev2Exchange(dev.config, initSeen, resp.config, respLocal, entry, {
    resolve: 'first',
    compareStoredKeys: true,
  });
  const tid = dev.sadb.allocateTunnelId();
  const rtid = resp.sadb.allocateTunnelId();
  dev.log(
    'isakmp',
    `IKEv2:(SESSION ID = ${tid},SA ID = 1):Sending Packet [To ${peerAddr}:500/From ${localAddr}:500/VRF i0:f0] Initiator SPI : ${spi(tid).slice(0, 16)} - Responder SPI : 0000000000000000 Message id: 0 IKEv2 IKE_SA_INIT Exchange REQUEST`,
  );
  resp.log(
    'isakmp',
    `IKEv2:Received Packet [From ${initSeen}:500/To ${respLocal}:500/VRF i0:f0] IKEv2 IKE_SA_INIT Exchange REQUEST`,
  );
  if (!x.saInit.ok) {
    resp.log('isakmp', `IKEv2-ERROR:(SESSION ID = ${rtid},SA ID = 1):: Failed to find a matching proposal`);
    resp.log(
      'isakmp',
      `IKEv2:(SESSION ID = ${rtid},SA ID = 1):Sending Packet [To ${initSeen}:500/From ${respLocal}:500/VRF i0:f0] NOTIFY(NO_PROPOSAL_CHOSEN)`,
    );
    dev.log('isakmp', `IKEv2:(SESSION ID = ${tid},SA ID = 1):Received NOTIFY(NO_PROPOSAL_CHOSEN) from ${peerAddr}`);
    return { ok: false, reason: 'ikev2-proposal' };
  }
  const s = x.saInit.suite;
  resp.log(
    'isakmp',
    `IKEv2:(SESSION ID = ${rtid},SA ID = 1):Verify SA init message; proposal ${x.saInit.accepted.name} chosen`,
  );
  dev.log(
    'isakmp',
    `IKEv2:(SESSION ID = ${tid},SA ID = 1):Processing IKE_SA_INIT Exchange RESPONSE; ${s.encryption} ${s.integrity ?? 'none'} prf ${s.prf} DH group ${s.group}`,
  );
  dev.log(
    'isakmp',
    `IKEv2:(SESSION ID = ${tid},SA ID = 1):Sending Packet [To ${peerAddr}:500/From ${localAddr}:500/VRF i0:f0] IKEv2 IKE_AUTH Exchange REQUEST`,
  );
  const a = x.auth!;
  if (a.kind !== 'ok') {
    resp.log('isakmp', `IKEv2-ERROR:(SESSION ID = ${rtid},SA ID = 1):: Auth exchange failed (${a.kind})`);
    resp.log('syslog', `%IKEV2-5-SA_DOWN: SA DOWN: Local ${respLocal}/500 Remote ${initSeen}/500`);
    dev.log('isakmp', `IKEv2:(SESSION ID = ${tid},SA ID = 1):Received NOTIFY(AUTHENTICATION_FAILED) from ${peerAddr}`);
    return { ok: false, reason: 'ikev2-auth' };
  }
  const iProfile = dev.config.ikev2Profiles?.find((p) => p.name === a.initiatorProfile.name);
  const rProfile = resp.config.ikev2Profiles?.find((p) => p.name === a.responderProfile.name);
  const method = (p: typeof iProfile) => (p?.authenticationLocal === 'pre-share' ? 'PSK' : 'RSA');
  const common = { suite: s, createdAt: now, localSpi: spi(tid), remoteSpi: spi(rtid + 7919) };
  const ike: Ikev2Sa = {
    ...common,
    tunnelId: tid,
    local: localAddr,
    remote: peerAddr,
    interface: iface.name,
    initiator: true,
    profile: a.initiatorProfile.name,
    localIdentity: a.initiatorIdentity,
    remoteIdentity: a.responderIdentity,
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
    profile: a.responderProfile.name,
    localIdentity: a.responderIdentity,
    remoteIdentity: a.initiatorIdentity,
    signMethod: method(rProfile),
    verifyMethod: method(iProfile),
    lifetime: rProfile?.lifetime ?? IKEV2_LIFETIME.default,
    ...(rProfile?.dpd ? { dpd: { interval: rProfile.dpd.interval, retry: rProfile.dpd.retry } } : {}),
  };
  resp.log(
    'isakmp',
    `IKEv2:(SESSION ID = ${rtid},SA ID = 1):Verification of peer's authentication data PASSED; profile ${a.responderProfile.name}`,
  );
  dev.log('isakmp', `IKEv2:(SESSION ID = ${tid},SA ID = 1):Processing IKE_AUTH message; peer authenticated`);
  dev.log('syslog', `%IKEV2-5-SA_UP: SA UP`);
  dev.sadb.addIkev2(ike);
  resp.sadb.addIkev2(respIke);
  return { ok: true, ike, respIke };
}
