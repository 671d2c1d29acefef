/**
 * The emulator and tunnel interfaces (docs/ios-semantics.md#tunnel-interfaces): a packet routed
 * into a tunnel is dropped as not modelled, never delivered as if the tunnel were a LAN.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../../lib/emulate/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { tunnelLab, type TunnelDesign } from '../verify/tunnel-labs.js';

function network(design: TunnelDesign): Network {
  const lab = tunnelLab(design);
  const files = Object.keys(lab).map((file) => ({ ...parseConfig(lab[file]!, { file }), file }));
  return Network.fromParsed(files, { configTexts: new Map(Object.entries(lab)) });
}

describe('GIVEN the hand-written static-VTI network emulated', () => {
  it('WHEN a spoke pings another spoke LAN THEN the echo goes through both VTIs and the hub and comes back', () => {
    const net = network('svti');
    const r = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(r.marks).toBe('!!!!!');
    expect(net.wanLog.length).toBeGreaterThan(0);
    expect(net.wanLog.every((p) => p.encrypted)).toBe(true);
  });
});

describe.each<TunnelDesign>(['gre'])('GIVEN the hand-written %s network emulated', (design) => {
  it('WHEN a spoke pings another spoke LAN THEN the echo stops at the tunnel, reason tunnel-not-modelled', () => {
    const r = network(design).device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(r.marks).toBe('.....');
    expect(r.losses[0]).toMatchObject({ leg: 'request', device: 'Spoke1', reason: 'tunnel-not-modelled' });
  });
});
