/**
 * The Spoke's `internetBreakout` (PAT on the WAN with a VPN exemption): what is emitted, that the
 * proof proves it in both ACL modes, and that removing the exemption breaks exactly that spoke's
 * pairs with NAT_BEFORE_CRYPTO on its NAT line, the emulator's host pings agreeing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import type { HubProps } from '../../lib/patterns/hub.js';
import type { SpokeProps } from '../../lib/patterns/spoke.js';
import { renderConfig } from '../../lib/render/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import type { VerifyResult } from '../../lib/verify/types.js';
import { hubAndSpokes } from './fixtures.js';

const BREAKOUT = { nat: 'overload' } as const;

/** Hub 10.0.0.0/24 and spokes 10.<i>.0.0/24; the spokes listed in `breakout` (1-based) break out. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stack(
  n: number,
  breakout: readonly number[],
  hubProps: Partial<HubProps> = {},
  spoke: Partial<SpokeProps> = {},
) {
  const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-breakout-'));
  dirs.push(outdir);
  return hubAndSpokes(n, hubProps, {
    outdir,
    spokeProps: (i) => (breakout.includes(i) ? { internetBreakout: BREAKOUT, ...spoke } : {}),
  });
}

/** Renders the routers as synth writes them, parses them back and proves them. */
function prove(s: ReturnType<typeof stack>) {
  const irs = [s.hub.router.toIr(), ...s.spokes.map((x) => x.router.toIr())];
  const texts = new Map(irs.map((ir) => [ir.hostname, renderConfig(ir).text]));
  const parsed = irs.map((ir) => ({
    ...parseConfig(texts.get(ir.hostname)!, { file: `${ir.hostname}.cfg` }),
    file: `${ir.hostname}.cfg`,
  }));
  return { texts, parsed, result: verifyNetwork(parsed) };
}

const brokenPairs = (r: VerifyResult) =>
  r.pairs
    .filter((p) => !p.covered)
    .map((p) => `${p.from}>${p.to}`)
    .sort();

