/**
 * Dynamic crypto maps and DHCP spokes on hand-written configs (docs/ios-semantics.md
 * #dynamic-crypto-maps, #dhcp-wan-addresses, #ip-sla-probes): test/fixtures/dynamic-spokes is a hub
 * with a static entry for branch3 and a dynamic map at 65535 for two DHCP branches.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseTopology } from '../../lib/ir/topology.js';
import { formatText } from '../../lib/verify/findings/format.js';
import type { VerifyResult } from '../../lib/verify/types.js';
import { dynamicLab, withProbe } from './dynamic-lab.js';
import { codes, edit, pair, parseLab, proveLab, replaceLine } from './labs.js';

const HOSTS = ['hub', 'branch1', 'branch2', 'branch3'] as const;

/** Codes per ordered pair, without the assumption every pair through a DHCP branch states. */
function verdicts(r: VerifyResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of HOSTS)
    for (const b of HOSTS) {
      if (a === b) continue;
      const p = pair(r, a, b);
      const found = [...new Set(p.problems.map((x) => x.code).filter((c) => c !== 'DYNAMIC_ADDRESS_ASSUMED'))].sort();
      out[`${a}>${b}`] = `${p.status}${found.length ? ` ${found.join(',')}` : ''}`;
    }
  return out;
}

