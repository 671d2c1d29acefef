/**
 * The Hub's `ikeSource` (docs/ios-semantics.md#crypto-local-address): a loopback, `crypto map M
 * local-address` naming it, spokes peering with, keying on and routing to its address; the proof
 * of the rendered configs covers every pair.
 */
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../lib/render/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { Network } from '../../lib/emulate/index.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { hubAndSpokes } from './fixtures.js';

const IKE_SOURCE = { loopback: 'Loopback0', address: '10.255.0.1' };

function rendered(stack: ReturnType<typeof hubAndSpokes>) {
  const irs = [stack.hub.router.toIr(), ...stack.spokes.map((s) => s.router.toIr())];
  const texts = irs.map((ir) => ({ file: `${ir.hostname}.cfg`, text: renderConfig(ir).text }));
  return texts.map((t) => ({ ...parseConfig(t.text, { file: t.file }), file: t.file, text: t.text }));
}

describe('GIVEN a Hub with ikeSource', () => {
  it('WHEN the stack is synthesized (topology.json included) THEN the loopback is no site and synth proves every pair', () => {
    const s = hubAndSpokes(2, { ikeSource: IKE_SOURCE });
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.topology.devices[0]!.sites).toEqual(['10.0.0.0/24']);
    expect(artifacts.proofReport).toContain('6/6 ordered site pairs covered');
  });

  it('WHEN synthesized THEN the hub has the loopback and local-address, spokes peer with it, and the proof covers every pair', () => {
    const s = hubAndSpokes(3, { ikeSource: IKE_SOURCE, ike: 'v1' });
    const parsed = rendered(s);
    const hub = parsed[0]!.text;
    expect(hub).toContain('interface Loopback0\n ip address 10.255.0.1 255.255.255.255');
    expect(hub).toContain('crypto map HUBSPOKE-MAP local-address Loopback0\n');
    expect(hub).toMatch(/crypto isakmp key \S+ address 192\.0\.2\.11\n/);
    const spoke = parsed[1]!.text;
    expect(spoke).toContain(' set peer 10.255.0.1\n');
    expect(spoke).toMatch(/crypto isakmp key \S+ address 10\.255\.0\.1\n/);
    expect(spoke).toMatch(/\nip route 10\.255\.0\.1 255\.255\.255\.255 \S+/);
    const result = verifyNetwork(parsed);
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.covered).toBe(result.summary.pairs);
    const net = Network.fromParsed(parsed);
    const ping = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(ping.received).toBe(ping.sent);
  });

  it('WHEN keying is keyring THEN the proof still covers every pair', () => {
    const result = verifyNetwork(rendered(hubAndSpokes(2, { ikeSource: IKE_SOURCE, ike: 'v1', keying: 'keyring' })));
    expect(result.ok).toBe(true);
  });

  it('WHEN ikeSource names no loopback THEN the Hub prop is refused', () => {
    expect(() => hubAndSpokes(1, { ikeSource: { loopback: 'Ethernet9', address: '10.255.0.1' } })).toThrow(
      'Stack/Hub: ikeSource.loopback "Ethernet9" must name a Loopback interface',
    );
  });
});
