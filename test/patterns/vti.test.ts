/**
 * The route-based design (`design: 'vti'` on the Hub, lib/patterns/vti.ts): one static VTI per
 * spoke on the hub and one on each spoke, /30s from the tunnel pool, static routes into the
 * tunnels. Synthesized, rendered, parsed back and proven with no unmodelled line; the emulator
 * agrees with the proof pair by pair, on the correct network and on broken variants; the props
 * the design cannot prove are refused with the construct path and property.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { HubProps } from '../../lib/patterns/hub.js';
import type { SpokeProps } from '../../lib/patterns/spoke.js';
import { hubAndSpokes } from './fixtures.js';

/** The route-based design as a hub says it without `ike`: IKEv2 on IOS-XE 17. */
const VTI_DEFAULT: Partial<HubProps> = { design: 'vti', vti: { tunnelPool: '172.31.0.0/24' } };
/** On IKEv1, whose ISAKMP lines most tests below read or edit. */
const VTI: Partial<HubProps> = { ...VTI_DEFAULT, ike: 'v1' };

type Stack = ReturnType<typeof hubAndSpokes>;

/** Rendered and parsed configs of the hub and every spoke, `edit` applied to the texts first. */
function parsed(s: Stack, edit: (file: string, text: string) => string = (_f, t) => t) {
  const irs = [s.hub.router.toIr(), ...s.spokes.map((x) => x.router.toIr())];
  return irs.map((ir) => {
    const file = `${ir.hostname}.cfg`;
    const text = edit(file, renderConfig(ir).text);
    return { ...parseConfig(text, { file }), file, text };
  });
}

/** Host `.50` of a site's first LAN, by hostname (`Hub`, `SpokeN`). */
function host(device: string): string {
  const i = device === 'Hub' ? 0 : Number(device.slice('Spoke'.length));
  return `10.${i}.0.50`;
}

/** Every pair's proof status, and whether an emulated host ping of the pair gets through encrypted. */
function proofAndEmulator(files: ReturnType<typeof parsed>) {
  const proof = verifyNetwork(files);
  const net = Network.fromParsed(files);
  return proof.pairs.map((p) => {
    for (const f of files) net.device(f.file.replace('.cfg', '')).exec('clear crypto sa');
    const before = net.wanLog.length;
    const r = net.ping({ from: p.from, source: host(p.from), to: host(p.to), repeat: 2, asHost: true });
    const clear = net.wanLog.slice(before).filter((x) => !x.encrypted).length;
    return { pair: `${p.from}->${p.to}`, status: p.status, emulated: r.received === r.sent && clear === 0 };
  });
}

