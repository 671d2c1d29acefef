import { describe, expect, it } from 'vitest';
import {
  negotiatePhase2,
  normalizeTransform,
  pfsAccepted,
  sameTransforms,
  type Phase2Result,
} from '../../lib/rules/ike-phase2.js';
import { selectEgressEntry, type CompiledCryptoEntry } from '../../lib/rules/crypto-map.js';
import { ipToNumber } from '../../lib/ir/ipv4.js';
import type { RouterConfig } from '../../lib/ir/router-config.js';
import { acl, twoSpokeLab } from './lab-ir.js';

const ip = ipToNumber;

/** Negotiates as IOS would for a packet leaving `init` (its owning entry and line propose). */
function negotiate(
  init: RouterConfig,
  initAddr: string,
  resp: RouterConfig,
  src: string,
  dst: string,
  exact = false,
): Phase2Result {
  const owner = selectEgressEntry(init, init.cryptoMaps[0]!, {
    src: ip(src),
    dst: ip(dst),
    proto: 1,
    sport: 0,
    dport: 0,
  });
  if (!owner) throw new Error('test setup: no owner');
  return negotiatePhase2(
    { initiator: init, entry: owner.entry, line: owner.line, initiatorAddress: initAddr },
    resp,
    resp.cryptoMaps[0]!,
    { exactProxyMatch: exact },
  );
}

const reason = (r: Phase2Result) => (r.ok ? 'ok' : r.reason);

describe('proxy identities', () => {
  it('GIVEN the lab WHEN spoke1 proposes its LAN->spoke2 LAN line THEN the hub accepts it in entry 10 (peer spoke1)', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const r = negotiate(spoke1, '10.1.2.1', hub, '172.16.1.1', '192.168.1.1');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.responderEntry.entry.seq).toBe(10);
      expect(r.responderLine.index).toBe(1);
      expect([r.lifetimeSeconds, r.lifetimeKilobytes]).toEqual([3600, 4608000]);
      expect(r.pfsGroup).toBeUndefined();
    }
  });

  it('GIVEN non-mirrored ACLs WHEN each side initiates THEN the narrow side succeeds and the wide side is refused', () => {
    const { hub, spoke1 } = twoSpokeLab();
    // Spoke1 protects its LAN to all of 10.1.0.0/16 (wide); the hub's line stays 10.1.1.0/24 (narrow).
    const wide = {
      ...spoke1,
      accessLists: [
        acl('110', [
          'permit ip 172.16.1.0 0.0.0.255 10.1.0.0 0.0.255.255',
          'permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        ]),
      ],
    };
    expect(reason(negotiate(wide, '10.1.2.1', hub, '172.16.1.1', '10.1.1.1'))).toBe('proxy-not-supported');
    expect(reason(negotiate(hub, '10.1.4.1', wide, '10.1.1.1', '172.16.1.1'))).toBe('ok');
  });

  it('GIVEN the exact (ASA) option WHEN a narrower proposal arrives THEN it is refused', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const wide = { ...spoke1, accessLists: [acl('110', ['permit ip 172.16.1.0 0.0.0.255 10.1.0.0 0.0.255.255'])] };
    expect(reason(negotiate(hub, '10.1.4.1', wide, '10.1.1.1', '172.16.1.1', true))).toBe('proxy-not-supported');
  });

  it('GIVEN a deny line that mirrors the proposal WHEN checked THEN it never accepts', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const denyHub = {
      ...hub,
      accessLists: [acl('110', ['deny ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255']), hub.accessLists[1]!],
    };
    expect(reason(negotiate(spoke1, '10.1.2.1', denyHub, '172.16.1.1', '10.1.1.1'))).toBe('proxy-not-supported');
  });

  it('GIVEN an initiator no entry names as peer WHEN it proposes THEN the reason is no-entry-for-peer', () => {
    const { hub, spoke1 } = twoSpokeLab();
    expect(reason(negotiate(spoke1, '10.1.9.9', hub, '172.16.1.1', '10.1.1.1'))).toBe('no-entry-for-peer');
  });
});

