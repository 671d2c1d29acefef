import { describe, expect, it } from 'vitest';
import { ipsecSaAge, ikeSaExpired } from '../../lib/rules/sa-lifetime.js';
import { labNetwork } from './lab.js';

const TO_HUB = 'ping 10.1.1.1 source 172.16.1.1';
/** Spoke 1 offers short IPsec lifetimes (the hub accepts the smaller offer). */
const SHORT_IPSEC = {
  'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.4.1\n set security-association lifetime seconds 300\n']],
} as const;
const SHORT_KB = {
  'spoke1.cfg': [[' set peer 10.1.4.1\n', ' set peer 10.1.4.1\n set security-association lifetime kilobytes 2560\n']],
} as const;
/** Both ends' ISAKMP policies last 120 s: shorter than the IPsec SAs' 3600 s. */
const SHORT_IKE = {
  'spoke1.cfg': [[' hash md5\n', ' hash md5\n lifetime 120\n']],
  'hub.cfg': [[' hash md5\n', ' hash md5\n lifetime 120\n']],
} as const;

/** `current outbound spi` values of `show crypto ipsec sa` (12.2 prints hex without 0x). */
function currentSpis(show: string): string[] {
  return [...show.matchAll(/current outbound spi: (\S+)/g)].map((m) => m[1]!);
}
const hex = (n: number) => n.toString(16).toUpperCase();

describe('lib/rules/sa-lifetime', () => {
  const base = { lifetimeSeconds: 3600, lifetimeKilobytes: 4608000, elapsedSeconds: 0, bytes: 0 };
  it('GIVEN an SA WHEN it ages THEN it is live, soft from 30 s before the end or at 90 % of the kilobytes, expired at either limit', () => {
    expect(ipsecSaAge(base)).toBe('live');
    expect(ipsecSaAge({ ...base, elapsedSeconds: 3569 })).toBe('live');
    expect(ipsecSaAge({ ...base, elapsedSeconds: 3570 })).toBe('soft');
    expect(ipsecSaAge({ ...base, elapsedSeconds: 3600 })).toBe('expired');
    expect(ipsecSaAge({ ...base, bytes: 4147199 * 1024 })).toBe('live');
    expect(ipsecSaAge({ ...base, bytes: 4147200 * 1024 })).toBe('soft');
    expect(ipsecSaAge({ ...base, bytes: 4608000 * 1024 })).toBe('expired');
    expect(ikeSaExpired(86400, 86399)).toBe(false);
    expect(ikeSaExpired(86400, 86400)).toBe(true);
  });
});

describe('emulator: SA expiry and rekey (docs/ios-semantics.md#sa-lifetimes-and-rekey)', () => {
  it('GIVEN SAs of 300 s WHEN traffic flows in the last 30 s THEN new SPIs replace the old on both ends and no echo is lost', () => {
    const net = labNetwork('two-spokes', SHORT_IPSEC, { firstPacketLost: true });
    const spoke = net.device('Spoke1');
    const hub = net.device('Hub');
    spoke.exec(TO_HUB);
    const [old] = spoke.sadb.ipsec;
    expect(old!.lifetimeSeconds).toBe(300);
    const ikeIds = spoke.sadb.ike.map((s) => s.connId);
    net.clock.advance(275_000);
    expect(spoke.exec(TO_HUB).ping!.marks).toBe('!!!!!');
    const [fresh] = spoke.sadb.ipsec;
    expect(spoke.sadb.ipsec).toHaveLength(1);
    expect(fresh!.inbound.spi).not.toBe(old!.inbound.spi);
    expect(fresh!.outbound.spi).not.toBe(old!.outbound.spi);
    expect(fresh!.encrypted).toBe(5);
    // The hub holds the mirror of the new pair only; the same IKE SA keyed it.
    expect(hub.sadb.ipsec.map((s) => [s.inbound.spi, s.outbound.spi])).toEqual([
      [fresh!.outbound.spi, fresh!.inbound.spi],
    ]);
    expect(spoke.sadb.ike.map((s) => s.connId)).toEqual(ikeIds);
    // One flow per crypto ACL line: the hub LAN's shows the new SPI, the other flow has none.
    expect(currentSpis(spoke.exec('show crypto ipsec sa').output).sort()).toEqual(
      ['0', hex(fresh!.outbound.spi)].sort(),
    );
  });

  it('GIVEN SAs of 300 s WHEN no traffic needs them THEN they expire on both ends and the next echo negotiates again', () => {
    const net = labNetwork('two-spokes', SHORT_IPSEC);
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    net.clock.advance(275_000);
    expect(spoke.sadb.ipsec).toHaveLength(1);
    net.clock.advance(30_000);
    expect(currentSpis(spoke.exec('show crypto ipsec sa').output)).toEqual(['0', '0']);
    expect(spoke.sadb.ipsec).toEqual([]);
    expect(net.device('Hub').sadb.ipsec).toEqual([]);
    expect(spoke.sadb.ike).toHaveLength(1);
    expect(spoke.exec(TO_HUB).ping!.marks).toBe('!!!!!');
    expect(spoke.sadb.ipsec).toHaveLength(1);
  });

  it('GIVEN a 2560 KB lifetime WHEN 90 % of it is used THEN the next echo rekeys, and a pair at the limit expires', () => {
    const net = labNetwork('two-spokes', SHORT_KB);
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    const old = spoke.sadb.ipsec[0]!;
    expect(old.lifetimeKilobytes).toBe(2560);
    // 130 echoes of 18,000 bytes: about 2,285 KB each way, short of 2,304 (90 %).
    spoke.exec('ping 10.1.1.1 source 172.16.1.1 repeat 130 size 18000');
    expect(spoke.sadb.ipsec[0]).toBe(old);
    spoke.exec('ping 10.1.1.1 source 172.16.1.1 repeat 5 size 18000');
    const after = spoke.sadb.ipsec.map((s) => s.inbound.spi);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(old.inbound.spi);
    const fresh = spoke.sadb.ipsec[0]!;
    fresh.bytesOut = 2560 * 1024;
    spoke.exec('show crypto ipsec sa');
    expect(spoke.sadb.ipsec).toEqual([]);
  });

  it('GIVEN an IKE lifetime of 120 s WHEN it lapses THEN the IPsec SAs keep working and their rekey runs a new main mode', () => {
    const net = labNetwork('two-spokes', SHORT_IKE);
    const spoke = net.device('Spoke1');
    spoke.exec(TO_HUB);
    const ike = spoke.sadb.ike[0]!;
    expect(ike.lifetime).toBe(120);
    const spi = spoke.sadb.ipsec[0]!.inbound.spi;
    net.clock.advance(121_000);
    expect(spoke.exec('show crypto isakmp sa').output).not.toContain('QM_IDLE');
    expect(spoke.sadb.ike).toEqual([]);
    expect(net.device('Hub').sadb.ike).toEqual([]);
    expect(spoke.exec(TO_HUB).ping!.marks).toBe('!!!!!');
    expect(spoke.sadb.ipsec.map((s) => s.inbound.spi)).toEqual([spi]);
    expect(spoke.sadb.ike).toEqual([]);
    net.clock.advance(3_460_000);
    spoke.exec('debug crypto isakmp');
    const out = spoke.exec(TO_HUB).output;
    expect(out).toContain('!!!!!');
    expect(out).toMatch(/Main Mode|MM_/);
    expect(spoke.sadb.ike).toHaveLength(1);
    expect(spoke.sadb.ike[0]!.connId).not.toBe(ike.connId);
    expect(spoke.sadb.ipsec.map((s) => s.inbound.spi)).not.toEqual([spi]);
  });
});
