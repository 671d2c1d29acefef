import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../lib/cli/emulate.js';
import { memoryIo } from '../cli/io.js';
import { labNetwork } from './lab.js';
import { transcriptNetwork } from './transcripts.js';

const TO_HUB = 'ping 10.1.1.1 source 172.16.1.1';
const TO_SPOKE2 = 'ping 192.168.1.1 source 172.16.1.1';

/** `(kb/sec)` of every `sa timing` line. */
function timings(show: string): [number, number][] {
  return [...show.matchAll(/remaining key lifetime \(k\/sec\): \((\d+)\/(\d+)\)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe('--first-packet-lost', () => {
  it('GIVEN the option WHEN the first ping negotiates THEN the triggering echo is lost (.!!!!), the SAs stay and the next ping is !!!!!', () => {
    const net = labNetwork('two-spokes', {}, { firstPacketLost: true });
    const spoke = net.device('Spoke1');
    const first = spoke.exec(TO_HUB).ping!;
    expect(first.marks).toBe('.!!!!');
    expect(first.losses).toEqual([
      expect.objectContaining({ index: 0, leg: 'request', device: 'Spoke1', reason: 'dropped-while-negotiating' }),
    ]);
    expect(spoke.exec(TO_HUB).ping!.marks).toBe('!!!!!');
    // Only the echoes that went through the SA were encrypted.
    expect(spoke.sadb.ipsec.map((s) => s.encrypted)).toEqual([9]);
  });

  it('GIVEN the option WHEN spoke 1 first pings spoke 2 through the hub THEN each leg that negotiates loses its packet', () => {
    const net = labNetwork('two-spokes', {}, { firstPacketLost: true });
    // Echo 1 starts Spoke1-Hub, echo 2 starts Hub-Spoke2; the replies find SAs both ways.
    expect(net.device('Spoke1').exec(TO_SPOKE2).ping!.marks).toBe('..!!!');
    expect(net.device('Spoke1').exec(TO_SPOKE2).ping!.marks).toBe('!!!!!');
  });

  it('GIVEN no option WHEN the first ping negotiates THEN the echo waits for the SAs and is answered', () => {
    expect(labNetwork().device('Spoke1').exec(TO_HUB).ping!.marks).toBe('!!!!!');
  });

  it('GIVEN hubspoke emulate --first-packet-lost WHEN a script pings THEN the transcript shows .!!!!', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-fpl-'));
    const file = join(dir, 'script.txt');
    writeFileSync(file, `Spoke1# ${TO_HUB}\n`);
    const m = memoryIo();
    const lab = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'two-spokes');
    expect(await run([lab, '--script', file, '--first-packet-lost'], m.io)).toBe(0);
    expect(m.out()).toContain('\n.!!!!\nSuccess rate is 80 percent (4/5)');
  });
});

describe('SA lifetimes and clear crypto sa', () => {
  it('GIVEN established SAs WHEN time passes and traffic flows THEN the seconds and kilobytes left count down', () => {
    const net = transcriptNetwork('seed-lab', 'ios-15', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    const [before] = timings(spoke.exec('show crypto ipsec sa').output);
    const t0 = net.clock.now;
    // 100 echoes of 18,000 bytes: about 1,758 KB each way, and time passes for each round trip.
    spoke.exec('ping 10.1.1.1 source 172.16.1.1 repeat 100 size 18000');
    const show = spoke.exec('show crypto ipsec sa').output;
    const elapsed = Math.floor((net.clock.now - t0) / 1000);
    const [inbound, outbound] = timings(show);
    expect(before![1]).toBeLessThanOrEqual(3600);
    expect(inbound![1]).toBe(before![1] - elapsed);
    const sa = spoke.sadb.ipsec[0]!;
    expect(inbound![0]).toBe(4608000 - Math.floor(sa.bytesIn / 1024));
    expect(outbound![0]).toBe(4608000 - Math.floor(sa.bytesOut / 1024));
    expect(before![0] - outbound![0]).toBeGreaterThanOrEqual(1750);
  });

  it('GIVEN SAs in use WHEN clear crypto sa THEN both ends lose them, the session is UP-IDLE, and the next ping negotiates new SPIs over the same IKE SA', () => {
    const net = transcriptNetwork('seed-lab', 'ios-15', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    const oldSpis = spoke.sadb.ipsec.map((s) => s.inbound.spi);
    const ike = spoke.sadb.ike.map((s) => s.connId);
    spoke.exec('clear crypto sa');
    expect(spoke.sadb.ipsec).toEqual([]);
    expect(net.device('Hub').sadb.ipsec).toEqual([]);
    const session = spoke.exec('show crypto session').output;
    expect(session).toContain('Session status: UP-IDLE');
    expect(session).toContain('Active SAs: 0, origin: crypto map');
    expect(spoke.exec('show crypto ipsec sa').output).toContain('#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0');
    expect(spoke.exec(TO_HUB).ping!.marks).toBe('!!!!!');
    expect(spoke.sadb.ike.map((s) => s.connId)).toEqual(ike);
    expect(spoke.sadb.ipsec.map((s) => s.inbound.spi)).not.toEqual(oldSpis);
    expect(spoke.exec('show crypto session').output).toContain('Session status: UP-ACTIVE');
  });

  it('GIVEN clear crypto isakmp WHEN the IPsec SAs remain THEN the session is UP-NO-IKE', () => {
    const net = transcriptNetwork('seed-lab', 'ios-xe-17', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    spoke.exec('clear crypto isakmp');
    expect(spoke.exec('show crypto session').output).toContain('Session status: UP-NO-IKE');
    expect(spoke.exec('show crypto isakmp sa').output).not.toContain('QM_IDLE');
  });
});

describe('ikeTiming: retransmissions towards a dead peer take time', () => {
  const DEAD_FIRST = { 'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.9.9\n set peer 10.1.4.1\n']] } as const;
  const stamps = (lines: readonly string[], text: string) =>
    lines.filter((l) => l.includes(text)).map((l) => /(\d\d):(\d\d)\.(\d{3}):/.exec(l)!.slice(1).map(Number));
  const seconds = ([m, s, ms]: number[]) => m! * 60 + s! + ms! / 1000;

  it('GIVEN a dead first set peer WHEN the first ping negotiates THEN main mode is retransmitted every 10 s, the spoke fails over after 40 s, the waiting echo is lost', () => {
    const net = labNetwork('two-spokes', DEAD_FIRST, { ikeTiming: true });
    const spoke = net.device('Spoke1');
    spoke.exec('debug crypto isakmp');
    const t0 = net.clock.now;
    const r = spoke.exec(TO_HUB).ping!;
    expect(r.marks).toBe('.!!!!');
    expect(r.losses[0]).toMatchObject({ index: 0, reason: 'dropped-while-negotiating' });
    expect(spoke.sadb.ipsec[0]?.peer).toBe('10.1.4.1');
    const sent = stamps(spoke.consoleHistory, 'sending packet to 10.1.9.9').map(seconds);
    const retries = stamps(spoke.consoleHistory, 'retransmitting phase 1 MM_NO_STATE').map(seconds);
    const deleted = stamps(spoke.consoleHistory, 'death by retransmission P1').map(seconds);
    const gaps = [sent[0]!, ...retries, deleted[0]!].map((t, i, all) => (i === 0 ? 0 : Math.round(t - all[i - 1]!)));
    expect(gaps).toEqual([0, 10, 10, 10, 10]);
    // The backup peer is reached only after the dead one was given up.
    const backup = stamps(spoke.consoleHistory, 'sending packet to 10.1.4.1').map(seconds);
    expect(backup[0]!).toBeGreaterThan(deleted[0]!);
    expect(net.clock.now - t0).toBeGreaterThanOrEqual(40_000);
  });

  it('GIVEN the same network without ikeTiming WHEN pinged THEN the failover costs no time and no echo', () => {
    const net = labNetwork('two-spokes', DEAD_FIRST);
    expect(net.device('Spoke1').exec(TO_HUB).ping!.marks).toBe('!!!!!');
  });
});