describe('transform sets', () => {
  it('GIVEN transform names WHEN normalized THEN default key sizes are explicit and order does not matter', () => {
    expect(normalizeTransform('esp-aes')).toBe('esp-aes 128');
    expect(sameTransforms(['esp-aes', 'esp-sha-hmac'], ['esp-sha-hmac', 'esp-aes  128'])).toBe(true);
    expect(sameTransforms(['esp-aes 256', 'esp-sha-hmac'], ['esp-aes', 'esp-sha-hmac'])).toBe(false);
  });

  it('GIVEN different transform sets WHEN negotiated THEN transform-not-supported; a second offered set that matches succeeds', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const other = { ...spoke1, transformSets: [{ name: 'myset', transforms: ['esp-3des', 'esp-sha-hmac'] }] };
    expect(reason(negotiate(other, '10.1.2.1', hub, '172.16.1.1', '10.1.1.1'))).toBe('transform-not-supported');
    const two = {
      ...other,
      transformSets: [
        ...other.transformSets,
        { name: 'lab', transforms: ['esp-des', 'esp-md5-hmac'], mode: 'transport' as const },
      ],
      cryptoMaps: [
        { name: 'mymap', entries: [{ ...other.cryptoMaps[0]!.entries[0]!, transformSets: ['myset', 'lab'] }] },
      ],
    };
    const r = negotiate(two, '10.1.2.1', hub, '172.16.1.1', '10.1.1.1');
    expect(r.ok && r.offeredTransformSet.name).toBe('lab');
  });
});

describe('PFS', () => {
  const entry = (pfs?: { group?: number }) => ({ entry: { pfs } }) as unknown as CompiledCryptoEntry;
  it('GIVEN the IOS set pfs rules WHEN offers are checked THEN the table of the spec holds', () => {
    expect(pfsAccepted(entry(undefined), undefined)).toBe(true);
    expect(pfsAccepted(entry(undefined), 14)).toBe(true);
    expect(pfsAccepted(entry({}), undefined)).toBe(false);
    expect(pfsAccepted(entry({}), 1)).toBe(true);
    expect(pfsAccepted(entry({}), 2)).toBe(true);
    expect(pfsAccepted(entry({}), 14)).toBe(false);
    expect(pfsAccepted(entry({ group: 14 }), 14)).toBe(true);
    expect(pfsAccepted(entry({ group: 14 }), 2)).toBe(false);
  });

  it('GIVEN PFS on the hub only WHEN each side initiates THEN the spoke (no PFS) cannot initiate and the hub can', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const pfsHub = {
      ...hub,
      cryptoMaps: [{ name: 'mymap', entries: hub.cryptoMaps[0]!.entries.map((e) => ({ ...e, pfs: { group: 2 } })) }],
    };
    const r = negotiate(spoke1, '10.1.2.1', pfsHub, '172.16.1.1', '10.1.1.1');
    expect(reason(r)).toBe('pfs-mismatch');
    if (!r.ok) expect(r.pfs).toEqual({ required: 2 });
    const back = negotiate(pfsHub, '10.1.4.1', spoke1, '10.1.1.1', '172.16.1.1');
    expect(back.ok && back.pfsGroup).toBe(2);
  });
});

describe('IOS-XE 17.11 legacy algorithms', () => {
  it('GIVEN a 17.11 responder and the lab DES/MD5 transform set WHEN negotiated THEN it is refused as legacy', () => {
    const { hub, spoke1 } = twoSpokeLab();
    const xe = { ...hub, platform: 'ios-xe-17' as const, version: '17.11' };
    expect(reason(negotiate(spoke1, '10.1.2.1', xe, '172.16.1.1', '10.1.1.1'))).toBe('legacy-algorithm-rejected');
    const shieldOff = { ...xe, options: { complianceShieldDisabled: true } };
    expect(reason(negotiate(spoke1, '10.1.2.1', shieldOff, '172.16.1.1', '10.1.1.1'))).toBe('ok');
  });
});
