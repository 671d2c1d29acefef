/**
 * `debug crypto ikev2` and `clear crypto ikev2 sa` (docs/emulator.md#debug-crypto-ikev2): the
 * IKE_SA_INIT, IKE_AUTH and CREATE_CHILD_SA exchanges as IOS-XE prints them, and the SAs a clear
 * removes on both ends.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseLab } from '../verify/labs.js';
import { ikev2Lab, KEY_A, KEY_B_DOWN, KEY_B_UP } from '../verify/ikev2-lab.js';
import { labNetwork } from './lab.js';

const network = () => Network.fromParsed(parseLab(ikev2Lab()));

/** The exchanges a console printed, in order: `IKE_SA_INIT REQUEST`, ... */
function exchanges(out: string): string[] {
  return [...out.matchAll(/^IKEv2 (\S+) Exchange (REQUEST|RESPONSE) $/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('debug crypto ikev2', () => {
  it('GIVEN debug crypto ikev2 on a branch WHEN its first ping negotiates THEN IKE_SA_INIT and IKE_AUTH, sent and received, with the session prefix, SPIs and message ids', () => {
    const net = network();
    const branch = net.device('BranchA');
    expect(branch.exec('debug crypto ikev2').output).toBe('IKEv2 default debugging is on\n');
    const out = branch.exec('ping 10.10.0.1 source 172.16.2.1').output;
    expect(out).toContain('!!!!!');
    expect(exchanges(out)).toEqual([
      'IKE_SA_INIT REQUEST',
      'IKE_SA_INIT RESPONSE',
      'IKE_AUTH REQUEST',
      'IKE_AUTH RESPONSE',
    ]);
    expect(out).toMatch(
      /IKEv2:\(SESSION ID = 1,SA ID = 1\):Sending Packet \[To 198\.51\.100\.2:500\/From 203\.0\.113\.10:500\/VRF i0:f0\] \nInitiator SPI : [0-9A-F]{16} - Responder SPI : 0{16} Message id: 0\nIKEv2 IKE_SA_INIT Exchange REQUEST \nPayload contents: \n SA KE N /,
    );
    // What the router sends after IKE_SA_INIT is encrypted; what it receives is shown decrypted.
    expect(out).toMatch(/Message id: 1\nIKEv2 IKE_AUTH Exchange REQUEST \nPayload contents: \n ENCR \n/);
    expect(out).toMatch(
      /Message id: 1\nIKEv2 IKE_AUTH Exchange RESPONSE \nPayload contents: \n VID IDr AUTH SA TSi TSr \n/,
    );
    expect(out).toContain(
      'IKEv2:(SESSION ID = 1,SA ID = 1):Session with IKE ID PAIR (198.51.100.2, 203.0.113.10) is UP',
    );
    // IKEv2 has no quick mode, and no IKEv1 line is printed for it.
    expect(out).not.toContain('ISAKMP');
    for (const k of [KEY_A, KEY_B_UP, KEY_B_DOWN]) expect(out).not.toContain(k);
  });

  it('GIVEN an IKE SA up WHEN a second child SA is needed THEN a CREATE_CHILD_SA exchange with message id 2 on both consoles', () => {
    const net = network();
    const branch = net.device('BranchA');
    const hub = net.device('HQ');
    branch.exec('ping 10.10.0.1 source 172.16.2.1');
    branch.exec('debug crypto ikev2');
    hub.exec('debug crypto ikev2');
    // The spoke-to-spoke line of the branch's list needs its own child SA on the same IKE SA.
    const out = branch.exec('ping 192.168.20.1 source 172.16.2.1').output;
    expect(exchanges(out).slice(0, 2)).toEqual(['CREATE_CHILD_SA REQUEST', 'CREATE_CHILD_SA RESPONSE']);
    expect(out).toMatch(/Message id: 2\nIKEv2 CREATE_CHILD_SA Exchange REQUEST /);
    const hubOut = hub.exec('show crypto ikev2 sa').output;
    expect(exchanges(hubOut)).toContain('CREATE_CHILD_SA REQUEST');
    expect(exchanges(hubOut)).toContain('CREATE_CHILD_SA RESPONSE');
  });

  it('GIVEN a key mismatch WHEN the branch negotiates THEN the IKE_AUTH response is NOTIFY(AUTHENTICATION_FAILED) and no key is printed', () => {
    const lab = ikev2Lab();
    lab['branch-a.cfg'] = lab['branch-a.cfg']!.replace(`pre-shared-key ${KEY_A}`, 'pre-shared-key Not-The-Hub-Key-01');
    const net = Network.fromParsed(parseLab(lab));
    const branch = net.device('BranchA');
    branch.exec('debug crypto ikev2');
    net.device('HQ').exec('debug crypto ikev2');
    const out = branch.exec('ping 10.10.0.1 source 172.16.2.1').output;
    expect(out).toContain('.....');
    expect(out).toMatch(/IKEv2 IKE_AUTH Exchange RESPONSE \nPayload contents: \n NOTIFY\(AUTHENTICATION_FAILED\) /);
    const hubOut = net.device('HQ').exec('show crypto ikev2 sa').output;
    expect(hubOut).toMatch(/IKEv2-ERROR:\(SESSION ID = \d+,SA ID = 1\):: Auth exchange failed/);
    expect(out + hubOut).not.toContain('Not-The-Hub-Key-01');
    expect(out + hubOut).not.toContain(KEY_A);
  });

  it('GIVEN IOS 12.2 WHEN debug crypto ikev2 or clear crypto ikev2 sa is typed THEN the caret under ikev2', () => {
    const spoke = labNetwork().device('Spoke1');
    for (const cmd of ['debug crypto ikev2', 'clear crypto ikev2 sa']) {
      const r = spoke.exec(cmd);
      expect(r.ok).toBe(false);
      expect(r.output).toBe(
        `${' '.repeat('Spoke1 '.length + cmd.indexOf('ikev2'))}^\n% Invalid input detected at '^' marker.\n`,
      );
    }
  });
});

describe('clear crypto ikev2 sa', () => {
  it('GIVEN both branches up WHEN the hub clears the SA of one remote THEN that IKE SA and its child SAs go on both ends, the other stays, and the next ping negotiates a new session', () => {
    const net = network();
    const [hub, a, b] = [net.device('HQ'), net.device('BranchA'), net.device('BranchB')];
    a.exec('ping 10.10.0.1 source 172.16.2.1');
    b.exec('ping 10.10.0.1 source 192.168.20.1');
    expect(hub.sadb.ikev2).toHaveLength(2);
    hub.exec('debug crypto ikev2');
    const out = hub.exec('clear crypto ikev2 sa remote 203.0.113.10').output;
    expect(out).toMatch(/Sending DELETE INFO message for IKEv2 SA \[ISPI: 0x[0-9A-F]{16} RSPI: 0x[0-9A-F]{16}\]/);
    expect(exchanges(out)).toEqual(['INFORMATIONAL REQUEST', 'INFORMATIONAL RESPONSE']);
    expect(hub.sadb.ikev2.map((s) => s.remote)).toEqual(['203.0.113.20']);
    expect(hub.sadb.ipsec.map((s) => s.peer)).toEqual(['203.0.113.20']);
    expect(a.sadb.ikev2).toEqual([]);
    expect(a.sadb.ipsec).toEqual([]);
    expect(a.exec('show crypto ikev2 sa').output).not.toContain('READY');
    expect(b.exec('show crypto ikev2 sa').output).toContain('READY');
    a.exec('debug crypto ikev2');
    const again = a.exec('ping 10.10.0.1 source 172.16.2.1').output;
    expect(again).toContain('!!!!!');
    expect(again).toContain('IKEv2:(SESSION ID = 2,SA ID = 1):Sending Packet');
  });

  it('GIVEN SAs up WHEN clear crypto ikev2 sa without argument THEN every IKEv2 SA of the router goes; bad arguments are refused', () => {
    const net = network();
    const [hub, a] = [net.device('HQ'), net.device('BranchA')];
    a.exec('ping 10.10.0.1 source 172.16.2.1');
    net.device('BranchB').exec('ping 10.10.0.1 source 192.168.20.1');
    expect(hub.exec('clear crypto ikev2 sa remote 10.0.0').ok).toBe(false);
    expect(hub.exec('clear crypto ikev2 sa peer 203.0.113.10').ok).toBe(false);
    expect(hub.exec('clear crypto ikev2 sa remote').output).toBe('% Incomplete command.\n');
    expect(hub.sadb.ikev2).toHaveLength(2);
    expect(hub.exec('clear cry ikev2 sa').ok).toBe(true);
    expect(hub.sadb.ikev2).toEqual([]);
    expect(hub.sadb.ipsec).toEqual([]);
    expect(a.sadb.ikev2).toEqual([]);
  });
});
