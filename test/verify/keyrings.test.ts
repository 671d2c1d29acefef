/**
 * Keyrings, ISAKMP profiles and certificates on hand-written networks (docs/ios-semantics.md
 * #keyrings-and-isakmp-profiles, #certificates): the reference lab's hub moved to a keyring and a
 * profile, then one defect at a time. The proof and the emulator run the same rules
 * (`lib/rules/ike-auth.ts`); a few pings check that they agree.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { codes, edit, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const SPOKES = [
  ['Spoke1', '10.1.2.1', 'mymap 10'],
  ['Spoke2', '10.1.3.1', 'mymap 20'],
  ['Spoke3', '10.1.5.1', 'mymap 30'],
] as const;
const KEYS = SPOKES.map(([, a]) => `crypto isakmp key cisco123 address ${a}`);

/** The reference lab with the hub's keys in keyring SPOKES, profile SPOKES on every hub entry. */
function keyringLab(
  keyLines: readonly string[] = SPOKES.map(([, a]) => ` pre-shared-key address ${a} key cisco123`),
  extra: readonly string[] = [],
): Lab {
  return edit(seedLab('three-spokes'), 'hub.cfg', (t) => {
    let out = replaceLine(t, KEYS[0]!, [
      'crypto keyring SPOKES',
      ...keyLines,
      ...extra,
      'crypto isakmp profile SPOKES',
      ' keyring SPOKES',
      ...SPOKES.map(([, a]) => ` match identity address ${a} 255.255.255.255`),
    ]);
    out = replaceLine(replaceLine(out, KEYS[1]!, []), KEYS[2]!, []);
    for (const [, , entry] of SPOKES)
      out = replaceLine(out, `crypto map ${entry} ipsec-isakmp`, [
        `crypto map ${entry} ipsec-isakmp`,
        ' set isakmp-profile SPOKES',
      ]);
    return out;
  });
}

const lineOf = (lab: Lab, file: string, text: string): number => lab[file]!.split('\n').indexOf(text) + 1;

function ping(lab: Lab, from: string, source: string, to: string): boolean {
  const net = Network.fromParsed(parseLab(lab));
  const r = net.device(from).exec(`ping ${to} source ${source}`).ping!;
  return r.received === r.sent;
}

