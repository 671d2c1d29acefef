/**
 * The patterns' keyring option and dead peer detection default (docs/ios-semantics.md
 * #keyrings-and-isakmp-profiles, #dead-peer-detection): what is emitted, and that the proof proves it.
 */
import { describe, expect, it } from 'vitest';
import { renderConfig } from '../../lib/render/index.js';
import { parseConfig } from '../../lib/parse/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { FAKE_PSK, hubAndSpokes } from './fixtures.js';

/** Renders the stack's routers and proves them (the configs as synth writes them). */
function proveStack(stack: ReturnType<typeof hubAndSpokes>) {
  const irs = [stack.hub.router.toIr(), ...stack.spokes.map((s) => s.router.toIr())];
  const texts = irs.map((ir) => ({ file: `${ir.hostname}.cfg`, text: renderConfig(ir).text }));
  const parsed = texts.map((t) => ({ ...parseConfig(t.text, { file: t.file }), file: t.file }));
  return { texts, result: verifyNetwork(parsed) };
}

describe('GIVEN keying: keyring', () => {
  it('WHEN synthesized THEN the hub holds one keyring key and one match identity per spoke, every entry names the profile, and the proof covers every pair', () => {
    const s = hubAndSpokes(3, { ike: 'v1', keying: 'keyring' });
    const hub = s.hub.router.toIr();
    expect(hub.isakmpKeys).toEqual([]);
    expect(hub.keyrings?.map((k) => [k.name, k.keys.map((x) => x.peer.kind === 'address' && x.peer.address)])).toEqual([
      ['HUBSPOKE-KEYRING', ['192.0.2.11', '192.0.2.12', '192.0.2.13']],
    ]);
    expect(hub.isakmpProfiles?.map((p) => [p.name, p.keyrings.map((k) => k.name), p.matchIdentities.length])).toEqual([
      ['HUBSPOKE-PROFILE', ['HUBSPOKE-KEYRING'], 3],
    ]);
    expect(hub.cryptoMaps[0]!.entries.map((e) => e.isakmpProfile)).toEqual([
      'HUBSPOKE-PROFILE',
      'HUBSPOKE-PROFILE',
      'HUBSPOKE-PROFILE',
    ]);
    const spoke = s.spokes[0]!.router.toIr();
    expect(spoke.keyrings?.[0]?.keys.map((k) => k.peer)).toEqual([
      { kind: 'address', address: '192.0.2.1', prefixLength: 32 },
    ]);
    expect(spoke.cryptoMaps[0]!.entries[0]!.isakmpProfile).toBe('HUBSPOKE-PROFILE');
    const { texts, result } = proveStack(s);
    expect(texts[0]!.text).toContain('crypto keyring HUBSPOKE-KEYRING\n pre-shared-key address 192.0.2.11 key ');
    expect(texts[0]!.text).toContain(' match identity address 192.0.2.11 255.255.255.255');
    expect(result.findings.filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.covered).toBe(result.summary.pairs);
  });

  it('WHEN keys are presented as placeholders THEN keyring keys are placeholders too, equal on both ends of each pair', () => {
    const s = hubAndSpokes(2, { ike: 'v1', keying: 'keyring' });
    const hubKeys = s.hub.router.toIr({ keyPresentation: 'placeholder' }).keyrings![0]!.keys;
    const spokeKey = s.spokes[1]!.router.toIr({ keyPresentation: 'placeholder' }).keyrings![0]!.keys[0]!;
    expect(hubKeys.map((k) => k.key).join()).not.toContain(FAKE_PSK);
    expect(hubKeys[1]!.key).toMatch(/^HUBSPOKE-PSK-/);
    expect(spokeKey.key).toBe(hubKeys[1]!.key);
    expect(hubKeys[0]!.key).not.toBe(hubKeys[1]!.key);
  });
});

describe('GIVEN dead peer detection', () => {
  it("WHEN nothing is said on IOS-XE THEN hub and spokes run DPD 10 3 periodic: in the IKEv2 profile, or as crypto isakmp keepalive with ike: 'v1'", () => {
    const v2 = hubAndSpokes(1);
    for (const r of [v2.hub.router, v2.spokes[0]!.router]) {
      const text = renderConfig(r.toIr()).text;
      expect(text).toContain('\ncrypto ikev2 profile HUBSPOKE-PROFILE\n');
      expect(text).toContain('\n dpd 10 3 periodic\n');
      expect(text).not.toContain('crypto isakmp');
    }
    const v1 = hubAndSpokes(1, { ike: 'v1' });
    for (const r of [v1.hub.router, v1.spokes[0]!.router])
      expect(renderConfig(r.toIr()).text).toContain('\ncrypto isakmp keepalive 10 3 periodic\n');
  });

  it('WHEN the hub turns it off or sets its own THEN the spokes follow, and a spoke may override', () => {
    const off = hubAndSpokes(1, { ike: 'v1', deadPeerDetection: false });
    expect(renderConfig(off.spokes[0]!.router.toIr()).text).not.toContain('keepalive');
    const own = hubAndSpokes(1, { ike: 'v1', deadPeerDetection: { seconds: 30, mode: 'on-demand' } });
    expect(renderConfig(own.spokes[0]!.router.toIr()).text).toContain('\ncrypto isakmp keepalive 30 on-demand\n');
  });

  it('WHEN the platform is IOS 12.2 THEN none is rendered by default, and periodic is refused', () => {
    const s = hubAndSpokes(1, { platform: 'ios-12.2', crypto: { allowLegacyCrypto: true } });
    expect(renderConfig(s.hub.router.toIr()).text).not.toContain('keepalive');
    const bad = hubAndSpokes(1, { platform: 'ios-12.2', deadPeerDetection: { seconds: 10, mode: 'periodic' } });
    expect(() => bad.app.synth()).toThrow(ValidationError);
  });

  it('WHEN the interval is out of range THEN the Hub is refused naming the property', () => {
    expect(() => hubAndSpokes(1, { deadPeerDetection: { seconds: 5 } })).toThrow(
      /deadPeerDetection.*not a DPD interval/,
    );
  });
});