describe("GIVEN a Hub with design 'vti' and three spokes", () => {
  it('WHEN synthesized THEN every pair is proven, topology.json has the LANs as sites and the tunnel sources as WAN', () => {
    const a = synthesizeStack(hubAndSpokes(3, VTI).stack);
    expect(a.proofReport).toContain('12/12 ordered site pairs covered');
    expect(a.topology.devices.map((d) => d.sites)).toEqual([
      ['10.0.0.0/24'],
      ['10.1.0.0/24'],
      ['10.2.0.0/24'],
      ['10.3.0.0/24'],
    ]);
    expect(a.topology.devices.map((d) => d.wan.map((w) => w.interface))).toEqual([
      ['GigabitEthernet1'],
      ['GigabitEthernet1'],
      ['GigabitEthernet1'],
      ['GigabitEthernet1'],
    ]);
  });

  it('WHEN rendered THEN the hub has one VTI per spoke on consecutive /30s, routes into them, and no crypto map', () => {
    const [hub, spoke2] = [parsed(hubAndSpokes(3, VTI))[0]!.text, parsed(hubAndSpokes(3, VTI))[2]!.text];
    expect(hub).toContain(
      [
        'interface Tunnel2',
        ' description VTI to Spoke2',
        ' ip address 172.31.0.5 255.255.255.252',
        ' no shutdown',
        ' tunnel source GigabitEthernet1',
        ' tunnel destination 192.0.2.12',
        ' tunnel mode ipsec ipv4',
        ' tunnel protection ipsec profile HUBSPOKE-VTI',
      ].join('\n'),
    );
    expect(hub).toContain('crypto ipsec profile HUBSPOKE-VTI\n set transform-set HUBSPOKE-TS\n set pfs group19\n');
    expect(hub).toContain('ip route 10.3.0.0 255.255.255.0 Tunnel3\n');
    expect(hub).not.toMatch(/crypto map|access-list/);
    expect(spoke2).toContain(' ip address 172.31.0.6 255.255.255.252\n');
    expect(spoke2).toContain(' tunnel destination 192.0.2.1\n');
    for (const lan of ['10.0.0.0', '10.1.0.0', '10.3.0.0'])
      expect(spoke2).toContain(`ip route ${lan} 255.255.255.0 Tunnel1\n`);
    expect(spoke2).not.toMatch(/crypto map|access-list/);
  });

  it('WHEN proven THEN no finding is an error or NOT_MODELLED, and the hub forwards spoke to spoke between tunnels in the emulator', () => {
    const files = parsed(hubAndSpokes(3, VTI));
    const result = verifyNetwork(files);
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(result.summary.covered).toBe(12);
    const net = Network.fromParsed(files);
    const ping = net.device('Spoke1').exec('ping 10.3.0.1 source 10.1.0.1').ping!;
    expect(ping.marks).toBe('!!!!!');
    expect(net.wanLog.length).toBeGreaterThan(0);
    expect(net.wanLog.every((p) => p.encrypted)).toBe(true);
  });

  it('WHEN the hub summarizes (aclMode summarized) THEN spokes route the site pool into their tunnel and every pair is proven', () => {
    const s = hubAndSpokes(3, { ...VTI, aclMode: 'summarized', sitePools: ['10.0.0.0/13'] });
    const files = parsed(s);
    expect(files[1]!.text).toContain('ip route 10.0.0.0 255.248.0.0 Tunnel1\n');
    expect(files[0]!.text).toContain('ip route 10.1.0.0 255.255.255.0 Tunnel1\n');
    expect(verifyNetwork(files).summary.covered).toBe(12);
  });

  it('WHEN the hub says no ike (IKEv2 on IOS-XE) THEN the IPsec profiles name the IKEv2 profile, keys are IKEv2 keyring peers, and every pair is proven and pinged', () => {
    const s = hubAndSpokes(3, VTI_DEFAULT);
    expect(s.hub.ike).toBe('v2');
    expect(synthesizeStack(s.stack).proofReport).toContain('12/12 ordered site pairs covered');
    const files = parsed(s);
    const [hub, spoke1] = [files[0]!.text, files[1]!.text];
    for (const text of [hub, spoke1]) {
      expect(text).toContain(
        'crypto ipsec profile HUBSPOKE-VTI\n set transform-set HUBSPOKE-TS\n set pfs group19\n set ikev2-profile HUBSPOKE-PROFILE\n',
      );
      expect(text).not.toMatch(/crypto isakmp|crypto map/);
    }
    expect(hub).toMatch(/crypto ikev2 keyring HUBSPOKE-KEYRING\n peer Spoke1\n  address 192\.0\.2\.11\n/);
    expect(spoke1).toMatch(/ peer Hub\n  address 192\.0\.2\.1\n/);
    const result = verifyNetwork(files);
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    const rows = proofAndEmulator(files);
    expect(rows.filter((r) => r.status !== 'covered' || !r.emulated)).toEqual([]);
  });

  it.each(['v1', 'v2'] as const)(
    'WHEN the hub sources IKE from a loopback (ikeSource, ike %s) THEN its tunnels are sourced from it, the spokes aim and route at it, and proof and emulator agree',
    (ike) => {
      const s = hubAndSpokes(3, { ...VTI, ike, ikeSource: { loopback: 'Loopback0', address: '10.255.0.1' } });
      const a = synthesizeStack(s.stack);
      expect(a.proofReport).toContain('12/12 ordered site pairs covered');
      // The uplink carries the ESP (WAN); the loopback is neither WAN nor a site.
      expect(a.topology.devices[0]!.wan.map((w) => w.interface)).toEqual(['GigabitEthernet1']);
      expect(a.topology.devices[0]!.sites).toEqual(['10.0.0.0/24']);
      const files = parsed(s);
      const [hub, spoke1] = [files[0]!.text, files[1]!.text];
      expect(hub).toContain('interface Loopback0\n ip address 10.255.0.1 255.255.255.255\n');
      expect(hub.match(/ tunnel source Loopback0\n/g)).toHaveLength(3);
      expect(hub).not.toContain('crypto map');
      expect(spoke1).toContain(' tunnel destination 10.255.0.1\n');
      expect(spoke1).toContain('ip route 10.255.0.1 255.255.255.255 GigabitEthernet1\n');
      expect(spoke1).toMatch(
        ike === 'v1' ? /crypto isakmp key \S+ address 10\.255\.0\.1\n/ : / peer Hub\n  address 10\.255\.0\.1\n/,
      );
      const result = verifyNetwork(files);
      expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
      const rows = proofAndEmulator(files);
      expect(rows.filter((r) => r.status !== 'covered' || !r.emulated)).toEqual([]);
    },
  );

  it('WHEN the loopback lies in the tunnel pool THEN synth names the hub, the pool and the loopback', () => {
    const s = hubAndSpokes(1, { ...VTI, ikeSource: { loopback: 'Loopback0', address: '172.31.0.9' } });
    expect(() => synthesizeStack(s.stack)).toThrow(
      'Stack/Hub: vti.tunnelPool 172.31.0.0/24 overlaps ikeSource address of Stack/Hub 172.31.0.9/32',
    );
  });

  it('WHEN the platform is ios-15 THEN every pair is proven too', () => {
    const a = synthesizeStack(hubAndSpokes(2, { ...VTI, platform: 'ios-15' }).stack);
    expect(a.proofReport).toContain('6/6 ordered site pairs covered');
  });
});

