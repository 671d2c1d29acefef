import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { Aspects } from '../../lib/constructs/aspects.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { Testing } from '../../lib/testing/testing.js';

const KEY = 'Qm7vXr2Lp9Kw4Nz8Hb3Jy6Fd';
const OTHER_KEY = 'Wd4Hs8Nq1Zb6Lk3Tc9Vy2Mx';
const out = mkdtempSync(join(tmpdir(), 'hubspoke-testing-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** A hub and two spokes, each pair with its own plain-text key; `mismatch` breaks Spoke2's. */
function vpn(mismatch = false) {
  const app = new App({ outdir: out, logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'lab');
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(KEY),
  });
  const spokes = [1, 2].map(
    (i) =>
      new Spoke(stack, `Spoke${i}`, {
        hub,
        hostname: `Spoke${i}`,
        lan: { address: `10.${i}.0.1/24` },
        wan: { address: `192.0.2.${10 + i}/24` },
        preSharedKey: PreSharedKey.unsafePlainText(`${KEY}-${i}`),
      }),
  );
  if (mismatch) spokes[1]!.hubKey.setKey(PreSharedKey.unsafePlainText(OTHER_KEY));
  return { app, stack, hub, spokes };
}

describe('Testing.synth', () => {
  it('GIVEN a stack WHEN synthesized THEN configs (text and parsed IR), proof, topology and annotations come back, and nothing is written', () => {
    const { stack } = vpn();
    Annotations.of(stack).addInfo('lab only');
    const result = Testing.synth(stack);
    expect(result.stackId).toBe('lab');
    expect([...result.configs.keys()]).toEqual(['Hub', 'Spoke1', 'Spoke2']);
    const hub = result.config('Hub');
    expect(hub).toMatchObject({ hostname: 'Hub', file: 'Hub.cfg', path: 'lab/Hub/Router' });
    expect(hub.text).toMatch(/^hostname Hub$/m);
    expect(hub.parsed.hostname).toBe('Hub');
    expect(hub.parsed.cryptoMaps[0]!.entries.map((e) => e.peers)).toEqual([['192.0.2.11'], ['192.0.2.12']]);
    expect(hub.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.proven).toBe(true);
    expect(result.proofErrors).toEqual([]);
    expect(result.verification.summary).toMatchObject({ pairs: 6, covered: 6, broken: 0 });
    expect(result.topology.devices.map((d) => `${d.hostname}:${d.role}`)).toEqual([
      'Hub:hub',
      'Spoke1:spoke',
      'Spoke2:spoke',
    ]);
    expect(result.infos).toEqual([{ path: 'lab', message: 'lab only' }]);
    expect(result.proofReport).toMatch(/PROVEN/);
    expect(readdirSync(out)).toEqual([]);
    expect(() => result.config('Spoke9')).toThrow(
      'stack lab has no router with hostname "Spoke9" (it has Hub, Spoke1, Spoke2)',
    );
  });

  it('GIVEN a stack whose proof fails WHEN synthesized THEN the result says so with the very messages App.synth() throws', () => {
    const result = Testing.synth(vpn(true).stack);
    expect(result.proven).toBe(false);
    let thrown: ValidationError | undefined;
    try {
      vpn(true).app.synth();
    } catch (e) {
      thrown = e as ValidationError;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(result.proofErrors).toEqual(thrown!.messages);
    expect(result.verification.pairs.filter((p) => !p.covered)).toHaveLength(4);
    expect(readdirSync(out)).toEqual([]);
  });

  it('GIVEN a validation error WHEN synthesized THEN it throws ValidationError, as synth does', () => {
    const { stack, spokes } = vpn();
    Annotations.of(spokes[0]!).addError('closed site');
    expect(() => Testing.synth(stack)).toThrow(ValidationError);
    expect(() => Testing.synth(stack)).toThrow(/lab\/Spoke1: closed site/);
  });

  it('GIVEN an aspect on the App WHEN one stack is synthesized THEN the aspect has run first', () => {
    const { app, stack } = vpn();
    Aspects.of(app).add({ visit: (n) => n instanceof Hub && Annotations.of(n).addInfo(`hub ${n.hostname} checked`) });
    expect(Testing.synth(stack).infos).toEqual([{ path: 'lab/Hub', message: 'hub Hub checked' }]);
  });

  it('GIVEN the result WHEN printed, serialized or snapshot THEN no key appears (the texts are masked)', () => {
    const result = Testing.synth(vpn().stack);
    const printed = [
      inspect(result),
      JSON.stringify(result),
      inspect(result.config('Hub')),
      JSON.stringify([...result.configs.values()]),
      result.config('Hub').redactedText,
    ];
    for (const p of printed) {
      expect(p).not.toContain(KEY);
    }
    // IKEv2 (the IOS-XE default): the keyring peer's key line is masked.
    expect(result.config('Hub').redactedText).toContain(
      ' peer Spoke1\n  address 192.0.2.11\n  pre-shared-key <redacted>\n',
    );
    expect(result.config('Hub').text).toContain(`${KEY}-1`);
  });

  it("GIVEN keyPresentation 'placeholder' WHEN synthesized THEN the configs hold placeholders", () => {
    const result = Testing.synth(vpn().stack, { keyPresentation: 'placeholder' });
    expect(result.config('Hub').text).not.toContain(KEY);
  });
});
