/**
 * `set peer` failover (docs/ios-semantics.md#peers) on the reference lab, proof and emulator side
 * by side: the traffic goes to the first peer that answers main mode; a silent one is a warning,
 * a refusing one ends the attempt.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { codes, edit, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const LAB = seedLab('three-spokes');
const ENTRY_LINE = 20; // `crypto map mymap 10 ipsec-isakmp` in spoke1.cfg

/** Spoke 1 with `set peer first` before its hub peer (and optionally a key for it). */
function withFirstPeer(first: string, spokeKeyFor?: string): Lab {
  return edit(LAB, 'spoke1.cfg', (t) => {
    let out = replaceLine(t, ' set peer 10.1.4.1', [` set peer ${first}`, ' set peer 10.1.4.1']);
    if (spokeKeyFor)
      out = replaceLine(out, 'crypto isakmp key cisco123 address 10.1.4.1', [
        'crypto isakmp key cisco123 address 10.1.4.1',
        `crypto isakmp key cisco123 address ${spokeKeyFor}`,
      ]);
    return out;
  });
}

function ping(lab: Lab, from: string, source: string, to: string) {
  const net = Network.fromParsed(parseLab(lab));
  const before = net.wanLog.length;
  const r = net.ping({ from, source, to, repeat: 3 });
  return { received: r.received, clear: net.wanLog.slice(before).filter((p) => !p.encrypted).length };
}

describe('GIVEN a spoke whose first `set peer` nobody owns and whose second is the hub', () => {
  const lab = withFirstPeer('10.1.9.9');

  it('WHEN proven THEN every pair is covered through the hub and the dead peer is a warning on the entry line', () => {
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, errors: 0 });
    const w = r.findings.filter((f) => f.code === 'PEER_NOT_ANSWERING');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ device: 'Spoke1', line: ENTRY_LINE, severity: 'warning' });
    expect(w[0]!.message).toContain('10.1.9.9');
    expect(w[0]!.message).toContain('no device owns 10.1.9.9');
    expect(w[0]!.message).toContain('10.1.4.1 (Hub Ethernet1)');
    expect(r.findings.some((f) => f.code === 'PEER_UNREACHABLE')).toBe(false);
  });

  it('WHEN the emulator pings from spoke 1 to spoke 2 THEN it succeeds encrypted, as the proof says', () => {
    expect(ping(lab, 'Spoke1', '172.16.1.1', '192.168.1.1')).toEqual({ received: 3, clear: 0 });
  });
});

describe('GIVEN a spoke whose first peer is another spoke that has no key for it', () => {
  const lab = withFirstPeer('10.1.3.1', '10.1.3.1');

  it('WHEN proven THEN the silent spoke is skipped (warning naming the missing key) and every pair is covered', () => {
    const r = proveLab(lab);
    expect(r.summary).toMatchObject({ covered: 12, errors: 0 });
    const w = r.findings.find((f) => f.code === 'PEER_NOT_ANSWERING')!;
    expect(w.message).toContain('Spoke2 has no pre-shared key for 10.1.2.1');
  });
});

describe('GIVEN a spoke whose first peer is another spoke that answers main mode and refuses quick mode', () => {
  const lab = edit(withFirstPeer('10.1.3.1', '10.1.3.1'), 'spoke2.cfg', (t) =>
    replaceLine(t, 'crypto isakmp key cisco123 address 10.1.4.1', [
      'crypto isakmp key cisco123 address 10.1.4.1',
      'crypto isakmp key cisco123 address 10.1.2.1',
    ]),
  );

  it('WHEN proven THEN spoke 1 does not fail over: its own pairs are broken, others stay covered', () => {
    const r = proveLab(lab);
    expect(pair(r, 'Spoke1', 'Spoke3').covered).toBe(false);
    expect(pair(r, 'Spoke1', 'Hub').covered).toBe(false);
    expect(pair(r, 'Spoke2', 'Spoke3').covered).toBe(true);
    expect(r.findings.some((f) => f.code === 'PEER_NOT_ANSWERING')).toBe(false);
    // The hub starting towards spoke 1 works, and spoke 1 answers through that SA.
    expect(pair(r, 'Hub', 'Spoke1').covered).toBe(true);
  });

  it('WHEN the emulator pings THEN it agrees with the proof in both directions', () => {
    expect(ping(lab, 'Spoke1', '172.16.1.1', '172.16.2.1').received).toBe(0);
    expect(ping(lab, 'Hub', '10.1.1.1', '172.16.1.1')).toEqual({ received: 3, clear: 0 });
  });
});

describe('GIVEN a spoke none of whose peers answers', () => {
  it('WHEN proven THEN the first peer is the error and the later one a broken backup', () => {
    const r = proveLab(
      edit(LAB, 'spoke1.cfg', (t) =>
        replaceLine(t, ' set peer 10.1.4.1', [' set peer 10.1.9.9', ' set peer 10.1.9.8']),
      ),
    );
    expect(r.ok).toBe(false);
    const p = pair(r, 'Spoke1', 'Spoke2');
    expect(p.covered).toBe(false);
    expect(p.problems.filter((x) => x.severity === 'error').map((x) => x.device)).toContain('Spoke1');
    expect(codes(p, 'BACKUP_PEER_BROKEN')[0]!.message).toContain('10.1.9.8');
    expect(r.findings.some((f) => f.code === 'PEER_NOT_ANSWERING')).toBe(false);
  });
});
