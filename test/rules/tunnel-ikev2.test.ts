/**
 * lib/rules/tunnel-ikev2.ts (docs/ios-semantics.md#static-vti-with-ikev2): the IKEv2 rule of a
 * static VTI pair, on the parsed hub and spoke of the hand-written IOS-XE 17 network.
 */
import { describe, expect, it } from 'vitest';
import type { RouterConfig } from '../../lib/ir/router-config.js';
import {
  negotiateVtiIkev2,
  profileIkeVersion,
  vtiIkev2Direction,
  type VtiIkev2End,
} from '../../lib/rules/tunnel-ikev2.js';
import { negotiateVti, protectionProfile } from '../../lib/rules/tunnel-ipsec.js';
import { edit, parseLab, replaceLine, type Lab } from '../verify/labs.js';
import { tunnelLab } from '../verify/tunnel-labs.js';

const HUB = '198.51.100.2';
const SPOKE1 = '203.0.113.10';

function ends(lab: Lab): { hub: VtiIkev2End; spoke: VtiIkev2End; hubConfig: RouterConfig; spokeConfig: RouterConfig } {
  const files = parseLab(lab);
  const hubConfig = files.find((f) => f.file === 'hub.cfg')!.config;
  const spokeConfig = files.find((f) => f.file === 'spoke1.cfg')!.config;
  const tunnel = (c: RouterConfig, name: string) => c.interfaces.find((i) => i.name === name)!;
  return {
    hub: { config: hubConfig, address: HUB, profile: protectionProfile(hubConfig, tunnel(hubConfig, 'Tunnel1'))! },
    spoke: {
      config: spokeConfig,
      address: SPOKE1,
      profile: protectionProfile(spokeConfig, tunnel(spokeConfig, 'Tunnel1'))!,
    },
    hubConfig,
    spokeConfig,
  };
}

const lab = tunnelLab('svti-ikev2');

describe('GIVEN the hub and Spoke1 of the IKEv2 static-VTI network', () => {
  it('WHEN their profiles are read THEN both negotiate IKEv2, and a profile without set ikev2-profile IKEv1', () => {
    const { hub, spoke } = ends(lab);
    expect([profileIkeVersion(hub.profile), profileIkeVersion(spoke.profile)]).toEqual([2, 2]);
    expect(profileIkeVersion({ ...hub.profile, ikev2Profile: undefined } as typeof hub.profile)).toBe(1);
  });

  it('WHEN each end initiates THEN IKE_SA_INIT and IKE_AUTH succeed and the responder binds the profile its tunnel names', () => {
    const { hub, spoke } = ends(lab);
    const r = negotiateVtiIkev2(spoke, hub);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.pair.map((x) => (x.auth?.kind === 'ok' ? x.auth.responderProfile.name : undefined))).toEqual([
      'SPOKES',
      'HUB',
    ]);
    expect(r.pair[0]!.saInit.ok && r.pair[0]!.saInit.suite).toEqual({
      encryption: 'aes-cbc-256',
      integrity: 'sha256',
      prf: 'sha256',
      group: 19,
    });
  });

  it('WHEN only the hub-initiated direction fails THEN the failure names the hub as initiator', () => {
    // The spoke's profile no longer matches the hub: the spoke refuses IKE_AUTH when the hub initiates.
    const broken = edit(lab, 'spoke1.cfg', (t) =>
      replaceLine(t, ' match identity remote address 198.51.100.2 255.255.255.255', [
        ' match identity remote address 198.51.100.3 255.255.255.255',
      ]),
    );
    const { hub, spoke } = ends(broken);
    const r = negotiateVtiIkev2(spoke, hub);
    expect(r).toMatchObject({ ok: false, kind: 'ikev2', initiator: 'b' });
    if (r.ok || r.kind !== 'ikev2') return;
    expect(r.exchange.auth?.kind).toBe('no-profile-match');
  });

  it('WHEN one direction is undecided and the other fails THEN the failure wins', () => {
    // Two hub profiles match the spoke (undecided when the spoke initiates); the hub's keyring misses the spoke.
    const both = edit(lab, 'hub.cfg', (t) =>
      replaceLine(t, '  address 203.0.113.10', ['  address 203.0.113.11']).replace(
        'crypto ipsec transform-set TS',
        'crypto ikev2 profile SECOND\n match identity remote address 203.0.113.0 255.255.255.0\n authentication remote pre-share\n authentication local pre-share\n keyring local SPOKES\n!\ncrypto ipsec transform-set TS',
      ),
    );
    const { hub, spoke } = ends(both);
    expect(vtiIkev2Direction(spoke, hub)).toMatchObject({ ok: false, kind: 'unmodelled', reason: 'ikev2-undecided' });
    expect(negotiateVtiIkev2(spoke, hub)).toMatchObject({ ok: false, kind: 'ikev2', initiator: 'b' });
    // The emulator's configuration order picks SPOKES and meets the keyring miss both ways.
    expect(vtiIkev2Direction(spoke, hub, { resolve: 'first' })).toMatchObject({ ok: false, kind: 'ikev2' });
  });

  it('WHEN the spoke offers no PFS and the hub requires group 19 THEN the pair fails at the first rekey', () => {
    const { hub, spoke } = ends(edit(lab, 'spoke1.cfg', (t) => replaceLine(t, ' set pfs group19', [])));
    expect(vtiIkev2Direction(spoke, hub)).toEqual({ ok: false, kind: 'pfs-mismatch' });
    // The hub offers group 19 to a spoke that sets no PFS: accepted.
    expect(vtiIkev2Direction(hub, spoke).ok).toBe(true);
  });

  it('WHEN negotiateVti meets the pair THEN it hands IKEv2 to this rule and returns both exchanges', () => {
    const { hubConfig, spokeConfig } = ends(lab);
    const t = (c: RouterConfig) => c.interfaces.find((i) => i.name === 'Tunnel1')!;
    const v = negotiateVti(
      { config: spokeConfig, tunnel: t(spokeConfig), address: SPOKE1 },
      { config: hubConfig, tunnel: t(hubConfig), address: HUB },
    );
    expect(v.ok && v.ikev2?.length).toBe(2);
  });
});
