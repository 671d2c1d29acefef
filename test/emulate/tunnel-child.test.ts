/**
 * The child SA of a protected tunnel under debug (docs/emulator.md#static-vtis): the first packet
 * routed into a static VTI or a protected GRE tunnel asks for an SA, and after phase 1 both
 * consoles tell quick mode (IKEv1) or the IKE_AUTH response / CREATE_CHILD_SA (IKEv2), with the
 * proxies IOS builds for the tunnel: any/any for a VTI, GRE between the tunnel addresses for GRE.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { edit, replaceLine, type Lab } from '../verify/labs.js';
import { tunnelLab, type TunnelDesign } from '../verify/tunnel-labs.js';

const S1_TO_S2 = 'ping 10.2.0.1 source 10.1.0.1';

function net(lab: Lab, platform: Platform): Network {
  const files = Object.keys(lab)
    .sort()
    .map((file) => ({ ...parseConfig(lab[file]!, { file, platform }), file }));
  return Network.fromParsed(files);
}

/** Spoke1 pings Spoke2 with `debugs` on Spoke1 and the hub; both consoles' text. */
function debugged(design: TunnelDesign, platform: Platform, debugs: string[], lab = tunnelLab(design)) {
  const n = net(lab, platform);
  const [s1, hub] = [n.device('Spoke1'), n.device('Hub')];
  for (const d of debugs) for (const dev of [s1, hub]) dev.exec(d);
  for (const dev of n.devices()) dev.takePendingLog();
  const spoke = s1.exec(S1_TO_S2).output;
  return { n, s1, hub, spoke, hubText: hub.takePendingLog().join('\n') };
}

const IKEV1 = ['debug crypto isakmp', 'debug crypto ipsec'];

describe('GIVEN the IKEv1 static-VTI network on IOS 12.2-style words (ios-15 platform rewrites them)', () => {
  it('WHEN Spoke1 pings Spoke2 under debug THEN quick mode runs after main mode on both ends with any/any proxies and the SPIs the SAs hold', () => {
    const { s1, hub, spoke, hubText } = debugged('svti', 'ios-15', IKEV1);
    const sa = s1.sadb.ipsec.find((s) => s.interface === 'Tunnel1')!;
    // The request comes first, then main mode, then quick mode on the same IKE SA.
    const order = ['IPSEC(sa_request)', 'beginning Main Mode exchange', 'IKE_P1_COMPLETE', 'beginning Quick Mode'];
    const at = order.map((m) => spoke.indexOf(m));
    expect(
      at.every((x) => x >= 0),
      spoke,
    ).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(spoke).toContain('local_proxy= 0.0.0.0/0.0.0.0/256/0,\n    remote_proxy= 0.0.0.0/0.0.0.0/256/0,');
    expect(spoke).toContain(
      `inbound SA from 198.51.100.2 to 203.0.113.10 (proxy 0.0.0.0 to 0.0.0.0)\n        has spi 0x${sa.inbound.spi.toString(16).toUpperCase()}`,
    );
    expect(spoke).toContain('New State = IKE_QM_PHASE2_COMPLETE');
    // The hub answers: it checks the offer, accepts it and creates the mirror SAs.
    const mid = /M-ID of (\d+)/.exec(spoke)![1]!;
    expect(hubText).toContain(`processing SA payload. message ID = ${mid}`);
    expect(hubText).toContain('Old State = IKE_QM_READY  New State = IKE_QM_R_QM2');
    expect(hubText).toContain('ISAKMP:      encaps is 1 (Tunnel)');
    const hubSa = hub.sadb.findInbound(sa.outbound.spi)!;
    expect(hubText).toContain(`has spi 0x${hubSa.inbound.spi.toString(16).toUpperCase()} and conn_id`);
  });

  it('WHEN the SA is replaced in its soft window THEN quick mode runs again on the IKE SA, without main mode', () => {
    const lab = edit(tunnelLab('svti'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' set transform-set TS', [
        ' set transform-set TS',
        ' set security-association lifetime seconds 300',
      ]),
    );
    const { n, s1 } = debugged('svti', 'ios-15', IKEV1, lab);
    n.clock.advance(275_000);
    const again = s1.exec(S1_TO_S2).output;
    expect(again).toContain('beginning Quick Mode exchange');
    expect(again).not.toContain('beginning Main Mode exchange');
    expect(again).toContain('SA life duration (basic) of 300');
  });
});

