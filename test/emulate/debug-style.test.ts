import { describe, expect, it } from 'vitest';
import { lifeDurationLine } from '../../lib/emulate/algorithm-names.js';
import { transcriptNetwork } from './transcripts.js';

/** The debug messages of a console (timestamps cut), one entry per stamped line. */
function messages(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/^\*Mar {1,2}\d+ [\d:.]+: /, ''));
}

const states = (lines: readonly string[]) =>
  lines.filter((l) => l.includes('Old State')).map((l) => /New State = (\S+)/.exec(l)![1]);

describe('debug crypto isakmp in the platform words', () => {
  it('GIVEN IOS 15 WHEN the first ping negotiates THEN both sides print ISAKMP:(1001): and walk the IKE state machine', () => {
    const net = transcriptNetwork('seed-lab', 'ios-15', 'working');
    const spoke = net.device('Spoke1');
    const hub = net.device('Hub');
    for (const d of [spoke, hub]) d.exec('debug crypto isakmp');
    spoke.exec('ping 10.1.1.1 source 172.16.1.1');
    const mine = messages(spoke.consoleHistory);
    const theirs = messages(hub.consoleHistory);
    expect(states(mine)).toEqual([
      'IKE_I_MM1',
      'IKE_I_MM2',
      'IKE_I_MM3',
      'IKE_I_MM4',
      'IKE_I_MM5',
      'IKE_I_MM6',
      'IKE_P1_COMPLETE',
      'IKE_QM_I_QM1',
      'IKE_QM_PHASE2_COMPLETE',
    ]);
    expect(states(theirs)).toEqual([
      'IKE_R_MM1',
      'IKE_R_MM2',
      'IKE_R_MM3',
      'IKE_R_MM4',
      'IKE_R_MM5',
      'IKE_P1_COMPLETE',
      'IKE_QM_R_QM2',
      'IKE_QM_PHASE2_COMPLETE',
    ]);
    expect(mine).toContain('ISAKMP:(1001): sending packet to 10.1.4.1 my_port 500 peer_port 500 (I) MM_NO_STATE');
    expect(mine).toContain('ISAKMP (1001): received packet from 10.1.4.1 dport 500 sport 500 Global (I) MM_SA_SETUP');
    expect(theirs).toContain('ISAKMP (0): received packet from 10.1.2.1 dport 500 sport 500 Global (N) NEW SA');
    expect(mine).toContain('ISAKMP:      encaps is 1 (Tunnel)');
    expect(mine.some((l) => l.startsWith('ISAKMP (0:'))).toBe(false);
  });

  it('GIVEN IOS 12.2 WHEN the first ping negotiates THEN the 12.2 form stays, with no state lines', () => {
    const net = transcriptNetwork('seed-lab', 'ios-12.2', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec('debug crypto isakmp');
    spoke.exec('ping 10.1.1.1 source 172.16.1.1');
    const mine = messages(spoke.consoleHistory);
    expect(mine).toContain('ISAKMP (0:1): sending packet to 10.1.4.1 (I) MM_NO_STATE');
    expect(states(mine)).toEqual([]);
    expect(mine).toContain('ISAKMP:      encaps is 1');
  });

  it('GIVEN the 86400 s phase 1 lifetime WHEN debug prints it THEN it is in the VPI form, as a 16-bit basic attribute cannot hold it', () => {
    const net = transcriptNetwork('seed-lab', 'ios-12.2', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec('debug crypto isakmp');
    spoke.exec('ping 10.1.1.1 source 172.16.1.1');
    const mine = messages(spoke.consoleHistory);
    expect(mine).toContain('ISAKMP:      life duration (VPI) of  0x0 0x1 0x51 0x80');
    expect(mine).not.toContain('ISAKMP:      life duration (basic) of 86400');
    expect(mine).toContain('ISAKMP:      SA life duration (basic) of 3600');
    expect(lifeDurationLine('life duration', 65535)).toBe('ISAKMP:      life duration (basic) of 65535');
    expect(lifeDurationLine('SA life duration', 65536)).toBe('ISAKMP:      SA life duration (VPI) of  0x0 0x1 0x0 0x0');
  });

  it('GIVEN AES-256 transforms WHEN quick mode is debugged THEN IOS names ESP_AES and a key length of 256', () => {
    const net = transcriptNetwork('modern', 'ios-xe-17', 'working');
    const spoke = net.device('branch-01');
    spoke.exec('debug crypto isakmp');
    spoke.exec('ping 10.0.0.1 source 10.1.0.1');
    const mine = messages(spoke.consoleHistory);
    expect(mine).toContain('ISAKMP: transform 1, ESP_AES');
    expect(mine).toContain('ISAKMP:      key length is 256');
    expect(mine.some((l) => l.includes('ESP_AES_256'))).toBe(false);
  });

  it('GIVEN IOS 15 WHEN SAs are created THEN debug and show crypto ipsec sa name the same conn ids, and the engine table the flow ids', () => {
    const net = transcriptNetwork('seed-lab', 'ios-15', 'working');
    const spoke = net.device('Spoke1');
    spoke.exec('debug crypto ipsec');
    spoke.exec('ping 10.1.1.1 source 172.16.1.1');
    const fromDebug = messages(spoke.consoleHistory)
      .filter((l) => l.includes('sa_conn_id='))
      .map((l) => Number(/sa_conn_id= (\d+)/.exec(l)![1]));
    const show = spoke.exec('show crypto ipsec sa').output;
    const fromShow = [...show.matchAll(/conn id: (\d+)/g)].map((m) => Number(m[1]));
    const flows = [...show.matchAll(/flow_id: SW:(\d+)/g)].map((m) => Number(m[1]));
    const engine = spoke.engineConnections().filter((c) => c.kind !== 'ike');
    expect(fromDebug).toEqual([2001, 2002]);
    expect(fromShow).toEqual(fromDebug);
    // IOS 15 numbers the IPsec rows of the engine table by flow id (`flow_id: SW:1` is connection 1).
    expect(flows).toEqual([1, 2]);
    expect(engine.map((c) => c.id)).toEqual(flows);
    const table = spoke.exec('show crypto engine connections active').output;
    expect(table).toContain('   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address\n');
    expect(table).toMatch(/^ {4}1 {2}IPsec {3}\S+ +0 +5 +5 \d+\.\d+\.\d+\.\d+$/m);
    expect(table).toMatch(/^ {4}2 {2}IPsec {3}\S+ +5 +0 +0 /m);
    expect(table).toMatch(/^ 1001 {2}IKE {5}\S+ +0 +0 +0 /m);
    expect(spoke.engineConnections().find((c) => c.kind === 'ike')?.id).toBe(1001);
    expect(spoke.exec('show crypto isakmp sa').output).toContain('QM_IDLE           1001 ACTIVE');
  });
});