/** Defects injected into the rendered texts: the proof breaks the pairs, the emulator drops them. */
const DEFECTS: { name: string; file: string; from: RegExp; to: string }[] = [
  {
    name: 'a spoke key differs',
    file: 'Spoke2.cfg',
    from: /crypto isakmp key \S+/,
    to: 'crypto isakmp key other-Key-0x9Fq2',
  },
  {
    name: 'a spoke tunnel points at the wrong hub address',
    file: 'Spoke1.cfg',
    from: /tunnel destination 192\.0\.2\.1\n/,
    to: 'tunnel destination 192.0.2.99\n',
  },
  {
    name: 'a spoke transform set differs',
    file: 'Spoke3.cfg',
    from: /esp-aes 256 esp-sha256-hmac/,
    to: 'esp-aes 128 esp-sha256-hmac',
  },
  {
    name: 'a hub route into the wrong tunnel',
    file: 'Hub.cfg',
    from: /(10\.1\.0\.0 255\.255\.255\.0) Tunnel1/,
    to: '$1 Tunnel2',
  },
];

describe("GIVEN the 'vti' network with defects injected after rendering", () => {
  it('WHEN nothing is changed THEN the proof and the emulator agree that every pair gets through', () => {
    const rows = proofAndEmulator(parsed(hubAndSpokes(3, VTI)));
    expect(rows.filter((r) => r.status !== 'covered' || !r.emulated)).toEqual([]);
  });

  it.each(DEFECTS)('WHEN $name THEN some pairs break and the emulator agrees on every decided pair', (d) => {
    const files = parsed(hubAndSpokes(3, VTI), (f, t) => (f === d.file ? t.replace(d.from, d.to) : t));
    expect(files.find((f) => f.file === d.file)!.text).not.toBe(
      parsed(hubAndSpokes(3, VTI)).find((f) => f.file === d.file)!.text,
    );
    const rows = proofAndEmulator(files);
    expect(rows.some((r) => r.status === 'broken')).toBe(true);
    for (const r of rows) {
      if (r.status === 'unverified') expect(r.emulated, r.pair).toBe(false);
      else expect(r.emulated, `${r.pair}: proof ${r.status}`).toBe(r.status === 'covered');
    }
  });
});

