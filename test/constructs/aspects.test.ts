import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { Aspects, invokeAspects, type IAspect } from '../../lib/constructs/aspects.js';
import { hubAndSpokes } from '../patterns/fixtures.js';

vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildPolicyExample, RequireAes256, UpgradeToAes256 } = await import('../../examples/aes256-policy.js');

const FAKE_MASTER = 'fake-master-secret-for-aspect-tests-Lq83';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hubspoke-aspects-'));
  dirs.push(d);
  return d;
}

/** An aspect that records `name:path` for every visit. */
function recorder(name: string, log: string[]): IAspect {
  return { visit: (node) => log.push(`${name}:${node.node.path}`) };
}

/** root -> A -> (A1, A2), root -> B */
function tree() {
  const root = new App({ logWarning: () => {} });
  const a = new Construct(root, 'A');
  const a1 = new Construct(a, 'A1');
  const a2 = new Construct(a, 'A2');
  const b = new Construct(root, 'B');
  return { root, a, a1, a2, b };
}

describe('Aspects', () => {
  it('GIVEN aspects on a parent and a child WHEN invoked THEN each visits its scope top-down, parents first, inherited aspects before the own ones', () => {
    const { root, a } = tree();
    const log: string[] = [];
    Aspects.of(root).add(recorder('outer', log));
    Aspects.of(a).add(recorder('inner', log));
    invokeAspects(root);
    expect(log).toEqual([
      'outer:',
      'outer:A',
      'inner:A',
      'outer:A/A1',
      'inner:A/A1',
      'outer:A/A2',
      'inner:A/A2',
      'outer:B',
    ]);
  });

  it('GIVEN aspects already applied WHEN invoked again (a second synth) THEN no construct is visited twice by one aspect', () => {
    const { root } = tree();
    const log: string[] = [];
    Aspects.of(root).add(recorder('x', log));
    invokeAspects(root);
    invokeAspects(root);
    expect(log).toHaveLength(5);
  });

  it('GIVEN an aspect that adds a child WHEN invoked THEN the new child is visited too', () => {
    const { root, b } = tree();
    const log: string[] = [];
    Aspects.of(root).add({
      visit: (node) => {
        log.push(node.node.path);
        if (node === b) new Construct(b, 'Added');
      },
    });
    invokeAspects(root);
    expect(log).toContain('B/Added');
  });

  it('GIVEN an aspect that adds aspects while visiting WHEN invoked THEN one added below is applied, one added to the visited construct is not and is warned about once', () => {
    const { root, a, a1 } = tree();
    const log: string[] = [];
    Aspects.of(a).add({
      visit: (node) => {
        if (node !== a) return;
        Aspects.of(a1).add(recorder('below', log));
        Aspects.of(a).add(recorder('same', log));
      },
    });
    invokeAspects(root);
    expect(log).toEqual(['below:A/A1']);
    expect(Annotations.collect(root).warnings).toEqual([
      expect.objectContaining({
        path: 'A',
        id: 'hubspoke:aspectAddedByAspect',
        message: expect.stringMatching(/not applied in this synth/),
      }),
    ]);
  });

  it('GIVEN an aspect on the App WHEN one stack is synthesized alone (synthesizeStack) THEN the App-level aspect still applies to it', () => {
    const { app, stack } = hubAndSpokes(1);
    const visited: string[] = [];
    Aspects.of(app).add({ visit: (node: IConstruct) => visited.push(node.node.path) });
    synthesizeStack(stack);
    expect(visited).toContain('Stack/Spoke1');
    expect(visited).not.toContain('');
  });

  it('GIVEN an aspect adding an error annotation WHEN the App synthesizes THEN synth fails naming the construct, before the other steps and without writing', () => {
    const outdir = tempDir();
    const app = new App({ outdir, logWarning: () => {} });
    const stack = new HubSpokeStack(app, 'lab');
    Aspects.of(stack).add({ visit: (n) => n === stack && Annotations.of(n).addError('frozen: no changes this week') });
    expect(() => app.synth()).toThrow(/lab: frozen: no changes this week/);
    expect(existsSync(join(outdir, 'lab'))).toBe(false);
  });
});

describe('examples/aes256-policy.ts: "every spoke uses AES-256" as one aspect', () => {
  it('GIVEN a hub asking for AES-128 and the checking aspect WHEN synthesized THEN synth fails with one error per spoke, naming it, and writes nothing', () => {
    const outdir = tempDir();
    const app = buildPolicyExample(new RequireAes256(), outdir, { HUBSPOKE_MASTER_SECRET: FAKE_MASTER });
    expect(() => app.synth()).toThrow(
      /policy\/Branch1\/Router\/IsakmpPolicy: policy: IKE encryption is aes; every spoke must use aes-256[\s\S]*policy\/Branch2\/Router\/IsakmpPolicy: policy: IKE/,
    );
    expect(existsSync(join(outdir, 'policy'))).toBe(false);
  });

  it("GIVEN an IKEv2 hub asking for AES-CBC-128 and the checking aspect WHEN synthesized THEN synth fails naming each spoke's IKEv2 proposal", () => {
    const outdir = tempDir();
    const app = buildPolicyExample(new RequireAes256(), outdir, { HUBSPOKE_MASTER_SECRET: FAKE_MASTER }, 'v2');
    expect(() => app.synth()).toThrow(
      /policy\/Branch1\/Router\/Ikev2Proposal: policy: IKEv2 encryption is aes-cbc-128; every spoke must use aes-cbc-256 or aes-gcm-256[\s\S]*policy\/Branch2\/Router\/Ikev2Proposal: policy: IKEv2/,
    );
    expect(existsSync(join(outdir, 'policy'))).toBe(false);
  });

  it('GIVEN the same stack and the upgrading aspect WHEN synthesized THEN every router (hub included) offers AES-256, the proof passes and the checking aspect is satisfied', () => {
    const outdir = tempDir();
    const app = buildPolicyExample(new UpgradeToAes256(), outdir, { HUBSPOKE_MASTER_SECRET: FAKE_MASTER });
    Aspects.of(app).add(new RequireAes256());
    const result = app.synth();
    const routers = result.stacks[0]!.artifacts.routers;
    expect(routers.map((r) => r.hostname)).toEqual(['hq-hub', 'branch-1', 'branch-2']);
    for (const r of routers) expect(r.text).toMatch(/^ encryption aes 256$|^ encr aes 256$/m);
    expect(result.stacks[0]!.artifacts.proofReport).toMatch(/PROVEN/);
  });
});