describe('hub with a dynamic crypto map and DHCP branches', () => {
  it('GIVEN the fixture WHEN proven THEN every pair is covered; pairs towards a DHCP branch under SPOKE_MUST_INITIATE, spoke to spoke included', () => {
    const r = proveLab(dynamicLab());
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(verdicts(r)).toEqual({
      'hub>branch1': 'covered SPOKE_MUST_INITIATE',
      'hub>branch2': 'covered SPOKE_MUST_INITIATE',
      'hub>branch3': 'covered',
      'branch1>hub': 'covered',
      'branch1>branch2': 'covered SPOKE_MUST_INITIATE',
      'branch1>branch3': 'covered',
      'branch2>hub': 'covered',
      'branch2>branch1': 'covered SPOKE_MUST_INITIATE',
      'branch2>branch3': 'covered',
      'branch3>hub': 'covered',
      'branch3>branch1': 'covered SPOKE_MUST_INITIATE',
      'branch3>branch2': 'covered SPOKE_MUST_INITIATE',
    });
    // The condition names the branch line whose SA must be up; no hint to change a working design.
    const must = r.findings.filter((f) => f.code === 'SPOKE_MUST_INITIATE');
    expect(must.map((f) => [f.device, f.file, f.line, f.severity])).toEqual([
      ['branch1', 'spoke1.cfg', 33, 'warning'],
      ['branch2', 'spoke2.cfg', 33, 'warning'],
    ]);
    expect(r.findings.map((f) => f.code)).not.toContain('WRONG_PEER');
    expect(r.findings.map((f) => f.code)).not.toContain('PROXY_MISMATCH');
    // The lease is a stated assumption, printed with the interface line.
    const assumed = r.findings.filter((f) => f.code === 'DYNAMIC_ADDRESS_ASSUMED');
    expect(assumed.map((f) => [f.device, f.line])).toEqual([
      ['branch1', 21],
      ['branch2', 21],
    ]);
    expect(assumed[0]!.message).toContain('100.64.0.2/30 via gateway 100.64.0.1');
    expect(JSON.stringify(r)).not.toContain('fake-dynamic-key');
    // The text matrix marks the conditional pairs and says what the mark means.
    const text = formatText(r);
    expect(text).toMatch(/\[1\] hub 10\.0\.0\.0\/24\s+\.\s+ok\*\s+ok\*\s+ok\n/);
    expect(text).toContain('ok* = covered on condition that the destination spoke brought its SA up');
  });

  it('GIVEN an IP SLA probe from branch1 LAN to the hub LAN WHEN proven THEN its condition goes; branch2 keeps its own', () => {
    const r = proveLab(withProbe(dynamicLab(), 'spoke1.cfg', '10.1.1.1', '10.0.0.1'));
    const v = verdicts(r);
    expect([v['hub>branch1'], v['branch2>branch1'], v['branch3>branch1']]).toEqual(['covered', 'covered', 'covered']);
    expect([v['hub>branch2'], v['branch1>branch2']]).toEqual([
      'covered SPOKE_MUST_INITIATE',
      'covered SPOKE_MUST_INITIATE',
    ]);
  });

  it('GIVEN probes that cannot keep the SA up (source on the WAN, not scheduled for ever) WHEN proven THEN the condition stays', () => {
    const wanSourced = edit(dynamicLab(), 'spoke1.cfg', (t) =>
      replaceLine(t, 'end', [
        'ip sla 1',
        ' icmp-echo 10.0.0.1',
        'ip sla schedule 1 life forever start-time now',
        'end',
      ]),
    );
    const pending = edit(dynamicLab(), 'spoke1.cfg', (t) =>
      replaceLine(t, 'end', [
        'ip sla 1',
        ' icmp-echo 10.0.0.1 source-ip 10.1.1.1',
        'ip sla schedule 1 life 600',
        'end',
      ]),
    );
    for (const lab of [wanSourced, pending])
      expect(verdicts(proveLab(lab))['hub>branch1']).toBe('covered SPOKE_MUST_INITIATE');
  });

  it('GIVEN the dynamic entry without reverse-route WHEN proven THEN the hub routes branch traffic into its LAN: NO_ROUTE', () => {
    const r = proveLab(edit(dynamicLab(), 'hub.cfg', (t) => replaceLine(t, ' reverse-route', [])));
    expect(pair(r, 'hub', 'branch1').status).toBe('broken');
    expect(codes(pair(r, 'branch3', 'branch2'), 'NO_ROUTE').map((f) => f.line)).toEqual([38]);
    expect(pair(r, 'hub', 'branch3').status).toBe('covered');
  });

  it('GIVEN a dynamic ACL that leaves out branch2 WHEN proven THEN branch2 proposals are refused (PROXY_MISMATCH on the dynamic ACL), branch1 still works', () => {
    const r = proveLab(
      edit(dynamicLab(), 'hub.cfg', (t) =>
        replaceLine(t, ' permit ip 10.0.0.0 0.255.255.255 10.1.0.0 0.0.255.255', [
          ' permit ip 10.0.0.0 0.255.255.255 10.1.1.0 0.0.0.255',
        ]),
      ),
    );
    const v = verdicts(r);
    expect(v['branch2>hub']).toContain('broken');
    expect(codes(pair(r, 'branch2', 'hub'), 'PROXY_MISMATCH').map((f) => [f.device, f.line])).toEqual([['hub', 43]]);
    expect(v['branch1>hub']).toBe('covered');
    expect(v['hub>branch1']).toBe('covered SPOKE_MUST_INITIATE');
    expect(r.findings.map((f) => f.code)).not.toContain('WRONG_PEER');
  });

  it('GIVEN no wildcard key on the hub WHEN proven THEN every pair with a DHCP branch is broken by PSK_MISSING on the hub; branch3 is untouched', () => {
    const r = proveLab(
      edit(dynamicLab(), 'hub.cfg', (t) =>
        replaceLine(t, 'crypto isakmp key fake-dynamic-key-0001 address 0.0.0.0 0.0.0.0', []),
      ),
    );
    expect(codes(pair(r, 'branch1', 'hub'), 'PSK_MISSING').map((f) => f.device)).toEqual(['hub']);
    // The hint asks for a key that can match a run-time address, never one for the proof's lease.
    const missing = r.findings.filter((f) => f.code === 'PSK_MISSING');
    expect(missing.length).toBeGreaterThan(0);
    for (const f of missing) {
      expect(f.message).toContain('takes its address at run time');
      expect(f.hint).toContain('crypto isakmp key <key> address 0.0.0.0 0.0.0.0');
      expect(f.hint).not.toContain('100.64.');
    }
    expect(pair(r, 'hub', 'branch2').status).toBe('broken');
    expect(pair(r, 'hub', 'branch3').status).toBe('covered');
  });

  /** branch2 on PPPoE: the crypto map on a Dialer with a negotiated address, the port in its pool. */
  function pppoeBranch2(defaultRoute: string[]) {
    return edit(dynamicLab(), 'spoke2.cfg', (t) =>
      replaceLine(
        replaceLine(t, 'ip route 0.0.0.0 0.0.0.0 dhcp', [...defaultRoute, 'dialer-list 1 protocol ip permit']),
        ' ip address dhcp',
        [
          ' no ip address',
          ' pppoe enable group global',
          ' pppoe-client dial-pool-number 1',
          '!',
          'interface Dialer1',
          ' ip address negotiated',
          ' ip mtu 1492',
          ' encapsulation ppp',
          ' ip tcp adjust-mss 1452',
          ' dialer pool 1',
          ' dialer-group 1',
          ' ppp authentication chap callin',
          ' ppp chap hostname branch2@isp.example',
          ' ppp chap password 0 fake-ppp-password',
          ' ppp ipcp dns request',
        ],
      ),
    );
  }

  it('GIVEN branch2 on PPPoE (Dialer, ip address negotiated, default route via the Dialer) WHEN proven THEN its pairs prove as a DHCP branch does, under the stated address assumption, and no PPP line is unmodelled', () => {
    const r = proveLab(pppoeBranch2(['ip route 0.0.0.0 0.0.0.0 Dialer1']));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.findings.map((f) => f.code)).not.toContain('NOT_MODELLED');
    const v = verdicts(r);
    expect(v['branch2>hub']).toBe('covered');
    expect(v['hub>branch2']).toBe('covered SPOKE_MUST_INITIATE');
    expect(v['branch1>branch2']).toBe('covered SPOKE_MUST_INITIATE');
    const assumed = r.findings.filter((f) => f.code === 'DYNAMIC_ADDRESS_ASSUMED' && f.device === 'branch2');
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.message).toContain('Dialer1');
    expect(JSON.stringify(r)).not.toContain('fake-ppp-password');
  });

  it('GIVEN branch2 on PPPoE whose default route comes from IPCP (ppp ipcp route default) WHEN proven THEN its pairs are unverified, never covered', () => {
    const r = proveLab(
      edit(pppoeBranch2([]), 'spoke2.cfg', (t) =>
        replaceLine(t, ' ppp ipcp dns request', [' ppp ipcp dns request', ' ppp ipcp route default']),
      ),
    );
    const notModelled = r.findings.filter((f) => f.code === 'NOT_MODELLED' && f.device === 'branch2');
    expect(notModelled.map((f) => f.message).join('\n')).toContain('ppp ipcp route');
    expect(pair(r, 'branch2', 'hub').status).not.toBe('covered');
    expect(pair(r, 'hub', 'branch2').status).not.toBe('covered');
  });

  it("GIVEN a topology that declares branch1's lease WHEN proven and emulated THEN both use that lease and the proof states it", () => {
    const device = (hostname: string, file: string, site: string, more: object) => ({
      hostname,
      file,
      platform: 'ios-15',
      role: hostname === 'hub' ? 'hub' : 'spoke',
      sites: [site],
      ...(hostname === 'hub' ? {} : { hub: 'hub' }),
      ...more,
    });
    const topology = parseTopology(
      JSON.stringify({
        format: 'hubspoke-topology',
        version: 1,
        stack: 'dynamic',
        devices: [
          device('hub', 'hub.cfg', '10.0.0.0/24', {
            wan: [{ interface: 'GigabitEthernet0/0', address: '203.0.113.1/24' }],
          }),
          device('branch1', 'spoke1.cfg', '10.1.1.0/24', {
            wan: [],
            leases: [{ interface: 'GigabitEthernet0/0', address: '192.0.2.10/24', gateway: '192.0.2.1' }],
          }),
          device('branch2', 'spoke2.cfg', '10.1.2.0/24', { wan: [] }),
          device('branch3', 'spoke3.cfg', '10.3.0.0/24', {
            wan: [{ interface: 'GigabitEthernet0/0', address: '198.51.100.10/24' }],
          }),
        ],
        underlay: { segments: [] },
      }),
    );
    const r = proveLab(dynamicLab(), { topology });
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const assumed = r.findings.filter((f) => f.code === 'DYNAMIC_ADDRESS_ASSUMED');
    expect(assumed.find((f) => f.device === 'branch1')?.message).toContain('192.0.2.10/24 via gateway 192.0.2.1');
    // branch2 declares nothing: the default lease.
    expect(assumed.find((f) => f.device === 'branch2')?.message).toContain('100.64.0.');
    const net = Network.fromParsed(parseLab(dynamicLab()), { topology });
    net.ping({ from: 'branch1', source: '10.1.1.1', to: '10.0.0.1', repeat: 1 });
    expect(net.device('hub').exec('show ip route').output).toContain('via 192.0.2.10');
  });
});