describe("GIVEN props the 'vti' design refuses", () => {
  const spoke = (p: Partial<SpokeProps>) => () => hubAndSpokes(1, VTI, { spokeProps: () => p });

  it('WHEN the tunnel pool overlaps a spoke LAN or a WAN subnet THEN synth names the hub, the property and the site', () => {
    expect(() => synthesizeStack(hubAndSpokes(2, { design: 'vti', vti: { tunnelPool: '10.2.0.0/25' } }).stack)).toThrow(
      'Stack/Hub: vti.tunnelPool 10.2.0.0/25 overlaps site LAN of Stack/Spoke2 10.2.0.0/24',
    );
    expect(() =>
      synthesizeStack(hubAndSpokes(1, { design: 'vti', vti: { tunnelPool: '192.0.2.0/28' } }).stack),
    ).toThrow('Stack/Hub: vti.tunnelPool 192.0.2.0/28 overlaps WAN subnet of Stack/Hub 192.0.2.0/24');
  });

  it('WHEN the pool is too small for the spokes THEN the spoke that does not fit is named', () => {
    expect(() => hubAndSpokes(3, { design: 'vti', vti: { tunnelPool: '172.31.0.0/29' } })).toThrow(
      'Stack/Hub: vti.tunnelPool 172.31.0.0/29 has room for 2 tunnel /30s; Stack/Spoke3 would be spoke 3 (use a larger pool)',
    );
    expect(() => hubAndSpokes(1, { design: 'vti', vti: { tunnelPool: '172.31.0.0/31' } })).toThrow(
      /Stack\/Hub: vti\.tunnelPool .*is smaller than one tunnel \/30/,
    );
  });

  it('WHEN design and vti do not go together THEN the Hub prop is refused', () => {
    expect(() => hubAndSpokes(1, { design: 'vti' })).toThrow(/Stack\/Hub: vti .*is required with design 'vti'/);
    expect(() => hubAndSpokes(1, { vti: { tunnelPool: '172.31.0.0/24' } })).toThrow(
      /Stack\/Hub: vti .*needs design 'vti'/,
    );
    expect(() => hubAndSpokes(1, { ...VTI, keying: 'keyring' })).toThrow(
      /Stack\/Hub: keying "keyring" 'keyring' is not supported with design 'vti' and IKEv1: .*with ike 'v2' the keys are in the IKEv2 keyring/,
    );
    expect(() => hubAndSpokes(1, { ...VTI, dynamicSpokes: {} })).toThrow(
      "Stack/Hub: dynamicSpokes has no meaning with design 'vti': every spoke needs a static WAN address (tunnel destination); spokes on DHCP or PPPoE need design 'crypto-map'",
    );
  });

  it('WHEN the hub or a spoke is IOS 12.2 (no static VTIs before 12.3(14)T) THEN its platform is refused', () => {
    expect(() => hubAndSpokes(1, { ...VTI, platform: 'ios-12.2' })).toThrow(
      'Stack/Hub: platform "ios-12.2" has no static VTIs (introduced in IOS 12.3(14)T)',
    );
    expect(spoke({ platform: 'ios-12.2' })).toThrow('Stack/Spoke1: platform "ios-12.2" has no static VTIs');
  });

  it('WHEN a spoke asks for what the design cannot prove THEN the spoke prop is refused', () => {
    expect(spoke({ wan: { address: 'dhcp' } })).toThrow(
      "Stack/Spoke1: wan.address must be a static address with the hub's design 'vti': it is the hub tunnel's destination (a spoke on DHCP or PPPoE needs the hub's design 'crypto-map', whose dynamic crypto map answers it)",
    );
    expect(spoke({ internetBreakout: { nat: 'overload' } })).toThrow(
      "Stack/Spoke1: internetBreakout is not supported with the hub's design 'vti'",
    );
    expect(spoke({ behindNat: { publicAddress: '198.51.100.7' } })).toThrow(
      "Stack/Spoke1: behindNat is not supported with the hub's design 'vti': the static VTI rules do not model a NAT device between the tunnel ends",
    );
    expect(spoke({ sequence: 20 })).toThrow("Stack/Spoke1: sequence 20 has no meaning with the hub's design 'vti'");
    expect(spoke({ tunnelTrigger: {} })).toThrow('Stack/Spoke1: tunnelTrigger has no meaning');
  });

  it('WHEN crypto-map accessors are used on a vti spoke THEN they say where the tunnel is', () => {
    const s = hubAndSpokes(1, VTI);
    expect(() => s.spokes[0]!.cryptoEntry).toThrow("Stack/Spoke1: its hub's design is 'vti'");
    expect(() => s.hub.entryFor(s.spokes[0]!)).toThrow('Stack/Spoke1 is a spoke of the route-based design');
    expect(s.spokes[0]!.vti!.hubSide.hubTunnel.name).toBe('Tunnel1');
    expect(s.spokes[0]!.vti!.tunnel.address).toEqual({ ip: '172.31.0.2', prefixLength: 30 });
  });
});

describe("GIVEN a 'vti' stack of two spokes with placeholder keys", () => {
  it('WHEN synthesized THEN every config and topology.json match their file snapshots', async () => {
    const files = synthesizeStack(hubAndSpokes(2, VTI).stack, { keyPresentation: 'placeholder', env: {} }).files;
    for (const [name, text] of files)
      if (name.endsWith('.cfg') || name === 'topology.json')
        await expect(text).toMatchFileSnapshot(`__snapshots__/vti/${name}`);
  });
});