describe('GIVEN the hub keeps its keys in a keyring selected by an ISAKMP profile', () => {
  it('WHEN proven THEN every pair is covered, both directions, and no key appears in the result', () => {
    const lab = keyringLab();
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('cisco123');
    expect(ping(lab, 'Spoke1', '172.16.1.1', '192.168.1.1')).toBe(true);
    expect(ping(lab, 'Hub', '10.1.1.1', '172.16.2.1')).toBe(true);
  });

  it('WHEN the keyring lacks the key of one spoke THEN PSK_MISSING is pinned to the keyring (both directions) and only that spoke breaks', () => {
    const lab = keyringLab(
      SPOKES.filter(([h]) => h !== 'Spoke2').map(([, a]) => ` pre-shared-key address ${a} key cisco123`),
    );
    const r = proveLab(lab);
    const missing = codes(pair(r, 'Spoke2', 'Spoke1'), 'PSK_MISSING');
    expect(missing.map((p) => [p.device, p.line])).toEqual([['Hub', lineOf(lab, 'hub.cfg', 'crypto keyring SPOKES')]]);
    expect(missing[0]!.hint).toContain('pre-shared-key address 10.1.3.1 key <key>` in `crypto keyring SPOKES`');
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'PSK_MISSING').map((p) => p.message)).toEqual([
      expect.stringContaining('in the keyrings of ISAKMP profile SPOKES'),
    ]);
    expect(pair(r, 'Spoke1', 'Spoke3').status).toBe('covered');
    expect(ping(lab, 'Spoke2', '192.168.1.1', '10.1.1.1')).toBe(false);
  });

  it('WHEN the most specific key sits in a keyring the profile does not list THEN the spoke cannot initiate (ISAKMP_PROFILE_MISMATCH), the hub can (INITIATOR_DEPENDENT)', () => {
    // Cisco 117259: the responder takes the key by address (the /32 in KEYS-S1) before it knows the
    // identity; the identity then selects SPOKES, whose keyring holds only the /16.
    const lab = keyringLab(
      [' pre-shared-key address 10.1.0.0 255.255.0.0 key cisco123'],
      ['crypto keyring KEYS-S1', ' pre-shared-key address 10.1.2.1 key cisco123'],
    );
    const r = proveLab(lab);
    const hubLan = pair(r, 'Spoke1', 'Hub');
    expect(codes(hubLan, 'ISAKMP_PROFILE_MISMATCH').map((p) => [p.device, p.line])).toEqual([
      ['Hub', lineOf(lab, 'hub.cfg', ' keyring SPOKES')],
    ]);
    expect(codes(hubLan, 'ISAKMP_PROFILE_MISMATCH')[0]!.message).toContain('keyring KEYS-S1');
    expect(codes(hubLan, 'INITIATOR_DEPENDENT')).toHaveLength(1);
    expect(pair(r, 'Spoke2', 'Spoke3').status).toBe('covered');
    // The emulator agrees: Spoke1 cannot bring the tunnel up, the hub can.
    expect(ping(lab, 'Spoke1', '172.16.1.1', '10.1.1.1')).toBe(false);
    expect(ping(lab, 'Hub', '10.1.1.1', '172.16.1.1')).toBe(true);
  });

  it('WHEN two keyrings hold equally specific keys for a spoke that differ THEN IOS picks by configuration order: the pair is unverified, not covered and not broken', () => {
    const lab = keyringLab(undefined, ['crypto keyring OLD', ' pre-shared-key address 10.1.2.1 key stale-key-value']);
    const r = proveLab(lab);
    const p = pair(r, 'Spoke1', 'Spoke2');
    expect(p.status).toBe('unverified');
    const nm = codes(p, 'NOT_MODELLED');
    expect(nm.map((x) => x.device)).toEqual(['Hub']);
    expect(nm[0]!.message).toMatch(/equally specific keys .* configuration order .*keyring OLD/);
    expect(JSON.stringify(r)).not.toMatch(/stale-key-value|cisco123/);
    expect(pair(r, 'Spoke2', 'Spoke3').status).toBe('covered');
  });

  it('WHEN the tied keyrings hold the same key and the profile lists both THEN the choice does not matter: covered', () => {
    const lab = edit(
      keyringLab(undefined, ['crypto keyring SPARE', ' pre-shared-key address 10.1.2.1 key cisco123']),
      'hub.cfg',
      (t) => replaceLine(t, ' keyring SPOKES', [' keyring SPOKES', ' keyring SPARE']),
    );
    expect(proveLab(lab).ok).toBe(true);
  });

  it("WHEN a hub entry requires another profile than the one the spoke's identity selects THEN ISAKMP_PROFILE_MISMATCH on that entry", () => {
    const lab = edit(keyringLab(), 'hub.cfg', (t) => {
      const lines = t.split('\n');
      const at = lines.indexOf('crypto map mymap 20 ipsec-isakmp');
      lines[at + 1] = ' set isakmp-profile OTHER';
      return [
        ...lines.slice(0, at),
        'crypto isakmp profile OTHER',
        ' keyring SPOKES',
        ' match identity address 192.0.2.0 255.255.255.0',
        ...lines.slice(at),
      ].join('\n');
    });
    const r = proveLab(lab);
    const p = pair(r, 'Spoke2', 'Spoke1');
    expect(codes(p, 'ISAKMP_PROFILE_MISMATCH').map((x) => [x.device, x.line])).toEqual([
      ['Hub', lineOf(lab, 'hub.cfg', 'crypto map mymap 20 ipsec-isakmp')],
    ]);
    expect(p.status).toBe('broken');
    expect(ping(lab, 'Spoke2', '192.168.1.1', '10.1.1.1')).toBe(false);
  });

  it('WHEN the hub entries name no profile while the hub binds IKE SAs to one THEN the pairs are unverified (not documented), never covered', () => {
    const lab = edit(keyringLab(), 'hub.cfg', (t) =>
      t
        .split('\n')
        .filter((l) => l !== ' set isakmp-profile SPOKES')
        .join('\n'),
    );
    const r = proveLab(lab);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(pair(r, 'Spoke1', 'Spoke2').status).toBe('unverified');
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'NOT_MODELLED')[0]!.message).toContain('has no set isakmp-profile');
  });
});

