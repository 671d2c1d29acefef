import { describe, expect, it } from 'vitest';
import { SaDatabase, type IkeSa } from '../../lib/emulate/sa-database.js';
import { labNetwork, type LabEdits } from './lab.js';
import { Network } from '../../lib/emulate/index.js';
import { parseLab } from '../verify/labs.js';
import { ikev2Lab } from '../verify/ikev2-lab.js';

// A key only this test uses, so a leak is unambiguous.
const WRONG_KEY = 'states-wrong-key-31';
const KEY_MISMATCH: LabEdits = {
  'spoke1.cfg': [['crypto isakmp key cisco123 address 10.1.4.1', `crypto isakmp key ${WRONG_KEY} address 10.1.4.1`]],
};
const TO_HUB_LAN = 'ping 10.1.1.1 source 172.16.1.1';

/** The rows of `show crypto isakmp sa` (heading lines dropped), split into columns. */
function isakmpRows(output: string): string[][] {
  return output
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => l.trim().split(/\s+/));
}

describe('IKE states after failures in show crypto isakmp sa', () => {
  it('GIVEN a spoke key changed WHEN the spoke pings the hub LAN THEN both ends show MM_KEY_EXCH, no QM_IDLE, and no key', () => {
    const net = labNetwork('two-spokes', KEY_MISMATCH);
    expect(net.device('Spoke1').exec(TO_HUB_LAN).ping?.successRate).toBe(0);
    const spoke = net.device('Spoke1').exec('show crypto isakmp sa').output;
    expect(spoke.split('\n')[0]).toBe('dst             src             state          conn-id slot');
    const spokeRows = isakmpRows(spoke);
    expect(spokeRows.map((r) => [r[0], r[1], r[2], r[4]])).toEqual([['10.1.4.1', '10.1.2.1', 'MM_KEY_EXCH', '0']]);
    // The hub answered MM3/MM4 and then could not read MM5: it shows the same pair, dst = responder.
    const hub = isakmpRows(net.device('Hub').exec('show crypto isakmp sa').output);
    expect(hub.map((r) => [r[0], r[1], r[2]])).toEqual([['10.1.4.1', '10.1.2.1', 'MM_KEY_EXCH']]);
    // A failed SA is not a usable one: no quick mode, no engine connection, no detail row.
    expect(net.device('Spoke1').engineConnections()).toEqual([]);
    expect(net.device('Spoke1').exec('show crypto isakmp sa detail').output).not.toContain('10.1.4.1');
    for (const d of net.devices()) expect(d.consoleHistory.join('\n')).not.toContain(WRONG_KEY);
  });

  it('GIVEN repeated failed attempts WHEN shown THEN one row per peer remains, with the latest conn-id; clear crypto isakmp removes it', () => {
    const net = labNetwork('two-spokes', KEY_MISMATCH);
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB_LAN);
    const first = isakmpRows(spoke.exec('show crypto isakmp sa').output);
    spoke.exec(TO_HUB_LAN);
    const second = isakmpRows(spoke.exec('show crypto isakmp sa').output);
    expect(second).toHaveLength(1);
    expect(Number(second[0]![3])).toBeGreaterThan(Number(first[0]![3]));
    spoke.exec('clear crypto isakmp');
    expect(isakmpRows(spoke.exec('show crypto isakmp sa').output)).toEqual([]);
  });

  it('GIVEN an unreachable peer WHEN the spoke pings THEN the spoke shows MM_NO_STATE for it; with a live second peer that one is QM_IDLE', () => {
    const dead = labNetwork('two-spokes', { 'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.9.9\n']] });
    dead.device('Spoke1').exec(TO_HUB_LAN);
    expect(isakmpRows(dead.device('Spoke1').exec('show crypto isakmp sa').output).map((r) => r.slice(0, 3))).toEqual([
      ['10.1.9.9', '10.1.2.1', 'MM_NO_STATE'],
    ]);
    expect(isakmpRows(dead.device('Hub').exec('show crypto isakmp sa').output)).toEqual([]);

    const failover = labNetwork('two-spokes', {
      'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.9.9\n set peer 10.1.4.1\n']],
    });
    const spoke = failover.device('Spoke1');
    expect(spoke.exec(TO_HUB_LAN).ping?.successRate).toBe(100);
    const rows = isakmpRows(spoke.exec('show crypto isakmp sa').output);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['10.1.9.9', '10.1.2.1', 'MM_NO_STATE'],
      ['10.1.4.1', '10.1.2.1', 'QM_IDLE'],
    ]);
    // The established SA's conn-id is the engine's IKE connection; the failed one has none.
    const ike = spoke.engineConnections().filter((c) => c.kind === 'ike');
    expect(ike.map((c) => c.id)).toEqual([Number(rows[1]![3])]);
    expect(rows[0]![3]).not.toBe(rows[1]![3]);
  });

  it('GIVEN no common ISAKMP policy WHEN the spoke pings THEN the spoke shows MM_NO_STATE and the hub nothing', () => {
    const net = labNetwork('two-spokes', { 'spoke1.cfg': [[' hash md5\n', ' hash sha\n encryption aes\n']] });
    const r = net.device('Spoke1').exec(TO_HUB_LAN).ping;
    expect(r?.losses[0]?.negotiation).toBe('phase1-policy');
    expect(isakmpRows(net.device('Spoke1').exec('show crypto isakmp sa').output).map((x) => x.slice(0, 3))).toEqual([
      ['10.1.4.1', '10.1.2.1', 'MM_NO_STATE'],
    ]);
    expect(isakmpRows(net.device('Hub').exec('show crypto isakmp sa').output)).toEqual([]);
  });

  it('GIVEN an IOS 15 spoke with a changed key WHEN it pings THEN the IOS 15 layout shows MM_KEY_EXCH with a 1000-based conn-id and ACTIVE', () => {
    const net = labNetwork('two-spokes', {
      'spoke1.cfg': [['version 12.2', 'version 15.4'], ...KEY_MISMATCH['spoke1.cfg']!],
    });
    net.device('Spoke1').exec(TO_HUB_LAN);
    const out = net.device('Spoke1').exec('show crypto isakmp sa').output;
    expect(out.split('\n').slice(0, 2)).toEqual([
      'IPv4 Crypto ISAKMP SA',
      'dst             src             state          conn-id status',
    ]);
    expect(out).toMatch(/^10\.1\.4\.1\s+10\.1\.2\.1\s+MM_KEY_EXCH\s+10\d\d ACTIVE$/m);
  });

  it('GIVEN a failed row WHEN an SA between the same addresses is established THEN the failed row is replaced', () => {
    const db = new SaDatabase('R1');
    db.recordFailedIke({
      connId: 1,
      local: '10.0.0.1',
      remote: '10.0.0.2',
      initiator: true,
      state: 'MM_NO_STATE',
      deletedAt: 0,
    });
    db.recordFailedIke({
      connId: 2,
      local: '10.0.0.1',
      remote: '10.0.0.3',
      initiator: true,
      state: 'MM_KEY_EXCH',
      deletedAt: 0,
    });
    const sa = { connId: 3, local: '10.0.0.1', remote: '10.0.0.2' } as Partial<IkeSa> as IkeSa;
    db.addIke(sa);
    expect(db.failedIke.map((s) => s.connId)).toEqual([2]);
    expect(db.ike).toEqual([sa]);
    expect(db.clearIke('10.0.0.3')).toEqual([]);
    expect(db.failedIke).toEqual([]);
  });

  it('GIVEN a hub that discards traffic to the spoke WHEN the spoke pings THEN the spoke shows MM_NO_STATE and the hub, whose answer is lost, MM_SA_SETUP', () => {
    const net = labNetwork('two-spokes', {
      'hub.cfg': [['ip http server', 'ip route 10.1.2.1 255.255.255.255 Null0\nip http server']],
    });
    const hub = net.device('Hub');
    hub.exec('debug crypto isakmp');
    expect(net.device('Spoke1').exec(TO_HUB_LAN).ping?.successRate).toBe(0);
    const spokeRows = isakmpRows(net.device('Spoke1').exec('show crypto isakmp sa').output);
    expect(spokeRows.map((r) => r.slice(0, 3))).toEqual([['10.1.4.1', '10.1.2.1', 'MM_NO_STATE']]);
    const hubOut = hub.exec('show crypto isakmp sa').output;
    // dst is the responder (the hub itself), as in the public capture of a responder stuck in MM_SA_SETUP.
    expect(isakmpRows(hubOut).map((r) => r.slice(0, 3))).toEqual([['10.1.4.1', '10.1.2.1', 'MM_SA_SETUP']]);
    expect(hubOut).toContain('sending packet to 10.1.2.1 (R) MM_SA_SETUP');
    // Each of the 5 echoes starts a main mode whose MM1 is retransmitted 3 times.
    expect(hubOut.match(/phase 1 packet is a duplicate of a previous packet/g)).toHaveLength(15);
    expect(hub.engineConnections()).toEqual([]);
  });

  it('GIVEN a hub with no policy the spoke offers and no way back WHEN the spoke pings THEN the hub keeps no row (it refused MM1)', () => {
    const net = labNetwork('two-spokes', {
      'hub.cfg': [['ip http server', 'ip route 10.1.2.1 255.255.255.255 Null0\nip http server']],
      'spoke1.cfg': [[' hash md5\n', ' hash sha\n']],
    });
    net.device('Spoke1').exec(TO_HUB_LAN);
    expect(isakmpRows(net.device('Hub').exec('show crypto isakmp sa').output)).toEqual([]);
    expect(isakmpRows(net.device('Spoke1').exec('show crypto isakmp sa').output)[0]?.[2]).toBe('MM_NO_STATE');
  });

  it('GIVEN an IKEv2 branch whose hub address is unreachable WHEN it pings THEN show crypto ikev2 sa lists the SA IN-NEG with no suite, and no ISAKMP row', () => {
    const lab = ikev2Lab();
    lab['hq.cfg'] = lab['hq.cfg']!.replace(
      ' ip address 198.51.100.2 255.255.255.248',
      ' ip address 198.51.100.3 255.255.255.248',
    );
    const net = Network.fromParsed(parseLab(lab));
    const branch = net.device('BranchA');
    branch.exec('debug crypto isakmp');
    expect(net.ping({ from: 'BranchA', source: '172.16.2.1', to: '10.10.0.1', repeat: 2 }).received).toBe(0);
    const out = branch.exec('show crypto ikev2 sa').output;
    expect(out).toMatch(/^\d+\s+203\.0\.113\.10\/500\s+198\.51\.100\.2\/500\s+none\/none\s+IN-NEG $/m);
    expect(out).toContain(
      '      Encr: Unknown - 0, PRF: Unknown - 0, Hash: None, DH Grp:0, Auth sign: Unknown - 0, Auth verify: Unknown - 0\n      Life/Active Time: 86400/0 sec',
    );
    expect(out.match(/IN-NEG/g)).toHaveLength(1); // a second attempt replaced the first row
    expect(branch.consoleHistory.join('\n')).not.toContain('Main Mode');
    expect(isakmpRows(branch.exec('show crypto isakmp sa').output)).toEqual([]);
    branch.exec('clear crypto ikev2 sa');
    expect(branch.exec('show crypto ikev2 sa').output).not.toContain('IN-NEG');
    branch.exec('debug crypto ikev2');
    const again = net.ping({ from: 'BranchA', source: '172.16.2.1', to: '10.10.0.1', repeat: 1 }).output;
    expect(again).toContain('Maximum number of retransmissions reached');
    expect(branch.exec('show crypto ikev2 sa').output).toContain('IN-NEG');
  });

  it('GIVEN an IOS 15 key mismatch WHEN IOS has given the attempt up (40 s of retransmissions) THEN both rows read MM_NO_STATE ACTIVE (deleted), as IOS 15 captures show', () => {
    const ios15: LabEdits = {
      'spoke1.cfg': [['version 12.2', 'version 15.4'], ...KEY_MISMATCH['spoke1.cfg']!],
      'hub.cfg': [['version 12.2', 'version 15.4']],
    };
    const net = labNetwork('two-spokes', ios15);
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB_LAN);
    // Within the retransmission window the attempt is still in progress.
    expect(spoke.exec('show crypto isakmp sa').output).toMatch(
      /^10\.1\.4\.1\s+10\.1\.2\.1\s+MM_KEY_EXCH\s+10\d\d ACTIVE$/m,
    );
    net.clock.advance(40_000);
    expect(spoke.exec('show crypto isakmp sa').output).toMatch(
      /^10\.1\.4\.1\s+10\.1\.2\.1\s+MM_NO_STATE\s+10\d\d ACTIVE \(deleted\)$/m,
    );
    expect(net.device('Hub').exec('show crypto isakmp sa').output).toMatch(/MM_NO_STATE\s+10\d\d ACTIVE \(deleted\)$/m);

    // With IKE timing the ping itself waited for the retransmissions: the row is deleted at once.
    const timed = labNetwork('two-spokes', ios15, { ikeTiming: true });
    timed.device('Spoke1').exec('ping 10.1.1.1 source 172.16.1.1 repeat 1');
    expect(timed.device('Spoke1').exec('show crypto isakmp sa').output).toContain('ACTIVE (deleted)');
  });

  it('GIVEN IOS 12.2 WHEN the attempt was given up THEN the row keeps the state where it stopped (no status column to mark it)', () => {
    const net = labNetwork('two-spokes', KEY_MISMATCH);
    net.device('Spoke1').exec(TO_HUB_LAN);
    net.clock.advance(120_000);
    expect(isakmpRows(net.device('Spoke1').exec('show crypto isakmp sa').output)[0]?.[2]).toBe('MM_KEY_EXCH');
  });
});
