/**
 * Static VTIs across a NAT device that topology.json declares (docs/ios-semantics.md#tunnel-interfaces):
 * not modelled, so the pairs through that tunnel are unverified (NOT_MODELLED, reason
 * nat-between-ends), never covered and never a guessed TUNNEL_MISMATCH; the emulator does not
 * deliver them either. The rest of the network is proven as before.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { Network } from '../../lib/emulate/index.js';
import { parseTopology, type Topology } from '../../lib/ir/topology.js';
import { parseConfig } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { hubAndSpokes } from '../patterns/fixtures.js';

const PUBLIC = '192.0.2.111';

/** The VTI stack of two spokes, Spoke1 declared behind NAT; `aimPublic`: the hub's tunnel and key name the public address. */
function natVti(aimPublic: boolean) {
  const a = synthesizeStack(hubAndSpokes(2, { design: 'vti', vti: { tunnelPool: '172.31.0.0/24' } }).stack, {
    keyPresentation: 'cleartext',
  });
  const raw = JSON.parse(a.files.get('topology.json')!) as { devices: { wan: { publicAddress?: string }[] }[] };
  raw.devices[1]!.wan[0]!.publicAddress = PUBLIC;
  const topology: Topology = parseTopology(JSON.stringify(raw));
  const files = [...a.files]
    .filter(([name]) => name.endsWith('.cfg'))
    .map(([file, text]) => {
      const t =
        aimPublic && file === 'Hub.cfg'
          ? text
              .replace('tunnel destination 192.0.2.11\n', `tunnel destination ${PUBLIC}\n`)
              .replace('address 192.0.2.11\n', `address ${PUBLIC}\n`)
          : text;
      return { ...parseConfig(t, { file }), file };
    });
  return { files, topology };
}

describe('GIVEN a static VTI network with Spoke1 behind a declared NAT device', () => {
  it.each([
    ['the hub aims at its public address', true],
    ['the hub aims at its private address', false],
  ])(
    'WHEN %s THEN exactly the pairs through Spoke1 are unverified (nat-between-ends), and the emulator delivers none of them',
    (_name, aimPublic) => {
      const { files, topology } = natVti(aimPublic);
      const r = verifyNetwork(files, { topology });
      const through1 = r.pairs.filter((p) => p.from === 'Spoke1' || p.to === 'Spoke1');
      expect(through1.map((p) => p.status)).toEqual(through1.map(() => 'unverified'));
      expect(r.pairs.filter((p) => p.from !== 'Spoke1' && p.to !== 'Spoke1').every((p) => p.status === 'covered')).toBe(
        true,
      );
      expect(r.findings.some((f) => f.code === 'TUNNEL_MISMATCH')).toBe(false);
      expect(
        r.findings
          .filter((f) => f.code === 'NOT_MODELLED')
          .map((f) => f.message)
          .join('\n'),
      ).toContain('a NAT device sits between its two ends');
      const net = Network.fromParsed(files, { topology });
      for (const p of through1) {
        const ping = net.ping({
          from: p.from,
          source: p.fromNetwork.replace(/\.0\/24$/, '.50'),
          to: p.toNetwork.replace(/\.0\/24$/, '.50'),
          repeat: 2,
          asHost: true,
        });
        expect(ping.received, `${p.from} -> ${p.to}`).toBe(0);
      }
    },
  );
});