/** Every router of the lab authenticates with certificates (rsa-sig) and enrolls in trustpoint CA1. */
function certificateLab(without?: string): Lab {
  let lab = seedLab('three-spokes');
  for (const file of Object.keys(lab)) {
    lab = edit(lab, file, (t) => {
      let out = replaceLine(t, ' authentication pre-share', [' authentication rsa-sig']);
      if (file !== without)
        out = replaceLine(out, 'crypto isakmp policy 10', [
          'crypto pki trustpoint CA1',
          ' enrollment url http://192.0.2.80:80',
          ' revocation-check none',
          'crypto isakmp policy 10',
        ]);
      return out;
    });
  }
  return lab;
}

describe('GIVEN certificate authentication (rsa-sig with trustpoints)', () => {
  it('WHEN proven THEN every pair is covered under a stated assumption naming the trustpoints, with no key findings', () => {
    const lab = certificateLab();
    const r = proveLab(lab);
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const assumed = r.findings.filter((f) => f.code === 'CERTIFICATE_ASSUMED');
    expect(assumed.length).toBeGreaterThan(0);
    expect(assumed[0]!.message).toContain('CA1');
    expect(assumed[0]!.hint).toContain('CA1');
    expect(codes(pair(r, 'Spoke1', 'Spoke2'), 'CERTIFICATE_ASSUMED').length).toBeGreaterThan(0);
    expect(ping(lab, 'Spoke1', '172.16.1.1', '192.168.1.1')).toBe(true);
  });

  it('WHEN a spoke has no trustpoint THEN NO_TRUSTPOINT on that spoke, and the hint never suggests pre-shared keys', () => {
    const lab = certificateLab('spoke2.cfg');
    const r = proveLab(lab);
    const p = pair(r, 'Spoke2', 'Spoke1');
    expect(codes(p, 'NO_TRUSTPOINT').map((x) => x.device)).toEqual(['Spoke2']);
    expect(p.status).toBe('broken');
    const auth = r.findings.filter((f) => f.code === 'NO_TRUSTPOINT' || f.code.startsWith('IKE_'));
    expect(auth.length).toBeGreaterThan(0);
    expect(JSON.stringify(auth)).not.toMatch(/pre-share/);
    expect(pair(r, 'Spoke1', 'Spoke3').status).toBe('covered');
  });

  it('WHEN one side uses rsa-sig and the other pre-share THEN phase 1 fails on the authentication method, without a downgrade hint', () => {
    const lab = edit(seedLab('three-spokes'), 'spoke1.cfg', (t) =>
      replaceLine(t, ' authentication pre-share', [' authentication rsa-sig']),
    );
    const r = proveLab(lab);
    const f = codes(pair(r, 'Spoke1', 'Spoke2'), 'IKE_NO_POLICY_MATCH');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('authentication');
    expect(`${f[0]!.message} ${f[0]!.hint}`).not.toMatch(/add `authentication pre-share`|use pre-share/i);
    expect(ping(lab, 'Spoke1', '172.16.1.1', '10.1.1.1')).toBe(false);
  });
});
