import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseLab } from '../verify/labs.js';
import { parseWith, textfsmAvailable } from './textfsm.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from '../verify/ikev2-lab.js';

describe('GIVEN the hand-written IKEv2 network in the emulator', () => {
  it('WHEN a branch pings the other branch THEN IKEv2 SAs come up on both hops and show crypto ikev2 sa lists them the IOS way', () => {
    const net = Network.fromParsed(parseLab(ikev2Lab()));
    const hq = net.device('HQ');
    const out = hq.exec('debug crypto isakmp').output;
    expect(out).toBeDefined();
    const ping = net.ping({ from: 'BranchA', source: '172.16.2.1', to: '192.168.20.1', repeat: 5 });
    expect(ping.received).toBe(5);
    const sa = hq.exec('show crypto ikev2 sa').output;
    expect(sa).toContain(' IPv4 Crypto IKEv2  SA ');
    expect(sa).toMatch(/^\d+\s+198\.51\.100\.2\/500\s+203\.0\.113\.10\/500\s+none\/none\s+READY/m);
    expect(sa).toMatch(/^\d+\s+198\.51\.100\.2\/500\s+203\.0\.113\.20\/500\s+none\/none\s+READY/m);
    expect(sa).toContain(
      'Encr: AES-GCM, keysize: 256, PRF: SHA384, Hash: None, DH Grp:19, Auth sign: PSK, Auth verify: PSK',
    );
    const detailed = hq.exec('show crypto ikev2 sa detailed').output;
    expect(detailed).toContain('Remote id: 203.0.113.10');
    expect(detailed).toContain('DPD configured for 10 seconds, retry 3');
    expect(detailed).toMatch(/Initiator of SA : (Yes|No)/);
    expect(net.device('BranchA').exec('show crypto isakmp sa').output).not.toContain('203.0.113.10');
    const session = hq.exec('show crypto session detail').output;
    expect(session).toContain('Profile: BRANCHES');
    expect(session).toMatch(/Session status: UP-ACTIVE/);
    expect(session).toContain('IKEv2 SA: local 198.51.100.2/500 remote 203.0.113.10/500 Active');
    expect(session).toMatch(/Capabilities:D connid:\d+ lifetime:23:59:/);
    expect(session).toContain('Phase1_id: 203.0.113.10');
    const all = [hq, net.device('BranchA'), net.device('BranchB')]
      .map((d) => d.exec('show crypto ikev2 sa detailed').output)
      .join('\n');
    for (const k of [KEY_A, KEY_B_UP, KEY_B_DOWN]) expect(all).not.toContain(k);
  });

  it('WHEN the hub has no keyring peer for a branch THEN the ping fails and no IKEv2 SA is left for that branch', () => {
    const lab = ikev2Lab();
    lab['hq.cfg'] = lab['hq.cfg']!.replace('  address 203.0.113.10', '  address 203.0.113.99');
    const net = Network.fromParsed(parseLab(lab));
    const ping = net.ping({ from: 'BranchA', source: '172.16.2.1', to: '10.10.0.1', repeat: 3 });
    expect(ping.received).toBe(0);
    const hq = net.device('HQ').exec('show crypto ikev2 sa').output;
    expect(hq).toContain('%IKEV2-5-SA_DOWN');
    expect(hq).not.toMatch(/203\.0\.113\.10\/500\s+none\/none\s+READY/);
  });

  it('WHEN asked on IOS 12.2 THEN show crypto ikev2 sa is invalid input', () => {
    const net = Network.fromParsed(parseLab({ 'r.cfg': 'version 12.2\nhostname R\nend\n' }));
    expect(net.device('R').exec('show crypto ikev2 sa').ok).toBe(false);
  });
});

describe.skipIf(!textfsmAvailable())('GIVEN the ntc-templates oracle (../shared)', () => {
  it('WHEN the IKEv2 hub shows crypto session detail THEN the IOS template parses it into one UP-ACTIVE IKEv2 session per branch', () => {
    const net = Network.fromParsed(parseLab(ikev2Lab()));
    net.ping({ from: 'BranchA', source: '172.16.2.1', to: '192.168.20.1', repeat: 2 });
    net.device('HQ').exec('show ip route'); // flushes the queued %IKEV2 syslog lines
    const [r] = parseWith('cisco_ios_show_crypto_session_detail.textfsm', [
      net.device('HQ').exec('show crypto session detail').output,
    ]);
    expect(r && 'records' in r, JSON.stringify(r)).toBe(true);
    const rows = (r as { records: Record<string, unknown>[] }).records;
    expect(rows.map((x) => [x.peer, x.session_status, x.ikev2_status ?? x.ikev1_status])).toEqual([
      ['203.0.113.10', 'UP-ACTIVE', 'Active'],
      ['203.0.113.20', 'UP-ACTIVE', 'Active'],
    ]);
  });
});