describe('GIVEN a Spoke with internetBreakout: { nat: "overload" }', () => {
  it('WHEN rendered THEN the LAN is ip nat inside, the WAN ip nat outside, the route-map denies the crypto ACL before permitting the LAN, and a default route leaves through the WAN', () => {
    const s = stack(2, [1]);
    const text = prove(s).texts.get('Spoke1')!;
    expect(text).toMatch(/\ninterface GigabitEthernet2\n ip address 10\.1\.0\.1 255\.255\.255\.0\n ip nat inside\n/);
    expect(text).toMatch(
      /\ninterface GigabitEthernet1\n ip address 192\.0\.2\.11 255\.255\.255\.0\n ip nat outside\n no shutdown\n crypto map HUBSPOKE-MAP\n/,
    );
    expect(text).toContain('\nip nat inside source route-map INTERNET-BREAKOUT interface GigabitEthernet1 overload\n');
    expect(text).toContain(
      '\nroute-map INTERNET-BREAKOUT deny 10\n match ip address VPN-Spoke1\nroute-map INTERNET-BREAKOUT permit 20\n match ip address INTERNET-LANS\n',
    );
    expect(text).toContain('\nip access-list extended INTERNET-LANS\n permit ip 10.1.0.0 0.0.0.255 any\n');
    expect(text).toContain('\nip route 0.0.0.0 0.0.0.0 GigabitEthernet1\n');
    const other = prove(s).texts.get('Spoke2')!;
    expect(other).not.toContain('ip nat');
    expect(other).not.toContain('0.0.0.0 0.0.0.0');
  });

  it('WHEN the WAN has a gateway or the spoke declares its own default route THEN the default route uses it, once', () => {
    const viaGateway = stack(1, [1], {}, { wan: { address: '192.0.2.11/24', gateway: '192.0.2.254' } });
    expect(viaGateway.spokes[0]!.router.toIr().staticRoutes.filter((r) => r.prefix.prefixLength === 0)).toEqual([
      expect.objectContaining({ nextHop: '192.0.2.254' }),
    ]);
    const declared = stack(1, [1], {}, { routes: [{ destination: '0.0.0.0/0', nextHop: '192.0.2.253' }] });
    expect(declared.spokes[0]!.router.toIr().staticRoutes.filter((r) => r.prefix.prefixLength === 0)).toEqual([
      expect.objectContaining({ nextHop: '192.0.2.253' }),
    ]);
  });

  it('WHEN some spokes break out (exact ACLs) THEN every pair is proven, without NAT findings', () => {
    const { result } = prove(stack(4, [1, 3]));
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(result.summary.covered).toBe(result.summary.pairs);
    expect(result.summary.pairs).toBe(20);
  });

  it('WHEN the stack is synthesized THEN synth proves it, and fails when an exemption is removed', () => {
    const good = stack(3, [1, 3], { aclMode: 'summarized', sitePools: ['10.0.0.0/8'] });
    const written = good.app.synth().stacks[0]!.files.map((f) => f.split(/[\\/]/).pop());
    expect(written).toContain('Spoke3.cfg');
    const bad = stack(3, [1, 3]);
    bad.spokes[2]!.internetBreakout!.routeMap.removeEntry(10);
    expect(() => bad.app.synth()).toThrow(/NAT_BEFORE_CRYPTO/);
  });

  it('WHEN some spokes break out (summarized ACLs, numbered, two LANs) THEN every pair is proven', () => {
    const s = stack(
      3,
      [2],
      { aclMode: 'summarized', sitePools: ['10.0.0.0/8'], aclNaming: 'numbered' },
      {
        lan: [{ address: '10.2.0.1/24' }, { address: '10.2.1.1/24' }],
      },
    );
    const { texts, result } = prove(s);
    expect(texts.get('Spoke2')).toContain('\nroute-map INTERNET-BREAKOUT deny 10\n match ip address 120\n');
    expect(texts.get('Spoke2')).toContain(' permit ip 10.2.0.0 0.0.0.255 any\n permit ip 10.2.1.0 0.0.0.255 any\n');
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(result.summary.covered).toBe(result.summary.pairs);
  });

  it("WHEN the exemption entry is removed (escape hatch) THEN exactly that spoke's pairs break, with NAT_BEFORE_CRYPTO on its NAT line, and the emulator's host pings agree", () => {
    const s = stack(3, [1, 2]);
    s.spokes[0]!.internetBreakout!.routeMap.removeEntry(10);
    const { texts, parsed, result } = prove(s);
    expect(brokenPairs(result)).toEqual([
      'Hub>Spoke1',
      'Spoke1>Hub',
      'Spoke1>Spoke2',
      'Spoke1>Spoke3',
      'Spoke2>Spoke1',
      'Spoke3>Spoke1',
    ]);
    const natLine =
      texts
        .get('Spoke1')!
        .split('\n')
        .indexOf('ip nat inside source route-map INTERNET-BREAKOUT interface GigabitEthernet1 overload') + 1;
    for (const p of result.pairs.filter((x) => !x.covered)) {
      const nat = p.problems.filter((f) => f.code === 'NAT_BEFORE_CRYPTO').map((f) => [f.device, f.line]);
      expect(nat, `${p.from} -> ${p.to}`).toContainEqual(['Spoke1', natLine]);
    }
    const net = Network.fromParsed(parsed);
    const host = (site: string) => (site === 'Hub' ? '10.0.0.10' : `10.${site.slice(5)}.0.10`);
    for (const p of result.pairs) {
      for (const d of net.devices()) d.exec('clear crypto sa');
      const before = net.wanLog.length;
      const ping = net.ping({ from: p.from, source: host(p.from), to: host(p.to), asHost: true, repeat: 2 });
      const clear = net.wanLog.slice(before).some((x) => !x.encrypted);
      expect(ping.received === ping.sent && !clear, `${p.from} -> ${p.to}: proof ${p.covered}\n${ping.output}`).toBe(
        p.covered,
      );
    }
  });

  it('WHEN the props are wrong THEN zod names the spoke and the property', () => {
    const bad = (internetBreakout: unknown) => () =>
      stack(1, [1], {}, { internetBreakout: internetBreakout as SpokeProps['internetBreakout'] });
    expect(bad({ nat: 'static' })).toThrow(/Stack\/Spoke1.*internetBreakout\.nat.*is not a breakout NAT mode/s);
    expect(bad({})).toThrow(/internetBreakout\.nat/);
    expect(bad({ nat: 'overload', pool: 'X' })).toThrow(/internetBreakout/);
  });
});