describe('GIVEN the GRE network with tunnel protection (transport mode)', () => {
  it('WHEN Spoke1 pings Spoke2 under debug THEN the proxies are GRE between the tunnel addresses and the proposal asks for transport mode', () => {
    const { spoke, hubText } = debugged('gre-protected', 'ios-xe-17', IKEV1);
    expect(spoke).toContain(
      'local_proxy= 203.0.113.10/255.255.255.255/47/0,\n    remote_proxy= 198.51.100.2/255.255.255.255/47/0,',
    );
    expect(spoke).toContain('(Transport)');
    expect(spoke).toContain('(proxy 198.51.100.2 to 203.0.113.10)');
    expect(hubText).toContain('ISAKMP:      encaps is 2 (Transport)');
    expect(hubText).toContain(
      'local_proxy= 198.51.100.2/255.255.255.255/47/0,\n    remote_proxy= 203.0.113.10/255.255.255.255/47/0,',
    );
    expect(hubText).toMatch(
      /proxy_match\n\s+src addr\s+: 198\.51\.100\.2\n\s+dst addr\s+: 203\.0\.113\.10\n\s+protocol\s+: 47/,
    );
  });

  it('WHEN the platform is IOS 12.2 THEN the same story carries the proxy types of hosts', () => {
    const { spoke } = debugged('gre-protected', 'ios-12.2', IKEV1);
    expect(spoke).toContain('local_proxy= 203.0.113.10/255.255.255.255/47/0 (type=1),');
    expect(spoke).toContain('ISAKMP:      encaps is 2\n');
    expect(spoke).toMatch(/ISAKMP \(0:\d+\): beginning Quick Mode exchange/);
  });
});

describe('GIVEN the IKEv2 static-VTI network', () => {
  it('WHEN Spoke1 pings Spoke2 under debug THEN the IKE_AUTH response carries the child SA, created on both ends, and no quick mode is told', () => {
    const { spoke, hubText } = debugged('svti-ikev2', 'ios-xe-17', ['debug crypto ikev2', ...IKEV1]);
    expect(spoke).toMatch(/IKE_AUTH Exchange RESPONSE \nPayload contents: \n VID IDr AUTH SA TSi TSr/);
    expect(spoke).toContain('IPSEC(create_sa): sa created');
    expect(hubText).toContain('IPSEC(validate_proposal_request)');
    expect(spoke + hubText).not.toContain('Quick Mode');
  });

  it('WHEN the SA is replaced in its soft window THEN a CREATE_CHILD_SA exchange carries the new child', () => {
    const lab = edit(tunnelLab('svti-ikev2'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' set ikev2-profile HUB', [
        ' set ikev2-profile HUB',
        ' set security-association lifetime seconds 300',
      ]),
    );
    const { n, s1 } = debugged('svti-ikev2', 'ios-xe-17', ['debug crypto ikev2'], lab);
    n.clock.advance(275_000);
    const again = s1.exec(S1_TO_S2).output;
    expect(again).toContain('IKEv2 CREATE_CHILD_SA Exchange REQUEST');
    expect(again).not.toContain('IKE_SA_INIT');
  });
});

describe('GIVEN a tunnel pair the rule refuses with this end initiating', () => {
  const spoke1 = (design: TunnelDesign, from: string, to: string) =>
    edit(tunnelLab(design), 'spoke1.cfg', (t) => replaceLine(t, from, [to]));

  it('WHEN the transform sets differ THEN main mode completes and quick mode is refused on both consoles', () => {
    const lab = spoke1(
      'svti',
      'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
      'crypto ipsec transform-set TS esp-aes 128 esp-sha256-hmac',
    );
    const { s1, spoke, hubText } = debugged('svti', 'ios-15', IKEV1, lab);
    expect(spoke).toContain('Success rate is 0 percent');
    expect(spoke).toContain('New State = IKE_P1_COMPLETE');
    expect(spoke).toContain('processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3');
    expect(hubText).toContain('transform proposal (prot 3, trans 2, hmac_alg 1) not supported');
    expect(hubText).toContain('phase 2 SA policy not acceptable! (local 198.51.100.2 remote 203.0.113.10)');
    expect(s1.sadb.ipsec).toEqual([]);
    expect(s1.exec('show crypto isakmp sa').output).toMatch(/198\.51\.100\.2\s+203\.0\.113\.10\s+QM_IDLE/);
  });

  it('WHEN the keys differ THEN main mode fails under debug and no quick mode follows', () => {
    const lab = spoke1(
      'gre-protected',
      'crypto isakmp key Hub-Spoke1-k3y-19f2 address 198.51.100.2',
      'crypto isakmp key Hub-Spoke1-typo address 198.51.100.2',
    );
    const { spoke } = debugged('gre-protected', 'ios-15', IKEV1, lab);
    expect(spoke).toContain('IPSEC(sa_request)');
    expect(spoke).toContain('beginning Main Mode exchange');
    expect(spoke).not.toContain('Quick Mode');
    expect(spoke).not.toContain('typo');
  });

  it('WHEN the IKEv2 proposals differ THEN IKE_SA_INIT is answered with NO_PROPOSAL_CHOSEN', () => {
    const lab = spoke1('svti-ikev2', ' encryption aes-cbc-256', ' encryption aes-cbc-128');
    const { spoke } = debugged('svti-ikev2', 'ios-xe-17', ['debug crypto ikev2'], lab);
    expect(spoke).toMatch(/IKE_SA_INIT Exchange RESPONSE \nPayload contents: \n NOTIFY\(NO_PROPOSAL_CHOSEN\)/);
  });
});
