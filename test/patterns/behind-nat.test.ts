/**
 * The Spoke's `behindNat` (docs/ios-semantics.md#nat-traversal): the hub calls and keys on the
 * public address, its profile matches the spoke's own (private) identity, topology.json records
 * the mapping, and synth proves every pair; without the topology the proof states the assumption.
 */
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../lib/render/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { Network } from '../../lib/emulate/index.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import type { HubProps } from '../../lib/patterns/hub.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { hubAndSpokes } from './fixtures.js';

const PUBLIC = '198.51.100.20';
const PRIVATE = '192.168.50.2';

/** Spoke2 on a private WAN behind a NAT device at PUBLIC, on IKEv1 (IKEv2 behind NAT: ikev2.test.ts). */
function natStack(hubProps: Partial<HubProps> = {}) {
  return hubAndSpokes(
    3,
    { ike: 'v1', ...hubProps },
    {
      spokeProps: (i) =>
        i === 2
          ? { wan: { address: `${PRIVATE}/24`, gateway: '192.168.50.1' }, behindNat: { publicAddress: PUBLIC } }
          : {},
    },
  );
}

function rendered(stack: ReturnType<typeof hubAndSpokes>) {
  const irs = [stack.hub.router.toIr(), ...stack.spokes.map((s) => s.router.toIr())];
  const texts = irs.map((ir) => ({ file: `${ir.hostname}.cfg`, text: renderConfig(ir).text }));
  return texts.map((t) => ({ ...parseConfig(t.text, { file: t.file }), file: t.file, text: t.text }));
}

describe('GIVEN a Spoke with behindNat: { publicAddress }', () => {
  it('WHEN keys are derived from a master secret THEN both ends derive the key for the public address and synth proves', () => {
    const key = PreSharedKey.derivedFrom(MasterSecret.fromEnv('NAT_MASTER'));
    const env = { NAT_MASTER: 'fake-master-for-behind-nat-tests-6d2e' };
    const s = natStack({ preSharedKey: key });
    const hubKey = s.hub.router.toIr({ env }).isakmpKeys.find((k) => k.address === PUBLIC)!.key;
    expect(s.spokes[1]!.router.toIr({ env }).isakmpKeys[0]!.key).toBe(hubKey);
    expect(synthesizeStack(s.stack, { env }).proofReport).toContain('12/12 ordered site pairs covered');
  });

  it('WHEN synthesized THEN topology.json records the public address and synth proves every pair', () => {
    const artifacts = synthesizeStack(natStack().stack);
    const spoke2 = artifacts.topology.devices.find((d) => d.hostname === 'Spoke2')!;
    expect(spoke2.wan).toEqual([{ interface: expect.any(String), address: `${PRIVATE}/24`, publicAddress: PUBLIC }]);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    expect(artifacts.proofReport).not.toContain('NAT_MAPPING_ASSUMED');
  });

  it('WHEN rendered THEN the hub peers with, keys on and routes to the public address; the spoke keeps its private WAN', () => {
    const parsed = rendered(natStack());
    const hub = parsed[0]!.text;
    expect(hub).toContain(` set peer ${PUBLIC}\n`);
    expect(hub).toMatch(new RegExp(`crypto isakmp key \\S+ address ${PUBLIC.replaceAll('.', '\\.')}\\n`));
    expect(hub).not.toContain(PRIVATE);
    expect(parsed[2]!.text).toContain(`ip address ${PRIVATE} 255.255.255.0`);
  });

  it('WHEN the rendered configs are verified without the topology THEN every pair is covered under the stated NAT assumption, and the emulator reaches the spoke', () => {
    const parsed = rendered(natStack());
    const result = verifyNetwork(parsed);
    expect(result.ok).toBe(true);
    expect(result.summary.covered).toBe(result.summary.pairs);
    expect(result.findings.filter((f) => f.code === 'NAT_MAPPING_ASSUMED').map((f) => f.message)).toEqual([
      expect.stringContaining(`Spoke2's ${PRIVATE} to ${PUBLIC}`),
    ]);
    const net = Network.fromParsed(parsed);
    const ping = net.device('Spoke1').exec('ping 10.2.0.1 source 10.1.0.1').ping!;
    expect(ping.received).toBe(ping.sent);
  });

  it("WHEN keying is keyring THEN the hub's profile matches the spoke's own address, its key the public one, and the proof covers every pair", () => {
    const parsed = rendered(natStack({ keying: 'keyring' }));
    const hub = parsed[0]!.text;
    expect(hub).toContain(` match identity address ${PRIVATE} 255.255.255.255`);
    expect(hub).toMatch(new RegExp(`pre-shared-key address ${PUBLIC.replaceAll('.', '\\.')} key`));
    expect(verifyNetwork(parsed).ok).toBe(true);
  });

  it('WHEN the public address equals the WAN address or two spokes share it THEN the props are refused', () => {
    expect(() => hubAndSpokes(1, {}, { spokeProps: () => ({ behindNat: { publicAddress: '192.0.2.11' } }) })).toThrow(
      /behindNat\.publicAddress.*equals wan\.address/,
    );
    const shared = hubAndSpokes(2, {}, { spokeProps: () => ({ behindNat: { publicAddress: PUBLIC } }) });
    expect(() => synthesizeStack(shared.stack)).toThrow(/share the address 198\.51\.100\.20/);
  });
});
