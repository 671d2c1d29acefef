import { describe, expect, it } from 'vitest';
import { SaDatabase, type IkeSa } from '../../lib/emulate/sa-database.js';
import { labNetwork, type LabEdits } from './lab.js';

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
    db.recordFailedIke({ connId: 1, local: '10.0.0.1', remote: '10.0.0.2', initiator: true, state: 'MM_NO_STATE' });
    db.recordFailedIke({ connId: 2, local: '10.0.0.1', remote: '10.0.0.3', initiator: true, state: 'MM_KEY_EXCH' });
    const sa = { connId: 3, local: '10.0.0.1', remote: '10.0.0.2' } as Partial<IkeSa> as IkeSa;
    db.addIke(sa);
    expect(db.failedIke.map((s) => s.connId)).toEqual([2]);
    expect(db.ike).toEqual([sa]);
    expect(db.clearIke('10.0.0.3')).toEqual([]);
    expect(db.failedIke).toEqual([]);
  });
});
