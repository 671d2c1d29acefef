import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { addVpn, caught, FAKE_PSK } from './small-vpn.js';
import { Hub } from '../../lib/patterns/hub.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-hostnames-'));
  dirs.push(d);
  return d;
}

describe('hostnames are unique per stack', () => {
  it('GIVEN two stacks in one App, each with routers named Hub, Spoke1 and Spoke2 WHEN synthesized THEN both are written, each to its own folder', () => {
    const out = tempDir();
    const app = new App({ outdir: out, logWarning: () => {} });
    addVpn(new HubSpokeStack(app, 'east'));
    addVpn(new HubSpokeStack(app, 'west'));
    const result = app.synth();
    expect(result.stacks.map((s) => s.stackId)).toEqual(['east', 'west']);
    for (const s of ['east', 'west'])
      expect(
        readdirSync(join(out, s))
          .filter((f) => f.endsWith('.cfg'))
          .sort(),
      ).toEqual(['Hub.cfg', 'Spoke1.cfg', 'Spoke2.cfg']);
  });

  it('GIVEN one stack with two routers named Hub (any case) WHEN synthesized THEN the error names both construct paths', () => {
    const app = new App({ outdir: tempDir(), logWarning: () => {} });
    const stack = new HubSpokeStack(app, 'east');
    addVpn(stack);
    new Hub(stack, 'Hub2', {
      hostname: 'HUB',
      lan: { address: '10.9.0.1/24' },
      wan: { address: '192.0.2.99/24' },
      preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
    });
    expect(caught(() => app.synth()).messages).toContain(
      'east/Hub2/Router: hostname "HUB" is already used by east/Hub/Router; each router\'s config file is named after its hostname',
    );
  });

  it('GIVEN one plain-text key in two stacks whose routers share hostnames WHEN synthesized THEN the reuse warning counts the pairs of both stacks', () => {
    const app = new App({ outdir: tempDir(), logWarning: () => {} });
    addVpn(new HubSpokeStack(app, 'east'));
    addVpn(new HubSpokeStack(app, 'west'));
    const reuse = app.synth().warnings.find((w) => w.code === undefined && w.id === 'REUSED_PSK');
    expect(reuse?.message).toMatch(/used by 4 peer pairs/);
  });
});
