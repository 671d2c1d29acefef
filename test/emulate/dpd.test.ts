import { describe, expect, it } from 'vitest';
import type { Network } from '../../lib/emulate/index.js';
import { DPD_RETRANSMISSIONS } from '../../lib/ir/ike-vocabulary.js';

import { DPD_KEY as KEY, dpdLab } from './dpd-lab.js';

const PING = { from: 'Branch', source: '172.16.1.1', to: '10.1.1.10', repeat: 2 } as const;

/** Milliseconds since boot of a console line's `*Mar  1 HH:MM:SS.mmm:` stamp. */
function stampMs(line: string): number {
  const m = /^\*Mar +(\d+) (\d\d):(\d\d):(\d\d)\.(\d{3}):/.exec(line)!;
  const [d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number];
  return (d - 1) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

function peersOf(net: Network): string[] {
  return net.device('Branch').sadb.ipsec.map((s) => s.peer);
}

describe('dead peer detection on the emulated clock', () => {
  it('GIVEN periodic DPD WHEN the active hub loses power THEN R-U-THERE goes unanswered, is retransmitted 5 times 3 s apart, the SAs go, and the next ping fails over to the second peer', () => {
    const net = dpdLab('crypto isakmp keepalive 10 3 periodic');
    const branch = net.device('Branch');
    branch.exec('debug crypto isakmp');
    expect(net.ping(PING).received).toBe(2);
    expect(peersOf(net)).toEqual(['10.0.0.1']);
    // A live peer acknowledges every 10 s.
    net.wait(25);
    const acks = branch.consoleHistory.filter((l) => l.includes('DPD/R_U_THERE_ACK received from peer 10.0.0.1'));
    expect(acks).toHaveLength(2);
    expect(stampMs(acks[1]!) - stampMs(acks[0]!)).toBeGreaterThanOrEqual(10_000);
    expect(stampMs(acks[1]!) - stampMs(acks[0]!)).toBeLessThan(10_100);
    expect(net.device('HubA').consoleHistory.join('\n')).not.toContain('R_U_THERE'); // HubA's debug is off

    net.powerOff('HubA');
    const before = branch.consoleHistory.length;
    net.wait(40);
    const after = branch.consoleHistory.slice(before);
    const sent = after.filter((l) => l.includes('DPD/R_U_THERE sent to 10.0.0.1'));
    expect(sent).toHaveLength(1 + DPD_RETRANSMISSIONS);
    const dead = after.find((l) => l.includes('deleting SA reason "P1 errcounter exceeded"'))!;
    expect(dead).toContain('(peer 10.0.0.1)');
    // Five retransmissions 3 s apart, then one more retry interval: 18 s after the first unanswered one.
    expect(stampMs(dead) - stampMs(sent[0]!)).toBeGreaterThanOrEqual(18_000);
    expect(stampMs(dead) - stampMs(sent[0]!)).toBeLessThan(18_100);
    expect(after.some((l) => l.includes('attempt 5 of 5'))).toBe(true);
    expect(branch.sadb.ike).toEqual([]);
    expect(branch.sadb.ipsec).toEqual([]);

    // Failover: the next negotiation starts with the peer after the dead one, so no attempt at 10.0.0.1.
    expect(net.ping(PING).received).toBe(2);
    expect(peersOf(net)).toEqual(['10.0.0.2']);
    expect(branch.exec('show crypto isakmp sa').output).not.toMatch(/^10\.0\.0\.1\s/m);
    expect(branch.exec('show crypto isakmp sa').output).toMatch(/^10\.0\.0\.2\s+10\.0\.0\.10\s+QM_IDLE/m);
    for (const d of net.devices()) if (d.poweredOn) expect(d.consoleHistory.join('\n')).not.toContain(KEY);
  });

  it('GIVEN no DPD WHEN the active hub loses power THEN the branch keeps its SAs and black-holes the traffic', () => {
    const net = dpdLab(undefined);
    expect(net.ping(PING).received).toBe(2);
    net.powerOff('HubA');
    net.wait(60);
    expect(net.ping(PING).received).toBe(0);
    expect(peersOf(net)).toEqual(['10.0.0.1']);
    expect(() => net.device('HubA').exec('show crypto isakmp sa')).toThrow(/HubA is powered off/);
  });

  it('GIVEN on-demand DPD WHEN the hub dies THEN nothing is sent while idle; the first packet starts R-U-THERE, the peer is declared dead and the next ping fails over', () => {
    const net = dpdLab('crypto isakmp keepalive 10 3');
    const branch = net.device('Branch');
    branch.exec('debug crypto isakmp');
    expect(net.ping(PING).received).toBe(2);
    net.wait(60);
    expect(branch.consoleHistory.join('\n')).not.toContain('R_U_THERE');
    net.powerOff('HubA');
    net.wait(60);
    expect(branch.consoleHistory.join('\n')).not.toContain('R_U_THERE');
    expect(peersOf(net)).toEqual(['10.0.0.1']);
    expect(net.ping(PING).received).toBe(0);
    net.wait(20);
    expect(branch.consoleHistory.filter((l) => l.includes('DPD/R_U_THERE sent to 10.0.0.1'))).toHaveLength(6);
    expect(branch.sadb.ipsec).toEqual([]);
    expect(net.ping(PING).received).toBe(2);
    expect(peersOf(net)).toEqual(['10.0.0.2']);
  });

  it('GIVEN periodic DPD WHEN the hub reboots (power off and on) THEN it has lost the SA, does not acknowledge, and the branch renegotiates after declaring it dead', () => {
    const net = dpdLab('crypto isakmp keepalive 10 3 periodic');
    expect(net.ping(PING).received).toBe(2);
    net.powerOff('HubA');
    net.powerOn('HubA');
    expect(net.device('HubA').sadb.ike).toEqual([]);
    net.wait(10);
    // Until DPD gives up, the branch still encrypts to the SPIs the rebooted hub forgot.
    const lost = net.ping(PING);
    expect(lost.received).toBe(0);
    expect(lost.losses[0]?.reason).toBe('invalid-spi');
    net.wait(30);
    expect(net.device('Branch').sadb.ike).toEqual([]);
    expect(net.ping(PING).received).toBe(2);
    expect(peersOf(net)).toEqual(['10.0.0.2']);
  });
});
