import { describe, expect, it } from 'vitest';
import { Proof, verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { formatText } from '../../lib/verify/findings/format.js';
import { edit, pair, parseLab, proveLab, replaceLine, seedLab, type Lab } from './labs.js';

const LAB = seedLab('three-spokes');

/** Adds lines to an interface block (right after its header). */
function inInterface(lab: Lab, file: string, name: string, lines: string[]): Lab {
  return edit(lab, file, (t) => replaceLine(t, `interface ${name}`, [`interface ${name}`, ...lines]));
}

/** Appends global lines before the final `end`. */
function global(lab: Lab, file: string, lines: string[]): Lab {
  return edit(lab, file, (t) => t.replace(/\nend\s*$/, `\n${lines.join('\n')}\nend\n`));
}

describe('GIVEN the proven reference lab', () => {
  it('WHEN nothing is added THEN every pair is covered and the status says so', () => {
    const r = proveLab(LAB);
    expect(r.ok).toBe(true);
    expect(r.summary.unverified).toBe(0);
    expect(r.pairs.every((p) => p.status === 'covered' && p.covered)).toBe(true);
  });

  it('WHEN a spoke gains a relevant unmodelled line (policy routing on its LAN) THEN its pairs are unverified, the others stay covered, and the verdict is NOT PROVEN', () => {
    const r = proveLab(inInterface(LAB, 'spoke1.cfg', 'Ethernet0', [' ip policy route-map TO-INTERNET']));
    const p = pair(r, 'Spoke1', 'Spoke2');
    expect(p.status).toBe('unverified');
    expect(p.covered).toBe(false);
    const finding = p.problems.find((x) => x.code === 'NOT_MODELLED')!;
    expect(finding).toMatchObject({ device: 'Spoke1', file: 'spoke1.cfg', line: 26 });
    expect(finding.message).toContain('ip policy');
    expect(pair(r, 'Spoke2', 'Spoke1').status).toBe('unverified');
    expect(pair(r, 'Spoke2', 'Spoke3').status).toBe('covered');
    expect(r.summary).toMatchObject({ pairs: 12, covered: 6, broken: 0, unverified: 6, errors: 0 });
    expect(r.ok).toBe(false);
  });

  it('WHEN the hub gains an unknown global command THEN every pair is unverified (every path crosses the hub)', () => {
    const r = proveLab(global(LAB, 'hub.cfg', ['frobnicate all-packets']));
    expect(r.summary).toMatchObject({ pairs: 12, covered: 0, unverified: 12, broken: 0 });
    expect(r.ok).toBe(false);
  });

  it('WHEN a spoke gains only inert lines (logging, ntp, snmp, line vty, description, speed) THEN every pair stays covered', () => {
    let lab = global(LAB, 'spoke2.cfg', [
      'logging buffered 8192',
      'ntp server 192.0.2.123',
      'snmp-server community public RO',
      'line vty 0 4',
      ' transport input ssh',
    ]);
    lab = inInterface(lab, 'spoke2.cfg', 'Ethernet0', [
      ' description LAN',
      ' speed 100',
      ' duplex full',
      ' load-interval 30',
    ]);
    const r = proveLab(lab);
    expect(r.ok).toBe(true);
    expect(r.summary.unverified).toBe(0);
  });

  it('WHEN a spoke has both a real defect and an unmodelled line THEN its pairs are broken (the error is definite), not unverified', () => {
    let lab = inInterface(LAB, 'spoke1.cfg', 'Ethernet0', [' service-policy input POLICE']);
    lab = edit(lab, 'spoke1.cfg', (t) => t.replace(/\n crypto map \S+\n/, '\n'));
    const r = proveLab(lab);
    expect(pair(r, 'Spoke1', 'Spoke2').status).toBe('broken');
    expect(r.summary.broken).toBeGreaterThan(0);
  });

  it('WHEN the verdict is printed THEN the text shows the unverified pairs with the line that keeps them from being proven', () => {
    const r = proveLab(inInterface(LAB, 'spoke1.cfg', 'Ethernet0', [' ip policy route-map TO-INTERNET']));
    const text = formatText(r);
    expect(text).toContain('unverified pairs (6):');
    expect(text).toContain('Spoke1 172.16.1.0/24 -> Spoke2 192.168.1.0/24: NOT_MODELLED at spoke1.cfg:26');
    expect(text).toMatch(/12 pairs, 6 covered, 0 broken, 6 unverified; .*: NOT PROVEN/);
  });
});

describe('GIVEN the leg proof', () => {
  it('WHEN a spoke has an unmodelled line THEN the leg proof declines its pairs and agrees with the pair walk', () => {
    const files = parseLab(inInterface(LAB, 'spoke3.cfg', 'Ethernet0', [' ip verify unicast source reachable-via rx']));
    const proof = new Proof(files);
    const { decided } = proof.decideUnproven();
    expect(decided.length).toBe(6);
    for (const p of decided) {
      expect([p.from, p.to]).toContain('Spoke3');
      expect(p.status).toBe('unverified');
    }
    expect(verifyNetwork(files)).toEqual(verifyNetwork(files, { legProof: false }));
    expect(verifyNetwork(files, { brokenOnly: true })).toEqual(
      verifyNetwork(files, { brokenOnly: true, legProof: false }),
    );
  });

  it('WHEN the hub has an unmodelled line THEN the leg proof proves nothing and every pair is unverified by the walk', () => {
    const files = parseLab(global(LAB, 'hub.cfg', ['router eigrp 10', ' network 10.0.0.0']));
    const { proven, decided } = new Proof(files).decideUnproven();
    expect(proven).toBe(0);
    expect(decided.every((p) => p.status === 'unverified')).toBe(true);
    expect(verifyNetwork(files, { brokenOnly: true })).toEqual(
      verifyNetwork(files, { brokenOnly: true, legProof: false }),
    );
  });
});

describe('GIVEN nothing to prove', () => {
  it('WHEN the configs have no site pair THEN the result is not ok', () => {
    const r = verifyNetwork(
      parseLab({ 'a.cfg': 'hostname A\ninterface Ethernet0\n ip address 10.0.0.1 255.255.255.0\nend\n' }),
    );
    expect(r.summary.pairs).toBe(0);
    expect(r.ok).toBe(false);
  });
});

describe('GIVEN peer failover', () => {
  it('WHEN the silent first peer is a device with an unmodelled line (an edited IKEv2 default) THEN the pairs that fail over past it are unverified', () => {
    // Spoke1 lists Spoke2's WAN address first: Spoke2 has no key for Spoke1, so by the model it is silent.
    const lab = edit(LAB, 'spoke1.cfg', (t) =>
      t
        .replace(' set peer 10.1.4.1', ' set peer 10.1.3.1\n set peer 10.1.4.1')
        .replace(
          'crypto isakmp key cisco123 address 10.1.4.1',
          'crypto isakmp key cisco123 address 10.1.4.1\ncrypto isakmp key cisco123 address 10.1.3.1',
        ),
    );
    const before = proveLab(lab);
    expect(pair(before, 'Spoke1', 'Spoke3').status).toBe('covered');
    const ikev2 = proveLab(global(lab, 'spoke2.cfg', ['crypto ikev2 proposal default', ' group 21']));
    expect(pair(ikev2, 'Spoke1', 'Spoke3').status).toBe('unverified');
    expect(
      pair(ikev2, 'Spoke1', 'Spoke3').problems.some((p) => p.code === 'NOT_MODELLED' && p.device === 'Spoke2'),
    ).toBe(true);
    // An IKEv2 keyring is modelled (docs/ios-semantics.md#ikev2) and plays no part in Spoke1's
    // IKEv1 main mode: Spoke2 stays silent and the failover is proven.
    const v2keyring = proveLab(
      global(lab, 'spoke2.cfg', [
        'crypto ikev2 keyring KR',
        ' peer P1',
        '  address 10.1.2.1',
        '  pre-shared-key other-key-value',
      ]),
    );
    expect(pair(v2keyring, 'Spoke1', 'Spoke3').status).toBe('covered');
    // An IKEv1 keyring is modelled (docs/ios-semantics.md#keyrings-and-isakmp-profiles): its key
    // for Spoke1 differs from Spoke1's, so Spoke2 still drops main mode and the failover is proven.
    const keyring = proveLab(
      global(lab, 'spoke2.cfg', ['crypto keyring KR', ' pre-shared-key address 10.1.2.1 key other-key-value']),
    );
    expect(pair(keyring, 'Spoke1', 'Spoke3').status).toBe('covered');
    expect(
      keyring.findings
        .filter((f) => f.code === 'PEER_NOT_ANSWERING')
        .map((f) => f.message)
        .join(),
    ).toContain('differ');
  });
});
